// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl module list: the modules registered with the core.
 */
#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

static const struct vk_col vk_module_cols[] = {
	{ "id", "ID", VK_COL_RIGHT },
	{ "name", "Name", 0 },
	{ "revision", "API Revision", 0 },
	{ "use_count", "Use Count", VK_COL_RIGHT },
	{ "resources", "Resources", VK_COL_RIGHT },
	{ "default_heap", "Default Heap", 0 },
};

void vk_module_print(FILE *f, const struct vk_val *mods)
{
	vk_table_write(f, vk_module_cols, VK_ARRAY_SIZE(vk_module_cols), mods);
}

static const struct vk_field vk_module_fields[] = {
	{ VMKAPI_MODULE_A_ID, "id", VK_A_U32 },
	{ VMKAPI_MODULE_A_NAME, "name", VK_A_STR },
	{ VMKAPI_MODULE_A_REVISION, "revision", VK_A_REVISION },
	{ VMKAPI_MODULE_A_USE_COUNT, "use_count", VK_A_U32 },
	{ VMKAPI_MODULE_A_RESOURCES, "resources", VK_A_U32 },
	{ VMKAPI_MODULE_A_DEFAULT_HEAP, "default_heap", VK_A_FLAG },
};

static const struct vk_schema vk_module_schema = {
	.top = VMKAPI_A_MODULE,
	.maxattr = VMKAPI_MODULE_A_MAX,
	.fields = vk_module_fields,
	.nfields = VK_ARRAY_SIZE(vk_module_fields),
};

int vk_module_list(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *mods;
	int ret;

	ret = vk_nl_dump(nl, VMKAPI_CMD_MODULE_GET, &vk_module_schema, &mods,
			 "module list");
	if (!ret)
		vk_emit(stdout, inv->json, mods, vk_module_print);
	vk_free(mods);
	return ret;
}
