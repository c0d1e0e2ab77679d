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

/*
 * Core commands.  A *_GET command answers one object with a doit (the
 * request names it inside the object's nest, e.g. VMKAPI_A_DEVICE with
 * VMKAPI_DEVICE_A_ADDRESS) and every object with a dump (NLM_F_DUMP; a
 * nest in the request, where the command documents one, filters).
 * Each reply message carries exactly one top-level nest, the object's.
 *
 * Requests are validated strictly: an attribute a command does not take
 * (or an output-only one inside a nest), a wrong length, a string over
 * its limit or a nest without NLA_F_NESTED is refused with EINVAL.  So
 * open request nests with NLA_F_NESTED (libnl: nla_nest_start(msg,
 * VMKAPI_A_X | NLA_F_NESTED)) and leave genlmsghdr.reserved zero.
 *
 * Mutating commands (marked "admin") need CAP_NET_ADMIN (GENL_ADMIN_PERM);
 * without it they fail with EPERM before any attribute is looked at.
 * Every refusal carries an extended-ack message (NLMSGERR_ATTR_MSG) and,
 * when one attribute is at fault, its offset (NLMSGERR_ATTR_OFFS).  When
 * the core itself answered a VMK status (a device step the driver or the
 * lifecycle refused), the extended ack's cookie (NLMSGERR_ATTR_COOKIE)
 * holds that VMK_ReturnStatus as a native-endian u32.
 */
enum vmkapi_cmd {
	VMKAPI_CMD_UNSPEC,
	/* doit: VMKAPI_A_CORE (revision, counters).  No request attributes. */
	VMKAPI_CMD_CORE_GET = VMKAPI_CMD_CORE_FIRST,
	/*
	 * doit: VMKAPI_A_MODULE {ID or NAME}; dump: every registered module,
	 * the core itself ("vmkapi", ID 0) first.
	 */
	VMKAPI_CMD_MODULE_GET,
	/* dump only; filter: VMKAPI_A_HEAP {MODULE_ID or MODULE_NAME}. */
	VMKAPI_CMD_HEAP_GET,
	/*
	 * doit: VMKAPI_A_DEVICE {ADDRESS [, BUS]} or {ID}; dump: every device
	 * in creation order, so a parent always comes before its children
	 * (build the tree from PARENT_ID).
	 */
	VMKAPI_CMD_DEVICE_GET,
	/* doit: VMKAPI_A_DRIVER {NAME}; dump: every registered driver. */
	VMKAPI_CMD_DRIVER_GET,
	/*
	 * doit: VMKAPI_A_INTR {COOKIE}; dump: every live interrupt cookie;
	 * filter: VMKAPI_A_INTR {MODULE_ID}.
	 */
	VMKAPI_CMD_INTR_GET,
	/*
	 * doit: VMKAPI_A_LOG {MODULE_NAME or MODULE_ID, NAME}; dump: every
	 * log component; filter: VMKAPI_A_LOG {MODULE_NAME or MODULE_ID}.
	 */
	VMKAPI_CMD_LOG_GET,
	/* admin, doit: VMKAPI_A_LOG {MODULE_*, NAME, LEVEL}; replies as GET. */
	VMKAPI_CMD_LOG_SET,
	/*
	 * admin, doit, device lifecycle steps; request as DEVICE_GET's doit,
	 * reply: the device afterwards (VMKAPI_A_DEVICE).  A step the
	 * device's state does not allow fails (EOPNOTSUPP), as does one the
	 * driver's callback refused (the errno of its VMK status).
	 *   QUIESCE  started -> quiescent (the driver's quiesceDevice)
	 *   START    quiescent -> started (startDevice)
	 *   REMOVE   a logical device a driver registered: taken back from
	 *            its driver (subtree first) and removed by its registrar
	 *            (removeDevice).  A bus's own device (a PCI function) is
	 *            refused: its bus removes it (hot-unplug).
	 *   RESCAN   started: the driver's scanDevice runs now, and new
	 *            children whose identifier is bound are attached
	 */
	VMKAPI_CMD_DEVICE_QUIESCE,
	VMKAPI_CMD_DEVICE_START,
	VMKAPI_CMD_DEVICE_REMOVE,
	VMKAPI_CMD_DEVICE_RESCAN,
	/*
	 * dump only: the event rings, oldest first, one VMKAPI_A_EVENT per
	 * entry; filter: VMKAPI_A_EVENT {SOURCE (one module's ring), AFTER
	 * (only entries with SEQ > AFTER: pass the last SEQ seen to follow)}.
	 * New entries are also multicast to VMKAPI_GENL_MCGRP_EVENTS as
	 * VMKAPI_CMD_EVENT_NEW messages.
	 */
	VMKAPI_CMD_EVENTS_GET,
	/* kernel -> user only (multicast): one new event. */
	VMKAPI_CMD_EVENT_NEW,

