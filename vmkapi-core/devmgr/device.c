// SPDX-License-Identifier: GPL-2.0
/*
 * Device objects: the tree, registration of children from a scan,
 * unregistration from removeDevice, and the per-device data a driver
 * reads.  The lifecycle itself (which callback runs when) is
 * lifecycle.c's.
 *
 * A device is referenced: the tree holds one reference until it is
 * removed, every lookup of a handle takes one (so a device removed under
 * a running call stays valid memory), and vmk_core_device_ref hands out
 * counted ones that vmk_DeviceRelease drops.  The handle leaves the
 * handle table when the device leaves the tree, so a stale handle is
 * refused with VMK_BAD_PARAM and never dereferenced.
 */
#include "vmkapi_core.h"
#include "devmgr/devmgr.h"

#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

DEFINE_SPINLOCK(vmk_devmgr_tree_lock);
LIST_HEAD(vmk_devmgr_devices);
LIST_HEAD(vmk_devmgr_roots);
atomic64_t vmk_devmgr_device_count = ATOMIC64_INIT(0);
/* Creation order, under the tree lock: the devices list is sorted by it. */
static u64 vmk_devmgr_device_seq;

static void vmk_devmgr_device_free(struct kref *ref)
{
	struct vmk_DeviceInt *dev = container_of(ref, struct vmk_DeviceInt,
						 ref);

	WARN_ON(dev->live || dev->driver);
	vmk_devmgr_driver_put(dev->registrar);
	if (dev->parent)
		vmk_devmgr_device_put(dev->parent);
	kfree(dev->address);
	kfree(dev->identifier);
	mutex_destroy(&dev->lock);
	atomic64_dec(&vmk_devmgr_device_count);
	kfree_rcu(dev, rcu);
}

void vmk_devmgr_device_hold(struct vmk_DeviceInt *dev)
{
	kref_get(&dev->ref);
}

void vmk_devmgr_device_put(struct vmk_DeviceInt *dev)
{
	kref_put(&dev->ref, vmk_devmgr_device_free);
}

/* A counted reference on the live device @handle names, or NULL. */
struct vmk_DeviceInt *vmk_devmgr_device_get(vmk_Device handle)
{
	struct vmk_DeviceInt *dev = NULL;

	rcu_read_lock();
	if (vmk_core_handle_find(handle, VMK_CORE_HANDLE_DEVICE) &&
	    kref_get_unless_zero(&handle->ref))
		dev = handle;
	rcu_read_unlock();
	return dev;
}

/* Tree lock held. */
static void vmk_devmgr_device_unlink_locked(struct vmk_DeviceInt *dev)
{
	if (!dev->live)
		return;
	list_del_init(&dev->sibling);
	list_del_init(&dev->all);
	vmk_core_handle_del(&dev->handle);
	dev->live = false;
}

void vmk_devmgr_device_unlink(struct vmk_DeviceInt *dev)
{
	spin_lock(&vmk_devmgr_tree_lock);
	vmk_devmgr_device_unlink_locked(dev);
	spin_unlock(&vmk_devmgr_tree_lock);
	if (dev->has_res)
		vmk_core_resource_del(&dev->res);
}

static void vmk_devmgr_device_describe(struct vmk_core_resource *res,
				       char *buf, size_t len)
{
	struct vmk_DeviceInt *dev = container_of(res, struct vmk_DeviceInt,
						 res);

	snprintf(buf, len, "%s %s (%s, %s)", dev->bus->name, dev->address,
		 dev->identifier, vmk_core_device_state_name(dev->state));
}

/*
 * The registrar's module unloaded with this child registered: the
 * registrar is unregistered, which takes back the parent it drives and
 * with it this child (and any sibling).  A device a provider module
 * added is taken back from its driver and removed.
 */
static void vmk_devmgr_device_reclaim(struct vmk_core_resource *res)
{
	struct vmk_DeviceInt *dev = container_of(res, struct vmk_DeviceInt,
						 res);
	struct vmk_DriverInt *drv = dev->registrar;

	if (!drv) {
		vmk_devmgr_reclaim_device(dev);
		return;
	}
	kref_get(&drv->ref);
	vmk_devmgr_driver_reclaim_for(drv);
	vmk_devmgr_driver_put(drv);
}

