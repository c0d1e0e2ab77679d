// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: slabs.  Constructor and destructor calls are counted through
 * the constructor argument, so "constructed once, kept while free" is
 * checked by effect; limits are read back through vmk_core_slab_stats.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/string.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

struct ctor_log {
	atomic_t constructed;
	atomic_t destructed;
	bool refuse;
};

struct thing {
	u32 stamp;
	u32 generation;
	u8 payload[56];
};

#define THING_STAMP	0x7417c0de

static VMK_ReturnStatus thing_ctor(void *obj, vmk_ByteCountSmall size,
				   vmk_AddrCookie arg, int flags)
{
	struct ctor_log *log = arg.ptr;
	struct thing *t = obj;

	if (log->refuse)
		return VMK_NO_RESOURCES;
	t->stamp = THING_STAMP;
	t->generation = 0;
	atomic_inc(&log->constructed);
	return VMK_OK;
}

static void thing_dtor(void *obj, vmk_ByteCountSmall size, vmk_AddrCookie arg)
{
	struct ctor_log *log = arg.ptr;
	struct thing *t = obj;

	WARN_ON(t->stamp != THING_STAMP);
	atomic_inc(&log->destructed);
}

static void thing_props(vmk_SlabCreateProps *props, struct ctor_log *log,
			const char *name, u32 min_obj, u32 max_obj)
{
	memset(props, 0, sizeof(*props));
	props->type = VMK_SLAB_TYPE_SIMPLE;
	vmk_NameInitialize(&props->name, name);
	props->module = vmk_kunit_module_id;
	props->objSize = sizeof(struct thing);
	props->constructor = thing_ctor;
	props->destructor = thing_dtor;
	props->constructorArg.ptr = log;
	props->minObj = min_obj;
	props->maxObj = max_obj;
}

static struct vmk_core_slab_stats slab_stats(struct kunit *test,
					     vmk_SlabID slab)
{
	struct vmk_core_slab_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_slab_stats(slab, &st), 0);
	return st;
}

static void vmk_slab_create_bad_params(struct kunit *test)
{
	struct ctor_log log = {};
	vmk_SlabCreateProps props;
	vmk_SlabID slab = (vmk_SlabID)0x1;

	thing_props(&props, &log, "kunit_bad", 0, 8);
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(NULL, &slab), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, NULL), VMK_BAD_PARAM);
	props.objSize = 0;
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, slab, VMK_INVALID_SLAB_ID);
	props.objSize = vmk_SlabGetMaxObjectSize(0) + 1;
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_BAD_PARAM);
	props.objSize = 64;
	props.alignment = 48;
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_BAD_PARAM);
	props.alignment = 2 * VMK_PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_BAD_PARAM);
	props.alignment = 0;
	props.minObj = 9;
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_BAD_PARAM);
	props.minObj = 0;
	props.type = 5;
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_BAD_PARAM);
	props.type = VMK_SLAB_TYPE_MEMPOOL;
	props.typeSpecific.memPool.physRange = 11;
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_BAD_PARAM);
	props.type = VMK_SLAB_TYPE_SIMPLE;
	props.module = 4242;
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab),
			VMK_INVALID_MODULE);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.constructed), 0);
}

/* Constructed once when first built, kept while free, destructed once. */
static void vmk_slab_constructor_semantics(struct kunit *test)
{
	struct ctor_log log = {};
	vmk_SlabCreateProps props;
	struct thing *t[5], *again;
	vmk_SlabID slab;
	int i;

	thing_props(&props, &log, "kunit_ctor", 4, 16);
	KUNIT_ASSERT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.constructed), 4);
	KUNIT_EXPECT_EQ(test, slab_stats(test, slab).objects, 4);

	for (i = 0; i < 5; i++) {
		t[i] = vmk_SlabAlloc(slab);
		KUNIT_ASSERT_NOT_NULL(test, t[i]);
		KUNIT_EXPECT_EQ(test, t[i]->stamp, THING_STAMP);
	}
	/* Four came from the prefill; only the fifth needed a constructor. */
	KUNIT_EXPECT_EQ(test, atomic_read(&log.constructed), 5);

	t[2]->generation = 42;
	vmk_SlabFree(slab, t[2]);
	again = vmk_SlabAlloc(slab);
	KUNIT_EXPECT_PTR_EQ(test, again, t[2]);
	KUNIT_EXPECT_EQ(test, again->generation, 42);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.constructed), 5);

	for (i = 0; i < 5; i++)
		vmk_SlabFree(slab, t[i]);
	KUNIT_EXPECT_EQ(test, slab_stats(test, slab).in_use, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.destructed), 0);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(slab), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.destructed), 5);
}

