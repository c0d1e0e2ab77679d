// SPDX-License-Identifier: GPL-2.0
/*
 * vmk_Panic and friends.  The assertion macros of vmkapi_assert.h end
 * here when they fail.
 */
#include "vmkapi_core.h"

#include <linux/panic.h>

#include "vmkapi_internal.h"

/*
 * Long enough for a driver's message plus its module's name; panic()
 * itself prints at most 1 KiB.
 */
#define VMK_PANIC_MSG_MAX	512

/*
 * The message of a vmk_Panic: "<module>: <message>".  The module is named
 * when registered and numbered otherwise; a NULL format is reported as
 * such rather than taken down with a second fault.  Never blocks.
 * Returns the length of the result (truncated to @len - 1).
 */
int vmk_core_panic_format(char *buf, size_t len, vmk_ModuleID id,
			  const char *fmt, va_list ap)
{
	char module[VMK_MODULE_NAME_MAX];
	int used;

	if (!len)
		return 0;
	if (vmk_core_module_name(id, module, sizeof(module)))
		snprintf(module, sizeof(module), "module %d", id);
	used = scnprintf(buf, len, "%s: ", module);
	if (fmt)
		used += vscnprintf(buf + used, len - used, fmt, ap);
	else
		used += scnprintf(buf + used, len - used, "(no message)");
	return used;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_panic_format, VMKAPI_INTERNAL);

void vmk_vPanic(vmk_ModuleID moduleID, const char *fmt, va_list ap)
{
	char msg[VMK_PANIC_MSG_MAX];
	va_list args;

	/* Drivers asking vmk_SystemCheckState() see the panic from now on. */
	vmk_core_system_set_panicking();
	va_copy(args, ap);
	vmk_core_panic_format(msg, sizeof(msg), moduleID, fmt, args);
	va_end(args);
	panic("%s\n", msg);
}
VMKAPI_EXPORT(vmk_vPanic);

void vmk_PanicWithModuleID(vmk_ModuleID moduleID, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmk_vPanic(moduleID, fmt, ap);
}
VMKAPI_EXPORT(vmk_PanicWithModuleID);
