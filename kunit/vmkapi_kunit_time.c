// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: clocks, conversions and delays.  Elapsed times are checked
 * against Linux's own CLOCK_MONOTONIC as lower bounds only: the guest may
 * be slow or preempted at any point, so no upper bound is asserted.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>

#include "vmkapi_kunit.h"

static s64 timeval_us(const vmk_TimeVal *tv)
{
	return tv->sec * VMK_USEC_PER_SEC + tv->usec;
}

static void vmk_time_constants(struct kunit *test)
{
	VMK_ASSERT_ON_COMPILE(VMK_TIMEOUT_NONBLOCKING == 0);
	VMK_ASSERT_ON_COMPILE(VMK_TIMEOUT_UNLIMITED_MS == 0xFFFFFFFFU);
	VMK_ASSERT_ON_COMPILE(VMK_USEC_PER_SEC == 1000000);
	VMK_ASSERT_ON_COMPILE(VMK_MSEC_PER_SEC == 1000);
	VMK_ASSERT_ON_COMPILE(VMK_USEC_PER_MSEC == 1000);
	VMK_ASSERT_ON_COMPILE(VMK_JIFFIES_PER_SECOND == 100);

	/* One second of cycles converts to exactly one second. */
	KUNIT_EXPECT_GT(test, vmk_TimerCyclesPerSecond(), 0ULL);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedTCToNS(vmk_TimerCyclesPerSecond()),
			1000000000ULL);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedTCToUS(vmk_TimerCyclesPerSecond()),
			1000000ULL);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedTCToMS(vmk_TimerCyclesPerSecond()),
			1000ULL);
	KUNIT_EXPECT_EQ(test, vmk_TimerMSToTC(1000),
			(vmk_TimerRelCycles)vmk_TimerCyclesPerSecond());
}

static const s64 signed_values[] = {
	0, 1, -1, 999, -999, 1000, 1001, 123456789, -123456789,
	VMK_TIMEOUT_UNLIMITED_MS, 86400LL * 365 * 1000 /* a year in ms */,
};

static void vmk_time_round_trips(struct kunit *test)
{
	int i;
	s64 v;

	for (i = 0; i < ARRAY_SIZE(signed_values); i++) {
		v = signed_values[i];
		KUNIT_EXPECT_EQ(test, vmk_TimerTCToNS(vmk_TimerNSToTC(v)), v);
		KUNIT_EXPECT_EQ(test, vmk_TimerTCToUS(vmk_TimerUSToTC(v)), v);
		KUNIT_EXPECT_EQ(test, vmk_TimerTCToMS(vmk_TimerMSToTC(v)), v);
		if (v < 0)
			continue;
		KUNIT_EXPECT_EQ(test,
				vmk_TimerUnsignedTCToNS(vmk_TimerUnsignedNSToTC(v)),
				(u64)v);
		KUNIT_EXPECT_EQ(test,
				vmk_TimerUnsignedTCToUS(vmk_TimerUnsignedUSToTC(v)),
				(u64)v);
		KUNIT_EXPECT_EQ(test,
				vmk_TimerUnsignedTCToMS(vmk_TimerUnsignedMSToTC(v)),
				(u64)v);
	}

	/* Units relate as they should, through cycles. */
	KUNIT_EXPECT_EQ(test, vmk_TimerTCToUS(vmk_TimerMSToTC(7)), 7000LL);
	KUNIT_EXPECT_EQ(test, vmk_TimerTCToNS(vmk_TimerUSToTC(-3)), -3000LL);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedTCToMS(vmk_TimerUnsignedUSToTC(2500)),
			2ULL);
}

