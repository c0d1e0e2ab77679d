// SPDX-License-Identifier: GPL-2.0
/*
 * The driver management API (reference section 21): a driver's API
 * signature served over the core's generic netlink family "vmkapi"
 * (genl.c registers the family and appends the commands listed here;
 * uapi/vmkapi_mgmt_genl.h describes them).
 *
 * One spinlock guards every handle's lists and counters: management
 * traffic is rare and small, and vmk_MgmtCallbackInvoke, which must not
 * block, reads the session lists.  Driver code (callbacks, announce and
 * cleanup functions) always runs without it, in process context.
 *
 * Lifetime: a handle counts what runs on its behalf (callbacks, key
 * functions, session announcements and cleanups), each with a record of
 * the task that runs it.  Destroy marks the handle dying, so nothing new
 * starts, and waits for the count to drop to zero; when it is called
 * from inside one of those (the record says so) it cannot wait, and the
 * last one to finish completes the teardown instead.  Sessions and
 * instances count their own calls the same way, so a session's cleanup
 * function and an instance's removal wait for the calls that use them.
 *
 * Kernel->user callbacks are built at once (GFP_ATOMIC, any context) and
 * sent by a worker: netlink sends may allocate with GFP_KERNEL.  They go
 * by unicast to each addressed session's socket, VMK_MGMT_SESSION_ID_ALL
 * included (not to the "mgmt" multicast group, which any user could
 * join: only the sessions, opened with CAP_NET_ADMIN, see the driver's
 * callbacks).  Sessions live in the initial network namespace, where
 * genl.c reports released sockets.
 */
#include "vmkapi_core.h"
#include "vmkapi_genl.h"

#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "uapi/vmkapi_mgmt_genl.h"

/* More than any driver has; bounds the OPEN table check. */
#define VMK_MGMT_MAX_CALLBACKS	256

struct vmk_mgmt_instance {
	u64 id;
	vmk_Name name;
	vmk_HeapID heap;
	u32 ncallbacks;
	vmk_MgmtCallbackInfo *callbacks;	/* overrides, in @heap */
	unsigned int inflight;
	bool removed;
	/* Unregister waits for its calls and frees it; else the last call. */
	bool waiter;
};

struct vmk_mgmt_session {
	struct list_head link;
	u64 id;
	u32 portid;		/* the netlink socket that opened it */
	u64 cookie;		/* from the sessionAnnounceFn */
	unsigned int inflight;
};

struct vmk_mgmt_key {
	vmk_Name name;
	vmk_MgmtKeyType type;
	vmk_MgmtKeyGetFn get;
	vmk_MgmtKeySetFn set;
};

/* Something running on a handle's behalf, and who runs it. */
struct vmk_mgmt_call {
	struct list_head link;
	struct task_struct *task;
	struct vmk_mgmt_instance *inst;
	struct vmk_mgmt_session *session;
};

struct vmkMgmtHandleInt {
	struct list_head link;		/* vmk_mgmt_handles, until freed */
	u32 id;				/* user space's name for it */
	vmk_ModuleID module;
	char module_name[VMK_MISC_NAME_MAX];
	vmk_HeapID heap;
	vmk_MgmtApiSignature sig;	/* callbacks: a copy, in @heap */
	vmk_MgmtCleanupFn cleanup;
	vmk_MgmtSessionAnnounceFn announce;
	vmk_MgmtSessionCleanupFn session_cleanup;
	u64 cookie;

	struct list_head sessions;
	unsigned int nsessions;
	struct vmk_mgmt_instance *instances[VMK_MGMT_MAX_INSTANCES];
	unsigned int ninstances;
	struct vmk_mgmt_key *keys[VMK_MGMT_MAX_KEYS_PER_INSTANCE];
	unsigned int nkeys;

	struct list_head calls;
	unsigned int inflight;
	/* Destroy started: no new session or call, invisible to lookups. */
	bool dying;
	/* Someone waits for inflight == 0; else the last call finishes. */
	bool waiter;
	/* Reclaimed at unload: the module's functions are not called. */
	bool reclaimed;

	struct vmk_core_resource res;
};

/* A kernel->user callback on its way to one session's socket. */
struct vmk_mgmt_msg {
	struct list_head link;
	struct sk_buff *skb;
	u32 portid;
};

static DEFINE_SPINLOCK(vmk_mgmt_lock);
static LIST_HEAD(vmk_mgmt_handles);
static LIST_HEAD(vmk_mgmt_outbox);
static u32 vmk_mgmt_last_id;
static u64 vmk_mgmt_last_session;
static DECLARE_WAIT_QUEUE_HEAD(vmk_mgmt_waitq);
static atomic_long_t vmk_mgmt_dropped = ATOMIC_LONG_INIT(0);

/* Created with the first handle; runs asynchronous calls and delivery. */
static struct workqueue_struct *vmk_mgmt_wq;
static DEFINE_MUTEX(vmk_mgmt_wq_mutex);

static void vmk_mgmt_deliver(struct work_struct *work);
static DECLARE_WORK(vmk_mgmt_deliver_work, vmk_mgmt_deliver);

/* ---- signatures ------------------------------------------------------- */

static bool vmk_mgmt_parm_is_vector(vmk_MgmtParmType type)
{
	return type == VMK_MGMT_PARMTYPE_VECTOR_IN ||
	       type == VMK_MGMT_PARMTYPE_VECTOR_OUT ||
	       type == VMK_MGMT_PARMTYPE_VECTOR_INOUT;
}

/* Copied back to the caller after the callback ran. */
static bool vmk_mgmt_parm_is_out(vmk_MgmtParmType type)
{
	return type == VMK_MGMT_PARMTYPE_OUT ||
	       type == VMK_MGMT_PARMTYPE_INOUT ||
	       type == VMK_MGMT_PARMTYPE_VECTOR_OUT ||
	       type == VMK_MGMT_PARMTYPE_VECTOR_INOUT;
}

/* Sent by the caller. */
static bool vmk_mgmt_parm_is_in(vmk_MgmtParmType type)
{
	return type == VMK_MGMT_PARMTYPE_IN ||
	       type == VMK_MGMT_PARMTYPE_INOUT ||
	       type == VMK_MGMT_PARMTYPE_VECTOR_IN ||
	       type == VMK_MGMT_PARMTYPE_VECTOR_INOUT;
}

static bool vmk_mgmt_name_ok(const vmk_Name *name, bool may_be_empty)
{
	size_t len = strnlen(name->string, VMK_MISC_NAME_MAX);

	return len < VMK_MISC_NAME_MAX && (len || may_be_empty);
}

/* One callback of a signature; why it is wrong, or NULL. */
static const char *vmk_mgmt_check_callback(const vmk_MgmtCallbackInfo *cb)
{
	unsigned int i;

	if (cb->location != VMK_MGMT_CALLBACK_KERNEL &&
	    cb->location != VMK_MGMT_CALLBACK_USER)
		return "unknown location";
	if (cb->callbackId <= VMK_MGMT_RESERVED_CALLBACKS)
		return "reserved callback ID";
	if (cb->numParms > VMK_MGMT_MAX_CALLBACK_PARMS)
		return "too many parameters";
	if (cb->location == VMK_MGMT_CALLBACK_USER && cb->synchronous)
		return "a user callback cannot be synchronous";
	for (i = 0; i < cb->numParms; i++) {
		if ((unsigned int)cb->parmTypes[i] >
		    VMK_MGMT_PARMTYPE_VECTOR_INOUT)
			return "unknown parameter type";
		if (cb->parmSizes[i] == 0 ||
		    cb->parmSizes[i] > VMKAPI_MGMT_PARM_SIZE_MAX)
			return "parameter size 0 or too large";
		if (vmk_mgmt_parm_is_out(cb->parmTypes[i]) &&
		    (cb->location != VMK_MGMT_CALLBACK_KERNEL ||
		     !cb->synchronous))
			return "OUT parameter of a callback that is not a synchronous kernel one";
	}
	return NULL;
}

static const vmk_MgmtCallbackInfo *
vmk_mgmt_find_callback(const vmk_MgmtCallbackInfo *cbs, unsigned int n,
		       u64 id)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (cbs[i].callbackId == id)
			return &cbs[i];
	return NULL;
}

/* Same parameters (the function pointers aside). */
static bool vmk_mgmt_same_parms(const vmk_MgmtCallbackInfo *a,
				const vmk_MgmtCallbackInfo *b)
{
	unsigned int i;

	if (a->location != b->location || !a->synchronous != !b->synchronous ||
	    a->numParms != b->numParms)
		return false;
	for (i = 0; i < a->numParms; i++)
		if (a->parmSizes[i] != b->parmSizes[i] ||
		    a->parmTypes[i] != b->parmTypes[i])
			return false;
	return true;
}

/* ---- handle life ------------------------------------------------------ */

/* Under vmk_mgmt_lock. */
static bool vmk_mgmt_in_call(struct vmkMgmtHandleInt *h,
			     struct vmk_mgmt_instance *inst)
{
	struct vmk_mgmt_call *call;

	list_for_each_entry(call, &h->calls, link)
		if (call->task == current && (!inst || call->inst == inst))
			return true;
	return false;
}

/* Under vmk_mgmt_lock: @call now runs on @h's behalf. */
static void vmk_mgmt_enter(struct vmkMgmtHandleInt *h,
			   struct vmk_mgmt_call *call,
			   struct vmk_mgmt_instance *inst,
			   struct vmk_mgmt_session *session)
{
	call->task = current;
	call->inst = inst;
	call->session = session;
	list_add(&call->link, &h->calls);
	h->inflight++;
	if (inst)
		inst->inflight++;
	if (session)
		session->inflight++;
}

static void vmk_mgmt_finish(struct vmkMgmtHandleInt *h);

