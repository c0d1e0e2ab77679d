// SPDX-License-Identifier: GPL-2.0
/*
 * DMA engines and constraints on the Linux streaming DMA API.
 *
 * An engine is a set of constraints on one Linux struct device (the one
 * the device manager gives for the engine's vmk_Device).  Linux keeps one
 * DMA mask, one maximum segment size and one segment boundary per device,
 * but a native device may have several engines with different
 * constraints, so the Linux device is set to the widest any of its
 * engines needs (enough for dma_map_*() to accept whatever an engine
 * allows) and every mapping is checked here against its own engine.  The
 * values the device had before its first engine come back when its last
 * engine goes.
 *
 * Each input element is mapped on its own with dma_map_page() (RAM) or
 * dma_map_resource() (anything else, such as a peer's BAR), so output
 * element i is input element i: nothing is split or merged, and a
 * constraint is either met by the caller's array or reported.  Sizes are
 * checked before anything is mapped; addresses are checked on the I/O
 * addresses after mapping (an IOMMU may move them) and, when the device
 * maps one to one, also on the machine addresses beforehand, so that
 * Linux is never asked for a mapping beyond the device's mask (which it
 * would bounce through swiotlb or warn about).  Any failure unmaps what
 * the call mapped.
 *
 * Every mapping is recorded on its engine (a hash keyed by the output
 * array, or by the I/O address of a single element), which is how
 * unmap and flush find what Linux mapped, how destroy with live mappings
 * is refused, and how an engine left behind by an unloading module gets
 * its mappings unmapped.  Records are allocated with GFP_ATOMIC: mapping
 * does not block.
 *
 * Locking: vmk_dma_lock (global) covers the lists of engines, DMA devices
 * and Linux device states; each engine's lock covers its records, its
 * mapping count and its dead flag.  A call takes a reference on its
 * engine, found under RCU (the memory is freed a grace period after the
 * last reference); destroy is refused while any mapping is live or being
 * made, so the Linux device stays the engine's while a call maps,
 * unmaps or flushes.
 */
#include "vmkapi_core.h"

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/hashtable.h>
#include <linux/iommu.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/refcount.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define VMK_DMA_ENGINE_FLAGS_ALL					\
	(VMK_DMA_ENGINE_FLAGS_COHERENT |				\
	 VMK_DMA_ENGINE_FLAGS_REQUEST_IOMMU_MAPPER)

/* The state of one Linux device that has engines. */
struct vmk_dma_linux {
	struct list_head link;
	struct device *dev;
	unsigned int engines;
	/* What the device had before its first engine. */
	u64 saved_mask;
	u64 saved_coherent_mask;
	unsigned int saved_seg_size;
	unsigned long saved_boundary;
	/* The widest any engine on it needed so far. */
	u64 mask;
	unsigned int seg_size;
	unsigned long boundary;
};

/* Constraints of a bridge: they apply to engines at or below it. */
struct vmk_DMADeviceInt {
	struct list_head link;
	struct vmk_core_resource res;
	vmk_Name name;
	vmk_ModuleID module;
	vmk_Device device;
	struct device *dev;
	vmk_DMAConstraints con;
};

/* What Linux mapped for one input element. */
struct vmk_dma_ent {
	dma_addr_t addr;
	u32 len;
	bool resource;
};

/* One live mapping: an SG array (key: the output array) or an element. */
struct vmk_dma_map {
	struct hlist_node node;
	u64 key;
	bool sg;
	vmk_DMADirection dir;
	u32 n;
	struct vmk_dma_ent ent[];
};

#define VMK_DMA_MAP_BITS	6

struct vmk_DMAEngineInt {
	struct list_head link;
	struct vmk_core_resource res;
	struct rcu_head rcu;
	vmk_Name name;
	vmk_ModuleID module;
	u32 flags;
	vmk_Device device;
	struct device *dev;
	struct vmk_dma_linux *lin;
	/* The engine's own constraints combined with its bridges'. */
	vmk_DMAConstraints con;
	vmk_MemPhysAddrConstraint alloc_con;
	/* I/O address == machine address (no translating IOMMU). */
	bool identity;

	/* Creation's reference, plus one per call using the engine. */
	refcount_t refs;
	spinlock_t lock;
	bool dead;
	/* Records in maps, plus mappings being made right now. */
	unsigned int nmaps;
	DECLARE_HASHTABLE(maps, VMK_DMA_MAP_BITS);
};

static DEFINE_SPINLOCK(vmk_dma_lock);
static LIST_HEAD(vmk_dma_engines);
static LIST_HEAD(vmk_dma_devices);
static LIST_HEAD(vmk_dma_linuxes);

/* Mapping, unmapping and flushing: anywhere but hard IRQ and NMI. */
#define vmk_dma_assert_nonblocking()	vmk_core_assert_may_deschedule()

/* ---- constraints ------------------------------------------------------ */

static bool vmk_dma_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

/* The rules of the 2.3 header; false (and one line logged) otherwise. */
static bool vmk_dma_constraints_ok(const vmk_DMAConstraints *c,
				   const char *api, unsigned long caller)
{
	if (!c->addressMask || (c->addressMask & (c->addressMask + 1))) {
		vmk_core_bad_arg_api(api, caller,
				     "address mask %#llx is zero or has holes",
				     c->addressMask);
		return false;
	}
	if (c->sgElemMaxSize && c->sgElemMaxSize < PAGE_SIZE) {
		vmk_core_bad_arg_api(api, caller,
				     "sgElemMaxSize %u is below a page",
				     c->sgElemMaxSize);
		return false;
	}
	if (c->sgElemSizeMult && (!vmk_dma_pow2(c->sgElemSizeMult) ||
				  c->sgElemSizeMult >= PAGE_SIZE)) {
		vmk_core_bad_arg_api(api, caller,
				     "sgElemSizeMult %u is not a power of 2 below a page",
				     c->sgElemSizeMult);
		return false;
	}
	if (c->sgElemAlignment && (!vmk_dma_pow2(c->sgElemAlignment) ||
				   c->sgElemAlignment > PAGE_SIZE)) {
		vmk_core_bad_arg_api(api, caller,
				     "sgElemAlignment %u is not a power of 2 up to a page",
				     c->sgElemAlignment);
		return false;
	}
	if (c->sgElemStraddle && (!vmk_dma_pow2(c->sgElemStraddle) ||
				  c->sgElemStraddle < PAGE_SIZE)) {
		vmk_core_bad_arg_api(api, caller,
				     "sgElemStraddle %#llx is not a power of 2 of at least a page",
				     c->sgElemStraddle);
		return false;
	}
	return true;
}

/* The tighter of two limits where 0 means none. */
static u64 vmk_dma_min_limit(u64 a, u64 b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return min(a, b);
}

/* @c tightened by @by: what meets both meets the result. */
static void vmk_dma_constraints_and(vmk_DMAConstraints *c,
				    const vmk_DMAConstraints *by)
{
	c->addressMask = min(c->addressMask, by->addressMask);
	c->maxTransfer = vmk_dma_min_limit(c->maxTransfer, by->maxTransfer);
	c->sgMaxEntries = vmk_dma_min_limit(c->sgMaxEntries,
					    by->sgMaxEntries);
	c->sgElemMaxSize = vmk_dma_min_limit(c->sgElemMaxSize,
					     by->sgElemMaxSize);
	c->sgElemSizeMult = max(c->sgElemSizeMult, by->sgElemSizeMult);
	c->sgElemAlignment = max(c->sgElemAlignment, by->sgElemAlignment);
	c->sgElemStraddle = vmk_dma_min_limit(c->sgElemStraddle,
					      by->sgElemStraddle);
}

