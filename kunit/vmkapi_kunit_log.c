// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: log components.  What reached printk is read back through the
 * core's per-component counters (vmk_core_log_stats), so level filtering
 * and throttling are checked by effect, not by reading the console.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

static void init_props(struct kunit *test, vmk_LogProperties *props,
		       const char *name, int level)
{
	memset(props, 0, sizeof(*props));
	KUNIT_ASSERT_EQ(test, vmk_NameInitialize(&props->name, name), VMK_OK);
	props->module = vmk_kunit_module_id;
	props->heap = VMK_INVALID_HEAP_ID;
	props->defaultLevel = level;
}

static u64 printed(struct kunit *test, vmk_LogComponent comp)
{
	u64 p = 0, t = 0;

	KUNIT_EXPECT_EQ(test, vmk_core_log_stats(comp, &p, &t), 0);
	return p;
}

static u64 throttled(struct kunit *test, vmk_LogComponent comp)
{
	u64 p = 0, t = 0;

	KUNIT_EXPECT_EQ(test, vmk_core_log_stats(comp, &p, &t), 0);
	return t;
}

static void vmk_log_register_and_levels(struct kunit *test)
{
	vmk_LogProperties props;
	vmk_LogComponent comp = VMK_INVALID_LOG_HANDLE;

	init_props(test, &props, "kunit_levels", 3);
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	KUNIT_EXPECT_PTR_NE(test, comp, VMK_INVALID_LOG_HANDLE);
	KUNIT_EXPECT_STREQ(test, vmk_LogGetName(comp), "kunit_levels");
	KUNIT_EXPECT_EQ(test, vmk_LogGetCurrentLogLevel(comp), 3);
	KUNIT_EXPECT_EQ(test, vmk_LogSetCurrentLogLevel(comp, 5), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_LogGetCurrentLogLevel(comp), 5);
	KUNIT_EXPECT_GE(test, vmk_LogHeapAllocSize(), (vmk_ByteCount)1);
	KUNIT_EXPECT_EQ(test, vmk_LogUnregister(comp), VMK_OK);
}

static void vmk_log_level_filter(struct kunit *test)
{
	vmk_LogProperties props;
	vmk_LogComponent comp;

	init_props(test, &props, "kunit_filter", 1);
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);

	/* A message prints when the component's level >= its minimum. */
	KUNIT_EXPECT_EQ(test, vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, comp, 2,
					   "kunit: must not print\n"), VMK_OK);
	KUNIT_EXPECT_EQ(test, printed(test, comp), 0);
	vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, comp, 1, "kunit: level 1\n");
	vmk_LogLevel(VMK_LOG_URGENCY_DEBUG, comp, 0, "kunit: level 0\n");
	KUNIT_EXPECT_EQ(test, printed(test, comp), 2);

	/* vmk_Log prints at the current level, so always. */
	vmk_LogSetCurrentLogLevel(comp, 0);
	vmk_Log(comp, "kunit: vmk_Log %d", 42);
	vmk_Warning(comp, "kunit: vmk_Warning");
	KUNIT_EXPECT_EQ(test, printed(test, comp), 4);
	vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, comp, 1, "kunit: filtered\n");
	KUNIT_EXPECT_EQ(test, printed(test, comp), 4);
	KUNIT_EXPECT_EQ(test, throttled(test, comp), 0);
	vmk_LogUnregister(comp);
}

static void vmk_log_throttle_count(struct kunit *test)
{
	vmk_LogThrottleProperties throttle = { .type = VMK_LOG_THROTTLE_COUNT };
	vmk_LogProperties props;
	vmk_LogComponent comp;
	int i;

	init_props(test, &props, "kunit_count", 0);
	props.throttle = &throttle;
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	for (i = 1; i <= 10; i++)
		vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, comp, 0,
			     "kunit: storm message %d\n", i);
	/* Messages 1, 2, 4 and 8 get through. */
	KUNIT_EXPECT_EQ(test, printed(test, comp), 4);
	KUNIT_EXPECT_EQ(test, throttled(test, comp), 6);
	vmk_LogUnregister(comp);
}

static vmk_Bool every_other(void *arg)
{
	int *calls = arg;

	return (++*calls % 2) ? VMK_TRUE : VMK_FALSE;
}