static void vmk_time_edges(struct kunit *test)
{
	/* Coarser units truncate towards zero. */
	KUNIT_EXPECT_EQ(test, vmk_TimerTCToUS(vmk_TimerNSToTC(1999)), 1LL);
	KUNIT_EXPECT_EQ(test, vmk_TimerTCToUS(vmk_TimerNSToTC(-1999)), -1LL);
	KUNIT_EXPECT_EQ(test, vmk_TimerTCToMS(vmk_TimerUSToTC(-1500)), -1LL);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedTCToMS(vmk_TimerUnsignedNSToTC(999999)),
			0ULL);

	/* The extremes convert without wrapping: they saturate. */
	KUNIT_EXPECT_EQ(test, vmk_TimerUSToTC(S64_MAX), S64_MAX);
	KUNIT_EXPECT_EQ(test, vmk_TimerUSToTC(S64_MIN), S64_MIN);
	KUNIT_EXPECT_EQ(test, vmk_TimerMSToTC(S64_MAX / 1000), S64_MAX);
	KUNIT_EXPECT_EQ(test, vmk_TimerMSToTC(S64_MIN / 1000), S64_MIN);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedUSToTC(U64_MAX), U64_MAX);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedMSToTC(U64_MAX / 1000), U64_MAX);
	KUNIT_EXPECT_EQ(test, vmk_TimerNSToTC(S64_MIN), S64_MIN);
	KUNIT_EXPECT_EQ(test, vmk_TimerTCToNS(S64_MAX), S64_MAX);
	KUNIT_EXPECT_EQ(test, vmk_TimerTCToUS(S64_MIN), S64_MIN / 1000);
	KUNIT_EXPECT_EQ(test, vmk_TimerTCToMS(S64_MAX), S64_MAX / 1000000);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedTCToUS(U64_MAX), U64_MAX / 1000);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedTCToMS(U64_MAX), U64_MAX / 1000000);

	/* The largest value that still fits converts exactly. */
	KUNIT_EXPECT_EQ(test, vmk_TimerUSToTC(S64_MAX / 1000),
			S64_MAX / 1000 * 1000);
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedMSToTC(U64_MAX / 1000000),
			U64_MAX / 1000000 * 1000000);

	/* An unlimited timeout in ms is a realistic input: no overflow. */
	KUNIT_EXPECT_EQ(test, vmk_TimerUnsignedMSToTC(VMK_TIMEOUT_UNLIMITED_MS),
			(u64)VMK_TIMEOUT_UNLIMITED_MS * 1000000);
}

static void vmk_time_cycles_monotonic_on_cpu(struct kunit *test)
{
	vmk_TimerCycles prev, now, first;
	int i, backwards = 0;

	preempt_disable();
	first = prev = vmk_GetTimerCycles();
	for (i = 0; i < 1000; i++) {
		now = vmk_GetTimerCycles();
		if (now < prev)
			backwards++;
		prev = now;
	}
	vmk_DelayUsecs(100);
	now = vmk_GetTimerCycles();
	preempt_enable();

	KUNIT_EXPECT_EQ(test, backwards, 0);
	KUNIT_EXPECT_GE(test, now, prev);

	/*
	 * With unsynchronised TSCs local_clock() is clamped to one tick past
	 * the last tick this CPU handled, so under a loaded TCG host it may
	 * stand still for a while with preemption off.  It must still move on
	 * once ticks are handled: sleep across a few of them.
	 */
	msleep(20);
	KUNIT_EXPECT_GT(test, vmk_GetTimerCycles(), first);
}

static void vmk_time_uptime_and_delay(struct kunit *test)
{
	static const vmk_uint32 delays[] = { 0, 1, 50, 1000, 20000 };
	vmk_TimeVal before, after, prev;
	u64 t0, t1;
	int i, j;

	for (i = 0; i < ARRAY_SIZE(delays); i++) {
		vmk_GetUptime(&before);
		t0 = ktime_get_ns();
		vmk_DelayUsecs(delays[i]);
		t1 = ktime_get_ns();
		vmk_GetUptime(&after);

		KUNIT_EXPECT_GE_MSG(test, t1 - t0, (u64)delays[i] * 1000,
				    "vmk_DelayUsecs(%u) returned early", delays[i]);
		KUNIT_EXPECT_GE(test, timeval_us(&after) - timeval_us(&before),
				(s64)delays[i]);
		KUNIT_EXPECT_GE(test, after.usec, 0LL);
		KUNIT_EXPECT_LT(test, after.usec, VMK_USEC_PER_SEC);
	}

	/* Uptime never goes backwards, on whichever CPU it is read. */
	vmk_GetUptime(&prev);
	for (j = 0; j < 2000; j++) {
		vmk_GetUptime(&after);
		KUNIT_ASSERT_GE(test, timeval_us(&after), timeval_us(&prev));
		prev = after;
		if (!(j % 100))
			cond_resched();
	}
	/* It counts from boot, like CLOCK_MONOTONIC. */
	KUNIT_EXPECT_LE(test, after.sec, (s64)(ktime_get_ns() / NSEC_PER_SEC));
}

