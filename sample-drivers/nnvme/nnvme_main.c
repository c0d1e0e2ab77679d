// SPDX-License-Identifier: GPL-2.0
/*
 * nnvme: module and device lifecycle (reference section 23, storage
 * variant).
 *
 *   init_module    heap, log component, memory pool (queue pages), the
 *                  driver and the PCI IDs it drives
 *   attachDevice   claim the function: the two DMA engines, BAR 0, CAP,
 *                  a disable (whatever ran it before), bus mastering,
 *                  MSI-X vectors, queue memory, the interrupt
 *                  registrations.  The controller is left disabled
 *                  (quiescent).
 *   startDevice    enable the controller, identify (first time), create
 *                  the I/O queues; build the SCSI adapter the first time
 *   scanDevice     register the "com.vmware.HBAPort" logical child that
 *                  the SCSI layer claims; its removeDevice unregisters it
 *                  and frees the adapter
 *   quiesceDevice  shutdown (CC.SHN) and disable
 *   detachDevice   undo attach, in reverse
 *   forgetDevice   the device is gone: never touch registers again
 *
 * Module parameters: io_queues (I/O queue pairs, each with its own MSI-X
 * vector, 1..4; default 0: one per completion queue the SCSI layer allows,
 * i.e. per CPU, as far as the vectors and the controller go; each command
 * goes to the queue of the CPU that issued it) and io_depth (entries per I/O queue, 2..256,
 * default 128; the adapter's queue depth is io_queues * (io_depth - 1)).
 */
#include <linux/atomic.h>

#include "nnvme.h"

VMK_VERSION_INFO(NNVME_VERSION);
VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

vmk_ModuleID nnvme_module;
vmk_HeapID nnvme_heap;
vmk_LogComponent nnvme_log;
vmk_Driver nnvme_driver;
vmk_MemPool nnvme_mempool;

unsigned int nnvme_io_queues;
VMK_MODPARAM_NAMED(io_queues, nnvme_io_queues, uint,
		   "I/O queue pairs per controller (1-4, 0: one per CPU), one MSI-X vector each");
unsigned int nnvme_io_depth = 128;
VMK_MODPARAM_NAMED(io_depth, nnvme_io_depth, uint,
		   "entries per I/O queue (2-256)");
unsigned int nnvme_shadow_doorbells = 1;
VMK_MODPARAM_NAMED(shadow_doorbells, nnvme_shadow_doorbells, uint,
		   "1: I/O queue doorbells through Doorbell Buffer Config where the controller has it; 0: always the registers");

/*
 * Test-only fault injection (tests/integration/storage/nnvme_abort.sh):
 * the next fault_drop_io I/O submissions take a slot but are neither
 * copied to the SQ nor rung, so they never complete and the SCSI error
 * handler's abort -> reset path runs.  Linux's module_param_named
 * directly rather than VMK_MODPARAM_NAMED: a test sets it at run time,
 * which needs 0644, and VMK_MODPARAM_* are read-only (0444) on purpose.
 */
int nnvme_fault_drop_io;
module_param_named(fault_drop_io, nnvme_fault_drop_io, int, 0644);
MODULE_PARM_DESC(fault_drop_io,
		 "TEST ONLY: lose the next N I/O submissions (never rung)");

/* Claim one drop; several queues may race for the last one. */
vmk_Bool nnvme_fault_take(void)
{
	int n = READ_ONCE(nnvme_fault_drop_io);

	while (n > 0) {
		int old = cmpxchg(&nnvme_fault_drop_io, n, n - 1);

		if (old == n)
			return VMK_TRUE;
		n = old;
	}
	return VMK_FALSE;
}

/*
 * Test-only fault injection (tests/integration/storage/nnvme_attach_fail.sh):
 * the attach path - attachDevice, then the first startDevice - numbers
 * its steps, and fault_attach_step = N makes step N fail with
 * VMK_FAILURE instead of running, so that what a real failure there
 * would leave behind is up to the driver's own unwind, which is what the
 * test checks.  A first start that completes logs how many steps there
 * were, so the test finds them all without knowing the number.
 */
int nnvme_fault_attach_step;
module_param_named(fault_attach_step, nnvme_fault_attach_step, int, 0644);
MODULE_PARM_DESC(fault_attach_step,
		 "TEST ONLY: fail the attach path at its N-th step (0: never)");

