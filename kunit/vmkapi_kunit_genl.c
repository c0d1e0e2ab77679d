// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the readers the generic netlink family dumps with.  What a dump
 * over several messages relies on: each kind is listed in a stable key
 * order, the next call from "last key + 1" resumes after the last object
 * sent even when objects came or went in between, a parent device comes
 * before its children, and lookups find exactly what they are asked for.
 * The family itself (messages, policies, permissions, fuzz) is tested
 * from user space: tests/integration/genl.sh and genl_fuzz.sh.
 */
#include "vmkapi_kunit.h"

#include <linux/string.h>

/* The key of our heap @name (0: not found), walking from the start. */
static u64 genl_heap_key(const char *name)
{
	struct vmk_core_heap_info info;
	u64 from = 0;

	while (!vmk_core_heap_next(from, &info)) {
		if (!strcmp(info.name, name))
			return info.id;
		from = info.id + 1;
	}
	return 0;
}

static void vmk_genl_heaps_resume_by_key(struct kunit *test)
{
	struct vmk_core_heap_info info;
	vmk_HeapID a, b, c;
	u64 ka, kb, kc;

	a = vmk_kunit_heap(test, "kgenl-a", 4096);
	b = vmk_kunit_heap(test, "kgenl-b", 4096);
	c = vmk_kunit_heap(test, "kgenl-c", 4096);
	ka = genl_heap_key("kgenl-a");
	kb = genl_heap_key("kgenl-b");
	kc = genl_heap_key("kgenl-c");
	KUNIT_EXPECT_GT(test, ka, 0ULL);
	KUNIT_EXPECT_LT(test, ka, kb);
	KUNIT_EXPECT_LT(test, kb, kc);

	/* A dump sent "a", then "b" went: it goes on with "c". */
	vmk_HeapDestroy(b);
	KUNIT_ASSERT_EQ(test, vmk_core_heap_next(ka + 1, &info), 0);
	KUNIT_EXPECT_EQ(test, info.id, kc);
	KUNIT_EXPECT_STREQ(test, info.name, "kgenl-c");
	KUNIT_EXPECT_EQ(test, info.module, vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, info.stats.max, 4096ULL);
	/* Nothing after the newest heap. */
	KUNIT_EXPECT_EQ(test, vmk_core_heap_next(kc + 1, &info), -ENOENT);
	vmk_HeapDestroy(a);
	vmk_HeapDestroy(c);
	KUNIT_EXPECT_EQ(test, genl_heap_key("kgenl-a"), 0ULL);
}

static void vmk_genl_modules_core_first(struct kunit *test)
{
	struct vmk_core_module_info info;
	vmk_ModuleID from = 0;
	bool mine = false;
	unsigned int n = 0;

	KUNIT_ASSERT_EQ(test, vmk_core_module_next(0, &info), 0);
	KUNIT_EXPECT_EQ(test, info.id, VMK_VMKERNEL_MODULE_ID);
	KUNIT_EXPECT_STREQ(test, info.name, "vmkapi");
	KUNIT_EXPECT_EQ(test, info.revision, (vmk_revnum)VMKAPI_REVISION);
	while (!vmk_core_module_next(from, &info)) {
		KUNIT_EXPECT_GE(test, info.id, from);
		if (info.id == vmk_kunit_module_id)
			mine = true;
		from = info.id + 1;
		n++;
	}
	KUNIT_EXPECT_TRUE(test, mine);
	KUNIT_EXPECT_EQ(test, n, vmk_core_module_count());
	KUNIT_EXPECT_EQ(test, vmk_core_module_next(from, &info), -ENOENT);
}

