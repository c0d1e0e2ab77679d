/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DMA engines and constraints (reference sections 15 and 13.6,
 * core/vmkapi_dma.h and core/vmkapi_dma_incompat.h).
 *
 * A DMA engine is one DMA-capable unit of a device together with what
 * its hardware can address: an address mask, a transfer limit and the
 * rules every scatter-gather element must obey.  A device may have
 * several engines with different constraints; each engine's mappings
 * are checked against its own constraints (and those a bridge above it
 * registered with vmk_DMADeviceRegister).  Mapping turns a
 * machine-address SG array (or one element) into I/O addresses the
 * device can use; a mapping that cannot meet the constraints fails with
 * VMK_DMA_MAPPING_FAILED and the reason, and maps nothing.  This
 * implementation never splits or merges elements: output element i maps
 * input element i, so a driver sees exactly the violation it caused.
 *
 * Coherent memory: 2.3 has no coherent allocation call.  A driver
 * creates an engine with VMK_DMA_ENGINE_FLAGS_COHERENT, allocates memory
 * suiting it (vmk_DMAGetAllocAddrConstraint gives the physical range for
 * a memory pool or heap), and maps it once; such mappings need no flush.
 *
 * An engine belongs to the module that created it: one left at unload
 * is reported, its mappings are unmapped and it is destroyed.
 *
 * Contexts: engine creation and DMA device registration may block (world
 * context only).  Mapping, unmapping, flushing and the queries do not
 * block and may be called from an interrupt handler and NetPoll, but not
 * from an interrupt acknowledge (hard IRQ) or NMI.
 */
#ifndef _VMKAPI_DMA_H_
#define _VMKAPI_DMA_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* The DMA constraints a (bridge) device registered. */
typedef struct vmk_DMADeviceInt *vmk_DMADevice;

#define VMK_DMA_DEVICE_INVALID	((vmk_DMADevice)0)

/* One DMA engine of a device. */
typedef struct vmk_DMAEngineInt *vmk_DMAEngine;

#define VMK_DMA_ENGINE_INVALID	((vmk_DMAEngine)0)

/*
 * What an engine (or a bridge) can do.  Every limit but addressMask may
 * be 0 for "no limit".
 */
typedef struct vmk_DMAConstraints {
	/* Addressable bits: non-zero and contiguous from bit 0, no holes. */
	vmk_IOA addressMask;
	/* Most bytes in one transfer (one SG array or one element). */
	vmk_ByteCount maxTransfer;
	/* Most elements in one SG array. */
	vmk_uint32 sgMaxEntries;
	/* Longest element; at least VMK_PAGE_SIZE. */
	vmk_ByteCountSmall sgElemMaxSize;
	/*
	 * Every element but the last of a transfer is a multiple of this
	 * many bytes; a power of two below VMK_PAGE_SIZE.
	 */
	vmk_ByteCountSmall sgElemSizeMult;
	/* Element start alignment; a power of two up to VMK_PAGE_SIZE (1: none). */
	vmk_ByteCountSmall sgElemAlignment;
	/*
	 * No element may cross a multiple of this; a power of two of at
	 * least VMK_PAGE_SIZE.
	 */
	vmk_IOA sgElemStraddle;
} vmk_DMAConstraints;

typedef enum vmk_DMABouncePoolType {
	VMK_DMA_BOUNCE_POOL_TYPE_NONE = 0,
	VMK_DMA_BOUNCE_POOL_TYPE_UNKNOWN = 1,
} vmk_DMABouncePoolType;

#define VMK_DMA_ENGINE_FLAGS_NONE		0
/*
 * Mappings must be coherent (no flush needed).  Creation fails on a
 * device whose DMA is not cache coherent.
 */
#define VMK_DMA_ENGINE_FLAGS_COHERENT		(1 << 0)
/*
 * Ask for the IOMMU.  Whether a device goes through the IOMMU is the
 * Linux platform's choice; the flag is accepted and mappings use
 * whatever translation the device has.
 */
#define VMK_DMA_ENGINE_FLAGS_REQUEST_IOMMU_MAPPER	(1 << 1)

/*
 * Bounce buffering.  Only type NONE is provided: the driver handles
 * every mapping failure itself (the reference's "bounce NULL" case).
 */
