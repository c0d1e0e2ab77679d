// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: memory pools.  Accounting is read back through the core's
 * counters (vmk_core_mempool_stats), so admission control, limits and
 * frees are checked by effect; pages are checked through their MPNs.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

static vmk_MemPool create_pool(struct kunit *test, const char *name,
			       vmk_MemPool parent, vmk_MemPoolType type,
			       u32 reservation, u32 limit)
{
	vmk_MemPoolProps props = {
		.module = vmk_kunit_module_id,
		.parentMemPool = parent,
		.memPoolType = type,
		.resourceProps = { .reservation = reservation, .limit = limit },
	};
	vmk_MemPool pool = VMK_MEMPOOL_INVALID;

	vmk_NameInitialize(&props.name, name);
	KUNIT_ASSERT_EQ(test, vmk_MemPoolCreate(&props, &pool), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, pool);
	return pool;
}

static struct vmk_core_mempool_stats stats_of(struct kunit *test,
					      vmk_MemPool pool)
{
	struct vmk_core_mempool_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_mempool_stats(pool, &st), 0);
	return st;
}

static VMK_ReturnStatus alloc_pages_from(vmk_MemPool pool,
					 vmk_MemPhysContiguity contiguity,
					 vmk_MemPhysAddrConstraint range,
					 u32 pages, u32 elements,
					 vmk_MpnRange *ranges)
{
	vmk_MemPoolAllocProps props = {
		.physContiguity = contiguity,
		.physRange = range,
	};
	vmk_MemPoolAllocRequest req = {
		.numPages = pages,
		.numElements = elements,
		.mpnRanges = ranges,
	};

	return vmk_MemPoolAlloc(pool, &props, &req);
}

static VMK_ReturnStatus free_pages_of(u32 pages, u32 elements,
				      vmk_MpnRange *ranges)
{
	vmk_MemPoolAllocRequest req = {
		.numPages = pages,
		.numElements = elements,
		.mpnRanges = ranges,
	};

	return vmk_MemPoolFree(&req);
}

static void vmk_mempool_create_bad_params(struct kunit *test)
{
	vmk_MemPoolProps props = {
		.module = vmk_kunit_module_id,
		.parentMemPool = VMK_MEMPOOL_INVALID,
		.memPoolType = VMK_MEM_POOL_LEAF,
		.resourceProps = { .reservation = 0, .limit = 16 },
	};
	vmk_MemPool pool = (vmk_MemPool)0x1, leaf;

	vmk_NameInitialize(&props.name, "kunit_bad");
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(NULL, &pool), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, NULL), VMK_BAD_PARAM);

	props.memPoolType = 5;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &pool), VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, pool, VMK_MEMPOOL_INVALID);
	props.memPoolType = VMK_MEM_POOL_LEAF;

	props.resourceProps.reservation = 17;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &pool),
			VMK_RESERVATION_GT_LIMIT);
	/* With no limit, any reservation the machine can back is fine. */
	props.resourceProps.limit = VMK_MEMPOOL_NO_LIMIT;
	KUNIT_ASSERT_EQ(test, vmk_MemPoolCreate(&props, &pool), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(pool), VMK_OK);
	/* More than the machine's RAM cannot be reserved. */
	props.resourceProps.reservation = U32_MAX;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &pool),
			VMK_NO_RESOURCES);
	props.resourceProps.reservation = 0;

	props.name.string[0] = '\0';
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &pool),
			VMK_INVALID_NAME);
	vmk_NameInitialize(&props.name, "kunit_bad");

	props.module = 4242;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &pool),
			VMK_INVALID_MODULE);
	KUNIT_EXPECT_PTR_EQ(test, pool, VMK_MEMPOOL_INVALID);
	props.module = vmk_kunit_module_id;

	/* A parent must be a live PARENT pool; garbage is not followed. */
	props.parentMemPool = (vmk_MemPool)0x1234;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &pool), VMK_BAD_PARAM);
	leaf = create_pool(test, "kunit_leaf", VMK_MEMPOOL_INVALID,
			   VMK_MEM_POOL_LEAF, 0, 0);
	props.parentMemPool = leaf;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &pool), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_OK);
}