/* @dev is @anc or below it in the Linux device tree. */
static bool vmk_dma_dev_below(struct device *dev, struct device *anc)
{
	for (; dev; dev = dev->parent)
		if (dev == anc)
			return true;
	return false;
}

/* ---- Linux device state ------------------------------------------------ */

static struct vmk_dma_linux *vmk_dma_linux_find(struct device *dev)
{
	struct vmk_dma_linux *lin;

	lockdep_assert_held(&vmk_dma_lock);
	list_for_each_entry(lin, &vmk_dma_linuxes, link)
		if (lin->dev == dev)
			return lin;
	return NULL;
}

/*
 * Widen @lin's device for an engine with constraints @c; false if the
 * platform accepts no mask at all (nothing changed then).
 * Called with vmk_dma_lock held: none of these Linux calls sleeps.
 */
static bool vmk_dma_linux_widen(struct vmk_dma_linux *lin,
				const vmk_DMAConstraints *c)
{
	struct device *dev = lin->dev;
	unsigned int seg = c->sgElemMaxSize ?: UINT_MAX;
	unsigned long boundary = c->sgElemStraddle ?
				 (unsigned long)(c->sgElemStraddle - 1) :
				 ULONG_MAX;
	u64 mask = max(lin->mask, c->addressMask);

	if (!lin->engines) {
		lin->saved_mask = *dev->dma_mask;
		lin->saved_coherent_mask = dev->coherent_dma_mask;
		lin->saved_seg_size = dma_get_max_seg_size(dev);
		lin->saved_boundary = dma_get_seg_boundary(dev);
		lin->mask = 0;
		lin->seg_size = 0;
		lin->boundary = 0;
		mask = c->addressMask;
	}
	/*
	 * Linux refuses masks below what the platform can allocate from
	 * (the DMA zone, or all of memory without one); the device then
	 * gets the narrowest mask Linux accepts and the engine's own checks
	 * keep its mappings within its mask.
	 */
	while (mask != lin->mask && dma_set_mask_and_coherent(dev, mask)) {
		if (mask == DMA_BIT_MASK(64))
			return false;
		mask = (mask << 1) | 1;
	}
	lin->mask = mask;
	lin->seg_size = max(lin->seg_size, seg);
	lin->boundary = max(lin->boundary, boundary);
	/* Devices without dma_parms have no such limits to widen. */
	dma_set_max_seg_size(dev, lin->seg_size);
	dma_set_seg_boundary(dev, lin->boundary);
	lin->engines++;
	return true;
}

/* An engine is gone; the last one gives the device its old settings. */
static void vmk_dma_linux_put(struct vmk_dma_linux *lin)
{
	struct device *dev = lin->dev;

	lockdep_assert_held(&vmk_dma_lock);
	if (--lin->engines)
		return;
	dma_set_mask(dev, lin->saved_mask);
	dma_set_coherent_mask(dev, lin->saved_coherent_mask);
	if (dev->dma_parms) {
		dma_set_max_seg_size(dev, lin->saved_seg_size);
		dma_set_seg_boundary(dev, lin->saved_boundary);
	}
	list_del(&lin->link);
	kfree(lin);
}

/* ---- DMA devices (bridges) --------------------------------------------- */

static struct vmk_DMADeviceInt *vmk_dma_device_find(vmk_DMADevice handle)
{
	struct vmk_DMADeviceInt *d;

	lockdep_assert_held(&vmk_dma_lock);
	list_for_each_entry(d, &vmk_dma_devices, link)
		if (d == handle)
			return d;
	return NULL;
}

/* An engine exists at or below @dev. */
static bool vmk_dma_engines_below(struct device *dev)
{
	struct vmk_DMAEngineInt *e;

	lockdep_assert_held(&vmk_dma_lock);
	list_for_each_entry(e, &vmk_dma_engines, link)
		if (vmk_dma_dev_below(e->dev, dev))
			return true;
	return false;
}

static void vmk_dma_device_free(struct vmk_DMADeviceInt *d)
{
	vmk_core_resource_del(&d->res);
	put_device(d->dev);
	kfree(d);
}

static void vmk_dma_device_describe(struct vmk_core_resource *res,
				    char *buf, size_t len)
{
	struct vmk_DMADeviceInt *d = container_of(res, struct vmk_DMADeviceInt,
						  res);

	snprintf(buf, len, "%s on %s", d->name.string, dev_name(d->dev));
}

static void vmk_dma_device_reclaim(struct vmk_core_resource *res)
{
	struct vmk_DMADeviceInt *d = container_of(res, struct vmk_DMADeviceInt,
						  res);

	spin_lock_irq(&vmk_dma_lock);
	list_del(&d->link);
	spin_unlock_irq(&vmk_dma_lock);
	vmk_dma_device_free(d);
}

static const struct vmk_core_resource_type vmk_dma_device_type = {
	.kind = "DMA device constraints",
	.describe = vmk_dma_device_describe,
	.reclaim = vmk_dma_device_reclaim,
};

VMK_ReturnStatus vmk_DMADeviceRegister(vmk_DMADeviceProps *props,
				       vmk_DMADevice *device)
{
	struct vmk_DMADeviceInt *d, *other;
	VMK_ReturnStatus status;
	struct device *dev;

	vmk_core_assert_may_block();
	if (!props || !device || !props->constraints) {
		vmk_core_bad_arg("props %p device %p", props, device);
		return VMK_BAD_PARAM;
	}
	if (!vmk_dma_constraints_ok(props->constraints, __func__, _RET_IP_))
		return VMK_BAD_PARAM;
	dev = props->device ? vmk_core_device_linux_dev(props->device) : NULL;
	if (!dev) {
		vmk_core_bad_arg("device %p reaches no Linux device",
				 props->device);
		return VMK_BAD_PARAM;
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return VMK_NO_MEMORY;
	vmk_NameCopy(&d->name, &props->name);
	d->module = props->module;
	d->device = props->device;
	d->dev = get_device(dev);
	d->con = *props->constraints;
	status = vmk_core_resource_add(&d->res, &vmk_dma_device_type,
				       props->module);
	if (status != VMK_OK) {
		vmk_core_bad_arg("module %d is not registered", props->module);
		put_device(dev);
		kfree(d);
		return status;
	}

	spin_lock_irq(&vmk_dma_lock);
	status = VMK_OK;
	list_for_each_entry(other, &vmk_dma_devices, link)
		if (other->device == props->device)
			status = VMK_EXISTS;
	if (status == VMK_OK && vmk_dma_engines_below(dev))
		status = VMK_BUSY;
	if (status == VMK_OK)
		list_add(&d->link, &vmk_dma_devices);
	spin_unlock_irq(&vmk_dma_lock);
	if (status != VMK_OK) {
		vmk_core_bad_arg("%s: device %p %s", vmk_NameToString(&d->name),
				 props->device, status == VMK_EXISTS ?
				 "already has DMA constraints" :
				 "already has DMA engines");
		vmk_dma_device_free(d);
		return status;
	}
	*device = d;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DMADeviceRegister);

VMK_ReturnStatus vmk_DMADeviceUnregister(vmk_DMADevice device)
{
	struct vmk_DMADeviceInt *d;
	VMK_ReturnStatus status = VMK_OK;

	vmk_core_assert_may_block();
	spin_lock_irq(&vmk_dma_lock);
	d = vmk_dma_device_find(device);
	if (!d)
		status = VMK_BAD_PARAM;
	else if (vmk_dma_engines_below(d->dev))
		status = VMK_BUSY;
	else
		list_del(&d->link);
	spin_unlock_irq(&vmk_dma_lock);
	if (status != VMK_OK) {
		vmk_core_bad_arg("DMA device %p %s", device,
				 status == VMK_BUSY ? "still has engines" :
				 "is not registered");
		return status;
	}
	vmk_dma_device_free(d);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DMADeviceUnregister);

/* ---- engines ------------------------------------------------------------ */

/* The widest physical-range constraint inside the engine's mask. */
static vmk_MemPhysAddrConstraint vmk_dma_alloc_con(struct device *dev,
						   u64 mask)
{
	if (mask >= dma_get_required_mask(dev))
		return VMK_PHYS_ADDR_ANY;
	if (mask >= ((u64)512 << 30) - 1)
		return VMK_PHYS_ADDR_BELOW_512GB;
	if (mask >= SZ_4G - 1)
		return VMK_PHYS_ADDR_BELOW_4GB;
	/* Below 2 GB is the tightest there is; narrower masks get it too. */
	return VMK_PHYS_ADDR_BELOW_2GB;
}

static bool vmk_dma_identity(struct device *dev)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);

	return !dom || dom->type == IOMMU_DOMAIN_IDENTITY;
}

