// SPDX-License-Identifier: GPL-2.0
/*
 * Scatter-gather arrays: machine-address descriptions of kernel buffers,
 * the ops handles that allocate them, and copies between the memory they
 * describe.
 *
 * Translation goes page by page through vmk_VA2MA, so an array's
 * addresses are by construction the ones vmk_VA2MA gives, and adjacent
 * pages whose machine addresses follow each other share one element.
 * Copies reach the described memory through kmap_local_page() one page
 * at a time, after checking that the page is RAM the page allocator
 * manages; that check takes no lock, so copies work in any context but
 * NMI (page_is_ram() would take the resource lock, which interrupt
 * context must not).
 *
 * An ops handle lives in the driver's heap, is registered as a resource
 * of the heap's module and counts the arrays allocated through it, so a
 * handle cannot be destroyed under its arrays and one forgotten at
 * unload is reported.  Component ops handles (for arrays of pieces of
 * one I/O) share that machinery.
 */
#include "vmkapi_core.h"

#include <linux/atomic.h>
#include <linux/highmem.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/string.h>

/* The ABI of 2.3: drivers index elem[] and DMA mapping writes it. */
static_assert(sizeof(vmk_SgElem) == 16);
static_assert(offsetof(vmk_SgElem, addr) == 0);
static_assert(offsetof(vmk_SgElem, ioAddr) == 0);
static_assert(offsetof(vmk_SgElem, length) == 8);
static_assert(offsetof(vmk_SgElem, reserved) == 12);
static_assert(sizeof(vmk_SgArray) == 24);
static_assert(offsetof(vmk_SgArray, maxElems) == 0);
static_assert(offsetof(vmk_SgArray, numElems) == 4);
static_assert(offsetof(vmk_SgArray, reserved) == 8);
static_assert(offsetof(vmk_SgArray, reserved2) == 16);
static_assert(offsetof(vmk_SgArray, elem) == 24);
static_assert(sizeof(vmk_SgComponent) == 24);
static_assert(sizeof(vmk_SgComponentArray) == 24);
static_assert(offsetof(vmk_SgComponentArray, sgComponent) == 24);

/*
 * The longest element a translation makes: the largest page multiple an
 * element's 32-bit length holds, so each piece of a split run starts at
 * the same offset in its page as the run did.
 */
#define VMK_SG_ELEM_MAX_LEN	((u32)(U32_MAX & PAGE_MASK))

/* Every call here is fine in interrupt context but not in NMI. */
#define vmk_sg_assert_context()						\
	do {								\
		if (vmk_core_debug_checks())				\
			WARN_ON_ONCE(in_nmi());				\
	} while (0)

/*
 * What both kinds of ops handle share: the heap (of the handle and of
 * default allocations), its module, the callbacks' private data and the
 * count of arrays allocated through the handle and not freed yet.
 */
struct vmk_sg_handle {
	vmk_HeapID heap;
	vmk_ModuleID module;
	void *private;
	bool custom;
	enum vmk_core_handle_kind kind;
	atomic_t live;
	struct vmk_core_resource res;
};

struct vmk_SgOpsHandleInt {
	struct vmk_sg_handle base;
	vmk_SgArrayOps ops;
};

struct vmk_SgComponentOpsHandleInt {
	struct vmk_sg_handle base;
	vmk_SgComponentArrayOps ops;
};

static const char *vmk_sg_kind_name(enum vmk_core_handle_kind kind)
{
	return kind == VMK_CORE_HANDLE_SGOPS ? "scatter-gather ops handle" :
	       "scatter-gather component ops handle";
}

static void vmk_sg_handle_free(struct vmk_sg_handle *h)
{
	vmk_core_resource_del(&h->res);
	vmk_HeapFree(h->heap, h);
}

static void vmk_sg_describe(struct vmk_core_resource *res, char *buf,
			    size_t len)
{
	struct vmk_sg_handle *h = container_of(res, struct vmk_sg_handle, res);

	snprintf(buf, len, "%s ops, %d array(s) not freed",
		 h->custom ? "custom" : "heap", atomic_read(&h->live));
}

