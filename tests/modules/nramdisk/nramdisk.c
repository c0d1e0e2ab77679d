// SPDX-License-Identifier: GPL-2.0
/*
 * nramdisk: a memory-backed SCSI adapter written against the VMK API's
 * storage calls, so the SCSI layer is tested end to end without NVMe
 * hardware.  The module is also its own little bus: it adds a platform
 * device (its "hardware", DMA-capable) to the device manager as a bus
 * provider would and attaches its driver to it.  From there on it is a
 * native storage driver as the reference describes one: attach creates
 * the DMA engine and the adapter, start starts a helper queue, scan
 * registers the logical "com.vmware.HBAPort" child the SCSI layer claims,
 * the child's removeDevice unregisters it and frees the adapter.
 *
 * One LUN (0) of size_mb MiB, 512-byte blocks.  Commands are queued on a
 * list and executed by a helper queue's worlds, which complete them with
 * vmk_ScsiSchedCommandCompletion.  Task management aborts what is still
 * queued (matched with vmk_ScsiQueryTaskMgmt).  Implemented: INQUIRY
 * (standard, VPD 0x00/0x80/0x83), READ CAPACITY(10/16), READ/WRITE(6/10/
 * 12/16), TEST UNIT READY, REPORT LUNS, MODE SENSE(6/10), SYNCHRONIZE
 * CACHE(10/16), START STOP UNIT, VERIFY(10); anything else is ILLEGAL
 * REQUEST.  Counters are read-only module parameters.
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"

#define NRD_NAME		"nramdisk"
#define NRD_DEV_ID		"com.vmware.nramdisk"
#define NRD_BLOCK		512
#define NRD_ASC_LBA_OUT_OF_RANGE	0x21
#define NRD_CMD_SYNC_CACHE16	0x91
#define NRD_CMD_VERIFY10	0x2f

static unsigned int size_mb = 64;
module_param(size_mb, uint, 0444);
MODULE_PARM_DESC(size_mb, "disk size in MiB");
static unsigned int qdepth = 32;
module_param(qdepth, uint, 0444);
MODULE_PARM_DESC(qdepth, "adapter queue depth");
static unsigned long commands;
module_param(commands, ulong, 0444);
MODULE_PARM_DESC(commands, "commands completed (read only)");
static unsigned long aborted;
module_param(aborted, ulong, 0444);
MODULE_PARM_DESC(aborted, "commands aborted by task management (read only)");

struct nrd_cmd {
	struct list_head link;
	vmk_ScsiCommand *cmd;
};

struct nrd {
	vmk_Device dev;
	vmk_Device child;
	vmk_DMAEngine engine;
	vmk_ScsiAdapter *adapter;
	vmk_Helper helper;
	vmk_uint32 qdepth;
	u8 *store;
	u64 blocks;
	bool io_allowed;
	spinlock_t lock;		/* pending, free */
	struct list_head pending;
	struct list_head free;
	struct nrd_cmd *slots;
};

static vmk_ModuleID nrd_id = VMK_INVALID_MODULE_ID;
static vmk_HeapID nrd_heap = VMK_INVALID_HEAP_ID;
static vmk_Driver nrd_driver;
static vmk_BusType nrd_bus;
static vmk_Device nrd_dev;
static struct platform_device *nrd_pdev;

static void nrd_put_be(u8 *p, u64 v, unsigned int n)
{
	while (n--) {
		p[n] = v & 0xff;
		v >>= 8;
	}
}

