// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: worldlets.  Functions report through a context (runs, CPU,
 * what they saw); a function that must stay "running" spins, bounded,
 * on a flag the test sets, on another CPU than the test's (a worldlet
 * may not block, so it cannot wait otherwise).  "No further run" is
 * proved with a barrier: a second worldlet queued on the same CPU after
 * the first went idle; once the barrier ran, anything queued before it
 * ran too.  Waits are bounded by a safety timeout; no time is measured.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/topology.h>
#include <linux/wait.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define SAFETY_TIMEOUT	(20 * HZ)
#define SPIN_LIMIT_NS	(15ULL * NSEC_PER_SEC)
#define HEAP_MAX	(64 * 1024)

static vmk_HeapID wdt_heap = VMK_INVALID_HEAP_ID;

static int wdt_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_worldlet",
				  HEAP_MAX, &wdt_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	return 0;
}

static void wdt_suite_exit(struct kunit_suite *suite)
{
	vmk_HeapDestroy(wdt_heap);
	wdt_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

struct wctx {
	atomic_t runs;
	/* Say READY this many more times. */
	atomic_t ready_left;
	/* Spin in the next run until go is set. */
	atomic_t spin;
	atomic_t started;
	atomic_t go;
	bool release;
	int cpu;
	bool in_task;
	bool non_block;
	VMK_ReturnStatus cur_status;
	VMK_ReturnStatus yield_status;
	vmk_Worldlet cur;
	void *cur_priv;
	wait_queue_head_t wq;
};

static struct wctx *new_ctx(struct kunit *test)
{
	struct wctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	init_waitqueue_head(&c->wq);
	return c;
}

static VMK_ReturnStatus wfn(vmk_Worldlet w, void *data,
			    vmk_WorldletRunData *rd)
{
	struct wctx *c = data;
	vmk_Bool yield;
	u64 deadline;

	c->cpu = raw_smp_processor_id();
	c->in_task = in_task();
#ifdef CONFIG_DEBUG_ATOMIC_SLEEP
	c->non_block = current->non_block_count > 0;
#else
	c->non_block = true;
#endif
	c->cur_status = vmk_WorldletGetCurrent(&c->cur, &c->cur_priv);
	c->yield_status = vmk_WorldletShouldYield(w, &yield);
	if (atomic_xchg(&c->spin, 0)) {
		atomic_set(&c->started, 1);
		wake_up_all(&c->wq);
		deadline = ktime_get_ns() + SPIN_LIMIT_NS;
		while (!atomic_read(&c->go) && ktime_get_ns() < deadline)
			cpu_relax();
	}
	rd->userData1 = 1;
	rd->userData2 = 2;
	if (atomic_dec_if_positive(&c->ready_left) >= 0)
		rd->state = VMK_WDT_READY;
	else if (c->release)
		rd->state = VMK_WDT_RELEASE;
	else
		rd->state = VMK_WDT_SUSPEND;
	atomic_inc(&c->runs);
	wake_up_all(&c->wq);
	return VMK_OK;
}

static vmk_Worldlet make(struct kunit *test, const char *name,
			 struct wctx *c)
{
	vmk_Worldlet w = VMK_INVALID_WORLDLET;
	vmk_Name n;

	vmk_NameInitialize(&n, name);
	KUNIT_ASSERT_EQ(test, vmk_WorldletCreate(&w, &n, 0,
						 vmk_kunit_module_id, wdt_heap,
						 wfn, c), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, w);
	return w;
}

/* Disable, quiesce, unref and reap: the worldlet is gone after this. */
static void drop(struct kunit *test, vmk_Worldlet w)
{
	vmk_WorldletID id;

	KUNIT_ASSERT_EQ(test, vmk_WorldletGetId(w, &id), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletDisable(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletWaitForQuiesce(w, 10000000), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletUnref(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletReapSync(id), VMK_OK);
}

static void wait_runs(struct kunit *test, struct wctx *c, int n)
{
	KUNIT_ASSERT_GT(test, wait_event_timeout(c->wq,
						 atomic_read(&c->runs) >= n,
						 SAFETY_TIMEOUT), 0);
}

static void wait_started(struct kunit *test, struct wctx *c)
{
	KUNIT_ASSERT_GT(test, wait_event_timeout(c->wq,
						 atomic_read(&c->started),
						 SAFETY_TIMEOUT), 0);
}

/* Until the core says the worldlet owes no run (not queued or running). */
static void wait_suspended(struct kunit *test, vmk_Worldlet w)
{
	vmk_WorldletState st = VMK_WDT_READY;
	int i;

	for (i = 0; i < 2000; i++) {
		KUNIT_ASSERT_EQ(test, vmk_WorldletCheckState(w, &st), VMK_OK);
		if (st == VMK_WDT_SUSPEND)
			return;
		usleep_range(1000, 2000);
	}
	KUNIT_FAIL(test, "worldlet never became idle (state %d)", st);
}

/* A world bound to @cpu, asleep: something to have affinity to. */
static int anchor_fn(void *arg)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static struct task_struct *anchor(struct kunit *test, int cpu)
{
	struct task_struct *t = kthread_create(anchor_fn, NULL,
					       "kunit_anchor/%d", cpu);

	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	kthread_bind(t, cpu);
	wake_up_process(t);
	return t;
}

/*
 * Two CPUs: the test runs on one, the worldlets (with affinity to an
 * anchor world) on the other, where they may spin.
 */
struct two_cpus {
	int test_cpu;
	int wdt_cpu;
	struct task_struct *anchor;
	vmk_Worldlet barrier;
	struct wctx *bc;
};

static void two_cpus_setup(struct kunit *test, struct two_cpus *tc)
{
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two online CPUs");
	tc->test_cpu = cpumask_first(cpu_online_mask);
	tc->wdt_cpu = cpumask_next(tc->test_cpu, cpu_online_mask);
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current,
						   cpumask_of(tc->test_cpu)),
			0);
	tc->anchor = anchor(test, tc->wdt_cpu);
	tc->bc = new_ctx(test);
	tc->barrier = make(test, "kunit-barrier", tc->bc);
	KUNIT_ASSERT_EQ(test, vmk_WorldletSetAffinityToWorld(tc->barrier,
						task_pid_nr(tc->anchor),
						VMK_WDT_AFFINITY_EXACT),
			VMK_OK);
}

static void two_cpus_pin(struct kunit *test, struct two_cpus *tc,
			 vmk_Worldlet w)
{
	KUNIT_ASSERT_EQ(test, vmk_WorldletSetAffinityToWorld(w,
						task_pid_nr(tc->anchor),
						VMK_WDT_AFFINITY_EXACT),
			VMK_OK);
}

/* Everything queued on the worldlet CPU before this call has run. */
static void wdt_barrier(struct kunit *test, struct two_cpus *tc)
{
	int n = atomic_read(&tc->bc->runs);

	KUNIT_ASSERT_EQ(test, vmk_WorldletActivate(tc->barrier), VMK_OK);
	wait_runs(test, tc->bc, n + 1);
	KUNIT_EXPECT_EQ(test, tc->bc->cpu, tc->wdt_cpu);
}

static void two_cpus_teardown(struct kunit *test, struct two_cpus *tc)
{
	drop(test, tc->barrier);
	kthread_stop(tc->anchor);
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

static u64 live_allocs(struct kunit *test)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(wdt_heap, &st), 0);
	return st.allocs - st.frees;
}

