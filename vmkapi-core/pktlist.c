// SPDX-License-Identifier: GPL-2.0
/*
 * Packet lists (reference section 17.8).
 *
 * A list is the first and last skb and a count; the skbs are linked
 * through their own next/prev pointers (NULL-terminated both ways), which
 * Linux leaves to whoever holds an skb outside a queue.  So no list call
 * allocates and every one is O(1) but Clone, Release and the whole-list
 * iterator inserts.  A magic word marks initialised lists and iterators:
 * a list on the stack that was never initialised is caught, logged and
 * left alone instead of followed.
 */
#include "vmkapi_core.h"
#include "net.h"

#include <linux/slab.h>

static_assert(sizeof(struct vmk_pktlist) <= vmk_PktListSizeInBytes);
static_assert(sizeof(struct vmk_pktlist_iter) <= VMK_PKTLIST_ITER_SIZE);

static struct vmk_pktlist *vmk_pl(vmk_PktList list)
{
	return (struct vmk_pktlist *)list;
}

static struct vmk_pktlist_iter *vmk_pli(vmk_PktListIter iter)
{
	return (struct vmk_pktlist_iter *)iter;
}

static bool vmk_pl_check(vmk_PktList list, const char *api,
			 unsigned long caller)
{
	if (unlikely(!list)) {
		vmk_core_bad_arg_api(api, caller, "NULL packet list");
		return false;
	}
	if (unlikely(vmk_pl(list)->magic != VMK_PKTLIST_MAGIC)) {
		vmk_core_bad_arg_api(api, caller,
				     "packet list %p was not initialised", list);
		return false;
	}
	return true;
}

#define vmk_pl_ok(list)	vmk_pl_check(list, __func__, _RET_IP_)

static bool vmk_pli_check(vmk_PktListIter iter, const char *api,
			  unsigned long caller)
{
	if (unlikely(!iter)) {
		vmk_core_bad_arg_api(api, caller, "NULL iterator");
		return false;
	}
	if (unlikely(vmk_pli(iter)->magic != VMK_PKTLIST_ITER_MAGIC ||
		     !vmk_pli(iter)->list)) {
		vmk_core_bad_arg_api(api, caller,
				     "iterator %p was not started", iter);
		return false;
	}
	return true;
}

#define vmk_pli_ok(iter)	vmk_pli_check(iter, __func__, _RET_IP_)

static void vmk_pl_init(struct vmk_pktlist *l)
{
	l->first = NULL;
	l->last = NULL;
	l->count = 0;
	l->magic = VMK_PKTLIST_MAGIC;
}

void vmk_PktListInit(vmk_PktList pktList)
{
	if (!pktList) {
		vmk_core_bad_arg("NULL packet list");
		return;
	}
	vmk_pl_init(vmk_pl(pktList));
}
VMKAPI_EXPORT(vmk_PktListInit);

VMK_ReturnStatus vmk_PktListAlloc(vmk_PktList *list)
{
	struct vmk_pktlist *l;

	if (!list) {
		vmk_core_bad_arg("NULL list");
		return VMK_BAD_PARAM;
	}
	l = kmalloc(vmk_PktListSizeInBytes, GFP_ATOMIC | __GFP_NOWARN);
	if (!l)
		return VMK_NO_MEMORY;
	/* Not initialised, as in 2.3: the caller must vmk_PktListInit. */
	l->magic = 0;
	*list = (vmk_PktList)l;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListAlloc);

VMK_ReturnStatus vmk_PktListFree(vmk_PktList list)
{
	if (!list) {
		vmk_core_bad_arg("NULL list");
		return VMK_BAD_PARAM;
	}
	vmk_pl(list)->magic = 0;
	kfree(list);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListFree);

vmk_uint32 vmk_PktListGetCount(vmk_PktList list)
{
	if (!vmk_pl_ok(list))
		return 0;
	return vmk_pl(list)->count;
}
VMKAPI_EXPORT(vmk_PktListGetCount);

