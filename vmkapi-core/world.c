// SPDX-License-Identifier: GPL-2.0
/*
 * Worlds: every world a driver creates is a kernel thread, its ID the
 * thread's ID.  The core keeps a table of the worlds it created (by ID),
 * so that destroy, force wakeup and wait-for-death can find them, and so
 * that a module's leftover worlds can be killed when it unloads.
 *
 * Death pending is a flag of the world, not kthread_stop(): a kill must
 * not wait, and kthread_stop() waits for the thread to exit.  The world
 * learns of it through vmk_core_death_pending(), which every family's
 * waits and contended spinlocks check; the kill also wakes the thread so
 * that a sleep notices at once.
 *
 * Waits: a waiter on an event sits on a hashed bucket list under a
 * spinlock; vmk_WorldWakeup marks and wakes every waiter of its event.
 * A world's current wait (event, VMK_EVENT_NONE or sleep) is also
 * published in the world, under its own lock, for vmk_WorldForceWakeup
 * and its sticky pending wakeup.  A waiter lives on its waiter's stack:
 * a waker only touches it under the lock that the waiter takes again
 * before it returns.
 *
 * Lifetime: the world structure (kmalloc'd core memory) is referenced by
 * its thread until the thread ends and by whoever looked it up; the
 * thread also holds a reference on vmkapi.ko, dropped in the same call
 * that ends it, so the core cannot unload under a dying thread.
 */
#include "vmkapi_core.h"

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/preempt.h>
#include <linux/refcount.h>
#include <linux/seq_file.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/threads.h>

/*
 * What vmk_WorldCreate borrows from the creator's heap: the start
 * arguments, handed over to the new thread, which gives them back before
 * it calls the body (so a heap destroyed with vmk_HeapDestroySync right
 * after the create waits exactly until the world runs).
 */
struct vmk_world_start {
	vmk_WorldStartFunc fn;
	void *data;
};

/* How a wait ended, as far as wakers are concerned. */
enum vmk_world_wake {
	VMK_WAKE_NONE,
	VMK_WAKE_EVENT,		/* vmk_WorldWakeup */
	VMK_WAKE_FORCE,		/* vmk_WorldForceWakeup */
};

struct vmk_world_waiter {
	/* On its event's bucket; unhashed for VMK_EVENT_NONE and sleeps. */
	struct hlist_node link;
	vmk_WorldEventID event;
	struct task_struct *task;
	int woken;		/* enum vmk_world_wake; WRITE_ONCE/READ_ONCE */
};

/* Interrupt cookies one world can have follow it (NVMe: one per queue). */
#define VMK_WORLD_MAX_INTR	8

struct vmk_world {
	refcount_t ref;
	vmk_WorldID id;
	struct task_struct *task;
	/* In vmk_worlds from creation until the thread finishes. */
	struct hlist_node node;
	/* Guards waiter, reason and force_pending; taken with IRQs off. */
	spinlock_t lock;
	struct vmk_world_waiter *waiter;
	const char *reason;
	bool force_pending;
	bool dying;
	struct completion dead;
	/* Tasks in vmk_WorldWaitForDeath (or a reclaim) for this world. */
	atomic_t death_waiters;
	VMK_ReturnStatus exit_status;
	/* Until the thread starts: the borrowed start arguments. */
	struct vmk_world_start *start;
	vmk_HeapID heap;
	vmk_ModuleID module;
	char name[VMK_MISC_NAME_MAX];
	struct vmk_core_resource res;
	/*
	 * Interrupts that follow this world (vmk_WorldInterruptSet), and the
	 * CPU they were last steered to; guarded by lock.
	 */
	vmk_IntrCookie intr[VMK_WORLD_MAX_INTR];
	unsigned int nr_intr;
	int intr_cpu;
};

/* The worlds this core created and whose thread has not finished. */
#define VMK_WORLD_HASH_BITS	6
static DEFINE_HASHTABLE(vmk_worlds, VMK_WORLD_HASH_BITS);
static DEFINE_SPINLOCK(vmk_worlds_lock);

/*
 * Waiters by event.  Buckets are statically initialised (the core has no
 * init hook for this family), hence hlists: an empty one is all zeroes.
 */
#define VMK_EVENT_HASH_BITS	6
struct vmk_event_bucket {
	spinlock_t lock;
	struct hlist_head waiters;
};

static struct vmk_event_bucket vmk_events[1 << VMK_EVENT_HASH_BITS] = {
	[0 ... (1 << VMK_EVENT_HASH_BITS) - 1] = {
		.lock = __SPIN_LOCK_UNLOCKED(vmk_events.lock),
	},
};

static struct vmk_event_bucket *vmk_event_bucket(vmk_WorldEventID event)
{
	return &vmk_events[hash_long(event, VMK_EVENT_HASH_BITS)];
}

