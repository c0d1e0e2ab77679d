// SPDX-License-Identifier: GPL-2.0
/*
 * Per-PCPU storage on Linux per-CPU memory.
 *
 * A storage is a __percpu allocation plus the count of pointers looked
 * up and not yet released.  Lookups are allowed anywhere, an interrupt
 * acknowledge included, and destroy must not free what a lookup is about
 * to count, so both take one irq-safe lock, vmk_pcpu_lock, which also
 * covers the table of live handles; a lookup is a hash probe and an
 * increment under it.
 *
 * Creation may not block: the per-CPU allocator is asked without
 * GFP_KERNEL, which makes it serve from pages it has already populated
 * (it keeps some ready for atomic callers) instead of sleeping for more.
 */
#include "vmkapi_core.h"

#include <linux/hashtable.h>
#include <linux/log2.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct vmk_PCPUStorageHandleInt {
	void __percpu *objects;
	/* Lookups not yet released; under vmk_pcpu_lock. */
	unsigned long refs;
	vmk_ByteCountSmall size;
	vmk_PCPUStorageType type;
	vmk_PCPUStorageDestructor destructor;
	vmk_AddrCookie arg;
	vmk_Name name;
	struct hlist_node node;
	struct vmk_core_resource res;
};

#define VMK_PCPU_HASH_BITS	5
static DEFINE_HASHTABLE(vmk_pcpu_storages, VMK_PCPU_HASH_BITS);
static DEFINE_SPINLOCK(vmk_pcpu_lock);

/* The storage behind @handle if it is live; vmk_pcpu_lock held. */
static struct vmk_PCPUStorageHandleInt *
vmk_pcpu_find(vmk_PCPUStorageHandle handle)
{
	struct vmk_PCPUStorageHandleInt *s;

	hash_for_each_possible(vmk_pcpu_storages, s, node,
			       (unsigned long)handle)
		if (s == handle)
			return s;
	return NULL;
}

/* Run the destructor on every possible PCPU's object before @stop. */
static void vmk_pcpu_destruct(struct vmk_PCPUStorageHandleInt *s,
			      unsigned int stop)
{
	unsigned int cpu;

	if (!s->destructor)
		return;
	for_each_possible_cpu(cpu) {
		if (cpu >= stop)
			break;
		s->destructor(cpu, per_cpu_ptr(s->objects, cpu), s->size,
			      s->arg);
	}
}

static void vmk_pcpu_free(struct vmk_PCPUStorageHandleInt *s)
{
	vmk_core_resource_del(&s->res);
	free_percpu(s->objects);
	kfree(s);
}

static void vmk_pcpu_describe(struct vmk_core_resource *res, char *buf,
			      size_t len)
{
	struct vmk_PCPUStorageHandleInt *s =
		container_of(res, struct vmk_PCPUStorageHandleInt, res);

	snprintf(buf, len, "%s (%u bytes per PCPU, %lu lookup(s) out)",
		 s->name.string, s->size, READ_ONCE(s->refs));
}

/*
 * The module is going: free the memory.  Its destructor is not called,
 * as that would run the module's code while it unloads.
 */
static void vmk_pcpu_reclaim(struct vmk_core_resource *res)
{
	struct vmk_PCPUStorageHandleInt *s =
		container_of(res, struct vmk_PCPUStorageHandleInt, res);
	unsigned long flags;
	bool live;

	spin_lock_irqsave(&vmk_pcpu_lock, flags);
	live = vmk_pcpu_find(s) == s;
	if (live)
		hash_del(&s->node);
	spin_unlock_irqrestore(&vmk_pcpu_lock, flags);
	if (live)
		vmk_pcpu_free(s);
}

static const struct vmk_core_resource_type vmk_pcpu_resource = {
	.kind = "per-PCPU storage",
	.describe = vmk_pcpu_describe,
	.reclaim = vmk_pcpu_reclaim,
};

