// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: hash tables.  Each test allocates from its own heap, so the
 * heap's accounting shows whether a table returns all its memory, and
 * the sizing test builds a heap of exactly what vmk_HashGetAllocSize()
 * promises (through vmk_HeapDetermineMaxSize, as drivers do).
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

MODULE_IMPORT_NS(VMKAPI_INTERNAL);

static int hash_init(struct kunit *test)
{
	test->priv = (void *)vmk_kunit_heap(test, "kunit_hash", 4 << 20);
	return 0;
}

static void hash_exit(struct kunit *test)
{
	vmk_kunit_heap_drop(test, (vmk_HeapID)test->priv);
}

static vmk_HashTable make_table(struct kunit *test, vmk_HashKeyType type,
				vmk_HashKeyFlags flags, vmk_uint32 key_size,
				vmk_uint32 entries)
{
	vmk_HashProperties props = {
		.moduleID = vmk_kunit_module_id,
		.heapID = (vmk_HeapID)test->priv,
		.keyType = type,
		.keyFlags = flags,
		.keySize = key_size,
		.nbEntries = entries,
	};
	vmk_HashTable h = VMK_INVALID_HASH_HANDLE;

	KUNIT_ASSERT_EQ(test, vmk_HashAlloc(&props, &h), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, h);
	return h;
}

#define IKEY(n)		((vmk_HashKey)(vmk_uintptr_t)(n))
#define SKEY(s)		((vmk_HashKey)(s))
#define IVAL(n)		((vmk_HashValue)(vmk_uintptr_t)(n))

static vmk_uint64 count_of(struct kunit *test, vmk_HashTable h)
{
	vmk_uint64 n = ~0ULL;

	KUNIT_EXPECT_EQ(test, vmk_HashKeysCount(h, &n), VMK_OK);
	return n;
}

static void vmk_hash_int_keys(struct kunit *test)
{
	/* 8 expected, 200 inserted: the rest come from the heap. */
	vmk_HashTable h = make_table(test, VMK_HASH_KEY_TYPE_INT,
				     VMK_HASH_KEY_FLAGS_NONE, 0, 8);
	vmk_HashValue v;
	int i;

	KUNIT_EXPECT_TRUE(test, vmk_HashIsEmpty(h));
	for (i = 0; i < 200; i++)
		KUNIT_ASSERT_EQ(test, vmk_HashKeyInsert(h, IKEY(i * 7), IVAL(i + 1000)),
				VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_HashIsEmpty(h));
	KUNIT_EXPECT_EQ(test, count_of(test, h), 200);
	for (i = 0; i < 200; i++) {
		v = NULL;
		KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(i * 7), &v), VMK_OK);
		KUNIT_EXPECT_PTR_EQ(test, v, IVAL(i + 1000));
	}
	/* Key 0 is a key like any other; NULL values are values. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(0), NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, IKEY(1), NULL), VMK_OK);
	v = IVAL(5);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(1), &v), VMK_OK);
	KUNIT_EXPECT_NULL(test, v);

	/* Duplicates are refused and leave the old value. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, IKEY(14), IVAL(1)), VMK_EXISTS);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(14), &v), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, IVAL(1002));

	/* Missing keys. */
	v = IVAL(77);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(3), &v), VMK_NOT_FOUND);
	KUNIT_EXPECT_PTR_EQ(test, v, IVAL(77));
	KUNIT_EXPECT_EQ(test, vmk_HashKeyUpdate(h, IKEY(3), IVAL(1), &v),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(h, IKEY(3), &v), VMK_NOT_FOUND);

	/* Update hands back the old value; NULL oldValue is allowed. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyUpdate(h, IKEY(7), IVAL(9), &v), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, IVAL(1001));
	KUNIT_EXPECT_EQ(test, vmk_HashKeyUpdate(h, IKEY(7), IVAL(10), NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(7), &v), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, IVAL(10));
	KUNIT_EXPECT_EQ(test, count_of(test, h), 201);

	/* Delete hands back the value, and the key is gone. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(h, IKEY(7), &v), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, IVAL(10));
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(7), NULL), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(h, IKEY(14), NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, count_of(test, h), 199);
	/* Re-insert after delete works. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, IKEY(7), IVAL(3)), VMK_OK);

	/* Not empty: release refuses and the table stays usable. */
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(h), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(7), NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashDeleteAll(h), VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_HashIsEmpty(h));
	KUNIT_EXPECT_EQ(test, count_of(test, h), 0);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(0), NULL), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(h), VMK_OK);
}

