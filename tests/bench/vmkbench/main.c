// SPDX-License-Identifier: GPL-2.0
/*
 * vmkbench: everything runs from module init, so loading the module is
 * the benchmark; tests/bench/run reads the rows off the console.
 */
#include <linux/module.h>

#include "vmkbench.h"

vmk_ModuleID vmkbench_id = VMK_INVALID_MODULE_ID;
vmk_HeapID vmkbench_heap;

static int vmkbench_heap_create(void)
{
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = vmkbench_id,
		.max = 1 << 20,
	};

	vmk_NameInitialize(&props.name, "vmkbench-lat");
	return vmk_HeapCreate(&props, &vmkbench_heap) == VMK_OK ? 0 : -ENOMEM;
}

static int __init vmkbench_init(void)
{
	int ret;

	if (vmk_ModuleRegister(&vmkbench_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	ret = vmkbench_primitives();
	if (!ret)
		ret = vmkbench_heap_create();
	if (!ret) {
		vmkbench_lat_helper();
		vmkbench_lat_timer();
		vmkbench_lat_intr();
		vmkbench_lat_worldlet();
		vmk_HeapDestroy(vmkbench_heap);
		pr_info("vmkbench: done\n");
	}
	vmk_ModuleUnregister(vmkbench_id);
	return ret;
}

static void __exit vmkbench_exit(void)
{
}

module_init(vmkbench_init);
module_exit(vmkbench_exit);
MODULE_DESCRIPTION("Benchmarks: VMK API primitives and deferred-work latency against Linux's");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
/* The software interrupt sources of the interrupt section. */
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
