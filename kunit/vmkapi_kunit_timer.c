// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: timer queues.  Callbacks report through atomic counters and a
 * wait queue; every wait is bounded by a generous safety timeout.  No
 * test measures time: "did not fire" is shown by a later timer of the
 * same queue that did (a queue runs due timers in order, one at a time),
 * and "waited for the callback" by the callback's own end marker.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/wait.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define SAFETY_TIMEOUT	(30 * HZ)
#define HEAP_MAX	(256 * 1024)
/* Long enough never to fire during a test. */
#define NEVER_US	(60LL * VMK_USEC_PER_SEC)
#define NODOM		VMK_LOCKDOMAIN_INVALID
#define NORANK		VMK_SPINLOCK_UNRANKED

static vmk_HeapID timer_heap = VMK_INVALID_HEAP_ID;

static int timer_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_timer",
				  HEAP_MAX, &timer_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	return 0;
}

static void timer_suite_exit(struct kunit_suite *suite)
{
	vmk_HeapDestroy(timer_heap);
	timer_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

static VMK_ReturnStatus make_queue_on(vmk_HeapID heap, const char *name,
				      vmk_TimerQueueAttributes attribs,
				      vmk_TimerQueue *q)
{
	vmk_TimerQueueProps props = {
		.moduleID = vmk_kunit_module_id,
		.heapID = heap,
		.attribs = attribs,
	};

	vmk_NameInitialize(&props.name, name);
	return vmk_TimerQueueCreate(&props, q);
}

static vmk_TimerQueue make_queue(struct kunit *test, const char *name)
{
	vmk_TimerQueue q = VMK_INVALID_TIMER_QUEUE;

	KUNIT_ASSERT_EQ(test, make_queue_on(timer_heap, name,
					    VMK_TIMER_QUEUE_ATTR_NONE, &q),
			VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, q);
	return q;
}

static u64 live_allocs(struct kunit *test, vmk_HeapID heap)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(heap, &st), 0);
	return st.allocs - st.frees;
}

/* What callbacks share with the test. */
struct ctx {
	atomic_t fired;		/* callbacks that returned */
	atomic_t started;	/* callbacks that began */
	atomic_t inside;	/* callbacks running now */
	atomic_t max_inside;
	atomic_t in_world;	/* ran in the queue's own world */
	atomic_t fifo;		/* ran at real-time priority */
	atomic_t last;		/* the tag of the last timer that ran */
	wait_queue_head_t wq;
	struct completion gate;
	vmk_TimerQueue queue;
	vmk_Timer self;		/* the timer a callback acts on */
	VMK_ReturnStatus status[2];
	unsigned int sleep_ms;	/* how long a callback sleeps */
	int chain;		/* timers a chaining callback still schedules */
};

static struct ctx *new_ctx(struct kunit *test)
{
	struct ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	init_waitqueue_head(&c->wq);
	init_completion(&c->gate);
	return c;
}

/* A cookie naming a context and which timer this is. */
struct tagged {
	struct ctx *c;
	int tag;
};

static vmk_TimerCookie CKP(void *p)
{
	vmk_TimerCookie ck = { .ptr = p };

	return ck;
}

static void wait_fired(struct kunit *test, struct ctx *c, int n)
{
	KUNIT_EXPECT_GT(test, wait_event_timeout(c->wq,
						 atomic_read(&c->fired) >= n,
						 SAFETY_TIMEOUT), 0);
}

static void wait_started(struct kunit *test, struct ctx *c, int n)
{
	KUNIT_EXPECT_GT(test, wait_event_timeout(c->wq,
						 atomic_read(&c->started) >= n,
						 SAFETY_TIMEOUT), 0);
}

static void note_inside(struct ctx *c)
{
	int now = atomic_inc_return(&c->inside), max;

	do {
		max = atomic_read(&c->max_inside);
	} while (now > max && atomic_cmpxchg(&c->max_inside, max, now) != max);
}

/* The instrumented callback: counts, checks its world, maybe sleeps. */
static void count_cb(vmk_TimerCookie data)
{
	struct tagged *tg = data.ptr;
	struct ctx *c = tg->c;

	note_inside(c);
	atomic_inc(&c->started);
	wake_up_all(&c->wq);
	if (c->queue && vmk_TimerQueueIsCurrentWorld(c->queue))
		atomic_inc(&c->in_world);
	if (current->policy == SCHED_FIFO)
		atomic_inc(&c->fifo);
	if (c->sleep_ms)
		msleep(c->sleep_ms);
	atomic_set(&c->last, tg->tag);
	atomic_dec(&c->inside);
	atomic_inc(&c->fired);
	wake_up_all(&c->wq);
}

