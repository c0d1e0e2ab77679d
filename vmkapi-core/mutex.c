// SPDX-License-Identifier: GPL-2.0
/*
 * Mutexes: a Linux struct mutex each, since the VMK mutex has the same
 * contract (sleeping, owned, released by its owner).  Each creation site
 * and class name gets its own lockdep class (see vmk_core_lock_class in
 * sema.c), so lockdep orders a driver's mutexes by what they are rather
 * than lumping together every mutex made by vmk_MutexCreate.
 */
#include "vmkapi_core.h"

#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

struct vmk_MutexInt {
	struct mutex mutex;
	vmk_ModuleID module;
	struct vmk_core_resource res;
	vmk_Name className;
};

/* As for semaphores: kernel memory until heaps exist. */
static void *vmk_mutex_alloc(size_t size)
{
	return kzalloc(size, GFP_NOWAIT);
}

static void vmk_mutex_mem_free(void *obj)
{
	kfree(obj);
}

static VMK_ReturnStatus vmk_mutex_get(vmk_Mutex handle,
				      struct vmk_MutexInt **out,
				      const char *api, unsigned long caller)
{
	if (!handle) {
		vmk_core_bad_arg_from(caller, "%s: NULL mutex", api);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_handle_valid(handle, VMK_CORE_HANDLE_MUTEX)) {
		vmk_core_bad_arg_from(caller, "%s: %p is not a live mutex",
				      api, handle);
		return VMK_INVALID_HANDLE;
	}
	*out = handle;
	return VMK_OK;
}

static void vmk_mutex_free(struct vmk_MutexInt *m)
{
	vmk_core_resource_del(&m->res);
	mutex_destroy(&m->mutex);
	vmk_mutex_mem_free(m);
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

	if (vmk_core_handle_del(m, VMK_CORE_HANDLE_MUTEX))
		vmk_mutex_free(m);
}

static const struct vmk_core_resource_type vmk_mutex_type = {
	.kind = "mutex",
	.describe = vmk_mutex_describe,
	.reclaim = vmk_mutex_reclaim,
};

VMK_ReturnStatus vmk_MutexCreate(vmk_MutexCreateProps *props,
				 vmk_Mutex *mutex)
{
	struct vmk_MutexInt *m;
	struct lock_class_key *key;
	const char *class_name;
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
	if (!vmk_core_module_is_registered(props->moduleID)) {
		vmk_core_bad_arg("mutex %s: module %d is not registered",
				 props->className.string, props->moduleID);
		return VMK_INVALID_MODULE;
	}

	m = vmk_mutex_alloc(sizeof(*m));
	if (!m)
		return VMK_NO_MEMORY;
	vmk_NameCopy(&m->className, &props->className);
	m->module = props->moduleID;
	key = vmk_core_lock_class(_RET_IP_, m->className.string, &class_name);
	if (!key) {
		vmk_mutex_mem_free(m);
		return VMK_NO_MEMORY;
	}
	__mutex_init(&m->mutex, class_name, key);

	if (vmk_core_handle_add(m, VMK_CORE_HANDLE_MUTEX)) {
		vmk_mutex_mem_free(m);
		return VMK_NO_MEMORY;
	}
	status = vmk_core_resource_add(&m->res, &vmk_mutex_type,
				       props->moduleID);
	if (status != VMK_OK) {
		vmk_core_handle_del(m, VMK_CORE_HANDLE_MUTEX);
		vmk_mutex_mem_free(m);
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
	if (vmk_core_handle_del(m, VMK_CORE_HANDLE_MUTEX))
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
