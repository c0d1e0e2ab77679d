// SPDX-License-Identifier: GPL-2.0
/*
 * nrefedu: a native driver for QEMU's edu teaching device (1234:11e8).
 *
 * A compatibility check: it is written from the VMK API reference alone,
 * the way a driver author writes for an ESXi 2.3 DDK, and must compile
 * unchanged against this project's headers.  It includes only vmkapi.h
 * and does what the native lifecycle asks of each callback:
 *
 *   init_module    heap (module default), log component, memory pool for
 *                  DMA pages, SG ops handle, vmk_DriverRegister
 *   attachDevice   PCI handle and ID, bus mastering, BAR0, identity and
 *                  liveness checks, DMA engine (28-bit), interrupt cookie
 *                  (MSI, else INTx) with acknowledge + handler, lock;
 *                  the device is left quiescent
 *   startDevice    interrupt on, then a self-test: a factorial completed
 *                  by the interrupt, and a DMA round trip RAM -> edu
 *                  buffer -> RAM through SG arrays mapped by the engine
 *   scanDevice     one logical child with a private identifier
 *   quiesceDevice  interrupt off and synchronised: no I/O afterwards
 *   detachDevice   undo attach
 *   forgetDevice   the device is gone: never touch the hardware again
 *
 * Device facts (QEMU docs/specs/edu.rst): BAR0 is 1 MB of MMIO, 32-bit
 * accesses below 0x80; the device raises interrupt status 0x1 when a
 * factorial completes (if asked to) and 0x100 when a DMA completes (if
 * asked to); its DMA engine sees only 28 address bits.
 */
#include "vmkapi.h"

#define NREFEDU_NAME		"nrefedu"

VMK_NAMESPACE_REQUIRED(VMK_NAMESPACE_VMKAPI, VMK_NAMESPACE_CURRENT_VERSION);
VMK_VERSION_INFO("1.0.0");
VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

/* PCI identity. */
#define EDU_VENDOR_ID		0x1234
#define EDU_DEVICE_ID		0x11e8
#define EDU_BAR			0
#define EDU_BAR_SIZE		(1024 * 1024)

/* PCI capability ID of MSI. */
#define PCI_CAP_ID_MSI		0x05

/* PCI command register: the driver turns bus mastering on itself. */
#define PCI_CMD_OFFSET		0x04
#define PCI_CMD_BUS_MASTER	0x0004

/* BAR0 registers. */
#define EDU_REG_ID		0x00
#define EDU_REG_LIVENESS	0x04
#define EDU_REG_FACTORIAL	0x08
#define EDU_REG_STATUS		0x20
#define EDU_REG_INTR_STATUS	0x24
#define EDU_REG_INTR_ACK	0x64
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98

/* The identification register reads 0xRRrr00ed (major, minor, magic). */
#define EDU_ID_MAGIC_MASK	0x0000ffff
#define EDU_ID_MAGIC		0x000000ed
#define EDU_ID_MAJOR(id)	(((id) >> 24) & 0xff)
#define EDU_ID_MINOR(id)	(((id) >> 16) & 0xff)

#define EDU_STATUS_COMPUTING	0x00000001
#define EDU_STATUS_IRQ_FACT	0x00000080

#define EDU_INTR_FACT		0x00000001
#define EDU_INTR_DMA		0x00000100

#define EDU_DMA_CMD_START	0x1
#define EDU_DMA_CMD_TO_RAM	0x2	/* direction: 0 RAM -> edu, 1 edu -> RAM */
#define EDU_DMA_CMD_IRQ		0x4

#define EDU_DMA_BUFFER		0x40000
#define EDU_DMA_BUFFER_SIZE	4096
#define EDU_DMA_ADDR_BITS	28

/* Self-test parameters. */
#define NREFEDU_FACT_INPUT	10
#define NREFEDU_FACT_EXPECTED	3628800
#define NREFEDU_DMA_LEN		1024
#define NREFEDU_DMA_PAGES	2	/* one page out, one page back */
/* Blocks the self-test may set aside while looking for one under the mask. */
#define NREFEDU_DMA_TRIES	256
/* Each wait is bounded; the guest is emulated and may be slow. */
#define NREFEDU_WAIT_MS		1000
#define NREFEDU_WAIT_TRIES	10

/* Logical child: a private identifier, so no kernel subsystem claims it. */
#define NREFEDU_CHILD_IDENTIFIER "com.example.nrefedu.selftest"
#define NREFEDU_CHILD_PORT	0

struct nrefedu_adapter;

/* What the child carries as registration data. */
struct nrefedu_child {
	struct nrefedu_adapter *adapter;
	vmk_Name name;
};

struct nrefedu_adapter {
	vmk_Device device;
	vmk_PCIDevice pciDevice;
	vmk_PCIDeviceID pciID;
	vmk_PCIDeviceAddr pciAddr;
	vmk_Name pciName;
	vmk_VA bar;
	vmk_Bool barMapped;
	vmk_DMAEngine dmaEngine;
	vmk_PCIInterruptType intrType;
	vmk_IntrCookie intrCookie;
	vmk_Bool intrRegistered;
	vmk_Bool intrEnabled;
	vmk_Lock lock;
	/* Interrupt causes the acknowledge callback took off the device. */
	vmk_atomic64 intrPending;
	/* Causes the handler passed on to the waiter; under lock. */
	vmk_uint32 intrSeen;
	vmk_uint64 intrCount;
	/* Surprise removal: no hardware access any more. */
	vmk_Bool gone;
	vmk_Device child;
	struct nrefedu_child *childData;
};

static struct {
	vmk_HeapID heap;
	vmk_LogComponent log;
	vmk_MemPool memPool;
	vmk_SgOpsHandle sgOps;
	vmk_Driver driver;
	vmk_Name driverName;
} nrefedu;

/* Slack for objects the API allocates from our heap without saying how much. */
#define NREFEDU_HEAP_SLACK	(256 * 1024)

