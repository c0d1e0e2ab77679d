// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: doubly linked lists (vmk_List*) and singly linked lists with a
 * tail (vmk_SList*).  Every check compares the whole list, walked both
 * ways where it has two directions, against the expected sequence of
 * values, so a broken back pointer or a stale tail shows up.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "vmkapi_kunit.h"

#define NODES 8

struct dnode {
	int val;
	vmk_ListLinks links;
};

struct snode {
	int pad;
	vmk_SList_Links links;
	int val;
};

/* Compare @head against @want[0..n) forwards and backwards. */
static void expect_list(struct kunit *test, vmk_ListLinks *head,
			const int *want, int n)
{
	vmk_ListLinks *it;
	int i = 0;

	VMK_LIST_FORALL(head, it) {
		KUNIT_ASSERT_LT(test, i, n);
		KUNIT_EXPECT_EQ(test, VMK_LIST_ENTRY(it, struct dnode, links)->val,
				want[i]);
		/* Every member's neighbours point back at it. */
		KUNIT_EXPECT_PTR_EQ(test, it->nextPtr->prevPtr, it);
		KUNIT_EXPECT_PTR_EQ(test, it->prevPtr->nextPtr, it);
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, n);
	VMK_LIST_FORALL_REVERSE(head, it) {
		KUNIT_ASSERT_GT(test, i, 0);
		i--;
		KUNIT_EXPECT_EQ(test, VMK_LIST_ENTRY(it, struct dnode, links)->val,
				want[i]);
	}
	KUNIT_EXPECT_EQ(test, i, 0);
	KUNIT_EXPECT_EQ(test, !!vmk_ListIsEmpty(head), n == 0);
}

static void init_nodes(struct dnode *nodes)
{
	int i;

	for (i = 0; i < NODES; i++) {
		nodes[i].val = i;
		vmk_ListInitElement(&nodes[i].links);
	}
}

static void vmk_list_init_and_entry(struct kunit *test)
{
	vmk_ListLinks head;
	struct dnode n = { .val = 7 };

	vmk_ListInit(&head);
	KUNIT_EXPECT_TRUE(test, vmk_ListIsEmpty(&head));
	KUNIT_EXPECT_PTR_EQ(test, vmk_ListFirst(&head), &head);
	KUNIT_EXPECT_PTR_EQ(test, vmk_ListLast(&head), &head);
	KUNIT_EXPECT_TRUE(test, vmk_ListIsAtEnd(&head, vmk_ListFirst(&head)));

	n.links.prevPtr = &head;
	n.links.nextPtr = &head;
	KUNIT_EXPECT_FALSE(test, vmk_ListIsUnlinkedElement(&n.links));
	vmk_ListInitElement(&n.links);
	KUNIT_EXPECT_TRUE(test, vmk_ListIsUnlinkedElement(&n.links));
	KUNIT_EXPECT_PTR_EQ(test, VMK_LIST_ENTRY(&n.links, struct dnode, links),
			    &n);
}

