// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: module registration, revision check, identity, use counts and
 * the default-heap slot.
 *
 * KUnit runs a module's suites while the module is still COMING (before
 * its init returns), which makes this module a faithful "native driver
 * during init": registered, but not yet nameable.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/string.h>

#include "vmkapi_kunit.h"

static vmk_HeapID fake_heap(unsigned long n)
{
	/* Heaps are opaque handles; the slot never dereferences them. */
	return (vmk_HeapID)(0x1000UL * n);
}

static void vmk_module_register_bad_params(struct kunit *test)
{
	vmk_ModuleID id = VMK_INVALID_MODULE_ID;

	KUNIT_EXPECT_EQ(test, vmk_ModuleRegister(NULL, VMKAPI_REVISION),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, __vmk_ModuleRegister(NULL, &id, VMKAPI_REVISION),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, id, VMK_INVALID_MODULE_ID);
}

static void vmk_module_revision_check(struct kunit *test)
{
	vmk_ModuleID id = VMK_INVALID_MODULE_ID;

	KUNIT_EXPECT_EQ(test,
		vmk_ModuleRegister(&id, VMK_REVISION_FROM_NUMBERS(3, 0, 0, 0)),
		VMK_VERSION_MISMATCH_MAJOR);
	KUNIT_EXPECT_EQ(test,
		vmk_ModuleRegister(&id, VMK_REVISION_FROM_NUMBERS(1, 9, 0, 0)),
		VMK_VERSION_MISMATCH_MAJOR);
	KUNIT_EXPECT_EQ(test,
		vmk_ModuleRegister(&id, VMK_REVISION_FROM_NUMBERS(2, 4, 0, 0)),
		VMK_VERSION_MISMATCH_MINOR);
	KUNIT_EXPECT_EQ(test, id, VMK_INVALID_MODULE_ID);
	/*
	 * An older minor or a different update passes the revision check;
	 * this module is registered already, so it then meets VMK_EXISTS.
	 */
	KUNIT_EXPECT_EQ(test,
		vmk_ModuleRegister(&id, VMK_REVISION_FROM_NUMBERS(2, 2, 0, 0)),
		VMK_EXISTS);
	KUNIT_EXPECT_EQ(test,
		vmk_ModuleRegister(&id, VMK_REVISION_FROM_NUMBERS(2, 3, 9, 9)),
		VMK_EXISTS);
	KUNIT_EXPECT_EQ(test, vmk_ModuleRegister(&id, VMKAPI_REVISION),
			VMK_EXISTS);
}

static void vmk_module_lookup_by_name(struct kunit *test)
{
	KUNIT_ASSERT_NE(test, vmk_kunit_module_id, VMK_INVALID_MODULE_ID);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetID(KBUILD_MODNAME), vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetID("vmkapi"),
			VMK_VMKERNEL_MODULE_ID);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetID("no_such_module"),
			VMK_INVALID_MODULE_ID);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetID(NULL), VMK_INVALID_MODULE_ID);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetDebugID(vmk_kunit_module_id),
			(vmk_uint64)vmk_kunit_module_id);
}

