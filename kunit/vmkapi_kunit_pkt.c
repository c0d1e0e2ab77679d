// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: packets, packet lists and queue IDs (reference 17.5, 17.7, 17.8).
 * Packets are sk_buffs; the tests use the API only, except where they
 * must build what a driver cannot (a page fragment, as the stack's TX
 * path hands over) or check where metadata lands (skb fields the stack
 * reads).  Every packet a test makes is released; kmemleak and KASAN in
 * the debug kernel catch what is not, or what is freed twice.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/if_vlan.h>
#include <linux/skbuff.h>

#include "vmkapi_kunit.h"

static vmk_PktHandle *alloc_pkt(struct kunit *test, unsigned int len)
{
	vmk_PktHandle *pkt = NULL;

	KUNIT_ASSERT_EQ(test, vmk_PktAlloc(len, &pkt), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, pkt);
	return pkt;
}

/* A packet whose frame is @len bytes of a counting pattern. */
static vmk_PktHandle *frame_pkt(struct kunit *test, unsigned int len)
{
	vmk_PktHandle *pkt = alloc_pkt(test, len);
	u8 *va;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, vmk_PktFrameLenSet(pkt, len), VMK_OK);
	va = (u8 *)vmk_PktFrameMappedPointerGet(pkt);
	for (i = 0; i < len; i++)
		va[i] = i;
	return pkt;
}

/* A fresh packet is one buffer, no frame yet, mapped, writable. */
static void pkt_alloc_fresh(struct kunit *test)
{
	vmk_PktHandle *pkt = alloc_pkt(test, 1514);
	const vmk_SgElem *e;
	vmk_VA va;

	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt), 0);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameMappedLenGet(pkt), 1514);
	KUNIT_EXPECT_TRUE(test, vmk_PktIsFlatBuffer(pkt));
	KUNIT_EXPECT_TRUE(test, vmk_PktIsFullyMapped(pkt));
	KUNIT_EXPECT_TRUE(test, vmk_PktIsBufDescWritable(pkt));
	KUNIT_EXPECT_FALSE(test, vmk_PktIsMustCsum(pkt));
	KUNIT_EXPECT_FALSE(test, vmk_PktGetCsumVfd(pkt));
	KUNIT_EXPECT_FALSE(test, vmk_PktMustVlanTag(pkt));
	KUNIT_EXPECT_FALSE(test, vmk_PktIsLargeTcpPacket(pkt));
	va = vmk_PktFrameMappedPointerGet(pkt);
	KUNIT_ASSERT_NE(test, va, 0UL);
	/* Fragment 0 is the whole buffer, by machine address. */
	e = vmk_PktSgElemGet(pkt, 0);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->addr, (vmk_MA)virt_to_phys((void *)va));
	KUNIT_EXPECT_EQ(test, e->length, 1514);
	KUNIT_EXPECT_NULL(test, vmk_PktSgElemGet(pkt, 1));
	KUNIT_EXPECT_EQ(test, vmk_PktSgArrayTotalLenGet(pkt), 1514);
	KUNIT_EXPECT_GT(test, vmk_PktGetHeadroomLen(pkt), 0);
	vmk_PktRelease(pkt);

	/* A zero-length packet has no fragment. */
	pkt = alloc_pkt(test, 0);
	KUNIT_EXPECT_NULL(test, vmk_PktSgElemGet(pkt, 0));
	vmk_PktRelease(pkt);

	KUNIT_EXPECT_EQ(test, vmk_PktAlloc(64, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PktAllocWithFlags(64, 0, &pkt),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PktAllocWithFlags(64, 3, &pkt),
			VMK_BAD_PARAM);
	KUNIT_ASSERT_EQ(test, vmk_PktAllocWithFlags(4000,
						    VMK_PKT_ALLOC_FROM_LOW_MEM,
						    &pkt), VMK_OK);
	e = vmk_PktSgElemGet(pkt, 0);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_LE(test, e->addr + e->length, 1ULL << 32);
	vmk_PktRelease(pkt);
	KUNIT_EXPECT_EQ(test, vmk_PktAllocForDMAEngine(64, NULL, &pkt),
			VMK_BAD_PARAM);
	/* Not packets: logged, nothing happens. */
	vmk_PktRelease(NULL);
	vmk_PktReleaseIRQ(NULL);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(NULL), 0);
}

