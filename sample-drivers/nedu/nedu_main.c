// SPDX-License-Identifier: GPL-2.0
/*
 * nedu: a native driver for QEMU's edu device, written as for ESXi.
 *
 * The device layer drives it through six callbacks, in this order for
 * one device's life:
 *
 *   attachDevice   claim the PCI function: map BAR0, check that it is an
 *                  edu and alive, create the DMA engine, the lock, the
 *                  interrupt (MSI, else INTx) with its acknowledge and
 *                  handler.  The device stays quiet.
 *   startDevice    let it interrupt; it may now be used.
 *   scanDevice     register one logical child, "com.vmware.graphics":
 *                  the char-dev layer claims it and makes /dev/nedu<N>,
 *                  through which user space asks for work (nedu_chardev.c).
 *   quiesceDevice  stop using it: wait for the operation in progress,
 *                  silence the device, disable and synchronise the
 *                  interrupt.
 *   detachDevice   undo attach, in reverse.
 *   forgetDevice   the device vanished (surprise removal): never touch
 *                  its registers again.
 *
 * Before the parent is quiesced the device layer takes the child away
 * (leaf first): the char-dev layer withdraws the node and then calls our
 * removeDevice, which unregisters the child.  So no file operation can
 * reach a device that is being quiesced.
 */
#include "nedu.h"

VMK_VERSION_INFO("1.0.0");
VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

vmk_ModuleID nedu_module;
vmk_HeapID nedu_heap;
vmk_LogComponent nedu_log;
vmk_Driver nedu_driver;

/* The devices this driver drives: just the one. */
static const vmk_PCIDeviceMatch nedu_pci_ids[] = {
	VMK_PCI_DEVICE_MATCH(NEDU_VENDOR_ID, NEDU_DEVICE_ID),
	{ 0 }
};

/* PCI command register: bus mastering lets the device do DMA. */
#define NEDU_PCI_COMMAND	0x04
#define NEDU_PCI_COMMAND_MASTER	0x0004

static VMK_ReturnStatus nedu_bus_master(struct nedu_adapter *adapter,
					vmk_Bool on)
{
	VMK_ReturnStatus status;
	vmk_uint32 cmd;

	status = vmk_PCIReadConfig(nedu_module, adapter->pci,
				   VMK_PCI_CONFIG_ACCESS_16, NEDU_PCI_COMMAND,
				   &cmd);
	if (status != VMK_OK)
		return status;
	if (on)
		cmd |= NEDU_PCI_COMMAND_MASTER;
	else
		cmd &= ~NEDU_PCI_COMMAND_MASTER;
	return vmk_PCIWriteConfig(nedu_module, adapter->pci,
				  VMK_PCI_CONFIG_ACCESS_16, NEDU_PCI_COMMAND,
				  cmd);
}

/* MSI if the platform gives it, else the INTx pin (a shareable line). */
static VMK_ReturnStatus nedu_intr_setup(struct nedu_adapter *adapter)
{
	vmk_IntrProps props = {
		.device = adapter->device,
		.acknowledgeInterrupt = nedu_intr_ack,
		.handler = nedu_intr_handler,
		/* Also the key that tells us apart on a shared line. */
		.handlerData = adapter,
		.attrs = 0,
	};
	vmk_uint32 got = 0;
	VMK_ReturnStatus status;

	adapter->intr_type = VMK_PCI_INTERRUPT_TYPE_MSI;
	status = vmk_PCIAllocIntrCookie(nedu_module, adapter->pci,
					adapter->intr_type, 1, 1, NULL,
					&adapter->intr, &got);
	if (status != VMK_OK) {
		adapter->intr_type = VMK_PCI_INTERRUPT_TYPE_LEGACY;
		status = vmk_PCIAllocIntrCookie(nedu_module, adapter->pci,
						adapter->intr_type, 1, 1, NULL,
						&adapter->intr, &got);
	}
	if (status != VMK_OK)
		return status;
	vmk_NameFormat(&props.deviceName, "nedu-%s", adapter->name.string);
	status = vmk_IntrRegister(nedu_module, adapter->intr, &props);
	if (status != VMK_OK) {
		vmk_PCIFreeIntrCookie(nedu_module, adapter->pci);
		return status;
	}
	adapter->intr_registered = VMK_TRUE;
	return VMK_OK;
}