static void vmk_mempool_reservation_admission(struct kunit *test)
{
	vmk_MemPoolResourceProps rp;
	vmk_MemPool parent, a, b, c;
	vmk_MemPoolProps props = {
		.module = vmk_kunit_module_id,
		.memPoolType = VMK_MEM_POOL_LEAF,
	};
	struct vmk_core_mempool_stats st;

	parent = create_pool(test, "kunit_parent", VMK_MEMPOOL_INVALID,
			     VMK_MEM_POOL_PARENT, 100, 200);
	a = create_pool(test, "kunit_a", parent, VMK_MEM_POOL_LEAF, 60, 0);

	/* 60 + 50 > 100: the parent cannot back the second child. */
	vmk_NameInitialize(&props.name, "kunit_b");
	props.parentMemPool = parent;
	props.resourceProps.reservation = 50;
	b = (vmk_MemPool)0x1;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &b), VMK_NO_RESOURCES);
	KUNIT_EXPECT_PTR_EQ(test, b, VMK_MEMPOOL_INVALID);
	/* A child larger than the parent alone is refused too. */
	props.resourceProps.reservation = 101;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolCreate(&props, &b), VMK_NO_RESOURCES);

	b = create_pool(test, "kunit_b", parent, VMK_MEM_POOL_LEAF, 40, 0);
	st = stats_of(test, parent);
	KUNIT_EXPECT_EQ(test, st.children, 2);
	KUNIT_EXPECT_EQ(test, st.child_reserved, 100);

	/* Growing a child beyond what is left is refused, like creating. */
	rp.reservation = 41;
	rp.limit = 0;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolSetProps(b, &rp), VMK_NO_RESOURCES);
	rp.reservation = 30;
	rp.limit = 20;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolSetProps(b, &rp),
			VMK_RESERVATION_GT_LIMIT);
	/* The parent cannot drop below what its children hold. */
	rp.reservation = 99;
	rp.limit = 200;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolSetProps(parent, &rp), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolGetProps(parent, &rp), VMK_OK);
	KUNIT_EXPECT_EQ(test, rp.reservation, 100);
	KUNIT_EXPECT_EQ(test, rp.limit, 200);

	/* Shrinking b frees room for a new child. */
	rp.reservation = 10;
	rp.limit = 0;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolSetProps(b, &rp), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolGetProps(b, &rp), VMK_OK);
	KUNIT_EXPECT_EQ(test, rp.reservation, 10);
	c = create_pool(test, "kunit_c", parent, VMK_MEM_POOL_LEAF, 30, 0);
	KUNIT_EXPECT_EQ(test, stats_of(test, parent).child_reserved, 100);

	/* A parent with children is not destroyed. */
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(parent), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(a), VMK_OK);
	st = stats_of(test, parent);
	KUNIT_EXPECT_EQ(test, st.children, 2);
	KUNIT_EXPECT_EQ(test, st.child_reserved, 40);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(b), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(parent), VMK_OK);
}

static void vmk_mempool_alloc_on_parent_refused(struct kunit *test)
{
	vmk_MemPool parent = create_pool(test, "kunit_parent", VMK_MEMPOOL_INVALID,
					 VMK_MEM_POOL_PARENT, 0, 0);
	vmk_MpnRange r = {};

	KUNIT_EXPECT_EQ(test, alloc_pages_from(parent, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 1, 1, &r),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, stats_of(test, parent).used, 0);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(parent), VMK_OK);
}

