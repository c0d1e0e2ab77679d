// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the always-on event ring (events.c).  Events are recorded into
 * this suite's module's ring (its name is the module's) and read back
 * with vmk_core_events_read: order, wrap, the per-source filter, resuming
 * after the last seq seen, recorders on every CPU and in hard IRQ (a
 * software interrupt source) racing a reader, what the core records by
 * itself (a device transition, a failing driver callback, a heap
 * failure, an interrupt anomaly, rate limited per cookie), and the ring
 * of a module that unregisters and registers again.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

/* The ring size of events.c. */
#define RING	64
#define BUF	(4 * RING)

static const char *self(void)
{
	return THIS_MODULE->name;
}

static struct vmk_core_event *buf(struct kunit *test)
{
	struct vmk_core_event *b = kunit_kcalloc(test, BUF, sizeof(*b),
						 GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	return b;
}

/* Record a marker in our ring and return its seq: "after" it is new. */
static u64 mark(struct kunit *test, struct vmk_core_event *b)
{
	unsigned int n;

	vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC,
			      VMK_OK, "mark", "mark");
	n = vmk_core_events_read(self(), 0, b, BUF);
	KUNIT_ASSERT_GT(test, n, 0U);
	KUNIT_ASSERT_STREQ(test, b[n - 1].text, "mark");
	return b[n - 1].seq;
}

/* Recorded in order; every field as given; the text cut to fit. */
static void vmk_events_order(struct kunit *test)
{
	struct vmk_core_event *b = buf(test);
	u64 after = mark(test, b), t0 = ktime_get_ns();
	char want[16];
	unsigned int n, i;

	for (i = 0; i < 5; i++)
		vmk_core_event_record(vmk_kunit_module_id,
				      VMKAPI_EVENT_CALLBACK_FAILED,
				      VMK_FAILURE + i, "obj", "event %u", i);
	vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC, VMK_OK,
			      NULL, "%0200d", 7);
	n = vmk_core_events_read(self(), after, b, BUF);
	KUNIT_ASSERT_EQ(test, n, 6U);
	for (i = 0; i < 5; i++) {
		snprintf(want, sizeof(want), "event %u", i);
		KUNIT_EXPECT_STREQ(test, b[i].text, want);
		KUNIT_EXPECT_STREQ(test, b[i].source, self());
		KUNIT_EXPECT_STREQ(test, b[i].object, "obj");
		KUNIT_EXPECT_EQ(test, b[i].kind,
				(u32)VMKAPI_EVENT_CALLBACK_FAILED);
		KUNIT_EXPECT_EQ(test, b[i].status, (s32)(VMK_FAILURE + i));
		KUNIT_EXPECT_GT(test, b[i].seq, after);
		KUNIT_EXPECT_GE(test, b[i].time_ns, t0);
		if (i) {
			KUNIT_EXPECT_EQ(test, b[i].seq, b[i - 1].seq + 1);
			KUNIT_EXPECT_GE(test, b[i].time_ns, b[i - 1].time_ns);
		}
	}
	/* No object: empty; a long text: cut, terminated. */
	KUNIT_EXPECT_STREQ(test, b[5].object, "");
	KUNIT_EXPECT_EQ(test, strlen(b[5].text), sizeof(b[5].text) - 1);
	KUNIT_EXPECT_STREQ(test, vmk_core_event_kind_name(VMKAPI_EVENT_ALLOC_FAILED),
			   "alloc-failed");
	KUNIT_EXPECT_STREQ(test, vmk_core_event_kind_name(__VMKAPI_EVENT_MAX),
			   "unknown");
}

/* A full ring keeps the newest RING events, oldest first. */
static void vmk_events_wrap(struct kunit *test)
{
	struct vmk_core_event *b = buf(test);
	u64 after = mark(test, b);
	unsigned int n, i, total = RING + 10;
	char want[16];

	for (i = 0; i < total; i++)
		vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC,
				      VMK_OK, NULL, "wrap %u", i);
	n = vmk_core_events_read(self(), after, b, BUF);
	KUNIT_ASSERT_EQ(test, n, (unsigned int)RING);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want), "wrap %u", total - RING + i);
		KUNIT_EXPECT_STREQ(test, b[i].text, want);
		if (i)
			KUNIT_EXPECT_EQ(test, b[i].seq, b[i - 1].seq + 1);
	}
	/* Asking for fewer gives the oldest of them. */
	n = vmk_core_events_read(self(), after, b, 3);
	KUNIT_ASSERT_EQ(test, n, 3U);
	snprintf(want, sizeof(want), "wrap %u", total - RING);
	KUNIT_EXPECT_STREQ(test, b[0].text, want);
	KUNIT_EXPECT_EQ(test, vmk_core_events_read(self(), after, b, 0), 0U);
	KUNIT_EXPECT_EQ(test, vmk_core_events_read(self(), after, NULL, 3),
			0U);
}