/*
 * One activation, one run, in a task (schedulable) context where a sleep
 * is reported; the function sees itself as the current worldlet.
 */
static void vmk_worldlet_runs_once(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	vmk_Worldlet w = make(test, "kunit-once", c), cur = NULL;
	vmk_WorldletFn fn = NULL;
	vmk_Bool yield;
	u64 runs = 0, u1 = 0, u2 = 0;
	void *priv = NULL;
	vmk_Name n;

	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	wait_runs(test, c, 1);
	wait_suspended(test, w);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
	KUNIT_EXPECT_TRUE(test, c->in_task);
	KUNIT_EXPECT_TRUE(test, c->non_block);
	KUNIT_EXPECT_EQ(test, c->cur_status, VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, c->cur, w);
	KUNIT_EXPECT_PTR_EQ(test, c->cur_priv, (void *)c);
	KUNIT_EXPECT_EQ(test, c->yield_status, VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_worldlet_stats(w, &runs, &u1, &u2), 0);
	KUNIT_EXPECT_EQ(test, runs, 1);
	KUNIT_EXPECT_EQ(test, u1, 1);
	KUNIT_EXPECT_EQ(test, u2, 2);
	/* Outside its function the test is no worldlet. */
	KUNIT_EXPECT_EQ(test, vmk_WorldletGetCurrent(&cur, &priv),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_WorldletShouldYield(w, &yield),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_WorldletGetFn(w, &fn), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, (void *)fn, (void *)wfn);
	vmk_NameInitialize(&n, "kunit-renamed");
	KUNIT_EXPECT_EQ(test, vmk_WorldletNameSet(w, &n), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletOptionSet(w,
				VMK_WDT_OPT_FORCE_IPI_DISPATCH, VMK_TRUE),
			VMK_OK);
	drop(test, w);
}

