// SPDX-License-Identifier: GPL-2.0
/*
 * PCI devices (reference section 14): the vmk_PCIDevice handle, config
 * space, BAR mappings, interrupt cookies, PME, the device iterator and
 * the incompat lookups.
 *
 * A struct vmkPCIDevice wraps one struct pci_dev, holding a reference on
 * it.  It is made on first use (a probe of the bus adapter, the
 * iterator, vmk_PCIGetPCIDevice) and lives until Linux deletes the
 * pci_dev (a bus notifier), so a handle a driver got stays valid while
 * the device exists.  Public calls find the object through the handle
 * table under RCU and take a reference; the last reference frees it
 * after a grace period, from a work item (pci_dev_put may not be called
 * from every context a config read may come from).
 *
 * Ownership: the bus adapter (pci_bus.c) brackets the time a native
 * driver's module owns a device with attach_begin/attach_end.  Calls
 * that change the device (config writes, BARs, interrupts, PME) must
 * come from that module; reads are open to all, as on ESXi.  What the
 * owner still holds when it is detached is released by
 * vmk_core_pci_reclaim, one log line per kind, so nothing leaks into the
 * next driver's tenure.
 *
 * Locking: dev->lock (a mutex) serialises the BAR table, interrupt
 * allocation and ownership changes; config accesses take no lock of
 * ours (Linux's pci_lock orders them).  An interrupt set is freed by
 * whoever drops its last reference: the release callback of its last
 * cookie (intr.c, possibly from a module-unload reclaim that knows
 * nothing of dev->lock) or the free path; it is published in dev->intr
 * and read under RCU.
 */
#include "vmkapi_core.h"

#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#define VMK_PCI_NAME_LEN	VMK_PCI_DEVICE_NAME_LENGTH

struct vmk_pci_intr;

struct vmk_pci_bar {
	bool mapped;
	bool io;
	void __iomem *va;
	struct vmkIOReservation *resv;
};

struct vmkPCIDevice {
	struct vmk_core_handle handle;
	struct list_head link;		/* vmk_pci_devs, RCU */
	struct kref ref;
	struct rcu_work free_work;
	struct pci_dev *pdev;
	bool dead;			/* off the list: Linux deleted it */

	struct mutex lock;
	/* The attached native driver's module (VMK_INVALID_MODULE_ID). */
	vmk_ModuleID owner;
	vmk_Device device;		/* its device-layer object */
	char driver_name[VMK_MISC_NAME_MAX];
	struct vmk_pci_bar bars[PCI_STD_NUM_BARS];
	struct vmk_pci_intr __rcu *intr;
	bool pme;
	/* Bus mastering was on when the driver got the device (firmware). */
	bool master_before_attach;

	spinlock_t name_lock;
	char name[VMK_PCI_NAME_LEN];	/* vmk_PCISetDeviceName; "" if none */
};

/* One cookie of an allocation; priv of its release callback. */
struct vmk_pci_vec {
	struct vmk_pci_intr *set;
	vmk_IntrCookie cookie;
	bool live;
};

/*
 * The interrupts of one vmk_PCIAllocIntrCookie.  refs: one per live
 * cookie, plus one for whoever is working on the set; the last drop
 * frees the Linux vectors and unpublishes the set.
 */
struct vmk_pci_intr {
	struct vmkPCIDevice *dev;	/* referenced */
	vmk_ModuleID module;
	vmk_PCIInterruptType type;
	atomic_t refs;
	struct rcu_head rcu;
	unsigned int n;
	struct vmk_pci_vec vec[];
};

struct vmkPCIDevIterator {
	vmk_HeapID heap;
	unsigned int n, pos;
	struct vmkPCIDevice **snap;	/* referenced */
};

static LIST_HEAD(vmk_pci_devs);
static DEFINE_MUTEX(vmk_pci_devs_mutex);
static struct workqueue_struct *vmk_pci_wq;

/* ---- objects ----------------------------------------------------------- */

static void vmk_pci_dev_free(struct work_struct *work)
{
	struct vmkPCIDevice *dev = container_of(to_rcu_work(work),
						struct vmkPCIDevice,
						free_work);

	pci_dev_put(dev->pdev);
	kfree(dev);
}

static void vmk_pci_dev_release(struct kref *ref)
{
	struct vmkPCIDevice *dev = container_of(ref, struct vmkPCIDevice, ref);

	INIT_RCU_WORK(&dev->free_work, vmk_pci_dev_free);
	queue_rcu_work(vmk_pci_wq, &dev->free_work);
}

void vmk_core_pci_dev_hold(struct vmkPCIDevice *dev)
{
	kref_get(&dev->ref);
}

void vmk_core_pci_dev_put(struct vmkPCIDevice *dev)
{
	kref_put(&dev->ref, vmk_pci_dev_release);
}

struct pci_dev *vmk_core_pci_dev_pdev(struct vmkPCIDevice *dev)
{
	return dev->pdev;
}

struct vmkPCIDevice *vmk_core_pci_dev_get(struct pci_dev *pdev)
{
	struct vmkPCIDevice *dev;

	might_sleep();
	mutex_lock(&vmk_pci_devs_mutex);
	list_for_each_entry(dev, &vmk_pci_devs, link) {
		if (dev->pdev == pdev) {
			kref_get(&dev->ref);
			goto out;
		}
	}
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		goto out;
	/* One reference for the list, one for the caller. */
	kref_init(&dev->ref);
	kref_get(&dev->ref);
	dev->pdev = pci_dev_get(pdev);
	mutex_init(&dev->lock);
	spin_lock_init(&dev->name_lock);
	dev->owner = VMK_INVALID_MODULE_ID;
	list_add_tail_rcu(&dev->link, &vmk_pci_devs);
	vmk_core_handle_add(&dev->handle, dev, VMK_CORE_HANDLE_PCIDEV);
out:
	mutex_unlock(&vmk_pci_devs_mutex);
	return dev;
}

/* Linux deleted the pci_dev: the handle dies with it. */
static void vmk_pci_dev_unlist(struct vmkPCIDevice *dev)
{
	lockdep_assert_held(&vmk_pci_devs_mutex);
	list_del_rcu(&dev->link);
	vmk_core_handle_del(&dev->handle);
	dev->dead = true;
	vmk_core_pci_dev_put(dev);
}

/*
 * A public handle: the live object with a reference, or NULL after
 * logging (as @api, for the caller at @caller) and setting *status.
 */
