// SPDX-License-Identifier: GPL-2.0
/*
 * SCSI paths: a path (adapter:channel:target:lun) is a Linux scsi_device.
 * Linux's scan creates and destroys them and the host template's hooks
 * become the driver's discover actions: target_alloc asks checkTarget,
 * slave_alloc is CREATE_PATH (the deviceData it returns is kept in
 * sdev->hostdata and handed to every later call for that LUN),
 * slave_configure is CONFIGURE_PATH plus the LUN's queue depth from
 * queryDeviceQueueDepth, slave_destroy is DESTROY_PATH.  sd claims a
 * disk as soon as it is discovered, so "scan" and "scan and claim" are
 * the same thing here.
 *
 * A path probe (vmk_ScsiNotifyPathStateChange) asks the driver to
 * configure the path again: a path it no longer configures is put
 * offline (Linux then fails its I/O at once, as a dead path's would be),
 * one it configures again is put back online.  Permanent device loss puts
 * the path offline without asking.
 */
#include "scsi_internal.h"

#include <linux/slab.h>
#include <scsi/scsi_device.h>

static struct vmk_scsi_adapter *vmk_scsi_host_adapter(struct Scsi_Host *shost)
{
	return ((struct vmk_scsi_host *)shost_priv(shost))->a;
}

int vmk_scsi_target_alloc(struct scsi_target *starget)
{
	struct Scsi_Host *shost = dev_to_shost(starget->dev.parent);
	struct vmk_scsi_adapter *a = vmk_scsi_host_adapter(shost);

	if (a->pub.checkTarget &&
	    a->pub.checkTarget(a->pub.clientData, starget->channel,
			       starget->id) != VMK_OK)
		return -ENXIO;
	return 0;
}

int vmk_scsi_slave_alloc(struct scsi_device *sdev)
{
	struct vmk_scsi_adapter *a = vmk_scsi_host_adapter(sdev->host);
	struct vmk_scsi_lun *lun;
	VMK_ReturnStatus status;

	if (sdev->lun > INT_MAX)
		return -ENXIO;
	lun = kzalloc(sizeof(*lun), GFP_KERNEL);
	if (!lun)
		return -ENOMEM;
	atomic_set(&lun->inflight, 0);
	status = a->pub.discover(a->pub.clientData, VMK_SCSI_SCAN_CREATE_PATH,
				 sdev->channel, sdev->id, (int)sdev->lun,
				 &lun->deviceData);
	if (status != VMK_OK && status != VMK_EXISTS) {
		kfree(lun);
		return status == VMK_NO_MEMORY ? -ENOMEM : -ENXIO;
	}
	sdev->hostdata = lun;
	return 0;
}

int vmk_scsi_slave_configure(struct scsi_device *sdev)
{
	struct vmk_scsi_adapter *a = vmk_scsi_host_adapter(sdev->host);
	struct vmk_scsi_lun *lun = sdev->hostdata;
	int depth;

	if (a->pub.discover(a->pub.clientData, VMK_SCSI_SCAN_CONFIGURE_PATH,
			    sdev->channel, sdev->id, (int)sdev->lun,
			    &lun->deviceData) != VMK_OK)
		return -ENXIO;
	depth = a->pub.queryDeviceQueueDepth(a->pub.clientData,
					     lun->deviceData);
	if (depth > 0)
		scsi_change_queue_depth(sdev, min(depth, sdev->host->can_queue));
	return 0;
}

void vmk_scsi_slave_destroy(struct scsi_device *sdev)
{
	struct vmk_scsi_adapter *a = vmk_scsi_host_adapter(sdev->host);
	struct vmk_scsi_lun *lun = sdev->hostdata;

	if (!lun)
		return;
	a->pub.discover(a->pub.clientData, VMK_SCSI_SCAN_DESTROY_PATH,
			sdev->channel, sdev->id, (int)sdev->lun,
			&lun->deviceData);
	sdev->hostdata = NULL;
	kfree(lun);
}

