// SPDX-License-Identifier: GPL-2.0
/*
 * Bit vectors.
 *
 * The storage is the public layout of vmkapi_bitvector.h: 32-bit words.
 * Linux's bitmap helpers work on unsigned long, and would read (and, for
 * the atomic ops, write) 4 bytes past a vector with an odd word count,
 * so everything here works a u32 word at a time; the atomic calls use a
 * cmpxchg loop on the word, which is fully ordered like the original's
 * locked bit instruction.
 *
 * Bits past n in the last word are kept clear by every writer, so counts
 * and searches need not mask them (only Fill and the extent setters
 * could reach them, and they stop at n).
 */
#include "vmkapi_core.h"

#include <linux/bitops.h>
#include <linux/string.h>

/* The largest n whose round-up to 32 bits still fits a vmk_uint32. */
#define VMK_BV_MAX_BITS		(U32_MAX & ~31U)

/*
 * From the driver's heap, charged to its call site; a heap sized with
 * vmk_BitVectorSize() per vector holds them.  Heap memory is not zeroed.
 */
static vmk_BitVector *vmk_bv_mem_alloc(vmk_HeapID heap, u64 size,
				       vmk_uint32 timeout_ms,
				       unsigned long caller)
{
	if (size > U32_MAX)
		return NULL;
	if (timeout_ms)
		return vmk_HeapAllocWithTimeoutAndRA(heap, size, timeout_ms,
						     (void *)caller);
	return vmk_HeapAllocWithRA(heap, size, (void *)caller);
}

vmk_uint32 vmk_BitVectorMaxSize(void)
{
	return VMK_BV_MAX_BITS;
}
VMKAPI_EXPORT(vmk_BitVectorMaxSize);

static vmk_BitVector *vmk_bv_alloc(vmk_HeapID heap, vmk_uint32 n,
				   vmk_uint32 timeout_ms, unsigned long caller)
{
	vmk_BitVector *bv;

	if (n > VMK_BV_MAX_BITS) {
		vmk_core_bad_arg_from(caller, "bit vector of %u bits is too large",
				      n);
		return NULL;
	}
	bv = vmk_bv_mem_alloc(heap, vmk_BitVectorSize(n), timeout_ms, caller);
	if (!bv)
		return NULL;
	bv->n = n;
	bv->nwords = DIV_ROUND_UP(n, 32);
	memset(bv->vector, 0, bv->nwords * sizeof(bv->vector[0]));
	return bv;
}

vmk_BitVector *vmk_BitVectorAlloc(vmk_HeapID heap, vmk_uint32 n)
{
	return vmk_bv_alloc(heap, n, 0, _RET_IP_);
}
VMKAPI_EXPORT(vmk_BitVectorAlloc);

vmk_BitVector *vmk_BitVectorAllocWithTimeout(vmk_HeapID heap, vmk_uint32 n,
					     vmk_uint32 timeoutMs)
{
	if (timeoutMs)
		vmk_core_assert_may_block();
	return vmk_bv_alloc(heap, n, timeoutMs, _RET_IP_);
}
VMKAPI_EXPORT(vmk_BitVectorAllocWithTimeout);

vmk_BitVector *vmk_BitVectorDuplicate(vmk_HeapID heap, const vmk_BitVector *src)
{
	vmk_BitVector *bv;

	if (!src) {
		vmk_core_bad_arg("NULL source vector");
		return NULL;
	}
	bv = vmk_bv_alloc(heap, src->n, 0, _RET_IP_);
	if (bv)
		memcpy(bv->vector, src->vector,
		       src->nwords * sizeof(src->vector[0]));
	return bv;
}
VMKAPI_EXPORT(vmk_BitVectorDuplicate);

void vmk_BitVectorFree(vmk_HeapID heap, vmk_BitVector *bv)
{
	if (bv)
		vmk_HeapFree(heap, bv);
}
VMKAPI_EXPORT(vmk_BitVectorFree);

/* A bit number the caller may touch; reports the caller otherwise. */
static bool vmk_bv_bit_ok(const vmk_BitVector *bv, vmk_uint32 n,
			  unsigned long caller)
{
	if (unlikely(!bv)) {
		vmk_core_bad_arg_from(caller, "NULL bit vector");
		return false;
	}
	if (unlikely(n >= bv->n)) {
		vmk_core_bad_arg_from(caller, "bit %u of a %u-bit vector", n,
				      bv->n);
		return false;
	}
	return true;
}

