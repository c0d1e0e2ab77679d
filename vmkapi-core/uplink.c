// SPDX-License-Identifier: GPL-2.0
/*
 * Uplinks (reference sections 17.1-17.4 and 23): the uplink layer is a
 * driver of the device layer bound to "com.vmware.uplink", as the
 * char-dev layer is to "com.vmware.graphics".  Each claimed child is an
 * uplink; its registration data is the NIC driver's vmk_UplinkRegData.
 *
 *   attach   check the identifier, the registration data and its API
 *            revision; nothing visible yet
 *   start    allocate a net_device and name it vmnicN, make the handle
 *            live, uplinkAssociate (the driver registers capabilities
 *            and may ask for the name), then features from the
 *            capabilities, MAC and MTU from the shared data, register
 *            the net_device, bind the shared data's NetPolls
 *   quiesce  withdraw: unpublish the net_device, unregister it (its stop
 *            calls uplinkQuiesceIO if it was up), flush and unbind the
 *            NetPolls, cancel our work, uplinkDisassociate, handle dead,
 *            free the net_device
 *   detach   withdraw if needed, free
 *
 * Calls from the driver that touch the net_device (link state, queue
 * flow control, reset requests) may come from any context and at any
 * time, also while the net_device goes away: they find it through
 * live_dev under RCU, which withdraw clears and waits out before the
 * net_device is unregistered; until then they only record what they
 * report, and start applies it.
 *
 * Transmit.  The stack's ndo_start_xmit only queues the skb on a backlog
 * and schedules the uplink's TX NAPI (threaded, on the net_device
 * itself); that thread hands the backlog to uplinkTx in lists of up to
 * 64 packets.  So uplinkTx never runs in a softirq nor under the stack's
 * TX queue lock: a driver may take its TX ring lock (a VMK spinlock,
 * which leaves bottom halves on) in uplinkQuiesceIO as ESXi drivers do,
 * without the softirq deadlock (and lockdep report) that calling it from
 * ndo_start_xmit would bring.  VMK_BUSY blocks the backlog until
 * vmk_UplinkQueueStart; the stack's queue stops when the backlog is full.
 *
 * The driver's callbacks are called from process context: rtnl serialises
 * open/stop, MTU, ethtool and the work items (reset, RX mode); statistics
 * are read without rtnl, so uplinkStatsGet may run alongside another
 * callback.  ndo_get_stats64 can run in atomic context (under
 * dev_base_lock or RCU), so it reports the driver's last statistics and
 * schedules a refresh; ethtool -S and vmk_UplinkStatsGet read them now.
 */
#include "vmkapi_core.h"
#include "net.h"

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#define VMK_UPLINK_CAP_MAX	VMK_UPLINK_CAP_GENEVE_OFFLOAD
#define VMK_UPLINK_WATCHDOG_MS	5000
#define VMK_UPLINK_MAX_MTU	9000
#define VMK_UPLINK_NAME_FMT	"vmnic%d"
#define VMK_UPLINK_VXLAN_PORT	4789	/* IANA */

struct vmk_uplink {
	struct vmk_core_handle handle;
	struct rcu_head rcu;
	struct list_head node;		/* vmk_uplinks */
	vmk_Device device;
	vmk_UplinkRegData reg;

	/* Capabilities: set bits are atomic, ops written before them. */
	unsigned long caps_registered[BITS_TO_LONGS(VMK_UPLINK_CAP_MAX + 1)];
	unsigned long caps_enabled[BITS_TO_LONGS(VMK_UPLINK_CAP_MAX + 1)];
	vmk_AddrCookie cap_ops[VMK_UPLINK_CAP_MAX + 1];

	/* Start to quiesce; published in live_dev while registered. */
	struct net_device *netdev;
	struct net_device __rcu *live_dev;
	char name[IFNAMSIZ];
	bool associated;

	spinlock_t link_lock;		/* link and the carrier */
	vmk_LinkStatus link;
	bool admin_up;

	/* TX: the backlog and the NAPI that feeds uplinkTx from it. */
	struct sk_buff_head txq;
	struct napi_struct tx_napi;
	bool tx_napi_on;		/* under rtnl */
	atomic_t tx_start_gen;		/* vmk_UplinkQueueStart calls */
	bool tx_blocked;		/* vmk_UplinkQueueStop, until Start */
	vmk_UplinkQueueID tx_qid;
	u16 watchdog_ms;

	spinlock_t stats_lock;
	vmk_UplinkStats stats;		/* the driver's, last read */
	atomic64_t tx_dropped;		/* by the layer: uplinkTx failures */
	struct work_struct stats_work;
	struct work_struct rx_mode_work;
	struct work_struct reset_work;
};

struct vmk_uplink_priv {
	struct vmk_uplink *up;
};

static LIST_HEAD(vmk_uplinks);
static DEFINE_MUTEX(vmk_uplinks_mutex);
static vmk_Driver vmk_uplink_driver;
static vmk_HeapID vmk_uplink_heap = VMK_INVALID_HEAP_ID;

static struct vmk_uplink *vmk_uplink_of_dev(struct net_device *dev)
{
	return ((struct vmk_uplink_priv *)netdev_priv(dev))->up;
}

struct vmk_uplink *vmk_core_uplink_get(vmk_Uplink uplink, const char *api,
				       unsigned long caller)
{
	if (vmk_core_handle_check(uplink, VMK_CORE_HANDLE_UPLINK, "uplink",
				  api, caller) != VMK_OK)
		return NULL;
	return (struct vmk_uplink *)uplink;
}

#define vmk_uplink_ok(uplink)	vmk_core_uplink_get(uplink, __func__, _RET_IP_)

struct net_device *vmk_core_uplink_netdev_rcu(struct vmk_uplink *up)
{
	return rcu_dereference(up->live_dev);
}

bool vmk_core_uplink_rxcsum(struct net_device *dev)
{
	return dev->features & NETIF_F_RXCSUM;
}

bool vmk_core_uplink_tx_qid_ok(struct vmk_uplink *up, vmk_UplinkQueueID qid)
{
	return qid == up->tx_qid || qid == VMK_UPLINK_QUEUE_DEFAULT_QUEUEID ||
	       vmk_UplinkQueueIDType(qid) == VMK_UPLINK_QUEUE_TYPE_TX;
}

/* The backlog limit: beyond it the stack's queue stops. */
#define VMK_UPLINK_TXQ_LIMIT	256

static void vmk_uplink_tx_kick(struct vmk_uplink *up)
{
	/* From a thread with bottom halves on, a fallback softirq runs now. */
	if (in_hardirq() || irqs_disabled()) {
		napi_schedule(&up->tx_napi);
	} else {
		local_bh_disable();
		napi_schedule(&up->tx_napi);
		local_bh_enable();
	}
}

/* Caller holds rcu_read_lock (queue.c). */
void vmk_core_uplink_tx_stop(struct vmk_uplink *up)
{
	WRITE_ONCE(up->tx_blocked, true);
}

void vmk_core_uplink_tx_start(struct vmk_uplink *up)
{
	WRITE_ONCE(up->tx_blocked, false);
	/* A TX poll that just got VMK_BUSY rechecks this (see tx_poll). */
	atomic_inc(&up->tx_start_gen);
	/* The count is visible before the NAPI's state is looked at. */
	smp_mb__after_atomic();
	/* A kick while closed would only leave NAPI a stale missed bit. */
	if (rcu_dereference(up->live_dev) && READ_ONCE(up->tx_napi_on))
		vmk_uplink_tx_kick(up);
}

