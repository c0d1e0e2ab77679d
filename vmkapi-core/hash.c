// SPDX-License-Identifier: GPL-2.0
/*
 * Hash tables.
 *
 * A table is one heap block: the table itself, a power-of-two array of
 * buckets (one per expected pair, so chains stay short at the expected
 * load), and a pool of nbEntries entry slots, each with room for a copied
 * key.  Drivers size their heaps with vmk_HashGetAllocSize(), so taking
 * everything up front is what makes that size a promise: inserting up to
 * nbEntries pairs never allocates.  Pairs beyond that take a slot from
 * the heap each, returned on removal.
 *
 * Chains are RCU lists.  Tables with value reference functions allow
 * lockless lookups next to locked updates, so a removed entry is unlinked
 * at once but its slot is reused (and its value released) only after a
 * grace period, through call_rcu; tables without them reuse the slot
 * immediately, so a full pool never needs the heap after a delete.
 *
 * Handles are validated against the core's set of live handles.  The
 * entry there is a small kmalloc'd record freed with kfree_rcu, not part
 * of the table: the table's memory belongs to the driver's heap and must
 * go back at once on release (the driver may destroy the heap next),
 * while a concurrent lookup may still be walking the handle set.
 */
#include "vmkapi_core.h"

#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/rculist.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

/* Bucket arrays stop growing here: chains just get longer. */
#define VMK_HASH_MAX_BUCKET_BITS	24

struct vmk_hash_table;

struct vmk_hash_entry {
	struct hlist_node node;
	union {
		/* While deferred: waiting for the grace period. */
		struct rcu_head rcu;
		/* While free in the pool. */
		struct vmk_hash_entry *next_free;
	};
	struct vmk_hash_table *table;
	vmk_HashKey key;
	vmk_HashValue value;
	/* The copied key, when the table copies keys. */
	u8 keybuf[] __aligned(8);
};

struct vmk_hash_table {
	struct vmk_core_resource res;
	struct vmk_hash_reg *reg;
	vmk_ModuleID module;
	vmk_HeapID heap;
	vmk_HashKeyType key_type;
	bool copy_keys;
	/* Entries are reclaimed after a grace period (lockless lookups). */
	bool deferred;
	u32 key_size;
	vmk_HashValueAcquire acquire;
	vmk_HashValueRelease release;
	u32 bucket_bits;
	u32 slot_size;
	u64 count;
	siphash_key_t seed;
	/* The pool: slots at [pool, pool_end); free ones chained. */
	u8 *pool;
	u8 *pool_end;
	/* Deferred reclaim runs in softirq, so the free chain needs a lock. */
	spinlock_t free_lock;
	struct vmk_hash_entry *free;
	/* Deferred reclaims not yet run. */
	atomic_t in_flight;
	struct hlist_head buckets[];
};

/* A live table's entry in the core's handle set (keyed by the table). */
struct vmk_hash_reg {
	struct vmk_core_handle handle;
	struct rcu_head rcu;
};

/* Fixed so vmk_HashBytes is stable across boots, as drivers may rely. */
static const siphash_key_t vmk_hash_bytes_key = {
	{ 0x766d6b6170694861ULL, 0x7368427974657321ULL }
};

/* --- memory -------------------------------------------------------------- */

/* From the table's heap; @ra is the driver's call site, for leak reports. */
static void *vmk_hash_mem_alloc(vmk_HeapID heap, u64 size, unsigned long ra)
{
	void *mem;

	if (size > U32_MAX)
		return NULL;
	mem = vmk_HeapAllocWithRA(heap, size, (void *)ra);
	if (mem)
		memset(mem, 0, size);
	return mem;
}

static void vmk_hash_mem_free(vmk_HeapID heap, void *ptr)
{
	vmk_HeapFree(heap, ptr);
}

/* --- sizes --------------------------------------------------------------- */

static u32 vmk_hash_bucket_bits(u32 nb_entries)
{
	u32 bits = order_base_2(max_t(u32, nb_entries, 1));

	return min_t(u32, bits, VMK_HASH_MAX_BUCKET_BITS);
}