static u64 nrd_get_be(const u8 *p, unsigned int n)
{
	u64 v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

static void nrd_check(vmk_ScsiCommand *cmd, u8 key, u8 asc)
{
	vmk_ScsiSenseData sense;

	vmk_ScsiIllegalRequest(&sense, asc, 0);
	sense.key = key;
	vmk_ScsiCmdSetSenseData(&sense, cmd, sizeof(sense));
	cmd->status.device = VMK_SCSI_DEVICE_CHECK_CONDITION;
}

/* Return @len bytes of @buf, as much as the allocation length allows. */
static void nrd_reply(vmk_ScsiCommand *cmd, const void *buf, u32 len,
		      u32 alloc)
{
	u32 n = min_t(u64, min(len, alloc), vmk_SgGetDataLen(cmd->sgArray));

	if (n && vmk_SgCopyTo(cmd->sgArray, (void *)buf, n) != VMK_OK) {
		cmd->status.host = VMK_SCSI_HOST_ERROR;
		return;
	}
	cmd->bytesXferred = n;
}

static void nrd_inquiry(struct nrd *d, vmk_ScsiCommand *cmd)
{
	u32 alloc = nrd_get_be(&cmd->cdb[3], 2);
	u8 buf[96] = { 0 };
	u32 len;

	if (!(cmd->cdb[1] & 1)) {
		if (cmd->cdb[2]) {
			nrd_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
				  VMK_SCSI_ASC_INVALID_FIELD_IN_CDB);
			return;
		}
		buf[0] = VMK_SCSI_CLASS_DISK;
		buf[2] = 0x05;		/* SPC-3 */
		buf[3] = 0x02;		/* response data format */
		buf[4] = 36 - 5;
		buf[7] = 0x02;		/* command queueing */
		memcpy(&buf[8], "VMKAPI  ", 8);
		memcpy(&buf[16], "nramdisk        ", 16);
		memcpy(&buf[32], "0001", 4);
		nrd_reply(cmd, buf, 36, alloc);
		return;
	}
	buf[0] = VMK_SCSI_CLASS_DISK;
	buf[1] = cmd->cdb[2];
	switch (cmd->cdb[2]) {
	case 0x00:			/* supported pages */
		buf[3] = 3;
		buf[4] = 0x00;
		buf[5] = 0x80;
		buf[6] = 0x83;
		len = 7;
		break;
	case 0x80:			/* unit serial number */
		buf[3] = 8;
		memcpy(&buf[4], "NRD00001", 8);
		len = 12;
		break;
	case 0x83:			/* device identification: T10 vendor ID */
		buf[3] = 4 + 8 + 16;
		buf[4] = 0x02;		/* ASCII */
		buf[5] = 0x01;		/* T10 vendor ID, LUN association */
		buf[7] = 8 + 16;
		memcpy(&buf[8], "VMKAPI  nramdisk-NRD0001", 24);
		len = 4 + buf[3];
		break;
	default:
		nrd_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
			  VMK_SCSI_ASC_INVALID_FIELD_IN_CDB);
		return;
	}
	nrd_reply(cmd, buf, len, alloc);
}

static void nrd_rw(struct nrd *d, vmk_ScsiCommand *cmd, bool write)
{
	u64 bytes = (u64)cmd->lbc * NRD_BLOCK;
	u8 *at = d->store + cmd->lba * NRD_BLOCK;
	VMK_ReturnStatus status;

	if (cmd->lba > d->blocks || cmd->lbc > d->blocks - cmd->lba) {
		nrd_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
			  NRD_ASC_LBA_OUT_OF_RANGE);
		return;
	}
	if (bytes > vmk_SgGetDataLen(cmd->sgArray)) {
		pr_warn_ratelimited("nramdisk: %llu bytes for %llu in the SG array\n",
				    bytes, vmk_SgGetDataLen(cmd->sgArray));
		cmd->status.host = VMK_SCSI_HOST_ERROR;
		return;
	}
	if (!bytes)
		return;
	status = write ? vmk_SgCopyFrom(at, cmd->sgArray, bytes) :
			 vmk_SgCopyTo(cmd->sgArray, at, bytes);
	if (status != VMK_OK) {
		pr_warn_ratelimited("nramdisk: copy of %llu bytes failed: %s\n",
				    bytes, vmk_StatusToString(status));
		cmd->status.host = VMK_SCSI_HOST_ERROR;
		return;
	}
	cmd->bytesXferred = bytes;
}

