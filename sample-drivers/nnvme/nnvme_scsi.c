// SPDX-License-Identifier: GPL-2.0
/*
 * nnvme: the SCSI adapter.  One channel, one target, one LUN: namespace
 * 1.  Data commands become NVMe reads, writes and flushes; what a disk
 * answers about itself, and the adapter's single-LUN geometry, paths
 * and port, come from the shared scsi_emul, filled from identify.
 *
 * Task management: ABORT (and a virtual reset, which names commands the
 * same way) sends an NVMe Abort for each matching outstanding command;
 * the command then completes through the CQ, aborted or not.  A LUN,
 * target or bus reset resets the controller: everything outstanding
 * completes with the task's status (RESET) and the queues are rebuilt.
 */
#include "nnvme.h"

/* Commands one ABORT/virtual reset may name at most. */
#define NNVME_TM_MAX		16

static VMK_ReturnStatus nnvme_scsi_command(void *clientData,
					   vmk_ScsiCommand *cmd,
					   void *deviceData)
{
	struct scsi_emul_target *t = clientData;
	struct nnvme_ctrl *ctrl = t->driver_data;
	vmk_Bool allowed = __atomic_load_n(&t->io_allowed, __ATOMIC_RELAXED);

	if (deviceData != t || !allowed || ctrl->gone) {
		cmd->status.host = VMK_SCSI_HOST_NO_CONNECT;
		vmk_ScsiSchedCommandCompletion(cmd);
		return VMK_OK;
	}
	if (ctrl->resetting)
		return VMK_WOULD_BLOCK;
	if (!ctrl->enabled) {
		/* Stopped, or a reset could not bring it back. */
		cmd->status.host = VMK_SCSI_HOST_NO_CONNECT;
		vmk_ScsiSchedCommandCompletion(cmd);
		return VMK_OK;
	}
	if (cmd->isReadCdb || cmd->isWriteCdb)
		return nnvme_io_rw(ctrl, cmd);

	switch (cmd->cdb[0]) {
	case VMK_SCSI_CMD_READ6:
	case VMK_SCSI_CMD_READ10:
	case VMK_SCSI_CMD_READ12:
	case VMK_SCSI_CMD_READ16:
	case VMK_SCSI_CMD_WRITE6:
	case VMK_SCSI_CMD_WRITE10:
	case VMK_SCSI_CMD_WRITE12:
	case VMK_SCSI_CMD_WRITE16:
		/* The layer could not decode it: a short CDB. */
		scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
				VMK_SCSI_ASC_INVALID_FIELD_IN_CDB, 0);
		break;
	case VMK_SCSI_CMD_SYNC_CACHE:
	case SCSI_EMUL_CMD_SYNC_CACHE16:
		return nnvme_io_flush(ctrl, cmd);
	default:
		if (!scsi_emul_command(&ctrl->target, cmd))
			scsi_emul_unsupported(cmd);
		break;
	}
	vmk_ScsiSchedCommandCompletion(cmd);
	return VMK_OK;
}

/* Send an NVMe Abort for each outstanding command tm names. */
static VMK_ReturnStatus nnvme_scsi_abort(struct nnvme_ctrl *ctrl,
					 vmk_ScsiTaskMgmt *tm)
{
	struct {
		vmk_uint16 qid, cid;
	} found[NNVME_TM_MAX];
	struct nnvme_queue *q;
	struct nnvme_cmd *c;
	vmk_uint32 n = 0, i, slot;

	for (i = 0; i < ctrl->num_io; i++) {
		q = &ctrl->io[i];
		vmk_SpinlockLockIgnoreDeathPending(q->lock);
		for (slot = 0; slot + 1 < q->depth && n < NNVME_TM_MAX;
		     slot++) {
			c = &q->cmds[slot];
			if (!c->busy || !c->scsi || c->abort_sent ||
			    vmk_ScsiQueryTaskMgmt(tm, c->scsi) !=
			    VMK_SCSI_TASKMGMT_ACTION_ABORT)
				continue;
			c->abort_sent = VMK_TRUE;
			found[n].qid = q->qid;
			found[n].cid = c->cid;
			n++;
		}
		vmk_SpinlockUnlock(q->lock);
	}
	for (i = 0; i < n; i++)
		nnvme_abort(ctrl, found[i].qid, found[i].cid);
	return VMK_OK;
}