/* A consistent copy of @len bytes at @field of the shared data. */
static void vmk_uplink_shared_read(struct vmk_uplink *up, void *out,
				   const void *field, size_t len)
{
	vmk_UplinkSharedData *sh = up->reg.sharedData;
	unsigned int tries = 0;
	vmk_uint32 v;

	/* A writer that never ends its write must not hang us. */
	do {
		v = vmk_VersionedAtomicBeginTryRead(&sh->lock);
		memcpy(out, field, len);
	} while (!vmk_VersionedAtomicEndTryRead(&sh->lock, v) &&
		 ++tries < 1000);
}

#define vmk_uplink_shared(up, out, member)				\
	vmk_uplink_shared_read(up, out, &(up)->reg.sharedData->member,	\
			       sizeof(*(out)))

/* ---- capabilities ---------------------------------------------------- */

static bool vmk_uplink_cap_needs_ops(vmk_UplinkCap cap)
{
	switch (cap) {
	case VMK_UPLINK_CAP_LINK_STATUS_SET:
	case VMK_UPLINK_CAP_MAC_ADDR_SET:
	case VMK_UPLINK_CAP_COALESCE_PARAMS:
	case VMK_UPLINK_CAP_VLAN_FILTER:
	case VMK_UPLINK_CAP_WAKE_ON_LAN:
	case VMK_UPLINK_CAP_NETWORK_DUMP:
	case VMK_UPLINK_CAP_MULTI_QUEUE:
	case VMK_UPLINK_CAP_DCB:
	case VMK_UPLINK_CAP_OFFLOAD_CONSTRAINTS:
	case VMK_UPLINK_CAP_EEPROM:
	case VMK_UPLINK_CAP_REGDUMP:
	case VMK_UPLINK_CAP_SELF_TEST:
	case VMK_UPLINK_CAP_PAUSE_PARAMS:
	case VMK_UPLINK_CAP_RESTART_NEG:
	case VMK_UPLINK_CAP_LRO:
	case VMK_UPLINK_CAP_CABLE_TYPE:
	case VMK_UPLINK_CAP_PHY_ADDRESS:
	case VMK_UPLINK_CAP_TRANSCEIVER_TYPE:
	case VMK_UPLINK_CAP_MESSAGE_LEVEL:
	case VMK_UPLINK_CAP_RING_PARAMS:
	case VMK_UPLINK_CAP_GENEVE_OFFLOAD:
		return true;
	default:
		return false;
	}
}

VMK_ReturnStatus vmk_UplinkCapRegister(vmk_Uplink uplink, vmk_UplinkCap cap,
				       vmk_AddrCookie capOps)
{
	struct vmk_uplink *up;

	vmk_core_assert_may_block();
	up = vmk_uplink_ok(uplink);
	if (!up)
		return VMK_INVALID_HANDLE;
	if (cap < VMK_UPLINK_CAP_SG_TX || cap > VMK_UPLINK_CAP_MAX) {
		vmk_core_bad_arg("unknown capability %d", cap);
		return VMK_BAD_PARAM;
	}
	if (!capOps.ptr && vmk_uplink_cap_needs_ops(cap)) {
		vmk_core_bad_arg("capability %d needs its ops", cap);
		return VMK_BAD_PARAM;
	}
	up->cap_ops[cap] = capOps;
	smp_wmb();	/* ops before the bit readers test */
	set_bit(cap, up->caps_enabled);
	set_bit(cap, up->caps_registered);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UplinkCapRegister);

static vmk_Bool vmk_uplink_cap_test(vmk_Uplink uplink, vmk_UplinkCap cap,
				    bool enabled, const char *api,
				    unsigned long caller)
{
	struct vmk_uplink *up = vmk_core_uplink_get(uplink, api, caller);

	if (!up)
		return VMK_FALSE;
	if (cap < VMK_UPLINK_CAP_SG_TX || cap > VMK_UPLINK_CAP_MAX)
		return VMK_FALSE;
	return test_bit(cap, enabled ? up->caps_enabled :
				       up->caps_registered);
}

vmk_Bool vmk_UplinkCapIsRegistered(vmk_Uplink uplink, vmk_UplinkCap cap)
{
	return vmk_uplink_cap_test(uplink, cap, false, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_UplinkCapIsRegistered);

vmk_Bool vmk_UplinkCapIsEnabled(vmk_Uplink uplink, vmk_UplinkCap cap)
{
	return vmk_uplink_cap_test(uplink, cap, true, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_UplinkCapIsEnabled);

/* The ops a registered capability came with, or NULL. */
static void *vmk_uplink_cap_ops(struct vmk_uplink *up, vmk_UplinkCap cap)
{
	if (!test_bit(cap, up->caps_registered))
		return NULL;
	/* Pairs with CapRegister's smp_wmb: the bit, then the ops. */
	smp_rmb();
	return up->cap_ops[cap].ptr;
}

/* Which net_device feature each offload capability is. */
static const struct {
	vmk_UplinkCap cap;
	netdev_features_t feature;
} vmk_uplink_features[] = {
	{ VMK_UPLINK_CAP_SG_TX, NETIF_F_SG },
	{ VMK_UPLINK_CAP_IPV4_CSO, NETIF_F_IP_CSUM },
	{ VMK_UPLINK_CAP_IPV6_CSO, NETIF_F_IPV6_CSUM },
	{ VMK_UPLINK_CAP_IPV4_TSO, NETIF_F_TSO },
	{ VMK_UPLINK_CAP_IPV6_TSO, NETIF_F_TSO6 },
	{ VMK_UPLINK_CAP_VLAN_TX_INSERT, NETIF_F_HW_VLAN_CTAG_TX },
	{ VMK_UPLINK_CAP_VLAN_RX_STRIP, NETIF_F_HW_VLAN_CTAG_RX },
};

static netdev_features_t vmk_uplink_cap_features(struct vmk_uplink *up,
						 bool enabled)
{
	netdev_features_t f = NETIF_F_RXCSUM;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmk_uplink_features); i++)
		if (test_bit(vmk_uplink_features[i].cap,
			     enabled ? up->caps_enabled : up->caps_registered))
			f |= vmk_uplink_features[i].feature;
	return f;
}

/* ---- link ------------------------------------------------------------ */

/* Carrier from the recorded link; under link_lock. */
static void vmk_uplink_apply_carrier(struct vmk_uplink *up,
				     struct net_device *dev)
{
	lockdep_assert_held(&up->link_lock);
	if (up->link.state == VMK_LINK_STATE_UP)
		netif_carrier_on(dev);
	else
		netif_carrier_off(dev);
}

VMK_ReturnStatus vmk_UplinkUpdateLinkState(vmk_Uplink uplink,
					   vmk_LinkStatus *linkInfo)
{
	struct vmk_uplink *up;
	struct net_device *dev;
	VMK_ReturnStatus status = VMK_OK;
	unsigned long flags;

	/* Allowed everywhere but NMI, an acknowledge included. */
	if (!linkInfo) {
		vmk_core_bad_arg("NULL linkInfo");
		return VMK_BAD_PARAM;
	}
	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (!up) {
		rcu_read_unlock();
		return VMK_INVALID_HANDLE;
	}
	spin_lock_irqsave(&up->link_lock, flags);
	up->link = *linkInfo;
	dev = rcu_dereference(up->live_dev);
	if (dev)
		vmk_uplink_apply_carrier(up, dev);
	if (linkInfo->state == VMK_LINK_STATE_UP && !up->admin_up)
		status = VMK_IS_DISABLED;
	spin_unlock_irqrestore(&up->link_lock, flags);
	rcu_read_unlock();
	return status;
}
VMKAPI_EXPORT(vmk_UplinkUpdateLinkState);