static void vmk_list_insert_positions(struct kunit *test)
{
	struct dnode nodes[NODES];
	vmk_ListLinks head;
	static const int after_front[] = { 1, 0 };
	static const int after_rear[] = { 1, 0, 2 };
	static const int after_after[] = { 1, 3, 0, 2 };
	static const int after_before[] = { 1, 3, 0, 4, 2 };
	static const int after_before_first[] = { 5, 1, 3, 0, 4, 2 };
	static const int after_after_last[] = { 5, 1, 3, 0, 4, 2, 6 };

	init_nodes(nodes);
	vmk_ListInit(&head);
	vmk_ListInsert(&nodes[0].links, vmk_ListAtFront(&head));
	KUNIT_EXPECT_FALSE(test, vmk_ListIsUnlinkedElement(&nodes[0].links));
	vmk_ListInsert(&nodes[1].links, vmk_ListAtFront(&head));
	expect_list(test, &head, after_front, 2);
	vmk_ListInsert(&nodes[2].links, vmk_ListAtRear(&head));
	expect_list(test, &head, after_rear, 3);
	vmk_ListInsert(&nodes[3].links, vmk_ListAfter(&nodes[1].links));
	expect_list(test, &head, after_after, 4);
	vmk_ListInsert(&nodes[4].links, vmk_ListBefore(&nodes[2].links));
	expect_list(test, &head, after_before, 5);
	vmk_ListInsert(&nodes[5].links, vmk_ListBefore(&nodes[1].links));
	expect_list(test, &head, after_before_first, 6);
	vmk_ListInsert(&nodes[6].links, vmk_ListAfter(&nodes[2].links));
	expect_list(test, &head, after_after_last, 7);

	KUNIT_EXPECT_PTR_EQ(test, vmk_ListFirst(&head), &nodes[5].links);
	KUNIT_EXPECT_PTR_EQ(test, vmk_ListLast(&head), &nodes[6].links);
	KUNIT_EXPECT_PTR_EQ(test, vmk_ListNext(&nodes[3].links), &nodes[0].links);
	KUNIT_EXPECT_PTR_EQ(test, vmk_ListPrev(&nodes[3].links), &nodes[1].links);
	/* Off either end is the header. */
	KUNIT_EXPECT_TRUE(test, vmk_ListIsAtEnd(&head, vmk_ListNext(&nodes[6].links)));
	KUNIT_EXPECT_TRUE(test, vmk_ListIsAtEnd(&head, vmk_ListPrev(&nodes[5].links)));
}

static void vmk_list_remove(struct kunit *test)
{
	struct dnode nodes[NODES];
	vmk_ListLinks head;
	static const int mid[] = { 0, 2, 3 };
	static const int ends[] = { 2 };
	int i;

	init_nodes(nodes);
	vmk_ListInit(&head);
	for (i = 0; i < 4; i++)
		vmk_ListInsert(&nodes[i].links, vmk_ListAtRear(&head));
	vmk_ListRemove(&nodes[1].links);
	KUNIT_EXPECT_TRUE(test, vmk_ListIsUnlinkedElement(&nodes[1].links));
	expect_list(test, &head, mid, 3);
	vmk_ListRemove(&nodes[0].links);
	vmk_ListRemove(&nodes[3].links);
	expect_list(test, &head, ends, 1);
	vmk_ListRemove(&nodes[2].links);
	expect_list(test, &head, NULL, 0);
	/* A removed element can go back in. */
	vmk_ListInsert(&nodes[1].links, vmk_ListAtFront(&head));
	KUNIT_EXPECT_PTR_EQ(test, vmk_ListFirst(&head), &nodes[1].links);
}

static void fill(vmk_ListLinks *head, struct dnode *nodes, int n)
{
	int i;

	vmk_ListInit(head);
	for (i = 0; i < n; i++)
		vmk_ListInsert(&nodes[i].links, vmk_ListAtRear(head));
}

static void vmk_list_split(struct kunit *test)
{
	struct dnode nodes[NODES];
	vmk_ListLinks a, b;
	static const int all[] = { 0, 1, 2, 3, 4 };
	static const int tail2[] = { 3, 4 };
	static const int head3[] = { 0, 1, 2 };

	init_nodes(nodes);
	fill(&a, nodes, 5);
	vmk_ListInit(&b);
	vmk_ListSplitBefore(&a, &b, &nodes[2].links);
	expect_list(test, &b, head3, 3);
	expect_list(test, &a, tail2, 2);

	/* Split at the last member: everything moves. */
	fill(&a, nodes, 5);
	vmk_ListInit(&b);
	vmk_ListSplitBefore(&a, &b, &nodes[4].links);
	expect_list(test, &b, all, 5);
	expect_list(test, &a, NULL, 0);

	fill(&a, nodes, 5);
	vmk_ListInit(&b);
	vmk_ListSplitAfter(&a, &b, &nodes[3].links);
	expect_list(test, &a, head3, 3);
	expect_list(test, &b, tail2, 2);

	/* Split after from the first member: everything moves. */
	fill(&a, nodes, 5);
	vmk_ListInit(&b);
	vmk_ListSplitAfter(&a, &b, &nodes[0].links);
	expect_list(test, &b, all, 5);
	expect_list(test, &a, NULL, 0);

	/* Single member both ways. */
	fill(&a, nodes, 1);
	vmk_ListInit(&b);
	vmk_ListSplitBefore(&a, &b, &nodes[0].links);
	expect_list(test, &b, all, 1);
	expect_list(test, &a, NULL, 0);
}

