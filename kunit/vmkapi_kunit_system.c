// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: system state, identity and reboot handlers.  The guest is running
 * normally while the suite runs; panic and shutdown cannot be entered from
 * a test, so reboot handlers are run through the core's own walker, for
 * this module only.
 */
#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/utsname.h>

#include "vmkapi_kunit.h"
#include "vmkapi_internal.h"

/* What vmk_RegisterRebootHandler() passes; set once registered. */
vmk_ModuleID vmk_ModuleCurrentID = VMK_INVALID_MODULE_ID;

static int system_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	vmk_ModuleCurrentID = vmk_kunit_module_id;
	return ret;
}

static void system_suite_exit(struct kunit_suite *suite)
{
	vmk_kunit_suite_unregister(suite);
	vmk_ModuleCurrentID = VMK_INVALID_MODULE_ID;
}

static void vmk_system_state(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vmk_SystemCheckState(VMK_SYSTEM_STATE_NORMAL),
			VMK_TRUE);
	KUNIT_EXPECT_EQ(test, vmk_SystemCheckState(VMK_SYSTEM_STATE_PANIC),
			VMK_FALSE);
	KUNIT_EXPECT_EQ(test, vmk_SystemCheckState(VMK_SYSTEM_STATE_UNLOADING),
			VMK_FALSE);
	/* An unknown state is no state the system is in. */
	KUNIT_EXPECT_EQ(test, vmk_SystemCheckState((vmk_SystemState)99),
			VMK_FALSE);
}

static void vmk_system_version_info(struct kunit *test)
{
	vmk_SystemVersionInfo info = { };

	KUNIT_ASSERT_EQ(test, vmk_SystemGetVersionInfo(&info), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, info.productName);
	KUNIT_ASSERT_NOT_NULL(test, info.productVersion);
	KUNIT_ASSERT_NOT_NULL(test, info.buildVersion);
	KUNIT_EXPECT_STREQ(test, info.productName, "Linux");
	KUNIT_EXPECT_STREQ(test, info.productVersion, init_utsname()->release);
	KUNIT_EXPECT_GT(test, strlen(info.buildVersion), (size_t)0);
	KUNIT_EXPECT_EQ(test, vmk_SystemGetVersionInfo(NULL), VMK_BAD_PARAM);
}

static void vmk_system_id_string(struct kunit *test)
{
	const char *id = NULL, *again = NULL;
	VMK_ReturnStatus status;
	int i;

	KUNIT_EXPECT_EQ(test, vmk_SystemGetIDString(NULL), VMK_BAD_PARAM);
	status = vmk_SystemGetIDString(&id);
	if (status == VMK_FAILURE) {
		KUNIT_EXPECT_NULL(test, id);
		kunit_skip(test, "the firmware provides no system UUID");
	}
	KUNIT_ASSERT_EQ(test, status, VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, id);
	/* RFC 4122 text form: 8-4-4-4-12 hex digits. */
	KUNIT_ASSERT_EQ(test, strlen(id), (size_t)36);
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			KUNIT_EXPECT_EQ(test, id[i], '-');
		else
			KUNIT_EXPECT_TRUE(test, isxdigit(id[i]));
	}
	/* Persistent: the same string every time. */
	KUNIT_ASSERT_EQ(test, vmk_SystemGetIDString(&again), VMK_OK);
	KUNIT_EXPECT_STREQ(test, again, id);
}

/* Each call appends its data's tag, so order and count are visible. */
static char reboot_log[16];

static void reboot_a(void *data)
{
	strncat(reboot_log, data, sizeof(reboot_log) - strlen(reboot_log) - 1);
}

static void reboot_b(void *data)
{
	strncat(reboot_log, "B", sizeof(reboot_log) - strlen(reboot_log) - 1);
}

static void vmk_system_reboot_handlers(struct kunit *test)
{
	reboot_log[0] = '\0';
	KUNIT_EXPECT_EQ(test, vmk_RegisterRebootHandler(NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, __vmk_RegisterRebootHandler(12345, reboot_a, "x"),
			VMK_INVALID_MODULE);
	KUNIT_EXPECT_EQ(test, vmk_UnregisterRebootHandler(reboot_a),
			VMK_NOT_FOUND);

	KUNIT_ASSERT_EQ(test, vmk_RegisterRebootHandler(reboot_a, "1"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_RegisterRebootHandler(reboot_b, NULL), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_RegisterRebootHandler(reboot_a, "2"), VMK_OK);

	/* Unregister drops one registration: B's. */
	KUNIT_EXPECT_EQ(test, vmk_UnregisterRebootHandler(reboot_b), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_UnregisterRebootHandler(reboot_b),
			VMK_NOT_FOUND);

	/* Going down: the rest run once, in registration order, with data. */
	KUNIT_EXPECT_EQ(test, vmk_core_system_run_reboot_handlers(
				vmk_kunit_module_id), 2U);
	KUNIT_EXPECT_STREQ(test, reboot_log, "12");
	KUNIT_EXPECT_EQ(test, vmk_core_system_run_reboot_handlers(
				vmk_kunit_module_id), 0U);
	KUNIT_EXPECT_STREQ(test, reboot_log, "12");
	/* Having run, they are no longer registered. */
	KUNIT_EXPECT_EQ(test, vmk_UnregisterRebootHandler(reboot_a),
			VMK_NOT_FOUND);
}

/* A registered handler is a resource: its module cannot unregister. */
static void vmk_system_reboot_handler_is_a_resource(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, vmk_RegisterRebootHandler(reboot_b, NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	KUNIT_EXPECT_EQ(test, vmk_UnregisterRebootHandler(reboot_b), VMK_OK);
}

static struct kunit_case vmk_system_cases[] = {
	KUNIT_CASE(vmk_system_state),
	KUNIT_CASE(vmk_system_version_info),
	KUNIT_CASE(vmk_system_id_string),
	KUNIT_CASE(vmk_system_reboot_handlers),
	KUNIT_CASE(vmk_system_reboot_handler_is_a_resource),
	{}
};

static struct kunit_suite vmk_system_suite = {
	.name = "vmkapi_system",
	.suite_init = system_suite_init,
	.suite_exit = system_suite_exit,
	.test_cases = vmk_system_cases,
};
kunit_test_suite(vmk_system_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API system state");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
