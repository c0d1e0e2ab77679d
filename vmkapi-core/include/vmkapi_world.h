/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Worlds (reference sections 8 and 7.7): the schedulable, blockable
 * contexts of the VMK API.  A world a driver creates is a Linux kernel
 * thread, and its world ID is that thread's ID, so every task has one:
 * vmk_WorldGetID() answers in any task context, and only interrupt and
 * softirq code runs "outside a world".
 *
 * Death pending: vmk_WorldDestroy() does not stop a world, it tells it to
 * die.  From then on every point where the world could be descheduled
 * (vmk_WorldWait, vmk_WorldSleep, a contended vmk_SpinlockLock, a heap
 * destroy that waits, ...) returns VMK_DEATH_PENDING at once, and the
 * world's code is expected to release what it holds and return (or call
 * vmk_WorldExit).  Nothing forces it: a world that ignores the status
 * keeps running, and vmk_WorldWaitForDeath() keeps waiting.
 *
 * A world counts as a resource of the module that created it: while it
 * runs, vmk_ModuleUnregister() refuses, and if the module unloads anyway
 * the core names the world, kills it and waits for its death before the
 * module's code goes away.
 */
#ifndef _VMKAPI_WORLD_H_
#define _VMKAPI_WORLD_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* What a world waits on: by convention the address of the object. */
typedef vmk_VA vmk_WorldEventID;

/*
 * The event of a wait that is on no queue: only vmk_WorldForceWakeup(),
 * the timeout or the world's death end it.
 */
#define VMK_EVENT_NONE		((vmk_WorldEventID)0)

/* A world's body; its return value is the world's exit status. */
typedef VMK_ReturnStatus (*vmk_WorldStartFunc)(void *data);

typedef enum {
	/* An ordinary kernel thread (Linux: SCHED_NORMAL, nice 0). */
	VMK_WORLD_SCHED_CLASS_DEFAULT = 1,
	/*
	 * Runs ahead of every default world (Linux: SCHED_FIFO at the
	 * middle real-time priority, as sched_set_fifo() gives).  For
	 * short deferred work that must run promptly, such as I/O
	 * completion; a QUICK world that spins starves its CPU.
	 */
	VMK_WORLD_SCHED_CLASS_QUICK = 100,
} vmk_WorldSchedClass;

typedef struct vmk_WorldProps {
	/* The thread's name (Linux keeps its first 15 characters). */
	const char *name;
	/* The module the world counts for. */
	vmk_ModuleID moduleID;
	vmk_WorldStartFunc startFunction;
	/* Passed to startFunction. */
	void *data;
	vmk_WorldSchedClass schedClass;
	/*
	 * Lends vmk_WorldCreateAllocSize() bytes until the world starts
	 * running; VMK_INVALID_HEAP_ID uses the module's default heap.
	 */
	vmk_HeapID heapID;
} vmk_WorldProps;

/*
 * vmk_WorldCreateAllocSize - what vmk_WorldCreate takes from props->heapID
 * (for vmk_HeapDetermineMaxSize): the size returned, at the alignment
 * stored in *alignment.  The memory goes back to the heap as soon as the
 * new world starts running.
 * Context: any; does not block.  A NULL @alignment is logged.
 */
vmk_ByteCount vmk_WorldCreateAllocSize(vmk_ByteCount *alignment);

/*
 * vmk_WorldCreate - create a world and start it running
 * props->startFunction(props->data).
 * Context: world context only; may block.  Not from interrupt
 * acknowledge, interrupt handler or NetPoll.
 * The heap must stay alive until the world runs: a creator that destroys
 * the heap right after should use vmk_HeapDestroySync.  @worldId may be
 * NULL when the caller does not need the ID.
 * Returns VMK_OK; VMK_DEATH_PENDING when the calling world is dying
 * (nothing is created); VMK_BAD_PARAM for NULL props, name or
 * startFunction, an unknown schedClass, or a heap that is not live;
 * VMK_NO_MODULE_HEAP when heapID is VMK_INVALID_HEAP_ID and the module
 * has no default heap; VMK_INVALID_MODULE when the module is not
 * registered; VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_WorldCreate(vmk_WorldProps *props, vmk_WorldID *worldId);

/*
 * vmk_WorldDestroy - tell a world created by vmk_WorldCreate to die, and
 * wake it if it waits or sleeps (its wait then returns
 * VMK_DEATH_PENDING).  Does not wait for the death: see
 * vmk_WorldWaitForDeath.  A world may destroy itself.
 * Context: any but NMI; does not block.
 * Returns VMK_OK (the kill is posted); VMK_NOT_FOUND when @worldID is not
 * a running world created by vmk_WorldCreate (it may have died already).
 */
VMK_ReturnStatus vmk_WorldDestroy(vmk_WorldID worldID);