static struct vmkPCIDevice *vmk_pci_get(vmk_PCIDevice handle,
					VMK_ReturnStatus *status,
					const char *api, unsigned long caller)
{
	struct vmk_core_handle *h;
	struct vmkPCIDevice *dev = NULL;

	rcu_read_lock();
	h = vmk_core_handle_find(handle, VMK_CORE_HANDLE_PCIDEV);
	if (h) {
		dev = container_of(h, struct vmkPCIDevice, handle);
		if (!kref_get_unless_zero(&dev->ref))
			dev = NULL;
	}
	rcu_read_unlock();
	if (!dev) {
		vmk_core_bad_arg_api(api, caller, "%p is not a live PCI device",
				     handle);
		*status = VMK_BAD_PARAM;
	}
	return dev;
}

#define vmk_pci_lookup(handle, status)					\
	vmk_pci_get(handle, status, __func__, _RET_IP_)

/* A module that may change @dev: its owner. */
static VMK_ReturnStatus vmk_pci_check_owner(struct vmkPCIDevice *dev,
					    vmk_ModuleID module,
					    const char *api,
					    unsigned long caller)
{
	vmk_ModuleID owner = READ_ONCE(dev->owner);

	if (!vmk_core_module_is_registered(module)) {
		vmk_core_bad_arg_api(api, caller, "module %d is not registered",
				     module);
		return VMK_BAD_PARAM;
	}
	if (module != owner) {
		vmk_core_bad_arg_api(api, caller,
				     "%s: module %d is not the attached driver's (%d)",
				     pci_name(dev->pdev), module, owner);
		return VMK_NO_PERMISSION;
	}
	return VMK_OK;
}

void vmk_core_pci_attach_begin(struct vmkPCIDevice *dev, vmk_ModuleID module,
			       const char *driver_name)
{
	u16 cmd;

	mutex_lock(&dev->lock);
	dev->master_before_attach =
		pci_read_config_word(dev->pdev, PCI_COMMAND, &cmd) ==
		PCIBIOS_SUCCESSFUL && (cmd & PCI_COMMAND_MASTER);
	strscpy(dev->driver_name, driver_name, sizeof(dev->driver_name));
	WRITE_ONCE(dev->owner, module);
	mutex_unlock(&dev->lock);
}

void vmk_core_pci_set_device(struct vmkPCIDevice *dev, vmk_Device device)
{
	mutex_lock(&dev->lock);
	WRITE_ONCE(dev->device, device);
	mutex_unlock(&dev->lock);
}

vmk_Device vmk_core_pci_device(struct vmkPCIDevice *dev)
{
	vmk_Device device;

	mutex_lock(&dev->lock);
	device = dev->device;
	mutex_unlock(&dev->lock);
	return device;
}

void vmk_core_pci_attach_end(struct vmkPCIDevice *dev)
{
	mutex_lock(&dev->lock);
	WRITE_ONCE(dev->owner, VMK_INVALID_MODULE_ID);
	WRITE_ONCE(dev->device, NULL);
	dev->driver_name[0] = '\0';
	mutex_unlock(&dev->lock);
}

/* ---- identity and resources ------------------------------------------- */

VMK_ReturnStatus vmk_PCIQueryDeviceID(vmk_PCIDevice pciDevice,
				      vmk_PCIDeviceID *devID)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;
	struct pci_dev *pdev;

	if (!devID) {
		vmk_core_bad_arg("NULL devID");
		return VMK_BAD_PARAM;
	}
	dev = vmk_pci_lookup(pciDevice, &status);
	if (!dev)
		return status;
	pdev = dev->pdev;
	devID->vendorID = pdev->vendor;
	devID->deviceID = pdev->device;
	devID->subVendorID = pdev->subsystem_vendor;
	devID->subDeviceID = pdev->subsystem_device;
	/* pdev->class is base:sub:prog-if, 8 bits each. */
	devID->classCode = pdev->class >> 8;
	devID->progIFRevID = ((pdev->class & 0xff) << 8) | pdev->revision;
	vmk_core_pci_dev_put(dev);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIQueryDeviceID);

VMK_ReturnStatus vmk_PCIQueryDeviceAddr(vmk_PCIDevice pciDevice,
					vmk_PCIDeviceAddr *sbdf)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;
	struct pci_dev *pdev;

	if (!sbdf) {
		vmk_core_bad_arg("NULL sbdf");
		return VMK_BAD_PARAM;
	}
	dev = vmk_pci_lookup(pciDevice, &status);
	if (!dev)
		return status;
	pdev = dev->pdev;
	sbdf->seg = pci_domain_nr(pdev->bus);
	sbdf->bus = pdev->bus->number;
	sbdf->dev = PCI_SLOT(pdev->devfn);
	sbdf->fn = PCI_FUNC(pdev->devfn);
	vmk_core_pci_dev_put(dev);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIQueryDeviceAddr);

static u64 vmk_pci_bar_flags(struct pci_dev *pdev, int bar)
{
	unsigned long f = pci_resource_flags(pdev, bar);
	u64 flags = 0;

	if (f & IORESOURCE_IO)
		flags |= VMK_PCI_BAR_FLAGS_IO;
	if (f & IORESOURCE_MEM_64)
		flags |= VMK_PCI_BAR_FLAGS_MEM_64_BITS;
	if (f & IORESOURCE_PREFETCH)
		flags |= VMK_PCI_BAR_FLAGS_MEM_PREFETCHABLE;
	return flags;
}

VMK_ReturnStatus vmk_PCIQueryIOResources(vmk_PCIDevice pciDevice,
					 vmk_uint8 numBars,
					 vmk_PCIResource resources[])
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;
	int bar;

	if (!resources || numBars > VMK_PCI_NUM_BARS) {
		vmk_core_bad_arg("resources %p numBars %u", resources, numBars);
		return VMK_BAD_PARAM;
	}
	dev = vmk_pci_lookup(pciDevice, &status);
	if (!dev)
		return status;
	for (bar = 0; bar < numBars; bar++) {
		resources[bar].size = pci_resource_len(dev->pdev, bar);
		resources[bar].start = resources[bar].size ?
			pci_resource_start(dev->pdev, bar) : 0;
		resources[bar].flags = resources[bar].size ?
			vmk_pci_bar_flags(dev->pdev, bar) : 0;
	}
	vmk_core_pci_dev_put(dev);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIQueryIOResources);

VMK_ReturnStatus vmk_PCIFindCapability(vmk_PCIDevice device, vmk_uint8 capID,
				       vmk_uint16 *capOffset)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;
	u8 pos;

	if (!capOffset) {
		vmk_core_bad_arg("NULL capOffset");
		return VMK_BAD_PARAM;
	}
	dev = vmk_pci_lookup(device, &status);
	if (!dev)
		return status;
	pos = pci_find_capability(dev->pdev, capID);
	vmk_core_pci_dev_put(dev);
	if (!pos)
		return VMK_NOT_FOUND;
	*capOffset = pos;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIFindCapability);

