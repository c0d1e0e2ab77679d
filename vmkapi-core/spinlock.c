// SPDX-License-Identifier: GPL-2.0
/*
 * Spinlocks of the current API, ranked through lock domains.
 *
 * A vmk_Lock is a Linux spinlock_t (VMK_SPINLOCK, VMK_SPINLOCK_IRQ) or
 * rwlock_t (VMK_SPINLOCK_RW) with a little VMK state around it.  Drivers
 * take their locks on every packet and I/O, so the uncontended path of an
 * unranked lock is one tag compare plus the Linux lock operation: the tag
 * combines the handle check, the type check and "unranked", and anything
 * else (ranked locks, bad handles, wrong types) leaves for a slow path.
 *
 * Contention: VMK says a contended acquisition spins, then deschedules
 * the caller, and gives up with VMK_DEATH_PENDING if the world is being
 * destroyed meanwhile.  We wait while the lock is taken, preemptibly when
 * the caller holds nothing else, checking for death; then take it.
 *
 * Ranks: while a Linux spinlock is held the holder cannot be preempted or
 * migrated, so "the ranked locks this context holds" is a small per-CPU
 * stack, one per context level (task, softirq, hard IRQ) because an
 * interrupt may take locks on top of the task it interrupted.  Only ranked
 * locks are pushed; unranked ones never touch it.
 *
 * Lockdep: every lock of one creation site (with the same type, domain and
 * rank) shares a dynamically registered lock class, so lockdep sees the
 * driver's real lock order instead of one class for every vmk lock.  A
 * site's class outlives its last lock only until a work item unregisters
 * it (lockdep_unregister_key sleeps; destroy may be called atomically).
 */
#include "vmkapi_core.h"

#include <linux/hashtable.h>
#include <linux/kallsyms.h>
#include <linux/lockdep.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

/*
 * The tag: magic in the high half, type in the low byte, and a flag for
 * ranked locks, so that an unranked lock of the expected type matches one
 * constant.  Cleared on destroy.
 */
#define VMK_LOCK_MAGIC		0x5b1c0000u
#define VMK_LOCK_MAGIC_MASK	0xffff0000u
#define VMK_LOCK_RANKED		0x100u
#define VMK_LOCK_TYPE_MASK	0xffu
#define VMK_LOCK_TAG(type)	(VMK_LOCK_MAGIC | (type))


struct vmk_LockInt {
	union {
		spinlock_t sl;
		rwlock_t rw;
	};
	u32 tag;
	vmk_LockRank rank;
	vmk_SpinlockType type;
	/* Bit 0: a use of this IRQ lock has been looked at for the warning. */
	unsigned long irq_use_seen;
	/* Held reference; NULL for an unranked lock. */
	vmk_LockDomainID domain;
	vmk_Name name;
	vmk_HeapID heap;
	struct vmk_core_lock_class *cls;
	struct hlist_node node;
	struct vmk_core_resource res;
};

/* How the lock is taken. */
enum vmk_lock_mode {
	VMK_MODE_EXCL,		/* spin_lock */
	VMK_MODE_READ,		/* read_lock */
	VMK_MODE_WRITE,		/* write_lock */
	VMK_MODE_IRQ,		/* spin_lock_irqsave */
};

/* Rank and release-order violations, for the KUnit suite. */
static atomic_long_t vmk_lock_violations = ATOMIC_LONG_INIT(0);

/* ---- live locks ------------------------------------------------------ */

#define VMK_LOCK_HASH_BITS	8
static DEFINE_HASHTABLE(vmk_locks, VMK_LOCK_HASH_BITS);
static DEFINE_SPINLOCK(vmk_locks_lock);

/* Caller holds vmk_locks_lock. */
static struct vmk_LockInt *vmk_lock_lookup(vmk_Lock handle)
{
	struct vmk_LockInt *l;

	hash_for_each_possible(vmk_locks, l, node, (unsigned long)handle)
		if (l == handle)
			return l;
	return NULL;
}

/* NULL and VMK_LOCK_INVALID in one compare, then the tag. */
static __always_inline bool vmk_lock_tag_is(vmk_Lock l, u32 tag)
{
	return (unsigned long)l + 1 > 1 && l->tag == tag;
}

static __always_inline bool vmk_lock_handle_ok(vmk_Lock l)
{
	return (unsigned long)l + 1 > 1 &&
	       (l->tag & VMK_LOCK_MAGIC_MASK) == VMK_LOCK_MAGIC;
}

/*
 * Locks come from the heap the driver named (drivers size their heaps
 * with vmk_SpinlockAllocSize); the heap's leak report then names the
 * driver's vmk_SpinlockCreate call, not this file.
 */
static void *vmk_lock_alloc(vmk_HeapID heap, size_t size, unsigned long caller)
{
	void *mem = vmk_HeapAllocWithRA(heap, size, (void *)caller);

	if (mem)
		memset(mem, 0, size);
	return mem;
}

static void vmk_lock_free_mem(vmk_HeapID heap, void *ptr)
{
	vmk_HeapFree(heap, ptr);
}

