// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: per-PCPU storage, PCPU numbers and the CPU interrupt state.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/preempt.h>

#include "vmkapi_kunit.h"

static int suite_init(struct kunit_suite *suite)
{
	return vmk_kunit_suite_register(suite);
}

static void suite_exit(struct kunit_suite *suite)
{
	vmk_kunit_suite_unregister(suite);
}

static void props_init(vmk_PCPUStorageProps *props, const char *name,
		       vmk_ByteCountSmall size, vmk_ByteCountSmall align)
{
	memset(props, 0, sizeof(*props));
	props->type = VMK_PCPU_STORAGE_TYPE_WRITE_LOCAL;
	props->moduleID = vmk_kunit_module_id;
	vmk_NameInitialize(&props->name, name);
	props->size = size;
	props->align = align;
}

static void vmk_pcpu_numbers(struct kunit *test)
{
	unsigned int here, linux_here;

	KUNIT_EXPECT_EQ(test, vmk_NumPCPUs(), nr_cpu_ids);
	preempt_disable();
	here = vmk_GetPCPUNum();
	linux_here = smp_processor_id();
	preempt_enable();
	KUNIT_EXPECT_EQ(test, here, linux_here);
	KUNIT_EXPECT_LT(test, here, vmk_NumPCPUs());
}

/* The interrupt calls change exactly Linux's state, and restore it. */
static void vmk_cpu_interrupts(struct kunit *test)
{
	bool on_before, off_after_disable, on_after_enable;
	bool off_after_set, on_after_set;
	vmk_Bool reported_on, reported_off;
	vmk_CPUFlags flags;

	on_before = !irqs_disabled();
	reported_on = vmk_CPUHasIntsEnabled();
	flags = vmk_CPUGetFlags();
	vmk_CPUDisableInterrupts();
	off_after_disable = irqs_disabled();
	reported_off = vmk_CPUHasIntsEnabled();
	vmk_CPUEnableInterrupts();
	on_after_enable = !irqs_disabled();
	KUNIT_EXPECT_TRUE(test, on_before);
	KUNIT_EXPECT_TRUE(test, reported_on);
	KUNIT_EXPECT_TRUE(test, off_after_disable);
	KUNIT_EXPECT_FALSE(test, reported_off);
	KUNIT_EXPECT_TRUE(test, on_after_enable);

	/* Saved with interrupts on, restored after turning them off. */
	vmk_CPUDisableInterrupts();
	vmk_CPUSetFlags(flags);
	on_after_set = !irqs_disabled();
	KUNIT_EXPECT_TRUE(test, on_after_set);

	/* Saved with them off, restored with them off. */
	vmk_CPUDisableInterrupts();
	flags = vmk_CPUGetFlags();
	vmk_CPUSetFlags(flags);
	off_after_set = irqs_disabled();
	vmk_CPUEnableInterrupts();
	KUNIT_EXPECT_TRUE(test, off_after_set);
}

static void vmk_pcpu_storage_bad_params(struct kunit *test)
{
	vmk_PCPUStorageHandle handle = VMK_PCPU_STORAGE_HANDLE_INVALID;
	vmk_PCPUStorageProps props;
	void *object = NULL;
	int not_a_storage;

	props_init(&props, "kunit-bad", 8, 0);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(NULL, &handle),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, NULL),
			VMK_BAD_PARAM);
	props.type = VMK_PCPU_STORAGE_TYPE_MAX;
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, &handle),
			VMK_BAD_PARAM);
	props_init(&props, "kunit-bad", 0, 0);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, &handle),
			VMK_BAD_PARAM);
	props_init(&props, "kunit-bad", 64 * 1024, 0);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, &handle),
			VMK_BAD_PARAM);
	props_init(&props, "kunit-bad", 8, 24);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, &handle),
			VMK_BAD_PARAM);
	props_init(&props, "kunit-bad", 8, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, &handle),
			VMK_BAD_PARAM);
	props_init(&props, "", 8, 0);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, &handle),
			VMK_INVALID_NAME);
	props_init(&props, "kunit-bad", 8, 0);
	props.moduleID = vmk_kunit_module_id + 1000;
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, &handle),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, handle, VMK_PCPU_STORAGE_HANDLE_INVALID);

	/* Handles that are not live are found missing, never used. */
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageDestroy(handle), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageLookUp(0, handle, &object),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageLookUp(0,
			(vmk_PCPUStorageHandle)&not_a_storage, &object),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(
			(vmk_PCPUStorageHandle)&not_a_storage, object),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, object, NULL);
}

