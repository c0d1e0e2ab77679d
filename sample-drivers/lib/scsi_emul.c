// SPDX-License-Identifier: GPL-2.0
/*
 * scsi_emul: SCSI target emulation shared by native adapters whose
 * devices are not SCSI (see scsi_emul.h).  Replies follow SPC-4 and
 * SBC-3 as far as Linux's sd reads them: it probes VPD pages only when
 * page 0x00 lists them, takes the cache mode from MODE SENSE's caching
 * page, the transfer limits from the Block Limits page and "non
 * rotational" from Block Device Characteristics.
 */
#include "scsi_emul.h"

#define SCSI_EMUL_VPD_SUPPORTED		0x00
#define SCSI_EMUL_VPD_SERIAL		0x80
#define SCSI_EMUL_VPD_DEVICE_ID		0x83
#define SCSI_EMUL_VPD_BLOCK_LIMITS	0xb0
#define SCSI_EMUL_VPD_BLOCK_CHAR	0xb1

#define SCSI_EMUL_MODE_CACHING		0x08
#define SCSI_EMUL_MODE_ALL		0x3f
#define SCSI_EMUL_MODE_CACHING_LEN	20
#define SCSI_EMUL_MODE_DPOFUA		0x10

/* Longest reply built here (VPD 0x83, the mode pages). */
#define SCSI_EMUL_BUF			96

static void scsi_emul_put_be(vmk_uint8 *p, vmk_uint64 v, unsigned int n)
{
	while (n--) {
		p[n] = v & 0xff;
		v >>= 8;
	}
}

static vmk_uint64 scsi_emul_get_be(const vmk_uint8 *p, unsigned int n)
{
	vmk_uint64 v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

/* A space-padded ASCII field of exactly len bytes. */
static void scsi_emul_put_ascii(vmk_uint8 *p, const char *s,
				unsigned int len)
{
	unsigned int n = vmk_Strnlen(s, len);

	vmk_Memset(p, ' ', len);
	vmk_Memcpy(p, s, n);
}

void scsi_emul_check(vmk_ScsiCommand *cmd, vmk_uint8 key, vmk_uint8 asc,
		     vmk_uint8 ascq)
{
	vmk_ScsiSenseData sense;

	vmk_ScsiIllegalRequest(&sense, asc, ascq);
	sense.key = key;
	vmk_ScsiCmdSetSenseData(&sense, cmd, sizeof(sense));
	cmd->status.device = VMK_SCSI_DEVICE_CHECK_CONDITION;
}

void scsi_emul_unsupported(vmk_ScsiCommand *cmd)
{
	scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
			VMK_SCSI_ASC_INVALID_COMMAND_OPERATION, 0);
}

static void scsi_emul_invalid_field(vmk_ScsiCommand *cmd)
{
	scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
			VMK_SCSI_ASC_INVALID_FIELD_IN_CDB, 0);
}

/* Return len bytes of buf, as many as the allocation length and buffer take. */
static void scsi_emul_reply(vmk_ScsiCommand *cmd, const void *buf,
			    vmk_uint32 len, vmk_uint32 alloc)
{
	vmk_uint64 n = len < alloc ? len : alloc;
	vmk_uint64 room = vmk_SgGetDataLen(cmd->sgArray);

	if (n > room)
		n = room;
	if (n && vmk_SgCopyTo(cmd->sgArray, (void *)buf, n) != VMK_OK) {
		cmd->status.host = VMK_SCSI_HOST_ERROR;
		return;
	}
	cmd->bytesXferred = n;
}

static void scsi_emul_std_inquiry(const struct scsi_emul_target *t,
				  vmk_uint8 *buf)
{
	buf[0] = VMK_SCSI_CLASS_DISK;
	buf[2] = 0x06;		/* SPC-4 */
	buf[3] = 0x02;		/* response data format 2 */
	buf[4] = 36 - 5;	/* additional length */
	buf[7] = 0x02;		/* CMDQUE */
	scsi_emul_put_ascii(&buf[8], t->vendor, 8);
	scsi_emul_put_ascii(&buf[16], t->product, 16);
	scsi_emul_put_ascii(&buf[32], t->revision, 4);
}

static vmk_Bool scsi_emul_has_eui64(const struct scsi_emul_target *t)
{
	static const vmk_uint8 zero[8];

	return vmk_Memcmp(t->eui64, zero, sizeof(zero)) != 0;
}

