// SPDX-License-Identifier: GPL-2.0
/*
 * Heaps: per-module allocators with a cap, statistics and leak reports.
 *
 * Every allocation carries a small header in front of the memory handed
 * out.  It names the heap and the call site and links the allocation
 * into its heap's list of live allocations, which is what lets a destroy
 * of a non-empty heap, or the unload of a module that forgot its heap,
 * say exactly what was left and who allocated it.
 *
 * Small unaligned allocations come in power-of-two blocks, and a freed
 * block waits in a short per-heap stack for the next allocation of its
 * class, so a driver's steady alloc/free traffic stays inside its heap
 * instead of going through the kernel allocator (and its zeroing) each
 * time.  Cached blocks count against the heap's maximum with the live
 * ones: a heap never holds more than its max.
 *
 * Handles are validated through the core's handle table (handle.c), so a
 * stale or garbage heap ID is refused with a log line instead of
 * dereferenced.
 * An allocation's reserved bytes keep its heap alive: destroy refuses a
 * heap whose byte count is not zero, so the allocator never needs a
 * reference count of its own.
 */
#include "vmkapi_core.h"

#include <linux/delay.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/kmemleak.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#define VMK_HEAP_CHUNK_MAGIC	0x43686e6b	/* "Chnk" */
/* Live allocations named by a destroy report before it summarises. */
#define VMK_HEAP_REPORT_MAX	16

/* Blocks of 64 << class bytes, class 0..5 (up to 2 KB), are cached. */
#define VMK_HEAP_CLASS_SHIFT	6
#define VMK_HEAP_CLASSES	6
#define VMK_HEAP_NO_CLASS	0xff
/* Freed blocks kept per class. */
#define VMK_HEAP_CACHE_DEPTH	16

struct vmk_HeapInt {
	struct vmk_core_handle handle;
	struct list_head all_link;	/* vmk_heap_list, under the mutex */
	struct rcu_head rcu;
	struct vmk_core_resource resource;
	/* Creation order (from 1), for the management plane's dumps. */
	u64 serial;

	vmk_Name name;
	vmk_ModuleID module;
	vmk_ByteCountSmall initial;
	vmk_ByteCountSmall max;
	vmk_MemPhysContiguity contiguity;
	vmk_MemPhysAddrConstraint range;
	/* A MEMPOOL heap's pool, charged max (in pages) while it lives. */
	vmk_MemPool pool;
	u64 pool_pages;

	spinlock_t lock;		/* everything below */
	bool dead;			/* destroyed: no more allocations */
	bool destroying;		/* a DestroySync is waiting */
	struct list_head chunks;	/* live allocations */
	u64 bytes;			/* charged bytes, headers included */
	u64 peak;
	u64 allocs;
	u64 frees;
	u64 failures;
	wait_queue_head_t drained;	/* woken when bytes drops to 0 */
	/* Freed blocks by class, and the bytes they hold. */
	struct list_head cache[VMK_HEAP_CLASSES];
	u8 cache_len[VMK_HEAP_CLASSES];
	u64 cached;
};

/*
 * The header in front of each allocation; its size keeps the memory
 * after it aligned as kmalloc's would be.
 */
struct vmk_heap_chunk {
	struct list_head link;
	struct vmk_HeapInt *heap;
	void *ra;
	u32 size;		/* what the caller asked for */
	u32 charge;		/* what the heap was charged */
	u32 offset:24;		/* from the kernel allocation to the header */
	u32 class:8;		/* block class, or VMK_HEAP_NO_CLASS */
	u32 magic;
};

#define VMK_HEAP_HDR	ALIGN(sizeof(struct vmk_heap_chunk), \
			      ARCH_KMALLOC_MINALIGN)

static LIST_HEAD(vmk_heap_list);
static DEFINE_MUTEX(vmk_heap_mutex);	/* the list; create and destroy */
static u64 vmk_heap_serial;		/* under the mutex */

/*
 * What an allocation costs its heap: the header, the bytes asked for and
 * the worst-case padding an alignment can need.  vmk_HeapDetermineMaxSize
 * uses the same sum, so a heap sized by it holds what it was sized for.
 */
static u64 vmk_heap_charge(u64 size, u64 align)
{
	u64 pad = align > ARCH_KMALLOC_MINALIGN ?
		  align - ARCH_KMALLOC_MINALIGN : 0;

	return VMK_HEAP_HDR + size + pad;
}

/*
 * The block class of an allocation of @charge bytes at @align, or
 * VMK_HEAP_NO_CLASS for aligned and large ones (those get exact blocks).
 */
static unsigned int vmk_heap_class(u64 charge, u32 align)
{
	unsigned int order;

	if (align > ARCH_KMALLOC_MINALIGN ||
	    charge > (1U << (VMK_HEAP_CLASS_SHIFT + VMK_HEAP_CLASSES - 1)))
		return VMK_HEAP_NO_CLASS;
	order = order_base_2(charge);
	return order <= VMK_HEAP_CLASS_SHIFT ? 0 :
	       order - VMK_HEAP_CLASS_SHIFT;
}

static u32 vmk_heap_block_size(unsigned int class)
{
	return 1U << (class + VMK_HEAP_CLASS_SHIFT);
}

