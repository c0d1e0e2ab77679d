// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: scatter-gather arrays and component arrays.  Arrays are built over kmalloc, vmalloc
 * and vmap buffers whose machine addresses the test knows (vmk_VA2MA of
 * each page; vmap of chosen pages gives runs of known shape), data is
 * copied through the arrays and read back through the buffers, and each
 * test's heap must be empty at its end.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

#define HEAP_MAX	(1 << 20)

struct sg_fixture {
	vmk_HeapID heap;
	vmk_SgOpsHandle ops;
};

static int sg_test_init(struct kunit *test)
{
	struct sg_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_sg", HEAP_MAX,
				  &f->heap) != VMK_OK)
		return -ENOMEM;
	if (vmk_SgCreateOpsHandle(f->heap, &f->ops, NULL, NULL) != VMK_OK) {
		vmk_HeapDestroy(f->heap);
		return -ENOMEM;
	}
	test->priv = f;
	return 0;
}

/* Everything the test allocated went back: the heap is empty. */
static void sg_test_exit(struct kunit *test)
{
	struct sg_fixture *f = test->priv;

	KUNIT_EXPECT_EQ(test, vmk_SgDestroyOpsHandle(f->ops), VMK_OK);
	vmk_kunit_heap_drop(test, f->heap);
}

static vmk_SgOpsHandle ops_of(struct kunit *test)
{
	return ((struct sg_fixture *)test->priv)->ops;
}

static u64 heap_bytes(struct kunit *test)
{
	struct sg_fixture *f = test->priv;
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(f->heap, &st), 0);
	return st.bytes;
}

static vmk_MA ma_of(struct kunit *test, const void *va, u64 len)
{
	vmk_MA ma = 0;

	KUNIT_EXPECT_EQ(test, vmk_VA2MA((vmk_VA)va, len, &ma), VMK_OK);
	return ma;
}

/*
 * Two physically adjacent pages, and vmaps of them: @fwd maps them in
 * order (one machine run), @rev swapped (two runs, as the second page's
 * successor is not the first).
 */
struct two_pages {
	struct page *pg;
	void *fwd;
	void *rev;
};

static void two_pages_get(struct kunit *test, struct two_pages *tp)
{
	struct page *fwd[2], *rev[2];

	tp->pg = alloc_pages(GFP_KERNEL, 1);
	KUNIT_ASSERT_NOT_NULL(test, tp->pg);
	fwd[0] = tp->pg;
	fwd[1] = tp->pg + 1;
	rev[0] = tp->pg + 1;
	rev[1] = tp->pg;
	tp->fwd = vmap(fwd, 2, VM_MAP, PAGE_KERNEL);
	tp->rev = vmap(rev, 2, VM_MAP, PAGE_KERNEL);
	if (!tp->fwd || !tp->rev) {
		if (tp->fwd)
			vunmap(tp->fwd);
		if (tp->rev)
			vunmap(tp->rev);
		__free_pages(tp->pg, 1);
		tp->pg = NULL;
	}
	KUNIT_ASSERT_NOT_NULL_MSG(test, tp->pg, "vmap failed");
}

static void two_pages_put(struct two_pages *tp)
{
	vunmap(tp->fwd);
	vunmap(tp->rev);
	__free_pages(tp->pg, 1);
}

/* The ABI: element, array header and allocation sizes of 2.3. */
static void vmk_sg_layout(struct kunit *test)
{
	vmk_SgArray *sg = NULL;

	KUNIT_EXPECT_EQ(test, sizeof(vmk_SgElem), 16);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_SgArray), 24);
	KUNIT_EXPECT_EQ(test, offsetof(vmk_SgArray, elem), 24);
	KUNIT_EXPECT_EQ(test, offsetof(vmk_SgElem, length), 8);
	KUNIT_EXPECT_EQ(test, vmk_SgComputeAllocSize(0), 24);
	KUNIT_EXPECT_EQ(test, vmk_SgComputeAllocSize(3), 24 + 3 * 16);
	KUNIT_EXPECT_EQ(test, vmk_SgComputeAllocSize(U32_MAX),
			24 + (u64)U32_MAX * 16);

	/* addr and ioAddr are one field. */
	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(ops_of(test), &sg, 2), VMK_OK);
	sg->elem[1].ioAddr = 0x123456789000ULL;
	KUNIT_EXPECT_EQ(test, sg->elem[1].addr, 0x123456789000ULL);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);
}

