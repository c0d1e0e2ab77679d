// SPDX-License-Identifier: GPL-2.0
/*
 * vmkgenl: talks raw generic netlink to vmkapi.ko's "vmkapi" family, for
 * the integration tests of the kernel side (tests/integration/genl*.sh).
 * No libnl: the fuzzer needs to write what no library would, and the
 * checks want to see every byte of the extended ack.
 *
 *   vmkgenl ping                 the core answers CORE_GET
 *   vmkgenl check                every read command, strict refusals
 *                                and their extack messages
 *   vmkgenl check-big H D        ngenl heaps=H devices=D: the dumps
 *                                span several messages, are complete,
 *                                ordered and without repeats
 *   vmkgenl check-ngenl          ngenl's intr, log and events
 *   vmkgenl check-steps BDF      device steps on nedu's edu device and
 *                                its logical child
 *   vmkgenl check-perm           as an unprivileged user: mutating
 *                                commands EPERM, reads allowed
 *   vmkgenl listen N SECS        N events arrive on the "events" group
 *   vmkgenl fuzz SECS [SEED]     random and malformed messages
 *   vmkgenl fuzz-nobody SECS [SEED]  the same as an unprivileged user
 *
 * Prints "ok: ..." per passed check and "FAIL: ..." per failed one;
 * exits non-zero if any failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "vmkapi_genl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define BUF_SIZE	(64 * 1024)
#define MAX_OBJS	4096

static int failures;

static void pass(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("ok: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("FAIL: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	failures++;
}

#define CHECK(cond, ...) do {			\
		if (cond)			\
			pass(__VA_ARGS__);	\
		else				\
			fail(__VA_ARGS__);	\
	} while (0)

/* --- messages ---------------------------------------------------------- */

struct msg {
	union {
		struct nlmsghdr nlh;
		char buf[BUF_SIZE];
	};
	int nest[8];
	int depth;
};

static void *msg_tail(struct msg *m)
{
	return m->buf + NLMSG_ALIGN(m->nlh.nlmsg_len);
}

static void msg_init(struct msg *m, uint16_t type, uint16_t flags, uint8_t cmd)
{
	struct genlmsghdr *g;

	memset(m->buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	m->nlh.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	m->nlh.nlmsg_type = type;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	g = NLMSG_DATA(&m->nlh);
	g->cmd = cmd;
	g->version = 1;
	m->depth = 0;
}

static void put(struct msg *m, uint16_t type, const void *data, int len)
{
	struct nlattr *a = msg_tail(m);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	m->nlh.nlmsg_len = NLMSG_ALIGN(m->nlh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void put_u32(struct msg *m, uint16_t type, uint32_t v)
{
	put(m, type, &v, sizeof(v));
}

static void put_u64(struct msg *m, uint16_t type, uint64_t v)
{
	put(m, type, &v, sizeof(v));
}

static void put_str(struct msg *m, uint16_t type, const char *s)
{
	put(m, type, s, strlen(s) + 1);
}

static void nest_start(struct msg *m, uint16_t type)
{
	m->nest[m->depth++] = NLMSG_ALIGN(m->nlh.nlmsg_len);
	put(m, type | NLA_F_NESTED, NULL, 0);
}

static void nest_end(struct msg *m)
{
	struct nlattr *a = (struct nlattr *)(m->buf + m->nest[--m->depth]);

	a->nla_len = m->nlh.nlmsg_len - m->nest[m->depth];
}

/* --- attributes -------------------------------------------------------- */

#define MAX_ATTR	64

/* Top-level or nested attributes into @tb, by type (last one wins). */
static void parse(struct nlattr *tb[MAX_ATTR], const void *data, int len)
{
	const struct nlattr *a = data;

	memset(tb, 0, MAX_ATTR * sizeof(*tb));
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= len) {
		int type = a->nla_type & NLA_TYPE_MASK;

		if (type < MAX_ATTR)
			tb[type] = (struct nlattr *)a;
		len -= NLA_ALIGN(a->nla_len);
		a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
}

static void *nla_payload(const struct nlattr *a)
{
	return (char *)a + NLA_HDRLEN;
}

static int nla_plen(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static uint32_t get_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (a)
		memcpy(&v, nla_payload(a), sizeof(v));
	return v;
}

static uint64_t get_u64(const struct nlattr *a)
{
	uint64_t v = 0;

	if (a)
		memcpy(&v, nla_payload(a), sizeof(v));
	return v;
}

static const char *get_str(const struct nlattr *a)
{
	return a ? nla_payload(a) : "";
}

/* The nest @type of a reply message, parsed into @tb; false if absent. */
static bool reply_nest(const struct nlmsghdr *nlh, int type,
		       struct nlattr *tb[MAX_ATTR])
{
	struct nlattr *top[MAX_ATTR];
	int len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	parse(top, (char *)NLMSG_DATA(nlh) + GENL_HDRLEN, len);
	if (!top[type])
		return false;
	parse(tb, nla_payload(top[type]), nla_plen(top[type]));
	return true;
}

/* --- a socket and one exchange ---------------------------------------- */

struct sock {
	int fd;
	uint32_t seq;
	uint16_t family;
	uint32_t events_group;
};

/* What one request got back. */
struct reply {
	int err;			/* 0, or the negative errno */
	char msg[256];			/* NLMSGERR_ATTR_MSG */
	bool has_offs;
	uint32_t offs;
	bool has_cookie;
	uint32_t cookie;
	int nmsgs;			/* data messages */
	int datagrams;			/* recv() calls that returned data */
	struct nlmsghdr *objs[MAX_OBJS];	/* copies of data messages */
};

static void reply_free(struct reply *r)
{
	int i;

	for (i = 0; i < r->nmsgs && i < MAX_OBJS; i++)
		free(r->objs[i]);
	memset(r, 0, sizeof(*r));
}

static int sock_open(struct sock *s)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, rcv = 1 << 20;

	memset(s, 0, sizeof(*s));
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return -errno;
	setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return 0;
}

static int sock_send(struct sock *s, struct msg *m)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	m->nlh.nlmsg_seq = ++s->seq;
	if (sendto(s->fd, m->buf, m->nlh.nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		return -errno;
	return 0;
}

/* The extended ack TLVs after an error or done message's payload. */
static void read_extack(struct reply *r, const struct nlmsghdr *nlh,
			int offset)
{
	struct nlattr *tb[MAX_ATTR];
	int len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - offset;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || len <= 0)
		return;
	parse(tb, (char *)NLMSG_DATA(nlh) + offset, len);
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(r->msg, sizeof(r->msg), "%.*s",
			 nla_plen(tb[NLMSGERR_ATTR_MSG]),
			 get_str(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_OFFS]) {
		r->has_offs = true;
		r->offs = get_u32(tb[NLMSGERR_ATTR_OFFS]);
	}
	if (tb[NLMSGERR_ATTR_COOKIE] &&
	    nla_plen(tb[NLMSGERR_ATTR_COOKIE]) >= 4) {
		r->has_cookie = true;
		r->cookie = get_u32(tb[NLMSGERR_ATTR_COOKIE]);
	}
}

/*
 * Read until the request with @seq is answered: an error/ack message, or
 * the end of a dump.  -ETIMEDOUT after @ms without data.
 */
static int sock_recv(struct sock *s, uint32_t seq, struct reply *r, int ms)
{
	static char buf[BUF_SIZE];
	struct pollfd p = { .fd = s->fd, .events = POLLIN };
	bool done = false;

	memset(r, 0, sizeof(*r));
	while (!done) {
		struct nlmsghdr *nlh;
		int len;

		if (poll(&p, 1, ms) <= 0)
			return -ETIMEDOUT;
		len = recv(s->fd, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		r->datagrams++;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);
				int off = sizeof(*e);

				if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
					off += e->msg.nlmsg_len - NLMSG_HDRLEN;
				r->err = e->error;
				read_extack(r, nlh, off);
				done = true;
			} else if (nlh->nlmsg_type == NLMSG_DONE) {
				int *e = NLMSG_DATA(nlh);

				r->err = *e;
				read_extack(r, nlh, sizeof(int));
				done = true;
			} else {
				if (r->nmsgs < MAX_OBJS) {
					r->objs[r->nmsgs] = malloc(nlh->nlmsg_len);
					memcpy(r->objs[r->nmsgs], nlh,
					       nlh->nlmsg_len);
				}
				r->nmsgs++;
				if (!(nlh->nlmsg_flags & NLM_F_MULTI) &&
				    !(nlh->nlmsg_flags & NLM_F_ACK))
					done = true;
			}
		}
	}
	return 0;
}