int vmk_scsi_change_queue_depth(struct scsi_device *sdev, int depth)
{
	struct vmk_scsi_adapter *a = vmk_scsi_host_adapter(sdev->host);
	struct vmk_scsi_lun *lun = sdev->hostdata;

	if (lun && a->pub.modifyDeviceQueueDepth) {
		depth = a->pub.modifyDeviceQueueDepth(a->pub.clientData, depth,
						      lun->deviceData);
		if (depth <= 0)
			return sdev->queue_depth;
	}
	return scsi_change_queue_depth(sdev, min(depth, sdev->host->can_queue));
}

/* Scan channel:target:lun (~0: every one) of a registered adapter. */
static void vmk_scsi_scan(struct vmk_scsi_adapter *a, u32 channel, u32 target,
			  u32 lun, enum scsi_scan_mode mode)
{
	struct Scsi_Host *shost = a->shost;
	u32 c, t;

	for (c = 0; c < (u32)a->pub.channels; c++) {
		if (channel != (u32)VMK_SCSI_PATH_ANY_CHANNEL && c != channel)
			continue;
		for (t = 0; t < (u32)a->pub.maxTargets; t++) {
			if (target != (u32)VMK_SCSI_PATH_ANY_TARGET &&
			    t != target)
				continue;
			if ((int)t == a->pub.targetId)
				continue;
			if (lun != (u32)VMK_SCSI_PATH_ANY_LUN &&
			    lun >= (u32)a->pub.maxLUNs)
				continue;
			scsi_scan_target(&shost->shost_gendev, c, t,
					 lun == (u32)VMK_SCSI_PATH_ANY_LUN ?
					 (u64)SCAN_WILD_CARD : (u64)lun, mode);
		}
	}
}

void vmk_scsi_scan_all(struct vmk_scsi_adapter *a)
{
	vmk_scsi_scan(a, VMK_SCSI_PATH_ANY_CHANNEL, VMK_SCSI_PATH_ANY_TARGET,
		      VMK_SCSI_PATH_ANY_LUN, SCSI_SCAN_INITIAL);
}

/*
 * Run @fn on every registered adapter named @name ("*": all), each under
 * its lock.  VMK_INVALID_NAME: none; VMK_BUSY: one was busy (being
 * scanned, registered or unregistered).
 */
static VMK_ReturnStatus
vmk_scsi_for_named(const vmk_Name *name,
		   VMK_ReturnStatus (*fn)(struct vmk_scsi_adapter *a,
					  void *arg),
		   void *arg)
{
	bool any = !strncmp(name->string, VMK_SCSI_PATH_ANY_ADAPTER,
			    VMK_MISC_NAME_MAX);
	VMK_ReturnStatus status = VMK_INVALID_NAME, st;
	struct vmk_scsi_adapter *a;
	bool found = false;

	mutex_lock(&vmk_scsi_mutex);
	list_for_each_entry(a, &vmk_scsi_adapters, link) {
		if (!any && strncmp(a->pub.name.string, name->string,
				    VMK_MISC_NAME_MAX))
			continue;
		if (!mutex_trylock(&a->lock)) {
			status = VMK_BUSY;
			continue;
		}
		if (a->state != VMK_SCSI_REGISTERED) {
			if (a->state == VMK_SCSI_CHANGING)
				status = VMK_BUSY;
			mutex_unlock(&a->lock);
			continue;
		}
		st = fn(a, arg);
		mutex_unlock(&a->lock);
		if (!found || st != VMK_OK)
			status = st;
		found = true;
	}
	mutex_unlock(&vmk_scsi_mutex);
	return status;
}

struct vmk_scsi_path_arg {
	u32 channel, target, lun;
};

static VMK_ReturnStatus vmk_scsi_scan_one(struct vmk_scsi_adapter *a,
					  void *arg)
{
	struct vmk_scsi_path_arg *p = arg;

	vmk_scsi_scan(a, p->channel, p->target, p->lun, SCSI_SCAN_MANUAL);
	return VMK_OK;
}

static VMK_ReturnStatus vmk_scsi_scan_named(const vmk_Name *adapterName,
					    u32 channel, u32 target, u32 lun,
					    unsigned long caller,
					    const char *api)
{
	struct vmk_scsi_path_arg p = { channel, target, lun };

	vmk_core_assert_may_block();
	if (!adapterName) {
		vmk_core_bad_arg_api(api, caller, "NULL adapter name");
		return VMK_BAD_PARAM;
	}
	return vmk_scsi_for_named(adapterName, vmk_scsi_scan_one, &p);
}