/*
 * The module is gone.  Arrays still allocated from the heap are the
 * heap's to report (it is reclaimed after the handle: resources go
 * newest first); custom arrays were the driver's memory.
 */
static void vmk_sg_reclaim(struct vmk_core_resource *res)
{
	struct vmk_sg_handle *h = container_of(res, struct vmk_sg_handle, res);

	if (vmk_core_handle_del_detached(h, h->kind))
		vmk_sg_handle_free(h);
}

static const struct vmk_core_resource_type vmk_sg_type = {
	.kind = "scatter-gather ops handle",
	.describe = vmk_sg_describe,
	.reclaim = vmk_sg_reclaim,
};

/*
 * Create a handle of @size bytes (the base first) in @heap.  @custom:
 * callbacks were given (checked by the caller).  *out is the new
 * handle, its ops still to be filled in by the caller.
 */
static VMK_ReturnStatus vmk_sg_handle_create(vmk_HeapID heap, size_t size,
					     enum vmk_core_handle_kind kind,
					     bool custom, void *private,
					     struct vmk_sg_handle **out,
					     const char *api,
					     unsigned long caller)
{
	vmk_HeapGetProps heap_props;
	struct vmk_sg_handle *h;
	VMK_ReturnStatus status;

	if (heap == VMK_INVALID_HEAP_ID ||
	    vmk_HeapGetProperties(heap, &heap_props) != VMK_OK) {
		vmk_core_bad_arg_api(api, caller, "heap %p is not live", heap);
		return VMK_BAD_PARAM;
	}
	/* Recorded as the driver's allocation, made where it called us. */
	h = vmk_HeapAllocWithRA(heap, size, (void *)caller);
	if (!h)
		return VMK_NO_MEMORY;
	memset(h, 0, size);
	h->heap = heap;
	h->module = heap_props.module;
	h->private = private;
	h->custom = custom;
	h->kind = kind;
	atomic_set(&h->live, 0);
	/* Registered before it is published: the caller fills in the ops. */
	status = vmk_core_resource_add(&h->res, &vmk_sg_type, h->module);
	if (status != VMK_OK) {
		vmk_core_bad_arg_api(api, caller,
				     "heap %p: module %d is not registered",
				     heap, h->module);
		vmk_HeapFree(heap, h);
		return status;
	}
	*out = h;
	return VMK_OK;
}

/* Make a created handle live (its ops are set); false: no memory. */
static bool vmk_sg_handle_publish(struct vmk_sg_handle *h)
{
	if (!vmk_core_handle_add_detached(h, h->kind))
		return true;
	vmk_sg_handle_free(h);
	return false;
}

static VMK_ReturnStatus vmk_sg_handle_destroy(struct vmk_sg_handle *h,
					      enum vmk_core_handle_kind kind,
					      const char *api,
					      unsigned long caller)
{
	VMK_ReturnStatus status;
	int live;

	status = vmk_core_handle_check(h, kind, vmk_sg_kind_name(kind), api,
				       caller);
	if (status != VMK_OK)
		return status;
	live = atomic_read(&h->live);
	if (live) {
		vmk_core_bad_arg_api(api, caller,
				     "%d array(s) of handle %p are not freed",
				     live, h);
		return VMK_BUSY;
	}
	/* Of two racing destroys, only the one that removes it frees it. */
	if (vmk_core_handle_del_detached(h, kind))
		vmk_sg_handle_free(h);
	return VMK_OK;
}

/* A free through a live handle: false if it has nothing outstanding. */
static bool vmk_sg_handle_put(struct vmk_sg_handle *h, const void *arr,
			      const char *api, unsigned long caller)
{
	/* More frees than allocations: a double free or a foreign array. */
	if (atomic_dec_if_positive(&h->live) >= 0)
		return true;
	vmk_core_bad_arg_api(api, caller,
			     "handle %p has no array outstanding; %p not freed",
			     h, arr);
	return false;
}

