// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: bit vectors.  Sizes straddle the 32-bit word and the 64-bit
 * boundary (bits 31, 32, 63, 64 and n - 1), and one size has an odd
 * word count, the case where treating the storage as unsigned longs
 * would run past its end (KASAN would say so).
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

struct bv_fixture {
	vmk_HeapID heap;
};

static int bv_init(struct kunit *test)
{
	struct bv_fixture *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	fx->heap = vmk_kunit_heap(test, "kunit_bv", 1 << 20);
	test->priv = fx;
	return 0;
}

static void bv_exit(struct kunit *test)
{
	struct bv_fixture *fx = test->priv;

	vmk_kunit_heap_drop(test, fx->heap);
}

static vmk_BitVector *bv_alloc(struct kunit *test, vmk_uint32 n)
{
	struct bv_fixture *fx = test->priv;
	vmk_BitVector *bv = vmk_BitVectorAlloc(fx->heap, n);

	KUNIT_ASSERT_NOT_NULL(test, bv);
	return bv;
}

static void bv_free(struct kunit *test, vmk_BitVector *bv)
{
	struct bv_fixture *fx = test->priv;

	vmk_BitVectorFree(fx->heap, bv);
}

static void vmk_bv_alloc_and_size(struct kunit *test)
{
	vmk_BitVector *bv;

	KUNIT_EXPECT_EQ(test, vmk_BitVectorSize(0), 8);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSize(1), 12);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSize(32), 12);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSize(33), 16);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSize(65), 20);

	bv = bv_alloc(test, 65);
	KUNIT_EXPECT_EQ(test, bv->n, 65);
	KUNIT_EXPECT_EQ(test, bv->nwords, 3);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorIsZero(bv));
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), 0);
	bv_free(test, bv);

	/* An empty set is allowed and inert. */
	bv = bv_alloc(test, 0);
	KUNIT_EXPECT_EQ(test, bv->nwords, 0);
	vmk_BitVectorFill(bv);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), 0);
	bv_free(test, bv);

	/* The blocking variant, from a context that may block. */
	bv = vmk_BitVectorAllocWithTimeout(((struct bv_fixture *)test->priv)->heap,
					   4096, 100);
	KUNIT_ASSERT_NOT_NULL(test, bv);
	KUNIT_EXPECT_EQ(test, bv->nwords, 128);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorIsZero(bv));
	bv_free(test, bv);

	KUNIT_EXPECT_NULL(test, vmk_BitVectorAlloc(VMK_INVALID_HEAP_ID,
						   vmk_BitVectorMaxSize() + 1));
	/* An unknown heap gives NULL, not a fault. */
	KUNIT_EXPECT_NULL(test, vmk_BitVectorAlloc(VMK_INVALID_HEAP_ID, 8));
	KUNIT_EXPECT_GE(test, vmk_BitVectorMaxSize(), 1U << 20);
	vmk_BitVectorFree(VMK_INVALID_HEAP_ID, NULL);
}

/* A heap sized with vmk_BitVectorSize(), as drivers do, holds the vector. */
static void vmk_bv_size_is_enough(struct kunit *test)
{
	static const vmk_uint32 sizes[] = { 1, 33, 4123 };
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		vmk_HeapAllocationDescriptor d = {
			.size = vmk_BitVectorSize(sizes[i]),
			.count = 2,
		};
		vmk_ByteCount max = 0;
		vmk_BitVector *a, *b;
		vmk_HeapID heap;

		KUNIT_ASSERT_EQ(test, vmk_HeapDetermineMaxSize(&d, 1, &max), VMK_OK);
		heap = vmk_kunit_heap(test, "kunit_bv_exact", max);
		a = vmk_BitVectorAlloc(heap, sizes[i]);
		KUNIT_EXPECT_NOT_NULL(test, a);
		if (a)
			vmk_BitVectorFill(a);
		b = a ? vmk_BitVectorDuplicate(heap, a) : NULL;
		KUNIT_EXPECT_NOT_NULL(test, b);
		if (b)
			KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(b), sizes[i]);
		/* The heap is full now. */
		KUNIT_EXPECT_NULL(test, vmk_BitVectorAlloc(heap, sizes[i]));
		vmk_BitVectorFree(heap, a);
		vmk_BitVectorFree(heap, b);
		vmk_kunit_heap_drop(test, heap);
	}
}