static void vmk_hash_str_keys(struct kunit *test)
{
	vmk_HashTable copy = make_table(test, VMK_HASH_KEY_TYPE_STR,
					VMK_HASH_KEY_FLAGS_LOCAL_COPY, 16, 4);
	vmk_HashTable ref = make_table(test, VMK_HASH_KEY_TYPE_STR,
				       VMK_HASH_KEY_FLAGS_NONE, 16, 4);
	char buf[32], other[32];
	char kept[] = "vmnic0";
	vmk_HashValue v;
	int i;

	/* A copied key survives the caller's buffer being reused. */
	for (i = 0; i < 10; i++) {
		snprintf(buf, sizeof(buf), "vmnic%d", i);
		KUNIT_ASSERT_EQ(test, vmk_HashKeyInsert(copy, buf, IVAL(i + 1)),
				VMK_OK);
	}
	memset(buf, 'x', sizeof(buf));
	for (i = 0; i < 10; i++) {
		snprintf(other, sizeof(other), "vmnic%d", i);
		KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(copy, other, &v), VMK_OK);
		KUNIT_EXPECT_PTR_EQ(test, v, IVAL(i + 1));
	}
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(copy, SKEY("vmnic3"), NULL), VMK_EXISTS);
	/* Prefixes and extensions are other keys. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(copy, SKEY("vmnic"), NULL), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(copy, SKEY("vmnic10"), NULL),
			VMK_NOT_FOUND);
	/* keySize characters fit, one more does not. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(copy, SKEY("0123456789abcdef"), NULL),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(copy, SKEY("0123456789abcdefg"), NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(copy, SKEY("0123456789abcdefg"), NULL),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(copy, SKEY("0123456789abcdef"), NULL),
			VMK_OK);
	/* Empty strings are keys. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(copy, SKEY(""), IVAL(99)), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(copy, SKEY(""), &v), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, IVAL(99));
	KUNIT_EXPECT_EQ(test, count_of(test, copy), 11);

	/* Without LOCAL_COPY the table keeps the caller's pointer. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(ref, kept, IVAL(1)), VMK_OK);
	snprintf(other, sizeof(other), "vmnic0");
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(ref, other, &v), VMK_OK);

	KUNIT_EXPECT_EQ(test, vmk_HashDeleteAll(copy), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashDeleteAll(ref), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(copy), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(ref), VMK_OK);
}

struct key_seen {
	struct kunit *test;
	const void *want_ptr;
	const char *want;
	int calls;
};

static vmk_HashKeyIteratorCmd check_key(vmk_HashTable h, vmk_HashKey key,
					vmk_HashValue value, vmk_AddrCookie data)
{
	struct key_seen *ks = data.ptr;

	ks->calls++;
	KUNIT_EXPECT_STREQ(ks->test, (const char *)key, ks->want);
	if (ks->want_ptr)
		KUNIT_EXPECT_PTR_EQ(ks->test, key, ks->want_ptr);
	else
		KUNIT_EXPECT_PTR_NE(ks->test, (const void *)key,
				    (const void *)ks->want);
	return VMK_HASH_KEY_ITER_CMD_CONTINUE;
}

/* The iterator sees the stored key: the copy, or the caller's pointer. */
static void vmk_hash_iterator_keys(struct kunit *test)
{
	vmk_HashTable copy = make_table(test, VMK_HASH_KEY_TYPE_STR,
					VMK_HASH_KEY_FLAGS_LOCAL_COPY, 8, 1);
	vmk_HashTable ref = make_table(test, VMK_HASH_KEY_TYPE_STR,
				       VMK_HASH_KEY_FLAGS_NONE, 8, 1);
	char key[] = "uplink";
	struct key_seen ks = { .test = test, .want = key };
	vmk_AddrCookie data = { .ptr = &ks };

	KUNIT_ASSERT_EQ(test, vmk_HashKeyInsert(copy, key, NULL), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_HashKeyInsert(ref, key, NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(copy, check_key, data), VMK_OK);
	ks.want_ptr = key;
	KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(ref, check_key, data), VMK_OK);
	KUNIT_EXPECT_EQ(test, ks.calls, 2);
	vmk_HashDeleteAll(copy);
	vmk_HashDeleteAll(ref);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(copy), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(ref), VMK_OK);
}

