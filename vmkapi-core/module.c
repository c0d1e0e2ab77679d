// SPDX-License-Identifier: GPL-2.0
/*
 * The module registry: which Linux modules have registered with the core,
 * under which ID and API revision, their use counts and default heaps.
 *
 * Lookups happen from any context (a log call in an interrupt acknowledge
 * asks for a module's name), so readers walk the list under RCU; writers
 * (register, unregister, the GOING notifier) serialise on a mutex.
 */
#include "vmkapi_core.h"

#include <linux/idr.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

struct vmk_core_module {
	struct list_head link;
	struct rcu_head rcu;
	vmk_ModuleID id;
	/* NULL for the core itself, which cannot unload under itself. */
	struct module *owner;
	char name[VMK_MODULE_NAME_MAX];
	vmk_revnum revision;
	atomic_t use_count;
	/* The default heap; written once, read from any context. */
	vmk_HeapID default_heap;
	bool heap_assigned;
	spinlock_t heap_lock;
	/* Live resources, newest first (reclaimed in that order). */
	struct list_head resources;
	unsigned int resource_count;
	spinlock_t resource_lock;
	/*
	 * Leaving the registry: set under resource_lock where the last
	 * resource count is checked, so no resource or use can be added to
	 * an entry that is about to be freed.
	 */
	bool dead;
};

static LIST_HEAD(vmk_modules);
static DEFINE_MUTEX(vmk_modules_mutex);
static DEFINE_IDA(vmk_module_ids);

/* Caller holds rcu_read_lock() or vmk_modules_mutex. */
static struct vmk_core_module *vmk_module_find(vmk_ModuleID id)
{
	struct vmk_core_module *mod;

	list_for_each_entry_rcu(mod, &vmk_modules, link,
				lockdep_is_held(&vmk_modules_mutex))
		if (mod->id == id)
			return mod;
	return NULL;
}

static struct vmk_core_module *vmk_module_find_owner(struct module *owner)
{
	struct vmk_core_module *mod;

	list_for_each_entry_rcu(mod, &vmk_modules, link,
				lockdep_is_held(&vmk_modules_mutex))
		if (mod->owner == owner)
			return mod;
	return NULL;
}

/*
 * A driver built for major N cannot run on another major (the contract
 * of every call may differ); a driver built for a newer minor may call
 * functions this core lacks.  Older minors are what compatibility means.
 */
static VMK_ReturnStatus vmk_module_check_revision(const char *name,
						  vmk_revnum theirs)
{
	vmk_revnum ours = VMKAPI_REVISION;

	if (VMK_REVISION_MAJOR(theirs) != VMK_REVISION_MAJOR(ours)) {
		pr_err("%s: built for VMK API %u.%u.%u.%u, this core provides %u.%u.%u.%u: major revision mismatch\n",
		       name, VMK_REVISION_MAJOR(theirs), VMK_REVISION_MINOR(theirs),
		       VMK_REVISION_UPDATE(theirs), VMK_REVISION_PATCH_LEVEL(theirs),
		       VMK_REVISION_MAJOR(ours), VMK_REVISION_MINOR(ours),
		       VMK_REVISION_UPDATE(ours), VMK_REVISION_PATCH_LEVEL(ours));
		return VMK_VERSION_MISMATCH_MAJOR;
	}
	if (VMK_REVISION_MINOR(theirs) > VMK_REVISION_MINOR(ours)) {
		pr_err("%s: built for VMK API %u.%u, newer than this core's %u.%u: minor revision mismatch\n",
		       name, VMK_REVISION_MAJOR(theirs), VMK_REVISION_MINOR(theirs),
		       VMK_REVISION_MAJOR(ours), VMK_REVISION_MINOR(ours));
		return VMK_VERSION_MISMATCH_MINOR;
	}
	return VMK_OK;
}

static VMK_ReturnStatus vmk_module_add(struct module *owner, const char *name,
				       vmk_revnum revision, int min_id,
				       vmk_ModuleID *id)
{
	struct vmk_core_module *mod;
	int new_id;

	mod = kzalloc(sizeof(*mod), GFP_KERNEL);
	if (!mod)
		return VMK_NO_MEMORY;
	strscpy(mod->name, name, sizeof(mod->name));
	mod->owner = owner;
	mod->revision = revision;
	atomic_set(&mod->use_count, 0);
	spin_lock_init(&mod->heap_lock);
	INIT_LIST_HEAD(&mod->resources);
	spin_lock_init(&mod->resource_lock);

	mutex_lock(&vmk_modules_mutex);
	if (owner && vmk_module_find_owner(owner)) {
		mutex_unlock(&vmk_modules_mutex);
		kfree(mod);
		return VMK_EXISTS;
	}
	new_id = ida_alloc_min(&vmk_module_ids, min_id, GFP_KERNEL);
	if (new_id < 0) {
		mutex_unlock(&vmk_modules_mutex);
		kfree(mod);
		return VMK_NO_MEMORY;
	}
	mod->id = new_id;
	list_add_tail_rcu(&mod->link, &vmk_modules);
	vmk_core_events_module_add(new_id, name);
	mutex_unlock(&vmk_modules_mutex);

	*id = new_id;
	return VMK_OK;
}

