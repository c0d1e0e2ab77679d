// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: assertions and the vmk_Panic message.  A failing assertion
 * panics the machine, so only the passing paths run here; what a failure
 * would print is checked through the core's formatting helper, and the
 * compile-time assertions by this file building at all.
 *
 * Built as a debug (VMX86_DEBUG) driver would be, so VMK_ASSERT is live.
 */
#define VMX86_DEBUG 1

#include <kunit/test.h>
#include <linux/module.h>
#include <linux/stdarg.h>
#include <linux/string.h>

#include "vmkapi_kunit.h"
#include "vmkapi_internal.h"

/* What vmk_Panic() names; KUnit modules have no native stub to set it. */
vmk_ModuleID vmk_ModuleCurrentID = VMK_INVALID_MODULE_ID;

static int evaluations;

static bool counted(bool value)
{
	evaluations++;
	return value;
}

static void vmk_assert_passing_paths(struct kunit *test)
{
	int x = 3;
	int *p = &x, *null = NULL;

	/* A passing check evaluates its condition exactly once. */
	evaluations = 0;
	VMK_ASSERT(counted(true));
	KUNIT_EXPECT_EQ(test, evaluations, 1);
	VMK_ASSERT(counted(x == 3), "x is %d", x);
	KUNIT_EXPECT_EQ(test, evaluations, 2);
	VMK_ASSERT_BUG(counted(true));
	KUNIT_EXPECT_EQ(test, evaluations, 3);
	VMK_ASSERT_BUG(counted(p != NULL), "p %p", p);
	KUNIT_EXPECT_EQ(test, evaluations, 4);

	VMK_ASSERT_EQ(x, 3);
	VMK_ASSERT_NE(x, 4);
	VMK_ASSERT_GE(x, 3);
	VMK_ASSERT_LE(x, 3);
	VMK_ASSERT_GT(x, 2);
	VMK_ASSERT_LT(x, 4);
	VMK_ASSERT_NOT_NULL(p);
	VMK_ASSERT_NULL(null);

	/* As statements they need no braces. */
	if (x == 3)
		VMK_ASSERT(x > 0);
	else
		VMK_ASSERT_BUG(x < 0);
}

/*
 * Without VMX86_DEBUG, VMK_ASSERT is the ignored form: the condition is
 * not evaluated at all, even a false one, as on ESXi release builds.
 */
static void vmk_assert_release_form(struct kunit *test)
{
	evaluations = 0;
	VMK_ASSERT_IGNORED_(counted(false));
	VMK_ASSERT_IGNORED_(counted(false), "message %d", 1);
	KUNIT_EXPECT_EQ(test, evaluations, 0);
	/* And the checked form is what VMX86_DEBUG selects. */
	VMK_ASSERT_CHECKED_(counted(true));
	KUNIT_EXPECT_EQ(test, evaluations, 1);
}

VMK_ASSERT_LIST(vmk_assert_file_scope,
		VMK_ASSERT_ON_COMPILE(sizeof(vmk_uint64) == 8);
		VMK_ASSERT_ON_COMPILE(VMK_TRUE == 1);
)

static void vmk_assert_on_compile(struct kunit *test)
{
	VMK_ASSERT_ON_COMPILE(sizeof(vmk_Bool) == 1);
	VMK_ASSERT_ON_COMPILE(VMK_INVALID_MODULE_ID < 0);
	/* Reaching here is the test: the assertions above compiled. */
	KUNIT_SUCCEED(test);
}

static int format(char *buf, size_t len, vmk_ModuleID id, const char *fmt,
		  ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vmk_core_panic_format(buf, len, id, fmt, ap);
	va_end(ap);
	return n;
}

static void vmk_assert_panic_message(struct kunit *test)
{
	char buf[128];
	int n;

	/* A registered module is named. */
	n = format(buf, sizeof(buf), vmk_kunit_module_id, "x=%d %s", 42, "y");
	KUNIT_EXPECT_STREQ(test, buf, "vmkapi_kunit_assert: x=42 y");
	KUNIT_EXPECT_EQ(test, n, (int)strlen(buf));

	/* An unknown one by number; a NULL format does not fault. */
	format(buf, sizeof(buf), 12345, "lost %u", 7U);
	KUNIT_EXPECT_STREQ(test, buf, "module 12345: lost 7");
	format(buf, sizeof(buf), VMK_INVALID_MODULE_ID, NULL);
	KUNIT_EXPECT_STREQ(test, buf, "module -1: (no message)");

	/* Long messages are cut, still terminated. */
	n = format(buf, 16, 12345, "%s", "0123456789abcdef");
	KUNIT_EXPECT_EQ(test, n, 15);
	KUNIT_EXPECT_STREQ(test, buf, "module 12345: 0");
}

static struct kunit_case vmk_assert_cases[] = {
	KUNIT_CASE(vmk_assert_passing_paths),
	KUNIT_CASE(vmk_assert_release_form),
	KUNIT_CASE(vmk_assert_on_compile),
	KUNIT_CASE(vmk_assert_panic_message),
	{}
};

static struct kunit_suite vmk_assert_suite = {
	.name = "vmkapi_assert",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_assert_cases,
};
kunit_test_suite(vmk_assert_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API assertions and panic messages");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
