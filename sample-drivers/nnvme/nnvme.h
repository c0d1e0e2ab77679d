/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nnvme: a native driver for NVMe controllers (QEMU "-device nvme",
 * 1b36:0010) that offers namespace 1 to the storage stack as a SCSI disk,
 * as VMware's native NVMe driver does on ESXi 6.x.
 *
 * What lives where:
 *   nnvme_main.c   module init/cleanup, the device-layer callbacks
 *                  (attach, start, scan, quiesce, detach, forget), the
 *                  HBAPort child and its removeDevice
 *   nnvme_ctrl.c   the controller: disable/enable (CC, CSTS, CAP.TO),
 *                  admin commands (identify, set features, create and
 *                  delete I/O queues, abort), reset, shutdown (CC.SHN)
 *   nnvme_queue.c  queue pairs: rings in DMA memory, doorbells, command
 *                  IDs, CQE reaping, the interrupts (ack + handler)
 *   nnvme_io.c     PRPs from the command's IOA SG array, read, write,
 *                  flush
 *   nnvme_scsi.c   the vmk_ScsiAdapter: SCSI to NVMe translation, task
 *                  management, discovery, queue depth
 *
 * Contexts: acknowledge = hard IRQ (returns VMK_OK, nothing else: MSI-X
 * needs no device acknowledge); handler = the interrupt's thread: reaps
 * CQEs under the queue lock and calls each command's done() after the
 * lock is dropped; the SCSI command callback runs wherever the block
 * layer dispatches (must not block: spinlocks only); task management,
 * start, quiesce and the admin commands run in worlds and may block.
 */
#ifndef _NNVME_H_
#define _NNVME_H_

#include "vmkapi.h"
#include "nnvme_regs.h"
#include "scsi_emul.h"

#define NNVME_NAME		"nnvme"
#define NNVME_VERSION		"1.0.0"

#define NNVME_VENDOR_REDHAT	0x1b36
#define NNVME_DEV_QEMU		0x0010

/* Admin queue entries; admin commands are few and synchronous. */
#define NNVME_ADMIN_DEPTH	32
/* I/O queue entries at most: the slot index must fit NNVME_CID_SLOT_BITS. */
#define NNVME_IO_DEPTH_MAX	256
#define NNVME_MAX_IO_QUEUES	4
/*
 * The largest transfer: 256 KB, 64 controller pages, so one PRP list page
 * (512 entries) per command is always enough and never chains.  With the
 * first element possibly starting inside a page, 65 elements.
 */
#define NNVME_MAX_XFER		(256 * 1024)
#define NNVME_MAX_SG		(NNVME_MAX_XFER / NVME_CTRL_PAGE_SIZE + 1)
/*
 * Each slot's PRP list: the pages after the first, 8 bytes each.  512
 * bytes, so a list never crosses a controller page (no chaining).
 */
#define NNVME_PRP_LIST_BYTES	(NNVME_MAX_XFER / NVME_CTRL_PAGE_SIZE * 8)

/*
 * A command ID is a slot index (low bits) and the slot's generation (high
 * bits), bumped at every reuse: a CQE that names a slot's previous use (a
 * stale or duplicated completion) is recognised and dropped.
 */
#define NNVME_CID_SLOT_BITS	8
#define NNVME_CID_SLOT_MASK	((1u << NNVME_CID_SLOT_BITS) - 1)

/* Memory for a ring or the PRP lists: physically contiguous pages. */
struct nnvme_dma_mem {
	vmk_MpnRange range;
	vmk_VA va;
	vmk_SgElem io;		/* mapped with the queue engine */
	vmk_ByteCount bytes;
};

/* One outstanding command. */
struct nnvme_cmd {
	vmk_ScsiCommand *scsi;	/* NULL: an admin command of a waiter */
	vmk_uint16 cid;		/* the CID in flight (slot | generation) */
	vmk_uint8 gen;
	vmk_Bool busy;
	/* Abort was requested by task management. */
	vmk_Bool abort_sent;
	/* The data goes through the queue's bounce buffer. */
	vmk_Bool bounced;
	/* An admin waiter's result, set by the reaper (release/acquire). */
	vmk_Bool done;
	vmk_uint16 status;
	vmk_uint32 result;
	/* This slot's PRP list page (I/O queues only). */
	vmk_uint64 *prp_list;
	vmk_IOA prp_list_ioa;
};

struct nnvme_ctrl;

