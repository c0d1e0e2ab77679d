/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_intr.h - interrupts (reference section 12).
 *
 * An interrupt cookie names one interrupt source (an MSI/MSI-X vector or
 * a level-triggered line); the bus layer hands cookies out.  A driver
 * registers a pair of callbacks on a cookie:
 *
 *  - the acknowledge runs synchronously in hard-interrupt context with
 *    interrupts off, must not block nor take VMK spinlocks, and has a
 *    budget of about 5 us: it should only acknowledge (or mask) the
 *    interrupt at the device and say whose it was;
 *  - the handler runs afterwards in a real-time kernel thread (the
 *    "interrupt world"): it may be descheduled involuntarily
 *    (preemption, a contended VMK spinlock) but must not block.
 *
 * One Linux interrupt action serves all registrations of a cookie: every
 * registrant's acknowledge is asked in registration order, and the
 * handlers of those that returned VMK_OK run afterwards, one run at a
 * time per cookie.  A level-triggered (shared) cookie's handlers run in
 * its Linux interrupt thread, which keeps the line masked until they
 * ran.  An edge-triggered cookie's (MSI, MSI-X) run in the core's
 * per-CPU handler threads: on the CPU the interrupt arrived on when that
 * CPU was idle, else on an idle CPU nearby, so the handler does not
 * queue behind the work the interrupted CPU is busy with
 * (vmkapi.intr_steer=0 keeps it on the interrupted CPU).  A cookie bound
 * to a world or worldlet (vmk_WorldInterruptSet, vmk_WorldletInterruptSet)
 * keeps its handler on that CPU.  The core keeps per-cookie statistics
 * (counts, acknowledge and handler duration histograms, runs steered to
 * another CPU), shown in /sys/kernel/debug/vmkapi/interrupts.
 */
#ifndef _VMKAPI_INTR_H_
#define _VMKAPI_INTR_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

/*
 * The interrupt handler: runs in an interrupt thread (above) after an
 * acknowledge of the same registration returned VMK_OK.  Acknowledges
 * that return VMK_OK again before it has run are coalesced into one run.
 * May be descheduled involuntarily; must not block (the debug core
 * reports a handler that did, and counts it).
 */
typedef void (*vmk_IntrHandler)(void *handlerData, vmk_IntrCookie intrCookie);

/*
 * The acknowledge: hard-interrupt context, must not block, ~5 us.
 * Returns VMK_OK (ours, acknowledged: run the handler), VMK_IGNORE (ours,
 * acknowledged, no handler needed) or VMK_NOT_THIS_DEVICE (not ours, not
 * acknowledged).  Any other status is logged once per registration and
 * treated as VMK_IGNORE.
 */
typedef VMK_ReturnStatus (*vmk_IntrAcknowledge)(void *handlerData,
						vmk_IntrCookie intrCookie);

/*
 * The interrupt contributes to the entropy pool.  Accepted; Linux mixes
 * the timing of every interrupt into its pool already.
 */
#define VMK_INTR_ATTRS_ENTROPY_SOURCE	(1 << 0)

typedef struct vmk_IntrProps {
	/* The registering device; kept for reports, not checked yet. */
	vmk_Device device;
	/* Names the registration in reports and the interrupt thread. */
	vmk_Name deviceName;
	/* Both callbacks are required. */
	vmk_IntrAcknowledge acknowledgeInterrupt;
	vmk_IntrHandler handler;
	/*
	 * Passed to both callbacks.  On a shared (level-triggered) cookie
	 * it must be non-NULL and unique: it is the key for unregister.
	 */
	void *handlerData;
	/* VMK_INTR_ATTRS_* bits; other bits are refused. */
	vmk_uint64 attrs;
} vmk_IntrProps;

/* A function vmk_IntrWithAllDisabledInvoke runs. */
typedef void (*vmk_IntrDisabledFunc)(vmk_AddrCookie data);

