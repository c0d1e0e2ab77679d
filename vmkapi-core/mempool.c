// SPDX-License-Identifier: GPL-2.0
/*
 * Memory pools: machine-page pools with reservations and limits.
 *
 * One spinlock guards the whole pool tree: the live-pool hash, every
 * pool's accounting, and the record of which pool each allocated page
 * belongs to.  A charge has to check and update the limit of every
 * ancestor at once, and vmk_MemPoolFree names pages, not a pool, so it
 * must find each page's pool and uncharge it without racing a module's
 * pool being reclaimed; one lock makes both simple, and every critical
 * section is short (a walk up the tree, or one entry per page).
 *
 * Page ownership is an xarray from PFN to pool.  A slot is reserved
 * before the lock is taken (that may allocate), so storing under the
 * lock never allocates.
 *
 * A pool's memory lives as long as something refers to it: its live
 * state (until destroyed or reclaimed), each child (which charges its
 * ancestors), each allocation in flight, and each charge taken through
 * vmk_core_mempool_charge.  Pages do not hold references: a pool with
 * pages in use cannot be destroyed, and reclaim frees its pages first.
 */
#include "vmkapi_core.h"

#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/hashtable.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/xarray.h>

#define VMK_MEMPOOL_MAGIC	0x4d506f6c	/* "MPol" */

struct vmk_MemPoolInt {
	u32 magic;
	struct hlist_node hash_link;
	struct vmk_core_resource resource;
	vmk_Name name;
	vmk_ModuleID module;
	vmk_MemPoolType type;
	struct vmk_MemPoolInt *parent;

	/* Everything below is under vmk_mempool_lock. */
	u32 reservation;
	u32 limit;
	u64 child_reserved;	/* sum of the live children's reservations */
	unsigned int children;	/* live children */
	u64 used;		/* pages in use here and below */
	u64 peak;
	u64 allocs;		/* pages allocated from this pool */
	u64 frees;		/* pages freed back to it */
	u64 failures;		/* refused or failed allocation requests */
	unsigned int refs;
	bool dead;
};

static DEFINE_SPINLOCK(vmk_mempool_lock);
static DEFINE_HASHTABLE(vmk_mempools, 6);
/* What the root pools have reserved, against the machine's RAM. */
static u64 vmk_mempool_root_reserved;
/*
 * PFN -> owning pool.  Only touched with vmk_mempool_lock held and
 * interrupts off, except xa_reserve_irq, which disables them itself.
 */
static DEFINE_XARRAY_FLAGS(vmk_mempool_pages, XA_FLAGS_LOCK_IRQ);

/* Caller holds vmk_mempool_lock.  A live pool, or NULL. */
static struct vmk_MemPoolInt *vmk_mempool_find(vmk_MemPool handle)
{
	struct vmk_MemPoolInt *pool;

	if (!handle)
		return NULL;
	hash_for_each_possible(vmk_mempools, pool, hash_link,
			       (unsigned long)handle)
		if (pool == handle && pool->magic == VMK_MEMPOOL_MAGIC &&
		    !pool->dead)
			return pool;
	return NULL;
}

/* Caller holds vmk_mempool_lock.  Frees pools whose last reference goes. */
static void vmk_mempool_put(struct vmk_MemPoolInt *pool)
{
	struct vmk_MemPoolInt *parent;

	while (pool && --pool->refs == 0) {
		parent = pool->parent;
		pool->magic = 0;
		kfree(pool);
		pool = parent;
	}
}

/*
 * Caller holds vmk_mempool_lock.  Charge @pages to @pool and all its
 * ancestors, or to none of them if any would exceed its limit.
 */
static bool vmk_mempool_charge_locked(struct vmk_MemPoolInt *pool, u64 pages)
{
	struct vmk_MemPoolInt *p;

	for (p = pool; p; p = p->parent)
		if (p->limit && p->used + pages > p->limit)
			return false;
	for (p = pool; p; p = p->parent) {
		p->used += pages;
		if (p->used > p->peak)
			p->peak = p->used;
	}
	return true;
}

