// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: counting, binary and readers-writer semaphores.
 *
 * Blocking is shown by state, not by time: a second world's wait is
 * observed through the core's view of the semaphore (vmk_core_sema_state,
 * vmk_core_rwsema_state) before the test lets it through.  The bounded
 * waits below only keep a broken implementation from hanging the run.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

/* The module's default heap, where vmkapi 2.3 semaphores are allocated. */
static vmk_HeapID sema_heap = VMK_INVALID_HEAP_ID;

/*
 * The heaps are the core's, not this module's, so that this module's
 * resource count holds only the semaphores under test.
 */
static int sema_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	if (vmk_kunit_heap_create(VMK_VMKERNEL_MODULE_ID, "kunit_sema", 256 * 1024, &sema_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	vmk_ModuleSetHeapID(vmk_kunit_module_id, sema_heap);
	return 0;
}

static void sema_suite_exit(struct kunit_suite *suite)
{
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(sema_heap);
	sema_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

/* Generous: a safety net against a hang, never a performance check. */
#define SAFETY_TIMEOUT	(30 * HZ)

#define poll_until(cond)						\
({									\
	unsigned long __end = jiffies + SAFETY_TIMEOUT;			\
	while (!(cond) && time_before(jiffies, __end))			\
		usleep_range(500, 1000);				\
	(cond);								\
})

static unsigned int sema_count(vmk_Semaphore s)
{
	unsigned int count = ~0U, waiters;

	vmk_core_sema_state(s, &count, &waiters);
	return count;
}

static unsigned int sema_waiters(vmk_Semaphore s)
{
	unsigned int count, waiters = 0;

	vmk_core_sema_state(s, &count, &waiters);
	return waiters;
}

struct rw_state {
	unsigned int readers, readers_waiting, writers_waiting;
	bool writer, upgrading;
};

static struct rw_state rw_state(vmk_SemaphoreRW s)
{
	struct rw_state st = {};

	vmk_core_rwsema_state(s, &st.readers, &st.readers_waiting,
			      &st.writers_waiting, &st.writer, &st.upgrading);
	return st;
}

/* One helper world and what it reports back. */
struct worker {
	struct completion done;
	/* Set when the worker has what it came for. */
	struct completion got;
	/* The test lets the worker go on. */
	struct completion release;
	vmk_Semaphore *sema;
	vmk_SemaphoreRW *rw;
	VMK_ReturnStatus status;
	struct rw_state seen;
};

static void worker_init(struct worker *w)
{
	memset(w, 0, sizeof(*w));
	init_completion(&w->done);
	init_completion(&w->got);
	init_completion(&w->release);
}

static bool worker_start(struct kunit *test, int (*fn)(void *),
			 struct worker *w)
{
	struct task_struct *t = kthread_run(fn, w, "vmk-kunit-sema");

	KUNIT_EXPECT_FALSE(test, IS_ERR(t));
	return !IS_ERR(t);
}

static bool finished(struct completion *c)
{
	return wait_for_completion_timeout(c, SAFETY_TIMEOUT);
}

/* --- counting and binary semaphores ----------------------------------- */

static void vmk_sema_counting(struct kunit *test)
{
	vmk_Semaphore s = NULL;
	unsigned long flags;
	int i;

	KUNIT_ASSERT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id,
					     "kunit-count", 3), VMK_OK);
	KUNIT_EXPECT_EQ(test, sema_count(s), 3U);
	vmk_SemaAssertIsUnlocked(&s);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_OK);
	/* The fourth taker finds no unit left. */
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, sema_count(s), 0U);
	vmk_SemaAssertIsLocked(&s);
	vmk_SemaUnlock(&s);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_OK);
	for (i = 0; i < 2; i++)
		vmk_SemaUnlock(&s);
	/* Unlock never sleeps: legal with interrupts off, as in an ack. */
	local_irq_save(flags);
	vmk_SemaUnlock(&s);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, sema_count(s), 3U);

	/* A count of 0 starts locked. */
	vmk_SemaDestroy(&s);
	KUNIT_ASSERT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id,
					     "kunit-zero", 0), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_BUSY);
	vmk_SemaUnlock(&s);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_OK);
	vmk_SemaDestroy(&s);
}

static int lock_then_report(void *arg)
{
	struct worker *w = arg;

	vmk_SemaLock(w->sema);
	complete(&w->got);
	wait_for_completion(&w->release);
	vmk_SemaUnlock(w->sema);
	kthread_complete_and_exit(&w->done, 0);
}

