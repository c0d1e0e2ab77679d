// SPDX-License-Identifier: GPL-2.0
/*
 * Bottom halves: callbacks run in softirq context on a chosen CPU.
 *
 * Why softirq (a tasklet) rather than BH-disabled per-CPU work: an ESX
 * bottom half runs below interrupts and outside any world, as soon as
 * the interrupt that scheduled it returns; a tasklet runs exactly there
 * (on interrupt exit), with no thread to wake, and sleeping in it is
 * caught by every kernel.
 *
 * The core owns one tasklet per CPU, and a list of the bottom halves
 * pending on that CPU; each bottom half has one list node per CPU, so
 * scheduling one that is already pending on a CPU does nothing, and
 * scheduling it while it runs there queues it once more.  Scheduling on
 * another CPU sends it an IPI (a per-CPU call_single_data) that raises
 * its tasklet.  Unregistering takes the nodes off the lists, so nothing
 * of a bottom half outlives it but an RCU-freed block.
 */
#include "vmkapi_core.h"

#include <linux/interrupt.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "vmkapi_trace.h"

struct vmk_bh_node {
	struct list_head link;	/* on the CPU's pending list, or empty */
	struct vmkBHInt *bh;
};

struct vmkBHInt {
	vmk_BHCallBack callback;
	void *priv;
	vmk_ModuleID module;
	vmk_Name name;
	bool dead;
	/* Callbacks in progress, on any CPU. */
	atomic_t running;
	atomic_long_t runs;
	struct vmk_core_resource res;
	struct rcu_head rcu;
	struct vmk_bh_node node[];	/* one per possible CPU */
};

struct vmk_bh_cpu {
	raw_spinlock_t lock;
	struct list_head pending;
	struct tasklet_struct tasklet;
	/* The IPI that raises this CPU's tasklet from another CPU. */
	call_single_data_t csd;
	/* The bottom half whose callback runs on this CPU now. */
	struct vmkBHInt *current_bh;
};

static DEFINE_PER_CPU(struct vmk_bh_cpu, vmk_bh_cpus);

/*
 * Run what is pending on @bc's CPU; softirqs off, on that CPU.  Only what
 * was pending on entry: a bottom half scheduled again while it runs goes
 * back on the pending list, and its tasklet runs it in a later pass, so a
 * callback that keeps rescheduling itself cannot hold the CPU here (the
 * softirq code hands repeated passes to ksoftirqd).  The batch stays
 * under the list lock, where unregister can take a node off it.
 */
static void vmk_bh_run_list(struct vmk_bh_cpu *bc)
{
	struct vmk_bh_node *node;
	struct vmkBHInt *bh;
	LIST_HEAD(batch);

	raw_spin_lock_irq(&bc->lock);
	list_splice_init(&bc->pending, &batch);
	for (;;) {
		node = list_first_entry_or_null(&batch, struct vmk_bh_node,
						link);
		if (!node)
			break;
		list_del_init(&node->link);
		bh = node->bh;
		/* Counted under the lock: unregister then waits for us. */
		atomic_inc(&bh->running);
		raw_spin_unlock_irq(&bc->lock);
		if (!READ_ONCE(bh->dead)) {
			vmk_AddrCookie data = { .ptr = bh->priv };

			bc->current_bh = bh;
			atomic_long_inc(&bh->runs);
			/*
			 * Counted, and ordered, before the call: whoever sees
			 * what the callback did sees the run counted too
			 * (KUnit wakes on the callback's own signal, on
			 * another CPU, and then reads the count).
			 */
			smp_mb__after_atomic();
			trace_deferred_start(VMK_CORE_DEFERRED_BH, node,
					     bh->name.string, bh->module, 0);
			bh->callback(data);
			trace_deferred_done(VMK_CORE_DEFERRED_BH, node,
					    bh->name.string, bh->module, 0);
			bc->current_bh = NULL;
		}
		atomic_dec_return_release(&bh->running);
		raw_spin_lock_irq(&bc->lock);
	}
	raw_spin_unlock_irq(&bc->lock);
}

static void vmk_bh_tasklet(struct tasklet_struct *t)
{
	vmk_bh_run_list(container_of(t, struct vmk_bh_cpu, tasklet));
}

/* IPI handler on the target CPU (hard IRQ). */
static void vmk_bh_kick(void *info)
{
	struct vmk_bh_cpu *bc = info;

	tasklet_schedule(&bc->tasklet);
}

