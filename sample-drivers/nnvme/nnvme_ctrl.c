// SPDX-License-Identifier: GPL-2.0
/*
 * nnvme: the controller.
 *
 *   disable  CC.EN = 0, wait for CSTS.RDY = 0 (CAP.TO bounds both waits)
 *   enable   AQA/ASQ/ACQ for the admin queue, then CC with the entry
 *            sizes and the page size, wait for CSTS.RDY = 1; CSTS.CFS
 *            (fatal status) fails it at once
 *   start    disable, enable, identify (first start), number of queues,
 *            create the I/O CQ/SQ pairs
 *   stop     a normal shutdown (CC.SHN), then disable
 *   reset    disable, fail what was outstanding, start again
 *
 * Admin commands are synchronous: the caller holds admin_sema, submits,
 * and polls the admin CQ between short sleeps (the admin vector's
 * handler reaps it too; whichever comes first marks the slot done).
 * World context only: everything here may block.
 */
#include "nnvme.h"

/* How long an admin command may take before it is given up. */
#define NNVME_ADMIN_TIMEOUT_MS	5000
/* Poll interval of the register and admin waits. */
#define NNVME_POLL_US		100

static vmk_TimerCycles nnvme_deadline(vmk_uint32 ms)
{
	return vmk_GetTimerCycles() + vmk_TimerMSToTC(ms);
}

static vmk_Bool nnvme_expired(vmk_TimerCycles deadline)
{
	return (vmk_int64)(vmk_GetTimerCycles() - deadline) > 0;
}

/* Wait until (CSTS & mask) == val; CFS or all ones fail the wait. */
static VMK_ReturnStatus nnvme_wait_csts(struct nnvme_ctrl *ctrl,
					vmk_uint32 mask, vmk_uint32 val,
					vmk_uint32 timeout_ms)
{
	vmk_TimerCycles deadline = nnvme_deadline(timeout_ms);
	vmk_uint32 csts;

	for (;;) {
		csts = nnvme_rd32(ctrl, NVME_REG_CSTS);
		if (csts == 0xffffffffu)
			return VMK_NO_CONNECT;
		if ((csts & mask) == val)
			return VMK_OK;
		if (csts & NVME_CSTS_CFS) {
			vmk_Warning(nnvme_log, "%s: controller fatal status (CSTS %#x)",
				    ctrl->name.string, csts);
			return VMK_IO_ERROR;
		}
		if (nnvme_expired(deadline))
			return VMK_TIMEOUT;
		vmk_WorldSleep(NNVME_POLL_US);
	}
}

VMK_ReturnStatus nnvme_ctrl_disable(struct nnvme_ctrl *ctrl)
{
	vmk_uint32 cc = nnvme_rd32(ctrl, NVME_REG_CC);
	VMK_ReturnStatus status;

	ctrl->enabled = VMK_FALSE;
	ctrl->admin.live = VMK_FALSE;
	if (cc & NVME_CC_EN)
		nnvme_wr32(ctrl, NVME_REG_CC, cc & ~NVME_CC_EN);
	status = nnvme_wait_csts(ctrl, NVME_CSTS_RDY, 0, ctrl->timeout_ms);
	/* A controller in fatal status still resets with EN = 0. */
	if (status == VMK_IO_ERROR &&
	    !(nnvme_rd32(ctrl, NVME_REG_CSTS) & NVME_CSTS_RDY))
		status = VMK_OK;
	if (status != VMK_OK)
		vmk_Warning(nnvme_log, "%s: disable failed: %s",
			    ctrl->name.string, vmk_StatusToString(status));
	return status;
}