static VMK_ReturnStatus vmk_sg_get(vmk_SgOpsHandle handle,
				   const char *api, unsigned long caller)
{
	return vmk_core_handle_check(handle, VMK_CORE_HANDLE_SGOPS,
				     vmk_sg_kind_name(VMK_CORE_HANDLE_SGOPS),
				     api, caller);
}

VMK_ReturnStatus vmk_SgCreateOpsHandle(vmk_HeapID heapId,
				       vmk_SgOpsHandle *handle,
				       vmk_SgArrayOps *ops, void *private)
{
	struct vmk_SgOpsHandleInt *h;
	struct vmk_sg_handle *base;
	VMK_ReturnStatus status;

	vmk_core_assert_may_deschedule();
	if (!handle || (ops && (!ops->alloc || !ops->free))) {
		vmk_core_bad_arg("handle %p; ops %p need both alloc and free",
				 handle, ops);
		return VMK_BAD_PARAM;
	}
	status = vmk_sg_handle_create(heapId, sizeof(*h),
				      VMK_CORE_HANDLE_SGOPS, ops != NULL, private,
				      &base, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	h = container_of(base, struct vmk_SgOpsHandleInt, base);
	if (ops)
		h->ops = *ops;
	if (!vmk_sg_handle_publish(base))
		return VMK_NO_MEMORY;
	*handle = h;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgCreateOpsHandle);

VMK_ReturnStatus vmk_SgDestroyOpsHandle(vmk_SgOpsHandle handle)
{
	vmk_core_assert_may_deschedule();
	return vmk_sg_handle_destroy(handle ? &handle->base : NULL,
				     VMK_CORE_HANDLE_SGOPS, __func__,
				     _RET_IP_);
}
VMKAPI_EXPORT(vmk_SgDestroyOpsHandle);

/* Allocate through a live handle; @caller is the public entry's caller. */
static VMK_ReturnStatus vmk_sg_alloc(struct vmk_SgOpsHandleInt *h,
				     vmk_SgArray **out, u32 max_elems,
				     const char *api, unsigned long caller)
{
	VMK_ReturnStatus status;
	vmk_ByteCount size;
	vmk_SgArray *sg = NULL;

	/* Counted first, so a destroy meanwhile sees the allocation. */
	atomic_inc(&h->base.live);
	if (h->ops.alloc) {
		status = h->ops.alloc(h, &sg, max_elems, h->base.private);
		if (status == VMK_OK && (!sg || sg->maxElems < max_elems)) {
			vmk_core_bad_arg_api(api, caller,
					     "alloc callback %ps returned %p for %u elements",
					     h->ops.alloc, sg, max_elems);
			if (sg)
				h->ops.free(h, sg, h->base.private);
			status = VMK_FAILURE;
		}
		if (status != VMK_OK) {
			atomic_dec(&h->base.live);
			return status;
		}
		sg->numElems = 0;
		*out = sg;
		return VMK_OK;
	}

	size = vmk_SgComputeAllocSize(max_elems);
	if (size <= U32_MAX)
		sg = vmk_HeapAllocWithRA(h->base.heap, size, (void *)caller);
	if (!sg) {
		atomic_dec(&h->base.live);
		return VMK_NO_MEMORY;
	}
	memset(sg, 0, size);
	sg->maxElems = max_elems;
	*out = sg;
	return VMK_OK;
}

VMK_ReturnStatus vmk_SgAlloc(vmk_SgOpsHandle handle, vmk_SgArray **sg,
			     vmk_uint32 maxElements)
{
	VMK_ReturnStatus status;

	vmk_sg_assert_context();
	status = vmk_sg_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!sg || !maxElements) {
		vmk_core_bad_arg("sg %p maxElements %u", sg, maxElements);
		return VMK_BAD_PARAM;
	}
	return vmk_sg_alloc(handle, sg, maxElements, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SgAlloc);

VMK_ReturnStatus vmk_SgFree(vmk_SgOpsHandle handle, vmk_SgArray *sgArray)
{
	VMK_ReturnStatus status;

	vmk_sg_assert_context();
	status = vmk_sg_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!sgArray) {
		vmk_core_bad_arg("NULL array");
		return VMK_BAD_PARAM;
	}
	if (!vmk_sg_handle_put(&handle->base, sgArray, __func__, _RET_IP_))
		return VMK_BAD_PARAM;
	if (handle->ops.free)
		return handle->ops.free(handle, sgArray, handle->base.private);
	vmk_HeapFree(handle->base.heap, sgArray);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgFree);