/*
 * Each release form frees the packet: its destructor runs (at once, or
 * from the softirq that vmk_PktReleaseIRQ defers to with IRQs off).
 * vmk_PktReleasePanic outside a panic is logged, and still frees.
 */
static atomic_t pkt_released;

static void pkt_count_release(struct sk_buff *skb)
{
	atomic_inc(&pkt_released);
}

static vmk_PktHandle *counted_pkt(struct kunit *test)
{
	vmk_PktHandle *pkt = alloc_pkt(test, 64);

	((struct sk_buff *)pkt)->destructor = pkt_count_release;
	return pkt;
}

static void pkt_release_forms(struct kunit *test)
{
	vmk_PktHandle *pkt;
	int ms = 0;

	atomic_set(&pkt_released, 0);
	vmk_PktRelease(counted_pkt(test));
	KUNIT_EXPECT_EQ(test, atomic_read(&pkt_released), 1);
	vmk_PktReleasePanic(counted_pkt(test));
	KUNIT_EXPECT_EQ(test, atomic_read(&pkt_released), 2);
	pkt = counted_pkt(test);
	local_irq_disable();
	vmk_PktReleaseIRQ(pkt);
	local_irq_enable();
	while (atomic_read(&pkt_released) < 3 && ms++ < 2000)
		usleep_range(1000, 2000);
	KUNIT_EXPECT_EQ(test, atomic_read(&pkt_released), 3);
	vmk_PktReleasePanic(NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&pkt_released), 3);
}

/* The frame length moves within the buffer and the fragment follows. */
static void pkt_frame_len(struct kunit *test)
{
	vmk_PktHandle *pkt = alloc_pkt(test, 1000);
	const vmk_SgElem *e;

	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenSet(pkt, 60), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt), 60);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameMappedLenGet(pkt), 60);
	e = vmk_PktSgElemGet(pkt, 0);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->length, 60);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenSet(pkt, 1000), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenSet(pkt, 1001), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt), 1000);
	KUNIT_EXPECT_EQ(test, vmk_PktTrim(pkt, 50), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt), 50);
	KUNIT_EXPECT_EQ(test, vmk_PktTrim(pkt, 51), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenSet(NULL, 1), VMK_BAD_PARAM);
	vmk_PktRelease(pkt);
}

/* Headroom push/pull move the frame start, within the buffer. */
static void pkt_headroom(struct kunit *test)
{
	vmk_PktHandle *pkt = frame_pkt(test, 100);
	vmk_uint16 room = vmk_PktGetHeadroomLen(pkt);
	vmk_VA va = vmk_PktFrameMappedPointerGet(pkt);

	KUNIT_EXPECT_EQ(test, vmk_PktPushHeadroom(pkt, 10), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktGetHeadroomLen(pkt), room + 10);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt), 90);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameMappedPointerGet(pkt), va + 10);
	KUNIT_EXPECT_EQ(test, *(u8 *)vmk_PktFrameMappedPointerGet(pkt), 10);
	KUNIT_EXPECT_EQ(test, vmk_PktPullHeadroom(pkt, 10), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt), 100);
	KUNIT_EXPECT_EQ(test, vmk_PktPushHeadroom(pkt, 100), VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, vmk_PktPullHeadroom(pkt, room + 1),
			VMK_FAILURE);
	vmk_PktRelease(pkt);
}

static void pkt_copy_out(struct kunit *test)
{
	vmk_PktHandle *pkt = frame_pkt(test, 200);
	u8 buf[16];

	KUNIT_EXPECT_EQ(test, vmk_PktCopyBytesOut(buf, sizeof(buf), 100, pkt),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, buf[0], 100);
	KUNIT_EXPECT_EQ(test, buf[15], 115);
	KUNIT_EXPECT_EQ(test, vmk_PktCopyBytesOut(buf, sizeof(buf), 190, pkt),
			VMK_READ_ERROR);
	KUNIT_EXPECT_EQ(test, vmk_PktCopyBytesOut(NULL, 1, 0, pkt),
			VMK_BAD_PARAM);
	vmk_PktRelease(pkt);
}

