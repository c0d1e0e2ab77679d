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
 * queued (matched with vmk_ScsiQueryTaskMgmt).  READ/WRITE(6/10/12/16)
 * copy to and from memory, SYNCHRONIZE CACHE(10/16) has nothing to do;
 * INQUIRY with its VPD pages, READ CAPACITY(10/16), TEST UNIT READY,
 * REPORT LUNS, MODE SENSE(6/10), START STOP UNIT and VERIFY(10) come
 * from the target emulation nnvme uses too (sample-drivers/lib); anything
 * else is ILLEGAL REQUEST.  Counters are read-only module parameters.
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"
#include "scsi_emul.h"

#define NRD_NAME		"nramdisk"
#define NRD_DEV_ID		"com.vmware.nramdisk"
#define NRD_BLOCK		512

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
	vmk_DMAEngine engine;
	vmk_Helper helper;
	u8 *store;
	u64 blocks;
	struct scsi_emul_target target;
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

static void nrd_rw(struct nrd *d, vmk_ScsiCommand *cmd, bool write)
{
	u64 bytes = (u64)cmd->lbc * NRD_BLOCK;
	u8 *at = d->store + cmd->lba * NRD_BLOCK;
	VMK_ReturnStatus status;

	if (!scsi_emul_rw_range_ok(&d->target, cmd)) {
		if (cmd->status.host != VMK_SCSI_HOST_OK)
			pr_warn_ratelimited("nramdisk: %llu bytes for %llu in the SG array\n",
					    bytes, vmk_SgGetDataLen(cmd->sgArray));
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

/*
 * Execute one command; status is GOOD unless something here says not.
 * What a disk says about itself comes from the shared target emulation.
 */
static void nrd_execute(struct nrd *d, vmk_ScsiCommand *cmd)
{
	if (cmd->isReadCdb || cmd->isWriteCdb) {
		nrd_rw(d, cmd, cmd->isWriteCdb);
		return;
	}
	switch (cmd->cdb[0]) {
	case VMK_SCSI_CMD_SYNC_CACHE:
	case SCSI_EMUL_CMD_SYNC_CACHE16:
		break;
	default:
		if (!scsi_emul_command(&d->target, cmd))
			scsi_emul_unsupported(cmd);
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
	struct scsi_emul_target *t = clientData;
	struct nrd *d = t->driver_data;
	struct nrd_cmd *c;
	vmk_AddrCookie data = { .ptr = d };

	if (!READ_ONCE(t->io_allowed) || deviceData != t) {
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
	struct scsi_emul_target *t = clientData;
	struct nrd *d = t->driver_data;
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

static void nrd_teardown(struct nrd *d)
{
	if (d->helper)
		vmk_HelperDestroy(d->helper);
	if (d->target.adapter)
		vmk_ScsiFreeAdapter(d->target.adapter);
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
	d->target.qdepth = clamp(qdepth, 1U, 256U);
	d->blocks = (u64)clamp(size_mb, 1U, 1024U) << (20 - 9);
	strscpy(d->target.vendor, "VMKAPI", sizeof(d->target.vendor));
	strscpy(d->target.product, NRD_NAME, sizeof(d->target.product));
	strscpy(d->target.revision, "0001", sizeof(d->target.revision));
	strscpy(d->target.serial, "NRD00001", sizeof(d->target.serial));
	d->target.blocks = d->blocks;
	d->target.block_size = NRD_BLOCK;
	d->target.max_xfer_blocks = 256;
	spin_lock_init(&d->lock);
	INIT_LIST_HEAD(&d->pending);
	INIT_LIST_HEAD(&d->free);
	d->slots = kcalloc(d->target.qdepth, sizeof(*d->slots), GFP_KERNEL);
	d->store = vzalloc(d->blocks * NRD_BLOCK);
	if (!d->slots || !d->store)
		goto fail;
	for (i = 0; i < d->target.qdepth; i++)
		list_add_tail(&d->slots[i].link, &d->free);

	vmk_NameInitialize(&eprops.name, "nramdisk-dma");
	if (vmk_DMAEngineCreate(&eprops, &d->engine) != VMK_OK)
		goto fail;
	vmk_NameInitialize(&hprops.name, "nramdisk-io");
	hprops.maxRequests = d->target.qdepth + 8;
	if (vmk_HelperCreate(&hprops, &d->helper) != VMK_OK)
		goto fail;

	a = vmk_ScsiAllocateAdapter();
	if (!a)
		goto fail;
	scsi_emul_adapter_init(a, &d->target);
	d->target.driver_data = d;
	vmk_NameInitialize(&a->driverName, NRD_NAME);
	a->device = dev;
	a->hostMaxSectors = 256;
	a->command = nrd_command;
	a->taskMgmt = nrd_task_mgmt;
	a->moduleID = nrd_id;
	a->mgmtAdapter.transport = VMK_STORAGE_ADAPTER_PSCSI;
	a->engine = d->engine;
	if (vmk_DeviceSetAttachedDriverData(dev, d) != VMK_OK)
		goto fail;
	return VMK_OK;

fail:
	d->target.adapter = NULL;
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

/*
 * Once: the HBAPort child the SCSI layer claims (scsi_emul frees the
 * adapter when it is removed).
 */
static VMK_ReturnStatus nrd_scan(vmk_Device dev)
{
	struct nrd *d = nrd_of(dev);

	if (!d || !d->target.adapter)
		return VMK_OK;
	return scsi_emul_port_register(nrd_driver, dev, &d->target);
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
