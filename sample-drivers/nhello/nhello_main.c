// SPDX-License-Identifier: GPL-2.0
/*
 * nhello: the smallest native driver.
 *
 * Written exactly as for ESXi: it includes only vmkapi.h, defines
 * init_module() and cleanup_module(), and identifies itself with
 * vmk_ModuleCurrentID, which the build's module stub has filled in before
 * init_module() runs.  It registers a log component, logs at two levels,
 * and cleans up.  The demo and the integration tests load it.
 */
#include "vmkapi.h"

#define NHELLO_NAME	"nhello"

VMK_VERSION_INFO("1.0.0");
VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

static int verbose;
VMK_MODPARAM(verbose, int, "log level of the nhello component (0-3)");

static vmk_LogComponent nhello_log;

int init_module(void)
{
	vmk_LogProperties props;
	char name[VMK_MODULE_NAME_MAX];
	VMK_ReturnStatus status;

	status = vmk_NameInitialize(&props.name, NHELLO_NAME);
	if (status != VMK_OK)
		return status;
	props.module = vmk_ModuleCurrentID;
	props.heap = vmk_ModuleGetHeapID(vmk_ModuleCurrentID);
	props.defaultLevel = verbose;
	props.throttle = NULL;

	status = vmk_LogRegister(&props, &nhello_log);
	if (status != VMK_OK) {
		vmk_WarningMessage("%s: vmk_LogRegister failed: %s",
				   NHELLO_NAME, vmk_StatusToString(status));
		return status;
	}

	/* Not readable by name until init_module() has returned. */
	status = vmk_ModuleGetName(vmk_ModuleCurrentID, name, sizeof(name));
	vmk_Log(nhello_log, "loaded as module %d (name lookup during init: %s)",
		vmk_ModuleCurrentID, vmk_StatusToString(status));
	vmk_LogLevel(VMK_LOG_URGENCY_NORMAL, nhello_log, 2,
		     "nhello: verbose message, shown at level 2 or more\n");
	return 0;
}

void cleanup_module(void)
{
	vmk_Log(nhello_log, "unloading");
	vmk_LogUnregister(nhello_log);
}