static void vmk_bv_set_clear_test_boundaries(struct kunit *test)
{
	static const vmk_uint32 bits[] = { 0, 31, 32, 63, 64, 99 };
	vmk_BitVector *bv = bv_alloc(test, 100);
	int i;

	for (i = 0; i < ARRAY_SIZE(bits); i++) {
		KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, bits[i]));
		vmk_BitVectorSet(bv, bits[i]);
		KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(bv, bits[i]));
	}
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), ARRAY_SIZE(bits));
	/* Neighbours across each boundary stay clear. */
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 30));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 33));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 62));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 65));
	/* Word layout: bit i is bit i % 32 of word i / 32. */
	KUNIT_EXPECT_EQ(test, bv->vector[0], 0x80000001U);
	KUNIT_EXPECT_EQ(test, bv->vector[1], 0x80000001U);
	KUNIT_EXPECT_EQ(test, bv->vector[2], 0x00000001U);
	KUNIT_EXPECT_EQ(test, bv->vector[3], 0x00000008U);

	vmk_BitVectorClear(bv, 63);
	vmk_BitVectorClear(bv, 64);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 63));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 64));
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(bv, 32));
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), ARRAY_SIZE(bits) - 2);

	KUNIT_EXPECT_EQ(test, vmk_BitVectorAtomicTestAndSet(bv, 64), 0);
	KUNIT_EXPECT_NE(test, vmk_BitVectorAtomicTestAndSet(bv, 64), 0);
	KUNIT_EXPECT_NE(test, vmk_BitVectorAtomicTestAndClear(bv, 64), 0);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorAtomicTestAndClear(bv, 64), 0);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 64));
	bv_free(test, bv);
}

static void vmk_bv_out_of_range(struct kunit *test)
{
	vmk_BitVector *bv = bv_alloc(test, 33);
	vmk_BitVector *other = bv_alloc(test, 64);
	vmk_uint32 pos = 1234, len = 99;
	vmk_Bool set = VMK_TRUE;

	/* Bit 33..63 exist in the storage but not in the set. */
	vmk_BitVectorSet(bv, 33);
	vmk_BitVectorSet(bv, 63);
	vmk_BitVectorSet(bv, 64);
	vmk_BitVectorSet(bv, U32_MAX);
	KUNIT_EXPECT_EQ(test, bv->vector[1], 0U);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorTest(bv, 33), 0);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorAtomicTestAndSet(bv, 40), 0);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorAtomicTestAndClear(bv, 40), 0);
	KUNIT_EXPECT_EQ(test, bv->vector[1], 0U);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorIsZero(bv));

	/* Ranges that do not fit change nothing. */
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSetExtent(bv, 30, 4, VMK_TRUE), 0);
	vmk_BitVectorSetExtentFast(bv, 0, 34);
	vmk_BitVectorSetExtentFast(bv, U32_MAX, 2);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorIsZero(bv));
	KUNIT_EXPECT_NULL(test, vmk_BitVectorGetRef(bv, 0, 9));
	KUNIT_EXPECT_NULL(test, vmk_BitVectorGetRef(bv, U32_MAX, 2));
	KUNIT_EXPECT_PTR_EQ(test, vmk_BitVectorGetRef(bv, 4, 4),
			    (vmk_uint8 *)&bv->vector[1]);
	vmk_BitVectorGetExtent(bv, 33, &set, &len);
	KUNIT_EXPECT_FALSE(test, set);
	KUNIT_EXPECT_EQ(test, len, 0);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorNextBit(bv, 33, VMK_FALSE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 1234);

	/* NULL vectors and outputs. */
	vmk_BitVectorSet(NULL, 0);
	vmk_BitVectorClear(NULL, 0);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorTest(NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorAtomicTestAndSet(NULL, 0), 0);
	vmk_BitVectorZap(NULL);
	vmk_BitVectorFill(NULL);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(NULL), 0);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorNextBit(NULL, 0, VMK_TRUE, &pos));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorNextBit(bv, 0, VMK_FALSE, NULL));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorPrevBit(bv, 0, VMK_FALSE, NULL));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorNextExtent(bv, 0, VMK_FALSE,
							 NULL, &len));
	vmk_BitVectorGetExtent(bv, 0, NULL, &len);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorMerge(NULL, other), 0);
	vmk_BitVectorMergeAtOffset(bv, NULL, 0);
	KUNIT_EXPECT_NULL(test, vmk_BitVectorDuplicate(VMK_INVALID_HEAP_ID,
						       NULL));
	bv_free(test, bv);
	bv_free(test, other);
}