/* Heap ops: a zeroed array of the size asked, given back on free. */
static void vmk_sg_alloc_free_heap(struct kunit *test)
{
	struct sg_fixture *f = test->priv;
	u64 before = heap_bytes(test);
	vmk_SgArray *sg = NULL, *sg2 = NULL;
	vmk_SgOpsHandle h2 = NULL;
	u32 i;

	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(ops_of(test), &sg, 8), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, sg);
	KUNIT_EXPECT_EQ(test, sg->maxElems, 8);
	KUNIT_EXPECT_EQ(test, sg->numElems, 0);
	KUNIT_EXPECT_EQ(test, sg->reserved, 0);
	KUNIT_EXPECT_EQ(test, sg->reserved2, 0);
	for (i = 0; i < 8; i++) {
		KUNIT_EXPECT_EQ(test, sg->elem[i].addr, 0);
		KUNIT_EXPECT_EQ(test, sg->elem[i].length, 0);
		KUNIT_EXPECT_EQ(test, sg->elem[i].reserved, 0);
	}
	/* All 8 elements are usable memory (KASAN would object otherwise). */
	memset(sg->elem, 0xa5, 8 * sizeof(vmk_SgElem));
	KUNIT_EXPECT_GE(test, heap_bytes(test),
			before + vmk_SgComputeAllocSize(8));

	/* A handle cannot be destroyed under its arrays. */
	KUNIT_ASSERT_EQ(test, vmk_SgCreateOpsHandle(f->heap, &h2, NULL, NULL),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(h2, &sg2, 1), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgDestroyOpsHandle(h2), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(h2, sg2), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgDestroyOpsHandle(h2), VMK_OK);
	/* Gone: every call on it is refused. */
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(h2, &sg2, 1), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_SgDestroyOpsHandle(h2), VMK_INVALID_HANDLE);

	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);
	KUNIT_EXPECT_EQ(test, heap_bytes(test), before);
}

/* Custom ops: what the callbacks saw and what they were asked to do. */
struct custom_ops {
	int allocs;
	int frees;
	u32 last_n;
	void *last_private;
	vmk_SgOpsHandle last_handle;
	vmk_SgArray *last_freed;
	/* What the alloc callback does. */
	enum { GOOD, NO_MEMORY, NULL_OK, SHORT } mode;
};

static VMK_ReturnStatus custom_alloc(vmk_SgOpsHandle handle, vmk_SgArray **sg,
				     vmk_uint32 n, void *private)
{
	struct custom_ops *c = private;
	u32 room = c->mode == SHORT ? n - 1 : n;
	vmk_SgArray *a;

	c->allocs++;
	c->last_n = n;
	c->last_private = private;
	c->last_handle = handle;
	switch (c->mode) {
	case NO_MEMORY:
		return VMK_NO_MEMORY;
	case NULL_OK:
		*sg = NULL;
		return VMK_OK;
	default:
		break;
	}
	/* No blocking here: the caller may be in any context. */
	a = kzalloc(vmk_SgComputeAllocSize(room), GFP_ATOMIC);
	if (!a)
		return VMK_NO_MEMORY;
	a->maxElems = room;
	a->numElems = 7;	/* the core resets it */
	*sg = a;
	return VMK_OK;
}

static VMK_ReturnStatus custom_free(vmk_SgOpsHandle handle, vmk_SgArray *sg,
				    void *private)
{
	struct custom_ops *c = private;

	c->frees++;
	c->last_freed = sg;
	kfree(sg);
	return VMK_OK;
}

static void vmk_sg_custom_ops(struct kunit *test)
{
	struct sg_fixture *f = test->priv;
	struct custom_ops *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	vmk_SgArrayOps ops = { .alloc = custom_alloc, .free = custom_free };
	vmk_SgArrayOps half = { .alloc = custom_alloc };
	vmk_SgOpsHandle h = NULL;
	vmk_SgArray *sg = NULL;
	char *buf;
	u64 before;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, vmk_SgCreateOpsHandle(f->heap, &h, &half, c),
			VMK_BAD_PARAM);
	KUNIT_ASSERT_EQ(test, vmk_SgCreateOpsHandle(f->heap, &h, &ops, c),
			VMK_OK);
	before = heap_bytes(test);

	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(h, &sg, 5), VMK_OK);
	KUNIT_EXPECT_EQ(test, c->allocs, 1);
	KUNIT_EXPECT_EQ(test, c->last_n, 5);
	KUNIT_EXPECT_PTR_EQ(test, c->last_private, (void *)c);
	KUNIT_EXPECT_PTR_EQ(test, c->last_handle, h);
	KUNIT_EXPECT_EQ(test, sg->maxElems, 5);
	KUNIT_EXPECT_EQ(test, sg->numElems, 0);
	/* The arrays are the callbacks' memory, not the heap's. */
	KUNIT_EXPECT_EQ(test, heap_bytes(test), before);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(h, sg), VMK_OK);
	KUNIT_EXPECT_EQ(test, c->frees, 1);
	KUNIT_EXPECT_PTR_EQ(test, c->last_freed, sg);

	/* AllocWithInit asks the callback for exactly the runs it needs. */
	buf = kmalloc(300, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(h, &sg, buf, 300), VMK_OK);
	KUNIT_EXPECT_EQ(test, c->last_n, 1);
	KUNIT_EXPECT_EQ(test, sg->numElems, 1);
	KUNIT_EXPECT_EQ(test, sg->elem[0].addr, ma_of(test, buf, 300));
	KUNIT_EXPECT_EQ(test, vmk_SgFree(h, sg), VMK_OK);
	kfree(buf);

	/* A failing callback's status comes back; nothing is counted. */
	c->mode = NO_MEMORY;
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(h, &sg, 5), VMK_NO_MEMORY);
	/* VMK_OK without an array, or a short one, is the callback's bug. */
	c->mode = NULL_OK;
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(h, &sg, 5), VMK_FAILURE);
	c->mode = SHORT;
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(h, &sg, 5), VMK_FAILURE);
	/* ... and the short array was handed back to the free callback. */
	KUNIT_EXPECT_EQ(test, c->frees, 3);
	KUNIT_EXPECT_EQ(test, c->allocs, 5);

	KUNIT_EXPECT_EQ(test, vmk_SgDestroyOpsHandle(h), VMK_OK);
}

