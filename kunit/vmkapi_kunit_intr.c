// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: interrupts, driven by the core's software interrupt sources.
 * Each delivery is raised, flushed (the acknowledges have run) and
 * synchronised (the handlers have run), so every check after it is
 * exact; waits are bounded by a generous safety timeout and no duration
 * is checked.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/irq_work.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/timer.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define SAFETY_TIMEOUT	(30 * HZ)

/* What one registration saw; its acknowledge answers ack_ret. */
struct probe {
	VMK_ReturnStatus ack_ret;
	atomic_t acks;
	atomic_t handlers;
	vmk_IntrCookie arg_cookie;
	/* In the acknowledge. */
	bool ack_hardirq;
	bool ack_irqs_off;
	vmk_ContextType ack_type;
	vmk_Bool ack_is_handler;
	vmk_IntrCookie ack_cookie;
	/* In the handler. */
	bool h_hardirq;
	bool h_irqs_off;
	bool h_preemptible;
	bool h_kthread;
	vmk_ContextType h_type;
	vmk_Bool h_is_handler;
	vmk_IntrCookie h_cookie;
	int ack_cpu;
	int h_cpu;
	/* Handler runs of this registration at once: never more than one. */
	atomic_t running;
	atomic_t overlaps;
	/* A handler that takes this long (busy), to give overlaps a chance. */
	unsigned int busy_us;
	/* A handler that waits for the test (deliberately blocking). */
	bool hold;
	struct completion started;
	struct completion release;
	/* A handler that calls back into the API on its own cookie. */
	bool reenter;
	vmk_IntrCookie self;
	vmk_IntrCookie other;
	VMK_ReturnStatus reenter_sync;
	VMK_ReturnStatus reenter_sync_other;
	VMK_ReturnStatus reenter_unregister;
	VMK_ReturnStatus reenter_register;
};

static struct probe *new_probe(struct kunit *test, VMK_ReturnStatus ack_ret)
{
	struct probe *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p->ack_ret = ack_ret;
	atomic_set(&p->acks, 0);
	atomic_set(&p->handlers, 0);
	atomic_set(&p->running, 0);
	atomic_set(&p->overlaps, 0);
	init_completion(&p->started);
	init_completion(&p->release);
	return p;
}

static VMK_ReturnStatus probe_register(vmk_IntrCookie cookie, struct probe *p,
				       const char *name);

static VMK_ReturnStatus probe_ack(void *data, vmk_IntrCookie cookie)
{
	struct probe *p = data;

	p->arg_cookie = cookie;
	p->ack_hardirq = in_hardirq();
	p->ack_irqs_off = irqs_disabled();
	p->ack_type = vmk_ContextGetCurrentType();
	p->ack_is_handler = vmk_ContextIsInterruptHandler(&p->ack_cookie);
	p->ack_cpu = raw_smp_processor_id();
	atomic_inc(&p->acks);
	return READ_ONCE(p->ack_ret);
}

static void probe_handler(void *data, vmk_IntrCookie cookie)
{
	struct probe *p = data;

	p->h_hardirq = in_hardirq();
	p->h_irqs_off = irqs_disabled();
	p->h_preemptible = !IS_ENABLED(CONFIG_PREEMPT_COUNT) || preemptible();
	p->h_kthread = current->flags & PF_KTHREAD;
	p->h_type = vmk_ContextGetCurrentType();
	p->h_is_handler = vmk_ContextIsInterruptHandler(&p->h_cookie);
	p->h_cpu = raw_smp_processor_id();
	if (atomic_inc_return(&p->running) > 1)
		atomic_inc(&p->overlaps);
	if (p->busy_us)
		udelay(p->busy_us);
	atomic_dec(&p->running);
	if (p->hold) {
		complete(&p->started);
		wait_for_completion_timeout(&p->release, SAFETY_TIMEOUT);
	}
	if (p->reenter) {
		p->reenter_sync = vmk_IntrSync(p->self);
		p->reenter_sync_other = vmk_IntrSync(p->other);
		p->reenter_unregister =
			vmk_IntrUnregister(vmk_kunit_module_id, p->self, p);
		p->reenter_register = probe_register(p->other, p,
						     "kunit-reenter");
	}
	atomic_inc(&p->handlers);
}

static VMK_ReturnStatus probe_register(vmk_IntrCookie cookie, struct probe *p,
				       const char *name)
{
	vmk_IntrProps props = {
		.acknowledgeInterrupt = probe_ack,
		.handler = probe_handler,
		.handlerData = p,
	};

	vmk_NameInitialize(&props.deviceName, name);
	return vmk_IntrRegister(vmk_kunit_module_id, cookie, &props);
}

