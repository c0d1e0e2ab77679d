// SPDX-License-Identifier: GPL-2.0
/*
 * Drivers: the registry of native drivers, the bus providers that hear
 * of them, and the identifiers that make a subsystem claim the logical
 * children registered with them.
 *
 * A driver is a resource of its module: a module that unloads with its
 * driver still registered has it unregistered here (its devices taken
 * back leaf first), and the module registry reports it by name.
 */
#include "vmkapi_core.h"
#include "devmgr/devmgr.h"

#include <linux/slab.h>
#include <linux/string.h>

LIST_HEAD(vmk_devmgr_drivers);
atomic64_t vmk_devmgr_driver_count = ATOMIC64_INIT(0);

/* Providers, and the calls of their hooks; outside every device lock. */
static LIST_HEAD(vmk_devmgr_providers);
static DEFINE_MUTEX(vmk_devmgr_providers_mutex);

/* Registration order, so a new provider hears of each driver once. */
static u64 vmk_devmgr_driver_seq;

struct vmk_devmgr_binding {
	struct list_head link;
	struct vmk_DriverInt *drv;	/* unbound before the driver goes */
	char identifier[VMK_DEVICE_BUS_IDENTIFIER_MAX + 1];
};

/* Tree lock. */
static LIST_HEAD(vmk_devmgr_bindings);

static void vmk_devmgr_driver_free(struct kref *ref)
{
	struct vmk_DriverInt *drv = container_of(ref, struct vmk_DriverInt,
						 ref);

	atomic64_dec(&vmk_devmgr_driver_count);
	/* The handle left the table before; lookups may still walk it. */
	kfree_rcu(drv, rcu);
}

void vmk_devmgr_driver_put(struct vmk_DriverInt *drv)
{
	if (drv)
		kref_put(&drv->ref, vmk_devmgr_driver_free);
}

/* A counted reference on the live driver @handle names, or NULL. */
struct vmk_DriverInt *vmk_devmgr_driver_get(vmk_Driver handle)
{
	struct vmk_DriverInt *drv = NULL;

	rcu_read_lock();
	if (vmk_core_handle_find(handle, VMK_CORE_HANDLE_DRIVER) &&
	    kref_get_unless_zero(&handle->ref))
		drv = handle;
	rcu_read_unlock();
	return drv;
}

/* The live driver bound to @identifier, referenced, or NULL. */
struct vmk_DriverInt *vmk_devmgr_bound_driver_locked(const char *identifier)
{
	struct vmk_devmgr_binding *b;

	lockdep_assert_held(&vmk_devmgr_tree_lock);
	list_for_each_entry(b, &vmk_devmgr_bindings, link) {
		if (strcmp(b->identifier, identifier) || b->drv->unregistering)
			continue;
		kref_get(&b->drv->ref);
		return b->drv;
	}
	return NULL;
}

struct vmk_DriverInt *vmk_devmgr_bound_driver(const char *identifier)
{
	struct vmk_DriverInt *drv;

	spin_lock(&vmk_devmgr_tree_lock);
	drv = vmk_devmgr_bound_driver_locked(identifier);
	spin_unlock(&vmk_devmgr_tree_lock);
	return drv;
}

static void vmk_devmgr_driver_describe(struct vmk_core_resource *res,
				       char *buf, size_t len)
{
	struct vmk_DriverInt *drv = container_of(res, struct vmk_DriverInt,
						 res);

	snprintf(buf, len, "%s", drv->name);
}

static void vmk_devmgr_driver_remove(struct vmk_DriverInt *drv);

static void vmk_devmgr_driver_reclaim(struct vmk_core_resource *res)
{
	struct vmk_DriverInt *drv = container_of(res, struct vmk_DriverInt,
						 res);

	kref_get(&drv->ref);
	vmk_devmgr_driver_reclaim_for(drv);
	vmk_devmgr_driver_put(drv);
}

static const struct vmk_core_resource_type vmk_devmgr_driver_type = {
	.kind = "driver",
	.describe = vmk_devmgr_driver_describe,
	.reclaim = vmk_devmgr_driver_reclaim,
};

/*
 * The drivers registered after @seq, oldest first, one per call: a
 * referenced driver (its seq in *@next) or NULL.
 */
