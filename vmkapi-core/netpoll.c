// SPDX-License-Identifier: GPL-2.0
/*
 * NetPoll on threaded NAPI (reference section 17.6).
 *
 * Each NetPoll owns a NAPI instance.  NAPI needs a net_device to hang
 * on, and a NetPoll is created before its uplink exists (in the driver's
 * attach) and may outlive it, so every NetPoll has a private net_device
 * that is never registered (as drivers with a dummy NAPI device do):
 * only its NAPI list and its name are used.  The NAPI is threaded, so
 * the driver's poll runs in a kernel thread under the scheduler, with
 * bottom halves off (it must not block), and GRO hands received packets
 * to the uplink's real net_device (skb->dev).
 *
 * Locking: vmk_netpolls_mutex guards the list of NetPolls and every
 * NetPoll's uplink binding; np->lock (taken inside it) guards enabled,
 * i.e. the NAPI's enable/disable pairing, which must never be unbalanced
 * (napi_disable of a disabled NAPI waits forever).  The hot calls
 * (Activate, RxPktQueue, QueueCompPkt) take no lock: the handle check is
 * an RCU lookup and the delivery reads the binding under RCU.
 */
#include "vmkapi_core.h"
#include "net.h"

#include <linux/etherdevice.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rtnetlink.h>

struct vmk_NetPollInt {
	struct vmk_core_handle handle;
	struct vmk_core_resource res;
	struct rcu_head rcu;
	struct list_head link;		/* vmk_netpolls */
	struct net_device *napi_dev;	/* never registered */
	struct napi_struct napi;
	vmk_NetPollProperties props;
	vmk_ModuleID module;
	unsigned int id;

	struct mutex lock;
	bool enabled;

	/* Under vmk_netpolls_mutex; read under RCU by the delivery. */
	struct vmk_uplink __rcu *uplink;
	bool default_poll;
	vmk_Name name;
	vmk_IntrCookie cookie;

	/* Poll context only. */
	struct vmk_pktlist rx;
	int budget;
	u64 polls;
	u64 inline_polls;	/* of them, in the interrupt thread */
	u64 rx_pkts;
	u64 rx_drops;
};

static LIST_HEAD(vmk_netpolls);
static DEFINE_MUTEX(vmk_netpolls_mutex);
static unsigned int vmk_netpoll_next_id;
/* The NetPoll whose poll callback this CPU runs (BH off: no migration). */
static DEFINE_PER_CPU(struct vmk_NetPollInt *, vmk_netpoll_current);

static struct vmk_NetPollInt *vmk_np_check(vmk_NetPoll np, const char *api,
					   unsigned long caller)
{
	if (vmk_core_handle_check(np, VMK_CORE_HANDLE_NETPOLL, "NetPoll", api,
				  caller) != VMK_OK)
		return NULL;
	return np;
}

#define vmk_np_ok(np)	vmk_np_check(np, __func__, _RET_IP_)

static bool vmk_np_in_poll(struct vmk_NetPollInt *np)
{
	return this_cpu_read(vmk_netpoll_current) == np;
}

/* Hand one received packet to the stack, or drop it. */
static void vmk_np_deliver(struct vmk_NetPollInt *np, struct sk_buff *skb)
{
	struct vmk_uplink *up;
	struct net_device *dev = NULL;
	bool vfd = vmk_pkt_cb(skb)->flags & VMK_PKT_CSUM_VFD;

	rcu_read_lock();
	up = rcu_dereference(np->uplink);
	if (up)
		dev = vmk_core_uplink_netdev_rcu(up);
	if (!dev || !pskb_may_pull(skb, ETH_HLEN)) {
		rcu_read_unlock();
		np->rx_drops++;
		vmk_core_pkt_free_any(skb);
		return;
	}
	vmk_core_pkt_unadopt(skb);
	/* A looped-back TX packet must not keep its socket or route. */
	skb_orphan(skb);
	skb_scrub_packet(skb, false);
	skb->ip_summed = vfd && vmk_core_uplink_rxcsum(dev) ?
			 CHECKSUM_UNNECESSARY : CHECKSUM_NONE;
	skb->protocol = eth_type_trans(skb, dev);
	np->rx_pkts++;
	napi_gro_receive(&np->napi, skb);
	rcu_read_unlock();
}