VMK_ReturnStatus __vmk_ModuleRegister(struct module *owner, vmk_ModuleID *id,
				      vmk_uint32 vmkApiModRevision)
{
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	if (!id || !owner) {
		vmk_core_bad_arg("id %p owner %p", id, owner);
		return VMK_BAD_PARAM;
	}
	status = vmk_module_check_revision(module_name(owner),
					   vmkApiModRevision);
	if (status != VMK_OK)
		return status;

	status = vmk_module_add(owner, module_name(owner), vmkApiModRevision,
				VMK_VMKERNEL_MODULE_ID + 1, id);
	if (status == VMK_OK)
		pr_info("module %s registered as %d (API %u.%u.%u.%u)\n",
			module_name(owner), *id,
			VMK_REVISION_MAJOR(vmkApiModRevision),
			VMK_REVISION_MINOR(vmkApiModRevision),
			VMK_REVISION_UPDATE(vmkApiModRevision),
			VMK_REVISION_PATCH_LEVEL(vmkApiModRevision));
	else if (status == VMK_EXISTS)
		vmk_core_bad_arg("%s is already registered", module_name(owner));
	return status;
}
VMKAPI_EXPORT(__vmk_ModuleRegister);

/*
 * One line per live resource of @mod: the leak report; also in the
 * module's event ring, where it outlives the module (@unloading: the
 * resources are reclaimed next, else unregister was refused).
 */
static void vmk_module_report_resources(struct vmk_core_module *mod,
					bool unloading)
{
	struct vmk_core_resource *res;
	unsigned long flags;
	char desc[96];

	spin_lock_irqsave(&mod->resource_lock, flags);
	pr_warn("module %s still holds %u resource(s):\n", mod->name,
		mod->resource_count);
	list_for_each_entry(res, &mod->resources, link) {
		desc[0] = '\0';
		if (res->type->describe)
			res->type->describe(res, desc, sizeof(desc));
		pr_warn("  %s %s\n", res->type->kind, desc);
		vmk_core_event_record(mod->id, VMKAPI_EVENT_RESOURCE_LEAK,
				      unloading ? VMK_OK :
				      VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO,
				      res->type->kind, "%s: %s",
				      unloading ? "reclaimed at unload" :
				      "held at unregister", desc);
	}
	spin_unlock_irqrestore(&mod->resource_lock, flags);
}

/*
 * The module is gone: destroy what it left, newest first, so a lock
 * allocated from a heap goes before the heap.  Caller holds
 * vmk_modules_mutex, so no new resource can be added for @mod (adds look
 * the module up, and it is about to leave the list).
 */
static void vmk_module_reclaim_resources(struct vmk_core_module *mod)
{
	struct vmk_core_resource *res;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&mod->resource_lock, flags);
		res = list_first_entry_or_null(&mod->resources,
					       struct vmk_core_resource, link);
		if (res) {
			list_del_init(&res->link);
			mod->resource_count--;
			WRITE_ONCE(res->owner, NULL);
		} else {
			mod->dead = true;
		}
		spin_unlock_irqrestore(&mod->resource_lock, flags);
		if (!res)
			break;
		res->type->reclaim(res);
	}
}

VMK_ReturnStatus vmk_core_resource_add(struct vmk_core_resource *res,
				       const struct vmk_core_resource_type *type,
				       vmk_ModuleID module)
{
	struct vmk_core_module *mod;
	unsigned long flags;
	VMK_ReturnStatus status = VMK_INVALID_MODULE;

	INIT_LIST_HEAD(&res->link);
	res->type = type;
	res->owner = NULL;
	rcu_read_lock();
	mod = vmk_module_find(module);
	if (mod) {
		spin_lock_irqsave(&mod->resource_lock, flags);
		if (!mod->dead) {
			list_add(&res->link, &mod->resources);
			mod->resource_count++;
			res->owner = mod;
			status = VMK_OK;
		}
		spin_unlock_irqrestore(&mod->resource_lock, flags);
	}
	rcu_read_unlock();
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_resource_add, VMKAPI_INTERNAL);

