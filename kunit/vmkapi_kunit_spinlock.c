// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: spinlocks and lock domains.
 *
 * Nothing that may sleep (a failing KUNIT_EXPECT allocates) runs while a
 * VMK spinlock is held: results are recorded in locals and checked after
 * the release.  The rank and release-order checks are observed through the
 * core's violation counter (vmk_core_spinlock_violations); the paths that
 * warn (a violation on a call that cannot fail, a failed assert) are not
 * taken, so a clean console is part of the verdict.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/task.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

/* How long a test thread may wait for its peer before giving up. */
#define PEER_WAIT	(10 * HZ)

/* Every lock and domain of the suite comes from this heap. */
static vmk_HeapID kunit_heap = VMK_INVALID_HEAP_ID;

static int suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_spinlock",
				  256 * 1024, &kunit_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	return 0;
}

static void suite_exit(struct kunit_suite *suite)
{
	vmk_HeapDestroy(kunit_heap);
	kunit_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

static void props_init(vmk_SpinlockCreateProps *props, const char *name,
		       vmk_SpinlockType type, vmk_LockDomainID domain,
		       vmk_LockRank rank)
{
	memset(props, 0, sizeof(*props));
	props->moduleID = vmk_kunit_module_id;
	props->heapID = kunit_heap;
	vmk_NameInitialize(&props->name, name);
	props->type = type;
	props->domain = domain;
	props->rank = rank;
}

static vmk_Lock make_lock(struct kunit *test, const char *name,
			  vmk_SpinlockType type, vmk_LockDomainID domain,
			  vmk_LockRank rank)
{
	vmk_SpinlockCreateProps props;
	vmk_Lock lock = NULL;

	props_init(&props, name, type, domain, rank);
	KUNIT_ASSERT_EQ(test, vmk_SpinlockCreate(&props, &lock), VMK_OK);
	return lock;
}

static vmk_LockDomainID make_domain(struct kunit *test, const char *name)
{
	vmk_LockDomainID domain = VMK_LOCKDOMAIN_INVALID;
	vmk_Name n;

	vmk_NameInitialize(&n, name);
	KUNIT_ASSERT_EQ(test, vmk_LockDomainCreate(vmk_kunit_module_id,
						   kunit_heap, &n, &domain),
			VMK_OK);
	return domain;
}

static void vmk_spinlock_create_bad_params(struct kunit *test)
{
	vmk_LockDomainID domain = make_domain(test, "kunit-bad");
	vmk_SpinlockCreateProps props;
	vmk_Lock lock = VMK_LOCK_INVALID;
	int not_a_domain;

	props_init(&props, "bad", VMK_SPINLOCK, VMK_LOCKDOMAIN_INVALID,
		   VMK_SPINLOCK_UNRANKED);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(NULL, &lock), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, NULL), VMK_BAD_PARAM);

	props.type = 0;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock), VMK_BAD_PARAM);
	props.type = 4;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock), VMK_BAD_PARAM);
	props.type = VMK_SPINLOCK;

	/* Domain and rank: both valid or both invalid. */
	props.rank = 5;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock), VMK_BAD_PARAM);
	props.domain = domain;
	props.rank = VMK_SPINLOCK_UNRANKED;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock), VMK_BAD_PARAM);
	props.rank = VMK_SPINLOCK_RANK_INVALID;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock), VMK_BAD_PARAM);

	/* A made-up domain is found missing, never dereferenced. */
	props.domain = (vmk_LockDomainID)&not_a_domain;
	props.rank = 1;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock),
			VMK_INVALID_HANDLE);
	props.domain = NULL;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock),
			VMK_INVALID_HANDLE);

	props_init(&props, "", VMK_SPINLOCK, VMK_LOCKDOMAIN_INVALID,
		   VMK_SPINLOCK_UNRANKED);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock),
			VMK_INVALID_NAME);
	props_init(&props, "bad", VMK_SPINLOCK, VMK_LOCKDOMAIN_INVALID,
		   VMK_SPINLOCK_UNRANKED);
	props.moduleID = 12345;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock),
			VMK_INVALID_MODULE);
	props.moduleID = vmk_kunit_module_id;
	props.heapID = VMK_INVALID_HEAP_ID;
	KUNIT_EXPECT_EQ(test, vmk_SpinlockCreate(&props, &lock),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, lock, VMK_LOCK_INVALID);

	KUNIT_EXPECT_GT(test, vmk_SpinlockAllocSize(VMK_SPINLOCK), 0u);
	KUNIT_EXPECT_GT(test, vmk_SpinlockAllocSize(VMK_SPINLOCK_RW), 0u);
	KUNIT_EXPECT_GT(test, vmk_SpinlockAllocSize(VMK_SPINLOCK_IRQ), 0u);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockAllocSize(7), 0u);

	/* The failed creations kept no reference on the domain. */
	vmk_LockDomainDestroy(domain);
	KUNIT_EXPECT_FALSE(test, vmk_core_lock_domain_live(domain));
}