static vmk_IntrCookie soft_new(struct kunit *test, vmk_ModuleID owner)
{
	vmk_IntrCookie cookie = VMK_INVALID_INTRCOOKIE;

	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_create(owner, &cookie),
			VMK_OK);
	KUNIT_ASSERT_NE(test, cookie, VMK_INVALID_INTRCOOKIE);
	KUNIT_ASSERT_GT(test, vmk_core_intr_cookie_irq(cookie), 0);
	return cookie;
}

/* Raise @source and wait until @cookie's acknowledges and handlers ran. */
static void fire(struct kunit *test, vmk_IntrCookie source,
		 vmk_IntrCookie cookie)
{
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_raise(source), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(source), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(cookie), VMK_OK);
}

/* A snapshot, freed with the test (big: kept off the stack). */
static const struct vmk_core_intr_stats *stats(struct kunit *test,
					       vmk_IntrCookie cookie)
{
	struct vmk_core_intr_stats *st = kunit_kzalloc(test, sizeof(*st),
						       GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, st);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_stats(cookie, st), 0);
	return st;
}

static u64 hist_sum(const u64 *hist)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < VMK_CORE_INTR_HIST_BUCKETS; i++)
		sum += hist[i];
	return sum;
}

/* VMK_OK: handler runs in the interrupt thread, after a hard-IRQ ack. */
static void vmk_intr_ack_ok_runs_handler(struct kunit *test)
{
	vmk_IntrCookie c = soft_new(test, vmk_kunit_module_id), seen;
	struct probe *p = new_probe(test, VMK_OK);
	const struct vmk_core_intr_stats *st;

	KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-ok"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);
	fire(test, c, c);

	KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 1);
	KUNIT_EXPECT_EQ(test, p->arg_cookie, c);
	/* The acknowledge: hard IRQ, interrupts off, knows its cookie. */
	KUNIT_EXPECT_TRUE(test, p->ack_hardirq);
	KUNIT_EXPECT_TRUE(test, p->ack_irqs_off);
	KUNIT_EXPECT_EQ(test, p->ack_type, VMK_CONTEXT_TYPE_INTERRUPT);
	KUNIT_EXPECT_TRUE(test, p->ack_is_handler);
	KUNIT_EXPECT_EQ(test, p->ack_cookie, c);
	/* The handler: a schedulable kernel thread, still "interrupt". */
	KUNIT_EXPECT_FALSE(test, p->h_hardirq);
	KUNIT_EXPECT_FALSE(test, p->h_irqs_off);
	KUNIT_EXPECT_TRUE(test, p->h_preemptible);
	KUNIT_EXPECT_TRUE(test, p->h_kthread);
	KUNIT_EXPECT_EQ(test, p->h_type, VMK_CONTEXT_TYPE_INTERRUPT);
	KUNIT_EXPECT_FALSE(test, vmk_ContextTypeCanBlock(p->h_type));
	KUNIT_EXPECT_TRUE(test, p->h_is_handler);
	KUNIT_EXPECT_EQ(test, p->h_cookie, c);
	/* The test itself is neither. */
	KUNIT_EXPECT_FALSE(test, vmk_ContextIsInterruptHandler(&seen));
	KUNIT_EXPECT_EQ(test, seen, VMK_INVALID_INTRCOOKIE);
	KUNIT_EXPECT_EQ(test, vmk_ContextGetCurrentType(),
			VMK_CONTEXT_TYPE_WORLD);

	st = stats(test, c);
	KUNIT_EXPECT_EQ(test, st->count, 1);
	KUNIT_EXPECT_EQ(test, st->woken, 1);
	KUNIT_EXPECT_EQ(test, st->ignored, 0);
	KUNIT_EXPECT_EQ(test, st->spurious, 0);
	KUNIT_EXPECT_EQ(test, st->acks, 1);
	KUNIT_EXPECT_EQ(test, st->handler_runs, 1);
	KUNIT_EXPECT_EQ(test, st->handler_blocked, 0);
	KUNIT_EXPECT_EQ(test, hist_sum(st->ack_ns), 1);
	KUNIT_EXPECT_EQ(test, hist_sum(st->handler_ns), 1);

	fire(test, c, c);
	st = stats(test, c);
	KUNIT_EXPECT_EQ(test, st->count, 2);
	KUNIT_EXPECT_EQ(test, hist_sum(st->ack_ns), 2);
	KUNIT_EXPECT_EQ(test, hist_sum(st->handler_ns), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 2);

	KUNIT_EXPECT_EQ(test, vmk_IntrDisable(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, p),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_irq(c), -EINVAL);
}

/*
 * VMK_IGNORE -> handled without the thread, VMK_NOT_THIS_DEVICE ->
 * spurious, anything else -> handled and counted as a bad acknowledge.
 */
