// SPDX-License-Identifier: GPL-2.0
/*
 * Helper queues: a workqueue each, every request a delayed_work (delay 0
 * for an immediate one), so one path serves both kinds of submission and
 * cancel_delayed_work() tells, atomically, whether a request was still
 * waiting.  The kernel sizes the worker pool; maxWorlds becomes the
 * workqueue's max_active.  The helper keeps its waiting requests on a
 * list for cancel by tag, and counts outstanding ones (waiting or
 * running) against maxRequests.
 */
#include "vmkapi_core.h"

#include <linux/jiffies.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "vmkapi_trace.h"

struct vmk_helper_req {
	struct delayed_work dwork;
	/* On the helper's waiting list, or its free list when preallocated. */
	struct list_head link;
	struct vmk_HelperInt *helper;
	vmk_HelperRequestFunc fn;
	vmk_AddrCookie data;
	vmk_AddrCookie tag;
	vmk_HelperCancelFunc cancel;
	/* A delayed request's earliest start (ktime ns); 0: at once. */
	u64 due_ns;
};

struct vmk_HelperInt {
	struct workqueue_struct *wq;
	/* Guards the lists, the counts and dying; taken with IRQs off. */
	spinlock_t lock;
	struct list_head waiting;
	struct list_head free;
	/* Submitters blocked for a free slot wait here (and destroy for them). */
	wait_queue_head_t wait;
	u32 max_requests;
	u32 outstanding;
	u32 npending;
	u32 waiters;
	bool dying;
	bool prealloc;
	/* maxWorlds as a max_active (0: default), applied by update. */
	int max_active;
	struct work_struct update;
	bool blocking;
	vmk_HelperTagComparator tag_compare;
	vmk_HeapID heap;
	vmk_ModuleID module;
	vmk_Name name;
	struct vmk_core_resource res;
};

static VMK_ReturnStatus vmk_helper_get(vmk_Helper handle,
				       struct vmk_HelperInt **out,
				       const char *api, unsigned long caller)
{
	VMK_ReturnStatus status;

	status = vmk_core_handle_check(handle, VMK_CORE_HANDLE_HELPER,
				       "helper", api, caller);
	if (status == VMK_OK)
		*out = handle;
	return status;
}

/* A request that ran or was cancelled gives its slot back. */
static void vmk_helper_release(struct vmk_HelperInt *h,
			       struct vmk_helper_req *req)
{
	unsigned long flags;

	spin_lock_irqsave(&h->lock, flags);
	h->outstanding--;
	if (h->prealloc)
		list_add(&req->link, &h->free);
	/* Under the lock, so destroy cannot free h while this runs. */
	wake_up_all(&h->wait);
	spin_unlock_irqrestore(&h->lock, flags);
	if (!h->prealloc)
		vmk_HeapFree(h->heap, req);
}

static void vmk_helper_run(struct work_struct *work)
{
	struct vmk_helper_req *req =
		container_of(to_delayed_work(work), struct vmk_helper_req,
			     dwork);
	struct vmk_HelperInt *h = req->helper;
	unsigned long flags;
	u64 now;

	spin_lock_irqsave(&h->lock, flags);
	/*
	 * The timer counts jiffies, which can lag behind the clock (a tick
	 * handled late): started early, the request waits out the rest.  It
	 * stays on the waiting list, so a cancel finds it queued again.
	 */
	now = ktime_get_ns();
	if (req->due_ns > now) {
		queue_delayed_work(h->wq, &req->dwork,
				   nsecs_to_jiffies(req->due_ns - now) + 1);
		spin_unlock_irqrestore(&h->lock, flags);
		return;
	}
	list_del_init(&req->link);
	h->npending--;
	spin_unlock_irqrestore(&h->lock, flags);
	trace_deferred_start(VMK_CORE_DEFERRED_HELPER, req, h->name.string,
			     h->module, 0);
	req->fn(req->data);
	trace_deferred_done(VMK_CORE_DEFERRED_HELPER, req, h->name.string,
			    h->module, 0);
	vmk_helper_release(h, req);
}

