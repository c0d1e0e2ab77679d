// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts: cookies, registrations, delivery and statistics.
 *
 * A cookie names a Linux irq.  All VMK registrations of a cookie share one
 * Linux threaded action whose dev_id is the cookie: its primary handler
 * asks each registrant's acknowledge in hard-IRQ context and maps the
 * answers to an irqreturn_t, its thread runs the handlers of those that
 * said VMK_OK.  Doing the sharing here rather than with one Linux action
 * per registrant keeps one interrupt thread per cookie and lets the core
 * see the whole answer, so "not this device from everybody" is counted
 * where it happens.  Two cookies on one Linux line (two devices sharing an
 * INTx pin) are two IRQF_SHARED actions.
 *
 * Where handlers run: a level-triggered (shared) line must stay masked
 * until its handlers ran, so its handlers run in the line's own Linux
 * interrupt thread (IRQF_ONESHOT).  An edge-triggered cookie (MSI, MSI-X,
 * a software source) has nothing to keep masked; its handlers run in
 * per-CPU handler threads (vmk-intr/N, SCHED_FIFO like Linux's interrupt
 * threads), and the primary picks the CPU per interrupt: the interrupted
 * CPU when it was idle, else an idle CPU of the same node, so a CPU busy
 * submitting I/O does not also pay a thread switch per completion.  A
 * cookie that follows a world or a worldlet (vmk_core_intr_steer)
 * keeps its handler where its acknowledge ran.  One run of a cookie's
 * handlers at a time: the run is owned through a bit (RUN_OWNED), and an
 * acknowledge during a run leaves RUN_PENDING for the owner to repeat.
 *
 * Enable/disable: a cookie's own flag gates its acknowledges.  A
 * non-shared line is also disabled at the irq core (requested with
 * IRQF_NO_AUTOEN, enabled on vmk_IntrEnable), so what the device raises
 * while disabled stays pending and is replayed on enable, as a masked
 * MSI-X vector would.  A shared line is never disabled for the others.
 *
 * Locking: a cookie's mutex serialises registration changes (request and
 * free of the action sleep); its spinlock covers the enable state, which
 * may change from any context.  The acknowledge path takes no lock: it
 * walks the registrations under RCU (hard IRQ is a read-side section),
 * and the thread walks them knowing that unregister waits for it
 * (synchronize_irq() or free_irq()) before freeing a registration.
 */
#include "vmkapi_core.h"

#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/refcount.h>
#include <linux/sched/clock.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smpboot.h>
#include <linux/xarray.h>
#include <trace/events/power.h>

#include "vmkapi_trace.h"

/* What the event ring records about a cookie, rate limited apiece. */
enum {
	VMK_INTR_SPURIOUS,
	VMK_INTR_BAD_ACK,
	VMK_INTR_OVER_BUDGET,
	VMK_INTR_BLOCKED,
	VMK_INTR_ANOMALIES
};

/* reg->flags bits */
#define VMK_INTR_REG_RUN		0	/* acknowledged, handler due */
#define VMK_INTR_REG_WARNED_ACK		1
#define VMK_INTR_REG_WARNED_BLOCK	2

/* cookie->run_state bits (edge-triggered cookies, per-CPU threads) */
#define VMK_INTR_RUN_OWNED		0	/* a thread runs or will run */
#define VMK_INTR_RUN_PENDING		1	/* acknowledged since it looked */

struct vmk_intr_cookie;

struct vmk_intr_reg {
	struct list_head link;		/* on cookie->regs, RCU */
	struct vmk_intr_cookie *cookie;	/* holds a reference */
	vmk_ModuleID module;
	vmk_IntrAcknowledge ack;
	vmk_IntrHandler handler;
	void *data;
	vmk_Device device;
	vmk_Name name;
	unsigned long flags;
	struct vmk_core_resource res;
};

struct vmk_intr_cookie {
	vmk_IntrCookie id;
	unsigned int irq;
	bool shared;
	vmk_ModuleID module;
	refcount_t ref;
	struct rcu_head rcu;
	/* A cookie that owns its Linux irq (a software source). */
	void (*release)(void *priv);
	void *priv;
	/* Registrations and the Linux action. */
	struct mutex mutex;
	struct list_head regs;
	unsigned int nregs;
	/*
	 * The enable state; never held across a callback.  Raw: enable
	 * and disable are callable from hard IRQ, on RT kernels too.
	 */
	raw_spinlock_t lock;
	bool enabled;		/* acknowledges are asked (read locklessly) */
	bool line_on;		/* enable_irq() done, non-shared lines */
	bool action;		/* the Linux action is installed */
	bool dead;		/* freed: no new use */
	/* The interrupt thread while it runs a handler. */
	struct task_struct *handler_task;
	/* Edge-triggered: the per-CPU handler thread queue, and its state. */
	struct llist_node run_node;
	unsigned long run_state;
	/* Handler stays on the acknowledge's CPU (vmk_core_intr_steer). */
	bool follow;
	/* The Linux action's name: fixed while the action exists. */
	char name[VMK_MISC_NAME_MAX + 4];
	struct vmk_core_intr_stats st;
	struct vmk_core_resource res;
	/* The event ring's rate limit, per anomaly: next jiffy, held back. */
	unsigned long anomaly_next[VMK_INTR_ANOMALIES];
	atomic_t anomaly_skipped[VMK_INTR_ANOMALIES];
};

/*
 * An interrupt storm (a device that keeps asserting its line) must not
 * replace a driver's whole event ring: one anomaly of each kind per
 * cookie per gap is recorded, with the number held back since the last.
 */
#define VMK_INTR_ANOMALY_GAP	(5 * HZ)

/*
 * Cookie IDs from 1: a zeroed driver field is not a live cookie.  Handed
 * out cyclically: a worldlet, world or NetPoll keeps the ID of the
 * cookie it follows, and an ID reused at once would steer another
 * device's interrupt when a driver frees a cookie without unsetting it.
 */
static DEFINE_XARRAY_ALLOC1(vmk_intr_cookies);
static u32 vmk_intr_next_id;
/* Allocation, free and the debugfs walk. */
static DEFINE_MUTEX(vmk_intr_table_mutex);
/* The cookie whose acknowledges this CPU runs, in hard IRQ. */
static DEFINE_PER_CPU(vmk_IntrCookie, vmk_intr_ack_cookie) =
	VMK_INVALID_INTRCOOKIE;