/* @call is over; the last one of a handle destroyed from inside finishes it. */
static void vmk_mgmt_leave(struct vmkMgmtHandleInt *h,
			   struct vmk_mgmt_call *call)
{
	struct vmk_mgmt_instance *free_inst = NULL;
	unsigned long flags;
	bool last;

	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	list_del(&call->link);
	h->inflight--;
	if (call->inst && --call->inst->inflight == 0 &&
	    call->inst->removed && !call->inst->waiter)
		free_inst = call->inst;
	if (call->session)
		call->session->inflight--;
	last = h->dying && !h->waiter && h->inflight == 0;
	wake_up_all(&vmk_mgmt_waitq);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (free_inst) {
		if (free_inst->callbacks)
			vmk_HeapFree(free_inst->heap, free_inst->callbacks);
		vmk_HeapFree(free_inst->heap, free_inst);
	}
	if (last)
		vmk_mgmt_finish(h);
}

static bool vmk_mgmt_idle(struct vmkMgmtHandleInt *h)
{
	unsigned long flags;
	bool idle;

	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	idle = h->inflight == 0;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	return idle;
}

/* Process context, no locks; @s is off the handle's list. */
static void vmk_mgmt_session_end(struct vmkMgmtHandleInt *h,
				 struct vmk_mgmt_session *s)
{
	unsigned long flags;
	bool idle;

	/* The session's cookie may be freed by its cleanup: calls first. */
	for (;;) {
		spin_lock_irqsave(&vmk_mgmt_lock, flags);
		idle = s->inflight == 0;
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		if (idle)
			break;
		wait_event(vmk_mgmt_waitq, READ_ONCE(s->inflight) == 0);
	}
	if (h->session_cleanup && !h->reclaimed)
		h->session_cleanup(h, h->cookie, s->id,
				   (vmk_AddrCookie)(vmk_VA)s->cookie);
	vmk_HeapFree(h->heap, s);
}

/*
 * Nothing runs on @h's behalf and nothing new can start: end the
 * sessions, free everything, then tell the driver.  Process context.
 */
static void vmk_mgmt_finish(struct vmkMgmtHandleInt *h)
{
	vmk_MgmtCleanupFn cleanup = h->reclaimed ? NULL : h->cleanup;
	struct vmk_mgmt_session *s;
	vmk_HeapID heap = h->heap;
	u64 cookie = h->cookie;
	unsigned long flags;
	unsigned int i;

	for (;;) {
		spin_lock_irqsave(&vmk_mgmt_lock, flags);
		s = list_first_entry_or_null(&h->sessions,
					     struct vmk_mgmt_session, link);
		if (s) {
			list_del(&s->link);
			h->nsessions--;
		}
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		if (!s)
			break;
		vmk_mgmt_session_end(h, s);
	}
	for (i = 0; i < h->ninstances; i++) {
		struct vmk_mgmt_instance *inst = h->instances[i];

		if (inst->callbacks)
			vmk_HeapFree(inst->heap, inst->callbacks);
		vmk_HeapFree(inst->heap, inst);
	}
	for (i = 0; i < h->nkeys; i++)
		vmk_HeapFree(heap, h->keys[i]);
	vmk_core_resource_del(&h->res);
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	list_del(&h->link);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (h->sig.callbacks)
		vmk_HeapFree(heap, h->sig.callbacks);
	vmk_HeapFree(heap, h);
	/* For a reclaim waiting on another task's teardown. */
	wake_up_all(&vmk_mgmt_waitq);
	if (cleanup)
		cleanup(cookie);
}

/*
 * Start the teardown of @h, which the caller took out of the handle
 * table (so only one caller gets here).  Waits unless called from
 * inside one of @h's calls.
 */
static void vmk_mgmt_teardown(struct vmkMgmtHandleInt *h, bool reclaim)
{
	unsigned long flags;
	bool self;

	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h->dying = true;
	h->reclaimed = reclaim;
	self = vmk_mgmt_in_call(h, NULL);
	h->waiter = !self;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (self)
		return;
	wait_event(vmk_mgmt_waitq, vmk_mgmt_idle(h));
	vmk_mgmt_finish(h);
}

static bool vmk_mgmt_listed(struct vmkMgmtHandleInt *h)
{
	struct vmkMgmtHandleInt *it;
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	list_for_each_entry(it, &vmk_mgmt_handles, link)
		if (it == h)
			found = true;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	return found;
}

static void vmk_mgmt_describe(struct vmk_core_resource *res, char *buf,
			      size_t len)
{
	struct vmkMgmtHandleInt *h = container_of(res, struct vmkMgmtHandleInt,
						  res);

	snprintf(buf, len, "management handle %s (%u session(s))",
		 h->sig.name.string, READ_ONCE(h->nsessions));
}

static void vmk_mgmt_reclaim(struct vmk_core_resource *res)
{
	struct vmkMgmtHandleInt *h = container_of(res, struct vmkMgmtHandleInt,
						  res);

	if (vmk_core_handle_del_detached(h, VMK_CORE_HANDLE_MGMT)) {
		vmk_mgmt_teardown(h, true);
		return;
	}
	/*
	 * Destroyed from one of its own callbacks, which still runs: the
	 * module's code must stay until that call has returned.
	 */
	wait_event(vmk_mgmt_waitq, !vmk_mgmt_listed(h));
}

static const struct vmk_core_resource_type vmk_mgmt_type = {
	.kind = "management handle",
	.describe = vmk_mgmt_describe,
	.reclaim = vmk_mgmt_reclaim,
};

static VMK_ReturnStatus vmk_mgmt_get(vmk_MgmtHandle handle, const char *api,
				     unsigned long caller)
{
	return vmk_core_handle_check(handle, VMK_CORE_HANDLE_MGMT,
				     "management handle", api, caller);
}

static int vmk_mgmt_wq_get(void)
{
	int ret = 0;

	mutex_lock(&vmk_mgmt_wq_mutex);
	if (!vmk_mgmt_wq) {
		/* Callbacks may block for long: unbound, not per CPU. */
		vmk_mgmt_wq = alloc_workqueue("vmk-mgmt", WQ_UNBOUND, 0);
		if (!vmk_mgmt_wq)
			ret = -ENOMEM;
	}
	mutex_unlock(&vmk_mgmt_wq_mutex);
	return ret;
}

VMK_ReturnStatus vmk_MgmtInit(vmk_MgmtProps *props, vmk_MgmtHandle *handle)
{
	struct vmkMgmtHandleInt *h, *other;
	const vmk_MgmtApiSignature *sig;
	vmk_HeapGetProps heap_props;
	VMK_ReturnStatus status;
	unsigned long flags;
	const char *why;
	int i, j;

	vmk_core_assert_may_block();
	if (!props || !handle || !props->sig) {
		vmk_core_bad_arg("props %p handle %p sig %p", props, handle,
				 props ? props->sig : NULL);
		return VMK_BAD_PARAM;
	}
	sig = props->sig;
	if (!vmk_core_module_is_registered(props->modId)) {
		vmk_core_bad_arg("module %d is not registered", props->modId);
		return VMK_BAD_PARAM;
	}
	if (props->heapId == VMK_INVALID_HEAP_ID ||
	    vmk_HeapGetProperties(props->heapId, &heap_props) != VMK_OK) {
		vmk_core_bad_arg("heap %p is not live", props->heapId);
		return VMK_BAD_PARAM;
	}
	if (!vmk_mgmt_name_ok(&sig->name, false) ||
	    !vmk_mgmt_name_ok(&sig->vendor, true)) {
		vmk_core_bad_arg("signature name or vendor empty or unterminated");
		return VMK_BAD_PARAM;
	}
	if (sig->numCallbacks < 0 || sig->numCallbacks > VMK_MGMT_MAX_CALLBACKS ||
	    (sig->numCallbacks && !sig->callbacks)) {
		vmk_core_bad_arg("signature %s: %d callbacks at %p",
				 sig->name.string, sig->numCallbacks,
				 sig->callbacks);
		return VMK_BAD_PARAM;
	}
	for (i = 0; i < sig->numCallbacks; i++) {
		const vmk_MgmtCallbackInfo *cb = &sig->callbacks[i];

		why = vmk_mgmt_check_callback(cb);
		if (!why && cb->location == VMK_MGMT_CALLBACK_KERNEL &&
		    !cb->callback)
			why = "kernel callback without a function";
		for (j = 0; !why && j < i; j++)
			if (sig->callbacks[j].callbackId == cb->callbackId)
				why = "callback ID used twice";
		if (why) {
			vmk_core_bad_arg("signature %s: callback %llu: %s",
					 sig->name.string, cb->callbackId, why);
			return VMK_BAD_PARAM;
		}
	}
	if (vmk_mgmt_wq_get())
		return VMK_NO_MEMORY;

	h = vmk_HeapAllocWithRA(props->heapId, sizeof(*h), (void *)_RET_IP_);
	if (!h)
		return VMK_NO_MEMORY;
	memset(h, 0, sizeof(*h));
	if (sig->numCallbacks) {
		size_t size = sig->numCallbacks * sizeof(*sig->callbacks);

		h->sig.callbacks = vmk_HeapAllocWithRA(props->heapId, size,
						       (void *)_RET_IP_);
		if (!h->sig.callbacks) {
			vmk_HeapFree(props->heapId, h);
			return VMK_NO_MEMORY;
		}
		memcpy(h->sig.callbacks, sig->callbacks, size);
	}
	h->sig.version = sig->version;
	h->sig.name = sig->name;
	h->sig.vendor = sig->vendor;
	h->sig.numCallbacks = sig->numCallbacks;
	h->module = props->modId;
	if (vmk_core_module_name(props->modId, h->module_name,
				 sizeof(h->module_name)))
		strscpy(h->module_name, "?", sizeof(h->module_name));
	h->heap = props->heapId;
	h->cleanup = props->cleanupFn;
	h->announce = props->sessionAnnounceFn;
	h->session_cleanup = props->sessionCleanupFn;
	h->cookie = props->handleCookie;
	INIT_LIST_HEAD(&h->sessions);
	INIT_LIST_HEAD(&h->calls);

	status = vmk_core_resource_add(&h->res, &vmk_mgmt_type, h->module);
	if (status != VMK_OK)
		goto free;
	if (vmk_core_handle_add_detached(h, VMK_CORE_HANDLE_MGMT)) {
		status = VMK_NO_MEMORY;
		goto del_res;
	}
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	list_for_each_entry(other, &vmk_mgmt_handles, link) {
		if (!other->dying &&
		    !strcmp(other->sig.name.string, sig->name.string) &&
		    !strcmp(other->sig.vendor.string, sig->vendor.string)) {
			spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
			vmk_core_bad_arg("signature %s (vendor %s) is served already",
					 sig->name.string, sig->vendor.string);
			status = VMK_EXISTS;
			goto del_handle;
		}
	}
	/* u32 ids wrap after four billion handles; skip 0 and live ones. */
	do {
		h->id = ++vmk_mgmt_last_id;
		list_for_each_entry(other, &vmk_mgmt_handles, link)
			if (other->id == h->id)
				h->id = 0;
	} while (!h->id);
	list_add_tail(&h->link, &vmk_mgmt_handles);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	*handle = h;
	return VMK_OK;

del_handle:
	vmk_core_handle_del_detached(h, VMK_CORE_HANDLE_MGMT);
del_res:
	vmk_core_resource_del(&h->res);
free:
	if (h->sig.callbacks)
		vmk_HeapFree(h->heap, h->sig.callbacks);
	vmk_HeapFree(h->heap, h);
	return status;
}
VMKAPI_EXPORT(vmk_MgmtInit);