/*
 * The next step of ctrl's attach path, described by fmt: VMK_FAILURE if
 * fault_attach_step names it, else VMK_OK, so a call site reads
 * "status = nnvme_attach_step(...) ?: <the step>".  Outside the attach
 * path (later starts, resets) there are no steps.
 */
VMK_ReturnStatus nnvme_attach_step(struct nnvme_ctrl *ctrl,
				   const char *fmt, ...)
{
	char what[48];
	va_list ap;

	if (!ctrl->attaching)
		return VMK_OK;
	if (++ctrl->attach_step != READ_ONCE(nnvme_fault_attach_step))
		return VMK_OK;
	va_start(ap, fmt);
	vmk_Vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	vmk_Warning(nnvme_log, "%s: fault_attach_step: failing step %u (%s)",
		    ctrl->name.string, ctrl->attach_step, what);
	return VMK_FAILURE;
}

static const vmk_PCIDeviceMatch nnvme_pci_ids[] = {
	VMK_PCI_DEVICE_MATCH(NNVME_VENDOR_REDHAT, NNVME_DEV_QEMU),
	{ 0 }
};

#define NNVME_PCI_COMMAND		0x04
#define NNVME_PCI_COMMAND_MEMORY	0x0002
#define NNVME_PCI_COMMAND_MASTER	0x0004

static VMK_ReturnStatus nnvme_bus_master(struct nnvme_ctrl *ctrl,
					 vmk_Bool on)
{
	VMK_ReturnStatus status;
	vmk_uint32 reg;

	status = vmk_PCIReadConfig(nnvme_module, ctrl->pci,
				   VMK_PCI_CONFIG_ACCESS_16, NNVME_PCI_COMMAND,
				   &reg);
	if (status != VMK_OK)
		return status;
	reg = on ? reg | NNVME_PCI_COMMAND_MASTER | NNVME_PCI_COMMAND_MEMORY :
		   reg & ~NNVME_PCI_COMMAND_MASTER;
	return vmk_PCIWriteConfig(nnvme_module, ctrl->pci,
				  VMK_PCI_CONFIG_ACCESS_16, NNVME_PCI_COMMAND,
				  reg);
}

/*
 * Two engines, as VMware's driver has: a lax one for the rings and PRP
 * lists (whole pages we allocate ourselves), and a strict one for
 * command data that the SCSI layer maps with, whose constraints make
 * the mapped elements PRP entries: dword aligned, within one controller
 * page, at most NNVME_MAX_SG of them, NNVME_MAX_XFER in all.
 */
static VMK_ReturnStatus nnvme_engine_create(struct nnvme_ctrl *ctrl,
					    vmk_Bool io,
					    vmk_DMAEngine *engine)
{
	vmk_DMAConstraints con = {
		.addressMask = VMK_ADDRESS_MASK_64BIT,
	};
	vmk_DMAEngineProps props = {
		.module = nnvme_module,
		.flags = VMK_DMA_ENGINE_FLAGS_COHERENT,
		.device = ctrl->device,
		.constraints = &con,
		.bounce = NULL,
	};
	VMK_ReturnStatus status;

	if (io) {
		con.maxTransfer = NNVME_MAX_XFER;
		con.sgMaxEntries = NNVME_MAX_SG;
		con.sgElemMaxSize = NVME_CTRL_PAGE_SIZE;
		con.sgElemAlignment = 4;
		con.sgElemStraddle = NVME_CTRL_PAGE_SIZE;
	}
	vmk_NameFormat(&props.name, "nnvme-%s-%s", ctrl->name.string,
		       io ? "io" : "queues");
	status = vmk_DMAEngineCreate(&props, engine);
	if (status != VMK_OK) {
		con.addressMask = VMK_ADDRESS_MASK_32BIT;
		status = vmk_DMAEngineCreate(&props, engine);
	}
	return status;
}

