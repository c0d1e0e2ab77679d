/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hash tables (reference section 22): key-value pairs in a table a
 * module allocates from one of its heaps.
 *
 * Keys are of one type per table:
 *  - VMK_HASH_KEY_TYPE_INT: the key is the integer carried in the
 *    vmk_HashKey pointer itself ((vmk_HashKey)(vmk_uint64)n); 0 is a
 *    valid key; keySize must be 0.
 *  - VMK_HASH_KEY_TYPE_STR: a NUL-terminated string of at most keySize
 *    characters, compared by content.
 *  - VMK_HASH_KEY_TYPE_OPAQUE: keySize bytes, compared by content.
 * For STR and OPAQUE the table keeps the caller's pointer, so the key
 * must stay valid and unchanged while the pair exists, unless the table
 * was made with VMK_HASH_KEY_FLAGS_LOCAL_COPY, in which case the key is
 * copied in at insertion (a STR copy is kept NUL terminated).  The key
 * an iterator is handed is the stored one (the copy, if any).
 *
 * Values are opaque pointers (NULL is a valid value).  A table may have
 * acquire/release functions for reference-counted values: the table
 * acquires a reference for itself when a value goes in and releases it
 * when the value leaves; every call that hands a value back to the
 * caller acquires one for the caller first.  A table with either function supports
 * lookups (vmk_HashKeyFind) without the caller's lock, concurrently with
 * locked updates: entries are then reclaimed, and the table's reference
 * released, only after an RCU grace period (the "asynchronous" release
 * of the original), which is why a removed value's release function
 * runs later, from softirq context.  The acquire and release functions
 * must not block.
 *
 * Otherwise the table has no lock: the caller serialises every call on
 * a table.  No call blocks except vmk_HashRelease; all others are usable
 * in any context (interrupt acknowledge, interrupt handler, NetPoll).
 *
 * Memory: vmk_HashAlloc takes one block from the heap, holding the table,
 * its buckets and nbEntries entries, copied keys included; a heap sized
 * with vmk_HashGetAllocSize(nbEntries) for it is enough for that table
 * and nbEntries pairs, as long as a copied key is at most
 * VMK_HASH_GETALLOCSIZE_KEY_BYTES bytes (a STR key needs keySize + 1).
 * nbEntries is not a limit: pairs beyond it take one heap allocation
 * each, which fails with VMK_NO_MEMORY if the heap has no room for them.
 *
 * Beyond the original's documentation (our choices, marked "inferred"
 * in the reference sense): a duplicate insert fails with VMK_EXISTS; a
 * STR key longer than keySize is refused on insert (VMK_BAD_PARAM) and
 * is simply not found by the lookups; handles are checked against the
 * live tables, so a released or bogus handle gets VMK_BAD_PARAM, not a
 * fault.
 */
#ifndef _VMKAPI_HASH_H_
#define _VMKAPI_HASH_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef void *vmk_HashTable;
typedef void *vmk_HashKey;
typedef void *vmk_HashValue;
typedef vmk_uint64 vmk_HashKeyFlags;
typedef vmk_uint32 vmk_HashKeyLen;
typedef vmk_uint64 vmk_HashKeyIteratorCmd;

#define VMK_INVALID_HASH_HANDLE		((vmk_HashTable)0)

#define VMK_HASH_KEY_FLAGS_NONE		0x0
/* Copy keys in on insertion; the caller's key memory may then go away. */
#define VMK_HASH_KEY_FLAGS_LOCAL_COPY	0x1

typedef enum vmk_HashKeyType {
	VMK_HASH_KEY_TYPE_INT = 0,
	VMK_HASH_KEY_TYPE_STR,
	VMK_HASH_KEY_TYPE_OPAQUE,
} vmk_HashKeyType;

/*
 * What an iterator returns, OR-ed together: CONTINUE (0) goes on, STOP
 * ends the walk after this pair, DELETE removes this pair (with STOP:
 * removes it, then stops).
 */
#define VMK_HASH_KEY_ITER_CMD_CONTINUE	0x0
#define VMK_HASH_KEY_ITER_CMD_STOP	0x1
#define VMK_HASH_KEY_ITER_CMD_DELETE	0x2

/* Largest copied key vmk_HashGetAllocSize accounts for, per entry. */
#define VMK_HASH_GETALLOCSIZE_KEY_BYTES	64

/* Take / drop a reference to a value.  Must not block. */
typedef void (*vmk_HashValueAcquire)(vmk_HashValue value);
typedef void (*vmk_HashValueRelease)(vmk_HashValue value);

typedef struct vmk_HashProperties {
	/* Owner: the table counts as one of its resources. */
	vmk_ModuleID moduleID;
	/* Where the table and its entries are allocated. */
	vmk_HeapID heapID;
	vmk_HashKeyType keyType;
	vmk_HashKeyFlags keyFlags;
	/* 0 for INT; longest string for STR; key length for OPAQUE. */
	vmk_uint32 keySize;
	/* Expected number of pairs: sizes the buckets and the entry block. */
	vmk_uint32 nbEntries;
	/* Value reference functions (see above); either may be NULL. */
	vmk_HashValueAcquire acquire;
	vmk_HashValueRelease release;
} vmk_HashProperties;

/*
 * An iterator: called for each pair; returns VMK_HASH_KEY_ITER_CMD_*.
 * It may delete the pair it is given (by returning DELETE, or with
 * vmk_HashKeyDelete on its key: one or the other, not both), but must
 * not remove other pairs.  It is
 * called with no lock of the table's held, so it may block if the
 * caller of vmk_HashKeyIterate may.
 */
