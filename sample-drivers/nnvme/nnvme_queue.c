// SPDX-License-Identifier: GPL-2.0
/*
 * nnvme: queue pairs.
 *
 * Each pair (the admin queue is pair 0) has its two rings in physically
 * contiguous pages mapped with the lax queue engine, one MSI-X vector,
 * and one lock that covers the SQ tail, the CQ head and phase, and the
 * command slots.  One lock rather than an SQ and a CQ lock: the slot a
 * completion frees is the one the next submission takes, and at the
 * queue depths that matter the two paths meet on it anyway.
 *
 * A queue of depth entries has depth - 1 command slots: a slot is free
 * only after its CQE was reaped, which the controller posts only after
 * it fetched the SQE, so the SQ can never overflow and needs no head
 * tracking.
 *
 * Interrupts: the acknowledge returns VMK_OK and does nothing else (an
 * MSI-X message needs no acknowledgement at the device, and the
 * interrupt layer keeps the vector masked until the handler has run);
 * the handler reaps the CQ.
 */
#include "nnvme.h"

/* Completions handed to done() per lock hold. */
#define NNVME_REAP_BATCH	32

VMK_ReturnStatus nnvme_dma_mem_alloc(struct nnvme_ctrl *ctrl,
				     struct nnvme_dma_mem *mem,
				     vmk_ByteCount bytes)
{
	vmk_uint32 pages = (bytes + VMK_PAGE_SIZE - 1) / VMK_PAGE_SIZE;
	vmk_MemPoolAllocProps props = {
		.physContiguity = VMK_MEM_PHYS_CONTIGUOUS,
		.physRange = VMK_PHYS_ADDR_ANY,
		.creationTimeoutMS = VMK_TIMEOUT_UNLIMITED_MS,
	};
	vmk_MemPoolAllocRequest req = {
		.numPages = pages,
		.numElements = 1,
		.mpnRanges = &mem->range,
	};
	/* x86 DMA is cache coherent: ordinary write-back mappings. */
	vmk_MapRequest map = {
		.mapType = VMK_MAPTYPE_DEFAULT,
		.mapAttrs = VMK_MAPATTRS_READWRITE,
		.numElements = 1,
		.mpnRanges = &mem->range,
	};
	vmk_DMAMapErrorInfo err;
	vmk_SgElem ma;
	VMK_ReturnStatus status;

	status = vmk_DMAGetAllocAddrConstraint(ctrl->queue_engine,
					       &props.physRange);
	if (status == VMK_OK)
		status = vmk_MemPoolAlloc(nnvme_mempool, &props, &req);
	if (status != VMK_OK)
		return status;
	status = vmk_Map(nnvme_module, &map, &mem->va);
	if (status != VMK_OK) {
		vmk_MemPoolFree(&req);
		mem->va = 0;
		return status;
	}
	ma.addr = vmk_MPN2MA(mem->range.startMPN);
	ma.length = pages * VMK_PAGE_SIZE;
	ma.reserved = 0;
	status = vmk_DMAMapElem(ctrl->queue_engine,
				VMK_DMA_DIRECTION_BIDIRECTIONAL, &ma, VMK_TRUE,
				&mem->io, &err);
	if (status != VMK_OK) {
		vmk_Unmap(mem->va);
		vmk_MemPoolFree(&req);
		mem->va = 0;
		return status;
	}
	vmk_Memset((void *)mem->va, 0, ma.length);
	mem->bytes = ma.length;
	return VMK_OK;
}

void nnvme_dma_mem_free(struct nnvme_ctrl *ctrl, struct nnvme_dma_mem *mem)
{
	vmk_MemPoolAllocRequest req = {
		.numPages = mem->range.numPages,
		.numElements = 1,
		.mpnRanges = &mem->range,
	};

	if (!mem->va)
		return;
	vmk_DMAUnmapElem(ctrl->queue_engine, VMK_DMA_DIRECTION_BIDIRECTIONAL,
			 &mem->io);
	vmk_Unmap(mem->va);
	vmk_MemPoolFree(&req);
	mem->va = 0;
}

