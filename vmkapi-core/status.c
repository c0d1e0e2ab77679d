// SPDX-License-Identifier: GPL-2.0
/*
 * Status codes: descriptions and the errno pairing, both generated from
 * the one table in include/vmkapi_status_table.h.
 */
#include "vmkapi_core.h"

#include <linux/errno.h>

struct vmk_status_info {
	const char *description;
	int errno_value;
};

/*
 * Indexed by position in the table, which is also value - base; the
 * pinned VMK_GENERIC_LINUX_ERROR sits just past the sequential codes.
 */
#define VMK_STATUS_LAST_INDEX	VMK_STATUS_COUNT
static const struct vmk_status_info vmk_status_infos[] = {
#define VMK_STATUS_ENTRY(name, errno_name, desc) \
	[name##_INDEX] = { desc, errno_name },
#define VMK_STATUS_LAST_ENTRY(name, errno_name, desc) \
	[VMK_STATUS_LAST_INDEX] = { desc, errno_name },
#include "vmkapi_status_table.h"
#undef VMK_STATUS_ENTRY
#undef VMK_STATUS_LAST_ENTRY
};

static_assert(ARRAY_SIZE(vmk_status_infos) == VMK_STATUS_COUNT + 1);
static_assert(VMK_OK == 0);
static_assert(VMK_FAILURE == 0x0bad0001);

static const struct vmk_status_info *vmk_status_lookup(VMK_ReturnStatus status)
{
	unsigned long value = (unsigned int)status;

	if (status == VMK_OK)
		return &vmk_status_infos[0];
	if (status == VMK_GENERIC_LINUX_ERROR)
		return &vmk_status_infos[VMK_STATUS_LAST_INDEX];
	if (value > VMK_STATUS_BASE && value < VMK_STATUS_BASE + VMK_STATUS_COUNT)
		return &vmk_status_infos[value - VMK_STATUS_BASE];
	return NULL;
}

const char *vmk_StatusToString(VMK_ReturnStatus status)
{
	const struct vmk_status_info *info = vmk_status_lookup(status);

	return info ? info->description : "unknown status";
}
VMKAPI_EXPORT(vmk_StatusToString);

int vmk_StatusToErrno(VMK_ReturnStatus status)
{
	const struct vmk_status_info *info = vmk_status_lookup(status);

	return info ? info->errno_value : EINVAL;
}
VMKAPI_EXPORT(vmk_StatusToErrno);

unsigned int vmk_core_status_count(void)
{
	/* The sequential table plus the pinned generic Linux error. */
	return VMK_STATUS_COUNT + 1;
}