void vmk_core_resource_del(struct vmk_core_resource *res)
{
	struct vmk_core_module *mod = READ_ONCE(res->owner);
	unsigned long flags;

	/*
	 * A registered module cannot leave the registry while it holds
	 * resources (unregister refuses, the GOING notifier reclaims first),
	 * so @mod stays valid until this unlink.
	 */
	if (!mod)
		return;
	spin_lock_irqsave(&mod->resource_lock, flags);
	if (!list_empty(&res->link)) {
		list_del_init(&res->link);
		mod->resource_count--;
	}
	res->owner = NULL;
	spin_unlock_irqrestore(&mod->resource_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_resource_del, VMKAPI_INTERNAL);

int vmk_core_module_resource_count(vmk_ModuleID id)
{
	struct vmk_core_module *mod;
	int count = -1;

	rcu_read_lock();
	mod = vmk_module_find(id);
	if (mod)
		count = READ_ONCE(mod->resource_count);
	rcu_read_unlock();
	return count;
}

/* Caller holds vmk_modules_mutex. */
static void vmk_module_remove(struct vmk_core_module *mod)
{
	unsigned int leaked;

	list_del_rcu(&mod->link);
	leaked = vmk_core_log_release_module(mod->id);
	if (leaked)
		pr_warn("module %s left %u log component(s) registered; released\n",
			mod->name, leaked);
	/* Before the ID can be reused: the ring is found by it. */
	vmk_core_events_module_gone(mod->id);
	ida_free(&vmk_module_ids, mod->id);
	kfree_rcu(mod, rcu);
}

/*
 * Mark @mod dead if nothing holds it: no use count, no resource.  Both
 * are checked where resources and uses are added (under resource_lock),
 * so once this succeeds neither can appear on the entry.
 */
static VMK_ReturnStatus vmk_module_retire(struct vmk_core_module *mod)
{
	VMK_ReturnStatus status = VMK_OK;
	unsigned long flags;

	spin_lock_irqsave(&mod->resource_lock, flags);
	if (atomic_read(&mod->use_count))
		status = VMK_BUSY;
	else if (mod->resource_count)
		status = VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO;
	else
		mod->dead = true;
	spin_unlock_irqrestore(&mod->resource_lock, flags);
	return status;
}

VMK_ReturnStatus vmk_ModuleUnregister(vmk_ModuleID id)
{
	struct vmk_core_module *mod;
	VMK_ReturnStatus status = VMK_OK;

	vmk_core_assert_may_block();
	mutex_lock(&vmk_modules_mutex);
	mod = vmk_module_find(id);
	if (!mod || !mod->owner) {
		/* The core's own entry (ID 0) is not the caller's to remove. */
		status = VMK_INVALID_MODULE;
	} else {
		status = vmk_module_retire(mod);
		if (status == VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO)
			vmk_module_report_resources(mod, false);
	}
	if (status == VMK_OK) {
		pr_info("module %s (%d) unregistered\n", mod->name, id);
		vmk_module_remove(mod);
	}
	mutex_unlock(&vmk_modules_mutex);
	if (status == VMK_INVALID_MODULE)
		vmk_core_bad_arg("module id %d is not registered", id);
	return status;
}
VMKAPI_EXPORT(vmk_ModuleUnregister);

void vmk_ModuleSetHeapID(vmk_ModuleID module, vmk_HeapID heap)
{
	struct vmk_core_module *mod;
	unsigned long flags;
	bool ignored = false;

	rcu_read_lock();
	mod = vmk_module_find(module);
	if (mod) {
		spin_lock_irqsave(&mod->heap_lock, flags);
		if (heap == VMK_INVALID_HEAP_ID) {
			mod->default_heap = VMK_INVALID_HEAP_ID;
			mod->heap_assigned = false;
		} else if (mod->heap_assigned) {
			ignored = true;
		} else {
			mod->default_heap = heap;
			mod->heap_assigned = true;
		}
		spin_unlock_irqrestore(&mod->heap_lock, flags);
	}
	rcu_read_unlock();

	if (!mod)
		vmk_core_bad_arg("module id %d is not registered", module);
	else if (ignored)
		vmk_core_bad_arg("module %d already has a default heap", module);
}
VMKAPI_EXPORT(vmk_ModuleSetHeapID);

vmk_HeapID vmk_ModuleGetHeapID(vmk_ModuleID module)
{
	struct vmk_core_module *mod;
	vmk_HeapID heap = VMK_INVALID_HEAP_ID;

	rcu_read_lock();
	mod = vmk_module_find(module);
	if (mod)
		heap = READ_ONCE(mod->default_heap);
	rcu_read_unlock();
	return heap;
}
VMKAPI_EXPORT(vmk_ModuleGetHeapID);

vmk_ModuleID vmk_ModuleGetID(const char *moduleName)
{
	struct vmk_core_module *mod;
	vmk_ModuleID id = VMK_INVALID_MODULE_ID;

	if (!moduleName)
		return VMK_INVALID_MODULE_ID;
	rcu_read_lock();
	list_for_each_entry_rcu(mod, &vmk_modules, link) {
		if (!strncmp(mod->name, moduleName, sizeof(mod->name))) {
			id = mod->id;
			break;
		}
	}
	rcu_read_unlock();
	return id;
}
VMKAPI_EXPORT(vmk_ModuleGetID);

/* Whether @mod's init has returned: before that its name is not public. */
static bool vmk_module_live(const struct vmk_core_module *mod)
{
	return !mod->owner || READ_ONCE(mod->owner->state) == MODULE_STATE_LIVE;
}

VMK_ReturnStatus vmk_ModuleGetName(vmk_ModuleID module, char *moduleName,
				   vmk_ByteCountSmall len)
{
	struct vmk_core_module *mod;
	VMK_ReturnStatus status = VMK_OK;

	if (!moduleName) {
		vmk_core_bad_arg("NULL buffer");
		return VMK_BAD_PARAM;
	}
	rcu_read_lock();
	mod = vmk_module_find(module);
	if (!mod || !vmk_module_live(mod))
		status = VMK_NOT_FOUND;
	else if (strscpy(moduleName, mod->name, len) < 0)
		status = VMK_BAD_PARAM;
	rcu_read_unlock();
	return status;
}
VMKAPI_EXPORT(vmk_ModuleGetName);

vmk_uint64 vmk_ModuleGetDebugID(vmk_ModuleID module)
{
	return (vmk_uint64)(vmk_uint32)module;
}
VMKAPI_EXPORT(vmk_ModuleGetDebugID);

/*
 * Use counts are a reference on the Linux module, so rmmod itself refuses
 * to unload while one is held: no polling, no window.
 */
VMK_ReturnStatus vmk_ModuleIncUseCount(vmk_ModuleID module)
{
	struct vmk_core_module *mod;
	VMK_ReturnStatus status = VMK_OK;
	unsigned long flags;

	rcu_read_lock();
	mod = vmk_module_find(module);
	if (mod) {
		spin_lock_irqsave(&mod->resource_lock, flags);
		if (mod->dead)
			status = VMK_NOT_FOUND;
		else if (mod->owner && !try_module_get(mod->owner))
			status = VMK_MODULE_NOT_LOADED;
		else
			atomic_inc(&mod->use_count);
		spin_unlock_irqrestore(&mod->resource_lock, flags);
	} else {
		status = VMK_NOT_FOUND;
	}
	rcu_read_unlock();
	return status;
}
VMKAPI_EXPORT(vmk_ModuleIncUseCount);

VMK_ReturnStatus vmk_ModuleDecUseCount(vmk_ModuleID module)
{
	struct vmk_core_module *mod;
	VMK_ReturnStatus status = VMK_OK;

	rcu_read_lock();
	mod = vmk_module_find(module);
	if (!mod)
		status = VMK_NOT_FOUND;
	else if (!atomic_add_unless(&mod->use_count, -1, 0))
		status = VMK_BAD_PARAM;
	else if (mod->owner)
		module_put(mod->owner);
	rcu_read_unlock();
	if (status == VMK_BAD_PARAM)
		vmk_core_bad_arg("module %d use count is already zero", module);
	return status;
}
VMKAPI_EXPORT(vmk_ModuleDecUseCount);

bool vmk_core_module_is_registered(vmk_ModuleID id)
{
	bool found;

	rcu_read_lock();
	found = vmk_module_find(id) != NULL;
	rcu_read_unlock();
	return found;
}

int vmk_core_module_name(vmk_ModuleID id, char *buf, size_t len)
{
	struct vmk_core_module *mod;
	int ret = -ENOENT;

	rcu_read_lock();
	mod = vmk_module_find(id);
	if (mod)
		ret = strscpy(buf, mod->name, len) < 0 ? -E2BIG : 0;
	rcu_read_unlock();
	return ret;
}

void vmk_core_module_show(struct seq_file *m)
{
	struct vmk_core_module *mod;
	vmk_revnum rev;

	seq_printf(m, "%-4s %-32s %-10s %-5s %-9s %s\n",
		   "id", "name", "revision", "uses", "resources", "default-heap");
	mutex_lock(&vmk_modules_mutex);
	list_for_each_entry(mod, &vmk_modules, link) {
		rev = mod->revision;
		seq_printf(m, "%-4d %-32s %u.%u.%u.%-4u %-5d %-9u %s\n",
			   mod->id, mod->name, VMK_REVISION_MAJOR(rev),
			   VMK_REVISION_MINOR(rev), VMK_REVISION_UPDATE(rev),
			   VMK_REVISION_PATCH_LEVEL(rev),
			   atomic_read(&mod->use_count), mod->resource_count,
			   mod->default_heap ? "set" : "none");
	}
	mutex_unlock(&vmk_modules_mutex);
}

/*
 * A module that goes away still registered (its exit forgot, or a KUnit
 * suite stopped half way) would leave a stale entry pointing at freed
 * memory; drop it and say so.
 */
static int vmk_module_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct module *owner = data;
	struct vmk_core_module *mod;

	if (action != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	mutex_lock(&vmk_modules_mutex);
	mod = vmk_module_find_owner(owner);
	if (mod) {
		pr_warn("module %s unloaded without vmk_ModuleUnregister; cleaning up\n",
			mod->name);
		if (mod->resource_count)
			vmk_module_report_resources(mod, true);
		/* Also marks the entry dead, resources or not. */
		vmk_module_reclaim_resources(mod);
		vmk_module_remove(mod);
	}
	mutex_unlock(&vmk_modules_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block vmk_module_nb = {
	.notifier_call = vmk_module_notify,
};

int vmk_core_module_init(void)
{
	vmk_ModuleID core_id;
	VMK_ReturnStatus status;
	int ret;

	status = vmk_module_add(NULL, VMK_CORE_MODULE_NAME, VMKAPI_REVISION,
				VMK_VMKERNEL_MODULE_ID, &core_id);
	if (status != VMK_OK)
		return -vmk_StatusToErrno(status);
	WARN_ON(core_id != VMK_VMKERNEL_MODULE_ID);

	ret = register_module_notifier(&vmk_module_nb);
	if (ret)
		vmk_core_module_exit();
	return ret;
}

void vmk_core_module_exit(void)
{
	struct vmk_core_module *mod, *next;

	unregister_module_notifier(&vmk_module_nb);
	mutex_lock(&vmk_modules_mutex);
	/* Only the core's own entry can be left: users pin vmkapi.ko. */
	list_for_each_entry_safe(mod, next, &vmk_modules, link)
		vmk_module_remove(mod);
	mutex_unlock(&vmk_modules_mutex);
	rcu_barrier();
	ida_destroy(&vmk_module_ids);
}

/*
 * For the management plane (genl.c): one module at a time in ID order,
 * so a dump split over several messages resumes after the last ID it
 * sent even if modules came and went in between.
 */
int vmk_core_module_next(vmk_ModuleID from, struct vmk_core_module_info *info)
{
	struct vmk_core_module *mod, *best = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(mod, &vmk_modules, link)
		if (mod->id >= from && (!best || mod->id < best->id))
			best = mod;
	if (best) {
		info->id = best->id;
		strscpy(info->name, best->name, sizeof(info->name));
		info->revision = best->revision;
		info->use_count = atomic_read(&best->use_count);
		info->resources = READ_ONCE(best->resource_count);
		info->default_heap = READ_ONCE(best->heap_assigned);
	}
	rcu_read_unlock();
	return best ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_module_next, VMKAPI_INTERNAL);

unsigned int vmk_core_module_count(void)
{
	struct vmk_core_module *mod;
	unsigned int n = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(mod, &vmk_modules, link)
		n++;
	rcu_read_unlock();
	return n;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_module_count, VMKAPI_INTERNAL);

/*
 * For the SCSI layer (vmkapi_scsi.ko): the Linux module of a registered
 * module ID, so a disk a driver's adapter serves can pin that driver.
 * NULL for the core, for an unknown ID, or a module that is going away.
 * Not in NMI; never blocks.
 */
struct module *vmk_core_module_owner(vmk_ModuleID id)
{
	struct vmk_core_module *mod;
	struct module *owner = NULL;

	rcu_read_lock();
	mod = vmk_module_find(id);
	if (mod)
		owner = mod->owner;
	rcu_read_unlock();
	return owner;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_module_owner, VMKAPI_INTERNAL);