/* Caller is in an RCU read section (rcu_read_lock_sched()). */
static struct vmk_HeapInt *vmk_heap_lookup(vmk_HeapID id)
{
	struct vmk_core_handle *handle;

	handle = vmk_core_handle_find(id, VMK_CORE_HANDLE_HEAP);
	return handle ? container_of(handle, struct vmk_HeapInt, handle) :
			NULL;
}

static gfp_t vmk_heap_gfp(bool may_block)
{
	return (may_block ? GFP_KERNEL : GFP_NOWAIT) | __GFP_NOWARN;
}

/*
 * A heap limited to low physical memory takes whole pages from the page
 * allocator with GFP_DMA32: the slab allocator has no DMA32 caches (it
 * strips the flag with a "fix your code" warning), so kmalloc memory could
 * sit anywhere and on a large machine be refused most of the time.
 */
static bool vmk_heap_uses_pages(vmk_MemPhysAddrConstraint range)
{
	phys_addr_t limit = vmk_core_phys_limit(range);

	return limit && limit <= SZ_4G;
}

/*
 * Get the memory for one allocation from the kernel, physically
 * contiguous whatever the heap asked.  Not vmalloc: memory freed with
 * vmk_HeapFree, which must not block, could then need vfree(), which may
 * sleep (and vfree_atomic() is not exported).  Memory outside the heap's
 * range is refused (GFP_DMA32 does not promise "below 2 GB").
 */
static void *vmk_heap_get_pages(vmk_MemPhysAddrConstraint range, size_t total,
				bool may_block)
{
	phys_addr_t limit = vmk_core_phys_limit(range);
	gfp_t gfp = vmk_heap_gfp(may_block);
	void *base;

	if (total > KMALLOC_MAX_SIZE)
		return NULL;
	if (!vmk_heap_uses_pages(range)) {
		base = kmalloc(total, gfp);
		if (base && limit && virt_to_phys(base) + total > limit) {
			kfree(base);
			return NULL;
		}
		return base;
	}

	base = alloc_pages_exact(total, gfp | GFP_DMA32);
	if (!base)
		return NULL;
	if (virt_to_phys(base) + total > limit) {
		free_pages_exact(base, total);
		return NULL;
	}
	/* Pointers kept in heap memory keep other objects alive. */
	kmemleak_alloc(base, total, 1, gfp);
	return base;
}

static void vmk_heap_put_pages(vmk_MemPhysAddrConstraint range, void *base,
			       size_t total)
{
	if (!vmk_heap_uses_pages(range)) {
		kfree(base);
		return;
	}
	kmemleak_free(base);
	free_pages_exact(base, total);
}

/* Counted by the caller; the tracepoint and the module's event ring. */
static void vmk_heap_report_failure(struct vmk_HeapInt *heap, u32 size,
				    void *ra)
{
	vmk_core_alloc_failed(VMK_CORE_ALLOC_HEAP, heap->module,
			      heap->name.string, size, VMK_NO_MEMORY, ra);
}

static void vmk_heap_count_failure(struct vmk_HeapInt *heap, u32 size,
				   void *ra)
{
	unsigned long flags;

	spin_lock_irqsave(&heap->lock, flags);
	heap->failures++;
	spin_unlock_irqrestore(&heap->lock, flags);
	vmk_heap_report_failure(heap, size, ra);
}

/* The kernel block a chunk was carved from: its class block, or exact. */
static size_t vmk_heap_chunk_block(const struct vmk_heap_chunk *chunk)
{
	return chunk->class == VMK_HEAP_NO_CLASS ? chunk->charge :
	       vmk_heap_block_size(chunk->class);
}

/* @range: the heap's, passed in because the heap may already be gone. */
static void vmk_heap_put_chunk(vmk_MemPhysAddrConstraint range,
			       struct vmk_heap_chunk *chunk)
{
	vmk_heap_put_pages(range, (void *)chunk - chunk->offset,
			   vmk_heap_chunk_block(chunk));
}

/* Detach every cached block of @heap onto @out.  Caller holds heap->lock. */
static void vmk_heap_take_cache(struct vmk_HeapInt *heap,
				struct list_head *out)
{
	unsigned int class;

	for (class = 0; class < VMK_HEAP_CLASSES; class++) {
		list_splice_init(&heap->cache[class], out);
		heap->cache_len[class] = 0;
	}
	heap->cached = 0;
}

/*
 * Charge and link a new allocation.  Fails if the heap was destroyed
 * meanwhile or the charge would take it over its maximum.  Cached blocks
 * give way: if live, new and cached bytes would pass the max, the cache
 * is emptied onto @evicted for the caller to free.
 */
static bool vmk_heap_commit(struct vmk_HeapInt *heap,
			    struct vmk_heap_chunk *chunk, u64 charge,
			    struct list_head *evicted)
{
	unsigned long flags;
	bool ok = false;