/* Handlers running now: most context queries need not look further. */
static atomic_t vmk_intr_handlers = ATOMIC_INIT(0);

/*
 * The per-CPU handler threads.  @online (under @lock) closes a queue
 * while its CPU goes down, so nothing is left behind in it.
 */
struct vmk_intr_worker {
	raw_spinlock_t lock;
	struct llist_head queue;
	bool online;
};
static DEFINE_PER_CPU(struct vmk_intr_worker, vmk_intr_workers);
static DEFINE_PER_CPU(struct task_struct *, vmk_intr_worker_task);
/*
 * Whether the CPU sits in its idle loop, and since when it has been out
 * of it (the power:cpu_idle tracepoint).
 */
static DEFINE_PER_CPU(bool, vmk_intr_cpu_idle);
static DEFINE_PER_CPU(u64, vmk_intr_busy_since);

/* How many CPUs of the node the primary looks at for an idle one. */
#define VMK_INTR_STEER_SCAN	16

static bool vmk_intr_steer_handlers = true;
module_param_named(intr_steer, vmk_intr_steer_handlers, bool, 0644);
MODULE_PARM_DESC(intr_steer,
		 "run an edge-triggered interrupt's handler on an idle CPU when the interrupted one is busy (default on; off: always on the interrupted CPU, for comparison)");

/*
 * Busy means busy for a while: a CPU that left its idle loop a moment
 * ago (a thread that submitted one request and is about to wait for it)
 * is better served locally, where the completion wakes the waiter.
 */
static unsigned int vmk_intr_steer_busy_us = 1000;
module_param_named(intr_steer_busy_us, vmk_intr_steer_busy_us, uint, 0644);
MODULE_PARM_DESC(intr_steer_busy_us,
		 "how long (us) the interrupted CPU must have been out of its idle loop before a handler is steered away from it (default 1000)");

/* Single writer per field (the line's primary, or its one thread). */
#define vmk_intr_inc(field)	WRITE_ONCE(field, (field) + 1)

/* Any context but NMI: hard IRQ (acknowledge) or the handler thread. */
static __printf(5, 6) void vmk_intr_anomaly(struct vmk_intr_cookie *c,
					    int what, vmk_ModuleID module,
					    VMK_ReturnStatus status,
					    const char *fmt, ...)
{
	unsigned long next = READ_ONCE(c->anomaly_next[what]);
	char object[32], text[64];
	va_list args;

	if (time_before(jiffies, next) ||
	    cmpxchg(&c->anomaly_next[what], next,
		    jiffies + VMK_INTR_ANOMALY_GAP) != next) {
		atomic_inc(&c->anomaly_skipped[what]);
		return;
	}
	va_start(args, fmt);
	vsnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	snprintf(object, sizeof(object), "cookie %u irq %u", c->id, c->irq);
	vmk_core_event_record(module, VMKAPI_EVENT_INTR_ANOMALY, status, object,
			      "%s (%d more since)", text,
			      atomic_xchg(&c->anomaly_skipped[what], 0));
}

static void vmk_intr_hist_add(u64 *hist, u64 ns)
{
	unsigned int b = min_t(unsigned int, fls64(ns),
			       VMK_CORE_INTR_HIST_BUCKETS - 1);

	vmk_intr_inc(hist[b]);
}

static struct vmk_intr_cookie *vmk_intr_get(vmk_IntrCookie id)
{
	struct vmk_intr_cookie *c;

	rcu_read_lock();
	c = xa_load(&vmk_intr_cookies, id);
	if (c && !refcount_inc_not_zero(&c->ref))
		c = NULL;
	rcu_read_unlock();
	return c;
}

static void vmk_intr_put(struct vmk_intr_cookie *c)
{
	if (refcount_dec_and_test(&c->ref))
		kfree_rcu(c, rcu);
}

static void vmk_intr_idle_probe(void *unused, unsigned int state,
				unsigned int cpu)
{
	bool idle = state != PWR_EVENT_EXIT;

	/*
	 * Called on the CPU itself, in its idle loop.  The value goes in
	 * plain: x86's one-byte per-CPU write casts its argument without
	 * parentheses, so "state != PWR_EVENT_EXIT" written there became
	 * "state != (PWR_EVENT_EXIT & 0xff)", true on the way out too.
	 */
	__this_cpu_write(vmk_intr_cpu_idle, idle);
	if (!idle)
		__this_cpu_write(vmk_intr_busy_since, local_clock());
}

/* Hard IRQ: the CPU that should run @c's handlers for this interrupt. */
static int vmk_intr_handler_cpu(struct vmk_intr_cookie *c)
{
	int here = smp_processor_id(), cpu, looked = 0;

	/* current is the interrupted task. */
	if (is_idle_task(current) || READ_ONCE(c->follow) ||
	    !READ_ONCE(vmk_intr_steer_handlers) ||
	    local_clock() - __this_cpu_read(vmk_intr_busy_since) <
	    READ_ONCE(vmk_intr_steer_busy_us) * NSEC_PER_USEC)
		return here;
	for_each_cpu_wrap(cpu, cpumask_of_node(cpu_to_node(here)),
			  (here + 1) % nr_cpu_ids) {
		if (cpu == here || ++looked > VMK_INTR_STEER_SCAN)
			break;
		if (cpu_online(cpu) && per_cpu(vmk_intr_cpu_idle, cpu))
			return cpu;
	}
	return here;
}

/* Hard IRQ: hand @c to @cpu's handler thread; false if it is parked. */
static bool vmk_intr_worker_queue(struct vmk_intr_cookie *c, int cpu)
{
	struct vmk_intr_worker *w = per_cpu_ptr(&vmk_intr_workers, cpu);
	bool queued;

	raw_spin_lock(&w->lock);
	queued = w->online;
	if (queued && llist_add(&c->run_node, &w->queue))
		wake_up_process(per_cpu(vmk_intr_worker_task, cpu));
	raw_spin_unlock(&w->lock);
	return queued;
}

