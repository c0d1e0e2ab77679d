// SPDX-License-Identifier: GPL-2.0
/*
 * ne1000: module and device lifecycle, in the order of reference
 * section 23 (sfvmk's).
 *
 *   init_module    heap, log component, memory pool (ring pages), the
 *                  driver and the PCI IDs it drives
 *   attachDevice   claim the function: BAR 0, bus mastering, DMA engine,
 *                  locks, reset, MAC from the EEPROM, descriptor rings,
 *                  interrupt cookie and registration, NetPoll, helper,
 *                  uplink shared data.  The NIC is left reset and idle.
 *   startDevice    nothing: traffic starts at the uplink's StartIO
 *   scanDevice     register the "com.vmware.uplink" logical child
 *   (uplink layer) associate, StartIO ... QuiesceIO, disassociate,
 *                  then our removeDevice unregisters the child
 *   quiesceDevice  make sure the NIC is silent (I/O already stopped at
 *                  the uplink: the device layer works leaf first)
 *   detachDevice   undo attach, in reverse
 *   forgetDevice   the device is gone: never touch registers again
 */
#include "ne1000.h"

VMK_VERSION_INFO(NE1000_VERSION);
VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

vmk_ModuleID ne1000_module;
vmk_HeapID ne1000_heap;
vmk_LogComponent ne1000_log;
vmk_Driver ne1000_driver;
vmk_MemPool ne1000_mempool;

/*
 * The 82540EM always; the 82574L with the same legacy descriptors and one
 * interrupt (MSI, or INTx), its EERD dialect being the only difference
 * the driver needs to know.
 */
static const vmk_PCIDeviceMatch ne1000_pci_ids[] = {
	VMK_PCI_DEVICE_MATCH(NE1000_VENDOR_INTEL, NE1000_DEV_82540EM),
	VMK_PCI_DEVICE_MATCH(NE1000_VENDOR_INTEL, NE1000_DEV_82574L),
	{ 0 }
};

#define NE1000_PCI_COMMAND		0x04
#define NE1000_PCI_COMMAND_MEMORY	0x0002
#define NE1000_PCI_COMMAND_MASTER	0x0004

/*
 * Test-only fault injection (tests/integration/net/ne1000_attach_fail.sh):
 * ne1000_attach numbers its steps, and fault_attach_step = N makes step
 * N fail with VMK_FAILURE instead of running it, so that what a real
 * failure there would leave is up to the driver's own unwind, which is
 * what the test checks.  An attach that completes with the parameter set
 * logs how many steps there were, so the test finds every one without
 * knowing their number.  Linux's module_param_named, as nnvme's faults:
 * the test sets it at run time (0644), VMK_MODPARAM_* are read-only.
 */
int ne1000_fault_attach_step;
module_param_named(fault_attach_step, ne1000_fault_attach_step, int, 0644);
MODULE_PARM_DESC(fault_attach_step,
		 "TEST ONLY: fail the attach at its N-th step (0: never)");

/*
 * The next step of the attach, @what: VMK_FAILURE if fault_attach_step
 * names it, else VMK_OK, so a call site reads
 * "status = ne1000_attach_step(adapter, ...) ?: <the step>".  Outside
 * the attach (StartIO, resets) there are no steps.
 */
VMK_ReturnStatus ne1000_attach_step(struct ne1000_adapter *adapter,
				    const char *what)
{
	if (!adapter->attaching)
		return VMK_OK;
	if (++adapter->attach_step != READ_ONCE(ne1000_fault_attach_step))
		return VMK_OK;
	vmk_Warning(ne1000_log, "%s: fault_attach_step: failing step %u (%s)",
		    adapter->name.string, adapter->attach_step, what);
	return VMK_FAILURE;
}

static VMK_ReturnStatus ne1000_bus_master(struct ne1000_adapter *adapter,
					  vmk_Bool on)
{
	VMK_ReturnStatus status;
	vmk_uint32 cmd;

	status = vmk_PCIReadConfig(ne1000_module, adapter->pci,
				   VMK_PCI_CONFIG_ACCESS_16,
				   NE1000_PCI_COMMAND, &cmd);
	if (status != VMK_OK)
		return status;
	if (on)
		cmd |= NE1000_PCI_COMMAND_MASTER | NE1000_PCI_COMMAND_MEMORY;
	else
		cmd &= ~NE1000_PCI_COMMAND_MASTER;
	return vmk_PCIWriteConfig(ne1000_module, adapter->pci,
				  VMK_PCI_CONFIG_ACCESS_16, NE1000_PCI_COMMAND,
				  cmd);
}