static void vmk_hash_opaque_keys(struct kunit *test)
{
	vmk_HashTable copy = make_table(test, VMK_HASH_KEY_TYPE_OPAQUE,
					VMK_HASH_KEY_FLAGS_LOCAL_COPY, 6, 16);
	vmk_HashTable ref = make_table(test, VMK_HASH_KEY_TYPE_OPAQUE,
				       VMK_HASH_KEY_FLAGS_NONE, 6, 16);
	/* MAC addresses: content matters, including embedded zeros. */
	static vmk_uint8 macs[3][6] = {
		{ 0x00, 0x50, 0x56, 0x00, 0x00, 0x01 },
		{ 0x00, 0x50, 0x56, 0x00, 0x00, 0x02 },
		{ 0x00, 0x50, 0x56, 0x00, 0x01, 0x01 },
	};
	vmk_uint8 probe[6];
	vmk_HashValue v;
	int i;

	for (i = 0; i < 3; i++) {
		vmk_uint8 tmp[6];

		memcpy(tmp, macs[i], 6);
		KUNIT_ASSERT_EQ(test, vmk_HashKeyInsert(copy, tmp, IVAL(i + 1)),
				VMK_OK);
		memset(tmp, 0xff, sizeof(tmp));
		KUNIT_ASSERT_EQ(test, vmk_HashKeyInsert(ref, macs[i], IVAL(i + 1)),
				VMK_OK);
	}
	for (i = 0; i < 3; i++) {
		memcpy(probe, macs[i], 6);
		KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(copy, probe, &v), VMK_OK);
		KUNIT_EXPECT_PTR_EQ(test, v, IVAL(i + 1));
		KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(ref, probe, &v), VMK_OK);
		KUNIT_EXPECT_PTR_EQ(test, v, IVAL(i + 1));
	}
	probe[5] = 0x03;
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(copy, probe, NULL), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(copy, macs[1], NULL), VMK_EXISTS);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyUpdate(copy, macs[1], IVAL(20), &v),
			VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, IVAL(2));
	KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(ref, macs[0], NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, count_of(test, ref), 2);

	vmk_HashDeleteAll(copy);
	vmk_HashDeleteAll(ref);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(copy), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(ref), VMK_OK);
}

struct iter_ctx {
	int calls;
	int stop_after;
	unsigned long sum;
	bool delete_odd;
	bool delete_via_api;
	bool stop_on_delete;
};

static vmk_HashKeyIteratorCmd iter_fn(vmk_HashTable h, vmk_HashKey key,
				      vmk_HashValue value, vmk_AddrCookie data)
{
	struct iter_ctx *c = data.ptr;
	vmk_HashKeyIteratorCmd cmd = VMK_HASH_KEY_ITER_CMD_CONTINUE;
	unsigned long k = (unsigned long)key;

	c->calls++;
	c->sum += k;
	if (c->delete_odd && (k & 1)) {
		if (c->delete_via_api)
			vmk_HashKeyDelete(h, key, NULL);
		else
			cmd |= VMK_HASH_KEY_ITER_CMD_DELETE;
		if (c->stop_on_delete)
			cmd |= VMK_HASH_KEY_ITER_CMD_STOP;
	}
	if (c->stop_after && c->calls == c->stop_after)
		cmd |= VMK_HASH_KEY_ITER_CMD_STOP;
	return cmd;
}