/* Activations of a queued worldlet coalesce into one run. */
static void vmk_worldlet_coalesce_pending(struct kunit *test)
{
	struct wctx *sc = new_ctx(test), *c = new_ctx(test);
	vmk_WorldletState st;
	struct two_cpus tc;
	vmk_Worldlet s, w;
	int i;

	two_cpus_setup(test, &tc);
	s = make(test, "kunit-spinner", sc);
	w = make(test, "kunit-pending", c);
	two_cpus_pin(test, &tc, s);
	two_cpus_pin(test, &tc, w);
	/* The spinner holds the worldlet CPU: w stays queued behind it. */
	atomic_set(&sc->spin, 1);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(s), VMK_OK);
	wait_started(test, sc);
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCheckState(w, &st), VMK_OK);
	KUNIT_EXPECT_EQ(test, st, VMK_WDT_READY);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
	atomic_set(&sc->go, 1);
	wait_runs(test, c, 1);
	wait_suspended(test, w);
	wdt_barrier(test, &tc);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
	KUNIT_EXPECT_EQ(test, c->cpu, tc.wdt_cpu);
	drop(test, w);
	drop(test, s);
	two_cpus_teardown(test, &tc);
}

/* Activations while it runs: exactly one more run afterwards. */
static void vmk_worldlet_coalesce_running(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	struct two_cpus tc;
	vmk_Worldlet w;
	int i;

	two_cpus_setup(test, &tc);
	w = make(test, "kunit-running", c);
	two_cpus_pin(test, &tc, w);
	atomic_set(&c->spin, 1);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	wait_started(test, c);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	atomic_set(&c->go, 1);
	wait_runs(test, c, 2);
	wait_suspended(test, w);
	wdt_barrier(test, &tc);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 2);
	drop(test, w);
	two_cpus_teardown(test, &tc);
}

/* READY runs again without an activation; RELEASE drops the reference. */
static void vmk_worldlet_ready_release(struct kunit *test)
{
	struct wctx *c = new_ctx(test), *rc = new_ctx(test);
	u64 base = live_allocs(test);
	vmk_WorldletState st;
	vmk_Worldlet w, r;
	vmk_WorldletID id;

	w = make(test, "kunit-ready", c);
	atomic_set(&c->ready_left, 4);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	wait_runs(test, c, 5);
	wait_suspended(test, w);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 5);
	drop(test, w);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 5);

	r = make(test, "kunit-release", rc);
	rc->release = true;
	KUNIT_ASSERT_EQ(test, vmk_WorldletGetId(r, &id), VMK_OK);
	/* Still referenced by its driver: nothing would reap it. */
	KUNIT_EXPECT_EQ(test, vmk_WorldletReapSync(id), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCheckState(r, &st), VMK_OK);
	KUNIT_EXPECT_EQ(test, st, VMK_WDT_SUSPEND);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(r), VMK_OK);
	wait_runs(test, rc, 1);
	/* The run's end drops the reference: wait for that, then reap. */
	while (vmk_WorldletCheckState(r, &st) == VMK_OK &&
	       st != VMK_WDT_RELEASE)
		usleep_range(1000, 2000);
	KUNIT_EXPECT_EQ(test, vmk_WorldletReapSync(id), VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base);
	/* Freed: its handle is dead. */
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(r), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_WorldletUnref(r), VMK_INVALID_HANDLE);
}