static void vmk_slab_max_enforced(struct kunit *test)
{
	struct ctor_log log = {};
	vmk_SlabCreateProps props;
	void *obj[3], *extra;
	vmk_SlabID slab;
	int i;

	thing_props(&props, &log, "kunit_max", 0, 3);
	KUNIT_ASSERT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_OK);
	for (i = 0; i < 3; i++) {
		obj[i] = vmk_SlabAlloc(slab);
		KUNIT_EXPECT_NOT_NULL(test, obj[i]);
	}
	KUNIT_EXPECT_NULL(test, vmk_SlabAlloc(slab));
	KUNIT_EXPECT_NULL(test, vmk_SlabAllocWithTimeout(slab, 20));
	KUNIT_EXPECT_EQ(test, slab_stats(test, slab).failures, 2);
	KUNIT_EXPECT_EQ(test, slab_stats(test, slab).objects, 3);

	vmk_SlabFree(slab, obj[1]);
	extra = vmk_SlabAlloc(slab);
	KUNIT_EXPECT_PTR_EQ(test, extra, obj[1]);
	for (i = 0; i < 3; i++)
		vmk_SlabFree(slab, obj[i]);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(slab), VMK_OK);
}

/* A constructor that refuses fails the allocation, or the creation. */
static void vmk_slab_constructor_fails(struct kunit *test)
{
	struct ctor_log log = { .refuse = true };
	struct vmk_core_slab_stats st;
	vmk_SlabCreateProps props;
	vmk_SlabID slab;
	void *obj;

	thing_props(&props, &log, "kunit_refuse", 2, 8);
	KUNIT_EXPECT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_NO_RESOURCES);
	KUNIT_EXPECT_PTR_EQ(test, slab, VMK_INVALID_SLAB_ID);

	props.minObj = 0;
	KUNIT_ASSERT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_OK);
	KUNIT_EXPECT_NULL(test, vmk_SlabAlloc(slab));
	st = slab_stats(test, slab);
	KUNIT_EXPECT_EQ(test, st.ctor_failures, 1);
	KUNIT_EXPECT_EQ(test, st.objects, 0);
	KUNIT_EXPECT_EQ(test, st.in_use, 0);

	log.refuse = false;
	obj = vmk_SlabAlloc(slab);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	vmk_SlabFree(slab, obj);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(slab), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.destructed), 1);
}

static void vmk_slab_bad_handles(struct kunit *test)
{
	struct ctor_log log = {};
	vmk_SlabID bogus = (vmk_SlabID)0x2000;
	struct vmk_core_slab_stats st;
	vmk_SlabCreateProps props;
	vmk_SlabGetProps got;
	vmk_SlabID slab;
	void *obj;

	KUNIT_EXPECT_NULL(test, vmk_SlabAlloc(VMK_INVALID_SLAB_ID));
	KUNIT_EXPECT_NULL(test, vmk_SlabAlloc(bogus));
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(bogus), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_SlabGetProperties(bogus, &got),
			VMK_NOT_FOUND);

	thing_props(&props, &log, "kunit_handles", 0, 4);
	KUNIT_ASSERT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_OK);
	obj = vmk_SlabAlloc(slab);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(slab), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	vmk_SlabFree(slab, NULL);
	vmk_SlabFree(bogus, obj);
	vmk_SlabFree(slab, obj);
	vmk_SlabFree(slab, obj);	/* double free: caught, ignored */
	st = slab_stats(test, slab);
	KUNIT_EXPECT_EQ(test, st.frees, 1);
	KUNIT_EXPECT_EQ(test, st.in_use, 0);

	KUNIT_EXPECT_EQ(test, vmk_SlabGetProperties(slab, &got), VMK_OK);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&got.name), "kunit_handles");
	KUNIT_EXPECT_EQ(test, got.objSize, sizeof(struct thing));
	KUNIT_EXPECT_EQ(test, got.maxObj, 4);
	KUNIT_EXPECT_PTR_EQ(test, got.constructorArg.ptr, (void *)&log);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(slab), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(slab), VMK_NOT_FOUND);
	KUNIT_EXPECT_NULL(test, vmk_SlabAlloc(slab));
}