static void vmk_hash_iterate(struct kunit *test)
{
	vmk_HashTable h = make_table(test, VMK_HASH_KEY_TYPE_INT,
				     VMK_HASH_KEY_FLAGS_NONE, 0, 64);
	struct iter_ctx c = {};
	vmk_AddrCookie data = { .ptr = &c };
	int i;

	for (i = 1; i <= 100; i++)
		KUNIT_ASSERT_EQ(test, vmk_HashKeyInsert(h, IKEY(i), IVAL(i)), VMK_OK);

	/* CONTINUE visits each pair once. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(h, iter_fn, data), VMK_OK);
	KUNIT_EXPECT_EQ(test, c.calls, 100);
	KUNIT_EXPECT_EQ(test, c.sum, 5050);

	/* STOP ends the walk at once. */
	memset(&c, 0, sizeof(c));
	c.stop_after = 5;
	KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(h, iter_fn, data), VMK_OK);
	KUNIT_EXPECT_EQ(test, c.calls, 5);

	/* DELETE removes the odd keys. */
	memset(&c, 0, sizeof(c));
	c.delete_odd = true;
	KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(h, iter_fn, data), VMK_OK);
	KUNIT_EXPECT_EQ(test, c.calls, 100);
	KUNIT_EXPECT_EQ(test, count_of(test, h), 50);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(3), NULL), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(4), NULL), VMK_OK);

	/* DELETE|STOP removes one pair and stops. */
	for (i = 1; i <= 99; i += 2)
		vmk_HashKeyInsert(h, IKEY(i), IVAL(i));
	for (i = 0; i < 50; i++) {
		memset(&c, 0, sizeof(c));
		c.delete_odd = true;
		c.stop_on_delete = true;
		KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(h, iter_fn, data), VMK_OK);
		KUNIT_ASSERT_EQ(test, count_of(test, h), 99 - i);
	}
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(99), NULL), VMK_NOT_FOUND);

	/* The iterator may delete its own pair through the API. */
	memset(&c, 0, sizeof(c));
	for (i = 1; i <= 99; i += 2)
		vmk_HashKeyInsert(h, IKEY(i), IVAL(i));
	c.delete_odd = true;
	c.delete_via_api = true;
	KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(h, iter_fn, data), VMK_OK);
	KUNIT_EXPECT_EQ(test, c.calls, 100);
	KUNIT_EXPECT_EQ(test, count_of(test, h), 50);

	/* An empty table: the iterator is never called. */
	vmk_HashDeleteAll(h);
	memset(&c, 0, sizeof(c));
	KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(h, iter_fn, data), VMK_OK);
	KUNIT_EXPECT_EQ(test, c.calls, 0);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(h), VMK_OK);
}