/*
 * A source reads its own ring only; NULL reads every ring, merged by
 * seq; an event of no known module goes to the core's ring.
 */
static void vmk_events_source_filter(struct kunit *test)
{
	struct vmk_core_event *b = buf(test);
	u64 after = mark(test, b);
	unsigned int n, i, mine = 0, core = 0, stray = 0;

	vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC, VMK_OK,
			      NULL, "filter mine 1");
	vmk_core_event_record(VMK_VMKERNEL_MODULE_ID, VMKAPI_EVENT_UNSPEC,
			      VMK_OK, NULL, "filter core");
	vmk_core_event_record(0x7fff0000, VMKAPI_EVENT_UNSPEC, VMK_OK, NULL,
			      "filter stray");
	vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC, VMK_OK,
			      NULL, "filter mine 2");

	n = vmk_core_events_read(self(), after, b, BUF);
	KUNIT_ASSERT_EQ(test, n, 2U);
	KUNIT_EXPECT_STREQ(test, b[0].text, "filter mine 1");
	KUNIT_EXPECT_STREQ(test, b[1].text, "filter mine 2");

	n = vmk_core_events_read("vmkapi", after, b, BUF);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_STREQ(test, b[i].source, "vmkapi");
		core += !strcmp(b[i].text, "filter core");
		stray += !strcmp(b[i].text, "filter stray");
	}
	KUNIT_EXPECT_EQ(test, core, 1U);
	KUNIT_EXPECT_EQ(test, stray, 1U);

	n = vmk_core_events_read(NULL, after, b, BUF);
	core = 0;
	for (i = 0; i < n; i++) {
		if (i)
			KUNIT_EXPECT_GT(test, b[i].seq, b[i - 1].seq);
		if (!strncmp(b[i].text, "filter mine", 11))
			mine++;
		if (!strcmp(b[i].text, "filter core")) {
			core++;
			/* Merged by seq: between our two. */
			KUNIT_EXPECT_GT(test, i, 0U);
			KUNIT_EXPECT_STREQ(test, b[i - 1].text, "filter mine 1");
		}
	}
	KUNIT_EXPECT_EQ(test, mine, 2U);
	KUNIT_EXPECT_EQ(test, core, 1U);
	KUNIT_EXPECT_EQ(test, vmk_core_events_read("no-such-module", 0, b, BUF),
			0U);
}

/* Reading in small batches after the last seq seen gets each once. */
static void vmk_events_after_resume(struct kunit *test)
{
	struct vmk_core_event *b = buf(test);
	u64 after = mark(test, b);
	unsigned int n, i, got = 0;
	char want[16];

	for (i = 0; i < 10; i++)
		vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC,
				      VMK_OK, NULL, "resume %u", i);
	while ((n = vmk_core_events_read(self(), after, b, 4)) > 0) {
		KUNIT_ASSERT_LE(test, n, 4U);
		for (i = 0; i < n; i++, got++) {
			snprintf(want, sizeof(want), "resume %u", got);
			KUNIT_EXPECT_STREQ(test, b[i].text, want);
			KUNIT_EXPECT_GT(test, b[i].seq, after);
			after = b[i].seq;
		}
		KUNIT_ASSERT_LE(test, got, 10U);
	}
	KUNIT_EXPECT_EQ(test, got, 10U);
}

/* ---- concurrent recorders ------------------------------------------------ */

#define CONC_EVENTS	2000
#define CONC_IRQS	200
#define CONC_MAX_CPUS	4

struct conc {
	int id;
	struct task_struct *task;
	struct completion done;
};

static atomic_t conc_irq_seq;
static atomic_t conc_bad;
static bool conc_stop;

/* "conc <id> <i>" with status i and object "r<id>": torn if they differ. */
static bool conc_ok(const struct vmk_core_event *ev, int *id, int *i)
{
	char object[16];

	if (sscanf(ev->text, "conc %d %d", id, i) != 2)
		return false;
	snprintf(object, sizeof(object), "r%d", *id);
	return ev->status == *i && !strcmp(ev->object, object) &&
	       ev->kind == VMKAPI_EVENT_UNSPEC && !strcmp(ev->source, self());
}

