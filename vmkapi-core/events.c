// SPDX-License-Identifier: GPL-2.0
/*
 * The always-on event ring: what a support engineer reads after something
 * went wrong (`vmkctl events`, /sys/kernel/debug/vmkapi/events) without
 * having started any tracing beforehand.
 *
 * Every registered module (a native driver is one, and so is the core
 * itself, "vmkapi") has a ring of its last VMK_EVENTS_PER_RING framework
 * events: lifecycle transitions, failed driver callbacks, interrupt
 * anomalies, allocation failures, resources reclaimed at detach or unload.
 * An event of no module, or of a module whose ring could not be
 * allocated, goes to the core's ring under the module's name.
 *
 * Recording is on the paths it reports (an interrupt acknowledge, a
 * failing GFP_ATOMIC allocation), so it works in any context but NMI and
 * never blocks: the ring is found under RCU by module ID and written
 * under its own raw spinlock with interrupts off, for a few hundred bytes
 * of copy.  The sequence number is global and taken under the ring's
 * lock, which is what lets a reader merge rings without missing an event
 * (see vmk_core_events_read).
 *
 * When a module leaves the registry its ring stays, marked dead, so the
 * events that led to a crash on unload can still be read afterwards.  The
 * last VMK_EVENTS_DEAD_RINGS dead rings are kept (the oldest is dropped
 * when one more dies); a module that registers again under the same name
 * takes its dead ring back and goes on writing in it, so the history
 * across a reload reads as one ring, ordered by seq.
 */
#include "vmkapi_core.h"

#include <linux/debugfs.h>
#include <linux/hashtable.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "uapi/vmkapi_genl.h"

#define CREATE_TRACE_POINTS
#include "vmkapi_trace.h"

#define VMK_EVENTS_PER_RING	64
#define VMK_EVENTS_DEAD_RINGS	8
#define VMK_EVENTS_HASH_BITS	5

struct vmk_events_ring {
	/* In vmk_events_live while the module is registered. */
	struct hlist_node live;
	/* In vmk_events_rings (every ring, for readers) under RCU. */
	struct list_head all;
	/* In vmk_events_dead, oldest first, once the module is gone. */
	struct list_head dead_link;
	struct rcu_head rcu;
	vmk_ModuleID module;
	bool dead;
	char name[sizeof_field(struct vmk_core_event, source)];
	raw_spinlock_t lock;
	/* Events ever written here; the next goes to slot recorded % N. */
	u64 recorded;
	struct vmk_core_event ev[VMK_EVENTS_PER_RING];
};

static DEFINE_HASHTABLE(vmk_events_live, VMK_EVENTS_HASH_BITS);
static LIST_HEAD(vmk_events_rings);
static LIST_HEAD(vmk_events_dead);
static unsigned int vmk_events_dead_count;
/* Ring creation, death and adoption (process context). */
static DEFINE_MUTEX(vmk_events_mutex);
/* The last seq handed out; 0 marks an empty slot. */
static atomic64_t vmk_events_seq = ATOMIC64_INIT(0);
/* Events with no ring at all to go to (allocation failures at load). */
static atomic64_t vmk_events_lost = ATOMIC64_INIT(0);

/* Who to tell that events were recorded (genl.c's multicast). */
static void (*vmk_events_notify)(void);
static void vmk_events_notify_fn(struct work_struct *work);
static DECLARE_WORK(vmk_events_work, vmk_events_notify_fn);

/* Caller holds rcu_read_lock() or vmk_events_mutex. */
static struct vmk_events_ring *vmk_events_find(vmk_ModuleID module)
{
	struct vmk_events_ring *ring;

	hash_for_each_possible_rcu(vmk_events_live, ring, live, module,
				   lockdep_is_held(&vmk_events_mutex))
		if (ring->module == module)
			return ring;
	return NULL;
}