static void vmk_sema_lock_blocks(struct kunit *test)
{
	vmk_Semaphore s = NULL;
	struct worker w;
	int i;

	KUNIT_ASSERT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id,
					     "kunit-block", 2), VMK_OK);
	for (i = 0; i < 2; i++)
		vmk_SemaLock(&s);

	worker_init(&w);
	w.sema = &s;
	if (worker_start(test, lock_then_report, &w)) {
		/* The third taker sleeps until a unit comes back. */
		KUNIT_EXPECT_TRUE(test, poll_until(sema_waiters(s) == 1));
		KUNIT_EXPECT_FALSE(test, completion_done(&w.got));
		vmk_SemaUnlock(&s);
		KUNIT_EXPECT_TRUE(test, finished(&w.got));
		KUNIT_EXPECT_EQ(test, sema_count(s), 0U);
		complete(&w.release);
		KUNIT_EXPECT_TRUE(test, finished(&w.done));
	} else {
		vmk_SemaUnlock(&s);
	}
	vmk_SemaUnlock(&s);
	KUNIT_EXPECT_EQ(test, sema_count(s), 2U);
	vmk_SemaDestroy(&s);
}

static int unlock_and_exit(void *arg)
{
	struct worker *w = arg;

	vmk_SemaUnlock(w->sema);
	kthread_complete_and_exit(&w->done, 0);
}

static void vmk_sema_binary_other_releaser(struct kunit *test)
{
	vmk_Semaphore s = NULL;
	struct worker w;

	KUNIT_ASSERT_EQ(test, vmk_BinarySemaCreate(&s, vmk_kunit_module_id,
						   "kunit-binary"), VMK_OK);
	KUNIT_EXPECT_EQ(test, sema_count(s), 1U);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_BUSY);
	vmk_SemaAssertIsLocked(&s);

	/* Another world releases what this one took. */
	worker_init(&w);
	w.sema = &s;
	if (worker_start(test, unlock_and_exit, &w))
		KUNIT_EXPECT_TRUE(test, finished(&w.done));
	else
		vmk_SemaUnlock(&s);
	KUNIT_EXPECT_EQ(test, sema_count(s), 1U);
	vmk_SemaAssertIsUnlocked(&s);

	/* A second unlock is refused: it stays binary. */
	vmk_SemaUnlock(&s);
	KUNIT_EXPECT_EQ(test, sema_count(s), 1U);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_BUSY);

	/* And a waiter is woken by a release from a third world. */
	worker_init(&w);
	w.sema = &s;
	if (worker_start(test, lock_then_report, &w)) {
		KUNIT_EXPECT_TRUE(test, poll_until(sema_waiters(s) == 1));
		vmk_SemaUnlock(&s);
		KUNIT_EXPECT_TRUE(test, finished(&w.got));
		complete(&w.release);
		KUNIT_EXPECT_TRUE(test, finished(&w.done));
	} else {
		vmk_SemaUnlock(&s);
	}
	KUNIT_EXPECT_EQ(test, sema_count(s), 1U);
	vmk_SemaDestroy(&s);
}

static void vmk_sema_bad_params(struct kunit *test)
{
	vmk_Semaphore s = NULL, stale, bogus;
	vmk_SemaphoreRW rw = NULL;
	int local;

	KUNIT_EXPECT_EQ(test, vmk_SemaCreate(NULL, vmk_kunit_module_id, "x", 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id, NULL, 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id, "x", -1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BinarySemaCreate(NULL, vmk_kunit_module_id,
						   "x"), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SemaCreate(&s, 4242, "x", 1),
			VMK_INVALID_MODULE);
	KUNIT_EXPECT_EQ(test, vmk_BinarySemaCreate(&s, VMK_INVALID_MODULE_ID,
						   "x"), VMK_INVALID_MODULE);
	KUNIT_EXPECT_PTR_EQ(test, s, (vmk_Semaphore)NULL);

	/* NULL pointers and NULL handles. */
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_BAD_PARAM);
	vmk_SemaLock(NULL);
	vmk_SemaLock(&s);
	vmk_SemaUnlock(NULL);
	vmk_SemaUnlock(&s);
	vmk_SemaDestroy(NULL);
	vmk_SemaDestroy(&s);

	/* A destroyed handle is refused without being read. */
	KUNIT_ASSERT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id,
					     "kunit-stale", 1), VMK_OK);
	stale = s;
	vmk_SemaDestroy(&s);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&stale), VMK_INVALID_HANDLE);
	vmk_SemaLock(&stale);
	vmk_SemaUnlock(&stale);
	vmk_SemaAssertIsLocked(&stale);
	vmk_SemaDestroy(&stale);

	/* Something that never was a semaphore, or is another kind. */
	bogus = (vmk_Semaphore)&local;
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&bogus), VMK_INVALID_HANDLE);
	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-kind"), VMK_OK);
	bogus = (vmk_Semaphore)rw;
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&bogus), VMK_INVALID_HANDLE);
	vmk_SemaDestroy(&bogus);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryReadLock(&rw), VMK_OK);
	vmk_RWSemaReadUnlock(&rw);
	vmk_RWSemaDestroy(&rw);
}