/* Device identification: the EUI-64 if any, and a T10 vendor ID. */
static vmk_uint32 scsi_emul_vpd_devid(const struct scsi_emul_target *t,
				      vmk_uint8 *buf)
{
	vmk_uint8 *d = &buf[4];
	unsigned int id_len = 8 + 16 + 16;

	if (scsi_emul_has_eui64(t)) {
		d[0] = 0x01;	/* binary */
		d[1] = 0x02;	/* EUI-64, LUN association */
		d[3] = 8;
		vmk_Memcpy(&d[4], t->eui64, 8);
		d += 4 + 8;
	}
	d[0] = 0x02;		/* ASCII */
	d[1] = 0x01;		/* T10 vendor ID, LUN association */
	d[3] = id_len;
	scsi_emul_put_ascii(&d[4], t->vendor, 8);
	scsi_emul_put_ascii(&d[12], t->product, 16);
	scsi_emul_put_ascii(&d[28], t->serial, 16);
	d += 4 + id_len;
	scsi_emul_put_be(&buf[2], d - &buf[4], 2);
	return d - buf;
}

static void scsi_emul_inquiry(const struct scsi_emul_target *t,
			      vmk_ScsiCommand *cmd)
{
	vmk_uint32 alloc = scsi_emul_get_be(&cmd->cdb[3], 2);
	vmk_uint8 buf[SCSI_EMUL_BUF] = { 0 };
	vmk_uint32 len;

	if (!(cmd->cdb[1] & 1)) {
		if (cmd->cdb[2]) {
			scsi_emul_invalid_field(cmd);
			return;
		}
		scsi_emul_std_inquiry(t, buf);
		scsi_emul_reply(cmd, buf, 36, alloc);
		return;
	}
	buf[0] = VMK_SCSI_CLASS_DISK;
	buf[1] = cmd->cdb[2];
	switch (cmd->cdb[2]) {
	case SCSI_EMUL_VPD_SUPPORTED:
		buf[3] = 5;
		buf[4] = SCSI_EMUL_VPD_SUPPORTED;
		buf[5] = SCSI_EMUL_VPD_SERIAL;
		buf[6] = SCSI_EMUL_VPD_DEVICE_ID;
		buf[7] = SCSI_EMUL_VPD_BLOCK_LIMITS;
		buf[8] = SCSI_EMUL_VPD_BLOCK_CHAR;
		len = 4 + buf[3];
		break;
	case SCSI_EMUL_VPD_SERIAL:
		buf[3] = vmk_Strnlen(t->serial, sizeof(t->serial) - 1);
		vmk_Memcpy(&buf[4], t->serial, buf[3]);
		len = 4 + buf[3];
		break;
	case SCSI_EMUL_VPD_DEVICE_ID:
		len = scsi_emul_vpd_devid(t, buf);
		break;
	case SCSI_EMUL_VPD_BLOCK_LIMITS:
		buf[3] = 0x3c;
		/* Maximum and optimal transfer length, in blocks. */
		scsi_emul_put_be(&buf[8], t->max_xfer_blocks, 4);
		scsi_emul_put_be(&buf[12], t->max_xfer_blocks, 4);
		len = 4 + buf[3];
		break;
	case SCSI_EMUL_VPD_BLOCK_CHAR:
		buf[3] = 0x3c;
		/* Medium rotation rate: 1 = non-rotating (solid state). */
		scsi_emul_put_be(&buf[4], t->rotational ? 0 : 1, 2);
		len = 4 + buf[3];
		break;
	default:
		scsi_emul_invalid_field(cmd);
		return;
	}
	scsi_emul_reply(cmd, buf, len, alloc);
}

static void scsi_emul_read_capacity(const struct scsi_emul_target *t,
				    vmk_ScsiCommand *cmd)
{
	vmk_uint8 buf[32] = { 0 };
	vmk_uint64 last = t->blocks ? t->blocks - 1 : 0;

	if (cmd->cdb[0] == VMK_SCSI_CMD_READ_CAPACITY) {
		/* All ones: too large, ask READ CAPACITY(16). */
		scsi_emul_put_be(&buf[0], last > 0xffffffffULL ?
				 0xffffffffULL : last, 4);
		scsi_emul_put_be(&buf[4], t->block_size, 4);
		scsi_emul_reply(cmd, buf, 8, 8);
		return;
	}
	if ((cmd->cdb[1] & 0x1f) != VMK_SCSI_SAI_READ_CAPACITY16) {
		scsi_emul_invalid_field(cmd);
		return;
	}
	scsi_emul_put_be(&buf[0], last, 8);
	scsi_emul_put_be(&buf[8], t->block_size, 4);
	scsi_emul_reply(cmd, buf, 32, scsi_emul_get_be(&cmd->cdb[10], 4));
}

/*
 * The caching mode page (SBC-3 6.4.5); page control 1 (changeable
 * values) reports nothing changeable.
 */
