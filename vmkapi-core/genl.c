// SPDX-License-Identifier: GPL-2.0
/*
 * The core's generic netlink family, "vmkapi": what vmkctl and the
 * management library speak (uapi/vmkapi_genl.h).  This file holds the
 * family itself (registration, the command table with the vmk_Mgmt
 * commands appended, the socket-release notifier, the event multicast)
 * and the commands on the core, modules, heaps, log components and the
 * event ring; genl_dev.c has devices, drivers and interrupt cookies.
 *
 * Every request is parsed strictly against a per-command policy, so a
 * handler only ever sees attributes of the right type and size; what a
 * policy cannot say (unknown names, two ways to name one module) is
 * refused with an extended-ack message.  The family runs its commands
 * in parallel (no genl_mutex): a device step calls into a driver, which
 * may take long, and every reader here takes its own locks.
 *
 * Dumps resume by key: each object kind has a stable order (module ID,
 * creation or registration serial, cookie ID, event seq) and cb->args[0]
 * keeps the key to resume from, so objects that come and go between two
 * messages of a dump neither repeat nor shift the rest.
 */
#include "vmkapi_core.h"
#include "genl_int.h"

#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>

/* Events read per batch, by dumps and by the multicast. */
#define VMK_GENL_EVENT_BATCH	16

static const struct genl_multicast_group vmk_genl_mcgrps[] = {
	[VMK_CORE_GENL_MCGRP_EVENTS] = { .name = VMKAPI_GENL_MCGRP_EVENTS },
	[VMK_CORE_GENL_MCGRP_MGMT] = { .name = VMKAPI_GENL_MCGRP_MGMT },
};

/* ops, n_ops: set at init (the core's, then the vmk_Mgmt ones). */
struct genl_family vmk_core_genl_family = {
	.name = VMKAPI_GENL_NAME,
	.version = VMKAPI_GENL_VERSION,
	.module = THIS_MODULE,
	.parallel_ops = true,
	.mcgrps = vmk_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vmk_genl_mcgrps),
};

/* --- helpers shared with genl_dev.c ------------------------------------ */

static int vmk_genl_put_msg(struct sk_buff *skb, u32 portid, u32 seq,
			    int flags, u8 cmd, vmk_genl_fill_t fill,
			    const void *obj)
{
	void *hdr;
	int err;

	hdr = genlmsg_put(skb, portid, seq, &vmk_core_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	err = fill(skb, obj);
	if (err) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int vmk_genl_reply(struct genl_info *info, vmk_genl_fill_t fill,
		   const void *obj)
{
	struct sk_buff *skb;
	int err;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	err = vmk_genl_put_msg(skb, info->snd_portid, info->snd_seq, 0,
			       info->genlhdr->cmd, fill, obj);
	if (err) {
		nlmsg_free(skb);
		NL_SET_ERR_MSG(info->extack, "reply does not fit a message");
		return err;
	}
	return genlmsg_reply(skb, info);
}

int vmk_genl_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
		      vmk_genl_fill_t fill, const void *obj)
{
	const struct genlmsghdr *ghdr = nlmsg_data(cb->nlh);

	return vmk_genl_put_msg(skb, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, NLM_F_MULTI, ghdr->cmd,
				fill, obj);
}

int vmk_genl_dump_done(struct sk_buff *skb, int err)
{
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

int vmk_genl_dump_filter(struct netlink_callback *cb, int attr,
			 const struct nla_policy *policy, int maxattr,
			 struct nlattr **tb)
{
	const struct nlattr *nest;

	memset(tb, 0, (maxattr + 1) * sizeof(*tb));
	nest = nlmsg_find_attr(cb->nlh, GENL_HDRLEN, attr);
	if (!nest)
		return 0;
	return nla_parse_nested(tb, maxattr, nest, policy, cb->extack);
}

int vmk_genl_doit_nest(struct genl_info *info, int attr,
		       const struct nla_policy *policy, int maxattr,
		       struct nlattr **tb)
{
	if (!info->attrs[attr]) {
		NL_SET_ERR_MSG(info->extack,
			       "the request names no object: its nest is missing");
		return -EINVAL;
	}
	return nla_parse_nested(tb, maxattr, info->attrs[attr], policy,
				info->extack);
}

int vmk_genl_module_arg(struct nlattr **tb, int id_attr, int name_attr,
			struct netlink_ext_ack *extack, vmk_ModuleID *id,
			bool *given)
{
	*given = tb[id_attr] || tb[name_attr];
	if (!*given)
		return 0;
	if (tb[id_attr] && tb[name_attr]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[name_attr],
				    "give the module by ID or by name, not both");
		return -EINVAL;
	}
	if (tb[id_attr]) {
		*id = nla_get_u32(tb[id_attr]);
		if (!vmk_core_module_is_registered(*id)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[id_attr],
					    "no module is registered with this ID");
			return -ENOENT;
		}
		return 0;
	}
	*id = vmk_ModuleGetID(nla_data(tb[name_attr]));
	if (*id == VMK_INVALID_MODULE_ID) {
		NL_SET_ERR_MSG_ATTR(extack, tb[name_attr],
				    "no module is registered with this name");
		return -ENOENT;
	}
	return 0;
}

