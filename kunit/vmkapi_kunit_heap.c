// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: heaps.  Limits and statistics are read back through the core's
 * counters (vmk_core_heap_stats), so the cap and the accounting are
 * checked by effect.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

static struct vmk_core_heap_stats stats_of(struct kunit *test, vmk_HeapID heap)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(heap, &st), 0);
	return st;
}

static void vmk_heap_create_bad_params(struct kunit *test)
{
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = vmk_kunit_module_id,
		.initial = 0,
		.max = 4096,
	};
	vmk_HeapID heap = (vmk_HeapID)0x1;

	vmk_NameInitialize(&props.name, "kunit_bad");
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(NULL, &heap), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(&props, NULL), VMK_BAD_PARAM);

	props.max = 0;
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(&props, &heap), VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, heap, VMK_INVALID_HEAP_ID);
	props.max = 4096;
	props.initial = 8192;
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(&props, &heap), VMK_BAD_PARAM);
	props.initial = 0;
	props.type = 7;
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(&props, &heap), VMK_BAD_PARAM);
	props.type = VMK_HEAP_TYPE_CUSTOM;
	props.typeSpecific.custom.physRange = 9;
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(&props, &heap), VMK_BAD_PARAM);
	props.type = VMK_HEAP_TYPE_MEMPOOL;
	props.typeSpecific.memPool.physRange = VMK_PHYS_ADDR_ANY;
	props.typeSpecific.memPool.memPool = (vmk_MemPool)0x3000;
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(&props, &heap), VMK_BAD_PARAM);
	props.type = VMK_HEAP_TYPE_SIMPLE;
	props.module = 4242;
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(&props, &heap),
			VMK_INVALID_MODULE);
	KUNIT_EXPECT_PTR_EQ(test, heap, VMK_INVALID_HEAP_ID);
}

static void vmk_heap_alloc_free_and_stats(struct kunit *test)
{
	vmk_HeapID heap = vmk_kunit_heap(test, "kunit_stats", 64 * 1024);
	struct vmk_core_heap_stats st;
	vmk_HeapGetProps props;
	char *a, *b;

	a = vmk_HeapAlloc(heap, 100);
	KUNIT_ASSERT_NOT_NULL(test, a);
	memset(a, 0xa5, 100);
	b = vmk_HeapAlloc(heap, 1000);
	KUNIT_ASSERT_NOT_NULL(test, b);
	memset(b, 0x5a, 1000);
	st = stats_of(test, heap);
	KUNIT_EXPECT_EQ(test, st.allocs, 2);
	KUNIT_EXPECT_EQ(test, st.frees, 0);
	KUNIT_EXPECT_GE(test, st.bytes, 1100);
	KUNIT_EXPECT_EQ(test, st.peak, st.bytes);
	KUNIT_EXPECT_EQ(test, st.max, 64 * 1024);

	vmk_HeapFree(heap, b);
	st = stats_of(test, heap);
	KUNIT_EXPECT_EQ(test, st.frees, 1);
	KUNIT_EXPECT_LT(test, st.bytes, st.peak);
	vmk_HeapFree(heap, a);
	st = stats_of(test, heap);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
	KUNIT_EXPECT_GE(test, st.peak, 1100);

	KUNIT_EXPECT_EQ(test, vmk_HeapGetProperties(heap, &props), VMK_OK);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&props.name), "kunit_stats");
	KUNIT_EXPECT_EQ(test, props.module, vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, props.max, 64 * 1024);
	KUNIT_EXPECT_EQ(test, props.physContiguity,
			VMK_MEM_PHYS_ANY_CONTIGUITY);
	vmk_HeapDestroy(heap);
	KUNIT_EXPECT_EQ(test, vmk_HeapGetProperties(heap, &props),
			VMK_BAD_PARAM);
}

