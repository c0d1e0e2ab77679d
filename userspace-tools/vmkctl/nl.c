// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl: generic netlink I/O with libnl-genl-3.  See nl.h.
 *
 * The socket asks for extended acks (NETLINK_EXT_ACK) with the original
 * request left out of error messages (NETLINK_CAP_ACK), so the kernel's
 * one-line reason for a refusal reaches the user, both for commands
 * (NLMSG_ERROR) and for dumps (the error in NLMSG_DONE).
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct vk_nl {
	struct nl_sock *sk;	/* requests and their answers */
	struct nl_sock *mc;	/* multicast notifications, once joined */
	int family;
};

/* --- decoding ------------------------------------------------------------ */

struct vk_val *vk_decode_hist(const uint64_t *buckets, unsigned int n)
{
	struct vk_val *arr = vk_array(), *b;
	unsigned int k;

	for (k = 0; k < n; k++) {
		if (!buckets[k])
			continue;
		b = vk_object();
		vk_set_uint(b, "min_ns", k ? 1ULL << (k - 1) : 0);
		if (k == n - 1 || k >= 64)
			vk_set(b, "max_ns", vk_null());
		else
			vk_set_uint(b, "max_ns", k ? (1ULL << k) - 1 : 0);
		vk_set_uint(b, "count", buckets[k]);
		vk_push(arr, b);
	}
	return arr;
}

static struct vk_val *vk_decode_enum(const struct vk_field *f, uint32_t v)
{
	char buf[32];

	if (v < f->nnames && f->names[v])
		return vk_str(f->names[v]);
	snprintf(buf, sizeof(buf), "unknown-%u", v);
	return vk_str(buf);
}

static struct vk_val *vk_decode_attr(const struct vk_field *f,
				     struct nlattr *a)
{
	uint64_t hist[64];
	struct vk_val *arr;
	struct nlattr *pos;
	char *s, rev[32];
	uint32_t u;
	int rem, len;

	if (!a)
		return f->type == VK_A_FLAG ? vk_bool(false) : vk_null();
	len = nla_len(a);
	switch (f->type) {
	case VK_A_STR:
		/* Not trusting a terminator: copy at most the payload. */
		s = strndup(nla_data(a), len);
		if (!s)
			return vk_null();
		arr = vk_str(s);
		free(s);
		return arr;
	case VK_A_U8:
		return len >= 1 ? vk_uint(nla_get_u8(a)) : vk_null();
	case VK_A_BOOL:
		return len >= 1 ? vk_bool(nla_get_u8(a)) : vk_null();
	case VK_A_U16:
		return len >= 2 ? vk_uint(nla_get_u16(a)) : vk_null();
	case VK_A_U32:
		return len >= 4 ? vk_uint(nla_get_u32(a)) : vk_null();
	case VK_A_S32:
		return len >= 4 ? vk_int((int32_t)nla_get_u32(a)) : vk_null();
	case VK_A_U64:
		return len >= 8 ? vk_uint(nla_get_u64(a)) : vk_null();
	case VK_A_S64:
		return len >= 8 ? vk_int((int64_t)nla_get_u64(a)) : vk_null();
	case VK_A_FLAG:
		return vk_bool(true);
	case VK_A_NEST:
		return vk_decode(f->nest, nla_data(a), len);
	case VK_A_LIST:
		arr = vk_array();
		nla_for_each_nested(pos, a, rem)
			vk_push(arr, vk_decode(f->nest, nla_data(pos),
					       nla_len(pos)));
		return arr;
	case VK_A_U64S:
		arr = vk_array();
		nla_for_each_nested(pos, a, rem)
			if (nla_len(pos) >= 8)
				vk_push(arr, vk_uint(nla_get_u64(pos)));
		return arr;
	case VK_A_STRS:
		arr = vk_array();
		nla_for_each_nested(pos, a, rem) {
			s = strndup(nla_data(pos), nla_len(pos));
			if (s)
				vk_push(arr, vk_str(s));
			free(s);
		}
		return arr;
	case VK_A_ENUM:
		return len >= 4 ? vk_decode_enum(f, nla_get_u32(a)) : vk_null();
	case VK_A_REVISION:
		if (len < 4)
			return vk_null();
		u = nla_get_u32(a);
		snprintf(rev, sizeof(rev), "%u.%u.%u.%u", u >> 24,
			 (u >> 16) & 0xff, (u >> 8) & 0xff, u & 0xff);
		return vk_str(rev);
	case VK_A_HIST:
		/* Unaligned in the message: copy out; more than 64 is nonsense. */
		len = len / 8 > 64 ? 64 : len / 8;
		memcpy(hist, nla_data(a), len * 8);
		return vk_decode_hist(hist, len);
	}
	return vk_null();
}

