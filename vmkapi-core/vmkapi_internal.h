/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Core internals that the KUnit suites read (exported in the
 * VMKAPI_INTERNAL namespace): statistics a test checks by effect.
 * Never included by drivers.
 */
#ifndef _VMKAPI_INTERNAL_H_
#define _VMKAPI_INTERNAL_H_

#include <linux/types.h>

#include "vmkapi.h"

/* log.c: what a component printed and what its throttle dropped. */
int vmk_core_log_stats(vmk_LogComponent handle, u64 *printed, u64 *throttled);

/* heap.c */
struct vmk_core_heap_stats {
	u64 bytes;	/* charged now, per-allocation headers included */
	u64 peak;
	u64 allocs;
	u64 frees;
	u64 failures;
	u64 max;
};
int vmk_core_heap_stats(vmk_HeapID heap, struct vmk_core_heap_stats *stats);

/* slab.c */
struct vmk_core_slab_stats {
	u32 objects;	/* constructed, free or allocated */
	u32 in_use;
	u64 allocs;
	u64 frees;
	u64 failures;
	u64 ctor_failures;
};
int vmk_core_slab_stats(vmk_SlabID slab, struct vmk_core_slab_stats *stats);

/*
 * spinlock.c: is @lock held by the current context (for @reader: for
 * reading); its lockdep class key (NULL without lockdep); how many rank
 * and release-order violations were reported.
 */
bool vmk_core_spinlock_held(vmk_Lock lock, bool reader);
const void *vmk_core_spinlock_class(vmk_Lock lock);
long vmk_core_spinlock_violations(void);

/* lock_domain.c: is @domain a live lock domain? */
bool vmk_core_lock_domain_live(vmk_LockDomainID domain);

#endif /* _VMKAPI_INTERNAL_H_ */