void vmk_genl_module_name(vmk_ModuleID id, char *buf, size_t len)
{
	if (vmk_core_module_name(id, buf, len))
		buf[0] = '\0';
}

/* --- policies ------------------------------------------------------------ */

/* Not const: 6.1's policy points at a mutable range. */
static struct netlink_range_validation vmk_genl_module_id_range = {
	.max = S32_MAX,
};

/* Commands without request attributes: everything is refused. */
static const struct nla_policy vmk_genl_none_req[VMKAPI_A_MAX + 1] = {};

static const struct nla_policy vmk_genl_module_policy[VMKAPI_MODULE_A_MAX + 1] = {
	[VMKAPI_MODULE_A_ID] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &vmk_genl_module_id_range),
	[VMKAPI_MODULE_A_NAME] = { .type = NLA_NUL_STRING,
				   .len = VMK_GENL_NAME_MAX },
};

static const struct nla_policy vmk_genl_module_req[VMKAPI_A_MAX + 1] = {
	[VMKAPI_A_MODULE] = NLA_POLICY_NESTED(vmk_genl_module_policy),
};

static const struct nla_policy vmk_genl_heap_policy[VMKAPI_HEAP_A_MAX + 1] = {
	[VMKAPI_HEAP_A_MODULE_ID] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &vmk_genl_module_id_range),
	[VMKAPI_HEAP_A_MODULE_NAME] = { .type = NLA_NUL_STRING,
					.len = VMK_GENL_NAME_MAX },
};

static const struct nla_policy vmk_genl_heap_req[VMKAPI_A_MAX + 1] = {
	[VMKAPI_A_HEAP] = NLA_POLICY_NESTED(vmk_genl_heap_policy),
};

static const struct nla_policy vmk_genl_log_get_policy[VMKAPI_LOG_A_MAX + 1] = {
	[VMKAPI_LOG_A_MODULE_ID] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &vmk_genl_module_id_range),
	[VMKAPI_LOG_A_MODULE_NAME] = { .type = NLA_NUL_STRING,
				       .len = VMK_GENL_NAME_MAX },
	[VMKAPI_LOG_A_NAME] = { .type = NLA_NUL_STRING,
				.len = VMK_GENL_NAME_MAX },
};

static const struct nla_policy vmk_genl_log_get_req[VMKAPI_A_MAX + 1] = {
	[VMKAPI_A_LOG] = NLA_POLICY_NESTED(vmk_genl_log_get_policy),
};