/* Blocks until the test opens the gate. */
static void gated_cb(vmk_TimerCookie data)
{
	struct ctx *c = data.ptr;

	atomic_inc(&c->started);
	wake_up_all(&c->wq);
	wait_for_completion_timeout(&c->gate, SAFETY_TIMEOUT);
	atomic_inc(&c->fired);
	wake_up_all(&c->wq);
}

/* A one-shot fires once, with its cookie, in the queue's world. */
static void vmk_timer_oneshot_fires_once(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-once");
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 7 }, late = { c, 8 };
	vmk_Timer t = VMK_INVALID_TIMER, t2 = VMK_INVALID_TIMER;

	c->queue = q;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 1000,
						VMK_TIMER_DEFAULT_TOLERANCE,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_OK);
	KUNIT_EXPECT_NE(test, (unsigned long)t, 0);
	wait_fired(test, c, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last), 7);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->in_world), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fifo), 0);
	KUNIT_EXPECT_FALSE(test, vmk_TimerQueueIsCurrentWorld(q));
	/* A later timer of the queue ran: the first did not fire again. */
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&late), 5000,
						0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &t2), VMK_OK);
	wait_fired(test, c, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last), 8);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/* A periodic timer fires until cancelled, then never again. */
static void vmk_timer_periodic(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-periodic");
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 }, late = { c, 2 };
	vmk_Timer t = VMK_INVALID_TIMER, t2 = VMK_INVALID_TIMER;
	int n;

	c->queue = q;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 2000,
						VMK_TIMER_DEFAULT_TOLERANCE,
						VMK_TIMER_ATTR_PERIODIC,
						NODOM, NORANK, &t), VMK_OK);
	wait_fired(test, c, 5);
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_NOT_FOUND);
	n = atomic_read(&c->fired);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->in_world), n);
	/* Several periods later (by this one-shot), nothing more. */
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&late), 10000,
						0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &t2), VMK_OK);
	wait_fired(test, c, n + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), n + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last), 2);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

#define NOVERLAP	6

/*
 * Callbacks of one queue never overlap, even when they sleep and many
 * are due; two queues do run side by side.
 */
static void vmk_timer_no_overlap(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-serial");
	struct ctx *c = new_ctx(test);
	struct tagged tg[NOVERLAP];
	vmk_Timer t[NOVERLAP];
	int i;

	c->queue = q;
	c->sleep_ms = 2;
	for (i = 0; i < NOVERLAP; i++) {
		tg[i].c = c;
		tg[i].tag = i;
		KUNIT_ASSERT_EQ(test,
				vmk_TimerSchedule(q, count_cb, CKP(&tg[i]),
						  500 + 100 * i, 0,
						  i % 2 ? VMK_TIMER_ATTR_PERIODIC :
						  VMK_TIMER_ATTR_NONE,
						  NODOM, NORANK, &t[i]), VMK_OK);
	}
	wait_fired(test, c, 30);
	for (i = 0; i < NOVERLAP; i++)
		vmk_TimerCancel(t[i], VMK_TRUE);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->max_inside), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->inside), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->in_world),
			atomic_read(&c->fired));
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/* Two queues are two worlds: a blocked callback does not stop the other. */
static void vmk_timer_queues_independent(struct kunit *test)
{
	vmk_TimerQueue a = make_queue(test, "kunit-qa");
	vmk_TimerQueue b = make_queue(test, "kunit-qb");
	struct ctx *ca = new_ctx(test), *cb = new_ctx(test);
	struct tagged tg = { cb, 1 };
	vmk_Timer ta, tb;

	cb->queue = b;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(a, gated_cb, CKP(ca), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&ta), VMK_OK);
	wait_started(test, ca, 1);
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(b, count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&tb), VMK_OK);
	wait_fired(test, cb, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ca->fired), 0);
	complete(&ca->gate);
	wait_fired(test, ca, 1);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(b), VMK_OK);
}

/* Cancelling a pending timer: VMK_OK, and it never fires. */
static void vmk_timer_cancel_pending(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-cancel");
	struct ctx *c = new_ctx(test);
	struct tagged victim = { c, 1 }, sentinel = { c, 2 };
	vmk_Timer t, s;

	c->queue = q;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&victim),
						200000, 0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &t), VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_FALSE), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_FALSE), VMK_NOT_FOUND);
	/* Due after the victim would have been. */
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&sentinel),
						400000, 0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &s), VMK_OK);
	wait_fired(test, c, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last), 2);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/*
 * Cancel with wait while a one-shot's callback runs: VMK_NOT_FOUND (it
 * fired), returned only once the callback has.
 */
static void vmk_timer_cancel_waits(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-cwait");
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_Timer t;

	c->queue = q;
	c->sleep_ms = 100;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_OK);
	wait_started(test, c, 1);
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_NOT_FOUND);
	/* The callback sleeps; only a real wait sees it finished. */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->inside), 0);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/* The same for a periodic timer: VMK_OK, and it runs no more. */