/* Bytes a slot needs for @key_bytes of copied key, rounded for alignment. */
static size_t vmk_hash_slot_size(u32 key_bytes)
{
	return ALIGN(sizeof(struct vmk_hash_entry) + key_bytes,
		     __alignof__(struct vmk_hash_entry));
}

static u64 vmk_hash_block_size(u32 nb_entries, u32 key_bytes)
{
	return sizeof(struct vmk_hash_table) +
	       ((u64)sizeof(struct hlist_head) << vmk_hash_bucket_bits(nb_entries)) +
	       (u64)nb_entries * vmk_hash_slot_size(key_bytes);
}

vmk_ByteCount vmk_HashGetAllocSize(vmk_uint32 nbEntries)
{
	return vmk_hash_block_size(nbEntries, VMK_HASH_GETALLOCSIZE_KEY_BYTES);
}
VMKAPI_EXPORT(vmk_HashGetAllocSize);

/* Bytes copied into a slot per key (STR copies keep a NUL). */
static u32 vmk_hash_key_bytes(vmk_HashKeyType type, u32 key_size, bool copy)
{
	if (!copy || type == VMK_HASH_KEY_TYPE_INT)
		return 0;
	return type == VMK_HASH_KEY_TYPE_STR ? key_size + 1 : key_size;
}

/* --- handles ------------------------------------------------------------- */

/*
 * The table behind @hdl, or NULL (reported).  The caller owns the handle
 * and serialises calls on it, so the table stays alive after the RCU
 * section; only a lookup racing with release is a driver bug.
 */
static struct vmk_hash_table *vmk_hash_get(vmk_HashTable hdl,
					   unsigned long caller)
{
	struct vmk_hash_table *t;

	rcu_read_lock();
	t = vmk_core_handle_find(hdl, VMK_CORE_HANDLE_HASH) ? hdl : NULL;
	rcu_read_unlock();
	if (!t)
		vmk_core_bad_arg_from(caller, "%p is not a live hash table", hdl);
	return t;
}

/* --- keys ---------------------------------------------------------------- */

/*
 * Check a key of @t's type: -EINVAL for a NULL STR/OPAQUE key, -E2BIG for
 * a STR key longer than keySize; else 0 with its length in *@len.
 */
static int vmk_hash_key_check(const struct vmk_hash_table *t, vmk_HashKey key,
			      u32 *len)
{
	size_t n;

	switch (t->key_type) {
	case VMK_HASH_KEY_TYPE_INT:
		*len = 0;
		return 0;
	case VMK_HASH_KEY_TYPE_STR:
		if (!key)
			return -EINVAL;
		n = strnlen(key, (size_t)t->key_size + 1);
		if (n > t->key_size)
			return -E2BIG;
		*len = n;
		return 0;
	default:
		if (!key)
			return -EINVAL;
		*len = t->key_size;
		return 0;
	}
}

static u32 vmk_hash_bucket(const struct vmk_hash_table *t, vmk_HashKey key,
			   u32 len)
{
	u64 h;

	if (t->key_type == VMK_HASH_KEY_TYPE_INT)
		h = siphash_1u64((u64)(uintptr_t)key, &t->seed);
	else
		h = siphash(key, len, &t->seed);
	return h & ((1U << t->bucket_bits) - 1);
}

static bool vmk_hash_key_equal(const struct vmk_hash_table *t,
			       const struct vmk_hash_entry *e, vmk_HashKey key,
			       u32 len)
{
	switch (t->key_type) {
	case VMK_HASH_KEY_TYPE_INT:
		return e->key == key;
	case VMK_HASH_KEY_TYPE_STR:
		return !strncmp(e->key, key, len + 1);
	default:
		return !memcmp(e->key, key, len);
	}
}

/* Caller holds rcu_read_lock() or serialises updates (its own lock). */
static struct vmk_hash_entry *vmk_hash_find(struct vmk_hash_table *t,
					    vmk_HashKey key, u32 len)
{
	struct hlist_head *bucket = &t->buckets[vmk_hash_bucket(t, key, len)];
	struct vmk_hash_entry *e;

	hlist_for_each_entry_rcu(e, bucket, node, true)
		if (vmk_hash_key_equal(t, e, key, len))
			return e;
	return NULL;
}

/* --- slots --------------------------------------------------------------- */

