/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Singly linked lists with a tail pointer (reference section 22).
 *
 * A vmk_SList holds the first and last member; members embed a
 * vmk_SList_Links whose next pointer is NULL on the last one.  Keeping
 * the tail makes appending one member or a whole list O(1); removal is
 * O(1) only when the caller knows the predecessor (vmk_SListRemove), as
 * the SAFE loop tracks it.
 *
 * Everything here is inline, never blocks and takes no lock: the caller
 * serialises access to a list.  All calls are usable in any context
 * (interrupt acknowledge, interrupt handler, NetPoll).  Nothing checks
 * its arguments; a NULL list or element is a driver bug.
 */
#ifndef _VMKAPI_SLIST_H_
#define _VMKAPI_SLIST_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmk_SList_Links {
	struct vmk_SList_Links *next;
} vmk_SList_Links;

typedef struct vmk_SList {
	vmk_SList_Links *head;
	vmk_SList_Links *tail;
} vmk_SList;

/* The structure of type @STRUCT whose @MEMBER is @itemPtr. */
#define VMK_SLIST_ENTRY(itemPtr, STRUCT, MEMBER)			\
	((STRUCT *)((vmk_uint8 *)(itemPtr) - __builtin_offsetof(STRUCT, MEMBER)))

/*
 * Visit every member, first to last.  The body must not remove @current
 * (use VMK_SLIST_FORALL_SAFE for that).
 */
#define VMK_SLIST_FORALL(list, current)					\
	for ((current) = (list)->head; (current) != (vmk_SList_Links *)0;	\
	     (current) = (current)->next)

/*
 * Visit every member, tracking its predecessor in @prevPtr and its
 * successor in @nextPtr, so that the body may call
 * vmk_SListRemove(list, current, prevPtr) (or free @current).  After a
 * pass whose body removed @current, @prevPtr stays what it was; otherwise
 * it moves on to @current.  Whether @current was removed is seen from
 * the list itself: it was when it is no longer linked after @prevPtr
 * (or, with no predecessor, no longer the head).
 */
#define VMK_SLIST_FORALL_SAFE(list, prevPtr, current, nextPtr)		\
	for ((prevPtr) = (vmk_SList_Links *)0, (current) = (list)->head,	\
	     (nextPtr) = (current) ? (current)->next : (vmk_SList_Links *)0; \
	     (current) != (vmk_SList_Links *)0;				\
	     (prevPtr) = ((prevPtr) ? (prevPtr)->next == (current) :	\
			  (list)->head == (current)) ?			\
			 (current) : (prevPtr),				\
	     (current) = (nextPtr),					\
	     (nextPtr) = (current) ? (current)->next : (vmk_SList_Links *)0)

/* Visit from the member the caller put in @current to the last one. */
#define VMK_SLIST_FORALL_AFTER(list, current)				\
	for (; (current) != (vmk_SList_Links *)0; (current) = (current)->next)

/*
 * Visit the first @n members (fewer if the list is shorter).  @n is an
 * lvalue and is counted down; on exit @current is the member after the
 * last one visited, or NULL when the list had no more than @n members.
 */
#define VMK_SLIST_FORN(list, current, n)				\
	for ((current) = (list)->head;					\
	     (current) != (vmk_SList_Links *)0 && (n) != 0;		\
	     (current) = (current)->next, (n)--)

static inline void vmk_SListInitElement(vmk_SList_Links *element)
{
	element->next = (vmk_SList_Links *)0;
}

static inline void vmk_SListInit(vmk_SList *list)
{
	list->head = (vmk_SList_Links *)0;
	list->tail = (vmk_SList_Links *)0;
}

static inline vmk_Bool vmk_SListIsEmpty(const vmk_SList *list)
{
	return list->head == (vmk_SList_Links *)0 ? VMK_TRUE : VMK_FALSE;
}

/* First / last member, NULL when the list is empty. */
static inline vmk_SList_Links *vmk_SListFirst(const vmk_SList *list)
{
	return list->head;
}

static inline vmk_SList_Links *vmk_SListLast(const vmk_SList *list)
{
	return list->tail;
}

/* The member after @element; NULL at the end. */
static inline vmk_SList_Links *vmk_SListNext(const vmk_SList_Links *element)
{
	return element->next;
}

/*
 * The member before @element, found by walking from the head: O(n).
 * NULL when @element is the first member or not in @list.
 */
static inline vmk_SList_Links *vmk_SListPrev(const vmk_SList *list,
					     const vmk_SList_Links *element)
{
	vmk_SList_Links *cur;

	if (element == list->head)
		return (vmk_SList_Links *)0;
	VMK_SLIST_FORALL(list, cur)
		if (cur->next == element)
			return cur;
	return (vmk_SList_Links *)0;
}

/*
 * Unlink and return the first member.  The list must not be empty; as a
 * courtesy an empty list yields NULL rather than a fault.
 */
static inline vmk_SList_Links *vmk_SListPop(vmk_SList *list)
{
	vmk_SList_Links *first = list->head;

	if (first == (vmk_SList_Links *)0)
		return first;
	list->head = first->next;
	if (list->head == (vmk_SList_Links *)0)
		list->tail = (vmk_SList_Links *)0;
	first->next = (vmk_SList_Links *)0;
	return first;
}

static inline void vmk_SListInsertAtHead(vmk_SList *list,
					 vmk_SList_Links *element)
{
	element->next = list->head;
	if (list->tail == (vmk_SList_Links *)0)
		list->tail = element;
	list->head = element;
}

