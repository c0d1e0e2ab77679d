// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: DMA engines and constraints.
 *
 * Each test gets a fresh pair of platform devices (a "bridge" and a
 * device below it, both DMA-capable with Linux's default 32-bit mask),
 * added to the device manager through the bus providers' interface as a
 * fake provider would, and a buffer of four physically contiguous pages
 * whose machine addresses the test knows.  Engines are created on those
 * devices; every constraint violation is provoked on purpose and its
 * reason and details checked; each test ends with its engines destroyed,
 * the Linux devices' DMA settings back as they were and its heap empty.
 * The debug kernel has no IOMMU, so I/O addresses equal machine
 * addresses, which the tests check through vmk_DMAEngineIsIdentityMapped.
 * One test also drives QEMU's edu PCI device when the guest has it.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define HEAP_MAX	(1 << 20)
#define BUF_ORDER	2
#define BUF_PAGES	(1 << BUF_ORDER)

struct dma_fixture {
	vmk_HeapID heap;
	vmk_SgOpsHandle ops;
	vmk_BusType bus;
	struct platform_device *bridge_pdev;
	struct platform_device *pdev;
	vmk_Device bridge;
	vmk_Device dev;
	struct page *pages;
	void *buf;
	vmk_MA ma;
	u64 mask0;
	unsigned int seg0;
	unsigned long boundary0;
};

static struct dma_fixture *fix(struct kunit *test)
{
	return test->priv;
}

static struct platform_device *make_pdev(struct device *parent)
{
	struct platform_device_info info = {
		.parent = parent,
		.name = "vmkapi-kunit-dma",
		.id = PLATFORM_DEVID_AUTO,
		.dma_mask = DMA_BIT_MASK(32),
	};

	return platform_device_register_full(&info);
}

/* A device of the fake provider over @linux_dev, below @parent. */
static VMK_ReturnStatus add_device(struct dma_fixture *f,
				   struct device *linux_dev, vmk_Device parent,
				   vmk_Device *out)
{
	struct vmk_core_device_props props = {
		.bus_type = f->bus,
		.bus_address = dev_name(linux_dev),
		.identifier = "com.vmware.kunit.dma",
		.linux_dev = linux_dev,
		.parent = parent,
	};

	return vmk_core_device_add(&props, out);
}

static int dma_test_init(struct kunit *test)
{
	struct dma_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	vmk_Name name;

	if (!f)
		return -ENOMEM;
	test->priv = f;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_dma", HEAP_MAX,
				  &f->heap) != VMK_OK)
		return -ENOMEM;
	if (vmk_SgCreateOpsHandle(f->heap, &f->ops, NULL, NULL) != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	if (vmk_BusTypeFind(&name, &f->bus) != VMK_OK)
		return -ENODEV;
	f->bridge_pdev = make_pdev(NULL);
	if (IS_ERR(f->bridge_pdev))
		return PTR_ERR(f->bridge_pdev);
	f->pdev = make_pdev(&f->bridge_pdev->dev);
	if (IS_ERR(f->pdev))
		return PTR_ERR(f->pdev);
	if (add_device(f, &f->bridge_pdev->dev, NULL, &f->bridge) != VMK_OK ||
	    add_device(f, &f->pdev->dev, f->bridge, &f->dev) != VMK_OK)
		return -ENODEV;
	f->pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, BUF_ORDER);
	if (!f->pages)
		return -ENOMEM;
	f->buf = page_address(f->pages);
	f->ma = page_to_phys(f->pages);
	f->mask0 = *f->pdev->dev.dma_mask;
	f->seg0 = dma_get_max_seg_size(&f->pdev->dev);
	f->boundary0 = dma_get_seg_boundary(&f->pdev->dev);
	return 0;
}

/*
 * Everything went back: the device's DMA settings, the arrays (the heap
 * is empty), the devices.
 */
static void dma_test_exit(struct kunit *test)
{
	struct dma_fixture *f = test->priv;

	if (f->pdev && !IS_ERR(f->pdev)) {
		KUNIT_EXPECT_EQ(test, *f->pdev->dev.dma_mask, f->mask0);
		KUNIT_EXPECT_EQ(test, f->pdev->dev.coherent_dma_mask, f->mask0);
		KUNIT_EXPECT_EQ(test, dma_get_max_seg_size(&f->pdev->dev),
				f->seg0);
		KUNIT_EXPECT_EQ(test, dma_get_seg_boundary(&f->pdev->dev),
				f->boundary0);
	}
	if (f->pages)
		__free_pages(f->pages, BUF_ORDER);
	if (f->dev)
		KUNIT_EXPECT_EQ(test, vmk_core_device_remove(f->dev), VMK_OK);
	if (f->bridge)
		KUNIT_EXPECT_EQ(test, vmk_core_device_remove(f->bridge),
				VMK_OK);
	if (f->pdev && !IS_ERR(f->pdev))
		platform_device_unregister(f->pdev);
	if (f->bridge_pdev && !IS_ERR(f->bridge_pdev))
		platform_device_unregister(f->bridge_pdev);
	if (f->bus)
		vmk_BusTypeRelease(f->bus);
	if (f->ops)
		KUNIT_EXPECT_EQ(test, vmk_SgDestroyOpsHandle(f->ops), VMK_OK);
	if (f->heap)
		vmk_kunit_heap_drop(test, f->heap);
}

/* No limits but the address mask. */
static vmk_DMAConstraints lax(void)
{
	return (vmk_DMAConstraints){ .addressMask = VMK_ADDRESS_MASK_64BIT };
}

static VMK_ReturnStatus engine_on(vmk_Device dev, vmk_DMAConstraints *con,
				  vmk_uint32 flags, vmk_DMAEngine *engine)
{
	vmk_DMAEngineProps props = {
		.module = vmk_kunit_module_id,
		.flags = flags,
		.device = dev,
		.constraints = con,
	};

	vmk_NameInitialize(&props.name, "kunit-dma");
	return vmk_DMAEngineCreate(&props, engine);
}

/* An engine on the fixture's device, or the test stops. */
static vmk_DMAEngine engine_with(struct kunit *test, vmk_DMAConstraints con)
{
	vmk_DMAEngine e = VMK_DMA_ENGINE_INVALID;

	KUNIT_ASSERT_EQ(test, engine_on(fix(test)->dev, &con, 0, &e), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, e);
	return e;
}

