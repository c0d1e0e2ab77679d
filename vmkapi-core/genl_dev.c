// SPDX-License-Identifier: GPL-2.0
/*
 * The "vmkapi" generic netlink family, continued: the device tree,
 * drivers and interrupt cookies, and the device lifecycle steps an
 * administrator may ask for (quiesce, start, remove, rescan).
 *
 * A device is named by its bus address (with its bus type when two
 * buses share an address) or by its ID.  The steps go through the
 * device manager's own entry points, which look the handle up again and
 * serialise on the device's lock, so a device removed between the lookup
 * and the step is refused there, never touched.
 */
#include "vmkapi_core.h"
#include "genl_int.h"

#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>

/* Not const: 6.1's policy points at a mutable range. */
static struct netlink_range_validation vmk_genl_dev_module_id_range = {
	.max = S32_MAX,
};

static const struct nla_policy vmk_genl_device_policy[VMKAPI_DEVICE_A_MAX + 1] = {
	[VMKAPI_DEVICE_A_ID] = NLA_POLICY_MIN(NLA_U64, 1),
	[VMKAPI_DEVICE_A_BUS] = { .type = NLA_NUL_STRING,
				  .len = VMKAPI_GENL_BUS_LEN - 1 },
	[VMKAPI_DEVICE_A_ADDRESS] = { .type = NLA_NUL_STRING,
				      .len = VMKAPI_GENL_ADDRESS_LEN - 1 },
};

const struct nla_policy vmk_genl_device_req[VMKAPI_A_MAX + 1] = {
	[VMKAPI_A_DEVICE] = NLA_POLICY_NESTED(vmk_genl_device_policy),
};

static const struct nla_policy vmk_genl_driver_policy[VMKAPI_DRIVER_A_MAX + 1] = {
	[VMKAPI_DRIVER_A_NAME] = { .type = NLA_NUL_STRING,
				   .len = VMK_GENL_NAME_MAX },
};

const struct nla_policy vmk_genl_driver_req[VMKAPI_A_MAX + 1] = {
	[VMKAPI_A_DRIVER] = NLA_POLICY_NESTED(vmk_genl_driver_policy),
};

static const struct nla_policy vmk_genl_intr_policy[VMKAPI_INTR_A_MAX + 1] = {
	[VMKAPI_INTR_A_COOKIE] = NLA_POLICY_MIN(NLA_U32, 1),
	[VMKAPI_INTR_A_MODULE_ID] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &vmk_genl_dev_module_id_range),
};

const struct nla_policy vmk_genl_intr_req[VMKAPI_A_MAX + 1] = {
	[VMKAPI_A_INTR] = NLA_POLICY_NESTED(vmk_genl_intr_policy),
};

/* --- devices ----------------------------------------------------------- */

static int vmk_genl_fill_device(struct sk_buff *skb, const void *obj)
{
	const struct vmk_core_device_info *d = obj;
	struct nlattr *nest;

	nest = nla_nest_start(skb, VMKAPI_A_DEVICE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VMKAPI_DEVICE_A_ID, d->id,
			      VMKAPI_DEVICE_A_PAD) ||
	    (d->parent_id &&
	     nla_put_u64_64bit(skb, VMKAPI_DEVICE_A_PARENT_ID, d->parent_id,
			       VMKAPI_DEVICE_A_PAD)) ||
	    nla_put_u32(skb, VMKAPI_DEVICE_A_DEPTH, d->depth) ||
	    nla_put_string(skb, VMKAPI_DEVICE_A_BUS, d->bus) ||
	    nla_put_string(skb, VMKAPI_DEVICE_A_ADDRESS, d->address) ||
	    nla_put_string(skb, VMKAPI_DEVICE_A_IDENTIFIER, d->identifier) ||
	    nla_put_u32(skb, VMKAPI_DEVICE_A_STATE, d->state) ||
	    (d->forgotten && nla_put_flag(skb, VMKAPI_DEVICE_A_FORGOTTEN)) ||
	    (d->driver[0] &&
	     nla_put_string(skb, VMKAPI_DEVICE_A_DRIVER, d->driver)) ||
	    (d->registrar[0] &&
	     nla_put_string(skb, VMKAPI_DEVICE_A_REGISTRAR, d->registrar)) ||
	    nla_put_u32(skb, VMKAPI_DEVICE_A_CHILDREN, d->children) ||
	    nla_put_u32(skb, VMKAPI_DEVICE_A_REFS, d->refs)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The device a doit request names, into @d. */
static int vmk_genl_device_find(struct genl_info *info,
				struct vmk_core_device_info *d)
{
	struct nlattr *tb[VMKAPI_DEVICE_A_MAX + 1];
	struct nlattr *at;
	int err;

	err = vmk_genl_doit_nest(info, VMKAPI_A_DEVICE, vmk_genl_device_policy,
				 VMKAPI_DEVICE_A_MAX, tb);
	if (err)
		return err;
	if (!tb[VMKAPI_DEVICE_A_ADDRESS] && !tb[VMKAPI_DEVICE_A_ID]) {
		NL_SET_ERR_MSG(info->extack,
			       "name the device: VMKAPI_DEVICE_A_ADDRESS (and _BUS) or _ID");
		return -EINVAL;
	}
	at = tb[VMKAPI_DEVICE_A_ADDRESS] ?: tb[VMKAPI_DEVICE_A_ID];
	err = vmk_core_device_lookup(tb[VMKAPI_DEVICE_A_BUS] ?
				     nla_data(tb[VMKAPI_DEVICE_A_BUS]) : NULL,
				     tb[VMKAPI_DEVICE_A_ADDRESS] ?
				     nla_data(tb[VMKAPI_DEVICE_A_ADDRESS]) :
				     NULL,
				     tb[VMKAPI_DEVICE_A_ID] ?
				     nla_get_u64(tb[VMKAPI_DEVICE_A_ID]) : 0,
				     d);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, at, "no such device");
	else if (err == -ENOTUNIQ)
		NL_SET_ERR_MSG_ATTR(info->extack, at,
				    "devices on several buses have this address: give VMKAPI_DEVICE_A_BUS too");
	return err;
}

