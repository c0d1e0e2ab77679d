/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scsi_emul: for native adapters whose one device does not speak SCSI
 * (an NVMe namespace, a RAM disk):
 *  - the target side of the SCSI commands Linux's sd sends that a
 *    direct-access device answers from what it knows about itself
 *    (INQUIRY and its VPD pages, READ CAPACITY, REPORT LUNS, MODE SENSE,
 *    TEST UNIT READY); data commands stay with the driver;
 *  - the single-LUN adapter around it: the geometry and path callbacks
 *    of the vmk_ScsiAdapter (one channel, target and LUN), and its
 *    "com.vmware.HBAPort" logical child with the removeDevice that
 *    unregisters it and frees the adapter.
 *
 * Compiled into each module that uses it (scsi_emul.mk), so it has no
 * exported symbols; it uses VMK API calls only.  The command calls run
 * in the adapter's command callback and never block; registering and
 * removing the port are device-layer calls (scan, removeDevice).
 */
#ifndef _SCSI_EMUL_H_
#define _SCSI_EMUL_H_

#include "vmkapi.h"

/* What a target says about itself; filled by the driver, read only here. */
struct scsi_emul_target {
	char vendor[9];		/* INQUIRY vendor, up to 8 characters */
	char product[17];	/* INQUIRY product, up to 16 */
	char revision[5];	/* INQUIRY revision, up to 4 */
	char serial[41];	/* VPD 0x80 */
	/* An EUI-64 designator for VPD 0x83; all zeroes: none. */
	vmk_uint8 eui64[8];
	vmk_uint64 blocks;	/* logical blocks */
	vmk_uint32 block_size;	/* bytes per logical block */
	vmk_uint32 max_xfer_blocks;	/* VPD 0xb0; 0: no limit */
	vmk_Bool write_cache;	/* volatile write cache enabled (WCE) */
	vmk_Bool fua;		/* READ/WRITE honour FUA (MODE SENSE DPOFUA) */
	vmk_Bool rotational;	/* VPD 0xb1: FALSE says non-rotating */

	/* The adapter's side, for scsi_emul_adapter_init and the port. */
	void *driver_data;	/* the driver's context */
	vmk_uint32 qdepth;	/* the LUN's queue depth at most */
	vmk_ScsiAdapter *adapter;	/* freed when the port is removed */
	vmk_Device port;	/* the HBAPort child, while registered */
	vmk_Bool io_allowed;	/* notifyIOAllowed's last word */
};

/* The sense keys and codes the drivers report. */
#define SCSI_EMUL_ASC_LBA_OUT_OF_RANGE	0x21

#define SCSI_EMUL_CMD_SYNC_CACHE16	0x91

/*
 * scsi_emul_command - answer cmd if it is one of the emulated commands:
 * status, data and bytesXferred are set and TRUE is returned (the caller
 * completes it).  FALSE: not emulated, cmd untouched.
 */
vmk_Bool scsi_emul_command(const struct scsi_emul_target *t,
			   vmk_ScsiCommand *cmd);

/* scsi_emul_check - CHECK CONDITION with fixed sense key/asc/ascq. */
void scsi_emul_check(vmk_ScsiCommand *cmd, vmk_uint8 key, vmk_uint8 asc,
		     vmk_uint8 ascq);

/* scsi_emul_unsupported - CHECK CONDITION, ILLEGAL REQUEST, invalid opcode. */
void scsi_emul_unsupported(vmk_ScsiCommand *cmd);

/*
 * scsi_emul_rw_range_ok - a READ/WRITE's lba/lbc fit the target and its
 * data buffer; if not, the command gets the CHECK CONDITION (or host
 * error) and FALSE is returned.
 */
vmk_Bool scsi_emul_rw_range_ok(const struct scsi_emul_target *t,
			       vmk_ScsiCommand *cmd);

/*
 * scsi_emul_adapter_init - fill a freshly allocated adapter for one LUN
 * (0:0:0) described by t: clientData = t (the path's deviceData is t as
 * well), geometry, PAE, 16-byte CDBs, no periodic scan, and the discover,
 * checkTarget, queue depth and notifyIOAllowed callbacks.  The driver
 * sets the rest (command, taskMgmt, engine, limits, names, module).
 */
void scsi_emul_adapter_init(vmk_ScsiAdapter *a, struct scsi_emul_target *t);

/*
 * scsi_emul_port_register - from scanDevice: register t->adapter as the
 * logical "com.vmware.HBAPort" child of parent (once; VMK_OK when it
 * already is).  Its removeDevice unregisters it and frees t->adapter.
 * May block.
 */
VMK_ReturnStatus scsi_emul_port_register(vmk_Driver driver, vmk_Device parent,
					 struct scsi_emul_target *t);

#endif /* _SCSI_EMUL_H_ */