static bool identity(struct kunit *test, vmk_DMAEngine e)
{
	vmk_Bool id = VMK_FALSE;

	KUNIT_EXPECT_EQ(test, vmk_DMAEngineIsIdentityMapped(e, &id), VMK_OK);
	return id;
}

/* A machine-address array of @n (offset, length) pieces of the buffer. */
static vmk_SgArray *ma_array(struct kunit *test, u32 n, const u32 *off,
			     const u32 *len)
{
	vmk_SgArray *sg = NULL;
	u32 i;

	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(fix(test)->ops, &sg, n), VMK_OK);
	for (i = 0; i < n; i++) {
		sg->elem[i].addr = fix(test)->ma + off[i];
		sg->elem[i].length = len[i];
	}
	sg->numElems = n;
	return sg;
}

static u64 heap_bytes(struct kunit *test)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(fix(test)->heap, &st), 0);
	return st.bytes;
}

/* ---- tests ------------------------------------------------------------- */

static void vmk_dma_strings(struct kunit *test)
{
	static const char * const dirs[] = {
		"none", "to memory", "from memory", "bidirectional",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++)
		KUNIT_EXPECT_STREQ(test, vmk_DMADirectionToString(i), dirs[i]);
	KUNIT_EXPECT_STREQ(test, vmk_DMADirectionToString(4), "unknown");
	KUNIT_EXPECT_STREQ(test, vmk_DMADirectionToString(-1), "unknown");
	KUNIT_EXPECT_STREQ(test, vmk_DMAMapErrorReasonToString(
				VMK_DMA_MAP_ERROR_REASON_NONE), "no error");
	KUNIT_EXPECT_STREQ(test, vmk_DMAMapErrorReasonToString(
				VMK_DMA_MAP_ERROR_REASON_SG_ELEM_STRADDLE),
			   "SG element straddles a boundary");
	KUNIT_EXPECT_STREQ(test, vmk_DMAMapErrorReasonToString(
				VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE),
			   "out of IO address space");
	/* Every reason has its own text. */
	for (i = 0; i <= VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE; i++) {
		int j;

		KUNIT_EXPECT_STRNEQ(test, vmk_DMAMapErrorReasonToString(i),
				    "unknown");
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test,
					    vmk_DMAMapErrorReasonToString(i),
					    vmk_DMAMapErrorReasonToString(j));
	}
	KUNIT_EXPECT_STREQ(test, vmk_DMAMapErrorReasonToString(10), "unknown");
}

static void vmk_dma_create_validation(struct kunit *test)
{
	static const struct {
		vmk_DMAConstraints con;
		bool ok;
	} cases[] = {
		{ { .addressMask = 0 }, false },
		{ { .addressMask = 0xff00ffffULL }, false },
		{ { .addressMask = 0xfffffff0ULL }, false },
		{ { .addressMask = VMK_ADDRESS_MASK_32BIT }, true },
		{ { .addressMask = VMK_ADDRESS_MASK_39BIT }, true },
		{ { .addressMask = ~0ULL, .sgElemMaxSize = 512 }, false },
		{ { .addressMask = ~0ULL, .sgElemMaxSize = PAGE_SIZE }, true },
		{ { .addressMask = ~0ULL, .sgElemMaxSize = 3 * PAGE_SIZE }, true },
		{ { .addressMask = ~0ULL, .sgElemSizeMult = 3 }, false },
		{ { .addressMask = ~0ULL, .sgElemSizeMult = PAGE_SIZE }, false },
		{ { .addressMask = ~0ULL, .sgElemSizeMult = 1 }, true },
		{ { .addressMask = ~0ULL, .sgElemSizeMult = 512 }, true },
		{ { .addressMask = ~0ULL, .sgElemAlignment = 3 }, false },
		{ { .addressMask = ~0ULL, .sgElemAlignment = 2 * PAGE_SIZE },
		  false },
		{ { .addressMask = ~0ULL, .sgElemAlignment = 1 }, true },
		{ { .addressMask = ~0ULL, .sgElemAlignment = PAGE_SIZE }, true },
		{ { .addressMask = ~0ULL, .sgElemStraddle = PAGE_SIZE / 2 },
		  false },
		{ { .addressMask = ~0ULL, .sgElemStraddle = 3 * PAGE_SIZE },
		  false },
		{ { .addressMask = ~0ULL, .sgElemStraddle = PAGE_SIZE }, true },
		{ { .addressMask = ~0ULL, .sgElemStraddle = 1ULL << 32 }, true },
		{ { .addressMask = ~0ULL, .maxTransfer = 1, .sgMaxEntries = 1 },
		  true },
	};
	struct dma_fixture *f = fix(test);
	vmk_DMAConstraints con = lax();
	vmk_DMABouncePoolProps bounce = { .type = VMK_DMA_BOUNCE_POOL_TYPE_NONE };
	vmk_DMAEngineProps props = {
		.module = vmk_kunit_module_id,
		.device = f->dev,
		.constraints = &con,
	};
	vmk_DMAEngine e;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		vmk_DMAConstraints c = cases[i].con;
		VMK_ReturnStatus want = VMK_BAD_PARAM;

		if (cases[i].ok)
			want = VMK_OK;
		e = VMK_DMA_ENGINE_INVALID;
		KUNIT_EXPECT_EQ_MSG(test, engine_on(f->dev, &c, 0, &e), want,
				    "case %d", i);
		if (cases[i].ok)
			KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
		else
			KUNIT_EXPECT_PTR_EQ(test, e, VMK_DMA_ENGINE_INVALID);
	}

	/*
	 * A mask narrower than any platform gives a device: the device gets
	 * what Linux accepts, and the engine reaches only the first 4 KB.
	 */
	con.addressMask = 0xfff;
	KUNIT_ASSERT_EQ(test, engine_on(f->dev, &con, 0, &e), VMK_OK);
	KUNIT_EXPECT_GE(test, *f->pdev->dev.dma_mask, 0xfffULL);
	{
		vmk_SgElem in = { .addr = f->ma, .length = 64 }, io;
		vmk_DMAMapErrorInfo err;

		KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e,
						     VMK_DMA_DIRECTION_TO_MEMORY,
						     &in, VMK_TRUE, &io, &err),
				VMK_DMA_MAPPING_FAILED);
		KUNIT_EXPECT_EQ(test, err.reason,
				VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ADDRESS);
		KUNIT_EXPECT_EQ(test, err.info.elemAddress.addressMask, 0xfff);
	}
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	con = lax();

	KUNIT_EXPECT_EQ(test, vmk_DMAEngineCreate(NULL, &e), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineCreate(&props, NULL), VMK_BAD_PARAM);
	props.constraints = NULL;
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineCreate(&props, &e), VMK_BAD_PARAM);
	props.constraints = &con;
	props.device = NULL;
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineCreate(&props, &e), VMK_BAD_PARAM);
	props.device = f->dev;
	props.flags = 1 << 5;
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineCreate(&props, &e), VMK_BAD_PARAM);
	props.flags = VMK_DMA_ENGINE_FLAGS_REQUEST_IOMMU_MAPPER;
	bounce.type = VMK_DMA_BOUNCE_POOL_TYPE_UNKNOWN;
	props.bounce = &bounce;
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineCreate(&props, &e), VMK_BAD_PARAM);
	bounce.type = VMK_DMA_BOUNCE_POOL_TYPE_NONE;
	props.module = VMK_INVALID_MODULE_ID;
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineCreate(&props, &e),
			VMK_INVALID_MODULE);
	props.module = vmk_kunit_module_id;
	KUNIT_ASSERT_EQ(test, vmk_DMAEngineCreate(&props, &e), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	/* Stale and garbage handles. */
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy((vmk_DMAEngine)f), VMK_BAD_PARAM);
}