/* Freed by machine address: only the allocation that starts there. */
static void vmk_heap_free_by_ma(struct kunit *test)
{
	vmk_HeapID heap = vmk_kunit_heap(test, "kunit_by_ma", 64 * 1024);
	struct vmk_core_heap_stats st;
	char *a, *b, *c;
	vmk_MA ma_a, ma_b, ma_c;

	a = vmk_HeapAlloc(heap, 100);
	b = vmk_HeapAlign(heap, 512, 256);
	c = vmk_HeapAlloc(heap, 3000);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_EQ(test, vmk_VA2MA((vmk_VA)a, 100, &ma_a), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_VA2MA((vmk_VA)b, 512, &ma_b), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_VA2MA((vmk_VA)c, 3000, &ma_c), VMK_OK);

	/* Inside an allocation, nowhere, or 0: nothing is freed. */
	vmk_HeapFreeByMA(heap, ma_b + 8);
	vmk_HeapFreeByMA(heap, 0);
	vmk_HeapFreeByMA(heap, ma_a + 1);
	st = stats_of(test, heap);
	KUNIT_EXPECT_EQ(test, st.frees, 0);

	vmk_HeapFreeByMA(heap, ma_b);
	st = stats_of(test, heap);
	KUNIT_EXPECT_EQ(test, st.frees, 1);
	/* Gone: the same address no longer names anything. */
	vmk_HeapFreeByMA(heap, ma_b);
	vmk_HeapFreeByMA(heap, ma_c);
	vmk_HeapFreeByMA(heap, ma_a);
	st = stats_of(test, heap);
	KUNIT_EXPECT_EQ(test, st.frees, 3);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
	vmk_HeapDestroy(heap);
}

static void vmk_heap_alignment(struct kunit *test)
{
	vmk_HeapID heap = vmk_kunit_heap(test, "kunit_align", 256 * 1024);
	static const u32 aligns[] = { 1, 8, 16, 64, 512, 4096 };
	void *p[ARRAY_SIZE(aligns)];
	int i;

	for (i = 0; i < ARRAY_SIZE(aligns); i++) {
		p[i] = vmk_HeapAlign(heap, 200, aligns[i]);
		KUNIT_ASSERT_NOT_NULL(test, p[i]);
		KUNIT_EXPECT_EQ(test, (unsigned long)p[i] & (aligns[i] - 1), 0);
		memset(p[i], i, 200);
	}
	for (i = 0; i < ARRAY_SIZE(aligns); i++)
		vmk_HeapFree(heap, p[i]);
	KUNIT_EXPECT_EQ(test, stats_of(test, heap).bytes, 0);
	vmk_HeapDestroy(heap);
}

/* Freed small blocks are kept and reused, within the heap's max. */
static void vmk_heap_reuses_freed_blocks(struct kunit *test)
{
	vmk_HeapID heap = vmk_kunit_heap(test, "kunit_reuse", 2048);
	struct vmk_core_heap_stats st;
	void *p, *q, *big;

	p = vmk_HeapAlloc(heap, 100);
	KUNIT_ASSERT_NOT_NULL(test, p);
	vmk_HeapFree(heap, p);
	st = stats_of(test, heap);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
	KUNIT_EXPECT_GT(test, st.cached, 0);
	/* The same class gets the same block back. */
	q = vmk_HeapAlloc(heap, 90);
	KUNIT_EXPECT_PTR_EQ(test, q, p);
	KUNIT_EXPECT_EQ(test, stats_of(test, heap).cached, 0);

	/* Live plus cached never exceed the max... */
	big = vmk_HeapAlloc(heap, 1500);
	KUNIT_ASSERT_NOT_NULL(test, big);
	vmk_HeapFree(heap, q);
	st = stats_of(test, heap);
	KUNIT_EXPECT_LE(test, st.bytes + st.cached, st.max);
	/* ...and a cached block never stands in the way of an allocation. */
	vmk_HeapFree(heap, big);
	big = vmk_HeapAlloc(heap, 1900);
	KUNIT_EXPECT_NOT_NULL(test, big);
	st = stats_of(test, heap);
	KUNIT_EXPECT_LE(test, st.bytes + st.cached, st.max);
	vmk_HeapFree(heap, big);
	vmk_HeapDestroy(heap);
}

