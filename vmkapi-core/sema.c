// SPDX-License-Identifier: GPL-2.0
/*
 * Semaphores: counting, binary and readers-writer.
 *
 * Counting and binary semaphores are Linux semaphores: they have no
 * owner, so a binary semaphore may be released by another world than the
 * one that took it (which rules out struct mutex), and up() works in any
 * context.  Without an owner lockdep cannot follow them either.
 *
 * Readers-writer semaphores need an upgrade from read to write, which
 * rw_semaphore lacks, so they are built here from a spinlock and a wait
 * queue, with a lockdep map annotated like an rw_semaphore's.
 *
 * Also here, shared with mutex.c: the registry of live handles (drivers
 * hand back stale and wrong handles, and those must be refused without
 * being dereferenced) and the registry of lockdep classes, one per
 * creation call site and name.
 */
#include "vmkapi_core.h"

#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/kallsyms.h>
#include <linux/lockdep.h>
#include <linux/rculist.h>
#include <linux/semaphore.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>

/* --- counting and binary semaphores ----------------------------------------- */

struct vmk_SemaphoreInt {
	struct semaphore sem;
	bool binary;
	vmk_ModuleID module;
	vmk_HeapID heap;
	struct vmk_core_resource res;
	char name[VMK_MISC_NAME_MAX];
};

/*
 * vmkapi 2.3 semaphores come from the creating module's default heap
 * (vmk_ModuleSetHeapID), which the driver sizes with vmk_SemaAllocSize;
 * the allocation is recorded as made by the driver's create call.
 */
static void *vmk_sema_alloc(vmk_ModuleID module, size_t size,
			    vmk_HeapID *heap, VMK_ReturnStatus *status,
			    const char *api, unsigned long caller)
{
	void *obj;

	*heap = vmk_ModuleGetHeapID(module);
	if (*heap == VMK_INVALID_HEAP_ID) {
		vmk_core_bad_arg_api(api, caller, "module %d has no default heap",
				     module);
		*status = VMK_NO_MODULE_HEAP;
		return NULL;
	}
	obj = vmk_HeapAllocWithRA(*heap, size, (void *)caller);
	if (!obj) {
		*status = VMK_NO_MEMORY;
		return NULL;
	}
	memset(obj, 0, size);
	return obj;
}

/*
 * Resolve a driver's handle pointer.  Returns VMK_OK with *out set, or
 * the status to report (already logged, naming @api and the caller).
 */
static VMK_ReturnStatus vmk_sema_get(vmk_Semaphore *sema,
				     struct vmk_SemaphoreInt **out,
				     const char *api, unsigned long caller)
{
	vmk_Semaphore s = sema ? READ_ONCE(*sema) : NULL;
	VMK_ReturnStatus status;

	status = vmk_core_handle_check(s, VMK_CORE_HANDLE_SEMA, "semaphore",
				       api, caller);
	if (status == VMK_OK)
		*out = s;
	return status;
}

static void vmk_sema_free(struct vmk_SemaphoreInt *s)
{
	vmk_core_resource_del(&s->res);
	vmk_HeapFree(s->heap, s);
}

static void vmk_sema_describe(struct vmk_core_resource *res, char *buf,
			      size_t len)
{
	struct vmk_SemaphoreInt *s =
		container_of(res, struct vmk_SemaphoreInt, res);

	snprintf(buf, len, "%s (%u free)", s->name, READ_ONCE(s->sem.count));
}

static void vmk_sema_reclaim(struct vmk_core_resource *res)
{
	struct vmk_SemaphoreInt *s =
		container_of(res, struct vmk_SemaphoreInt, res);

	if (vmk_core_handle_del_detached(s, VMK_CORE_HANDLE_SEMA))
		vmk_sema_free(s);
}

static const struct vmk_core_resource_type vmk_sema_type = {
	.kind = "semaphore",
	.describe = vmk_sema_describe,
	.reclaim = vmk_sema_reclaim,
};

static const struct vmk_core_resource_type vmk_binary_sema_type = {
	.kind = "binary semaphore",
	.describe = vmk_sema_describe,
	.reclaim = vmk_sema_reclaim,
};

