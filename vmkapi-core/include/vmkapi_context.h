/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_context.h - which kind of execution context the caller runs in
 * (reference sections 1 and 12; core/vmkapi_context_incompat.h in 2.3).
 *
 * The Linux contexts map as: NMI -> NMI; hard interrupt, and an
 * interrupt handler the core runs in an interrupt thread (the
 * "interrupt world") -> INTERRUPT; softirq -> BOTTOM_HALF; every other
 * task context (kthread, user process, workqueue, helper, timer queue)
 * -> WORLD.  An interrupt handler counts as INTERRUPT although Linux
 * could let it sleep, because the VMK contract forbids it to block: a
 * driver that asks vmk_ContextTypeCanBlock(vmk_ContextGetCurrentType())
 * gets the answer the contract gives.  No call here blocks; all are
 * callable from any context, NMI included.
 */
#ifndef _VMKAPI_CONTEXT_H_
#define _VMKAPI_CONTEXT_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

typedef enum {
	VMK_CONTEXT_TYPE_UNKNOWN = 0,
	VMK_CONTEXT_TYPE_NMI = 1,
	VMK_CONTEXT_TYPE_INTERRUPT = 2,
	VMK_CONTEXT_TYPE_BOTTOM_HALF = 3,
	VMK_CONTEXT_TYPE_WORLD = 4,
} vmk_ContextType;

/*
 * vmk_ContextGetCurrentType - the caller's context type, as above.
 * Never blocks; any context.
 */
vmk_ContextType vmk_ContextGetCurrentType(void);

/*
 * vmk_ContextIsInterruptHandler - VMK_TRUE when called from an interrupt
 * acknowledge or interrupt handler that the core is running; the
 * cookie being handled is then stored in *intrCookie (if not NULL).
 * Otherwise VMK_FALSE, and *intrCookie is set to VMK_INVALID_INTRCOOKIE.
 * Code that a handler calls counts as the handler; a softirq or another
 * Linux interrupt arriving on top of it does not.
 * Never blocks; any context.
 */
vmk_Bool vmk_ContextIsInterruptHandler(vmk_IntrCookie *intrCookie);

/*
 * vmk_ContextTypeCanBlock - whether code of context @type may block in
 * general: only worlds may.  It says nothing about the caller's current
 * state (a world holding a spinlock must not block either).
 * Never blocks; any context.
 */
vmk_Bool vmk_ContextTypeCanBlock(vmk_ContextType type);

/*
 * vmk_ContextTypeToString - a short name for @type ("unknown" for a value
 * outside the enumeration).  Never blocks; any context.
 */
const char *vmk_ContextTypeToString(vmk_ContextType type);

#endif /* _VMKAPI_CONTEXT_H_ */