static void vmk_sema_destroy_refused_with_waiter(struct kunit *test)
{
	vmk_Semaphore s = NULL;
	struct worker w;

	KUNIT_ASSERT_EQ(test, vmk_BinarySemaCreate(&s, vmk_kunit_module_id,
						   "kunit-destroy"), VMK_OK);
	vmk_SemaLock(&s);
	worker_init(&w);
	w.sema = &s;
	if (worker_start(test, lock_then_report, &w)) {
		KUNIT_EXPECT_TRUE(test, poll_until(sema_waiters(s) == 1));
		/* Refused: the sleeper would wake in freed memory. */
		vmk_SemaDestroy(&s);
		KUNIT_EXPECT_EQ(test, sema_waiters(s), 1U);
		vmk_SemaUnlock(&s);
		KUNIT_EXPECT_TRUE(test, finished(&w.got));
		complete(&w.release);
		KUNIT_EXPECT_TRUE(test, finished(&w.done));
	} else {
		vmk_SemaUnlock(&s);
	}
	vmk_SemaDestroy(&s);
	KUNIT_EXPECT_EQ(test, vmk_SemaTryLock(&s), VMK_INVALID_HANDLE);
}

static void vmk_sema_alloc_size(struct kunit *test)
{
	vmk_uint32 align = 0;
	vmk_ByteCount size = vmk_SemaAllocSize(&align);

	KUNIT_EXPECT_GT(test, size, 0ULL);
	KUNIT_EXPECT_GT(test, align, 0U);
	KUNIT_EXPECT_EQ(test, align & (align - 1), 0U);
	KUNIT_EXPECT_EQ(test, vmk_SemaAllocSize(NULL), size);
}

static u64 heap_bytes(struct kunit *test, vmk_HeapID heap)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(heap, &st), 0);
	return st.bytes;
}

static void vmk_sema_from_module_heap(struct kunit *test)
{
	u64 before = heap_bytes(test, sema_heap);
	vmk_Semaphore s = NULL;
	vmk_SemaphoreRW rw = NULL;

	KUNIT_ASSERT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id,
					     "kunit-heap", 1), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-rwheap"), VMK_OK);
	KUNIT_EXPECT_GE(test, heap_bytes(test, sema_heap),
			before + 2 * vmk_SemaAllocSize(NULL));
	vmk_SemaDestroy(&s);
	vmk_RWSemaDestroy(&rw);
	KUNIT_EXPECT_EQ(test, heap_bytes(test, sema_heap), before);

	/* Without a default heap the module cannot have semaphores. */
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	KUNIT_EXPECT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id, "x", 1),
			VMK_NO_MODULE_HEAP);
	KUNIT_EXPECT_EQ(test, vmk_BinarySemaCreate(&s, vmk_kunit_module_id,
						   "x"), VMK_NO_MODULE_HEAP);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id, "x"),
			VMK_NO_MODULE_HEAP);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, sema_heap);
	KUNIT_EXPECT_PTR_EQ(test, vmk_ModuleGetHeapID(vmk_kunit_module_id),
			    sema_heap);
}

#define SIZED_SEMAS	8

/* A heap sized from vmk_SemaAllocSize holds that many semaphores. */
static void vmk_sema_alloc_size_sizes_a_heap(struct kunit *test)
{
	vmk_HeapAllocationDescriptor desc = { .count = SIZED_SEMAS };
	vmk_Semaphore s[SIZED_SEMAS] = {};
	vmk_ByteCount max = 0;
	vmk_HeapID heap = VMK_INVALID_HEAP_ID;
	vmk_uint32 align;
	int i;

	desc.size = vmk_SemaAllocSize(&align);
	desc.alignment = align;
	KUNIT_ASSERT_EQ(test, vmk_HeapDetermineMaxSize(&desc, 1, &max), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_kunit_heap_create(VMK_VMKERNEL_MODULE_ID, "kunit_sized", max, &heap), VMK_OK);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, heap);
	for (i = 0; i < SIZED_SEMAS; i++)
		KUNIT_EXPECT_EQ(test, vmk_BinarySemaCreate(&s[i],
							   vmk_kunit_module_id,
							   "kunit-sized"),
				VMK_OK);
	for (i = 0; i < SIZED_SEMAS; i++)
		if (s[i])
			vmk_SemaDestroy(&s[i]);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, sema_heap);
	vmk_HeapDestroy(heap);
}