static void vmk_spinlock_bad_handles(struct kunit *test)
{
	vmk_Lock rw = make_lock(test, "kunit-rw", VMK_SPINLOCK_RW,
				VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED);
	vmk_Lock spin = make_lock(test, "kunit-spin", VMK_SPINLOCK,
				  VMK_LOCKDOMAIN_INVALID,
				  VMK_SPINLOCK_UNRANKED);
	vmk_LockIRQL irql;

	KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(NULL), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(VMK_LOCK_INVALID),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockReadLock(NULL), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockWriteLock(VMK_LOCK_INVALID),
			VMK_INVALID_HANDLE);
	/* The wrong type is refused and the lock is not taken. */
	KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(rw), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockReadLock(spin), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockWriteLock(spin), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockLockIRQ(spin, &irql), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_SpinlockLockIRQ(spin, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_FALSE(test, vmk_core_spinlock_held(rw, false));
	KUNIT_EXPECT_FALSE(test, vmk_core_spinlock_held(spin, false));
	/* Releasing with the wrong call or a bad handle does nothing. */
	vmk_SpinlockUnlock(NULL);
	vmk_SpinlockUnlock(VMK_LOCK_INVALID);
	vmk_SpinlockWriteUnlock(NULL);

	vmk_SpinlockDestroy(rw);
	vmk_SpinlockDestroy(spin);
}

static void vmk_spinlock_destroy_twice(struct kunit *test)
{
	vmk_Lock lock = make_lock(test, "kunit-twice", VMK_SPINLOCK,
				  VMK_LOCKDOMAIN_INVALID,
				  VMK_SPINLOCK_UNRANKED);
	vmk_Lock other = make_lock(test, "kunit-held", VMK_SPINLOCK,
				   VMK_LOCKDOMAIN_INVALID,
				   VMK_SPINLOCK_UNRANKED);
	VMK_ReturnStatus status;
	bool held;

	vmk_SpinlockDestroy(lock);
	/* Found missing in the live table: freed memory is not read. */
	vmk_SpinlockDestroy(lock);
	vmk_SpinlockDestroy(NULL);
	vmk_SpinlockDestroy(VMK_LOCK_INVALID);

	/* A held lock is not destroyed. */
	status = vmk_SpinlockLock(other);
	if (status == VMK_OK) {
		vmk_SpinlockAssertHeldByWorld(other);
		vmk_SpinlockDestroy(other);
		held = vmk_core_spinlock_held(other, false);
		vmk_SpinlockUnlock(other);
	}
	KUNIT_ASSERT_EQ(test, status, VMK_OK);
	KUNIT_EXPECT_TRUE(test, held);
	vmk_SpinlockDestroy(other);
}

static void vmk_spinlock_heap_accounting(struct kunit *test)
{
	struct vmk_core_heap_stats before = {}, live = {}, after = {};
	vmk_LockDomainID domain;
	vmk_Lock lock;

	KUNIT_ASSERT_EQ(test, vmk_core_heap_stats(kunit_heap, &before), 0);
	domain = make_domain(test, "kunit-heap");
	lock = make_lock(test, "kunit-heap", VMK_SPINLOCK_RW, domain, 7);
	KUNIT_ASSERT_EQ(test, vmk_core_heap_stats(kunit_heap, &live), 0);
	/* One allocation each, at least as large as the sizes announced. */
	KUNIT_EXPECT_EQ(test, live.allocs, before.allocs + 2);
	KUNIT_EXPECT_GE(test, live.bytes, before.bytes +
			vmk_SpinlockAllocSize(VMK_SPINLOCK_RW) +
			vmk_LockDomainAllocSize());
	vmk_SpinlockDestroy(lock);
	vmk_LockDomainDestroy(domain);
	KUNIT_ASSERT_EQ(test, vmk_core_heap_stats(kunit_heap, &after), 0);
	KUNIT_EXPECT_EQ(test, after.frees, before.frees + 2);
	KUNIT_EXPECT_EQ(test, after.bytes, before.bytes);
}