	spin_lock_irqsave(&heap->lock, flags);
	if (!heap->dead && heap->bytes + charge <= heap->max) {
		if (heap->bytes + charge + heap->cached > heap->max)
			vmk_heap_take_cache(heap, evicted);
		heap->bytes += charge;
		if (heap->bytes > heap->peak)
			heap->peak = heap->bytes;
		heap->allocs++;
		list_add(&chunk->link, &heap->chunks);
		ok = true;
	} else {
		heap->failures++;
	}
	spin_unlock_irqrestore(&heap->lock, flags);
	return ok;
}

/*
 * Check the arguments every allocation entry point takes; @fn names the
 * entry point in the log line, @ra the driver's call site.
 */
static bool vmk_heap_args_ok(const char *fn, vmk_HeapID id, u32 size,
			     u32 align, void *ra)
{
	if (size && is_power_of_2(align))
		return true;
	pr_warn_ratelimited("%s: bad argument from %pS: heap %p size %u alignment %u\n",
			    fn, ra, id, size, align);
	return false;
}

/* Carve the header and the aligned user memory out of a kernel block. */
static void *vmk_heap_place(struct vmk_HeapInt *heap, void *base, u32 size,
			    u32 align, void *ra, struct vmk_heap_chunk **chunkp)
{
	unsigned long user = ALIGN((unsigned long)base + VMK_HEAP_HDR, align);
	struct vmk_heap_chunk *chunk = (void *)(user - VMK_HEAP_HDR);

	chunk->heap = heap;
	chunk->ra = ra;
	chunk->size = size;
	chunk->charge = vmk_heap_charge(size, align);
	chunk->offset = (unsigned long)chunk - (unsigned long)base;
	chunk->class = vmk_heap_class(chunk->charge, align);
	chunk->magic = VMK_HEAP_CHUNK_MAGIC;
	*chunkp = chunk;
	return (void *)user;
}

/*
 * Take a cached block of @class for a new allocation, if there is one and
 * the heap has room.  Caller is in the RCU read section @heap was
 * looked up in.
 */
static void *vmk_heap_reuse(struct vmk_HeapInt *heap, unsigned int class,
			    u32 size, u64 charge, void *ra)
{
	struct vmk_heap_chunk *chunk;
	unsigned long flags;

	spin_lock_irqsave(&heap->lock, flags);
	chunk = list_first_entry_or_null(&heap->cache[class],
					 struct vmk_heap_chunk, link);
	if (!chunk || heap->dead || heap->bytes + charge > heap->max) {
		spin_unlock_irqrestore(&heap->lock, flags);
		return NULL;
	}
	list_del(&chunk->link);
	heap->cache_len[class]--;
	heap->cached -= vmk_heap_block_size(class);
	chunk->ra = ra;
	chunk->size = size;
	chunk->charge = charge;
	chunk->magic = VMK_HEAP_CHUNK_MAGIC;
	heap->bytes += charge;
	if (heap->bytes > heap->peak)
		heap->peak = heap->bytes;
	heap->allocs++;
	list_add(&chunk->link, &heap->chunks);
	spin_unlock_irqrestore(&heap->lock, flags);
	return (void *)chunk + VMK_HEAP_HDR;
}

/*
 * The kernel block for a new allocation: a whole class block when the
 * allocation has a class (so the block can be cached and reused later).
 */
static void *vmk_heap_new_block(struct vmk_HeapInt *heap, u64 charge,
				u32 align, bool may_block)
{
	unsigned int class = vmk_heap_class(charge, align);

	if (class != VMK_HEAP_NO_CLASS)
		charge = vmk_heap_block_size(class);
	return vmk_heap_get_pages(heap->range, charge, may_block);
}

/* Caller is in the RCU read section @heap was looked up in. */
static void *vmk_heap_finish(struct vmk_HeapInt *heap, void *base, u32 size,
			     u32 align, void *ra)
{
	struct vmk_heap_chunk *chunk, *next;
	LIST_HEAD(evicted);
	void *mem;

	if (!base) {
		vmk_heap_count_failure(heap, size, ra);
		return NULL;
	}
	mem = vmk_heap_place(heap, base, size, align, ra, &chunk);
	if (!vmk_heap_commit(heap, chunk, chunk->charge, &evicted)) {
		vmk_heap_put_pages(heap->range, base,
				   vmk_heap_chunk_block(chunk));
		vmk_heap_report_failure(heap, size, ra);
		return NULL;
	}
	list_for_each_entry_safe(chunk, next, &evicted, link)
		vmk_heap_put_chunk(heap->range, chunk);
	return mem;
}

/* Never blocks: all of it under one RCU read section. */
static void *vmk_heap_alloc_atomic(vmk_HeapID id, u32 size, u32 align,
				   void *ra)
{
	u64 charge = vmk_heap_charge(size, align);
	unsigned int class = vmk_heap_class(charge, align);
	struct vmk_HeapInt *heap;
	void *mem = NULL;

	rcu_read_lock_sched();
	heap = vmk_heap_lookup(id);
	if (heap && class != VMK_HEAP_NO_CLASS)
		mem = vmk_heap_reuse(heap, class, size, charge, ra);
	if (mem)
		;
	else if (heap && READ_ONCE(heap->bytes) + charge > heap->max)
		vmk_heap_count_failure(heap, size, ra);
	else if (heap)
		mem = vmk_heap_finish(heap,
				      vmk_heap_new_block(heap, charge, align,
							 false),
				      size, align, ra);
	rcu_read_unlock_sched();
	if (!heap)
		pr_warn_ratelimited("vmk_HeapAlloc: bad argument from %pS: unknown heap %p\n",
				    ra, id);
	return mem;
}

