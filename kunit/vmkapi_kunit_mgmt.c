// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the management API, kernel side.  Sessions and calls are made
 * with the core's test entry points (vmk_core_mgmt_session_open and
 * vmk_core_mgmt_call), which run exactly what the netlink commands run
 * minus the socket; the netlink path itself is the integration test's.
 * Waits are bounded by a generous safety timeout; no test measures time.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kmsg_dump.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define SAFETY_TIMEOUT	(30 * HZ)
#define HEAP_MAX	(512 * 1024)

enum {
	CB_ADD = VMK_MGMT_RESERVED_CALLBACKS + 1,	/* a + b -> sum */
	CB_BLOCK,		/* waits for the test to let it go */
	CB_NOTIFY,		/* user: a u64 and a vector of u32 */
	CB_SELF_DESTROY,	/* destroys its own handle */
	CB_MEET,		/* returns once MEET_CALLS run at once */
};

#define MEET_CALLS	4

struct mgmt_ctx {
	vmk_MgmtHandle handle;
	atomic_t cleanups;
	atomic_t session_cleanups;
	atomic_t seq;		/* orders the events below */
	int cleanup_at;
	int session_cleanup_at;
	int block_returned_at;
	u64 cleanup_cookie;
	u64 session_cookie_seen;
	u64 session_id_seen;
	VMK_ReturnStatus announce_status;
	VMK_ReturnStatus self_destroy_status;
	int cleanups_inside;
	struct completion entered;
	struct completion release;
	atomic_t inside;
	atomic_t met;
	wait_queue_head_t wq;
};

static struct mgmt_ctx *ctx;
static vmk_HeapID mgmt_heap = VMK_INVALID_HEAP_ID;

static VMK_ReturnStatus cb_add(vmk_MgmtCookies *cookies,
			       vmk_MgmtEnvelope *env, vmk_uint32 *a,
			       vmk_uint32 *b, vmk_uint32 *sum)
{
	*sum = *a + *b;
	ctx->session_cookie_seen = cookies->sessionCookie;
	ctx->session_id_seen = env->sessionId;
	return VMK_OK;
}

/* The instance override of CB_ADD: a different answer. */
static VMK_ReturnStatus cb_add_instance(vmk_MgmtCookies *cookies,
					vmk_MgmtEnvelope *env, vmk_uint32 *a,
					vmk_uint32 *b, vmk_uint32 *sum)
{
	*sum = 1000 + *a + *b;
	return VMK_OK;
}

static VMK_ReturnStatus cb_block(vmk_MgmtCookies *cookies,
				 vmk_MgmtEnvelope *env)
{
	complete(&ctx->entered);
	if (!wait_for_completion_timeout(&ctx->release, SAFETY_TIMEOUT))
		return VMK_TIMEOUT;
	ctx->block_returned_at = atomic_inc_return(&ctx->seq);
	return VMK_OK;
}

static VMK_ReturnStatus cb_self_destroy(vmk_MgmtCookies *cookies,
					vmk_MgmtEnvelope *env)
{
	ctx->self_destroy_status = vmk_MgmtDestroy(ctx->handle);
	ctx->cleanups_inside = atomic_read(&ctx->cleanups);
	return VMK_OK;
}

static VMK_ReturnStatus cb_meet(vmk_MgmtCookies *cookies,
				vmk_MgmtEnvelope *env)
{
	VMK_ReturnStatus status = VMK_OK;

	atomic_inc(&ctx->inside);
	wake_up_all(&ctx->wq);
	if (!wait_event_timeout(ctx->wq,
				atomic_read(&ctx->inside) >= MEET_CALLS,
				SAFETY_TIMEOUT))
		status = VMK_TIMEOUT;
	else
		atomic_inc(&ctx->met);
	return status;
}

static void cleanup_fn(vmk_uint64 cookie)
{
	ctx->cleanup_cookie = cookie;
	ctx->cleanup_at = atomic_inc_return(&ctx->seq);
	atomic_inc(&ctx->cleanups);
}

