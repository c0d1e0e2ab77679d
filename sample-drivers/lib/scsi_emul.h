/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scsi_emul: the target side of the SCSI commands Linux's sd sends that a
 * direct-access device answers from what it knows about itself (INQUIRY
 * and its VPD pages, READ CAPACITY, REPORT LUNS, MODE SENSE, TEST UNIT
 * READY), for native adapters whose devices do not speak SCSI (an NVMe
 * namespace, a RAM disk).  Data commands stay with the driver.
 *
 * Compiled into each module that uses it (scsi_emul.mk), so it has no
 * exported symbols; it uses VMK API calls only.  Everything here runs in
 * the adapter's command callback: it never blocks.
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
	vmk_Bool rotational;	/* VPD 0xb1: FALSE says non-rotating */
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

#endif /* _SCSI_EMUL_H_ */