/* CAP: doorbell stride, ready timeout, queue size limit, page sizes. */
static VMK_ReturnStatus nnvme_read_cap(struct nnvme_ctrl *ctrl)
{
	vmk_uint32 mqes;

	ctrl->cap = nnvme_rd64(ctrl, NVME_REG_CAP);
	if (ctrl->cap == ~0ULL)
		return VMK_NO_CONNECT;
	if (!NVME_CAP_CSS_NVM(ctrl->cap) ||
	    NVME_CAP_MPSMIN(ctrl->cap) > NVME_CTRL_PAGE_SHIFT - 12 ||
	    NVME_CAP_MPSMAX(ctrl->cap) < NVME_CTRL_PAGE_SHIFT - 12) {
		vmk_Warning(nnvme_log, "%s: CAP %#llx: no NVM command set or 4 KB pages",
			    ctrl->name.string, ctrl->cap);
		return VMK_NOT_SUPPORTED;
	}
	ctrl->db_stride = 4u << NVME_CAP_DSTRD(ctrl->cap);
	ctrl->timeout_ms = (NVME_CAP_TO(ctrl->cap) + 1) * NVME_TO_UNIT_MS;
	mqes = NVME_CAP_MQES(ctrl->cap) + 1;
	ctrl->io_depth = nnvme_io_depth;
	if (ctrl->io_depth < 2)
		ctrl->io_depth = 2;
	if (ctrl->io_depth > NNVME_IO_DEPTH_MAX)
		ctrl->io_depth = NNVME_IO_DEPTH_MAX;
	if (ctrl->io_depth > mqes)
		ctrl->io_depth = mqes;
	return VMK_OK;
}

static VMK_ReturnStatus nnvme_queues_create(struct nnvme_ctrl *ctrl)
{
	vmk_uint32 want = nnvme_io_queues_wanted(), i;
	vmk_uint16 admin_depth = NNVME_ADMIN_DEPTH;
	VMK_ReturnStatus status;

	if (want > ctrl->num_cookies - 1)
		want = ctrl->num_cookies - 1;
	if (admin_depth > NVME_CAP_MQES(ctrl->cap) + 1)
		admin_depth = NVME_CAP_MQES(ctrl->cap) + 1;
	status = nnvme_queue_alloc(ctrl, &ctrl->admin, 0, admin_depth, 0);
	if (status != VMK_OK)
		return status;
	status = nnvme_intr_register(ctrl, &ctrl->admin);
	if (status != VMK_OK)
		return status;
	for (i = 0; i < want; i++) {
		status = nnvme_queue_alloc(ctrl, &ctrl->io[i], i + 1,
					   ctrl->io_depth, i + 1);
		if (status != VMK_OK)
			return status;
		ctrl->num_io = i + 1;
		status = nnvme_intr_register(ctrl, &ctrl->io[i]);
		if (status != VMK_OK)
			return status;
	}
	return VMK_OK;
}

/* Undo attach; copes with a controller built only part of the way. */
static void nnvme_ctrl_free(struct nnvme_ctrl *ctrl)
{
	vmk_uint32 i;

	if (ctrl->bar && !ctrl->gone) {
		nnvme_ctrl_disable(ctrl);
		/*
		 * No DMA from here on, even from a controller the disable did
		 * not stop: everything below frees memory it could write.
		 */
		nnvme_bus_master(ctrl, VMK_FALSE);
	}
	for (i = 0; i < NNVME_MAX_IO_QUEUES; i++) {
		nnvme_intr_unregister(ctrl, &ctrl->io[i]);
		if (ctrl->io[i].depth)
			nnvme_queue_free(ctrl, &ctrl->io[i]);
	}
	nnvme_intr_unregister(ctrl, &ctrl->admin);
	if (ctrl->admin.depth)
		nnvme_queue_free(ctrl, &ctrl->admin);
	nnvme_dma_mem_free(ctrl, &ctrl->dbbuf_eventidx);
	nnvme_dma_mem_free(ctrl, &ctrl->dbbuf_shadow);
	nnvme_intr_teardown(ctrl);
	if (ctrl->admin_sema)
		vmk_SemaDestroy(&ctrl->admin_sema);
	if (ctrl->bar)
		vmk_PCIUnmapIOResource(nnvme_module, ctrl->pci, 0);
	if (ctrl->io_engine != VMK_DMA_ENGINE_INVALID)
		vmk_DMAEngineDestroy(ctrl->io_engine);
	if (ctrl->queue_engine != VMK_DMA_ENGINE_INVALID)
		vmk_DMAEngineDestroy(ctrl->queue_engine);
	vmk_HeapFree(nnvme_heap, ctrl);
}