static void vmk_list_loops(struct kunit *test)
{
	struct dnode nodes[NODES];
	vmk_ListLinks head, *it, *nx;
	static const int odd[] = { 1, 3, 5, 7 };
	static const int two[] = { 3, 7 };
	int seen, last;

	init_nodes(nodes);
	fill(&head, nodes, NODES);

	/* SAFE: remove the even members while walking forwards. */
	seen = 0;
	VMK_LIST_FORALL_SAFE(&head, it, nx) {
		if (!(VMK_LIST_ENTRY(it, struct dnode, links)->val & 1))
			vmk_ListRemove(it);
		seen++;
	}
	KUNIT_EXPECT_EQ(test, seen, NODES);
	expect_list(test, &head, odd, 4);

	/* REVERSE_SAFE: remove 5 and 1 walking backwards. */
	seen = 0;
	last = 100;
	VMK_LIST_FORALL_REVERSE_SAFE(&head, it, nx) {
		int v = VMK_LIST_ENTRY(it, struct dnode, links)->val;

		KUNIT_EXPECT_LT(test, v, last);
		last = v;
		if (v == 5 || v == 1)
			vmk_ListRemove(it);
		seen++;
	}
	KUNIT_EXPECT_EQ(test, seen, 4);
	expect_list(test, &head, two, 2);

	/* ITER starts where the caller points and runs to the end. */
	fill(&head, nodes, NODES);
	it = &nodes[5].links;
	seen = 0;
	VMK_LIST_ITER(&head, it)
		seen += VMK_LIST_ENTRY(it, struct dnode, links)->val;
	KUNIT_EXPECT_EQ(test, seen, 5 + 6 + 7);
	KUNIT_EXPECT_PTR_EQ(test, it, &head);

	it = &nodes[2].links;
	seen = 0;
	VMK_LIST_ITER_REVERSE(&head, it)
		seen += VMK_LIST_ENTRY(it, struct dnode, links)->val;
	KUNIT_EXPECT_EQ(test, seen, 2 + 1 + 0);

	/* ITER_SAFE from 4 removes 4..7; ITER_REVERSE_SAFE from 1 removes 1, 0. */
	it = &nodes[4].links;
	VMK_LIST_ITER_SAFE(&head, it, nx)
		vmk_ListRemove(it);
	it = &nodes[1].links;
	VMK_LIST_ITER_REVERSE_SAFE(&head, it, nx)
		vmk_ListRemove(it);
	{
		static const int middle[] = { 2, 3 };

		expect_list(test, &head, middle, 2);
	}

	/* Loops over an empty list do not run their body. */
	vmk_ListInit(&head);
	seen = 0;
	VMK_LIST_FORALL(&head, it)
		seen++;
	VMK_LIST_FORALL_REVERSE(&head, it)
		seen++;
	VMK_LIST_FORALL_SAFE(&head, it, nx)
		seen++;
	VMK_LIST_FORALL_REVERSE_SAFE(&head, it, nx)
		seen++;
	KUNIT_EXPECT_EQ(test, seen, 0);
}

/* --- singly linked lists ------------------------------------------------ */

static void expect_slist(struct kunit *test, vmk_SList *list, const int *want,
			 int n)
{
	vmk_SList_Links *it;
	int i = 0;

	VMK_SLIST_FORALL(list, it) {
		KUNIT_ASSERT_LT(test, i, n);
		KUNIT_EXPECT_EQ(test, VMK_SLIST_ENTRY(it, struct snode, links)->val,
				want[i]);
		if (!it->next)
			KUNIT_EXPECT_PTR_EQ(test, vmk_SListLast(list), it);
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, n);
	KUNIT_EXPECT_EQ(test, !!vmk_SListIsEmpty(list), n == 0);
	if (n == 0) {
		KUNIT_EXPECT_NULL(test, vmk_SListFirst(list));
		KUNIT_EXPECT_NULL(test, vmk_SListLast(list));
	}
}

