/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packets (reference section 17.7; net/vmkapi_net_pkt.h in 2.3).
 *
 * A vmk_PktHandle is a Linux socket buffer: the handle pointer IS the
 * struct sk_buff, so a packet crosses between the driver and the Linux
 * stack without a copy or a wrapper allocation.  What the skb has no
 * field for (the queue ID, the must-checksum and checksum-verified flags
 * as the driver sees them, the RSS hash type) lives in skb->cb while the
 * uplink layer or the driver owns the packet, and is translated when the
 * packet is handed to the stack.
 *
 * Fragments: a packet whose frame length is 0 (just allocated, nothing
 * received into it yet) has one fragment, its whole buffer; otherwise the
 * fragments describe exactly the frame: the linear part first, then each
 * page fragment.  Fragment addresses are machine (physical) addresses to
 * be mapped with vmk_DMAMapElem.  The mapped area is the linear part.
 *
 * Like ESXi, there is no locking: one thread works on a packet at a time
 * and a packet is on at most one list.  Unless a comment says otherwise a
 * call never blocks and is allowed in every context a driver runs in:
 * interrupt acknowledge, interrupt handler, NetPoll, worlds.
 */
#ifndef _VMKAPI_NET_PKT_H_
#define _VMKAPI_NET_PKT_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct PktHandle vmk_PktHandle;

typedef enum vmk_PktRssType {
	VMK_PKT_RSS_TYPE_NONE = 0x00000000,
	VMK_PKT_RSS_TYPE_IPV4_TCP = 0x00000001,
	VMK_PKT_RSS_TYPE_IPV4 = 0x00000002,
	VMK_PKT_RSS_TYPE_IPV6_TCP = 0x00000003,
	VMK_PKT_RSS_TYPE_IPV6_EX = 0x00000004,
	VMK_PKT_RSS_TYPE_IPV6 = 0x00000005,
	VMK_PKT_RSS_TYPE_IPV6_TCP_EX = 0x00000006,
	VMK_PKT_RSS_TYPE_IPV4_UDP = 0x00000007,
	VMK_PKT_RSS_TYPE_IPV6_UDP = 0x00000008,
	VMK_PKT_RSS_TYPE_IPV6_UDP_EX = 0x00000009,
} vmk_PktRssType;

typedef enum vmk_PktAllocFlags {
	/* The buffer is below 4 GB of machine memory. */
	VMK_PKT_ALLOC_FROM_LOW_MEM = 0x00000001,
	/* Anywhere (high memory preferred on ESXi; no preference here). */
	VMK_PKT_ALLOC_FROM_HIGH_MEM = 0x00000002,
} vmk_PktAllocFlags;

/*
 * vmk_PktAlloc - a packet with one buffer of at least @len bytes (frame
 * length 0, no VLAN, priority 0, no offload flags, writable).
 * Context: any but NMI; never blocks.
 * Returns VMK_OK; VMK_BAD_PARAM for a NULL @pkt; VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_PktAlloc(vmk_ByteCountSmall len, vmk_PktHandle **pkt);

/*
 * vmk_PktAllocWithFlags - vmk_PktAlloc, with LOW_MEM: the buffer is
 * below 4 GB.  @allocFlags must have exactly one of the two flags.
 * Context and returns as vmk_PktAlloc, VMK_BAD_PARAM for bad flags.
 */
VMK_ReturnStatus vmk_PktAllocWithFlags(vmk_ByteCountSmall len,
				       vmk_PktAllocFlags allocFlags,
				       vmk_PktHandle **pkt);

/*
 * vmk_PktAllocForDMAEngine - vmk_PktAlloc with a buffer the engine can
 * address (its allocation constraint, see vmk_DMAGetAllocAddrConstraint),
 * for RX rings: map fragment 0 with vmk_DMAMapElem.
 * Context and returns as vmk_PktAlloc; VMK_BAD_PARAM also for an engine
 * that is not live.
 */
VMK_ReturnStatus vmk_PktAllocForDMAEngine(vmk_ByteCountSmall len,
					  vmk_DMAEngine dmaEngine,
					  vmk_PktHandle **pkt);

/*
 * vmk_PktRelease - free a packet (from a world, a NetPoll or an
 * interrupt handler: never from an acknowledge, use vmk_PktReleaseIRQ).
 * Never blocks.  A NULL packet is logged and ignored.
 */
void vmk_PktRelease(vmk_PktHandle *pkt);

/* vmk_PktReleaseIRQ - vmk_PktRelease allowed in every context. */
void vmk_PktReleaseIRQ(vmk_PktHandle *pkt);

/*
 * vmk_PktReleasePanic - vmk_PktRelease while the system panics (only
 * when vmk_SystemCheckState(VMK_SYSTEM_STATE_PANIC)); outside a panic
 * the call is logged and the packet is still freed.
 */
