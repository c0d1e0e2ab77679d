// SPDX-License-Identifier: GPL-2.0
/*
 * Worldlet activation against Linux's high-priority deferred work,
 * queue_work() on a WQ_HIGHPRI (per-CPU) workqueue: on the activating
 * CPU, on another CPU, and on another CPU kept busy by a normal-priority
 * CPU-bound thread (the case a high-priority context is for).  The
 * worldlet follows its target CPU through world affinity, to an idle
 * anchor thread or to the busy thread itself.
 */
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/workqueue.h>

#include "vmkbench.h"

static vmk_Worldlet lat_wdt;
static struct workqueue_struct *lat_wq;
static struct work_struct lat_work;
static struct task_struct *lat_target;
/* The CPU the bench thread fires from, and the one the work runs on. */
static int lat_here, lat_there;

static VMK_ReturnStatus lat_wdt_fn(vmk_Worldlet w, void *data,
				   vmk_WorldletRunData *rd)
{
	vmkbench_lat_arrived();
	rd->state = VMK_WDT_SUSPEND;
	return VMK_OK;
}

static void lat_work_fn(struct work_struct *work)
{
	vmkbench_lat_arrived();
}

/*
 * Asleep (an anchor) or spinning at normal priority (a busy CPU), at
 * nice 0 (any CPU-bound task) or -20 (as busy as a WQ_HIGHPRI worker).
 */
static int lat_target_fn(void *busy)
{
	if (busy == (void *)2)
		set_user_nice(current, MIN_NICE);
	while (!kthread_should_stop()) {
		if (busy) {
			cpu_relax();
			cond_resched();
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static int lat_wdt_setup(bool remote, int busy)
{
	vmk_Name name;

	lat_here = cpumask_first(cpu_online_mask);
	lat_there = remote ? cpumask_next(lat_here, cpu_online_mask) :
			     lat_here;
	if (lat_there >= nr_cpu_ids)
		return -ENODEV;
	if (set_cpus_allowed_ptr(current, cpumask_of(lat_here)))
		return -EINVAL;
	lat_wq = alloc_workqueue("vmkbench_hi", WQ_HIGHPRI, 0);
	if (!lat_wq)
		goto restore;
	INIT_WORK(&lat_work, lat_work_fn);
	vmk_NameInitialize(&name, "vmkbench");
	if (vmk_WorldletCreate(&lat_wdt, &name, 0, vmkbench_id, vmkbench_heap,
			       lat_wdt_fn, NULL) != VMK_OK)
		goto free_wq;
	if (!remote)
		return 0;
	lat_target = kthread_create(lat_target_fn, (void *)(long)busy,
				    "vmkbench_%s", busy ? "busy" : "anchor");
	if (IS_ERR(lat_target))
		goto free_wdt;
	kthread_bind(lat_target, lat_there);
	wake_up_process(lat_target);
	if (vmk_WorldletSetAffinityToWorld(lat_wdt, task_pid_nr(lat_target),
					   VMK_WDT_AFFINITY_EXACT) == VMK_OK)
		return 0;
	kthread_stop(lat_target);
free_wdt:
	lat_target = NULL;
	vmk_WorldletUnref(lat_wdt);
free_wq:
	destroy_workqueue(lat_wq);
restore:
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	return -ENOMEM;
}

static int lat_wdt_setup_local(void)
{
	return lat_wdt_setup(false, 0);
}

static int lat_wdt_setup_remote(void)
{
	return lat_wdt_setup(true, 0);
}

static int lat_wdt_setup_busy(void)
{
	return lat_wdt_setup(true, 1);
}

static int lat_wdt_setup_busy_hi(void)
{
	return lat_wdt_setup(true, 2);
}

static void lat_wdt_teardown(void)
{
	vmk_WorldletID id;

	vmk_WorldletGetId(lat_wdt, &id);
	vmk_WorldletDisable(lat_wdt);
	vmk_WorldletWaitForQuiesce(lat_wdt, 1000000);
	if (lat_target) {
		/* Drop the affinity before the world goes. */
		vmk_WorldletSetAffinityToWorld(lat_wdt, VMK_INVALID_WORLD_ID,
					       VMK_WDT_AFFINITY_EXACT);
		kthread_stop(lat_target);
		lat_target = NULL;
	}
	vmk_WorldletUnref(lat_wdt);
	vmk_WorldletReapSync(id);
	destroy_workqueue(lat_wq);
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

static void lat_wdt_fire(void)
{
	vmk_WorldletActivate(lat_wdt);
}

static void lat_wq_fire(void)
{
	queue_work_on(lat_there, lat_wq, &lat_work);
}

static const struct vmkbench_lat_row lat_wdt_rows[] = {
	{ "worldlet activate vs WQ_HIGHPRI", lat_wdt_setup_local,
	  lat_wdt_teardown, lat_wdt_fire, lat_wq_fire },
	{ "worldlet other CPU vs HIGHPRI", lat_wdt_setup_remote,
	  lat_wdt_teardown, lat_wdt_fire, lat_wq_fire },
	{ "worldlet busy CPU vs HIGHPRI", lat_wdt_setup_busy,
	  lat_wdt_teardown, lat_wdt_fire, lat_wq_fire },
	{ "worldlet busy -20 vs HIGHPRI", lat_wdt_setup_busy_hi,
	  lat_wdt_teardown, lat_wdt_fire, lat_wq_fire },
};

void vmkbench_lat_worldlet(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lat_wdt_rows); i++)
		vmkbench_lat_run(&lat_wdt_rows[i]);
}
