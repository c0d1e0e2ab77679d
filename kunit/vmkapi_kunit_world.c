// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: worlds.  World bodies report through a context the test owns;
 * every test kills and waits for the worlds it made before it returns,
 * so a failed expectation never leaves a world running on freed memory.
 * Waits are bounded by a generous safety timeout; "the world is waiting
 * now" is observed through the core's probes, never guessed from time.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/timer.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define SAFETY_TIMEOUT	(20 * HZ)
#define HEAP_MAX	(64 * 1024)
/* Longer than any test waits for a world that misbehaves. */
#define LONG_SLEEP_US	(15ULL * 1000 * 1000)

/*
 * The suite's heap belongs to the core (module 0), so that the KUnit
 * module's only resources are the worlds a test makes: unregistering it
 * then shows whether they count.
 */
static vmk_HeapID world_heap = VMK_INVALID_HEAP_ID;

static int world_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	if (vmk_kunit_heap_create(VMK_VMKERNEL_MODULE_ID, "kunit_world",
				  HEAP_MAX, &world_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	return 0;
}

static void world_suite_exit(struct kunit_suite *suite)
{
	vmk_HeapDestroy(world_heap);
	world_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

#define NST	8

/* What a world body sees, for the test to check afterwards. */
struct wctx {
	struct completion ready;	/* the body runs */
	struct completion gate;		/* the test lets it go on */
	struct completion step;		/* an intermediate point */
	struct completion done;		/* the body has recorded everything */
	vmk_Lock lock;
	vmk_WorldEventID event;
	VMK_ReturnStatus st[NST];
	vmk_WorldID self;
	int policy;
	unsigned int rt_priority;
	bool dying_before;
	bool dying_after;
	bool held_after;
	bool after_exit;
	bool got_lock;
	/* Flags for a test that spins holding a lock (it cannot sleep). */
	int contending;
	int st0_done;
	int ignoring;
	atomic_t ok;
	atomic_t other;
};

static struct wctx *new_ctx(struct kunit *test)
{
	struct wctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	init_completion(&c->ready);
	init_completion(&c->gate);
	init_completion(&c->step);
	init_completion(&c->done);
	for (i = 0; i < NST; i++)
		c->st[i] = VMK_FAILURE;
	c->event = (vmk_WorldEventID)c;
	return c;
}

static VMK_ReturnStatus make_world(const char *name, vmk_WorldStartFunc fn,
				   void *data, vmk_WorldSchedClass cls,
				   vmk_WorldID *id)
{
	vmk_WorldProps props = {
		.name = name,
		.moduleID = vmk_kunit_module_id,
		.startFunction = fn,
		.data = data,
		.schedClass = cls,
		.heapID = world_heap,
	};

	return vmk_WorldCreate(&props, id);
}

static vmk_Lock make_lock(struct kunit *test, const char *name,
			  vmk_SpinlockType type)
{
	vmk_SpinlockCreateProps props = {
		.moduleID = vmk_kunit_module_id,
		.heapID = world_heap,
		.type = type,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};
	vmk_Lock lock = VMK_LOCK_INVALID;

	vmk_NameInitialize(&props.name, name);
	KUNIT_ASSERT_EQ(test, vmk_SpinlockCreate(&props, &lock), VMK_OK);
	return lock;
}

static bool wait_done(struct completion *c)
{
	return wait_for_completion_timeout(c, SAFETY_TIMEOUT) != 0;
}

/* Until world @id sits in vmk_WorldWait or vmk_WorldSleep. */
static bool wait_until_waiting(vmk_WorldID id)
{
	unsigned long end = jiffies + SAFETY_TIMEOUT;

	while (vmk_core_world_waiting(id) != 1) {
		if (time_after(jiffies, end))
			return false;
		usleep_range(1000, 2000);
	}
	return true;
}

/* Until @n tasks wait on @event. */
static bool wait_until_waiters(vmk_WorldEventID event, unsigned int n)
{
	unsigned long end = jiffies + SAFETY_TIMEOUT;

	while (vmk_core_world_event_waiters(event) != n) {
		if (time_after(jiffies, end))
			return false;
		usleep_range(1000, 2000);
	}
	return true;
}

/*
 * Wait for the death of a world that may have died already: then it is
 * no longer found (VMK_INVALID_WORLD), which promises the same.
 */
static void expect_dead(struct kunit *test, vmk_WorldID id)
{
	VMK_ReturnStatus status = vmk_WorldWaitForDeath(id);

	KUNIT_EXPECT_TRUE_MSG(test, status == VMK_OK ||
			      status == VMK_INVALID_WORLD, "status %#x", status);
	KUNIT_EXPECT_EQ(test, vmk_core_world_waiting(id), -ENOENT);
}

/* Destroy (harmless if it died already) and wait: no world outlives a test. */
static void reap(vmk_WorldID id)
{
	vmk_WorldDestroy(id);
	vmk_WorldWaitForDeath(id);
}

/*
 * A bounded spin for a flag, for a test holding a lock; well below the
 * soft-lockup and RCU-stall limits.
 */
#define SPIN_TIMEOUT	(5 * HZ)
static bool spin_until(int *flag)
{
	unsigned long end = jiffies + SPIN_TIMEOUT;

	while (!READ_ONCE(*flag)) {
		if (time_after(jiffies, end))
			return false;
		cpu_relax();
	}
	return true;
}

/* ---- create, destroy, death pending ------------------------------------ */

static VMK_ReturnStatus nop_body(void *data)
{
	return VMK_OK;
}

/*
 * Waits on nothing until destroyed, then checks that everything that
 * could deschedule it fails at once.
 */
static VMK_ReturnStatus until_death_body(void *data)
{
	struct wctx *c = data;
	int i;

	c->self = vmk_WorldGetID();
	c->dying_before = vmk_core_world_dying();
	complete(&c->ready);
	for (i = 0; i < 100; i++) {
		c->st[0] = vmk_WorldWait(VMK_EVENT_NONE, VMK_LOCK_INVALID,
					 VMK_TIMEOUT_UNLIMITED_MS, "kunit");
		if (c->st[0] != VMK_WAIT_INTERRUPTED)
			break;
	}
	c->dying_after = vmk_core_world_dying();
	c->st[1] = vmk_WorldWait(VMK_EVENT_NONE, VMK_LOCK_INVALID,
				 VMK_TIMEOUT_UNLIMITED_MS, "kunit-again");
	c->st[2] = vmk_WorldSleep(LONG_SLEEP_US);
	c->st[3] = make_world("kunit-child", nop_body, NULL,
			      VMK_WORLD_SCHED_CLASS_DEFAULT, NULL);
	complete(&c->done);
	/* Alive until someone waits for this death (the opener sees it). */
	wait_for_completion_timeout(&c->gate, SAFETY_TIMEOUT);
	return VMK_OK;
}

/* Opens the gate of world c->self once a task waits for its death. */
static VMK_ReturnStatus opener_body(void *data)
{
	struct wctx *c = data;
	unsigned long end = jiffies + SAFETY_TIMEOUT;

	while (vmk_core_world_death_waiters(c->self) < 1 &&
	       time_before(jiffies, end))
		usleep_range(1000, 2000);
	complete(&c->gate);
	complete(&c->step);
	return VMK_OK;
}

static void vmk_world_create_destroy(struct kunit *test)
{
	struct vmk_core_heap_stats st = {};
	struct wctx *c = new_ctx(test);
	vmk_WorldID id = VMK_INVALID_WORLD_ID;
	vmk_WorldID opener = VMK_INVALID_WORLD_ID;
	VMK_ReturnStatus status;

	KUNIT_ASSERT_EQ(test, make_world("kunit-world", until_death_body, c,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &id),
			VMK_OK);
	KUNIT_EXPECT_NE(test, id, VMK_INVALID_WORLD_ID);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->ready));
	KUNIT_EXPECT_EQ(test, c->self, id);
	KUNIT_EXPECT_FALSE(test, c->dying_before);

	/* The memory borrowed from the heap is back once the world runs. */
	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(world_heap, &st), 0);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
	KUNIT_EXPECT_GE(test, st.allocs, 1);

	/* A live world keeps its module registered. */
	status = vmk_ModuleUnregister(vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, status,
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	if (status == VMK_OK)
		vmk_ModuleRegister(&vmk_kunit_module_id, VMKAPI_REVISION);

	KUNIT_EXPECT_TRUE(test, wait_until_waiting(id));
	KUNIT_EXPECT_EQ(test, vmk_WorldDestroy(id), VMK_OK);
	/* Dying, it lives on until the wait below is under way. */
	KUNIT_EXPECT_TRUE(test, wait_done(&c->done));
	KUNIT_EXPECT_EQ(test, vmk_core_world_death_waiters(id), 0);
	KUNIT_EXPECT_EQ(test, make_world("kunit-opener", opener_body, c,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &opener),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldWaitForDeath(id), VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->step));
	if (opener != VMK_INVALID_WORLD_ID)
		expect_dead(test, opener);
	KUNIT_EXPECT_EQ(test, c->st[0], VMK_DEATH_PENDING);
	KUNIT_EXPECT_TRUE(test, c->dying_after);
	KUNIT_EXPECT_EQ(test, c->st[1], VMK_DEATH_PENDING);
	KUNIT_EXPECT_EQ(test, c->st[2], VMK_DEATH_PENDING);
	KUNIT_EXPECT_EQ(test, c->st[3], VMK_DEATH_PENDING);

	/* Gone: nothing of it can be found any more. */
	KUNIT_EXPECT_EQ(test, vmk_WorldDestroy(id), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_WorldWaitForDeath(id), VMK_INVALID_WORLD);
	KUNIT_EXPECT_EQ(test, vmk_WorldForceWakeup(id), VMK_INVALID_WORLD);
	KUNIT_EXPECT_EQ(test, vmk_core_world_waiting(id), -ENOENT);

	/* And the module holds nothing now: unregister, then come back. */
	status = vmk_ModuleUnregister(vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, status, VMK_OK);
	if (status == VMK_OK)
		KUNIT_EXPECT_EQ(test, vmk_ModuleRegister(&vmk_kunit_module_id,
							 VMKAPI_REVISION),
				VMK_OK);
	kfree(c);
}