VMK_ReturnStatus vmk_ScsiScanPaths(const vmk_Name *adapterName,
				   vmk_uint32 channel, vmk_uint32 target,
				   vmk_uint32 lun)
{
	return vmk_scsi_scan_named(adapterName, channel, target, lun,
				   _RET_IP_, __func__);
}
VMKAPI_EXPORT(vmk_ScsiScanPaths);

VMK_ReturnStatus vmk_ScsiScanAndClaimPaths(const vmk_Name *adapterName,
					   vmk_uint32 channel,
					   vmk_uint32 target, vmk_uint32 lun)
{
	return vmk_scsi_scan_named(adapterName, channel, target, lun,
				   _RET_IP_, __func__);
}
VMKAPI_EXPORT(vmk_ScsiScanAndClaimPaths);

/* Ask the driver whether the path still is; offline or online it. */
static VMK_ReturnStatus vmk_scsi_probe(struct vmk_scsi_adapter *a,
				       struct scsi_device *sdev, bool remove)
{
	struct vmk_scsi_lun *lun = sdev->hostdata;
	VMK_ReturnStatus status = VMK_NOT_FOUND;

	if (lun)
		status = a->pub.discover(a->pub.clientData,
					 VMK_SCSI_SCAN_CONFIGURE_PATH,
					 sdev->channel, sdev->id,
					 (int)sdev->lun, &lun->deviceData);
	if (status != VMK_OK && remove) {
		scsi_remove_device(sdev);
		return VMK_OK;
	}
	mutex_lock(&sdev->state_mutex);
	if (status == VMK_OK && sdev->sdev_state == SDEV_OFFLINE)
		scsi_device_set_state(sdev, SDEV_RUNNING);
	else if (status != VMK_OK && sdev->sdev_state == SDEV_RUNNING)
		scsi_device_set_state(sdev, SDEV_OFFLINE);
	mutex_unlock(&sdev->state_mutex);
	return status;
}

static VMK_ReturnStatus vmk_scsi_delete_one(struct vmk_scsi_adapter *a,
					    void *arg)
{
	struct vmk_scsi_path_arg *p = arg;
	struct scsi_device *sdev;

	sdev = scsi_device_lookup(a->shost, p->channel, p->target, p->lun);
	if (!sdev)
		return VMK_NOT_FOUND;
	vmk_scsi_probe(a, sdev, true);
	scsi_device_put(sdev);
	return VMK_OK;
}

VMK_ReturnStatus vmk_ScsiScanDeleteAdapterPath(const vmk_Name *adapterName,
					       vmk_uint32 channel,
					       vmk_uint32 target,
					       vmk_uint32 lun)
{
	struct vmk_scsi_path_arg p = { channel, target, lun };

	vmk_core_assert_may_block();
	if (!adapterName || channel == (u32)VMK_SCSI_PATH_ANY_CHANNEL ||
	    target == (u32)VMK_SCSI_PATH_ANY_TARGET ||
	    lun == (u32)VMK_SCSI_PATH_ANY_LUN) {
		vmk_core_bad_arg("name %p %u:%u:%u (one path, no wildcards)",
				 adapterName, channel, target, lun);
		return VMK_BAD_PARAM;
	}
	if (!strncmp(adapterName->string, VMK_SCSI_PATH_ANY_ADAPTER,
		     VMK_MISC_NAME_MAX)) {
		vmk_core_bad_arg("adapter wildcard for one path");
		return VMK_BAD_PARAM;
	}
	return vmk_scsi_for_named(adapterName, vmk_scsi_delete_one, &p);
}
VMKAPI_EXPORT(vmk_ScsiScanDeleteAdapterPath);