/* Link @skb between @prev and @next (either NULL at an end). */
static void vmk_pl_link(struct vmk_pktlist *l, struct sk_buff *prev,
			struct sk_buff *skb, struct sk_buff *next)
{
	skb->prev = prev;
	skb->next = next;
	if (prev)
		prev->next = skb;
	else
		l->first = skb;
	if (next)
		next->prev = skb;
	else
		l->last = skb;
	l->count++;
}

static void vmk_pl_unlink(struct vmk_pktlist *l, struct sk_buff *skb)
{
	if (skb->prev)
		skb->prev->next = skb->next;
	else
		l->first = skb->next;
	if (skb->next)
		skb->next->prev = skb->prev;
	else
		l->last = skb->prev;
	skb->next = NULL;
	skb->prev = NULL;
	l->count--;
}

static bool vmk_pkt_arg(vmk_PktHandle *pkt, const char *api,
			unsigned long caller)
{
	return vmk_core_pkt_check(pkt, api, caller);
}

void vmk_PktListAppendPkt(vmk_PktList list, vmk_PktHandle *pkt)
{
	struct vmk_pktlist *l = vmk_pl(list);

	if (!vmk_pl_ok(list) || !vmk_pkt_arg(pkt, __func__, _RET_IP_))
		return;
	vmk_pl_link(l, l->last, vmk_pkt_skb(pkt), NULL);
}
VMKAPI_EXPORT(vmk_PktListAppendPkt);

void vmk_PktListPrependPkt(vmk_PktList list, vmk_PktHandle *pkt)
{
	struct vmk_pktlist *l = vmk_pl(list);

	if (!vmk_pl_ok(list) || !vmk_pkt_arg(pkt, __func__, _RET_IP_))
		return;
	vmk_pl_link(l, NULL, vmk_pkt_skb(pkt), l->first);
}
VMKAPI_EXPORT(vmk_PktListPrependPkt);

vmk_PktHandle *vmk_PktListGetFirstPkt(vmk_PktList list)
{
	if (!vmk_pl_ok(list))
		return NULL;
	return vmk_skb_pkt(vmk_pl(list)->first);
}
VMKAPI_EXPORT(vmk_PktListGetFirstPkt);

vmk_PktHandle *vmk_PktListGetLastPkt(vmk_PktList list)
{
	if (!vmk_pl_ok(list))
		return NULL;
	return vmk_skb_pkt(vmk_pl(list)->last);
}
VMKAPI_EXPORT(vmk_PktListGetLastPkt);

static vmk_PktHandle *vmk_pl_pop(struct vmk_pktlist *l, struct sk_buff *skb)
{
	if (!skb)
		return NULL;
	vmk_pl_unlink(l, skb);
	return vmk_skb_pkt(skb);
}

vmk_PktHandle *vmk_PktListPopFirstPkt(vmk_PktList list)
{
	if (!vmk_pl_ok(list))
		return NULL;
	return vmk_pl_pop(vmk_pl(list), vmk_pl(list)->first);
}
VMKAPI_EXPORT(vmk_PktListPopFirstPkt);

vmk_PktHandle *vmk_PktListPopLastPkt(vmk_PktList list)
{
	if (!vmk_pl_ok(list))
		return NULL;
	return vmk_pl_pop(vmk_pl(list), vmk_pl(list)->last);
}
VMKAPI_EXPORT(vmk_PktListPopLastPkt);

vmk_Bool vmk_PktListIsConsistent(vmk_PktList list)
{
	struct vmk_pktlist *l = vmk_pl(list);
	struct sk_buff *skb, *prev = NULL;
	u32 n = 0;

	if (!vmk_pl_ok(list))
		return VMK_FALSE;
	for (skb = l->first; skb; prev = skb, skb = skb->next) {
		if (skb->prev != prev || ++n > l->count)
			return VMK_FALSE;
	}
	return n == l->count && l->last == prev;
}
VMKAPI_EXPORT(vmk_PktListIsConsistent);

