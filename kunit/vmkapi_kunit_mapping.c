// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: vmk_Map/vmk_Unmap, VA <-> MA translation and user copies.  The
 * pages come from a memory pool, as in drivers (pool -> map -> VA2MA),
 * and data written through one address is read back through the other.
 */
#include <kunit/test.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

struct map_fixture {
	vmk_MemPool pool;
};

static int map_test_init(struct kunit *test)
{
	struct map_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	vmk_MemPoolProps props = {
		.module = vmk_kunit_module_id,
		.parentMemPool = VMK_MEMPOOL_INVALID,
		.memPoolType = VMK_MEM_POOL_LEAF,
	};

	if (!f)
		return -ENOMEM;
	vmk_NameInitialize(&props.name, "kunit_map");
	if (vmk_MemPoolCreate(&props, &f->pool) != VMK_OK)
		return -EINVAL;
	test->priv = f;
	return 0;
}

static void map_test_exit(struct kunit *test)
{
	struct map_fixture *f = test->priv;

	KUNIT_EXPECT_EQ(test, vmk_MemPoolDestroy(f->pool), VMK_OK);
}

static VMK_ReturnStatus pool_alloc(struct kunit *test,
				   vmk_MemPhysContiguity contiguity, u32 pages,
				   vmk_MpnRange *ranges)
{
	struct map_fixture *f = test->priv;
	vmk_MemPoolAllocProps props = { .physContiguity = contiguity };
	vmk_MemPoolAllocRequest req = {
		.numPages = pages,
		.numElements = contiguity == VMK_MEM_PHYS_CONTIGUOUS ? 1 : pages,
		.mpnRanges = ranges,
	};

	return vmk_MemPoolAlloc(f->pool, &props, &req);
}

static VMK_ReturnStatus pool_free(u32 pages, u32 elements,
				  vmk_MpnRange *ranges)
{
	vmk_MemPoolAllocRequest req = {
		.numPages = pages,
		.numElements = elements,
		.mpnRanges = ranges,
	};

	return vmk_MemPoolFree(&req);
}

static VMK_ReturnStatus map_ranges(vmk_MpnRange *ranges, u32 n,
				   vmk_MapAttrs attrs, vmk_VA *va)
{
	vmk_MapRequest req = {
		.mapType = VMK_MAPTYPE_DEFAULT,
		.mapAttrs = attrs,
		.numElements = n,
		.mpnRanges = ranges,
	};

	return vmk_Map(vmk_kunit_module_id, &req, va);
}

/* The driver pattern: contiguous pool pages, mapped, translated back. */
static void vmk_map_pool_pages_roundtrip(struct kunit *test)
{
	const size_t len = 4 * PAGE_SIZE;
	vmk_MpnRange r;
	vmk_VA va = 0, lva = 0;
	vmk_MA ma = 0, ma2 = 0;
	u8 *p, *lp;
	size_t i;

	KUNIT_ASSERT_EQ(test, pool_alloc(test, VMK_MEM_PHYS_CONTIGUOUS, 4, &r),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, map_ranges(&r, 1, VMK_MAPATTRS_READWRITE, &va),
			VMK_OK);
	KUNIT_ASSERT_NE(test, va, 0);
	KUNIT_EXPECT_EQ(test, vmk_core_mapping_count(vmk_kunit_module_id), 1);

	p = (u8 *)va;
	for (i = 0; i < len; i++)
		p[i] = (u8)(i * 7 + 3);

	/* The whole mapping is one physically contiguous run. */
	KUNIT_ASSERT_EQ(test, vmk_VA2MA(va, len, &ma), VMK_OK);
	KUNIT_EXPECT_EQ(test, ma, vmk_MPN2MA(r.startMPN));
	KUNIT_EXPECT_EQ(test, vmk_VA2MA(va + PAGE_SIZE + 100, 10, &ma2),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, ma2, ma + PAGE_SIZE + 100);

	/* The same bytes seen through the kernel's own address of the MA. */
	KUNIT_ASSERT_EQ(test, vmk_MA2VA(ma, len, &lva), VMK_OK);
	KUNIT_EXPECT_NE(test, lva, va);
	lp = (u8 *)lva;
	KUNIT_EXPECT_EQ(test, memcmp(lp, p, len), 0);
	lp[len - 1] = 0x5a;
	KUNIT_EXPECT_EQ(test, p[len - 1], 0x5a);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA(lva, len, &ma2), VMK_OK);
	KUNIT_EXPECT_EQ(test, ma2, ma);

	/* A mapping is a module resource: unregistering is refused. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);

	/* Freed in reverse: translate, unmap, free. */
	vmk_Unmap(va);
	KUNIT_EXPECT_EQ(test, vmk_core_mapping_count(vmk_kunit_module_id), 0);
	KUNIT_EXPECT_EQ(test, pool_free(4, 1, &r), VMK_OK);
}