static bool vmk_hash_in_pool(const struct vmk_hash_table *t,
			     const struct vmk_hash_entry *e)
{
	return (const u8 *)e >= t->pool && (const u8 *)e < t->pool_end;
}

static struct vmk_hash_entry *vmk_hash_slot_get(struct vmk_hash_table *t,
					       unsigned long ra)
{
	struct vmk_hash_entry *e;
	unsigned long flags;

	spin_lock_irqsave(&t->free_lock, flags);
	e = t->free;
	if (e)
		t->free = e->next_free;
	spin_unlock_irqrestore(&t->free_lock, flags);
	if (!e) {
		e = vmk_hash_mem_alloc(t->heap, t->slot_size, ra);
		if (!e)
			return NULL;
	}
	e->table = t;
	return e;
}

static void vmk_hash_slot_put(struct vmk_hash_table *t,
			      struct vmk_hash_entry *e)
{
	unsigned long flags;

	if (!vmk_hash_in_pool(t, e)) {
		vmk_hash_mem_free(t->heap, e);
		return;
	}
	spin_lock_irqsave(&t->free_lock, flags);
	e->next_free = t->free;
	t->free = e;
	spin_unlock_irqrestore(&t->free_lock, flags);
}

static void vmk_hash_entry_reclaim_rcu(struct rcu_head *rcu)
{
	struct vmk_hash_entry *e = container_of(rcu, struct vmk_hash_entry, rcu);
	struct vmk_hash_table *t = e->table;

	if (t->release)
		t->release(e->value);
	vmk_hash_slot_put(t, e);
	/* Last touch of @t: vmk_HashRelease waits for this to reach 0. */
	atomic_dec(&t->in_flight);
}

/*
 * An entry has left its chain: drop the table's reference to its value
 * and recycle it, after a grace period when lookups may be lockless.
 */
static void vmk_hash_entry_retire(struct vmk_hash_table *t,
				  struct vmk_hash_entry *e)
{
	if (t->deferred) {
		atomic_inc(&t->in_flight);
		call_rcu(&e->rcu, vmk_hash_entry_reclaim_rcu);
		return;
	}
	vmk_hash_slot_put(t, e);
}

static void vmk_hash_unlink(struct vmk_hash_table *t, struct vmk_hash_entry *e)
{
	hlist_del_rcu(&e->node);
	t->count--;
	vmk_hash_entry_retire(t, e);
}

/* Fill a fresh slot with @key (copied if the table copies keys). */
static void vmk_hash_entry_set_key(struct vmk_hash_table *t,
				   struct vmk_hash_entry *e, vmk_HashKey key,
				   u32 len)
{
	if (!t->copy_keys || t->key_type == VMK_HASH_KEY_TYPE_INT) {
		e->key = key;
		return;
	}
	memcpy(e->keybuf, key, len);
	if (t->key_type == VMK_HASH_KEY_TYPE_STR)
		e->keybuf[len] = '\0';
	e->key = e->keybuf;
}

/* --- resource ------------------------------------------------------------ */

static void vmk_hash_describe(struct vmk_core_resource *res, char *buf,
			      size_t len)
{
	struct vmk_hash_table *t = container_of(res, struct vmk_hash_table, res);
	static const char * const types[] = { "int", "string", "opaque" };

	snprintf(buf, len, "%p: %llu pair(s), %s keys", t, t->count,
		 types[t->key_type]);
}

static void vmk_hash_reclaim(struct vmk_core_resource *res)
{
	struct vmk_hash_table *t = container_of(res, struct vmk_hash_table, res);

	vmk_HashDeleteAll(t);
	vmk_HashRelease(t);
}

static const struct vmk_core_resource_type vmk_hash_resource = {
	.kind = "hash table",
	.describe = vmk_hash_describe,
	.reclaim = vmk_hash_reclaim,
};

/* --- API ----------------------------------------------------------------- */

