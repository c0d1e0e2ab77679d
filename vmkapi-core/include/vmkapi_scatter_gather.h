/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scatter-gather arrays (reference section 16, core/vmkapi_scatter_gather.h).
 *
 * A scatter-gather array lists the address ranges behind one buffer:
 * either machine addresses (what vmk_SgInit and vmk_SgAllocWithInit
 * produce for a kernel buffer) or I/O addresses (what DMA mapping
 * produces from a machine-address array), never both in one array.  The
 * layout of elements and arrays is part of the ABI and matches 2.3
 * exactly: drivers read and write elem[] directly.
 *
 * Arrays are allocated through an ops handle, which either allocates them
 * from a heap or calls the driver's own alloc and free callbacks.  The
 * handle belongs to the heap's module: one left at unload is reported and
 * reclaimed.
 *
 * Contexts: nothing here blocks.  Arrays may be allocated, filled, copied
 * and freed from any context except NMI, including an interrupt
 * acknowledge, an interrupt handler and NetPoll, provided custom
 * alloc/free callbacks honour the same rule (they must not block).
 * Handles are created and destroyed in any context but an interrupt
 * acknowledge (hard IRQ) and NMI.  A handle must not be used while it is
 * being destroyed.
 */
#ifndef _VMKAPI_SCATTER_GATHER_H_
#define _VMKAPI_SCATTER_GATHER_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* One contiguous range of machine or I/O addresses (16 bytes). */
typedef struct vmk_SgElem {
	union {
		/* Start of a machine-address range. */
		vmk_MA addr;
		/* Start of an I/O-address range. */
		vmk_IOA ioAddr;
	};
	vmk_ByteCountSmall length;
	vmk_uint32 reserved;
} vmk_SgElem;

/*
 * An array of maxElems elements of which the first numElems are in use
 * (a 24-byte header, then the elements).
 */
typedef struct vmk_SgArray {
	vmk_uint32 maxElems;
	vmk_uint32 numElems;
	vmk_uint64 reserved;
	vmk_uint64 reserved2;
	vmk_SgElem elem[];
} vmk_SgArray;

typedef struct vmk_SgOpsHandleInt *vmk_SgOpsHandle;
typedef struct vmk_SgComponentOpsHandleInt *vmk_SgComponentOpsHandle;

/* Which form of a vmk_SgPosition is filled in. */
typedef enum vmk_SgPositionType {
	VMK_SG_POSITION_TYPE_NONE = 0,
	VMK_SG_POSITION_TYPE_UNKNOWN = 1,
	/* bufferOffset: bytes from the start of the described buffer. */
	VMK_SG_POSITION_TYPE_BUFFER_OFFSET = 2,
	/* element: an element index and bytes from that element's start. */
	VMK_SG_POSITION_TYPE_ELEMENT = 3,
} vmk_SgPositionType;

/* A point in the buffer an array describes, in one of two forms. */
typedef struct vmk_SgPosition {
	vmk_SgArray *sg;
	vmk_SgPositionType type;
	union {
		struct {
			vmk_ByteCount offset;
		} bufferOffset;
		struct {
			vmk_uint32 element;
			vmk_ByteCountSmall offset;
		} element;
	};
} vmk_SgPosition;

/*
 * One piece of an I/O to a data object (storage): ioLength bytes at
 * byte ioOffset of the object, transferred to or from the memory sg
 * describes.
 */
typedef struct vmk_SgComponent {
	vmk_ByteCount ioOffset;
	vmk_ByteCount ioLength;
	vmk_SgArray *sg;
} vmk_SgComponent;

/* maxComponents pieces of which the first numComponents are in use. */
typedef struct vmk_SgComponentArray {
	vmk_int32 maxComponents;
	vmk_int32 numComponents;
	vmk_uint64 reserved;
	vmk_uint64 reserved2;
	vmk_SgComponent sgComponent[];
} vmk_SgComponentArray;

/*
 * vmk_SgComputeAllocSize - bytes an array of maxElems elements occupies,
 * for sizing heaps and for custom alloc callbacks.  Any context.
 */
static inline vmk_ByteCount vmk_SgComputeAllocSize(vmk_uint32 maxElems)
{
	return sizeof(vmk_SgArray) + (vmk_ByteCount)maxElems *
	       sizeof(vmk_SgElem);
}

/*
 * Custom allocation: return in *sg an array of at least numElems
 * elements with maxElems set and numElems 0.  Must not block (it runs in
 * the context of vmk_SgAlloc's caller).  VMK_OK or VMK_NO_MEMORY.
 */
typedef VMK_ReturnStatus (*vmk_SgArrayOpAlloc)(vmk_SgOpsHandle handle,
					       vmk_SgArray **sg,
					       vmk_uint32 numElems,
					       void *private);

/* Custom free of an array the alloc callback returned.  Must not block. */
typedef VMK_ReturnStatus (*vmk_SgArrayOpFree)(vmk_SgOpsHandle handle,
					      vmk_SgArray *sg,
					      void *private);