/* Send @m (with NLM_F_ACK) and wait for the whole answer. */
static int exchange(struct sock *s, struct msg *m, struct reply *r)
{
	int err;

	m->nlh.nlmsg_flags |= NLM_F_ACK;
	err = sock_send(s, m);
	if (err)
		return err;
	return sock_recv(s, s->seq, r, 10000);
}

static int resolve_family(struct sock *s)
{
	struct nlattr *tb[MAX_ATTR], *grp[MAX_ATTR], *g;
	struct reply r;
	struct msg *m = malloc(sizeof(*m));
	int len, err;

	msg_init(m, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY);
	put_str(m, CTRL_ATTR_FAMILY_NAME, VMKAPI_GENL_NAME);
	err = exchange(s, m, &r);
	free(m);
	if (err || r.err || !r.nmsgs) {
		reply_free(&r);
		return err ? err : r.err ? r.err : -ENOENT;
	}
	parse(tb, (char *)NLMSG_DATA(r.objs[0]) + GENL_HDRLEN,
	      r.objs[0]->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN);
	s->family = *(uint16_t *)nla_payload(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_MCAST_GROUPS]) {
		g = nla_payload(tb[CTRL_ATTR_MCAST_GROUPS]);
		len = nla_plen(tb[CTRL_ATTR_MCAST_GROUPS]);
		while (len >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN) {
			parse(grp, nla_payload(g), nla_plen(g));
			if (grp[CTRL_ATTR_MCAST_GRP_NAME] &&
			    !strcmp(get_str(grp[CTRL_ATTR_MCAST_GRP_NAME]),
				    VMKAPI_GENL_MCGRP_EVENTS))
				s->events_group =
					get_u32(grp[CTRL_ATTR_MCAST_GRP_ID]);
			len -= NLA_ALIGN(g->nla_len);
			g = (struct nlattr *)((char *)g + NLA_ALIGN(g->nla_len));
		}
	}
	reply_free(&r);
	return 0;
}

static void connect_or_die(struct sock *s)
{
	int err = sock_open(s);

	if (!err)
		err = resolve_family(s);
	if (err) {
		printf("FAIL: family %s: %s (is vmkapi.ko loaded?)\n",
		       VMKAPI_GENL_NAME, strerror(-err));
		exit(2);
	}
}

/* A request to the family: @cmd, @dump, and the caller's attributes. */
static struct msg *req(struct sock *s, uint8_t cmd, bool dump)
{
	static struct msg m;

	msg_init(&m, s->family, dump ? NLM_F_DUMP : 0, cmd);
	return &m;
}

/* --- checks ------------------------------------------------------------ */