/* ---- register access --------------------------------------------------- */

/*
 * 2.3 drivers dereference the mapped BAR directly, with explicit fences.
 * Every register is accessed 32 bits wide: the device requires it below
 * 0x80, and above it the DMA registers take 32-bit writes whole (DMA
 * addresses fit in 28 bits anyway).
 */
static inline volatile vmk_uint32 *edu_reg(struct nrefedu_adapter *a,
					   vmk_uint32 reg)
{
	return (volatile vmk_uint32 *)(a->bar + reg);
}

static inline vmk_uint32 edu_read32(struct nrefedu_adapter *a, vmk_uint32 reg)
{
	vmk_uint32 val = *edu_reg(a, reg);

	vmk_CPUMemFenceRead();
	return val;
}

static inline void edu_write32(struct nrefedu_adapter *a, vmk_uint32 reg,
			       vmk_uint32 val)
{
	vmk_CPUMemFenceWrite();
	*edu_reg(a, reg) = val;
}

/* ---- interrupt ---------------------------------------------------------- */

/*
 * Acknowledge: hard interrupt context, a few microseconds, no locks.
 * Read the cause, clear it at the device (it must be cleared even with
 * MSI) and leave the rest to the handler.
 */
static VMK_ReturnStatus nrefedu_intr_ack(void *handlerData,
					 vmk_IntrCookie cookie)
{
	struct nrefedu_adapter *a = handlerData;
	vmk_uint32 cause;

	if (a->gone)
		return VMK_NOT_THIS_DEVICE;
	cause = edu_read32(a, EDU_REG_INTR_STATUS);
	if (cause == 0)
		return VMK_NOT_THIS_DEVICE;	/* a shared INTx line */
	edu_write32(a, EDU_REG_INTR_ACK, cause);
	vmk_AtomicOr64(&a->intrPending, cause);
	return VMK_OK;
}

/* Handler: may take a spinlock, must not block; wakes the waiting world. */
static void nrefedu_intr_handler(void *handlerData, vmk_IntrCookie cookie)
{
	struct nrefedu_adapter *a = handlerData;
	vmk_uint64 cause = vmk_AtomicReadWrite64(&a->intrPending, 0);

	if (cause == 0)
		return;
	if (vmk_SpinlockLock(a->lock) != VMK_OK)
		return;
	a->intrSeen |= (vmk_uint32)cause;
	a->intrCount++;
	vmk_SpinlockUnlock(a->lock);
	vmk_WorldWakeup((vmk_WorldEventID)&a->intrSeen);
}

/*
 * Wait (world context) until the handler has seen one of the causes in
 * mask; consume them.  vmk_WorldWait drops the lock and does not take it
 * back, and wakeups may be spurious, so the condition is rechecked under
 * the lock every time round.
 */
static VMK_ReturnStatus nrefedu_wait_intr(struct nrefedu_adapter *a,
					  vmk_uint32 mask)
{
	VMK_ReturnStatus status;
	int timeouts = 0;

	for (;;) {
		status = vmk_SpinlockLock(a->lock);
		if (status != VMK_OK)
			return status;
		if (a->intrSeen & mask) {
			a->intrSeen &= ~mask;
			vmk_SpinlockUnlock(a->lock);
			return VMK_OK;
		}
		if (timeouts == NREFEDU_WAIT_TRIES) {
			vmk_SpinlockUnlock(a->lock);
			return VMK_TIMEOUT;
		}
		status = vmk_WorldWait((vmk_WorldEventID)&a->intrSeen, a->lock,
				       NREFEDU_WAIT_MS,
				       "nrefedu: waiting for the device");
		if (status == VMK_TIMEOUT) {
			timeouts++;
		} else if (status == VMK_BAD_PARAM) {
			/* The wait refused: the lock is still ours. */
			vmk_SpinlockUnlock(a->lock);
			return status;
		} else if (status == VMK_DEATH_PENDING) {
			return status;
		}
	}
}

static VMK_ReturnStatus nrefedu_intr_setup(struct nrefedu_adapter *a)
{
	vmk_IntrProps props;
	vmk_uint32 numAllocated = 0;
	vmk_uint16 msiCap;
	VMK_ReturnStatus status;

	/* MSI if the function has the capability; the device also does INTx. */
	status = vmk_PCIFindCapability(a->pciDevice, PCI_CAP_ID_MSI, &msiCap);
	if (status == VMK_OK) {
		a->intrType = VMK_PCI_INTERRUPT_TYPE_MSI;
		status = vmk_PCIAllocIntrCookie(vmk_ModuleCurrentID,
						a->pciDevice,
						VMK_PCI_INTERRUPT_TYPE_MSI,
						1, 1, NULL, &a->intrCookie,
						&numAllocated);
	}
	if (status != VMK_OK) {
		vmk_Log(nrefedu.log, "%s: no MSI (%s), using INTx",
			vmk_NameToString(&a->pciName),
			vmk_StatusToString(status));
		a->intrType = VMK_PCI_INTERRUPT_TYPE_LEGACY;
		status = vmk_PCIAllocIntrCookie(vmk_ModuleCurrentID,
						a->pciDevice,
						VMK_PCI_INTERRUPT_TYPE_LEGACY,
						1, 1, NULL, &a->intrCookie,
						&numAllocated);
	}
	if (status != VMK_OK) {
		a->intrType = VMK_PCI_INTERRUPT_TYPE_NONE;
		vmk_Warning(nrefedu.log, "%s: vmk_PCIAllocIntrCookie failed: %s",
			    vmk_NameToString(&a->pciName),
			    vmk_StatusToString(status));
		return status;
	}

	vmk_Memset(&props, 0, sizeof(props));
	props.device = a->device;
	vmk_NameFormat(&props.deviceName, "%s-%s", NREFEDU_NAME,
		       vmk_NameToString(&a->pciName));
	props.acknowledgeInterrupt = nrefedu_intr_ack;
	props.handler = nrefedu_intr_handler;
	props.handlerData = a;
	props.attrs = 0;
	status = vmk_IntrRegister(vmk_ModuleCurrentID, a->intrCookie, &props);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "%s: vmk_IntrRegister failed: %s",
			    vmk_NameToString(&a->pciName),
			    vmk_StatusToString(status));
		vmk_PCIFreeIntrCookie(vmk_ModuleCurrentID, a->pciDevice);
		a->intrType = VMK_PCI_INTERRUPT_TYPE_NONE;
		return status;
	}
	a->intrRegistered = VMK_TRUE;
	return VMK_OK;
}

