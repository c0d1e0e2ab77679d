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

/* The heap holds what the module allocates (two kinds), plus a margin. */
#define NHELLO_HEAP_OBJECTS	2

static VMK_ReturnStatus nhello_heap_create(void)
{
	vmk_HeapAllocationDescriptor desc[NHELLO_HEAP_OBJECTS] = {
		{ .size = vmk_LogHeapAllocSize(), .alignment = 0, .count = 1 },
		{ .size = vmk_SpinlockAllocSize(VMK_SPINLOCK), .alignment = 0,
		  .count = 1 },
	};
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = vmk_ModuleCurrentID,
		.creationTimeoutMS = VMK_TIMEOUT_NONBLOCKING,
	};
	vmk_ByteCount max;
	VMK_ReturnStatus status;

	status = vmk_HeapDetermineMaxSize(desc, NHELLO_HEAP_OBJECTS, &max);
	if (status != VMK_OK)
		return status;
	vmk_NameInitialize(&props.name, NHELLO_NAME);
	/* Room for fragmentation, as real drivers add. */
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

	/* Not readable by name until init_module() has returned. */
	status = vmk_ModuleGetName(vmk_ModuleCurrentID, name, sizeof(name));
	vmk_Log(nhello_log, "loaded as module %d (name lookup during init: %s)",
		vmk_ModuleCurrentID, vmk_StatusToString(status));
	vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, nhello_log, 2,
		     "nhello: verbose message, shown at level 2 or more\n");
	return 0;

err_log:
	vmk_LogUnregister(nhello_log);
err_heap:
	nhello_heap_destroy();
	return status;
}

void cleanup_module(void)
{
	vmk_Log(nhello_log, "unloading");
	vmk_SpinlockDestroy(nhello_lock);
	vmk_LogUnregister(nhello_log);
	nhello_heap_destroy();
}