VMK_ReturnStatus vmk_MgmtDestroy(vmk_MgmtHandle handle)
{
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	status = vmk_mgmt_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	/* Of two racing destroys (or a destroy and a reclaim) one wins. */
	if (!vmk_core_handle_del_detached(handle, VMK_CORE_HANDLE_MGMT)) {
		vmk_core_bad_arg("management handle %p is being destroyed",
				 handle);
		return VMK_INVALID_HANDLE;
	}
	vmk_mgmt_teardown(handle, false);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_MgmtDestroy);

/* ---- instances and keys ----------------------------------------------- */

static int vmk_mgmt_instance_index(struct vmkMgmtHandleInt *h, u64 id)
{
	unsigned int i;

	for (i = 0; i < h->ninstances; i++)
		if (h->instances[i]->id == id)
			return i;
	return -1;
}

VMK_ReturnStatus
vmk_MgmtRegisterInstanceCallbacks(vmk_MgmtHandle handle, vmk_uint64 instanceId,
				  vmk_ModuleID modId, vmk_HeapID heapId,
				  vmk_Name *displayName,
				  vmk_uint32 numCallbacks,
				  vmk_MgmtCallbackInfo *callbacks)
{
	struct vmkMgmtHandleInt *h = handle;
	struct vmk_mgmt_instance *inst;
	vmk_HeapGetProps heap_props;
	VMK_ReturnStatus status;
	unsigned long flags;
	const char *why;
	u32 i, j;

	vmk_core_assert_may_block();
	status = vmk_mgmt_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (instanceId == VMK_MGMT_NO_INSTANCE_ID || !displayName ||
	    !vmk_mgmt_name_ok(displayName, false)) {
		vmk_core_bad_arg("%s: instance %llu, display name missing, empty or unterminated",
				 h->sig.name.string, instanceId);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_module_is_registered(modId) ||
	    heapId == VMK_INVALID_HEAP_ID ||
	    vmk_HeapGetProperties(heapId, &heap_props) != VMK_OK) {
		vmk_core_bad_arg("%s: instance %llu: module %d or heap %p is not live",
				 h->sig.name.string, instanceId, modId, heapId);
		return VMK_BAD_PARAM;
	}
	if (numCallbacks > (u32)h->sig.numCallbacks ||
	    (numCallbacks && !callbacks)) {
		vmk_core_bad_arg("%s: instance %llu: %u callbacks at %p",
				 h->sig.name.string, instanceId, numCallbacks,
				 callbacks);
		return VMK_BAD_PARAM;
	}
	for (i = 0; i < numCallbacks; i++) {
		const vmk_MgmtCallbackInfo *cb = &callbacks[i];
		const vmk_MgmtCallbackInfo *base;

		base = vmk_mgmt_find_callback(h->sig.callbacks,
					      h->sig.numCallbacks,
					      cb->callbackId);
		why = NULL;
		if (!base || base->location != VMK_MGMT_CALLBACK_KERNEL)
			why = "not a kernel callback of the signature";
		else if (!vmk_mgmt_same_parms(cb, base))
			why = "parameters differ from the signature's";
		else if (!cb->callback)
			why = "no function";
		for (j = 0; !why && j < i; j++)
			if (callbacks[j].callbackId == cb->callbackId)
				why = "given twice";
		if (why) {
			vmk_core_bad_arg("%s: instance %llu: callback %llu: %s",
					 h->sig.name.string, instanceId,
					 cb->callbackId, why);
			return VMK_BAD_PARAM;
		}
	}

	inst = vmk_HeapAllocWithRA(heapId, sizeof(*inst), (void *)_RET_IP_);
	if (!inst)
		return VMK_NO_MEMORY;
	memset(inst, 0, sizeof(*inst));
	if (numCallbacks) {
		inst->callbacks = vmk_HeapAllocWithRA(heapId,
						      numCallbacks * sizeof(*callbacks),
						      (void *)_RET_IP_);
		if (!inst->callbacks) {
			vmk_HeapFree(heapId, inst);
			return VMK_NO_MEMORY;
		}
		memcpy(inst->callbacks, callbacks,
		       numCallbacks * sizeof(*callbacks));
	}
	inst->id = instanceId;
	inst->name = *displayName;
	inst->heap = heapId;
	inst->ncallbacks = numCallbacks;

	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	if (h->dying)
		status = VMK_INVALID_HANDLE;
	else if (vmk_mgmt_instance_index(h, instanceId) >= 0)
		status = VMK_EXISTS;
	else if (h->ninstances == VMK_MGMT_MAX_INSTANCES)
		status = VMK_LIMIT_EXCEEDED;
	else
		h->instances[h->ninstances++] = inst;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (status != VMK_OK) {
		vmk_core_bad_arg("%s: instance %llu: %s", h->sig.name.string,
				 instanceId, vmk_StatusToString(status));
		if (inst->callbacks)
			vmk_HeapFree(heapId, inst->callbacks);
		vmk_HeapFree(heapId, inst);
	}
	return status;
}
VMKAPI_EXPORT(vmk_MgmtRegisterInstanceCallbacks);

VMK_ReturnStatus vmk_MgmtUnregisterInstanceCallbacks(vmk_MgmtHandle handle,
						     vmk_uint64 instanceId)
{
	struct vmkMgmtHandleInt *h = handle;
	struct vmk_mgmt_instance *inst;
	VMK_ReturnStatus status;
	unsigned long flags;
	bool wait;
	int i;

	vmk_core_assert_may_block();
	status = vmk_mgmt_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	i = h->dying ? -1 : vmk_mgmt_instance_index(h, instanceId);
	if (i < 0) {
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		vmk_core_bad_arg("%s: instance %llu is not registered",
				 h->sig.name.string, instanceId);
		return VMK_BAD_PARAM;
	}
	inst = h->instances[i];
	h->instances[i] = h->instances[--h->ninstances];
	inst->removed = true;
	/* From one of its own calls: the last of them frees it. */
	wait = !inst->inflight || !vmk_mgmt_in_call(h, inst);
	inst->waiter = wait;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (!wait)
		return VMK_OK;
	wait_event(vmk_mgmt_waitq, READ_ONCE(inst->inflight) == 0);
	/* The last call woke us under the lock: let it be done with inst. */
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (inst->callbacks)
		vmk_HeapFree(inst->heap, inst->callbacks);
	vmk_HeapFree(inst->heap, inst);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_MgmtUnregisterInstanceCallbacks);

