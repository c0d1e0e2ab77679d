// SPDX-License-Identifier: GPL-2.0
/*
 * Clocks and delays.
 *
 * The timer-cycle clock is local_clock(): Linux's own "fast, per CPU,
 * may drift a little between CPUs" clock, which is what the API describes.
 * Measured in the project's QEMU guests (2 vCPUs, where the kernel finds
 * the TSCs unsynchronised and falls back to the HPET clocksource), per
 * call: stock kernel get_cycles() 8 ns, local_clock() 75 ns,
 * ktime_get_ns() 152 ns; debug kernel 9, 160 and 2709 ns.  The raw TSC
 * (get_cycles() with tsc_khz) is the cheapest, but on such machines the
 * TSCs of different CPUs are not synchronised and may not even tick at
 * tsc_khz, so readings across CPUs could differ by far more than the
 * "slightly" drivers are promised.  local_clock() is the TSC scaled to
 * nanoseconds where the TSC is stable (a few ns more than the raw TSC on
 * real hardware) and a per-CPU filtered clock kept within a tick of the
 * global one where it is not.  The price is a 10^9 Hz "cycle", which also
 * makes every conversion an exact multiply or divide by a power of ten.
 *
 * Uptime is CLOCK_MONOTONIC: rate corrected by NTP, never backwards, and
 * with the same zero point (boot) and suspend behaviour as local_clock().
 * Both it and the wall clock use the NMI-safe readers when called in NMI.
 */
#include "vmkapi_core.h"

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>

/* The frequency of the timer-cycle clock: it counts nanoseconds. */
#define VMK_TIME_CYCLES_PER_SEC	NSEC_PER_SEC

vmk_TimerCycles vmk_GetTimerCycles(void)
{
	return local_clock();
}
VMKAPI_EXPORT(vmk_GetTimerCycles);

vmk_uint64 vmk_TimerCyclesPerSecond(void)
{
	return VMK_TIME_CYCLES_PER_SEC;
}
VMKAPI_EXPORT(vmk_TimerCyclesPerSecond);

/*
 * Unit conversions.  With nanosecond cycles, converting from a coarser
 * unit multiplies (saturating where the product does not fit) and
 * converting to one divides (truncating towards zero).
 */
static s64 vmk_time_mul_s64(s64 v, s64 factor)
{
	s64 r;

	if (check_mul_overflow(v, factor, &r))
		return v < 0 ? S64_MIN : S64_MAX;
	return r;
}

static u64 vmk_time_mul_u64(u64 v, u64 factor)
{
	u64 r;

	if (check_mul_overflow(v, factor, &r))
		return U64_MAX;
	return r;
}

/* C division truncates towards zero, as the API's conversions do. */
static s64 vmk_time_div_s64(s64 v, s64 divisor)
{
	return div64_s64(v, divisor);
}

vmk_TimerRelCycles vmk_TimerNSToTC(vmk_int64 ns)
{
	return ns;
}
VMKAPI_EXPORT(vmk_TimerNSToTC);

vmk_int64 vmk_TimerTCToNS(vmk_TimerRelCycles cycles)
{
	return cycles;
}
VMKAPI_EXPORT(vmk_TimerTCToNS);

vmk_TimerRelCycles vmk_TimerUSToTC(vmk_int64 us)
{
	return vmk_time_mul_s64(us, NSEC_PER_USEC);
}
VMKAPI_EXPORT(vmk_TimerUSToTC);

vmk_int64 vmk_TimerTCToUS(vmk_TimerRelCycles cycles)
{
	return vmk_time_div_s64(cycles, NSEC_PER_USEC);
}
VMKAPI_EXPORT(vmk_TimerTCToUS);

vmk_TimerRelCycles vmk_TimerMSToTC(vmk_int64 ms)
{
	return vmk_time_mul_s64(ms, NSEC_PER_MSEC);
}
VMKAPI_EXPORT(vmk_TimerMSToTC);

vmk_int64 vmk_TimerTCToMS(vmk_TimerRelCycles cycles)
{
	return vmk_time_div_s64(cycles, NSEC_PER_MSEC);
}
VMKAPI_EXPORT(vmk_TimerTCToMS);

