// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: legacy spinlocks (vmkapi_lock.h).
 *
 * As in the spinlock suite, nothing that may sleep runs while a lock is
 * held: results go to locals and are checked after the release.  Rank
 * violations are seen through the core's counter; each violating order
 * is taken by locks no other test takes the other way round, so lockdep
 * (which would report the inversion) stays quiet and a clean console is
 * part of the verdict.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/module.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

static vmk_HeapID kunit_heap = VMK_INVALID_HEAP_ID;

static int suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_lock_legacy",
				  128 * 1024, &kunit_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	/* The legacy calls allocate from the module's default heap. */
	vmk_ModuleSetHeapID(vmk_kunit_module_id, kunit_heap);
	return 0;
}

static void suite_exit(struct kunit_suite *suite)
{
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(kunit_heap);
	kunit_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

/* The heap holds nothing of this suite's once a test has cleaned up. */
static void expect_heap_empty(struct kunit *test)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(kunit_heap, &st), 0);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
}

static vmk_Spinlock make_sp(struct kunit *test, const char *name,
			    vmk_SpinlockClass_LEGACY *cls,
			    vmk_SpinlockRank rank)
{
	vmk_Spinlock lock = NULL;

	KUNIT_ASSERT_EQ(test, vmk_SPCreate_LEGACY(&lock, vmk_kunit_module_id,
						  name, cls, rank), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, lock);
	return lock;
}

static vmk_SpinlockIRQ make_irq(struct kunit *test, const char *name,
				vmk_SpinlockRank rank)
{
	vmk_SpinlockIRQ lock = NULL;

	KUNIT_ASSERT_EQ(test, vmk_SPCreateIRQ_LEGACY(&lock,
						     vmk_kunit_module_id,
						     name, NULL, rank),
			VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, lock);
	return lock;
}

static vmk_SpinlockRW make_rw(struct kunit *test, const char *name,
			      vmk_SpinlockRank rank)
{
	vmk_SpinlockRW lock = NULL;

	KUNIT_ASSERT_EQ(test, vmk_RWCreate_LEGACY(&lock, vmk_kunit_module_id,
						  name, NULL, rank), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, lock);
	return lock;
}

static vmk_SpinlockClass_LEGACY make_class(struct kunit *test,
					   const char *name,
					   vmk_SpinlockRank rank)
{
	vmk_SpinlockClass_LEGACY cls = NULL;

	KUNIT_ASSERT_EQ(test, vmk_SPClassCreate_LEGACY(&cls,
						       vmk_kunit_module_id,
						       name, rank), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, cls);
	return cls;
}

static void vmk_lock_legacy_create_bad_params(struct kunit *test)
{
	vmk_SpinlockClass_LEGACY cls = make_class(test, "kunit-cls",
						  VMK_SP_RANK_NETWORK_LEGACY);
	vmk_SpinlockClass_LEGACY irq_cls = make_class(test, "kunit-irq-cls",
						VMK_SP_RANK_IRQ_BLOCK_LEGACY);
	vmk_SpinlockClass_LEGACY gone = make_class(test, "kunit-gone",
						   VMK_SP_RANK_SCSI_LEGACY);
	vmk_SpinlockClass_LEGACY gone_copy = gone;
	vmk_SpinlockClass_LEGACY none = NULL;
	vmk_Spinlock sp = NULL;
	vmk_SpinlockIRQ irq = NULL;
	vmk_SpinlockRW rw = NULL;
	vmk_ModuleID id = vmk_kunit_module_id;

	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(NULL, id, "x", NULL,
						  VMK_SP_RANK_LEAF_LEGACY),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id, NULL, NULL,
						  VMK_SP_RANK_LEAF_LEGACY),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id, "", NULL,
						  VMK_SP_RANK_LEAF_LEGACY),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id + 1000, "x", NULL,
						  VMK_SP_RANK_LEAF_LEGACY),
			VMK_BAD_PARAM);

	/* Each kind's major ranks, just outside and just inside. */
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id, "x", NULL,
				VMK_SP_RANK_LOWEST_MAJOR_LEGACY - 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id, "x", NULL,
				VMK_SP_RANK_HIGHEST_MAJOR_LEGACY + 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_RWCreate_LEGACY(&rw, id, "x", NULL,
				VMK_SP_RANK_IRQ_LEAF_LEGACY),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreateIRQ_LEGACY(&irq, id, "x", NULL,
				VMK_SP_RANK_LEAF_LEGACY),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreateIRQ_LEGACY(&irq, id, "x", NULL,
				VMK_SP_RANK_IRQ_HIGHEST_MAJOR_LEGACY + 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, sp, NULL);
	KUNIT_EXPECT_PTR_EQ(test, irq, NULL);
	KUNIT_EXPECT_PTR_EQ(test, rw, NULL);

	/* Classes: their rank, a member's minor rank, the member's kind. */
	KUNIT_EXPECT_EQ(test, vmk_SPClassCreate_LEGACY(&none, id, "x",
				VMK_SP_RANK_LOWEST_MAJOR_LEGACY - 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPClassCreate_LEGACY(&none, id, NULL,
				VMK_SP_RANK_LEAF_LEGACY),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id, "x", &cls,
				VMK_SP_RANK_MAX_MINOR_LEGACY + 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id, "x", &irq_cls, 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPCreateIRQ_LEGACY(&irq, id, "x", &cls, 1),
			VMK_BAD_PARAM);
	vmk_SPClassDestroy_LEGACY(&gone);
	KUNIT_EXPECT_PTR_EQ(test, gone, NULL);
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id, "x", &gone_copy, 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, sp, NULL);

	/* The memory comes from the module's default heap, or not at all. */
	vmk_ModuleSetHeapID(id, VMK_INVALID_HEAP_ID);
	KUNIT_EXPECT_EQ(test, vmk_SPCreate_LEGACY(&sp, id, "x", NULL,
						  VMK_SP_RANK_LEAF_LEGACY),
			VMK_NO_MODULE_HEAP);
	KUNIT_EXPECT_EQ(test, vmk_SPClassCreate_LEGACY(&none, id, "x",
						VMK_SP_RANK_LEAF_LEGACY),
			VMK_NO_MODULE_HEAP);
	vmk_ModuleSetHeapID(id, kunit_heap);

	vmk_SPClassDestroy_LEGACY(&cls);
	vmk_SPClassDestroy_LEGACY(&irq_cls);
	KUNIT_EXPECT_PTR_EQ(test, cls, NULL);
	expect_heap_empty(test);
}