VMK_ReturnStatus vmk_MgmtAddKey(vmk_MgmtHandle handle, vmk_MgmtKeyType keyType,
				vmk_Name *keyName, vmk_MgmtKeyGetFn getFn,
				vmk_MgmtKeySetFn setFn)
{
	struct vmkMgmtHandleInt *h = handle;
	struct vmk_mgmt_key *key;
	VMK_ReturnStatus status;
	unsigned long flags;
	unsigned int i;

	vmk_core_assert_may_block();
	status = vmk_mgmt_get(handle, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if ((keyType != VMK_MGMT_KEY_TYPE_LONG &&
	     keyType != VMK_MGMT_KEY_TYPE_STRING) || !keyName ||
	    !vmk_mgmt_name_ok(keyName, false) || !getFn || !setFn) {
		vmk_core_bad_arg("%s: key type %d name %p get %p set %p",
				 h->sig.name.string, keyType, keyName, getFn,
				 setFn);
		return VMK_BAD_PARAM;
	}
	key = vmk_HeapAllocWithRA(h->heap, sizeof(*key), (void *)_RET_IP_);
	if (!key)
		return VMK_NO_MEMORY;
	key->name = *keyName;
	key->type = keyType;
	key->get = getFn;
	key->set = setFn;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	for (i = 0; i < h->nkeys; i++)
		if (!strcmp(h->keys[i]->name.string, keyName->string))
			status = VMK_EXISTS;
	if (h->dying)
		status = VMK_INVALID_HANDLE;
	else if (status == VMK_OK && h->nkeys == VMK_MGMT_MAX_KEYS_PER_INSTANCE)
		status = VMK_LIMIT_EXCEEDED;
	if (status == VMK_OK)
		h->keys[h->nkeys++] = key;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (status != VMK_OK) {
		vmk_core_bad_arg("%s: key %s: %s", h->sig.name.string,
				 keyName->string, vmk_StatusToString(status));
		vmk_HeapFree(h->heap, key);
	}
	return status;
}
VMKAPI_EXPORT(vmk_MgmtAddKey);

/* ---- kernel -> user --------------------------------------------------- */

/* What drivers call (a macro around vmk_MgmtCallbackInvokeInt). */
#define VMK_MGMT_INVOKE	"vmk_MgmtCallbackInvoke"

static void vmk_mgmt_deliver(struct work_struct *work)
{
	struct vmk_mgmt_msg *msg;
	unsigned long flags;
	int ret;

	for (;;) {
		spin_lock_irqsave(&vmk_mgmt_lock, flags);
		msg = list_first_entry_or_null(&vmk_mgmt_outbox,
					       struct vmk_mgmt_msg, link);
		if (msg)
			list_del(&msg->link);
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		if (!msg)
			break;
		ret = genlmsg_unicast(&init_net, msg->skb, msg->portid);
		/* A full socket: the tool does not serve its callbacks. */
		if (ret < 0)
			atomic_long_inc(&vmk_mgmt_dropped);
		kfree(msg);
	}
}

VMK_ReturnStatus vmk_MgmtCallbackInvokeInt(vmk_MgmtHandle handle,
					   vmk_MgmtEnvelope *envelope,
					   vmk_uint64 callbackId,
					   vmk_uint32 argCount, ...)
{
	void *parms[VMK_MGMT_MAX_CALLBACK_PARMS] = { NULL };
	size_t lens[VMK_MGMT_MAX_CALLBACK_PARMS] = { 0 };
	const void *data[VMK_MGMT_MAX_CALLBACK_PARMS] = { NULL };
	struct vmkMgmtHandleInt *h = handle;
	const vmk_MgmtCallbackInfo *cb;
	struct vmk_mgmt_msg *msg, *next;
	struct vmk_mgmt_session *s;
	VMK_ReturnStatus status;
	LIST_HEAD(batch);
	struct sk_buff *skb;
	struct nlattr *nest;
	unsigned long flags;
	size_t size = 0;
	va_list ap;
	void *hdr;
	u32 i;

	status = vmk_mgmt_get(handle, VMK_MGMT_INVOKE, _RET_IP_);
	if (status != VMK_OK)
		return status;
	cb = vmk_mgmt_find_callback(h->sig.callbacks, h->sig.numCallbacks,
				    callbackId);
	if (!envelope || !cb || cb->location != VMK_MGMT_CALLBACK_USER ||
	    argCount != cb->numParms) {
		vmk_core_bad_arg_api(VMK_MGMT_INVOKE, _RET_IP_,
				     "%s: envelope %p, callback %llu (%s) with %u parameter(s)",
				     h->sig.name.string, envelope, callbackId,
				     !cb ? "unknown" :
				     cb->location != VMK_MGMT_CALLBACK_USER ?
				     "not a user callback" : "known", argCount);
		return VMK_BAD_PARAM;
	}
	va_start(ap, argCount);
	for (i = 0; i < argCount; i++)
		parms[i] = va_arg(ap, void *);
	va_end(ap);
	for (i = 0; i < argCount; i++) {
		if (!parms[i]) {
			vmk_core_bad_arg_api(VMK_MGMT_INVOKE, _RET_IP_,
					     "%s: callback %llu: parameter %u is NULL",
					     h->sig.name.string, callbackId,
					     i + 1);
			return VMK_BAD_PARAM;
		}
		if (vmk_mgmt_parm_is_vector(cb->parmTypes[i])) {
			vmk_MgmtVectorParm *v = parms[i];

			if (v->length > VMKAPI_MGMT_PARM_SIZE_MAX ||
			    v->length % cb->parmSizes[i] ||
			    (v->length && !v->dataPtr)) {
				vmk_core_bad_arg_api(VMK_MGMT_INVOKE, _RET_IP_,
						     "%s: callback %llu: vector %u of %llu bytes at %p",
						     h->sig.name.string,
						     callbackId, i + 1,
						     v->length, v->dataPtr);
				return VMK_BAD_PARAM;
			}
			lens[i] = v->length;
			data[i] = v->dataPtr;
		} else {
			lens[i] = cb->parmSizes[i];
			data[i] = parms[i];
		}
		size += nla_total_size(lens[i]);
	}

	size += nla_total_size(sizeof(u32)) + 3 * nla_total_size_64bit(8) +
		nla_total_size(0);
	skb = genlmsg_new(size, GFP_ATOMIC);
	if (!skb)
		return VMK_NO_MEMORY;
	hdr = genlmsg_put(skb, 0, 0, &vmk_core_genl_family, 0,
			  VMKAPI_CMD_MGMT_CALLBACK);
	if (!hdr)
		goto nospace;
	if (nla_put_u32(skb, VMKAPI_MGMT_ATTR_HANDLE, h->id) ||
	    nla_put_u64_64bit(skb, VMKAPI_MGMT_ATTR_SESSION,
			      envelope->sessionId, VMKAPI_MGMT_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_MGMT_ATTR_INSTANCE,
			      envelope->instanceId, VMKAPI_MGMT_ATTR_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_MGMT_ATTR_CALLBACK, callbackId,
			      VMKAPI_MGMT_ATTR_PAD))
		goto nospace;
	nest = nla_nest_start(skb, VMKAPI_MGMT_ATTR_PARMS);
	if (!nest)
		goto nospace;
	for (i = 0; i < argCount; i++)
		if (nla_put(skb, VMKAPI_MGMT_PARM_1 + i, lens[i], data[i]))
			goto nospace;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);

	status = VMK_NOT_FOUND;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	if (h->dying) {
		status = VMK_INVALID_HANDLE;
		goto unlock;
	}
	list_for_each_entry(s, &h->sessions, link) {
		if (envelope->sessionId != VMK_MGMT_SESSION_ID_ALL &&
		    envelope->sessionId != s->id)
			continue;
		msg = kmalloc(sizeof(*msg), GFP_ATOMIC);
		if (msg)
			msg->skb = skb_clone(skb, GFP_ATOMIC);
		if (!msg || !msg->skb) {
			kfree(msg);
			status = VMK_NO_MEMORY;
			break;
		}
		msg->portid = s->portid;
		list_add_tail(&msg->link, &batch);
		status = VMK_OK;
	}
	if (status == VMK_OK) {
		list_splice_tail(&batch, &vmk_mgmt_outbox);
		queue_work(vmk_mgmt_wq, &vmk_mgmt_deliver_work);
	}
unlock:
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	/* The clones share the data; free what was not queued. */
	if (status != VMK_OK) {
		list_for_each_entry_safe(msg, next, &batch, link) {
			nlmsg_free(msg->skb);
			kfree(msg);
		}
	}
	nlmsg_free(skb);
	return status;

nospace:
	nlmsg_free(skb);
	return VMK_NO_MEMORY;
}
VMKAPI_EXPORT(vmk_MgmtCallbackInvokeInt);

/* ---- generic netlink: lookups ----------------------------------------- */

/* Under vmk_mgmt_lock: the live handle user space calls @id. */
static struct vmkMgmtHandleInt *vmk_mgmt_find_id(u32 id)
{
	struct vmkMgmtHandleInt *h;

	list_for_each_entry(h, &vmk_mgmt_handles, link)
		if (h->id == id && !h->dying)
			return h;
	return NULL;
}

/* Under vmk_mgmt_lock: the live handle serving @name (and @vendor). */
static struct vmkMgmtHandleInt *vmk_mgmt_find_name(const char *name,
						   const char *vendor)
{
	struct vmkMgmtHandleInt *h;

	list_for_each_entry(h, &vmk_mgmt_handles, link)
		if (!h->dying && !strcmp(h->sig.name.string, name) &&
		    (!vendor || !*vendor ||
		     !strcmp(h->sig.vendor.string, vendor)))
			return h;
	return NULL;
}

static struct vmk_mgmt_session *
vmk_mgmt_find_session(struct vmkMgmtHandleInt *h, u64 id)
{
	struct vmk_mgmt_session *s;

	list_for_each_entry(s, &h->sessions, link)
		if (s->id == id)
			return s;
	return NULL;
}

/* An extack message chosen at run time (@msg: a string literal). */
static void vmk_mgmt_err(struct netlink_ext_ack *extack, const char *msg)
{
	if (extack)
		extack->_msg = msg;
}

/* 0, or -EINVAL with @msg (a literal) when @attr is missing. */
#define vmk_mgmt_need(info, attr, msg) ({				\
	int __ret = 0;							\
	if (!(info)->attrs[attr]) {					\
		NL_SET_ERR_MSG((info)->extack, msg);			\
		NL_SET_ERR_ATTR_MISS((info)->extack, NULL, attr);	\
		__ret = -EINVAL;					\
	}								\
	__ret;								\
})

/* The VMK status behind a refusal, for the extended ack's cookie. */
static void vmk_mgmt_set_status(struct genl_info *info,
				VMK_ReturnStatus status)
{
	u32 value = status;

	if (info->extack) {
		memcpy(info->extack->cookie, &value, sizeof(value));
		info->extack->cookie_len = sizeof(value);
	}
}

/* ---- generic netlink: listing (unprivileged) --------------------------- */

