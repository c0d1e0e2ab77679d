/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Versioned atomics (reference section 7.6): one writer, many lock-free
 * readers, like a Linux seqcount.
 *
 * Two counters: the writer bumps v0 before it changes the data and copies
 * v0 into v1 once done.  A reader takes v1 (the last finished write),
 * reads the data, and then checks that v0 still equals it; if a write
 * started in between, the reader retries:
 *
 *	do {
 *		version = vmk_VersionedAtomicBeginTryRead(&va);
 *		copy = shared;
 *	} while (!vmk_VersionedAtomicEndTryRead(&va, version));
 *
 * Writers are NOT serialised by this: concurrent writers must hold a lock
 * of their own around BeginWrite ... EndWrite (debug builds, VMX86_DEBUG,
 * catch a second writer entering).  Writes do not nest.
 *
 * Ordering is what a seqcount needs and no more: a release fence after
 * the v0 bump and before the v1 store, an acquire load of v1 and an
 * acquire fence before the v0 check.  On x86 all of these are compiler
 * barriers only.  Nothing here blocks; every call is allowed in any
 * context.  A writer interrupted by a reader on the same CPU would make
 * that reader spin forever, so a structure written with interrupts (or
 * the NetPoll/bottom half) enabled must not be read from those contexts.
 */
#ifndef _VMKAPI_VERSIONED_ATOMIC_H_
#define _VMKAPI_VERSIONED_ATOMIC_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* Volatile as the API has it (see vmk_atomic64); accessed atomically. */
typedef struct vmk_VersionedAtomic {
	/* Writes begun. */
	__volatile__ vmk_uint32 v0;
	/* Writes finished. */
	__volatile__ vmk_uint32 v1;
} __attribute__((aligned(4))) vmk_VersionedAtomic;

/* Initialise: no write in progress.  Not concurrently with any use. */
static inline void vmk_VersionedAtomicInit(vmk_VersionedAtomic *versions)
{
	__atomic_store_n(&versions->v0, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&versions->v1, 0, __ATOMIC_RELAXED);
}

/* The writer is about to change the data: readers from now on retry. */
static inline void
vmk_VersionedAtomicBeginWrite(vmk_VersionedAtomic *versions)
{
	vmk_uint32 begun = __atomic_load_n(&versions->v0, __ATOMIC_RELAXED);

	VMK_ASSERT(begun == __atomic_load_n(&versions->v1, __ATOMIC_RELAXED),
		   "vmk_VersionedAtomic %p: second writer or nested write",
		   (void *)versions);
	__atomic_store_n(&versions->v0, begun + 1, __ATOMIC_RELAXED);
	/* The bump is visible before any store to the data. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/* The writer is done: the data is consistent again. */
static inline void vmk_VersionedAtomicEndWrite(vmk_VersionedAtomic *versions)
{
	vmk_uint32 begun = __atomic_load_n(&versions->v0, __ATOMIC_RELAXED);

	VMK_ASSERT(begun == __atomic_load_n(&versions->v1, __ATOMIC_RELAXED) + 1,
		   "vmk_VersionedAtomic %p: EndWrite without BeginWrite",
		   (void *)versions);
	/* Every store to the data is visible before the new version. */
	__atomic_store_n(&versions->v1, begun, __ATOMIC_RELEASE);
}

/*
 * A reader starts: returns the version to hand to
 * vmk_VersionedAtomicEndTryRead().  Never waits, even during a write (the
 * read then fails at the end).
 */
static inline vmk_uint32
vmk_VersionedAtomicBeginTryRead(const vmk_VersionedAtomic *versions)
{
	/* The data loads that follow cannot be satisfied before this one. */
	return __atomic_load_n(&versions->v1, __ATOMIC_ACQUIRE);
}

/*
 * A reader is done: VMK_TRUE if what it read since BeginTryRead returned
 * @readVersion is consistent, VMK_FALSE if a write overlapped (retry).
 */
static inline vmk_Bool
vmk_VersionedAtomicEndTryRead(const vmk_VersionedAtomic *versions,
			      vmk_uint32 readVersion)
{
	/* The data loads before this are complete before v0 is checked. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return VMK_LIKELY(__atomic_load_n(&versions->v0, __ATOMIC_RELAXED) ==
			  readVersion);
}

#endif /* _VMKAPI_VERSIONED_ATOMIC_H_ */
