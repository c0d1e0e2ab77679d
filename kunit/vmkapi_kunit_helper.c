// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: helper queues.  Requests report back through counters and
 * completions; waits are bounded by a generous safety timeout, and the
 * only time checked is the lower bound of a delayed request.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/wait.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

/* An integer as a cookie (data, tag). */
static vmk_AddrCookie CK(vmk_VA x)
{
	vmk_AddrCookie c = { .addr = x };

	return c;
}

#define SAFETY_TIMEOUT	(30 * HZ)
#define HEAP_MAX	(256 * 1024)

static vmk_HeapID helper_heap = VMK_INVALID_HEAP_ID;

static int helper_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	/* The suite's own heap: helpers made from it count for this module. */
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_helper",
				  HEAP_MAX, &helper_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	return 0;
}

static void helper_suite_exit(struct kunit_suite *suite)
{
	vmk_HeapDestroy(helper_heap);
	helper_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

static VMK_ReturnStatus make_helper(const char *name, u32 max_requests,
				    bool prealloc, vmk_Helper *helper)
{
	vmk_HelperProps props = {
		.heap = helper_heap,
		.maxRequests = max_requests,
		.preallocRequests = prealloc,
	};

	vmk_NameInitialize(&props.name, name);
	return vmk_HelperCreate(&props, helper);
}

#define NREQ	32

struct ctx {
	atomic_t ran[NREQ];
	atomic_t done;
	atomic_t cancelled[NREQ];
	wait_queue_head_t wq;
	struct completion started;
	struct completion gate;
	atomic_t finished;
	ktime_t ran_at;
};

static struct ctx *new_ctx(struct kunit *test)
{
	struct ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	for (i = 0; i < NREQ; i++) {
		atomic_set(&c->ran[i], 0);
		atomic_set(&c->cancelled[i], 0);
	}
	atomic_set(&c->done, 0);
	atomic_set(&c->finished, 0);
	init_waitqueue_head(&c->wq);
	init_completion(&c->started);
	init_completion(&c->gate);
	return c;
}

/* Requests and cancel functions get (ctx, index) packed in one cookie. */
static struct ctx *cur_ctx;

static void count_req(vmk_AddrCookie data)
{
	struct ctx *c = cur_ctx;

	atomic_inc(&c->ran[data.addr]);
	atomic_inc(&c->done);
	wake_up_all(&c->wq);
}

static void count_cancel(vmk_AddrCookie data)
{
	atomic_inc(&cur_ctx->cancelled[data.addr]);
}

/* Runs until the test opens the gate; blocking is allowed in requests. */
static void gated_req(vmk_AddrCookie data)
{
	struct ctx *c = cur_ctx;

	complete(&c->started);
	wait_for_completion_timeout(&c->gate, SAFETY_TIMEOUT);
	msleep(20);
	atomic_inc(&c->finished);
	atomic_inc(&c->ran[data.addr]);
}

static void timed_req(vmk_AddrCookie data)
{
	struct ctx *c = cur_ctx;

	c->ran_at = ktime_get();
	atomic_inc(&c->done);
	wake_up_all(&c->wq);
}

static void wait_done(struct kunit *test, struct ctx *c, int n)
{
	KUNIT_EXPECT_GT(test, wait_event_timeout(c->wq,
						 atomic_read(&c->done) >= n,
						 SAFETY_TIMEOUT), 0);
}

/* Every request runs, once; with and without preallocated requests. */
static void vmk_helper_runs_each_once(struct kunit *test)
{
	struct ctx *c = new_ctx(test);
	vmk_Helper h = NULL;
	int pre, i;

	cur_ctx = c;
	for (pre = 0; pre < 2; pre++) {
		KUNIT_ASSERT_EQ(test, make_helper("kunit-run", NREQ, pre, &h),
				VMK_OK);
		for (i = 0; i < NREQ; i++)
			KUNIT_EXPECT_EQ(test,
					vmk_HelperSubmitRequest(h, count_req,
						CK(i),
						VMK_HELPER_DEFAULT_REQ_PROPS),
					VMK_OK);
		wait_done(test, c, NREQ * (pre + 1));
		KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_OK);
		for (i = 0; i < NREQ; i++)
			KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[i]), pre + 1);
	}
}