/* Hard IRQ: an acknowledge said VMK_OK; have the handlers run once. */
static void vmk_intr_queue_run(struct vmk_intr_cookie *c)
{
	int here = smp_processor_id(), cpu;

	/* Ordered after the registrations' RUN bits by the test_and_set. */
	set_bit(VMK_INTR_RUN_PENDING, &c->run_state);
	if (test_and_set_bit(VMK_INTR_RUN_OWNED, &c->run_state))
		return;		/* the owner repeats its run */
	/* The owner's reference: the cookie outlives its last run. */
	refcount_inc(&c->ref);
	cpu = vmk_intr_handler_cpu(c);
	if (cpu != here && vmk_intr_worker_queue(c, cpu)) {
		vmk_intr_inc(c->st.handler_steered);
		return;
	}
	if (vmk_intr_worker_queue(c, here))
		return;
	/* This CPU is going down: its thread is parked already. */
	for_each_online_cpu(cpu)
		if (cpu != here && vmk_intr_worker_queue(c, cpu))
			return;
	WARN_ONCE(1, "vmkapi: cookie %u: no CPU to run its handler\n", c->id);
	clear_bit(VMK_INTR_RUN_OWNED, &c->run_state);
	refcount_dec(&c->ref);	/* the table's reference remains */
}

/* Hard IRQ: ask every registrant, tell Linux what the answers mean. */
static irqreturn_t vmk_intr_primary(int irq, void *dev_id)
{
	struct vmk_intr_cookie *c = dev_id;
	struct vmk_core_intr_stats *st = &c->st;
	struct vmk_intr_reg *reg;
	bool wake = false, claimed = false;
	VMK_ReturnStatus status;
	vmk_IntrCookie outer;
	u64 t0, ns;

	if (!READ_ONCE(c->enabled)) {
		vmk_intr_inc(st->gated);
		return IRQ_NONE;
	}
	outer = __this_cpu_read(vmk_intr_ack_cookie);
	__this_cpu_write(vmk_intr_ack_cookie, c->id);
	list_for_each_entry_rcu(reg, &c->regs, link) {
		t0 = local_clock();
		status = reg->ack(reg->data, c->id);
		ns = local_clock() - t0;
		trace_intr_ack(c->id, c->irq, reg->module, reg->name.string,
			       ns, status);
		vmk_intr_inc(st->acks);
		vmk_intr_hist_add(st->ack_ns, ns);
		if (ns > VMK_CORE_INTR_ACK_BUDGET_NS) {
			vmk_intr_inc(st->ack_over_budget);
			vmk_intr_anomaly(c, VMK_INTR_OVER_BUDGET, reg->module,
					 VMK_OK, "%s: acknowledge took %llu ns",
					 reg->name.string, ns);
		}
		if (status == VMK_OK) {
			set_bit(VMK_INTR_REG_RUN, &reg->flags);
			wake = true;
		} else if (status != VMK_NOT_THIS_DEVICE) {
			claimed = true;
			if (status != VMK_IGNORE) {
				vmk_intr_inc(st->bad_ack);
				vmk_intr_anomaly(c, VMK_INTR_BAD_ACK,
						 reg->module, status,
						 "%s: bad acknowledge",
						 reg->name.string);
				if (!test_and_set_bit(VMK_INTR_REG_WARNED_ACK,
						      &reg->flags))
					pr_warn("cookie %u: acknowledge %ps of %s returned %s; treated as handled\n",
						c->id, reg->ack,
						reg->name.string,
						vmk_StatusToString(status));
			}
		}
	}
	__this_cpu_write(vmk_intr_ack_cookie, outer);

	vmk_intr_inc(st->count);
	if (wake) {
		vmk_intr_inc(st->woken);
		if (c->shared)
			return IRQ_WAKE_THREAD;
		vmk_intr_queue_run(c);
		return IRQ_HANDLED;
	}
	if (claimed) {
		vmk_intr_inc(st->ignored);
		return IRQ_HANDLED;
	}
	vmk_intr_inc(st->spurious);
	vmk_intr_anomaly(c, VMK_INTR_SPURIOUS, c->module, VMK_NOT_THIS_DEVICE,
			 "spurious: no registrant claimed it");
	return IRQ_NONE;
}

static void vmk_intr_run_handler(struct vmk_intr_cookie *c,
				 struct vmk_intr_reg *reg)
{
	unsigned long nvcsw = current->nvcsw;
	bool blocked;
	u64 t0, ns;

	WRITE_ONCE(c->handler_task, current);
	atomic_inc(&vmk_intr_handlers);
	t0 = local_clock();
	reg->handler(reg->data, c->id);
	ns = local_clock() - t0;
	atomic_dec(&vmk_intr_handlers);
	WRITE_ONCE(c->handler_task, NULL);

	/*
	 * Preemption and a spinning lock are involuntary switches; a
	 * voluntary one means the handler slept, which the contract
	 * forbids (on ESXi it would stall the interrupt).
	 */
	blocked = current->nvcsw != nvcsw;
	trace_intr_handler(c->id, c->irq, reg->module, reg->name.string, ns,
			   blocked);
	vmk_intr_inc(c->st.handler_runs);
	vmk_intr_hist_add(c->st.handler_ns, ns);
	if (blocked) {
		vmk_intr_inc(c->st.handler_blocked);
		vmk_intr_anomaly(c, VMK_INTR_BLOCKED, reg->module, VMK_OK,
				 "%s: handler blocked", reg->name.string);
		if (!test_and_set_bit(VMK_INTR_REG_WARNED_BLOCK, &reg->flags))
			pr_warn("cookie %u: interrupt handler %ps of %s blocked; handlers must not block\n",
				c->id, reg->handler, reg->name.string);
	}
}

/* The interrupt world: handlers of the registrants that said VMK_OK. */
static void vmk_intr_run_handlers(struct vmk_intr_cookie *c)
{
	struct vmk_intr_reg *reg;

	/* No RCU section: handlers may be preempted; unregister waits. */
	list_for_each_entry_rcu(reg, &c->regs, link, true)
		if (test_and_clear_bit(VMK_INTR_REG_RUN, &reg->flags))
			vmk_intr_run_handler(c, reg);
}

/* A level-triggered line's own Linux interrupt thread. */
static irqreturn_t vmk_intr_thread(int irq, void *dev_id)
{
	vmk_intr_run_handlers(dev_id);
	return IRQ_HANDLED;
}

/*
 * A per-CPU handler thread owns @c's run: repeat it while acknowledges
 * came in meanwhile, then give ownership (and its reference) back.
 */