static VMK_ReturnStatus announce_fn(vmk_MgmtHandle handle, vmk_uint64 cookie,
				    vmk_MgmtSessionID id,
				    vmk_uint64 *session_cookie)
{
	*session_cookie = 7700 + id;
	return ctx->announce_status;
}

static void session_cleanup_fn(vmk_MgmtHandle handle, vmk_uint64 cookie,
			       vmk_MgmtSessionID id,
			       vmk_AddrCookie session_cookie)
{
	ctx->session_cleanup_at = atomic_inc_return(&ctx->seq);
	ctx->session_cookie_seen = session_cookie.addr;
	atomic_inc(&ctx->session_cleanups);
}

static vmk_MgmtCallbackInfo test_callbacks[] = {
	{
		.location = VMK_MGMT_CALLBACK_KERNEL,
		.callback = cb_add,
		.synchronous = 1,
		.numParms = 3,
		.parmSizes = { 4, 4, 4 },
		.parmTypes = { VMK_MGMT_PARMTYPE_IN, VMK_MGMT_PARMTYPE_IN,
			       VMK_MGMT_PARMTYPE_OUT },
		.callbackId = CB_ADD,
	},
	{
		.location = VMK_MGMT_CALLBACK_KERNEL,
		.callback = cb_block,
		.synchronous = 1,
		.callbackId = CB_BLOCK,
	},
	{
		.location = VMK_MGMT_CALLBACK_USER,
		.numParms = 2,
		.parmSizes = { 8, 4 },
		.parmTypes = { VMK_MGMT_PARMTYPE_IN,
			       VMK_MGMT_PARMTYPE_VECTOR_IN },
		.callbackId = CB_NOTIFY,
	},
	{
		.location = VMK_MGMT_CALLBACK_KERNEL,
		.callback = cb_self_destroy,
		.synchronous = 1,
		.callbackId = CB_SELF_DESTROY,
	},
	{
		.location = VMK_MGMT_CALLBACK_KERNEL,
		.callback = cb_meet,
		.synchronous = 1,
		.callbackId = CB_MEET,
	},
};

static vmk_MgmtApiSignature test_sig = {
	.version = VMK_REVISION_FROM_NUMBERS(1, 2, 0, 0),
	.name.string = "kunit-mgmt",
	.vendor.string = "vmkapi-linux",
	.numCallbacks = ARRAY_SIZE(test_callbacks),
	.callbacks = test_callbacks,
};

static int mgmt_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_mgmt", HEAP_MAX,
				  &mgmt_heap) != VMK_OK) {
		vmk_kunit_suite_unregister(suite);
		return -ENOMEM;
	}
	return 0;
}

static void mgmt_suite_exit(struct kunit_suite *suite)
{
	vmk_HeapDestroy(mgmt_heap);
	mgmt_heap = VMK_INVALID_HEAP_ID;
	vmk_kunit_suite_unregister(suite);
}

static int mgmt_test_init(struct kunit *test)
{
	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_completion(&ctx->entered);
	init_completion(&ctx->release);
	init_waitqueue_head(&ctx->wq);
	ctx->announce_status = VMK_OK;
	return 0;
}

static vmk_MgmtProps test_props(vmk_MgmtApiSignature *sig)
{
	vmk_MgmtProps props = {
		.modId = vmk_kunit_module_id,
		.heapId = mgmt_heap,
		.sig = sig,
		.cleanupFn = cleanup_fn,
		.sessionAnnounceFn = announce_fn,
		.sessionCleanupFn = session_cleanup_fn,
		.handleCookie = 0xc0ffee,
	};

	return props;
}

static vmk_MgmtHandle make_handle(struct kunit *test)
{
	vmk_MgmtProps props = test_props(&test_sig);

	KUNIT_ASSERT_EQ(test, vmk_MgmtInit(&props, &ctx->handle), VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, ctx->handle);
	return ctx->handle;
}

