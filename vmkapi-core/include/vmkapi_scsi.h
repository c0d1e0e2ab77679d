/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SCSI adapters (reference section 18) over the Linux SCSI midlayer.
 *
 * A storage driver allocates a vmk_ScsiAdapter, fills it, and registers
 * (from its scan callback) a logical child device with identifier
 * VMK_SCSI_PSA_DRIVER_BUS_ID whose registration data is the adapter.  The
 * core's SCSI layer claims that child and, when it starts it, registers
 * the adapter: a Linux Scsi_Host appears, its LUNs are scanned (the
 * driver's discover callback creates each path) and sd makes them disks.
 * Quiescing the child unregisters the adapter again; the driver's
 * removeDevice unregisters the child and frees the adapter.  A driver may
 * instead call vmk_ScsiRegisterAdapter/UnregisterAdapter itself (older
 * drivers did); then the child only reports I/O allowed or not.
 *
 * Every command Linux sends becomes a vmk_ScsiCommand handed to the
 * driver's command callback with its data mapped by the adapter's DMA
 * engine; the driver completes it by calling cmd->done(cmd), or
 * vmk_ScsiSchedCommandCompletion(cmd) from paths that must not complete
 * synchronously.  Linux's timeouts and error handler become task
 * management requests (abort, LUN reset, target reset, bus reset).
 *
 * Contexts ("may block" implies a world that holds no spinlock):
 * allocate, register, unregister, free and the synchronous path calls
 * may block; everything about a single command (sense data, task
 * management matching, scheduling a completion) never blocks and may be
 * called from any context but NMI, with spinlocks held.
 */
#ifndef _VMKAPI_SCSI_H_
#define _VMKAPI_SCSI_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#include "vmkapi_scsi_types.h"

/*
 * vmk_ScsiAllocateAdapter - a zeroed adapter in the allocated state, with
 * hostNum and name ("vmhba<hostNum>") set.  May block.  NULL: no memory.
 */
vmk_ScsiAdapter *vmk_ScsiAllocateAdapter(void);

/*
 * vmk_ScsiRegisterAdapter - make an allocated adapter a Linux SCSI host
 * and (unless VMK_SCSI_ADAPTER_FLAG_REGISTER_WITHOUT_SCAN) scan it; the
 * scan has finished when this returns.  Normally the core's SCSI layer
 * calls it when it starts the adapter's HBAPort device.  May block.
 * VMK_BAD_PARAM (logged): not an allocated adapter, or a required field
 * missing or out of range (maxLUNs 0, no engine, ...); VMK_EXISTS: it is
 * registered already; VMK_NO_MEMORY; VMK_FAILURE: Linux refused the host.
 */
VMK_ReturnStatus vmk_ScsiRegisterAdapter(vmk_ScsiAdapter *adapter);

/*
 * vmk_ScsiUnregisterAdapter - remove the SCSI host: its disks go away,
 * commands in flight are completed or aborted first.  The adapter is
 * back in the allocated state.  May block (until the driver completed
 * every command).  VMK_BAD_PARAM (logged): not an adapter; VMK_FAILURE
 * (logged): not registered.
 */
VMK_ReturnStatus vmk_ScsiUnregisterAdapter(vmk_ScsiAdapter *adapter);

/*
 * vmk_ScsiFreeAdapter - free an allocated (not registered) adapter.  May
 * block.  A registered adapter or a pointer that is no adapter is
 * refused with one log line and left alone.
 */
void vmk_ScsiFreeAdapter(vmk_ScsiAdapter *adapter);

/*
 * vmk_ScsiAdapterSetCapabilities - before registration.  Never blocks.
 * VMK_BAD_PARAM: not an allocated adapter or unknown bits;
 * VMK_NOT_SUPPORTED: DATA_INTEGRITY or SECONDLEVEL_ADDRESSING (neither
 * is provided here).  DRIVER_COMPL_WORLDS is recorded (the driver's
 * worlds call done; nothing changes in the core).
 */
VMK_ReturnStatus vmk_ScsiAdapterSetCapabilities(vmk_ScsiAdapter *adapter,
				vmk_ScsiAdapterCapabilities capabilities);
/* vmk_ScsiAdapterGetCapabilities - the mask set.  Never blocks. */
VMK_ReturnStatus vmk_ScsiAdapterGetCapabilities(const vmk_ScsiAdapter *vmkAdapter,
				vmk_ScsiAdapterCapabilitiesMask *mask);
/*
 * Completion queues.  Each queue an adapter starts is one blk-mq hardware
 * context of its Linux host; blk-mq maps every CPU to one of them, and a
 * command arrives on the context of the CPU that issued it.  On a PCI
 * adapter whose MSI-X vectors vmk_PCIAllocIntrCookie spread over the
 * CPUs (three or more: vector 0 for control, one per queue after it),
 * queue i is given the CPUs of vector i + 1.  A driver
 * with one hardware queue (and vector) per completion queue submits each
 * command to the queue vmk_ScsiCommandGetCompletionQueue names, so
 * submission and completion stay on the issuer's CPU.
 *
 * vmk_ScsiGetMaxNumCompletionQueues - how many queues an adapter may
 * start: the number of online CPUs (at least 1).  Never blocks; any
 * context.
 */
vmk_uint32 vmk_ScsiGetMaxNumCompletionQueues(void);

/*
 * vmk_ScsiStartCompletionQueues - give the adapter numQueues completion
 * queues.  May block (not from interrupt acknowledge, interrupt handler
 * or NetPoll).  Before registration the number is recorded and the host
 * is created with that many hardware contexts; a registered adapter's
 * count can be raised (blk-mq remaps its CPUs) but never lowered: a
 * smaller or equal numQueues is VMK_OK and changes nothing.  The queues
 * end with the registration (unregistering goes back to one).
 * VMK_BAD_PARAM (logged): not an adapter, numQueues 0 or more than
 * vmk_ScsiGetMaxNumCompletionQueues(); VMK_BUSY: being registered or
 * unregistered; VMK_NO_MEMORY: blk-mq could not grow (the count is
 * left as it was).
 */
VMK_ReturnStatus vmk_ScsiStartCompletionQueues(vmk_ScsiAdapter *vmkAdapter,
					       vmk_uint32 numQueues);

/*
 * vmk_ScsiCommandGetCompletionQueue - the queue (0 .. started - 1) to
 * issue vmkCmd on: the index of the blk-mq hardware context the command
 * was issued on.  Never blocks; callable from any context, with spin
 * locks held (the driver's command callback is the usual caller).  Not
 * an adapter, or not a command of this adapter in the driver's hands:
 * logged, and 0 (a queue that always exists).
 */
vmk_uint32 vmk_ScsiCommandGetCompletionQueue(vmk_ScsiAdapter *vmkAdapter,
					     vmk_ScsiCommand *vmkCmd);

/* vmk_ScsiAdapterHasCapabilities - all of mask set?  Never blocks. */
VMK_ReturnStatus vmk_ScsiAdapterHasCapabilities(const vmk_ScsiAdapter *vmkAdapter,
				vmk_ScsiAdapterCapabilitiesMask mask,
				vmk_Bool *hasCapabilities);

/*
 * vmk_ScsiSchedCommandCompletion - complete command later, on this CPU,
 * in a non-preemptible context (a softirq), as if the driver had called
 * command->done(command) there.  For the submission path, where
 * completing at once would recurse.  Never blocks; any context but NMI,
 * spinlocks may be held.  A command that is not in flight is refused
 * with one log line.
 */
void vmk_ScsiSchedCommandCompletion(vmk_ScsiCommand *command);

/*
 * vmk_ScsiCmdSetSenseData - copy bufLen bytes of sense data into the
 * command (truncated to vmk_ScsiGetSupportedCmdSenseDataSize(), the rest
 * zeroed).  Set status.device to CHECK_CONDITION for it to be reported.
 * Never blocks; any context but NMI.  VMK_BAD_PARAM: NULL arguments.
 */
VMK_ReturnStatus vmk_ScsiCmdSetSenseData(vmk_ScsiSenseData *buf,
					 vmk_ScsiCommand *vmkCmd,
					 vmk_ByteCount bufLen);
/* vmk_ScsiCmdGetSenseData - copy the sense data out.  As Set. */
VMK_ReturnStatus vmk_ScsiCmdGetSenseData(vmk_ScsiCommand *vmkCmd,
					 vmk_ScsiSenseData *buf,
					 vmk_ByteCount bufLen);
/* vmk_ScsiCmdClearSenseData - zero it.  As Set. */
VMK_ReturnStatus vmk_ScsiCmdClearSenseData(vmk_ScsiCommand *vmkCmd);
/* vmk_ScsiGetSupportedCmdSenseDataSize - 64.  Any context. */
vmk_ByteCount vmk_ScsiGetSupportedCmdSenseDataSize(void);

/*
 * vmk_ScsiCmdGetDriverFrame [2.4] - the command's driver frame: scratch
 * memory of vmk_ScsiCmdGetDriverFrameSize() bytes, cacheline aligned,
 * that comes with every command the layer issues, so that a driver
 * needs no allocation for its per-command state.  The driver owns it
 * from the command callback until it completes the command; its
 * contents are undefined at issue.  Never blocks; any context.  NULL
 * (logged) for NULL.
 */
void *vmk_ScsiCmdGetDriverFrame(vmk_ScsiCommand *vmkCmd);
/* vmk_ScsiCmdGetDriverFrameSize [2.4] - 128 bytes here.  Any context. */
vmk_ByteCountSmall vmk_ScsiCmdGetDriverFrameSize(void);

/*
 * vmk_ScsiExtractSenseData - key, ASC and ASCQ of fixed-format sense data
 * (response code 0x70 or 0x71): VMK_TRUE if it reports an error.  Never
 * blocks; any context.  NULL arguments: VMK_FALSE (logged).
 */
vmk_Bool vmk_ScsiExtractSenseData(vmk_ScsiSenseData *senseBuffer,
				  vmk_uint8 *sense_key, vmk_uint8 *asc,
				  vmk_uint8 *ascq);
/*
 * vmk_ScsiIllegalRequest - make senseBuffer ILLEGAL REQUEST with asc and
 * ascq (fixed format, current command).  Never blocks; any context.
 */
void vmk_ScsiIllegalRequest(vmk_ScsiSenseData *senseBuffer, vmk_uint8 asc,
			    vmk_uint8 ascq);
/*
 * vmk_ScsiCmdIsRecoveredError - GOOD apart from a CHECK CONDITION with
 * sense key RECOVERED ERROR.  Never blocks; any context.
 */
vmk_Bool vmk_ScsiCmdIsRecoveredError(const vmk_ScsiCommand *vmkCmd);

/*
 * vmk_ScsiGetLbaLbc - block address and count of a READ or WRITE CDB
 * (6, 10, 12, 16 bytes; a READ/WRITE(6) count of 0 means 256).  Never
 * blocks; any context.  VMK_NOT_SUPPORTED: devClass is not DISK, CDROM
 * or TAPE (or a CDROM with a 6 or 16 byte CDB); VMK_BAD_PARAM: not a
 * READ/WRITE opcode, cdbLen too short or NULL arguments.
 */
VMK_ReturnStatus vmk_ScsiGetLbaLbc(unsigned char *cdb, vmk_ByteCount cdbLen,
				   vmk_ScsiDeviceClass devClass,
				   vmk_uint64 *lba, vmk_uint32 *lbc);

/*
 * vmk_ScsiInitTaskMgmt - build a task management request.  cmdId and
 * worldId matter for ABORT (one command) and VIRT_RESET (every command
 * of worldId from cmdId.initiator, or from any initiator with
 * VMK_SCSI_TASKMGMT_ANY_INITIATOR).  Its status, for the commands it
 * aborts, is host ABORT (abort, virtual reset) or RESET (the resets).
 * Never blocks; any context.  NULL vmkTask or an unknown type: logged,
 * nothing done.
 */
void vmk_ScsiInitTaskMgmt(vmk_ScsiTaskMgmt *vmkTask, vmk_ScsiTaskMgmtType type,
			  vmk_ScsiCommandId cmdId, vmk_uint32 worldId);
/*
 * vmk_ScsiQueryTaskMgmt - does the request cover cmd?  LUN, target and
 * bus resets cover every command the driver is asked about.  Never
 * blocks; any context.  A request vmk_ScsiInitTaskMgmt did not build, or
 * NULL: VMK_SCSI_TASKMGMT_ACTION_IGNORE (logged).
 */
vmk_ScsiTaskMgmtAction vmk_ScsiQueryTaskMgmt(const vmk_ScsiTaskMgmt *vmkTaskMgmt,
					     const vmk_ScsiCommand *cmd);
/* vmk_ScsiGetTaskMgmtTypeName - "abort", "lun reset", ...  Any context. */
const char *vmk_ScsiGetTaskMgmtTypeName(vmk_ScsiTaskMgmtType taskMgmtType);

/*
 * Paths.  A path is adapter:channel:target:lun; on Linux it is a
 * scsi_device, and sd claims it as soon as it is discovered, so scanning
 * and claiming are one step.  Adapters are named by adapter->name.
 *
 * vmk_ScsiScanPaths, vmk_ScsiScanAndClaimPaths - discover the paths
 * matching the arguments (VMK_SCSI_PATH_ANY_* wildcards; "*" for every
 * registered adapter).  May block.  VMK_INVALID_NAME: no such registered
 * adapter; VMK_BUSY: the adapter is being scanned; VMK_BAD_PARAM: NULL
 * name (logged).
 */
VMK_ReturnStatus vmk_ScsiScanPaths(const vmk_Name *adapterName,
				   vmk_uint32 channel, vmk_uint32 target,
				   vmk_uint32 lun);
VMK_ReturnStatus vmk_ScsiScanAndClaimPaths(const vmk_Name *adapterName,
					   vmk_uint32 channel,
					   vmk_uint32 target, vmk_uint32 lun);
/*
 * vmk_ScsiScanDeleteAdapterPath - remove one path if it is dead (the
 * driver's discover CONFIGURE_PATH fails for it).  May block.  As
 * ScanPaths, plus VMK_BAD_PARAM for a wildcard and VMK_NOT_FOUND when
 * there is no such path.
 */
VMK_ReturnStatus vmk_ScsiScanDeleteAdapterPath(const vmk_Name *adapterName,
					       vmk_uint32 channel,
					       vmk_uint32 target,
					       vmk_uint32 lun);
/*
 * vmk_ScsiNotifyPathStateChange - probe the path(s) now: a path the
 * driver no longer configures goes offline (I/O to it fails at once),
 * one it configures again comes back, a new LUN is added.  lun -1: every
 * LUN of channel:target.  May block; no spinlock held.  VMK_BAD_PARAM
 * (logged): not a registered adapter; VMK_NOT_FOUND: a given lun that
 * has no path and none could be created.
 */
VMK_ReturnStatus vmk_ScsiNotifyPathStateChange(vmk_ScsiAdapter *vmkAdapter,
					       vmk_int32 channel,
					       vmk_int32 target,
					       vmk_int32 lun);
/*
 * vmk_ScsiNotifyPathStateChangeAsync - the same, done later by a kernel
 * worker.  Never blocks; any context but NMI.  VMK_BAD_PARAM (logged):
 * not a registered adapter; VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_ScsiNotifyPathStateChangeAsync(vmk_ScsiAdapter *vmkAdapter,
						    vmk_int32 channel,
						    vmk_int32 target,
						    vmk_int32 lun);
/*
 * vmk_ScsiSetPathLostByDevice - permanent device loss: the path(s) go
 * offline for good (until rescanned).  lun -1: every LUN of
 * channel:target.  May block.  VMK_BAD_PARAM: NULL name (logged);
 * VMK_NOT_FOUND: no such registered adapter, or a given lun without a
 * path.
 */
VMK_ReturnStatus vmk_ScsiSetPathLostByDevice(const vmk_Name *adapterName,
					     vmk_int32 channel,
					     vmk_int32 target, vmk_int32 lun);
/*
 * vmk_ScsiModifyQueueDepth - set a path's queue depth (the LUN's share
 * of the adapter's).  Never blocks.  VMK_NOT_FOUND: no such path;
 * VMK_BAD_PARAM (logged): not a registered adapter or qdepth 0.
 */
VMK_ReturnStatus vmk_ScsiModifyQueueDepth(vmk_ScsiAdapter *vmkAdapter,
					  vmk_int32 channel, vmk_int32 target,
					  vmk_int32 lun, vmk_uint32 qdepth);
/*
 * vmk_ScsiRemovePath - destroy a path (its disk goes away).  May block.
 * VMK_FALSE: no such path, or not a registered adapter (logged).
 */
vmk_Bool vmk_ScsiRemovePath(vmk_ScsiAdapter *adapter, vmk_uint32 channel,
			    vmk_uint32 targetId, vmk_uint32 lunId);

/* Inline helpers: pure functions of their arguments, any context. */
static inline vmk_Bool vmk_ScsiAdapterIsPAECapable(vmk_ScsiAdapter *adapter)
{
	return adapter->paeCapable;
}

static inline vmk_Bool vmk_ScsiCmdStatusIsGood(vmk_ScsiCmdStatus status)
{
	return status.device == VMK_SCSI_DEVICE_GOOD &&
	       status.host == VMK_SCSI_HOST_OK &&
	       status.plugin == VMK_SCSI_PLUGIN_GOOD ? VMK_TRUE : VMK_FALSE;
}

static inline vmk_Bool vmk_ScsiCmdIsSuccessful(const vmk_ScsiCommand *vmkCmd)
{
	return vmk_ScsiCmdStatusIsGood(vmkCmd->status) ||
	       vmk_ScsiCmdIsRecoveredError(vmkCmd);
}

static inline vmk_Bool
vmk_ScsiCmdStatusIsResvConflict(vmk_ScsiCmdStatus status)
{
	return status.device == VMK_SCSI_DEVICE_RESERVATION_CONFLICT &&
	       status.host == VMK_SCSI_HOST_OK &&
	       status.plugin == VMK_SCSI_PLUGIN_GOOD;
}

static inline vmk_Bool vmk_ScsiCmdStatusIsCheck(vmk_ScsiCmdStatus status)
{
	return status.device == VMK_SCSI_DEVICE_CHECK_CONDITION &&
	       status.host == VMK_SCSI_HOST_OK &&
	       status.plugin == VMK_SCSI_PLUGIN_GOOD ? VMK_TRUE : VMK_FALSE;
}

static inline vmk_Bool
vmk_ScsiCmdSenseIsPOR(const vmk_ScsiSenseData *senseData)
{
	return senseData->key == VMK_SCSI_SENSE_KEY_UNIT_ATTENTION &&
	       senseData->optLen >= 6 &&
	       senseData->asc == VMK_SCSI_ASC_POWER_ON_OR_RESET &&
	       senseData->ascq <= 4;
}

static inline vmk_Bool
vmk_ScsiCmdSenseIsMediumNotPresent(const vmk_ScsiSenseData *senseData)
{
	return senseData->key == VMK_SCSI_SENSE_KEY_NOT_READY &&
	       senseData->asc == VMK_SCSI_ASC_MEDIUM_NOT_PRESENT;
}

static inline vmk_Bool vmk_ScsiIsReadCdb(vmk_uint8 cdb0)
{
	return cdb0 == VMK_SCSI_CMD_READ6 || cdb0 == VMK_SCSI_CMD_READ10 ||
	       cdb0 == VMK_SCSI_CMD_READ12 || cdb0 == VMK_SCSI_CMD_READ16;
}

static inline vmk_Bool vmk_ScsiIsWriteCdb(vmk_uint8 cdb0)
{
	return cdb0 == VMK_SCSI_CMD_WRITE6 || cdb0 == VMK_SCSI_CMD_WRITE10 ||
	       cdb0 == VMK_SCSI_CMD_WRITE12 || cdb0 == VMK_SCSI_CMD_WRITE16;
}

static inline const char *
vmk_ScsiGetAdapterName(const vmk_ScsiAdapter *vmkAdapter)
{
	return vmkAdapter->name.string;
}

#endif /* _VMKAPI_SCSI_H_ */
