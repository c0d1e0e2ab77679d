// SPDX-License-Identifier: GPL-2.0
/*
 * Worldlets: a function that runs soon after activation, in a context
 * that is scheduled (preemptible, visible to the scheduler) but must not
 * block.
 *
 * Each worldlet is a small state machine under its own lock: QUEUED (on
 * a CPU's run queue), RUNNING, WANTED (owes a run: activated while
 * running or disabled, or its function said READY), DISABLED, RELEASED
 * (its driver reference is gone).  Activations coalesce because only an
 * idle, enabled worldlet is queued; everything else just sets WANTED.
 *
 * Runs are served by one SCHED_FIFO kernel thread per CPU (an smpboot
 * thread, like ksoftirqd, so CPU hotplug parks it and its queue moves
 * on), at the lowest RT priority: ahead of every normal task, behind
 * threaded interrupt handlers.  A thread that keeps finding work for
 * more than VMK_WDT_RT_BUDGET (a worldlet that keeps saying READY) drops
 * to SCHED_NORMAL until its queue drains, so it cannot starve the CPU.
 *
 * References: the driver's (create to unref), one while queued or
 * running, one per worldlet with affinity to it.  The last one frees the
 * memory back to the driver's heap and wakes vmk_WorldletReapSync.
 */
#include "vmkapi_core.h"

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/sched/clock.h>
#include <linux/smpboot.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/topology.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include "vmkapi_trace.h"

#define WDT_QUEUED	BIT(0)
#define WDT_RUNNING	BIT(1)
#define WDT_WANTED	BIT(2)
#define WDT_DISABLED	BIT(3)
#define WDT_RELEASED	BIT(4)

/* A run longer than this should yield (vmk_WorldletShouldYield). */
#define VMK_WDT_SLICE_NS	NSEC_PER_MSEC
/*
 * Continuous work after which a CPU's thread stops being real-time: so
 * many runs and so much time (not time alone: a virtual CPU that the
 * host preempts in the middle of one run is not a busy worldlet).
 */
#define VMK_WDT_RT_BUDGET_NS	(2 * NSEC_PER_MSEC)
#define VMK_WDT_RT_BUDGET_RUNS	64

struct vmk_WorldletInt {
	spinlock_t lock;
	unsigned int flags;
	unsigned int refs;
	/* Where it last ran or is queued; -1 before its first activation. */
	int cpu;
	struct list_head link;		/* on a run queue while QUEUED */
	vmk_WorldletFn fn;
	void *private;
	vmk_WorldletID id;
	vmk_HeapID heap;
	vmk_ModuleID module;
	vmk_Name name;
	/* Affinity; the pointers change under vmk_wdt_aff_lock and w->lock. */
	vmk_WorldletAffinityType aff_type;
	struct vmk_WorldletInt *aff_wdt;
	struct list_head follow_link;	/* on aff_wdt->followers */
	struct list_head followers;
	struct pid *aff_world;
	/*
	 * An interrupt that follows the worldlet (vmk_WorldletInterruptSet),
	 * and the CPU it was last steered to.
	 */
	vmk_IntrCookie intr;
	int intr_cpu;
	/* Statistics: runs and the sums of the functions' counters. */
	u64 runs;
	u64 user1;
	u64 user2;
	struct vmk_core_resource res;
};

/* Live worldlets by ID (vmk_WorldletReapSync waits for an ID to go). */
static DEFINE_XARRAY_FLAGS(vmk_wdt_ids, XA_FLAGS_ALLOC1 | XA_FLAGS_LOCK_IRQ);
static u32 vmk_wdt_next_id;
/* Quiesce and reap waiters: a run ended, a worldlet was freed. */
static DECLARE_WAIT_QUEUE_HEAD(vmk_wdt_wait);
/* Affinity links between worldlets (taken before any worldlet's lock). */
static DEFINE_SPINLOCK(vmk_wdt_aff_lock);

/* A CPU's run queue and its thread. */
struct vmk_wdt_rq {
	spinlock_t lock;
	struct list_head queue;
	/* False while the CPU is going down: queue elsewhere. */
	bool online;
	/* Real-time now (false once the budget is spent, until idle). */
	bool rt;
	/* Since the queue was last found empty. */
	u64 busy_since;
	unsigned int busy_runs;
};

static DEFINE_PER_CPU(struct vmk_wdt_rq, vmk_wdt_rqs);
static DEFINE_PER_CPU(struct task_struct *, vmk_wdt_threads);

/* What a CPU's worldlet thread is running (for GetCurrent, ShouldYield). */
struct vmk_wdt_cur {
	struct task_struct *task;
	struct vmk_WorldletInt *w;
	u64 start;
};

static DEFINE_PER_CPU(struct vmk_wdt_cur, vmk_wdt_cur);

static VMK_ReturnStatus vmk_wdt_get(vmk_Worldlet handle,
				    struct vmk_WorldletInt **out,
				    const char *api, unsigned long caller)
{
	VMK_ReturnStatus status;

	status = vmk_core_handle_check(handle, VMK_CORE_HANDLE_WORLDLET,
				       "worldlet", api, caller);
	if (status == VMK_OK)
		*out = handle;
	return status;
}

/* The worldlet whose function runs in this context, or NULL. */
static struct vmk_WorldletInt *vmk_wdt_current(void)
{
	struct vmk_wdt_cur *cur;
	struct vmk_WorldletInt *w = NULL;

