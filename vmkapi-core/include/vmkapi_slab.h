/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Slabs (reference section 6.2, base/vmkapi_slab.h): caches of
 * fixed-size objects that stay constructed while free.
 *
 * The constructor runs once per object, when the slab first takes memory
 * for it; an object that is freed and allocated again keeps whatever
 * state it had (classic slab semantics), except for the slab's control
 * structure when that is placed inside the object (ctrlOffset).  The
 * destructor runs when the slab gives the memory back, at destroy.
 *
 * Contexts: vmk_SlabAlloc and vmk_SlabFree never block and may be called
 * from any context but NMI, including an interrupt acknowledge (the
 * constructor then runs in that context too, and must not block).
 * Create, destroy and vmk_SlabAllocWithTimeout may block: world context.
 */
#ifndef _VMKAPI_SLAB_H_
#define _VMKAPI_SLAB_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmk_SlabIDInt *vmk_SlabID;
#define VMK_INVALID_SLAB_ID	((vmk_SlabID)0)

/* No cap on the number of objects (maxObj). */
#define VMK_SLAB_MAX_UNLIMITED	((vmk_ByteCountSmall)-1)

/*
 * Constructor: prepares one object; must not block.  size may exceed
 * objSize.  A status other than VMK_OK fails the allocation (or the
 * creation, for the minObj objects built up front).  flags is reserved.
 */
typedef VMK_ReturnStatus (*vmk_SlabItemConstructor)(void *object,
						    vmk_ByteCountSmall size,
						    vmk_AddrCookie arg,
						    int flags);
/* Destructor: undoes the constructor before memory goes back. */
typedef void (*vmk_SlabItemDestructor)(void *object, vmk_ByteCountSmall size,
				       vmk_AddrCookie arg);

typedef struct vmk_SlabMemSize {
	vmk_uint32 minPages;
	vmk_uint32 maxPages;
} vmk_SlabMemSize;

typedef enum vmk_SlabType {
	VMK_SLAB_TYPE_SIMPLE = 0,
	VMK_SLAB_TYPE_CUSTOM = 1,
	/* Accounted against a memory pool (typeSpecific.memPool). */
	VMK_SLAB_TYPE_MEMPOOL = 2,
} vmk_SlabType;

typedef struct vmk_SlabCreateProps {
	vmk_SlabType type;
	vmk_Name name;
	vmk_ModuleID module;
	/* 1 .. vmk_SlabGetMaxObjectSize(alignment) bytes. */
	vmk_ByteCountSmall objSize;
	/* A power of two no larger than VMK_PAGE_SIZE; 0 means natural. */
	vmk_ByteCountSmall alignment;
	vmk_SlabItemConstructor constructor;
	vmk_SlabItemDestructor destructor;
	vmk_AddrCookie constructorArg;
	/*
	 * CUSTOM slabs: where, inside a free object, the slab keeps its
	 * control structure (vmk_SlabControlSize() bytes, which hold
	 * garbage after an allocation).  If it does not fit inside objSize
	 * the structure goes after the object, as for SIMPLE slabs.
	 */
	vmk_ByteCountSmall ctrlOffset;
	/* minObj objects are constructed at creation; maxObj caps them. */
	vmk_uint32 minObj;
	vmk_uint32 maxObj;
	vmk_uint32 creationTimeoutMS;
	union {
		struct {
			vmk_MemPhysContiguity physContiguity;
			vmk_MemPhysAddrConstraint physRange;
		} custom;
		struct {
			vmk_MemPhysContiguity physContiguity;
			vmk_MemPhysAddrConstraint physRange;
			vmk_MemPool memPool;
		} memPool;
	} typeSpecific;
} vmk_SlabCreateProps;

typedef struct vmk_SlabGetProps {
	vmk_Name name;
	vmk_ModuleID module;
	vmk_ByteCountSmall objSize;
	vmk_ByteCountSmall alignment;
	vmk_SlabItemConstructor constructor;
	vmk_SlabItemDestructor destructor;
	vmk_AddrCookie constructorArg;
	vmk_ByteCountSmall ctrlOffset;
	vmk_uint32 minObj;
	vmk_uint32 maxObj;
	vmk_MemPhysContiguity physContiguity;
	vmk_MemPhysAddrConstraint physRange;
	vmk_MemPool memPool;
} vmk_SlabGetProps;

/*
 * vmk_SlabCreate - create a cache and construct its minObj objects.
 * May block (world context).  VMK_BAD_PARAM for NULL arguments, a bad
 * size, alignment, type, range or minObj > maxObj; VMK_INVALID_MODULE;
 * VMK_NO_MEMORY; VMK_NO_RESOURCES when the minObj objects do not fit a
 * MEMPOOL slab's pool; or the constructor's own status if it refused one
 * of the minObj objects.  A MEMPOOL slab charges its pool page by page as
 * objects are built (an allocation fails when the pool is at its limit)
 * and gives the pages back at destroy.
 * The slab counts as a resource of props->module.
 */
VMK_ReturnStatus vmk_SlabCreate(vmk_SlabCreateProps *props,
				vmk_SlabID *cache);

/*
 * vmk_SlabAlloc - a constructed object, or NULL when maxObj objects
 * exist, memory is short or the constructor failed.  Never blocks; any
 * context but NMI.
 */
void *vmk_SlabAlloc(vmk_SlabID cache);

/* The same, waiting up to timeoutMS for memory: world context. */
void *vmk_SlabAllocWithTimeout(vmk_SlabID cache, vmk_uint32 timeoutMS);

/*
 * vmk_SlabFree - give an object back; it stays constructed in the slab.
 * Never blocks; any context but NMI.  NULL, an unknown slab or an
 * object that is already free is logged and ignored.
 */
void vmk_SlabFree(vmk_SlabID cache, void *object);

/*
 * vmk_SlabDestroy - run the destructor on every object and free the
 * cache.  May block (world context).  VMK_BUSY, and nothing destroyed,
 * while objects are still allocated; VMK_NOT_FOUND for an unknown or
 * already destroyed slab.
 */
VMK_ReturnStatus vmk_SlabDestroy(vmk_SlabID cache);

/* Bytes of the per-object control structure.  Any context. */
vmk_ByteCountSmall vmk_SlabControlSize(void);

/*
 * vmk_SlabGetMemSize - pages the slab occupies with minObj and with
 * maxObj objects.  Any context.  VMK_BAD_PARAM for inconsistent props,
 * or maxObj unlimited (there is then no maximum to give).
 */
VMK_ReturnStatus vmk_SlabGetMemSize(vmk_SlabCreateProps *props,
				    vmk_SlabMemSize *size);

/* The slab's properties; VMK_NOT_FOUND for an unknown slab.  Any context. */
VMK_ReturnStatus vmk_SlabGetProperties(vmk_SlabID slab,
				       vmk_SlabGetProps *props);

/* The largest objSize a slab of this alignment accepts.  Any context. */
vmk_ByteCountSmall vmk_SlabGetMaxObjectSize(vmk_ByteCountSmall alignment);

#endif /* _VMKAPI_SLAB_H_ */
