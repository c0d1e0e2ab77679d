// SPDX-License-Identifier: GPL-2.0
/*
 * nedu: the edu device's registers, and the two things it can do - a
 * factorial and a DMA to or from its buffer - each ending with an
 * interrupt that wakes the world waiting for it.
 */
#include "nedu.h"

/*
 * 2.3 drivers reach a memory BAR through the mapped address directly.
 * Register accesses must happen exactly as written, hence the volatile
 * pointers (spelled as vmkapi_atomic.h spells it); the mapping is
 * uncached, and the fences order register writes after the CPU's own
 * buffer writes (DMA) and reads of results after the interrupt that
 * announced them.
 */
static inline vmk_uint32 nedu_read32(struct nedu_adapter *adapter,
				     vmk_uint32 reg)
{
	vmk_uint32 val = *(__volatile__ vmk_uint32 *)(adapter->bar0 + reg);

	vmk_CPUMemFenceRead();
	return val;
}

static inline void nedu_write32(struct nedu_adapter *adapter, vmk_uint32 reg,
				vmk_uint32 val)
{
	vmk_CPUMemFenceWrite();
	*(__volatile__ vmk_uint32 *)(adapter->bar0 + reg) = val;
}

/* Registers from 0x80 take 64-bit accesses (the DMA addresses). */
static inline void nedu_write64(struct nedu_adapter *adapter, vmk_uint32 reg,
				vmk_uint64 val)
{
	vmk_CPUMemFenceWrite();
	*(__volatile__ vmk_uint64 *)(adapter->bar0 + reg) = val;
}

/*
 * Is this an edu we understand, and does it answer?  The identification
 * register carries a magic byte and the version; the liveness register
 * returns the inverse of what was written, which a stuck bus (all ones)
 * or an unmapped BAR cannot fake.
 */
#define NEDU_LIVENESS_PATTERNS	3

VMK_ReturnStatus nedu_hw_probe(struct nedu_adapter *adapter)
{
	static const vmk_uint32 patterns[NEDU_LIVENESS_PATTERNS] = {
		0x12345678, 0xa5a5a5a5, 0
	};
	vmk_uint32 i, back;

	adapter->id = nedu_read32(adapter, NEDU_REG_ID);
	if ((adapter->id & NEDU_ID_MAGIC_MASK) != NEDU_ID_MAGIC) {
		vmk_Warning(nedu_log, "%s: identification 0x%08x is not an edu",
			    adapter->name.string, adapter->id);
		return VMK_NOT_SUPPORTED;
	}
	for (i = 0; i < NEDU_LIVENESS_PATTERNS; i++) {
		nedu_write32(adapter, NEDU_REG_LIVENESS, patterns[i]);
		back = nedu_read32(adapter, NEDU_REG_LIVENESS);
		if (back != ~patterns[i]) {
			vmk_Warning(nedu_log, "%s: liveness check: wrote 0x%08x, read 0x%08x",
				    adapter->name.string, patterns[i], back);
			return VMK_IO_ERROR;
		}
	}
	return VMK_OK;
}

/*
 * Poll a register until @mask clears.  Only used to make sure the device
 * is idle before a new operation (an earlier one may have been abandoned
 * by a process that got a signal) and before it is stopped: the device
 * finishes on its own, it cannot be cancelled.
 */
static VMK_ReturnStatus nedu_wait_idle(struct nedu_adapter *adapter,
				       vmk_uint32 reg, vmk_uint32 mask)
{
	vmk_uint32 waited_ms;

	for (waited_ms = 0; waited_ms < NEDU_TIMEOUT_MS; waited_ms++) {
		if (!(nedu_read32(adapter, reg) & mask))
			return VMK_OK;
		vmk_WorldSleep(1000);
	}
	vmk_Warning(nedu_log, "%s: register 0x%x stays busy (0x%x)",
		    adapter->name.string, reg, nedu_read32(adapter, reg));
	return VMK_TIMEOUT;
}

/* Interrupts from the device: only the factorial's needs enabling. */
void nedu_hw_start(struct nedu_adapter *adapter)
{
	nedu_write32(adapter, NEDU_REG_STATUS, NEDU_STATUS_IRQ_FACT);
}

/*
 * Quiet the device: no new interrupt causes, nothing in flight.  The
 * interrupt itself is disabled and synchronised by the caller.
 */