static void vmk_map_several_ranges(struct kunit *test)
{
	vmk_MpnRange r[3], twice[2];
	vmk_VA va = 0, lva;
	vmk_MA ma;
	unsigned int i;
	u8 *p;

	KUNIT_ASSERT_EQ(test, pool_alloc(test, VMK_MEM_PHYS_DISCONTIGUOUS, 3, r),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, map_ranges(r, 3, VMK_MAPATTRS_READWRITE, &va),
			VMK_OK);
	p = (u8 *)va;
	/* Page i of the mapping is the page of range i, in order. */
	for (i = 0; i < 3; i++) {
		memset(p + i * PAGE_SIZE, 0x10 + i, PAGE_SIZE);
		KUNIT_EXPECT_EQ(test, vmk_VA2MA(va + i * PAGE_SIZE, PAGE_SIZE,
						&ma), VMK_OK);
		KUNIT_EXPECT_EQ(test, ma, vmk_MPN2MA(r[i].startMPN));
		KUNIT_ASSERT_EQ(test, vmk_MA2VA(ma, PAGE_SIZE, &lva), VMK_OK);
		KUNIT_EXPECT_EQ(test, ((u8 *)lva)[PAGE_SIZE / 2], 0x10 + i);
	}
	vmk_Unmap(va);

	/*
	 * One page mapped twice: the two virtual pages are not backed by
	 * consecutive machine pages, so no single MA describes both.
	 */
	twice[0] = r[0];
	twice[1] = r[0];
	KUNIT_ASSERT_EQ(test, map_ranges(twice, 2, VMK_MAPATTRS_READONLY, &va),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, ((u8 *)va)[PAGE_SIZE + 1], 0x10);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA(va, 2 * PAGE_SIZE, &ma),
			VMK_BAD_ADDR_RANGE);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA(va + PAGE_SIZE, PAGE_SIZE, &ma),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, ma, vmk_MPN2MA(r[0].startMPN));
	vmk_Unmap(va);
	KUNIT_EXPECT_EQ(test, pool_free(3, 3, r), VMK_OK);
}

static void vmk_map_bad_params(struct kunit *test)
{
	vmk_MapRequest req = {
		.mapType = VMK_MAPTYPE_DEFAULT,
		.mapAttrs = VMK_MAPATTRS_READWRITE,
		.numElements = 1,
	};
	vmk_MpnRange r, bad;
	vmk_VA va = 1;
	void *buf;

	KUNIT_ASSERT_EQ(test, pool_alloc(test, VMK_MEM_PHYS_CONTIGUOUS, 1, &r),
			VMK_OK);
	req.mpnRanges = &r;

	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, NULL, &va),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, NULL),
			VMK_BAD_PARAM);
	req.numElements = 0;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_BAD_PARAM);
	req.numElements = 1;
	req.mpnRanges = NULL;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_BAD_PARAM);
	req.mpnRanges = &r;
	req.mapType = VMK_MAPTYPE_NONE;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, va, 0);
	req.mapType = VMK_MAPTYPE_DEVICE;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_NOT_SUPPORTED);
	req.mapType = VMK_MAPTYPE_DEFAULT;
	req.mapAttrs = VMK_MAPATTRS_READWRITE | VMK_MAPATTRS_EXECUTABLE;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_NOT_SUPPORTED);
	req.mapAttrs = 1 << 7;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_BAD_PARAM);
	req.mapAttrs = VMK_MAPATTRS_READWRITE;

	/* Empty ranges, pages that are not RAM, absurd sizes. */
	bad.startMPN = r.startMPN;
	bad.numPages = 0;
	req.mpnRanges = &bad;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_BAD_PARAM);
	bad.startMPN = vmk_MA2MPN(vmk_MachMemMaxAddr());
	bad.numPages = 1;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_BAD_PARAM);
	bad.startMPN = r.startMPN;
	bad.numPages = 1U << 21;
	KUNIT_EXPECT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va),
			VMK_LIMIT_EXCEEDED);
	req.mpnRanges = &r;
	KUNIT_EXPECT_EQ(test, vmk_Map(4242, &req, &va), VMK_INVALID_MODULE);
	KUNIT_EXPECT_EQ(test, vmk_core_mapping_count(vmk_kunit_module_id), 0);

	/* Unmapping what vmk_Map never returned is ignored, no oops. */
	vmk_Unmap(0);
	vmk_Unmap(0x1234);
	buf = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	vmk_Unmap((vmk_VA)buf);
	kfree(buf);
	KUNIT_ASSERT_EQ(test, vmk_Map(vmk_kunit_module_id, &req, &va), VMK_OK);
	vmk_Unmap(va);
	vmk_Unmap(va);
	KUNIT_EXPECT_EQ(test, vmk_core_mapping_count(vmk_kunit_module_id), 0);
	KUNIT_EXPECT_EQ(test, pool_free(1, 1, &r), VMK_OK);
}

