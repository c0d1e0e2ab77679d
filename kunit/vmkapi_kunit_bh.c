// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: bottom halves.  Callbacks count their runs and record where
 * (CPU) and how (softirq) they ran.  A bottom half scheduled on the
 * test's own CPU while softirqs are off there cannot run before they are
 * back on, which makes "pending" a state the test can hold.  A second
 * bottom half scheduled on the same CPU is the barrier: one CPU's
 * pending list runs in order.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/bottom_half.h>
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/wait.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define SAFETY_TIMEOUT	(20 * HZ)

struct bctx {
	atomic_t runs;
	int cpu;
	bool softirq;
	bool hardirq;
	vmk_BHID self;
	/* The core's count as the callback saw it: this run included. */
	long runs_seen;
	bool unregister_self;
	/* Schedule itself again this many more times. */
	atomic_t resched_left;
	wait_queue_head_t wq;
};

static void bh_cb(vmk_AddrCookie data)
{
	struct bctx *c = data.ptr;

	c->runs_seen = vmk_core_bh_runs(c->self);
	c->cpu = raw_smp_processor_id();
	c->softirq = in_softirq();
	c->hardirq = in_hardirq();
	if (c->unregister_self)
		vmk_BHUnregister(c->self);
	if (atomic_dec_if_positive(&c->resched_left) >= 0)
		vmk_BHScheduleAnyPCPU(c->self);
	atomic_inc(&c->runs);
	wake_up_all(&c->wq);
}

static struct bctx *new_ctx(struct kunit *test)
{
	struct bctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	init_waitqueue_head(&c->wq);
	return c;
}

static vmk_BHID reg(struct kunit *test, const char *name, struct bctx *c)
{
	vmk_BHProps props = {
		.moduleID = vmk_kunit_module_id,
		.callback = bh_cb,
		.priv = c,
	};
	vmk_BHID bh = NULL;

	vmk_NameInitialize(&props.name, name);
	KUNIT_ASSERT_EQ(test, vmk_BHRegister(&props, &bh), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, bh);
	c->self = bh;
	return bh;
}

static void wait_runs(struct kunit *test, struct bctx *c, int n)
{
	KUNIT_ASSERT_GT(test, wait_event_timeout(c->wq,
						 atomic_read(&c->runs) >= n,
						 SAFETY_TIMEOUT), 0);
}

/* Everything pending on @cpu before this call has run. */
static void bh_barrier(struct kunit *test, vmk_BHID b, struct bctx *bc, int cpu)
{
	int n = atomic_read(&bc->runs);

	KUNIT_ASSERT_EQ(test, vmk_BHSchedulePCPU(b, cpu), VMK_OK);
	wait_runs(test, bc, n + 1);
}

/* On every online CPU asked for, in softirq context. */
static void vmk_bh_on_each_cpu(struct kunit *test)
{
	struct bctx *c = new_ctx(test);
	vmk_BHID bh = reg(test, "kunit-bh-cpu", c);
	int cpu, n = 0;

	for_each_online_cpu(cpu) {
		KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, cpu), VMK_OK);
		wait_runs(test, c, ++n);
		KUNIT_EXPECT_EQ(test, c->runs_seen, n);
		KUNIT_EXPECT_EQ(test, c->cpu, cpu);
		KUNIT_EXPECT_TRUE(test, c->softirq);
		KUNIT_EXPECT_FALSE(test, c->hardirq);
	}
	vmk_BHScheduleAnyPCPU(bh);
	wait_runs(test, c, ++n);
	KUNIT_EXPECT_TRUE(test, c->softirq);
	KUNIT_EXPECT_EQ(test, vmk_core_bh_runs(bh), n);
	vmk_BHUnregister(bh);
	KUNIT_EXPECT_EQ(test, vmk_core_bh_runs(bh), -ENOENT);
}