/* ---- config space ------------------------------------------------------ */

static VMK_ReturnStatus vmk_pci_cfg_check(struct pci_dev *pdev,
					  vmk_PCIConfigAccess access,
					  vmk_uint16 offset, const char *api,
					  unsigned long caller)
{
	if (access != VMK_PCI_CONFIG_ACCESS_8 &&
	    access != VMK_PCI_CONFIG_ACCESS_16 &&
	    access != VMK_PCI_CONFIG_ACCESS_32) {
		vmk_core_bad_arg_api(api, caller, "access width %d", access);
		return VMK_BAD_PARAM;
	}
	if (offset & (access - 1)) {
		vmk_core_bad_arg_api(api, caller,
				     "offset 0x%x not aligned for %d bytes",
				     offset, access);
		return VMK_BAD_PARAM;
	}
	if ((unsigned int)offset + access > pdev->cfg_size) {
		vmk_core_bad_arg_api(api, caller,
				     "%s: offset 0x%x + %d past config space (0x%x)",
				     pci_name(pdev), offset, access,
				     pdev->cfg_size);
		return VMK_LIMIT_EXCEEDED;
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_PCIReadConfig(vmk_ModuleID moduleID, vmk_PCIDevice device,
				   vmk_PCIConfigAccess accessType,
				   vmk_uint16 offset, vmk_uint32 *data)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;
	struct pci_dev *pdev;
	int ret;

	if (!data || !vmk_core_module_is_registered(moduleID)) {
		vmk_core_bad_arg("data %p module %d", data, moduleID);
		return VMK_BAD_PARAM;
	}
	dev = vmk_pci_lookup(device, &status);
	if (!dev)
		return status;
	pdev = dev->pdev;
	status = vmk_pci_cfg_check(pdev, accessType, offset, __func__,
				   _RET_IP_);
	if (status == VMK_OK) {
		u8 b;
		u16 w;

		switch (accessType) {
		case VMK_PCI_CONFIG_ACCESS_8:
			ret = pci_read_config_byte(pdev, offset, &b);
			*data = b;
			break;
		case VMK_PCI_CONFIG_ACCESS_16:
			ret = pci_read_config_word(pdev, offset, &w);
			*data = w;
			break;
		default:
			ret = pci_read_config_dword(pdev, offset, data);
			break;
		}
		if (ret != PCIBIOS_SUCCESSFUL)
			status = VMK_FAILURE;
	}
	vmk_core_pci_dev_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_PCIReadConfig);

/*
 * A write that touched the command register: Linux's idea of bus
 * mastering follows the device's, so that pci_disable_device() and a
 * later Linux driver see the truth.  Both calls are config accesses
 * under pci_lock, fine in any context.
 */
static void vmk_pci_sync_master(struct pci_dev *pdev)
{
	u16 cmd;

	if (pci_read_config_word(pdev, PCI_COMMAND, &cmd) != PCIBIOS_SUCCESSFUL)
		return;
	if ((cmd & PCI_COMMAND_MASTER) && !pdev->is_busmaster)
		pci_set_master(pdev);
	else if (!(cmd & PCI_COMMAND_MASTER) && pdev->is_busmaster)
		pci_clear_master(pdev);
}

VMK_ReturnStatus vmk_PCIWriteConfig(vmk_ModuleID moduleID,
				    vmk_PCIDevice device,
				    vmk_PCIConfigAccess accessType,
				    vmk_uint16 offset, vmk_uint32 data)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;
	struct pci_dev *pdev;
	int ret;

	dev = vmk_pci_lookup(device, &status);
	if (!dev)
		return status;
	pdev = dev->pdev;
	status = vmk_pci_check_owner(dev, moduleID, __func__, _RET_IP_);
	if (status == VMK_OK)
		status = vmk_pci_cfg_check(pdev, accessType, offset, __func__,
					   _RET_IP_);
	if (status != VMK_OK)
		goto out;
	switch (accessType) {
	case VMK_PCI_CONFIG_ACCESS_8:
		ret = pci_write_config_byte(pdev, offset, data);
		break;
	case VMK_PCI_CONFIG_ACCESS_16:
		ret = pci_write_config_word(pdev, offset, data);
		break;
	default:
		ret = pci_write_config_dword(pdev, offset, data);
		break;
	}
	if (ret != PCIBIOS_SUCCESSFUL)
		status = VMK_FAILURE;
	else if (offset <= PCI_COMMAND && offset + accessType > PCI_COMMAND)
		vmk_pci_sync_master(pdev);
out:
	vmk_core_pci_dev_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_PCIWriteConfig);

/* ---- BARs ------------------------------------------------------------- */

static void vmk_pci_bar_unmap(struct vmkPCIDevice *dev, int bar)
{
	struct vmk_pci_bar *b = &dev->bars[bar];

	lockdep_assert_held(&dev->lock);
	if (b->resv)
		vmk_core_ioresv_destroy(b->resv);
	if (b->va)
		iounmap(b->va);
	pci_release_region(dev->pdev, bar);
	memset(b, 0, sizeof(*b));
}

VMK_ReturnStatus vmk_PCIMapIOResource(vmk_ModuleID moduleID,
				      vmk_PCIDevice device, vmk_uint8 pciBar,
				      vmk_IOReservation *reservation,
				      vmk_VA *mappedAddress)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;
	struct vmk_pci_bar *b;
	struct pci_dev *pdev;
	resource_size_t start, len;
	bool io;

	vmk_core_assert_may_block();
	if (pciBar >= VMK_PCI_NUM_BARS || !mappedAddress) {
		vmk_core_bad_arg("bar %u mappedAddress %p", pciBar,
				 mappedAddress);
		return VMK_BAD_PARAM;
	}
	dev = vmk_pci_lookup(device, &status);
	if (!dev)
		return status;
	pdev = dev->pdev;
	mutex_lock(&dev->lock);
	status = vmk_pci_check_owner(dev, moduleID, __func__, _RET_IP_);
	if (status != VMK_OK)
		goto out;
	b = &dev->bars[pciBar];
	start = pci_resource_start(pdev, pciBar);
	len = pci_resource_len(pdev, pciBar);
	io = pci_resource_flags(pdev, pciBar) & IORESOURCE_IO;
	if (!len || (io && !reservation) || b->mapped) {
		vmk_core_bad_arg("%s BAR %u: %s", pci_name(pdev), pciBar,
				 !len ? "not implemented" :
				 b->mapped ? "already mapped" :
				 "an I/O BAR needs a reservation");
		status = VMK_BAD_PARAM;
		goto out;
	}
	if (pci_request_region(pdev, pciBar, dev->driver_name)) {
		status = VMK_NO_RESOURCES;
		goto out;
	}
	if (!io) {
		b->va = ioremap(start, len);
		if (!b->va) {
			pci_release_region(pdev, pciBar);
			status = VMK_NO_MEMORY;
			goto out;
		}
	}
	if (reservation) {
		status = vmk_core_ioresv_create(dev, moduleID,
						io ? VMK_IORESOURCE_PORT :
						VMK_IORESOURCE_MEM,
						start, len, false, true,
						&b->resv);
		if (status != VMK_OK) {
			vmk_pci_bar_unmap(dev, pciBar);
			goto out;
		}
		*reservation = b->resv;
	}
	b->mapped = true;
	b->io = io;
	*mappedAddress = io ? (vmk_VA)start : (vmk_VA)(__force uintptr_t)b->va;
