// SPDX-License-Identifier: GPL-2.0
/*
 * The device lifecycle, held as data: vmk_devmgr_table lists every legal
 * (state, event) pair with the callback it runs and the state the device
 * is in afterwards, on success and on failure.  vmk_devmgr_step() is the
 * only code that changes a device's state, and it does nothing the table
 * does not say: an event without a row is refused (VMK_NOT_SUPPORTED,
 * one log line naming the device, its state and the event).  Every step,
 * refused or not, fires the vmkapi:device_transition tracepoint.
 *
 * The composite operations bus providers use (attach = attach, start,
 * scan; detach = take the subtree back leaf first, then quiesce and
 * detach) are sequences of steps, with the unwinding the reference asks
 * for: a failed start is undone by a detach, so a device whose driver
 * cannot start it ends up unclaimed.
 *
 * Steps on one device are serialised by its lock, held across the
 * callback; the tree lock never is, so a scan can register children.
 * Taking a subtree back runs with force when the driver itself is going
 * away: a failing quiesce, detach or removeDevice is then logged and the
 * device moved on regardless, since the code it would wait for is being
 * unloaded.
 */
#include "vmkapi_core.h"
#include "devmgr/devmgr.h"

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#define CREATE_TRACE_POINTS
#include "devmgr/devmgr_trace.h"

atomic64_t vmk_devmgr_transitions = ATOMIC64_INIT(0);
atomic64_t vmk_devmgr_illegal = ATOMIC64_INIT(0);
static struct workqueue_struct *vmk_devmgr_wq;

enum vmk_devmgr_cb {
	VMK_DEVMGR_CB_NONE,
	VMK_DEVMGR_CB_ATTACH,
	VMK_DEVMGR_CB_START,
	VMK_DEVMGR_CB_SCAN,
	VMK_DEVMGR_CB_QUIESCE,
	VMK_DEVMGR_CB_DETACH,
	VMK_DEVMGR_CB_FORGET,
	VMK_DEVMGR_CB_REMOVE,
};

struct vmk_devmgr_transition {
	enum vmk_core_dev_state from;
	enum vmk_core_dev_event event;
	enum vmk_devmgr_cb callback;
	enum vmk_core_dev_state on_success;
	enum vmk_core_dev_state on_failure;
	/* Also legal once the device was forgotten (it cannot do I/O). */
	bool when_forgotten;
};

#define UNCLAIMED	VMK_CORE_DEV_UNCLAIMED
#define QUIESCENT	VMK_CORE_DEV_QUIESCENT
#define STARTED		VMK_CORE_DEV_STARTED
#define REMOVED		VMK_CORE_DEV_REMOVED

/*
 * The lifecycle.  Forget sets the device's forgotten flag and is legal
 * once, in any state but removed; only the claimed states have a driver
 * to tell.  Remove succeeds only if the device was unregistered (a
 * registered child's removeDevice must call vmk_DeviceUnregister; a
 * provider's device is simply taken out of the tree).
 */
static const struct vmk_devmgr_transition vmk_devmgr_table[] = {
	{ UNCLAIMED, VMK_CORE_DEV_ATTACH,  VMK_DEVMGR_CB_ATTACH,
	  QUIESCENT, UNCLAIMED, false },
	{ QUIESCENT, VMK_CORE_DEV_START,   VMK_DEVMGR_CB_START,
	  STARTED,   QUIESCENT, false },
	{ STARTED,   VMK_CORE_DEV_SCAN,    VMK_DEVMGR_CB_SCAN,
	  STARTED,   STARTED,   false },
	{ STARTED,   VMK_CORE_DEV_QUIESCE, VMK_DEVMGR_CB_QUIESCE,
	  QUIESCENT, STARTED,   true },
	{ QUIESCENT, VMK_CORE_DEV_DETACH,  VMK_DEVMGR_CB_DETACH,
	  UNCLAIMED, QUIESCENT, true },
	{ UNCLAIMED, VMK_CORE_DEV_FORGET,  VMK_DEVMGR_CB_NONE,
	  UNCLAIMED, UNCLAIMED, false },
	{ QUIESCENT, VMK_CORE_DEV_FORGET,  VMK_DEVMGR_CB_FORGET,
	  QUIESCENT, QUIESCENT, false },
	{ STARTED,   VMK_CORE_DEV_FORGET,  VMK_DEVMGR_CB_FORGET,
	  STARTED,   STARTED,   false },
	{ UNCLAIMED, VMK_CORE_DEV_REMOVE,  VMK_DEVMGR_CB_REMOVE,
	  REMOVED,   UNCLAIMED, true },
};

