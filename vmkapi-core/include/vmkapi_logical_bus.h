/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_logical_bus.h - addresses on the logical bus.  A driver that
 * registers a software child (an uplink, an HBA port, a character
 * device) gives it an address built here from the parent's address and
 * a port number the driver picks: the same parent and port always give
 * the same address, on every load, and no two parents give the same one.
 */
#ifndef _VMKAPI_LOGICAL_BUS_H_
#define _VMKAPI_LOGICAL_BUS_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

#define VMK_LOGICAL_BUS_NAME	"logical"

/*
 * vmk_LogicalCreateBusAddress - the address of the child on logical port
 * @uniqueLogicalPort of @parent.  The port must tell the driver's
 * children of one parent apart and stay the same for the same child on
 * every load (the physical port index when the child is a port).  The
 * string is allocated from the default heap of @driver's module: free it
 * with vmk_LogicalFreeBusAddress once the child is registered.
 * @globalAddressLen receives its length without the NUL.  May block (it
 * allocates); world context only.  VMK_BAD_PARAM for NULL arguments or
 * handles that are not live, VMK_NO_MODULE_HEAP when the module has no
 * default heap, VMK_NO_MEMORY, VMK_NAME_TOO_LONG when the address would
 * be longer than a bus address may be (511).
 */
VMK_ReturnStatus vmk_LogicalCreateBusAddress(vmk_Driver driver,
					     vmk_Device parent,
					     vmk_uint32 uniqueLogicalPort,
					     char **globalAddress,
					     vmk_uint32 *globalAddressLen);

/*
 * vmk_LogicalFreeBusAddress - free an address vmk_LogicalCreateBusAddress
 * returned for @driver.  Never blocks; world context only.  VMK_BAD_PARAM
 * for a NULL address or a driver that is not live, VMK_NO_MODULE_HEAP
 * when the module has no default heap.
 */
VMK_ReturnStatus vmk_LogicalFreeBusAddress(vmk_Driver driver,
					   char *globalAddress);

#endif /* _VMKAPI_LOGICAL_BUS_H_ */