static void vmk_sema_module_resources(struct kunit *test)
{
	vmk_Semaphore s = NULL;
	vmk_SemaphoreRW rw = NULL;

	KUNIT_ASSERT_EQ(test, vmk_BinarySemaCreate(&s, vmk_kunit_module_id,
						   "kunit-res"), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	vmk_SemaDestroy(&s);

	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-rwres"), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	vmk_RWSemaDestroy(&rw);
	/*
	 * Still registered (the suite exit unregisters it, and complains if
	 * a destroyed semaphore were still counted).
	 */
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetID(KBUILD_MODNAME),
			vmk_kunit_module_id);
}

#define HAMMER_WORLDS	4
#define HAMMER_ROUNDS	2000
#define HAMMER_UNITS	2

struct hammer {
	vmk_Semaphore binary;
	vmk_Semaphore counting;
	/* Guarded by @binary: a lost update shows as a short total. */
	unsigned long counter;
	atomic_t inside;
	atomic_t max_inside;
	struct completion done[HAMMER_WORLDS];
	atomic_t next;
};

static int hammer_world(void *arg)
{
	struct hammer *h = arg;
	int me = atomic_inc_return(&h->next) - 1, i, n, max;

	for (i = 0; i < HAMMER_ROUNDS; i++) {
		unsigned long v;

		vmk_SemaLock(&h->binary);
		v = READ_ONCE(h->counter);
		if (!(i % 8))
			cond_resched();
		WRITE_ONCE(h->counter, v + 1);
		vmk_SemaUnlock(&h->binary);

		vmk_SemaLock(&h->counting);
		n = atomic_inc_return(&h->inside);
		max = atomic_read(&h->max_inside);
		while (n > max && !atomic_try_cmpxchg(&h->max_inside, &max, n))
			;
		if (!(i % 8))
			cond_resched();
		atomic_dec(&h->inside);
		vmk_SemaUnlock(&h->counting);
	}
	kthread_complete_and_exit(&h->done[me], 0);
}

/* Create every world first, so each takes its index before any runs. */
static int start_worlds(struct kunit *test, int (*fn)(void *), void *arg,
			struct task_struct **t, int n)
{
	int i, started = 0;

	for (i = 0; i < n; i++) {
		t[i] = kthread_create(fn, arg, "vmk-kunit-hammer");
		KUNIT_EXPECT_FALSE(test, IS_ERR(t[i]));
		if (IS_ERR(t[i]))
			break;
		started++;
	}
	for (i = 0; i < started; i++)
		wake_up_process(t[i]);
	return started;
}