/* The Linux device is widened for its widest engine, restored after the last. */
static void vmk_dma_linux_device_setup(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	struct device *dev = &f->pdev->dev;
	vmk_DMAConstraints narrow = {
		.addressMask = VMK_ADDRESS_MASK_32BIT,
		.sgElemMaxSize = 2 * PAGE_SIZE,
		.sgElemStraddle = 1ULL << 20,
	};
	vmk_DMAConstraints wide = {
		.addressMask = VMK_ADDRESS_MASK_39BIT,
		.sgElemMaxSize = 16 * PAGE_SIZE,
		.sgElemStraddle = 1ULL << 30,
	};
	vmk_DMAEngine a, b;

	a = engine_with(test, narrow);
	KUNIT_EXPECT_EQ(test, *dev->dma_mask, VMK_ADDRESS_MASK_32BIT);
	KUNIT_EXPECT_EQ(test, dma_get_max_seg_size(dev), 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, dma_get_seg_boundary(dev), (1UL << 20) - 1);
	b = engine_with(test, wide);
	KUNIT_EXPECT_EQ(test, *dev->dma_mask, VMK_ADDRESS_MASK_39BIT);
	KUNIT_EXPECT_EQ(test, dev->coherent_dma_mask, VMK_ADDRESS_MASK_39BIT);
	KUNIT_EXPECT_EQ(test, dma_get_max_seg_size(dev), 16 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, dma_get_seg_boundary(dev), (1UL << 30) - 1);
	/* The widest stays while any engine does. */
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(b), VMK_OK);
	KUNIT_EXPECT_EQ(test, *dev->dma_mask, VMK_ADDRESS_MASK_39BIT);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(a), VMK_OK);
	/* dma_test_exit checks that everything is back. */
}

static void map_sg_roundtrip(struct kunit *test, vmk_DMAEngine e,
			     vmk_DMADirection dir)
{
	static const u32 off[] = { 0, PAGE_SIZE + 64, 3 * PAGE_SIZE };
	static const u32 len[] = { PAGE_SIZE, PAGE_SIZE, 512 };
	struct dma_fixture *f = fix(test);
	vmk_SgArray *in = ma_array(test, 3, off, len);
	vmk_DMAMapErrorInfo err = { .reason = VMK_DMA_MAP_ERROR_UNKNOWN };
	vmk_SgArray *out = NULL;
	u32 i;

	KUNIT_ASSERT_EQ(test, vmk_DMAMapSg(e, dir, f->ops, in, &out, &err),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, err.reason, VMK_DMA_MAP_ERROR_REASON_NONE);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_EXPECT_PTR_NE(test, out, in);
	KUNIT_EXPECT_EQ(test, out->numElems, 3);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, out->elem[i].length, len[i]);
		if (identity(test, e))
			KUNIT_EXPECT_EQ(test, out->elem[i].ioAddr,
					f->ma + off[i]);
	}
	/* The input is untouched. */
	KUNIT_EXPECT_EQ(test, in->elem[1].addr, f->ma + off[1]);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapSg(e, dir, f->ops, out), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(f->ops, in), VMK_OK);
}

static void vmk_dma_map_sg_directions(struct kunit *test)
{
	vmk_DMAEngine e = engine_with(test, lax());
	u64 base = heap_bytes(test);

	map_sg_roundtrip(test, e, VMK_DMA_DIRECTION_TO_MEMORY);
	map_sg_roundtrip(test, e, VMK_DMA_DIRECTION_FROM_MEMORY);
	map_sg_roundtrip(test, e, VMK_DMA_DIRECTION_BIDIRECTIONAL);
	/* Unmap freed each output array. */
	KUNIT_EXPECT_EQ(test, heap_bytes(test), base);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
}

static void vmk_dma_map_elem_directions(struct kunit *test)
{
	static const vmk_DMADirection dirs[] = {
		VMK_DMA_DIRECTION_TO_MEMORY, VMK_DMA_DIRECTION_FROM_MEMORY,
		VMK_DMA_DIRECTION_BIDIRECTIONAL,
	};
	struct dma_fixture *f = fix(test);
	vmk_DMAEngine e = engine_with(test, lax());
	vmk_SgElem in = { .addr = f->ma + 100, .length = 2 * PAGE_SIZE };
	vmk_SgElem out[ARRAY_SIZE(dirs)];
	vmk_DMAMapErrorInfo err;
	int i;

	/* All three live at once, on the same memory. */
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		KUNIT_ASSERT_EQ(test, vmk_DMAMapElem(e, dirs[i], &in, VMK_TRUE,
						     &out[i], &err), VMK_OK);
		KUNIT_EXPECT_EQ(test, out[i].length, in.length);
		if (identity(test, e))
			KUNIT_EXPECT_EQ(test, out[i].ioAddr, in.addr);
	}
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_BUSY);
	for (i = ARRAY_SIZE(dirs) - 1; i >= 0; i--)
		KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e, dirs[i], &out[i]),
				VMK_OK);
	/* Gone: a second unmap finds nothing. */
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e, dirs[0], &out[0]),
			VMK_INVALID_ADDRESS);
	/* err may be NULL. */
	KUNIT_ASSERT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     &in, VMK_FALSE, &out[0], NULL),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					       &out[0]), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
}

