// SPDX-License-Identifier: GPL-2.0
/*
 * Legacy spinlocks (vmkapi_lock.h): locks ranked by a major and a minor
 * rank, optionally grouped in classes, from before lock domains.
 *
 * A lock is a Linux spinlock_t (plain and IRQ kinds) or rwlock_t with a
 * tag, its ranks and its class.  The lock calls cannot fail, so a bad
 * handle is logged and the call does nothing, and a rank violation is
 * logged and counted while the lock is taken anyway: refusing would
 * leave the caller running unprotected, and lockdep still sees the real
 * order.
 *
 * Ranks are checked against the legacy locks the current context holds,
 * kept on a small per-CPU stack per context level (task, softirq, hard
 * IRQ): a Linux spinlock holder cannot migrate, and an interrupt that
 * takes locks on top of the task it interrupted has a stack of its own.
 * They are independent of the current API's ranks (spinlock.c): the two
 * schemes share no order, and lockdep covers mixed nesting.
 *
 * Lockdep: locks created at one call site with the same kind, ranks and
 * class share a lockdep class, so a class's members (which nest by minor
 * rank) stay distinct.  Locks that may nest by the recursive flag are
 * taken with increasing lockdep subclasses, and their classes come from
 * a small static table instead (hashed by site and ranks): lockdep
 * forgets only subclass 0 of a dynamic key when it is unregistered, and
 * would keep the others pointing at freed memory.  Two unrelated sites
 * that share a slot share a class, which can only add reports.
 *
 * Every lock and class is allocated from its module's default heap and
 * is a resource of that module.  vmk_legacy_lock (the table lock) covers
 * the table of live objects and the classes' reference counts; a class
 * lives while its owner has not destroyed it or any member lives.
 */
#include "vmkapi_core.h"

#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/lockdep.h>
#include <linux/percpu.h>
#include <linux/ratelimit.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#define VMK_LEGACY_MAGIC	0x1e6a0000u
#define VMK_LEGACY_TAG(kind)	(VMK_LEGACY_MAGIC | (kind))

enum vmk_legacy_kind {
	VMK_LEGACY_SP = 1,
	VMK_LEGACY_IRQ,
	VMK_LEGACY_RW,
	VMK_LEGACY_CLASS,
};

#define VMK_LEGACY_RANK_FLAGS	VMK_SP_RANK_RECURSIVE_FLAG_LEGACY

struct vmk_SpinlockClass_LEGACYInt {
	u32 tag;
	u16 major;
	/* The owner's reference (until destroyed) plus one per member. */
	unsigned int refs;
	unsigned int members;
	vmk_HeapID heap;
	struct hlist_node node;
	struct vmk_core_resource res;
	char name[VMK_MISC_NAME_MAX];
};

struct vmk_legacy_lock {
	union {
		spinlock_t sl;
		rwlock_t rw;
	};
	u32 tag;
	u16 major;
	u16 minor;
	bool recursive;
	/* RW: contexts holding it for reading, and whether a writer does. */
	atomic_t readers;
	bool writer;
	struct vmk_SpinlockClass_LEGACYInt *cls;
	vmk_HeapID heap;
	struct vmk_core_lock_class *dep;
	struct hlist_node node;
	struct vmk_core_resource res;
	char name[VMK_MISC_NAME_MAX];
};

/* The handle types of the three kinds are the same object. */
struct vmk_SpinlockInt {
	struct vmk_legacy_lock lk;
};

struct vmk_SpinlockIRQInt {
	struct vmk_legacy_lock lk;
};

struct vmk_SpinlockRWInt {
	struct vmk_legacy_lock lk;
};

#define VMK_LEGACY_HASH_BITS	6
static DEFINE_HASHTABLE(vmk_legacy_table, VMK_LEGACY_HASH_BITS);
static DEFINE_SPINLOCK(vmk_legacy_lock);

static atomic_long_t vmk_legacy_violations = ATOMIC_LONG_INIT(0);

static const char *const vmk_legacy_kind_names[] = {
	[VMK_LEGACY_SP] = "spinlock",
	[VMK_LEGACY_IRQ] = "IRQ spinlock",
	[VMK_LEGACY_RW] = "RW spinlock",
	[VMK_LEGACY_CLASS] = "spinlock class",
};

/*
 * A non-IRQ lock taken in hard IRQ deadlocks once the interrupt hits its
 * holder on the same CPU; the debug kernel reports every such call.
 */
#define vmk_legacy_assert_not_hardirq()					\
	do {								\
		if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP))		\
			WARN_ON_ONCE(in_hardirq() || in_nmi());		\
	} while (0)

#define VMK_LEGACY_NEST_BITS	4
static struct lock_class_key vmk_legacy_nest_keys[1 << VMK_LEGACY_NEST_BITS];

/* ---- handles ------------------------------------------------------------ */