/* Move all of @src between @prev and @next of @dst; @src ends empty. */
static void vmk_pl_splice(struct vmk_pktlist *dst, struct sk_buff *prev,
			  struct vmk_pktlist *src, struct sk_buff *next)
{
	if (!src->count)
		return;
	src->first->prev = prev;
	src->last->next = next;
	if (prev)
		prev->next = src->first;
	else
		dst->first = src->first;
	if (next)
		next->prev = src->last;
	else
		dst->last = src->last;
	dst->count += src->count;
	vmk_pl_init(src);
}

void vmk_PktListAppend(vmk_PktList dstList, vmk_PktList srcList)
{
	if (!vmk_pl_ok(dstList) || !vmk_pl_ok(srcList) || dstList == srcList)
		return;
	vmk_pl_splice(vmk_pl(dstList), vmk_pl(dstList)->last, vmk_pl(srcList),
		      NULL);
}
VMKAPI_EXPORT(vmk_PktListAppend);

void vmk_PktListPrepend(vmk_PktList dstList, vmk_PktList srcList)
{
	if (!vmk_pl_ok(dstList) || !vmk_pl_ok(srcList) || dstList == srcList)
		return;
	vmk_pl_splice(vmk_pl(dstList), NULL, vmk_pl(srcList),
		      vmk_pl(dstList)->first);
}
VMKAPI_EXPORT(vmk_PktListPrepend);

static void vmk_pl_release(struct vmk_pktlist *l)
{
	struct sk_buff *skb, *next;

	for (skb = l->first; skb; skb = next) {
		next = skb->next;
		skb->next = NULL;
		skb->prev = NULL;
		vmk_core_pkt_free_any(skb);
	}
	vmk_pl_init(l);
}

VMK_ReturnStatus vmk_PktListClone(vmk_PktList dstList, vmk_PktList srcList,
				  vmk_PktListCloneFailAction failAction)
{
	struct vmk_pktlist *dst = vmk_pl(dstList);
	vmk_PktHandle *clone;
	struct sk_buff *skb;

	if (!vmk_pl_ok(dstList) || !vmk_pl_ok(srcList))
		return VMK_BAD_PARAM;
	if (dst->count || dstList == srcList) {
		vmk_core_bad_arg("destination list %p is not empty", dstList);
		return VMK_BAD_PARAM;
	}
	for (skb = vmk_pl(srcList)->first; skb; skb = skb->next) {
		if (vmk_PktClone(vmk_skb_pkt(skb), &clone) != VMK_OK) {
			if (failAction == VMK_PKTLIST_RELEASE_ON_FAIL)
				vmk_pl_release(dst);
			return VMK_NO_RESOURCES;
		}
		vmk_pl_link(dst, dst->last, vmk_pkt_skb(clone), NULL);
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListClone);

void vmk_PktListReleaseAllPkts(vmk_PktList list)
{
	vmk_core_assert_may_deschedule();
	if (!vmk_pl_ok(list))
		return;
	vmk_pl_release(vmk_pl(list));
}
VMKAPI_EXPORT(vmk_PktListReleaseAllPkts);

void vmk_PktListReleaseIRQ(vmk_PktList pktList)
{
	if (!vmk_pl_ok(pktList))
		return;
	vmk_pl_release(vmk_pl(pktList));
}
VMKAPI_EXPORT(vmk_PktListReleaseIRQ);

vmk_ByteCount vmk_PktListIterSizeOf(void)
{
	return VMK_PKTLIST_ITER_SIZE;
}
VMKAPI_EXPORT(vmk_PktListIterSizeOf);

VMK_ReturnStatus vmk_PktListIterAlloc(vmk_PktListIter *iter)
{
	struct vmk_pktlist_iter *it;

	if (!iter) {
		vmk_core_bad_arg("NULL iter");
		return VMK_BAD_PARAM;
	}
	it = kzalloc(VMK_PKTLIST_ITER_SIZE, GFP_ATOMIC | __GFP_NOWARN);
	if (!it)
		return VMK_NO_MEMORY;
	*iter = (vmk_PktListIter)it;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterAlloc);

void vmk_PktListIterFree(vmk_PktListIter iter)
{
	if (!iter) {
		vmk_core_bad_arg("NULL iter");
		return;
	}
	vmk_pli(iter)->magic = 0;
	kfree(iter);
}
VMKAPI_EXPORT(vmk_PktListIterFree);

void vmk_PktListIterStart(vmk_PktListIter iter, vmk_PktList list)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);

	if (!iter) {
		vmk_core_bad_arg("NULL iter");
		return;
	}
	if (!vmk_pl_ok(list))
		return;
	it->list = vmk_pl(list);
	it->cur = it->list->first;
	it->magic = VMK_PKTLIST_ITER_MAGIC;
}
VMKAPI_EXPORT(vmk_PktListIterStart);