	/* The threads are bound to their CPU: no migration under us. */
	preempt_disable();
	cur = this_cpu_ptr(&vmk_wdt_cur);
	if (cur->task == current)
		w = cur->w;
	preempt_enable();
	return w;
}

static void vmk_wdt_free(struct vmk_WorldletInt *w);
static bool vmk_wdt_id_live(vmk_WorldletID id, bool *held);

/*
 * A target's list of followers changes under vmk_wdt_aff_lock and the
 * target's lock, so a run can check it under the worldlet's lock alone.
 */
static void vmk_wdt_unfollow(struct vmk_WorldletInt *w,
			     struct vmk_WorldletInt *target)
{
	lockdep_assert_held(&vmk_wdt_aff_lock);
	spin_lock(&target->lock);
	list_del_init(&w->follow_link);
	spin_unlock(&target->lock);
}

static void vmk_wdt_put(struct vmk_WorldletInt *w)
{
	unsigned long flags;
	bool last;

	spin_lock_irqsave(&w->lock, flags);
	last = --w->refs == 0;
	spin_unlock_irqrestore(&w->lock, flags);
	if (last)
		vmk_wdt_free(w);
}

static void vmk_wdt_free(struct vmk_WorldletInt *w)
{
	struct vmk_WorldletInt *target;
	unsigned long flags;

	vmk_core_handle_del_detached(w, VMK_CORE_HANDLE_WORLDLET);
	spin_lock_irqsave(&vmk_wdt_aff_lock, flags);
	target = w->aff_wdt;
	w->aff_wdt = NULL;
	if (target)
		vmk_wdt_unfollow(w, target);
	spin_unlock_irqrestore(&vmk_wdt_aff_lock, flags);
	if (target)
		vmk_wdt_put(target);
	put_pid(w->aff_world);
	vmk_core_resource_del(&w->res);
	xa_lock_irqsave(&vmk_wdt_ids, flags);
	__xa_erase(&vmk_wdt_ids, w->id);
	xa_unlock_irqrestore(&vmk_wdt_ids, flags);
	vmk_HeapFree(w->heap, w);
	wake_up_all(&vmk_wdt_wait);
}

/*
 * The CPU to run on: the affinity target's, else the activating one.
 * Called with w->lock held (so IRQs off: the CPU cannot change).
 */
static int vmk_wdt_place(struct vmk_WorldletInt *w)
{
	int here = smp_processor_id();
	struct task_struct *task;
	int cpu = -1;

	if (w->aff_wdt) {
		cpu = READ_ONCE(w->aff_wdt->cpu);
	} else if (w->aff_world) {
		rcu_read_lock();
		task = pid_task(w->aff_world, PIDTYPE_PID);
		if (task)
			cpu = task_cpu(task);
		rcu_read_unlock();
	}
	if (cpu < 0 || !cpu_online(cpu))
		return here;
	if (w->aff_type == VMK_WDT_AFFINITY_LOOSE &&
	    cpumask_test_cpu(here, topology_sibling_cpumask(cpu)))
		return here;
	return cpu;
}

/* Put w on @cpu's run queue (or an online one's); false if none takes it. */
static bool vmk_wdt_enqueue(struct vmk_WorldletInt *w, int cpu)
{
	struct vmk_wdt_rq *rq = per_cpu_ptr(&vmk_wdt_rqs, cpu);
	bool wake;
	int other;

	spin_lock(&rq->lock);
	if (unlikely(!rq->online)) {
		spin_unlock(&rq->lock);
		for_each_online_cpu(other) {
			rq = per_cpu_ptr(&vmk_wdt_rqs, other);
			spin_lock(&rq->lock);
			if (rq->online) {
				cpu = other;
				goto found;
			}
			spin_unlock(&rq->lock);
		}
		return false;
	}
found:
	WRITE_ONCE(w->cpu, cpu);
	wake = list_empty(&rq->queue);
	list_add_tail(&w->link, &rq->queue);
	spin_unlock(&rq->lock);
	trace_deferred_queue(VMK_CORE_DEFERRED_WORLDLET, w, w->name.string,
			     w->module, 0);
	/* A non-empty queue means the thread is awake or about to look. */
	if (wake)
		wake_up_process(per_cpu(vmk_wdt_threads, cpu));
	return true;
}

/* Queue an idle, enabled worldlet; w->lock held.  It takes a reference. */
static void vmk_wdt_queue(struct vmk_WorldletInt *w)
{
	w->flags |= WDT_QUEUED;
	w->refs++;
	if (!vmk_wdt_enqueue(w, vmk_wdt_place(w))) {
		/* No CPU online for worldlets: the next activation retries. */
		w->flags &= ~WDT_QUEUED;
		w->refs--;
	}
}

/* Take w off its run queue if it is there; w->lock held.  True if so. */
static bool vmk_wdt_unqueue(struct vmk_WorldletInt *w)
{
	struct vmk_wdt_rq *rq;

	if (!(w->flags & WDT_QUEUED))
		return false;
	rq = per_cpu_ptr(&vmk_wdt_rqs, w->cpu);
	spin_lock(&rq->lock);
	/* Off the list already: a thread took it, and the reference. */
	if (list_empty(&w->link)) {
		spin_unlock(&rq->lock);
		return false;
	}
	list_del_init(&w->link);
	spin_unlock(&rq->lock);
	w->flags &= ~WDT_QUEUED;
	return true;
}

