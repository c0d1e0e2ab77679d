// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a module that starts two worlds, one waiting on no event
 * and one sleeping, and unloads without destroying them or unregistering.
 * The core must report both by name, kill them, wait for their deaths
 * (each says it saw VMK_DEATH_PENDING) before the module's code goes,
 * reclaim the heap after them, and still unload itself.
 */
#include <linux/module.h>
#include <linux/printk.h>

#include "vmkapi.h"

static vmk_ModuleID nworldleak_id = VMK_INVALID_MODULE_ID;

static VMK_ReturnStatus nworldleak_waiter(void *data)
{
	VMK_ReturnStatus status;

	do {
		status = vmk_WorldWait(VMK_EVENT_NONE, VMK_LOCK_INVALID,
				       VMK_TIMEOUT_UNLIMITED_MS, "nworldleak");
	} while (status != VMK_DEATH_PENDING);
	pr_info("nworldleak: waiter saw %s\n", vmk_StatusToString(status));
	return status;
}

static VMK_ReturnStatus nworldleak_sleeper(void *data)
{
	VMK_ReturnStatus status;

	do {
		status = vmk_WorldSleep(1000 * 1000);
	} while (status != VMK_DEATH_PENDING);
	pr_info("nworldleak: sleeper saw %s\n", vmk_StatusToString(status));
	return status;
}

static int nworldleak_start(vmk_HeapID heap, const char *name,
			    vmk_WorldStartFunc fn)
{
	vmk_WorldProps props = {
		.name = name,
		.moduleID = nworldleak_id,
		.startFunction = fn,
		.schedClass = VMK_WORLD_SCHED_CLASS_DEFAULT,
		.heapID = heap,
	};

	return vmk_WorldCreate(&props, NULL) == VMK_OK ? 0 : -ENOMEM;
}

static int __init nworldleak_init(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.max = 16 * 1024,
	};
	vmk_HeapID heap;

	if (vmk_ModuleRegister(&nworldleak_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	heap_props.module = nworldleak_id;
	vmk_NameInitialize(&heap_props.name, "nworldleak_heap");
	if (vmk_HeapCreate(&heap_props, &heap) != VMK_OK)
		return -ENOMEM;
	if (nworldleak_start(heap, "nworldleak_wait", nworldleak_waiter) ||
	    nworldleak_start(heap, "nworldleak_sleep", nworldleak_sleeper))
		return -ENOMEM;
	return 0;
}

static void __exit nworldleak_exit(void)
{
	/* Deliberately nothing: no destroy, no vmk_ModuleUnregister. */
}

module_init(nworldleak_init);
module_exit(nworldleak_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