static void vmk_lock_domain_lifecycle(struct kunit *test)
{
	vmk_LockDomainID domain = VMK_LOCKDOMAIN_INVALID;
	vmk_Lock lock;
	vmk_Name name;

	vmk_NameInitialize(&name, "kunit-dom");
	KUNIT_EXPECT_EQ(test, vmk_LockDomainCreate(vmk_kunit_module_id,
						   kunit_heap, NULL, &domain),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_LockDomainCreate(vmk_kunit_module_id,
						   kunit_heap, &name, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_LockDomainCreate(12345, kunit_heap, &name,
						   &domain),
			VMK_INVALID_MODULE);
	KUNIT_EXPECT_EQ(test, vmk_LockDomainCreate(vmk_kunit_module_id,
						   VMK_INVALID_HEAP_ID, &name,
						   &domain), VMK_BAD_PARAM);
	KUNIT_EXPECT_PTR_EQ(test, domain, VMK_LOCKDOMAIN_INVALID);
	KUNIT_EXPECT_GT(test, vmk_LockDomainAllocSize(), 0u);

	domain = make_domain(test, "kunit-dom");
	lock = make_lock(test, "kunit-ranked", VMK_SPINLOCK, domain, 10);
	/* Refused while a lock lives in it. */
	vmk_LockDomainDestroy(domain);
	KUNIT_EXPECT_TRUE(test, vmk_core_lock_domain_live(domain));
	vmk_SpinlockDestroy(lock);
	vmk_LockDomainDestroy(domain);
	KUNIT_EXPECT_FALSE(test, vmk_core_lock_domain_live(domain));
	/* Twice, and never valid: logged, no oops. */
	vmk_LockDomainDestroy(domain);
	vmk_LockDomainDestroy(VMK_LOCKDOMAIN_INVALID);
	vmk_LockDomainDestroy(NULL);
}

static void vmk_spinlock_rank_order(struct kunit *test)
{
	vmk_LockDomainID domain = make_domain(test, "kunit-rank");
	vmk_Lock low = make_lock(test, "kunit-low", VMK_SPINLOCK, domain, 1);
	vmk_Lock high = make_lock(test, "kunit-high", VMK_SPINLOCK, domain, 2);
	vmk_Lock rw = make_lock(test, "kunit-rw1", VMK_SPINLOCK_RW, domain, 1);
	VMK_ReturnStatus s1, s2, s3, s4;
	bool low_held = true, rw_held = true;
	long before = vmk_core_spinlock_violations();

	/* Low then high: allowed. */
	s1 = vmk_SpinlockLock(low);
	s2 = vmk_SpinlockLock(high);
	if (s2 == VMK_OK)
		vmk_SpinlockUnlock(high);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlock(low);
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_EQ(test, s2, VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_spinlock_violations(), before);

	/* High then low (or then an RW lock of rank 1): refused, not taken. */
	s1 = vmk_SpinlockLock(high);
	s2 = vmk_SpinlockLock(low);
	if (s2 == VMK_OK)
		vmk_SpinlockUnlock(low);
	else
		low_held = vmk_core_spinlock_held(low, false);
	s3 = vmk_SpinlockReadLock(rw);
	if (s3 == VMK_OK)
		vmk_SpinlockReadUnlock(rw);
	else
		rw_held = vmk_core_spinlock_held(rw, true);
	/* The same lock again: equal rank, refused instead of deadlocking. */
	s4 = vmk_SpinlockLock(high);
	if (s4 == VMK_OK)
		vmk_SpinlockUnlock(high);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlock(high);
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_EQ(test, s2, VMK_RANK_VIOLATION);
	KUNIT_EXPECT_FALSE(test, low_held);
	KUNIT_EXPECT_EQ(test, s3, VMK_RANK_VIOLATION);
	KUNIT_EXPECT_FALSE(test, rw_held);
	KUNIT_EXPECT_EQ(test, s4, VMK_RANK_VIOLATION);
	KUNIT_EXPECT_EQ(test, vmk_core_spinlock_violations(), before + 3);

	/* Nothing stale is left behind: low then high still works. */
	s1 = vmk_SpinlockLock(low);
	s2 = vmk_SpinlockWriteLock(rw);
	if (s2 == VMK_OK)
		vmk_SpinlockWriteUnlock(rw);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlock(low);
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_EQ(test, s2, VMK_RANK_VIOLATION);
	s1 = vmk_SpinlockWriteLock(rw);
	s2 = vmk_SpinlockLock(high);
	if (s2 == VMK_OK)
		vmk_SpinlockUnlock(high);
	if (s1 == VMK_OK)
		vmk_SpinlockWriteUnlock(rw);
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_EQ(test, s2, VMK_OK);

	vmk_SpinlockDestroy(rw);
	vmk_SpinlockDestroy(high);
	vmk_SpinlockDestroy(low);
	vmk_LockDomainDestroy(domain);
}

static void vmk_spinlock_rank_two_domains(struct kunit *test)
{
	vmk_LockDomainID d1 = make_domain(test, "kunit-d1");
	vmk_LockDomainID d2 = make_domain(test, "kunit-d2");
	vmk_Lock a = make_lock(test, "kunit-d1-r5", VMK_SPINLOCK, d1, 5);
	vmk_Lock b = make_lock(test, "kunit-d2-r1", VMK_SPINLOCK, d2, 1);
	vmk_Lock u = make_lock(test, "kunit-unranked", VMK_SPINLOCK,
			       VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED);
	long before = vmk_core_spinlock_violations();
	VMK_ReturnStatus s1, s2, s3;

	/* Ranks are compared within a domain only; unranked never. */
	s1 = vmk_SpinlockLock(a);
	s2 = vmk_SpinlockLock(b);
	s3 = vmk_SpinlockLock(u);
	if (s3 == VMK_OK)
		vmk_SpinlockUnlock(u);
	if (s2 == VMK_OK)
		vmk_SpinlockUnlock(b);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlock(a);
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_EQ(test, s2, VMK_OK);
	KUNIT_EXPECT_EQ(test, s3, VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_spinlock_violations(), before);

	vmk_SpinlockDestroy(u);
	vmk_SpinlockDestroy(b);
	vmk_SpinlockDestroy(a);
	vmk_LockDomainDestroy(d2);
	vmk_LockDomainDestroy(d1);
}

static void vmk_spinlock_release_order(struct kunit *test)
{
	vmk_LockDomainID domain = make_domain(test, "kunit-lifo");
	vmk_Lock first = make_lock(test, "kunit-first", VMK_SPINLOCK, domain, 1);
	vmk_Lock second = make_lock(test, "kunit-second", VMK_SPINLOCK_RW,
				    domain, 2);
	long before = vmk_core_spinlock_violations();
	VMK_ReturnStatus s1, s2;

	/* Out of order through the plain call: released, and reported. */
	s1 = vmk_SpinlockLock(first);
	s2 = vmk_SpinlockWriteLock(second);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlock(first);
	if (s2 == VMK_OK)
		vmk_SpinlockWriteUnlock(second);
	KUNIT_ASSERT_EQ(test, s1, VMK_OK);
	KUNIT_ASSERT_EQ(test, s2, VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_spinlock_violations(), before + 1);
	KUNIT_EXPECT_FALSE(test, vmk_core_spinlock_held(first, false));

	/* Through the out-of-order call: released, not reported. */
	s1 = vmk_SpinlockLock(first);
	s2 = vmk_SpinlockReadLock(second);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlockOutOfOrder(first);
	if (s2 == VMK_OK)
		vmk_SpinlockReadUnlock(second);
	KUNIT_ASSERT_EQ(test, s1, VMK_OK);
	KUNIT_ASSERT_EQ(test, s2, VMK_OK);
	s1 = vmk_SpinlockLock(first);
	s2 = vmk_SpinlockReadLock(second);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlockOutOfOrder(first);
	if (s2 == VMK_OK)
		vmk_SpinlockReadUnlockOutOfOrder(second);
	KUNIT_ASSERT_EQ(test, s1, VMK_OK);
	KUNIT_ASSERT_EQ(test, s2, VMK_OK);
	s1 = vmk_SpinlockLock(first);
	s2 = vmk_SpinlockWriteLock(second);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlockOutOfOrder(first);
	if (s2 == VMK_OK)
		vmk_SpinlockWriteUnlockOutOfOrder(second);
	KUNIT_ASSERT_EQ(test, s1, VMK_OK);
	KUNIT_ASSERT_EQ(test, s2, VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_spinlock_violations(), before + 1);

	/* Every release left the held stack: "first" is takeable again. */
	s1 = vmk_SpinlockLock(first);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlock(first);
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);

	vmk_SpinlockDestroy(second);
	vmk_SpinlockDestroy(first);
	vmk_LockDomainDestroy(domain);
}