out:
	mutex_unlock(&dev->lock);
	vmk_core_pci_dev_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_PCIMapIOResource);

VMK_ReturnStatus vmk_PCIUnmapIOResource(vmk_ModuleID moduleID,
					vmk_PCIDevice device,
					vmk_uint8 pciBar)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;

	vmk_core_assert_may_block();
	if (pciBar >= VMK_PCI_NUM_BARS) {
		vmk_core_bad_arg("bar %u", pciBar);
		return VMK_BAD_PARAM;
	}
	dev = vmk_pci_lookup(device, &status);
	if (!dev)
		return status;
	mutex_lock(&dev->lock);
	status = vmk_pci_check_owner(dev, moduleID, __func__, _RET_IP_);
	if (status == VMK_OK && !dev->bars[pciBar].mapped) {
		vmk_core_bad_arg("%s BAR %u is not mapped",
				 pci_name(dev->pdev), pciBar);
		status = VMK_BAD_PARAM;
	}
	if (status == VMK_OK)
		vmk_pci_bar_unmap(dev, pciBar);
	mutex_unlock(&dev->lock);
	vmk_core_pci_dev_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_PCIUnmapIOResource);

struct vmkPCIDevice *vmk_core_pci_find_bar(vmk_ModuleID module, int type,
					   u64 start, u64 len)
{
	struct vmkPCIDevice *dev, *found = NULL;
	unsigned long want = type == VMK_IORESOURCE_PORT ? IORESOURCE_IO :
			     IORESOURCE_MEM;
	int bar;

	rcu_read_lock();
	list_for_each_entry_rcu(dev, &vmk_pci_devs, link) {
		if (READ_ONCE(dev->owner) != module)
			continue;
		for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
			resource_size_t s = pci_resource_start(dev->pdev, bar);
			resource_size_t l = pci_resource_len(dev->pdev, bar);

			if (l && (pci_resource_flags(dev->pdev, bar) & want) &&
			    start >= s && start - s + len <= l) {
				if (kref_get_unless_zero(&dev->ref))
					found = dev;
				goto out;
			}
		}
	}
out:
	rcu_read_unlock();
	return found;
}

/* ---- interrupts -------------------------------------------------------- */

static void vmk_pci_intr_free_rcu(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct vmk_pci_intr, rcu));
}

/* The last reference: give the vectors back, then unpublish. */
static void vmk_pci_intr_put(struct vmk_pci_intr *set)
{
	struct vmkPCIDevice *dev = set->dev;

	if (!atomic_dec_and_test(&set->refs))
		return;
	pci_free_irq_vectors(dev->pdev);
	/*
	 * An allocation may start once dev->intr is clear, not before.  Only
	 * an allocation sets it, and only while it is clear: no race here.
	 */
	if (rcu_access_pointer(dev->intr) == set)
		RCU_INIT_POINTER(dev->intr, NULL);
	vmk_core_pci_dev_put(dev);
	call_rcu(&set->rcu, vmk_pci_intr_free_rcu);
}

/* intr.c: a cookie of ours is gone and nothing can reach it any more. */
static void vmk_pci_intr_release(void *priv)
{
	struct vmk_pci_vec *vec = priv;

	WRITE_ONCE(vec->live, false);
	vmk_pci_intr_put(vec->set);
}

/* The published set of @dev with a working reference, or NULL. */
static struct vmk_pci_intr *vmk_pci_intr_get(struct vmkPCIDevice *dev)
{
	struct vmk_pci_intr *set;

	rcu_read_lock();
	set = rcu_dereference(dev->intr);
	if (set && !atomic_inc_not_zero(&set->refs))
		set = NULL;
	rcu_read_unlock();
	return set;
}

static VMK_ReturnStatus vmk_pci_errno_status(int err)
{
	switch (err) {
	case -ENOSPC:
	case -ERANGE:
		return VMK_NO_RESOURCES;
	case -ENOMEM:
		return VMK_NO_MEMORY;
	case -EINVAL:
	case -ENOTSUPP:
	case -EOPNOTSUPP:
		return VMK_NOT_SUPPORTED;
	default:
		return VMK_FAILURE;
	}
}

/*
 * Argument checks of vmk_PCIAllocIntrCookie that need the device: an
 * interrupt pin, the capability, the MSI-X table size and indices.
 */
static VMK_ReturnStatus vmk_pci_intr_check(struct pci_dev *pdev,
					   vmk_PCIInterruptType type,
					   u32 desired, u32 required,
					   const u16 *index, unsigned long ip)
{
	const char *api = "vmk_PCIAllocIntrCookie";
	int table;
	u32 i, j;

	switch (type) {
	case VMK_PCI_INTERRUPT_TYPE_LEGACY:
		if (!pdev->pin || !pdev->irq) {
			vmk_core_bad_arg_api(api, ip, "%s has no INTx line",
					     pci_name(pdev));
			return VMK_BAD_PARAM;
		}
		return VMK_OK;
	case VMK_PCI_INTERRUPT_TYPE_MSI:
		return pdev->msi_cap ? VMK_OK : VMK_NOT_SUPPORTED;
	default:
		break;
	}
	if (!pdev->msix_cap)
		return VMK_NOT_SUPPORTED;
	table = pci_msix_vec_count(pdev);
	if (table <= 0 || required > table) {
		vmk_core_bad_arg_api(api, ip, "%s: %u MSI-X required, table holds %d",
				     pci_name(pdev), required, table);
		return VMK_NO_RESOURCES;
	}
	for (i = 0; index && i < desired; i++) {
		for (j = 0; j < i && index[j] != index[i]; j++)
			;
		if (index[i] >= table || j < i) {
			vmk_core_bad_arg_api(api, ip,
					     "%s: MSI-X index %u (entry %u) %s",
					     pci_name(pdev), index[i], i,
					     j < i ? "repeated" :
					     "beyond the table");
			return VMK_BAD_PARAM;
		}
	}
	return VMK_OK;
}