static int vmk_mgmt_fill_handle(struct sk_buff *skb, u32 portid, u32 seq,
				int flags, struct vmkMgmtHandleInt *h)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vmk_core_genl_family, flags,
			  VMKAPI_CMD_MGMT_LIST);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VMKAPI_MGMT_ATTR_HANDLE, h->id) ||
	    nla_put_string(skb, VMKAPI_MGMT_ATTR_NAME, h->sig.name.string) ||
	    nla_put_string(skb, VMKAPI_MGMT_ATTR_VENDOR,
			   h->sig.vendor.string) ||
	    nla_put_u32(skb, VMKAPI_MGMT_ATTR_VERSION, h->sig.version) ||
	    nla_put_string(skb, VMKAPI_MGMT_ATTR_MODULE, h->module_name) ||
	    nla_put_u32(skb, VMKAPI_MGMT_ATTR_NUM_CALLBACKS,
			h->sig.numCallbacks) ||
	    nla_put_u32(skb, VMKAPI_MGMT_ATTR_NUM_SESSIONS, h->nsessions) ||
	    nla_put_u32(skb, VMKAPI_MGMT_ATTR_NUM_INSTANCES, h->ninstances) ||
	    nla_put_u32(skb, VMKAPI_MGMT_ATTR_NUM_KEYS, h->nkeys)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vmk_mgmt_nl_list_dump(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct vmkMgmtHandleInt *h;
	unsigned long flags;
	u32 last = cb->args[0];
	int ret = 0;

	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	list_for_each_entry(h, &vmk_mgmt_handles, link) {
		/* Ids grow along the list (until u32 wraps: not a concern). */
		if (h->dying || h->id <= last)
			continue;
		ret = vmk_mgmt_fill_handle(skb, NETLINK_CB(cb->skb).portid,
					   cb->nlh->nlmsg_seq, NLM_F_MULTI, h);
		if (ret)
			break;
		cb->args[0] = h->id;
	}
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	/* Full: the caller comes back for the rest (from args[0]). */
	if (ret && !skb->len)
		return ret;
	return skb->len;
}

static int vmk_mgmt_nl_list_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vmkMgmtHandleInt *h;
	struct sk_buff *reply;
	unsigned long flags;
	const char *vendor = NULL;
	int ret;

	ret = vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_NAME, "missing API name");
	if (ret)
		return ret;
	if (info->attrs[VMKAPI_MGMT_ATTR_VENDOR])
		vendor = nla_data(info->attrs[VMKAPI_MGMT_ATTR_VENDOR]);
	reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_find_name(nla_data(info->attrs[VMKAPI_MGMT_ATTR_NAME]),
			       vendor);
	ret = h ? vmk_mgmt_fill_handle(reply, info->snd_portid, info->snd_seq,
				       0, h) : -ENOENT;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (ret) {
		nlmsg_free(reply);
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VMKAPI_MGMT_ATTR_NAME],
				    "no such management API is served");
		return ret;
	}
	return genlmsg_reply(reply, info);
}

static int vmk_mgmt_nl_instances(struct sk_buff *skb, struct genl_info *info)
{
	struct vmkMgmtHandleInt *h;
	struct sk_buff *reply;
	struct nlattr *entry;
	unsigned long flags;
	unsigned int i;
	void *hdr;
	int ret;

	ret = vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_HANDLE, "missing handle");
	if (ret)
		return ret;
	reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;
	hdr = genlmsg_put_reply(reply, info, &vmk_core_genl_family, 0,
				VMKAPI_CMD_MGMT_INSTANCES);
	ret = -EMSGSIZE;
	if (!hdr)
		goto free;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_find_id(nla_get_u32(info->attrs[VMKAPI_MGMT_ATTR_HANDLE]));
	if (!h) {
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VMKAPI_MGMT_ATTR_HANDLE],
				    "no such management handle");
		ret = -ENOENT;
		goto free;
	}
	if (nla_put_u32(reply, VMKAPI_MGMT_ATTR_HANDLE, h->id))
		goto unlock;
	for (i = 0; i < h->ninstances; i++) {
		entry = nla_nest_start(reply, VMKAPI_MGMT_ATTR_INSTANCE_ENTRY);
		if (!entry ||
		    nla_put_u64_64bit(reply, VMKAPI_MGMT_ATTR_INSTANCE,
				      h->instances[i]->id,
				      VMKAPI_MGMT_ATTR_PAD) ||
		    nla_put_string(reply, VMKAPI_MGMT_ATTR_INSTANCE_NAME,
				   h->instances[i]->name.string))
			goto unlock;
		nla_nest_end(reply, entry);
	}
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

unlock:
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
free:
	nlmsg_free(reply);
	return ret;
}

static int vmk_mgmt_nl_key_list(struct sk_buff *skb, struct genl_info *info)
{
	struct vmkMgmtHandleInt *h;
	struct sk_buff *reply;
	struct nlattr *entry;
	unsigned long flags;
	unsigned int i;
	void *hdr;
	int ret;

	ret = vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_HANDLE, "missing handle");
	if (ret)
		return ret;
	reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;
	hdr = genlmsg_put_reply(reply, info, &vmk_core_genl_family, 0,
				VMKAPI_CMD_MGMT_KEY_LIST);
	ret = -EMSGSIZE;
	if (!hdr)
		goto free;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_find_id(nla_get_u32(info->attrs[VMKAPI_MGMT_ATTR_HANDLE]));
	if (!h) {
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VMKAPI_MGMT_ATTR_HANDLE],
				    "no such management handle");
		ret = -ENOENT;
		goto free;
	}
	if (nla_put_u32(reply, VMKAPI_MGMT_ATTR_HANDLE, h->id))
		goto unlock;
	for (i = 0; i < h->nkeys; i++) {
		entry = nla_nest_start(reply, VMKAPI_MGMT_ATTR_KEY_ENTRY);
		if (!entry ||
		    nla_put_string(reply, VMKAPI_MGMT_ATTR_KEY_NAME,
				   h->keys[i]->name.string) ||
		    nla_put_u32(reply, VMKAPI_MGMT_ATTR_KEY_TYPE,
				h->keys[i]->type))
			goto unlock;
		nla_nest_end(reply, entry);
	}
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

unlock:
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
free:
	nlmsg_free(reply);
	return ret;
}

/* ---- generic netlink: sessions (admin) --------------------------------- */

/*
 * A session for socket @portid on @h (the caller holds a call on it):
 * the driver's announce decides.  VMK_OK with *id, the announce's
 * refusal, or VMK_NO_MEMORY.  Process context.
 */
static VMK_ReturnStatus vmk_mgmt_session_start(struct vmkMgmtHandleInt *h,
					       u32 portid, u64 *id)
{
	struct vmk_mgmt_session *s;
	VMK_ReturnStatus status;
	unsigned long flags;
	u64 cookie = 0;

	s = vmk_HeapAlloc(h->heap, sizeof(*s));
	if (!s)
		return VMK_NO_MEMORY;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	s->id = ++vmk_mgmt_last_session;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (h->announce) {
		status = h->announce(h, h->cookie, s->id, &cookie);
		if (status != VMK_OK) {
			vmk_HeapFree(h->heap, s);
			return status;
		}
	}
	s->portid = portid;
	s->cookie = cookie;
	s->inflight = 0;
	/* Even if dying now: the teardown ends it like any other. */
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	list_add_tail(&s->link, &h->sessions);
	h->nsessions++;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	*id = s->id;
	return VMK_OK;
}

/* Why the caller's table differs from @h's, or NULL. */
static const char *vmk_mgmt_table_differs(struct vmkMgmtHandleInt *h,
					  const struct nlattr *attr,
					  u64 *which)
{
	const struct vmkapi_mgmt_cb_desc *desc = nla_data(attr);
	unsigned int n = nla_len(attr) / sizeof(*desc);
	const vmk_MgmtCallbackInfo *cb;
	vmk_MgmtCallbackInfo mine;
	unsigned int i, j;

	*which = 0;
	if (nla_len(attr) % sizeof(*desc))
		return "callback table of a partial entry";
	if (n != (unsigned int)h->sig.numCallbacks)
		return "the number of callbacks differs";
	for (i = 0; i < n; i++) {
		*which = desc[i].callback_id;
		cb = vmk_mgmt_find_callback(h->sig.callbacks, n,
					    desc[i].callback_id);
		if (!cb)
			return "callback unknown to the kernel";
		if (desc[i].num_parms > VMK_MGMT_MAX_CALLBACK_PARMS)
			return "too many parameters";
		memset(&mine, 0, sizeof(mine));
		mine.location = desc[i].location;
		mine.synchronous = !!desc[i].synchronous;
		mine.numParms = desc[i].num_parms;
		for (j = 0; j < mine.numParms; j++) {
			mine.parmSizes[j] = desc[i].parm_sizes[j];
			mine.parmTypes[j] = desc[i].parm_types[j];
		}
		if (!vmk_mgmt_same_parms(&mine, cb))
			return "callback differs from the kernel's";
	}
	return NULL;
}