static inline void vmk_SListInsertAtTail(vmk_SList *list,
					 vmk_SList_Links *element)
{
	element->next = (vmk_SList_Links *)0;
	if (list->tail == (vmk_SList_Links *)0)
		list->head = element;
	else
		list->tail->next = element;
	list->tail = element;
}

/* Link @element right after member @other of @list. */
static inline void vmk_SListInsertAfter(vmk_SList *list,
					vmk_SList_Links *element,
					vmk_SList_Links *other)
{
	element->next = other->next;
	other->next = element;
	if (list->tail == other)
		list->tail = element;
}

/*
 * Unlink @element, whose predecessor is @prev (NULL when @element is the
 * first member): O(1).  The removed element's next pointer is cleared.
 */
static inline void vmk_SListRemove(vmk_SList *list, vmk_SList_Links *element,
				   vmk_SList_Links *prev)
{
	if (prev == (vmk_SList_Links *)0)
		list->head = element->next;
	else
		prev->next = element->next;
	if (list->tail == element)
		list->tail = prev;
	element->next = (vmk_SList_Links *)0;
}

/* Unlink @element, finding its predecessor first: O(n). */
static inline void vmk_SListRemoveSlow(vmk_SList *list,
				       vmk_SList_Links *element)
{
	vmk_SListRemove(list, element, vmk_SListPrev(list, element));
}

/* Move every member of @listSrc, in order, to the end of @listDest. */
static inline void vmk_SListAppend(vmk_SList *listDest, vmk_SList *listSrc)
{
	if (listSrc->head == (vmk_SList_Links *)0)
		return;
	if (listDest->head == (vmk_SList_Links *)0)
		listDest->head = listSrc->head;
	else
		listDest->tail->next = listSrc->head;
	listDest->tail = listSrc->tail;
	vmk_SListInit(listSrc);
}

/*
 * Move the first @num members of @listSrc (all of them if it has fewer),
 * in order, to the end of @listDest.
 */
static inline void vmk_SListAppendN(vmk_SList *listDest, vmk_SList *listSrc,
				    vmk_uint32 num)
{
	vmk_SList_Links *first = listSrc->head;
	vmk_SList_Links *last = first;

	if (num == 0 || first == (vmk_SList_Links *)0)
		return;
	while (--num != 0 && last->next != (vmk_SList_Links *)0)
		last = last->next;

	listSrc->head = last->next;
	if (listSrc->head == (vmk_SList_Links *)0)
		listSrc->tail = (vmk_SList_Links *)0;
	last->next = (vmk_SList_Links *)0;

	if (listDest->head == (vmk_SList_Links *)0)
		listDest->head = first;
	else
		listDest->tail->next = first;
	listDest->tail = last;
}

/* Move every member of @listSrc, in order, to the front of @listDest. */
static inline void vmk_SListPrepend(vmk_SList *listDest, vmk_SList *listSrc)
{
	if (listSrc->head == (vmk_SList_Links *)0)
		return;
	if (listDest->head == (vmk_SList_Links *)0)
		listDest->tail = listSrc->tail;
	else
		listSrc->tail->next = listDest->head;
	listDest->head = listSrc->head;
	vmk_SListInit(listSrc);
}

/*
 * Split @list1 after its member @element: the members from the first up
 * to and including @element move to @list2, which must be empty; @list1
 * keeps the rest.
 */
static inline void vmk_SListSplitHead(vmk_SList *list1, vmk_SList *list2,
				      vmk_SList_Links *element)
{
	list2->head = list1->head;
	list2->tail = element;
	list1->head = element->next;
	if (list1->head == (vmk_SList_Links *)0)
		list1->tail = (vmk_SList_Links *)0;
	element->next = (vmk_SList_Links *)0;
}

/*
 * Split @list1 at the member of index @n (counting from 0): that member
 * and every one before it move, in order, to @list2, which must be empty;
 * @list1 keeps the members after it.  A list of @n members or fewer moves
 * to @list2 whole.  So @n = 0 moves the first member alone.
 *
 * This is the original's behaviour (vmk_SListSplitHead on the member
 * VMK_SLIST_FORN stops at), kept even though "split N" might suggest
 * moving exactly @n members.
 */
static inline void vmk_SListSplitNHead(vmk_SList *list1, vmk_SList *list2,
				       vmk_uint64 n)
{
	vmk_SList_Links *cur;

	VMK_SLIST_FORN(list1, cur, n)
		;
	if (cur == (vmk_SList_Links *)0)
		vmk_SListAppend(list2, list1);
	else
		vmk_SListSplitHead(list1, list2, cur);
}

/*
 * Put @newEntry in place of @targetEntry, whose predecessor is
 * @prevEntry (NULL for the first member): O(1).  @targetEntry is left
 * unlinked.
 */
static inline void vmk_SListReplace(vmk_SList *list,
				    vmk_SList_Links *targetEntry,
				    vmk_SList_Links *newEntry,
				    vmk_SList_Links *prevEntry)
{
	if (prevEntry == (vmk_SList_Links *)0)
		list->head = newEntry;
	else
		prevEntry->next = newEntry;
	if (list->tail == targetEntry)
		list->tail = newEntry;
	newEntry->next = targetEntry->next;
	targetEntry->next = (vmk_SList_Links *)0;
}

#endif /* _VMKAPI_SLIST_H_ */