/* VLAN ID and priority are the skb's accelerated tag, both ways. */
static void pkt_vlan(struct kunit *test)
{
	vmk_PktHandle *pkt = frame_pkt(test, 64);
	struct sk_buff *skb = (struct sk_buff *)pkt;

	KUNIT_EXPECT_EQ(test, vmk_PktVlanIDSet(pkt, 100), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktVlanIDGet(pkt), 100);
	KUNIT_EXPECT_TRUE(test, vmk_PktMustVlanTag(pkt));
	KUNIT_EXPECT_TRUE(test, skb_vlan_tag_present(skb));
	KUNIT_EXPECT_EQ(test, vmk_PktPrioritySet(pkt, 5), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktPriorityGet(pkt), 5);
	KUNIT_EXPECT_EQ(test, vmk_PktVlanIDGet(pkt), 100);
	KUNIT_EXPECT_EQ(test, skb_vlan_tag_get(skb), (5 << 13) | 100);
	KUNIT_EXPECT_EQ(test, vmk_PktVlanIDSet(pkt, 4095), VMK_BAD_VLANID);
	KUNIT_EXPECT_EQ(test, vmk_PktPrioritySet(pkt, 8), VMK_BAD_PARAM);
	vmk_PktVlanIDClear(pkt);
	KUNIT_EXPECT_TRUE(test, vmk_PktMustVlanTag(pkt));
	vmk_PktPriorityClear(pkt);
	KUNIT_EXPECT_FALSE(test, vmk_PktMustVlanTag(pkt));
	KUNIT_EXPECT_FALSE(test, skb_vlan_tag_present(skb));
	/* A short tagged frame pads to 64, an untagged one to 60. */
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenSet(pkt, 20), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktPadFrame(pkt), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt),
			vmk_PktMinEthFrameLenGet());
	KUNIT_EXPECT_EQ(test, vmk_PktMinEthFrameLenGet(), 60);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenSet(pkt, 20), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktVlanIDSet(pkt, 7), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktPadFrame(pkt), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt), 64);
	vmk_PktRelease(pkt);
}

/* Checksum, TSO and RSS metadata; a clone makes both read-only. */
static void pkt_offload_flags(struct kunit *test)
{
	vmk_PktHandle *pkt = frame_pkt(test, 128), *clone = NULL;
	vmk_PktRssType type;
	vmk_uint32 hash;

	KUNIT_EXPECT_EQ(test, vmk_PktSetCsumVfd(pkt), VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_PktGetCsumVfd(pkt));
	KUNIT_EXPECT_EQ(test, vmk_PktClearCsumVfd(pkt), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_PktGetCsumVfd(pkt));
	KUNIT_EXPECT_EQ(test, vmk_PktSetMustCsum(pkt), VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_PktIsMustCsum(pkt));
	KUNIT_EXPECT_EQ(test, vmk_PktClearMustCsum(pkt), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_PktIsMustCsum(pkt));

	KUNIT_EXPECT_EQ(test, vmk_PktSetLargeTcpPacket(pkt, 1448), VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_PktIsLargeTcpPacket(pkt));
	KUNIT_EXPECT_EQ(test, vmk_PktGetLargeTcpPacketMss(pkt), 1448);
	KUNIT_EXPECT_EQ(test, skb_shinfo((struct sk_buff *)pkt)->gso_size,
			1448);
	KUNIT_EXPECT_EQ(test, vmk_PktClearLargeTcpPacket(pkt), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_PktIsLargeTcpPacket(pkt));
	KUNIT_EXPECT_EQ(test, vmk_PktSetLargeTcpPacket(pkt, 0), VMK_BAD_PARAM);

	KUNIT_EXPECT_EQ(test, vmk_PktRssHashGet(pkt, &hash, &type),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_PktRssHashSet(pkt, 0x1234,
						VMK_PKT_RSS_TYPE_IPV4_TCP),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktRssHashGet(pkt, &hash, &type), VMK_OK);
	KUNIT_EXPECT_EQ(test, hash, 0x1234);
	KUNIT_EXPECT_EQ(test, type, VMK_PKT_RSS_TYPE_IPV4_TCP);
	KUNIT_EXPECT_TRUE(test, ((struct sk_buff *)pkt)->l4_hash);
	KUNIT_EXPECT_EQ(test, vmk_PktRssHashSet(pkt, 1, 99), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PktRssHashGet(pkt, NULL, &type),
			VMK_BAD_PARAM);
	vmk_PktRssHashClear(pkt);
	KUNIT_EXPECT_EQ(test, vmk_PktRssHashGet(pkt, &hash, &type),
			VMK_NOT_FOUND);

	KUNIT_ASSERT_EQ(test, vmk_PktClone(pkt, &clone), VMK_OK);
	KUNIT_EXPECT_PTR_NE(test, clone, pkt);
	KUNIT_EXPECT_FALSE(test, vmk_PktIsBufDescWritable(pkt));
	KUNIT_EXPECT_FALSE(test, vmk_PktIsBufDescWritable(clone));
	KUNIT_EXPECT_EQ(test, vmk_PktSetCsumVfd(pkt), VMK_READ_ONLY);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenSet(clone, 10), VMK_READ_ONLY);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameMappedPointerGet(clone),
			vmk_PktFrameMappedPointerGet(pkt));
	vmk_PktRelease(clone);
	KUNIT_EXPECT_TRUE(test, vmk_PktIsBufDescWritable(pkt));
	KUNIT_EXPECT_EQ(test, vmk_PktClone(pkt, NULL), VMK_BAD_PARAM);
	vmk_PktRelease(pkt);
}