static void nrefedu_intr_teardown(struct nrefedu_adapter *a)
{
	if (a->intrRegistered) {
		vmk_IntrUnregister(vmk_ModuleCurrentID, a->intrCookie, a);
		a->intrRegistered = VMK_FALSE;
	}
	if (a->intrType != VMK_PCI_INTERRUPT_TYPE_NONE) {
		vmk_PCIFreeIntrCookie(vmk_ModuleCurrentID, a->pciDevice);
		a->intrType = VMK_PCI_INTERRUPT_TYPE_NONE;
	}
}

/* Interrupts off; afterwards no handler of ours runs anywhere. */
static void nrefedu_intr_stop(struct nrefedu_adapter *a)
{
	if (!a->intrEnabled)
		return;
	vmk_IntrDisable(a->intrCookie);
	vmk_IntrSync(a->intrCookie);
	a->intrEnabled = VMK_FALSE;
}

/* ---- self-test ----------------------------------------------------------- */

static VMK_ReturnStatus nrefedu_test_factorial(struct nrefedu_adapter *a,
					       vmk_uint32 *result)
{
	VMK_ReturnStatus status;

	edu_write32(a, EDU_REG_STATUS, EDU_STATUS_IRQ_FACT);
	edu_write32(a, EDU_REG_FACTORIAL, NREFEDU_FACT_INPUT);
	status = nrefedu_wait_intr(a, EDU_INTR_FACT);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "factorial: no interrupt (%s), status 0x%x",
			    vmk_StatusToString(status),
			    edu_read32(a, EDU_REG_STATUS));
		return status;
	}
	*result = edu_read32(a, EDU_REG_FACTORIAL);
	edu_write32(a, EDU_REG_STATUS, 0);
	return *result == NREFEDU_FACT_EXPECTED ? VMK_OK : VMK_FAILURE;
}

/* One DMA transfer by the device, completed by its interrupt. */
static VMK_ReturnStatus nrefedu_dma_run(struct nrefedu_adapter *a,
					vmk_IOA src, vmk_IOA dst,
					vmk_uint32 len, vmk_Bool toRam)
{
	edu_write32(a, EDU_REG_DMA_SRC, (vmk_uint32)src);
	edu_write32(a, EDU_REG_DMA_DST, (vmk_uint32)dst);
	edu_write32(a, EDU_REG_DMA_COUNT, len);
	edu_write32(a, EDU_REG_DMA_CMD, EDU_DMA_CMD_START | EDU_DMA_CMD_IRQ |
		    (toRam ? EDU_DMA_CMD_TO_RAM : 0));
	return nrefedu_wait_intr(a, EDU_INTR_DMA);
}

static VMK_ReturnStatus nrefedu_map(struct nrefedu_adapter *a, void *va,
				    vmk_ByteCount len, vmk_DMADirection dir,
				    vmk_SgArray **sgIn, vmk_SgArray **sgOut)
{
	vmk_DMAMapErrorInfo err;
	VMK_ReturnStatus status;

	status = vmk_SgAllocWithInit(nrefedu.sgOps, sgIn, va, len);
	if (status != VMK_OK)
		return status;
	status = vmk_DMAMapSg(a->dmaEngine, dir, nrefedu.sgOps, *sgIn, sgOut,
			      &err);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_DMAMapSg(%s) failed: %s (%s)",
			    vmk_DMADirectionToString(dir),
			    vmk_StatusToString(status),
			    status == VMK_DMA_MAPPING_FAILED ?
			    vmk_DMAMapErrorReasonToString(err.reason) : "-");
		vmk_SgFree(nrefedu.sgOps, *sgIn);
		*sgIn = NULL;
		return status;
	}
	/* The device can take one contiguous range under its 28-bit mask. */
	if ((*sgOut)->numElems != 1 ||
	    (*sgOut)->elem[0].ioAddr + len - 1 >=
	    ((vmk_IOA)1 << EDU_DMA_ADDR_BITS)) {
		vmk_Warning(nrefedu.log, "mapping unusable: %u elements at 0x%llx",
			    (*sgOut)->numElems,
			    (unsigned long long)(*sgOut)->elem[0].ioAddr);
		vmk_DMAUnmapSg(a->dmaEngine, dir, nrefedu.sgOps, *sgOut);
		vmk_SgFree(nrefedu.sgOps, *sgIn);
		*sgIn = NULL;
		*sgOut = NULL;
		return VMK_DMA_MAPPING_FAILED;
	}
	return VMK_OK;
}

static void nrefedu_unmap(struct nrefedu_adapter *a, vmk_DMADirection dir,
			  vmk_SgArray *sgIn, vmk_SgArray *sgOut)
{
	if (sgOut)
		vmk_DMAUnmapSg(a->dmaEngine, dir, nrefedu.sgOps, sgOut);
	if (sgIn)
		vmk_SgFree(nrefedu.sgOps, sgIn);
}

static void nrefedu_pages_free(vmk_MpnRange *range)
{
	vmk_MemPoolAllocRequest request = {
		.numPages = range->numPages,
		.numElements = 1,
		.mpnRanges = range,
	};

	vmk_MemPoolFree(&request);
}