/* Execute one command; status is GOOD unless something here says not. */
static void nrd_execute(struct nrd *d, vmk_ScsiCommand *cmd)
{
	u8 buf[32] = { 0 };

	switch (cmd->cdb[0]) {
	case VMK_SCSI_CMD_TEST_UNIT_READY:
	case VMK_SCSI_CMD_START_UNIT:
	case VMK_SCSI_CMD_SYNC_CACHE:
	case NRD_CMD_SYNC_CACHE16:
	case NRD_CMD_VERIFY10:
		break;
	case VMK_SCSI_CMD_INQUIRY:
		nrd_inquiry(d, cmd);
		break;
	case VMK_SCSI_CMD_READ_CAPACITY:
		nrd_put_be(&buf[0], min_t(u64, d->blocks - 1, U32_MAX), 4);
		nrd_put_be(&buf[4], NRD_BLOCK, 4);
		nrd_reply(cmd, buf, 8, 8);
		break;
	case VMK_SCSI_CMD_SERVICE_ACTION_IN:
		if ((cmd->cdb[1] & 0x1f) != VMK_SCSI_SAI_READ_CAPACITY16) {
			nrd_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
				  VMK_SCSI_ASC_INVALID_FIELD_IN_CDB);
			break;
		}
		nrd_put_be(&buf[0], d->blocks - 1, 8);
		nrd_put_be(&buf[8], NRD_BLOCK, 4);
		nrd_reply(cmd, buf, 32, nrd_get_be(&cmd->cdb[10], 4));
		break;
	case VMK_SCSI_CMD_READ6:
	case VMK_SCSI_CMD_READ10:
	case VMK_SCSI_CMD_READ12:
	case VMK_SCSI_CMD_READ16:
		nrd_rw(d, cmd, false);
		break;
	case VMK_SCSI_CMD_WRITE6:
	case VMK_SCSI_CMD_WRITE10:
	case VMK_SCSI_CMD_WRITE12:
	case VMK_SCSI_CMD_WRITE16:
		nrd_rw(d, cmd, true);
		break;
	case VMK_SCSI_CMD_REPORT_LUNS:
		/* One LUN, number 0: an 8-byte list after the header. */
		nrd_put_be(&buf[0], 8, 4);
		nrd_reply(cmd, buf, 16, nrd_get_be(&cmd->cdb[6], 4));
		break;
	case VMK_SCSI_CMD_MODE_SENSE:
		/* Header only: no block descriptor, not write protected. */
		buf[0] = 3;
		nrd_reply(cmd, buf, 4, cmd->cdb[4]);
		break;
	case VMK_SCSI_CMD_MODE_SENSE10:
		buf[1] = 6;
		nrd_reply(cmd, buf, 8, nrd_get_be(&cmd->cdb[7], 2));
		break;
	default:
		nrd_check(cmd, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST,
			  VMK_SCSI_ASC_INVALID_COMMAND_OPERATION);
		break;
	}
}

/* A helper world: run the oldest queued command. */
static void nrd_work(vmk_AddrCookie data)
{
	struct nrd *d = data.ptr;
	struct nrd_cmd *c;
	vmk_ScsiCommand *cmd = NULL;

	spin_lock(&d->lock);
	c = list_first_entry_or_null(&d->pending, struct nrd_cmd, link);
	if (c) {
		cmd = c->cmd;
		c->cmd = NULL;
		list_move(&c->link, &d->free);
		commands++;
	}
	spin_unlock(&d->lock);
	if (!cmd)
		return;		/* aborted meanwhile */
	nrd_execute(d, cmd);
	vmk_ScsiSchedCommandCompletion(cmd);
}

static VMK_ReturnStatus nrd_command(void *clientData, vmk_ScsiCommand *cmd,
				    void *deviceData)
{
	struct nrd *d = clientData;
	struct nrd_cmd *c;
	vmk_AddrCookie data = { .ptr = d };

	if (!READ_ONCE(d->io_allowed) || deviceData != d) {
		cmd->status.host = VMK_SCSI_HOST_NO_CONNECT;
		vmk_ScsiSchedCommandCompletion(cmd);
		return VMK_OK;
	}
	spin_lock(&d->lock);
	c = list_first_entry_or_null(&d->free, struct nrd_cmd, link);
	if (c) {
		c->cmd = cmd;
		list_move_tail(&c->link, &d->pending);
	}
	spin_unlock(&d->lock);
	if (!c)
		return VMK_WOULD_BLOCK;
	if (vmk_HelperSubmitRequest(d->helper, nrd_work, data,
				    VMK_HELPER_DEFAULT_REQ_PROPS) != VMK_OK) {
		bool taken;

		/* A world running an earlier request may have taken it. */
		spin_lock(&d->lock);
		taken = c->cmd != cmd;
		if (!taken) {
			c->cmd = NULL;
			list_move(&c->link, &d->free);
		}
		spin_unlock(&d->lock);
		return taken ? VMK_OK : VMK_WOULD_BLOCK;
	}
	return VMK_OK;
}