/* How long a death wait goes between warnings about a world that lives on. */
#define VMK_WORLD_DEATH_WARN	(30 * HZ)

static int vmk_world_main(void *arg);

/* ---- lookup and lifetime ----------------------------------------------- */

static void vmk_world_put(struct vmk_world *w)
{
	if (refcount_dec_and_test(&w->ref)) {
		put_task_struct(w->task);
		kfree(w);
	}
}

/* A reference on the running world @id, or NULL. */
static struct vmk_world *vmk_world_get(vmk_WorldID id)
{
	struct vmk_world *w, *found = NULL;
	unsigned long flags;

	if (id == VMK_INVALID_WORLD_ID)
		return NULL;
	spin_lock_irqsave(&vmk_worlds_lock, flags);
	hash_for_each_possible(vmk_worlds, w, node, id) {
		if (w->id == id) {
			refcount_inc(&w->ref);
			found = w;
			break;
		}
	}
	spin_unlock_irqrestore(&vmk_worlds_lock, flags);
	return found;
}

/*
 * A reference on @w if it is still a running world.  @w may have been
 * freed: it is only compared, never dereferenced, until found.
 */
static bool vmk_world_get_live(struct vmk_world *w)
{
	struct vmk_world *cur;
	unsigned long flags;
	bool found = false;
	int bkt;

	spin_lock_irqsave(&vmk_worlds_lock, flags);
	hash_for_each(vmk_worlds, bkt, cur, node) {
		if (cur == w) {
			refcount_inc(&w->ref);
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&vmk_worlds_lock, flags);
	return found;
}

/*
 * The world the current task is, if the core created it.  Interrupt and
 * softirq code runs on behalf of no world, whatever it interrupted.
 */
static struct vmk_world *vmk_world_current(void)
{
	if (!in_task() || !(current->flags & PF_KTHREAD) ||
	    kthread_func(current) != vmk_world_main)
		return NULL;
	return kthread_data(current);
}

bool vmk_core_world_dying(void)
{
	struct vmk_world *w = vmk_world_current();

	return w && READ_ONCE(w->dying);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_world_dying, VMKAPI_INTERNAL);

/* Death pending for @w (the current world) or, if NULL, the current task. */
static bool vmk_world_death(struct vmk_world *w)
{
	return w ? READ_ONCE(w->dying) : vmk_core_death_pending();
}

/*
 * Post the kill.  The store is ordered before the wakeup's check of the
 * thread's state (try_to_wake_up is a full barrier), and every sleep
 * here checks the flag after setting its state, so none misses it.
 * Waking a sleep that is not ours is a spurious wakeup, which every
 * kernel wait tolerates (kthread_stop does the same).
 */
static void vmk_world_kill(struct vmk_world *w)
{
	WRITE_ONCE(w->dying, true);
	wake_up_process(w->task);
}

/* Wait for @w's thread to finish; warns now and then while it lives. */
static void vmk_world_wait_dead(struct vmk_world *w)
{
	atomic_inc(&w->death_waiters);
	while (!wait_for_completion_timeout(&w->dead, VMK_WORLD_DEATH_WARN))
		pr_warn("still waiting for world %s (%d) to die%s\n", w->name,
			w->id, READ_ONCE(w->dying) ? "" : " (not destroyed)");
	atomic_dec(&w->death_waiters);
}

/* The thread's end: leave the table, release waiters, drop everything. */
static void __noreturn vmk_world_finish(struct vmk_world *w,
					VMK_ReturnStatus status)
{
	unsigned long flags;

	spin_lock_irqsave(&vmk_worlds_lock, flags);
	hash_del(&w->node);
	spin_unlock_irqrestore(&vmk_worlds_lock, flags);
	vmk_core_resource_del(&w->res);
	w->exit_status = status;
	complete_all(&w->dead);
	vmk_world_put(w);
	/* Not a line of vmkapi.ko runs after this drops its reference. */
	module_put_and_kthread_exit(0);
}

static int vmk_world_main(void *arg)
{
	struct vmk_world *w = arg;
	struct vmk_world_start *start = w->start;
	vmk_WorldStartFunc fn = start->fn;
	void *data = start->data;

	/* Creation is over: give the creator's heap its memory back. */
	w->start = NULL;
	vmk_HeapFree(w->heap, start);
	vmk_world_finish(w, fn(data));
}

/* ---- module resources --------------------------------------------------- */

static void vmk_world_describe(struct vmk_core_resource *res, char *buf,
			       size_t len)
{
	struct vmk_world *w = container_of(res, struct vmk_world, res);
	const char *reason = READ_ONCE(w->reason);

	/* Under the registry's lock: @w cannot finish (it unlinks first). */
	snprintf(buf, len, "%s (id %d, %s%s%s)", w->name, w->id,
		 READ_ONCE(w->waiter) ? "waiting: " : "running",
		 READ_ONCE(w->waiter) ? (reason ?: "-") : "",
		 READ_ONCE(w->dying) ? ", dying" : "");
}

/*
 * The module unloaded with the world still running its code: kill it and
 * wait for its death before that code goes away.
 */
static void vmk_world_reclaim(struct vmk_core_resource *res)
{
	struct vmk_world *w = container_of(res, struct vmk_world, res);

	if (!vmk_world_get_live(w))
		return;
	pr_warn("killing world %s (%d) of an unloading module and waiting for its death\n",
		w->name, w->id);
	vmk_world_kill(w);
	vmk_world_wait_dead(w);
	vmk_world_put(w);
}

static const struct vmk_core_resource_type vmk_world_type = {
	.kind = "world",
	.describe = vmk_world_describe,
	.reclaim = vmk_world_reclaim,
};

/* ---- creation and death ------------------------------------------------- */

vmk_ByteCount vmk_WorldCreateAllocSize(vmk_ByteCount *alignment)
{
	if (alignment)
		*alignment = __alignof__(struct vmk_world_start);
	else
		vmk_core_bad_arg("NULL alignment");
	return sizeof(struct vmk_world_start);
}
VMKAPI_EXPORT(vmk_WorldCreateAllocSize);

/* The heap a create borrows from: the one named, or the module's. */
static VMK_ReturnStatus vmk_world_heap(const vmk_WorldProps *props,
				       vmk_HeapID *heap, unsigned long caller)
{
	vmk_HeapGetProps heap_props;

	*heap = props->heapID;
	if (*heap == VMK_INVALID_HEAP_ID) {
		if (!vmk_core_module_is_registered(props->moduleID)) {
			vmk_core_bad_arg_api("vmk_WorldCreate", caller,
					     "world %s: module %d is not registered",
					     props->name, props->moduleID);
			return VMK_INVALID_MODULE;
		}
		*heap = vmk_ModuleGetHeapID(props->moduleID);
		if (*heap == VMK_INVALID_HEAP_ID)
			return VMK_NO_MODULE_HEAP;
	}
	if (vmk_HeapGetProperties(*heap, &heap_props) != VMK_OK) {
		vmk_core_bad_arg_api("vmk_WorldCreate", caller,
				     "world %s: heap %p is not live",
				     props->name, *heap);
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_WorldCreate(vmk_WorldProps *props, vmk_WorldID *worldId)
{
	struct vmk_world_start *start;
	struct task_struct *task;
	struct vmk_world *w;
	VMK_ReturnStatus status;
	unsigned long flags;
	vmk_HeapID heap;

	vmk_core_assert_may_block();
	if (vmk_core_death_pending())
		return VMK_DEATH_PENDING;
	if (!props || !props->name || !props->startFunction) {
		vmk_core_bad_arg("props %p, or its name or start function, is NULL",
				 props);
		return VMK_BAD_PARAM;
	}
	if (props->schedClass != VMK_WORLD_SCHED_CLASS_DEFAULT &&
	    props->schedClass != VMK_WORLD_SCHED_CLASS_QUICK) {
		vmk_core_bad_arg("world %s: bad scheduler class %d",
				 props->name, props->schedClass);
		return VMK_BAD_PARAM;
	}
	status = vmk_world_heap(props, &heap, _RET_IP_);
	if (status != VMK_OK)
		return status;

	start = vmk_HeapAlignWithRA(heap, sizeof(*start),
				    __alignof__(struct vmk_world_start),
				    (void *)_RET_IP_);
	if (!start)
		return VMK_NO_MEMORY;
	start->fn = props->startFunction;
	start->data = props->data;
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w) {
		status = VMK_NO_MEMORY;
		goto err_start;
	}
	refcount_set(&w->ref, 1);
	spin_lock_init(&w->lock);
	init_completion(&w->dead);
	w->start = start;
	w->heap = heap;
	w->module = props->moduleID;
	strscpy(w->name, props->name[0] ? props->name : "vmk-world",
		sizeof(w->name));

	task = kthread_create(vmk_world_main, w, "%s", w->name);
	if (IS_ERR(task)) {
		/* -EINTR: the creator was killed while the thread was made. */
		status = PTR_ERR(task) == -EINTR ? VMK_DEATH_PENDING :
						   VMK_NO_MEMORY;
		goto err_world;
	}
	get_task_struct(task);
	w->task = task;
	w->id = task_pid_nr(task);
	if (props->schedClass == VMK_WORLD_SCHED_CLASS_QUICK)
		sched_set_fifo(task);

	status = vmk_core_resource_add(&w->res, &vmk_world_type,
				       props->moduleID);
	if (status != VMK_OK) {
		vmk_core_bad_arg("world %s: module %d is not registered",
				 w->name, props->moduleID);
		/* Never woken: it ends without running vmk_world_main. */
		kthread_stop(task);
		put_task_struct(task);
		goto err_world;
	}
	__module_get(THIS_MODULE);
	spin_lock_irqsave(&vmk_worlds_lock, flags);
	hash_add(vmk_worlds, &w->node, w->id);
	spin_unlock_irqrestore(&vmk_worlds_lock, flags);
	if (worldId)
		*worldId = w->id;
	wake_up_process(task);
	return VMK_OK;

err_world:
	kfree(w);
err_start:
	vmk_HeapFree(heap, start);
	return status;
}
VMKAPI_EXPORT(vmk_WorldCreate);

VMK_ReturnStatus vmk_WorldDestroy(vmk_WorldID worldID)
{
	struct vmk_world *w = vmk_world_get(worldID);

	if (!w)
		return VMK_NOT_FOUND;
	vmk_world_kill(w);
	vmk_world_put(w);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldDestroy);

VMK_ReturnStatus vmk_WorldWaitForDeath(vmk_WorldID worldID)
{
	struct vmk_world *w;

	vmk_core_assert_may_block();
	w = vmk_world_get(worldID);
	if (!w)
		return VMK_INVALID_WORLD;
	if (w->task == current) {
		vmk_world_put(w);
		vmk_core_bad_arg("world %d waits for its own death", worldID);
		return VMK_BAD_PARAM;
	}
	vmk_world_wait_dead(w);
	vmk_world_put(w);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldWaitForDeath);

void vmk_WorldExit(VMK_ReturnStatus status)
{
	struct vmk_world *w = vmk_world_current();

	if (!w) {
		vmk_core_bad_arg("not a world created by vmk_WorldCreate");
		return;
	}
	vmk_core_assert_may_block();
	vmk_world_finish(w, status);
}
VMKAPI_EXPORT(vmk_WorldExit);

vmk_WorldID vmk_WorldGetID(void)
{
	if (!in_task())
		return VMK_INVALID_WORLD_ID;
	return task_pid_nr(current);
}
VMKAPI_EXPORT(vmk_WorldGetID);

void vmk_WorldAssertIsSafeToBlockInt(void)
{
	vmk_core_assert_may_block();
}
VMKAPI_EXPORT(vmk_WorldAssertIsSafeToBlockInt);

vmk_uint32 vmk_WorldsMax(void)
{
	return PID_MAX_LIMIT;
}
VMKAPI_EXPORT(vmk_WorldsMax);

VMK_ReturnStatus vmk_WorldYield(void)
{
	vmk_core_assert_may_block();
	/*
	 * Into the scheduler as a runnable task: whoever it prefers runs
	 * first.  (yield() would also push a QUICK world behind its peers,
	 * but the kernel discourages it.)
	 */
	schedule();
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldYield);

/* ---- waits --------------------------------------------------------------- */

static void vmk_world_intr_follow(struct vmk_world *w);

/*
 * Publish @waiter as @w's current wait (NULL: none, the world runs
 * again, and its interrupts catch up with the CPU it woke on).
 */
static void vmk_world_set_waiter(struct vmk_world *w,
				 struct vmk_world_waiter *waiter,
				 const char *reason)
{
	unsigned long flags;

	spin_lock_irqsave(&w->lock, flags);
	w->waiter = waiter;
	w->reason = reason;
	spin_unlock_irqrestore(&w->lock, flags);
	if (!waiter)
		vmk_world_intr_follow(w);
}

/* Take @waiter off its bucket unless a wakeup did already. */
static void vmk_event_dequeue(struct vmk_world_waiter *waiter)
{
	struct vmk_event_bucket *b = vmk_event_bucket(waiter->event);
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	if (!hlist_unhashed(&waiter->link))
		hlist_del_init(&waiter->link);
	spin_unlock_irqrestore(&b->lock, flags);
}

/*
 * Could the caller sleep once it has released @has_lock's lock?  Only
 * where the kernel counts preemption: there, holding exactly that one
 * spinlock is a preempt count of PREEMPT_LOCK_OFFSET.  Anything more is
 * another lock, a BH- or preempt-disabled section, or an interrupt.
 */
static bool vmk_world_may_sleep_after(bool has_lock)
{
	if (!IS_ENABLED(CONFIG_PREEMPT_COUNT))
		return true;
	return preempt_count() == (has_lock ? PREEMPT_LOCK_OFFSET : 0) &&
	       !irqs_disabled();
}

/*
 * What a wait releases once it is registered: a lock of the current
 * API, a legacy spinlock, a legacy IRQ spinlock taken with interrupts
 * on (whose release turns them back on), or nothing.
 */
struct vmk_world_release {
	enum {
		VMK_RELEASE_NONE,
		VMK_RELEASE_LOCK,
		VMK_RELEASE_LEGACY,
		VMK_RELEASE_LEGACY_IRQ,
	} kind;
	union {
		vmk_Lock lock;
		vmk_Spinlock *sp;
		vmk_SpinlockIRQ *irq;
	};
};

/* Could the caller sleep once the lock @r names is released? */
static bool vmk_world_may_sleep_releasing(const struct vmk_world_release *r)
{
	if (r->kind != VMK_RELEASE_LEGACY_IRQ)
		return vmk_world_may_sleep_after(r->kind != VMK_RELEASE_NONE);
	/* Off because of the lock; its release turns them on. */
	return !IS_ENABLED(CONFIG_PREEMPT_COUNT) ||
	       preempt_count() == PREEMPT_LOCK_OFFSET;
}

static void vmk_world_release_lock(const struct vmk_world_release *r)
{
	switch (r->kind) {
	case VMK_RELEASE_LOCK:
		vmk_SpinlockUnlock(r->lock);
		break;
	case VMK_RELEASE_LEGACY:
		vmk_SPUnlock(r->sp);
		break;
	case VMK_RELEASE_LEGACY_IRQ:
		vmk_SPUnlockIRQ(r->irq, 0);
		break;
	default:
		break;
	}
}

/*
 * Sleep until woken, dead, signalled or out of time, and say which.
 * @timeout in jiffies (MAX_SCHEDULE_TIMEOUT: none).
 */
static VMK_ReturnStatus vmk_world_block(struct vmk_world *w,
					struct vmk_world_waiter *waiter,
					long timeout)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(waiter->woken) || vmk_world_death(w) ||
		    signal_pending(current) || !timeout)
			break;
		timeout = schedule_timeout(timeout);
	}
	__set_current_state(TASK_RUNNING);
	if (vmk_world_death(w))
		return VMK_DEATH_PENDING;
	if (READ_ONCE(waiter->woken))
		return VMK_OK;
	if (signal_pending(current))
		return VMK_WAIT_INTERRUPTED;
	return VMK_TIMEOUT;
}