vmk_LinkStatus vmk_UplinkLinkStatusGet(vmk_Uplink uplink)
{
	vmk_LinkStatus link = { .state = VMK_LINK_STATE_DOWN };
	struct vmk_uplink *up;
	unsigned long flags;

	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (up) {
		spin_lock_irqsave(&up->link_lock, flags);
		link = up->link;
		if (!up->admin_up)
			link.state = VMK_LINK_STATE_DOWN;
		spin_unlock_irqrestore(&up->link_lock, flags);
	}
	rcu_read_unlock();
	return link;
}
VMKAPI_EXPORT(vmk_UplinkLinkStatusGet);

/* ---- queries ---------------------------------------------------------- */

vmk_Name vmk_UplinkNameGet(vmk_Uplink uplink)
{
	struct vmk_uplink *up;
	vmk_Name name = { { 0 } };

	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (up)
		strscpy(name.string, up->name, sizeof(name.string));
	rcu_read_unlock();
	return name;
}
VMKAPI_EXPORT(vmk_UplinkNameGet);

vmk_uint32 vmk_UplinkMTUGet(vmk_Uplink uplink)
{
	struct vmk_uplink *up;
	struct net_device *dev;
	vmk_uint32 mtu = 0;

	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (up) {
		dev = rcu_dereference(up->live_dev);
		if (dev)
			mtu = READ_ONCE(dev->mtu);
		else
			vmk_uplink_shared(up, &mtu, mtu);
	}
	rcu_read_unlock();
	return mtu;
}
VMKAPI_EXPORT(vmk_UplinkMTUGet);

vmk_UplinkState vmk_UplinkStateGet(vmk_Uplink uplink)
{
	vmk_UplinkState state = 0;
	struct vmk_uplink *up;

	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (up)
		vmk_uplink_shared(up, &state, state);
	rcu_read_unlock();
	return state;
}
VMKAPI_EXPORT(vmk_UplinkStateGet);

vmk_UplinkFlags vmk_UplinkFlagsGet(vmk_Uplink uplink)
{
	vmk_UplinkFlags flags = 0;
	struct vmk_uplink *up;

	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (up)
		vmk_uplink_shared(up, &flags, flags);
	rcu_read_unlock();
	return flags;
}
VMKAPI_EXPORT(vmk_UplinkFlagsGet);

vmk_UplinkDriverInfo vmk_UplinkDriverInfoGet(vmk_Uplink uplink)
{
	vmk_UplinkDriverInfo info;
	struct vmk_uplink *up;

	memset(&info, 0, sizeof(info));
	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (up)
		vmk_uplink_shared(up, &info, driverInfo);
	rcu_read_unlock();
	return info;
}
VMKAPI_EXPORT(vmk_UplinkDriverInfoGet);

VMK_ReturnStatus vmk_UplinkMACAddrGet(vmk_Uplink uplink, vmk_EthAddress *mac)
{
	struct vmk_uplink *up;
	struct net_device *dev;

	if (!mac) {
		vmk_core_bad_arg("NULL mac");
		return VMK_BAD_PARAM;
	}
	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (!up) {
		rcu_read_unlock();
		return VMK_INVALID_HANDLE;
	}
	dev = rcu_dereference(up->live_dev);
	if (dev)
		memcpy(*mac, dev->dev_addr, ETH_ALEN);
	else
		vmk_uplink_shared(up, mac, macAddr);
	rcu_read_unlock();
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UplinkMACAddrGet);

/* ---- statistics ------------------------------------------------------- */

static VMK_ReturnStatus vmk_uplink_read_stats(struct vmk_uplink *up,
					      vmk_UplinkStats *out)
{
	VMK_ReturnStatus status;
	unsigned long flags;

	memset(out, 0, sizeof(*out));
	if (!up->reg.ops.uplinkStatsGet)
		return VMK_NOT_SUPPORTED;
	status = up->reg.ops.uplinkStatsGet(up->reg.driverData, out);
	if (status == VMK_OK) {
		spin_lock_irqsave(&up->stats_lock, flags);
		up->stats = *out;
		spin_unlock_irqrestore(&up->stats_lock, flags);
	}
	return status;
}

vmk_UplinkStats vmk_UplinkStatsGet(vmk_Uplink uplink)
{
	vmk_UplinkStats stats;
	struct vmk_uplink *up;

	vmk_core_assert_may_block();
	memset(&stats, 0, sizeof(stats));
	up = vmk_uplink_ok(uplink);
	if (up)
		vmk_uplink_read_stats(up, &stats);
	return stats;
}
VMKAPI_EXPORT(vmk_UplinkStatsGet);

static void vmk_uplink_stats_work(struct work_struct *work)
{
	struct vmk_uplink *up = container_of(work, struct vmk_uplink,
					     stats_work);
	vmk_UplinkStats stats;

	/* Cancelled before disassociate; associated is stable here. */
	if (READ_ONCE(up->associated))
		vmk_uplink_read_stats(up, &stats);
}

/* ---- watchdog and reset ------------------------------------------------ */

VMK_ReturnStatus vmk_UplinkGetWatchdogTimeout(vmk_Uplink uplink,
					      vmk_uint16 *timeoutMS)
{
	struct vmk_uplink *up;

	if (!timeoutMS) {
		vmk_core_bad_arg("NULL timeoutMS");
		return VMK_BAD_PARAM;
	}
	up = vmk_uplink_ok(uplink);
	if (!up)
		return VMK_INVALID_HANDLE;
	*timeoutMS = READ_ONCE(up->watchdog_ms);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UplinkGetWatchdogTimeout);

VMK_ReturnStatus vmk_UplinkSetWatchdogTimeout(vmk_Uplink uplink,
					      vmk_uint16 timeoutMS)
{
	struct vmk_uplink *up;
	struct net_device *dev;

	if (timeoutMS < 1000 || timeoutMS > 60000) {
		vmk_core_bad_arg("watchdog timeout %u ms", timeoutMS);
		return VMK_BAD_PARAM;
	}
	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (!up) {
		rcu_read_unlock();
		return VMK_INVALID_HANDLE;
	}
	WRITE_ONCE(up->watchdog_ms, timeoutMS);
	dev = rcu_dereference(up->live_dev);
	if (dev)
		WRITE_ONCE(dev->watchdog_timeo, msecs_to_jiffies(timeoutMS));
	rcu_read_unlock();
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UplinkSetWatchdogTimeout);

static void vmk_uplink_reset_work(struct work_struct *work)
{
	struct vmk_uplink *up = container_of(work, struct vmk_uplink,
					     reset_work);
	struct net_device *dev = up->netdev;
	VMK_ReturnStatus status;

	rtnl_lock();
	if (dev && dev->reg_state == NETREG_REGISTERED && netif_running(dev)) {
		netdev_info(dev, "resetting the device\n");
		status = up->reg.ops.uplinkReset(up->reg.driverData);
		if (status != VMK_OK)
			netdev_warn(dev, "uplinkReset failed: %s\n",
				    vmk_StatusToString(status));
	}
	rtnl_unlock();
}

VMK_ReturnStatus vmk_UplinkReset(vmk_Uplink uplink)
{
	struct vmk_uplink *up;
	VMK_ReturnStatus status = VMK_OK;

	rcu_read_lock();
	up = vmk_uplink_ok(uplink);
	if (!up)
		status = VMK_INVALID_HANDLE;
	else if (!up->reg.ops.uplinkReset)
		status = VMK_NOT_SUPPORTED;
	else if (rcu_dereference(up->live_dev))
		schedule_work(&up->reset_work);
	rcu_read_unlock();
	return status;
}
VMKAPI_EXPORT(vmk_UplinkReset);