/* vmk_WorldExit ends the world where it is called. */
static VMK_ReturnStatus exit_body(void *data)
{
	struct wctx *c = data;

	/* Waiting for its own death would never end. */
	c->st[0] = vmk_WorldWaitForDeath(vmk_WorldGetID());
	complete(&c->ready);
	vmk_WorldExit(VMK_OK);
	c->after_exit = true;
	return VMK_FAILURE;
}

static void vmk_world_exit(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	vmk_WorldID id = VMK_INVALID_WORLD_ID;

	KUNIT_ASSERT_EQ(test, make_world("kunit-exit", exit_body, c,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &id),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->ready));
	expect_dead(test, id);
	KUNIT_EXPECT_EQ(test, c->st[0], VMK_BAD_PARAM);
	KUNIT_EXPECT_FALSE(test, c->after_exit);

	/* Not a world of vmk_WorldCreate: logged, and it returns. */
	vmk_WorldExit(VMK_OK);
	kfree(c);
}

static VMK_ReturnStatus policy_body(void *data)
{
	struct wctx *c = data;

	c->policy = current->policy;
	c->rt_priority = current->rt_priority;
	complete(&c->done);
	return VMK_OK;
}

static void vmk_world_sched_class(struct kunit *test)
{
	struct wctx *quick = new_ctx(test), *dflt = new_ctx(test);
	vmk_WorldID q = VMK_INVALID_WORLD_ID, d = VMK_INVALID_WORLD_ID;

	KUNIT_EXPECT_EQ(test, make_world("kunit-quick", policy_body, quick,
					 VMK_WORLD_SCHED_CLASS_QUICK, &q),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, make_world("kunit-default", policy_body, dflt,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &d),
			VMK_OK);
	if (q != VMK_INVALID_WORLD_ID) {
		KUNIT_EXPECT_TRUE(test, wait_done(&quick->done));
		reap(q);
		KUNIT_EXPECT_EQ(test, quick->policy, SCHED_FIFO);
		KUNIT_EXPECT_GT(test, quick->rt_priority, 0);
	}
	if (d != VMK_INVALID_WORLD_ID) {
		KUNIT_EXPECT_TRUE(test, wait_done(&dflt->done));
		reap(d);
		KUNIT_EXPECT_EQ(test, dflt->policy, SCHED_NORMAL);
		KUNIT_EXPECT_EQ(test, dflt->rt_priority, 0);
	}
	kfree(quick);
	kfree(dflt);
}

