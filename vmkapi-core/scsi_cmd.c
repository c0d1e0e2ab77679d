// SPDX-License-Identifier: GPL-2.0
/*
 * SCSI commands: each scsi_cmnd Linux queues becomes a vmk_ScsiCommand in
 * the command's private area (no allocation but the DMA mapping's), its
 * data described twice: by machine address (sgArray, from the scatterlist)
 * and mapped through the adapter's DMA engine (sgIOArray).  The driver's
 * done(cmd) unmaps, turns the three-level status into a Linux result,
 * copies the sense data and calls scsi_done().
 *
 * One small lock per command orders completion against the error
 * handler.  A timed-out command is "EH": the error handler asks the
 * driver (task management) to abort it and waits until the driver has
 * completed it, and that completion does not call scsi_done() (the error
 * handler owns the command, and may retry it as soon as it returns).
 * State moves to IDLE only after scsi_done() returned, under the lock, so
 * a request that completes and is reissued at once cannot have its new
 * state overwritten by the old completion.
 *
 * vmk_ScsiSchedCommandCompletion defers a completion to a per-CPU
 * tasklet: a softirq on the same CPU, so it is non-preemptible (what
 * drivers expect of a completion context), needs no allocation, can be
 * raised from any context with locks held, and never runs inside the
 * driver's command callback that asked for it.
 */
#include "scsi_internal.h"

#include <linux/blk-mq.h>
#include <linux/blk-mq-pci.h>
#include <linux/pci.h>
#include <linux/interrupt.h>
#include <linux/percpu.h>
#include <linux/scatterlist.h>
#include <linux/timekeeping.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_eh.h>

struct vmk_scsi_sched {
	struct llist_head list;
	struct tasklet_struct tasklet;
};
static DEFINE_PER_CPU(struct vmk_scsi_sched, vmk_scsi_sched);

static void vmk_scsi_cmd_done(vmk_ScsiCommand *cmd);

static const char *const vmk_scsi_tm_names[] = {
	[VMK_SCSI_TASKMGMT_ABORT] = "abort",
	[VMK_SCSI_TASKMGMT_VIRT_RESET] = "virt reset",
	[VMK_SCSI_TASKMGMT_LUN_RESET] = "lun reset",
	[VMK_SCSI_TASKMGMT_DEVICE_RESET] = "target reset",
	[VMK_SCSI_TASKMGMT_BUS_RESET] = "bus reset",
};

static int vmk_scsi_host_byte(const vmk_ScsiCmdStatus *st)
{
	if (st->plugin != VMK_SCSI_PLUGIN_GOOD)
		return st->plugin == VMK_SCSI_PLUGIN_REQUEUE ||
		       st->plugin == VMK_SCSI_PLUGIN_TRANSIENT ?
		       DID_REQUEUE : DID_ERROR;
	switch (st->host) {
	case VMK_SCSI_HOST_OK:
		return DID_OK;
	case VMK_SCSI_HOST_NO_CONNECT:
		return DID_NO_CONNECT;
	case VMK_SCSI_HOST_BUS_BUSY:
		return DID_BUS_BUSY;
	case VMK_SCSI_HOST_TIMEOUT:
		return DID_TIME_OUT;
	case VMK_SCSI_HOST_ABORT:
		return DID_ABORT;
	case VMK_SCSI_HOST_PARITY:
		return DID_PARITY;
	case VMK_SCSI_HOST_RESET:
		return DID_RESET;
	case VMK_SCSI_HOST_SOFT_ERROR:
		return DID_SOFT_ERROR;
	case VMK_SCSI_HOST_RETRY:
		return DID_REQUEUE;
	default:
		return DID_ERROR;
	}
}

static vmk_DMADirection vmk_scsi_dma_dir(enum dma_data_direction dir)
{
	switch (dir) {
	case DMA_TO_DEVICE:
		return VMK_DMA_DIRECTION_FROM_MEMORY;
	case DMA_FROM_DEVICE:
		return VMK_DMA_DIRECTION_TO_MEMORY;
	default:
		return VMK_DMA_DIRECTION_BIDIRECTIONAL;
	}
}

static vmk_ScsiCommandDirection vmk_scsi_cmd_dir(enum dma_data_direction dir)
{
	switch (dir) {
	case DMA_TO_DEVICE:
		return VMK_SCSI_COMMAND_DIRECTION_WRITE;
	case DMA_FROM_DEVICE:
		return VMK_SCSI_COMMAND_DIRECTION_READ;
	case DMA_NONE:
		return VMK_SCSI_COMMAND_DIRECTION_NONE;
	default:
		return VMK_SCSI_COMMAND_DIRECTION_UNKNOWN;
	}
}

