/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_pci.h - PCI devices (reference section 14; hardware/vmkapi_pci.h,
 * vmkapi_pci_types.h and vmkapi_pci_incompat.h of the 2.3 headers).
 *
 * A vmk_PCIDevice names one PCI function of the system.  A driver gets
 * the handle of the device it is offered from the device layer
 * (vmk_DeviceGetRegistrationData in attachDevice); the iterator and
 * vmk_PCIGetPCIDevice name any function.  Anybody may read any device
 * (identity, resources, config space); only the module of the driver
 * attached to a device may change it (config writes, BAR mappings,
 * interrupts, PME): others get VMK_NO_PERMISSION.
 *
 * On Linux a vmk_PCIDevice wraps a struct pci_dev.  Native drivers get
 * their devices through one Linux pci_driver per native driver with PCI
 * IDs, named like it (so `lspci -k` shows "Kernel driver in use:
 * <name>"); the IDs come from vmk_PCIDriverAddIDs (a vmkapi-linux
 * extension, at the end of this file) and from ESXi-style device map
 * lines.  The core
 * enables the device before attachDevice and disables it after
 * detachDevice; bus mastering is the driver's business, through config
 * writes of the command register, as on ESXi.  Whatever a driver still
 * holds when it is detached from a device (BAR mappings, interrupt
 * cookies, I/O reservations, bus mastering, PME) is released then, with
 * one log line each.
 *
 * SR-IOV (vmk_PCIEnableVFs and friends) is not provided.
 */
#ifndef _VMKAPI_PCI_H_
#define _VMKAPI_PCI_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

#define VMK_PCI_BUS_NAME		"pci"

#define VMK_PCI_DEVICE_NAME_LENGTH	32

/* System limits. */
#define VMK_PCI_NUM_SEGS		256
#define VMK_PCI_NUM_BUSES		256
#define VMK_PCI_NUM_SLOTS		32
#define VMK_PCI_NUM_FUNCS		8
#define VMK_PCI_NUM_BARS		6
#define VMK_PCI_NUM_BARS_BRIDGE		2

typedef enum vmk_PCIBARFlags {
	VMK_PCI_BAR_FLAGS_IO = 0x1,
	VMK_PCI_BAR_FLAGS_MEM_64_BITS = 0x4,
	VMK_PCI_BAR_FLAGS_MEM_PREFETCHABLE = 0x8,
	VMK_PCI_BAR_FLAGS_IO_MASK = 0x3,
	VMK_PCI_BAR_FLAGS_MEM_MASK = 0xF,
} vmk_PCIBARFlags;

typedef struct vmk_PCIDeviceID {
	vmk_uint16 vendorID;
	vmk_uint16 deviceID;
	vmk_uint16 subVendorID;
	vmk_uint16 subDeviceID;
	/* Base class and sub-class (config bytes 0x0b, 0x0a). */
	vmk_uint16 classCode;
	/* Programming interface and revision (config bytes 0x09, 0x08). */
	vmk_uint16 progIFRevID;
} vmk_PCIDeviceID;

/* Segment (PCI domain), bus, device, function. */
typedef struct vmk_PCIDeviceAddr {
	vmk_uint16 seg;
	vmk_uint8 bus;
	vmk_uint8 dev:5;
	vmk_uint8 fn:3;
} vmk_PCIDeviceAddr;

typedef struct vmk_PCIResource {
	/* Where the BAR is decoded: a machine address or the first port. */
	vmk_MA start;
	/* 0: the BAR is not implemented (or is the top half of a 64-bit one). */
	vmk_ByteCount size;
	/* vmk_PCIBARFlags bits. */
	vmk_uint64 flags;
} vmk_PCIResource;

typedef enum vmk_PCIConfigAccess {
	VMK_PCI_CONFIG_ACCESS_8 = 1,
	VMK_PCI_CONFIG_ACCESS_16 = 2,
	VMK_PCI_CONFIG_ACCESS_32 = 4
} vmk_PCIConfigAccess;

