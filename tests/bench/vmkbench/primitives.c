// SPDX-License-Identifier: GPL-2.0
/*
 * Microbenchmarks: each VMK primitive next to the Linux primitive it is
 * built on, in the same boot, the same loop shape and the same sizes.
 * Each row is printed as
 *
 *   vmkbench: row <name> <vmk ns/op x100> <linux ns/op x100> <iterations>
 *
 * for tests/bench/run to turn into a table.  Rounds of the two sides
 * alternate, so drift in the emulated clock hits both alike, and the
 * median round counts (robust against an interrupt landing in one).
 */
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/semaphore.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/timex.h>

#include "vmkbench.h"

static unsigned int iterations = 20000;
module_param(iterations, uint, 0444);
MODULE_PARM_DESC(iterations, "operations per round");

static unsigned int rounds = 9;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "rounds per side (the median is reported)");

#define BENCH_OBJ_SIZE	64
#define BENCH_MAX_ROUNDS 31

/* Objects both sides of a row work on, set up before timing. */
static struct {
	vmk_HeapID heap;
	vmk_SlabID slab;
	struct kmem_cache *cache;
	vmk_LockDomainID domain;
	vmk_Lock lock, ranked, rwlock;
	spinlock_t raw_lock;
	rwlock_t raw_rwlock;
	vmk_Semaphore sema;
	vmk_Mutex mutex;
	struct semaphore raw_sema;
	struct mutex raw_mutex;
} bench;

/*
 * Where each loop parks the object it allocated: a global store the
 * compiler cannot drop, so the allocation cannot be optimised away.
 */
static void *bench_sink;
/* A size the compiler cannot see, as a wrapper or a heap passes it. */
static size_t bench_runtime_size = BENCH_OBJ_SIZE;

static void vmk_heap_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		bench_sink = vmk_HeapAlloc(bench.heap, BENCH_OBJ_SIZE);
		vmk_HeapFree(bench.heap, bench_sink);
	}
}

static void linux_kmalloc_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		bench_sink = kmalloc(BENCH_OBJ_SIZE, GFP_NOWAIT);
		kfree(bench_sink);
	}
}

static void linux_kmalloc_runtime_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		bench_sink = kmalloc(READ_ONCE(bench_runtime_size), GFP_NOWAIT);
		kfree(bench_sink);
	}
}

static void vmk_slab_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		bench_sink = vmk_SlabAlloc(bench.slab);
		vmk_SlabFree(bench.slab, bench_sink);
	}
}

static void linux_kmem_cache_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		bench_sink = kmem_cache_alloc(bench.cache, GFP_NOWAIT);
		kmem_cache_free(bench.cache, bench_sink);
	}
}

/* Uncontended spinlocks: the driver's hottest path. */
static void vmk_spinlock_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		vmk_SpinlockLock(bench.lock);
		vmk_SpinlockUnlock(bench.lock);
	}
}

static void vmk_spinlock_ranked_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		vmk_SpinlockLock(bench.ranked);
		vmk_SpinlockUnlock(bench.ranked);
	}
}

static void linux_spin_lock_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		spin_lock(&bench.raw_lock);
		spin_unlock(&bench.raw_lock);
	}
}

static void vmk_spinlock_read_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		vmk_SpinlockReadLock(bench.rwlock);
		vmk_SpinlockReadUnlock(bench.rwlock);
	}
}

static void linux_read_lock_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		read_lock(&bench.raw_rwlock);
		read_unlock(&bench.raw_rwlock);
	}
}

/* Where clock readings go, for the same reason as bench_sink. */
static u64 bench_sink64;

/* The timer-cycle clock (local_clock()) against the raw TSC it rejected. */
static void vmk_timer_cycles(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		bench_sink64 += vmk_GetTimerCycles();
}

static void linux_get_cycles(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		bench_sink64 += get_cycles();
}

