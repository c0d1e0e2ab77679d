// SPDX-License-Identifier: GPL-2.0
/*
 * nhello: the smallest native driver.
 *
 * Written exactly as for ESXi: it includes only vmkapi.h, defines
 * init_module() and cleanup_module(), and identifies itself with
 * vmk_ModuleCurrentID, which the build's module stub has filled in before
 * init_module() runs.  Like every native driver it first sizes and
 * creates its heap and makes it the module's default, then registers a
 * log component and a lock from it, logs at two levels, and takes it all
 * down in reverse order.  The demo and the integration tests load it.
 *
 * It also shows the native model of deferred work in miniature: a
 * periodic timer plays the part of an interrupt handler and only records
 * that there is work, under the lock, and wakes a completion world; the
 * world (scheduler class QUICK, as storage drivers make theirs) waits for
 * that event, and vmk_WorldWait gives up the lock while it sleeps.
 */
#include "vmkapi.h"

#define NHELLO_NAME	"nhello"

VMK_VERSION_INFO("1.0.0");
VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

static int verbose;
VMK_MODPARAM(verbose, int, "log level of the nhello component (0-3)");

static vmk_LogComponent nhello_log;
static vmk_HeapID nhello_heap;
static vmk_Lock nhello_lock;

/* The "device": ticks produced by the timer, consumed by the world. */
#define NHELLO_TICK_US		(100 * 1000)
static vmk_TimerQueue nhello_timerq;
static vmk_Timer nhello_timer;
static vmk_WorldID nhello_world = VMK_INVALID_WORLD_ID;
static vmk_uint64 nhello_ticks;		/* under nhello_lock */
static vmk_uint64 nhello_ticks_done;	/* the world's own */

/* The heap holds what the module allocates (three kinds), plus a margin. */
#define NHELLO_HEAP_OBJECTS	3

static VMK_ReturnStatus nhello_heap_create(void)
{
	vmk_HeapAllocationDescriptor desc[NHELLO_HEAP_OBJECTS] = {
		{ .size = vmk_LogHeapAllocSize(), .alignment = 0, .count = 1 },
		{ .size = vmk_SpinlockAllocSize(VMK_SPINLOCK), .alignment = 0,
		  .count = 1 },
		/* Lent to vmk_WorldCreate until the world runs: below. */
		{ .count = 1 },
	};
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = vmk_ModuleCurrentID,
		.creationTimeoutMS = VMK_TIMEOUT_NONBLOCKING,
	};
	vmk_ByteCount max;
	VMK_ReturnStatus status;

	desc[2].size = vmk_WorldCreateAllocSize(&desc[2].alignment);
	status = vmk_HeapDetermineMaxSize(desc, NHELLO_HEAP_OBJECTS, &max);
	if (status != VMK_OK)
		return status;
	vmk_NameInitialize(&props.name, NHELLO_NAME);
	/* The timer queue and its one timer; then room for fragmentation. */
	max += vmk_TimerQueueMaxHeapSize(1);
	props.max = max + max / 5;
	status = vmk_HeapCreate(&props, &nhello_heap);
	if (status == VMK_OK)
		vmk_ModuleSetHeapID(vmk_ModuleCurrentID, nhello_heap);
	return status;
}

static VMK_ReturnStatus nhello_lock_create(void)
{
	vmk_SpinlockCreateProps props = {
		.moduleID = vmk_ModuleCurrentID,
		.heapID = nhello_heap,
		.type = VMK_SPINLOCK,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};

	vmk_NameInitialize(&props.name, "nhello_lock");
	return vmk_SpinlockCreate(&props, &nhello_lock);
}

/* Timer callback: may block, but like an interrupt handler it only notes work. */
static void nhello_tick(vmk_TimerCookie data)
{
	vmk_SpinlockLock(nhello_lock);
	nhello_ticks++;
	vmk_SpinlockUnlock(nhello_lock);
	vmk_WorldWakeup((vmk_WorldEventID)&nhello_ticks);
}

/*
 * The completion world: sleep until there are ticks, handle them, and
 * leave when destroyed (VMK_DEATH_PENDING from the wait or the lock).
 */
static VMK_ReturnStatus nhello_world_body(void *data)
{
	VMK_ReturnStatus status;
	vmk_uint64 ticks;

	for (;;) {
		status = vmk_SpinlockLock(nhello_lock);
		if (status != VMK_OK)
			return status;
		ticks = nhello_ticks;
		if (ticks == nhello_ticks_done) {
			/* Releases the lock; it is not held on return. */
			status = vmk_WorldWait((vmk_WorldEventID)&nhello_ticks,
					       nhello_lock,
					       VMK_TIMEOUT_UNLIMITED_MS,
					       "nhello: waiting for ticks");
			if (status == VMK_DEATH_PENDING)
				return VMK_OK;
			continue;
		}
		vmk_SpinlockUnlock(nhello_lock);
		for (; nhello_ticks_done < ticks; nhello_ticks_done++)
			if (nhello_ticks_done % 10 == 9)
				vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, nhello_log, 2,
					     "nhello: %llu ticks handled\n",
					     (unsigned long long)nhello_ticks_done + 1);
	}
}

