// SPDX-License-Identifier: GPL-2.0
/*
 * Timer queues.
 *
 * A queue is a kernel thread (its "world") plus a list of due timers.
 * Each timer is an hrtimer whose handler, in hard-IRQ context, only moves
 * the timer to the due list and wakes the thread; the thread runs the
 * callbacks one at a time, so they may block and never overlap.  A
 * periodic timer is re-armed when its callback returns, forwarded past
 * the periods it missed, instead of piling up behind a slow callback.
 *
 * Handles.  A vmk_Timer is not the timer's address but a 64-bit value,
 * (generation << 32 | slot id): the id indexes a global xarray of slots,
 * and the generation changes every time the slot is given to a new
 * timer.  A handle kept after its one-shot fired therefore never matches
 * again, even when its slot serves another timer; and a garbage value is
 * just an id to look up.  Slots are type-stable: once a queue allocated
 * one from its heap it stays a slot of that queue, recycled through the
 * queue's free list, until the queue is destroyed, which takes the slots
 * out of the xarray and waits for an RCU grace period before freeing
 * them.  A lookup under rcu_read_lock() can thus always read the slot
 * and compare its handle under the queue's lock.  The cost is that the
 * heap is charged for the most timers the queue ever had at once.
 *
 * The legacy calls (vmk_TimerAdd and friends) use one more queue, the
 * core's, made at load; a module going away has its legacy timers there
 * cancelled, while its own queues are reclaimed as module resources.
 *
 * Locking: q->lock (hard-IRQ safe, it is taken in the hrtimer handler)
 * guards every timer field but the immutable ones; only the heap and
 * lock-domain locks nest inside it.
 */
#include "vmkapi_core.h"

#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/preempt.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include "vmkapi_trace.h"

/* A handle packs a 32-bit id and generation into the pointer type. */
static_assert(sizeof(vmk_Timer) >= sizeof(u64));

enum vmk_timer_state {
	VMK_TIMER_FREE,		/* on the queue's free list */
	VMK_TIMER_ARMED,	/* its hrtimer is queued */
	VMK_TIMER_READY,	/* due, on the queue's ready list */
	VMK_TIMER_RUNNING,	/* its callback runs in the queue's thread */
};

struct vmk_TimerInt {
	struct hrtimer hrt;
	struct vmk_TimerQueueInt *q;
	/* On q->ready (READY) or q->free (FREE). */
	struct list_head link;
	/* On q->slots while the queue lives. */
	struct list_head slot;
	/* The live handle, 0 while free; read without the lock by lookups. */
	u64 handle;
	u32 id;
	u32 gen;
	enum vmk_timer_state state;
	bool periodic;
	/* Will not run again: a one-shot that started, or cancelled. */
	bool removed;
	/* Rescheduled while its callback ran: arm at @next when it returns. */
	bool resched;
	ktime_t period;
	ktime_t next;
	u64 slack;
	vmk_TimerCallback cb;
	vmk_TimerCookie data;
	vmk_ModuleID module;
	/* Held reference, or VMK_LOCKDOMAIN_INVALID (unranked). */
	vmk_LockDomainID domain;
	vmk_LockRank rank;
};

struct vmk_TimerQueueInt {
	spinlock_t lock;
	struct list_head ready;
	struct list_head free;
	struct list_head slots;
	struct task_struct *task;
	/* Cancels waiting for a callback to return, and destroy for them. */
	wait_queue_head_t done_wq;
	u32 waiters;
	/* Callbacks that returned: a waiter waits for this to move. */
	u64 runs;
	struct vmk_TimerInt *running;
	u32 nlive;
	u32 nslots;
	bool dying;
	vmk_HeapID heap;
	vmk_ModuleID module;
	vmk_TimerQueueAttributes attribs;
	vmk_Name name;
	struct vmk_core_resource res;
};

/* Slot ids; IRQ-safe lock since timers are scheduled from any context. */
static DEFINE_XARRAY_FLAGS(vmk_timer_ids, XA_FLAGS_ALLOC1 | XA_FLAGS_LOCK_IRQ);

/* Without a tolerance, a timer may be a tenth late, at most 10 ms. */
#define VMK_TIMER_MAX_DEFAULT_SLACK	(10 * NSEC_PER_MSEC)

/* The validated arguments of a schedule call. */
struct vmk_timer_args {
	vmk_ModuleID module;
	vmk_TimerCallback cb;
	vmk_TimerCookie data;
	ktime_t timeout;
	u64 slack;
	bool periodic;
	vmk_LockDomainID domain;
	vmk_LockRank rank;
};

static inline u64 vmk_timer_handle(vmk_Timer timer)
{
	return (u64)(uintptr_t)timer;
}

/*
 * The slot @timer names if it looks live, or NULL.  Caller is in an RCU
 * read section, which keeps the slot and its queue from being freed, and
 * must check @timer against the slot's handle again under its queue's
 * lock (vmk_timer_still()).
 */