/* Lines of the kernel log that contain @needle. */
static unsigned int log_lines(const char *needle)
{
	struct kmsg_dump_iter iter;
	unsigned int n = 0;
	size_t len;
	char *line;

	line = kmalloc(1024, GFP_KERNEL);
	if (!line)
		return 0;
	kmsg_dump_rewind(&iter);
	while (kmsg_dump_get_line(&iter, false, line, 1023, &len)) {
		line[min_t(size_t, len, 1023)] = '\0';
		if (strstr(line, needle))
			n++;
	}
	kfree(line);
	return n;
}

/* @call returns @status and logs one line naming @api. */
#define EXPECT_REFUSED_ONCE(test, api, call, status)			\
	do {								\
		unsigned int __before = log_lines(api ": bad argument");\
		KUNIT_EXPECT_EQ(test, call, status);			\
		KUNIT_EXPECT_EQ(test, log_lines(api ": bad argument"),	\
				__before + 1);				\
	} while (0)

static VMK_ReturnStatus call_add(vmk_MgmtHandle h, vmk_MgmtSessionID session,
				 vmk_uint64 instance, vmk_uint32 a,
				 vmk_uint32 b, vmk_uint32 *sum)
{
	void *parms[] = { &a, &b, sum };

	return vmk_core_mgmt_call(h, session, instance, CB_ADD, parms);
}

/* ---- life of a handle ---------------------------------------------------- */

static void mgmt_init_destroy(struct kunit *test)
{
	vmk_MgmtHandle h = make_handle(test);
	vmk_uint32 sum = 0;

	KUNIT_EXPECT_EQ(test, call_add(h, 0, VMK_MGMT_NO_INSTANCE_ID, 2, 3,
				       &sum), VMK_OK);
	KUNIT_EXPECT_EQ(test, sum, 5);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 0);

	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
	/* Nothing ran: the cleanup is done when Destroy returns. */
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 1);
	KUNIT_EXPECT_EQ(test, ctx->cleanup_cookie, 0xc0ffee);
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtDestroy", vmk_MgmtDestroy(h),
			    VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, call_add(h, 0, VMK_MGMT_NO_INSTANCE_ID, 2, 3,
				       &sum), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 1);
}

static void mgmt_init_bad_props(struct kunit *test)
{
	vmk_MgmtCallbackInfo cbs[ARRAY_SIZE(test_callbacks)];
	vmk_MgmtApiSignature sig = test_sig;
	vmk_MgmtProps props = test_props(&sig);
	vmk_MgmtHandle h = NULL, other = NULL;
	vmk_MgmtProps p;
	vmk_HeapID dead;

	sig.callbacks = cbs;
#define RESET() memcpy(cbs, test_callbacks, sizeof(cbs))
	RESET();

	EXPECT_REFUSED_ONCE(test, "vmk_MgmtInit", vmk_MgmtInit(NULL, &h),
			    VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, NULL), VMK_BAD_PARAM);
	p = props;
	p.sig = NULL;
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&p, &h), VMK_BAD_PARAM);
	p = props;
	p.modId = 12345;
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtInit", vmk_MgmtInit(&p, &h),
			    VMK_BAD_PARAM);

	KUNIT_ASSERT_EQ(test, vmk_kunit_heap_create(vmk_kunit_module_id,
						    "kunit_mgmt_dead", 4096,
						    &dead), VMK_OK);
	vmk_HeapDestroy(dead);
	p = props;
	p.heapId = dead;
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtInit", vmk_MgmtInit(&p, &h),
			    VMK_BAD_PARAM);
	p.heapId = VMK_INVALID_HEAP_ID;
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&p, &h), VMK_BAD_PARAM);

	/* The signature itself. */
	sig.name.string[0] = '\0';
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtInit", vmk_MgmtInit(&props, &h),
			    VMK_BAD_PARAM);
	memset(sig.name.string, 'x', sizeof(sig.name.string));
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	sig.name = test_sig.name;
	memset(sig.vendor.string, 'y', sizeof(sig.vendor.string));
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	sig.vendor = test_sig.vendor;
	sig.numCallbacks = -1;
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	sig.numCallbacks = 2;
	sig.callbacks = NULL;
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	sig.numCallbacks = test_sig.numCallbacks;
	sig.callbacks = cbs;

	cbs[0].callbackId = VMK_MGMT_RESERVED_CALLBACKS;	/* reserved */
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtInit", vmk_MgmtInit(&props, &h),
			    VMK_BAD_PARAM);
	RESET();
	cbs[1].callbackId = CB_ADD;				/* used twice */
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	cbs[0].numParms = VMK_MGMT_MAX_CALLBACK_PARMS + 1;
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	cbs[0].location = 7;
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	cbs[0].parmTypes[1] = 9;
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	cbs[0].parmSizes[2] = 0;
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	cbs[0].synchronous = 0;		/* OUT of an asynchronous callback */
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	cbs[2].parmTypes[0] = VMK_MGMT_PARMTYPE_INOUT;	/* OUT of a user one */
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	cbs[2].synchronous = 1;		/* user callbacks are asynchronous */
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	cbs[1].callback = NULL;		/* a kernel callback needs one */
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &h), VMK_BAD_PARAM);
	RESET();
	KUNIT_EXPECT_NULL(test, h);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 0);

	/* One handle per name and vendor; another vendor is another API. */
	KUNIT_ASSERT_EQ(test, vmk_MgmtInit(&props, &h), VMK_OK);
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtInit", vmk_MgmtInit(&props, &other),
			    VMK_EXISTS);
	vmk_NameInitialize(&sig.vendor, "someone-else");
	KUNIT_EXPECT_EQ(test, vmk_MgmtInit(&props, &other), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(other), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 2);