static void vmk_timer_cancel_waits_periodic(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-cwaitp");
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 }, late = { c, 2 };
	vmk_Timer t, s;
	int n;

	c->queue = q;
	c->sleep_ms = 100;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 1000, 0,
						VMK_TIMER_ATTR_PERIODIC,
						NODOM, NORANK, &t), VMK_OK);
	wait_started(test, c, 1);
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_OK);
	n = atomic_read(&c->started);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), n);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	c->sleep_ms = 0;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&late), 5000,
						0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &s), VMK_OK);
	wait_fired(test, c, n + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->started), n + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last), 2);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/* Cancel without wait while the callback runs returns at once. */
static void vmk_timer_cancel_nowait_running(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-cnowait");
	struct ctx *c = new_ctx(test);
	struct tagged late = { c, 2 };
	vmk_Timer t, s;

	c->queue = q;
	/* One-shot: it fired, so NOT_FOUND, and the callback still runs. */
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, gated_cb, CKP(c), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_OK);
	wait_started(test, c, 1);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_FALSE), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 0);
	complete(&c->gate);
	wait_fired(test, c, 1);

	/* Periodic: VMK_OK at once; it finishes this run and stops. */
	reinit_completion(&c->gate);
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, gated_cb, CKP(c), 1000, 0,
						VMK_TIMER_ATTR_PERIODIC,
						NODOM, NORANK, &t), VMK_OK);
	wait_started(test, c, 2);
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_FALSE), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 1);
	complete(&c->gate);
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&late), 5000,
						0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &s), VMK_OK);
	wait_fired(test, c, 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->started), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last), 2);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/*
 * After a one-shot fired its handle is dead for good: also once its
 * memory serves a new timer, and for made-up handles.
 */
static void vmk_timer_stale_handles(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-stale");
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_Timer t, t2;
	u64 allocs;

	c->queue = q;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_OK);
	wait_fired(test, c, 1);
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_FALSE), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_NOT_FOUND);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));

	/* The queue reuses the slot (no new allocation) under a new handle. */
	allocs = live_allocs(test, timer_heap);
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), NEVER_US,
						0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &t2), VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test, timer_heap), allocs);
	KUNIT_EXPECT_NE(test, (unsigned long)t2, (unsigned long)t);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_NOT_FOUND);
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t2));

	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(VMK_INVALID_TIMER, VMK_TRUE),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(VMK_INVALID_TIMER));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel((vmk_Timer)~0UL, VMK_TRUE),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel((vmk_Timer)(uintptr_t)
					      ((unsigned long)t2 ^ (1UL << 40)),
					      VMK_FALSE), VMK_NOT_FOUND);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending((vmk_Timer)0x12345678UL));
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t2));

	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t2, VMK_FALSE), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
	/* And after the queue is gone. */
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t2, VMK_TRUE), VMK_NOT_FOUND);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t2));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 1);
}

/*
 * Destroy with pending timers cancels them, waits for the running
 * callback and gives every byte back to the heap.
 */
static void vmk_timer_destroy_pending(struct kunit *test)
{
	u64 base = live_allocs(test, timer_heap);
	vmk_TimerQueue q = make_queue(test, "kunit-destroy");
	struct ctx *c = new_ctx(test), *g = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_Timer t[8], running;
	int i;

	c->queue = q;
	for (i = 0; i < 8; i++)
		KUNIT_ASSERT_EQ(test,
				vmk_TimerSchedule(q, count_cb, CKP(&tg),
						  NEVER_US, 0,
						  i % 2 ? VMK_TIMER_ATTR_PERIODIC :
						  VMK_TIMER_ATTR_NONE,
						  NODOM, NORANK, &t[i]), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, gated_cb, CKP(g), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&running), VMK_OK);
	wait_started(test, g, 1);
	/* Running when destroy starts (destroy_waits checks the wait). */
	complete(&g->gate);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&g->fired), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 0);
	for (i = 0; i < 8; i++) {
		KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t[i]));
		KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t[i], VMK_TRUE),
				VMK_NOT_FOUND);
	}
	KUNIT_EXPECT_EQ(test, live_allocs(test, timer_heap), base);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_INVALID_HANDLE);
}

/* Destroy while a callback sleeps: it returns after the callback did. */
static void vmk_timer_destroy_waits(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-dwait");
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_Timer t;

	c->queue = q;
	c->sleep_ms = 100;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 1000, 0,
						VMK_TIMER_ATTR_PERIODIC,
						NODOM, NORANK, &t), VMK_OK);
	wait_started(test, c, 1);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired),
			atomic_read(&c->started));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->inside), 0);
}

