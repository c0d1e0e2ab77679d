// SPDX-License-Identifier: GPL-2.0
/*
 * PCPU numbers: Linux CPU numbers, as the per-CPU machinery uses them.
 */
#include "vmkapi_core.h"

#include <linux/cpumask.h>
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