/*
 * Take @req off the waiting list if it has not started; false if its
 * work already runs (it then takes itself off).  Caller holds h->lock.
 */
static bool vmk_helper_grab(struct vmk_HelperInt *h,
			    struct vmk_helper_req *req, struct list_head *to)
{
	if (!cancel_delayed_work(&req->dwork))
		return false;
	list_move_tail(&req->link, to);
	h->npending--;
	return true;
}

static u32 vmk_helper_cancel_list(struct vmk_HelperInt *h,
				  struct list_head *doomed)
{
	struct vmk_helper_req *req, *next;
	u32 n = 0;

	/* Outside the lock: cancel functions are the driver's code. */
	list_for_each_entry_safe(req, next, doomed, link) {
		list_del_init(&req->link);
		if (req->cancel)
			req->cancel(req->data);
		vmk_helper_release(h, req);
		n++;
	}
	return n;
}

static void vmk_helper_free(struct vmk_HelperInt *h)
{
	struct vmk_helper_req *req, *next;

	list_for_each_entry_safe(req, next, &h->free, link)
		vmk_HeapFree(h->heap, req);
	vmk_HeapFree(h->heap, h);
}

/*
 * Destroy after the handle is gone: cancel what waits, let blocked
 * submitters leave, wait for what runs.  Process context, no locks.
 */
static void vmk_helper_teardown(struct vmk_HelperInt *h)
{
	struct vmk_helper_req *req, *next;
	unsigned long flags;
	LIST_HEAD(doomed);

	spin_lock_irqsave(&h->lock, flags);
	h->dying = true;
	list_for_each_entry_safe(req, next, &h->waiting, link)
		vmk_helper_grab(h, req, &doomed);
	wake_up_all(&h->wait);
	spin_unlock_irqrestore(&h->lock, flags);
	vmk_helper_cancel_list(h, &doomed);
	wait_event(h->wait, READ_ONCE(h->waiters) == 0);
	/* The last waiter woke us under the lock: let it finish with h. */
	spin_lock_irqsave(&h->lock, flags);
	spin_unlock_irqrestore(&h->lock, flags);
	/* dying stops new updates; then the running ones finish. */
	cancel_work_sync(&h->update);
	destroy_workqueue(h->wq);
	vmk_core_resource_del(&h->res);
	vmk_helper_free(h);
}

/* workqueue_set_max_active() sleeps; vmk_HelperUpdateProps may not. */
static void vmk_helper_update(struct work_struct *work)
{
	struct vmk_HelperInt *h = container_of(work, struct vmk_HelperInt,
					       update);

	workqueue_set_max_active(h->wq, READ_ONCE(h->max_active) ?:
				 WQ_DFL_ACTIVE);
}

static int vmk_helper_max_active(const vmk_HelperMutableProps *props)
{
	if (props->maxWorlds <= 0)
		return 0;
	return min_t(int, props->maxWorlds, WQ_MAX_ACTIVE);
}

static void vmk_helper_describe(struct vmk_core_resource *res, char *buf,
				size_t len)
{
	struct vmk_HelperInt *h = container_of(res, struct vmk_HelperInt, res);

	snprintf(buf, len, "%s (%u requests outstanding, %u waiting)",
		 h->name.string, READ_ONCE(h->outstanding),
		 READ_ONCE(h->npending));
}

static void vmk_helper_reclaim(struct vmk_core_resource *res)
{
	struct vmk_HelperInt *h = container_of(res, struct vmk_HelperInt, res);

	if (vmk_core_handle_del_detached(h, VMK_CORE_HANDLE_HELPER))
		vmk_helper_teardown(h);
}

static const struct vmk_core_resource_type vmk_helper_type = {
	.kind = "helper",
	.describe = vmk_helper_describe,
	.reclaim = vmk_helper_reclaim,
};