/* Empty rings, every slot free; the controller must not own the queue. */
void nnvme_queue_reset(struct nnvme_queue *q)
{
	vmk_uint16 i;

	vmk_Memset((void *)q->sq_mem.va, 0, q->sq_mem.bytes);
	vmk_Memset((void *)q->cq_mem.va, 0, q->cq_mem.bytes);
	q->sq_tail = 0;
	q->cq_head = 0;
	q->cq_phase = 1;
	q->bounce_owner = NULL;
	q->nfree = 0;
	for (i = q->depth - 1; i > 0; i--)
		q->free[q->nfree++] = i - 1;
	for (i = 0; i < q->depth - 1; i++)
		q->cmds[i].busy = VMK_FALSE;
}

VMK_ReturnStatus nnvme_queue_alloc(struct nnvme_ctrl *ctrl,
				   struct nnvme_queue *q, vmk_uint16 qid,
				   vmk_uint16 depth, vmk_uint16 vector)
{
	vmk_SpinlockCreateProps lprops = {
		.moduleID = nnvme_module,
		.heapID = nnvme_heap,
		.type = VMK_SPINLOCK,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};
	vmk_uint32 slots = depth - 1;
	VMK_ReturnStatus status;
	vmk_uint32 i;

	q->ctrl = ctrl;
	q->qid = qid;
	q->depth = depth;
	q->vector = vector;
	q->sq_db = NVME_REG_DBS + (2 * qid) * ctrl->db_stride;
	q->cq_db = NVME_REG_DBS + (2 * qid + 1) * ctrl->db_stride;
	q->intr = VMK_INVALID_INTRCOOKIE;

	if (nnvme_attach_step(ctrl, "q%u command slots", qid) == VMK_OK) {
		q->cmds = vmk_HeapAlloc(nnvme_heap, slots * sizeof(*q->cmds));
		q->free = vmk_HeapAlloc(nnvme_heap, slots * sizeof(*q->free));
	}
	if (!q->cmds || !q->free) {
		status = VMK_NO_MEMORY;
		goto fail;
	}
	vmk_Memset(q->cmds, 0, slots * sizeof(*q->cmds));
	status = nnvme_attach_step(ctrl, "q%u SQ memory", qid) ?:
		 nnvme_dma_mem_alloc(ctrl, &q->sq_mem,
				     depth * sizeof(struct nvme_sqe));
	if (status != VMK_OK)
		goto fail;
	status = nnvme_attach_step(ctrl, "q%u CQ memory", qid) ?:
		 nnvme_dma_mem_alloc(ctrl, &q->cq_mem,
				     depth * sizeof(struct nvme_cqe));
	if (status != VMK_OK)
		goto fail;
	q->sq = (struct nvme_sqe *)q->sq_mem.va;
	q->cq = (struct nvme_cqe *)q->cq_mem.va;
	if (qid) {
		/* A PRP list of NNVME_PRP_LIST_BYTES per slot, preallocated. */
		status = nnvme_attach_step(ctrl, "q%u PRP lists", qid) ?:
			 nnvme_dma_mem_alloc(ctrl, &q->prp_mem,
					     slots * NNVME_PRP_LIST_BYTES);
		if (status != VMK_OK)
			goto fail;
		status = nnvme_attach_step(ctrl, "q%u bounce buffer", qid) ?:
			 nnvme_dma_mem_alloc(ctrl, &q->bounce,
					     NNVME_MAX_XFER);
		if (status != VMK_OK)
			goto fail;
		for (i = 0; i < slots; i++) {
			q->cmds[i].prp_list = (vmk_uint64 *)(q->prp_mem.va +
					      i * NNVME_PRP_LIST_BYTES);
			q->cmds[i].prp_list_ioa = q->prp_mem.io.ioAddr +
						  i * NNVME_PRP_LIST_BYTES;
		}
	}
	vmk_NameFormat(&lprops.name, "nnvme-q%u", qid);
	status = nnvme_attach_step(ctrl, "q%u lock", qid) ?:
		 vmk_SpinlockCreate(&lprops, &q->lock);
	if (status != VMK_OK)
		goto fail;
	nnvme_queue_reset(q);
	return VMK_OK;

fail:
	nnvme_queue_free(ctrl, q);
	return status;
}