static int vmk_scsi_init_cmd_priv(struct Scsi_Host *shost,
				  struct scsi_cmnd *sc)
{
	struct vmk_scsi_cmd *c = scsi_cmd_priv(sc);

	spin_lock_init(&c->lock);
	c->state = VMK_SCSI_CMD_IDLE;
	c->io_sg = (vmk_SgArray *)&c->sg.elem[shost->sg_tablesize];
	c->io_sg->maxElems = shost->sg_tablesize;
	c->frame = PTR_ALIGN((void *)&c->io_sg->elem[shost->sg_tablesize],
			     SMP_CACHE_BYTES);
	return 0;
}

/*
 * The frame is set up with the request, once: asking for it allocates
 * nothing, and it is never cleared (a driver that wants it zeroed pays
 * for that itself, as on ESXi).
 */
void *vmk_ScsiCmdGetDriverFrame(vmk_ScsiCommand *vmkCmd)
{
	struct vmk_scsi_cmd *c;

	if (!vmkCmd) {
		vmk_core_bad_arg("NULL command");
		return NULL;
	}
	c = container_of(vmkCmd, struct vmk_scsi_cmd, cmd);
	if (c->magic != VMK_SCSI_CMD_MAGIC) {
		vmk_core_bad_arg("%p is not a command of this layer", vmkCmd);
		return NULL;
	}
	return c->frame;
}
VMKAPI_EXPORT(vmk_ScsiCmdGetDriverFrame);

vmk_ByteCountSmall vmk_ScsiCmdGetDriverFrameSize(void)
{
	return VMK_SCSI_DRIVER_FRAME_SIZE;
}
VMKAPI_EXPORT(vmk_ScsiCmdGetDriverFrameSize);

/* Fill the vmk_ScsiCommand and map its data; false: fail it (result set). */
static VMK_ReturnStatus vmk_scsi_build(struct vmk_scsi_adapter *a,
				       struct vmk_scsi_cmd *c,
				       struct scsi_cmnd *sc)
{
	vmk_ScsiCommand *cmd = &c->cmd;
	struct request *rq = scsi_cmd_to_rq(sc);
	vmk_DMAMapErrorInfo err;
	struct scatterlist *s;
	VMK_ReturnStatus status;
	unsigned int n, i;

	memset(cmd, 0, sizeof(*cmd));
	cmd->done = vmk_scsi_cmd_done;
	cmd->doneData = sc;
	cmd->dataDirection = vmk_scsi_cmd_dir(sc->sc_data_direction);
	cmd->isReadCdb = vmk_ScsiIsReadCdb(sc->cmnd[0]);
	cmd->isWriteCdb = vmk_ScsiIsWriteCdb(sc->cmnd[0]);
	cmd->worldId = task_pid_nr(current);
	cmd->cdbLen = sc->cmd_len;
	memcpy(cmd->cdb, sc->cmnd, sc->cmd_len);
	if (cmd->isReadCdb || cmd->isWriteCdb) {
		cmd->requiredDataLen = scsi_bufflen(sc);
		if (vmk_ScsiGetLbaLbc(cmd->cdb, cmd->cdbLen, VMK_SCSI_CLASS_DISK,
				      &cmd->lba, &cmd->lbc) != VMK_OK)
			cmd->isReadCdb = cmd->isWriteCdb = VMK_FALSE;
	}
	/*
	 * Monotonic ms, at tick resolution: a timeout needs no more, and
	 * the precise clock may be a device register (HPET) that costs an
	 * exit per command where the TSC is not trusted.
	 */
	cmd->absTimeoutMs = ktime_to_ms(ktime_get_coarse()) +
			    jiffies_to_msecs(rq->timeout);
	cmd->cmdId.initiator = c->lun;
	cmd->cmdId.serialNumber = atomic64_inc_return(&a->serial);

