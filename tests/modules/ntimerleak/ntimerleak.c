// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a module that creates a timer queue, keeps a periodic
 * timer with a sleeping callback busy on it plus a one-shot that is far
 * off, adds a legacy timer on the core's default queue, and unloads
 * without destroying or unregistering anything.  The core must cancel
 * the legacy timer, report the queue by name, stop its world (waiting
 * for the callback, whose code is still there while the module goes),
 * free the timers before the heap they came from, and still unload.
 */
#include <linux/delay.h>
#include <linux/module.h>

#include "vmkapi.h"

static vmk_ModuleID ntimerleak_id = VMK_INVALID_MODULE_ID;
static atomic_t ntimerleak_runs = ATOMIC_INIT(0);

static void ntimerleak_tick(vmk_TimerCookie data)
{
	atomic_inc(&ntimerleak_runs);
	/* Likely still running when the module unloads. */
	msleep(20);
}

static int ntimerleak_leak(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.max = 64 * 1024,
	};
	vmk_TimerQueueProps props = {
		.attribs = VMK_TIMER_QUEUE_ATTR_LOW_LATENCY,
	};
	vmk_TimerCookie none = { .addr = 0 };
	vmk_TimerQueue queue;
	vmk_Timer tick, far, legacy;
	vmk_HeapID heap;
	int i;

	heap_props.module = ntimerleak_id;
	vmk_NameInitialize(&heap_props.name, "ntimerleak_heap");
	if (vmk_HeapCreate(&heap_props, &heap) != VMK_OK)
		return -ENOMEM;
	props.moduleID = ntimerleak_id;
	props.heapID = heap;
	vmk_NameInitialize(&props.name, "ntimerleak_queue");
	if (vmk_TimerQueueCreate(&props, &queue) != VMK_OK)
		return -ENOMEM;
	if (vmk_TimerSchedule(queue, ntimerleak_tick, none, 1000,
			      VMK_TIMER_DEFAULT_TOLERANCE,
			      VMK_TIMER_ATTR_PERIODIC, VMK_LOCKDOMAIN_INVALID,
			      VMK_SPINLOCK_UNRANKED, &tick) != VMK_OK ||
	    vmk_TimerSchedule(queue, ntimerleak_tick, none,
			      3600 * VMK_USEC_PER_SEC,
			      VMK_TIMER_DEFAULT_TOLERANCE, VMK_TIMER_ATTR_NONE,
			      VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED,
			      &far) != VMK_OK ||
	    vmk_TimerAdd(ntimerleak_tick, none, 3600 * VMK_USEC_PER_MSEC,
			 VMK_TRUE, 0, &legacy) != VMK_OK)
		return -ENOMEM;
	/* Let the periodic timer get going (bounded). */
	for (i = 0; i < 250 && atomic_read(&ntimerleak_runs) < 2; i++)
		msleep(20);
	return atomic_read(&ntimerleak_runs) >= 2 ? 0 : -ETIMEDOUT;
}

static int __init ntimerleak_init(void)
{
	if (vmk_ModuleRegister(&ntimerleak_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	return ntimerleak_leak();
}

static void __exit ntimerleak_exit(void)
{
	/* Deliberately nothing: no destroy, no vmk_ModuleUnregister. */
}

module_init(ntimerleak_init);
module_exit(ntimerleak_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