static int conc_recorder(void *arg)
{
	struct conc *c = arg;
	char object[16];
	int i;

	snprintf(object, sizeof(object), "r%d", c->id);
	for (i = 0; i < CONC_EVENTS; i++) {
		vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC,
				      i, object, "conc %d %d", c->id, i);
		if (!(i % 64))
			cond_resched();
	}
	complete(&c->done);
	return 0;
}

/* Hard IRQ: the acknowledge of the software source records. */
static VMK_ReturnStatus conc_ack(void *data, vmk_IntrCookie cookie)
{
	int i = atomic_inc_return(&conc_irq_seq) - 1;

	vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC, i,
			      "r99", "conc 99 %d", i);
	return VMK_IGNORE;
}

static void conc_handler(void *data, vmk_IntrCookie cookie)
{
}

/* A reader resuming after its last seq: always increasing, never torn. */
static int conc_reader(void *arg)
{
	struct conc *c = arg;
	struct vmk_core_event *b = kcalloc(RING, sizeof(*b), GFP_KERNEL);
	u64 after = 0;
	unsigned int n, i;
	int id, k;

	if (!b) {
		atomic_inc(&conc_bad);
		complete(&c->done);
		return 0;
	}
	while (!READ_ONCE(conc_stop)) {
		n = vmk_core_events_read(self(), after, b, RING);
		for (i = 0; i < n; i++) {
			if (b[i].seq <= after ||
			    (!strncmp(b[i].text, "conc", 4) &&
			     !conc_ok(&b[i], &id, &k)))
				atomic_inc(&conc_bad);
			after = b[i].seq;
		}
		cond_resched();
	}
	kfree(b);
	complete(&c->done);
	return 0;
}

/* Off the stack: completions are big in the debug kernel. */
struct conc_state {
	struct conc rec[CONC_MAX_CPUS];
	struct conc reader;
	int last[100];
};

static void vmk_events_concurrent(struct kunit *test)
{
	struct conc_state *cs = kunit_kzalloc(test, sizeof(*cs), GFP_KERNEL);
	struct vmk_core_event *b = buf(test);
	vmk_IntrProps props = {
		.acknowledgeInterrupt = conc_ack,
		.handler = conc_handler,
	};
	struct conc *rec, *reader;
	unsigned int nrec = 0, n, i;
	int *last, cpu, id, k;
	vmk_IntrCookie src;

	KUNIT_ASSERT_NOT_NULL(test, cs);
	rec = cs->rec;
	reader = &cs->reader;
	last = cs->last;

	atomic_set(&conc_bad, 0);
	atomic_set(&conc_irq_seq, 0);
	WRITE_ONCE(conc_stop, false);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_create(vmk_kunit_module_id,
							&src), VMK_OK);
	vmk_NameInitialize(&props.deviceName, "kunit-events");
	KUNIT_ASSERT_EQ(test, vmk_IntrRegister(vmk_kunit_module_id, src,
					       &props), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(src), VMK_OK);

	init_completion(&reader->done);
	reader->task = kthread_run(conc_reader, reader, "kunit-ev-reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(reader->task));
	for_each_online_cpu(cpu) {
		if (nrec == CONC_MAX_CPUS)
			break;
		rec[nrec].id = nrec;
		init_completion(&rec[nrec].done);
		rec[nrec].task = kthread_create(conc_recorder, &rec[nrec],
						"kunit-ev/%d", cpu);
		KUNIT_ASSERT_FALSE(test, IS_ERR(rec[nrec].task));
		kthread_bind(rec[nrec].task, cpu);
		wake_up_process(rec[nrec].task);
		nrec++;
	}
	/* Meanwhile, from hard IRQ. */
	for (i = 0; i < CONC_IRQS; i++) {
		KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_raise(src), VMK_OK);
		KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_flush(src), VMK_OK);
	}
	for (i = 0; i < nrec; i++)
		KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&rec[i].done,
								  30 * HZ), 0UL);
	WRITE_ONCE(conc_stop, true);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&reader->done,
							  30 * HZ), 0UL);
	KUNIT_EXPECT_EQ(test, vmk_IntrDisable(src), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, src,
						 NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(src), VMK_OK);

	KUNIT_EXPECT_EQ(test, atomic_read(&conc_bad), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&conc_irq_seq), 0);
	/*
	 * What is left: a full ring of whole events, each recorder's in
	 * the order it recorded them.
	 */
	n = vmk_core_events_read(self(), 0, b, BUF);
	KUNIT_EXPECT_EQ(test, n, (unsigned int)RING);
	for (i = 0; i < ARRAY_SIZE(cs->last); i++)
		last[i] = -1;
	for (i = 0; i < n; i++) {
		if (i)
			KUNIT_EXPECT_GT(test, b[i].seq, b[i - 1].seq);
		/* An acknowledge over its time budget, say. */
		if (b[i].kind == VMKAPI_EVENT_INTR_ANOMALY)
			continue;
		KUNIT_ASSERT_TRUE_MSG(test, conc_ok(&b[i], &id, &k),
				      "torn event: %s", b[i].text);
		KUNIT_ASSERT_LT(test, id, (int)ARRAY_SIZE(cs->last));
		KUNIT_EXPECT_GT(test, k, last[id]);
		last[id] = k;
	}
}