static void vmk_intr_ack_codes(struct kunit *test)
{
	static const struct {
		VMK_ReturnStatus ret;
		u64 ignored, spurious, bad;
	} cases[] = {
		{ VMK_IGNORE, 1, 0, 0 },
		{ VMK_NOT_THIS_DEVICE, 0, 1, 0 },
		{ VMK_FAILURE, 1, 0, 1 },
		{ VMK_BUSY, 1, 0, 1 },
	};
	const struct vmk_core_intr_stats *st;
	vmk_IntrCookie c;
	struct probe *p;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		c = soft_new(test, vmk_kunit_module_id);
		p = new_probe(test, cases[i].ret);
		KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-codes"),
				VMK_OK);
		KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);
		fire(test, c, c);
		fire(test, c, c);

		KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 2);
		KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 0);
		st = stats(test, c);
		KUNIT_EXPECT_EQ(test, st->count, 2);
		KUNIT_EXPECT_EQ(test, st->woken, 0);
		KUNIT_EXPECT_EQ(test, st->ignored, 2 * cases[i].ignored);
		KUNIT_EXPECT_EQ(test, st->spurious, 2 * cases[i].spurious);
		KUNIT_EXPECT_EQ(test, st->bad_ack, 2 * cases[i].bad);
		KUNIT_EXPECT_EQ(test, st->handler_runs, 0);
		KUNIT_EXPECT_EQ(test, hist_sum(st->ack_ns), 2);
		KUNIT_EXPECT_EQ(test, hist_sum(st->handler_ns), 0);

		KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id,
							 c, p), VMK_OK);
		KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
	}
}

/*
 * Registration does not enable; disabled means no acknowledge and no
 * handler, and what was raised meanwhile arrives once enabled.
 */
static void vmk_intr_enable_disable(struct kunit *test)
{
	vmk_IntrCookie c = soft_new(test, vmk_kunit_module_id);
	struct probe *p = new_probe(test, VMK_OK);

	KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-enable"), VMK_OK);
	fire(test, c, c);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 0);
	KUNIT_EXPECT_EQ(test, stats(test, c)->count, 0);

	/* The interrupt raised while disabled is delivered now, once. */
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 1);

	KUNIT_ASSERT_EQ(test, vmk_IntrDisable(c), VMK_OK);
	fire(test, c, c);
	fire(test, c, c);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 1);
	/* Disabling twice is not a second level to undo. */
	KUNIT_ASSERT_EQ(test, vmk_IntrDisable(c), VMK_OK);

	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 2);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);
	fire(test, c, c);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 3);
	KUNIT_EXPECT_EQ(test, stats(test, c)->count, 3);

	/* Unregistered and registered again: starts disabled... */
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, p),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrDisable(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-enable"), VMK_OK);
	fire(test, c, c);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 3);
	/* ...unless enabled before: then it is delivered at once. */
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, p),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-enable"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 4);
	fire(test, c, c);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->acks), 5);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 5);

	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, p),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
}

struct sync_ctx {
	vmk_IntrCookie cookie;
	struct probe *p;
	VMK_ReturnStatus status;
	int handlers_at_return;
	struct completion done;
};

static int sync_thread(void *arg)
{
	struct sync_ctx *s = arg;

	s->status = vmk_IntrSync(s->cookie);
	s->handlers_at_return = atomic_read(&s->p->handlers);
	complete(&s->done);
	return 0;
}

/* vmk_IntrSync returns only once the running handler has finished. */
static void vmk_intr_sync_waits(struct kunit *test)
{
	vmk_IntrCookie c = soft_new(test, vmk_kunit_module_id);
	struct probe *p = new_probe(test, VMK_OK);
	struct sync_ctx *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->cookie = c;
	s->p = p;
	init_completion(&s->done);
	/* It waits for the test: a handler must not, hence one report. */
	p->hold = true;
	KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-sync"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_raise(c), VMK_OK);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&p->started,
							  SAFETY_TIMEOUT), 0);

	t = kthread_run(sync_thread, s, "kunit-intr-sync");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* However long it is given, Sync cannot return yet. */
	msleep(100);
	KUNIT_EXPECT_FALSE(test, completion_done(&s->done));
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 0);

	complete(&p->release);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&s->done,
							  SAFETY_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, s->status, VMK_OK);
	KUNIT_EXPECT_EQ(test, s->handlers_at_return, 1);
	KUNIT_EXPECT_EQ(test, stats(test, c)->handler_blocked, 1);

	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, p),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
}

/*
 * A handler must not block: the calls that wait (and could wait for the
 * handler itself) refuse, on its own cookie or another.
 */
static void vmk_intr_reentry_refused(struct kunit *test)
{
	vmk_IntrCookie c = soft_new(test, vmk_kunit_module_id);
	vmk_IntrCookie d = soft_new(test, vmk_kunit_module_id);
	struct probe *p = new_probe(test, VMK_OK);

	p->reenter = true;
	p->self = c;
	p->other = d;
	KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-reenter"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);
	fire(test, c, c);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 1);
	KUNIT_EXPECT_EQ(test, p->reenter_sync, VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, p->reenter_sync_other, VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, p->reenter_unregister, VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, p->reenter_register, VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, p),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(d), VMK_OK);
}

