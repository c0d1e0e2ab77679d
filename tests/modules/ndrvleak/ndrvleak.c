// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a module that is its own little bus (it adds a device
 * through the device manager's provider contract, as its owner), has a
 * driver of its own claim it, and that driver's scan register a logical
 * child which the same driver claims too.  Then it unloads without
 * unregistering anything.  The core must report the driver and both
 * devices by name, take them back leaf first (the child's quiesce,
 * detach and removal before the parent's quiesce and detach), remove
 * the module's device and still unload.
 */
#include <linux/module.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"

#define NDRVLEAK_CHILD_ID	"com.vmware.ndrvleak.child"

static vmk_ModuleID ndrvleak_id = VMK_INVALID_MODULE_ID;
static vmk_Driver ndrvleak_driver;

static VMK_ReturnStatus ndrvleak_remove_child(vmk_Device dev)
{
	return vmk_DeviceUnregister(dev);
}

static vmk_DeviceOps ndrvleak_child_ops = {
	.removeDevice = ndrvleak_remove_child,
};

static VMK_ReturnStatus ndrvleak_scan(vmk_Device dev)
{
	vmk_DeviceProps props = {
		.registeringDriver = ndrvleak_driver,
		.deviceOps = &ndrvleak_child_ops,
	};
	vmk_DeviceID id = {
		.busIdentifier = NDRVLEAK_CHILD_ID,
		.busIdentifierLen = sizeof(NDRVLEAK_CHILD_ID) - 1,
	};
	VMK_ReturnStatus status;
	vmk_Device child;
	vmk_Name name;

	/* Only the module's own device has a child (data 1). */
	if (vmk_DeviceGetRegistrationData(dev, &props.registrationData) !=
	    VMK_OK || props.registrationData.addr != 1)
		return VMK_OK;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	status = vmk_BusTypeFind(&name, &id.busType);
	if (status != VMK_OK)
		return status;
	status = vmk_LogicalCreateBusAddress(ndrvleak_driver, dev, 0,
					     &id.busAddress, &id.busAddressLen);
	if (status == VMK_OK) {
		props.deviceID = &id;
		props.registrationData.addr = 2;
		status = vmk_DeviceRegister(&props, dev, &child);
		vmk_LogicalFreeBusAddress(ndrvleak_driver, id.busAddress);
	}
	vmk_BusTypeRelease(id.busType);
	return status;
}

static vmk_DriverOps ndrvleak_ops = {
	.scanDevice = ndrvleak_scan,
};

static int ndrvleak_leak(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.max = 64 * 1024,
	};
	vmk_DriverProps props = {
		.ops = &ndrvleak_ops,
	};
	struct vmk_core_device_props dev_props = {
		.bus_address = "ndrvleak:0",
		.identifier = "com.vmware.ndrvleak",
		.registration_data.addr = 1,
	};
	vmk_Device dev;
	vmk_HeapID heap;
	vmk_Name name;

	heap_props.module = ndrvleak_id;
	vmk_NameInitialize(&heap_props.name, "ndrvleak_heap");
	if (vmk_HeapCreate(&heap_props, &heap) != VMK_OK)
		return -ENOMEM;
	vmk_ModuleSetHeapID(ndrvleak_id, heap);
	props.moduleID = ndrvleak_id;
	vmk_NameInitialize(&props.name, "ndrvleak");
	if (vmk_DriverRegister(&props, &ndrvleak_driver) != VMK_OK ||
	    vmk_core_driver_bind_identifier(ndrvleak_driver,
					    NDRVLEAK_CHILD_ID) != VMK_OK)
		return -EINVAL;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	if (vmk_BusTypeFind(&name, &dev_props.bus_type) != VMK_OK)
		return -EINVAL;
	dev_props.module = ndrvleak_id;
	if (vmk_core_device_add(&dev_props, &dev) != VMK_OK)
		return -EINVAL;
	vmk_BusTypeRelease(dev_props.bus_type);
	/* Attach, start, scan: the child is claimed as the scan returns. */
	return vmk_core_device_attach(dev, ndrvleak_driver) == VMK_OK ?
	       0 : -EIO;
}

static int __init ndrvleak_init(void)
{
	if (vmk_ModuleRegister(&ndrvleak_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	return ndrvleak_leak();
}

static void __exit ndrvleak_exit(void)
{
	/* Deliberately nothing: no unregister, no remove, no destroy. */
}

module_init(ndrvleak_init);
module_exit(ndrvleak_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