static void vmk_mempool_limit_enforced(struct kunit *test)
{
	vmk_MemPool leaf, parent, child;
	vmk_MpnRange r1 = {}, r2 = {}, r3 = {};
	struct vmk_core_mempool_stats st;

	leaf = create_pool(test, "kunit_limit", VMK_MEMPOOL_INVALID,
			   VMK_MEM_POOL_LEAF, 0, 8);
	KUNIT_ASSERT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 6, 1, &r1),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 3, 1, &r2),
			VMK_NO_RESOURCES);
	st = stats_of(test, leaf);
	KUNIT_EXPECT_EQ(test, st.used, 6);
	KUNIT_EXPECT_EQ(test, st.failures, 1);
	/* Exactly up to the limit is fine. */
	KUNIT_ASSERT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 2, 1, &r2),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 8);
	KUNIT_EXPECT_EQ(test, free_pages_of(6, 1, &r1), VMK_OK);
	/* After a free the same request succeeds. */
	KUNIT_ASSERT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 3, 1, &r1),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, free_pages_of(3, 1, &r1), VMK_OK);
	KUNIT_EXPECT_EQ(test, free_pages_of(2, 1, &r2), VMK_OK);
	st = stats_of(test, leaf);
	KUNIT_EXPECT_EQ(test, st.used, 0);
	KUNIT_EXPECT_EQ(test, st.peak, 8);
	KUNIT_EXPECT_EQ(test, st.allocs, st.frees);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_OK);

	/*
	 * A child's limit may exceed its parent's, but the parent's limit
	 * counts what its children use.
	 */
	parent = create_pool(test, "kunit_plimit", VMK_MEMPOOL_INVALID,
			     VMK_MEM_POOL_PARENT, 0, 4);
	child = create_pool(test, "kunit_climit", parent, VMK_MEM_POOL_LEAF,
			    0, 100);
	KUNIT_ASSERT_EQ(test, alloc_pages_from(child, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 3, 1, &r1),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, alloc_pages_from(child, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 2, 1, &r2),
			VMK_NO_RESOURCES);
	KUNIT_EXPECT_EQ(test, stats_of(test, parent).used, 3);
	KUNIT_EXPECT_EQ(test, stats_of(test, child).used, 3);
	KUNIT_ASSERT_EQ(test, alloc_pages_from(child, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 1, 1, &r3),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, free_pages_of(3, 1, &r1), VMK_OK);
	KUNIT_EXPECT_EQ(test, free_pages_of(1, 1, &r3), VMK_OK);
	KUNIT_EXPECT_EQ(test, stats_of(test, parent).used, 0);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(child), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(parent), VMK_OK);
}

static bool pages_zeroed(vmk_MPN mpn, u32 count)
{
	u32 i;

	for (i = 0; i < count; i++)
		if (memchr_inv(page_address(pfn_to_page(mpn + i)), 0,
			       PAGE_SIZE))
			return false;
	return true;
}

static void vmk_mempool_contiguous_and_not(struct kunit *test)
{
	vmk_MemPool leaf = create_pool(test, "kunit_contig", VMK_MEMPOOL_INVALID,
				       VMK_MEM_POOL_LEAF, 0, 0);
	vmk_MpnRange r[5] = {}, half[2];
	unsigned int i, j;

	/* Contiguous: one range holds the whole run. */
	r[1].startMPN = VMK_INVALID_MPN;
	KUNIT_ASSERT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 5, 1, r),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, r[0].numPages, 5);
	KUNIT_EXPECT_EQ(test, r[1].startMPN, VMK_INVALID_MPN);
	KUNIT_EXPECT_TRUE(test, pages_zeroed(r[0].startMPN, 5));
	/* Free it in two parts: a request may describe part of one. */
	half[0].startMPN = r[0].startMPN;
	half[0].numPages = 2;
	half[1].startMPN = r[0].startMPN + 2;
	half[1].numPages = 3;
	KUNIT_EXPECT_EQ(test, free_pages_of(2, 1, &half[0]), VMK_OK);
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 3);
	KUNIT_EXPECT_EQ(test, free_pages_of(3, 1, &half[1]), VMK_OK);
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 0);

	/* Not contiguous: one single-page range per page, so 4 ranges. */
	KUNIT_EXPECT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_DISCONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 4, 3, r),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 0);
	for (j = 0; j < 2; j++) {
		memset(r, 0, sizeof(r));
		KUNIT_ASSERT_EQ(test,
				alloc_pages_from(leaf, j ?
						 VMK_MEM_PHYS_ANY_CONTIGUITY :
						 VMK_MEM_PHYS_DISCONTIGUOUS,
						 VMK_PHYS_ADDR_ANY, 4, 5, r),
				VMK_OK);
		for (i = 0; i < 4; i++) {
			KUNIT_EXPECT_EQ(test, r[i].numPages, 1);
			KUNIT_EXPECT_TRUE(test, pfn_valid(r[i].startMPN));
			KUNIT_EXPECT_TRUE(test, pages_zeroed(r[i].startMPN, 1));
			if (i)
				KUNIT_EXPECT_NE(test, r[i].startMPN,
						r[i - 1].startMPN);
		}
		KUNIT_EXPECT_EQ(test, r[4].numPages, 0);
		KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 4);
		KUNIT_EXPECT_EQ(test, free_pages_of(4, 4, r), VMK_OK);
		KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 0);
	}
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_OK);
}

