/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What pkt.c, pktlist.c, netpoll.c, queue.c and uplink.c share: the
 * uplink layer's private view of a packet.  Never included by drivers.
 *
 * A vmk_PktHandle pointer is the struct sk_buff.  While the driver or the
 * uplink layer owns the skb, skb->cb holds struct vmk_pkt_cb (the Linux
 * convention: cb belongs to the layer that holds the skb); it is cleared
 * whenever the skb goes back to the stack.
 */
#ifndef _VMKAPI_NET_H_
#define _VMKAPI_NET_H_

#include <linux/netdevice.h>
#include <linux/skbuff.h>

#define VMK_PKT_MAGIC		0x766d6b70	/* "vmkp" */

/* vmk_pkt_cb.flags */
#define VMK_PKT_MUST_CSUM	0x01
#define VMK_PKT_CSUM_VFD	0x02
/* Allocated by the vmk_PktAlloc family: buf_len is its buffer size. */
#define VMK_PKT_ALLOCATED	0x04

struct vmk_pkt_cb {
	u32 magic;
	u8 flags;
	u8 rss_type;		/* a vmk_PktRssType; NONE: no hash */
	u16 reserved;
	/* Buffer size of a packet we allocated (VMK_PKT_ALLOCATED). */
	u32 buf_len;
	vmk_UplinkQueueID qid;
	/* Fragment 0 of a flat packet, for vmk_PktSgElemGet(pkt, 0). */
	vmk_SgElem elem0;
	/* The fragment array, built on demand; freed with the packet. */
	vmk_SgArray *sg;
};

static inline struct sk_buff *vmk_pkt_skb(const vmk_PktHandle *pkt)
{
	return (struct sk_buff *)pkt;
}

static inline vmk_PktHandle *vmk_skb_pkt(struct sk_buff *skb)
{
	return (vmk_PktHandle *)skb;
}

static inline struct vmk_pkt_cb *vmk_pkt_cb(const struct sk_buff *skb)
{
	return (struct vmk_pkt_cb *)skb->cb;
}

/* pkt.c */
/* Take an skb from the stack (TX): fresh cb, flags from its csum state. */
void vmk_core_pkt_adopt(struct sk_buff *skb, vmk_UplinkQueueID qid);
/* Drop what the cb holds before the skb goes (back) to the stack. */
void vmk_core_pkt_unadopt(struct sk_buff *skb);
/* Free a packet in any context (consumed, not dropped). */
void vmk_core_pkt_free_any(struct sk_buff *skb);
/* True for a packet of ours; logs the caller of @api otherwise. */
bool vmk_core_pkt_check(const vmk_PktHandle *pkt, const char *api,
			unsigned long caller);

/* pktlist.c: a list is first/last skb plus a count. */
struct vmk_pktlist {
	struct sk_buff *first;
	struct sk_buff *last;
	u32 count;
	u32 magic;
};

#define VMK_PKTLIST_MAGIC	0x706b746c	/* "pktl" */

struct vmk_pktlist_iter {
	struct vmk_pktlist *list;
	struct sk_buff *cur;	/* NULL: at the end */
	u32 magic;
};

#define VMK_PKTLIST_ITER_MAGIC	0x706b7469	/* "pkti" */

/* uplink.c: for netpoll.c (delivery) and queue.c (flow control). */
struct vmk_uplink;
struct vmk_uplink *vmk_core_uplink_get(vmk_Uplink uplink, const char *api,
				       unsigned long caller);
/* The live net_device of @up, under rcu_read_lock (NULL if none). */
struct net_device *vmk_core_uplink_netdev_rcu(struct vmk_uplink *up);
/* Queue flow control on the uplink's single TX queue. */
void vmk_core_uplink_tx_stop(struct vmk_uplink *up);
void vmk_core_uplink_tx_start(struct vmk_uplink *up);
bool vmk_core_uplink_tx_qid_ok(struct vmk_uplink *up, vmk_UplinkQueueID qid);
/* The uplink has VLAN_RX / RXCSUM enabled (for RX delivery). */
bool vmk_core_uplink_rxcsum(struct net_device *dev);

/* netpoll.c: polls of an uplink, at its start and quiesce. */
void vmk_core_netpoll_attach_uplink(struct vmk_uplink *up,
				    vmk_UplinkSharedQueueInfo *qi);
void vmk_core_netpoll_detach_uplink(struct vmk_uplink *up);
int vmk_core_netpoll_init(void);
void vmk_core_netpoll_exit(void);

int vmk_core_uplink_init(void);
void vmk_core_uplink_exit(void);

#endif /* _VMKAPI_NET_H_ */
