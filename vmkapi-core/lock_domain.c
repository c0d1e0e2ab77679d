// SPDX-License-Identifier: GPL-2.0
/*
 * Lock domains.
 *
 * A domain is little more than an identity that ranked locks compare, plus
 * a name for the rank-violation report.  Handles come from drivers, so
 * every call that is handed one first finds it in a table of live domains:
 * a stale or made-up handle is reported instead of dereferenced.
 *
 * Each lock created in a domain holds a reference, so the domain outlives
 * its locks even when the module's leftovers are reclaimed in an order
 * the module did not intend; the creator's reference is the last one only
 * when the driver destroys its locks first, as it must.
 */
#include "vmkapi_core.h"

#include <linux/hashtable.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct vmkLockDomainInt {
	struct hlist_node node;
	/* The creator's reference plus one per lock created in the domain. */
	refcount_t refs;
	vmk_Name name;
	vmk_HeapID heap;
	struct vmk_core_resource res;
};

#define VMK_DOMAIN_HASH_BITS	5
static DEFINE_HASHTABLE(vmk_domains, VMK_DOMAIN_HASH_BITS);
/* Any context may look a domain up; irqsave keeps lockdep content. */
static DEFINE_SPINLOCK(vmk_domains_lock);

/* Caller holds vmk_domains_lock. */
static struct vmkLockDomainInt *vmk_domain_lookup(vmk_LockDomainID handle)
{
	struct vmkLockDomainInt *dom;

	hash_for_each_possible(vmk_domains, dom, node, (unsigned long)handle)
		if (dom == handle)
			return dom;
	return NULL;
}

/* From the driver's heap, charged to its vmk_LockDomainCreate call. */
static void *vmk_domain_alloc(vmk_HeapID heap, size_t size,
			      unsigned long caller)
{
	void *mem = vmk_HeapAllocWithRA(heap, size, (void *)caller);

	if (mem)
		memset(mem, 0, size);
	return mem;
}

static void vmk_domain_free(vmk_HeapID heap, void *ptr)
{
	vmk_HeapFree(heap, ptr);
}

static void vmk_domain_put(struct vmkLockDomainInt *dom)
{
	if (refcount_dec_and_test(&dom->refs))
		vmk_domain_free(dom->heap, dom);
}

static void vmk_domain_describe(struct vmk_core_resource *res, char *buf,
				size_t len)
{
	struct vmkLockDomainInt *dom =
		container_of(res, struct vmkLockDomainInt, res);

	snprintf(buf, len, "%s (%u lock(s))", dom->name.string,
		 refcount_read(&dom->refs) - 1);
}

/* Unlink @dom from the table; false if it was not there (any more). */
static bool vmk_domain_unlink(struct vmkLockDomainInt *dom, bool force,
			      unsigned int *locks)
{
	unsigned long flags;
	bool unlinked = false;

	spin_lock_irqsave(&vmk_domains_lock, flags);
	if (vmk_domain_lookup(dom)) {
		*locks = refcount_read(&dom->refs) - 1;
		if (force || *locks == 0) {
			hash_del(&dom->node);
			unlinked = true;
		}
	} else {
		*locks = 0;
	}
	spin_unlock_irqrestore(&vmk_domains_lock, flags);
	return unlinked;
}

/*
 * The module left without destroying the domain.  Its locks went first
 * (newer resources are reclaimed first); should a lock of another module
 * still use it, that lock's reference keeps the memory until it goes.
 */
static void vmk_domain_reclaim(struct vmk_core_resource *res)
{
	struct vmkLockDomainInt *dom =
		container_of(res, struct vmkLockDomainInt, res);
	unsigned int locks;

	if (!vmk_domain_unlink(dom, true, &locks))
		return;
	vmk_core_resource_del(&dom->res);
	vmk_domain_put(dom);
}

static const struct vmk_core_resource_type vmk_domain_resource = {
	.kind = "lock domain",
	.describe = vmk_domain_describe,
	.reclaim = vmk_domain_reclaim,
};

VMK_ReturnStatus vmk_LockDomainCreate(vmk_ModuleID moduleID,
				      vmk_HeapID heapID,
				      vmk_Name *name,
				      vmk_LockDomainID *domain)
{
	struct vmkLockDomainInt *dom;
	unsigned long flags;
	VMK_ReturnStatus status;
	size_t len;

	if (!name || !domain) {
		vmk_core_bad_arg("name %p domain %p", name, domain);
		return VMK_BAD_PARAM;
	}
	len = strnlen(name->string, VMK_MISC_NAME_MAX);
	if (len == 0 || len == VMK_MISC_NAME_MAX) {
		vmk_core_bad_arg("lock domain name is empty or unterminated");
		return VMK_INVALID_NAME;
	}
	dom = vmk_domain_alloc(heapID, sizeof(*dom), _RET_IP_);
	if (!dom) {
		vmk_HeapGetProps props;

		/* An unknown heap is a bad argument, as the heap calls say. */
		return vmk_HeapGetProperties(heapID, &props) == VMK_OK ?
		       VMK_NO_MEMORY : VMK_BAD_PARAM;
	}
	refcount_set(&dom->refs, 1);
	vmk_NameCopy(&dom->name, name);
	dom->heap = heapID;
	status = vmk_core_resource_add(&dom->res, &vmk_domain_resource,
				       moduleID);
	if (status != VMK_OK) {
		vmk_core_bad_arg("lock domain %s: module %d is not registered",
				 name->string, moduleID);
		vmk_domain_free(heapID, dom);
		return status;
	}
	spin_lock_irqsave(&vmk_domains_lock, flags);
	hash_add(vmk_domains, &dom->node, (unsigned long)dom);
	spin_unlock_irqrestore(&vmk_domains_lock, flags);
	*domain = dom;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_LockDomainCreate);

void vmk_LockDomainDestroy(vmk_LockDomainID domain)
{
	unsigned int locks;

	if (!vmk_domain_unlink(domain, false, &locks)) {
		if (locks)
			vmk_core_bad_arg("lock domain %p still has %u lock(s)",
					 domain, locks);
		else
			vmk_core_bad_arg("lock domain %p is not live", domain);
		return;
	}
	vmk_core_resource_del(&domain->res);
	vmk_domain_put(domain);
}
VMKAPI_EXPORT(vmk_LockDomainDestroy);

vmk_ByteCountSmall vmk_LockDomainAllocSize(void)
{
	return sizeof(struct vmkLockDomainInt);
}
VMKAPI_EXPORT(vmk_LockDomainAllocSize);

VMK_ReturnStatus vmk_core_lock_domain_get(vmk_LockDomainID domain)
{
	unsigned long flags;
	bool live;

	spin_lock_irqsave(&vmk_domains_lock, flags);
	live = vmk_domain_lookup(domain) != NULL;
	if (live)
		refcount_inc(&domain->refs);
	spin_unlock_irqrestore(&vmk_domains_lock, flags);
	return live ? VMK_OK : VMK_INVALID_HANDLE;
}

void vmk_core_lock_domain_put(vmk_LockDomainID domain)
{
	vmk_domain_put(domain);
}

const char *vmk_core_lock_domain_name(vmk_LockDomainID domain)
{
	return domain->name.string;
}

/* For the KUnit suite: is @domain a live domain? */
bool vmk_core_lock_domain_live(vmk_LockDomainID domain)
{
	unsigned long flags;
	bool live;

	spin_lock_irqsave(&vmk_domains_lock, flags);
	live = vmk_domain_lookup(domain) != NULL;
	spin_unlock_irqrestore(&vmk_domains_lock, flags);
	return live;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_lock_domain_live, VMKAPI_INTERNAL);