static bool vmk_bv_ok(const vmk_BitVector *bv, unsigned long caller)
{
	if (unlikely(!bv)) {
		vmk_core_bad_arg_from(caller, "NULL bit vector");
		return false;
	}
	return true;
}

#define BV_MASK(n)	(1U << ((n) % 32))

void vmk_BitVectorSet(vmk_BitVector *bv, vmk_uint32 n)
{
	if (vmk_bv_bit_ok(bv, n, _RET_IP_))
		bv->vector[n / 32] |= BV_MASK(n);
}
VMKAPI_EXPORT(vmk_BitVectorSet);

void vmk_BitVectorClear(vmk_BitVector *bv, vmk_uint32 n)
{
	if (vmk_bv_bit_ok(bv, n, _RET_IP_))
		bv->vector[n / 32] &= ~BV_MASK(n);
}
VMKAPI_EXPORT(vmk_BitVectorClear);

int vmk_BitVectorTest(const vmk_BitVector *bv, vmk_uint32 n)
{
	if (!vmk_bv_bit_ok(bv, n, _RET_IP_))
		return 0;
	return !!(READ_ONCE(bv->vector[n / 32]) & BV_MASK(n));
}
VMKAPI_EXPORT(vmk_BitVectorTest);

/*
 * The API hands these a const vector (the original's prototypes do) yet
 * they modify it; the storage was never const, so the cast is sound.
 */
int vmk_BitVectorAtomicTestAndSet(const vmk_BitVector *bv, vmk_uint32 n)
{
	u32 *word, old;

	if (!vmk_bv_bit_ok(bv, n, _RET_IP_))
		return 0;
	word = (u32 *)&bv->vector[n / 32];
	old = READ_ONCE(*word);
	/* Always a cmpxchg, even when set, so the call is fully ordered. */
	while (!try_cmpxchg(word, &old, old | BV_MASK(n)))
		;
	return !!(old & BV_MASK(n));
}
VMKAPI_EXPORT(vmk_BitVectorAtomicTestAndSet);

int vmk_BitVectorAtomicTestAndClear(const vmk_BitVector *bv, vmk_uint32 n)
{
	u32 *word, old;

	if (!vmk_bv_bit_ok(bv, n, _RET_IP_))
		return 0;
	word = (u32 *)&bv->vector[n / 32];
	old = READ_ONCE(*word);
	while (!try_cmpxchg(word, &old, old & ~BV_MASK(n)))
		;
	return !!(old & BV_MASK(n));
}
VMKAPI_EXPORT(vmk_BitVectorAtomicTestAndClear);

void vmk_BitVectorZap(vmk_BitVector *bv)
{
	if (vmk_bv_ok(bv, _RET_IP_))
		memset(bv->vector, 0, bv->nwords * sizeof(bv->vector[0]));
}
VMKAPI_EXPORT(vmk_BitVectorZap);

/* Mask of the valid bits of word @i. */
static u32 vmk_bv_word_mask(const vmk_BitVector *bv, u32 i)
{
	if (i == bv->nwords - 1 && bv->n % 32)
		return (1U << (bv->n % 32)) - 1;
	return U32_MAX;
}

void vmk_BitVectorFill(vmk_BitVector *bv)
{
	u32 i;

	if (!vmk_bv_ok(bv, _RET_IP_))
		return;
	for (i = 0; i < bv->nwords; i++)
		bv->vector[i] = vmk_bv_word_mask(bv, i);
}
VMKAPI_EXPORT(vmk_BitVectorFill);

vmk_uint8 *vmk_BitVectorGetRef(const vmk_BitVector *bv, vmk_uint32 start,
			       vmk_uint32 nbytes)
{
	u64 bytes;

	if (!vmk_bv_ok(bv, _RET_IP_))
		return NULL;
	bytes = (u64)bv->nwords * sizeof(bv->vector[0]);
	if ((u64)start + nbytes > bytes) {
		vmk_core_bad_arg("bytes %u..+%u of a %llu-byte vector", start,
				 nbytes, bytes);
		return NULL;
	}
	return (vmk_uint8 *)bv->vector + start;
}
VMKAPI_EXPORT(vmk_BitVectorGetRef);