/* Push the packets queued for custom delivery. */
static void vmk_np_flush(struct vmk_NetPollInt *np)
{
	VMK_PKTLIST_STACK_DEF_INIT(list);

	if (!np->rx.count)
		return;
	vmk_PktListAppend(list, (vmk_PktList)&np->rx);
	np->props.deliveryCallback(list, np->props.priv);
	/* What the callback left is still ours to free. */
	vmk_PktListReleaseAllPkts(list);
}

static int vmk_np_napi_poll(struct napi_struct *napi, int budget)
{
	struct vmk_NetPollInt *np = container_of(napi, struct vmk_NetPollInt,
						 napi);
	vmk_Bool more;

	this_cpu_write(vmk_netpoll_current, np);
	np->budget = budget;
	more = np->props.poll(np->props.priv, budget);
	if (np->props.features & VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK)
		vmk_np_flush(np);
	this_cpu_write(vmk_netpoll_current, NULL);
	np->polls++;
	if (more)
		return budget;
	/* An Activate since the driver re-armed reschedules us (MISSED). */
	napi_complete_done(napi, 0);
	return 0;
}

static void vmk_np_describe(struct vmk_core_resource *res, char *buf,
			    size_t len)
{
	struct vmk_NetPollInt *np = container_of(res, struct vmk_NetPollInt,
						 res);

	snprintf(buf, len, "NetPoll %s (%s)", np->napi_dev->name,
		 np->enabled ? "enabled" : "disabled");
}

static void vmk_np_destroy(struct vmk_NetPollInt *np);

static void vmk_np_reclaim(struct vmk_core_resource *res)
{
	vmk_np_destroy(container_of(res, struct vmk_NetPollInt, res));
}

static const struct vmk_core_resource_type vmk_np_resource = {
	.kind = "NetPoll",
	.describe = vmk_np_describe,
	.reclaim = vmk_np_reclaim,
};

VMK_ReturnStatus vmk_NetPollCreate(vmk_NetPollProperties *pollInit,
				   vmk_ServiceAcctID id,
				   vmk_ModuleID moduleID,
				   vmk_NetPoll *poll)
{
	struct vmk_NetPollInt *np;
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	if (!pollInit || !poll || !pollInit->poll ||
	    ((pollInit->features & VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK) &&
	     !pollInit->deliveryCallback)) {
		vmk_core_bad_arg("props %p (poll %p), out %p", pollInit,
				 pollInit ? pollInit->poll : NULL, poll);
		return VMK_BAD_PARAM;
	}
	if (!vmk_core_service_id_valid(id))
		vmk_core_bad_arg("service ID %llu is not one vmk_ServiceGetID gives (ignored)",
				 (unsigned long long)id);
	np = kzalloc(sizeof(*np), GFP_KERNEL);
	if (!np)
		return VMK_NO_MEMORY;
	np->props = *pollInit;
	np->module = moduleID;
	np->cookie = VMK_INVALID_INTRCOOKIE;
	mutex_init(&np->lock);
	INIT_LIST_HEAD(&np->link);
	vmk_PktListInit((vmk_PktList)&np->rx);

	status = vmk_core_resource_add(&np->res, &vmk_np_resource, moduleID);
	if (status != VMK_OK) {
		vmk_core_bad_arg("module %d is not registered", moduleID);
		kfree(np);
		return status;
	}
	np->napi_dev = alloc_netdev(0, "vmknp%d", NET_NAME_UNKNOWN,
				    ether_setup);
	if (!np->napi_dev) {
		status = VMK_NO_MEMORY;
		goto err_res;
	}
	mutex_lock(&vmk_netpolls_mutex);
	np->id = vmk_netpoll_next_id++;
	mutex_unlock(&vmk_netpolls_mutex);
	/* The poll thread is named after it: napi/vmknpN-<napi id>. */
	snprintf(np->napi_dev->name, IFNAMSIZ, "vmknp%u", np->id);
	netif_napi_add(np->napi_dev, &np->napi, vmk_np_napi_poll);
	if (dev_set_threaded(np->napi_dev, true)) {
		status = VMK_FAILURE;
		goto err_napi;
	}

	mutex_lock(&vmk_netpolls_mutex);
	list_add_tail(&np->link, &vmk_netpolls);
	vmk_core_handle_add(&np->handle, np, VMK_CORE_HANDLE_NETPOLL);
	mutex_unlock(&vmk_netpolls_mutex);
	*poll = np;
	return VMK_OK;

err_napi:
	netif_napi_del(&np->napi);
	free_netdev(np->napi_dev);
err_res:
	vmk_core_resource_del(&np->res);
	kfree(np);
	return status;
}
VMKAPI_EXPORT(vmk_NetPollCreate);

