// SPDX-License-Identifier: GPL-2.0
/*
 * System state and identity.
 *
 * "Panicking" is learnt from the panic notifier chain (Linux does not
 * export its own panic_cpu) and from vmk_vPanic(), which sets it before
 * calling panic() so that the state is visible as early as possible.
 * "Unloading" is Linux's system_state past SYSTEM_RUNNING on the way
 * down (halt, power off, restart).
 */
#include "vmkapi_core.h"

#include <linux/dmi.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/utsname.h>

static bool vmk_system_panicking;

void vmk_core_system_set_panicking(void)
{
	WRITE_ONCE(vmk_system_panicking, true);
}

static int vmk_system_panic_notify(struct notifier_block *nb,
				   unsigned long event, void *msg)
{
	vmk_core_system_set_panicking();
	return NOTIFY_DONE;
}

static struct notifier_block vmk_system_panic_nb = {
	.notifier_call = vmk_system_panic_notify,
};

static bool vmk_system_unloading(void)
{
	switch (system_state) {
	case SYSTEM_HALT:
	case SYSTEM_POWER_OFF:
	case SYSTEM_RESTART:
		return true;
	default:
		return false;
	}
}

vmk_Bool vmk_SystemCheckState(vmk_SystemState state)
{
	bool panicking = READ_ONCE(vmk_system_panicking);

	switch (state) {
	case VMK_SYSTEM_STATE_NORMAL:
		return !panicking && !vmk_system_unloading();
	case VMK_SYSTEM_STATE_PANIC:
		return panicking;
	case VMK_SYSTEM_STATE_UNLOADING:
		return vmk_system_unloading();
	}
	vmk_core_bad_arg("unknown system state %d", state);
	return VMK_FALSE;
}
VMKAPI_EXPORT(vmk_SystemCheckState);

VMK_ReturnStatus vmk_SystemGetIDString(const char *id[])
{
	const char *uuid;

	if (!id) {
		vmk_core_bad_arg("NULL id");
		return VMK_BAD_PARAM;
	}
	/* NULL when there is no DMI or the firmware left the UUID unset. */
	uuid = dmi_get_system_info(DMI_PRODUCT_UUID);
	if (!uuid)
		return VMK_FAILURE;
	*id = uuid;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SystemGetIDString);

VMK_ReturnStatus vmk_SystemGetVersionInfo(vmk_SystemVersionInfo *info)
{
	/* The initial namespace's strings live as long as the kernel. */
	struct new_utsname *uts = init_utsname();

	if (!info) {
		vmk_core_bad_arg("NULL info");
		return VMK_BAD_PARAM;
	}
	info->productName = uts->sysname;
	info->productVersion = uts->release;
	info->buildVersion = uts->version;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SystemGetVersionInfo);

void vmk_core_system_init(void)
{
	atomic_notifier_chain_register(&panic_notifier_list,
				       &vmk_system_panic_nb);
}

void vmk_core_system_exit(void)
{
	atomic_notifier_chain_unregister(&panic_notifier_list,
					 &vmk_system_panic_nb);
}