vmk_uint16 vmk_UplinkVXLANPortNBOGet(void)
{
	/* The API's type is a plain vmk_uint16 that holds big-endian bytes. */
	return (__force vmk_uint16)htons(VMK_UPLINK_VXLAN_PORT);
}
VMKAPI_EXPORT(vmk_UplinkVXLANPortNBOGet);

/* ---- net_device ops --------------------------------------------------- */

static int vmk_uplink_errno(VMK_ReturnStatus status)
{
	int err = vmk_StatusToErrno(status);

	return err ? -err : -EIO;
}

/* The state uplinkStateSet gets for the net_device's flags. */
static vmk_UplinkState vmk_uplink_state_of(struct net_device *dev)
{
	vmk_UplinkState state = VMK_UPLINK_STATE_ENABLED |
				VMK_UPLINK_STATE_BROADCAST_OK;

	if (dev->flags & IFF_PROMISC)
		state |= VMK_UPLINK_STATE_PROMISC;
	if ((dev->flags & IFF_ALLMULTI) || !netdev_mc_empty(dev))
		state |= VMK_UPLINK_STATE_MULTICAST_OK;
	return state;
}

static int vmk_uplink_open(struct net_device *dev)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	VMK_ReturnStatus status;
	unsigned long flags;

	spin_lock_irqsave(&up->link_lock, flags);
	up->admin_up = true;
	spin_unlock_irqrestore(&up->link_lock, flags);
	status = up->reg.ops.uplinkStartIO(up->reg.driverData);
	if (status != VMK_OK) {
		netdev_warn(dev, "uplinkStartIO failed: %s\n",
			    vmk_StatusToString(status));
		goto err;
	}
	if (up->reg.ops.uplinkStateSet) {
		status = up->reg.ops.uplinkStateSet(up->reg.driverData,
						    vmk_uplink_state_of(dev));
		if (status != VMK_OK) {
			netdev_warn(dev, "uplinkStateSet failed: %s\n",
				    vmk_StatusToString(status));
			up->reg.ops.uplinkQuiesceIO(up->reg.driverData);
			goto err;
		}
	}
	WRITE_ONCE(up->tx_blocked, false);
	napi_enable(&up->tx_napi);
	WRITE_ONCE(up->tx_napi_on, true);
	netif_start_queue(dev);
	return 0;

err:
	spin_lock_irqsave(&up->link_lock, flags);
	up->admin_up = false;
	spin_unlock_irqrestore(&up->link_lock, flags);
	return vmk_uplink_errno(status);
}

static int vmk_uplink_stop(struct net_device *dev)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	VMK_ReturnStatus status;
	unsigned long flags;

	netif_stop_queue(dev);
	/* No uplinkTx runs or starts; the backlog is dropped. */
	if (up->tx_napi_on) {
		WRITE_ONCE(up->tx_napi_on, false);
		napi_disable(&up->tx_napi);
	}
	atomic64_add(skb_queue_len(&up->txq), &up->tx_dropped);
	skb_queue_purge(&up->txq);
	status = up->reg.ops.uplinkQuiesceIO(up->reg.driverData);
	if (status != VMK_OK)
		netdev_warn(dev, "uplinkQuiesceIO failed: %s\n",
			    vmk_StatusToString(status));
	spin_lock_irqsave(&up->link_lock, flags);
	up->admin_up = false;
	spin_unlock_irqrestore(&up->link_lock, flags);
	return 0;
}

static netdev_tx_t vmk_uplink_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);

	if (test_bit(VMK_UPLINK_CAP_MOD_TX_HDRS, up->caps_registered) &&
	    skb_cow_head(skb, 0)) {
		atomic64_inc(&up->tx_dropped);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	skb_queue_tail(&up->txq, skb);
	if (skb_queue_len(&up->txq) >= VMK_UPLINK_TXQ_LIMIT)
		netif_stop_queue(dev);
	/* After the stop: the poll that drains it sees it and wakes us. */
	napi_schedule(&up->tx_napi);
	return NETDEV_TX_OK;
}

/* Feed the backlog to uplinkTx: the TX NAPI's thread, bottom halves off. */
static int vmk_uplink_tx_poll(struct napi_struct *napi, int budget)
{
	VMK_PKTLIST_STACK_DEF_INIT(list);
	struct vmk_uplink *up = container_of(napi, struct vmk_uplink, tx_napi);
	struct net_device *dev = up->netdev;
	VMK_ReturnStatus status;
	vmk_PktHandle *left;
	struct sk_buff *skb;
	int n = 0, gen;

	gen = atomic_read(&up->tx_start_gen);
	while (n < budget && !READ_ONCE(up->tx_blocked) &&
	       (skb = skb_dequeue(&up->txq))) {
		vmk_core_pkt_adopt(skb, up->tx_qid);
		vmk_PktListAppendPkt(list, vmk_skb_pkt(skb));
		n++;
	}
	if (n) {
		status = up->reg.ops.uplinkTx(up->reg.driverData, list);
		if (status == VMK_BUSY) {
			/* Keep the rest, in order, until QueueStart. */
			while ((left = vmk_PktListPopLastPkt(list))) {
				vmk_core_pkt_unadopt(vmk_pkt_skb(left));
				skb_queue_head(&up->txq, vmk_pkt_skb(left));
			}
			if (atomic_read(&up->tx_start_gen) == gen)
				WRITE_ONCE(up->tx_blocked, true);
		}
		/* Whatever the driver neither took nor kept is a drop. */
		while ((left = vmk_PktListPopFirstPkt(list))) {
			atomic64_inc(&up->tx_dropped);
			vmk_core_pkt_free_any(vmk_pkt_skb(left));
		}
	}
	if (netif_queue_stopped(dev) &&
	    skb_queue_len(&up->txq) < VMK_UPLINK_TXQ_LIMIT / 2)
		netif_wake_queue(dev);
	if (n == budget && !READ_ONCE(up->tx_blocked))
		return budget;
	napi_complete_done(napi, n);
	return min(n, budget - 1);
}

static int vmk_uplink_change_mtu(struct net_device *dev, int mtu)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	VMK_ReturnStatus status;

	if (!up->reg.ops.uplinkMTUSet)
		return -EOPNOTSUPP;
	status = up->reg.ops.uplinkMTUSet(up->reg.driverData, mtu);
	if (status != VMK_OK) {
		netdev_warn(dev, "uplinkMTUSet(%d) failed: %s\n", mtu,
			    vmk_StatusToString(status));
		return vmk_uplink_errno(status);
	}
	WRITE_ONCE(dev->mtu, mtu);
	return 0;
}

static void vmk_uplink_get_stats64(struct net_device *dev,
				   struct rtnl_link_stats64 *s)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	unsigned long flags;
	vmk_UplinkStats st;

	/* Callers may hold a lock with interrupts off: irqsave. */
	spin_lock_irqsave(&up->stats_lock, flags);
	st = up->stats;
	spin_unlock_irqrestore(&up->stats_lock, flags);
	s->rx_packets = st.rxPkts;
	s->tx_packets = st.txPkts;
	s->rx_bytes = st.rxBytes;
	s->tx_bytes = st.txBytes;
	s->rx_errors = st.rxErrors;
	s->tx_errors = st.txErrors;
	s->rx_dropped = st.rxDrops;
	s->tx_dropped = st.txDrops + atomic64_read(&up->tx_dropped);
	s->multicast = st.rxMulticastPkts;
	s->collisions = st.collisions;
	s->rx_length_errors = st.rxLengthErrors;
	s->rx_over_errors = st.rxOverflowErrors;
	s->rx_crc_errors = st.rxCRCErrors;
	s->rx_frame_errors = st.rxFrameAlignErrors;
	s->rx_fifo_errors = st.rxFifoErrors;
	s->rx_missed_errors = st.rxMissErrors;
	s->tx_aborted_errors = st.txAbortedErrors;
	s->tx_carrier_errors = st.txCarrierErrors;
	s->tx_fifo_errors = st.txFifoErrors;
	s->tx_heartbeat_errors = st.txHeartbeatErrors;
	s->tx_window_errors = st.txWindowErrors;
	/* May be atomic here: the driver's callback may block. */
	schedule_work(&up->stats_work);
}

