/* SPDX-License-Identifier: GPL-2.0 */
/*
 * devmgr/: what the device manager's files share.  Never included by
 * drivers or by other families (they use vmkapi_internal.h).
 *
 * Locks, outermost first:
 *   vmk_devmgr_providers	mutex: the provider list; hooks run under it
 *   device->lock		mutex per device: serialises its lifecycle
 *				(callbacks run under it); a parent's is
 *				taken before its children's (subclass =
 *				depth, hence at most VMK_DEVMGR_MAX_DEPTH
 *				levels)
 *   vmk_devmgr_tree_lock	spinlock: the tree, the device and driver
 *				lists, identifier bindings; never held
 *				across a callback or an allocation
 */
#ifndef _VMKAPI_DEVMGR_H_
#define _VMKAPI_DEVMGR_H_

#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

/* Lockdep tells nesting levels of one lock class apart up to eight. */
#define VMK_DEVMGR_MAX_DEPTH	8

struct vmk_BusTypeInt {
	struct vmk_core_handle handle;
	const char *name;
	atomic_t refs;		/* vmk_BusTypeFind references, for show */
};

struct vmk_DriverInt {
	struct vmk_core_handle handle;
	struct vmk_core_resource res;
	struct kref ref;
	struct list_head link;		/* vmk_devmgr_drivers */
	char name[VMK_MISC_NAME_MAX];
	vmk_ModuleID module;
	vmk_DriverOps ops;
	vmk_AddrCookie priv;
	bool unregistering;		/* no new devices are offered */
	bool live;			/* in the handle table */
	u64 seq;			/* registration order */
	struct rcu_head rcu;
};

struct vmk_DeviceInt {
	struct vmk_core_handle handle;
	struct vmk_core_resource res;	/* if has_res: a module's device */
	bool has_res;
	struct kref ref;
	struct mutex lock;		/* the lifecycle */
	unsigned int depth;
	struct vmk_DeviceInt *parent;	/* NULL: a child of the root */
	struct list_head children;	/* tree lock */
	struct list_head sibling;
	struct list_head all;		/* vmk_devmgr_devices */
	struct vmk_BusTypeInt *bus;
	char *address;
	u32 address_len;
	char *identifier;
	u32 identifier_len;
	vmk_AddrCookie registration_data;
	vmk_AddrCookie registering_data;
	vmk_AddrCookie attached_data;
	struct device *linux_dev;
	/* Registrar (NULL: a provider's device) and attached driver: refs. */
	struct vmk_DriverInt *registrar;
	vmk_DeviceOps ops;
	struct vmk_DriverInt *driver;
	/* Written under lock, read anywhere (READ_ONCE). */
	enum vmk_core_dev_state state;
	bool forgotten;
	bool offered;			/* a bound driver was tried */
	bool unregistered;		/* vmk_DeviceUnregister succeeded */
	bool td_skip;			/* stays, in this teardown pass */
	bool live;			/* in the handle table */
	unsigned int public_refs;	/* tree lock */
	/* The task inside this device's scanDevice / removeDevice. */
	struct task_struct *in_scan;
	struct task_struct *in_remove;
	struct work_struct rescan;
	u64 seq;			/* creation order, from 1 (tree lock) */
	struct rcu_head rcu;
};

extern spinlock_t vmk_devmgr_tree_lock;
extern struct list_head vmk_devmgr_devices;
extern struct list_head vmk_devmgr_roots;
extern struct list_head vmk_devmgr_drivers;
extern atomic64_t vmk_devmgr_device_count;
extern atomic64_t vmk_devmgr_driver_count;

/* bus.c */
struct vmk_BusTypeInt *vmk_devmgr_bus_find(const char *name);
bool vmk_devmgr_bus_live(vmk_BusType bus);
extern struct vmk_BusTypeInt vmk_devmgr_bus_logical;
void vmk_devmgr_bus_init(void);
void vmk_devmgr_bus_exit(void);

/* logical_bus.c */
bool vmk_devmgr_logical_port(struct vmk_DeviceInt *parent,
			     const char *address, vmk_uint32 *port);

/* driver.c */
struct vmk_DriverInt *vmk_devmgr_driver_get(vmk_Driver handle);
void vmk_devmgr_driver_put(struct vmk_DriverInt *drv);
struct vmk_DriverInt *vmk_devmgr_bound_driver(const char *identifier);
/* The same, with the tree lock held by the caller. */
struct vmk_DriverInt *vmk_devmgr_bound_driver_locked(const char *identifier);
void vmk_devmgr_driver_reclaim_for(struct vmk_DriverInt *drv);

/* device.c */
struct vmk_DeviceInt *vmk_devmgr_device_get(vmk_Device handle);
void vmk_devmgr_device_hold(struct vmk_DeviceInt *dev);
void vmk_devmgr_device_put(struct vmk_DeviceInt *dev);
/* Take @dev out of the tree and the handle table (still referenced). */
void vmk_devmgr_device_unlink(struct vmk_DeviceInt *dev);
void vmk_devmgr_devices_show(struct seq_file *m);

/* lifecycle.c */
VMK_ReturnStatus vmk_devmgr_event(struct vmk_DeviceInt *dev,
				  enum vmk_core_dev_event event,
				  struct vmk_DriverInt *drv);
VMK_ReturnStatus vmk_devmgr_attach(struct vmk_DeviceInt *dev,
				   struct vmk_DriverInt *drv);
/* Take @dev back: subtree leaf first, then quiesce and detach. */
VMK_ReturnStatus vmk_devmgr_take_back(struct vmk_DeviceInt *dev, bool force);
/* Offer unclaimed, never offered devices to the drivers bound to them. */
void vmk_devmgr_offer_bound(struct vmk_DeviceInt *parent);
void vmk_devmgr_queue_rescan(struct vmk_DeviceInt *dev);
void vmk_devmgr_rescan_work(struct work_struct *work);
extern atomic64_t vmk_devmgr_transitions;
extern atomic64_t vmk_devmgr_illegal;
int vmk_devmgr_lifecycle_init(void);
void vmk_devmgr_lifecycle_exit(void);
/* A provider module's device left at its unload: take back, remove. */
void vmk_devmgr_reclaim_device(struct vmk_DeviceInt *dev);
/* Drop every device attached to @drv (forced), for its unregistration. */
void vmk_devmgr_release_driver(struct vmk_DriverInt *drv);

#endif /* _VMKAPI_DEVMGR_H_ */