static const struct nla_policy vmk_genl_log_set_policy[VMKAPI_LOG_A_MAX + 1] = {
	[VMKAPI_LOG_A_MODULE_ID] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &vmk_genl_module_id_range),
	[VMKAPI_LOG_A_MODULE_NAME] = { .type = NLA_NUL_STRING,
				       .len = VMK_GENL_NAME_MAX },
	[VMKAPI_LOG_A_NAME] = { .type = NLA_NUL_STRING,
				.len = VMK_GENL_NAME_MAX },
	[VMKAPI_LOG_A_LEVEL] = NLA_POLICY_MIN(NLA_S32, 0),
};

static const struct nla_policy vmk_genl_log_set_req[VMKAPI_A_MAX + 1] = {
	[VMKAPI_A_LOG] = NLA_POLICY_NESTED(vmk_genl_log_set_policy),
};

static const struct nla_policy vmk_genl_event_policy[VMKAPI_EVENT_A_MAX + 1] = {
	[VMKAPI_EVENT_A_SOURCE] = { .type = NLA_NUL_STRING,
				    .len = VMK_GENL_NAME_MAX },
	[VMKAPI_EVENT_A_AFTER] = { .type = NLA_U64 },
};

static const struct nla_policy vmk_genl_event_req[VMKAPI_A_MAX + 1] = {
	[VMKAPI_A_EVENT] = NLA_POLICY_NESTED(vmk_genl_event_policy),
};

/* --- core ------------------------------------------------------------------ */