/* A submission/completion queue pair and its interrupt vector. */
struct nnvme_queue {
	struct nnvme_ctrl *ctrl;
	vmk_uint16 qid;		/* 0: admin */
	vmk_uint16 depth;	/* entries of each ring */
	vmk_uint16 vector;	/* MSI-X table index */
	struct nnvme_dma_mem sq_mem, cq_mem, prp_mem;
	/*
	 * For the rare command whose SG array PRPs cannot describe: one
	 * NNVME_MAX_XFER buffer per I/O queue, owned by one command at a
	 * time (under lock).
	 */
	struct nnvme_dma_mem bounce;
	struct nnvme_cmd *bounce_owner;
	struct nvme_sqe *sq;
	struct nvme_cqe *cq;
	vmk_uint32 sq_db;	/* doorbell offsets in BAR 0 */
	vmk_uint32 cq_db;
	/*
	 * Doorbells through the controller's doorbell buffers (I/O queues,
	 * while Doorbell Buffer Config is in force), else the registers.
	 * Under lock.
	 */
	vmk_Bool shadowed;
	/* Under lock. */
	vmk_uint16 sq_tail;
	vmk_uint16 cq_head;
	vmk_uint8 cq_phase;
	vmk_uint16 nfree;
	vmk_uint16 *free;	/* stack of free slot indexes */
	struct nnvme_cmd *cmds;
	vmk_Bool live;		/* created in the controller */
	vmk_Lock lock;
	vmk_IntrCookie intr;
	vmk_Bool intr_registered;
	vmk_atomic64 submitted;
	/* Doorbell moves written to the register, and kept in memory. */
	vmk_uint64 db_writes;
	vmk_uint64 db_shadowed;
	vmk_atomic64 completed;
	vmk_atomic64 stale;
	vmk_atomic64 busy;	/* VMK_WOULD_BLOCK returned */
	vmk_atomic64 bounced;
};

/* Namespace 1, as identify reported it. */
struct nnvme_ns {
	vmk_uint32 nsid;
	vmk_uint64 blocks;
	vmk_uint32 lba_shift;
	vmk_uint8 eui64[8];
	vmk_uint8 nguid[16];
};

/* One controller: everything attach acquires, detach releases. */
struct nnvme_ctrl {
	vmk_Device device;
	vmk_PCIDevice pci;
	vmk_Name name;		/* "SSSS:BB:DD.F" */
	vmk_VA bar;
	vmk_uint64 cap;
	vmk_uint32 db_stride;	/* bytes between doorbells */
	vmk_uint32 timeout_ms;	/* CAP.TO */
	vmk_uint32 max_xfer;	/* bytes, from MDTS and NNVME_MAX_XFER */
	vmk_Bool vwc;		/* volatile write cache present */
	vmk_uint16 oacs;	/* Optional Admin Command Support */
	/* Doorbell Buffer Config: shadow doorbells and EventIdx, a page each. */
	struct nnvme_dma_mem dbbuf_shadow, dbbuf_eventidx;
	char serial[21];
	char model[41];
	char firmware[9];
	struct nnvme_ns ns;

	/* Queue memory (lax) and command data (strict, the adapter's). */
	vmk_DMAEngine queue_engine;
	vmk_DMAEngine io_engine;

	vmk_IntrCookie cookies[NNVME_MAX_IO_QUEUES + 1];
	vmk_uint32 num_cookies;
	struct nnvme_queue admin;
	struct nnvme_queue io[NNVME_MAX_IO_QUEUES];
	vmk_uint32 num_io;	/* I/O queue pairs created */
	vmk_uint32 io_depth;

	/* Serialises admin commands, start/quiesce and resets. */
	vmk_Semaphore admin_sema;
	vmk_Bool enabled;	/* CC.EN = 1 and the I/O queues live */
	vmk_Bool gone;		/* forgetDevice: never touch registers */
	vmk_Bool resetting;
	/* Attach, then the first start: steps counted (fault_attach_step). */
	vmk_Bool attaching;
	vmk_uint32 attach_step;

	/* The LUN, the SCSI adapter and its logical child (scsi_emul). */
	struct scsi_emul_target target;

	vmk_atomic64 resets;
	vmk_atomic64 aborts;
	vmk_atomic64 bad_sg;
};

extern vmk_ModuleID nnvme_module;
extern vmk_HeapID nnvme_heap;
extern vmk_LogComponent nnvme_log;
extern vmk_Driver nnvme_driver;
extern vmk_MemPool nnvme_mempool;
extern unsigned int nnvme_io_queues;
extern unsigned int nnvme_io_depth;
extern int nnvme_fault_drop_io;
vmk_Bool nnvme_fault_take(void);
extern int nnvme_fault_attach_step;
__printf(2, 3)
VMK_ReturnStatus nnvme_attach_step(struct nnvme_ctrl *ctrl,
				   const char *fmt, ...);
extern unsigned int nnvme_shadow_doorbells;

/* Register access through the mapped BAR, as 2.3 drivers do. */
static inline vmk_uint32 nnvme_rd32(struct nnvme_ctrl *ctrl, vmk_uint32 reg)
{
	vmk_uint32 val = *(__volatile__ vmk_uint32 *)(ctrl->bar + reg);

	vmk_CPUMemFenceRead();
	return val;
}