void vmk_core_bh_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct vmk_bh_cpu *bc = per_cpu_ptr(&vmk_bh_cpus, cpu);

		raw_spin_lock_init(&bc->lock);
		INIT_LIST_HEAD(&bc->pending);
		tasklet_setup(&bc->tasklet, vmk_bh_tasklet);
		INIT_CSD(&bc->csd, vmk_bh_kick, bc);
	}
}

void vmk_core_bh_exit(void)
{
	int cpu;

	/* Every bottom half is unregistered: only empty runs may be left. */
	for_each_possible_cpu(cpu)
		tasklet_kill(&per_cpu_ptr(&vmk_bh_cpus, cpu)->tasklet);
}

static void vmk_bh_describe(struct vmk_core_resource *res, char *buf,
			    size_t len)
{
	struct vmkBHInt *bh = container_of(res, struct vmkBHInt, res);

	snprintf(buf, len, "%s (%ld runs)", bh->name.string,
		 atomic_long_read(&bh->runs));
}

static void vmk_bh_unregister(struct vmkBHInt *bh);

static void vmk_bh_reclaim(struct vmk_core_resource *res)
{
	struct vmkBHInt *bh = container_of(res, struct vmkBHInt, res);

	if (vmk_core_handle_del_detached(bh, VMK_CORE_HANDLE_BH))
		vmk_bh_unregister(bh);
}

static const struct vmk_core_resource_type vmk_bh_type = {
	.kind = "bottom half",
	.describe = vmk_bh_describe,
	.reclaim = vmk_bh_reclaim,
};

VMK_ReturnStatus vmk_BHRegister(vmk_BHProps *props, vmk_BHID *newBH)
{
	struct vmkBHInt *bh;
	VMK_ReturnStatus status;
	size_t len;
	int cpu;

	vmk_core_assert_may_deschedule();
	if (!props || !newBH || !props->callback) {
		vmk_core_bad_arg("props %p newBH %p callback %p", props, newBH,
				 props ? props->callback : NULL);
		return VMK_BAD_PARAM;
	}
	len = strnlen(props->name.string, VMK_MISC_NAME_MAX);
	if (len == 0 || len == VMK_MISC_NAME_MAX) {
		vmk_core_bad_arg("bottom-half name is empty or unterminated");
		return VMK_INVALID_NAME;
	}
	bh = kzalloc(struct_size(bh, node, nr_cpu_ids), GFP_ATOMIC);
	if (!bh)
		return VMK_NO_MEMORY;
	bh->callback = props->callback;
	bh->priv = props->priv;
	bh->module = props->moduleID;
	vmk_NameCopy(&bh->name, &props->name);
	for_each_possible_cpu(cpu) {
		INIT_LIST_HEAD(&bh->node[cpu].link);
		bh->node[cpu].bh = bh;
	}
	status = vmk_core_resource_add(&bh->res, &vmk_bh_type,
				       props->moduleID);
	if (status != VMK_OK) {
		vmk_core_bad_arg("bottom half %s: module %d is not registered",
				 bh->name.string, props->moduleID);
		kfree(bh);
		return status;
	}
	if (vmk_core_handle_add_detached(bh, VMK_CORE_HANDLE_BH)) {
		vmk_core_resource_del(&bh->res);
		kfree(bh);
		return VMK_NO_MEMORY;
	}
	*newBH = bh;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_BHRegister);

/* After the handle is gone: drop pending runs, wait for running ones. */
static void vmk_bh_unregister(struct vmkBHInt *bh)
{
	struct vmkBHInt *self = NULL;
	unsigned long flags;
	int cpu, mine = 0;

	WRITE_ONCE(bh->dead, true);
	for_each_possible_cpu(cpu) {
		struct vmk_bh_cpu *bc = per_cpu_ptr(&vmk_bh_cpus, cpu);

		raw_spin_lock_irqsave(&bc->lock, flags);
		list_del_init(&bh->node[cpu].link);
		raw_spin_unlock_irqrestore(&bc->lock, flags);
	}
	/* From its own callback: that run cannot end before we return. */
	if (in_serving_softirq()) {
		self = this_cpu_read(vmk_bh_cpus.current_bh);
		mine = self == bh;
	}
	while (atomic_read_acquire(&bh->running) > mine)
		cpu_relax();
	vmk_core_resource_del(&bh->res);
	/* A schedule that found the handle may still look at it. */
	kfree_rcu(bh, rcu);
}

