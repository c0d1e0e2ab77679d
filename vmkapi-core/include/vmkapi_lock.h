/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Legacy spinlocks (reference section 7.3): the lock API of drivers
 * written before lock domains, kept for source compatibility.  New code
 * uses vmkapi_spinlock.h.
 *
 * Every lock has a major rank R and a minor rank r.  A context holding
 * lock L1 may take L2 only if R2 > R1, or if both belong to the same
 * class and r2 > r1.  A simple lock (no class) has the major rank it was
 * created with and minor rank 0; a class gives its members its major
 * rank and each member its own minor rank.  A rank created with
 * VMK_SP_RANK_RECURSIVE_FLAG_LEGACY also lets the context take a lock of
 * exactly the same ranks and class while holding one: for per-object
 * locks of one kind that the caller orders itself.  The core checks the
 * rule on every acquisition (try-locks too) and logs a violation; the
 * lock is taken all the same, as the calls cannot fail.
 *
 * Three kinds:
 *   vmk_Spinlock    not for interrupt context: a world, an interrupt
 *                   handler, NetPoll, a timer or helper callback may take
 *                   it; an acknowledge callback may not (the debug kernel
 *                   reports it).  Major ranks from VMK_SP_RANK_LOWEST_-
 *                   MAJOR_LEGACY to VMK_SP_RANK_HIGHEST_MAJOR_LEGACY.
 *   vmk_SpinlockIRQ disables interrupts on the CPU while held, so any
 *                   context may take it, an acknowledge callback too.
 *                   Major ranks from VMK_SP_RANK_IRQ_LOWEST_MAJOR_LEGACY
 *                   to VMK_SP_RANK_IRQ_HIGHEST_MAJOR_LEGACY, all above
 *                   the non-IRQ ranks: an IRQ lock may be taken while
 *                   holding a non-IRQ lock, never the other way round.
 *   vmk_SpinlockRW  readers-writer, same contexts and ranks as
 *                   vmk_Spinlock.
 * None of the lock calls blocks; nothing that blocks may be called while
 * one is held.  Creation and destruction are for world context.
 *
 * The numeric values of the rank constants are this implementation's
 * own (the original values live in a header that is not part of the
 * API); only their order matters, and it is the reference's.  Locks,
 * classes and everything else here are allocated from the module's
 * default heap (vmk_ModuleSetHeapID) and count as the module's resources
 * until destroyed.
 */
#ifndef _VMKAPI_LOCK_H_
#define _VMKAPI_LOCK_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* OR'ed into a rank: another lock of the same ranks may be taken. */
#define VMK_SP_RANK_RECURSIVE_FLAG_LEGACY	(0x80000000u)
#define VMK_SP_RANK_NUMERIC_MASK_MAJOR_LEGACY	(0xffffu)
#define VMK_SP_RANK_NUMERIC_MASK_MINOR_LEGACY	(0xffffu)

#define VMK_SP_RANK_MIN_MAJOR_LEGACY	(0)
#define VMK_SP_RANK_MAX_MAJOR_LEGACY	(VMK_SP_RANK_NUMERIC_MASK_MAJOR_LEGACY - 1)
#define VMK_SP_RANK_MIN_MINOR_LEGACY	(0)
#define VMK_SP_RANK_MAX_MINOR_LEGACY	(VMK_SP_RANK_NUMERIC_MASK_MINOR_LEGACY)

/* Non-IRQ locks (and RW locks). */
#define VMK_SP_RANK_LOWEST_MAJOR_LEGACY		(0x1000)
#define VMK_SP_RANK_FSDRIVER_LOWEST_LEGACY	(0x1300)
#define VMK_SP_RANK_FDS_LOWEST_LEGACY		(0x1400)
#define VMK_SP_RANK_SCSI_LOWEST_LEGACY		(0x1800)
#define VMK_SP_RANK_SCSI_LEGACY			(0x1900)
#define VMK_SP_RANK_SCSI_PLUGIN1		(0x1a00)
#define VMK_SP_RANK_SCSI_PLUGIN2		(0x1b00)
#define VMK_SP_RANK_NETWORK_LOWEST_LEGACY	(0x2000)
#define VMK_SP_RANK_NETWORK_LEGACY		(0x2100)
#define VMK_SP_RANK_NETWORK_HIGHEST_LEGACY	(0x2e00)
#define VMK_SP_RANK_TCPIP_HIGHEST_LEGACY	(0x2f00)
/*
 * Below the locks behind semaphores: a leaf lock may be held while
 * asking whether a semaphore is locked.
 */
#define VMK_SP_RANK_LEAF_LEGACY			(0x2ffd)
#define VMK_SP_RANK_HIGHEST_MAJOR_LEGACY	(0x3fff)

