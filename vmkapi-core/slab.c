// SPDX-License-Identifier: GPL-2.0
/*
 * Slabs: object caches whose free objects stay constructed.
 *
 * Linux's kmem_cache constructors cannot fail and take no argument, and
 * Linux frees objects back to the page allocator on its own schedule, so
 * the VMK semantics are kept here: the memory of each object comes from a
 * private kmem_cache (no constructor), the VMK constructor runs once when
 * an object is first built, and freed objects wait on the slab's own free
 * list, constructed, until the next allocation or the slab's destruction
 * (where the destructor runs).  maxObj caps the objects that exist.
 *
 * While an object is free, a small control structure (the free-list link
 * and a marker that catches double frees) lives after the object or, for
 * CUSTOM slabs that ask for it, inside it at ctrlOffset.
 */
#include "vmkapi_core.h"

#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define VMK_SLAB_FREE_MARK	0x46726565	/* "Free" */
/* Objects up to this size; larger ones belong in a heap. */
#define VMK_SLAB_MAX_OBJECT	(1U << 20)

/* Kept inside a free object; possibly unaligned (ctrlOffset). */
struct vmk_slab_ctrl {
	void *next;
	u32 mark;
	u32 reserved;
} __packed;

struct vmk_SlabIDInt {
	struct vmk_core_handle handle;
	struct vmk_core_resource resource;
	struct list_head all_link;	/* vmk_slab_list */
	struct rcu_head rcu;

	vmk_Name name;
	vmk_ModuleID module;
	vmk_SlabItemConstructor constructor;
	vmk_SlabItemDestructor destructor;
	vmk_AddrCookie arg;
	u32 obj_size;		/* as asked */
	u32 alignment;		/* as asked */
	u32 buf_size;		/* what the constructor is told */
	u32 ctrl_offset;	/* where the control structure lives */
	u32 ctrl_offset_asked;
	u32 min_obj;
	u32 max_obj;
	vmk_MemPhysContiguity contiguity;
	vmk_MemPhysAddrConstraint range;
	struct kmem_cache *cache;
	u32 footprint;		/* bytes per object in the kernel cache */
	/* A MEMPOOL slab's pool, charged page by page as objects are built. */
	vmk_MemPool pool;

	spinlock_t lock;	/* everything below */
	bool dead;
	void *free;		/* free, constructed objects */
	u32 objects;		/* constructed objects, free or not */
	u32 in_use;
	u64 allocs;
	u64 frees;
	u64 failures;
	u64 ctor_failures;
	u64 pool_pages;		/* charged to the pool so far */
};

static LIST_HEAD(vmk_slab_list);
static DEFINE_MUTEX(vmk_slab_mutex);
static atomic_t vmk_slab_serial = ATOMIC_INIT(0);

static struct vmk_slab_ctrl *vmk_slab_ctrl(const struct vmk_SlabIDInt *slab,
					   void *obj)
{
	return obj + slab->ctrl_offset;
}

/* Caller is in an RCU read section (rcu_read_lock_sched()). */
static struct vmk_SlabIDInt *vmk_slab_lookup(vmk_SlabID id)
{
	struct vmk_core_handle *handle;

	handle = vmk_core_handle_find(id, VMK_CORE_HANDLE_SLAB);
	return handle ? container_of(handle, struct vmk_SlabIDInt, handle) :
			NULL;
}

/* The memory the kernel cache hands out per object. */
static u32 vmk_slab_footprint(u32 obj_size, u32 alignment, bool ctrl_inside)
{
	u32 size = ctrl_inside ? obj_size :
		   ALIGN(obj_size, sizeof(void *)) + sizeof(struct vmk_slab_ctrl);

	return ALIGN(size, max_t(u32, alignment, sizeof(void *)));
}

static bool vmk_slab_ctrl_inside(const vmk_SlabCreateProps *props)
{
	return props->type == VMK_SLAB_TYPE_CUSTOM &&
	       (u64)props->ctrlOffset + sizeof(struct vmk_slab_ctrl) <=
	       props->objSize;
}