static void vmk_lock_legacy_lock_unlock(struct kunit *test)
{
	vmk_Spinlock sp = make_sp(test, "kunit-sp", NULL,
				  VMK_SP_RANK_NETWORK_LEGACY);
	long v0 = vmk_core_legacy_lock_violations();
	bool held_in, held_after;
	VMK_ReturnStatus again, try, try_free;

	vmk_SPLock(&sp);
	held_in = vmk_core_legacy_lock_held_here(sp);
	vmk_SPAssertHasState(&sp, VMK_TRUE);
	/* Taken again by its holder: busy at once, and a rank violation. */
	again = vmk_SPTryLock(&sp);
	vmk_SPUnlock(&sp);
	held_after = vmk_core_legacy_lock_held_here(sp);
	vmk_SPAssertHasState(&sp, VMK_FALSE);
	KUNIT_EXPECT_TRUE(test, held_in);
	KUNIT_EXPECT_FALSE(test, held_after);
	KUNIT_EXPECT_EQ(test, again, VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0 + 1);

	try = vmk_SPTryLock(&sp);
	held_in = vmk_core_legacy_lock_held_here(sp);
	if (try == VMK_OK)
		vmk_SPUnlock(&sp);
	try_free = vmk_SPTryLock(&sp);
	if (try_free == VMK_OK)
		vmk_SPUnlock(&sp);
	KUNIT_EXPECT_EQ(test, try, VMK_OK);
	KUNIT_EXPECT_TRUE(test, held_in);
	KUNIT_EXPECT_EQ(test, try_free, VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0 + 1);

	vmk_SPDestroy(&sp);
	KUNIT_EXPECT_PTR_EQ(test, sp, NULL);
	expect_heap_empty(test);
}

/* Locks in rank order: no violation; against it: one each. */
static void vmk_lock_legacy_ranks(struct kunit *test)
{
	vmk_Spinlock low = make_sp(test, "kunit-low", NULL, 0x1100);
	vmk_Spinlock high = make_sp(test, "kunit-high", NULL, 0x1200);
	vmk_Spinlock late_high = make_sp(test, "kunit-late-high", NULL,
					 0x1400);
	vmk_Spinlock late_low = make_sp(test, "kunit-late-low", NULL, 0x1300);
	/* Named apart, so lockdep (which would report them) sees two classes. */
	vmk_Spinlock twin_a = make_sp(test, "kunit-twin-a", NULL, 0x1500);
	vmk_Spinlock twin_b = make_sp(test, "kunit-twin-b", NULL, 0x1500);
	long v0 = vmk_core_legacy_lock_violations();
	long in_order, reversed, twins;

	vmk_SPLock(&low);
	vmk_SPLock(&high);
	vmk_SPUnlock(&high);
	vmk_SPUnlock(&low);
	in_order = vmk_core_legacy_lock_violations() - v0;

	vmk_SPLock(&late_high);
	vmk_SPLock(&late_low);
	vmk_SPUnlock(&late_high);	/* any release order is allowed */
	vmk_SPUnlock(&late_low);
	reversed = vmk_core_legacy_lock_violations() - v0 - in_order;

	/* The same major rank twice, no class: not allowed either. */
	vmk_SPLock(&twin_a);
	vmk_SPLock(&twin_b);
	vmk_SPUnlock(&twin_b);
	vmk_SPUnlock(&twin_a);
	twins = vmk_core_legacy_lock_violations() - v0 - in_order - reversed;

	KUNIT_EXPECT_EQ(test, in_order, 0);
	KUNIT_EXPECT_EQ(test, reversed, 1);
	KUNIT_EXPECT_EQ(test, twins, 1);
	vmk_SPDestroy(&low);
	vmk_SPDestroy(&high);
	vmk_SPDestroy(&late_high);
	vmk_SPDestroy(&late_low);
	vmk_SPDestroy(&twin_a);
	vmk_SPDestroy(&twin_b);
	expect_heap_empty(test);
}