#undef RESET
}

/* The signature is copied: the caller's table may change afterwards. */
static void mgmt_signature_copied(struct kunit *test)
{
	vmk_MgmtCallbackInfo cbs[ARRAY_SIZE(test_callbacks)];
	vmk_MgmtApiSignature sig = test_sig;
	vmk_MgmtProps props = test_props(&sig);
	vmk_MgmtHandle h;
	vmk_uint32 sum = 0;

	memcpy(cbs, test_callbacks, sizeof(cbs));
	sig.callbacks = cbs;
	KUNIT_ASSERT_EQ(test, vmk_MgmtInit(&props, &h), VMK_OK);
	memset(cbs, 0, sizeof(cbs));
	memset(&sig, 0, sizeof(sig));
	KUNIT_EXPECT_EQ(test, call_add(h, 0, VMK_MGMT_NO_INSTANCE_ID, 20, 22,
				       &sum), VMK_OK);
	KUNIT_EXPECT_EQ(test, sum, 42);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
}

/* ---- instances ----------------------------------------------------------- */

static void mgmt_instances(struct kunit *test)
{
	vmk_MgmtCallbackInfo over = test_callbacks[0];
	vmk_MgmtHandle h = make_handle(test);
	vmk_uint32 sum = 0;
	vmk_Name name;
	u64 i;

	over.callback = cb_add_instance;
	vmk_NameInitialize(&name, "dev0");
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtRegisterInstanceCallbacks",
			    vmk_MgmtRegisterInstanceCallbacks(h,
				VMK_MGMT_NO_INSTANCE_ID, vmk_kunit_module_id,
				mgmt_heap, &name, 0, NULL),
			    VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, 1,
				vmk_kunit_module_id, mgmt_heap, NULL, 0, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, 1,
				12345, mgmt_heap, &name, 0, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(NULL, 1,
				vmk_kunit_module_id, mgmt_heap, &name, 0, NULL),
			VMK_BAD_PARAM);
	/* An override must be a kernel callback of the signature, alike. */
	over.parmSizes[0] = 8;
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, 1,
				vmk_kunit_module_id, mgmt_heap, &name, 1,
				&over), VMK_BAD_PARAM);
	over = test_callbacks[2];		/* a user callback */
	over.callback = cb_add_instance;
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, 1,
				vmk_kunit_module_id, mgmt_heap, &name, 1,
				&over), VMK_BAD_PARAM);
	over = test_callbacks[0];
	over.callback = cb_add_instance;

	/* Instance 1 overrides CB_ADD; the others use the signature's. */
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, 1,
				vmk_kunit_module_id, mgmt_heap, &name, 1,
				&over), VMK_OK);
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtRegisterInstanceCallbacks",
			    vmk_MgmtRegisterInstanceCallbacks(h, 1,
				vmk_kunit_module_id, mgmt_heap, &name, 0,
				NULL),
			    VMK_EXISTS);
	for (i = 2; i <= VMK_MGMT_MAX_INSTANCES; i++)
		KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, i,
					vmk_kunit_module_id, mgmt_heap, &name,
					0, NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, i,
				vmk_kunit_module_id, mgmt_heap, &name, 0, NULL),
			VMK_LIMIT_EXCEEDED);

	KUNIT_EXPECT_EQ(test, call_add(h, 0, 1, 1, 2, &sum), VMK_OK);
	KUNIT_EXPECT_EQ(test, sum, 1003);
	KUNIT_EXPECT_EQ(test, call_add(h, 0, 2, 1, 2, &sum), VMK_OK);
	KUNIT_EXPECT_EQ(test, sum, 3);
	KUNIT_EXPECT_EQ(test, call_add(h, 0, VMK_MGMT_NO_INSTANCE_ID, 1, 2,
				       &sum), VMK_OK);
	KUNIT_EXPECT_EQ(test, sum, 3);
	KUNIT_EXPECT_EQ(test, call_add(h, 0, 99, 1, 2, &sum), VMK_NOT_FOUND);

	EXPECT_REFUSED_ONCE(test, "vmk_MgmtUnregisterInstanceCallbacks",
			    vmk_MgmtUnregisterInstanceCallbacks(h, 99),
			    VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtUnregisterInstanceCallbacks(h, 1),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MgmtUnregisterInstanceCallbacks(h, 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, call_add(h, 0, 1, 1, 2, &sum), VMK_NOT_FOUND);
	/* A freed slot can be used again. */
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, 1,
				vmk_kunit_module_id, mgmt_heap, &name, 0, NULL),
			VMK_OK);
	for (i = 2; i <= 10; i++)
		KUNIT_EXPECT_EQ(test,
				vmk_MgmtUnregisterInstanceCallbacks(h, i),
				VMK_OK);
	/* The rest go with the handle. */
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, 1,
				vmk_kunit_module_id, mgmt_heap, &name, 0, NULL),
			VMK_INVALID_HANDLE);
}