/* A heap sized by vmk_HeapDetermineMaxSize holds exactly what it says. */
static void vmk_heap_max_enforced(struct kunit *test)
{
	vmk_HeapAllocationDescriptor desc[] = {
		{ .size = 128, .alignment = 0, .count = 6 },
		{ .size = 300, .alignment = 64, .count = 2 },
	};
	vmk_ByteCount max = 0;
	void *small[6], *aligned[2], *extra;
	vmk_HeapID heap;
	int i;

	KUNIT_ASSERT_EQ(test, vmk_HeapDetermineMaxSize(desc, 2, &max), VMK_OK);
	KUNIT_EXPECT_GE(test, max, 6 * 128 + 2 * 300);
	heap = vmk_kunit_heap(test, "kunit_max", max);

	for (i = 0; i < 6; i++) {
		small[i] = vmk_HeapAlloc(heap, 128);
		KUNIT_EXPECT_NOT_NULL(test, small[i]);
	}
	for (i = 0; i < 2; i++) {
		aligned[i] = vmk_HeapAlign(heap, 300, 64);
		KUNIT_EXPECT_NOT_NULL(test, aligned[i]);
	}
	/* Full: one more byte fails, also for a request that may wait. */
	KUNIT_EXPECT_NULL(test, vmk_HeapAlloc(heap, 1));
	KUNIT_EXPECT_NULL(test, vmk_HeapAllocWithTimeout(heap, 1, 50));
	KUNIT_EXPECT_EQ(test, stats_of(test, heap).failures, 2);
	KUNIT_EXPECT_LE(test, stats_of(test, heap).bytes, max);

	/* Room again after a free. */
	vmk_HeapFree(heap, small[0]);
	extra = vmk_HeapAlloc(heap, 128);
	KUNIT_EXPECT_NOT_NULL(test, extra);
	vmk_HeapFree(heap, extra);

	for (i = 1; i < 6; i++)
		vmk_HeapFree(heap, small[i]);
	for (i = 0; i < 2; i++)
		vmk_HeapFree(heap, aligned[i]);
	vmk_HeapDestroy(heap);
}

static void vmk_heap_determine_max_size_bad(struct kunit *test)
{
	vmk_HeapAllocationDescriptor desc = { .size = 64, .count = 1 };
	vmk_ByteCount max;

	KUNIT_EXPECT_EQ(test, vmk_HeapDetermineMaxSize(NULL, 1, &max),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HeapDetermineMaxSize(&desc, 0, &max),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HeapDetermineMaxSize(&desc, 1, NULL),
			VMK_BAD_PARAM);
	desc.alignment = 24;
	KUNIT_EXPECT_EQ(test, vmk_HeapDetermineMaxSize(&desc, 1, &max),
			VMK_BAD_PARAM);
	desc.alignment = 0;
	desc.size = 0;
	KUNIT_EXPECT_EQ(test, vmk_HeapDetermineMaxSize(&desc, 1, &max),
			VMK_BAD_PARAM);
	desc.size = 1 << 20;
	desc.count = 1 << 13;
	KUNIT_EXPECT_EQ(test, vmk_HeapDetermineMaxSize(&desc, 1, &max),
			VMK_LIMIT_EXCEEDED);
}

static void vmk_heap_bad_handles_and_pointers(struct kunit *test)
{
	vmk_HeapID heap = vmk_kunit_heap(test, "kunit_bad_ptr", 16 * 1024);
	vmk_HeapID other = vmk_kunit_heap(test, "kunit_other", 16 * 1024);
	vmk_HeapID bogus = (vmk_HeapID)0x1000;
	struct vmk_core_heap_stats before, after;
	void *p;

	KUNIT_EXPECT_NULL(test, vmk_HeapAlloc(VMK_INVALID_HEAP_ID, 16));
	KUNIT_EXPECT_NULL(test, vmk_HeapAlloc(bogus, 16));
	KUNIT_EXPECT_NULL(test, vmk_HeapAlloc(heap, 0));
	KUNIT_EXPECT_NULL(test, vmk_HeapAlign(heap, 16, 3));
	KUNIT_EXPECT_NULL(test, vmk_HeapAlign(heap, 16, 0));

	p = vmk_HeapAlloc(heap, 64);
	KUNIT_ASSERT_NOT_NULL(test, p);
	before = stats_of(test, heap);
	vmk_HeapFree(heap, NULL);
	vmk_HeapFree(other, p);		/* wrong heap: refused */
	vmk_HeapFree(bogus, p);
	after = stats_of(test, heap);
	KUNIT_EXPECT_EQ(test, after.bytes, before.bytes);
	KUNIT_EXPECT_EQ(test, after.frees, before.frees);
	KUNIT_EXPECT_EQ(test, stats_of(test, other).frees, 0);
	vmk_HeapFree(heap, p);

	vmk_HeapDestroy(other);
	vmk_HeapDestroy(other);		/* double destroy: logged, no oops */
	vmk_HeapDestroy(bogus);
	KUNIT_EXPECT_NULL(test, vmk_HeapAlloc(other, 16));
	KUNIT_EXPECT_EQ(test, vmk_HeapDestroySync(other, 10),
			VMK_INVALID_HANDLE);
	vmk_HeapDestroy(heap);
}