static VMK_ReturnStatus nnvme_ctrl_enable(struct nnvme_ctrl *ctrl)
{
	struct nnvme_queue *aq = &ctrl->admin;
	vmk_uint32 cc;
	VMK_ReturnStatus status;

	nnvme_wr32(ctrl, NVME_REG_AQA,
		   (aq->depth - 1) << NVME_AQA_ASQS_SHIFT |
		   (aq->depth - 1) << NVME_AQA_ACQS_SHIFT);
	nnvme_wr64(ctrl, NVME_REG_ASQ, aq->sq_mem.io.ioAddr);
	nnvme_wr64(ctrl, NVME_REG_ACQ, aq->cq_mem.io.ioAddr);
	cc = NVME_CC_EN | NVME_CC_CSS_NVM |
	     (NVME_CTRL_PAGE_SHIFT - 12) << NVME_CC_MPS_SHIFT |
	     NVME_CC_AMS_RR | NVME_CC_SHN_NONE |
	     NVME_SQES << NVME_CC_IOSQES_SHIFT |
	     NVME_CQES << NVME_CC_IOCQES_SHIFT;
	nnvme_wr32(ctrl, NVME_REG_CC, cc);
	status = nnvme_wait_csts(ctrl, NVME_CSTS_RDY, NVME_CSTS_RDY,
				 ctrl->timeout_ms);
	if (status != VMK_OK) {
		vmk_Warning(nnvme_log, "%s: enable failed: %s",
			    ctrl->name.string, vmk_StatusToString(status));
		return status;
	}
	aq->live = VMK_TRUE;
	return VMK_OK;
}

/*
 * Run one admin command and wait for it.  Caller holds admin_sema.
 * VMK_OK, VMK_IO_ERROR (the controller's status was not success; logged),
 * VMK_TIMEOUT, VMK_NOT_READY (no admin queue).
 */
VMK_ReturnStatus nnvme_admin_exec(struct nnvme_ctrl *ctrl,
				  struct nvme_sqe *sqe, vmk_uint32 *result)
{
	struct nnvme_queue *aq = &ctrl->admin;
	vmk_TimerCycles deadline;
	struct nnvme_cmd *c;
	vmk_uint16 status;

	if (!aq->live || ctrl->gone)
		return VMK_NOT_READY;
	vmk_SpinlockLockIgnoreDeathPending(aq->lock);
	c = nnvme_cmd_get(aq);
	if (!c) {
		vmk_SpinlockUnlock(aq->lock);
		return VMK_BUSY;
	}
	sqe->cid = c->cid;
	nnvme_submit(aq, sqe);
	vmk_SpinlockUnlock(aq->lock);

	deadline = nnvme_deadline(NNVME_ADMIN_TIMEOUT_MS);
	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		if (nnvme_expired(deadline)) {
			/*
			 * The slot stays busy: a late CQE still finds it, and
			 * the next reset frees it.
			 */
			vmk_Warning(nnvme_log, "%s: admin command %#x timed out",
				    ctrl->name.string, sqe->opcode);
			return VMK_TIMEOUT;
		}
		vmk_WorldSleep(NNVME_POLL_US);
		nnvme_queue_reap(aq);
	}
	status = c->status;
	if (result)
		*result = c->result;
	vmk_SpinlockLockIgnoreDeathPending(aq->lock);
	if (c->busy)
		nnvme_cmd_put(aq, c);
	vmk_SpinlockUnlock(aq->lock);
	if (NVME_STATUS_SC(status) || NVME_STATUS_SCT(status)) {
		vmk_Warning(nnvme_log, "%s: admin command %#x failed: status %#x",
			    ctrl->name.string, sqe->opcode, status);
		return VMK_IO_ERROR;
	}
	return VMK_OK;
}

static VMK_ReturnStatus nnvme_identify(struct nnvme_ctrl *ctrl,
				       vmk_uint32 cns, vmk_uint32 nsid,
				       struct nnvme_dma_mem *buf)
{
	struct nvme_sqe sqe = {
		.opcode = NVME_ADMIN_IDENTIFY,
		.nsid = nsid,
		.prp1 = buf->io.ioAddr,
		.cdw10 = cns,
	};

	return nnvme_admin_exec(ctrl, &sqe, NULL);
}

