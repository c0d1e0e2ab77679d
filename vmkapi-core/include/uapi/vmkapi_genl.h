/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The vmkapi core's generic netlink family: what vmkctl, the management
 * library (libvmkmgmt) and any other user-space tool speak to vmkapi.ko.
 *
 * Shared by the kernel and user space, so it uses only <linux/types.h>.
 * Command numbers are split by owner so that the core's own commands
 * (this file) and the driver management API's commands
 * (vmkapi_mgmt_genl.h) can grow independently in one family.
 */
#ifndef _UAPI_VMKAPI_GENL_H_
#define _UAPI_VMKAPI_GENL_H_

#include <linux/types.h>

#define VMKAPI_GENL_NAME	"vmkapi"
#define VMKAPI_GENL_VERSION	1

/* Multicast groups. */
#define VMKAPI_GENL_MCGRP_EVENTS	"events"	/* event ring entries */
#define VMKAPI_GENL_MCGRP_MGMT		"mgmt"		/* vmk_Mgmt kernel->user */

/* Command number ranges (genl commands are u8). */
#define VMKAPI_CMD_CORE_FIRST	1	/* this file: 1..63 */
#define VMKAPI_CMD_MGMT_FIRST	64	/* vmkapi_mgmt_genl.h: 64..127 */

/*
 * What the always-on event ring records (the kind of one entry).  The
 * kernel fills them (events.c); vmkctl names them.
 */
enum vmkapi_event_kind {
	VMKAPI_EVENT_UNSPEC,
	VMKAPI_EVENT_TRANSITION,	/* a device lifecycle step, ok or refused */
	VMKAPI_EVENT_CALLBACK_FAILED,	/* a driver callback returned an error */
	VMKAPI_EVENT_INTR_ANOMALY,	/* spurious, bad ack, over budget, blocked */
	VMKAPI_EVENT_ALLOC_FAILED,	/* heap, slab, mempool or DMA allocation */
	VMKAPI_EVENT_RESOURCE_LEAK,	/* reclaimed at detach or unload */
	__VMKAPI_EVENT_MAX,
};

/* The core's commands and attributes follow (owned by genl.c). */

#endif /* _UAPI_VMKAPI_GENL_H_ */