/*
 * May sleep up to @timeout_ms for memory.  The heap is looked up before
 * and again after the sleeping part, each time under RCU.
 */
static void *vmk_heap_alloc_wait(vmk_HeapID id, u32 size, u32 align,
				 u32 timeout_ms, void *ra)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(timeout_ms);
	u64 charge = vmk_heap_charge(size, align);
	unsigned int class = vmk_heap_class(charge, align);
	u64 block = class == VMK_HEAP_NO_CLASS ? charge :
		    vmk_heap_block_size(class);
	vmk_MemPhysAddrConstraint range = VMK_PHYS_ADDR_ANY;
	struct vmk_HeapInt *heap;
	bool full = false;
	void *base, *mem = NULL;

	vmk_core_assert_may_block();
	rcu_read_lock_sched();
	heap = vmk_heap_lookup(id);
	if (heap && class != VMK_HEAP_NO_CLASS)
		mem = vmk_heap_reuse(heap, class, size, charge, ra);
	if (heap && !mem) {
		range = heap->range;
		/* Full: fail at once, even though the caller may wait. */
		full = READ_ONCE(heap->bytes) + charge > heap->max;
		if (full)
			vmk_heap_count_failure(heap, size, ra);
	}
	rcu_read_unlock_sched();
	if (!heap) {
		pr_warn_ratelimited("vmk_HeapAlloc: bad argument from %pS: unknown heap %p\n",
				    ra, id);
		return NULL;
	}
	if (full || mem)
		return mem;

	for (;;) {
		base = vmk_heap_get_pages(range, block, true);
		if (base || time_after(jiffies, deadline) ||
		    vmk_core_death_pending())
			break;
		usleep_range(1000, 2000);
	}

	rcu_read_lock_sched();
	heap = vmk_heap_lookup(id);
	if (heap)
		mem = vmk_heap_finish(heap, base, size, align, ra);
	rcu_read_unlock_sched();
	if (!heap && base)
		vmk_heap_put_pages(range, base, block);
	return mem;
}

static void *vmk_heap_alloc(vmk_HeapID id, u32 size, u32 align,
			    u32 timeout_ms, void *ra)
{
	if (align < ARCH_KMALLOC_MINALIGN)
		align = ARCH_KMALLOC_MINALIGN;
	if (timeout_ms)
		return vmk_heap_alloc_wait(id, size, align, timeout_ms, ra);
	return vmk_heap_alloc_atomic(id, size, align, ra);
}

/* NULL ra: the entry point's own return address, the driver's call. */
#define VMK_HEAP_RA(ra)	((ra) ? (ra) : __builtin_return_address(0))

void *vmk_HeapAllocWithRA(vmk_HeapID heap, vmk_uint32 size, void *ra)
{
	ra = VMK_HEAP_RA(ra);
	if (!vmk_heap_args_ok(__func__, heap, size, ARCH_KMALLOC_MINALIGN, ra))
		return NULL;
	return vmk_heap_alloc(heap, size, ARCH_KMALLOC_MINALIGN, 0, ra);
}
VMKAPI_EXPORT(vmk_HeapAllocWithRA);

void *vmk_HeapAlignWithRA(vmk_HeapID heap, vmk_uint32 size,
			  vmk_uint32 align, void *ra)
{
	ra = VMK_HEAP_RA(ra);
	if (!vmk_heap_args_ok(__func__, heap, size, align, ra))
		return NULL;
	return vmk_heap_alloc(heap, size, align, 0, ra);
}
VMKAPI_EXPORT(vmk_HeapAlignWithRA);

void *vmk_HeapAllocWithTimeoutAndRA(vmk_HeapID heap, vmk_uint32 size,
				    vmk_uint32 timeoutMS, void *ra)
{
	ra = VMK_HEAP_RA(ra);
	if (!vmk_heap_args_ok(__func__, heap, size, ARCH_KMALLOC_MINALIGN, ra))
		return NULL;
	return vmk_heap_alloc(heap, size, ARCH_KMALLOC_MINALIGN, timeoutMS,
			      ra);
}
VMKAPI_EXPORT(vmk_HeapAllocWithTimeoutAndRA);

void *vmk_HeapAlignWithTimeoutAndRA(vmk_HeapID heap, vmk_uint32 size,
				    vmk_uint32 align, vmk_uint32 timeoutMS,
				    void *ra)
{
	ra = VMK_HEAP_RA(ra);
	if (!vmk_heap_args_ok(__func__, heap, size, align, ra))
		return NULL;
	return vmk_heap_alloc(heap, size, align, timeoutMS, ra);
}
VMKAPI_EXPORT(vmk_HeapAlignWithTimeoutAndRA);

/*
 * Unlink and uncharge @chunk; the caller returns the memory.  Caller holds
 * heap->lock.  Returns whether the heap just became empty.
 */
