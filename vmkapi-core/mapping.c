// SPDX-License-Identifier: GPL-2.0
/*
 * Mappings of machine pages into the kernel's address space, the
 * translations between virtual and machine addresses, and copies to and
 * from user space.
 *
 * A vmk_Map mapping is a vmap() of the requested pages.  Each is
 * recorded in a hash keyed by its address (so vmk_Unmap can refuse an
 * address it never returned) and registered as a resource of the module
 * that made it, which makes a mapping left at unload visible and lets
 * the core unmap it.
 *
 * MPNs are PFNs: this kernel runs on the machine (or the guest) whose
 * physical addresses devices see, and vmk_MA is a physical address.
 */
#include "vmkapi_core.h"

#include <linux/hashtable.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

/* A bound on one mapping (4 GB with 4 KB pages), far above any ring. */
#define VMK_MAP_MAX_PAGES	(1U << 20)

#define VMK_MAPATTRS_KNOWN	(VMK_MAPATTRS_READWRITE |		\
				 VMK_MAPATTRS_EXECUTABLE |		\
				 VMK_MAPATTRS_WRITECOMBINE |		\
				 VMK_MAPATTRS_UNCACHED |		\
				 VMK_MAPATTRS_MIGHTCHANGE)

struct vmk_core_mapping {
	struct hlist_node hash_link;	/* vmk_maps, under vmk_map_lock */
	struct vmk_core_resource resource;
	void *addr;
	unsigned int npages;
	vmk_ModuleID module;
	vmk_MapAttrs attrs;
	vmk_MPN first_mpn;
};

static DEFINE_SPINLOCK(vmk_map_lock);
static DEFINE_HASHTABLE(vmk_maps, 7);

static void vmk_map_describe(struct vmk_core_resource *res, char *buf,
			     size_t len)
{
	struct vmk_core_mapping *map = container_of(res,
						    struct vmk_core_mapping,
						    resource);

	snprintf(buf, len, "%u page(s) from MPN %#llx, attributes %#llx",
		 map->npages, map->first_mpn, map->attrs);
}

/* The module is gone: nothing of it can use the mapping any more. */
static void vmk_map_reclaim(struct vmk_core_resource *res)
{
	struct vmk_core_mapping *map = container_of(res,
						    struct vmk_core_mapping,
						    resource);

	pr_warn("mapping of %u page(s) from MPN %#llx unmapped at module unload\n",
		map->npages, map->first_mpn);
	spin_lock(&vmk_map_lock);
	hash_del(&map->hash_link);
	spin_unlock(&vmk_map_lock);
	vunmap(map->addr);
	kfree(map);
}

static const struct vmk_core_resource_type vmk_map_resource = {
	.kind = "mapping",
	.describe = vmk_map_describe,
	.reclaim = vmk_map_reclaim,
};

/* RAM the kernel manages: the only memory vmk_Map and vmk_MA2VA accept. */
static bool vmk_map_pfn_is_ram(unsigned long pfn)
{
	return pfn_valid(pfn) && page_is_ram(pfn) &&
	       !PageHighMem(pfn_to_page(pfn));
}

/* VMK_OK with the page count, or the status for a malformed request. */
static VMK_ReturnStatus vmk_map_check(const vmk_MapRequest *req, u64 *total)
{
	const vmk_MpnRange *r;
	unsigned int i;
	u64 n = 0;

	if (req->mapType == VMK_MAPTYPE_DEVICE)
		return VMK_NOT_SUPPORTED;
	if (req->mapType != VMK_MAPTYPE_DEFAULT ||
	    (req->mapAttrs & ~(vmk_MapAttrs)VMK_MAPATTRS_KNOWN))
		return VMK_BAD_PARAM;
	if (req->mapAttrs & VMK_MAPATTRS_EXECUTABLE)
		return VMK_NOT_SUPPORTED;
	for (i = 0; i < req->numElements; i++) {
		r = &req->mpnRanges[i];
		if (!r->numPages)
			return VMK_BAD_PARAM;
		n += r->numPages;
		if (n > VMK_MAP_MAX_PAGES)
			return VMK_LIMIT_EXCEEDED;
	}
	*total = n;
	return VMK_OK;
}

