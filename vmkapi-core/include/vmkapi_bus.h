/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_bus.h - bus types: the named buses devices sit on.  Two exist
 * from the start: "pci" (physical functions the PCI adapter finds) and
 * "logical" (software children a driver registers in its scan, such as
 * uplinks or character devices).  A vmk_DeviceID names its bus type by a
 * handle that vmk_BusTypeFind returns.
 */
#ifndef _VMKAPI_BUS_H_
#define _VMKAPI_BUS_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

/* No bus type (vmk_BusType itself is declared in vmkapi_types.h). */
#define VMK_BUSTYPE_NONE	((vmk_BusType)0)

/*
 * vmk_BusTypeFind - look a bus type up by name and take a reference on
 * it, to be dropped with vmk_BusTypeRelease.  Never blocks; any context
 * but interrupt acknowledge.  VMK_BAD_PARAM for NULL arguments,
 * VMK_NOT_FOUND for an unknown name.
 */
VMK_ReturnStatus vmk_BusTypeFind(vmk_Name *name, vmk_BusType *busHandle);

/*
 * vmk_BusTypeRelease - drop a reference vmk_BusTypeFind took.  Never
 * blocks; any context but interrupt acknowledge.  VMK_BAD_PARAM for a
 * handle that is not a bus type, or one the caller holds no reference on.
 */
VMK_ReturnStatus vmk_BusTypeRelease(vmk_BusType busHandle);

/*
 * vmk_BusTypeGetName - the bus type's name.  Never blocks; any context
 * but interrupt acknowledge.  VMK_BAD_PARAM for a handle that is not a
 * bus type or a NULL name.
 */
VMK_ReturnStatus vmk_BusTypeGetName(vmk_BusType busHandle, vmk_Name *name);

#endif /* _VMKAPI_BUS_H_ */