/* Map @in on @e, expecting @reason; nothing may stay mapped. */
static void expect_sg_fail(struct kunit *test, vmk_DMAEngine e,
			   vmk_SgArray *in, vmk_DMAMapErrorReason reason,
			   vmk_DMAMapErrorInfo *err)
{
	vmk_SgArray *out = (vmk_SgArray *)0x1;
	u64 base = heap_bytes(test);

	memset(err, 0xa5, sizeof(*err));
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					   fix(test)->ops, in, &out, err),
			VMK_DMA_MAPPING_FAILED);
	KUNIT_EXPECT_EQ(test, err->reason, reason);
	KUNIT_EXPECT_PTR_EQ(test, out, (vmk_SgArray *)0x1);
	/* No output array left behind, and no mapping: destroy works. */
	KUNIT_EXPECT_EQ(test, heap_bytes(test), base);
}

static void vmk_dma_violations(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	vmk_DMAMapErrorInfo err;
	vmk_DMAConstraints con;
	vmk_SgArray *in;
	vmk_DMAEngine e;

	/* Transfer too large: 3 pages for 2. */
	con = lax();
	con.maxTransfer = 2 * PAGE_SIZE;
	e = engine_with(test, con);
	in = ma_array(test, 2, (u32[]){ 0, PAGE_SIZE },
		      (u32[]){ PAGE_SIZE, 2 * PAGE_SIZE });
	expect_sg_fail(test, e, in, VMK_DMA_MAP_ERROR_REASON_TRANSFER_TOO_LARGE,
		       &err);
	KUNIT_EXPECT_EQ(test, err.info.tooLarge.maxTransfer, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);

	/* Too many entries: 3 for 2. */
	con = lax();
	con.sgMaxEntries = 2;
	e = engine_with(test, con);
	in = ma_array(test, 3, (u32[]){ 0, 1024, 2048 },
		      (u32[]){ 1024, 1024, 1024 });
	expect_sg_fail(test, e, in, VMK_DMA_MAP_ERROR_REASON_TOO_MANY_ENTRIES,
		       &err);
	KUNIT_EXPECT_EQ(test, err.info.tooManyEntries.sgMaxEntries, 2);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);

	/* Element too large: element 1 is two pages. */
	con = lax();
	con.sgElemMaxSize = PAGE_SIZE;
	e = engine_with(test, con);
	in = ma_array(test, 2, (u32[]){ 0, PAGE_SIZE },
		      (u32[]){ PAGE_SIZE, 2 * PAGE_SIZE });
	expect_sg_fail(test, e, in, VMK_DMA_MAP_ERROR_REASON_SG_ELEM_MAX_SIZE,
		       &err);
	KUNIT_EXPECT_EQ(test, err.info.elemMaxSize.sgElemMaxSize, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, err.info.elemMaxSize.badElem, 1);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);

	/*
	 * Size multiple: 1000 bytes is not a multiple of 512 in element 1,
	 * but the last element may be anything.
	 */
	con = lax();
	con.sgElemSizeMult = 512;
	e = engine_with(test, con);
	in = ma_array(test, 3, (u32[]){ 0, 1024, 2048 },
		      (u32[]){ 1024, 1000, 1000 });
	expect_sg_fail(test, e, in, VMK_DMA_MAP_ERROR_REASON_SG_ELEM_SIZE_MULT,
		       &err);
	KUNIT_EXPECT_EQ(test, err.info.elemSizeMult.sgElemSizeMult, 512);
	KUNIT_EXPECT_EQ(test, err.info.elemSizeMult.badElem, 1);
	in->elem[1].length = 1024;
	{
		vmk_SgArray *out = NULL;

		KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
						   f->ops, in, &out, &err),
				VMK_OK);
		KUNIT_EXPECT_EQ(test, vmk_DMAUnmapSg(e,
						     VMK_DMA_DIRECTION_TO_MEMORY,
						     f->ops, out), VMK_OK);
	}
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);

	/* Straddle: element 2 crosses the page boundary. */
	con = lax();
	con.sgElemStraddle = PAGE_SIZE;
	e = engine_with(test, con);
	in = ma_array(test, 3, (u32[]){ 0, PAGE_SIZE, 2 * PAGE_SIZE - 8 },
		      (u32[]){ PAGE_SIZE, 512, 16 });
	expect_sg_fail(test, e, in, VMK_DMA_MAP_ERROR_REASON_SG_ELEM_STRADDLE,
		       &err);
	KUNIT_EXPECT_EQ(test, err.info.elemStraddle.sgElemStraddle, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, err.info.elemStraddle.badElem, 2);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);

	/* Alignment: element 1 starts 8 bytes off a 64-byte boundary. */
	con = lax();
	con.sgElemAlignment = 64;
	e = engine_with(test, con);
	in = ma_array(test, 2, (u32[]){ 0, 1024 + 8 }, (u32[]){ 1024, 64 });
	expect_sg_fail(test, e, in, VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ALIGNMENT,
		       &err);
	KUNIT_EXPECT_EQ(test, err.info.elemAlignment.sgElemAlignment, 64);
	KUNIT_EXPECT_EQ(test, err.info.elemAlignment.badElem, 1);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);
}

/*
 * The address mask: an engine whose mask ends just below the buffer
 * cannot reach it, while a 64-bit engine on the same device can.  The
 * narrow mask is the largest power of two below the buffer's address.
 */
static void vmk_dma_address_mask(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	vmk_DMAConstraints con = lax();
	vmk_SgElem elem = { .addr = f->ma, .length = 256 }, out;
	vmk_DMAMapErrorInfo err;
	vmk_DMAEngine wide, narrow;
	vmk_SgArray *in;

	con.addressMask = rounddown_pow_of_two(f->ma) - 1;
	wide = engine_with(test, lax());
	narrow = engine_with(test, con);
	in = ma_array(test, 2, (u32[]){ 0, PAGE_SIZE }, (u32[]){ 256, 256 });
	expect_sg_fail(test, narrow, in,
		       VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ADDRESS, &err);
	KUNIT_EXPECT_EQ(test, err.info.elemAddress.addressMask,
			con.addressMask);
	KUNIT_EXPECT_EQ(test, err.info.elemAddress.badElem, 0);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(narrow,
					     VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, &out, &err),
			VMK_DMA_MAPPING_FAILED);
	KUNIT_EXPECT_EQ(test, err.reason,
			VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(wide, VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, &out, &err),
			VMK_OK);
	/* The mapping is the wide engine's, not the narrow one's. */
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(narrow,
					       VMK_DMA_DIRECTION_TO_MEMORY,
					       &out), VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(narrow), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(wide,
					       VMK_DMA_DIRECTION_TO_MEMORY,
					       &out), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(wide), VMK_OK);
	vmk_SgFree(f->ops, in);
}

