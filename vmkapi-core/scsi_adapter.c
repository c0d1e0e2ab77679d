// SPDX-License-Identifier: GPL-2.0
/*
 * SCSI adapters: allocation, registration as a Linux SCSI host, and the
 * SCSI layer's own driver, which claims every logical child registered
 * with the identifier "com.vmware.HBAPort" (its registration data is the
 * adapter) and registers the adapter when it starts the child.
 *
 * Who registers.  The reference infers that a native driver never calls
 * vmk_ScsiRegisterAdapter itself (the 2.3 header marks it "used
 * internally by PSA") and that PSA does it on claiming the HBAPort
 * device.  Both are supported: start registers an adapter that is still
 * only allocated and remembers it did, so quiesce unregisters it again;
 * an adapter its driver registered itself is left to the driver, and the
 * child then only reports I/O allowed or not (notifyIOAllowed).
 *
 * The Linux host.  Every adapter gets its own scsi_host_template (the
 * sizes differ per adapter: command private area, SG table), kept in the
 * host's private data so it lives exactly as long as the host.  Its
 * module is the driver's (the Linux module behind its moduleID), so
 * an open disk pins the driver and rmmod is refused while it is mounted.
 * The host's parent and DMA device is the Linux device of the adapter's
 * DMA engine; the engine's constraints become the host's limits (SG
 * entries, segment size and boundary, transfer size) so that the block
 * layer builds requests the engine can map.
 *
 * Lifetime.  Adapters are on one list, so a public call can tell a live
 * adapter from a stale or foreign pointer.  While registered an adapter
 * is a resource of its module: a module that unloads with one registered
 * has it unregistered and freed (with a log line) before its code goes.
 *
 * This is its own module (vmkapi_scsi.ko) because distribution kernels
 * build the SCSI core as a module: vmkapi.ko must load without it.
 */
#include "scsi_internal.h"

#include <linux/blk-mq.h>

#include <linux/idr.h>
#include <linux/slab.h>
#include <scsi/scsi_device.h>

LIST_HEAD(vmk_scsi_adapters);
DEFINE_SPINLOCK(vmk_scsi_adapters_lock);
/* Held around name lookups by the path calls and (un)registration. */
DEFINE_MUTEX(vmk_scsi_mutex);
static DEFINE_IDA(vmk_scsi_host_nums);
static unsigned int vmk_scsi_nr_adapters;

static vmk_HeapID vmk_scsi_heap = VMK_INVALID_HEAP_ID;
static vmk_Driver vmk_scsi_driver;

unsigned int vmk_core_scsi_adapter_count(void)
{
	return READ_ONCE(vmk_scsi_nr_adapters);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_scsi_adapter_count, VMKAPI_INTERNAL);

struct vmk_scsi_adapter *vmk_scsi_adapter_find(const vmk_ScsiAdapter *p,
					       const char *api,
					       unsigned long caller)
{
	struct vmk_scsi_adapter *a, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&vmk_scsi_adapters_lock, flags);
	list_for_each_entry(a, &vmk_scsi_adapters, link)
		if (&a->pub == p) {
			found = a;
			break;
		}
	spin_unlock_irqrestore(&vmk_scsi_adapters_lock, flags);
	if (!found)
		vmk_core_bad_arg_api(api, caller, "%p is not a SCSI adapter",
				     p);
	return found;
}

struct vmk_scsi_adapter *vmk_scsi_adapter_by_name(const char *name)
{
	struct vmk_scsi_adapter *a;

	lockdep_assert_held(&vmk_scsi_mutex);
	list_for_each_entry(a, &vmk_scsi_adapters, link)
		if (!strncmp(a->pub.name.string, name, VMK_MISC_NAME_MAX))
			return a;
	return NULL;
}

