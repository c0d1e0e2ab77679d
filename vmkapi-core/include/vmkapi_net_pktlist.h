/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packet lists (reference section 17.8; net/vmkapi_net_pktlist.h).
 *
 * A list links its packets through the skbs' own next/prev pointers, so
 * adding and removing never allocate.  A list lives on the stack
 * (VMK_PKTLIST_STACK_DEF), in a driver structure (vmk_PktListSizeInBytes
 * bytes, aligned to a pointer) or on the heap (vmk_PktListAlloc).  The
 * stack definitions are declarations: use them before any statement.  No
 * locking: one thread uses a list (and at most one iterator on it) at a
 * time.  No call blocks; every call is allowed in every context.  Bad
 * arguments (NULL, a list that was never initialised) are logged once.
 *
 * The sizes are compile-time constants here (2.3 has a variable and a
 * function), so the stack definitions below are fixed-size arrays.
 */
#ifndef _VMKAPI_NET_PKTLIST_H_
#define _VMKAPI_NET_PKTLIST_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct PktList *vmk_PktList;
typedef struct PktListIter *vmk_PktListIter;

typedef enum {
	VMK_PKTLIST_RELEASE_ON_FAIL,
	VMK_PKTLIST_KEEP_ON_FAIL,
} vmk_PktListCloneFailAction;

#define vmk_PktListSizeInBytes		((vmk_ByteCountSmall)32)
#define VMK_PKTLIST_ITER_SIZE		32

#define VMK_PKTLIST_STACK_DEF(listName)					\
	char vmkPktList_##listName[vmk_PktListSizeInBytes]		\
		__attribute__((__aligned__(8)));			\
	vmk_PktList listName = (vmk_PktList)&vmkPktList_##listName[0]

