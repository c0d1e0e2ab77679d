/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Heaps (reference section 6.1, base/vmkapi_heap.h).
 *
 * A heap is a module's own allocator with a name, a maximum size and
 * statistics, so memory is accounted per driver, capped, and anything
 * left behind is reported with the call site that allocated it.  On Linux
 * the memory itself comes from kmalloc (so one allocation is at most
 * 4 MB, physically contiguous); the heap adds the accounting, the cap and
 * the physical-range constraint.
 * A heap keeps a few freed small blocks for its next allocations of the
 * same size class (within its max), as a pre-grown ESXi heap holds its
 * memory: freed memory is reused, not zeroed.
 *
 * Contexts: allocation and free never block and may be called from any
 * context except NMI, including an interrupt acknowledge.  The
 * ...WithTimeout variants and vmk_HeapDestroySync may block and need a
 * world context.  Create and destroy need a world context.
 */
#ifndef _VMKAPI_HEAP_H_
#define _VMKAPI_HEAP_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef enum {
	/* Any contiguity, any address: a purely software heap. */
	VMK_HEAP_TYPE_SIMPLE = 0,
	/* Contiguity and physical range given in typeSpecific.custom. */
	VMK_HEAP_TYPE_CUSTOM = 1,
	/* Accounted against a memory pool (typeSpecific.memPool). */
	VMK_HEAP_TYPE_MEMPOOL = 2,
} vmk_HeapType;

typedef struct vmk_HeapCreateProps {
	vmk_HeapType type;
	vmk_Name name;
	vmk_ModuleID module;
	/* Bytes; initial <= max, and max > 0. */
	vmk_ByteCountSmall initial;
	vmk_ByteCountSmall max;
	/* How long creation may wait for memory; 0 never blocks. */
	vmk_uint32 creationTimeoutMS;
	union {
		struct {
			vmk_MemPhysContiguity physContiguity;
			vmk_MemPhysAddrConstraint physRange;
		} custom;
		struct {
			vmk_MemPhysContiguity physContiguity;
			vmk_MemPhysAddrConstraint physRange;
			vmk_MemPool memPool;
		} memPool;
	} typeSpecific;
} vmk_HeapCreateProps;

typedef struct vmk_HeapGetProps {
	vmk_Name name;
	vmk_ModuleID module;
	vmk_ByteCountSmall initial;
	vmk_ByteCountSmall max;
	vmk_MemPhysContiguity physContiguity;
	vmk_MemPhysAddrConstraint physRange;
	vmk_MemPool memPool;
} vmk_HeapGetProps;

/* "count objects of size bytes at this alignment (0: the heap's own)". */
typedef struct vmk_HeapAllocationDescriptor {
	vmk_ByteCount size;
	vmk_ByteCount alignment;
	vmk_uint64 count;
} vmk_HeapAllocationDescriptor;

/*
 * vmk_HeapCreate - create a heap that grows on demand up to props->max.
 * World context; blocks only if props->creationTimeoutMS is not 0.
 * VMK_BAD_PARAM for a NULL argument, max 0, initial > max or an unknown
 * type or constraint; VMK_INVALID_MODULE for an unregistered module;
 * VMK_NO_MEMORY.  A VMK_HEAP_TYPE_MEMPOOL heap reserves its whole max
 * (in pages) in its pool while it lives: VMK_BAD_PARAM if the pool is not
 * a live leaf pool, VMK_NO_RESOURCES if that exceeds a pool limit.  The
 * memory itself still comes from the kernel allocator, with the pool's
 * contiguity and range.  The heap counts as a resource of props->module.
 */
VMK_ReturnStatus vmk_HeapCreate(vmk_HeapCreateProps *props,
				vmk_HeapID *heapID);

/*
 * vmk_HeapDestroy - destroy an empty heap.  Does not block; world
 * context.  A heap that still has allocations is not destroyed: each
 * live allocation is logged with its size and call site, and the heap
 * stays until it is emptied and destroyed again, or until its module
 * unloads (then the core reclaims it).  An unknown or already destroyed
 * heap is logged and ignored.
 */
void vmk_HeapDestroy(vmk_HeapID heap);

/*
 * vmk_HeapDestroySync - wait until the heap is empty, then destroy it.
 * May block; world context.  timeoutMS 0 waits without limit.
 * VMK_TIMEOUT, VMK_WAIT_INTERRUPTED (a signal), VMK_DEATH_PENDING (the
 * calling world is being destroyed): the heap was not destroyed.
 * VMK_INVALID_HANDLE for an unknown heap.
 */