static vmk_uint32 scsi_emul_caching_page(const struct scsi_emul_target *t,
					 vmk_uint8 pc, vmk_uint8 *p)
{
	p[0] = SCSI_EMUL_MODE_CACHING;
	p[1] = SCSI_EMUL_MODE_CACHING_LEN - 2;
	if (pc != 1 && t->write_cache)
		p[2] = 0x04;	/* WCE */
	return SCSI_EMUL_MODE_CACHING_LEN;
}

static void scsi_emul_mode_sense(const struct scsi_emul_target *t,
				 vmk_ScsiCommand *cmd)
{
	vmk_Bool ten = cmd->cdb[0] == VMK_SCSI_CMD_MODE_SENSE10;
	vmk_uint8 page = cmd->cdb[2] & 0x3f;
	vmk_uint8 pc = cmd->cdb[2] >> 6;
	vmk_uint32 hdr = ten ? 8 : 4;
	vmk_uint8 buf[SCSI_EMUL_BUF] = { 0 };
	vmk_uint32 len = hdr, alloc;

	if (pc == 3) {		/* saved values: not supported */
		scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
				0x39, 0);
		return;
	}
	if (page == SCSI_EMUL_MODE_CACHING || page == SCSI_EMUL_MODE_ALL) {
		len += scsi_emul_caching_page(t, pc, &buf[hdr]);
	} else {
		scsi_emul_invalid_field(cmd);
		return;
	}
	/*
	 * No block descriptor.  The device-specific byte: not write
	 * protected, DPOFUA if the target honours FUA.
	 */
	if (ten) {
		scsi_emul_put_be(&buf[0], len - 2, 2);
		buf[3] = t->fua ? SCSI_EMUL_MODE_DPOFUA : 0;
		alloc = scsi_emul_get_be(&cmd->cdb[7], 2);
	} else {
		buf[0] = len - 1;
		buf[2] = t->fua ? SCSI_EMUL_MODE_DPOFUA : 0;
		alloc = cmd->cdb[4];
	}
	scsi_emul_reply(cmd, buf, len, alloc);
}

static void scsi_emul_report_luns(vmk_ScsiCommand *cmd)
{
	vmk_uint8 buf[16] = { 0 };

	/* One LUN, number 0: an 8-byte list after the header. */
	scsi_emul_put_be(&buf[0], 8, 4);
	scsi_emul_reply(cmd, buf, 16, scsi_emul_get_be(&cmd->cdb[6], 4));
}

vmk_Bool scsi_emul_command(const struct scsi_emul_target *t,
			   vmk_ScsiCommand *cmd)
{
	switch (cmd->cdb[0]) {
	case VMK_SCSI_CMD_TEST_UNIT_READY:
	case VMK_SCSI_CMD_START_UNIT:
	case VMK_SCSI_CMD_VERIFY:
		return VMK_TRUE;
	case VMK_SCSI_CMD_INQUIRY:
		scsi_emul_inquiry(t, cmd);
		return VMK_TRUE;
	case VMK_SCSI_CMD_READ_CAPACITY:
	case VMK_SCSI_CMD_SERVICE_ACTION_IN:
		scsi_emul_read_capacity(t, cmd);
		return VMK_TRUE;
	case VMK_SCSI_CMD_REPORT_LUNS:
		scsi_emul_report_luns(cmd);
		return VMK_TRUE;
	case VMK_SCSI_CMD_MODE_SENSE:
	case VMK_SCSI_CMD_MODE_SENSE10:
		scsi_emul_mode_sense(t, cmd);
		return VMK_TRUE;
	default:
		return VMK_FALSE;
	}
}

vmk_Bool scsi_emul_rw_range_ok(const struct scsi_emul_target *t,
			       vmk_ScsiCommand *cmd)
{
	vmk_uint64 bytes = (vmk_uint64)cmd->lbc * t->block_size;

	if (cmd->lba > t->blocks || cmd->lbc > t->blocks - cmd->lba) {
		scsi_emul_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
				SCSI_EMUL_ASC_LBA_OUT_OF_RANGE, 0);
		return VMK_FALSE;
	}
	if (bytes > vmk_SgGetDataLen(cmd->sgArray)) {
		cmd->status.host = VMK_SCSI_HOST_ERROR;
		return VMK_FALSE;
	}
	return VMK_TRUE;
}

/* ---- the single-LUN adapter ---------------------------------------------- */