static void vmk_genl_log_get_set(struct kunit *test)
{
	vmk_LogProperties props = {
		.heap = VMK_INVALID_HEAP_ID,
		.defaultLevel = 2,
	};
	struct vmk_core_log_info info, next;
	vmk_LogComponent comp;
	u64 from = 0;
	bool found = false;

	props.module = vmk_kunit_module_id;
	vmk_NameInitialize(&props.name, "kgenl");
	KUNIT_ASSERT_EQ(test, vmk_LogRegister(&props, &comp), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_log_get(vmk_kunit_module_id, "kgenl",
					       &info), 0);
	KUNIT_EXPECT_EQ(test, info.level, 2);
	KUNIT_EXPECT_EQ(test, info.module, vmk_kunit_module_id);
	while (!vmk_core_log_next(from, &next)) {
		if (next.id == info.id)
			found = !strcmp(next.name, "kgenl");
		from = next.id + 1;
	}
	KUNIT_EXPECT_TRUE(test, found);

	KUNIT_EXPECT_EQ(test, vmk_core_log_set(vmk_kunit_module_id, "kgenl", 5),
			0);
	KUNIT_EXPECT_EQ(test, vmk_LogGetCurrentLogLevel(comp), 5);
	KUNIT_EXPECT_EQ(test, vmk_core_log_get(vmk_kunit_module_id, "nosuch",
					       &info), -ENOENT);
	KUNIT_EXPECT_EQ(test, vmk_core_log_set(vmk_kunit_module_id, "nosuch",
					       1), -ENOENT);
	/* Same name, another module: not this one. */
	KUNIT_EXPECT_EQ(test, vmk_core_log_get(VMK_VMKERNEL_MODULE_ID, "kgenl",
					       &info), -ENOENT);
	KUNIT_EXPECT_EQ(test, vmk_LogUnregister(comp), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_log_get(vmk_kunit_module_id, "kgenl",
					       &info), -ENOENT);
}

static vmk_Device genl_add(struct kunit *test, const char *address,
			   vmk_Device parent)
{
	struct vmk_core_device_props props = {
		.identifier = "com.example.kgenl",
		.bus_address = address,
		.parent = parent,
	};
	vmk_Device dev = NULL;
	vmk_Name name;

	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &props.bus_type), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_add(&props, &dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(props.bus_type), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	return dev;
}

static void vmk_genl_devices_parents_first(struct kunit *test)
{
	struct vmk_core_device_info *p, *c, *d;
	vmk_Device parent, child;
	bool seen_parent = false, seen_child = false;
	u64 from = 1;

	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, p && c && d);
	parent = genl_add(test, "kgenl:0", NULL);
	child = genl_add(test, "kgenl:1", parent);

	KUNIT_ASSERT_EQ(test, vmk_core_device_lookup("logical", "kgenl:0", 0,
						     p), 0);
	KUNIT_EXPECT_PTR_EQ(test, p->handle, parent);
	KUNIT_EXPECT_EQ(test, p->children, 1U);
	KUNIT_EXPECT_EQ(test, p->parent_id, 0ULL);
	KUNIT_EXPECT_EQ(test, (int)p->state, (int)VMK_CORE_DEV_UNCLAIMED);
	KUNIT_EXPECT_STREQ(test, p->driver, "");
	KUNIT_EXPECT_STREQ(test, p->registrar, "");
	KUNIT_ASSERT_EQ(test, vmk_core_device_lookup(NULL, NULL, p->id + 1, c),
			0);
	KUNIT_EXPECT_PTR_EQ(test, c->handle, child);
	KUNIT_EXPECT_STREQ(test, c->address, "kgenl:1");
	KUNIT_EXPECT_STREQ(test, c->identifier, "com.example.kgenl");
	KUNIT_EXPECT_EQ(test, c->parent_id, p->id);
	KUNIT_EXPECT_EQ(test, c->depth, p->depth + 1);
	KUNIT_EXPECT_EQ(test, vmk_core_device_lookup("pci", "kgenl:0", 0, d),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, vmk_core_device_lookup(NULL, "kgenl:0", c->id, d),
			-ENOENT);

	/* A full walk meets the parent first, the child once. */
	while (!vmk_core_device_next(from, d)) {
		if (d->id == c->id) {
			KUNIT_EXPECT_TRUE(test, seen_parent);
			KUNIT_EXPECT_FALSE(test, seen_child);
			seen_child = true;
		}
		if (d->id == p->id)
			seen_parent = true;
		from = d->id + 1;
	}
	KUNIT_EXPECT_TRUE(test, seen_child);

	/* Resuming after the parent, once the child went: nothing of ours. */
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(child), VMK_OK);
	if (!vmk_core_device_next(p->id + 1, d))
		KUNIT_EXPECT_GT(test, d->id, c->id);
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(parent), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_lookup(NULL, "kgenl:0", 0, d),
			-ENOENT);
}

static VMK_ReturnStatus genl_attach(vmk_Device device)
{
	return VMK_OK;
}

static VMK_ReturnStatus genl_noop(vmk_Device device)
{
	return VMK_OK;
}

static void genl_forget(vmk_Device device)
{
}