/*
 * vmk_DelayUsecs never sleeps: the debug kernel's atomic-sleep checks turn
 * any sleep with interrupts off or a spinlock held into a failure.
 */
static void vmk_time_delay_in_atomic_context(struct kunit *test)
{
	static DEFINE_SPINLOCK(lock);
	unsigned long flags;
	u64 t0, t1;

	spin_lock_irqsave(&lock, flags);
	t0 = ktime_get_ns();
	vmk_DelayUsecs(200);
	t1 = ktime_get_ns();
	spin_unlock_irqrestore(&lock, flags);
	KUNIT_EXPECT_GE(test, t1 - t0, 200ULL * 1000);
}

static void vmk_time_of_day(struct kunit *test)
{
	vmk_TimeVal tv;
	struct timespec64 ts;
	time64_t linux_now;

	vmk_GetTimeOfDay(&tv);
	/*
	 * The fine-grained clock, as vmk_GetTimeOfDay reads it: the coarse
	 * ktime_get_real_seconds() lags it by up to a tick, so across a
	 * second boundary it would read a second earlier.
	 */
	ktime_get_real_ts64(&ts);
	linux_now = ts.tv_sec;
	KUNIT_EXPECT_GE(test, tv.usec, 0LL);
	KUNIT_EXPECT_LT(test, tv.usec, VMK_USEC_PER_SEC);
	/* The same wall clock as Linux's, read a moment earlier. */
	KUNIT_EXPECT_LE(test, tv.sec, (s64)linux_now);
	KUNIT_EXPECT_GE(test, tv.sec, (s64)linux_now - 2);

	/* NULL is reported and ignored. */
	vmk_GetTimeOfDay(NULL);
	vmk_GetUptime(NULL);
}

static void vmk_time_abs_timeout_and_jiffies(struct kunit *test)
{
	vmk_uint64 before, after, abs;
	unsigned long j0, j1;

	KUNIT_EXPECT_EQ(test, VMK_ABS_TIMEOUT_MS(0), 0ULL);
	before = vmk_TimerUnsignedTCToMS(vmk_GetTimerCycles());
	abs = VMK_ABS_TIMEOUT_MS(250);
	after = vmk_TimerUnsignedTCToMS(vmk_GetTimerCycles());
	KUNIT_EXPECT_GE(test, abs, before + 250);
	KUNIT_EXPECT_LE(test, abs, after + 250);

	/* 10 ms ticks: 30 ms of delay is at least one of them. */
	j0 = vmk_jiffies;
	vmk_DelayUsecs(30000);
	j1 = vmk_jiffies;
	KUNIT_EXPECT_GE(test, j1 - j0, 1UL);
	/*
	 * They count from boot, not from Linux's INITIAL_JIFFIES (minutes of
	 * ticks before zero): within a second of the monotonic clock.
	 */
	KUNIT_EXPECT_LE(test, (u64)j1,
			div_u64(ktime_get_ns(), 10 * NSEC_PER_MSEC) + 100);
}

static struct kunit_case vmk_time_cases[] = {
	KUNIT_CASE(vmk_time_constants),
	KUNIT_CASE(vmk_time_round_trips),
	KUNIT_CASE(vmk_time_edges),
	KUNIT_CASE(vmk_time_cycles_monotonic_on_cpu),
	KUNIT_CASE(vmk_time_uptime_and_delay),
	KUNIT_CASE(vmk_time_delay_in_atomic_context),
	KUNIT_CASE(vmk_time_of_day),
	KUNIT_CASE(vmk_time_abs_timeout_and_jiffies),
	{}
};

static struct kunit_suite vmk_time_suite = {
	.name = "vmkapi_time",
	.test_cases = vmk_time_cases,
};
kunit_test_suite(vmk_time_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API clocks and delays");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