typedef enum vmk_PCIInterruptType {
	VMK_PCI_INTERRUPT_TYPE_NONE = 0,
	VMK_PCI_INTERRUPT_TYPE_LEGACY = 1,
	VMK_PCI_INTERRUPT_TYPE_MSI = 2,
	VMK_PCI_INTERRUPT_TYPE_MSIX = 3,
} vmk_PCIInterruptType;

typedef struct vmkPCIDevice *vmk_PCIDevice;

typedef struct vmkPCIDevIterator *vmk_PCIDevIterator;

typedef enum vmk_PCIDevIteratorType {
	/* No relation to the PCI hierarchy. */
	VMK_PCI_DEV_ITERATOR_TYPE_NO_ORDER = 0,
} vmk_PCIDevIteratorType;

/*
 * Identity and resources: never block; any context but NMI.
 * VMK_BAD_PARAM for a NULL out pointer or a handle that is not a live
 * PCI device (or numBars > VMK_PCI_NUM_BARS).  QueryIOResources fills
 * resources[0 .. numBars - 1].
 */
VMK_ReturnStatus vmk_PCIQueryDeviceID(vmk_PCIDevice pciDevice,
				      vmk_PCIDeviceID *devID);
VMK_ReturnStatus vmk_PCIQueryDeviceAddr(vmk_PCIDevice pciDevice,
					vmk_PCIDeviceAddr *sbdf);
VMK_ReturnStatus vmk_PCIQueryIOResources(vmk_PCIDevice pciDevice,
					 vmk_uint8 numBars,
					 vmk_PCIResource resources[]);

/*
 * vmk_PCIFindCapability - offset of the first capability @capID in the
 * standard capability list.  Never blocks; any context but NMI.
 * VMK_BAD_PARAM (NULL capOffset, bad handle); VMK_NOT_FOUND.
 */
VMK_ReturnStatus vmk_PCIFindCapability(vmk_PCIDevice device,
				       vmk_uint8 capID,
				       vmk_uint16 *capOffset);

/*
 * vmk_PCIReadConfig / vmk_PCIWriteConfig - config space access of 1, 2
 * or 4 bytes at a naturally aligned offset.  A read of 1 or 2 bytes is
 * zero-extended into *data.  Writes are posted: read back to be sure the
 * device saw one.  Any module may read; only the attached driver's
 * module may write.  Setting or clearing bus mastering (PCI_COMMAND bit
 * 2) by a write is what enables or disables it (Linux's view follows).
 * Never block; callable from any context but NMI (acknowledge and
 * handler included).
 * VMK_BAD_PARAM: bad handle, NULL data, unregistered module, unknown
 * access width, misaligned offset.  VMK_LIMIT_EXCEEDED: the access
 * would go past the device's config space (256 bytes, or 4096 for PCIe
 * and PCI-X 2.0 devices).  VMK_NO_PERMISSION: a write by another module
 * than the attached driver's.  VMK_FAILURE: the platform refused the
 * access.
 */
VMK_ReturnStatus vmk_PCIReadConfig(vmk_ModuleID moduleID,
				   vmk_PCIDevice device,
				   vmk_PCIConfigAccess accessType,
				   vmk_uint16 offset,
				   vmk_uint32 *data);
VMK_ReturnStatus vmk_PCIWriteConfig(vmk_ModuleID moduleID,
				    vmk_PCIDevice device,
				    vmk_PCIConfigAccess accessType,
				    vmk_uint16 offset,
				    vmk_uint32 data);