/* ---- vmk_WorldWait and wakeups ------------------------------------------ */

static VMK_ReturnStatus lock_wait_body(void *data)
{
	struct wctx *c = data;

	c->st[0] = vmk_SpinlockLock(c->lock);
	if (c->st[0] == VMK_OK)
		c->st[1] = vmk_WorldWait(c->event, c->lock,
					 VMK_TIMEOUT_UNLIMITED_MS, "kunit-lock");
	/* Lockdep knows whether this world holds it again. */
	c->held_after = vmk_core_spinlock_held(c->lock, false);
	complete(&c->done);
	return VMK_OK;
}

static void vmk_world_wait_releases_lock(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	vmk_WorldID id = VMK_INVALID_WORLD_ID;
	VMK_ReturnStatus status;

	c->lock = make_lock(test, "kunit-wait-lock", VMK_SPINLOCK);
	KUNIT_EXPECT_EQ(test, make_world("kunit-lockwait", lock_wait_body, c,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &id),
			VMK_OK);
	if (id != VMK_INVALID_WORLD_ID) {
		KUNIT_EXPECT_TRUE(test, wait_until_waiters(c->event, 1));
		/* It sleeps, so the lock it held is free. */
		KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(c->lock), VMK_OK);
		status = vmk_WorldWakeup(c->event);
		vmk_SpinlockUnlock(c->lock);
		KUNIT_EXPECT_EQ(test, status, VMK_OK);
		KUNIT_EXPECT_TRUE(test, wait_done(&c->done));
		reap(id);
		KUNIT_EXPECT_EQ(test, c->st[0], VMK_OK);
		KUNIT_EXPECT_EQ(test, c->st[1], VMK_OK);
		KUNIT_EXPECT_FALSE(test, c->held_after);
	}

	/* The same from a task that is not a world, with a timeout. */
	KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(c->lock), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldWait(c->event, c->lock, 1, "kunit"),
			VMK_TIMEOUT);
	KUNIT_EXPECT_FALSE(test, vmk_core_spinlock_held(c->lock, false));
	KUNIT_EXPECT_EQ(test, vmk_core_world_event_waiters(c->event), 0);
	vmk_SpinlockDestroy(c->lock);
	kfree(c);
}

