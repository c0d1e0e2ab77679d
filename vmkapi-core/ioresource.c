// SPDX-License-Identifier: GPL-2.0
/*
 * I/O resource reservations and port I/O (reference section 14; the
 * 2.3 platform headers vmkapi_ioresource.h and vmkapi_ioport.h).
 *
 * The reservable resources are the BARs of the PCI devices a module is
 * attached to: ESXi's PCI layer registers each BAR with its resource
 * manager, and we let pci.c answer "which attached device has a BAR
 * here" instead of keeping a second registry.  Every reservation is on
 * one global list (few exist: a handful per device) under a spinlock,
 * since reserving never blocks; it is also a resource of its module
 * (reported and released at unload) and belongs to its device (released
 * when the driver is detached, see vmk_core_pci_reclaim).
 *
 * Port accesses validate the handle under RCU, so they are safe from an
 * interrupt acknowledge; the reservation's memory goes after a grace
 * period.  The accesses themselves are Linux's inb/outb family.
 */
#include "vmkapi_core.h"

#include <linux/io.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct vmkIOReservation {
	struct vmk_core_handle handle;
	struct list_head link;		/* vmk_ioresv_list */
	struct rcu_head rcu;
	struct vmk_core_resource res;
	struct vmkPCIDevice *dev;	/* referenced */
	vmk_ModuleID module;
	int type;			/* VMK_IORESOURCE_PORT / _MEM */
	u64 start, len;
	bool shareable;
	bool bar_owned;
};

static LIST_HEAD(vmk_ioresv_list);
static DEFINE_SPINLOCK(vmk_ioresv_lock);

/* Off the list and the handle table; false if somebody was first. */
static bool vmk_ioresv_unlink(struct vmkIOReservation *r)
{
	bool was;

	spin_lock(&vmk_ioresv_lock);
	was = !list_empty(&r->link);
	if (was) {
		list_del_init(&r->link);
		vmk_core_handle_del(&r->handle);
	}
	spin_unlock(&vmk_ioresv_lock);
	return was;
}

static void vmk_ioresv_free(struct vmkIOReservation *r)
{
	vmk_core_resource_del(&r->res);
	vmk_core_pci_dev_put(r->dev);
	kfree_rcu(r, rcu);
}

static void vmk_ioresv_describe(struct vmk_core_resource *res, char *buf,
				size_t len)
{
	struct vmkIOReservation *r = container_of(res, struct vmkIOReservation,
						  res);

	snprintf(buf, len, "%s 0x%llx-0x%llx of %s",
		 r->type == VMK_IORESOURCE_PORT ? "ports" : "memory",
		 r->start, r->start + r->len - 1,
		 pci_name(vmk_core_pci_dev_pdev(r->dev)));
}

static void vmk_ioresv_reclaim(struct vmk_core_resource *res)
{
	struct vmkIOReservation *r = container_of(res, struct vmkIOReservation,
						  res);

	/* A BAR's reservation goes with the mapping, at detach. */
	if (!r->bar_owned && vmk_ioresv_unlink(r))
		vmk_ioresv_free(r);
}

static const struct vmk_core_resource_type vmk_ioresv_type = {
	.kind = "I/O reservation",
	.describe = vmk_ioresv_describe,
	.reclaim = vmk_ioresv_reclaim,
};

static bool vmk_ioresv_overlap(const struct vmkIOReservation *r, int type,
			       u64 start, u64 len)
{
	return r->type == type && start < r->start + r->len &&
	       r->start < start + len;
}

VMK_ReturnStatus vmk_core_ioresv_create(struct vmkPCIDevice *dev,
					vmk_ModuleID module, int type,
					u64 start, u64 len, bool shareable,
					bool bar_owned,
					struct vmkIOReservation **out)
{
	struct vmkIOReservation *r, *other;
	VMK_ReturnStatus status = VMK_OK;

	r = kzalloc(sizeof(*r), GFP_NOWAIT);
	if (!r)
		return VMK_NO_MEMORY;
	INIT_LIST_HEAD(&r->link);
	r->module = module;
	r->type = type;
	r->start = start;
	r->len = len;
	r->shareable = shareable;
	r->bar_owned = bar_owned;
	status = vmk_core_resource_add(&r->res, &vmk_ioresv_type, module);
	if (status != VMK_OK) {
		kfree(r);
		return VMK_BAD_PARAM;
	}
	spin_lock(&vmk_ioresv_lock);
	list_for_each_entry(other, &vmk_ioresv_list, link) {
		if (vmk_ioresv_overlap(other, type, start, len) &&
		    !(shareable && other->shareable)) {
			status = VMK_NOT_SHARED;
			break;
		}
	}
	if (status == VMK_OK) {
		/* The caller holds a reference on @dev: this one is ours. */
		r->dev = dev;
		vmk_core_pci_dev_hold(dev);
		list_add_tail(&r->link, &vmk_ioresv_list);
		vmk_core_handle_add(&r->handle, r, VMK_CORE_HANDLE_IORESV);
	}
	spin_unlock(&vmk_ioresv_lock);
	if (status != VMK_OK) {
		vmk_core_resource_del(&r->res);
		kfree(r);
		return status;
	}
	*out = r;
	return VMK_OK;
}

