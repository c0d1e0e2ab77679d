/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the spinlock suite sees of the core beyond the API (namespace
 * VMKAPI_INTERNAL): whether a lock is held by the current context, its
 * lockdep class, the count of rank and release-order violations, and
 * whether a lock domain is live.
 */
#ifndef _VMKAPI_KUNIT_SPINLOCK_H_
#define _VMKAPI_KUNIT_SPINLOCK_H_

#include "vmkapi.h"

bool vmk_core_spinlock_held(vmk_Lock lock, bool reader);
const void *vmk_core_spinlock_class(vmk_Lock lock);
long vmk_core_spinlock_violations(void);
bool vmk_core_lock_domain_live(vmk_LockDomainID domain);

#endif /* _VMKAPI_KUNIT_SPINLOCK_H_ */