/* Copy and Dup: private, writable, same bytes and metadata. */
static void pkt_copies(struct kunit *test)
{
	vmk_PktHandle *pkt = frame_pkt(test, 300), *copy = NULL, *dup = NULL;

	KUNIT_ASSERT_EQ(test, vmk_PktVlanIDSet(pkt, 42), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PktCopy(pkt, &copy), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PktDup(pkt, &dup), VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_PktIsBufDescWritable(pkt));
	KUNIT_EXPECT_TRUE(test, vmk_PktIsBufDescWritable(copy));
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(copy), 300);
	KUNIT_EXPECT_EQ(test, vmk_PktVlanIDGet(dup), 42);
	KUNIT_EXPECT_NE(test, vmk_PktFrameMappedPointerGet(copy),
			vmk_PktFrameMappedPointerGet(pkt));
	KUNIT_EXPECT_EQ(test, memcmp((void *)vmk_PktFrameMappedPointerGet(copy),
				     (void *)vmk_PktFrameMappedPointerGet(pkt),
				     300), 0);
	KUNIT_EXPECT_EQ(test, vmk_PktCopy(pkt, NULL), VMK_BAD_PARAM);
	vmk_PktRelease(copy);
	vmk_PktRelease(dup);

	/* With headroom: at least what was asked, same frame. */
	KUNIT_ASSERT_EQ(test, vmk_PktCopyWithHeadroom(pkt, 600, &copy),
			VMK_OK);
	KUNIT_EXPECT_GE(test, vmk_PktGetHeadroomLen(copy), 600);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(copy), 300);
	KUNIT_ASSERT_EQ(test, vmk_PktDupWithHeadroom(pkt, 16, &dup), VMK_OK);
	KUNIT_EXPECT_GE(test, vmk_PktGetHeadroomLen(dup), 16);
	vmk_PktRelease(copy);
	vmk_PktRelease(dup);
	/* Partial: private and writable; 0 bytes is a (read-only) clone. */
	KUNIT_ASSERT_EQ(test, vmk_PktPartialCopy(pkt, 64, &copy), VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_PktIsBufDescWritable(copy));
	KUNIT_EXPECT_GE(test, vmk_PktFrameMappedLenGet(copy), 64);
	KUNIT_ASSERT_EQ(test, vmk_PktPartialCopyWithHeadroom(pkt, 64, 300,
							     &dup), VMK_OK);
	KUNIT_EXPECT_GE(test, vmk_PktGetHeadroomLen(dup), 300);
	vmk_PktRelease(copy);
	vmk_PktRelease(dup);
	KUNIT_ASSERT_EQ(test, vmk_PktPartialCopy(pkt, 0, &copy), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_PktIsBufDescWritable(copy));
	KUNIT_EXPECT_EQ(test, vmk_PktPartialCopy(pkt, 1, NULL), VMK_BAD_PARAM);
	vmk_PktRelease(copy);
	vmk_PktRelease(pkt);
}