static bool vmk_slab_props_ok(const vmk_SlabCreateProps *props)
{
	u32 align = props->alignment;

	if (!props->objSize ||
	    props->objSize > vmk_SlabGetMaxObjectSize(align) ||
	    (align && (!is_power_of_2(align) || align > PAGE_SIZE)) ||
	    props->minObj > props->maxObj)
		return false;
	switch (props->type) {
	case VMK_SLAB_TYPE_SIMPLE:
		return true;
	case VMK_SLAB_TYPE_CUSTOM:
		return props->typeSpecific.custom.physContiguity <=
		       VMK_MEM_PHYS_DISCONTIGUOUS &&
		       props->typeSpecific.custom.physRange <=
		       VMK_PHYS_ADDR_BELOW_512GB;
	case VMK_SLAB_TYPE_MEMPOOL:
		return props->typeSpecific.memPool.physContiguity <=
		       VMK_MEM_PHYS_DISCONTIGUOUS &&
		       props->typeSpecific.memPool.physRange <=
		       VMK_PHYS_ADDR_BELOW_512GB;
	default:
		return false;
	}
}

/*
 * Build one new object: memory from the kernel cache (waiting up to the
 * deadline if @may_block), the physical range checked, the constructor
 * run.  Returns NULL with *status set on failure.
 */
static void *vmk_slab_construct(struct vmk_SlabIDInt *slab, bool may_block,
				unsigned long deadline,
				VMK_ReturnStatus *status)
{
	phys_addr_t limit = vmk_core_phys_limit(slab->range);
	gfp_t gfp = (may_block ? GFP_KERNEL : GFP_NOWAIT) | __GFP_NOWARN;
	void *obj;

	for (;;) {
		obj = kmem_cache_alloc(slab->cache, gfp);
		if (obj || !may_block || time_after(jiffies, deadline) ||
		    vmk_core_death_pending())
			break;
		usleep_range(1000, 2000);
	}
	if (obj && limit && virt_to_phys(obj) + slab->buf_size > limit) {
		kmem_cache_free(slab->cache, obj);
		obj = NULL;
	}
	if (!obj) {
		*status = may_block && time_after(jiffies, deadline) ?
			  VMK_TIMEOUT : VMK_NO_MEMORY;
		return NULL;
	}
	/* Fresh memory may hold an old free mark: clear it first. */
	vmk_slab_ctrl(slab, obj)->mark = 0;
	if (slab->constructor) {
		*status = slab->constructor(obj, slab->buf_size, slab->arg, 0);
		if (*status != VMK_OK) {
			kmem_cache_free(slab->cache, obj);
			return NULL;
		}
	}
	*status = VMK_OK;
	return obj;
}

/* Give a MEMPOOL slab's pages back, one per charge taken. */
static void vmk_slab_uncharge(struct vmk_SlabIDInt *slab)
{
	for (; slab->pool_pages; slab->pool_pages--)
		vmk_core_mempool_uncharge(slab->pool, 1);
}

static void vmk_slab_unconstruct(struct vmk_SlabIDInt *slab, void *obj)
{
	if (slab->destructor)
		slab->destructor(obj, slab->buf_size, slab->arg);
	kmem_cache_free(slab->cache, obj);
}

/* Caller holds slab->lock. */
static void vmk_slab_push_free(struct vmk_SlabIDInt *slab, void *obj)
{
	struct vmk_slab_ctrl *ctrl = vmk_slab_ctrl(slab, obj);

	ctrl->next = slab->free;
	ctrl->mark = VMK_SLAB_FREE_MARK;
	slab->free = obj;
}

/* Caller holds slab->lock. */
static void *vmk_slab_pop_free(struct vmk_SlabIDInt *slab)
{
	void *obj = slab->free;
	struct vmk_slab_ctrl *ctrl;

	if (obj) {
		ctrl = vmk_slab_ctrl(slab, obj);
		slab->free = ctrl->next;
		ctrl->mark = 0;
	}
	return obj;
}

/*
 * Make room for one more object: within maxObj and, for a MEMPOOL slab,
 * with the pages it spans charged to the pool.  Caller holds slab->lock.
 */
static bool vmk_slab_reserve(struct vmk_SlabIDInt *slab)
{
	u64 need;

	if (slab->dead || slab->objects >= slab->max_obj)
		return false;
	if (slab->pool) {
		/*
		 * One page per charge, so that teardown can return them one
		 * per uncharge: each charge also holds the pool once.
		 */
		need = DIV_ROUND_UP((u64)(slab->objects + 1) * slab->footprint,
				    PAGE_SIZE);
		while (slab->pool_pages < need) {
			if (vmk_core_mempool_charge(slab->pool, 1) != VMK_OK)
				return false;
			slab->pool_pages++;
		}
	}
	slab->objects++;
	return true;
}