/*
 * vmk_IntrRegister - register an acknowledge/handler pair on a cookie for
 * module @moduleID.  Delivery is not enabled by registering (unless the
 * cookie is already enabled for another registrant of a shared line):
 * see vmk_IntrEnable.  A level-triggered cookie is shareable, every other
 * cookie takes one registration.  The registration is a resource of the
 * module: one left at unload is reported and unregistered.
 * May block; world context only (refused from an interrupt handler).
 * VMK_BAD_PARAM for NULL props, a NULL callback, unknown attrs, an
 * unregistered module, an invalid cookie, or a NULL handlerData on a
 * shared cookie; VMK_EXISTS when handlerData is already registered on the
 * cookie; VMK_BUSY when a non-shared cookie has a registration already;
 * VMK_NO_MEMORY; VMK_FAILURE when Linux refuses the interrupt line.
 */
VMK_ReturnStatus vmk_IntrRegister(vmk_ModuleID moduleID,
				  vmk_IntrCookie intrCookie,
				  vmk_IntrProps *props);

/*
 * vmk_IntrUnregister - remove the registration of @moduleID with
 * @handlerData on the cookie.  Waits until its callbacks are no longer
 * running, so the caller may free what handlerData points to after.
 * May block; world context only: refused from an interrupt handler
 * (from one of the line's own it would wait for itself).
 * VMK_BAD_PARAM for an unregistered module, an invalid cookie, a NULL
 * handlerData on a shared cookie, or a call from an interrupt handler;
 * VMK_FAILURE when no such registration exists.
 */
VMK_ReturnStatus vmk_IntrUnregister(vmk_ModuleID moduleID,
				    vmk_IntrCookie intrCookie,
				    void *handlerData);

/*
 * vmk_IntrEnable - start delivering the cookie's interrupts to its
 * registrations; an interrupt that a non-shared source raised while it
 * was disabled is delivered now.  Never blocks; any context but NMI
 * (interrupt acknowledge and handler included).
 * VMK_BAD_PARAM for an invalid cookie.
 */
VMK_ReturnStatus vmk_IntrEnable(vmk_IntrCookie intrCookie);

/*
 * vmk_IntrDisable - stop delivering the cookie's interrupts.  A
 * non-shared source is masked at its interrupt controller (what it
 * raises meanwhile stays pending); on a shared line the core stops
 * asking this cookie's registrants and tells Linux the interrupt was not
 * theirs, so other devices on the line keep working (keep such a cookie
 * disabled briefly, with the device quiet).  Does not wait for a handler
 * already running: vmk_IntrSync does.  Never blocks; any context but
 * NMI (interrupt acknowledge and handler included).
 * VMK_BAD_PARAM for an invalid cookie.
 */
VMK_ReturnStatus vmk_IntrDisable(vmk_IntrCookie intrCookie);

/*
 * vmk_IntrSync - wait until no acknowledge or handler of the cookie's
 * line runs on any CPU, including a handler whose acknowledge returned
 * VMK_OK before the call.  May block; world context only: refused from
 * an interrupt handler (from one of the line's own it would wait for
 * itself).  VMK_BAD_PARAM for an invalid cookie or a call from an
 * interrupt handler.
 */
VMK_ReturnStatus vmk_IntrSync(vmk_IntrCookie intrCookie);

/*
 * vmk_IntrWithAllDisabledInvoke - run func(data) with interrupts
 * disabled on the current CPU; func must take less than 5 us and must
 * not block.  Never blocks; any context but NMI.
 * VMK_BAD_PARAM for an unregistered module or a NULL func; VMK_OK once
 * func has run.
 */
VMK_ReturnStatus vmk_IntrWithAllDisabledInvoke(vmk_ModuleID moduleID,
					       vmk_IntrDisabledFunc func,
					       vmk_AddrCookie data);

#endif /* _VMKAPI_INTR_H_ */
