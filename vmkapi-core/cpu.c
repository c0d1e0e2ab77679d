// SPDX-License-Identifier: GPL-2.0
/*
 * PCPU numbers: Linux CPU numbers, as the per-CPU machinery uses them;
 * and the current CPU's interrupt state, which maps one to one onto
 * Linux's (traced, so lockdep and the irqsoff tracer see it).
 */
#include "vmkapi_core.h"

#include <linux/cpumask.h>
#include <linux/irqflags.h>
#include <linux/smp.h>

vmk_uint32 vmk_NumPCPUs(void)
{
	return nr_cpu_ids;
}
VMKAPI_EXPORT(vmk_NumPCPUs);

/*
 * The raw read: the contract allows a preemptible caller, for which the
 * answer is a hint, so the debug kernel's smp_processor_id() warning
 * would be wrong here.
 */
vmk_uint32 vmk_GetPCPUNum(void)
{
	return raw_smp_processor_id();
}
VMKAPI_EXPORT(vmk_GetPCPUNum);

void vmk_CPUDisableInterrupts(void)
{
	local_irq_disable();
}
VMKAPI_EXPORT(vmk_CPUDisableInterrupts);

void vmk_CPUEnableInterrupts(void)
{
	local_irq_enable();
}
VMKAPI_EXPORT(vmk_CPUEnableInterrupts);

vmk_Bool vmk_CPUHasIntsEnabled(void)
{
	return irqs_disabled() ? VMK_FALSE : VMK_TRUE;
}
VMKAPI_EXPORT(vmk_CPUHasIntsEnabled);

vmk_CPUFlags vmk_CPUGetFlags(void)
{
	unsigned long flags;

	local_save_flags(flags);
	return flags;
}
VMKAPI_EXPORT(vmk_CPUGetFlags);

void vmk_CPUSetFlags(vmk_CPUFlags flags)
{
	local_irq_restore(flags);
}
VMKAPI_EXPORT(vmk_CPUSetFlags);