/* Members of one class nest by minor rank; another class's may not. */
static void vmk_lock_legacy_class_ranks(struct kunit *test)
{
	vmk_SpinlockClass_LEGACY cls = make_class(test, "kunit-c", 0x2200);
	vmk_SpinlockClass_LEGACY other = make_class(test, "kunit-o", 0x2200);
	vmk_Spinlock m1 = make_sp(test, "kunit-m1", &cls, 1);
	vmk_Spinlock m2 = make_sp(test, "kunit-m2", &cls, 2);
	vmk_Spinlock m3 = make_sp(test, "kunit-m3", &cls, 3);
	vmk_Spinlock m4 = make_sp(test, "kunit-m4", &cls, 4);
	vmk_Spinlock o1 = make_sp(test, "kunit-o1", &other, 5);
	vmk_Spinlock above = make_sp(test, "kunit-above", NULL, 0x2300);
	long v0 = vmk_core_legacy_lock_violations();
	long in_order, reversed, foreign;

	vmk_SPLock(&m1);
	vmk_SPLock(&m2);
	vmk_SPLock(&above);	/* a higher major rank: always allowed */
	vmk_SPUnlock(&above);
	vmk_SPUnlock(&m2);
	vmk_SPUnlock(&m1);
	in_order = vmk_core_legacy_lock_violations() - v0;

	vmk_SPLock(&m4);
	vmk_SPLock(&m3);
	vmk_SPUnlock(&m3);
	vmk_SPUnlock(&m4);
	reversed = vmk_core_legacy_lock_violations() - v0 - in_order;

	/* Same major rank, higher minor, but another class. */
	vmk_SPLock(&m1);
	vmk_SPLock(&o1);
	vmk_SPUnlock(&o1);
	vmk_SPUnlock(&m1);
	foreign = vmk_core_legacy_lock_violations() - v0 - in_order -
		  reversed;

	KUNIT_EXPECT_EQ(test, in_order, 0);
	KUNIT_EXPECT_EQ(test, reversed, 1);
	KUNIT_EXPECT_EQ(test, foreign, 1);

	/* A class with members stays; without, it goes. */
	vmk_SPClassDestroy_LEGACY(&cls);
	KUNIT_EXPECT_NOT_NULL(test, cls);
	vmk_SPDestroy(&m1);
	vmk_SPDestroy(&m2);
	vmk_SPDestroy(&m3);
	vmk_SPDestroy(&m4);
	vmk_SPDestroy(&o1);
	vmk_SPDestroy(&above);
	vmk_SPClassDestroy_LEGACY(&cls);
	vmk_SPClassDestroy_LEGACY(&other);
	KUNIT_EXPECT_PTR_EQ(test, cls, NULL);
	KUNIT_EXPECT_PTR_EQ(test, other, NULL);
	expect_heap_empty(test);
}

/* The recursive flag lets locks of the very same ranks nest. */
static void vmk_lock_legacy_recursive(struct kunit *test)
{
	vmk_SpinlockRank rank = 0x2500 | VMK_SP_RANK_RECURSIVE_FLAG_LEGACY;
	vmk_Spinlock a = make_sp(test, "kunit-rec", NULL, rank);
	vmk_Spinlock b = make_sp(test, "kunit-rec", NULL, rank);
	vmk_Spinlock c = make_sp(test, "kunit-rec", NULL, rank);
	long v0 = vmk_core_legacy_lock_violations();

	vmk_SPLock(&a);
	vmk_SPLock(&b);
	vmk_SPLock(&c);
	vmk_SPUnlock(&c);
	vmk_SPUnlock(&b);
	vmk_SPUnlock(&a);
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0);
	vmk_SPDestroy(&a);
	vmk_SPDestroy(&b);
	vmk_SPDestroy(&c);
	expect_heap_empty(test);
}