static void vmk_uplink_set_rx_mode(struct net_device *dev)
{
	/* Under the address lock (atomic): uplinkStateSet may block. */
	schedule_work(&vmk_uplink_of_dev(dev)->rx_mode_work);
}

static void vmk_uplink_rx_mode_work(struct work_struct *work)
{
	struct vmk_uplink *up = container_of(work, struct vmk_uplink,
					     rx_mode_work);
	struct net_device *dev = up->netdev;
	VMK_ReturnStatus status;

	rtnl_lock();
	if (dev && dev->reg_state == NETREG_REGISTERED && netif_running(dev) &&
	    up->reg.ops.uplinkStateSet) {
		status = up->reg.ops.uplinkStateSet(up->reg.driverData,
						    vmk_uplink_state_of(dev));
		if (status != VMK_OK)
			netdev_warn(dev, "uplinkStateSet failed: %s\n",
				    vmk_StatusToString(status));
	}
	rtnl_unlock();
}

static int vmk_uplink_set_mac(struct net_device *dev, void *p)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkMACAddrSetCB set = vmk_uplink_cap_ops(up,
						VMK_UPLINK_CAP_MAC_ADDR_SET);
	struct sockaddr *sa = p;
	vmk_EthAddress mac;
	VMK_ReturnStatus status;

	if (!set)
		return -EOPNOTSUPP;
	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;
	memcpy(mac, sa->sa_data, ETH_ALEN);
	status = set(up->reg.driverData, mac);
	if (status != VMK_OK)
		return vmk_uplink_errno(status);
	eth_hw_addr_set(dev, mac);
	return 0;
}

static int vmk_uplink_set_features(struct net_device *dev,
				   netdev_features_t features)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	netdev_features_t changed = dev->features ^ features;
	VMK_ReturnStatus status;
	unsigned int i;
	bool on;

	for (i = 0; i < ARRAY_SIZE(vmk_uplink_features); i++) {
		vmk_UplinkCap cap = vmk_uplink_features[i].cap;

		if (!(changed & vmk_uplink_features[i].feature) ||
		    !test_bit(cap, up->caps_registered))
			continue;
		on = features & vmk_uplink_features[i].feature;
		if (on && up->reg.ops.uplinkCapEnable)
			status = up->reg.ops.uplinkCapEnable(up->reg.driverData,
							     cap);
		else if (!on && up->reg.ops.uplinkCapDisable)
			status = up->reg.ops.uplinkCapDisable(up->reg.driverData,
							      cap);
		else
			status = VMK_OK;
		if (status != VMK_OK) {
			netdev_warn(dev, "capability %d %s failed: %s\n", cap,
				    on ? "enable" : "disable",
				    vmk_StatusToString(status));
			return vmk_uplink_errno(status);
		}
		if (on)
			set_bit(cap, up->caps_enabled);
		else
			clear_bit(cap, up->caps_enabled);
	}
	return 0;
}

static void vmk_uplink_tx_timeout(struct net_device *dev, unsigned int txq)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);

	netdev_warn(dev, "transmit queue %u timed out\n", txq);
	if (up->reg.ops.uplinkReset)
		schedule_work(&up->reset_work);
}

static const struct net_device_ops vmk_uplink_netdev_ops = {
	.ndo_open = vmk_uplink_open,
	.ndo_stop = vmk_uplink_stop,
	.ndo_start_xmit = vmk_uplink_xmit,
	.ndo_change_mtu = vmk_uplink_change_mtu,
	.ndo_get_stats64 = vmk_uplink_get_stats64,
	.ndo_set_rx_mode = vmk_uplink_set_rx_mode,
	.ndo_set_mac_address = vmk_uplink_set_mac,
	.ndo_set_features = vmk_uplink_set_features,
	.ndo_tx_timeout = vmk_uplink_tx_timeout,
	.ndo_validate_addr = eth_validate_addr,
};

/* ---- ethtool ---------------------------------------------------------- */

static void vmk_uplink_get_drvinfo(struct net_device *dev,
				   struct ethtool_drvinfo *info)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkDriverInfo di;
	struct device *parent = dev->dev.parent;

	vmk_uplink_shared(up, &di, driverInfo);
	di.driver.string[sizeof(di.driver.string) - 1] = '\0';
	di.version.string[sizeof(di.version.string) - 1] = '\0';
	di.firmwareVersion.string[sizeof(di.firmwareVersion.string) - 1] = '\0';
	if (di.driver.string[0])
		strscpy(info->driver, di.driver.string, sizeof(info->driver));
	else if (vmk_core_module_name(up->reg.moduleID, info->driver,
				      sizeof(info->driver)) < 0)
		strscpy(info->driver, "vmkapi", sizeof(info->driver));
	strscpy(info->version, di.version.string, sizeof(info->version));
	strscpy(info->fw_version, di.firmwareVersion.string,
		sizeof(info->fw_version));
	if (parent)
		strscpy(info->bus_info, dev_name(parent),
			sizeof(info->bus_info));
}

/* ethtool link modes of one (speed, duplex) pair; 0 if none. */
static void vmk_uplink_add_mode(struct ethtool_link_ksettings *ks,
				vmk_LinkSpeed speed, vmk_LinkDuplex duplex)
{
	bool full = duplex != VMK_LINK_DUPLEX_HALF;
	bool half = duplex != VMK_LINK_DUPLEX_FULL;

	switch (speed) {
	case VMK_LINK_SPEED_10_MBPS:
		if (half)
			ethtool_link_ksettings_add_link_mode(ks, supported,
							     10baseT_Half);
		if (full)
			ethtool_link_ksettings_add_link_mode(ks, supported,
							     10baseT_Full);
		break;
	case VMK_LINK_SPEED_100_MBPS:
		if (half)
			ethtool_link_ksettings_add_link_mode(ks, supported,
							     100baseT_Half);
		if (full)
			ethtool_link_ksettings_add_link_mode(ks, supported,
							     100baseT_Full);
		break;
	case VMK_LINK_SPEED_1000_MBPS:
		if (half)
			ethtool_link_ksettings_add_link_mode(ks, supported,
							     1000baseT_Half);
		if (full)
			ethtool_link_ksettings_add_link_mode(ks, supported,
							     1000baseT_Full);
		break;
	case VMK_LINK_SPEED_10000_MBPS:
		ethtool_link_ksettings_add_link_mode(ks, supported,
						     10000baseT_Full);
		break;
	default:
		break;
	}
}