static void vmk_mempool_phys_range(struct kunit *test)
{
	vmk_MemPool leaf = create_pool(test, "kunit_range", VMK_MEMPOOL_INVALID,
				       VMK_MEM_POOL_LEAF, 0, 0);
	vmk_MpnRange r[3];
	vmk_MA end;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_BELOW_4GB, 4, 1, r),
			VMK_OK);
	end = vmk_MPN2MA(r[0].startMPN + r[0].numPages);
	KUNIT_EXPECT_LE(test, end, (vmk_MA)SZ_4G);
	KUNIT_EXPECT_NE(test, vmk_MAGetConstraint(end - 1), VMK_PHYS_ADDR_ANY);
	KUNIT_EXPECT_NE(test, vmk_MAGetConstraint(end - 1),
			VMK_PHYS_ADDR_BELOW_512GB);
	KUNIT_EXPECT_EQ(test, free_pages_of(4, 1, r), VMK_OK);

	KUNIT_ASSERT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_DISCONTIGUOUS,
					       VMK_PHYS_ADDR_BELOW_4GB, 3, 3, r),
			VMK_OK);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_LE(test, vmk_MPN2MA(r[i].startMPN + 1),
				(vmk_MA)SZ_4G);
	KUNIT_EXPECT_EQ(test, free_pages_of(3, 3, r), VMK_OK);

	/* Below 2 GB: honoured, or refused; never a page above. */
	if (alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
			     VMK_PHYS_ADDR_BELOW_2GB, 2, 1, r) == VMK_OK) {
		KUNIT_EXPECT_LE(test, vmk_MPN2MA(r[0].startMPN + 2),
				(vmk_MA)SZ_2G);
		KUNIT_EXPECT_EQ(test, vmk_MAGetConstraint(vmk_MPN2MA(r[0].startMPN)),
				VMK_PHYS_ADDR_BELOW_2GB);
		KUNIT_EXPECT_EQ(test, free_pages_of(2, 1, r), VMK_OK);
	}
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 0);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_OK);
}

static void vmk_mempool_destroy_nonempty(struct kunit *test)
{
	vmk_MemPool leaf = create_pool(test, "kunit_busy", VMK_MEMPOOL_INVALID,
				       VMK_MEM_POOL_LEAF, 0, 0);
	vmk_MemPoolResourceProps rp = {};
	vmk_MpnRange r;

	KUNIT_ASSERT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 1, 1, &r),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_BUSY);
	/* Still alive and usable. */
	KUNIT_EXPECT_EQ(test, vmk_MemPoolGetProps(leaf, &rp), VMK_OK);
	/* A pool is a module resource: unregistering is refused. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	KUNIT_EXPECT_EQ(test, free_pages_of(1, 1, &r), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_OK);

	/* The destroyed handle is refused everywhere, without an oops. */
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolGetProps(leaf, &rp), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolSetProps(leaf, &rp), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 1, 1, &r),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_NE(test, vmk_core_mempool_stats(leaf, NULL), 0);
}