static vmk_DriverOps genl_driver_ops = {
	.attachDevice = genl_attach,
	.scanDevice = genl_noop,
	.detachDevice = genl_noop,
	.quiesceDevice = genl_noop,
	.startDevice = genl_noop,
	.forgetDevice = genl_forget,
};

static bool genl_find_driver(const char *name,
			     struct vmk_core_driver_info *info)
{
	u64 from = 1;

	while (!vmk_core_driver_next(from, info)) {
		if (!strcmp(info->name, name))
			return true;
		from = info->id + 1;
	}
	return false;
}

static void vmk_genl_drivers_count_devices(struct kunit *test)
{
	vmk_DriverProps props = {
		.ops = &genl_driver_ops,
	};
	struct vmk_core_driver_info info;
	vmk_Driver drv;
	vmk_Device dev;

	props.moduleID = vmk_kunit_module_id;
	vmk_NameInitialize(&props.name, "kgenl_drv");
	KUNIT_ASSERT_EQ(test, vmk_DriverRegister(&props, &drv), VMK_OK);
	KUNIT_ASSERT_TRUE(test, genl_find_driver("kgenl_drv", &info));
	KUNIT_EXPECT_EQ(test, info.module, vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, info.devices, 0U);
	KUNIT_EXPECT_FALSE(test, info.unregistering);

	dev = genl_add(test, "kgenl:2", NULL);
	KUNIT_EXPECT_EQ(test, vmk_core_device_attach(dev, drv), VMK_OK);
	KUNIT_ASSERT_TRUE(test, genl_find_driver("kgenl_drv", &info));
	KUNIT_EXPECT_EQ(test, info.devices, 1U);
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(dev), VMK_OK);

	KUNIT_EXPECT_EQ(test, vmk_DriverUnregister(drv), VMK_OK);
	KUNIT_EXPECT_FALSE(test, genl_find_driver("kgenl_drv", &info));
}

static VMK_ReturnStatus genl_ack(void *data, vmk_IntrCookie cookie)
{
	return VMK_OK;
}

static void genl_handler(void *data, vmk_IntrCookie cookie)
{
}

static int genl_name_cb(void *arg, const char *name)
{
	strscpy(arg, name, VMK_MISC_NAME_MAX);
	return 0;
}

static void vmk_genl_intr_next_and_names(struct kunit *test)
{
	struct vmk_core_intr_info *info;
	vmk_IntrProps props = {
		.acknowledgeInterrupt = genl_ack,
		.handler = genl_handler,
	};
	char name[VMK_MISC_NAME_MAX] = "";
	vmk_IntrCookie cookie;
	int data;

	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, info);
	props.handlerData = &data;
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_create(vmk_kunit_module_id,
							&cookie), VMK_OK);
	vmk_NameInitialize(&props.deviceName, "kgenl-intr");
	KUNIT_ASSERT_EQ(test, vmk_IntrRegister(vmk_kunit_module_id, cookie,
					       &props), VMK_OK);

	KUNIT_ASSERT_EQ(test, vmk_core_intr_next(cookie, info), 0);
	KUNIT_EXPECT_EQ(test, info->cookie, cookie);
	KUNIT_EXPECT_EQ(test, info->module, vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, info->registrations, 1U);
	KUNIT_EXPECT_FALSE(test, info->enabled);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_handler_names(cookie, genl_name_cb,
							  name), 0);
	KUNIT_EXPECT_STREQ(test, name, "kgenl-intr");

	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, cookie,
						 &data), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(cookie), VMK_OK);
	/* Gone: resuming at its ID skips it. */
	if (!vmk_core_intr_next(cookie, info))
		KUNIT_EXPECT_NE(test, info->cookie, cookie);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_handler_names(cookie, genl_name_cb,
							  name), -ENOENT);
}

static struct kunit_case vmk_genl_cases[] = {
	KUNIT_CASE(vmk_genl_heaps_resume_by_key),
	KUNIT_CASE(vmk_genl_modules_core_first),
	KUNIT_CASE(vmk_genl_log_get_set),
	KUNIT_CASE(vmk_genl_devices_parents_first),
	KUNIT_CASE(vmk_genl_drivers_count_devices),
	KUNIT_CASE(vmk_genl_intr_next_and_names),
	{}
};

static struct kunit_suite vmk_genl_suite = {
	.name = "vmkapi_genl",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_genl_cases,
};
kunit_test_suite(vmk_genl_suite);

MODULE_DESCRIPTION("KUnit tests for the readers of the generic netlink family");
MODULE_LICENSE("GPL");