void nnvme_queue_free(struct nnvme_ctrl *ctrl, struct nnvme_queue *q)
{
	if (q->lock) {
		vmk_SpinlockDestroy(q->lock);
		q->lock = NULL;
	}
	nnvme_dma_mem_free(ctrl, &q->bounce);
	nnvme_dma_mem_free(ctrl, &q->prp_mem);
	nnvme_dma_mem_free(ctrl, &q->cq_mem);
	nnvme_dma_mem_free(ctrl, &q->sq_mem);
	if (q->free)
		vmk_HeapFree(nnvme_heap, q->free);
	if (q->cmds)
		vmk_HeapFree(nnvme_heap, q->cmds);
	q->free = NULL;
	q->cmds = NULL;
	q->depth = 0;
}

/* A free slot with a fresh command ID, or NULL.  Under q->lock. */
struct nnvme_cmd *nnvme_cmd_get(struct nnvme_queue *q)
{
	struct nnvme_cmd *c;
	vmk_uint16 slot;

	if (!q->nfree)
		return NULL;
	slot = q->free[--q->nfree];
	c = &q->cmds[slot];
	c->gen++;
	c->cid = slot | (vmk_uint16)c->gen << NNVME_CID_SLOT_BITS;
	c->busy = VMK_TRUE;
	c->abort_sent = VMK_FALSE;
	c->bounced = VMK_FALSE;
	c->done = VMK_FALSE;
	c->scsi = NULL;
	return c;
}

/* Under q->lock. */
void nnvme_cmd_put(struct nnvme_queue *q, struct nnvme_cmd *c)
{
	c->busy = VMK_FALSE;
	c->scsi = NULL;
	q->free[q->nfree++] = c->cid & NNVME_CID_SLOT_MASK;
}

/*
 * Did the controller ask (EventIdx) to be told when the doorbell moves
 * from old to val?  True when event lies in [old, val), modulo 2^16.
 */
static inline vmk_Bool nnvme_db_need_event(vmk_uint16 event, vmk_uint16 val,
					   vmk_uint16 old)
{
	return (vmk_uint16)(val - event - 1) < (vmk_uint16)(val - old);
}

/*
 * Move the doorbell at register reg to val.  With shadow doorbells the
 * new value goes to memory, where the controller reads it while it works
 * on the queue, and the register (an exit to the device model, the
 * dearest thing on these paths) is written only when EventIdx says the
 * controller stopped looking.  Under q->lock.
 */
static void nnvme_ring(struct nnvme_queue *q, vmk_uint32 reg, vmk_uint16 val)
{
	struct nnvme_ctrl *ctrl = q->ctrl;
	/* Both buffers are laid out as the doorbell registers are. */
	vmk_uint32 off = reg - NVME_REG_DBS;
	vmk_uint32 *shadow, *eventidx;
	vmk_uint16 old;

	if (q->shadowed) {
		shadow = (vmk_uint32 *)(ctrl->dbbuf_shadow.va + off);
		eventidx = (vmk_uint32 *)(ctrl->dbbuf_eventidx.va + off);
		old = nnvme_mem_rd32(shadow);
		/* Queue entries (and CQ slots consumed) before the value. */
		vmk_CPUMemFenceWrite();
		nnvme_mem_wr32(shadow, val);
		/* The value is visible before EventIdx is read. */
		vmk_CPUMemFenceReadWrite();
		if (!nnvme_db_need_event(nnvme_mem_rd32(eventidx), val, old)) {
			q->db_shadowed++;
			return;
		}
	}
	q->db_writes++;
	nnvme_wr32(ctrl, reg, val);
}

/*
 * Point an I/O queue's doorbells at the doorbell buffers (on), or back
 * at the registers.  The controller took the buffers with the queue at
 * tail and head 0 (a queue created after Doorbell Buffer Config) or
 * copied the current values itself.
 */
void nnvme_queue_set_shadow(struct nnvme_queue *q, vmk_Bool on)
{
	vmk_SpinlockLockIgnoreDeathPending(q->lock);
	q->shadowed = on;
	vmk_SpinlockUnlock(q->lock);
}

/* Copy sqe to the tail and ring the doorbell once.  Under q->lock. */
void nnvme_submit(struct nnvme_queue *q, struct nvme_sqe *sqe)
{
	vmk_Memcpy(&q->sq[q->sq_tail], sqe, sizeof(*sqe));
	if (++q->sq_tail == q->depth)
		q->sq_tail = 0;
	nnvme_ring(q, q->sq_db, q->sq_tail);
	vmk_AtomicInc64(&q->submitted);
}