/*
 * The wait behind every form: register on @eventId (and as @w's wait),
 * release @r's lock, sleep.  @timeout in jiffies (MAX_SCHEDULE_TIMEOUT:
 * none).  The caller has checked its arguments.
 */
static VMK_ReturnStatus vmk_world_wait(vmk_WorldEventID eventId,
				       const struct vmk_world_release *r,
				       long timeout, const char *reason,
				       unsigned long caller)
{
	struct vmk_world *w = vmk_world_current();
	struct vmk_world_waiter waiter = {
		.event = eventId,
		.task = current,
	};
	struct vmk_event_bucket *b;
	VMK_ReturnStatus status;
	unsigned long flags;

	if (!in_task() || !vmk_world_may_sleep_releasing(r)) {
		vmk_core_bad_arg_from(caller,
				      "cannot sleep here (interrupt, or locks held besides the one to release)");
		return VMK_BAD_PARAM;
	}

	/* Registered before the lock goes, so no wakeup after it is lost. */
	INIT_HLIST_NODE(&waiter.link);
	if (eventId != VMK_EVENT_NONE) {
		b = vmk_event_bucket(eventId);
		spin_lock_irqsave(&b->lock, flags);
		hlist_add_head(&waiter.link, &b->waiters);
		spin_unlock_irqrestore(&b->lock, flags);
	}
	if (w) {
		spin_lock_irqsave(&w->lock, flags);
		if (eventId == VMK_EVENT_NONE && w->force_pending) {
			w->force_pending = false;
			waiter.woken = VMK_WAKE_FORCE;
		} else {
			w->waiter = &waiter;
			w->reason = reason;
		}
		spin_unlock_irqrestore(&w->lock, flags);
	}

	if (r->kind != VMK_RELEASE_NONE) {
		vmk_world_release_lock(r);
		/*
		 * Still atomic: the unlock refused (and logged) a lock of
		 * another type, which the caller still holds.
		 */
		if (!vmk_world_may_sleep_after(false)) {
			status = VMK_BAD_PARAM;
			goto out;
		}
	}
	status = vmk_world_block(w, &waiter, timeout);
out:
	if (w)
		vmk_world_set_waiter(w, NULL, NULL);
	if (eventId != VMK_EVENT_NONE)
		vmk_event_dequeue(&waiter);
	return status;
}