static int vmk_mgmt_nl_open(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vmkMgmtHandleInt *h;
	struct vmk_mgmt_call call;
	VMK_ReturnStatus status;
	struct sk_buff *reply;
	u64 id, which;
	const char *why;
	unsigned long flags;
	vmk_revnum want;
	void *hdr;
	int ret;

	ret = vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_NAME, "missing API name") ?:
	      vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_VERSION, "missing API version") ?:
	      vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_CALLBACK_TABLE,
			    "missing callback table");
	if (ret)
		return ret;
	if (!net_eq(genl_info_net(info), &init_net)) {
		NL_SET_ERR_MSG(info->extack,
			       "management sessions exist in the initial network namespace only");
		return -EOPNOTSUPP;
	}
	want = nla_get_u32(attrs[VMKAPI_MGMT_ATTR_VERSION]);
	reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_find_name(nla_data(attrs[VMKAPI_MGMT_ATTR_NAME]),
			       attrs[VMKAPI_MGMT_ATTR_VENDOR] ?
			       nla_data(attrs[VMKAPI_MGMT_ATTR_VENDOR]) : NULL);
	if (!h) {
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VMKAPI_MGMT_ATTR_NAME],
				    "no such management API is served (is its driver loaded?)");
		ret = -ENOENT;
		goto free;
	}
	if (VMK_REVISION_MAJOR(want) != VMK_REVISION_MAJOR(h->sig.version) ||
	    VMK_REVISION_MINOR(want) != VMK_REVISION_MINOR(h->sig.version)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    attrs[VMKAPI_MGMT_ATTR_VERSION],
				    "the kernel serves another major.minor version of this API");
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		ret = -EPROTONOSUPPORT;
		goto free;
	}
	why = vmk_mgmt_table_differs(h, attrs[VMKAPI_MGMT_ATTR_CALLBACK_TABLE],
				     &which);
	if (why) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    attrs[VMKAPI_MGMT_ATTR_CALLBACK_TABLE],
				    "the callback table differs from the kernel's");
		pr_debug("mgmt: %s: callback %llu: %s\n", h->sig.name.string,
			 which, why);
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		ret = -EPROTO;
		goto free;
	}
	vmk_mgmt_enter(h, &call, NULL, NULL);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);

	status = vmk_mgmt_session_start(h, info->snd_portid, &id);
	if (status != VMK_OK) {
		if (status == VMK_NO_MEMORY) {
			ret = -ENOMEM;
		} else {
			NL_SET_ERR_MSG(info->extack,
				       "the driver refused the session");
			vmk_mgmt_set_status(info, status);
			ret = -vmk_StatusToErrno(status);
		}
		goto leave;
	}

	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(reply, info, &vmk_core_genl_family, 0,
				VMKAPI_CMD_MGMT_OPEN);
	if (!hdr ||
	    nla_put_u32(reply, VMKAPI_MGMT_ATTR_HANDLE, h->id) ||
	    nla_put_u64_64bit(reply, VMKAPI_MGMT_ATTR_SESSION, id,
			      VMKAPI_MGMT_ATTR_PAD) ||
	    nla_put_string(reply, VMKAPI_MGMT_ATTR_NAME, h->sig.name.string) ||
	    nla_put_string(reply, VMKAPI_MGMT_ATTR_VENDOR,
			   h->sig.vendor.string) ||
	    nla_put_u32(reply, VMKAPI_MGMT_ATTR_VERSION, h->sig.version))
		goto leave;	/* the socket's release ends the session */
	genlmsg_end(reply, hdr);
	vmk_mgmt_leave(h, &call);
	return genlmsg_reply(reply, info);

leave:
	vmk_mgmt_leave(h, &call);
free:
	nlmsg_free(reply);
	return ret;
}

/* End one session (off its list already), counted as a call on @h. */
static void vmk_mgmt_end_counted(struct vmkMgmtHandleInt *h,
				 struct vmk_mgmt_session *s,
				 struct vmk_mgmt_call *call)
{
	vmk_mgmt_session_end(h, s);
	vmk_mgmt_leave(h, call);
}

static int vmk_mgmt_nl_close(struct sk_buff *skb, struct genl_info *info)
{
	struct vmkMgmtHandleInt *h;
	struct vmk_mgmt_session *s = NULL;
	struct vmk_mgmt_call call;
	unsigned long flags;
	int ret;

	ret = vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_HANDLE, "missing handle") ?:
	      vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_SESSION, "missing session");
	if (ret)
		return ret;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_find_id(nla_get_u32(info->attrs[VMKAPI_MGMT_ATTR_HANDLE]));
	if (h)
		s = vmk_mgmt_find_session(h,
					  nla_get_u64(info->attrs[VMKAPI_MGMT_ATTR_SESSION]));
	if (!s) {
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		NL_SET_ERR_MSG(info->extack, "no such management session");
		return -ENOENT;
	}
	list_del(&s->link);
	h->nsessions--;
	vmk_mgmt_enter(h, &call, NULL, NULL);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	vmk_mgmt_end_counted(h, s, &call);
	return 0;
}

void vmk_core_mgmt_genl_release(u32 portid)
{
	struct vmkMgmtHandleInt *h;
	struct vmk_mgmt_session *s, *found;
	struct vmk_mgmt_call call;
	unsigned long flags;

	for (;;) {
		found = NULL;
		spin_lock_irqsave(&vmk_mgmt_lock, flags);
		list_for_each_entry(h, &vmk_mgmt_handles, link) {
			list_for_each_entry(s, &h->sessions, link) {
				if (s->portid == portid) {
					found = s;
					break;
				}
			}
			if (found)
				break;
		}
		if (found) {
			list_del(&found->link);
			h->nsessions--;
			vmk_mgmt_enter(h, &call, NULL, NULL);
		}
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		if (!found)
			return;
		vmk_mgmt_end_counted(h, found, &call);
	}
}
EXPORT_SYMBOL_NS_GPL(vmk_core_mgmt_genl_release, VMKAPI_INTERNAL);

/* ---- generic netlink: calls (admin) ------------------------------------ */

/*
 * Under vmk_mgmt_lock: what a call of @id on @instance from @session runs
 * (an instance's override, else the signature's kernel callback); why
 * not, or NULL.  Session 0 (KUnit's calls) is none.
 */
static const char *
vmk_mgmt_lookup_call(struct vmkMgmtHandleInt *h, u64 session, u64 instance,
		     u64 id, struct vmk_mgmt_session **s,
		     struct vmk_mgmt_instance **inst,
		     const vmk_MgmtCallbackInfo **cb)
{
	int idx;

	*s = NULL;
	*inst = NULL;
	*cb = NULL;
	if (session) {
		*s = vmk_mgmt_find_session(h, session);
		if (!*s)
			return "no such management session";
	}
	if (instance != VMK_MGMT_NO_INSTANCE_ID) {
		idx = vmk_mgmt_instance_index(h, instance);
		if (idx < 0)
			return "no such instance";
		*inst = h->instances[idx];
		*cb = vmk_mgmt_find_callback((*inst)->callbacks,
					     (*inst)->ncallbacks, id);
	}
	if (!*cb)
		*cb = vmk_mgmt_find_callback(h->sig.callbacks,
					     h->sig.numCallbacks, id);
	if (!*cb)
		return "no such callback";
	if ((*cb)->location != VMK_MGMT_CALLBACK_KERNEL)
		return "that callback runs in user space";
	return NULL;
}

typedef VMK_ReturnStatus (*vmk_mgmt_fn0)(vmk_MgmtCookies *,
					 vmk_MgmtEnvelope *);
typedef VMK_ReturnStatus (*vmk_mgmt_fn1)(vmk_MgmtCookies *,
					 vmk_MgmtEnvelope *, void *);
typedef VMK_ReturnStatus (*vmk_mgmt_fn2)(vmk_MgmtCookies *,
					 vmk_MgmtEnvelope *, void *, void *);
typedef VMK_ReturnStatus (*vmk_mgmt_fn3)(vmk_MgmtCookies *,
					 vmk_MgmtEnvelope *, void *, void *,
					 void *);
typedef VMK_ReturnStatus (*vmk_mgmt_fn4)(vmk_MgmtCookies *,
					 vmk_MgmtEnvelope *, void *, void *,
					 void *, void *);

/* One call's parameters, in the handle's heap. */
struct vmk_mgmt_args {
	struct vmk_mgmt_call call;
	struct work_struct work;	/* asynchronous calls */
	struct vmkMgmtHandleInt *h;
	const vmk_MgmtCallbackInfo *cb;
	vmk_MgmtCookies cookies;
	vmk_MgmtEnvelope env;
	VMK_ReturnStatus status;
	vmk_MgmtVectorParm vec[VMK_MGMT_MAX_CALLBACK_PARMS];
	void *ptr[VMK_MGMT_MAX_CALLBACK_PARMS];
	size_t cap[VMK_MGMT_MAX_CALLBACK_PARMS];
	u8 data[];
};

static void vmk_mgmt_run(struct vmk_mgmt_args *a)
{
	void *fn = a->cb->callback;
	void **p = a->ptr;

	switch (a->cb->numParms) {
	case 0:
		a->status = ((vmk_mgmt_fn0)fn)(&a->cookies, &a->env);
		break;
	case 1:
		a->status = ((vmk_mgmt_fn1)fn)(&a->cookies, &a->env, p[0]);
		break;
	case 2:
		a->status = ((vmk_mgmt_fn2)fn)(&a->cookies, &a->env, p[0],
					       p[1]);
		break;
	case 3:
		a->status = ((vmk_mgmt_fn3)fn)(&a->cookies, &a->env, p[0],
					       p[1], p[2]);
		break;
	default:
		a->status = ((vmk_mgmt_fn4)fn)(&a->cookies, &a->env, p[0],
					       p[1], p[2], p[3]);
		break;
	}
}

static void vmk_mgmt_run_async(struct work_struct *work)
{
	struct vmk_mgmt_args *a = container_of(work, struct vmk_mgmt_args,
					       work);
	struct vmkMgmtHandleInt *h = a->h;
	struct vmk_mgmt_call call;
	unsigned long flags;

	/*
	 * The worker runs it now (a destroy from inside must not wait), on
	 * a record of its own: @a goes back to the heap before the call
	 * ends, since the end may finish the handle and its heap.
	 */
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	call = a->call;
	call.task = current;
	list_replace(&a->call.link, &call.link);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	vmk_mgmt_run(a);
	vmk_HeapFree(h->heap, a);
	vmk_mgmt_leave(h, &call);
}

/*
 * Check the request's parameters against @cb and say how many data
 * bytes they need; fills a->cap (bytes per parameter).
 */
