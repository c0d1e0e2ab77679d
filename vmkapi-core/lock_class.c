// SPDX-License-Identifier: GPL-2.0
/*
 * Lockdep classes for VMK locks, one per creation site.
 *
 * A driver creates its locks through a handful of calls into the core, so
 * a static lock_class_key in the core would put every driver's spinlocks
 * (or mutexes, or rw semaphores) in one lockdep class, and lockdep would
 * report false inversions between unrelated drivers.  Instead each lock
 * gets the class of the place that created it (the driver's return
 * address), its name and a variant the lock family chooses (spinlocks key
 * type, domain and rank, so a wrapper's ranked locks that nest
 * legitimately stay distinct).
 *
 * Classes are counted: a class lives while locks of it do, and a work item
 * unregisters the idle ones (lockdep_unregister_key sleeps, and a lock may
 * be destroyed atomically).  A site in an unloaded module therefore never
 * keeps a class that a module loaded at the same address would inherit.
 */
#include "vmkapi_core.h"

#include <linux/hashtable.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

struct vmk_core_lock_class {
	struct hlist_node node;
	unsigned long site;
	u64 variant;
	unsigned int users;
	/* lockdep keeps a pointer to the name: it lives as long as the key. */
	char name[VMK_MISC_NAME_MAX];
	struct lock_class_key key;
};

/* The class of a lock created while no memory was left for its own. */
static struct lock_class_key vmk_lock_class_fallback;

#define VMK_LOCK_CLASS_HASH_BITS	6
static DEFINE_HASHTABLE(vmk_lock_classes, VMK_LOCK_CLASS_HASH_BITS);
static DEFINE_SPINLOCK(vmk_lock_classes_lock);

/* Unregister the classes nobody uses any more; process context. */
static void vmk_lock_class_reap(struct work_struct *work)
{
	struct vmk_core_lock_class *cls;
	struct hlist_node *tmp;
	unsigned long flags;
	HLIST_HEAD(idle);
	int bkt;

	spin_lock_irqsave(&vmk_lock_classes_lock, flags);
	hash_for_each_safe(vmk_lock_classes, bkt, tmp, cls, node) {
		if (cls->users)
			continue;
		hash_del(&cls->node);
		hlist_add_head(&cls->node, &idle);
	}
	spin_unlock_irqrestore(&vmk_lock_classes_lock, flags);
	hlist_for_each_entry_safe(cls, tmp, &idle, node) {
		lockdep_unregister_key(&cls->key);
		kfree(cls);
	}
}
static DECLARE_WORK(vmk_lock_class_work, vmk_lock_class_reap);

struct vmk_core_lock_class *vmk_core_lock_class_get(unsigned long site,
						    const char *name,
						    u64 variant)
{
	struct vmk_core_lock_class *cls;
	unsigned long flags;

	if (!IS_ENABLED(CONFIG_LOCKDEP))
		return NULL;
	spin_lock_irqsave(&vmk_lock_classes_lock, flags);
	hash_for_each_possible(vmk_lock_classes, cls, node, site ^ variant)
		if (cls->site == site && cls->variant == variant &&
		    !strcmp(cls->name, name))
			goto found;
	/* Once per site, and callers may not sleep: under the lock, atomic. */
	cls = kzalloc(sizeof(*cls), GFP_ATOMIC);
	if (!cls)
		goto out;
	cls->site = site;
	cls->variant = variant;
	strscpy(cls->name, name, sizeof(cls->name));
	lockdep_register_key(&cls->key);
	hash_add(vmk_lock_classes, &cls->node, site ^ variant);
found:
	cls->users++;
out:
	spin_unlock_irqrestore(&vmk_lock_classes_lock, flags);
	return cls;
}

void vmk_core_lock_class_put(struct vmk_core_lock_class *cls)
{
	unsigned long flags;
	bool idle;

	if (!cls)
		return;
	spin_lock_irqsave(&vmk_lock_classes_lock, flags);
	idle = --cls->users == 0;
	spin_unlock_irqrestore(&vmk_lock_classes_lock, flags);
	if (idle)
		schedule_work(&vmk_lock_class_work);
}

struct lock_class_key *vmk_core_lock_class_key(struct vmk_core_lock_class *cls)
{
	return cls ? &cls->key : &vmk_lock_class_fallback;
}

const char *vmk_core_lock_class_name(struct vmk_core_lock_class *cls,
				     const char *fallback)
{
	return cls ? cls->name : fallback;
}

void vmk_core_lock_class_exit(void)
{
	struct vmk_core_lock_class *cls;
	struct hlist_node *tmp;
	int bkt;

	/*
	 * Every module is gone, and with it every lock; the last puts may
	 * still have the reaper queued.  What is left after it ran belongs
	 * to a lock that was never destroyed: its memory is gone with its
	 * heap, so the class goes too.
	 */
	flush_work(&vmk_lock_class_work);
	hash_for_each_safe(vmk_lock_classes, bkt, tmp, cls, node) {
		hash_del(&cls->node);
		lockdep_unregister_key(&cls->key);
		kfree(cls);
	}
}