/* A fragmented frame (as TX hands them): one fragment per piece. */
static void pkt_frags(struct kunit *test)
{
	vmk_PktHandle *pkt = frame_pkt(test, 64);
	struct sk_buff *skb = (struct sk_buff *)pkt;
	struct page *page = alloc_page(GFP_KERNEL);
	const vmk_SgArray *sg;
	const vmk_SgElem *e;

	KUNIT_ASSERT_NOT_NULL(test, page);
	skb_add_rx_frag(skb, 0, page, 100, 1000, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(pkt), 1064);
	KUNIT_EXPECT_FALSE(test, vmk_PktIsFlatBuffer(pkt));
	KUNIT_EXPECT_FALSE(test, vmk_PktIsFullyMapped(pkt));
	KUNIT_EXPECT_EQ(test, vmk_PktFrameMappedLenGet(pkt), 64);
	sg = vmk_PktSgArrayGet(pkt);
	KUNIT_ASSERT_NOT_NULL(test, sg);
	KUNIT_EXPECT_EQ(test, sg->numElems, 2);
	KUNIT_EXPECT_EQ(test, sg->elem[0].length, 64);
	KUNIT_EXPECT_EQ(test, sg->elem[1].addr, page_to_phys(page) + 100);
	KUNIT_EXPECT_EQ(test, sg->elem[1].length, 1000);
	e = vmk_PktSgElemGet(pkt, 1);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->length, 1000);
	KUNIT_EXPECT_NULL(test, vmk_PktSgElemGet(pkt, 2));
	KUNIT_EXPECT_EQ(test, vmk_PktSgArrayTotalLenGet(pkt), 1064);
	/* Trimming into the fragment shortens it. */
	KUNIT_EXPECT_EQ(test, vmk_PktTrim(pkt, 564), VMK_OK);
	e = vmk_PktSgElemGet(pkt, 1);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->length, 500);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenSet(pkt, 2000), VMK_BAD_PARAM);
	vmk_PktRelease(pkt);
}

/* ReleaseIRQ and Alloc in hard interrupt context (an hrtimer). */
struct irq_ctx {
	struct hrtimer timer;
	struct completion done;
	VMK_ReturnStatus alloc;
	bool hardirq;
};

static enum hrtimer_restart irq_fn(struct hrtimer *t)
{
	struct irq_ctx *c = container_of(t, struct irq_ctx, timer);
	vmk_PktHandle *pkt = NULL;

	c->hardirq = in_hardirq();
	c->alloc = vmk_PktAlloc(256, &pkt);
	if (c->alloc == VMK_OK)
		vmk_PktReleaseIRQ(pkt);
	complete(&c->done);
	return HRTIMER_NORESTART;
}

static void pkt_irq_context(struct kunit *test)
{
	struct irq_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	init_completion(&c->done);
	hrtimer_init(&c->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	c->timer.function = irq_fn;
	hrtimer_start(&c->timer, ns_to_ktime(1000), HRTIMER_MODE_REL_HARD);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&c->done, 10 * HZ));
	hrtimer_cancel(&c->timer);
	KUNIT_EXPECT_TRUE(test, c->hardirq);
	KUNIT_EXPECT_EQ(test, c->alloc, VMK_OK);
}

static struct kunit_case pkt_cases[] = {
	KUNIT_CASE(pkt_alloc_fresh),
	KUNIT_CASE(pkt_release_forms),
	KUNIT_CASE(pkt_frame_len),
	KUNIT_CASE(pkt_headroom),
	KUNIT_CASE(pkt_copy_out),
	KUNIT_CASE(pkt_vlan),
	KUNIT_CASE(pkt_offload_flags),
	KUNIT_CASE(pkt_copies),
	KUNIT_CASE(pkt_frags),
	KUNIT_CASE(pkt_irq_context),
	{}
};

