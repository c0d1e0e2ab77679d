// SPDX-License-Identifier: GPL-2.0
/*
 * vmkapi.ko: the VMK API core.  Brings the families up in dependency
 * order and takes them down in reverse.
 */
#include "vmkapi_core.h"
#include "net.h"

static vmk_LogComponent vmk_core_log;

static int __init vmkapi_init(void)
{
	vmk_LogProperties props = {
		.module = VMK_VMKERNEL_MODULE_ID,
		.heap = VMK_INVALID_HEAP_ID,
		.defaultLevel = 0,
	};
	int ret;

	ret = vmk_core_module_init();
	if (ret)
		return ret;
	ret = vmk_core_log_init();
	if (ret)
		goto err_module;
	ret = vmk_core_system_init();
	if (ret)
		goto err_log;
	vmk_core_bh_init();
	ret = vmk_core_worldlet_init();
	if (ret)
		goto err_system;
	ret = vmk_core_intr_init();
	if (ret)
		goto err_worldlet;
	ret = vmk_core_devmgr_init();
	if (ret)
		goto err_intr;
	ret = vmk_core_pci_init();
	if (ret)
		goto err_devmgr;
	ret = vmk_core_pci_bus_init();
	if (ret)
		goto err_pci;

	vmk_NameInitialize(&props.name, "vmkapi");
	if (vmk_LogRegister(&props, &vmk_core_log) != VMK_OK) {
		ret = -ENOMEM;
		goto err_pci_bus;
	}
	vmk_core_debugfs_init();
	vmk_core_timer_init();
	ret = vmk_core_chardev_init();
	if (ret)
		goto err_chardev;
	ret = vmk_core_uplink_init();
	if (ret)
		goto err_uplink;
	/* Last: user space may ask about everything above from now on. */
	ret = vmk_core_genl_init();
	if (ret)
		goto err_genl;
	vmk_Log(vmk_core_log, "VMK API %s ready",
		VMK_REVISION_STRING(VMKAPI));
	return 0;

err_genl:
	vmk_core_uplink_exit();
err_uplink:
	vmk_core_chardev_exit();
err_chardev:
	vmk_core_timer_exit();
	vmk_core_debugfs_exit();
	vmk_LogUnregister(vmk_core_log);
err_pci_bus:
	vmk_core_pci_bus_exit();
err_pci:
	vmk_core_pci_exit();
err_devmgr:
	vmk_core_devmgr_exit();
err_intr:
	vmk_core_intr_exit();
err_worldlet:
	vmk_core_worldlet_exit();
	vmk_core_bh_exit();
err_system:
	vmk_core_system_exit();
err_log:
	vmk_core_log_exit();
err_module:
	vmk_core_module_exit();
	vmk_core_events_exit();
	return ret;
}

static void __exit vmkapi_exit(void)
{
	/* First: no request may reach the families below while they go. */
	vmk_core_genl_exit();
	vmk_core_mgmt_exit();
	vmk_core_uplink_exit();
	vmk_core_chardev_exit();
	vmk_core_timer_exit();
	vmk_core_debugfs_exit();
	vmk_LogUnregister(vmk_core_log);
	vmk_core_pci_bus_exit();
	vmk_core_pci_exit();
	vmk_core_devmgr_exit();
	vmk_core_intr_exit();
	vmk_core_worldlet_exit();
	vmk_core_bh_exit();
	vmk_core_system_exit();
	vmk_core_log_exit();
	vmk_core_module_exit();
	vmk_core_events_exit();
	vmk_core_lock_class_exit();
}

module_init(vmkapi_init);
module_exit(vmkapi_exit);
MODULE_DESCRIPTION("VMware ESXi native driver API (VMK API) on Linux");
MODULE_LICENSE("GPL");