static int vmk_genl_fill_core(struct sk_buff *skb, const void *obj)
{
	struct vmk_core_devmgr_stats st;
	struct nlattr *nest;
	char rev[24];

	vmk_core_devmgr_stats(&st);
	snprintf(rev, sizeof(rev), "%u.%u.%u.%u",
		 VMK_REVISION_MAJOR(VMKAPI_REVISION),
		 VMK_REVISION_MINOR(VMKAPI_REVISION),
		 VMK_REVISION_UPDATE(VMKAPI_REVISION),
		 VMK_REVISION_PATCH_LEVEL(VMKAPI_REVISION));
	nest = nla_nest_start(skb, VMKAPI_A_CORE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VMKAPI_CORE_A_REVISION, VMKAPI_REVISION) ||
	    nla_put_string(skb, VMKAPI_CORE_A_REVISION_STRING, rev) ||
	    nla_put_u32(skb, VMKAPI_CORE_A_GENL_VERSION, VMKAPI_GENL_VERSION) ||
	    nla_put_u32(skb, VMKAPI_CORE_A_MODULES, vmk_core_module_count()) ||
	    nla_put_u64_64bit(skb, VMKAPI_CORE_A_DEVICES, st.devices,
			      VMKAPI_CORE_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_CORE_A_DRIVERS, st.drivers,
			      VMKAPI_CORE_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_CORE_A_TRANSITIONS, st.transitions,
			      VMKAPI_CORE_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_CORE_A_ILLEGAL, st.illegal,
			      VMKAPI_CORE_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vmk_genl_core_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vmk_genl_reply(info, vmk_genl_fill_core, NULL);
}

/* --- modules --------------------------------------------------------------- */

static int vmk_genl_fill_module(struct sk_buff *skb, const void *obj)
{
	const struct vmk_core_module_info *m = obj;
	struct nlattr *nest;

	nest = nla_nest_start(skb, VMKAPI_A_MODULE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VMKAPI_MODULE_A_ID, m->id) ||
	    nla_put_string(skb, VMKAPI_MODULE_A_NAME, m->name) ||
	    nla_put_u32(skb, VMKAPI_MODULE_A_REVISION, m->revision) ||
	    nla_put_u32(skb, VMKAPI_MODULE_A_USE_COUNT, m->use_count) ||
	    nla_put_u32(skb, VMKAPI_MODULE_A_RESOURCES, m->resources) ||
	    (m->default_heap &&
	     nla_put_flag(skb, VMKAPI_MODULE_A_DEFAULT_HEAP))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vmk_genl_module_get_doit(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct nlattr *tb[VMKAPI_MODULE_A_MAX + 1];
	struct vmk_core_module_info m;
	vmk_ModuleID id;
	bool given;
	int err;

	err = vmk_genl_doit_nest(info, VMKAPI_A_MODULE, vmk_genl_module_policy,
				 VMKAPI_MODULE_A_MAX, tb);
	if (err)
		return err;
	err = vmk_genl_module_arg(tb, VMKAPI_MODULE_A_ID, VMKAPI_MODULE_A_NAME,
				  info->extack, &id, &given);
	if (err)
		return err;
	if (!given) {
		NL_SET_ERR_MSG(info->extack,
			       "name the module: VMKAPI_MODULE_A_ID or _NAME");
		return -EINVAL;
	}
	if (vmk_core_module_next(id, &m) || m.id != id) {
		NL_SET_ERR_MSG(info->extack, "the module left the registry");
		return -ENOENT;
	}
	return vmk_genl_reply(info, vmk_genl_fill_module, &m);
}

static int vmk_genl_module_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct vmk_core_module_info m;
	vmk_ModuleID from = cb->args[0];
	int err = 0;

	while (!vmk_core_module_next(from, &m)) {
		err = vmk_genl_dump_one(skb, cb, vmk_genl_fill_module, &m);
		if (err)
			break;
		from = m.id + 1;
	}
	cb->args[0] = from;
	return vmk_genl_dump_done(skb, err);
}

/* --- heaps ----------------------------------------------------------------- */

static int vmk_genl_fill_heap(struct sk_buff *skb, const void *obj)
{
	const struct vmk_core_heap_info *h = obj;
	char module[VMK_MODULE_NAME_MAX];
	struct nlattr *nest;

	vmk_genl_module_name(h->module, module, sizeof(module));
	nest = nla_nest_start(skb, VMKAPI_A_HEAP);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VMKAPI_HEAP_A_ID, h->id, VMKAPI_HEAP_A_PAD) ||
	    nla_put_string(skb, VMKAPI_HEAP_A_NAME, h->name) ||
	    nla_put_u32(skb, VMKAPI_HEAP_A_MODULE_ID, h->module) ||
	    nla_put_string(skb, VMKAPI_HEAP_A_MODULE_NAME, module) ||
	    nla_put_u64_64bit(skb, VMKAPI_HEAP_A_BYTES, h->stats.bytes,
			      VMKAPI_HEAP_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_HEAP_A_PEAK, h->stats.peak,
			      VMKAPI_HEAP_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_HEAP_A_MAX_BYTES, h->stats.max,
			      VMKAPI_HEAP_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_HEAP_A_CACHED, h->stats.cached,
			      VMKAPI_HEAP_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_HEAP_A_ALLOCS, h->stats.allocs,
			      VMKAPI_HEAP_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_HEAP_A_FREES, h->stats.frees,
			      VMKAPI_HEAP_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_HEAP_A_FAILURES, h->stats.failures,
			      VMKAPI_HEAP_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vmk_genl_heap_get_dumpit(struct sk_buff *skb,
				    struct netlink_callback *cb)
{
	struct nlattr *tb[VMKAPI_HEAP_A_MAX + 1];
	struct vmk_core_heap_info h;
	u64 from = cb->args[0];
	vmk_ModuleID module = 0;
	bool filter;
	int err;

	err = vmk_genl_dump_filter(cb, VMKAPI_A_HEAP, vmk_genl_heap_policy,
				   VMKAPI_HEAP_A_MAX, tb);
	if (!err)
		err = vmk_genl_module_arg(tb, VMKAPI_HEAP_A_MODULE_ID,
					  VMKAPI_HEAP_A_MODULE_NAME, cb->extack,
					  &module, &filter);
	if (err)
		return err;
	while (!vmk_core_heap_next(from, &h)) {
		if (!filter || h.module == module) {
			err = vmk_genl_dump_one(skb, cb, vmk_genl_fill_heap, &h);
			if (err)
				break;
		}
		from = h.id + 1;
	}
	cb->args[0] = from;
	return vmk_genl_dump_done(skb, err);
}

/* --- log components -------------------------------------------------------- */

static int vmk_genl_fill_log(struct sk_buff *skb, const void *obj)
{
	const struct vmk_core_log_info *l = obj;
	char module[VMK_MODULE_NAME_MAX];
	struct nlattr *nest;

	vmk_genl_module_name(l->module, module, sizeof(module));
	nest = nla_nest_start(skb, VMKAPI_A_LOG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VMKAPI_LOG_A_ID, l->id, VMKAPI_LOG_A_PAD) ||
	    nla_put_u32(skb, VMKAPI_LOG_A_MODULE_ID, l->module) ||
	    nla_put_string(skb, VMKAPI_LOG_A_MODULE_NAME, module) ||
	    nla_put_string(skb, VMKAPI_LOG_A_NAME, l->name) ||
	    nla_put_s32(skb, VMKAPI_LOG_A_LEVEL, l->level) ||
	    nla_put_u32(skb, VMKAPI_LOG_A_THROTTLE, l->throttle) ||
	    nla_put_u64_64bit(skb, VMKAPI_LOG_A_PRINTED, l->printed,
			      VMKAPI_LOG_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_LOG_A_THROTTLED, l->throttled,
			      VMKAPI_LOG_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The component a get or set names: module (by ID or name) and name. */
static int vmk_genl_log_arg(struct genl_info *info,
			    const struct nla_policy *policy,
			    struct nlattr **tb, vmk_ModuleID *module)
{
	bool given;
	int err;

	err = vmk_genl_doit_nest(info, VMKAPI_A_LOG, policy, VMKAPI_LOG_A_MAX,
				 tb);
	if (err)
		return err;
	err = vmk_genl_module_arg(tb, VMKAPI_LOG_A_MODULE_ID,
				  VMKAPI_LOG_A_MODULE_NAME, info->extack,
				  module, &given);
	if (err)
		return err;
	if (!given) {
		NL_SET_ERR_MSG(info->extack,
			       "name the component's module: VMKAPI_LOG_A_MODULE_ID or _NAME");
		return -EINVAL;
	}
	if (!tb[VMKAPI_LOG_A_NAME]) {
		NL_SET_ERR_MSG(info->extack,
			       "name the component: VMKAPI_LOG_A_NAME");
		return -EINVAL;
	}
	return 0;
}

static int vmk_genl_log_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VMKAPI_LOG_A_MAX + 1];
	struct vmk_core_log_info l;
	vmk_ModuleID module;
	int err;

	err = vmk_genl_log_arg(info, vmk_genl_log_get_policy, tb, &module);
	if (err)
		return err;
	if (vmk_core_log_get(module, nla_data(tb[VMKAPI_LOG_A_NAME]), &l)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VMKAPI_LOG_A_NAME],
				    "the module has no log component of this name");
		return -ENOENT;
	}
	return vmk_genl_reply(info, vmk_genl_fill_log, &l);
}