static int do_ping(struct sock *s)
{
	struct nlattr *tb[MAX_ATTR];
	struct reply r;
	int err;

	err = exchange(s, req(s, VMKAPI_CMD_CORE_GET, false), &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_CORE, tb) &&
	      get_u32(tb[VMKAPI_CORE_A_GENL_VERSION]) == VMKAPI_GENL_VERSION &&
	      !strncmp(get_str(tb[VMKAPI_CORE_A_REVISION_STRING]), "2.3", 3),
	      "core answers CORE_GET (revision %s, %u modules)",
	      r.nmsgs ? get_str(tb[VMKAPI_CORE_A_REVISION_STRING]) : "?",
	      r.nmsgs ? get_u32(tb[VMKAPI_CORE_A_MODULES]) : 0);
	reply_free(&r);
	return failures ? 1 : 0;
}

/* Expect refusal @err whose extack message contains @text. */
static void expect_refusal(struct sock *s, struct msg *m, int err,
			   const char *text, const char *what)
{
	struct reply r;
	int e = exchange(s, m, &r);

	CHECK(!e && r.err == err && strstr(r.msg, text),
	      "%s: %s (\"%s\")", what, strerror(-err), r.msg);
	reply_free(&r);
}

static int find_module(struct sock *s, const char *name, uint32_t *id)
{
	struct nlattr *tb[MAX_ATTR];
	struct reply r;
	struct msg *m = req(s, VMKAPI_CMD_MODULE_GET, false);
	int err;

	nest_start(m, VMKAPI_A_MODULE);
	put_str(m, VMKAPI_MODULE_A_NAME, name);
	nest_end(m);
	err = exchange(s, m, &r);
	if (!err)
		err = r.err;
	if (!err && r.nmsgs == 1 && reply_nest(r.objs[0], VMKAPI_A_MODULE, tb))
		*id = get_u32(tb[VMKAPI_MODULE_A_ID]);
	else if (!err)
		err = -EPROTO;
	reply_free(&r);
	return err;
}

