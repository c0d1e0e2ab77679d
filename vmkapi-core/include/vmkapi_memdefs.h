/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address and page helpers (reference section 2, core/vmkapi_memdefs.h).
 * Pure arithmetic: callable from any context.
 */
#ifndef _VMKAPI_MEMDEFS_H_
#define _VMKAPI_MEMDEFS_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* Values as in the 2.3 headers: contiguous is the first (0). */
typedef enum {
	VMK_MEM_PHYS_CONTIGUOUS = 0,
	VMK_MEM_PHYS_ANY_CONTIGUITY = 1,
	VMK_MEM_PHYS_DISCONTIGUOUS = 2,
} vmk_MemPhysContiguity;

typedef enum {
	VMK_PHYS_ADDR_ANY = 0,
	VMK_PHYS_ADDR_BELOW_2GB = 1,
	VMK_PHYS_ADDR_BELOW_4GB = 2,
	VMK_PHYS_ADDR_BELOW_512GB = 3,
} vmk_MemPhysAddrConstraint;

#define vmk_MA2MPN(ma)		((vmk_MPN)((ma) >> VMK_PAGE_SHIFT))
#define vmk_MPN2MA(mpn)		((vmk_MA)(mpn) << VMK_PAGE_SHIFT)
#define vmk_VA2VPN(va)		((vmk_VPN)((va) >> VMK_PAGE_SHIFT))
#define vmk_VPN2VA(vpn)		((vmk_VA)(vpn) << VMK_PAGE_SHIFT)
#define vmk_IOA2IOPN(ioa)	((vmk_IOPN)((ioa) >> VMK_PAGE_SHIFT))
#define vmk_IOPN2IOA(iopn)	((vmk_IOA)(iopn) << VMK_PAGE_SHIFT)

/*
 * The page a byte offset falls in, so it truncates: to size a buffer in
 * pages, round the bytes up to VMK_PAGE_SIZE first (as 2.3 drivers do).
 */
#define vmk_Bytes2Pages(bytes)	((vmk_uint64)(bytes) >> VMK_PAGE_SHIFT)
#define vmk_Pages2Bytes(pages)	((vmk_uint64)(pages) << VMK_PAGE_SHIFT)
#define vmk_Bytes2KB(bytes)	((vmk_uint64)(bytes) >> 10)
#define vmk_Bytes2MB(bytes)	((vmk_uint64)(bytes) >> 20)
#define vmk_Bytes2GB(bytes)	((vmk_uint64)(bytes) >> 30)
#define vmk_KB2Bytes(kb)	((vmk_uint64)(kb) << 10)
#define vmk_MB2Bytes(mb)	((vmk_uint64)(mb) << 20)
#define vmk_GB2Bytes(gb)	((vmk_uint64)(gb) << 30)

/* Page addresses and numbers in general, as the 2.3 headers name them. */
typedef vmk_uint64 vmk_PageAddress;
typedef vmk_uint64 vmk_PageNumber;

/* Page numbers no page ever has. */
#define VMK_INVALID_MPN		((vmk_MPN)-1)
#define VMK_INVALID_VPN		((vmk_VPN)-1)

typedef enum vmk_AddressType {
	VMK_ADDRESS_TYPE_NONE = 0,
	VMK_ADDRESS_TYPE_UNKNOWN = 1,
	VMK_ADDRESS_TYPE_VIRTUAL = 2,
	VMK_ADDRESS_TYPE_MACHINE = 3,
	VMK_ADDRESS_TYPE_IO = 4,
} vmk_AddressType;

/*
 * Megabyte and gigabyte conversions under their 2.3 names.  Like the
 * originals they truncate: a count that is not a whole number of the
 * larger unit gives the unit it falls in, not the units needed to hold it.
 */
static inline vmk_PageNumber vmk_MBytes2Pages(vmk_PageAddress nMBytes)
{
	return nMBytes << (20 - VMK_PAGE_SHIFT);
}

static inline vmk_PageAddress vmk_Pages2MBytes(vmk_PageNumber nPages)
{
	return nPages >> (20 - VMK_PAGE_SHIFT);
}

static inline vmk_PageNumber vmk_GBytes2Pages(vmk_PageAddress nGBytes)
{
	return nGBytes << (30 - VMK_PAGE_SHIFT);
}

static inline vmk_PageAddress vmk_Pages2GBytes(vmk_PageNumber nPages)
{
	return nPages >> (30 - VMK_PAGE_SHIFT);
}

static inline vmk_PageAddress vmk_Bytes2MBytes(vmk_PageAddress nBytes)
{
	return nBytes >> 20;
}

static inline vmk_PageAddress vmk_MBytes2Bytes(vmk_PageNumber nMBytes)
{
	return nMBytes << 20;
}

static inline vmk_PageAddress vmk_Bytes2GBytes(vmk_PageAddress nBytes)
{
	return nBytes >> 30;
}

static inline vmk_PageAddress vmk_GBytes2Bytes(vmk_PageAddress nGBytes)
{
	return nGBytes << 30;
}

#endif /* _VMKAPI_MEMDEFS_H_ */