	__VMKAPI_CMD_CORE_END,
	VMKAPI_CMD_CORE_LAST = __VMKAPI_CMD_CORE_END - 1,
};

/* Longest strings, NUL included (requests longer are refused). */
#define VMKAPI_GENL_NAME_LEN		32	/* module, heap, driver, log */
#define VMKAPI_GENL_BUS_LEN		32	/* bus type name */
#define VMKAPI_GENL_ADDRESS_LEN		512	/* device bus address */
#define VMKAPI_GENL_IDENTIFIER_LEN	64	/* device bus identifier */
#define VMKAPI_GENL_EVENT_OBJECT_LEN	64
#define VMKAPI_GENL_EVENT_TEXT_LEN	96

/*
 * Top-level attributes: one nest per object kind.  Inside a nest the
 * object's own enum applies (below).  u64 attributes are 64-bit aligned
 * with the nest's PAD attribute, as nla_put_u64_64bit does.
 */
enum vmkapi_attr {
	VMKAPI_A_UNSPEC,
	VMKAPI_A_CORE,		/* nest: enum vmkapi_core_attr */
	VMKAPI_A_MODULE,	/* nest: enum vmkapi_module_attr */
	VMKAPI_A_HEAP,		/* nest: enum vmkapi_heap_attr */
	VMKAPI_A_DEVICE,	/* nest: enum vmkapi_device_attr */
	VMKAPI_A_DRIVER,	/* nest: enum vmkapi_driver_attr */
	VMKAPI_A_INTR,		/* nest: enum vmkapi_intr_attr */
	VMKAPI_A_LOG,		/* nest: enum vmkapi_log_attr */
	VMKAPI_A_EVENT,		/* nest: enum vmkapi_event_attr */

	__VMKAPI_A_MAX,
	VMKAPI_A_MAX = __VMKAPI_A_MAX - 1,
};

enum vmkapi_core_attr {
	VMKAPI_CORE_A_UNSPEC,
	VMKAPI_CORE_A_PAD,
	VMKAPI_CORE_A_REVISION,		/* u32: VMKAPI_REVISION, packed */
	VMKAPI_CORE_A_REVISION_STRING,	/* string: "2.3.0.0" */
	VMKAPI_CORE_A_GENL_VERSION,	/* u32: VMKAPI_GENL_VERSION */
	VMKAPI_CORE_A_MODULES,		/* u32: registered modules, core included */
	VMKAPI_CORE_A_DEVICES,		/* u64: device objects not yet freed */
	VMKAPI_CORE_A_DRIVERS,		/* u64: driver objects not yet freed */
	VMKAPI_CORE_A_TRANSITIONS,	/* u64: lifecycle steps since load */
	VMKAPI_CORE_A_ILLEGAL,		/* u64: of which refused */

	__VMKAPI_CORE_A_MAX,
	VMKAPI_CORE_A_MAX = __VMKAPI_CORE_A_MAX - 1,
};

enum vmkapi_module_attr {
	VMKAPI_MODULE_A_UNSPEC,
	VMKAPI_MODULE_A_PAD,
	VMKAPI_MODULE_A_ID,		/* u32: vmk_ModuleID */
	VMKAPI_MODULE_A_NAME,		/* string */
	VMKAPI_MODULE_A_REVISION,	/* u32: the API revision it was built for */
	VMKAPI_MODULE_A_USE_COUNT,	/* u32 */
	VMKAPI_MODULE_A_RESOURCES,	/* u32: live objects it owns */
	VMKAPI_MODULE_A_DEFAULT_HEAP,	/* flag: vmk_ModuleSetHeapID was called */

	__VMKAPI_MODULE_A_MAX,
	VMKAPI_MODULE_A_MAX = __VMKAPI_MODULE_A_MAX - 1,
};