/* IRQ locks: the previous interrupt state comes back as 0 or 1. */
static void vmk_lock_legacy_irq(struct kunit *test)
{
	vmk_SpinlockIRQ irq = make_irq(test, "kunit-irq",
				       VMK_SP_RANK_IRQ_LEAF_LEGACY);
	vmk_Spinlock plain = make_sp(test, "kunit-under-irq", NULL,
				     VMK_SP_RANK_LEAF_LEGACY);
	unsigned long prev, prev_off, try_flags = 7, outer;
	bool off_inside, off_after, held_in;
	VMK_ReturnStatus again, try;
	long v0 = vmk_core_legacy_lock_violations();

	KUNIT_ASSERT_FALSE(test, irqs_disabled());
	prev = vmk_SPLockIRQ(&irq);
	off_inside = irqs_disabled();
	held_in = vmk_core_legacy_lock_held_here(irq);
	vmk_SPAssertHasStateIRQ(&irq, VMK_TRUE);
	again = vmk_SPTryLockIRQ(&irq, &try_flags);
	vmk_SPUnlockIRQ(&irq, prev);
	off_after = irqs_disabled();
	KUNIT_EXPECT_EQ(test, prev, 0UL);
	KUNIT_EXPECT_TRUE(test, off_inside);
	KUNIT_EXPECT_TRUE(test, held_in);
	KUNIT_EXPECT_FALSE(test, off_after);
	KUNIT_EXPECT_EQ(test, again, VMK_BUSY);
	KUNIT_EXPECT_EQ(test, try_flags, 7UL);	/* untouched when busy */
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0 + 1);

	/* Taken with interrupts already off: they stay off. */
	local_irq_save(outer);
	prev_off = vmk_SPLockIRQ(&irq);
	vmk_SPUnlockIRQ(&irq, prev_off);
	off_after = irqs_disabled();
	local_irq_restore(outer);
	KUNIT_EXPECT_EQ(test, prev_off, 1UL);
	KUNIT_EXPECT_TRUE(test, off_after);

	try = vmk_SPTryLockIRQ(&irq, &try_flags);
	off_inside = irqs_disabled();
	if (try == VMK_OK)
		vmk_SPUnlockIRQ(&irq, try_flags);
	KUNIT_EXPECT_EQ(test, try, VMK_OK);
	KUNIT_EXPECT_EQ(test, try_flags, 0UL);
	KUNIT_EXPECT_TRUE(test, off_inside);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, vmk_SPTryLockIRQ(&irq, NULL), VMK_BAD_PARAM);

	/* An IRQ lock under a non-IRQ lock is in order; the reverse is not. */
	v0 = vmk_core_legacy_lock_violations();
	vmk_SPLock(&plain);
	prev = vmk_SPLockIRQ(&irq);
	vmk_SPUnlockIRQ(&irq, prev);
	vmk_SPUnlock(&plain);
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0);

	vmk_SPDestroyIRQ(&irq);
	vmk_SPDestroy(&plain);
	KUNIT_EXPECT_PTR_EQ(test, irq, NULL);
	expect_heap_empty(test);
}

static void vmk_lock_legacy_irq_under_plain_reversed(struct kunit *test)
{
	vmk_SpinlockIRQ irq = make_irq(test, "kunit-irq-first",
				       VMK_SP_RANK_IRQ_BLOCK_LEGACY);
	vmk_Spinlock plain = make_sp(test, "kunit-plain-second", NULL,
				     VMK_SP_RANK_HIGHEST_MAJOR_LEGACY);
	long v0 = vmk_core_legacy_lock_violations();
	unsigned long prev;

	prev = vmk_SPLockIRQ(&irq);
	vmk_SPLock(&plain);
	vmk_SPUnlock(&plain);
	vmk_SPUnlockIRQ(&irq, prev);
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0 + 1);
	vmk_SPDestroyIRQ(&irq);
	vmk_SPDestroy(&plain);
	expect_heap_empty(test);
}