/* Destroying a heap in use names the allocations and keeps the heap. */
static void vmk_heap_destroy_nonempty(struct kunit *test)
{
	vmk_HeapID heap = vmk_kunit_heap(test, "kunit_nonempty", 16 * 1024);
	vmk_HeapGetProps props;
	void *p = vmk_HeapAlloc(heap, 48);

	KUNIT_ASSERT_NOT_NULL(test, p);
	vmk_HeapDestroy(heap);
	KUNIT_EXPECT_EQ(test, vmk_HeapGetProperties(heap, &props), VMK_OK);
	/* While it lives, the module cannot unregister. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	KUNIT_EXPECT_EQ(test, vmk_HeapDestroySync(heap, 20), VMK_TIMEOUT);
	KUNIT_EXPECT_EQ(test, vmk_HeapGetProperties(heap, &props), VMK_OK);
	vmk_HeapFree(heap, p);
	vmk_HeapDestroy(heap);
	KUNIT_EXPECT_EQ(test, vmk_HeapGetProperties(heap, &props),
			VMK_BAD_PARAM);
}

struct late_free {
	vmk_HeapID heap;
	void *mem;
	struct completion started;
};

static int late_free_thread(void *data)
{
	struct late_free *lf = data;

	complete(&lf->started);
	msleep(50);
	vmk_HeapFree(lf->heap, lf->mem);
	return 0;
}

/* DestroySync waits for the last free, then destroys. */
static void vmk_heap_destroy_sync_waits(struct kunit *test)
{
	struct late_free lf = { .heap = vmk_kunit_heap(test, "kunit_sync", 4096) };
	struct task_struct *t;
	vmk_HeapGetProps props;

	lf.mem = vmk_HeapAlloc(lf.heap, 32);
	KUNIT_ASSERT_NOT_NULL(test, lf.mem);
	init_completion(&lf.started);
	t = kthread_run(late_free_thread, &lf, "kunit_late_free");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&lf.started);
	KUNIT_EXPECT_EQ(test, vmk_HeapDestroySync(lf.heap, 0), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HeapGetProperties(lf.heap, &props),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HeapDestroySync(lf.heap, -1), VMK_BAD_PARAM);
}

struct dying_destroyer {
	vmk_HeapID heap;
	VMK_ReturnStatus status;
	struct completion started;
};

static int dying_destroyer_thread(void *data)
{
	struct dying_destroyer *d = data;

	complete(&d->started);
	d->status = vmk_HeapDestroySync(d->heap, 0);
	return 0;
}

/* A world destroyed while it waits for a heap to drain gets DEATH_PENDING. */
static void vmk_heap_destroy_sync_death_pending(struct kunit *test)
{
	struct dying_destroyer d = {
		.heap = vmk_kunit_heap(test, "kunit_dying", 4096),
		.status = VMK_FAILURE,
	};
	struct task_struct *t;
	vmk_HeapGetProps props;
	void *p = vmk_HeapAlloc(d.heap, 32);

	KUNIT_ASSERT_NOT_NULL(test, p);
	init_completion(&d.started);
	t = kthread_run(dying_destroyer_thread, &d, "kunit_dying_heap");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&d.started);
	kthread_stop(t);
	KUNIT_EXPECT_EQ(test, d.status, VMK_DEATH_PENDING);
	/* Not destroyed: still there, and destroyable once empty. */
	KUNIT_EXPECT_EQ(test, vmk_HeapGetProperties(d.heap, &props), VMK_OK);
	vmk_HeapFree(d.heap, p);
	vmk_HeapDestroy(d.heap);
}