/* The pages of @req in order, or NULL if one is not RAM. */
static struct page **vmk_map_pages(const vmk_MapRequest *req, u64 total,
				   VMK_ReturnStatus *status)
{
	struct page **pages;
	unsigned long pfn;
	unsigned int i, j;
	u64 n = 0;

	pages = kvmalloc_array(total, sizeof(*pages), GFP_KERNEL);
	if (!pages) {
		*status = VMK_NO_MEMORY;
		return NULL;
	}
	for (i = 0; i < req->numElements; i++) {
		for (j = 0; j < req->mpnRanges[i].numPages; j++) {
			pfn = req->mpnRanges[i].startMPN + j;
			if (!vmk_map_pfn_is_ram(pfn)) {
				kvfree(pages);
				*status = VMK_BAD_PARAM;
				return NULL;
			}
			pages[n++] = pfn_to_page(pfn);
		}
	}
	return pages;
}

VMK_ReturnStatus vmk_Map(vmk_ModuleID moduleID, vmk_MapRequest *req,
			 vmk_VA *va)
{
	struct vmk_core_mapping *map;
	VMK_ReturnStatus status;
	struct page **pages;
	u64 total = 0;

	vmk_core_assert_may_block();
	if (!req || !va || !req->numElements || !req->mpnRanges) {
		vmk_core_bad_arg("module %d: request %p va %p", moduleID, req,
				 va);
		return VMK_BAD_PARAM;
	}
	*va = 0;
	status = vmk_map_check(req, &total);
	if (status != VMK_OK) {
		vmk_core_bad_arg("module %d: type %d attributes %#llx, %u range(s): %s",
				 moduleID, req->mapType, req->mapAttrs,
				 req->numElements, vmk_StatusToString(status));
		return status;
	}
	pages = vmk_map_pages(req, total, &status);
	if (!pages) {
		if (status == VMK_BAD_PARAM)
			vmk_core_bad_arg("module %d: a page of the request is not RAM",
					 moduleID);
		return status;
	}

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map) {
		kvfree(pages);
		return VMK_NO_MEMORY;
	}
	map->npages = total;
	map->module = moduleID;
	map->attrs = req->mapAttrs;
	map->first_mpn = req->mpnRanges[0].startMPN;
	/*
	 * RAM is mapped write-back whatever the caching attributes say: a
	 * second mapping of RAM with another memory type than the linear
	 * map's would be a conflicting alias on x86.
	 */
	map->addr = vmap(pages, total, VM_MAP,
			 req->mapAttrs & VMK_MAPATTRS_READWRITE ?
			 PAGE_KERNEL : PAGE_KERNEL_RO);
	kvfree(pages);
	if (!map->addr) {
		kfree(map);
		return VMK_NO_MEMORY;
	}
	status = vmk_core_resource_add(&map->resource, &vmk_map_resource,
				       moduleID);
	if (status != VMK_OK) {
		vmk_core_bad_arg("module %d is not registered", moduleID);
		vunmap(map->addr);
		kfree(map);
		return status;
	}
	spin_lock(&vmk_map_lock);
	hash_add(vmk_maps, &map->hash_link, (unsigned long)map->addr);
	spin_unlock(&vmk_map_lock);
	*va = (vmk_VA)map->addr;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_Map);

void vmk_Unmap(vmk_VA va)
{
	struct vmk_core_mapping *map, *found = NULL;

	vmk_core_assert_may_block();
	spin_lock(&vmk_map_lock);
	hash_for_each_possible(vmk_maps, map, hash_link, (unsigned long)va)
		if ((vmk_VA)map->addr == va) {
			found = map;
			hash_del(&map->hash_link);
			break;
		}
	spin_unlock(&vmk_map_lock);
	if (!found) {
		vmk_core_bad_arg("%#lx is not an address vmk_Map returned", va);
		return;
	}
	vmk_core_resource_del(&found->resource);
	vunmap(found->addr);
	kfree(found);
}
VMKAPI_EXPORT(vmk_Unmap);

int vmk_core_mapping_count(vmk_ModuleID module)
{
	struct vmk_core_mapping *map;
	unsigned int bkt;
	int count = 0;

	spin_lock(&vmk_map_lock);
	hash_for_each(vmk_maps, bkt, map, hash_link)
		if (map->module == module)
			count++;
	spin_unlock(&vmk_map_lock);
	return count;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_mapping_count, VMKAPI_INTERNAL);