static const char *const vmk_devmgr_state_names[] = {
	[VMK_CORE_DEV_UNCLAIMED] = "unclaimed",
	[VMK_CORE_DEV_QUIESCENT] = "quiescent",
	[VMK_CORE_DEV_STARTED] = "started",
	[VMK_CORE_DEV_REMOVED] = "removed",
};

static const char *const vmk_devmgr_event_names[] = {
	[VMK_CORE_DEV_ATTACH] = "attach",
	[VMK_CORE_DEV_START] = "start",
	[VMK_CORE_DEV_SCAN] = "scan",
	[VMK_CORE_DEV_QUIESCE] = "quiesce",
	[VMK_CORE_DEV_DETACH] = "detach",
	[VMK_CORE_DEV_FORGET] = "forget",
	[VMK_CORE_DEV_REMOVE] = "remove",
};

const char *vmk_core_device_state_name(enum vmk_core_dev_state state)
{
	if ((unsigned int)state >= ARRAY_SIZE(vmk_devmgr_state_names))
		return "?";
	return vmk_devmgr_state_names[state];
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_state_name, VMKAPI_INTERNAL);

const char *vmk_core_device_event_name(enum vmk_core_dev_event event)
{
	if ((unsigned int)event >= ARRAY_SIZE(vmk_devmgr_event_names))
		return "?";
	return vmk_devmgr_event_names[event];
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_event_name, VMKAPI_INTERNAL);

static const struct vmk_devmgr_transition *
vmk_devmgr_lookup(enum vmk_core_dev_state state, enum vmk_core_dev_event event,
		  bool forgotten)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmk_devmgr_table); i++) {
		const struct vmk_devmgr_transition *t = &vmk_devmgr_table[i];

		if (t->from == state && t->event == event &&
		    (!forgotten || t->when_forgotten))
			return t;
	}
	return NULL;
}

static void vmk_devmgr_trace(struct vmk_DeviceInt *dev,
			     struct vmk_DriverInt *drv,
			     enum vmk_core_dev_state from,
			     enum vmk_core_dev_event event,
			     enum vmk_core_dev_state to,
			     VMK_ReturnStatus status, const char *refused)
{
	atomic64_inc(&vmk_devmgr_transitions);
	trace_device_transition(dev->address, drv ? drv->name : "-", from,
				event, to, status);
	/* The driver's ring; the core's for a device no driver has. */
	if (refused)
		vmk_core_event_record(drv ? drv->module :
				      VMK_VMKERNEL_MODULE_ID,
				      VMKAPI_EVENT_TRANSITION, status,
				      dev->address, "%s refused in %s: %s",
				      vmk_core_device_event_name(event),
				      vmk_core_device_state_name(from),
				      refused);
	else
		vmk_core_event_record(drv ? drv->module :
				      VMK_VMKERNEL_MODULE_ID,
				      VMKAPI_EVENT_TRANSITION, status,
				      dev->address, "%s: %s -> %s",
				      vmk_core_device_event_name(event),
				      vmk_core_device_state_name(from),
				      vmk_core_device_state_name(to));
}

/* A driver callback failed: the event ring of the driver that failed. */
static void vmk_devmgr_record_failure(struct vmk_DeviceInt *dev,
				      struct vmk_DriverInt *who,
				      enum vmk_core_dev_event event,
				      VMK_ReturnStatus status, bool force)
{
	vmk_core_event_record(who ? who->module : VMK_VMKERNEL_MODULE_ID,
			      VMKAPI_EVENT_CALLBACK_FAILED, status,
			      dev->address, "%s callback of %s failed%s",
			      vmk_core_device_event_name(event),
			      who ? who->name : "the provider",
			      force ? " (forced)" : "");
}