static int vmk_uplink_get_link_ksettings(struct net_device *dev,
					 struct ethtool_link_ksettings *ks)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkSupportedMode *modes;
	vmk_LinkStatus link;
	unsigned long flags;
	vmk_uint32 i, n;

	spin_lock_irqsave(&up->link_lock, flags);
	link = up->link;
	spin_unlock_irqrestore(&up->link_lock, flags);

	ethtool_link_ksettings_zero_link_mode(ks, supported);
	ethtool_link_ksettings_zero_link_mode(ks, advertising);
	vmk_uplink_shared(up, &modes, supportedModes);
	vmk_uplink_shared(up, &n, supportedModesArraySz);
	for (i = 0; modes && i < n && i < 64; i++)
		vmk_uplink_add_mode(ks, modes[i].speed, modes[i].duplex);
	ethtool_link_ksettings_add_link_mode(ks, supported, Autoneg);
	ethtool_link_ksettings_add_link_mode(ks, supported, TP);
	bitmap_copy(ks->link_modes.advertising, ks->link_modes.supported,
		    __ETHTOOL_LINK_MODE_MASK_NBITS);
	ks->base.port = PORT_TP;
	ks->base.autoneg = AUTONEG_ENABLE;
	if (netif_carrier_ok(dev) && link.state == VMK_LINK_STATE_UP) {
		ks->base.speed = link.speed;
		ks->base.duplex = link.duplex == VMK_LINK_DUPLEX_FULL ?
				  DUPLEX_FULL : link.duplex ==
				  VMK_LINK_DUPLEX_HALF ? DUPLEX_HALF :
				  DUPLEX_UNKNOWN;
	} else {
		ks->base.speed = SPEED_UNKNOWN;
		ks->base.duplex = DUPLEX_UNKNOWN;
	}
	return 0;
}

static int vmk_uplink_set_link_ksettings(struct net_device *dev,
					 const struct ethtool_link_ksettings *ks)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkLinkStatusSetCB set =
		vmk_uplink_cap_ops(up, VMK_UPLINK_CAP_LINK_STATUS_SET);
	vmk_LinkStatus link = { .state = VMK_LINK_STATE_UP };
	VMK_ReturnStatus status;

	if (!set)
		return -EOPNOTSUPP;
	if (ks->base.autoneg == AUTONEG_ENABLE) {
		link.speed = VMK_LINK_SPEED_AUTO;
		link.duplex = VMK_LINK_DUPLEX_AUTO;
	} else {
		link.speed = ks->base.speed;
		link.duplex = ks->base.duplex == DUPLEX_HALF ?
			      VMK_LINK_DUPLEX_HALF : VMK_LINK_DUPLEX_FULL;
	}
	status = set(up->reg.driverData, &link);
	return status == VMK_OK ? 0 : vmk_uplink_errno(status);
}

static void vmk_uplink_get_ringparam(struct net_device *dev,
				     struct ethtool_ringparam *ring,
				     struct kernel_ethtool_ringparam *kring,
				     struct netlink_ext_ack *extack)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkRingParamsOps *ops =
		vmk_uplink_cap_ops(up, VMK_UPLINK_CAP_RING_PARAMS);
	vmk_UplinkRingParams p;

	memset(&p, 0, sizeof(p));
	if (!ops || !ops->ringParamsGet ||
	    ops->ringParamsGet(up->reg.driverData, &p) != VMK_OK)
		return;
	ring->rx_max_pending = p.rxMaxPending;
	ring->rx_mini_max_pending = p.rxMiniMaxPending;
	ring->rx_jumbo_max_pending = p.rxJumboMaxPending;
	ring->tx_max_pending = p.txMaxPending;
	ring->rx_pending = p.rxPending;
	ring->rx_mini_pending = p.rxMiniPending;
	ring->rx_jumbo_pending = p.rxJumboPending;
	ring->tx_pending = p.txPending;
}

static int vmk_uplink_set_ringparam(struct net_device *dev,
				    struct ethtool_ringparam *ring,
				    struct kernel_ethtool_ringparam *kring,
				    struct netlink_ext_ack *extack)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkRingParamsOps *ops =
		vmk_uplink_cap_ops(up, VMK_UPLINK_CAP_RING_PARAMS);
	vmk_UplinkRingParams p = {
		.rxMaxPending = ring->rx_max_pending,
		.rxMiniMaxPending = ring->rx_mini_max_pending,
		.rxJumboMaxPending = ring->rx_jumbo_max_pending,
		.txMaxPending = ring->tx_max_pending,
		.rxPending = ring->rx_pending,
		.rxMiniPending = ring->rx_mini_pending,
		.rxJumboPending = ring->rx_jumbo_pending,
		.txPending = ring->tx_pending,
	};
	VMK_ReturnStatus status;

	if (!ops || !ops->ringParamsSet)
		return -EOPNOTSUPP;
	status = ops->ringParamsSet(up->reg.driverData, &p);
	return status == VMK_OK ? 0 : vmk_uplink_errno(status);
}

static int vmk_uplink_get_coalesce(struct net_device *dev,
				   struct ethtool_coalesce *ec,
				   struct kernel_ethtool_coalesce *kec,
				   struct netlink_ext_ack *extack)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkCoalesceParamsOps *ops =
		vmk_uplink_cap_ops(up, VMK_UPLINK_CAP_COALESCE_PARAMS);
	vmk_UplinkCoalesceParams p;
	VMK_ReturnStatus status;

	if (!ops || !ops->getParams)
		return -EOPNOTSUPP;
	memset(&p, 0, sizeof(p));
	status = ops->getParams(up->reg.driverData, &p);
	if (status != VMK_OK)
		return vmk_uplink_errno(status);
	ec->rx_coalesce_usecs = p.rxUsecs;
	ec->rx_max_coalesced_frames = p.rxMaxFrames;
	ec->tx_coalesce_usecs = p.txUsecs;
	ec->tx_max_coalesced_frames = p.txMaxFrames;
	ec->use_adaptive_rx_coalesce = p.useAdaptiveRx;
	ec->use_adaptive_tx_coalesce = p.useAdaptiveTx;
	ec->rate_sample_interval = p.rateSampleInterval;
	return 0;
}

static int vmk_uplink_set_coalesce(struct net_device *dev,
				   struct ethtool_coalesce *ec,
				   struct kernel_ethtool_coalesce *kec,
				   struct netlink_ext_ack *extack)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkCoalesceParamsOps *ops =
		vmk_uplink_cap_ops(up, VMK_UPLINK_CAP_COALESCE_PARAMS);
	vmk_UplinkCoalesceParams p = {
		.rxUsecs = ec->rx_coalesce_usecs,
		.rxMaxFrames = ec->rx_max_coalesced_frames,
		.txUsecs = ec->tx_coalesce_usecs,
		.txMaxFrames = ec->tx_max_coalesced_frames,
		.useAdaptiveRx = !!ec->use_adaptive_rx_coalesce,
		.useAdaptiveTx = !!ec->use_adaptive_tx_coalesce,
		.rateSampleInterval = ec->rate_sample_interval,
	};
	VMK_ReturnStatus status;

	if (!ops || !ops->setParams)
		return -EOPNOTSUPP;
	status = ops->setParams(up->reg.driverData, &p);
	return status == VMK_OK ? 0 : vmk_uplink_errno(status);
}

static u32 vmk_uplink_get_msglevel(struct net_device *dev)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkMessageLevelOps *ops =
		vmk_uplink_cap_ops(up, VMK_UPLINK_CAP_MESSAGE_LEVEL);
	vmk_uint32 level = 0;

	if (ops && ops->getMessageLevel)
		ops->getMessageLevel(up->reg.driverData, &level);
	return level;
}

static void vmk_uplink_set_msglevel(struct net_device *dev, u32 level)
{
	struct vmk_uplink *up = vmk_uplink_of_dev(dev);
	vmk_UplinkMessageLevelOps *ops =
		vmk_uplink_cap_ops(up, VMK_UPLINK_CAP_MESSAGE_LEVEL);

	if (ops && ops->setMessageLevel)
		ops->setMessageLevel(up->reg.driverData, level);
}