VMK_ReturnStatus vmk_WorldWait(vmk_WorldEventID eventId, vmk_Lock lock,
			       vmk_uint32 timeoutMS, const char *reason)
{
	struct vmk_world_release r = {
		.kind = lock == VMK_LOCK_INVALID ? VMK_RELEASE_NONE :
						   VMK_RELEASE_LOCK,
		.lock = lock,
	};
	long timeout;

	vmk_core_assert_may_deschedule();
	if (!lock) {
		vmk_core_bad_arg("NULL lock (VMK_LOCK_INVALID is \"none\")");
		return VMK_BAD_PARAM;
	}
	if (timeoutMS == VMK_TIMEOUT_NONBLOCKING) {
		vmk_core_bad_arg("VMK_TIMEOUT_NONBLOCKING is not a wait");
		return VMK_BAD_PARAM;
	}
	timeout = timeoutMS == VMK_TIMEOUT_UNLIMITED_MS ?
		  MAX_SCHEDULE_TIMEOUT : (long)msecs_to_jiffies(timeoutMS);
	return vmk_world_wait(eventId, &r, timeout, reason, _RET_IP_);
}
VMKAPI_EXPORT(vmk_WorldWait);

static const char *const vmk_world_wait_reasons[] = {
	[VMK_WORLD_WAIT_MISC] = "legacy",
	[VMK_WORLD_WAIT_SCSI_PLUGIN] = "legacy scsi plugin",
	[VMK_WORLD_WAIT_NET] = "legacy net",
};