static VMK_ReturnStatus vmk_devmgr_refuse(struct vmk_DeviceInt *dev,
					  enum vmk_core_dev_event event,
					  VMK_ReturnStatus status,
					  const char *why)
{
	atomic64_inc(&vmk_devmgr_illegal);
	pr_warn_ratelimited("device %s %s: %s refused in state %s%s: %s\n",
			    dev->bus->name, dev->address,
			    vmk_core_device_event_name(event),
			    vmk_core_device_state_name(dev->state),
			    dev->forgotten ? " (forgotten)" : "", why);
	vmk_devmgr_trace(dev, dev->driver, dev->state, event, dev->state,
			 status, why);
	return status;
}

/* Run @cb of @dev's driver (or registrar, for remove). */
static VMK_ReturnStatus vmk_devmgr_call(struct vmk_DeviceInt *dev,
					enum vmk_devmgr_cb cb,
					struct vmk_DriverInt *drv, bool force)
{
	const vmk_DriverOps *ops = drv ? &drv->ops : NULL;
	VMK_ReturnStatus status = VMK_OK;

	switch (cb) {
	case VMK_DEVMGR_CB_NONE:
		break;
	case VMK_DEVMGR_CB_ATTACH:
		if (ops->attachDevice)
			status = ops->attachDevice(dev);
		break;
	case VMK_DEVMGR_CB_START:
		if (ops->startDevice)
			status = ops->startDevice(dev);
		break;
	case VMK_DEVMGR_CB_SCAN:
		WRITE_ONCE(dev->in_scan, current);
		if (ops->scanDevice)
			status = ops->scanDevice(dev);
		WRITE_ONCE(dev->in_scan, NULL);
		break;
	case VMK_DEVMGR_CB_QUIESCE:
		if (ops->quiesceDevice)
			status = ops->quiesceDevice(dev);
		break;
	case VMK_DEVMGR_CB_DETACH:
		if (ops->detachDevice)
			status = ops->detachDevice(dev);
		break;
	case VMK_DEVMGR_CB_FORGET:
		if (ops->forgetDevice)
			ops->forgetDevice(dev);
		break;
	case VMK_DEVMGR_CB_REMOVE:
		if (!dev->registrar) {
			/* A provider's device: the provider is the caller. */
			vmk_devmgr_device_unlink(dev);
			dev->unregistered = true;
			break;
		}
		WRITE_ONCE(dev->in_remove, current);
		status = dev->ops.removeDevice(dev);
		WRITE_ONCE(dev->in_remove, NULL);
		if (dev->unregistered) {
			status = VMK_OK;
			break;
		}
		if (status == VMK_OK) {
			pr_warn("device %s %s: removeDevice of %s returned VMK_OK without vmk_DeviceUnregister\n",
				dev->bus->name, dev->address,
				dev->registrar->name);
			status = VMK_FAILURE;
		}
		if (force) {
			vmk_devmgr_device_unlink(dev);
			dev->unregistered = true;
		}
		break;
	}
	return status;
}

/* Refusals the table cannot express: they depend on more than state. */
static VMK_ReturnStatus vmk_devmgr_precheck(struct vmk_DeviceInt *dev,
					    enum vmk_core_dev_event event,
					    struct vmk_DriverInt *drv,
					    bool force, const char **why)
{
	bool children, refs;

	if (event == VMK_CORE_DEV_ATTACH) {
		if (!drv) {
			*why = "no driver";
			return VMK_BAD_PARAM;
		}
		if (READ_ONCE(drv->unregistering)) {
			*why = "the driver is being unregistered";
			return VMK_NOT_FOUND;
		}
		return VMK_OK;
	}
	if (event != VMK_CORE_DEV_DETACH && event != VMK_CORE_DEV_REMOVE)
		return VMK_OK;
	spin_lock(&vmk_devmgr_tree_lock);
	children = !list_empty(&dev->children);
	refs = dev->public_refs;
	spin_unlock(&vmk_devmgr_tree_lock);
	if (children) {
		*why = "the device has children";
		return VMK_BUSY;
	}
	/* A registrar learns of references from vmk_DeviceUnregister. */
	if (event == VMK_CORE_DEV_REMOVE && refs && !force && !dev->registrar) {
		*why = "the device is referenced";
		return VMK_BUSY;
	}
	return VMK_OK;
}

static void vmk_devmgr_set_driver(struct vmk_DeviceInt *dev,
				  struct vmk_DriverInt *drv)
{
	struct vmk_DriverInt *old;