static bool vmk_hash_props_ok(const vmk_HashProperties *props,
			      unsigned long caller)
{
	const char *why = NULL;
	vmk_HeapGetProps heap;

	if (props->nbEntries == 0)
		why = "nbEntries is 0";
	else if (props->keyFlags & ~(vmk_HashKeyFlags)VMK_HASH_KEY_FLAGS_LOCAL_COPY)
		why = "unknown key flags";
	else if (props->keyType == VMK_HASH_KEY_TYPE_INT) {
		if (props->keySize != 0)
			why = "keySize must be 0 for integer keys";
	} else if (props->keyType == VMK_HASH_KEY_TYPE_STR ||
		   props->keyType == VMK_HASH_KEY_TYPE_OPAQUE) {
		if (props->keySize == 0)
			why = "keySize is 0";
		else if (props->keySize >= U32_MAX / 2)
			why = "keySize is too large";
	} else {
		why = "unknown key type";
	}
	if (!why && vmk_HeapGetProperties(props->heapID, &heap) != VMK_OK)
		why = "invalid heap";
	if (why) {
		vmk_core_bad_arg_from(caller, "hash table for module %d: %s",
				      props->moduleID, why);
		return false;
	}
	return true;
}

VMK_ReturnStatus vmk_HashAlloc(vmk_HashProperties *props, vmk_HashTable *hdl)
{
	struct vmk_hash_table *t;
	struct vmk_hash_reg *reg;
	bool copy;
	u32 key_bytes, i;
	u64 size;

	if (!props || !hdl) {
		vmk_core_bad_arg("props %p hdl %p", props, hdl);
		return VMK_BAD_PARAM;
	}
	if (!vmk_hash_props_ok(props, _RET_IP_))
		return VMK_BAD_PARAM;
	/* As every family: an unknown owner is VMK_INVALID_MODULE. */
	if (!vmk_core_module_is_registered(props->moduleID)) {
		vmk_core_bad_arg("hash table: module %d is not registered",
				 props->moduleID);
		return VMK_INVALID_MODULE;
	}

	copy = props->keyFlags & VMK_HASH_KEY_FLAGS_LOCAL_COPY;
	key_bytes = vmk_hash_key_bytes(props->keyType, props->keySize, copy);
	size = vmk_hash_block_size(props->nbEntries, key_bytes);

	reg = kzalloc(sizeof(*reg), GFP_ATOMIC);
	if (!reg)
		return VMK_NO_MEMORY;
	t = vmk_hash_mem_alloc(props->heapID, size, _RET_IP_);
	if (!t) {
		kfree(reg);
		return VMK_NO_MEMORY;
	}
	t->key_type = props->keyType;
	t->key_size = props->keySize;
	t->copy_keys = copy;
	t->module = props->moduleID;
	t->heap = props->heapID;
	t->acquire = props->acquire;
	t->release = props->release;
	t->deferred = props->acquire || props->release;
	t->bucket_bits = vmk_hash_bucket_bits(props->nbEntries);
	t->slot_size = vmk_hash_slot_size(key_bytes);
	get_random_bytes(&t->seed, sizeof(t->seed));
	spin_lock_init(&t->free_lock);
	atomic_set(&t->in_flight, 0);
	for (i = 0; i < (1U << t->bucket_bits); i++)
		INIT_HLIST_HEAD(&t->buckets[i]);
	t->pool = (u8 *)&t->buckets[1U << t->bucket_bits];
	t->pool_end = t->pool + (size_t)props->nbEntries * t->slot_size;
	/* Chain the pool so the first inserts take the first slots. */
	for (i = props->nbEntries; i-- > 0;) {
		struct vmk_hash_entry *e =
			(struct vmk_hash_entry *)(t->pool + (size_t)i * t->slot_size);

		e->next_free = t->free;
		t->free = e;
	}

	if (vmk_core_resource_add(&t->res, &vmk_hash_resource, t->module) !=
	    VMK_OK) {
		/* The module went away since the check. */
		vmk_hash_mem_free(t->heap, t);
		kfree(reg);
		vmk_core_bad_arg("module %d is not registered", props->moduleID);
		return VMK_INVALID_MODULE;
	}
	t->reg = reg;
	vmk_core_handle_add(&reg->handle, t, VMK_CORE_HANDLE_HASH);

	*hdl = t;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashAlloc);

