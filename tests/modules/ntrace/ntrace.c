// SPDX-License-Identifier: GPL-2.0
/*
 * Test module for the bpftrace scripts and the event ring: at load it
 * runs `rounds` pieces of each kind of deferred work the core traces (a
 * helper request, a worldlet run, a timer-queue timer, a bottom half),
 * waiting for each to finish, and makes `failures` heap allocations fail
 * (a 4 KB heap asked for 16 KB).  Everything is destroyed again before
 * init returns, so it unloads like any clean module.
 *
 *   insmod ntrace.ko rounds=20 failures=3
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/module.h>

#include "vmkapi.h"

static unsigned int rounds = 20;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "deferred work items of each kind run at load");
static unsigned int failures = 3;
module_param(failures, uint, 0444);
MODULE_PARM_DESC(failures, "heap allocations made to fail at load");

static vmk_ModuleID ntrace_id = VMK_INVALID_MODULE_ID;
static vmk_HeapID ntrace_heap;
static atomic_t ntrace_done = ATOMIC_INIT(0);

static void ntrace_count(void)
{
	atomic_inc(&ntrace_done);
}

/* Wait (bounded: 10 s) until @want items ran since @base. */
static int ntrace_wait(int base, unsigned int want)
{
	int i;

	for (i = 0; i < 500; i++) {
		if (atomic_read(&ntrace_done) - base >= want)
			return 0;
		msleep(20);
	}
	return -ETIMEDOUT;
}

static void ntrace_request(vmk_AddrCookie data)
{
	ntrace_count();
}

static int ntrace_helper(void)
{
	vmk_HelperProps props = {
		.heap = ntrace_heap,
		.maxRequests = 4,
		.preallocRequests = VMK_TRUE,
		.blockingSubmit = VMK_TRUE,
		.mutables = { .minWorlds = -1, .maxWorlds = 1 },
	};
	int base = atomic_read(&ntrace_done), ret;
	vmk_AddrCookie none = { .addr = 0 };
	vmk_Helper helper;
	unsigned int i;

	vmk_NameInitialize(&props.name, "ntrace_helper");
	if (vmk_HelperCreate(&props, &helper) != VMK_OK)
		return -ENOMEM;
	for (i = 0; i < rounds; i++)
		vmk_HelperSubmitRequest(helper, ntrace_request, none,
					VMK_HELPER_DEFAULT_REQ_PROPS);
	ret = ntrace_wait(base, rounds);
	vmk_HelperDestroy(helper);
	return ret;
}

static VMK_ReturnStatus ntrace_wdt_fn(vmk_Worldlet w, void *data,
				      vmk_WorldletRunData *rd)
{
	ntrace_count();
	rd->state = VMK_WDT_SUSPEND;
	return VMK_OK;
}

static int ntrace_worldlet(void)
{
	int base, ret = 0;
	vmk_Worldlet wdt;
	vmk_WorldletID id;
	vmk_Name name;
	unsigned int i;

	vmk_NameInitialize(&name, "ntrace_worldlet");
	if (vmk_WorldletCreate(&wdt, &name, 0, ntrace_id, ntrace_heap,
			       ntrace_wdt_fn, NULL) != VMK_OK)
		return -ENOMEM;
	vmk_WorldletGetId(wdt, &id);
	/* One at a time: activations of a queued worldlet coalesce. */
	for (i = 0; i < rounds && !ret; i++) {
		base = atomic_read(&ntrace_done);
		vmk_WorldletActivate(wdt);
		ret = ntrace_wait(base, 1);
	}
	vmk_WorldletUnref(wdt);
	vmk_WorldletReapSync(id);
	return ret;
}

static void ntrace_tick(vmk_TimerCookie data)
{
	ntrace_count();
}

static int ntrace_timers(void)
{
	vmk_TimerQueueProps props = {
		.moduleID = ntrace_id,
		.heapID = ntrace_heap,
		.attribs = VMK_TIMER_QUEUE_ATTR_LOW_LATENCY,
	};
	int base = atomic_read(&ntrace_done), ret;
	vmk_TimerCookie none = { .addr = 0 };
	vmk_TimerQueue queue;
	vmk_Timer timer;
	unsigned int i;

	vmk_NameInitialize(&props.name, "ntrace_timers");
	if (vmk_TimerQueueCreate(&props, &queue) != VMK_OK)
		return -ENOMEM;
	for (i = 0; i < rounds; i++)
		vmk_TimerSchedule(queue, ntrace_tick, none, 1000 + 100 * i,
				  VMK_TIMER_DEFAULT_TOLERANCE,
				  VMK_TIMER_ATTR_NONE, VMK_LOCKDOMAIN_INVALID,
				  VMK_SPINLOCK_UNRANKED, &timer);
	ret = ntrace_wait(base, rounds);
	vmk_TimerQueueDestroy(queue);
	return ret;
}

static void ntrace_bh_fn(vmk_AddrCookie data)
{
	ntrace_count();
}

static int ntrace_bh(void)
{
	vmk_BHProps props = {
		.moduleID = ntrace_id,
		.callback = ntrace_bh_fn,
	};
	int base, ret = 0;
	unsigned int i;
	vmk_BHID bh;

	vmk_NameInitialize(&props.name, "ntrace_bh");
	if (vmk_BHRegister(&props, &bh) != VMK_OK)
		return -ENOMEM;
	for (i = 0; i < rounds && !ret; i++) {
		base = atomic_read(&ntrace_done);
		vmk_BHScheduleAnyPCPU(bh);
		ret = ntrace_wait(base, 1);
	}
	vmk_BHUnregister(bh);
	return ret;
}

/* Allocations the heap cannot hold: each one an alloc_failed event. */
static int ntrace_fail_allocs(void)
{
	unsigned int i;

	for (i = 0; i < failures; i++) {
		void *p = vmk_HeapAlloc(ntrace_heap, 16 * 1024);

		if (p) {
			vmk_HeapFree(ntrace_heap, p);
			return -EINVAL;
		}
	}
	return 0;
}

static int __init ntrace_init(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.max = 64 * 1024,
	};
	vmk_HeapCreateProps small_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.max = 4 * 1024,
	};
	vmk_HeapID small;
	int ret;

	if (vmk_ModuleRegister(&ntrace_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	heap_props.module = ntrace_id;
	vmk_NameInitialize(&heap_props.name, "ntrace_heap");
	ret = -ENOMEM;
	if (vmk_HeapCreate(&heap_props, &ntrace_heap) != VMK_OK)
		goto unregister;
	ret = ntrace_helper();
	if (!ret)
		ret = ntrace_worldlet();
	if (!ret)
		ret = ntrace_timers();
	if (!ret)
		ret = ntrace_bh();
	vmk_HeapDestroy(ntrace_heap);
	if (ret)
		goto unregister;

	small_props.module = ntrace_id;
	vmk_NameInitialize(&small_props.name, "ntrace_small");
	ret = -ENOMEM;
	if (vmk_HeapCreate(&small_props, &small) != VMK_OK)
		goto unregister;
	ntrace_heap = small;
	ret = ntrace_fail_allocs();
	vmk_HeapDestroy(small);
	if (!ret)
		return 0;
unregister:
	vmk_ModuleUnregister(ntrace_id);
	return ret;
}

static void __exit ntrace_exit(void)
{
	vmk_ModuleUnregister(ntrace_id);
}

module_init(ntrace_init);
module_exit(ntrace_exit);
MODULE_DESCRIPTION("vmkapi test: deferred work and heap failures to trace");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