/* A kernel buffer: not NULL, not empty, not wrapping. */
static bool vmk_sg_buffer_ok(const void *buf, u64 size)
{
	unsigned long va = (unsigned long)buf;

	return buf && size && size - 1 <= ULONG_MAX - va;
}

/*
 * Translate [va, va + size) into machine ranges: count them in *count
 * and, when @elems is not NULL, write them there, at most @room.
 * VMK_INVALID_ADDRESS when a page has no machine address,
 * VMK_LIMIT_EXCEEDED past @room elements (or 2^32 - 1 when counting).
 */
static VMK_ReturnStatus vmk_sg_walk(unsigned long va, u64 size,
				    vmk_SgElem *elems, u32 room, u32 *count)
{
	vmk_SgElem cur = {};
	VMK_ReturnStatus status;
	u64 n = 0, chunk;
	vmk_MA ma;

	while (size) {
		chunk = min_t(u64, size, PAGE_SIZE - offset_in_page(va));
		status = vmk_VA2MA(va, chunk, &ma);
		if (status != VMK_OK)
			return VMK_INVALID_ADDRESS;
		if (n && ma == cur.addr + cur.length &&
		    cur.length + chunk <= VMK_SG_ELEM_MAX_LEN) {
			cur.length += chunk;
		} else {
			if (n && elems)
				elems[n - 1] = cur;
			if (++n > (elems ? room : U32_MAX))
				return VMK_LIMIT_EXCEEDED;
			cur.addr = ma;
			cur.length = chunk;
		}
		va += chunk;
		size -= chunk;
	}
	if (n && elems)
		elems[n - 1] = cur;
	*count = n;
	return VMK_OK;
}

VMK_ReturnStatus vmk_SgComputeMaxEntries(void *bufferStart,
					 vmk_ByteCount size,
					 vmk_uint32 *numElems)
{
	u64 pages;

	vmk_sg_assert_context();
	if (!numElems || !vmk_sg_buffer_ok(bufferStart, size)) {
		vmk_core_bad_arg("buffer %p size %llu numElems %p", bufferStart,
				 size, numElems);
		return VMK_BAD_PARAM;
	}
	/* A page per element at worst; every element holds at least one. */
	/* Not rounded up by adding: a buffer may end at the top of memory. */
	pages = ((offset_in_page(bufferStart) + (size - 1)) >> PAGE_SHIFT) + 1;
	if (pages > U32_MAX)
		return VMK_LIMIT_EXCEEDED;
	*numElems = pages;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgComputeMaxEntries);

VMK_ReturnStatus vmk_SgInit(vmk_SgOpsHandle handle, vmk_SgArray *sg,
			    void *bufferStart, vmk_ByteCount size,
			    vmk_uint32 initSGEntry)
{
	VMK_ReturnStatus status;
	u32 n;

	vmk_sg_assert_context();
	status = vmk_sg_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!sg || !vmk_sg_buffer_ok(bufferStart, size) ||
	    initSGEntry > sg->maxElems) {
		vmk_core_bad_arg("sg %p buffer %p size %llu first entry %u of %u",
				 sg, bufferStart, size, initSGEntry,
				 sg ? sg->maxElems : 0);
		return VMK_BAD_PARAM;
	}
	/* Count first, so a failure leaves the array as it was. */
	status = vmk_sg_walk((unsigned long)bufferStart, size, NULL, 0, &n);
	if (status == VMK_OK && n > sg->maxElems - initSGEntry)
		status = VMK_LIMIT_EXCEEDED;
	if (status != VMK_OK) {
		vmk_core_bad_arg("buffer %p size %llu into %u elements from %u: %s",
				 bufferStart, size, sg->maxElems, initSGEntry,
				 vmk_StatusToString(status));
		return status;
	}
	status = vmk_sg_walk((unsigned long)bufferStart, size,
			     &sg->elem[initSGEntry], n, &n);
	if (status != VMK_OK)
		return status;
	sg->numElems = initSGEntry + n;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgInit);