/* Is @obj (a lock or class of @kind) in the table?  Table lock held. */
static bool vmk_legacy_live(const void *obj, u32 tag)
{
	struct vmk_legacy_lock *l;
	struct vmk_SpinlockClass_LEGACYInt *c;

	if (tag == VMK_LEGACY_TAG(VMK_LEGACY_CLASS)) {
		hash_for_each_possible(vmk_legacy_table, c, node,
				       (unsigned long)obj)
			if (c == obj && c->tag == tag)
				return true;
		return false;
	}
	hash_for_each_possible(vmk_legacy_table, l, node, (unsigned long)obj)
		if (l == obj && l->tag == tag)
			return true;
	return false;
}

/*
 * The lock behind a handle pointer for the lock calls: the tag check is
 * the cheap guard against a wrong kind or an uninitialised handle (the
 * table is for create and destroy, which may be slow).
 */
static __always_inline struct vmk_legacy_lock *
vmk_legacy_get(void *const *handle, enum vmk_legacy_kind kind,
	       unsigned long caller)
{
	struct vmk_legacy_lock *l = handle ? *handle : NULL;

	if (likely(l && l->tag == VMK_LEGACY_TAG(kind)))
		return l;
	vmk_core_bad_arg_from(caller, "%p is not a live legacy %s",
			      l, vmk_legacy_kind_names[kind]);
	return NULL;
}

/* ---- ranks -------------------------------------------------------------- */

#define VMK_LEGACY_HELD_MAX	16

enum { VMK_LEGACY_TASK, VMK_LEGACY_SOFTIRQ, VMK_LEGACY_HARDIRQ,
	VMK_LEGACY_LEVELS };

struct vmk_legacy_held {
	unsigned int depth;
	/* Acquisitions past VMK_LEGACY_HELD_MAX, not rank checked. */
	unsigned int untracked;
	struct vmk_legacy_lock *locks[VMK_LEGACY_HELD_MAX];
};

static DEFINE_PER_CPU(struct vmk_legacy_held,
		      vmk_legacy_held[VMK_LEGACY_LEVELS]);

/* This context's stack; the caller keeps preemption off. */
static struct vmk_legacy_held *vmk_legacy_held_here(void)
{
	unsigned int level = VMK_LEGACY_TASK;

	if (in_hardirq() || in_nmi())
		level = VMK_LEGACY_HARDIRQ;
	else if (in_serving_softirq())
		level = VMK_LEGACY_SOFTIRQ;
	return this_cpu_ptr(&vmk_legacy_held[level]);
}

static bool vmk_legacy_same_ranks(const struct vmk_legacy_lock *a,
				  const struct vmk_legacy_lock *b)
{
	return a->major == b->major && a->minor == b->minor &&
	       a->cls == b->cls;
}

/* May @l be taken while @held is held?  The rule of reference 7.3. */
static bool vmk_legacy_rank_ok(const struct vmk_legacy_lock *l,
			       const struct vmk_legacy_lock *held)
{
	if (l->major > held->major)
		return true;
	if (l->major == held->major && l->cls && l->cls == held->cls &&
	    l->minor > held->minor)
		return true;
	return l->recursive && vmk_legacy_same_ranks(l, held);
}

/*
 * Check @l against what this context holds (preemption off).  Returns
 * the lockdep subclass to take it with: for a recursive lock, how many
 * locks of its very ranks are held; else 0.
 */
static unsigned int vmk_legacy_rank_check(struct vmk_legacy_held *h,
					  const struct vmk_legacy_lock *l,
					  unsigned long caller)
{
	unsigned int i, same = 0;

	for (i = 0; i < h->depth; i++) {
		const struct vmk_legacy_lock *held = h->locks[i];

		if (vmk_legacy_same_ranks(l, held))
			same++;
		if (vmk_legacy_rank_ok(l, held))
			continue;
		atomic_long_inc(&vmk_legacy_violations);
		pr_err_ratelimited("rank violation from %pS: taking %s (rank %#x.%u) while holding %s (rank %#x.%u)\n",
				   (void *)caller, l->name, l->major, l->minor,
				   held->name, held->major, held->minor);
	}
	if (!l->recursive)
		return 0;
	return min_t(unsigned int, same, MAX_LOCKDEP_SUBCLASSES - 1);
}

static void vmk_legacy_push(struct vmk_legacy_held *h,
			    struct vmk_legacy_lock *l)
{
	if (likely(h->depth < VMK_LEGACY_HELD_MAX)) {
		h->locks[h->depth++] = l;
		return;
	}
	h->untracked++;
	pr_warn_once("more than %d legacy locks held; %s is not rank checked\n",
		     VMK_LEGACY_HELD_MAX, l->name);
}

/* Take @l off this context's stack; any order is allowed. */
static void vmk_legacy_pop(struct vmk_legacy_lock *l, unsigned long caller)
{
	struct vmk_legacy_held *h;
	unsigned int i;

	preempt_disable();
	h = vmk_legacy_held_here();
	for (i = h->depth; i-- > 0;) {
		if (h->locks[i] != l)
			continue;
		memmove(&h->locks[i], &h->locks[i + 1],
			(h->depth - i - 1) * sizeof(h->locks[0]));
		h->depth--;
		preempt_enable();
		return;
	}
	if (h->untracked)
		h->untracked--;
	else
		pr_err_ratelimited("%pS releases %s, which this context does not hold\n",
				   (void *)caller, l->name);
	preempt_enable();
}

