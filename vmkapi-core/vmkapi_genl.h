/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the core: the generic netlink family "vmkapi" (genl.c) and the
 * families that carry their commands over it (mgmt.c).  Never included by
 * drivers.
 */
#ifndef _VMKAPI_CORE_GENL_H_
#define _VMKAPI_CORE_GENL_H_

#include <net/genetlink.h>

#include "uapi/vmkapi_genl.h"

/* genl.c: registered at core load, before any driver can load. */
extern struct genl_family vmk_core_genl_family;

/* Indexes into the family's multicast groups. */
enum vmk_core_genl_mcgrp {
	VMK_CORE_GENL_MCGRP_EVENTS,
	VMK_CORE_GENL_MCGRP_MGMT,
};

/*
 * mgmt.c: the vmk_Mgmt commands (numbers from VMKAPI_CMD_MGMT_FIRST, each
 * with its own policy).  genl.c appends them to the core's commands when it
 * registers the family.  Returns how many there are.
 */
int vmk_core_mgmt_genl_ops(const struct genl_ops **ops);

/*
 * mgmt.c: a netlink socket (@portid) was released; the management
 * sessions it held end.  Called in process context by genl.c's
 * NETLINK_URELEASE notifier.
 */
void vmk_core_mgmt_genl_release(u32 portid);

#endif /* _VMKAPI_CORE_GENL_H_ */