static int vmk_genl_log_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VMKAPI_LOG_A_MAX + 1];
	struct vmk_core_log_info l;
	vmk_ModuleID module;
	const char *name;
	int err;

	err = vmk_genl_log_arg(info, vmk_genl_log_set_policy, tb, &module);
	if (err)
		return err;
	if (!tb[VMKAPI_LOG_A_LEVEL]) {
		NL_SET_ERR_MSG(info->extack, "give the new level: VMKAPI_LOG_A_LEVEL");
		return -EINVAL;
	}
	name = nla_data(tb[VMKAPI_LOG_A_NAME]);
	if (vmk_core_log_set(module, name, nla_get_s32(tb[VMKAPI_LOG_A_LEVEL])) ||
	    vmk_core_log_get(module, name, &l)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VMKAPI_LOG_A_NAME],
				    "the module has no log component of this name");
		return -ENOENT;
	}
	return vmk_genl_reply(info, vmk_genl_fill_log, &l);
}

static int vmk_genl_log_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	struct nlattr *tb[VMKAPI_LOG_A_MAX + 1];
	struct vmk_core_log_info l;
	u64 from = cb->args[0];
	vmk_ModuleID module = 0;
	bool filter;
	int err;

	err = vmk_genl_dump_filter(cb, VMKAPI_A_LOG, vmk_genl_log_get_policy,
				   VMKAPI_LOG_A_MAX, tb);
	if (!err)
		err = vmk_genl_module_arg(tb, VMKAPI_LOG_A_MODULE_ID,
					  VMKAPI_LOG_A_MODULE_NAME, cb->extack,
					  &module, &filter);
	if (err)
		return err;
	if (tb[VMKAPI_LOG_A_NAME]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[VMKAPI_LOG_A_NAME],
				    "a dump filters by module only; get one component without NLM_F_DUMP");
		return -EINVAL;
	}
	while (!vmk_core_log_next(from, &l)) {
		if (!filter || l.module == module) {
			err = vmk_genl_dump_one(skb, cb, vmk_genl_fill_log, &l);
			if (err)
				break;
		}
		from = l.id + 1;
	}
	cb->args[0] = from;
	return vmk_genl_dump_done(skb, err);
}