/* Does this context hold a legacy lock for which @match(lock, @arg)? */
static bool vmk_legacy_holds(bool (*match)(const struct vmk_legacy_lock *,
					   const void *),
			     const void *arg)
{
	struct vmk_legacy_held *h;
	bool found = false;
	unsigned int i;

	preempt_disable();
	h = vmk_legacy_held_here();
	for (i = 0; i < h->depth && !found; i++)
		found = match(h->locks[i], arg);
	preempt_enable();
	return found;
}

/* ---- classes ------------------------------------------------------------ */

/* Table lock held; frees the class once nobody refers to it. */
static bool vmk_legacy_class_put_locked(struct vmk_SpinlockClass_LEGACYInt *c)
{
	if (--c->refs)
		return false;
	hash_del(&c->node);
	c->tag = 0;
	return true;
}

/*
 * The last reference went.  The owner's resource entry is usually gone
 * already (destroy and reclaim drop it first); deleting it again is a
 * no-op.
 */
static void vmk_legacy_class_free(struct vmk_SpinlockClass_LEGACYInt *c)
{
	vmk_core_resource_del(&c->res);
	vmk_HeapFree(c->heap, c);
}

static void vmk_legacy_class_describe(struct vmk_core_resource *res,
				      char *buf, size_t len)
{
	struct vmk_SpinlockClass_LEGACYInt *c =
		container_of(res, struct vmk_SpinlockClass_LEGACYInt, res);

	snprintf(buf, len, "%s (rank %#x)", c->name, c->major);
}

/*
 * The owner's reference goes; members left behind (reclaimed with the
 * same module) keep the memory until they go too.
 */
static void vmk_legacy_class_reclaim(struct vmk_core_resource *res)
{
	struct vmk_SpinlockClass_LEGACYInt *c =
		container_of(res, struct vmk_SpinlockClass_LEGACYInt, res);
	unsigned long flags;
	bool free;

	vmk_core_resource_del(&c->res);
	spin_lock_irqsave(&vmk_legacy_lock, flags);
	free = vmk_legacy_class_put_locked(c);
	spin_unlock_irqrestore(&vmk_legacy_lock, flags);
	if (free)
		vmk_legacy_class_free(c);
}

static const struct vmk_core_resource_type vmk_legacy_class_resource = {
	.kind = "legacy spinlock class",
	.describe = vmk_legacy_class_describe,
	.reclaim = vmk_legacy_class_reclaim,
};

/*
 * Memory for a lock or class of @module from its default heap, zeroed;
 * the heap's leak report names @caller.
 */
static void *vmk_legacy_alloc(vmk_ModuleID module, size_t size,
			      unsigned long caller, vmk_HeapID *heap,
			      VMK_ReturnStatus *status)
{
	void *mem;

	if (!vmk_core_module_is_registered(module)) {
		vmk_core_bad_arg_from(caller, "module %d is not registered",
				      module);
		*status = VMK_BAD_PARAM;
		return NULL;
	}
	*heap = vmk_ModuleGetHeapID(module);
	if (*heap == VMK_INVALID_HEAP_ID) {
		*status = VMK_NO_MODULE_HEAP;
		return NULL;
	}
	mem = vmk_HeapAllocWithRA(*heap, size, (void *)caller);
	if (!mem) {
		*status = VMK_NO_MEMORY;
		return NULL;
	}
	memset(mem, 0, size);
	*status = VMK_OK;
	return mem;
}

static bool vmk_legacy_name_ok(const char *name, unsigned long caller)
{
	if (name && name[0])
		return true;
	vmk_core_bad_arg_from(caller, "a legacy lock needs a name");
	return false;
}

VMK_ReturnStatus vmk_SPClassCreate_LEGACY(vmk_SpinlockClass_LEGACY *lockClass,
					  vmk_ModuleID moduleID,
					  const char *name,
					  vmk_SpinlockRank rank)
{
	struct vmk_SpinlockClass_LEGACYInt *c;
	VMK_ReturnStatus status;
	unsigned long flags;
	vmk_HeapID heap;

	might_sleep();
	if (!lockClass || !vmk_legacy_name_ok(name, _RET_IP_))
		return VMK_BAD_PARAM;
	if (rank < VMK_SP_RANK_LOWEST_MAJOR_LEGACY ||
	    rank > VMK_SP_RANK_IRQ_HIGHEST_MAJOR_LEGACY) {
		vmk_core_bad_arg("class %s: rank %#x out of range", name, rank);
		return VMK_BAD_PARAM;
	}
	c = vmk_legacy_alloc(moduleID, sizeof(*c), _RET_IP_, &heap, &status);
	if (!c)
		return status;
	c->major = rank;
	c->refs = 1;
	c->heap = heap;
	strscpy(c->name, name, sizeof(c->name));
	status = vmk_core_resource_add(&c->res, &vmk_legacy_class_resource,
				       moduleID);
	if (status != VMK_OK) {
		vmk_HeapFree(heap, c);
		return VMK_BAD_PARAM;
	}
	c->tag = VMK_LEGACY_TAG(VMK_LEGACY_CLASS);
	spin_lock_irqsave(&vmk_legacy_lock, flags);
	hash_add(vmk_legacy_table, &c->node, (unsigned long)c);
	spin_unlock_irqrestore(&vmk_legacy_lock, flags);
	*lockClass = c;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SPClassCreate_LEGACY);