static VMK_ReturnStatus nrd_task_mgmt(void *clientData, vmk_ScsiTaskMgmt *tm,
				      void *deviceData)
{
	struct nrd *d = clientData;
	struct nrd_cmd *c, *next;
	LIST_HEAD(done);

	pr_info("nramdisk: task management: %s\n",
		vmk_ScsiGetTaskMgmtTypeName(tm->type));
	spin_lock(&d->lock);
	list_for_each_entry_safe(c, next, &d->pending, link) {
		if (vmk_ScsiQueryTaskMgmt(tm, c->cmd) !=
		    VMK_SCSI_TASKMGMT_ACTION_ABORT)
			continue;
		c->cmd->status = tm->status;
		vmk_ScsiSchedCommandCompletion(c->cmd);
		aborted++;
		c->cmd = NULL;
		list_move(&c->link, &d->free);
	}
	spin_unlock(&d->lock);
	/* Commands a helper world already took complete on their own. */
	return VMK_OK;
}

static VMK_ReturnStatus nrd_discover(void *clientData, vmk_ScanAction action,
				     int channel, int targetId, int lunId,
				     void **deviceData)
{
	struct nrd *d = clientData;
	bool ours = !channel && !targetId && !lunId;

	switch (action) {
	case VMK_SCSI_SCAN_CREATE_PATH:
		if (!ours)
			return VMK_NO_CONNECT;
		*deviceData = d;
		return VMK_OK;
	case VMK_SCSI_SCAN_CONFIGURE_PATH:
		return ours ? VMK_OK : VMK_NOT_FOUND;
	case VMK_SCSI_SCAN_DESTROY_PATH:
		*deviceData = NULL;
		return VMK_OK;
	}
	return VMK_FAILURE;
}

static int nrd_query_depth(void *clientData, void *deviceData)
{
	struct nrd *d = clientData;

	return deviceData == d ? d->qdepth : 0;
}

static int nrd_modify_depth(void *clientData, int depth, void *deviceData)
{
	struct nrd *d = clientData;

	return deviceData == d ? min_t(int, depth, d->qdepth) : 0;
}

static VMK_ReturnStatus nrd_check_target(void *clientData, int channel,
					 int targetId)
{
	return !channel && !targetId ? VMK_OK : VMK_FAILURE;
}

static void nrd_io_allowed(vmk_Device logical, vmk_Bool allowed)
{
	vmk_AddrCookie data = { .ptr = NULL };
	struct nrd *d;

	if (vmk_DeviceGetRegisteringDriverData(logical, &data) != VMK_OK)
		return;
	d = data.ptr;
	WRITE_ONCE(d->io_allowed, allowed);
}

static void nrd_teardown(struct nrd *d)
{
	if (d->helper)
		vmk_HelperDestroy(d->helper);
	if (d->adapter)
		vmk_ScsiFreeAdapter(d->adapter);
	if (d->engine)
		vmk_DMAEngineDestroy(d->engine);
	vfree(d->store);
	kfree(d->slots);
	kfree(d);
}