VMK_ReturnStatus vmk_PktListIterMove(vmk_PktListIter iter)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);

	if (!vmk_pli_ok(iter))
		return VMK_BAD_PARAM;
	if (!it->cur)
		return VMK_LIMIT_EXCEEDED;
	it->cur = it->cur->next;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterMove);

vmk_Bool vmk_PktListIterIsAtEnd(vmk_PktListIter iter)
{
	if (!vmk_pli_ok(iter))
		return VMK_TRUE;
	return !vmk_pli(iter)->cur;
}
VMKAPI_EXPORT(vmk_PktListIterIsAtEnd);

vmk_PktHandle *vmk_PktListIterGetPkt(vmk_PktListIter iter)
{
	if (!vmk_pli_ok(iter))
		return NULL;
	return vmk_skb_pkt(vmk_pli(iter)->cur);
}
VMKAPI_EXPORT(vmk_PktListIterGetPkt);

VMK_ReturnStatus vmk_PktListIterRemovePkt(vmk_PktListIter iter,
					  vmk_PktHandle **pkt)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);
	struct sk_buff *skb;

	if (!vmk_pli_ok(iter))
		return VMK_BAD_PARAM;
	skb = it->cur;
	if (!skb)
		return VMK_LIMIT_EXCEEDED;
	it->cur = skb->next;
	vmk_pl_unlink(it->list, skb);
	if (pkt)
		*pkt = vmk_skb_pkt(skb);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterRemovePkt);

VMK_ReturnStatus vmk_PktListIterReplace(vmk_PktListIter iter,
					vmk_PktHandle *pkt)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);
	struct sk_buff *old, *prev, *next;

	if (!vmk_pli_ok(iter) || !vmk_pkt_arg(pkt, __func__, _RET_IP_))
		return VMK_BAD_PARAM;
	old = it->cur;
	if (!old)
		return VMK_LIMIT_EXCEEDED;
	prev = old->prev;
	next = old->next;
	vmk_pl_unlink(it->list, old);
	vmk_pl_link(it->list, prev, vmk_pkt_skb(pkt), next);
	it->cur = vmk_pkt_skb(pkt);
	old->next = NULL;
	old->prev = NULL;
	vmk_core_pkt_free_any(old);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterReplace);

VMK_ReturnStatus vmk_PktListIterInsertPktAfter(vmk_PktListIter iter,
					       vmk_PktHandle *pkt)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);

	if (!vmk_pli_ok(iter) || !vmk_pkt_arg(pkt, __func__, _RET_IP_))
		return VMK_BAD_PARAM;
	if (!it->list->count) {
		vmk_pl_link(it->list, NULL, vmk_pkt_skb(pkt), NULL);
		it->cur = vmk_pkt_skb(pkt);
		return VMK_OK;
	}
	if (!it->cur)
		return VMK_LIMIT_EXCEEDED;
	vmk_pl_link(it->list, it->cur, vmk_pkt_skb(pkt), it->cur->next);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterInsertPktAfter);