VMK_ReturnStatus vmk_SgAllocWithInit(vmk_SgOpsHandle handle,
				     vmk_SgArray **sg, void *bufferStart,
				     vmk_ByteCount size)
{
	VMK_ReturnStatus status;
	vmk_SgArray *arr;
	u32 n, m;

	vmk_sg_assert_context();
	status = vmk_sg_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!sg || !vmk_sg_buffer_ok(bufferStart, size)) {
		vmk_core_bad_arg("sg %p buffer %p size %llu", sg, bufferStart,
				 size);
		return VMK_BAD_PARAM;
	}
	status = vmk_sg_walk((unsigned long)bufferStart, size, NULL, 0, &n);
	if (status != VMK_OK) {
		vmk_core_bad_arg("buffer %p size %llu: %s", bufferStart, size,
				 vmk_StatusToString(status));
		return status;
	}
	status = vmk_sg_alloc(handle, &arr, n, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	/*
	 * Pages do not move under a kernel buffer, so this walk finds the
	 * same runs; one freed meanwhile is the caller's bug, and the walk
	 * then stops at the array's end rather than overrun it.
	 */
	status = vmk_sg_walk((unsigned long)bufferStart, size, arr->elem, n,
			     &m);
	if (status == VMK_OK && m != n)
		status = VMK_INVALID_ADDRESS;
	if (status != VMK_OK) {
		vmk_SgFree(handle, arr);
		return status;
	}
	arr->numElems = n;
	*sg = arr;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgAllocWithInit);

/* The first numElems lengths added up; numElems <= maxElems checked. */
static u64 vmk_sg_data_len(const vmk_SgArray *sg)
{
	u64 total = 0;
	u32 i;

	for (i = 0; i < sg->numElems; i++)
		total += sg->elem[i].length;
	return total;
}

vmk_ByteCount vmk_SgGetDataLen(vmk_SgArray *sgArray)
{
	vmk_sg_assert_context();
	if (!sgArray || sgArray->numElems > sgArray->maxElems) {
		vmk_core_bad_arg("array %p (%u of %u elements)", sgArray,
				 sgArray ? sgArray->numElems : 0,
				 sgArray ? sgArray->maxElems : 0);
		return 0;
	}
	return vmk_sg_data_len(sgArray);
}
VMKAPI_EXPORT(vmk_SgGetDataLen);

/* Element and offset of byte @off; false past the data. */
static bool vmk_sg_find(const vmk_SgArray *sg, u64 off, u32 *elem,
			u32 *elem_off)
{
	u32 i;

	for (i = 0; i < sg->numElems; i++) {
		if (off < sg->elem[i].length) {
			*elem = i;
			*elem_off = off;
			return true;
		}
		off -= sg->elem[i].length;
	}
	return false;
}

VMK_ReturnStatus vmk_SgFindPosition(vmk_SgArray *sgArray,
				    vmk_ByteCount bufOffset,
				    vmk_SgPosition *position)
{
	u32 elem, off;

	vmk_sg_assert_context();
	if (!sgArray || !position || sgArray->numElems > sgArray->maxElems ||
	    !vmk_sg_find(sgArray, bufOffset, &elem, &off)) {
		vmk_core_bad_arg("array %p offset %llu position %p", sgArray,
				 bufOffset, position);
		return VMK_BAD_PARAM;
	}
	position->sg = sgArray;
	position->type = VMK_SG_POSITION_TYPE_ELEMENT;
	position->element.element = elem;
	position->element.offset = off;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgFindPosition);

/*
 * One side of a copy: a place in an array's memory, or (sg NULL) a
 * kernel buffer, which is contiguous as far as the copy goes.
 */
struct vmk_sg_cursor {
	const vmk_SgArray *sg;
	u32 elem;
	u32 off;
	u8 *buf;
};