int vmk_genl_device_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vmk_core_device_info *d;
	int err;

	d = kmalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	err = vmk_genl_device_find(info, d);
	if (!err)
		err = vmk_genl_reply(info, vmk_genl_fill_device, d);
	kfree(d);
	return err;
}

int vmk_genl_device_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct vmk_core_device_info *d;
	u64 from = cb->args[0] ?: 1;
	int err = 0;

	if (nlmsg_find_attr(cb->nlh, GENL_HDRLEN, VMKAPI_A_DEVICE)) {
		NL_SET_ERR_MSG(cb->extack,
			       "a device dump lists the whole tree: it takes no filter");
		return -EINVAL;
	}
	d = kmalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	while (!vmk_core_device_next(from, d)) {
		err = vmk_genl_dump_one(skb, cb, vmk_genl_fill_device, d);
		if (err)
			break;
		from = d->id + 1;
	}
	kfree(d);
	cb->args[0] = from;
	return vmk_genl_dump_done(skb, err);
}

/*
 * A step the device manager refused: the errno, an extack message for
 * the kind of refusal, and the VMK status itself in the extack cookie.
 */
static int vmk_genl_step_refused(struct netlink_ext_ack *extack,
				 VMK_ReturnStatus status)
{
	u32 cookie = status;
	int err;

	BUILD_BUG_ON(sizeof(cookie) > NETLINK_MAX_COOKIE_LEN);
	memcpy(extack->cookie, &cookie, sizeof(cookie));
	extack->cookie_len = sizeof(cookie);
	switch (status) {
	case VMK_NOT_SUPPORTED:
		NL_SET_ERR_MSG(extack,
			       "the device's lifecycle state does not allow this step");
		return -EOPNOTSUPP;
	case VMK_BUSY:
		NL_SET_ERR_MSG(extack,
			       "the device is busy: it has children that stay, or references");
		return -EBUSY;
	case VMK_BAD_PARAM:
		NL_SET_ERR_MSG(extack, "the device went away meanwhile");
		return -ENOENT;
	default:
		NL_SET_ERR_MSG(extack,
			       "the driver refused the step (the VMK status is in the cookie)");
		err = vmk_StatusToErrno(status);
		return err > 0 ? -err : -EIO;
	}
}

int vmk_genl_device_op_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vmk_core_device_info *d;
	VMK_ReturnStatus status;
	int err;
	u64 id;

	d = kmalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	err = vmk_genl_device_find(info, d);
	if (err)
		goto out;

	switch (info->genlhdr->cmd) {
	case VMKAPI_CMD_DEVICE_QUIESCE:
		status = vmk_core_device_event(d->handle, VMK_CORE_DEV_QUIESCE,
					       NULL);
		break;
	case VMKAPI_CMD_DEVICE_START:
		status = vmk_core_device_event(d->handle, VMK_CORE_DEV_START,
					       NULL);
		break;
	case VMKAPI_CMD_DEVICE_RESCAN:
		status = vmk_core_device_event(d->handle, VMK_CORE_DEV_SCAN,
					       NULL);
		break;
	case VMKAPI_CMD_DEVICE_REMOVE:
		/*
		 * A bus's own device (a PCI function) mirrors hardware its
		 * bus layer still holds: only the bus may drop it.
		 */
		if (!d->registrar[0]) {
			NL_SET_ERR_MSG(info->extack,
				       "a bus's own device is removed by its bus (hot-unplug), not from here");
			err = -EOPNOTSUPP;
			goto out;
		}
		status = VMK_OK;
		if (d->state != VMK_CORE_DEV_UNCLAIMED)
			status = vmk_core_device_detach(d->handle);
		if (status == VMK_OK)
			status = vmk_core_device_remove(d->handle);
		break;
	default:
		NL_SET_ERR_MSG(info->extack, "not a device step");
		err = -EOPNOTSUPP;
		goto out;
	}
	if (status != VMK_OK) {
		err = vmk_genl_step_refused(info->extack, status);
		goto out;
	}
	/* The device as the step left it; a removed one is reported so. */
	id = d->id;
	if (vmk_core_device_lookup(NULL, NULL, id, d) == -ENOENT) {
		d->state = VMK_CORE_DEV_REMOVED;
		d->driver[0] = '\0';
		d->children = 0;
	}
	err = vmk_genl_reply(info, vmk_genl_fill_device, d);