typedef struct {
	vmk_ModuleID module;
	vmk_DMABouncePoolType type;
} vmk_DMABouncePoolProps;

typedef struct vmk_DMAEngineProps {
	/* For messages and debugfs. */
	vmk_Name name;
	/* The owner: the engine is a resource of this module. */
	vmk_ModuleID module;
	/* VMK_DMA_ENGINE_FLAGS_*. */
	vmk_uint32 flags;
	/* The device the engine is part of (it must reach a Linux device). */
	vmk_Device device;
	vmk_DMAConstraints *constraints;
	/* NULL or type NONE. */
	vmk_DMABouncePoolProps *bounce;
} vmk_DMAEngineProps;

typedef struct vmk_DMADeviceProps {
	vmk_Name name;
	vmk_ModuleID module;
	/* The bridge whose constraints apply to every engine below it. */
	vmk_Device device;
	vmk_DMAConstraints *constraints;
} vmk_DMADeviceProps;

typedef enum vmk_DMADirection {
	/* No data moves between the device and memory. */
	VMK_DMA_DIRECTION_NONE = 0,
	/* The device writes memory (receive, read data). */
	VMK_DMA_DIRECTION_TO_MEMORY = 1,
	/* The device reads memory (transmit, write data). */
	VMK_DMA_DIRECTION_FROM_MEMORY = 2,
	/* Both. */
	VMK_DMA_DIRECTION_BIDIRECTIONAL = 3,
} vmk_DMADirection;

typedef enum vmk_DMAMapErrorReason {
	VMK_DMA_MAP_ERROR_REASON_NONE = 0,
	VMK_DMA_MAP_ERROR_UNKNOWN = 1,
	/* The transfer's total length exceeds maxTransfer. */
	VMK_DMA_MAP_ERROR_REASON_TRANSFER_TOO_LARGE = 2,
	/* More elements than sgMaxEntries. */
	VMK_DMA_MAP_ERROR_REASON_TOO_MANY_ENTRIES = 3,
	/* An element is longer than sgElemMaxSize. */
	VMK_DMA_MAP_ERROR_REASON_SG_ELEM_MAX_SIZE = 4,
	/* An element other than the last is not a multiple of sgElemSizeMult. */
	VMK_DMA_MAP_ERROR_REASON_SG_ELEM_SIZE_MULT = 5,
	/* An element crosses a multiple of sgElemStraddle. */
	VMK_DMA_MAP_ERROR_REASON_SG_ELEM_STRADDLE = 6,
	/* An element reaches beyond addressMask. */
	VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ADDRESS = 7,
	/* An element does not start on an sgElemAlignment boundary. */
	VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ALIGNMENT = 8,
	/* The platform could not provide I/O addresses for the transfer. */
	VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE = 9,
} vmk_DMAMapErrorReason;

/*
 * Why a mapping failed: the reason, and in the member of info named
 * after it the limit that was exceeded and the index of the first
 * element that broke it.
 */
typedef struct vmk_DMAMapErrorInfo {
	vmk_DMAMapErrorReason reason;
	union {
		struct {
			vmk_ByteCount maxTransfer;
		} tooLarge;
		struct {
			vmk_uint32 sgMaxEntries;
		} tooManyEntries;
		struct {
			vmk_ByteCountSmall sgElemMaxSize;
			vmk_uint32 badElem;
		} elemMaxSize;
		struct {
			vmk_ByteCount sgElemSizeMult;
			vmk_uint32 badElem;
		} elemSizeMult;
		struct {
			vmk_IOA sgElemStraddle;
			vmk_uint32 badElem;
		} elemStraddle;
		struct {
			vmk_IOA addressMask;
			vmk_uint32 badElem;
		} elemAddress;
		struct {
			vmk_ByteCountSmall sgElemAlignment;
			vmk_uint32 badElem;
		} elemAlignment;
		struct {
			/* Bytes from the start of the transfer that could be mapped. */
			vmk_ByteCount maxMappable;
		} noIOSpace;
	} info;
} vmk_DMAMapErrorInfo;

/* vmk_DMAFlushSg's length for "from offset to the end of the array". */
#define VMK_DMA_FLUSH_SG_ALL	((vmk_ByteCount)~0ULL)