/* ethtool -S: the fields of vmk_UplinkStats, in order. */
static const char vmk_uplink_stat_names[][ETH_GSTRING_LEN] = {
	"rxPkts", "txPkts", "rxBytes", "txBytes", "rxErrors", "txErrors",
	"rxDrops", "txDrops", "rxMulticastPkts", "rxBroadcastPkts",
	"txMulticastPkts", "txBroadcastPkts", "collisions", "rxLengthErrors",
	"rxOverflowErrors", "rxCRCErrors", "rxFrameAlignErrors",
	"rxFifoErrors", "rxMissErrors", "txAbortedErrors", "txCarrierErrors",
	"txFifoErrors", "txHeartbeatErrors", "txWindowErrors",
};

static_assert(sizeof(vmk_UplinkStats) ==
	      ARRAY_SIZE(vmk_uplink_stat_names) * sizeof(u64));

static int vmk_uplink_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? ARRAY_SIZE(vmk_uplink_stat_names) :
				      -EOPNOTSUPP;
}

static void vmk_uplink_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	if (sset == ETH_SS_STATS)
		memcpy(data, vmk_uplink_stat_names,
		       sizeof(vmk_uplink_stat_names));
}

static void vmk_uplink_get_ethtool_stats(struct net_device *dev,
					 struct ethtool_stats *stats, u64 *data)
{
	vmk_UplinkStats st;

	vmk_uplink_read_stats(vmk_uplink_of_dev(dev), &st);
	memcpy(data, &st, sizeof(st));
}

static const struct ethtool_ops vmk_uplink_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_USECS |
				     ETHTOOL_COALESCE_MAX_FRAMES |
				     ETHTOOL_COALESCE_USE_ADAPTIVE |
				     ETHTOOL_COALESCE_RATE_SAMPLE_INTERVAL,
	.get_drvinfo = vmk_uplink_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_link_ksettings = vmk_uplink_get_link_ksettings,
	.set_link_ksettings = vmk_uplink_set_link_ksettings,
	.get_ringparam = vmk_uplink_get_ringparam,
	.set_ringparam = vmk_uplink_set_ringparam,
	.get_coalesce = vmk_uplink_get_coalesce,
	.set_coalesce = vmk_uplink_set_coalesce,
	.get_msglevel = vmk_uplink_get_msglevel,
	.set_msglevel = vmk_uplink_set_msglevel,
	.get_sset_count = vmk_uplink_get_sset_count,
	.get_strings = vmk_uplink_get_strings,
	.get_ethtool_stats = vmk_uplink_get_ethtool_stats,
};

/* ---- the device layer's side ------------------------------------------ */

static struct vmk_uplink *vmk_uplink_of(vmk_Device device)
{
	vmk_AddrCookie data = { .ptr = NULL };

	if (vmk_DeviceGetAttachedDriverData(device, &data) != VMK_OK)
		return NULL;
	return data.ptr;
}

static bool vmk_uplink_is_uplink(vmk_Device device)
{
	static const char ident[] = VMK_UPLINK_DEVICE_IDENTIFIER;
	vmk_DeviceID *id;
	bool ours;

	if (vmk_DeviceGetDeviceID(vmk_uplink_heap, device, &id) != VMK_OK)
		return false;
	ours = id->busIdentifier && id->busIdentifierLen == sizeof(ident) - 1 &&
	       !memcmp(id->busIdentifier, ident, sizeof(ident) - 1);
	vmk_DevicePutDeviceID(vmk_uplink_heap, id);
	return ours;
}

static bool vmk_uplink_reg_ok(const vmk_UplinkRegData *reg)
{
	const vmk_UplinkOps *ops = &reg->ops;

	if (VMK_REVISION_MAJOR(reg->apiRevision) != VMKAPI_REVISION_MAJOR ||
	    reg->apiRevision > VMKAPI_REVISION) {
		pr_warn("uplink: registration data has API revision %#x, this is %#x\n",
			reg->apiRevision, VMKAPI_REVISION);
		return false;
	}
	return reg->sharedData && reg->sharedData->queueInfo &&
	       ops->uplinkTx && ops->uplinkAssociate &&
	       ops->uplinkDisassociate && ops->uplinkStartIO &&
	       ops->uplinkQuiesceIO &&
	       vmk_core_module_is_registered(reg->moduleID);
}

static VMK_ReturnStatus vmk_uplink_attach(vmk_Device device)
{
	vmk_AddrCookie data = { .ptr = NULL };
	const vmk_UplinkRegData *reg;
	struct vmk_uplink *up;
	VMK_ReturnStatus status;

	if (!vmk_uplink_is_uplink(device))
		return VMK_NOT_SUPPORTED;
	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		return status;
	reg = data.ptr;
	if (!reg || !vmk_uplink_reg_ok(reg)) {
		pr_warn("uplink: device %p: registration data %p is not a usable vmk_UplinkRegData\n",
			device, reg);
		return VMK_BAD_PARAM;
	}
	up = kzalloc(sizeof(*up), GFP_KERNEL);
	if (!up)
		return VMK_NO_MEMORY;
	INIT_LIST_HEAD(&up->node);
	up->device = device;
	up->reg = *reg;
	spin_lock_init(&up->link_lock);
	spin_lock_init(&up->stats_lock);
	up->link.state = VMK_LINK_STATE_DOWN;
	up->watchdog_ms = VMK_UPLINK_WATCHDOG_MS;
	INIT_WORK(&up->stats_work, vmk_uplink_stats_work);
	INIT_WORK(&up->rx_mode_work, vmk_uplink_rx_mode_work);
	INIT_WORK(&up->reset_work, vmk_uplink_reset_work);
	skb_queue_head_init(&up->txq);
	status = vmk_DeviceSetAttachedDriverData(device, up);
	if (status != VMK_OK) {
		kfree(up);
		return status;
	}
	mutex_lock(&vmk_uplinks_mutex);
	list_add_tail(&up->node, &vmk_uplinks);
	mutex_unlock(&vmk_uplinks_mutex);
	return VMK_OK;
}

/* MAC and MTU from the shared data, features from the capabilities. */
static void vmk_uplink_setup_netdev(struct vmk_uplink *up,
				    struct net_device *dev)
{
	vmk_EthAddress mac;
	vmk_uint32 mtu;

	dev->netdev_ops = &vmk_uplink_netdev_ops;
	dev->ethtool_ops = &vmk_uplink_ethtool_ops;
	dev->watchdog_timeo = msecs_to_jiffies(up->watchdog_ms);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = VMK_UPLINK_MAX_MTU;
	vmk_uplink_shared(up, &mtu, mtu);
	dev->mtu = mtu >= dev->min_mtu && mtu <= dev->max_mtu ? mtu :
		   ETH_DATA_LEN;
	vmk_uplink_shared(up, &mac, macAddr);
	if (!is_valid_ether_addr(mac))
		vmk_uplink_shared(up, &mac, hwMacAddr);
	if (is_valid_ether_addr(mac)) {
		eth_hw_addr_set(dev, mac);
	} else {
		netdev_warn(dev, "no valid MAC address in the shared data, using a random one\n");
		eth_hw_addr_random(dev);
	}
	dev->hw_features = vmk_uplink_cap_features(up, false);
	dev->features = vmk_uplink_cap_features(up, true);
	dev->vlan_features = dev->features & (NETIF_F_SG | NETIF_F_IP_CSUM |
					      NETIF_F_IPV6_CSUM | NETIF_F_TSO |
					      NETIF_F_TSO6);
	up->tx_qid = up->reg.sharedData->queueInfo->defaultTxQueueID;
}