vmk_MA vmk_MachMemMaxAddr(void)
{
#ifdef CONFIG_X86
	return (1ULL << boot_cpu_data.x86_phys_bits) - 1;
#else
	return (1ULL << MAX_PHYSMEM_BITS) - 1;
#endif
}
VMKAPI_EXPORT(vmk_MachMemMaxAddr);

static bool vmk_va_in_modules(unsigned long addr)
{
#if defined(CONFIG_MODULES) && defined(MODULES_VADDR)
	return addr >= MODULES_VADDR && addr < MODULES_END;
#else
	return false;
#endif
}

/*
 * The PFN behind kernel address @addr, or -1UL if there is none: the
 * linear map and the kernel image translate arithmetically, vmalloc and
 * module space through the page tables.
 */
static unsigned long vmk_va_to_pfn(unsigned long addr)
{
	struct page *page;

	if (virt_addr_valid((void *)addr))
		return PHYS_PFN(virt_to_phys((void *)addr));
	if (is_vmalloc_addr((void *)addr) || vmk_va_in_modules(addr)) {
		page = vmalloc_to_page((void *)addr);
		return page ? page_to_pfn(page) : -1UL;
	}
	return -1UL;
}

VMK_ReturnStatus vmk_VA2MA(vmk_VA va, vmk_ByteCount length, vmk_MA *ma)
{
	unsigned long page, last, pfn, first_pfn = 0, prev = 0;

	if (!ma || !length || va + length - 1 < va) {
		vmk_core_bad_arg("va %#lx length %llu ma %p", va, length, ma);
		return VMK_BAD_PARAM;
	}
	last = (va + length - 1) & PAGE_MASK;
	for (page = va & PAGE_MASK;; page += PAGE_SIZE) {
		pfn = vmk_va_to_pfn(page);
		if (pfn == -1UL)
			return VMK_INVALID_ADDRESS;
		if (page == (va & PAGE_MASK))
			first_pfn = pfn;
		else if (pfn != prev + 1)
			return VMK_BAD_ADDR_RANGE;
		prev = pfn;
		if (page == last)
			break;
	}
	*ma = PFN_PHYS(first_pfn) + offset_in_page(va);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_VA2MA);

VMK_ReturnStatus vmk_MA2VA(vmk_MA ma, vmk_ByteCount length, vmk_VA *va)
{
	unsigned long pfn, last;

	if (!va || !length || ma + length - 1 < ma) {
		vmk_core_bad_arg("ma %#llx length %llu va %p", ma, length, va);
		return VMK_BAD_PARAM;
	}
	last = PHYS_PFN(ma + length - 1);
	for (pfn = PHYS_PFN(ma); pfn <= last; pfn++)
		if (!vmk_map_pfn_is_ram(pfn))
			return VMK_INVALID_ADDRESS;
	*va = (vmk_VA)phys_to_virt(ma);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_MA2VA);

vmk_MemPhysAddrConstraint vmk_MAGetConstraint(vmk_MA ma)
{
	if (ma < SZ_2G)
		return VMK_PHYS_ADDR_BELOW_2GB;
	if (ma < SZ_4G)
		return VMK_PHYS_ADDR_BELOW_4GB;
	if (ma < (512ULL << 30))
		return VMK_PHYS_ADDR_BELOW_512GB;
	return VMK_PHYS_ADDR_ANY;
}
VMKAPI_EXPORT(vmk_MAGetConstraint);

VMK_ReturnStatus vmk_CopyFromUser(vmk_VA dest, vmk_VA src, vmk_ByteCount len)
{
	vmk_core_assert_may_block();
	if (!len)
		return VMK_OK;
	if (!dest) {
		vmk_core_bad_arg("NULL destination, %llu bytes", len);
		return VMK_BAD_PARAM;
	}
	if (copy_from_user((void *)dest, (const void __user *)src, len))
		return VMK_INVALID_ADDRESS;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_CopyFromUser);

VMK_ReturnStatus vmk_CopyToUser(vmk_VA dest, vmk_VA src, vmk_ByteCount len)
{
	vmk_core_assert_may_block();
	if (!len)
		return VMK_OK;
	if (!src) {
		vmk_core_bad_arg("NULL source, %llu bytes", len);
		return VMK_BAD_PARAM;
	}
	if (copy_to_user((void __user *)dest, (const void *)src, len))
		return VMK_INVALID_ADDRESS;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_CopyToUser);