struct ctor_log {
	/* Calls per PCPU, nr_cpu_ids entries each. */
	unsigned int *constructed;
	unsigned int *destructed;
	/* The constructor fails on this PCPU; UINT_MAX for never. */
	unsigned int fail_on;
	vmk_ByteCountSmall size_seen;
};

static struct ctor_log *ctor_log_alloc(struct kunit *test)
{
	struct ctor_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	log->constructed = kunit_kcalloc(test, nr_cpu_ids,
					 sizeof(*log->constructed), GFP_KERNEL);
	log->destructed = kunit_kcalloc(test, nr_cpu_ids,
					sizeof(*log->destructed), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log->constructed);
	KUNIT_ASSERT_NOT_NULL(test, log->destructed);
	log->fail_on = UINT_MAX;
	return log;
}

static VMK_ReturnStatus ctor(vmk_PCPUID pcpu, void *object,
			     vmk_ByteCountSmall size, vmk_AddrCookie arg)
{
	struct ctor_log *log = arg.ptr;

	if (pcpu == log->fail_on)
		return VMK_NO_RESOURCES;
	log->constructed[pcpu]++;
	log->size_seen = size;
	*(u64 *)object = 1000 + pcpu;
	return VMK_OK;
}

static void dtor(vmk_PCPUID pcpu, void *object, vmk_ByteCountSmall size,
		 vmk_AddrCookie arg)
{
	struct ctor_log *log = arg.ptr;

	/* What the constructor wrote, or what a user wrote since. */
	if (*(u64 *)object == 1000 + pcpu || *(u64 *)object == 2000 + pcpu)
		log->destructed[pcpu]++;
}

/* Each possible PCPU gets its own object, constructed and destructed once. */
static void vmk_pcpu_storage_objects(struct kunit *test)
{
	struct ctor_log *log = ctor_log_alloc(test);
	vmk_PCPUStorageHandle handle = VMK_PCPU_STORAGE_HANDLE_INVALID;
	vmk_PCPUStorageProps props;
	unsigned int cpu;
	void *object, *first = NULL;

	props_init(&props, "kunit-objects", 40, 64);
	props.constructor = ctor;
	props.destructor = dtor;
	props.arg.ptr = log;
	KUNIT_ASSERT_EQ(test, vmk_PCPUStorageCreate(&props, &handle), VMK_OK);
	KUNIT_EXPECT_EQ(test, log->size_seen, 40);
	for_each_possible_cpu(cpu) {
		KUNIT_EXPECT_EQ(test, log->constructed[cpu], 1);
		KUNIT_ASSERT_EQ(test, vmk_PCPUStorageLookUp(cpu, handle,
							    &object), VMK_OK);
		KUNIT_EXPECT_EQ(test, (uintptr_t)object % 64, 0);
		KUNIT_EXPECT_EQ(test, *(u64 *)object, 1000 + cpu);
		if (first)
			KUNIT_EXPECT_PTR_NE(test, object, first);
		else
			first = object;
		*(u64 *)object = 2000 + cpu;
		KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(handle, object),
				VMK_OK);
	}
	/* A PCPU beyond the last, and a NULL result pointer. */
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageLookUp(nr_cpu_ids, handle,
						    &object), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageLookUp(0, handle, NULL),
			VMK_BAD_PARAM);

	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageDestroy(handle), VMK_OK);
	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ(test, log->destructed[cpu], 1);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageDestroy(handle), VMK_BAD_PARAM);
}

/* Without a constructor every object starts zeroed. */
static void vmk_pcpu_storage_zeroed(struct kunit *test)
{
	vmk_PCPUStorageHandle handle;
	vmk_PCPUStorageProps props;
	unsigned int cpu, i;
	u8 *object;
	bool zero = true;

	props_init(&props, "kunit-zeroed", 200, 0);
	props.type = VMK_PCPU_STORAGE_TYPE_WRITE_REMOTE;
	KUNIT_ASSERT_EQ(test, vmk_PCPUStorageCreate(&props, &handle), VMK_OK);
	for_each_possible_cpu(cpu) {
		KUNIT_ASSERT_EQ(test, vmk_PCPUStorageLookUp(cpu, handle,
						(void **)&object), VMK_OK);
		for (i = 0; i < 200; i++)
			zero &= object[i] == 0;
		memset(object, 0xa5, 200);
		KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(handle, object),
				VMK_OK);
	}
	KUNIT_EXPECT_TRUE(test, zero);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageDestroy(handle), VMK_OK);
}