/*
 * vmk_DMADeviceRegister - register the constraints a bridge-like device
 * imposes on DMA passing through it: every engine created afterwards on
 * the device or on any device below it must meet them as well.
 * Only while the device has no DMA engine on it or below it.
 * May block; world context only.
 * VMK_BAD_PARAM: NULL arguments, a device without a Linux device, or
 * invalid constraints (the rules of vmk_DMAEngineCreate).
 * VMK_INVALID_MODULE: props->module is not registered.
 * VMK_EXISTS: the device already registered constraints.
 * VMK_BUSY: an engine exists on the device or below it.
 * VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_DMADeviceRegister(vmk_DMADeviceProps *props,
				       vmk_DMADevice *device);

/*
 * vmk_DMADeviceUnregister - withdraw a device's constraints.  Engines
 * created earlier keep the constraints they were created with.
 * May block; world context only.
 * VMK_BAD_PARAM: not a registered DMA device.
 * VMK_BUSY: an engine still exists on the device or below it.
 */
VMK_ReturnStatus vmk_DMADeviceUnregister(vmk_DMADevice device);

/*
 * vmk_DMAEngineCreate - create an engine on props->device with the given
 * constraints (combined with those of DMA devices registered at or above
 * it).  The Linux device's DMA mask, maximum segment size and segment
 * boundary are widened as needed to let every engine on it map what its
 * own constraints allow; each engine's mappings are checked against its
 * own constraints.
 * May block; world context only.
 * VMK_BAD_PARAM: NULL arguments; a device that is not live or reaches no
 * Linux device; unknown flags; a bounce pool other than type NONE;
 * addressMask 0 or with holes; sgElemMaxSize neither 0 nor at least a
 * page; sgElemSizeMult neither 0 nor a power of two below a page;
 * sgElemAlignment neither 0 nor a power of two up to a page;
 * sgElemStraddle neither 0 nor a power of two of at least a page;
 * COHERENT on a non-coherent device.  A mask narrower than the platform
 * gives devices is accepted: elements beyond it fail to map.
 * VMK_INVALID_MODULE: props->module is not registered.  VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_DMAEngineCreate(vmk_DMAEngineProps *props,
				     vmk_DMAEngine *engine);

/*
 * vmk_DMAEngineDestroy - destroy an engine that has no live mapping.
 * Does not block; not from an interrupt acknowledge.
 * VMK_BAD_PARAM: not a live engine.  VMK_BUSY (nothing destroyed, one
 * line logged): mappings made on it are not all unmapped.
 */
VMK_ReturnStatus vmk_DMAEngineDestroy(vmk_DMAEngine engine);

/*
 * vmk_DMAMapSg - map the machine-address array @in for the engine in
 * @direction; *out is a new I/O-address array with as many elements
 * (element i maps element i of @in), allocated through @sgOps.  The
 * input must stay unchanged while it is mapped.  The mapping implies a
 * flush.  @err (may be NULL) is filled in on VMK_DMA_MAPPING_FAILED.
 * Does not block; not from an interrupt acknowledge.
 * VMK_BAD_PARAM: not a live engine, NULL or empty @in, NULL @out, an
 * unknown direction or NONE.  VMK_INVALID_HANDLE: @sgOps is not live.
 * VMK_DMA_MAPPING_FAILED: a constraint cannot be met (nothing mapped).
 * VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_DMAMapSg(vmk_DMAEngine engine,
			      vmk_DMADirection direction,
			      vmk_SgOpsHandle sgOps,
			      vmk_SgArray *in,
			      vmk_SgArray **out,
			      vmk_DMAMapErrorInfo *err);

/*
 * vmk_DMAFlushSg - make @len bytes from byte @offset of the buffer a
 * mapped array describes (VMK_DMA_FLUSH_SG_ALL: to its end) consistent:
 * FROM_MEMORY after the CPU wrote and before the device reads,
 * TO_MEMORY after the device wrote and before the CPU reads.
 * Does not block; not from an interrupt acknowledge.
 * VMK_BAD_PARAM: not a live engine, NULL @sg, direction NONE or unknown,
 * or one the mapping does not allow, an offset beyond the array.
 * VMK_INVALID_ADDRESS: @sg is not an array this engine mapped.
 */