static void nedu_intr_teardown(struct nedu_adapter *adapter)
{
	if (!adapter->intr_registered)
		return;
	vmk_IntrUnregister(nedu_module, adapter->intr, adapter);
	vmk_PCIFreeIntrCookie(nedu_module, adapter->pci);
	adapter->intr_registered = VMK_FALSE;
}

static VMK_ReturnStatus nedu_locks_create(struct nedu_adapter *adapter)
{
	vmk_SpinlockCreateProps props = {
		.moduleID = nedu_module,
		.heapID = nedu_heap,
		.type = VMK_SPINLOCK,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};
	VMK_ReturnStatus status;

	vmk_NameInitialize(&props.name, "nedu_lock");
	status = vmk_SpinlockCreate(&props, &adapter->lock);
	if (status != VMK_OK)
		return status;
	status = vmk_BinarySemaCreate(&adapter->op_sema, nedu_module,
				      "nedu_op");
	if (status != VMK_OK)
		vmk_SpinlockDestroy(adapter->lock);
	return status;
}

static void nedu_adapter_free(struct nedu_adapter *adapter)
{
	if (adapter->mgmt_registered)
		nedu_mgmt_remove_device(adapter);
	nedu_intr_teardown(adapter);
	if (adapter->op_sema) {
		vmk_SemaDestroy(&adapter->op_sema);
		vmk_SpinlockDestroy(adapter->lock);
	}
	nedu_dma_teardown(adapter);
	if (adapter->bar0) {
		if (!adapter->gone)
			nedu_bus_master(adapter, VMK_FALSE);
		vmk_PCIUnmapIOResource(nedu_module, adapter->pci, 0);
	}
	vmk_HeapFree(nedu_heap, adapter);
}

/*
 * attachDevice: take the device or leave it exactly as found.  Every
 * step's undo is in nedu_adapter_free, which copes with a half-built
 * adapter.
 */
static VMK_ReturnStatus nedu_attach(vmk_Device device)
{
	struct nedu_adapter *adapter;
	vmk_AddrCookie data;
	vmk_PCIDeviceID id;
	vmk_PCIDeviceAddr addr;
	VMK_ReturnStatus status;

	adapter = vmk_HeapAlloc(nedu_heap, sizeof(*adapter));
	if (!adapter)
		return VMK_NO_MEMORY;
	__builtin_memset(adapter, 0, sizeof(*adapter));
	adapter->device = device;

	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		goto fail;
	adapter->pci = data.ptr;
	status = vmk_PCIQueryDeviceID(adapter->pci, &id);
	if (status != VMK_OK)
		goto fail;
	if (id.vendorID != NEDU_VENDOR_ID || id.deviceID != NEDU_DEVICE_ID) {
		status = VMK_NOT_SUPPORTED;
		goto fail;
	}
	status = vmk_PCIQueryDeviceAddr(adapter->pci, &addr);
	if (status != VMK_OK)
		goto fail;
	vmk_NameFormat(&adapter->name, "%04x:%02x:%02x.%x",
		       addr.seg, addr.bus, addr.dev, addr.fn);

	status = vmk_PCIMapIOResource(nedu_module, adapter->pci, 0, NULL,
				      &adapter->bar0);
	if (status != VMK_OK)
		goto fail;
	status = nedu_hw_probe(adapter);
	if (status != VMK_OK)
		goto fail;
	status = nedu_bus_master(adapter, VMK_TRUE);
	if (status != VMK_OK)
		goto fail;
	status = nedu_dma_setup(adapter);
	if (status != VMK_OK)
		goto fail;
	status = nedu_locks_create(adapter);
	if (status != VMK_OK)
		goto fail;
	status = nedu_intr_setup(adapter);
	if (status != VMK_OK)
		goto fail;

	status = vmk_DeviceSetAttachedDriverData(device, adapter);
	if (status != VMK_OK)
		goto fail;
	/* Not fatal: the device works without its management instance. */
	if (nedu_mgmt_add_device(adapter) == VMK_OK)
		adapter->mgmt_registered = VMK_TRUE;
	else
		vmk_Warning(nedu_log, "%s: no management instance",
			    adapter->name.string);
	vmk_Log(nedu_log, "%s: edu %u.%u attached (%s interrupt%s)",
		adapter->name.string, NEDU_ID_VERSION(adapter->id) >> 8,
		NEDU_ID_VERSION(adapter->id) & 0xff,
		adapter->intr_type == VMK_PCI_INTERRUPT_TYPE_MSI ? "MSI" :
		"INTx", adapter->dma_buf ? ", DMA" : "");
	return VMK_OK;

fail:
	vmk_Warning(nedu_log, "attach failed: %s", vmk_StatusToString(status));
	nedu_adapter_free(adapter);
	return status;
}