static void vmk_mempool_uncharge_locked(struct vmk_MemPoolInt *pool,
					u64 pages)
{
	struct vmk_MemPoolInt *p;

	for (p = pool; p; p = p->parent) {
		if (WARN_ON_ONCE(p->used < pages))
			p->used = 0;
		else
			p->used -= pages;
	}
}

/*
 * Caller holds vmk_mempool_lock.  End @pool's life as a handle: no more
 * lookups, its reservation returns to its parent (or the machine), and
 * its live reference goes.
 */
static void vmk_mempool_unlink(struct vmk_MemPoolInt *pool)
{
	struct vmk_MemPoolInt *parent = pool->parent;

	pool->dead = true;
	hash_del(&pool->hash_link);
	if (parent) {
		parent->children--;
		parent->child_reserved -= pool->reservation;
	} else {
		vmk_mempool_root_reserved -= pool->reservation;
	}
	vmk_core_resource_del(&pool->resource);
	vmk_mempool_put(pool);
}

/*
 * Caller holds vmk_mempool_lock.  Can @pool (whose parent is @parent)
 * hold reservation @res and limit @limit?  @old is what it reserves now.
 */
static VMK_ReturnStatus vmk_mempool_admit(struct vmk_MemPoolInt *parent,
					  u64 old, u32 res, u32 limit)
{
	if (limit && res > limit)
		return VMK_RESERVATION_GT_LIMIT;
	if (parent)
		return parent->child_reserved - old + res <=
		       parent->reservation ? VMK_OK : VMK_NO_RESOURCES;
	return vmk_mempool_root_reserved - old + res <= totalram_pages() ?
	       VMK_OK : VMK_NO_RESOURCES;
}

static void vmk_mempool_describe(struct vmk_core_resource *res, char *buf,
				 size_t len)
{
	struct vmk_MemPoolInt *pool = container_of(res, struct vmk_MemPoolInt,
						   resource);

	snprintf(buf, len, "%s: %llu page(s) in use, %u child pool(s)",
		 vmk_NameToString(&pool->name), pool->used, pool->children);
}

static void vmk_mempool_reclaim(struct vmk_core_resource *res);

static const struct vmk_core_resource_type vmk_mempool_resource = {
	.kind = "memory pool",
	.describe = vmk_mempool_describe,
	.reclaim = vmk_mempool_reclaim,
};

VMK_ReturnStatus vmk_MemPoolCreate(vmk_MemPoolProps *props, vmk_MemPool *out)
{
	struct vmk_MemPoolInt *pool, *parent = NULL;
	vmk_MemPoolResourceProps rp;
	VMK_ReturnStatus status;
	unsigned long flags;

	vmk_core_assert_may_deschedule();
	if (!props || !out) {
		vmk_core_bad_arg("props %p pool %p", props, out);
		return VMK_BAD_PARAM;
	}
	*out = VMK_MEMPOOL_INVALID;
	rp = props->resourceProps;
	if (props->memPoolType != VMK_MEM_POOL_PARENT &&
	    props->memPoolType != VMK_MEM_POOL_LEAF) {
		vmk_core_bad_arg("pool type %d", props->memPoolType);
		return VMK_BAD_PARAM;
	}
	if (!props->name.string[0]) {
		vmk_core_bad_arg("pool with an empty name");
		return VMK_INVALID_NAME;
	}
	if (rp.limit && rp.reservation > rp.limit) {
		vmk_core_bad_arg("pool %s: reservation %u above limit %u",
				 vmk_NameToString(&props->name),
				 rp.reservation, rp.limit);
		return VMK_RESERVATION_GT_LIMIT;
	}

	/* Never blocks, so no sleeping allocation. */
	pool = kzalloc(sizeof(*pool), GFP_NOWAIT | __GFP_NOWARN);
	if (!pool)
		return VMK_NO_MEMORY;
	pool->magic = VMK_MEMPOOL_MAGIC;
	vmk_NameCopy(&pool->name, &props->name);
	pool->module = props->module;
	pool->type = props->memPoolType;
	pool->reservation = rp.reservation;
	pool->limit = rp.limit;
	pool->refs = 1;

	spin_lock_irqsave(&vmk_mempool_lock, flags);
	if (props->parentMemPool != VMK_MEMPOOL_INVALID) {
		parent = vmk_mempool_find(props->parentMemPool);
		if (!parent || parent->type != VMK_MEM_POOL_PARENT) {
			status = VMK_BAD_PARAM;
			goto out_unlock;
		}
	}
	status = vmk_mempool_admit(parent, 0, rp.reservation, rp.limit);
	if (status != VMK_OK)
		goto out_unlock;
	status = vmk_core_resource_add(&pool->resource, &vmk_mempool_resource,
				       props->module);
	if (status != VMK_OK)
		goto out_unlock;
	pool->parent = parent;
	if (parent) {
		parent->refs++;
		parent->children++;
		parent->child_reserved += rp.reservation;
	} else {
		vmk_mempool_root_reserved += rp.reservation;
	}
	hash_add(vmk_mempools, &pool->hash_link, (unsigned long)pool);
	*out = pool;
out_unlock:
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	if (status != VMK_OK) {
		vmk_core_bad_arg("pool %s (module %d, parent %p, reservation %u): %s",
				 vmk_NameToString(&props->name), props->module,
				 props->parentMemPool, rp.reservation,
				 vmk_StatusToString(status));
		kfree(pool);
	}
	return status;
}
VMKAPI_EXPORT(vmk_MemPoolCreate);

