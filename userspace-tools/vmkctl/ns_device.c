// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl device list|tree|show|quiesce|start|remove|rescan: the core's
 * device tree, and the lifecycle operations a user may ask for.
 */
#include <string.h>

#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

/* "started", or "started (forgotten)" for a device that is gone. */
static void vk_fmt_state(const struct vk_val *row, const struct vk_val *v,
			 char *buf, size_t len)
{
	const struct vk_val *forgotten = vk_get(row, "forgotten");

	vk_format_scalar(v, buf, len);
	if (forgotten && forgotten->kind == VK_BOOL && forgotten->b)
		strncat(buf, " (forgotten)", len - strlen(buf) - 1);
}

static const struct vk_col vk_device_cols[] = {
	{ "address", "Address", 0 },
	{ "bus", "Bus", 0 },
	{ "identifier", "Identifier", 0 },
	{ "state", "State", 0, vk_fmt_state },
	{ "driver", "Driver", 0 },
	{ "parent", "Parent", 0 },
};

static const struct vk_col vk_device_show_cols[] = {
	{ "address", "Address", 0 },
	{ "bus", "Bus", 0 },
	{ "identifier", "Identifier", 0 },
	{ "state", "State", 0 },
	{ "forgotten", "Forgotten", 0 },
	{ "driver", "Driver", 0 },
	{ "registrar", "Registered By", 0 },
	{ "parent", "Parent", 0 },
	{ "child_count", "Children", VK_COL_RIGHT },
	{ "refs", "References", VK_COL_RIGHT },
};

void vk_device_print_list(FILE *f, const struct vk_val *devs)
{
	vk_table_write(f, vk_device_cols, VK_ARRAY_SIZE(vk_device_cols), devs);
}

void vk_device_print_show(FILE *f, const struct vk_val *dev)
{
	vk_kv_write(f, vk_device_show_cols, VK_ARRAY_SIZE(vk_device_show_cols),
		    dev);
}

/* "pci 0000:00:04.0 [started] driver nedu" */
static void vk_device_label(const struct vk_val *node, char *buf, size_t len)
{
	char state[64];
	const char *drv = vk_get_str(node, "driver", "");

	if (!vk_get(node, "address")) {
		snprintf(buf, len, "%s", vk_get_str(node, "label", "?"));
		return;
	}
	vk_fmt_state(node, vk_get(node, "state"), state, sizeof(state));
	snprintf(buf, len, "%s %s [%s]%s%s", vk_get_str(node, "bus", "?"),
		 vk_get_str(node, "address", "?"), state,
		 drv[0] ? " driver " : "", drv);
}

void vk_device_print_tree(FILE *f, const struct vk_val *roots)
{
	/* The devices without a parent hang off the core's root device. */
	struct vk_val root = { .kind = VK_OBJECT };
	struct vk_val top = { .kind = VK_ARRAY };
	struct vk_val label = { .kind = VK_STR, .s = "root" };
	struct vk_val *items[1] = { &root };
	struct vk_val *vals[2] = { &label, (struct vk_val *)roots };
	char *keys[2] = { "label", "children" };

	root.items = vals;
	root.keys = keys;
	root.n = 2;
	top.items = items;
	top.n = 1;
	vk_tree_write(f, &top, "children", vk_device_label);
}

/*
 * The dump lists devices in creation order, so a parent always comes
 * before its children; each names its parent by ID (0: a child of the
 * root).  A device whose parent is not in the dump (removed meanwhile)
 * is shown under the root rather than dropped.
 */
static struct vk_val *vk_device_find(struct vk_val **devs, size_t n,
				     uint64_t id)
{
	size_t i;

	for (i = n; i-- > 0;)
		if (vk_get_uint(devs[i], "id", 0) == id)
			return devs[i];
	return NULL;
}

struct vk_val *vk_device_build_tree(struct vk_val *flat)
{
	struct vk_val *roots = vk_array();
	struct vk_val *parent;
	size_t i;

	for (i = 0; i < flat->n; i++) {
		struct vk_val *dev = flat->items[i];
		uint64_t pid = vk_get_uint(dev, "parent_id", 0);

		vk_set(dev, "children", vk_array());
		parent = pid ? vk_device_find(flat->items, i, pid) : NULL;
		vk_push(parent ? vk_get(parent, "children") : roots, dev);
	}
	/* The devices now belong to the tree. */
	flat->n = 0;
	return roots;
}

static const char *const vk_state_names[] = {
	[VMKAPI_DEVICE_UNCLAIMED] = "unclaimed",
	[VMKAPI_DEVICE_QUIESCENT] = "quiescent",
	[VMKAPI_DEVICE_STARTED] = "started",
	[VMKAPI_DEVICE_REMOVED] = "removed",
};

static const struct vk_field vk_device_fields[] = {
	{ VMKAPI_DEVICE_A_ID, "id", VK_A_U64 },
	{ VMKAPI_DEVICE_A_PARENT_ID, "parent_id", VK_A_U64 },
	{ VMKAPI_DEVICE_A_DEPTH, "depth", VK_A_U32 },
	{ VMKAPI_DEVICE_A_BUS, "bus", VK_A_STR },
	{ VMKAPI_DEVICE_A_ADDRESS, "address", VK_A_STR },
	{ VMKAPI_DEVICE_A_IDENTIFIER, "identifier", VK_A_STR },
	{ VMKAPI_DEVICE_A_STATE, "state", VK_A_ENUM, NULL, vk_state_names,
	  VK_ARRAY_SIZE(vk_state_names) },
	{ VMKAPI_DEVICE_A_FORGOTTEN, "forgotten", VK_A_FLAG },
	{ VMKAPI_DEVICE_A_DRIVER, "driver", VK_A_STR },
	{ VMKAPI_DEVICE_A_REGISTRAR, "registrar", VK_A_STR },
	{ VMKAPI_DEVICE_A_CHILDREN, "child_count", VK_A_U32 },
	{ VMKAPI_DEVICE_A_REFS, "refs", VK_A_U32 },
};