/* Scheduling a pending bottom half on the same CPU does nothing more. */
static void vmk_bh_coalesce(struct kunit *test)
{
	struct bctx *c = new_ctx(test), *bc = new_ctx(test);
	vmk_BHID bh = reg(test, "kunit-bh-co", c);
	vmk_BHID b = reg(test, "kunit-bh-barrier", bc);
	int cpu, i;

	cpu = get_cpu();
	local_bh_disable();
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, cpu), VMK_OK);
	vmk_BHScheduleAnyPCPU(bh);
	/* Softirqs are off here: nothing ran yet. */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
	local_bh_enable();
	put_cpu();
	wait_runs(test, c, 1);
	bh_barrier(test, b, bc, cpu);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
	KUNIT_EXPECT_EQ(test, c->cpu, cpu);
	vmk_BHUnregister(bh);
	vmk_BHUnregister(b);
}

/* vmk_BottomHalfCheck runs what is pending on the caller's CPU, now. */
static void vmk_bh_check(struct kunit *test)
{
	struct bctx *c = new_ctx(test);
	vmk_BHID bh = reg(test, "kunit-bh-check", c);
	int cpu;

	cpu = get_cpu();
	local_bh_disable();
	KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, cpu), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
	vmk_BottomHalfCheck(VMK_FALSE);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
	KUNIT_EXPECT_EQ(test, c->cpu, cpu);
	local_bh_enable();
	put_cpu();
	/* Nothing pending: a no-op, and it may reschedule from a world. */
	vmk_BottomHalfCheck(VMK_TRUE);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
	vmk_BHUnregister(bh);
}

/*
 * A callback that schedules itself again runs again, in a later pass:
 * one pass (here vmk_BottomHalfCheck) runs it once, so a bottom half that
 * always reschedules itself cannot keep the CPU in one pass.
 */
static void vmk_bh_resched_self(struct kunit *test)
{
	struct bctx *c = new_ctx(test), *bc = new_ctx(test);
	vmk_BHID bh = reg(test, "kunit-bh-again", c);
	vmk_BHID b = reg(test, "kunit-bh-barrier", bc);
	int cpu;

	atomic_set(&c->resched_left, 3);
	cpu = get_cpu();
	local_bh_disable();
	KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, cpu), VMK_OK);
	vmk_BottomHalfCheck(VMK_FALSE);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 1);
	local_bh_enable();
	put_cpu();
	wait_runs(test, c, 4);
	atomic_set(&c->resched_left, 200);
	vmk_BHScheduleAnyPCPU(bh);
	wait_runs(test, c, 205);
	for_each_online_cpu(cpu)
		bh_barrier(test, b, bc, cpu);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 205);
	vmk_BHUnregister(bh);
	vmk_BHUnregister(b);
}

/*
 * Unregistering drops a pending run; from its own callback it returns
 * at once (that run finishes).
 */
static void vmk_bh_unregister_pending(struct kunit *test)
{
	struct bctx *c = new_ctx(test), *bc = new_ctx(test);
	struct bctx *sc = new_ctx(test);
	vmk_BHID bh = reg(test, "kunit-bh-drop", c);
	vmk_BHID b = reg(test, "kunit-bh-barrier", bc);
	vmk_BHID s = reg(test, "kunit-bh-self", sc);
	int cpu;

	cpu = get_cpu();
	local_bh_disable();
	KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, cpu), VMK_OK);
	vmk_BHUnregister(bh);
	local_bh_enable();
	put_cpu();
	bh_barrier(test, b, bc, cpu);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
	/* Dead: scheduling it again is refused. */
	KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, cpu), VMK_INVALID_HANDLE);

	sc->unregister_self = true;
	vmk_BHScheduleAnyPCPU(s);
	wait_runs(test, sc, 1);
	KUNIT_EXPECT_EQ(test, vmk_core_bh_runs(s), -ENOENT);
	vmk_BHUnregister(b);
}