#define NWAITERS	3

static VMK_ReturnStatus event_wait_body(void *data)
{
	struct wctx *c = data;
	VMK_ReturnStatus status;

	status = vmk_WorldWait(c->event, VMK_LOCK_INVALID,
			       VMK_TIMEOUT_UNLIMITED_MS, "kunit-all");
	atomic_inc(status == VMK_OK ? &c->ok : &c->other);
	complete(&c->done);
	return VMK_OK;
}

static void vmk_world_wakeup_all(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	vmk_WorldID ids[NWAITERS] = {};
	int i, made = 0;

	KUNIT_EXPECT_EQ(test, vmk_WorldWakeup(c->event), VMK_NOT_FOUND);
	for (i = 0; i < NWAITERS; i++) {
		if (make_world("kunit-waiter", event_wait_body, c,
			       VMK_WORLD_SCHED_CLASS_DEFAULT, &ids[i]) == VMK_OK)
			made++;
	}
	KUNIT_EXPECT_EQ(test, made, NWAITERS);
	KUNIT_EXPECT_TRUE(test, wait_until_waiters(c->event, made));
	/* Another event in the same bucket or not: its waiters stay. */
	KUNIT_EXPECT_EQ(test, vmk_WorldWakeup(c->event + 1), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_WorldWakeup(c->event), VMK_OK);
	for (i = 0; i < made; i++)
		KUNIT_EXPECT_TRUE(test, wait_done(&c->done));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ok), made);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->other), 0);
	KUNIT_EXPECT_EQ(test, vmk_WorldWakeup(c->event), VMK_NOT_FOUND);
	for (i = 0; i < NWAITERS; i++)
		if (ids[i] != VMK_INVALID_WORLD_ID)
			reap(ids[i]);
	kfree(c);
}

static void vmk_world_wait_timeout(struct kunit *test)
{
	int x;

	/* From the test's own thread: nothing wakes these. */
	KUNIT_EXPECT_EQ(test, vmk_WorldWait((vmk_WorldEventID)&x,
					    VMK_LOCK_INVALID, 1, "kunit"),
			VMK_TIMEOUT);
	KUNIT_EXPECT_EQ(test, vmk_WorldWait(VMK_EVENT_NONE, VMK_LOCK_INVALID,
					    1, NULL),
			VMK_TIMEOUT);
	KUNIT_EXPECT_EQ(test, vmk_core_world_event_waiters((vmk_WorldEventID)&x),
			0);
	KUNIT_EXPECT_EQ(test, vmk_WorldSleep(1000), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldSleep(0), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldYield(), VMK_OK);
}

/*
 * A force wakeup sent while the world does not wait is kept for its next
 * VMK_EVENT_NONE wait, once; one sent while it waits or sleeps wakes it.
 */
static VMK_ReturnStatus force_body(void *data)
{
	struct wctx *c = data;

	complete(&c->ready);
	if (!wait_for_completion_timeout(&c->gate, SAFETY_TIMEOUT))
		return VMK_TIMEOUT;
	c->st[0] = vmk_WorldWait(VMK_EVENT_NONE, VMK_LOCK_INVALID,
				 VMK_TIMEOUT_UNLIMITED_MS, "kunit-pending");
	c->st[1] = vmk_WorldWait(VMK_EVENT_NONE, VMK_LOCK_INVALID, 1,
				 "kunit-consumed");
	complete(&c->step);
	c->st[2] = vmk_WorldWait(VMK_EVENT_NONE, VMK_LOCK_INVALID,
				 VMK_TIMEOUT_UNLIMITED_MS, "kunit-force");
	complete(&c->ready);
	c->st[3] = vmk_WorldSleep(LONG_SLEEP_US);
	complete(&c->done);
	return VMK_OK;
}

static void vmk_world_force_wakeup(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	vmk_WorldID id = VMK_INVALID_WORLD_ID;

	KUNIT_ASSERT_EQ(test, make_world("kunit-force", force_body, c,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &id),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->ready));
	reinit_completion(&c->ready);
	/* Not waiting (it waits for the gate): pending, twice as once. */
	KUNIT_EXPECT_EQ(test, vmk_WorldForceWakeup(id), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_WorldForceWakeup(id), VMK_NOT_FOUND);
	complete(&c->gate);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->step));
	KUNIT_EXPECT_EQ(test, c->st[0], VMK_OK);
	KUNIT_EXPECT_EQ(test, c->st[1], VMK_TIMEOUT);

	KUNIT_EXPECT_TRUE(test, wait_until_waiting(id));
	KUNIT_EXPECT_EQ(test, vmk_WorldForceWakeup(id), VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->ready));
	/* Now in vmk_WorldSleep: a force wakeup interrupts it. */
	KUNIT_EXPECT_TRUE(test, wait_until_waiting(id));
	KUNIT_EXPECT_EQ(test, vmk_WorldForceWakeup(id), VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->done));
	reap(id);
	KUNIT_EXPECT_EQ(test, c->st[2], VMK_OK);
	KUNIT_EXPECT_EQ(test, c->st[3], VMK_WAIT_INTERRUPTED);
	kfree(c);
}