/*
 * vmk_PCIMapIOResource - reserve BAR @pciBar (0-5) for the module and
 * make it accessible.
 *  - Memory BAR: *mappedAddress is an uncached kernel mapping of the
 *    whole BAR, dereferenced directly (with vmk_CPUMemFence* ordering)
 *    as 2.3 drivers do.  reservation may be NULL; if given, it receives
 *    a VMK_IORESOURCE_MEM reservation of the BAR.
 *  - I/O port BAR: reservation is required and receives a
 *    VMK_IORESOURCE_PORT reservation of the BAR's ports for the
 *    vmk_IOPort* calls; *mappedAddress is the BAR's first port number.
 * Only the attached driver's module; one mapping per BAR.  May block;
 * world context only (attachDevice and the like).
 * VMK_BAD_PARAM: bad handle, unregistered module, pciBar > 5, NULL
 * mappedAddress, an I/O BAR without reservation, a BAR that is not
 * implemented (size 0, e.g. the top half of a 64-bit BAR), a BAR
 * already mapped.  VMK_NO_PERMISSION: not the attached driver's module.
 * VMK_NO_RESOURCES: the BAR is claimed by somebody else.
 * VMK_NO_MEMORY: no address space for the mapping.
 */
VMK_ReturnStatus vmk_PCIMapIOResource(vmk_ModuleID moduleID,
				      vmk_PCIDevice device,
				      vmk_uint8 pciBar,
				      vmk_IOReservation *reservation,
				      vmk_VA *mappedAddress);

/*
 * vmk_PCIUnmapIOResource - undo vmk_PCIMapIOResource: unmap the BAR and
 * release its reservation.  May block; world context only.
 * VMK_BAD_PARAM: bad handle, pciBar > 5, the BAR is not mapped.
 * VMK_NO_PERMISSION: another module mapped it.
 */
VMK_ReturnStatus vmk_PCIUnmapIOResource(vmk_ModuleID moduleID,
					vmk_PCIDevice device,
					vmk_uint8 pciBar);

/*
 * vmk_PCIAllocIntrCookie - allocate the device's interrupts and return a
 * cookie for each (for vmk_IntrRegister and friends).
 *  - LEGACY (the INTx pin; its cookie is shareable with other devices
 *    on the line) and MSI: numIntrsDesired = numIntrsRequired = 1.
 *  - MSIX: between numIntrsRequired (>= 1) and numIntrsDesired vectors,
 *    as many as the platform gives, or none at all.  indexArray, if not
 *    NULL, names the MSI-X table entry of each of the numIntrsDesired
 *    interrupts (distinct, within the table); intrArray[i] is then the
 *    interrupt of entry indexArray[i].  Without it, entries 0, 1, ...
 * intrArray must hold numIntrsDesired cookies; *numIntrsAlloced says
 * how many were filled.  One allocation per device at a time.  Only the
 * attached driver's module.  May block; world context only.
 * VMK_BAD_PARAM: bad handle, NULL arrays, unknown type, counts not as
 * above, a bad indexArray, the device has no interrupt pin (LEGACY), or
 * it has interrupts allocated already.  VMK_NOT_SUPPORTED: the device
 * has no MSI / MSI-X capability.  VMK_NO_RESOURCES: fewer vectors than
 * required are available (or than the MSI-X table holds).
 * VMK_NO_PERMISSION: not the attached driver's module.  VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_PCIAllocIntrCookie(vmk_ModuleID moduleID,
					vmk_PCIDevice device,
					vmk_PCIInterruptType type,
					vmk_uint32 numIntrsDesired,
					vmk_uint32 numIntrsRequired,
					vmk_uint16 *indexArray,
					vmk_IntrCookie *intrArray,
					vmk_uint32 *numIntrsAlloced);

/*
 * vmk_PCIFreeIntrCookie - free every cookie vmk_PCIAllocIntrCookie gave
 * for the device, and its vectors.  Unregister the handlers first
 * (vmk_IntrUnregister): a cookie that still has registrations is not
 * freed and the call returns VMK_BUSY (the others are freed; call again
 * once it is unregistered).  May block; world context only.
 * VMK_BAD_PARAM: bad handle, unregistered module, no interrupts
 * allocated.  VMK_NO_PERMISSION: another module allocated them.
 */