void vmk_core_ioresv_destroy(struct vmkIOReservation *r)
{
	if (vmk_ioresv_unlink(r))
		vmk_ioresv_free(r);
}

unsigned int vmk_core_ioresv_count(struct vmkPCIDevice *dev)
{
	struct vmkIOReservation *r;
	unsigned int n = 0;

	spin_lock(&vmk_ioresv_lock);
	list_for_each_entry(r, &vmk_ioresv_list, link)
		n += r->dev == dev && !r->bar_owned;
	spin_unlock(&vmk_ioresv_lock);
	return n;
}

unsigned int vmk_core_ioresv_reclaim_device(struct vmkPCIDevice *dev)
{
	struct vmkIOReservation *r, *next;
	unsigned int n = 0;
	LIST_HEAD(gone);

	spin_lock(&vmk_ioresv_lock);
	list_for_each_entry_safe(r, next, &vmk_ioresv_list, link) {
		if (r->dev != dev || r->bar_owned)
			continue;
		list_move_tail(&r->link, &gone);
		vmk_core_handle_del(&r->handle);
		n++;
	}
	spin_unlock(&vmk_ioresv_lock);
	list_for_each_entry_safe(r, next, &gone, link) {
		list_del_init(&r->link);
		vmk_ioresv_free(r);
	}
	return n;
}

/* ---- public calls ------------------------------------------------------ */

VMK_ReturnStatus vmk_IOResourceReserve(vmk_IOResourceInfo *resourceInfo,
				       vmk_IOReservation *reservation)
{
	const u32 attrs = VMK_IORESOURCE_SHAREABLE | VMK_IORESOURCE_CACHEABLE |
			  VMK_IORESOURCE_PREFETCHABLE;
	struct vmkPCIDevice *dev;
	VMK_ReturnStatus status;
	u64 start, len;
	int type;

	vmk_core_assert_may_deschedule();
	if (!resourceInfo || !reservation) {
		vmk_core_bad_arg("resourceInfo %p reservation %p",
				 resourceInfo, reservation);
		return VMK_BAD_PARAM;
	}
	type = resourceInfo->start.type;
	len = resourceInfo->len;
	start = type == VMK_IORESOURCE_PORT ?
		resourceInfo->start.address.port :
		resourceInfo->start.address.memory;
	if ((type != VMK_IORESOURCE_PORT && type != VMK_IORESOURCE_MEM) ||
	    !len || (resourceInfo->attrs & ~attrs) ||
	    !vmk_core_module_is_registered(resourceInfo->moduleID)) {
		vmk_core_bad_arg("type %d len %llu attrs 0x%x module %d", type,
				 len, resourceInfo->attrs,
				 resourceInfo->moduleID);
		return VMK_BAD_PARAM;
	}
	if (start + len < start) {
		vmk_core_bad_arg("range 0x%llx+0x%llx wraps", start, len);
		return VMK_BAD_ADDR_RANGE;
	}
	dev = vmk_core_pci_find_bar(resourceInfo->moduleID, type, start, len);
	if (!dev) {
		vmk_core_bad_arg("0x%llx+0x%llx is in no BAR of a device of module %d",
				 start, len, resourceInfo->moduleID);
		return VMK_BAD_ADDR_RANGE;
	}
	status = vmk_core_ioresv_create(dev, resourceInfo->moduleID, type,
					start, len,
					resourceInfo->attrs &
					VMK_IORESOURCE_SHAREABLE, false,
					reservation);
	vmk_core_pci_dev_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_IOResourceReserve);

VMK_ReturnStatus vmk_IOResourceRelease(vmk_IOReservation reservation)
{
	struct vmkIOReservation *r = reservation;
	bool ok;

	vmk_core_assert_may_deschedule();
	spin_lock(&vmk_ioresv_lock);
	rcu_read_lock();
	ok = vmk_core_handle_find(r, VMK_CORE_HANDLE_IORESV) && !r->bar_owned;
	rcu_read_unlock();
	if (ok) {
		list_del_init(&r->link);
		vmk_core_handle_del(&r->handle);
	}
	spin_unlock(&vmk_ioresv_lock);
	if (!ok) {
		vmk_core_bad_arg("%p is not a reservation of vmk_IOResourceReserve",
				 reservation);
		return VMK_BAD_PARAM;
	}
	vmk_ioresv_free(r);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_IOResourceRelease);

