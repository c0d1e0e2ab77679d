// SPDX-License-Identifier: GPL-2.0
/*
 * nnvme: data commands.
 *
 * The SCSI layer hands each command's data already mapped with the I/O
 * engine (cmd->sgIOArray).  That engine's constraints keep every element
 * inside one controller page (sgElemStraddle = sgElemMaxSize = 4 KB),
 * dword aligned, at most NNVME_MAX_SG of them.  A PRP list also needs
 * every element after the first to start on a page and every element
 * before the last to end on one; buffers that are contiguous in virtual
 * memory always are, but nothing in the constraints guarantees it (the
 * block layer merges, say, two 1 KB file system blocks from different
 * pages into one request), so it is checked here.  Such a command goes
 * through the queue's bounce buffer (copied in before a write, out after
 * a read; counted in bounced); while another command holds the buffer
 * it is refused with VMK_WOULD_BLOCK and comes back later.
 *
 * PRP1 is the first element's address; PRP2 is the second page, or the
 * slot's preallocated list when there are more.  No allocation per I/O,
 * one doorbell write per command.
 */
#include "nnvme.h"

#define NNVME_PAGE_MASK		((vmk_uint64)NVME_CTRL_PAGE_SIZE - 1)
/* FUA in the second byte of WRITE(10/12/16) and READ(10/12/16). */
#define NNVME_CDB_FUA		0x08
#define NNVME_RW_FUA		(1u << 30)
/* UNRECOVERED READ ERROR (SBC-3). */
#define NNVME_ASC_READ_ERROR	0x11

/*
 * Fill prp1/prp2 (and the slot's list) for bytes of sg.  FALSE when the
 * array cannot be described by PRPs.
 */
static vmk_Bool nnvme_build_prps(struct nnvme_cmd *c, vmk_SgArray *sg,
				 vmk_uint64 bytes, struct nvme_sqe *sqe)
{
	vmk_uint32 i, n = 0;
	vmk_uint64 left = bytes, addr, len, page;

	if (!sg->numElems)
		return VMK_FALSE;
	for (i = 0; i < sg->numElems && left; i++) {
		addr = sg->elem[i].ioAddr;
		len = sg->elem[i].length;
		if (len > left)
			len = left;
		if (!len || (addr & 3))
			return VMK_FALSE;
		if (i && (addr & NNVME_PAGE_MASK))
			return VMK_FALSE;
		left -= len;
		if (left && ((addr + len) & NNVME_PAGE_MASK))
			return VMK_FALSE;
		if (!i) {
			sqe->prp1 = addr;
			page = (addr & ~NNVME_PAGE_MASK) + NVME_CTRL_PAGE_SIZE;
		} else {
			page = addr;
		}
		for (; page < addr + len; page += NVME_CTRL_PAGE_SIZE) {
			if (n == NNVME_PRP_LIST_BYTES / 8)
				return VMK_FALSE;
			c->prp_list[n++] = page;
		}
	}
	if (left)
		return VMK_FALSE;
	if (n == 1)
		sqe->prp2 = c->prp_list[0];
	else if (n > 1)
		sqe->prp2 = c->prp_list_ioa;
	return VMK_TRUE;
}

/* PRPs for bytes of physically contiguous memory at page-aligned ioa. */
static void nnvme_build_prps_contig(struct nnvme_cmd *c, vmk_IOA ioa,
				    vmk_uint64 bytes, struct nvme_sqe *sqe)
{
	vmk_uint32 pages = (bytes + NNVME_PAGE_MASK) >> NVME_CTRL_PAGE_SHIFT;
	vmk_uint32 i;

	sqe->prp1 = ioa;
	if (pages == 2) {
		sqe->prp2 = ioa + NVME_CTRL_PAGE_SIZE;
	} else if (pages > 2) {
		for (i = 1; i < pages; i++)
			c->prp_list[i - 1] = ioa + (vmk_IOA)i * NVME_CTRL_PAGE_SIZE;
		sqe->prp2 = c->prp_list_ioa;
	}
}