VMK_ReturnStatus vmk_PCIFreeIntrCookie(vmk_ModuleID moduleID,
				       vmk_PCIDevice device);

/*
 * vmk_PCIEnablePME / vmk_PCIDisablePME - let the device signal PME# (a
 * wake event) from the power states it supports, or stop it.  Only the
 * attached driver's module.  May block; world context only.
 * VMK_BAD_PARAM: bad handle, unregistered module.  VMK_NO_PERMISSION.
 * VMK_NOT_SUPPORTED: no power management capability, or no PME# from
 * any state.
 */
VMK_ReturnStatus vmk_PCIEnablePME(vmk_ModuleID moduleID,
				  vmk_PCIDevice device);
VMK_ReturnStatus vmk_PCIDisablePME(vmk_ModuleID moduleID,
				   vmk_PCIDevice device);

/*
 * Iterating over every PCI function of the system (a snapshot taken at
 * GetFirst).  The handles returned stay valid while the device exists.
 * Alloc and GetFirst may block (GetFirst makes handles); the others
 * never block; world context only.  GetFirst/GetNext store NULL in *dev at the end.
 * VMK_BAD_PARAM: NULL or dead iterator, NULL dev or iterator pointer,
 * unknown type, bad heap; VMK_NO_MEMORY (Alloc, GetFirst).
 */
VMK_ReturnStatus vmk_PCIDevIteratorAlloc(vmk_HeapID heap,
					 vmk_PCIDevIteratorType type,
					 vmk_PCIDevIterator *iterator);
VMK_ReturnStatus vmk_PCIDevIteratorFree(vmk_PCIDevIterator iterator);
VMK_ReturnStatus vmk_PCIDevIteratorGetFirst(vmk_PCIDevIterator iterator,
					    vmk_PCIDevice *dev);
VMK_ReturnStatus vmk_PCIDevIteratorGetNext(vmk_PCIDevIterator iterator,
					   vmk_PCIDevice *dev);

/*
 * Incompat set (vmkapi_pci_incompat.h, used by vmklinux).  Never block;
 * any context but NMI, except GetPCIDevice (world context: it may
 * allocate the handle).
 *
 * vmk_PCIGetPCIDevice: the handle of seg:bus:dev.fn; VMK_NOT_FOUND.
 * vmk_PCIGetSegmentBusDevFunc / vmk_PCIGetIDs: the address and IDs.
 * vmk_PCIGetDeviceName: the name vmk_PCISetDeviceName gave, else the
 *   bus address "SSSS:BB:DD.F"; VMK_BAD_PARAM if nameLen is 0 or above
 *   VMK_PCI_DEVICE_NAME_LENGTH, VMK_LIMIT_EXCEEDED if it does not fit.
 * vmk_PCISetDeviceName: names the device (at most
 *   VMK_PCI_DEVICE_NAME_LENGTH - 1 characters, else VMK_BAD_PARAM).
 * vmk_PCIGetGenDevice / vmk_PCIGetDevice: between a PCI handle and the
 *   device-layer object of a native driver's device; VMK_BAD_PARAM when
 *   there is none.
 */
VMK_ReturnStatus vmk_PCIGetPCIDevice(const vmk_uint16 segment,
				     const vmk_uint8 bus,
				     const vmk_uint8 dev,
				     const vmk_uint8 func,
				     vmk_PCIDevice *device);
VMK_ReturnStatus vmk_PCIGetSegmentBusDevFunc(vmk_PCIDevice device,
					     vmk_uint16 *segment,
					     vmk_uint8 *bus,
					     vmk_uint8 *dev,
					     vmk_uint8 *func);
VMK_ReturnStatus vmk_PCIGetIDs(vmk_PCIDevice device,
			       vmk_uint16 *vendorID,
			       vmk_uint16 *deviceID,
			       vmk_uint16 *subVendorID,
			       vmk_uint16 *subDeviceID);