static enum dma_data_direction vmk_dma_linux_dir(vmk_DMADirection dir)
{
	switch (dir) {
	case VMK_DMA_DIRECTION_TO_MEMORY:
		return DMA_FROM_DEVICE;
	case VMK_DMA_DIRECTION_FROM_MEMORY:
		return DMA_TO_DEVICE;
	default:
		return DMA_BIDIRECTIONAL;
	}
}

static void vmk_dma_unmap_ents(struct vmk_DMAEngineInt *e,
			       const struct vmk_dma_ent *ent, u32 n,
			       vmk_DMADirection dir)
{
	enum dma_data_direction ldir = vmk_dma_linux_dir(dir);
	u32 i;

	for (i = 0; i < n; i++) {
		if (ent[i].resource)
			dma_unmap_resource(e->dev, ent[i].addr, ent[i].len,
					   ldir, 0);
		else
			dma_unmap_page(e->dev, ent[i].addr, ent[i].len, ldir);
	}
}

static void vmk_dma_engine_free_rcu(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct vmk_DMAEngineInt, rcu));
}

/*
 * A live engine with a reference taken, or NULL (logged).  Lookups race
 * with the last put only under RCU, which delays the free.
 */
static struct vmk_DMAEngineInt *vmk_dma_engine_get(vmk_DMAEngine engine,
						    const char *api,
						    unsigned long caller)
{
	struct vmk_DMAEngineInt *e = engine;

	rcu_read_lock();
	if (!e || !vmk_core_handle_live(e, VMK_CORE_HANDLE_DMAENGINE) ||
	    !refcount_inc_not_zero(&e->refs))
		e = NULL;
	rcu_read_unlock();
	if (!e)
		vmk_core_bad_arg_api(api, caller, "%p is not a live DMA engine",
				     engine);
	return e;
}

static void vmk_dma_engine_put(struct vmk_DMAEngineInt *e)
{
	if (refcount_dec_and_test(&e->refs))
		call_rcu(&e->rcu, vmk_dma_engine_free_rcu);
}

/* The engine is dead and has no mapping: let it go. */
static void vmk_dma_engine_teardown(struct vmk_DMAEngineInt *e)
{
	unsigned long flags;

	vmk_core_handle_del_detached(e, VMK_CORE_HANDLE_DMAENGINE);
	spin_lock_irqsave(&vmk_dma_lock, flags);
	list_del(&e->link);
	vmk_dma_linux_put(e->lin);
	spin_unlock_irqrestore(&vmk_dma_lock, flags);
	vmk_core_resource_del(&e->res);
	/* The device manager's reference outlives ours but for leaks. */
	put_device(e->dev);
	vmk_dma_engine_put(e);
}

static void vmk_dma_engine_describe(struct vmk_core_resource *res,
				    char *buf, size_t len)
{
	struct vmk_DMAEngineInt *e = container_of(res, struct vmk_DMAEngineInt,
						  res);

	snprintf(buf, len, "%s on %s, %u mapping(s)", e->name.string,
		 dev_name(e->dev), READ_ONCE(e->nmaps));
}

/*
 * The owner unloaded with the engine alive: unmap what is still mapped
 * (output arrays stay the driver's, reported with its heap), wait for
 * calls mapping right now, and destroy it.
 */
static void vmk_dma_engine_reclaim(struct vmk_core_resource *res)
{
	struct vmk_DMAEngineInt *e = container_of(res, struct vmk_DMAEngineInt,
						  res);
	struct vmk_dma_map *m;
	struct hlist_node *tmp;
	unsigned int bkt, n = 0;
	HLIST_HEAD(doomed);

	spin_lock_irq(&e->lock);
	e->dead = true;
	hash_for_each_safe(e->maps, bkt, tmp, m, node) {
		hash_del(&m->node);
		hlist_add_head(&m->node, &doomed);
		e->nmaps--;
		n++;
	}
	spin_unlock_irq(&e->lock);
	hlist_for_each_entry_safe(m, tmp, &doomed, node) {
		vmk_dma_unmap_ents(e, m->ent, m->n, m->dir);
		kfree(m);
	}
	if (n)
		pr_warn("DMA engine %s: unmapped %u mapping(s) left by its module\n",
			e->name.string, n);
	/* In-flight mappings see dead and undo themselves: never long. */
	while (READ_ONCE(e->nmaps))
		usleep_range(100, 200);
	vmk_dma_engine_teardown(e);
}

static const struct vmk_core_resource_type vmk_dma_engine_type = {
	.kind = "DMA engine",
	.describe = vmk_dma_engine_describe,
	.reclaim = vmk_dma_engine_reclaim,
};