/* ---- kernel -> user, sessions ------------------------------------------- */

#define FAKE_PORT	0xfffffff0U	/* never an autobound netlink port */

static void mgmt_invoke_no_session(struct kunit *test)
{
	vmk_MgmtHandle h = make_handle(test);
	vmk_MgmtEnvelope all = { .sessionId = VMK_MGMT_SESSION_ID_ALL };
	vmk_MgmtEnvelope one = { .sessionId = 4242 };
	vmk_uint32 data[3] = { 1, 2, 3 };
	vmk_MgmtVectorParm vec = { .length = sizeof(data), .dataPtr = data };
	vmk_uint64 value = 5;

	/* No session at all, or not that one: nobody to deliver to. */
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &all, CB_NOTIFY,
						     &value, &vec),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &one, CB_NOTIFY,
						     &value, &vec),
			VMK_NOT_FOUND);

	/* Checked against the signature before anything else. */
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtCallbackInvoke",
			    vmk_MgmtCallbackInvoke(h, &all, CB_ADD, &value,
						   &vec),
			    VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &all, CB_NOTIFY,
						     &value),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, NULL, CB_NOTIFY,
						     &value, &vec),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &all, CB_NOTIFY,
						     (void *)NULL, &vec),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &all, 999, &value),
			VMK_BAD_PARAM);
	vec.length = 5;			/* not a whole number of u32 */
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &all, CB_NOTIFY,
						     &value, &vec),
			VMK_BAD_PARAM);
	vec.length = sizeof(data);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(NULL, &all, CB_NOTIFY,
						     &value, &vec),
			VMK_BAD_PARAM);

	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &all, CB_NOTIFY,
						     &value, &vec),
			VMK_INVALID_HANDLE);
}

