/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Semaphores (reference section 7.4): counting, binary and
 * readers-writer semaphores that sleep while they wait.
 *
 * Every call takes a pointer to the driver's handle, as in vmkapi 2.3.
 * A NULL pointer, a NULL handle, a destroyed handle or a handle of the
 * other kind is rejected with one log line (and VMK_BAD_PARAM or
 * VMK_INVALID_HANDLE where the call returns a status); it is never
 * dereferenced.
 *
 * Objects are allocated from the creating module's default heap (set with
 * vmk_ModuleSetHeapID; size it with vmk_SemaAllocSize) and counted
 * against the module: vmk_ModuleUnregister refuses while one is live, and
 * those a module leaves behind when it unloads are reported and destroyed.
 *
 * None of the waits here ends early because the waiting world is dying:
 * vmkapi 2.3 gives vmk_SemaLock and the read/write lock calls no status
 * to report VMK_DEATH_PENDING with, and a caller must never run its
 * critical section without the semaphore.
 */
#ifndef _VMKAPI_SEM_H_
#define _VMKAPI_SEM_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmk_SemaphoreInt *vmk_Semaphore;
typedef struct vmk_SemaphoreRWInt *vmk_SemaphoreRW;

/*
 * vmk_SemaCreate - create a counting semaphore with @value free units.
 * Context: process (world) context; does not block.
 * Returns VMK_OK; VMK_BAD_PARAM for a NULL @sema or @name or a negative
 * @value; VMK_INVALID_MODULE when @moduleID is not registered;
 * VMK_NO_MODULE_HEAP when it has no default heap; VMK_NO_MEMORY when that
 * heap is full.  @name is copied (truncated to VMK_MISC_NAME_MAX - 1).
 */
VMK_ReturnStatus vmk_SemaCreate(vmk_Semaphore *sema, vmk_ModuleID moduleID,
				const char *name, vmk_int32 value);

/*
 * vmk_BinarySemaCreate - create a binary semaphore, initially free.
 * Unlike a mutex it may be released by a world other than the one that
 * acquired it.  Context, returns: as vmk_SemaCreate.
 */
VMK_ReturnStatus vmk_BinarySemaCreate(vmk_Semaphore *sema,
				      vmk_ModuleID moduleID,
				      const char *name);

/*
 * vmk_SemaAllocSize - bytes (returned) and alignment (in @alignment, may
 * be NULL) one semaphore of either kind takes, for sizing a heap.
 * Context: any; does not block.
 */
vmk_ByteCount vmk_SemaAllocSize(vmk_uint32 *alignment);

/*
 * vmk_SemaLock - take one unit, sleeping until one is free.
 * Context: blockable world context only (asserted); may block.
 */
void vmk_SemaLock(vmk_Semaphore *sema);

/*
 * vmk_SemaTryLock - take one unit if one is free right now.
 * Context: blockable world context (asserted, as the reference requires);
 * does not block.
 * Returns VMK_OK; VMK_BUSY when no unit is free; VMK_BAD_PARAM or
 * VMK_INVALID_HANDLE for a bad handle.
 */
VMK_ReturnStatus vmk_SemaTryLock(vmk_Semaphore *sema);

/*
 * vmk_SemaUnlock - give one unit back, waking one waiter.
 * Context: any, including interrupt acknowledge, interrupt handler and
 * NetPoll; does not block.  Unlocking a binary semaphore that is not
 * locked is rejected and logged.
 */
void vmk_SemaUnlock(vmk_Semaphore *sema);

/*
 * vmk_SemaDestroy - free a semaphore of either kind.
 * Context: process (world) context; does not block.  A semaphore that
 * still has waiters is not freed (the call is rejected and logged).
 */
void vmk_SemaDestroy(vmk_Semaphore *sema);

/*
 * vmk_SemaAssertHasState - report (a kernel warning naming the caller)
 * when the semaphore is not in the expected state: "locked" means no
 * unit is free.  Checked on debug kernels only (CONFIG_DEBUG_ATOMIC_SLEEP);
 * use the two wrappers below.  Context: any; does not block.
 */
void vmk_SemaAssertHasState(vmk_Semaphore *sema, vmk_Bool locked);

static inline void vmk_SemaAssertIsLocked(vmk_Semaphore *sema)
{
	vmk_SemaAssertHasState(sema, VMK_TRUE);
}

static inline void vmk_SemaAssertIsUnlocked(vmk_Semaphore *sema)
{
	vmk_SemaAssertHasState(sema, VMK_FALSE);
}