VMK_ReturnStatus vmk_HeapDestroySync(vmk_HeapID heap, vmk_int64 timeoutMS);

/*
 * vmk_HeapFree - return memory to the heap it came from.  Never blocks;
 * any context but NMI.  NULL, or memory of another heap, is logged and
 * ignored.
 */
void vmk_HeapFree(vmk_HeapID heap, void *mem);

/*
 * vmk_HeapFreeByMA - vmk_HeapFree for the allocation that starts at
 * machine address @ma (what vmk_VA2MA gave for the pointer the heap
 * returned), for old code that kept only that.  Every heap here is
 * physically contiguous per allocation, so any heap will do.  Slow: it
 * walks the heap's live allocations.  Never blocks; any context but
 * NMI.  An @ma (0 included) where no allocation of the heap starts, or
 * an unknown heap, is logged and ignored.
 */
void vmk_HeapFreeByMA(vmk_HeapID heap, vmk_MA ma);

/*
 * vmk_HeapAllocWithRA / vmk_HeapAlignWithRA - allocate size bytes (with
 * the given power-of-two alignment), recording ra (NULL: the caller of
 * this function) as the call site that leak reports name.  Never block; any context but NMI.  NULL when the
 * heap would exceed its maximum, memory is short, or an argument is bad
 * (size 0, alignment not a power of two).  Memory is not zeroed.
 */
void *vmk_HeapAllocWithRA(vmk_HeapID heap, vmk_uint32 size, void *ra);
void *vmk_HeapAlignWithRA(vmk_HeapID heap, vmk_uint32 size,
			  vmk_uint32 align, void *ra);

/*
 * The ...WithTimeout variants may block up to timeoutMS waiting for
 * memory while the heap is below its maximum; a full heap fails at once.
 * World context unless timeoutMS is 0.
 */
void *vmk_HeapAllocWithTimeoutAndRA(vmk_HeapID heap, vmk_uint32 size,
				    vmk_uint32 timeoutMS, void *ra);
void *vmk_HeapAlignWithTimeoutAndRA(vmk_HeapID heap, vmk_uint32 size,
				    vmk_uint32 align, vmk_uint32 timeoutMS,
				    void *ra);

/*
 * The everyday forms pass no return address: the core then records the
 * address its entry point returns to, which is the allocating statement
 * itself, so a leak report names the line that allocated.  (A driver
 * that allocates through a wrapper passes its own caller to ...WithRA.)
 */
#define VMK_HEAP_RA_CALL_SITE	((void *)0)

#define vmk_HeapAlloc(_heap, _size) \
	vmk_HeapAllocWithRA((_heap), (_size), VMK_HEAP_RA_CALL_SITE)
#define vmk_HeapAlign(_heap, _size, _alignment) \
	vmk_HeapAlignWithRA((_heap), (_size), (_alignment), \
			    VMK_HEAP_RA_CALL_SITE)
#define vmk_HeapAllocWithTimeout(_heap, _size, _timeoutMS) \
	vmk_HeapAllocWithTimeoutAndRA((_heap), (_size), (_timeoutMS), \
				      VMK_HEAP_RA_CALL_SITE)
#define vmk_HeapAlignWithTimeout(_heap, _size, _alignment, _timeoutMS) \
	vmk_HeapAlignWithTimeoutAndRA((_heap), (_size), (_alignment), \
				      (_timeoutMS), VMK_HEAP_RA_CALL_SITE)

/*
 * vmk_HeapGetProperties - the heap's properties.  Never blocks; any
 * context but NMI.  VMK_BAD_PARAM for an unknown heap or NULL props.
 */
VMK_ReturnStatus vmk_HeapGetProperties(vmk_HeapID heap,
				       vmk_HeapGetProps *props);

/*
 * vmk_HeapDetermineMaxSize - the maximum a heap needs so that every
 * allocation the descriptors describe fits at once (the per-allocation
 * overhead included; fragmentation is not, add a margin).  A heap created
 * with exactly this max can hold all of them.  Never blocks; any context.
 * VMK_BAD_PARAM for NULL arguments, a zero size or count, or an alignment
 * that is not 0 or a power of two; VMK_LIMIT_EXCEEDED if the total does
 * not fit a heap's 32-bit maximum.
 */
VMK_ReturnStatus vmk_HeapDetermineMaxSize(vmk_HeapAllocationDescriptor *descriptors,
					  vmk_uint64 numDescriptors,
					  vmk_ByteCount *maxSize);

#endif /* _VMKAPI_HEAP_H_ */