/* A kmalloc buffer is physically contiguous: one element, whatever size. */
static void vmk_sg_init_kmalloc(struct kunit *test)
{
	static const u64 sizes[] = { 1, 100, 4096, 3 * 4096 + 123 };
	vmk_SgArray *sg = NULL;
	u32 max = 0;
	char *buf;
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		buf = kmalloc(sizes[i] + 5, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, buf);
		/* Unaligned on purpose. */
		KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(ops_of(test), &sg,
							  buf + 5, sizes[i]),
				VMK_OK);
		KUNIT_EXPECT_EQ(test, sg->maxElems, 1);
		KUNIT_EXPECT_EQ(test, sg->numElems, 1);
		KUNIT_EXPECT_EQ(test, sg->elem[0].addr,
				ma_of(test, buf + 5, sizes[i]));
		KUNIT_EXPECT_EQ(test, sg->elem[0].length, sizes[i]);
		KUNIT_EXPECT_EQ(test, vmk_SgGetDataLen(sg), sizes[i]);
		/* The worst case is a page per element. */
		KUNIT_EXPECT_EQ(test, vmk_SgComputeMaxEntries(buf + 5, sizes[i],
							      &max), VMK_OK);
		KUNIT_EXPECT_EQ(test, max,
				DIV_ROUND_UP(offset_in_page(buf + 5) + sizes[i],
					     PAGE_SIZE));
		KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);
		kfree(buf);
	}
}

/*
 * A vmalloc buffer: each page's machine address is vmk_VA2MA's, and
 * elements break exactly where consecutive pages are not adjacent.
 */
static void vmk_sg_init_vmalloc(struct kunit *test)
{
	const u32 npages = 8;
	const u32 head = 100, tail = 60;
	u64 size = npages * PAGE_SIZE - head - tail;
	vmk_SgPosition pos;
	vmk_MA ma[8], cur;
	vmk_SgArray *sg = NULL;
	u32 runs = 1, max = 0, i;
	char *buf;

	buf = vmalloc(npages * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < npages; i++) {
		ma[i] = ma_of(test, buf + i * PAGE_SIZE, PAGE_SIZE);
		if (i && ma[i] != ma[i - 1] + PAGE_SIZE)
			runs++;
	}

	KUNIT_EXPECT_EQ(test, vmk_SgComputeMaxEntries(buf + head, size, &max),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, max, npages);
	KUNIT_ASSERT_EQ(test, vmk_SgAllocWithInit(ops_of(test), &sg, buf + head,
						  size), VMK_OK);
	KUNIT_EXPECT_EQ(test, sg->numElems, runs);
	KUNIT_EXPECT_EQ(test, sg->maxElems, runs);
	KUNIT_EXPECT_EQ(test, vmk_SgGetDataLen(sg), size);
	/* The first byte of every page is where vmk_VA2MA says. */
	for (i = 0; i < npages; i++) {
		u64 off = i ? i * PAGE_SIZE - head : 0;

		KUNIT_ASSERT_EQ(test, vmk_SgFindPosition(sg, off, &pos), VMK_OK);
		KUNIT_EXPECT_PTR_EQ(test, pos.sg, sg);
		KUNIT_EXPECT_EQ(test, pos.type, VMK_SG_POSITION_TYPE_ELEMENT);
		cur = sg->elem[pos.element.element].addr + pos.element.offset;
		KUNIT_EXPECT_EQ(test, cur, ma[i] + (i ? 0 : head));
	}
	/* No element is adjacent to the next: they are maximal runs. */
	for (i = 1; i < sg->numElems; i++)
		KUNIT_EXPECT_NE(test, sg->elem[i].addr,
				sg->elem[i - 1].addr + sg->elem[i - 1].length);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);
	vfree(buf);
}