vmk_uint32 vmk_BitVectorNumBitsSet(const vmk_BitVector *bv)
{
	vmk_uint32 count = 0;
	u32 i;

	if (!vmk_bv_ok(bv, _RET_IP_))
		return 0;
	for (i = 0; i < bv->nwords; i++)
		count += hweight32(bv->vector[i] & vmk_bv_word_mask(bv, i));
	return count;
}
VMKAPI_EXPORT(vmk_BitVectorNumBitsSet);

vmk_uint32 vmk_BitVectorIsZero(const vmk_BitVector *bv)
{
	u32 i;

	if (!vmk_bv_ok(bv, _RET_IP_))
		return 1;
	for (i = 0; i < bv->nwords; i++)
		if (bv->vector[i] & vmk_bv_word_mask(bv, i))
			return 0;
	return 1;
}
VMKAPI_EXPORT(vmk_BitVectorIsZero);

/* Word @i with the bits equal to @state as ones, padding excluded. */
static u32 vmk_bv_word_as(const vmk_BitVector *bv, u32 i, bool state)
{
	u32 w = READ_ONCE(bv->vector[i]);

	return (state ? w : ~w) & vmk_bv_word_mask(bv, i);
}

/* First bit >= @start equal to @state, or bv->n. */
static u32 vmk_bv_next(const vmk_BitVector *bv, u32 start, bool state)
{
	u32 i, w;

	if (start >= bv->n)
		return bv->n;
	i = start / 32;
	w = vmk_bv_word_as(bv, i, state) & (U32_MAX << (start % 32));
	while (!w) {
		if (++i >= bv->nwords)
			return bv->n;
		w = vmk_bv_word_as(bv, i, state);
	}
	return i * 32 + __ffs(w);
}

/* Last bit <= @start equal to @state, or U32_MAX when there is none. */
static u32 vmk_bv_prev(const vmk_BitVector *bv, u32 start, bool state)
{
	u32 i, w;

	if (!bv->n)
		return U32_MAX;
	if (start >= bv->n)
		start = bv->n - 1;
	i = start / 32;
	w = vmk_bv_word_as(bv, i, state) & (U32_MAX >> (31 - start % 32));
	while (!w) {
		if (i-- == 0)
			return U32_MAX;
		w = vmk_bv_word_as(bv, i, state);
	}
	return i * 32 + __fls(w);
}

vmk_Bool vmk_BitVectorNextBit(const vmk_BitVector *bv, vmk_uint32 start,
			      vmk_Bool state, vmk_uint32 *pos)
{
	u32 bit;

	if (!bv || !pos) {
		vmk_core_bad_arg("bv %p pos %p", bv, pos);
		return VMK_FALSE;
	}
	bit = vmk_bv_next(bv, start, state);
	if (bit >= bv->n)
		return VMK_FALSE;
	*pos = bit;
	return VMK_TRUE;
}
VMKAPI_EXPORT(vmk_BitVectorNextBit);

vmk_Bool vmk_BitVectorPrevBit(const vmk_BitVector *bv, vmk_uint32 start,
			      vmk_Bool state, vmk_uint32 *pos)
{
	u32 bit;

	if (!bv || !pos) {
		vmk_core_bad_arg("bv %p pos %p", bv, pos);
		return VMK_FALSE;
	}
	bit = vmk_bv_prev(bv, start, state);
	if (bit == U32_MAX)
		return VMK_FALSE;
	*pos = bit;
	return VMK_TRUE;
}
VMKAPI_EXPORT(vmk_BitVectorPrevBit);

void vmk_BitVectorGetExtent(const vmk_BitVector *bv, vmk_uint32 start,
			    vmk_Bool *set, vmk_uint32 *length)
{
	bool state;

	if (!bv || !set || !length) {
		vmk_core_bad_arg("bv %p set %p length %p", bv, set, length);
		return;
	}
	if (start >= bv->n) {
		vmk_core_bad_arg("extent at bit %u of a %u-bit vector", start,
				 bv->n);
		*set = VMK_FALSE;
		*length = 0;
		return;
	}
	state = bv->vector[start / 32] & BV_MASK(start);
	*set = state ? VMK_TRUE : VMK_FALSE;
	*length = vmk_bv_next(bv, start, !state) - start;
}
VMKAPI_EXPORT(vmk_BitVectorGetExtent);

