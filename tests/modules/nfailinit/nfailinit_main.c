// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a native driver whose init_module() fails half way, after
 * registering a log component, returning a VMK status as ESXi drivers do.
 * The integration tests check that insmod reports the status's errno and
 * that the core is left with nothing of it.
 */
#include "vmkapi.h"

VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

static vmk_LogComponent nfailinit_log;

int init_module(void)
{
	vmk_LogProperties props = {
		.module = vmk_ModuleCurrentID,
		.heap = VMK_INVALID_HEAP_ID,
		.defaultLevel = 0,
		.throttle = NULL,
	};

	vmk_NameInitialize(&props.name, "nfailinit");
	if (vmk_LogRegister(&props, &nfailinit_log) != VMK_OK)
		return VMK_FAILURE;
	vmk_Log(nfailinit_log, "failing init on purpose");
	/* The log component is deliberately not unregistered. */
	return VMK_NO_MEMORY;
}

void cleanup_module(void)
{
	vmk_LogUnregister(nfailinit_log);
}