static void vmk_wdt_drop_driver_ref(struct vmk_WorldletInt *w)
{
	w->flags = (w->flags | WDT_RELEASED) & ~WDT_WANTED;
	w->refs--;
}

/*
 * About to run @w on this CPU: if an interrupt follows it and was
 * steered elsewhere, steer it here.  Cheap when none follows it.
 */
static void vmk_wdt_intr_follow(struct vmk_WorldletInt *w)
{
	vmk_IntrCookie cookie = READ_ONCE(w->intr);
	int cpu = raw_smp_processor_id();

	if (cookie == VMK_INVALID_INTRCOOKIE || READ_ONCE(w->intr_cpu) == cpu)
		return;
	WRITE_ONCE(w->intr_cpu, cpu);
	vmk_core_intr_steer(cookie, cpu);
}

/* One run of a dequeued worldlet, whose queue reference we now hold. */
static void vmk_wdt_run(struct vmk_WorldletInt *w)
{
	struct vmk_wdt_cur *cur = this_cpu_ptr(&vmk_wdt_cur);
	vmk_WorldletRunData rd = { .state = VMK_WDT_SUSPEND };
	unsigned long flags;
	bool requeue = false;

	spin_lock_irqsave(&w->lock, flags);
	w->flags &= ~WDT_QUEUED;
	if (w->flags & WDT_DISABLED) {
		/* Owed, not run: the enable queues it again. */
		w->flags |= WDT_WANTED;
		spin_unlock_irqrestore(&w->lock, flags);
		vmk_wdt_put(w);
		return;
	}
	w->flags = (w->flags & ~WDT_WANTED) | WDT_RUNNING;
	spin_unlock_irqrestore(&w->lock, flags);

	vmk_wdt_intr_follow(w);
	cur->start = local_clock();
	cur->w = w;
	cur->task = current;
	/* Preemptible, but a sleep in here is reported (debug kernel). */
	trace_deferred_start(VMK_CORE_DEFERRED_WORLDLET, w, w->name.string,
			     w->module, 0);
	non_block_start();
	w->fn(w, w->private, &rd);
	non_block_end();
	trace_deferred_done(VMK_CORE_DEFERRED_WORLDLET, w, w->name.string,
			    w->module, 0);
	cur->task = NULL;
	cur->w = NULL;

	spin_lock_irqsave(&w->lock, flags);
	w->flags &= ~WDT_RUNNING;
	w->runs++;
	w->user1 += rd.userData1;
	w->user2 += rd.userData2;
	switch (rd.state) {
	case VMK_WDT_READY:
		w->flags |= WDT_WANTED;
		break;
	case VMK_WDT_RELEASE:
		if (w->flags & WDT_RELEASED)
			vmk_core_bad_arg_api("vmk_WorldletFn", (unsigned long)w->fn,
					     "%s: RELEASE of a released worldlet",
					     w->name.string);
		else if (!list_empty(&w->followers))
			vmk_core_bad_arg_api("vmk_WorldletFn", (unsigned long)w->fn,
					     "%s: RELEASE while an affinity target",
					     w->name.string);
		else
			vmk_wdt_drop_driver_ref(w);
		break;
	case VMK_WDT_SUSPEND:
		break;
	default:
		vmk_core_bad_arg_api("vmk_WorldletFn", (unsigned long)w->fn,
				     "%s: state %d", w->name.string, rd.state);
		break;
	}
	if ((w->flags & (WDT_WANTED | WDT_DISABLED)) == WDT_WANTED) {
		/* Our reference becomes the queue's. */
		w->flags |= WDT_QUEUED;
		requeue = vmk_wdt_enqueue(w, vmk_wdt_place(w));
		if (!requeue)
			w->flags &= ~WDT_QUEUED;
	}
	spin_unlock_irqrestore(&w->lock, flags);
	/* Quiesce waiters look at RUNNING. */
	wake_up_all(&vmk_wdt_wait);
	if (!requeue)
		vmk_wdt_put(w);
}

/* --- The per-CPU threads --------------------------------------------- */

static int vmk_wdt_should_run(unsigned int cpu)
{
	return !list_empty(&per_cpu_ptr(&vmk_wdt_rqs, cpu)->queue);
}

static struct vmk_WorldletInt *vmk_wdt_dequeue(struct vmk_wdt_rq *rq)
{
	struct vmk_WorldletInt *w;

	spin_lock_irq(&rq->lock);
	w = list_first_entry_or_null(&rq->queue, struct vmk_WorldletInt,
				     link);
	if (w)
		list_del_init(&w->link);
	spin_unlock_irq(&rq->lock);
	return w;
}

static void vmk_wdt_thread_fn(unsigned int cpu)
{
	struct vmk_wdt_rq *rq = per_cpu_ptr(&vmk_wdt_rqs, cpu);
	struct vmk_WorldletInt *w;

	if (!rq->busy_since)
		rq->busy_since = local_clock();
	while ((w = vmk_wdt_dequeue(rq))) {
		vmk_wdt_run(w);
		if (rq->rt && ++rq->busy_runs > VMK_WDT_RT_BUDGET_RUNS &&
		    local_clock() - rq->busy_since > VMK_WDT_RT_BUDGET_NS) {
			/* Busy for long: share the CPU like a normal task. */
			sched_set_normal(current, 0);
			rq->rt = false;
		}
		cond_resched();
	}
	/* Idle again: back to real time for the next activation. */
	rq->busy_since = 0;
	rq->busy_runs = 0;
	if (!rq->rt) {
		sched_set_fifo_low(current);
		rq->rt = true;
	}
}