/* A position as a cursor; false if it is malformed or past the data. */
static bool vmk_sg_cursor_set(struct vmk_sg_cursor *c,
			      const vmk_SgPosition *pos)
{
	const vmk_SgArray *sg = pos->sg;

	if (!sg || sg->numElems > sg->maxElems)
		return false;
	c->sg = sg;
	c->buf = NULL;
	switch (pos->type) {
	case VMK_SG_POSITION_TYPE_BUFFER_OFFSET:
		return vmk_sg_find(sg, pos->bufferOffset.offset, &c->elem,
				   &c->off);
	case VMK_SG_POSITION_TYPE_ELEMENT:
		c->elem = pos->element.element;
		c->off = pos->element.offset;
		return c->elem < sg->numElems &&
		       c->off < sg->elem[c->elem].length;
	default:
		return false;
	}
}

/*
 * Up to @max bytes at the cursor that one mapping reaches: for an array,
 * the rest of the element within the current page, mapped in *page (to
 * be unmapped by the caller); for a buffer, all of @max.  0 at the
 * array's end; -1 when the page is not RAM the kernel manages (or the
 * address wraps).
 */
static s64 vmk_sg_cursor_map(struct vmk_sg_cursor *c, u64 max, u8 **ptr,
			     struct page **page)
{
	const vmk_SgElem *e;
	struct page *pg;
	u64 n;
	vmk_MA ma;

	*page = NULL;
	if (!c->sg) {
		*ptr = c->buf;
		return max;
	}
	while (c->elem < c->sg->numElems &&
	       c->off >= c->sg->elem[c->elem].length) {
		c->elem++;
		c->off = 0;
	}
	if (c->elem >= c->sg->numElems)
		return 0;
	e = &c->sg->elem[c->elem];
	ma = e->addr + c->off;
	if (ma < e->addr)
		return -1;
	n = min_t(u64, e->length - c->off, PAGE_SIZE - offset_in_page(ma));
	n = min(n, max);
	/*
	 * Without locks (pfn_to_online_page and the reserved bit), so it is
	 * safe in interrupt context: pages the page allocator hands out are
	 * RAM; reserved ones may be holes or firmware's.  The zero page is
	 * reserved but RAM: the block layer writes it to zero a disk range.
	 */
	pg = pfn_to_online_page(PHYS_PFN(ma));
	if (!pg || (PageReserved(pg) && !is_zero_pfn(PHYS_PFN(ma))))
		return -1;
	*page = pg;
	*ptr = (u8 *)kmap_local_page(pg) + offset_in_page(ma);
	return n;
}

static void vmk_sg_cursor_advance(struct vmk_sg_cursor *c, u64 n)
{
	if (c->sg)
		c->off += n;
	else
		c->buf += n;
}

/*
 * Copy up to @bytes from @src to @dst, a mapped piece at a time.
 * *copied is what was copied.  VMK_FAILURE when either side ended or
 * reached memory that is not RAM before @bytes.
 */
static VMK_ReturnStatus vmk_sg_copy(struct vmk_sg_cursor *dst,
				    struct vmk_sg_cursor *src, u64 bytes,
				    u64 *copied, const char *api,
				    unsigned long caller)
{
	struct page *dpage, *spage;
	s64 dn, sn;
	u8 *d, *s;

	*copied = 0;
	while (*copied < bytes) {
		dn = vmk_sg_cursor_map(dst, bytes - *copied, &d, &dpage);
		if (dn <= 0)
			goto fail;
		sn = vmk_sg_cursor_map(src, dn, &s, &spage);
		if (sn <= 0) {
			if (dpage)
				kunmap_local(d);
			goto fail;
		}
		/* Within one array a piece may overlap itself. */
		memmove(d, s, sn);
		if (spage)
			kunmap_local(s);
		if (dpage)
			kunmap_local(d);
		vmk_sg_cursor_advance(dst, sn);
		vmk_sg_cursor_advance(src, sn);
		*copied += sn;
	}
	return VMK_OK;

fail:
	vmk_core_bad_arg_api(api, caller,
			     "copied %llu of %llu bytes: an array ended or names memory that is not RAM",
			     *copied, bytes);
	return VMK_FAILURE;
}

