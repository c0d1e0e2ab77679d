// SPDX-License-Identifier: GPL-2.0
/*
 * Packets over sk_buff (reference section 17.7).
 *
 * The handle is the skb (see net.h for why and for skb->cb).  Metadata
 * maps onto the skb where Linux has a field for it, so nothing is
 * translated when a packet crosses to or from the stack: the VLAN tag
 * and priority are the hardware-accelerated tag, the large-TCP flag and
 * MSS are the GSO fields, the RSS hash is skb->hash.  The two checksum
 * flags are kept in the cb because they mean what the driver sees (TX:
 * compute; RX: verified), not what the stack's ip_summed means.
 *
 * Packets are allocated with GFP_ATOMIC, so every call works in every
 * context a driver has; releases pick the variant that is legal where
 * they run (dev_consume_skb_any), and the contract's stricter rule (no
 * vmk_PktRelease in an acknowledge) is asserted on debug kernels.
 */
#include "vmkapi_core.h"
#include "net.h"

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/mm.h>
#include <linux/slab.h>

#define VMK_PKT_MIN_ETH_LEN	ETH_ZLEN

static_assert(sizeof(struct vmk_pkt_cb) <= sizeof_field(struct sk_buff, cb));

bool vmk_core_pkt_check(const vmk_PktHandle *pkt, const char *api,
			unsigned long caller)
{
	if (unlikely(!pkt)) {
		vmk_core_bad_arg_api(api, caller, "NULL packet");
		return false;
	}
	if (unlikely(vmk_pkt_cb(vmk_pkt_skb(pkt))->magic != VMK_PKT_MAGIC)) {
		vmk_core_bad_arg_api(api, caller,
				     "%p is not a packet of the uplink layer",
				     pkt);
		return false;
	}
	return true;
}

#define vmk_pkt_ok(pkt)	vmk_core_pkt_check(pkt, __func__, _RET_IP_)

void vmk_core_pkt_adopt(struct sk_buff *skb, vmk_UplinkQueueID qid)
{
	struct vmk_pkt_cb *cb = vmk_pkt_cb(skb);

	memset(cb, 0, sizeof(*cb));
	cb->magic = VMK_PKT_MAGIC;
	cb->qid = qid;
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		cb->flags |= VMK_PKT_MUST_CSUM;
}

void vmk_core_pkt_unadopt(struct sk_buff *skb)
{
	struct vmk_pkt_cb *cb = vmk_pkt_cb(skb);

	kfree(cb->sg);
	memset(skb->cb, 0, sizeof(skb->cb));
}

void vmk_core_pkt_free_any(struct sk_buff *skb)
{
	vmk_core_pkt_unadopt(skb);
	dev_consume_skb_any(skb);
}

/* An skb of at least @len bytes, below @limit (0: anywhere) if asked. */
static struct sk_buff *vmk_pkt_alloc_skb(unsigned int len, phys_addr_t limit)
{
	unsigned int size, order;
	struct sk_buff *skb;
	struct page *page;