/*
 * NREFEDU_DMA_PAGES contiguous pages from the module's pool that the
 * device can reach.  The engine's allocation constraint is the tightest
 * the API has (below 2 GB), wider than edu's 28 bits, so when the device
 * sees machine addresses a block beyond the mask is set aside (the pool
 * would hand it out again otherwise) and another one taken, up to
 * NREFEDU_DMA_TRIES blocks.  The set-aside blocks go back at the end.
 */
static VMK_ReturnStatus nrefedu_dma_pages_alloc(struct nrefedu_adapter *a,
						vmk_MpnRange *range)
{
	vmk_MemPoolAllocProps allocProps;
	vmk_MemPoolAllocRequest request;
	vmk_MpnRange *rejects;
	vmk_Bool identity;
	VMK_ReturnStatus status;
	vmk_uint32 tries, i;

	vmk_Memset(&allocProps, 0, sizeof(allocProps));
	allocProps.physContiguity = VMK_MEM_PHYS_CONTIGUOUS;
	allocProps.creationTimeoutMS = VMK_TIMEOUT_UNLIMITED_MS;
	status = vmk_DMAGetAllocAddrConstraint(a->dmaEngine,
					       &allocProps.physRange);
	if (status == VMK_OK)
		status = vmk_DMAEngineIsIdentityMapped(a->dmaEngine,
						       &identity);
	if (status != VMK_OK)
		return status;
	rejects = vmk_HeapAlloc(nrefedu.heap,
				NREFEDU_DMA_TRIES * sizeof(*rejects));
	if (!rejects)
		return VMK_NO_MEMORY;

	for (tries = 0; tries < NREFEDU_DMA_TRIES; tries++) {
		request.numPages = NREFEDU_DMA_PAGES;
		request.numElements = 1;
		request.mpnRanges = &rejects[tries];
		status = vmk_MemPoolAlloc(nrefedu.memPool, &allocProps,
					  &request);
		if (status != VMK_OK) {
			vmk_Warning(nrefedu.log, "vmk_MemPoolAlloc failed: %s",
				    vmk_StatusToString(status));
			break;
		}
		if (!identity ||
		    vmk_MPN2MA(rejects[tries].startMPN + NREFEDU_DMA_PAGES) <=
		    ((vmk_MA)1 << EDU_DMA_ADDR_BITS)) {
			*range = rejects[tries];
			if (tries)
				vmk_Log(nrefedu.log, "DMA pages found after setting %u block(s) aside",
					tries);
			break;
		}
	}
	for (i = 0; i < tries; i++)
		nrefedu_pages_free(&rejects[i]);
	vmk_HeapFree(nrefedu.heap, rejects);
	/* Every try got a block, and every block was out of reach. */
	if (tries == NREFEDU_DMA_TRIES) {
		vmk_Warning(nrefedu.log, "no %u pages below %u MB in %u tries",
			    NREFEDU_DMA_PAGES, 1U << (EDU_DMA_ADDR_BITS - 20),
			    NREFEDU_DMA_TRIES);
		return VMK_NO_MEMORY;
	}
	return status;
}

/*
 * DMA round trip: a pattern goes from one page to the device's buffer
 * and comes back into another page.  The pages come from the module's
 * memory pool, physically contiguous and within the device's reach.
 */
static VMK_ReturnStatus nrefedu_test_dma(struct nrefedu_adapter *a)
{
	vmk_MpnRange range;
	vmk_MapRequest map;
	vmk_VA va = 0;
	vmk_uint8 *out, *back;
	vmk_SgArray *outIn = NULL, *outIO = NULL, *backIn = NULL, *backIO = NULL;
	VMK_ReturnStatus status;
	vmk_uint32 i;

	status = nrefedu_dma_pages_alloc(a, &range);
	if (status != VMK_OK)
		return status;

	vmk_Memset(&map, 0, sizeof(map));
	map.mapType = VMK_MAPTYPE_DEFAULT;
	map.mapAttrs = VMK_MAPATTRS_READWRITE;
	map.numElements = 1;
	map.mpnRanges = &range;
	map.reservation = NULL;
	status = vmk_Map(vmk_ModuleCurrentID, &map, &va);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_Map failed: %s",
			    vmk_StatusToString(status));
		goto free_pages;
	}
	out = (vmk_uint8 *)va;
	back = out + VMK_PAGE_SIZE;
	for (i = 0; i < NREFEDU_DMA_LEN; i++) {
		out[i] = (vmk_uint8)(i * 7 + 3);
		back[i] = 0;
	}

	status = nrefedu_map(a, out, NREFEDU_DMA_LEN,
			     VMK_DMA_DIRECTION_FROM_MEMORY, &outIn, &outIO);
	if (status != VMK_OK)
		goto unmap_va;
	status = nrefedu_map(a, back, NREFEDU_DMA_LEN,
			     VMK_DMA_DIRECTION_TO_MEMORY, &backIn, &backIO);
	if (status != VMK_OK)
		goto unmap_out;

	status = nrefedu_dma_run(a, outIO->elem[0].ioAddr, EDU_DMA_BUFFER,
				 NREFEDU_DMA_LEN, VMK_FALSE);
	if (status == VMK_OK)
		status = nrefedu_dma_run(a, EDU_DMA_BUFFER,
					 backIO->elem[0].ioAddr,
					 NREFEDU_DMA_LEN, VMK_TRUE);
	if (status != VMK_OK)
		vmk_Warning(nrefedu.log, "DMA did not complete: %s",
			    vmk_StatusToString(status));
	else
		/* The device wrote; make it visible before the CPU reads. */
		status = vmk_DMAFlushSg(a->dmaEngine,
					VMK_DMA_DIRECTION_TO_MEMORY, backIO, 0,
					VMK_DMA_FLUSH_SG_ALL);

	nrefedu_unmap(a, VMK_DMA_DIRECTION_TO_MEMORY, backIn, backIO);