/* ---- death pending -------------------------------------------------------- */

static void vmk_world_death_pending_wait(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	vmk_WorldID id = VMK_INVALID_WORLD_ID;

	c->lock = make_lock(test, "kunit-dying-wait", VMK_SPINLOCK);
	KUNIT_EXPECT_EQ(test, make_world("kunit-dying", lock_wait_body, c,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &id),
			VMK_OK);
	if (id != VMK_INVALID_WORLD_ID) {
		KUNIT_EXPECT_TRUE(test, wait_until_waiters(c->event, 1));
		KUNIT_EXPECT_EQ(test, vmk_WorldDestroy(id), VMK_OK);
		KUNIT_EXPECT_TRUE(test, wait_done(&c->done));
		expect_dead(test, id);
		KUNIT_EXPECT_EQ(test, c->st[0], VMK_OK);
		KUNIT_EXPECT_EQ(test, c->st[1], VMK_DEATH_PENDING);
		KUNIT_EXPECT_FALSE(test, c->held_after);
		/* It left the event's queue. */
		KUNIT_EXPECT_EQ(test, vmk_WorldWakeup(c->event), VMK_NOT_FOUND);
	}
	vmk_SpinlockDestroy(c->lock);
	kfree(c);
}

static VMK_ReturnStatus sleep_body(void *data)
{
	struct wctx *c = data;

	c->st[0] = vmk_WorldSleep(LONG_SLEEP_US);
	c->dying_after = vmk_core_world_dying();
	complete(&c->done);
	return VMK_OK;
}

static void vmk_world_death_pending_sleep(struct kunit *test)
{
	struct wctx *c = new_ctx(test);
	vmk_WorldID id = VMK_INVALID_WORLD_ID;

	KUNIT_ASSERT_EQ(test, make_world("kunit-sleeper", sleep_body, c,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &id),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_until_waiting(id));
	KUNIT_EXPECT_EQ(test, vmk_WorldDestroy(id), VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->done));
	expect_dead(test, id);
	KUNIT_EXPECT_EQ(test, c->st[0], VMK_DEATH_PENDING);
	KUNIT_EXPECT_TRUE(test, c->dying_after);
	kfree(c);
}

/*
 * Contends for a lock the test holds; is destroyed meanwhile; then takes
 * the lock anyway for "cleanup" with the IgnoreDeathPending variant.
 */
static VMK_ReturnStatus contender_body(void *data)
{
	struct wctx *c = data;

	c->dying_before = vmk_core_world_dying();
	complete(&c->ready);
	if (!wait_for_completion_timeout(&c->gate, SAFETY_TIMEOUT))
		return VMK_TIMEOUT;
	WRITE_ONCE(c->contending, 1);
	c->st[0] = vmk_SpinlockLock(c->lock);
	if (c->st[0] == VMK_OK)
		vmk_SpinlockUnlock(c->lock);
	WRITE_ONCE(c->st0_done, 1);
	WRITE_ONCE(c->ignoring, 1);
	vmk_SpinlockLockIgnoreDeathPending(c->lock);
	c->got_lock = vmk_core_spinlock_held(c->lock, false);
	c->dying_after = vmk_core_world_dying();
	vmk_SpinlockUnlock(c->lock);
	complete(&c->done);
	return VMK_OK;
}

static void vmk_world_death_pending_spinlock(struct kunit *test)
{
	vmk_WorldID id = VMK_INVALID_WORLD_ID;
	bool contended, returned, ignoring;
	struct wctx *c;

	/* The world must run while this thread spins holding the lock. */
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs a second CPU for the contending world");
	c = new_ctx(test);
	c->lock = make_lock(test, "kunit-dying-lock", VMK_SPINLOCK);
	KUNIT_EXPECT_EQ(test, make_world("kunit-contender", contender_body, c,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &id),
			VMK_OK);
	if (id != VMK_INVALID_WORLD_ID && wait_done(&c->ready)) {
		/*
		 * Holding the lock this thread may not sleep: it spins
		 * (bounded) on the world's flags, which the world sets from
		 * the other CPU.
		 */
		KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(c->lock), VMK_OK);
		complete(&c->gate);
		contended = spin_until(&c->contending);
		KUNIT_EXPECT_EQ(test, vmk_WorldDestroy(id), VMK_OK);
		returned = spin_until(&c->st0_done);
		/* Its cleanup acquisition waits for this unlock, or follows it. */
		ignoring = spin_until(&c->ignoring);
		vmk_SpinlockUnlock(c->lock);
		KUNIT_EXPECT_TRUE(test, contended);
		KUNIT_EXPECT_TRUE(test, returned);
		KUNIT_EXPECT_TRUE(test, ignoring);
		KUNIT_EXPECT_TRUE(test, wait_done(&c->done));
		expect_dead(test, id);
		KUNIT_EXPECT_FALSE(test, c->dying_before);
		KUNIT_EXPECT_EQ(test, c->st[0], VMK_DEATH_PENDING);
		KUNIT_EXPECT_TRUE(test, c->got_lock);
		KUNIT_EXPECT_TRUE(test, c->dying_after);
	} else if (id != VMK_INVALID_WORLD_ID) {
		complete(&c->gate);
		reap(id);
	}
	vmk_SpinlockDestroy(c->lock);
	kfree(c);
}