static void vmk_lock_legacy_rw(struct kunit *test)
{
	vmk_SpinlockRW rw = make_rw(test, "kunit-rw", 0x2600);
	VMK_ReturnStatus r_in, w_in, try_w, r_out, w_out, try_r, w_w;
	long v0 = vmk_core_legacy_lock_violations();

	KUNIT_EXPECT_EQ(test, vmk_RWIsRLocked(&rw), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_RWIsWLocked(&rw), VMK_OK);

	vmk_RWReadLock(&rw);
	r_in = vmk_RWIsRLocked(&rw);
	w_in = vmk_RWIsWLocked(&rw);
	try_w = vmk_RWTryWriteLock(&rw);	/* a violation, and busy */
	vmk_RWReadUnlock(&rw);
	r_out = vmk_RWIsRLocked(&rw);
	KUNIT_EXPECT_EQ(test, r_in, VMK_BUSY);
	KUNIT_EXPECT_EQ(test, w_in, VMK_OK);
	KUNIT_EXPECT_EQ(test, try_w, VMK_BUSY);
	KUNIT_EXPECT_EQ(test, r_out, VMK_OK);

	vmk_RWWriteLock(&rw);
	w_in = vmk_RWIsWLocked(&rw);
	r_in = vmk_RWIsRLocked(&rw);
	try_r = vmk_RWTryReadLock(&rw);		/* a violation, and busy */
	vmk_RWWriteUnlock(&rw);
	w_out = vmk_RWIsWLocked(&rw);
	KUNIT_EXPECT_EQ(test, w_in, VMK_BUSY);
	KUNIT_EXPECT_EQ(test, r_in, VMK_OK);
	KUNIT_EXPECT_EQ(test, try_r, VMK_BUSY);
	KUNIT_EXPECT_EQ(test, w_out, VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0 + 2);

	try_r = vmk_RWTryReadLock(&rw);
	if (try_r == VMK_OK)
		vmk_RWReadUnlock(&rw);
	w_w = vmk_RWTryWriteLock(&rw);
	w_in = vmk_RWIsWLocked(&rw);
	if (w_w == VMK_OK)
		vmk_RWWriteUnlock(&rw);
	KUNIT_EXPECT_EQ(test, try_r, VMK_OK);
	KUNIT_EXPECT_EQ(test, w_w, VMK_OK);
	KUNIT_EXPECT_EQ(test, w_in, VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0 + 2);

	vmk_RWDestroy(&rw);
	KUNIT_EXPECT_PTR_EQ(test, rw, NULL);
	expect_heap_empty(test);
}

/* Wrong kinds and dead handles are refused, never used. */
static void vmk_lock_legacy_bad_handles(struct kunit *test)
{
	vmk_Spinlock sp = make_sp(test, "kunit-kind", NULL,
				  VMK_SP_RANK_LEAF_LEGACY);
	vmk_Spinlock copy = sp;
	vmk_SpinlockRW as_rw = (vmk_SpinlockRW)sp;
	vmk_SpinlockIRQ as_irq = (vmk_SpinlockIRQ)sp;
	vmk_Spinlock null_lock = NULL;
	unsigned long flags;

	KUNIT_EXPECT_EQ(test, vmk_RWIsRLocked(&as_rw), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_RWTryWriteLock(&as_rw), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPTryLockIRQ(&as_irq, &flags),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPTryLock(&null_lock), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SPTryLock(NULL), VMK_BAD_PARAM);
	vmk_SPLock(&null_lock);		/* logged, nothing taken */
	vmk_RWDestroy(&as_rw);		/* wrong kind: not destroyed */
	KUNIT_EXPECT_PTR_EQ(test, (void *)as_rw, (void *)sp);

	vmk_SPDestroy(&sp);
	KUNIT_EXPECT_PTR_EQ(test, sp, NULL);
	/* Destroyed: the stale copy is found missing. */
	vmk_SPDestroy(&copy);
	expect_heap_empty(test);
}

struct legacy_holder {
	vmk_Spinlock sp;
	atomic_t held;
	atomic_t release;
	struct completion done;
};

/* Holds the lock, spinning, until told to let go. */
static int legacy_holder_fn(void *arg)
{
	struct legacy_holder *d = arg;

	vmk_SPLock(&d->sp);
	atomic_set(&d->held, 1);
	while (!atomic_read(&d->release))
		cpu_relax();
	vmk_SPUnlock(&d->sp);
	kthread_complete_and_exit(&d->done, 0);
}