VMK_ReturnStatus vmk_PCISetDeviceName(vmk_PCIDevice device,
				      const char *name);
VMK_ReturnStatus vmk_PCIGetDeviceName(vmk_PCIDevice device,
				      char *name,
				      vmk_ByteCount nameLen);
VMK_ReturnStatus vmk_PCIGetGenDevice(vmk_PCIDevice pciDevice,
				     vmk_Device *genDevice);
VMK_ReturnStatus vmk_PCIGetDevice(vmk_Device genDevice,
				  vmk_PCIDevice *pciDevice);

/*
 * ---- vmkapi-linux extension: declaring the PCI IDs a driver drives ----
 *
 * ESXi learns which native driver drives which device from device map
 * files (/etc/vmware/default.map.d/<driver>.map).  Here a driver can
 * declare its IDs in C with vmk_PCIDriverAddIDs; map lines work too:
 *
 *   regtype=native,bus=pci,id=<22 hex digits or dots>,driver=<name>
 *
 * where the id is vendor (4), device (4), subvendor (4), subdevice (4)
 * and class (6: base class, sub-class, programming interface), and a
 * '.' is a wildcard digit.  Trailing digits may be left out (wildcards).
 * Vendor, device and the subsystem IDs are wildcarded whole (all four
 * digits dots) or not at all; class digits may be wildcarded one by
 * one.  Lines starting with '#' and blank lines are skipped, as are
 * lines for another regtype or bus.  Maps are read from
 *  - /etc/vmkapi/default.map.d/<driver>.map (the directory is vmkapi.ko's
 *    pci_map_dir parameter), when the driver's pci_driver is registered,
 *    that is once its module's init has returned;
 *  - anything written to /sys/kernel/debug/vmkapi/pci_map (reading it
 *    lists the entries), at any time: entries for a driver that is not
 *    registered yet wait for it.
 * Both kinds of IDs end up as IDs of the driver's Linux pci_driver (map
 * lines as dynamic IDs, like echoing to its new_id file, which works as
 * well).  The core never takes a device that Linux has bound to another
 * driver; driver_override, unbind and bind work as for any driver.
 *
 * Compile with this extension only where the driver is built for
 * vmkapi-linux (e.g. #ifdef VMK_PCI_ANY_ID).
 */
#define VMK_PCI_ANY_ID		(~(vmk_uint32)0)

typedef struct vmk_PCIDeviceMatch {
	/* VMK_PCI_ANY_ID matches any value. */
	vmk_uint32 vendorID;
	vmk_uint32 deviceID;
	vmk_uint32 subVendorID;
	vmk_uint32 subDeviceID;
	/* 24-bit class (base, sub, prog-if), compared under classMask. */
	vmk_uint32 classCode;
	vmk_uint32 classMask;
} vmk_PCIDeviceMatch;

/* One vendor:device, any subsystem and class. */
#define VMK_PCI_DEVICE_MATCH(vendor, device)				\
	{ .vendorID = (vendor), .deviceID = (device),			\
	  .subVendorID = VMK_PCI_ANY_ID, .subDeviceID = VMK_PCI_ANY_ID }

/*
 * vmk_PCIDriverAddIDs - declare the PCI IDs @driver drives: @table ends
 * with an entry whose vendorID is 0.  Call it right after
 * vmk_DriverRegister, in the module's init; the driver is offered its
 * devices once that init has returned, never inside it.  Called later,
 * the IDs are added at once (devices that match and are free are
 * offered before it returns).  Calls add up.  May block; world context.
 * VMK_BAD_PARAM: bad driver handle, NULL or empty table, IDs above
 * 0xffff other than VMK_PCI_ANY_ID, class bits outside classMask or
 * above 24 bits.  VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_PCIDriverAddIDs(vmk_Driver driver,
				     const vmk_PCIDeviceMatch *table);

#endif /* _VMKAPI_PCI_H_ */