/*
 * A level line: two registrants on one cookie, keyed by handlerData, and
 * a second cookie (another device) on the same Linux line.
 */
static void vmk_intr_shared_line(struct kunit *test)
{
	vmk_IntrCookie src = soft_new(test, vmk_kunit_module_id);
	vmk_IntrCookie b = VMK_INVALID_INTRCOOKIE, d = VMK_INVALID_INTRCOOKIE;
	struct probe *p1 = new_probe(test, VMK_NOT_THIS_DEVICE);
	struct probe *p2 = new_probe(test, VMK_OK);
	struct probe *p3 = new_probe(test, VMK_OK);
	int irq = vmk_core_intr_cookie_irq(src);
	const struct vmk_core_intr_stats *st;

	KUNIT_ASSERT_EQ(test, vmk_core_intr_cookie_alloc(vmk_kunit_module_id,
							 irq, true, &b),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_cookie_irq(b), irq);
	KUNIT_ASSERT_EQ(test, probe_register(b, p1, "kunit-shared1"), VMK_OK);
	KUNIT_ASSERT_EQ(test, probe_register(b, p2, "kunit-shared2"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(b), VMK_OK);

	/* Only the second claims: only its handler runs. */
	fire(test, src, b);
	KUNIT_EXPECT_EQ(test, atomic_read(&p1->acks), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p1->handlers), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&p2->acks), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p2->handlers), 1);
	st = stats(test, b);
	KUNIT_EXPECT_EQ(test, st->count, 1);
	KUNIT_EXPECT_EQ(test, st->woken, 1);
	KUNIT_EXPECT_EQ(test, st->spurious, 0);
	KUNIT_EXPECT_EQ(test, st->acks, 2);

	/* Nobody claims: spurious. */
	WRITE_ONCE(p2->ack_ret, VMK_NOT_THIS_DEVICE);
	fire(test, src, b);
	st = stats(test, b);
	KUNIT_EXPECT_EQ(test, st->count, 2);
	KUNIT_EXPECT_EQ(test, st->spurious, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p2->handlers), 1);

	/* Unregister by handlerData; a wrong or missing key is refused. */
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, b, p3),
			VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, b, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, b, p1),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, b, p1),
			VMK_FAILURE);
	WRITE_ONCE(p2->ack_ret, VMK_OK);
	fire(test, src, b);
	KUNIT_EXPECT_EQ(test, atomic_read(&p1->acks), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&p2->acks), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&p2->handlers), 2);

	/* Another device's cookie on the line: each counts its own answer. */
	KUNIT_ASSERT_EQ(test, vmk_core_intr_cookie_alloc(vmk_kunit_module_id,
							 irq, true, &d),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, probe_register(d, p3, "kunit-shared3"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(d), VMK_OK);
	WRITE_ONCE(p2->ack_ret, VMK_NOT_THIS_DEVICE);
	fire(test, src, b);
	KUNIT_EXPECT_EQ(test, atomic_read(&p2->handlers), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&p3->acks), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p3->handlers), 1);
	KUNIT_EXPECT_EQ(test, stats(test, b)->spurious, 2);
	KUNIT_EXPECT_EQ(test, stats(test, d)->woken, 1);

	/* Disabling one cookie leaves the other device's delivery alone. */
	KUNIT_ASSERT_EQ(test, vmk_IntrDisable(b), VMK_OK);
	fire(test, src, d);
	KUNIT_EXPECT_EQ(test, atomic_read(&p2->acks), 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&p3->handlers), 2);
	KUNIT_EXPECT_EQ(test, stats(test, b)->gated, 1);

	/* Nothing is freed under a registration or a user of the line. */
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_free(b), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, b, p2),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, d, p3),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(src), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_free(b), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_free(d), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_free(b), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(src), VMK_OK);
}

static void count_release(void *priv)
{
	atomic_inc(priv);
}

/*
 * Two devices on one INTx line, each cookie owning its device's vector
 * (as the PCI layer allocates them): either can be freed while the other
 * still uses the line, and each release runs exactly once.
 */
static void vmk_intr_shared_owned_free(struct kunit *test)
{
	vmk_IntrCookie src = soft_new(test, vmk_kunit_module_id);
	vmk_IntrCookie a = VMK_INVALID_INTRCOOKIE, b = VMK_INVALID_INTRCOOKIE;
	int irq = vmk_core_intr_cookie_irq(src);
	atomic_t released = ATOMIC_INIT(0);

	KUNIT_ASSERT_EQ(test,
			vmk_core_intr_cookie_alloc_owned(vmk_kunit_module_id,
							 irq, true,
							 count_release,
							 &released, &a),
			VMK_OK);
	KUNIT_ASSERT_EQ(test,
			vmk_core_intr_cookie_alloc_owned(vmk_kunit_module_id,
							 irq, true,
							 count_release,
							 &released, &b),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_free(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&released), 1);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_irq(b), irq);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_free(b), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&released), 2);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(src), VMK_OK);
}

