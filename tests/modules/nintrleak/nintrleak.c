// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: takes interrupts from a software source of the core,
 * handles a few, and unloads with its handler still registered and the
 * source still allocated.  The core must report both by name, unregister
 * the handler (its interrupt thread goes away) and free the source, and
 * still unload itself.  Runs on the stock kernel: no simulator needed.
 */
#include <linux/completion.h>
#include <linux/module.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"

#define NINTRLEAK_RAISES	3

static vmk_ModuleID nintrleak_id = VMK_INVALID_MODULE_ID;
static vmk_IntrCookie nintrleak_cookie = VMK_INVALID_INTRCOOKIE;
static DECLARE_COMPLETION(nintrleak_handled);
static int nintrleak_data;

static VMK_ReturnStatus nintrleak_ack(void *data, vmk_IntrCookie cookie)
{
	return VMK_OK;
}

static void nintrleak_handler(void *data, vmk_IntrCookie cookie)
{
	complete(&nintrleak_handled);
}

static int __init nintrleak_init(void)
{
	vmk_IntrProps props = {
		.acknowledgeInterrupt = nintrleak_ack,
		.handler = nintrleak_handler,
		.handlerData = &nintrleak_data,
	};
	int i;

	if (vmk_ModuleRegister(&nintrleak_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	if (vmk_core_intr_soft_create(nintrleak_id, &nintrleak_cookie) !=
	    VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&props.deviceName, "nintrleak_dev");
	if (vmk_IntrRegister(nintrleak_id, nintrleak_cookie, &props) != VMK_OK)
		return -EBUSY;
	if (vmk_IntrEnable(nintrleak_cookie) != VMK_OK)
		return -EIO;
	/* One at a time, so each raise is one interrupt. */
	for (i = 0; i < NINTRLEAK_RAISES; i++) {
		vmk_core_intr_soft_raise(nintrleak_cookie);
		if (!wait_for_completion_timeout(&nintrleak_handled, 10 * HZ))
			return -ETIMEDOUT;
	}
	return 0;
}

static void __exit nintrleak_exit(void)
{
	/* Deliberately nothing: no unregister, no free, no module unregister. */
}

module_init(nintrleak_init);
module_exit(nintrleak_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