static bool vmk_heap_unlink_chunk(struct vmk_HeapInt *heap,
				  struct vmk_heap_chunk *chunk)
{
	list_del(&chunk->link);
	chunk->magic = 0;
	heap->bytes -= chunk->charge;
	heap->frees++;
	return heap->bytes == 0;
}

/*
 * Keep a freed block for reuse if it has a class, its stack has room and
 * the heap's live plus cached bytes stay within its max.  Caller holds
 * heap->lock and has unlinked @chunk.
 */
static bool vmk_heap_cache_block(struct vmk_HeapInt *heap,
				 struct vmk_heap_chunk *chunk)
{
	unsigned int class = chunk->class;
	u32 block;

	if (class == VMK_HEAP_NO_CLASS || heap->dead ||
	    heap->cache_len[class] >= VMK_HEAP_CACHE_DEPTH)
		return false;
	block = vmk_heap_block_size(class);
	if (heap->bytes + heap->cached + block > heap->max)
		return false;
	list_add(&chunk->link, &heap->cache[class]);
	heap->cache_len[class]++;
	heap->cached += block;
	return true;
}


void vmk_HeapFree(vmk_HeapID id, void *mem)
{
	struct vmk_heap_chunk *chunk;
	struct vmk_HeapInt *heap;
	unsigned long flags;
	bool empty, cached;

	if (!mem) {
		vmk_core_bad_arg("NULL pointer for heap %p", id);
		return;
	}
	/*
	 * No handle lookup: a chunk that is live and names this heap proves
	 * the heap is alive too, since a heap is only destroyed empty.
	 */
	chunk = mem - VMK_HEAP_HDR;
	heap = id;
	if (!heap || chunk->magic != VMK_HEAP_CHUNK_MAGIC ||
	    chunk->heap != heap) {
		vmk_core_bad_arg("%p is not an allocation of heap %p", mem, id);
		return;
	}
	spin_lock_irqsave(&heap->lock, flags);
	empty = vmk_heap_unlink_chunk(heap, chunk);
	cached = vmk_heap_cache_block(heap, chunk);
	/* Only a DestroySync waits for empty; skip the wakeup otherwise. */
	if (empty && heap->destroying)
		wake_up_all(&heap->drained);
	spin_unlock_irqrestore(&heap->lock, flags);
	if (cached)
		return;
	vmk_heap_put_chunk(heap->range, chunk);
}
VMKAPI_EXPORT(vmk_HeapFree);

/*
 * The allocation is found by its machine address in the heap's list of
 * live allocations, never by turning @ma into a pointer and reading the
 * header in front of it: @ma may be anything.  A walk of the list is
 * slow, and this call is only for old code that kept nothing else.
 */
void vmk_HeapFreeByMA(vmk_HeapID id, vmk_MA ma)
{
	struct vmk_heap_chunk *chunk;
	struct vmk_HeapInt *heap;
	unsigned long flags;
	void *mem = NULL;

	rcu_read_lock_sched();
	heap = ma ? vmk_heap_lookup(id) : NULL;
	if (heap) {
		spin_lock_irqsave(&heap->lock, flags);
		list_for_each_entry(chunk, &heap->chunks, link) {
			if (virt_to_phys((char *)chunk + VMK_HEAP_HDR) == ma) {
				mem = (char *)chunk + VMK_HEAP_HDR;
				break;
			}
		}
		spin_unlock_irqrestore(&heap->lock, flags);
	}
	rcu_read_unlock_sched();
	if (!mem) {
		vmk_core_bad_arg("heap %p has no allocation at MA %#llx", id,
				 (unsigned long long)ma);
		return;
	}
	vmk_HeapFree(id, mem);
}
VMKAPI_EXPORT(vmk_HeapFreeByMA);

static bool vmk_heap_props_ok(const vmk_HeapCreateProps *props,
			      vmk_MemPhysContiguity *contiguity,
			      vmk_MemPhysAddrConstraint *range)
{
	if (!props->max || props->initial > props->max)
		return false;
	switch (props->type) {
	case VMK_HEAP_TYPE_SIMPLE:
		*contiguity = VMK_MEM_PHYS_ANY_CONTIGUITY;
		*range = VMK_PHYS_ADDR_ANY;
		return true;
	case VMK_HEAP_TYPE_CUSTOM:
		*contiguity = props->typeSpecific.custom.physContiguity;
		*range = props->typeSpecific.custom.physRange;
		break;
	case VMK_HEAP_TYPE_MEMPOOL:
		*contiguity = props->typeSpecific.memPool.physContiguity;
		*range = props->typeSpecific.memPool.physRange;
		break;
	default:
		return false;
	}
	return *contiguity <= VMK_MEM_PHYS_DISCONTIGUOUS &&
	       *range <= VMK_PHYS_ADDR_BELOW_512GB;
}

static void vmk_heap_describe(struct vmk_core_resource *res, char *buf,
			      size_t len)
{
	struct vmk_HeapInt *heap = container_of(res, struct vmk_HeapInt,
						resource);

	snprintf(buf, len, "%s: %llu bytes in %llu allocation(s)",
		 vmk_NameToString(&heap->name), heap->bytes,
		 heap->allocs - heap->frees);
}