	skb = __netdev_alloc_skb(NULL, len, GFP_ATOMIC | __GFP_NOWARN);
	if (!skb)
		return NULL;
	if (!limit || virt_to_phys(skb->data) + len <= limit)
		return skb;
	/* Too high for the engine: whole pages from the 32-bit zone. */
	kfree_skb(skb);
	size = SKB_DATA_ALIGN(NET_SKB_PAD + len) +
	       SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
	order = get_order(size);
	page = alloc_pages(GFP_ATOMIC | __GFP_NOWARN | __GFP_COMP | GFP_DMA32,
			   order);
	if (!page)
		return NULL;
	skb = build_skb(page_address(page), PAGE_SIZE << order);
	if (!skb) {
		__free_pages(page, order);
		return NULL;
	}
	skb_reserve(skb, NET_SKB_PAD);
	if (virt_to_phys(skb->data) + len > limit) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

static VMK_ReturnStatus vmk_pkt_alloc(vmk_ByteCountSmall len,
				      phys_addr_t limit, vmk_PktHandle **pkt)
{
	struct sk_buff *skb;

	skb = vmk_pkt_alloc_skb(len, limit);
	if (!skb)
		return VMK_NO_MEMORY;
	vmk_core_pkt_adopt(skb, VMK_UPLINK_QUEUE_DEFAULT_QUEUEID);
	vmk_pkt_cb(skb)->buf_len = len;
	vmk_pkt_cb(skb)->flags |= VMK_PKT_ALLOCATED;
	*pkt = vmk_skb_pkt(skb);
	return VMK_OK;
}

VMK_ReturnStatus vmk_PktAlloc(vmk_ByteCountSmall len, vmk_PktHandle **pkt)
{
	if (!pkt) {
		vmk_core_bad_arg("NULL pkt");
		return VMK_BAD_PARAM;
	}
	return vmk_pkt_alloc(len, 0, pkt);
}
VMKAPI_EXPORT(vmk_PktAlloc);

VMK_ReturnStatus vmk_PktAllocWithFlags(vmk_ByteCountSmall len,
				       vmk_PktAllocFlags allocFlags,
				       vmk_PktHandle **pkt)
{
	if (!pkt || (allocFlags != VMK_PKT_ALLOC_FROM_LOW_MEM &&
		     allocFlags != VMK_PKT_ALLOC_FROM_HIGH_MEM)) {
		vmk_core_bad_arg("pkt %p, flags %#x", pkt, allocFlags);
		return VMK_BAD_PARAM;
	}
	return vmk_pkt_alloc(len, allocFlags == VMK_PKT_ALLOC_FROM_LOW_MEM ?
			     SZ_4G : 0, pkt);
}
VMKAPI_EXPORT(vmk_PktAllocWithFlags);

VMK_ReturnStatus vmk_PktAllocForDMAEngine(vmk_ByteCountSmall len,
					  vmk_DMAEngine dmaEngine,
					  vmk_PktHandle **pkt)
{
	vmk_MemPhysAddrConstraint con;

	if (!pkt) {
		vmk_core_bad_arg("NULL pkt");
		return VMK_BAD_PARAM;
	}
	if (vmk_DMAGetAllocAddrConstraint(dmaEngine, &con) != VMK_OK) {
		vmk_core_bad_arg("%p is not a live DMA engine", dmaEngine);
		return VMK_BAD_PARAM;
	}
	return vmk_pkt_alloc(len, vmk_core_phys_limit(con), pkt);
}
VMKAPI_EXPORT(vmk_PktAllocForDMAEngine);

void vmk_PktRelease(vmk_PktHandle *pkt)
{
	vmk_core_assert_may_deschedule();
	if (!vmk_pkt_ok(pkt))
		return;
	vmk_core_pkt_free_any(vmk_pkt_skb(pkt));
}
VMKAPI_EXPORT(vmk_PktRelease);

void vmk_PktReleaseIRQ(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return;
	vmk_core_pkt_free_any(vmk_pkt_skb(pkt));
}
VMKAPI_EXPORT(vmk_PktReleaseIRQ);

void vmk_PktReleasePanic(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return;
	if (!vmk_SystemCheckState(VMK_SYSTEM_STATE_PANIC))
		vmk_core_bad_arg("%p released with the panic variant outside a panic",
				 pkt);
	vmk_core_pkt_free_any(vmk_pkt_skb(pkt));
}
VMKAPI_EXPORT(vmk_PktReleasePanic);

/* The buffer (head) is ours alone: no clone shares it. */
static bool vmk_pkt_writable(const struct sk_buff *skb)
{
	return !skb_header_cloned(skb);
}

vmk_Bool vmk_PktIsBufDescWritable(const vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_FALSE;
	return vmk_pkt_writable(vmk_pkt_skb(pkt));
}
VMKAPI_EXPORT(vmk_PktIsBufDescWritable);

vmk_ByteCountSmall vmk_PktFrameLenGet(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return 0;
	return vmk_pkt_skb(pkt)->len;
}
VMKAPI_EXPORT(vmk_PktFrameLenGet);

/* The buffer a flat packet can hold from its frame start. */
static unsigned int vmk_pkt_room(const struct sk_buff *skb)
{
	unsigned int room = skb_end_pointer(skb) - skb->data;
	const struct vmk_pkt_cb *cb = vmk_pkt_cb(skb);

	return cb->flags & VMK_PKT_ALLOCATED ? min(cb->buf_len, room) : room;
}

/* The frame changed: the fragment array is rebuilt on next use. */
static void vmk_pkt_frame_changed(struct sk_buff *skb)
{
	struct vmk_pkt_cb *cb = vmk_pkt_cb(skb);

	kfree(cb->sg);
	cb->sg = NULL;
}

VMK_ReturnStatus vmk_PktFrameLenSet(vmk_PktHandle *pkt, vmk_ByteCountSmall len)
{
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	skb = vmk_pkt_skb(pkt);
	if (!vmk_pkt_writable(skb))
		return VMK_READ_ONLY;
	if (skb_is_nonlinear(skb)) {
		if (len > skb->len) {
			vmk_core_bad_arg("length %u beyond the frame (%u) of a fragmented packet",
					 len, skb->len);
			return VMK_BAD_PARAM;
		}
		if (pskb_trim(skb, len))
			return VMK_NO_MEMORY;
	} else {
		if (len > vmk_pkt_room(skb)) {
			vmk_core_bad_arg("length %u beyond the buffer (%u)",
					 len, vmk_pkt_room(skb));
			return VMK_BAD_PARAM;
		}
		skb->len = len;
		skb_set_tail_pointer(skb, len);
	}
	vmk_pkt_frame_changed(skb);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktFrameLenSet);

vmk_Bool vmk_PktIsFlatBuffer(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_FALSE;
	return !skb_is_nonlinear(vmk_pkt_skb(pkt));
}
VMKAPI_EXPORT(vmk_PktIsFlatBuffer);

/* A packet with no frame yet exposes its buffer (RX before the DMA). */
static unsigned int vmk_pkt_mapped_len(const struct sk_buff *skb)
{
	return skb->len ? skb_headlen(skb) : vmk_pkt_room(skb);
}

vmk_ByteCountSmall vmk_PktFrameMappedLenGet(const vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return 0;
	return vmk_pkt_mapped_len(vmk_pkt_skb(pkt));
}
VMKAPI_EXPORT(vmk_PktFrameMappedLenGet);

vmk_Bool vmk_PktIsFullyMapped(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_FALSE;
	return !skb_is_nonlinear(vmk_pkt_skb(pkt));
}
VMKAPI_EXPORT(vmk_PktIsFullyMapped);

vmk_VA vmk_PktFrameMappedPointerGet(const vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return 0;
	return (vmk_VA)vmk_pkt_skb(pkt)->data;
}
VMKAPI_EXPORT(vmk_PktFrameMappedPointerGet);

static u16 vmk_pkt_tci(const struct sk_buff *skb)
{
	return skb_vlan_tag_present(skb) ? skb_vlan_tag_get(skb) : 0;
}

/* A TCI of 0 (no VLAN, priority 0) means no tag to insert. */
static void vmk_pkt_set_tci(struct sk_buff *skb, u16 tci)
{
	if (tci)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), tci);
	else
		__vlan_hwaccel_clear_tag(skb);
}