VMK_ReturnStatus vmk_DMAEngineCreate(vmk_DMAEngineProps *props,
				     vmk_DMAEngine *engine)
{
	struct vmk_dma_linux *lin, *new_lin;
	struct vmk_DMAEngineInt *e;
	struct vmk_DMADeviceInt *d;
	VMK_ReturnStatus status;
	struct device *dev;
	bool widened;

	vmk_core_assert_may_block();
	if (!props || !engine || !props->constraints) {
		vmk_core_bad_arg("props %p engine %p", props, engine);
		return VMK_BAD_PARAM;
	}
	if (props->flags & ~VMK_DMA_ENGINE_FLAGS_ALL) {
		vmk_core_bad_arg("unknown flags %#x", props->flags);
		return VMK_BAD_PARAM;
	}
	if (props->bounce &&
	    props->bounce->type != VMK_DMA_BOUNCE_POOL_TYPE_NONE) {
		vmk_core_bad_arg("bounce pool type %d is not provided",
				 props->bounce->type);
		return VMK_BAD_PARAM;
	}
	if (!vmk_dma_constraints_ok(props->constraints, __func__, _RET_IP_))
		return VMK_BAD_PARAM;
	dev = props->device ? vmk_core_device_linux_dev(props->device) : NULL;
	if (!dev || !dev->dma_mask) {
		vmk_core_bad_arg("device %p reaches no DMA-capable Linux device",
				 props->device);
		return VMK_BAD_PARAM;
	}
	if ((props->flags & VMK_DMA_ENGINE_FLAGS_COHERENT) &&
	    !dev_is_dma_coherent(dev)) {
		vmk_core_bad_arg("%s: DMA is not cache coherent",
				 dev_name(dev));
		return VMK_BAD_PARAM;
	}

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	new_lin = kzalloc(sizeof(*new_lin), GFP_KERNEL);
	if (!e || !new_lin) {
		status = VMK_NO_MEMORY;
		goto free;
	}
	vmk_NameCopy(&e->name, &props->name);
	e->module = props->module;
	e->flags = props->flags;
	e->device = props->device;
	e->dev = get_device(dev);
	e->con = *props->constraints;
	e->identity = vmk_dma_identity(dev);
	refcount_set(&e->refs, 1);
	spin_lock_init(&e->lock);
	hash_init(e->maps);
	status = vmk_core_resource_add(&e->res, &vmk_dma_engine_type,
				       props->module);
	if (status != VMK_OK) {
		vmk_core_bad_arg("module %d is not registered", props->module);
		goto put;
	}

	spin_lock_irq(&vmk_dma_lock);
	list_for_each_entry(d, &vmk_dma_devices, link)
		if (vmk_dma_dev_below(dev, d->dev))
			vmk_dma_constraints_and(&e->con, &d->con);
	lin = vmk_dma_linux_find(dev);
	if (!lin) {
		lin = new_lin;
		new_lin = NULL;
		lin->dev = dev;
		list_add(&lin->link, &vmk_dma_linuxes);
	}
	widened = vmk_dma_linux_widen(lin, &e->con);
	if (widened) {
		e->lin = lin;
		list_add(&e->link, &vmk_dma_engines);
	} else if (!lin->engines) {
		list_del(&lin->link);
		new_lin = lin;
	}
	spin_unlock_irq(&vmk_dma_lock);
	if (!widened) {
		vmk_core_bad_arg("%s cannot DMA with mask %#llx",
				 dev_name(dev), e->con.addressMask);
		status = VMK_BAD_PARAM;
		goto res;
	}
	e->alloc_con = vmk_dma_alloc_con(dev, e->con.addressMask);
	/* Published last: a handle found live is complete. */
	if (vmk_core_handle_add_detached(e, VMK_CORE_HANDLE_DMAENGINE)) {
		spin_lock_irq(&vmk_dma_lock);
		list_del(&e->link);
		vmk_dma_linux_put(e->lin);
		spin_unlock_irq(&vmk_dma_lock);
		status = VMK_NO_MEMORY;
		goto res;
	}
	kfree(new_lin);
	*engine = e;
	return VMK_OK;

res:
	vmk_core_resource_del(&e->res);
put:
	put_device(dev);
free:
	kfree(new_lin);
	kfree(e);
	return status;
}
VMKAPI_EXPORT(vmk_DMAEngineCreate);

