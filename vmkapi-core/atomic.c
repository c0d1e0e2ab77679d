// SPDX-License-Identifier: GPL-2.0
/*
 * Atomics are inline in vmkapi_atomic.h; this holds the one global the
 * header declares and checks the type's layout against the kernel's.
 */
#include "vmkapi_core.h"

#include <linux/build_bug.h>

/* No erratum fence is needed on any CPU Linux runs on. */
vmk_Bool vmk_AtomicUseFence = VMK_FALSE;
VMKAPI_EXPORT(vmk_AtomicUseFence);

static_assert(sizeof(vmk_atomic64) == sizeof(atomic64_t));
static_assert(__alignof__(vmk_atomic64) == 8);
static_assert(sizeof(vmk_VersionedAtomic) == 2 * sizeof(u32));
