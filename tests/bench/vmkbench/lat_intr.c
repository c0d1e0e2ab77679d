// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt wake-up: from raising a software interrupt to the first
 * instruction of the VMK handler (acknowledge in hard IRQ, handler in the
 * core's per-CPU handler thread), against a plain Linux threaded IRQ on an identical
 * software source whose primary handler only wakes its thread.
 *
 * Both interrupts are delivered on the CPU the benchmark raises them
 * from, and the benchmark stays there: a real-time interrupt thread
 * wakes where it last ran, so without this one side's thread could sit
 * on the other CPU for the whole row and pay a cross-CPU wake-up the
 * other does not.
 */
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/sched.h>

#include "vmkapi_internal.h"
#include "vmkbench.h"

static vmk_IntrCookie lat_vmk_cookie = VMK_INVALID_INTRCOOKIE;
static vmk_IntrCookie lat_linux_cookie = VMK_INVALID_INTRCOOKIE;
static int lat_linux_irq = -1;
static int lat_token;	/* handlerData and dev_id: any unique address */
static int lat_cpu;

static VMK_ReturnStatus lat_intr_ack(void *data, vmk_IntrCookie cookie)
{
	return VMK_OK;
}

static void lat_intr_handler(void *data, vmk_IntrCookie cookie)
{
	vmkbench_lat_arrived();
}

static irqreturn_t lat_irq_primary(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

static irqreturn_t lat_irq_thread(int irq, void *dev_id)
{
	vmkbench_lat_arrived();
	return IRQ_HANDLED;
}

static void lat_intr_teardown(void)
{
	set_cpus_allowed_ptr(current, cpu_online_mask);
	if (lat_linux_irq >= 0)
		free_irq(lat_linux_irq, &lat_token);
	lat_linux_irq = -1;
	if (lat_vmk_cookie != VMK_INVALID_INTRCOOKIE) {
		vmk_IntrDisable(lat_vmk_cookie);
		vmk_IntrUnregister(vmkbench_id, lat_vmk_cookie, &lat_token);
		vmk_core_intr_soft_destroy(lat_vmk_cookie);
	}
	if (lat_linux_cookie != VMK_INVALID_INTRCOOKIE)
		vmk_core_intr_soft_destroy(lat_linux_cookie);
	lat_vmk_cookie = lat_linux_cookie = VMK_INVALID_INTRCOOKIE;
}

static int lat_intr_setup_vmk(void)
{
	vmk_IntrProps props = {
		.acknowledgeInterrupt = lat_intr_ack,
		.handler = lat_intr_handler,
		.handlerData = &lat_token,
	};

	vmk_NameInitialize(&props.deviceName, "vmkbench");
	if (vmk_core_intr_soft_create(vmkbench_id, &lat_vmk_cookie) != VMK_OK)
		return -ENOMEM;
	if (vmk_IntrRegister(vmkbench_id, lat_vmk_cookie, &props) != VMK_OK) {
		vmk_core_intr_soft_destroy(lat_vmk_cookie);
		lat_vmk_cookie = VMK_INVALID_INTRCOOKIE;
		return -EINVAL;
	}
	return vmk_IntrEnable(lat_vmk_cookie) == VMK_OK ? 0 : -EINVAL;
}

static int lat_intr_setup(void)
{
	int ret = lat_intr_setup_vmk();

	if (!ret && vmk_core_intr_soft_create(vmkbench_id,
					      &lat_linux_cookie) != VMK_OK)
		ret = -ENOMEM;
	if (!ret) {
		/* The core never registers this line: Linux alone owns it. */
		ret = request_threaded_irq(vmk_core_intr_cookie_irq(lat_linux_cookie),
					   lat_irq_primary, lat_irq_thread,
					   IRQF_ONESHOT, "vmkbench", &lat_token);
		if (!ret)
			lat_linux_irq = vmk_core_intr_cookie_irq(lat_linux_cookie);
	}
	if (!ret) {
		lat_cpu = raw_smp_processor_id();
		ret = set_cpus_allowed_ptr(current, cpumask_of(lat_cpu));
	}
	if (!ret)
		ret = irq_set_affinity(lat_linux_irq, cpumask_of(lat_cpu));
	/*
	 * As vmk_WorldInterruptSet does: the handler stays with the
	 * acknowledge, never steered to the other CPU.
	 */
	if (!ret && !vmk_core_intr_steer(lat_vmk_cookie, lat_cpu))
		ret = -EINVAL;
	if (ret)
		lat_intr_teardown();
	return ret;
}

static void lat_intr_fire(void)
{
	vmk_core_intr_soft_raise(lat_vmk_cookie);
}

static void lat_irq_fire(void)
{
	vmk_core_intr_soft_raise(lat_linux_cookie);
}

static const struct vmkbench_lat_row lat_intr_row = {
	"intr handler vs threaded IRQ", lat_intr_setup, lat_intr_teardown,
	lat_intr_fire, lat_irq_fire,
};

void vmkbench_lat_intr(void)
{
	vmkbench_lat_run(&lat_intr_row);
}