static void vmk_intr_run_owned(struct vmk_intr_cookie *c)
{
	do {
		clear_bit(VMK_INTR_RUN_PENDING, &c->run_state);
		/* Pairs with the primary's test_and_set: RUN bits seen. */
		smp_mb__after_atomic();
		vmk_intr_run_handlers(c);
		/* Past here only @c itself: unregister may free a reg. */
		clear_bit_unlock(VMK_INTR_RUN_OWNED, &c->run_state);
		/*
		 * A primary either sees OWNED clear and queues a run of its
		 * own, or set PENDING before we look at it here.
		 */
		smp_mb__after_atomic();
	} while (test_bit(VMK_INTR_RUN_PENDING, &c->run_state) &&
		 !test_and_set_bit(VMK_INTR_RUN_OWNED, &c->run_state));
	wake_up_var(&c->run_state);
	vmk_intr_put(c);
}

/* Wait until no per-CPU thread owns a run of @c.  May block. */
static void vmk_intr_wait_runs(struct vmk_intr_cookie *c)
{
	/* A registration removed before is out of any later run. */
	smp_mb();
	wait_var_event(&c->run_state,
		       !test_bit(VMK_INTR_RUN_OWNED, &c->run_state));
}

static void vmk_intr_worker_drain(struct llist_node *list)
{
	struct vmk_intr_cookie *c, *next;

	/* @next first: a finished run may be queued again elsewhere. */
	llist_for_each_entry_safe(c, next, llist_reverse_order(list),
				  run_node)
		vmk_intr_run_owned(c);
}

static int vmk_intr_worker_should_run(unsigned int cpu)
{
	return !llist_empty(&per_cpu_ptr(&vmk_intr_workers, cpu)->queue);
}

static void vmk_intr_worker_fn(unsigned int cpu)
{
	vmk_intr_worker_drain(llist_del_all(&per_cpu_ptr(&vmk_intr_workers,
							 cpu)->queue));
}

static void vmk_intr_worker_set_online(unsigned int cpu, bool online)
{
	struct vmk_intr_worker *w = per_cpu_ptr(&vmk_intr_workers, cpu);

	raw_spin_lock_irq(&w->lock);
	w->online = online;
	raw_spin_unlock_irq(&w->lock);
}

static void vmk_intr_worker_setup(unsigned int cpu)
{
	/* The priority of Linux's interrupt threads. */
	sched_set_fifo(current);
	vmk_intr_worker_set_online(cpu, true);
}

/* The CPU goes down: close the queue, run what is in it here. */
static void vmk_intr_worker_park(unsigned int cpu)
{
	vmk_intr_worker_set_online(cpu, false);
	vmk_intr_worker_fn(cpu);
}

static void vmk_intr_worker_unpark(unsigned int cpu)
{
	vmk_intr_worker_set_online(cpu, true);
}

static struct smp_hotplug_thread vmk_intr_workers_desc = {
	.store = &vmk_intr_worker_task,
	.thread_should_run = vmk_intr_worker_should_run,
	.thread_fn = vmk_intr_worker_fn,
	.setup = vmk_intr_worker_setup,
	.park = vmk_intr_worker_park,
	.unpark = vmk_intr_worker_unpark,
	.thread_comm = "vmk-intr/%u",
};

int vmk_core_intr_init(void)
{
	int cpu, ret;

	for_each_possible_cpu(cpu) {
		struct vmk_intr_worker *w = per_cpu_ptr(&vmk_intr_workers, cpu);

		raw_spin_lock_init(&w->lock);
		init_llist_head(&w->queue);
	}
	/* Queued before a thread first runs: it finds the work then. */
	for_each_online_cpu(cpu)
		per_cpu_ptr(&vmk_intr_workers, cpu)->online = true;
	ret = smpboot_register_percpu_thread(&vmk_intr_workers_desc);
	if (ret)
		goto err_offline;
	ret = register_trace_cpu_idle(vmk_intr_idle_probe, NULL);
	if (ret)
		goto err_threads;
	return 0;
err_threads:
	smpboot_unregister_percpu_thread(&vmk_intr_workers_desc);
err_offline:
	for_each_possible_cpu(cpu)
		per_cpu_ptr(&vmk_intr_workers, cpu)->online = false;
	return ret;
}

void vmk_core_intr_exit(void)
{
	/* Every cookie is gone: no run is queued any more. */
	unregister_trace_cpu_idle(vmk_intr_idle_probe, NULL);
	tracepoint_synchronize_unregister();
	smpboot_unregister_percpu_thread(&vmk_intr_workers_desc);
}

/*
 * Waiting for a line from one of its own interrupt threads would wait
 * for itself, and a handler of another line must not block anyway: the
 * calls that wait refuse every handler.
 */
static bool vmk_intr_in_handler(const char *api, unsigned long caller)
{
	vmk_IntrCookie running;

	if (!in_task() || !vmk_core_intr_current(&running))
		return false;
	vmk_core_bad_arg_api(api, caller,
			     "called from the handler of cookie %u", running);
	return true;
}

/* Any context but NMI (the calls that take a spinlock). */
#define vmk_intr_assert_not_nmi()					\
	do {								\
		if (vmk_core_debug_checks())				\
			WARN_ON_ONCE(in_nmi());				\
	} while (0)

bool vmk_core_intr_current(vmk_IntrCookie *cookie)
{
	struct vmk_intr_cookie *c;
	vmk_IntrCookie id = VMK_INVALID_INTRCOOKIE;
	unsigned long index;

	if (in_nmi())
		return false;
	if (in_hardirq()) {
		id = __this_cpu_read(vmk_intr_ack_cookie);
	} else if (in_task() && atomic_read(&vmk_intr_handlers)) {
		rcu_read_lock();
		xa_for_each(&vmk_intr_cookies, index, c) {
			if (READ_ONCE(c->handler_task) == current) {
				id = c->id;
				break;
			}
		}
		rcu_read_unlock();
	}
	if (cookie)
		*cookie = id;
	return id != VMK_INVALID_INTRCOOKIE;
}

/*
 * Remove @reg and wait until no callback of it runs.  Caller holds
 * c->mutex; @reg is freed by the caller afterwards.
 */
static void vmk_intr_unregister_locked(struct vmk_intr_cookie *c,
				       struct vmk_intr_reg *reg)
{
	unsigned long flags;