/* Single elements obey the same rules; only lastElem exempts the multiple. */
static void vmk_dma_elem_rules(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	vmk_DMAConstraints con = lax();
	vmk_SgElem in = { .addr = f->ma, .length = 1000 }, out;
	vmk_DMAMapErrorInfo err;
	vmk_DMAEngine e;

	con.sgElemSizeMult = 256;
	con.maxTransfer = 2 * PAGE_SIZE;
	con.sgElemStraddle = 2 * PAGE_SIZE;
	e = engine_with(test, con);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					     &in, VMK_FALSE, &out, &err),
			VMK_DMA_MAPPING_FAILED);
	KUNIT_EXPECT_EQ(test, err.reason,
			VMK_DMA_MAP_ERROR_REASON_SG_ELEM_SIZE_MULT);
	KUNIT_EXPECT_EQ(test, err.info.elemSizeMult.badElem, 0);
	KUNIT_ASSERT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					     &in, VMK_TRUE, &out, &err),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					       &out), VMK_OK);
	in.length = 3 * PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					     &in, VMK_TRUE, &out, &err),
			VMK_DMA_MAPPING_FAILED);
	KUNIT_EXPECT_EQ(test, err.reason,
			VMK_DMA_MAP_ERROR_REASON_TRANSFER_TOO_LARGE);
	KUNIT_EXPECT_EQ(test, err.info.tooLarge.maxTransfer, 2 * PAGE_SIZE);
	/* One page from the middle of the first two-page block crosses it. */
	in.addr = f->ma + PAGE_SIZE + 512;
	in.length = PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					     &in, VMK_TRUE, &out, &err),
			VMK_DMA_MAPPING_FAILED);
	KUNIT_EXPECT_EQ(test, err.reason,
			VMK_DMA_MAP_ERROR_REASON_SG_ELEM_STRADDLE);
	KUNIT_EXPECT_EQ(test, err.info.elemStraddle.sgElemStraddle,
			2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
}

static void vmk_dma_flush(struct kunit *test)
{
	static const u32 off[] = { 0, PAGE_SIZE };
	static const u32 len[] = { 1024, 2048 };
	struct dma_fixture *f = fix(test);
	vmk_DMAEngine e = engine_with(test, lax());
	vmk_SgArray *in = ma_array(test, 2, off, len), *out = NULL;
	vmk_SgElem elem = { .addr = f->ma + 2 * PAGE_SIZE, .length = 64 };
	vmk_SgElem io;

	KUNIT_ASSERT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_BIDIRECTIONAL,
					   f->ops, in, &out, NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					     out, 0, VMK_DMA_FLUSH_SG_ALL),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     out, 1000, 100), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     out, 3071, 1), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     out, 3072, 1), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     out, 3000, 73), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_BIDIRECTIONAL,
					     out, 0, VMK_DMA_FLUSH_SG_ALL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_NONE,
					     out, 0, VMK_DMA_FLUSH_SG_ALL),
			VMK_BAD_PARAM);
	/* The machine-address array was never mapped as such. */
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     in, 0, VMK_DMA_FLUSH_SG_ALL),
			VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapSg(e, VMK_DMA_DIRECTION_BIDIRECTIONAL,
					     f->ops, out), VMK_OK);

	/* A FROM_MEMORY mapping: the device only reads. */
	KUNIT_ASSERT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					     &elem, VMK_TRUE, &io, NULL),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					       &io), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					       &io), VMK_BAD_PARAM);
	/* Unmap in the wrong direction is refused and unmaps nothing. */
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					       &io), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					       &io), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					       &io), VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);
}

/* Destroy with live mappings is refused until the last is unmapped. */
static void vmk_dma_destroy_busy(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	vmk_DMAEngine e = engine_with(test, lax());
	vmk_SgArray *in = ma_array(test, 1, (u32[]){ 0 }, (u32[]){ 4096 });
	vmk_SgArray *out = NULL;
	vmk_SgElem elem = { .addr = f->ma, .length = 64 }, io;

	KUNIT_ASSERT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					   f->ops, in, &out, NULL), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, &io, NULL),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     f->ops, out), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					       &io), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	/* Nothing works on a destroyed engine. */
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, &io, NULL),
			VMK_BAD_PARAM);
	vmk_SgFree(f->ops, in);
}

/*
 * The core's own map for layers that keep the mapping (the SCSI layer):
 * into caller storage, the engine's rules as for vmk_DMAMapSg, counted
 * (destroy refuses while mapped), RAM only.
 */