/* Both callbacks, or neither (pass NULL ops for heap allocation). */
typedef struct vmk_SgArrayOps {
	vmk_SgArrayOpAlloc alloc;
	vmk_SgArrayOpFree free;
} vmk_SgArrayOps;

/* The same pair for component arrays (maxComponents pieces). */
typedef VMK_ReturnStatus (*vmk_SgComponentArrayOpAlloc)(
	vmk_SgComponentOpsHandle handle,
	vmk_SgComponentArray **sgComponent,
	vmk_uint32 maxComponents,
	void *private);

typedef VMK_ReturnStatus (*vmk_SgComponentArrayOpFree)(
	vmk_SgComponentOpsHandle handle,
	vmk_SgComponentArray *sgComponent,
	void *private);

typedef struct vmk_SgComponentArrayOps {
	vmk_SgComponentArrayOpAlloc alloc;
	vmk_SgComponentArrayOpFree free;
} vmk_SgComponentArrayOps;

/*
 * vmk_SgComputeMaxEntries - the most elements a machine-address array
 * for the size bytes at bufferStart can need: one per page the buffer
 * touches.  Does not block; any context but NMI.
 * VMK_BAD_PARAM: NULL bufferStart or numElems, size 0, or a range that
 * wraps.  VMK_LIMIT_EXCEEDED: more than 2^32 - 1 elements.
 */
VMK_ReturnStatus vmk_SgComputeMaxEntries(void *bufferStart,
					 vmk_ByteCount size,
					 vmk_uint32 *numElems);

/*
 * vmk_SgCreateOpsHandle - make a handle through which arrays are
 * allocated and freed.  With ops NULL arrays come from heapId; otherwise
 * from ops->alloc and ops->free (both required, neither may block), which
 * get private.  The handle itself is allocated from heapId and counts as
 * a resource of the heap's module.  Does not block; not from an
 * interrupt acknowledge.  VMK_BAD_PARAM: NULL handle, a heap that is not
 * live, or ops with a NULL callback.  VMK_INVALID_MODULE: the heap's
 * module is gone.  VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_SgCreateOpsHandle(vmk_HeapID heapId,
				       vmk_SgOpsHandle *handle,
				       vmk_SgArrayOps *ops,
				       void *private);

/*
 * vmk_SgDestroyOpsHandle - destroy a handle.  Does not block; not from an
 * interrupt acknowledge.  VMK_BUSY (nothing destroyed): arrays allocated
 * through the handle are not all freed yet.  VMK_BAD_PARAM (NULL) or
 * VMK_INVALID_HANDLE (not a live handle).
 */
VMK_ReturnStatus vmk_SgDestroyOpsHandle(vmk_SgOpsHandle handle);

/*
 * vmk_SgAlloc - allocate an array of maxElements elements, numElems 0;
 * with the default ops its elements and reserved fields are zeroed.
 * Does not block; any context but NMI.
 * VMK_BAD_PARAM: NULL sg or maxElements 0.  VMK_INVALID_HANDLE.
 * VMK_NO_MEMORY (heap full, or the array would not fit an allocation).
 * A custom alloc callback's failure status is returned as is; one that
 * returns VMK_OK with no array, or a smaller one, gives VMK_FAILURE.
 */
VMK_ReturnStatus vmk_SgAlloc(vmk_SgOpsHandle handle, vmk_SgArray **sg,
			     vmk_uint32 maxElements);

/*
 * vmk_SgAllocWithInit - allocate a machine-address array describing the
 * size bytes at bufferStart and fill it: one element per physically
 * contiguous run (a kmalloc buffer is one element; a vmalloc buffer has
 * an element per run of physically adjacent pages).  maxElems and
 * numElems are the number of runs.  bufferStart must be a kernel address
 * (direct map, vmalloc or module space).  Does not block; any context
 * but NMI.
 * VMK_BAD_PARAM: NULL sg or bufferStart, size 0 or a wrapping range.
 * VMK_INVALID_ADDRESS: part of the buffer is not mapped kernel memory.
 * VMK_INVALID_HANDLE, VMK_NO_MEMORY, or vmk_SgAlloc's failures.
 */
VMK_ReturnStatus vmk_SgAllocWithInit(vmk_SgOpsHandle handle,
				     vmk_SgArray **sg, void *bufferStart,
				     vmk_ByteCount size);

/*
 * vmk_SgInit - fill sg, from element initSGEntry on, with the machine
 * ranges behind the size bytes at bufferStart (as vmk_SgAllocWithInit),
 * and set numElems to initSGEntry plus the elements written.  Elements
 * before initSGEntry are left as they are.  On failure the array is not
 * changed.  Does not block; any context but NMI.
 * VMK_LIMIT_EXCEEDED: the runs do not fit in maxElems - initSGEntry
 * elements (vmk_SgComputeMaxEntries gives a size that always fits).
 * VMK_BAD_PARAM: NULL sg or bufferStart, size 0, a wrapping range, or
 * initSGEntry > maxElems.  VMK_INVALID_ADDRESS: part of the buffer is
 * not mapped kernel memory.  VMK_INVALID_HANDLE.
 */