vmk_ScsiAdapter *vmk_ScsiAllocateAdapter(void)
{
	struct vmk_scsi_adapter *a;
	int num;

	vmk_core_assert_may_block();
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return NULL;
	num = ida_alloc_max(&vmk_scsi_host_nums, U16_MAX, GFP_KERNEL);
	if (num < 0) {
		kfree(a);
		return NULL;
	}
	a->magic = VMK_SCSI_ADAPTER_MAGIC;
	a->pub.hostNum = num;
	a->pub.targetId = -1;
	vmk_NameFormat(&a->pub.name, "vmhba%d", num);
	mutex_init(&a->lock);
	a->state = VMK_SCSI_ALLOCATED;
	atomic_set(&a->inflight, 0);
	init_waitqueue_head(&a->idle);
	spin_lock_init(&a->notify_lock);
	INIT_LIST_HEAD(&a->notify_list);
	INIT_WORK(&a->notify_work, vmk_scsi_notify_work);

	mutex_lock(&vmk_scsi_mutex);
	spin_lock_irq(&vmk_scsi_adapters_lock);
	list_add_tail(&a->link, &vmk_scsi_adapters);
	vmk_scsi_nr_adapters++;
	spin_unlock_irq(&vmk_scsi_adapters_lock);
	mutex_unlock(&vmk_scsi_mutex);
	return &a->pub;
}
VMKAPI_EXPORT(vmk_ScsiAllocateAdapter);

static void vmk_scsi_res_describe(struct vmk_core_resource *res, char *buf,
				  size_t len)
{
	struct vmk_scsi_adapter *a =
		container_of(res, struct vmk_scsi_adapter, res);

	snprintf(buf, len, "SCSI adapter %s (registered)", a->pub.name.string);
}

static void vmk_scsi_unregister(struct vmk_scsi_adapter *a);
static void vmk_scsi_free(struct vmk_scsi_adapter *a);

/*
 * The module unloads with the adapter registered: its callbacks are about
 * to vanish, so take the host down (the driver's code still runs: the
 * module's exit is what unloads it) and free the adapter it leaked.
 */
static void vmk_scsi_res_reclaim(struct vmk_core_resource *res)
{
	struct vmk_scsi_adapter *a =
		container_of(res, struct vmk_scsi_adapter, res);

	pr_warn("scsi: %s left registered by its module: unregistering and freeing it\n",
		a->pub.name.string);
	mutex_lock(&a->lock);
	if (a->state == VMK_SCSI_REGISTERED) {
		a->state = VMK_SCSI_CHANGING;
		mutex_unlock(&a->lock);
		vmk_scsi_unregister(a);
		mutex_lock(&a->lock);
		a->state = VMK_SCSI_ALLOCATED;
	}
	mutex_unlock(&a->lock);
	vmk_scsi_free(a);
}

static const struct vmk_core_resource_type vmk_scsi_res_type = {
	.kind = "SCSI adapter",
	.describe = vmk_scsi_res_describe,
	.reclaim = vmk_scsi_res_reclaim,
};

