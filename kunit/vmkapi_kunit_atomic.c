// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: 64-bit atomics, memory fences and versioned atomics.  Built with
 * VMX86_DEBUG so that the headers' debug checks (alignment, a second
 * writer) run too and must not fire on correct use.
 */
#define VMX86_DEBUG 1

#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "vmkapi_kunit.h"

/* What vmk_Panic() (behind VMK_ASSERT) names; KUnit modules have no stub. */
vmk_ModuleID vmk_ModuleCurrentID = VMK_INVALID_MODULE_ID;

#define HIGH_BITS	0xFFFFFFFF00000000ULL

static void vmk_atomic_plain_ops(struct kunit *test)
{
	vmk_atomic64 a;

	vmk_AtomicWrite64(&a, 0x0123456789ABCDEFULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 0x0123456789ABCDEFULL);

	vmk_AtomicWrite64(&a, 10);
	vmk_AtomicInc64(&a);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 11ULL);
	vmk_AtomicDec64(&a);
	vmk_AtomicDec64(&a);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 9ULL);
	vmk_AtomicAdd64(&a, HIGH_BITS);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), HIGH_BITS + 9);
	vmk_AtomicSub64(&a, HIGH_BITS + 4);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 5ULL);

	vmk_AtomicOr64(&a, 0xF0ULL | HIGH_BITS);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 0xF5ULL | HIGH_BITS);
	vmk_AtomicAnd64(&a, 0x0000000F000000F4ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 0x0000000F000000F4ULL);
	vmk_AtomicXor64(&a, 0x0000000F000000FFULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 0x0BULL);

	/* Arithmetic wraps modulo 2^64 both ways. */
	vmk_AtomicWrite64(&a, 0);
	vmk_AtomicDec64(&a);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), U64_MAX);
	vmk_AtomicInc64(&a);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 0ULL);
	vmk_AtomicSub64(&a, 2);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), U64_MAX - 1);
	vmk_AtomicAdd64(&a, 3);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 1ULL);

	vmk_AtomicPrologue();
	vmk_AtomicEpilogue();
	KUNIT_EXPECT_EQ(test, vmk_AtomicUseFence, VMK_FALSE);
}

static void vmk_atomic_returning_ops(struct kunit *test)
{
	vmk_atomic64 a;

	vmk_AtomicWrite64(&a, 100);
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadWrite64(&a, HIGH_BITS), 100ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), HIGH_BITS);

	vmk_AtomicWrite64(&a, 7);
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadAdd64(&a, 5), 7ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 12ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadInc64(&a), 12ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 13ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadDec64(&a), 13ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 12ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadOr64(&a, 0x3 | HIGH_BITS), 12ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 0xFULL | HIGH_BITS);

	/* ReadDec64 of 0 returns 0 and leaves all ones. */
	vmk_AtomicWrite64(&a, 0);
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadDec64(&a), 0ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), U64_MAX);
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadInc64(&a), U64_MAX);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), 0ULL);
}

static void vmk_atomic_compare_exchange(struct kunit *test)
{
	vmk_atomic64 a;

	/* Success: returns old and writes new. */
	vmk_AtomicWrite64(&a, 42);
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadIfEqualWrite64(&a, 42, HIGH_BITS),
			42ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), HIGH_BITS);

	/* Failure: returns the current value and writes nothing. */
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadIfEqualWrite64(&a, 42, 1),
			HIGH_BITS);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), HIGH_BITS);

	/* Values differing only in the high half do not compare equal. */
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadIfEqualWrite64(&a, 0, 1),
			HIGH_BITS);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), HIGH_BITS);

	/* Writing the same value succeeds and changes nothing. */
	KUNIT_EXPECT_EQ(test, vmk_AtomicReadIfEqualWrite64(&a, HIGH_BITS,
							   HIGH_BITS),
			HIGH_BITS);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&a), HIGH_BITS);
}