/* The checks the legacy forms share; false: logged, VMK_BAD_PARAM. */
static bool vmk_world_legacy_args_ok(const void *lock,
				     vmk_WorldWaitReason reason,
				     unsigned long caller)
{
	if (lock && (unsigned int)reason < VMK_WORLD_WAIT_MAX)
		return true;
	vmk_core_bad_arg_from(caller, "lock %p, reason %d", lock, reason);
	return false;
}

VMK_ReturnStatus vmk_WorldWaitLegacy(vmk_WorldEventID eventId,
				     vmk_Spinlock *lock,
				     vmk_WorldWaitReason reason)
{
	struct vmk_world_release r = { .kind = VMK_RELEASE_LEGACY, .sp = lock };

	vmk_core_assert_may_deschedule();
	if (!vmk_world_legacy_args_ok(lock, reason, _RET_IP_))
		return VMK_BAD_PARAM;
	return vmk_world_wait(eventId, &r, MAX_SCHEDULE_TIMEOUT,
			      vmk_world_wait_reasons[reason], _RET_IP_);
}
VMKAPI_EXPORT(vmk_WorldWaitLegacy);

VMK_ReturnStatus vmk_WorldTimedWaitLegacy(vmk_WorldEventID eventId,
					  vmk_Spinlock *lock,
					  vmk_WorldWaitReason reason,
					  vmk_uint64 timeoutUs,
					  vmk_Bool *timedOut)
{
	struct vmk_world_release r = { .kind = VMK_RELEASE_LEGACY, .sp = lock };
	VMK_ReturnStatus status;
	long timeout;

	vmk_core_assert_may_deschedule();
	if (!vmk_world_legacy_args_ok(lock, reason, _RET_IP_))
		return VMK_BAD_PARAM;
	timeout = min_t(u64, usecs_to_jiffies(min_t(u64, timeoutUs,
						    UINT_MAX)),
			MAX_SCHEDULE_TIMEOUT - 1);
	status = vmk_world_wait(eventId, &r, timeout,
				vmk_world_wait_reasons[reason], _RET_IP_);
	if (timedOut)
		*timedOut = status == VMK_TIMEOUT;
	/* Here the end of the time is a normal return. */
	return status == VMK_TIMEOUT ? VMK_OK : status;
}
VMKAPI_EXPORT(vmk_WorldTimedWaitLegacy);