void vmk_SPClassDestroy_LEGACY(vmk_SpinlockClass_LEGACY *lockClass)
{
	struct vmk_SpinlockClass_LEGACYInt *c = lockClass ? *lockClass : NULL;
	unsigned int members = 0;
	unsigned long flags;
	bool live, free = false;

	might_sleep();
	spin_lock_irqsave(&vmk_legacy_lock, flags);
	live = c && vmk_legacy_live(c, VMK_LEGACY_TAG(VMK_LEGACY_CLASS));
	if (live) {
		members = c->members;
		if (!members)
			free = vmk_legacy_class_put_locked(c);
	}
	spin_unlock_irqrestore(&vmk_legacy_lock, flags);
	if (!live) {
		vmk_core_bad_arg("%p is not a live legacy spinlock class", c);
		return;
	}
	if (members) {
		vmk_core_bad_arg("class %s still has %u lock(s); not destroyed",
				 c->name, members);
		return;
	}
	/* No member, so the owner's reference was the last. */
	WARN_ON_ONCE(!free);
	vmk_legacy_class_free(c);
	*lockClass = NULL;
}
VMKAPI_EXPORT(vmk_SPClassDestroy_LEGACY);

/* ---- creation and destruction ------------------------------------------- */

static void vmk_legacy_lock_free(struct vmk_legacy_lock *l)
{
	struct vmk_SpinlockClass_LEGACYInt *c = l->cls;
	unsigned long flags;
	bool free_class = false;

	vmk_core_resource_del(&l->res);
	if (c) {
		spin_lock_irqsave(&vmk_legacy_lock, flags);
		c->members--;
		free_class = vmk_legacy_class_put_locked(c);
		spin_unlock_irqrestore(&vmk_legacy_lock, flags);
	}
	if (free_class)
		vmk_legacy_class_free(c);
	vmk_core_lock_class_put(l->dep);
	vmk_HeapFree(l->heap, l);
}

static bool vmk_legacy_is_locked(struct vmk_legacy_lock *l)
{
	if ((l->tag & ~VMK_LEGACY_MAGIC) == VMK_LEGACY_RW)
		return atomic_read(&l->readers) || READ_ONCE(l->writer);
	/* Held by anyone, not only the caller: not a lockdep question. */
	return raw_spin_is_locked(&l->sl.rlock);
}

static void vmk_legacy_lock_describe(struct vmk_core_resource *res,
				     char *buf, size_t len)
{
	struct vmk_legacy_lock *l =
		container_of(res, struct vmk_legacy_lock, res);

	snprintf(buf, len, "%s (%s, rank %#x.%u)", l->name,
		 vmk_legacy_kind_names[l->tag & ~VMK_LEGACY_MAGIC], l->major,
		 l->minor);
}

static void vmk_legacy_lock_reclaim(struct vmk_core_resource *res)
{
	struct vmk_legacy_lock *l =
		container_of(res, struct vmk_legacy_lock, res);
	unsigned long flags;
	bool live;

	/* Whoever takes it out of the table frees it: a racing destroy wins. */
	spin_lock_irqsave(&vmk_legacy_lock, flags);
	live = vmk_legacy_live(l, l->tag);
	if (live) {
		hash_del(&l->node);
		l->tag = 0;
	}
	spin_unlock_irqrestore(&vmk_legacy_lock, flags);
	if (live)
		vmk_legacy_lock_free(l);
}

static const struct vmk_core_resource_type vmk_legacy_lock_resource = {
	.kind = "legacy spinlock",
	.describe = vmk_legacy_lock_describe,
	.reclaim = vmk_legacy_lock_reclaim,
};

/*
 * The ranks of a new lock of @kind: the class's major and @rank as the
 * minor, or @rank as the major of a simple lock.  Takes a member
 * reference on the class.
 */