static VMK_ReturnStatus nrd_attach(vmk_Device dev)
{
	vmk_DMAConstraints con = {
		.addressMask = VMK_ADDRESS_MASK_64BIT,
		.sgMaxEntries = 64,
	};
	vmk_DMAEngineProps eprops = {
		.module = nrd_id,
		.device = dev,
		.constraints = &con,
	};
	vmk_HelperProps hprops = {
		.heap = nrd_heap,
		.preallocRequests = VMK_TRUE,
		.mutables = { .maxWorlds = 2 },
	};
	vmk_ScsiAdapter *a = NULL;
	struct nrd *d;
	unsigned int i;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return VMK_NO_MEMORY;
	d->dev = dev;
	d->qdepth = clamp(qdepth, 1U, 256U);
	d->blocks = (u64)clamp(size_mb, 1U, 1024U) << (20 - 9);
	spin_lock_init(&d->lock);
	INIT_LIST_HEAD(&d->pending);
	INIT_LIST_HEAD(&d->free);
	d->slots = kcalloc(d->qdepth, sizeof(*d->slots), GFP_KERNEL);
	d->store = vzalloc(d->blocks * NRD_BLOCK);
	if (!d->slots || !d->store)
		goto fail;
	for (i = 0; i < d->qdepth; i++)
		list_add_tail(&d->slots[i].link, &d->free);

	vmk_NameInitialize(&eprops.name, "nramdisk-dma");
	if (vmk_DMAEngineCreate(&eprops, &d->engine) != VMK_OK)
		goto fail;
	vmk_NameInitialize(&hprops.name, "nramdisk-io");
	hprops.maxRequests = d->qdepth + 8;
	if (vmk_HelperCreate(&hprops, &d->helper) != VMK_OK)
		goto fail;

	a = vmk_ScsiAllocateAdapter();
	if (!a)
		goto fail;
	d->adapter = a;
	vmk_NameInitialize(&a->driverName, NRD_NAME);
	a->device = dev;
	a->hostMaxSectors = 256;
	a->qDepthPtr = &d->qdepth;
	a->command = nrd_command;
	a->taskMgmt = nrd_task_mgmt;
	a->discover = nrd_discover;
	a->modifyDeviceQueueDepth = nrd_modify_depth;
	a->queryDeviceQueueDepth = nrd_query_depth;
	a->checkTarget = nrd_check_target;
	a->notifyIOAllowed = nrd_io_allowed;
	a->moduleID = nrd_id;
	a->clientData = d;
	a->channels = 1;
	a->maxTargets = 1;
	a->maxLUNs = 1;
	a->targetId = -1;
	a->paeCapable = VMK_TRUE;
	a->maxCmdLen = 16;
	a->flags = VMK_SCSI_ADAPTER_FLAG_NO_PERIODIC_SCAN;
	a->mgmtAdapter.transport = VMK_STORAGE_ADAPTER_PSCSI;
	a->engine = d->engine;
	if (vmk_DeviceSetAttachedDriverData(dev, d) != VMK_OK)
		goto fail;
	return VMK_OK;

fail:
	d->adapter = NULL;
	if (a)
		vmk_ScsiFreeAdapter(a);
	nrd_teardown(d);
	return VMK_NO_MEMORY;
}

static struct nrd *nrd_of(vmk_Device dev)
{
	vmk_AddrCookie data = { .ptr = NULL };

	vmk_DeviceGetAttachedDriverData(dev, &data);
	return data.ptr;
}

static VMK_ReturnStatus nrd_start(vmk_Device dev)
{
	return nrd_of(dev) ? VMK_OK : VMK_BAD_PARAM;
}

/* The child is unclaimed: unregister it, then the adapter may go. */
static VMK_ReturnStatus nrd_remove_child(vmk_Device child)
{
	vmk_AddrCookie data = { .ptr = NULL };
	VMK_ReturnStatus status;
	struct nrd *d;

	vmk_DeviceGetRegisteringDriverData(child, &data);
	d = data.ptr;
	status = vmk_DeviceUnregister(child);
	if (status != VMK_OK)
		return status;
	d->child = NULL;
	vmk_ScsiFreeAdapter(d->adapter);
	d->adapter = NULL;
	return VMK_OK;
}

static vmk_DeviceOps nrd_child_ops = {
	.removeDevice = nrd_remove_child,
};

static VMK_ReturnStatus nrd_scan(vmk_Device dev)
{
	struct nrd *d = nrd_of(dev);
	vmk_DeviceID id = {
		.busIdentifier = VMK_SCSI_PSA_DRIVER_BUS_ID,
		.busIdentifierLen = sizeof(VMK_SCSI_PSA_DRIVER_BUS_ID) - 1,
	};
	vmk_DeviceProps props = {
		.registeringDriver = nrd_driver,
		.deviceID = &id,
		.deviceOps = &nrd_child_ops,
	};
	VMK_ReturnStatus status;
	vmk_Name name;

	if (!d || d->child || !d->adapter)
		return VMK_OK;
	props.registeringDriverData.ptr = d;
	props.registrationData.ptr = d->adapter;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	status = vmk_BusTypeFind(&name, &id.busType);
	if (status != VMK_OK)
		return status;
	status = vmk_LogicalCreateBusAddress(nrd_driver, dev, 0,
					     &id.busAddress, &id.busAddressLen);
	if (status == VMK_OK) {
		status = vmk_DeviceRegister(&props, dev, &d->child);
		vmk_LogicalFreeBusAddress(nrd_driver, id.busAddress);
	}
	vmk_BusTypeRelease(id.busType);
	return status;
}