static struct vmk_DriverInt *vmk_devmgr_next_driver(u64 seq, u64 *next)
{
	struct vmk_DriverInt *drv, *found = NULL;

	spin_lock(&vmk_devmgr_tree_lock);
	list_for_each_entry(drv, &vmk_devmgr_drivers, link) {
		if (drv->live && !drv->unregistering && drv->seq > seq) {
			kref_get(&drv->ref);
			found = drv;
			*next = drv->seq;
			break;
		}
	}
	spin_unlock(&vmk_devmgr_tree_lock);
	return found;
}

VMK_ReturnStatus vmk_DriverRegister(vmk_DriverProps *driverProps,
				    vmk_Driver *driver)
{
	struct vmk_core_bus_provider *p;
	struct vmk_DriverInt *drv, *other;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	if (!driverProps || !driver || !driverProps->ops) {
		vmk_core_bad_arg("NULL %s", !driverProps ? "driverProps" :
				 !driver ? "driver" : "ops");
		return VMK_BAD_PARAM;
	}
	if (!memchr(driverProps->name.string, '\0',
		    sizeof(driverProps->name.string)) ||
	    !driverProps->name.string[0]) {
		vmk_core_bad_arg("empty or unterminated driver name");
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_module_is_registered(driverProps->moduleID)) {
		vmk_core_bad_arg("module %d is not registered",
				 driverProps->moduleID);
		return VMK_NOT_FOUND;
	}
	drv = kzalloc(sizeof(*drv), GFP_KERNEL);
	if (!drv)
		return VMK_NO_MEMORY;
	kref_init(&drv->ref);
	INIT_LIST_HEAD(&drv->link);
	strscpy(drv->name, driverProps->name.string, sizeof(drv->name));
	drv->module = driverProps->moduleID;
	drv->ops = *driverProps->ops;
	drv->priv = driverProps->privateData;

	status = vmk_core_resource_add(&drv->res, &vmk_devmgr_driver_type,
				       drv->module);
	if (status != VMK_OK) {
		kfree(drv);
		return VMK_NOT_FOUND;
	}

	/* Hooks and list under the providers mutex: each hears of it once. */
	mutex_lock(&vmk_devmgr_providers_mutex);
	spin_lock(&vmk_devmgr_tree_lock);
	list_for_each_entry(other, &vmk_devmgr_drivers, link) {
		if (!strcmp(other->name, drv->name)) {
			spin_unlock(&vmk_devmgr_tree_lock);
			mutex_unlock(&vmk_devmgr_providers_mutex);
			vmk_core_resource_del(&drv->res);
			kfree(drv);
			return VMK_EXISTS;
		}
	}
	drv->seq = ++vmk_devmgr_driver_seq;
	list_add_tail(&drv->link, &vmk_devmgr_drivers);
	vmk_core_handle_add(&drv->handle, drv, VMK_CORE_HANDLE_DRIVER);
	drv->live = true;
	spin_unlock(&vmk_devmgr_tree_lock);
	atomic64_inc(&vmk_devmgr_driver_count);

	/* A callback run from a hook may already need the handle. */
	*driver = drv;
	list_for_each_entry(p, &vmk_devmgr_providers, link)
		if (p->driver_added)
			p->driver_added(drv);
	mutex_unlock(&vmk_devmgr_providers_mutex);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DriverRegister);

/*
 * Unregister @drv (a reference held by the caller): providers first (the
 * PCI adapter takes its devices back through its own remove path), then
 * whatever is still attached is taken back by force, then the bindings
 * and the handle go.
 */