struct vk_val *vk_decode(const struct vk_schema *s, struct nlattr *head,
			 int len)
{
	struct nlattr **tb = calloc(s->maxattr + 1, sizeof(*tb));
	struct vk_val *obj = vk_object();
	struct nlattr *pos;
	unsigned int i;
	int rem;

	if (!tb) {
		fputs("vmkctl: out of memory\n", stderr);
		exit(VK_EXIT_IO);
	}
	/* Last one wins, as nla_parse does, without its policy checks. */
	nla_for_each_attr(pos, head, len, rem)
		if (nla_type(pos) <= s->maxattr)
			tb[nla_type(pos)] = pos;
	for (i = 0; i < s->nfields; i++) {
		const struct vk_field *f = &s->fields[i];

		vk_set(obj, f->key, vk_decode_attr(f, tb[f->attr]));
	}
	free(tb);
	return obj;
}

/* --- errors -------------------------------------------------------------- */

int vk_nl_error(int err, const char *extack, const char *what)
{
	const char *why = strerror(-err);

	if (err == -EPERM || err == -EACCES) {
		fprintf(stderr,
			"vmkctl: %s: permission denied (needs CAP_NET_ADMIN; run as root)\n",
			what);
		return VK_EXIT_PERM;
	}
	if (extack && extack[0])
		fprintf(stderr, "vmkctl: %s: %s (%s)\n", what, extack, why);
	else
		fprintf(stderr, "vmkctl: %s: %s\n", what, why);
	return VK_EXIT_REFUSED;
}

/* --- the socket ---------------------------------------------------------- */

static int vk_nl_socket(struct nl_sock **skp)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1, err;

	if (!sk) {
		fputs("vmkctl: out of memory\n", stderr);
		return VK_EXIT_IO;
	}
	err = genl_connect(sk);
	if (err < 0) {
		fprintf(stderr, "vmkctl: cannot open a generic netlink socket: %s\n",
			nl_geterror(err));
		nl_socket_free(sk);
		return VK_EXIT_IO;
	}
	/* Old kernels lack these; the messages are then just shorter. */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one,
		   sizeof(one));
	/* Large dumps come in several messages; room for big ones. */
	nl_socket_set_buffer_size(sk, 1 << 20, 0);
	*skp = sk;
	return VK_EXIT_OK;
}

int vk_nl_open(struct vk_nl **nlp)
{
	struct vk_nl *nl = calloc(1, sizeof(*nl));
	int ret;

	if (!nl) {
		fputs("vmkctl: out of memory\n", stderr);
		return VK_EXIT_IO;
	}
	ret = vk_nl_socket(&nl->sk);
	if (ret) {
		free(nl);
		return ret;
	}
	nl->family = genl_ctrl_resolve(nl->sk, VMKAPI_GENL_NAME);
	if (nl->family < 0) {
		if (nl->family == -NLE_OBJ_NOTFOUND) {
			fprintf(stderr,
				"vmkctl: vmkapi.ko is not loaded (generic netlink family \"%s\" not found); load it with 'modprobe vmkapi' or 'insmod vmkapi.ko'\n",
				VMKAPI_GENL_NAME);
			ret = VK_EXIT_NOT_LOADED;
		} else {
			fprintf(stderr, "vmkctl: cannot look up the \"%s\" family: %s\n",
				VMKAPI_GENL_NAME, nl_geterror(nl->family));
			ret = VK_EXIT_IO;
		}
		vk_nl_close(nl);
		return ret;
	}
	*nlp = nl;
	return VK_EXIT_OK;
}

void vk_nl_close(struct vk_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sk);
	if (nl->mc)
		nl_socket_free(nl->mc);
	free(nl);
}

bool vk_nl_family_exists(struct vk_nl *nl)
{
	return genl_ctrl_resolve(nl->sk, VMKAPI_GENL_NAME) == nl->family;
}

struct nl_msg *vk_nl_request(struct vk_nl *nl, uint8_t cmd, bool dump)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg ||
	    !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 dump ? NLM_F_DUMP : NLM_F_ACK, cmd,
			 VMKAPI_GENL_VERSION)) {
		fputs("vmkctl: out of memory\n", stderr);
		exit(VK_EXIT_IO);
	}
	return msg;
}

/* --- one request and its answers ----------------------------------------- */

struct vk_call {
	const struct vk_schema *s;
	struct vk_val *out;
	bool done;
	int err;		/* negative errno from the kernel, 0 */
	char extack[256];
};

/* The NLMSGERR_ATTR_MSG of an ack or done message, if the kernel sent one. */
static void vk_extack(struct vk_call *call, struct nlmsghdr *hdr,
		      void *tlvs, int len)
{
	struct nlattr *msg;

	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS) || len <= 0)
		return;
	msg = nla_find(tlvs, len, NLMSGERR_ATTR_MSG);
	if (msg)
		snprintf(call->extack, sizeof(call->extack), "%.*s",
			 nla_len(msg), (char *)nla_data(msg));
}

