// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: system state and identity.  The guest is running normally while
 * the suite runs; panic and shutdown cannot be entered from a test.
 */
#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/utsname.h>

#include "vmkapi_kunit.h"

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

static struct kunit_case vmk_system_cases[] = {
	KUNIT_CASE(vmk_system_state),
	KUNIT_CASE(vmk_system_version_info),
	KUNIT_CASE(vmk_system_id_string),
	{}
};

static struct kunit_suite vmk_system_suite = {
	.name = "vmkapi_system",
	.test_cases = vmk_system_cases,
};
kunit_test_suite(vmk_system_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API system state");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