	n = scsi_sg_count(sc);
	c->sg.maxElems = a->shost->sg_tablesize;
	c->sg.numElems = 0;
	c->sg.reserved = 0;
	c->sg.reserved2 = 0;
	scsi_for_each_sg(sc, s, n, i) {
		c->sg.elem[i].addr = sg_phys(s);
		c->sg.elem[i].length = s->length;
		c->sg.elem[i].reserved = 0;
	}
	c->sg.numElems = n;
	cmd->sgArray = &c->sg;
	c->mapped = false;
	if (!n) {
		/* Nothing to map: both views are the same empty array. */
		cmd->sgIOArray = &c->sg;
		return VMK_OK;
	}
	c->dir = vmk_scsi_dma_dir(sc->sc_data_direction);
	/* Into the command's own array: no allocation per command. */
	c->io_sg->reserved = 0;
	c->io_sg->reserved2 = 0;
	status = vmk_core_dma_map_pages(a->pub.engine, c->dir, &c->sg,
					c->io_sg, &err);
	if (status == VMK_OK) {
		cmd->sgIOArray = c->io_sg;
		c->mapped = true;
	} else if (status != VMK_NO_MEMORY) {
		pr_warn_ratelimited("scsi: %s: cannot map %u bytes of %#x for DMA: %s\n",
				    a->pub.name.string, scsi_bufflen(sc),
				    sc->cmnd[0],
				    vmk_DMAMapErrorReasonToString(err.reason));
	}
	return status;
}

static void vmk_scsi_unmap(struct vmk_scsi_adapter *a, struct vmk_scsi_cmd *c)
{
	if (c->mapped)
		vmk_core_dma_unmap_pages(a->pub.engine, c->dir, c->io_sg);
	c->mapped = false;
}

static void vmk_scsi_put_count(struct vmk_scsi_adapter *a, atomic_t *count)
{
	if (atomic_dec_and_test(count))
		wake_up_all(&a->idle);
}

static int vmk_scsi_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *sc)
{
	struct vmk_scsi_host *h = shost_priv(shost);
	struct vmk_scsi_adapter *a = h->a;
	struct vmk_scsi_cmd *c = scsi_cmd_priv(sc);
	struct vmk_scsi_lun *lun = sc->device->hostdata;
	VMK_ReturnStatus status;
	unsigned long flags;
	bool taken;

	if (unlikely(!lun || sc->cmd_len > VMK_SCSI_MAX_CDB_LEN)) {
		sc->result = DID_ERROR << 16;
		scsi_done(sc);
		return 0;
	}
	c->magic = VMK_SCSI_CMD_MAGIC;
	c->a = a;
	c->lun = lun;
	c->sc = sc;
	status = vmk_scsi_build(a, c, sc);
	if (status == VMK_NO_MEMORY)
		return SCSI_MLQUEUE_HOST_BUSY;
	if (status != VMK_OK) {
		sc->result = DID_ERROR << 16;
		scsi_done(sc);
		return 0;
	}

	atomic_inc(&a->inflight);
	atomic_inc(&lun->inflight);
	spin_lock_irqsave(&c->lock, flags);
	c->state = VMK_SCSI_CMD_INFLIGHT;
	c->eh = false;
	spin_unlock_irqrestore(&c->lock, flags);

	status = a->pub.command(a->pub.clientData, &c->cmd, lun->deviceData);
	if (likely(status == VMK_OK))
		return 0;

	/* Refused: the driver must not have completed it. */
	spin_lock_irqsave(&c->lock, flags);
	taken = c->state == VMK_SCSI_CMD_INFLIGHT;
	if (taken)
		c->state = VMK_SCSI_CMD_IDLE;
	spin_unlock_irqrestore(&c->lock, flags);
	if (!taken) {
		pr_warn_ratelimited("scsi: %s: command callback returned %s for a command it completed\n",
				    a->pub.name.string,
				    vmk_StatusToString(status));
		return 0;
	}
	vmk_scsi_unmap(a, c);
	vmk_scsi_put_count(a, &lun->inflight);
	vmk_scsi_put_count(a, &a->inflight);
	if (status == VMK_WOULD_BLOCK)
		return SCSI_MLQUEUE_DEVICE_BUSY;
	if (status == VMK_NO_MEMORY)
		return SCSI_MLQUEUE_HOST_BUSY;
	sc->result = DID_ERROR << 16;
	scsi_done(sc);
	return 0;
}

