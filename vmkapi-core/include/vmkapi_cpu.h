/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_cpu.h - physical CPU numbers (the platform calls drivers use
 * with per-PCPU storage), and the current CPU's interrupt state.  A PCPU
 * number here is a Linux CPU number: 0 to vmk_NumPCPUs() - 1, of which
 * every possible CPU is valid.
 */
#ifndef _VMKAPI_CPU_H_
#define _VMKAPI_CPU_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

typedef vmk_uint32 vmk_PCPUID;

/*
 * vmk_NumPCPUs - one more than the highest PCPU number the system may
 * ever use (Linux's nr_cpu_ids): the size for a table indexed by PCPU.
 * Context: any; never blocks.
 */
vmk_uint32 vmk_NumPCPUs(void);

/*
 * vmk_GetPCPUNum - the PCPU the caller runs on.  Where the caller can be
 * preempted or migrated (a world, a helper or timer callback) it may run
 * elsewhere by the time it looks: a hint there, exact with preemption
 * or interrupts off (a spinlock held, an interrupt handler, NetPoll).
 * Context: any; never blocks.
 */
vmk_uint32 vmk_GetPCPUNum(void);

/*
 * The current CPU's interrupt state, for code ported from vmklinux: ESXi
 * marks these "native drivers disallowed" (a native driver uses an IRQ
 * spinlock, or nothing: its acknowledge and handler contexts are set up
 * for it).  Interrupts off also means no preemption and no migration;
 * nothing that blocks may be called until they are on again.
 * Context: any; never block.
 */
typedef unsigned long vmk_CPUFlags;

void vmk_CPUDisableInterrupts(void);
void vmk_CPUEnableInterrupts(void);
vmk_Bool vmk_CPUHasIntsEnabled(void);
/* The state to restore later with vmk_CPUSetFlags, on the same CPU. */
vmk_CPUFlags vmk_CPUGetFlags(void);
void vmk_CPUSetFlags(vmk_CPUFlags flags);

#define VMK_ASSERT_CPU_HAS_INTS_ENABLED()	\
	VMK_ASSERT(vmk_CPUHasIntsEnabled())
#define VMK_ASSERT_CPU_HAS_INTS_DISABLED()	\
	VMK_ASSERT(!vmk_CPUHasIntsEnabled())

#endif /* _VMKAPI_CPU_H_ */