/*
 * The device addresses 64 bits of memory; descriptors and buffers need
 * no alignment beyond what the rings get from whole pages, and a TX
 * fragment may be up to 16 KB (the descriptor length field).
 */
static VMK_ReturnStatus ne1000_dma_engine_create(struct ne1000_adapter *adapter)
{
	vmk_DMAConstraints constraints = {
		.addressMask = VMK_ADDRESS_MASK_64BIT,
		.maxTransfer = 0,
		.sgMaxEntries = NE1000_TX_MAX_FRAGS,
		.sgElemMaxSize = 0,
		.sgElemSizeMult = 0,
		.sgElemAlignment = 0,
		.sgElemStraddle = 0,
	};
	vmk_DMAEngineProps props = {
		.module = ne1000_module,
		.flags = VMK_DMA_ENGINE_FLAGS_COHERENT,
		.device = adapter->device,
		.constraints = &constraints,
		.bounce = NULL,
	};
	VMK_ReturnStatus status;

	vmk_NameFormat(&props.name, "ne1000-%s", adapter->name.string);
	status = vmk_DMAEngineCreate(&props, &adapter->dma_engine);
	if (status != VMK_OK) {
		/* As sfvmk: fall back to 32-bit addressing. */
		constraints.addressMask = VMK_ADDRESS_MASK_32BIT;
		status = vmk_DMAEngineCreate(&props, &adapter->dma_engine);
	}
	return status;
}

static VMK_ReturnStatus ne1000_locks_create(struct ne1000_adapter *adapter)
{
	vmk_SpinlockCreateProps props = {
		.moduleID = ne1000_module,
		.heapID = ne1000_heap,
		.type = VMK_SPINLOCK,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};
	VMK_ReturnStatus status;

	vmk_NameInitialize(&props.name, "ne1000_stats");
	status = ne1000_attach_step(adapter, "stats lock") ?:
		 vmk_SpinlockCreate(&props, &adapter->stats_lock);
	if (status != VMK_OK)
		return status;
	status = ne1000_attach_step(adapter, "control semaphore") ?:
		 vmk_BinarySemaCreate(&adapter->ctrl_sema, ne1000_module,
				      "ne1000_ctrl");
	if (status != VMK_OK) {
		vmk_SpinlockDestroy(adapter->stats_lock);
		adapter->stats_lock = NULL;
	}
	return status;
}

static VMK_ReturnStatus ne1000_helper_create(struct ne1000_adapter *adapter)
{
	vmk_HelperProps props = {
		.heap = ne1000_heap,
		.useIrqSpinlock = VMK_FALSE,
		.preallocRequests = VMK_FALSE,
		.blockingSubmit = VMK_FALSE,
		.maxRequests = 8,
		.mutables = { .minWorlds = 0, .maxWorlds = 1 },
	};

	vmk_NameFormat(&props.name, "ne1000-%s", adapter->name.string);
	return vmk_HelperCreate(&props, &adapter->helper);
}

/* Undo attach; copes with an adapter built only part of the way. */
static void ne1000_adapter_free(struct ne1000_adapter *adapter)
{
	/*
	 * The device goes quiet first: masked, its units stopped and bus
	 * mastering off before any vector, ring or buffer it could still
	 * use is given back.  Detach has quiesced it already; a failed
	 * attach may leave it half set up.
	 */
	if (adapter->hw_addr && !adapter->gone) {
		ne1000_hw_irq_disable(adapter);
		ne1000_hw_stop_units(adapter);
		ne1000_bus_master(adapter, VMK_FALSE);
	}
	if (adapter->helper) {
		vmk_HelperDestroy(adapter->helper);
		adapter->helper = NULL;
	}
	ne1000_uplink_fini(adapter);
	if (adapter->intr_poll_set)
		vmk_NetPollInterruptUnSet(adapter->netpoll);
	ne1000_intr_teardown(adapter);
	ne1000_netpoll_destroy(adapter);
	ne1000_rx_ring_destroy(adapter);
	ne1000_tx_ring_destroy(adapter);
	if (adapter->ctrl_sema) {
		vmk_SemaDestroy(&adapter->ctrl_sema);
		vmk_SpinlockDestroy(adapter->stats_lock);
	}
	if (adapter->dma_engine != VMK_DMA_ENGINE_INVALID)
		vmk_DMAEngineDestroy(adapter->dma_engine);
	if (adapter->hw_addr)
		vmk_PCIUnmapIOResource(ne1000_module, adapter->pci, 0);
	vmk_HeapFree(ne1000_heap, adapter);
}