/* ---- bad arguments and contexts ----------------------------------------- */

static VMK_ReturnStatus self_body(void *data)
{
	struct wctx *c = data;

	c->self = vmk_WorldGetID();
	complete(&c->done);
	return VMK_OK;
}

static void vmk_world_create_bad_args(struct kunit *test)
{
	vmk_WorldProps props = {
		.name = "kunit-bad",
		.moduleID = vmk_kunit_module_id,
		.startFunction = nop_body,
		.schedClass = VMK_WORLD_SCHED_CLASS_DEFAULT,
		.heapID = world_heap,
	};
	vmk_WorldProps p;
	vmk_WorldID id = VMK_INVALID_WORLD_ID;
	vmk_ByteCount align = 0;
	vmk_HeapID dead;
	struct wctx *c;

	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(NULL, &id), VMK_BAD_PARAM);
	p = props;
	p.startFunction = NULL;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, &id), VMK_BAD_PARAM);
	p = props;
	p.name = NULL;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, &id), VMK_BAD_PARAM);
	p = props;
	p.schedClass = (vmk_WorldSchedClass)7;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, &id), VMK_BAD_PARAM);
	p = props;
	p.moduleID = 12345;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, &id), VMK_INVALID_MODULE);
	p.heapID = VMK_INVALID_HEAP_ID;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, &id), VMK_INVALID_MODULE);

	/* A heap that is gone. */
	KUNIT_ASSERT_EQ(test, vmk_kunit_heap_create(VMK_VMKERNEL_MODULE_ID,
						    "kunit_world_dead", 4096,
						    &dead), VMK_OK);
	vmk_HeapDestroy(dead);
	p = props;
	p.heapID = dead;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, &id), VMK_BAD_PARAM);

	/* No heap named, none by default; then the module's default one. */
	p = props;
	p.heapID = VMK_INVALID_HEAP_ID;
	KUNIT_ASSERT_PTR_EQ(test, vmk_ModuleGetHeapID(vmk_kunit_module_id),
			    VMK_INVALID_HEAP_ID);
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, &id), VMK_NO_MODULE_HEAP);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, world_heap);
	id = VMK_INVALID_WORLD_ID;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, &id), VMK_OK);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	if (id != VMK_INVALID_WORLD_ID)
		reap(id);
	/* No ID wanted: fine too (the body tells it, to wait for it). */
	c = new_ctx(test);
	p = props;
	p.startFunction = self_body;
	p.data = c;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&p, NULL), VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_done(&c->done));
	expect_dead(test, c->self);
	kfree(c);

	KUNIT_EXPECT_GT(test, vmk_WorldCreateAllocSize(&align), 0);
	KUNIT_EXPECT_TRUE(test, align && is_power_of_2(align));
	KUNIT_EXPECT_GT(test, vmk_WorldCreateAllocSize(NULL), 0);
	KUNIT_EXPECT_GE(test, vmk_WorldsMax(), 2);
}

/* The borrowed start memory is real heap memory: a full heap refuses. */
static void vmk_world_create_heap_full(struct kunit *test)
{
	enum { NCHUNK = 1024 };
	void **chunks = kunit_kcalloc(test, NCHUNK, sizeof(void *), GFP_KERNEL);
	vmk_ByteCount align, size = vmk_WorldCreateAllocSize(&align);
	vmk_WorldProps props = {
		.name = "kunit-full",
		.moduleID = vmk_kunit_module_id,
		.startFunction = nop_body,
		.schedClass = VMK_WORLD_SCHED_CLASS_DEFAULT,
	};
	vmk_WorldID id = VMK_INVALID_WORLD_ID;
	vmk_HeapID heap;
	int n = 0;

	KUNIT_ASSERT_NOT_NULL(test, chunks);
	KUNIT_ASSERT_EQ(test, vmk_kunit_heap_create(VMK_VMKERNEL_MODULE_ID,
						    "kunit_world_full", 4096,
						    &heap), VMK_OK);
	while (n < NCHUNK) {
		chunks[n] = vmk_HeapAlign(heap, size, align);
		if (!chunks[n])
			break;
		n++;
	}
	KUNIT_EXPECT_LT(test, n, NCHUNK);
	props.heapID = heap;
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&props, &id), VMK_NO_MEMORY);
	while (n > 0)
		vmk_HeapFree(heap, chunks[--n]);
	KUNIT_EXPECT_EQ(test, vmk_WorldCreate(&props, &id), VMK_OK);
	reap(id);
	vmk_kunit_heap_drop(test, heap);
}

