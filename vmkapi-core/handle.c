// SPDX-License-Identifier: GPL-2.0
/*
 * Handle validation: one RCU hash of every live object that a driver
 * names by an opaque handle (heaps, slabs, ...), keyed by address and
 * kind.  A stale, foreign or garbage handle is then refused without ever
 * being dereferenced: the lookup compares addresses stored in the table
 * and only touches objects that are still in it.
 */
#include "vmkapi_core.h"

#include <linux/hashtable.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

/* Read by the inline vmk_core_handle_find() in vmkapi_core.h. */
DEFINE_HASHTABLE(vmk_core_handles, VMK_CORE_HANDLE_BITS);
static DEFINE_SPINLOCK(vmk_handles_lock);

void vmk_core_handle_add(struct vmk_core_handle *handle, const void *key,
			 enum vmk_core_handle_kind kind)
{
	unsigned long flags;

	handle->key = key;
	handle->kind = kind;
	spin_lock_irqsave(&vmk_handles_lock, flags);
	hash_add_rcu(vmk_core_handles, &handle->link, (unsigned long)key);
	spin_unlock_irqrestore(&vmk_handles_lock, flags);
}

void vmk_core_handle_del(struct vmk_core_handle *handle)
{
	unsigned long flags;

	spin_lock_irqsave(&vmk_handles_lock, flags);
	hash_del_rcu(&handle->link);
	spin_unlock_irqrestore(&vmk_handles_lock, flags);
}

/*
 * Detached entries, for objects that live in drivers' heaps and are
 * freed as soon as they are destroyed (a driver destroys its heap right
 * after).  Their
 * handle-table entries are therefore separate allocations, freed after
 * an RCU grace period, so that a concurrent lookup walking the bucket
 * never touches freed memory.
 */
struct vmk_detached_handle {
	struct vmk_core_handle handle;
	struct rcu_head rcu;
};

/* Makes look-up-and-delete atomic, so that racing destroys free once. */
static DEFINE_SPINLOCK(vmk_detached_lock);

int vmk_core_handle_add_detached(const void *obj,
				 enum vmk_core_handle_kind kind)
{
	struct vmk_detached_handle *d = kmalloc(sizeof(*d), GFP_NOWAIT);

	if (!d)
		return -ENOMEM;
	vmk_core_handle_add(&d->handle, obj, kind);
	return 0;
}

bool vmk_core_handle_del_detached(const void *obj,
				  enum vmk_core_handle_kind kind)
{
	struct vmk_core_handle *h;
	unsigned long flags;

	spin_lock_irqsave(&vmk_detached_lock, flags);
	rcu_read_lock();
	h = vmk_core_handle_find(obj, kind);
	if (h)
		vmk_core_handle_del(h);
	rcu_read_unlock();
	spin_unlock_irqrestore(&vmk_detached_lock, flags);
	if (h)
		kfree_rcu(container_of(h, struct vmk_detached_handle, handle),
			  rcu);
	return h;
}

/*
 * A sched-RCU reader (preemption off) is enough: since RCU flavours were
 * consolidated, kfree_rcu() waits for those too, and it is cheaper than
 * a preemptible RCU read section on the entry points that check handles.
 */
bool vmk_core_handle_live(const void *obj, enum vmk_core_handle_kind kind)
{
	bool found;

	rcu_read_lock_sched();
	found = vmk_core_handle_find(obj, kind);
	rcu_read_unlock_sched();
	return found;
}

/*
 * The usual check at a public entry point: NULL is VMK_BAD_PARAM, a
 * handle that is not live (of this kind) VMK_INVALID_HANDLE, each logged
 * once naming @api, the caller and @what the handle should be.
 */
VMK_ReturnStatus vmk_core_handle_check(const void *obj,
				       enum vmk_core_handle_kind kind,
				       const char *what, const char *api,
				       unsigned long caller)
{
	if (!obj) {
		vmk_core_bad_arg_api(api, caller, "NULL %s", what);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_handle_live(obj, kind)) {
		vmk_core_bad_arg_api(api, caller, "%p is not a live %s", obj,
				     what);
		return VMK_INVALID_HANDLE;
	}
	return VMK_OK;
}