/*
 * Several kthreads hammer one counter with every kind of update, and
 * ReadInc64 hands out tickets: the final sums must be exact and every
 * ticket must have been handed out exactly once.
 */
#define HAMMER_THREADS	4
#define HAMMER_LOOPS	20000
#define HAMMER_TICKETS	(HAMMER_THREADS * HAMMER_LOOPS)

struct hammer {
	vmk_atomic64 counter;
	vmk_atomic64 tickets;
	vmk_atomic64 duplicates;
	vmk_atomic64 out_of_range;
	unsigned long *seen;
	atomic_t running;
	struct completion done;
};

static int hammer_fn(void *arg)
{
	struct hammer *h = arg;
	vmk_uint64 old, ticket;
	int i;

	for (i = 0; i < HAMMER_LOOPS; i++) {
		vmk_AtomicInc64(&h->counter);
		vmk_AtomicAdd64(&h->counter, 3);
		/* Add 2 by compare-and-exchange, retrying on interference. */
		do {
			old = vmk_AtomicRead64(&h->counter);
		} while (vmk_AtomicReadIfEqualWrite64(&h->counter, old,
						      old + 2) != old);
		vmk_AtomicSub64(&h->counter, 1);
		vmk_AtomicDec64(&h->counter);

		ticket = vmk_AtomicReadInc64(&h->tickets);
		if (ticket >= HAMMER_TICKETS)
			vmk_AtomicInc64(&h->out_of_range);
		else if (test_and_set_bit(ticket, h->seen))
			vmk_AtomicInc64(&h->duplicates);
		if (!(i % 256))
			cond_resched();
	}
	if (atomic_dec_and_test(&h->running))
		complete(&h->done);
	return 0;
}

static void vmk_atomic_hammer(struct kunit *test)
{
	struct task_struct *threads[HAMMER_THREADS];
	struct hammer *h;
	int i;

	h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	h->seen = kunit_kcalloc(test, BITS_TO_LONGS(HAMMER_TICKETS),
				sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h->seen);
	atomic_set(&h->running, HAMMER_THREADS);
	init_completion(&h->done);

	for (i = 0; i < HAMMER_THREADS; i++) {
		threads[i] = kthread_run(hammer_fn, h, "vmk_hammer/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(threads[i]));
	}
	wait_for_completion(&h->done);

	/* Each loop adds 1 + 3 + 2 - 1 - 1 = 4. */
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&h->counter),
			4ULL * HAMMER_TICKETS);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&h->tickets),
			(vmk_uint64)HAMMER_TICKETS);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&h->duplicates), 0ULL);
	KUNIT_EXPECT_EQ(test, vmk_AtomicRead64(&h->out_of_range), 0ULL);
	KUNIT_EXPECT_TRUE(test, bitmap_full(h->seen, HAMMER_TICKETS));
}

/*
 * Message passing through the fences: the producer writes the payload,
 * a write fence, then the sequence number; the consumer waits for the
 * sequence number, a read fence, then reads the payload, which must be
 * the one published with that number.
 */
#define FENCE_ROUNDS	2000

struct fence_mp {
	u64 payload;
	u64 seq;
	u64 ack;
	struct completion done;
};

static int fence_producer(void *arg)
{
	struct fence_mp *mp = arg;
	u64 i;

	for (i = 1; i <= FENCE_ROUNDS; i++) {
		WRITE_ONCE(mp->payload, i * 3);
		vmk_CPUMemFenceWrite();
		WRITE_ONCE(mp->seq, i);
		/* Wait for the consumer before overwriting the payload. */
		while (READ_ONCE(mp->ack) != i)
			cpu_relax();
		vmk_CPUMemFenceReadWrite();
	}
	complete(&mp->done);
	return 0;
}