static void vmk_uptime(unsigned int n)
{
	vmk_TimeVal tv;
	unsigned int i;

	for (i = 0; i < n; i++) {
		vmk_GetUptime(&tv);
		bench_sink64 += tv.usec;
	}
}

static void linux_ktime_get_ts64(unsigned int n)
{
	struct timespec64 ts;
	unsigned int i;

	for (i = 0; i < n; i++) {
		ktime_get_ts64(&ts);
		bench_sink64 += ts.tv_nsec;
	}
}

static vmk_atomic64 bench_vmk_atomic;
static atomic64_t bench_linux_atomic;

static void vmk_atomic_cmpxchg(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		vmk_AtomicReadIfEqualWrite64(&bench_vmk_atomic, i, i + 1);
}

static void linux_atomic64_cmpxchg(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		atomic64_cmpxchg(&bench_linux_atomic, i, i + 1);
}

/* Uncontended: what every acquisition pays. */
static void vmk_sema_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		vmk_SemaLock(&bench.sema);
		vmk_SemaUnlock(&bench.sema);
	}
}

static void linux_sema_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		down(&bench.raw_sema);
		up(&bench.raw_sema);
	}
}

static void vmk_mutex_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		vmk_MutexLock(bench.mutex);
		vmk_MutexUnlock(bench.mutex);
	}
}

static void linux_mutex_pair(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		mutex_lock(&bench.raw_mutex);
		mutex_unlock(&bench.raw_mutex);
	}
}

struct bench_row {
	const char *name;
	void (*vmk)(unsigned int n);
	void (*raw)(unsigned int n);
};

static const struct bench_row bench_rows[] = {
	{ "heap alloc+free 64B", vmk_heap_pair, linux_kmalloc_pair },
	{ "heap vs kmalloc(runtime size)", vmk_heap_pair,
	  linux_kmalloc_runtime_pair },
	{ "slab alloc+free 64B", vmk_slab_pair, linux_kmem_cache_pair },
	{ "spinlock lock+unlock", vmk_spinlock_pair, linux_spin_lock_pair },
	{ "ranked spinlock lock+unlock", vmk_spinlock_ranked_pair,
	  linux_spin_lock_pair },
	{ "rw spinlock read lock+unlock", vmk_spinlock_read_pair,
	  linux_read_lock_pair },
	{ "binary sema lock+unlock", vmk_sema_pair, linux_sema_pair },
	{ "mutex lock+unlock", vmk_mutex_pair, linux_mutex_pair },
	{ "timer cycles vs get_cycles", vmk_timer_cycles, linux_get_cycles },
	{ "uptime vs ktime_get_ts64", vmk_uptime, linux_ktime_get_ts64 },
	{ "atomic64 cmpxchg", vmk_atomic_cmpxchg, linux_atomic64_cmpxchg },
};

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Nanoseconds per operation x100 for one round. */
static u64 bench_round(void (*fn)(unsigned int n))
{
	u64 start = local_clock();

	fn(iterations);
	return div_u64((local_clock() - start) * 100, iterations);
}

static void bench_run(const struct bench_row *row)
{
	u64 vmk[BENCH_MAX_ROUNDS], lin[BENCH_MAX_ROUNDS];
	unsigned int r;

	/* Warm both paths: caches, the slab's free list, kmalloc's slabs. */
	row->vmk(iterations / 10);
	row->raw(iterations / 10);
	for (r = 0; r < rounds; r++) {
		vmk[r] = bench_round(row->vmk);
		lin[r] = bench_round(row->raw);
		cond_resched();
	}
	sort(vmk, rounds, sizeof(u64), cmp_u64, NULL);
	sort(lin, rounds, sizeof(u64), cmp_u64, NULL);
	pr_info("vmkbench: row %s|%llu|%llu|%u\n", row->name,
		vmk[rounds / 2], lin[rounds / 2], iterations);
}