VMK_ReturnStatus vmk_WorldWaitIRQLegacy(vmk_WorldEventID eventId,
					vmk_SpinlockIRQ *lock,
					vmk_WorldWaitReason reason,
					unsigned long flags)
{
	struct vmk_world_release r = {
		.kind = VMK_RELEASE_LEGACY_IRQ,
		.irq = lock,
	};

	vmk_core_assert_may_deschedule();
	if (!vmk_world_legacy_args_ok(lock, reason, _RET_IP_))
		return VMK_BAD_PARAM;
	if (flags) {
		vmk_core_bad_arg("interrupts were off before the lock: cannot sleep");
		return VMK_BAD_PARAM;
	}
	return vmk_world_wait(eventId, &r, MAX_SCHEDULE_TIMEOUT,
			      vmk_world_wait_reasons[reason], _RET_IP_);
}
VMKAPI_EXPORT(vmk_WorldWaitIRQLegacy);

VMK_ReturnStatus vmk_WorldWakeup(vmk_WorldEventID eventId)
{
	struct vmk_event_bucket *b;
	struct vmk_world_waiter *waiter;
	struct hlist_node *next;
	unsigned long flags;
	unsigned int woken = 0;

	if (eventId == VMK_EVENT_NONE) {
		vmk_core_bad_arg("VMK_EVENT_NONE has no waiters to wake");
		return VMK_NOT_FOUND;
	}
	b = vmk_event_bucket(eventId);
	spin_lock_irqsave(&b->lock, flags);
	hlist_for_each_entry_safe(waiter, next, &b->waiters, link) {
		if (waiter->event != eventId)
			continue;
		/* The waiter cannot return before this lock is dropped. */
		hlist_del_init(&waiter->link);
		WRITE_ONCE(waiter->woken, VMK_WAKE_EVENT);
		wake_up_process(waiter->task);
		woken++;
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return woken ? VMK_OK : VMK_NOT_FOUND;
}
VMKAPI_EXPORT(vmk_WorldWakeup);

VMK_ReturnStatus vmk_WorldForceWakeup(vmk_WorldID worldID)
{
	struct vmk_world *w = vmk_world_get(worldID);
	VMK_ReturnStatus status;
	unsigned long flags;

	if (!w)
		return VMK_INVALID_WORLD;
	spin_lock_irqsave(&w->lock, flags);
	if (w->waiter) {
		WRITE_ONCE(w->waiter->woken, VMK_WAKE_FORCE);
		wake_up_process(w->task);
		status = VMK_OK;
	} else {
		w->force_pending = true;
		status = VMK_NOT_FOUND;
	}
	spin_unlock_irqrestore(&w->lock, flags);
	vmk_world_put(w);
	return status;
}
VMKAPI_EXPORT(vmk_WorldForceWakeup);

VMK_ReturnStatus vmk_WorldSleep(vmk_uint64 delayUs)
{
	struct vmk_world *w = vmk_world_current();
	struct vmk_world_waiter waiter = { .task = current };
	VMK_ReturnStatus status = VMK_OK;
	ktime_t expires;

	vmk_core_assert_may_block();
	if (vmk_world_death(w))
		return VMK_DEATH_PENDING;
	if (!delayUs)
		return VMK_OK;
	/* Beyond what ktime holds is for ever (KTIME_MAX: no timer). */
	if (delayUs >= KTIME_MAX / NSEC_PER_USEC)
		expires = KTIME_MAX;
	else
		expires = ktime_add_safe(ktime_get(),
					 ns_to_ktime(delayUs * NSEC_PER_USEC));

	INIT_HLIST_NODE(&waiter.link);
	if (w)
		vmk_world_set_waiter(w, &waiter, "vmk_WorldSleep");
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(waiter.woken) || vmk_world_death(w) ||
		    signal_pending(current)) {
			__set_current_state(TASK_RUNNING);
			status = vmk_world_death(w) ? VMK_DEATH_PENDING :
						      VMK_WAIT_INTERRUPTED;
			break;
		}
		/* 0: the timer expired (the state is back to running). */
		if (!schedule_hrtimeout_range(&expires, current->timer_slack_ns,
					      HRTIMER_MODE_ABS))
			break;
	}
	if (w)
		vmk_world_set_waiter(w, NULL, NULL);
	return status;
}
VMKAPI_EXPORT(vmk_WorldSleep);