vmk_VlanPriority vmk_PktPriorityGet(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return 0;
	return (vmk_pkt_tci(vmk_pkt_skb(pkt)) & VLAN_PRIO_MASK) >>
	       VLAN_PRIO_SHIFT;
}
VMKAPI_EXPORT(vmk_PktPriorityGet);

VMK_ReturnStatus vmk_PktPrioritySet(vmk_PktHandle *pkt,
				    vmk_VlanPriority priority)
{
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	if (priority > VMK_VLAN_PRIORITY_MAXIMUM) {
		vmk_core_bad_arg("priority %u", priority);
		return VMK_BAD_PARAM;
	}
	skb = vmk_pkt_skb(pkt);
	vmk_pkt_set_tci(skb, (vmk_pkt_tci(skb) & ~VLAN_PRIO_MASK) |
			     (priority << VLAN_PRIO_SHIFT));
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktPrioritySet);

void vmk_PktPriorityClear(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return;
	vmk_pkt_set_tci(vmk_pkt_skb(pkt),
			vmk_pkt_tci(vmk_pkt_skb(pkt)) & ~VLAN_PRIO_MASK);
}
VMKAPI_EXPORT(vmk_PktPriorityClear);

vmk_VlanID vmk_PktVlanIDGet(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return 0;
	return vmk_pkt_tci(vmk_pkt_skb(pkt)) & VLAN_VID_MASK;
}
VMKAPI_EXPORT(vmk_PktVlanIDGet);