/* After a failed allocation: was it the heap handle or the memory? */
static VMK_ReturnStatus vmk_lock_alloc_status(vmk_HeapID heap)
{
	vmk_HeapGetProps props;

	return vmk_HeapGetProperties(heap, &props) == VMK_OK ?
	       VMK_NO_MEMORY : VMK_BAD_PARAM;
}

/* ---- lockdep classes, one per creation site ------------------------- */

/*
 * Locks through a driver's wrapper share a site; keying by type, domain
 * and rank as well keeps a wrapper's ranked locks (which nest
 * legitimately) in distinct classes.
 */
static u64 vmk_lock_class_variant(const vmk_SpinlockCreateProps *props,
				  vmk_LockDomainID domain)
{
	return (u64)props->type << 48 ^ (u64)props->rank << 32 ^
	       (u64)(uintptr_t)domain;
}

static void vmk_lock_set_class(struct vmk_LockInt *l)
{
	if (!l->cls)
		return;	/* No memory for a class: the default one will do. */
	if (l->type == VMK_SPINLOCK_RW)
		lockdep_set_class_and_name(&l->rw,
					   vmk_core_lock_class_key(l->cls),
					   vmk_core_lock_class_name(l->cls, NULL));
	else
		lockdep_set_class_and_name(&l->sl,
					   vmk_core_lock_class_key(l->cls),
					   vmk_core_lock_class_name(l->cls, NULL));
}

/* ---- contention and death pending ------------------------------------ */

static __always_inline bool vmk_lock_contended(struct vmk_LockInt *l,
					       enum vmk_lock_mode mode)
{
	switch (mode) {
	case VMK_MODE_READ:
#ifdef CONFIG_QUEUED_RWLOCKS
		/*
		 * A writer holds it or waits for it: task readers queue
		 * behind it.  Interrupt readers get in past a writer that
		 * only waits (as qrwlock lets them), or a reader it waits
		 * for could never finish: only a holding writer stops them.
		 */
		return atomic_read(&l->rw.raw_lock.cnts) &
		       (in_interrupt() ? _QW_LOCKED : _QW_WMASK);
#else
		return false;
#endif
	case VMK_MODE_WRITE:
#ifdef CONFIG_QUEUED_RWLOCKS
		/*
		 * Another writer holds or waits.  Readers alone are waited
		 * for inside write_lock(), which marks the writer waiting so
		 * that new readers queue behind it instead of starving it.
		 */
		return atomic_read(&l->rw.raw_lock.cnts) & _QW_WMASK;
#else
		return false;
#endif
	default:
		/* Contention, not ownership: lockdep cannot answer this. */
		return raw_spin_is_locked(&l->sl.rlock);
	}
}

/*
 * The lock is taken: wait until it is not, letting the scheduler in when
 * the caller holds no other lock (the "involuntary deschedule").  True
 * when the world started dying meanwhile.  Interrupt and softirq code
 * runs on behalf of no world, so death pending is a world's only.
 */
static noinline bool vmk_lock_wait(struct vmk_LockInt *l,
				   enum vmk_lock_mode mode)
{
	while (vmk_lock_contended(l, mode)) {
		if (in_task() && vmk_core_death_pending())
			return true;
		if (preemptible())
			cond_resched();
		cpu_relax();
	}
	return false;
}

/*
 * Unranked locks are the hot case (the benchmark is raw spin_lock /
 * spin_unlock).  spin_trylock(), spin_unlock() and their rwlock kin are
 * calls to out-of-line _raw_*() in a distribution kernel; their inline
 * bodies are used instead, so that a vmk lock or unlock costs one call,
 * as the raw ones do.  With lockdep (or PREEMPT_RT) the ordinary calls
 * are kept.
 */
#if defined(CONFIG_SMP) && !defined(CONFIG_PREEMPT_RT) && \
	!defined(CONFIG_LOCKDEP)
#define vmk_spin_trylock_inline(l)	__raw_spin_trylock(&(l)->sl.rlock)
#define vmk_spin_unlock_inline(l)	__raw_spin_unlock(&(l)->sl.rlock)
#define vmk_read_trylock_inline(l)	__raw_read_trylock(&(l)->rw)
#define vmk_read_unlock_inline(l)	__raw_read_unlock(&(l)->rw)
#define vmk_write_trylock_inline(l)	__raw_write_trylock(&(l)->rw)
#define vmk_write_unlock_inline(l)	__raw_write_unlock(&(l)->rw)
#else
/* Sparse: the try-locks' conditional context is balanced here. */
#define vmk_spin_trylock_inline(l)					\
	({ bool __t = spin_trylock(&(l)->sl); if (__t) __release(l); __t; })
#define vmk_spin_unlock_inline(l)	spin_unlock(&(l)->sl)
#define vmk_read_trylock_inline(l)					\
	({ bool __t = read_trylock(&(l)->rw); if (__t) __release(l); __t; })
#define vmk_read_unlock_inline(l)	read_unlock(&(l)->rw)
#define vmk_write_trylock_inline(l)					\
	({ bool __t = write_trylock(&(l)->rw); if (__t) __release(l); __t; })
#define vmk_write_unlock_inline(l)	write_unlock(&(l)->rw)
#endif