static void vmk_wdt_thread_setup(unsigned int cpu)
{
	struct vmk_wdt_rq *rq = per_cpu_ptr(&vmk_wdt_rqs, cpu);

	sched_set_fifo_low(current);
	rq->rt = true;
	spin_lock_irq(&rq->lock);
	rq->online = true;
	spin_unlock_irq(&rq->lock);
}

/* The CPU goes down: move what waits here to a CPU that stays. */
static void vmk_wdt_thread_park(unsigned int cpu)
{
	struct vmk_wdt_rq *rq = per_cpu_ptr(&vmk_wdt_rqs, cpu);
	struct vmk_WorldletInt *w;
	unsigned long flags;

	spin_lock_irq(&rq->lock);
	rq->online = false;
	spin_unlock_irq(&rq->lock);
	while ((w = vmk_wdt_dequeue(rq))) {
		unsigned int to = cpumask_any_but(cpu_online_mask, cpu);
		bool moved;

		spin_lock_irqsave(&w->lock, flags);
		moved = to < nr_cpu_ids && vmk_wdt_enqueue(w, to);
		if (!moved)
			w->flags = (w->flags & ~WDT_QUEUED) | WDT_WANTED;
		spin_unlock_irqrestore(&w->lock, flags);
		if (!moved)
			vmk_wdt_put(w);
	}
}

static void vmk_wdt_thread_unpark(unsigned int cpu)
{
	struct vmk_wdt_rq *rq = per_cpu_ptr(&vmk_wdt_rqs, cpu);

	spin_lock_irq(&rq->lock);
	rq->online = true;
	spin_unlock_irq(&rq->lock);
}

static struct smp_hotplug_thread vmk_wdt_threads_desc = {
	.store = &vmk_wdt_threads,
	.thread_should_run = vmk_wdt_should_run,
	.thread_fn = vmk_wdt_thread_fn,
	.setup = vmk_wdt_thread_setup,
	.park = vmk_wdt_thread_park,
	.unpark = vmk_wdt_thread_unpark,
	.thread_comm = "vmk_worldlet/%u",
};

int vmk_core_worldlet_init(void)
{
	int cpu, ret;

	for_each_possible_cpu(cpu) {
		struct vmk_wdt_rq *rq = per_cpu_ptr(&vmk_wdt_rqs, cpu);

		spin_lock_init(&rq->lock);
		INIT_LIST_HEAD(&rq->queue);
	}
	/*
	 * Threads exist for the online CPUs once registration returns;
	 * what is queued before one first runs waits for it.  A CPU that
	 * comes up later opens its queue in setup, one that goes down
	 * closes it in park.
	 */
	for_each_online_cpu(cpu)
		per_cpu_ptr(&vmk_wdt_rqs, cpu)->online = true;
	ret = smpboot_register_percpu_thread(&vmk_wdt_threads_desc);
	if (ret)
		for_each_possible_cpu(cpu)
			per_cpu_ptr(&vmk_wdt_rqs, cpu)->online = false;
	return ret;
}

void vmk_core_worldlet_exit(void)
{
	/* Every module's worldlets were reclaimed when it unloaded. */
	smpboot_unregister_percpu_thread(&vmk_wdt_threads_desc);
}

/* --- Module resources ------------------------------------------------- */

static void vmk_wdt_describe(struct vmk_core_resource *res, char *buf,
			     size_t len)
{
	struct vmk_WorldletInt *w = container_of(res, struct vmk_WorldletInt,
						 res);

	snprintf(buf, len, "%s (id %u, %llu runs%s%s)", w->name.string, w->id,
		 w->runs, w->flags & WDT_DISABLED ? ", disabled" : "",
		 w->flags & WDT_RELEASED ? ", released" : "");
}

/*
 * The module unloaded with the worldlet alive: tear its affinity links
 * down, disable it, wait for a run in progress, and free it.
 */
static void vmk_wdt_reclaim(struct vmk_core_resource *res)
{
	struct vmk_WorldletInt *w = container_of(res, struct vmk_WorldletInt,
						 res);
	struct vmk_WorldletInt *f, *next, *target;
	vmk_WorldletID id = w->id;
	unsigned int followers = 0;
	unsigned long flags;
	bool put;
	LIST_HEAD(gone);

	/* Our own reference keeps w while we take it apart. */
	spin_lock_irqsave(&w->lock, flags);
	w->refs++;
	w->flags |= WDT_DISABLED;
	spin_unlock_irqrestore(&w->lock, flags);

	spin_lock_irqsave(&vmk_wdt_aff_lock, flags);
	target = w->aff_wdt;
	if (target) {
		vmk_wdt_unfollow(w, target);
		spin_lock(&w->lock);
		w->aff_wdt = NULL;
		spin_unlock(&w->lock);
	}
	spin_lock(&w->lock);
	list_splice_init(&w->followers, &gone);
	spin_unlock(&w->lock);
	list_for_each_entry_safe(f, next, &gone, follow_link) {
		spin_lock(&f->lock);
		f->aff_wdt = NULL;
		spin_unlock(&f->lock);
		list_del_init(&f->follow_link);
		followers++;
	}
	spin_unlock_irqrestore(&vmk_wdt_aff_lock, flags);
	if (target)
		vmk_wdt_put(target);
	while (followers--)
		vmk_wdt_put(w);

	spin_lock_irqsave(&w->lock, flags);
	put = vmk_wdt_unqueue(w);
	spin_unlock_irqrestore(&w->lock, flags);
	if (put)
		vmk_wdt_put(w);
	/* Disabled: a run in progress is the last one. */
	wait_event(vmk_wdt_wait, !(READ_ONCE(w->flags) & WDT_RUNNING));
	spin_lock_irqsave(&w->lock, flags);
	put = !(w->flags & WDT_RELEASED);
	if (put)
		vmk_wdt_drop_driver_ref(w);
	spin_unlock_irqrestore(&w->lock, flags);
	vmk_wdt_put(w);
	/* A thread that dequeued it may hold the last reference briefly. */
	wait_event(vmk_wdt_wait, !vmk_wdt_id_live(id, NULL));
}