/* ScheduleCustom: a new timer, or the same one rescheduled. */
static void vmk_timer_schedule_custom(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-custom");
	vmk_TimerQueue other = make_queue(test, "kunit-custom2");
	struct ctx *c = new_ctx(test);
	struct tagged a = { c, 1 }, b = { c, 2 };
	vmk_Timer t = VMK_INVALID_TIMER, first, o;
	vmk_Bool was = VMK_TRUE;

	c->queue = q;
	KUNIT_ASSERT_EQ(test, vmk_TimerScheduleCustom(vmk_kunit_module_id, q,
						      count_cb, CKP(&a),
						      NEVER_US, 0,
						      VMK_TIMER_ATTR_NONE,
						      NODOM, NORANK, &was, &t),
			VMK_OK);
	KUNIT_EXPECT_FALSE(test, was);
	KUNIT_EXPECT_NE(test, (unsigned long)t, 0);
	first = t;

	/* Pending: rescheduled in place, soon, with a new cookie. */
	KUNIT_ASSERT_EQ(test, vmk_TimerScheduleCustom(vmk_kunit_module_id, q,
						      count_cb, CKP(&b), 1000,
						      0, VMK_TIMER_ATTR_NONE,
						      NODOM, NORANK, &was, &t),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, was);
	KUNIT_EXPECT_EQ(test, (unsigned long)t, (unsigned long)first);
	wait_fired(test, c, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last), 2);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));
	/*
	 * The count moved inside the callback, which may still be running,
	 * and a running one-shot is still live (rescheduling it re-arms it):
	 * let it return first.
	 */
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_NOT_FOUND);

	/* Fired: the stale handle gives way to a new timer. */
	was = VMK_TRUE;
	KUNIT_ASSERT_EQ(test, vmk_TimerScheduleCustom(vmk_kunit_module_id, q,
						      count_cb, CKP(&a),
						      NEVER_US, 0,
						      VMK_TIMER_ATTR_NONE,
						      NODOM, NORANK, &was, &t),
			VMK_OK);
	KUNIT_EXPECT_FALSE(test, was);
	KUNIT_EXPECT_NE(test, (unsigned long)t, (unsigned long)first);
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t));
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(first));

	/* wasPending is optional; a pending periodic can become a one-shot. */
	KUNIT_EXPECT_EQ(test, vmk_TimerScheduleCustom(vmk_kunit_module_id, q,
						      count_cb, CKP(&a),
						      NEVER_US, 0,
						      VMK_TIMER_ATTR_PERIODIC,
						      NODOM, NORANK, NULL, &t),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t));

	/* A live timer of another queue is refused, not stolen. */
	o = t;
	KUNIT_EXPECT_EQ(test, vmk_TimerScheduleCustom(vmk_kunit_module_id,
						      other, count_cb, CKP(&a),
						      1000, 0,
						      VMK_TIMER_ATTR_NONE,
						      NODOM, NORANK, &was, &o),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, (unsigned long)o, (unsigned long)t);
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t));
	/* An unregistered module is refused. */
	KUNIT_EXPECT_EQ(test, vmk_TimerScheduleCustom(12345, q, count_cb,
						      CKP(&a), 1000, 0,
						      VMK_TIMER_ATTR_NONE,
						      NODOM, NORANK, &was, &t),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 1);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(other), VMK_OK);
}

/* A one-shot rescheduled from its own callback runs again; then stop. */
static void resched_self_cb(vmk_TimerCookie data)
{
	struct ctx *c = data.ptr;
	vmk_Bool was = VMK_TRUE;

	atomic_inc(&c->started);
	if (c->chain-- > 0) {
		c->status[0] = vmk_TimerScheduleCustom(vmk_kunit_module_id,
						       c->queue,
						       resched_self_cb,
						       CKP(c), 100, 0,
						       VMK_TIMER_ATTR_NONE,
						       NODOM, NORANK, &was,
						       &c->self);
		if (was)
			c->status[1] = VMK_FAILURE;
	}
	atomic_inc(&c->fired);
	wake_up_all(&c->wq);
}

static void vmk_timer_resched_from_callback(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-rself");
	struct ctx *c = new_ctx(test);
	vmk_Timer first;

	c->queue = q;
	c->chain = 3;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, resched_self_cb, CKP(c),
						100, 0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &c->self), VMK_OK);
	first = c->self;
	wait_fired(test, c, 4);
	KUNIT_EXPECT_EQ(test, c->status[0], VMK_OK);
	KUNIT_EXPECT_EQ(test, c->status[1], VMK_OK);
	/* Rescheduled while running: the same handle all along. */
	KUNIT_EXPECT_EQ(test, (unsigned long)c->self, (unsigned long)first);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 4);
}

/* Callbacks may block: sleep, take a mutex, chain a new timer. */
static DEFINE_MUTEX(blocking_mutex);

