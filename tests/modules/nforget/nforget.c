// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a Linux-model module that registers with the core by hand
 * and then forgets to unregister, the way a buggy port might, and leaves
 * a heap with live allocations and a slab behind.  The core must notice
 * when the module goes away, name what was left, reclaim it, and drop the
 * module's entry and log component instead of keeping pointers into
 * freed module memory.
 */
#include <linux/module.h>

#include "vmkapi.h"

static vmk_ModuleID nforget_id = VMK_INVALID_MODULE_ID;
static vmk_LogComponent nforget_log;
static vmk_HeapID nforget_heap;
static vmk_SlabID nforget_slab;

/* Resources it never gives back: a heap in use and a slab. */
static int nforget_leak(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = nforget_id,
		.max = 64 * 1024,
	};
	vmk_SlabCreateProps slab_props = {
		.type = VMK_SLAB_TYPE_SIMPLE,
		.module = nforget_id,
		.objSize = 200,
		.minObj = 2,
		.maxObj = 16,
	};

	vmk_NameInitialize(&heap_props.name, "nforget_heap");
	if (vmk_HeapCreate(&heap_props, &nforget_heap) != VMK_OK)
		return -ENOMEM;
	if (!vmk_HeapAlloc(nforget_heap, 1000) ||
	    !vmk_HeapAlloc(nforget_heap, 3000))
		return -ENOMEM;
	vmk_NameInitialize(&slab_props.name, "nforget_slab");
	if (vmk_SlabCreate(&slab_props, &nforget_slab) != VMK_OK)
		return -ENOMEM;
	return 0;
}

static int __init nforget_init(void)
{
	vmk_LogProperties props = { .defaultLevel = 0 };

	if (vmk_ModuleRegister(&nforget_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	props.module = nforget_id;
	vmk_NameInitialize(&props.name, "nforget");
	if (vmk_LogRegister(&props, &nforget_log) != VMK_OK) {
		vmk_ModuleUnregister(nforget_id);
		return -EINVAL;
	}
	/* A failed init is cleaned up by the core in the same way. */
	return nforget_leak();
}

static void __exit nforget_exit(void)
{
	/*
	 * Deliberately no vmk_LogUnregister, vmk_HeapDestroy, vmk_SlabDestroy
	 * or vmk_ModuleUnregister.
	 */
}

module_init(nforget_init);
module_exit(nforget_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
