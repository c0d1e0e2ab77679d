/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bit vectors (reference section 22).
 *
 * A vmk_BitVector holds n bits, numbered from 0, in 32-bit words (bit i
 * is bit i % 32 of word i / 32), allocated from a driver's heap with
 * vmk_BitVectorAlloc; vmk_BitVectorSize(n) is what one takes from the
 * heap, for sizing it.  The layout is the original's and is public
 * because the iteration macros read it; drivers otherwise only use the
 * pointer.  Bits at n and above in the last word are always zero.
 *
 * No call here takes a lock or blocks (except vmk_BitVectorAllocWithTimeout
 * with a non-zero timeout): all are usable in any context, including
 * interrupt acknowledge, interrupt handler and NetPoll.  Only the two
 * Atomic calls are safe against concurrent changes to the same vector;
 * the caller serialises everything else.
 *
 * Differences from the original, where it had no checks: Set, Clear,
 * Test and the Atomic calls are functions here rather than inline
 * assembly, so that a bit number >= n (or a NULL vector) is refused and
 * reported, never written past the vector; such a call changes nothing
 * and returns 0.  Fill sets only the n bits, not the padding in the last
 * word, so counts and searches never see phantom bits.
 */
#ifndef _VMKAPI_BITVECTOR_H_
#define _VMKAPI_BITVECTOR_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmk_BitVector {
	/* Number of bits. */
	vmk_uint32 n;
	/* Number of 32-bit words in vector[]. */
	vmk_uint32 nwords;
	vmk_uint32 vector[];
} vmk_BitVector;

/* Bytes a vector of @n bits takes from its heap. */
#define vmk_BitVectorSize(n)						\
	(sizeof(vmk_uint32) * 2 +					\
	 (((vmk_uint64)(n) + 31) / 32) * sizeof(vmk_uint32))

/*
 * vmk_BitVectorMaxSize - the largest n a vector can have: the largest
 * count whose rounding up to whole words still fits 32 bits.
 * Context: any; does not block.
 */
vmk_uint32 vmk_BitVectorMaxSize(void);

/*
 * vmk_BitVectorAlloc - a vector of @n bits, all clear, from @heap.
 * Context: any; does not block.
 * Returns NULL when the heap has no room, @heap is invalid or @n exceeds
 * vmk_BitVectorMaxSize().  @n may be 0 (an empty set).
 */
vmk_BitVector *vmk_BitVectorAlloc(vmk_HeapID heap, vmk_uint32 n);

/*
 * vmk_BitVectorAllocWithTimeout - as vmk_BitVectorAlloc, but waits up to
 * @timeoutMs for the heap to grow.
 * Context: may block when @timeoutMs is not 0 (then only where blocking
 * is allowed: not in interrupt acknowledge, interrupt handler or
 * NetPoll); otherwise as vmk_BitVectorAlloc.
 */
vmk_BitVector *vmk_BitVectorAllocWithTimeout(vmk_HeapID heap, vmk_uint32 n,
					     vmk_uint32 timeoutMs);

/*
 * vmk_BitVectorDuplicate - a new vector from @heap with the size and bits
 * of @src.  Context: any; does not block.  NULL on failure.
 */
vmk_BitVector *vmk_BitVectorDuplicate(vmk_HeapID heap,
				      const vmk_BitVector *src);

/*
 * vmk_BitVectorFree - give @bv back to @heap, the heap it came from.
 * NULL is ignored.  Context: any; does not block.
 */
void vmk_BitVectorFree(vmk_HeapID heap, vmk_BitVector *bv);

/*
 * Set, clear and test one bit.  Not atomic: a concurrent change to
 * another bit of the same 32-bit word may be lost.
 * Context: any; does not block.
 * vmk_BitVectorTest returns non-zero when the bit is set.
 */
void vmk_BitVectorSet(vmk_BitVector *bv, vmk_uint32 n);
void vmk_BitVectorClear(vmk_BitVector *bv, vmk_uint32 n);
int vmk_BitVectorTest(const vmk_BitVector *bv, vmk_uint32 n);

/*
 * Atomically set (clear) bit @n and return its previous value: non-zero
 * when it was set.  Fully ordered, like a locked read-modify-write, so
 * of several CPUs setting the same clear bit exactly one sees 0.
 * Context: any; does not block.
 */
int vmk_BitVectorAtomicTestAndSet(const vmk_BitVector *bv, vmk_uint32 n);
int vmk_BitVectorAtomicTestAndClear(const vmk_BitVector *bv, vmk_uint32 n);

/* Clear every bit / set every bit.  Context: any; does not block. */
void vmk_BitVectorZap(vmk_BitVector *bv);
void vmk_BitVectorFill(vmk_BitVector *bv);

/*
 * vmk_BitVectorGetRef - a pointer to byte @start of the bit storage, for
 * a caller that will use @nbytes bytes from there (byte order is that of
 * the 32-bit words: little endian on x86).
 * Context: any; does not block.
 * Returns NULL when the range does not lie inside the storage.
 */
vmk_uint8 *vmk_BitVectorGetRef(const vmk_BitVector *bv, vmk_uint32 start,
			       vmk_uint32 nbytes);

/* Number of set bits.  Context: any; does not block. */
vmk_uint32 vmk_BitVectorNumBitsSet(const vmk_BitVector *bv);

/*
 * vmk_BitVectorIsZero - non-zero when no bit is set.  (The original's
 * one-line description says the opposite of its name and summary; the
 * name is what callers read, so it is followed.)
 * Context: any; does not block.
 */
