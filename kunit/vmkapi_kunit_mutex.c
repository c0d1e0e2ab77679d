// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: mutexes.  Exclusion is shown by an invariant after several
 * worlds hammered one mutex; lock classes by nesting two mutexes made at
 * one call site, which lockdep would report (failing the run) if they
 * shared a class.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

static vmk_HeapID mutex_heap = VMK_INVALID_HEAP_ID;

static int mutex_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	/* The core's heap: this module's resources are only the mutexes. */
	if (vmk_kunit_heap_create(VMK_VMKERNEL_MODULE_ID, "kunit_mutex",
				  64 * 1024, &mutex_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	/* For the semaphore that one test passes off as a mutex. */
	vmk_ModuleSetHeapID(vmk_kunit_module_id, mutex_heap);
	return 0;
}

static void mutex_suite_exit(struct kunit_suite *suite)
{
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(mutex_heap);
	mutex_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

#define SAFETY_TIMEOUT	(30 * HZ)

static noinline VMK_ReturnStatus make_mutex(const char *name, vmk_Mutex *m)
{
	vmk_MutexCreateProps props = {
		.moduleID = vmk_kunit_module_id,
		.heapID = mutex_heap,
		.type = VMK_MUTEX,
	};

	vmk_NameInitialize(&props.className, name);
	return vmk_MutexCreate(&props, m);
}

static void vmk_mutex_basic(struct kunit *test)
{
	vmk_Mutex m = VMK_MUTEX_INVALID;

	KUNIT_ASSERT_EQ(test, make_mutex("kunit-basic", &m), VMK_OK);
	KUNIT_EXPECT_PTR_NE(test, m, VMK_MUTEX_INVALID);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock(m), VMK_OK);
	/* Refused while locked: the mutex stays usable. */
	vmk_MutexDestroy(m);
	vmk_MutexUnlock(m);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock(m), VMK_OK);
	vmk_MutexUnlock(m);
	vmk_MutexDestroy(m);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock(m), VMK_INVALID_HANDLE);
}

/* Domain and rank: both or neither; a ranked mutex keeps its domain. */
static void vmk_mutex_domain_and_rank(struct kunit *test)
{
	vmk_MutexCreateProps props = {
		.moduleID = vmk_kunit_module_id,
		.heapID = mutex_heap,
		.type = VMK_MUTEX,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_MUTEX_UNRANKED,
	};
	vmk_LockDomainID domain;
	vmk_Mutex m = VMK_MUTEX_INVALID;
	vmk_Name name;

	vmk_NameInitialize(&props.className, "kunit-ranked");
	KUNIT_ASSERT_EQ(test, vmk_MutexCreate(&props, &m), VMK_OK);
	vmk_MutexDestroy(m);

	vmk_NameInitialize(&name, "kunit-mutex-domain");
	KUNIT_ASSERT_EQ(test, vmk_LockDomainCreate(vmk_kunit_module_id,
						   mutex_heap, &name, &domain),
			VMK_OK);
	props.domain = domain;		/* a domain without a rank */
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, &m), VMK_BAD_PARAM);
	props.domain = VMK_LOCKDOMAIN_INVALID;
	props.rank = 3;			/* a rank without a domain */
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, &m), VMK_BAD_PARAM);

	props.domain = domain;
	KUNIT_ASSERT_EQ(test, vmk_MutexCreate(&props, &m), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock(m), VMK_OK);
	vmk_MutexUnlock(m);
	/* The domain cannot go while a mutex of it lives. */
	vmk_LockDomainDestroy(domain);
	KUNIT_EXPECT_TRUE(test, vmk_core_lock_domain_live(domain));
	vmk_MutexDestroy(m);
	vmk_LockDomainDestroy(domain);
	KUNIT_EXPECT_FALSE(test, vmk_core_lock_domain_live(domain));
	/* A dead domain is refused. */
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, &m), VMK_INVALID_HANDLE);
}