/* A lock another context holds is not destroyed; free, it is. */
static void vmk_lock_legacy_destroy_held(struct kunit *test)
{
	struct legacy_holder *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	unsigned long deadline = jiffies + 10 * HZ;
	struct task_struct *t;
	vmk_Spinlock mine;

	/* The holder spins with preemption off: it needs a CPU of its own. */
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	KUNIT_ASSERT_NOT_NULL(test, d);
	d->sp = make_sp(test, "kunit-held", NULL, VMK_SP_RANK_LEAF_LEGACY);
	mine = d->sp;
	init_completion(&d->done);
	t = kthread_run(legacy_holder_fn, d, "vmk-kunit-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	while (!atomic_read(&d->held) && time_before(jiffies, deadline))
		usleep_range(1000, 2000);
	KUNIT_EXPECT_EQ(test, atomic_read(&d->held), 1);
	vmk_SPDestroy(&mine);
	KUNIT_EXPECT_PTR_EQ(test, mine, d->sp);
	KUNIT_EXPECT_EQ(test, vmk_SPTryLock(&mine), VMK_BUSY);
	atomic_set(&d->release, 1);
	wait_for_completion(&d->done);
	vmk_SPDestroy(&mine);
	KUNIT_EXPECT_PTR_EQ(test, mine, NULL);
	expect_heap_empty(test);
}

/* ---- the legacy world waits ------------------------------------------- */

struct legacy_waiter {
	vmk_Spinlock sp;
	vmk_SpinlockIRQ irq;
	bool use_irq;
	VMK_ReturnStatus status;
	bool held_after;
	bool irqs_off_after;
	struct completion done;
};

/* A world that takes the lock and waits on its context's address. */
static VMK_ReturnStatus legacy_wait_body(void *data)
{
	struct legacy_waiter *w = data;
	vmk_WorldEventID event = (vmk_WorldEventID)w;
	unsigned long prev;

	if (w->use_irq) {
		prev = vmk_SPLockIRQ(&w->irq);
		w->status = vmk_WorldWaitIRQLegacy(event, &w->irq,
						   VMK_WORLD_WAIT_MISC, prev);
		w->held_after = vmk_core_legacy_lock_held_here(w->irq);
	} else {
		vmk_SPLock(&w->sp);
		w->status = vmk_WorldWaitLegacy(event, &w->sp,
						VMK_WORLD_WAIT_NET);
		w->held_after = vmk_core_legacy_lock_held_here(w->sp);
	}
	w->irqs_off_after = irqs_disabled();
	complete(&w->done);
	return VMK_OK;
}

static void legacy_wait_in_world(struct kunit *test, bool use_irq)
{
	struct legacy_waiter *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	vmk_WorldProps props = {
		.name = "kunit-legacy-wait",
		.moduleID = vmk_kunit_module_id,
		.startFunction = legacy_wait_body,
		.schedClass = VMK_WORLD_SCHED_CLASS_DEFAULT,
		.heapID = kunit_heap,
	};
	unsigned long deadline = jiffies + 20 * HZ, prev;
	vmk_WorldEventID event;
	VMK_ReturnStatus free_while_waiting, woken, death;
	vmk_WorldID id;

	KUNIT_ASSERT_NOT_NULL(test, w);
	event = (vmk_WorldEventID)w;
	init_completion(&w->done);
	w->use_irq = use_irq;
	w->status = VMK_FAILURE;
	if (use_irq)
		w->irq = make_irq(test, "kunit-wait-irq",
				  VMK_SP_RANK_IRQ_BLOCK_LEGACY);
	else
		w->sp = make_sp(test, "kunit-wait", NULL,
				VMK_SP_RANK_NETWORK_LEGACY);
	props.data = w;
	KUNIT_ASSERT_EQ(test, vmk_WorldCreate(&props, &id), VMK_OK);
	while (vmk_core_world_event_waiters(event) != 1 &&
	       time_before(jiffies, deadline))
		usleep_range(1000, 2000);
	KUNIT_EXPECT_EQ(test, vmk_core_world_event_waiters(event), 1);
	/* It sleeps: the lock it held is free. */
	if (use_irq) {
		free_while_waiting = vmk_SPTryLockIRQ(&w->irq, &prev);
		if (free_while_waiting == VMK_OK)
			vmk_SPUnlockIRQ(&w->irq, prev);
	} else {
		free_while_waiting = vmk_SPTryLock(&w->sp);
		if (free_while_waiting == VMK_OK)
			vmk_SPUnlock(&w->sp);
	}
	woken = vmk_WorldWakeup(event);
	KUNIT_EXPECT_EQ(test, free_while_waiting, VMK_OK);
	KUNIT_EXPECT_EQ(test, woken, VMK_OK);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&w->done,
							    20 * HZ) > 0);
	/* A world already gone is no longer found, which says the same. */
	death = vmk_WorldWaitForDeath(id);
	KUNIT_EXPECT_TRUE(test, death == VMK_OK || death == VMK_INVALID_WORLD);
	KUNIT_EXPECT_EQ(test, w->status, VMK_OK);
	KUNIT_EXPECT_FALSE(test, w->held_after);
	KUNIT_EXPECT_FALSE(test, w->irqs_off_after);
	if (use_irq)
		vmk_SPDestroyIRQ(&w->irq);
	else
		vmk_SPDestroy(&w->sp);
	expect_heap_empty(test);
}

static void vmk_lock_legacy_world_wait(struct kunit *test)
{
	legacy_wait_in_world(test, false);
}

static void vmk_lock_legacy_world_wait_irq(struct kunit *test)
{
	legacy_wait_in_world(test, true);
}