/* maxRequests outstanding (waiting or running): VMK_NO_RESOURCES. */
static void vmk_helper_request_limit(struct kunit *test)
{
	vmk_HelperRequestProps rp;
	vmk_Helper h = NULL;
	struct ctx *c;
	int pre;

	for (pre = 0; pre < 2; pre++) {
		c = new_ctx(test);
		cur_ctx = c;
		KUNIT_ASSERT_EQ(test, make_helper("kunit-limit", 2, pre, &h),
				VMK_OK);
		KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(h, gated_req, CK(0),
							      NULL), VMK_OK);
		KUNIT_EXPECT_EQ(test,
				vmk_HelperSubmitDelayedRequest(h, count_req, CK(1),
							       10000, NULL),
				VMK_OK);
		KUNIT_EXPECT_EQ(test,
				vmk_HelperSubmitRequest(h, count_req, CK(2), NULL),
				VMK_NO_RESOURCES);
		KUNIT_EXPECT_EQ(test,
				vmk_HelperSubmitDelayedRequest(h, count_req, CK(2),
							       1, NULL),
				VMK_NO_RESOURCES);
		/* A blocking submission gets the slot the gated one frees. */
		vmk_HelperRequestPropsInit(&rp);
		rp.requestMayBlock = VMK_TRUE;
		complete(&c->gate);
		KUNIT_EXPECT_EQ(test,
				vmk_HelperSubmitRequest(h, count_req, CK(3), &rp),
				VMK_OK);
		KUNIT_EXPECT_EQ(test, atomic_read(&c->finished), 1);
		wait_done(test, c, 1);
		KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_OK);
		/* The 10 s one never ran: destroy cancelled it. */
		KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[1]), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[2]), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[3]), 1);
	}
}

/* A helper made with blockingSubmit waits when no props are given. */
static void vmk_helper_blocking_submit(struct kunit *test)
{
	vmk_HelperProps props = {
		.heap = helper_heap,
		.maxRequests = 1,
		.blockingSubmit = VMK_TRUE,
	};
	struct ctx *c = new_ctx(test);
	vmk_Helper h = NULL;

	cur_ctx = c;
	vmk_NameInitialize(&props.name, "kunit-block");
	KUNIT_ASSERT_EQ(test, vmk_HelperCreate(&props, &h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitDelayedRequest(h, count_req, CK(0),
							     50, NULL),
			VMK_OK);
	/* Accepted only once the first has run and given its slot back. */
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(h, count_req, CK(1), NULL),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[0]), 1);
	wait_done(test, c, 2);
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[1]), 1);
}

/* A delayed request runs no earlier than asked. */
static void vmk_helper_delayed(struct kunit *test)
{
	struct ctx *c = new_ctx(test);
	vmk_Helper h = NULL;
	ktime_t t0;
	int i;

	cur_ctx = c;
	KUNIT_ASSERT_EQ(test, make_helper("kunit-delay", 4, false, &h),
			VMK_OK);
	for (i = 1; i <= 3; i++) {
		t0 = ktime_get();
		KUNIT_EXPECT_EQ(test,
				vmk_HelperSubmitDelayedRequest(h, timed_req, CK(0),
							       i * 15, NULL),
				VMK_OK);
		wait_done(test, c, i);
		KUNIT_EXPECT_GE(test, ktime_ms_delta(c->ran_at, t0),
				(s64)i * 15);
	}
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_OK);
}

#define TAG_A	((vmk_VA)0x100)
#define TAG_B	((vmk_VA)0x200)

static VMK_ReturnStatus submit_tagged(vmk_Helper h,
				      vmk_HelperRequestFunc fn, vmk_VA idx,
				      vmk_VA tag, vmk_uint32 delay_ms)
{
	vmk_HelperRequestProps rp;

	vmk_HelperRequestPropsInit(&rp);
	rp.tag.addr = tag;
	rp.cancelFunc = count_cancel;
	return vmk_HelperSubmitDelayedRequest(h, fn, CK(idx),
					      delay_ms, &rp);
}