static void mgmt_sessions(struct kunit *test)
{
	vmk_MgmtHandle h = make_handle(test);
	vmk_MgmtEnvelope env = { .sessionId = VMK_MGMT_SESSION_ID_ALL };
	vmk_MgmtVectorParm vec = { .length = 0, .dataPtr = NULL };
	vmk_MgmtSessionID id = 0, id2 = 0;
	vmk_uint64 value = 9;
	vmk_uint32 sum = 0;

	/* A refused session leaves nothing behind. */
	ctx->announce_status = VMK_NO_PERMISSION;
	KUNIT_EXPECT_EQ(test, vmk_core_mgmt_session_open(h, FAKE_PORT, &id),
			VMK_NO_PERMISSION);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &env, CB_NOTIFY,
						     &value, &vec),
			VMK_NOT_FOUND);
	ctx->announce_status = VMK_OK;

	KUNIT_ASSERT_EQ(test, vmk_core_mgmt_session_open(h, FAKE_PORT, &id),
			VMK_OK);
	KUNIT_EXPECT_NE(test, id, VMK_MGMT_SESSION_ID_ALL);
	/* Its calls carry its ID and the cookie its announce chose. */
	KUNIT_EXPECT_EQ(test, call_add(h, id, VMK_MGMT_NO_INSTANCE_ID, 1, 1,
				       &sum), VMK_OK);
	KUNIT_EXPECT_EQ(test, ctx->session_id_seen, id);
	KUNIT_EXPECT_EQ(test, ctx->session_cookie_seen, 7700 + id);
	KUNIT_EXPECT_EQ(test, call_add(h, id + 1000, VMK_MGMT_NO_INSTANCE_ID,
				       1, 1, &sum), VMK_NOT_FOUND);

	/*
	 * Now there is someone to deliver to (the socket does not exist:
	 * the delivery is dropped later, which is not the caller's concern).
	 */
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &env, CB_NOTIFY,
						     &value, &vec), VMK_OK);
	env.sessionId = id;
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &env, CB_NOTIFY,
						     &value, &vec), VMK_OK);

	/* The socket goes: the session ends, its cleanup runs once. */
	ctx->session_cookie_seen = 0;
	vmk_core_mgmt_genl_release(FAKE_PORT);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->session_cleanups), 1);
	KUNIT_EXPECT_EQ(test, ctx->session_cookie_seen, 7700 + id);
	KUNIT_EXPECT_EQ(test, vmk_MgmtCallbackInvoke(h, &env, CB_NOTIFY,
						     &value, &vec),
			VMK_NOT_FOUND);
	vmk_core_mgmt_genl_release(FAKE_PORT);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->session_cleanups), 1);

	/* A session still open when the handle goes ends before cleanupFn. */
	KUNIT_ASSERT_EQ(test, vmk_core_mgmt_session_open(h, FAKE_PORT - 1,
							 &id2), VMK_OK);
	KUNIT_EXPECT_NE(test, id2, id);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->session_cleanups), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 1);
	KUNIT_EXPECT_LT(test, ctx->session_cleanup_at, ctx->cleanup_at);
	vmk_core_mgmt_genl_release(FAKE_PORT - 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->session_cleanups), 2);
}

/* ---- calls in flight ------------------------------------------------------ */

struct caller {
	struct kunit *test;
	vmk_MgmtHandle handle;
	vmk_uint64 instance;
	vmk_uint64 callback;
	VMK_ReturnStatus status;
	struct completion done;
};

static int caller_fn(void *data)
{
	struct caller *c = data;
	void *parms[1] = { NULL };

	c->status = vmk_core_mgmt_call(c->handle, 0, c->instance, c->callback,
				       parms);
	complete(&c->done);
	return 0;
}

static int destroyer_fn(void *data)
{
	struct caller *c = data;

	c->status = vmk_MgmtDestroy(c->handle);
	complete(&c->done);
	return 0;
}

static int unregister_fn(void *data)
{
	struct caller *c = data;

	c->status = vmk_MgmtUnregisterInstanceCallbacks(c->handle,
							c->instance);
	complete(&c->done);
	return 0;
}