static void vmk_core_dma_map_pages_contract(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	vmk_DMAConstraints con = lax();
	vmk_SgArray *in = ma_array(test, 2, (u32[]){ 0, PAGE_SIZE },
				   (u32[]){ PAGE_SIZE, 512 });
	vmk_SgArray *out = kunit_kzalloc(test, vmk_SgComputeAllocSize(2),
					 GFP_KERNEL);
	vmk_DMAMapErrorInfo err;
	vmk_DMAEngine e;
	vmk_SgElem bad;

	KUNIT_ASSERT_NOT_NULL(test, out);
	out->maxElems = 2;
	e = engine_with(test, con);
	KUNIT_ASSERT_EQ(test, vmk_core_dma_map_pages(e,
			VMK_DMA_DIRECTION_TO_MEMORY, in, out, &err), VMK_OK);
	KUNIT_EXPECT_EQ(test, out->numElems, 2);
	KUNIT_EXPECT_EQ(test, out->elem[0].length, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, out->elem[1].length, 512);
	if (identity(test, e))
		KUNIT_EXPECT_EQ(test, out->elem[1].ioAddr,
				f->ma + PAGE_SIZE);
	/* A live mapping: the engine cannot go. */
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_BUSY);
	vmk_core_dma_unmap_pages(e, VMK_DMA_DIRECTION_TO_MEMORY, out);
	KUNIT_EXPECT_EQ(test, out->numElems, 0);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);

	/* The engine's rules: 2 entries for 1, nothing left mapped. */
	con.sgMaxEntries = 1;
	e = engine_with(test, con);
	KUNIT_EXPECT_EQ(test, vmk_core_dma_map_pages(e,
			VMK_DMA_DIRECTION_TO_MEMORY, in, out, &err),
			VMK_DMA_MAPPING_FAILED);
	KUNIT_EXPECT_EQ(test, err.reason,
			VMK_DMA_MAP_ERROR_REASON_TOO_MANY_ENTRIES);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);

	/* No room in out, and memory that is not RAM: refused. */
	e = engine_with(test, lax());
	out->maxElems = 1;
	KUNIT_EXPECT_EQ(test, vmk_core_dma_map_pages(e,
			VMK_DMA_DIRECTION_TO_MEMORY, in, out, &err),
			VMK_BAD_PARAM);
	out->maxElems = 2;
	bad = in->elem[0];
	in->elem[0].addr = (vmk_MA)1 << 51;	/* no RAM there */
	in->numElems = 1;
	KUNIT_EXPECT_EQ(test, vmk_core_dma_map_pages(e,
			VMK_DMA_DIRECTION_TO_MEMORY, in, out, &err),
			VMK_BAD_PARAM);
	in->elem[0] = bad;
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);
}

static void vmk_dma_bad_args(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	vmk_DMAEngine e = engine_with(test, lax());
	vmk_SgArray *in = ma_array(test, 1, (u32[]){ 0 }, (u32[]){ 64 });
	vmk_SgElem elem = { .addr = f->ma, .length = 64 }, io;
	vmk_MemPhysAddrConstraint con;
	vmk_SgArray *out = NULL;
	vmk_Bool id;

	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(NULL, VMK_DMA_DIRECTION_TO_MEMORY,
					   f->ops, in, &out, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg((vmk_DMAEngine)f,
					   VMK_DMA_DIRECTION_TO_MEMORY,
					   f->ops, in, &out, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_NONE, f->ops,
					   in, &out, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, 7, f->ops, in, &out, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					   f->ops, NULL, &out, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					   f->ops, in, NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					   (vmk_SgOpsHandle)f, in, &out, NULL),
			VMK_INVALID_HANDLE);
	in->elem[0].length = 0;
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					   f->ops, in, &out, NULL),
			VMK_BAD_PARAM);
	in->elem[0].length = 64;
	in->numElems = 0;
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					   f->ops, in, &out, NULL),
			VMK_BAD_PARAM);
	in->numElems = 2;
	KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					   f->ops, in, &out, NULL),
			VMK_BAD_PARAM);
	in->numElems = 1;
	KUNIT_EXPECT_PTR_EQ(test, out, NULL);

	elem.addr = ~0ULL - 10;
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, &io, NULL),
			VMK_BAD_PARAM);
	elem.addr = f->ma;
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     NULL, VMK_TRUE, &io, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_NONE,
					     &elem, VMK_TRUE, &io, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     f->ops, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     f->ops, in), VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					       NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     NULL, 0, 1), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					       NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAGetAllocAddrConstraint(e, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAGetAllocAddrConstraint(NULL, &con),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineIsIdentityMapped(e, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineIsIdentityMapped(NULL, &id),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);
}

/*
 * Bridge constraints: registered on the bridge, they apply to engines on
 * the device below it, and registration is refused once engines exist.
 */
static void vmk_dma_bridge_constraints(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	vmk_DMAConstraints bcon = {
		.addressMask = VMK_ADDRESS_MASK_64BIT,
		.maxTransfer = PAGE_SIZE,
		.sgElemAlignment = 64,
	};
	vmk_DMADeviceProps props = {
		.module = vmk_kunit_module_id,
		.device = f->bridge,
		.constraints = &bcon,
	};
	vmk_SgElem elem = { .addr = f->ma, .length = 2 * PAGE_SIZE }, io;
	vmk_DMAMapErrorInfo err;
	vmk_DMADevice d, d2;
	vmk_DMAEngine e, e2;

	vmk_NameInitialize(&props.name, "kunit-bridge");
	KUNIT_ASSERT_EQ(test, vmk_DMADeviceRegister(&props, &d), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMADeviceRegister(&props, &d2), VMK_EXISTS);
	e = engine_with(test, lax());
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, &io, &err),
			VMK_DMA_MAPPING_FAILED);
	KUNIT_EXPECT_EQ(test, err.reason,
			VMK_DMA_MAP_ERROR_REASON_TRANSFER_TOO_LARGE);
	KUNIT_EXPECT_EQ(test, err.info.tooLarge.maxTransfer, PAGE_SIZE);
	elem.addr = f->ma + 8;
	elem.length = 64;
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, &io, &err),
			VMK_DMA_MAPPING_FAILED);
	KUNIT_EXPECT_EQ(test, err.reason,
			VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ALIGNMENT);
	KUNIT_EXPECT_EQ(test, err.info.elemAlignment.sgElemAlignment, 64);
	/* Engines below: neither unregister nor a new registration. */
	KUNIT_EXPECT_EQ(test, vmk_DMADeviceUnregister(d), VMK_BUSY);
	props.device = f->dev;
	KUNIT_EXPECT_EQ(test, vmk_DMADeviceRegister(&props, &d2), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMADeviceUnregister(d), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMADeviceUnregister(d), VMK_BAD_PARAM);
	/* Without the bridge's constraints the same element maps. */
	e2 = engine_with(test, lax());
	KUNIT_EXPECT_EQ(test, vmk_DMAMapElem(e2, VMK_DMA_DIRECTION_TO_MEMORY,
					     &elem, VMK_TRUE, &io, &err),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e2, VMK_DMA_DIRECTION_TO_MEMORY,
					       &io), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e2), VMK_OK);
	bcon.sgElemAlignment = 3;
	KUNIT_EXPECT_EQ(test, vmk_DMADeviceRegister(&props, &d2),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DMADeviceRegister(NULL, &d2), VMK_BAD_PARAM);
}