/*
 * Disable keeps the function from being called (a run in progress
 * finishes); quiesce waits for that run, with a timeout.
 */
static void vmk_worldlet_disable_quiesce(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	vmk_WorldletState st;
	vmk_Bool q = VMK_TRUE;
	struct two_cpus tc;
	vmk_Worldlet w;
	int i;

	two_cpus_setup(test, &tc);
	w = make(test, "kunit-disable", c);
	two_cpus_pin(test, &tc, w);
	KUNIT_EXPECT_EQ(test, vmk_WorldletWaitForQuiesce(w, 1000),
			VMK_IS_ENABLED);

	/* Disabled before activation: owed, not run, until enabled. */
	KUNIT_EXPECT_EQ(test, vmk_WorldletDisable(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletIsQuiesced(w, &q), VMK_OK);
	KUNIT_EXPECT_TRUE(test, q);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	wdt_barrier(test, &tc);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCheckState(w, &st), VMK_OK);
	KUNIT_EXPECT_EQ(test, st, VMK_WDT_READY);
	KUNIT_EXPECT_EQ(test, vmk_WorldletEnable(w), VMK_OK);
	wait_runs(test, c, 1);
	wait_suspended(test, w);
	wdt_barrier(test, &tc);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);

	/* Disabled while it runs: not quiesced until the run returns. */
	atomic_set(&c->spin, 1);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	wait_started(test, c);
	KUNIT_EXPECT_EQ(test, vmk_WorldletDisable(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletIsQuiesced(w, &q), VMK_OK);
	KUNIT_EXPECT_FALSE(test, q);
	KUNIT_EXPECT_EQ(test, vmk_WorldletWaitForQuiesce(w, 1000),
			VMK_TIMEOUT);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	atomic_set(&c->go, 1);
	KUNIT_EXPECT_EQ(test, vmk_WorldletWaitForQuiesce(w, 10000000), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletIsQuiesced(w, &q), VMK_OK);
	KUNIT_EXPECT_TRUE(test, q);
	wdt_barrier(test, &tc);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 2);
	/* The activation during the disabled run is owed to the enable. */
	KUNIT_EXPECT_EQ(test, vmk_WorldletEnable(w), VMK_OK);
	wait_runs(test, c, 3);
	wait_suspended(test, w);
	wdt_barrier(test, &tc);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 3);
	drop(test, w);
	two_cpus_teardown(test, &tc);
}

/*
 * Unref frees the worldlet (from its heap) once nothing runs or waits to
 * run; ReapSync waits for that.  A queued worldlet still runs first.
 */
static void vmk_worldlet_unref_reap(struct kunit *test)
{
	struct wctx *sc = new_ctx(test), *c = new_ctx(test);
	u64 base = live_allocs(test);
	struct two_cpus tc;
	vmk_Worldlet s, w;
	vmk_WorldletID id;
	void *priv = NULL;

	w = make(test, "kunit-unref", c);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base + 1);
	KUNIT_ASSERT_EQ(test, vmk_WorldletGetId(w, &id), VMK_OK);
	KUNIT_EXPECT_NE(test, id, VMK_INVALID_WORLDLET_ID);
	KUNIT_EXPECT_EQ(test, vmk_WorldletDisable(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletWaitForQuiesce(w, 1000), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletUnrefWithData(w, &priv), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, priv, (void *)c);
	KUNIT_EXPECT_EQ(test, vmk_WorldletReapSync(id), VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base);
	KUNIT_EXPECT_EQ(test, vmk_WorldletUnref(w), VMK_INVALID_HANDLE);

	/* Unref while queued: it runs, then goes. */
	two_cpus_setup(test, &tc);
	base = live_allocs(test);
	s = make(test, "kunit-spinner", sc);
	w = make(test, "kunit-queued", c);
	two_cpus_pin(test, &tc, s);
	two_cpus_pin(test, &tc, w);
	atomic_set(&sc->spin, 1);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(s), VMK_OK);
	wait_started(test, sc);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_WorldletGetId(w, &id), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletUnref(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base + 2);
	atomic_set(&sc->go, 1);
	KUNIT_EXPECT_EQ(test, vmk_WorldletReapSync(id), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
	drop(test, s);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base);
	two_cpus_teardown(test, &tc);
}

