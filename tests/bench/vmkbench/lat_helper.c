// SPDX-License-Identifier: GPL-2.0
/*
 * Helper queue requests against the workqueues they stand for: an
 * unbound workqueue (what a helper is built on) and a WQ_HIGHPRI one
 * (Linux's high-priority deferred work, the bar for completion work).
 */
#include <linux/workqueue.h>

#include "vmkbench.h"

static vmk_Helper lat_helper;
static struct workqueue_struct *lat_wq;
static struct work_struct lat_work;

static void lat_helper_request(vmk_AddrCookie data)
{
	vmkbench_lat_arrived();
}

static void lat_work_fn(struct work_struct *work)
{
	vmkbench_lat_arrived();
}

static int lat_helper_setup(unsigned int wq_flags)
{
	vmk_HelperProps props = {
		.heap = vmkbench_heap,
		.maxRequests = 4,
		.preallocRequests = VMK_TRUE,
		.mutables = { .minWorlds = -1, .maxWorlds = 1 },
	};

	vmk_NameInitialize(&props.name, "vmkbench");
	if (vmk_HelperCreate(&props, &lat_helper) != VMK_OK)
		return -ENOMEM;
	INIT_WORK(&lat_work, lat_work_fn);
	lat_wq = alloc_workqueue("vmkbench", wq_flags, 1);
	if (!lat_wq) {
		vmk_HelperDestroy(lat_helper);
		return -ENOMEM;
	}
	return 0;
}

static int lat_helper_setup_unbound(void)
{
	return lat_helper_setup(WQ_UNBOUND);
}

static int lat_helper_setup_highpri(void)
{
	return lat_helper_setup(WQ_HIGHPRI);
}

static void lat_helper_teardown(void)
{
	vmk_HelperDestroy(lat_helper);
	destroy_workqueue(lat_wq);
}

static void lat_helper_fire(void)
{
	vmk_HelperSubmitRequest(lat_helper, lat_helper_request, 0,
				VMK_HELPER_DEFAULT_REQ_PROPS);
}

static void lat_wq_fire(void)
{
	queue_work(lat_wq, &lat_work);
}

static const struct vmkbench_lat_row lat_helper_rows[] = {
	{ "helper request vs unbound wq", lat_helper_setup_unbound,
	  lat_helper_teardown, lat_helper_fire, lat_wq_fire },
	{ "helper request vs WQ_HIGHPRI", lat_helper_setup_highpri,
	  lat_helper_teardown, lat_helper_fire, lat_wq_fire },
};

void vmkbench_lat_helper(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lat_helper_rows); i++)
		vmkbench_lat_run(&lat_helper_rows[i]);
}
