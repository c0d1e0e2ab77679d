/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_helper.h - helper queues: work that a driver hands to a pool of
 * worlds, to run later in world context (Linux: a workqueue each).
 */
#ifndef _VMKAPI_HELPER_H_
#define _VMKAPI_HELPER_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

typedef struct vmk_HelperInt *vmk_Helper;
#define VMK_HELPER_INVALID_ID		((vmk_Helper)-1)

/* Tags are equal when this says so; NULL compares the cookies' values. */
typedef vmk_Bool (*vmk_HelperTagComparator)(vmk_AddrCookie tag1,
					    vmk_AddrCookie tag2);
typedef void (*vmk_HelperConstructor)(vmk_AddrCookie arg);
typedef void (*vmk_HelperCancelFunc)(vmk_AddrCookie data);
typedef void (*vmk_HelperRequestFunc)(vmk_AddrCookie data);

typedef struct vmk_HelperMutableProps {
	/* The pool is the kernel's; only maxWorlds has an effect here. */
	vmk_int32 minWorlds;
	/* At most this many requests run at once; 0 or less: the default. */
	vmk_int32 maxWorlds;
	vmk_int32 maxIdleTime;
	vmk_int32 maxRequestBlockTime;
} vmk_HelperMutableProps;

typedef struct {
	vmk_Name name;
	/* Requests are allocated from it; the helper belongs to its module. */
	vmk_HeapID heap;
	vmk_Bool useIrqSpinlock;
	/* Allocate all maxRequests requests at create time. */
	vmk_Bool preallocRequests;
	/* Default for submissions without request props. */
	vmk_Bool blockingSubmit;
	/* Requests submitted and not yet finished or cancelled; at least 1. */
	vmk_uint32 maxRequests;
	vmk_HelperMutableProps mutables;
	vmk_HelperTagComparator tagCompare;
	/* Must be NULL: the kernel's worker threads cannot be hooked. */
	vmk_HelperConstructor constructor;
	vmk_AddrCookie constructorArg;
} vmk_HelperProps;

typedef struct vmk_HelperRequestProps {
	/* Wait for a free request slot instead of failing. */
	vmk_Bool requestMayBlock;
	vmk_AddrCookie tag;
	/* Called for the request if it is cancelled; needs a non-zero tag. */
	vmk_HelperCancelFunc cancelFunc;
	/* Accepted and ignored: there is no per-world accounting. */
	vmk_WorldID worldToBill;
} vmk_HelperRequestProps;

#define VMK_HELPER_DEFAULT_REQ_PROPS	((const vmk_HelperRequestProps *)NULL)

/*
 * vmk_HelperCreate - create a helper queue.  May block; world context
 * only (not from interrupt acknowledge, interrupt handler or NetPoll).
 * VMK_BAD_PARAM for NULL arguments, an invalid heap, maxRequests 0;
 * VMK_INVALID_NAME for an empty or unterminated name; VMK_NOT_SUPPORTED
 * for a constructor; VMK_NO_MEMORY.  The helper counts as a resource of
 * the module that owns props->heap.
 */
VMK_ReturnStatus vmk_HelperCreate(vmk_HelperProps *props, vmk_Helper *helper);

/*
 * vmk_HelperDestroy - destroy a helper queue.  Requests that have not
 * started are cancelled (their cancel functions are called); requests
 * that are running are waited for.  May block; world context only, and
 * never from a request of the same helper (it would wait for itself).
 * VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a dead helper.
 */
VMK_ReturnStatus vmk_HelperDestroy(vmk_Helper helper);

/*
 * vmk_HelperUpdateProps - change the mutable properties.  Only maxWorlds
 * has an effect: it applies shortly after the call returns (requests
 * already running are not stopped).  Never blocks; any context but NMI.
 * VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a dead helper.
 */
VMK_ReturnStatus vmk_HelperUpdateProps(vmk_Helper helper,
				       const vmk_HelperMutableProps *props);

/*
 * vmk_HelperRequestPropsInit - the defaults: non-blocking, tag 0, no
 * cancel function, no world to bill.  Never blocks; any context.
 */
void vmk_HelperRequestPropsInit(vmk_HelperRequestProps *props);

/*
 * vmk_HelperSubmitRequest - run requestFunc(data) once, soon, in a helper
 * world.  Blocks only when the submission may block (props->
 * requestMayBlock, or the helper's blockingSubmit when props is NULL)
 * and maxRequests are outstanding; then world context only.  Otherwise
 * never blocks and may be called from any context but NMI (interrupt
 * acknowledge, interrupt handler and NetPoll included).
 * VMK_BAD_PARAM for a NULL helper or function, or a cancel function
 * without a tag; VMK_INVALID_HANDLE for a dead helper; VMK_NO_RESOURCES
 * when maxRequests are outstanding and the submission may not block;
 * VMK_NO_MEMORY when the heap is full; VMK_DEATH_PENDING when the
 * calling world is destroyed while it waits.
 */
VMK_ReturnStatus vmk_HelperSubmitRequest(vmk_Helper helper,
					 vmk_HelperRequestFunc requestFunc,
					 vmk_AddrCookie data,
					 const vmk_HelperRequestProps *props);

/*
 * vmk_HelperSubmitDelayedRequest - the same, but the request runs no
 * earlier than timeoutMS milliseconds from now.  It counts against
 * maxRequests (and is cancellable) from submission on.
 */
VMK_ReturnStatus vmk_HelperSubmitDelayedRequest(vmk_Helper helper,
						vmk_HelperRequestFunc requestFunc,
						vmk_AddrCookie data,
						vmk_uint32 timeoutMS,
						const vmk_HelperRequestProps *props);

/*
 * vmk_HelperCancelRequest - cancel every request with a tag equal to
 * requestTag that has not started running, calling its cancel function;
 * running and finished requests are not affected.  *numCancelled (may
 * be NULL) is how many were cancelled.  Never blocks, but the tag
 * comparator and the cancel functions run in the caller's context: any
 * context the driver's callbacks allow, but not NMI.
 * VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a dead helper.
 */
VMK_ReturnStatus vmk_HelperCancelRequest(vmk_Helper helper,
					 vmk_AddrCookie requestTag,
					 vmk_uint32 *numCancelled);

/*
 * vmk_HelperCurrentRequestCount - how many requests wait (submitted,
 * not yet running).  Never blocks; any context but NMI.  0 for a bad
 * helper (logged).
 */
vmk_uint32 vmk_HelperCurrentRequestCount(vmk_Helper helper);

#endif /* _VMKAPI_HELPER_H_ */