VMK_ReturnStatus vmk_PktVlanIDSet(vmk_PktHandle *pkt, vmk_VlanID vid)
{
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	if (vid >= VLAN_N_VID - 1) {
		vmk_core_bad_arg("VLAN ID %u", vid);
		return VMK_BAD_VLANID;
	}
	skb = vmk_pkt_skb(pkt);
	vmk_pkt_set_tci(skb, (vmk_pkt_tci(skb) & ~VLAN_VID_MASK) | vid);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktVlanIDSet);

void vmk_PktVlanIDClear(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return;
	vmk_pkt_set_tci(vmk_pkt_skb(pkt),
			vmk_pkt_tci(vmk_pkt_skb(pkt)) & ~VLAN_VID_MASK);
}
VMKAPI_EXPORT(vmk_PktVlanIDClear);

vmk_Bool vmk_PktMustVlanTag(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_FALSE;
	return skb_vlan_tag_present(vmk_pkt_skb(pkt)) ? VMK_TRUE : VMK_FALSE;
}
VMKAPI_EXPORT(vmk_PktMustVlanTag);

VMK_ReturnStatus vmk_PktRssHashGet(vmk_PktHandle *pkt, vmk_uint32 *hash,
				   vmk_PktRssType *type)
{
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	if (!hash || !type) {
		vmk_core_bad_arg("NULL %s", hash ? "type" : "hash");
		return VMK_BAD_PARAM;
	}
	skb = vmk_pkt_skb(pkt);
	if (vmk_pkt_cb(skb)->rss_type == VMK_PKT_RSS_TYPE_NONE)
		return VMK_NOT_FOUND;
	*hash = skb->hash;
	*type = vmk_pkt_cb(skb)->rss_type;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktRssHashGet);

VMK_ReturnStatus vmk_PktRssHashSet(vmk_PktHandle *pkt, vmk_uint32 hash,
				   vmk_PktRssType type)
{
	enum pkt_hash_types l;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	switch (type) {
	case VMK_PKT_RSS_TYPE_IPV4_TCP:
	case VMK_PKT_RSS_TYPE_IPV6_TCP:
	case VMK_PKT_RSS_TYPE_IPV6_TCP_EX:
	case VMK_PKT_RSS_TYPE_IPV4_UDP:
	case VMK_PKT_RSS_TYPE_IPV6_UDP:
	case VMK_PKT_RSS_TYPE_IPV6_UDP_EX:
		l = PKT_HASH_TYPE_L4;
		break;
	case VMK_PKT_RSS_TYPE_IPV4:
	case VMK_PKT_RSS_TYPE_IPV6_EX:
	case VMK_PKT_RSS_TYPE_IPV6:
		l = PKT_HASH_TYPE_L3;
		break;
	default:
		vmk_core_bad_arg("RSS type %u", type);
		return VMK_BAD_PARAM;
	}
	skb_set_hash(vmk_pkt_skb(pkt), hash, l);
	vmk_pkt_cb(vmk_pkt_skb(pkt))->rss_type = type;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktRssHashSet);

void vmk_PktRssHashClear(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return;
	skb_clear_hash(vmk_pkt_skb(pkt));
	vmk_pkt_cb(vmk_pkt_skb(pkt))->rss_type = VMK_PKT_RSS_TYPE_NONE;
}
VMKAPI_EXPORT(vmk_PktRssHashClear);

static vmk_Bool vmk_pkt_flag(const vmk_PktHandle *pkt, u8 flag)
{
	return vmk_pkt_cb(vmk_pkt_skb(pkt))->flags & flag ? VMK_TRUE :
							     VMK_FALSE;
}

static VMK_ReturnStatus vmk_pkt_set_flag(const vmk_PktHandle *pkt, u8 flag,
					 bool on)
{
	struct sk_buff *skb = vmk_pkt_skb(pkt);

	if (!vmk_pkt_writable(skb))
		return VMK_READ_ONLY;
	if (on)
		vmk_pkt_cb(skb)->flags |= flag;
	else
		vmk_pkt_cb(skb)->flags &= ~flag;
	return VMK_OK;
}

