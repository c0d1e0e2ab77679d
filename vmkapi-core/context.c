// SPDX-License-Identifier: GPL-2.0
/*
 * Execution context queries.  The Linux preempt count says NMI, hard IRQ
 * or softirq; an interrupt handler that the core runs in its interrupt
 * thread is the one task context that is not a world (intr.c knows
 * which thread runs a handler).
 */
#include "vmkapi_core.h"

#include <linux/preempt.h>

vmk_ContextType vmk_ContextGetCurrentType(void)
{
	if (in_nmi())
		return VMK_CONTEXT_TYPE_NMI;
	if (in_hardirq())
		return VMK_CONTEXT_TYPE_INTERRUPT;
	if (in_serving_softirq())
		return VMK_CONTEXT_TYPE_BOTTOM_HALF;
	if (vmk_core_intr_current(NULL))
		return VMK_CONTEXT_TYPE_INTERRUPT;
	return VMK_CONTEXT_TYPE_WORLD;
}
VMKAPI_EXPORT(vmk_ContextGetCurrentType);

vmk_Bool vmk_ContextIsInterruptHandler(vmk_IntrCookie *intrCookie)
{
	return vmk_core_intr_current(intrCookie) ? VMK_TRUE : VMK_FALSE;
}
VMKAPI_EXPORT(vmk_ContextIsInterruptHandler);

vmk_Bool vmk_ContextTypeCanBlock(vmk_ContextType type)
{
	return type == VMK_CONTEXT_TYPE_WORLD ? VMK_TRUE : VMK_FALSE;
}
VMKAPI_EXPORT(vmk_ContextTypeCanBlock);

const char *vmk_ContextTypeToString(vmk_ContextType type)
{
	switch (type) {
	case VMK_CONTEXT_TYPE_NMI:
		return "NMI";
	case VMK_CONTEXT_TYPE_INTERRUPT:
		return "interrupt";
	case VMK_CONTEXT_TYPE_BOTTOM_HALF:
		return "bottom half";
	case VMK_CONTEXT_TYPE_WORLD:
		return "world";
	default:
		return "unknown";
	}
}
VMKAPI_EXPORT(vmk_ContextTypeToString);