/* Give command c the queue's bounce buffer.  Under q->lock. */
static VMK_ReturnStatus nnvme_bounce(struct nnvme_queue *q,
				     struct nnvme_cmd *c,
				     vmk_ScsiCommand *cmd, vmk_uint64 bytes,
				     struct nvme_sqe *sqe)
{
	if (q->bounce_owner)
		return VMK_WOULD_BLOCK;
	if (bytes > q->bounce.bytes)
		return VMK_LIMIT_EXCEEDED;
	if (cmd->isWriteCdb &&
	    vmk_SgCopyFrom((void *)q->bounce.va, cmd->sgArray, bytes) !=
	    VMK_OK)
		return VMK_FAILURE;
	q->bounce_owner = c;
	c->bounced = VMK_TRUE;
	vmk_AtomicInc64(&q->bounced);
	nnvme_build_prps_contig(c, q->bounce.io.ioAddr, bytes, sqe);
	return VMK_OK;
}

/* Release c's hold on the bounce buffer, if any.  Under q->lock. */
void nnvme_io_unbounce(struct nnvme_queue *q, struct nnvme_cmd *c)
{
	if (!c->bounced)
		return;
	c->bounced = VMK_FALSE;
	if (q->bounce_owner == c)
		q->bounce_owner = NULL;
}

/*
 * The I/O queue for a command: the completion queue the SCSI layer names
 * (that of the issuing CPU), whose vector fires on that CPU too.
 */
static struct nnvme_queue *nnvme_io_queue(struct nnvme_ctrl *ctrl,
					  vmk_ScsiCommand *cmd)
{
	vmk_uint32 qi;

	if (ctrl->num_io == 1)
		return &ctrl->io[0];
	qi = vmk_ScsiCommandGetCompletionQueue(ctrl->target.adapter, cmd);
	return &ctrl->io[qi < ctrl->num_io ? qi : qi % ctrl->num_io];
}

/*
 * Take a slot, build the command in place and submit it.  VMK_OK
 * (submitted, or completed with an error set in cmd: the caller
 * schedules that completion when cmd->status is not good),
 * VMK_WOULD_BLOCK (queue full or being reset).
 */
static VMK_ReturnStatus nnvme_io_submit(struct nnvme_ctrl *ctrl,
					vmk_ScsiCommand *cmd,
					struct nvme_sqe *sqe,
					vmk_uint64 bytes, vmk_Bool *queued)
{
	struct nnvme_queue *q = nnvme_io_queue(ctrl, cmd);
	VMK_ReturnStatus status;
	struct nnvme_cmd *c;

	*queued = VMK_FALSE;
	vmk_SpinlockLockIgnoreDeathPending(q->lock);
	if (!q->live) {
		vmk_SpinlockUnlock(q->lock);
		vmk_AtomicInc64(&q->busy);
		return VMK_WOULD_BLOCK;
	}
	c = nnvme_cmd_get(q);
	if (!c) {
		vmk_SpinlockUnlock(q->lock);
		vmk_AtomicInc64(&q->busy);
		return VMK_WOULD_BLOCK;
	}
	if (bytes && !nnvme_build_prps(c, cmd->sgIOArray, bytes, sqe)) {
		status = nnvme_bounce(q, c, cmd, bytes, sqe);
		if (status != VMK_OK) {
			nnvme_cmd_put(q, c);
			vmk_SpinlockUnlock(q->lock);
			if (status == VMK_WOULD_BLOCK) {
				vmk_AtomicInc64(&q->busy);
				return status;
			}
			if (vmk_AtomicReadInc64(&ctrl->bad_sg) < 8)
				vmk_Warning(nnvme_log, "%s: %llu bytes in %u SG elements: %s",
					    ctrl->name.string, bytes,
					    cmd->sgIOArray->numElems,
					    vmk_StatusToString(status));
			cmd->status.host = VMK_SCSI_HOST_ERROR;
			return VMK_OK;
		}
	}
	c->scsi = cmd;
	sqe->cid = c->cid;
	/* Test-only: outstanding but never rung (see nnvme_main.c). */
	if (VMK_UNLIKELY(nnvme_fault_drop_io > 0) && nnvme_fault_take())
		vmk_Warning(nnvme_log, "%s: fault_drop_io: dropping cid %#x",
			    ctrl->name.string, c->cid);
	else
		nnvme_submit(q, sqe);
	vmk_SpinlockUnlock(q->lock);
	*queued = VMK_TRUE;
	return VMK_OK;
}