VMK_ReturnStatus vmk_SgCopyData(vmk_SgPosition *dest, vmk_SgPosition *source,
				vmk_ByteCount bytesToCopy,
				vmk_ByteCount *totalBytesCopied)
{
	struct vmk_sg_cursor dst, src;
	u64 copied = 0;
	VMK_ReturnStatus status;

	vmk_sg_assert_context();
	if (totalBytesCopied)
		*totalBytesCopied = 0;
	if (!dest || !source || !totalBytesCopied ||
	    !vmk_sg_cursor_set(&dst, dest) ||
	    !vmk_sg_cursor_set(&src, source)) {
		vmk_core_bad_arg("dest %p (type %d) source %p (type %d) copied %p",
				 dest, dest ? dest->type : -1, source,
				 source ? source->type : -1, totalBytesCopied);
		return VMK_BAD_PARAM;
	}
	status = vmk_sg_copy(&dst, &src, bytesToCopy, &copied, __func__,
			     _RET_IP_);
	*totalBytesCopied = copied;
	return status;
}
VMKAPI_EXPORT(vmk_SgCopyData);

/* CopyTo and CopyFrom: between an array's start and a kernel buffer. */
static VMK_ReturnStatus vmk_sg_copy_buf(vmk_SgArray *sg, void *buf, u64 len,
					bool to_sg, const char *api,
					unsigned long caller)
{
	struct vmk_sg_cursor c_sg = { .sg = sg }, c_buf = { .buf = buf };
	u64 copied;

	if (!sg || !buf || sg->numElems > sg->maxElems) {
		vmk_core_bad_arg_api(api, caller, "array %p buffer %p", sg, buf);
		return VMK_BAD_PARAM;
	}
	if (to_sg)
		return vmk_sg_copy(&c_sg, &c_buf, len, &copied, api, caller);
	return vmk_sg_copy(&c_buf, &c_sg, len, &copied, api, caller);
}

VMK_ReturnStatus vmk_SgCopyTo(vmk_SgArray *sgArray, void *dataBuffer,
			      vmk_ByteCount dataLen)
{
	vmk_sg_assert_context();
	return vmk_sg_copy_buf(sgArray, dataBuffer, dataLen, true, __func__,
			       _RET_IP_);
}
VMKAPI_EXPORT(vmk_SgCopyTo);

VMK_ReturnStatus vmk_SgCopyFrom(void *dataBuffer, vmk_SgArray *sgArray,
				vmk_ByteCount dataLen)
{
	vmk_sg_assert_context();
	return vmk_sg_copy_buf(sgArray, dataBuffer, dataLen, false, __func__,
			       _RET_IP_);
}
VMKAPI_EXPORT(vmk_SgCopyFrom);

/*
 * Component arrays: the same handle machinery, other element type.  Each
 * component's sg array is the caller's; a component array only points
 * at them.
 */
static VMK_ReturnStatus vmk_sg_comp_get(vmk_SgComponentOpsHandle handle,
					const char *api, unsigned long caller)
{
	return vmk_core_handle_check(handle, VMK_CORE_HANDLE_SGCOMPOPS,
				     vmk_sg_kind_name(VMK_CORE_HANDLE_SGCOMPOPS),
				     api, caller);
}