static void vmk_mutex_bad_params(struct kunit *test)
{
	vmk_MutexCreateProps props = {
		.moduleID = vmk_kunit_module_id,
		.heapID = mutex_heap,
		.type = VMK_MUTEX,
	};
	vmk_Mutex m = VMK_MUTEX_INVALID, stale;
	vmk_Semaphore s = NULL;
	int local;

	vmk_NameInitialize(&props.className, "kunit-bad");
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(NULL, &m), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, NULL), VMK_BAD_PARAM);
	props.type = 0;
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, &m), VMK_BAD_PARAM);
	props.type = VMK_MUTEX;
	props.moduleID = 4242;
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, &m), VMK_INVALID_MODULE);
	props.moduleID = vmk_kunit_module_id;
	props.heapID = VMK_INVALID_HEAP_ID;
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, &m), VMK_BAD_PARAM);
	props.heapID = mutex_heap;
	props.className.string[0] = '\0';
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, &m), VMK_INVALID_NAME);
	memset(props.className.string, 'x', sizeof(props.className.string));
	KUNIT_EXPECT_EQ(test, vmk_MutexCreate(&props, &m), VMK_INVALID_NAME);
	KUNIT_EXPECT_PTR_EQ(test, m, VMK_MUTEX_INVALID);

	KUNIT_EXPECT_EQ(test, vmk_MutexLock(VMK_MUTEX_INVALID), VMK_BAD_PARAM);
	vmk_MutexUnlock(VMK_MUTEX_INVALID);
	vmk_MutexDestroy(VMK_MUTEX_INVALID);

	/* Destroyed, never valid, or another kind: refused, never read. */
	KUNIT_ASSERT_EQ(test, make_mutex("kunit-stale", &m), VMK_OK);
	stale = m;
	vmk_MutexDestroy(m);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock(stale), VMK_INVALID_HANDLE);
	vmk_MutexUnlock(stale);
	vmk_MutexDestroy(stale);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock((vmk_Mutex)&local),
			VMK_INVALID_HANDLE);
	KUNIT_ASSERT_EQ(test, vmk_BinarySemaCreate(&s, vmk_kunit_module_id,
						   "kunit-notmutex"), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock((vmk_Mutex)s), VMK_INVALID_HANDLE);
	vmk_MutexDestroy((vmk_Mutex)s);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_OK);
	vmk_SemaUnlock(&s);
	vmk_SemaDestroy(&s);

	/* Unlocking an unlocked mutex is refused. */
	KUNIT_ASSERT_EQ(test, make_mutex("kunit-unlocked", &m), VMK_OK);
	vmk_MutexUnlock(m);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock(m), VMK_OK);
	vmk_MutexUnlock(m);
	vmk_MutexDestroy(m);
}

static void vmk_mutex_alloc_size(struct kunit *test)
{
	vmk_ByteCount size = 0, align = 0;

	KUNIT_EXPECT_EQ(test, vmk_MutexAllocSize(VMK_MUTEX, &size, &align),
			VMK_OK);
	KUNIT_EXPECT_GT(test, size, 0ULL);
	KUNIT_EXPECT_GT(test, align, 0ULL);
	KUNIT_EXPECT_EQ(test, align & (align - 1), 0ULL);
	KUNIT_EXPECT_EQ(test, vmk_MutexAllocSize(0, &size, &align),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MutexAllocSize(VMK_MUTEX, NULL, &align),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MutexAllocSize(VMK_MUTEX, &size, NULL),
			VMK_BAD_PARAM);
}

static u64 heap_bytes(struct kunit *test, vmk_HeapID heap)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(heap, &st), 0);
	return st.bytes;
}

/* The mutex lives in the heap its props name, and leaves it on destroy. */
static void vmk_mutex_from_props_heap(struct kunit *test)
{
	u64 before = heap_bytes(test, mutex_heap);
	vmk_ByteCount size = 0, align = 0;
	vmk_Mutex m = VMK_MUTEX_INVALID;

	KUNIT_ASSERT_EQ(test, vmk_MutexAllocSize(VMK_MUTEX, &size, &align),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, make_mutex("kunit-heap", &m), VMK_OK);
	KUNIT_EXPECT_GE(test, heap_bytes(test, mutex_heap), before + size);
	vmk_MutexDestroy(m);
	KUNIT_EXPECT_EQ(test, heap_bytes(test, mutex_heap), before);
}