static int do_check(struct sock *s)
{
	struct nlattr *tb[MAX_ATTR];
	struct reply r;
	struct msg *m;
	uint32_t id;
	int i, err;

	do_ping(s);

	/* Modules: the core first, by ID; by name; unknown ones refused. */
	err = exchange(s, req(s, VMKAPI_CMD_MODULE_GET, true), &r);
	CHECK(!err && !r.err && r.nmsgs >= 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_MODULE, tb) &&
	      get_u32(tb[VMKAPI_MODULE_A_ID]) == 0 &&
	      !strcmp(get_str(tb[VMKAPI_MODULE_A_NAME]), "vmkapi") &&
	      tb[VMKAPI_MODULE_A_REVISION],
	      "module dump: %d module(s), the core first", r.nmsgs);
	reply_free(&r);
	CHECK(!find_module(s, "vmkapi", &id) && id == 0,
	      "module get by name");
	m = req(s, VMKAPI_CMD_MODULE_GET, false);
	nest_start(m, VMKAPI_A_MODULE);
	put_u32(m, VMKAPI_MODULE_A_ID, 0);
	nest_end(m);
	err = exchange(s, m, &r);
	CHECK(!err && !r.err && r.nmsgs == 1, "module get by ID");
	reply_free(&r);
	m = req(s, VMKAPI_CMD_MODULE_GET, false);
	nest_start(m, VMKAPI_A_MODULE);
	put_str(m, VMKAPI_MODULE_A_NAME, "no-such-module");
	nest_end(m);
	expect_refusal(s, m, -ENOENT, "no module is registered",
		       "module get of an unknown name");
	m = req(s, VMKAPI_CMD_MODULE_GET, false);
	nest_start(m, VMKAPI_A_MODULE);
	put_str(m, VMKAPI_MODULE_A_NAME, "vmkapi");
	put_u32(m, VMKAPI_MODULE_A_ID, 0);
	nest_end(m);
	expect_refusal(s, m, -EINVAL, "not both", "module by ID and name");
	expect_refusal(s, req(s, VMKAPI_CMD_MODULE_GET, false), -EINVAL,
		       "nest is missing", "module get without a module");

	/* Strict validation. */
	m = req(s, VMKAPI_CMD_MODULE_GET, false);
	nest_start(m, VMKAPI_A_MODULE);
	put_str(m, VMKAPI_MODULE_A_NAME,
		"a-module-name-far-longer-than-thirty-one-bytes");
	nest_end(m);
	{
		int e = exchange(s, m, &r);

		CHECK(!e && r.err == -EINVAL && r.has_offs && r.msg[0],
		      "an over-long name is refused with its offset (\"%s\")",
		      r.msg);
		reply_free(&r);
	}
	m = req(s, VMKAPI_CMD_MODULE_GET, false);
	nest_start(m, VMKAPI_A_MODULE);
	put_u32(m, VMKAPI_MODULE_A_USE_COUNT, 1);
	nest_end(m);
	expect_refusal(s, m, -EINVAL, "", "an output-only attribute in a request");
	m = req(s, VMKAPI_CMD_MODULE_GET, false);
	put(m, VMKAPI_A_MODULE, "\x08\0\x02\0\0\0\0\0", 8);
	expect_refusal(s, m, -EINVAL, "NLA_F_NESTED",
		       "a nest without NLA_F_NESTED");
	m = req(s, VMKAPI_CMD_CORE_GET, false);
	put_u32(m, VMKAPI_A_HEAP, 0);
	expect_refusal(s, m, -EINVAL, "", "an attribute CORE_GET does not take");
	m = req(s, VMKAPI_CMD_MODULE_GET, false);
	nest_start(m, VMKAPI_A_MODULE);
	put(m, VMKAPI_MODULE_A_ID, "\1\0", 2);
	nest_end(m);
	expect_refusal(s, m, -EINVAL, "", "a u32 of two bytes");
	m = req(s, VMKAPI_CMD_MODULE_GET, false);
	nest_start(m, VMKAPI_A_MODULE);
	put(m, VMKAPI_MODULE_A_NAME, "vmkapi", 6);
	nest_end(m);
	expect_refusal(s, m, -EINVAL, "", "an unterminated string");
	m = req(s, VMKAPI_CMD_CORE_LAST + 1, false);
	expect_refusal(s, m, -EOPNOTSUPP, "", "an unknown command");
	m = req(s, VMKAPI_CMD_HEAP_GET, false);
	expect_refusal(s, m, -EOPNOTSUPP, "", "HEAP_GET without NLM_F_DUMP");
	m = req(s, VMKAPI_CMD_CORE_GET, false);
	((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->reserved = 1;
	expect_refusal(s, m, -EINVAL, "reserved", "a non-zero reserved field");

	/* Heaps: every heap names its module. */
	err = exchange(s, req(s, VMKAPI_CMD_HEAP_GET, true), &r);
	for (i = 0; !err && i < r.nmsgs && i < MAX_OBJS; i++)
		if (!reply_nest(r.objs[i], VMKAPI_A_HEAP, tb) ||
		    !tb[VMKAPI_HEAP_A_NAME] || !tb[VMKAPI_HEAP_A_BYTES])
			err = -EPROTO;
	CHECK(!err && !r.err, "heap dump: %d heap(s)", r.nmsgs);
	reply_free(&r);
	m = req(s, VMKAPI_CMD_HEAP_GET, true);
	nest_start(m, VMKAPI_A_HEAP);
	put_str(m, VMKAPI_HEAP_A_MODULE_NAME, "no-such-module");
	nest_end(m);
	expect_refusal(s, m, -ENOENT, "no module is registered",
		       "heap dump filtered by an unknown module");

	/* Devices, drivers, cookies, log components, events: dumps work. */
	err = exchange(s, req(s, VMKAPI_CMD_DEVICE_GET, true), &r);
	CHECK(!err && !r.err, "device dump: %d device(s)", r.nmsgs);
	reply_free(&r);
	m = req(s, VMKAPI_CMD_DEVICE_GET, false);
	nest_start(m, VMKAPI_A_DEVICE);
	put_str(m, VMKAPI_DEVICE_A_ADDRESS, "nowhere:0");
	nest_end(m);
	expect_refusal(s, m, -ENOENT, "no such device", "device get of an unknown address");
	m = req(s, VMKAPI_CMD_DEVICE_GET, false);
	nest_start(m, VMKAPI_A_DEVICE);
	nest_end(m);
	expect_refusal(s, m, -EINVAL, "name the device", "device get without a name");
	err = exchange(s, req(s, VMKAPI_CMD_DRIVER_GET, true), &r);
	CHECK(!err && !r.err, "driver dump: %d driver(s)", r.nmsgs);
	reply_free(&r);
	m = req(s, VMKAPI_CMD_DRIVER_GET, false);
	nest_start(m, VMKAPI_A_DRIVER);
	put_str(m, VMKAPI_DRIVER_A_NAME, "no-such-driver");
	nest_end(m);
	expect_refusal(s, m, -ENOENT, "no driver", "driver get of an unknown name");
	err = exchange(s, req(s, VMKAPI_CMD_INTR_GET, true), &r);
	CHECK(!err && !r.err, "interrupt cookie dump: %d cookie(s)", r.nmsgs);
	reply_free(&r);
	m = req(s, VMKAPI_CMD_INTR_GET, false);
	nest_start(m, VMKAPI_A_INTR);
	put_u32(m, VMKAPI_INTR_A_COOKIE, 0);
	nest_end(m);
	expect_refusal(s, m, -ERANGE, "out of range",
		       "cookie 0 (the policy's minimum is 1)");
	m = req(s, VMKAPI_CMD_INTR_GET, false);
	nest_start(m, VMKAPI_A_INTR);
	put_u32(m, VMKAPI_INTR_A_COOKIE, 0x7fffffff);
	nest_end(m);
	expect_refusal(s, m, -ENOENT, "no live interrupt cookie",
		       "an unknown cookie");
	err = exchange(s, req(s, VMKAPI_CMD_LOG_GET, true), &r);
	CHECK(!err && !r.err && r.nmsgs >= 1, "log component dump: %d", r.nmsgs);
	reply_free(&r);
	m = req(s, VMKAPI_CMD_LOG_GET, false);
	nest_start(m, VMKAPI_A_LOG);
	put_str(m, VMKAPI_LOG_A_MODULE_NAME, "vmkapi");
	put_str(m, VMKAPI_LOG_A_NAME, "vmkapi");
	nest_end(m);
	err = exchange(s, m, &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_LOG, tb) &&
	      !strcmp(get_str(tb[VMKAPI_LOG_A_NAME]), "vmkapi"),
	      "log get vmkapi/vmkapi");
	reply_free(&r);
	m = req(s, VMKAPI_CMD_LOG_GET, false);
	nest_start(m, VMKAPI_A_LOG);
	put_str(m, VMKAPI_LOG_A_MODULE_NAME, "vmkapi");
	put_str(m, VMKAPI_LOG_A_NAME, "nosuch");
	nest_end(m);
	expect_refusal(s, m, -ENOENT, "no log component", "log get of an unknown component");
	m = req(s, VMKAPI_CMD_LOG_SET, false);
	nest_start(m, VMKAPI_A_LOG);
	put_str(m, VMKAPI_LOG_A_MODULE_NAME, "vmkapi");
	put_str(m, VMKAPI_LOG_A_NAME, "vmkapi");
	put_u32(m, VMKAPI_LOG_A_LEVEL, (uint32_t)-1);
	nest_end(m);
	expect_refusal(s, m, -ERANGE, "out of range",
		       "log set to a negative level");
	m = req(s, VMKAPI_CMD_LOG_SET, false);
	nest_start(m, VMKAPI_A_LOG);
	put_str(m, VMKAPI_LOG_A_MODULE_NAME, "vmkapi");
	put_str(m, VMKAPI_LOG_A_NAME, "vmkapi");
	nest_end(m);
	expect_refusal(s, m, -EINVAL, "give the new level", "log set without a level");
	err = exchange(s, req(s, VMKAPI_CMD_EVENTS_GET, true), &r);
	CHECK(!err && !r.err, "event dump: %d event(s)", r.nmsgs);
	reply_free(&r);
	m = req(s, VMKAPI_CMD_DEVICE_QUIESCE, false);
	nest_start(m, VMKAPI_A_DEVICE);
	put_str(m, VMKAPI_DEVICE_A_ADDRESS, "nowhere:0");
	nest_end(m);
	expect_refusal(s, m, -ENOENT, "no such device", "quiesce of an unknown device");
	return failures ? 1 : 0;
}

