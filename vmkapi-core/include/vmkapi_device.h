/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_device.h - devices: nodes of the one device tree the device
 * manager keeps.  A bus provider adds the devices it finds (PCI
 * functions); a driver adds children of a device it drives, only from
 * its scanDevice callback.  Each device carries three opaque cookies:
 * registrationData (from the registrar, for the attaching driver: the
 * vmk_PCIDevice of a PCI function), registeringDriverData (the
 * registrar's own) and attachedDriverData (the attached driver's).
 */
#ifndef _VMKAPI_DEVICE_H_
#define _VMKAPI_DEVICE_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

/* Longest busAddress and busIdentifier, without the NUL. */
#define VMK_DEVICE_BUS_ADDRESS_MAX	511
#define VMK_DEVICE_BUS_IDENTIFIER_MAX	63

typedef struct {
	vmk_BusType busType;
	/* Unique on the bus; for the logical bus from vmk_LogicalCreateBusAddress. */
	char *busAddress;
	/* strlen(busAddress) */
	vmk_uint32 busAddressLen;
	/* What kind of device: decides which subsystem claims a child. */
	char *busIdentifier;
	/* strlen(busIdentifier) */
	vmk_uint32 busIdentifierLen;
} vmk_DeviceID;

/*
 * removeDevice: the registrar's callback for an unclaimed child it
 * registered (its own driver is already detached).  Do what physical
 * removal needs, call vmk_DeviceUnregister and free the private data
 * only if that succeeded.  Returning without unregistering is a failure:
 * the device stays, and removal is tried again later.  World context;
 * may block.
 */
typedef VMK_ReturnStatus (*vmk_DeviceRemove)(vmk_Device device);

typedef struct {
	vmk_DeviceRemove removeDevice;
} vmk_DeviceOps;

typedef struct {
	/* The driver attached to the parent, whose scan is running. */
	vmk_Driver registeringDriver;
	vmk_DeviceID *deviceID;
	/* Copied at registration. */
	vmk_DeviceOps *deviceOps;
	vmk_AddrCookie registeringDriverData;
	vmk_AddrCookie registrationData;
} vmk_DeviceProps;

/*
 * vmk_DeviceRegister - register a child of @parent, from the scanDevice
 * callback that @parent's attached driver (deviceProps->registeringDriver)
 * is running.  The strings of the ID are copied.  '#' may appear in the
 * address only of a logical device whose address vmk_LogicalCreateBusAddress
 * made for @parent.  A child whose identifier a subsystem claims is
 * attached to it once the scan returns.  The child is a resource of the
 * registrar's module.  May block (it allocates); world context (the
 * scan) only.  VMK_NOT_SUPPORTED outside that scan, VMK_BAD_PARAM for a
 * NULL or incomplete ID (no bus type, address or identifier, a length
 * that is not the string's) or a misused '#', VMK_NAME_TOO_LONG for an
 * address over 511 or an identifier over 63 characters, VMK_EXISTS when
 * the bus has a device at that address, VMK_NO_MODULE_HEAP when the
 * registrar's module has no default heap, VMK_LIMIT_EXCEEDED beyond 8
 * levels of devices, VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_DeviceRegister(vmk_DeviceProps *deviceProps,
				    vmk_Device parent, vmk_Device *newDevice);

/*
 * vmk_DeviceUnregister - unregister a device, only from its own
 * removeDevice callback.  The handle is stale afterwards.  Never blocks.
 * VMK_NOT_SUPPORTED outside that callback, VMK_BAD_PARAM for a stale
 * handle, VMK_BUSY while the device has children, an attached driver or
 * references (vmk_DeviceRelease drops them).
 */
VMK_ReturnStatus vmk_DeviceUnregister(vmk_Device device);

/*
 * vmk_DeviceGetDeviceID - a copy of the device's ID (strings included)
 * in one allocation from @heap, to be given back with
 * vmk_DevicePutDeviceID on the same heap.  Never blocks; world context.
 * VMK_BAD_PARAM for a stale handle, NULL @devID or an invalid heap,
 * VMK_NO_MEMORY when the heap is full.
 */
VMK_ReturnStatus vmk_DeviceGetDeviceID(vmk_HeapID heap, vmk_Device device,
				       vmk_DeviceID **devID);

/*
 * vmk_DevicePutDeviceID - free an ID vmk_DeviceGetDeviceID returned.
 * Never blocks.  VMK_BAD_PARAM for a NULL @devID.
 */
VMK_ReturnStatus vmk_DevicePutDeviceID(vmk_HeapID heap, vmk_DeviceID *devID);

/*
 * vmk_DeviceGetRegisteringDriverData, vmk_DeviceGetRegistrationData,
 * vmk_DeviceGetAttachedDriverData - read one of the device's cookies.
 * vmk_DeviceSetAttachedDriverData - set the attached driver's cookie
 * (cleared when the driver detaches or its attach fails).  Never block;
 * any context but interrupt acknowledge.  VMK_BAD_PARAM for a stale
 * handle or a NULL @data.
 */
VMK_ReturnStatus vmk_DeviceGetRegisteringDriverData(vmk_Device device,
						    vmk_AddrCookie *data);
VMK_ReturnStatus vmk_DeviceGetRegistrationData(vmk_Device device,
					       vmk_AddrCookie *data);
VMK_ReturnStatus vmk_DeviceGetAttachedDriverData(vmk_Device device,
						 vmk_AddrCookie *data);
VMK_ReturnStatus vmk_DeviceSetAttachedDriverData(vmk_Device device,
						 vmk_AddrCookie data);

/*
 * vmk_DeviceRelease - drop a reference on the device that a lookup took
 * (bus providers and subsystems hold them, e.g. while a character device
 * is open; the device cannot be unregistered meanwhile).  Never blocks.
 * VMK_BAD_PARAM for a stale handle or a device without references.
 */
VMK_ReturnStatus vmk_DeviceRelease(vmk_Device device);

/*
 * vmk_DeviceRequestRescan - ask for the device's scanDevice callback to
 * run again, soon, in a world of the device manager (the call returns
 * first).  The scan runs only if the device is still started and
 * attached to @driver then.  Never blocks; world context.  VMK_BAD_PARAM
 * for stale handles, VMK_NO_PERMISSION when @driver is not the device's
 * attached driver.
 */
VMK_ReturnStatus vmk_DeviceRequestRescan(vmk_Driver driver,
					 vmk_Device device);

#endif /* _VMKAPI_DEVICE_H_ */