/*
 * Cancel by tag: waiting requests with the tag are cancelled and their
 * cancel functions called; running, finished and other-tag ones are not.
 */
static void vmk_helper_cancel_by_tag(struct kunit *test)
{
	struct ctx *c = new_ctx(test);
	vmk_Helper h = NULL;
	vmk_uint32 n = 99;
	int i;

	cur_ctx = c;
	KUNIT_ASSERT_EQ(test, make_helper("kunit-cancel", 16, true, &h),
			VMK_OK);
	/* 0 runs and finishes, 1 runs (held at the gate), 2..4 wait. */
	KUNIT_EXPECT_EQ(test, submit_tagged(h, count_req, 0, TAG_A, 0),
			VMK_OK);
	wait_done(test, c, 1);
	KUNIT_EXPECT_EQ(test, submit_tagged(h, gated_req, 1, TAG_A, 0),
			VMK_OK);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&c->started,
							  SAFETY_TIMEOUT), 0);
	for (i = 2; i <= 4; i++)
		KUNIT_EXPECT_EQ(test,
				submit_tagged(h, count_req, i, TAG_A, 10000),
				VMK_OK);
	KUNIT_EXPECT_EQ(test, submit_tagged(h, count_req, 5, TAG_B, 10000),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperCurrentRequestCount(h), 4);

	KUNIT_EXPECT_EQ(test, vmk_HelperCancelRequest(h, CK(TAG_A), &n), VMK_OK);
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, vmk_HelperCurrentRequestCount(h), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[0]), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[1]), 0);
	for (i = 2; i <= 4; i++) {
		KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[i]), 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[i]), 0);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[5]), 0);
	/* Again: nothing left with that tag. */
	KUNIT_EXPECT_EQ(test, vmk_HelperCancelRequest(h, CK(TAG_A), &n), VMK_OK);
	KUNIT_EXPECT_EQ(test, n, 0);
	KUNIT_EXPECT_EQ(test, vmk_HelperCancelRequest(h, CK(TAG_A), NULL),
			VMK_OK);

	complete(&c->gate);
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[0]), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[1]), 1);
	/* Destroy cancelled the one still waiting. */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[5]), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[5]), 0);
	for (i = 0; i <= 4; i++)
		KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[i]),
				i >= 2 ? 1 : 0);
}

/* The helper's comparator decides which tags match. */
static vmk_Bool same_page(vmk_AddrCookie a, vmk_AddrCookie b)
{
	return (a.addr >> 12) == (b.addr >> 12);
}

static void vmk_helper_tag_comparator(struct kunit *test)
{
	vmk_HelperProps props = {
		.heap = helper_heap,
		.maxRequests = 8,
		.tagCompare = same_page,
	};
	struct ctx *c = new_ctx(test);
	vmk_Helper h = NULL;
	vmk_uint32 n = 0;

	cur_ctx = c;
	vmk_NameInitialize(&props.name, "kunit-cmp");
	KUNIT_ASSERT_EQ(test, vmk_HelperCreate(&props, &h), VMK_OK);
	KUNIT_EXPECT_EQ(test, submit_tagged(h, count_req, 0, 0x1010, 10000),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, submit_tagged(h, count_req, 1, 0x1020, 10000),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, submit_tagged(h, count_req, 2, 0x2010, 10000),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperCancelRequest(h, CK(0x1fff), &n), VMK_OK);
	KUNIT_EXPECT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[0]), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[1]), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[2]), 0);
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->cancelled[2]), 1);
}

/* Counts its start in done, then waits at the gate, alone or not. */
static void gate_all_req(vmk_AddrCookie data)
{
	struct ctx *c = cur_ctx;

	if (atomic_inc_return(&c->finished) > 1)
		atomic_inc(&c->ran[1]);
	atomic_inc(&c->done);
	wake_up_all(&c->wq);
	wait_for_completion_timeout(&c->gate, SAFETY_TIMEOUT);
	atomic_dec(&c->finished);
}

/*
 * maxWorlds 1: one request at a time; raised by vmk_HelperUpdateProps to
 * 2, the second waiting request starts while the first still runs.
 */