static VMK_ReturnStatus nnvme_scsi_task_mgmt(void *clientData,
					     vmk_ScsiTaskMgmt *tm,
					     void *deviceData)
{
	struct scsi_emul_target *t = clientData;
	struct nnvme_ctrl *ctrl = t->driver_data;
	VMK_ReturnStatus status;

	vmk_Log(nnvme_log, "%s: task management: %s", ctrl->name.string,
		vmk_ScsiGetTaskMgmtTypeName(tm->type));
	vmk_SemaLock(&ctrl->admin_sema);
	switch (tm->type) {
	case VMK_SCSI_TASKMGMT_ABORT:
	case VMK_SCSI_TASKMGMT_VIRT_RESET:
		status = nnvme_scsi_abort(ctrl, tm);
		break;
	case VMK_SCSI_TASKMGMT_LUN_RESET:
	case VMK_SCSI_TASKMGMT_DEVICE_RESET:
	case VMK_SCSI_TASKMGMT_BUS_RESET:
		status = nnvme_ctrl_reset(ctrl, tm);
		break;
	default:
		status = VMK_NOT_SUPPORTED;
		break;
	}
	vmk_SemaUnlock(&ctrl->admin_sema);
	return status;
}

/* What sd sees: vendor "NVMe", the model and firmware, namespace IDs. */
static void nnvme_scsi_target_fill(struct nnvme_ctrl *ctrl)
{
	struct scsi_emul_target *t = &ctrl->target;

	vmk_Memset(t, 0, sizeof(*t));
	vmk_Strncpy(t->vendor, "NVMe", sizeof(t->vendor) - 1);
	vmk_Strncpy(t->product, ctrl->model, sizeof(t->product) - 1);
	vmk_Strncpy(t->revision, ctrl->firmware, sizeof(t->revision) - 1);
	vmk_Strncpy(t->serial, ctrl->serial, sizeof(t->serial) - 1);
	vmk_Memcpy(t->eui64, ctrl->ns.eui64, sizeof(t->eui64));
	t->blocks = ctrl->ns.blocks;
	t->block_size = 1u << ctrl->ns.lba_shift;
	t->max_xfer_blocks = ctrl->max_xfer >> ctrl->ns.lba_shift;
	t->write_cache = ctrl->vwc;
	t->fua = VMK_TRUE;
	t->rotational = VMK_FALSE;
	t->driver_data = ctrl;
	t->qdepth = ctrl->num_io * (ctrl->io_depth - 1);
}

/* The adapter, after the controller started (identify is known). */
VMK_ReturnStatus nnvme_scsi_adapter_create(struct nnvme_ctrl *ctrl)
{
	VMK_ReturnStatus status;
	vmk_uint32 queues;
	vmk_ScsiAdapter *a;

	nnvme_scsi_target_fill(ctrl);
	a = nnvme_attach_step(ctrl, "SCSI adapter") ? NULL :
	    vmk_ScsiAllocateAdapter();
	if (!a)
		return VMK_NO_MEMORY;
	scsi_emul_adapter_init(a, &ctrl->target);
	vmk_NameInitialize(&a->driverName, NNVME_NAME);
	a->device = ctrl->device;
	a->moduleID = nnvme_module;
	a->engine = ctrl->io_engine;
	a->hostMaxSectors = ctrl->max_xfer / VMK_SECTOR_SIZE;
	a->command = nnvme_scsi_command;
	a->taskMgmt = nnvme_scsi_task_mgmt;
	a->mgmtAdapter.transport = VMK_STORAGE_ADAPTER_BLOCK;
	/* One completion queue (blk-mq hardware context) per I/O queue. */
	queues = ctrl->num_io;
	if (queues > vmk_ScsiGetMaxNumCompletionQueues())
		queues = vmk_ScsiGetMaxNumCompletionQueues();
	status = nnvme_attach_step(ctrl, "completion queues") ?:
		 vmk_ScsiStartCompletionQueues(a, queues);
	if (status != VMK_OK) {
		ctrl->target.adapter = NULL;
		vmk_ScsiFreeAdapter(a);
		return status;
	}
	return VMK_OK;
}

/* Only while no port holds it (its removeDevice frees it otherwise). */
void nnvme_scsi_adapter_destroy(struct nnvme_ctrl *ctrl)
{
	if (!ctrl->target.adapter || ctrl->target.port)
		return;
	vmk_ScsiFreeAdapter(ctrl->target.adapter);
	ctrl->target.adapter = NULL;
}