/*
 * The port range of an access, checked against a live port reservation
 * (RCU: the reservation may be released meanwhile; then the access goes
 * to ports that were reserved a moment ago, harmless).
 */
static VMK_ReturnStatus vmk_ioport_check(vmk_IOReservation reservation,
					 vmk_IOPortAddr port,
					 unsigned int width, const char *api,
					 unsigned long caller)
{
	struct vmkIOReservation *r = reservation;
	VMK_ReturnStatus status = VMK_OK;

	rcu_read_lock();
	if (!vmk_core_handle_find(r, VMK_CORE_HANDLE_IORESV) ||
	    r->type != VMK_IORESOURCE_PORT)
		status = VMK_BAD_PARAM;
	else if (port < r->start || port + width > r->start + r->len)
		status = VMK_BAD_ADDR_RANGE;
	rcu_read_unlock();
	if (status == VMK_BAD_PARAM)
		vmk_core_bad_arg_api(api, caller,
				     "%p is not a live port reservation",
				     reservation);
	else if (status != VMK_OK)
		vmk_core_bad_arg_api(api, caller,
				     "port 0x%x (%u bytes) outside the reservation",
				     port, width);
	return status;
}

/* One access of @width bytes, checked; the value in or out in *val. */
static VMK_ReturnStatus vmk_ioport_access(vmk_IOReservation reservation,
					  vmk_IOPortAddr port,
					  unsigned int width, bool write,
					  u32 *val, const char *api,
					  unsigned long caller)
{
	VMK_ReturnStatus status;

	if (!val) {
		vmk_core_bad_arg_api(api, caller, "NULL outValue");
		return VMK_BAD_PARAM;
	}
	status = vmk_ioport_check(reservation, port, width, api, caller);
	if (status != VMK_OK)
		return status;
	switch (width) {
	case 1:
		if (write)
			outb(*val, port);
		else
			*val = inb(port);
		break;
	case 2:
		if (write)
			outw(*val, port);
		else
			*val = inw(port);
		break;
	default:
		if (write)
			outl(*val, port);
		else
			*val = inl(port);
		break;
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_IOPortRead8(vmk_IOReservation reservation,
				 vmk_IOPortAddr port, vmk_uint8 *outValue)
{
	VMK_ReturnStatus status;
	u32 v;

	status = vmk_ioport_access(reservation, port, 1, false,
				   outValue ? &v : NULL, __func__, _RET_IP_);
	if (status == VMK_OK)
		*outValue = v;
	return status;
}
VMKAPI_EXPORT(vmk_IOPortRead8);

VMK_ReturnStatus vmk_IOPortRead16(vmk_IOReservation reservation,
				  vmk_IOPortAddr port, vmk_uint16 *outValue)
{
	VMK_ReturnStatus status;
	u32 v;

	status = vmk_ioport_access(reservation, port, 2, false,
				   outValue ? &v : NULL, __func__, _RET_IP_);
	if (status == VMK_OK)
		*outValue = v;
	return status;
}
VMKAPI_EXPORT(vmk_IOPortRead16);

VMK_ReturnStatus vmk_IOPortRead32(vmk_IOReservation reservation,
				  vmk_IOPortAddr port, vmk_uint32 *outValue)
{
	return vmk_ioport_access(reservation, port, 4, false, outValue,
				 __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_IOPortRead32);

VMK_ReturnStatus vmk_IOPortWrite8(vmk_IOReservation reservation,
				  vmk_IOPortAddr port, vmk_uint8 inValue)
{
	u32 v = inValue;

	return vmk_ioport_access(reservation, port, 1, true, &v, __func__,
				 _RET_IP_);
}
VMKAPI_EXPORT(vmk_IOPortWrite8);

VMK_ReturnStatus vmk_IOPortWrite16(vmk_IOReservation reservation,
				   vmk_IOPortAddr port, vmk_uint16 inValue)
{
	u32 v = inValue;

	return vmk_ioport_access(reservation, port, 2, true, &v, __func__,
				 _RET_IP_);
}
VMKAPI_EXPORT(vmk_IOPortWrite16);

VMK_ReturnStatus vmk_IOPortWrite32(vmk_IOReservation reservation,
				   vmk_IOPortAddr port, vmk_uint32 inValue)
{
	return vmk_ioport_access(reservation, port, 4, true, &inValue,
				 __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_IOPortWrite32);
