/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Byte order (reference section 22, lib/vmkapi_bits.h).
 *
 * Conversions between the CPU's byte order and big endian, the order of
 * network headers and of most device registers described as such.  Each
 * is its own inverse, so the ToCPU forms are the same swap.  Pure
 * computations on compiler builtins: no call blocks, all are callable
 * from any context (interrupt acknowledge, interrupt handler, NetPoll),
 * and a constant argument folds at compile time.
 */
#ifndef _VMKAPI_BITS_H_
#define _VMKAPI_BITS_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define __VMK_BE16(x)	((vmk_uint16)(x))
#define __VMK_BE32(x)	((vmk_uint32)(x))
#define __VMK_BE64(x)	((vmk_uint64)(x))
#else
#define __VMK_BE16(x)	__builtin_bswap16(x)
#define __VMK_BE32(x)	__builtin_bswap32(x)
#define __VMK_BE64(x)	__builtin_bswap64(x)
#endif

/* vmk_CPUToBE64 - @x in big-endian order.  Context: any; does not block. */
static inline vmk_uint64 vmk_CPUToBE64(vmk_uint64 x)
{
	return __VMK_BE64(x);
}

/* vmk_BE64ToCPU - big-endian @x in CPU order.  Context: any; no block. */
static inline vmk_uint64 vmk_BE64ToCPU(vmk_uint64 x)
{
	return __VMK_BE64(x);
}

/* vmk_CPUToBE32 - @x in big-endian order.  Context: any; does not block. */
static inline vmk_uint32 vmk_CPUToBE32(vmk_uint32 x)
{
	return __VMK_BE32(x);
}

/* vmk_BE32ToCPU - big-endian @x in CPU order.  Context: any; no block. */
static inline vmk_uint32 vmk_BE32ToCPU(vmk_uint32 x)
{
	return __VMK_BE32(x);
}

/* vmk_CPUToBE16 - @x in big-endian order.  Context: any; does not block. */
static inline vmk_uint16 vmk_CPUToBE16(vmk_uint16 x)
{
	return __VMK_BE16(x);
}

/* vmk_BE16ToCPU - big-endian @x in CPU order.  Context: any; no block. */
static inline vmk_uint16 vmk_BE16ToCPU(vmk_uint16 x)
{
	return __VMK_BE16(x);
}

#endif /* _VMKAPI_BITS_H_ */