static void init_snodes(struct snode *nodes)
{
	int i;

	for (i = 0; i < NODES; i++) {
		nodes[i].val = i;
		vmk_SListInitElement(&nodes[i].links);
	}
}

static void sfill(vmk_SList *list, struct snode *nodes, int from, int to)
{
	int i;

	vmk_SListInit(list);
	for (i = from; i < to; i++)
		vmk_SListInsertAtTail(list, &nodes[i].links);
}

static void vmk_slist_insert_pop(struct kunit *test)
{
	struct snode nodes[NODES];
	vmk_SList list;
	static const int w1[] = { 1, 0, 2 };
	static const int w2[] = { 1, 3, 0, 2, 4 };
	static const int w3[] = { 3, 0, 2, 4 };

	init_snodes(nodes);
	vmk_SListInit(&list);
	expect_slist(test, &list, NULL, 0);
	KUNIT_EXPECT_NULL(test, vmk_SListPop(&list));

	vmk_SListInsertAtHead(&list, &nodes[0].links);
	KUNIT_EXPECT_PTR_EQ(test, vmk_SListLast(&list), &nodes[0].links);
	vmk_SListInsertAtHead(&list, &nodes[1].links);
	vmk_SListInsertAtTail(&list, &nodes[2].links);
	expect_slist(test, &list, w1, 3);
	vmk_SListInsertAfter(&list, &nodes[3].links, &nodes[1].links);
	/* After the tail: the tail moves. */
	vmk_SListInsertAfter(&list, &nodes[4].links, &nodes[2].links);
	expect_slist(test, &list, w2, 5);
	KUNIT_EXPECT_PTR_EQ(test, vmk_SListFirst(&list), &nodes[1].links);
	KUNIT_EXPECT_PTR_EQ(test, vmk_SListNext(&nodes[3].links), &nodes[0].links);
	KUNIT_EXPECT_PTR_EQ(test, vmk_SListPrev(&list, &nodes[0].links),
			    &nodes[3].links);
	KUNIT_EXPECT_NULL(test, vmk_SListPrev(&list, &nodes[1].links));

	KUNIT_EXPECT_PTR_EQ(test, vmk_SListPop(&list), &nodes[1].links);
	KUNIT_EXPECT_NULL(test, nodes[1].links.next);
	expect_slist(test, &list, w3, 4);
	while (!vmk_SListIsEmpty(&list))
		vmk_SListPop(&list);
	expect_slist(test, &list, NULL, 0);
	/* Tail insert into a list emptied by pops. */
	vmk_SListInsertAtTail(&list, &nodes[5].links);
	KUNIT_EXPECT_PTR_EQ(test, vmk_SListFirst(&list), &nodes[5].links);
	KUNIT_EXPECT_PTR_EQ(test, vmk_SListLast(&list), &nodes[5].links);
}

static void vmk_slist_remove(struct kunit *test)
{
	struct snode nodes[NODES];
	vmk_SList list;
	static const int w1[] = { 0, 2, 3, 4 };
	static const int w2[] = { 2, 3 };
	static const int w3[] = { 2, 3, 5 };

	init_snodes(nodes);
	sfill(&list, nodes, 0, 5);
	/* With the predecessor given: middle, head, tail. */
	vmk_SListRemove(&list, &nodes[1].links, &nodes[0].links);
	KUNIT_EXPECT_NULL(test, nodes[1].links.next);
	expect_slist(test, &list, w1, 4);
	vmk_SListRemove(&list, &nodes[0].links, NULL);
	vmk_SListRemove(&list, &nodes[4].links, &nodes[3].links);
	expect_slist(test, &list, w2, 2);
	/* The tail moved back: appending still works. */
	vmk_SListInsertAtTail(&list, &nodes[5].links);
	expect_slist(test, &list, w3, 3);

	/* Slow removal finds the predecessor itself. */
	vmk_SListRemoveSlow(&list, &nodes[5].links);
	expect_slist(test, &list, w2, 2);
	vmk_SListRemoveSlow(&list, &nodes[2].links);
	vmk_SListRemoveSlow(&list, &nodes[3].links);
	expect_slist(test, &list, NULL, 0);
}