VMK_ReturnStatus vmk_SgInit(vmk_SgOpsHandle handle, vmk_SgArray *sg,
			    void *bufferStart, vmk_ByteCount size,
			    vmk_uint32 initSGEntry);

/*
 * vmk_SgFree - free an array allocated through the same handle.  Does
 * not block; any context but NMI.  VMK_BAD_PARAM (NULL sg),
 * VMK_INVALID_HANDLE, or the custom free callback's status.
 */
VMK_ReturnStatus vmk_SgFree(vmk_SgOpsHandle handle, vmk_SgArray *sgArray);

/*
 * vmk_SgCopyData - copy bytesToCopy bytes of the data behind the source
 * machine-address array, starting at source, to the memory behind the
 * dest array, starting at dest.  *totalBytesCopied is what was copied,
 * also on failure.  Overlapping source and destination ranges give an
 * undefined result.  Does not block; any context but NMI.
 * VMK_BAD_PARAM: NULL arguments, a position of another type than
 * BUFFER_OFFSET or ELEMENT, or a position outside its array's data.
 * VMK_FAILURE: either array ended before bytesToCopy bytes, or an
 * address in either is not RAM the kernel knows (some bytes may have
 * been copied).
 */
VMK_ReturnStatus vmk_SgCopyData(vmk_SgPosition *dest,
				vmk_SgPosition *source,
				vmk_ByteCount bytesToCopy,
				vmk_ByteCount *totalBytesCopied);

/*
 * vmk_SgFindPosition - the element and the offset into it for byte
 * bufOffset of the buffer an array describes (the sum of the lengths of
 * its first numElems elements).  position gets sg, type
 * VMK_SG_POSITION_TYPE_ELEMENT and the element form.  Does not block;
 * any context but NMI.  VMK_BAD_PARAM: NULL arguments, or bufOffset not
 * below the array's data length.
 */
VMK_ReturnStatus vmk_SgFindPosition(vmk_SgArray *sgArray,
				    vmk_ByteCount bufOffset,
				    vmk_SgPosition *position);

/*
 * vmk_SgGetDataLen - the bytes an array describes: the sum of the
 * lengths of its first numElems elements (0 for NULL).  Any context.
 */
vmk_ByteCount vmk_SgGetDataLen(vmk_SgArray *sgArray);

/*
 * vmk_SgCopyTo / vmk_SgCopyFrom - copy dataLen bytes from a kernel
 * buffer into the memory a machine-address array describes, or from it
 * to the buffer, from the array's start.  Does not block; any context
 * but NMI.  VMK_BAD_PARAM: NULL arguments.  VMK_FAILURE: the array is
 * shorter than dataLen or names memory that is not RAM (some bytes may
 * have been copied).
 */
VMK_ReturnStatus vmk_SgCopyTo(vmk_SgArray *sgArray, void *dataBuffer,
			      vmk_ByteCount dataLen);
VMK_ReturnStatus vmk_SgCopyFrom(void *dataBuffer, vmk_SgArray *sgArray,
				vmk_ByteCount dataLen);

/*
 * Component arrays, through their own kind of ops handle; everything as
 * for vmk_SgCreateOpsHandle, vmk_SgDestroyOpsHandle, vmk_SgAlloc and
 * vmk_SgFree, with these differences: vmk_SgComponentAlloc also refuses
 * (VMK_BAD_PARAM) a maxLength above 2^31 - 1 (the counts are signed),
 * and with the default ops every component is zeroed (sg NULL).  The sg
 * arrays the components point at are the caller's and are not freed.
 */
VMK_ReturnStatus vmk_SgComponentCreateOpsHandle(vmk_HeapID heapId,
						vmk_SgComponentOpsHandle *handle,
						vmk_SgComponentArrayOps *ops,
						void *private);
VMK_ReturnStatus vmk_SgComponentDestroyOpsHandle(vmk_SgComponentOpsHandle handle);
VMK_ReturnStatus vmk_SgComponentAlloc(vmk_SgComponentOpsHandle handle,
				      vmk_SgComponentArray **sgComponent,
				      vmk_uint32 maxLength);
VMK_ReturnStatus vmk_SgComponentFree(vmk_SgComponentOpsHandle handle,
				     vmk_SgComponentArray *sgComponentArray);

/*
 * vmk_SgComponentGetDataLen - the bytes of the whole I/O: the sum of the
 * first numComponents ioLength fields (0 for NULL or a corrupt count).
 * Any context but NMI.
 */
vmk_ByteCount vmk_SgComponentGetDataLen(vmk_SgComponentArray *sgComponentArray);

#endif /* _VMKAPI_SCATTER_GATHER_H_ */
