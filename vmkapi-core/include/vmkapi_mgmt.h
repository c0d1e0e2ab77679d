/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Management API, kernel side (reference section 21): a driver serves an
 * API signature; user-space tools (through libvmkmgmt) open sessions on
 * it, call its kernel callbacks and receive its user callbacks.  Carried
 * over the core's generic netlink family "vmkapi"
 * (uapi/vmkapi_mgmt_genl.h).
 *
 * Kernel callbacks run in process context (the calling tool's thread for
 * a synchronous one, a core worker for an asynchronous one) and may
 * block.  Nothing serialises them: one callback may run for several
 * sessions at once.  Listing handles and instances is open to every user;
 * opening a session, invoking a callback and reading or writing a key
 * need CAP_NET_ADMIN, because each runs driver code that may change the
 * driver's state.
 */
#ifndef _VMKAPI_MGMT_H_
#define _VMKAPI_MGMT_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#include "vmkapi_mgmt_types.h"

typedef struct vmkMgmtHandleInt *vmk_MgmtHandle;

/* Given by the core when a session starts; never 0. */
typedef vmk_uint64 vmk_MgmtSessionID;

/* As an envelope's sessionId in vmk_MgmtCallbackInvoke: every session. */
#define VMK_MGMT_SESSION_ID_ALL		((vmk_uint64)0)

/*
 * Who a callback is for.  Received by a kernel callback: the instance it
 * was addressed to (or VMK_MGMT_NO_INSTANCE_ID) and the session it came
 * from.  Given to vmk_MgmtCallbackInvoke: the instance it comes from and
 * the session to deliver to (or VMK_MGMT_SESSION_ID_ALL).
 */
typedef struct vmk_MgmtEnvelope {
	vmk_MgmtInstanceID instanceId;
	vmk_MgmtSessionID sessionId;
} vmk_MgmtEnvelope;

/* The cookies a kernel callback receives (first argument). */
typedef struct vmk_MgmtCookies {
	vmk_uint64 handleCookie;	/* vmk_MgmtProps.handleCookie */
	vmk_uint64 sessionCookie;	/* set by the sessionAnnounceFn */
} vmk_MgmtCookies;

/*
 * A session starts (a tool called vmk_MgmtUserInit).  Any non-OK status
 * refuses the session.  *sessionCookie (0 on entry) is handed to every
 * callback of the session and to the sessionCleanupFn.  Process context;
 * may block.
 */
typedef VMK_ReturnStatus (*vmk_MgmtSessionAnnounceFn)(vmk_MgmtHandle handle,
						      vmk_uint64 handleCookie,
						      vmk_MgmtSessionID sessionId,
						      vmk_uint64 *sessionCookie);

/*
 * A session ended: its tool closed it or exited, or the handle is being
 * destroyed.  Runs once the session's callbacks have returned, in
 * process context; may block.  It must not invoke a callback to the
 * session that is ending.
 */
typedef void (*vmk_MgmtSessionCleanupFn)(vmk_MgmtHandle handle,
					 vmk_uint64 handleCookie,
					 vmk_MgmtSessionID sessionId,
					 vmk_AddrCookie sessionCookie);

/*
 * The handle is gone: every call has returned and nothing of it remains
 * in its heap, which the driver may now destroy.  Process context; may
 * block.
 */
typedef void (*vmk_MgmtCleanupFn)(vmk_uint64 handleCookie);

/*
 * A key's value: get fills *keyVal (a vmk_int64 for a LONG key, a buffer
 * of VMK_MGMT_KEY_STRING_MAXLEN bytes for a STRING key, to be
 * NUL-terminated), set reads it.  The cookie is vmk_MgmtProps'
 * handleCookie.  VMK_OK means the function ran.  Process context; may
 * block.
 */
typedef VMK_ReturnStatus (*vmk_MgmtKeyGetFn)(vmk_uint64 cookie, void *keyVal);
typedef VMK_ReturnStatus (*vmk_MgmtKeySetFn)(vmk_uint64 cookie, void *keyVal);

typedef struct vmk_MgmtProps {
	vmk_ModuleID modId;
	/*
	 * The handle, its sessions and every call's parameters are
	 * allocated here; it must outlive the handle (until cleanupFn).
	 */
	vmk_HeapID heapId;
	vmk_MgmtApiSignature *sig;
	vmk_MgmtCleanupFn cleanupFn;			/* may be NULL */
	vmk_MgmtSessionAnnounceFn sessionAnnounceFn;	/* may be NULL */
	vmk_MgmtSessionCleanupFn sessionCleanupFn;	/* may be NULL */
	vmk_uint64 handleCookie;
} vmk_MgmtProps;