static VMK_ReturnStatus vmk_helper_prealloc(struct vmk_HelperInt *h,
					    void *ra)
{
	struct vmk_helper_req *req;
	u32 i;

	for (i = 0; i < h->max_requests; i++) {
		req = vmk_HeapAllocWithRA(h->heap, sizeof(*req), ra);
		if (!req)
			return VMK_NO_MEMORY;
		list_add(&req->link, &h->free);
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_HelperCreate(vmk_HelperProps *props, vmk_Helper *helper)
{
	struct vmk_HelperInt *h;
	vmk_HeapGetProps heap_props;
	VMK_ReturnStatus status;
	size_t len;

	vmk_core_assert_may_block();
	if (!props || !helper) {
		vmk_core_bad_arg("props %p helper %p", props, helper);
		return VMK_BAD_PARAM;
	}
	len = strnlen(props->name.string, VMK_MISC_NAME_MAX);
	if (len == 0 || len == VMK_MISC_NAME_MAX) {
		vmk_core_bad_arg("helper name is empty or unterminated");
		return VMK_INVALID_NAME;
	}
	if (props->heap == VMK_INVALID_HEAP_ID ||
	    vmk_HeapGetProperties(props->heap, &heap_props) != VMK_OK) {
		vmk_core_bad_arg("helper %s: heap %p is not live",
				 props->name.string, props->heap);
		return VMK_BAD_PARAM;
	}
	if (props->maxRequests == 0) {
		vmk_core_bad_arg("helper %s: maxRequests 0",
				 props->name.string);
		return VMK_BAD_PARAM;
	}
	if (props->constructor) {
		vmk_core_bad_arg("helper %s: constructors are not supported",
				 props->name.string);
		return VMK_NOT_SUPPORTED;
	}

	h = vmk_HeapAllocWithRA(props->heap, sizeof(*h), (void *)_RET_IP_);
	if (!h)
		return VMK_NO_MEMORY;
	memset(h, 0, sizeof(*h));
	spin_lock_init(&h->lock);
	INIT_LIST_HEAD(&h->waiting);
	INIT_LIST_HEAD(&h->free);
	init_waitqueue_head(&h->wait);
	h->max_requests = props->maxRequests;
	h->prealloc = props->preallocRequests;
	h->blocking = props->blockingSubmit;
	h->tag_compare = props->tagCompare;
	h->heap = props->heap;
	h->max_active = vmk_helper_max_active(&props->mutables);
	INIT_WORK(&h->update, vmk_helper_update);
	h->module = heap_props.module;
	vmk_NameCopy(&h->name, &props->name);

	status = VMK_NO_MEMORY;
	if (h->prealloc) {
		status = vmk_helper_prealloc(h, (void *)_RET_IP_);
		if (status != VMK_OK)
			goto free;
	}
	/* Requests may sleep (drivers take mutexes in them): unbound. */
	h->wq = alloc_workqueue("vmk-%.20s", WQ_UNBOUND, h->max_active,
				h->name.string);
	if (!h->wq)
		goto free;
	if (vmk_core_handle_add_detached(h, VMK_CORE_HANDLE_HELPER))
		goto free_wq;
	status = vmk_core_resource_add(&h->res, &vmk_helper_type,
				       heap_props.module);
	if (status != VMK_OK) {
		vmk_core_handle_del_detached(h, VMK_CORE_HANDLE_HELPER);
		goto free_wq;
	}
	*helper = h;
	return VMK_OK;

free_wq:
	destroy_workqueue(h->wq);
free:
	vmk_helper_free(h);
	return status;
}
VMKAPI_EXPORT(vmk_HelperCreate);

VMK_ReturnStatus vmk_HelperDestroy(vmk_Helper helper)
{
	struct vmk_HelperInt *h;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	status = vmk_helper_get(helper, &h, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	/* Of two racing destroys, one tears down. */
	if (!vmk_core_handle_del_detached(h, VMK_CORE_HANDLE_HELPER))
		return VMK_INVALID_HANDLE;
	vmk_helper_teardown(h);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HelperDestroy);

VMK_ReturnStatus vmk_HelperUpdateProps(vmk_Helper helper,
				       const vmk_HelperMutableProps *props)
{
	struct vmk_HelperInt *h;
	VMK_ReturnStatus status;
	unsigned long flags;

	vmk_core_assert_may_deschedule();
	status = vmk_helper_get(helper, &h, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!props) {
		vmk_core_bad_arg("helper %s: NULL props", h->name.string);
		return VMK_BAD_PARAM;
	}
	spin_lock_irqsave(&h->lock, flags);
	if (h->dying) {
		spin_unlock_irqrestore(&h->lock, flags);
		return VMK_INVALID_HANDLE;
	}
	WRITE_ONCE(h->max_active, vmk_helper_max_active(props));
	schedule_work(&h->update);
	spin_unlock_irqrestore(&h->lock, flags);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HelperUpdateProps);

void vmk_HelperRequestPropsInit(vmk_HelperRequestProps *props)
{
	if (!props) {
		vmk_core_bad_arg("NULL props");
		return;
	}
	memset(props, 0, sizeof(*props));
	props->worldToBill = VMK_INVALID_WORLD_ID;
}
VMKAPI_EXPORT(vmk_HelperRequestPropsInit);

/*
 * Wait (if allowed) until a slot is free, with h->lock held on entry and
 * on return.  VMK_OK with the slot taken.
 */
static VMK_ReturnStatus vmk_helper_reserve(struct vmk_HelperInt *h,
					   bool may_block,
					   unsigned long *flags)
	__must_hold(&h->lock)
{
	bool dead = false;

	while (!h->dying && h->outstanding >= h->max_requests) {
		if (!may_block)
			return VMK_NO_RESOURCES;
		h->waiters++;
		spin_unlock_irqrestore(&h->lock, *flags);
		/* A kthread's stop does not wake us: look again now and then. */
		if (!vmk_core_death_pending())
			wait_event_killable_timeout(h->wait,
				READ_ONCE(h->outstanding) < h->max_requests ||
				READ_ONCE(h->dying), HZ / 10);
		dead = vmk_core_death_pending();
		spin_lock_irqsave(&h->lock, *flags);
		h->waiters--;
		if (dead || h->dying)
			wake_up_all(&h->wait);
		if (dead)
			return VMK_DEATH_PENDING;
	}
	if (h->dying)
		return VMK_INVALID_HANDLE;
	h->outstanding++;
	return VMK_OK;
}

static VMK_ReturnStatus vmk_helper_submit(vmk_Helper helper,
					  vmk_HelperRequestFunc fn,
					  vmk_AddrCookie data,
					  vmk_uint32 delay_ms,
					  const vmk_HelperRequestProps *props,
					  const char *api, unsigned long caller)
{
	struct vmk_helper_req *req = NULL;
	struct vmk_HelperInt *h;
	VMK_ReturnStatus status;
	unsigned long flags, delay = 0;
	bool may_block;

	vmk_core_assert_may_deschedule();
	status = vmk_helper_get(helper, &h, api, caller);
	if (status != VMK_OK)
		return status;
	if (!fn) {
		vmk_core_bad_arg_api(api, caller, "helper %s: NULL function",
				     h->name.string);
		return VMK_BAD_PARAM;
	}
	if (props && props->cancelFunc && !props->tag.addr) {
		vmk_core_bad_arg_api(api, caller,
				     "helper %s: cancel function without a tag",
				     h->name.string);
		return VMK_BAD_PARAM;
	}
	may_block = props ? props->requestMayBlock : h->blocking;
	if (may_block)
		vmk_core_assert_may_block();
	/* Timers fire on a tick: one more, and the run checks the clock. */
	if (delay_ms)
		delay = msecs_to_jiffies(delay_ms) + 1;

	if (!h->prealloc) {
		req = vmk_HeapAllocWithRA(h->heap, sizeof(*req),
					  (void *)caller);
		if (!req)
			return VMK_NO_MEMORY;
	}
	spin_lock_irqsave(&h->lock, flags);
	status = vmk_helper_reserve(h, may_block, &flags);
	if (status != VMK_OK) {
		spin_unlock_irqrestore(&h->lock, flags);
		if (req)
			vmk_HeapFree(h->heap, req);
		return status;
	}
	if (h->prealloc) {
		req = list_first_entry(&h->free, struct vmk_helper_req, link);
		list_del(&req->link);
	}
	INIT_DELAYED_WORK(&req->dwork, vmk_helper_run);
	req->helper = h;
	req->fn = fn;
	req->data = data;
	req->tag.addr = props ? props->tag.addr : 0;
	req->cancel = props ? props->cancelFunc : NULL;
	req->due_ns = delay_ms ? ktime_get_ns() + (u64)delay_ms * NSEC_PER_MSEC : 0;
	list_add_tail(&req->link, &h->waiting);
	h->npending++;
	trace_deferred_queue(VMK_CORE_DEFERRED_HELPER, req, h->name.string,
			     h->module, (u64)delay_ms * NSEC_PER_MSEC);
	/* Under the lock, so a cancel or destroy sees it queued. */
	queue_delayed_work(h->wq, &req->dwork, delay);
	spin_unlock_irqrestore(&h->lock, flags);
	return VMK_OK;
}

VMK_ReturnStatus vmk_HelperSubmitRequest(vmk_Helper helper,
					 vmk_HelperRequestFunc requestFunc,
					 vmk_AddrCookie data,
					 const vmk_HelperRequestProps *props)
{
	return vmk_helper_submit(helper, requestFunc, data, 0, props,
				 __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_HelperSubmitRequest);

VMK_ReturnStatus vmk_HelperSubmitDelayedRequest(vmk_Helper helper,
						vmk_HelperRequestFunc requestFunc,
						vmk_AddrCookie data,
						vmk_uint32 timeoutMS,
						const vmk_HelperRequestProps *props)
{
	return vmk_helper_submit(helper, requestFunc, data, timeoutMS, props,
				 __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_HelperSubmitDelayedRequest);

static bool vmk_helper_tag_match(struct vmk_HelperInt *h,
				 vmk_AddrCookie a, vmk_AddrCookie b)
{
	if (h->tag_compare)
		return h->tag_compare(a, b);
	return a.addr == b.addr;
}

VMK_ReturnStatus vmk_HelperCancelRequest(vmk_Helper helper,
					 vmk_AddrCookie requestTag,
					 vmk_uint32 *numCancelled)
{
	struct vmk_helper_req *req, *next;
	struct vmk_HelperInt *h;
	VMK_ReturnStatus status;
	unsigned long flags;
	LIST_HEAD(doomed);
	u32 n;

	vmk_core_assert_may_deschedule();
	status = vmk_helper_get(helper, &h, __func__, _RET_IP_);
	if (status != VMK_OK)
		return status;
	spin_lock_irqsave(&h->lock, flags);
	/* Untagged requests (tag 0) are never cancelled by tag. */
	list_for_each_entry_safe(req, next, &h->waiting, link)
		if (req->tag.addr &&
		    vmk_helper_tag_match(h, req->tag, requestTag))
			vmk_helper_grab(h, req, &doomed);
	spin_unlock_irqrestore(&h->lock, flags);
	n = vmk_helper_cancel_list(h, &doomed);
	if (numCancelled)
		*numCancelled = n;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_HelperCancelRequest);

vmk_uint32 vmk_HelperCurrentRequestCount(vmk_Helper helper)
{
	struct vmk_HelperInt *h;

	if (vmk_helper_get(helper, &h, __func__, _RET_IP_) != VMK_OK)
		return 0;
	return READ_ONCE(h->npending);
}
VMKAPI_EXPORT(vmk_HelperCurrentRequestCount);

vmk_ModuleID vmk_core_helper_module(vmk_Helper helper)
{
	struct vmk_HelperInt *h;

	if (vmk_helper_get(helper, &h, __func__, _RET_IP_) != VMK_OK)
		return -1;
	return h->module;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_helper_module, VMKAPI_INTERNAL);
