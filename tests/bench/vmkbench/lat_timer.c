// SPDX-License-Identifier: GPL-2.0
/*
 * Timer lateness: a one-shot timer of BENCH_TIMER_US with no tolerance,
 * measured from its due time to its callback.  A VMK timer callback runs
 * in its queue's world (it may block); an hrtimer callback runs in hard
 * IRQ, so the ratio is the price of a schedulable timer context: one
 * wake-up of the queue's world.  The third row compares like with like:
 * an hrtimer that wakes a kernel thread, which then runs the "callback",
 * as a Linux driver would build a timer whose work may block.
 */
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/sched.h>

#include "vmkbench.h"

#define BENCH_TIMER_US	200

static vmk_TimerQueue lat_queue;
static struct hrtimer lat_hrtimer;
static struct task_struct *lat_thread;
static bool lat_thread_due;

static void lat_timer_cb(vmk_TimerCookie data)
{
	vmkbench_lat_arrived();
}

static enum hrtimer_restart lat_hrtimer_fn(struct hrtimer *timer)
{
	vmkbench_lat_arrived();
	return HRTIMER_NORESTART;
}

/* The hrtimer of the third row: only wake the thread. */
static enum hrtimer_restart lat_hrtimer_wake_fn(struct hrtimer *timer)
{
	WRITE_ONCE(lat_thread_due, true);
	wake_up_process(lat_thread);
	return HRTIMER_NORESTART;
}

static int lat_thread_fn(void *unused)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (!READ_ONCE(lat_thread_due)) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		WRITE_ONCE(lat_thread_due, false);
		vmkbench_lat_arrived();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int lat_timer_setup(vmk_TimerQueueAttributes attribs)
{
	vmk_TimerQueueProps props = {
		.moduleID = vmkbench_id,
		.heapID = vmkbench_heap,
		.attribs = attribs,
	};

	vmk_NameInitialize(&props.name, "vmkbench");
	if (vmk_TimerQueueCreate(&props, &lat_queue) != VMK_OK)
		return -ENOMEM;
	hrtimer_init(&lat_hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	lat_hrtimer.function = lat_hrtimer_fn;
	return 0;
}

static int lat_timer_setup_default(void)
{
	return lat_timer_setup(VMK_TIMER_QUEUE_ATTR_NONE);
}

static int lat_timer_setup_low_latency(void)
{
	return lat_timer_setup(VMK_TIMER_QUEUE_ATTR_LOW_LATENCY);
}

static void lat_timer_teardown(void)
{
	hrtimer_cancel(&lat_hrtimer);
	vmk_TimerQueueDestroy(lat_queue);
}

static int lat_timer_setup_thread(void)
{
	int ret = lat_timer_setup(VMK_TIMER_QUEUE_ATTR_NONE);

	if (ret)
		return ret;
	lat_hrtimer.function = lat_hrtimer_wake_fn;
	lat_thread = kthread_run(lat_thread_fn, NULL, "vmkbench-timer");
	if (IS_ERR(lat_thread)) {
		lat_timer_teardown();
		return PTR_ERR(lat_thread);
	}
	return 0;
}

static void lat_timer_teardown_thread(void)
{
	lat_timer_teardown();
	kthread_stop(lat_thread);
}

static void lat_timer_fire(void)
{
	vmk_Timer timer;

	vmkbench_lat_due_in(BENCH_TIMER_US * NSEC_PER_USEC);
	vmk_TimerSchedule(lat_queue, lat_timer_cb, 0, BENCH_TIMER_US, 0,
			  VMK_TIMER_ATTR_NONE, VMK_LOCKDOMAIN_INVALID,
			  VMK_SPINLOCK_UNRANKED, &timer);
}

static void lat_hrtimer_fire(void)
{
	vmkbench_lat_due_in(BENCH_TIMER_US * NSEC_PER_USEC);
	hrtimer_start(&lat_hrtimer, ns_to_ktime(BENCH_TIMER_US * NSEC_PER_USEC),
		      HRTIMER_MODE_REL);
}

static const struct vmkbench_lat_row lat_timer_rows[] = {
	{ "timer (queue) vs hrtimer", lat_timer_setup_default,
	  lat_timer_teardown, lat_timer_fire, lat_hrtimer_fire },
	{ "timer (low-latency queue) vs hrtimer", lat_timer_setup_low_latency,
	  lat_timer_teardown, lat_timer_fire, lat_hrtimer_fire },
	{ "timer (queue) vs hrtimer+kthread", lat_timer_setup_thread,
	  lat_timer_teardown_thread, lat_timer_fire, lat_hrtimer_fire },
};

void vmkbench_lat_timer(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lat_timer_rows); i++)
		vmkbench_lat_run(&lat_timer_rows[i]);
}
