// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: a Linux-model module that registers with the core by hand
 * and then forgets to unregister, the way a buggy port might.  The core
 * must notice when the module goes away and drop its entry and log
 * component, instead of keeping pointers into freed module memory.
 */
#include <linux/module.h>

#include "vmkapi.h"

static vmk_ModuleID nforget_id = VMK_INVALID_MODULE_ID;
static vmk_LogComponent nforget_log;

static int __init nforget_init(void)
{
	vmk_LogProperties props = { .defaultLevel = 0 };

	if (vmk_ModuleRegister(&nforget_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	props.module = nforget_id;
	vmk_NameInitialize(&props.name, "nforget");
	if (vmk_LogRegister(&props, &nforget_log) != VMK_OK) {
		vmk_ModuleUnregister(nforget_id);
		return -EINVAL;
	}
	return 0;
}

static void __exit nforget_exit(void)
{
	/* Deliberately neither vmk_LogUnregister nor vmk_ModuleUnregister. */
}

module_init(nforget_init);
module_exit(nforget_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