/* Several CPUs scheduling one bottom half everywhere: counts add up. */
static void vmk_bh_any_cpu_storm(struct kunit *test)
{
	struct bctx *c = new_ctx(test), *bc = new_ctx(test);
	vmk_BHID bh = reg(test, "kunit-bh-storm", c);
	vmk_BHID b = reg(test, "kunit-bh-barrier", bc);
	int i, cpu, runs;

	for (i = 0; i < 500; i++) {
		for_each_online_cpu(cpu)
			KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, cpu),
					VMK_OK);
		if (!(i % 32))
			cond_resched();
	}
	for_each_online_cpu(cpu)
		bh_barrier(test, b, bc, cpu);
	runs = atomic_read(&c->runs);
	KUNIT_EXPECT_GE(test, runs, 1);
	KUNIT_EXPECT_LE(test, runs, 500 * (int)num_online_cpus());
	KUNIT_EXPECT_EQ(test, vmk_core_bh_runs(bh), runs);
	vmk_BHUnregister(bh);
	vmk_BHUnregister(b);
}

static void vmk_bh_bad_args(struct kunit *test)
{
	struct bctx *c = new_ctx(test);
	vmk_BHProps props = {
		.moduleID = vmk_kunit_module_id,
		.callback = bh_cb,
		.priv = c,
	};
	vmk_BHID bh = NULL, bogus = (vmk_BHID)&props;

	vmk_NameInitialize(&props.name, "kunit-bh-bad");
	KUNIT_EXPECT_EQ(test, vmk_BHRegister(NULL, &bh), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BHRegister(&props, NULL), VMK_BAD_PARAM);
	props.callback = NULL;
	KUNIT_EXPECT_EQ(test, vmk_BHRegister(&props, &bh), VMK_BAD_PARAM);
	props.callback = bh_cb;
	props.moduleID = 31337;
	KUNIT_EXPECT_EQ(test, vmk_BHRegister(&props, &bh), VMK_INVALID_MODULE);
	props.moduleID = vmk_kunit_module_id;
	props.name.string[0] = '\0';
	KUNIT_EXPECT_EQ(test, vmk_BHRegister(&props, &bh), VMK_INVALID_NAME);
	memset(&props.name, 'x', sizeof(props.name));
	KUNIT_EXPECT_EQ(test, vmk_BHRegister(&props, &bh), VMK_INVALID_NAME);
	KUNIT_EXPECT_PTR_EQ(test, bh, (vmk_BHID)NULL);

	KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(NULL, 0), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bogus, 0), VMK_INVALID_HANDLE);
	vmk_BHScheduleAnyPCPU(bogus);
	vmk_BHUnregister(bogus);
	vmk_BHUnregister(NULL);

	bh = reg(test, "kunit-bh-bad", c);
	KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, nr_cpu_ids),
			VMK_INVALID_TARGET);
	KUNIT_EXPECT_EQ(test, vmk_BHSchedulePCPU(bh, ~0U), VMK_INVALID_TARGET);
	/* A bottom half is a resource of its module. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	vmk_BHUnregister(bh);
	vmk_BHUnregister(bh);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->runs), 0);
}

static struct kunit_case vmk_bh_cases[] = {
	KUNIT_CASE(vmk_bh_on_each_cpu),
	KUNIT_CASE(vmk_bh_coalesce),
	KUNIT_CASE(vmk_bh_check),
	KUNIT_CASE(vmk_bh_resched_self),
	KUNIT_CASE(vmk_bh_unregister_pending),
	KUNIT_CASE(vmk_bh_any_cpu_storm),
	KUNIT_CASE(vmk_bh_bad_args),
	{}
};

static struct kunit_suite vmk_bh_suite = {
	.name = "vmkapi_bh",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_bh_cases,
};
kunit_test_suite(vmk_bh_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API bottom halves");
MODULE_LICENSE("GPL");