static int vmk_mgmt_parse_parms(struct genl_info *info,
				const vmk_MgmtCallbackInfo *cb,
				struct nlattr **parms, size_t *cap,
				size_t *total)
{
	struct nlattr *nest = info->attrs[VMKAPI_MGMT_ATTR_PARMS];
	unsigned int i;

	*total = 0;
	for (i = VMK_MGMT_MAX_CALLBACK_PARMS; i-- > cb->numParms;) {
		if (parms[i]) {
			NL_SET_ERR_MSG_ATTR(info->extack, parms[i],
					    "more parameters than the callback takes");
			return -EINVAL;
		}
	}
	for (i = 0; i < cb->numParms; i++) {
		vmk_MgmtParmType type = cb->parmTypes[i];
		u32 unit = cb->parmSizes[i];
		struct nlattr *a = parms[i];
		u64 len;

		if (!vmk_mgmt_parm_is_in(type) &&
		    type != VMK_MGMT_PARMTYPE_VECTOR_OUT) {
			/* OUT: nothing to send. */
			if (a) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "an output parameter was sent");
				return -EINVAL;
			}
			cap[i] = unit;
		} else if (!a) {
			NL_SET_ERR_MSG_ATTR(info->extack, nest,
					    "an input parameter is missing");
			return -EINVAL;
		} else if (type == VMK_MGMT_PARMTYPE_VECTOR_OUT) {
			if (nla_len(a) != sizeof(u64)) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "an output vector's capacity is a u64");
				return -EINVAL;
			}
			len = nla_get_u64(a);
			if (len > VMKAPI_MGMT_PARM_SIZE_MAX || len % unit) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "vector capacity too large or not a multiple of its unit");
				return -EINVAL;
			}
			cap[i] = len;
		} else if (vmk_mgmt_parm_is_vector(type)) {
			if (nla_len(a) % unit) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "vector length not a multiple of its unit");
				return -EINVAL;
			}
			cap[i] = nla_len(a);
		} else {
			if (nla_len(a) != unit) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "parameter size differs from the callback's");
				return -EINVAL;
			}
			cap[i] = unit;
		}
		*total += ALIGN(cap[i], 8);
	}
	return 0;
}

static const struct nla_policy vmk_mgmt_parm_policy[VMKAPI_MGMT_PARM_MAX + 1] = {
	[VMKAPI_MGMT_PARM_1 ... VMKAPI_MGMT_PARM_MAX] = {
		.type = NLA_BINARY, .len = VMKAPI_MGMT_PARM_SIZE_MAX,
	},
};

/* @a: the synchronous call that ran; NULL for an asynchronous one. */
static int vmk_mgmt_reply_call(struct genl_info *info,
			       const vmk_MgmtCallbackInfo *cb,
			       struct vmk_mgmt_args *a)
{
	bool sync = a != NULL;
	struct sk_buff *reply;
	struct nlattr *nest;
	size_t size = nla_total_size(sizeof(u32)) + nla_total_size(0);
	size_t len[VMK_MGMT_MAX_CALLBACK_PARMS] = { 0 };
	unsigned int i;
	void *hdr;

	for (i = 0; sync && i < cb->numParms; i++) {
		if (!vmk_mgmt_parm_is_out(cb->parmTypes[i]))
			continue;
		len[i] = a->cap[i];
		if (vmk_mgmt_parm_is_vector(cb->parmTypes[i])) {
			/* A callback may shorten a vector, never grow it. */
			if (a->vec[i].length < len[i])
				len[i] = a->vec[i].length -
					 a->vec[i].length % cb->parmSizes[i];
		}
		size += nla_total_size(len[i]);
	}
	reply = genlmsg_new(size, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;
	hdr = genlmsg_put_reply(reply, info, &vmk_core_genl_family, 0,
				VMKAPI_CMD_MGMT_INVOKE);
	if (!hdr)
		goto nospace;
	if (sync) {
		if (nla_put_u32(reply, VMKAPI_MGMT_ATTR_STATUS, a->status))
			goto nospace;
		nest = nla_nest_start(reply, VMKAPI_MGMT_ATTR_PARMS);
		if (!nest)
			goto nospace;
		for (i = 0; i < cb->numParms; i++) {
			const void *src;

			if (!vmk_mgmt_parm_is_out(cb->parmTypes[i]))
				continue;
			src = vmk_mgmt_parm_is_vector(cb->parmTypes[i]) ?
			      a->vec[i].dataPtr : a->ptr[i];
			if (nla_put(reply, VMKAPI_MGMT_PARM_1 + i, len[i],
				    len[i] ? src : NULL))
				goto nospace;
		}
		nla_nest_end(reply, nest);
	}
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

nospace:
	nlmsg_free(reply);
	return -EMSGSIZE;
}

static int vmk_mgmt_nl_invoke(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *parms[VMKAPI_MGMT_PARM_MAX + 1] = { NULL };
	size_t cap[VMK_MGMT_MAX_CALLBACK_PARMS] = { 0 };
	const vmk_MgmtCallbackInfo *cb = NULL;
	struct nlattr **attrs = info->attrs;
	struct vmk_mgmt_instance *inst = NULL;
	struct vmk_mgmt_session *s = NULL;
	struct vmkMgmtHandleInt *h;
	struct vmk_mgmt_args *a;
	struct vmk_mgmt_call call;
	unsigned long flags;
	u64 instance, id;
	size_t total, off;
	const char *why;
	unsigned int i;
	int ret;

	ret = vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_HANDLE, "missing handle") ?:
	      vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_SESSION, "missing session") ?:
	      vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_CALLBACK, "missing callback ID");
	if (ret)
		return ret;
	if (attrs[VMKAPI_MGMT_ATTR_PARMS]) {
		ret = nla_parse_nested(parms, VMKAPI_MGMT_PARM_MAX,
				       attrs[VMKAPI_MGMT_ATTR_PARMS],
				       vmk_mgmt_parm_policy, info->extack);
		if (ret)
			return ret;
	}
	id = nla_get_u64(attrs[VMKAPI_MGMT_ATTR_CALLBACK]);
	instance = attrs[VMKAPI_MGMT_ATTR_INSTANCE] ?
		   nla_get_u64(attrs[VMKAPI_MGMT_ATTR_INSTANCE]) :
		   VMK_MGMT_NO_INSTANCE_ID;

	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_find_id(nla_get_u32(attrs[VMKAPI_MGMT_ATTR_HANDLE]));
	why = h ? vmk_mgmt_lookup_call(h, nla_get_u64(attrs[VMKAPI_MGMT_ATTR_SESSION]),
				       instance, id, &s, &inst, &cb) :
		  "no such management handle";
	if (why) {
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		vmk_mgmt_err(info->extack, why);
		return -ENOENT;
	}
	vmk_mgmt_enter(h, &call, inst, s);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);

	ret = vmk_mgmt_parse_parms(info, cb, parms + VMKAPI_MGMT_PARM_1, cap,
				   &total);
	if (ret)
		goto leave;
	ret = -ENOMEM;
	a = vmk_HeapAlloc(h->heap, sizeof(*a) + total);
	if (!a)
		goto leave;
	memset(a, 0, sizeof(*a));
	a->h = h;
	a->cb = cb;
	a->cookies.handleCookie = h->cookie;
	a->cookies.sessionCookie = s ? s->cookie : 0;
	a->env.instanceId = instance;
	a->env.sessionId = s ? s->id : 0;
	for (i = 0, off = 0; i < cb->numParms; i++) {
		struct nlattr *p = parms[VMKAPI_MGMT_PARM_1 + i];
		void *buf = a->data + off;

		a->cap[i] = cap[i];
		if (vmk_mgmt_parm_is_in(cb->parmTypes[i]))
			memcpy(buf, nla_data(p), cap[i]);
		else
			memset(buf, 0, cap[i]);
		if (vmk_mgmt_parm_is_vector(cb->parmTypes[i])) {
			a->vec[i].length = cap[i];
			a->vec[i].dataPtr = cap[i] ? buf : NULL;
			a->ptr[i] = &a->vec[i];
		} else {
			a->ptr[i] = buf;
		}
		off += ALIGN(cap[i], 8);
	}

	if (!cb->synchronous) {
		/* The worker's call replaces this one (same counts). */
		spin_lock_irqsave(&vmk_mgmt_lock, flags);
		vmk_mgmt_enter(h, &a->call, inst, s);
		a->call.task = NULL;
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		INIT_WORK(&a->work, vmk_mgmt_run_async);
		/* @a is the worker's now (it frees it). */
		queue_work(vmk_mgmt_wq, &a->work);
		vmk_mgmt_leave(h, &call);
		return vmk_mgmt_reply_call(info, cb, NULL);
	}
	vmk_mgmt_run(a);
	ret = vmk_mgmt_reply_call(info, cb, a);
	vmk_HeapFree(h->heap, a);
leave:
	vmk_mgmt_leave(h, &call);
	return ret;
}

/* ---- generic netlink: keys (admin) ------------------------------------- */