/*
 * One creation site however often it is called: never inlined, and the
 * barrier after the call keeps it from becoming a tail call (whose site
 * would be each caller's).
 */
static noinline VMK_ReturnStatus create_at_one_site(vmk_SpinlockCreateProps *props,
						    vmk_Lock *lock)
{
	VMK_ReturnStatus status = vmk_SpinlockCreate(props, lock);

	barrier();
	return status;
}

static void vmk_spinlock_lockdep_classes(struct kunit *test)
{
	vmk_SpinlockCreateProps props;
	vmk_Lock site_a, site_b, same[2];
	int i;

	if (!IS_ENABLED(CONFIG_LOCKDEP))
		kunit_skip(test, "needs lockdep");
	props_init(&props, "kunit-class", VMK_SPINLOCK, VMK_LOCKDOMAIN_INVALID,
		   VMK_SPINLOCK_UNRANKED);
	KUNIT_ASSERT_EQ(test, vmk_SpinlockCreate(&props, &site_a), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_SpinlockCreate(&props, &site_b), VMK_OK);
	for (i = 0; i < 2; i++)
		KUNIT_ASSERT_EQ(test, create_at_one_site(&props, &same[i]),
				VMK_OK);

	KUNIT_EXPECT_NOT_NULL(test, vmk_core_spinlock_class(site_a));
	KUNIT_EXPECT_NOT_NULL(test, vmk_core_spinlock_class(site_b));
	KUNIT_EXPECT_PTR_NE(test, vmk_core_spinlock_class(site_a),
			    vmk_core_spinlock_class(site_b));
	KUNIT_EXPECT_PTR_EQ(test, vmk_core_spinlock_class(same[0]),
			    vmk_core_spinlock_class(same[1]));
	KUNIT_EXPECT_PTR_NE(test, vmk_core_spinlock_class(same[0]),
			    vmk_core_spinlock_class(site_a));

	/*
	 * Nest two locks of different sites both ways round in turn: with
	 * distinct classes lockdep records a dependency, and a single shared
	 * class would be reported as recursive locking.
	 */
	if (vmk_SpinlockLock(site_a) == VMK_OK) {
		vmk_SpinlockLockIgnoreDeathPending(same[0]);
		vmk_SpinlockUnlock(same[0]);
		vmk_SpinlockUnlock(site_a);
	}

	for (i = 0; i < 2; i++)
		vmk_SpinlockDestroy(same[i]);
	vmk_SpinlockDestroy(site_b);
	vmk_SpinlockDestroy(site_a);
}