static void vmk_world_wait_bad_args(struct kunit *test)
{
	vmk_Lock a = make_lock(test, "kunit-bad-a", VMK_SPINLOCK);
	/* Another creation site: another lockdep class, nested legitimately. */
	vmk_SpinlockCreateProps bprops = {
		.moduleID = vmk_kunit_module_id,
		.heapID = world_heap,
		.type = VMK_SPINLOCK,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};
	vmk_Lock b = VMK_LOCK_INVALID;
	vmk_Lock rw = make_lock(test, "kunit-bad-rw", VMK_SPINLOCK_RW);
	vmk_WorldEventID ev = (vmk_WorldEventID)&a;

	vmk_NameInitialize(&bprops.name, "kunit-bad-b");
	KUNIT_ASSERT_EQ(test, vmk_SpinlockCreate(&bprops, &b), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldWait(ev, NULL, 1, "kunit"),
			VMK_BAD_PARAM);

	/* Non-blocking is not a wait: refused, the lock still held. */
	KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldWait(ev, a, VMK_TIMEOUT_NONBLOCKING,
					    "kunit"), VMK_BAD_PARAM);
	KUNIT_EXPECT_TRUE(test, vmk_core_spinlock_held(a, false));

	/* Another lock held: it could not sleep.  Both stay held. */
	KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(b), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldWait(ev, b, 1, "kunit"), VMK_BAD_PARAM);
	KUNIT_EXPECT_TRUE(test, vmk_core_spinlock_held(a, false));
	KUNIT_EXPECT_TRUE(test, vmk_core_spinlock_held(b, false));
	vmk_SpinlockUnlock(b);
	vmk_SpinlockUnlock(a);

	/* Not a VMK_SPINLOCK: refused, still held. */
	KUNIT_EXPECT_EQ(test, vmk_SpinlockWriteLock(rw), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldWait(ev, rw, 1, "kunit"), VMK_BAD_PARAM);
	KUNIT_EXPECT_TRUE(test, vmk_core_spinlock_held(rw, false));
	vmk_SpinlockWriteUnlock(rw);
	KUNIT_EXPECT_EQ(test, vmk_core_world_event_waiters(ev), 0);

	KUNIT_EXPECT_EQ(test, vmk_WorldWakeup(VMK_EVENT_NONE), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_WorldDestroy(VMK_INVALID_WORLD_ID),
			VMK_NOT_FOUND);
	/* This thread is no world of vmk_WorldCreate. */
	KUNIT_EXPECT_EQ(test, vmk_WorldDestroy(vmk_WorldGetID()),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_WorldWaitForDeath(VMK_INVALID_WORLD_ID),
			VMK_INVALID_WORLD);
	KUNIT_EXPECT_EQ(test, vmk_WorldForceWakeup(VMK_INVALID_WORLD_ID),
			VMK_INVALID_WORLD);
	KUNIT_EXPECT_EQ(test, vmk_WorldForceWakeup(vmk_WorldGetID()),
			VMK_INVALID_WORLD);
	vmk_WorldAssertIsSafeToBlock();

	vmk_SpinlockDestroy(a);
	vmk_SpinlockDestroy(b);
	vmk_SpinlockDestroy(rw);
}

struct irq_probe {
	struct timer_list timer;
	struct irq_work work;
	struct completion fired;
	vmk_WorldID softirq_id;
	vmk_WorldID hardirq_id;
};

static void probe_timer(struct timer_list *t)
{
	struct irq_probe *p = from_timer(p, t, timer);

	p->softirq_id = vmk_WorldGetID();
	complete(&p->fired);
}

static void probe_irq_work(struct irq_work *work)
{
	struct irq_probe *p = container_of(work, struct irq_probe, work);

	p->hardirq_id = vmk_WorldGetID();
}

static void vmk_world_get_id_contexts(struct kunit *test)
{
	struct irq_probe *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, vmk_WorldGetID(), task_pid_nr(current));

	p->softirq_id = 1;
	p->hardirq_id = 1;
	init_completion(&p->fired);
	timer_setup(&p->timer, probe_timer, 0);
	mod_timer(&p->timer, jiffies);
	KUNIT_EXPECT_TRUE(test, wait_done(&p->fired));
	del_timer_sync(&p->timer);
	KUNIT_EXPECT_EQ(test, p->softirq_id, VMK_INVALID_WORLD_ID);

	p->work = (struct irq_work)IRQ_WORK_INIT_HARD(probe_irq_work);
	irq_work_queue(&p->work);
	irq_work_sync(&p->work);
	KUNIT_EXPECT_EQ(test, p->hardirq_id, VMK_INVALID_WORLD_ID);
}

/* ---- interrupts that follow a world ------------------------------------ */