VMK_ReturnStatus vmk_DMAEngineDestroy(vmk_DMAEngine engine)
{
	struct vmk_DMAEngineInt *e;
	unsigned long flags;
	unsigned int live;
	bool dead;

	vmk_dma_assert_nonblocking();
	e = vmk_dma_engine_get(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	spin_lock_irqsave(&e->lock, flags);
	live = e->nmaps;
	dead = e->dead;
	if (!live)
		e->dead = true;
	spin_unlock_irqrestore(&e->lock, flags);
	if (dead || live) {
		if (dead)
			vmk_core_bad_arg("DMA engine %p is being destroyed", e);
		else
			vmk_core_bad_arg("DMA engine %s still has %u mapping(s)",
					 e->name.string, live);
		vmk_dma_engine_put(e);
		return dead ? VMK_BAD_PARAM : VMK_BUSY;
	}
	vmk_dma_engine_teardown(e);
	vmk_dma_engine_put(e);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DMAEngineDestroy);

/* ---- mapping ------------------------------------------------------------ */

static void vmk_dma_err(vmk_DMAMapErrorInfo *err, vmk_DMAMapErrorReason reason,
			const vmk_DMAConstraints *c, u32 bad, u64 mappable)
{
	if (!err)
		return;
	memset(err, 0, sizeof(*err));
	err->reason = reason;
	switch (reason) {
	case VMK_DMA_MAP_ERROR_REASON_TRANSFER_TOO_LARGE:
		err->info.tooLarge.maxTransfer = c->maxTransfer;
		break;
	case VMK_DMA_MAP_ERROR_REASON_TOO_MANY_ENTRIES:
		err->info.tooManyEntries.sgMaxEntries = c->sgMaxEntries;
		break;
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_MAX_SIZE:
		err->info.elemMaxSize.sgElemMaxSize = c->sgElemMaxSize;
		err->info.elemMaxSize.badElem = bad;
		break;
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_SIZE_MULT:
		err->info.elemSizeMult.sgElemSizeMult = c->sgElemSizeMult;
		err->info.elemSizeMult.badElem = bad;
		break;
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_STRADDLE:
		err->info.elemStraddle.sgElemStraddle = c->sgElemStraddle;
		err->info.elemStraddle.badElem = bad;
		break;
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ADDRESS:
		err->info.elemAddress.addressMask = c->addressMask;
		err->info.elemAddress.badElem = bad;
		break;
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ALIGNMENT:
		err->info.elemAlignment.sgElemAlignment = c->sgElemAlignment;
		err->info.elemAlignment.badElem = bad;
		break;
	case VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE:
		err->info.noIOSpace.maxMappable = mappable;
		break;
	default:
		break;
	}
}

/* The size rules for one element (@last: it ends the transfer). */
static vmk_DMAMapErrorReason vmk_dma_check_size(const vmk_DMAConstraints *c,
						u32 len, bool last)
{
	if (c->sgElemMaxSize && len > c->sgElemMaxSize)
		return VMK_DMA_MAP_ERROR_REASON_SG_ELEM_MAX_SIZE;
	if (!last && c->sgElemSizeMult && (len & (c->sgElemSizeMult - 1)))
		return VMK_DMA_MAP_ERROR_REASON_SG_ELEM_SIZE_MULT;
	return VMK_DMA_MAP_ERROR_REASON_NONE;
}

/* The address rules for [addr, addr + len) (len > 0, no wrap). */
static vmk_DMAMapErrorReason vmk_dma_check_addr(const vmk_DMAConstraints *c,
						u64 addr, u32 len)
{
	u64 end = addr + len - 1;

	if (end > c->addressMask)
		return VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ADDRESS;
	if (c->sgElemAlignment > 1 && (addr & (c->sgElemAlignment - 1)))
		return VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ALIGNMENT;
	if (c->sgElemStraddle &&
	    (addr & ~(c->sgElemStraddle - 1)) != (end & ~(c->sgElemStraddle - 1)))
		return VMK_DMA_MAP_ERROR_REASON_SG_ELEM_STRADDLE;
	return VMK_DMA_MAP_ERROR_REASON_NONE;
}

/*
 * The rules on the whole of @n machine ranges @in (lengths checked
 * non-zero and not wrapping) that can be checked before mapping.
 */
static VMK_ReturnStatus vmk_dma_check_ents(struct vmk_DMAEngineInt *e,
					   const vmk_SgElem *in, u32 n,
					   bool last_is_last,
					   vmk_DMAMapErrorInfo *err)
{
	const vmk_DMAConstraints *c = &e->con;
	vmk_DMAMapErrorReason reason;
	u64 total = 0;
	u32 i;

	if (c->sgMaxEntries && n > c->sgMaxEntries) {
		vmk_dma_err(err, VMK_DMA_MAP_ERROR_REASON_TOO_MANY_ENTRIES, c,
			    0, 0);
		return VMK_DMA_MAPPING_FAILED;
	}
	for (i = 0; i < n; i++)
		total += in[i].length;
	if (c->maxTransfer && total > c->maxTransfer) {
		vmk_dma_err(err, VMK_DMA_MAP_ERROR_REASON_TRANSFER_TOO_LARGE, c,
			    0, 0);
		return VMK_DMA_MAPPING_FAILED;
	}
	for (i = 0; i < n; i++) {
		reason = vmk_dma_check_size(c, in[i].length,
					    last_is_last && i == n - 1);
		if (reason)
			goto fail;
	}
	/* One to one: the device must reach the machine addresses. */
	if (e->identity) {
		for (i = 0; i < n; i++) {
			reason = vmk_dma_check_addr(c, in[i].addr,
						    in[i].length);
			if (reason)
				goto fail;
		}
	}
	return VMK_OK;

fail:
	vmk_dma_err(err, reason, c, i, 0);
	return VMK_DMA_MAPPING_FAILED;
}

/*
 * Map one checked range into @ent; on failure nothing of it stays
 * mapped and the reason is returned.
 */
static vmk_DMAMapErrorReason vmk_dma_map_one(struct vmk_DMAEngineInt *e,
					     enum dma_data_direction ldir,
					     const vmk_SgElem *in, bool ram,
					     struct vmk_dma_ent *ent)
{
	vmk_DMAMapErrorReason reason;

	ent->len = in->length;
	/* @ram: the caller has checked the range is RAM already. */
	ent->resource = !ram && (!pfn_valid(PHYS_PFN(in->addr)) ||
		!pfn_valid(PHYS_PFN(in->addr + in->length - 1)));
	if (ent->resource)
		ent->addr = dma_map_resource(e->dev, in->addr, in->length,
					     ldir, 0);
	else
		ent->addr = dma_map_page(e->dev, pfn_to_page(PHYS_PFN(in->addr)),
					 offset_in_page(in->addr), in->length,
					 ldir);
	if (dma_mapping_error(e->dev, ent->addr))
		return VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE;
	/* A coherent engine cannot use a bounce buffer. */
	reason = vmk_dma_check_addr(&e->con, ent->addr, ent->len);
	if (!reason && (e->flags & VMK_DMA_ENGINE_FLAGS_COHERENT) &&
	    !ent->resource && dma_need_sync(e->dev, ent->addr))
		reason = VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE;
	if (reason) {
		if (ent->resource)
			dma_unmap_resource(e->dev, ent->addr, ent->len, ldir, 0);
		else
			dma_unmap_page(e->dev, ent->addr, ent->len, ldir);
	}
	return reason;
}

/*
 * Map @n machine ranges @in (lengths checked non-zero and not wrapping)
 * into @ent; on a constraint or mapping failure nothing stays mapped and
 * the failure is in @err.
 */
static VMK_ReturnStatus vmk_dma_map_ents(struct vmk_DMAEngineInt *e,
					 vmk_DMADirection dir,
					 const vmk_SgElem *in, u32 n,
					 bool last_is_last,
					 struct vmk_dma_ent *ent,
					 vmk_DMAMapErrorInfo *err)
{
	enum dma_data_direction ldir = vmk_dma_linux_dir(dir);
	vmk_DMAMapErrorReason reason;
	VMK_ReturnStatus status;
	u64 total = 0;
	u32 i;

	status = vmk_dma_check_ents(e, in, n, last_is_last, err);
	if (status != VMK_OK)
		return status;
	for (i = 0; i < n; i++) {
		reason = vmk_dma_map_one(e, ldir, &in[i], false, &ent[i]);
		if (reason) {
			vmk_dma_unmap_ents(e, ent, i, dir);
			vmk_dma_err(err, reason, &e->con, i,
				    reason == VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE ?
				    total : 0);
			return VMK_DMA_MAPPING_FAILED;
		}
		total += in[i].length;
	}
	return VMK_OK;
}

/* A map that failed for want of memory or I/O space, or a constraint. */
static void vmk_dma_failed(struct vmk_DMAEngineInt *e, u64 bytes,
			   VMK_ReturnStatus status, unsigned long caller)
{
	vmk_core_alloc_failed(VMK_CORE_ALLOC_DMA, e->module, e->name.string,
			      bytes, status, (void *)caller);
}

static bool vmk_dma_dir_ok(vmk_DMADirection dir)
{
	return dir == VMK_DMA_DIRECTION_TO_MEMORY ||
	       dir == VMK_DMA_DIRECTION_FROM_MEMORY ||
	       dir == VMK_DMA_DIRECTION_BIDIRECTIONAL;
}

/*
 * Count a mapping about to be made, so that the engine cannot be
 * destroyed meanwhile; false (logged) if it is being destroyed.
 */
static bool vmk_dma_reserve(struct vmk_DMAEngineInt *e, unsigned long caller)
{
	unsigned long flags;
	bool dead;

	spin_lock_irqsave(&e->lock, flags);
	dead = e->dead;
	if (!dead)
		e->nmaps++;
	spin_unlock_irqrestore(&e->lock, flags);
	if (dead)
		vmk_core_bad_arg_from(caller, "DMA engine %p is being destroyed",
				      e);
	return !dead;
}

/* A mapping counted by vmk_dma_reserve or a record is gone. */
static void vmk_dma_unreserve(struct vmk_DMAEngineInt *e)
{
	unsigned long flags;

	spin_lock_irqsave(&e->lock, flags);
	e->nmaps--;
	spin_unlock_irqrestore(&e->lock, flags);
}

/*
 * A live engine, referenced and counting one mapping about to be made, or
 * NULL (logged): the opening of every map call.
 */
static struct vmk_DMAEngineInt *
vmk_dma_engine_get_reserved(vmk_DMAEngine engine, const char *api,
			    unsigned long caller)
{
	struct vmk_DMAEngineInt *e = vmk_dma_engine_get(engine, api, caller);

	if (e && !vmk_dma_reserve(e, caller)) {
		vmk_dma_engine_put(e);
		e = NULL;
	}
	return e;
}

/*
 * Record a mapping made on a held engine: it now counts as the record.
 * False (the caller unmaps it) when the engine was reclaimed meanwhile.
 */
static bool vmk_dma_record(struct vmk_DMAEngineInt *e, struct vmk_dma_map *m)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&e->lock, flags);
	ok = !e->dead;
	if (ok)
		hash_add(e->maps, &m->node, m->key);
	else
		e->nmaps--;
	spin_unlock_irqrestore(&e->lock, flags);
	return ok;
}

/* A record of this engine, found under its lock (NULL: none). */
static struct vmk_dma_map *vmk_dma_lookup(struct vmk_DMAEngineInt *e, u64 key,
					  bool sg, u32 len,
					  vmk_DMADirection dir, bool *dir_ok)
{
	struct vmk_dma_map *m, *found = NULL;

	lockdep_assert_held(&e->lock);
	hash_for_each_possible(e->maps, m, node, key) {
		if (m->key != key || m->sg != sg ||
		    (!sg && m->ent[0].len != len))
			continue;
		/* The same range mapped twice: prefer the direction asked. */
		found = m;
		if (m->dir == dir)
			break;
	}
	*dir_ok = found && found->dir == dir;
	return found;
}