static void vmk_sema_hammer(struct kunit *test)
{
	struct hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct task_struct *t[HAMMER_WORLDS];
	int i, started;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_EQ(test, vmk_BinarySemaCreate(&h->binary,
						   vmk_kunit_module_id,
						   "kunit-hammer-bin"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_SemaCreate(&h->counting, vmk_kunit_module_id,
					     "kunit-hammer-cnt", HAMMER_UNITS),
			VMK_OK);
	for (i = 0; i < HAMMER_WORLDS; i++)
		init_completion(&h->done[i]);
	started = start_worlds(test, hammer_world, h, t, HAMMER_WORLDS);
	for (i = 0; i < started; i++)
		KUNIT_EXPECT_TRUE(test, finished(&h->done[i]));

	KUNIT_EXPECT_EQ(test, h->counter,
			(unsigned long)started * HAMMER_ROUNDS);
	KUNIT_EXPECT_LE(test, atomic_read(&h->max_inside), HAMMER_UNITS);
	KUNIT_EXPECT_GE(test, atomic_read(&h->max_inside), 1);
	KUNIT_EXPECT_EQ(test, sema_count(h->binary), 1U);
	KUNIT_EXPECT_EQ(test, sema_count(h->counting),
			(unsigned int)HAMMER_UNITS);
	vmk_SemaDestroy(&h->binary);
	vmk_SemaDestroy(&h->counting);
}

/* --- readers-writer semaphores --------------------------------------------- */

static int try_read_and_exit(void *arg)
{
	struct worker *w = arg;

	w->status = vmk_RWSemaTryReadLock(w->rw);
	if (w->status == VMK_OK) {
		w->seen = rw_state(*w->rw);
		vmk_RWSemaReadUnlock(w->rw);
	}
	kthread_complete_and_exit(&w->done, 0);
}

static int read_lock_hold(void *arg)
{
	struct worker *w = arg;

	vmk_RWSemaReadLock(w->rw);
	w->seen = rw_state(*w->rw);
	complete(&w->got);
	wait_for_completion(&w->release);
	vmk_RWSemaReadUnlock(w->rw);
	kthread_complete_and_exit(&w->done, 0);
}

static int write_lock_hold(void *arg)
{
	struct worker *w = arg;

	vmk_RWSemaWriteLock(w->rw);
	w->seen = rw_state(*w->rw);
	complete(&w->got);
	wait_for_completion(&w->release);
	vmk_RWSemaWriteUnlock(w->rw);
	kthread_complete_and_exit(&w->done, 0);
}

static void vmk_rwsema_readers_share_writer_excludes(struct kunit *test)
{
	vmk_SemaphoreRW rw = NULL;
	struct worker r, wr;

	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-rw"), VMK_OK);
	vmk_RWSemaReadLock(&rw);
	vmk_RWSemaAssertHasReaders(&rw);
	vmk_RWSemaAssertHasReadersWriter(&rw);

	/* A second reader gets in, blocking or not. */
	worker_init(&r);
	r.rw = &rw;
	if (worker_start(test, try_read_and_exit, &r)) {
		KUNIT_EXPECT_TRUE(test, finished(&r.done));
		KUNIT_EXPECT_EQ(test, r.status, VMK_OK);
		KUNIT_EXPECT_EQ(test, r.seen.readers, 2U);
	}
	worker_init(&r);
	r.rw = &rw;
	if (worker_start(test, read_lock_hold, &r)) {
		KUNIT_EXPECT_TRUE(test, finished(&r.got));
		KUNIT_EXPECT_EQ(test, r.seen.readers, 2U);
		complete(&r.release);
		KUNIT_EXPECT_TRUE(test, finished(&r.done));
	}

	/* A writer waits for the reader, and holds new readers back. */
	worker_init(&wr);
	wr.rw = &rw;
	if (worker_start(test, write_lock_hold, &wr)) {
		KUNIT_EXPECT_TRUE(test,
				  poll_until(rw_state(rw).writers_waiting == 1));
		KUNIT_EXPECT_FALSE(test, completion_done(&wr.got));
		worker_init(&r);
		r.rw = &rw;
		if (worker_start(test, try_read_and_exit, &r)) {
			KUNIT_EXPECT_TRUE(test, finished(&r.done));
			KUNIT_EXPECT_EQ(test, r.status, VMK_WOULD_BLOCK);
		}
		vmk_RWSemaReadUnlock(&rw);
		KUNIT_EXPECT_TRUE(test, finished(&wr.got));
		KUNIT_EXPECT_TRUE(test, wr.seen.writer);
		KUNIT_EXPECT_EQ(test, wr.seen.readers, 0U);
		vmk_RWSemaAssertHasWriter(&rw);
		/* Nobody reads while the writer writes. */
		KUNIT_EXPECT_EQ(test, vmk_RWSemaTryReadLock(&rw),
				VMK_WOULD_BLOCK);
		complete(&wr.release);
		KUNIT_EXPECT_TRUE(test, finished(&wr.done));
	} else {
		vmk_RWSemaReadUnlock(&rw);
	}

	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryReadLock(&rw), VMK_OK);
	vmk_RWSemaReadUnlock(&rw);
	vmk_RWSemaWriteLock(&rw);
	KUNIT_EXPECT_TRUE(test, rw_state(rw).writer);
	vmk_RWSemaWriteUnlock(&rw);
	KUNIT_EXPECT_FALSE(test, rw_state(rw).writer);
	KUNIT_EXPECT_EQ(test, rw_state(rw).readers, 0U);
	vmk_RWSemaDestroy(&rw);
}

static void vmk_rwsema_upgrade_sole_reader(struct kunit *test)
{
	vmk_SemaphoreRW rw = NULL;
	struct rw_state st;

	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-upgrade"), VMK_OK);
	vmk_RWSemaReadLock(&rw);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryUpgradeFromRead(&rw), VMK_OK);
	st = rw_state(rw);
	KUNIT_EXPECT_TRUE(test, st.writer);
	KUNIT_EXPECT_EQ(test, st.readers, 0U);
	vmk_RWSemaAssertHasWriter(&rw);

	vmk_RWSemaDowngradeToRead(&rw);
	st = rw_state(rw);
	KUNIT_EXPECT_FALSE(test, st.writer);
	KUNIT_EXPECT_EQ(test, st.readers, 1U);

	/* The blocking upgrade does not wait when nobody else reads. */
	KUNIT_EXPECT_EQ(test, vmk_RWSemaUpgradeFromRead(&rw), VMK_OK);
	st = rw_state(rw);
	KUNIT_EXPECT_TRUE(test, st.writer);
	KUNIT_EXPECT_FALSE(test, st.upgrading);
	vmk_RWSemaWriteUnlock(&rw);
	vmk_RWSemaDestroy(&rw);
}