static void *vmk_slab_alloc(vmk_SlabID id, u32 timeout_ms, unsigned long ra)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(timeout_ms);
	struct vmk_SlabIDInt *slab;
	VMK_ReturnStatus status;
	unsigned long flags;
	bool reserved = false, full = false;
	void *obj = NULL;

	if (timeout_ms)
		vmk_core_assert_may_block();
	rcu_read_lock_sched();
	slab = vmk_slab_lookup(id);
	if (slab) {
		spin_lock_irqsave(&slab->lock, flags);
		obj = vmk_slab_pop_free(slab);
		if (obj) {
			slab->in_use++;
			slab->allocs++;
		} else if (vmk_slab_reserve(slab)) {
			/* Room for one more: build it unlocked. */
			slab->in_use++;
			reserved = true;
		} else {
			slab->failures++;
			full = true;
		}
		spin_unlock_irqrestore(&slab->lock, flags);
		if (full)
			vmk_core_alloc_failed(VMK_CORE_ALLOC_SLAB, slab->module,
					      slab->name.string, slab->obj_size,
					      VMK_NO_MEMORY, (void *)ra);
	}
	rcu_read_unlock_sched();
	if (!slab) {
		vmk_core_bad_arg_from(ra, "unknown slab %p", id);
		return NULL;
	}
	if (!reserved)
		return obj;

	/* The reservation keeps the slab alive (destroy refuses in_use). */
	obj = vmk_slab_construct(slab, timeout_ms != 0, deadline, &status);
	spin_lock_irqsave(&slab->lock, flags);
	if (obj) {
		slab->allocs++;
	} else {
		slab->objects--;
		slab->in_use--;
		slab->failures++;
		if (status != VMK_NO_MEMORY && status != VMK_TIMEOUT)
			slab->ctor_failures++;
	}
	spin_unlock_irqrestore(&slab->lock, flags);
	if (!obj)
		vmk_core_alloc_failed(VMK_CORE_ALLOC_SLAB, slab->module,
				      slab->name.string, slab->obj_size, status,
				      (void *)ra);
	return obj;
}