/* Runs of a known shape: two adjacent pages in order, then swapped. */
static void vmk_sg_init_runs(struct kunit *test)
{
	vmk_MA base;
	struct two_pages tp;
	vmk_SgArray *sg = NULL;

	two_pages_get(test, &tp);
	base = page_to_phys(tp.pg);

	KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(ops_of(test), &sg, tp.fwd,
						  2 * PAGE_SIZE), VMK_OK);
	KUNIT_EXPECT_EQ(test, sg->numElems, 1);
	KUNIT_EXPECT_EQ(test, sg->elem[0].addr, base);
	KUNIT_EXPECT_EQ(test, sg->elem[0].length, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);

	/* From the middle of the first page into the second. */
	KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(ops_of(test), &sg,
						  tp.rev + 1000, PAGE_SIZE),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, sg->numElems, 2);
	KUNIT_EXPECT_EQ(test, sg->elem[0].addr, base + PAGE_SIZE + 1000);
	KUNIT_EXPECT_EQ(test, sg->elem[0].length, PAGE_SIZE - 1000);
	KUNIT_EXPECT_EQ(test, sg->elem[1].addr, base);
	KUNIT_EXPECT_EQ(test, sg->elem[1].length, 1000);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);
	two_pages_put(&tp);
}

/* vmk_SgInit appends from firstEntry; a failure changes nothing. */
static void vmk_sg_init_first_entry(struct kunit *test)
{
	vmk_SgArray *sg = NULL, *small = NULL;
	struct two_pages tp;
	vmk_SgElem saved;
	char *buf;

	two_pages_get(test, &tp);
	buf = kmalloc(200, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(ops_of(test), &sg, 4), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgInit(ops_of(test), sg, buf, 200, 0),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, sg->numElems, 1);
	saved = sg->elem[0];
	KUNIT_EXPECT_EQ(test, vmk_SgInit(ops_of(test), sg, tp.rev,
					 2 * PAGE_SIZE, 1), VMK_OK);
	KUNIT_EXPECT_EQ(test, sg->numElems, 3);
	KUNIT_EXPECT_EQ(test, sg->elem[0].addr, saved.addr);
	KUNIT_EXPECT_EQ(test, sg->elem[0].length, 200);
	KUNIT_EXPECT_EQ(test, sg->elem[1].addr,
			page_to_phys(tp.pg) + PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, sg->elem[2].addr, page_to_phys(tp.pg));
	KUNIT_EXPECT_EQ(test, vmk_SgGetDataLen(sg), 200 + 2 * PAGE_SIZE);
	/* Re-initialising from 0 drops what followed. */
	KUNIT_EXPECT_EQ(test, vmk_SgInit(ops_of(test), sg, tp.fwd,
					 2 * PAGE_SIZE, 0), VMK_OK);
	KUNIT_EXPECT_EQ(test, sg->numElems, 1);
	KUNIT_EXPECT_EQ(test, sg->elem[0].length, 2 * PAGE_SIZE);

	/* Two runs do not fit in one element: the array is untouched. */
	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(ops_of(test), &small, 2), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgInit(ops_of(test), small, buf, 200, 0),
			VMK_OK);
	saved = small->elem[0];
	KUNIT_EXPECT_EQ(test, vmk_SgInit(ops_of(test), small, tp.rev,
					 2 * PAGE_SIZE, 1),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, small->numElems, 1);
	KUNIT_EXPECT_EQ(test, small->elem[0].addr, saved.addr);
	KUNIT_EXPECT_EQ(test, small->elem[1].addr, 0);
	KUNIT_EXPECT_EQ(test, small->elem[1].length, 0);
	/* Full array, or a first entry past it. */
	KUNIT_EXPECT_EQ(test, vmk_SgInit(ops_of(test), small, buf, 200, 2),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, vmk_SgInit(ops_of(test), small, buf, 200, 3),
			VMK_BAD_PARAM);
	/* One run fits exactly in the last element. */
	KUNIT_EXPECT_EQ(test, vmk_SgInit(ops_of(test), small, tp.fwd,
					 2 * PAGE_SIZE, 1), VMK_OK);
	KUNIT_EXPECT_EQ(test, small->numElems, 2);

	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), small), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);
	kfree(buf);
	two_pages_put(&tp);
}

/* Offsets map to (element, offset) across element boundaries. */
static void vmk_sg_find_position(struct kunit *test)
{
	static const u32 lens[] = { 100, 0, 200, 50 };
	static const struct { u64 off; u32 elem, eoff; } cases[] = {
		{ 0, 0, 0 }, { 99, 0, 99 }, { 100, 2, 0 }, { 299, 2, 199 },
		{ 300, 3, 0 }, { 349, 3, 49 },
	};
	vmk_SgPosition pos;
	vmk_SgArray *sg = NULL;
	int i;

	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(ops_of(test), &sg, 5), VMK_OK);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		sg->elem[i].addr = 0x100000 * (i + 1);
		sg->elem[i].length = lens[i];
	}
	sg->numElems = ARRAY_SIZE(lens);
	KUNIT_EXPECT_EQ(test, vmk_SgGetDataLen(sg), 350);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(&pos, 0xff, sizeof(pos));
		KUNIT_EXPECT_EQ(test, vmk_SgFindPosition(sg, cases[i].off, &pos),
				VMK_OK);
		KUNIT_EXPECT_PTR_EQ(test, pos.sg, sg);
		KUNIT_EXPECT_EQ(test, pos.type, VMK_SG_POSITION_TYPE_ELEMENT);
		KUNIT_EXPECT_EQ(test, pos.element.element, cases[i].elem);
		KUNIT_EXPECT_EQ(test, pos.element.offset, cases[i].eoff);
	}
	/* The end of the data and beyond are not positions in it. */
	KUNIT_EXPECT_EQ(test, vmk_SgFindPosition(sg, 350, &pos), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgFindPosition(sg, U64_MAX, &pos),
			VMK_BAD_PARAM);
	/* Element 4 exists but is not in use. */
	sg->elem[4].length = 1000;
	KUNIT_EXPECT_EQ(test, vmk_SgFindPosition(sg, 400, &pos), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);
}

