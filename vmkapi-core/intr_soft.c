// SPDX-License-Identifier: GPL-2.0
/*
 * Software interrupt sources: real Linux irqs that nothing but the core
 * raises, so the interrupt path (hard-IRQ acknowledge, threaded handler,
 * masking, replay) can be tested and measured on any kernel.  Distribution
 * kernels do not build the interrupt simulator (CONFIG_IRQ_SIM), so the
 * core has its own small irq domain and irq_chip.
 *
 * Each source latches a pending bit, as an edge-triggered device would.
 * A raise sets it and queues a hard irq_work on the CPU the source's
 * affinity names (the raising CPU while it may go anywhere); the work
 * runs in hard-IRQ context and, unless the chip is masked, hands the
 * interrupt to the irq core with generic_handle_irq().  Masking leaves
 * the bit set, and unmasking (or the core's retrigger after a lazy
 * disable) fires it, so nothing raised while disabled is lost.
 */
#include "vmkapi_core.h"

#include <linux/bitmap.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/irqdomain.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/smp.h>

/* Sources alive at once: tests and the benchmark need a handful. */
#define VMK_SOFT_MAX		64
#define VMK_SOFT_PENDING	0

struct vmk_soft_src {
	struct irq_work work;
	/* Delivery on another CPU, when the affinity names one. */
	call_single_data_t remote;
	unsigned long flags;	/* VMK_SOFT_PENDING */
	bool masked;
	bool dead;
	/* Where the interrupt is delivered (its affinity); -1: anywhere. */
	int cpu;
	unsigned int virq;
	irq_hw_number_t hwirq;
};

/* Guards the domain and the hwirq bitmap. */
static DEFINE_MUTEX(vmk_soft_mutex);
static struct irq_domain *vmk_soft_domain;
static struct fwnode_handle *vmk_soft_fwnode;
static DECLARE_BITMAP(vmk_soft_hwirqs, VMK_SOFT_MAX);
static unsigned int vmk_soft_count;

/* Hard IRQ (an irq_work or a cross-CPU call): deliver the latch. */
static void vmk_soft_deliver(struct vmk_soft_src *src)
{
	/* A masked source keeps its bit; unmask fires it. */
	if (READ_ONCE(src->masked))
		return;
	if (test_and_clear_bit(VMK_SOFT_PENDING, &src->flags))
		generic_handle_irq(src->virq);
}

static void vmk_soft_fire(struct irq_work *work)
{
	vmk_soft_deliver(container_of(work, struct vmk_soft_src, work));
}

static void vmk_soft_fire_remote(void *info)
{
	vmk_soft_deliver(info);
}

/*
 * Fire on the CPU the source's affinity names, as an interrupt
 * controller would deliver it: an asynchronous cross-CPU call, which
 * runs in that CPU's hard IRQ (irq_work_queue_on is not exported).  On
 * the raising CPU when there is no such CPU, or from NMI (cross-CPU
 * calls are not NMI-safe).  A call still in flight (-EBUSY) will see the
 * latched bit.
 */
static void vmk_soft_queue(struct vmk_soft_src *src)
{
	int cpu = READ_ONCE(src->cpu);

	if (cpu < 0 || in_nmi() || !cpu_online(cpu) ||
	    cpu == raw_smp_processor_id() ||
	    smp_call_function_single_async(cpu, &src->remote) == -ENXIO)
		irq_work_queue(&src->work);
}

static void vmk_soft_kick(struct vmk_soft_src *src)
{
	set_bit(VMK_SOFT_PENDING, &src->flags);
	/* Already queued: that run sees the bit (edges coalesce). */
	vmk_soft_queue(src);
}

/* The edge flow acknowledges at the chip; the latch was cleared already. */
static void vmk_soft_ack(struct irq_data *d)
{
}

static void vmk_soft_mask(struct irq_data *d)
{
	struct vmk_soft_src *src = irq_data_get_irq_chip_data(d);

	WRITE_ONCE(src->masked, true);
}