static void vmk_heap_blocking_and_custom(struct kunit *test)
{
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_CUSTOM,
		.module = vmk_kunit_module_id,
		.max = 64 * 1024,
		.typeSpecific.custom = {
			.physContiguity = VMK_MEM_PHYS_CONTIGUOUS,
			.physRange = VMK_PHYS_ADDR_BELOW_4GB,
		},
	};
	vmk_HeapID low, big = vmk_kunit_heap(test, "kunit_big", 4 << 20);
	void *p;

	/* A large allocation that may wait for memory. */
	p = vmk_HeapAllocWithTimeout(big, 2 << 20, 100);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0, 2 << 20);
	vmk_HeapFree(big, p);
	p = vmk_HeapAlignWithTimeout(big, 1000, 256, 100);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, (unsigned long)p & 255, 0);
	vmk_HeapFree(big, p);
	vmk_HeapDestroy(big);

	vmk_NameInitialize(&props.name, "kunit_low");
	KUNIT_ASSERT_EQ(test, vmk_HeapCreate(&props, &low), VMK_OK);
	p = vmk_HeapAlloc(low, 8192);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_LT(test, (u64)virt_to_phys(p) + 8192, (u64)SZ_4G);
	vmk_HeapFree(low, p);
	vmk_HeapDestroy(low);
}

/*
 * Small blocks of a low heap: each one below the limit, freed blocks
 * cached and reused, the cache returned to the kernel at destroy (KASAN
 * and kmemleak check that each block goes back the way it came).
 */
static void vmk_heap_low_small_blocks(struct kunit *test)
{
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_CUSTOM,
		.module = vmk_kunit_module_id,
		.max = 256 * 1024,
		.typeSpecific.custom = {
			.physContiguity = VMK_MEM_PHYS_CONTIGUOUS,
			.physRange = VMK_PHYS_ADDR_BELOW_2GB,
		},
	};
	void *blocks[32];
	vmk_HeapID low;
	int i;

	vmk_NameInitialize(&props.name, "kunit_low_small");
	KUNIT_ASSERT_EQ(test, vmk_HeapCreate(&props, &low), VMK_OK);
	for (i = 0; i < ARRAY_SIZE(blocks); i++) {
		blocks[i] = vmk_HeapAlloc(low, 48 + i);
		KUNIT_ASSERT_NOT_NULL(test, blocks[i]);
		KUNIT_EXPECT_LT(test, (u64)virt_to_phys(blocks[i]) + 48 + i,
				(u64)SZ_2G);
		memset(blocks[i], i, 48 + i);
	}
	for (i = 0; i < ARRAY_SIZE(blocks); i += 2)
		vmk_HeapFree(low, blocks[i]);
	/* Same sizes again: served from the cache, still below the limit. */
	for (i = 0; i < ARRAY_SIZE(blocks); i += 2) {
		blocks[i] = vmk_HeapAlloc(low, 48 + i);
		KUNIT_ASSERT_NOT_NULL(test, blocks[i]);
		KUNIT_EXPECT_LT(test, (u64)virt_to_phys(blocks[i]) + 48 + i,
				(u64)SZ_2G);
	}
	for (i = 1; i < ARRAY_SIZE(blocks); i += 2)
		KUNIT_EXPECT_EQ(test, ((u8 *)blocks[i])[47], (u8)i);
	for (i = 0; i < ARRAY_SIZE(blocks); i++)
		vmk_HeapFree(low, blocks[i]);
	vmk_HeapDestroy(low);
}

/* A MEMPOOL heap reserves its maximum in the pool while it lives. */
static void vmk_heap_from_mempool(struct kunit *test)
{
	vmk_MemPoolProps pool_props = {
		.module = vmk_kunit_module_id,
		.parentMemPool = VMK_MEMPOOL_INVALID,
		.memPoolType = VMK_MEM_POOL_LEAF,
		.resourceProps = { .reservation = 0, .limit = 4 },
	};
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_MEMPOOL,
		.module = vmk_kunit_module_id,
		.max = 3 * VMK_PAGE_SIZE,
	};
	vmk_HeapID heap, second;
	vmk_HeapGetProps got;
	vmk_MemPool pool;
	void *p;

	vmk_NameInitialize(&pool_props.name, "kunit_heap_pool");
	KUNIT_ASSERT_EQ(test, vmk_MemPoolCreate(&pool_props, &pool), VMK_OK);
	props.typeSpecific.memPool.memPool = pool;
	vmk_NameInitialize(&props.name, "kunit_pool_heap");
	KUNIT_ASSERT_EQ(test, vmk_HeapCreate(&props, &heap), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HeapGetProperties(heap, &got), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, got.memPool, pool);

	/* 3 of the pool's 4 pages are taken: a 2-page heap does not fit. */
	props.max = 2 * VMK_PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, vmk_HeapCreate(&props, &second),
			VMK_NO_RESOURCES);
	/* The pool cannot go while the heap draws on it. */
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(pool), VMK_BUSY);

	p = vmk_HeapAlloc(heap, 1000);
	KUNIT_EXPECT_NOT_NULL(test, p);
	vmk_HeapFree(heap, p);
	vmk_HeapDestroy(heap);
	KUNIT_ASSERT_EQ(test, vmk_HeapCreate(&props, &second), VMK_OK);
	vmk_HeapDestroy(second);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(pool), VMK_OK);
}