static struct nedu_adapter *nedu_adapter_of(vmk_Device device)
{
	vmk_AddrCookie data;

	if (vmk_DeviceGetAttachedDriverData(device, &data) != VMK_OK)
		return NULL;
	return data.ptr;
}

static VMK_ReturnStatus nedu_start(vmk_Device device)
{
	struct nedu_adapter *adapter = nedu_adapter_of(device);
	VMK_ReturnStatus status;

	if (!adapter || adapter->gone)
		return VMK_FAILURE;
	status = vmk_IntrEnable(adapter->intr);
	if (status != VMK_OK)
		return status;
	nedu_hw_start(adapter);
	adapter->started = VMK_TRUE;
	return VMK_OK;
}

/* Called after every start; the child is registered the first time. */
static VMK_ReturnStatus nedu_scan(vmk_Device device)
{
	struct nedu_adapter *adapter = nedu_adapter_of(device);

	if (!adapter)
		return VMK_FAILURE;
	if (adapter->chardev_device)
		return VMK_OK;
	return nedu_chardev_register(adapter);
}

/*
 * Wait for the operation in progress (op_sema), then make sure no new
 * one starts and the device falls silent before the interrupt goes.
 */
static VMK_ReturnStatus nedu_quiesce(vmk_Device device)
{
	struct nedu_adapter *adapter = nedu_adapter_of(device);

	if (!adapter)
		return VMK_FAILURE;
	vmk_SemaLock(&adapter->op_sema);
	adapter->started = VMK_FALSE;
	vmk_SemaUnlock(&adapter->op_sema);
	nedu_hw_stop(adapter);
	vmk_IntrDisable(adapter->intr);
	vmk_IntrSync(adapter->intr);
	return VMK_OK;
}

static VMK_ReturnStatus nedu_detach(vmk_Device device)
{
	struct nedu_adapter *adapter = nedu_adapter_of(device);

	if (!adapter)
		return VMK_FAILURE;
	vmk_Log(nedu_log, "%s: detached after %llu interrupts, %llu factorials, %llu DMA transfers",
		adapter->name.string,
		(unsigned long long)vmk_AtomicRead64(&adapter->interrupts),
		(unsigned long long)vmk_AtomicRead64(&adapter->factorials),
		(unsigned long long)vmk_AtomicRead64(&adapter->dma_transfers));
	vmk_DeviceSetAttachedDriverData(device, (void *)NULL);
	nedu_adapter_free(adapter);
	return VMK_OK;
}

/* Surprise removal: the callbacks that follow must not touch registers. */
static void nedu_forget(vmk_Device device)
{
	struct nedu_adapter *adapter = nedu_adapter_of(device);

	if (adapter)
		adapter->gone = VMK_TRUE;
}

static vmk_DriverOps nedu_driver_ops = {
	.attachDevice = nedu_attach,
	.scanDevice = nedu_scan,
	.detachDevice = nedu_detach,
	.quiesceDevice = nedu_quiesce,
	.startDevice = nedu_start,
	.forgetDevice = nedu_forget,
};

/*
 * The heap holds, per device, the adapter, its lock and semaphore, the
 * DMA buffer (and the rejects nedu_dma_setup may hold for a moment),
 * two SG arrays in flight and the SG ops handle; plus the log component
 * and the scratch vmk_DeviceRegister and the logical bus address use.
 * A few devices' worth, with room for alignment.
 */
#define NEDU_MAX_DEVICES	4
#define NEDU_HEAP_DESCS		11
/* Management sessions and calls at once the heap has room for. */
#define NEDU_MGMT_SESSIONS	8
#define NEDU_MGMT_CALLS		8