static void vmk_log_throttle_custom(struct kunit *test)
{
	vmk_LogThrottleProperties throttle = {
		.type = VMK_LOG_THROTTLE_CUSTOM,
	};
	vmk_LogProperties props;
	vmk_LogComponent comp;
	int calls = 0, i;

	throttle.info.custom.throttler = every_other;
	throttle.info.custom.arg = &calls;
	init_props(test, &props, "kunit_custom", 1);
	props.throttle = &throttle;
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	for (i = 0; i < 6; i++)
		vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, comp, 1, "kunit: custom\n");
	/* Filtered messages never reach the throttler. */
	vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, comp, 2, "kunit: filtered\n");
	KUNIT_EXPECT_EQ(test, calls, 6);
	KUNIT_EXPECT_EQ(test, printed(test, comp), 3);
	KUNIT_EXPECT_EQ(test, throttled(test, comp), 3);
	vmk_LogUnregister(comp);
}

static void vmk_log_register_bad_params(struct kunit *test)
{
	vmk_LogThrottleProperties throttle = { .type = 99 };
	vmk_LogProperties props;
	vmk_LogComponent comp = VMK_INVALID_LOG_HANDLE;

	init_props(test, &props, "kunit_bad", 0);
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(NULL, &comp), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(&props, NULL), VMK_BAD_PARAM);

	props.throttle = &throttle;
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(&props, &comp), VMK_BAD_PARAM);
	throttle.type = VMK_LOG_THROTTLE_CUSTOM;
	throttle.info.custom.throttler = NULL;
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(&props, &comp), VMK_BAD_PARAM);
	props.throttle = NULL;

	props.module = 12345;
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(&props, &comp),
			VMK_INVALID_MODULE);
	props.module = vmk_kunit_module_id;

	props.name.string[0] = '\0';
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(&props, &comp), VMK_INVALID_NAME);
	memset(props.name.string, 'n', sizeof(props.name.string));
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(&props, &comp), VMK_INVALID_NAME);
	/* Nothing was handed out by any of the failed calls. */
	KUNIT_EXPECT_PTR_EQ(test, comp, VMK_INVALID_LOG_HANDLE);
}

static void vmk_log_duplicate_names(struct kunit *test)
{
	vmk_LogProperties props;
	vmk_LogComponent first, second;

	init_props(test, &props, "kunit_dup", 0);
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &first), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(&props, &second), VMK_EXISTS);
	/* Names are per module: the core's own "vmkapi" does not clash. */
	init_props(test, &props, "vmkapi", 0);
	KUNIT_EXPECT_EQ(test, vmk_LogRegister(&props, &second), VMK_OK);
	vmk_LogUnregister(second);
	vmk_LogUnregister(first);
}

static void vmk_log_find_by_name(struct kunit *test)
{
	vmk_LogProperties props;
	vmk_LogComponent comp, found = VMK_INVALID_LOG_HANDLE;
	vmk_Name name;

	init_props(test, &props, "kunit_find", 0);
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_LogFindLogComponentByName(vmk_kunit_module_id,
			&props.name, &found), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, found, comp);
	/* The same name under another module is a different component. */
	KUNIT_EXPECT_EQ(test, vmk_LogFindLogComponentByName(
			VMK_VMKERNEL_MODULE_ID, &props.name, &found),
			VMK_NOT_FOUND);
	vmk_NameInitialize(&name, "kunit_absent");
	KUNIT_EXPECT_EQ(test, vmk_LogFindLogComponentByName(vmk_kunit_module_id,
			&name, &found), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_LogFindLogComponentByName(vmk_kunit_module_id,
			NULL, &found), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_LogFindLogComponentByName(vmk_kunit_module_id,
			&props.name, NULL), VMK_BAD_PARAM);
	vmk_LogUnregister(comp);
	KUNIT_EXPECT_EQ(test, vmk_LogFindLogComponentByName(vmk_kunit_module_id,
			&props.name, &found), VMK_NOT_FOUND);
}

static void vmk_log_stale_handles(struct kunit *test)
{
	vmk_LogProperties props;
	vmk_LogComponent comp;

	init_props(test, &props, "kunit_stale", 0);
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_LogUnregister(comp), VMK_OK);

	/* Double unregister, and every use of the dead handle, is refused. */
	KUNIT_EXPECT_EQ(test, vmk_LogUnregister(comp), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_LogUnregister(VMK_INVALID_LOG_HANDLE),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_LogSetCurrentLogLevel(comp, 1),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_LogGetCurrentLogLevel(comp), 0);
	KUNIT_EXPECT_STREQ(test, vmk_LogGetName(comp), "(invalid)");
	KUNIT_EXPECT_EQ(test, vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, comp, 0,
					   "kunit: stale\n"), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_LogBacktrace(comp), VMK_NOT_FOUND);
}