/* Raising works from every context: softirq, hard IRQ, interrupts off. */
struct raise_ctx {
	vmk_IntrCookie cookie;
	VMK_ReturnStatus status;
	struct timer_list timer;
	struct irq_work work;
	struct completion done;
};

static struct raise_ctx *raise_from;

static void raise_timer(struct timer_list *t)
{
	struct raise_ctx *r = from_timer(r, t, timer);

	r->status = vmk_core_intr_soft_raise(r->cookie);
	complete(&r->done);
}

static void raise_work(struct irq_work *work)
{
	struct raise_ctx *r = raise_from;

	r->status = vmk_core_intr_soft_raise(r->cookie);
}

static void vmk_intr_raise_any_context(struct kunit *test)
{
	vmk_IntrCookie c = soft_new(test, vmk_kunit_module_id);
	struct probe *p = new_probe(test, VMK_OK);
	struct raise_ctx *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	unsigned long flags;

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->cookie = c;
	init_completion(&r->done);
	raise_from = r;
	KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-any"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);

	/* A bottom half. */
	r->status = VMK_FAILURE;
	timer_setup(&r->timer, raise_timer, 0);
	mod_timer(&r->timer, jiffies + 1);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&r->done,
							  SAFETY_TIMEOUT), 0);
	del_timer_sync(&r->timer);
	KUNIT_EXPECT_EQ(test, r->status, VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 1);

	/* Hard interrupt context. */
	r->status = VMK_FAILURE;
	r->work = IRQ_WORK_INIT_HARD(raise_work);
	KUNIT_ASSERT_TRUE(test, irq_work_queue(&r->work));
	irq_work_sync(&r->work);
	KUNIT_EXPECT_EQ(test, r->status, VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 2);

	/* A world with interrupts off: delivered once they are back on. */
	local_irq_save(flags);
	r->status = vmk_core_intr_soft_raise(c);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, r->status, VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->handlers), 3);
	KUNIT_EXPECT_EQ(test, stats(test, c)->count, 3);

	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, p),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
}

/*
 * Raisers on every CPU while the test disables, enables, unregisters and
 * registers again: afterwards the counts add up, every acknowledge that
 * said VMK_OK was followed by a handler run, and nothing is left over.
 */
#define HAMMER_RAISERS	2
#define HAMMER_ROUNDS	200

struct hammer {
	vmk_IntrCookie cookie;
	atomic_t stop;
	atomic_t raised;
	struct completion done[HAMMER_RAISERS];
};

static int hammer_raiser(void *arg)
{
	struct hammer *h = arg;
	int me = atomic_inc_return(&h->raised) - 1;

	while (!atomic_read(&h->stop)) {
		vmk_core_intr_soft_raise(h->cookie);
		cond_resched();
	}
	complete(&h->done[me]);
	return 0;
}

static void vmk_intr_hammer(struct kunit *test)
{
	struct hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct probe *p = new_probe(test, VMK_OK);
	const struct vmk_core_intr_stats *st;
	struct task_struct *t;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->cookie = soft_new(test, vmk_kunit_module_id);
	p->busy_us = 20;
	for (i = 0; i < HAMMER_RAISERS; i++)
		init_completion(&h->done[i]);
	KUNIT_ASSERT_EQ(test, probe_register(h->cookie, p, "kunit-hammer"),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(h->cookie), VMK_OK);
	for (i = 0; i < HAMMER_RAISERS; i++) {
		t = kthread_run(hammer_raiser, h, "kunit-intr-raise%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < HAMMER_ROUNDS; i++) {
		switch (i % 4) {
		case 0:
			vmk_IntrDisable(h->cookie);
			break;
		case 1:
			vmk_IntrEnable(h->cookie);
			break;
		case 2:
			KUNIT_EXPECT_EQ(test,
					vmk_IntrUnregister(vmk_kunit_module_id,
							   h->cookie, p),
					VMK_OK);
			break;
		case 3:
			KUNIT_EXPECT_EQ(test, probe_register(h->cookie, p,
							     "kunit-hammer"),
					VMK_OK);
			break;
		}
		usleep_range(100, 200);
	}
	atomic_set(&h->stop, 1);
	for (i = 0; i < HAMMER_RAISERS; i++)
		KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&h->done[i],
								  SAFETY_TIMEOUT),
				0);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(h->cookie), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(h->cookie), VMK_OK);

	st = stats(test, h->cookie);
	KUNIT_EXPECT_GT(test, st->count, 0);
	KUNIT_EXPECT_EQ(test, st->count, st->woken + st->ignored +
			st->spurious);
	KUNIT_EXPECT_EQ(test, st->acks, (u64)atomic_read(&p->acks));
	KUNIT_EXPECT_EQ(test, st->handler_runs, (u64)atomic_read(&p->handlers));
	/* Acknowledges that said VMK_OK before their run may coalesce. */
	KUNIT_EXPECT_LE(test, st->handler_runs, st->woken);
	KUNIT_EXPECT_GT(test, st->handler_runs, 0);
	/* Wherever each run went, never two at once. */
	KUNIT_EXPECT_EQ(test, atomic_read(&p->overlaps), 0);
	KUNIT_EXPECT_LE(test, st->handler_steered, st->woken);
	KUNIT_EXPECT_EQ(test, hist_sum(st->ack_ns), st->acks);
	KUNIT_EXPECT_EQ(test, hist_sum(st->handler_ns), st->handler_runs);

	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id,
						 h->cookie, p), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(h->cookie), VMK_OK);
}