/* An identify ASCII field without its trailing blanks. */
static void nnvme_copy_ascii(char *dst, const vmk_uint8 *src,
			     vmk_uint32 len)
{
	vmk_Memcpy(dst, src, len);
	dst[len] = '\0';
	while (len && (dst[len - 1] == ' ' || dst[len - 1] == '\0'))
		dst[--len] = '\0';
}

static VMK_ReturnStatus nnvme_identify_all(struct nnvme_ctrl *ctrl)
{
	struct nnvme_dma_mem buf = { 0 };
	const vmk_uint8 *id;
	vmk_uint32 nn, lbaf;
	vmk_uint8 mdts, flbas;
	VMK_ReturnStatus status;

	status = nnvme_attach_step(ctrl, "identify buffer") ?:
		 nnvme_dma_mem_alloc(ctrl, &buf, NVME_CTRL_PAGE_SIZE);
	if (status != VMK_OK)
		return status;
	id = (const vmk_uint8 *)buf.va;
	status = nnvme_attach_step(ctrl, "identify controller") ?:
		 nnvme_identify(ctrl, NVME_ID_CNS_CTRL, 0, &buf);
	if (status != VMK_OK)
		goto out;
	nnvme_copy_ascii(ctrl->serial, &id[NVME_ID_CTRL_SN], 20);
	nnvme_copy_ascii(ctrl->model, &id[NVME_ID_CTRL_MN], 40);
	nnvme_copy_ascii(ctrl->firmware, &id[NVME_ID_CTRL_FR], 8);
	mdts = id[NVME_ID_CTRL_MDTS];
	vmk_Memcpy(&nn, &id[NVME_ID_CTRL_NN], sizeof(nn));
	vmk_Memcpy(&ctrl->oacs, &id[NVME_ID_CTRL_OACS], sizeof(ctrl->oacs));
	ctrl->vwc = (id[NVME_ID_CTRL_VWC] & NVME_ID_CTRL_VWC_PRESENT) != 0;
	ctrl->max_xfer = NNVME_MAX_XFER;
	if (mdts && mdts < 32 &&
	    ((vmk_uint64)NVME_CTRL_PAGE_SIZE << mdts) < ctrl->max_xfer)
		ctrl->max_xfer = NVME_CTRL_PAGE_SIZE << mdts;
	if (nn < 1) {
		vmk_Warning(nnvme_log, "%s: no namespace", ctrl->name.string);
		status = VMK_NOT_FOUND;
		goto out;
	}

	vmk_Memset((void *)buf.va, 0, NVME_CTRL_PAGE_SIZE);
	ctrl->ns.nsid = 1;
	status = nnvme_attach_step(ctrl, "identify namespace") ?:
		 nnvme_identify(ctrl, NVME_ID_CNS_NS, ctrl->ns.nsid, &buf);
	if (status != VMK_OK)
		goto out;
	vmk_Memcpy(&ctrl->ns.blocks, &id[NVME_ID_NS_NSZE],
		   sizeof(ctrl->ns.blocks));
	flbas = id[NVME_ID_NS_FLBAS] & 0xf;
	vmk_Memcpy(&lbaf, &id[NVME_ID_NS_LBAF + 4 * flbas], sizeof(lbaf));
	ctrl->ns.lba_shift = NVME_LBAF_LBADS(lbaf);
	vmk_Memcpy(ctrl->ns.nguid, &id[NVME_ID_NS_NGUID], 16);
	vmk_Memcpy(ctrl->ns.eui64, &id[NVME_ID_NS_EUI64], 8);
	if (!ctrl->ns.blocks || ctrl->ns.lba_shift < 9 ||
	    ctrl->ns.lba_shift > NVME_CTRL_PAGE_SHIFT) {
		vmk_Warning(nnvme_log, "%s: namespace 1: %llu blocks of 2^%u bytes: not usable",
			    ctrl->name.string, ctrl->ns.blocks,
			    ctrl->ns.lba_shift);
		status = VMK_NOT_SUPPORTED;
		goto out;
	}
	vmk_Log(nnvme_log, "%s: %s (fw %s, sn %s): %llu blocks of %u bytes, write cache %s, max transfer %u KB, doorbell buffers %s",
		ctrl->name.string, ctrl->model, ctrl->firmware, ctrl->serial,
		ctrl->ns.blocks, 1u << ctrl->ns.lba_shift,
		ctrl->vwc ? "yes" : "no", ctrl->max_xfer / 1024,
		ctrl->oacs & NVME_OACS_DBBUF ? "yes" : "no");
out:
	/*
	 * A timed-out identify stays in the controller's hands: stop it
	 * before its buffer goes back (the start that called us disables
	 * it anyway).
	 */
	if (status == VMK_TIMEOUT)
		nnvme_ctrl_disable(ctrl);
	nnvme_dma_mem_free(ctrl, &buf);
	return status;
}