static void vmk_hash_bad_params(struct kunit *test)
{
	vmk_HashProperties good = {
		.moduleID = vmk_kunit_module_id,
		.heapID = (vmk_HeapID)test->priv,
		.keyType = VMK_HASH_KEY_TYPE_STR,
		.keySize = 8,
		.nbEntries = 4,
	};
	vmk_HashProperties p;
	vmk_HashTable h = VMK_INVALID_HASH_HANDLE, dead;
	vmk_AddrCookie data = { .ptr = NULL };
	int not_a_table[32] = {};
	vmk_uint64 n;
	vmk_HashValue v;

	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(NULL, &h), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(&good, NULL), VMK_BAD_PARAM);
	p = good;
	p.nbEntries = 0;
	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(&p, &h), VMK_BAD_PARAM);
	p = good;
	p.keyType = 7;
	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(&p, &h), VMK_BAD_PARAM);
	p = good;
	p.keySize = 0;
	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(&p, &h), VMK_BAD_PARAM);
	p = good;
	p.keyType = VMK_HASH_KEY_TYPE_INT;
	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(&p, &h), VMK_BAD_PARAM);
	p = good;
	p.keyFlags = 0x4;
	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(&p, &h), VMK_BAD_PARAM);
	p = good;
	p.moduleID = 12345;
	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(&p, &h), VMK_INVALID_MODULE);
	p = good;
	p.heapID = VMK_INVALID_HEAP_ID;
	KUNIT_EXPECT_EQ(test, vmk_HashAlloc(&p, &h), VMK_BAD_PARAM);
	KUNIT_EXPECT_NULL(test, h);

	/* Handles: NULL, not a table, released. */
	KUNIT_ASSERT_EQ(test, vmk_HashAlloc(&good, &dead), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_HashRelease(dead), VMK_OK);
	{
		vmk_HashTable bad[] = { NULL, not_a_table, dead };
		int i;

		for (i = 0; i < ARRAY_SIZE(bad); i++) {
			KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(bad[i], SKEY("k"), NULL),
					VMK_BAD_PARAM);
			KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(bad[i], SKEY("k"), &v),
					VMK_BAD_PARAM);
			KUNIT_EXPECT_EQ(test, vmk_HashKeyUpdate(bad[i], SKEY("k"), NULL, &v),
					VMK_BAD_PARAM);
			KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(bad[i], SKEY("k"), &v),
					VMK_BAD_PARAM);
			KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(bad[i], iter_fn, data),
					VMK_BAD_PARAM);
			KUNIT_EXPECT_EQ(test, vmk_HashDeleteAll(bad[i]), VMK_BAD_PARAM);
			KUNIT_EXPECT_EQ(test, vmk_HashKeysCount(bad[i], &n),
					VMK_BAD_PARAM);
			KUNIT_EXPECT_TRUE(test, vmk_HashIsEmpty(bad[i]));
			KUNIT_EXPECT_EQ(test, vmk_HashRelease(bad[i]), VMK_BAD_PARAM);
		}
	}

	/* NULL keys of a string table; NULL iterator and count. */
	KUNIT_ASSERT_EQ(test, vmk_HashAlloc(&good, &h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, NULL, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, NULL, &v), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyUpdate(h, NULL, NULL, &v), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(h, NULL, &v), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyIterate(h, NULL, data), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashKeysCount(h, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(h), VMK_OK);

	KUNIT_EXPECT_EQ(test, vmk_HashBytes(NULL, 4, &n), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashBytes((vmk_uint8 *)"abcd", 0, &n),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HashBytes((vmk_uint8 *)"abcd", 4, NULL),
			VMK_BAD_PARAM);
}