/* Keys of a dump: all there, increasing, none twice. */
static void check_dump(struct sock *s, uint8_t cmd, int nest, int key_attr,
		       bool key64, const char *prefix, int expect,
		       const char *what)
{
	struct nlattr *tb[MAX_ATTR];
	uint64_t last = 0, key;
	struct reply r;
	int i, mine = 0, err;
	bool ordered = true;

	err = exchange(s, req(s, cmd, true), &r);
	for (i = 0; !err && i < r.nmsgs && i < MAX_OBJS; i++) {
		if (!reply_nest(r.objs[i], nest, tb)) {
			err = -EPROTO;
			break;
		}
		key = key64 ? get_u64(tb[key_attr]) : get_u32(tb[key_attr]);
		if (i && key <= last)
			ordered = false;
		last = key;
		if (tb[VMKAPI_HEAP_A_NAME] && nest == VMKAPI_A_HEAP &&
		    !strncmp(get_str(tb[VMKAPI_HEAP_A_NAME]), prefix,
			     strlen(prefix)))
			mine++;
		if (nest == VMKAPI_A_DEVICE &&
		    !strncmp(get_str(tb[VMKAPI_DEVICE_A_ADDRESS]), prefix,
			     strlen(prefix)))
			mine++;
	}
	CHECK(!err && !r.err && r.datagrams > 1 && ordered && mine == expect,
	      "%s dump: %d objects (%d of ngenl's %d) in %d datagrams, keys increasing",
	      what, r.nmsgs, mine, expect, r.datagrams);
	reply_free(&r);
}

static int do_check_big(struct sock *s, int heaps, int devices)
{
	check_dump(s, VMKAPI_CMD_HEAP_GET, VMKAPI_A_HEAP, VMKAPI_HEAP_A_ID,
		   true, "ngenl-", heaps, "heap");
	check_dump(s, VMKAPI_CMD_DEVICE_GET, VMKAPI_A_DEVICE,
		   VMKAPI_DEVICE_A_ID, true, "ngenl:", devices, "device");
	return failures ? 1 : 0;
}

/* ngenl loaded with intr=1 events=N: its cookie, log component, events. */
static int do_check_ngenl(struct sock *s, int events)
{
	struct nlattr *tb[MAX_ATTR], *h[MAX_ATTR];
	uint64_t acks = 0, sum = 0, *hist;
	uint32_t id, cookie = 0;
	struct reply r;
	struct msg *m;
	int i, n, err;

	if (find_module(s, "ngenl", &id)) {
		fail("module ngenl not found");
		return 1;
	}
	m = req(s, VMKAPI_CMD_INTR_GET, true);
	nest_start(m, VMKAPI_A_INTR);
	put_u32(m, VMKAPI_INTR_A_MODULE_ID, id);
	nest_end(m);
	err = exchange(s, m, &r);
	if (!err && !r.err && r.nmsgs == 1 &&
	    reply_nest(r.objs[0], VMKAPI_A_INTR, tb)) {
		cookie = get_u32(tb[VMKAPI_INTR_A_COOKIE]);
		acks = get_u64(tb[VMKAPI_INTR_A_ACKS]);
		hist = nla_payload(tb[VMKAPI_INTR_A_ACK_HIST]);
		n = nla_plen(tb[VMKAPI_INTR_A_ACK_HIST]) / 8;
		for (i = 0; i < n; i++)
			sum += hist[i];
		parse(h, nla_payload(tb[VMKAPI_INTR_A_HANDLERS]),
		      nla_plen(tb[VMKAPI_INTR_A_HANDLERS]));
	}
	CHECK(cookie && acks >= 3 && sum == acks && n == 32 &&
	      tb[VMKAPI_INTR_A_ENABLED] &&
	      get_u64(tb[VMKAPI_INTR_A_COUNT]) >= 3 &&
	      get_u64(tb[VMKAPI_INTR_A_HANDLER_RUNS]) >= 3 &&
	      !strcmp(get_str(h[VMKAPI_INTR_HANDLER_A_NAME]), "ngenl-intr"),
	      "ngenl's cookie %u: %llu acknowledges, histogram sums to them, handler ngenl-intr",
	      cookie, (unsigned long long)acks);
	reply_free(&r);
	m = req(s, VMKAPI_CMD_INTR_GET, false);
	nest_start(m, VMKAPI_A_INTR);
	put_u32(m, VMKAPI_INTR_A_COOKIE, cookie);
	nest_end(m);
	err = exchange(s, m, &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_INTR, tb) &&
	      get_u32(tb[VMKAPI_INTR_A_MODULE_ID]) == id &&
	      !strcmp(get_str(tb[VMKAPI_INTR_A_MODULE_NAME]), "ngenl"),
	      "intr get by cookie");
	reply_free(&r);

	/* Log set, then get: the new level; the dump filtered by module. */
	m = req(s, VMKAPI_CMD_LOG_SET, false);
	nest_start(m, VMKAPI_A_LOG);
	put_u32(m, VMKAPI_LOG_A_MODULE_ID, id);
	put_str(m, VMKAPI_LOG_A_NAME, "ngenl");
	put_u32(m, VMKAPI_LOG_A_LEVEL, 7);
	nest_end(m);
	err = exchange(s, m, &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_LOG, tb) &&
	      get_u32(tb[VMKAPI_LOG_A_LEVEL]) == 7,
	      "log set ngenl/ngenl to 7 replies with the new level");
	reply_free(&r);
	m = req(s, VMKAPI_CMD_LOG_GET, true);
	nest_start(m, VMKAPI_A_LOG);
	put_str(m, VMKAPI_LOG_A_MODULE_NAME, "ngenl");
	nest_end(m);
	err = exchange(s, m, &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_LOG, tb) &&
	      get_u32(tb[VMKAPI_LOG_A_LEVEL]) == 7,
	      "log dump filtered by module: ngenl's one component at level 7");
	reply_free(&r);

	/* Events: ngenl's ring, then nothing after its last seq. */
	m = req(s, VMKAPI_CMD_EVENTS_GET, true);
	nest_start(m, VMKAPI_A_EVENT);
	put_str(m, VMKAPI_EVENT_A_SOURCE, "ngenl");
	nest_end(m);
	err = exchange(s, m, &r);
	n = 0;
	{
		uint64_t last = 0, seq;
		bool good = true;

		for (i = 0; !err && i < r.nmsgs && i < MAX_OBJS; i++) {
			if (!reply_nest(r.objs[i], VMKAPI_A_EVENT, tb)) {
				good = false;
				break;
			}
			seq = get_u64(tb[VMKAPI_EVENT_A_SEQ]);
			if (seq <= last)
				good = false;
			last = seq;
			if (!strcmp(get_str(tb[VMKAPI_EVENT_A_SOURCE]), "ngenl") &&
			    get_u32(tb[VMKAPI_EVENT_A_KIND]) ==
			    VMKAPI_EVENT_CALLBACK_FAILED &&
			    !strncmp(get_str(tb[VMKAPI_EVENT_A_TEXT]),
				     "test event", 10))
				n++;
		}
		CHECK(!err && !r.err && good && n == events,
		      "event dump of ngenl's ring: %d test events in seq order",
		      n);
		reply_free(&r);
		m = req(s, VMKAPI_CMD_EVENTS_GET, true);
		nest_start(m, VMKAPI_A_EVENT);
		put_str(m, VMKAPI_EVENT_A_SOURCE, "ngenl");
		put_u64(m, VMKAPI_EVENT_A_AFTER, last);
		nest_end(m);
		err = exchange(s, m, &r);
		CHECK(!err && !r.err && r.nmsgs == 0,
		      "event dump after the last seq is empty");
		reply_free(&r);
	}
	return failures ? 1 : 0;
}