VMK_ReturnStatus vmk_DMAMapSg(vmk_DMAEngine engine,
			      vmk_DMADirection direction,
			      vmk_SgOpsHandle sgOps,
			      vmk_SgArray *in,
			      vmk_SgArray **out,
			      vmk_DMAMapErrorInfo *err)
{
	struct vmk_DMAEngineInt *e;
	VMK_ReturnStatus status;
	struct vmk_dma_map *m;
	vmk_SgArray *sg;
	u64 bytes = 0;
	u32 i, n;

	vmk_dma_assert_nonblocking();
	if (err)
		err->reason = VMK_DMA_MAP_ERROR_REASON_NONE;
	if (!in || !out || !vmk_dma_dir_ok(direction) || !in->numElems ||
	    in->numElems > in->maxElems) {
		vmk_core_bad_arg("in %p (%u of %u elements) out %p direction %d",
				 in, in ? in->numElems : 0,
				 in ? in->maxElems : 0, out, direction);
		return VMK_BAD_PARAM;
	}
	n = in->numElems;
	for (i = 0; i < n; i++) {
		if (!in->elem[i].length ||
		    in->elem[i].addr + in->elem[i].length - 1 < in->elem[i].addr) {
			vmk_core_bad_arg("element %u: %#llx length %u", i,
					 in->elem[i].addr, in->elem[i].length);
			return VMK_BAD_PARAM;
		}
		bytes += in->elem[i].length;
	}
	e = vmk_dma_engine_get_reserved(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;

	status = vmk_SgAlloc(sgOps, &sg, n);
	if (status != VMK_OK)
		goto unreserve;
	m = kmalloc(struct_size(m, ent, n), GFP_ATOMIC | __GFP_NOWARN);
	if (!m) {
		status = VMK_NO_MEMORY;
		goto free_sg;
	}
	status = vmk_dma_map_ents(e, direction, in->elem, n, true, m->ent,
				  err);
	if (status != VMK_OK)
		goto free_m;
	m->key = (u64)(uintptr_t)sg;
	m->sg = true;
	m->dir = direction;
	m->n = n;
	for (i = 0; i < n; i++) {
		sg->elem[i].ioAddr = m->ent[i].addr;
		sg->elem[i].length = m->ent[i].len;
		sg->elem[i].reserved = 0;
	}
	sg->numElems = n;
	if (!vmk_dma_record(e, m)) {
		vmk_dma_unmap_ents(e, m->ent, n, direction);
		kfree(m);
		vmk_SgFree(sgOps, sg);
		vmk_core_bad_arg("DMA engine %p was destroyed meanwhile", e);
		status = VMK_BAD_PARAM;
		goto put;
	}
	*out = sg;
	vmk_dma_engine_put(e);
	return VMK_OK;

free_m:
	kfree(m);
free_sg:
	vmk_SgFree(sgOps, sg);
unreserve:
	vmk_dma_unreserve(e);
	vmk_dma_failed(e, bytes, status, _RET_IP_);
put:
	vmk_dma_engine_put(e);
	return status;
}
VMKAPI_EXPORT(vmk_DMAMapSg);

/*
 * Take the record of @key off the engine for an unmap in @dir; NULL
 * (logged) if there is none or it was mapped in another direction, which
 * *status tells apart.
 */
static struct vmk_dma_map *vmk_dma_take(struct vmk_DMAEngineInt *e, u64 key,
					bool sg, u32 len, vmk_DMADirection dir,
					VMK_ReturnStatus *status,
					const char *api, unsigned long caller)
{
	vmk_DMADirection mapped = VMK_DMA_DIRECTION_NONE;
	struct vmk_dma_map *m;
	unsigned long flags;
	bool dir_ok;

	spin_lock_irqsave(&e->lock, flags);
	m = vmk_dma_lookup(e, key, sg, len, dir, &dir_ok);
	if (m && dir_ok)
		hash_del(&m->node);
	else if (m)
		mapped = m->dir;
	spin_unlock_irqrestore(&e->lock, flags);
	if (m && dir_ok)
		return m;
	if (m) {
		vmk_core_bad_arg_api(api, caller,
				     "%#llx was mapped %s, not %s", key,
				     vmk_DMADirectionToString(mapped),
				     vmk_DMADirectionToString(dir));
		*status = VMK_BAD_PARAM;
	} else {
		vmk_core_bad_arg_api(api, caller,
				     "%s %#llx is not mapped on DMA engine %s",
				     sg ? "array" : "I/O address", key,
				     e->name.string);
		*status = VMK_INVALID_ADDRESS;
	}
	return NULL;
}

/* Unmap what vmk_core_dma_map_pages mapped into @out (RAM pages only). */
static void vmk_dma_unmap_pages(struct vmk_DMAEngineInt *e,
				enum dma_data_direction ldir,
				const vmk_SgArray *out)
{
	u32 i;

	for (i = 0; i < out->numElems; i++)
		dma_unmap_page(e->dev, out->elem[i].ioAddr,
			       out->elem[i].length, ldir);
}

/*
 * Map and unmap for a core layer that keeps each mapping itself (the
 * SCSI layer: one per command, held by the command, unmapped at its
 * completion).  The engine's constraints and its count of live mappings
 * hold as for vmk_DMAMapSg, without that call's allocations (output
 * array, record) and record lookup, which cost more than the mapping
 * on a per-command path.  @in: RAM only (a scatterlist's pages); @out
 * has room for in->numElems elements.  The caller unmaps @out with the
 * same direction before the engine is destroyed.  Never blocks.
 */
VMK_ReturnStatus vmk_core_dma_map_pages(vmk_DMAEngine engine,
					vmk_DMADirection dir,
					const vmk_SgArray *in, vmk_SgArray *out,
					vmk_DMAMapErrorInfo *err)
{
	enum dma_data_direction ldir = vmk_dma_linux_dir(dir);
	vmk_DMAMapErrorReason reason;
	struct vmk_DMAEngineInt *e;
	VMK_ReturnStatus status;
	struct vmk_dma_ent ent;
	u64 total = 0;
	u32 i, n;

	vmk_dma_assert_nonblocking();
	if (err)
		err->reason = VMK_DMA_MAP_ERROR_REASON_NONE;
	n = in->numElems;
	if (!vmk_dma_dir_ok(dir) || !n || n > in->maxElems ||
	    n > out->maxElems) {
		vmk_core_bad_arg("%u elements (room for %u, out %u), direction %d",
				 n, in->maxElems, out->maxElems, dir);
		return VMK_BAD_PARAM;
	}
	for (i = 0; i < n; i++) {
		const vmk_SgElem *el = &in->elem[i];

		if (!el->length || el->addr + el->length - 1 < el->addr ||
		    !pfn_valid(PHYS_PFN(el->addr)) ||
		    !pfn_valid(PHYS_PFN(el->addr + el->length - 1))) {
			vmk_core_bad_arg("element %u: %#llx length %u is not RAM",
					 i, el->addr, el->length);
			return VMK_BAD_PARAM;
		}
	}
	e = vmk_dma_engine_get_reserved(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	status = vmk_dma_check_ents(e, in->elem, n, true, err);
	if (status != VMK_OK)
		goto unreserve;
	for (i = 0; i < n; i++) {
		reason = vmk_dma_map_one(e, ldir, &in->elem[i], true, &ent);
		if (reason) {
			out->numElems = i;
			vmk_dma_unmap_pages(e, ldir, out);
			vmk_dma_err(err, reason, &e->con, i,
				    reason == VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE ?
				    total : 0);
			status = VMK_DMA_MAPPING_FAILED;
			goto unreserve;
		}
		out->elem[i].ioAddr = ent.addr;
		out->elem[i].length = ent.len;
		out->elem[i].reserved = 0;
		total += ent.len;
	}
	out->numElems = n;
	vmk_dma_engine_put(e);
	return VMK_OK;

unreserve:
	vmk_dma_unreserve(e);
	vmk_dma_engine_put(e);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_dma_map_pages, VMKAPI_INTERNAL);

/* Undo vmk_core_dma_map_pages.  Never blocks. */
void vmk_core_dma_unmap_pages(vmk_DMAEngine engine, vmk_DMADirection dir,
			      vmk_SgArray *out)
{
	struct vmk_DMAEngineInt *e;

	vmk_dma_assert_nonblocking();
	e = vmk_dma_engine_get(engine, __func__, _RET_IP_);
	if (!e)
		return;
	vmk_dma_unmap_pages(e, vmk_dma_linux_dir(dir), out);
	out->numElems = 0;
	vmk_dma_unreserve(e);
	vmk_dma_engine_put(e);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_dma_unmap_pages, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_DMAUnmapSg(vmk_DMAEngine engine,
				vmk_DMADirection direction,
				vmk_SgOpsHandle sgOps,
				vmk_SgArray *sg)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmk_DMAEngineInt *e;
	struct vmk_dma_map *m;

	vmk_dma_assert_nonblocking();
	if (!sg) {
		vmk_core_bad_arg("NULL array");
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_handle_live(sgOps, VMK_CORE_HANDLE_SGOPS)) {
		vmk_core_bad_arg("%p is not a live SG ops handle", sgOps);
		return VMK_INVALID_HANDLE;
	}
	e = vmk_dma_engine_get(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	m = vmk_dma_take(e, (u64)(uintptr_t)sg, true, 0, direction, &status,
			 __func__, _RET_IP_);
	if (m) {
		/* Still counted: the engine stays the device's meanwhile. */
		vmk_dma_unmap_ents(e, m->ent, m->n, m->dir);
		kfree(m);
		vmk_dma_unreserve(e);
		status = vmk_SgFree(sgOps, sg);
	}
	vmk_dma_engine_put(e);
	return status;
}
VMKAPI_EXPORT(vmk_DMAUnmapSg);

VMK_ReturnStatus vmk_DMAMapElem(vmk_DMAEngine engine,
				vmk_DMADirection direction,
				vmk_SgElem *in,
				vmk_Bool lastElem,
				vmk_SgElem *out,
				vmk_DMAMapErrorInfo *err)
{
	struct vmk_DMAEngineInt *e;
	VMK_ReturnStatus status;
	struct vmk_dma_map *m;

	vmk_dma_assert_nonblocking();
	if (err)
		err->reason = VMK_DMA_MAP_ERROR_REASON_NONE;
	if (!in || !out || !vmk_dma_dir_ok(direction) || !in->length ||
	    in->addr + in->length - 1 < in->addr) {
		vmk_core_bad_arg("in %p (%#llx length %u) out %p direction %d",
				 in, in ? in->addr : 0, in ? in->length : 0,
				 out, direction);
		return VMK_BAD_PARAM;
	}
	e = vmk_dma_engine_get_reserved(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	m = kmalloc(struct_size(m, ent, 1), GFP_ATOMIC | __GFP_NOWARN);
	if (!m) {
		status = VMK_NO_MEMORY;
		goto unreserve;
	}
	status = vmk_dma_map_ents(e, direction, in, 1, lastElem, m->ent, err);
	if (status != VMK_OK)
		goto free_m;
	m->key = m->ent[0].addr;
	m->sg = false;
	m->dir = direction;
	m->n = 1;
	out->ioAddr = m->ent[0].addr;
	out->length = m->ent[0].len;
	out->reserved = 0;
	if (!vmk_dma_record(e, m)) {
		vmk_dma_unmap_ents(e, m->ent, 1, direction);
		kfree(m);
		vmk_core_bad_arg("DMA engine %p was destroyed meanwhile", e);
		status = VMK_BAD_PARAM;
	}
	goto put;

free_m:
	kfree(m);
unreserve:
	vmk_dma_unreserve(e);
	vmk_dma_failed(e, in->length, status, _RET_IP_);
put:
	vmk_dma_engine_put(e);
	return status;
}
VMKAPI_EXPORT(vmk_DMAMapElem);

VMK_ReturnStatus vmk_DMAUnmapElem(vmk_DMAEngine engine,
				  vmk_DMADirection direction,
				  vmk_SgElem *IOElem)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmk_DMAEngineInt *e;
	struct vmk_dma_map *m;

	vmk_dma_assert_nonblocking();
	if (!IOElem) {
		vmk_core_bad_arg("NULL element");
		return VMK_BAD_PARAM;
	}
	e = vmk_dma_engine_get(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	m = vmk_dma_take(e, IOElem->ioAddr, false, IOElem->length, direction,
			 &status, __func__, _RET_IP_);
	if (m) {
		vmk_dma_unmap_ents(e, m->ent, 1, m->dir);
		kfree(m);
		vmk_dma_unreserve(e);
	}
	vmk_dma_engine_put(e);
	return status;
}
VMKAPI_EXPORT(vmk_DMAUnmapElem);

/* ---- flushing ----------------------------------------------------------- */

/*
 * May @flush be asked of a mapping made @mapped: the CPU reads what the
 * device wrote (TO_MEMORY) or the device reads what the CPU wrote
 * (FROM_MEMORY), and the mapping must allow that transfer.  One flush
 * cannot serve both ways (a bounce buffer would lose one side's data).
 */
static bool vmk_dma_flush_dir_ok(vmk_DMADirection flush,
				 vmk_DMADirection mapped)
{
	if (flush != VMK_DMA_DIRECTION_TO_MEMORY &&
	    flush != VMK_DMA_DIRECTION_FROM_MEMORY)
		return false;
	return mapped == flush || mapped == VMK_DMA_DIRECTION_BIDIRECTIONAL;
}

static void vmk_dma_sync(struct vmk_DMAEngineInt *e,
			 const struct vmk_dma_ent *ent, u64 off, u64 len,
			 vmk_DMADirection flush, vmk_DMADirection mapped)
{
	enum dma_data_direction ldir = vmk_dma_linux_dir(mapped);

	/* Device memory is not cached: nothing to make consistent. */
	if (ent->resource)
		return;
	if (flush == VMK_DMA_DIRECTION_TO_MEMORY)
		dma_sync_single_range_for_cpu(e->dev, ent->addr, off, len,
					      ldir);
	else
		dma_sync_single_range_for_device(e->dev, ent->addr, off, len,
						 ldir);
}

VMK_ReturnStatus vmk_DMAFlushSg(vmk_DMAEngine engine,
				vmk_DMADirection direction,
				vmk_SgArray *sg,
				vmk_ByteCount offset,
				vmk_ByteCount len)
{
	vmk_DMADirection mapped = VMK_DMA_DIRECTION_NONE;
	VMK_ReturnStatus status = VMK_OK;
	struct vmk_DMAEngineInt *e;
	struct vmk_dma_map *m;
	u64 pos = 0, total = 0, end;
	unsigned long flags;
	bool dir_ok;
	u32 i;

	vmk_dma_assert_nonblocking();
	if (!sg) {
		vmk_core_bad_arg("NULL array");
		return VMK_BAD_PARAM;
	}
	e = vmk_dma_engine_get(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	spin_lock_irqsave(&e->lock, flags);
	/* The record, not the driver-writable array, says what is mapped. */
	m = vmk_dma_lookup(e, (u64)(uintptr_t)sg, true, 0, direction, &dir_ok);
	if (!m) {
		status = VMK_INVALID_ADDRESS;
		goto out;
	}
	mapped = m->dir;
	for (i = 0; i < m->n; i++)
		total += m->ent[i].len;
	if (!vmk_dma_flush_dir_ok(direction, m->dir) || offset >= total ||
	    (len != VMK_DMA_FLUSH_SG_ALL && (!len || len > total - offset))) {
		status = VMK_BAD_PARAM;
		goto out;
	}
	end = len == VMK_DMA_FLUSH_SG_ALL ? total : offset + len;
	for (i = 0; i < m->n && pos < end; i++) {
		u64 s = max(pos, offset);
		u64 t = min(pos + m->ent[i].len, end);

		if (s < t)
			vmk_dma_sync(e, &m->ent[i], s - pos, t - s, direction,
				     m->dir);
		pos += m->ent[i].len;
	}
out:
	spin_unlock_irqrestore(&e->lock, flags);
	vmk_dma_engine_put(e);
	if (status == VMK_INVALID_ADDRESS)
		vmk_core_bad_arg("array %p is not mapped on DMA engine %p", sg,
				 engine);
	else if (status != VMK_OK)
		vmk_core_bad_arg("flush %s at %llu length %llu of a %s mapping of %llu bytes",
				 vmk_DMADirectionToString(direction), offset,
				 len, vmk_DMADirectionToString(mapped), total);
	return status;
}
VMKAPI_EXPORT(vmk_DMAFlushSg);

VMK_ReturnStatus vmk_DMAFlushElem(vmk_DMAEngine engine,
				  vmk_DMADirection direction,
				  vmk_SgElem *IOElem)
{
	VMK_ReturnStatus status = VMK_OK;
	vmk_DMADirection mapped = VMK_DMA_DIRECTION_NONE;
	struct vmk_DMAEngineInt *e;
	struct vmk_dma_map *m;
	unsigned long flags;
	bool dir_ok;

	vmk_dma_assert_nonblocking();
	if (!IOElem) {
		vmk_core_bad_arg("NULL element");
		return VMK_BAD_PARAM;
	}
	e = vmk_dma_engine_get(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	spin_lock_irqsave(&e->lock, flags);
	m = vmk_dma_lookup(e, IOElem->ioAddr, false, IOElem->length, direction,
			   &dir_ok);
	if (!m) {
		status = VMK_INVALID_ADDRESS;
	} else if (!vmk_dma_flush_dir_ok(direction, m->dir)) {
		mapped = m->dir;
		status = VMK_BAD_PARAM;
	} else {
		vmk_dma_sync(e, &m->ent[0], 0, m->ent[0].len, direction,
			     m->dir);
	}
	spin_unlock_irqrestore(&e->lock, flags);
	vmk_dma_engine_put(e);
	if (status == VMK_INVALID_ADDRESS)
		vmk_core_bad_arg("%#llx length %u is not mapped on DMA engine %p",
				 IOElem->ioAddr, IOElem->length, engine);
	else if (status != VMK_OK)
		vmk_core_bad_arg("flush %s of a %s mapping",
				 vmk_DMADirectionToString(direction),
				 vmk_DMADirectionToString(mapped));
	return status;
}
VMKAPI_EXPORT(vmk_DMAFlushElem);

/* ---- queries ------------------------------------------------------------ */

VMK_ReturnStatus vmk_DMAGetAllocAddrConstraint(vmk_DMAEngine engine,
					       vmk_MemPhysAddrConstraint *con)
{
	struct vmk_DMAEngineInt *e;

	vmk_dma_assert_nonblocking();
	if (!con) {
		vmk_core_bad_arg("NULL constraint");
		return VMK_BAD_PARAM;
	}
	e = vmk_dma_engine_get(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	*con = e->alloc_con;
	vmk_dma_engine_put(e);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DMAGetAllocAddrConstraint);

VMK_ReturnStatus vmk_DMAEngineIsIdentityMapped(vmk_DMAEngine engine,
					       vmk_Bool *identityMapped)
{
	struct vmk_DMAEngineInt *e;

	vmk_dma_assert_nonblocking();
	if (!identityMapped) {
		vmk_core_bad_arg("NULL identityMapped");
		return VMK_BAD_PARAM;
	}
	e = vmk_dma_engine_get(engine, __func__, _RET_IP_);
	if (!e)
		return VMK_BAD_PARAM;
	*identityMapped = e->identity ? VMK_TRUE : VMK_FALSE;
	vmk_dma_engine_put(e);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_DMAEngineIsIdentityMapped);

const char *vmk_DMADirectionToString(vmk_DMADirection direction)
{
	switch (direction) {
	case VMK_DMA_DIRECTION_NONE:
		return "none";
	case VMK_DMA_DIRECTION_TO_MEMORY:
		return "to memory";
	case VMK_DMA_DIRECTION_FROM_MEMORY:
		return "from memory";
	case VMK_DMA_DIRECTION_BIDIRECTIONAL:
		return "bidirectional";
	}
	return "unknown";
}
VMKAPI_EXPORT(vmk_DMADirectionToString);

const char *vmk_DMAMapErrorReasonToString(vmk_DMAMapErrorReason reason)
{
	switch (reason) {
	case VMK_DMA_MAP_ERROR_REASON_NONE:
		return "no error";
	case VMK_DMA_MAP_ERROR_UNKNOWN:
		return "unknown error";
	case VMK_DMA_MAP_ERROR_REASON_TRANSFER_TOO_LARGE:
		return "transfer too large";
	case VMK_DMA_MAP_ERROR_REASON_TOO_MANY_ENTRIES:
		return "too many SG entries";
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_MAX_SIZE:
		return "SG element too large";
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_SIZE_MULT:
		return "SG element size not a required multiple";
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_STRADDLE:
		return "SG element straddles a boundary";
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ADDRESS:
		return "SG element beyond the address mask";
	case VMK_DMA_MAP_ERROR_REASON_SG_ELEM_ALIGNMENT:
		return "SG element misaligned";
	case VMK_DMA_MAP_ERROR_REASON_NO_IO_SPACE:
		return "out of IO address space";
	}
	return "unknown";
}
VMKAPI_EXPORT(vmk_DMAMapErrorReasonToString);

/* ---- debugfs: /sys/kernel/debug/vmkapi/dma ------------------------------ */

static int vmk_dma_debugfs_show(struct seq_file *m, void *unused)
{
	char module[VMK_MISC_NAME_MAX];
	struct vmk_DMAEngineInt *e;
	struct vmk_DMADeviceInt *d;
	unsigned long flags;

	seq_printf(m, "%-8s %-20s %-20s %-24s %-18s %-8s %s\n", "kind",
		   "name", "module", "device", "mask", "flags", "mappings");
	spin_lock_irqsave(&vmk_dma_lock, flags);
	list_for_each_entry(d, &vmk_dma_devices, link) {
		if (vmk_core_module_name(d->module, module, sizeof(module)))
			strscpy(module, "?", sizeof(module));
		seq_printf(m, "%-8s %-20s %-20s %-24s %#-18llx %-8s -\n",
			   "bridge", d->name.string, module, dev_name(d->dev),
			   d->con.addressMask, "-");
	}
	list_for_each_entry(e, &vmk_dma_engines, link) {
		if (vmk_core_module_name(e->module, module, sizeof(module)))
			strscpy(module, "?", sizeof(module));
		seq_printf(m, "%-8s %-20s %-20s %-24s %#-18llx %#-8x %u\n",
			   "engine", e->name.string, module, dev_name(e->dev),
			   e->con.addressMask, e->flags, READ_ONCE(e->nmaps));
	}
	spin_unlock_irqrestore(&vmk_dma_lock, flags);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmk_dma_debugfs);

void vmk_core_dma_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("dma", 0444, dir, NULL, &vmk_dma_debugfs_fops);
}

/*
 * For the SCSI layer (vmkapi_scsi.ko): a live engine's combined
 * constraints and its Linux device, referenced (put_device when done).
 * VMK_BAD_PARAM (logged, naming @api) for an engine that is not live.
 */
VMK_ReturnStatus vmk_core_dma_engine_info(vmk_DMAEngine engine,
					  vmk_DMAConstraints *con,
					  struct device **dev, const char *api)
{
	struct vmk_DMAEngineInt *e = vmk_dma_engine_get(engine, api,
							_RET_IP_);

	if (!e)
		return VMK_BAD_PARAM;
	*con = e->con;
	*dev = get_device(e->dev);
	vmk_dma_engine_put(e);
	return VMK_OK;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_dma_engine_info, VMKAPI_INTERNAL);