VMK_ReturnStatus vmk_MemPoolSetProps(const vmk_MemPool handle,
				     const vmk_MemPoolResourceProps *props)
{
	VMK_ReturnStatus status = VMK_BAD_PARAM;
	struct vmk_MemPoolInt *pool;
	unsigned long flags;

	vmk_core_assert_may_deschedule();
	if (!props) {
		vmk_core_bad_arg("pool %p: NULL props", handle);
		return VMK_BAD_PARAM;
	}
	spin_lock_irqsave(&vmk_mempool_lock, flags);
	pool = vmk_mempool_find(handle);
	/* The children's reservations must still fit in the new one. */
	if (pool && props->reservation >= pool->child_reserved)
		status = vmk_mempool_admit(pool->parent, pool->reservation,
					   props->reservation, props->limit);
	if (status == VMK_OK) {
		if (pool->parent)
			pool->parent->child_reserved += (u64)props->reservation -
							pool->reservation;
		else
			vmk_mempool_root_reserved += (u64)props->reservation -
						     pool->reservation;
		pool->reservation = props->reservation;
		pool->limit = props->limit;
	}
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	if (status != VMK_OK)
		vmk_core_bad_arg("pool %p: reservation %u limit %u: %s", handle,
				 props->reservation, props->limit,
				 vmk_StatusToString(status));
	return status;
}
VMKAPI_EXPORT(vmk_MemPoolSetProps);