static VMK_ReturnStatus
vmk_legacy_set_ranks(struct vmk_legacy_lock *l, enum vmk_legacy_kind kind,
		     struct vmk_SpinlockClass_LEGACYInt *c,
		     vmk_SpinlockRank rank, unsigned long caller)
{
	u32 lowest = kind == VMK_LEGACY_IRQ ?
		     VMK_SP_RANK_IRQ_LOWEST_MAJOR_LEGACY :
		     VMK_SP_RANK_LOWEST_MAJOR_LEGACY;
	u32 highest = kind == VMK_LEGACY_IRQ ?
		      VMK_SP_RANK_IRQ_HIGHEST_MAJOR_LEGACY :
		      VMK_SP_RANK_HIGHEST_MAJOR_LEGACY;
	u32 value = rank & ~VMK_LEGACY_RANK_FLAGS;
	unsigned long flags;
	bool live;

	l->recursive = rank & VMK_SP_RANK_RECURSIVE_FLAG_LEGACY;
	if (!c) {
		if (value < lowest || value > highest) {
			vmk_core_bad_arg_from(caller, "%s %s: rank %#x is outside %#x..%#x",
					      vmk_legacy_kind_names[kind],
					      l->name, value, lowest, highest);
			return VMK_BAD_PARAM;
		}
		l->major = value;
		return VMK_OK;
	}
	if (value > VMK_SP_RANK_MAX_MINOR_LEGACY) {
		vmk_core_bad_arg_from(caller, "%s: minor rank %#x too large",
				      l->name, value);
		return VMK_BAD_PARAM;
	}
	spin_lock_irqsave(&vmk_legacy_lock, flags);
	live = vmk_legacy_live(c, VMK_LEGACY_TAG(VMK_LEGACY_CLASS)) &&
	       c->refs && c->major >= lowest && c->major <= highest;
	if (live) {
		c->refs++;
		c->members++;
	}
	spin_unlock_irqrestore(&vmk_legacy_lock, flags);
	if (!live) {
		vmk_core_bad_arg_from(caller, "%s: %p is not a live class for a %s",
				      l->name, c, vmk_legacy_kind_names[kind]);
		return VMK_BAD_PARAM;
	}
	l->cls = c;
	l->major = c->major;
	l->minor = value;
	return VMK_OK;
}

static void vmk_legacy_set_lockdep_class(struct vmk_legacy_lock *l,
					 enum vmk_legacy_kind kind,
					 unsigned long site, u64 variant)
{
	struct lock_class_key *key;
	const char *name;

	if (l->recursive) {
		key = &vmk_legacy_nest_keys[hash_64(site ^ variant,
						    VMK_LEGACY_NEST_BITS)];
		name = "vmk_legacy_recursive";
	} else {
		l->dep = vmk_core_lock_class_get(site, l->name, variant);
		if (!l->dep)
			return;
		key = vmk_core_lock_class_key(l->dep);
		name = vmk_core_lock_class_name(l->dep, NULL);
	}
	if (kind == VMK_LEGACY_RW)
		lockdep_set_class_and_name(&l->rw, key, name);
	else
		lockdep_set_class_and_name(&l->sl, key, name);
}

static VMK_ReturnStatus
vmk_legacy_create(void **handle, enum vmk_legacy_kind kind,
		  vmk_ModuleID module, const char *name,
		  vmk_SpinlockClass_LEGACY *lockClass, vmk_SpinlockRank rank,
		  unsigned long caller)
{
	struct vmk_legacy_lock *l;
	VMK_ReturnStatus status;
	unsigned long flags;
	vmk_HeapID heap;
	u64 variant;

	might_sleep();
	if (!handle || !vmk_legacy_name_ok(name, caller))
		return VMK_BAD_PARAM;
	l = vmk_legacy_alloc(module, sizeof(*l), caller, &heap, &status);
	if (!l)
		return status;
	l->heap = heap;
	strscpy(l->name, name, sizeof(l->name));
	status = vmk_legacy_set_ranks(l, kind, lockClass ? *lockClass : NULL,
				      rank, caller);
	if (status != VMK_OK) {
		vmk_HeapFree(heap, l);
		return status;
	}
	if (kind == VMK_LEGACY_RW)
		rwlock_init(&l->rw);
	else
		spin_lock_init(&l->sl);
	variant = (u64)kind << 56 ^ (u64)l->major << 40 ^
		  (u64)l->minor << 24 ^ (u64)(uintptr_t)l->cls;
	vmk_legacy_set_lockdep_class(l, kind, caller, variant);
	status = vmk_core_resource_add(&l->res, &vmk_legacy_lock_resource,
				       module);
	if (status != VMK_OK) {
		vmk_legacy_lock_free(l);
		return VMK_BAD_PARAM;
	}
	l->tag = VMK_LEGACY_TAG(kind);
	spin_lock_irqsave(&vmk_legacy_lock, flags);
	hash_add(vmk_legacy_table, &l->node, (unsigned long)l);
	spin_unlock_irqrestore(&vmk_legacy_lock, flags);
	*handle = l;
	return VMK_OK;
}

