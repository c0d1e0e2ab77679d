// SPDX-License-Identifier: GPL-2.0
/*
 * libvmkmgmt: the user half of the VMK management API over the "vmkapi"
 * generic netlink family (vmkapi-core/include/uapi/vmkapi_mgmt_genl.h).
 *
 * A handle holds two netlink sockets.  The session socket sends the OPEN,
 * so the kernel addresses the session's user callbacks to it, and closing
 * it ends the session even if the process dies; only the serving thread
 * reads it afterwards.  The request socket carries the calls and their
 * answers, one exchange at a time (a mutex), so a user callback may
 * itself call into the kernel.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "vmkapi.h"
#include "vmkapi_genl.h"
#include "vmkapi_mgmt_genl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/* As the kernel allows (mgmt.c); beyond is a broken table. */
#define VMK_MGMT_USER_MAX_CALLBACKS	256

enum { VMK_MGMT_IDLE, VMK_MGMT_THREAD, VMK_MGMT_CALLER };

struct vmkMgmtUserHandleInt {
	vmk_MgmtApiSignature *sig;
	vmk_uint64 cookie;
	int family;
	vmk_uint32 id;			/* the kernel's handle */
	vmk_uint64 session;
	struct nl_sock *rq;
	struct nl_sock *ev;
	pthread_mutex_t rq_lock;

	/* Serving user callbacks: who, and how to stop them. */
	pthread_mutex_t lock;
	pthread_cond_t idle;
	int serving;
	pthread_t thread;
	int stop[2];
};

/* What one request/answer exchange collected. */
struct vmk_mgmt_xchg {
	int pending;
	int error;			/* positive errno */
	int (*parse)(struct nl_msg *msg, void *arg);
	void *arg;
};

/* What the API returns: positive UNIX errnos (0: success). */
static inline int unix_errno(int err)
{
	return err;
}

static void vmk_mgmt_debug(const char *what, const char *msg)
{
	if (getenv("VMK_MGMT_DEBUG"))
		fprintf(stderr, "libvmkmgmt: %s: %s\n", what, msg);
}

static int vmk_mgmt_nlerr(int err)
{
	switch (-err) {
	case NLE_NOMEM:
		return unix_errno(ENOMEM);
	case NLE_PERM:
		return unix_errno(EPERM);
	case NLE_OBJ_NOTFOUND:
		return unix_errno(ENOENT);
	case NLE_INVAL:
		return unix_errno(EINVAL);
	default:
		return unix_errno(EIO);
	}
}

/* The extended ack's message, when the kernel sent one. */
static const char *vmk_mgmt_extack(struct nlmsgerr *err)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)err - NLMSG_HDRLEN);
	struct nlattr *attr;
	size_t off;
	int len, rem;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	off = sizeof(*err);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)off;
	if (len <= 0)
		return NULL;
	nla_for_each_attr(attr, (struct nlattr *)((char *)err + off), len, rem)
		if (nla_type(attr) == NLMSGERR_ATTR_MSG && nla_len(attr) > 0)
			return nla_data(attr);
	return NULL;
}

static int vmk_mgmt_err_cb(struct sockaddr_nl *who, struct nlmsgerr *err,
			   void *arg)
{
	struct vmk_mgmt_xchg *x = arg;
	const char *msg = vmk_mgmt_extack(err);

	x->pending = 0;
	x->error = err->error < 0 ? -err->error : EIO;
	if (msg)
		vmk_mgmt_debug(strerror(x->error), msg);
	return NL_STOP;
}

static int vmk_mgmt_ack_cb(struct nl_msg *msg, void *arg)
{
	struct vmk_mgmt_xchg *x = arg;

	x->pending = 0;
	return NL_STOP;
}

static int vmk_mgmt_valid_cb(struct nl_msg *msg, void *arg)
{
	struct vmk_mgmt_xchg *x = arg;
	int err;

	if (x->parse) {
		err = x->parse(msg, x->arg);
		if (err && !x->error)
			x->error = err;
	}
	return NL_OK;
}