static void vmk_map_translate_kernel_memory(struct kunit *test)
{
	vmk_VA va = 0;
	vmk_MA ma = 0;
	int on_stack = 42;
	void *buf, *vbuf;

	/* Heap memory: the linear map, both ways. */
	buf = kmalloc(100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA((vmk_VA)buf, 100, &ma), VMK_OK);
	KUNIT_EXPECT_EQ(test, ma, (vmk_MA)virt_to_phys(buf));
	KUNIT_EXPECT_EQ(test, vmk_MA2VA(ma, 100, &va), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, (void *)va, buf);
	kfree(buf);

	/* vmalloc memory, one page at a time through the page tables. */
	vbuf = vmalloc(2 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, vbuf);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA((vmk_VA)vbuf + 8, 16, &ma), VMK_OK);
	KUNIT_EXPECT_EQ(test, ma, (vmk_MA)page_to_phys(vmalloc_to_page(vbuf)) + 8);
	vfree(vbuf);

	/* The stack and this module's static data resolve too. */
	KUNIT_EXPECT_EQ(test, vmk_VA2MA((vmk_VA)&on_stack, sizeof(on_stack),
					&ma), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA((vmk_VA)&vmk_kunit_module_id,
					sizeof(vmk_kunit_module_id), &ma),
			VMK_OK);

	/* Addresses with nothing behind them. */
	KUNIT_EXPECT_EQ(test, vmk_VA2MA(0, 1, &ma), VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA(0x1000, 8, &ma), VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_MA2VA(vmk_MachMemMaxAddr() & ~VMK_PAGE_MASK,
					8, &va), VMK_INVALID_ADDRESS);

	/* Bad arguments. */
	KUNIT_EXPECT_EQ(test, vmk_VA2MA((vmk_VA)&on_stack, 4, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA((vmk_VA)&on_stack, 0, &ma),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_VA2MA(~0UL, 2, &ma), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MA2VA(0, 8, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MA2VA(0, 0, &va), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MA2VA(~0ULL, 2, &va), VMK_BAD_PARAM);
}

static void vmk_machmem_constraints(struct kunit *test)
{
	vmk_MA max = vmk_MachMemMaxAddr();

	KUNIT_EXPECT_EQ(test, vmk_MAGetConstraint(0), VMK_PHYS_ADDR_BELOW_2GB);
	KUNIT_EXPECT_EQ(test, vmk_MAGetConstraint(SZ_2G - 1),
			VMK_PHYS_ADDR_BELOW_2GB);
	KUNIT_EXPECT_EQ(test, vmk_MAGetConstraint(SZ_2G),
			VMK_PHYS_ADDR_BELOW_4GB);
	KUNIT_EXPECT_EQ(test, vmk_MAGetConstraint(SZ_4G),
			VMK_PHYS_ADDR_BELOW_512GB);
	KUNIT_EXPECT_EQ(test, vmk_MAGetConstraint(512ULL << 30),
			VMK_PHYS_ADDR_ANY);

	/* All ones up to the CPU's physical address width (36 bits or more). */
	KUNIT_EXPECT_EQ(test, max & (max + 1), 0);
	KUNIT_EXPECT_GE(test, max, (vmk_MA)SZ_4G - 1);
}

/*
 * KUnit runs in a kernel thread, which has no user address space, so
 * only the refusals can be checked here: a user address with nothing
 * mapped, and a kernel address passed as a user one.  A successful copy
 * needs a user process (an ioctl test of the character device family).
 */
static void vmk_copy_user_refusals(struct kunit *test)
{
	char kbuf[16] = "kunit";
	char dst[16], other[16];

	KUNIT_EXPECT_EQ(test, vmk_CopyFromUser((vmk_VA)dst, 0x10000,
					       sizeof(dst)),
			VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_CopyToUser(0x10000, (vmk_VA)kbuf,
					     sizeof(kbuf)),
			VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_CopyFromUser((vmk_VA)dst, (vmk_VA)other,
					       sizeof(dst)),
			VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_CopyToUser((vmk_VA)other, (vmk_VA)kbuf,
					     sizeof(kbuf)),
			VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_CopyFromUser((vmk_VA)dst, 0x10000, 0),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_CopyFromUser(0, 0x10000, 4), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_CopyToUser(0x10000, 0, 4), VMK_BAD_PARAM);
	/* The kernel source of a refused copy is left alone. */
	KUNIT_EXPECT_STREQ(test, kbuf, "kunit");
}

static struct kunit_case vmk_mapping_cases[] = {
	KUNIT_CASE(vmk_map_pool_pages_roundtrip),
	KUNIT_CASE(vmk_map_several_ranges),
	KUNIT_CASE(vmk_map_bad_params),
	KUNIT_CASE(vmk_map_translate_kernel_memory),
	KUNIT_CASE(vmk_machmem_constraints),
	KUNIT_CASE(vmk_copy_user_refusals),
	{}
};

static struct kunit_suite vmk_mapping_suite = {
	.name = "vmkapi_mapping",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.init = map_test_init,
	.exit = map_test_exit,
	.test_cases = vmk_mapping_cases,
};
kunit_test_suite(vmk_mapping_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API mappings and address translation");
MODULE_LICENSE("GPL");