static void vmk_hash_bytes(struct kunit *test)
{
	vmk_uint64 a = 0, b = 1, c = 0;
	vmk_uint8 buf[16] = "0123456789abcde";

	KUNIT_EXPECT_EQ(test, vmk_HashBytes(buf, 15, &a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashBytes(buf, 15, &b), VMK_OK);
	KUNIT_EXPECT_EQ(test, a, b);
	buf[7] ^= 1;
	KUNIT_EXPECT_EQ(test, vmk_HashBytes(buf, 15, &c), VMK_OK);
	KUNIT_EXPECT_NE(test, a, c);
	KUNIT_EXPECT_EQ(test, vmk_HashBytes(buf, 14, &c), VMK_OK);
	KUNIT_EXPECT_NE(test, a, c);
}

/*
 * A heap holding exactly what vmk_HashGetAllocSize() promises, as a
 * driver computes it, takes the table and nbEntries pairs with copied
 * keys of the accounted size; one pair more fails cleanly (no room), and
 * deleting one makes room again.
 */
static void vmk_hash_alloc_size_is_enough(struct kunit *test)
{
	static const vmk_uint32 sizes[] = { 1, 3, 64, 200 };
	int s;

	KUNIT_EXPECT_LT(test, vmk_HashGetAllocSize(10), vmk_HashGetAllocSize(11));
	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		vmk_uint32 nb = sizes[s];
		vmk_HeapAllocationDescriptor d = {
			.size = vmk_HashGetAllocSize(nb),
			.count = 1,
		};
		vmk_HashProperties props = {
			.moduleID = vmk_kunit_module_id,
			.keyType = VMK_HASH_KEY_TYPE_OPAQUE,
			.keyFlags = VMK_HASH_KEY_FLAGS_LOCAL_COPY,
			.keySize = VMK_HASH_GETALLOCSIZE_KEY_BYTES,
			.nbEntries = nb,
		};
		vmk_uint8 key[VMK_HASH_GETALLOCSIZE_KEY_BYTES] = {};
		vmk_ByteCount max = 0;
		vmk_HashTable h;
		vmk_uint32 i;

		KUNIT_ASSERT_EQ(test, vmk_HeapDetermineMaxSize(&d, 1, &max), VMK_OK);
		props.heapID = vmk_kunit_heap(test, "kunit_hash_exact", max);
		KUNIT_ASSERT_EQ(test, vmk_HashAlloc(&props, &h), VMK_OK);
		for (i = 0; i < nb; i++) {
			memcpy(key, &i, sizeof(i));
			KUNIT_EXPECT_EQ_MSG(test, vmk_HashKeyInsert(h, key, NULL),
					    VMK_OK, "pair %u of %u", i, nb);
		}
		memcpy(key, &i, sizeof(i));
		KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, key, NULL),
				VMK_NO_MEMORY);
		i = 0;
		memcpy(key, &i, sizeof(i));
		KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(h, key, NULL), VMK_OK);
		i = nb;
		memcpy(key, &i, sizeof(i));
		KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, key, NULL), VMK_OK);
		KUNIT_EXPECT_EQ(test, count_of(test, h), nb);
		vmk_HashDeleteAll(h);
		KUNIT_EXPECT_EQ(test, vmk_HashRelease(h), VMK_OK);
		vmk_kunit_heap_drop(test, props.heapID);
	}

	/* Integer keys need less than the promise. */
	{
		vmk_HeapAllocationDescriptor d = {
			.size = vmk_HashGetAllocSize(100), .count = 1,
		};
		vmk_HashProperties props = {
			.moduleID = vmk_kunit_module_id,
			.keyType = VMK_HASH_KEY_TYPE_INT,
			.nbEntries = 100,
		};
		vmk_ByteCount max = 0;
		vmk_HashTable h;
		int i;

		KUNIT_ASSERT_EQ(test, vmk_HeapDetermineMaxSize(&d, 1, &max), VMK_OK);
		props.heapID = vmk_kunit_heap(test, "kunit_hash_int", max);
		KUNIT_ASSERT_EQ(test, vmk_HashAlloc(&props, &h), VMK_OK);
		for (i = 0; i < 100; i++)
			KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, IKEY(i), NULL),
					VMK_OK);
		vmk_HashDeleteAll(h);
		KUNIT_EXPECT_EQ(test, vmk_HashRelease(h), VMK_OK);
		vmk_kunit_heap_drop(test, props.heapID);
	}
}

/* --- reference-counted values -------------------------------------------- */

#define OBJ_MAGIC	0x0b1ec7

struct obj {
	atomic_t refs;
	int magic;
	int id;
};

static atomic_t objs_live = ATOMIC_INIT(0);
static atomic_t acquires = ATOMIC_INIT(0);
static atomic_t releases = ATOMIC_INIT(0);

