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
#include <linux/completion.h>
#include <linux/jiffies.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"

MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);

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

/* A SIMPLE heap of @max bytes owned by @module: the suites' usual arena. */
static VMK_ReturnStatus __maybe_unused
vmk_kunit_heap_create(vmk_ModuleID module, const char *name,
		      vmk_ByteCountSmall max, vmk_HeapID *heap)
{
	vmk_HeapCreateProps props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = module,
		.max = max,
	};

	vmk_NameInitialize(&props.name, name);
	return vmk_HeapCreate(&props, heap);
}

/* In a test: a heap of the suite's module, or the test stops there. */
static vmk_HeapID __maybe_unused vmk_kunit_heap(struct kunit *test,
						const char *name,
						vmk_ByteCountSmall max)
{
	vmk_HeapID heap = VMK_INVALID_HEAP_ID;

	KUNIT_ASSERT_EQ(test, vmk_kunit_heap_create(vmk_kunit_module_id, name,
						    max, &heap), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, heap);
	return heap;
}

/* Destroy a heap that must be empty again: everything went back. */
static void __maybe_unused vmk_kunit_heap_drop(struct kunit *test,
					       vmk_HeapID heap)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(heap, &st), 0);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
	vmk_HeapDestroy(heap);
}

/*
 * An interrupt probe: a software interrupt source whose acknowledge and
 * handler record the CPU they ran on, for the tests of interrupts that
 * follow a world or a worldlet.
 */
struct vmk_kunit_intr_probe {
	vmk_IntrCookie cookie;
	int ack_cpu;
	int handler_cpu;
	struct completion handled;
};

static VMK_ReturnStatus __maybe_unused
vmk_kunit_probe_ack(void *data, vmk_IntrCookie cookie)
{
	struct vmk_kunit_intr_probe *p = data;

	WRITE_ONCE(p->ack_cpu, raw_smp_processor_id());
	return VMK_OK;
}

static void __maybe_unused vmk_kunit_probe_handler(void *data,
						   vmk_IntrCookie cookie)
{
	struct vmk_kunit_intr_probe *p = data;

	WRITE_ONCE(p->handler_cpu, raw_smp_processor_id());
	complete(&p->handled);
}

/* A registered, enabled probe for the current test; NULL if it failed. */
static __maybe_unused struct vmk_kunit_intr_probe *
vmk_kunit_probe_create(struct kunit *test, const char *name)
{
	struct vmk_kunit_intr_probe *p = kunit_kzalloc(test, sizeof(*p),
						       GFP_KERNEL);
	vmk_IntrProps props = {
		.acknowledgeInterrupt = vmk_kunit_probe_ack,
		.handler = vmk_kunit_probe_handler,
	};

	if (!p)
		return NULL;
	init_completion(&p->handled);
	props.handlerData = p;
	vmk_NameInitialize(&props.deviceName, name);
	if (vmk_core_intr_soft_create(vmk_kunit_module_id, &p->cookie) !=
	    VMK_OK)
		return NULL;
	if (vmk_IntrRegister(vmk_kunit_module_id, p->cookie, &props) !=
	    VMK_OK || vmk_IntrEnable(p->cookie) != VMK_OK) {
		vmk_IntrUnregister(vmk_kunit_module_id, p->cookie, p);
		vmk_core_intr_soft_destroy(p->cookie);
		return NULL;
	}
	return p;
}

static void __maybe_unused vmk_kunit_probe_destroy(struct kunit *test,
						   struct vmk_kunit_intr_probe *p)
{
	KUNIT_EXPECT_EQ(test, vmk_IntrDisable(p->cookie), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id,
						 p->cookie, p), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(p->cookie), VMK_OK);
}

/* Raise the probe and expect its acknowledge and handler on @cpu. */
static void __maybe_unused
vmk_kunit_probe_expect_cpu(struct kunit *test, struct vmk_kunit_intr_probe *p,
			   int cpu)
{
	int ack_cpu, handler_cpu;

	reinit_completion(&p->handled);
	WRITE_ONCE(p->ack_cpu, -1);
	/* Failed, not aborted: the caller still cleans up after the test. */
	if (vmk_core_intr_soft_raise(p->cookie) != VMK_OK ||
	    !wait_for_completion_timeout(&p->handled, 20 * HZ)) {
		KUNIT_FAIL(test, "the probe's interrupt was not handled");
		return;
	}
	ack_cpu = READ_ONCE(p->ack_cpu);
	handler_cpu = READ_ONCE(p->handler_cpu);
	KUNIT_EXPECT_EQ(test, ack_cpu, cpu);
	KUNIT_EXPECT_EQ(test, handler_cpu, cpu);
}

#endif /* _VMKAPI_KUNIT_H_ */