/* The device @addr's state (or -1), its ID and children into *@id. */
static int device_state(struct sock *s, const char *addr, uint64_t *id,
			int *children)
{
	struct nlattr *tb[MAX_ATTR];
	struct reply r;
	struct msg *m = req(s, VMKAPI_CMD_DEVICE_GET, false);
	int state = -1;

	nest_start(m, VMKAPI_A_DEVICE);
	put_str(m, VMKAPI_DEVICE_A_ADDRESS, addr);
	nest_end(m);
	if (!exchange(s, m, &r) && !r.err && r.nmsgs == 1 &&
	    reply_nest(r.objs[0], VMKAPI_A_DEVICE, tb)) {
		state = get_u32(tb[VMKAPI_DEVICE_A_STATE]);
		if (id)
			*id = get_u64(tb[VMKAPI_DEVICE_A_ID]);
		if (children)
			*children = get_u32(tb[VMKAPI_DEVICE_A_CHILDREN]);
	}
	reply_free(&r);
	return state;
}

static int step(struct sock *s, uint8_t cmd, const char *addr,
		struct reply *r)
{
	struct msg *m = req(s, cmd, false);

	nest_start(m, VMKAPI_A_DEVICE);
	put_str(m, VMKAPI_DEVICE_A_ADDRESS, addr);
	nest_end(m);
	return exchange(s, m, r);
}

/* The first child of the device with ID @parent: its address. */
static bool child_of(struct sock *s, uint64_t parent, char *addr, size_t len)
{
	struct nlattr *tb[MAX_ATTR];
	struct reply r;
	bool found = false;
	int i;

	if (exchange(s, req(s, VMKAPI_CMD_DEVICE_GET, true), &r) || r.err)
		return false;
	for (i = 0; i < r.nmsgs && i < MAX_OBJS && !found; i++) {
		if (reply_nest(r.objs[i], VMKAPI_A_DEVICE, tb) &&
		    get_u64(tb[VMKAPI_DEVICE_A_PARENT_ID]) == parent) {
			snprintf(addr, len, "%s",
				 get_str(tb[VMKAPI_DEVICE_A_ADDRESS]));
			found = true;
		}
	}
	reply_free(&r);
	return found;
}