unmap_out:
	nrefedu_unmap(a, VMK_DMA_DIRECTION_FROM_MEMORY, outIn, outIO);
	if (status == VMK_OK && vmk_Memcmp(out, back, NREFEDU_DMA_LEN) != 0) {
		vmk_Warning(nrefedu.log, "DMA round trip: data differs");
		status = VMK_IO_ERROR;
	}
unmap_va:
	vmk_Unmap(va);
free_pages:
	nrefedu_pages_free(&range);
	return status;
}

/* ---- logical child ------------------------------------------------------- */

/*
 * The device layer calls this only when the child is unclaimed.  Only
 * here may it be unregistered; its data goes once that has worked.
 */
static VMK_ReturnStatus nrefedu_remove_child(vmk_Device child)
{
	vmk_AddrCookie cookie;
	struct nrefedu_child *cd;
	VMK_ReturnStatus status;

	status = vmk_DeviceGetRegisteringDriverData(child, &cookie);
	if (status != VMK_OK)
		return status;
	cd = cookie.ptr;
	status = vmk_DeviceUnregister(child);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_DeviceUnregister failed: %s",
			    vmk_StatusToString(status));
		return status;
	}
	vmk_Log(nrefedu.log, "logical child %s removed",
		vmk_NameToString(&cd->name));
	cd->adapter->child = NULL;
	cd->adapter->childData = NULL;
	vmk_HeapFree(nrefedu.heap, cd);
	return VMK_OK;
}

static vmk_DeviceOps nrefedu_child_ops = {
	.removeDevice = nrefedu_remove_child,
};

/* ---- driver callbacks ---------------------------------------------------- */

static struct nrefedu_adapter *nrefedu_adapter_of(vmk_Device device)
{
	vmk_AddrCookie cookie;

	if (vmk_DeviceGetAttachedDriverData(device, &cookie) != VMK_OK)
		return NULL;
	return cookie.ptr;
}

static VMK_ReturnStatus nrefedu_pci_init(struct nrefedu_adapter *a)
{
	vmk_PCIResource bars[EDU_BAR + 1];
	vmk_AddrCookie cookie;
	vmk_uint32 cmd;
	VMK_ReturnStatus status;

	status = vmk_DeviceGetRegistrationData(a->device, &cookie);
	if (status != VMK_OK)
		return status;
	a->pciDevice = cookie.ptr;

	status = vmk_PCIQueryDeviceID(a->pciDevice, &a->pciID);
	if (status != VMK_OK)
		return status;
	if (a->pciID.vendorID != EDU_VENDOR_ID ||
	    a->pciID.deviceID != EDU_DEVICE_ID)
		return VMK_NOT_SUPPORTED;
	status = vmk_PCIQueryDeviceAddr(a->pciDevice, &a->pciAddr);
	if (status != VMK_OK)
		return status;
	vmk_NameFormat(&a->pciName, "%04x:%02x:%02x.%x", a->pciAddr.seg,
		       a->pciAddr.bus, a->pciAddr.dev, a->pciAddr.fn);

	/* BAR0 must be the 1 MB of registers, in memory space. */
	status = vmk_PCIQueryIOResources(a->pciDevice, EDU_BAR + 1, bars);
	if (status != VMK_OK)
		return status;
	if ((bars[EDU_BAR].flags & VMK_PCI_BAR_FLAGS_IO) ||
	    bars[EDU_BAR].size < EDU_BAR_SIZE) {
		vmk_Warning(nrefedu.log, "%s: BAR%u is 0x%llx bytes, flags 0x%llx",
			    vmk_NameToString(&a->pciName), EDU_BAR,
			    (unsigned long long)bars[EDU_BAR].size,
			    (unsigned long long)bars[EDU_BAR].flags);
		return VMK_NOT_SUPPORTED;
	}

	/* The device masters the bus for its DMA. */
	status = vmk_PCIReadConfig(vmk_ModuleCurrentID, a->pciDevice,
				   VMK_PCI_CONFIG_ACCESS_16, PCI_CMD_OFFSET,
				   &cmd);
	if (status != VMK_OK)
		return status;
	return vmk_PCIWriteConfig(vmk_ModuleCurrentID, a->pciDevice,
				  VMK_PCI_CONFIG_ACCESS_16, PCI_CMD_OFFSET,
				  cmd | PCI_CMD_BUS_MASTER);
}

static VMK_ReturnStatus nrefedu_hw_check(struct nrefedu_adapter *a)
{
	vmk_uint32 id, probe = 0x5a5aa5a5, back;

	id = edu_read32(a, EDU_REG_ID);
	if ((id & EDU_ID_MAGIC_MASK) != EDU_ID_MAGIC) {
		vmk_Warning(nrefedu.log, "%s: identification 0x%08x is not edu's",
			    vmk_NameToString(&a->pciName), id);
		return VMK_NOT_SUPPORTED;
	}
	edu_write32(a, EDU_REG_LIVENESS, probe);
	back = edu_read32(a, EDU_REG_LIVENESS);
	if (back != ~probe) {
		vmk_Warning(nrefedu.log, "%s: liveness 0x%08x, expected 0x%08x",
			    vmk_NameToString(&a->pciName), back, ~probe);
		return VMK_IO_ERROR;
	}
	vmk_Log(nrefedu.log, "%s: edu %u.%u (id 0x%08x) alive",
		vmk_NameToString(&a->pciName), EDU_ID_MAJOR(id),
		EDU_ID_MINOR(id), id);
	return VMK_OK;
}