void vmk_core_events_module_add(vmk_ModuleID module, const char *name)
{
	struct vmk_events_ring *ring;

	vmk_core_assert_may_block();
	mutex_lock(&vmk_events_mutex);
	list_for_each_entry(ring, &vmk_events_dead, dead_link) {
		if (!strncmp(ring->name, name, sizeof(ring->name))) {
			/* The same driver is back: its history goes on. */
			list_del(&ring->dead_link);
			vmk_events_dead_count--;
			ring->module = module;
			WRITE_ONCE(ring->dead, false);
			hash_add_rcu(vmk_events_live, &ring->live, module);
			mutex_unlock(&vmk_events_mutex);
			return;
		}
	}
	/*
	 * A ring is 14 KB; without one the module's events still go to the
	 * core's ring under its name, so a failure here fails nothing.
	 */
	ring = kvzalloc(sizeof(*ring), GFP_KERNEL);
	if (ring) {
		ring->module = module;
		strscpy(ring->name, name, sizeof(ring->name));
		raw_spin_lock_init(&ring->lock);
		INIT_LIST_HEAD(&ring->dead_link);
		list_add_tail_rcu(&ring->all, &vmk_events_rings);
		hash_add_rcu(vmk_events_live, &ring->live, module);
	}
	mutex_unlock(&vmk_events_mutex);
}

void vmk_core_events_module_gone(vmk_ModuleID module)
{
	struct vmk_events_ring *ring, *oldest = NULL;

	vmk_core_assert_may_block();
	mutex_lock(&vmk_events_mutex);
	ring = vmk_events_find(module);
	if (ring) {
		hash_del_rcu(&ring->live);
		WRITE_ONCE(ring->dead, true);
		list_add_tail(&ring->dead_link, &vmk_events_dead);
		if (++vmk_events_dead_count > VMK_EVENTS_DEAD_RINGS) {
			oldest = list_first_entry(&vmk_events_dead,
						  struct vmk_events_ring,
						  dead_link);
			list_del(&oldest->dead_link);
			list_del_rcu(&oldest->all);
			vmk_events_dead_count--;
		}
	}
	mutex_unlock(&vmk_events_mutex);
	/* Recorders and readers may still be on it: free after them. */
	if (oldest)
		kvfree_rcu(oldest, rcu);
}

/* Copy at most sizeof(@dst) - 1 bytes of @src, NUL-terminated, padded. */
#define vmk_events_copy(dst, src)	strscpy_pad(dst, src, sizeof(dst))

static void vmk_events_put(vmk_ModuleID module, enum vmkapi_event_kind kind,
			   VMK_ReturnStatus status, const char *object,
			   const char *text)
{
	char source[sizeof_field(struct vmk_core_event, source)];
	struct vmk_events_ring *ring;
	struct vmk_core_event *ev;
	unsigned long flags;

	source[0] = '\0';
	rcu_read_lock();
	ring = vmk_events_find(module);
	if (!ring) {
		/* No module, an unknown one, or one without a ring. */
		ring = vmk_events_find(VMK_VMKERNEL_MODULE_ID);
		if (module == VMK_VMKERNEL_MODULE_ID ||
		    vmk_core_module_name(module, source, sizeof(source)))
			source[0] = '\0';
	}
	if (!ring) {
		rcu_read_unlock();
		atomic64_inc(&vmk_events_lost);
		return;
	}
	raw_spin_lock_irqsave(&ring->lock, flags);
	ev = &ring->ev[ring->recorded++ % VMK_EVENTS_PER_RING];
	ev->seq = atomic64_inc_return(&vmk_events_seq);
	ev->time_ns = ktime_get_ns();
	ev->kind = kind;
	ev->status = status;
	vmk_events_copy(ev->source, source[0] ? source : ring->name);
	vmk_events_copy(ev->object, object ? object : "");
	vmk_events_copy(ev->text, text);
	raw_spin_unlock_irqrestore(&ring->lock, flags);
	rcu_read_unlock();

	/* schedule_work is fine in hard IRQ; it coalesces a burst. */
	if (READ_ONCE(vmk_events_notify))
		schedule_work(&vmk_events_work);
}