/* Send @msg (freed) on @sk and wait for its answer and acknowledgement. */
static int vmk_mgmt_exchange(struct nl_sock *sk, struct nl_msg *msg,
			     int (*parse)(struct nl_msg *, void *), void *arg)
{
	struct vmk_mgmt_xchg x = { .pending = 1, .parse = parse, .arg = arg };
	struct nl_cb *cb;
	int ret;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return unix_errno(ENOMEM);
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, vmk_mgmt_valid_cb, &x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, vmk_mgmt_ack_cb, &x);
	nl_cb_err(cb, NL_CB_CUSTOM, vmk_mgmt_err_cb, &x);
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(cb);
		return vmk_mgmt_nlerr(ret);
	}
	while (x.pending) {
		ret = nl_recvmsgs(sk, cb);
		if (ret < 0 && x.pending) {
			x.error = vmk_mgmt_nlerr(ret);
			break;
		}
	}
	nl_cb_put(cb);
	return x.error;
}

static struct nl_msg *vmk_mgmt_msg(struct vmkMgmtUserHandleInt *h, int cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0,
			 NLM_F_ACK, cmd, VMKAPI_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static struct nl_sock *vmk_mgmt_socket(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1;

	if (!sk)
		return NULL;
	if (genl_connect(sk) < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	/* Answers with vectors exceed a page: size each read first. */
	nl_socket_enable_msg_peek(sk);
	/* Refusals explained, without the request echoed back. */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one,
		   sizeof(one));
	return sk;
}

static const vmk_MgmtCallbackInfo *
vmk_mgmt_callback(const vmk_MgmtApiSignature *sig, vmk_uint64 id)
{
	int i;

	for (i = 0; i < sig->numCallbacks; i++)
		if (sig->callbacks[i].callbackId == id)
			return &sig->callbacks[i];
	return NULL;
}

static int vmk_mgmt_is_vector(vmk_MgmtParmType type)
{
	return type == VMK_MGMT_PARMTYPE_VECTOR_IN ||
	       type == VMK_MGMT_PARMTYPE_VECTOR_OUT ||
	       type == VMK_MGMT_PARMTYPE_VECTOR_INOUT;
}

/* ---- sessions ---------------------------------------------------------- */

static int vmk_mgmt_open_parse(struct nl_msg *msg, void *arg)
{
	struct vmkMgmtUserHandleInt *h = arg;
	struct nlattr *tb[VMKAPI_MGMT_ATTR_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, VMKAPI_MGMT_ATTR_MAX, NULL) ||
	    !tb[VMKAPI_MGMT_ATTR_HANDLE] || !tb[VMKAPI_MGMT_ATTR_SESSION])
		return unix_errno(EPROTO);
	h->id = nla_get_u32(tb[VMKAPI_MGMT_ATTR_HANDLE]);
	h->session = nla_get_u64(tb[VMKAPI_MGMT_ATTR_SESSION]);
	return 0;
}

static int vmk_mgmt_sig_ok(const vmk_MgmtApiSignature *sig)
{
	int i;

	if (!sig || !memchr(sig->name.string, 0, VMK_MISC_NAME_MAX) ||
	    !sig->name.string[0] ||
	    !memchr(sig->vendor.string, 0, VMK_MISC_NAME_MAX) ||
	    sig->numCallbacks < 0 ||
	    sig->numCallbacks > VMK_MGMT_USER_MAX_CALLBACKS ||
	    (sig->numCallbacks && !sig->callbacks))
		return 0;
	for (i = 0; i < sig->numCallbacks; i++)
		if (sig->callbacks[i].numParms > VMK_MGMT_MAX_CALLBACK_PARMS)
			return 0;
	return 1;
}