static void blocking_cb(vmk_TimerCookie data)
{
	struct ctx *c = data.ptr;
	vmk_Timer next;

	might_sleep();
	mutex_lock(&blocking_mutex);
	usleep_range(5000, 10000);
	mutex_unlock(&blocking_mutex);
	if (c->chain-- > 0)
		c->status[0] = vmk_TimerSchedule(c->queue, blocking_cb,
						 CKP(c), 100, 0,
						 VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						 &next);
	atomic_inc(&c->fired);
	wake_up_all(&c->wq);
}

static void vmk_timer_blocking_callback(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-block");
	struct ctx *c = new_ctx(test);
	vmk_Timer t;

	c->queue = q;
	c->chain = 3;
	mutex_lock(&blocking_mutex);
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, blocking_cb, CKP(c), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_OK);
	/* The callback blocks on the mutex until we let it go. */
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 0);
	mutex_unlock(&blocking_mutex);
	wait_fired(test, c, 4);
	KUNIT_EXPECT_EQ(test, c->status[0], VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/* From its own callback: cancel with wait and destroy refuse to hang. */
static void self_cancel_cb(vmk_TimerCookie data)
{
	struct ctx *c = data.ptr;

	c->status[0] = vmk_TimerCancel(c->self, VMK_TRUE);
	c->status[1] = vmk_TimerQueueDestroy(c->queue);
	atomic_inc(&c->fired);
	wake_up_all(&c->wq);
}

static void self_cancel_nowait_cb(vmk_TimerCookie data)
{
	struct ctx *c = data.ptr;

	if (atomic_read(&c->fired) == 2)
		c->status[0] = vmk_TimerCancel(c->self, VMK_FALSE);
	atomic_inc(&c->fired);
	wake_up_all(&c->wq);
}

static void vmk_timer_cancel_from_callback(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-self");
	struct ctx *c = new_ctx(test), *d = new_ctx(test);
	struct tagged late = { d, 9 };
	vmk_Timer s;

	c->queue = q;
	c->status[0] = c->status[1] = VMK_OK;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, self_cancel_cb, CKP(c),
						1000, 0, VMK_TIMER_ATTR_PERIODIC,
						NODOM, NORANK, &c->self), VMK_OK);
	wait_fired(test, c, 1);
	KUNIT_EXPECT_EQ(test, c->status[0], VMK_WOULD_BLOCK);
	KUNIT_EXPECT_EQ(test, c->status[1], VMK_WOULD_BLOCK);
	/* The cancel itself happened: the periodic timer stopped. */
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(c->self));

	/* Without wait a periodic timer may stop itself: VMK_OK. */
	d->queue = q;
	d->status[0] = VMK_FAILURE;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, self_cancel_nowait_cb,
						CKP(d), 1000, 0,
						VMK_TIMER_ATTR_PERIODIC,
						NODOM, NORANK, &d->self), VMK_OK);
	wait_fired(test, d, 3);
	KUNIT_EXPECT_EQ(test, d->status[0], VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(d->self));
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&late), 5000,
						0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &s), VMK_OK);
	wait_fired(test, d, 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&d->fired), 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 1);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/*
 * Timers come from the queue's heap: a heap sized for N timers holds N,
 * the next is VMK_NO_RESOURCES, and a cancelled timer's room is reused.
 */
static void vmk_timer_heap_exhaustion(struct kunit *test)
{
	vmk_ByteCount size = vmk_TimerQueueMaxHeapSize(4);
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_TimerQueue q = VMK_INVALID_TIMER_QUEUE;
	vmk_Timer t[5];
	vmk_HeapID heap;
	int i;

	KUNIT_ASSERT_GT(test, size, vmk_TimerQueueMaxHeapSize(3));
	KUNIT_ASSERT_GT(test, vmk_TimerQueueMaxHeapSize(0), 0);
	heap = vmk_kunit_heap(test, "kunit_timer_small", size);
	KUNIT_ASSERT_EQ(test, make_queue_on(heap, "kunit-small",
					    VMK_TIMER_QUEUE_ATTR_NONE, &q),
			VMK_OK);
	c->queue = q;
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test,
				vmk_TimerSchedule(q, count_cb, CKP(&tg),
						  NEVER_US, 0,
						  VMK_TIMER_ATTR_NONE,
						  NODOM, NORANK, &t[i]), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg),
						NEVER_US, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t[4]), VMK_NO_RESOURCES);
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t[1], VMK_FALSE), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg),
						NEVER_US, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t[4]), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg),
						NEVER_US, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t[1]), VMK_NO_RESOURCES);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
	vmk_kunit_heap_drop(test, heap);

	/* No room for the queue itself. */
	heap = vmk_kunit_heap(test, "kunit_timer_tiny", 16);
	KUNIT_EXPECT_EQ(test, make_queue_on(heap, "kunit-tiny",
					    VMK_TIMER_QUEUE_ATTR_NONE, &q),
			VMK_NO_RESOURCES);
	vmk_kunit_heap_drop(test, heap);
}

