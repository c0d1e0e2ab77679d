/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_bh.h - bottom halves (reference section 9.2): a registered
 * callback that runs soon after it is scheduled, on a given CPU, below
 * hardware interrupts and outside any world.  Here a bottom half runs in
 * softirq context (a per-CPU tasklet of the core): it cannot block and
 * should return within 500 microseconds.
 */
#ifndef _VMKAPI_BH_H_
#define _VMKAPI_BH_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

struct vmkBHInt;
typedef struct vmkBHInt *vmk_BHID;

/* The callback: must not block, nor call anything that may. */
typedef void (*vmk_BHCallBack)(vmk_AddrCookie data);

typedef struct vmk_BHProps {
	/* The bottom half is a resource of this (registered) module. */
	vmk_ModuleID moduleID;
	vmk_Name name;
	vmk_BHCallBack callback;
	/* Passed to the callback. */
	void *priv;
} vmk_BHProps;

/*
 * vmk_BHRegister - register a bottom half.  Never blocks; any context
 * but NMI.  VMK_BAD_PARAM for NULL arguments or callback,
 * VMK_INVALID_NAME for an empty or unterminated name, VMK_INVALID_MODULE
 * for an unregistered module, VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_BHRegister(vmk_BHProps *props, vmk_BHID *newBH);

/*
 * vmk_BHUnregister - unregister: a pending run is dropped, and a run in
 * progress on another CPU is waited for (by spinning: callbacks are
 * short), so the callback and its data are unused once this returns
 * (unless it is called from the callback itself).  Never blocks; any
 * context but hard interrupt and NMI.  A bad handle is logged.
 */
void vmk_BHUnregister(vmk_BHID bottomHalf);

/*
 * vmk_BHSchedulePCPU - run the callback once, soon, on CPU pcpu (an IPI
 * when pcpu is not the caller's).  Scheduling a bottom half that is
 * already pending on that CPU does nothing; scheduling it while it runs
 * there runs it once more.  Never blocks; any context but NMI (interrupt
 * acknowledge included).  VMK_INVALID_TARGET for a CPU that does not
 * exist or is offline, VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for an
 * unregistered bottom half.
 */
VMK_ReturnStatus vmk_BHSchedulePCPU(vmk_BHID bottomHalf, vmk_uint32 pcpu);

/*
 * vmk_BHScheduleAnyPCPU - the same, on a CPU of the core's choice (the
 * caller's).  Never blocks; any context but NMI.  A bad handle is
 * logged.
 */
void vmk_BHScheduleAnyPCPU(vmk_BHID bottomHalf);

/*
 * vmk_BottomHalfCheck - run the bottom halves pending on the caller's
 * CPU now, then, if canReschedule, let the scheduler run something else
 * if it wants to.  Blocks only if canReschedule (world context then).
 * Not from hard interrupt or NMI; from a bottom half it does nothing.
 */
void vmk_BottomHalfCheck(vmk_Bool canReschedule);

#endif /* _VMKAPI_BH_H_ */