static int vmk_mgmt_open(struct vmkMgmtUserHandleInt *h)
{
	const vmk_MgmtApiSignature *sig = h->sig;
	struct vmkapi_mgmt_cb_desc *table;
	size_t size = sig->numCallbacks * sizeof(*table);
	struct nl_msg *msg;
	int i, j;

	table = calloc(1, size ? size : 1);
	if (!table)
		return unix_errno(ENOMEM);
	for (i = 0; i < sig->numCallbacks; i++) {
		const vmk_MgmtCallbackInfo *cb = &sig->callbacks[i];

		table[i].callback_id = cb->callbackId;
		table[i].location = cb->location;
		table[i].synchronous = !!cb->synchronous;
		table[i].num_parms = cb->numParms;
		for (j = 0; j < cb->numParms; j++) {
			table[i].parm_sizes[j] = cb->parmSizes[j];
			table[i].parm_types[j] = cb->parmTypes[j];
		}
	}
	msg = vmk_mgmt_msg(h, VMKAPI_CMD_MGMT_OPEN);
	if (!msg ||
	    nla_put_string(msg, VMKAPI_MGMT_ATTR_NAME, sig->name.string) ||
	    (sig->vendor.string[0] &&
	     nla_put_string(msg, VMKAPI_MGMT_ATTR_VENDOR,
			    sig->vendor.string)) ||
	    nla_put_u32(msg, VMKAPI_MGMT_ATTR_VERSION, sig->version) ||
	    nla_put(msg, VMKAPI_MGMT_ATTR_CALLBACK_TABLE, size, table)) {
		free(table);
		nlmsg_free(msg);
		return unix_errno(ENOMEM);
	}
	free(table);
	return vmk_mgmt_exchange(h->ev, msg, vmk_mgmt_open_parse, h);
}

static void vmk_mgmt_free(struct vmkMgmtUserHandleInt *h)
{
	if (h->ev)
		nl_socket_free(h->ev);
	if (h->rq)
		nl_socket_free(h->rq);
	if (h->stop[0] >= 0) {
		close(h->stop[0]);
		close(h->stop[1]);
	}
	pthread_mutex_destroy(&h->rq_lock);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->idle);
	free(h);
}

int vmk_MgmtUserInit(vmk_MgmtApiSignature *sig, vmk_uint64 userCookie,
		     vmk_MgmtUserHandle *handle)
{
	struct vmkMgmtUserHandleInt *h;
	int err;

	if (!handle || !vmk_mgmt_sig_ok(sig))
		return unix_errno(EINVAL);
	h = calloc(1, sizeof(*h));
	if (!h)
		return unix_errno(ENOMEM);
	h->sig = sig;
	h->cookie = userCookie;
	h->stop[0] = h->stop[1] = -1;
	pthread_mutex_init(&h->rq_lock, NULL);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->idle, NULL);
	err = ENOMEM;
	if (pipe(h->stop)) {
		h->stop[0] = h->stop[1] = -1;
		goto fail;
	}
	h->rq = vmk_mgmt_socket();
	h->ev = vmk_mgmt_socket();
	if (!h->rq || !h->ev)
		goto fail;
	h->family = genl_ctrl_resolve(h->rq, VMKAPI_GENL_NAME);
	if (h->family < 0) {
		vmk_mgmt_debug("init", "no \"vmkapi\" family: is vmkapi.ko loaded?");
		err = ENODEV;
		goto fail;
	}
	err = vmk_mgmt_open(h);
	if (err)
		goto fail;
	/* From now on the session socket only receives callbacks. */
	nl_socket_set_buffer_size(h->ev, 1 << 20, 0);
	*handle = h;
	return 0;

fail:
	vmk_mgmt_free(h);
	return err;
}

static int vmk_mgmt_instances_parse(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *entry[VMKAPI_MGMT_ATTR_MAX + 1];
	vmk_MgmtInstances *out = arg;
	struct nlattr *attr;
	int rem;

	nla_for_each_attr(attr, genlmsg_attrdata(gnlh, 0),
			  genlmsg_attrlen(gnlh, 0), rem) {
		if (nla_type(attr) != VMKAPI_MGMT_ATTR_INSTANCE_ENTRY)
			continue;
		if (out->numInstances == VMK_MGMT_MAX_INSTANCES ||
		    nla_parse_nested(entry, VMKAPI_MGMT_ATTR_MAX, attr, NULL) ||
		    !entry[VMKAPI_MGMT_ATTR_INSTANCE] ||
		    !entry[VMKAPI_MGMT_ATTR_INSTANCE_NAME])
			return unix_errno(EPROTO);
		out->instanceIds[out->numInstances] =
			nla_get_u64(entry[VMKAPI_MGMT_ATTR_INSTANCE]);
		nla_strlcpy(out->instanceNames[out->numInstances].string,
			    entry[VMKAPI_MGMT_ATTR_INSTANCE_NAME],
			    VMK_MISC_NAME_MAX);
		out->numInstances++;
	}
	return 0;
}

