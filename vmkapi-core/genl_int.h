/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What genl.c (the family, core objects) and genl_dev.c (devices,
 * drivers, interrupts) share.  Never included elsewhere.
 */
#ifndef _VMKAPI_GENL_INT_H_
#define _VMKAPI_GENL_INT_H_

#include "vmkapi_genl.h"

/* Puts one object's nest (and its attributes) into a message. */
typedef int (*vmk_genl_fill_t)(struct sk_buff *skb, const void *obj);

/* A reply to @info carrying one object; 0 or a negative errno. */
int vmk_genl_reply(struct genl_info *info, vmk_genl_fill_t fill,
		   const void *obj);
/* One object of a dump (NLM_F_MULTI); -EMSGSIZE when @skb is full. */
int vmk_genl_dump_one(struct sk_buff *skb, struct netlink_callback *cb,
		      vmk_genl_fill_t fill, const void *obj);
/*
 * What a dumpit returns after a batch ended with @err: more to come
 * (the bytes written), done (0), or the error when not even one object
 * fitted in an empty message.
 */
int vmk_genl_dump_done(struct sk_buff *skb, int err);
/*
 * The nest @attr of a dump request, parsed into @tb (all NULL when the
 * request has none).  genl validated it against the same policy already.
 */
int vmk_genl_dump_filter(struct netlink_callback *cb, int attr,
			 const struct nla_policy *policy, int maxattr,
			 struct nlattr **tb);
/* The nest @attr of a doit request, parsed; -EINVAL (with extack) if absent. */
int vmk_genl_doit_nest(struct genl_info *info, int attr,
		       const struct nla_policy *policy, int maxattr,
		       struct nlattr **tb);
/*
 * A module named by a request: MODULE_ID (@id_attr) or MODULE_NAME
 * (@name_attr) of @tb, not both.  0 and *@id; -ENOENT / -EINVAL with the
 * extack message set.  *@given is false (and 0 returned) when neither is.
 */
int vmk_genl_module_arg(struct nlattr **tb, int id_attr, int name_attr,
			struct netlink_ext_ack *extack, vmk_ModuleID *id,
			bool *given);
/* A module's name for a reply ("" if it left meanwhile). */
void vmk_genl_module_name(vmk_ModuleID id, char *buf, size_t len);

/* String attribute limits (NUL excluded) shared by the policies. */
#define VMK_GENL_NAME_MAX	(VMKAPI_GENL_NAME_LEN - 1)

/* genl_dev.c: the commands on devices, drivers and interrupt cookies. */
extern const struct nla_policy vmk_genl_device_req[VMKAPI_A_MAX + 1];
extern const struct nla_policy vmk_genl_driver_req[VMKAPI_A_MAX + 1];
extern const struct nla_policy vmk_genl_intr_req[VMKAPI_A_MAX + 1];
int vmk_genl_device_get_doit(struct sk_buff *skb, struct genl_info *info);
int vmk_genl_device_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int vmk_genl_device_op_doit(struct sk_buff *skb, struct genl_info *info);
int vmk_genl_driver_get_doit(struct sk_buff *skb, struct genl_info *info);
int vmk_genl_driver_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int vmk_genl_intr_get_doit(struct sk_buff *skb, struct genl_info *info);
int vmk_genl_intr_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _VMKAPI_GENL_INT_H_ */