static const struct vmk_core_resource_type vmk_wdt_type = {
	.kind = "worldlet",
	.describe = vmk_wdt_describe,
	.reclaim = vmk_wdt_reclaim,
};

/* --- The API ---------------------------------------------------------- */

/* Room for the heap's per-allocation header. */
#define VMK_WDT_HEAP_OVERHEAD	64

/* Heaps charge small blocks by power-of-two size class. */
vmk_ByteCount vmk_WorldletAllocSize(void)
{
	return roundup_pow_of_two(sizeof(struct vmk_WorldletInt) +
				  VMK_WDT_HEAP_OVERHEAD);
}
VMKAPI_EXPORT(vmk_WorldletAllocSize);

static bool vmk_wdt_name_ok(const vmk_Name *name)
{
	return name && strnlen(name->string, VMK_MISC_NAME_MAX) <
		       VMK_MISC_NAME_MAX;
}

VMK_ReturnStatus vmk_WorldletCreate(vmk_Worldlet *worldlet, vmk_Name *name,
				    vmk_ServiceAcctID serviceID,
				    vmk_ModuleID moduleID, vmk_HeapID heapID,
				    vmk_WorldletFn worldletFn, void *private)
{
	vmk_HeapGetProps heap_props;
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	unsigned long flags;
	int ret;

	vmk_core_assert_may_deschedule();
	if (!worldlet || !worldletFn) {
		vmk_core_bad_arg("worldlet %p fn %p", worldlet, worldletFn);
		return VMK_BAD_PARAM;
	}
	if (!vmk_wdt_name_ok(name)) {
		vmk_core_bad_arg("worldlet name is NULL or unterminated");
		return VMK_INVALID_NAME;
	}
	if (heapID == VMK_INVALID_HEAP_ID ||
	    vmk_HeapGetProperties(heapID, &heap_props) != VMK_OK) {
		vmk_core_bad_arg("worldlet %s: heap %p is not live",
				 name->string, heapID);
		return VMK_BAD_PARAM;
	}
	w = vmk_HeapAllocWithRA(heapID, sizeof(*w), (void *)_RET_IP_);
	if (!w)
		return VMK_NO_MEMORY;
	memset(w, 0, sizeof(*w));
	spin_lock_init(&w->lock);
	w->refs = 1;
	w->cpu = -1;
	w->intr = VMK_INVALID_INTRCOOKIE;
	w->intr_cpu = -1;
	INIT_LIST_HEAD(&w->link);
	INIT_LIST_HEAD(&w->followers);
	INIT_LIST_HEAD(&w->follow_link);
	w->fn = worldletFn;
	w->private = private;
	w->heap = heapID;
	w->module = moduleID;
	vmk_NameCopy(&w->name, name);

	xa_lock_irqsave(&vmk_wdt_ids, flags);
	ret = __xa_alloc_cyclic(&vmk_wdt_ids, &w->id, w, xa_limit_31b,
				&vmk_wdt_next_id, GFP_NOWAIT);
	xa_unlock_irqrestore(&vmk_wdt_ids, flags);
	if (ret < 0) {
		vmk_HeapFree(heapID, w);
		return VMK_NO_MEMORY;
	}
	status = vmk_core_resource_add(&w->res, &vmk_wdt_type, moduleID);
	if (status != VMK_OK) {
		vmk_core_bad_arg("worldlet %s: module %d is not registered",
				 name->string, moduleID);
		goto erase;
	}
	if (vmk_core_handle_add_detached(w, VMK_CORE_HANDLE_WORLDLET)) {
		vmk_core_resource_del(&w->res);
		status = VMK_NO_MEMORY;
		goto erase;
	}
	*worldlet = w;
	return VMK_OK;

erase:
	xa_lock_irqsave(&vmk_wdt_ids, flags);
	__xa_erase(&vmk_wdt_ids, w->id);
	xa_unlock_irqrestore(&vmk_wdt_ids, flags);
	vmk_HeapFree(heapID, w);
	return status;
}
VMKAPI_EXPORT(vmk_WorldletCreate);

VMK_ReturnStatus vmk_WorldletCheckState(vmk_Worldlet worldlet,
					vmk_WorldletState *state)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	unsigned int f;

	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!state) {
		vmk_core_bad_arg("worldlet %s: NULL state", w->name.string);
		return VMK_BAD_PARAM;
	}
	f = READ_ONCE(w->flags);
	if (f & WDT_RELEASED)
		*state = VMK_WDT_RELEASE;
	else if (f & (WDT_QUEUED | WDT_RUNNING | WDT_WANTED))
		*state = VMK_WDT_READY;
	else
		*state = VMK_WDT_SUSPEND;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletCheckState);