VMK_ReturnStatus vmk_HashRelease(vmk_HashTable hdl)
{
	struct vmk_hash_table *t;

	vmk_core_assert_may_block();
	t = vmk_hash_get(hdl, _RET_IP_);
	if (!t)
		return VMK_BAD_PARAM;
	if (t->count)
		return VMK_BUSY;

	vmk_core_handle_del(&t->reg->handle);
	kfree_rcu(t->reg, rcu);
	vmk_core_resource_del(&t->res);

	/* Deferred reclaims still hold the table: let them run. */
	if (atomic_read(&t->in_flight))
		rcu_barrier();
	WARN_ON_ONCE(atomic_read(&t->in_flight));
	vmk_hash_mem_free(t->heap, t);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashRelease);

VMK_ReturnStatus vmk_HashDeleteAll(vmk_HashTable hdl)
{
	struct vmk_hash_table *t = vmk_hash_get(hdl, _RET_IP_);
	struct vmk_hash_entry *e;
	struct hlist_node *tmp;
	u32 i;

	if (!t)
		return VMK_BAD_PARAM;
	for (i = 0; i < (1U << t->bucket_bits) && t->count; i++)
		hlist_for_each_entry_safe(e, tmp, &t->buckets[i], node)
			vmk_hash_unlink(t, e);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashDeleteAll);

VMK_ReturnStatus vmk_HashKeysCount(vmk_HashTable hdl, vmk_uint64 *keysCnt)
{
	struct vmk_hash_table *t = vmk_hash_get(hdl, _RET_IP_);

	if (!t)
		return VMK_BAD_PARAM;
	if (!keysCnt) {
		vmk_core_bad_arg("NULL keysCnt");
		return VMK_BAD_PARAM;
	}
	*keysCnt = t->count;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashKeysCount);

vmk_Bool vmk_HashIsEmpty(vmk_HashTable hdl)
{
	struct vmk_hash_table *t = vmk_hash_get(hdl, _RET_IP_);

	return !t || !t->count ? VMK_TRUE : VMK_FALSE;
}
VMKAPI_EXPORT(vmk_HashIsEmpty);