#define vmk_scsi_reg_bad(caller, fmt, ...)				\
	vmk_core_bad_arg_api("vmk_ScsiRegisterAdapter", caller, fmt,	\
			     ##__VA_ARGS__)

static bool vmk_scsi_fields_ok(const vmk_ScsiAdapter *p, unsigned long caller)
{
	if (!p->command || !p->taskMgmt || !p->discover ||
	    !p->queryDeviceQueueDepth) {
		vmk_scsi_reg_bad(caller, "%s: command, taskMgmt, discover and queryDeviceQueueDepth are required",
				 p->name.string);
		return false;
	}
	if (!p->qDepthPtr || !*p->qDepthPtr) {
		vmk_scsi_reg_bad(caller, "%s: no queue depth (qDepthPtr)",
				 p->name.string);
		return false;
	}
	if (p->channels <= 0 || p->maxTargets <= 0 || p->maxLUNs <= 0) {
		vmk_scsi_reg_bad(caller, "%s: channels %d maxTargets %d maxLUNs %d (each must be > 0)",
				 p->name.string, p->channels, p->maxTargets,
				 p->maxLUNs);
		return false;
	}
	if (p->maxCmdLen > VMK_SCSI_MAX_CDB_LEN) {
		vmk_scsi_reg_bad(caller, "%s: maxCmdLen %u > %u", p->name.string,
				 p->maxCmdLen, VMK_SCSI_MAX_CDB_LEN);
		return false;
	}
	if (!p->device || !p->engine) {
		vmk_scsi_reg_bad(caller, "%s: device %p engine %p (both required)",
				 p->name.string, p->device, p->engine);
		return false;
	}
	return true;
}

/* The host's limits from the adapter and its engine's constraints. */
static void vmk_scsi_limits(struct vmk_scsi_adapter *a,
			    struct Scsi_Host *shost)
{
	const vmk_ScsiAdapter *p = &a->pub;
	const vmk_DMAConstraints *con = &a->con;
	u64 sectors = 0;

	if (p->hostMaxSectors > 0 &&
	    p->hostMaxSectors != VMK_SCSI_HOST_MAX_SECTORS_IGNORE)
		sectors = p->hostMaxSectors;
	if (con->maxTransfer) {
		u64 t = con->maxTransfer >> SECTOR_SHIFT;

		sectors = sectors ? min(sectors, t) : t;
	}
	if (sectors)
		shost->max_sectors = max_t(u64, min_t(u64, sectors, UINT_MAX),
					   PAGE_SIZE >> SECTOR_SHIFT);
	if (con->sgElemMaxSize)
		shost->max_segment_size =
			max_t(u64, min_t(u64, con->sgElemMaxSize, UINT_MAX),
			      PAGE_SIZE);
	if (con->sgElemStraddle)
		shost->dma_boundary = con->sgElemStraddle - 1;
	shost->max_channel = p->channels - 1;
	shost->max_id = p->maxTargets;
	shost->max_lun = p->maxLUNs;
	shost->max_cmd_len = p->maxCmdLen ? p->maxCmdLen : VMK_SCSI_MAX_CDB_LEN;
	shost->unique_id = p->hostNum;
	shost->this_id = p->targetId;
}

/*
 * Make the Linux host and scan it.  Called with the adapter CHANGING
 * (no lock held: the scan calls the driver's discover, which may block
 * for long).
 */
static VMK_ReturnStatus vmk_scsi_register(struct vmk_scsi_adapter *a,
					  bool scan, unsigned long caller)
{
	vmk_ScsiAdapter *p = &a->pub;
	struct scsi_host_template tmpl = vmk_scsi_template;
	struct vmk_scsi_host *h;
	struct Scsi_Host *shost;
	struct device *ldev;
	VMK_ReturnStatus status;
	struct module *owner;
	unsigned int sg;
	int ret;

	if (!vmk_scsi_fields_ok(p, caller))
		return VMK_BAD_PARAM;
	status = vmk_core_dma_engine_info(p->engine, &a->con, &ldev,
					  "vmk_ScsiRegisterAdapter");
	if (status != VMK_OK)
		return status;
	status = vmk_core_resource_add(&a->res, &vmk_scsi_res_type,
				       p->moduleID);
	if (status != VMK_OK) {
		vmk_scsi_reg_bad(caller, "%s: module %d is not registered",
				 p->name.string, p->moduleID);
		put_device(ldev);
		return VMK_BAD_PARAM;
	}

	owner = vmk_core_module_owner(p->moduleID);
	tmpl.module = owner ? owner : THIS_MODULE;
	sg = a->con.sgMaxEntries ? min_t(u32, a->con.sgMaxEntries,
					 VMK_SCSI_SG_MAX) : VMK_SCSI_SG_MAX;
	tmpl.sg_tablesize = sg;
	tmpl.cmd_size = vmk_scsi_cmd_size(sg);
	tmpl.can_queue = min_t(u32, *p->qDepthPtr, VMK_SCSI_QDEPTH_MAX);
	tmpl.cmd_per_lun = tmpl.can_queue;
	tmpl.this_id = p->targetId;

	shost = scsi_host_alloc(&tmpl, sizeof(*h));
	if (!shost) {
		status = VMK_NO_MEMORY;
		goto res;
	}
	/* From here on the host uses the copy that lives with it. */
	h = shost_priv(shost);
	h->tmpl = tmpl;
	h->a = a;
	shost->hostt = &h->tmpl;
	a->shost = shost;
	a->ldev = ldev;
	vmk_scsi_limits(a, shost);
	/* One hardware context per completion queue, mapped by blk-mq. */
	shost->nr_hw_queues = max_t(u32, a->nr_queues, 1);
	atomic64_set(&a->serial, 0);
	spin_lock_irq(&a->notify_lock);
	a->notify_open = true;
	spin_unlock_irq(&a->notify_lock);

	ret = scsi_add_host_with_dma(shost, ldev, ldev);
	if (ret) {
		pr_warn("scsi: %s: scsi_add_host failed: %d\n", p->name.string,
			ret);
		spin_lock_irq(&a->notify_lock);
		a->notify_open = false;
		spin_unlock_irq(&a->notify_lock);
		scsi_host_put(shost);
		a->shost = NULL;
		status = VMK_FAILURE;
		goto res;
	}
	pr_info("scsi: %s (%s) is SCSI host %u\n", p->name.string,
		p->driverName.string[0] ? p->driverName.string : "?",
		shost->host_no);
	if (scan && !(p->flags & VMK_SCSI_ADAPTER_FLAG_REGISTER_WITHOUT_SCAN))
		vmk_scsi_scan_all(a);
	return VMK_OK;

res:
	vmk_core_resource_del(&a->res);
	put_device(ldev);
	a->ldev = NULL;
	return status;
}

/* Take the host down; the adapter is CHANGING, no lock held. */
static void vmk_scsi_unregister(struct vmk_scsi_adapter *a)
{
	struct Scsi_Host *shost = a->shost;

	spin_lock_irq(&a->notify_lock);
	a->notify_open = false;
	spin_unlock_irq(&a->notify_lock);
	cancel_work_sync(&a->notify_work);
	vmk_scsi_notify_drain(a);
	/* Removes every path; the block layer drains their commands. */
	scsi_remove_host(shost);
	wait_event(a->idle, !atomic_read(&a->inflight));
	scsi_host_put(shost);
	a->shost = NULL;
	put_device(a->ldev);
	a->ldev = NULL;
	a->psa_registered = false;
	/* The completion queues end with the registration. */
	a->nr_queues = 0;
	vmk_core_resource_del(&a->res);
}

VMK_ReturnStatus vmk_ScsiRegisterAdapter(vmk_ScsiAdapter *adapter)
{
	struct vmk_scsi_adapter *a;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	a = vmk_scsi_adapter_find(adapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	mutex_lock(&a->lock);
	if (a->state != VMK_SCSI_ALLOCATED) {
		mutex_unlock(&a->lock);
		vmk_core_bad_arg("%s is registered already", a->pub.name.string);
		return VMK_EXISTS;
	}
	a->state = VMK_SCSI_CHANGING;
	mutex_unlock(&a->lock);
	status = vmk_scsi_register(a, true, _RET_IP_);
	mutex_lock(&a->lock);
	a->state = status == VMK_OK ? VMK_SCSI_REGISTERED : VMK_SCSI_ALLOCATED;
	mutex_unlock(&a->lock);
	return status;
}
VMKAPI_EXPORT(vmk_ScsiRegisterAdapter);

VMK_ReturnStatus vmk_ScsiUnregisterAdapter(vmk_ScsiAdapter *adapter)
{
	struct vmk_scsi_adapter *a;

	vmk_core_assert_may_block();
	a = vmk_scsi_adapter_find(adapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	mutex_lock(&a->lock);
	if (a->state != VMK_SCSI_REGISTERED) {
		mutex_unlock(&a->lock);
		vmk_core_bad_arg("%s is not registered", a->pub.name.string);
		return VMK_FAILURE;
	}
	a->state = VMK_SCSI_CHANGING;
	mutex_unlock(&a->lock);
	vmk_scsi_unregister(a);
	mutex_lock(&a->lock);
	a->state = VMK_SCSI_ALLOCATED;
	mutex_unlock(&a->lock);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiUnregisterAdapter);

static void vmk_scsi_free(struct vmk_scsi_adapter *a)
{
	mutex_lock(&vmk_scsi_mutex);
	spin_lock_irq(&vmk_scsi_adapters_lock);
	list_del(&a->link);
	vmk_scsi_nr_adapters--;
	spin_unlock_irq(&vmk_scsi_adapters_lock);
	mutex_unlock(&vmk_scsi_mutex);
	ida_free(&vmk_scsi_host_nums, a->pub.hostNum);
	a->magic = 0;
	kfree(a);
}

void vmk_ScsiFreeAdapter(vmk_ScsiAdapter *adapter)
{
	struct vmk_scsi_adapter *a;
	bool registered;

	vmk_core_assert_may_block();
	a = vmk_scsi_adapter_find(adapter, __func__, _RET_IP_);
	if (!a)
		return;
	mutex_lock(&a->lock);
	registered = a->state != VMK_SCSI_ALLOCATED;
	mutex_unlock(&a->lock);
	if (registered) {
		vmk_core_bad_arg("%s is registered: unregister it first",
				 a->pub.name.string);
		return;
	}
	vmk_scsi_free(a);
}
VMKAPI_EXPORT(vmk_ScsiFreeAdapter);

VMK_ReturnStatus
vmk_ScsiAdapterSetCapabilities(vmk_ScsiAdapter *adapter,
			       vmk_ScsiAdapterCapabilities capabilities)
{
	struct vmk_scsi_adapter *a;

	vmk_core_assert_may_deschedule();
	a = vmk_scsi_adapter_find(adapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	if ((u32)capabilities & ~(u32)VMK_SCSI_ADAPTER_CAP_ALL_VALID) {
		vmk_core_bad_arg("unknown capabilities %#x", capabilities);
		return VMK_BAD_PARAM;
	}
	if (READ_ONCE(a->state) != VMK_SCSI_ALLOCATED) {
		vmk_core_bad_arg("%s is registered: capabilities are set before",
				 a->pub.name.string);
		return VMK_BAD_PARAM;
	}
	/* Neither protection information nor two-level LUNs exist here. */
	if (capabilities & (VMK_SCSI_ADAPTER_CAP_DATA_INTEGRITY |
			    VMK_SCSI_ADAPTER_CAP_SECONDLEVEL_ADDRESSING))
		return VMK_NOT_SUPPORTED;
	WRITE_ONCE(a->caps, a->caps | capabilities);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiAdapterSetCapabilities);

VMK_ReturnStatus
vmk_ScsiAdapterGetCapabilities(const vmk_ScsiAdapter *vmkAdapter,
			       vmk_ScsiAdapterCapabilitiesMask *mask)
{
	struct vmk_scsi_adapter *a;

	vmk_core_assert_may_deschedule();
	if (!mask) {
		vmk_core_bad_arg("NULL mask");
		return VMK_BAD_PARAM;
	}
	a = vmk_scsi_adapter_find(vmkAdapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	*mask = READ_ONCE(a->caps);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiAdapterGetCapabilities);

VMK_ReturnStatus
vmk_ScsiAdapterHasCapabilities(const vmk_ScsiAdapter *vmkAdapter,
			       vmk_ScsiAdapterCapabilitiesMask mask,
			       vmk_Bool *hasCapabilities)
{
	struct vmk_scsi_adapter *a;

	vmk_core_assert_may_deschedule();
	if (!hasCapabilities) {
		vmk_core_bad_arg("NULL hasCapabilities");
		return VMK_BAD_PARAM;
	}
	a = vmk_scsi_adapter_find(vmkAdapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	*hasCapabilities = (READ_ONCE(a->caps) & mask) == mask;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_ScsiAdapterHasCapabilities);

/* ---- completion queues: blk-mq hardware contexts ---------------------- */

vmk_uint32 vmk_ScsiGetMaxNumCompletionQueues(void)
{
	/* blk-mq never uses more contexts than CPU IDs. */
	return clamp_t(u32, num_online_cpus(), 1, nr_cpu_ids);
}
VMKAPI_EXPORT(vmk_ScsiGetMaxNumCompletionQueues);

/* Raise a registered host's hardware contexts to @n.  Under a->lock. */
static VMK_ReturnStatus vmk_scsi_grow_queues(struct vmk_scsi_adapter *a,
					     u32 n)
{
	struct Scsi_Host *shost = a->shost;

	if (n <= shost->tag_set.nr_hw_queues)
		return VMK_OK;
	/* Freezes the host's request queues while the map is redone. */
	blk_mq_update_nr_hw_queues(&shost->tag_set, n);
	if (shost->tag_set.nr_hw_queues != n)
		return VMK_NO_MEMORY;
	shost->nr_hw_queues = n;
	a->nr_queues = n;
	return VMK_OK;
}

VMK_ReturnStatus vmk_ScsiStartCompletionQueues(vmk_ScsiAdapter *vmkAdapter,
					       vmk_uint32 numQueues)
{
	u32 max = vmk_ScsiGetMaxNumCompletionQueues();
	struct vmk_scsi_adapter *a;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	a = vmk_scsi_adapter_find(vmkAdapter, __func__, _RET_IP_);
	if (!a)
		return VMK_BAD_PARAM;
	if (!numQueues || numQueues > max) {
		vmk_core_bad_arg("%s: %u completion queues (1 to %u)",
				 a->pub.name.string, numQueues, max);
		return VMK_BAD_PARAM;
	}
	mutex_lock(&a->lock);
	switch (a->state) {
	case VMK_SCSI_ALLOCATED:
		a->nr_queues = max_t(u32, a->nr_queues, numQueues);
		status = VMK_OK;
		break;
	case VMK_SCSI_REGISTERED:
		status = vmk_scsi_grow_queues(a, numQueues);
		break;
	default:
		status = VMK_BUSY;
		break;
	}
	mutex_unlock(&a->lock);
	return status;
}
VMKAPI_EXPORT(vmk_ScsiStartCompletionQueues);

/* ---- the SCSI layer's driver of HBAPort devices ------------------------ */

static struct vmk_scsi_adapter *vmk_scsi_attached(vmk_Device device)
{
	vmk_AddrCookie data = { .ptr = NULL };

	if (vmk_DeviceGetAttachedDriverData(device, &data) != VMK_OK)
		return NULL;
	return data.ptr;
}

static bool vmk_scsi_is_hbaport(vmk_Device device)
{
	static const char ident[] = VMK_SCSI_PSA_DRIVER_BUS_ID;
	vmk_DeviceID *id;
	bool ours;

	if (vmk_DeviceGetDeviceID(vmk_scsi_heap, device, &id) != VMK_OK)
		return false;
	ours = id->busIdentifier && id->busIdentifierLen == sizeof(ident) - 1 &&
	       !memcmp(id->busIdentifier, ident, sizeof(ident) - 1);
	vmk_DevicePutDeviceID(vmk_scsi_heap, id);
	return ours;
}

static VMK_ReturnStatus vmk_scsi_attach(vmk_Device device)
{
	vmk_AddrCookie data = { .ptr = NULL };
	struct vmk_scsi_adapter *a;
	VMK_ReturnStatus status;

	if (!vmk_scsi_is_hbaport(device))
		return VMK_NOT_SUPPORTED;
	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		return status;
	a = vmk_scsi_adapter_find(data.ptr, "HBAPort attach", _RET_IP_);
	if (!a) {
		pr_warn("scsi: device %p: registration data %p is not an adapter from vmk_ScsiAllocateAdapter\n",
			device, data.ptr);
		return VMK_BAD_PARAM;
	}
	return vmk_DeviceSetAttachedDriverData(device, a);
}

static void vmk_scsi_io_allowed(struct vmk_scsi_adapter *a, vmk_Device device,
				bool allowed)
{
	if (a->pub.notifyIOAllowed)
		a->pub.notifyIOAllowed(device, allowed ? VMK_TRUE : VMK_FALSE);
}

/*
 * Register (if the driver did not), tell the driver I/O is allowed, and
 * only then scan: the scan's INQUIRYs are the first I/O.
 */
static VMK_ReturnStatus vmk_scsi_start(vmk_Device device)
{
	struct vmk_scsi_adapter *a = vmk_scsi_attached(device);
	VMK_ReturnStatus status = VMK_OK;
	bool scan = false;

	if (!a)
		return VMK_BAD_PARAM;
	mutex_lock(&a->lock);
	if (a->state == VMK_SCSI_ALLOCATED) {
		a->state = VMK_SCSI_CHANGING;
		mutex_unlock(&a->lock);
		status = vmk_scsi_register(a, false, _RET_IP_);
		mutex_lock(&a->lock);
		if (status == VMK_OK) {
			a->state = VMK_SCSI_REGISTERED;
			a->psa_registered = true;
			scan = !(a->pub.flags &
				 VMK_SCSI_ADAPTER_FLAG_REGISTER_WITHOUT_SCAN);
		} else {
			a->state = VMK_SCSI_ALLOCATED;
		}
	}
	mutex_unlock(&a->lock);
	if (status != VMK_OK)
		return status;
	vmk_scsi_io_allowed(a, device, true);
	if (scan) {
		mutex_lock(&a->lock);
		if (a->state == VMK_SCSI_REGISTERED)
			vmk_scsi_scan_all(a);
		mutex_unlock(&a->lock);
	}
	return VMK_OK;
}

static VMK_ReturnStatus vmk_scsi_scan(vmk_Device device)
{
	return VMK_OK;
}

static VMK_ReturnStatus vmk_scsi_quiesce(vmk_Device device)
{
	struct vmk_scsi_adapter *a = vmk_scsi_attached(device);
	bool ours;

	if (!a)
		return VMK_BAD_PARAM;
	mutex_lock(&a->lock);
	ours = a->psa_registered && a->state == VMK_SCSI_REGISTERED;
	if (ours)
		a->state = VMK_SCSI_CHANGING;
	mutex_unlock(&a->lock);
	if (ours) {
		vmk_scsi_unregister(a);
		mutex_lock(&a->lock);
		a->state = VMK_SCSI_ALLOCATED;
		mutex_unlock(&a->lock);
	}
	vmk_scsi_io_allowed(a, device, false);
	return VMK_OK;
}

static VMK_ReturnStatus vmk_scsi_detach(vmk_Device device)
{
	vmk_DeviceSetAttachedDriverData(device, (void *)NULL);
	return VMK_OK;
}

/* Surprise removal is the driver's business: its commands still complete. */
static void vmk_scsi_forget(vmk_Device device)
{
}

static vmk_DriverOps vmk_scsi_driver_ops = {
	.attachDevice = vmk_scsi_attach,
	.scanDevice = vmk_scsi_scan,
	.detachDevice = vmk_scsi_detach,
	.quiesceDevice = vmk_scsi_quiesce,
	.startDevice = vmk_scsi_start,
	.forgetDevice = vmk_scsi_forget,
};

static int __init vmk_scsi_init(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = VMK_VMKERNEL_MODULE_ID,
		.max = 64 * 1024,
	};
	vmk_DriverProps props = {
		.moduleID = VMK_VMKERNEL_MODULE_ID,
		.ops = &vmk_scsi_driver_ops,
	};
	VMK_ReturnStatus status;
	int ret;

	ret = vmk_scsi_cmd_init();
	if (ret)
		return ret;
	vmk_NameInitialize(&heap_props.name, "vmkapi-scsi");
	status = vmk_HeapCreate(&heap_props, &vmk_scsi_heap);
	if (status != VMK_OK)
		goto err_cmd;
	vmk_NameInitialize(&props.name, "vmkapi-scsi");
	status = vmk_DriverRegister(&props, &vmk_scsi_driver);
	if (status != VMK_OK)
		goto err_heap;
	status = vmk_core_driver_bind_identifier(vmk_scsi_driver,
						 VMK_SCSI_PSA_DRIVER_BUS_ID);
	if (status != VMK_OK)
		goto err_driver;
	return 0;

err_driver:
	vmk_DriverUnregister(vmk_scsi_driver);
err_heap:
	vmk_HeapDestroy(vmk_scsi_heap);
err_cmd:
	vmk_scsi_cmd_exit();
	return -vmk_StatusToErrno(status) ?: -EIO;
}

static void __exit vmk_scsi_exit(void)
{
	vmk_DriverUnregister(vmk_scsi_driver);
	vmk_HeapDestroy(vmk_scsi_heap);
	vmk_scsi_cmd_exit();
	/*
	 * Adapters allocated and never freed (their drivers, which link
	 * against this module, are gone): registered ones were reclaimed
	 * with their module, so these are only allocated.
	 */
	while (!list_empty(&vmk_scsi_adapters)) {
		struct vmk_scsi_adapter *a = list_first_entry(&vmk_scsi_adapters,
							      struct vmk_scsi_adapter,
							      link);

		pr_warn("scsi: %s was never freed: freeing it\n",
			a->pub.name.string);
		vmk_scsi_free(a);
	}
}

module_init(vmk_scsi_init);
module_exit(vmk_scsi_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("VMK API SCSI adapter layer (vmk_ScsiAdapter over the Linux SCSI midlayer)");
MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