	if (drv)
		kref_get(&drv->ref);
	spin_lock(&vmk_devmgr_tree_lock);
	old = dev->driver;
	dev->driver = drv;
	spin_unlock(&vmk_devmgr_tree_lock);
	vmk_devmgr_driver_put(old);
}

static void vmk_devmgr_offer_children(struct vmk_DeviceInt *parent);

/*
 * One transition of @dev (locked by the caller, who holds a reference):
 * look the (state, event) pair up, run the callback, move to the state
 * the table names.  @drv only for attach.
 */
static VMK_ReturnStatus vmk_devmgr_step(struct vmk_DeviceInt *dev,
					enum vmk_core_dev_event event,
					struct vmk_DriverInt *drv, bool force)
{
	enum vmk_core_dev_state from = dev->state, to;
	const struct vmk_devmgr_transition *t;
	struct vmk_DriverInt *cbdrv;
	VMK_ReturnStatus status;
	const char *why = NULL;

	lockdep_assert_held(&dev->lock);
	t = vmk_devmgr_lookup(from, event, dev->forgotten);
	if (!t)
		return vmk_devmgr_refuse(dev, event, VMK_NOT_SUPPORTED,
					 "no such transition");
	status = vmk_devmgr_precheck(dev, event, drv, force, &why);
	if (status != VMK_OK)
		return vmk_devmgr_refuse(dev, event, status, why);

	if (event == VMK_CORE_DEV_ATTACH)
		vmk_devmgr_set_driver(dev, drv);
	if (event == VMK_CORE_DEV_FORGET)
		WRITE_ONCE(dev->forgotten, true);
	/* Our own reference: the driver may be detached in this step. */
	cbdrv = dev->driver;
	if (cbdrv)
		kref_get(&cbdrv->ref);

	status = vmk_devmgr_call(dev, t->callback, cbdrv, force);
	to = status == VMK_OK ? t->on_success : t->on_failure;
	if (status != VMK_OK) {
		pr_info("device %s %s: %s of %s failed: %s%s\n",
			dev->bus->name, dev->address,
			vmk_core_device_event_name(event),
			cbdrv ? cbdrv->name : "its registrar",
			vmk_StatusToString(status),
			force && t->callback != VMK_DEVMGR_CB_ATTACH ?
			"; its driver is going away, so it is forced" : "");
		vmk_devmgr_record_failure(dev, t->callback == VMK_DEVMGR_CB_REMOVE ?
					  dev->registrar : cbdrv, event,
					  status, force);
		if (force)
			to = t->on_success;
	}
	if (to == UNCLAIMED && from != UNCLAIMED) {
		/* Detached, or the attach failed: as the driver found it. */
		vmk_devmgr_set_driver(dev, NULL);
		WRITE_ONCE(dev->attached_data.addr, 0);
	} else if (event == VMK_CORE_DEV_ATTACH && to == UNCLAIMED) {
		vmk_devmgr_set_driver(dev, NULL);
		WRITE_ONCE(dev->attached_data.addr, 0);
	}
	WRITE_ONCE(dev->state, to);
	vmk_devmgr_trace(dev, cbdrv, from, event, to, status, NULL);
	vmk_devmgr_driver_put(cbdrv);

	if (event == VMK_CORE_DEV_SCAN)
		vmk_devmgr_offer_children(dev);
	if (to == REMOVED)
		vmk_devmgr_device_put(dev);	/* the tree's reference */
	return status;
}

VMK_ReturnStatus vmk_devmgr_event(struct vmk_DeviceInt *dev,
				  enum vmk_core_dev_event event,
				  struct vmk_DriverInt *drv)
{
	VMK_ReturnStatus status;

	mutex_lock_nested(&dev->lock, dev->depth);
	status = vmk_devmgr_step(dev, event, drv, false);
	mutex_unlock(&dev->lock);
	return status;
}

/* Offer @dev to @drv: attach, start, first scan; unwind a failed start. */
VMK_ReturnStatus vmk_devmgr_attach(struct vmk_DeviceInt *dev,
				   struct vmk_DriverInt *drv)
{
	VMK_ReturnStatus status;