static void vmk_devmgr_driver_remove(struct vmk_DriverInt *drv)
{
	struct vmk_core_bus_provider *p;
	struct vmk_devmgr_binding *b, *next;
	struct vmk_DeviceInt *dev;
	LIST_HEAD(unbound);

	mutex_lock(&vmk_devmgr_providers_mutex);
	list_for_each_entry(p, &vmk_devmgr_providers, link)
		if (p->driver_removing)
			p->driver_removing(drv);
	mutex_unlock(&vmk_devmgr_providers_mutex);

	vmk_devmgr_release_driver(drv);

	spin_lock(&vmk_devmgr_tree_lock);
	list_for_each_entry_safe(b, next, &vmk_devmgr_bindings, link)
		if (b->drv == drv)
			list_move(&b->link, &unbound);
	/* Its unclaimed devices go to whoever binds the identifier next. */
	list_for_each_entry(dev, &vmk_devmgr_devices, all)
		list_for_each_entry(b, &unbound, link)
			if (!dev->driver &&
			    !strcmp(dev->identifier, b->identifier))
				dev->offered = false;
	list_del_init(&drv->link);
	vmk_core_handle_del(&drv->handle);
	drv->live = false;
	spin_unlock(&vmk_devmgr_tree_lock);
	list_for_each_entry_safe(b, next, &unbound, link) {
		vmk_devmgr_driver_put(b->drv);
		kfree(b);
	}
	vmk_core_resource_del(&drv->res);
	/* The registration's reference. */
	vmk_devmgr_driver_put(drv);
}

VMK_ReturnStatus vmk_DriverUnregister(vmk_Driver driver)
{
	struct vmk_DriverInt *drv;
	bool first;

	vmk_core_assert_may_block();
	drv = vmk_devmgr_driver_get(driver);
	if (!drv) {
		vmk_core_bad_arg("%p is not a live driver", driver);
		return VMK_BAD_PARAM;
	}
	spin_lock(&vmk_devmgr_tree_lock);
	first = !drv->unregistering;
	drv->unregistering = true;
	spin_unlock(&vmk_devmgr_tree_lock);
	if (!first) {
		vmk_core_bad_arg("driver %s is already being unregistered",
				 drv->name);
		vmk_devmgr_driver_put(drv);
		return VMK_BAD_PARAM;
	}
	vmk_devmgr_driver_remove(drv);
	vmk_devmgr_driver_put(drv);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DriverUnregister);

VMK_ReturnStatus vmk_DriverGetPrivateData(vmk_Driver driver,
					  vmk_AddrCookie *data)
{
	VMK_ReturnStatus status = VMK_OK;

	if (!data) {
		vmk_core_bad_arg("NULL data");
		return VMK_BAD_PARAM;
	}
	rcu_read_lock();
	if (vmk_core_handle_find(driver, VMK_CORE_HANDLE_DRIVER))
		*data = driver->priv;
	else
		status = VMK_BAD_PARAM;
	rcu_read_unlock();
	if (status != VMK_OK)
		vmk_core_bad_arg("%p is not a live driver", driver);
	return status;
}
VMKAPI_EXPORT(vmk_DriverGetPrivateData);

/*
 * The module of @drv (referenced by the caller) unloaded with the driver
 * or a device it registered still there: unregister the driver, which
 * takes back its devices and with them every child it registered.
 */
void vmk_devmgr_driver_reclaim_for(struct vmk_DriverInt *drv)
{
	bool first;

	spin_lock(&vmk_devmgr_tree_lock);
	first = !drv->unregistering;
	drv->unregistering = true;
	spin_unlock(&vmk_devmgr_tree_lock);
	if (!first)
		return;
	pr_warn("driver %s: its module unloaded with the driver registered; unregistering it\n",
		drv->name);
	vmk_devmgr_driver_remove(drv);
}

const char *vmk_core_driver_name(vmk_Driver driver)
{
	const char *name = NULL;

	rcu_read_lock();
	if (vmk_core_handle_find(driver, VMK_CORE_HANDLE_DRIVER))
		name = driver->name;
	rcu_read_unlock();
	return name;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_driver_name, VMKAPI_INTERNAL);

vmk_ModuleID vmk_core_driver_module(vmk_Driver driver)
{
	vmk_ModuleID id = VMK_INVALID_MODULE_ID;

	rcu_read_lock();
	if (vmk_core_handle_find(driver, VMK_CORE_HANDLE_DRIVER))
		id = driver->module;
	rcu_read_unlock();
	return id;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_driver_module, VMKAPI_INTERNAL);

