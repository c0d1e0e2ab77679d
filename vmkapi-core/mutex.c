// SPDX-License-Identifier: GPL-2.0
/*
 * Mutexes: a Linux struct mutex each, since the VMK mutex has the same
 * contract (sleeping, owned, released by its owner).  Each creation site
 * and class name gets its own lockdep class (lock_class.c), so lockdep
 * orders a driver's mutexes by what they are rather than lumping together
 * every mutex made by vmk_MutexCreate.
 */
#include "vmkapi_core.h"

#include <linux/mutex.h>
#include <linux/string.h>

struct vmk_MutexInt {
	struct mutex mutex;
	vmk_ModuleID module;
	vmk_HeapID heap;
	struct vmk_core_resource res;
	vmk_Name className;
	struct vmk_core_lock_class *cls;
	/* A ranked mutex's domain, referenced while the mutex lives. */
	vmk_LockDomainID domain;
	vmk_MutexRank rank;
};

static VMK_ReturnStatus vmk_mutex_get(vmk_Mutex handle,
				      struct vmk_MutexInt **out,
				      const char *api, unsigned long caller)
{
	VMK_ReturnStatus status;

	status = vmk_core_handle_check(handle, VMK_CORE_HANDLE_MUTEX, "mutex",
				       api, caller);
	if (status == VMK_OK)
		*out = handle;
	return status;
}

static void vmk_mutex_free(struct vmk_MutexInt *m)
{
	if (m->domain != VMK_LOCKDOMAIN_INVALID)
		vmk_core_lock_domain_put(m->domain);
	vmk_core_resource_del(&m->res);
	mutex_destroy(&m->mutex);
	vmk_core_lock_class_put(m->cls);
	vmk_HeapFree(m->heap, m);
}

static void vmk_mutex_describe(struct vmk_core_resource *res, char *buf,
			       size_t len)
{
	struct vmk_MutexInt *m = container_of(res, struct vmk_MutexInt, res);

	snprintf(buf, len, "%s (%s)", m->className.string,
		 mutex_is_locked(&m->mutex) ? "locked" : "unlocked");
}

static void vmk_mutex_reclaim(struct vmk_core_resource *res)
{
	struct vmk_MutexInt *m = container_of(res, struct vmk_MutexInt, res);

	if (vmk_core_handle_del_detached(m, VMK_CORE_HANDLE_MUTEX))
		vmk_mutex_free(m);
}

static const struct vmk_core_resource_type vmk_mutex_type = {
	.kind = "mutex",
	.describe = vmk_mutex_describe,
	.reclaim = vmk_mutex_reclaim,
};

/*
 * A mutex is ranked when it names a lock domain.  Unranked is the domain
 * VMK_LOCKDOMAIN_INVALID with VMK_MUTEX_UNRANKED, or a zeroed pair (props
 * filled without the two fields); anything else half-set is refused.
 */
static bool vmk_mutex_ranked(const vmk_MutexCreateProps *props)
{
	return props->domain && props->domain != VMK_LOCKDOMAIN_INVALID;
}

static bool vmk_mutex_rank_ok(const vmk_MutexCreateProps *props)
{
	if (vmk_mutex_ranked(props))
		return props->rank != VMK_MUTEX_UNRANKED;
	return props->rank == VMK_MUTEX_UNRANKED ||
	       (!props->domain && !props->rank);
}

/* Undo a create that failed after the allocation. */
static void vmk_mutex_unmake(struct vmk_MutexInt *m)
{
	vmk_core_lock_class_put(m->cls);
	if (m->domain != VMK_LOCKDOMAIN_INVALID)
		vmk_core_lock_domain_put(m->domain);
	vmk_HeapFree(m->heap, m);
}