static VMK_ReturnStatus nrefedu_dma_engine_create(struct nrefedu_adapter *a)
{
	vmk_DMAConstraints constraints;
	vmk_DMAEngineProps props;

	vmk_Memset(&constraints, 0, sizeof(constraints));
	constraints.addressMask = ((vmk_IOA)1 << EDU_DMA_ADDR_BITS) - 1;
	constraints.maxTransfer = EDU_DMA_BUFFER_SIZE;
	constraints.sgMaxEntries = 1;

	vmk_Memset(&props, 0, sizeof(props));
	vmk_NameFormat(&props.name, "%s-%s", NREFEDU_NAME,
		       vmk_NameToString(&a->pciName));
	props.module = vmk_ModuleCurrentID;
	props.flags = VMK_DMA_ENGINE_FLAGS_COHERENT;
	props.device = a->device;
	props.constraints = &constraints;
	props.bounce = NULL;
	return vmk_DMAEngineCreate(&props, &a->dmaEngine);
}

static VMK_ReturnStatus nrefedu_lock_create(struct nrefedu_adapter *a)
{
	vmk_SpinlockCreateProps props;

	vmk_Memset(&props, 0, sizeof(props));
	props.moduleID = vmk_ModuleCurrentID;
	props.heapID = nrefedu.heap;
	vmk_NameFormat(&props.name, "%s-%s", NREFEDU_NAME,
		       vmk_NameToString(&a->pciName));
	props.type = VMK_SPINLOCK;
	props.domain = VMK_LOCKDOMAIN_INVALID;
	props.rank = VMK_SPINLOCK_UNRANKED;
	return vmk_SpinlockCreate(&props, &a->lock);
}

/*
 * Undo attach, from whatever point it reached.  Touches the hardware only
 * while it is still there.
 */
static void nrefedu_release(struct nrefedu_adapter *a)
{
	vmk_uint32 cmd;

	nrefedu_intr_stop(a);
	nrefedu_intr_teardown(a);
	if (a->lock)
		vmk_SpinlockDestroy(a->lock);
	if (a->dmaEngine != VMK_DMA_ENGINE_INVALID)
		vmk_DMAEngineDestroy(a->dmaEngine);
	if (a->barMapped)
		vmk_PCIUnmapIOResource(vmk_ModuleCurrentID, a->pciDevice,
				       EDU_BAR);
	if (a->pciDevice && !a->gone &&
	    vmk_PCIReadConfig(vmk_ModuleCurrentID, a->pciDevice,
			      VMK_PCI_CONFIG_ACCESS_16, PCI_CMD_OFFSET,
			      &cmd) == VMK_OK)
		vmk_PCIWriteConfig(vmk_ModuleCurrentID, a->pciDevice,
				   VMK_PCI_CONFIG_ACCESS_16, PCI_CMD_OFFSET,
				   cmd & ~PCI_CMD_BUS_MASTER);
	vmk_HeapFree(nrefedu.heap, a);
}

/* Where the device layer has this device: bus, address, identifier. */
static void nrefedu_log_device_id(vmk_Device device)
{
	vmk_DeviceID *id;

	if (vmk_DeviceGetDeviceID(nrefedu.heap, device, &id) != VMK_OK)
		return;
	vmk_Log(nrefedu.log, "device at %.*s (%.*s)", (int)id->busAddressLen,
		id->busAddress, (int)id->busIdentifierLen, id->busIdentifier);
	vmk_DevicePutDeviceID(nrefedu.heap, id);
}

static VMK_ReturnStatus nrefedu_attach(vmk_Device device)
{
	struct nrefedu_adapter *a;
	VMK_ReturnStatus status;

	a = vmk_HeapAlloc(nrefedu.heap, sizeof(*a));
	if (!a)
		return VMK_NO_MEMORY;
	vmk_Memset(a, 0, sizeof(*a));
	a->device = device;
	a->dmaEngine = VMK_DMA_ENGINE_INVALID;
	a->intrType = VMK_PCI_INTERRUPT_TYPE_NONE;
	a->intrCookie = VMK_INVALID_INTRCOOKIE;

	status = nrefedu_pci_init(a);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "not an edu device we can use: %s",
			    vmk_StatusToString(status));
		goto fail;
	}
	status = vmk_PCIMapIOResource(vmk_ModuleCurrentID, a->pciDevice,
				      EDU_BAR, NULL, &a->bar);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "%s: vmk_PCIMapIOResource failed: %s",
			    vmk_NameToString(&a->pciName),
			    vmk_StatusToString(status));
		goto fail;
	}
	a->barMapped = VMK_TRUE;
	status = nrefedu_hw_check(a);
	if (status != VMK_OK)
		goto fail;
	status = nrefedu_dma_engine_create(a);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "%s: vmk_DMAEngineCreate failed: %s",
			    vmk_NameToString(&a->pciName),
			    vmk_StatusToString(status));
		a->dmaEngine = VMK_DMA_ENGINE_INVALID;
		goto fail;
	}
	status = nrefedu_lock_create(a);
	if (status != VMK_OK) {
		a->lock = NULL;
		goto fail;
	}
	status = nrefedu_intr_setup(a);
	if (status != VMK_OK)
		goto fail;
	status = vmk_DeviceSetAttachedDriverData(device, a);
	if (status != VMK_OK)
		goto fail;

	vmk_Log(nrefedu.log, "%s: attached (%s interrupt)",
		vmk_NameToString(&a->pciName),
		a->intrType == VMK_PCI_INTERRUPT_TYPE_MSI ? "MSI" : "INTx");
	nrefedu_log_device_id(device);
	return VMK_OK;

fail:
	/* Not claimed: leave the device as we found it. */
	nrefedu_release(a);
	return status;
}

