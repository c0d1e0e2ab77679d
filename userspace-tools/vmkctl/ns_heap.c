// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl heap list: every heap with its owner and statistics.
 */
#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

static const struct vk_col vk_heap_cols[] = {
	{ "module", "Module", 0 },
	{ "name", "Name", 0 },
	{ "bytes", "Bytes", VK_COL_RIGHT },
	{ "peak", "Peak", VK_COL_RIGHT },
	{ "max", "Max", VK_COL_RIGHT },
	{ "cached", "Cached", VK_COL_RIGHT },
	{ "allocs", "Allocs", VK_COL_RIGHT },
	{ "frees", "Frees", VK_COL_RIGHT },
	{ "failures", "Failures", VK_COL_RIGHT },
};

void vk_heap_print(FILE *f, const struct vk_val *heaps)
{
	vk_table_write(f, vk_heap_cols, VK_ARRAY_SIZE(vk_heap_cols), heaps);
}

static const struct vk_field vk_heap_fields[] = {
	{ VMKAPI_HEAP_A_ID, "id", VK_A_U64 },
	{ VMKAPI_HEAP_A_NAME, "name", VK_A_STR },
	{ VMKAPI_HEAP_A_MODULE_ID, "module_id", VK_A_U32 },
	{ VMKAPI_HEAP_A_MODULE_NAME, "module", VK_A_STR },
	{ VMKAPI_HEAP_A_BYTES, "bytes", VK_A_U64 },
	{ VMKAPI_HEAP_A_PEAK, "peak", VK_A_U64 },
	{ VMKAPI_HEAP_A_MAX_BYTES, "max", VK_A_U64 },
	{ VMKAPI_HEAP_A_CACHED, "cached", VK_A_U64 },
	{ VMKAPI_HEAP_A_ALLOCS, "allocs", VK_A_U64 },
	{ VMKAPI_HEAP_A_FREES, "frees", VK_A_U64 },
	{ VMKAPI_HEAP_A_FAILURES, "failures", VK_A_U64 },
};

static const struct vk_schema vk_heap_schema = {
	.top = VMKAPI_A_HEAP,
	.maxattr = VMKAPI_HEAP_A_MAX,
	.fields = vk_heap_fields,
	.nfields = VK_ARRAY_SIZE(vk_heap_fields),
};

int vk_heap_list(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *heaps;
	int ret;

	ret = vk_nl_dump(nl, VMKAPI_CMD_HEAP_GET, &vk_heap_schema, &heaps,
			 "heap list");
	if (!ret)
		vk_emit(stdout, inv->json, heaps, vk_heap_print);
	vk_free(heaps);
	return ret;
}