/*
 * vmk_WorldWaitForDeath - wait until a world created by vmk_WorldCreate
 * has stopped running (its body returned or it called vmk_WorldExit); its
 * module's code is no longer in use by it then.
 * Context: world context only; may block (for as long as the world runs:
 * a world that ignores VMK_DEATH_PENDING is waited for, with a warning in
 * the log now and then).
 * Returns VMK_OK; VMK_INVALID_WORLD when @worldID is not a running world
 * (it may have died already); VMK_BAD_PARAM when a world waits for its
 * own death.
 */
VMK_ReturnStatus vmk_WorldWaitForDeath(vmk_WorldID worldID);

/*
 * vmk_WorldExit - end the calling world now, with exit status @status,
 * as if its body had returned it.  Never returns when called from a world
 * created by vmk_WorldCreate; from any other context it is logged and
 * returns (that thread is not the API's to end).
 * Context: a world created by vmk_WorldCreate, holding no lock.
 */
void vmk_WorldExit(VMK_ReturnStatus status);

/*
 * vmk_WorldGetID - the ID of the current world: the current task's thread
 * ID, for every task; VMK_INVALID_WORLD_ID in interrupt (including the
 * interrupt acknowledge) and softirq context.
 * Context: any; does not block.
 */
vmk_WorldID vmk_WorldGetID(void);

/* The implementation of the assert below; not for drivers to call. */
void vmk_WorldAssertIsSafeToBlockInt(void);

/*
 * vmk_WorldAssertIsSafeToBlock - complain (in the kernel log, with a
 * backtrace, on a kernel with CONFIG_DEBUG_ATOMIC_SLEEP) unless the
 * caller may block: not in interrupt, no spinlock held, preemption
 * enabled.  Does nothing on other kernels.
 * Context: any; does not block.
 */
static VMK_ATTRIBUTE_ALWAYS_INLINE void vmk_WorldAssertIsSafeToBlock(void)
{
	vmk_WorldAssertIsSafeToBlockInt();
}

/*
 * vmk_WorldWait - atomically release @lock and sleep on @eventId until
 * vmk_WorldWakeup(@eventId), the timeout, or another reason below.
 * @lock: a held VMK_SPINLOCK, or VMK_LOCK_INVALID for none.  It is
 * released before the world sleeps and is NOT held on return, whatever
 * the status (except VMK_BAD_PARAM): re-take it to re-check the
 * condition.  A wakeup that comes after the caller registered on @eventId
 * is never lost, even if it comes before the world slept.
 * @eventId: any address the waker also knows, or VMK_EVENT_NONE (see
 * vmk_WorldForceWakeup).
 * @timeoutMS: milliseconds, or VMK_TIMEOUT_UNLIMITED_MS;
 * VMK_TIMEOUT_NONBLOCKING is not allowed.
 * @reason: a short text shown while the world waits; may be NULL.
 * Context: world context only, holding no lock but @lock; may block.
 * Spurious wakeups happen: re-check the condition.
 * Returns VMK_OK (woken by vmk_WorldWakeup or vmk_WorldForceWakeup);
 * VMK_TIMEOUT; VMK_DEATH_PENDING (the world is dying: unwind now);
 * VMK_WAIT_INTERRUPTED (a user thread with a signal pending; the caller
 * may wait again); VMK_BAD_PARAM, with @lock still held, for a NULL lock,
 * VMK_TIMEOUT_NONBLOCKING, a lock that is not a VMK_SPINLOCK, or a caller
 * that could not sleep after releasing @lock (in interrupt, other locks
 * held; checked where the kernel counts preemption, as every debug and
 * distribution kernel does).
 */
VMK_ReturnStatus vmk_WorldWait(vmk_WorldEventID eventId, vmk_Lock lock,
			       vmk_uint32 timeoutMS, const char *reason);

/* Why a world waits, for the legacy waits below. */
typedef enum {
	VMK_WORLD_WAIT_MISC = 0,
	VMK_WORLD_WAIT_SCSI_PLUGIN = 1,
	VMK_WORLD_WAIT_NET = 2,
	VMK_WORLD_WAIT_MAX
} vmk_WorldWaitReason;

/*
 * The legacy waits: vmk_WorldWait for a held legacy spinlock
 * (vmkapi_lock.h), released before the world sleeps and not held on
 * return, whatever the status (except VMK_BAD_PARAM, where the caller
 * still holds it).  A wakeup after the caller registered is never lost.
 * vmk_WorldWaitLegacy - until vmk_WorldWakeup(@eventId).
 * vmk_WorldTimedWaitLegacy - the same for at most @timeoutUs
 * microseconds; VMK_OK also when the time is up, with *@timedOut (if not
 * NULL) saying which.
 * vmk_WorldWaitIRQLegacy - for a held IRQ spinlock; @flags is what
 * vmk_SPLockIRQ returned, and must be 0 (interrupts were on before the
 * lock), as the world cannot sleep with them off.
 * Context: world context only, holding no lock but @lock; may block.
 * Returns VMK_OK; VMK_DEATH_PENDING (the world is dying);
 * VMK_WAIT_INTERRUPTED (a user thread with a signal pending);
 * VMK_BAD_PARAM for a NULL lock, a reason out of range, @flags not 0, or
 * a caller that could not sleep after releasing @lock.
 */