#define HAMMER_THREADS	4
#define HAMMER_ROUNDS	2000

struct hammer {
	vmk_HeapID heap;
	atomic_t failures;
	atomic_t done;
};

static int heap_hammer_thread(void *data)
{
	struct hammer *h = data;
	void *held[4];
	int i, j;

	for (i = 0; i < HAMMER_ROUNDS; i++) {
		for (j = 0; j < ARRAY_SIZE(held); j++) {
			held[j] = vmk_HeapAlloc(h->heap, 16 + 40 * j);
			if (held[j])
				memset(held[j], j, 16 + 40 * j);
			else
				atomic_inc(&h->failures);
		}
		for (j = 0; j < ARRAY_SIZE(held); j++)
			if (held[j])
				vmk_HeapFree(h->heap, held[j]);
	}
	atomic_inc(&h->done);
	return 0;
}

/* Several threads at once: the books balance and the cap holds. */
static void vmk_heap_concurrent(struct kunit *test)
{
	struct hammer h = { .heap = vmk_kunit_heap(test, "kunit_hammer", 32768) };
	struct task_struct *t[HAMMER_THREADS];
	struct vmk_core_heap_stats st;
	int i;

	atomic_set(&h.failures, 0);
	atomic_set(&h.done, 0);
	for (i = 0; i < HAMMER_THREADS; i++) {
		t[i] = kthread_run(heap_hammer_thread, &h, "kunit_heap%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	while (atomic_read(&h.done) < HAMMER_THREADS)
		msleep(20);
	st = stats_of(test, h.heap);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
	KUNIT_EXPECT_EQ(test, st.allocs, st.frees);
	KUNIT_EXPECT_EQ(test, st.allocs + atomic_read(&h.failures),
			(u64)HAMMER_THREADS * HAMMER_ROUNDS * 4);
	KUNIT_EXPECT_EQ(test, st.failures, (u64)atomic_read(&h.failures));
	KUNIT_EXPECT_LE(test, st.peak, st.max);
	vmk_HeapDestroy(h.heap);
}

static struct kunit_case vmk_heap_cases[] = {
	KUNIT_CASE(vmk_heap_create_bad_params),
	KUNIT_CASE(vmk_heap_alloc_free_and_stats),
	KUNIT_CASE(vmk_heap_free_by_ma),
	KUNIT_CASE(vmk_heap_alignment),
	KUNIT_CASE(vmk_heap_reuses_freed_blocks),
	KUNIT_CASE(vmk_heap_max_enforced),
	KUNIT_CASE(vmk_heap_determine_max_size_bad),
	KUNIT_CASE(vmk_heap_bad_handles_and_pointers),
	KUNIT_CASE(vmk_heap_destroy_nonempty),
	KUNIT_CASE(vmk_heap_destroy_sync_waits),
	KUNIT_CASE(vmk_heap_destroy_sync_death_pending),
	KUNIT_CASE(vmk_heap_blocking_and_custom),
	KUNIT_CASE(vmk_heap_low_small_blocks),
	KUNIT_CASE(vmk_heap_from_mempool),
	KUNIT_CASE(vmk_heap_concurrent),
	{}
};

static struct kunit_suite vmk_heap_suite = {
	.name = "vmkapi_heap",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_heap_cases,
};
kunit_test_suite(vmk_heap_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API heaps");
MODULE_LICENSE("GPL");