/* Linux vectors for @set: how many, and the irq of each into irqs[]. */
static int vmk_pci_intr_vectors(struct pci_dev *pdev,
				vmk_PCIInterruptType type, u32 desired,
				u32 required, const u16 *index,
				unsigned int *irqs)
{
	struct msix_entry *entries;
	int n, i;

	if (type == VMK_PCI_INTERRUPT_TYPE_LEGACY ||
	    type == VMK_PCI_INTERRUPT_TYPE_MSI ||
	    !index) {
		unsigned int flags =
			type == VMK_PCI_INTERRUPT_TYPE_LEGACY ? PCI_IRQ_LEGACY :
			type == VMK_PCI_INTERRUPT_TYPE_MSI ? PCI_IRQ_MSI :
			PCI_IRQ_MSIX;

		/*
		 * On ESXi the kernel places vectors itself.  Here, three or
		 * more MSI-X vectors are taken as a control vector and
		 * per-queue ones: the first keeps the default affinity, the
		 * others are spread over the CPUs (managed affinity), and
		 * the SCSI layer maps completion queue i to the CPUs of
		 * vector i + 1, so a queue's interrupt (and its handler
		 * thread) runs on the CPUs that submit to it.
		 */
		struct irq_affinity spread = { .pre_vectors = 1 };

		if (type == VMK_PCI_INTERRUPT_TYPE_MSIX)
			desired = min_t(u32, desired, pci_msix_vec_count(pdev));
		if (type == VMK_PCI_INTERRUPT_TYPE_MSIX && desired >= 3)
			n = pci_alloc_irq_vectors_affinity(pdev, required,
							   desired,
							   flags |
							   PCI_IRQ_AFFINITY,
							   &spread);
		else
			n = pci_alloc_irq_vectors(pdev, required, desired,
						  flags);
		for (i = 0; i < n; i++)
			irqs[i] = pci_irq_vector(pdev, i);
		return n;
	}
	entries = kcalloc(desired, sizeof(*entries), GFP_KERNEL);
	if (!entries)
		return -ENOMEM;
	for (i = 0; i < desired; i++)
		entries[i].entry = index[i];
	n = pci_enable_msix_range(pdev, entries, required, desired);
	for (i = 0; i < n; i++)
		irqs[i] = entries[i].vector;
	kfree(entries);
	return n;
}

VMK_ReturnStatus vmk_PCIAllocIntrCookie(vmk_ModuleID moduleID,
					vmk_PCIDevice device,
					vmk_PCIInterruptType type,
					vmk_uint32 numIntrsDesired,
					vmk_uint32 numIntrsRequired,
					vmk_uint16 *indexArray,
					vmk_IntrCookie *intrArray,
					vmk_uint32 *numIntrsAlloced)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmk_pci_intr *set = NULL;
	struct vmkPCIDevice *dev;
	unsigned int *irqs = NULL;
	int n, i;

	vmk_core_assert_may_block();
	if (!intrArray || !numIntrsAlloced ||
	    (type != VMK_PCI_INTERRUPT_TYPE_LEGACY &&
	     type != VMK_PCI_INTERRUPT_TYPE_MSI &&
	     type != VMK_PCI_INTERRUPT_TYPE_MSIX) ||
	    (type != VMK_PCI_INTERRUPT_TYPE_MSIX &&
	     (numIntrsDesired != 1 || numIntrsRequired != 1)) ||
	    !numIntrsRequired || numIntrsRequired > numIntrsDesired ||
	    numIntrsDesired > PCI_MSIX_FLAGS_QSIZE + 1) {
		vmk_core_bad_arg("type %d desired %u required %u arrays %p %p",
				 type, numIntrsDesired, numIntrsRequired,
				 intrArray, numIntrsAlloced);
		return VMK_BAD_PARAM;
	}
	dev = vmk_pci_lookup(device, &status);
	if (!dev)
		return status;
	mutex_lock(&dev->lock);
	status = vmk_pci_check_owner(dev, moduleID, __func__, _RET_IP_);
	if (status != VMK_OK)
		goto out;
	if (rcu_access_pointer(dev->intr)) {
		vmk_core_bad_arg("%s has interrupts allocated already",
				 pci_name(dev->pdev));
		status = VMK_BAD_PARAM;
		goto out;
	}
	status = vmk_pci_intr_check(dev->pdev, type, numIntrsDesired,
				    numIntrsRequired,
				    type == VMK_PCI_INTERRUPT_TYPE_MSIX ?
				    indexArray : NULL, _RET_IP_);
	if (status != VMK_OK)
		goto out;
	irqs = kcalloc(numIntrsDesired, sizeof(*irqs), GFP_KERNEL);
	set = kzalloc(struct_size(set, vec, numIntrsDesired), GFP_KERNEL);
	if (!irqs || !set) {
		status = VMK_NO_MEMORY;
		goto out;
	}
	n = vmk_pci_intr_vectors(dev->pdev, type, numIntrsDesired,
				 numIntrsRequired,
				 type == VMK_PCI_INTERRUPT_TYPE_MSIX ?
				 indexArray : NULL, irqs);
	if (n < 0) {
		status = vmk_pci_errno_status(n);
		goto out;
	}
	kref_get(&dev->ref);
	set->dev = dev;
	set->module = moduleID;
	set->type = type;
	set->n = n;
	/* Ours while the cookies are made: the set outlives a failure. */
	atomic_set(&set->refs, 1);
	for (i = 0; i < n; i++) {
		set->vec[i].set = set;
		status = vmk_core_intr_cookie_alloc_owned(moduleID, irqs[i],
					type == VMK_PCI_INTERRUPT_TYPE_LEGACY,
					vmk_pci_intr_release, &set->vec[i],
					&set->vec[i].cookie);
		if (status != VMK_OK)
			break;
		set->vec[i].live = true;
		atomic_inc(&set->refs);
	}
	if (status != VMK_OK) {
		while (i--)
			vmk_core_intr_cookie_free(set->vec[i].cookie);
	} else {
		for (i = 0; i < n; i++)
			intrArray[i] = set->vec[i].cookie;
		*numIntrsAlloced = n;
		rcu_assign_pointer(dev->intr, set);
	}
	/* On failure this frees the vectors, the set and its reference. */
	vmk_pci_intr_put(set);
	set = NULL;
out:
	mutex_unlock(&dev->lock);
	kfree(set);
	kfree(irqs);
	vmk_core_pci_dev_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_PCIAllocIntrCookie);

/*
 * Free the cookies of @set that are still live, forcing (a reclaim)
 * or not; VMK_BUSY if a cookie kept registrations and stayed.
 */