static struct caller *start(struct kunit *test, int (*fn)(void *),
			    vmk_MgmtHandle h, vmk_uint64 instance,
			    vmk_uint64 callback)
{
	struct caller *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->test = test;
	c->handle = h;
	c->instance = instance;
	c->callback = callback;
	init_completion(&c->done);
	t = kthread_run(fn, c, "kunit-mgmt");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	return c;
}

static bool finish(struct caller *c)
{
	return wait_for_completion_timeout(&c->done, SAFETY_TIMEOUT);
}

/* Poll (bounded) until new calls on @h are refused: it is dying. */
static bool refused_soon(vmk_MgmtHandle h, vmk_uint64 instance)
{
	vmk_uint32 sum;
	int i;

	for (i = 0; i < 1500; i++) {
		if (call_add(h, 0, instance, 1, 1, &sum) == VMK_NOT_FOUND)
			return true;
		msleep(20);
	}
	return false;
}

static void mgmt_cleanup_after_last_call(struct kunit *test)
{
	vmk_MgmtHandle h = make_handle(test);
	struct caller *call, *destroy;

	call = start(test, caller_fn, h, VMK_MGMT_NO_INSTANCE_ID, CB_BLOCK);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&ctx->entered,
							    SAFETY_TIMEOUT));
	destroy = start(test, destroyer_fn, h, 0, 0);
	/* Destroy has begun: new calls are refused ... */
	KUNIT_EXPECT_TRUE(test, refused_soon(h, VMK_MGMT_NO_INSTANCE_ID));
	/* ... but the running one holds the cleanup back. */
	KUNIT_EXPECT_FALSE(test, completion_done(&destroy->done));
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 0);
	complete(&ctx->release);
	KUNIT_ASSERT_TRUE(test, finish(call));
	KUNIT_ASSERT_TRUE(test, finish(destroy));
	KUNIT_EXPECT_EQ(test, call->status, VMK_OK);
	KUNIT_EXPECT_EQ(test, destroy->status, VMK_OK);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 1);
	KUNIT_EXPECT_LT(test, ctx->block_returned_at, ctx->cleanup_at);
}

static void mgmt_destroy_from_callback(struct kunit *test)
{
	vmk_MgmtHandle h = make_handle(test);
	void *parms[1] = { NULL };

	KUNIT_EXPECT_EQ(test, vmk_core_mgmt_call(h, 0, VMK_MGMT_NO_INSTANCE_ID,
						 CB_SELF_DESTROY, parms),
			VMK_OK);
	/* Accepted inside; finished once the callback had returned. */
	KUNIT_EXPECT_EQ(test, ctx->self_destroy_status, VMK_OK);
	KUNIT_EXPECT_EQ(test, ctx->cleanups_inside, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->cleanups), 1);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_INVALID_HANDLE);
}

static void mgmt_unregister_waits_for_calls(struct kunit *test)
{
	vmk_MgmtHandle h = make_handle(test);
	struct caller *call, *unreg;
	vmk_Name name;

	vmk_NameInitialize(&name, "dev7");
	KUNIT_ASSERT_EQ(test, vmk_MgmtRegisterInstanceCallbacks(h, 7,
				vmk_kunit_module_id, mgmt_heap, &name, 0, NULL),
			VMK_OK);
	call = start(test, caller_fn, h, 7, CB_BLOCK);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&ctx->entered,
							    SAFETY_TIMEOUT));
	unreg = start(test, unregister_fn, h, 7, 0);
	KUNIT_EXPECT_TRUE(test, refused_soon(h, 7));
	KUNIT_EXPECT_FALSE(test, completion_done(&unreg->done));
	complete(&ctx->release);
	KUNIT_ASSERT_TRUE(test, finish(call));
	KUNIT_ASSERT_TRUE(test, finish(unreg));
	KUNIT_EXPECT_EQ(test, unreg->status, VMK_OK);
	KUNIT_EXPECT_EQ(test, call->status, VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
}