static void vmk_soft_unmask(struct irq_data *d)
{
	struct vmk_soft_src *src = irq_data_get_irq_chip_data(d);

	WRITE_ONCE(src->masked, false);
	/* Pairs with the barrier in irq_work_queue() after a raise. */
	smp_mb();
	if (test_bit(VMK_SOFT_PENDING, &src->flags))
		vmk_soft_queue(src);
}

/* enable_irq() after a lazy disable swallowed an edge: fire it again. */
static int vmk_soft_retrigger(struct irq_data *d)
{
	vmk_soft_kick(irq_data_get_irq_chip_data(d));
	return 1;
}

/*
 * Deliver on the first online CPU of @mask from now on; a mask with
 * every online CPU (the default) means the raising CPU, as before any
 * affinity was set.
 */
static int vmk_soft_set_affinity(struct irq_data *d,
				 const struct cpumask *mask, bool force)
{
	struct vmk_soft_src *src = irq_data_get_irq_chip_data(d);
	unsigned int cpu = cpumask_first_and(mask, cpu_online_mask);

	if (cpu >= nr_cpu_ids)
		return -EINVAL;
	if (cpumask_subset(cpu_online_mask, mask)) {
		WRITE_ONCE(src->cpu, -1);
		irq_data_update_effective_affinity(d, mask);
	} else {
		WRITE_ONCE(src->cpu, cpu);
		irq_data_update_effective_affinity(d, cpumask_of(cpu));
	}
	return IRQ_SET_MASK_OK;
}

static struct irq_chip vmk_soft_chip = {
	.name = "vmk-soft",
	.irq_set_affinity = vmk_soft_set_affinity,
	.irq_ack = vmk_soft_ack,
	.irq_mask = vmk_soft_mask,
	.irq_unmask = vmk_soft_unmask,
	.irq_retrigger = vmk_soft_retrigger,
};

static int vmk_soft_map(struct irq_domain *d, unsigned int virq,
			irq_hw_number_t hwirq)
{
	irq_set_chip_and_handler_name(virq, &vmk_soft_chip, handle_edge_irq,
				      "edge");
	/*
	 * Requestable, started by request_irq(), never autoprobed; its
	 * affinity changes at once, in process context (x86 otherwise defers
	 * a move to the next interrupt's ack at the APIC, which this chip
	 * does not have).
	 */
	irq_modify_status(virq, IRQ_NOREQUEST | IRQ_NOAUTOEN,
			  IRQ_NOPROBE | IRQ_MOVE_PCNTXT);
	return 0;
}

static const struct irq_domain_ops vmk_soft_domain_ops = {
	.map = vmk_soft_map,
};

/* The domain lives while sources do.  Holds vmk_soft_mutex. */
static int vmk_soft_domain_get(void)
{
	if (vmk_soft_domain)
		return 0;
	vmk_soft_fwnode = irq_domain_alloc_named_fwnode("vmkapi-soft");
	if (!vmk_soft_fwnode)
		return -ENOMEM;
	vmk_soft_domain = irq_domain_create_linear(vmk_soft_fwnode,
						   VMK_SOFT_MAX,
						   &vmk_soft_domain_ops, NULL);
	if (!vmk_soft_domain) {
		irq_domain_free_fwnode(vmk_soft_fwnode);
		vmk_soft_fwnode = NULL;
		return -ENOMEM;
	}
	return 0;
}

static void vmk_soft_domain_put(void)
{
	if (vmk_soft_count)
		return;
	irq_domain_remove(vmk_soft_domain);
	irq_domain_free_fwnode(vmk_soft_fwnode);
	vmk_soft_domain = NULL;
	vmk_soft_fwnode = NULL;
}

static void vmk_soft_nothing(void *info)
{
}

/*
 * A CPU runs its queued cross-CPU calls in order: one synchronous call
 * to every CPU returns after each ran what was queued before it.
 */
static void vmk_soft_remote_sync(void)
{
	on_each_cpu(vmk_soft_nothing, NULL, 1);
}

/*
 * The cookie is gone (freed or reclaimed): no raise can find the source
 * any more, and the line has no action.  Process context.
 */