static void vmk_bv_fill_zap_count(struct kunit *test)
{
	static const vmk_uint32 sizes[] = { 1, 31, 32, 33, 63, 64, 65, 97 };
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		vmk_uint32 n = sizes[i];
		vmk_BitVector *bv = bv_alloc(test, n);

		vmk_BitVectorFill(bv);
		KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), n);
		KUNIT_EXPECT_FALSE(test, vmk_BitVectorIsZero(bv));
		KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(bv, n - 1));
		/* Padding past n stays clear. */
		if (n % 32)
			KUNIT_EXPECT_EQ(test, bv->vector[bv->nwords - 1] >> (n % 32),
					0U);
		vmk_BitVectorClear(bv, n - 1);
		KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), n - 1);
		vmk_BitVectorZap(bv);
		KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), 0);
		KUNIT_EXPECT_TRUE(test, vmk_BitVectorIsZero(bv));
		bv_free(test, bv);
	}
}

static void vmk_bv_next_prev(struct kunit *test)
{
	vmk_BitVector *bv = bv_alloc(test, 130);
	vmk_uint32 pos = 0;

	vmk_BitVectorSet(bv, 5);
	vmk_BitVectorSet(bv, 63);
	vmk_BitVectorSet(bv, 64);
	vmk_BitVectorSet(bv, 129);

	KUNIT_EXPECT_TRUE(test, vmk_BitVectorNextBit(bv, 0, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 5);
	/* The start bit itself counts. */
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorNextBit(bv, 5, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 5);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorNextBit(bv, 6, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 63);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorNextBit(bv, 64, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 64);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorNextBit(bv, 65, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 129);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorNextBit(bv, 130, VMK_TRUE, &pos));

	KUNIT_EXPECT_TRUE(test, vmk_BitVectorNextBit(bv, 63, VMK_FALSE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 65);

	KUNIT_EXPECT_TRUE(test, vmk_BitVectorPrevBit(bv, 128, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 64);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorPrevBit(bv, 63, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 63);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorPrevBit(bv, 62, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 5);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorPrevBit(bv, 4, VMK_TRUE, &pos));
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorPrevBit(bv, 1000, VMK_TRUE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 129);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorPrevBit(bv, 64, VMK_FALSE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 62);

	/* Searching for clear bits never reports the padding. */
	vmk_BitVectorFill(bv);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorNextBit(bv, 0, VMK_FALSE, &pos));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorPrevBit(bv, 129, VMK_FALSE, &pos));
	vmk_BitVectorClear(bv, 0);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorPrevBit(bv, 129, VMK_FALSE, &pos));
	KUNIT_EXPECT_EQ(test, pos, 0);
	bv_free(test, bv);
}