/* IRQ locks. */
#define VMK_SP_RANK_IRQ_LOWEST_MAJOR_LEGACY	(0x4000)
/* IRQ locks whose holders go on to the scheduler's own locks. */
#define VMK_SP_RANK_IRQ_BLOCK_LEGACY		(0x4000)
/* IRQ locks of allocators that timer callbacks call. */
#define VMK_SP_RANK_IRQ_MEMTIMER_LEGACY		(0x5000)
/* IRQ locks under which no other lock is taken. */
#define VMK_SP_RANK_IRQ_LEAF_LEGACY		(0x5ff9)
#define VMK_SP_RANK_IRQ_HIGHEST_MAJOR_LEGACY	(0x5fff)

/* Timers that take part in no rank order. */
#define VMK_SP_RANK_UNRANKED_TIMER_LEGACY	VMK_SPINLOCK_UNRANKED

typedef struct vmk_SpinlockClass_LEGACYInt *vmk_SpinlockClass_LEGACY;
typedef struct vmk_SpinlockInt *vmk_Spinlock;
typedef struct vmk_SpinlockIRQInt *vmk_SpinlockIRQ;
typedef struct vmk_SpinlockRWInt *vmk_SpinlockRW;
typedef vmk_uint32 vmk_SpinlockRank;

/*
 * vmk_SPClassCreate_LEGACY - a class whose members share major rank
 * @rank (VMK_SP_RANK_LOWEST_MAJOR_LEGACY to VMK_SP_RANK_IRQ_HIGHEST_-
 * MAJOR_LEGACY; members must be of a kind whose range holds it).
 * Context: world context only; does not block.
 * Returns VMK_OK; VMK_BAD_PARAM for a NULL class or name or a rank out
 * of range; VMK_NO_MODULE_HEAP when @moduleID has no default heap;
 * VMK_NO_MEMORY when that heap is full; VMK_INVALID_MODULE when the
 * module is not registered.
 */
VMK_ReturnStatus vmk_SPClassCreate_LEGACY(vmk_SpinlockClass_LEGACY *lockClass,
					  vmk_ModuleID moduleID,
					  const char *name,
					  vmk_SpinlockRank rank);

/*
 * vmk_SPClassDestroy_LEGACY - destroy a class; *@lockClass becomes NULL.
 * A class that still has member locks is not destroyed (logged).
 * Context: world context only; does not block.
 */
void vmk_SPClassDestroy_LEGACY(vmk_SpinlockClass_LEGACY *lockClass);

/*
 * vmk_SPCreate_LEGACY - a non-IRQ spinlock.  Without a class @rank is
 * its major rank (VMK_SP_RANK_LOWEST_MAJOR_LEGACY to VMK_SP_RANK_-
 * HIGHEST_MAJOR_LEGACY); with @lockClass it is the minor rank (to
 * VMK_SP_RANK_MAX_MINOR_LEGACY) and the class gives the major one.
 * Either may carry VMK_SP_RANK_RECURSIVE_FLAG_LEGACY.  Locks created at
 * one call site share a lockdep class.
 * Context: world context only; does not block.
 * Returns as vmk_SPClassCreate_LEGACY; VMK_BAD_PARAM also for a class
 * that is not live or whose rank is outside this kind's range.
 */
VMK_ReturnStatus vmk_SPCreate_LEGACY(vmk_Spinlock *lock,
				     vmk_ModuleID moduleID, const char *name,
				     vmk_SpinlockClass_LEGACY *lockClass,
				     vmk_SpinlockRank rank);

/*
 * vmk_SPCreateIRQ_LEGACY - an IRQ spinlock; as vmk_SPCreate_LEGACY, with
 * the IRQ ranks.
 */
VMK_ReturnStatus vmk_SPCreateIRQ_LEGACY(vmk_SpinlockIRQ *lock,
					vmk_ModuleID moduleID,
					const char *name,
					vmk_SpinlockClass_LEGACY *lockClass,
					vmk_SpinlockRank rank);

/* vmk_RWCreate_LEGACY - a readers-writer spinlock; as vmk_SPCreate_LEGACY. */
VMK_ReturnStatus vmk_RWCreate_LEGACY(vmk_SpinlockRW *lock,
				     vmk_ModuleID moduleID, const char *name,
				     vmk_SpinlockClass_LEGACY *lockClass,
				     vmk_SpinlockRank rank);

/*
 * vmk_SPDestroy, vmk_SPDestroyIRQ, vmk_RWDestroy - destroy a lock;
 * *@lock becomes NULL.  A held lock is not destroyed (logged).
 * Context: world context only; does not block.
 */
void vmk_SPDestroy(vmk_Spinlock *lock);
void vmk_SPDestroyIRQ(vmk_SpinlockIRQ *lock);
void vmk_RWDestroy(vmk_SpinlockRW *lock);

