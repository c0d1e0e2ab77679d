/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites share.
 *
 * KUnit runs a module's suites while the module is still COMING, before
 * its init function, so a suite module cannot rely on the native stub to
 * register it: each suite that needs a module ID registers in its
 * suite_init and unregisters in its suite_exit, through these hooks.
 */
#ifndef _VMKAPI_KUNIT_H_
#define _VMKAPI_KUNIT_H_

#include <kunit/test.h>

#include "vmkapi.h"

MODULE_IMPORT_NS(VMKAPI);

static vmk_ModuleID vmk_kunit_module_id = VMK_INVALID_MODULE_ID;

static int __maybe_unused vmk_kunit_suite_register(struct kunit_suite *suite)
{
	return vmk_ModuleRegister(&vmk_kunit_module_id, VMKAPI_REVISION) ==
	       VMK_OK ? 0 : -EINVAL;
}

static void __maybe_unused vmk_kunit_suite_unregister(struct kunit_suite *suite)
{
	VMK_ReturnStatus status = vmk_ModuleUnregister(vmk_kunit_module_id);

	/* A test that leaked a resource is reported here, by name. */
	if (status != VMK_OK)
		pr_err("%s: vmk_ModuleUnregister: %s\n", suite->name,
		       vmk_StatusToString(status));
	vmk_kunit_module_id = VMK_INVALID_MODULE_ID;
}

#endif /* _VMKAPI_KUNIT_H_ */
