/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Log components (reference section 20).
 *
 * A component has a name, an owning module and a current level; a message
 * with minimum level L is printed when the component's level is >= L, so a
 * higher level is more verbose.  Levels can be changed at run time, by the
 * driver or (later) by the management plane.  Messages go to the kernel
 * log with a printk level chosen from the urgency.  No call here blocks;
 * all are callable from any context, including interrupt acknowledge.
 */
#ifndef _VMKAPI_LOGGING_H_
#define _VMKAPI_LOGGING_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#include <linux/stdarg.h>

typedef struct vmk_LogComponentInt *vmk_LogComponent;

#define VMK_INVALID_LOG_HANDLE	((vmk_LogComponent)0)

typedef enum {
	VMK_LOG_URGENCY_DEBUG,
	VMK_LOG_URGENCY_NORMAL,
	VMK_LOG_URGENCY_WARNING,
	VMK_LOG_URGENCY_ALERT
} vmk_LogUrgency;

typedef enum {
	/* Every message is logged. */
	VMK_LOG_THROTTLE_NONE = 0,
	/* Log the 1st, 2nd, 4th, 8th ... message: powers of two. */
	VMK_LOG_THROTTLE_COUNT = 1,
	/* A driver function decides, per message. */
	VMK_LOG_THROTTLE_CUSTOM = 2,
} vmk_LogThrottleType;

/* Custom throttler: VMK_TRUE logs the message.  Must not block. */
typedef vmk_Bool(*vmk_LogThrottleFunc)(void *arg);

typedef struct vmk_LogThrottleProperties {
	vmk_LogThrottleType type;
	union {
		struct {
			vmk_LogThrottleFunc throttler;
			void *arg;
		} custom;
	} info;
} vmk_LogThrottleProperties;

typedef struct vmk_LogProperties {
	vmk_Name name;
	vmk_ModuleID module;
	/* Accounted against once heaps exist; may be VMK_INVALID_HEAP_ID. */
	vmk_HeapID heap;
	vmk_int32 defaultLevel;
	/* NULL for no throttling. */
	const vmk_LogThrottleProperties *throttle;
} vmk_LogProperties;

/*
 * vmk_LogRegister - create a log component.
 * Context: any; does not block (allocates with GFP_ATOMIC semantics).
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments, an unknown throttle
 * type or a CUSTOM throttle without a function; VMK_INVALID_NAME for an
 * empty or unterminated name; VMK_INVALID_MODULE when @props->module is
 * not a registered module; VMK_EXISTS when that module already has a
 * component of that name; VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_LogRegister(const vmk_LogProperties *props,
				 vmk_LogComponent *handle);

/*
 * vmk_LogUnregister - destroy a component.
 * Context: any; does not block.
 * Returns VMK_OK, or VMK_NOT_FOUND for a handle that is not registered
 * (NULL, already unregistered, or never valid).
 */
VMK_ReturnStatus vmk_LogUnregister(vmk_LogComponent handle);

/*
 * vmk_LogHeapAllocSize - bytes a heap must set aside per component.
 * Context: any; does not block.
 */
vmk_ByteCount vmk_LogHeapAllocSize(void);

/*
 * vmk_LogGetName - the component's name; "(invalid)" for a bad handle.
 * Context: any; does not block.
 */
const char *vmk_LogGetName(vmk_LogComponent handle);

/*
 * vmk_LogGetCurrentLogLevel - the component's current level; 0 for a bad
 * handle.  Context: any; does not block.
 */
vmk_int32 vmk_LogGetCurrentLogLevel(vmk_LogComponent handle);

/*
 * vmk_LogSetCurrentLogLevel - change the component's level.
 * Context: any; does not block.
 * Returns VMK_OK, or VMK_NOT_FOUND for a bad handle.
 */
VMK_ReturnStatus vmk_LogSetCurrentLogLevel(vmk_LogComponent handle,
					   vmk_int32 level);

/*
 * vmk_LogFindLogComponentByName - look a component up by module and name.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments; VMK_NOT_FOUND.
 */
VMK_ReturnStatus vmk_LogFindLogComponentByName(vmk_ModuleID id,
					       const vmk_Name *name,
					       vmk_LogComponent *handle);