/* A LOW_LATENCY queue runs its callbacks at real-time priority. */
static void vmk_timer_low_latency(struct kunit *test)
{
	vmk_TimerQueue q = VMK_INVALID_TIMER_QUEUE;
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_Timer t;

	KUNIT_ASSERT_EQ(test, make_queue_on(timer_heap, "kunit-rt",
					    VMK_TIMER_QUEUE_ATTR_LOW_LATENCY,
					    &q), VMK_OK);
	c->queue = q;
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_OK);
	wait_fired(test, c, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fifo), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->in_world), 1);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

/* A ranked timer holds its lock domain until it is gone. */
static void vmk_timer_lock_domain(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-ranked");
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_LockDomainID dom;
	vmk_Name name;
	vmk_Timer t;

	c->queue = q;
	vmk_NameInitialize(&name, "kunit_timer_dom");
	KUNIT_ASSERT_EQ(test, vmk_LockDomainCreate(vmk_kunit_module_id,
						   timer_heap, &name, &dom),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg),
						NEVER_US, 0,
						VMK_TIMER_ATTR_NONE, dom, 3,
						&t), VMK_OK);
	/* Refused (logged) while the timer uses the domain. */
	vmk_LockDomainDestroy(dom);
	KUNIT_EXPECT_TRUE(test, vmk_core_lock_domain_live(dom));
	KUNIT_EXPECT_EQ(test, vmk_TimerCancel(t, VMK_TRUE), VMK_OK);
	vmk_LockDomainDestroy(dom);
	KUNIT_EXPECT_FALSE(test, vmk_core_lock_domain_live(dom));
	/* A dead domain is not a domain. */
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg),
						NEVER_US, 0,
						VMK_TIMER_ATTR_NONE, dom, 3,
						&t), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
}

static void vmk_timer_bad_args(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-bad"), dead;
	vmk_TimerQueueProps props = {
		.moduleID = vmk_kunit_module_id,
		.heapID = timer_heap,
	};
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_LockDomainID dom;
	vmk_Name name;
	vmk_Timer t = VMK_INVALID_TIMER;
	u64 base = live_allocs(test, timer_heap);

	/* Create. */
	vmk_NameInitialize(&props.name, "kunit-bad2");
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueCreate(NULL, &dead), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueCreate(&props, NULL),
			VMK_BAD_PARAM);
	props.attribs = 2;
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueCreate(&props, &dead),
			VMK_BAD_PARAM);
	props.attribs = VMK_TIMER_QUEUE_ATTR_NONE;
	props.moduleID = 12345;
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueCreate(&props, &dead),
			VMK_BAD_PARAM);
	props.moduleID = vmk_kunit_module_id;
	props.heapID = VMK_INVALID_HEAP_ID;
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueCreate(&props, &dead),
			VMK_BAD_PARAM);
	props.heapID = (vmk_HeapID)&props;
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueCreate(&props, &dead),
			VMK_BAD_PARAM);
	props.heapID = timer_heap;
	props.name.string[0] = '\0';
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueCreate(&props, &dead),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, live_allocs(test, timer_heap), base);

	/* Schedule. */
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(NULL, count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule((vmk_TimerQueue)&props,
						count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, NULL, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), -1, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 10, -2,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 10, 0,
						4, NODOM, NORANK, &t),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_PERIODIC,
						NODOM, NORANK, &t), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 10, 0,
						VMK_TIMER_ATTR_NONE,
						VMK_LOCKDOMAIN_INVALID, 5, &t),
			VMK_BAD_PARAM);
	vmk_NameInitialize(&name, "kunit_timer_bad_dom");
	KUNIT_ASSERT_EQ(test, vmk_LockDomainCreate(vmk_kunit_module_id,
						   timer_heap, &name, &dom),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 10, 0,
						VMK_TIMER_ATTR_NONE, dom,
						VMK_SPINLOCK_UNRANKED, &t),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 10, 0,
						VMK_TIMER_ATTR_NONE, dom,
						VMK_SPINLOCK_RANK_INVALID, &t),
			VMK_BAD_PARAM);
	vmk_LockDomainDestroy(dom);
	KUNIT_EXPECT_FALSE(test, vmk_core_lock_domain_live(dom));
	KUNIT_EXPECT_EQ(test, (unsigned long)t, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->fired), 0);

	/* Queue calls. */
	KUNIT_EXPECT_FALSE(test, vmk_TimerQueueIsCurrentWorld(NULL));
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_FALSE(test, vmk_TimerQueueIsCurrentWorld(q));
	KUNIT_EXPECT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg), 0, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_INVALID_HANDLE);
}