/* Set Features, Number of Queues: how many I/O pairs we may create. */
static VMK_ReturnStatus nnvme_set_num_queues(struct nnvme_ctrl *ctrl,
					     vmk_uint32 *num)
{
	struct nvme_sqe sqe = {
		.opcode = NVME_ADMIN_SET_FEATURES,
		.cdw10 = NVME_FEAT_NUM_QUEUES,
		.cdw11 = (*num - 1) | (*num - 1) << 16,
	};
	vmk_uint32 result, nsq, ncq;
	VMK_ReturnStatus status;

	status = nnvme_admin_exec(ctrl, &sqe, &result);
	if (status != VMK_OK)
		return status;
	nsq = (result & 0xffff) + 1;
	ncq = (result >> 16) + 1;
	if (nsq < *num)
		*num = nsq;
	if (ncq < *num)
		*num = ncq;
	return VMK_OK;
}

static VMK_ReturnStatus nnvme_create_io_queue(struct nnvme_ctrl *ctrl,
					      struct nnvme_queue *q)
{
	struct nvme_sqe cq = {
		.opcode = NVME_ADMIN_CREATE_CQ,
		.prp1 = q->cq_mem.io.ioAddr,
		.cdw10 = q->qid | (vmk_uint32)(q->depth - 1) << 16,
		.cdw11 = NVME_QUEUE_PHYS_CONTIG | NVME_CQ_IRQ_ENABLED |
			 (vmk_uint32)q->vector << 16,
	};
	struct nvme_sqe sq = {
		.opcode = NVME_ADMIN_CREATE_SQ,
		.prp1 = q->sq_mem.io.ioAddr,
		.cdw10 = q->qid | (vmk_uint32)(q->depth - 1) << 16,
		.cdw11 = NVME_QUEUE_PHYS_CONTIG | NVME_SQ_PRIO_MEDIUM |
			 (vmk_uint32)q->qid << 16,
	};
	VMK_ReturnStatus status;

	status = nnvme_attach_step(ctrl, "q%u CQ creation", q->qid) ?:
		 nnvme_admin_exec(ctrl, &cq, NULL);
	if (status != VMK_OK)
		return status;
	status = nnvme_attach_step(ctrl, "q%u SQ creation", q->qid) ?:
		 nnvme_admin_exec(ctrl, &sq, NULL);
	if (status != VMK_OK) {
		struct nvme_sqe del = {
			.opcode = NVME_ADMIN_DELETE_CQ,
			.cdw10 = q->qid,
		};

		nnvme_admin_exec(ctrl, &del, NULL);
		return status;
	}
	q->live = VMK_TRUE;
	return VMK_OK;
}

/*
 * Doorbell Buffer Config (NVMe 1.3, made for emulated controllers): a
 * page of shadow doorbells and a page of EventIdx entries, laid out as
 * the doorbell registers are.  Given before the I/O queues are created,
 * so each starts at tail and head 0 in zeroed pages.  The admin queue
 * keeps its registers.  A controller reset forgets the buffers; every
 * start gives them again.  Failure is not fatal: the registers work.
 */