/*
 * The Linux lock operations.  A VMK lock is taken in one API call and
 * released in another, which sparse's lock-context checking cannot
 * follow: each operation here is balanced for sparse (__release after an
 * acquisition, __acquire after a release); lockdep does the real checking.
 */
static __always_inline void vmk_lock_raw(struct vmk_LockInt *l,
					 enum vmk_lock_mode mode,
					 unsigned long *flags)
{
	switch (mode) {
	case VMK_MODE_READ:
		read_lock(&l->rw);
		__release(&l->rw);
		break;
	case VMK_MODE_WRITE:
		write_lock(&l->rw);
		__release(&l->rw);
		break;
	case VMK_MODE_IRQ:
		spin_lock_irqsave(&l->sl, *flags);
		__release(&l->sl);
		break;
	default:
		spin_lock(&l->sl);
		__release(&l->sl);
		break;
	}
}

static __always_inline void vmk_lock_raw_unlock(struct vmk_LockInt *l,
						enum vmk_lock_mode mode,
						unsigned long flags)
{
	switch (mode) {
	case VMK_MODE_READ:
		__acquire(&l->rw);
		vmk_read_unlock_inline(l);
		break;
	case VMK_MODE_WRITE:
		__acquire(&l->rw);
		vmk_write_unlock_inline(l);
		break;
	case VMK_MODE_IRQ:
		__acquire(&l->sl);
		spin_unlock_irqrestore(&l->sl, flags);
		break;
	default:
		__acquire(&l->sl);
		vmk_spin_unlock_inline(l);
		break;
	}
}

/*
 * The uncontended attempt.  Without lockdep a trylock is exactly as cheap
 * as a lock; with lockdep a trylock would hide the dependency, so look
 * first and then take the lock for real.
 */
static __always_inline bool vmk_lock_try_fast(struct vmk_LockInt *l,
					      enum vmk_lock_mode mode)
{
#ifdef CONFIG_LOCKDEP
	if (vmk_lock_contended(l, mode))
		return false;
	vmk_lock_raw(l, mode, NULL);
	return true;
#else
	switch (mode) {
	case VMK_MODE_READ:
		return vmk_read_trylock_inline(l);
	case VMK_MODE_WRITE:
		return vmk_write_trylock_inline(l);
	default:
		return vmk_spin_trylock_inline(l);
	}
#endif
}

/* Contended: wait (giving up if the world dies), then take it. */
static noinline VMK_ReturnStatus vmk_lock_contended_slow(struct vmk_LockInt *l,
							 enum vmk_lock_mode mode)
{
	if (vmk_lock_wait(l, mode))
		return VMK_DEATH_PENDING;
	vmk_lock_raw(l, mode, NULL);
	return VMK_OK;
}

/* Take @l; unless @may_fail is false, VMK_DEATH_PENDING is possible. */
static VMK_ReturnStatus vmk_lock_take(struct vmk_LockInt *l,
				      enum vmk_lock_mode mode, bool may_fail)
{
	if (!may_fail) {
		vmk_lock_raw(l, mode, NULL);
		return VMK_OK;
	}
	if (vmk_lock_try_fast(l, mode))
		return VMK_OK;
	return vmk_lock_contended_slow(l, mode);
}

/* ---- ranks ------------------------------------------------------------ */

#define VMK_HELD_MAX	16

enum { VMK_LEVEL_TASK, VMK_LEVEL_SOFTIRQ, VMK_LEVEL_HARDIRQ, VMK_LEVELS };

struct vmk_held {
	unsigned int depth;
	/* Acquisitions past VMK_HELD_MAX, not rank checked. */
	unsigned int untracked;
	struct vmk_LockInt *locks[VMK_HELD_MAX];
};

static DEFINE_PER_CPU(struct vmk_held, vmk_held[VMK_LEVELS]);

/* This context's stack; preemption is disabled. */
static struct vmk_held *vmk_held_here(void)
{
	unsigned int level = VMK_LEVEL_TASK;

	if (in_hardirq() || in_nmi())
		level = VMK_LEVEL_HARDIRQ;
	else if (in_serving_softirq())
		level = VMK_LEVEL_SOFTIRQ;
	return this_cpu_ptr(&vmk_held[level]);
}

/* A held lock of @l's domain whose rank forbids taking @l, if any. */
static struct vmk_LockInt *vmk_rank_conflict(struct vmk_held *h,
					     struct vmk_LockInt *l)
{
	unsigned int i;

	for (i = h->depth; i-- > 0;)
		if (h->locks[i]->domain == l->domain &&
		    h->locks[i]->rank >= l->rank)
			return h->locks[i];
	return NULL;
}

static void vmk_rank_report(struct vmk_LockInt *l, struct vmk_LockInt *held,
			    unsigned long caller, bool cannot_fail)
{
	atomic_long_inc(&vmk_lock_violations);
	pr_err_ratelimited("rank violation from %pS: taking %s (rank %u) while holding %s (rank %u) in lock domain %s\n",
			   (void *)caller, l->name.string, l->rank,
			   held->name.string, held->rank,
			   vmk_core_lock_domain_name(l->domain));
	/* The caller cannot be told: make it loud, once. */
	WARN_ONCE(cannot_fail, "vmkapi: lock rank violation on a lock call that cannot fail\n");
}