static void vmk_slist_append_prepend(struct kunit *test)
{
	struct snode nodes[NODES];
	vmk_SList a, b;
	static const int all5[] = { 0, 1, 2, 3, 4 };
	static const int p[] = { 3, 4, 0, 1, 2 };
	static const int n2[] = { 0, 1, 2, 3 };
	static const int rest[] = { 4 };

	init_snodes(nodes);
	sfill(&a, nodes, 0, 3);
	sfill(&b, nodes, 3, 5);
	vmk_SListAppend(&a, &b);
	expect_slist(test, &a, all5, 5);
	expect_slist(test, &b, NULL, 0);
	/* Appending an empty list, and to an empty list. */
	vmk_SListAppend(&a, &b);
	expect_slist(test, &a, all5, 5);
	vmk_SListAppend(&b, &a);
	expect_slist(test, &b, all5, 5);
	expect_slist(test, &a, NULL, 0);

	sfill(&a, nodes, 0, 3);
	sfill(&b, nodes, 3, 5);
	vmk_SListPrepend(&a, &b);
	expect_slist(test, &a, p, 5);
	expect_slist(test, &b, NULL, 0);
	vmk_SListPrepend(&b, &a);
	expect_slist(test, &b, p, 5);

	/* AppendN: two of three, then more than remain. */
	sfill(&a, nodes, 0, 2);
	sfill(&b, nodes, 2, 5);
	vmk_SListAppendN(&a, &b, 2);
	expect_slist(test, &a, n2, 4);
	expect_slist(test, &b, rest, 1);
	vmk_SListAppendN(&a, &b, 0);
	expect_slist(test, &b, rest, 1);
	vmk_SListAppendN(&a, &b, 10);
	expect_slist(test, &a, all5, 5);
	expect_slist(test, &b, NULL, 0);
	vmk_SListAppendN(&b, &a, 5);
	expect_slist(test, &b, all5, 5);
	expect_slist(test, &a, NULL, 0);
}

static void vmk_slist_split_replace(struct kunit *test)
{
	struct snode nodes[NODES];
	vmk_SList a, b;
	static const int all5[] = { 0, 1, 2, 3, 4 };
	static const int h3[] = { 0, 1, 2 };
	static const int t2[] = { 3, 4 };
	static const int h1[] = { 0 };
	static const int t4[] = { 1, 2, 3, 4 };
	static const int r[] = { 0, 6, 2, 3, 7 };
	static const int r2[] = { 5, 6, 2, 3, 7 };

	init_snodes(nodes);
	sfill(&a, nodes, 0, 5);
	vmk_SListInit(&b);
	vmk_SListSplitHead(&a, &b, &nodes[2].links);
	expect_slist(test, &b, h3, 3);
	expect_slist(test, &a, t2, 2);

	sfill(&a, nodes, 0, 5);
	vmk_SListInit(&b);
	vmk_SListSplitHead(&a, &b, &nodes[4].links);
	expect_slist(test, &b, all5, 5);
	expect_slist(test, &a, NULL, 0);

	/* SplitNHead(n): indices 0..n move. */
	sfill(&a, nodes, 0, 5);
	vmk_SListInit(&b);
	vmk_SListSplitNHead(&a, &b, 2);
	expect_slist(test, &b, h3, 3);
	expect_slist(test, &a, t2, 2);

	sfill(&a, nodes, 0, 5);
	vmk_SListInit(&b);
	vmk_SListSplitNHead(&a, &b, 0);
	expect_slist(test, &b, h1, 1);
	expect_slist(test, &a, t4, 4);

	sfill(&a, nodes, 0, 5);
	vmk_SListInit(&b);
	vmk_SListSplitNHead(&a, &b, 5);
	expect_slist(test, &b, all5, 5);
	expect_slist(test, &a, NULL, 0);

	/* Replace in the middle, at the tail and at the head. */
	sfill(&a, nodes, 0, 5);
	vmk_SListReplace(&a, &nodes[1].links, &nodes[6].links, &nodes[0].links);
	KUNIT_EXPECT_NULL(test, nodes[1].links.next);
	vmk_SListReplace(&a, &nodes[4].links, &nodes[7].links, &nodes[3].links);
	expect_slist(test, &a, r, 5);
	vmk_SListInsertAtTail(&a, &nodes[1].links);
	KUNIT_EXPECT_PTR_EQ(test, nodes[7].links.next, &nodes[1].links);
	vmk_SListRemove(&a, &nodes[1].links, &nodes[7].links);
	vmk_SListReplace(&a, &nodes[0].links, &nodes[5].links, NULL);
	expect_slist(test, &a, r2, 5);
}

