/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites share.
 *
 * KUnit runs a module's suites while the module is still COMING, before
 * its init function, so a suite module cannot rely on the native stub to
 * register it: each suite that needs a module ID registers in its
 * suite_init and unregisters in its suite_exit, through these hooks.
 */
#ifndef _VMKAPI_KUNIT_H_
#define _VMKAPI_KUNIT_H_

#include <kunit/test.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"

MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);

static vmk_ModuleID vmk_kunit_module_id = VMK_INVALID_MODULE_ID;

static int __maybe_unused vmk_kunit_suite_register(struct kunit_suite *suite)
{
	return vmk_ModuleRegister(&vmk_kunit_module_id, VMKAPI_REVISION) ==
	       VMK_OK ? 0 : -EINVAL;
}

static void __maybe_unused vmk_kunit_suite_unregister(struct kunit_suite *suite)
{
	VMK_ReturnStatus status = vmk_ModuleUnregister(vmk_kunit_module_id);

	/* A test that leaked a resource is reported here, by name. */
	if (status != VMK_OK)
		pr_err("%s: vmk_ModuleUnregister: %s\n", suite->name,
		       vmk_StatusToString(status));
	vmk_kunit_module_id = VMK_INVALID_MODULE_ID;
}

/* A SIMPLE heap of @max bytes owned by @module: the suites' usual arena. */
static VMK_ReturnStatus __maybe_unused
vmk_kunit_heap_create(vmk_ModuleID module, const char *name,
		      vmk_ByteCountSmall max, vmk_HeapID *heap)
{
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = module,
		.max = max,
	};

	vmk_NameInitialize(&props.name, name);
	return vmk_HeapCreate(&props, heap);
}

/* In a test: a heap of the suite's module, or the test stops there. */
static vmk_HeapID __maybe_unused vmk_kunit_heap(struct kunit *test,
						const char *name,
						vmk_ByteCountSmall max)
{
	vmk_HeapID heap = VMK_INVALID_HEAP_ID;

	KUNIT_ASSERT_EQ(test, vmk_kunit_heap_create(vmk_kunit_module_id, name,
						    max, &heap), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, heap);
	return heap;
}

/* Destroy a heap that must be empty again: everything went back. */
static void __maybe_unused vmk_kunit_heap_drop(struct kunit *test,
					       vmk_HeapID heap)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(heap, &st), 0);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
	vmk_HeapDestroy(heap);
}

#endif /* _VMKAPI_KUNIT_H_ */