static VMK_ReturnStatus nhello_work_start(void)
{
	vmk_TimerQueueProps qprops = {
		.moduleID = vmk_ModuleCurrentID,
		.heapID = nhello_heap,
		.attribs = VMK_TIMER_QUEUE_ATTR_NONE,
	};
	vmk_WorldProps wprops = {
		.name = "nhello-compl",
		.moduleID = vmk_ModuleCurrentID,
		.startFunction = nhello_world_body,
		.schedClass = VMK_WORLD_SCHED_CLASS_QUICK,
		.heapID = nhello_heap,
	};
	VMK_ReturnStatus status;

	status = vmk_WorldCreate(&wprops, &nhello_world);
	if (status != VMK_OK)
		return status;
	vmk_NameInitialize(&qprops.name, NHELLO_NAME);
	status = vmk_TimerQueueCreate(&qprops, &nhello_timerq);
	if (status == VMK_OK)
		status = vmk_TimerSchedule(nhello_timerq, nhello_tick, 0,
					   NHELLO_TICK_US,
					   VMK_TIMER_DEFAULT_TOLERANCE,
					   VMK_TIMER_ATTR_PERIODIC,
					   VMK_LOCKDOMAIN_INVALID,
					   VMK_SPINLOCK_UNRANKED, &nhello_timer);
	return status;
}

/* Producer first, then the consumer: nothing wakes a world that is gone. */
static void nhello_work_stop(void)
{
	if (nhello_timerq) {
		vmk_TimerQueueDestroy(nhello_timerq);
		nhello_timerq = NULL;
	}
	if (nhello_world != VMK_INVALID_WORLD_ID) {
		vmk_WorldDestroy(nhello_world);
		vmk_WorldWaitForDeath(nhello_world);
		nhello_world = VMK_INVALID_WORLD_ID;
	}
}

static void nhello_heap_destroy(void)
{
	vmk_ModuleSetHeapID(vmk_ModuleCurrentID, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(nhello_heap);
}

int init_module(void)
{
	vmk_LogProperties props;
	char name[VMK_MODULE_NAME_MAX];
	VMK_ReturnStatus status;

	status = nhello_heap_create();
	if (status != VMK_OK) {
		vmk_WarningMessage("%s: vmk_HeapCreate failed: %s",
				   NHELLO_NAME, vmk_StatusToString(status));
		return status;
	}
	status = vmk_NameInitialize(&props.name, NHELLO_NAME);
	if (status != VMK_OK)
		goto err_heap;
	props.module = vmk_ModuleCurrentID;
	props.heap = vmk_ModuleGetHeapID(vmk_ModuleCurrentID);
	props.defaultLevel = verbose;
	props.throttle = NULL;

	status = vmk_LogRegister(&props, &nhello_log);
	if (status != VMK_OK) {
		vmk_WarningMessage("%s: vmk_LogRegister failed: %s",
				   NHELLO_NAME, vmk_StatusToString(status));
		goto err_heap;
	}
	status = nhello_lock_create();
	if (status != VMK_OK) {
		vmk_Warning(nhello_log, "vmk_SpinlockCreate failed: %s",
			    vmk_StatusToString(status));
		goto err_log;
	}
	status = nhello_work_start();
	if (status != VMK_OK) {
		vmk_Warning(nhello_log, "completion world or timer failed: %s",
			    vmk_StatusToString(status));
		goto err_work;
	}

	/* Not readable by name until init_module() has returned. */
	status = vmk_ModuleGetName(vmk_ModuleCurrentID, name, sizeof(name));
	vmk_Log(nhello_log, "loaded as module %d (name lookup during init: %s)",
		vmk_ModuleCurrentID, vmk_StatusToString(status));
	vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, nhello_log, 2,
		     "nhello: verbose message, shown at level 2 or more\n");
	return 0;

err_work:
	nhello_work_stop();
	vmk_SpinlockDestroy(nhello_lock);
err_log:
	vmk_LogUnregister(nhello_log);
err_heap:
	nhello_heap_destroy();
	return status;
}

void cleanup_module(void)
{
	vmk_Log(nhello_log, "unloading");
	nhello_work_stop();
	vmk_SpinlockDestroy(nhello_lock);
	vmk_LogUnregister(nhello_log);
	nhello_heap_destroy();
}
