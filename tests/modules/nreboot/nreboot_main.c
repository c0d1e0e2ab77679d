// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a native driver that registers two reboot handlers through
 * vmk_RegisterRebootHandler() (so through vmk_ModuleCurrentID, as the
 * stub set it) and unregisters only one when it unloads.  The core must
 * report the one left, by name, and drop it with the module, so that a
 * later reboot cannot call into the freed module.
 */
#include "vmkapi.h"

VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

static void nreboot_kept(void *data)
{
	vmk_LogMessage("nreboot: kept handler ran");
}

static void nreboot_forgotten(void *data)
{
	vmk_LogMessage("nreboot: forgotten handler ran");
}

int init_module(void)
{
	if (vmk_RegisterRebootHandler(nreboot_kept, NULL) != VMK_OK)
		return VMK_FAILURE;
	if (vmk_RegisterRebootHandler(nreboot_forgotten, NULL) != VMK_OK) {
		vmk_UnregisterRebootHandler(nreboot_kept);
		return VMK_FAILURE;
	}
	return VMK_OK;
}

void cleanup_module(void)
{
	/* nreboot_forgotten is deliberately left registered. */
	vmk_UnregisterRebootHandler(nreboot_kept);
}