static noinline __cold void vmk_held_overflow(struct vmk_held *h,
					       struct vmk_LockInt *l)
{
	h->untracked++;
	pr_warn_once("more than %d ranked locks held; %s is not rank checked\n",
		     VMK_HELD_MAX, l->name.string);
}

/* @l was just taken on this CPU, in the context that owns @h. */
static __always_inline void vmk_held_push_to(struct vmk_held *h,
					     struct vmk_LockInt *l)
{
	if (likely(h->depth < VMK_HELD_MAX))
		h->locks[h->depth++] = l;
	else
		vmk_held_overflow(h, l);
}

/* @l is being released by the context that holds it. */
static void vmk_held_pop(struct vmk_LockInt *l, bool in_order,
			 unsigned long caller)
{
	struct vmk_held *h;
	unsigned int i;

	preempt_disable();
	h = vmk_held_here();
	/* The common case: the most recent acquisition goes first. */
	if (likely(h->depth && h->locks[h->depth - 1] == l)) {
		h->depth--;
		preempt_enable();
		return;
	}
	for (i = h->depth; i-- > 0;)
		if (h->locks[i] == l)
			break;
	if (i < h->depth) {
		if (in_order && i != h->depth - 1) {
			atomic_long_inc(&vmk_lock_violations);
			pr_err_ratelimited("release order violation from %pS: releasing %s (rank %u) before %s (rank %u), taken after it\n",
					   (void *)caller, l->name.string,
					   l->rank,
					   h->locks[h->depth - 1]->name.string,
					   h->locks[h->depth - 1]->rank);
		}
		memmove(&h->locks[i], &h->locks[i + 1],
			(h->depth - i - 1) * sizeof(h->locks[0]));
		h->depth--;
	} else if (h->untracked) {
		h->untracked--;
	} else {
		pr_err_ratelimited("%pS releases %s, which this context does not hold\n",
				   (void *)caller, l->name.string);
	}
	preempt_enable();
}

/* ---- IRQ locks: allowed, but not for native drivers ------------------ */

#define VMK_IRQ_WARNED_MAX	32
static char vmk_irq_warned[VMK_IRQ_WARNED_MAX][MODULE_NAME_LEN];
static unsigned int vmk_irq_warned_count;
static DEFINE_SPINLOCK(vmk_irq_warned_lock);

/* One warning per module name (a reloaded module is not warned again). */
static void vmk_irq_lock_warn(const char *module, const char *what,
			      struct vmk_LockInt *l, unsigned long caller)
{
	unsigned long flags;
	bool first = true;
	unsigned int i;

	spin_lock_irqsave(&vmk_irq_warned_lock, flags);
	for (i = 0; i < vmk_irq_warned_count; i++)
		if (!strcmp(vmk_irq_warned[i], module))
			first = false;
	if (first && vmk_irq_warned_count < VMK_IRQ_WARNED_MAX)
		strscpy(vmk_irq_warned[vmk_irq_warned_count++], module,
			MODULE_NAME_LEN);
	spin_unlock_irqrestore(&vmk_irq_warned_lock, flags);
	if (first)
		pr_warn("module %s %s IRQ spinlock %s at %pS: deprecated, and native drivers must not disable interrupts\n",
			module, what, l->name.string, (void *)caller);
}

/*
 * First use of an IRQ lock: name the module the call comes from (the
 * symbol lookup is slow, hence once per lock) and warn unless it is the
 * core itself or built-in code.
 */
static noinline void vmk_irq_lock_first_use(struct vmk_LockInt *l,
					    unsigned long caller)
{
	char sym[KSYM_SYMBOL_LEN];
	char *mod, *end;

	if (test_and_set_bit(0, &l->irq_use_seen))
		return;
	sprint_symbol(sym, caller);
	mod = strrchr(sym, '[');
	if (!mod)
		return;
	end = strpbrk(++mod, "] ");
	if (end)
		*end = '\0';
	if (strcmp(mod, KBUILD_MODNAME))
		vmk_irq_lock_warn(mod, "uses", l, caller);
}

/* ---- acquisition and release, slow paths ------------------------------ */

static const char *vmk_lock_type_name(vmk_SpinlockType type)
{
	switch (type) {
	case VMK_SPINLOCK:
		return "VMK_SPINLOCK";
	case VMK_SPINLOCK_RW:
		return "VMK_SPINLOCK_RW";
	case VMK_SPINLOCK_IRQ:
		return "VMK_SPINLOCK_IRQ";
	default:
		return "unknown";
	}
}

/* Why @l is not a lock of @type, logged; the status to return. */
static noinline __cold VMK_ReturnStatus
vmk_lock_check_failed(struct vmk_LockInt *l, vmk_SpinlockType type,
		      unsigned long caller)
{
	if (!vmk_lock_handle_ok(l)) {
		vmk_core_bad_arg_from(caller, "%p is not a lock", l);
		return VMK_INVALID_HANDLE;
	}
	vmk_core_bad_arg_from(caller, "lock %s is a %s, not a %s",
			      l->name.string, vmk_lock_type_name(l->type),
			      vmk_lock_type_name(type));
	return VMK_BAD_PARAM;
}