vmk_Bool vmk_BitVectorNextExtent(const vmk_BitVector *bv,
				 vmk_uint32 startSearch, vmk_Bool set,
				 vmk_uint32 *startRun, vmk_uint32 *length)
{
	u32 first;

	if (!bv || !startRun || !length) {
		vmk_core_bad_arg("bv %p startRun %p length %p", bv, startRun,
				 length);
		return VMK_FALSE;
	}
	first = vmk_bv_next(bv, startSearch, set);
	if (first >= bv->n)
		return VMK_FALSE;
	*startRun = first;
	*length = vmk_bv_next(bv, first, !set) - first;
	return VMK_TRUE;
}
VMKAPI_EXPORT(vmk_BitVectorNextExtent);

static bool vmk_bv_range_ok(const vmk_BitVector *bv, u32 start, u32 length,
			    unsigned long caller)
{
	if (!vmk_bv_ok(bv, caller))
		return false;
	if ((u64)start + length > bv->n) {
		vmk_core_bad_arg_from(caller, "bits %u..+%u of a %u-bit vector",
				      start, length, bv->n);
		return false;
	}
	return true;
}

/* Set or clear bits [start, start + length); how many changed. */
static u32 vmk_bv_set_range(vmk_BitVector *bv, u32 start, u32 length,
			    bool state)
{
	u32 changed = 0;

	while (length) {
		u32 i = start / 32, off = start % 32;
		u32 span = min(length, 32 - off);
		u32 mask = (span == 32 ? U32_MAX : (1U << span) - 1) << off;
		u32 w = bv->vector[i];

		if (state) {
			changed += hweight32(~w & mask);
			bv->vector[i] = w | mask;
		} else {
			changed += hweight32(w & mask);
			bv->vector[i] = w & ~mask;
		}
		start += span;
		length -= span;
	}
	return changed;
}

int vmk_BitVectorSetExtent(vmk_BitVector *bv, vmk_uint32 startRun,
			   vmk_uint32 length, vmk_Bool state)
{
	int changed;

	if (!vmk_bv_range_ok(bv, startRun, length, _RET_IP_))
		return 0;
	changed = vmk_bv_set_range(bv, startRun, length, state);
	return state ? changed : -changed;
}
VMKAPI_EXPORT(vmk_BitVectorSetExtent);

void vmk_BitVectorSetExtentFast(vmk_BitVector *bv, vmk_uint32 startRun,
				vmk_uint32 length)
{
	if (vmk_bv_range_ok(bv, startRun, length, _RET_IP_))
		vmk_bv_set_range(bv, startRun, length, true);
}
VMKAPI_EXPORT(vmk_BitVectorSetExtentFast);

vmk_uint32 vmk_BitVectorMerge(vmk_BitVector *src, vmk_BitVector *dest)
{
	vmk_uint32 added = 0;
	u32 i, words;

	if (!src || !dest) {
		vmk_core_bad_arg("src %p dest %p", src, dest);
		return 0;
	}
	words = min(src->nwords, dest->nwords);
	for (i = 0; i < words; i++) {
		u32 w = src->vector[i] & vmk_bv_word_mask(src, i) &
			vmk_bv_word_mask(dest, i);

		added += hweight32(w & ~dest->vector[i]);
		dest->vector[i] |= w;
	}
	return added;
}
VMKAPI_EXPORT(vmk_BitVectorMerge);

void vmk_BitVectorMergeAtOffset(vmk_BitVector *src, vmk_BitVector *dest,
				vmk_uint32 offset)
{
	u32 bit;

	if (!src || !dest) {
		vmk_core_bad_arg("src %p dest %p", src, dest);
		return;
	}
	/* Bit by bit: sources are small, and alignment rarely matches. */
	for (bit = vmk_bv_next(src, 0, true); bit < src->n;
	     bit = vmk_bv_next(src, bit + 1, true)) {
		u64 to = (u64)bit + offset;

		if (to >= dest->n)
			break;
		dest->vector[to / 32] |= BV_MASK((u32)to);
	}
}
VMKAPI_EXPORT(vmk_BitVectorMergeAtOffset);