static void vmk_heap_reclaim(struct vmk_core_resource *res);

static const struct vmk_core_resource_type vmk_heap_resource = {
	.kind = "heap",
	.describe = vmk_heap_describe,
	.reclaim = vmk_heap_reclaim,
};

VMK_ReturnStatus vmk_HeapCreate(vmk_HeapCreateProps *props,
				vmk_HeapID *heapID)
{
	vmk_MemPhysContiguity contiguity;
	vmk_MemPhysAddrConstraint range;
	struct vmk_HeapInt *heap;
	VMK_ReturnStatus status;
	unsigned int class;

	vmk_core_assert_may_block();
	if (!props || !heapID) {
		vmk_core_bad_arg("props %p heapID %p", props, heapID);
		return VMK_BAD_PARAM;
	}
	*heapID = VMK_INVALID_HEAP_ID;
	if (!vmk_heap_props_ok(props, &contiguity, &range)) {
		vmk_core_bad_arg("heap %s: type %d initial %u max %u",
				 vmk_NameToString(&props->name), props->type,
				 props->initial, props->max);
		return VMK_BAD_PARAM;
	}

	heap = kzalloc(sizeof(*heap), GFP_KERNEL);
	if (!heap)
		return VMK_NO_MEMORY;
	vmk_NameCopy(&heap->name, &props->name);
	heap->module = props->module;
	heap->initial = props->initial;
	heap->max = props->max;
	heap->contiguity = contiguity;
	heap->range = range;
	spin_lock_init(&heap->lock);
	INIT_LIST_HEAD(&heap->chunks);
	init_waitqueue_head(&heap->drained);
	for (class = 0; class < VMK_HEAP_CLASSES; class++)
		INIT_LIST_HEAD(&heap->cache[class]);

	/*
	 * A heap drawing from a memory pool reserves its whole maximum there
	 * up front: the pool's limits then hold whatever the heap does, and
	 * the pool cannot be destroyed under the heap.
	 */
	if (props->type == VMK_HEAP_TYPE_MEMPOOL) {
		heap->pool = props->typeSpecific.memPool.memPool;
		heap->pool_pages = DIV_ROUND_UP((u64)props->max, PAGE_SIZE);
		status = vmk_core_mempool_charge(heap->pool, heap->pool_pages);
		if (status != VMK_OK) {
			vmk_core_bad_arg("heap %s: memory pool %p: %s",
					 vmk_NameToString(&props->name),
					 heap->pool, vmk_StatusToString(status));
			kfree(heap);
			return status;
		}
	}

	mutex_lock(&vmk_heap_mutex);
	status = vmk_core_resource_add(&heap->resource, &vmk_heap_resource,
				       props->module);
	if (status == VMK_OK) {
		/* The list stays sorted by serial: dumps resume by it. */
		heap->serial = ++vmk_heap_serial;
		list_add_tail(&heap->all_link, &vmk_heap_list);
		vmk_core_handle_add(&heap->handle, heap, VMK_CORE_HANDLE_HEAP);
	}
	mutex_unlock(&vmk_heap_mutex);
	if (status != VMK_OK) {
		vmk_core_bad_arg("heap %s: module %d is not registered",
				 vmk_NameToString(&props->name), props->module);
		if (heap->pool)
			vmk_core_mempool_uncharge(heap->pool, heap->pool_pages);
		kfree(heap);
		return status;
	}
	*heapID = heap;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HeapCreate);

/* Caller holds vmk_heap_mutex and has marked @heap dead. */
static void vmk_heap_remove(struct vmk_HeapInt *heap)
{
	struct vmk_heap_chunk *chunk, *next;
	LIST_HEAD(cache);

	spin_lock_irq(&heap->lock);
	vmk_heap_take_cache(heap, &cache);
	spin_unlock_irq(&heap->lock);
	list_for_each_entry_safe(chunk, next, &cache, link)
		vmk_heap_put_chunk(heap->range, chunk);
	vmk_core_handle_del(&heap->handle);
	list_del(&heap->all_link);
	vmk_core_resource_del(&heap->resource);
	if (heap->pool)
		vmk_core_mempool_uncharge(heap->pool, heap->pool_pages);
	kfree_rcu(heap, rcu);
}

/* Name the live allocations of @heap, a bounded number of lines. */
static void vmk_heap_report(struct vmk_HeapInt *heap, const char *why)
{
	struct vmk_heap_chunk *chunk;
	unsigned long flags;
	unsigned int shown = 0, live = 0;

	spin_lock_irqsave(&heap->lock, flags);
	pr_warn("heap %s %s: %llu bytes still allocated\n",
		vmk_NameToString(&heap->name), why, heap->bytes);
	list_for_each_entry(chunk, &heap->chunks, link) {
		live++;
		if (shown++ < VMK_HEAP_REPORT_MAX)
			pr_warn("  %u bytes at %p allocated by %pS\n",
				chunk->size, (void *)chunk + VMK_HEAP_HDR,
				chunk->ra);
	}
	if (live > VMK_HEAP_REPORT_MAX)
		pr_warn("  and %u more allocation(s)\n",
			live - VMK_HEAP_REPORT_MAX);
	spin_unlock_irqrestore(&heap->lock, flags);
}