/* Naps until destroyed: each wake-up is a chance to be followed. */
static VMK_ReturnStatus napper_body(void *data)
{
	while (vmk_WorldSleep(1000) != VMK_DEATH_PENDING)
		;
	return VMK_OK;
}

/* Move world @task to @cpu and wait until it runs there. */
static bool world_move(struct task_struct *task, int cpu)
{
	unsigned long end = jiffies + SAFETY_TIMEOUT;

	if (set_cpus_allowed_ptr(task, cpumask_of(cpu)))
		return false;
	while (task_cpu(task) != cpu) {
		if (time_after(jiffies, end))
			return false;
		usleep_range(1000, 2000);
	}
	return true;
}

/* Until the interrupt's effective affinity is @cpu alone. */
static bool wait_steered(unsigned int irq, int cpu)
{
	unsigned long end = jiffies + SAFETY_TIMEOUT;
	const struct cpumask *eff;

	for (;;) {
		eff = irq_data_get_effective_affinity_mask(irq_get_irq_data(irq));
		if (cpumask_equal(eff, cpumask_of(cpu)))
			return true;
		if (time_after(jiffies, end))
			return false;
		usleep_range(1000, 2000);
	}
}

/*
 * vmk_WorldInterruptSet: the interrupt is delivered where the world
 * runs, and moves with it; Unset lets it go; bad arguments are refused.
 */
static void vmk_world_interrupt_follows(struct kunit *test)
{
	struct vmk_kunit_intr_probe *p = vmk_kunit_probe_create(test,
								"kunit-follow");
	vmk_WorldID id = VMK_INVALID_WORLD_ID;
	int first = cpumask_last(cpu_online_mask);
	struct task_struct *task;
	unsigned int irq;

	KUNIT_ASSERT_NOT_NULL(test, p);
	irq = vmk_core_intr_cookie_irq(p->cookie);
	KUNIT_ASSERT_EQ(test, make_world("kunit-napper", napper_body, NULL,
					 VMK_WORLD_SCHED_CLASS_DEFAULT, &id),
			VMK_OK);
	task = get_pid_task(find_vpid(id), PIDTYPE_PID);
	KUNIT_ASSERT_NOT_NULL(test, task);

	KUNIT_EXPECT_TRUE(test, world_move(task, first));
	KUNIT_EXPECT_EQ(test, vmk_WorldInterruptSet(id, p->cookie), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldInterruptSet(id, p->cookie), VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_steered(irq, first));
	vmk_kunit_probe_expect_cpu(test, p, first);

	/* The world moves; at its next wake-up the interrupt follows. */
	if (num_online_cpus() > 1) {
		KUNIT_EXPECT_TRUE(test, world_move(task, 0));
		KUNIT_EXPECT_TRUE(test, wait_steered(irq, 0));
		vmk_kunit_probe_expect_cpu(test, p, 0);
	}

	KUNIT_EXPECT_EQ(test, vmk_WorldInterruptUnset(id, p->cookie), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_WorldInterruptUnset(id, p->cookie),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_WorldInterruptSet(VMK_INVALID_WORLD_ID,
						    p->cookie),
			VMK_INVALID_WORLD);
	KUNIT_EXPECT_EQ(test, vmk_WorldInterruptUnset(VMK_INVALID_WORLD_ID,
						      p->cookie),
			VMK_INVALID_WORLD);
	KUNIT_EXPECT_EQ(test, vmk_WorldInterruptSet(id,
						    VMK_INVALID_INTRCOOKIE),
			VMK_BAD_PARAM);

	put_task_struct(task);
	reap(id);
	vmk_kunit_probe_destroy(test, p);
}

static struct kunit_case vmk_world_cases[] = {
	KUNIT_CASE(vmk_world_create_destroy),
	KUNIT_CASE(vmk_world_exit),
	KUNIT_CASE(vmk_world_sched_class),
	KUNIT_CASE(vmk_world_wait_releases_lock),
	KUNIT_CASE(vmk_world_wakeup_all),
	KUNIT_CASE(vmk_world_wait_timeout),
	KUNIT_CASE(vmk_world_force_wakeup),
	KUNIT_CASE(vmk_world_death_pending_wait),
	KUNIT_CASE(vmk_world_death_pending_sleep),
	KUNIT_CASE(vmk_world_death_pending_spinlock),
	KUNIT_CASE(vmk_world_create_bad_args),
	KUNIT_CASE(vmk_world_create_heap_full),
	KUNIT_CASE(vmk_world_wait_bad_args),
	KUNIT_CASE(vmk_world_get_id_contexts),
	KUNIT_CASE(vmk_world_interrupt_follows),
	{}
};

static struct kunit_suite vmk_world_suite = {
	.name = "vmkapi_kunit_world",
	.suite_init = world_suite_init,
	.suite_exit = world_suite_exit,
	.test_cases = vmk_world_cases,
};
kunit_test_suite(vmk_world_suite);

MODULE_DESCRIPTION("KUnit tests for vmkapi worlds");
MODULE_LICENSE("GPL");