static void vmk_np_set_enabled(struct vmk_NetPollInt *np, bool on)
{
	lockdep_assert_held(&np->lock);
	if (np->enabled == on)
		return;
	/*
	 * Activate skips a disabled NAPI (scheduling one would leave a
	 * stale missed-schedule bit, hence a spurious poll after enable).
	 * The flag goes up before the enable and down before the disable,
	 * so no activation is lost across an enable; one racing with it
	 * costs at most a spurious poll.
	 */
	WRITE_ONCE(np->enabled, on);
	if (on)
		napi_enable(&np->napi);
	else
		napi_disable(&np->napi);
}

static void vmk_np_destroy(struct vmk_NetPollInt *np)
{
	mutex_lock(&vmk_netpolls_mutex);
	vmk_core_handle_del(&np->handle);
	list_del_init(&np->link);
	RCU_INIT_POINTER(np->uplink, NULL);
	mutex_lock(&np->lock);
	vmk_np_set_enabled(np, false);
	mutex_unlock(&np->lock);
	mutex_unlock(&vmk_netpolls_mutex);
	/* Stops the poll thread; no poll runs after this. */
	netif_napi_del(&np->napi);
	vmk_PktListReleaseAllPkts((vmk_PktList)&np->rx);
	free_netdev(np->napi_dev);
	vmk_core_resource_del(&np->res);
	kfree_rcu(np, rcu);
}

void vmk_NetPollDestroy(vmk_NetPoll netPoll)
{
	struct vmk_NetPollInt *np;

	vmk_core_assert_may_block();
	np = vmk_np_ok(netPoll);
	if (!np)
		return;
	if (vmk_np_in_poll(np)) {
		vmk_core_bad_arg("NetPoll %p destroyed from its own poll", np);
		return;
	}
	vmk_np_destroy(np);
}
VMKAPI_EXPORT(vmk_NetPollDestroy);

static void vmk_np_enable(vmk_NetPoll netPoll, bool on, const char *api,
			  unsigned long caller)
{
	struct vmk_NetPollInt *np;

	vmk_core_assert_may_block();
	np = vmk_np_check(netPoll, api, caller);
	if (!np)
		return;
	if (vmk_np_in_poll(np)) {
		vmk_core_bad_arg_api(api, caller, "called from the poll of %p",
				     np);
		return;
	}
	mutex_lock(&np->lock);
	vmk_np_set_enabled(np, on);
	mutex_unlock(&np->lock);
}

void vmk_NetPollEnable(vmk_NetPoll netPoll)
{
	vmk_np_enable(netPoll, true, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_NetPollEnable);

void vmk_NetPollDisable(vmk_NetPoll netPoll)
{
	vmk_np_enable(netPoll, false, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_NetPollDisable);

/*
 * The handler of the interrupt bound to @np (vmk_NetPollInterruptSet)
 * activates it: run the poll here, in the interrupt thread, rather than
 * wake the NetPoll's own thread, which would cost a second thread switch
 * per interrupt.  Only where it is provably safe: a thread that holds no
 * spinlock (preemptible), so a poll that takes the driver's locks cannot
 * deadlock on its caller.  Ownership is NAPI's own: the SCHED bit taken
 * here keeps the NetPoll thread out (as busy polling does), an Activate
 * meanwhile sets MISSED and repolls, a pending disable waits for us.
 * The poll runs as in the NetPoll thread, bottom halves off, and once:
 * when it wants more, the NetPoll thread takes over, so a busy device
 * never holds the interrupt thread for more than one budget.
 */
static bool vmk_netpoll_inline = true;
module_param_named(netpoll_inline, vmk_netpoll_inline, bool, 0644);
MODULE_PARM_DESC(netpoll_inline,
		 "run a NetPoll activated by the handler of its own interrupt in that handler's thread (default on; off: always in the NetPoll's thread, for comparison)");

static bool vmk_np_poll_inline(struct vmk_NetPollInt *np)
{
	vmk_IntrCookie running;
	int weight = np->napi.weight;

	if (!READ_ONCE(vmk_netpoll_inline) ||
	    !IS_ENABLED(CONFIG_PREEMPT_COUNT) || !preemptible() ||
	    READ_ONCE(np->cookie) == VMK_INVALID_INTRCOOKIE ||
	    !vmk_core_intr_current(&running) ||
	    running != READ_ONCE(np->cookie))
		return false;
	local_bh_disable();
	if (napi_schedule_prep(&np->napi) &&
	    vmk_np_napi_poll(&np->napi, weight) >= weight)
		__napi_schedule(&np->napi);
	local_bh_enable();
	return true;
}

VMK_ReturnStatus vmk_NetPollActivate(vmk_NetPoll netPoll)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);

	if (!np)
		return VMK_INVALID_HANDLE;
	if (!READ_ONCE(np->enabled))
		return VMK_OK;
	if (vmk_np_poll_inline(np)) {
		np->inline_polls++;
		return VMK_OK;
	}
	/*
	 * From an interrupt handler thread, bottom halves are on: a NAPI
	 * that fell back to softirq mode must see its softirq run now.
	 */
	if (in_hardirq() || irqs_disabled()) {
		napi_schedule(&np->napi);
	} else {
		local_bh_disable();
		napi_schedule(&np->napi);
		local_bh_enable();
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NetPollActivate);

VMK_ReturnStatus vmk_NetPollCheckState(vmk_NetPoll netPoll,
				       vmk_NetPollState *state)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);

	if (!np)
		return np == netPoll ? VMK_BAD_PARAM : VMK_INVALID_HANDLE;
	if (!state) {
		vmk_core_bad_arg("NULL state");
		return VMK_BAD_PARAM;
	}
	*state = READ_ONCE(np->enabled) ? VMK_NETPOLL_ACTIVE :
					  VMK_NETPOLL_DISABLED;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NetPollCheckState);