static int read_then_upgrade(void *arg)
{
	struct worker *w = arg;

	vmk_RWSemaReadLock(w->rw);
	complete(&w->got);
	wait_for_completion(&w->release);
	w->status = vmk_RWSemaUpgradeFromRead(w->rw);
	w->seen = rw_state(*w->rw);
	if (w->status == VMK_OK)
		vmk_RWSemaWriteUnlock(w->rw);
	else
		vmk_RWSemaReadUnlock(w->rw);
	kthread_complete_and_exit(&w->done, 0);
}

static void vmk_rwsema_upgrade_waits_for_readers(struct kunit *test)
{
	vmk_SemaphoreRW rw = NULL;
	struct worker u, r;

	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-upwait"), VMK_OK);
	vmk_RWSemaReadLock(&rw);
	/* With another reader in, a try-upgrade fails and keeps reading. */
	worker_init(&u);
	u.rw = &rw;
	if (!worker_start(test, read_then_upgrade, &u)) {
		vmk_RWSemaReadUnlock(&rw);
		vmk_RWSemaDestroy(&rw);
		return;
	}
	KUNIT_EXPECT_TRUE(test, finished(&u.got));
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryUpgradeFromRead(&rw), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, rw_state(rw).readers, 2U);
	KUNIT_EXPECT_FALSE(test, rw_state(rw).writer);

	/* The worker's blocking upgrade waits for this reader to leave... */
	complete(&u.release);
	KUNIT_EXPECT_TRUE(test, poll_until(rw_state(rw).upgrading));
	KUNIT_EXPECT_FALSE(test, completion_done(&u.done));
	/* ...and meanwhile holds new readers back. */
	worker_init(&r);
	r.rw = &rw;
	if (worker_start(test, try_read_and_exit, &r)) {
		KUNIT_EXPECT_TRUE(test, finished(&r.done));
		KUNIT_EXPECT_EQ(test, r.status, VMK_WOULD_BLOCK);
	}
	vmk_RWSemaReadUnlock(&rw);
	KUNIT_EXPECT_TRUE(test, finished(&u.done));
	KUNIT_EXPECT_EQ(test, u.status, VMK_OK);
	KUNIT_EXPECT_TRUE(test, u.seen.writer);
	KUNIT_EXPECT_EQ(test, u.seen.readers, 0U);
	vmk_RWSemaDestroy(&rw);
}

static void vmk_rwsema_two_upgraders(struct kunit *test)
{
	vmk_SemaphoreRW rw = NULL;
	struct worker a, b;
	int busy = 0, ok = 0;

	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-2up"), VMK_OK);
	worker_init(&a);
	worker_init(&b);
	a.rw = &rw;
	b.rw = &rw;
	if (!worker_start(test, read_then_upgrade, &a)) {
		vmk_RWSemaDestroy(&rw);
		return;
	}
	if (!worker_start(test, read_then_upgrade, &b)) {
		complete(&a.release);
		KUNIT_EXPECT_TRUE(test, finished(&a.done));
		vmk_RWSemaDestroy(&rw);
		return;
	}
	/* Both read; then both ask to upgrade at once. */
	KUNIT_EXPECT_TRUE(test, finished(&a.got));
	KUNIT_EXPECT_TRUE(test, finished(&b.got));
	KUNIT_EXPECT_EQ(test, rw_state(rw).readers, 2U);
	complete(&a.release);
	complete(&b.release);
	KUNIT_EXPECT_TRUE(test, finished(&a.done));
	KUNIT_EXPECT_TRUE(test, finished(&b.done));

	ok = (a.status == VMK_OK) + (b.status == VMK_OK);
	busy = (a.status == VMK_BUSY) + (b.status == VMK_BUSY);
	KUNIT_EXPECT_EQ(test, ok, 1);
	KUNIT_EXPECT_EQ(test, busy, 1);
	/* The refused one still read (it saw itself, and the upgrader). */
	if (a.status == VMK_BUSY) {
		KUNIT_EXPECT_GE(test, a.seen.readers, 1U);
		KUNIT_EXPECT_FALSE(test, a.seen.writer);
	}
	if (b.status == VMK_BUSY) {
		KUNIT_EXPECT_GE(test, b.seen.readers, 1U);
		KUNIT_EXPECT_FALSE(test, b.seen.writer);
	}
	KUNIT_EXPECT_EQ(test, rw_state(rw).readers, 0U);
	KUNIT_EXPECT_FALSE(test, rw_state(rw).writer);
	vmk_RWSemaDestroy(&rw);
}