static VMK_ReturnStatus nrd_quiesce(vmk_Device dev)
{
	return VMK_OK;
}

static VMK_ReturnStatus nrd_detach(vmk_Device dev)
{
	struct nrd *d = nrd_of(dev);

	if (!d)
		return VMK_BAD_PARAM;
	nrd_teardown(d);
	return VMK_OK;
}

static void nrd_forget(vmk_Device dev)
{
}

static vmk_DriverOps nrd_ops = {
	.attachDevice = nrd_attach,
	.startDevice = nrd_start,
	.scanDevice = nrd_scan,
	.quiesceDevice = nrd_quiesce,
	.detachDevice = nrd_detach,
	.forgetDevice = nrd_forget,
};

static int __init nrd_init(void)
{
	struct platform_device_info info = {
		.name = NRD_NAME,
		.id = PLATFORM_DEVID_NONE,
		.dma_mask = DMA_BIT_MASK(64),
	};
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.max = 256 * 1024,
	};
	vmk_DriverProps drv_props = {
		.ops = &nrd_ops,
	};
	struct vmk_core_device_props dev_props = {
		.bus_address = NRD_NAME,
		.identifier = NRD_DEV_ID,
	};
	vmk_Name name;
	int ret = -EINVAL;

	if (vmk_ModuleRegister(&nrd_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	heap_props.module = nrd_id;
	vmk_NameInitialize(&heap_props.name, "nramdisk");
	if (vmk_HeapCreate(&heap_props, &nrd_heap) != VMK_OK)
		goto err_module;
	vmk_ModuleSetHeapID(nrd_id, nrd_heap);
	drv_props.moduleID = nrd_id;
	vmk_NameInitialize(&drv_props.name, NRD_NAME);
	if (vmk_DriverRegister(&drv_props, &nrd_driver) != VMK_OK)
		goto err_heap;
	nrd_pdev = platform_device_register_full(&info);
	if (IS_ERR(nrd_pdev)) {
		ret = PTR_ERR(nrd_pdev);
		goto err_driver;
	}
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	if (vmk_BusTypeFind(&name, &nrd_bus) != VMK_OK)
		goto err_pdev;
	dev_props.bus_type = nrd_bus;
	dev_props.linux_dev = &nrd_pdev->dev;
	dev_props.module = nrd_id;
	if (vmk_core_device_add(&dev_props, &nrd_dev) != VMK_OK)
		goto err_bus;
	/* attach -> start -> scan: the HBAPort child is claimed as scan returns. */
	if (vmk_core_device_attach(nrd_dev, nrd_driver) != VMK_OK) {
		ret = -EIO;
		goto err_dev;
	}
	return 0;

err_dev:
	vmk_core_device_remove(nrd_dev);
err_bus:
	vmk_BusTypeRelease(nrd_bus);
err_pdev:
	platform_device_unregister(nrd_pdev);
err_driver:
	vmk_DriverUnregister(nrd_driver);
err_heap:
	vmk_HeapDestroy(nrd_heap);
err_module:
	vmk_ModuleUnregister(nrd_id);
	return ret;
}

static void __exit nrd_exit(void)
{
	/* Leaf first: the SCSI layer lets go of the adapter, then we detach. */
	vmk_core_device_detach(nrd_dev);
	vmk_core_device_remove(nrd_dev);
	vmk_BusTypeRelease(nrd_bus);
	platform_device_unregister(nrd_pdev);
	vmk_DriverUnregister(nrd_driver);
	vmk_HeapDestroy(nrd_heap);
	vmk_ModuleUnregister(nrd_id);
}

module_init(nrd_init);
module_exit(nrd_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("memory-backed SCSI adapter on the VMK API (test module)");
MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