/*
 * Copy fixture: a source array over three kmalloc buffers (three
 * elements) with a reference copy of the bytes they describe, and a
 * destination over two swapped pages (two elements).
 */
#define SRC0	100
#define SRC1	5000
#define SRC2	3000

struct copy_fx {
	char *src[3];
	u8 *ref;		/* the source's bytes, contiguous */
	struct two_pages tp;
	vmk_SgArray *s;
	vmk_SgArray *d;
};

static void copy_fx_get(struct kunit *test, struct copy_fx *fx)
{
	static const u32 lens[3] = { SRC0, SRC1, SRC2 };
	u32 i, j, at = 0;

	fx->ref = kunit_kmalloc(test, SRC0 + SRC1 + SRC2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx->ref);
	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(ops_of(test), &fx->s, 3), VMK_OK);
	for (i = 0; i < 3; i++) {
		fx->src[i] = kunit_kmalloc(test, lens[i], GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, fx->src[i]);
		for (j = 0; j < lens[i]; j++)
			fx->src[i][j] = fx->ref[at++] = (u8)(j * 7 + i * 31 + 1);
		KUNIT_ASSERT_EQ(test, vmk_SgInit(ops_of(test), fx->s,
						 fx->src[i], lens[i], i),
				VMK_OK);
	}
	KUNIT_ASSERT_EQ(test, fx->s->numElems, 3);
	two_pages_get(test, &fx->tp);
	memset(fx->tp.rev, 0, 2 * PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, vmk_SgAllocWithInit(ops_of(test), &fx->d,
						  fx->tp.rev, 2 * PAGE_SIZE),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, fx->d->numElems, 2);
}

static void copy_fx_put(struct kunit *test, struct copy_fx *fx)
{
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), fx->d), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), fx->s), VMK_OK);
	two_pages_put(&fx->tp);
}

/* Data crosses element boundaries on both sides and lands in order. */
static void vmk_sg_copy_data(struct kunit *test)
{
	struct copy_fx fx;
	vmk_SgPosition dst = {}, src = {};
	vmk_ByteCount copied = 0;
	const u8 *out;
	u32 i;

	copy_fx_get(test, &fx);
	out = fx.tp.rev;

	/* Source element 1 at 4000 (1000 bytes left, then element 2). */
	src.sg = fx.s;
	src.type = VMK_SG_POSITION_TYPE_ELEMENT;
	src.element.element = 1;
	src.element.offset = 4000;
	/* Destination 4000 bytes in: crosses its page/element at 4096. */
	dst.sg = fx.d;
	dst.type = VMK_SG_POSITION_TYPE_BUFFER_OFFSET;
	dst.bufferOffset.offset = 4000;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&dst, &src, 3000, &copied),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, copied, 3000);
	KUNIT_EXPECT_EQ(test, memcmp(out + 4000, fx.ref + SRC0 + 4000, 3000),
			0);
	/* Nothing outside the range was touched. */
	for (i = 0; i < 4000; i++)
		if (out[i])
			break;
	KUNIT_EXPECT_EQ(test, i, 4000);
	for (i = 7000; i < 2 * PAGE_SIZE; i++)
		if (out[i])
			break;
	KUNIT_EXPECT_EQ(test, i, 2 * PAGE_SIZE);

	/* The positions were inputs: they did not move. */
	KUNIT_EXPECT_EQ(test, src.element.offset, 4000);
	KUNIT_EXPECT_EQ(test, dst.bufferOffset.offset, 4000);

	/* Past the source's end: what was there is copied, then failure. */
	src.type = VMK_SG_POSITION_TYPE_BUFFER_OFFSET;
	src.bufferOffset.offset = SRC0 + SRC1 + SRC2 - 10;
	dst.bufferOffset.offset = 0;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&dst, &src, 100, &copied),
			VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, copied, 10);
	KUNIT_EXPECT_EQ(test, memcmp(out, fx.ref + SRC0 + SRC1 + SRC2 - 10, 10),
			0);

	/* Nothing to copy is fine. */
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&dst, &src, 0, &copied), VMK_OK);
	KUNIT_EXPECT_EQ(test, copied, 0);
	copy_fx_put(test, &fx);
}

