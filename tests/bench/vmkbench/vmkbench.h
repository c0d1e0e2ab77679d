/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmark module's parts: primitives (ns per operation) and
 * latency sections (activation to run of deferred work, percentiles).
 */
#ifndef _VMKBENCH_H_
#define _VMKBENCH_H_

#include <linux/types.h>

#include "vmkapi.h"

/* The module's VMK identity; valid while the benchmarks run. */
extern vmk_ModuleID vmkbench_id;
/* A heap of the module for the sections' objects (1 MB). */
extern vmk_HeapID vmkbench_heap;

int vmkbench_primitives(void);

/*
 * One latency row: the VMK mechanism and its Linux counterpart.  Both
 * sides get the same number of samples, taken alternately, one at a time:
 * fire() starts the deferred work and the work calls vmkbench_lat_arrived()
 * where it begins to run.  setup/teardown may be NULL.  A row that cannot
 * run (setup fails) prints a skip line and the next row runs.
 */
struct vmkbench_lat_row {
	const char *name;
	int (*setup)(void);
	void (*teardown)(void);
	void (*vmk_fire)(void);
	void (*linux_fire)(void);
};

/*
 * Called where the measured work starts running.  Any context (hard IRQ
 * included); it must be called exactly once per fire.
 */
void vmkbench_lat_arrived(void);
/*
 * For timers: called from fire() before arming, the work is due @delay_ns
 * from now, so lateness rather than the delay itself is measured.
 */
void vmkbench_lat_due_in(u64 delay_ns);
void vmkbench_lat_run(const struct vmkbench_lat_row *row);

/* Latency sections, one per file. */
void vmkbench_lat_helper(void);
void vmkbench_lat_timer(void);
void vmkbench_lat_intr(void);
void vmkbench_lat_worldlet(void);

#endif /* _VMKBENCH_H_ */