/* ---- threads ------------------------------------------------------------ */

struct hammer {
	vmk_Lock lock;
	unsigned int iterations;
	unsigned long counter;		/* plain: the lock protects it */
	atomic_t readers, writers, overlap, reader_pairs;
	struct completion done[4];
	int index[4];
};

static int hammer_spin(void *arg)
{
	int *index = arg;
	struct hammer *h = container_of(index - *index, struct hammer, index[0]);
	unsigned int i;

	for (i = 0; i < h->iterations; i++) {
		if (*index & 1) {
			vmk_SpinlockLockIgnoreDeathPending(h->lock);
		} else if (vmk_SpinlockLock(h->lock) != VMK_OK) {
			atomic_inc(&h->overlap);
			continue;
		}
		h->counter++;
		vmk_SpinlockUnlock(h->lock);
		if (!(i % 64))
			cond_resched();
	}
	kthread_complete_and_exit(&h->done[*index], 0);
}

static void run_threads(struct kunit *test, struct hammer *h,
			int (*fn)(void *), int n)
{
	struct task_struct *t;
	int i;

	for (i = 0; i < n; i++) {
		init_completion(&h->done[i]);
		h->index[i] = i;
	}
	for (i = 0; i < n; i++) {
		t = kthread_run(fn, &h->index[i], "vmk-kunit-%d", i);
		if (IS_ERR(t)) {
			KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
			complete(&h->done[i]);
		}
	}
	for (i = 0; i < n; i++)
		wait_for_completion(&h->done[i]);
}

static void vmk_spinlock_hammer(struct kunit *test)
{
	struct hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->lock = make_lock(test, "kunit-hammer", VMK_SPINLOCK,
			    VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED);
	h->iterations = 3000;
	run_threads(test, h, hammer_spin, 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&h->overlap), 0);
	KUNIT_EXPECT_EQ(test, h->counter, 4UL * h->iterations);
	vmk_SpinlockDestroy(h->lock);
}