	lockdep_assert_held(&c->mutex);
	list_del_rcu(&reg->link);
	if (--c->nregs) {
		/* Hard IRQ and thread both finish before this returns. */
		synchronize_irq(c->irq);
	} else {
		raw_spin_lock_irqsave(&c->lock, flags);
		c->action = false;
		c->line_on = false;
		raw_spin_unlock_irqrestore(&c->lock, flags);
		free_irq(c->irq, c);
	}
	/* No acknowledge runs now: wait for the run it may have queued. */
	vmk_intr_wait_runs(c);
	vmk_core_resource_del(&reg->res);
}

static void vmk_intr_reg_free(struct vmk_intr_reg *reg)
{
	vmk_intr_put(reg->cookie);
	kfree(reg);
}

static void vmk_intr_reg_describe(struct vmk_core_resource *res, char *buf,
				  size_t len)
{
	struct vmk_intr_reg *reg = container_of(res, struct vmk_intr_reg, res);

	snprintf(buf, len, "%s on cookie %u (irq %u), handler %ps",
		 reg->name.string, reg->cookie->id, reg->cookie->irq,
		 reg->handler);
}

static void vmk_intr_reg_reclaim(struct vmk_core_resource *res)
{
	struct vmk_intr_reg *reg = container_of(res, struct vmk_intr_reg, res);
	struct vmk_intr_cookie *c = reg->cookie;

	mutex_lock(&c->mutex);
	vmk_intr_unregister_locked(c, reg);
	mutex_unlock(&c->mutex);
	vmk_intr_reg_free(reg);
}

static const struct vmk_core_resource_type vmk_intr_reg_type = {
	.kind = "interrupt handler",
	.describe = vmk_intr_reg_describe,
	.reclaim = vmk_intr_reg_reclaim,
};

static struct vmk_intr_reg *vmk_intr_find(struct vmk_intr_cookie *c,
					  vmk_ModuleID module, void *data)
{
	struct vmk_intr_reg *reg;

	list_for_each_entry(reg, &c->regs, link)
		if (reg->data == data &&
		    (module == VMK_INVALID_MODULE_ID || reg->module == module))
			return reg;
	return NULL;
}

/* Install the Linux action for the first registration.  Holds c->mutex. */
static int vmk_intr_request(struct vmk_intr_cookie *c, const vmk_Name *name)
{
	unsigned long flags;
	int ret;

	snprintf(c->name, sizeof(c->name), "vmk-%s", name->string);
	/*
	 * ONESHOT keeps a level line masked until its thread ran the
	 * handlers.  Edge-triggered cookies have no thread of their own (the
	 * per-CPU ones run their handlers); they start disabled, and
	 * vmk_IntrEnable enables them.
	 */
	if (c->shared)
		ret = request_threaded_irq(c->irq, vmk_intr_primary,
					   vmk_intr_thread,
					   IRQF_ONESHOT | IRQF_SHARED,
					   c->name, c);
	else
		ret = request_irq(c->irq, vmk_intr_primary, IRQF_NO_AUTOEN,
				  c->name, c);
	if (ret)
		return ret;
	raw_spin_lock_irqsave(&c->lock, flags);
	c->action = true;
	if (!c->shared && c->enabled) {
		c->line_on = true;
		enable_irq(c->irq);
	}
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

VMK_ReturnStatus vmk_IntrRegister(vmk_ModuleID moduleID,
				  vmk_IntrCookie intrCookie,
				  vmk_IntrProps *props)
{
	struct vmk_intr_cookie *c;
	struct vmk_intr_reg *reg;
	VMK_ReturnStatus status;
	int ret;

	vmk_core_assert_may_block();
	if (vmk_intr_in_handler(__func__, _RET_IP_))
		return VMK_BAD_PARAM;
	if (!props || !props->acknowledgeInterrupt || !props->handler) {
		vmk_core_bad_arg("cookie %u: props %p without both callbacks",
				 intrCookie, props);
		return VMK_BAD_PARAM;
	}
	if (props->attrs & ~(vmk_uint64)VMK_INTR_ATTRS_ENTROPY_SOURCE) {
		vmk_core_bad_arg("cookie %u: unknown attrs %#llx", intrCookie,
				 (unsigned long long)props->attrs);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_module_is_registered(moduleID)) {
		vmk_core_bad_arg("module %d is not registered", moduleID);
		return VMK_BAD_PARAM;
	}
	c = vmk_intr_get(intrCookie);
	if (!c) {
		vmk_core_bad_arg("cookie %u is not live", intrCookie);
		return VMK_BAD_PARAM;
	}
	if (c->shared && !props->handlerData) {
		vmk_core_bad_arg("cookie %u is shared: handlerData is required",
				 intrCookie);
		vmk_intr_put(c);
		return VMK_BAD_PARAM;
	}
	reg = kzalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg) {
		vmk_intr_put(c);
		return VMK_NO_MEMORY;
	}
	reg->cookie = c;
	reg->module = moduleID;
	reg->ack = props->acknowledgeInterrupt;
	reg->handler = props->handler;
	reg->data = props->handlerData;
	reg->device = props->device;
	vmk_NameCopy(&reg->name, &props->deviceName);

	mutex_lock(&c->mutex);
	if (c->dead) {
		status = VMK_BAD_PARAM;
		vmk_core_bad_arg("cookie %u is being freed", intrCookie);
	} else if (vmk_intr_find(c, VMK_INVALID_MODULE_ID, reg->data)) {
		status = VMK_EXISTS;
		vmk_core_bad_arg("cookie %u: handlerData %p is registered already",
				 intrCookie, reg->data);
	} else if (!c->shared && c->nregs) {
		status = VMK_BUSY;
		vmk_core_bad_arg("cookie %u is not shared and has a handler",
				 intrCookie);
	} else {
		status = vmk_core_resource_add(&reg->res, &vmk_intr_reg_type,
					       moduleID);
		if (status != VMK_OK)
			status = VMK_BAD_PARAM;
	}
	if (status != VMK_OK)
		goto unlock;

	/* Listed first: a shared line may fire as soon as it is requested. */
	list_add_tail_rcu(&reg->link, &c->regs);
	c->nregs++;
	if (c->nregs == 1) {
		ret = vmk_intr_request(c, &reg->name);
		if (ret) {
			/* No action was installed: nobody saw @reg. */
			list_del(&reg->link);
			c->nregs--;
			vmk_core_resource_del(&reg->res);
			pr_warn("cookie %u: irq %u refused (%d)\n", intrCookie,
				c->irq, ret);
			status = VMK_FAILURE;
		}
	}
unlock:
	mutex_unlock(&c->mutex);
	if (status != VMK_OK)
		vmk_intr_reg_free(reg);
	return status;
}
VMKAPI_EXPORT(vmk_IntrRegister);