static struct obj *obj_new(int id)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_ATOMIC);

	if (!o)
		return NULL;
	atomic_set(&o->refs, 1);
	o->magic = OBJ_MAGIC;
	o->id = id;
	atomic_inc(&objs_live);
	return o;
}

static void obj_put(struct obj *o)
{
	if (WARN_ON(o->magic != OBJ_MAGIC))
		return;
	if (atomic_dec_and_test(&o->refs)) {
		o->magic = 0;
		kfree(o);
		atomic_dec(&objs_live);
	}
}

static void obj_acquire(vmk_HashValue v)
{
	struct obj *o = v;

	atomic_inc(&acquires);
	WARN_ON(o->magic != OBJ_MAGIC);
	/* Never from zero: the table's reference keeps it alive. */
	WARN_ON(!atomic_inc_not_zero(&o->refs));
}

static void obj_release(vmk_HashValue v)
{
	atomic_inc(&releases);
	obj_put(v);
}

static vmk_HashTable make_ref_table(struct kunit *test, vmk_uint32 entries)
{
	vmk_HashProperties props = {
		.moduleID = vmk_kunit_module_id,
		.heapID = (vmk_HeapID)test->priv,
		.keyType = VMK_HASH_KEY_TYPE_INT,
		.nbEntries = entries,
		.acquire = obj_acquire,
		.release = obj_release,
	};
	vmk_HashTable h = VMK_INVALID_HASH_HANDLE;

	KUNIT_ASSERT_EQ(test, vmk_HashAlloc(&props, &h), VMK_OK);
	return h;
}

static void vmk_hash_acquire_release(struct kunit *test)
{
	vmk_HashTable h = make_ref_table(test, 4);
	struct obj *a = obj_new(1), *b = obj_new(2), *c = obj_new(3);
	vmk_HashValue v;

	KUNIT_ASSERT_TRUE(test, a && b && c);
	atomic_set(&acquires, 0);
	atomic_set(&releases, 0);

	/* Insert: the table takes its own reference. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, IKEY(1), a), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->refs), 2);
	/* Find with a value out hands the caller a reference; without, none. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(1), &v), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, (vmk_HashValue)a);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->refs), 3);
	obj_put(a);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyFind(h, IKEY(1), NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->refs), 2);

	/* Update: new value referenced, old handed out with a reference,
	 * the table's reference to the old one dropped after a grace period.
	 */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyUpdate(h, IKEY(1), b, &v), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, (vmk_HashValue)a);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->refs), 2);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&a->refs), 2);
	obj_put(a);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyUpdate(h, IKEY(1), c, NULL), VMK_OK);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&b->refs), 1);

	/* Delete: the value comes back referenced; the table's goes. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyDelete(h, IKEY(1), &v), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, v, (vmk_HashValue)c);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&c->refs), 2);
	obj_put(c);

	/* DeleteAll releases every value. */
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, IKEY(2), a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashKeyInsert(h, IKEY(3), b), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashDeleteAll(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(h), VMK_OK);
	/* Release waited for the deferred reclaim. */
	KUNIT_EXPECT_EQ(test, atomic_read(&a->refs), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->refs), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&acquires), atomic_read(&releases) +
			/* the caller's references from Find/Update/Delete */ 3);
	obj_put(a);
	obj_put(b);
	obj_put(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&objs_live), 0);
}

/*
 * Lockless lookups: readers Find (taking references) with no lock while
 * the test thread inserts, updates and deletes under its own lock.  A
 * reader must always get a live object (KASAN and the magic check would
 * say otherwise), and at the end every object is freed exactly once.
 */
#define RACE_KEYS	16
#define RACE_READERS	2
#define RACE_ROUNDS	1500

struct lockless {
	vmk_HashTable h;
	atomic_t stop;
	atomic_t running;
	atomic_t bad;
	atomic_long_t finds;
	struct completion done;
};