out:
	kfree(d);
	return err;
}

/* --- drivers ----------------------------------------------------------- */

static int vmk_genl_fill_driver(struct sk_buff *skb, const void *obj)
{
	const struct vmk_core_driver_info *drv = obj;
	char module[VMK_MODULE_NAME_MAX];
	struct nlattr *nest;

	vmk_genl_module_name(drv->module, module, sizeof(module));
	nest = nla_nest_start(skb, VMKAPI_A_DRIVER);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VMKAPI_DRIVER_A_ID, drv->id,
			      VMKAPI_DRIVER_A_PAD) ||
	    nla_put_string(skb, VMKAPI_DRIVER_A_NAME, drv->name) ||
	    nla_put_u32(skb, VMKAPI_DRIVER_A_MODULE_ID, drv->module) ||
	    nla_put_string(skb, VMKAPI_DRIVER_A_MODULE_NAME, module) ||
	    nla_put_u32(skb, VMKAPI_DRIVER_A_DEVICES, drv->devices) ||
	    (drv->unregistering &&
	     nla_put_flag(skb, VMKAPI_DRIVER_A_UNREGISTERING))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int vmk_genl_driver_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VMKAPI_DRIVER_A_MAX + 1];
	struct vmk_core_driver_info drv;
	const char *name;
	u64 from = 1;
	int err;

	err = vmk_genl_doit_nest(info, VMKAPI_A_DRIVER, vmk_genl_driver_policy,
				 VMKAPI_DRIVER_A_MAX, tb);
	if (err)
		return err;
	if (!tb[VMKAPI_DRIVER_A_NAME]) {
		NL_SET_ERR_MSG(info->extack,
			       "name the driver: VMKAPI_DRIVER_A_NAME");
		return -EINVAL;
	}
	name = nla_data(tb[VMKAPI_DRIVER_A_NAME]);
	while (!vmk_core_driver_next(from, &drv)) {
		if (!strcmp(drv.name, name))
			return vmk_genl_reply(info, vmk_genl_fill_driver, &drv);
		from = drv.id + 1;
	}
	NL_SET_ERR_MSG_ATTR(info->extack, tb[VMKAPI_DRIVER_A_NAME],
			    "no driver is registered with this name");
	return -ENOENT;
}

int vmk_genl_driver_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct vmk_core_driver_info drv;
	u64 from = cb->args[0] ?: 1;
	int err = 0;

	if (nlmsg_find_attr(cb->nlh, GENL_HDRLEN, VMKAPI_A_DRIVER)) {
		NL_SET_ERR_MSG(cb->extack, "a driver dump takes no filter");
		return -EINVAL;
	}
	while (!vmk_core_driver_next(from, &drv)) {
		err = vmk_genl_dump_one(skb, cb, vmk_genl_fill_driver, &drv);
		if (err)
			break;
		from = drv.id + 1;
	}
	cb->args[0] = from;
	return vmk_genl_dump_done(skb, err);
}

/* --- interrupt cookies ------------------------------------------------- */

static int vmk_genl_put_handler(void *arg, const char *name)
{
	return nla_put_string(arg, VMKAPI_INTR_HANDLER_A_NAME, name);
}

