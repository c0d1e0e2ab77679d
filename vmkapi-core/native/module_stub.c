// SPDX-License-Identifier: GPL-2.0
/*
 * Linked into every native driver module by vmkapi-core/native/native.mk.
 *
 * A native driver defines init_module() and cleanup_module() and uses
 * vmk_ModuleCurrentID, never calling vmk_ModuleRegister() itself.  The
 * driver's sources are compiled with those two names renamed, and this
 * file provides the Linux module entry points: register with the API
 * revision the driver was built against, then run the driver's init;
 * on unload, the driver's cleanup, then unregister.
 */
#undef init_module
#undef cleanup_module

#include <linux/module.h>

#include "vmkapi.h"
#include "vmkapi_native_entry.h"

vmk_ModuleID vmk_ModuleCurrentID = VMK_INVALID_MODULE_ID;

/*
 * Native inits return VMK statuses or 1 on failure; Linux wants 0 or a
 * negative errno and treats a positive value as success.
 */
static int vmk_native_init_result(int ret)
{
	if (ret <= 0)
		return ret;
	return -(vmk_StatusToErrno((VMK_ReturnStatus)ret) ?: EINVAL);
}

static int __init vmk_native_stub_init(void)
{
	VMK_ReturnStatus status;
	int ret;

	status = vmk_ModuleRegister(&vmk_ModuleCurrentID, VMKAPI_REVISION);
	if (status != VMK_OK) {
		pr_err("%s: vmk_ModuleRegister: %s\n", KBUILD_MODNAME,
		       vmk_StatusToString(status));
		return -vmk_StatusToErrno(status);
	}
	ret = vmk_native_init_result(vmk_native_init_module());
	if (ret) {
		vmk_ModuleUnregister(vmk_ModuleCurrentID);
		vmk_ModuleCurrentID = VMK_INVALID_MODULE_ID;
	}
	return ret;
}

static void __exit vmk_native_stub_exit(void)
{
	VMK_ReturnStatus status;

	vmk_native_cleanup_module();
	status = vmk_ModuleUnregister(vmk_ModuleCurrentID);
	if (status != VMK_OK)
		pr_err("%s: vmk_ModuleUnregister: %s\n", KBUILD_MODNAME,
		       vmk_StatusToString(status));
}

module_init(vmk_native_stub_init);
module_exit(vmk_native_stub_exit);
MODULE_IMPORT_NS(VMKAPI);