static VMK_ReturnStatus vmk_pci_intr_free_set(struct vmk_pci_intr *set,
					      bool force)
{
	VMK_ReturnStatus status = VMK_OK;
	vmk_IntrCookie cookie;
	unsigned int i;
	bool ours;

	for (i = 0; i < set->n; i++) {
		if (!READ_ONCE(set->vec[i].live))
			continue;
		cookie = set->vec[i].cookie;
		/* Still our cookie, not a recycled ID? */
		rcu_read_lock();
		ours = vmk_core_intr_cookie_priv(cookie, vmk_pci_intr_release) ==
		       &set->vec[i];
		rcu_read_unlock();
		if (!ours)
			continue;
		if (force)
			vmk_core_intr_cookie_reclaim(cookie);
		else if (vmk_core_intr_cookie_free(cookie) == VMK_BUSY)
			status = VMK_BUSY;
	}
	return status;
}

VMK_ReturnStatus vmk_PCIFreeIntrCookie(vmk_ModuleID moduleID,
				       vmk_PCIDevice device)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmk_pci_intr *set;
	struct vmkPCIDevice *dev;

	vmk_core_assert_may_block();
	dev = vmk_pci_lookup(device, &status);
	if (!dev)
		return status;
	mutex_lock(&dev->lock);
	set = vmk_pci_intr_get(dev);
	if (!set) {
		vmk_core_bad_arg("%s has no interrupts allocated",
				 pci_name(dev->pdev));
		status = VMK_BAD_PARAM;
	} else if (!vmk_core_module_is_registered(moduleID)) {
		vmk_core_bad_arg("module %d is not registered", moduleID);
		status = VMK_BAD_PARAM;
	} else if (set->module != moduleID) {
		vmk_core_bad_arg("%s: interrupts of module %d, not %d",
				 pci_name(dev->pdev), set->module, moduleID);
		status = VMK_NO_PERMISSION;
	} else {
		status = vmk_pci_intr_free_set(set, false);
		if (status == VMK_BUSY)
			vmk_core_bad_arg("%s: a cookie still has handlers registered",
					 pci_name(dev->pdev));
	}
	if (set)
		vmk_pci_intr_put(set);
	mutex_unlock(&dev->lock);
	vmk_core_pci_dev_put(dev);
	return status;
}
VMKAPI_EXPORT(vmk_PCIFreeIntrCookie);

/* ---- power management -------------------------------------------------- */

static VMK_ReturnStatus vmk_pci_pme(vmk_ModuleID moduleID,
				    vmk_PCIDevice device, bool enable,
				    const char *api, unsigned long caller)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *dev;

	vmk_core_assert_may_block();
	dev = vmk_pci_get(device, &status, api, caller);
	if (!dev)
		return status;
	mutex_lock(&dev->lock);
	status = vmk_pci_check_owner(dev, moduleID, api, caller);
	if (status == VMK_OK && (!dev->pdev->pm_cap || !dev->pdev->pme_support))
		status = VMK_NOT_SUPPORTED;
	if (status == VMK_OK) {
		pci_pme_active(dev->pdev, enable);
		dev->pme = enable;
	}
	mutex_unlock(&dev->lock);
	vmk_core_pci_dev_put(dev);
	return status;
}

VMK_ReturnStatus vmk_PCIEnablePME(vmk_ModuleID moduleID, vmk_PCIDevice device)
{
	return vmk_pci_pme(moduleID, device, true, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_PCIEnablePME);

VMK_ReturnStatus vmk_PCIDisablePME(vmk_ModuleID moduleID, vmk_PCIDevice device)
{
	return vmk_pci_pme(moduleID, device, false, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_PCIDisablePME);

/* ---- what a detached driver left behind -------------------------------- */

/* What the reclaim took back, in the owner's event ring. */
static __printf(2, 3) void vmk_pci_reclaimed(struct vmkPCIDevice *dev,
					     const char *fmt, ...)
{
	char text[80];
	va_list args;

	va_start(args, fmt);
	vsnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	vmk_core_event_record(dev->owner, VMKAPI_EVENT_RESOURCE_LEAK, VMK_OK,
			      pci_name(dev->pdev), "%s left %s",
			      dev->driver_name, text);
}

unsigned int vmk_core_pci_reclaim(struct vmkPCIDevice *dev, const char *when)
{
	struct pci_dev *pdev = dev->pdev;
	struct vmk_pci_intr *set;
	unsigned int n = 0, count;
	u16 cmd;
	int bar;

	might_sleep();
	mutex_lock(&dev->lock);
	/* Interrupts first: their callbacks may still use the BARs. */
	set = vmk_pci_intr_get(dev);
	if (set) {
		pr_warn("%s: %s left its interrupt cookies allocated %s; freeing them\n",
			pci_name(pdev), dev->driver_name, when);
		vmk_pci_reclaimed(dev, "interrupt cookies %s", when);
		vmk_pci_intr_free_set(set, true);
		vmk_pci_intr_put(set);
		n++;
	}
	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		if (!dev->bars[bar].mapped)
			continue;
		pr_warn("%s: %s left BAR %d mapped %s; unmapping it\n",
			pci_name(pdev), dev->driver_name, bar, when);
		vmk_pci_reclaimed(dev, "BAR %d mapping %s", bar, when);
		vmk_pci_bar_unmap(dev, bar);
		n++;
	}
	count = vmk_core_ioresv_reclaim_device(dev);
	if (count) {
		pr_warn("%s: %s left %u I/O reservation(s) %s; released\n",
			pci_name(pdev), dev->driver_name, count, when);
		vmk_pci_reclaimed(dev, "%u I/O reservation(s) %s", count,
				  when);
		n++;
	}
	/*
	 * A device that may still DMA must not outlive its driver, so
	 * bus mastering goes off either way; but firmware (a BIOS that
	 * booted from the device) may have turned it on before the driver
	 * got it, and that is not the driver's leak.
	 */
	if (pci_read_config_word(pdev, PCI_COMMAND, &cmd) ==
	    PCIBIOS_SUCCESSFUL && (cmd & PCI_COMMAND_MASTER)) {
		if (dev->master_before_attach) {
			pci_info(pdev, "bus mastering was on before %s attached; turning it off %s\n",
				 dev->driver_name, when);
		} else {
			pr_warn("%s: %s left bus mastering on %s; turning it off\n",
				pci_name(pdev), dev->driver_name, when);
			vmk_pci_reclaimed(dev, "bus mastering %s", when);
			n++;
		}
		pci_clear_master(pdev);
	}
	if (dev->pme) {
		pr_warn("%s: %s left PME# enabled %s; disabling it\n",
			pci_name(pdev), dev->driver_name, when);
		vmk_pci_reclaimed(dev, "PME# enable %s", when);
		pci_pme_active(pdev, false);
		dev->pme = false;
		n++;
	}
	mutex_unlock(&dev->lock);
	return n;
}

/* ---- state for tests (vmkapi_internal.h) ------------------------------- */

int vmk_core_pci_dev_state(vmk_PCIDevice handle,
			   struct vmk_core_pci_state *st)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmk_pci_intr *set;
	struct vmkPCIDevice *dev;
	unsigned int i;
	u16 cmd = 0;
	int bar;

	dev = vmk_pci_lookup(handle, &status);
	if (!dev)
		return -ENOENT;
	memset(st, 0, sizeof(*st));
	mutex_lock(&dev->lock);
	st->owner = dev->owner;
	st->device = dev->device;
	for (bar = 0; bar < PCI_STD_NUM_BARS; bar++)
		st->mapped_bars += dev->bars[bar].mapped;
	set = vmk_pci_intr_get(dev);
	if (set) {
		for (i = 0; i < set->n; i++)
			st->intr_cookies += READ_ONCE(set->vec[i].live);
		vmk_pci_intr_put(set);
	}
	st->reservations = vmk_core_ioresv_count(dev);
	pci_read_config_word(dev->pdev, PCI_COMMAND, &cmd);
	st->bus_master = cmd & PCI_COMMAND_MASTER;
	st->linux_bus_master = dev->pdev->is_busmaster;
	st->enabled = pci_is_enabled(dev->pdev);
	st->pme = dev->pme;
	mutex_unlock(&dev->lock);
	vmk_core_pci_dev_put(dev);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_pci_dev_state, VMKAPI_INTERNAL);