vmk_Bool vmk_PktGetCsumVfd(const vmk_PktHandle *pkt)
{
	return vmk_pkt_ok(pkt) ? vmk_pkt_flag(pkt, VMK_PKT_CSUM_VFD) :
				 VMK_FALSE;
}
VMKAPI_EXPORT(vmk_PktGetCsumVfd);

VMK_ReturnStatus vmk_PktSetCsumVfd(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	return vmk_pkt_set_flag(pkt, VMK_PKT_CSUM_VFD, true);
}
VMKAPI_EXPORT(vmk_PktSetCsumVfd);

VMK_ReturnStatus vmk_PktClearCsumVfd(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	return vmk_pkt_set_flag(pkt, VMK_PKT_CSUM_VFD, false);
}
VMKAPI_EXPORT(vmk_PktClearCsumVfd);

vmk_Bool vmk_PktIsMustCsum(const vmk_PktHandle *pkt)
{
	return vmk_pkt_ok(pkt) ? vmk_pkt_flag(pkt, VMK_PKT_MUST_CSUM) :
				 VMK_FALSE;
}
VMKAPI_EXPORT(vmk_PktIsMustCsum);

VMK_ReturnStatus vmk_PktSetMustCsum(const vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	return vmk_pkt_set_flag(pkt, VMK_PKT_MUST_CSUM, true);
}
VMKAPI_EXPORT(vmk_PktSetMustCsum);

VMK_ReturnStatus vmk_PktClearMustCsum(const vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	return vmk_pkt_set_flag(pkt, VMK_PKT_MUST_CSUM, false);
}
VMKAPI_EXPORT(vmk_PktClearMustCsum);

vmk_Bool vmk_PktIsLargeTcpPacket(const vmk_PktHandle *pkt)
{
	const struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_FALSE;
	skb = vmk_pkt_skb(pkt);
	return skb_is_gso(skb) && (skb_shinfo(skb)->gso_type &
				   (SKB_GSO_TCPV4 | SKB_GSO_TCPV6));
}
VMKAPI_EXPORT(vmk_PktIsLargeTcpPacket);

/* The frame's network protocol, past one 802.1Q tag; 0 if too short. */
static __be16 vmk_pkt_ethertype(const struct sk_buff *skb)
{
	__be16 type[3];

	if (skb_copy_bits(skb, 2 * ETH_ALEN, type, sizeof(type)) < 0)
		return 0;
	return type[0] == htons(ETH_P_8021Q) ? type[2] : type[0];
}

VMK_ReturnStatus vmk_PktSetLargeTcpPacket(vmk_PktHandle *pkt, vmk_uint32 mss)
{
	struct skb_shared_info *shinfo;
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	if (!mss || mss > GSO_MAX_SIZE) {
		vmk_core_bad_arg("MSS %u", mss);
		return VMK_BAD_PARAM;
	}
	skb = vmk_pkt_skb(pkt);
	if (!vmk_pkt_writable(skb))
		return VMK_READ_ONLY;
	shinfo = skb_shinfo(skb);
	shinfo->gso_size = mss;
	shinfo->gso_type = vmk_pkt_ethertype(skb) == htons(ETH_P_IPV6) ?
			   SKB_GSO_TCPV6 : SKB_GSO_TCPV4;
	shinfo->gso_segs = DIV_ROUND_UP(skb->len, mss);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktSetLargeTcpPacket);

vmk_uint32 vmk_PktGetLargeTcpPacketMss(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return 0;
	return skb_shinfo(vmk_pkt_skb(pkt))->gso_size;
}
VMKAPI_EXPORT(vmk_PktGetLargeTcpPacketMss);

VMK_ReturnStatus vmk_PktClearLargeTcpPacket(const vmk_PktHandle *pkt)
{
	struct skb_shared_info *shinfo;
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	skb = vmk_pkt_skb(pkt);
	if (!vmk_pkt_writable(skb))
		return VMK_READ_ONLY;
	shinfo = skb_shinfo(skb);
	shinfo->gso_size = 0;
	shinfo->gso_type = 0;
	shinfo->gso_segs = 0;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktClearLargeTcpPacket);