static VMK_ReturnStatus vmk_sema_create(vmk_Semaphore *sema,
					vmk_ModuleID module, const char *name,
					vmk_int32 value, bool binary,
					const char *api, unsigned long caller)
{
	struct vmk_SemaphoreInt *s;
	VMK_ReturnStatus status;
	vmk_HeapID heap;

	if (!sema || !name || value < 0) {
		vmk_core_bad_arg_api(api, caller, "sema %p name %p count %d",
				     sema, name, value);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_module_is_registered(module)) {
		vmk_core_bad_arg_api(api, caller,
				     "semaphore %s: module %d is not registered",
				     name, module);
		return VMK_INVALID_MODULE;
	}

	s = vmk_sema_alloc(module, sizeof(*s), &heap, &status, api, caller);
	if (!s)
		return status;
	s->heap = heap;
	sema_init(&s->sem, value);
	s->binary = binary;
	s->module = module;
	strscpy(s->name, name, sizeof(s->name));

	if (vmk_core_handle_add_detached(s, VMK_CORE_HANDLE_SEMA)) {
		vmk_HeapFree(heap, s);
		return VMK_NO_MEMORY;
	}
	status = vmk_core_resource_add(&s->res, binary ? &vmk_binary_sema_type :
				       &vmk_sema_type, module);
	if (status != VMK_OK) {
		/* The module went away meanwhile. */
		vmk_core_handle_del_detached(s, VMK_CORE_HANDLE_SEMA);
		vmk_HeapFree(heap, s);
		return status;
	}
	*sema = s;
	return VMK_OK;
}

VMK_ReturnStatus vmk_SemaCreate(vmk_Semaphore *sema, vmk_ModuleID moduleID,
				const char *name, vmk_int32 value)
{
	return vmk_sema_create(sema, moduleID, name, value, false, __func__,
			       _RET_IP_);
}
VMKAPI_EXPORT(vmk_SemaCreate);

VMK_ReturnStatus vmk_BinarySemaCreate(vmk_Semaphore *sema,
				      vmk_ModuleID moduleID, const char *name)
{
	return vmk_sema_create(sema, moduleID, name, 1, true, __func__,
			       _RET_IP_);
}
VMKAPI_EXPORT(vmk_BinarySemaCreate);

vmk_ByteCount vmk_SemaAllocSize(vmk_uint32 *alignment)
{
	if (alignment)
		*alignment = __alignof__(struct vmk_SemaphoreInt);
	return sizeof(struct vmk_SemaphoreInt);
}
VMKAPI_EXPORT(vmk_SemaAllocSize);