static void vmk_helper_max_worlds(struct kunit *test)
{
	vmk_HelperProps props = {
		.heap = helper_heap,
		.maxRequests = 4,
		.mutables = { .maxWorlds = 1 },
	};
	vmk_HelperMutableProps mp = { .maxWorlds = 2 };
	struct ctx *c = new_ctx(test);
	vmk_Helper h = NULL;

	cur_ctx = c;
	vmk_NameInitialize(&props.name, "kunit-worlds");
	KUNIT_ASSERT_EQ(test, vmk_HelperCreate(&props, &h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(h, gate_all_req, CK(0),
						      NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(h, gate_all_req, CK(1),
						      NULL), VMK_OK);
	wait_done(test, c, 1);
	/* Not a threshold: only a second world could start the other. */
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->done), 1);
	KUNIT_EXPECT_EQ(test, vmk_HelperCurrentRequestCount(h), 1);

	KUNIT_EXPECT_EQ(test, vmk_HelperUpdateProps(h, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HelperUpdateProps(h, &mp), VMK_OK);
	wait_done(test, c, 2);
	/* Both inside at once. */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[1]), 1);
	complete_all(&c->gate);
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperUpdateProps(h, &mp),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_HelperUpdateProps(NULL, &mp),
			VMK_BAD_PARAM);
}

struct destroyer {
	vmk_Helper helper;
	VMK_ReturnStatus status;
	int finished_at_return;
	struct completion done;
};

static int destroy_world(void *arg)
{
	struct destroyer *d = arg;

	d->status = vmk_HelperDestroy(d->helper);
	d->finished_at_return = atomic_read(&cur_ctx->finished);
	complete(&d->done);
	return 0;
}

/* Destroy returns only after the request that was running finished. */
static void vmk_helper_destroy_waits(struct kunit *test)
{
	struct ctx *c = new_ctx(test);
	struct destroyer d = { .status = VMK_FAILURE };
	struct task_struct *t;

	cur_ctx = c;
	init_completion(&d.done);
	KUNIT_ASSERT_EQ(test, make_helper("kunit-destroy", 4, false,
					  &d.helper), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(d.helper, gated_req, CK(0),
						      NULL), VMK_OK);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&c->started,
							  SAFETY_TIMEOUT), 0);
	t = kthread_run(destroy_world, &d, "kunit-hdestroy");
	if (IS_ERR(t)) {
		complete(&c->gate);
		vmk_HelperDestroy(d.helper);
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
		return;
	}
	/* Not a threshold: only a destroy that did not wait could finish. */
	msleep(50);
	KUNIT_EXPECT_FALSE(test, completion_done(&d.done));
	complete(&c->gate);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&d.done,
							  SAFETY_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, d.status, VMK_OK);
	KUNIT_EXPECT_EQ(test, d.finished_at_return, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[0]), 1);
}

static void nop_ctor(vmk_AddrCookie arg)
{
}