vmk_TimerCycles vmk_TimerUnsignedNSToTC(vmk_uint64 ns)
{
	return ns;
}
VMKAPI_EXPORT(vmk_TimerUnsignedNSToTC);

vmk_uint64 vmk_TimerUnsignedTCToNS(vmk_TimerCycles cycles)
{
	return cycles;
}
VMKAPI_EXPORT(vmk_TimerUnsignedTCToNS);

vmk_TimerCycles vmk_TimerUnsignedUSToTC(vmk_uint64 us)
{
	return vmk_time_mul_u64(us, NSEC_PER_USEC);
}
VMKAPI_EXPORT(vmk_TimerUnsignedUSToTC);

vmk_uint64 vmk_TimerUnsignedTCToUS(vmk_TimerCycles cycles)
{
	return div64_u64(cycles, NSEC_PER_USEC);
}
VMKAPI_EXPORT(vmk_TimerUnsignedTCToUS);

vmk_TimerCycles vmk_TimerUnsignedMSToTC(vmk_uint64 ms)
{
	return vmk_time_mul_u64(ms, NSEC_PER_MSEC);
}
VMKAPI_EXPORT(vmk_TimerUnsignedMSToTC);

vmk_uint64 vmk_TimerUnsignedTCToMS(vmk_TimerCycles cycles)
{
	return div64_u64(cycles, NSEC_PER_MSEC);
}
VMKAPI_EXPORT(vmk_TimerUnsignedTCToMS);

static void vmk_time_ns_to_timeval(u64 ns, vmk_TimeVal *tv)
{
	u32 rem;

	tv->sec = div_u64_rem(ns, NSEC_PER_SEC, &rem);
	tv->usec = rem / NSEC_PER_USEC;
}

void vmk_GetTimeOfDay(vmk_TimeVal *tv)
{
	struct timespec64 ts;

	if (!tv) {
		vmk_core_bad_arg("NULL vmk_TimeVal");
		return;
	}
	if (unlikely(in_nmi())) {
		/* The timekeeping seqcount may be held by the code we hit. */
		vmk_time_ns_to_timeval(ktime_get_real_fast_ns(), tv);
		return;
	}
	ktime_get_real_ts64(&ts);
	tv->sec = ts.tv_sec;
	tv->usec = ts.tv_nsec / NSEC_PER_USEC;
}
VMKAPI_EXPORT(vmk_GetTimeOfDay);

void vmk_GetUptime(vmk_TimeVal *tv)
{
	struct timespec64 ts;

	if (!tv) {
		vmk_core_bad_arg("NULL vmk_TimeVal");
		return;
	}
	if (unlikely(in_nmi())) {
		vmk_time_ns_to_timeval(ktime_get_mono_fast_ns(), tv);
		return;
	}
	ktime_get_ts64(&ts);
	tv->sec = ts.tv_sec;
	tv->usec = ts.tv_nsec / NSEC_PER_USEC;
}
VMKAPI_EXPORT(vmk_GetUptime);

/*
 * Spin on the global monotonic clock rather than count udelay() loops:
 * udelay() may return slightly early and is calibrated against a TSC that
 * may be unreliable here, while the API promises at least the delay asked.
 * A CPU-local clock would not do either, since a preempted caller may
 * resume on a CPU whose clock is ahead.  The NMI-safe reader keeps the
 * call legal in every context.
 */
void vmk_DelayUsecs(vmk_uint32 uSecs)
{
	u64 start = ktime_get_mono_fast_ns();
	u64 wait = (u64)uSecs * NSEC_PER_USEC;

	while (ktime_get_mono_fast_ns() - start < wait)
		cpu_relax();
}
VMKAPI_EXPORT(vmk_DelayUsecs);

/*
 * vmk_jiffies: 10 ms ticks since boot, derived from Linux's jiffies (which
 * start at INITIAL_JIFFIES, not zero) rather than kept by a timer of our
 * own, so reading it costs a division and no CPU is ever woken for it.
 */
unsigned long __vmk_Jiffies(void)
{
	u64 ns = jiffies64_to_nsecs(get_jiffies_64() - INITIAL_JIFFIES);

	return div_u64(ns, VMK_USECS_PER_JIFFY * NSEC_PER_USEC);
}
VMKAPI_EXPORT(__vmk_Jiffies);