static void vmk_slist_loops(struct kunit *test)
{
	struct snode nodes[NODES];
	vmk_SList list;
	vmk_SList_Links *prev, *cur, *next;
	static const int odd[] = { 1, 3, 5, 7 };
	static const int some[] = { 3, 5 };
	int seen;
	vmk_uint64 n;

	init_snodes(nodes);
	sfill(&list, nodes, 0, NODES);

	/* SAFE: remove every even member with the tracked predecessor. */
	seen = 0;
	VMK_SLIST_FORALL_SAFE(&list, prev, cur, next) {
		if (prev)
			KUNIT_EXPECT_PTR_EQ(test, prev->next, cur);
		else
			KUNIT_EXPECT_PTR_EQ(test, list.head, cur);
		if (!(VMK_SLIST_ENTRY(cur, struct snode, links)->val & 1))
			vmk_SListRemove(&list, cur, prev);
		seen++;
	}
	KUNIT_EXPECT_EQ(test, seen, NODES);
	expect_slist(test, &list, odd, 4);

	/* Removing consecutive members, including head and tail. */
	VMK_SLIST_FORALL_SAFE(&list, prev, cur, next) {
		int v = VMK_SLIST_ENTRY(cur, struct snode, links)->val;

		if (v == 1 || v == 7)
			vmk_SListRemove(&list, cur, prev);
	}
	expect_slist(test, &list, some, 2);

	/* AFTER continues from the caller's member. */
	sfill(&list, nodes, 0, NODES);
	cur = &nodes[5].links;
	seen = 0;
	VMK_SLIST_FORALL_AFTER(&list, cur)
		seen += VMK_SLIST_ENTRY(cur, struct snode, links)->val;
	KUNIT_EXPECT_EQ(test, seen, 5 + 6 + 7);

	/* FORN visits n members and stops on the next one. */
	n = 3;
	seen = 0;
	VMK_SLIST_FORN(&list, cur, n)
		seen++;
	KUNIT_EXPECT_EQ(test, seen, 3);
	KUNIT_EXPECT_PTR_EQ(test, cur, &nodes[3].links);
	n = NODES + 2;
	seen = 0;
	VMK_SLIST_FORN(&list, cur, n)
		seen++;
	KUNIT_EXPECT_EQ(test, seen, NODES);
	KUNIT_EXPECT_NULL(test, cur);

	/* Loops over an empty list do not run their body. */
	vmk_SListInit(&list);
	seen = 0;
	VMK_SLIST_FORALL(&list, cur)
		seen++;
	VMK_SLIST_FORALL_SAFE(&list, prev, cur, next)
		seen++;
	KUNIT_EXPECT_EQ(test, seen, 0);
}

static struct kunit_case vmk_list_cases[] = {
	KUNIT_CASE(vmk_list_init_and_entry),
	KUNIT_CASE(vmk_list_insert_positions),
	KUNIT_CASE(vmk_list_remove),
	KUNIT_CASE(vmk_list_split),
	KUNIT_CASE(vmk_list_loops),
	KUNIT_CASE(vmk_slist_insert_pop),
	KUNIT_CASE(vmk_slist_remove),
	KUNIT_CASE(vmk_slist_append_prepend),
	KUNIT_CASE(vmk_slist_split_replace),
	KUNIT_CASE(vmk_slist_loops),
	{}
};

static struct kunit_suite vmk_list_suite = {
	.name = "vmkapi_list",
	.test_cases = vmk_list_cases,
};
kunit_test_suite(vmk_list_suite);

MODULE_DESCRIPTION("KUnit tests for vmkapi lists and singly linked lists");
MODULE_LICENSE("GPL");