/* ---- what the core records by itself -------------------------------------- */

static VMK_ReturnStatus ev_attach_status;

static VMK_ReturnStatus ev_attach(vmk_Device dev)
{
	return ev_attach_status;
}

static VMK_ReturnStatus ev_detach(vmk_Device dev)
{
	return VMK_OK;
}

static vmk_DriverOps ev_ops = {
	.attachDevice = ev_attach,
	.detachDevice = ev_detach,
};

/* Our events after @after whose text starts with @prefix. */
static unsigned int find(struct vmk_core_event *b, unsigned int n,
			 u32 kind, const char *object, const char *prefix,
			 struct vmk_core_event **first)
{
	unsigned int i, count = 0;

	for (i = 0; i < n; i++) {
		if (b[i].kind != kind || strcmp(b[i].object, object) ||
		    strncmp(b[i].text, prefix, strlen(prefix)))
			continue;
		if (!count++ && first)
			*first = &b[i];
	}
	return count;
}

/*
 * A device's transitions go to its driver's ring, a failing callback
 * too; with no driver (its removal) to the core's.
 */
static void vmk_events_device_transitions(struct kunit *test)
{
	struct vmk_core_event *b = buf(test), *ev = NULL;
	struct vmk_core_device_props props = {
		.bus_address = "kunit-events:0",
		.identifier = "com.vmware.kunit.events",
	};
	vmk_DriverProps dprops = {
		.moduleID = vmk_kunit_module_id,
		.ops = &ev_ops,
	};
	u64 after = mark(test, b);
	vmk_Device dev = NULL;
	vmk_Driver drv;
	vmk_Name name;
	unsigned int n;

	vmk_NameInitialize(&dprops.name, "kunit_events_drv");
	KUNIT_ASSERT_EQ(test, vmk_DriverRegister(&dprops, &drv), VMK_OK);
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &props.bus_type), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_device_add(&props, &dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(props.bus_type), VMK_OK);

	ev_attach_status = VMK_NO_RESOURCES;
	KUNIT_EXPECT_EQ(test, vmk_core_device_attach(dev, drv),
			VMK_NO_RESOURCES);
	ev_attach_status = VMK_OK;
	KUNIT_EXPECT_EQ(test, vmk_core_device_attach(dev, drv), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DriverUnregister(drv), VMK_OK);

	n = vmk_core_events_read(self(), after, b, BUF);
	KUNIT_EXPECT_EQ(test, find(b, n, VMKAPI_EVENT_CALLBACK_FAILED,
				   "kunit-events:0",
				   "attach callback of kunit_events_drv failed",
				   &ev), 1U);
	if (ev)
		KUNIT_EXPECT_EQ(test, ev->status, (s32)VMK_NO_RESOURCES);
	KUNIT_EXPECT_EQ(test, find(b, n, VMKAPI_EVENT_TRANSITION,
				   "kunit-events:0",
				   "attach: unclaimed -> unclaimed", NULL), 1U);
	KUNIT_EXPECT_EQ(test, find(b, n, VMKAPI_EVENT_TRANSITION,
				   "kunit-events:0",
				   "attach: unclaimed -> quiescent", NULL), 1U);
	KUNIT_EXPECT_EQ(test, find(b, n, VMKAPI_EVENT_TRANSITION,
				   "kunit-events:0",
				   "detach: quiescent -> unclaimed", NULL), 1U);
	/* The removal ran with no driver: the core's ring has it. */
	n = vmk_core_events_read("vmkapi", after, b, BUF);
	KUNIT_EXPECT_EQ(test, find(b, n, VMKAPI_EVENT_TRANSITION,
				   "kunit-events:0",
				   "remove: unclaimed -> removed", NULL), 1U);
}