/*
 * Readers-writer semaphores: any number of readers or one writer.  A
 * waiting writer (or upgrader) holds new readers back, so writers are not
 * starved; a reader must therefore not take the read side again while it
 * holds it.  The kernel's lock validator (lockdep) tracks them like
 * rw_semaphores, one lock class per creation site and name.
 */

/*
 * vmk_RWSemaCreate - create a readers-writer semaphore, initially free.
 * Context: process (world) context; does not block.
 * Returns as vmk_SemaCreate (without the count check).
 */
VMK_ReturnStatus vmk_RWSemaCreate(vmk_SemaphoreRW *sema,
				  vmk_ModuleID moduleID, const char *name);

/*
 * vmk_RWSemaDestroy - free a readers-writer semaphore.
 * Context: process (world) context; does not block.  One that is held or
 * waited for is not freed (the call is rejected and logged).
 */
void vmk_RWSemaDestroy(vmk_SemaphoreRW *sema);

/*
 * vmk_RWSemaReadLock - take shared read access, sleeping while a writer
 * holds or waits for the semaphore.
 * Context: blockable world context only (asserted); may block.
 */
void vmk_RWSemaReadLock(vmk_SemaphoreRW *sema);

/*
 * vmk_RWSemaTryReadLock - take shared read access if available now.
 * Context: world context; does not block.
 * Returns VMK_OK; VMK_WOULD_BLOCK while a writer holds or waits for the
 * semaphore; VMK_BAD_PARAM or VMK_INVALID_HANDLE for a bad handle.
 */
VMK_ReturnStatus vmk_RWSemaTryReadLock(vmk_SemaphoreRW *sema);

/*
 * vmk_RWSemaWriteLock - take exclusive write access.
 * Context: blockable world context only (asserted); may block.
 */
void vmk_RWSemaWriteLock(vmk_SemaphoreRW *sema);

/*
 * vmk_RWSemaReadUnlock / vmk_RWSemaWriteUnlock - release the access the
 * caller holds.  Context: world context; does not block.  Releasing what
 * is not held is rejected and logged.
 */
void vmk_RWSemaReadUnlock(vmk_SemaphoreRW *sema);
void vmk_RWSemaWriteUnlock(vmk_SemaphoreRW *sema);

/*
 * vmk_RWSemaUpgradeFromRead - turn the caller's read access into write
 * access.  The first caller waits for the other readers to leave (new
 * readers and writers are held back meanwhile); a caller that finds an
 * upgrade already pending gets VMK_BUSY at once and keeps its read
 * access, since the two could otherwise wait for each other forever.
 * Context: blockable world context only (asserted); may block.
 * Returns VMK_OK (now the writer); VMK_BUSY (still a reader);
 * VMK_BAD_PARAM when the semaphore is not read-held or for a NULL
 * handle; VMK_INVALID_HANDLE for a handle that is not a live semaphore.
 */
VMK_ReturnStatus vmk_RWSemaUpgradeFromRead(vmk_SemaphoreRW *sema);

/*
 * vmk_RWSemaTryUpgradeFromRead - upgrade only if the caller is the sole
 * reader right now.  Context: world context; does not block.
 * Returns as vmk_RWSemaUpgradeFromRead; on VMK_BUSY read access is kept.
 */
VMK_ReturnStatus vmk_RWSemaTryUpgradeFromRead(vmk_SemaphoreRW *sema);

/*
 * vmk_RWSemaDowngradeToRead - turn the caller's write access into read
 * access, letting waiting readers in.  Context: world context; does not
 * block.
 */
void vmk_RWSemaDowngradeToRead(vmk_SemaphoreRW *sema);

/*
 * Debug assertions (checked on debug kernels only, as for
 * vmk_SemaAssertHasState): the semaphore has at least one reader, has a
 * writer, or has either.  Context: any; do not block.  The ...Int
 * functions are the implementation; call the wrappers.
 */
void vmk_RWSemaAssertHasReadersInt(vmk_SemaphoreRW *sema);
void vmk_RWSemaAssertHasWriterInt(vmk_SemaphoreRW *sema);
void vmk_RWSemaAssertHasReadersWriterInt(vmk_SemaphoreRW *sema);

static inline void vmk_RWSemaAssertHasReaders(vmk_SemaphoreRW *sema)
{
	vmk_RWSemaAssertHasReadersInt(sema);
}

static inline void vmk_RWSemaAssertHasWriter(vmk_SemaphoreRW *sema)
{
	vmk_RWSemaAssertHasWriterInt(sema);
}

static inline void vmk_RWSemaAssertHasReadersWriter(vmk_SemaphoreRW *sema)
{
	vmk_RWSemaAssertHasReadersWriterInt(sema);
}

#endif /* _VMKAPI_SEM_H_ */
