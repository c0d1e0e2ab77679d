// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: leaves memory pools with pages in use and a mapping of
 * those pages behind when it unloads.  The core must name each of them,
 * unmap the mapping, free the pages and end both pools.  The parameter
 * "leak=0" makes it tidy up instead, for comparison.
 */
#include <linux/module.h>
#include <linux/string.h>

#include "vmkapi.h"

static bool leak = true;
module_param(leak, bool, 0444);

static vmk_ModuleID nmempool_id = VMK_INVALID_MODULE_ID;
static vmk_MemPool nmempool_parent, nmempool_leaf;
static vmk_MpnRange nmempool_range;
static vmk_VA nmempool_va;

static vmk_MemPool nmempool_create(const char *name, vmk_MemPool parent,
				   vmk_MemPoolType type)
{
	vmk_MemPoolProps props = {
		.module = nmempool_id,
		.parentMemPool = parent,
		.memPoolType = type,
		.resourceProps = { .reservation = 4, .limit = 16 },
	};
	vmk_MemPool pool = VMK_MEMPOOL_INVALID;

	vmk_NameInitialize(&props.name, name);
	vmk_MemPoolCreate(&props, &pool);
	return pool;
}

static int nmempool_setup(void)
{
	vmk_MemPoolAllocProps alloc = {
		.physContiguity = VMK_MEM_PHYS_CONTIGUOUS,
		.physRange = VMK_PHYS_ADDR_ANY,
	};
	vmk_MemPoolAllocRequest req = {
		.numPages = 3, .numElements = 1, .mpnRanges = &nmempool_range,
	};
	vmk_MapRequest map = {
		.mapType = VMK_MAPTYPE_DEFAULT,
		.mapAttrs = VMK_MAPATTRS_READWRITE,
		.numElements = 1,
		.mpnRanges = &nmempool_range,
	};

	nmempool_parent = nmempool_create("nmempool_parent",
					  VMK_MEMPOOL_INVALID,
					  VMK_MEM_POOL_PARENT);
	nmempool_leaf = nmempool_create("nmempool_leaf", nmempool_parent,
					VMK_MEM_POOL_LEAF);
	if (!nmempool_parent || !nmempool_leaf ||
	    vmk_MemPoolAlloc(nmempool_leaf, &alloc, &req) != VMK_OK ||
	    vmk_Map(nmempool_id, &map, &nmempool_va) != VMK_OK)
		return -ENOMEM;
	memset((void *)nmempool_va, 0xa5, 3 * VMK_PAGE_SIZE);
	return 0;
}

static int __init nmempool_init(void)
{
	if (vmk_ModuleRegister(&nmempool_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	/* A failed setup leaves its partial state to the core as well. */
	return nmempool_setup();
}

static void __exit nmempool_exit(void)
{
	vmk_MemPoolAllocRequest req = {
		.numPages = 3, .numElements = 1, .mpnRanges = &nmempool_range,
	};

	if (leak)
		return;
	vmk_Unmap(nmempool_va);
	vmk_MemPoolFree(&req);
	vmk_MemPoolDestroy(nmempool_leaf);
	vmk_MemPoolDestroy(nmempool_parent);
	vmk_ModuleUnregister(nmempool_id);
}

module_init(nmempool_init);
module_exit(nmempool_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