/* A heap allocation that cannot fit is an event of the heap's module. */
static void vmk_events_heap_failure(struct kunit *test)
{
	struct vmk_core_event *b = buf(test), *ev = NULL;
	u64 after = mark(test, b);
	vmk_HeapID heap;
	unsigned int n;

	KUNIT_ASSERT_EQ(test, vmk_kunit_heap_create(vmk_kunit_module_id,
						    "kunit_events_heap", 4096,
						    &heap), VMK_OK);
	KUNIT_EXPECT_NULL(test, vmk_HeapAlloc(heap, 100000));
	vmk_HeapDestroy(heap);
	n = vmk_core_events_read(self(), after, b, BUF);
	KUNIT_EXPECT_EQ(test, find(b, n, VMKAPI_EVENT_ALLOC_FAILED,
				   "kunit_events_heap", "heap: 100000 bytes",
				   &ev), 1U);
	if (ev)
		KUNIT_EXPECT_EQ(test, ev->status, (s32)VMK_NO_MEMORY);
}

static VMK_ReturnStatus bad_ack(void *data, vmk_IntrCookie cookie)
{
	return VMK_FAILURE;
}

/*
 * A bad acknowledge is an interrupt anomaly of the registrant's module;
 * a second one right after is counted, not recorded (rate limit).
 */
static void vmk_events_intr_anomaly(struct kunit *test)
{
	struct vmk_core_event *b = buf(test), *ev = NULL;
	vmk_IntrProps props = {
		.acknowledgeInterrupt = bad_ack,
		.handler = conc_handler,
	};
	struct vmk_core_intr_stats *st;
	u64 after = mark(test, b);
	vmk_IntrCookie src;
	char object[32];
	unsigned int n;

	st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_create(vmk_kunit_module_id,
							&src), VMK_OK);
	vmk_NameInitialize(&props.deviceName, "kunit-bad-ack");
	KUNIT_ASSERT_EQ(test, vmk_IntrRegister(vmk_kunit_module_id, src,
					       &props), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(src), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_raise(src), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_flush(src), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_raise(src), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_flush(src), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_stats(src, st), 0);
	KUNIT_EXPECT_EQ(test, st->bad_ack, 2ULL);
	snprintf(object, sizeof(object), "cookie %u irq %d", src,
		 vmk_core_intr_cookie_irq(src));
	KUNIT_EXPECT_EQ(test, vmk_IntrDisable(src), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, src,
						 NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(src), VMK_OK);

	n = vmk_core_events_read(self(), after, b, BUF);
	KUNIT_EXPECT_EQ(test, find(b, n, VMKAPI_EVENT_INTR_ANOMALY, object,
				   "kunit-bad-ack: bad acknowledge", &ev), 1U);
	if (ev)
		KUNIT_EXPECT_EQ(test, ev->status, (s32)VMK_FAILURE);
}

/*
 * A module that leaves keeps its ring (dead, still readable); registered
 * again under the same name, it writes on in the same ring.
 */
static void vmk_events_dead_ring(struct kunit *test)
{
	struct vmk_core_event *b = buf(test);
	u64 after = mark(test, b);
	unsigned int n;

	vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC, VMK_OK,
			      NULL, "before unregister");
	KUNIT_ASSERT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_OK);
	vmk_kunit_module_id = VMK_INVALID_MODULE_ID;
	n = vmk_core_events_read(self(), after, b, BUF);
	KUNIT_EXPECT_EQ(test, n, 1U);
	if (n)
		KUNIT_EXPECT_STREQ(test, b[0].text, "before unregister");

	KUNIT_ASSERT_EQ(test, vmk_ModuleRegister(&vmk_kunit_module_id,
						 VMKAPI_REVISION), VMK_OK);
	vmk_core_event_record(vmk_kunit_module_id, VMKAPI_EVENT_UNSPEC, VMK_OK,
			      NULL, "after register");
	n = vmk_core_events_read(self(), after, b, BUF);
	KUNIT_ASSERT_EQ(test, n, 2U);
	KUNIT_EXPECT_STREQ(test, b[0].text, "before unregister");
	KUNIT_EXPECT_STREQ(test, b[1].text, "after register");
}

static struct kunit_case vmk_events_cases[] = {
	KUNIT_CASE(vmk_events_order),
	KUNIT_CASE(vmk_events_wrap),
	KUNIT_CASE(vmk_events_source_filter),
	KUNIT_CASE(vmk_events_after_resume),
	KUNIT_CASE(vmk_events_concurrent),
	KUNIT_CASE(vmk_events_device_transitions),
	KUNIT_CASE(vmk_events_heap_failure),
	KUNIT_CASE(vmk_events_intr_anomaly),
	KUNIT_CASE(vmk_events_dead_ring),
	{}
};

static struct kunit_suite vmk_events_suite = {
	.name = "vmkapi_events",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_events_cases,
};
kunit_test_suite(vmk_events_suite);

MODULE_DESCRIPTION("KUnit tests for the vmkapi event ring");
MODULE_LICENSE("GPL");