static void vmk_log_no_level_and_null_format(struct kunit *test)
{
	vmk_LogProperties props;
	vmk_LogComponent comp;

	KUNIT_EXPECT_EQ(test, vmk_LogNoLevel(VMK_LOG_URGENCY_NORMAL,
					     "kunit: no level %d\n", 1), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_LogNoLevel(VMK_LOG_URGENCY_NORMAL, NULL),
			VMK_BAD_PARAM);
	init_props(test, &props, "kunit_nullfmt", 0);
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, comp, 0,
					   NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, printed(test, comp), 0);
	KUNIT_EXPECT_EQ(test, vmk_LogBacktrace(comp), VMK_OK);
	vmk_LogUnregister(comp);
}

/* The va_list forms, as a driver's own printf-like wrapper calls them. */
static __printf(3, 4) VMK_ReturnStatus v_log(vmk_LogComponent comp,
					      vmk_int32 level,
					      const char *fmt, ...)
{
	VMK_ReturnStatus status;
	va_list ap;

	va_start(ap, fmt);
	status = vmk_vLogLevel(VMK_LOG_URGENCY_NORMAL, comp, level, fmt, ap);
	va_end(ap);
	return status;
}

static __printf(1, 2) VMK_ReturnStatus v_log_no_level(const char *fmt, ...)
{
	VMK_ReturnStatus status;
	va_list ap;

	va_start(ap, fmt);
	status = vmk_vLogNoLevel(VMK_LOG_URGENCY_WARNING, fmt, ap);
	va_end(ap);
	return status;
}

static void vmk_log_va_list_forms(struct kunit *test)
{
	vmk_LogProperties props;
	vmk_LogComponent comp;

	init_props(test, &props, "kunit_valist", 1);
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	/* The same filter as vmk_LogLevel: printed when level >= minimum. */
	KUNIT_EXPECT_EQ(test, v_log(comp, 2, "kunit: must not print %d\n", 2),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, printed(test, comp), 0);
	KUNIT_EXPECT_EQ(test, v_log(comp, 1, "kunit: %s %d\n", "va_list", 1),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, printed(test, comp), 1);
	KUNIT_EXPECT_EQ(test, v_log(VMK_INVALID_LOG_HANDLE, 0, "kunit: %d\n", 0),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, v_log(comp, 0, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, printed(test, comp), 1);
	KUNIT_EXPECT_EQ(test, v_log_no_level("kunit: no level %s\n", "va_list"),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, v_log_no_level(NULL), VMK_BAD_PARAM);
	vmk_LogUnregister(comp);
}

/*
 * The logging contract says "does not block", so every call must be safe
 * with interrupts off and a spinlock held; the debug kernel's atomic-sleep
 * checker turns any sleeping allocation or lock in there into a failure.
 */
static void vmk_log_from_atomic_context(struct kunit *test)
{
	static DEFINE_SPINLOCK(lock);
	vmk_LogProperties props;
	vmk_LogComponent comp = VMK_INVALID_LOG_HANDLE;
	VMK_ReturnStatus reg, unreg, backtrace;
	unsigned long flags;

	init_props(test, &props, "kunit_atomic", 0);
	spin_lock_irqsave(&lock, flags);
	reg = vmk_LogRegister(&props, &comp);
	if (reg == VMK_OK) {
		vmk_Log(comp, "kunit: from atomic context");
		backtrace = vmk_LogBacktraceMessage();
		vmk_LogSetCurrentLogLevel(comp, 1);
		unreg = vmk_LogUnregister(comp);
	}
	spin_unlock_irqrestore(&lock, flags);
	KUNIT_ASSERT_EQ(test, reg, VMK_OK);
	KUNIT_EXPECT_EQ(test, unreg, VMK_OK);
	KUNIT_EXPECT_EQ(test, backtrace, VMK_OK);
}

static struct kunit_case vmk_log_cases[] = {
	KUNIT_CASE(vmk_log_register_and_levels),
	KUNIT_CASE(vmk_log_level_filter),
	KUNIT_CASE(vmk_log_throttle_count),
	KUNIT_CASE(vmk_log_throttle_custom),
	KUNIT_CASE(vmk_log_register_bad_params),
	KUNIT_CASE(vmk_log_duplicate_names),
	KUNIT_CASE(vmk_log_find_by_name),
	KUNIT_CASE(vmk_log_stale_handles),
	KUNIT_CASE(vmk_log_no_level_and_null_format),
	KUNIT_CASE(vmk_log_va_list_forms),
	KUNIT_CASE(vmk_log_from_atomic_context),
	{}
};

static struct kunit_suite vmk_log_suite = {
	.name = "vmkapi_log",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_log_cases,
};
kunit_test_suite(vmk_log_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API log components");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
