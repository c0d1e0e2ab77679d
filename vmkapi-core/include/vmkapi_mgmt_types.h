/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Management API types shared by a driver and its user-space tool
 * (reference section 21).  A driver and its tool compile one callback
 * table, the API signature, from one header: in the kernel through
 * vmkapi.h, in user space through libvmkmgmt's vmkapi.h.  Each side
 * defines only the callbacks that run there and #defines the other
 * side's names to NULL, keyed on VMK_BUILDING_FOR_KERNEL_MODE or
 * VMK_BUILDING_FOR_USER_MODE (set here from __KERNEL__ as the original
 * vmkapi.h does).
 *
 * Only plain C here: the same bytes are compiled by the kernel and by
 * user programs.
 */
#ifndef _VMKAPI_MGMT_TYPES_H_
#define _VMKAPI_MGMT_TYPES_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#if defined(__KERNEL__) && !defined(VMK_BUILDING_FOR_USER_MODE)
#ifndef VMK_BUILDING_FOR_KERNEL_MODE
#define VMK_BUILDING_FOR_KERNEL_MODE
#endif
#elif !defined(VMK_BUILDING_FOR_USER_MODE)
#define VMK_BUILDING_FOR_USER_MODE
#endif

/*
 * Payload parameters a callback takes, besides its two leading metadata
 * arguments (kernel: vmk_MgmtCookies *, vmk_MgmtEnvelope *; user: the
 * user cookie and the instance ID, both vmk_uint64).
 */
#define VMK_MGMT_MAX_CALLBACK_PARMS	4

/* Callback IDs 0..VMK_MGMT_RESERVED_CALLBACKS belong to the system. */
#define VMK_MGMT_RESERVED_CALLBACKS	15

typedef vmk_uint64 vmk_MgmtInstanceID;
#define VMK_MGMT_NO_INSTANCE_ID		((vmk_MgmtInstanceID)0)

typedef enum vmk_MgmtKeyType {
	VMK_MGMT_KEY_TYPE_LONG = 1,	/* a vmk_int64 */
	VMK_MGMT_KEY_TYPE_STRING = 2,	/* a string, NUL included */
} vmk_MgmtKeyType;

#define VMK_MGMT_KEY_STRING_MAXLEN	4096
#define VMK_MGMT_MAX_KEYS_PER_INSTANCE	32
#define VMK_MGMT_MAX_INSTANCES		32

typedef enum vmk_MgmtCallbackLocation {
	VMK_MGMT_CALLBACK_KERNEL = 1,
	VMK_MGMT_CALLBACK_USER,
} vmk_MgmtCallbackLocation;

/*
 * How a parameter travels.  OUT and INOUT (vector ones too) are copied
 * back, so they exist only for synchronous kernel callbacks.  A vector
 * parameter is passed as a vmk_MgmtVectorParm *; its parmSizes entry is
 * the size of one element.
 */
typedef enum vmk_MgmtParm {
	VMK_MGMT_PARMTYPE_IN = 0,
	VMK_MGMT_PARMTYPE_OUT,
	VMK_MGMT_PARMTYPE_INOUT,
	VMK_MGMT_PARMTYPE_VECTOR_IN,
	VMK_MGMT_PARMTYPE_VECTOR_OUT,
	VMK_MGMT_PARMTYPE_VECTOR_INOUT,
} vmk_MgmtParmType;

/*
 * One callback of an API.  callback is set only on the side it runs on.
 * The same callback may run concurrently for several callers, even when
 * synchronous (which describes the caller's view only).
 */
typedef struct vmk_MgmtCallbackInfo {
	vmk_MgmtCallbackLocation location;
	void *callback;
	vmk_Bool synchronous;
	vmk_uint8 numParms;
	vmk_uint32 parmSizes[VMK_MGMT_MAX_CALLBACK_PARMS];
	vmk_MgmtParmType parmTypes[VMK_MGMT_MAX_CALLBACK_PARMS];
	/* Unique in the signature, > VMK_MGMT_RESERVED_CALLBACKS. */
	vmk_uint64 callbackId;
} vmk_MgmtCallbackInfo;

/*
 * An API: the kernel serves one (vmk_MgmtInit) per name and vendor; user
 * space connects (vmk_MgmtUserInit) when name, vendor (if given) and the
 * major.minor of version agree, and the callback tables match.
 */
typedef struct vmk_MgmtApiSignature {
	vmk_revnum version;
	vmk_Name name;
	vmk_Name vendor;
	int numCallbacks;
	vmk_MgmtCallbackInfo *callbacks;
} vmk_MgmtApiSignature;

/* A variable-length parameter: length in bytes, a multiple of the unit. */
typedef struct vmk_MgmtVectorParm {
	vmk_ByteCount length;
	void *dataPtr;
} vmk_MgmtVectorParm;

/* The instances registered on a handle, as user space lists them. */
typedef struct vmk_MgmtInstances {
	vmk_uint8 numInstances;
	vmk_uint64 instanceIds[VMK_MGMT_MAX_INSTANCES];
	vmk_Name instanceNames[VMK_MGMT_MAX_INSTANCES];
} vmk_MgmtInstances;

/* How many arguments a variadic macro got (0 to 8). */
#ifndef VMK_UTIL_NUM_ARGS
#define __VMK_UTIL_NTH_ARG(_0, _1, _2, _3, _4, _5, _6, _7, _8, n, ...) n
#define VMK_UTIL_NUM_ARGS(...)						\
	__VMK_UTIL_NTH_ARG(_, ##__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#endif

#endif /* _VMKAPI_MGMT_TYPES_H_ */