static int do_check_steps(struct sock *s, const char *bdf)
{
	struct nlattr *tb[MAX_ATTR];
	char child[512];
	uint64_t id;
	struct reply r;
	int children = 0, err;

	CHECK(device_state(s, bdf, &id, &children) == VMKAPI_DEVICE_STARTED &&
	      children == 1, "edu %s is started with one child", bdf);
	CHECK(child_of(s, id, child, sizeof(child)), "its child is %s", child);

	err = step(s, VMKAPI_CMD_DEVICE_QUIESCE, bdf, &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_DEVICE, tb) &&
	      get_u32(tb[VMKAPI_DEVICE_A_STATE]) == VMKAPI_DEVICE_QUIESCENT,
	      "quiesce: the reply says quiescent");
	reply_free(&r);
	err = step(s, VMKAPI_CMD_DEVICE_QUIESCE, bdf, &r);
	/* A VMK failure status is 0x0bad0000 plus its index. */
	CHECK(!err && r.err == -EOPNOTSUPP && r.has_cookie &&
	      (r.cookie & 0xffff0000) == 0x0bad0000 &&
	      strstr(r.msg, "state does not allow"),
	      "quiesce again: refused, VMK status 0x%x in the cookie (\"%s\")",
	      r.cookie, r.msg);
	reply_free(&r);
	err = step(s, VMKAPI_CMD_DEVICE_RESCAN, bdf, &r);
	CHECK(!err && r.err == -EOPNOTSUPP, "rescan of a quiescent device is refused");
	reply_free(&r);
	err = step(s, VMKAPI_CMD_DEVICE_START, bdf, &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_DEVICE, tb) &&
	      get_u32(tb[VMKAPI_DEVICE_A_STATE]) == VMKAPI_DEVICE_STARTED,
	      "start: the reply says started");
	reply_free(&r);
	err = step(s, VMKAPI_CMD_DEVICE_REMOVE, bdf, &r);
	CHECK(!err && r.err == -EOPNOTSUPP && strstr(r.msg, "removed by its bus"),
	      "remove of the PCI device is refused (\"%s\")", r.msg);
	reply_free(&r);
	err = step(s, VMKAPI_CMD_DEVICE_REMOVE, child, &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_DEVICE, tb) &&
	      get_u32(tb[VMKAPI_DEVICE_A_STATE]) == VMKAPI_DEVICE_REMOVED,
	      "remove of the logical child: removed");
	reply_free(&r);
	CHECK(device_state(s, child, NULL, NULL) == -1 &&
	      device_state(s, bdf, NULL, &children) == VMKAPI_DEVICE_STARTED &&
	      children == 0, "the child is gone, edu has no children");
	err = step(s, VMKAPI_CMD_DEVICE_RESCAN, bdf, &r);
	CHECK(!err && !r.err && r.nmsgs == 1 &&
	      reply_nest(r.objs[0], VMKAPI_A_DEVICE, tb) &&
	      get_u32(tb[VMKAPI_DEVICE_A_CHILDREN]) == 1,
	      "rescan: edu has its child again");
	reply_free(&r);
	CHECK(child_of(s, id, child, sizeof(child)) &&
	      device_state(s, child, NULL, NULL) == VMKAPI_DEVICE_STARTED,
	      "the new child %s is started (attached to the char-dev layer)",
	      child);
	return failures ? 1 : 0;
}

/* Mutating commands from a user without CAP_NET_ADMIN. */
static int do_check_perm(void)
{
	static const uint8_t admin[] = {
		VMKAPI_CMD_LOG_SET, VMKAPI_CMD_DEVICE_QUIESCE,
		VMKAPI_CMD_DEVICE_START, VMKAPI_CMD_DEVICE_REMOVE,
		VMKAPI_CMD_DEVICE_RESCAN,
	};
	struct sock s;
	struct reply r;
	unsigned int i;
	int err;

	if (getuid() == 0 &&
	    (setgroups(0, NULL) || setgid(65534) || setuid(65534))) {
		fail("cannot become nobody: %s", strerror(errno));
		return 1;
	}
	connect_or_die(&s);
	for (i = 0; i < sizeof(admin); i++) {
		struct msg *m = req(&s, admin[i], false);

		nest_start(m, admin[i] == VMKAPI_CMD_LOG_SET ?
			   VMKAPI_A_LOG : VMKAPI_A_DEVICE);
		nest_end(m);
		err = exchange(&s, m, &r);
		CHECK(!err && r.err == -EPERM,
		      "uid %d: command %u refused with EPERM", getuid(),
		      admin[i]);
		reply_free(&r);
	}
	err = exchange(&s, req(&s, VMKAPI_CMD_DEVICE_GET, true), &r);
	CHECK(!err && !r.err, "uid %d: reads are allowed", getuid());
	reply_free(&r);
	return failures ? 1 : 0;
}

static int do_listen(struct sock *s, int want, int secs)
{
	static char buf[BUF_SIZE];
	struct nlattr *tb[MAX_ATTR];
	struct pollfd p = { .fd = s->fd, .events = POLLIN };
	time_t end = time(NULL) + secs;
	int got = 0, len;
	uint32_t grp = s->events_group;

	if (!grp ||
	    setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
		       sizeof(grp))) {
		fail("cannot join the events group");
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	while (got < want && time(NULL) < end) {
		struct nlmsghdr *nlh;

		if (poll(&p, 1, 1000) <= 0)
			continue;
		len = recv(s->fd, buf, sizeof(buf), 0);
		for (nlh = (struct nlmsghdr *)buf; len > 0 && NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			struct genlmsghdr *g = NLMSG_DATA(nlh);

			if (nlh->nlmsg_type == s->family &&
			    g->cmd == VMKAPI_CMD_EVENT_NEW &&
			    reply_nest(nlh, VMKAPI_A_EVENT, tb) &&
			    !strcmp(get_str(tb[VMKAPI_EVENT_A_SOURCE]), "ngenl"))
				got++;
		}
	}
	CHECK(got >= want, "%d of %d ngenl events multicast to \"%s\"", got,
	      want, VMKAPI_GENL_MCGRP_EVENTS);
	return failures ? 1 : 0;
}

/* --- fuzz -------------------------------------------------------------- */

static uint64_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static uint32_t rnd_below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