/* ---- interrupts that follow a world ------------------------------------- */

/*
 * The current world @w runs again: if it moved to another CPU since its
 * interrupts were steered, steer them after it.  Cheap when nothing
 * follows it (no lock taken).
 */
static void vmk_world_intr_follow(struct vmk_world *w)
{
	vmk_IntrCookie intr[VMK_WORLD_MAX_INTR];
	unsigned int i, n;
	unsigned long flags;
	int cpu;

	if (!READ_ONCE(w->nr_intr))
		return;
	cpu = raw_smp_processor_id();
	if (READ_ONCE(w->intr_cpu) == cpu)
		return;
	spin_lock_irqsave(&w->lock, flags);
	n = w->nr_intr;
	memcpy(intr, w->intr, n * sizeof(intr[0]));
	w->intr_cpu = cpu;
	spin_unlock_irqrestore(&w->lock, flags);
	/* A cookie freed meanwhile has no irq any more: skipped. */
	for (i = 0; i < n; i++)
		vmk_core_intr_steer(intr[i], cpu);
}

/* Where @cookie is in @w's list, or -1.  Caller holds w->lock. */
static int vmk_world_intr_index(struct vmk_world *w, vmk_IntrCookie cookie)
{
	unsigned int i;

	for (i = 0; i < w->nr_intr; i++)
		if (w->intr[i] == cookie)
			return i;
	return -1;
}

/* Take @cookie off @w's list; false if it was not on it. */
static bool vmk_world_intr_drop(struct vmk_world *w, vmk_IntrCookie cookie)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&w->lock, flags);
	i = vmk_world_intr_index(w, cookie);
	if (i >= 0)
		w->intr[i] = w->intr[--w->nr_intr];
	spin_unlock_irqrestore(&w->lock, flags);
	return i >= 0;
}