VMK_ReturnStatus vmk_DMAFlushSg(vmk_DMAEngine engine,
				vmk_DMADirection direction,
				vmk_SgArray *sg,
				vmk_ByteCount offset,
				vmk_ByteCount len);

/*
 * vmk_DMAUnmapSg - unmap an array vmk_DMAMapSg made (direction as when
 * mapped) and free it through @sgOps.  The unmapping implies a flush.
 * Does not block; not from an interrupt acknowledge.
 * VMK_BAD_PARAM: not a live engine, NULL @sg, a direction other than the
 * mapping's.  VMK_INVALID_ADDRESS: @sg is not an array this engine
 * mapped (nothing done).
 */
VMK_ReturnStatus vmk_DMAUnmapSg(vmk_DMAEngine engine,
				vmk_DMADirection direction,
				vmk_SgOpsHandle sgOps,
				vmk_SgArray *sg);

/*
 * vmk_DMAMapElem - map one machine-address range; *out receives its
 * I/O address and length.  @lastElem: the range ends a transfer (so the
 * size-multiple rule does not apply to it).  @err as for vmk_DMAMapSg.
 * Does not block; not from an interrupt acknowledge.
 * VMK_BAD_PARAM: not a live engine, NULL @in or @out, zero length, a
 * bad direction.  VMK_DMA_MAPPING_FAILED (nothing mapped).
 * VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_DMAMapElem(vmk_DMAEngine engine,
				vmk_DMADirection direction,
				vmk_SgElem *in,
				vmk_Bool lastElem,
				vmk_SgElem *out,
				vmk_DMAMapErrorInfo *err);

/*
 * vmk_DMAFlushElem - flush a range vmk_DMAMapElem mapped, as for
 * vmk_DMAFlushSg.  Does not block; not from an interrupt acknowledge.
 * VMK_BAD_PARAM: not a live engine, NULL @IOElem, a bad direction.
 * VMK_INVALID_ADDRESS: @IOElem is not a range this engine mapped.
 */
VMK_ReturnStatus vmk_DMAFlushElem(vmk_DMAEngine engine,
				  vmk_DMADirection direction,
				  vmk_SgElem *IOElem);

/*
 * vmk_DMAUnmapElem - unmap a range vmk_DMAMapElem mapped (the direction
 * as when mapped).  Does not block; not from an interrupt acknowledge.
 * VMK_BAD_PARAM: not a live engine, NULL @IOElem, a direction other
 * than the mapping's.  VMK_INVALID_ADDRESS: @IOElem is not a range this
 * engine mapped (nothing done).
 */
VMK_ReturnStatus vmk_DMAUnmapElem(vmk_DMAEngine engine,
				  vmk_DMADirection direction,
				  vmk_SgElem *IOElem);

/*
 * vmk_DMAGetAllocAddrConstraint - the physical-range constraint for
 * memory allocations (memory pools, heaps) whose machine addresses the
 * engine can reach: the widest range that lies within its address mask.
 * Does not block; any context but NMI.
 * VMK_BAD_PARAM: not a live engine or NULL @con.
 */
VMK_ReturnStatus vmk_DMAGetAllocAddrConstraint(vmk_DMAEngine engine,
					       vmk_MemPhysAddrConstraint *con);

/*
 * vmk_DMAEngineIsIdentityMapped - whether the engine's I/O addresses
 * equal the machine addresses (no IOMMU translation).
 * Does not block; any context but NMI.
 * VMK_BAD_PARAM: not a live engine or NULL @identityMapped.
 */
VMK_ReturnStatus vmk_DMAEngineIsIdentityMapped(vmk_DMAEngine engine,
					       vmk_Bool *identityMapped);

/*
 * vmk_DMADirectionToString, vmk_DMAMapErrorReasonToString - a constant
 * printable name ("unknown" for a value outside the enum).
 * Do not block; any context.
 */
const char *vmk_DMADirectionToString(vmk_DMADirection direction);
const char *vmk_DMAMapErrorReasonToString(vmk_DMAMapErrorReason reason);

#endif /* _VMKAPI_DMA_H_ */