static void vmk_bv_extents(struct kunit *test)
{
	vmk_BitVector *bv = bv_alloc(test, 100);
	vmk_uint32 start = 0, len = 0;
	vmk_Bool set = VMK_FALSE;

	/* Setting 60..69 changes 10 bits; again, none. */
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSetExtent(bv, 60, 10, VMK_TRUE), 10);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSetExtent(bv, 60, 10, VMK_TRUE), 0);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSetExtent(bv, 65, 10, VMK_TRUE), 5);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), 15);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 59));
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(bv, 74));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 75));

	vmk_BitVectorGetExtent(bv, 0, &set, &len);
	KUNIT_EXPECT_FALSE(test, set);
	KUNIT_EXPECT_EQ(test, len, 60);
	vmk_BitVectorGetExtent(bv, 62, &set, &len);
	KUNIT_EXPECT_TRUE(test, set);
	KUNIT_EXPECT_EQ(test, len, 13);
	vmk_BitVectorGetExtent(bv, 80, &set, &len);
	KUNIT_EXPECT_FALSE(test, set);
	KUNIT_EXPECT_EQ(test, len, 20);

	KUNIT_EXPECT_TRUE(test, vmk_BitVectorNextExtent(bv, 0, VMK_TRUE,
							&start, &len));
	KUNIT_EXPECT_EQ(test, start, 60);
	KUNIT_EXPECT_EQ(test, len, 15);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorNextExtent(bv, 61, VMK_FALSE,
							&start, &len));
	KUNIT_EXPECT_EQ(test, start, 75);
	KUNIT_EXPECT_EQ(test, len, 25);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorNextExtent(bv, 75, VMK_TRUE,
							 &start, &len));

	/* Clearing counts negatively: 64..99 holds 11 set bits. */
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSetExtent(bv, 64, 36, VMK_FALSE), -11);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), 4);

	/* A whole-vector extent, and the fast variant across words. */
	vmk_BitVectorZap(bv);
	vmk_BitVectorSetExtentFast(bv, 31, 66);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), 66);
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 30));
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(bv, 96));
	KUNIT_EXPECT_FALSE(test, vmk_BitVectorTest(bv, 97));
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSetExtent(bv, 0, 100, VMK_TRUE), 34);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), 100);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorSetExtent(bv, 0, 0, VMK_TRUE), 0);
	bv_free(test, bv);
}

static void vmk_bv_merge_duplicate(struct kunit *test)
{
	struct bv_fixture *fx = test->priv;
	vmk_BitVector *a = bv_alloc(test, 70);
	vmk_BitVector *b = bv_alloc(test, 40);
	vmk_BitVector *c;

	vmk_BitVectorSet(a, 1);
	vmk_BitVectorSet(a, 39);
	vmk_BitVectorSet(a, 69);
	vmk_BitVectorSet(b, 1);
	vmk_BitVectorSet(b, 2);

	/* Into the smaller vector: bit 69 does not fit. */
	KUNIT_EXPECT_EQ(test, vmk_BitVectorMerge(a, b), 1);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(b), 3);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(b, 39));
	KUNIT_EXPECT_EQ(test, vmk_BitVectorMerge(a, b), 0);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorMerge(b, a), 1);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(a), 4);

	/* At an offset: 1 -> 31, 2 -> 32, 39 -> 69, 69 would be 99. */
	vmk_BitVectorZap(a);
	vmk_BitVectorMergeAtOffset(b, a, 30);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(a), 3);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(a, 31));
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(a, 32));
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(a, 69));
	vmk_BitVectorZap(a);
	vmk_BitVectorMergeAtOffset(b, a, 69);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(a), 0);
	vmk_BitVectorMergeAtOffset(b, a, U32_MAX);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(a), 0);

	c = vmk_BitVectorDuplicate(fx->heap, b);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->n, 40);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(c), 3);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(c, 39));
	vmk_BitVectorClear(c, 39);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorTest(b, 39));
	bv_free(test, c);
	bv_free(test, a);
	bv_free(test, b);
}

static void vmk_bv_iterate(struct kunit *test)
{
	static const vmk_uint32 bits[] = { 0, 31, 32, 63, 64, 95, 96 };
	vmk_BitVector *bv = bv_alloc(test, 97);
	vmk_uint32 n, seen = 0;
	int i = 0;

	for (i = 0; i < ARRAY_SIZE(bits); i++)
		vmk_BitVectorSet(bv, bits[i]);
	i = 0;
	VMK_BITVECTOR_ITERATE(bv, n) {
		KUNIT_ASSERT_LT(test, i, (int)ARRAY_SIZE(bits));
		KUNIT_EXPECT_EQ(test, n, bits[i]);
		i++;
	}
	VMK_BITVECTOR_ENDITERATE();
	KUNIT_EXPECT_EQ(test, i, (int)ARRAY_SIZE(bits));
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(bv), ARRAY_SIZE(bits));

	i = 0;
	VMK_BITVECTOR_ITERATE_AND_CLEAR(bv, n) {
		KUNIT_EXPECT_EQ(test, n, bits[i]);
		seen += n;
		i++;
	}
	VMK_BITVECTOR_ENDITERATE();
	KUNIT_EXPECT_EQ(test, i, (int)ARRAY_SIZE(bits));
	KUNIT_EXPECT_EQ(test, seen, 0 + 31 + 32 + 63 + 64 + 95 + 96);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorIsZero(bv));

	/* Nothing set: the body never runs. */
	VMK_BITVECTOR_ITERATE(bv, n) {
		KUNIT_FAIL(test, "visited bit %u of an empty set", n);
	}
	VMK_BITVECTOR_ENDITERATE();
	bv_free(test, bv);
}

