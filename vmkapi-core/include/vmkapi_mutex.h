/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mutexes (reference section 7.5, vmkapi 2.4 and later; provided here
 * because native drivers use them in preference to binary semaphores).
 *
 * A mutex is a sleeping lock with an owner: the world that locked it
 * unlocks it.  The names and the props layout come from how drivers call
 * the API (no 2.4 header was available); the value of VMK_MUTEX is
 * inferred.  The props carry a lock domain and rank, as drivers fill
 * them: they must be both valid or both invalid (VMK_LOCKDOMAIN_INVALID,
 * VMK_MUTEX_UNRANKED), and a ranked mutex keeps its domain alive.  The
 * rank order of mutexes is not checked at run time (spinlocks' is); the
 * kernel's lock validator (lockdep) checks mutex order instead, with one
 * lock class per creation site and class name.
 *
 * A NULL or destroyed handle, or a handle of another kind, is rejected
 * with one log line and never dereferenced.
 */
#ifndef _VMKAPI_MUTEX_H_
#define _VMKAPI_MUTEX_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmk_MutexInt *vmk_Mutex;

#define VMK_MUTEX_INVALID	((vmk_Mutex)0)

typedef enum {
	VMK_MUTEX = 1,
} vmk_MutexType;

/* Inferred, as for spinlocks: the rank of a mutex outside any domain. */
typedef vmk_uint16 vmk_MutexRank;
#define VMK_MUTEX_UNRANKED	((vmk_MutexRank)0xFFFF)

typedef struct vmk_MutexCreateProps {
	/* Owner: the mutex is counted against this registered module. */
	vmk_ModuleID moduleID;
	/* Required: the mutex is allocated here (see vmk_MutexAllocSize). */
	vmk_HeapID heapID;
	/* Lock class name, shown by lockdep and in leak reports. */
	vmk_Name className;
	vmk_MutexType type;
	/* Both valid, or VMK_LOCKDOMAIN_INVALID with VMK_MUTEX_UNRANKED. */
	vmk_LockDomainID domain;
	vmk_MutexRank rank;
} vmk_MutexCreateProps;

/*
 * vmk_MutexCreate - create an unlocked mutex.
 * Context: process (world) context; does not block.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments, VMK_INVALID_HEAP_ID,
 * a type other than VMK_MUTEX, or a domain and rank that are not both
 * valid or both invalid; VMK_INVALID_HANDLE for a domain that is not live; VMK_INVALID_NAME for an empty or
 * unterminated className; VMK_INVALID_MODULE when moduleID is not
 * registered; VMK_NO_MEMORY when the heap is full (or not a heap).
 */
VMK_ReturnStatus vmk_MutexCreate(vmk_MutexCreateProps *props,
				 vmk_Mutex *mutex);

/*
 * vmk_MutexDestroy - free a mutex.
 * Context: process (world) context; does not block.  A locked mutex is
 * not freed (the call is rejected and logged).
 */
void vmk_MutexDestroy(vmk_Mutex mutex);

/*
 * vmk_MutexLock - lock, sleeping while another world holds the mutex.
 * The wait does not end early for a dying world: drivers do not check
 * the status and would run their critical section unprotected.
 * Context: blockable world context only (asserted); may block; must not
 * be called with the mutex already held.
 * Returns VMK_OK once held; VMK_BAD_PARAM or VMK_INVALID_HANDLE (not
 * held) for a bad handle.
 */
VMK_ReturnStatus vmk_MutexLock(vmk_Mutex mutex);

/*
 * vmk_MutexUnlock - unlock a mutex the caller holds.
 * Context: the owning world; does not block.
 */
void vmk_MutexUnlock(vmk_Mutex mutex);

/*
 * vmk_MutexAllocSize - bytes and alignment a mutex of @type takes from
 * its heap.  Context: any; does not block.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL pointers or an unknown type.
 */
VMK_ReturnStatus vmk_MutexAllocSize(vmk_MutexType type, vmk_ByteCount *size,
				    vmk_ByteCount *alignment);

#endif /* _VMKAPI_MUTEX_H_ */