static struct kunit_suite pkt_suite = {
	.name = "vmkapi_pkt",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = pkt_cases,
};

/* ---- packet lists ------------------------------------------------------ */

/* The frame length tags each packet (1, 2, 3 ...) to check orders. */
static vmk_PktHandle *tagged(struct kunit *test, unsigned int tag)
{
	vmk_PktHandle *pkt = alloc_pkt(test, 64);

	KUNIT_ASSERT_EQ(test, vmk_PktFrameLenSet(pkt, tag), VMK_OK);
	return pkt;
}

/* The list's tags, in order, as a number: 1,2,3 -> 123. */
static unsigned long tags(vmk_PktList list)
{
	VMK_PKTLIST_ITER_STACK_DEF(it);
	unsigned long v = 0;

	for (vmk_PktListIterStart(it, list); !vmk_PktListIterIsAtEnd(it);
	     vmk_PktListIterMove(it))
		v = v * 10 + vmk_PktFrameLenGet(vmk_PktListIterGetPkt(it));
	return v;
}

static void fill(struct kunit *test, vmk_PktList list, unsigned int from,
		 unsigned int to)
{
	for (; from <= to; from++)
		vmk_PktListAppendPkt(list, tagged(test, from));
}

static void pktlist_basic(struct kunit *test)
{
	VMK_PKTLIST_STACK_DEF_INIT(list);
	vmk_PktHandle *p;

	KUNIT_EXPECT_TRUE(test, vmk_PktListIsEmpty(list));
	KUNIT_EXPECT_NULL(test, vmk_PktListGetFirstPkt(list));
	KUNIT_EXPECT_NULL(test, vmk_PktListPopLastPkt(list));
	fill(test, list, 1, 3);
	vmk_PktListPrependPkt(list, tagged(test, 9));
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(list), 4);
	KUNIT_EXPECT_EQ(test, tags(list), 9123);
	KUNIT_EXPECT_TRUE(test, vmk_PktListIsConsistent(list));
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(vmk_PktListGetFirstPkt(list)),
			9);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(vmk_PktListGetLastPkt(list)),
			3);
	p = vmk_PktListPopFirstPkt(list);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(p), 9);
	vmk_PktRelease(p);
	p = vmk_PktListPopLastPkt(list);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(p), 3);
	vmk_PktRelease(p);
	KUNIT_EXPECT_EQ(test, tags(list), 12);
	vmk_PktListReleaseAllPkts(list);
	KUNIT_EXPECT_TRUE(test, vmk_PktListIsEmpty(list));
	KUNIT_EXPECT_TRUE(test, vmk_PktListIsConsistent(list));
}

static void pktlist_iterator(struct kunit *test)
{
	VMK_PKTLIST_STACK_DEF_INIT(list);
	VMK_PKTLIST_STACK_DEF_INIT(other);
	VMK_PKTLIST_ITER_STACK_DEF(it);
	vmk_PktHandle *p = NULL;

	fill(test, list, 1, 4);
	vmk_PktListIterStart(it, list);
	KUNIT_EXPECT_EQ(test, vmk_PktListIterMove(it), VMK_OK);
	/* On 2: remove it; the iterator moves to 3. */
	KUNIT_EXPECT_EQ(test, vmk_PktListIterRemovePkt(it, &p), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(p), 2);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(vmk_PktListIterGetPkt(it)), 3);
	KUNIT_EXPECT_EQ(test, tags(list), 134);
	/* Put it back before 3 (as a TX ring that filled up does). */
	KUNIT_EXPECT_EQ(test, vmk_PktListIterInsertPktBefore(it, p), VMK_OK);
	KUNIT_EXPECT_EQ(test, tags(list), 1234);
	KUNIT_EXPECT_EQ(test, vmk_PktListIterInsertPktAfter(it, tagged(test, 7)),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, tags(list), 12374);
	/* Replace 3 with 8 (3 is released). */
	KUNIT_EXPECT_EQ(test, vmk_PktListIterReplace(it, tagged(test, 8)),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, tags(list), 12874);
	/* Split after 8: 7,4 go to other. */
	KUNIT_EXPECT_EQ(test, vmk_PktListIterSplitListAfter(it, &other),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_PktListIterIsAtEnd(it));
	KUNIT_EXPECT_EQ(test, tags(list), 128);
	KUNIT_EXPECT_EQ(test, tags(other), 74);
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(other), 2);
	KUNIT_EXPECT_EQ(test, vmk_PktListIterMove(it), VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, vmk_PktListIterRemovePkt(it, NULL),
			VMK_LIMIT_EXCEEDED);
	/* Insert other before the end: appended. */
	KUNIT_EXPECT_EQ(test, vmk_PktListIterInsertListBefore(it, other),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, tags(list), 12874);
	KUNIT_EXPECT_TRUE(test, vmk_PktListIsEmpty(other));
	/* Split before 8: 1,2 go to other; the iterator stays on 8. */
	vmk_PktListIterStart(it, list);
	vmk_PktListIterMove(it);
	vmk_PktListIterMove(it);
	KUNIT_EXPECT_EQ(test, vmk_PktListIterSplitListBefore(it, &other),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, tags(other), 12);
	KUNIT_EXPECT_EQ(test, tags(list), 874);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(vmk_PktListIterGetPkt(it)), 8);
	KUNIT_EXPECT_EQ(test, vmk_PktListIterInsertListAfter(it, other),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, tags(list), 81274);
	KUNIT_EXPECT_TRUE(test, vmk_PktListIsConsistent(list));
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(list), 5);
	vmk_PktListReleaseAllPkts(list);
}