static const struct vk_schema vk_device_schema = {
	.top = VMKAPI_A_DEVICE,
	.maxattr = VMKAPI_DEVICE_A_MAX,
	.fields = vk_device_fields,
	.nfields = VK_ARRAY_SIZE(vk_device_fields),
};

static int vk_device_dump(struct vk_nl *nl, struct vk_val **devs,
			  const char *what)
{
	return vk_nl_dump(nl, VMKAPI_CMD_DEVICE_GET, &vk_device_schema, devs,
			  what);
}

/* A device command on one device, named by its address or its ID. */
static int vk_device_call(struct vk_nl *nl, uint8_t cmd, const char *address,
			  uint64_t id, struct vk_val *out, const char *what)
{
	struct nl_msg *msg = vk_nl_request(nl, cmd, false);
	struct nlattr *nest;

	nest = nla_nest_start(msg, VMKAPI_A_DEVICE | NLA_F_NESTED);
	if (address)
		nla_put_string(msg, VMKAPI_DEVICE_A_ADDRESS, address);
	else
		nla_put_u64(msg, VMKAPI_DEVICE_A_ID, id);
	nla_nest_end(msg, nest);
	return vk_nl_call(nl, msg, &vk_device_schema, out, what);
}

/* Give each device of @devs its parent's address ("parent", null at top). */
static void vk_device_parents(struct vk_val *devs)
{
	size_t i;

	for (i = 0; i < devs->n; i++) {
		uint64_t pid = vk_get_uint(devs->items[i], "parent_id", 0);
		struct vk_val *p = pid ? vk_device_find(devs->items, devs->n,
							 pid) : NULL;

		vk_set(devs->items[i], "parent",
		       p ? vk_str(vk_get_str(p, "address", "")) : vk_null());
	}
}

int vk_device_list(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *devs;
	int ret;

	ret = vk_device_dump(nl, &devs, "device list");
	if (!ret) {
		vk_device_parents(devs);
		vk_emit(stdout, inv->json, devs, vk_device_print_list);
	}
	vk_free(devs);
	return ret;
}

int vk_device_tree(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *devs, *roots;
	int ret;

	ret = vk_device_dump(nl, &devs, "device tree");
	if (!ret) {
		roots = vk_device_build_tree(devs);
		vk_emit(stdout, inv->json, roots, vk_device_print_tree);
		vk_free(roots);
	}
	vk_free(devs);
	return ret;
}

int vk_device_show(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *found = vk_array(), *parent = vk_array(), *dev;
	char what[600];
	uint64_t pid;
	int ret;

	snprintf(what, sizeof(what), "device show %s", inv->args[0]);
	ret = vk_device_call(nl, VMKAPI_CMD_DEVICE_GET, inv->args[0], 0, found,
			     what);
	if (!ret && found->n != 1) {
		fprintf(stderr, "vmkctl: %s: the kernel did not answer the device\n",
			what);
		ret = VK_EXIT_IO;
	}
	if (!ret) {
		dev = found->items[0];
		/* The parent's address; it may have gone meanwhile (null). */
		pid = vk_get_uint(dev, "parent_id", 0);
		if (pid)
			vk_device_call(nl, VMKAPI_CMD_DEVICE_GET, NULL, pid,
				       parent, NULL);
		vk_set(dev, "parent", parent->n ?
		       vk_str(vk_get_str(parent->items[0], "address", "")) :
		       vk_null());
		vk_emit(stdout, inv->json, dev, vk_device_print_show);
	}
	vk_free(parent);
	vk_free(found);
	return ret;
}

static const struct {
	const char *verb;
	uint8_t cmd;
	const char *done;
} vk_device_ops[] = {
	{ "quiesce", VMKAPI_CMD_DEVICE_QUIESCE, "quiesced" },
	{ "start", VMKAPI_CMD_DEVICE_START, "started" },
	{ "remove", VMKAPI_CMD_DEVICE_REMOVE, "removed" },
	{ "rescan", VMKAPI_CMD_DEVICE_RESCAN, "rescanned" },
};

/* quiesce, start, remove, rescan: the device afterwards is the answer. */
int vk_device_op(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *after = vk_array();
	unsigned int i;
	char what[600];
	int ret;

	for (i = 0; i < VK_ARRAY_SIZE(vk_device_ops); i++)
		if (!strcmp(vk_device_ops[i].verb, inv->cmd->verb))
			break;
	if (i == VK_ARRAY_SIZE(vk_device_ops))
		return VK_EXIT_USAGE;
	snprintf(what, sizeof(what), "device %s %s", inv->cmd->verb,
		 inv->args[0]);
	ret = vk_device_call(nl, vk_device_ops[i].cmd, inv->args[0], 0, after,
			     what);
	if (!ret) {
		struct vk_val *dev = after->n ? after->items[0] : NULL;

		if (inv->json && dev)
			vk_json_write(stdout, dev, true);
		else if (inv->json)
			puts("{}");
		else if (dev)
			printf("device %s: %s; state %s\n", inv->args[0],
			       vk_device_ops[i].done,
			       vk_get_str(dev, "state", "?"));
		else
			printf("device %s: %s\n", inv->args[0],
			       vk_device_ops[i].done);
	}
	vk_free(after);
	return ret;
}