/* The driver's done(cmd): any context but hard IRQ and NMI. */
static void vmk_scsi_cmd_done(vmk_ScsiCommand *cmd)
{
	struct vmk_scsi_cmd *c;
	struct vmk_scsi_adapter *a;
	struct scsi_cmnd *sc;
	unsigned long flags;
	u32 len, resid;
	bool eh;

	if (!cmd) {
		vmk_core_bad_arg("NULL command");
		return;
	}
	c = container_of(cmd, struct vmk_scsi_cmd, cmd);
	if (c->magic != VMK_SCSI_CMD_MAGIC) {
		vmk_core_bad_arg("%p is not a command of this layer", cmd);
		return;
	}
	spin_lock_irqsave(&c->lock, flags);
	if (c->state != VMK_SCSI_CMD_INFLIGHT && c->state != VMK_SCSI_CMD_EH) {
		spin_unlock_irqrestore(&c->lock, flags);
		vmk_core_bad_arg("command %p completed twice (or never issued)",
				 cmd);
		return;
	}
	eh = c->state == VMK_SCSI_CMD_EH;
	c->state = VMK_SCSI_CMD_COMPLETING;
	spin_unlock_irqrestore(&c->lock, flags);

	a = c->a;
	sc = c->sc;
	vmk_scsi_unmap(a, c);
	if (!eh) {
		sc->result = vmk_scsi_host_byte(&cmd->status) << 16 |
			     (cmd->status.device & 0xff);
		if (cmd->status.device == VMK_SCSI_DEVICE_CHECK_CONDITION)
			memcpy(sc->sense_buffer, &cmd->senseData,
			       min_t(size_t, SCSI_SENSE_BUFFERSIZE,
				     sizeof(cmd->senseData)));
		len = scsi_bufflen(sc);
		resid = cmd->bytesXferred < len ? len - cmd->bytesXferred : 0;
		scsi_set_resid(sc, resid);
	}
	vmk_scsi_put_count(a, &c->lun->inflight);

	spin_lock_irqsave(&c->lock, flags);
	if (!eh)
		scsi_done(sc);
	c->state = VMK_SCSI_CMD_IDLE;
	spin_unlock_irqrestore(&c->lock, flags);
	/* Last: unregistration waits for this count before the host goes. */
	vmk_scsi_put_count(a, &a->inflight);
	if (eh)
		wake_up_all(&a->idle);
}

static void vmk_scsi_sched_run(struct tasklet_struct *t)
{
	struct vmk_scsi_sched *s = from_tasklet(s, t, tasklet);
	struct llist_node *list = llist_reverse_order(llist_del_all(&s->list));
	struct vmk_scsi_cmd *c, *next;

	llist_for_each_entry_safe(c, next, list, sched)
		vmk_scsi_cmd_done(&c->cmd);
}

void vmk_ScsiSchedCommandCompletion(vmk_ScsiCommand *command)
{
	struct vmk_scsi_sched *s;
	struct vmk_scsi_cmd *c;
	enum vmk_scsi_cmd_state st;

	if (!command) {
		vmk_core_bad_arg("NULL command");
		return;
	}
	c = container_of(command, struct vmk_scsi_cmd, cmd);
	st = READ_ONCE(c->state);
	if (c->magic != VMK_SCSI_CMD_MAGIC ||
	    (st != VMK_SCSI_CMD_INFLIGHT && st != VMK_SCSI_CMD_EH)) {
		vmk_core_bad_arg("%p is not a command in flight", command);
		return;
	}
	s = get_cpu_ptr(&vmk_scsi_sched);
	if (llist_add(&c->sched, &s->list))
		tasklet_schedule(&s->tasklet);
	put_cpu_ptr(&vmk_scsi_sched);
}
VMKAPI_EXPORT(vmk_ScsiSchedCommandCompletion);

/* ---- sense data ---------------------------------------------------------- */

vmk_ByteCount vmk_ScsiGetSupportedCmdSenseDataSize(void)
{
	return sizeof(vmk_ScsiSenseData);
}
VMKAPI_EXPORT(vmk_ScsiGetSupportedCmdSenseDataSize);

VMK_ReturnStatus vmk_ScsiCmdSetSenseData(vmk_ScsiSenseData *buf,
					 vmk_ScsiCommand *vmkCmd,
					 vmk_ByteCount bufLen)
{
	size_t n = min_t(vmk_ByteCount, bufLen, sizeof(vmkCmd->senseData));

	if (!buf || !vmkCmd) {
		vmk_core_bad_arg("buf %p command %p", buf, vmkCmd);
		return VMK_BAD_PARAM;
	}
	memcpy(&vmkCmd->senseData, buf, n);
	memset((u8 *)&vmkCmd->senseData + n, 0, sizeof(vmkCmd->senseData) - n);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiCmdSetSenseData);

VMK_ReturnStatus vmk_ScsiCmdGetSenseData(vmk_ScsiCommand *vmkCmd,
					 vmk_ScsiSenseData *buf,
					 vmk_ByteCount bufLen)
{
	size_t n = min_t(vmk_ByteCount, bufLen, sizeof(vmkCmd->senseData));

	if (!buf || !vmkCmd) {
		vmk_core_bad_arg("command %p buf %p", vmkCmd, buf);
		return VMK_BAD_PARAM;
	}
	memcpy(buf, &vmkCmd->senseData, n);
	if (bufLen > n)
		memset((u8 *)buf + n, 0, bufLen - n);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiCmdGetSenseData);