static void vmk_mutex_module_resources(struct kunit *test)
{
	vmk_Mutex m = VMK_MUTEX_INVALID;

	KUNIT_ASSERT_EQ(test, make_mutex("kunit-res", &m), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	vmk_MutexDestroy(m);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetID(KBUILD_MODNAME),
			vmk_kunit_module_id);
}

/*
 * Two mutexes from one creation site (this helper) but with different
 * class names nest without a lockdep report, as a driver's adapter and
 * firmware-command locks made through its own helper do.
 */
static void vmk_mutex_class_per_name(struct kunit *test)
{
	vmk_Mutex outer = VMK_MUTEX_INVALID, inner = VMK_MUTEX_INVALID;

	KUNIT_ASSERT_EQ(test, make_mutex("kunit-outer", &outer), VMK_OK);
	KUNIT_ASSERT_EQ(test, make_mutex("kunit-inner", &inner), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock(outer), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MutexLock(inner), VMK_OK);
	vmk_MutexUnlock(inner);
	vmk_MutexUnlock(outer);
	vmk_MutexDestroy(inner);
	vmk_MutexDestroy(outer);
}

#define HAMMER_WORLDS	4
#define HAMMER_ROUNDS	2000

struct hammer {
	vmk_Mutex mutex;
	/* Guarded by @mutex: a lost update shows as a short total. */
	unsigned long counter;
	atomic_t inside;
	atomic_t overlaps;
	struct completion done[HAMMER_WORLDS];
	atomic_t next;
};

static int hammer_world(void *arg)
{
	struct hammer *h = arg;
	int me = atomic_inc_return(&h->next) - 1, i;

	for (i = 0; i < HAMMER_ROUNDS; i++) {
		unsigned long v;

		vmk_MutexLock(h->mutex);
		if (atomic_inc_return(&h->inside) != 1)
			atomic_inc(&h->overlaps);
		v = READ_ONCE(h->counter);
		if (!(i % 8))
			cond_resched();
		WRITE_ONCE(h->counter, v + 1);
		atomic_dec(&h->inside);
		vmk_MutexUnlock(h->mutex);
	}
	kthread_complete_and_exit(&h->done[me], 0);
}

static void vmk_mutex_hammer(struct kunit *test)
{
	struct hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct task_struct *t[HAMMER_WORLDS];
	int i, started = 0;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_EQ(test, make_mutex("kunit-hammer", &h->mutex), VMK_OK);
	for (i = 0; i < HAMMER_WORLDS; i++) {
		init_completion(&h->done[i]);
		t[i] = kthread_create(hammer_world, h, "vmk-kunit-mutex");
		KUNIT_EXPECT_FALSE(test, IS_ERR(t[i]));
		if (IS_ERR(t[i]))
			break;
		started++;
	}
	for (i = 0; i < started; i++)
		wake_up_process(t[i]);
	for (i = 0; i < started; i++)
		KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&h->done[i],
								    SAFETY_TIMEOUT));
	KUNIT_EXPECT_EQ(test, h->counter,
			(unsigned long)started * HAMMER_ROUNDS);
	KUNIT_EXPECT_EQ(test, atomic_read(&h->overlaps), 0);
	vmk_MutexDestroy(h->mutex);
}

static struct kunit_case vmk_mutex_cases[] = {
	KUNIT_CASE(vmk_mutex_basic),
	KUNIT_CASE(vmk_mutex_bad_params),
	KUNIT_CASE(vmk_mutex_domain_and_rank),
	KUNIT_CASE(vmk_mutex_alloc_size),
	KUNIT_CASE(vmk_mutex_from_props_heap),
	KUNIT_CASE(vmk_mutex_module_resources),
	KUNIT_CASE(vmk_mutex_class_per_name),
	KUNIT_CASE(vmk_mutex_hammer),
	{}
};

static struct kunit_suite vmk_mutex_suite = {
	.name = "vmkapi_mutex",
	.suite_init = mutex_suite_init,
	.suite_exit = mutex_suite_exit,
	.test_cases = vmk_mutex_cases,
};
kunit_test_suite(vmk_mutex_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API mutexes");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
