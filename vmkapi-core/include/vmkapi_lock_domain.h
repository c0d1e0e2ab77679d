/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lock domains (reference section 7.2).
 *
 * A domain groups ranked spinlocks: every lock created with a domain and a
 * rank is rank checked against the other locks of the same domain that
 * the current context holds, and against no other lock.  Locks of
 * different domains (and unranked locks) are never ordered by the core;
 * lockdep still sees them all.
 */
#ifndef _VMKAPI_LOCK_DOMAIN_H_
#define _VMKAPI_LOCK_DOMAIN_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmkLockDomainInt *vmk_LockDomainID;

/* "No domain": the lock is unranked (its rank is VMK_SPINLOCK_UNRANKED). */
#define VMK_LOCKDOMAIN_INVALID	((vmk_LockDomainID)-1)

/*
 * vmk_LockDomainCreate - create a lock domain owned by @moduleID.
 * Context: world (process) context; does not block.
 * The domain is allocated from @heapID and counts as a resource of the
 * module until destroyed.
 * Returns VMK_OK; VMK_BAD_PARAM for a NULL @name or @domain or an unknown
 * heap; VMK_INVALID_NAME for an empty or unterminated name;
 * VMK_INVALID_MODULE when @moduleID is not registered; VMK_NO_MEMORY when
 * the heap is full.
 */
VMK_ReturnStatus vmk_LockDomainCreate(vmk_ModuleID moduleID,
				      vmk_HeapID heapID,
				      vmk_Name *name,
				      vmk_LockDomainID *domain);

/*
 * vmk_LockDomainDestroy - destroy a domain created by vmk_LockDomainCreate.
 * Context: world context; does not block.
 * Destroy every lock of the domain first: a domain that still has locks,
 * or a handle that is not a live domain (destroyed twice, never created),
 * is logged and left alone.
 */
void vmk_LockDomainDestroy(vmk_LockDomainID domain);

/*
 * vmk_LockDomainAllocSize - bytes vmk_LockDomainCreate takes from a heap.
 * Context: any; does not block.
 */
vmk_ByteCountSmall vmk_LockDomainAllocSize(void);

#endif /* _VMKAPI_LOCK_DOMAIN_H_ */