static void vmk_module_get_name(struct kunit *test)
{
	char buf[VMK_MODULE_NAME_MAX];

	KUNIT_EXPECT_EQ(test, vmk_ModuleGetName(VMK_VMKERNEL_MODULE_ID, buf,
						sizeof(buf)), VMK_OK);
	KUNIT_EXPECT_STREQ(test, buf, "vmkapi");
	/* "vmkapi" and its NUL need 7 bytes. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetName(VMK_VMKERNEL_MODULE_ID, buf, 6),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetName(VMK_VMKERNEL_MODULE_ID, buf, 7),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetName(VMK_VMKERNEL_MODULE_ID, NULL,
						sizeof(buf)), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetName(12345, buf, sizeof(buf)),
			VMK_NOT_FOUND);
	/* This module's init has not returned: its name is not public yet. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetName(vmk_kunit_module_id, buf,
						sizeof(buf)), VMK_NOT_FOUND);
}

static void vmk_module_use_count_pins_module(struct kunit *test)
{
	int refs = module_refcount(THIS_MODULE);

	KUNIT_ASSERT_EQ(test, vmk_ModuleIncUseCount(vmk_kunit_module_id), VMK_OK);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs + 1);
	/* A module in use cannot go away. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_ModuleDecUseCount(vmk_kunit_module_id), VMK_OK);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	/* Below zero is refused and changes nothing. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleDecUseCount(vmk_kunit_module_id),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	KUNIT_EXPECT_EQ(test, vmk_ModuleIncUseCount(12345), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_ModuleDecUseCount(12345), VMK_NOT_FOUND);
}

static void vmk_module_default_heap_set_once(struct kunit *test)
{
	KUNIT_EXPECT_PTR_EQ(test, vmk_ModuleGetHeapID(vmk_kunit_module_id),
			    VMK_INVALID_HEAP_ID);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, fake_heap(1));
	KUNIT_EXPECT_PTR_EQ(test, vmk_ModuleGetHeapID(vmk_kunit_module_id),
			    fake_heap(1));
	/* Later assignments are ignored... */
	vmk_ModuleSetHeapID(vmk_kunit_module_id, fake_heap(2));
	KUNIT_EXPECT_PTR_EQ(test, vmk_ModuleGetHeapID(vmk_kunit_module_id),
			    fake_heap(1));
	/* ...but the slot can be cleared before the heap is destroyed. */
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	KUNIT_EXPECT_PTR_EQ(test, vmk_ModuleGetHeapID(vmk_kunit_module_id),
			    VMK_INVALID_HEAP_ID);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, fake_heap(3));
	KUNIT_EXPECT_PTR_EQ(test, vmk_ModuleGetHeapID(vmk_kunit_module_id),
			    fake_heap(3));
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);

	vmk_ModuleSetHeapID(12345, fake_heap(1));
	KUNIT_EXPECT_PTR_EQ(test, vmk_ModuleGetHeapID(12345),
			    VMK_INVALID_HEAP_ID);
}

static void vmk_module_unregister_and_again(struct kunit *test)
{
	vmk_ModuleID old_id = vmk_kunit_module_id;

	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(12345), VMK_INVALID_MODULE);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(VMK_INVALID_MODULE_ID),
			VMK_INVALID_MODULE);
	/* The core's own entry is not a caller's to remove. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(VMK_VMKERNEL_MODULE_ID),
			VMK_INVALID_MODULE);

	KUNIT_ASSERT_EQ(test, vmk_ModuleUnregister(old_id), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(old_id), VMK_INVALID_MODULE);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetID(KBUILD_MODNAME),
			VMK_INVALID_MODULE_ID);
	KUNIT_EXPECT_EQ(test, vmk_ModuleIncUseCount(old_id), VMK_NOT_FOUND);

	/* Registering again works and the module is back under its name. */
	KUNIT_ASSERT_EQ(test, vmk_ModuleRegister(&vmk_kunit_module_id,
						 VMKAPI_REVISION), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleGetID(KBUILD_MODNAME), vmk_kunit_module_id);
}

static void vmk_module_unregister_releases_log_components(struct kunit *test)
{
	vmk_LogProperties props = {
		.module = vmk_kunit_module_id,
		.defaultLevel = 0,
	};
	vmk_LogComponent comp;

	KUNIT_ASSERT_EQ(test, vmk_NameInitialize(&props.name, "forgotten"),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id), VMK_OK);
	/* The core released what the module forgot; the handle is dead. */
	KUNIT_EXPECT_EQ(test, vmk_LogUnregister(comp), VMK_NOT_FOUND);
	KUNIT_ASSERT_EQ(test, vmk_ModuleRegister(&vmk_kunit_module_id,
						 VMKAPI_REVISION), VMK_OK);
}

static struct kunit_case vmk_module_cases[] = {
	KUNIT_CASE(vmk_module_register_bad_params),
	KUNIT_CASE(vmk_module_revision_check),
	KUNIT_CASE(vmk_module_lookup_by_name),
	KUNIT_CASE(vmk_module_get_name),
	KUNIT_CASE(vmk_module_use_count_pins_module),
	KUNIT_CASE(vmk_module_default_heap_set_once),
	KUNIT_CASE(vmk_module_unregister_and_again),
	KUNIT_CASE(vmk_module_unregister_releases_log_components),
	{}
};

static struct kunit_suite vmk_module_suite = {
	.name = "vmkapi_module",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_module_cases,
};
kunit_test_suite(vmk_module_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API module registration");
MODULE_LICENSE("GPL");