/* The timed form ends in time with VMK_OK; bad calls keep the lock. */
static void vmk_lock_legacy_world_wait_timed_and_bad(struct kunit *test)
{
	vmk_Spinlock sp = make_sp(test, "kunit-timed", NULL,
				  VMK_SP_RANK_NETWORK_LEGACY);
	vmk_Spinlock inner = make_sp(test, "kunit-timed-inner", NULL,
				     VMK_SP_RANK_LEAF_LEGACY);
	vmk_SpinlockIRQ irq = make_irq(test, "kunit-timed-irq",
				       VMK_SP_RANK_IRQ_BLOCK_LEGACY);
	vmk_WorldEventID event = (vmk_WorldEventID)&sp;
	VMK_ReturnStatus timed, null_lock, bad_reason, two_held, irqs_were_off;
	bool held_after_timed, held_after_bad, held_after_two, held_irq;
	vmk_Bool timed_out = VMK_FALSE;
	unsigned long outer, prev;

	/* From the test's own task, which is not a world: that works too. */
	vmk_SPLock(&sp);
	timed = vmk_WorldTimedWaitLegacy(event, &sp, VMK_WORLD_WAIT_MISC,
					 2000, &timed_out);
	held_after_timed = vmk_core_legacy_lock_held_here(sp);
	KUNIT_EXPECT_EQ(test, timed, VMK_OK);
	KUNIT_EXPECT_TRUE(test, timed_out);
	KUNIT_EXPECT_FALSE(test, held_after_timed);
	KUNIT_EXPECT_EQ(test, vmk_core_world_event_waiters(event), 0);

	null_lock = vmk_WorldWaitLegacy(event, NULL, VMK_WORLD_WAIT_MISC);
	vmk_SPLock(&sp);
	bad_reason = vmk_WorldWaitLegacy(event, &sp, VMK_WORLD_WAIT_MAX);
	held_after_bad = vmk_core_legacy_lock_held_here(sp);
	/* Another lock held besides the one released: no sleeping. */
	vmk_SPLock(&inner);
	two_held = vmk_WorldWaitLegacy(event, &inner, VMK_WORLD_WAIT_MISC);
	held_after_two = vmk_core_legacy_lock_held_here(inner);
	vmk_SPUnlock(&inner);
	vmk_SPUnlock(&sp);
	KUNIT_EXPECT_EQ(test, null_lock, VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, bad_reason, VMK_BAD_PARAM);
	KUNIT_EXPECT_TRUE(test, held_after_bad);
	KUNIT_EXPECT_EQ(test, two_held, VMK_BAD_PARAM);
	KUNIT_EXPECT_TRUE(test, held_after_two);

	/* An IRQ lock taken with interrupts already off cannot be slept on. */
	local_irq_save(outer);
	prev = vmk_SPLockIRQ(&irq);
	irqs_were_off = vmk_WorldWaitIRQLegacy(event, &irq,
					       VMK_WORLD_WAIT_MISC, prev);
	held_irq = vmk_core_legacy_lock_held_here(irq);
	vmk_SPUnlockIRQ(&irq, prev);
	local_irq_restore(outer);
	KUNIT_EXPECT_EQ(test, irqs_were_off, VMK_BAD_PARAM);
	KUNIT_EXPECT_TRUE(test, held_irq);

	vmk_SPDestroy(&sp);
	vmk_SPDestroy(&inner);
	vmk_SPDestroyIRQ(&irq);
	expect_heap_empty(test);
}

/* No lock held: the "nothing held" assertions stay quiet. */
static void vmk_lock_legacy_asserts(struct kunit *test)
{
	vmk_SpinlockIRQ irq = make_irq(test, "kunit-assert-irq",
				       VMK_SP_RANK_IRQ_LEAF_LEGACY);
	vmk_Spinlock sp = make_sp(test, "kunit-assert", NULL,
				  VMK_SP_RANK_LEAF_LEGACY);
	unsigned long prev;

	vmk_SPAssertNoLocksHeldInt();
	vmk_SPAssertNoLocksHeldIRQInt();
	vmk_SPAssertHasState(&sp, VMK_FALSE);
	vmk_SPAssertHasStateIRQ(&irq, VMK_FALSE);
	/* Holding an IRQ lock, no non-IRQ lock is held, and vice versa. */
	prev = vmk_SPLockIRQ(&irq);
	vmk_SPAssertNoLocksHeldInt();
	vmk_SPUnlockIRQ(&irq, prev);
	vmk_SPLock(&sp);
	vmk_SPAssertNoLocksHeldIRQInt();
	vmk_SPUnlock(&sp);
	vmk_SPDestroyIRQ(&irq);
	vmk_SPDestroy(&sp);
	expect_heap_empty(test);
}

/*
 * Mutual exclusion under contention: each kind guards a counter of its
 * own, bumped with a read and a write apart; a lost update shows as a
 * short count.
 */
enum { HAMMER_SP, HAMMER_IRQ, HAMMER_RW, HAMMER_KINDS };
#define HAMMER_THREADS	4

struct legacy_hammer {
	vmk_Spinlock sp;
	vmk_SpinlockIRQ irq;
	vmk_SpinlockRW rw;
	unsigned long counter[HAMMER_KINDS];
	unsigned int iterations;
	struct completion done[HAMMER_THREADS];
	int index[HAMMER_THREADS];
};