static void pktlist_splice_clone(struct kunit *test)
{
	VMK_PKTLIST_STACK_DEF_INIT(a);
	VMK_PKTLIST_STACK_DEF_INIT(b);
	VMK_PKTLIST_STACK_DEF_INIT(c);
	vmk_PktList heap_list = NULL;
	vmk_PktListIter heap_it = NULL;

	fill(test, a, 1, 2);
	fill(test, b, 3, 4);
	vmk_PktListAppend(a, b);
	KUNIT_EXPECT_EQ(test, tags(a), 1234);
	KUNIT_EXPECT_TRUE(test, vmk_PktListIsEmpty(b));
	fill(test, b, 5, 5);
	vmk_PktListPrepend(a, b);
	KUNIT_EXPECT_EQ(test, tags(a), 51234);
	KUNIT_EXPECT_EQ(test, vmk_PktListClone(c, a,
					       VMK_PKTLIST_RELEASE_ON_FAIL),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, tags(c), 51234);
	KUNIT_EXPECT_FALSE(test, vmk_PktIsBufDescWritable(
					 vmk_PktListGetFirstPkt(a)));
	KUNIT_EXPECT_EQ(test, vmk_PktListClone(c, a,
					       VMK_PKTLIST_KEEP_ON_FAIL),
			VMK_BAD_PARAM);
	vmk_PktListReleaseAllPkts(c);
	vmk_PktListReleaseIRQ(a);
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(a), 0);

	KUNIT_ASSERT_EQ(test, vmk_PktListAlloc(&heap_list), VMK_OK);
	vmk_PktListInit(heap_list);
	fill(test, heap_list, 1, 3);
	KUNIT_ASSERT_EQ(test, vmk_PktListIterAlloc(&heap_it), VMK_OK);
	vmk_PktListIterStart(heap_it, heap_list);
	KUNIT_EXPECT_EQ(test, vmk_PktFrameLenGet(vmk_PktListIterGetPkt(heap_it)),
			1);
	vmk_PktListIterFree(heap_it);
	vmk_PktListReleaseAllPkts(heap_list);
	KUNIT_EXPECT_EQ(test, vmk_PktListFree(heap_list), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktListIterSizeOf(), VMK_PKTLIST_ITER_SIZE);
}