/*
 * Several kthreads race to claim every bit with AtomicTestAndSet (each
 * thread walking from a different place); each bit must be claimed by
 * exactly one of them.  Then they race to release with
 * AtomicTestAndClear, with the same rule.  4123 bits: 129 words, odd.
 */
#define RACE_BITS	4123
#define RACE_THREADS	4

struct race {
	vmk_BitVector *bv;
	atomic_t claims[RACE_BITS];
	atomic_t running;
	struct completion go;
	struct completion done;
	bool clear;
};

static int race_thread(void *arg)
{
	struct race *r = arg;
	unsigned int start = get_random_u32_below(RACE_BITS);
	unsigned int i;

	wait_for_completion(&r->go);
	for (i = 0; i < RACE_BITS; i++) {
		unsigned int bit = (start + i) % RACE_BITS;
		int was;

		if (r->clear)
			was = !vmk_BitVectorAtomicTestAndClear(r->bv, bit);
		else
			was = vmk_BitVectorAtomicTestAndSet(r->bv, bit);
		if (!was)
			atomic_inc(&r->claims[bit]);
		if (!(i % 256))
			cond_resched();
	}
	if (atomic_dec_and_test(&r->running))
		complete(&r->done);
	return 0;
}

static void race_round(struct kunit *test, struct race *r, bool clear)
{
	int i;

	r->clear = clear;
	for (i = 0; i < RACE_BITS; i++)
		atomic_set(&r->claims[i], 0);
	atomic_set(&r->running, RACE_THREADS);
	init_completion(&r->go);
	init_completion(&r->done);
	for (i = 0; i < RACE_THREADS; i++) {
		struct task_struct *t = kthread_run(race_thread, r,
						    "vmk_bv_race%d", i);

		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	complete_all(&r->go);
	wait_for_completion(&r->done);
	for (i = 0; i < RACE_BITS; i++)
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&r->claims[i]), 1,
				    "bit %d", i);
}

static void vmk_bv_atomic_race(struct kunit *test)
{
	struct race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->bv = bv_alloc(test, RACE_BITS);
	KUNIT_EXPECT_EQ(test, r->bv->nwords % 2, 1);

	race_round(test, r, false);
	KUNIT_EXPECT_EQ(test, vmk_BitVectorNumBitsSet(r->bv), RACE_BITS);
	race_round(test, r, true);
	KUNIT_EXPECT_TRUE(test, vmk_BitVectorIsZero(r->bv));
	bv_free(test, r->bv);
}

static struct kunit_case vmk_bv_cases[] = {
	KUNIT_CASE(vmk_bv_alloc_and_size),
	KUNIT_CASE(vmk_bv_size_is_enough),
	KUNIT_CASE(vmk_bv_set_clear_test_boundaries),
	KUNIT_CASE(vmk_bv_out_of_range),
	KUNIT_CASE(vmk_bv_fill_zap_count),
	KUNIT_CASE(vmk_bv_next_prev),
	KUNIT_CASE(vmk_bv_extents),
	KUNIT_CASE(vmk_bv_merge_duplicate),
	KUNIT_CASE(vmk_bv_iterate),
	KUNIT_CASE(vmk_bv_atomic_race),
	{}
};

static struct kunit_suite vmk_bv_suite = {
	.name = "vmkapi_bitvector",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.init = bv_init,
	.exit = bv_exit,
	.test_cases = vmk_bv_cases,
};
kunit_test_suite(vmk_bv_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API bit vectors");
MODULE_LICENSE("GPL");