/*
 * Mark @heap dead if it is empty and nobody else is destroying it.
 * Returns VMK_OK, VMK_BUSY (allocations live) or VMK_INVALID_HANDLE.
 */
static VMK_ReturnStatus vmk_heap_try_kill(struct vmk_HeapInt *heap,
					  bool by_sync_waiter)
{
	VMK_ReturnStatus status = VMK_OK;
	unsigned long flags;

	spin_lock_irqsave(&heap->lock, flags);
	if (heap->dead || (heap->destroying && !by_sync_waiter))
		status = VMK_INVALID_HANDLE;
	else if (heap->bytes)
		status = VMK_BUSY;
	else
		heap->dead = true;
	spin_unlock_irqrestore(&heap->lock, flags);
	return status;
}

void vmk_HeapDestroy(vmk_HeapID id)
{
	struct vmk_HeapInt *heap;
	VMK_ReturnStatus status = VMK_INVALID_HANDLE;

	vmk_core_assert_may_block();
	mutex_lock(&vmk_heap_mutex);
	rcu_read_lock_sched();
	heap = vmk_heap_lookup(id);
	rcu_read_unlock_sched();
	if (heap)
		status = vmk_heap_try_kill(heap, false);
	if (status == VMK_OK)
		vmk_heap_remove(heap);
	else if (status == VMK_BUSY)
		vmk_heap_report(heap, "not destroyed");
	mutex_unlock(&vmk_heap_mutex);
	if (status == VMK_INVALID_HANDLE)
		vmk_core_bad_arg("unknown or already destroyed heap %p", id);
}
VMKAPI_EXPORT(vmk_HeapDestroy);

VMK_ReturnStatus vmk_HeapDestroySync(vmk_HeapID id, vmk_int64 timeoutMS)
{
	long timeout = timeoutMS > 0 ? msecs_to_jiffies(timeoutMS) :
		       MAX_SCHEDULE_TIMEOUT;
	VMK_ReturnStatus status = VMK_INVALID_HANDLE;
	struct vmk_HeapInt *heap;
	unsigned long flags;
	long left;

	vmk_core_assert_may_block();
	if (timeoutMS < 0) {
		vmk_core_bad_arg("heap %p timeout %lld", id, timeoutMS);
		return VMK_BAD_PARAM;
	}
	/* Claim the destroy, so the heap cannot go while this waits. */
	mutex_lock(&vmk_heap_mutex);
	rcu_read_lock_sched();
	heap = vmk_heap_lookup(id);
	rcu_read_unlock_sched();
	if (heap) {
		spin_lock_irqsave(&heap->lock, flags);
		if (!heap->dead && !heap->destroying) {
			heap->destroying = true;
			status = VMK_OK;
		}
		spin_unlock_irqrestore(&heap->lock, flags);
	}
	mutex_unlock(&vmk_heap_mutex);
	if (status != VMK_OK) {
		vmk_core_bad_arg("unknown or already destroyed heap %p", id);
		return status;
	}

	left = wait_event_interruptible_timeout(heap->drained,
						READ_ONCE(heap->bytes) == 0 ||
						vmk_core_death_pending(),
						timeout);
	mutex_lock(&vmk_heap_mutex);
	status = vmk_heap_try_kill(heap, true);
	if (status == VMK_OK) {
		vmk_heap_remove(heap);
	} else {
		spin_lock_irqsave(&heap->lock, flags);
		heap->destroying = false;
		spin_unlock_irqrestore(&heap->lock, flags);
		if (vmk_core_death_pending())
			status = VMK_DEATH_PENDING;
		else if (left < 0)
			status = VMK_WAIT_INTERRUPTED;
		else
			status = VMK_TIMEOUT;
	}
	mutex_unlock(&vmk_heap_mutex);
	return status;
}
VMKAPI_EXPORT(vmk_HeapDestroySync);

/*
 * The owning module unloaded with @heap alive: name what it left, free
 * all of it (nothing of the module can use it any more) and destroy the
 * heap.  Runs from the module registry's GOING notifier.
 */
static void vmk_heap_reclaim(struct vmk_core_resource *res)
{
	struct vmk_HeapInt *heap = container_of(res, struct vmk_HeapInt,
						resource);
	vmk_MemPhysAddrConstraint range = heap->range;
	struct vmk_heap_chunk *chunk, *next;
	unsigned long flags;
	LIST_HEAD(doomed);

	if (heap->bytes)
		vmk_heap_report(heap, "reclaimed at module unload");
	mutex_lock(&vmk_heap_mutex);
	spin_lock_irqsave(&heap->lock, flags);
	heap->dead = true;
	list_for_each_entry_safe(chunk, next, &heap->chunks, link) {
		vmk_heap_unlink_chunk(heap, chunk);
		list_add(&chunk->link, &doomed);
	}
	spin_unlock_irqrestore(&heap->lock, flags);
	vmk_heap_remove(heap);
	mutex_unlock(&vmk_heap_mutex);
	list_for_each_entry_safe(chunk, next, &doomed, link)
		vmk_heap_put_chunk(range, chunk);
}