VMK_ReturnStatus vmk_WorldInterruptSet(vmk_WorldID worldID,
				       vmk_IntrCookie intrCookie)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmk_world *w;
	unsigned long flags;
	bool added = false;
	int cpu;

	vmk_core_assert_may_deschedule();
	if (vmk_core_intr_cookie_irq(intrCookie) < 0) {
		vmk_core_bad_arg("interrupt cookie %u is not live", intrCookie);
		return VMK_BAD_PARAM;
	}
	w = vmk_world_get(worldID);
	if (!w) {
		vmk_core_bad_arg("world %d is not a running world", worldID);
		return VMK_INVALID_WORLD;
	}
	spin_lock_irqsave(&w->lock, flags);
	if (vmk_world_intr_index(w, intrCookie) < 0) {
		if (w->nr_intr == VMK_WORLD_MAX_INTR) {
			status = VMK_LIMIT_EXCEEDED;
		} else {
			w->intr[w->nr_intr++] = intrCookie;
			added = true;
		}
	}
	cpu = task_cpu(w->task);
	w->intr_cpu = cpu;
	spin_unlock_irqrestore(&w->lock, flags);

	if (status == VMK_OK && !vmk_core_intr_steer(intrCookie, cpu)) {
		/* Not steerable: this call leaves no association behind. */
		if (added)
			vmk_world_intr_drop(w, intrCookie);
		status = VMK_FAILURE;
	}
	vmk_world_put(w);
	return status;
}
VMKAPI_EXPORT(vmk_WorldInterruptSet);

VMK_ReturnStatus vmk_WorldInterruptUnset(vmk_WorldID worldID,
					 vmk_IntrCookie intrCookie)
{
	struct vmk_world *w;
	bool found;

	vmk_core_assert_may_deschedule();
	w = vmk_world_get(worldID);
	if (!w) {
		vmk_core_bad_arg("world %d is not a running world", worldID);
		return VMK_INVALID_WORLD;
	}
	found = vmk_world_intr_drop(w, intrCookie);
	vmk_world_put(w);
	if (!found)
		return VMK_NOT_FOUND;
	vmk_core_intr_steer(intrCookie, -1);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_WorldInterruptUnset);

/* ---- debugfs --------------------------------------------------------- */

/* One line per running world; what it waits for, whether it is dying. */
static int vmk_world_debugfs_show(struct seq_file *m, void *unused)
{
	char module[VMK_MISC_NAME_MAX];
	const char *reason;
	struct vmk_world *w;
	unsigned long flags;
	bool quick, dying;
	int bkt, cpu;

	seq_printf(m, "%-8s %-20s %-7s %-4s %-6s %s\n", "id", "module", "class",
		   "cpu", "intrs", "world (state)");
	/* IRQs off for the world locks: each line is a consistent snapshot. */
	spin_lock_irqsave(&vmk_worlds_lock, flags);
	hash_for_each(vmk_worlds, bkt, w, node) {
		spin_lock(&w->lock);
		reason = w->reason;
		dying = w->dying;
		spin_unlock(&w->lock);
		quick = w->task->policy == SCHED_FIFO;
		cpu = task_cpu(w->task);
		if (vmk_core_module_name(w->module, module, sizeof(module)))
			strscpy(module, "?", sizeof(module));
		seq_printf(m, "%-8d %-20s %-7s %-4d %-6u %s (%s%s)\n", w->id,
			   module, quick ? "quick" : "default", cpu,
			   READ_ONCE(w->nr_intr), w->name,
			   reason ? reason : "running", dying ? ", dying" : "");
	}
	spin_unlock_irqrestore(&vmk_worlds_lock, flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmk_world_debugfs);

void vmk_core_world_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("worlds", 0444, dir, NULL,
			    &vmk_world_debugfs_fops);
}

/* ---- for the KUnit suite ------------------------------------------------ */

int vmk_core_world_waiting(vmk_WorldID id)
{
	struct vmk_world *w = vmk_world_get(id);
	unsigned long flags;
	int waiting;

	if (!w)
		return -ENOENT;
	spin_lock_irqsave(&w->lock, flags);
	waiting = w->waiter != NULL;
	spin_unlock_irqrestore(&w->lock, flags);
	vmk_world_put(w);
	return waiting;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_world_waiting, VMKAPI_INTERNAL);

int vmk_core_world_death_waiters(vmk_WorldID id)
{
	struct vmk_world *w = vmk_world_get(id);
	int n;

	if (!w)
		return -ENOENT;
	n = atomic_read(&w->death_waiters);
	vmk_world_put(w);
	return n;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_world_death_waiters, VMKAPI_INTERNAL);

unsigned int vmk_core_world_event_waiters(vmk_WorldEventID event)
{
	struct vmk_event_bucket *b = vmk_event_bucket(event);
	struct vmk_world_waiter *waiter;
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&b->lock, flags);
	hlist_for_each_entry(waiter, &b->waiters, link)
		n += waiter->event == event;
	spin_unlock_irqrestore(&b->lock, flags);
	return n;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_world_event_waiters, VMKAPI_INTERNAL);
