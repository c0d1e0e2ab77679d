/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mapping machine pages into the kernel's address space (reference
 * section 6.4, core/vmkapi_mapping.h).
 *
 * vmk_Map turns a list of machine page ranges (typically pages from a
 * memory pool) into one virtually contiguous mapping visible on every
 * CPU, owned by the module that asked for it.  On Linux the pages are
 * mapped with vmap(); a mapping is a resource of its module, so one left
 * behind at unload is reported by name and unmapped.
 *
 * Contexts: world (process) context only; never from an interrupt
 * acknowledge, an interrupt handler or NetPoll.  The 2.3 headers call
 * vmk_Map non-blocking; here building the page tables may sleep briefly
 * for memory (Linux vmap), so callers must be allowed to block.
 */
#ifndef _VMKAPI_MAPPING_H_
#define _VMKAPI_MAPPING_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* A run of physically consecutive machine pages. */
typedef struct vmk_MpnRange {
	vmk_MPN startMPN;
	vmk_uint32 numPages;
} vmk_MpnRange;

typedef enum {
	VMK_MAPTYPE_NONE = 0,
	/* Ordinary RAM. */
	VMK_MAPTYPE_DEFAULT = 1,
	/* Device memory; needs an IO reservation (not provided yet). */
	VMK_MAPTYPE_DEVICE = 2,
} vmk_MapRequestType;

/* Attribute bits, ORed; no bits means read-only and not executable. */
typedef vmk_uint64 vmk_MapAttrs;

#define VMK_MAPATTRS_READONLY		(0)
#define VMK_MAPATTRS_READWRITE		(1 << 0)
#define VMK_MAPATTRS_EXECUTABLE		(1 << 1)
#define VMK_MAPATTRS_WRITECOMBINE	(1 << 2)
#define VMK_MAPATTRS_UNCACHED		(1 << 3)
#define VMK_MAPATTRS_MIGHTCHANGE	(1 << 4)

/* An IO resource reservation (the IO resource family hands these out). */
typedef struct vmkIOReservation *vmk_IOReservation;

typedef struct vmk_MapRequest {
	vmk_MapRequestType mapType;
	vmk_MapAttrs mapAttrs;
	/* mpnRanges holds numElements ranges, mapped in that order. */
	vmk_uint32 numElements;
	vmk_MpnRange *mpnRanges;
	/* Device memory only; NULL for VMK_MAPTYPE_DEFAULT. */
	vmk_IOReservation reservation;
} vmk_MapRequest;

/*
 * vmk_Map - map the request's page ranges, in order, at one virtually
 * contiguous address returned in *va.  World context; may block briefly
 * (page tables).  The mapping is accounted to moduleID and must be
 * unmapped before that module unloads.
 *
 * Only VMK_MAPTYPE_DEFAULT is provided: every page must be RAM known to
 * the kernel.  READWRITE gives a writable mapping, otherwise it is
 * read-only.  WRITECOMBINE and UNCACHED are accepted and ignored for RAM
 * (x86 DMA is cache coherent, and a second mapping of RAM with another
 * memory type than the kernel's own would be a conflicting alias).
 * MIGHTCHANGE is accepted; vmk_MapChangeAttributes is not provided.
 *
 * VMK_BAD_PARAM: NULL request, ranges or va, no ranges, an empty range,
 * unknown attribute bits, an unknown map type, or a page that is not RAM.
 * VMK_NOT_SUPPORTED: VMK_MAPTYPE_DEVICE, or VMK_MAPATTRS_EXECUTABLE
 * (no executable mappings of data pages).  VMK_INVALID_MODULE: moduleID
 * is not registered.  VMK_LIMIT_EXCEEDED: more pages than one mapping
 * may hold.  VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_Map(vmk_ModuleID moduleID, vmk_MapRequest *mapRequest,
			 vmk_VA *va);

/*
 * vmk_Unmap - remove a mapping made by vmk_Map; va is the address it
 * returned.  World context; may block briefly.  Any other address is
 * logged and ignored.
 */
void vmk_Unmap(vmk_VA va);

#endif /* _VMKAPI_MAPPING_H_ */