static VMK_ReturnStatus vmk_pcpu_check_props(const vmk_PCPUStorageProps *p,
					     unsigned long caller)
{
	size_t len = strnlen(p->name.string, VMK_MISC_NAME_MAX);

	if (p->type >= VMK_PCPU_STORAGE_TYPE_MAX || !p->size ||
	    p->size > PCPU_MIN_UNIT_SIZE ||
	    (p->align && (!is_power_of_2(p->align) ||
			  p->align > PAGE_SIZE))) {
		vmk_core_bad_arg_from(caller,
				      "storage %.32s: type %d, size %u, align %u",
				      p->name.string, p->type, p->size,
				      p->align);
		return VMK_BAD_PARAM;
	}
	if (len == 0 || len == VMK_MISC_NAME_MAX) {
		vmk_core_bad_arg_from(caller,
				      "storage name is empty or unterminated");
		return VMK_INVALID_NAME;
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_PCPUStorageCreate(vmk_PCPUStorageProps *props,
				       vmk_PCPUStorageHandle *handle)
{
	struct vmk_PCPUStorageHandleInt *s;
	VMK_ReturnStatus status;
	unsigned long flags;
	unsigned int cpu;
	size_t align;

	vmk_core_assert_may_deschedule();
	if (!props || !handle) {
		vmk_core_bad_arg("props %p handle %p", props, handle);
		return VMK_BAD_PARAM;
	}
	status = vmk_pcpu_check_props(props, _RET_IP_);
	if (status != VMK_OK)
		return status;
	/* Natural alignment: that of the largest scalar that fits. */
	align = props->align ? props->align :
		min_t(size_t, rounddown_pow_of_two(props->size),
		      __alignof__(unsigned long long));

	s = kzalloc(sizeof(*s), GFP_NOWAIT | __GFP_NOWARN);
	if (!s)
		return VMK_NO_MEMORY;
	s->objects = __alloc_percpu_gfp(props->size, align,
					GFP_NOWAIT | __GFP_NOWARN);
	if (!s->objects) {
		kfree(s);
		return VMK_NO_MEMORY;
	}
	s->size = props->size;
	s->type = props->type;
	s->destructor = props->destructor;
	s->arg = props->arg;
	vmk_NameCopy(&s->name, &props->name);

	/* The allocator hands out zeroed memory: enough without a constructor. */
	if (props->constructor) {
		for_each_possible_cpu(cpu) {
			status = props->constructor(cpu,
						    per_cpu_ptr(s->objects,
								cpu),
						    s->size, s->arg);
			if (status != VMK_OK) {
				vmk_pcpu_destruct(s, cpu);
				goto err_free;
			}
		}
	}
	if (vmk_core_resource_add(&s->res, &vmk_pcpu_resource,
				  props->moduleID) != VMK_OK) {
		vmk_core_bad_arg("storage %s: module %d is not registered",
				 s->name.string, props->moduleID);
		vmk_pcpu_destruct(s, nr_cpu_ids);
		status = VMK_BAD_PARAM;
		goto err_free;
	}
	spin_lock_irqsave(&vmk_pcpu_lock, flags);
	hash_add(vmk_pcpu_storages, &s->node, (unsigned long)s);
	spin_unlock_irqrestore(&vmk_pcpu_lock, flags);
	*handle = s;
	return VMK_OK;

err_free:
	free_percpu(s->objects);
	kfree(s);
	return status;
}
VMKAPI_EXPORT(vmk_PCPUStorageCreate);

VMK_ReturnStatus vmk_PCPUStorageDestroy(vmk_PCPUStorageHandle handle)
{
	struct vmk_PCPUStorageHandleInt *s;
	unsigned long flags, refs = 0;

	vmk_core_assert_may_deschedule();
	spin_lock_irqsave(&vmk_pcpu_lock, flags);
	s = vmk_pcpu_find(handle);
	if (s) {
		refs = s->refs;
		if (!refs)
			hash_del(&s->node);
	}
	spin_unlock_irqrestore(&vmk_pcpu_lock, flags);
	if (!s) {
		vmk_core_bad_arg("%p is not a live per-PCPU storage", handle);
		return VMK_BAD_PARAM;
	}
	if (refs) {
		vmk_core_bad_arg("storage %s has %lu lookup(s) out; not destroyed",
				 s->name.string, refs);
		return VMK_BUSY;
	}
	vmk_pcpu_destruct(s, nr_cpu_ids);
	vmk_pcpu_free(s);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCPUStorageDestroy);

VMK_ReturnStatus vmk_PCPUStorageLookUp(vmk_PCPUID pcpu,
				       vmk_PCPUStorageHandle handle,
				       void **object)
{
	struct vmk_PCPUStorageHandleInt *s;
	unsigned long flags;

	if (!object || pcpu >= nr_cpu_ids || !cpu_possible(pcpu)) {
		vmk_core_bad_arg("PCPU %u, object %p", pcpu, object);
		return VMK_BAD_PARAM;
	}
	spin_lock_irqsave(&vmk_pcpu_lock, flags);
	s = vmk_pcpu_find(handle);
	if (s) {
		s->refs++;
		*object = per_cpu_ptr(s->objects, pcpu);
	}
	spin_unlock_irqrestore(&vmk_pcpu_lock, flags);
	if (!s) {
		vmk_core_bad_arg("%p is not a live per-PCPU storage", handle);
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PCPUStorageLookUp);

/* Is @object one of @s's objects? */
static bool vmk_pcpu_owns(struct vmk_PCPUStorageHandleInt *s, void *object)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (per_cpu_ptr(s->objects, cpu) == object)
			return true;
	return false;
}

VMK_ReturnStatus vmk_PCPUStorageRelease(vmk_PCPUStorageHandle handle,
					void *object)
{
	struct vmk_PCPUStorageHandleInt *s;
	VMK_ReturnStatus status = VMK_BAD_PARAM;
	unsigned long flags;

	spin_lock_irqsave(&vmk_pcpu_lock, flags);
	s = vmk_pcpu_find(handle);
	if (s && s->refs && vmk_pcpu_owns(s, object)) {
		s->refs--;
		status = VMK_OK;
	}
	spin_unlock_irqrestore(&vmk_pcpu_lock, flags);
	if (status != VMK_OK)
		vmk_core_bad_arg("%p is no outstanding object of storage %p",
				 object, handle);
	return status;
}
VMKAPI_EXPORT(vmk_PCPUStorageRelease);