vmk_uint32 vmk_BitVectorIsZero(const vmk_BitVector *bv);

/*
 * vmk_BitVectorNextBit - the lowest bit at or after @start whose value is
 * @state (VMK_TRUE: set, VMK_FALSE: clear), in *@pos.
 * vmk_BitVectorPrevBit - the highest such bit at or before @start; a
 * @start past the end searches from the last bit.
 * Context: any; does not block.
 * Returns VMK_TRUE when one was found; *@pos is unchanged otherwise.  A
 * @start at or past n finds nothing going forwards (so a loop may simply
 * continue from the last hit + 1).
 */
vmk_Bool vmk_BitVectorNextBit(const vmk_BitVector *bv, vmk_uint32 start,
			      vmk_Bool state, vmk_uint32 *pos);
vmk_Bool vmk_BitVectorPrevBit(const vmk_BitVector *bv, vmk_uint32 start,
			      vmk_Bool state, vmk_uint32 *pos);

/*
 * Extents: runs of consecutive bits with the same value.
 *
 * vmk_BitVectorGetExtent - the value of bit @start in *@set and the
 * length of the run it begins, up to the end of the vector, in *@length.
 * A @start out of range gives VMK_FALSE and 0.
 *
 * vmk_BitVectorNextExtent - the first run of bits equal to @set that
 * starts at or after @startSearch: its first bit in *@startRun and its
 * length in *@length.  Returns VMK_TRUE when there is one (outputs are
 * unchanged otherwise).
 *
 * vmk_BitVectorSetExtent - set (@state VMK_TRUE) or clear @length bits
 * from @startRun.  Returns how many bits changed value: positive when
 * setting, negative when clearing.  (The original says "a count of the
 * number of bits set"; that the count is of bits that changed is our
 * reading, the one that lets a caller keep a running total.)  A range
 * that does not fit in the vector is refused: nothing changes, 0.
 *
 * vmk_BitVectorSetExtentFast - set @length bits from @startRun, with no
 * count.  A range that does not fit is refused.
 *
 * Context: any; none blocks.
 */
void vmk_BitVectorGetExtent(const vmk_BitVector *bv, vmk_uint32 start,
			    vmk_Bool *set, vmk_uint32 *length);
vmk_Bool vmk_BitVectorNextExtent(const vmk_BitVector *bv,
				 vmk_uint32 startSearch, vmk_Bool set,
				 vmk_uint32 *startRun, vmk_uint32 *length);
int vmk_BitVectorSetExtent(vmk_BitVector *bv, vmk_uint32 startRun,
			   vmk_uint32 length, vmk_Bool state);
void vmk_BitVectorSetExtentFast(vmk_BitVector *bv, vmk_uint32 startRun,
				vmk_uint32 length);

/*
 * vmk_BitVectorMerge - set in @dest every bit set in @src (over the bits
 * both have).  Returns how many bits of @dest this newly set.
 * vmk_BitVectorMergeAtOffset - the same with bit i of @src landing on bit
 * @offset + i of @dest; bits that would land past @dest's end are dropped.
 * Context: any; does not block.
 */
vmk_uint32 vmk_BitVectorMerge(vmk_BitVector *src, vmk_BitVector *dest);
void vmk_BitVectorMergeAtOffset(vmk_BitVector *src, vmk_BitVector *dest,
				vmk_uint32 offset);

/*
 * VMK_BITVECTOR_ITERATE(bv, n) { body } VMK_BITVECTOR_ENDITERATE()
 * runs the body once for each set bit of @bv, lowest first, with the
 * vmk_uint32 lvalue @n holding the bit number.  Each word is read once,
 * before its bits are visited, so bits the body sets or clears in the
 * current word do not change that word's visits.  continue moves on to
 * the next set bit, but break only ends the current 32-bit word, as the
 * body runs inside the macro's inner loops.  Bits at n and above are
 * never visited (nothing in this API sets them).
 *
 * VMK_BITVECTOR_ITERATE_AND_CLEAR is the same but clears each word as it
 * reads it; the vector is all clear afterwards.
 */
#define VMK_BITVECTOR_ITERATE(_bv, _n) {				\
	vmk_uint32 _vmkBvIdx;						\
	for (_vmkBvIdx = 0; _vmkBvIdx < (_bv)->nwords; _vmkBvIdx++) {	\
		vmk_uint32 _vmkBvWord = (_bv)->vector[_vmkBvIdx];	\
		while (_vmkBvWord != 0) {				\
			(_n) = _vmkBvIdx * 32 +				\
			       (vmk_uint32)__builtin_ctz(_vmkBvWord);	\
			_vmkBvWord &= _vmkBvWord - 1;			\
			if ((_n) < (_bv)->n)

#define VMK_BITVECTOR_ITERATE_AND_CLEAR(_bv, _n) {			\
	vmk_uint32 _vmkBvIdx;						\
	for (_vmkBvIdx = 0; _vmkBvIdx < (_bv)->nwords; _vmkBvIdx++) {	\
		vmk_uint32 _vmkBvWord = (_bv)->vector[_vmkBvIdx];	\
		(_bv)->vector[_vmkBvIdx] = 0;				\
		while (_vmkBvWord != 0) {				\
			(_n) = _vmkBvIdx * 32 +				\
			       (vmk_uint32)__builtin_ctz(_vmkBvWord);	\
			_vmkBvWord &= _vmkBvWord - 1;			\
			if ((_n) < (_bv)->n)

#define VMK_BITVECTOR_ENDITERATE() } } }

#endif /* _VMKAPI_BITVECTOR_H_ */
