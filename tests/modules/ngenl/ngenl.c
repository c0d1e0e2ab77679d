// SPDX-License-Identifier: GPL-2.0
/*
 * Test module for the generic netlink family: gives it objects to list.
 *   heaps=N    N small heaps "ngenl-<i>"
 *   devices=N  N unclaimed devices on the logical bus, "ngenl:<i>"
 *   events=N   N events in its ring ("callback failed", VMK_FAILURE)
 *   intr=1     a software interrupt source with one registration,
 *              "ngenl-intr", raised NGENL_RAISES times
 * and one log component, "ngenl".  Enough heaps or devices make a dump
 * that does not fit one message.  It tidies everything up at unload.
 */
#include <linux/completion.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"

#define NGENL_RAISES	3

static int heaps;
module_param(heaps, int, 0444);
static int devices;
module_param(devices, int, 0444);
static int events;
module_param(events, int, 0444);
static bool intr;
module_param(intr, bool, 0444);

static vmk_ModuleID ngenl_id = VMK_INVALID_MODULE_ID;
static vmk_HeapID *ngenl_heaps;
static vmk_Device *ngenl_devs;
static vmk_LogComponent ngenl_log;
static vmk_IntrCookie ngenl_cookie = VMK_INVALID_INTRCOOKIE;
static bool ngenl_registered;
static DECLARE_COMPLETION(ngenl_handled);
static int ngenl_data;

static VMK_ReturnStatus ngenl_ack(void *data, vmk_IntrCookie cookie)
{
	return VMK_OK;
}

static void ngenl_handler(void *data, vmk_IntrCookie cookie)
{
	complete(&ngenl_handled);
}

static int ngenl_make_heaps(void)
{
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.initial = 0,
		.max = 4096,
		.creationTimeoutMS = VMK_TIMEOUT_NONBLOCKING,
	};
	char name[VMK_MISC_NAME_MAX];
	int i;

	props.module = ngenl_id;
	ngenl_heaps = kcalloc(heaps, sizeof(*ngenl_heaps), GFP_KERNEL);
	if (!ngenl_heaps)
		return -ENOMEM;
	for (i = 0; i < heaps; i++) {
		snprintf(name, sizeof(name), "ngenl-%d", i);
		vmk_NameInitialize(&props.name, name);
		if (vmk_HeapCreate(&props, &ngenl_heaps[i]) != VMK_OK)
			return -ENOMEM;
	}
	return 0;
}

static int ngenl_make_devices(void)
{
	struct vmk_core_device_props props = {
		.identifier = "com.example.ngenl",
	};
	char address[32];
	vmk_Name name;
	int i;

	props.module = ngenl_id;
	ngenl_devs = kcalloc(devices, sizeof(*ngenl_devs), GFP_KERNEL);
	if (!ngenl_devs)
		return -ENOMEM;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	if (vmk_BusTypeFind(&name, &props.bus_type) != VMK_OK)
		return -ENODEV;
	props.bus_address = address;
	for (i = 0; i < devices; i++) {
		snprintf(address, sizeof(address), "ngenl:%d", i);
		if (vmk_core_device_add(&props, &ngenl_devs[i]) != VMK_OK)
			break;
	}
	vmk_BusTypeRelease(props.bus_type);
	return i == devices ? 0 : -ENOMEM;
}

static int ngenl_make_intr(void)
{
	vmk_IntrProps props = {
		.acknowledgeInterrupt = ngenl_ack,
		.handler = ngenl_handler,
		.handlerData = &ngenl_data,
	};
	int i;

	if (vmk_core_intr_soft_create(ngenl_id, &ngenl_cookie) != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&props.deviceName, "ngenl-intr");
	if (vmk_IntrRegister(ngenl_id, ngenl_cookie, &props) != VMK_OK)
		return -EBUSY;
	ngenl_registered = true;
	if (vmk_IntrEnable(ngenl_cookie) != VMK_OK)
		return -EIO;
	/* One at a time, so each raise is one interrupt. */
	for (i = 0; i < NGENL_RAISES; i++) {
		vmk_core_intr_soft_raise(ngenl_cookie);
		if (!wait_for_completion_timeout(&ngenl_handled, 10 * HZ))
			return -ETIMEDOUT;
	}
	return 0;
}

static void ngenl_cleanup(void)
{
	int i;

	if (ngenl_registered) {
		vmk_IntrDisable(ngenl_cookie);
		vmk_IntrUnregister(ngenl_id, ngenl_cookie, &ngenl_data);
	}
	if (ngenl_cookie != VMK_INVALID_INTRCOOKIE)
		vmk_core_intr_soft_destroy(ngenl_cookie);
	for (i = 0; ngenl_devs && i < devices; i++)
		if (ngenl_devs[i])
			vmk_core_device_remove(ngenl_devs[i]);
	kfree(ngenl_devs);
	for (i = 0; ngenl_heaps && i < heaps; i++)
		if (ngenl_heaps[i])
			vmk_HeapDestroy(ngenl_heaps[i]);
	kfree(ngenl_heaps);
	if (ngenl_log)
		vmk_LogUnregister(ngenl_log);
	vmk_ModuleUnregister(ngenl_id);
}

static int __init ngenl_init(void)
{
	vmk_LogProperties log = {
		.heap = VMK_INVALID_HEAP_ID,
		.defaultLevel = 1,
	};
	int i, ret = 0;

	if (heaps < 0 || devices < 0 || events < 0 ||
	    vmk_ModuleRegister(&ngenl_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	log.module = ngenl_id;
	vmk_NameInitialize(&log.name, "ngenl");
	if (vmk_LogRegister(&log, &ngenl_log) != VMK_OK)
		ret = -ENOMEM;
	if (!ret && heaps)
		ret = ngenl_make_heaps();
	if (!ret && devices)
		ret = ngenl_make_devices();
	if (!ret && intr)
		ret = ngenl_make_intr();
	for (i = 0; !ret && i < events; i++)
		vmk_core_event_record(ngenl_id, VMKAPI_EVENT_CALLBACK_FAILED,
				      VMK_FAILURE, "ngenl", "test event %d", i);
	if (ret)
		ngenl_cleanup();
	return ret;
}

static void __exit ngenl_exit(void)
{
	ngenl_cleanup();
}

module_init(ngenl_init);
module_exit(ngenl_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