VMK_ReturnStatus vmk_SgComponentCreateOpsHandle(vmk_HeapID heapId,
						vmk_SgComponentOpsHandle *handle,
						vmk_SgComponentArrayOps *ops,
						void *private)
{
	struct vmk_SgComponentOpsHandleInt *h;
	struct vmk_sg_handle *base;
	VMK_ReturnStatus status;

	vmk_core_assert_may_deschedule();
	if (!handle || (ops && (!ops->alloc || !ops->free))) {
		vmk_core_bad_arg("handle %p; ops %p need both alloc and free",
				 handle, ops);
		return VMK_BAD_PARAM;
	}
	status = vmk_sg_handle_create(heapId, sizeof(*h),
				      VMK_CORE_HANDLE_SGCOMPOPS, ops != NULL,
				      private, &base, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	h = container_of(base, struct vmk_SgComponentOpsHandleInt, base);
	if (ops)
		h->ops = *ops;
	if (!vmk_sg_handle_publish(base))
		return VMK_NO_MEMORY;
	*handle = h;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgComponentCreateOpsHandle);

VMK_ReturnStatus vmk_SgComponentDestroyOpsHandle(vmk_SgComponentOpsHandle handle)
{
	vmk_core_assert_may_deschedule();
	return vmk_sg_handle_destroy(handle ? &handle->base : NULL,
				     VMK_CORE_HANDLE_SGCOMPOPS, __func__,
				     _RET_IP_);
}
VMKAPI_EXPORT(vmk_SgComponentDestroyOpsHandle);

VMK_ReturnStatus vmk_SgComponentAlloc(vmk_SgComponentOpsHandle handle,
				      vmk_SgComponentArray **sgComponent,
				      vmk_uint32 maxLength)
{
	vmk_SgComponentArray *arr = NULL;
	VMK_ReturnStatus status;
	u64 size;

	vmk_sg_assert_context();
	status = vmk_sg_comp_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	/* The count fields are signed 32-bit. */
	if (!sgComponent || !maxLength || maxLength > S32_MAX) {
		vmk_core_bad_arg("array %p maxLength %u", sgComponent,
				 maxLength);
		return VMK_BAD_PARAM;
	}
	atomic_inc(&handle->base.live);
	if (handle->ops.alloc) {
		status = handle->ops.alloc(handle, &arr, maxLength,
					   handle->base.private);
		if (status == VMK_OK &&
		    (!arr || (u32)arr->maxComponents < maxLength)) {
			vmk_core_bad_arg("alloc callback %ps returned %p for %u components",
					 handle->ops.alloc, arr, maxLength);
			if (arr)
				handle->ops.free(handle, arr,
						 handle->base.private);
			status = VMK_FAILURE;
		}
		if (status != VMK_OK) {
			atomic_dec(&handle->base.live);
			return status;
		}
		arr->numComponents = 0;
		*sgComponent = arr;
		return VMK_OK;
	}
	size = sizeof(*arr) + (u64)maxLength * sizeof(arr->sgComponent[0]);
	if (size <= U32_MAX)
		arr = vmk_HeapAllocWithRA(handle->base.heap, size,
					  (void *)_RET_IP_);
	if (!arr) {
		atomic_dec(&handle->base.live);
		return VMK_NO_MEMORY;
	}
	memset(arr, 0, size);
	arr->maxComponents = maxLength;
	*sgComponent = arr;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgComponentAlloc);

VMK_ReturnStatus vmk_SgComponentFree(vmk_SgComponentOpsHandle handle,
				     vmk_SgComponentArray *sgComponentArray)
{
	VMK_ReturnStatus status;

	vmk_sg_assert_context();
	status = vmk_sg_comp_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!sgComponentArray) {
		vmk_core_bad_arg("NULL component array");
		return VMK_BAD_PARAM;
	}
	if (!vmk_sg_handle_put(&handle->base, sgComponentArray, __func__,
			       _RET_IP_))
		return VMK_BAD_PARAM;
	if (handle->ops.free)
		return handle->ops.free(handle, sgComponentArray,
					handle->base.private);
	vmk_HeapFree(handle->base.heap, sgComponentArray);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SgComponentFree);

vmk_ByteCount vmk_SgComponentGetDataLen(vmk_SgComponentArray *sgComponentArray)
{
	const vmk_SgComponentArray *a = sgComponentArray;
	u64 total = 0;
	s32 i;

	vmk_sg_assert_context();
	if (!a || a->numComponents < 0 || a->numComponents > a->maxComponents) {
		vmk_core_bad_arg("component array %p (%d of %d)", a,
				 a ? a->numComponents : 0,
				 a ? a->maxComponents : 0);
		return 0;
	}
	for (i = 0; i < a->numComponents; i++)
		total += a->sgComponent[i].ioLength;
	return total;
}
VMKAPI_EXPORT(vmk_SgComponentGetDataLen);