static int bench_setup_sleeping_locks(void)
{
	vmk_MutexCreateProps props = {
		.moduleID = vmkbench_id,
		.heapID = bench.heap,
		.type = VMK_MUTEX,
	};

	sema_init(&bench.raw_sema, 1);
	mutex_init(&bench.raw_mutex);
	/* 2.3 semaphores come from the module's default heap. */
	vmk_ModuleSetHeapID(vmkbench_id, bench.heap);
	if (vmk_BinarySemaCreate(&bench.sema, vmkbench_id, "vmkbench") != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&props.className, "vmkbench");
	return vmk_MutexCreate(&props, &bench.mutex) == VMK_OK ? 0 : -ENOMEM;
}

static int bench_setup_locks(void)
{
	vmk_SpinlockCreateProps props = {
		.moduleID = vmkbench_id,
		.heapID = bench.heap,
		.type = VMK_SPINLOCK,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};
	vmk_Name name;

	spin_lock_init(&bench.raw_lock);
	rwlock_init(&bench.raw_rwlock);
	vmk_NameInitialize(&props.name, "vmkbench");
	if (vmk_SpinlockCreate(&props, &bench.lock) != VMK_OK)
		return -ENOMEM;
	props.type = VMK_SPINLOCK_RW;
	if (vmk_SpinlockCreate(&props, &bench.rwlock) != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&name, "vmkbench");
	if (vmk_LockDomainCreate(vmkbench_id, bench.heap, &name,
				 &bench.domain) != VMK_OK)
		return -ENOMEM;
	props.type = VMK_SPINLOCK;
	props.domain = bench.domain;
	props.rank = 1;
	if (vmk_SpinlockCreate(&props, &bench.ranked) != VMK_OK)
		return -ENOMEM;
	return bench_setup_sleeping_locks();
}

static int bench_setup(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = vmkbench_id,
		.max = 1 << 20,
	};
	vmk_SlabCreateProps slab_props = {
		.type = VMK_SLAB_TYPE_SIMPLE,
		.module = vmkbench_id,
		.objSize = BENCH_OBJ_SIZE,
		.maxObj = 1024,
	};

	vmk_NameInitialize(&heap_props.name, "vmkbench");
	if (vmk_HeapCreate(&heap_props, &bench.heap) != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&slab_props.name, "vmkbench");
	if (vmk_SlabCreate(&slab_props, &bench.slab) != VMK_OK)
		return -ENOMEM;
	/* Same object size as the slab's objects with their control part. */
	bench.cache = kmem_cache_create("vmkbench_linux",
					BENCH_OBJ_SIZE + vmk_SlabControlSize(),
					sizeof(void *), 0, NULL);
	if (!bench.cache)
		return -ENOMEM;
	return bench_setup_locks();
}

static void bench_teardown(void)
{
	if (bench.mutex)
		vmk_MutexDestroy(bench.mutex);
	if (bench.sema)
		vmk_SemaDestroy(&bench.sema);
	vmk_ModuleSetHeapID(vmkbench_id, VMK_INVALID_HEAP_ID);
	if (bench.ranked)
		vmk_SpinlockDestroy(bench.ranked);
	if (bench.domain)
		vmk_LockDomainDestroy(bench.domain);
	if (bench.rwlock)
		vmk_SpinlockDestroy(bench.rwlock);
	if (bench.lock)
		vmk_SpinlockDestroy(bench.lock);
	kmem_cache_destroy(bench.cache);
	if (bench.slab)
		vmk_SlabDestroy(bench.slab);
	if (bench.heap)
		vmk_HeapDestroy(bench.heap);
}

int vmkbench_primitives(void)
{
	unsigned int i;
	int ret;

	if (!iterations || !rounds || rounds > BENCH_MAX_ROUNDS)
		return -EINVAL;
	ret = bench_setup();
	if (!ret)
		for (i = 0; i < ARRAY_SIZE(bench_rows); i++)
			bench_run(&bench_rows[i]);
	bench_teardown();
	return ret;
}