static void nnvme_dbbuf_config(struct nnvme_ctrl *ctrl)
{
	struct nvme_sqe sqe = { .opcode = NVME_ADMIN_DBBUF_CONFIG };
	vmk_uint32 bytes = (2 * (ctrl->num_io + 1)) * ctrl->db_stride;
	VMK_ReturnStatus status;
	vmk_uint32 i;

	if (!nnvme_shadow_doorbells || !(ctrl->oacs & NVME_OACS_DBBUF) ||
	    bytes > NVME_CTRL_PAGE_SIZE)
		return;
	if (!ctrl->dbbuf_shadow.va) {
		status = nnvme_dma_mem_alloc(ctrl, &ctrl->dbbuf_shadow,
					     NVME_CTRL_PAGE_SIZE);
		if (status == VMK_OK)
			status = nnvme_dma_mem_alloc(ctrl, &ctrl->dbbuf_eventidx,
						     NVME_CTRL_PAGE_SIZE);
		if (status != VMK_OK) {
			nnvme_dma_mem_free(ctrl, &ctrl->dbbuf_shadow);
			return;
		}
	}
	vmk_Memset((void *)ctrl->dbbuf_shadow.va, 0, NVME_CTRL_PAGE_SIZE);
	vmk_Memset((void *)ctrl->dbbuf_eventidx.va, 0, NVME_CTRL_PAGE_SIZE);
	sqe.prp1 = ctrl->dbbuf_shadow.io.ioAddr;
	sqe.prp2 = ctrl->dbbuf_eventidx.io.ioAddr;
	status = nnvme_admin_exec(ctrl, &sqe, NULL);
	if (status != VMK_OK) {
		vmk_Warning(nnvme_log, "%s: Doorbell Buffer Config: %s; doorbell registers only",
			    ctrl->name.string, vmk_StatusToString(status));
		return;
	}
	for (i = 0; i < ctrl->num_io; i++)
		nnvme_queue_set_shadow(&ctrl->io[i], VMK_TRUE);
}

/*
 * Bring the controller from any state to running with its I/O queues.
 * Caller holds admin_sema.  The queues' memory and interrupts exist
 * (attach); the rings are reset here.
 */
VMK_ReturnStatus nnvme_ctrl_start(struct nnvme_ctrl *ctrl)
{
	vmk_uint32 i, num;
	VMK_ReturnStatus status;

	if (ctrl->gone)
		return VMK_NO_CONNECT;
	status = nnvme_attach_step(ctrl, "start: controller disable") ?:
		 nnvme_ctrl_disable(ctrl);
	if (status != VMK_OK)
		return status;
	nnvme_queue_fail_all(&ctrl->admin, NULL);
	for (i = 0; i < ctrl->num_io; i++) {
		ctrl->io[i].live = VMK_FALSE;
		nnvme_queue_set_shadow(&ctrl->io[i], VMK_FALSE);
		nnvme_queue_fail_all(&ctrl->io[i], NULL);
	}
	status = nnvme_attach_step(ctrl, "controller enable") ?:
		 nnvme_ctrl_enable(ctrl);
	if (status != VMK_OK)
		return status;
	if (!ctrl->ns.blocks) {
		status = nnvme_identify_all(ctrl);
		if (status != VMK_OK)
			goto fail;
	}
	num = ctrl->num_io;
	status = nnvme_attach_step(ctrl, "number of queues") ?:
		 nnvme_set_num_queues(ctrl, &num);
	if (status != VMK_OK)
		goto fail;
	if (num < ctrl->num_io) {
		if (ctrl->target.adapter) {
			/* The adapter was sized for more: refuse, not shrink. */
			status = VMK_NO_RESOURCES;
			goto fail;
		}
		ctrl->num_io = num;
	}
	nnvme_dbbuf_config(ctrl);
	for (i = 0; i < ctrl->num_io; i++) {
		status = nnvme_create_io_queue(ctrl, &ctrl->io[i]);
		if (status != VMK_OK)
			goto fail;
	}
	ctrl->enabled = VMK_TRUE;
	return VMK_OK;

fail:
	nnvme_ctrl_disable(ctrl);
	return status;
}