static inline void nnvme_wr32(struct nnvme_ctrl *ctrl, vmk_uint32 reg,
			      vmk_uint32 val)
{
	/* Queue entries reach memory before the doorbell or the enable. */
	vmk_CPUMemFenceWrite();
	*(__volatile__ vmk_uint32 *)(ctrl->bar + reg) = val;
}

/*
 * Doorbell buffers: host memory the controller reads (shadow) and writes
 * (EventIdx) while it runs, so each access happens exactly once, here.
 */
static inline vmk_uint32 nnvme_mem_rd32(const vmk_uint32 *p)
{
	return *(const __volatile__ vmk_uint32 *)p;
}

static inline void nnvme_mem_wr32(vmk_uint32 *p, vmk_uint32 val)
{
	*(__volatile__ vmk_uint32 *)p = val;
}

/* 64-bit registers as two 32-bit accesses, low half first. */
static inline vmk_uint64 nnvme_rd64(struct nnvme_ctrl *ctrl, vmk_uint32 reg)
{
	vmk_uint64 lo = nnvme_rd32(ctrl, reg);

	return lo | (vmk_uint64)nnvme_rd32(ctrl, reg + 4) << 32;
}

static inline void nnvme_wr64(struct nnvme_ctrl *ctrl, vmk_uint32 reg,
			      vmk_uint64 val)
{
	nnvme_wr32(ctrl, reg, (vmk_uint32)val);
	nnvme_wr32(ctrl, reg + 4, (vmk_uint32)(val >> 32));
}

/* nnvme_ctrl.c */
VMK_ReturnStatus nnvme_ctrl_disable(struct nnvme_ctrl *ctrl);
VMK_ReturnStatus nnvme_ctrl_start(struct nnvme_ctrl *ctrl);
void nnvme_ctrl_stop(struct nnvme_ctrl *ctrl);
VMK_ReturnStatus nnvme_ctrl_reset(struct nnvme_ctrl *ctrl,
				  vmk_ScsiTaskMgmt *tm);
VMK_ReturnStatus nnvme_admin_exec(struct nnvme_ctrl *ctrl,
				  struct nvme_sqe *sqe, vmk_uint32 *result);
VMK_ReturnStatus nnvme_abort(struct nnvme_ctrl *ctrl, vmk_uint16 sqid,
			     vmk_uint16 cid);

/* nnvme_queue.c */
VMK_ReturnStatus nnvme_queue_alloc(struct nnvme_ctrl *ctrl,
				   struct nnvme_queue *q, vmk_uint16 qid,
				   vmk_uint16 depth, vmk_uint16 vector);
void nnvme_queue_free(struct nnvme_ctrl *ctrl, struct nnvme_queue *q);
void nnvme_queue_reset(struct nnvme_queue *q);
struct nnvme_cmd *nnvme_cmd_get(struct nnvme_queue *q);
void nnvme_cmd_put(struct nnvme_queue *q, struct nnvme_cmd *c);
void nnvme_submit(struct nnvme_queue *q, struct nvme_sqe *sqe);
void nnvme_queue_set_shadow(struct nnvme_queue *q, vmk_Bool on);
void nnvme_queue_reap(struct nnvme_queue *q);
void nnvme_queue_fail_all(struct nnvme_queue *q, vmk_ScsiTaskMgmt *tm);
vmk_uint32 nnvme_io_queues_wanted(void);
VMK_ReturnStatus nnvme_intr_setup(struct nnvme_ctrl *ctrl);
void nnvme_intr_teardown(struct nnvme_ctrl *ctrl);
VMK_ReturnStatus nnvme_intr_register(struct nnvme_ctrl *ctrl,
				     struct nnvme_queue *q);
void nnvme_intr_unregister(struct nnvme_ctrl *ctrl, struct nnvme_queue *q);
VMK_ReturnStatus nnvme_dma_mem_alloc(struct nnvme_ctrl *ctrl,
				     struct nnvme_dma_mem *mem,
				     vmk_ByteCount bytes);
void nnvme_dma_mem_free(struct nnvme_ctrl *ctrl, struct nnvme_dma_mem *mem);

/* nnvme_io.c */
VMK_ReturnStatus nnvme_io_rw(struct nnvme_ctrl *ctrl, vmk_ScsiCommand *cmd);
VMK_ReturnStatus nnvme_io_flush(struct nnvme_ctrl *ctrl,
				vmk_ScsiCommand *cmd);
void nnvme_io_complete(struct nnvme_queue *q, struct nnvme_cmd *c,
		       vmk_uint16 status);
void nnvme_io_unbounce(struct nnvme_queue *q, struct nnvme_cmd *c);

/* nnvme_scsi.c */
VMK_ReturnStatus nnvme_scsi_adapter_create(struct nnvme_ctrl *ctrl);
void nnvme_scsi_adapter_destroy(struct nnvme_ctrl *ctrl);

#endif /* _NNVME_H_ */