static struct vmk_TimerInt *vmk_timer_find(vmk_Timer timer)
{
	u64 h = vmk_timer_handle(timer);
	struct vmk_TimerInt *t;

	if (!h)
		return NULL;
	t = xa_load(&vmk_timer_ids, (u32)h);
	if (!t || READ_ONCE(t->handle) != h)
		return NULL;
	return t;
}

/* Caller holds t->q->lock. */
static bool vmk_timer_still(struct vmk_TimerInt *t, vmk_Timer timer)
{
	return t->handle == vmk_timer_handle(timer);
}

static void vmk_timer_put_domain(vmk_LockDomainID domain)
{
	if (domain != VMK_LOCKDOMAIN_INVALID)
		vmk_core_lock_domain_put(domain);
}

/* Give a slot back to the free list.  Caller holds q->lock. */
static void vmk_timer_free(struct vmk_TimerQueueInt *q,
			   struct vmk_TimerInt *t)
{
	WRITE_ONCE(t->handle, 0);
	t->state = VMK_TIMER_FREE;
	vmk_timer_put_domain(t->domain);
	t->domain = VMK_LOCKDOMAIN_INVALID;
	list_add(&t->link, &q->free);
	q->nlive--;
}

/*
 * Stop a pending (ARMED or READY) timer.  Caller holds q->lock.  If the
 * hrtimer handler is already running it waits for q->lock and then sees
 * that the timer is no longer armed (or armed anew, hence queued).
 */
static void vmk_timer_disarm(struct vmk_TimerInt *t)
{
	if (t->state == VMK_TIMER_ARMED)
		hrtimer_try_to_cancel(&t->hrt);
	else if (t->state == VMK_TIMER_READY)
		list_del_init(&t->link);
}

/* Take over @a, including its domain reference.  Caller holds q->lock. */
static void vmk_timer_set(struct vmk_TimerInt *t,
			  const struct vmk_timer_args *a)
{
	vmk_timer_put_domain(t->domain);
	t->domain = a->domain;
	t->rank = a->rank;
	t->module = a->module;
	t->cb = a->cb;
	t->data = a->data;
	t->periodic = a->periodic;
	t->period = a->timeout;
	t->slack = a->slack;
	t->removed = false;
	t->resched = false;
}

static void vmk_timer_arm(struct vmk_TimerInt *t, ktime_t timeout)
{
	t->state = VMK_TIMER_ARMED;
	hrtimer_start_range_ns(&t->hrt, timeout, t->slack, HRTIMER_MODE_REL);
}

/* Hard IRQ: hand the due timer to the queue's thread. */
static enum hrtimer_restart vmk_timer_expired(struct hrtimer *hrt)
{
	struct vmk_TimerInt *t = container_of(hrt, struct vmk_TimerInt, hrt);
	struct vmk_TimerQueueInt *q = t->q;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	/* Queued again: cancelled and rescheduled while we waited. */
	if (t->state == VMK_TIMER_ARMED && !hrtimer_is_queued(hrt)) {
		t->state = VMK_TIMER_READY;
		list_add_tail(&t->link, &q->ready);
		trace_deferred_queue(VMK_CORE_DEFERRED_TIMER, t, q->name.string,
				     t->module, 0);
		wake_up_process(q->task);
	}
	spin_unlock_irqrestore(&q->lock, flags);
	return HRTIMER_NORESTART;
}

/* The callback of @t returned.  Caller holds q->lock. */
static void vmk_timer_ran(struct vmk_TimerQueueInt *q, struct vmk_TimerInt *t)
{
	if (t->removed || q->dying) {
		vmk_timer_free(q, t);
	} else if (t->resched) {
		t->resched = false;
		t->state = VMK_TIMER_ARMED;
		hrtimer_start_range_ns(&t->hrt, t->next, t->slack,
				       HRTIMER_MODE_ABS);
	} else {
		/* Periodic: the next period after now, skipping missed ones. */
		hrtimer_forward_now(&t->hrt, t->period);
		t->state = VMK_TIMER_ARMED;
		hrtimer_restart(&t->hrt);
	}
}