	mutex_lock_nested(&dev->lock, dev->depth);
	status = vmk_devmgr_step(dev, VMK_CORE_DEV_ATTACH, drv, false);
	if (status == VMK_OK) {
		status = vmk_devmgr_step(dev, VMK_CORE_DEV_START, NULL, false);
		if (status != VMK_OK)
			vmk_devmgr_step(dev, VMK_CORE_DEV_DETACH, NULL, false);
		else
			/* A failed scan leaves a working device: logged only. */
			vmk_devmgr_step(dev, VMK_CORE_DEV_SCAN, NULL, false);
	}
	mutex_unlock(&dev->lock);
	return status;
}

/*
 * The next device to offer to the driver bound to its identifier: a
 * child of @parent (NULL: any device) that is unclaimed, not forgotten
 * and not offered before.  Referenced, with the driver in *@drv.
 */
static struct vmk_DeviceInt *vmk_devmgr_next_offer(struct vmk_DeviceInt *parent,
						   struct vmk_DriverInt **drv)
{
	struct list_head *list = parent ? &parent->children :
				 &vmk_devmgr_devices;
	struct vmk_DeviceInt *dev, *found = NULL;
	struct list_head *pos;

	spin_lock(&vmk_devmgr_tree_lock);
	list_for_each(pos, list) {
		dev = parent ? list_entry(pos, struct vmk_DeviceInt, sibling) :
			       list_entry(pos, struct vmk_DeviceInt, all);
		if (dev->offered || dev->forgotten ||
		    READ_ONCE(dev->state) != UNCLAIMED || dev->driver)
			continue;
		*drv = vmk_devmgr_bound_driver_locked(dev->identifier);
		if (!*drv)
			continue;
		dev->offered = true;
		kref_get(&dev->ref);
		found = dev;
		break;
	}
	spin_unlock(&vmk_devmgr_tree_lock);
	return found;
}

/* Parent locked (or NULL: called without device locks, after a bind). */
static void vmk_devmgr_offer(struct vmk_DeviceInt *parent)
{
	struct vmk_DriverInt *drv;
	struct vmk_DeviceInt *dev;

	while ((dev = vmk_devmgr_next_offer(parent, &drv))) {
		vmk_devmgr_attach(dev, drv);
		vmk_devmgr_driver_put(drv);
		vmk_devmgr_device_put(dev);
	}
}

static void vmk_devmgr_offer_children(struct vmk_DeviceInt *parent)
{
	vmk_devmgr_offer(parent);
}

void vmk_devmgr_offer_bound(struct vmk_DeviceInt *parent)
{
	vmk_devmgr_offer(parent);
}

/* The first child not skipped in this pass, referenced. */
static struct vmk_DeviceInt *vmk_devmgr_next_child(struct vmk_DeviceInt *dev)
{
	struct vmk_DeviceInt *child, *found = NULL;

	spin_lock(&vmk_devmgr_tree_lock);
	list_for_each_entry(child, &dev->children, sibling) {
		if (!child->td_skip) {
			kref_get(&child->ref);
			found = child;
			break;
		}
	}
	spin_unlock(&vmk_devmgr_tree_lock);
	return found;
}

/*
 * Take @dev (locked) back from its driver, leaf first: each child's own
 * subtree and driver, then the child's removal by its registrar, then
 * @dev is quiesced and detached.  Without @force, a child that stays
 * makes it VMK_BUSY and @dev keeps its driver, and a failing quiesce or
 * detach stops there with the callback's status.
 */
VMK_ReturnStatus vmk_devmgr_take_back(struct vmk_DeviceInt *dev, bool force)
{
	struct vmk_DeviceInt *child;
	VMK_ReturnStatus status;
	bool busy = false;

	lockdep_assert_held(&dev->lock);
	while ((child = vmk_devmgr_next_child(dev))) {
		mutex_lock_nested(&child->lock, child->depth);
		status = VMK_OK;
		if (child->state != UNCLAIMED)
			status = vmk_devmgr_take_back(child, force);
		if (status == VMK_OK || force)
			status = vmk_devmgr_step(child, VMK_CORE_DEV_REMOVE,
						 NULL, force);
		if (child->live) {
			/* Still there: leave it for this pass. */
			child->td_skip = true;
			busy = true;
		}
		mutex_unlock(&child->lock);
		vmk_devmgr_device_put(child);
	}
	if (busy) {
		spin_lock(&vmk_devmgr_tree_lock);
		list_for_each_entry(child, &dev->children, sibling)
			child->td_skip = false;
		spin_unlock(&vmk_devmgr_tree_lock);
		return VMK_BUSY;
	}
	if (dev->state == STARTED) {
		status = vmk_devmgr_step(dev, VMK_CORE_DEV_QUIESCE, NULL,
					 force);
		if (status != VMK_OK && !force)
			return status;
	}
	if (dev->state == QUIESCENT) {
		status = vmk_devmgr_step(dev, VMK_CORE_DEV_DETACH, NULL,
					 force);
		if (status != VMK_OK && !force)
			return status;
	}
	return VMK_OK;
}