VMK_ReturnStatus vmk_WorldletActivate(vmk_Worldlet worldlet)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	unsigned long flags;

	vmk_core_assert_may_deschedule();
	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	spin_lock_irqsave(&w->lock, flags);
	if (unlikely(w->flags & WDT_RELEASED)) {
		spin_unlock_irqrestore(&w->lock, flags);
		vmk_core_bad_arg("worldlet %s was released", w->name.string);
		return VMK_INVALID_HANDLE;
	}
	if (!(w->flags & WDT_QUEUED)) {
		w->flags |= WDT_WANTED;
		if (!(w->flags & (WDT_RUNNING | WDT_DISABLED)))
			vmk_wdt_queue(w);
	}
	spin_unlock_irqrestore(&w->lock, flags);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletActivate);

static VMK_ReturnStatus vmk_wdt_unref(vmk_Worldlet worldlet, void **private,
				      const char *api, unsigned long caller)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	unsigned long flags;
	bool last;

	vmk_core_assert_may_deschedule();
	status = vmk_wdt_get(worldlet, &w, api, caller);
	if (status != VMK_OK)
		return status;
	spin_lock_irqsave(&vmk_wdt_aff_lock, flags);
	spin_lock(&w->lock);
	if (w->flags & WDT_RELEASED) {
		status = VMK_INVALID_HANDLE;
	} else if (!list_empty(&w->followers)) {
		status = VMK_BUSY;
	} else {
		if (private)
			*private = w->private;
		vmk_wdt_drop_driver_ref(w);
	}
	last = status == VMK_OK && w->refs == 0;
	spin_unlock(&w->lock);
	spin_unlock_irqrestore(&vmk_wdt_aff_lock, flags);
	if (status != VMK_OK)
		vmk_core_bad_arg_api(api, caller, "worldlet %s: %s",
				     w->name.string,
				     status == VMK_BUSY ?
				     "other worldlets have affinity to it" :
				     "already released");
	else if (last)
		vmk_wdt_free(w);
	return status;
}

VMK_ReturnStatus vmk_WorldletUnref(vmk_Worldlet worldlet)
{
	return vmk_wdt_unref(worldlet, NULL, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_WorldletUnref);

VMK_ReturnStatus vmk_WorldletUnrefWithData(vmk_Worldlet worldlet,
					   void **private)
{
	return vmk_wdt_unref(worldlet, private, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_WorldletUnrefWithData);

/* Is the worldlet with @id gone?  Or still referenced by its driver? */
static bool vmk_wdt_id_live(vmk_WorldletID id, bool *held)
{
	struct vmk_WorldletInt *w;
	unsigned long flags;

	/* The ID leaves the table before the memory is freed. */
	xa_lock_irqsave(&vmk_wdt_ids, flags);
	w = xa_load(&vmk_wdt_ids, id);
	if (w && held)
		*held = !(READ_ONCE(w->flags) & WDT_RELEASED);
	xa_unlock_irqrestore(&vmk_wdt_ids, flags);
	return w;
}

VMK_ReturnStatus vmk_WorldletReapSync(vmk_WorldletID id)
{
	bool held = false;

	vmk_core_assert_may_block();
	if (id == VMK_INVALID_WORLDLET_ID) {
		vmk_core_bad_arg("invalid worldlet ID");
		return VMK_BAD_PARAM;
	}
	if (!vmk_wdt_id_live(id, &held))
		return VMK_OK;
	if (held) {
		vmk_core_bad_arg("worldlet %u still has its reference", id);
		return VMK_BUSY;
	}
	/* kthread_stop() wakes the task; the condition then sees it. */
	if (wait_event_killable(vmk_wdt_wait, !vmk_wdt_id_live(id, NULL) ||
				vmk_core_death_pending()))
		return VMK_DEATH_PENDING;
	return vmk_wdt_id_live(id, NULL) ? VMK_DEATH_PENDING : VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletReapSync);

VMK_ReturnStatus vmk_WorldletShouldYield(vmk_Worldlet worldlet,
					 vmk_Bool *yield)
{
	struct vmk_WorldletInt *w = vmk_wdt_current();

	if (!w || w != worldlet) {
		vmk_core_bad_arg("%p is not the running worldlet", worldlet);
		return VMK_INVALID_HANDLE;
	}
	if (!yield) {
		vmk_core_bad_arg("NULL yield");
		return VMK_BAD_PARAM;
	}
	*yield = need_resched() ||
		 local_clock() - raw_cpu_read(vmk_wdt_cur.start) >
		 VMK_WDT_SLICE_NS;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletShouldYield);

VMK_ReturnStatus vmk_WorldletGetCurrent(vmk_Worldlet *worldlet,
					void **private)
{
	struct vmk_WorldletInt *w;

	if (!worldlet) {
		vmk_core_bad_arg("NULL worldlet pointer");
		return VMK_BAD_PARAM;
	}
	w = vmk_wdt_current();
	if (!w)
		return VMK_NOT_FOUND;
	*worldlet = w;
	if (private)
		*private = w->private;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletGetCurrent);

VMK_ReturnStatus vmk_WorldletGetFn(vmk_Worldlet worldlet,
				   vmk_WorldletFn *worldletFn)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;

	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!worldletFn) {
		vmk_core_bad_arg("worldlet %s: NULL fn pointer", w->name.string);
		return VMK_BAD_PARAM;
	}
	*worldletFn = w->fn;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletGetFn);