static VMK_ReturnStatus nnvme_attach(vmk_Device device)
{
	struct nnvme_ctrl *ctrl;
	vmk_PCIDeviceAddr addr;
	vmk_PCIDeviceID id;
	vmk_AddrCookie data;
	VMK_ReturnStatus status;

	/*
	 * Step 1 of the attach path by hand: nnvme_attach_step() counts in
	 * the structure this allocates.
	 */
	if (READ_ONCE(nnvme_fault_attach_step) == 1) {
		vmk_Warning(nnvme_log, "fault_attach_step: failing step 1 (controller structure)");
		return VMK_NO_MEMORY;
	}
	ctrl = vmk_HeapAlloc(nnvme_heap, sizeof(*ctrl));
	if (!ctrl)
		return VMK_NO_MEMORY;
	vmk_Memset(ctrl, 0, sizeof(*ctrl));
	ctrl->attaching = VMK_TRUE;
	ctrl->attach_step = 1;
	ctrl->device = device;
	ctrl->queue_engine = VMK_DMA_ENGINE_INVALID;
	ctrl->io_engine = VMK_DMA_ENGINE_INVALID;

	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		goto fail;
	ctrl->pci = data.ptr;
	status = vmk_PCIQueryDeviceID(ctrl->pci, &id);
	if (status != VMK_OK)
		goto fail;
	if (id.vendorID != NNVME_VENDOR_REDHAT ||
	    id.deviceID != NNVME_DEV_QEMU) {
		status = VMK_NOT_SUPPORTED;
		goto fail;
	}
	status = vmk_PCIQueryDeviceAddr(ctrl->pci, &addr);
	if (status != VMK_OK)
		goto fail;
	vmk_NameFormat(&ctrl->name, "%04x:%02x:%02x.%x", addr.seg, addr.bus,
		       addr.dev, addr.fn);

	status = nnvme_attach_step(ctrl, "queue DMA engine") ?:
		 nnvme_engine_create(ctrl, VMK_FALSE, &ctrl->queue_engine);
	if (status != VMK_OK)
		goto fail;
	status = nnvme_attach_step(ctrl, "I/O DMA engine") ?:
		 nnvme_engine_create(ctrl, VMK_TRUE, &ctrl->io_engine);
	if (status != VMK_OK)
		goto fail;
	status = nnvme_attach_step(ctrl, "BAR 0 mapping") ?:
		 vmk_PCIMapIOResource(nnvme_module, ctrl->pci, 0, NULL,
				      &ctrl->bar);
	if (status != VMK_OK)
		goto fail;
	status = nnvme_read_cap(ctrl);
	if (status != VMK_OK)
		goto fail;
	/*
	 * The controller may still run as the last driver left it: Linux's
	 * nvme only shuts it down, so it keeps that driver's admin queue and
	 * doorbell buffer (memory since freed) until a disable resets it.
	 * Disable before bus mastering and the vectors are on, so nothing
	 * of the old setup can write memory or interrupt.
	 */
	status = nnvme_attach_step(ctrl, "controller disable") ?:
		 nnvme_ctrl_disable(ctrl);
	if (status != VMK_OK)
		goto fail;
	status = nnvme_attach_step(ctrl, "bus mastering") ?:
		 nnvme_bus_master(ctrl, VMK_TRUE);
	if (status != VMK_OK)
		goto fail;
	status = nnvme_attach_step(ctrl, "admin semaphore") ?:
		 vmk_BinarySemaCreate(&ctrl->admin_sema, nnvme_module,
				      "nnvme_admin");
	if (status != VMK_OK)
		goto fail;
	status = nnvme_attach_step(ctrl, "MSI-X interrupt cookies") ?:
		 nnvme_intr_setup(ctrl);
	if (status != VMK_OK)
		goto fail;
	status = nnvme_queues_create(ctrl);
	if (status != VMK_OK)
		goto fail;
	status = nnvme_attach_step(ctrl, "attached driver data") ?:
		 vmk_DeviceSetAttachedDriverData(device, ctrl);
	if (status != VMK_OK)
		goto fail;
	vmk_Log(nnvme_log, "%s: attached: NVMe %u.%u, %u I/O queue(s) of %u, %u MSI-X vectors",
		ctrl->name.string, nnvme_rd32(ctrl, NVME_REG_VS) >> 16,
		(nnvme_rd32(ctrl, NVME_REG_VS) >> 8) & 0xff, ctrl->num_io,
		ctrl->io_depth, ctrl->num_cookies);
	return VMK_OK;

fail:
	vmk_Warning(nnvme_log, "attach failed: %s", vmk_StatusToString(status));
	nnvme_ctrl_free(ctrl);
	return status;
}

static struct nnvme_ctrl *nnvme_ctrl_of(vmk_Device device)
{
	vmk_AddrCookie data;