static VMK_ReturnStatus ne1000_attach(vmk_Device device)
{
	struct ne1000_adapter *adapter;
	vmk_AddrCookie data;
	vmk_PCIDeviceID id;
	vmk_PCIDeviceAddr addr;
	VMK_ReturnStatus status;

	adapter = vmk_HeapAlloc(ne1000_heap, sizeof(*adapter));
	if (!adapter)
		return VMK_NO_MEMORY;
	vmk_Memset(adapter, 0, sizeof(*adapter));
	adapter->device = device;

	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		goto fail;
	adapter->pci = data.ptr;
	status = vmk_PCIQueryDeviceID(adapter->pci, &id);
	if (status != VMK_OK)
		goto fail;
	if (id.vendorID != NE1000_VENDOR_INTEL ||
	    (id.deviceID != NE1000_DEV_82540EM &&
	     id.deviceID != NE1000_DEV_82574L)) {
		status = VMK_NOT_SUPPORTED;
		goto fail;
	}
	adapter->device_id = id.deviceID;
	adapter->mac_type = id.deviceID == NE1000_DEV_82574L ? ne1000_82574 :
			    ne1000_82540;
	status = vmk_PCIQueryDeviceAddr(adapter->pci, &addr);
	if (status != VMK_OK)
		goto fail;
	vmk_NameFormat(&adapter->name, "%04x:%02x:%02x.%x",
		       addr.seg, addr.bus, addr.dev, addr.fn);
	adapter->attaching = VMK_TRUE;

	status = ne1000_attach_step(adapter, "DMA engine") ?:
		 ne1000_dma_engine_create(adapter);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_attach_step(adapter, "BAR 0") ?:
		 vmk_PCIMapIOResource(ne1000_module, adapter->pci, 0, NULL,
				      &adapter->hw_addr);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_attach_step(adapter, "bus mastering") ?:
		 ne1000_bus_master(adapter, VMK_TRUE);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_locks_create(adapter);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_attach_step(adapter, "reset") ?:
		 ne1000_hw_reset(adapter);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_attach_step(adapter, "EEPROM MAC") ?:
		 ne1000_eeprom_read_mac(adapter);
	if (status != VMK_OK)
		goto fail;
	ne1000_hw_set_mac(adapter, adapter->mac_addr);
	ne1000_hw_clear_mta(adapter);
	/* Counters start from zero for this driver. */
	ne1000_hw_update_stats(adapter);
	vmk_Memset(&adapter->hw, 0, sizeof(adapter->hw));

	status = ne1000_tx_ring_create(adapter);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_rx_ring_create(adapter);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_attach_step(adapter, "NetPoll") ?:
		 ne1000_netpoll_create(adapter);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_intr_setup(adapter);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_attach_step(adapter, "NetPoll interrupt") ?:
		 vmk_NetPollInterruptSet(adapter->netpoll, adapter->intr);
	if (status != VMK_OK)
		goto fail;
	adapter->intr_poll_set = VMK_TRUE;
	status = ne1000_attach_step(adapter, "helper queue") ?:
		 ne1000_helper_create(adapter);
	if (status != VMK_OK)
		goto fail;
	status = ne1000_uplink_init(adapter);
	if (status != VMK_OK)
		goto fail;

	status = ne1000_attach_step(adapter, "driver data") ?:
		 vmk_DeviceSetAttachedDriverData(device, adapter);
	if (status != VMK_OK)
		goto fail;
	vmk_Log(ne1000_log, "%s: %s attached, MAC %02x:%02x:%02x:%02x:%02x:%02x, %s interrupt",
		adapter->name.string,
		adapter->mac_type == ne1000_82574 ? "82574L" : "82540EM",
		adapter->mac_addr[0], adapter->mac_addr[1],
		adapter->mac_addr[2], adapter->mac_addr[3],
		adapter->mac_addr[4], adapter->mac_addr[5],
		adapter->intr_type == VMK_PCI_INTERRUPT_TYPE_MSI ? "MSI" :
		"INTx");
	if (READ_ONCE(ne1000_fault_attach_step))
		vmk_Log(ne1000_log, "%s: fault_attach_step: the attach path has %u steps, none failed",
			adapter->name.string, adapter->attach_step);
	adapter->attaching = VMK_FALSE;
	return VMK_OK;

fail:
	vmk_Warning(ne1000_log, "attach failed: %s",
		    vmk_StatusToString(status));
	ne1000_adapter_free(adapter);
	return status;
}