static void vmk_atomic_fences(struct kunit *test)
{
	struct fence_mp *mp;
	struct task_struct *producer;
	u64 i, bad = 0;

	mp = kunit_kzalloc(test, sizeof(*mp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mp);
	init_completion(&mp->done);
	producer = kthread_run(fence_producer, mp, "vmk_fence");
	KUNIT_ASSERT_FALSE(test, IS_ERR(producer));
	for (i = 1; i <= FENCE_ROUNDS; i++) {
		while (READ_ONCE(mp->seq) != i)
			cpu_relax();
		vmk_CPUMemFenceRead();
		if (READ_ONCE(mp->payload) != i * 3)
			bad++;
		vmk_CPUMemFenceReadWrite();
		WRITE_ONCE(mp->ack, i);
	}
	wait_for_completion(&mp->done);
	KUNIT_EXPECT_EQ(test, bad, 0ULL);
}

static void vmk_versioned_atomic_single(struct kunit *test)
{
	vmk_VersionedAtomic va;
	vmk_uint32 v, during;

	vmk_VersionedAtomicInit(&va);
	v = vmk_VersionedAtomicBeginTryRead(&va);
	KUNIT_EXPECT_TRUE(test, vmk_VersionedAtomicEndTryRead(&va, v));

	/* A read overlapping the start of a write fails. */
	vmk_VersionedAtomicBeginWrite(&va);
	KUNIT_EXPECT_FALSE(test, vmk_VersionedAtomicEndTryRead(&va, v));
	/* So does one begun during the write, whenever it ends. */
	during = vmk_VersionedAtomicBeginTryRead(&va);
	KUNIT_EXPECT_FALSE(test, vmk_VersionedAtomicEndTryRead(&va, during));
	vmk_VersionedAtomicEndWrite(&va);
	KUNIT_EXPECT_FALSE(test, vmk_VersionedAtomicEndTryRead(&va, during));
	KUNIT_EXPECT_FALSE(test, vmk_VersionedAtomicEndTryRead(&va, v));

	/* After the write, reads succeed with a new version. */
	v = vmk_VersionedAtomicBeginTryRead(&va);
	KUNIT_EXPECT_EQ(test, v, 1U);
	KUNIT_EXPECT_TRUE(test, vmk_VersionedAtomicEndTryRead(&va, v));

	/* The versions wrap without a false success. */
	va.v0 = U32_MAX;
	va.v1 = U32_MAX;
	v = vmk_VersionedAtomicBeginTryRead(&va);
	vmk_VersionedAtomicBeginWrite(&va);
	KUNIT_EXPECT_FALSE(test, vmk_VersionedAtomicEndTryRead(&va, v));
	vmk_VersionedAtomicEndWrite(&va);
	v = vmk_VersionedAtomicBeginTryRead(&va);
	KUNIT_EXPECT_EQ(test, v, 0U);
	KUNIT_EXPECT_TRUE(test, vmk_VersionedAtomicEndTryRead(&va, v));
}

/*
 * One writer kthread keeps rewriting a pair whose halves must agree (b is
 * ~a); readers copy it under the versioned atomic and count copies that
 * were accepted torn.  Writers are serialised by a spinlock, as drivers
 * do, with a second writer thread to show that works too.
 */
#define VA_WRITES	20000
#define VA_READERS	2
#define VA_WRITERS	2

struct va_shared {
	vmk_VersionedAtomic va;
	spinlock_t writers;
	u64 a;
	u64 b;
	atomic_t writers_left;
	atomic_t threads_left;
	atomic64_t torn;
	atomic64_t good;
	struct completion done;
};

static int va_writer(void *arg)
{
	struct va_shared *s = arg;
	int i;

	for (i = 0; i < VA_WRITES / VA_WRITERS; i++) {
		spin_lock(&s->writers);
		vmk_VersionedAtomicBeginWrite(&s->va);
		WRITE_ONCE(s->a, s->a + 1);
		/* Widen the window in which the pair is inconsistent. */
		cpu_relax();
		WRITE_ONCE(s->b, ~s->a);
		vmk_VersionedAtomicEndWrite(&s->va);
		spin_unlock(&s->writers);
		if (!(i % 64))
			cond_resched();
	}
	atomic_dec(&s->writers_left);
	if (atomic_dec_and_test(&s->threads_left))
		complete(&s->done);
	return 0;
}

static bool va_read(struct va_shared *s, u64 *a, u64 *b)
{
	vmk_uint32 v = vmk_VersionedAtomicBeginTryRead(&s->va);

	*a = READ_ONCE(s->a);
	*b = READ_ONCE(s->b);
	return vmk_VersionedAtomicEndTryRead(&s->va, v);
}

static int va_reader(void *arg)
{
	struct va_shared *s = arg;
	unsigned long n = 0;
	u64 a, b;

	while (atomic_read(&s->writers_left)) {
		if (va_read(s, &a, &b)) {
			if (b != ~a)
				atomic64_inc(&s->torn);
			else
				atomic64_inc(&s->good);
		}
		if (!(++n % 256))
			cond_resched();
	}
	if (atomic_dec_and_test(&s->threads_left))
		complete(&s->done);
	return 0;
}

static void vmk_versioned_atomic_concurrent(struct kunit *test)
{
	struct va_shared *s;
	struct task_struct *t;
	u64 a = 0, b = 0;
	int i;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	vmk_VersionedAtomicInit(&s->va);
	spin_lock_init(&s->writers);
	s->a = 0;
	s->b = ~0ULL;
	atomic_set(&s->writers_left, VA_WRITERS);
	atomic_set(&s->threads_left, VA_WRITERS + VA_READERS);
	init_completion(&s->done);

	for (i = 0; i < VA_READERS; i++) {
		t = kthread_run(va_reader, s, "vmk_va_rd/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < VA_WRITERS; i++) {
		t = kthread_run(va_writer, s, "vmk_va_wr/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	wait_for_completion(&s->done);

	KUNIT_EXPECT_EQ(test, atomic64_read(&s->torn), 0LL);
	/* Quiescent now: a read succeeds and sees the last write. */
	KUNIT_EXPECT_TRUE(test, va_read(s, &a, &b));
	KUNIT_EXPECT_EQ(test, a, (u64)VA_WRITES);
	KUNIT_EXPECT_EQ(test, b, ~(u64)VA_WRITES);
	kunit_info(test, "%lld consistent reads during %d writes\n",
		   atomic64_read(&s->good), VA_WRITES);
}

/* Atomics in a struct keep their alignment; checked at build time. */
struct aligned_user {
	char c;
	vmk_atomic64 counter;
};

VMK_ASSERT_LIST(vmk_atomic_layout,
		VMK_ASSERT_ON_COMPILE(sizeof(vmk_atomic64) == 8);
		VMK_ASSERT_ON_COMPILE(__alignof__(vmk_atomic64) == 8);
		VMK_ASSERT_ON_COMPILE(offsetof(struct aligned_user, counter) == 8);
		VMK_ASSERT_ON_COMPILE(sizeof(vmk_VersionedAtomic) == 8);
)

static struct kunit_case vmk_atomic_cases[] = {
	KUNIT_CASE(vmk_atomic_plain_ops),
	KUNIT_CASE(vmk_atomic_returning_ops),
	KUNIT_CASE(vmk_atomic_compare_exchange),
	KUNIT_CASE(vmk_atomic_hammer),
	KUNIT_CASE(vmk_atomic_fences),
	KUNIT_CASE(vmk_versioned_atomic_single),
	KUNIT_CASE(vmk_versioned_atomic_concurrent),
	{}
};

static struct kunit_suite vmk_atomic_suite = {
	.name = "vmkapi_atomic",
	.test_cases = vmk_atomic_cases,
};
kunit_test_suite(vmk_atomic_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API atomics and versioned atomics");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