void vmk_core_event_record(vmk_ModuleID module, enum vmkapi_event_kind kind,
			   VMK_ReturnStatus status, const char *object,
			   const char *fmt, ...)
{
	char text[sizeof_field(struct vmk_core_event, text)];
	va_list args;

	/* The ring lock could be held by the code the NMI interrupted. */
	if (WARN_ON_ONCE(in_nmi()))
		return;
	va_start(args, fmt);
	vsnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	vmk_events_put(module, kind, status, object, text);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_event_record, VMKAPI_INTERNAL);

/*
 * Insert @ev into @out (sorted by seq, @n entries) keeping the @max
 * oldest: the reader wants to resume after the last one it got, so it
 * must never receive a newer event while an older one is left behind.
 */
static unsigned int vmk_events_insert(struct vmk_core_event *out,
				      unsigned int n, unsigned int max,
				      const struct vmk_core_event *ev)
{
	unsigned int pos;

	if (n == max) {
		if (ev->seq > out[n - 1].seq)
			return n;
		n--;	/* the newest so far makes room */
	}
	pos = n;
	while (pos && out[pos - 1].seq > ev->seq)
		pos--;
	memmove(&out[pos + 1], &out[pos], (n - pos) * sizeof(*out));
	out[pos] = *ev;
	return n + 1;
}

/*
 * Why no event is missed by a reader that resumes after the last seq it
 * got: a recorder takes its seq under its ring's lock.  The reader reads
 * the last seq handed out (hi) first, and looks at a ring's slots only
 * under that ring's lock; so every recorder that took a seq <= hi has
 * finished writing when the reader looks, and events above hi, which
 * could still be in flight in a ring already read, are left for the next
 * read.  Only events overwritten by the ring wrapping are lost.
 */
unsigned int vmk_core_events_read(const char *source, u64 after,
				  struct vmk_core_event *out,
				  unsigned int max)
{
	struct vmk_events_ring *ring;
	struct vmk_core_event ev;
	unsigned long flags;
	unsigned int i, n = 0;
	bool match;
	u64 hi;

	if (!out || !max || WARN_ON_ONCE(in_nmi()))
		return 0;
	hi = atomic64_read(&vmk_events_seq);
	rcu_read_lock();
	list_for_each_entry_rcu(ring, &vmk_events_rings, all) {
		/* The core's ring also holds other modules' events. */
		if (source && strcmp(ring->name, source) &&
		    strcmp(ring->name, VMK_CORE_MODULE_NAME))
			continue;
		for (i = 0; i < VMK_EVENTS_PER_RING; i++) {
			raw_spin_lock_irqsave(&ring->lock, flags);
			match = ring->ev[i].seq > after && ring->ev[i].seq <= hi;
			if (match)
				ev = ring->ev[i];
			raw_spin_unlock_irqrestore(&ring->lock, flags);
			if (!match || (source && strcmp(ev.source, source)))
				continue;
			n = vmk_events_insert(out, n, max, &ev);
		}
	}
	rcu_read_unlock();
	return n;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_events_read, VMKAPI_INTERNAL);

static void vmk_events_notify_fn(struct work_struct *work)
{
	typeof(vmk_events_notify) fn = READ_ONCE(vmk_events_notify);

	if (fn)
		fn();
}

void vmk_core_events_set_notify(void (*fn)(void))
{
	vmk_core_assert_may_block();
	WRITE_ONCE(vmk_events_notify, fn);
	if (!fn)
		cancel_work_sync(&vmk_events_work);
}

static const char *const vmk_events_kind_names[] = {
	[VMKAPI_EVENT_UNSPEC] = "unspec",
	[VMKAPI_EVENT_TRANSITION] = "transition",
	[VMKAPI_EVENT_CALLBACK_FAILED] = "callback-failed",
	[VMKAPI_EVENT_INTR_ANOMALY] = "intr-anomaly",
	[VMKAPI_EVENT_ALLOC_FAILED] = "alloc-failed",
	[VMKAPI_EVENT_RESOURCE_LEAK] = "resource-leak",
};

const char *vmk_core_event_kind_name(u32 kind)
{
	if (kind >= ARRAY_SIZE(vmk_events_kind_names) ||
	    !vmk_events_kind_names[kind])
		return "unknown";
	return vmk_events_kind_names[kind];
}
EXPORT_SYMBOL_NS_GPL(vmk_core_event_kind_name, VMKAPI_INTERNAL);