static int vmk_genl_fill_intr(struct sk_buff *skb, const void *obj)
{
	const struct vmk_core_intr_info *in = obj;
	const struct vmk_core_intr_stats *st = &in->stats;
	char module[VMK_MODULE_NAME_MAX];
	struct nlattr *nest, *handlers;
	int err;

	vmk_genl_module_name(in->module, module, sizeof(module));
	nest = nla_nest_start(skb, VMKAPI_A_INTR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VMKAPI_INTR_A_COOKIE, in->cookie) ||
	    nla_put_u32(skb, VMKAPI_INTR_A_IRQ, in->irq) ||
	    nla_put_u32(skb, VMKAPI_INTR_A_MODULE_ID, in->module) ||
	    nla_put_string(skb, VMKAPI_INTR_A_MODULE_NAME, module) ||
	    (in->shared && nla_put_flag(skb, VMKAPI_INTR_A_SHARED)) ||
	    (in->enabled && nla_put_flag(skb, VMKAPI_INTR_A_ENABLED)))
		goto full;
	handlers = nla_nest_start(skb, VMKAPI_INTR_A_HANDLERS);
	if (!handlers)
		goto full;
	err = vmk_core_intr_handler_names(in->cookie, vmk_genl_put_handler,
					     skb);
	/* -ENOENT: freed since the snapshot; it had no handlers left. */
	if (err && err != -ENOENT)
		goto full;
	nla_nest_end(skb, handlers);
	if (nla_put_u64_64bit(skb, VMKAPI_INTR_A_COUNT, st->count,
			      VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_WOKEN, st->woken,
			      VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_IGNORED, st->ignored,
			      VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_SPURIOUS, st->spurious,
			      VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_GATED, st->gated,
			      VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_BAD_ACK, st->bad_ack,
			      VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_ACKS, st->acks,
			      VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_ACK_OVER_BUDGET,
			      st->ack_over_budget, VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_ACK_BUDGET_NS,
			      VMK_CORE_INTR_ACK_BUDGET_NS, VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_HANDLER_RUNS,
			      st->handler_runs, VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_HANDLER_BLOCKED,
			      st->handler_blocked, VMKAPI_INTR_A_PAD) ||
	    nla_put_u64_64bit(skb, VMKAPI_INTR_A_HANDLER_STEERED,
			      st->handler_steered, VMKAPI_INTR_A_PAD) ||
	    nla_put(skb, VMKAPI_INTR_A_ACK_HIST, sizeof(st->ack_ns),
		    st->ack_ns) ||
	    nla_put(skb, VMKAPI_INTR_A_HANDLER_HIST, sizeof(st->handler_ns),
		    st->handler_ns))
		goto full;
	nla_nest_end(skb, nest);
	return 0;

full:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int vmk_genl_intr_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VMKAPI_INTR_A_MAX + 1];
	struct vmk_core_intr_info *in;
	vmk_IntrCookie cookie;
	int err;

	err = vmk_genl_doit_nest(info, VMKAPI_A_INTR, vmk_genl_intr_policy,
				 VMKAPI_INTR_A_MAX, tb);
	if (err)
		return err;
	if (!tb[VMKAPI_INTR_A_COOKIE]) {
		NL_SET_ERR_MSG(info->extack,
			       "name the cookie: VMKAPI_INTR_A_COOKIE");
		return -EINVAL;
	}
	cookie = nla_get_u32(tb[VMKAPI_INTR_A_COOKIE]);
	in = kmalloc(sizeof(*in), GFP_KERNEL);
	if (!in)
		return -ENOMEM;
	if (vmk_core_intr_next(cookie, in) || in->cookie != cookie) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VMKAPI_INTR_A_COOKIE],
				    "no live interrupt cookie has this ID");
		err = -ENOENT;
	} else {
		err = vmk_genl_reply(info, vmk_genl_fill_intr, in);
	}
	kfree(in);
	return err;
}

int vmk_genl_intr_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *tb[VMKAPI_INTR_A_MAX + 1];
	struct vmk_core_intr_info *in;
	u64 from = cb->args[0] ?: 1;
	vmk_ModuleID module = 0;
	int err;

	err = vmk_genl_dump_filter(cb, VMKAPI_A_INTR, vmk_genl_intr_policy,
				   VMKAPI_INTR_A_MAX, tb);
	if (err)
		return err;
	if (tb[VMKAPI_INTR_A_COOKIE]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[VMKAPI_INTR_A_COOKIE],
				    "a dump filters by module only; get one cookie without NLM_F_DUMP");
		return -EINVAL;
	}
	if (tb[VMKAPI_INTR_A_MODULE_ID])
		module = nla_get_u32(tb[VMKAPI_INTR_A_MODULE_ID]);
	in = kmalloc(sizeof(*in), GFP_KERNEL);
	if (!in)
		return -ENOMEM;
	/* The cursor is 64-bit so that it can step past cookie U32_MAX. */
	while (from <= U32_MAX && !vmk_core_intr_next(from, in)) {
		if (!tb[VMKAPI_INTR_A_MODULE_ID] || in->module == module) {
			err = vmk_genl_dump_one(skb, cb, vmk_genl_fill_intr, in);
			if (err)
				break;
		}
		from = (u64)in->cookie + 1;
	}
	kfree(in);
	cb->args[0] = from;
	return vmk_genl_dump_done(skb, err);
}