static VMK_ReturnStatus nrefedu_start(vmk_Device device)
{
	struct nrefedu_adapter *a = nrefedu_adapter_of(device);
	vmk_uint32 fact = 0;
	VMK_ReturnStatus status;

	if (!a)
		return VMK_FAILURE;
	if (a->gone)
		return VMK_NO_SUCH_DEVICE;
	status = vmk_IntrEnable(a->intrCookie);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_IntrEnable failed: %s",
			    vmk_StatusToString(status));
		return status;
	}
	a->intrEnabled = VMK_TRUE;

	status = nrefedu_test_factorial(a, &fact);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "selftest: factorial(%u) = %u: %s",
			    NREFEDU_FACT_INPUT, fact,
			    vmk_StatusToString(status));
		goto fail;
	}
	status = nrefedu_test_dma(a);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "selftest: DMA round trip failed: %s",
			    vmk_StatusToString(status));
		goto fail;
	}
	/* Plain message (no component prefix), so tests can match it whole. */
	vmk_LogMessage("%s: selftest ok factorial=%u dma=ok", NREFEDU_NAME,
		       fact);
	vmk_Log(nrefedu.log, "%s: started, %llu interrupts so far",
		vmk_NameToString(&a->pciName),
		(unsigned long long)a->intrCount);
	return VMK_OK;

fail:
	/* Back to quiescent. */
	nrefedu_intr_stop(a);
	return status;
}

static VMK_ReturnStatus nrefedu_scan(vmk_Device device)
{
	struct nrefedu_adapter *a = nrefedu_adapter_of(device);
	struct nrefedu_child *cd;
	vmk_Name busName;
	vmk_DeviceID devID;
	vmk_DeviceProps props;
	VMK_ReturnStatus status;

	if (!a)
		return VMK_FAILURE;
	if (a->child)
		return VMK_OK;	/* rescan: nothing new behind an edu */

	cd = vmk_HeapAlloc(nrefedu.heap, sizeof(*cd));
	if (!cd)
		return VMK_NO_MEMORY;
	vmk_Memset(cd, 0, sizeof(*cd));
	cd->adapter = a;
	vmk_NameFormat(&cd->name, "%s-selftest", vmk_NameToString(&a->pciName));

	vmk_NameInitialize(&busName, VMK_LOGICAL_BUS_NAME);
	status = vmk_BusTypeFind(&busName, &devID.busType);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_BusTypeFind(logical) failed: %s",
			    vmk_StatusToString(status));
		goto free_cd;
	}
	status = vmk_LogicalCreateBusAddress(nrefedu.driver, device,
					     NREFEDU_CHILD_PORT,
					     &devID.busAddress,
					     &devID.busAddressLen);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_LogicalCreateBusAddress failed: %s",
			    vmk_StatusToString(status));
		goto release_bus;
	}
	devID.busIdentifier = NREFEDU_CHILD_IDENTIFIER;
	devID.busIdentifierLen = sizeof(NREFEDU_CHILD_IDENTIFIER) - 1;

	vmk_Memset(&props, 0, sizeof(props));
	props.registeringDriver = nrefedu.driver;
	props.deviceID = &devID;
	props.deviceOps = &nrefedu_child_ops;
	props.registeringDriverData.ptr = cd;
	props.registrationData.ptr = cd;
	status = vmk_DeviceRegister(&props, device, &a->child);
	if (status == VMK_OK) {
		a->childData = cd;
		vmk_Log(nrefedu.log, "logical child %s registered at %s",
			vmk_NameToString(&cd->name), devID.busAddress);
	} else {
		a->child = NULL;
		vmk_Warning(nrefedu.log, "vmk_DeviceRegister failed: %s",
			    vmk_StatusToString(status));
	}
	vmk_LogicalFreeBusAddress(nrefedu.driver, devID.busAddress);
release_bus:
	vmk_BusTypeRelease(devID.busType);
free_cd:
	if (status != VMK_OK)
		vmk_HeapFree(nrefedu.heap, cd);
	return status;
}

static VMK_ReturnStatus nrefedu_quiesce(vmk_Device device)
{
	struct nrefedu_adapter *a = nrefedu_adapter_of(device);

	if (!a)
		return VMK_FAILURE;
	/* The self-test is synchronous: nothing is in flight but interrupts. */
	nrefedu_intr_stop(a);
	if (!a->gone)
		edu_write32(a, EDU_REG_STATUS, 0);
	vmk_Log(nrefedu.log, "%s: quiesced", vmk_NameToString(&a->pciName));
	return VMK_OK;
}

static VMK_ReturnStatus nrefedu_detach(vmk_Device device)
{
	struct nrefedu_adapter *a = nrefedu_adapter_of(device);

	if (!a)
		return VMK_FAILURE;
	vmk_Log(nrefedu.log, "%s: detached after %llu interrupts",
		vmk_NameToString(&a->pciName),
		(unsigned long long)a->intrCount);
	nrefedu_release(a);
	return VMK_OK;
}

static void nrefedu_forget(vmk_Device device)
{
	struct nrefedu_adapter *a = nrefedu_adapter_of(device);

	if (!a)
		return;
	a->gone = VMK_TRUE;
	vmk_Warning(nrefedu.log, "%s: device gone", vmk_NameToString(&a->pciName));
}

#ifdef VMK_PCI_ANY_ID
/*
 * vmkapi-linux only: the PCI IDs this driver drives, declared in C (on
 * ESXi the device map file, nrefedu.map here, does this job).
 */
static const vmk_PCIDeviceMatch nrefedu_pci_ids[] = {
	VMK_PCI_DEVICE_MATCH(EDU_VENDOR_ID, EDU_DEVICE_ID),
	{ .vendorID = 0 },
};
#endif

static vmk_DriverOps nrefedu_ops = {
	.attachDevice = nrefedu_attach,
	.scanDevice = nrefedu_scan,
	.detachDevice = nrefedu_detach,
	.quiesceDevice = nrefedu_quiesce,
	.startDevice = nrefedu_start,
	.forgetDevice = nrefedu_forget,
};

/* ---- module ---------------------------------------------------------------- */

#define NREFEDU_HEAP_DESCS	6