static int lockless_reader(void *arg)
{
	struct lockless *l = arg;
	unsigned int k = 0;

	while (!atomic_read(&l->stop)) {
		vmk_HashValue v = NULL;

		if (vmk_HashKeyFind(l->h, IKEY(k % RACE_KEYS), &v) == VMK_OK) {
			struct obj *o = v;

			if (o->magic != OBJ_MAGIC || o->id % RACE_KEYS != k % RACE_KEYS)
				atomic_inc(&l->bad);
			obj_put(o);
			atomic_long_inc(&l->finds);
		}
		if (!(++k % 64))
			cond_resched();
	}
	if (atomic_dec_and_test(&l->running))
		complete(&l->done);
	return 0;
}

static void vmk_hash_lockless_find(struct kunit *test)
{
	struct lockless *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	spinlock_t lock;
	int i, round;

	KUNIT_ASSERT_NOT_NULL(test, l);
	spin_lock_init(&lock);
	l->h = make_ref_table(test, RACE_KEYS);
	init_completion(&l->done);
	atomic_set(&l->running, RACE_READERS);
	for (i = 0; i < RACE_KEYS; i++) {
		struct obj *o = obj_new(i);

		KUNIT_ASSERT_NOT_NULL(test, o);
		KUNIT_ASSERT_EQ(test, vmk_HashKeyInsert(l->h, IKEY(i), o), VMK_OK);
		obj_put(o);
	}
	for (i = 0; i < RACE_READERS; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(lockless_reader, l,
							    "vmk_hash_rd%d", i)));

	for (round = 0; round < RACE_ROUNDS; round++) {
		int k = round % RACE_KEYS;
		struct obj *o = obj_new(k + RACE_KEYS * (round + 1));

		if (!o)
			break;
		spin_lock(&lock);
		if (round % 3 == 2) {
			/* Delete then insert again. */
			vmk_HashKeyDelete(l->h, IKEY(k), NULL);
			if (vmk_HashKeyInsert(l->h, IKEY(k), o) != VMK_OK)
				atomic_inc(&l->bad);
		} else if (vmk_HashKeyUpdate(l->h, IKEY(k), o, NULL) != VMK_OK) {
			/* The pool may be waiting for a grace period. */
			if (vmk_HashKeyFind(l->h, IKEY(k), NULL) != VMK_OK)
				atomic_inc(&l->bad);
		}
		spin_unlock(&lock);
		obj_put(o);
		if (!(round % 32))
			cond_resched();
	}
	atomic_set(&l->stop, 1);
	wait_for_completion(&l->done);

	KUNIT_EXPECT_EQ(test, atomic_read(&l->bad), 0);
	KUNIT_EXPECT_GT(test, atomic_long_read(&l->finds), 0);
	KUNIT_EXPECT_EQ(test, count_of(test, l->h), RACE_KEYS);
	vmk_HashDeleteAll(l->h);
	KUNIT_EXPECT_EQ(test, vmk_HashRelease(l->h), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&objs_live), 0);
}

static struct kunit_case vmk_hash_cases[] = {
	KUNIT_CASE(vmk_hash_int_keys),
	KUNIT_CASE(vmk_hash_str_keys),
	KUNIT_CASE(vmk_hash_iterator_keys),
	KUNIT_CASE(vmk_hash_opaque_keys),
	KUNIT_CASE(vmk_hash_iterate),
	KUNIT_CASE(vmk_hash_bad_params),
	KUNIT_CASE(vmk_hash_bytes),
	KUNIT_CASE(vmk_hash_alloc_size_is_enough),
	KUNIT_CASE(vmk_hash_acquire_release),
	KUNIT_CASE(vmk_hash_lockless_find),
	{}
};

static struct kunit_suite vmk_hash_suite = {
	.name = "vmkapi_hash",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.init = hash_init,
	.exit = hash_exit,
	.test_cases = vmk_hash_cases,
};
kunit_test_suite(vmk_hash_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API hash tables");
MODULE_LICENSE("GPL");
