/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Doubly linked circular lists (reference section 22).
 *
 * A list is a sentinel vmk_ListLinks (the header) plus the members linked
 * through it; an empty list is a header whose two pointers point at
 * itself.  Members embed a vmk_ListLinks and are recovered with
 * VMK_LIST_ENTRY.  A member that is in no list has both pointers NULL
 * (vmk_ListInitElement; vmk_ListRemove leaves it so), which is what
 * vmk_ListIsUnlinkedElement tests.
 *
 * Everything here is inline, touches only the links it is given, never
 * blocks and takes no lock: the caller serialises access to a list.  All
 * calls are usable in any context (interrupt acknowledge, interrupt
 * handler, NetPoll).  Like the original, nothing checks its arguments:
 * a NULL pointer or an element in the wrong state is a driver bug, and
 * no kernel call is made from here to report it.
 */
#ifndef _VMKAPI_LIST_H_
#define _VMKAPI_LIST_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmk_ListLinks {
	struct vmk_ListLinks *prevPtr;
	struct vmk_ListLinks *nextPtr;
} vmk_ListLinks;

/* The structure of type @containerType whose @fieldInContainer is @itemPtr. */
#define VMK_LIST_ENTRY(itemPtr, containerType, fieldInContainer)	\
	((containerType *)((vmk_uint8 *)(itemPtr) -			\
		__builtin_offsetof(containerType, fieldInContainer)))

/* Make @headerPtr an empty list. */
static inline void vmk_ListInit(vmk_ListLinks *headerPtr)
{
	headerPtr->nextPtr = headerPtr;
	headerPtr->prevPtr = headerPtr;
}

/* Mark @elementPtr as belonging to no list. */
static inline void vmk_ListInitElement(vmk_ListLinks *elementPtr)
{
	elementPtr->prevPtr = (vmk_ListLinks *)0;
	elementPtr->nextPtr = (vmk_ListLinks *)0;
}

/* VMK_TRUE when @elementPtr is in no list (initialised or removed). */
static inline vmk_Bool vmk_ListIsUnlinkedElement(vmk_ListLinks *elementPtr)
{
	return elementPtr->prevPtr == (vmk_ListLinks *)0 &&
	       elementPtr->nextPtr == (vmk_ListLinks *)0;
}

static inline vmk_Bool vmk_ListIsEmpty(vmk_ListLinks *headerPtr)
{
	return headerPtr->nextPtr == headerPtr;
}

/*
 * VMK_TRUE when @itemPtr has walked off either end of the list, which in
 * a circular list is the header itself.
 */
static inline vmk_Bool vmk_ListIsAtEnd(vmk_ListLinks *headerPtr,
				       vmk_ListLinks *itemPtr)
{
	return itemPtr == headerPtr;
}

/* The first and last members; the header itself when the list is empty. */
static inline vmk_ListLinks *vmk_ListFirst(vmk_ListLinks *headerPtr)
{
	return headerPtr->nextPtr;
}

static inline vmk_ListLinks *vmk_ListLast(vmk_ListLinks *headerPtr)
{
	return headerPtr->prevPtr;
}

/* Neighbours of a member; the header when @itemPtr is at that end. */
static inline vmk_ListLinks *vmk_ListNext(vmk_ListLinks *itemPtr)
{
	return itemPtr->nextPtr;
}

static inline vmk_ListLinks *vmk_ListPrev(vmk_ListLinks *itemPtr)
{
	return itemPtr->prevPtr;
}

/*
 * Link @itemPtr into a list right after @destPtr.  @destPtr is a position
 * computed by one of the four helpers below, e.g.
 * vmk_ListInsert(&obj->links, vmk_ListAtRear(&list)).
 */
static inline void vmk_ListInsert(vmk_ListLinks *itemPtr,
				  vmk_ListLinks *destPtr)
{
	itemPtr->nextPtr = destPtr->nextPtr;
	itemPtr->prevPtr = destPtr;
	destPtr->nextPtr->prevPtr = itemPtr;
	destPtr->nextPtr = itemPtr;
}

/* Position for vmk_ListInsert: after member @itemPtr. */
static inline vmk_ListLinks *vmk_ListAfter(vmk_ListLinks *itemPtr)
{
	return itemPtr;
}

/* Position for vmk_ListInsert: before member @itemPtr. */
static inline vmk_ListLinks *vmk_ListBefore(vmk_ListLinks *itemPtr)
{
	return itemPtr->prevPtr;
}

/* Position for vmk_ListInsert: the new first member of @headerPtr. */
static inline vmk_ListLinks *vmk_ListAtFront(vmk_ListLinks *headerPtr)
{
	return headerPtr;
}

/* Position for vmk_ListInsert: the new last member of @headerPtr. */
static inline vmk_ListLinks *vmk_ListAtRear(vmk_ListLinks *headerPtr)
{
	return headerPtr->prevPtr;
}

/* Unlink member @itemPtr from its list; it is left unlinked (both NULL). */
static inline void vmk_ListRemove(vmk_ListLinks *itemPtr)
{
	itemPtr->prevPtr->nextPtr = itemPtr->nextPtr;
	itemPtr->nextPtr->prevPtr = itemPtr->prevPtr;
	vmk_ListInitElement(itemPtr);
}