VMK_ReturnStatus vmk_WorldWaitLegacy(vmk_WorldEventID eventId,
				     vmk_Spinlock *lock,
				     vmk_WorldWaitReason reason);
VMK_ReturnStatus vmk_WorldTimedWaitLegacy(vmk_WorldEventID eventId,
					  vmk_Spinlock *lock,
					  vmk_WorldWaitReason reason,
					  vmk_uint64 timeoutUs,
					  vmk_Bool *timedOut);
VMK_ReturnStatus vmk_WorldWaitIRQLegacy(vmk_WorldEventID eventId,
					vmk_SpinlockIRQ *lock,
					vmk_WorldWaitReason reason,
					unsigned long flags);

/*
 * vmk_WorldWakeup - wake every world waiting on @eventId.
 * Context: any but NMI (interrupt handlers included); does not block.
 * Returns VMK_OK when at least one world was woken; VMK_NOT_FOUND when
 * none waited (also for VMK_EVENT_NONE, which nobody waits on by event:
 * logged).
 */
VMK_ReturnStatus vmk_WorldWakeup(vmk_WorldEventID eventId);

/*
 * vmk_WorldForceWakeup - wake the world @worldID, whatever it waits on:
 * a vmk_WorldWait (which returns VMK_OK) or a vmk_WorldSleep (which
 * returns VMK_WAIT_INTERRUPTED).  When it does not wait, the wakeup stays
 * pending, and its next vmk_WorldWait on VMK_EVENT_NONE returns VMK_OK at
 * once (releasing the lock) and clears it; several pending force wakeups
 * count as one.  Only worlds created by vmk_WorldCreate can be force
 * woken.
 * Context: any but NMI; does not block.
 * Returns VMK_OK (it was waiting and is woken); VMK_NOT_FOUND (it was not
 * waiting: the wakeup is pending); VMK_INVALID_WORLD when @worldID is not
 * a running world created by vmk_WorldCreate.
 */
VMK_ReturnStatus vmk_WorldForceWakeup(vmk_WorldID worldID);

/*
 * vmk_WorldSleep - sleep for at least @delayUs microseconds.
 * Context: world context only; may block.
 * Returns VMK_OK once the whole delay has passed; early, with
 * VMK_DEATH_PENDING when the world is (or becomes) dying, or
 * VMK_WAIT_INTERRUPTED when it is force woken (or, for a user thread, a
 * signal is pending): sleep again for the rest if the delay matters.
 */
VMK_ReturnStatus vmk_WorldSleep(vmk_uint64 delayUs);

/*
 * vmk_WorldYield - enter the scheduler, letting another runnable task in
 * first if the scheduler prefers it; the caller stays runnable.
 * Context: world context only; may block.  Returns VMK_OK.
 */
VMK_ReturnStatus vmk_WorldYield(void);

/*
 * vmk_WorldsMax - the most worlds the system can hold at once: world IDs
 * are thread IDs, so this is the kernel's limit on thread IDs.
 * Context: any; does not block.
 */
vmk_uint32 vmk_WorldsMax(void);

/*
 * vmk_WorldInterruptSet - have @intrCookie's interrupt follow world
 * @worldID: it is delivered (acknowledge and handler) on the CPU where
 * the world runs, and steered after it when the world wakes up on
 * another CPU.  A world of vmk_WorldCreate takes up to 8 cookies; setting
 * one twice is VMK_OK.  Context: any but interrupt acknowledge; never
 * blocks.  VMK_BAD_PARAM for a cookie that is not live,
 * VMK_INVALID_WORLD for a world that is not running, VMK_LIMIT_EXCEEDED
 * when the world has 8 already, VMK_FAILURE when the interrupt cannot be
 * steered (nothing is associated then).
 */
VMK_ReturnStatus vmk_WorldInterruptSet(vmk_WorldID worldID,
				       vmk_IntrCookie intrCookie);

/*
 * vmk_WorldInterruptUnset - undo vmk_WorldInterruptSet: the interrupt may
 * go to any online CPU again.  Context and blocking as for Set.
 * VMK_NOT_FOUND when @intrCookie does not follow the world,
 * VMK_INVALID_WORLD for a world that is not running.
 */
VMK_ReturnStatus vmk_WorldInterruptUnset(vmk_WorldID worldID,
					 vmk_IntrCookie intrCookie);

#endif /* _VMKAPI_WORLD_H_ */
