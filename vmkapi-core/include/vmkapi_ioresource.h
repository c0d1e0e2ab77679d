/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_ioresource.h - I/O resource reservations and I/O ports
 * (reference section 14; platform/x86/vmkapi_ioresource.h and
 * vmkapi_ioport.h of the 2.3 headers).
 *
 * A reservation claims a range of I/O ports (or of device memory) for a
 * module.  The resources that can be reserved are the BARs of the PCI
 * devices the module is attached to (the PCI bus adapter registers
 * them; nothing else is registered): a range outside every such BAR is
 * VMK_BAD_ADDR_RANGE.  Overlapping reservations are allowed only when
 * both ask for VMK_IORESOURCE_SHAREABLE; vmk_PCIMapIOResource makes an
 * exclusive one for the BAR it maps.  Port accesses go through a
 * reservation and must stay inside it.
 *
 * Reservations are resources of their module (reported and released at
 * unload) and of their device: whatever the driver still holds when it
 * is detached from the device is released then, with one log line.
 */
#ifndef _VMKAPI_IORESOURCE_H_
#define _VMKAPI_IORESOURCE_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

/* An x86 I/O port number. */
typedef vmk_uint16 vmk_IOPortAddr;

typedef enum {
	VMK_IORESOURCE_NONE = 0,
	VMK_IORESOURCE_UNKNOWN = 1,
	VMK_IORESOURCE_MEM = 2,
	VMK_IORESOURCE_PORT = 3,
} vmk_IOResourceType;

typedef struct vmk_IOResourceAddress {
	vmk_IOResourceType type;
	union {
		vmk_MA memory;
		vmk_IOPortAddr port;
	} address;
} vmk_IOResourceAddress;

/* What a resource (or a reservation request) allows. */
typedef enum {
	/* Other reservations that are shareable too may overlap it. */
	VMK_IORESOURCE_SHAREABLE = 0x1,
	/* Accepted; accesses are never cached here. */
	VMK_IORESOURCE_CACHEABLE = 0x2,
	/* Accepted; informational. */
	VMK_IORESOURCE_PREFETCHABLE = 0x4,
} vmk_IOResourceAttrs;

typedef enum {
	VMK_IORESOURCE_RESERVE_EXCLUSIVE = 0x1,
} vmk_IOReservationAttrs;

typedef struct vmk_IOResourceInfo {
	/* The module the reservation is for. */
	vmk_ModuleID moduleID;
	vmk_IOResourceAddress start;
	/* Bytes (ports) from start; at least 1. */
	vmk_ByteCount len;
	vmk_IOResourceAttrs attrs;
} vmk_IOResourceInfo;

/*
 * vmk_IOReservation (the handle) is declared in vmkapi_mapping.h, which
 * vmkapi.h includes first.
 */

/*
 * vmk_IOResourceReserve - reserve resourceInfo's range for its module.
 * Never blocks; not from an interrupt acknowledge or handler (world
 * context or a timer/helper callback).
 * VMK_BAD_PARAM: NULL arguments, an unregistered module, len 0, an
 * unknown type or attribute bits.  VMK_BAD_ADDR_RANGE: the range is not
 * inside one BAR of a PCI device the module is attached to (or wraps).
 * VMK_NOT_SHARED: it overlaps a reservation and the two are not both
 * shareable.  VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_IOResourceReserve(vmk_IOResourceInfo *resourceInfo,
				       vmk_IOReservation *reservation);

/*
 * vmk_IOResourceRelease - give a reservation back.  Never blocks; same
 * contexts as vmk_IOResourceReserve.  VMK_BAD_PARAM for a handle that is
 * not a live reservation, or one that vmk_PCIMapIOResource returned
 * (vmk_PCIUnmapIOResource releases that one).
 */
VMK_ReturnStatus vmk_IOResourceRelease(vmk_IOReservation reservation);

/*
 * Port I/O through a reservation of type VMK_IORESOURCE_PORT.  The
 * accessed ports [port, port + width) must lie inside the reservation,
 * otherwise nothing is accessed and VMK_BAD_ADDR_RANGE is returned (a
 * handle that is not a live port reservation, or a NULL outValue, is
 * VMK_BAD_PARAM).  Never block; callable from any context but NMI,
 * interrupt acknowledge and handler included.
 */
VMK_ReturnStatus vmk_IOPortRead8(vmk_IOReservation reservation,
				 vmk_IOPortAddr port, vmk_uint8 *outValue);
VMK_ReturnStatus vmk_IOPortWrite8(vmk_IOReservation reservation,
				  vmk_IOPortAddr port, vmk_uint8 inValue);
VMK_ReturnStatus vmk_IOPortRead16(vmk_IOReservation reservation,
				  vmk_IOPortAddr port, vmk_uint16 *outValue);
VMK_ReturnStatus vmk_IOPortWrite16(vmk_IOReservation reservation,
				   vmk_IOPortAddr port, vmk_uint16 inValue);
VMK_ReturnStatus vmk_IOPortRead32(vmk_IOReservation reservation,
				  vmk_IOPortAddr port, vmk_uint32 *outValue);
VMK_ReturnStatus vmk_IOPortWrite32(vmk_IOReservation reservation,
				   vmk_IOPortAddr port, vmk_uint32 inValue);

#endif /* _VMKAPI_IORESOURCE_H_ */