/* Every device still attached to @drv (being unregistered), by force. */
void vmk_devmgr_release_driver(struct vmk_DriverInt *drv)
{
	struct vmk_DeviceInt *dev, *found;

	for (;;) {
		found = NULL;
		spin_lock(&vmk_devmgr_tree_lock);
		list_for_each_entry(dev, &vmk_devmgr_devices, all) {
			if (dev->driver == drv) {
				kref_get(&dev->ref);
				found = dev;
				break;
			}
		}
		spin_unlock(&vmk_devmgr_tree_lock);
		if (!found)
			break;
		pr_warn("driver %s: taking back device %s %s\n", drv->name,
			found->bus->name, found->address);
		mutex_lock_nested(&found->lock, found->depth);
		if (found->driver == drv)
			vmk_devmgr_take_back(found, true);
		mutex_unlock(&found->lock);
		vmk_devmgr_device_put(found);
	}
}

void vmk_devmgr_reclaim_device(struct vmk_DeviceInt *dev)
{
	kref_get(&dev->ref);
	pr_warn("device %s %s: its module unloaded with it added; removing it\n",
		dev->bus->name, dev->address);
	mutex_lock_nested(&dev->lock, dev->depth);
	if (dev->state != UNCLAIMED)
		vmk_devmgr_take_back(dev, true);
	if (dev->state == UNCLAIMED)
		vmk_devmgr_step(dev, VMK_CORE_DEV_REMOVE, NULL, true);
	mutex_unlock(&dev->lock);
	vmk_devmgr_device_put(dev);
}

/* @dev locked and forgotten: forget its descendants too. */
static void vmk_devmgr_forget_subtree(struct vmk_DeviceInt *dev)
{
	struct vmk_DeviceInt *child, *found;

	for (;;) {
		found = NULL;
		spin_lock(&vmk_devmgr_tree_lock);
		list_for_each_entry(child, &dev->children, sibling) {
			if (!child->forgotten) {
				kref_get(&child->ref);
				found = child;
				break;
			}
		}
		spin_unlock(&vmk_devmgr_tree_lock);
		if (!found)
			break;
		mutex_lock_nested(&found->lock, found->depth);
		if (!found->forgotten &&
		    vmk_devmgr_step(found, VMK_CORE_DEV_FORGET, NULL, false) ==
		    VMK_OK)
			vmk_devmgr_forget_subtree(found);
		mutex_unlock(&found->lock);
		vmk_devmgr_device_put(found);
	}
}

void vmk_devmgr_queue_rescan(struct vmk_DeviceInt *dev)
{
	kref_get(&dev->ref);
	if (!queue_work(vmk_devmgr_wq, &dev->rescan))
		vmk_devmgr_device_put(dev);
}

void vmk_devmgr_rescan_work(struct work_struct *work)
{
	struct vmk_DeviceInt *dev = container_of(work, struct vmk_DeviceInt,
						 rescan);

	mutex_lock_nested(&dev->lock, dev->depth);
	/* The driver may have let go of the device meanwhile. */
	if (dev->state == STARTED && !dev->forgotten)
		vmk_devmgr_step(dev, VMK_CORE_DEV_SCAN, NULL, false);
	mutex_unlock(&dev->lock);
	vmk_devmgr_device_put(dev);
}

void vmk_core_devmgr_flush(void)
{
	vmk_core_assert_may_block();
	flush_workqueue(vmk_devmgr_wq);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_devmgr_flush, VMKAPI_INTERNAL);