void vmk_BHUnregister(vmk_BHID bottomHalf)
{
	vmk_core_assert_may_deschedule();
	if (vmk_core_handle_check(bottomHalf, VMK_CORE_HANDLE_BH,
				  "bottom half", __func__, _RET_IP_) != VMK_OK)
		return;
	/* Of two racing unregisters, one proceeds. */
	if (!vmk_core_handle_del_detached(bottomHalf, VMK_CORE_HANDLE_BH))
		return;
	vmk_bh_unregister(bottomHalf);
}
VMKAPI_EXPORT(vmk_BHUnregister);

/* Preemption off (the handle lookup's RCU-sched section). */
static VMK_ReturnStatus vmk_bh_schedule(struct vmkBHInt *bh, unsigned int cpu)
{
	struct vmk_bh_cpu *bc = per_cpu_ptr(&vmk_bh_cpus, cpu);
	unsigned int here = smp_processor_id();
	unsigned long flags;
	bool kick = false;
	int ret = 0;

	raw_spin_lock_irqsave(&bc->lock, flags);
	if (!READ_ONCE(bh->dead) && list_empty(&bh->node[cpu].link)) {
		list_add_tail(&bh->node[cpu].link, &bc->pending);
		kick = true;
		trace_deferred_queue(VMK_CORE_DEFERRED_BH, &bh->node[cpu],
				     bh->name.string, bh->module, 0);
	}
	if (kick && cpu != here) {
		/*
		 * Under the list lock, so callers on several CPUs never
		 * claim the same csd at once; -EBUSY means an IPI is on its
		 * way and its tasklet will find our node.
		 */
		ret = smp_call_function_single_async(cpu, &bc->csd);
		if (ret == -EBUSY)
			ret = 0;
		/* The CPU went away: nothing would ever run the node. */
		if (ret)
			list_del_init(&bh->node[cpu].link);
	}
	raw_spin_unlock_irqrestore(&bc->lock, flags);
	if (kick && cpu == here)
		tasklet_schedule(&bc->tasklet);
	return ret ? VMK_INVALID_TARGET : VMK_OK;
}

VMK_ReturnStatus vmk_BHSchedulePCPU(vmk_BHID bottomHalf, vmk_uint32 pcpu)
{
	VMK_ReturnStatus status = VMK_OK;

	rcu_read_lock_sched();
	if (!bottomHalf) {
		status = VMK_BAD_PARAM;
		vmk_core_bad_arg("NULL bottom half");
	} else if (!vmk_core_handle_find(bottomHalf, VMK_CORE_HANDLE_BH)) {
		status = VMK_INVALID_HANDLE;
		vmk_core_bad_arg("%p is not a live bottom half", bottomHalf);
	} else if (pcpu >= nr_cpu_ids || !cpu_online(pcpu)) {
		status = VMK_INVALID_TARGET;
		vmk_core_bad_arg("bottom half %s: CPU %u is not online",
				 bottomHalf->name.string, pcpu);
	} else {
		status = vmk_bh_schedule(bottomHalf, pcpu);
	}
	rcu_read_unlock_sched();
	return status;
}
VMKAPI_EXPORT(vmk_BHSchedulePCPU);

void vmk_BHScheduleAnyPCPU(vmk_BHID bottomHalf)
{
	rcu_read_lock_sched();
	if (!vmk_core_handle_find(bottomHalf, VMK_CORE_HANDLE_BH))
		vmk_core_bad_arg("%p is not a live bottom half", bottomHalf);
	else
		vmk_bh_schedule(bottomHalf, smp_processor_id());
	rcu_read_unlock_sched();
}
VMKAPI_EXPORT(vmk_BHScheduleAnyPCPU);

void vmk_BottomHalfCheck(vmk_Bool canReschedule)
{
	if (in_hardirq() || in_nmi() || irqs_disabled()) {
		vmk_core_bad_arg("not from interrupt context");
		return;
	}
	/* A bottom half calling this: the rest run when it returns. */
	if (in_serving_softirq())
		return;
	local_bh_disable();
	vmk_bh_run_list(this_cpu_ptr(&vmk_bh_cpus));
	local_bh_enable();
	if (canReschedule) {
		vmk_core_assert_may_block();
		cond_resched();
	}
}
VMKAPI_EXPORT(vmk_BottomHalfCheck);

/*
 * For KUnit: how many times the callback was called (counted as each
 * call starts); -ENOENT if not live.
 */
long vmk_core_bh_runs(vmk_BHID bottomHalf)
{
	long runs = -ENOENT;

	rcu_read_lock_sched();
	if (vmk_core_handle_find(bottomHalf, VMK_CORE_HANDLE_BH))
		runs = atomic_long_read(&bottomHalf->runs);
	rcu_read_unlock_sched();
	return runs;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_bh_runs, VMKAPI_INTERNAL);