/* ---- iterator ---------------------------------------------------------- */

static void vmk_pci_iter_drop(struct vmkPCIDevIterator *it)
{
	unsigned int i;

	for (i = 0; i < it->n; i++)
		vmk_core_pci_dev_put(it->snap[i]);
	kfree(it->snap);
	it->snap = NULL;
	it->n = 0;
	it->pos = 0;
}

VMK_ReturnStatus vmk_PCIDevIteratorAlloc(vmk_HeapID heap,
					 vmk_PCIDevIteratorType type,
					 vmk_PCIDevIterator *iterator)
{
	struct vmkPCIDevIterator *it;

	vmk_core_assert_may_block();
	if (!iterator || type != VMK_PCI_DEV_ITERATOR_TYPE_NO_ORDER) {
		vmk_core_bad_arg("iterator %p type %d", iterator, type);
		return VMK_BAD_PARAM;
	}
	it = vmk_HeapAlloc(heap, sizeof(*it));
	if (!it)
		return VMK_NO_MEMORY;
	memset(it, 0, sizeof(*it));
	it->heap = heap;
	if (vmk_core_handle_add_detached(it, VMK_CORE_HANDLE_PCIITER)) {
		vmk_HeapFree(heap, it);
		return VMK_NO_MEMORY;
	}
	*iterator = it;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIDevIteratorAlloc);

VMK_ReturnStatus vmk_PCIDevIteratorFree(vmk_PCIDevIterator iterator)
{
	if (!vmk_core_handle_del_detached(iterator, VMK_CORE_HANDLE_PCIITER)) {
		vmk_core_bad_arg("%p is not a live PCI device iterator",
				 iterator);
		return VMK_BAD_PARAM;
	}
	vmk_pci_iter_drop(iterator);
	vmk_HeapFree(iterator->heap, iterator);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIDevIteratorFree);

static VMK_ReturnStatus vmk_pci_iter_next(vmk_PCIDevIterator it,
					  vmk_PCIDevice *dev)
{
	*dev = it->pos < it->n ? it->snap[it->pos++] : NULL;
	return VMK_OK;
}

VMK_ReturnStatus vmk_PCIDevIteratorGetFirst(vmk_PCIDevIterator iterator,
					    vmk_PCIDevice *dev)
{
	struct pci_dev *pdev = NULL;
	struct vmkPCIDevice **snap;
	unsigned int n = 0, max = 0;

	vmk_core_assert_may_block();
	if (!dev || !vmk_core_handle_live(iterator, VMK_CORE_HANDLE_PCIITER)) {
		vmk_core_bad_arg("iterator %p dev %p", iterator, dev);
		return VMK_BAD_PARAM;
	}
	vmk_pci_iter_drop(iterator);
	for_each_pci_dev(pdev)
		max++;
	snap = kcalloc(max ?: 1, sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return VMK_NO_MEMORY;
	pdev = NULL;
	for_each_pci_dev(pdev) {
		if (n == max) {
			/* Devices appeared meanwhile: the snapshot is full. */
			pci_dev_put(pdev);
			break;
		}
		snap[n] = vmk_core_pci_dev_get(pdev);
		if (snap[n])
			n++;
	}
	iterator->snap = snap;
	iterator->n = n;
	return vmk_pci_iter_next(iterator, dev);
}
VMKAPI_EXPORT(vmk_PCIDevIteratorGetFirst);

VMK_ReturnStatus vmk_PCIDevIteratorGetNext(vmk_PCIDevIterator iterator,
					   vmk_PCIDevice *dev)
{
	if (!dev || !vmk_core_handle_live(iterator, VMK_CORE_HANDLE_PCIITER)) {
		vmk_core_bad_arg("iterator %p dev %p", iterator, dev);
		return VMK_BAD_PARAM;
	}
	return vmk_pci_iter_next(iterator, dev);
}
VMKAPI_EXPORT(vmk_PCIDevIteratorGetNext);

/* ---- incompat lookups -------------------------------------------------- */

VMK_ReturnStatus vmk_PCIGetPCIDevice(const vmk_uint16 segment,
				     const vmk_uint8 bus, const vmk_uint8 dev,
				     const vmk_uint8 func,
				     vmk_PCIDevice *device)
{
	struct vmkPCIDevice *obj;
	struct pci_dev *pdev;

	vmk_core_assert_may_block();
	if (!device || dev >= VMK_PCI_NUM_SLOTS || func >= VMK_PCI_NUM_FUNCS) {
		vmk_core_bad_arg("device %p slot %u function %u", device, dev,
				 func);
		return VMK_BAD_PARAM;
	}
	pdev = pci_get_domain_bus_and_slot(segment, bus, PCI_DEVFN(dev, func));
	if (!pdev)
		return VMK_NOT_FOUND;
	obj = vmk_core_pci_dev_get(pdev);
	pci_dev_put(pdev);
	if (!obj)
		return VMK_NO_MEMORY;
	/* The list's reference keeps the handle alive with the device. */
	*device = obj;
	vmk_core_pci_dev_put(obj);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIGetPCIDevice);

VMK_ReturnStatus vmk_PCIGetSegmentBusDevFunc(vmk_PCIDevice device,
					     vmk_uint16 *segment,
					     vmk_uint8 *bus, vmk_uint8 *dev,
					     vmk_uint8 *func)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *obj;

	if (!segment || !bus || !dev || !func) {
		vmk_core_bad_arg("NULL out pointer");
		return VMK_BAD_PARAM;
	}
	obj = vmk_pci_lookup(device, &status);
	if (!obj)
		return status;
	*segment = pci_domain_nr(obj->pdev->bus);
	*bus = obj->pdev->bus->number;
	*dev = PCI_SLOT(obj->pdev->devfn);
	*func = PCI_FUNC(obj->pdev->devfn);
	vmk_core_pci_dev_put(obj);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIGetSegmentBusDevFunc);

VMK_ReturnStatus vmk_PCIGetIDs(vmk_PCIDevice device, vmk_uint16 *vendorID,
			       vmk_uint16 *deviceID, vmk_uint16 *subVendorID,
			       vmk_uint16 *subDeviceID)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *obj;

	if (!vendorID || !deviceID || !subVendorID || !subDeviceID) {
		vmk_core_bad_arg("NULL out pointer");
		return VMK_BAD_PARAM;
	}
	obj = vmk_pci_lookup(device, &status);
	if (!obj)
		return status;
	*vendorID = obj->pdev->vendor;
	*deviceID = obj->pdev->device;
	*subVendorID = obj->pdev->subsystem_vendor;
	*subDeviceID = obj->pdev->subsystem_device;
	vmk_core_pci_dev_put(obj);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIGetIDs);

VMK_ReturnStatus vmk_PCISetDeviceName(vmk_PCIDevice device, const char *name)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *obj;

	if (!name || strnlen(name, VMK_PCI_NAME_LEN) >= VMK_PCI_NAME_LEN) {
		vmk_core_bad_arg("name %p missing or too long", name);
		return VMK_BAD_PARAM;
	}
	obj = vmk_pci_lookup(device, &status);
	if (!obj)
		return status;
	spin_lock(&obj->name_lock);
	strscpy(obj->name, name, sizeof(obj->name));
	spin_unlock(&obj->name_lock);
	vmk_core_pci_dev_put(obj);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCISetDeviceName);

VMK_ReturnStatus vmk_PCIGetDeviceName(vmk_PCIDevice device, char *name,
				      vmk_ByteCount nameLen)
{
	VMK_ReturnStatus status = VMK_OK;
	char buf[VMK_PCI_NAME_LEN];
	struct vmkPCIDevice *obj;

	if (!name || !nameLen || nameLen > VMK_PCI_NAME_LEN) {
		vmk_core_bad_arg("name %p nameLen %llu", name,
				 (unsigned long long)nameLen);
		return VMK_BAD_PARAM;
	}
	obj = vmk_pci_lookup(device, &status);
	if (!obj)
		return status;
	spin_lock(&obj->name_lock);
	strscpy(buf, obj->name[0] ? obj->name : pci_name(obj->pdev),
		sizeof(buf));
	spin_unlock(&obj->name_lock);
	vmk_core_pci_dev_put(obj);
	return strscpy(name, buf, nameLen) < 0 ? VMK_LIMIT_EXCEEDED : VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIGetDeviceName);

VMK_ReturnStatus vmk_PCIGetGenDevice(vmk_PCIDevice pciDevice,
				     vmk_Device *genDevice)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmkPCIDevice *obj;
	vmk_Device device;

	if (!genDevice) {
		vmk_core_bad_arg("NULL genDevice");
		return VMK_BAD_PARAM;
	}
	obj = vmk_pci_lookup(pciDevice, &status);
	if (!obj)
		return status;
	device = READ_ONCE(obj->device);
	vmk_core_pci_dev_put(obj);
	if (!device) {
		vmk_core_bad_arg("%p has no device-layer object", pciDevice);
		return VMK_BAD_PARAM;
	}
	*genDevice = device;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCIGetGenDevice);

VMK_ReturnStatus vmk_PCIGetDevice(vmk_Device genDevice,
				  vmk_PCIDevice *pciDevice)
{
	struct vmkPCIDevice *dev;
	VMK_ReturnStatus status = VMK_BAD_PARAM;

	if (!pciDevice || !genDevice) {
		vmk_core_bad_arg("genDevice %p pciDevice %p", genDevice,
				 pciDevice);
		return VMK_BAD_PARAM;
	}
	rcu_read_lock();
	list_for_each_entry_rcu(dev, &vmk_pci_devs, link) {
		if (READ_ONCE(dev->device) == genDevice) {
			*pciDevice = dev;
			status = VMK_OK;
			break;
		}
	}
	rcu_read_unlock();
	if (status != VMK_OK)
		vmk_core_bad_arg("%p is not a native driver's PCI device",
				 genDevice);
	return status;
}
VMKAPI_EXPORT(vmk_PCIGetDevice);

/* ---- life ------------------------------------------------------------- */

static int vmk_pci_notify(struct notifier_block *nb, unsigned long action,
			  void *data)
{
	struct pci_dev *pdev = to_pci_dev(data);
	struct vmkPCIDevice *dev;

	if (action != BUS_NOTIFY_DEL_DEVICE)
		return NOTIFY_DONE;
	mutex_lock(&vmk_pci_devs_mutex);
	list_for_each_entry(dev, &vmk_pci_devs, link) {
		if (dev->pdev == pdev) {
			vmk_pci_dev_unlist(dev);
			break;
		}
	}
	mutex_unlock(&vmk_pci_devs_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block vmk_pci_nb = {
	.notifier_call = vmk_pci_notify,
};

int vmk_core_pci_init(void)
{
	int ret;

	vmk_pci_wq = alloc_workqueue("vmkapi_pci", 0, 0);
	if (!vmk_pci_wq)
		return -ENOMEM;
	ret = bus_register_notifier(&pci_bus_type, &vmk_pci_nb);
	if (ret)
		destroy_workqueue(vmk_pci_wq);
	return ret;
}

void vmk_core_pci_exit(void)
{
	struct vmkPCIDevice *dev, *next;

	bus_unregister_notifier(&pci_bus_type, &vmk_pci_nb);
	mutex_lock(&vmk_pci_devs_mutex);
	list_for_each_entry_safe(dev, next, &vmk_pci_devs, link)
		vmk_pci_dev_unlist(dev);
	mutex_unlock(&vmk_pci_devs_mutex);
	/* Interrupt sets and objects go after grace periods. */
	rcu_barrier();
	destroy_workqueue(vmk_pci_wq);
}