void vmk_PktReleasePanic(vmk_PktHandle *pkt);

/* VMK_FALSE once the buffer is shared with a clone. */
vmk_Bool vmk_PktIsBufDescWritable(const vmk_PktHandle *pkt);

/* Frame length: the bytes that will be delivered. */
vmk_ByteCountSmall vmk_PktFrameLenGet(vmk_PktHandle *pkt);

/*
 * vmk_PktFrameLenSet - set the frame length, up to the buffer's size
 * (grows or shrinks the linear part of a flat packet).
 * Returns VMK_OK; VMK_BAD_PARAM for a NULL packet or a length beyond the
 * buffer; VMK_READ_ONLY for a packet that is not writable.
 */
VMK_ReturnStatus vmk_PktFrameLenSet(vmk_PktHandle *pkt,
				    vmk_ByteCountSmall len);

/* VMK_TRUE if the frame is in at most one fragment. */
vmk_Bool vmk_PktIsFlatBuffer(vmk_PktHandle *pkt);

/* Length of the mapped area (the buffer of a packet with no frame yet). */
vmk_ByteCountSmall vmk_PktFrameMappedLenGet(const vmk_PktHandle *pkt);

/* VMK_TRUE if the whole frame is in the mapped area. */
vmk_Bool vmk_PktIsFullyMapped(vmk_PktHandle *pkt);

/* Virtual address of the first byte of the frame. */
vmk_VA vmk_PktFrameMappedPointerGet(const vmk_PktHandle *pkt);

/* 802.1p priority metadata (not the frame's header). */
vmk_VlanPriority vmk_PktPriorityGet(vmk_PktHandle *pkt);
/*
 * Set the priority; non-zero marks the packet for tag insertion.
 * Returns VMK_OK, VMK_BAD_PARAM for a NULL packet or a priority above 7.
 */
VMK_ReturnStatus vmk_PktPrioritySet(vmk_PktHandle *pkt,
				    vmk_VlanPriority priority);
void vmk_PktPriorityClear(vmk_PktHandle *pkt);

/* VLAN ID metadata (an RX driver that strips the tag puts it here). */
vmk_VlanID vmk_PktVlanIDGet(vmk_PktHandle *pkt);
/*
 * Set the VLAN ID; non-zero marks the packet for tag insertion.
 * Returns VMK_OK, VMK_BAD_PARAM for a NULL packet, VMK_BAD_VLANID above
 * 4094.
 */
VMK_ReturnStatus vmk_PktVlanIDSet(vmk_PktHandle *pkt, vmk_VlanID vid);
void vmk_PktVlanIDClear(vmk_PktHandle *pkt);
/* VMK_TRUE if a VLAN ID or a priority is set (tag to insert on TX). */
vmk_Bool vmk_PktMustVlanTag(vmk_PktHandle *pkt);

/*
 * RSS hash metadata.  Get: VMK_OK, VMK_NOT_FOUND when none is set,
 * VMK_BAD_PARAM for NULL arguments.  Set: VMK_OK, VMK_BAD_PARAM for a
 * NULL packet or an unknown type.
 */
VMK_ReturnStatus vmk_PktRssHashGet(vmk_PktHandle *pkt, vmk_uint32 *hash,
				   vmk_PktRssType *type);
VMK_ReturnStatus vmk_PktRssHashSet(vmk_PktHandle *pkt, vmk_uint32 hash,
				   vmk_PktRssType type);
void vmk_PktRssHashClear(vmk_PktHandle *pkt);

/*
 * Checksum verified (RX: the device checked the TCP/UDP checksum).
 * Set/Clear return VMK_OK, VMK_BAD_PARAM for NULL, VMK_READ_ONLY for a
 * packet that is not writable.
 */