/*
 * Where handlers run.  A kernel thread bound to one CPU stays busy there
 * (spinning, never idle) and raises the interrupt from it, so each
 * acknowledge interrupts a CPU that has been busy for a while: the
 * handler goes to an idle CPU (the test itself sleeps meanwhile), and
 * the steered count says so exactly.  A cookie that follows that CPU (vmk_core_intr_steer, as for
 * a world or a worldlet) keeps its handler there.  Whether another CPU
 * is idle at a given moment is up to the machine, so the steered runs
 * are expected among several raises, not in each.
 */
#define STEER_RAISES	20
#define STEER_WARMUP_MS	20

struct spinner {
	vmk_IntrCookie cookie;
	struct probe *p;
	int steered;		/* runs seen on another CPU than the ack's */
	int local;
	int lost;		/* raises whose handler never came */
	struct completion done;
};

static int steer_spinner(void *arg)
{
	struct spinner *s = arg;
	unsigned long deadline;
	int i, before;

	/* Busy for longer than vmkapi.intr_steer_busy_us (1000 us) first. */
	mdelay(STEER_WARMUP_MS);
	for (i = 0; i < STEER_RAISES; i++) {
		before = atomic_read(&s->p->handlers);
		vmk_core_intr_soft_raise(s->cookie);
		/* Busy-wait: this CPU must not go idle. */
		deadline = jiffies + SAFETY_TIMEOUT;
		while (atomic_read(&s->p->handlers) == before &&
		       time_before(jiffies, deadline))
			cpu_relax();
		if (atomic_read(&s->p->handlers) == before)
			s->lost++;
		else if (READ_ONCE(s->p->h_cpu) != READ_ONCE(s->p->ack_cpu))
			s->steered++;
		else
			s->local++;
		/* Let the other CPU settle into its idle loop again. */
		udelay(200);
	}
	complete(&s->done);
	return 0;
}

static void steer_run(struct kunit *test, struct spinner *s, int cpu)
{
	struct task_struct *t;

	s->steered = s->local = s->lost = 0;
	init_completion(&s->done);
	t = kthread_create(steer_spinner, s, "kunit-intr-spin");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	kthread_bind(t, cpu);
	wake_up_process(t);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&s->done,
							  2 * SAFETY_TIMEOUT),
			0);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(s->cookie), VMK_OK);
	KUNIT_EXPECT_EQ(test, s->lost, 0);
}

/* Keeps a CPU busy (never idle) until told to stop. */
struct hog {
	bool stop;
	struct completion done;
};

static int hog_fn(void *arg)
{
	struct hog *h = arg;
	unsigned long deadline = jiffies + 2 * SAFETY_TIMEOUT;

	while (!READ_ONCE(h->stop) && time_before(jiffies, deadline))
		cpu_relax();
	complete(&h->done);
	return 0;
}

static void steer_all_busy(struct kunit *test, struct spinner *s, int cpu)
{
	struct hog *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct task_struct *t = NULL;
	int other, hogs = 0;

	KUNIT_ASSERT_NOT_NULL(test, h);
	init_completion(&h->done);
	for_each_online_cpu(other) {
		if (other == cpu)
			continue;
		t = kthread_create(hog_fn, h, "kunit-intr-hog");
		if (IS_ERR(t))
			break;
		kthread_bind(t, other);
		wake_up_process(t);
		hogs++;
	}
	/* The hogs are running, not idle, when the raises start. */
	if (!IS_ERR(t)) {
		msleep(20);
		steer_run(test, s, cpu);
	}
	/* Every hog is gone before @h, which the test frees, can be. */
	WRITE_ONCE(h->stop, true);
	while (hogs--)
		KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&h->done,
								  SAFETY_TIMEOUT),
				0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, s->steered, 0);
	KUNIT_EXPECT_EQ(test, s->local, STEER_RAISES);
}