void nedu_hw_stop(struct nedu_adapter *adapter)
{
	if (adapter->gone)
		return;
	nedu_write32(adapter, NEDU_REG_STATUS, 0);
	nedu_wait_idle(adapter, NEDU_REG_STATUS, NEDU_STATUS_COMPUTING);
	nedu_wait_idle(adapter, NEDU_REG_DMA_CMD, NEDU_DMA_CMD_START);
	nedu_write32(adapter, NEDU_REG_INTR_ACK,
		     nedu_read32(adapter, NEDU_REG_INTR_STATUS));
}

/*
 * The acknowledge runs in hard interrupt context: a few register
 * accesses, no lock, no wakeup.  The causes are written back to the
 * device at once (the device keeps interrupting until they are), and
 * handed to the handler through an atomic.  No cause means the raise
 * was not this device's (a shared INTx line, or a stale MSI).
 */
VMK_ReturnStatus nedu_intr_ack(void *data, vmk_IntrCookie cookie)
{
	struct nedu_adapter *adapter = data;
	vmk_uint32 causes;

	causes = nedu_read32(adapter, NEDU_REG_INTR_STATUS);
	if (!causes) {
		vmk_AtomicInc64(&adapter->not_ours);
		return VMK_NOT_THIS_DEVICE;
	}
	nedu_write32(adapter, NEDU_REG_INTR_ACK, causes);
	vmk_AtomicOr64(&adapter->acked_causes, causes);
	vmk_AtomicInc64(&adapter->interrupts);
	return VMK_OK;
}

/*
 * The handler may take spinlocks but not block: publish the causes to
 * whoever waits for them, under the lock they sleep with, and wake them.
 */
void nedu_intr_handler(void *data, vmk_IntrCookie cookie)
{
	struct nedu_adapter *adapter = data;
	vmk_uint32 causes;

	causes = (vmk_uint32)vmk_AtomicReadWrite64(&adapter->acked_causes, 0);
	if (!causes)
		return;
	vmk_SpinlockLock(adapter->lock);
	adapter->done_causes |= causes;
	vmk_SpinlockUnlock(adapter->lock);
	vmk_WorldWakeup((vmk_WorldEventID)&adapter->done_causes);
}

/* Forget an old completion of @cause before starting a new operation. */
static void nedu_clear_cause(struct nedu_adapter *adapter, vmk_uint32 cause)
{
	vmk_SpinlockLock(adapter->lock);
	adapter->done_causes &= ~cause;
	vmk_SpinlockUnlock(adapter->lock);
}

/*
 * Sleep until the handler reports @cause.  vmk_WorldWait gives up the
 * lock while sleeping and returns without it; wakeups can be for other
 * causes, so check again each time.  A signal to the calling process
 * ends the wait (VMK_WAIT_INTERRUPTED) like a timeout does.
 */
static VMK_ReturnStatus nedu_wait_cause(struct nedu_adapter *adapter,
					vmk_uint32 cause)
{
	VMK_ReturnStatus status;

	for (;;) {
		status = vmk_SpinlockLock(adapter->lock);
		if (status != VMK_OK)
			return status;
		if (adapter->done_causes & cause) {
			adapter->done_causes &= ~cause;
			vmk_SpinlockUnlock(adapter->lock);
			return VMK_OK;
		}
		status = vmk_WorldWait((vmk_WorldEventID)&adapter->done_causes,
				       adapter->lock, NEDU_TIMEOUT_MS,
				       "nedu: waiting for the device");
		if (status == VMK_TIMEOUT)
			vmk_AtomicInc64(&adapter->timeouts);
		if (status != VMK_OK)
			return status;
	}
}

VMK_ReturnStatus nedu_factorial(struct nedu_adapter *adapter, vmk_uint32 n,
				vmk_uint32 *result)
{
	VMK_ReturnStatus status;

	/* The device ignores a new number while it is computing. */
	status = nedu_wait_idle(adapter, NEDU_REG_STATUS,
				NEDU_STATUS_COMPUTING);
	if (status != VMK_OK)
		return status;
	nedu_clear_cause(adapter, NEDU_INTR_FACT);
	nedu_write32(adapter, NEDU_REG_FACTORIAL, n);
	status = nedu_wait_cause(adapter, NEDU_INTR_FACT);
	if (status != VMK_OK)
		return status;
	*result = nedu_read32(adapter, NEDU_REG_FACTORIAL);
	vmk_AtomicInc64(&adapter->factorials);
	return VMK_OK;
}