VMK_ReturnStatus vmk_NetPollGetCurrent(vmk_NetPoll *netPoll)
{
	struct vmk_NetPollInt *np;

	if (!netPoll) {
		vmk_core_bad_arg("NULL netPoll");
		return VMK_BAD_PARAM;
	}
	np = in_softirq() ? this_cpu_read(vmk_netpoll_current) : NULL;
	if (!np)
		return VMK_INVALID_HANDLE;
	*netPoll = np;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NetPollGetCurrent);

vmk_AddrCookie vmk_NetPollGetPrivate(vmk_NetPoll netPoll)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);
	vmk_AddrCookie none = { .ptr = NULL };

	return np ? np->props.priv : none;
}
VMKAPI_EXPORT(vmk_NetPollGetPrivate);

static VMK_ReturnStatus vmk_np_rx(struct vmk_NetPollInt *np,
				  vmk_PktHandle *pkt, const char *api,
				  unsigned long caller)
{
	if (!vmk_core_pkt_check(pkt, api, caller))
		return VMK_BAD_PARAM;
	if (!vmk_np_in_poll(np)) {
		vmk_core_bad_arg_api(api, caller,
				     "packet queued outside the poll of %p", np);
		return VMK_FAILURE;
	}
	if (np->props.features & VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK)
		vmk_PktListAppendPkt((vmk_PktList)&np->rx, pkt);
	else
		vmk_np_deliver(np, vmk_pkt_skb(pkt));
	return VMK_OK;
}

VMK_ReturnStatus vmk_NetPollRxPktQueue(vmk_NetPoll netPoll, vmk_PktHandle *pkt)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);

	if (!np)
		return VMK_INVALID_HANDLE;
	return vmk_np_rx(np, pkt, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_NetPollRxPktQueue);

VMK_ReturnStatus vmk_NetPollRxPktListQueue(vmk_NetPoll netPoll,
					   vmk_PktList pktList)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);
	vmk_PktHandle *pkt;
	VMK_ReturnStatus status;

	if (!np)
		return VMK_INVALID_HANDLE;
	if (!pktList) {
		vmk_core_bad_arg("NULL packet list");
		return VMK_BAD_PARAM;
	}
	if (!vmk_np_in_poll(np)) {
		vmk_core_bad_arg("list queued outside the poll of %p", np);
		return VMK_FAILURE;
	}
	while ((pkt = vmk_PktListPopFirstPkt(pktList))) {
		status = vmk_np_rx(np, pkt, __func__, _RET_IP_);
		if (status != VMK_OK) {
			vmk_PktListPrependPkt(pktList, pkt);
			return status;
		}
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NetPollRxPktListQueue);

static VMK_ReturnStatus vmk_np_comp(struct vmk_NetPollInt *np,
				    vmk_PktHandle *pkt, const char *api,
				    unsigned long caller)
{
	struct sk_buff *skb;

	if (!vmk_core_pkt_check(pkt, api, caller))
		return VMK_BAD_PARAM;
	skb = vmk_pkt_skb(pkt);
	if (vmk_np_in_poll(np)) {
		/* NAPI's per-CPU cache batches the frees. */
		vmk_core_pkt_unadopt(skb);
		napi_consume_skb(skb, np->budget);
	} else {
		vmk_core_pkt_free_any(skb);
	}
	return VMK_OK;
}