static void vmk_intr_handler_steered(struct kunit *test)
{
	struct spinner *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	const struct vmk_core_intr_stats *st;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, s);
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	cpu = cpumask_first(cpu_online_mask);
	s->cookie = soft_new(test, vmk_kunit_module_id);
	s->p = new_probe(test, VMK_OK);
	KUNIT_ASSERT_EQ(test, probe_register(s->cookie, s->p, "kunit-steer"),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(s->cookie), VMK_OK);

	steer_run(test, s, cpu);
	st = stats(test, s->cookie);
	KUNIT_EXPECT_GT(test, s->steered, 0);
	KUNIT_EXPECT_EQ(test, st->handler_steered, (u64)s->steered);
	KUNIT_EXPECT_EQ(test, st->handler_runs, (u64)STEER_RAISES);
	KUNIT_EXPECT_EQ(test, s->p->h_is_handler, (vmk_Bool)VMK_TRUE);
	KUNIT_EXPECT_EQ(test, s->p->h_cookie, s->cookie);

	/* Following the busy CPU: every handler stays on it. */
	KUNIT_ASSERT_TRUE(test, vmk_core_intr_steer(s->cookie, cpu));
	steer_run(test, s, cpu);
	KUNIT_EXPECT_EQ(test, s->steered, 0);
	KUNIT_EXPECT_EQ(test, s->local, STEER_RAISES);
	KUNIT_EXPECT_EQ(test, stats(test, s->cookie)->handler_steered,
			st->handler_steered);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s->p->h_cpu), cpu);

	/* Free again: steered again. */
	KUNIT_ASSERT_TRUE(test, vmk_core_intr_steer(s->cookie, -1));
	steer_run(test, s, cpu);
	KUNIT_EXPECT_GT(test, s->steered, 0);

	/*
	 * No CPU idle: every handler stays where it was acknowledged.  A
	 * CPU that left its idle loop must stop counting as idle (the flag
	 * once stayed set, and handlers went to busy CPUs).
	 */
	if (num_online_cpus() <= 4)
		steer_all_busy(test, s, cpu);

	KUNIT_EXPECT_EQ(test, vmk_IntrDisable(s->cookie), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id,
						 s->cookie, s->p), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(s->cookie), VMK_OK);
}

static void disabled_fn(vmk_AddrCookie data)
{
	bool *irqs_off = data.ptr;

	*irqs_off = irqs_disabled();
}

static void vmk_intr_with_all_disabled(struct kunit *test)
{
	vmk_AddrCookie data;
	bool irqs_off = false;

	data.ptr = &irqs_off;
	KUNIT_EXPECT_EQ(test, vmk_IntrWithAllDisabledInvoke(vmk_kunit_module_id,
							    disabled_fn, data),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, irqs_off);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, vmk_IntrWithAllDisabledInvoke(vmk_kunit_module_id,
							    NULL, data),
			VMK_BAD_PARAM);
	irqs_off = false;
	KUNIT_EXPECT_EQ(test, vmk_IntrWithAllDisabledInvoke(12345, disabled_fn,
							    data),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_FALSE(test, irqs_off);
}

static VMK_ReturnStatus register_props(vmk_IntrCookie cookie,
				       vmk_IntrAcknowledge ack,
				       vmk_IntrHandler handler, void *data,
				       vmk_uint64 attrs)
{
	vmk_IntrProps props = {
		.acknowledgeInterrupt = ack,
		.handler = handler,
		.handlerData = data,
		.attrs = attrs,
	};

	vmk_NameInitialize(&props.deviceName, "kunit-bad");
	return vmk_IntrRegister(vmk_kunit_module_id, cookie, &props);
}