VMK_ReturnStatus vmk_IntrUnregister(vmk_ModuleID moduleID,
				    vmk_IntrCookie intrCookie,
				    void *handlerData)
{
	struct vmk_intr_cookie *c;
	struct vmk_intr_reg *reg;

	vmk_core_assert_may_block();
	if (vmk_intr_in_handler(__func__, _RET_IP_))
		return VMK_BAD_PARAM;
	if (!vmk_core_module_is_registered(moduleID)) {
		vmk_core_bad_arg("module %d is not registered", moduleID);
		return VMK_BAD_PARAM;
	}
	c = vmk_intr_get(intrCookie);
	if (!c) {
		vmk_core_bad_arg("cookie %u is not live", intrCookie);
		return VMK_BAD_PARAM;
	}
	if (c->shared && !handlerData) {
		vmk_core_bad_arg("cookie %u is shared: handlerData is required",
				 intrCookie);
		vmk_intr_put(c);
		return VMK_BAD_PARAM;
	}
	mutex_lock(&c->mutex);
	reg = vmk_intr_find(c, moduleID, handlerData);
	if (reg)
		vmk_intr_unregister_locked(c, reg);
	mutex_unlock(&c->mutex);
	vmk_intr_put(c);
	if (!reg) {
		vmk_core_bad_arg("cookie %u: module %d has no handler with data %p",
				 intrCookie, moduleID, handlerData);
		return VMK_FAILURE;
	}
	vmk_intr_reg_free(reg);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_IntrUnregister);

VMK_ReturnStatus vmk_IntrEnable(vmk_IntrCookie intrCookie)
{
	struct vmk_intr_cookie *c;
	VMK_ReturnStatus status = VMK_OK;
	unsigned long flags;

	vmk_intr_assert_not_nmi();
	c = vmk_intr_get(intrCookie);
	if (!c) {
		vmk_core_bad_arg("cookie %u is not live", intrCookie);
		return VMK_BAD_PARAM;
	}
	raw_spin_lock_irqsave(&c->lock, flags);
	if (c->dead) {
		status = VMK_BAD_PARAM;
	} else {
		/* Open the gate first: a replayed interrupt finds it open. */
		WRITE_ONCE(c->enabled, true);
		if (!c->shared && c->action && !c->line_on) {
			c->line_on = true;
			enable_irq(c->irq);
		}
	}
	raw_spin_unlock_irqrestore(&c->lock, flags);
	vmk_intr_put(c);
	return status;
}
VMKAPI_EXPORT(vmk_IntrEnable);

VMK_ReturnStatus vmk_IntrDisable(vmk_IntrCookie intrCookie)
{
	struct vmk_intr_cookie *c;
	VMK_ReturnStatus status = VMK_OK;
	unsigned long flags;

	vmk_intr_assert_not_nmi();
	c = vmk_intr_get(intrCookie);
	if (!c) {
		vmk_core_bad_arg("cookie %u is not live", intrCookie);
		return VMK_BAD_PARAM;
	}
	raw_spin_lock_irqsave(&c->lock, flags);
	if (c->dead) {
		status = VMK_BAD_PARAM;
	} else {
		WRITE_ONCE(c->enabled, false);
		if (c->line_on) {
			c->line_on = false;
			/* The _nosync variant: callable from the handler. */
			disable_irq_nosync(c->irq);
		}
	}
	raw_spin_unlock_irqrestore(&c->lock, flags);
	vmk_intr_put(c);
	return status;
}
VMKAPI_EXPORT(vmk_IntrDisable);

VMK_ReturnStatus vmk_IntrSync(vmk_IntrCookie intrCookie)
{
	struct vmk_intr_cookie *c;

	vmk_core_assert_may_block();
	if (vmk_intr_in_handler(__func__, _RET_IP_))
		return VMK_BAD_PARAM;
	c = vmk_intr_get(intrCookie);
	if (!c) {
		vmk_core_bad_arg("cookie %u is not live", intrCookie);
		return VMK_BAD_PARAM;
	}
	/* Waits for the thread too, even one woken but not yet running. */
	if (READ_ONCE(c->action))
		synchronize_irq(c->irq);
	vmk_intr_wait_runs(c);
	vmk_intr_put(c);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_IntrSync);

VMK_ReturnStatus vmk_IntrWithAllDisabledInvoke(vmk_ModuleID moduleID,
					       vmk_IntrDisabledFunc func,
					       vmk_AddrCookie data)
{
	unsigned long flags;

	vmk_intr_assert_not_nmi();
	if (!func || !vmk_core_module_is_registered(moduleID)) {
		vmk_core_bad_arg("module %d func %p", moduleID, func);
		return VMK_BAD_PARAM;
	}
	local_irq_save(flags);
	func(data);
	local_irq_restore(flags);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_IntrWithAllDisabledInvoke);

/* Another live cookie on @c's Linux irq?  Holds vmk_intr_table_mutex. */
static bool vmk_intr_line_used(struct vmk_intr_cookie *c)
{
	struct vmk_intr_cookie *other;
	unsigned long index;

	xa_for_each(&vmk_intr_cookies, index, other)
		if (other != c && other->irq == c->irq)
			return true;
	return false;
}

/* @c is dead: unpublish it, give its line back, drop the table's ref. */
static void vmk_intr_cookie_teardown(struct vmk_intr_cookie *c)
{
	mutex_lock(&vmk_intr_table_mutex);
	xa_erase(&vmk_intr_cookies, c->id);
	mutex_unlock(&vmk_intr_table_mutex);
	vmk_core_resource_del(&c->res);
	if (c->release)
		c->release(c->priv);
	vmk_intr_put(c);
}

static void vmk_intr_mark_dead(struct vmk_intr_cookie *c)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&c->lock, flags);
	c->dead = true;
	WRITE_ONCE(c->enabled, false);
	raw_spin_unlock_irqrestore(&c->lock, flags);
}