/* Two readers meet inside the lock: read holds are shared. */
static int reader_meet(void *arg)
{
	int *index = arg;
	struct hammer *h = container_of(index - *index, struct hammer, index[0]);
	unsigned long deadline = jiffies + PEER_WAIT;

	if (vmk_SpinlockReadLock(h->lock) == VMK_OK) {
		vmk_SpinlockAssertReaderHeldByWorld(h->lock);
		atomic_inc(&h->readers);
		while (atomic_read(&h->readers) < 2 &&
		       time_before(jiffies, deadline))
			cpu_relax();
		if (atomic_read(&h->readers) >= 2)
			atomic_inc(&h->reader_pairs);
		vmk_SpinlockReadUnlock(h->lock);
	}
	kthread_complete_and_exit(&h->done[*index], 0);
}

/* Writers alone, readers among readers only. */
static int rw_mix(void *arg)
{
	int *index = arg;
	struct hammer *h = container_of(index - *index, struct hammer, index[0]);
	unsigned int i;

	for (i = 0; i < h->iterations; i++) {
		if (*index & 1) {
			if (vmk_SpinlockWriteLock(h->lock) != VMK_OK)
				continue;
			if (atomic_inc_return(&h->writers) != 1 ||
			    atomic_read(&h->readers))
				atomic_inc(&h->overlap);
			h->counter++;
			atomic_dec(&h->writers);
			vmk_SpinlockWriteUnlock(h->lock);
		} else {
			if (vmk_SpinlockReadLock(h->lock) != VMK_OK)
				continue;
			atomic_inc(&h->readers);
			if (atomic_read(&h->writers))
				atomic_inc(&h->overlap);
			atomic_dec(&h->readers);
			vmk_SpinlockReadUnlock(h->lock);
		}
		if (!(i % 64))
			cond_resched();
	}
	kthread_complete_and_exit(&h->done[*index], 0);
}

static void ignore_death_ranked(struct kunit *test)
{
	vmk_LockDomainID domain = make_domain(test, "kunit-ignore");
	vmk_Lock spin = make_lock(test, "kunit-ign-spin", VMK_SPINLOCK,
				  domain, 1);
	vmk_Lock rw = make_lock(test, "kunit-ign-rw", VMK_SPINLOCK_RW,
				domain, 2);
	long before = vmk_core_spinlock_violations();
	bool held[3];

	vmk_SpinlockLockIgnoreDeathPending(spin);
	vmk_SpinlockReadLockIgnoreDeathPending(rw);
	held[0] = vmk_core_spinlock_held(spin, false);
	held[1] = vmk_core_spinlock_held(rw, true);
	vmk_SpinlockReadUnlock(rw);
	vmk_SpinlockWriteLockIgnoreDeathPending(rw);
	held[2] = vmk_core_spinlock_held(rw, false);
	vmk_SpinlockWriteUnlock(rw);
	vmk_SpinlockUnlock(spin);
	KUNIT_EXPECT_TRUE(test, held[0]);
	KUNIT_EXPECT_TRUE(test, held[1]);
	KUNIT_EXPECT_TRUE(test, held[2]);
	KUNIT_EXPECT_EQ(test, vmk_core_spinlock_violations(), before);

	vmk_SpinlockDestroy(rw);
	vmk_SpinlockDestroy(spin);
	vmk_LockDomainDestroy(domain);
}

static void vmk_spinlock_rw_semantics(struct kunit *test)
{
	struct hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	VMK_ReturnStatus status;
	bool writer_held = false, reader_held = true;

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->lock = make_lock(test, "kunit-rw", VMK_SPINLOCK_RW,
			    VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED);

	status = vmk_SpinlockWriteLock(h->lock);
	if (status == VMK_OK) {
		vmk_SpinlockAssertHeldByWorld(h->lock);
		writer_held = vmk_core_spinlock_held(h->lock, false);
		reader_held = vmk_core_spinlock_held(h->lock, true);
		vmk_SpinlockWriteUnlock(h->lock);
	}
	KUNIT_ASSERT_EQ(test, status, VMK_OK);
	KUNIT_EXPECT_TRUE(test, writer_held);
	if (IS_ENABLED(CONFIG_LOCKDEP))
		KUNIT_EXPECT_FALSE(test, reader_held);
	KUNIT_EXPECT_FALSE(test, vmk_core_spinlock_held(h->lock, false));

	/* The cleanup variants, unranked (fast path) and ranked (slow). */
	vmk_SpinlockReadLockIgnoreDeathPending(h->lock);
	reader_held = vmk_core_spinlock_held(h->lock, true);
	vmk_SpinlockReadUnlock(h->lock);
	KUNIT_EXPECT_TRUE(test, reader_held);
	vmk_SpinlockWriteLockIgnoreDeathPending(h->lock);
	writer_held = vmk_core_spinlock_held(h->lock, false);
	vmk_SpinlockWriteUnlock(h->lock);
	KUNIT_EXPECT_TRUE(test, writer_held);
	ignore_death_ranked(test);

	run_threads(test, h, reader_meet, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&h->reader_pairs), 2);

	atomic_set(&h->readers, 0);
	h->iterations = 2000;
	run_threads(test, h, rw_mix, 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&h->overlap), 0);
	KUNIT_EXPECT_EQ(test, h->counter, 2UL * h->iterations);
	vmk_SpinlockDestroy(h->lock);
}