VMK_ReturnStatus vmk_PktListIterInsertPktBefore(vmk_PktListIter iter,
						vmk_PktHandle *pkt)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);

	if (!vmk_pli_ok(iter) || !vmk_pkt_arg(pkt, __func__, _RET_IP_))
		return VMK_BAD_PARAM;
	vmk_pl_link(it->list, it->cur ? it->cur->prev : it->list->last,
		    vmk_pkt_skb(pkt), it->cur);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterInsertPktBefore);

VMK_ReturnStatus vmk_PktListIterInsertListAfter(vmk_PktListIter iter,
						vmk_PktList list)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);

	if (!vmk_pli_ok(iter) || !vmk_pl_ok(list) ||
	    vmk_pl(list) == it->list)
		return VMK_BAD_PARAM;
	if (!it->list->count) {
		it->cur = vmk_pl(list)->first;
		vmk_pl_splice(it->list, NULL, vmk_pl(list), NULL);
		return VMK_OK;
	}
	if (!it->cur)
		return VMK_LIMIT_EXCEEDED;
	vmk_pl_splice(it->list, it->cur, vmk_pl(list), it->cur->next);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterInsertListAfter);

VMK_ReturnStatus vmk_PktListIterInsertListBefore(vmk_PktListIter iter,
						 vmk_PktList list)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);

	if (!vmk_pli_ok(iter) || !vmk_pl_ok(list) ||
	    vmk_pl(list) == it->list)
		return VMK_BAD_PARAM;
	vmk_pl_splice(it->list, it->cur ? it->cur->prev : it->list->last,
		      vmk_pl(list), it->cur);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterInsertListBefore);

VMK_ReturnStatus vmk_PktListIterSplitListAfter(vmk_PktListIter iter,
					       vmk_PktList *splitList)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);
	struct vmk_pktlist *l, *out;
	struct sk_buff *skb;
	u32 n = 0;

	if (!vmk_pli_ok(iter))
		return VMK_BAD_PARAM;
	if (!splitList || !*splitList) {
		vmk_core_bad_arg("NULL split list");
		return VMK_BAD_PARAM;
	}
	if (!it->cur)
		return VMK_LIMIT_EXCEEDED;
	l = it->list;
	out = vmk_pl(*splitList);
	vmk_pl_init(out);
	if (it->cur->next) {
		out->first = it->cur->next;
		out->last = l->last;
		for (skb = out->first; skb; skb = skb->next)
			n++;
		out->first->prev = NULL;
		out->count = n;
		it->cur->next = NULL;
		l->last = it->cur;
		l->count -= n;
	}
	it->cur = NULL;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterSplitListAfter);

VMK_ReturnStatus vmk_PktListIterSplitListBefore(vmk_PktListIter iter,
						vmk_PktList *splitList)
{
	struct vmk_pktlist_iter *it = vmk_pli(iter);
	struct vmk_pktlist *l, *out;
	struct sk_buff *skb, *before;
	u32 n = 0;

	if (!vmk_pli_ok(iter))
		return VMK_BAD_PARAM;
	if (!splitList || !*splitList) {
		vmk_core_bad_arg("NULL split list");
		return VMK_BAD_PARAM;
	}
	l = it->list;
	out = vmk_pl(*splitList);
	vmk_pl_init(out);
	before = it->cur ? it->cur->prev : l->last;
	if (!before)
		return VMK_OK;
	for (skb = before; skb; skb = skb->prev)
		n++;
	out->first = l->first;
	out->last = before;
	out->count = n;
	before->next = NULL;
	l->first = it->cur;
	if (it->cur)
		it->cur->prev = NULL;
	else
		l->last = NULL;
	l->count -= n;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktListIterSplitListBefore);
