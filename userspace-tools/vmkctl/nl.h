/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkctl's netlink side (libnl-genl-3): find the "vmkapi" family, send a
 * request (a dump or a single command), decode each answer's attributes
 * with a schema into the value tree of out.h, and turn errors into
 * vmkctl's exit codes with the kernel's extack message.
 */
#ifndef VMKCTL_NL_H
#define VMKCTL_NL_H

#include <stdint.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "out.h"

/* How one attribute becomes one key of an object. */
enum vk_atype {
	VK_A_STR,
	VK_A_U8,
	VK_A_U16,
	VK_A_U32,
	VK_A_U64,
	VK_A_S32,
	VK_A_S64,
	VK_A_FLAG,	/* present: true, absent: false */
	VK_A_BOOL,	/* a u8 that is 0 or not */
	VK_A_NEST,	/* a nested object (schema .nest) */
	VK_A_LIST,	/* a nest of repeated nests, each an object (.nest) */
	VK_A_U64S,	/* a nest of u64 attributes 1..N: an array of numbers */
	VK_A_STRS,	/* a nest of string attributes: an array of strings */
	VK_A_ENUM,	/* a u32 shown by name (.names; unknown: its number) */
	VK_A_REVISION,	/* a u32 packed API revision: "major.minor.update.patch" */
	VK_A_HIST,	/* binary u64[]: log2 duration buckets (see below) */
};

struct vk_schema;

struct vk_field {
	int attr;
	const char *key;
	enum vk_atype type;
	const struct vk_schema *nest;
	const char *const *names;	/* VK_A_ENUM */
	unsigned int nnames;
};

struct vk_schema {
	int top;	/* the top-level nest holding the object; 0: none */
	int maxattr;
	const struct vk_field *fields;
	unsigned int nfields;
};

/*
 * VK_A_HIST: bucket 0 counts durations of 0 ns, bucket k >= 1 those in
 * [2^(k-1), 2^k) ns, the last one everything longer.  Decoded as an
 * array of the non-empty buckets, each {"min_ns", "max_ns" (null for the
 * last bucket), "count"}.
 */
struct vk_val *vk_decode_hist(const uint64_t *buckets, unsigned int n);

/*
 * Decode the attribute stream @head/@len into a new object: one key per
 * field, in the schema's order, whether present or not (absent: null, or
 * false for a flag), so the JSON keys of a record never depend on what
 * the kernel happened to send.  Attributes the schema does not name are
 * ignored (a newer kernel may send more).
 */
struct vk_val *vk_decode(const struct vk_schema *s, struct nlattr *head,
			 int len);

struct vk_nl;

/*
 * Connect and resolve the family.  Returns VK_EXIT_OK, or prints why and
 * returns VK_EXIT_NOT_LOADED (no "vmkapi" family: vmkapi.ko is not
 * loaded) or VK_EXIT_IO.
 */
int vk_nl_open(struct vk_nl **nlp);
void vk_nl_close(struct vk_nl *nl);

/* Whether the family is (still) there: vmkapi.ko may go while we follow. */
bool vk_nl_family_exists(struct vk_nl *nl);

/* A request under construction: add attributes with nla_put_*(). */
struct nl_msg *vk_nl_request(struct vk_nl *nl, uint8_t cmd, bool dump);

/*
 * Send @msg (consumed) and decode every answer with @s (the object in
 * the answer's top-level nest @s->top), pushing each decoded object onto
 * @out (an array).  @what names the request in error messages ("device
 * quiesce 0000:00:04.0").  Returns a VK_EXIT_* code, having printed the
 * error (with the kernel's extack message, if any) unless @what is NULL.
 */
int vk_nl_call(struct vk_nl *nl, struct nl_msg *msg, const struct vk_schema *s,
	       struct vk_val *out, const char *what);

/*
 * A dump of @cmd without attributes into a new array in *@out (freed by
 * the caller, also on error).  Returns a VK_EXIT_* code.
 */
int vk_nl_dump(struct vk_nl *nl, uint8_t cmd, const struct vk_schema *s,
	       struct vk_val **out, const char *what);

/*
 * Join the multicast group @group of the family: later answers from
 * vk_nl_wait() are its notifications.  Returns a VK_EXIT_* code.
 */
int vk_nl_join(struct vk_nl *nl, const char *group);
/*
 * Wait up to @timeout_ms for notifications and decode each with @s onto
 * @out.  Returns VK_EXIT_OK (possibly with nothing new) or an error code.
 */
int vk_nl_wait(struct vk_nl *nl, int timeout_ms, const struct vk_schema *s,
	       struct vk_val *out);

/*
 * The exit code and message for a netlink error @err (a negative errno)
 * with the kernel's @extack text (may be NULL), as "vmkctl: <what>: ...".
 * Exposed for the host tests.
 */
int vk_nl_error(int err, const char *extack, const char *what);

#endif /* VMKCTL_NL_H */