/* A CUSTOM slab keeps its control structure inside the free object. */
static void vmk_slab_ctrl_inside_and_alignment(struct kunit *test)
{
	struct ctor_log log = {};
	vmk_SlabCreateProps props;
	struct thing *t, *again;
	vmk_SlabID slab;

	thing_props(&props, &log, "kunit_inside", 0, 8);
	props.type = VMK_SLAB_TYPE_CUSTOM;
	props.alignment = 128;
	props.ctrlOffset = offsetof(struct thing, payload);
	KUNIT_ASSERT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_OK);
	t = vmk_SlabAlloc(slab);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, (unsigned long)t & 127, 0);
	t->generation = 7;
	memset(t->payload, 0xee, sizeof(t->payload));
	vmk_SlabFree(slab, t);
	again = vmk_SlabAlloc(slab);
	KUNIT_EXPECT_PTR_EQ(test, again, t);
	/* Outside the control structure, the state survived. */
	KUNIT_EXPECT_EQ(test, again->stamp, THING_STAMP);
	KUNIT_EXPECT_EQ(test, again->generation, 7);
	KUNIT_EXPECT_EQ(test, again->payload[sizeof(again->payload) - 1], 0xee);
	vmk_SlabFree(slab, again);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(slab), VMK_OK);
}

static void vmk_slab_sizes(struct kunit *test)
{
	struct ctor_log log = {};
	vmk_SlabCreateProps props;
	vmk_SlabMemSize size;

	KUNIT_EXPECT_GE(test, vmk_SlabControlSize(), sizeof(void *));
	KUNIT_EXPECT_GT(test, vmk_SlabGetMaxObjectSize(8),
			vmk_SlabGetMaxObjectSize(4096));
	thing_props(&props, &log, "kunit_size", 10, 1000);
	KUNIT_ASSERT_EQ(test, vmk_SlabGetMemSize(&props, &size), VMK_OK);
	KUNIT_EXPECT_GE(test, size.minPages, 1);
	KUNIT_EXPECT_GE(test, (u64)size.maxPages * VMK_PAGE_SIZE,
			1000 * sizeof(struct thing));
	KUNIT_EXPECT_LT(test, size.minPages, size.maxPages);
	props.maxObj = VMK_SLAB_MAX_UNLIMITED;
	KUNIT_EXPECT_EQ(test, vmk_SlabGetMemSize(&props, &size), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SlabGetMemSize(NULL, &size), VMK_BAD_PARAM);
}

