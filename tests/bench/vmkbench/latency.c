// SPDX-License-Identifier: GPL-2.0
/*
 * Activation-to-run latency of deferred work: the time from asking for
 * the work (activate, submit, raise) to the first instruction of the work,
 * or for a timer from its due time to that instruction.  One sample is in
 * flight at a time and the two sides alternate, so both see the same
 * machine.  Printed per row as
 *
 *   vmkbench: lat <name>|<vmk p50>|<vmk p99>|<linux p50>|<linux p99>|<n>
 *
 * in nanoseconds.  ktime_get_ns() rather than local_clock(): the work may
 * run on another CPU, and the guest's TSCs are not synchronised.
 */
#include <linux/completion.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "vmkbench.h"

static unsigned int lat_samples = 1000;
module_param(lat_samples, uint, 0444);
MODULE_PARM_DESC(lat_samples, "latency samples per side and row");

#define LAT_WARMUP	20
#define LAT_TIMEOUT	(2 * HZ)

static struct {
	u64 t0;			/* when the work was asked for or is due */
	u64 ns;
	struct completion arrived;
} lat;

void vmkbench_lat_arrived(void)
{
	u64 now = ktime_get_ns();
	u64 t0 = READ_ONCE(lat.t0);

	/* A timer never fires early, but clamp: a negative sample is noise. */
	WRITE_ONCE(lat.ns, now > t0 ? now - t0 : 0);
	complete(&lat.arrived);
}

void vmkbench_lat_due_in(u64 delay_ns)
{
	WRITE_ONCE(lat.t0, lat.t0 + delay_ns);
}

/* One sample: 0 and the latency in *ns, or -ETIMEDOUT. */
static int lat_sample(void (*fire)(void), u64 *ns)
{
	reinit_completion(&lat.arrived);
	WRITE_ONCE(lat.t0, ktime_get_ns());
	fire();
	if (!wait_for_completion_timeout(&lat.arrived, LAT_TIMEOUT))
		return -ETIMEDOUT;
	*ns = READ_ONCE(lat.ns);
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 percentile(const u64 *sorted, unsigned int n, unsigned int pct)
{
	return sorted[min(n - 1, n * pct / 100)];
}

static int lat_measure(const struct vmkbench_lat_row *row, u64 *vmk,
		       u64 *lin, unsigned int n)
{
	unsigned int i;
	u64 discard;
	int ret = 0;

	for (i = 0; i < LAT_WARMUP && !ret; i++) {
		ret = lat_sample(row->vmk_fire, &discard);
		if (!ret)
			ret = lat_sample(row->linux_fire, &discard);
	}
	for (i = 0; i < n && !ret; i++) {
		ret = lat_sample(row->vmk_fire, &vmk[i]);
		if (!ret)
			ret = lat_sample(row->linux_fire, &lin[i]);
		cond_resched();
	}
	return ret;
}

void vmkbench_lat_run(const struct vmkbench_lat_row *row)
{
	unsigned int n = lat_samples;
	u64 *vmk, *lin;
	int ret;

	init_completion(&lat.arrived);
	if (!n)
		return;
	vmk = kvmalloc_array(2 * n, sizeof(u64), GFP_KERNEL);
	if (!vmk) {
		pr_info("vmkbench: lat-skip %s|no memory\n", row->name);
		return;
	}
	lin = vmk + n;
	ret = row->setup ? row->setup() : 0;
	if (ret) {
		pr_info("vmkbench: lat-skip %s|setup failed (%d)\n", row->name,
			ret);
		goto out;
	}
	ret = lat_measure(row, vmk, lin, n);
	if (row->teardown)
		row->teardown();
	if (ret) {
		pr_info("vmkbench: lat-skip %s|a sample never arrived\n",
			row->name);
		goto out;
	}
	sort(vmk, n, sizeof(u64), cmp_u64, NULL);
	sort(lin, n, sizeof(u64), cmp_u64, NULL);
	pr_info("vmkbench: lat %s|%llu|%llu|%llu|%llu|%u\n", row->name,
		percentile(vmk, n, 50), percentile(vmk, n, 99),
		percentile(lin, n, 50), percentile(lin, n, 99), n);
out:
	kvfree(vmk);
}