static void vmk_intr_cookie_describe(struct vmk_core_resource *res,
				     char *buf, size_t len)
{
	struct vmk_intr_cookie *c = container_of(res, struct vmk_intr_cookie,
						 res);

	snprintf(buf, len, "%u (irq %u%s, %u handler(s))", c->id, c->irq,
		 c->shared ? ", shared" : "", READ_ONCE(c->nregs));
}

/*
 * Free @c with whatever is still registered on it (handlers of other
 * modules too); false if it was freed already.
 */
static bool vmk_intr_cookie_kill(struct vmk_intr_cookie *c)
{
	struct vmk_intr_reg *reg;

	mutex_lock(&c->mutex);
	if (c->dead) {
		mutex_unlock(&c->mutex);
		return false;
	}
	vmk_intr_mark_dead(c);
	while ((reg = list_first_entry_or_null(&c->regs, struct vmk_intr_reg,
					       link))) {
		pr_warn("cookie %u: unregistering %s of module %d\n", c->id,
			reg->name.string, reg->module);
		vmk_intr_unregister_locked(c, reg);
		vmk_intr_reg_free(reg);
	}
	mutex_unlock(&c->mutex);
	vmk_intr_cookie_teardown(c);
	return true;
}

/* The owner left. */
static void vmk_intr_cookie_reclaim(struct vmk_core_resource *res)
{
	vmk_intr_cookie_kill(container_of(res, struct vmk_intr_cookie, res));
}

static const struct vmk_core_resource_type vmk_intr_cookie_type = {
	.kind = "interrupt cookie",
	.describe = vmk_intr_cookie_describe,
	.reclaim = vmk_intr_cookie_reclaim,
};