static const struct vmk_core_resource_type vmk_devmgr_device_type = {
	.kind = "device",
	.describe = vmk_devmgr_device_describe,
	.reclaim = vmk_devmgr_device_reclaim,
};

/* Tree lock held. */
static bool vmk_devmgr_address_taken(struct vmk_BusTypeInt *bus,
				     const char *address)
{
	struct vmk_DeviceInt *dev;

	list_for_each_entry(dev, &vmk_devmgr_devices, all)
		if (dev->bus == bus && !strcmp(dev->address, address))
			return true;
	return false;
}

struct vmk_devmgr_new {
	struct vmk_DeviceInt *parent;	/* referenced; NULL: the root */
	struct vmk_BusTypeInt *bus;
	const char *address;
	u32 address_len;
	const char *identifier;
	u32 identifier_len;
	vmk_AddrCookie registration_data;
	vmk_AddrCookie registering_data;
	struct device *linux_dev;
	struct vmk_DriverInt *registrar;	/* referenced, or NULL */
	const vmk_DeviceOps *ops;
	/* The owner, if the device is a module resource. */
	vmk_ModuleID module;
	bool resource;
};

/*
 * Build a device and hang it in the tree.  Consumes the references on
 * parent and registrar in every case.
 */
static VMK_ReturnStatus vmk_devmgr_device_create(struct vmk_devmgr_new *n,
						 struct vmk_DeviceInt **out)
{
	struct vmk_DeviceInt *dev;
	VMK_ReturnStatus status = VMK_OK;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		goto nomem;
	dev->address = kmemdup_nul(n->address, n->address_len, GFP_KERNEL);
	dev->identifier = kmemdup_nul(n->identifier, n->identifier_len,
				      GFP_KERNEL);
	if (!dev->address || !dev->identifier) {
		kfree(dev->address);
		kfree(dev->identifier);
		kfree(dev);
		goto nomem;
	}
	kref_init(&dev->ref);
	mutex_init(&dev->lock);
	INIT_LIST_HEAD(&dev->children);
	INIT_LIST_HEAD(&dev->sibling);
	INIT_LIST_HEAD(&dev->all);
	INIT_WORK(&dev->rescan, vmk_devmgr_rescan_work);
	dev->parent = n->parent;
	dev->depth = n->parent ? n->parent->depth + 1 : 0;
	dev->bus = n->bus;
	dev->address_len = n->address_len;
	dev->identifier_len = n->identifier_len;
	dev->registration_data = n->registration_data;
	dev->registering_data = n->registering_data;
	dev->linux_dev = n->linux_dev;
	dev->registrar = n->registrar;
	if (n->ops)
		dev->ops = *n->ops;
	dev->state = VMK_CORE_DEV_UNCLAIMED;
	atomic64_inc(&vmk_devmgr_device_count);

	if (n->resource) {
		status = vmk_core_resource_add(&dev->res,
					       &vmk_devmgr_device_type,
					       n->module);
		if (status != VMK_OK) {
			vmk_devmgr_device_put(dev);
			return VMK_NOT_FOUND;
		}
		dev->has_res = true;
	}

	spin_lock(&vmk_devmgr_tree_lock);
	if (n->parent && !n->parent->live)
		status = VMK_BAD_PARAM;
	else if (vmk_devmgr_address_taken(n->bus, dev->address))
		status = VMK_EXISTS;
	if (status != VMK_OK) {
		spin_unlock(&vmk_devmgr_tree_lock);
		if (dev->has_res)
			vmk_core_resource_del(&dev->res);
		vmk_devmgr_device_put(dev);
		return status;
	}
	list_add_tail(&dev->sibling, n->parent ? &n->parent->children :
		      &vmk_devmgr_roots);
	dev->seq = ++vmk_devmgr_device_seq;
	list_add_tail(&dev->all, &vmk_devmgr_devices);
	vmk_core_handle_add(&dev->handle, dev, VMK_CORE_HANDLE_DEVICE);
	dev->live = true;
	spin_unlock(&vmk_devmgr_tree_lock);
	*out = dev;
	return VMK_OK;

nomem:
	if (n->parent)
		vmk_devmgr_device_put(n->parent);
	vmk_devmgr_driver_put(n->registrar);
	return VMK_NO_MEMORY;
}