static void vmk_mempool_bad_params(struct kunit *test)
{
	vmk_MemPool leaf = create_pool(test, "kunit_params", VMK_MEMPOOL_INVALID,
				       VMK_MEM_POOL_LEAF, 0, 0);
	vmk_MemPoolAllocProps props = {
		.physContiguity = VMK_MEM_PHYS_CONTIGUOUS,
	};
	vmk_MpnRange r[2] = {}, bogus;
	vmk_MemPoolAllocRequest req = {
		.numPages = 1, .numElements = 1, .mpnRanges = r,
	};
	void *buf;

	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, NULL, &req),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, &props, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(VMK_MEMPOOL_INVALID, &props,
					       &req), VMK_BAD_PARAM);
	req.numPages = 0;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, &props, &req),
			VMK_BAD_PARAM);
	req.numPages = 1;
	req.numElements = 0;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, &props, &req),
			VMK_BAD_PARAM);
	req.numElements = 1;
	req.mpnRanges = NULL;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, &props, &req),
			VMK_BAD_PARAM);
	req.mpnRanges = r;
	props.physContiguity = 7;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, &props, &req),
			VMK_BAD_PARAM);
	props.physContiguity = VMK_MEM_PHYS_CONTIGUOUS;
	props.physRange = 9;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, &props, &req),
			VMK_BAD_PARAM);
	props.physRange = VMK_PHYS_ADDR_ANY;
	/* More than one block of the page allocator cannot be contiguous. */
	req.numPages = 4096;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, &props, &req),
			VMK_NO_MEMORY);
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 0);

	KUNIT_EXPECT_EQ(test, vmk_MemPoolFree(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, free_pages_of(0, 1, r), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, free_pages_of(1, 1, NULL), VMK_BAD_PARAM);

	/* A page that no pool handed out is refused, and stays allocated. */
	buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	bogus.startMPN = page_to_pfn(virt_to_page(buf));
	bogus.numPages = 1;
	KUNIT_EXPECT_EQ(test, free_pages_of(1, 1, &bogus), VMK_BAD_PARAM);
	kfree(buf);

	/* A request naming a foreign page frees none of its own pages. */
	KUNIT_ASSERT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 2, 1, r),
			VMK_OK);
	r[0].numPages = 3;
	KUNIT_EXPECT_EQ(test, free_pages_of(3, 1, r), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 2);
	/* Ranges describing fewer pages than numPages: refused. */
	r[0].numPages = 2;
	KUNIT_EXPECT_EQ(test, free_pages_of(3, 1, r), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 2);
	KUNIT_EXPECT_EQ(test, free_pages_of(2, 1, r), VMK_OK);
	/* A double free is refused. */
	KUNIT_EXPECT_EQ(test, free_pages_of(2, 1, r), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, stats_of(test, leaf).used, 0);

	KUNIT_EXPECT_EQ(test, vmk_MemPoolGetProps(leaf, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolSetProps(leaf, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(VMK_MEMPOOL_INVALID),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_OK);
}

static void vmk_mempool_blocking_alloc(struct kunit *test)
{
	vmk_MemPool leaf = create_pool(test, "kunit_block", VMK_MEMPOOL_INVALID,
				       VMK_MEM_POOL_LEAF, 0, 2);
	vmk_MemPoolAllocProps props = {
		.physContiguity = VMK_MEM_PHYS_CONTIGUOUS,
		.creationTimeoutMS = 100,
	};
	vmk_MpnRange r;
	vmk_MemPoolAllocRequest req = {
		.numPages = 2, .numElements = 1, .mpnRanges = &r,
	};

	KUNIT_ASSERT_EQ(test, vmk_MemPoolAlloc(leaf, &props, &req), VMK_OK);
	/* Over the limit fails at once, even though the caller may wait. */
	req.numPages = 1;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolAlloc(leaf, &props, &req),
			VMK_NO_RESOURCES);
	req.numPages = 2;
	KUNIT_EXPECT_EQ(test, vmk_MemPoolFree(&req), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_OK);
}

static void vmk_mempool_core_charge(struct kunit *test)
{
	vmk_MemPool parent, leaf;
	vmk_MpnRange r;

	parent = create_pool(test, "kunit_chparent", VMK_MEMPOOL_INVALID,
			     VMK_MEM_POOL_PARENT, 0, 0);
	leaf = create_pool(test, "kunit_charge", parent, VMK_MEM_POOL_LEAF, 0, 4);
	KUNIT_EXPECT_EQ(test, vmk_core_mempool_charge(parent, 1),
			VMK_BAD_PARAM);
	KUNIT_ASSERT_EQ(test, vmk_core_mempool_charge(leaf, 3), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_mempool_charge(leaf, 2),
			VMK_NO_RESOURCES);
	KUNIT_EXPECT_EQ(test, alloc_pages_from(leaf, VMK_MEM_PHYS_CONTIGUOUS,
					       VMK_PHYS_ADDR_ANY, 2, 1, &r),
			VMK_NO_RESOURCES);
	KUNIT_EXPECT_EQ(test, stats_of(test, parent).used, 3);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_BUSY);
	vmk_core_mempool_uncharge(leaf, 3);
	KUNIT_EXPECT_EQ(test, stats_of(test, parent).used, 0);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(leaf), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(parent), VMK_OK);
}

#define HAMMER_THREADS	4
#define HAMMER_ROUNDS	300
#define HAMMER_LIMIT	8
#define HAMMER_PARENT	12

struct hammer {
	vmk_MemPool leaf[2];
	vmk_MemPool parent;
	atomic_t over_limit;
	atomic_t failures;
	atomic_t bad_status;
	atomic_t done;
};

struct hammer_arg {
	struct hammer *h;
	int which;
};

static struct hammer_arg hammer_args[HAMMER_THREADS];