static void vmk_rwsema_downgrade_lets_readers_in(struct kunit *test)
{
	vmk_SemaphoreRW rw = NULL;
	struct worker r;

	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-down"), VMK_OK);
	vmk_RWSemaWriteLock(&rw);
	worker_init(&r);
	r.rw = &rw;
	if (worker_start(test, read_lock_hold, &r)) {
		KUNIT_EXPECT_TRUE(test,
				  poll_until(rw_state(rw).readers_waiting == 1));
		KUNIT_EXPECT_FALSE(test, completion_done(&r.got));
		vmk_RWSemaDowngradeToRead(&rw);
		/* The waiting reader now shares with the downgraded one. */
		KUNIT_EXPECT_TRUE(test, finished(&r.got));
		KUNIT_EXPECT_EQ(test, r.seen.readers, 2U);
		KUNIT_EXPECT_FALSE(test, r.seen.writer);
		complete(&r.release);
		KUNIT_EXPECT_TRUE(test, finished(&r.done));
	} else {
		vmk_RWSemaDowngradeToRead(&rw);
	}
	KUNIT_EXPECT_EQ(test, rw_state(rw).readers, 1U);
	vmk_RWSemaReadUnlock(&rw);
	vmk_RWSemaDestroy(&rw);
}

static void vmk_rwsema_bad_params(struct kunit *test)
{
	vmk_SemaphoreRW rw = NULL, stale;
	vmk_Semaphore s = NULL;

	KUNIT_EXPECT_EQ(test, vmk_RWSemaCreate(NULL, vmk_kunit_module_id, "x"),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaCreate(&rw, 4242, "x"),
			VMK_INVALID_MODULE);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryReadLock(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryReadLock(&rw), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaUpgradeFromRead(&rw), VMK_BAD_PARAM);
	vmk_RWSemaReadLock(&rw);
	vmk_RWSemaWriteLock(NULL);
	vmk_RWSemaReadUnlock(&rw);
	vmk_RWSemaWriteUnlock(NULL);
	vmk_RWSemaDowngradeToRead(&rw);
	vmk_RWSemaDestroy(NULL);

	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&rw, vmk_kunit_module_id,
					       "kunit-rwbad"), VMK_OK);
	/* Releasing or converting what is not held changes nothing. */
	vmk_RWSemaReadUnlock(&rw);
	vmk_RWSemaWriteUnlock(&rw);
	vmk_RWSemaDowngradeToRead(&rw);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaUpgradeFromRead(&rw), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryUpgradeFromRead(&rw), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, rw_state(rw).readers, 0U);
	KUNIT_EXPECT_FALSE(test, rw_state(rw).writer);

	/* A held semaphore is not destroyed. */
	vmk_RWSemaReadLock(&rw);
	vmk_RWSemaDestroy(&rw);
	KUNIT_EXPECT_EQ(test, rw_state(rw).readers, 1U);
	vmk_RWSemaReadUnlock(&rw);

	stale = rw;
	vmk_RWSemaDestroy(&rw);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryReadLock(&stale),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaUpgradeFromRead(&stale),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryUpgradeFromRead(&stale),
			VMK_INVALID_HANDLE);
	vmk_RWSemaReadLock(&stale);
	vmk_RWSemaReadUnlock(&stale);
	vmk_RWSemaWriteLock(&stale);
	vmk_RWSemaWriteUnlock(&stale);
	vmk_RWSemaDowngradeToRead(&stale);
	vmk_RWSemaAssertHasReaders(&stale);
	vmk_RWSemaDestroy(&stale);

	/* A counting semaphore is not a readers-writer one. */
	KUNIT_ASSERT_EQ(test, vmk_SemaCreate(&s, vmk_kunit_module_id,
					     "kunit-notrw", 1), VMK_OK);
	stale = (vmk_SemaphoreRW)s;
	KUNIT_EXPECT_EQ(test, vmk_RWSemaTryReadLock(&stale),
			VMK_INVALID_HANDLE);
	vmk_RWSemaDestroy(&stale);
	KUNIT_EXPECT_EQ(test, sema_count(s), 1U);
	vmk_SemaDestroy(&s);
}

#define RW_HAMMER_WORLDS	4
#define RW_HAMMER_ROUNDS	1000

struct rw_hammer {
	vmk_SemaphoreRW rw;
	/* Written only under write access; readers check a == b. */
	unsigned long a, b;
	atomic_t writes;
	atomic_t torn;
	struct completion done[RW_HAMMER_WORLDS];
	atomic_t next;
};