/* Nothing serialises callbacks: MEET_CALLS of them run at the same time. */
static void mgmt_concurrent_calls(struct kunit *test)
{
	vmk_MgmtHandle h = make_handle(test);
	struct caller *c[MEET_CALLS];
	int i;

	for (i = 0; i < MEET_CALLS; i++)
		c[i] = start(test, caller_fn, h, VMK_MGMT_NO_INSTANCE_ID,
			     CB_MEET);
	for (i = 0; i < MEET_CALLS; i++) {
		KUNIT_ASSERT_TRUE(test, finish(c[i]));
		KUNIT_EXPECT_EQ(test, c[i]->status, VMK_OK);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->met), MEET_CALLS);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
}

/* ---- keys ------------------------------------------------------------------ */

static VMK_ReturnStatus key_get(vmk_uint64 cookie, void *value)
{
	*(vmk_int64 *)value = cookie;
	return VMK_OK;
}

static VMK_ReturnStatus key_set(vmk_uint64 cookie, void *value)
{
	return VMK_OK;
}

static void mgmt_keys(struct kunit *test)
{
	vmk_MgmtHandle h = make_handle(test);
	vmk_Name name;
	int i;

	vmk_NameInitialize(&name, "level");
	KUNIT_EXPECT_EQ(test, vmk_MgmtAddKey(h, VMK_MGMT_KEY_TYPE_LONG, &name,
					     key_get, key_set), VMK_OK);
	EXPECT_REFUSED_ONCE(test, "vmk_MgmtAddKey",
			    vmk_MgmtAddKey(h, VMK_MGMT_KEY_TYPE_STRING, &name,
					   key_get, key_set),
			    VMK_EXISTS);
	vmk_NameInitialize(&name, "other");
	KUNIT_EXPECT_EQ(test, vmk_MgmtAddKey(h, 3, &name, key_get, key_set),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtAddKey(h, VMK_MGMT_KEY_TYPE_LONG, &name,
					     NULL, key_set), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtAddKey(h, VMK_MGMT_KEY_TYPE_LONG, &name,
					     key_get, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_MgmtAddKey(h, VMK_MGMT_KEY_TYPE_LONG, NULL,
					     key_get, key_set), VMK_BAD_PARAM);
	for (i = 1; i < VMK_MGMT_MAX_KEYS_PER_INSTANCE; i++) {
		vmk_NameFormat(&name, "key%d", i);
		KUNIT_EXPECT_EQ(test, vmk_MgmtAddKey(h,
						     VMK_MGMT_KEY_TYPE_STRING,
						     &name, key_get, key_set),
				VMK_OK);
	}
	vmk_NameInitialize(&name, "one-too-many");
	KUNIT_EXPECT_EQ(test, vmk_MgmtAddKey(h, VMK_MGMT_KEY_TYPE_LONG, &name,
					     key_get, key_set),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, vmk_MgmtDestroy(h), VMK_OK);
}

/* Everything a handle allocated went back to its heap. */
static void mgmt_heap_empty(struct kunit *test)
{
	struct vmk_core_heap_stats st = {};

	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(mgmt_heap, &st), 0);
	KUNIT_EXPECT_EQ(test, st.bytes, 0);
}

static struct kunit_case mgmt_cases[] = {
	KUNIT_CASE(mgmt_init_destroy),
	KUNIT_CASE(mgmt_init_bad_props),
	KUNIT_CASE(mgmt_signature_copied),
	KUNIT_CASE(mgmt_instances),
	KUNIT_CASE(mgmt_invoke_no_session),
	KUNIT_CASE(mgmt_sessions),
	KUNIT_CASE(mgmt_cleanup_after_last_call),
	KUNIT_CASE(mgmt_destroy_from_callback),
	KUNIT_CASE(mgmt_unregister_waits_for_calls),
	KUNIT_CASE(mgmt_concurrent_calls),
	KUNIT_CASE(mgmt_keys),
	KUNIT_CASE(mgmt_heap_empty),
	{}
};

static struct kunit_suite mgmt_suite = {
	.name = "vmkapi_mgmt",
	.suite_init = mgmt_suite_init,
	.suite_exit = mgmt_suite_exit,
	.init = mgmt_test_init,
	.test_cases = mgmt_cases,
};
kunit_test_suite(mgmt_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of the VMK API management family");