VMK_ReturnStatus vmk_MutexCreate(vmk_MutexCreateProps *props,
				 vmk_Mutex *mutex)
{
	struct vmk_MutexInt *m;
	VMK_ReturnStatus status;
	size_t len;

	if (!props || !mutex) {
		vmk_core_bad_arg("props %p mutex %p", props, mutex);
		return VMK_BAD_PARAM;
	}
	if (props->type != VMK_MUTEX) {
		vmk_core_bad_arg("mutex type %d is not VMK_MUTEX", props->type);
		return VMK_BAD_PARAM;
	}
	len = strnlen(props->className.string, VMK_MISC_NAME_MAX);
	if (len == 0 || len == VMK_MISC_NAME_MAX) {
		vmk_core_bad_arg("mutex class name is empty or unterminated");
		return VMK_INVALID_NAME;
	}
	if (props->heapID == VMK_INVALID_HEAP_ID) {
		vmk_core_bad_arg("mutex %s: no heap", props->className.string);
		return VMK_BAD_PARAM;
	}
	if (!vmk_mutex_rank_ok(props)) {
		vmk_core_bad_arg("mutex %s: domain %p with rank %u",
				 props->className.string, props->domain,
				 props->rank);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_module_is_registered(props->moduleID)) {
		vmk_core_bad_arg("mutex %s: module %d is not registered",
				 props->className.string, props->moduleID);
		return VMK_INVALID_MODULE;
	}
	if (vmk_mutex_ranked(props)) {
		status = vmk_core_lock_domain_get(props->domain);
		if (status != VMK_OK) {
			vmk_core_bad_arg("mutex %s: lock domain %p is not live",
					 props->className.string,
					 props->domain);
			return status;
		}
	}

	/* Recorded as the driver's allocation, made where it called us. */
	m = vmk_HeapAllocWithRA(props->heapID, sizeof(*m), (void *)_RET_IP_);
	if (!m) {
		if (vmk_mutex_ranked(props))
			vmk_core_lock_domain_put(props->domain);
		return VMK_NO_MEMORY;
	}
	memset(m, 0, sizeof(*m));
	m->domain = vmk_mutex_ranked(props) ? props->domain :
		    VMK_LOCKDOMAIN_INVALID;
	m->rank = vmk_mutex_ranked(props) ? props->rank : VMK_MUTEX_UNRANKED;
	m->heap = props->heapID;
	vmk_NameCopy(&m->className, &props->className);
	m->module = props->moduleID;
	m->cls = vmk_core_lock_class_get(_RET_IP_, m->className.string, 0);
	__mutex_init(&m->mutex,
		     vmk_core_lock_class_name(m->cls, m->className.string),
		     vmk_core_lock_class_key(m->cls));

	if (vmk_core_handle_add_detached(m, VMK_CORE_HANDLE_MUTEX)) {
		vmk_mutex_unmake(m);
		return VMK_NO_MEMORY;
	}
	status = vmk_core_resource_add(&m->res, &vmk_mutex_type,
				       props->moduleID);
	if (status != VMK_OK) {
		vmk_core_handle_del_detached(m, VMK_CORE_HANDLE_MUTEX);
		vmk_mutex_unmake(m);
		return status;
	}
	*mutex = m;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_MutexCreate);

void vmk_MutexDestroy(vmk_Mutex mutex)
{
	struct vmk_MutexInt *m;

	if (vmk_mutex_get(mutex, &m, __func__, _RET_IP_) != VMK_OK)
		return;
	/* Freeing a held mutex would strand its owner and its waiters. */
	if (mutex_is_locked(&m->mutex)) {
		vmk_core_bad_arg("mutex %s is locked; not destroyed",
				 m->className.string);
		return;
	}
	if (vmk_core_handle_del_detached(m, VMK_CORE_HANDLE_MUTEX))
		vmk_mutex_free(m);
}
VMKAPI_EXPORT(vmk_MutexDestroy);

VMK_ReturnStatus vmk_MutexLock(vmk_Mutex mutex)
{
	struct vmk_MutexInt *m;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	status = vmk_mutex_get(mutex, &m, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	mutex_lock(&m->mutex);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_MutexLock);

void vmk_MutexUnlock(vmk_Mutex mutex)
{
	struct vmk_MutexInt *m;

	if (vmk_mutex_get(mutex, &m, __func__, _RET_IP_) != VMK_OK)
		return;
	if (!mutex_is_locked(&m->mutex)) {
		vmk_core_bad_arg("mutex %s is not locked", m->className.string);
		return;
	}
	mutex_unlock(&m->mutex);
}
VMKAPI_EXPORT(vmk_MutexUnlock);

VMK_ReturnStatus vmk_MutexAllocSize(vmk_MutexType type, vmk_ByteCount *size,
				    vmk_ByteCount *alignment)
{
	if (type != VMK_MUTEX || !size || !alignment) {
		vmk_core_bad_arg("type %d size %p alignment %p", type, size,
				 alignment);
		return VMK_BAD_PARAM;
	}
	*size = sizeof(struct vmk_MutexInt);
	*alignment = __alignof__(struct vmk_MutexInt);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_MutexAllocSize);