	if (vmk_DeviceGetAttachedDriverData(device, &data) != VMK_OK)
		return NULL;
	return data.ptr;
}

static VMK_ReturnStatus nnvme_start(vmk_Device device)
{
	struct nnvme_ctrl *ctrl = nnvme_ctrl_of(device);
	VMK_ReturnStatus status;

	if (!ctrl || ctrl->gone)
		return VMK_FAILURE;
	vmk_SemaLock(&ctrl->admin_sema);
	status = nnvme_ctrl_start(ctrl);
	if (status == VMK_OK && !ctrl->target.adapter) {
		status = nnvme_scsi_adapter_create(ctrl);
		if (status != VMK_OK)
			nnvme_ctrl_stop(ctrl);
	}
	vmk_SemaUnlock(&ctrl->admin_sema);
	if (status != VMK_OK) {
		vmk_Warning(nnvme_log, "%s: start failed: %s",
			    ctrl->name.string, vmk_StatusToString(status));
		return status;
	}
	/* The attach path ends with the first start. */
	if (ctrl->attaching && READ_ONCE(nnvme_fault_attach_step))
		vmk_Log(nnvme_log, "%s: fault_attach_step: the attach path has %u steps, none failed",
			ctrl->name.string, ctrl->attach_step);
	ctrl->attaching = VMK_FALSE;
	return VMK_OK;
}

static VMK_ReturnStatus nnvme_scan(vmk_Device device)
{
	struct nnvme_ctrl *ctrl = nnvme_ctrl_of(device);

	if (!ctrl)
		return VMK_FAILURE;
	return scsi_emul_port_register(nnvme_driver, device, &ctrl->target);
}

/* The SCSI layer was quiesced first (leaf first): shut the controller. */
static VMK_ReturnStatus nnvme_quiesce(vmk_Device device)
{
	struct nnvme_ctrl *ctrl = nnvme_ctrl_of(device);

	if (!ctrl)
		return VMK_FAILURE;
	vmk_SemaLock(&ctrl->admin_sema);
	nnvme_ctrl_stop(ctrl);
	vmk_SemaUnlock(&ctrl->admin_sema);
	return VMK_OK;
}

static VMK_ReturnStatus nnvme_detach(vmk_Device device)
{
	struct nnvme_ctrl *ctrl = nnvme_ctrl_of(device);
	vmk_uint64 sub = 0, stale = 0, busy = 0, bounced = 0;
	vmk_uint64 db_writes = 0, db_shadowed = 0;
	vmk_uint32 i;

	if (!ctrl)
		return VMK_FAILURE;
	if (ctrl->target.port)
		return VMK_BUSY;
	for (i = 0; i < ctrl->num_io; i++) {
		sub += vmk_AtomicRead64(&ctrl->io[i].submitted);
		stale += vmk_AtomicRead64(&ctrl->io[i].stale);
		busy += vmk_AtomicRead64(&ctrl->io[i].busy);
		bounced += vmk_AtomicRead64(&ctrl->io[i].bounced);
		db_writes += ctrl->io[i].db_writes;
		db_shadowed += ctrl->io[i].db_shadowed;
	}
	vmk_Log(nnvme_log, "%s: I/O queue doorbells: %llu register writes, %llu left in the shadow buffer",
		ctrl->name.string, db_writes, db_shadowed);
	vmk_Log(nnvme_log, "%s: detached after %llu I/O commands (%llu queue full, %llu stale completions, %llu bounced, %llu bad SG), %llu aborts, %llu resets",
		ctrl->name.string, sub, busy, stale, bounced,
		vmk_AtomicRead64(&ctrl->bad_sg),
		vmk_AtomicRead64(&ctrl->aborts),
		vmk_AtomicRead64(&ctrl->resets));
	nnvme_scsi_adapter_destroy(ctrl);
	vmk_DeviceSetAttachedDriverData(device, (void *)NULL);
	nnvme_ctrl_free(ctrl);
	return VMK_OK;
}

static void nnvme_forget(vmk_Device device)
{
	struct nnvme_ctrl *ctrl = nnvme_ctrl_of(device);

	if (ctrl)
		ctrl->gone = VMK_TRUE;
}

static vmk_DriverOps nnvme_driver_ops = {
	.attachDevice = nnvme_attach,
	.scanDevice = nnvme_scan,
	.detachDevice = nnvme_detach,
	.quiesceDevice = nnvme_quiesce,
	.startDevice = nnvme_start,
	.forgetDevice = nnvme_forget,
};