static VMK_ReturnStatus vmk_uplink_start(vmk_Device device)
{
	struct vmk_uplink *up = vmk_uplink_of(device);
	struct net_device *dev;
	struct device *parent;
	VMK_ReturnStatus status;
	unsigned long flags;
	int ret;

	if (!up)
		return VMK_BAD_PARAM;
	if (up->netdev)
		return VMK_OK;
	dev = alloc_netdev_mqs(sizeof(struct vmk_uplink_priv),
			       VMK_UPLINK_NAME_FMT, NET_NAME_PREDICTABLE,
			       ether_setup, 1, 1);
	if (!dev)
		return VMK_NO_MEMORY;
	((struct vmk_uplink_priv *)netdev_priv(dev))->up = up;
	parent = vmk_core_device_linux_dev(device);
	if (parent)
		SET_NETDEV_DEV(dev, parent);
	/* The driver may ask for the name in uplinkAssociate. */
	rtnl_lock();
	ret = dev_alloc_name(dev, VMK_UPLINK_NAME_FMT);
	rtnl_unlock();
	if (ret < 0) {
		free_netdev(dev);
		return VMK_FAILURE;
	}
	strscpy(up->name, dev->name, sizeof(up->name));
	up->netdev = dev;
	/* The TX thread is napi/vmnicN-<id>: named from here. */
	netif_napi_add_tx(dev, &up->tx_napi, vmk_uplink_tx_poll);
	if (dev_set_threaded(dev, true))
		netdev_warn(dev, "no TX thread: transmits run in softirq\n");
	bitmap_zero(up->caps_registered, VMK_UPLINK_CAP_MAX + 1);
	bitmap_zero(up->caps_enabled, VMK_UPLINK_CAP_MAX + 1);

	vmk_core_handle_add(&up->handle, up, VMK_CORE_HANDLE_UPLINK);
	status = up->reg.ops.uplinkAssociate(up->reg.driverData,
					       (vmk_Uplink)up);
	if (status != VMK_OK) {
		pr_warn("uplink %s: uplinkAssociate failed: %s\n", up->name,
			vmk_StatusToString(status));
		goto err_handle;
	}
	WRITE_ONCE(up->associated, true);
	vmk_uplink_setup_netdev(up, dev);
	netif_carrier_off(dev);
	ret = register_netdev(dev);
	if (ret) {
		pr_warn("uplink %s: register_netdev failed: %d\n", up->name,
			ret);
		status = VMK_FAILURE;
		goto err_assoc;
	}
	strscpy(up->name, dev->name, sizeof(up->name));
	spin_lock_irqsave(&up->link_lock, flags);
	rcu_assign_pointer(up->live_dev, dev);
	vmk_uplink_apply_carrier(up, dev);
	spin_unlock_irqrestore(&up->link_lock, flags);
	vmk_core_netpoll_attach_uplink(up, up->reg.sharedData->queueInfo);
	return VMK_OK;

err_assoc:
	WRITE_ONCE(up->associated, false);
	up->reg.ops.uplinkDisassociate(up->reg.driverData);
err_handle:
	vmk_core_handle_del(&up->handle);
	synchronize_rcu();
	up->netdev = NULL;
	netif_napi_del(&up->tx_napi);
	free_netdev(dev);
	return status;
}

static void vmk_uplink_withdraw(struct vmk_uplink *up)
{
	struct net_device *dev = up->netdev;
	VMK_ReturnStatus status;
	unsigned long flags;

	if (!dev)
		return;
	spin_lock_irqsave(&up->link_lock, flags);
	RCU_INIT_POINTER(up->live_dev, NULL);
	spin_unlock_irqrestore(&up->link_lock, flags);
	/* Driver calls that saw the net_device are done with it. */
	synchronize_rcu();
	/* Stops it first if it is up: uplinkQuiesceIO. */
	unregister_netdev(dev);
	vmk_core_netpoll_detach_uplink(up);
	cancel_work_sync(&up->stats_work);
	cancel_work_sync(&up->rx_mode_work);
	cancel_work_sync(&up->reset_work);
	WRITE_ONCE(up->associated, false);
	status = up->reg.ops.uplinkDisassociate(up->reg.driverData);
	if (status != VMK_OK)
		pr_warn("uplink %s: uplinkDisassociate failed: %s\n",
			up->name, vmk_StatusToString(status));
	vmk_core_handle_del(&up->handle);
	/* Polls the driver bound late (in disassociate) let go too. */
	vmk_core_netpoll_detach_uplink(up);
	up->netdev = NULL;
	netif_napi_del(&up->tx_napi);
	skb_queue_purge(&up->txq);
	free_netdev(dev);
}

static VMK_ReturnStatus vmk_uplink_scan(vmk_Device device)
{
	return VMK_OK;
}

static VMK_ReturnStatus vmk_uplink_quiesce(vmk_Device device)
{
	struct vmk_uplink *up = vmk_uplink_of(device);

	if (!up)
		return VMK_BAD_PARAM;
	vmk_uplink_withdraw(up);
	return VMK_OK;
}

static VMK_ReturnStatus vmk_uplink_detach(vmk_Device device)
{
	struct vmk_uplink *up = vmk_uplink_of(device);

	if (!up)
		return VMK_BAD_PARAM;
	vmk_uplink_withdraw(up);
	mutex_lock(&vmk_uplinks_mutex);
	list_del_init(&up->node);
	mutex_unlock(&vmk_uplinks_mutex);
	vmk_DeviceSetAttachedDriverData(device, (void *)NULL);
	kfree_rcu(up, rcu);
	return VMK_OK;
}

/* Surprise removal: the driver stops touching hardware; nothing here. */
static void vmk_uplink_forget(vmk_Device device)
{
}

static vmk_DriverOps vmk_uplink_driver_ops = {
	.attachDevice = vmk_uplink_attach,
	.scanDevice = vmk_uplink_scan,
	.detachDevice = vmk_uplink_detach,
	.quiesceDevice = vmk_uplink_quiesce,
	.startDevice = vmk_uplink_start,
	.forgetDevice = vmk_uplink_forget,
};

int vmk_core_uplink_init(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = VMK_VMKERNEL_MODULE_ID,
		.max = 16 * 1024,
	};
	vmk_DriverProps props = {
		.moduleID = VMK_VMKERNEL_MODULE_ID,
		.ops = &vmk_uplink_driver_ops,
	};
	VMK_ReturnStatus status;

	vmk_NameInitialize(&heap_props.name, "vmkapi-uplink");
	status = vmk_HeapCreate(&heap_props, &vmk_uplink_heap);
	if (status != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&props.name, "vmkapi-uplink");
	status = vmk_DriverRegister(&props, &vmk_uplink_driver);
	if (status != VMK_OK)
		goto err_heap;
	status = vmk_core_driver_bind_identifier(vmk_uplink_driver,
						 VMK_UPLINK_DEVICE_IDENTIFIER);
	if (status != VMK_OK)
		goto err_driver;
	return 0;

err_driver:
	vmk_DriverUnregister(vmk_uplink_driver);
err_heap:
	vmk_HeapDestroy(vmk_uplink_heap);
	return -vmk_StatusToErrno(status) ?: -EIO;
}

void vmk_core_uplink_exit(void)
{
	vmk_DriverUnregister(vmk_uplink_driver);
	vmk_HeapDestroy(vmk_uplink_heap);
}