/* Probe channel:target:lun (lun -1: all of the target); a->lock held. */
static VMK_ReturnStatus vmk_scsi_notify_one(struct vmk_scsi_adapter *a,
					    int channel, int target, int lun)
{
	struct Scsi_Host *shost = a->shost;
	struct scsi_device *sdev;
	VMK_ReturnStatus status;

	if (channel < 0 || target < 0)
		return VMK_NOT_FOUND;
	if (lun < 0) {
		shost_for_each_device(sdev, shost)
			if (sdev->channel == channel && sdev->id == target)
				vmk_scsi_probe(a, sdev, false);
		/* And any LUN that appeared. */
		vmk_scsi_scan(a, channel, target, VMK_SCSI_PATH_ANY_LUN,
			      SCSI_SCAN_MANUAL);
		return VMK_OK;
	}
	sdev = scsi_device_lookup(shost, channel, target, lun);
	if (!sdev) {
		if (lun >= a->pub.maxLUNs ||
		    scsi_add_device(shost, channel, target, lun))
			return VMK_NOT_FOUND;
		return VMK_OK;
	}
	status = vmk_scsi_probe(a, sdev, false);
	scsi_device_put(sdev);
	return status == VMK_OK ? VMK_OK : VMK_NOT_FOUND;
}

VMK_ReturnStatus vmk_ScsiNotifyPathStateChange(vmk_ScsiAdapter *vmkAdapter,
					       vmk_int32 channel,
					       vmk_int32 target,
					       vmk_int32 lun)
{
	struct vmk_scsi_adapter *a;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	a = vmk_scsi_adapter_find(vmkAdapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	mutex_lock(&a->lock);
	if (a->state != VMK_SCSI_REGISTERED) {
		mutex_unlock(&a->lock);
		vmk_core_bad_arg("%s is not registered", a->pub.name.string);
		return VMK_BAD_PARAM;
	}
	status = vmk_scsi_notify_one(a, channel, target, lun);
	mutex_unlock(&a->lock);
	return status;
}
VMKAPI_EXPORT(vmk_ScsiNotifyPathStateChange);

struct vmk_scsi_notify {
	struct list_head link;
	int channel, target, lun;
};

VMK_ReturnStatus
vmk_ScsiNotifyPathStateChangeAsync(vmk_ScsiAdapter *vmkAdapter,
				   vmk_int32 channel, vmk_int32 target,
				   vmk_int32 lun)
{
	struct vmk_scsi_adapter *a;
	struct vmk_scsi_notify *n;
	unsigned long flags;
	bool open;

	if (WARN_ON_ONCE(in_nmi()))
		return VMK_FAILURE;
	a = vmk_scsi_adapter_find(vmkAdapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	n = kmalloc(sizeof(*n), GFP_ATOMIC | __GFP_NOWARN);
	if (!n)
		return VMK_NO_MEMORY;
	n->channel = channel;
	n->target = target;
	n->lun = lun;
	spin_lock_irqsave(&a->notify_lock, flags);
	open = a->notify_open;
	if (open)
		list_add_tail(&n->link, &a->notify_list);
	spin_unlock_irqrestore(&a->notify_lock, flags);
	if (!open) {
		kfree(n);
		vmk_core_bad_arg("%s is not registered", a->pub.name.string);
		return VMK_BAD_PARAM;
	}
	schedule_work(&a->notify_work);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiNotifyPathStateChangeAsync);

static struct vmk_scsi_notify *vmk_scsi_notify_pop(struct vmk_scsi_adapter *a)
{
	struct vmk_scsi_notify *n;

	spin_lock_irq(&a->notify_lock);
	n = list_first_entry_or_null(&a->notify_list, struct vmk_scsi_notify,
				     link);
	if (n)
		list_del(&n->link);
	spin_unlock_irq(&a->notify_lock);
	return n;
}

void vmk_scsi_notify_work(struct work_struct *work)
{
	struct vmk_scsi_adapter *a =
		container_of(work, struct vmk_scsi_adapter, notify_work);
	struct vmk_scsi_notify *n;

	while ((n = vmk_scsi_notify_pop(a))) {
		mutex_lock(&a->lock);
		if (a->state == VMK_SCSI_REGISTERED)
			vmk_scsi_notify_one(a, n->channel, n->target, n->lun);
		mutex_unlock(&a->lock);
		kfree(n);
	}
}

/* Drop the probes still queued (the adapter is going). */
void vmk_scsi_notify_drain(struct vmk_scsi_adapter *a)
{
	struct vmk_scsi_notify *n;

	while ((n = vmk_scsi_notify_pop(a)))
		kfree(n);
}

struct vmk_scsi_lost_arg {
	int channel, target, lun;
	bool found;
};

static VMK_ReturnStatus vmk_scsi_lost_one(struct vmk_scsi_adapter *a,
					  void *arg)
{
	struct vmk_scsi_lost_arg *p = arg;
	struct scsi_device *sdev;

	shost_for_each_device(sdev, a->shost) {
		if (sdev->channel != p->channel || sdev->id != p->target ||
		    (p->lun >= 0 && sdev->lun != p->lun))
			continue;
		p->found = true;
		mutex_lock(&sdev->state_mutex);
		scsi_device_set_state(sdev, SDEV_OFFLINE);
		mutex_unlock(&sdev->state_mutex);
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_ScsiSetPathLostByDevice(const vmk_Name *adapterName,
					     vmk_int32 channel,
					     vmk_int32 target, vmk_int32 lun)
{
	struct vmk_scsi_lost_arg p = { channel, target, lun, false };
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	if (!adapterName) {
		vmk_core_bad_arg("NULL adapter name");
		return VMK_BAD_PARAM;
	}
	status = vmk_scsi_for_named(adapterName, vmk_scsi_lost_one, &p);
	if (status == VMK_INVALID_NAME)
		return VMK_NOT_FOUND;
	if (status == VMK_OK && !p.found && lun >= 0)
		return VMK_NOT_FOUND;
	return status;
}
VMKAPI_EXPORT(vmk_ScsiSetPathLostByDevice);

VMK_ReturnStatus vmk_ScsiModifyQueueDepth(vmk_ScsiAdapter *vmkAdapter,
					  vmk_int32 channel, vmk_int32 target,
					  vmk_int32 lun, vmk_uint32 qdepth)
{
	struct vmk_scsi_adapter *a;
	struct scsi_device *sdev;
	struct Scsi_Host *shost;
	unsigned long flags;

	vmk_core_assert_may_deschedule();
	a = vmk_scsi_adapter_find(vmkAdapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	shost = READ_ONCE(a->shost);
	if (!qdepth || !shost || READ_ONCE(a->state) != VMK_SCSI_REGISTERED) {
		vmk_core_bad_arg("%s: queue depth %u (registered adapter, depth > 0)",
				 a->pub.name.string, qdepth);
		return VMK_BAD_PARAM;
	}
	if (channel < 0 || target < 0 || lun < 0)
		return VMK_NOT_FOUND;
	spin_lock_irqsave(shost->host_lock, flags);
	sdev = __scsi_device_lookup(shost, channel, target, lun);
	if (sdev)
		scsi_change_queue_depth(sdev, min_t(u32, qdepth,
						    shost->can_queue));
	spin_unlock_irqrestore(shost->host_lock, flags);
	return sdev ? VMK_OK : VMK_NOT_FOUND;
}
VMKAPI_EXPORT(vmk_ScsiModifyQueueDepth);

vmk_Bool vmk_ScsiRemovePath(vmk_ScsiAdapter *adapter, vmk_uint32 channel,
			    vmk_uint32 targetId, vmk_uint32 lunId)
{
	struct vmk_scsi_adapter *a;
	struct scsi_device *sdev = NULL;

	vmk_core_assert_may_block();
	a = vmk_scsi_adapter_find(adapter, __func__, _RET_IP_);
	if (!a)
		return VMK_FALSE;
	mutex_lock(&a->lock);
	if (a->state == VMK_SCSI_REGISTERED)
		sdev = scsi_device_lookup(a->shost, channel, targetId, lunId);
	if (sdev) {
		scsi_remove_device(sdev);
		scsi_device_put(sdev);
	}
	mutex_unlock(&a->lock);
	return sdev ? VMK_TRUE : VMK_FALSE;
}
VMKAPI_EXPORT(vmk_ScsiRemovePath);