int vmk_MgmtUserGetInstances(vmk_MgmtUserHandle handle,
			     vmk_MgmtInstances *instances)
{
	struct vmkMgmtUserHandleInt *h = handle;
	struct nl_msg *msg;
	int err;

	if (!h || !instances)
		return unix_errno(EINVAL);
	memset(instances, 0, sizeof(*instances));
	msg = vmk_mgmt_msg(h, VMKAPI_CMD_MGMT_INSTANCES);
	if (!msg || nla_put_u32(msg, VMKAPI_MGMT_ATTR_HANDLE, h->id)) {
		nlmsg_free(msg);
		return unix_errno(ENOMEM);
	}
	pthread_mutex_lock(&h->rq_lock);
	err = vmk_mgmt_exchange(h->rq, msg, vmk_mgmt_instances_parse,
				instances);
	pthread_mutex_unlock(&h->rq_lock);
	return err;
}

/* ---- user -> kernel ------------------------------------------------------ */

struct vmk_mgmt_invoke {
	const vmk_MgmtCallbackInfo *cb;
	void **parms;
};

/* Copy the OUT and INOUT parameters of the answer back to the caller. */
static int vmk_mgmt_invoke_parse(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VMKAPI_MGMT_ATTR_MAX + 1];
	struct nlattr *p[VMKAPI_MGMT_PARM_MAX + 1];
	struct vmk_mgmt_invoke *inv = arg;
	const vmk_MgmtCallbackInfo *cb = inv->cb;
	int i;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, VMKAPI_MGMT_ATTR_MAX, NULL))
		return unix_errno(EPROTO);
	if (!tb[VMKAPI_MGMT_ATTR_PARMS])
		return 0;
	if (nla_parse_nested(p, VMKAPI_MGMT_PARM_MAX, tb[VMKAPI_MGMT_ATTR_PARMS],
			     NULL))
		return unix_errno(EPROTO);
	for (i = 0; i < cb->numParms; i++) {
		struct nlattr *a = p[VMKAPI_MGMT_PARM_1 + i];

		if (!a)
			continue;
		if (vmk_mgmt_is_vector(cb->parmTypes[i])) {
			vmk_MgmtVectorParm *v = inv->parms[i];

			if ((vmk_ByteCount)nla_len(a) > v->length)
				return unix_errno(EPROTO);
			memcpy(v->dataPtr, nla_data(a), nla_len(a));
			v->length = nla_len(a);
		} else {
			if ((vmk_uint32)nla_len(a) != cb->parmSizes[i])
				return unix_errno(EPROTO);
			memcpy(inv->parms[i], nla_data(a), nla_len(a));
		}
	}
	return 0;
}

static int vmk_mgmt_put_parms(struct nl_msg *msg,
			      const vmk_MgmtCallbackInfo *cb, void **parms)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(msg, VMKAPI_MGMT_ATTR_PARMS | NLA_F_NESTED);
	if (!nest)
		return unix_errno(ENOMEM);
	for (i = 0; i < cb->numParms; i++) {
		int type = VMKAPI_MGMT_PARM_1 + i;
		vmk_MgmtVectorParm *v = parms[i];
		int err = 0;

		switch (cb->parmTypes[i]) {
		case VMK_MGMT_PARMTYPE_IN:
		case VMK_MGMT_PARMTYPE_INOUT:
			err = nla_put(msg, type, cb->parmSizes[i], parms[i]);
			break;
		case VMK_MGMT_PARMTYPE_VECTOR_IN:
		case VMK_MGMT_PARMTYPE_VECTOR_INOUT:
			err = nla_put(msg, type, v->length, v->dataPtr);
			break;
		case VMK_MGMT_PARMTYPE_VECTOR_OUT:
			err = nla_put_u64(msg, type, v->length);
			break;
		default:
			break;
		}
		if (err)
			return unix_errno(ENOMEM);
	}
	nla_nest_end(msg, nest);
	return 0;
}

