/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Common types (reference section 2).  They are spelled in plain C so a
 * driver's view of the API does not depend on Linux headers; the sizes
 * are checked against the kernel's own types in the core at build time.
 */
#ifndef _VMKAPI_TYPES_H_
#define _VMKAPI_TYPES_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef unsigned char		vmk_uint8;
typedef signed char		vmk_int8;
typedef unsigned short		vmk_uint16;
typedef short			vmk_int16;
typedef unsigned int		vmk_uint32;
typedef int			vmk_int32;
typedef unsigned long long	vmk_uint64;
typedef long long		vmk_int64;
typedef unsigned long		vmk_uintptr_t;
typedef long			vmk_intptr_t;
typedef long long		vmk_loff_t;

/* A char, not C's bool: the ABI of the original headers. */
typedef char vmk_Bool;
#define VMK_FALSE	((vmk_Bool)0)
#define VMK_TRUE	((vmk_Bool)1)

typedef vmk_uint64 vmk_ByteCount;
typedef vmk_int64 vmk_ByteCountSigned;
typedef vmk_uint32 vmk_ByteCountSmall;
typedef vmk_int32 vmk_ByteCountSmallSigned;

/* Addresses: machine (host physical), virtual, and I/O (bus/IOMMU). */
typedef vmk_uint64 vmk_MA;
typedef vmk_uintptr_t vmk_VA;
typedef vmk_uint64 vmk_IOA;
typedef vmk_uint64 vmk_MPN;
typedef vmk_uintptr_t vmk_VPN;
typedef vmk_uint64 vmk_IOPN;

#define VMK_PAGE_SHIFT		12
#define VMK_PAGE_SIZE		(1ULL << VMK_PAGE_SHIFT)
#define VMK_PAGE_MASK		(VMK_PAGE_SIZE - 1)

#define VMK_ADDRESS_MASK_64BIT	(~0ULL)
#define VMK_ADDRESS_MASK_39BIT	((1ULL << 39) - 1)
#define VMK_ADDRESS_MASK_32BIT	((1ULL << 32) - 1)
#define VMK_ADDRESS_MASK_31BIT	((1ULL << 31) - 1)

/*
 * Opaque private data handed to every callback, by value.  A transparent
 * union, as in 2.3: a driver may pass a plain pointer (or vmk_VA) where a
 * vmk_AddrCookie parameter is expected.
 */
typedef union {
	vmk_VA addr;
	void *ptr;
} __attribute__((__transparent_union__)) vmk_AddrCookie;

#define VMK_ATTRIBUTE_PRINTF(fmt, first) \
	__attribute__((format(printf, fmt, first)))
#define VMK_ATTRIBUTE_NORETURN	__attribute__((noreturn))
#define VMK_ATTRIBUTE_ALWAYS_INLINE inline __attribute__((always_inline))
#define VMK_LIKELY(x)		__builtin_expect(!!(x), 1)
#define VMK_UNLIKELY(x)		__builtin_expect(!!(x), 0)

#define VMK_STRINGIFY(x)	#x
#define VMK_UTIL_ROUNDUP(x, y)	((((x) + (y) - 1) / (y)) * (y))

/*
 * Handles that several families name (a heap in every create props
 * struct, a memory pool behind a heap or slab): declared once here.
 */
typedef struct vmk_HeapInt *vmk_HeapID;
#define VMK_INVALID_HEAP_ID	((vmk_HeapID)0)
typedef struct vmk_MemPoolInt *vmk_MemPool;
#define VMK_MEMPOOL_INVALID	((vmk_MemPool)0)

/*
 * Handles shared by several execution-context families (worlds, helper
 * queues, worldlets, interrupts), so each family's header can name them.
 * A world ID is the Linux thread ID of the world's task.
 */
typedef vmk_int32 vmk_WorldID;
#define VMK_INVALID_WORLD_ID	((vmk_WorldID)0)

typedef vmk_uint32 vmk_IntrCookie;
#define VMK_INVALID_INTRCOOKIE	((vmk_IntrCookie)~0U)

/*
 * Handles of the device layer (core/vmkapi_device.h, vmkapi_driver.h,
 * vmkapi_bus.h), named here because interrupts, PCI, DMA, char devices
 * and every later subsystem pass them around.
 */
typedef struct vmk_DeviceInt *vmk_Device;
typedef struct vmk_DriverInt *vmk_Driver;
typedef struct vmk_BusTypeInt *vmk_BusType;

#endif /* _VMKAPI_TYPES_H_ */