VMK_ReturnStatus vmk_HeapGetProperties(vmk_HeapID id, vmk_HeapGetProps *props)
{
	struct vmk_HeapInt *heap;

	if (!props) {
		vmk_core_bad_arg("heap %p: NULL props", id);
		return VMK_BAD_PARAM;
	}
	rcu_read_lock_sched();
	heap = vmk_heap_lookup(id);
	if (heap) {
		memset(props, 0, sizeof(*props));
		vmk_NameCopy(&props->name, &heap->name);
		props->module = heap->module;
		props->initial = heap->initial;
		props->max = heap->max;
		props->physContiguity = heap->contiguity;
		props->physRange = heap->range;
		props->memPool = heap->pool;
	}
	rcu_read_unlock_sched();
	if (!heap) {
		vmk_core_bad_arg("unknown heap %p", id);
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HeapGetProperties);

VMK_ReturnStatus vmk_HeapDetermineMaxSize(vmk_HeapAllocationDescriptor *descriptors,
					  vmk_uint64 numDescriptors,
					  vmk_ByteCount *maxSize)
{
	u64 total = 0, each, i;

	if (!descriptors || !numDescriptors || !maxSize) {
		vmk_core_bad_arg("descriptors %p count %llu maxSize %p",
				 descriptors, numDescriptors, maxSize);
		return VMK_BAD_PARAM;
	}
	for (i = 0; i < numDescriptors; i++) {
		const vmk_HeapAllocationDescriptor *d = &descriptors[i];

		if (!d->size || !d->count || d->size > U32_MAX ||
		    (d->alignment && !is_power_of_2(d->alignment))) {
			vmk_core_bad_arg("descriptor %llu: size %llu alignment %llu count %llu",
					 i, d->size, d->alignment, d->count);
			return VMK_BAD_PARAM;
		}
		each = vmk_heap_charge(d->size, d->alignment);
		if (check_mul_overflow(each, d->count, &each) ||
		    check_add_overflow(total, each, &total) ||
		    total > U32_MAX)
			return VMK_LIMIT_EXCEEDED;
	}
	*maxSize = total;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HeapDetermineMaxSize);

int vmk_core_heap_stats(vmk_HeapID id, struct vmk_core_heap_stats *stats)
{
	struct vmk_HeapInt *heap;
	unsigned long flags;

	rcu_read_lock_sched();
	heap = vmk_heap_lookup(id);
	if (heap) {
		spin_lock_irqsave(&heap->lock, flags);
		stats->bytes = heap->bytes;
		stats->peak = heap->peak;
		stats->allocs = heap->allocs;
		stats->frees = heap->frees;
		stats->failures = heap->failures;
		stats->max = heap->max;
		stats->cached = heap->cached;
		spin_unlock_irqrestore(&heap->lock, flags);
	}
	rcu_read_unlock_sched();
	return heap ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_heap_stats, VMKAPI_INTERNAL);

void vmk_core_heap_show(struct seq_file *m)
{
	struct vmk_HeapInt *heap;
	char owner[VMK_MODULE_NAME_MAX];

	seq_printf(m, "%-16s %-32s %10s %10s %10s %10s %10s %10s %8s\n",
		   "module", "heap", "bytes", "peak", "max", "cached", "allocs",
		   "frees", "failures");
	mutex_lock(&vmk_heap_mutex);
	list_for_each_entry(heap, &vmk_heap_list, all_link) {
		if (vmk_core_module_name(heap->module, owner, sizeof(owner)))
			strscpy(owner, "?", sizeof(owner));
		spin_lock_irq(&heap->lock);
		seq_printf(m, "%-16s %-32s %10llu %10llu %10u %10llu %10llu %10llu %8llu\n",
			   owner, vmk_NameToString(&heap->name), heap->bytes,
			   heap->peak, heap->max, heap->cached, heap->allocs,
			   heap->frees, heap->failures);
		spin_unlock_irq(&heap->lock);
	}
	mutex_unlock(&vmk_heap_mutex);
}

/*
 * For the management plane (genl.c): the live heap created first among
 * those with serial >= @from, so a dump resumes after the last one it
 * sent.  May block (the list's mutex).
 */
int vmk_core_heap_next(u64 from, struct vmk_core_heap_info *info)
{
	struct vmk_HeapInt *heap;
	int ret = -ENOENT;

	mutex_lock(&vmk_heap_mutex);
	list_for_each_entry(heap, &vmk_heap_list, all_link) {
		if (heap->serial < from)
			continue;
		info->id = heap->serial;
		info->module = heap->module;
		strscpy(info->name, vmk_NameToString(&heap->name),
			sizeof(info->name));
		spin_lock_irq(&heap->lock);
		info->stats.bytes = heap->bytes;
		info->stats.peak = heap->peak;
		info->stats.allocs = heap->allocs;
		info->stats.frees = heap->frees;
		info->stats.failures = heap->failures;
		info->stats.max = heap->max;
		info->stats.cached = heap->cached;
		spin_unlock_irq(&heap->lock);
		ret = 0;
		break;
	}
	mutex_unlock(&vmk_heap_mutex);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_heap_next, VMKAPI_INTERNAL);