/* --- events ---------------------------------------------------------------- */

static int vmk_genl_fill_event(struct sk_buff *skb, const void *obj)
{
	const struct vmk_core_event *ev = obj;
	struct nlattr *nest;

	nest = nla_nest_start(skb, VMKAPI_A_EVENT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VMKAPI_EVENT_A_SEQ, ev->seq,
			      VMKAPI_EVENT_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_EVENT_A_TIME_NS, ev->time_ns,
			      VMKAPI_EVENT_A_PAD) ||
	    nla_put_u32(skb, VMKAPI_EVENT_A_KIND, ev->kind) ||
	    nla_put_s32(skb, VMKAPI_EVENT_A_STATUS, ev->status) ||
	    nla_put_string(skb, VMKAPI_EVENT_A_STATUS_NAME,
			   vmk_StatusToString(ev->status)) ||
	    nla_put_string(skb, VMKAPI_EVENT_A_SOURCE, ev->source) ||
	    nla_put_string(skb, VMKAPI_EVENT_A_OBJECT, ev->object) ||
	    nla_put_string(skb, VMKAPI_EVENT_A_TEXT, ev->text)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* events.c terminates the strings; a copy torn by a bug must not overrun. */
static void vmk_genl_event_terminate(struct vmk_core_event *ev)
{
	ev->source[sizeof(ev->source) - 1] = '\0';
	ev->object[sizeof(ev->object) - 1] = '\0';
	ev->text[sizeof(ev->text) - 1] = '\0';
}

static int vmk_genl_events_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct nlattr *tb[VMKAPI_EVENT_A_MAX + 1];
	struct vmk_core_event *batch;
	const char *source = NULL;
	unsigned int i, n;
	int err;

	err = vmk_genl_dump_filter(cb, VMKAPI_A_EVENT, vmk_genl_event_policy,
				   VMKAPI_EVENT_A_MAX, tb);
	if (err)
		return err;
	if (tb[VMKAPI_EVENT_A_SOURCE])
		source = nla_data(tb[VMKAPI_EVENT_A_SOURCE]);
	/* args[1]: the cursor is set (AFTER was taken on the first call). */
	if (!cb->args[1]) {
		cb->args[0] = tb[VMKAPI_EVENT_A_AFTER] ?
			nla_get_u64(tb[VMKAPI_EVENT_A_AFTER]) : 0;
		cb->args[1] = 1;
	}
	batch = kmalloc_array(VMK_GENL_EVENT_BATCH, sizeof(*batch),
			      GFP_KERNEL);
	if (!batch)
		return -ENOMEM;
	do {
		n = vmk_core_events_read(source, cb->args[0], batch,
					 VMK_GENL_EVENT_BATCH);
		for (i = 0; i < n; i++) {
			vmk_genl_event_terminate(&batch[i]);
			err = vmk_genl_dump_one(skb, cb, vmk_genl_fill_event,
						&batch[i]);
			if (err)
				break;
			cb->args[0] = batch[i].seq;
		}
	} while (!err && n == VMK_GENL_EVENT_BATCH);
	kfree(batch);
	return vmk_genl_dump_done(skb, err);
}