static int vk_on_valid(struct nl_msg *msg, void *arg)
{
	struct vk_call *call = arg;
	struct nlmsghdr *hdr = nlmsg_hdr(msg);

	struct nlattr *head, *top;
	int len;

	if (!genlmsg_valid_hdr(hdr, 0))
		return NL_SKIP;
	head = genlmsg_attrdata(nlmsg_data(hdr), 0);
	len = genlmsg_attrlen(nlmsg_data(hdr), 0);
	if (call->s->top) {
		top = nla_find(head, len, call->s->top);
		if (!top)
			return NL_SKIP;	/* not an answer about this object */
		head = nla_data(top);
		len = nla_len(top);
	}
	vk_push(call->out, vk_decode(call->s, head, len));
	return NL_OK;
}

static int vk_on_finish(struct nl_msg *msg, void *arg)
{
	struct vk_call *call = arg;
	struct nlmsghdr *hdr = nlmsg_hdr(msg);
	int len = nlmsg_datalen(hdr);
	int err = 0;

	/* A dump that failed says so in its NLMSG_DONE. */
	if (len >= (int)sizeof(int))
		memcpy(&err, nlmsg_data(hdr), sizeof(int));
	if (err < 0) {
		call->err = err;
		vk_extack(call, hdr, (char *)nlmsg_data(hdr) + sizeof(int),
			  len - (int)sizeof(int));
	}
	call->done = true;
	return NL_STOP;
}

static int vk_on_ack(struct nl_msg *msg, void *arg)
{
	struct vk_call *call = arg;

	call->done = true;
	return NL_STOP;
}

static int vk_on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *hdr = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct vk_call *call = arg;
	int off = sizeof(*e);

	call->err = e->error;
	if (!(hdr->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	vk_extack(call, hdr, (char *)e + off,
		  (int)hdr->nlmsg_len - NLMSG_HDRLEN - off);
	call->done = true;
	return NL_STOP;
}

int vk_nl_call(struct vk_nl *nl, struct nl_msg *msg, const struct vk_schema *s,
	       struct vk_val *out, const char *what)
{
	struct vk_call call = { .s = s, .out = out };
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int err;

	if (!cb) {
		nlmsg_free(msg);
		fputs("vmkctl: out of memory\n", stderr);
		return VK_EXIT_IO;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, vk_on_valid, &call);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, vk_on_finish, &call);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, vk_on_ack, &call);
	nl_cb_err(cb, NL_CB_CUSTOM, vk_on_error, &call);

	err = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	while (err >= 0 && !call.done)
		err = nl_recvmsgs(nl->sk, cb);
	nl_cb_put(cb);
	if (call.err && !what)
		return call.err == -EPERM ? VK_EXIT_PERM : VK_EXIT_REFUSED;
	if (call.err)
		return vk_nl_error(call.err, call.extack, what);
	if (err < 0 && !what)
		return VK_EXIT_IO;
	if (err < 0) {
		fprintf(stderr, "vmkctl: %s: netlink: %s\n", what,
			nl_geterror(err));
		return VK_EXIT_IO;
	}
	return VK_EXIT_OK;
}

int vk_nl_dump(struct vk_nl *nl, uint8_t cmd, const struct vk_schema *s,
	       struct vk_val **out, const char *what)
{
	*out = vk_array();
	return vk_nl_call(nl, vk_nl_request(nl, cmd, true), s, *out, what);
}

/* --- notifications -------------------------------------------------------- */

static int vk_no_seq_check(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

int vk_nl_join(struct vk_nl *nl, const char *group)
{
	int grp, err, ret;

	grp = genl_ctrl_resolve_grp(nl->sk, VMKAPI_GENL_NAME, group);
	if (grp < 0)
		return VK_EXIT_REFUSED;
	ret = vk_nl_socket(&nl->mc);
	if (ret)
		return ret;
	err = nl_socket_add_membership(nl->mc, grp);
	if (err < 0) {
		nl_socket_free(nl->mc);
		nl->mc = NULL;
		return VK_EXIT_REFUSED;
	}
	nl_socket_set_nonblocking(nl->mc);
	return VK_EXIT_OK;
}

int vk_nl_wait(struct vk_nl *nl, int timeout_ms, const struct vk_schema *s,
	       struct vk_val *out)
{
	struct vk_call call = { .s = s, .out = out };
	struct pollfd pfd;
	struct nl_cb *cb;
	int err;

	if (!nl->mc) {
		poll(NULL, 0, timeout_ms);
		return VK_EXIT_OK;
	}
	pfd.fd = nl_socket_get_fd(nl->mc);
	pfd.events = POLLIN;
	if (poll(&pfd, 1, timeout_ms) <= 0)
		return VK_EXIT_OK;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return VK_EXIT_IO;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, vk_on_valid, &call);
	/* Notifications answer no request: sequence number 0. */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, vk_no_seq_check, NULL);
	err = nl_recvmsgs(nl->mc, cb);
	nl_cb_put(cb);
	/* Nothing more to read, or the socket overran: the caller re-dumps. */
	if (err < 0 && err != -NLE_AGAIN && err != -NLE_NOMEM) {
		fprintf(stderr, "vmkctl: notifications: netlink: %s\n",
			nl_geterror(err));
		return VK_EXIT_IO;
	}
	return VK_EXIT_OK;
}