VMK_ReturnStatus
vmk_core_bus_provider_register(struct vmk_core_bus_provider *provider)
{
	struct vmk_core_bus_provider *p;
	struct vmk_DriverInt *drv;
	u64 seq = 0;

	vmk_core_assert_may_block();
	if (!provider || !provider->bus_name) {
		vmk_core_bad_arg("NULL provider or bus name");
		return VMK_BAD_PARAM;
	}
	mutex_lock(&vmk_devmgr_providers_mutex);
	list_for_each_entry(p, &vmk_devmgr_providers, link) {
		if (p == provider || !strcmp(p->bus_name, provider->bus_name)) {
			mutex_unlock(&vmk_devmgr_providers_mutex);
			return VMK_EXISTS;
		}
	}
	list_add_tail(&provider->link, &vmk_devmgr_providers);
	/* Drivers registered before the provider: it hears of them now. */
	while (provider->driver_added &&
	       (drv = vmk_devmgr_next_driver(seq, &seq))) {
		provider->driver_added(drv);
		vmk_devmgr_driver_put(drv);
	}
	mutex_unlock(&vmk_devmgr_providers_mutex);
	return VMK_OK;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_bus_provider_register, VMKAPI_INTERNAL);

void vmk_core_bus_provider_unregister(struct vmk_core_bus_provider *provider)
{
	struct vmk_core_bus_provider *p;

	vmk_core_assert_may_block();
	mutex_lock(&vmk_devmgr_providers_mutex);
	list_for_each_entry(p, &vmk_devmgr_providers, link) {
		if (p == provider) {
			list_del_init(&provider->link);
			break;
		}
	}
	mutex_unlock(&vmk_devmgr_providers_mutex);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_bus_provider_unregister, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_driver_bind_identifier(vmk_Driver driver,
						 const char *identifier)
{
	struct vmk_devmgr_binding *b, *other;
	struct vmk_DriverInt *drv;

	vmk_core_assert_may_block();
	if (!identifier || !identifier[0] ||
	    strnlen(identifier, VMK_DEVICE_BUS_IDENTIFIER_MAX + 1) >
	    VMK_DEVICE_BUS_IDENTIFIER_MAX) {
		vmk_core_bad_arg("NULL, empty or too long identifier");
		return VMK_BAD_PARAM;
	}
	drv = vmk_devmgr_driver_get(driver);
	if (!drv) {
		vmk_core_bad_arg("%p is not a live driver", driver);
		return VMK_BAD_PARAM;
	}
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b) {
		vmk_devmgr_driver_put(drv);
		return VMK_NO_MEMORY;
	}
	strscpy(b->identifier, identifier, sizeof(b->identifier));
	b->drv = drv;		/* the reference passes to the binding */
	spin_lock(&vmk_devmgr_tree_lock);
	if (drv->unregistering) {
		spin_unlock(&vmk_devmgr_tree_lock);
		vmk_devmgr_driver_put(drv);
		kfree(b);
		return VMK_BAD_PARAM;
	}
	list_for_each_entry(other, &vmk_devmgr_bindings, link) {
		if (!strcmp(other->identifier, identifier)) {
			spin_unlock(&vmk_devmgr_tree_lock);
			vmk_devmgr_driver_put(drv);
			kfree(b);
			return VMK_EXISTS;
		}
	}
	list_add_tail(&b->link, &vmk_devmgr_bindings);
	spin_unlock(&vmk_devmgr_tree_lock);
	/* Children registered before the binding are offered now. */
	vmk_devmgr_offer_bound(NULL);
	return VMK_OK;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_driver_bind_identifier, VMKAPI_INTERNAL);

int vmk_core_driver_next(u64 from, struct vmk_core_driver_info *info)
{
	struct vmk_DriverInt *drv, *found = NULL;
	struct vmk_DeviceInt *dev;

	spin_lock(&vmk_devmgr_tree_lock);
	list_for_each_entry(drv, &vmk_devmgr_drivers, link) {
		if (drv->live && drv->seq >= from) {
			found = drv;
			break;
		}
	}
	if (found) {
		info->id = found->seq;
		info->module = found->module;
		info->unregistering = found->unregistering;
		strscpy(info->name, found->name, sizeof(info->name));
		info->devices = 0;
		list_for_each_entry(dev, &vmk_devmgr_devices, all)
			if (dev->driver == found)
				info->devices++;
	}
	spin_unlock(&vmk_devmgr_tree_lock);
	return found ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_driver_next, VMKAPI_INTERNAL);