/* The contract for bus providers (vmkapi_internal.h). */

VMK_ReturnStatus vmk_core_device_attach(vmk_Device device, vmk_Driver driver)
{
	struct vmk_DeviceInt *dev;
	struct vmk_DriverInt *drv;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	dev = vmk_devmgr_device_get(device);
	drv = vmk_devmgr_driver_get(driver);
	if (!dev || !drv) {
		vmk_core_bad_arg("%p is not a live %s",
				 dev ? (void *)driver : (void *)device,
				 dev ? "driver" : "device");
		status = VMK_BAD_PARAM;
	} else {
		status = vmk_devmgr_attach(dev, drv);
	}
	vmk_devmgr_driver_put(drv);
	if (dev)
		vmk_devmgr_device_put(dev);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_attach, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_device_detach(vmk_Device device)
{
	struct vmk_DeviceInt *dev;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	dev = vmk_devmgr_device_get(device);
	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	mutex_lock_nested(&dev->lock, dev->depth);
	if (dev->state == UNCLAIMED)
		/* Refused by the table, with its log line and trace. */
		status = vmk_devmgr_step(dev, VMK_CORE_DEV_DETACH, NULL,
					 false);
	else
		status = vmk_devmgr_take_back(dev, false);
	mutex_unlock(&dev->lock);
	vmk_devmgr_device_put(dev);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_detach, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_device_forget(vmk_Device device)
{
	struct vmk_DeviceInt *dev;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	dev = vmk_devmgr_device_get(device);
	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	mutex_lock_nested(&dev->lock, dev->depth);
	status = vmk_devmgr_step(dev, VMK_CORE_DEV_FORGET, NULL, false);
	if (status == VMK_OK)
		vmk_devmgr_forget_subtree(dev);
	mutex_unlock(&dev->lock);
	vmk_devmgr_device_put(dev);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_forget, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_device_remove(vmk_Device device)
{
	struct vmk_DeviceInt *dev;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	dev = vmk_devmgr_device_get(device);
	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	status = vmk_devmgr_event(dev, VMK_CORE_DEV_REMOVE, NULL);
	vmk_devmgr_device_put(dev);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_remove, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_device_event(vmk_Device device,
				       enum vmk_core_dev_event event,
				       vmk_Driver driver)
{
	struct vmk_DriverInt *drv = NULL;
	struct vmk_DeviceInt *dev;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	if ((unsigned int)event >= VMK_CORE_DEV_NR_EVENTS) {
		vmk_core_bad_arg("event %d", event);
		return VMK_BAD_PARAM;
	}
	dev = vmk_devmgr_device_get(device);
	if (!dev) {
		vmk_core_bad_arg("%p is not a live device", device);
		return VMK_BAD_PARAM;
	}
	if (event == VMK_CORE_DEV_ATTACH) {
		drv = vmk_devmgr_driver_get(driver);
		if (!drv) {
			vmk_core_bad_arg("%p is not a live driver", driver);
			vmk_devmgr_device_put(dev);
			return VMK_BAD_PARAM;
		}
	}
	status = vmk_devmgr_event(dev, event, drv);
	vmk_devmgr_driver_put(drv);
	vmk_devmgr_device_put(dev);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_device_event, VMKAPI_INTERNAL);

static int vmk_devmgr_devices_open_show(struct seq_file *m, void *unused)
{
	vmk_devmgr_devices_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmk_devmgr_devices_open);

void vmk_core_devmgr_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("devices", 0444, dir, NULL,
			    &vmk_devmgr_devices_open_fops);
}

int vmk_core_devmgr_init(void)
{
	vmk_devmgr_wq = alloc_workqueue("vmkapi_devmgr", WQ_UNBOUND, 0);
	if (!vmk_devmgr_wq)
		return -ENOMEM;
	vmk_devmgr_bus_init();
	return 0;
}

void vmk_core_devmgr_exit(void)
{
	/* Users pin vmkapi.ko, so their drivers and devices are gone. */
	WARN_ON(!list_empty(&vmk_devmgr_devices) ||
		!list_empty(&vmk_devmgr_drivers));
	destroy_workqueue(vmk_devmgr_wq);
	vmk_devmgr_bus_exit();
	rcu_barrier();
}
