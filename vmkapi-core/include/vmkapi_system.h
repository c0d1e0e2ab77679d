/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System state and identity (reference section 22, base/vmkapi_system.h).
 * Nothing here blocks; every call may be made from any context.
 */
#ifndef _VMKAPI_SYSTEM_H_
#define _VMKAPI_SYSTEM_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* Longest version string, with its terminating NUL. */
#define VMK_SYSTEM_VERSION_INFO_MAX_LEN	32

typedef enum {
	/* Running normally: neither panicking nor going down. */
	VMK_SYSTEM_STATE_NORMAL = 0,
	/* A panic is in progress (drivers then complete I/O by polling). */
	VMK_SYSTEM_STATE_PANIC = 1,
	/* Halting, powering off or rebooting. */
	VMK_SYSTEM_STATE_UNLOADING = 2,
} vmk_SystemState;

/*
 * Called once, in process context (it may block), when the system halts,
 * powers off or restarts; not on a panic.
 */
typedef void (*vmk_RebootHandler)(void *data);

/* For display only: never parse these to decide behaviour. */
typedef struct {
	const char *productName;
	const char *productVersion;
	const char *buildVersion;
} vmk_SystemVersionInfo;

/*
 * vmk_RegisterRebootHandler - call @handler(@data) before the system goes
 * down.  The handler belongs to the calling module (a macro passes
 * vmk_ModuleCurrentID): it counts as one of its resources, and is dropped
 * if the module unloads with it still registered.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_BAD_PARAM for a NULL @handler; VMK_INVALID_MODULE
 * when the caller is not a registered module; VMK_NO_MEMORY.
 */
VMK_ReturnStatus __vmk_RegisterRebootHandler(vmk_ModuleID module,
					     vmk_RebootHandler handler,
					     void *data);
#define vmk_RegisterRebootHandler(handler, data)			\
	__vmk_RegisterRebootHandler(vmk_ModuleCurrentID, handler, data)

/*
 * vmk_UnregisterRebootHandler - forget one registration of @handler.
 * Context: any; does not block, but does not wait for a handler that is
 * already running either.
 * Returns VMK_OK, or VMK_NOT_FOUND when @handler is not registered (or
 * has already been called).
 */
VMK_ReturnStatus vmk_UnregisterRebootHandler(vmk_RebootHandler handler);

/*
 * vmk_SystemCheckState - is the system in @state right now?  A snapshot:
 * the answer may change as soon as it is returned.  Panicking and going
 * down may both hold.  VMK_FALSE (and a log line) for an unknown state.
 */
vmk_Bool vmk_SystemCheckState(vmk_SystemState state);

/*
 * vmk_SystemGetIDString - a persistent identifier of this machine, as an
 * RFC 4122 UUID string (the firmware's system UUID).  *@id points to
 * storage that lives as long as the system.
 * Returns VMK_OK; VMK_BAD_PARAM for a NULL @id; VMK_FAILURE when the
 * firmware provides no UUID.
 */
VMK_ReturnStatus vmk_SystemGetIDString(const char *id[]);

/*
 * vmk_SystemGetVersionInfo - the running kernel's name, release and build
 * (the strings of uname -s, -r and -v), for display.
 * Returns VMK_OK, or VMK_BAD_PARAM for a NULL @info.
 */
VMK_ReturnStatus vmk_SystemGetVersionInfo(vmk_SystemVersionInfo *info);

#endif /* _VMKAPI_SYSTEM_H_ */