/* A failing constructor fails the creation and undoes the others. */
static void vmk_pcpu_storage_ctor_fails(struct kunit *test)
{
	struct ctor_log *log = ctor_log_alloc(test);
	vmk_PCPUStorageHandle handle = VMK_PCPU_STORAGE_HANDLE_INVALID;
	vmk_PCPUStorageProps props;
	unsigned int cpu;

	/* The last possible PCPU, so that the others are constructed first. */
	log->fail_on = cpumask_last(cpu_possible_mask);
	props_init(&props, "kunit-ctor-fails", 8, 0);
	props.constructor = ctor;
	props.destructor = dtor;
	props.arg.ptr = log;
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageCreate(&props, &handle),
			VMK_NO_RESOURCES);
	KUNIT_EXPECT_PTR_EQ(test, handle, VMK_PCPU_STORAGE_HANDLE_INVALID);
	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ(test, log->destructed[cpu],
				log->constructed[cpu]);
	KUNIT_EXPECT_EQ(test, log->constructed[log->fail_on], 0);
}

/* A pointer out keeps the storage; release is checked. */
static void vmk_pcpu_storage_refs(struct kunit *test)
{
	vmk_PCPUStorageHandle handle, other;
	vmk_PCPUStorageProps props;
	void *object, *second, *foreign;
	int stack_var;

	props_init(&props, "kunit-refs", 16, 0);
	KUNIT_ASSERT_EQ(test, vmk_PCPUStorageCreate(&props, &handle), VMK_OK);
	props_init(&props, "kunit-other", 16, 0);
	KUNIT_ASSERT_EQ(test, vmk_PCPUStorageCreate(&props, &other), VMK_OK);

	KUNIT_ASSERT_EQ(test, vmk_PCPUStorageLookUp(0, handle, &object),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PCPUStorageLookUp(0, handle, &second),
			VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, object, second);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageDestroy(handle), VMK_BUSY);
	/* Not one of its objects: refused, and counts nothing down. */
	KUNIT_ASSERT_EQ(test, vmk_PCPUStorageLookUp(0, other, &foreign),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(handle, foreign),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(handle, &stack_var),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(handle, object), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageDestroy(handle), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(handle, second), VMK_OK);
	/* Nothing out: a further release is refused. */
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(handle, object),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageDestroy(handle), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageRelease(other, foreign), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCPUStorageDestroy(other), VMK_OK);
}

/* Nothing here blocks: the debug kernel reports a sleep in atomic context. */
static void vmk_pcpu_storage_atomic(struct kunit *test)
{
	vmk_PCPUStorageHandle handle = VMK_PCPU_STORAGE_HANDLE_INVALID;
	VMK_ReturnStatus created, looked = VMK_FAILURE, released = VMK_FAILURE;
	VMK_ReturnStatus destroyed = VMK_FAILURE;
	vmk_PCPUStorageProps props;
	unsigned long flags;
	void *object;

	props_init(&props, "kunit-atomic", 32, 0);
	local_irq_save(flags);
	created = vmk_PCPUStorageCreate(&props, &handle);
	if (created == VMK_OK) {
		looked = vmk_PCPUStorageLookUp(vmk_GetPCPUNum(), handle,
					       &object);
		if (looked == VMK_OK)
			released = vmk_PCPUStorageRelease(handle, object);
		destroyed = vmk_PCPUStorageDestroy(handle);
	}
	local_irq_restore(flags);
	/* The allocator may have nothing ready for an atomic caller. */
	if (created == VMK_NO_MEMORY)
		kunit_skip(test, "no per-CPU memory ready for atomic callers");
	KUNIT_EXPECT_EQ(test, created, VMK_OK);
	KUNIT_EXPECT_EQ(test, looked, VMK_OK);
	KUNIT_EXPECT_EQ(test, released, VMK_OK);
	KUNIT_EXPECT_EQ(test, destroyed, VMK_OK);
}

static struct kunit_case vmk_pcpu_storage_cases[] = {
	KUNIT_CASE(vmk_pcpu_numbers),
	KUNIT_CASE(vmk_cpu_interrupts),
	KUNIT_CASE(vmk_pcpu_storage_bad_params),
	KUNIT_CASE(vmk_pcpu_storage_objects),
	KUNIT_CASE(vmk_pcpu_storage_zeroed),
	KUNIT_CASE(vmk_pcpu_storage_ctor_fails),
	KUNIT_CASE(vmk_pcpu_storage_refs),
	KUNIT_CASE(vmk_pcpu_storage_atomic),
	{}
};

static struct kunit_suite vmk_pcpu_storage_suite = {
	.name = "vmkapi_pcpu_storage",
	.suite_init = suite_init,
	.suite_exit = suite_exit,
	.test_cases = vmk_pcpu_storage_cases,
};
kunit_test_suite(vmk_pcpu_storage_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for vmkapi per-PCPU storage");