static const char *const vmk_events_alloc_names[] = {
	[VMK_CORE_ALLOC_HEAP] = "heap",
	[VMK_CORE_ALLOC_SLAB] = "slab",
	[VMK_CORE_ALLOC_MEMPOOL] = "memory pool",
	[VMK_CORE_ALLOC_DMA] = "DMA engine",
};

void vmk_core_alloc_failed(enum vmk_core_alloc_kind kind, vmk_ModuleID module,
			   const char *name, u64 size,
			   VMK_ReturnStatus status, const void *caller)
{
	trace_alloc_failed(kind, name, module, size, status, caller);
	if (caller)
		vmk_core_event_record(module, VMKAPI_EVENT_ALLOC_FAILED, status,
				      name, "%s: %llu bytes for %pS",
				      vmk_events_alloc_names[kind], size,
				      caller);
	else
		vmk_core_event_record(module, VMKAPI_EVENT_ALLOC_FAILED, status,
				      name, "%s: %llu bytes",
				      vmk_events_alloc_names[kind], size);
}

/*
 * /sys/kernel/debug/vmkapi/events: the rings (live or dead, with how many
 * events each ever got), then every event kept, oldest first.
 */
static int vmk_events_show(struct seq_file *m, void *unused)
{
	unsigned int rings = 0, n, i, max;
	struct vmk_events_ring *ring;
	struct vmk_core_event *evs;
	u64 rem;

	seq_printf(m, "%-32s %-6s %-5s %s\n", "ring", "module", "state",
		   "recorded");
	mutex_lock(&vmk_events_mutex);
	list_for_each_entry(ring, &vmk_events_rings, all) {
		rings++;
		if (ring->dead)
			seq_printf(m, "%-32s %-6s %-5s %llu\n", ring->name, "-",
				   "dead", READ_ONCE(ring->recorded));
		else
			seq_printf(m, "%-32s %-6d %-5s %llu\n", ring->name,
				   ring->module, "live",
				   READ_ONCE(ring->recorded));
	}
	mutex_unlock(&vmk_events_mutex);
	seq_printf(m, "lost %lld\n\n", atomic64_read(&vmk_events_lost));

	/* Rings can be added meanwhile: what does not fit waits a reread. */
	max = rings * VMK_EVENTS_PER_RING;
	if (!max)
		return 0;
	evs = kvmalloc_array(max, sizeof(*evs), GFP_KERNEL);
	if (!evs)
		return -ENOMEM;
	n = vmk_core_events_read(NULL, 0, evs, max);
	seq_printf(m, "%-8s %-17s %-15s %-20s %-20s %-10s %s\n", "seq",
		   "time", "kind", "source", "object", "status", "text");
	for (i = 0; i < n; i++) {
		rem = do_div(evs[i].time_ns, NSEC_PER_SEC);
		seq_printf(m, "%-8llu %10llu.%06llu %-15s %-20s %-20s 0x%-8x %s\n",
			   evs[i].seq, evs[i].time_ns, rem / NSEC_PER_USEC,
			   vmk_core_event_kind_name(evs[i].kind),
			   evs[i].source,
			   evs[i].object[0] ? evs[i].object : "-",
			   evs[i].status, evs[i].text);
	}
	kvfree(evs);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmk_events);

void vmk_core_events_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("events", 0444, dir, NULL, &vmk_events_fops);
}

/* At core unload, after the module registry: every ring is dead by now. */
void vmk_core_events_exit(void)
{
	struct vmk_events_ring *ring, *next;

	vmk_core_events_set_notify(NULL);
	mutex_lock(&vmk_events_mutex);
	list_for_each_entry_safe(ring, next, &vmk_events_rings, all) {
		if (!ring->dead)
			hash_del_rcu(&ring->live);
		list_del_rcu(&ring->all);
		kvfree_rcu(ring, rcu);
	}
	INIT_LIST_HEAD(&vmk_events_dead);
	vmk_events_dead_count = 0;
	mutex_unlock(&vmk_events_mutex);
}
