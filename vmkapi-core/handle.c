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
#include <linux/spinlock.h>

static DEFINE_HASHTABLE(vmk_handles, 8);
static DEFINE_SPINLOCK(vmk_handles_lock);

void vmk_core_handle_add(struct vmk_core_handle *handle, const void *key,
			 enum vmk_core_handle_kind kind)
{
	unsigned long flags;

	handle->key = key;
	handle->kind = kind;
	spin_lock_irqsave(&vmk_handles_lock, flags);
	hash_add_rcu(vmk_handles, &handle->link, (unsigned long)key);
	spin_unlock_irqrestore(&vmk_handles_lock, flags);
}

void vmk_core_handle_del(struct vmk_core_handle *handle)
{
	unsigned long flags;

	spin_lock_irqsave(&vmk_handles_lock, flags);
	hash_del_rcu(&handle->link);
	spin_unlock_irqrestore(&vmk_handles_lock, flags);
}

struct vmk_core_handle *vmk_core_handle_find(const void *key,
					     enum vmk_core_handle_kind kind)
{
	struct vmk_core_handle *handle;

	if (!key)
		return NULL;
	hash_for_each_possible_rcu(vmk_handles, handle, link,
				   (unsigned long)key)
		if (handle->key == key && handle->kind == kind)
			return handle;
	return NULL;
}