void *vmk_SlabAlloc(vmk_SlabID cache)
{
	return vmk_slab_alloc(cache, 0, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SlabAlloc);

void *vmk_SlabAllocWithTimeout(vmk_SlabID cache, vmk_uint32 timeoutMS)
{
	return vmk_slab_alloc(cache, timeoutMS, _RET_IP_);
}
VMKAPI_EXPORT(vmk_SlabAllocWithTimeout);

void vmk_SlabFree(vmk_SlabID cache, void *object)
{
	struct vmk_SlabIDInt *slab;
	unsigned long flags;
	bool twice = false;

	if (!object) {
		vmk_core_bad_arg("NULL object for slab %p", cache);
		return;
	}
	rcu_read_lock_sched();
	slab = vmk_slab_lookup(cache);
	if (slab) {
		spin_lock_irqsave(&slab->lock, flags);
		if (vmk_slab_ctrl(slab, object)->mark == VMK_SLAB_FREE_MARK ||
		    !slab->in_use) {
			twice = true;
		} else {
			vmk_slab_push_free(slab, object);
			slab->in_use--;
			slab->frees++;
		}
		spin_unlock_irqrestore(&slab->lock, flags);
	}
	rcu_read_unlock_sched();
	if (!slab)
		vmk_core_bad_arg("unknown slab %p", cache);
	else if (twice)
		vmk_core_bad_arg("slab %s: %p is already free",
				 vmk_NameToString(&slab->name), object);
}
VMKAPI_EXPORT(vmk_SlabFree);

static void vmk_slab_describe(struct vmk_core_resource *res, char *buf,
			      size_t len)
{
	struct vmk_SlabIDInt *slab = container_of(res, struct vmk_SlabIDInt,
						  resource);

	snprintf(buf, len, "%s: %u object(s), %u allocated",
		 vmk_NameToString(&slab->name), slab->objects, slab->in_use);
}

/*
 * Unpublish a dead slab, destruct its free objects and free it.  The
 * kernel cache goes too unless objects are still out (only possible
 * when reclaiming after the owner unloaded): destroying a kmem_cache
 * with live objects is a kernel error, so that cache is left behind.
 * Caller holds vmk_slab_mutex; @free_list was detached under the lock.
 */
static void vmk_slab_teardown(struct vmk_SlabIDInt *slab, void *free_list,
			      u32 in_use)
{
	void *obj, *next;

	vmk_core_handle_del(&slab->handle);
	vmk_core_resource_del(&slab->resource);
	list_del(&slab->all_link);
	for (obj = free_list; obj; obj = next) {
		next = vmk_slab_ctrl(slab, obj)->next;
		vmk_slab_unconstruct(slab, obj);
	}
	vmk_slab_uncharge(slab);
	if (!in_use)
		kmem_cache_destroy(slab->cache);
	else
		pr_warn("slab %s: %u object(s) never freed; their memory is leaked\n",
			vmk_NameToString(&slab->name), in_use);
	kfree_rcu(slab, rcu);
}

static void vmk_slab_reclaim(struct vmk_core_resource *res)
{
	struct vmk_SlabIDInt *slab = container_of(res, struct vmk_SlabIDInt,
						  resource);
	unsigned long flags;
	void *free_list;
	u32 in_use;

	mutex_lock(&vmk_slab_mutex);
	spin_lock_irqsave(&slab->lock, flags);
	slab->dead = true;
	free_list = slab->free;
	slab->free = NULL;
	in_use = slab->in_use;
	spin_unlock_irqrestore(&slab->lock, flags);
	vmk_slab_teardown(slab, free_list, in_use);
	mutex_unlock(&vmk_slab_mutex);
}

static const struct vmk_core_resource_type vmk_slab_resource = {
	.kind = "slab",
	.describe = vmk_slab_describe,
	.reclaim = vmk_slab_reclaim,
};

/* Construct the minObj objects a slab promises from the start. */
static VMK_ReturnStatus vmk_slab_prefill(struct vmk_SlabIDInt *slab,
					 u32 timeout_ms)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(timeout_ms);
	VMK_ReturnStatus status;
	void *obj;
	u32 i;

	for (i = 0; i < slab->min_obj; i++) {
		spin_lock_irq(&slab->lock);
		if (!vmk_slab_reserve(slab)) {
			spin_unlock_irq(&slab->lock);
			return VMK_NO_RESOURCES;
		}
		spin_unlock_irq(&slab->lock);
		obj = vmk_slab_construct(slab, timeout_ms != 0, deadline,
					 &status);
		spin_lock_irq(&slab->lock);
		if (obj)
			vmk_slab_push_free(slab, obj);
		else
			slab->objects--;
		spin_unlock_irq(&slab->lock);
		if (!obj)
			return status;
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_SlabCreate(vmk_SlabCreateProps *props, vmk_SlabID *cache)
{
	char cache_name[VMK_MISC_NAME_MAX + 16];
	struct vmk_SlabIDInt *slab;
	VMK_ReturnStatus status;
	slab_flags_t flags = 0;
	bool inside;
	void *obj, *next;

	vmk_core_assert_may_block();
	if (!props || !cache) {
		vmk_core_bad_arg("props %p cache %p", props, cache);
		return VMK_BAD_PARAM;
	}
	*cache = VMK_INVALID_SLAB_ID;
	if (!vmk_slab_props_ok(props)) {
		vmk_core_bad_arg("slab %s: type %d size %u alignment %u objects %u..%u",
				 vmk_NameToString(&props->name), props->type,
				 props->objSize, props->alignment,
				 props->minObj, props->maxObj);
		return VMK_BAD_PARAM;
	}

	slab = kzalloc(sizeof(*slab), GFP_KERNEL);
	if (!slab)
		return VMK_NO_MEMORY;
	inside = vmk_slab_ctrl_inside(props);
	vmk_NameCopy(&slab->name, &props->name);
	slab->module = props->module;
	slab->constructor = props->constructor;
	slab->destructor = props->destructor;
	slab->arg = props->constructorArg;
	slab->obj_size = props->objSize;
	slab->alignment = props->alignment;
	slab->ctrl_offset_asked = props->ctrlOffset;
	slab->ctrl_offset = inside ? props->ctrlOffset :
			    ALIGN(props->objSize, sizeof(void *));
	slab->buf_size = inside ? props->objSize : slab->ctrl_offset;
	slab->min_obj = props->minObj;
	slab->max_obj = props->maxObj;
	if (props->type == VMK_SLAB_TYPE_CUSTOM) {
		slab->contiguity = props->typeSpecific.custom.physContiguity;
		slab->range = props->typeSpecific.custom.physRange;
	} else if (props->type == VMK_SLAB_TYPE_MEMPOOL) {
		slab->contiguity = props->typeSpecific.memPool.physContiguity;
		slab->range = props->typeSpecific.memPool.physRange;
		slab->pool = props->typeSpecific.memPool.memPool;
	}
	slab->footprint = vmk_slab_footprint(props->objSize, props->alignment,
					     inside);
	spin_lock_init(&slab->lock);

	/* Unique names: SLUB publishes caches in sysfs by name. */
	snprintf(cache_name, sizeof(cache_name), "vmk_%s_%d",
		 vmk_NameToString(&props->name),
		 atomic_inc_return(&vmk_slab_serial));
	if (slab->range == VMK_PHYS_ADDR_BELOW_2GB ||
	    slab->range == VMK_PHYS_ADDR_BELOW_4GB)
		flags |= SLAB_CACHE_DMA32;
	slab->cache = kmem_cache_create(cache_name, slab->footprint,
					max_t(u32, props->alignment,
					      sizeof(void *)),
					flags, NULL);
	if (!slab->cache) {
		kfree(slab);
		return VMK_NO_MEMORY;
	}

	status = vmk_slab_prefill(slab, props->creationTimeoutMS);
	if (status == VMK_OK)
		status = vmk_core_resource_add(&slab->resource,
					       &vmk_slab_resource,
					       props->module);
	if (status != VMK_OK) {
		for (obj = slab->free; obj; obj = next) {
			next = vmk_slab_ctrl(slab, obj)->next;
			vmk_slab_unconstruct(slab, obj);
		}
		vmk_slab_uncharge(slab);
		kmem_cache_destroy(slab->cache);
		kfree(slab);
		vmk_core_bad_arg("slab %s: %s", vmk_NameToString(&props->name),
				 vmk_StatusToString(status));
		return status;
	}
	mutex_lock(&vmk_slab_mutex);
	list_add_tail(&slab->all_link, &vmk_slab_list);
	vmk_core_handle_add(&slab->handle, slab, VMK_CORE_HANDLE_SLAB);
	mutex_unlock(&vmk_slab_mutex);
	*cache = slab;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SlabCreate);

VMK_ReturnStatus vmk_SlabDestroy(vmk_SlabID cache)
{
	VMK_ReturnStatus status = VMK_NOT_FOUND;
	struct vmk_SlabIDInt *slab;
	void *free_list = NULL;
	u32 in_use = 0;

	vmk_core_assert_may_block();
	mutex_lock(&vmk_slab_mutex);
	rcu_read_lock_sched();
	slab = vmk_slab_lookup(cache);
	rcu_read_unlock_sched();
	if (slab) {
		spin_lock_irq(&slab->lock);
		in_use = slab->in_use;
		if (in_use) {
			status = VMK_BUSY;
		} else {
			slab->dead = true;
			free_list = slab->free;
			slab->free = NULL;
			status = VMK_OK;
		}
		spin_unlock_irq(&slab->lock);
	}
	if (status == VMK_OK)
		vmk_slab_teardown(slab, free_list, 0);
	mutex_unlock(&vmk_slab_mutex);

	if (status == VMK_NOT_FOUND)
		vmk_core_bad_arg("unknown or already destroyed slab %p", cache);
	else if (status == VMK_BUSY)
		vmk_core_bad_arg("slab %p: %u object(s) still allocated",
				 cache, in_use);
	return status;
}
VMKAPI_EXPORT(vmk_SlabDestroy);

vmk_ByteCountSmall vmk_SlabControlSize(void)
{
	return sizeof(struct vmk_slab_ctrl);
}
VMKAPI_EXPORT(vmk_SlabControlSize);

vmk_ByteCountSmall vmk_SlabGetMaxObjectSize(vmk_ByteCountSmall alignment)
{
	u32 pad = alignment > sizeof(void *) ? alignment : sizeof(void *);

	return VMK_SLAB_MAX_OBJECT - sizeof(struct vmk_slab_ctrl) - pad;
}
VMKAPI_EXPORT(vmk_SlabGetMaxObjectSize);

VMK_ReturnStatus vmk_SlabGetMemSize(vmk_SlabCreateProps *props,
				    vmk_SlabMemSize *size)
{
	u64 each;

	if (!props || !size || !vmk_slab_props_ok(props) ||
	    props->maxObj == VMK_SLAB_MAX_UNLIMITED) {
		vmk_core_bad_arg("props %p size %p", props, size);
		return VMK_BAD_PARAM;
	}
	each = vmk_slab_footprint(props->objSize, props->alignment,
				  vmk_slab_ctrl_inside(props));
	size->minPages = DIV_ROUND_UP(each * props->minObj, PAGE_SIZE);
	size->maxPages = DIV_ROUND_UP(each * props->maxObj, PAGE_SIZE);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SlabGetMemSize);

VMK_ReturnStatus vmk_SlabGetProperties(vmk_SlabID id, vmk_SlabGetProps *props)
{
	struct vmk_SlabIDInt *slab;

	if (!props) {
		vmk_core_bad_arg("slab %p: NULL props", id);
		return VMK_BAD_PARAM;
	}
	rcu_read_lock_sched();
	slab = vmk_slab_lookup(id);
	if (slab) {
		memset(props, 0, sizeof(*props));
		vmk_NameCopy(&props->name, &slab->name);
		props->module = slab->module;
		props->objSize = slab->obj_size;
		props->alignment = slab->alignment;
		props->constructor = slab->constructor;
		props->destructor = slab->destructor;
		props->constructorArg = slab->arg;
		props->ctrlOffset = slab->ctrl_offset_asked;
		props->minObj = slab->min_obj;
		props->maxObj = slab->max_obj;
		props->physContiguity = slab->contiguity;
		props->physRange = slab->range;
		props->memPool = slab->pool;
	}
	rcu_read_unlock_sched();
	if (!slab) {
		vmk_core_bad_arg("unknown slab %p", id);
		return VMK_NOT_FOUND;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SlabGetProperties);

int vmk_core_slab_stats(vmk_SlabID id, struct vmk_core_slab_stats *stats)
{
	struct vmk_SlabIDInt *slab;
	unsigned long flags;

	rcu_read_lock_sched();
	slab = vmk_slab_lookup(id);
	if (slab) {
		spin_lock_irqsave(&slab->lock, flags);
		stats->objects = slab->objects;
		stats->in_use = slab->in_use;
		stats->allocs = slab->allocs;
		stats->frees = slab->frees;
		stats->failures = slab->failures;
		stats->ctor_failures = slab->ctor_failures;
		spin_unlock_irqrestore(&slab->lock, flags);
	}
	rcu_read_unlock_sched();
	return slab ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_slab_stats, VMKAPI_INTERNAL);

void vmk_core_slab_show(struct seq_file *m)
{
	char owner[VMK_MODULE_NAME_MAX];
	struct vmk_SlabIDInt *slab;

	seq_printf(m, "%-16s %-32s %8s %8s %8s %8s %10s %8s\n",
		   "module", "slab", "objsize", "objects", "in-use", "max",
		   "allocs", "failures");
	mutex_lock(&vmk_slab_mutex);
	list_for_each_entry(slab, &vmk_slab_list, all_link) {
		if (vmk_core_module_name(slab->module, owner, sizeof(owner)))
			strscpy(owner, "?", sizeof(owner));
		spin_lock_irq(&slab->lock);
		seq_printf(m, "%-16s %-32s %8u %8u %8u %8d %10llu %8llu\n",
			   owner, vmk_NameToString(&slab->name),
			   slab->obj_size, slab->objects, slab->in_use,
			   slab->max_obj == VMK_SLAB_MAX_UNLIMITED ? -1 :
			   (int)slab->max_obj, slab->allocs, slab->failures);
		spin_unlock_irq(&slab->lock);
	}
	mutex_unlock(&vmk_slab_mutex);
}
