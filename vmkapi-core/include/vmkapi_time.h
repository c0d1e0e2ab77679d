/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Clocks and delays (reference section 11, base/vmkapi_time.h, and
 * vmk_jiffies from base/vmkapi_time_incompat.h).  Timer queues and timers
 * live in their own family.
 *
 * Three clocks:
 *   vmk_GetTimerCycles()  fast, per CPU, counting from about boot; it may
 *                         appear to go backwards slightly between CPUs, so
 *                         treat differences as signed.  Here it is Linux's
 *                         local_clock() in nanoseconds, so
 *                         vmk_TimerCyclesPerSecond() is 10^9.
 *   vmk_GetUptime()       rate-corrected and monotonic across CPUs, slower
 *                         to read (CLOCK_MONOTONIC).
 *   vmk_GetTimeOfDay()    the wall clock, which can be set (CLOCK_REALTIME).
 * None of the calls in this header blocks; all may be called from any
 * context (interrupt acknowledge, interrupt handler, NetPoll).
 */
#ifndef _VMKAPI_TIME_H_
#define _VMKAPI_TIME_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* Timer cycles: absolute readings, and signed differences of them. */
typedef vmk_uint64 vmk_TimerCycles;
typedef vmk_int64 vmk_TimerRelCycles;

/* A time: seconds and microseconds (0 <= usec < VMK_USEC_PER_SEC). */
typedef struct {
	vmk_int64 sec;
	vmk_int64 usec;
} vmk_TimeVal;

#define VMK_USEC_PER_SEC	1000000LL
#define VMK_MSEC_PER_SEC	1000LL
#define VMK_USEC_PER_MSEC	1000LL

/* Timeouts in milliseconds: do not wait at all, or wait for ever. */
#define VMK_TIMEOUT_NONBLOCKING 0
#define VMK_TIMEOUT_UNLIMITED_MS ((vmk_uint32)0xFFFFFFFF)

/* The current reading of the fast per-CPU clock. */
vmk_TimerCycles vmk_GetTimerCycles(void);

/* The frequency of vmk_GetTimerCycles(), in Hz. */
vmk_uint64 vmk_TimerCyclesPerSecond(void);

/*
 * Conversions between timer cycles and ns/us/ms.  Conversions to a coarser
 * unit truncate (towards zero for the signed ones); results that do not
 * fit the return type saturate at its limit instead of wrapping.
 */
vmk_TimerRelCycles vmk_TimerNSToTC(vmk_int64 ns);
vmk_int64 vmk_TimerTCToNS(vmk_TimerRelCycles cycles);
vmk_TimerRelCycles vmk_TimerUSToTC(vmk_int64 us);
vmk_int64 vmk_TimerTCToUS(vmk_TimerRelCycles cycles);
vmk_TimerRelCycles vmk_TimerMSToTC(vmk_int64 ms);
vmk_int64 vmk_TimerTCToMS(vmk_TimerRelCycles cycles);
vmk_TimerCycles vmk_TimerUnsignedNSToTC(vmk_uint64 ns);
vmk_uint64 vmk_TimerUnsignedTCToNS(vmk_TimerCycles cycles);
vmk_TimerCycles vmk_TimerUnsignedUSToTC(vmk_uint64 us);
vmk_uint64 vmk_TimerUnsignedTCToUS(vmk_TimerCycles cycles);
vmk_TimerCycles vmk_TimerUnsignedMSToTC(vmk_uint64 ms);
vmk_uint64 vmk_TimerUnsignedTCToMS(vmk_TimerCycles cycles);

/*
 * VMK_ABS_TIMEOUT_MS - the absolute time, in milliseconds of the timer
 * cycle clock, @delay_ms from now; 0 stays 0 (no timeout) and the clock
 * is then not read.
 */
#define VMK_ABS_TIMEOUT_MS(delay_ms)					\
	((delay_ms) ?							\
	 vmk_TimerUnsignedTCToMS(vmk_GetTimerCycles()) + (delay_ms) : 0)

/* The wall clock (settable, so it may jump either way). */
void vmk_GetTimeOfDay(vmk_TimeVal *tv);

/* Time since boot, rate-corrected and never going backwards. */
void vmk_GetUptime(vmk_TimeVal *tv);

/*
 * vmk_DelayUsecs - spin for at least @uSecs microseconds.  Never blocks or
 * sleeps, so it may be called anywhere (with a spinlock held, in an
 * interrupt); it burns the CPU, so keep it short.
 */
void vmk_DelayUsecs(vmk_uint32 uSecs);

/*
 * Incompatible (not binary compatible) part: a tick counter that advances
 * every VMK_USECS_PER_JIFFY microseconds.  Read it with vmk_jiffies; it
 * wraps, so compare differences.
 */
#define VMK_USECS_PER_JIFFY	10000
#define VMK_JIFFIES_PER_SECOND	(VMK_USEC_PER_SEC / VMK_USECS_PER_JIFFY)

unsigned long __vmk_Jiffies(void);
#define vmk_jiffies	(__vmk_Jiffies())

#endif /* _VMKAPI_TIME_H_ */
