/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory pools (reference section 6.3, core/vmkapi_mempool.h): machine
 * page pools for admission control.
 *
 * Pools form a tree.  A PARENT pool only groups children; pages are
 * allocated from LEAF pools.  Each pool has a reservation and a limit, in
 * pages.  Reservations are admission control: the reservations of a
 * pool's children together never exceed the pool's own reservation (and
 * root pools together never reserve more than the machine's RAM).  The
 * limit (0: none) caps the pages in use in the pool and all its
 * descendants; an allocation must fit under the limit of its pool and of
 * every ancestor.  Here a reservation is a promise kept by accounting
 * only: reserved pages are not set aside in advance.
 *
 * Pages come from the Linux page allocator; an MPN is a PFN.  A pool is
 * a resource of its module: one left at unload is reported and
 * destroyed, and the pages it still had are freed.
 *
 * Contexts: create, destroy, set/get props and free never block and may
 * be called from any context but NMI and an interrupt acknowledge.
 * vmk_MemPoolAlloc blocks only when creationTimeoutMS is not 0 (then it
 * needs a world context); with 0 it may be called like free.
 */
#ifndef _VMKAPI_MEMPOOL_H_
#define _VMKAPI_MEMPOOL_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* vmk_MemPool and VMK_MEMPOOL_INVALID are declared in vmkapi_types.h. */

/* A limit of 0: the pool has no limit of its own. */
#define VMK_MEMPOOL_NO_LIMIT	0

typedef enum vmk_MemPoolType {
	/* Groups other pools; cannot be allocated from. */
	VMK_MEM_POOL_PARENT = 0,
	/* Can be allocated from; cannot have children. */
	VMK_MEM_POOL_LEAF = 1,
} vmk_MemPoolType;

/* Pages: guaranteed minimum (admission control) and maximum in use. */
typedef struct vmk_MemPoolResourceProps {
	vmk_uint32 reservation;
	vmk_uint32 limit;
} vmk_MemPoolResourceProps;

typedef struct vmk_MemPoolProps {
	vmk_Name name;
	vmk_ModuleID module;
	/* VMK_MEMPOOL_INVALID for a root pool; otherwise a PARENT pool. */
	vmk_MemPool parentMemPool;
	vmk_MemPoolType memPoolType;
	vmk_MemPoolResourceProps resourceProps;
} vmk_MemPoolProps;

typedef struct vmk_MemPoolAllocProps {
	vmk_MemPhysContiguity physContiguity;
	vmk_MemPhysAddrConstraint physRange;
	/* How long to wait for free memory; 0 never blocks. */
	vmk_uint32 creationTimeoutMS;
} vmk_MemPoolAllocProps;

/*
 * numPages pages, described in mpnRanges (numElements entries).  A
 * VMK_MEM_PHYS_CONTIGUOUS allocation fills mpnRanges[0] with the whole
 * run; any other fills one range of one page per page, so it needs
 * numElements >= numPages.  vmk_MemPoolFree takes the same description.
 */
typedef struct vmk_MemPoolAllocRequest {
	vmk_uint32 numPages;
	vmk_uint32 numElements;
	vmk_MpnRange *mpnRanges;
} vmk_MemPoolAllocRequest;

/*
 * vmk_MemPoolCreate - create a pool.  Never blocks; world context.
 * VMK_BAD_PARAM: NULL argument, unknown type, a parent that is not a live
 * PARENT pool.  VMK_INVALID_NAME: empty name.  VMK_INVALID_MODULE: module
 * not registered.  VMK_RESERVATION_GT_LIMIT: reservation above a
 * non-zero limit.  VMK_NO_RESOURCES: the reservation does not fit in what
 * the parent (or, for a root pool, the machine) has left unreserved.
 * A child's limit may exceed its parent's; the parent's still applies.
 */
VMK_ReturnStatus vmk_MemPoolCreate(vmk_MemPoolProps *props,
				   vmk_MemPool *pool);

/*
 * vmk_MemPoolSetProps - change a pool's reservation and limit.  Never
 * blocks.  Statuses as for create; VMK_BAD_PARAM also for a reservation
 * below what the pool's children have reserved.  A limit below the pages
 * now in use is accepted: allocations fail until enough are freed.
 */
VMK_ReturnStatus vmk_MemPoolSetProps(const vmk_MemPool pool,
				     const vmk_MemPoolResourceProps *props);

/* vmk_MemPoolGetProps - a pool's reservation and limit.  Never blocks. */
VMK_ReturnStatus vmk_MemPoolGetProps(const vmk_MemPool pool,
				     vmk_MemPoolResourceProps *props);

/*
 * vmk_MemPoolDestroy - destroy a pool that has no children and no pages
 * allocated.  Never blocks.  VMK_BUSY: it still has pages or children
 * (it stays).  VMK_BAD_PARAM: unknown or already destroyed pool.
 */
VMK_ReturnStatus vmk_MemPoolDestroy(vmk_MemPool pool);

/*
 * vmk_MemPoolAlloc - allocate request->numPages machine pages from a LEAF
 * pool and describe them in request->mpnRanges.  The pages are zeroed.
 * Blocks up to props->creationTimeoutMS waiting for free memory (0: never
 * blocks).  A contiguous allocation is limited to what the page allocator
 * can hand out in one block (4 MB with 4 KB pages).
 * VMK_BAD_PARAM: unknown or PARENT pool, NULL props/request/mpnRanges,
 * zero pages or elements, unknown contiguity or range.
 * VMK_LIMIT_EXCEEDED: numElements too small for the ranges.
 * VMK_NO_RESOURCES: the pool or an ancestor would exceed its limit.
 * VMK_NO_MEMORY: no free memory (in the range asked) in time.
 */
VMK_ReturnStatus vmk_MemPoolAlloc(vmk_MemPool pool,
				  const vmk_MemPoolAllocProps *props,
				  const vmk_MemPoolAllocRequest *request);

/*
 * vmk_MemPoolFree - free the pages a request describes: request->numPages
 * pages, taken from the ranges in order (a range may be a part of what
 * one allocation returned).  Never blocks.  VMK_BAD_PARAM: NULL request or
 * ranges, zero pages, ranges that describe fewer pages than numPages, or
 * a page that is not allocated from a pool; nothing is freed then.
 */
VMK_ReturnStatus vmk_MemPoolFree(const vmk_MemPoolAllocRequest *request);

#endif /* _VMKAPI_MEMPOOL_H_ */