/* Affinity: to a world (its CPU), to a worldlet (where it ran). */
static void vmk_worldlet_affinity(struct kunit *test)
{
	struct wctx *c = new_ctx(test), *c2 = new_ctx(test);
	vmk_Worldlet w = make(test, "kunit-aff", c);
	vmk_Worldlet w2 = make(test, "kunit-aff2", c2);
	struct task_struct *a;
	int cpu, n = 0, runs;

	KUNIT_EXPECT_EQ(test, vmk_core_worldlet_cpu(w), -1);

	for_each_online_cpu(cpu) {
		if (n++ == 4)
			break;
		a = anchor(test, cpu);
		KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorld(w,
					task_pid_nr(a), VMK_WDT_AFFINITY_EXACT),
				VMK_OK);
		runs = atomic_read(&c->runs);
		KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
		wait_runs(test, c, runs + 1);
		KUNIT_EXPECT_EQ(test, c->cpu, cpu);
		KUNIT_EXPECT_EQ(test, vmk_core_worldlet_cpu(w), cpu);
		/* w2 follows w, wherever w last ran. */
		KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorldlet(w2, w,
					VMK_WDT_AFFINITY_EXACT), VMK_OK);
		runs = atomic_read(&c2->runs);
		KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w2), VMK_OK);
		wait_runs(test, c2, runs + 1);
		KUNIT_EXPECT_EQ(test, c2->cpu, cpu);
		/* LOOSE: that CPU or an SMT sibling of it. */
		KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorld(w,
					task_pid_nr(a), VMK_WDT_AFFINITY_LOOSE),
				VMK_OK);
		runs = atomic_read(&c->runs);
		KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
		wait_runs(test, c, runs + 1);
		KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(c->cpu,
						topology_sibling_cpumask(cpu)));
		wait_suspended(test, w);
		kthread_stop(a);
	}
	/* A followed worldlet cannot go; cycles and itself are refused. */
	KUNIT_EXPECT_EQ(test, vmk_WorldletUnref(w), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorldlet(w, w2,
				VMK_WDT_AFFINITY_EXACT), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorldlet(w, w,
				VMK_WDT_AFFINITY_EXACT), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorldlet(w2, w, 7),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorld(w, 0x3ffffff0,
				VMK_WDT_AFFINITY_EXACT), VMK_INVALID_HANDLE);
	/* Removing the affinity lets it go. */
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorldlet(w2, NULL,
				VMK_WDT_AFFINITY_EXACT), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorld(w,
				VMK_INVALID_WORLD_ID, VMK_WDT_AFFINITY_EXACT),
			VMK_OK);
	wait_suspended(test, w2);
	drop(test, w);
	drop(test, w2);
}

/*
 * vmk_WorldletInterruptSet: the interrupt goes where the worldlet last
 * ran, and moves when it runs elsewhere; UnSet lets it go.
 */
