// SPDX-License-Identifier: GPL-2.0
/*
 * Service accounting: only the IDs of the well-known services exist (CPU
 * time is accounted by Linux to the threads that do the work).  The ID
 * of a service is its index in the table plus one, so 0 is never valid.
 */
#include "vmkapi_core.h"

static const char *const vmk_services[] = {
	VMK_SERVICE_ACCT_NAME_KERNEL,
	VMK_SERVICE_ACCT_NAME_SCSI,
	VMK_SERVICE_ACCT_NAME_NET,
};

VMK_ReturnStatus vmk_ServiceGetID(const char *name,
				  vmk_ServiceAcctID *serviceID)
{
	unsigned int i;

	if (!name || !serviceID) {
		vmk_core_bad_arg("NULL %s", name ? "serviceID" : "name");
		return VMK_BAD_PARAM;
	}
	for (i = 0; i < ARRAY_SIZE(vmk_services); i++) {
		if (!strcmp(name, vmk_services[i])) {
			*serviceID = i + 1;
			return VMK_OK;
		}
	}
	return VMK_INVALID_NAME;
}
VMKAPI_EXPORT(vmk_ServiceGetID);

/* For the families that take an ID: one vmk_ServiceGetID gave. */
bool vmk_core_service_id_valid(vmk_ServiceAcctID id)
{
	return id >= 1 && id <= ARRAY_SIZE(vmk_services);
}