/*
 * Move the members of @headerPtr from its first one up to and including
 * @itemPtr, in order, to @headerPtr2, which must be empty.  @headerPtr
 * keeps the members after @itemPtr.
 */
static inline void vmk_ListSplitBefore(vmk_ListLinks *headerPtr,
				       vmk_ListLinks *headerPtr2,
				       vmk_ListLinks *itemPtr)
{
	vmk_ListLinks *first = headerPtr->nextPtr;
	vmk_ListLinks *rest = itemPtr->nextPtr;

	/* The source keeps what follows @itemPtr. */
	headerPtr->nextPtr = rest;
	rest->prevPtr = headerPtr;
	/* The destination gets first .. itemPtr. */
	headerPtr2->nextPtr = first;
	first->prevPtr = headerPtr2;
	headerPtr2->prevPtr = itemPtr;
	itemPtr->nextPtr = headerPtr2;
}

/*
 * Move the members of @headerPtr from @itemPtr to its last one, in order,
 * to @headerPtr2, which must be empty.  @headerPtr keeps the members
 * before @itemPtr.
 */
static inline void vmk_ListSplitAfter(vmk_ListLinks *headerPtr,
				      vmk_ListLinks *headerPtr2,
				      vmk_ListLinks *itemPtr)
{
	vmk_ListLinks *last = headerPtr->prevPtr;
	vmk_ListLinks *keep = itemPtr->prevPtr;

	/* The source keeps what precedes @itemPtr. */
	headerPtr->prevPtr = keep;
	keep->nextPtr = headerPtr;
	/* The destination gets itemPtr .. last. */
	headerPtr2->nextPtr = itemPtr;
	itemPtr->prevPtr = headerPtr2;
	headerPtr2->prevPtr = last;
	last->nextPtr = headerPtr2;
}

/*
 * Loops.  FORALL visits every member, first to last (REVERSE: last to
 * first), setting @itemPtr to each.  ITER continues from the @itemPtr the
 * caller set (which may be the header, ending at once) to that end.  The
 * plain forms must not remove @itemPtr; the _SAFE forms read the
 * neighbour into @nextPtr / @prevPtr before the body runs, so the body
 * may remove (or free) @itemPtr, though not that neighbour.
 */
#define VMK_LIST_FORALL(headerPtr, itemPtr)				\
	for ((itemPtr) = vmk_ListFirst(headerPtr);			\
	     !vmk_ListIsAtEnd((headerPtr), (itemPtr));			\
	     (itemPtr) = vmk_ListNext(itemPtr))

#define VMK_LIST_FORALL_REVERSE(headerPtr, itemPtr)			\
	for ((itemPtr) = vmk_ListLast(headerPtr);			\
	     !vmk_ListIsAtEnd((headerPtr), (itemPtr));			\
	     (itemPtr) = vmk_ListPrev(itemPtr))

#define VMK_LIST_FORALL_SAFE(headerPtr, itemPtr, nextPtr)		\
	for ((itemPtr) = vmk_ListFirst(headerPtr),			\
	     (nextPtr) = vmk_ListNext(itemPtr);				\
	     !vmk_ListIsAtEnd((headerPtr), (itemPtr));			\
	     (itemPtr) = (nextPtr), (nextPtr) = vmk_ListNext(nextPtr))

#define VMK_LIST_FORALL_REVERSE_SAFE(headerPtr, itemPtr, prevPtr)	\
	for ((itemPtr) = vmk_ListLast(headerPtr),			\
	     (prevPtr) = vmk_ListPrev(itemPtr);				\
	     !vmk_ListIsAtEnd((headerPtr), (itemPtr));			\
	     (itemPtr) = (prevPtr), (prevPtr) = vmk_ListPrev(prevPtr))

#define VMK_LIST_ITER(headerPtr, itemPtr)				\
	for (; !vmk_ListIsAtEnd((headerPtr), (itemPtr));		\
	     (itemPtr) = vmk_ListNext(itemPtr))

#define VMK_LIST_ITER_REVERSE(headerPtr, itemPtr)			\
	for (; !vmk_ListIsAtEnd((headerPtr), (itemPtr));		\
	     (itemPtr) = vmk_ListPrev(itemPtr))

#define VMK_LIST_ITER_SAFE(headerPtr, itemPtr, nextPtr)			\
	for ((nextPtr) = vmk_ListNext(itemPtr);				\
	     !vmk_ListIsAtEnd((headerPtr), (itemPtr));			\
	     (itemPtr) = (nextPtr), (nextPtr) = vmk_ListNext(nextPtr))

#define VMK_LIST_ITER_REVERSE_SAFE(headerPtr, itemPtr, prevPtr)		\
	for ((prevPtr) = vmk_ListPrev(itemPtr);				\
	     !vmk_ListIsAtEnd((headerPtr), (itemPtr));			\
	     (itemPtr) = (prevPtr), (prevPtr) = vmk_ListPrev(prevPtr))

#endif /* _VMKAPI_LIST_H_ */