static void vmk_dma_alloc_constraint(struct kunit *test)
{
	static const vmk_IOA masks[] = {
		VMK_ADDRESS_MASK_64BIT, VMK_ADDRESS_MASK_39BIT,
		VMK_ADDRESS_MASK_32BIT, VMK_ADDRESS_MASK_31BIT,
	};
	static const vmk_MemPhysAddrConstraint fits[] = {
		VMK_PHYS_ADDR_ANY, VMK_PHYS_ADDR_BELOW_512GB,
		VMK_PHYS_ADDR_BELOW_4GB, VMK_PHYS_ADDR_BELOW_2GB,
	};
	struct device *dev = &fix(test)->pdev->dev;
	int i;

	for (i = 0; i < ARRAY_SIZE(masks); i++) {
		vmk_DMAConstraints con = { .addressMask = masks[i] };
		vmk_MemPhysAddrConstraint got = -1;
		vmk_DMAEngine e = engine_with(test, con);
		/* A mask that covers all of memory needs no constraint. */
		vmk_MemPhysAddrConstraint want =
			masks[i] >= dma_get_required_mask(dev) ?
			VMK_PHYS_ADDR_ANY : fits[i];

		KUNIT_EXPECT_EQ(test, vmk_DMAGetAllocAddrConstraint(e, &got),
				VMK_OK);
		KUNIT_EXPECT_EQ_MSG(test, got, want, "mask %#llx", masks[i]);
		KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	}
}

/*
 * The coherent path of 2.3: a COHERENT engine, memory from a heap with
 * the engine's allocation constraint, mapped once for both directions.
 */
static void vmk_dma_coherent_memory(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	vmk_DMAConstraints con = { .addressMask = VMK_ADDRESS_MASK_32BIT };
	vmk_HeapCreateProps hprops = {
		.type = VMK_HEAP_TYPE_CUSTOM,
		.module = vmk_kunit_module_id,
		.max = 64 * 1024,
	};
	vmk_MemPhysAddrConstraint range;
	vmk_SgElem in, io;
	vmk_DMAEngine e;
	vmk_HeapID heap;
	u32 *mem;

	KUNIT_ASSERT_EQ(test, engine_on(f->dev, &con,
					VMK_DMA_ENGINE_FLAGS_COHERENT, &e),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_DMAGetAllocAddrConstraint(e, &range), VMK_OK);
	vmk_NameInitialize(&hprops.name, "kunit_dma_coherent");
	hprops.typeSpecific.custom.physContiguity = VMK_MEM_PHYS_CONTIGUOUS;
	hprops.typeSpecific.custom.physRange = range;
	KUNIT_ASSERT_EQ(test, vmk_HeapCreate(&hprops, &heap), VMK_OK);
	mem = vmk_HeapAlloc(heap, 2 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	in.length = 2 * PAGE_SIZE;
	KUNIT_ASSERT_EQ(test, vmk_VA2MA((vmk_VA)mem, in.length, &in.addr),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_DMAMapElem(e, VMK_DMA_DIRECTION_BIDIRECTIONAL,
					     &in, VMK_TRUE, &io, NULL), VMK_OK);
	KUNIT_EXPECT_LE(test, io.ioAddr + io.length - 1,
			VMK_ADDRESS_MASK_32BIT);
	mem[0] = 0x1234;
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushElem(e, VMK_DMA_DIRECTION_FROM_MEMORY,
					       &io), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAFlushElem(e, VMK_DMA_DIRECTION_TO_MEMORY,
					       &io), VMK_OK);
	KUNIT_EXPECT_EQ(test, mem[0], 0x1234);
	KUNIT_EXPECT_EQ(test, vmk_DMAUnmapElem(e,
					       VMK_DMA_DIRECTION_BIDIRECTIONAL,
					       &io), VMK_OK);
	vmk_HeapFree(heap, mem);
	vmk_HeapDestroy(heap);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
}

/* Map, flush and unmap do not block: under a spinlock with BHs off. */
static void vmk_dma_atomic_context(struct kunit *test)
{
	static DEFINE_SPINLOCK(lock);
	struct dma_fixture *f = fix(test);
	vmk_DMAEngine e = engine_with(test, lax());
	vmk_SgArray *in = ma_array(test, 2, (u32[]){ 0, PAGE_SIZE },
				   (u32[]){ 256, 256 });
	vmk_SgElem elem = { .addr = f->ma, .length = 64 }, io;
	VMK_ReturnStatus s[6];
	vmk_SgArray *out = NULL;

	local_bh_disable();
	spin_lock(&lock);
	s[0] = vmk_DMAMapSg(e, VMK_DMA_DIRECTION_TO_MEMORY, f->ops, in, &out,
			    NULL);
	s[1] = vmk_DMAFlushSg(e, VMK_DMA_DIRECTION_TO_MEMORY, out, 0,
			      VMK_DMA_FLUSH_SG_ALL);
	s[2] = vmk_DMAUnmapSg(e, VMK_DMA_DIRECTION_TO_MEMORY, f->ops, out);
	s[3] = vmk_DMAMapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY, &elem,
			      VMK_TRUE, &io, NULL);
	s[4] = vmk_DMAFlushElem(e, VMK_DMA_DIRECTION_FROM_MEMORY, &io);
	s[5] = vmk_DMAUnmapElem(e, VMK_DMA_DIRECTION_FROM_MEMORY, &io);
	spin_unlock(&lock);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, s[0], VMK_OK);
	KUNIT_EXPECT_EQ(test, s[1], VMK_OK);
	KUNIT_EXPECT_EQ(test, s[2], VMK_OK);
	KUNIT_EXPECT_EQ(test, s[3], VMK_OK);
	KUNIT_EXPECT_EQ(test, s[4], VMK_OK);
	KUNIT_EXPECT_EQ(test, s[5], VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	vmk_SgFree(f->ops, in);
}

#define HAMMER_THREADS	2
#define HAMMER_ROUNDS	2000

struct hammer {
	vmk_DMAEngine e;
	vmk_MA ma;
	int mapped;
	int unmap_failed;
	int other;
	struct completion done;
};

/* Map, flush and unmap until the engine is gone or the rounds are done. */
static int hammer_fn(void *data)
{
	struct hammer *h = data;
	vmk_SgElem in = { .addr = h->ma, .length = 64 }, io;
	int i;

	for (i = 0; i < HAMMER_ROUNDS; i++) {
		VMK_ReturnStatus s = vmk_DMAMapElem(h->e,
						    VMK_DMA_DIRECTION_TO_MEMORY,
						    &in, VMK_TRUE, &io, NULL);

		if (s == VMK_BAD_PARAM)
			break;
		if (s != VMK_OK) {
			h->other++;
			continue;
		}
		h->mapped++;
		if (vmk_DMAFlushElem(h->e, VMK_DMA_DIRECTION_TO_MEMORY, &io) !=
		    VMK_OK ||
		    vmk_DMAUnmapElem(h->e, VMK_DMA_DIRECTION_TO_MEMORY, &io) !=
		    VMK_OK)
			h->unmap_failed++;
		cond_resched();
	}
	complete(&h->done);
	return 0;
}