VMK_ReturnStatus nnvme_io_rw(struct nnvme_ctrl *ctrl, vmk_ScsiCommand *cmd)
{
	vmk_Bool write = cmd->isWriteCdb;
	struct nvme_sqe sqe = {
		.opcode = write ? NVME_CMD_WRITE : NVME_CMD_READ,
		.nsid = ctrl->ns.nsid,
		.cdw10 = (vmk_uint32)cmd->lba,
		.cdw11 = (vmk_uint32)(cmd->lba >> 32),
		.cdw12 = cmd->lbc - 1,
	};
	vmk_uint64 bytes = (vmk_uint64)cmd->lbc << ctrl->ns.lba_shift;
	VMK_ReturnStatus status;
	vmk_Bool queued;

	if (!scsi_emul_rw_range_ok(&ctrl->target, cmd))
		goto done;
	if (!cmd->lbc)
		goto done;		/* nothing to transfer: GOOD */
	if (bytes > ctrl->max_xfer) {
		scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
				VMK_SCSI_ASC_INVALID_FIELD_IN_CDB, 0);
		goto done;
	}
	if (cmd->cdb[0] != VMK_SCSI_CMD_READ6 &&
	    cmd->cdb[0] != VMK_SCSI_CMD_WRITE6 &&
	    (cmd->cdb[1] & NNVME_CDB_FUA))
		sqe.cdw12 |= NNVME_RW_FUA;
	status = nnvme_io_submit(ctrl, cmd, &sqe, bytes, &queued);
	if (status != VMK_OK || queued)
		return status;
done:
	vmk_ScsiSchedCommandCompletion(cmd);
	return VMK_OK;
}

VMK_ReturnStatus nnvme_io_flush(struct nnvme_ctrl *ctrl,
				vmk_ScsiCommand *cmd)
{
	struct nvme_sqe sqe = {
		.opcode = NVME_CMD_FLUSH,
		.nsid = ctrl->ns.nsid,
	};
	VMK_ReturnStatus status;
	vmk_Bool queued;

	/* Without a volatile write cache there is nothing to flush. */
	if (ctrl->vwc) {
		status = nnvme_io_submit(ctrl, cmd, &sqe, 0, &queued);
		if (status != VMK_OK || queued)
			return status;
	}
	vmk_ScsiSchedCommandCompletion(cmd);
	return VMK_OK;
}

/*
 * Turn an NVMe status into the SCSI command's (c->scsi), after copying a
 * bounced read out.  Called by the reaper under the queue lock, before
 * done().
 */
void nnvme_io_complete(struct nnvme_queue *q, struct nnvme_cmd *c,
		       vmk_uint16 status)
{
	vmk_ScsiCommand *cmd = c->scsi;
	vmk_uint8 sct = NVME_STATUS_SCT(status), sc = NVME_STATUS_SC(status);

	if (c->bounced) {
		if (!sct && !sc && cmd->isReadCdb &&
		    vmk_SgCopyTo(cmd->sgArray, (void *)q->bounce.va,
				 cmd->requiredDataLen) != VMK_OK) {
			sct = NVME_SCT_GENERIC;
			sc = NVME_SC_DATA_XFER_ERROR;
		}
		nnvme_io_unbounce(q, c);
	}
	if (!sct && !sc) {
		cmd->bytesXferred = cmd->isReadCdb || cmd->isWriteCdb ?
				    cmd->requiredDataLen : 0;
		return;
	}
	cmd->bytesXferred = 0;
	if (sct == NVME_SCT_GENERIC) {
		switch (sc) {
		case NVME_SC_ABORT_REQ:
		case NVME_SC_ABORT_SQ_DELETED:
			cmd->status.host = VMK_SCSI_HOST_ABORT;
			return;
		case NVME_SC_LBA_RANGE:
		case NVME_SC_CAP_EXCEEDED:
			scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
					SCSI_EMUL_ASC_LBA_OUT_OF_RANGE, 0);
			return;
		case NVME_SC_INVALID_OPCODE:
		case NVME_SC_INVALID_FIELD:
			scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
					VMK_SCSI_ASC_INVALID_FIELD_IN_CDB, 0);
			return;
		case NVME_SC_NS_NOT_READY:
			scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_NOT_READY,
					VMK_SCSI_ASC_LU_NOT_READY, 0);
			return;
		default:
			break;
		}
	}
	if (sct == NVME_SCT_MEDIA) {
		scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_MEDIUM_ERROR,
				cmd->isWriteCdb ? VMK_SCSI_ASC_WRITE_ERROR :
				NNVME_ASC_READ_ERROR, 0);
		return;
	}
	scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_HARDWARE_ERROR,
			VMK_SCSI_ASC_INTERNAL_TARGET_FAILURE, 0);
}