VMK_ReturnStatus vmk_ScsiCmdClearSenseData(vmk_ScsiCommand *vmkCmd)
{
	if (!vmkCmd) {
		vmk_core_bad_arg("NULL command");
		return VMK_BAD_PARAM;
	}
	memset(&vmkCmd->senseData, 0, sizeof(vmkCmd->senseData));
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiCmdClearSenseData);

vmk_Bool vmk_ScsiExtractSenseData(vmk_ScsiSenseData *senseBuffer,
				  vmk_uint8 *sense_key, vmk_uint8 *asc,
				  vmk_uint8 *ascq)
{
	if (!senseBuffer || !sense_key || !asc || !ascq) {
		vmk_core_bad_arg("NULL argument");
		return VMK_FALSE;
	}
	if (senseBuffer->error != VMK_SCSI_SENSE_ERROR_CURCMD &&
	    senseBuffer->error != VMK_SCSI_SENSE_ERROR_PREVCMD)
		return VMK_FALSE;
	*sense_key = senseBuffer->key;
	*asc = senseBuffer->asc;
	*ascq = senseBuffer->ascq;
	return VMK_TRUE;
}
VMKAPI_EXPORT(vmk_ScsiExtractSenseData);

void vmk_ScsiIllegalRequest(vmk_ScsiSenseData *senseBuffer, vmk_uint8 asc,
			    vmk_uint8 ascq)
{
	if (!senseBuffer) {
		vmk_core_bad_arg("NULL sense buffer");
		return;
	}
	memset(senseBuffer, 0, sizeof(*senseBuffer));
	senseBuffer->error = VMK_SCSI_SENSE_ERROR_CURCMD;
	senseBuffer->key = VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST;
	/* Bytes 8..17 follow: ASC and ASCQ are in them. */
	senseBuffer->optLen = 10;
	senseBuffer->asc = asc;
	senseBuffer->ascq = ascq;
}
VMKAPI_EXPORT(vmk_ScsiIllegalRequest);

vmk_Bool vmk_ScsiCmdIsRecoveredError(const vmk_ScsiCommand *vmkCmd)
{
	if (!vmkCmd) {
		vmk_core_bad_arg("NULL command");
		return VMK_FALSE;
	}
	return vmk_ScsiCmdStatusIsCheck(vmkCmd->status) &&
	       (vmkCmd->senseData.error == VMK_SCSI_SENSE_ERROR_CURCMD ||
		vmkCmd->senseData.error == VMK_SCSI_SENSE_ERROR_PREVCMD) &&
	       vmkCmd->senseData.key == VMK_SCSI_SENSE_KEY_RECOVERED_ERROR;
}
VMKAPI_EXPORT(vmk_ScsiCmdIsRecoveredError);