/*
 * New events go to the "events" group as VMKAPI_CMD_EVENT_NEW, one per
 * message; events.c calls this from a work item after a burst.  Without
 * listeners the cursor just moves on, so a later subscriber gets only
 * what is new (the dump has the history).
 */
static u64 vmk_genl_mcast_seq;
static DEFINE_MUTEX(vmk_genl_mcast_mutex);

static void vmk_genl_events_notify(void)
{
	struct vmk_core_event *batch;
	struct sk_buff *skb;
	unsigned int i, n;
	bool listeners;

	batch = kmalloc_array(VMK_GENL_EVENT_BATCH, sizeof(*batch),
			      GFP_KERNEL);
	if (!batch)
		return;
	mutex_lock(&vmk_genl_mcast_mutex);
	do {
		n = vmk_core_events_read(NULL, vmk_genl_mcast_seq, batch,
					 VMK_GENL_EVENT_BATCH);
		listeners = genl_has_listeners(&vmk_core_genl_family,
					       &init_net,
					       VMK_CORE_GENL_MCGRP_EVENTS);
		for (i = 0; i < n; i++) {
			vmk_genl_mcast_seq = batch[i].seq;
			if (!listeners)
				continue;
			vmk_genl_event_terminate(&batch[i]);
			skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
			if (!skb)
				continue;
			if (vmk_genl_put_msg(skb, 0, 0, 0, VMKAPI_CMD_EVENT_NEW,
					     vmk_genl_fill_event, &batch[i])) {
				nlmsg_free(skb);
				continue;
			}
			/* -ESRCH: the last listener just left. */
			genlmsg_multicast(&vmk_core_genl_family, skb, 0,
					  VMK_CORE_GENL_MCGRP_EVENTS,
					  GFP_KERNEL);
		}
	} while (n == VMK_GENL_EVENT_BATCH);
	mutex_unlock(&vmk_genl_mcast_mutex);
	kfree(batch);
}

/* --- the family ------------------------------------------------------------ */

static const struct genl_ops vmk_genl_core_ops[] = {
	{
		.cmd = VMKAPI_CMD_CORE_GET,
		.doit = vmk_genl_core_get_doit,
		.policy = vmk_genl_none_req,
		.maxattr = VMKAPI_A_MAX,
	},
	{
		.cmd = VMKAPI_CMD_MODULE_GET,
		.doit = vmk_genl_module_get_doit,
		.dumpit = vmk_genl_module_get_dumpit,
		.policy = vmk_genl_module_req,
		.maxattr = VMKAPI_A_MAX,
	},
	{
		.cmd = VMKAPI_CMD_HEAP_GET,
		.dumpit = vmk_genl_heap_get_dumpit,
		.policy = vmk_genl_heap_req,
		.maxattr = VMKAPI_A_MAX,
	},
	{
		.cmd = VMKAPI_CMD_DEVICE_GET,
		.doit = vmk_genl_device_get_doit,
		.dumpit = vmk_genl_device_get_dumpit,
		.policy = vmk_genl_device_req,
		.maxattr = VMKAPI_A_MAX,
	},
	{
		.cmd = VMKAPI_CMD_DRIVER_GET,
		.doit = vmk_genl_driver_get_doit,
		.dumpit = vmk_genl_driver_get_dumpit,
		.policy = vmk_genl_driver_req,
		.maxattr = VMKAPI_A_MAX,
	},
	{
		.cmd = VMKAPI_CMD_INTR_GET,
		.doit = vmk_genl_intr_get_doit,
		.dumpit = vmk_genl_intr_get_dumpit,
		.policy = vmk_genl_intr_req,
		.maxattr = VMKAPI_A_MAX,
	},
	{
		.cmd = VMKAPI_CMD_LOG_GET,
		.doit = vmk_genl_log_get_doit,
		.dumpit = vmk_genl_log_get_dumpit,
		.policy = vmk_genl_log_get_req,
		.maxattr = VMKAPI_A_MAX,
	},
	{
		.cmd = VMKAPI_CMD_LOG_SET,
		.doit = vmk_genl_log_set_doit,
		.policy = vmk_genl_log_set_req,
		.maxattr = VMKAPI_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_DEVICE_QUIESCE,
		.doit = vmk_genl_device_op_doit,
		.policy = vmk_genl_device_req,
		.maxattr = VMKAPI_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_DEVICE_START,
		.doit = vmk_genl_device_op_doit,
		.policy = vmk_genl_device_req,
		.maxattr = VMKAPI_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_DEVICE_REMOVE,
		.doit = vmk_genl_device_op_doit,
		.policy = vmk_genl_device_req,
		.maxattr = VMKAPI_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_DEVICE_RESCAN,
		.doit = vmk_genl_device_op_doit,
		.policy = vmk_genl_device_req,
		.maxattr = VMKAPI_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VMKAPI_CMD_EVENTS_GET,
		.dumpit = vmk_genl_events_get_dumpit,
		.policy = vmk_genl_event_req,
		.maxattr = VMKAPI_A_MAX,
	},
};