VMK_ReturnStatus vmk_MemPoolGetProps(const vmk_MemPool handle,
				     vmk_MemPoolResourceProps *props)
{
	struct vmk_MemPoolInt *pool;
	unsigned long flags;

	if (!props) {
		vmk_core_bad_arg("pool %p: NULL props", handle);
		return VMK_BAD_PARAM;
	}
	spin_lock_irqsave(&vmk_mempool_lock, flags);
	pool = vmk_mempool_find(handle);
	if (pool) {
		props->reservation = pool->reservation;
		props->limit = pool->limit;
	}
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	if (!pool) {
		vmk_core_bad_arg("unknown pool %p", handle);
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_MemPoolGetProps);

VMK_ReturnStatus vmk_MemPoolDestroy(vmk_MemPool handle)
{
	VMK_ReturnStatus status = VMK_BAD_PARAM;
	struct vmk_MemPoolInt *pool;
	unsigned long flags;
	u64 used = 0;
	unsigned int children = 0;

	vmk_core_assert_may_deschedule();
	spin_lock_irqsave(&vmk_mempool_lock, flags);
	pool = vmk_mempool_find(handle);
	if (pool) {
		used = pool->used;
		children = pool->children;
		status = used || children ? VMK_BUSY : VMK_OK;
	}
	if (status == VMK_OK)
		vmk_mempool_unlink(pool);
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	if (status == VMK_BAD_PARAM)
		vmk_core_bad_arg("unknown or already destroyed pool %p", handle);
	else if (status == VMK_BUSY)
		pr_warn("memory pool %p not destroyed: %llu page(s) in use, %u child pool(s)\n",
			handle, used, children);
	return status;
}
VMKAPI_EXPORT(vmk_MemPoolDestroy);

/*
 * The owning module unloaded with @pool alive: free the pages still
 * allocated from it (no one may use them now) and end the pool.  Child
 * pools of other modules keep working; the dead pool's accounting stays
 * until the last of them goes.
 */
static void vmk_mempool_reclaim(struct vmk_core_resource *res)
{
	struct vmk_MemPoolInt *pool = container_of(res, struct vmk_MemPoolInt,
						   resource);
	unsigned long flags, index;
	u64 freed = 0;
	void *entry;

	spin_lock_irqsave(&vmk_mempool_lock, flags);
	if (pool->dead) {
		spin_unlock_irqrestore(&vmk_mempool_lock, flags);
		return;
	}
	pr_warn("memory pool %s reclaimed at module unload: %llu page(s) in use, %u child pool(s)\n",
		vmk_NameToString(&pool->name), pool->used, pool->children);
	xa_for_each(&vmk_mempool_pages, index, entry) {
		if (entry != pool)
			continue;
		xa_erase(&vmk_mempool_pages, index);
		vmk_mempool_uncharge_locked(pool, 1);
		pool->frees++;
		__free_page(pfn_to_page(index));
		freed++;
	}
	if (freed)
		pr_warn("  freed %llu page(s) of memory pool %s\n", freed,
			vmk_NameToString(&pool->name));
	vmk_mempool_unlink(pool);
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
}

/* The first machine address @range excludes; 0 for none. */
static phys_addr_t vmk_mempool_range_end(vmk_MemPhysAddrConstraint range)
{
	switch (range) {
	case VMK_PHYS_ADDR_BELOW_2GB:
		return SZ_2G;
	case VMK_PHYS_ADDR_BELOW_4GB:
		return SZ_4G;
	case VMK_PHYS_ADDR_BELOW_512GB:
		return (phys_addr_t)512 << 30;
	default:
		return 0;
	}
}

static bool vmk_mempool_in_range(unsigned long pfn, unsigned long count,
				 phys_addr_t end)
{
	return !end || PFN_PHYS(pfn + count) <= end;
}

static void vmk_mempool_free_pfns(unsigned long pfn, unsigned long count)
{
	while (count--)
		__free_page(pfn_to_page(pfn++));
}

/*
 * One block of @count consecutive pages, as order-0 pages so each can be
 * freed alone (vmk_MemPoolFree may free part of an allocation).
 */
static bool vmk_mempool_get_block(gfp_t gfp, unsigned int count,
				  phys_addr_t end, unsigned long *pfn)
{
	unsigned int order = get_order((size_t)count << PAGE_SHIFT);
	struct page *page;

	page = alloc_pages(gfp, order);
	if (!page)
		return false;
	split_page(page, order);
	*pfn = page_to_pfn(page);
	vmk_mempool_free_pfns(*pfn + count, (1UL << order) - count);
	if (vmk_mempool_in_range(*pfn, count, end))
		return true;
	vmk_mempool_free_pfns(*pfn, count);
	return false;
}

static bool vmk_mempool_get_page(gfp_t gfp, phys_addr_t end,
				 unsigned long *pfn)
{
	struct page *page = alloc_page(gfp);

	if (!page)
		return false;
	*pfn = page_to_pfn(page);
	if (vmk_mempool_in_range(*pfn, 1, end))
		return true;
	__free_page(page);
	return false;
}

/* The PFN of page @i of an allocation described by @req. */
static unsigned long vmk_mempool_req_pfn(const vmk_MemPoolAllocRequest *req,
					 bool contiguous, unsigned int i)
{
	return contiguous ? req->mpnRanges[0].startMPN + i :
			    req->mpnRanges[i].startMPN;
}

static void vmk_mempool_put_pages(const vmk_MemPoolAllocRequest *req,
				  bool contiguous, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		__free_page(pfn_to_page(vmk_mempool_req_pfn(req, contiguous,
							    i)));
}

/*
 * Get the pages of @req from the page allocator into req->mpnRanges,
 * retrying until @deadline when the caller may block.
 */
static bool vmk_mempool_get_pages(const vmk_MemPoolAllocProps *props,
				  const vmk_MemPoolAllocRequest *req,
				  bool may_block, unsigned long deadline)
{
	phys_addr_t end = vmk_mempool_range_end(props->physRange);
	bool contiguous = props->physContiguity == VMK_MEM_PHYS_CONTIGUOUS;
	gfp_t gfp = (may_block ? GFP_KERNEL : GFP_NOWAIT) | __GFP_NOWARN |
		    __GFP_ZERO;
	unsigned long pfn;
	unsigned int i = 0;

	if (end && end <= SZ_4G)
		gfp |= GFP_DMA32;
	while (i < (contiguous ? 1 : req->numPages)) {
		bool ok = contiguous ?
			  vmk_mempool_get_block(gfp, req->numPages, end, &pfn) :
			  vmk_mempool_get_page(gfp, end, &pfn);

		if (ok) {
			req->mpnRanges[i].startMPN = pfn;
			req->mpnRanges[i].numPages = contiguous ?
						     req->numPages : 1;
			i++;
			continue;
		}
		if (!may_block || time_after(jiffies, deadline) ||
		    vmk_core_death_pending())
			break;
		usleep_range(1000, 2000);
	}
	if (i == (contiguous ? 1 : req->numPages))
		return true;
	if (contiguous)
		return false;
	vmk_mempool_put_pages(req, false, i);
	return false;
}

/* Caller holds vmk_mempool_lock.  Drop reserved page slots. */
static void vmk_mempool_release_slots(const vmk_MemPoolAllocRequest *req,
				      bool contiguous, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		xa_release(&vmk_mempool_pages,
			   vmk_mempool_req_pfn(req, contiguous, i));
}

static bool vmk_mempool_alloc_args_ok(vmk_MemPool handle,
				      const vmk_MemPoolAllocProps *props,
				      const vmk_MemPoolAllocRequest *req,
				      unsigned long caller,
				      VMK_ReturnStatus *status)
{
	*status = VMK_BAD_PARAM;
	if (!props || !req || !req->mpnRanges || !req->numPages ||
	    !req->numElements) {
		vmk_core_bad_arg_from(caller, "pool %p: props %p request %p",
				      handle, props, req);
		return false;
	}
	if (props->physContiguity > VMK_MEM_PHYS_DISCONTIGUOUS ||
	    props->physRange > VMK_PHYS_ADDR_BELOW_512GB) {
		vmk_core_bad_arg_from(caller, "pool %p: contiguity %d range %d",
				      handle, props->physContiguity,
				      props->physRange);
		return false;
	}
	if (props->physContiguity != VMK_MEM_PHYS_CONTIGUOUS &&
	    req->numElements < req->numPages) {
		*status = VMK_LIMIT_EXCEEDED;
		vmk_core_bad_arg_from(caller, "pool %p: %u range(s) for %u discontiguous page(s)",
				      handle, req->numElements, req->numPages);
		return false;
	}
	if (props->physContiguity == VMK_MEM_PHYS_CONTIGUOUS &&
	    get_order((size_t)req->numPages << PAGE_SHIFT) >= MAX_ORDER) {
		*status = VMK_NO_MEMORY;
		return false;
	}
	return true;
}

VMK_ReturnStatus vmk_MemPoolAlloc(vmk_MemPool handle,
				  const vmk_MemPoolAllocProps *props,
				  const vmk_MemPoolAllocRequest *request)
{
	/*
	 * Work on a copy of the request's header, so what is charged is
	 * what is uncharged even if the caller's struct changes meanwhile.
	 */
	vmk_MemPoolAllocRequest copy = {}, *req = &copy;
	struct vmk_MemPoolInt *pool;
	VMK_ReturnStatus status;
	unsigned long flags, deadline;
	unsigned int i, nslots = 0;
	bool contiguous, may_block, charged = false;
	/* For the failure report, which must not look at a freed pool. */
	vmk_ModuleID module = VMK_INVALID_MODULE_ID;
	char name[VMK_MISC_NAME_MAX];
	gfp_t gfp;

	vmk_core_assert_may_deschedule();
	if (request)
		copy = *request;
	if (!vmk_mempool_alloc_args_ok(handle, props, request ? req : NULL,
				       _RET_IP_, &status))
		return status;
	contiguous = props->physContiguity == VMK_MEM_PHYS_CONTIGUOUS;
	may_block = props->creationTimeoutMS != 0;
	if (may_block)
		vmk_core_assert_may_block();
	deadline = jiffies + msecs_to_jiffies(props->creationTimeoutMS);
	gfp = may_block ? GFP_KERNEL : GFP_NOWAIT;

	/* Charge first, so concurrent allocations cannot overshoot a limit. */
	spin_lock_irqsave(&vmk_mempool_lock, flags);
	pool = vmk_mempool_find(handle);
	if (!pool || pool->type != VMK_MEM_POOL_LEAF) {
		status = VMK_BAD_PARAM;
	} else if (!vmk_mempool_charge_locked(pool, req->numPages)) {
		pool->failures++;
		status = VMK_NO_RESOURCES;
	} else {
		pool->refs++;	/* for the allocation in flight */
		charged = true;
		status = VMK_OK;
	}
	if (pool) {
		module = pool->module;
		strscpy(name, pool->name.string, sizeof(name));
	}
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	if (status == VMK_BAD_PARAM) {
		vmk_core_bad_arg("pool %p is not a live leaf pool", handle);
		return status;
	}
	if (!charged)
		goto out_report;

	status = VMK_NO_MEMORY;
	if (!vmk_mempool_get_pages(props, req, may_block, deadline))
		goto out_uncharge;
	for (i = 0; i < req->numPages; i++, nslots++)
		if (xa_reserve_irq(&vmk_mempool_pages,
				   vmk_mempool_req_pfn(req, contiguous, i), gfp))
			break;

	spin_lock_irqsave(&vmk_mempool_lock, flags);
	if (nslots == req->numPages && !pool->dead) {
		for (i = 0; i < req->numPages; i++)
			xa_store(&vmk_mempool_pages,
				 vmk_mempool_req_pfn(req, contiguous, i),
				 pool, GFP_NOWAIT);
		pool->allocs += req->numPages;
		vmk_mempool_put(pool);
		spin_unlock_irqrestore(&vmk_mempool_lock, flags);
		return VMK_OK;
	}
	/* Out of memory for the page records, or the pool was reclaimed. */
	if (pool->dead)
		status = VMK_BAD_PARAM;
	vmk_mempool_release_slots(req, contiguous, nslots);
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	vmk_mempool_put_pages(req, contiguous, req->numPages);
out_uncharge:
	spin_lock_irqsave(&vmk_mempool_lock, flags);
	vmk_mempool_uncharge_locked(pool, req->numPages);
	pool->failures++;
	vmk_mempool_put(pool);
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
out_report:
	vmk_core_alloc_failed(VMK_CORE_ALLOC_MEMPOOL, module, name,
			      (u64)req->numPages << PAGE_SHIFT, status,
			      (void *)_RET_IP_);
	return status;
}
VMKAPI_EXPORT(vmk_MemPoolAlloc);

/* Caller holds vmk_mempool_lock.  Free one page back to its pool. */
static void vmk_mempool_pfn_free(unsigned long pfn)
{
	struct vmk_MemPoolInt *pool = xa_erase(&vmk_mempool_pages, pfn);

	/* A page named twice in one request is freed once. */
	if (pool) {
		vmk_mempool_uncharge_locked(pool, 1);
		pool->frees++;
		__free_page(pfn_to_page(pfn));
	}
}

/*
 * Caller holds vmk_mempool_lock.  Walk the first numPages pages the
 * ranges of @req describe: check that each belongs to a pool, or free
 * each.  Returns false if the ranges describe fewer pages or (checking)
 * a page is not a pool's.
 */
static bool vmk_mempool_walk(const vmk_MemPoolAllocRequest *req, bool free)
{
	u64 left = req->numPages, n;
	unsigned long pfn;
	unsigned int i;

	for (i = 0; i < req->numElements && left; i++) {
		n = min_t(u64, req->mpnRanges[i].numPages, left);
		left -= n;
		for (pfn = req->mpnRanges[i].startMPN; n; n--, pfn++) {
			if (free)
				vmk_mempool_pfn_free(pfn);
			else if (!xa_load(&vmk_mempool_pages, pfn))
				return false;
		}
	}
	return !left;
}

VMK_ReturnStatus vmk_MemPoolFree(const vmk_MemPoolAllocRequest *request)
{
	vmk_MemPoolAllocRequest copy, *req = &copy;
	unsigned long flags;
	bool ok;

	vmk_core_assert_may_deschedule();
	if (!request || !request->mpnRanges || !request->numPages ||
	    !request->numElements) {
		vmk_core_bad_arg("request %p", request);
		return VMK_BAD_PARAM;
	}
	copy = *request;
	/* Check every page first, so a bad request frees nothing. */
	spin_lock_irqsave(&vmk_mempool_lock, flags);
	ok = vmk_mempool_walk(req, false);
	if (ok)
		vmk_mempool_walk(req, true);
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	if (!ok) {
		vmk_core_bad_arg("request %p (%u page(s), first MPN %#llx): not all pages are allocated from a memory pool",
				 request, req->numPages, req->mpnRanges[0].startMPN);
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_MemPoolFree);

VMK_ReturnStatus vmk_core_mempool_charge(vmk_MemPool handle, u64 pages)
{
	VMK_ReturnStatus status = VMK_BAD_PARAM;
	struct vmk_MemPoolInt *pool;
	unsigned long flags;

	spin_lock_irqsave(&vmk_mempool_lock, flags);
	pool = vmk_mempool_find(handle);
	if (pool && pool->type == VMK_MEM_POOL_LEAF) {
		if (vmk_mempool_charge_locked(pool, pages)) {
			pool->refs++;
			pool->allocs += pages;
			status = VMK_OK;
		} else {
			pool->failures++;
			status = VMK_NO_RESOURCES;
		}
	}
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_mempool_charge, VMKAPI_INTERNAL);

void vmk_core_mempool_uncharge(vmk_MemPool handle, u64 pages)
{
	struct vmk_MemPoolInt *pool = handle;
	unsigned long flags;

	spin_lock_irqsave(&vmk_mempool_lock, flags);
	vmk_mempool_uncharge_locked(pool, pages);
	pool->frees += pages;
	vmk_mempool_put(pool);
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_mempool_uncharge, VMKAPI_INTERNAL);

int vmk_core_mempool_stats(vmk_MemPool handle,
			   struct vmk_core_mempool_stats *stats)
{
	struct vmk_MemPoolInt *pool;
	unsigned long flags;

	spin_lock_irqsave(&vmk_mempool_lock, flags);
	pool = vmk_mempool_find(handle);
	if (pool) {
		stats->used = pool->used;
		stats->peak = pool->peak;
		stats->allocs = pool->allocs;
		stats->frees = pool->frees;
		stats->failures = pool->failures;
		stats->children = pool->children;
		stats->child_reserved = pool->child_reserved;
	}
	spin_unlock_irqrestore(&vmk_mempool_lock, flags);
	return pool ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_mempool_stats, VMKAPI_INTERNAL);