VMK_ReturnStatus vmk_NetPollQueueCompPkt(vmk_NetPoll netPoll,
					 vmk_PktHandle *pkt)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);

	if (!np)
		return VMK_INVALID_HANDLE;
	return vmk_np_comp(np, pkt, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_NetPollQueueCompPkt);

VMK_ReturnStatus vmk_NetPollCompPktListQueue(vmk_NetPoll netPoll,
					     vmk_PktList pktList)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);
	vmk_PktHandle *pkt;

	if (!np)
		return VMK_INVALID_HANDLE;
	if (!pktList) {
		vmk_core_bad_arg("NULL packet list");
		return VMK_BAD_PARAM;
	}
	/* A list holds only packets: vmk_np_comp cannot fail on them. */
	while ((pkt = vmk_PktListPopFirstPkt(pktList)))
		vmk_np_comp(np, pkt, __func__, _RET_IP_);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NetPollCompPktListQueue);

void vmk_NetPollFlushRx(vmk_NetPoll netPoll)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);

	if (!np)
		return;
	if (!vmk_np_in_poll(np)) {
		vmk_core_bad_arg("flush outside the poll of %p", np);
		return;
	}
	/* Default delivery went to GRO already; NAPI flushes it on return. */
	if (np->props.features & VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK)
		vmk_np_flush(np);
}
VMKAPI_EXPORT(vmk_NetPollFlushRx);

VMK_ReturnStatus vmk_NetPollInterruptSet(vmk_NetPoll netPoll,
					 vmk_IntrCookie intrCookie)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);

	if (!np)
		return VMK_INVALID_HANDLE;
	if (intrCookie == VMK_INVALID_INTRCOOKIE) {
		vmk_core_bad_arg("invalid interrupt cookie");
		return VMK_BAD_PARAM;
	}
	WRITE_ONCE(np->cookie, intrCookie);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NetPollInterruptSet);

VMK_ReturnStatus vmk_NetPollInterruptUnSet(vmk_NetPoll netPoll)
{
	struct vmk_NetPollInt *np = vmk_np_ok(netPoll);

	if (!np)
		return VMK_INVALID_HANDLE;
	WRITE_ONCE(np->cookie, VMK_INVALID_INTRCOOKIE);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NetPollInterruptUnSet);

/* Another poll of @up marked default, under vmk_netpolls_mutex. */
static bool vmk_np_uplink_has_default(struct vmk_uplink *up)
{
	struct vmk_NetPollInt *other;

	lockdep_assert_held(&vmk_netpolls_mutex);
	list_for_each_entry(other, &vmk_netpolls, link)
		if (rcu_access_pointer(other->uplink) == up &&
		    other->default_poll)
			return true;
	return false;
}

VMK_ReturnStatus vmk_NetPollRegisterUplink(vmk_NetPoll netPoll,
					   vmk_Uplink uplink,
					   vmk_Name name,
					   vmk_Bool defaultPoll)
{
	struct vmk_NetPollInt *np;
	struct vmk_uplink *up;
	VMK_ReturnStatus status = VMK_OK;

	vmk_core_assert_may_block();
	np = vmk_np_ok(netPoll);
	if (!np)
		return VMK_INVALID_HANDLE;
	mutex_lock(&vmk_netpolls_mutex);
	up = vmk_core_uplink_get(uplink, __func__, _RET_IP_);
	if (!up) {
		status = VMK_BAD_PARAM;
	} else if (rcu_access_pointer(np->uplink)) {
		vmk_core_bad_arg("NetPoll %p is registered with an uplink already",
				 np);
		status = VMK_BAD_PARAM;
	} else if (defaultPoll && vmk_np_uplink_has_default(up)) {
		vmk_core_bad_arg("the uplink has a default poll already");
		status = VMK_BAD_PARAM;
	} else {
		np->name = name;
		np->default_poll = defaultPoll;
		rcu_assign_pointer(np->uplink, up);
	}
	mutex_unlock(&vmk_netpolls_mutex);
	return status;
}
VMKAPI_EXPORT(vmk_NetPollRegisterUplink);