/* Random attributes, some of them plausible, some nested, some broken. */
static void fuzz_attrs(struct msg *m, int depth)
{
	int n = rnd_below(6), i, len, j;
	char data[700];

	for (i = 0; i < n; i++) {
		uint16_t type = rnd_below(4) ? rnd_below(24) : rnd();

		if (m->nlh.nlmsg_len > BUF_SIZE - 2048)
			return;
		switch (rnd_below(8)) {
		case 0:		/* a nest of more of the same */
			if (depth < 4) {
				nest_start(m, type);
				fuzz_attrs(m, depth + 1);
				nest_end(m);
			}
			break;
		case 1:		/* a string, maybe terminated, maybe long */
			len = rnd_below(4) ? rnd_below(40) : rnd_below(sizeof(data));
			for (j = 0; j < len; j++)
				data[j] = 'a' + rnd_below(26);
			if (rnd_below(2) && len)
				data[len - 1] = '\0';
			put(m, type, data, len);
			break;
		case 2:
			put_u32(m, type, rnd_below(3) ? rnd_below(8) : rnd());
			break;
		case 3:
			put_u64(m, type, rnd_below(2) ? rnd_below(64) :
				((uint64_t)rnd() << 32 | rnd()));
			break;
		case 4:		/* a header whose length lies */
			{
				struct nlattr *a = msg_tail(m);

				put(m, type, data, rnd_below(16));
				a->nla_len = rnd_below(3) ? rnd() & 0xffff :
					     a->nla_len + rnd_below(64);
			}
			break;
		case 5:		/* a zero-length or flag attribute */
			put(m, type, NULL, 0);
			break;
		default:	/* random bytes */
			len = rnd_below(64);
			for (j = 0; j < len; j++)
				data[j] = rnd();
			put(m, type, data, len);
			break;
		}
	}
}

static uint8_t fuzz_cmd(void)
{
	switch (rnd_below(8)) {
	case 0:
		return rnd();
	case 1:
		return VMKAPI_CMD_MGMT_FIRST + rnd_below(16);
	default:
		return rnd_below(VMKAPI_CMD_CORE_LAST + 2);
	}
}

/* One random message; answers read or, now and then, left unread. */
static void fuzz_one(struct sock *s, struct msg *m)
{
	static char buf[BUF_SIZE];
	uint16_t flags = 0;
	struct genlmsghdr *g;

	if (rnd_below(3) == 0)
		flags |= NLM_F_DUMP;
	if (rnd_below(2))
		flags |= NLM_F_ACK;
	if (rnd_below(16) == 0)
		flags |= rnd() & 0xff00;
	msg_init(m, s->family, flags, fuzz_cmd());
	g = NLMSG_DATA(&m->nlh);
	if (rnd_below(16) == 0)
		g->version = rnd();
	if (rnd_below(32) == 0)
		g->reserved = rnd();
	fuzz_attrs(m, 0);
	if (rnd_below(16) == 0)	/* truncated: cut anywhere, even the header */
		m->nlh.nlmsg_len = rnd_below(m->nlh.nlmsg_len + 1);
	sock_send(s, m);
	/* Drain what came back, but leave a dump half read sometimes. */
	if (rnd_below(8)) {
		struct pollfd p = { .fd = s->fd, .events = POLLIN };
		int wait = 100;

		/* Each recv also makes the kernel fill the next dump part. */
		while (poll(&p, 1, wait) > 0 &&
		       recv(s->fd, buf, rnd_below(8) ? sizeof(buf) : 64,
			    MSG_DONTWAIT) > 0)
			wait = 0;
	}
}

static int do_fuzz(int secs, unsigned int seed)
{
	struct msg *m = malloc(sizeof(*m));
	time_t end = time(NULL) + secs;
	unsigned long sent = 0, sockets = 0;
	struct sock s;

	rng = seed ? seed : 0x9e3779b97f4a7c15ULL;
	connect_or_die(&s);
	while (time(NULL) < end) {
		fuzz_one(&s, m);
		sent++;
		/* A fresh socket now and then drops dumps in progress. */
		if (rnd_below(64) == 0) {
			close(s.fd);
			connect_or_die(&s);
			sockets++;
		}
	}
	close(s.fd);
	free(m);
	printf("fuzz: %lu messages on %lu sockets in %d s (seed %u)\n", sent,
	       sockets + 1, secs, seed);
	CHECK(sent >= 1000, "fuzz sent at least a thousand messages");
	connect_or_die(&s);
	return do_ping(&s);
}

int main(int argc, char **argv)
{
	struct sock s;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: %s ping|check|check-big H D|check-ngenl N|check-steps BDF|check-perm|listen N SECS|fuzz SECS [SEED]\n",
			argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "check-perm"))
		return do_check_perm();
	if (!strcmp(argv[1], "fuzz-nobody") && argc >= 3) {
		if (getuid() == 0 &&
		    (setgroups(0, NULL) || setgid(65534) || setuid(65534))) {
			fail("cannot become nobody: %s", strerror(errno));
			return 1;
		}
		return do_fuzz(atoi(argv[2]),
			       argc > 3 ? strtoul(argv[3], NULL, 0) : 0);
	}
	if (!strcmp(argv[1], "fuzz") && argc >= 3)
		return do_fuzz(atoi(argv[2]),
			       argc > 3 ? strtoul(argv[3], NULL, 0) : 0);
	connect_or_die(&s);
	if (!strcmp(argv[1], "ping"))
		return do_ping(&s);
	if (!strcmp(argv[1], "check"))
		return do_check(&s);
	if (!strcmp(argv[1], "check-big") && argc >= 4)
		return do_check_big(&s, atoi(argv[2]), atoi(argv[3]));
	if (!strcmp(argv[1], "check-ngenl") && argc >= 3)
		return do_check_ngenl(&s, atoi(argv[2]));
	if (!strcmp(argv[1], "check-steps") && argc >= 3)
		return do_check_steps(&s, argv[2]);
	if (!strcmp(argv[1], "listen") && argc >= 4)
		return do_listen(&s, atoi(argv[2]), atoi(argv[3]));
	fprintf(stderr, "%s: bad command\n", argv[0]);
	return 2;
}