int vmk_MgmtUserCallbackInvokeInt(vmk_MgmtUserHandle handle,
				  vmk_uint64 instanceId,
				  vmk_uint64 callbackId,
				  vmk_uint32 argCount, ...)
{
	void *parms[VMK_MGMT_MAX_CALLBACK_PARMS] = { NULL };
	struct vmkMgmtUserHandleInt *h = handle;
	const vmk_MgmtCallbackInfo *cb;
	struct vmk_mgmt_invoke inv;
	struct nl_msg *msg;
	vmk_uint32 i;
	va_list ap;
	int err;

	if (!h)
		return unix_errno(EINVAL);
	cb = vmk_mgmt_callback(h->sig, callbackId);
	if (!cb || cb->location != VMK_MGMT_CALLBACK_KERNEL ||
	    argCount != cb->numParms)
		return unix_errno(EINVAL);
	va_start(ap, argCount);
	for (i = 0; i < argCount; i++)
		parms[i] = va_arg(ap, void *);
	va_end(ap);
	for (i = 0; i < argCount; i++) {
		vmk_MgmtVectorParm *v = parms[i];

		if (!parms[i])
			return unix_errno(EINVAL);
		if (vmk_mgmt_is_vector(cb->parmTypes[i]) &&
		    (v->length % cb->parmSizes[i] ||
		     v->length > VMKAPI_MGMT_PARM_SIZE_MAX ||
		     (v->length && !v->dataPtr)))
			return unix_errno(EINVAL);
	}
	msg = vmk_mgmt_msg(h, VMKAPI_CMD_MGMT_INVOKE);
	if (!msg || nla_put_u32(msg, VMKAPI_MGMT_ATTR_HANDLE, h->id) ||
	    nla_put_u64(msg, VMKAPI_MGMT_ATTR_SESSION, h->session) ||
	    nla_put_u64(msg, VMKAPI_MGMT_ATTR_INSTANCE, instanceId) ||
	    nla_put_u64(msg, VMKAPI_MGMT_ATTR_CALLBACK, callbackId) ||
	    vmk_mgmt_put_parms(msg, cb, parms)) {
		nlmsg_free(msg);
		return unix_errno(ENOMEM);
	}
	inv.cb = cb;
	inv.parms = parms;
	pthread_mutex_lock(&h->rq_lock);
	err = vmk_mgmt_exchange(h->rq, msg, vmk_mgmt_invoke_parse, &inv);
	pthread_mutex_unlock(&h->rq_lock);
	return err;
}

/* ---- kernel -> user ------------------------------------------------------ */

typedef void (*vmk_mgmt_user_fn0)(vmk_uint64, vmk_uint64);
typedef void (*vmk_mgmt_user_fn1)(vmk_uint64, vmk_uint64, void *);
typedef void (*vmk_mgmt_user_fn2)(vmk_uint64, vmk_uint64, void *, void *);
typedef void (*vmk_mgmt_user_fn3)(vmk_uint64, vmk_uint64, void *, void *,
				  void *);
typedef void (*vmk_mgmt_user_fn4)(vmk_uint64, vmk_uint64, void *, void *,
				  void *, void *);