static int vmk_mgmt_nl_key(struct sk_buff *skb, struct genl_info *info)
{
	bool set = info->genlhdr->cmd == VMKAPI_CMD_MGMT_KEY_SET;
	struct nlattr **attrs = info->attrs;
	struct vmk_mgmt_key *key = NULL;
	struct vmkMgmtHandleInt *h;
	struct vmk_mgmt_call call;
	VMK_ReturnStatus status;
	struct sk_buff *reply = NULL;
	unsigned long flags;
	size_t size, len;
	unsigned int i;
	void *buf, *hdr;
	int ret;

	ret = vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_HANDLE, "missing handle") ?:
	      vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_KEY_NAME, "missing key name");
	if (!ret && set)
		ret = vmk_mgmt_need(info, VMKAPI_MGMT_ATTR_KEY_VALUE,
				    "key value");
	if (ret)
		return ret;
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_find_id(nla_get_u32(attrs[VMKAPI_MGMT_ATTR_HANDLE]));
	for (i = 0; h && i < h->nkeys; i++)
		if (!nla_strcmp(attrs[VMKAPI_MGMT_ATTR_KEY_NAME],
				h->keys[i]->name.string))
			key = h->keys[i];
	if (!key) {
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		vmk_mgmt_err(info->extack, h ? "no such key" :
			     "no such management handle");
		return -ENOENT;
	}
	vmk_mgmt_enter(h, &call, NULL, NULL);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);

	size = key->type == VMK_MGMT_KEY_TYPE_LONG ? sizeof(vmk_int64) :
	       VMK_MGMT_KEY_STRING_MAXLEN;
	ret = -ENOMEM;
	buf = vmk_HeapAlloc(h->heap, size);
	if (!buf)
		goto leave;
	memset(buf, 0, size);
	if (set) {
		struct nlattr *v = attrs[VMKAPI_MGMT_ATTR_KEY_VALUE];

		len = nla_len(v);
		ret = -EINVAL;
		if (key->type == VMK_MGMT_KEY_TYPE_LONG ? len != size :
		    !len || len > size || ((char *)nla_data(v))[len - 1]) {
			NL_SET_ERR_MSG_ATTR(info->extack, v,
					    "a LONG key takes 8 bytes, a STRING key a terminated string");
			goto free;
		}
		memcpy(buf, nla_data(v), len);
		status = key->set(h->cookie, buf);
	} else {
		status = key->get(h->cookie, buf);
		if (key->type == VMK_MGMT_KEY_TYPE_STRING)
			((char *)buf)[size - 1] = '\0';
	}
	if (status != VMK_OK) {
		NL_SET_ERR_MSG(info->extack, "the key's function failed");
		vmk_mgmt_set_status(info, status);
		ret = -vmk_StatusToErrno(status);
		goto free;
	}
	ret = 0;
	if (set)
		goto free;
	len = key->type == VMK_MGMT_KEY_TYPE_LONG ? size : strlen(buf) + 1;
	ret = -ENOMEM;
	reply = genlmsg_new(nla_total_size(len) + nla_total_size(4) * 2,
			    GFP_KERNEL);
	if (!reply)
		goto free;
	hdr = genlmsg_put_reply(reply, info, &vmk_core_genl_family, 0,
				VMKAPI_CMD_MGMT_KEY_GET);
	ret = -EMSGSIZE;
	if (!hdr || nla_put_u32(reply, VMKAPI_MGMT_ATTR_KEY_TYPE, key->type) ||
	    nla_put(reply, VMKAPI_MGMT_ATTR_KEY_VALUE, len, buf)) {
		nlmsg_free(reply);
		goto free;
	}
	genlmsg_end(reply, hdr);
	ret = genlmsg_reply(reply, info);
free:
	vmk_HeapFree(h->heap, buf);
leave:
	vmk_mgmt_leave(h, &call);
	return ret;
}

/* ---- the commands genl.c appends --------------------------------------- */

static const struct nla_policy vmk_mgmt_policy[VMKAPI_MGMT_ATTR_MAX + 1] = {
	[VMKAPI_MGMT_ATTR_HANDLE] = { .type = NLA_U32 },
	[VMKAPI_MGMT_ATTR_NAME] = { .type = NLA_NUL_STRING,
				    .len = VMK_MISC_NAME_MAX - 1 },
	[VMKAPI_MGMT_ATTR_VENDOR] = { .type = NLA_NUL_STRING,
				      .len = VMK_MISC_NAME_MAX - 1 },
	[VMKAPI_MGMT_ATTR_VERSION] = { .type = NLA_U32 },
	[VMKAPI_MGMT_ATTR_SESSION] = { .type = NLA_U64 },
	[VMKAPI_MGMT_ATTR_INSTANCE] = { .type = NLA_U64 },
	[VMKAPI_MGMT_ATTR_CALLBACK] = { .type = NLA_U64 },
	[VMKAPI_MGMT_ATTR_PARMS] = NLA_POLICY_NESTED(vmk_mgmt_parm_policy),
	[VMKAPI_MGMT_ATTR_CALLBACK_TABLE] = {
		.type = NLA_BINARY,
		.len = VMK_MGMT_MAX_CALLBACKS *
		       sizeof(struct vmkapi_mgmt_cb_desc),
	},
	[VMKAPI_MGMT_ATTR_KEY_NAME] = { .type = NLA_NUL_STRING,
					.len = VMK_MISC_NAME_MAX - 1 },
	[VMKAPI_MGMT_ATTR_KEY_VALUE] = { .type = NLA_BINARY,
					 .len = VMK_MGMT_KEY_STRING_MAXLEN },
};

/*
 * Listing is open to every user; whatever runs driver code needs
 * CAP_NET_ADMIN (GENL_ADMIN_PERM), since a callback, an announcement or a
 * key function may change the driver's state.
 */
static const struct genl_ops vmk_mgmt_genl_ops_table[] = {
	{
		.cmd = VMKAPI_CMD_MGMT_LIST,
		.doit = vmk_mgmt_nl_list_doit,
		.dumpit = vmk_mgmt_nl_list_dump,
		.policy = vmk_mgmt_policy,
		.maxattr = VMKAPI_MGMT_ATTR_MAX,
	},
	{
		.cmd = VMKAPI_CMD_MGMT_INSTANCES,
		.doit = vmk_mgmt_nl_instances,
		.policy = vmk_mgmt_policy,
		.maxattr = VMKAPI_MGMT_ATTR_MAX,
	},
	{
		.cmd = VMKAPI_CMD_MGMT_OPEN,
		.doit = vmk_mgmt_nl_open,
		.policy = vmk_mgmt_policy,
		.maxattr = VMKAPI_MGMT_ATTR_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_MGMT_CLOSE,
		.doit = vmk_mgmt_nl_close,
		.policy = vmk_mgmt_policy,
		.maxattr = VMKAPI_MGMT_ATTR_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_MGMT_INVOKE,
		.doit = vmk_mgmt_nl_invoke,
		.policy = vmk_mgmt_policy,
		.maxattr = VMKAPI_MGMT_ATTR_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_MGMT_KEY_LIST,
		.doit = vmk_mgmt_nl_key_list,
		.policy = vmk_mgmt_policy,
		.maxattr = VMKAPI_MGMT_ATTR_MAX,
	},
	{
		.cmd = VMKAPI_CMD_MGMT_KEY_GET,
		.doit = vmk_mgmt_nl_key,
		.policy = vmk_mgmt_policy,
		.maxattr = VMKAPI_MGMT_ATTR_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_MGMT_KEY_SET,
		.doit = vmk_mgmt_nl_key,
		.policy = vmk_mgmt_policy,
		.maxattr = VMKAPI_MGMT_ATTR_MAX,
		.flags = GENL_ADMIN_PERM,
	},
};

int vmk_core_mgmt_genl_ops(const struct genl_ops **ops)
{
	*ops = vmk_mgmt_genl_ops_table;
	return ARRAY_SIZE(vmk_mgmt_genl_ops_table);
}

/* ---- the core's side ---------------------------------------------------- */

unsigned long vmk_core_mgmt_dropped(void)
{
	return atomic_long_read(&vmk_mgmt_dropped);
}

/* At core unload (no driver, so no handle, is left): drain delivery. */
void vmk_core_mgmt_exit(void)
{
	if (!vmk_mgmt_wq)
		return;
	flush_work(&vmk_mgmt_deliver_work);
	destroy_workqueue(vmk_mgmt_wq);
	vmk_mgmt_wq = NULL;
}

/* ---- for KUnit: sessions and calls without a netlink socket ------------- */

/* Under vmk_mgmt_lock: @handle, if it is a live handle. */
static struct vmkMgmtHandleInt *vmk_mgmt_live(vmk_MgmtHandle handle)
{
	struct vmkMgmtHandleInt *h;

	list_for_each_entry(h, &vmk_mgmt_handles, link)
		if (h == handle && !h->dying)
			return h;
	return NULL;
}

VMK_ReturnStatus vmk_core_mgmt_session_open(vmk_MgmtHandle handle, u32 portid,
					    vmk_MgmtSessionID *id)
{
	struct vmkMgmtHandleInt *h;
	struct vmk_mgmt_call call;
	VMK_ReturnStatus status;
	unsigned long flags;

	might_sleep();
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_live(handle);
	if (h)
		vmk_mgmt_enter(h, &call, NULL, NULL);
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	if (!h)
		return VMK_INVALID_HANDLE;
	status = vmk_mgmt_session_start(h, portid, id);
	vmk_mgmt_leave(h, &call);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_mgmt_session_open, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_mgmt_call(vmk_MgmtHandle handle,
				    vmk_MgmtSessionID session,
				    vmk_uint64 instance, vmk_uint64 callbackId,
				    void **parms)
{
	struct vmk_mgmt_instance *inst;
	const vmk_MgmtCallbackInfo *cb;
	struct vmk_mgmt_session *s;
	struct vmkMgmtHandleInt *h;
	struct vmk_mgmt_args a;
	unsigned long flags;
	const char *why = "not a live handle";
	unsigned int i;

	might_sleep();
	spin_lock_irqsave(&vmk_mgmt_lock, flags);
	h = vmk_mgmt_live(handle);
	if (h)
		why = vmk_mgmt_lookup_call(h, session, instance, callbackId,
					   &s, &inst, &cb);
	if (why) {
		spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
		return VMK_NOT_FOUND;
	}
	memset(&a, 0, sizeof(a));
	vmk_mgmt_enter(h, &a.call, inst, s);
	a.cb = cb;
	a.cookies.handleCookie = h->cookie;
	a.cookies.sessionCookie = s ? s->cookie : 0;
	a.env.instanceId = instance;
	a.env.sessionId = session;
	spin_unlock_irqrestore(&vmk_mgmt_lock, flags);
	for (i = 0; i < cb->numParms; i++)
		a.ptr[i] = parms[i];
	vmk_mgmt_run(&a);
	vmk_mgmt_leave(h, &a.call);
	return a.status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_mgmt_call, VMKAPI_INTERNAL);