/* A list that was never initialised is refused, not followed. */
static void pktlist_bad_args(struct kunit *test)
{
	char garbage[vmk_PktListSizeInBytes] __aligned(8);
	vmk_PktList bad = (vmk_PktList)garbage;
	vmk_PktHandle *pkt = alloc_pkt(test, 64);

	memset(garbage, 0x5a, sizeof(garbage));
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(bad), 0);
	vmk_PktListAppendPkt(bad, pkt);
	KUNIT_EXPECT_NULL(test, vmk_PktListPopFirstPkt(bad));
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(NULL), 0);
	KUNIT_EXPECT_EQ(test, vmk_PktListAlloc(NULL), VMK_BAD_PARAM);
	vmk_PktListInit(bad);
	vmk_PktListAppendPkt(bad, NULL);
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(bad), 0);
	vmk_PktListAppendPkt(bad, pkt);
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(bad), 1);
	vmk_PktListReleaseAllPkts(bad);
}

static struct kunit_case pktlist_cases[] = {
	KUNIT_CASE(pktlist_basic),
	KUNIT_CASE(pktlist_iterator),
	KUNIT_CASE(pktlist_splice_clone),
	KUNIT_CASE(pktlist_bad_args),
	{}
};

static struct kunit_suite pktlist_suite = {
	.name = "vmkapi_pktlist",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = pktlist_cases,
};

/* ---- queue IDs ---------------------------------------------------------- */

static void queue_ids(struct kunit *test)
{
	vmk_UplinkQueueID qid = VMK_UPLINK_QUEUE_INVALID_QUEUEID;
	vmk_UplinkQueueFilterID fid;
	vmk_PktHandle *pkt;
	vmk_uint32 tx, rx;

	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueMkTxQueueID(&qid, 3, 0xdeadbeef),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueIDType(qid),
			VMK_UPLINK_QUEUE_TYPE_TX);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueIDQueueDataIndex(qid), 3);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueIDVal(qid), 0xdeadbeef);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueSetQueueIDUserVal(&qid, 9),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueIDUserVal(qid), 9);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueIDVal(qid), 0xdeadbeef);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueSetQueueIDQueueDataIndex(&qid, 5),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueIDQueueDataIndex(qid), 5);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueIDUserVal(qid), 9);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueMkRxQueueID(&qid, 0, 1), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueIDType(qid),
			VMK_UPLINK_QUEUE_TYPE_RX);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueMkRxQueueID(&qid, 256, 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueMkTxQueueID(NULL, 0, 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueSetQueueIDUserVal(&qid, 1 << 16),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueMkFilterID(&fid, 77), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueFilterIDVal(fid), 77);

	pkt = alloc_pkt(test, 64);
	KUNIT_EXPECT_EQ(test, vmk_PktQueueIDSet(pkt, qid), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, vmk_PktQueueIDGet(pkt), qid);
	vmk_PktRelease(pkt);
	KUNIT_EXPECT_EQ(test, vmk_PktQueueIDSet(NULL, qid), VMK_BAD_PARAM);

	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueGetNumQueuesSupported(1000, 1,
								   &tx, &rx),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, tx, num_online_cpus());
	KUNIT_EXPECT_EQ(test, rx, 1);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueGetNumQueuesSupported(1, 1, NULL,
								   &rx),
			VMK_BAD_PARAM);
}

static void service_ids(struct kunit *test)
{
	vmk_ServiceAcctID net = 0, scsi = 0;

	KUNIT_EXPECT_EQ(test, vmk_ServiceGetID(VMK_SERVICE_ACCT_NAME_NET, &net),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ServiceGetID(VMK_SERVICE_ACCT_NAME_SCSI,
					       &scsi), VMK_OK);
	KUNIT_EXPECT_NE(test, net, 0);
	KUNIT_EXPECT_NE(test, net, scsi);
	KUNIT_EXPECT_EQ(test, vmk_ServiceGetID("bogus", &net),
			VMK_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, vmk_ServiceGetID(NULL, &net), VMK_BAD_PARAM);
}

static struct kunit_case queue_cases[] = {
	KUNIT_CASE(queue_ids),
	KUNIT_CASE(service_ids),
	{}
};

static struct kunit_suite queue_suite = {
	.name = "vmkapi_queue",
	.test_cases = queue_cases,
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
};

kunit_test_suites(&pkt_suite, &pktlist_suite, &queue_suite);

MODULE_DESCRIPTION("KUnit tests of the VMK API packets and packet lists");
MODULE_LICENSE("GPL");