static VMK_ReturnStatus scsi_emul_discover(void *clientData,
					   vmk_ScanAction action, int channel,
					   int targetId, int lunId,
					   void **deviceData)
{
	vmk_Bool ours = !channel && !targetId && !lunId;

	switch (action) {
	case VMK_SCSI_SCAN_CREATE_PATH:
		if (!ours)
			return VMK_NO_CONNECT;
		*deviceData = clientData;
		return VMK_OK;
	case VMK_SCSI_SCAN_CONFIGURE_PATH:
		return ours ? VMK_OK : VMK_NOT_FOUND;
	case VMK_SCSI_SCAN_DESTROY_PATH:
		*deviceData = NULL;
		return VMK_OK;
	}
	return VMK_FAILURE;
}

static VMK_ReturnStatus scsi_emul_check_target(void *clientData, int channel,
					       int targetId)
{
	return !channel && !targetId ? VMK_OK : VMK_FAILURE;
}

static int scsi_emul_query_depth(void *clientData, void *deviceData)
{
	struct scsi_emul_target *t = clientData;

	return deviceData == t ? (int)t->qdepth : 0;
}

static int scsi_emul_modify_depth(void *clientData, int depth,
				  void *deviceData)
{
	struct scsi_emul_target *t = clientData;

	if (deviceData != t || depth <= 0)
		return 0;
	return depth < (int)t->qdepth ? depth : (int)t->qdepth;
}

static void scsi_emul_io_allowed(vmk_Device logical, vmk_Bool allowed)
{
	vmk_AddrCookie data;
	struct scsi_emul_target *t;

	if (vmk_DeviceGetRegisteringDriverData(logical, &data) != VMK_OK)
		return;
	t = data.ptr;
	__atomic_store_n(&t->io_allowed, allowed, __ATOMIC_RELEASE);
}

void scsi_emul_adapter_init(vmk_ScsiAdapter *a, struct scsi_emul_target *t)
{
	a->clientData = t;
	a->channels = 1;
	a->maxTargets = 1;
	a->maxLUNs = 1;
	a->targetId = -1;
	a->paeCapable = VMK_TRUE;
	a->maxCmdLen = 16;
	a->flags = VMK_SCSI_ADAPTER_FLAG_NO_PERIODIC_SCAN;
	a->qDepthPtr = &t->qdepth;
	a->discover = scsi_emul_discover;
	a->checkTarget = scsi_emul_check_target;
	a->queryDeviceQueueDepth = scsi_emul_query_depth;
	a->modifyDeviceQueueDepth = scsi_emul_modify_depth;
	a->notifyIOAllowed = scsi_emul_io_allowed;
	t->adapter = a;
}

/* The port is unclaimed (the SCSI layer let go): unregister, free. */
static VMK_ReturnStatus scsi_emul_port_remove(vmk_Device child)
{
	struct scsi_emul_target *t;
	vmk_AddrCookie data;
	VMK_ReturnStatus status;

	status = vmk_DeviceGetRegisteringDriverData(child, &data);
	if (status != VMK_OK)
		return status;
	t = data.ptr;
	status = vmk_DeviceUnregister(child);
	if (status != VMK_OK)
		return status;
	t->port = NULL;
	if (t->adapter)
		vmk_ScsiFreeAdapter(t->adapter);
	t->adapter = NULL;
	return VMK_OK;
}

static vmk_DeviceOps scsi_emul_port_ops = {
	.removeDevice = scsi_emul_port_remove,
};

VMK_ReturnStatus scsi_emul_port_register(vmk_Driver driver, vmk_Device parent,
					 struct scsi_emul_target *t)
{
	vmk_DeviceID id = {
		.busIdentifier = VMK_SCSI_PSA_DRIVER_BUS_ID,
		.busIdentifierLen = sizeof(VMK_SCSI_PSA_DRIVER_BUS_ID) - 1,
	};
	vmk_DeviceProps props = {
		.registeringDriver = driver,
		.deviceID = &id,
		.deviceOps = &scsi_emul_port_ops,
	};
	VMK_ReturnStatus status;
	vmk_Name bus;

	if (t->port)
		return VMK_OK;
	if (!t->adapter)
		return VMK_NOT_READY;
	props.registeringDriverData.ptr = t;
	props.registrationData.ptr = t->adapter;
	vmk_NameInitialize(&bus, VMK_LOGICAL_BUS_NAME);
	status = vmk_BusTypeFind(&bus, &id.busType);
	if (status != VMK_OK)
		return status;
	/* Port 0: one adapter per parent, stable across loads. */
	status = vmk_LogicalCreateBusAddress(driver, parent, 0, &id.busAddress,
					     &id.busAddressLen);
	if (status == VMK_OK) {
		status = vmk_DeviceRegister(&props, parent, &t->port);
		vmk_LogicalFreeBusAddress(driver, id.busAddress);
	}
	vmk_BusTypeRelease(id.busType);
	return status;
}