/* A MEMPOOL slab charges its pool per page of objects built. */
static void vmk_slab_from_mempool(struct kunit *test)
{
	vmk_MemPoolProps pool_props = {
		.module = vmk_kunit_module_id,
		.parentMemPool = VMK_MEMPOOL_INVALID,
		.memPoolType = VMK_MEM_POOL_LEAF,
		.resourceProps = { .reservation = 0, .limit = 1 },
	};
	struct ctor_log log = {};
	vmk_SlabCreateProps props;
	const int most = VMK_PAGE_SIZE / 64 + 1;
	vmk_SlabGetProps got;
	void **obj;
	vmk_MemPool pool;
	vmk_SlabID slab;
	int n, i;

	obj = kunit_kcalloc(test, most, sizeof(*obj), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	vmk_NameInitialize(&pool_props.name, "kunit_slab_pool");
	KUNIT_ASSERT_EQ(test, vmk_MemPoolCreate(&pool_props, &pool), VMK_OK);
	thing_props(&props, &log, "kunit_pool_slab", 0,
		    VMK_SLAB_MAX_UNLIMITED);
	props.type = VMK_SLAB_TYPE_MEMPOOL;
	props.typeSpecific.memPool.memPool = pool;
	KUNIT_ASSERT_EQ(test, vmk_SlabCreate(&props, &slab), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SlabGetProperties(slab, &got), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, got.memPool, pool);

	/* A one-page pool holds a page's worth of objects, then no more. */
	for (n = 0; n < most; n++) {
		obj[n] = vmk_SlabAlloc(slab);
		if (!obj[n])
			break;
	}
	KUNIT_EXPECT_GT(test, n, 0);
	KUNIT_EXPECT_LT(test, n, most);
	KUNIT_EXPECT_LE(test, n * sizeof(struct thing), VMK_PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(pool), VMK_BUSY);
	for (i = 0; i < n; i++)
		vmk_SlabFree(slab, obj[i]);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(slab), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(pool), VMK_OK);
}

#define HAMMER_THREADS	4
#define HAMMER_ROUNDS	2000

struct slab_hammer {
	vmk_SlabID slab;
	atomic_t misses;
	atomic_t corrupt;
	atomic_t done;
};

static int slab_hammer_thread(void *data)
{
	struct slab_hammer *h = data;
	struct thing *t[3];
	int i, j;

	for (i = 0; i < HAMMER_ROUNDS; i++) {
		for (j = 0; j < ARRAY_SIZE(t); j++) {
			t[j] = vmk_SlabAlloc(h->slab);
			if (!t[j])
				atomic_inc(&h->misses);
			else if (t[j]->stamp != THING_STAMP)
				atomic_inc(&h->corrupt);
		}
		for (j = 0; j < ARRAY_SIZE(t); j++)
			if (t[j])
				vmk_SlabFree(h->slab, t[j]);
	}
	atomic_inc(&h->done);
	return 0;
}

static void vmk_slab_concurrent(struct kunit *test)
{
	struct ctor_log log = {};
	struct slab_hammer h = {};
	struct vmk_core_slab_stats st;
	vmk_SlabCreateProps props;
	struct task_struct *t;
	int i;

	thing_props(&props, &log, "kunit_hammer", 0, 8);
	KUNIT_ASSERT_EQ(test, vmk_SlabCreate(&props, &h.slab), VMK_OK);
	for (i = 0; i < HAMMER_THREADS; i++) {
		t = kthread_run(slab_hammer_thread, &h, "kunit_slab%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	while (atomic_read(&h.done) < HAMMER_THREADS)
		msleep(20);
	st = slab_stats(test, h.slab);
	KUNIT_EXPECT_EQ(test, st.in_use, 0);
	KUNIT_EXPECT_LE(test, st.objects, 8);
	KUNIT_EXPECT_EQ(test, st.allocs, st.frees);
	KUNIT_EXPECT_EQ(test, st.allocs + atomic_read(&h.misses),
			(u64)HAMMER_THREADS * HAMMER_ROUNDS * 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.corrupt), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.constructed), st.objects);
	KUNIT_EXPECT_EQ(test, vmk_SlabDestroy(h.slab), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.destructed), st.objects);
}

static struct kunit_case vmk_slab_cases[] = {
	KUNIT_CASE(vmk_slab_create_bad_params),
	KUNIT_CASE(vmk_slab_constructor_semantics),
	KUNIT_CASE(vmk_slab_max_enforced),
	KUNIT_CASE(vmk_slab_constructor_fails),
	KUNIT_CASE(vmk_slab_bad_handles),
	KUNIT_CASE(vmk_slab_ctrl_inside_and_alignment),
	KUNIT_CASE(vmk_slab_sizes),
	KUNIT_CASE(vmk_slab_from_mempool),
	KUNIT_CASE(vmk_slab_concurrent),
	{}
};

static struct kunit_suite vmk_slab_suite = {
	.name = "vmkapi_slab",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_slab_cases,
};
kunit_test_suite(vmk_slab_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API slabs");
MODULE_LICENSE("GPL");
