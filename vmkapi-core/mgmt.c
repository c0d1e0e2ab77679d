// SPDX-License-Identifier: GPL-2.0
/*
 * The driver management API (reference section 21): a driver's API
 * signature served over the core's generic netlink family "vmkapi".
 * genl.c registers the family and appends the commands listed here.
 */
#include "vmkapi_core.h"
#include "vmkapi_genl.h"

#include "uapi/vmkapi_mgmt_genl.h"

/*
 * The vmk_Mgmt commands, appended by genl.c to the core's own.  None yet:
 * they arrive with the rest of the family.
 */
int vmk_core_mgmt_genl_ops(const struct genl_ops **ops)
{
	*ops = NULL;
	return 0;
}

/* A netlink socket was released: the sessions it held end. */
void vmk_core_mgmt_genl_release(u32 portid)
{
}