/*
 * A normal shutdown so the controller flushes its cache, then disable.
 * Outstanding commands (none, when the layer quiesced first) get
 * NO_CONNECT.  Caller holds admin_sema.
 */
void nnvme_ctrl_stop(struct nnvme_ctrl *ctrl)
{
	vmk_uint32 cc, i;

	ctrl->enabled = VMK_FALSE;
	if (!ctrl->gone && ctrl->bar) {
		cc = nnvme_rd32(ctrl, NVME_REG_CC);
		if (cc & NVME_CC_EN) {
			cc = (cc & ~NVME_CC_SHN_MASK) | NVME_CC_SHN_NORMAL;
			nnvme_wr32(ctrl, NVME_REG_CC, cc);
			if (nnvme_wait_csts(ctrl, NVME_CSTS_SHST_MASK,
					    NVME_CSTS_SHST_CMPLT,
					    ctrl->timeout_ms) != VMK_OK)
				vmk_Warning(nnvme_log, "%s: shutdown did not complete",
					    ctrl->name.string);
		}
		nnvme_ctrl_disable(ctrl);
	}
	ctrl->admin.live = VMK_FALSE;
	for (i = 0; i < ctrl->num_io; i++) {
		ctrl->io[i].live = VMK_FALSE;
		nnvme_queue_fail_all(&ctrl->io[i], NULL);
	}
	nnvme_queue_fail_all(&ctrl->admin, NULL);
}

/*
 * Reset for task management: disable, complete everything outstanding
 * with tm's status, enable again.  Caller holds admin_sema.
 */
VMK_ReturnStatus nnvme_ctrl_reset(struct nnvme_ctrl *ctrl,
				  vmk_ScsiTaskMgmt *tm)
{
	VMK_ReturnStatus status;
	vmk_uint32 i;

	vmk_AtomicInc64(&ctrl->resets);
	ctrl->resetting = VMK_TRUE;
	status = ctrl->gone ? VMK_NO_CONNECT : nnvme_ctrl_disable(ctrl);
	for (i = 0; i < ctrl->num_io; i++) {
		ctrl->io[i].live = VMK_FALSE;
		nnvme_queue_fail_all(&ctrl->io[i], tm);
	}
	nnvme_queue_fail_all(&ctrl->admin, NULL);
	if (status == VMK_OK)
		status = nnvme_ctrl_start(ctrl);
	ctrl->resetting = VMK_FALSE;
	vmk_Log(nnvme_log, "%s: controller reset (%s): %s", ctrl->name.string,
		vmk_ScsiGetTaskMgmtTypeName(tm->type),
		vmk_StatusToString(status));
	return status;
}

/* Ask the controller to abort command cid of queue sqid. */
VMK_ReturnStatus nnvme_abort(struct nnvme_ctrl *ctrl, vmk_uint16 sqid,
			     vmk_uint16 cid)
{
	struct nvme_sqe sqe = {
		.opcode = NVME_ADMIN_ABORT,
		.cdw10 = sqid | (vmk_uint32)cid << 16,
	};
	vmk_uint32 result = 1;
	VMK_ReturnStatus status;

	vmk_AtomicInc64(&ctrl->aborts);
	status = nnvme_admin_exec(ctrl, &sqe, &result);
	vmk_Log(nnvme_log, "%s: abort of q%u cid %#x: %s%s", ctrl->name.string,
		sqid, cid, vmk_StatusToString(status),
		status == VMK_OK && (result & 1) ? " (not aborted)" : "");
	return status;
}