static int rw_hammer_world(void *arg)
{
	struct rw_hammer *h = arg;
	int me = atomic_inc_return(&h->next) - 1, i;
	VMK_ReturnStatus status;

	for (i = 0; i < RW_HAMMER_ROUNDS; i++) {
		switch ((i + me) % 4) {
		case 0:
			vmk_RWSemaWriteLock(&h->rw);
			WRITE_ONCE(h->a, h->a + 1);
			cond_resched();
			WRITE_ONCE(h->b, h->b + 1);
			atomic_inc(&h->writes);
			vmk_RWSemaWriteUnlock(&h->rw);
			break;
		case 1:
			vmk_RWSemaReadLock(&h->rw);
			status = vmk_RWSemaUpgradeFromRead(&h->rw);
			if (READ_ONCE(h->a) != READ_ONCE(h->b))
				atomic_inc(&h->torn);
			if (status == VMK_OK) {
				WRITE_ONCE(h->a, h->a + 1);
				cond_resched();
				WRITE_ONCE(h->b, h->b + 1);
				atomic_inc(&h->writes);
				vmk_RWSemaDowngradeToRead(&h->rw);
			}
			vmk_RWSemaReadUnlock(&h->rw);
			break;
		default:
			vmk_RWSemaReadLock(&h->rw);
			if (READ_ONCE(h->a) != READ_ONCE(h->b))
				atomic_inc(&h->torn);
			cond_resched();
			if (READ_ONCE(h->a) != READ_ONCE(h->b))
				atomic_inc(&h->torn);
			vmk_RWSemaReadUnlock(&h->rw);
			break;
		}
	}
	kthread_complete_and_exit(&h->done[me], 0);
}

static void vmk_rwsema_hammer(struct kunit *test)
{
	struct rw_hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct task_struct *t[RW_HAMMER_WORLDS];
	int i, started;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_EQ(test, vmk_RWSemaCreate(&h->rw, vmk_kunit_module_id,
					       "kunit-rwhammer"), VMK_OK);
	for (i = 0; i < RW_HAMMER_WORLDS; i++)
		init_completion(&h->done[i]);
	started = start_worlds(test, rw_hammer_world, h, t, RW_HAMMER_WORLDS);
	for (i = 0; i < started; i++)
		KUNIT_EXPECT_TRUE(test, finished(&h->done[i]));

	KUNIT_EXPECT_EQ(test, atomic_read(&h->torn), 0);
	KUNIT_EXPECT_EQ(test, h->a, (unsigned long)atomic_read(&h->writes));
	KUNIT_EXPECT_EQ(test, h->a, h->b);
	KUNIT_EXPECT_GE(test, atomic_read(&h->writes),
			started * RW_HAMMER_ROUNDS / 4);
	KUNIT_EXPECT_EQ(test, rw_state(h->rw).readers, 0U);
	KUNIT_EXPECT_FALSE(test, rw_state(h->rw).writer);
	vmk_RWSemaDestroy(&h->rw);
}

static struct kunit_case vmk_sema_cases[] = {
	KUNIT_CASE(vmk_sema_counting),
	KUNIT_CASE(vmk_sema_lock_blocks),
	KUNIT_CASE(vmk_sema_binary_other_releaser),
	KUNIT_CASE(vmk_sema_bad_params),
	KUNIT_CASE(vmk_sema_destroy_refused_with_waiter),
	KUNIT_CASE(vmk_sema_alloc_size),
	KUNIT_CASE(vmk_sema_from_module_heap),
	KUNIT_CASE(vmk_sema_alloc_size_sizes_a_heap),
	KUNIT_CASE(vmk_sema_module_resources),
	KUNIT_CASE(vmk_sema_hammer),
	KUNIT_CASE(vmk_rwsema_readers_share_writer_excludes),
	KUNIT_CASE(vmk_rwsema_upgrade_sole_reader),
	KUNIT_CASE(vmk_rwsema_upgrade_waits_for_readers),
	KUNIT_CASE(vmk_rwsema_two_upgraders),
	KUNIT_CASE(vmk_rwsema_downgrade_lets_readers_in),
	KUNIT_CASE(vmk_rwsema_bad_params),
	KUNIT_CASE(vmk_rwsema_hammer),
	{}
};

static struct kunit_suite vmk_sema_suite = {
	.name = "vmkapi_sema",
	.suite_init = sema_suite_init,
	.suite_exit = sema_suite_exit,
	.test_cases = vmk_sema_cases,
};
kunit_test_suite(vmk_sema_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API semaphores");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