struct dying {
	vmk_Lock lock;
	bool release;
	VMK_ReturnStatus status;
	struct completion held, contending, released;
};

/* Holds the lock until told to let go (or, if the test broke, a while). */
static int dying_holder(void *arg)
{
	struct dying *d = arg;
	unsigned long deadline = jiffies + PEER_WAIT;

	if (vmk_SpinlockLock(d->lock) == VMK_OK) {
		complete(&d->held);
		while (!READ_ONCE(d->release) && time_before(jiffies, deadline))
			cpu_relax();
		vmk_SpinlockUnlock(d->lock);
	} else {
		complete(&d->held);
	}
	kthread_complete_and_exit(&d->released, 0);
}

/* Contends for the lock; the test stops (destroys) this world meanwhile. */
static int dying_contender(void *arg)
{
	struct dying *d = arg;

	complete(&d->contending);
	d->status = vmk_SpinlockLock(d->lock);
	if (d->status == VMK_OK)
		vmk_SpinlockUnlock(d->lock);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void vmk_spinlock_death_pending(struct kunit *test)
{
	struct dying *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct task_struct *holder, *contender;

	KUNIT_ASSERT_NOT_NULL(test, d);
	d->lock = make_lock(test, "kunit-dying", VMK_SPINLOCK,
			    VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED);
	d->status = VMK_FAILURE;
	init_completion(&d->held);
	init_completion(&d->contending);
	init_completion(&d->released);

	holder = kthread_run(dying_holder, d, "vmk-kunit-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(holder));
	wait_for_completion(&d->held);

	contender = kthread_run(dying_contender, d, "vmk-kunit-dying");
	if (IS_ERR(contender)) {
		WRITE_ONCE(d->release, true);
		wait_for_completion(&d->released);
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(contender));
		return;
	}
	get_task_struct(contender);
	wait_for_completion(&d->contending);
	/* It contends (or is about to): destroying it must end the wait. */
	kthread_stop(contender);
	put_task_struct(contender);

	WRITE_ONCE(d->release, true);
	wait_for_completion(&d->released);
	KUNIT_EXPECT_EQ(test, d->status, VMK_DEATH_PENDING);
	KUNIT_EXPECT_FALSE(test, vmk_core_spinlock_held(d->lock, false));

	/* Free again once the holder let go. */
	KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(d->lock), VMK_OK);
	vmk_SpinlockUnlock(d->lock);
	vmk_SpinlockDestroy(d->lock);
}

static void vmk_spinlock_irq_variants(struct kunit *test)
{
	vmk_LockDomainID domain = make_domain(test, "kunit-irq");
	vmk_Lock irq = make_lock(test, "kunit-irq", VMK_SPINLOCK_IRQ,
				 VMK_LOCKDOMAIN_INVALID, VMK_SPINLOCK_UNRANKED);
	vmk_Lock r1 = make_lock(test, "kunit-irq-r1", VMK_SPINLOCK_IRQ,
				domain, 1);
	vmk_Lock r2 = make_lock(test, "kunit-irq-r2", VMK_SPINLOCK_IRQ,
				domain, 2);
	bool off_inside = false, on_after = false, off_after = false;
	bool held_inside = false;
	VMK_ReturnStatus s1, s2 = VMK_FAILURE;
	vmk_LockIRQL irql = VMK_SPINLOCK_IRQL_INVALID, irql2;
	unsigned long flags;

	KUNIT_EXPECT_EQ(test, vmk_SpinlockLock(irq), VMK_BAD_PARAM);

	/* Interrupts on: off inside, on again after. */
	s1 = vmk_SpinlockLockIRQ(irq, &irql);
	if (s1 == VMK_OK) {
		off_inside = irqs_disabled();
		vmk_SpinlockAssertHeldOnPCPU(irq);
		vmk_SpinlockAssertHeldByWorld(irq);
		held_inside = vmk_core_spinlock_held(irq, false);
		vmk_SpinlockUnlockIRQ(irq, irql);
		on_after = !irqs_disabled();
	}
	KUNIT_ASSERT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_TRUE(test, off_inside);
	KUNIT_EXPECT_TRUE(test, held_inside);
	KUNIT_EXPECT_TRUE(test, on_after);

	/* Interrupts already off: they stay off after the release. */
	local_irq_save(flags);
	s1 = vmk_SpinlockLockIRQ(irq, &irql);
	if (s1 == VMK_OK)
		vmk_SpinlockUnlockIRQOutOfOrder(irq, irql);
	off_after = irqs_disabled();
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_TRUE(test, off_after);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	/* Ranked IRQ locks in rank order. */
	s1 = vmk_SpinlockLockIRQ(r1, &irql);
	if (s1 == VMK_OK) {
		s2 = vmk_SpinlockLockIRQ(r2, &irql2);
		if (s2 == VMK_OK)
			vmk_SpinlockUnlockIRQ(r2, irql2);
		vmk_SpinlockUnlockIRQ(r1, irql);
	}
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_EQ(test, s2, VMK_OK);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	vmk_SpinlockDestroy(r2);
	vmk_SpinlockDestroy(r1);
	vmk_SpinlockDestroy(irq);
	vmk_LockDomainDestroy(domain);
}