static void vmk_worldlet_interrupt_follows(struct kunit *test)
{
	struct vmk_kunit_intr_probe *p = vmk_kunit_probe_create(test,
							"kunit-wdt-intr");
	struct wctx *c = new_ctx(test);
	vmk_Worldlet w = make(test, "kunit-intr", c);
	int cpu, n = 0, runs;
	struct task_struct *a;

	KUNIT_ASSERT_NOT_NULL(test, p);
	for_each_online_cpu(cpu) {
		if (n++ == 2)
			break;
		a = anchor(test, cpu);
		KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorld(w,
					task_pid_nr(a), VMK_WDT_AFFINITY_EXACT),
				VMK_OK);
		runs = atomic_read(&c->runs);
		KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(w), VMK_OK);
		wait_runs(test, c, runs + 1);
		wait_suspended(test, w);
		/* Set once, where it ran first; then it follows by itself. */
		if (n == 1)
			KUNIT_EXPECT_EQ(test,
					vmk_WorldletInterruptSet(w, p->cookie),
					VMK_OK);
		vmk_kunit_probe_expect_cpu(test, p, cpu);
		kthread_stop(a);
	}

	KUNIT_EXPECT_EQ(test, vmk_WorldletInterruptUnSet(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletInterruptUnSet(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletInterruptSet(w,
						       VMK_INVALID_INTRCOOKIE),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletInterruptSet(VMK_INVALID_WORLDLET,
						       p->cookie),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorld(w,
				VMK_INVALID_WORLD_ID, VMK_WDT_AFFINITY_EXACT),
			VMK_OK);
	drop(test, w);
	vmk_kunit_probe_destroy(test, p);
}

#define HAMMERS		3
#define HAMMER_ACTS	2000

struct hammer {
	vmk_Worldlet w;
	atomic_t ok;
	atomic_t done;
	wait_queue_head_t wq;
};

static int hammer_fn(void *arg)
{
	struct hammer *h = arg;
	int i;

	for (i = 0; i < HAMMER_ACTS; i++) {
		if (vmk_WorldletActivate(h->w) == VMK_OK)
			atomic_inc(&h->ok);
		if (!(i % 64))
			cond_resched();
	}
	atomic_inc(&h->done);
	wake_up_all(&h->wq);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/*
 * Several threads activating at once: every activation succeeds, runs
 * never outnumber activations, and once idle a new activation gives
 * exactly one more run.
 */
static void vmk_worldlet_hammer(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	struct task_struct *t[HAMMERS];
	struct hammer h = { .w = make(test, "kunit-hammer", c) };
	int i, runs;

	atomic_set(&h.ok, 0);
	atomic_set(&h.done, 0);
	init_waitqueue_head(&h.wq);
	for (i = 0; i < HAMMERS; i++) {
		t[i] = kthread_run(hammer_fn, &h, "kunit_hammer/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
		get_task_struct(t[i]);
	}
	KUNIT_EXPECT_GT(test, wait_event_timeout(h.wq,
			atomic_read(&h.done) == HAMMERS, SAFETY_TIMEOUT), 0);
	for (i = 0; i < HAMMERS; i++) {
		kthread_stop(t[i]);
		put_task_struct(t[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&h.ok), HAMMERS * HAMMER_ACTS);
	wait_runs(test, c, 1);
	wait_suspended(test, h.w);
	runs = atomic_read(&c->runs);
	KUNIT_EXPECT_LE(test, runs, HAMMERS * HAMMER_ACTS);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(h.w), VMK_OK);
	wait_runs(test, c, runs + 1);
	wait_suspended(test, h.w);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), runs + 1);
	drop(test, h.w);
}

static VMK_ReturnStatus nop_fn(vmk_Worldlet w, void *data,
			       vmk_WorldletRunData *rd)
{
	return VMK_OK;
}

static void vmk_worldlet_bad_args(struct kunit *test)
{
	vmk_Worldlet w = VMK_INVALID_WORLDLET, cur;
	vmk_Worldlet bogus = (vmk_Worldlet)&w;
	vmk_WorldletState st;
	vmk_WorldletID id;
	vmk_Bool b;
	vmk_Name n, bad;

	vmk_NameInitialize(&n, "kunit-bad");
	memset(&bad, 'x', sizeof(bad));
	KUNIT_EXPECT_EQ(test, vmk_WorldletCreate(NULL, &n, 0,
			vmk_kunit_module_id, wdt_heap, nop_fn, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCreate(&w, &n, 0,
			vmk_kunit_module_id, wdt_heap, NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCreate(&w, NULL, 0,
			vmk_kunit_module_id, wdt_heap, nop_fn, NULL),
			VMK_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCreate(&w, &bad, 0,
			vmk_kunit_module_id, wdt_heap, nop_fn, NULL),
			VMK_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCreate(&w, &n, 0,
			vmk_kunit_module_id, VMK_INVALID_HEAP_ID, nop_fn, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCreate(&w, &n, 0, 31337, wdt_heap,
						 nop_fn, NULL),
			VMK_INVALID_MODULE);
	KUNIT_EXPECT_PTR_EQ(test, w, VMK_INVALID_WORLDLET);

	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletActivate(bogus), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_WorldletDisable(bogus), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_WorldletEnable(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletUnref(bogus), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCheckState(bogus, &st),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_WorldletWaitForQuiesce(bogus, 1),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_WorldletOptionSet(NULL,
				VMK_WDT_OPT_NON_INTERFERING, VMK_TRUE),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletGetCurrent(NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletGetCurrent(&cur, NULL),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_WorldletReapSync(VMK_INVALID_WORLDLET_ID),
			VMK_BAD_PARAM);
	/* An ID that is not live: nothing to wait for. */
	KUNIT_EXPECT_EQ(test, vmk_WorldletReapSync(0x7ffffff0), VMK_OK);

	KUNIT_ASSERT_EQ(test, vmk_WorldletCreate(&w, &n, 0,
			vmk_kunit_module_id, wdt_heap, nop_fn, NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletCheckState(w, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletIsQuiesced(w, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletGetId(w, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletGetFn(w, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletShouldYield(w, &b),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_WorldletNameSet(w, &bad), VMK_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, vmk_WorldletNameSet(w, NULL), VMK_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorld(w,
				VMK_INVALID_WORLD_ID, 5), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_WorldletSetAffinityToWorldlet(w, bogus,
				VMK_WDT_AFFINITY_EXACT), VMK_INVALID_HANDLE);
	KUNIT_ASSERT_EQ(test, vmk_WorldletGetId(w, &id), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletUnref(w), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldletReapSync(id), VMK_OK);
}

/* A worldlet is a resource of its module, and draws on its heap. */
static void vmk_worldlet_module_resource(struct kunit *test)
{
	u64 base = live_allocs(test);
	struct vmk_core_heap_stats before = {}, after = {};
	struct wctx *c = new_ctx(test);
	vmk_Worldlet w;

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(wdt_heap, &before), 0);
	w = make(test, "kunit-res", c);
	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(wdt_heap, &after), 0);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base + 1);
	KUNIT_EXPECT_LE(test, after.bytes - before.bytes,
			(u64)vmk_WorldletAllocSize());
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	drop(test, w);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base);
}

static struct kunit_case vmk_worldlet_cases[] = {
	KUNIT_CASE(vmk_worldlet_runs_once),
	KUNIT_CASE(vmk_worldlet_coalesce_pending),
	KUNIT_CASE(vmk_worldlet_coalesce_running),
	KUNIT_CASE(vmk_worldlet_ready_release),
	KUNIT_CASE(vmk_worldlet_disable_quiesce),
	KUNIT_CASE(vmk_worldlet_unref_reap),
	KUNIT_CASE(vmk_worldlet_affinity),
	KUNIT_CASE(vmk_worldlet_interrupt_follows),
	KUNIT_CASE(vmk_worldlet_hammer),
	KUNIT_CASE(vmk_worldlet_bad_args),
	KUNIT_CASE(vmk_worldlet_module_resource),
	{}
};

static struct kunit_suite vmk_worldlet_suite = {
	.name = "vmkapi_worldlet",
	.suite_init = wdt_suite_init,
	.suite_exit = wdt_suite_exit,
	.test_cases = vmk_worldlet_cases,
};
kunit_test_suite(vmk_worldlet_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API worldlets");
MODULE_LICENSE("GPL");