enum vmkapi_heap_attr {
	VMKAPI_HEAP_A_UNSPEC,
	VMKAPI_HEAP_A_PAD,
	VMKAPI_HEAP_A_ID,		/* u64: creation order, from 1 */
	VMKAPI_HEAP_A_NAME,		/* string */
	VMKAPI_HEAP_A_MODULE_ID,	/* u32: the owner (also a dump filter) */
	VMKAPI_HEAP_A_MODULE_NAME,	/* string (also a dump filter) */
	VMKAPI_HEAP_A_BYTES,		/* u64: charged now, headers included */
	VMKAPI_HEAP_A_PEAK,		/* u64 */
	VMKAPI_HEAP_A_MAX_BYTES,	/* u64: the heap's maximum */
	VMKAPI_HEAP_A_CACHED,		/* u64: freed blocks kept for reuse */
	VMKAPI_HEAP_A_ALLOCS,		/* u64 */
	VMKAPI_HEAP_A_FREES,		/* u64 */
	VMKAPI_HEAP_A_FAILURES,		/* u64 */

	__VMKAPI_HEAP_A_MAX,
	VMKAPI_HEAP_A_MAX = __VMKAPI_HEAP_A_MAX - 1,
};

/* VMKAPI_DEVICE_A_STATE */
enum vmkapi_device_state {
	VMKAPI_DEVICE_UNCLAIMED,	/* no driver */
	VMKAPI_DEVICE_QUIESCENT,	/* attached, not started */
	VMKAPI_DEVICE_STARTED,
	VMKAPI_DEVICE_REMOVED,
	__VMKAPI_DEVICE_STATE_MAX,
};

enum vmkapi_device_attr {
	VMKAPI_DEVICE_A_UNSPEC,
	VMKAPI_DEVICE_A_PAD,
	VMKAPI_DEVICE_A_ID,		/* u64: creation order, from 1 */
	VMKAPI_DEVICE_A_PARENT_ID,	/* u64: absent for a child of the root */
	VMKAPI_DEVICE_A_DEPTH,		/* u32: 0 for a child of the root */
	VMKAPI_DEVICE_A_BUS,		/* string: bus type ("pci", "logical") */
	VMKAPI_DEVICE_A_ADDRESS,	/* string: bus address */
	VMKAPI_DEVICE_A_IDENTIFIER,	/* string: bus identifier */
	VMKAPI_DEVICE_A_STATE,		/* u32: enum vmkapi_device_state */
	VMKAPI_DEVICE_A_FORGOTTEN,	/* flag: surprise-removed */
	VMKAPI_DEVICE_A_DRIVER,		/* string: attached driver, if any */
	VMKAPI_DEVICE_A_REGISTRAR,	/* string: driver that registered it */
	VMKAPI_DEVICE_A_CHILDREN,	/* u32 */
	VMKAPI_DEVICE_A_REFS,		/* u32: references handed out */

	__VMKAPI_DEVICE_A_MAX,
	VMKAPI_DEVICE_A_MAX = __VMKAPI_DEVICE_A_MAX - 1,
};

enum vmkapi_driver_attr {
	VMKAPI_DRIVER_A_UNSPEC,
	VMKAPI_DRIVER_A_PAD,
	VMKAPI_DRIVER_A_ID,		/* u64: registration order, from 1 */
	VMKAPI_DRIVER_A_NAME,		/* string */
	VMKAPI_DRIVER_A_MODULE_ID,	/* u32 */
	VMKAPI_DRIVER_A_MODULE_NAME,	/* string */
	VMKAPI_DRIVER_A_DEVICES,	/* u32: devices attached to it */
	VMKAPI_DRIVER_A_UNREGISTERING,	/* flag */

	__VMKAPI_DRIVER_A_MAX,
	VMKAPI_DRIVER_A_MAX = __VMKAPI_DRIVER_A_MAX - 1,
};

/*
 * Interrupt cookies.  Every interrupt delivered while the cookie is
 * enabled is counted once: COUNT = WOKEN + IGNORED + SPURIOUS.  The
 * histograms are arrays of u64 (length / 8 buckets): bucket 0 counts
 * durations of 0 ns, bucket k >= 1 those in [2^(k-1), 2^k) ns, the last
 * bucket everything longer.
 */
