/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user half of the management API (reference section 21), as
 * libvmkmgmt implements it over the "vmkapi" generic netlink family.
 * Every call returns 0 or a positive UNIX errno:
 *   ENODEV        vmkapi.ko is not loaded
 *   ENOENT        no driver serves this API (or the instance, the
 *                 callback, the session is gone: the driver unloaded)
 *   EPROTONOSUPPORT  the driver serves another major.minor version
 *   EPROTO        the callback tables differ
 *   EPERM         the caller lacks CAP_NET_ADMIN (a session, a call)
 *   EINVAL        a bad argument (wrong parameter count, vector length)
 * Also vmk_StatusToString and the vmk_Name calls work in user space.
 *
 * Threads: calls on one handle may come from several threads (they are
 * serialised); user callbacks run on one thread, the one of
 * vmk_MgmtUserBegin or vmk_MgmtUserContinue.  User callbacks are void
 * functions (vmk_uint64 userCookie, vmk_uint64 instanceId, parameter
 * pointers...); the pointers are valid during the call only.
 */
#ifndef _VMKAPI_MGMT_LIB_H_
#define _VMKAPI_MGMT_LIB_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmkMgmtUserHandleInt *vmk_MgmtUserHandle;

/*
 * vmk_MgmtUserInit - start a session with the driver serving @sig (same
 * name; same vendor unless @sig's is empty; same major.minor version; the
 * same callback table).  @sig must stay valid until
 * vmk_MgmtUserDestroy.  @userCookie is the first argument of every user
 * callback.
 */
int vmk_MgmtUserInit(vmk_MgmtApiSignature *sig, vmk_uint64 userCookie,
		     vmk_MgmtUserHandle *handle);

/* vmk_MgmtUserGetInstances - the instances the driver registered. */
int vmk_MgmtUserGetInstances(vmk_MgmtUserHandle handle,
			     vmk_MgmtInstances *instances);

/*
 * vmk_MgmtUserBegin - serve the driver's user callbacks on a new thread.
 * vmk_MgmtUserContinue - serve them on the calling thread, until
 * vmk_MgmtUserEnd (from another thread) or an error; then returns.
 * vmk_MgmtUserEnd - stop serving (either); Begin may be called again.
 * Callbacks that arrive while nobody serves wait in the socket, up to
 * its buffer; beyond, the kernel drops them.
 */
int vmk_MgmtUserBegin(vmk_MgmtUserHandle handle);
int vmk_MgmtUserContinue(vmk_MgmtUserHandle handle);
int vmk_MgmtUserEnd(vmk_MgmtUserHandle handle);

/*
 * vmk_MgmtUserDestroy - end the session (the driver's sessionCleanupFn
 * runs) and free the handle, which must not be used again even when
 * this returns an error.
 */
int vmk_MgmtUserDestroy(vmk_MgmtUserHandle handle);

/*
 * vmk_MgmtUserCallbackInvoke - run kernel callback @callbackId (for
 * instance @instanceId, or VMK_MGMT_NO_INSTANCE_ID), one pointer per
 * parameter (a vmk_MgmtVectorParm * for a vector: its length is the
 * capacity of a VECTOR_OUT and the length received afterwards).  A
 * synchronous callback has run when this returns and OUT/INOUT
 * parameters are filled; an asynchronous one is queued.  The callback's
 * own VMK_ReturnStatus is not returned (only that it ran): APIs pass
 * results in parameters.
 */
#define vmk_MgmtUserCallbackInvoke(handle, instanceId, callbackId, ...)	\
	vmk_MgmtUserCallbackInvokeInt(handle, instanceId, callbackId,	\
				      VMK_UTIL_NUM_ARGS(__VA_ARGS__),	\
				      ##__VA_ARGS__)

int vmk_MgmtUserCallbackInvokeInt(vmk_MgmtUserHandle handle,
				  vmk_uint64 instanceId,
				  vmk_uint64 callbackId,
				  vmk_uint32 argCount, ...);

#endif /* _VMKAPI_MGMT_LIB_H_ */