/*
 * vmk_LogLevel / vmk_vLogLevel - print when the component's level >= @level
 * and its throttle lets the message through.
 * Context: any; does not block.
 * Returns VMK_OK (printed or filtered), VMK_NOT_FOUND for a bad handle,
 * VMK_BAD_PARAM for a NULL format.
 */
VMK_ReturnStatus vmk_vLogLevel(vmk_LogUrgency urgency,
			       vmk_LogComponent handle, vmk_int32 level,
			       const char *fmt, va_list ap);
VMK_ReturnStatus vmk_LogLevel(vmk_LogUrgency urgency,
			      vmk_LogComponent handle, vmk_int32 level,
			      const char *fmt, ...)
	VMK_ATTRIBUTE_PRINTF(4, 5);

/*
 * vmk_LogNoLevel / vmk_vLogNoLevel - print unconditionally, without a
 * component.  Context: any; does not block.
 * Returns VMK_OK, or VMK_BAD_PARAM for a NULL format.
 */
VMK_ReturnStatus vmk_vLogNoLevel(vmk_LogUrgency urgency, const char *fmt,
				 va_list ap);
VMK_ReturnStatus vmk_LogNoLevel(vmk_LogUrgency urgency, const char *fmt, ...)
	VMK_ATTRIBUTE_PRINTF(2, 3);

/*
 * vmk_LogBacktrace / vmk_LogBacktraceMessage - log the current stack.
 * Context: any; does not block.
 * Returns VMK_OK, or VMK_NOT_FOUND for a bad handle.
 */
VMK_ReturnStatus vmk_LogBacktrace(vmk_LogComponent handle);
VMK_ReturnStatus vmk_LogBacktraceMessage(void);

/*
 * Convenience emitters.  They prefix "component: function:line:" as the
 * original macros do.  vmk_LogDebug and vmk_LogDebugMessage compile to
 * nothing unless VMX86_LOG is defined, as on ESXi release builds.
 */
#define vmk_Log(handle, fmt, args...)					\
	vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, handle,			\
		     vmk_LogGetCurrentLogLevel(handle),			\
		     "%s: %s:%d: " fmt "\n", vmk_LogGetName(handle),	\
		     __func__, __LINE__, ##args)
#define vmk_Warning(handle, fmt, args...)				\
	vmk_LogLevel(VMK_LOG_URGENCY_WARNING, handle,			\
		     vmk_LogGetCurrentLogLevel(handle),			\
		     "%s: %s:%d: " fmt "\n", vmk_LogGetName(handle),	\
		     __func__, __LINE__, ##args)
#define vmk_Alert(handle, fmt, args...)					\
	vmk_LogLevel(VMK_LOG_URGENCY_ALERT, handle,			\
		     vmk_LogGetCurrentLogLevel(handle),			\
		     "%s: %s:%d: " fmt "\n", vmk_LogGetName(handle),	\
		     __func__, __LINE__, ##args)
#define vmk_LogMessage(fmt, args...)					\
	vmk_LogNoLevel(VMK_LOG_URGENCY_NORMAL, fmt "\n", ##args)
#define vmk_WarningMessage(fmt, args...)				\
	vmk_LogNoLevel(VMK_LOG_URGENCY_WARNING, fmt "\n", ##args)
#define vmk_AlertMessage(fmt, args...)					\
	vmk_LogNoLevel(VMK_LOG_URGENCY_ALERT, fmt "\n", ##args)

#ifdef VMX86_LOG
#define vmk_LogDebug(handle, min, fmt, args...)				\
	vmk_LogLevel(VMK_LOG_URGENCY_DEBUG, handle, min,		\
		     "%s: %s:%d: " fmt "\n", vmk_LogGetName(handle),	\
		     __func__, __LINE__, ##args)
#define vmk_LogDebugMessage(fmt, args...)				\
	vmk_LogNoLevel(VMK_LOG_URGENCY_NORMAL, fmt "\n", ##args)
#else
#define vmk_LogDebug(handle, min, fmt, args...)	do { } while (0)
#define vmk_LogDebugMessage(fmt, args...)	do { } while (0)
#endif

#endif /* _VMKAPI_LOGGING_H_ */