/* Checks shared by providers and drivers; lengths exclude the NUL. */
static VMK_ReturnStatus vmk_devmgr_check_id(const char *address, u32 alen,
					    const char *identifier, u32 ilen,
					    const char *api,
					    unsigned long caller)
{
	if (!address || !identifier) {
		vmk_core_bad_arg_api(api, caller, "NULL bus %s",
				     address ? "identifier" : "address");
		return VMK_BAD_PARAM;
	}
	if (alen > VMK_DEVICE_BUS_ADDRESS_MAX ||
	    ilen > VMK_DEVICE_BUS_IDENTIFIER_MAX) {
		vmk_core_bad_arg_api(api, caller,
				     "bus %s length %u over the maximum",
				     alen > VMK_DEVICE_BUS_ADDRESS_MAX ?
				     "address" : "identifier",
				     alen > VMK_DEVICE_BUS_ADDRESS_MAX ?
				     alen : ilen);
		return VMK_NAME_TOO_LONG;
	}
	if (!alen || !ilen || strnlen(address, alen + 1) != alen ||
	    strnlen(identifier, ilen + 1) != ilen) {
		vmk_core_bad_arg_api(api, caller,
				     "empty bus address or identifier, or a length that is not the string's");
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_core_device_add(const struct vmk_core_device_props *props,
				     vmk_Device *out)
{
	struct vmk_devmgr_new n = {};
	struct vmk_DeviceInt *dev;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	if (!props || !out || !vmk_devmgr_bus_live(props->bus_type)) {
		vmk_core_bad_arg("NULL props or out, or not a bus type");
		return VMK_BAD_PARAM;
	}
	n.address = props->bus_address;
	n.identifier = props->identifier;
	n.address_len = props->bus_address ?
		strnlen(props->bus_address, VMK_DEVICE_BUS_ADDRESS_MAX + 1) : 0;
	n.identifier_len = props->identifier ?
		strnlen(props->identifier, VMK_DEVICE_BUS_IDENTIFIER_MAX + 1) :
		0;
	status = vmk_devmgr_check_id(n.address, n.address_len, n.identifier,
				     n.identifier_len, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (props->parent) {
		n.parent = vmk_devmgr_device_get(props->parent);
		if (!n.parent) {
			vmk_core_bad_arg("parent %p is not a live device",
					 props->parent);
			return VMK_BAD_PARAM;
		}
		if (n.parent->depth + 1 >= VMK_DEVMGR_MAX_DEPTH) {
			vmk_devmgr_device_put(n.parent);
			return VMK_LIMIT_EXCEEDED;
		}
	}
	n.bus = props->bus_type;
	n.registration_data = props->registration_data;
	n.linux_dev = props->linux_dev;
	n.module = props->module;
	n.resource = props->module != VMK_VMKERNEL_MODULE_ID;
	status = vmk_devmgr_device_create(&n, &dev);
	if (status == VMK_OK)
		*out = dev;
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_add, VMKAPI_INTERNAL);

/*
 * '#' is kept for the addresses vmk_LogicalCreateBusAddress builds, so
 * that a driver-chosen address can never collide with a generated one.
 */
static bool vmk_devmgr_hash_ok(struct vmk_DeviceInt *parent,
			       struct vmk_BusTypeInt *bus, const char *address)
{
	vmk_uint32 port;

	if (!strchr(address, '#'))
		return true;
	return bus == &vmk_devmgr_bus_logical &&
	       vmk_devmgr_logical_port(parent, address, &port);
}

VMK_ReturnStatus vmk_DeviceRegister(vmk_DeviceProps *deviceProps,
				    vmk_Device parent, vmk_Device *newDevice)
{
	struct vmk_devmgr_new n = {};
	struct vmk_DeviceInt *p, *dev;
	struct vmk_DriverInt *drv;
	vmk_DeviceID *id;
	VMK_ReturnStatus status;

	if (!deviceProps || !newDevice) {
		vmk_core_bad_arg("NULL %s", deviceProps ? "newDevice" :
				 "deviceProps");
		return VMK_BAD_PARAM;
	}
	p = vmk_devmgr_device_get(parent);
	if (!p) {
		vmk_core_bad_arg("parent %p is not a live device", parent);
		return VMK_BAD_PARAM;
	}
	drv = vmk_devmgr_driver_get(deviceProps->registeringDriver);
	if (!drv) {
		vmk_core_bad_arg("registeringDriver %p is not a live driver",
				 deviceProps->registeringDriver);
		status = VMK_BAD_PARAM;
		goto out_parent;
	}
	/* Only the scan the parent's driver is running right now. */
	if (READ_ONCE(p->in_scan) != current || READ_ONCE(p->driver) != drv) {
		vmk_core_bad_arg("not from %s's scanDevice of %s", drv->name,
				 p->address);
		status = VMK_NOT_SUPPORTED;
		goto out_driver;
	}
	id = deviceProps->deviceID;
	if (!id || !id->busType || !deviceProps->deviceOps ||
	    !deviceProps->deviceOps->removeDevice) {
		vmk_core_bad_arg("NULL deviceID, busType, deviceOps or removeDevice");
		status = VMK_BAD_PARAM;
		goto out_driver;
	}
	if (!vmk_devmgr_bus_live(id->busType)) {
		vmk_core_bad_arg("busType %p is not a bus type", id->busType);
		status = VMK_BAD_PARAM;
		goto out_driver;
	}
	status = vmk_devmgr_check_id(id->busAddress, id->busAddressLen,
				     id->busIdentifier, id->busIdentifierLen,
				     __func__, _RET_IP_);
	if (status != VMK_OK)
		goto out_driver;
	if (!vmk_devmgr_hash_ok(p, id->busType, id->busAddress)) {
		vmk_core_bad_arg("'#' in bus address %s not made by vmk_LogicalCreateBusAddress for this parent",
				 id->busAddress);
		status = VMK_BAD_PARAM;
		goto out_driver;
	}
	if (vmk_ModuleGetHeapID(drv->module) == VMK_INVALID_HEAP_ID) {
		status = VMK_NO_MODULE_HEAP;
		goto out_driver;
	}
	if (p->depth + 1 >= VMK_DEVMGR_MAX_DEPTH) {
		status = VMK_LIMIT_EXCEEDED;
		goto out_driver;
	}
	n.parent = p;
	n.bus = id->busType;
	n.address = id->busAddress;
	n.address_len = id->busAddressLen;
	n.identifier = id->busIdentifier;
	n.identifier_len = id->busIdentifierLen;
	n.registration_data = deviceProps->registrationData;
	n.registering_data = deviceProps->registeringDriverData;
	n.registrar = drv;
	n.ops = deviceProps->deviceOps;
	n.module = drv->module;
	n.resource = true;
	/* The references on p and drv pass to the child. */
	status = vmk_devmgr_device_create(&n, &dev);
	if (status == VMK_OK)
		*newDevice = dev;
	return status;

out_driver:
	vmk_devmgr_driver_put(drv);
out_parent:
	vmk_devmgr_device_put(p);
	return status;
}
VMKAPI_EXPORT(vmk_DeviceRegister);

VMK_ReturnStatus vmk_DeviceUnregister(vmk_Device device)
{
	struct vmk_DeviceInt *dev = vmk_devmgr_device_get(device);
	VMK_ReturnStatus status = VMK_OK;

	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	if (READ_ONCE(dev->in_remove) != current) {
		vmk_core_bad_arg("not from the removeDevice callback of %s",
				 dev->address);
		vmk_devmgr_device_put(dev);
		return VMK_NOT_SUPPORTED;
	}
	spin_lock(&vmk_devmgr_tree_lock);
	if (!list_empty(&dev->children) || dev->driver || dev->public_refs) {
		status = VMK_BUSY;
	} else {
		vmk_devmgr_device_unlink_locked(dev);
		dev->unregistered = true;
	}
	spin_unlock(&vmk_devmgr_tree_lock);
	if (status == VMK_OK && dev->has_res)
		vmk_core_resource_del(&dev->res);
	vmk_devmgr_device_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_DeviceUnregister);

/* Read one field of a live device without a reference (RCU keeps it). */
#define vmk_devmgr_read(handle, expr, out)				\
	({								\
		bool __found;						\
		rcu_read_lock();					\
		__found = vmk_core_handle_find(handle,			\
					       VMK_CORE_HANDLE_DEVICE);	\
		if (__found)						\
			*(out) = READ_ONCE((handle)->expr);		\
		rcu_read_unlock();					\
		__found ? VMK_OK : VMK_BAD_PARAM;			\
	})

static VMK_ReturnStatus vmk_devmgr_read_done(VMK_ReturnStatus status,
					     vmk_Device device,
					     const char *api,
					     unsigned long caller)
{
	if (status != VMK_OK)
		vmk_core_bad_arg_api(api, caller, "%p is not a live device",
				     device);
	return status;
}

VMK_ReturnStatus vmk_DeviceGetRegisteringDriverData(vmk_Device device,
						    vmk_AddrCookie *data)
{
	if (!data) {
		vmk_core_bad_arg("NULL data");
		return VMK_BAD_PARAM;
	}
	return vmk_devmgr_read_done(vmk_devmgr_read(device, registering_data.addr,
						    &data->addr),
				    device, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_DeviceGetRegisteringDriverData);

VMK_ReturnStatus vmk_DeviceGetRegistrationData(vmk_Device device,
					       vmk_AddrCookie *data)
{
	if (!data) {
		vmk_core_bad_arg("NULL data");
		return VMK_BAD_PARAM;
	}
	return vmk_devmgr_read_done(vmk_devmgr_read(device, registration_data.addr,
						    &data->addr),
				    device, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_DeviceGetRegistrationData);

VMK_ReturnStatus vmk_DeviceGetAttachedDriverData(vmk_Device device,
						 vmk_AddrCookie *data)
{
	if (!data) {
		vmk_core_bad_arg("NULL data");
		return VMK_BAD_PARAM;
	}
	return vmk_devmgr_read_done(vmk_devmgr_read(device, attached_data.addr,
						    &data->addr),
				    device, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_DeviceGetAttachedDriverData);

VMK_ReturnStatus vmk_DeviceSetAttachedDriverData(vmk_Device device,
						 vmk_AddrCookie data)
{
	bool found;

	rcu_read_lock();
	found = vmk_core_handle_find(device, VMK_CORE_HANDLE_DEVICE);
	if (found)
		WRITE_ONCE(device->attached_data.addr, data.addr);
	rcu_read_unlock();
	return vmk_devmgr_read_done(found ? VMK_OK : VMK_BAD_PARAM, device,
				    __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_DeviceSetAttachedDriverData);

VMK_ReturnStatus vmk_DeviceGetDeviceID(vmk_HeapID heap, vmk_Device device,
				       vmk_DeviceID **devID)
{
	struct vmk_core_heap_stats st;
	struct vmk_DeviceInt *dev;
	vmk_DeviceID *id;
	char *strings;

	if (!devID || vmk_core_heap_stats(heap, &st)) {
		vmk_core_bad_arg("%s", devID ? "invalid heap" : "NULL devID");
		return VMK_BAD_PARAM;
	}
	dev = vmk_devmgr_device_get(device);
	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	/* One block: the ID, then both strings. */
	id = vmk_HeapAlloc(heap, sizeof(*id) + dev->address_len + 1 +
			   dev->identifier_len + 1);
	if (!id) {
		vmk_devmgr_device_put(dev);
		return VMK_NO_MEMORY;
	}
	strings = (char *)(id + 1);
	memcpy(strings, dev->address, dev->address_len + 1);
	id->busAddress = strings;
	id->busAddressLen = dev->address_len;
	strings += dev->address_len + 1;
	memcpy(strings, dev->identifier, dev->identifier_len + 1);
	id->busIdentifier = strings;
	id->busIdentifierLen = dev->identifier_len;
	id->busType = dev->bus;
	vmk_devmgr_device_put(dev);
	*devID = id;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DeviceGetDeviceID);

VMK_ReturnStatus vmk_DevicePutDeviceID(vmk_HeapID heap, vmk_DeviceID *devID)
{
	if (!devID) {
		vmk_core_bad_arg("NULL devID");
		return VMK_BAD_PARAM;
	}
	vmk_HeapFree(heap, devID);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DevicePutDeviceID);

VMK_ReturnStatus vmk_core_device_ref(vmk_Device device)
{
	struct vmk_DeviceInt *dev = vmk_devmgr_device_get(device);
	VMK_ReturnStatus status = VMK_OK;

	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	spin_lock(&vmk_devmgr_tree_lock);
	if (dev->live)
		dev->public_refs++;	/* keeps the lookup's kref */
	else
		status = VMK_BAD_PARAM;
	spin_unlock(&vmk_devmgr_tree_lock);
	if (status != VMK_OK)
		vmk_devmgr_device_put(dev);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_ref, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_DeviceRelease(vmk_Device device)
{
	struct vmk_DeviceInt *dev = vmk_devmgr_device_get(device);
	bool held = false;

	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	spin_lock(&vmk_devmgr_tree_lock);
	if (dev->public_refs) {
		dev->public_refs--;
		held = true;
	}
	spin_unlock(&vmk_devmgr_tree_lock);
	if (held)
		vmk_devmgr_device_put(dev);	/* the reference's */
	vmk_devmgr_device_put(dev);		/* the lookup's */
	if (!held) {
		vmk_core_bad_arg("%p: no reference to release", device);
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DeviceRelease);

VMK_ReturnStatus vmk_DeviceRequestRescan(vmk_Driver driver, vmk_Device device)
{
	struct vmk_DeviceInt *dev;
	VMK_ReturnStatus status = VMK_OK;

	if (!vmk_core_handle_live(driver, VMK_CORE_HANDLE_DRIVER)) {
		vmk_core_bad_arg("%p is not a live driver", driver);
		return VMK_BAD_PARAM;
	}
	dev = vmk_devmgr_device_get(device);
	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	if (READ_ONCE(dev->driver) != driver)
		status = VMK_NO_PERMISSION;
	else
		vmk_devmgr_queue_rescan(dev);
	vmk_devmgr_device_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_DeviceRequestRescan);

struct device *vmk_core_device_linux_dev(vmk_Device device)
{
	struct vmk_DeviceInt *dev = vmk_devmgr_device_get(device);
	struct vmk_DeviceInt *d;
	struct device *ldev = NULL;

	if (!dev)
		return NULL;
	/* Parents are immutable and referenced by their children. */
	for (d = dev; d && !ldev; d = d->parent)
		ldev = d->linux_dev;
	vmk_devmgr_device_put(dev);
	return ldev;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_linux_dev, VMKAPI_INTERNAL);

vmk_Driver vmk_core_device_driver(vmk_Device device)
{
	vmk_Driver drv = NULL;

	rcu_read_lock();
	if (vmk_core_handle_find(device, VMK_CORE_HANDLE_DEVICE))
		drv = READ_ONCE(device->driver);
	rcu_read_unlock();
	return drv;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_driver, VMKAPI_INTERNAL);

int vmk_core_device_state(vmk_Device device, enum vmk_core_dev_state *state,
			  bool *forgotten)
{
	int ret = -ENOENT;

	rcu_read_lock();
	if (vmk_core_handle_find(device, VMK_CORE_HANDLE_DEVICE)) {
		if (state)
			*state = READ_ONCE(device->state);
		if (forgotten)
			*forgotten = READ_ONCE(device->forgotten);
		ret = 0;
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_state, VMKAPI_INTERNAL);

void vmk_core_devmgr_stats(struct vmk_core_devmgr_stats *stats)
{
	stats->devices = atomic64_read(&vmk_devmgr_device_count);
	stats->drivers = atomic64_read(&vmk_devmgr_driver_count);
	stats->transitions = atomic64_read(&vmk_devmgr_transitions);
	stats->illegal = atomic64_read(&vmk_devmgr_illegal);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_devmgr_stats, VMKAPI_INTERNAL);

int vmk_core_devmgr_module_resources(vmk_ModuleID module)
{
	return vmk_core_module_resource_count(module);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_devmgr_module_resources, VMKAPI_INTERNAL);

/* Tree lock held. */
static void vmk_devmgr_fill_info(struct vmk_DeviceInt *dev,
				 struct vmk_core_device_info *info)
{
	struct list_head *pos;

	info->handle = dev;
	info->id = dev->seq;
	info->parent_id = dev->parent ? dev->parent->seq : 0;
	info->depth = dev->depth;
	info->children = 0;
	list_for_each(pos, &dev->children)
		info->children++;
	info->refs = dev->public_refs;
	info->state = READ_ONCE(dev->state);
	info->forgotten = READ_ONCE(dev->forgotten);
	strscpy(info->bus, dev->bus->name, sizeof(info->bus));
	strscpy(info->address, dev->address, sizeof(info->address));
	strscpy(info->identifier, dev->identifier, sizeof(info->identifier));
	strscpy(info->driver, dev->driver ? dev->driver->name : "",
		sizeof(info->driver));
	strscpy(info->registrar, dev->registrar ? dev->registrar->name : "",
		sizeof(info->registrar));
}

int vmk_core_device_next(u64 from, struct vmk_core_device_info *info)
{
	struct vmk_DeviceInt *dev;
	int ret = -ENOENT;

	spin_lock(&vmk_devmgr_tree_lock);
	list_for_each_entry(dev, &vmk_devmgr_devices, all) {
		if (dev->seq >= from) {
			vmk_devmgr_fill_info(dev, info);
			ret = 0;
			break;
		}
	}
	spin_unlock(&vmk_devmgr_tree_lock);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_next, VMKAPI_INTERNAL);

int vmk_core_device_lookup(const char *bus, const char *address, u64 id,
			   struct vmk_core_device_info *info)
{
	struct vmk_DeviceInt *dev;
	int found = 0;

	spin_lock(&vmk_devmgr_tree_lock);
	list_for_each_entry(dev, &vmk_devmgr_devices, all) {
		if (id && dev->seq != id)
			continue;
		if (address && strcmp(dev->address, address))
			continue;
		if (bus && strcmp(dev->bus->name, bus))
			continue;
		if (!found++)
			vmk_devmgr_fill_info(dev, info);
	}
	spin_unlock(&vmk_devmgr_tree_lock);
	if (!found)
		return -ENOENT;
	return found > 1 ? -ENOTUNIQ : 0;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_lookup, VMKAPI_INTERNAL);

/* Tree lock held; depth is bounded by VMK_DEVMGR_MAX_DEPTH. */
static void vmk_devmgr_show_list(struct seq_file *m, struct list_head *list,
				 unsigned int depth)
{
	struct vmk_DeviceInt *dev;

	list_for_each_entry(dev, list, sibling) {
		seq_printf(m, "%*sbus=%s addr=%s id=%s state=%s forgotten=%s driver=%s\n",
			   2 * (depth + 1), "", dev->bus->name, dev->address,
			   dev->identifier,
			   vmk_core_device_state_name(dev->state),
			   dev->forgotten ? "yes" : "no",
			   dev->driver ? dev->driver->name : "-");
		vmk_devmgr_show_list(m, &dev->children, depth + 1);
	}
}

/* /sys/kernel/debug/vmkapi/devices: the tree, two spaces per level. */
void vmk_devmgr_devices_show(struct seq_file *m)
{
	struct vmk_DriverInt *drv;

	spin_lock(&vmk_devmgr_tree_lock);
	seq_puts(m, "root\n");
	vmk_devmgr_show_list(m, &vmk_devmgr_roots, 0);
	list_for_each_entry(drv, &vmk_devmgr_drivers, link)
		seq_printf(m, "driver %s module=%d%s\n", drv->name, drv->module,
			   drv->unregistering ? " unregistering" : "");
	spin_unlock(&vmk_devmgr_tree_lock);
}
