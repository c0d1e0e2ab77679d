// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl log get|set: log components and their run-time levels.
 */
#include <stdlib.h>
#include <string.h>

#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

static const struct vk_col vk_log_cols[] = {
	{ "module", "Module", 0 },
	{ "component", "Component", 0 },
	{ "level", "Level", VK_COL_RIGHT },
	{ "throttle", "Throttle", 0 },
	{ "printed", "Printed", VK_COL_RIGHT },
	{ "throttled", "Throttled", VK_COL_RIGHT },
};

void vk_log_print(FILE *f, const struct vk_val *comps)
{
	vk_table_write(f, vk_log_cols, VK_ARRAY_SIZE(vk_log_cols), comps);
}

static const char *const vk_throttle_names[] = {
	[VMKAPI_LOG_THROTTLE_NONE] = "none",
	[VMKAPI_LOG_THROTTLE_COUNT] = "count",
	[VMKAPI_LOG_THROTTLE_CUSTOM] = "custom",
};

static const struct vk_field vk_log_fields[] = {
	{ VMKAPI_LOG_A_ID, "id", VK_A_U64 },
	{ VMKAPI_LOG_A_MODULE_ID, "module_id", VK_A_U32 },
	{ VMKAPI_LOG_A_MODULE_NAME, "module", VK_A_STR },
	{ VMKAPI_LOG_A_NAME, "component", VK_A_STR },
	{ VMKAPI_LOG_A_LEVEL, "level", VK_A_S32 },
	{ VMKAPI_LOG_A_THROTTLE, "throttle", VK_A_ENUM, NULL,
	  vk_throttle_names, VK_ARRAY_SIZE(vk_throttle_names) },
	{ VMKAPI_LOG_A_PRINTED, "printed", VK_A_U64 },
	{ VMKAPI_LOG_A_THROTTLED, "throttled", VK_A_U64 },
};

static const struct vk_schema vk_log_schema = {
	.top = VMKAPI_A_LOG,
	.maxattr = VMKAPI_LOG_A_MAX,
	.fields = vk_log_fields,
	.nfields = VK_ARRAY_SIZE(vk_log_fields),
};

/* A request naming a module and, if given, a component (and a level). */
static struct nl_msg *vk_log_request(struct vk_nl *nl, uint8_t cmd, bool dump,
				     const struct vk_inv *inv)
{
	struct nl_msg *msg = vk_nl_request(nl, cmd, dump);
	struct nlattr *nest;

	if (!inv->nargs)
		return msg;
	nest = nla_nest_start(msg, VMKAPI_A_LOG | NLA_F_NESTED);
	nla_put_string(msg, VMKAPI_LOG_A_MODULE_NAME, inv->args[0]);
	if (inv->nargs > 1)
		nla_put_string(msg, VMKAPI_LOG_A_NAME, inv->args[1]);
	if (inv->nargs > 2)
		nla_put_u32(msg, VMKAPI_LOG_A_LEVEL, atoi(inv->args[2]));
	nla_nest_end(msg, nest);
	return msg;
}

/*
 * log get: every component, those of one module (a filtered dump), or
 * one component (a get).  Always a list, so scripts read one shape.
 */
int vk_log_get(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *comps = vk_array();
	char what[160];
	int ret;

	snprintf(what, sizeof(what), "log get%s%s%s%s",
		 inv->nargs > 0 ? " " : "", inv->nargs > 0 ? inv->args[0] : "",
		 inv->nargs > 1 ? " " : "", inv->nargs > 1 ? inv->args[1] : "");
	ret = vk_nl_call(nl, vk_log_request(nl, VMKAPI_CMD_LOG_GET,
					    inv->nargs < 2, inv),
			 &vk_log_schema, comps, what);
	if (!ret)
		vk_emit(stdout, inv->json, comps, vk_log_print);
	vk_free(comps);
	return ret;
}

/* log set: the component afterwards, as one object (or one table row). */
int vk_log_set(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *comps = vk_array();
	char what[160];
	int ret;

	snprintf(what, sizeof(what), "log set %s %s %s", inv->args[0],
		 inv->args[1], inv->args[2]);
	ret = vk_nl_call(nl, vk_log_request(nl, VMKAPI_CMD_LOG_SET, false, inv),
			 &vk_log_schema, comps, what);
	if (!ret && comps->n != 1) {
		fprintf(stderr, "vmkctl: %s: the kernel did not answer the component\n",
			what);
		ret = VK_EXIT_IO;
	}
	if (!ret && inv->json)
		vk_json_write(stdout, comps->items[0], true);
	else if (!ret)
		vk_log_print(stdout, comps);
	vk_free(comps);
	return ret;
}
