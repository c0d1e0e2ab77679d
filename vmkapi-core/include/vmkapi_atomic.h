/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 64-bit atomics and CPU memory fences (reference section 22,
 * base/vmkapi_atomic.h and the fences of base/vmkapi_platform.h).
 *
 * Everything here is inline, over the compiler's __atomic builtins, so a
 * driver's hot path pays no call.  Ordering: on ESXi every read-modify-
 * write is a lock-prefixed x86 instruction and therefore a full barrier,
 * and drivers written there lean on that.  So every read-modify-write here,
 * including the ones that return nothing, is sequentially consistent (a
 * full barrier, like Linux's value-returning atomic64_*() and stronger
 * than its void ones).  vmk_AtomicRead64 is an acquire load and
 * vmk_AtomicWrite64 a release store: a plain mov on x86, as on ESXi, and
 * the same x86 ordering where the CPU is weaker.
 *
 * None of these block; all are callable from any context (interrupt
 * acknowledge, interrupt handler, NetPoll, NMI).
 */
#ifndef _VMKAPI_ATOMIC_H_
#define _VMKAPI_ATOMIC_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/*
 * An atomic unsigned 64-bit integer.  It must be 8-byte aligned: a
 * misaligned one (e.g. inside a packed struct, where the compiler drops
 * the alignment) is not atomic, and a lock-prefixed access that splits a
 * cache line is reported by the kernel's split-lock detection.  Debug
 * builds (VMX86_DEBUG) check the alignment on every access.
 *
 * The API makes the type volatile, so that even a plain access by a driver
 * is a real load or store (spelled __volatile__, GCC's alternate keyword,
 * as in the asm statements below).
 */
typedef __volatile__ vmk_uint64 vmk_atomic64 __attribute__((aligned(8)));

/*
 * Set when atomics must be followed by a read fence (a CPU erratum); for
 * hand-written assembly only, C code uses the prologue/epilogue below.
 * Always VMK_FALSE: no CPU Linux supports needs it.
 */
extern vmk_Bool vmk_AtomicUseFence;

/* Errata hooks around atomic sequences; nothing to do on current CPUs. */
static inline void vmk_AtomicPrologue(void)
{
}

static inline void vmk_AtomicEpilogue(void)
{
}

#define VMK_ATOMIC_CHECK_ALIGNED_(var)					\
	VMK_ASSERT(((vmk_uintptr_t)(var) & (sizeof(vmk_uint64) - 1)) == 0, \
		   "misaligned vmk_atomic64 %p",			\
		   (void *)(vmk_uintptr_t)(var))

/* Atomically add 1 to *var. */
static inline void vmk_AtomicInc64(vmk_atomic64 *var)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	__atomic_fetch_add(var, 1, __ATOMIC_SEQ_CST);
}

/* Atomically subtract 1 from *var. */
static inline void vmk_AtomicDec64(vmk_atomic64 *var)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	__atomic_fetch_sub(var, 1, __ATOMIC_SEQ_CST);
}

/* Atomically add val to *var (wraps modulo 2^64). */
static inline void vmk_AtomicAdd64(vmk_atomic64 *var, vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	__atomic_fetch_add(var, val, __ATOMIC_SEQ_CST);
}

/* Atomically subtract val from *var (wraps modulo 2^64). */
static inline void vmk_AtomicSub64(vmk_atomic64 *var, vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	__atomic_fetch_sub(var, val, __ATOMIC_SEQ_CST);
}

/* Atomically *var |= val. */
static inline void vmk_AtomicOr64(vmk_atomic64 *var, vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	__atomic_fetch_or(var, val, __ATOMIC_SEQ_CST);
}

/* Atomically *var &= val. */
static inline void vmk_AtomicAnd64(vmk_atomic64 *var, vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	__atomic_fetch_and(var, val, __ATOMIC_SEQ_CST);
}

/* Atomically *var ^= val. */
static inline void vmk_AtomicXor64(vmk_atomic64 *var, vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	__atomic_fetch_xor(var, val, __ATOMIC_SEQ_CST);
}

/* The current value of *var: one untorn 64-bit load (acquire). */
static inline vmk_uint64 vmk_AtomicRead64(vmk_atomic64 const *var)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	return __atomic_load_n(var, __ATOMIC_ACQUIRE);
}

/*
 * Set *var to val: one untorn 64-bit store (release), never split into
 * two 32-bit stores even for a constant.
 */
static inline void vmk_AtomicWrite64(vmk_atomic64 *var, vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	__atomic_store_n(var, val, __ATOMIC_RELEASE);
}

/* Atomically exchange: set *var to val and return what it held. */
static inline vmk_uint64 vmk_AtomicReadWrite64(vmk_atomic64 *var,
					       vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	return __atomic_exchange_n(var, val, __ATOMIC_SEQ_CST);
}

/*
 * Compare and exchange: if *var == old, set it to new.  Returns the value
 * *var held before: old when the write happened, otherwise the current
 * (unmodified) value.  A full barrier whether or not it writes.
 */
static inline vmk_uint64 vmk_AtomicReadIfEqualWrite64(vmk_atomic64 *var,
						      vmk_uint64 old,
						      vmk_uint64 new)
{
	vmk_uint64 seen = old;

	VMK_ATOMIC_CHECK_ALIGNED_(var);
	/* On failure the builtin stores what it found into seen. */
	__atomic_compare_exchange_n(var, &seen, new, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return seen;
}

/* Atomically add val to *var; returns the value before the addition. */
static inline vmk_uint64 vmk_AtomicReadAdd64(vmk_atomic64 *var,
					     vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	return __atomic_fetch_add(var, val, __ATOMIC_SEQ_CST);
}

/* Atomically add 1; returns the value before the increment. */
static inline vmk_uint64 vmk_AtomicReadInc64(vmk_atomic64 *var)
{
	return vmk_AtomicReadAdd64(var, 1);
}

/* Atomically subtract 1; returns the value before the decrement. */
static inline vmk_uint64 vmk_AtomicReadDec64(vmk_atomic64 *var)
{
	return vmk_AtomicReadAdd64(var, (vmk_uint64)-1);
}

/* Atomically *var |= val; returns the value before the operation. */
static inline vmk_uint64 vmk_AtomicReadOr64(vmk_atomic64 *var, vmk_uint64 val)
{
	VMK_ATOMIC_CHECK_ALIGNED_(var);
	return __atomic_fetch_or(var, val, __ATOMIC_SEQ_CST);
}

/*
 * CPU memory fences.  They order accesses to device memory (MMIO, DMA
 * buffers, write-combining BARs) as well as normal memory, so they are
 * the instructions Linux's rmb()/wmb()/mb() use on x86-64, not compiler
 * thread fences (which may compile to nothing).  Each is also a compiler
 * barrier.  Any context.
 */
#if defined(__x86_64__)
/* Loads before the fence complete before loads after it. */
static inline void vmk_CPUMemFenceRead(void)
{
	__asm__ __volatile__("lfence" : : : "memory");
}

/* Stores before the fence are globally visible before stores after it. */
static inline void vmk_CPUMemFenceWrite(void)
{
	__asm__ __volatile__("sfence" : : : "memory");
}

/* All loads and stores before the fence complete before any after it. */
static inline void vmk_CPUMemFenceReadWrite(void)
{
	__asm__ __volatile__("mfence" : : : "memory");
}
#else
#error "vmkapi: the CPU memory fences are defined for x86-64 only"
#endif

#endif /* _VMKAPI_ATOMIC_H_ */