static VMK_ReturnStatus nrefedu_heap_create(void)
{
	vmk_HeapAllocationDescriptor desc[NREFEDU_HEAP_DESCS] = {
		{ .size = vmk_LogHeapAllocSize(), .alignment = 0, .count = 1 },
		{ .size = sizeof(struct nrefedu_adapter), .alignment = 0,
		  .count = 4 },
		{ .size = sizeof(struct nrefedu_child), .alignment = 0,
		  .count = 4 },
		{ .size = vmk_SpinlockAllocSize(VMK_SPINLOCK), .alignment = 0,
		  .count = 4 },
		/* Two SG arrays in and two out per self-test. */
		{ .size = vmk_SgComputeAllocSize(1), .alignment = 0,
		  .count = 8 },
		/* The blocks set aside while looking for DMA pages. */
		{ .size = NREFEDU_DMA_TRIES * sizeof(vmk_MpnRange),
		  .alignment = 0, .count = 4 },
	};
	vmk_HeapCreateProps props;
	vmk_ByteCount max;
	VMK_ReturnStatus status;

	status = vmk_HeapDetermineMaxSize(desc, NREFEDU_HEAP_DESCS, &max);
	if (status != VMK_OK)
		return status;
	vmk_Memset(&props, 0, sizeof(props));
	props.type = VMK_HEAP_TYPE_SIMPLE;
	vmk_NameInitialize(&props.name, NREFEDU_NAME);
	props.module = vmk_ModuleCurrentID;
	props.initial = 0;
	props.max = max + max / 5 + NREFEDU_HEAP_SLACK;
	props.creationTimeoutMS = VMK_TIMEOUT_UNLIMITED_MS;
	status = vmk_HeapCreate(&props, &nrefedu.heap);
	if (status != VMK_OK)
		return status;
	vmk_ModuleSetHeapID(vmk_ModuleCurrentID, nrefedu.heap);
	if (vmk_ModuleGetHeapID(vmk_ModuleCurrentID) != nrefedu.heap) {
		vmk_HeapDestroy(nrefedu.heap);
		return VMK_FAILURE;
	}
	return VMK_OK;
}

/* The module's default heap is disowned before it goes. */
static void nrefedu_heap_destroy(void)
{
	vmk_ModuleSetHeapID(vmk_ModuleCurrentID, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(nrefedu.heap);
}

static VMK_ReturnStatus nrefedu_log_create(void)
{
	vmk_LogProperties props;

	vmk_Memset(&props, 0, sizeof(props));
	vmk_NameInitialize(&props.name, NREFEDU_NAME);
	props.module = vmk_ModuleCurrentID;
	props.heap = nrefedu.heap;
	props.defaultLevel = 0;
	props.throttle = NULL;
	return vmk_LogRegister(&props, &nrefedu.log);
}

static VMK_ReturnStatus nrefedu_mempool_create(void)
{
	vmk_MemPoolProps props;

	vmk_Memset(&props, 0, sizeof(props));
	vmk_NameInitialize(&props.name, NREFEDU_NAME);
	props.module = vmk_ModuleCurrentID;
	props.parentMemPool = VMK_MEMPOOL_INVALID;
	props.memPoolType = VMK_MEM_POOL_LEAF;
	props.resourceProps.reservation = 0;
	props.resourceProps.limit = 0;
	return vmk_MemPoolCreate(&props, &nrefedu.memPool);
}

static VMK_ReturnStatus nrefedu_driver_register(void)
{
	vmk_DriverProps props;

	vmk_Memset(&props, 0, sizeof(props));
	props.moduleID = vmk_ModuleCurrentID;
	vmk_NameCopy(&props.name, &nrefedu.driverName);
	props.ops = &nrefedu_ops;
	props.privateData.ptr = NULL;
	return vmk_DriverRegister(&props, &nrefedu.driver);
}

int init_module(void)
{
	VMK_ReturnStatus status;

	vmk_NameInitialize(&nrefedu.driverName, NREFEDU_NAME);
	status = nrefedu_heap_create();
	if (status != VMK_OK) {
		vmk_WarningMessage("%s: heap: %s", NREFEDU_NAME,
				   vmk_StatusToString(status));
		return status;
	}
	status = nrefedu_log_create();
	if (status != VMK_OK) {
		vmk_WarningMessage("%s: log component: %s", NREFEDU_NAME,
				   vmk_StatusToString(status));
		goto err_heap;
	}
	status = nrefedu_mempool_create();
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_MemPoolCreate failed: %s",
			    vmk_StatusToString(status));
		goto err_log;
	}
	status = vmk_SgCreateOpsHandle(nrefedu.heap, &nrefedu.sgOps, NULL, NULL);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_SgCreateOpsHandle failed: %s",
			    vmk_StatusToString(status));
		goto err_mempool;
	}
	status = nrefedu_driver_register();
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_DriverRegister failed: %s",
			    vmk_StatusToString(status));
		goto err_sgops;
	}
#ifdef VMK_PCI_ANY_ID
	status = vmk_PCIDriverAddIDs(nrefedu.driver, nrefedu_pci_ids);
	if (status != VMK_OK) {
		vmk_Warning(nrefedu.log, "vmk_PCIDriverAddIDs failed: %s",
			    vmk_StatusToString(status));
		goto err_driver;
	}
#endif
	vmk_Log(nrefedu.log, "loaded");
	return 0;

#ifdef VMK_PCI_ANY_ID
err_driver:
	vmk_DriverUnregister(nrefedu.driver);
#endif
err_sgops:
	vmk_SgDestroyOpsHandle(nrefedu.sgOps);
err_mempool:
	vmk_MemPoolDestroy(nrefedu.memPool);
err_log:
	vmk_LogUnregister(nrefedu.log);
err_heap:
	nrefedu_heap_destroy();
	return status;
}

void cleanup_module(void)
{
	/* Devices are quiesced, their children removed and they detached. */
	vmk_DriverUnregister(nrefedu.driver);
	vmk_SgDestroyOpsHandle(nrefedu.sgOps);
	vmk_MemPoolDestroy(nrefedu.memPool);
	vmk_Log(nrefedu.log, "unloaded");
	vmk_LogUnregister(nrefedu.log);
	nrefedu_heap_destroy();
}