/*
 * A queue is a resource of its module: unregistering is refused (and the
 * queue named) while it lives; destroy gives back all it took.
 */
static void vmk_timer_module_resource(struct kunit *test)
{
	u64 base = live_allocs(test, timer_heap);
	vmk_TimerQueue q = make_queue(test, "kunit-res");
	struct ctx *c = new_ctx(test);
	struct tagged tg = { c, 1 };
	vmk_Timer t;

	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&tg),
						NEVER_US, 0,
						VMK_TIMER_ATTR_NONE, NODOM, NORANK,
						&t), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test, timer_heap), base);
}

/*
 * Legacy timers run on the core's default queue: add, modify in place,
 * periodic until removed, and the same argument checks.
 */
static void vmk_timer_legacy(struct kunit *test)
{
	vmk_TimerQueue q = make_queue(test, "kunit-legacy");
	struct ctx *c = new_ctx(test);
	struct tagged a = { c, 1 }, b = { c, 2 };
	vmk_Timer t = VMK_INVALID_TIMER, first, p, qt;
	vmk_Bool pending = VMK_TRUE;

	/* An invalid handle: a new timer. */
	KUNIT_ASSERT_EQ(test, vmk_TimerModifyOrAdd(count_cb, CKP(&a), NEVER_US,
						   VMK_FALSE, 0, &t, &pending),
			VMK_OK);
	KUNIT_EXPECT_FALSE(test, pending);
	KUNIT_EXPECT_TRUE(test, vmk_TimerIsPending(t));
	first = t;
	/* Pending: modified in place, soon, with another cookie. */
	KUNIT_ASSERT_EQ(test, vmk_TimerModifyOrAdd(count_cb, CKP(&b), 1000,
						   VMK_FALSE, 0, &t, &pending),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, pending);
	KUNIT_EXPECT_EQ(test, (unsigned long)t, (unsigned long)first);
	wait_fired(test, c, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last), 2);
	KUNIT_EXPECT_EQ(test, vmk_TimerRemoveSync(t), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_TimerRemove(t), VMK_NOT_FOUND);

	/* Periodic until removed; then nothing more runs. */
	KUNIT_ASSERT_EQ(test, vmk_TimerAdd(count_cb, CKP(&a), 1000, VMK_TRUE,
					   0, &p), VMK_OK);
	wait_fired(test, c, 4);
	KUNIT_EXPECT_EQ(test, vmk_TimerRemoveSync(p), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(p));
	KUNIT_EXPECT_EQ(test, vmk_TimerRemove(p), VMK_NOT_FOUND);

	/* A pending one-shot removed never fires. */
	KUNIT_ASSERT_EQ(test, vmk_TimerAdd(count_cb, CKP(&a), NEVER_US,
					   VMK_FALSE, 0, &t), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_TimerRemove(t), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(t));

	/* A timer of a queue is not the legacy queue's to modify. */
	KUNIT_ASSERT_EQ(test, vmk_TimerSchedule(q, count_cb, CKP(&a), NEVER_US,
						0, VMK_TIMER_ATTR_NONE,
						NODOM, NORANK, &qt), VMK_OK);
	t = qt;
	KUNIT_EXPECT_EQ(test, vmk_TimerModifyOrAdd(count_cb, CKP(&a), 1000,
						   VMK_FALSE, 0, &t, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, (unsigned long)t, (unsigned long)qt);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(q), VMK_OK);

	KUNIT_EXPECT_EQ(test, vmk_TimerAdd(NULL, CKP(&a), 10, VMK_FALSE, 0, &t),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerAdd(count_cb, CKP(&a), -1, VMK_FALSE, 0,
					   &t), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerAdd(count_cb, CKP(&a), 0, VMK_TRUE, 0,
					   &t), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerAdd(count_cb, CKP(&a), 10, VMK_FALSE, 0,
					   NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_TimerRemove(VMK_INVALID_TIMER),
			VMK_NOT_FOUND);
}

/*
 * Several threads schedule, reschedule, cancel (with and without wait)
 * and query timers of one queue through shared handles, so handles go
 * stale under their feet and timers fire while being cancelled.  After:
 * callbacks never overlapped, destroy returns every byte to the heap,
 * and the debug kernel saw nothing wrong.
 */
#define HAMMER_THREADS	3
#define HAMMER_OPS	1500
#define HAMMER_SLOTS	8

struct hammer {
	struct ctx *c;
	struct tagged tg;
	vmk_TimerQueue q;
	vmk_Timer slots[HAMMER_SLOTS];
	atomic_t errors;
	atomic_t running;
	struct completion done;
};