static int mempool_hammer_thread(void *data)
{
	struct hammer_arg *arg = data;
	struct hammer *h = arg->h;
	vmk_MemPool pool = h->leaf[arg->which];
	struct vmk_core_mempool_stats st;
	vmk_MpnRange r[4];
	VMK_ReturnStatus status;
	unsigned int i, n;
	bool contig;

	for (i = 0; i < HAMMER_ROUNDS; i++) {
		n = 1 + get_random_u32_below(4);
		contig = i & 1;
		status = alloc_pages_from(pool, contig ?
					  VMK_MEM_PHYS_CONTIGUOUS :
					  VMK_MEM_PHYS_ANY_CONTIGUITY,
					  VMK_PHYS_ADDR_ANY, n, 4, r);
		if (status == VMK_NO_RESOURCES) {
			atomic_inc(&h->failures);
			continue;
		}
		if (status != VMK_OK) {
			atomic_inc(&h->bad_status);
			continue;
		}
		if (!vmk_core_mempool_stats(h->parent, &st) &&
		    st.used > HAMMER_PARENT)
			atomic_inc(&h->over_limit);
		if (!vmk_core_mempool_stats(h->leaf[0], &st) &&
		    st.used > HAMMER_LIMIT)
			atomic_inc(&h->over_limit);
		if (free_pages_of(n, contig ? 1 : n, r) != VMK_OK)
			atomic_inc(&h->bad_status);
		if (!(i % 32))
			cond_resched();
	}
	atomic_inc(&h->done);
	return 0;
}

static void vmk_mempool_concurrent(struct kunit *test)
{
	static struct hammer h;
	struct vmk_core_mempool_stats st[3];
	struct task_struct *t;
	int i;

	memset(&h, 0, sizeof(h));
	h.parent = create_pool(test, "kunit_hparent", VMK_MEMPOOL_INVALID,
			       VMK_MEM_POOL_PARENT, 0, HAMMER_PARENT);
	h.leaf[0] = create_pool(test, "kunit_hleaf0", h.parent,
				VMK_MEM_POOL_LEAF, 0, HAMMER_LIMIT);
	h.leaf[1] = create_pool(test, "kunit_hleaf1", h.parent,
				VMK_MEM_POOL_LEAF, 0, 0);
	for (i = 0; i < HAMMER_THREADS; i++) {
		hammer_args[i].h = &h;
		hammer_args[i].which = i & 1;
		t = kthread_run(mempool_hammer_thread, &hammer_args[i],
				"kunit_mempool%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	while (atomic_read(&h.done) < HAMMER_THREADS)
		msleep(20);

	st[0] = stats_of(test, h.leaf[0]);
	st[1] = stats_of(test, h.leaf[1]);
	st[2] = stats_of(test, h.parent);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.over_limit), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.bad_status), 0);
	KUNIT_EXPECT_LE(test, st[0].peak, HAMMER_LIMIT);
	KUNIT_EXPECT_LE(test, st[2].peak, HAMMER_PARENT);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, st[i].used, 0);
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, st[i].allocs, st[i].frees);
	KUNIT_EXPECT_EQ(test, st[0].failures + st[1].failures,
			(u64)atomic_read(&h.failures));
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(h.leaf[0]), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(h.leaf[1]), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(h.parent), VMK_OK);
}

static struct kunit_case vmk_mempool_cases[] = {
	KUNIT_CASE(vmk_mempool_create_bad_params),
	KUNIT_CASE(vmk_mempool_reservation_admission),
	KUNIT_CASE(vmk_mempool_alloc_on_parent_refused),
	KUNIT_CASE(vmk_mempool_limit_enforced),
	KUNIT_CASE(vmk_mempool_contiguous_and_not),
	KUNIT_CASE(vmk_mempool_phys_range),
	KUNIT_CASE(vmk_mempool_destroy_nonempty),
	KUNIT_CASE(vmk_mempool_bad_params),
	KUNIT_CASE(vmk_mempool_blocking_alloc),
	KUNIT_CASE(vmk_mempool_core_charge),
	KUNIT_CASE(vmk_mempool_concurrent),
	{}
};

static struct kunit_suite vmk_mempool_suite = {
	.name = "vmkapi_mempool",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_mempool_cases,
};
kunit_test_suite(vmk_mempool_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API memory pools");
MODULE_LICENSE("GPL");