/*
 * Heap: per controller its struct and, per queue, the command slots and
 * the free-slot stack, a spinlock; a semaphore; the log component.
 */
#define NNVME_MAX_DEVICES	16
#define NNVME_MAX_QUEUES	(NNVME_MAX_IO_QUEUES + 1)
#define NNVME_HEAP_DESCS	6

static VMK_ReturnStatus nnvme_heap_create(void)
{
	vmk_HeapAllocationDescriptor desc[NNVME_HEAP_DESCS] = {
		{ sizeof(struct nnvme_ctrl), 0, NNVME_MAX_DEVICES },
		{ NNVME_IO_DEPTH_MAX * sizeof(struct nnvme_cmd), 0,
		  NNVME_MAX_QUEUES * NNVME_MAX_DEVICES },
		{ NNVME_IO_DEPTH_MAX * sizeof(vmk_uint16), 0,
		  NNVME_MAX_QUEUES * NNVME_MAX_DEVICES },
		{ vmk_SpinlockAllocSize(VMK_SPINLOCK), 0,
		  NNVME_MAX_QUEUES * NNVME_MAX_DEVICES },
		{ 0, 0, NNVME_MAX_DEVICES },	/* semaphore: below */
		{ vmk_LogHeapAllocSize(), 0, 1 },
	};
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = nnvme_module,
		.creationTimeoutMS = VMK_TIMEOUT_NONBLOCKING,
	};
	vmk_ByteCount max;
	vmk_uint32 align;
	VMK_ReturnStatus status;

	desc[4].size = vmk_SemaAllocSize(&align);
	desc[4].alignment = align;
	status = vmk_HeapDetermineMaxSize(desc, NNVME_HEAP_DESCS, &max);
	if (status != VMK_OK)
		return status;
	vmk_NameInitialize(&props.name, NNVME_NAME);
	props.max = max + max / 5;
	status = vmk_HeapCreate(&props, &nnvme_heap);
	if (status == VMK_OK)
		vmk_ModuleSetHeapID(nnvme_module, nnvme_heap);
	return status;
}

static void nnvme_heap_destroy(void)
{
	vmk_ModuleSetHeapID(nnvme_module, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(nnvme_heap);
}

static VMK_ReturnStatus nnvme_mempool_create(void)
{
	vmk_MemPoolProps props = {
		.module = nnvme_module,
		.parentMemPool = VMK_MEMPOOL_INVALID,
		.memPoolType = VMK_MEM_POOL_LEAF,
		.resourceProps = { .reservation = 0,
				   .limit = VMK_MEMPOOL_NO_LIMIT },
	};

	vmk_NameInitialize(&props.name, NNVME_NAME);
	return vmk_MemPoolCreate(&props, &nnvme_mempool);
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
		.ops = &nnvme_driver_ops,
	};
	VMK_ReturnStatus status;

	nnvme_module = vmk_ModuleCurrentID;
	status = nnvme_heap_create();
	if (status != VMK_OK) {
		vmk_WarningMessage("%s: vmk_HeapCreate failed: %s", NNVME_NAME,
				   vmk_StatusToString(status));
		return status;
	}
	vmk_NameInitialize(&log_props.name, NNVME_NAME);
	log_props.heap = nnvme_heap;
	status = vmk_LogRegister(&log_props, &nnvme_log);
	if (status != VMK_OK)
		goto err_heap;
	status = nnvme_mempool_create();
	if (status != VMK_OK)
		goto err_log;
	vmk_NameInitialize(&drv_props.name, NNVME_NAME);
	status = vmk_DriverRegister(&drv_props, &nnvme_driver);
	if (status != VMK_OK)
		goto err_pool;
	status = vmk_PCIDriverAddIDs(nnvme_driver, nnvme_pci_ids);
	if (status != VMK_OK)
		goto err_driver;
	return 0;

err_driver:
	vmk_DriverUnregister(nnvme_driver);
err_pool:
	vmk_MemPoolDestroy(nnvme_mempool);
err_log:
	vmk_LogUnregister(nnvme_log);
err_heap:
	nnvme_heap_destroy();
	return status;
}

/* Unregistering the driver takes its devices back first (leaf first). */
void cleanup_module(void)
{
	vmk_DriverUnregister(nnvme_driver);
	vmk_MemPoolDestroy(nnvme_mempool);
	vmk_LogUnregister(nnvme_log);
	nnvme_heap_destroy();
}
