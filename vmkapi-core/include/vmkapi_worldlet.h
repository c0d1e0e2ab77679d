/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_worldlet.h - worldlets (reference section 9.1): a function that
 * runs soon after it is activated, in a high-priority schedulable
 * context that must not block.  Deprecated in 2.3 in favour of worlds,
 * kept for drivers that still use them.
 *
 * Here a worldlet runs on a per-CPU SCHED_FIFO kernel thread, on the CPU
 * where it was activated or the CPU its affinity names.  The function
 * may be preempted (by higher-priority threads and interrupts), and may
 * take VMK spinlocks, but must not block: the debug kernel reports a
 * sleep inside it.  Callers must not hold locks of the worldlet rank
 * (there is none here; every call below is safe under any VMK lock).
 */
#ifndef _VMKAPI_WORLDLET_H_
#define _VMKAPI_WORLDLET_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

/* Service accounting is not emulated: the ID is accepted and ignored. */
#ifndef VMK_SERVICE_ACCT_ID_DEFINED
#define VMK_SERVICE_ACCT_ID_DEFINED
typedef vmk_uint64 vmk_ServiceAcctID;
#endif

typedef struct vmk_WorldletInt *vmk_Worldlet;
#define VMK_INVALID_WORLDLET	((vmk_Worldlet)0)

typedef vmk_uint32 vmk_WorldletID;
#define VMK_INVALID_WORLDLET_ID	((vmk_WorldletID)-1)

/* Options tune ESX's worldlet scheduler; see vmk_WorldletOptionSet. */
typedef enum vmk_WorldletOptions {
	VMK_WDT_OPT_FORCE_IPI_DISPATCH,
	VMK_WDT_OPT_NON_INTERFERING,
	VMK_WDT_OPT_ACTION_AFFINITY,
	VMK_WDT_OPT_ENABLED_VMKSTATS,
} vmk_WorldletOptions;

typedef enum {
	/* Drop the driver's reference (vmk_WorldletUnref), then SUSPEND. */
	VMK_WDT_RELEASE = 1,
	/* Run again only after the next vmk_WorldletActivate. */
	VMK_WDT_SUSPEND = 2,
	/* Run again soon, without a new activation. */
	VMK_WDT_READY = 4,
} vmk_WorldletState;

typedef struct vmk_WorldletRunData {
	/* Set by the function before it returns; VMK_WDT_SUSPEND if not. */
	vmk_WorldletState state;
	/* Counters the function may set per run; the core sums them. */
	vmk_uint64 userData1;
	vmk_uint64 userData2;
} vmk_WorldletRunData;

typedef enum {
	/* Run on the target's CPU. */
	VMK_WDT_AFFINITY_EXACT = 0,
	/*
	 * Run near the target: on the activating CPU if it is an SMT
	 * sibling of the target's CPU (no IPI), else on the target's CPU.
	 */
	VMK_WDT_AFFINITY_LOOSE = 1,
} vmk_WorldletAffinityType;

/*
 * The worldlet function.  Must not block (it may be preempted, and may
 * take VMK spinlocks).  Sets runData->state; its return value is
 * ignored (VMK_OK by convention).
 */
typedef VMK_ReturnStatus (*vmk_WorldletFn)(vmk_Worldlet wdt, void *data,
					   vmk_WorldletRunData *runData);

/*
 * vmk_WorldletAllocSize - bytes a heap must set aside for one worldlet
 * (its allocation header included).  Any context; never blocks.
 */
vmk_ByteCount vmk_WorldletAllocSize(void);