VMK_ReturnStatus vmk_HashKeyIterate(vmk_HashTable hdl,
				    vmk_HashKeyIterator iterator,
				    vmk_AddrCookie data)
{
	struct vmk_hash_table *t = vmk_hash_get(hdl, _RET_IP_);
	struct vmk_hash_entry *e;
	struct hlist_node *tmp;
	u32 i;

	if (!t)
		return VMK_BAD_PARAM;
	if (!iterator) {
		vmk_core_bad_arg("NULL iterator");
		return VMK_BAD_PARAM;
	}
	for (i = 0; i < (1U << t->bucket_bits); i++) {
		hlist_for_each_entry_safe(e, tmp, &t->buckets[i], node) {
			vmk_HashKeyIteratorCmd cmd;

			cmd = iterator(hdl, e->key, e->value, data);
			if (cmd & VMK_HASH_KEY_ITER_CMD_DELETE)
				vmk_hash_unlink(t, e);
			if (cmd & VMK_HASH_KEY_ITER_CMD_STOP)
				return VMK_OK;
		}
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashKeyIterate);

/*
 * The table and the key's length for a key operation, or the status to
 * return.  @insert: a STR key longer than keySize is a bad argument
 * rather than a key that cannot be present.
 */
static VMK_ReturnStatus vmk_hash_prepare(vmk_HashTable hdl, vmk_HashKey key,
					 bool insert, struct vmk_hash_table **tp,
					 u32 *len, unsigned long caller)
{
	struct vmk_hash_table *t = vmk_hash_get(hdl, caller);
	int err;

	if (!t)
		return VMK_BAD_PARAM;
	err = vmk_hash_key_check(t, key, len);
	if (err == -EINVAL) {
		vmk_core_bad_arg_from(caller, "NULL key");
		return VMK_BAD_PARAM;
	}
	if (err == -E2BIG) {
		if (!insert)
			return VMK_NOT_FOUND;
		vmk_core_bad_arg_from(caller, "string key longer than %u",
				      t->key_size);
		return VMK_BAD_PARAM;
	}
	*tp = t;
	return VMK_OK;
}

VMK_ReturnStatus vmk_HashKeyInsert(vmk_HashTable hdl, vmk_HashKey key,
				   vmk_HashValue value)
{
	struct vmk_hash_table *t;
	struct vmk_hash_entry *e;
	VMK_ReturnStatus status;
	u32 len;

	status = vmk_hash_prepare(hdl, key, true, &t, &len, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (vmk_hash_find(t, key, len))
		return VMK_EXISTS;
	e = vmk_hash_slot_get(t, _RET_IP_);
	if (!e)
		return VMK_NO_MEMORY;
	vmk_hash_entry_set_key(t, e, key, len);
	e->value = value;
	if (t->acquire)
		t->acquire(value);
	hlist_add_head_rcu(&e->node, &t->buckets[vmk_hash_bucket(t, key, len)]);
	t->count++;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashKeyInsert);

VMK_ReturnStatus vmk_HashKeyUpdate(vmk_HashTable hdl, vmk_HashKey key,
				   vmk_HashValue newValue,
				   vmk_HashValue *oldValue)
{
	struct vmk_hash_table *t;
	struct vmk_hash_entry *e, *fresh;
	VMK_ReturnStatus status;
	vmk_HashValue old;
	u32 len;

	status = vmk_hash_prepare(hdl, key, false, &t, &len, _RET_IP_);
	if (status != VMK_OK)
		return status;
	e = vmk_hash_find(t, key, len);
	if (!e)
		return VMK_NOT_FOUND;
	old = e->value;
	if (!t->deferred) {
		e->value = newValue;
		if (oldValue)
			*oldValue = old;
		return VMK_OK;
	}

	/*
	 * A lockless reader may hold @e and be about to take a reference
	 * to the old value: publish a new entry and retire @e, whose
	 * reference to the old value goes after the grace period.
	 */
	fresh = vmk_hash_slot_get(t, _RET_IP_);
	if (!fresh)
		return VMK_NO_MEMORY;
	vmk_hash_entry_set_key(t, fresh, e->key, len);
	fresh->value = newValue;
	if (t->acquire) {
		t->acquire(newValue);
		if (oldValue)
			t->acquire(old);
	}
	if (oldValue)
		*oldValue = old;
	hlist_replace_rcu(&e->node, &fresh->node);
	vmk_hash_entry_retire(t, e);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashKeyUpdate);

VMK_ReturnStatus vmk_HashKeyDelete(vmk_HashTable hdl, vmk_HashKey key,
				   vmk_HashValue *value)
{
	struct vmk_hash_table *t;
	struct vmk_hash_entry *e;
	VMK_ReturnStatus status;
	u32 len;

	status = vmk_hash_prepare(hdl, key, false, &t, &len, _RET_IP_);
	if (status != VMK_OK)
		return status;
	e = vmk_hash_find(t, key, len);
	if (!e)
		return VMK_NOT_FOUND;
	if (value) {
		if (t->acquire)
			t->acquire(e->value);
		*value = e->value;
	}
	vmk_hash_unlink(t, e);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashKeyDelete);

VMK_ReturnStatus vmk_HashKeyFind(vmk_HashTable hdl, vmk_HashKey key,
				 vmk_HashValue *value)
{
	struct vmk_hash_table *t;
	struct vmk_hash_entry *e;
	VMK_ReturnStatus status;
	u32 len;

	status = vmk_hash_prepare(hdl, key, false, &t, &len, _RET_IP_);
	if (status != VMK_OK)
		return status;
	/* Possibly lockless (see the top): the reference is taken inside. */
	rcu_read_lock();
	e = vmk_hash_find(t, key, len);
	if (e && value) {
		vmk_HashValue v = READ_ONCE(e->value);

		if (t->acquire)
			t->acquire(v);
		*value = v;
	}
	rcu_read_unlock();
	return e ? VMK_OK : VMK_NOT_FOUND;
}
VMKAPI_EXPORT(vmk_HashKeyFind);

VMK_ReturnStatus vmk_HashBytes(const vmk_uint8 *key, vmk_uint32 keySize,
			       vmk_uint64 *hash)
{
	if (!key || !hash || !keySize) {
		vmk_core_bad_arg("key %p keySize %u hash %p", key, keySize, hash);
		return VMK_BAD_PARAM;
	}
	*hash = siphash(key, keySize, &vmk_hash_bytes_key);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HashBytes);
