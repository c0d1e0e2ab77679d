// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a module that leaves a busy worldlet (it keeps saying
 * READY), a second one with affinity to it, and a bottom half that keeps
 * rescheduling itself, and unloads without destroying anything or
 * unregistering.  The core must report each by name, stop and free them
 * (the worldlets before the heap they came from) while they are active,
 * and still unload itself.
 */
#include <linux/module.h>

#include "vmkapi.h"

static vmk_ModuleID nwdtleak_id = VMK_INVALID_MODULE_ID;
static vmk_BHID nwdtleak_bh;

static VMK_ReturnStatus nwdtleak_poll(vmk_Worldlet w, void *data,
				      vmk_WorldletRunData *rd)
{
	rd->state = VMK_WDT_READY;
	return VMK_OK;
}

static VMK_ReturnStatus nwdtleak_idle(vmk_Worldlet w, void *data,
				      vmk_WorldletRunData *rd)
{
	rd->state = VMK_WDT_SUSPEND;
	return VMK_OK;
}

static void nwdtleak_bh_cb(vmk_AddrCookie data)
{
	vmk_BHScheduleAnyPCPU(nwdtleak_bh);
}

static int nwdtleak_leak(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.max = 64 * 1024,
	};
	vmk_BHProps bh_props = {
		.callback = nwdtleak_bh_cb,
	};
	vmk_Worldlet poll, idle;
	vmk_HeapID heap;
	vmk_Name name;

	heap_props.module = nwdtleak_id;
	vmk_NameInitialize(&heap_props.name, "nwdtleak_heap");
	if (vmk_HeapCreate(&heap_props, &heap) != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&name, "nwdtleak_poll");
	if (vmk_WorldletCreate(&poll, &name, 0, nwdtleak_id, heap,
			       nwdtleak_poll, NULL) != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&name, "nwdtleak_idle");
	if (vmk_WorldletCreate(&idle, &name, 0, nwdtleak_id, heap,
			       nwdtleak_idle, NULL) != VMK_OK)
		return -ENOMEM;
	if (vmk_WorldletSetAffinityToWorldlet(idle, poll,
					      VMK_WDT_AFFINITY_EXACT) != VMK_OK)
		return -EINVAL;
	bh_props.moduleID = nwdtleak_id;
	vmk_NameInitialize(&bh_props.name, "nwdtleak_bh");
	if (vmk_BHRegister(&bh_props, &nwdtleak_bh) != VMK_OK)
		return -ENOMEM;
	vmk_WorldletActivate(poll);
	vmk_WorldletActivate(idle);
	vmk_BHScheduleAnyPCPU(nwdtleak_bh);
	return 0;
}

static int __init nwdtleak_init(void)
{
	if (vmk_ModuleRegister(&nwdtleak_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	return nwdtleak_leak();
}

static void __exit nwdtleak_exit(void)
{
	/* Deliberately nothing: no unref, no unregister. */
}

module_init(nwdtleak_init);
module_exit(nwdtleak_exit);
MODULE_DESCRIPTION("Test: worldlets and a bottom half left active at unload");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