static int hammer_fn(void *arg)
{
	struct hammer *h = arg;
	VMK_ReturnStatus status;
	u32 r, i, n;

	for (n = 0; n < HAMMER_OPS; n++) {
		r = get_random_u32();
		i = r % HAMMER_SLOTS;
		r /= HAMMER_SLOTS;
		switch (r % 4) {
		case 0:
			/* Periodic only on the slots no one overwrites. */
			status = vmk_TimerScheduleCustom(vmk_kunit_module_id,
				h->q, count_cb, CKP(&h->tg),
				1000 + (r / 4) % 2000, 0,
				i < 2 ? VMK_TIMER_ATTR_PERIODIC :
				VMK_TIMER_ATTR_NONE, NODOM, NORANK, NULL,
				&h->slots[i]);
			if (status != VMK_OK)
				atomic_inc(&h->errors);
			break;
		case 1:
			status = vmk_TimerCancel(READ_ONCE(h->slots[i]),
						 (r / 4) & 1);
			if (status != VMK_OK && status != VMK_NOT_FOUND)
				atomic_inc(&h->errors);
			break;
		case 2:
			vmk_TimerIsPending(READ_ONCE(h->slots[i]));
			break;
		default:
			if (i < 2)
				break;
			status = vmk_TimerSchedule(h->q, count_cb,
						   CKP(&h->tg), (r / 4) % 300,
						   VMK_TIMER_DEFAULT_TOLERANCE,
						   VMK_TIMER_ATTR_NONE,
						   NODOM, NORANK,
						   &h->slots[i]);
			if (status != VMK_OK)
				atomic_inc(&h->errors);
			break;
		}
		if (n % 32 == 0)
			usleep_range(50, 200);
	}
	if (atomic_dec_and_test(&h->running))
		complete(&h->done);
	return 0;
}

static void vmk_timer_hammer(struct kunit *test)
{
	u64 base = live_allocs(test, timer_heap);
	struct hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct task_struct *th;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->c = new_ctx(test);
	h->tg.c = h->c;
	h->q = make_queue(test, "kunit-hammer");
	h->c->queue = h->q;
	atomic_set(&h->running, HAMMER_THREADS);
	init_completion(&h->done);
	for (i = 0; i < HAMMER_THREADS; i++) {
		th = kthread_run(hammer_fn, h, "vmk_tq_hammer/%d", i);
		if (IS_ERR(th)) {
			KUNIT_FAIL(test, "kthread_run failed");
			if (atomic_dec_and_test(&h->running))
				complete(&h->done);
		}
	}
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&h->done,
							  SAFETY_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&h->errors), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&h->c->fired), 0);
	KUNIT_EXPECT_EQ(test, vmk_TimerQueueDestroy(h->q), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&h->c->max_inside), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&h->c->inside), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&h->c->in_world),
			atomic_read(&h->c->fired));
	KUNIT_EXPECT_EQ(test, live_allocs(test, timer_heap), base);
	for (i = 0; i < HAMMER_SLOTS; i++)
		KUNIT_EXPECT_FALSE(test, vmk_TimerIsPending(h->slots[i]));
}

static struct kunit_case vmk_timer_cases[] = {
	KUNIT_CASE(vmk_timer_oneshot_fires_once),
	KUNIT_CASE(vmk_timer_periodic),
	KUNIT_CASE(vmk_timer_no_overlap),
	KUNIT_CASE(vmk_timer_queues_independent),
	KUNIT_CASE(vmk_timer_cancel_pending),
	KUNIT_CASE(vmk_timer_cancel_waits),
	KUNIT_CASE(vmk_timer_cancel_waits_periodic),
	KUNIT_CASE(vmk_timer_cancel_nowait_running),
	KUNIT_CASE(vmk_timer_stale_handles),
	KUNIT_CASE(vmk_timer_destroy_pending),
	KUNIT_CASE(vmk_timer_destroy_waits),
	KUNIT_CASE(vmk_timer_schedule_custom),
	KUNIT_CASE(vmk_timer_resched_from_callback),
	KUNIT_CASE(vmk_timer_blocking_callback),
	KUNIT_CASE(vmk_timer_cancel_from_callback),
	KUNIT_CASE(vmk_timer_heap_exhaustion),
	KUNIT_CASE(vmk_timer_low_latency),
	KUNIT_CASE(vmk_timer_lock_domain),
	KUNIT_CASE(vmk_timer_bad_args),
	KUNIT_CASE(vmk_timer_module_resource),
	KUNIT_CASE(vmk_timer_hammer),
	KUNIT_CASE(vmk_timer_legacy),
	{}
};

static struct kunit_suite vmk_timer_suite = {
	.name = "vmkapi_timer",
	.suite_init = timer_suite_init,
	.suite_exit = timer_suite_exit,
	.test_cases = vmk_timer_cases,
};
kunit_test_suite(vmk_timer_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API timer queues");
MODULE_LICENSE("GPL");