/*
 * The slot a CQE names, if that command is outstanding under that very
 * command ID; NULL for a stale or bogus one.
 */
static struct nnvme_cmd *nnvme_cqe_cmd(struct nnvme_queue *q,
				       vmk_uint16 cid)
{
	vmk_uint32 slot = cid & NNVME_CID_SLOT_MASK;
	struct nnvme_cmd *c;

	if (slot >= (vmk_uint32)q->depth - 1)
		return NULL;
	c = &q->cmds[slot];
	if (!c->busy || c->cid != cid)
		return NULL;
	return c;
}

/*
 * Reap what the controller completed.  SCSI commands are completed with
 * their done() after the lock is dropped (done() re-enters the block
 * layer, which may submit the next command here); admin waiters find
 * their slot marked done.  Handler or world context; never blocks.
 */
void nnvme_queue_reap(struct nnvme_queue *q)
{
	struct vmk_ScsiCommand *batch[NNVME_REAP_BATCH];
	struct nvme_cqe *cqe;
	struct nnvme_cmd *c;
	vmk_uint16 status, cid;
	vmk_uint32 n, i;
	vmk_Bool moved;

	do {
		n = 0;
		moved = VMK_FALSE;
		vmk_SpinlockLockIgnoreDeathPending(q->lock);
		while (n < NNVME_REAP_BATCH && q->depth) {
			cqe = &q->cq[q->cq_head];
			/* The device writes the entry behind our back. */
			status = __atomic_load_n(&cqe->status, __ATOMIC_RELAXED);
			if ((status & 1) != q->cq_phase)
				break;
			/* The rest of the entry is valid once the phase is. */
			vmk_CPUMemFenceRead();
			cid = cqe->cid;
			if (++q->cq_head == q->depth) {
				q->cq_head = 0;
				q->cq_phase ^= 1;
			}
			moved = VMK_TRUE;
			c = nnvme_cqe_cmd(q, cid);
			if (!c) {
				if (vmk_AtomicReadInc64(&q->stale) < 8)
					vmk_Warning(nnvme_log,
						    "%s: q%u: completion for stale command ID %#x dropped",
						    q->ctrl->name.string,
						    q->qid, cid);
				continue;
			}
			vmk_AtomicInc64(&q->completed);
			if (!c->scsi) {
				c->status = status >> 1;
				c->result = cqe->result;
				__atomic_store_n(&c->done, VMK_TRUE,
						 __ATOMIC_RELEASE);
				continue;
			}
			batch[n++] = c->scsi;
			nnvme_io_complete(q, c, status >> 1);
			nnvme_cmd_put(q, c);
		}
		/*
		 * Only a head that moved is news to the controller.  A poll
		 * or a stray interrupt that found nothing writes no doorbell
		 * (nor, through it, the controller's shadow copy).
		 */
		if (moved)
			nnvme_ring(q, q->cq_db, q->cq_head);
		vmk_SpinlockUnlock(q->lock);
		for (i = 0; i < n; i++)
			batch[i]->done(batch[i]);
	} while (n == NNVME_REAP_BATCH);
}

/*
 * The controller was disabled: nothing on this queue will complete.
 * Every outstanding SCSI command gets tm's status (or NO_CONNECT without
 * one), admin waiters an abort status; then the rings start empty.
 * World context.
 */
