/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nedu's management API: the one table the driver (nedu_mgmt.c) and its
 * tool (nedu-mgmt.c, with libvmkmgmt) both compile.  Each side defines
 * the callbacks that run there; the other side's names become NULL.
 *
 * Instances are the edu devices (instance ID: the adapter, display name:
 * its PCI address); calls without an instance answer VMK_NOT_FOUND in
 * their status field.
 *
 *   STATS           kernel, synchronous: the device's counters
 *   FACTORIAL       kernel, synchronous: n! computed by the device; the
 *                   driver then sends FACTORIAL_DONE to every session
 *   FACTORIAL_DONE  user: a factorial finished (from any session)
 *   REVERSE         kernel, synchronous: a byte vector, reversed in place
 */
#ifndef _NEDU_MGMT_H_
#define _NEDU_MGMT_H_

#include "vmkapi.h"

#define NEDU_MGMT_NAME		"nedu"
#define NEDU_MGMT_VENDOR	"vmkapi-linux"
#define NEDU_MGMT_VERSION	VMK_REVISION_FROM_NUMBERS(1, 0, 0, 0)

enum nedu_mgmt_callback_id {
	NEDU_MGMT_CB_STATS = VMK_MGMT_RESERVED_CALLBACKS + 1,
	NEDU_MGMT_CB_FACTORIAL,
	NEDU_MGMT_CB_FACTORIAL_DONE,
	NEDU_MGMT_CB_REVERSE,
};

#define NEDU_MGMT_NUM_CALLBACKS	4
#define NEDU_MGMT_REVERSE_MAX	4096

/* Results travel in the payload: a callback's return says only "it ran". */
struct nedu_mgmt_stats {
	vmk_uint32 status;		/* a VMK_ReturnStatus */
	vmk_uint32 intr_type;		/* 1: MSI, 0: INTx */
	vmk_uint64 interrupts;
	vmk_uint64 factorials;
	vmk_uint64 dma_transfers;
	vmk_uint64 timeouts;
};

struct nedu_mgmt_factorial {
	vmk_uint32 n;
	vmk_uint32 result;
	vmk_uint32 status;		/* a VMK_ReturnStatus */
	vmk_uint32 reserved;
};

#ifdef VMK_BUILDING_FOR_KERNEL_MODE
/* nedu_mgmt.c (struct tags: the same types as the vmk_Mgmt* typedefs) */
VMK_ReturnStatus nedu_mgmt_cb_stats(struct vmk_MgmtCookies *cookies,
				    struct vmk_MgmtEnvelope *envelope,
				    struct nedu_mgmt_stats *stats);
VMK_ReturnStatus nedu_mgmt_cb_factorial(struct vmk_MgmtCookies *cookies,
					struct vmk_MgmtEnvelope *envelope,
					struct nedu_mgmt_factorial *req);
VMK_ReturnStatus nedu_mgmt_cb_reverse(struct vmk_MgmtCookies *cookies,
				      struct vmk_MgmtEnvelope *envelope,
				      struct vmk_MgmtVectorParm *bytes);
#define nedu_mgmt_cb_factorial_done	NULL
#else
void nedu_mgmt_cb_factorial_done(vmk_uint64 cookie, vmk_uint64 instanceId,
			      struct nedu_mgmt_factorial *done);
#define nedu_mgmt_cb_stats		NULL
#define nedu_mgmt_cb_factorial	NULL
#define nedu_mgmt_cb_reverse	NULL
#endif

static vmk_MgmtCallbackInfo nedu_mgmt_callbacks[NEDU_MGMT_NUM_CALLBACKS] = {
	{
		.location = VMK_MGMT_CALLBACK_KERNEL,
		.callback = nedu_mgmt_cb_stats,
		.synchronous = 1,
		.numParms = 1,
		.parmSizes = { sizeof(struct nedu_mgmt_stats) },
		.parmTypes = { VMK_MGMT_PARMTYPE_OUT },
		.callbackId = NEDU_MGMT_CB_STATS,
	},
	{
		.location = VMK_MGMT_CALLBACK_KERNEL,
		.callback = nedu_mgmt_cb_factorial,
		.synchronous = 1,
		.numParms = 1,
		.parmSizes = { sizeof(struct nedu_mgmt_factorial) },
		.parmTypes = { VMK_MGMT_PARMTYPE_INOUT },
		.callbackId = NEDU_MGMT_CB_FACTORIAL,
	},
	{
		.location = VMK_MGMT_CALLBACK_USER,
		.callback = nedu_mgmt_cb_factorial_done,
		.synchronous = 0,
		.numParms = 1,
		.parmSizes = { sizeof(struct nedu_mgmt_factorial) },
		.parmTypes = { VMK_MGMT_PARMTYPE_IN },
		.callbackId = NEDU_MGMT_CB_FACTORIAL_DONE,
	},
	{
		.location = VMK_MGMT_CALLBACK_KERNEL,
		.callback = nedu_mgmt_cb_reverse,
		.synchronous = 1,
		.numParms = 1,
		.parmSizes = { 1 },	/* a vector of bytes */
		.parmTypes = { VMK_MGMT_PARMTYPE_VECTOR_INOUT },
		.callbackId = NEDU_MGMT_CB_REVERSE,
	},
};

static vmk_MgmtApiSignature nedu_mgmt_sig = {
	.version = NEDU_MGMT_VERSION,
	.name.string = NEDU_MGMT_NAME,
	.vendor.string = NEDU_MGMT_VENDOR,
	.numCallbacks = NEDU_MGMT_NUM_CALLBACKS,
	.callbacks = nedu_mgmt_callbacks,
};

#endif /* _NEDU_MGMT_H_ */