VMK_ReturnStatus vmk_SPCreate_LEGACY(vmk_Spinlock *lock,
				     vmk_ModuleID moduleID, const char *name,
				     vmk_SpinlockClass_LEGACY *lockClass,
				     vmk_SpinlockRank rank)
{
	return vmk_legacy_create((void **)lock, VMK_LEGACY_SP, moduleID, name,
				 lockClass, rank, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SPCreate_LEGACY);

VMK_ReturnStatus vmk_SPCreateIRQ_LEGACY(vmk_SpinlockIRQ *lock,
					vmk_ModuleID moduleID,
					const char *name,
					vmk_SpinlockClass_LEGACY *lockClass,
					vmk_SpinlockRank rank)
{
	return vmk_legacy_create((void **)lock, VMK_LEGACY_IRQ, moduleID,
				 name, lockClass, rank, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SPCreateIRQ_LEGACY);

VMK_ReturnStatus vmk_RWCreate_LEGACY(vmk_SpinlockRW *lock,
				     vmk_ModuleID moduleID, const char *name,
				     vmk_SpinlockClass_LEGACY *lockClass,
				     vmk_SpinlockRank rank)
{
	return vmk_legacy_create((void **)lock, VMK_LEGACY_RW, moduleID, name,
				 lockClass, rank, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWCreate_LEGACY);

static void vmk_legacy_destroy(void **handle, enum vmk_legacy_kind kind,
			       unsigned long caller)
{
	struct vmk_legacy_lock *l = handle ? *handle : NULL;
	unsigned long flags;
	bool live, held = false;

	might_sleep();
	spin_lock_irqsave(&vmk_legacy_lock, flags);
	live = l && vmk_legacy_live(l, VMK_LEGACY_TAG(kind));
	if (live) {
		held = vmk_legacy_is_locked(l);
		if (!held) {
			hash_del(&l->node);
			l->tag = 0;
		}
	}
	spin_unlock_irqrestore(&vmk_legacy_lock, flags);
	if (!live) {
		vmk_core_bad_arg_from(caller, "%p is not a live legacy %s", l,
				      vmk_legacy_kind_names[kind]);
		return;
	}
	if (held) {
		vmk_core_bad_arg_from(caller, "%s is held; not destroyed",
				      l->name);
		return;
	}
	vmk_legacy_lock_free(l);
	*handle = NULL;
}

void vmk_SPDestroy(vmk_Spinlock *lock)
{
	vmk_legacy_destroy((void **)lock, VMK_LEGACY_SP, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SPDestroy);

void vmk_SPDestroyIRQ(vmk_SpinlockIRQ *lock)
{
	vmk_legacy_destroy((void **)lock, VMK_LEGACY_IRQ, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SPDestroyIRQ);

void vmk_RWDestroy(vmk_SpinlockRW *lock)
{
	vmk_legacy_destroy((void **)lock, VMK_LEGACY_RW, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWDestroy);

/* ---- taking and releasing ------------------------------------------------ */

/* How a lock is held. */
enum vmk_legacy_mode {
	VMK_LEGACY_EXCL,	/* spinlock_t, plain or IRQ kind */
	VMK_LEGACY_READ,
	VMK_LEGACY_WRITE,
};

/*
 * The Linux lock operations.  Sparse sees each public call as balanced
 * (a lock call returns holding what it took, an unlock call releases
 * what the caller holds), hence the __release after each acquisition
 * and the __acquire before each release.
 */
static __always_inline void vmk_legacy_raw_lock(struct vmk_legacy_lock *l,
						enum vmk_legacy_mode mode,
						unsigned int subclass)
{
	switch (mode) {
	case VMK_LEGACY_READ:
		/* Readers nest in lockdep as they are: no subclass. */
		read_lock(&l->rw);
		__release(&l->rw);
		atomic_inc(&l->readers);
		break;
	case VMK_LEGACY_WRITE:
		write_lock_nested(&l->rw, subclass);
		__release(&l->rw);
		WRITE_ONCE(l->writer, true);
		break;
	default:
		spin_lock_nested(&l->sl, subclass);
		__release(&l->sl);
		break;
	}
}

static __always_inline bool vmk_legacy_raw_trylock(struct vmk_legacy_lock *l,
						   enum vmk_legacy_mode mode)
{
	switch (mode) {
	case VMK_LEGACY_READ:
		if (!read_trylock(&l->rw))
			return false;
		__release(&l->rw);
		atomic_inc(&l->readers);
		return true;
	case VMK_LEGACY_WRITE:
		if (!write_trylock(&l->rw))
			return false;
		__release(&l->rw);
		WRITE_ONCE(l->writer, true);
		return true;
	default:
		if (!spin_trylock(&l->sl))
			return false;
		__release(&l->sl);
		return true;
	}
}

static __always_inline void vmk_legacy_raw_unlock(struct vmk_legacy_lock *l,
						  enum vmk_legacy_mode mode)
{
	switch (mode) {
	case VMK_LEGACY_READ:
		atomic_dec(&l->readers);
		__acquire(&l->rw);
		read_unlock(&l->rw);
		break;
	case VMK_LEGACY_WRITE:
		WRITE_ONCE(l->writer, false);
		__acquire(&l->rw);
		write_unlock(&l->rw);
		break;
	default:
		__acquire(&l->sl);
		spin_unlock(&l->sl);
		break;
	}
}

/*
 * Rank check, take, record.  The caller has preemption or interrupts
 * off, so the context's stack stays this CPU's throughout.
 */
static __always_inline void vmk_legacy_take(struct vmk_legacy_lock *l,
					    enum vmk_legacy_mode mode,
					    unsigned long caller)
{
	struct vmk_legacy_held *h = vmk_legacy_held_here();
	unsigned int subclass = vmk_legacy_rank_check(h, l, caller);

	vmk_legacy_raw_lock(l, mode, subclass);
	vmk_legacy_push(h, l);
}

/* The same for a try: rank checked too, as its contract asks. */
static __always_inline bool vmk_legacy_try(struct vmk_legacy_lock *l,
					   enum vmk_legacy_mode mode,
					   unsigned long caller)
{
	struct vmk_legacy_held *h = vmk_legacy_held_here();

	vmk_legacy_rank_check(h, l, caller);
	if (!vmk_legacy_raw_trylock(l, mode))
		return false;
	vmk_legacy_push(h, l);
	return true;
}

/* The non-IRQ kinds: not in hard IRQ, preemption off while taking. */
static __always_inline void vmk_legacy_lock_task(void *const *handle,
						 enum vmk_legacy_kind kind,
						 enum vmk_legacy_mode mode,
						 unsigned long caller)
{
	struct vmk_legacy_lock *l;

	vmk_legacy_assert_not_hardirq();
	l = vmk_legacy_get(handle, kind, caller);
	if (!l)
		return;
	preempt_disable();
	vmk_legacy_take(l, mode, caller);
	preempt_enable();
}

static __always_inline VMK_ReturnStatus
vmk_legacy_trylock_task(void *const *handle, enum vmk_legacy_kind kind,
			enum vmk_legacy_mode mode, unsigned long caller)
{
	struct vmk_legacy_lock *l;
	bool taken;

	vmk_legacy_assert_not_hardirq();
	l = vmk_legacy_get(handle, kind, caller);
	if (!l)
		return VMK_BAD_PARAM;
	preempt_disable();
	taken = vmk_legacy_try(l, mode, caller);
	preempt_enable();
	return taken ? VMK_OK : VMK_BUSY;
}

static __always_inline void vmk_legacy_unlock(void *const *handle,
					      enum vmk_legacy_kind kind,
					      enum vmk_legacy_mode mode,
					      unsigned long caller)
{
	struct vmk_legacy_lock *l = vmk_legacy_get(handle, kind, caller);

	if (!l)
		return;
	vmk_legacy_pop(l, caller);
	vmk_legacy_raw_unlock(l, mode);
}

/* ---- non-IRQ locks ------------------------------------------------------- */

void vmk_SPLock(vmk_Spinlock *lock)
{
	vmk_legacy_lock_task((void *const *)lock, VMK_LEGACY_SP,
			     VMK_LEGACY_EXCL, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SPLock);

VMK_ReturnStatus vmk_SPTryLock(vmk_Spinlock *lock)
{
	return vmk_legacy_trylock_task((void *const *)lock, VMK_LEGACY_SP,
				       VMK_LEGACY_EXCL, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SPTryLock);

void vmk_SPUnlock(vmk_Spinlock *lock)
{
	vmk_legacy_unlock((void *const *)lock, VMK_LEGACY_SP, VMK_LEGACY_EXCL,
			  _RET_IP_);
}
VMKAPI_EXPORT(vmk_SPUnlock);

/* ---- IRQ locks ------------------------------------------------------------ */

unsigned long vmk_SPLockIRQ(vmk_SpinlockIRQ *lock)
{
	unsigned long prev = irqs_disabled() ? 1 : 0;
	struct vmk_legacy_lock *l;

	l = vmk_legacy_get((void *const *)lock, VMK_LEGACY_IRQ, _RET_IP_);
	if (!l)
		return prev;
	local_irq_disable();
	vmk_legacy_take(l, VMK_LEGACY_EXCL, _RET_IP_);
	return prev;
}
VMKAPI_EXPORT(vmk_SPLockIRQ);

VMK_ReturnStatus vmk_SPTryLockIRQ(vmk_SpinlockIRQ *lock, unsigned long *flags)
{
	unsigned long prev = irqs_disabled() ? 1 : 0;
	struct vmk_legacy_lock *l;

	l = vmk_legacy_get((void *const *)lock, VMK_LEGACY_IRQ, _RET_IP_);
	if (!l)
		return VMK_BAD_PARAM;
	if (!flags) {
		vmk_core_bad_arg("%s: NULL flags", l->name);
		return VMK_BAD_PARAM;
	}
	local_irq_disable();
	if (!vmk_legacy_try(l, VMK_LEGACY_EXCL, _RET_IP_)) {
		if (!prev)
			local_irq_enable();
		return VMK_BUSY;
	}
	*flags = prev;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SPTryLockIRQ);

void vmk_SPUnlockIRQ(vmk_SpinlockIRQ *lock, unsigned long prevIRQ)
{
	vmk_legacy_unlock((void *const *)lock, VMK_LEGACY_IRQ,
			  VMK_LEGACY_EXCL, _RET_IP_);
	/* A bad handle took nothing, but interrupts go back all the same. */
	if (!prevIRQ)
		local_irq_enable();
}
VMKAPI_EXPORT(vmk_SPUnlockIRQ);

/* ---- readers-writer locks -------------------------------------------------- */

void vmk_RWReadLock(vmk_SpinlockRW *lock)
{
	vmk_legacy_lock_task((void *const *)lock, VMK_LEGACY_RW,
			     VMK_LEGACY_READ, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWReadLock);

VMK_ReturnStatus vmk_RWTryReadLock(vmk_SpinlockRW *lock)
{
	return vmk_legacy_trylock_task((void *const *)lock, VMK_LEGACY_RW,
				       VMK_LEGACY_READ, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWTryReadLock);

void vmk_RWReadUnlock(vmk_SpinlockRW *lock)
{
	vmk_legacy_unlock((void *const *)lock, VMK_LEGACY_RW, VMK_LEGACY_READ,
			  _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWReadUnlock);

void vmk_RWWriteLock(vmk_SpinlockRW *lock)
{
	vmk_legacy_lock_task((void *const *)lock, VMK_LEGACY_RW,
			     VMK_LEGACY_WRITE, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWWriteLock);

VMK_ReturnStatus vmk_RWTryWriteLock(vmk_SpinlockRW *lock)
{
	return vmk_legacy_trylock_task((void *const *)lock, VMK_LEGACY_RW,
				       VMK_LEGACY_WRITE, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWTryWriteLock);

void vmk_RWWriteUnlock(vmk_SpinlockRW *lock)
{
	vmk_legacy_unlock((void *const *)lock, VMK_LEGACY_RW,
			  VMK_LEGACY_WRITE, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWWriteUnlock);

/* A snapshot: another CPU may change it the next moment. */
static VMK_ReturnStatus vmk_legacy_rw_state(void *const *handle, bool writer,
					    unsigned long caller)
{
	struct vmk_legacy_lock *l = vmk_legacy_get(handle, VMK_LEGACY_RW,
						   caller);

	if (!l)
		return VMK_BAD_PARAM;
	if (writer)
		return READ_ONCE(l->writer) ? VMK_BUSY : VMK_OK;
	return atomic_read(&l->readers) ? VMK_BUSY : VMK_OK;
}

VMK_ReturnStatus vmk_RWIsRLocked(vmk_SpinlockRW *lock)
{
	return vmk_legacy_rw_state((void *const *)lock, false, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWIsRLocked);

VMK_ReturnStatus vmk_RWIsWLocked(vmk_SpinlockRW *lock)
{
	return vmk_legacy_rw_state((void *const *)lock, true, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWIsWLocked);

/* ---- assertions ------------------------------------------------------------- */

static void vmk_legacy_assert_state(void *const *handle,
				    enum vmk_legacy_kind kind, bool locked,
				    unsigned long caller)
{
	struct vmk_legacy_lock *l = vmk_legacy_get(handle, kind, caller);

	if (!l)
		return;
	WARN_RATELIMIT(vmk_legacy_is_locked(l) != locked,
		       "vmkapi: %pS expects %s %s\n", (void *)caller, l->name,
		       locked ? "locked" : "unlocked");
}

void vmk_SPAssertHasState(vmk_Spinlock *lock, vmk_Bool locked)
{
	vmk_legacy_assert_state((void *const *)lock, VMK_LEGACY_SP, locked,
				_RET_IP_);
}
VMKAPI_EXPORT(vmk_SPAssertHasState);

void vmk_SPAssertHasStateIRQ(vmk_SpinlockIRQ *lock, vmk_Bool locked)
{
	vmk_legacy_assert_state((void *const *)lock, VMK_LEGACY_IRQ, locked,
				_RET_IP_);
}
VMKAPI_EXPORT(vmk_SPAssertHasStateIRQ);

static bool vmk_legacy_is_irq_kind(const struct vmk_legacy_lock *l,
				   const void *unused)
{
	return l->tag == VMK_LEGACY_TAG(VMK_LEGACY_IRQ);
}

static bool vmk_legacy_is_plain_kind(const struct vmk_legacy_lock *l,
				     const void *unused)
{
	return !vmk_legacy_is_irq_kind(l, NULL);
}

void vmk_SPAssertNoLocksHeldInt(void)
{
	WARN_RATELIMIT(vmk_legacy_holds(vmk_legacy_is_plain_kind, NULL),
		       "vmkapi: %pS expects no legacy non-IRQ lock held\n",
		       (void *)_RET_IP_);
}
VMKAPI_EXPORT(vmk_SPAssertNoLocksHeldInt);

void vmk_SPAssertNoLocksHeldIRQInt(void)
{
	WARN_RATELIMIT(vmk_legacy_holds(vmk_legacy_is_irq_kind, NULL),
		       "vmkapi: %pS expects no legacy IRQ lock held\n",
		       (void *)_RET_IP_);
}
VMKAPI_EXPORT(vmk_SPAssertNoLocksHeldIRQInt);

/* ---- for the KUnit suite --------------------------------------------------- */

long vmk_core_legacy_lock_violations(void)
{
	return atomic_long_read(&vmk_legacy_violations);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_legacy_lock_violations, VMKAPI_INTERNAL);

/* Does the current context hold @lock (any kind) per the rank stack? */
static bool vmk_legacy_is(const struct vmk_legacy_lock *l, const void *lock)
{
	return l == lock;
}

bool vmk_core_legacy_lock_held_here(const void *lock)
{
	return vmk_legacy_holds(vmk_legacy_is, lock);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_legacy_lock_held_here, VMKAPI_INTERNAL);
