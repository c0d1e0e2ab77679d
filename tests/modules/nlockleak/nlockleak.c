// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a module that creates a lock domain and spinlocks of every
 * type, and legacy spinlocks with a class, uses them, and unloads without
 * destroying them or unregistering.
 * The core must report each by name, reclaim them before the heap they
 * came from, release their lockdep classes, and still unload itself.
 */
#include <linux/module.h>

#include "vmkapi.h"

static vmk_ModuleID nlockleak_id = VMK_INVALID_MODULE_ID;

static int nlockleak_lock(vmk_HeapID heap, vmk_LockDomainID domain,
			  const char *name, vmk_SpinlockType type,
			  vmk_LockRank rank, vmk_Lock *lock)
{
	vmk_SpinlockCreateProps props = {
		.moduleID = nlockleak_id,
		.heapID = heap,
		.type = type,
		.domain = domain,
		.rank = rank,
	};

	vmk_NameInitialize(&props.name, name);
	return vmk_SpinlockCreate(&props, lock) == VMK_OK ? 0 : -ENOMEM;
}

/*
 * Legacy locks come from the module's default heap.  The class is
 * created first, so it is reclaimed after its member and is freed by
 * whichever of the two goes last.
 */
static int nlockleak_leak_legacy(vmk_HeapID heap)
{
	vmk_SpinlockClass_LEGACY cls;
	vmk_SpinlockIRQ irq;
	vmk_Spinlock member;
	unsigned long prev;

	vmk_ModuleSetHeapID(nlockleak_id, heap);
	if (vmk_SPClassCreate_LEGACY(&cls, nlockleak_id, "nlockleak_class",
				     VMK_SP_RANK_NETWORK_LEGACY) != VMK_OK ||
	    vmk_SPCreate_LEGACY(&member, nlockleak_id, "nlockleak_member",
				&cls, 1) != VMK_OK ||
	    vmk_SPCreateIRQ_LEGACY(&irq, nlockleak_id, "nlockleak_legacy_irq",
				   NULL, VMK_SP_RANK_IRQ_LEAF_LEGACY) != VMK_OK)
		return -ENOMEM;
	vmk_SPLock(&member);
	prev = vmk_SPLockIRQ(&irq);
	vmk_SPUnlockIRQ(&irq, prev);
	vmk_SPUnlock(&member);
	return 0;
}

static int nlockleak_leak(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.max = 64 * 1024,
	};
	vmk_LockDomainID domain;
	vmk_Lock ranked, rw, irq;
	vmk_LockIRQL irql;
	vmk_HeapID heap;
	vmk_Name name;

	heap_props.module = nlockleak_id;
	vmk_NameInitialize(&heap_props.name, "nlockleak_heap");
	if (vmk_HeapCreate(&heap_props, &heap) != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&name, "nlockleak_domain");
	if (vmk_LockDomainCreate(nlockleak_id, heap, &name, &domain) != VMK_OK)
		return -ENOMEM;
	if (nlockleak_lock(heap, domain, "nlockleak_ranked", VMK_SPINLOCK, 4,
			   &ranked) ||
	    nlockleak_lock(heap, VMK_LOCKDOMAIN_INVALID, "nlockleak_rw",
			   VMK_SPINLOCK_RW, VMK_SPINLOCK_UNRANKED, &rw) ||
	    nlockleak_lock(heap, VMK_LOCKDOMAIN_INVALID, "nlockleak_irq",
			   VMK_SPINLOCK_IRQ, VMK_SPINLOCK_UNRANKED, &irq))
		return -ENOMEM;

	/* Used, so lockdep (where present) has classes to forget. */
	if (vmk_SpinlockLock(ranked) == VMK_OK) {
		if (vmk_SpinlockWriteLock(rw) == VMK_OK)
			vmk_SpinlockWriteUnlock(rw);
		vmk_SpinlockUnlock(ranked);
	}
	if (vmk_SpinlockLockIRQ(irq, &irql) == VMK_OK)
		vmk_SpinlockUnlockIRQ(irq, irql);
	return nlockleak_leak_legacy(heap);
}

static int __init nlockleak_init(void)
{
	if (vmk_ModuleRegister(&nlockleak_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	return nlockleak_leak();
}

static void __exit nlockleak_exit(void)
{
	/* Deliberately nothing: no destroy, no vmk_ModuleUnregister. */
}

module_init(nlockleak_init);
module_exit(nlockleak_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