/*
 * vmk_SPLock - take a non-IRQ lock, spinning while another CPU holds it.
 * vmk_SPTryLock - take it if free: VMK_OK, else VMK_BUSY at once.
 * vmk_SPUnlock - release it; the caller holds it.
 * Context: any but interrupt acknowledge (hard IRQ); never blocks.
 * A bad handle is logged and ignored (VMK_BAD_PARAM from the try).
 */
void vmk_SPLock(vmk_Spinlock *lock);
VMK_ReturnStatus vmk_SPTryLock(vmk_Spinlock *lock);
void vmk_SPUnlock(vmk_Spinlock *lock);

/*
 * vmk_SPLockIRQ - disable interrupts on this CPU and take an IRQ lock.
 * Returns the previous state: 0 if interrupts were on, 1 if off.
 * vmk_SPTryLockIRQ - the same if the lock is free (VMK_OK, the previous
 * state in *@flags), else VMK_BUSY with interrupts as they were.
 * vmk_SPUnlockIRQ - release it and restore the state @prevIRQ.
 * Context: any, an acknowledge callback too; never blocks.
 */
unsigned long vmk_SPLockIRQ(vmk_SpinlockIRQ *lock);
VMK_ReturnStatus vmk_SPTryLockIRQ(vmk_SpinlockIRQ *lock, unsigned long *flags);
void vmk_SPUnlockIRQ(vmk_SpinlockIRQ *lock, unsigned long prevIRQ);

/*
 * Readers-writer: many readers or one writer.  The try forms return
 * VMK_OK or VMK_BUSY at once.  vmk_RWIsRLocked and vmk_RWIsWLocked
 * return VMK_BUSY while some context holds the lock that way, VMK_OK
 * when none does, VMK_BAD_PARAM for a bad handle (a snapshot: another
 * CPU may change it the next moment).
 * Context: any but interrupt acknowledge; never blocks.
 */
void vmk_RWReadLock(vmk_SpinlockRW *lock);
VMK_ReturnStatus vmk_RWTryReadLock(vmk_SpinlockRW *lock);
void vmk_RWReadUnlock(vmk_SpinlockRW *lock);
void vmk_RWWriteLock(vmk_SpinlockRW *lock);
VMK_ReturnStatus vmk_RWTryWriteLock(vmk_SpinlockRW *lock);
void vmk_RWWriteUnlock(vmk_SpinlockRW *lock);
VMK_ReturnStatus vmk_RWIsRLocked(vmk_SpinlockRW *lock);
VMK_ReturnStatus vmk_RWIsWLocked(vmk_SpinlockRW *lock);

#define VMK_ASSERT_RWLOCK_RLOCKED(lock)	\
	VMK_ASSERT(vmk_RWIsRLocked(lock) == VMK_BUSY)
#define VMK_ASSERT_RWLOCK_WLOCKED(lock)	\
	VMK_ASSERT(vmk_RWIsWLocked(lock) == VMK_BUSY)

/*
 * The assertion helpers behind the inline checks below; a failed check
 * warns once per call site with the lock's name.  Drivers call the
 * inline forms, which check only when built with VMX86_DEBUG.
 * "Held" means held by any context; "no locks held" looks at the locks
 * of this kind the current context (task, softirq or hard IRQ) of this
 * CPU holds.  Context: any; never block.
 */
void vmk_SPAssertHasState(vmk_Spinlock *lock, vmk_Bool locked);
void vmk_SPAssertHasStateIRQ(vmk_SpinlockIRQ *lock, vmk_Bool locked);
void vmk_SPAssertNoLocksHeldInt(void);
void vmk_SPAssertNoLocksHeldIRQInt(void);

static inline void vmk_SPAssertIsLocked(vmk_Spinlock *lock)
{
#ifdef VMX86_DEBUG
	vmk_SPAssertHasState(lock, VMK_TRUE);
#endif
}

static inline void vmk_SPAssertIsUnlocked(vmk_Spinlock *lock)
{
#ifdef VMX86_DEBUG
	vmk_SPAssertHasState(lock, VMK_FALSE);
#endif
}

static inline void vmk_SPAssertIsLockedIRQ(vmk_SpinlockIRQ *lock)
{
#ifdef VMX86_DEBUG
	vmk_SPAssertHasStateIRQ(lock, VMK_TRUE);
#endif
}

static inline void vmk_SPAssertIsUnlockedIRQ(vmk_SpinlockIRQ *lock)
{
#ifdef VMX86_DEBUG
	vmk_SPAssertHasStateIRQ(lock, VMK_FALSE);
#endif
}

static inline void vmk_SPAssertNoLocksHeld(void)
{
#ifdef VMX86_DEBUG
	vmk_SPAssertNoLocksHeldInt();
#endif
}

static inline void vmk_SPAssertNoLocksHeldIRQ(void)
{
#ifdef VMX86_DEBUG
	vmk_SPAssertNoLocksHeldIRQInt();
#endif
}

#endif /* _VMKAPI_LOCK_H_ */