/*
 * Threads map and unmap while the test keeps trying to destroy the
 * engine: destroy succeeds only between mappings, after which every map
 * is refused; no mapping is ever lost or unmapped twice.
 */
static void vmk_dma_hammer(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	struct hammer *h = kunit_kcalloc(test, HAMMER_THREADS, sizeof(*h),
					 GFP_KERNEL);
	vmk_DMAEngine e = engine_with(test, lax());
	bool destroyed = false;
	int i, busy = 0, spins;

	KUNIT_ASSERT_NOT_NULL(test, h);
	for (i = 0; i < HAMMER_THREADS; i++) {
		h[i].e = e;
		h[i].ma = f->ma + i * PAGE_SIZE;
		init_completion(&h[i].done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(hammer_fn, &h[i],
							    "kunit-dma/%d",
							    i)));
	}
	/*
	 * Once the threads are going, destroy until it gets in between two
	 * mappings (or the threads are done).
	 */
	for (spins = 0; !destroyed; spins++) {
		VMK_ReturnStatus s;
		bool running = false;

		for (i = 0; i < HAMMER_THREADS; i++)
			running |= !completion_done(&h[i].done);
		if (!running)
			break;
		if (spins < HAMMER_ROUNDS / 4) {
			cond_resched();
			continue;
		}
		s = vmk_DMAEngineDestroy(e);
		if (s == VMK_OK)
			destroyed = true;
		else if (s == VMK_BUSY)
			busy++;
		else
			KUNIT_FAIL(test, "destroy: %s", vmk_StatusToString(s));
		cond_resched();
	}
	for (i = 0; i < HAMMER_THREADS; i++)
		wait_for_completion(&h[i].done);
	if (!destroyed)
		KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	for (i = 0; i < HAMMER_THREADS; i++) {
		KUNIT_EXPECT_EQ(test, h[i].unmap_failed, 0);
		KUNIT_EXPECT_EQ(test, h[i].other, 0);
	}
	kunit_info(test, "mapped %d + %d, destroy busy %d times, %s",
		   h[0].mapped, h[1].mapped, busy,
		   destroyed ? "destroyed under load" : "destroyed after");
}

/* QEMU's edu device: a real PCI function as the engine's device. */
static void vmk_dma_edu_pci(struct kunit *test)
{
	struct dma_fixture *f = fix(test);
	struct pci_dev *pdev = pci_get_device(0x1234, 0x11e8, NULL);
	vmk_DMAConstraints con = { .addressMask = VMK_ADDRESS_MASK_32BIT };
	vmk_SgArray *in, *out = NULL;
	vmk_Device dev = NULL;
	vmk_DMAEngine e;
	u64 mask0;

	if (!pdev)
		kunit_skip(test, "no edu device");
	mask0 = *pdev->dev.dma_mask;
	KUNIT_ASSERT_EQ(test, add_device(f, &pdev->dev, NULL, &dev), VMK_OK);
	/* edu only decodes 28 address bits for DMA. */
	con.addressMask = DMA_BIT_MASK(28);
	KUNIT_ASSERT_EQ(test, engine_on(dev, &con, 0, &e), VMK_OK);
	/* 28 bits, or the narrowest mask this platform gives a device. */
	KUNIT_EXPECT_GE(test, *pdev->dev.dma_mask, DMA_BIT_MASK(28));
	in = ma_array(test, 1, (u32[]){ 0 }, (u32[]){ 4096 });
	if (f->ma + 4096 <= DMA_BIT_MASK(28) + 1) {
		KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e,
				VMK_DMA_DIRECTION_FROM_MEMORY, f->ops,
				in, &out, NULL), VMK_OK);
		KUNIT_EXPECT_EQ(test, vmk_DMAUnmapSg(e,
				VMK_DMA_DIRECTION_FROM_MEMORY, f->ops,
				out), VMK_OK);
	} else {
		KUNIT_EXPECT_EQ(test, vmk_DMAMapSg(e,
				VMK_DMA_DIRECTION_FROM_MEMORY, f->ops,
				in, &out, NULL),
				VMK_DMA_MAPPING_FAILED);
	}
	vmk_SgFree(f->ops, in);
	KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(e), VMK_OK);
	KUNIT_EXPECT_EQ(test, *pdev->dev.dma_mask, mask0);
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(dev), VMK_OK);
	pci_dev_put(pdev);
}

static struct kunit_case vmk_dma_cases[] = {
	KUNIT_CASE(vmk_dma_strings),
	KUNIT_CASE(vmk_dma_create_validation),
	KUNIT_CASE(vmk_dma_linux_device_setup),
	KUNIT_CASE(vmk_dma_map_sg_directions),
	KUNIT_CASE(vmk_dma_map_elem_directions),
	KUNIT_CASE(vmk_dma_violations),
	KUNIT_CASE(vmk_dma_address_mask),
	KUNIT_CASE(vmk_dma_elem_rules),
	KUNIT_CASE(vmk_dma_flush),
	KUNIT_CASE(vmk_dma_destroy_busy),
	KUNIT_CASE(vmk_core_dma_map_pages_contract),
	KUNIT_CASE(vmk_dma_bad_args),
	KUNIT_CASE(vmk_dma_bridge_constraints),
	KUNIT_CASE(vmk_dma_alloc_constraint),
	KUNIT_CASE(vmk_dma_coherent_memory),
	KUNIT_CASE(vmk_dma_atomic_context),
	KUNIT_CASE(vmk_dma_hammer),
	KUNIT_CASE(vmk_dma_edu_pci),
	{}
};

static struct kunit_suite vmk_dma_suite = {
	.name = "vmkapi_dma",
	.init = dma_test_init,
	.exit = dma_test_exit,
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_dma_cases,
};

kunit_test_suite(vmk_dma_suite);

MODULE_DESCRIPTION("KUnit tests for vmkapi DMA engines");
MODULE_LICENSE("GPL");