/* VMK_OK when @l is a lock of @type; logs the rejection otherwise. */
static __always_inline VMK_ReturnStatus vmk_lock_check(struct vmk_LockInt *l,
						       vmk_SpinlockType type,
						       unsigned long caller)
{
	if (likely(vmk_lock_handle_ok(l) && l->type == type))
		return VMK_OK;
	return vmk_lock_check_failed(l, type, caller);
}

/*
 * Everything but an unranked lock of the right type: bad handles, wrong
 * types, ranked locks.  IRQ locks come here with @flags set.
 */
static noinline VMK_ReturnStatus
vmk_lock_acquire_slow(struct vmk_LockInt *l, vmk_SpinlockType type,
		      enum vmk_lock_mode mode, bool may_fail,
		      unsigned long *flags, unsigned long caller)
{
	struct vmk_LockInt *held;
	VMK_ReturnStatus status;
	struct vmk_held *h;

	status = vmk_lock_check(l, type, caller);
	if (status != VMK_OK)
		return status;
	if (l->domain) {
		preempt_disable();
		h = vmk_held_here();
		held = vmk_rank_conflict(h, l);
		if (unlikely(held)) {
			vmk_rank_report(l, held, caller, !may_fail);
			if (may_fail) {
				preempt_enable();
				return VMK_RANK_VIOLATION;
			}
		}
		/*
		 * Uncontended, take it with preemption still off: the stack
		 * just checked is the one it goes on.
		 */
		if (mode != VMK_MODE_IRQ && vmk_lock_try_fast(l, mode)) {
			vmk_held_push_to(h, l);
			preempt_enable();
			return VMK_OK;
		}
		preempt_enable();
	}
	if (mode == VMK_MODE_IRQ) {
		vmk_lock_raw(l, mode, flags);
	} else {
		status = vmk_lock_take(l, mode, may_fail);
		if (status != VMK_OK)
			return status;
	}
	/* Held now, so preemption is off and this CPU's stack is ours. */
	if (l->domain)
		vmk_held_push_to(vmk_held_here(), l);
	return VMK_OK;
}

/* Anything but an unranked lock of the right type; releases it if valid. */
static noinline void vmk_lock_release_slow(struct vmk_LockInt *l,
					   vmk_SpinlockType type,
					   enum vmk_lock_mode mode,
					   unsigned long flags, bool in_order,
					   unsigned long caller)
{
	if (vmk_lock_check(l, type, caller) != VMK_OK)
		return;
	if (l->domain)
		vmk_held_pop(l, in_order, caller);
	vmk_lock_raw_unlock(l, mode, flags);
}

/* ---- the API: acquisition ---------------------------------------------- */

VMK_ReturnStatus vmk_SpinlockLock(vmk_Lock lock)
{
	vmk_core_assert_may_deschedule();
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(VMK_SPINLOCK)))) {
		if (likely(vmk_lock_try_fast(lock, VMK_MODE_EXCL)))
			return VMK_OK;
		return vmk_lock_contended_slow(lock, VMK_MODE_EXCL);
	}
	return vmk_lock_acquire_slow(lock, VMK_SPINLOCK, VMK_MODE_EXCL, true,
				     NULL, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockLock);

VMK_ReturnStatus vmk_SpinlockReadLock(vmk_Lock lock)
{
	vmk_core_assert_may_deschedule();
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(VMK_SPINLOCK_RW)))) {
		if (likely(vmk_lock_try_fast(lock, VMK_MODE_READ)))
			return VMK_OK;
		return vmk_lock_contended_slow(lock, VMK_MODE_READ);
	}
	return vmk_lock_acquire_slow(lock, VMK_SPINLOCK_RW, VMK_MODE_READ,
				     true, NULL, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockReadLock);

VMK_ReturnStatus vmk_SpinlockWriteLock(vmk_Lock lock)
{
	vmk_core_assert_may_deschedule();
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(VMK_SPINLOCK_RW)))) {
		if (likely(vmk_lock_try_fast(lock, VMK_MODE_WRITE)))
			return VMK_OK;
		return vmk_lock_contended_slow(lock, VMK_MODE_WRITE);
	}
	return vmk_lock_acquire_slow(lock, VMK_SPINLOCK_RW, VMK_MODE_WRITE,
				     true, NULL, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockWriteLock);

void vmk_SpinlockLockIgnoreDeathPending(vmk_Lock lock)
{
	vmk_core_assert_may_deschedule();
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(VMK_SPINLOCK))))
		vmk_lock_raw(lock, VMK_MODE_EXCL, NULL);
	else
		vmk_lock_acquire_slow(lock, VMK_SPINLOCK, VMK_MODE_EXCL, false,
				      NULL, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockLockIgnoreDeathPending);

void vmk_SpinlockReadLockIgnoreDeathPending(vmk_Lock lock)
{
	vmk_core_assert_may_deschedule();
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(VMK_SPINLOCK_RW))))
		vmk_lock_raw(lock, VMK_MODE_READ, NULL);
	else
		vmk_lock_acquire_slow(lock, VMK_SPINLOCK_RW, VMK_MODE_READ,
				      false, NULL, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockReadLockIgnoreDeathPending);

void vmk_SpinlockWriteLockIgnoreDeathPending(vmk_Lock lock)
{
	vmk_core_assert_may_deschedule();
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(VMK_SPINLOCK_RW))))
		vmk_lock_raw(lock, VMK_MODE_WRITE, NULL);
	else
		vmk_lock_acquire_slow(lock, VMK_SPINLOCK_RW, VMK_MODE_WRITE,
				      false, NULL, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockWriteLockIgnoreDeathPending);

/* ---- the API: release ---------------------------------------------------- */

static __always_inline void vmk_lock_release(vmk_Lock lock,
					     vmk_SpinlockType type,
					     enum vmk_lock_mode mode,
					     bool in_order,
					     unsigned long caller)
{
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(type))))
		vmk_lock_raw_unlock(lock, mode, 0);
	else
		vmk_lock_release_slow(lock, type, mode, 0, in_order, caller);
}

