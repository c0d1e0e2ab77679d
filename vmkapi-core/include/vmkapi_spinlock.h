/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spinlocks, current API (reference sections 7.1 and 7.2), and the
 * deprecated IRQ spinlocks of the same API.
 *
 * Three levels of "may I wait?" run through the VMK API: a call will not
 * block, may involuntarily deschedule the caller, or may block.  Taking a
 * contended VMK_SPINLOCK or VMK_SPINLOCK_RW lock is the middle one: the
 * caller spins and may be taken off the CPU, but it does not sleep on an
 * event.  Contexts that tolerate that (worlds, NetPoll, timer and helper
 * callbacks, interrupt handlers) may take these locks; an interrupt
 * acknowledge callback may not.  Nothing that blocks may be called while
 * any spinlock is held, and hold times must be minimal.
 *
 * Ranks: a lock created with a lock domain and a rank is rank checked
 * against the locks of that domain the current context already holds: it
 * may only be taken while every held lock of its domain has a strictly
 * lower rank, and ranked locks must be released in reverse order of
 * acquisition (except through the ...OutOfOrder calls).  Unranked locks
 * (VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED) are not rank checked.
 * Every lock is also known to lockdep, one lock class per creation site.
 */
#ifndef _VMKAPI_SPINLOCK_H_
#define _VMKAPI_SPINLOCK_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmk_LockInt *vmk_Lock;

#define VMK_LOCK_INVALID		((vmk_Lock)-1)

/* Rank 0 is never a valid rank. */
#define VMK_SPINLOCK_RANK_INVALID	(0)
/* The rank of a lock without a domain. */
#define VMK_SPINLOCK_UNRANKED		(0xFFFF)

typedef vmk_uint16 vmk_LockRank;

typedef vmk_uint8 vmk_SpinlockType;

/* A spinlock for world context (and interrupt handlers, not acks). */
#define VMK_SPINLOCK			(1)
/* A readers-writer spinlock for the same contexts. */
#define VMK_SPINLOCK_RW			(3)

typedef struct vmk_SpinlockCreateProps {
	/* The module the lock is accounted to. */
	vmk_ModuleID moduleID;
	/* The heap the lock is allocated from. */
	vmk_HeapID heapID;
	/* Shown in rank-violation reports and by lockdep. */
	vmk_Name name;
	vmk_SpinlockType type;
	/*
	 * Both valid (a domain from vmk_LockDomainCreate and a rank other
	 * than VMK_SPINLOCK_RANK_INVALID and VMK_SPINLOCK_UNRANKED) or both
	 * invalid (VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED).
	 */
	vmk_LockDomainID domain;
	vmk_LockRank rank;
} vmk_SpinlockCreateProps;

/*
 * vmk_SpinlockCreate - allocate and initialise a spinlock.
 * Context: world context only; does not block.
 * The lock is allocated from @props->heapID and counts as a resource of
 * @props->moduleID until destroyed (vmk_ModuleUnregister refuses with
 * VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO while it lives).  Every
 * lock created from the same call site (with the same type, domain and
 * rank) shares one lockdep class.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments, an unknown type, or a
 * domain and rank that are not both valid or both invalid;
 * VMK_BAD_PARAM also for an unknown heap; VMK_INVALID_HANDLE when the
 * domain is not a live domain; VMK_INVALID_NAME for an empty or
 * unterminated name; VMK_INVALID_MODULE when the module is not
 * registered; VMK_NO_MEMORY when the heap is full.
 */
VMK_ReturnStatus vmk_SpinlockCreate(vmk_SpinlockCreateProps *props,
				    vmk_Lock *lock);

/*
 * vmk_SpinlockDestroy - destroy a lock and free its memory.
 * Context: any but interrupt acknowledge; does not block.
 * A lock that is held, or a handle that is not a live lock (destroyed
 * twice, never created), is logged and left alone.
 */
void vmk_SpinlockDestroy(vmk_Lock lock);

/*
 * vmk_SpinlockAllocSize - bytes vmk_SpinlockCreate takes from the heap for
 * a lock of @type; 0 for an unknown type.
 * Context: any; does not block.
 */
vmk_ByteCountSmall vmk_SpinlockAllocSize(vmk_SpinlockType type);

/*
 * vmk_SpinlockLock - acquire a VMK_SPINLOCK lock; release it with
 * vmk_SpinlockUnlock.
 * vmk_SpinlockReadLock / vmk_SpinlockWriteLock - acquire a VMK_SPINLOCK_RW
 * lock shared (release with vmk_SpinlockReadUnlock) or exclusive (release
 * with vmk_SpinlockWriteUnlock).
 * Context: any that may be involuntarily descheduled (not interrupt
 * acknowledge, not NMI); may involuntarily deschedule when contended.
 * Returns VMK_OK with the lock held, or, with the lock NOT held:
 * VMK_DEATH_PENDING when the lock was contended and the calling world is
 * being destroyed (the caller must unwind and return promptly);
 * VMK_RANK_VIOLATION when the context holds a lock of the same domain
 * whose rank is not lower (both locks are logged);
 * VMK_BAD_PARAM for a lock of another type; VMK_INVALID_HANDLE for a NULL
 * or VMK_LOCK_INVALID handle.  A destroyed handle must not be passed.
 */
VMK_ReturnStatus vmk_SpinlockLock(vmk_Lock lock);
VMK_ReturnStatus vmk_SpinlockReadLock(vmk_Lock lock);
VMK_ReturnStatus vmk_SpinlockWriteLock(vmk_Lock lock);