/* A copy or clone shares the cb bytes but never the fragment array. */
static VMK_ReturnStatus vmk_pkt_new(struct sk_buff *skb, vmk_PktHandle **out)
{
	if (!skb)
		return VMK_NO_MEMORY;
	vmk_pkt_cb(skb)->sg = NULL;
	*out = vmk_skb_pkt(skb);
	return VMK_OK;
}

static VMK_ReturnStatus vmk_pkt_copy(vmk_PktHandle *pkt, vmk_PktHandle **out,
				     const char *api, unsigned long caller)
{
	struct sk_buff *copy;

	if (!vmk_core_pkt_check(pkt, api, caller))
		return VMK_BAD_PARAM;
	if (!out) {
		vmk_core_bad_arg_api(api, caller, "NULL output packet");
		return VMK_BAD_PARAM;
	}
	copy = skb_copy(vmk_pkt_skb(pkt), GFP_ATOMIC | __GFP_NOWARN);
	if (copy)
		vmk_pkt_cb(copy)->flags &= ~VMK_PKT_ALLOCATED;
	return vmk_pkt_new(copy, out);
}

VMK_ReturnStatus vmk_PktCopy(vmk_PktHandle *pkt, vmk_PktHandle **copyPkt)
{
	return vmk_pkt_copy(pkt, copyPkt, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_PktCopy);

VMK_ReturnStatus vmk_PktDup(vmk_PktHandle *pkt, vmk_PktHandle **dupPkt)
{
	return vmk_pkt_copy(pkt, dupPkt, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_PktDup);

VMK_ReturnStatus vmk_PktClone(vmk_PktHandle *pkt, vmk_PktHandle **clonePkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	if (!clonePkt) {
		vmk_core_bad_arg("NULL clonePkt");
		return VMK_BAD_PARAM;
	}
	return vmk_pkt_new(skb_clone(vmk_pkt_skb(pkt),
				     GFP_ATOMIC | __GFP_NOWARN), clonePkt);
}
VMKAPI_EXPORT(vmk_PktClone);

vmk_uint16 vmk_PktGetHeadroomLen(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return 0;
	return min_t(unsigned int, skb_headroom(vmk_pkt_skb(pkt)), U16_MAX);
}
VMKAPI_EXPORT(vmk_PktGetHeadroomLen);

VMK_ReturnStatus vmk_PktPushHeadroom(vmk_PktHandle *pkt, vmk_uint16 headroomLen)
{
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_FAILURE;
	skb = vmk_pkt_skb(pkt);
	if (!vmk_pkt_writable(skb) || headroomLen > skb->len ||
	    headroomLen >= skb_headlen(skb))
		return VMK_FAILURE;
	__skb_pull(skb, headroomLen);
	vmk_pkt_frame_changed(skb);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktPushHeadroom);

VMK_ReturnStatus vmk_PktPullHeadroom(vmk_PktHandle *pkt, vmk_uint16 headroomLen)
{
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_FAILURE;
	skb = vmk_pkt_skb(pkt);
	if (!vmk_pkt_writable(skb) || headroomLen > skb_headroom(skb))
		return VMK_FAILURE;
	__skb_push(skb, headroomLen);
	vmk_pkt_frame_changed(skb);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktPullHeadroom);

VMK_ReturnStatus vmk_PktCopyBytesOut(vmk_uint8 *buffer, vmk_ByteCount length,
				     vmk_uint32 offset, vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	if (!buffer) {
		vmk_core_bad_arg("NULL buffer");
		return VMK_BAD_PARAM;
	}
	if (length > vmk_pkt_skb(pkt)->len ||
	    skb_copy_bits(vmk_pkt_skb(pkt), offset, buffer, length) < 0)
		return VMK_READ_ERROR;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktCopyBytesOut);

/*
 * The fragments: the linear part (the whole buffer while the frame is
 * empty), then each page fragment.  Empty pieces are skipped.
 */
static unsigned int vmk_pkt_nr_frags(const struct sk_buff *skb)
{
	unsigned int n = skb_shinfo(skb)->nr_frags;

	return n + (vmk_pkt_mapped_len(skb) ? 1 : 0);
}

static void vmk_pkt_fill_sg(const struct sk_buff *skb, vmk_SgElem *elem)
{
	unsigned int i;

	if (vmk_pkt_mapped_len(skb)) {
		elem->addr = virt_to_phys(skb->data);
		elem->length = vmk_pkt_mapped_len(skb);
		elem->reserved = 0;
		elem++;
	}
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++, elem++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];

		elem->addr = page_to_phys(skb_frag_page(f)) + skb_frag_off(f);
		elem->length = skb_frag_size(f);
		elem->reserved = 0;
	}
}