static void vmk_soft_release(void *priv)
{
	struct vmk_soft_src *src = priv;

	WRITE_ONCE(src->dead, true);
	/* Raises look the source up under RCU: let them finish... */
	synchronize_rcu();
	/* ...and the irq_work or cross-CPU call they queued. */
	irq_work_sync(&src->work);
	vmk_soft_remote_sync();
	mutex_lock(&vmk_soft_mutex);
	irq_dispose_mapping(src->virq);
	clear_bit(src->hwirq, vmk_soft_hwirqs);
	vmk_soft_count--;
	vmk_soft_domain_put();
	mutex_unlock(&vmk_soft_mutex);
	kfree(src);
}

VMK_ReturnStatus vmk_core_intr_soft_create(vmk_ModuleID module,
					   vmk_IntrCookie *cookie)
{
	struct vmk_soft_src *src;
	VMK_ReturnStatus status;
	unsigned long hwirq;

	might_sleep();
	if (!cookie) {
		vmk_core_bad_arg("NULL cookie");
		return VMK_BAD_PARAM;
	}
	src = kzalloc(sizeof(*src), GFP_KERNEL);
	if (!src)
		return VMK_NO_MEMORY;
	src->work = IRQ_WORK_INIT_HARD(vmk_soft_fire);
	INIT_CSD(&src->remote, vmk_soft_fire_remote, src);
	src->cpu = -1;
	/* A fresh irq descriptor is masked until its action starts it. */
	src->masked = true;

	mutex_lock(&vmk_soft_mutex);
	status = VMK_NO_MEMORY;
	if (vmk_soft_domain_get())
		goto unlock;
	status = VMK_NO_RESOURCES;
	hwirq = find_first_zero_bit(vmk_soft_hwirqs, VMK_SOFT_MAX);
	if (hwirq >= VMK_SOFT_MAX)
		goto put_domain;
	src->virq = irq_create_mapping(vmk_soft_domain, hwirq);
	if (!src->virq)
		goto put_domain;
	src->hwirq = hwirq;
	irq_set_chip_data(src->virq, src);
	set_bit(hwirq, vmk_soft_hwirqs);
	vmk_soft_count++;
	mutex_unlock(&vmk_soft_mutex);

	status = vmk_core_intr_cookie_alloc_owned(module, src->virq, false,
						  vmk_soft_release, src,
						  cookie);
	if (status != VMK_OK)
		vmk_soft_release(src);
	return status;

put_domain:
	vmk_soft_domain_put();
unlock:
	mutex_unlock(&vmk_soft_mutex);
	kfree(src);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_soft_create, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_intr_soft_raise(vmk_IntrCookie cookie)
{
	struct vmk_soft_src *src;
	VMK_ReturnStatus status = VMK_BAD_PARAM;

	rcu_read_lock();
	src = vmk_core_intr_cookie_priv(cookie, vmk_soft_release);
	if (src && !READ_ONCE(src->dead)) {
		vmk_soft_kick(src);
		status = VMK_OK;
	}
	rcu_read_unlock();
	if (status != VMK_OK)
		vmk_core_bad_arg("cookie %u is not a software source", cookie);
	return status;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_soft_raise, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_intr_soft_flush(vmk_IntrCookie cookie)
{
	struct vmk_soft_src *src;

	might_sleep();
	rcu_read_lock();
	src = vmk_core_intr_cookie_priv(cookie, vmk_soft_release);
	rcu_read_unlock();
	if (!src) {
		vmk_core_bad_arg("cookie %u is not a software source", cookie);
		return VMK_BAD_PARAM;
	}
	/* Lives until destroy, which the caller does not race with us. */
	irq_work_sync(&src->work);
	return VMK_OK;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_soft_flush, VMKAPI_INTERNAL);

VMK_ReturnStatus vmk_core_intr_soft_destroy(vmk_IntrCookie cookie)
{
	bool soft;

	might_sleep();
	rcu_read_lock();
	soft = vmk_core_intr_cookie_priv(cookie, vmk_soft_release) != NULL;
	rcu_read_unlock();
	if (!soft) {
		vmk_core_bad_arg("cookie %u is not a software source", cookie);
		return VMK_BAD_PARAM;
	}
	return vmk_core_intr_cookie_free(cookie);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_intr_soft_destroy, VMKAPI_INTERNAL);