/*
 * One DMA between dma_buf and the device's buffer, mapped for just this
 * transfer: map (which flushes for the direction), program, wait for the
 * interrupt, unmap (which flushes again for the CPU).  The arrays come
 * from the driver's own SG ops handle, so their memory is the driver's.
 */
static VMK_ReturnStatus nedu_dma_transfer(struct nedu_adapter *adapter,
					  vmk_DMADirection direction,
					  vmk_uint32 len)
{
	vmk_SgArray *sg_ma, *sg_io;
	vmk_DMAMapErrorInfo err;
	VMK_ReturnStatus status;
	vmk_IOA ioa;
	vmk_uint32 cmd = NEDU_DMA_CMD_START | NEDU_DMA_CMD_IRQ;

	status = nedu_wait_idle(adapter, NEDU_REG_DMA_CMD, NEDU_DMA_CMD_START);
	if (status != VMK_OK)
		return status;
	status = vmk_SgAllocWithInit(adapter->sg_ops, &sg_ma, adapter->dma_buf,
				     len);
	if (status != VMK_OK)
		return status;
	status = vmk_DMAMapSg(adapter->dma_engine, direction, adapter->sg_ops,
			      sg_ma, &sg_io, &err);
	if (status != VMK_OK) {
		vmk_Warning(nedu_log, "%s: DMA mapping failed: %s (%s)",
			    adapter->name.string, vmk_StatusToString(status),
			    status == VMK_DMA_MAPPING_FAILED ?
			    vmk_DMAMapErrorReasonToString(err.reason) : "-");
		goto out_free;
	}
	/* The engine allows one element: dma_buf is one contiguous page. */
	ioa = sg_io->elem[0].ioAddr;

	nedu_clear_cause(adapter, NEDU_INTR_DMA);
	if (direction == VMK_DMA_DIRECTION_FROM_MEMORY) {
		nedu_write64(adapter, NEDU_REG_DMA_SRC, ioa);
		nedu_write64(adapter, NEDU_REG_DMA_DST, NEDU_DEV_BUFFER);
	} else {
		nedu_write64(adapter, NEDU_REG_DMA_SRC, NEDU_DEV_BUFFER);
		nedu_write64(adapter, NEDU_REG_DMA_DST, ioa);
		cmd |= NEDU_DMA_CMD_TO_RAM;
	}
	nedu_write64(adapter, NEDU_REG_DMA_COUNT, len);
	nedu_write64(adapter, NEDU_REG_DMA_CMD, cmd);
	status = nedu_wait_cause(adapter, NEDU_INTR_DMA);
	if (status != VMK_OK) {
		/* The device may still write: let it finish before unmapping. */
		nedu_wait_idle(adapter, NEDU_REG_DMA_CMD, NEDU_DMA_CMD_START);
	} else {
		vmk_AtomicInc64(&adapter->dma_transfers);
	}
	vmk_DMAUnmapSg(adapter->dma_engine, direction, adapter->sg_ops, sg_io);
out_free:
	vmk_SgFree(adapter->sg_ops, sg_ma);
	return status;
}

/*
 * User data to the device and back: copy in, DMA to the device, wipe
 * the buffer (so what comes back can only be what the device returns),
 * DMA back, copy out.  The caller holds op_sema.
 */
VMK_ReturnStatus nedu_dma_round_trip(struct nedu_adapter *adapter,
				     vmk_VA user_src, vmk_VA user_dst,
				     vmk_uint32 len)
{
	VMK_ReturnStatus status;

	if (!adapter->dma_buf)
		return VMK_NOT_SUPPORTED;
	if (len == 0 || len > NEDU_DMA_MAX)
		return VMK_BAD_PARAM;
	status = vmk_CopyFromUser((vmk_VA)adapter->dma_buf, user_src, len);
	if (status != VMK_OK)
		return status;
	status = nedu_dma_transfer(adapter, VMK_DMA_DIRECTION_FROM_MEMORY, len);
	if (status != VMK_OK)
		return status;
	__builtin_memset(adapter->dma_buf, 0, len);
	status = nedu_dma_transfer(adapter, VMK_DMA_DIRECTION_TO_MEMORY, len);
	if (status != VMK_OK)
		return status;
	return vmk_CopyToUser(user_dst, (vmk_VA)adapter->dma_buf, len);
}