static struct ne1000_adapter *ne1000_adapter_of(vmk_Device device)
{
	vmk_AddrCookie data;

	if (vmk_DeviceGetAttachedDriverData(device, &data) != VMK_OK)
		return NULL;
	return data.ptr;
}

/* Traffic starts at the uplink's StartIO; nothing to do here. */
static VMK_ReturnStatus ne1000_start(vmk_Device device)
{
	struct ne1000_adapter *adapter = ne1000_adapter_of(device);

	if (!adapter || adapter->gone)
		return VMK_FAILURE;
	return VMK_OK;
}

/* After every start; the uplink child is registered the first time. */
static VMK_ReturnStatus ne1000_scan(vmk_Device device)
{
	struct ne1000_adapter *adapter = ne1000_adapter_of(device);

	if (!adapter)
		return VMK_FAILURE;
	if (adapter->uplink_device)
		return VMK_OK;
	return ne1000_uplink_register(adapter);
}

/*
 * The uplink was quiesced before (leaf first); this makes sure of it
 * even if it never started: no interrupt, no DMA.
 */
static VMK_ReturnStatus ne1000_quiesce(vmk_Device device)
{
	struct ne1000_adapter *adapter = ne1000_adapter_of(device);

	if (!adapter)
		return VMK_FAILURE;
	if (adapter->io_started) {
		vmk_Warning(ne1000_log, "%s: quiesced while the uplink runs",
			    adapter->name.string);
		return VMK_BUSY;
	}
	ne1000_hw_irq_disable(adapter);
	ne1000_hw_stop_units(adapter);
	return VMK_OK;
}

static VMK_ReturnStatus ne1000_detach(vmk_Device device)
{
	struct ne1000_adapter *adapter = ne1000_adapter_of(device);

	if (!adapter)
		return VMK_FAILURE;
	vmk_Log(ne1000_log, "%s: detached after %llu interrupts (%llu not ours), %llu polls, rx %llu tx %llu packets",
		adapter->name.string,
		(unsigned long long)vmk_AtomicRead64(&adapter->sw.interrupts),
		(unsigned long long)vmk_AtomicRead64(&adapter->sw.not_ours),
		(unsigned long long)vmk_AtomicRead64(&adapter->sw.polls),
		(unsigned long long)vmk_AtomicRead64(&adapter->sw.rx_packets),
		(unsigned long long)vmk_AtomicRead64(&adapter->sw.tx_packets));
	vmk_DeviceSetAttachedDriverData(device, (void *)NULL);
	ne1000_adapter_free(adapter);
	return VMK_OK;
}

static void ne1000_forget(vmk_Device device)
{
	struct ne1000_adapter *adapter = ne1000_adapter_of(device);

	if (adapter)
		adapter->gone = VMK_TRUE;
}

static vmk_DriverOps ne1000_driver_ops = {
	.attachDevice = ne1000_attach,
	.scanDevice = ne1000_scan,
	.detachDevice = ne1000_detach,
	.quiesceDevice = ne1000_quiesce,
	.startDevice = ne1000_start,
	.forgetDevice = ne1000_forget,
};

/*
 * Heap: per NIC the adapter (with its buffer bookkeeping), four locks and
 * a semaphore, the helper and its requests, the active-queue bit vector;
 * plus the log component and the device layer's scratch.
 */
#define NE1000_MAX_DEVICES	8
#define NE1000_HEAP_DESCS	6