static void legacy_bump(unsigned long *counter)
{
	unsigned long v = READ_ONCE(*counter);

	/* Widen the window a lost update would need. */
	cpu_relax();
	WRITE_ONCE(*counter, v + 1);
}

static int legacy_hammer_fn(void *arg)
{
	int *index = arg;
	struct legacy_hammer *h = container_of(index - *index,
					       struct legacy_hammer, index[0]);
	unsigned long prev;
	unsigned int i;

	for (i = 0; i < h->iterations; i++) {
		switch ((*index + i) % HAMMER_KINDS) {
		case HAMMER_SP:
			vmk_SPLock(&h->sp);
			legacy_bump(&h->counter[HAMMER_SP]);
			vmk_SPUnlock(&h->sp);
			break;
		case HAMMER_IRQ:
			prev = vmk_SPLockIRQ(&h->irq);
			legacy_bump(&h->counter[HAMMER_IRQ]);
			vmk_SPUnlockIRQ(&h->irq, prev);
			break;
		default:
			vmk_RWWriteLock(&h->rw);
			legacy_bump(&h->counter[HAMMER_RW]);
			vmk_RWWriteUnlock(&h->rw);
			break;
		}
		if (!(i % 64))
			cond_resched();
	}
	kthread_complete_and_exit(&h->done[*index], 0);
}

static void vmk_lock_legacy_hammer(struct kunit *test)
{
	struct legacy_hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	unsigned long expected[HAMMER_KINDS] = {};
	long v0 = vmk_core_legacy_lock_violations();
	struct task_struct *t;
	unsigned int i;
	int n;

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->sp = make_sp(test, "kunit-hammer", NULL, 0x3000);
	h->rw = make_rw(test, "kunit-hammer-rw", 0x3100);
	h->irq = make_irq(test, "kunit-hammer-irq", 0x4100);
	h->iterations = 3000;
	for (n = 0; n < HAMMER_THREADS; n++) {
		init_completion(&h->done[n]);
		h->index[n] = n;
		for (i = 0; i < h->iterations; i++)
			expected[(n + i) % HAMMER_KINDS]++;
	}
	for (n = 0; n < HAMMER_THREADS; n++) {
		t = kthread_run(legacy_hammer_fn, &h->index[n],
				"vmk-kunit-legacy-%d", n);
		if (IS_ERR(t)) {
			KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
			complete(&h->done[n]);
		}
	}
	for (n = 0; n < HAMMER_THREADS; n++)
		wait_for_completion(&h->done[n]);
	KUNIT_EXPECT_EQ(test, h->counter[HAMMER_SP], expected[HAMMER_SP]);
	KUNIT_EXPECT_EQ(test, h->counter[HAMMER_IRQ], expected[HAMMER_IRQ]);
	KUNIT_EXPECT_EQ(test, h->counter[HAMMER_RW], expected[HAMMER_RW]);
	KUNIT_EXPECT_EQ(test, vmk_core_legacy_lock_violations(), v0);
	vmk_SPDestroy(&h->sp);
	vmk_RWDestroy(&h->rw);
	vmk_SPDestroyIRQ(&h->irq);
	expect_heap_empty(test);
}

static struct kunit_case vmk_lock_legacy_cases[] = {
	KUNIT_CASE(vmk_lock_legacy_create_bad_params),
	KUNIT_CASE(vmk_lock_legacy_lock_unlock),
	KUNIT_CASE(vmk_lock_legacy_ranks),
	KUNIT_CASE(vmk_lock_legacy_class_ranks),
	KUNIT_CASE(vmk_lock_legacy_recursive),
	KUNIT_CASE(vmk_lock_legacy_irq),
	KUNIT_CASE(vmk_lock_legacy_irq_under_plain_reversed),
	KUNIT_CASE(vmk_lock_legacy_rw),
	KUNIT_CASE(vmk_lock_legacy_bad_handles),
	KUNIT_CASE(vmk_lock_legacy_destroy_held),
	KUNIT_CASE(vmk_lock_legacy_asserts),
	KUNIT_CASE(vmk_lock_legacy_world_wait),
	KUNIT_CASE(vmk_lock_legacy_world_wait_irq),
	KUNIT_CASE(vmk_lock_legacy_world_wait_timed_and_bad),
	KUNIT_CASE(vmk_lock_legacy_hammer),
	{}
};

static struct kunit_suite vmk_lock_legacy_suite = {
	.name = "vmkapi_lock_legacy",
	.suite_init = suite_init,
	.suite_exit = suite_exit,
	.test_cases = vmk_lock_legacy_cases,
};
kunit_test_suite(vmk_lock_legacy_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for vmkapi legacy spinlocks");