enum vmkapi_intr_attr {
	VMKAPI_INTR_A_UNSPEC,
	VMKAPI_INTR_A_PAD,
	VMKAPI_INTR_A_COOKIE,		/* u32: vmk_IntrCookie */
	VMKAPI_INTR_A_IRQ,		/* u32: the Linux irq */
	VMKAPI_INTR_A_MODULE_ID,	/* u32: owner (also a dump filter) */
	VMKAPI_INTR_A_MODULE_NAME,	/* string */
	VMKAPI_INTR_A_SHARED,		/* flag: a shared level-triggered line */
	VMKAPI_INTR_A_ENABLED,		/* flag */
	VMKAPI_INTR_A_HANDLERS,		/* nest of VMKAPI_INTR_HANDLER_A_NAME */
	VMKAPI_INTR_A_COUNT,		/* u64: delivered while enabled */
	VMKAPI_INTR_A_WOKEN,		/* u64: an acknowledge said VMK_OK */
	VMKAPI_INTR_A_IGNORED,		/* u64: claimed, no handler to run */
	VMKAPI_INTR_A_SPURIOUS,		/* u64: nobody's (VMK_NOT_THIS_DEVICE) */
	VMKAPI_INTR_A_GATED,		/* u64: delivered while disabled */
	VMKAPI_INTR_A_BAD_ACK,		/* u64: acknowledges with another status */
	VMKAPI_INTR_A_ACKS,		/* u64: acknowledge calls */
	VMKAPI_INTR_A_ACK_OVER_BUDGET,	/* u64: acknowledges over the budget */
	VMKAPI_INTR_A_ACK_BUDGET_NS,	/* u64: that budget */
	VMKAPI_INTR_A_HANDLER_RUNS,	/* u64 */
	VMKAPI_INTR_A_HANDLER_BLOCKED,	/* u64: handler runs that blocked */
	VMKAPI_INTR_A_ACK_HIST,		/* binary: u64[], acknowledge durations */
	VMKAPI_INTR_A_HANDLER_HIST,	/* binary: u64[], handler durations */
	VMKAPI_INTR_A_HANDLER_STEERED,	/* u64: runs sent to another CPU */

	__VMKAPI_INTR_A_MAX,
	VMKAPI_INTR_A_MAX = __VMKAPI_INTR_A_MAX - 1,
};

/* Inside VMKAPI_INTR_A_HANDLERS, one per registration. */
enum vmkapi_intr_handler_attr {
	VMKAPI_INTR_HANDLER_A_UNSPEC,
	VMKAPI_INTR_HANDLER_A_NAME,	/* string: the registration's name */

	__VMKAPI_INTR_HANDLER_A_MAX,
	VMKAPI_INTR_HANDLER_A_MAX = __VMKAPI_INTR_HANDLER_A_MAX - 1,
};

/* VMKAPI_LOG_A_THROTTLE: vmk_LogThrottleType */
enum vmkapi_log_throttle {
	VMKAPI_LOG_THROTTLE_NONE,
	VMKAPI_LOG_THROTTLE_COUNT,
	VMKAPI_LOG_THROTTLE_CUSTOM,
};

enum vmkapi_log_attr {
	VMKAPI_LOG_A_UNSPEC,
	VMKAPI_LOG_A_PAD,
	VMKAPI_LOG_A_ID,		/* u64: registration order, from 1 */
	VMKAPI_LOG_A_MODULE_ID,		/* u32 */
	VMKAPI_LOG_A_MODULE_NAME,	/* string */
	VMKAPI_LOG_A_NAME,		/* string: the component's name */
	VMKAPI_LOG_A_LEVEL,		/* s32, >= 0: higher is more verbose */
	VMKAPI_LOG_A_THROTTLE,		/* u32: enum vmkapi_log_throttle */
	VMKAPI_LOG_A_PRINTED,		/* u64: messages that reached printk */
	VMKAPI_LOG_A_THROTTLED,		/* u64: messages a throttle dropped */

	__VMKAPI_LOG_A_MAX,
	VMKAPI_LOG_A_MAX = __VMKAPI_LOG_A_MAX - 1,
};

enum vmkapi_event_attr {
	VMKAPI_EVENT_A_UNSPEC,
	VMKAPI_EVENT_A_PAD,
	VMKAPI_EVENT_A_SEQ,		/* u64: global, increasing */
	VMKAPI_EVENT_A_TIME_NS,		/* u64: CLOCK_MONOTONIC when recorded */
	VMKAPI_EVENT_A_KIND,		/* u32: enum vmkapi_event_kind */
	VMKAPI_EVENT_A_STATUS,		/* s32: VMK_ReturnStatus (0: VMK_OK) */
	VMKAPI_EVENT_A_STATUS_NAME,	/* string: the status's description */
	VMKAPI_EVENT_A_SOURCE,		/* string: module; filter: one ring */
	VMKAPI_EVENT_A_OBJECT,		/* string: device, heap, cookie, ... */
	VMKAPI_EVENT_A_TEXT,		/* string: one-line summary */
	VMKAPI_EVENT_A_AFTER,		/* u64, request only: SEQ > AFTER */

	__VMKAPI_EVENT_A_MAX,
	VMKAPI_EVENT_A_MAX = __VMKAPI_EVENT_A_MAX - 1,
};

#endif /* _UAPI_VMKAPI_GENL_H_ */