/*
 * The DMA engine describes what edu's DMA unit can do: 28 address bits,
 * one element within its 4 KB buffer per transfer.  Its buffer must
 * lie below 256 MB then; 2.3 offers no allocation with that constraint
 * (vmk_DMAGetAllocAddrConstraint stops at 2 GB), so the driver checks
 * the machine address of what it got and tries again (up to
 * NEDU_DMA_BUF_TRIES pages), keeping the rejects until it is done so it
 * is not handed them again.
 * Without such a buffer the device still computes factorials; the DMA
 * ioctl then fails with VMK_NOT_SUPPORTED.
 */
VMK_ReturnStatus nedu_dma_setup(struct nedu_adapter *adapter)
{
	vmk_DMAConstraints constraints = {
		.addressMask = NEDU_DMA_ADDRESS_MASK,
		.maxTransfer = NEDU_DMA_MAX,
		.sgMaxEntries = 1,
		.sgElemMaxSize = NEDU_DEV_BUFFER_SIZE,
		.sgElemSizeMult = 0,
		.sgElemAlignment = 0,
		.sgElemStraddle = 0,
	};
	vmk_DMAEngineProps props = {
		.module = nedu_module,
		.flags = VMK_DMA_ENGINE_FLAGS_NONE,
		.device = adapter->device,
		.constraints = &constraints,
		.bounce = NULL,
	};
	void **rejects;
	VMK_ReturnStatus status;
	vmk_uint32 tries, i;
	vmk_MA ma;

	vmk_NameFormat(&props.name, "nedu-%s", adapter->name.string);
	status = vmk_DMAEngineCreate(&props, &adapter->dma_engine);
	if (status != VMK_OK)
		return status;
	status = vmk_SgCreateOpsHandle(nedu_heap, &adapter->sg_ops, NULL, NULL);
	if (status != VMK_OK)
		goto err_engine;

	rejects = vmk_HeapAlloc(nedu_heap,
				NEDU_DMA_BUF_TRIES * sizeof(*rejects));
	if (!rejects) {
		status = VMK_NO_MEMORY;
		goto err_sg;
	}
	for (tries = 0; tries < NEDU_DMA_BUF_TRIES; tries++) {
		/* Page aligned: one page, so one element. */
		rejects[tries] = vmk_HeapAlign(nedu_heap, NEDU_DEV_BUFFER_SIZE,
					       NEDU_DEV_BUFFER_SIZE);
		if (!rejects[tries])
			break;
		if (vmk_VA2MA((vmk_VA)rejects[tries], NEDU_DEV_BUFFER_SIZE,
			      &ma) == VMK_OK &&
		    ma + NEDU_DEV_BUFFER_SIZE - 1 <= NEDU_DMA_ADDRESS_MASK) {
			adapter->dma_buf = rejects[tries];
			break;
		}
	}
	for (i = 0; i < tries; i++)
		vmk_HeapFree(nedu_heap, rejects[i]);
	vmk_HeapFree(nedu_heap, rejects);
	if (!adapter->dma_buf)
		vmk_Warning(nedu_log, "%s: no memory below 256 MB for the DMA buffer; DMA disabled",
			    adapter->name.string);
	return VMK_OK;

err_sg:
	vmk_SgDestroyOpsHandle(adapter->sg_ops);
	adapter->sg_ops = NULL;
err_engine:
	vmk_DMAEngineDestroy(adapter->dma_engine);
	adapter->dma_engine = VMK_DMA_ENGINE_INVALID;
	return status;
}

void nedu_dma_teardown(struct nedu_adapter *adapter)
{
	if (adapter->dma_buf) {
		vmk_HeapFree(nedu_heap, adapter->dma_buf);
		adapter->dma_buf = NULL;
	}
	if (adapter->sg_ops) {
		vmk_SgDestroyOpsHandle(adapter->sg_ops);
		adapter->sg_ops = NULL;
	}
	if (adapter->dma_engine != VMK_DMA_ENGINE_INVALID) {
		vmk_DMAEngineDestroy(adapter->dma_engine);
		adapter->dma_engine = VMK_DMA_ENGINE_INVALID;
	}
}