void vmk_SpinlockUnlock(vmk_Lock lock)
{
	vmk_lock_release(lock, VMK_SPINLOCK, VMK_MODE_EXCL, true, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockUnlock);

void vmk_SpinlockUnlockOutOfOrder(vmk_Lock lock)
{
	vmk_lock_release(lock, VMK_SPINLOCK, VMK_MODE_EXCL, false, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockUnlockOutOfOrder);

void vmk_SpinlockReadUnlock(vmk_Lock lock)
{
	vmk_lock_release(lock, VMK_SPINLOCK_RW, VMK_MODE_READ, true, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockReadUnlock);

void vmk_SpinlockReadUnlockOutOfOrder(vmk_Lock lock)
{
	vmk_lock_release(lock, VMK_SPINLOCK_RW, VMK_MODE_READ, false, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockReadUnlockOutOfOrder);

void vmk_SpinlockWriteUnlock(vmk_Lock lock)
{
	vmk_lock_release(lock, VMK_SPINLOCK_RW, VMK_MODE_WRITE, true, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockWriteUnlock);

void vmk_SpinlockWriteUnlockOutOfOrder(vmk_Lock lock)
{
	vmk_lock_release(lock, VMK_SPINLOCK_RW, VMK_MODE_WRITE, false,
			 _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockWriteUnlockOutOfOrder);

/* ---- the API: deprecated IRQ locks --------------------------------------- */

VMK_ReturnStatus vmk_SpinlockLockIRQ(vmk_Lock lock, vmk_LockIRQL *irql)
{
	unsigned long flags;
	VMK_ReturnStatus status;

	if (unlikely(!irql)) {
		vmk_core_bad_arg("NULL irql");
		return VMK_BAD_PARAM;
	}
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(VMK_SPINLOCK_IRQ)))) {
		if (unlikely(!test_bit(0, &lock->irq_use_seen)))
			vmk_irq_lock_first_use(lock, _RET_IP_);
		vmk_lock_raw(lock, VMK_MODE_IRQ, &flags);
	} else {
		if (vmk_lock_handle_ok(lock) && lock->type == VMK_SPINLOCK_IRQ &&
		    !test_bit(0, &lock->irq_use_seen))
			vmk_irq_lock_first_use(lock, _RET_IP_);
		status = vmk_lock_acquire_slow(lock, VMK_SPINLOCK_IRQ,
					       VMK_MODE_IRQ, true, &flags,
					       _RET_IP_);
		if (status != VMK_OK)
			return status;
	}
	/* The saved flags word of x86 and arm64 fits the API's 32 bits. */
	*irql = (vmk_LockIRQL)flags;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SpinlockLockIRQ);

static __always_inline void vmk_lock_release_irq(vmk_Lock lock,
						 vmk_LockIRQL irql,
						 bool in_order,
						 unsigned long caller)
{
	if (likely(vmk_lock_tag_is(lock, VMK_LOCK_TAG(VMK_SPINLOCK_IRQ))))
		vmk_lock_raw_unlock(lock, VMK_MODE_IRQ, irql);
	else
		vmk_lock_release_slow(lock, VMK_SPINLOCK_IRQ, VMK_MODE_IRQ,
				      irql, in_order, caller);
}

void vmk_SpinlockUnlockIRQ(vmk_Lock lock, vmk_LockIRQL irql)
{
	vmk_lock_release_irq(lock, irql, true, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockUnlockIRQ);

void vmk_SpinlockUnlockIRQOutOfOrder(vmk_Lock lock, vmk_LockIRQL irql)
{
	vmk_lock_release_irq(lock, irql, false, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SpinlockUnlockIRQOutOfOrder);

/* ---- asserts ------------------------------------------------------------- */

/*
 * Is @l held by the current context (for @reader: for reading)?  Lockdep
 * knows who holds what; without it, "held by someone" is all we can tell.
 */
static bool vmk_lock_held(struct vmk_LockInt *l, bool reader)
{
#ifdef CONFIG_LOCKDEP
	if (debug_locks) {
		if (l->type == VMK_SPINLOCK_RW)
			return lockdep_is_held_type(&l->rw, reader ? 1 : 0);
		return !reader && lockdep_is_held(&l->sl);
	}
#endif
	if (l->type != VMK_SPINLOCK_RW)
		return !reader && raw_spin_is_locked(&l->sl.rlock);
#ifdef CONFIG_QUEUED_RWLOCKS
	if (reader)
		return atomic_read(&l->rw.raw_lock.cnts) >= _QR_BIAS;
	return atomic_read(&l->rw.raw_lock.cnts) & _QW_LOCKED;
#else
	return true;
#endif
}

void vmk_SpinlockAssertHeldByWorldInt(vmk_Lock lock)
{
	if (!vmk_lock_handle_ok(lock)) {
		vmk_core_bad_arg("%p is not a lock", lock);
		return;
	}
	WARN_ONCE(!vmk_lock_held(lock, false),
		  "vmkapi: lock %s is not held by the current world\n",
		  lock->name.string);
}
VMKAPI_EXPORT(vmk_SpinlockAssertHeldByWorldInt);

void vmk_SpinlockAssertReaderHeldByWorldInt(vmk_Lock lock)
{
	if (vmk_lock_check(lock, VMK_SPINLOCK_RW, _RET_IP_) != VMK_OK)
		return;
	WARN_ONCE(!vmk_lock_held(lock, true),
		  "vmkapi: lock %s is not read-held by the current world\n",
		  lock->name.string);
}
VMKAPI_EXPORT(vmk_SpinlockAssertReaderHeldByWorldInt);

void vmk_SpinlockAssertHeldOnPCPUInt(vmk_Lock lock)
{
	if (vmk_lock_check(lock, VMK_SPINLOCK_IRQ, _RET_IP_) != VMK_OK)
		return;
	WARN_ONCE(!irqs_disabled() || !vmk_lock_held(lock, false),
		  "vmkapi: IRQ lock %s is not held on this CPU\n",
		  lock->name.string);
}
VMKAPI_EXPORT(vmk_SpinlockAssertHeldOnPCPUInt);

/* ---- creation and destruction ------------------------------------------ */

static bool vmk_lock_is_locked(struct vmk_LockInt *l)
{
	return vmk_lock_contended(l, l->type == VMK_SPINLOCK_RW ?
				  VMK_MODE_WRITE : VMK_MODE_EXCL);
}

/* @l is out of the live table: free it and what it references. */
static void vmk_lock_free(struct vmk_LockInt *l)
{
	vmk_core_resource_del(&l->res);
	l->tag = 0;
	vmk_core_lock_class_put(l->cls);
	if (l->domain)
		vmk_core_lock_domain_put(l->domain);
	vmk_lock_free_mem(l->heap, l);
}

static void vmk_lock_describe(struct vmk_core_resource *res, char *buf,
			      size_t len)
{
	struct vmk_LockInt *l = container_of(res, struct vmk_LockInt, res);

	if (l->domain)
		snprintf(buf, len, "%s (%s, rank %u)", l->name.string,
			 vmk_lock_type_name(l->type), l->rank);
	else
		snprintf(buf, len, "%s (%s)", l->name.string,
			 vmk_lock_type_name(l->type));
}

static void vmk_lock_reclaim(struct vmk_core_resource *res)
{
	struct vmk_LockInt *l = container_of(res, struct vmk_LockInt, res);
	unsigned long flags;
	bool live;

	/* Whoever takes it out of the table frees it: a racing destroy wins. */
	spin_lock_irqsave(&vmk_locks_lock, flags);
	live = vmk_lock_lookup(l) == l;
	if (live)
		hash_del(&l->node);
	spin_unlock_irqrestore(&vmk_locks_lock, flags);
	if (live)
		vmk_lock_free(l);
}

static const struct vmk_core_resource_type vmk_lock_resource = {
	.kind = "spinlock",
	.describe = vmk_lock_describe,
	.reclaim = vmk_lock_reclaim,
};

static VMK_ReturnStatus vmk_lock_check_props(const vmk_SpinlockCreateProps *p,
					     unsigned long caller)
{
	bool has_domain = p->domain != VMK_LOCKDOMAIN_INVALID;
	bool has_rank = p->rank != VMK_SPINLOCK_UNRANKED;
	size_t len;

	switch (p->type) {
	case VMK_SPINLOCK:
	case VMK_SPINLOCK_RW:
	case VMK_SPINLOCK_IRQ:
		break;
	default:
		vmk_core_bad_arg_from(caller, "lock %.32s: bad type %u",
				      p->name.string, p->type);
		return VMK_BAD_PARAM;
	}
	len = strnlen(p->name.string, VMK_MISC_NAME_MAX);
	if (len == 0 || len == VMK_MISC_NAME_MAX) {
		vmk_core_bad_arg_from(caller,
				      "lock name is empty or unterminated");
		return VMK_INVALID_NAME;
	}
	if (has_domain != has_rank ||
	    (has_rank && p->rank == VMK_SPINLOCK_RANK_INVALID)) {
		vmk_core_bad_arg_from(caller,
				      "lock %s: domain %p and rank %u do not go together",
				      p->name.string, p->domain, p->rank);
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_SpinlockCreate(vmk_SpinlockCreateProps *props,
				    vmk_Lock *lock)
{
	vmk_LockDomainID domain = NULL;
	struct vmk_LockInt *l;
	char module[VMK_MODULE_NAME_MAX];
	unsigned long flags;
	VMK_ReturnStatus status;

	vmk_core_assert_may_deschedule();
	if (!props || !lock) {
		vmk_core_bad_arg("props %p lock %p", props, lock);
		return VMK_BAD_PARAM;
	}
	status = vmk_lock_check_props(props, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (props->domain != VMK_LOCKDOMAIN_INVALID) {
		status = vmk_core_lock_domain_get(props->domain);
		if (status != VMK_OK) {
			vmk_core_bad_arg("lock %s: %p is not a live lock domain",
					 props->name.string, props->domain);
			return status;
		}
		domain = props->domain;
	}

	l = vmk_lock_alloc(props->heapID, sizeof(*l), _RET_IP_);
	if (!l) {
		status = vmk_lock_alloc_status(props->heapID);
		goto err_domain;
	}
	l->type = props->type;
	l->rank = props->rank;
	l->domain = domain;
	l->heap = props->heapID;
	vmk_NameCopy(&l->name, &props->name);
	if (l->type == VMK_SPINLOCK_RW)
		rwlock_init(&l->rw);
	else
		spin_lock_init(&l->sl);
	l->cls = vmk_core_lock_class_get(_RET_IP_, props->name.string,
					 vmk_lock_class_variant(props, domain));
	vmk_lock_set_class(l);

	status = vmk_core_resource_add(&l->res, &vmk_lock_resource,
				       props->moduleID);
	if (status != VMK_OK) {
		vmk_core_bad_arg("lock %s: module %d is not registered",
				 props->name.string, props->moduleID);
		goto err_free;
	}
	l->tag = VMK_LOCK_TAG(l->type) | (domain ? VMK_LOCK_RANKED : 0);
	spin_lock_irqsave(&vmk_locks_lock, flags);
	hash_add(vmk_locks, &l->node, (unsigned long)l);
	spin_unlock_irqrestore(&vmk_locks_lock, flags);

	if (l->type == VMK_SPINLOCK_IRQ &&
	    props->moduleID != VMK_VMKERNEL_MODULE_ID &&
	    !vmk_core_module_name(props->moduleID, module, sizeof(module)))
		vmk_irq_lock_warn(module, "creates", l, _RET_IP_);
	*lock = l;
	return VMK_OK;

err_free:
	vmk_core_lock_class_put(l->cls);
	vmk_lock_free_mem(props->heapID, l);
err_domain:
	if (domain)
		vmk_core_lock_domain_put(domain);
	return status;
}
VMKAPI_EXPORT(vmk_SpinlockCreate);

void vmk_SpinlockDestroy(vmk_Lock lock)
{
	struct vmk_LockInt *l;
	unsigned long flags;
	bool held = false;

	spin_lock_irqsave(&vmk_locks_lock, flags);
	l = vmk_lock_lookup(lock);
	if (l) {
		held = vmk_lock_is_locked(l);
		if (!held)
			hash_del(&l->node);
	}
	spin_unlock_irqrestore(&vmk_locks_lock, flags);
	if (!l) {
		vmk_core_bad_arg("%p is not a live lock", lock);
		return;
	}
	if (held) {
		vmk_core_bad_arg("lock %s is held; not destroyed",
				 l->name.string);
		return;
	}
	vmk_lock_free(l);
}
VMKAPI_EXPORT(vmk_SpinlockDestroy);

vmk_ByteCountSmall vmk_SpinlockAllocSize(vmk_SpinlockType type)
{
	switch (type) {
	case VMK_SPINLOCK:
	case VMK_SPINLOCK_RW:
	case VMK_SPINLOCK_IRQ:
		return sizeof(struct vmk_LockInt);
	default:
		vmk_core_bad_arg("bad lock type %u", type);
		return 0;
	}
}
VMKAPI_EXPORT(vmk_SpinlockAllocSize);

/* ---- for the KUnit suite ------------------------------------------------ */

bool vmk_core_spinlock_held(vmk_Lock lock, bool reader)
{
	return vmk_lock_handle_ok(lock) && vmk_lock_held(lock, reader);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_spinlock_held, VMKAPI_INTERNAL);

const void *vmk_core_spinlock_class(vmk_Lock lock)
{
#ifdef CONFIG_LOCKDEP
	if (vmk_lock_handle_ok(lock))
		return lock->type == VMK_SPINLOCK_RW ? lock->rw.dep_map.key :
		       lock->sl.dep_map.key;
#endif
	return NULL;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_spinlock_class, VMKAPI_INTERNAL);

long vmk_core_spinlock_violations(void)
{
	return atomic_long_read(&vmk_lock_violations);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_spinlock_violations, VMKAPI_INTERNAL);