#define VMK_PKTLIST_STACK_DEF_INIT(listName)				\
	char vmkPktList_##listName[vmk_PktListSizeInBytes]		\
		__attribute__((__aligned__(8)));			\
	vmk_PktList listName =						\
		(vmk_PktListInit((vmk_PktList)vmkPktList_##listName),	\
		 (vmk_PktList)vmkPktList_##listName)

#define VMK_PKTLIST_ITER_STACK_DEF(iterName)				\
	char vmkPktListIter_##iterName[VMK_PKTLIST_ITER_SIZE]		\
		__attribute__((__aligned__(8)));			\
	vmk_PktListIter iterName = (vmk_PktListIter)&vmkPktListIter_##iterName[0]

/* Make @pktList an empty list (whatever it held is forgotten). */
void vmk_PktListInit(vmk_PktList pktList);

/*
 * vmk_PktListAlloc - a list from kernel memory, NOT initialised (as in
 * 2.3).  Returns VMK_OK, VMK_BAD_PARAM for NULL, VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_PktListAlloc(vmk_PktList *list);
/* Free a list from vmk_PktListAlloc; its packets are not released. */
VMK_ReturnStatus vmk_PktListFree(vmk_PktList list);

vmk_uint32 vmk_PktListGetCount(vmk_PktList list);

static inline vmk_Bool vmk_PktListIsEmpty(vmk_PktList list)
{
	return vmk_PktListGetCount(list) == 0 ? VMK_TRUE : VMK_FALSE;
}

void vmk_PktListAppendPkt(vmk_PktList list, vmk_PktHandle *pkt);
void vmk_PktListPrependPkt(vmk_PktList list, vmk_PktHandle *pkt);
/* First/last packet, NULL when empty; Pop also removes it. */
vmk_PktHandle *vmk_PktListGetFirstPkt(vmk_PktList list);
vmk_PktHandle *vmk_PktListPopFirstPkt(vmk_PktList list);
vmk_PktHandle *vmk_PktListGetLastPkt(vmk_PktList list);
vmk_PktHandle *vmk_PktListPopLastPkt(vmk_PktList list);
/* VMK_TRUE if the links and the count agree (a debugging aid). */
vmk_Bool vmk_PktListIsConsistent(vmk_PktList list);

/* Move every packet of @srcList to the end/front of @dstList. */
void vmk_PktListAppend(vmk_PktList dstList, vmk_PktList srcList);
void vmk_PktListPrepend(vmk_PktList dstList, vmk_PktList srcList);

/*
 * vmk_PktListClone - append a clone of each packet of @srcList to the
 * empty @dstList.  On a failure: RELEASE_ON_FAIL releases the clones made
 * so far, KEEP_ON_FAIL keeps them.  Returns VMK_OK, VMK_BAD_PARAM (NULL
 * or a non-empty @dstList), VMK_NO_RESOURCES.
 */
VMK_ReturnStatus vmk_PktListClone(vmk_PktList dstList, vmk_PktList srcList,
				  vmk_PktListCloneFailAction failAction);

/*
 * Release every packet and empty the list (ReleaseAllPkts: not in an
 * interrupt acknowledge; ReleaseIRQ: anywhere).
 */
void vmk_PktListReleaseAllPkts(vmk_PktList list);
void vmk_PktListReleaseIRQ(vmk_PktList pktList);

/* Iterators: at most one per list at a time. */
vmk_ByteCount vmk_PktListIterSizeOf(void);
VMK_ReturnStatus vmk_PktListIterAlloc(vmk_PktListIter *iter);
void vmk_PktListIterFree(vmk_PktListIter iter);
void vmk_PktListIterStart(vmk_PktListIter iter, vmk_PktList list);
/* VMK_LIMIT_EXCEEDED at the end of the list. */
VMK_ReturnStatus vmk_PktListIterMove(vmk_PktListIter iter);
vmk_Bool vmk_PktListIterIsAtEnd(vmk_PktListIter iter);
/* The packet under the iterator, NULL at the end. */
vmk_PktHandle *vmk_PktListIterGetPkt(vmk_PktListIter iter);
/*
 * Remove the packet under the iterator (into *@pkt if not NULL); the
 * iterator moves to the next one.  VMK_LIMIT_EXCEEDED at the end.
 */
VMK_ReturnStatus vmk_PktListIterRemovePkt(vmk_PktListIter iter,
					  vmk_PktHandle **pkt);
/*
 * Release the packet under the iterator and put @pkt in its place (the
 * iterator is on @pkt).  VMK_LIMIT_EXCEEDED at the end.
 */
VMK_ReturnStatus vmk_PktListIterReplace(vmk_PktListIter iter,
					vmk_PktHandle *pkt);
/*
 * Insert after the packet under the iterator (VMK_LIMIT_EXCEEDED at the
 * end, unless the list is empty: then @pkt is the list and the iterator
 * is on it), or before it (always VMK_OK; at the end: append).
 */
VMK_ReturnStatus vmk_PktListIterInsertPktAfter(vmk_PktListIter iter,
					       vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktListIterInsertPktBefore(vmk_PktListIter iter,
						vmk_PktHandle *pkt);
/* The same for a whole list, which is left empty. */
VMK_ReturnStatus vmk_PktListIterInsertListAfter(vmk_PktListIter iter,
						vmk_PktList list);
VMK_ReturnStatus vmk_PktListIterInsertListBefore(vmk_PktListIter iter,
						 vmk_PktList list);
/*
 * Move the packets after the iterator's packet (SplitAfter: the iterator
 * ends at the end; VMK_LIMIT_EXCEEDED at the end) or before it
 * (SplitBefore: the iterator stays on its packet, now the first) into
 * *@splitList, which is (re)initialised.
 */
VMK_ReturnStatus vmk_PktListIterSplitListAfter(vmk_PktListIter iter,
					       vmk_PktList *splitList);
VMK_ReturnStatus vmk_PktListIterSplitListBefore(vmk_PktListIter iter,
						vmk_PktList *splitList);

#endif /* _VMKAPI_NET_PKTLIST_H_ */