/* One callback from the kernel: check it against our table, run it. */
static int vmk_mgmt_event_cb(struct nl_msg *msg, void *arg)
{
	struct vmkMgmtUserHandleInt *h = arg;
	struct genlmsghdr *gnlh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[VMKAPI_MGMT_ATTR_MAX + 1];
	struct nlattr *p[VMKAPI_MGMT_PARM_MAX + 1];
	vmk_MgmtVectorParm vec[VMK_MGMT_MAX_CALLBACK_PARMS];
	void *buf[VMK_MGMT_MAX_CALLBACK_PARMS] = { NULL };
	void *a[VMK_MGMT_MAX_CALLBACK_PARMS] = { NULL };
	const vmk_MgmtCallbackInfo *cb;
	vmk_uint64 instance;
	void *fn;
	int i;

	if (gnlh->cmd != VMKAPI_CMD_MGMT_CALLBACK ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, VMKAPI_MGMT_ATTR_MAX, NULL) ||
	    !tb[VMKAPI_MGMT_ATTR_HANDLE] || !tb[VMKAPI_MGMT_ATTR_CALLBACK] ||
	    nla_get_u32(tb[VMKAPI_MGMT_ATTR_HANDLE]) != h->id)
		return NL_SKIP;
	cb = vmk_mgmt_callback(h->sig,
			       nla_get_u64(tb[VMKAPI_MGMT_ATTR_CALLBACK]));
	if (!cb || cb->location != VMK_MGMT_CALLBACK_USER || !cb->callback)
		return NL_SKIP;
	memset(p, 0, sizeof(p));
	if (tb[VMKAPI_MGMT_ATTR_PARMS] &&
	    nla_parse_nested(p, VMKAPI_MGMT_PARM_MAX, tb[VMKAPI_MGMT_ATTR_PARMS],
			     NULL))
		return NL_SKIP;
	instance = tb[VMKAPI_MGMT_ATTR_INSTANCE] ?
		   nla_get_u64(tb[VMKAPI_MGMT_ATTR_INSTANCE]) :
		   VMK_MGMT_NO_INSTANCE_ID;
	for (i = 0; i < cb->numParms; i++) {
		struct nlattr *attr = p[VMKAPI_MGMT_PARM_1 + i];
		int len = attr ? nla_len(attr) : -1;

		if (len < 0 ||
		    (vmk_mgmt_is_vector(cb->parmTypes[i]) ?
		     len % cb->parmSizes[i] :
		     (vmk_uint32)len != cb->parmSizes[i]))
			goto out;
		/* A copy: aligned for the callback, whatever netlink did. */
		buf[i] = malloc(len ? len : 1);
		if (!buf[i])
			goto out;
		memcpy(buf[i], nla_data(attr), len);
		if (vmk_mgmt_is_vector(cb->parmTypes[i])) {
			vec[i].length = len;
			vec[i].dataPtr = buf[i];
			a[i] = &vec[i];
		} else {
			a[i] = buf[i];
		}
	}
	fn = cb->callback;
	switch (cb->numParms) {
	case 0:
		((vmk_mgmt_user_fn0)fn)(h->cookie, instance);
		break;
	case 1:
		((vmk_mgmt_user_fn1)fn)(h->cookie, instance, a[0]);
		break;
	case 2:
		((vmk_mgmt_user_fn2)fn)(h->cookie, instance, a[0], a[1]);
		break;
	case 3:
		((vmk_mgmt_user_fn3)fn)(h->cookie, instance, a[0], a[1], a[2]);
		break;
	default:
		((vmk_mgmt_user_fn4)fn)(h->cookie, instance, a[0], a[1], a[2],
					a[3]);
		break;
	}
out:
	for (i = 0; i < VMK_MGMT_MAX_CALLBACK_PARMS; i++)
		free(buf[i]);
	return NL_OK;
}

/* Callbacks are not answers: they carry no sequence number. */
static int vmk_mgmt_no_seq_check(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

/* Serve callbacks until stopped (0) or the socket fails (an errno). */
static int vmk_mgmt_serve(struct vmkMgmtUserHandleInt *h)
{
	struct pollfd pfd[2] = {
		{ .fd = nl_socket_get_fd(h->ev), .events = POLLIN },
		{ .fd = h->stop[0], .events = POLLIN },
	};
	struct nl_cb *cb;
	char byte;
	int ret = 0;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return unix_errno(ENOMEM);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, vmk_mgmt_event_cb, h);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, vmk_mgmt_no_seq_check,
		  NULL);
	nl_socket_set_nonblocking(h->ev);
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			ret = errno;
			break;
		}
		if (pfd[1].revents & POLLIN) {
			if (read(h->stop[0], &byte, 1) < 0)
				ret = errno;
			break;
		}
		if (pfd[0].revents & (POLLERR | POLLHUP)) {
			ret = EIO;
			break;
		}
		if (!(pfd[0].revents & POLLIN))
			continue;
		ret = nl_recvmsgs(h->ev, cb);
		/* Drained, or callbacks were lost to a full buffer: go on. */
		if (ret < 0 && ret != -NLE_AGAIN && ret != -NLE_NOMEM &&
		    ret != -NLE_BUSY) {
			ret = vmk_mgmt_nlerr(ret);
			break;
		}
		ret = 0;
	}
	nl_cb_put(cb);
	return ret;
}

/* A stop left over from a server that had ended on its own. */
static void vmk_mgmt_drain_stop(struct vmkMgmtUserHandleInt *h)
{
	struct pollfd pfd = { .fd = h->stop[0], .events = POLLIN };
	char byte;

	while (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN))
		if (read(h->stop[0], &byte, 1) != 1)
			break;
}