/* Bad arguments and stale handles: a status, never an oops. */
static void vmk_helper_bad_params(struct kunit *test)
{
	vmk_HelperProps props = {
		.heap = helper_heap,
		.maxRequests = 4,
	};
	vmk_HelperRequestProps rp;
	vmk_Helper h = NULL;
	vmk_uint32 n = 0;

	vmk_NameInitialize(&props.name, "kunit-bad");
	KUNIT_EXPECT_EQ(test, vmk_HelperCreate(NULL, &h), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HelperCreate(&props, NULL), VMK_BAD_PARAM);
	props.maxRequests = 0;
	KUNIT_EXPECT_EQ(test, vmk_HelperCreate(&props, &h), VMK_BAD_PARAM);
	props.maxRequests = 4;
	props.heap = VMK_INVALID_HEAP_ID;
	KUNIT_EXPECT_EQ(test, vmk_HelperCreate(&props, &h), VMK_BAD_PARAM);
	props.heap = helper_heap;
	props.constructor = nop_ctor;
	KUNIT_EXPECT_EQ(test, vmk_HelperCreate(&props, &h),
			VMK_NOT_SUPPORTED);
	props.constructor = NULL;
	vmk_NameInitialize(&props.name, "");
	KUNIT_EXPECT_EQ(test, vmk_HelperCreate(&props, &h), VMK_INVALID_NAME);

	vmk_HelperRequestPropsInit(NULL);
	memset(&rp, 0xff, sizeof(rp));
	vmk_HelperRequestPropsInit(&rp);
	KUNIT_EXPECT_EQ(test, rp.requestMayBlock, VMK_FALSE);
	KUNIT_EXPECT_EQ(test, rp.tag.addr, 0);
	KUNIT_EXPECT_PTR_EQ(test, rp.cancelFunc, NULL);
	KUNIT_EXPECT_EQ(test, rp.worldToBill, VMK_INVALID_WORLD_ID);

	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(NULL, count_req, CK(0),
						      NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(VMK_HELPER_INVALID_ID,
						      count_req, CK(0), NULL),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_HelperCancelRequest(NULL, CK(1), &n),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HelperCurrentRequestCount(NULL), 0);

	KUNIT_ASSERT_EQ(test, make_helper("kunit-bad", 4, true, &h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(h, NULL, CK(0), NULL),
			VMK_BAD_PARAM);
	rp.cancelFunc = count_cancel;
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(h, count_req, CK(0), &rp),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_HelperCurrentRequestCount(h), 0);
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_OK);

	/* Stale handle. */
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(h), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitRequest(h, count_req, CK(0), NULL),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitDelayedRequest(h, count_req, CK(0),
							     5, NULL),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_HelperCancelRequest(h, CK(1), &n),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_HelperCurrentRequestCount(h), 0);
}

static u64 live_allocs(struct kunit *test)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(helper_heap, &st), 0);
	return st.allocs - st.frees;
}

/*
 * A helper is a resource of its heap's module (unregistering is refused
 * while it lives) and takes its memory from that heap: all requests at
 * create time when preallocated, one per submission otherwise.
 */
static void vmk_helper_module_resources(struct kunit *test)
{
	vmk_Helper a = NULL, b = NULL;
	struct ctx *c = new_ctx(test);
	u64 base = live_allocs(test);
	vmk_uint32 n = 0;

	cur_ctx = c;
	KUNIT_ASSERT_EQ(test, make_helper("kunit-res-a", 8, true, &a),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base + 1 + 8);
	KUNIT_EXPECT_EQ(test, vmk_core_helper_module(a), vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, vmk_HelperSubmitDelayedRequest(a, count_req, CK(0),
							     10000, NULL),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base + 1 + 8);

	KUNIT_ASSERT_EQ(test, make_helper("kunit-res-b", 8, false, &b),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_helper_module(b), vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base + 1 + 8 + 1);
	KUNIT_EXPECT_EQ(test, submit_tagged(b, count_req, 1, TAG_A, 10000),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base + 1 + 8 + 1 + 1);
	KUNIT_EXPECT_EQ(test, vmk_HelperCancelRequest(b, CK(TAG_A), &n), VMK_OK);
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base + 1 + 8 + 1);

	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_HelperDestroy(b), VMK_OK);
	KUNIT_EXPECT_EQ(test, live_allocs(test), base);
	KUNIT_EXPECT_EQ(test, vmk_core_helper_module(a), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ran[0]), 0);
}

static struct kunit_case vmk_helper_cases[] = {
	KUNIT_CASE(vmk_helper_runs_each_once),
	KUNIT_CASE(vmk_helper_request_limit),
	KUNIT_CASE(vmk_helper_blocking_submit),
	KUNIT_CASE(vmk_helper_delayed),
	KUNIT_CASE(vmk_helper_cancel_by_tag),
	KUNIT_CASE(vmk_helper_tag_comparator),
	KUNIT_CASE(vmk_helper_max_worlds),
	KUNIT_CASE(vmk_helper_destroy_waits),
	KUNIT_CASE(vmk_helper_bad_params),
	KUNIT_CASE(vmk_helper_module_resources),
	{}
};

static struct kunit_suite vmk_helper_suite = {
	.name = "vmkapi_helper",
	.suite_init = helper_suite_init,
	.suite_exit = helper_suite_exit,
	.test_cases = vmk_helper_cases,
};
kunit_test_suite(vmk_helper_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API helper queues");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