static void vmk_intr_bad_arguments(struct kunit *test)
{
	vmk_IntrCookie c = soft_new(test, vmk_kunit_module_id);
	vmk_IntrCookie shared = VMK_INVALID_INTRCOOKIE;
	vmk_IntrCookie bogus[] = { VMK_INVALID_INTRCOOKIE, 0, 0x7ffffff0 };
	struct probe *p = new_probe(test, VMK_OK);
	struct probe *q = new_probe(test, VMK_OK);
	struct vmk_core_intr_stats bogus_st;
	vmk_IntrProps props = {
		.acknowledgeInterrupt = probe_ack,
		.handler = probe_handler,
		.handlerData = p,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(bogus); i++) {
		KUNIT_EXPECT_EQ(test, probe_register(bogus[i], p, "kunit-bad"),
				VMK_BAD_PARAM);
		KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id,
							 bogus[i], p),
				VMK_BAD_PARAM);
		KUNIT_EXPECT_EQ(test, vmk_IntrEnable(bogus[i]), VMK_BAD_PARAM);
		KUNIT_EXPECT_EQ(test, vmk_IntrDisable(bogus[i]), VMK_BAD_PARAM);
		KUNIT_EXPECT_EQ(test, vmk_IntrSync(bogus[i]), VMK_BAD_PARAM);
		KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_irq(bogus[i]),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, vmk_core_intr_stats(bogus[i], &bogus_st),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_raise(bogus[i]),
				VMK_BAD_PARAM);
		KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_free(bogus[i]),
				VMK_BAD_PARAM);
	}

	/* Malformed props, an unknown module. */
	KUNIT_EXPECT_EQ(test, vmk_IntrRegister(vmk_kunit_module_id, c, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, register_props(c, NULL, probe_handler, p, 0),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, register_props(c, probe_ack, NULL, p, 0),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, register_props(c, probe_ack, probe_handler, p,
					     1ULL << 40),
			VMK_BAD_PARAM);
	vmk_NameInitialize(&props.deviceName, "kunit-bad");
	KUNIT_EXPECT_EQ(test, vmk_IntrRegister(12345, c, &props),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(12345, c, p), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_alloc(12345, 1, false,
							 &shared),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_alloc(vmk_kunit_module_id,
							 1, false, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_create(vmk_kunit_module_id,
							NULL),
			VMK_BAD_PARAM);

	/* One registration per non-shared cookie; NULL data is fine there. */
	KUNIT_EXPECT_EQ(test, register_props(c, probe_ack, probe_handler, NULL,
					     VMK_INTR_ATTRS_ENTROPY_SOURCE),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, register_props(c, probe_ack, probe_handler, NULL,
					     0),
			VMK_EXISTS);
	KUNIT_EXPECT_EQ(test, probe_register(c, q, "kunit-second"), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, q),
			VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, NULL),
			VMK_OK);

	/* A shared cookie needs a key, and each key once. */
	KUNIT_ASSERT_EQ(test, vmk_core_intr_cookie_alloc(vmk_kunit_module_id,
				vmk_core_intr_cookie_irq(c), true, &shared),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, register_props(shared, probe_ack, probe_handler,
					     NULL, 0),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, probe_register(shared, p, "kunit-key"), VMK_OK);
	KUNIT_EXPECT_EQ(test, probe_register(shared, p, "kunit-key"),
			VMK_EXISTS);
	/* Only software sources are raised or destroyed as such. */
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_raise(shared), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(shared),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, shared,
						 p),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_free(shared), VMK_OK);

	/* A destroyed source is no cookie any more. */
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_raise(c), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IntrEnable(c), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, probe_register(c, p, "kunit-dead"),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_BAD_PARAM);
}

/*
 * A registration is a resource of the registering module, even on a
 * cookie another module (here the core) owns.
 */
static void vmk_intr_module_resource(struct kunit *test)
{
	vmk_IntrCookie c = soft_new(test, VMK_VMKERNEL_MODULE_ID);
	struct probe *p = new_probe(test, VMK_OK);

	KUNIT_ASSERT_EQ(test, probe_register(c, p, "kunit-res"), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, p),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
}

/*
 * A worldlet, world or NetPoll holds the ID of the cookie it follows: a
 * destroyed cookie's ID must not name the next cookie at once, or a
 * stale follower would steer another device's interrupt.
 */
static void vmk_intr_id_not_reused(struct kunit *test)
{
	vmk_IntrCookie old = soft_new(test, vmk_kunit_module_id), c;

	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_destroy(old), VMK_OK);
	c = soft_new(test, vmk_kunit_module_id);
	KUNIT_EXPECT_NE(test, c, old);
	KUNIT_EXPECT_LT(test, vmk_core_intr_cookie_irq(old), 0);
	KUNIT_EXPECT_FALSE(test, vmk_core_intr_steer(old, 0));
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
}

static struct kunit_case vmk_intr_cases[] = {
	KUNIT_CASE(vmk_intr_ack_ok_runs_handler),
	KUNIT_CASE(vmk_intr_ack_codes),
	KUNIT_CASE(vmk_intr_enable_disable),
	KUNIT_CASE(vmk_intr_sync_waits),
	KUNIT_CASE(vmk_intr_reentry_refused),
	KUNIT_CASE(vmk_intr_shared_line),
	KUNIT_CASE(vmk_intr_shared_owned_free),
	KUNIT_CASE(vmk_intr_raise_any_context),
	KUNIT_CASE(vmk_intr_hammer),
	KUNIT_CASE(vmk_intr_handler_steered),
	KUNIT_CASE(vmk_intr_with_all_disabled),
	KUNIT_CASE(vmk_intr_bad_arguments),
	KUNIT_CASE(vmk_intr_module_resource),
	KUNIT_CASE(vmk_intr_id_not_reused),
	{}
};

static struct kunit_suite vmk_intr_suite = {
	.name = "vmkapi_intr",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_intr_cases,
};
kunit_test_suite(vmk_intr_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API interrupts");
MODULE_LICENSE("GPL");