/* The core's commands and mgmt.c's, in one table for the family. */
static struct genl_ops *vmk_genl_ops;

/*
 * A socket that goes away ends the management sessions it held.  The
 * chain is a blocking one: process context, so mgmt.c may sleep.
 */
static int vmk_genl_netlink_event(struct notifier_block *nb,
				  unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid || !net_eq(n->net, &init_net))
		return NOTIFY_DONE;
	vmk_core_mgmt_genl_release(n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block vmk_genl_netlink_nb = {
	.notifier_call = vmk_genl_netlink_event,
};

int vmk_core_genl_init(void)
{
	const size_t n_core = ARRAY_SIZE(vmk_genl_core_ops);
	const struct genl_ops *mgmt_ops = NULL;
	int n_mgmt, ret;

	BUILD_BUG_ON(VMKAPI_CMD_CORE_LAST >= VMKAPI_CMD_MGMT_FIRST);
	n_mgmt = vmk_core_mgmt_genl_ops(&mgmt_ops);
	if (n_mgmt < 0 || n_core + n_mgmt > U8_MAX ||
	    (n_mgmt && !mgmt_ops))
		return -EINVAL;
	vmk_genl_ops = kmalloc_array(n_core + n_mgmt, sizeof(*vmk_genl_ops),
				     GFP_KERNEL);
	if (!vmk_genl_ops)
		return -ENOMEM;
	memcpy(vmk_genl_ops, vmk_genl_core_ops, sizeof(vmk_genl_core_ops));
	if (n_mgmt)
		memcpy(vmk_genl_ops + n_core, mgmt_ops,
		       n_mgmt * sizeof(*mgmt_ops));
	vmk_core_genl_family.ops = vmk_genl_ops;
	vmk_core_genl_family.n_ops = n_core + n_mgmt;

	ret = genl_register_family(&vmk_core_genl_family);
	if (ret) {
		pr_err("generic netlink family %s not registered: %d\n",
		       VMKAPI_GENL_NAME, ret);
		goto err_ops;
	}
	ret = netlink_register_notifier(&vmk_genl_netlink_nb);
	if (ret)
		goto err_family;
	vmk_core_events_set_notify(vmk_genl_events_notify);
	return 0;

err_family:
	genl_unregister_family(&vmk_core_genl_family);
err_ops:
	kfree(vmk_genl_ops);
	vmk_genl_ops = NULL;
	return ret;
}

void vmk_core_genl_exit(void)
{
	/* Waits for a multicast in progress. */
	vmk_core_events_set_notify(NULL);
	netlink_unregister_notifier(&vmk_genl_netlink_nb);
	/* Waits for commands in progress; dumps pin the module. */
	genl_unregister_family(&vmk_core_genl_family);
	kfree(vmk_genl_ops);
	vmk_genl_ops = NULL;
}