static bool vmk_wdt_aff_type_ok(vmk_WorldletAffinityType type)
{
	return type == VMK_WDT_AFFINITY_EXACT || type == VMK_WDT_AFFINITY_LOOSE;
}

VMK_ReturnStatus vmk_WorldletSetAffinityToWorldlet(vmk_Worldlet worldlet,
						   vmk_Worldlet target,
						   vmk_WorldletAffinityType type)
{
	struct vmk_WorldletInt *w, *t = NULL, *old, *p;
	VMK_ReturnStatus status;
	unsigned long flags;
	struct pid *pid;

	vmk_core_assert_may_deschedule();
	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!vmk_wdt_aff_type_ok(type)) {
		vmk_core_bad_arg("worldlet %s: affinity type %d",
				 w->name.string, type);
		return VMK_BAD_PARAM;
	}
	if (target) {
		status = vmk_wdt_get(target, &t, __func__, _RET_IP_);
		if (status != VMK_OK)
			return VMK_INVALID_HANDLE;
	}
	spin_lock_irqsave(&vmk_wdt_aff_lock, flags);
	/* Following a chain that leads back here would never free. */
	for (p = t; p; p = p->aff_wdt) {
		if (p == w) {
			spin_unlock_irqrestore(&vmk_wdt_aff_lock, flags);
			vmk_core_bad_arg("worldlet %s: affinity cycle",
					 w->name.string);
			return VMK_BAD_PARAM;
		}
	}
	if (t) {
		spin_lock(&t->lock);
		if (t->flags & WDT_RELEASED) {
			spin_unlock(&t->lock);
			spin_unlock_irqrestore(&vmk_wdt_aff_lock, flags);
			vmk_core_bad_arg("target worldlet %s was released",
					 t->name.string);
			return VMK_INVALID_HANDLE;
		}
		t->refs++;
		spin_unlock(&t->lock);
	}
	old = w->aff_wdt;
	if (old)
		vmk_wdt_unfollow(w, old);
	if (t) {
		spin_lock(&t->lock);
		list_add(&w->follow_link, &t->followers);
		spin_unlock(&t->lock);
	}
	spin_lock(&w->lock);
	w->aff_wdt = t;
	w->aff_type = type;
	pid = w->aff_world;
	w->aff_world = NULL;
	spin_unlock(&w->lock);
	spin_unlock_irqrestore(&vmk_wdt_aff_lock, flags);
	put_pid(pid);
	if (old)
		vmk_wdt_put(old);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletSetAffinityToWorldlet);

VMK_ReturnStatus vmk_WorldletSetAffinityToWorld(vmk_Worldlet worldlet,
						vmk_WorldID target,
						vmk_WorldletAffinityType type)
{
	struct vmk_WorldletInt *w, *old;
	struct task_struct *task;
	struct pid *pid = NULL;
	VMK_ReturnStatus status;
	unsigned long flags;

	vmk_core_assert_may_deschedule();
	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!vmk_wdt_aff_type_ok(type)) {
		vmk_core_bad_arg("worldlet %s: affinity type %d",
				 w->name.string, type);
		return VMK_BAD_PARAM;
	}
	if (target != VMK_INVALID_WORLD_ID) {
		pid = find_get_pid(target);
		task = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
		if (!task) {
			put_pid(pid);
			vmk_core_bad_arg("worldlet %s: no world %d",
					 w->name.string, target);
			return VMK_INVALID_HANDLE;
		}
		put_task_struct(task);
	}
	spin_lock_irqsave(&vmk_wdt_aff_lock, flags);
	old = w->aff_wdt;
	if (old)
		vmk_wdt_unfollow(w, old);
	spin_lock(&w->lock);
	w->aff_wdt = NULL;
	w->aff_type = type;
	swap(w->aff_world, pid);
	spin_unlock(&w->lock);
	spin_unlock_irqrestore(&vmk_wdt_aff_lock, flags);
	put_pid(pid);
	if (old)
		vmk_wdt_put(old);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletSetAffinityToWorld);

VMK_ReturnStatus vmk_WorldletInterruptSet(vmk_Worldlet worldlet,
					 vmk_IntrCookie intrCookie)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	int cpu;

	vmk_core_assert_may_deschedule();
	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (vmk_core_intr_cookie_irq(intrCookie) < 0) {
		vmk_core_bad_arg("worldlet %s: interrupt cookie %u is not live",
				 w->name.string, intrCookie);
		return VMK_BAD_PARAM;
	}
	/* Where it last ran; until its first activation, here. */
	cpu = READ_ONCE(w->cpu);
	if (cpu < 0)
		cpu = raw_smp_processor_id();
	WRITE_ONCE(w->intr, intrCookie);
	WRITE_ONCE(w->intr_cpu, cpu);
	if (!vmk_core_intr_steer(intrCookie, cpu)) {
		WRITE_ONCE(w->intr, VMK_INVALID_INTRCOOKIE);
		return VMK_FAILURE;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletInterruptSet);

VMK_ReturnStatus vmk_WorldletInterruptUnSet(vmk_Worldlet worldlet)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	vmk_IntrCookie cookie;

	vmk_core_assert_may_deschedule();
	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	cookie = xchg(&w->intr, VMK_INVALID_INTRCOOKIE);
	if (cookie != VMK_INVALID_INTRCOOKIE)
		vmk_core_intr_steer(cookie, -1);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletInterruptUnSet);

