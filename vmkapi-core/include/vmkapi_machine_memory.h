/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine (host physical) addresses (reference section 6.4,
 * core/vmkapi_machine_memory.h): translating between the kernel's
 * virtual addresses and the machine addresses behind them.
 *
 * Contexts: none of these blocks; each may be called from any context
 * but NMI, including an interrupt acknowledge, an interrupt handler and
 * NetPoll.
 */
#ifndef _VMKAPI_MACHINE_MEMORY_H_
#define _VMKAPI_MACHINE_MEMORY_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/*
 * vmk_MachMemMaxAddr - the highest machine address the CPU can address
 * (not the amount of memory installed).
 */
vmk_MA vmk_MachMemMaxAddr(void);

/*
 * vmk_VA2MA - the machine address behind va, for a buffer of length bytes
 * that the caller expects to be physically contiguous: heap memory, a
 * vmk_Map mapping of one contiguous range, a driver's static data.
 * VMK_BAD_PARAM: NULL ma or length 0.  VMK_INVALID_ADDRESS: some page of
 * the buffer is not mapped.  VMK_BAD_ADDR_RANGE: the buffer is mapped but
 * its pages are not physically consecutive, so no single machine address
 * describes it.
 */
VMK_ReturnStatus vmk_VA2MA(vmk_VA va, vmk_ByteCount length, vmk_MA *ma);

/*
 * vmk_MA2VA - the kernel virtual address of machine memory that the
 * kernel allocated (heap, memory pool pages): its address in the kernel's
 * linear map.  Arbitrary machine addresses, device memory included, must
 * be mapped with vmk_Map instead.  VMK_BAD_PARAM: NULL va or length 0.
 * VMK_INVALID_ADDRESS: some page of [ma, ma + length) is not RAM in the
 * linear map.
 */
VMK_ReturnStatus vmk_MA2VA(vmk_MA ma, vmk_ByteCount length, vmk_VA *va);

/*
 * vmk_MAGetConstraint - the tightest physical range constraint that ma
 * satisfies (below 2 GB, below 4 GB, below 512 GB, or any).
 */
vmk_MemPhysAddrConstraint vmk_MAGetConstraint(vmk_MA ma);

#endif /* _VMKAPI_MACHINE_MEMORY_H_ */