vmk_Bool vmk_PktGetCsumVfd(const vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktSetCsumVfd(vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktClearCsumVfd(vmk_PktHandle *pkt);

/*
 * Must checksum (TX: the TCP/UDP checksum is to be computed and inserted,
 * by the device when the checksum capability is registered).  Set/Clear
 * return as above.
 */
vmk_Bool vmk_PktIsMustCsum(const vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktSetMustCsum(const vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktClearMustCsum(const vmk_PktHandle *pkt);

/*
 * Large TCP packet (TX: TSO to do with this MSS; RX: an LRO packet).
 * Set returns VMK_OK, VMK_BAD_PARAM for NULL or an MSS of 0,
 * VMK_READ_ONLY for a packet that is not writable.
 */
vmk_Bool vmk_PktIsLargeTcpPacket(const vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktSetLargeTcpPacket(vmk_PktHandle *pkt,
					  vmk_uint32 mss);
vmk_uint32 vmk_PktGetLargeTcpPacketMss(vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktClearLargeTcpPacket(const vmk_PktHandle *pkt);

/*
 * Copies.  Copy and Dup: an independent, writable, linear packet with
 * the same frame and metadata.  Clone: a packet sharing the buffer;
 * both become read-only (vmk_PktIsBufDescWritable).  All three return
 * VMK_OK, VMK_BAD_PARAM for NULL arguments, VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_PktCopy(vmk_PktHandle *pkt, vmk_PktHandle **copyPkt);
VMK_ReturnStatus vmk_PktDup(vmk_PktHandle *pkt, vmk_PktHandle **dupPkt);
VMK_ReturnStatus vmk_PktClone(vmk_PktHandle *pkt, vmk_PktHandle **clonePkt);

/*
 * The same with at least @headroomLen bytes of headroom in front of the
 * frame (returns as above).
 */
VMK_ReturnStatus vmk_PktCopyWithHeadroom(vmk_PktHandle *pkt,
					 vmk_uint16 headroomLen,
					 vmk_PktHandle **copyPkt);
VMK_ReturnStatus vmk_PktDupWithHeadroom(vmk_PktHandle *pkt,
					vmk_uint16 headroomLen,
					vmk_PktHandle **dupPkt);

/*
 * vmk_PktPartialCopy - a packet whose first @numBytes (at most the frame)
 * are private and writable; here the whole frame is copied, which the
 * contract allows (the private area may be larger).  @numBytes 0 is a
 * clone.  WithHeadroom: also @headroomLen bytes of headroom.  Returns
 * VMK_OK, VMK_BAD_PARAM for NULL arguments, VMK_FAILURE without memory.
 */
VMK_ReturnStatus vmk_PktPartialCopy(vmk_PktHandle *pkt,
				    vmk_ByteCountSmall numBytes,
				    vmk_PktHandle **copyPkt);
VMK_ReturnStatus vmk_PktPartialCopyWithHeadroom(vmk_PktHandle *pkt,
						vmk_ByteCountSmall numBytes,
						vmk_uint16 headroomLen,
						vmk_PktHandle **copyPkt);

/*
 * Headroom in front of the frame.  Push moves the frame start forward by
 * @headroomLen (the frame shrinks), Pull moves it back into headroom.
 * Both return VMK_OK, or VMK_FAILURE for a length the frame/headroom
 * does not have or a packet that is not writable.
 */
vmk_uint16 vmk_PktGetHeadroomLen(vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktPushHeadroom(vmk_PktHandle *pkt,
				     vmk_uint16 headroomLen);
VMK_ReturnStatus vmk_PktPullHeadroom(vmk_PktHandle *pkt,
				     vmk_uint16 headroomLen);

/*
 * vmk_PktCopyBytesOut - copy @length frame bytes from @offset to @buffer.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL pointers; VMK_READ_ERROR when
 * the range is beyond the frame.
 */
VMK_ReturnStatus vmk_PktCopyBytesOut(vmk_uint8 *buffer, vmk_ByteCount length,
				     vmk_uint32 offset, vmk_PktHandle *pkt);

/*
 * The fragments as a scatter-gather array of machine addresses (see the
 * top of this file).  The array and elements stay valid until the packet
 * is released or its frame changes; NULL for a NULL packet, an index
 * past the last fragment, or (for the array of a multi-fragment packet)
 * no memory.
 */
const vmk_SgArray *vmk_PktSgArrayGet(vmk_PktHandle *pkt);
vmk_ByteCountSmall vmk_PktSgArrayTotalLenGet(vmk_PktHandle *pkt);
const vmk_SgElem *vmk_PktSgElemGet(vmk_PktHandle *pkt, vmk_uint16 entryIdx);

/*
 * vmk_PktTrim - keep the first @bytesToKeep bytes of the frame.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL or more bytes than the frame
 * has; VMK_READ_ONLY for a packet that is not writable.
 */
VMK_ReturnStatus vmk_PktTrim(vmk_PktHandle *pkt,
			     vmk_ByteCountSmall bytesToKeep);

/*
 * vmk_PktPadFrame - pad the frame with zeroes to the minimum Ethernet
 * frame length (vmk_PktMinEthFrameLenGet; +4 with a VLAN tag to insert).
 * Returns VMK_OK; VMK_BAD_PARAM for NULL; VMK_FAILURE without memory.
 */
VMK_ReturnStatus vmk_PktPadFrame(vmk_PktHandle *pkt);
/* 60: the minimum Ethernet frame without its FCS. */
vmk_ByteCountSmall vmk_PktMinEthFrameLenGet(void);

#endif /* _VMKAPI_NET_PKT_H_ */