static int vmk_timerq_thread(void *arg)
{
	struct vmk_TimerQueueInt *q = arg;
	struct vmk_TimerInt *t;
	vmk_TimerCallback cb;
	vmk_TimerCookie data;

	for (;;) {
		set_current_state(TASK_IDLE);
		spin_lock_irq(&q->lock);
		t = list_first_entry_or_null(&q->ready, struct vmk_TimerInt,
					     link);
		if (!t) {
			spin_unlock_irq(&q->lock);
			if (kthread_should_stop())
				break;
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		list_del_init(&t->link);
		t->state = VMK_TIMER_RUNNING;
		/* A one-shot has fired: no longer pending, cancel finds none. */
		if (!t->periodic)
			t->removed = true;
		q->running = t;
		cb = t->cb;
		data = t->data;
		spin_unlock_irq(&q->lock);

		trace_deferred_start(VMK_CORE_DEFERRED_TIMER, t, q->name.string,
				     t->module, 0);
		cb(data);
		trace_deferred_done(VMK_CORE_DEFERRED_TIMER, t, q->name.string,
				    t->module, 0);

		spin_lock_irq(&q->lock);
		q->running = NULL;
		q->runs++;
		vmk_timer_ran(q, t);
		if (q->waiters)
			wake_up_all(&q->done_wq);
		spin_unlock_irq(&q->lock);
		cond_resched();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* A new slot from the queue's heap, with an id; NULL when out of either. */
static struct vmk_TimerInt *vmk_timer_slot_alloc(struct vmk_TimerQueueInt *q,
						 unsigned long caller)
{
	struct vmk_TimerInt *t;
	unsigned long flags;
	int err;

	t = vmk_HeapAllocWithRA(q->heap, sizeof(*t), (void *)caller);
	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	hrtimer_init(&t->hrt, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	t->hrt.function = vmk_timer_expired;
	t->q = q;
	t->domain = VMK_LOCKDOMAIN_INVALID;
	INIT_LIST_HEAD(&t->link);
	xa_lock_irqsave(&vmk_timer_ids, flags);
	err = __xa_alloc(&vmk_timer_ids, &t->id, t, xa_limit_32b, GFP_NOWAIT);
	xa_unlock_irqrestore(&vmk_timer_ids, flags);
	if (err) {
		vmk_HeapFree(q->heap, t);
		return NULL;
	}
	return t;
}

/* A new timer: a recycled slot if there is one, else a new one. */
static VMK_ReturnStatus vmk_timer_new(struct vmk_TimerQueueInt *q,
				      const struct vmk_timer_args *a,
				      vmk_Timer *timer, unsigned long caller)
{
	struct vmk_TimerInt *t;
	unsigned long flags;
	bool fresh = false;

	spin_lock_irqsave(&q->lock, flags);
	if (q->dying) {
		spin_unlock_irqrestore(&q->lock, flags);
		return VMK_INVALID_HANDLE;
	}
	t = list_first_entry_or_null(&q->free, struct vmk_TimerInt, link);
	if (t)
		list_del_init(&t->link);
	spin_unlock_irqrestore(&q->lock, flags);
	if (!t) {
		t = vmk_timer_slot_alloc(q, caller);
		if (!t)
			return VMK_NO_RESOURCES;
		fresh = true;
	}

	spin_lock_irqsave(&q->lock, flags);
	/* Even when dying: the slot is the queue's, destroy frees it. */
	if (fresh) {
		list_add(&t->slot, &q->slots);
		q->nslots++;
	}
	if (q->dying) {
		list_add(&t->link, &q->free);
		spin_unlock_irqrestore(&q->lock, flags);
		return VMK_INVALID_HANDLE;
	}
	t->gen++;
	WRITE_ONCE(t->handle, (u64)t->gen << 32 | t->id);
	q->nlive++;
	vmk_timer_set(t, a);
	/* Before arming: the callback may want to see its own handle. */
	*timer = (vmk_Timer)(uintptr_t)t->handle;
	vmk_timer_arm(t, a->timeout);
	spin_unlock_irqrestore(&q->lock, flags);
	return VMK_OK;
}

/* Reschedule a live timer of q; was it pending?  Caller holds q->lock. */
static bool vmk_timer_reschedule(struct vmk_TimerInt *t,
				 const struct vmk_timer_args *a)
{
	bool pending;

	if (t->state != VMK_TIMER_RUNNING) {
		vmk_timer_disarm(t);
		vmk_timer_set(t, a);
		vmk_timer_arm(t, a->timeout);
		return true;
	}
	/* Its callback runs: the thread arms it when the callback returns. */
	pending = !t->removed;
	vmk_timer_set(t, a);
	t->resched = true;
	t->next = ktime_add_safe(ktime_get(), a->timeout);
	return pending;
}

static u64 vmk_timer_us_to_ns(s64 us)
{
	if (us > KTIME_MAX / NSEC_PER_USEC)
		return KTIME_MAX;
	return us * NSEC_PER_USEC;
}

/* Check the arguments; on VMK_OK @a holds a domain reference (if any). */
static VMK_ReturnStatus vmk_timer_args(struct vmk_TimerQueueInt *q,
				       vmk_TimerCallback cb, s64 timeout_us,
				       s64 tolerance_us,
				       vmk_TimerAttributes attributes,
				       vmk_LockDomainID domain,
				       vmk_LockRank rank,
				       struct vmk_timer_args *a,
				       const char *api, unsigned long caller)
{
	u64 timeout;

	if (!cb) {
		vmk_core_bad_arg_api(api, caller, "queue %s: NULL callback",
				     q->name.string);
		return VMK_BAD_PARAM;
	}
	if (timeout_us < 0 ||
	    (tolerance_us < 0 && tolerance_us != VMK_TIMER_DEFAULT_TOLERANCE) ||
	    (attributes & ~(vmk_TimerAttributes)VMK_TIMER_ATTR_PERIODIC) ||
	    ((attributes & VMK_TIMER_ATTR_PERIODIC) && timeout_us == 0)) {
		vmk_core_bad_arg_api(api, caller,
				     "queue %s: timeout %lld us, tolerance %lld us, attributes %#llx",
				     q->name.string, timeout_us, tolerance_us,
				     attributes);
		return VMK_BAD_PARAM;
	}
	if ((domain == VMK_LOCKDOMAIN_INVALID) !=
	    (rank == VMK_SPINLOCK_UNRANKED) ||
	    rank == VMK_SPINLOCK_RANK_INVALID) {
		vmk_core_bad_arg_api(api, caller,
				     "queue %s: lock domain %p and rank %u do not go together",
				     q->name.string, domain, rank);
		return VMK_BAD_PARAM;
	}
	if (domain != VMK_LOCKDOMAIN_INVALID &&
	    vmk_core_lock_domain_get(domain) != VMK_OK) {
		vmk_core_bad_arg_api(api, caller,
				     "queue %s: %p is not a live lock domain",
				     q->name.string, domain);
		return VMK_INVALID_HANDLE;
	}
	timeout = vmk_timer_us_to_ns(timeout_us);
	a->cb = cb;
	a->timeout = ns_to_ktime(timeout);
	a->periodic = attributes & VMK_TIMER_ATTR_PERIODIC;
	if (tolerance_us == VMK_TIMER_DEFAULT_TOLERANCE)
		a->slack = min_t(u64, timeout / 10,
				 VMK_TIMER_MAX_DEFAULT_SLACK);
	else
		a->slack = vmk_timer_us_to_ns(tolerance_us);
	a->domain = domain;
	a->rank = rank;
	return VMK_OK;
}

static VMK_ReturnStatus vmk_timerq_get(vmk_TimerQueue queue,
				       struct vmk_TimerQueueInt **out,
				       const char *api, unsigned long caller)
{
	VMK_ReturnStatus status;

	status = vmk_core_handle_check(queue, VMK_CORE_HANDLE_TIMERQ,
				       "timer queue", api, caller);
	if (status == VMK_OK)
		*out = queue;
	return status;
}

static VMK_ReturnStatus vmk_timer_schedule(vmk_ModuleID module, bool custom,
					   vmk_TimerQueue queue,
					   vmk_TimerCallback cb,
					   vmk_TimerCookie data,
					   s64 timeout_us, s64 tolerance_us,
					   vmk_TimerAttributes attributes,
					   vmk_LockDomainID domain,
					   vmk_LockRank rank,
					   vmk_Bool *was_pending,
					   vmk_Timer *timer,
					   const char *api,
					   unsigned long caller)
{
	struct vmk_TimerQueueInt *q;
	struct vmk_timer_args a;
	struct vmk_TimerInt *t;
	VMK_ReturnStatus status;
	unsigned long flags;
	bool pending = false;

	vmk_core_assert_may_deschedule();
	status = vmk_timerq_get(queue, &q, api, caller);
	if (status != VMK_OK)
		return status;
	if (!timer) {
		vmk_core_bad_arg_api(api, caller, "queue %s: NULL timer",
				     q->name.string);
		return VMK_BAD_PARAM;
	}
	if (!custom) {
		module = q->module;
	} else if (!vmk_core_module_is_registered(module)) {
		vmk_core_bad_arg_api(api, caller,
				     "queue %s: module %d is not registered",
				     q->name.string, module);
		return VMK_BAD_PARAM;
	}
	status = vmk_timer_args(q, cb, timeout_us, tolerance_us, attributes,
				domain, rank, &a, api, caller);
	if (status != VMK_OK)
		return status;
	a.module = module;
	a.data = data;

	if (custom) {
		vmk_Timer old = READ_ONCE(*timer);

		rcu_read_lock();
		t = vmk_timer_find(old);
		if (t) {
			struct vmk_TimerQueueInt *tq = t->q;

			status = VMK_OK;
			spin_lock_irqsave(&tq->lock, flags);
			if (!vmk_timer_still(t, old))
				status = VMK_NOT_FOUND;
			else if (tq != q)
				status = VMK_BAD_PARAM;
			else if (q->dying)
				status = VMK_INVALID_HANDLE;
			else
				pending = vmk_timer_reschedule(t, &a);
			spin_unlock_irqrestore(&tq->lock, flags);
			/* tq is only safe to read in the RCU section. */
			if (status == VMK_BAD_PARAM)
				vmk_core_bad_arg_api(api, caller,
						     "queue %s: timer %p belongs to queue %s",
						     q->name.string, old,
						     tq->name.string);
			rcu_read_unlock();
			if (status == VMK_OK) {
				if (was_pending)
					*was_pending = pending;
				return VMK_OK;
			}
			if (status != VMK_NOT_FOUND) {
				vmk_timer_put_domain(a.domain);
				return status;
			}
			/* It fired (or was cancelled) since: a new timer. */
		} else {
			rcu_read_unlock();
		}
	}
	status = vmk_timer_new(q, &a, timer, caller);
	if (status != VMK_OK) {
		vmk_timer_put_domain(a.domain);
		return status;
	}
	if (was_pending)
		*was_pending = VMK_FALSE;
	return VMK_OK;
}

VMK_ReturnStatus vmk_TimerScheduleCustom(vmk_ModuleID moduleID,
					 vmk_TimerQueue queue,
					 vmk_TimerCallback callback,
					 vmk_TimerCookie data,
					 vmk_int64 timeoutUS,
					 vmk_int64 toleranceUS,
					 vmk_TimerAttributes attributes,
					 vmk_LockDomainID lockDomain,
					 vmk_LockRank lockRank,
					 vmk_Bool *wasPending,
					 vmk_Timer *timer)
{
	return vmk_timer_schedule(moduleID, true, queue, callback, data,
				  timeoutUS, toleranceUS, attributes,
				  lockDomain, lockRank, wasPending, timer,
				  __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_TimerScheduleCustom);

VMK_ReturnStatus vmk_TimerSchedule(vmk_TimerQueue queue,
				   vmk_TimerCallback callback,
				   vmk_TimerCookie data,
				   vmk_int64 timeoutUS,
				   vmk_int64 toleranceUS,
				   vmk_TimerAttributes attributes,
				   vmk_LockDomainID lockDomain,
				   vmk_LockRank lockRank,
				   vmk_Timer *timer)
{
	return vmk_timer_schedule(VMK_INVALID_MODULE_ID, false, queue,
				  callback, data, timeoutUS, toleranceUS,
				  attributes, lockDomain, lockRank, NULL,
				  timer, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_TimerSchedule);

/*
 * Wait until the callback that ran when we looked has returned: sleep if
 * we may, spin otherwise (the contract lets a non-blocking caller wait).
 */
static void vmk_timer_wait(struct vmk_TimerQueueInt *q, u64 runs)
{
	unsigned long flags;

	if (preemptible())
		wait_event(q->done_wq, READ_ONCE(q->runs) != runs);
	else
		while (READ_ONCE(q->runs) == runs)
			cpu_relax();
	spin_lock_irqsave(&q->lock, flags);
	/* Under the lock, so destroy cannot free q while we are here. */
	if (!--q->waiters && q->dying)
		wake_up_all(&q->done_wq);
	spin_unlock_irqrestore(&q->lock, flags);
}

VMK_ReturnStatus vmk_TimerCancel(vmk_Timer timer, vmk_Bool wait)
{
	struct vmk_TimerQueueInt *q;
	struct vmk_TimerInt *t;
	VMK_ReturnStatus status;
	bool must_wait = false, own = false;
	unsigned long flags;
	u64 runs = 0;

	vmk_core_assert_may_deschedule();
	rcu_read_lock();
	t = vmk_timer_find(timer);
	if (!t) {
		rcu_read_unlock();
		return VMK_NOT_FOUND;
	}
	q = t->q;
	spin_lock_irqsave(&q->lock, flags);
	if (!vmk_timer_still(t, timer)) {
		status = VMK_NOT_FOUND;
	} else if (t->state != VMK_TIMER_RUNNING) {
		vmk_timer_disarm(t);
		vmk_timer_free(q, t);
		status = VMK_OK;
	} else {
		/* Running: a one-shot already fired, a periodic stops. */
		status = t->removed ? VMK_NOT_FOUND : VMK_OK;
		t->removed = true;
		t->resched = false;
		if (wait && current == q->task) {
			own = true;
		} else if (wait) {
			must_wait = true;
			runs = q->runs;
			q->waiters++;
		}
	}
	spin_unlock_irqrestore(&q->lock, flags);
	rcu_read_unlock();
	if (own) {
		vmk_core_bad_arg("timer %p of queue %s: waiting for the timer's own callback from that callback",
				 timer, q->name.string);
		return VMK_WOULD_BLOCK;
	}
	/* Our waiter count keeps q alive. */
	if (must_wait)
		vmk_timer_wait(q, runs);
	return status;
}
VMKAPI_EXPORT(vmk_TimerCancel);

vmk_Bool vmk_TimerIsPending(vmk_Timer timer)
{
	struct vmk_TimerInt *t;
	unsigned long flags;
	bool pending = false;

	vmk_core_assert_may_deschedule();
	rcu_read_lock();
	t = vmk_timer_find(timer);
	if (!t) {
		rcu_read_unlock();
		return VMK_FALSE;
	}
	spin_lock_irqsave(&t->q->lock, flags);
	if (vmk_timer_still(t, timer))
		pending = t->state != VMK_TIMER_RUNNING || !t->removed;
	spin_unlock_irqrestore(&t->q->lock, flags);
	rcu_read_unlock();
	return pending;
}
VMKAPI_EXPORT(vmk_TimerIsPending);

/* ---- queues ----------------------------------------------------------- */

/*
 * Destroy after the handle is gone: cancel what is pending, let a
 * running callback finish, then free every slot.  Process context, no
 * locks held, not the queue's own thread.
 */
static void vmk_timerq_teardown(struct vmk_TimerQueueInt *q)
{
	struct vmk_TimerInt *t, *next;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	q->dying = true;
	list_for_each_entry(t, &q->slots, slot) {
		switch (t->state) {
		case VMK_TIMER_ARMED:
		case VMK_TIMER_READY:
			vmk_timer_disarm(t);
			vmk_timer_free(q, t);
			break;
		case VMK_TIMER_RUNNING:
			/* The thread frees it when the callback returns. */
			t->removed = true;
			t->resched = false;
			break;
		default:
			break;
		}
	}
	spin_unlock_irqrestore(&q->lock, flags);

	kthread_stop(q->task);
	put_task_struct(q->task);
	wait_event(q->done_wq, READ_ONCE(q->waiters) == 0);
	/* The last waiter woke us under the lock: let it finish with q. */
	spin_lock_irqsave(&q->lock, flags);
	spin_unlock_irqrestore(&q->lock, flags);

	list_for_each_entry(t, &q->slots, slot) {
		/* A handler that lost the race for q->lock may still run. */
		hrtimer_cancel(&t->hrt);
		xa_lock_irqsave(&vmk_timer_ids, flags);
		__xa_erase(&vmk_timer_ids, t->id);
		xa_unlock_irqrestore(&vmk_timer_ids, flags);
	}
	/* Lookups that found a slot before the erase are done with it. */
	synchronize_rcu();
	list_for_each_entry_safe(t, next, &q->slots, slot)
		vmk_HeapFree(q->heap, t);
	vmk_core_resource_del(&q->res);
	vmk_HeapFree(q->heap, q);
}

static void vmk_timerq_describe(struct vmk_core_resource *res, char *buf,
				size_t len)
{
	struct vmk_TimerQueueInt *q =
		container_of(res, struct vmk_TimerQueueInt, res);

	snprintf(buf, len, "%s (%u timer(s) scheduled)", q->name.string,
		 READ_ONCE(q->nlive));
}

static void vmk_timerq_reclaim(struct vmk_core_resource *res)
{
	struct vmk_TimerQueueInt *q =
		container_of(res, struct vmk_TimerQueueInt, res);

	if (vmk_core_handle_del_detached(q, VMK_CORE_HANDLE_TIMERQ))
		vmk_timerq_teardown(q);
}

static const struct vmk_core_resource_type vmk_timerq_type = {
	.kind = "timer queue",
	.describe = vmk_timerq_describe,
	.reclaim = vmk_timerq_reclaim,
};

VMK_ReturnStatus vmk_TimerQueueCreate(vmk_TimerQueueProps *props,
				      vmk_TimerQueue *queue)
{
	struct vmk_TimerQueueInt *q;
	vmk_HeapGetProps heap_props;
	VMK_ReturnStatus status;
	size_t len;

	vmk_core_assert_may_block();
	if (!props || !queue) {
		vmk_core_bad_arg("props %p queue %p", props, queue);
		return VMK_BAD_PARAM;
	}
	len = strnlen(props->name.string, VMK_MISC_NAME_MAX);
	if (len == 0 || len == VMK_MISC_NAME_MAX) {
		vmk_core_bad_arg("timer queue name is empty or unterminated");
		return VMK_BAD_PARAM;
	}
	if (props->attribs & ~(vmk_TimerQueueAttributes)
	    VMK_TIMER_QUEUE_ATTR_LOW_LATENCY) {
		vmk_core_bad_arg("timer queue %s: attributes %#llx",
				 props->name.string, props->attribs);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_module_is_registered(props->moduleID)) {
		vmk_core_bad_arg("timer queue %s: module %d is not registered",
				 props->name.string, props->moduleID);
		return VMK_BAD_PARAM;
	}
	if (props->heapID == VMK_INVALID_HEAP_ID ||
	    vmk_HeapGetProperties(props->heapID, &heap_props) != VMK_OK) {
		vmk_core_bad_arg("timer queue %s: heap %p is not live",
				 props->name.string, props->heapID);
		return VMK_BAD_PARAM;
	}

	q = vmk_HeapAllocWithRA(props->heapID, sizeof(*q), (void *)_RET_IP_);
	if (!q)
		return VMK_NO_RESOURCES;
	memset(q, 0, sizeof(*q));
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->ready);
	INIT_LIST_HEAD(&q->free);
	INIT_LIST_HEAD(&q->slots);
	init_waitqueue_head(&q->done_wq);
	q->heap = props->heapID;
	q->module = props->moduleID;
	q->attribs = props->attribs;
	vmk_NameCopy(&q->name, &props->name);

	status = VMK_NO_RESOURCES;
	q->task = kthread_create(vmk_timerq_thread, q, "vmk-tq-%.20s",
				 q->name.string);
	if (IS_ERR(q->task))
		goto free;
	get_task_struct(q->task);
	if (q->attribs & VMK_TIMER_QUEUE_ATTR_LOW_LATENCY)
		sched_set_fifo_low(q->task);
	if (vmk_core_handle_add_detached(q, VMK_CORE_HANDLE_TIMERQ))
		goto stop;
	status = vmk_core_resource_add(&q->res, &vmk_timerq_type, q->module);
	if (status != VMK_OK) {
		/* The module left since we looked. */
		vmk_core_bad_arg("timer queue %s: module %d is not registered",
				 q->name.string, q->module);
		status = VMK_BAD_PARAM;
		vmk_core_handle_del_detached(q, VMK_CORE_HANDLE_TIMERQ);
		goto stop;
	}
	wake_up_process(q->task);
	*queue = q;
	return VMK_OK;

stop:
	kthread_stop(q->task);
	put_task_struct(q->task);
free:
	vmk_HeapFree(props->heapID, q);
	return status;
}
VMKAPI_EXPORT(vmk_TimerQueueCreate);

VMK_ReturnStatus vmk_TimerQueueDestroy(vmk_TimerQueue queue)
{
	struct vmk_TimerQueueInt *q;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	status = vmk_timerq_get(queue, &q, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (current == q->task) {
		vmk_core_bad_arg("timer queue %s destroyed from its own callback",
				 q->name.string);
		return VMK_WOULD_BLOCK;
	}
	/* Of two racing destroys, one tears down. */
	if (!vmk_core_handle_del_detached(q, VMK_CORE_HANDLE_TIMERQ))
		return VMK_INVALID_HANDLE;
	vmk_timerq_teardown(q);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_TimerQueueDestroy);

vmk_Bool vmk_TimerQueueIsCurrentWorld(struct vmk_TimerQueueInt *queue)
{
	/*
	 * Ask the current thread rather than the queue: a callback still
	 * runs in its world while the queue is being destroyed (its handle
	 * already dead), and a queue that is not the caller's own is never
	 * dereferenced.
	 */
	if (!in_task() || !(current->flags & PF_KTHREAD) ||
	    kthread_func(current) != vmk_timerq_thread)
		return VMK_FALSE;
	return kthread_data(current) == queue;
}
VMKAPI_EXPORT(vmk_TimerQueueIsCurrentWorld);

vmk_ByteCount vmk_TimerQueueMaxHeapSize(vmk_uint32 maxTimers)
{
	vmk_HeapAllocationDescriptor d[2] = {
		{ .size = sizeof(struct vmk_TimerQueueInt), .count = 1 },
		{ .size = sizeof(struct vmk_TimerInt), .count = maxTimers },
	};
	vmk_ByteCount size;

	if (vmk_HeapDetermineMaxSize(d, maxTimers ? 2 : 1, &size) != VMK_OK)
		return 0;
	return size;
}
VMKAPI_EXPORT(vmk_TimerQueueMaxHeapSize);

/* ---- legacy timers ---------------------------------------------------- */

/*
 * The default queue of the legacy calls, the core's (module 0), on a
 * heap of its own sized for well over the 100 timers per CPU that ESXi
 * promised.  NULL if it could not be made; the calls then fail.
 */
#define VMK_LEGACY_TIMERS_PER_CPU	256

static vmk_HeapID vmk_legacy_heap = VMK_INVALID_HEAP_ID;
static vmk_TimerQueue vmk_legacy_queue = VMK_INVALID_TIMER_QUEUE;

static VMK_ReturnStatus vmk_timer_legacy(vmk_TimerCallback cb,
					 vmk_TimerCookie data, s32 timeout_us,
					 vmk_Bool periodic, vmk_Timer *timer,
					 vmk_Bool *pending, bool modify,
					 const char *api, unsigned long caller)
{
	if (!vmk_legacy_queue)
		return VMK_NO_RESOURCES;
	return vmk_timer_schedule(VMK_VMKERNEL_MODULE_ID, modify,
				  vmk_legacy_queue, cb, data, timeout_us,
				  VMK_TIMER_DEFAULT_TOLERANCE,
				  periodic ? VMK_TIMER_ATTR_PERIODIC :
				  VMK_TIMER_ATTR_NONE,
				  VMK_LOCKDOMAIN_INVALID,
				  VMK_SPINLOCK_UNRANKED, pending, timer, api,
				  caller);
}

VMK_ReturnStatus vmk_TimerAdd(vmk_TimerCallback callback,
			      vmk_TimerCookie data,
			      vmk_int32 timeoutUs,
			      vmk_Bool periodic,
			      vmk_SpinlockRank rank,
			      vmk_Timer *timer)
{
	return vmk_timer_legacy(callback, data, timeoutUs, periodic, timer,
				NULL, false, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_TimerAdd);

VMK_ReturnStatus vmk_TimerModifyOrAdd(vmk_TimerCallback callback,
				      vmk_TimerCookie data,
				      vmk_int32 timeoutUs,
				      vmk_Bool periodic,
				      vmk_SpinlockRank rank,
				      vmk_Timer *timer,
				      vmk_Bool *pending)
{
	return vmk_timer_legacy(callback, data, timeoutUs, periodic, timer,
				pending, true, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_TimerModifyOrAdd);

VMK_ReturnStatus vmk_TimerRemove(vmk_Timer timer)
{
	return vmk_TimerCancel(timer, VMK_FALSE);
}
VMKAPI_EXPORT(vmk_TimerRemove);

VMK_ReturnStatus vmk_TimerRemoveSync(vmk_Timer timer)
{
	return vmk_TimerCancel(timer, VMK_TRUE);
}
VMKAPI_EXPORT(vmk_TimerRemoveSync);

/*
 * A module is going: cancel its legacy timers (their callbacks are its
 * code) and wait for one that runs.  Queues of its own are resources,
 * reclaimed by module.c.
 */
static int vmk_timer_module_notify(struct notifier_block *nb,
				   unsigned long action, void *data)
{
	struct vmk_TimerQueueInt *q = vmk_legacy_queue;
	struct module *mod = data;
	struct vmk_TimerInt *t;
	unsigned long flags;
	unsigned int n = 0;
	bool wait = false;
	u64 runs = 0;

	if (action != MODULE_STATE_GOING || !q)
		return NOTIFY_DONE;
	spin_lock_irqsave(&q->lock, flags);
	list_for_each_entry(t, &q->slots, slot) {
		if (t->state == VMK_TIMER_FREE ||
		    !within_module((unsigned long)t->cb, mod))
			continue;
		n++;
		if (t->state == VMK_TIMER_RUNNING) {
			t->removed = true;
			t->resched = false;
			wait = true;
		} else {
			vmk_timer_disarm(t);
			vmk_timer_free(q, t);
		}
	}
	if (wait) {
		runs = q->runs;
		q->waiters++;
	}
	spin_unlock_irqrestore(&q->lock, flags);
	if (wait)
		vmk_timer_wait(q, runs);
	if (n)
		pr_warn("module %s unloaded with %u legacy timer(s) scheduled; cancelled\n",
			mod->name, n);
	return NOTIFY_DONE;
}

static struct notifier_block vmk_timer_module_nb = {
	.notifier_call = vmk_timer_module_notify,
};

void vmk_core_timer_init(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = VMK_VMKERNEL_MODULE_ID,
	};
	vmk_TimerQueueProps props = {
		.moduleID = VMK_VMKERNEL_MODULE_ID,
		.attribs = VMK_TIMER_QUEUE_ATTR_NONE,
	};
	vmk_ByteCount max;

	max = vmk_TimerQueueMaxHeapSize(VMK_LEGACY_TIMERS_PER_CPU *
					num_possible_cpus());
	heap_props.max = max && max <= U32_MAX ? max : U32_MAX;
	vmk_NameInitialize(&heap_props.name, "vmkapi-timers");
	vmk_NameInitialize(&props.name, "vmkapi-timers");
	if (vmk_HeapCreate(&heap_props, &vmk_legacy_heap) != VMK_OK) {
		pr_err("no heap for legacy timers; vmk_TimerAdd will fail\n");
		vmk_legacy_heap = VMK_INVALID_HEAP_ID;
		return;
	}
	props.heapID = vmk_legacy_heap;
	if (vmk_TimerQueueCreate(&props, &vmk_legacy_queue) != VMK_OK) {
		pr_err("no queue for legacy timers; vmk_TimerAdd will fail\n");
		vmk_legacy_queue = VMK_INVALID_TIMER_QUEUE;
		vmk_HeapDestroy(vmk_legacy_heap);
		vmk_legacy_heap = VMK_INVALID_HEAP_ID;
		return;
	}
	register_module_notifier(&vmk_timer_module_nb);
}

void vmk_core_timer_exit(void)
{
	if (!vmk_legacy_queue)
		return;
	unregister_module_notifier(&vmk_timer_module_nb);
	vmk_TimerQueueDestroy(vmk_legacy_queue);
	vmk_legacy_queue = VMK_INVALID_TIMER_QUEUE;
	vmk_HeapDestroy(vmk_legacy_heap);
	vmk_legacy_heap = VMK_INVALID_HEAP_ID;
}