void vmk_SemaLock(vmk_Semaphore *sema)
{
	struct vmk_SemaphoreInt *s;

	vmk_core_assert_may_block();
	if (vmk_sema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	down(&s->sem);
}
VMKAPI_EXPORT(vmk_SemaLock);

VMK_ReturnStatus vmk_SemaTryLock(vmk_Semaphore *sema)
{
	struct vmk_SemaphoreInt *s;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	status = vmk_sema_get(sema, &s, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	return down_trylock(&s->sem) ? VMK_BUSY : VMK_OK;
}
VMKAPI_EXPORT(vmk_SemaTryLock);

void vmk_SemaUnlock(vmk_Semaphore *sema)
{
	struct vmk_SemaphoreInt *s;

	if (vmk_sema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	/*
	 * While a binary semaphore is held its count is 0 (up() hands the
	 * unit straight to a waiter), so a free unit means a double unlock,
	 * which would otherwise turn it into a counting semaphore of two.
	 */
	if (s->binary && READ_ONCE(s->sem.count)) {
		vmk_core_bad_arg("binary semaphore %s is not locked", s->name);
		return;
	}
	up(&s->sem);
}
VMKAPI_EXPORT(vmk_SemaUnlock);

static unsigned int vmk_sema_waiters(struct vmk_SemaphoreInt *s)
{
	struct list_head *pos;
	unsigned int n = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&s->sem.lock, flags);
	list_for_each(pos, &s->sem.wait_list)
		n++;
	raw_spin_unlock_irqrestore(&s->sem.lock, flags);
	return n;
}

void vmk_SemaDestroy(vmk_Semaphore *sema)
{
	struct vmk_SemaphoreInt *s;

	if (vmk_sema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	/* Freeing it under a sleeper would be a use after free in down(). */
	if (vmk_sema_waiters(s)) {
		vmk_core_bad_arg("semaphore %s still has waiters; not destroyed",
				 s->name);
		return;
	}
	/* Only one of two racing destroys gets past this. */
	if (vmk_core_handle_del_detached(s, VMK_CORE_HANDLE_SEMA))
		vmk_sema_free(s);
}
VMKAPI_EXPORT(vmk_SemaDestroy);

void vmk_SemaAssertHasState(vmk_Semaphore *sema, vmk_Bool locked)
{
	struct vmk_SemaphoreInt *s;

	if (!vmk_core_debug_checks())
		return;
	if (vmk_sema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	WARN(!READ_ONCE(s->sem.count) != !!locked,
	     "vmkapi: semaphore %s is %s, %pS expected it %s\n", s->name,
	     READ_ONCE(s->sem.count) ? "unlocked" : "locked",
	     (void *)_RET_IP_, locked ? "locked" : "unlocked");
}
VMKAPI_EXPORT(vmk_SemaAssertHasState);

int vmk_core_sema_state(vmk_Semaphore sema, unsigned int *count,
			unsigned int *waiters)
{
	struct vmk_SemaphoreInt *s = sema;

	if (!vmk_core_handle_live(s, VMK_CORE_HANDLE_SEMA))
		return -ENOENT;
	*count = READ_ONCE(s->sem.count);
	*waiters = vmk_sema_waiters(s);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_sema_state, VMKAPI_INTERNAL);

/* --- readers-writer semaphores ---------------------------------------------- */

/*
 * State under @lock.  Waiters sleep on @wait and recheck their condition
 * on every wake-up; every change that can let someone in wakes them all.
 * A pending writer or upgrader holds new readers back so that a stream of
 * readers cannot starve it.
 */
struct vmk_SemaphoreRWInt {
	spinlock_t lock;
	wait_queue_head_t wait;
	unsigned int readers;
	unsigned int readers_waiting;
	unsigned int writers_waiting;
	bool writer;
	/* A reader is waiting for the others to leave, to become writer. */
	bool upgrading;
	struct task_struct *owner;
	struct lockdep_map dep_map;
	struct vmk_core_lock_class *cls;
	vmk_ModuleID module;
	vmk_HeapID heap;
	struct vmk_core_resource res;
	char name[VMK_MISC_NAME_MAX];
};

static VMK_ReturnStatus vmk_rwsema_get(vmk_SemaphoreRW *sema,
				       struct vmk_SemaphoreRWInt **out,
				       const char *api, unsigned long caller)
{
	vmk_SemaphoreRW s = sema ? READ_ONCE(*sema) : NULL;
	VMK_ReturnStatus status;

	status = vmk_core_handle_check(s, VMK_CORE_HANDLE_RWSEMA,
				       "rw semaphore", api, caller);
	if (status == VMK_OK)
		*out = s;
	return status;
}

/* Undo a create that failed after the allocation. */
static void vmk_rwsema_unmake(struct vmk_SemaphoreRWInt *s)
{
	vmk_core_lock_class_put(s->cls);
	vmk_HeapFree(s->heap, s);
}

static void vmk_rwsema_free(struct vmk_SemaphoreRWInt *s)
{
	vmk_core_resource_del(&s->res);
	vmk_rwsema_unmake(s);
}

static void vmk_rwsema_describe(struct vmk_core_resource *res, char *buf,
				size_t len)
{
	struct vmk_SemaphoreRWInt *s =
		container_of(res, struct vmk_SemaphoreRWInt, res);

	snprintf(buf, len, "%s (%u readers%s)", s->name,
		 READ_ONCE(s->readers), READ_ONCE(s->writer) ? ", writer" : "");
}

static void vmk_rwsema_reclaim(struct vmk_core_resource *res)
{
	struct vmk_SemaphoreRWInt *s =
		container_of(res, struct vmk_SemaphoreRWInt, res);

	if (vmk_core_handle_del_detached(s, VMK_CORE_HANDLE_RWSEMA))
		vmk_rwsema_free(s);
}

static const struct vmk_core_resource_type vmk_rwsema_type = {
	.kind = "rw semaphore",
	.describe = vmk_rwsema_describe,
	.reclaim = vmk_rwsema_reclaim,
};

VMK_ReturnStatus vmk_RWSemaCreate(vmk_SemaphoreRW *sema,
				  vmk_ModuleID moduleID, const char *name)
{
	struct vmk_SemaphoreRWInt *s;
	VMK_ReturnStatus status;
	vmk_HeapID heap;

	if (!sema || !name) {
		vmk_core_bad_arg("sema %p name %p", sema, name);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_module_is_registered(moduleID)) {
		vmk_core_bad_arg("rw semaphore %s: module %d is not registered",
				 name, moduleID);
		return VMK_INVALID_MODULE;
	}

	s = vmk_sema_alloc(moduleID, sizeof(*s), &heap, &status, __func__,
			   _RET_IP_);
	if (!s)
		return status;
	s->heap = heap;
	strscpy(s->name, name, sizeof(s->name));
	s->cls = vmk_core_lock_class_get(_RET_IP_, s->name, 0);
	spin_lock_init(&s->lock);
	init_waitqueue_head(&s->wait);
	lockdep_init_map_wait(&s->dep_map,
			      vmk_core_lock_class_name(s->cls, s->name),
			      vmk_core_lock_class_key(s->cls), 0, LD_WAIT_SLEEP);
	s->module = moduleID;

	if (vmk_core_handle_add_detached(s, VMK_CORE_HANDLE_RWSEMA)) {
		vmk_rwsema_unmake(s);
		return VMK_NO_MEMORY;
	}
	status = vmk_core_resource_add(&s->res, &vmk_rwsema_type, moduleID);
	if (status != VMK_OK) {
		vmk_core_handle_del_detached(s, VMK_CORE_HANDLE_RWSEMA);
		vmk_rwsema_unmake(s);
		return status;
	}
	*sema = s;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_RWSemaCreate);

void vmk_RWSemaDestroy(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;
	unsigned long flags;
	bool busy;

	if (vmk_rwsema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	spin_lock_irqsave(&s->lock, flags);
	busy = s->readers || s->writer || s->readers_waiting ||
	       s->writers_waiting;
	spin_unlock_irqrestore(&s->lock, flags);
	if (busy) {
		vmk_core_bad_arg("rw semaphore %s is held or waited for; not destroyed",
				 s->name);
		return;
	}
	if (vmk_core_handle_del_detached(s, VMK_CORE_HANDLE_RWSEMA))
		vmk_rwsema_free(s);
}
VMKAPI_EXPORT(vmk_RWSemaDestroy);

/* Caller holds s->lock. */
static bool vmk_rwsema_read_ok(struct vmk_SemaphoreRWInt *s)
{
	return !s->writer && !s->writers_waiting && !s->upgrading;
}

/* Caller holds s->lock. */
static bool vmk_rwsema_write_ok(struct vmk_SemaphoreRWInt *s)
{
	return !s->writer && !s->readers && !s->upgrading;
}

/*
 * Lockdep is told before the wait, as for rw_semaphores, so that a wait
 * that could deadlock is reported even when it happens not to.  The
 * annotations are made outside s->lock, which would otherwise nest
 * around the semaphore's own class in some paths and not in others.
 */
void vmk_RWSemaReadLock(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;

	vmk_core_assert_may_block();
	if (vmk_rwsema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	rwsem_acquire_read(&s->dep_map, 0, 0, _RET_IP_);
	spin_lock_irq(&s->lock);
	if (!vmk_rwsema_read_ok(s)) {
		s->readers_waiting++;
		wait_event_lock_irq(s->wait, vmk_rwsema_read_ok(s), s->lock);
		s->readers_waiting--;
	}
	s->readers++;
	spin_unlock_irq(&s->lock);
}
VMKAPI_EXPORT(vmk_RWSemaReadLock);

VMK_ReturnStatus vmk_RWSemaTryReadLock(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;
	VMK_ReturnStatus status;
	unsigned long flags;

	status = vmk_rwsema_get(sema, &s, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	spin_lock_irqsave(&s->lock, flags);
	if (vmk_rwsema_read_ok(s))
		s->readers++;
	else
		status = VMK_WOULD_BLOCK;
	spin_unlock_irqrestore(&s->lock, flags);
	if (status == VMK_OK)
		rwsem_acquire_read(&s->dep_map, 0, 1, _RET_IP_);
	return status;
}
VMKAPI_EXPORT(vmk_RWSemaTryReadLock);

void vmk_RWSemaWriteLock(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;

	vmk_core_assert_may_block();
	if (vmk_rwsema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	rwsem_acquire(&s->dep_map, 0, 0, _RET_IP_);
	spin_lock_irq(&s->lock);
	if (!vmk_rwsema_write_ok(s)) {
		s->writers_waiting++;
		wait_event_lock_irq(s->wait, vmk_rwsema_write_ok(s), s->lock);
		s->writers_waiting--;
	}
	s->writer = true;
	s->owner = current;
	spin_unlock_irq(&s->lock);
}
VMKAPI_EXPORT(vmk_RWSemaWriteLock);

void vmk_RWSemaReadUnlock(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;
	unsigned long flags;
	bool held;

	if (vmk_rwsema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	spin_lock_irqsave(&s->lock, flags);
	held = s->readers;
	if (held) {
		s->readers--;
		/* The last reader out, or the last but a waiting upgrader. */
		if (!s->readers || (s->upgrading && s->readers == 1))
			wake_up_all(&s->wait);
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (!held) {
		vmk_core_bad_arg("rw semaphore %s is not read-locked", s->name);
		return;
	}
	rwsem_release(&s->dep_map, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWSemaReadUnlock);

void vmk_RWSemaWriteUnlock(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;
	unsigned long flags;
	bool held;

	if (vmk_rwsema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	spin_lock_irqsave(&s->lock, flags);
	held = s->writer;
	if (held) {
		s->writer = false;
		s->owner = NULL;
		wake_up_all(&s->wait);
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (!held) {
		vmk_core_bad_arg("rw semaphore %s is not write-locked", s->name);
		return;
	}
	rwsem_release(&s->dep_map, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWSemaWriteUnlock);

/*
 * Lockdep has no upgrade: the read hold is released and a write
 * acquisition recorded in its place.  That records every lock taken
 * after the read lock and still held as taken before this semaphore,
 * which is right: the upgrade waits for other readers, who may be
 * waiting for those locks.
 */
static void vmk_rwsema_lockdep_upgrade(struct vmk_SemaphoreRWInt *s,
				       int trylock, unsigned long ip)
{
	rwsem_release(&s->dep_map, ip);
	rwsem_acquire(&s->dep_map, 0, trylock, ip);
}

VMK_ReturnStatus vmk_RWSemaUpgradeFromRead(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	status = vmk_rwsema_get(sema, &s, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	spin_lock_irq(&s->lock);
	if (!s->readers) {
		spin_unlock_irq(&s->lock);
		vmk_core_bad_arg("rw semaphore %s is not read-locked", s->name);
		return VMK_BAD_PARAM;
	}
	if (s->upgrading) {
		/* Both would wait for the other to leave: refuse this one. */
		spin_unlock_irq(&s->lock);
		return VMK_BUSY;
	}
	/* Claimed: from here no reader or writer gets in ahead of us. */
	s->upgrading = true;
	spin_unlock_irq(&s->lock);

	vmk_rwsema_lockdep_upgrade(s, 0, _RET_IP_);

	spin_lock_irq(&s->lock);
	wait_event_lock_irq(s->wait, s->readers == 1, s->lock);
	s->upgrading = false;
	s->readers = 0;
	s->writer = true;
	s->owner = current;
	spin_unlock_irq(&s->lock);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_RWSemaUpgradeFromRead);

VMK_ReturnStatus vmk_RWSemaTryUpgradeFromRead(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;
	VMK_ReturnStatus status;
	unsigned long flags;

	status = vmk_rwsema_get(sema, &s, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	spin_lock_irqsave(&s->lock, flags);
	if (!s->readers) {
		status = VMK_BAD_PARAM;
	} else if (s->readers > 1 || s->upgrading) {
		status = VMK_BUSY;
	} else {
		s->readers = 0;
		s->writer = true;
		s->owner = current;
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (status == VMK_BAD_PARAM)
		vmk_core_bad_arg("rw semaphore %s is not read-locked", s->name);
	else if (status == VMK_OK)
		vmk_rwsema_lockdep_upgrade(s, 1, _RET_IP_);
	return status;
}
VMKAPI_EXPORT(vmk_RWSemaTryUpgradeFromRead);

void vmk_RWSemaDowngradeToRead(vmk_SemaphoreRW *sema)
{
	struct vmk_SemaphoreRWInt *s;
	unsigned long flags;
	bool held;

	if (vmk_rwsema_get(sema, &s, __func__, _RET_IP_) != VMK_OK)
		return;
	spin_lock_irqsave(&s->lock, flags);
	held = s->writer && s->owner == current;
	if (held) {
		s->writer = false;
		s->owner = NULL;
		s->readers = 1;
		/* Readers may enter now, unless a writer is queued first. */
		wake_up_all(&s->wait);
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (!held) {
		vmk_core_bad_arg("rw semaphore %s is not write-locked by the caller",
				 s->name);
		return;
	}
	lock_downgrade(&s->dep_map, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWSemaDowngradeToRead);

/* What an assertion wants the rw semaphore to be held as. */
enum vmk_rwsema_held {
	VMK_RWSEMA_READERS,
	VMK_RWSEMA_WRITER,
	VMK_RWSEMA_ANY,
};

/*
 * The assertions: warn, naming the driver's call, unless @sema is held
 * as @want.  A bad handle has been logged by the lookup already.
 */
static void vmk_rwsema_assert(vmk_SemaphoreRW *sema, enum vmk_rwsema_held want,
			      const char *api, unsigned long caller)
{
	static const char * const what[] = {
		[VMK_RWSEMA_READERS] = "has no readers",
		[VMK_RWSEMA_WRITER] = "has no writer",
		[VMK_RWSEMA_ANY] = "is not held",
	};
	struct vmk_SemaphoreRWInt *s;
	unsigned int readers;
	unsigned long flags;
	bool writer, held;

	if (!vmk_core_debug_checks() ||
	    vmk_rwsema_get(sema, &s, api, caller) != VMK_OK)
		return;
	spin_lock_irqsave(&s->lock, flags);
	readers = s->readers;
	writer = s->writer;
	spin_unlock_irqrestore(&s->lock, flags);
	held = want == VMK_RWSEMA_READERS ? readers :
	       want == VMK_RWSEMA_WRITER ? writer : readers || writer;
	WARN(!held, "vmkapi: rw semaphore %s %s (%pS)\n", s->name, what[want],
	     (void *)caller);
}

void vmk_RWSemaAssertHasReadersInt(vmk_SemaphoreRW *sema)
{
	vmk_rwsema_assert(sema, VMK_RWSEMA_READERS, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWSemaAssertHasReadersInt);

void vmk_RWSemaAssertHasWriterInt(vmk_SemaphoreRW *sema)
{
	vmk_rwsema_assert(sema, VMK_RWSEMA_WRITER, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWSemaAssertHasWriterInt);

void vmk_RWSemaAssertHasReadersWriterInt(vmk_SemaphoreRW *sema)
{
	vmk_rwsema_assert(sema, VMK_RWSEMA_ANY, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_RWSemaAssertHasReadersWriterInt);

int vmk_core_rwsema_state(vmk_SemaphoreRW sema, unsigned int *readers,
			  unsigned int *readers_waiting,
			  unsigned int *writers_waiting, bool *writer,
			  bool *upgrading)
{
	struct vmk_SemaphoreRWInt *s = sema;
	unsigned long flags;

	if (!vmk_core_handle_live(s, VMK_CORE_HANDLE_RWSEMA))
		return -ENOENT;
	spin_lock_irqsave(&s->lock, flags);
	*readers = s->readers;
	*readers_waiting = s->readers_waiting;
	*writers_waiting = s->writers_waiting;
	*writer = s->writer;
	*upgrading = s->upgrading;
	spin_unlock_irqrestore(&s->lock, flags);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_rwsema_state, VMKAPI_INTERNAL);