/* The whole array, refreshed; NULL without memory. */
static vmk_SgArray *vmk_pkt_sg(struct sk_buff *skb)
{
	struct vmk_pkt_cb *cb = vmk_pkt_cb(skb);
	unsigned int n = vmk_pkt_nr_frags(skb);

	if (!cb->sg || cb->sg->maxElems < n) {
		kfree(cb->sg);
		cb->sg = kzalloc(vmk_SgComputeAllocSize(max(n, 1U)),
				 GFP_ATOMIC | __GFP_NOWARN);
		if (!cb->sg)
			return NULL;
		cb->sg->maxElems = max(n, 1U);
	}
	cb->sg->numElems = n;
	vmk_pkt_fill_sg(skb, cb->sg->elem);
	return cb->sg;
}

const vmk_SgArray *vmk_PktSgArrayGet(vmk_PktHandle *pkt)
{
	if (!vmk_pkt_ok(pkt))
		return NULL;
	return vmk_pkt_sg(vmk_pkt_skb(pkt));
}
VMKAPI_EXPORT(vmk_PktSgArrayGet);

vmk_ByteCountSmall vmk_PktSgArrayTotalLenGet(vmk_PktHandle *pkt)
{
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return 0;
	skb = vmk_pkt_skb(pkt);
	return skb->len ? skb->len : vmk_pkt_room(skb);
}
VMKAPI_EXPORT(vmk_PktSgArrayTotalLenGet);

const vmk_SgElem *vmk_PktSgElemGet(vmk_PktHandle *pkt, vmk_uint16 entryIdx)
{
	struct vmk_pkt_cb *cb;
	struct sk_buff *skb;
	vmk_SgArray *sg;

	if (!vmk_pkt_ok(pkt))
		return NULL;
	skb = vmk_pkt_skb(pkt);
	cb = vmk_pkt_cb(skb);
	if (entryIdx >= vmk_pkt_nr_frags(skb))
		return NULL;
	/* The common case (a flat RX or TX buffer) needs no array. */
	if (!skb_is_nonlinear(skb)) {
		vmk_pkt_fill_sg(skb, &cb->elem0);
		return &cb->elem0;
	}
	sg = vmk_pkt_sg(skb);
	return sg ? &sg->elem[entryIdx] : NULL;
}
VMKAPI_EXPORT(vmk_PktSgElemGet);

VMK_ReturnStatus vmk_PktTrim(vmk_PktHandle *pkt,
			     vmk_ByteCountSmall bytesToKeep)
{
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	skb = vmk_pkt_skb(pkt);
	if (bytesToKeep > skb->len) {
		vmk_core_bad_arg("keep %u of a %u-byte frame", bytesToKeep,
				 skb->len);
		return VMK_BAD_PARAM;
	}
	if (!vmk_pkt_writable(skb))
		return VMK_READ_ONLY;
	if (pskb_trim(skb, bytesToKeep))
		return VMK_NO_MEMORY;
	vmk_pkt_frame_changed(skb);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktTrim);

VMK_ReturnStatus vmk_PktPadFrame(vmk_PktHandle *pkt)
{
	unsigned int min = VMK_PKT_MIN_ETH_LEN;
	struct sk_buff *skb;

	if (!vmk_pkt_ok(pkt))
		return VMK_BAD_PARAM;
	skb = vmk_pkt_skb(pkt);
	if (skb_vlan_tag_present(skb))
		min += VLAN_HLEN;
	if (skb->len >= min)
		return VMK_OK;
	if (__skb_put_padto(skb, min, false))
		return VMK_FAILURE;
	vmk_pkt_frame_changed(skb);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktPadFrame);

vmk_ByteCountSmall vmk_PktMinEthFrameLenGet(void)
{
	return VMK_PKT_MIN_ETH_LEN;
}
VMKAPI_EXPORT(vmk_PktMinEthFrameLenGet);