static VMK_ReturnStatus nedu_heap_create(void)
{
	vmk_HeapAllocationDescriptor desc[NEDU_HEAP_DESCS] = {
		{ sizeof(struct nedu_adapter), 0, NEDU_MAX_DEVICES },
		{ vmk_SpinlockAllocSize(VMK_SPINLOCK), 0, NEDU_MAX_DEVICES },
		{ 0, 0, NEDU_MAX_DEVICES },	/* semaphore: below */
		{ NEDU_DEV_BUFFER_SIZE, NEDU_DEV_BUFFER_SIZE,
		  NEDU_MAX_DEVICES + NEDU_DMA_BUF_TRIES },
		{ NEDU_DMA_BUF_TRIES * sizeof(void *), 0, 1 },
		{ vmk_SgComputeAllocSize(1), 0, 2 * NEDU_MAX_DEVICES },
		{ 1024, 0, NEDU_MAX_DEVICES },	/* SG ops handle, scratch */
		{ vmk_LogHeapAllocSize(), 0, 1 },
		/*
		 * The management handle, its sessions and calls in flight
		 * (reference 21: ~16 KB a handle, ~2 KB a session, ~9 KB
		 * plus the parameters a call, here at most REVERSE's 4 KB).
		 */
		{ 16384, 0, 1 },
		{ 2048, 0, NEDU_MGMT_SESSIONS },
		{ 9216 + 4096, 0, NEDU_MGMT_CALLS },
	};
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = nedu_module,
		.creationTimeoutMS = VMK_TIMEOUT_NONBLOCKING,
	};
	vmk_ByteCount max;
	vmk_uint32 align;
	VMK_ReturnStatus status;

	desc[2].size = vmk_SemaAllocSize(&align);
	desc[2].alignment = align;
	status = vmk_HeapDetermineMaxSize(desc, NEDU_HEAP_DESCS, &max);
	if (status != VMK_OK)
		return status;
	vmk_NameInitialize(&props.name, NEDU_NAME);
	props.max = max + max / 4;
	status = vmk_HeapCreate(&props, &nedu_heap);
	if (status == VMK_OK)
		vmk_ModuleSetHeapID(nedu_module, nedu_heap);
	return status;
}

static void nedu_heap_destroy(void)
{
	vmk_ModuleSetHeapID(nedu_module, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(nedu_heap);
}

int init_module(void)
{
	vmk_LogProperties log_props = {
		.module = vmk_ModuleCurrentID,
		.defaultLevel = 0,
		.throttle = NULL,
	};
	vmk_DriverProps drv_props = {
		.moduleID = vmk_ModuleCurrentID,
		.ops = &nedu_driver_ops,
	};
	VMK_ReturnStatus status;

	nedu_module = vmk_ModuleCurrentID;
	status = nedu_heap_create();
	if (status != VMK_OK) {
		vmk_WarningMessage("%s: vmk_HeapCreate failed: %s", NEDU_NAME,
				   vmk_StatusToString(status));
		return status;
	}
	vmk_NameInitialize(&log_props.name, NEDU_NAME);
	log_props.heap = nedu_heap;
	status = vmk_LogRegister(&log_props, &nedu_log);
	if (status != VMK_OK)
		goto err_heap;

	/* Before the driver: attach registers its devices as instances. */
	status = nedu_mgmt_init();
	if (status != VMK_OK) {
		vmk_Warning(nedu_log, "vmk_MgmtInit failed: %s",
			    vmk_StatusToString(status));
		goto err_log;
	}

	vmk_NameInitialize(&drv_props.name, NEDU_NAME);
	status = vmk_DriverRegister(&drv_props, &nedu_driver);
	if (status != VMK_OK) {
		vmk_Warning(nedu_log, "vmk_DriverRegister failed: %s",
			    vmk_StatusToString(status));
		goto err_mgmt;
	}
	/*
	 * On ESXi a device map file names the devices; here the driver can
	 * say so itself.  Devices are offered once init_module returned.
	 */
	status = vmk_PCIDriverAddIDs(nedu_driver, nedu_pci_ids);
	if (status != VMK_OK) {
		vmk_Warning(nedu_log, "vmk_PCIDriverAddIDs failed: %s",
			    vmk_StatusToString(status));
		goto err_driver;
	}
	return 0;

err_driver:
	vmk_DriverUnregister(nedu_driver);
err_mgmt:
	nedu_mgmt_destroy();
err_log:
	vmk_LogUnregister(nedu_log);
err_heap:
	nedu_heap_destroy();
	return status;
}

/* Unregistering the driver takes its devices back first (quiesce, detach). */
void cleanup_module(void)
{
	vmk_DriverUnregister(nedu_driver);
	/* Waits for management calls still running; sessions end. */
	nedu_mgmt_destroy();
	vmk_LogUnregister(nedu_log);
	nedu_heap_destroy();
}