/*
 * vmk_MgmtInit - serve @props->sig.  The signature and its callback table
 * are copied.  The handle is a resource of @props->modId: a module that
 * unloads without destroying it has it reported and destroyed (without
 * calling the module's session cleanup or cleanup functions, whose code
 * and state are going away).
 * Context: process; may block.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments, a module that is not
 * registered, a heap that is not live, or an invalid signature (empty or
 * unterminated name, unterminated vendor, more than 256 callbacks, a
 * callback ID that is reserved or repeated, an unknown location or
 * parameter type, more than VMK_MGMT_MAX_CALLBACK_PARMS parameters, a
 * zero or too large size, OUT parameters on a callback that is not a
 * synchronous kernel one, a synchronous user callback, a kernel callback
 * without a function); VMK_EXISTS when a handle with the same name and
 * vendor is being served; VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_MgmtInit(vmk_MgmtProps *props, vmk_MgmtHandle *handle);

/*
 * vmk_MgmtDestroy - stop serving.  New sessions and calls are refused at
 * once; then every running callback is waited for, the remaining
 * sessions end (sessionCleanupFn), the handle is freed and cleanupFn runs.
 * Called from one of the handle's own callbacks it cannot wait for
 * itself: it returns at once and the rest happens when the last running
 * callback returns.  Otherwise all of it is done on return, so the heap
 * may be destroyed right after (at module unload, for example).
 * Context: process; may block.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL; VMK_INVALID_HANDLE for a handle
 * that is not live (destroyed, or being destroyed).
 */
VMK_ReturnStatus vmk_MgmtDestroy(vmk_MgmtHandle handle);

/*
 * vmk_MgmtRegisterInstanceCallbacks - add an instance (a device, say)
 * user space can address, with callbacks that replace the signature's
 * ones of the same callbackId for calls addressed to it (@numCallbacks
 * may be 0).  Each replacement must be a kernel callback of the
 * signature with the same parameters, and a function.  The table is
 * copied (into @heapId).
 * Context: process; may block.
 * Returns VMK_OK; VMK_BAD_PARAM for an instance ID of 0, a NULL or
 * unterminated display name, an unregistered module, a dead heap, or a
 * callback that does not match the signature; VMK_INVALID_HANDLE;
 * VMK_EXISTS when the ID is registered already; VMK_LIMIT_EXCEEDED
 * beyond VMK_MGMT_MAX_INSTANCES; VMK_NO_MEMORY.
 */
VMK_ReturnStatus
vmk_MgmtRegisterInstanceCallbacks(vmk_MgmtHandle handle, vmk_uint64 instanceId,
				  vmk_ModuleID modId, vmk_HeapID heapId,
				  vmk_Name *displayName,
				  vmk_uint32 numCallbacks,
				  vmk_MgmtCallbackInfo *callbacks);

/*
 * vmk_MgmtUnregisterInstanceCallbacks - remove an instance.  Calls to it
 * are refused from now on; the ones running are waited for (unless this
 * is one of them).
 * Context: process; may block.
 * Returns VMK_OK; VMK_BAD_PARAM when @instanceId is not registered;
 * VMK_INVALID_HANDLE.
 */
VMK_ReturnStatus vmk_MgmtUnregisterInstanceCallbacks(vmk_MgmtHandle handle,
						     vmk_uint64 instanceId);

/*
 * vmk_MgmtCallbackInvoke - send a user callback to the session of
 * @envelope->sessionId, or to every session (VMK_MGMT_SESSION_ID_ALL),
 * from instance @envelope->instanceId.  Pass one pointer per parameter
 * of the callback (a vmk_MgmtVectorParm * for a vector).  The parameters
 * are copied at once; delivery happens later and only reaches a tool
 * that serves callbacks (vmk_MgmtUserBegin/Continue).
 * Context: any but NMI; does not block.
 * Returns VMK_OK (queued for delivery); VMK_BAD_PARAM for a NULL
 * envelope or parameter, a callbackId that is not a user callback of the
 * signature, a wrong number of parameters or a bad vector length;
 * VMK_INVALID_HANDLE; VMK_NOT_FOUND when there is no such session (or no
 * session at all, for VMK_MGMT_SESSION_ID_ALL); VMK_NO_MEMORY.
 */
#define vmk_MgmtCallbackInvoke(handle, envelope, callbackId, ...)	\
	vmk_MgmtCallbackInvokeInt(handle, envelope, callbackId,		\
				  VMK_UTIL_NUM_ARGS(__VA_ARGS__),	\
				  ##__VA_ARGS__)

/* What vmk_MgmtCallbackInvoke expands to; not for direct use. */
VMK_ReturnStatus vmk_MgmtCallbackInvokeInt(vmk_MgmtHandle handle,
					   vmk_MgmtEnvelope *envelope,
					   vmk_uint64 callbackId,
					   vmk_uint32 argCount, ...);

/*
 * vmk_MgmtAddKey - a named value user space can get and set through the
 * handle (both functions are required).
 * Context: process; may block.
 * Returns VMK_OK; VMK_BAD_PARAM for an unknown type, an empty or
 * unterminated name, a missing function; VMK_INVALID_HANDLE; VMK_EXISTS
 * for a name already added; VMK_LIMIT_EXCEEDED beyond
 * VMK_MGMT_MAX_KEYS_PER_INSTANCE keys.
 */
VMK_ReturnStatus vmk_MgmtAddKey(vmk_MgmtHandle handle, vmk_MgmtKeyType keyType,
				vmk_Name *keyName, vmk_MgmtKeyGetFn getFn,
				vmk_MgmtKeySetFn setFn);

#endif /* _VMKAPI_MGMT_H_ */