/*
 * vmk_Spinlock{,Read,Write}LockIgnoreDeathPending - the same acquisitions
 * for cleanup paths that must get the lock even while the world dies.
 * Context: as vmk_SpinlockLock; may involuntarily deschedule.
 * They cannot fail: a rank violation is logged (with a warning, once) and
 * the lock is taken anyway.
 */
void vmk_SpinlockLockIgnoreDeathPending(vmk_Lock lock);
void vmk_SpinlockReadLockIgnoreDeathPending(vmk_Lock lock);
void vmk_SpinlockWriteLockIgnoreDeathPending(vmk_Lock lock);

/*
 * vmk_Spinlock{,Read,Write}Unlock - release a lock taken by the matching
 * acquisition.  Ranked locks must be released in reverse order of
 * acquisition; a release out of that order is logged (and still done).
 * vmk_Spinlock{,Read,Write}UnlockOutOfOrder - the same, for a release that
 * is known to be safe out of order: not logged.
 * Context: the context that took the lock; does not block.
 */
void vmk_SpinlockUnlock(vmk_Lock lock);
void vmk_SpinlockUnlockOutOfOrder(vmk_Lock lock);
void vmk_SpinlockReadUnlock(vmk_Lock lock);
void vmk_SpinlockReadUnlockOutOfOrder(vmk_Lock lock);
void vmk_SpinlockWriteUnlock(vmk_Lock lock);
void vmk_SpinlockWriteUnlockOutOfOrder(vmk_Lock lock);

/* Implementation of the asserts below; not for drivers to call. */
void vmk_SpinlockAssertHeldByWorldInt(vmk_Lock lock);
void vmk_SpinlockAssertReaderHeldByWorldInt(vmk_Lock lock);

/*
 * vmk_SpinlockAssertHeldByWorld - warn (once) unless the current context
 * holds @lock: a VMK_SPINLOCK, or a VMK_SPINLOCK_RW held for writing.
 * On a kernel without lockdep only "held by someone" can be checked.
 * Context: any; does not block.
 */
static VMK_ATTRIBUTE_ALWAYS_INLINE void
vmk_SpinlockAssertHeldByWorld(vmk_Lock lock)
{
	vmk_SpinlockAssertHeldByWorldInt(lock);
}

/*
 * vmk_SpinlockAssertReaderHeldByWorld - warn (once) unless the current
 * context holds the VMK_SPINLOCK_RW @lock for reading.
 * Context: any; does not block.
 */
static VMK_ATTRIBUTE_ALWAYS_INLINE void
vmk_SpinlockAssertReaderHeldByWorld(vmk_Lock lock)
{
	vmk_SpinlockAssertReaderHeldByWorldInt(lock);
}

/*
 * Deprecated IRQ spinlocks.  NATIVE DRIVERS ARE NOT ALLOWED TO USE THEM:
 * native drivers never disable interrupts (interrupt handlers run in a
 * schedulable context and take VMK_SPINLOCK locks).  They exist for code
 * ported from older APIs; the core logs a warning, once per module, when
 * a driver creates or uses one.
 */

/* A spinlock taken with interrupts disabled (deprecated). */
#define VMK_SPINLOCK_IRQ		(2)

/* The interrupt state saved by vmk_SpinlockLockIRQ. */
typedef vmk_uint32 vmk_LockIRQL;

#define VMK_SPINLOCK_IRQL_INVALID	((vmk_LockIRQL)-1)

/*
 * vmk_SpinlockLockIRQ - disable interrupts and acquire a VMK_SPINLOCK_IRQ
 * lock, saving the previous interrupt state in @irql for
 * vmk_SpinlockUnlockIRQ.  Native drivers disallowed.
 * Context: any but NMI; does not block.
 * Returns VMK_OK; VMK_RANK_VIOLATION (lock not held, interrupts as
 * before); VMK_BAD_PARAM for another lock type or a NULL @irql;
 * VMK_INVALID_HANDLE for a NULL or VMK_LOCK_INVALID handle.
 */
VMK_ReturnStatus vmk_SpinlockLockIRQ(vmk_Lock lock, vmk_LockIRQL *irql);

/*
 * vmk_SpinlockUnlockIRQ / vmk_SpinlockUnlockIRQOutOfOrder - release a lock
 * taken by vmk_SpinlockLockIRQ and restore the interrupt state @irql it
 * returned; the ranked release order rule is as for vmk_SpinlockUnlock.
 * Native drivers disallowed.
 * Context: the context that took the lock; does not block.
 */
void vmk_SpinlockUnlockIRQ(vmk_Lock lock, vmk_LockIRQL irql);
void vmk_SpinlockUnlockIRQOutOfOrder(vmk_Lock lock, vmk_LockIRQL irql);

/* Implementation of the assert below; not for drivers to call. */
void vmk_SpinlockAssertHeldOnPCPUInt(vmk_Lock lock);

/*
 * vmk_SpinlockAssertHeldOnPCPU - warn (once) unless the VMK_SPINLOCK_IRQ
 * @lock is held on this CPU with interrupts disabled.  Native drivers
 * disallowed.
 * Context: any; does not block.
 */
static VMK_ATTRIBUTE_ALWAYS_INLINE void
vmk_SpinlockAssertHeldOnPCPU(vmk_Lock lock)
{
	vmk_SpinlockAssertHeldOnPCPUInt(lock);
}

#endif /* _VMKAPI_SPINLOCK_H_ */