static void *vmk_mgmt_thread(void *arg)
{
	struct vmkMgmtUserHandleInt *h = arg;

	vmk_mgmt_serve(h);
	return NULL;
}

int vmk_MgmtUserBegin(vmk_MgmtUserHandle handle)
{
	struct vmkMgmtUserHandleInt *h = handle;
	int err = EALREADY;

	if (!h)
		return unix_errno(EINVAL);
	pthread_mutex_lock(&h->lock);
	if (h->serving == VMK_MGMT_IDLE) {
		vmk_mgmt_drain_stop(h);
		err = pthread_create(&h->thread, NULL, vmk_mgmt_thread, h);
		if (!err)
			h->serving = VMK_MGMT_THREAD;
	}
	pthread_mutex_unlock(&h->lock);
	return err;
}

int vmk_MgmtUserContinue(vmk_MgmtUserHandle handle)
{
	struct vmkMgmtUserHandleInt *h = handle;
	int err;

	if (!h)
		return unix_errno(EINVAL);
	pthread_mutex_lock(&h->lock);
	if (h->serving == VMK_MGMT_THREAD) {
		/* Begin's thread serves: stay here until End stops it. */
		while (h->serving == VMK_MGMT_THREAD)
			pthread_cond_wait(&h->idle, &h->lock);
		pthread_mutex_unlock(&h->lock);
		return 0;
	}
	if (h->serving != VMK_MGMT_IDLE) {
		pthread_mutex_unlock(&h->lock);
		return unix_errno(EALREADY);
	}
	vmk_mgmt_drain_stop(h);
	h->serving = VMK_MGMT_CALLER;
	pthread_mutex_unlock(&h->lock);
	err = vmk_mgmt_serve(h);
	pthread_mutex_lock(&h->lock);
	h->serving = VMK_MGMT_IDLE;
	pthread_cond_broadcast(&h->idle);
	pthread_mutex_unlock(&h->lock);
	return err;
}

int vmk_MgmtUserEnd(vmk_MgmtUserHandle handle)
{
	struct vmkMgmtUserHandleInt *h = handle;
	pthread_t thread;
	char byte = 0;

	if (!h)
		return unix_errno(EINVAL);
	pthread_mutex_lock(&h->lock);
	if (h->serving == VMK_MGMT_IDLE) {
		pthread_mutex_unlock(&h->lock);
		return 0;
	}
	if (write(h->stop[1], &byte, 1) != 1) {
		pthread_mutex_unlock(&h->lock);
		return errno;
	}
	if (h->serving == VMK_MGMT_THREAD) {
		thread = h->thread;
		pthread_mutex_unlock(&h->lock);
		pthread_join(thread, NULL);
		pthread_mutex_lock(&h->lock);
		h->serving = VMK_MGMT_IDLE;
		pthread_cond_broadcast(&h->idle);
	} else {
		/* Continue's thread sees the byte and returns. */
		while (h->serving != VMK_MGMT_IDLE)
			pthread_cond_wait(&h->idle, &h->lock);
	}
	pthread_mutex_unlock(&h->lock);
	return 0;
}

int vmk_MgmtUserDestroy(vmk_MgmtUserHandle handle)
{
	struct vmkMgmtUserHandleInt *h = handle;
	struct nl_msg *msg;
	int err;

	if (!h)
		return unix_errno(EINVAL);
	vmk_MgmtUserEnd(h);
	msg = vmk_mgmt_msg(h, VMKAPI_CMD_MGMT_CLOSE);
	if (!msg || nla_put_u32(msg, VMKAPI_MGMT_ATTR_HANDLE, h->id) ||
	    nla_put_u64(msg, VMKAPI_MGMT_ATTR_SESSION, h->session)) {
		nlmsg_free(msg);
		err = ENOMEM;
	} else {
		pthread_mutex_lock(&h->rq_lock);
		err = vmk_mgmt_exchange(h->rq, msg, NULL, NULL);
		pthread_mutex_unlock(&h->rq_lock);
	}
	/* Gone already (the driver unloaded): the session is over anyway. */
	if (err == ENOENT)
		err = 0;
	/* Closing the session socket would end it too. */
	vmk_mgmt_free(h);
	return err;
}