/* Big-endian field of @n bytes at @p (CDB fields are big-endian). */
static u64 vmk_scsi_be(const unsigned char *p, unsigned int n)
{
	u64 v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

VMK_ReturnStatus vmk_ScsiGetLbaLbc(unsigned char *cdb, vmk_ByteCount cdbLen,
				   vmk_ScsiDeviceClass devClass,
				   vmk_uint64 *lba, vmk_uint32 *lbc)
{
	vmk_ByteCount need;

	if (!cdb || !lba || !lbc || !cdbLen) {
		vmk_core_bad_arg("cdb %p (%llu bytes) lba %p lbc %p", cdb,
				 cdbLen, lba, lbc);
		return VMK_BAD_PARAM;
	}
	switch (cdb[0]) {
	case VMK_SCSI_CMD_READ6:
	case VMK_SCSI_CMD_WRITE6:
		need = 6;
		break;
	case VMK_SCSI_CMD_READ10:
	case VMK_SCSI_CMD_WRITE10:
		need = 10;
		break;
	case VMK_SCSI_CMD_READ12:
	case VMK_SCSI_CMD_WRITE12:
		need = 12;
		break;
	case VMK_SCSI_CMD_READ16:
	case VMK_SCSI_CMD_WRITE16:
		need = 16;
		break;
	default:
		return VMK_BAD_PARAM;
	}
	if (cdbLen < need)
		return VMK_BAD_PARAM;
	if (devClass != VMK_SCSI_CLASS_DISK && devClass != VMK_SCSI_CLASS_CDROM &&
	    devClass != VMK_SCSI_CLASS_TAPE)
		return VMK_NOT_SUPPORTED;
	if (devClass == VMK_SCSI_CLASS_CDROM && need != 10 && need != 12)
		return VMK_NOT_SUPPORTED;
	switch (need) {
	case 6:
		*lba = ((u64)(cdb[1] & 0x1f) << 16) | (cdb[2] << 8) | cdb[3];
		*lbc = cdb[4] ? cdb[4] : 256;
		break;
	case 10:
		*lba = vmk_scsi_be(&cdb[2], 4);
		*lbc = vmk_scsi_be(&cdb[7], 2);
		break;
	case 12:
		*lba = vmk_scsi_be(&cdb[2], 4);
		*lbc = vmk_scsi_be(&cdb[6], 4);
		break;
	default:
		*lba = vmk_scsi_be(&cdb[2], 8);
		*lbc = vmk_scsi_be(&cdb[10], 4);
		break;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiGetLbaLbc);

/* ---- task management ----------------------------------------------------- */

void vmk_ScsiInitTaskMgmt(vmk_ScsiTaskMgmt *vmkTask, vmk_ScsiTaskMgmtType type,
			  vmk_ScsiCommandId cmdId, vmk_uint32 worldId)
{
	if (!vmkTask || (unsigned int)type >= VMK_SCSI_TASKMGMT_LAST) {
		vmk_core_bad_arg("task %p type %d", vmkTask, type);
		return;
	}
	memset(vmkTask, 0, sizeof(*vmkTask));
	vmkTask->magic = VMK_SCSI_TM_MAGIC;
	vmkTask->type = type;
	vmkTask->status.device = VMK_SCSI_DEVICE_GOOD;
	vmkTask->status.plugin = VMK_SCSI_PLUGIN_GOOD;
	vmkTask->status.host = type == VMK_SCSI_TASKMGMT_ABORT ||
			       type == VMK_SCSI_TASKMGMT_VIRT_RESET ?
			       VMK_SCSI_HOST_ABORT : VMK_SCSI_HOST_RESET;
	vmkTask->cmdId = cmdId;
	vmkTask->worldId = worldId;
}
VMKAPI_EXPORT(vmk_ScsiInitTaskMgmt);

vmk_ScsiTaskMgmtAction vmk_ScsiQueryTaskMgmt(const vmk_ScsiTaskMgmt *vmkTaskMgmt,
					     const vmk_ScsiCommand *cmd)
{
	const vmk_ScsiTaskMgmt *tm = vmkTaskMgmt;

	if (!tm || !cmd || tm->magic != VMK_SCSI_TM_MAGIC) {
		vmk_core_bad_arg("task %p command %p", tm, cmd);
		return VMK_SCSI_TASKMGMT_ACTION_IGNORE;
	}
	switch (tm->type) {
	case VMK_SCSI_TASKMGMT_ABORT:
		return cmd->cmdId.initiator == tm->cmdId.initiator &&
		       cmd->cmdId.serialNumber == tm->cmdId.serialNumber ?
		       VMK_SCSI_TASKMGMT_ACTION_ABORT :
		       VMK_SCSI_TASKMGMT_ACTION_IGNORE;
	case VMK_SCSI_TASKMGMT_VIRT_RESET:
		if (cmd->worldId != tm->worldId)
			return VMK_SCSI_TASKMGMT_ACTION_IGNORE;
		return tm->cmdId.initiator == VMK_SCSI_TASKMGMT_ANY_INITIATOR ||
		       cmd->cmdId.initiator == tm->cmdId.initiator ?
		       VMK_SCSI_TASKMGMT_ACTION_ABORT :
		       VMK_SCSI_TASKMGMT_ACTION_IGNORE;
	case VMK_SCSI_TASKMGMT_LUN_RESET:
	case VMK_SCSI_TASKMGMT_DEVICE_RESET:
	case VMK_SCSI_TASKMGMT_BUS_RESET:
		return VMK_SCSI_TASKMGMT_ACTION_ABORT;
	default:
		return VMK_SCSI_TASKMGMT_ACTION_IGNORE;
	}
}
VMKAPI_EXPORT(vmk_ScsiQueryTaskMgmt);

const char *vmk_ScsiGetTaskMgmtTypeName(vmk_ScsiTaskMgmtType taskMgmtType)
{
	if ((unsigned int)taskMgmtType >= ARRAY_SIZE(vmk_scsi_tm_names))
		return "unknown";
	return vmk_scsi_tm_names[taskMgmtType];
}
VMKAPI_EXPORT(vmk_ScsiGetTaskMgmtTypeName);

/*
 * The error handler waits for the driver to give aborted or reset commands
 * back for as long as the device allows its error-handling commands
 * (sysfs eh_timeout, 10 s by default): an administrator who shortens that
 * also shortens the escalation from abort to reset.
 */
static unsigned long vmk_scsi_eh_wait(const struct scsi_device *sdev)
{
	return sdev->eh_timeout ?: SCSI_DEFAULT_EH_TIMEOUT;
}

bool vmk_scsi_wait_idle(struct vmk_scsi_adapter *a, atomic_t *count,
			unsigned long wait)
{
	return wait_event_timeout(a->idle, !atomic_read(count), wait) > 0;
}

static VMK_ReturnStatus vmk_scsi_tm(struct vmk_scsi_adapter *a,
				    vmk_ScsiTaskMgmtType type,
				    vmk_ScsiCommandId id, vmk_uint32 world,
				    struct vmk_scsi_lun *lun)
{
	vmk_ScsiTaskMgmt tm;
	VMK_ReturnStatus status;

	vmk_ScsiInitTaskMgmt(&tm, type, id, world);
	status = a->pub.taskMgmt(a->pub.clientData, &tm, lun->deviceData);
	if (status != VMK_OK)
		pr_warn("scsi: %s: %s failed: %s\n", a->pub.name.string,
			vmk_ScsiGetTaskMgmtTypeName(type),
			vmk_StatusToString(status));
	return status;
}

static bool vmk_scsi_cmd_idle(struct vmk_scsi_cmd *c)
{
	unsigned long flags;
	bool idle;

	spin_lock_irqsave(&c->lock, flags);
	idle = c->state == VMK_SCSI_CMD_IDLE;
	spin_unlock_irqrestore(&c->lock, flags);
	return idle;
}

static int vmk_scsi_eh_abort(struct scsi_cmnd *sc)
{
	struct vmk_scsi_host *h = shost_priv(sc->device->host);
	struct vmk_scsi_adapter *a = h->a;
	struct vmk_scsi_cmd *c = scsi_cmd_priv(sc);
	enum vmk_scsi_cmd_state st;
	unsigned long flags;

	spin_lock_irqsave(&c->lock, flags);
	st = c->state;
	if (st == VMK_SCSI_CMD_INFLIGHT)
		c->state = VMK_SCSI_CMD_EH;
	spin_unlock_irqrestore(&c->lock, flags);
	if (st == VMK_SCSI_CMD_INFLIGHT || st == VMK_SCSI_CMD_EH)
		vmk_scsi_tm(a, VMK_SCSI_TASKMGMT_ABORT, c->cmd.cmdId,
			    c->cmd.worldId, c->lun);
	/* The driver completes the aborted command; then it is ours again. */
	if (!wait_event_timeout(a->idle, vmk_scsi_cmd_idle(c),
				vmk_scsi_eh_wait(sc->device)))
		return FAILED;
	return SUCCESS;
}

/* Mark every command of @sdev (NULL: of the host) the error handler's. */
static bool vmk_scsi_mark_eh(struct request *rq, void *data)
{
	struct scsi_cmnd *sc = blk_mq_rq_to_pdu(rq);
	struct vmk_scsi_cmd *c = scsi_cmd_priv(sc);
	struct scsi_device *sdev = data;
	unsigned long flags;

	if (sdev && sc->device != sdev)
		return true;
	spin_lock_irqsave(&c->lock, flags);
	if (c->state == VMK_SCSI_CMD_INFLIGHT)
		c->state = VMK_SCSI_CMD_EH;
	spin_unlock_irqrestore(&c->lock, flags);
	return true;
}

static int vmk_scsi_eh_reset(struct scsi_cmnd *sc, vmk_ScsiTaskMgmtType type)
{
	struct scsi_device *sdev = sc->device;
	struct vmk_scsi_host *h = shost_priv(sdev->host);
	struct vmk_scsi_adapter *a = h->a;
	struct vmk_scsi_lun *lun = sdev->hostdata;
	vmk_ScsiCommandId none = { .initiator = NULL };
	atomic_t *count;

	if (!lun)
		return FAILED;
	blk_mq_tagset_busy_iter(&sdev->host->tag_set, vmk_scsi_mark_eh,
				type == VMK_SCSI_TASKMGMT_LUN_RESET ? sdev :
				NULL);
	if (vmk_scsi_tm(a, type, none, task_pid_nr(current), lun) != VMK_OK)
		return FAILED;
	count = type == VMK_SCSI_TASKMGMT_LUN_RESET ? &lun->inflight :
		&a->inflight;
	return vmk_scsi_wait_idle(a, count, vmk_scsi_eh_wait(sdev)) ?
	       SUCCESS : FAILED;
}

static int vmk_scsi_eh_device_reset(struct scsi_cmnd *sc)
{
	return vmk_scsi_eh_reset(sc, VMK_SCSI_TASKMGMT_LUN_RESET);
}

static int vmk_scsi_eh_target_reset(struct scsi_cmnd *sc)
{
	return vmk_scsi_eh_reset(sc, VMK_SCSI_TASKMGMT_DEVICE_RESET);
}

static int vmk_scsi_eh_bus_reset(struct scsi_cmnd *sc)
{
	return vmk_scsi_eh_reset(sc, VMK_SCSI_TASKMGMT_BUS_RESET);
}

vmk_uint32 vmk_ScsiCommandGetCompletionQueue(vmk_ScsiAdapter *vmkAdapter,
					     vmk_ScsiCommand *vmkCmd)
{
	struct vmk_scsi_adapter *a;
	struct vmk_scsi_cmd *c;
	struct request *rq;

	a = vmk_scsi_adapter_find(vmkAdapter, __func__, _RET_IP_);
	if (!a)
		return 0;
	if (!vmkCmd) {
		vmk_core_bad_arg("NULL command");
		return 0;
	}
	c = container_of(vmkCmd, struct vmk_scsi_cmd, cmd);
	if (c->magic != VMK_SCSI_CMD_MAGIC || c->a != a ||
	    READ_ONCE(c->state) == VMK_SCSI_CMD_IDLE) {
		vmk_core_bad_arg("%p is not a command of %s in flight", vmkCmd,
				 a->pub.name.string);
		return 0;
	}
	/* Set when the request was issued; constant while it is in flight. */
	rq = scsi_cmd_to_rq(c->sc);
	return rq->mq_hctx ? rq->mq_hctx->queue_num : 0;
}
VMKAPI_EXPORT(vmk_ScsiCommandGetCompletionQueue);

/*
 * blk-mq's CPU -> hardware context map.  On a PCI adapter with several
 * completion queues whose MSI-X vectors the core spread over the CPUs
 * (vmk_PCIAllocIntrCookie: vector 0 for control, the others one per
 * queue), queue i takes the CPUs of vector i + 1: the queue's interrupt
 * fires on the CPUs that issue to it.  Otherwise (or when the vectors
 * carry no spread: blk_mq_pci_map_queues falls back) the default map.
 */
static void vmk_scsi_map_queues(struct Scsi_Host *shost)
{
	struct vmk_scsi_host *h = shost_priv(shost);
	struct blk_mq_queue_map *qmap = &shost->tag_set.map[HCTX_TYPE_DEFAULT];
	struct device *dev = h->a->ldev;

	if (qmap->nr_queues > 1 && dev && dev_is_pci(dev))
		blk_mq_pci_map_queues(qmap, to_pci_dev(dev), 1);
	else
		blk_mq_map_queues(qmap);
}

const struct scsi_host_template vmk_scsi_template = {
	.name = "vmkapi-scsi",
	.proc_name = "vmkapi-scsi",
	.queuecommand = vmk_scsi_queuecommand,
	.map_queues = vmk_scsi_map_queues,
	.init_cmd_priv = vmk_scsi_init_cmd_priv,
	.eh_abort_handler = vmk_scsi_eh_abort,
	.eh_device_reset_handler = vmk_scsi_eh_device_reset,
	.eh_target_reset_handler = vmk_scsi_eh_target_reset,
	.eh_bus_reset_handler = vmk_scsi_eh_bus_reset,
	.eh_host_reset_handler = vmk_scsi_eh_bus_reset,
	.target_alloc = vmk_scsi_target_alloc,
	.slave_alloc = vmk_scsi_slave_alloc,
	.slave_configure = vmk_scsi_slave_configure,
	.slave_destroy = vmk_scsi_slave_destroy,
	.change_queue_depth = vmk_scsi_change_queue_depth,
	.this_id = -1,
	.skip_settle_delay = 1,
};

int vmk_scsi_cmd_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct vmk_scsi_sched *s = per_cpu_ptr(&vmk_scsi_sched, cpu);

		init_llist_head(&s->list);
		tasklet_setup(&s->tasklet, vmk_scsi_sched_run);
	}
	return 0;
}

void vmk_scsi_cmd_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		tasklet_kill(&per_cpu_ptr(&vmk_scsi_sched, cpu)->tasklet);
}