static VMK_ReturnStatus ne1000_heap_create(void)
{
	vmk_HeapAllocationDescriptor desc[NE1000_HEAP_DESCS] = {
		{ sizeof(struct ne1000_adapter), 0, NE1000_MAX_DEVICES },
		{ vmk_SpinlockAllocSize(VMK_SPINLOCK), 0,
		  4 * NE1000_MAX_DEVICES },
		{ 0, 0, NE1000_MAX_DEVICES },	/* semaphore: below */
		{ 1024, 0, 16 * NE1000_MAX_DEVICES },	/* helper, requests */
		{ vmk_BitVectorSize(2), 0, NE1000_MAX_DEVICES },
		{ vmk_LogHeapAllocSize(), 0, 1 },
	};
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = ne1000_module,
		.creationTimeoutMS = VMK_TIMEOUT_NONBLOCKING,
	};
	vmk_ByteCount max;
	vmk_uint32 align;
	VMK_ReturnStatus status;

	desc[2].size = vmk_SemaAllocSize(&align);
	desc[2].alignment = align;
	status = vmk_HeapDetermineMaxSize(desc, NE1000_HEAP_DESCS, &max);
	if (status != VMK_OK)
		return status;
	vmk_NameInitialize(&props.name, NE1000_NAME);
	props.max = max + max / 5;
	status = vmk_HeapCreate(&props, &ne1000_heap);
	if (status == VMK_OK)
		vmk_ModuleSetHeapID(ne1000_module, ne1000_heap);
	return status;
}

static void ne1000_heap_destroy(void)
{
	vmk_ModuleSetHeapID(ne1000_module, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(ne1000_heap);
}

/* Ring pages come from a pool of the module's own, as in sfvmk. */
static VMK_ReturnStatus ne1000_mempool_create(void)
{
	vmk_MemPoolProps props = {
		.module = ne1000_module,
		.parentMemPool = VMK_MEMPOOL_INVALID,
		.memPoolType = VMK_MEM_POOL_LEAF,
		.resourceProps = { .reservation = 0,
				   .limit = VMK_MEMPOOL_NO_LIMIT },
	};

	vmk_NameInitialize(&props.name, NE1000_NAME);
	return vmk_MemPoolCreate(&props, &ne1000_mempool);
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
		.ops = &ne1000_driver_ops,
	};
	VMK_ReturnStatus status;

	ne1000_module = vmk_ModuleCurrentID;
	status = ne1000_heap_create();
	if (status != VMK_OK) {
		vmk_WarningMessage("%s: vmk_HeapCreate failed: %s",
				   NE1000_NAME, vmk_StatusToString(status));
		return status;
	}
	vmk_NameInitialize(&log_props.name, NE1000_NAME);
	log_props.heap = ne1000_heap;
	status = vmk_LogRegister(&log_props, &ne1000_log);
	if (status != VMK_OK)
		goto err_heap;
	status = ne1000_mempool_create();
	if (status != VMK_OK)
		goto err_log;

	vmk_NameInitialize(&drv_props.name, NE1000_NAME);
	status = vmk_DriverRegister(&drv_props, &ne1000_driver);
	if (status != VMK_OK) {
		vmk_Warning(ne1000_log, "vmk_DriverRegister failed: %s",
			    vmk_StatusToString(status));
		goto err_pool;
	}
	/* Devices are offered once init_module has returned. */
	status = vmk_PCIDriverAddIDs(ne1000_driver, ne1000_pci_ids);
	if (status != VMK_OK) {
		vmk_Warning(ne1000_log, "vmk_PCIDriverAddIDs failed: %s",
			    vmk_StatusToString(status));
		goto err_driver;
	}
	return 0;

err_driver:
	vmk_DriverUnregister(ne1000_driver);
err_pool:
	vmk_MemPoolDestroy(ne1000_mempool);
err_log:
	vmk_LogUnregister(ne1000_log);
err_heap:
	ne1000_heap_destroy();
	return status;
}

/* Unregistering the driver takes its devices back first (leaf first). */
void cleanup_module(void)
{
	vmk_DriverUnregister(ne1000_driver);
	vmk_MemPoolDestroy(ne1000_mempool);
	vmk_LogUnregister(ne1000_log);
	ne1000_heap_destroy();
}