typedef vmk_HashKeyIteratorCmd (*vmk_HashKeyIterator)(vmk_HashTable hdl,
						      vmk_HashKey key,
						      vmk_HashValue value,
						      vmk_AddrCookie data);

/*
 * vmk_HashGetAllocSize - bytes a heap must provide for a table of
 * @nbEntries (see "Memory" above).  Context: any; does not block.
 */
vmk_ByteCount vmk_HashGetAllocSize(vmk_uint32 nbEntries);

/*
 * vmk_HashAlloc - create a table.
 * Context: any (not NMI); does not block.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments, an invalid heap,
 * nbEntries 0, an unknown key type or flag, a keySize that is not 0 for
 * INT or is 0 for STR and OPAQUE; VMK_INVALID_MODULE for an unregistered
 * module; VMK_NO_MEMORY when the heap has no room.
 */
VMK_ReturnStatus vmk_HashAlloc(vmk_HashProperties *props,
			       vmk_HashTable *hdl);

/*
 * vmk_HashRelease - destroy an empty table.
 * Context: may block (it waits for deferred reclaim of removed entries);
 * not from interrupt acknowledge, interrupt handler or NetPoll.
 * Returns VMK_OK; VMK_BUSY when the table still holds pairs (it is left
 * intact); VMK_BAD_PARAM for an invalid handle.
 */
VMK_ReturnStatus vmk_HashRelease(vmk_HashTable hdl);

/*
 * vmk_HashDeleteAll - remove every pair (releasing each value when the
 * table has a release function).  Context: any; does not block.
 * Returns VMK_OK, or VMK_BAD_PARAM for an invalid handle.
 */
VMK_ReturnStatus vmk_HashDeleteAll(vmk_HashTable hdl);

/*
 * vmk_HashKeysCount - the number of pairs, in *@keysCnt.
 * Context: any; does not block.
 * Returns VMK_OK, or VMK_BAD_PARAM for an invalid handle or NULL @keysCnt.
 */
VMK_ReturnStatus vmk_HashKeysCount(vmk_HashTable hdl, vmk_uint64 *keysCnt);

/*
 * vmk_HashIsEmpty - VMK_TRUE when the table holds no pair (also for an
 * invalid handle, which is reported).  Context: any; does not block.
 */
vmk_Bool vmk_HashIsEmpty(vmk_HashTable hdl);

/*
 * vmk_HashKeyIterate - call @iterator for each pair, in no particular
 * order, until it returns STOP.
 * Context: that of the caller; blocks only if @iterator does.
 * Returns VMK_OK, or VMK_BAD_PARAM for an invalid handle or NULL
 * @iterator.
 */
VMK_ReturnStatus vmk_HashKeyIterate(vmk_HashTable hdl,
				    vmk_HashKeyIterator iterator,
				    vmk_AddrCookie data);

/*
 * vmk_HashKeyInsert - add a pair.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_EXISTS when the key is already present (the table
 * is unchanged); VMK_BAD_PARAM for an invalid handle, a NULL STR/OPAQUE
 * key or a STR key longer than keySize; VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_HashKeyInsert(vmk_HashTable hdl, vmk_HashKey key,
				   vmk_HashValue value);

/*
 * vmk_HashKeyUpdate - replace the value of an existing pair; the previous
 * value goes to *@oldValue unless @oldValue is NULL.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_NOT_FOUND; VMK_BAD_PARAM for an invalid handle or a
 * NULL STR/OPAQUE key; VMK_NO_MEMORY (only tables with value reference
 * functions, which swap in a new entry so that lockless readers never
 * see a value whose reference is gone).
 */
VMK_ReturnStatus vmk_HashKeyUpdate(vmk_HashTable hdl, vmk_HashKey key,
				   vmk_HashValue newValue,
				   vmk_HashValue *oldValue);

/*
 * vmk_HashKeyDelete - remove a pair; its value goes to *@value unless
 * @value is NULL.  Context: any; does not block.
 * Returns VMK_OK; VMK_NOT_FOUND; VMK_BAD_PARAM for an invalid handle or
 * a NULL STR/OPAQUE key.
 */
VMK_ReturnStatus vmk_HashKeyDelete(vmk_HashTable hdl, vmk_HashKey key,
				   vmk_HashValue *value);

/*
 * vmk_HashKeyFind - look a key up; its value goes to *@value unless
 * @value is NULL.  Context: any; does not block.
 * Returns VMK_OK; VMK_NOT_FOUND; VMK_BAD_PARAM for an invalid handle or
 * a NULL STR/OPAQUE key.
 */
VMK_ReturnStatus vmk_HashKeyFind(vmk_HashTable hdl, vmk_HashKey key,
				 vmk_HashValue *value);

/*
 * vmk_HashBytes - a 64-bit hash of @keySize bytes at @key, for a
 * driver's own use (tables do not use it).  The same bytes always give
 * the same hash, across calls and boots.
 * Context: any; does not block.
 * Returns VMK_OK, or VMK_BAD_PARAM for a NULL @key or @hash or a 0 size.
 */
VMK_ReturnStatus vmk_HashBytes(const vmk_uint8 *key, vmk_uint32 keySize,
			       vmk_uint64 *hash);

#endif /* _VMKAPI_HASH_H_ */