static void vmk_spinlock_ranked_violation_irq(struct kunit *test)
{
	vmk_LockDomainID domain = make_domain(test, "kunit-irqv");
	vmk_Lock r1 = make_lock(test, "kunit-irqv-r1", VMK_SPINLOCK_IRQ,
				domain, 1);
	vmk_Lock r2 = make_lock(test, "kunit-irqv-r2", VMK_SPINLOCK_IRQ,
				domain, 2);
	VMK_ReturnStatus s1, s2 = VMK_OK;
	vmk_LockIRQL irql, irql2;
	bool still_off = false;

	s1 = vmk_SpinlockLockIRQ(r2, &irql);
	if (s1 == VMK_OK) {
		s2 = vmk_SpinlockLockIRQ(r1, &irql2);
		if (s2 == VMK_OK)
			vmk_SpinlockUnlockIRQ(r1, irql2);
		still_off = irqs_disabled();
		vmk_SpinlockUnlockIRQ(r2, irql);
	}
	KUNIT_EXPECT_EQ(test, s1, VMK_OK);
	KUNIT_EXPECT_EQ(test, s2, VMK_RANK_VIOLATION);
	KUNIT_EXPECT_TRUE(test, still_off);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());

	vmk_SpinlockDestroy(r2);
	vmk_SpinlockDestroy(r1);
	vmk_LockDomainDestroy(domain);
}

static void vmk_spinlock_module_resources(struct kunit *test)
{
	vmk_LockDomainID domain = make_domain(test, "kunit-res");
	vmk_Lock lock = make_lock(test, "kunit-res", VMK_SPINLOCK, domain, 3);

	/* A live lock (and its domain) keeps the module registered. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	vmk_SpinlockDestroy(lock);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	vmk_LockDomainDestroy(domain);
	/* Suite exit unregisters; it reports anything still held. */
}

static struct kunit_case vmk_spinlock_cases[] = {
	KUNIT_CASE(vmk_spinlock_create_bad_params),
	KUNIT_CASE(vmk_spinlock_bad_handles),
	KUNIT_CASE(vmk_spinlock_destroy_twice),
	KUNIT_CASE(vmk_spinlock_heap_accounting),
	KUNIT_CASE(vmk_lock_domain_lifecycle),
	KUNIT_CASE(vmk_spinlock_rank_order),
	KUNIT_CASE(vmk_spinlock_rank_two_domains),
	KUNIT_CASE(vmk_spinlock_release_order),
	KUNIT_CASE(vmk_spinlock_lockdep_classes),
	KUNIT_CASE(vmk_spinlock_hammer),
	KUNIT_CASE(vmk_spinlock_rw_semantics),
	KUNIT_CASE(vmk_spinlock_death_pending),
	KUNIT_CASE(vmk_spinlock_irq_variants),
	KUNIT_CASE(vmk_spinlock_ranked_violation_irq),
	KUNIT_CASE(vmk_spinlock_module_resources),
	{}
};

static struct kunit_suite vmk_spinlock_suite = {
	.name = "vmkapi_spinlock",
	.suite_init = suite_init,
	.suite_exit = suite_exit,
	.test_cases = vmk_spinlock_cases,
};
kunit_test_suite(vmk_spinlock_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API spinlocks and lock domains");
MODULE_LICENSE("GPL");