/* CopyTo / CopyFrom: a buffer round trip through a multi-element array. */
static void vmk_sg_copy_to_from(struct kunit *test)
{
	struct copy_fx fx;
	u32 total = SRC0 + SRC1 + SRC2, i;
	u8 *back, *pat;

	copy_fx_get(test, &fx);
	back = kunit_kzalloc(test, total + 1, GFP_KERNEL);
	pat = kunit_kmalloc(test, 2 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, back);
	KUNIT_ASSERT_NOT_NULL(test, pat);
	for (i = 0; i < 2 * PAGE_SIZE; i++)
		pat[i] = i * 13 + 5;

	KUNIT_EXPECT_EQ(test, vmk_SgCopyFrom(back, fx.s, total), VMK_OK);
	KUNIT_EXPECT_EQ(test, memcmp(back, fx.ref, total), 0);
	/* Into the swapped pages: the second page's bytes land first. */
	KUNIT_EXPECT_EQ(test, vmk_SgCopyTo(fx.d, pat, 2 * PAGE_SIZE), VMK_OK);
	KUNIT_EXPECT_EQ(test, memcmp(fx.tp.rev, pat, 2 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, memcmp(fx.tp.fwd, pat + PAGE_SIZE, PAGE_SIZE), 0);
	/* One byte more than the array holds. */
	KUNIT_EXPECT_EQ(test, vmk_SgCopyFrom(back, fx.s, total + 1),
			VMK_FAILURE);
	copy_fx_put(test, &fx);
}

/* Every call here is usable with interrupts off (no sleeping). */
static void vmk_sg_atomic_context(struct kunit *test)
{
	vmk_SgArray *sg = NULL, *sg2 = NULL;
	VMK_ReturnStatus st[6];
	vmk_ByteCount copied = 0;
	vmk_SgPosition a = {}, b = {};
	unsigned long flags;
	char *buf;

	buf = kzalloc(2 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 0x5a, PAGE_SIZE);

	local_irq_save(flags);
	st[0] = vmk_SgAllocWithInit(ops_of(test), &sg, buf, PAGE_SIZE);
	st[1] = vmk_SgAlloc(ops_of(test), &sg2, 1);
	st[2] = st[1] ?: vmk_SgInit(ops_of(test), sg2, buf + PAGE_SIZE,
				    PAGE_SIZE, 0);
	a.sg = sg2;
	a.type = VMK_SG_POSITION_TYPE_BUFFER_OFFSET;
	b.sg = sg;
	b.type = VMK_SG_POSITION_TYPE_BUFFER_OFFSET;
	st[3] = st[0] || st[2] ? VMK_FAILURE :
		vmk_SgCopyData(&a, &b, PAGE_SIZE, &copied);
	st[4] = st[0] ?: vmk_SgFree(ops_of(test), sg);
	st[5] = st[1] ?: vmk_SgFree(ops_of(test), sg2);
	local_irq_restore(flags);

	KUNIT_EXPECT_EQ(test, st[0], VMK_OK);
	KUNIT_EXPECT_EQ(test, st[1], VMK_OK);
	KUNIT_EXPECT_EQ(test, st[2], VMK_OK);
	KUNIT_EXPECT_EQ(test, st[3], VMK_OK);
	KUNIT_EXPECT_EQ(test, st[4], VMK_OK);
	KUNIT_EXPECT_EQ(test, st[5], VMK_OK);
	KUNIT_EXPECT_EQ(test, memcmp(buf, buf + PAGE_SIZE, PAGE_SIZE), 0);
	kfree(buf);
}

/* Rejected arguments: the documented status, logged, no harm done. */
static void vmk_sg_bad_args(struct kunit *test)
{
	struct sg_fixture *f = test->priv;
	vmk_SgOpsHandle h = ops_of(test), dead = NULL;
	vmk_SgPosition pos = {}, ok = {};
	vmk_ByteCount copied = 0;
	vmk_SgArray *sg = NULL;
	u32 n = 0;
	char *buf;

	buf = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	/* Handles. */
	KUNIT_EXPECT_EQ(test, vmk_SgCreateOpsHandle(f->heap, NULL, NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgCreateOpsHandle(VMK_INVALID_HEAP_ID, &dead,
						    NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgCreateOpsHandle((vmk_HeapID)buf, &dead,
						    NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgDestroyOpsHandle(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgDestroyOpsHandle((vmk_SgOpsHandle)buf),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(NULL, &sg, 1), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc((vmk_SgOpsHandle)buf, &sg, 1),
			VMK_INVALID_HANDLE);

	/* Allocation. */
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(h, NULL, 1), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(h, &sg, 0), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(h, &sg, U32_MAX), VMK_NO_MEMORY);
	/* Larger than the heap may grow. */
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc(h, &sg, HEAP_MAX / 16), VMK_NO_MEMORY);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(h, NULL), VMK_BAD_PARAM);
	/* Nothing is outstanding: a free would be a double free. */
	KUNIT_EXPECT_EQ(test, vmk_SgFree(h, (vmk_SgArray *)buf), VMK_BAD_PARAM);

	/* Buffers. */
	KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(h, &sg, NULL, 10),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(h, &sg, buf, 0),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(h, NULL, buf, 10),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(h, &sg, (void *)-4096L,
						  8192), VMK_BAD_PARAM);
	/* Not a kernel mapping (a low, user-space-looking address). */
	KUNIT_EXPECT_EQ(test, vmk_SgAllocWithInit(h, &sg, (void *)0x10000, 10),
			VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, vmk_SgComputeMaxEntries(buf, 10, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgComputeMaxEntries(NULL, 10, &n),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgComputeMaxEntries(buf, 0, &n),
			VMK_BAD_PARAM);
	/* Arithmetic only: a range ending at the very top still counts. */
	KUNIT_EXPECT_EQ(test, vmk_SgComputeMaxEntries((void *)-4000L, 4000,
						      &n), VMK_OK);
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, vmk_SgComputeMaxEntries((void *)-4000L, 4001,
						      &n), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgInit(h, NULL, buf, 10, 0), VMK_BAD_PARAM);

	/* Positions and copies. */
	KUNIT_ASSERT_EQ(test, vmk_SgAllocWithInit(h, &sg, buf, 64), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgInit(h, sg, (void *)0x10000, 10, 0),
			VMK_INVALID_ADDRESS);
	KUNIT_EXPECT_EQ(test, sg->numElems, 1);
	KUNIT_EXPECT_EQ(test, vmk_SgFindPosition(NULL, 0, &pos), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgFindPosition(sg, 0, NULL), VMK_BAD_PARAM);
	ok.sg = sg;
	ok.type = VMK_SG_POSITION_TYPE_BUFFER_OFFSET;
	pos = ok;
	pos.type = VMK_SG_POSITION_TYPE_NONE;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&pos, &ok, 1, &copied),
			VMK_BAD_PARAM);
	pos.type = VMK_SG_POSITION_TYPE_UNKNOWN;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&ok, &pos, 1, &copied),
			VMK_BAD_PARAM);
	pos.type = VMK_SG_POSITION_TYPE_ELEMENT;
	pos.element.element = 1;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&ok, &pos, 1, &copied),
			VMK_BAD_PARAM);
	pos.element.element = 0;
	pos.element.offset = 64;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&ok, &pos, 1, &copied),
			VMK_BAD_PARAM);
	pos.type = VMK_SG_POSITION_TYPE_BUFFER_OFFSET;
	pos.bufferOffset.offset = 64;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&ok, &pos, 1, &copied),
			VMK_BAD_PARAM);
	pos.sg = NULL;
	pos.bufferOffset.offset = 0;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&ok, &pos, 1, &copied),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&ok, NULL, 1, &copied),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&ok, &ok, 1, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgCopyTo(NULL, buf, 1), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgCopyFrom(NULL, sg, 1), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgGetDataLen(NULL), 0);

	/* An element naming memory that is not RAM is not copied through. */
	sg->elem[0].addr = vmk_MachMemMaxAddr() & (vmk_MA)PAGE_MASK;
	KUNIT_EXPECT_EQ(test, vmk_SgCopyFrom(buf, sg, 1), VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, vmk_SgCopyData(&ok, &ok, 1, &copied),
			VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, copied, 0);
	/* numElems beyond maxElems is a corrupt array. */
	sg->numElems = 2;
	KUNIT_EXPECT_EQ(test, vmk_SgFindPosition(sg, 0, &pos), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgCopyTo(sg, buf, 1), VMK_BAD_PARAM);
	sg->numElems = 1;

	KUNIT_EXPECT_EQ(test, vmk_SgFree(h, sg), VMK_OK);
	kfree(buf);
}