/*
 * vmk_WorldletCreate - create a worldlet, enabled and suspended (it runs
 * once activated), with one reference for the caller.
 * Its memory comes from heapID; it is a resource of moduleID until it is
 * freed (vmk_ModuleUnregister refuses while it lives; an unload reclaims
 * it).  serviceID is accepted and ignored.  Never blocks; any context but
 * NMI (interrupt acknowledge, interrupt handler and NetPoll included).
 * VMK_BAD_PARAM for a NULL worldlet pointer or function or a dead heap,
 * VMK_INVALID_NAME for a NULL or unterminated name, VMK_INVALID_MODULE
 * for an unregistered module, VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_WorldletCreate(vmk_Worldlet *worldlet, vmk_Name *name,
				    vmk_ServiceAcctID serviceID,
				    vmk_ModuleID moduleID, vmk_HeapID heapID,
				    vmk_WorldletFn worldletFn, void *private);

/*
 * vmk_WorldletCheckState - VMK_WDT_READY while the worldlet owes a run
 * (queued, running, or activated while disabled), VMK_WDT_RELEASE once
 * its driver reference is gone, else VMK_WDT_SUSPEND.  Never blocks; any
 * context but NMI.  VMK_BAD_PARAM for a NULL state or worldlet,
 * VMK_INVALID_HANDLE for a dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletCheckState(vmk_Worldlet worldlet,
					vmk_WorldletState *state);

/*
 * vmk_WorldletActivate - the function runs at least once after this
 * call (once the worldlet is enabled, if it is disabled).  Activations
 * of a worldlet that is already queued coalesce into its one pending
 * run; activating a running worldlet makes it run once more afterwards.
 * Never blocks; any context but NMI (interrupt acknowledge, interrupt
 * handler and NetPoll included).  VMK_BAD_PARAM for NULL,
 * VMK_INVALID_HANDLE for a dead or released worldlet.
 */
VMK_ReturnStatus vmk_WorldletActivate(vmk_Worldlet worldlet);

/*
 * vmk_WorldletUnref / vmk_WorldletUnrefWithData - drop the reference
 * vmk_WorldletCreate gave; the worldlet is freed once no run is queued
 * or running (at once if it is quiesced: disable, wait for quiesce, then
 * unref).  UnrefWithData also returns the private data.  Never blocks;
 * any context but NMI, the worldlet's own function included.
 * VMK_BUSY (nothing dropped) while other worldlets have affinity to it;
 * VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a dead or already
 * released worldlet.
 */
VMK_ReturnStatus vmk_WorldletUnref(vmk_Worldlet worldlet);
VMK_ReturnStatus vmk_WorldletUnrefWithData(vmk_Worldlet worldlet,
					   void **private);

/*
 * vmk_WorldletReapSync - wait until the worldlet with this ID is freed
 * (its memory back in its heap), so the heap may be destroyed.  VMK_OK
 * at once for an ID that is not live.  May block; world context only.
 * VMK_DEATH_PENDING when the calling world is destroyed while it waits;
 * VMK_BUSY (no wait) when the worldlet still has its driver reference,
 * since nothing would ever free it; VMK_BAD_PARAM for
 * VMK_INVALID_WORLDLET_ID.
 */
VMK_ReturnStatus vmk_WorldletReapSync(vmk_WorldletID id);

/*
 * vmk_WorldletShouldYield - from a worldlet's own function: *yield is
 * VMK_TRUE when it should return (READY, to be continued) because
 * another task wants the CPU or it has run for a millisecond.  Never
 * blocks.  VMK_INVALID_HANDLE when worldlet is not the one running in
 * the caller's context; VMK_BAD_PARAM for a NULL yield.
 */
VMK_ReturnStatus vmk_WorldletShouldYield(vmk_Worldlet worldlet,
					 vmk_Bool *yield);

/*
 * vmk_WorldletGetCurrent - the worldlet whose function is running in the
 * caller's context, and its private data (private may be NULL).  Never
 * blocks; any context.  VMK_NOT_FOUND outside a worldlet function;
 * VMK_BAD_PARAM for a NULL worldlet pointer.
 */
VMK_ReturnStatus vmk_WorldletGetCurrent(vmk_Worldlet *worldlet,
					void **private);

/*
 * vmk_WorldletGetFn - the worldlet's function.  Never blocks; any
 * context but NMI.  VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a
 * dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletGetFn(vmk_Worldlet worldlet,
				   vmk_WorldletFn *worldletFn);

/*
 * vmk_WorldletSetAffinityToWorldlet - run worldlet where target last
 * ran (or is queued); NULL target removes the affinity.  The target is
 * referenced until the affinity is removed or changed, and cannot be
 * unreferenced meanwhile (VMK_BUSY).  Applies from the next activation.
 * Never blocks; any context but NMI.  VMK_BAD_PARAM for a NULL worldlet,
 * an unknown type, itself or a cycle as target; VMK_INVALID_HANDLE for a
 * dead worldlet or target.
 */
VMK_ReturnStatus vmk_WorldletSetAffinityToWorldlet(vmk_Worldlet worldlet,
						   vmk_Worldlet target,
						   vmk_WorldletAffinityType type);