void nnvme_queue_fail_all(struct nnvme_queue *q, vmk_ScsiTaskMgmt *tm)
{
	struct vmk_ScsiCommand *batch[NNVME_REAP_BATCH];
	struct nnvme_cmd *c;
	vmk_uint32 n, i, slot;

	if (!q->depth)
		return;
	do {
		n = 0;
		vmk_SpinlockLockIgnoreDeathPending(q->lock);
		for (slot = 0; slot + 1 < q->depth && n < NNVME_REAP_BATCH;
		     slot++) {
			c = &q->cmds[slot];
			if (!c->busy)
				continue;
			if (!c->scsi) {
				c->status = NVME_SC_ABORT_SQ_DELETED;
				__atomic_store_n(&c->done, VMK_TRUE,
						 __ATOMIC_RELEASE);
				nnvme_cmd_put(q, c);
				continue;
			}
			if (tm) {
				c->scsi->status = tm->status;
			} else {
				c->scsi->status.device = VMK_SCSI_DEVICE_GOOD;
				c->scsi->status.host = VMK_SCSI_HOST_NO_CONNECT;
			}
			c->scsi->bytesXferred = 0;
			nnvme_io_unbounce(q, c);
			batch[n++] = c->scsi;
			nnvme_cmd_put(q, c);
		}
		if (n < NNVME_REAP_BATCH)
			nnvme_queue_reset(q);
		vmk_SpinlockUnlock(q->lock);
		for (i = 0; i < n; i++)
			batch[i]->done(batch[i]);
	} while (n == NNVME_REAP_BATCH);
}

static VMK_ReturnStatus nnvme_intr_ack(void *data, vmk_IntrCookie cookie)
{
	return VMK_OK;
}

static void nnvme_intr_handler(void *data, vmk_IntrCookie cookie)
{
	nnvme_queue_reap(data);
}

/*
 * I/O queues wanted: io_queues, or (0) one per completion queue the SCSI
 * layer can give an adapter (one per CPU); 1..NNVME_MAX_IO_QUEUES.
 */
vmk_uint32 nnvme_io_queues_wanted(void)
{
	vmk_uint32 want = nnvme_io_queues;

	if (!want)
		want = vmk_ScsiGetMaxNumCompletionQueues();
	if (want < 1)
		want = 1;
	if (want > NNVME_MAX_IO_QUEUES)
		want = NNVME_MAX_IO_QUEUES;
	return want;
}

/*
 * MSI-X: one vector for the admin queue and one per I/O queue wanted;
 * two (admin + one I/O) at least.  With more than one I/O vector the
 * core spreads them over the CPUs as blk-mq spreads the completion
 * queues, so each queue's interrupt (and handler) runs where it is fed.
 */
VMK_ReturnStatus nnvme_intr_setup(struct nnvme_ctrl *ctrl)
{
	vmk_uint32 want = nnvme_io_queues_wanted() + 1;
	VMK_ReturnStatus status;

	status = vmk_PCIAllocIntrCookie(nnvme_module, ctrl->pci,
					VMK_PCI_INTERRUPT_TYPE_MSIX, want, 2,
					NULL, ctrl->cookies,
					&ctrl->num_cookies);
	if (status != VMK_OK)
		ctrl->num_cookies = 0;
	return status;
}

void nnvme_intr_teardown(struct nnvme_ctrl *ctrl)
{
	if (!ctrl->num_cookies)
		return;
	vmk_PCIFreeIntrCookie(nnvme_module, ctrl->pci);
	ctrl->num_cookies = 0;
}

VMK_ReturnStatus nnvme_intr_register(struct nnvme_ctrl *ctrl,
				     struct nnvme_queue *q)
{
	vmk_IntrProps props = {
		.device = ctrl->device,
		.acknowledgeInterrupt = nnvme_intr_ack,
		.handler = nnvme_intr_handler,
		.handlerData = q,
		.attrs = 0,
	};
	VMK_ReturnStatus status;

	q->intr = ctrl->cookies[q->vector];
	vmk_NameFormat(&props.deviceName, "nnvme-%s-q%u", ctrl->name.string,
		       q->qid);
	status = nnvme_attach_step(ctrl, "q%u interrupt registration",
				   q->qid) ?:
		 vmk_IntrRegister(nnvme_module, q->intr, &props);
	if (status != VMK_OK)
		return status;
	q->intr_registered = VMK_TRUE;
	return nnvme_attach_step(ctrl, "q%u interrupt enable", q->qid) ?:
	       vmk_IntrEnable(q->intr);
}

void nnvme_intr_unregister(struct nnvme_ctrl *ctrl, struct nnvme_queue *q)
{
	if (!q->intr_registered)
		return;
	vmk_IntrDisable(q->intr);
	vmk_IntrSync(q->intr);
	vmk_IntrUnregister(nnvme_module, q->intr, q);
	q->intr_registered = VMK_FALSE;
}