VMK_ReturnStatus vmk_core_intr_cookie_alloc_owned(vmk_ModuleID module,
						  unsigned int linux_irq,
						  bool level_shared,
						  void (*release)(void *priv),
						  void *priv,
						  vmk_IntrCookie *out)
{
	struct vmk_intr_cookie *c;
	VMK_ReturnStatus status;
	int i;
	u32 id;

	might_sleep();
	if (!out || !linux_irq) {
		vmk_core_bad_arg("out %p irq %u", out, linux_irq);
		return VMK_BAD_PARAM;
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return VMK_NO_MEMORY;
	c->irq = linux_irq;
	c->shared = level_shared;
	c->module = module;
	c->release = release;
	c->priv = priv;
	for (i = 0; i < VMK_INTR_ANOMALIES; i++)
		c->anomaly_next[i] = jiffies;
	refcount_set(&c->ref, 1);
	mutex_init(&c->mutex);
	INIT_LIST_HEAD(&c->regs);
	raw_spin_lock_init(&c->lock);

	mutex_lock(&vmk_intr_table_mutex);
	/* Reserve the ID, publish the cookie once it is complete. */
	if (xa_alloc_cyclic(&vmk_intr_cookies, &id, NULL,
			    XA_LIMIT(1, VMK_INVALID_INTRCOOKIE - 1),
			    &vmk_intr_next_id, GFP_KERNEL) < 0) {
		mutex_unlock(&vmk_intr_table_mutex);
		kfree(c);
		return VMK_NO_RESOURCES;
	}
	c->id = id;
	status = vmk_core_resource_add(&c->res, &vmk_intr_cookie_type, module);
	if (status == VMK_OK)
		xa_store(&vmk_intr_cookies, id, c, GFP_KERNEL);
	else
		xa_erase(&vmk_intr_cookies, id);
	mutex_unlock(&vmk_intr_table_mutex);
	if (status != VMK_OK) {
		vmk_core_bad_arg("module %d is not registered", module);
		kfree(c);
		return VMK_BAD_PARAM;
	}
	*out = id;
	return VMK_OK;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_cookie_alloc_owned, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_intr_cookie_alloc(vmk_ModuleID module,
					    unsigned int linux_irq,
					    bool level_shared,
					    vmk_IntrCookie *out)
{
	return vmk_core_intr_cookie_alloc_owned(module, linux_irq,
						level_shared, NULL, NULL, out);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_cookie_alloc, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_intr_cookie_free(vmk_IntrCookie cookie)
{
	struct vmk_intr_cookie *c;
	VMK_ReturnStatus status = VMK_OK;

	might_sleep();
	c = vmk_intr_get(cookie);
	if (!c) {
		vmk_core_bad_arg("cookie %u is not live", cookie);
		return VMK_BAD_PARAM;
	}
	mutex_lock(&vmk_intr_table_mutex);
	mutex_lock(&c->mutex);
	if (c->dead)
		status = VMK_BAD_PARAM;
	/*
	 * An owned cookie's release gives its line back, which would pull it
	 * from under another cookie on the same line - except on a shared
	 * level-triggered line (INTx), where each cookie's release gives back
	 * only its own device's vector and the line stays with the others.
	 */
	else if (c->nregs ||
		 (c->release && !c->shared && vmk_intr_line_used(c)))
		status = VMK_BUSY;
	else
		vmk_intr_mark_dead(c);
	mutex_unlock(&c->mutex);
	mutex_unlock(&vmk_intr_table_mutex);
	if (status == VMK_OK)
		vmk_intr_cookie_teardown(c);
	else
		vmk_core_bad_arg("cookie %u: %s", cookie,
				 status == VMK_BUSY ? "still in use" :
				 "being freed");
	vmk_intr_put(c);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_cookie_free, VMKAPI_INTERNAL);

/*
 * The bus layer taking a cookie back from a driver that was detached
 * with handlers still registered: the module-unload reclaim, for one
 * cookie, unless somebody freed it meanwhile.
 */
VMK_ReturnStatus vmk_core_intr_cookie_reclaim(vmk_IntrCookie cookie)
{
	struct vmk_intr_cookie *c;
	bool killed;

	might_sleep();
	c = vmk_intr_get(cookie);
	if (!c)
		return VMK_BAD_PARAM;
	killed = vmk_intr_cookie_kill(c);
	vmk_intr_put(c);
	return killed ? VMK_OK : VMK_BAD_PARAM;
}

int vmk_core_intr_cookie_irq(vmk_IntrCookie cookie)
{
	struct vmk_intr_cookie *c;
	int irq = -EINVAL;

	rcu_read_lock();
	c = xa_load(&vmk_intr_cookies, cookie);
	if (c)
		irq = c->irq;
	rcu_read_unlock();
	return irq;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_cookie_irq, VMKAPI_INTERNAL);

bool vmk_core_intr_steer(vmk_IntrCookie cookie, int cpu)
{
	struct vmk_intr_cookie *c = vmk_intr_get(cookie);
	unsigned long flags;
	bool steered = false;

	if (!c)
		return false;
	/*
	 * Only a live cookie, and under its lock: the free marks it dead
	 * under the same lock before its teardown gives the vectors back,
	 * after which their irq number may belong to another device.  The
	 * affinity calls take only raw spinlocks, so this still never
	 * blocks.
	 */
	raw_spin_lock_irqsave(&c->lock, flags);
	if (!c->dead) {
		/* The handler stays with the acknowledge, on the CPU followed. */
		WRITE_ONCE(c->follow, cpu >= 0);
		if (cpu >= 0) {
			steered = !irq_set_affinity_and_hint(c->irq,
							     cpumask_of(cpu));
		} else {
			/* Free to go anywhere again, no hint for irqbalance. */
			irq_set_affinity_and_hint(c->irq, NULL);
			steered = !irq_set_affinity(c->irq, cpu_online_mask);
		}
	}
	raw_spin_unlock_irqrestore(&c->lock, flags);
	vmk_intr_put(c);
	return steered;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_steer, VMKAPI_INTERNAL);

void *vmk_core_intr_cookie_priv(vmk_IntrCookie cookie,
				void (*release)(void *priv))
{
	struct vmk_intr_cookie *c = xa_load(&vmk_intr_cookies, cookie);

	return c && c->release == release ? c->priv : NULL;
}

int vmk_core_intr_stats(vmk_IntrCookie cookie,
			struct vmk_core_intr_stats *stats)
{
	struct vmk_intr_cookie *c;
	int ret = -EINVAL;

	rcu_read_lock();
	c = xa_load(&vmk_intr_cookies, cookie);
	if (c) {
		/* Counters are words written whole: a torn copy is not. */
		memcpy(stats, &c->st, sizeof(*stats));
		ret = 0;
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_stats, VMKAPI_INTERNAL);

/*
 * For the management plane (genl.c): the live cookie with the lowest ID
 * >= @from (a dump resumes after the last one it sent).  Never blocks.
 */
int vmk_core_intr_next(vmk_IntrCookie from, struct vmk_core_intr_info *info)
{
	struct vmk_intr_cookie *c;
	unsigned long index = from;
	int ret = -ENOENT;

	rcu_read_lock();
	c = xa_find(&vmk_intr_cookies, &index, ULONG_MAX, XA_PRESENT);
	if (c) {
		info->cookie = c->id;
		info->irq = c->irq;
		info->module = c->module;
		info->shared = c->shared;
		info->enabled = READ_ONCE(c->enabled);
		info->registrations = READ_ONCE(c->nregs);
		memcpy(&info->stats, &c->st, sizeof(info->stats));
		ret = 0;
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_next, VMKAPI_INTERNAL);

/*
 * Call @fn with the name of each registration of @cookie, under the
 * cookie's registration mutex (@fn must not register or unregister).
 * -ENOENT for a cookie that is not live.  May block.
 */
int vmk_core_intr_handler_names(vmk_IntrCookie cookie,
				   vmk_core_intr_name_fn_t fn, void *arg)
{
	struct vmk_intr_cookie *c = vmk_intr_get(cookie);
	struct vmk_intr_reg *reg;
	int ret = 0;

	if (!c)
		return -ENOENT;
	mutex_lock(&c->mutex);
	list_for_each_entry(reg, &c->regs, link) {
		ret = fn(arg, reg->name.string);
		if (ret)
			break;
	}
	mutex_unlock(&c->mutex);
	vmk_intr_put(c);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_handler_names, VMKAPI_INTERNAL);

/* Non-empty buckets as "<bound:count", the bound in ns. */
static void vmk_intr_show_hist(struct seq_file *m, const char *what,
			       const u64 *hist)
{
	unsigned int b;

	seq_printf(m, "    %s ns:", what);
	for (b = 0; b < VMK_CORE_INTR_HIST_BUCKETS; b++) {
		if (!hist[b])
			continue;
		if (b == VMK_CORE_INTR_HIST_BUCKETS - 1)
			seq_printf(m, " >=%llu:%llu", 1ULL << (b - 1), hist[b]);
		else
			seq_printf(m, " <%llu:%llu", 1ULL << b, hist[b]);
	}
	seq_putc(m, '\n');
}

static int vmk_intr_show(struct seq_file *m, void *unused)
{
	struct vmk_intr_cookie *c;
	struct vmk_intr_reg *reg;
	struct vmk_core_intr_stats st;
	unsigned long index;

	seq_printf(m, "%-6s %-5s %-6s %-6s %-7s %-9s %-9s %-9s %-9s %-7s %-7s %-8s %-9s %-7s %s\n",
		   "cookie", "irq", "module", "shared", "enabled", "count",
		   "woken", "ignored", "spurious", "gated", "bad-ack",
		   "over-5us", "handlers", "blocked", "steered");
	mutex_lock(&vmk_intr_table_mutex);
	xa_for_each(&vmk_intr_cookies, index, c) {
		memcpy(&st, &c->st, sizeof(st));
		seq_printf(m, "%-6u %-5u %-6d %-6s %-7s %-9llu %-9llu %-9llu %-9llu %-7llu %-7llu %-8llu %-9llu %-7llu %llu\n",
			   c->id, c->irq, c->module, c->shared ? "yes" : "no",
			   READ_ONCE(c->enabled) ? "yes" : "no", st.count,
			   st.woken, st.ignored, st.spurious, st.gated,
			   st.bad_ack, st.ack_over_budget, st.handler_runs,
			   st.handler_blocked, st.handler_steered);
		mutex_lock(&c->mutex);
		list_for_each_entry(reg, &c->regs, link)
			seq_printf(m, "    handler %s module %d ack %ps handler %ps data %p\n",
				   reg->name.string, reg->module, reg->ack,
				   reg->handler, reg->data);
		mutex_unlock(&c->mutex);
		vmk_intr_show_hist(m, "ack", st.ack_ns);
		vmk_intr_show_hist(m, "handler", st.handler_ns);
	}
	mutex_unlock(&vmk_intr_table_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmk_intr);

void vmk_core_intr_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("interrupts", 0444, dir, NULL, &vmk_intr_fops);
}
