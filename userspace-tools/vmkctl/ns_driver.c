// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl driver list: the drivers registered with the device manager.
 */
#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

static const struct vk_col vk_driver_cols[] = {
	{ "name", "Name", 0 },
	{ "module", "Module", 0 },
	{ "module_id", "Module ID", VK_COL_RIGHT },
	{ "devices", "Devices", VK_COL_RIGHT },
	{ "unregistering", "Unregistering", 0 },
};

void vk_driver_print(FILE *f, const struct vk_val *drvs)
{
	vk_table_write(f, vk_driver_cols, VK_ARRAY_SIZE(vk_driver_cols), drvs);
}

static const struct vk_field vk_driver_fields[] = {
	{ VMKAPI_DRIVER_A_ID, "id", VK_A_U64 },
	{ VMKAPI_DRIVER_A_NAME, "name", VK_A_STR },
	{ VMKAPI_DRIVER_A_MODULE_ID, "module_id", VK_A_U32 },
	{ VMKAPI_DRIVER_A_MODULE_NAME, "module", VK_A_STR },
	{ VMKAPI_DRIVER_A_DEVICES, "devices", VK_A_U32 },
	{ VMKAPI_DRIVER_A_UNREGISTERING, "unregistering", VK_A_FLAG },
};

static const struct vk_schema vk_driver_schema = {
	.top = VMKAPI_A_DRIVER,
	.maxattr = VMKAPI_DRIVER_A_MAX,
	.fields = vk_driver_fields,
	.nfields = VK_ARRAY_SIZE(vk_driver_fields),
};

int vk_driver_list(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *drvs;
	int ret;

	ret = vk_nl_dump(nl, VMKAPI_CMD_DRIVER_GET, &vk_driver_schema, &drvs,
			 "driver list");
	if (!ret)
		vk_emit(stdout, inv->json, drvs, vk_driver_print);
	vk_free(drvs);
	return ret;
}