/*
 * vmk_WorldletSetAffinityToWorld - run worldlet on the CPU where the
 * world (a task: its ID is the thread ID) is, at each activation;
 * VMK_INVALID_WORLD_ID removes the affinity.  If the world exits, the
 * worldlet runs where it is activated.  Never blocks; any context but
 * NMI.  VMK_BAD_PARAM for a NULL worldlet or an unknown type;
 * VMK_INVALID_HANDLE for a dead worldlet or a world that does not exist.
 */
VMK_ReturnStatus vmk_WorldletSetAffinityToWorld(vmk_Worldlet worldlet,
						vmk_WorldID target,
						vmk_WorldletAffinityType type);

/*
 * vmk_WorldletInterruptSet - have @intrCookie's interrupt follow the
 * worldlet: it is delivered on the CPU where the worldlet last ran (or,
 * before its first run, the caller's), and moved when the worldlet runs
 * on another CPU.  One cookie per worldlet; a new one replaces it.
 * Never blocks; any context but interrupt acknowledge and NMI.
 * VMK_BAD_PARAM for a NULL worldlet or a cookie that is not live,
 * VMK_INVALID_HANDLE for a dead worldlet, VMK_FAILURE when the interrupt
 * cannot be steered (then nothing follows the worldlet).
 */
VMK_ReturnStatus vmk_WorldletInterruptSet(vmk_Worldlet worldlet,
					 vmk_IntrCookie intrCookie);

/*
 * vmk_WorldletInterruptUnSet - the worldlet's interrupt no longer follows
 * it and may go to any online CPU again (VMK_OK also when none did).
 * Context as for vmk_WorldletInterruptSet.  VMK_BAD_PARAM for NULL,
 * VMK_INVALID_HANDLE for a dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletInterruptUnSet(vmk_Worldlet worldlet);

/*
 * vmk_WorldletNameSet - rename.  Never blocks; any context but NMI.
 * VMK_INVALID_NAME for a NULL or unterminated name; VMK_BAD_PARAM for a
 * NULL worldlet, VMK_INVALID_HANDLE for a dead one.
 */
VMK_ReturnStatus vmk_WorldletNameSet(vmk_Worldlet worldlet, vmk_Name *name);

/*
 * vmk_WorldletDisable - the worldlet's function is not called again
 * until vmk_WorldletEnable; a run in progress is not affected, and
 * activations meanwhile are kept for after the enable.  Never blocks;
 * any context but NMI.  VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a
 * dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletDisable(vmk_Worldlet worldlet);

/*
 * vmk_WorldletEnable - undo vmk_WorldletDisable; an activation that
 * arrived meanwhile runs now.  Never blocks; any context but NMI.
 * VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletEnable(vmk_Worldlet worldlet);

/*
 * vmk_WorldletIsQuiesced - *quiesced is VMK_TRUE when the worldlet is
 * disabled and its function is not running.  Never blocks; any context
 * but NMI.  VMK_BAD_PARAM for NULL arguments, VMK_INVALID_HANDLE for a
 * dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletIsQuiesced(vmk_Worldlet worldlet,
					vmk_Bool *quiesced);

/*
 * vmk_WorldletWaitForQuiesce - wait at most maxWaitUS microseconds for a
 * disabled worldlet's running function to return.  Does not block in the
 * contexts that may not (interrupt handler, worldlet and bottom-half
 * functions, spinlock held): there it spins; in a world it sleeps.
 * VMK_IS_ENABLED when the worldlet is enabled, VMK_TIMEOUT when it did
 * not quiesce in time (at once from the worldlet's own function),
 * VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletWaitForQuiesce(vmk_Worldlet worldlet,
					    vmk_uint32 maxWaitUS);

/*
 * vmk_WorldletGetId - the worldlet's ID (for vmk_WorldletReapSync).
 * Never blocks; any context but NMI.  VMK_BAD_PARAM for NULL arguments,
 * VMK_INVALID_HANDLE for a dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletGetId(vmk_Worldlet worldlet, vmk_WorldletID *id);

/*
 * vmk_WorldletOptionSet - the options tune ESX's worldlet scheduler (IPI
 * dispatch, interference accounting, statistics), which Linux's
 * scheduler replaces: every flag is accepted and has no effect, as ESX
 * does for flags it does not know.  Never blocks; any context but NMI.
 * VMK_BAD_PARAM for a NULL or dead worldlet.
 */
VMK_ReturnStatus vmk_WorldletOptionSet(vmk_Worldlet wdt,
				       vmk_WorldletOptions flag,
				       vmk_Bool value);

#endif /* _VMKAPI_WORLDLET_H_ */
