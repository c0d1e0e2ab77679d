/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The driver management API (vmk_Mgmt*) over the "vmkapi" generic netlink
 * family: the commands libvmkmgmt sends and the kernel's notifications.
 * Command numbers start at VMKAPI_CMD_MGMT_FIRST; the attribute space is
 * this file's own (every command here has its own policy).
 *
 * Terms: a "handle" is one vmk_MgmtInit (one API signature served by one
 * module), known to user space by a u32 id that is never reused while the
 * core is loaded.  A "session" is one vmk_MgmtUserInit: it belongs to the
 * netlink socket that sent VMKAPI_CMD_MGMT_OPEN and ends when that socket
 * is closed (or with VMKAPI_CMD_MGMT_CLOSE).
 *
 * Permissions: listing (LIST, INSTANCES, KEY_LIST) is open to everyone;
 * whatever runs driver code (OPEN runs sessionAnnounceFn, INVOKE a
 * callback, KEY_GET/KEY_SET a key's functions) needs CAP_NET_ADMIN.
 */
#ifndef _UAPI_VMKAPI_MGMT_GENL_H_
#define _UAPI_VMKAPI_MGMT_GENL_H_

#include <linux/types.h>

#include "vmkapi_genl.h"

enum vmkapi_mgmt_cmd {
	/*
	 * Dump: one message per handle (HANDLE, NAME, VENDOR, VERSION,
	 * MODULE, NUM_CALLBACKS, NUM_SESSIONS, NUM_INSTANCES, NUM_KEYS).
	 * With NAME (and optionally VENDOR) as a filter on a "do", the one
	 * matching handle.
	 */
	VMKAPI_CMD_MGMT_LIST = VMKAPI_CMD_MGMT_FIRST,
	/* Do: HANDLE -> HANDLE and one INSTANCE_ENTRY nest per instance. */
	VMKAPI_CMD_MGMT_INSTANCES,
	/*
	 * Do (admin): NAME, VENDOR (absent or empty: any), VERSION, and
	 * the caller's table as CALLBACK_TABLE; -> HANDLE, SESSION, NAME,
	 * VENDOR, VERSION (the kernel's).  The session belongs to the
	 * socket that sent this.  The kernel refuses a
	 * signature whose major.minor differ or whose table does not match.
	 */
	VMKAPI_CMD_MGMT_OPEN,
	/* Do (admin): HANDLE, SESSION.  Ends the session now. */
	VMKAPI_CMD_MGMT_CLOSE,
	/*
	 * Do (admin): HANDLE, SESSION, INSTANCE, CALLBACK, PARMS -> STATUS
	 * (what the callback returned) and PARMS holding the OUT and INOUT
	 * parameters (vectors too) once a synchronous callback ran; an
	 * asynchronous one is only queued and the answer has no PARMS.
	 */
	VMKAPI_CMD_MGMT_INVOKE,
	/*
	 * Kernel -> user (vmk_MgmtCallbackInvoke): HANDLE, SESSION (0 when
	 * sent to every session), INSTANCE, CALLBACK, PARMS.  Unicast to the
	 * socket that opened the session (to each session's, for all).
	 */
	VMKAPI_CMD_MGMT_CALLBACK,
	/* Do: HANDLE -> one KEY_ENTRY nest (KEY_NAME, KEY_TYPE) per key. */
	VMKAPI_CMD_MGMT_KEY_LIST,
	/* Do (admin): HANDLE, KEY_NAME -> KEY_TYPE, KEY_VALUE. */
	VMKAPI_CMD_MGMT_KEY_GET,
	/* Do (admin): HANDLE, KEY_NAME, KEY_VALUE. */
	VMKAPI_CMD_MGMT_KEY_SET,

	__VMKAPI_CMD_MGMT_END,
};

#define VMKAPI_CMD_MGMT_LAST	(__VMKAPI_CMD_MGMT_END - 1)

enum vmkapi_mgmt_attr {
	VMKAPI_MGMT_ATTR_UNSPEC,
	VMKAPI_MGMT_ATTR_PAD,
	VMKAPI_MGMT_ATTR_HANDLE,	/* u32 */
	VMKAPI_MGMT_ATTR_NAME,		/* string, < 32 bytes (vmk_Name) */
	VMKAPI_MGMT_ATTR_VENDOR,	/* string, < 32 bytes */
	VMKAPI_MGMT_ATTR_VERSION,	/* u32: a vmk_revnum */
	VMKAPI_MGMT_ATTR_MODULE,	/* string: the owning module */
	VMKAPI_MGMT_ATTR_NUM_CALLBACKS,	/* u32 */
	VMKAPI_MGMT_ATTR_NUM_SESSIONS,	/* u32 */
	VMKAPI_MGMT_ATTR_NUM_INSTANCES,	/* u32 */
	VMKAPI_MGMT_ATTR_NUM_KEYS,	/* u32 */
	VMKAPI_MGMT_ATTR_SESSION,	/* u64: vmk_MgmtSessionID, never 0 */
	VMKAPI_MGMT_ATTR_INSTANCE,	/* u64: vmk_MgmtInstanceID, 0: none */
	VMKAPI_MGMT_ATTR_INSTANCE_NAME,	/* string, < 32 bytes */
	VMKAPI_MGMT_ATTR_INSTANCE_ENTRY, /* nest: INSTANCE, INSTANCE_NAME */
	VMKAPI_MGMT_ATTR_CALLBACK,	/* u64: a callbackId */
	/*
	 * Nest of VMKAPI_MGMT_PARM_1..4 (binary), parameter i as type i.
	 * IN/INOUT: the bytes; VECTOR_IN/INOUT: the vector's bytes (a
	 * multiple of the unit size); VECTOR_OUT in a request: a u64, the
	 * capacity in bytes the caller has room for.
	 */
	VMKAPI_MGMT_ATTR_PARMS,
	VMKAPI_MGMT_ATTR_STATUS,	/* u32: the callback's VMK_ReturnStatus */
	/* binary: an array of struct vmkapi_mgmt_cb_desc, one per callback */
	VMKAPI_MGMT_ATTR_CALLBACK_TABLE,
	VMKAPI_MGMT_ATTR_KEY_ENTRY,	/* nest: KEY_NAME, KEY_TYPE */
	VMKAPI_MGMT_ATTR_KEY_NAME,	/* string, < 32 bytes */
	VMKAPI_MGMT_ATTR_KEY_TYPE,	/* u32: vmk_MgmtKeyType */
	/* LONG: an s64 (8 bytes); STRING: a NUL-terminated string <= 4096. */
	VMKAPI_MGMT_ATTR_KEY_VALUE,

	__VMKAPI_MGMT_ATTR_MAX,
};

#define VMKAPI_MGMT_ATTR_MAX	(__VMKAPI_MGMT_ATTR_MAX - 1)

/* Attribute types inside VMKAPI_MGMT_ATTR_PARMS. */
#define VMKAPI_MGMT_PARM_1	1
#define VMKAPI_MGMT_PARM_MAX	4	/* VMK_MGMT_MAX_CALLBACK_PARMS */

/*
 * The largest parameter (fixed or a whole vector) one netlink attribute
 * carries: its length field is 16 bits.
 */
#define VMKAPI_MGMT_PARM_SIZE_MAX	65000

/*
 * One callback of the caller's signature, as OPEN compares it with the
 * kernel's: the table must agree on every field but the function pointer.
 */
struct vmkapi_mgmt_cb_desc {
	__u64 callback_id;
	__u32 location;		/* vmk_MgmtCallbackLocation */
	__u32 synchronous;
	__u32 num_parms;
	__u32 parm_sizes[4];
	__u32 parm_types[4];	/* vmk_MgmtParmType */
	__u32 pad;
};

#endif /* _UAPI_VMKAPI_MGMT_GENL_H_ */