VMK_ReturnStatus vmk_NetPollUnregisterUplink(vmk_NetPoll netPoll)
{
	struct vmk_NetPollInt *np;
	VMK_ReturnStatus status = VMK_OK;

	vmk_core_assert_may_block();
	np = vmk_np_ok(netPoll);
	if (!np)
		return VMK_INVALID_HANDLE;
	mutex_lock(&vmk_netpolls_mutex);
	if (!rcu_access_pointer(np->uplink)) {
		vmk_core_bad_arg("NetPoll %p is not registered with an uplink",
				 np);
		status = VMK_BAD_PARAM;
	} else {
		RCU_INIT_POINTER(np->uplink, NULL);
		np->default_poll = false;
	}
	mutex_unlock(&vmk_netpolls_mutex);
	return status;
}
VMKAPI_EXPORT(vmk_NetPollUnregisterUplink);

static VMK_ReturnStatus vmk_np_set_delivery(vmk_NetPoll netPoll,
					    vmk_NetPollDeliveryCallback cb,
					    const char *api,
					    unsigned long caller)
{
	struct vmk_NetPollInt *np;
	bool was;

	vmk_core_assert_may_block();
	np = vmk_np_check(netPoll, api, caller);
	if (!np)
		return VMK_INVALID_HANDLE;
	if (vmk_np_in_poll(np)) {
		vmk_core_bad_arg_api(api, caller, "called from the poll of %p",
				     np);
		return VMK_FAILURE;
	}
	/* The poll reads the callback unlocked: change it while it is off. */
	mutex_lock(&np->lock);
	was = np->enabled;
	vmk_np_set_enabled(np, false);
	np->props.deliveryCallback = cb;
	if (cb) {
		np->props.features |= VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK;
	} else {
		np->props.features &= ~VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK;
		vmk_PktListReleaseAllPkts((vmk_PktList)&np->rx);
	}
	vmk_np_set_enabled(np, was);
	mutex_unlock(&np->lock);
	return VMK_OK;
}

VMK_ReturnStatus vmk_NetPollDeliveryCallbackSet(vmk_NetPoll netPoll,
						vmk_NetPollProperties *init)
{
	if (!init || !init->deliveryCallback) {
		vmk_core_bad_arg("no delivery callback in %p", init);
		return VMK_BAD_PARAM;
	}
	return vmk_np_set_delivery(netPoll, init->deliveryCallback, __func__,
				   _RET_IP_);
}
VMKAPI_EXPORT(vmk_NetPollDeliveryCallbackSet);

VMK_ReturnStatus vmk_NetPollDeliveryCallbackClear(vmk_NetPoll netPoll)
{
	return vmk_np_set_delivery(netPoll, NULL, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_NetPollDeliveryCallbackClear);

void vmk_core_netpoll_attach_uplink(struct vmk_uplink *up,
				    vmk_UplinkSharedQueueInfo *qi)
{
	u32 i, n, def;

	if (!qi || !qi->queueData)
		return;
	n = qi->maxRxQueues + qi->maxTxQueues;
	def = vmk_UplinkQueueIDQueueDataIndex(qi->defaultRxQueueID);
	mutex_lock(&vmk_netpolls_mutex);
	for (i = 0; i < n; i++) {
		struct vmk_NetPollInt *np = qi->queueData[i].poll;

		if (!np || !vmk_core_handle_live(np, VMK_CORE_HANDLE_NETPOLL) ||
		    rcu_access_pointer(np->uplink))
			continue;
		vmk_NameInitialize(&np->name, "shared");
		np->default_poll = i == def &&
				   !vmk_np_uplink_has_default(up);
		rcu_assign_pointer(np->uplink, up);
	}
	mutex_unlock(&vmk_netpolls_mutex);
}

void vmk_core_netpoll_detach_uplink(struct vmk_uplink *up)
{
	struct vmk_NetPollInt *np;

	mutex_lock(&vmk_netpolls_mutex);
	list_for_each_entry(np, &vmk_netpolls, link) {
		if (rcu_access_pointer(np->uplink) != up)
			continue;
		RCU_INIT_POINTER(np->uplink, NULL);
		np->default_poll = false;
		/*
		 * A disable completes the NAPI, which flushes GRO: no skb
		 * of the dying net_device stays held there.
		 */
		mutex_lock(&np->lock);
		if (np->enabled) {
			napi_disable(&np->napi);
			napi_enable(&np->napi);
		}
		mutex_unlock(&np->lock);
	}
	mutex_unlock(&vmk_netpolls_mutex);
	/* Deliveries that saw the binding are done (BH-off: RCU readers). */
	synchronize_rcu();
}