VMK_ReturnStatus vmk_WorldletNameSet(vmk_Worldlet worldlet, vmk_Name *name)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	unsigned long flags;

	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!vmk_wdt_name_ok(name)) {
		vmk_core_bad_arg("worldlet %s: name NULL or unterminated",
				 w->name.string);
		return VMK_INVALID_NAME;
	}
	spin_lock_irqsave(&w->lock, flags);
	vmk_NameCopy(&w->name, name);
	spin_unlock_irqrestore(&w->lock, flags);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletNameSet);

VMK_ReturnStatus vmk_WorldletDisable(vmk_Worldlet worldlet)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	unsigned long flags;

	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	spin_lock_irqsave(&w->lock, flags);
	w->flags |= WDT_DISABLED;
	spin_unlock_irqrestore(&w->lock, flags);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletDisable);

VMK_ReturnStatus vmk_WorldletEnable(vmk_Worldlet worldlet)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	unsigned long flags;

	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	spin_lock_irqsave(&w->lock, flags);
	w->flags &= ~WDT_DISABLED;
	if ((w->flags & (WDT_WANTED | WDT_QUEUED | WDT_RUNNING)) == WDT_WANTED)
		vmk_wdt_queue(w);
	spin_unlock_irqrestore(&w->lock, flags);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletEnable);

static bool vmk_wdt_quiesced(struct vmk_WorldletInt *w)
{
	return (READ_ONCE(w->flags) & (WDT_DISABLED | WDT_RUNNING)) ==
	       WDT_DISABLED;
}

VMK_ReturnStatus vmk_WorldletIsQuiesced(vmk_Worldlet worldlet,
					vmk_Bool *quiesced)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;

	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!quiesced) {
		vmk_core_bad_arg("worldlet %s: NULL quiesced", w->name.string);
		return VMK_BAD_PARAM;
	}
	*quiesced = vmk_wdt_quiesced(w);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletIsQuiesced);

VMK_ReturnStatus vmk_WorldletWaitForQuiesce(vmk_Worldlet worldlet,
					    vmk_uint32 maxWaitUS)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;
	u64 deadline;

	vmk_core_assert_may_deschedule();
	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!(READ_ONCE(w->flags) & WDT_DISABLED))
		return VMK_IS_ENABLED;
	if (vmk_wdt_quiesced(w))
		return VMK_OK;
	/* Its own function cannot see itself return. */
	if (vmk_wdt_current() == w)
		return VMK_TIMEOUT;
	/* A world may sleep; other contexts, and worldlets, spin. */
	if (preemptible() && !vmk_wdt_current() && !in_serving_softirq()) {
		wait_event_hrtimeout(vmk_wdt_wait, vmk_wdt_quiesced(w),
				     ns_to_ktime((u64)maxWaitUS *
						 NSEC_PER_USEC));
	} else {
		deadline = ktime_get_ns() + (u64)maxWaitUS * NSEC_PER_USEC;
		while (!vmk_wdt_quiesced(w) && ktime_get_ns() < deadline)
			udelay(1);
	}
	return vmk_wdt_quiesced(w) ? VMK_OK : VMK_TIMEOUT;
}
VMKAPI_EXPORT(vmk_WorldletWaitForQuiesce);

VMK_ReturnStatus vmk_WorldletGetId(vmk_Worldlet worldlet, vmk_WorldletID *id)
{
	struct vmk_WorldletInt *w;
	VMK_ReturnStatus status;

	status = vmk_wdt_get(worldlet, &w, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!id) {
		vmk_core_bad_arg("worldlet %s: NULL id", w->name.string);
		return VMK_BAD_PARAM;
	}
	*id = w->id;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletGetId);

VMK_ReturnStatus vmk_WorldletOptionSet(vmk_Worldlet wdt,
				       vmk_WorldletOptions flag,
				       vmk_Bool value)
{
	struct vmk_WorldletInt *w;

	/* The reference names VMK_BAD_PARAM for a bad worldlet. */
	if (vmk_wdt_get(wdt, &w, __func__, _RET_IP_) != VMK_OK)
		return VMK_BAD_PARAM;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldletOptionSet);

/*
 * The CPU a worldlet last ran or was queued on (-1: never activated), for
 * vmk_WorldletInterruptSet: its interrupt should be delivered there.
 */
int vmk_core_worldlet_cpu(vmk_Worldlet worldlet)
{
	struct vmk_WorldletInt *w;

	if (vmk_wdt_get(worldlet, &w, __func__, _RET_IP_) != VMK_OK)
		return -1;
	return READ_ONCE(w->cpu);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_worldlet_cpu, VMKAPI_INTERNAL);

/* For KUnit: runs so far and the sums of the functions' counters. */
int vmk_core_worldlet_stats(vmk_Worldlet worldlet, u64 *runs, u64 *user1,
			    u64 *user2)
{
	struct vmk_WorldletInt *w;
	unsigned long flags;

	if (vmk_wdt_get(worldlet, &w, __func__, _RET_IP_) != VMK_OK)
		return -ENOENT;
	spin_lock_irqsave(&w->lock, flags);
	*runs = w->runs;
	*user1 = w->user1;
	*user2 = w->user2;
	spin_unlock_irqrestore(&w->lock, flags);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_worldlet_stats, VMKAPI_INTERNAL);