/* Component arrays: custom callbacks, when they are used. */
struct comp_ops {
	int allocs;
	int frees;
	u32 last_n;
	void *last_private;
};

static VMK_ReturnStatus comp_alloc(vmk_SgComponentOpsHandle handle,
				   vmk_SgComponentArray **arr, vmk_uint32 n,
				   void *private)
{
	struct comp_ops *c = private;
	vmk_SgComponentArray *a;

	c->allocs++;
	c->last_n = n;
	c->last_private = private;
	a = kzalloc(sizeof(*a) + n * sizeof(a->sgComponent[0]), GFP_ATOMIC);
	if (!a)
		return VMK_NO_MEMORY;
	a->maxComponents = n;
	*arr = a;
	return VMK_OK;
}

static VMK_ReturnStatus comp_free(vmk_SgComponentOpsHandle handle,
				  vmk_SgComponentArray *arr, void *private)
{
	struct comp_ops *c = private;

	c->frees++;
	kfree(arr);
	return VMK_OK;
}

/* Layout, heap and custom allocation, data length, busy destroy. */
static void vmk_sg_components(struct kunit *test)
{
	struct sg_fixture *f = test->priv;
	struct comp_ops *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	vmk_SgComponentArrayOps ops = { .alloc = comp_alloc, .free = comp_free };
	vmk_SgComponentOpsHandle h = NULL, hc = NULL;
	vmk_SgComponentArray *a = NULL, *b = NULL;
	u64 before = heap_bytes(test);
	vmk_SgArray *sg = NULL;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_SgComponent), 24);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_SgComponentArray), 24);

	KUNIT_ASSERT_EQ(test, vmk_SgComponentCreateOpsHandle(f->heap, &h, NULL,
							     NULL), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_SgComponentAlloc(h, &a, 4), VMK_OK);
	KUNIT_EXPECT_EQ(test, a->maxComponents, 4);
	KUNIT_EXPECT_EQ(test, a->numComponents, 0);
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_NULL(test, a->sgComponent[i].sg);
		KUNIT_EXPECT_EQ(test, a->sgComponent[i].ioLength, 0);
	}
	KUNIT_EXPECT_EQ(test, vmk_SgComponentGetDataLen(a), 0);
	/* Two pieces of one I/O; the sg arrays stay the caller's. */
	KUNIT_ASSERT_EQ(test, vmk_SgAlloc(ops_of(test), &sg, 1), VMK_OK);
	a->sgComponent[0].ioLength = 4096;
	a->sgComponent[0].sg = sg;
	a->sgComponent[1].ioOffset = 8192;
	a->sgComponent[1].ioLength = 512;
	a->sgComponent[1].sg = sg;
	a->sgComponent[2].ioLength = 1000;	/* not in use */
	a->numComponents = 2;
	KUNIT_EXPECT_EQ(test, vmk_SgComponentGetDataLen(a), 4096 + 512);

	/* Handles of the two kinds are not interchangeable. */
	KUNIT_EXPECT_EQ(test, vmk_SgComponentAlloc((vmk_SgComponentOpsHandle)
						   ops_of(test), &b, 1),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_SgAlloc((vmk_SgOpsHandle)h, &sg, 1),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentAlloc(h, &b, 0), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentAlloc(h, &b, 1U << 31),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentAlloc(h, NULL, 1), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentFree(h, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentGetDataLen(NULL), 0);

	KUNIT_EXPECT_EQ(test, vmk_SgComponentDestroyOpsHandle(h), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentFree(h, a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentFree(h, a), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentDestroyOpsHandle(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentDestroyOpsHandle(h),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_SgFree(ops_of(test), sg), VMK_OK);

	/* Custom callbacks get the count and the private data. */
	ops.free = NULL;
	KUNIT_EXPECT_EQ(test, vmk_SgComponentCreateOpsHandle(f->heap, &hc,
							     &ops, c),
			VMK_BAD_PARAM);
	ops.free = comp_free;
	KUNIT_ASSERT_EQ(test, vmk_SgComponentCreateOpsHandle(f->heap, &hc,
							     &ops, c),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_SgComponentAlloc(hc, &b, 3), VMK_OK);
	KUNIT_EXPECT_EQ(test, c->allocs, 1);
	KUNIT_EXPECT_EQ(test, c->last_n, 3);
	KUNIT_EXPECT_PTR_EQ(test, c->last_private, (void *)c);
	KUNIT_EXPECT_EQ(test, b->maxComponents, 3);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentFree(hc, b), VMK_OK);
	KUNIT_EXPECT_EQ(test, c->frees, 1);
	KUNIT_EXPECT_EQ(test, vmk_SgComponentDestroyOpsHandle(hc), VMK_OK);
	KUNIT_EXPECT_EQ(test, heap_bytes(test), before);
}

static struct kunit_case vmk_sg_cases[] = {
	KUNIT_CASE(vmk_sg_layout),
	KUNIT_CASE(vmk_sg_alloc_free_heap),
	KUNIT_CASE(vmk_sg_custom_ops),
	KUNIT_CASE(vmk_sg_init_kmalloc),
	KUNIT_CASE(vmk_sg_init_vmalloc),
	KUNIT_CASE(vmk_sg_init_runs),
	KUNIT_CASE(vmk_sg_init_first_entry),
	KUNIT_CASE(vmk_sg_find_position),
	KUNIT_CASE(vmk_sg_copy_data),
	KUNIT_CASE(vmk_sg_copy_to_from),
	KUNIT_CASE(vmk_sg_atomic_context),
	KUNIT_CASE(vmk_sg_bad_args),
	KUNIT_CASE(vmk_sg_components),
	{}
};

static struct kunit_suite vmk_sg_suite = {
	.name = "vmkapi_sg",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.init = sg_test_init,
	.exit = sg_test_exit,
	.test_cases = vmk_sg_cases,
};
kunit_test_suite(vmk_sg_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API scatter-gather arrays");
MODULE_LICENSE("GPL");
