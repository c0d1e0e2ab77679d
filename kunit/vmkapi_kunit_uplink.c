// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: NetPoll and the uplink layer (reference 17.1-17.6, 17.9, 23).
 *
 * A FAKE NIC: a test driver attached to a parent device on the device
 * manager (over a platform device, so the uplink has a Linux parent and
 * a DMA engine), whose scan registers a "com.vmware.uplink" child with
 * its vmk_UplinkRegData.  The uplink layer claims the child and makes a
 * vmnicN net_device.  The fake NIC's uplinkTx maps each packet through
 * its DMA engine, puts it on a "wire" and activates its NetPoll; the
 * poll puts the wire's packets back in as received ones: a loopback.
 * A "ring" of a few packets makes uplinkTx return VMK_BUSY.  The tests
 * send frames of an experimental ethertype with dev_queue_xmit and count
 * them with a packet handler, drive the net_device as ip/ethtool do,
 * and tear the uplink down with traffic in flight.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/platform_device.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <net/sch_generic.h>

#include "vmkapi_kunit.h"

#define HEAP_MAX	(64 * 1024)
#define TEST_PROTO	ETH_P_802_EX1
#define WAIT_MS		10000

static const vmk_EthAddress fake_mac = { 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30 };

struct nic {
	vmk_HeapID heap;
	struct platform_device *pdev;
	vmk_BusType logical;
	vmk_Driver driver;
	vmk_Device parent;
	vmk_Device child;
	vmk_DMAEngine dma;
	vmk_NetPoll poll;

	vmk_UplinkRegData reg;
	vmk_UplinkSharedData shared;
	vmk_UplinkSharedQueueInfo qinfo;
	vmk_UplinkSharedQueueData qdata[2];
	vmk_UplinkSupportedMode modes[2];
	vmk_UplinkRingParamsOps ring_ops;
	vmk_UplinkMessageLevelOps msg_ops;
	vmk_uint32 msglevel;

	vmk_Uplink uplink;
	char name[IFNAMSIZ];
	bool name_at_associate_ok;

	/* The wire: TX'ed packets the poll will receive. */
	spinlock_t lock;
	char wire_buf[32] __aligned(8);
	vmk_PktList wire;
	unsigned int ring_size;
	bool hold;		/* the poll leaves the wire alone */
	bool stopped;		/* we called vmk_UplinkQueueStop */

	atomic_t associates, disassociates, starts, quiesces;
	atomic_t tx, busy, rx, polls, map_errors;
	atomic_t cap_on, cap_off;
	int last_cap;
	vmk_UplinkState state;
	vmk_uint32 mtu;
	VMK_ReturnStatus mtu_status, assoc_status;
	bool netdev_gone_at_disassociate;
	/* Where the poll ran. */
	bool poll_kthread, poll_softirq_off, poll_current_ok;
	bool tx_in_softirq;	/* uplinkTx ever ran serving a softirq */
	vmk_UplinkStats stats;
};

static struct nic *nic_of(vmk_AddrCookie c)
{
	return c.ptr;
}

/* ---- the fake NIC's uplink callbacks ------------------------------------ */

static VMK_ReturnStatus n_tx(vmk_AddrCookie data, vmk_PktList list)
{
	VMK_PKTLIST_ITER_STACK_DEF(it);
	struct nic *n = nic_of(data);
	vmk_PktHandle *pkt;
	vmk_DMAMapErrorInfo err;
	vmk_SgElem in, out;
	bool busy = false;

	if (in_serving_softirq())
		WRITE_ONCE(n->tx_in_softirq, true);
	for (vmk_PktListIterStart(it, list); !vmk_PktListIterIsAtEnd(it);) {
		vmk_PktListIterRemovePkt(it, &pkt);
		spin_lock(&n->lock);
		if (vmk_PktListGetCount(n->wire) >= n->ring_size) {
			/*
			 * Ring full: stop the queue and say so in one step
			 * under the lock, so a poll draining the ring
			 * meanwhile restarts it after the stop, never before.
			 */
			vmk_UplinkQueueStop(n->uplink, vmk_PktQueueIDGet(pkt));
			n->stopped = true;
			spin_unlock(&n->lock);
			vmk_PktListIterInsertPktBefore(it, pkt);
			busy = true;
			break;
		}
		spin_unlock(&n->lock);
		/* As a real NIC: map the frame for the device to read. */
		in = *vmk_PktSgElemGet(pkt, 0);
		if (vmk_DMAMapElem(n->dma, VMK_DMA_DIRECTION_FROM_MEMORY, &in,
				   VMK_TRUE, &out, &err) == VMK_OK)
			vmk_DMAUnmapElem(n->dma, VMK_DMA_DIRECTION_FROM_MEMORY,
					 &out);
		else
			atomic_inc(&n->map_errors);
		spin_lock(&n->lock);
		vmk_PktListAppendPkt(n->wire, pkt);
		spin_unlock(&n->lock);
		atomic_inc(&n->tx);
	}
	vmk_NetPollActivate(n->poll);
	if (busy) {
		atomic_inc(&n->busy);
		return VMK_BUSY;
	}
	return VMK_OK;
}

static vmk_Bool n_poll(vmk_AddrCookie priv, vmk_uint32 budget)
{
	struct nic *n = nic_of(priv);
	vmk_NetPoll cur = NULL;
	vmk_PktHandle *pkt;
	vmk_uint32 done = 0;
	bool more, restart;

	atomic_inc(&n->polls);
	n->poll_kthread = current->flags & PF_KTHREAD;
	n->poll_softirq_off = in_softirq() && !in_hardirq();
	n->poll_current_ok = vmk_NetPollGetCurrent(&cur) == VMK_OK &&
			     cur == n->poll;
	while (done < budget && !READ_ONCE(n->hold)) {
		spin_lock(&n->lock);
		pkt = vmk_PktListPopFirstPkt(n->wire);
		spin_unlock(&n->lock);
		if (!pkt)
			break;
		done++;
		atomic_inc(&n->rx);
		vmk_NetPollRxPktQueue(n->poll, pkt);
	}
	spin_lock(&n->lock);
	more = !READ_ONCE(n->hold) && !vmk_PktListIsEmpty(n->wire);
	restart = n->stopped && !more && !READ_ONCE(n->hold);
	if (restart)
		n->stopped = false;
	spin_unlock(&n->lock);
	if (restart)
		vmk_UplinkQueueStart(n->uplink, n->qinfo.defaultTxQueueID);
	return more;
}

static VMK_ReturnStatus n_mtu_set(vmk_AddrCookie data, vmk_uint32 mtu)
{
	struct nic *n = nic_of(data);

	if (n->mtu_status != VMK_OK)
		return n->mtu_status;
	n->mtu = mtu;
	vmk_VersionedAtomicBeginWrite(&n->shared.lock);
	n->shared.mtu = mtu;
	vmk_VersionedAtomicEndWrite(&n->shared.lock);
	return VMK_OK;
}

static VMK_ReturnStatus n_state_set(vmk_AddrCookie data, vmk_UplinkState st)
{
	struct nic *n = nic_of(data);

	n->state = st;
	vmk_VersionedAtomicBeginWrite(&n->shared.lock);
	n->shared.state = st;
	vmk_VersionedAtomicEndWrite(&n->shared.lock);
	return VMK_OK;
}

static VMK_ReturnStatus n_stats_get(vmk_AddrCookie data, vmk_UplinkStats *st)
{
	*st = nic_of(data)->stats;
	return VMK_OK;
}

static VMK_ReturnStatus n_ring_get(vmk_AddrCookie data,
				   vmk_UplinkRingParams *p)
{
	p->rxMaxPending = 4096;
	p->txMaxPending = 4096;
	p->rxPending = 256;
	p->txPending = nic_of(data)->ring_size;
	return VMK_OK;
}

static VMK_ReturnStatus n_ring_set(vmk_AddrCookie data,
				   vmk_UplinkRingParams *p)
{
	nic_of(data)->ring_size = p->txPending;
	return VMK_OK;
}

static VMK_ReturnStatus n_msg_get(vmk_AddrCookie data, vmk_uint32 *level)
{
	*level = nic_of(data)->msglevel;
	return VMK_OK;
}

static VMK_ReturnStatus n_msg_set(vmk_AddrCookie data, vmk_uint32 level)
{
	nic_of(data)->msglevel = level;
	return VMK_OK;
}

static VMK_ReturnStatus n_associate(vmk_AddrCookie data, vmk_Uplink uplink)
{
	struct nic *n = nic_of(data);
	vmk_AddrCookie none = { .ptr = NULL };
	vmk_AddrCookie ops;
	vmk_Name name;

	atomic_inc(&n->associates);
	if (n->assoc_status != VMK_OK)
		return n->assoc_status;
	n->uplink = uplink;
	name = vmk_UplinkNameGet(uplink);
	strscpy(n->name, name.string, sizeof(n->name));
	n->name_at_associate_ok = !strncmp(n->name, "vmnic", 5);
	vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_IPV4_CSO, none);
	vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_VLAN_TX_INSERT, none);
	vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_VLAN_RX_STRIP, none);
	ops.ptr = &n->ring_ops;
	vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_RING_PARAMS, ops);
	ops.ptr = &n->msg_ops;
	vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_MESSAGE_LEVEL, ops);
	return VMK_OK;
}

static VMK_ReturnStatus n_disassociate(vmk_AddrCookie data)
{
	struct nic *n = nic_of(data);
	struct net_device *dev;

	atomic_inc(&n->disassociates);
	dev = dev_get_by_name(&init_net, n->name);
	n->netdev_gone_at_disassociate = !dev;
	if (dev)
		dev_put(dev);
	n->uplink = NULL;
	return VMK_OK;
}

static VMK_ReturnStatus n_cap(vmk_AddrCookie data, vmk_UplinkCap cap, bool on)
{
	struct nic *n = nic_of(data);

	n->last_cap = cap;
	atomic_inc(on ? &n->cap_on : &n->cap_off);
	return VMK_OK;
}

static VMK_ReturnStatus n_cap_on(vmk_AddrCookie data, vmk_UplinkCap cap)
{
	return n_cap(data, cap, true);
}

static VMK_ReturnStatus n_cap_off(vmk_AddrCookie data, vmk_UplinkCap cap)
{
	return n_cap(data, cap, false);
}

static VMK_ReturnStatus n_start_io(vmk_AddrCookie data)
{
	struct nic *n = nic_of(data);

	atomic_inc(&n->starts);
	vmk_NetPollEnable(n->poll);
	return VMK_OK;
}

static VMK_ReturnStatus n_quiesce_io(vmk_AddrCookie data)
{
	struct nic *n = nic_of(data);

	atomic_inc(&n->quiesces);
	vmk_NetPollDisable(n->poll);
	spin_lock(&n->lock);
	vmk_PktListReleaseAllPkts(n->wire);
	spin_unlock(&n->lock);
	return VMK_OK;
}

static const vmk_UplinkOps n_ops = {
	.uplinkTx = n_tx,
	.uplinkMTUSet = n_mtu_set,
	.uplinkStateSet = n_state_set,
	.uplinkStatsGet = n_stats_get,
	.uplinkAssociate = n_associate,
	.uplinkDisassociate = n_disassociate,
	.uplinkCapEnable = n_cap_on,
	.uplinkCapDisable = n_cap_off,
	.uplinkStartIO = n_start_io,
	.uplinkQuiesceIO = n_quiesce_io,
};

/* ---- the parent driver --------------------------------------------------- */

static VMK_ReturnStatus c_remove(vmk_Device child)
{
	return vmk_DeviceUnregister(child);
}

static vmk_DeviceOps c_ops = { .removeDevice = c_remove };

static VMK_ReturnStatus p_scan(vmk_Device device)
{
	vmk_AddrCookie data;
	vmk_DeviceProps props = {};
	vmk_DeviceID id = {};
	struct nic *n;
	VMK_ReturnStatus status;

	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		return status;
	n = data.ptr;
	id.busType = n->logical;
	status = vmk_LogicalCreateBusAddress(n->driver, device, 0,
					     &id.busAddress, &id.busAddressLen);
	if (status != VMK_OK)
		return status;
	id.busIdentifier = VMK_UPLINK_DEVICE_IDENTIFIER;
	id.busIdentifierLen = strlen(id.busIdentifier);
	props.registeringDriver = n->driver;
	props.deviceID = &id;
	props.deviceOps = &c_ops;
	props.registeringDriverData.ptr = n;
	props.registrationData.ptr = &n->reg;
	status = vmk_DeviceRegister(&props, device, &n->child);
	vmk_LogicalFreeBusAddress(n->driver, id.busAddress);
	return status;
}

static VMK_ReturnStatus p_ok(vmk_Device device)
{
	return VMK_OK;
}

static void p_forget(vmk_Device device)
{
}

static vmk_DriverOps p_ops = {
	.attachDevice = p_ok,
	.scanDevice = p_scan,
	.detachDevice = p_ok,
	.quiesceDevice = p_ok,
	.startDevice = p_ok,
	.forgetDevice = p_forget,
};

static int nic_init(struct kunit *test)
{
	struct nic *n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);
	vmk_DriverProps dprops = {
		.moduleID = vmk_kunit_module_id,
		.ops = &p_ops,
	};
	struct platform_device_info info = {
		.name = "vmkapi-kunit-nic",
		.id = PLATFORM_DEVID_AUTO,
		.dma_mask = DMA_BIT_MASK(64),
	};
	struct vmk_core_device_props props = {
		.identifier = "kunit",
	};
	vmk_DMAConstraints con = { .addressMask = VMK_ADDRESS_MASK_64BIT };
	vmk_DMAEngineProps eprops = {
		.module = vmk_kunit_module_id,
		.constraints = &con,
	};
	vmk_NetPollProperties np = { .poll = n_poll };
	vmk_ServiceAcctID svc;
	vmk_Name name;

	if (!n)
		return -ENOMEM;
	test->priv = n;
	spin_lock_init(&n->lock);
	n->wire = (vmk_PktList)n->wire_buf;
	vmk_PktListInit(n->wire);
	n->ring_size = 64;
	n->mtu_status = VMK_OK;
	n->assoc_status = VMK_OK;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_uplink",
				  HEAP_MAX, &n->heap) != VMK_OK)
		return -ENOMEM;
	vmk_ModuleSetHeapID(vmk_kunit_module_id, n->heap);
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	if (vmk_BusTypeFind(&name, &n->logical) != VMK_OK)
		return -ENODEV;
	vmk_NameInitialize(&dprops.name, "kunit_fake_nic");
	if (vmk_DriverRegister(&dprops, &n->driver) != VMK_OK)
		return -EINVAL;
	n->pdev = platform_device_register_full(&info);
	if (IS_ERR(n->pdev))
		return PTR_ERR(n->pdev);
	props.bus_type = n->logical;
	props.bus_address = dev_name(&n->pdev->dev);
	props.linux_dev = &n->pdev->dev;
	props.registration_data.ptr = n;
	if (vmk_core_device_add(&props, &n->parent) != VMK_OK)
		return -ENODEV;
	eprops.device = n->parent;
	vmk_NameInitialize(&eprops.name, "kunit-nic");
	if (vmk_DMAEngineCreate(&eprops, &n->dma) != VMK_OK)
		return -ENODEV;
	np.priv.ptr = n;
	if (vmk_ServiceGetID(VMK_SERVICE_ACCT_NAME_NET, &svc) != VMK_OK ||
	    vmk_NetPollCreate(&np, svc, vmk_kunit_module_id, &n->poll) !=
	    VMK_OK)
		return -ENOMEM;

	/* The shared data a NIC driver fills in its attach. */
	vmk_VersionedAtomicInit(&n->shared.lock);
	n->shared.state = VMK_UPLINK_STATE_DISABLED;
	n->shared.link.state = VMK_LINK_STATE_DOWN;
	n->shared.mtu = 1500;
	memcpy(n->shared.macAddr, fake_mac, sizeof(fake_mac));
	memcpy(n->shared.hwMacAddr, fake_mac, sizeof(fake_mac));
	n->modes[0].speed = VMK_LINK_SPEED_100_MBPS;
	n->modes[0].duplex = VMK_LINK_DUPLEX_FULL;
	n->modes[1].speed = VMK_LINK_SPEED_1000_MBPS;
	n->modes[1].duplex = VMK_LINK_DUPLEX_FULL;
	n->shared.supportedModes = n->modes;
	n->shared.supportedModesArraySz = 2;
	vmk_NameInitialize(&n->shared.driverInfo.driver, "kfakenic");
	vmk_NameInitialize(&n->shared.driverInfo.version, "1.2.3");
	vmk_NameInitialize(&n->shared.driverInfo.firmwareVersion, "fw-9");
	n->qinfo.supportedQueueTypes = VMK_UPLINK_QUEUE_TYPE_RX |
				       VMK_UPLINK_QUEUE_TYPE_TX;
	n->qinfo.maxRxQueues = 1;
	n->qinfo.maxTxQueues = 1;
	n->qinfo.activeRxQueues = 1;
	n->qinfo.activeTxQueues = 1;
	vmk_UplinkQueueMkRxQueueID(&n->qinfo.defaultRxQueueID, 0, 0);
	vmk_UplinkQueueMkTxQueueID(&n->qinfo.defaultTxQueueID, 1, 0);
	n->qdata[0].flags = VMK_UPLINK_QUEUE_FLAG_IN_USE |
			    VMK_UPLINK_QUEUE_FLAG_DEFAULT;
	n->qdata[0].type = VMK_UPLINK_QUEUE_TYPE_RX;
	n->qdata[0].qid = n->qinfo.defaultRxQueueID;
	n->qdata[0].poll = n->poll;
	n->qdata[0].dmaEngine = n->dma;
	n->qdata[1].flags = n->qdata[0].flags;
	n->qdata[1].type = VMK_UPLINK_QUEUE_TYPE_TX;
	n->qdata[1].qid = n->qinfo.defaultTxQueueID;
	n->qinfo.queueData = n->qdata;
	n->shared.queueInfo = &n->qinfo;
	n->ring_ops.ringParamsGet = n_ring_get;
	n->ring_ops.ringParamsSet = n_ring_set;
	n->msg_ops.getMessageLevel = n_msg_get;
	n->msg_ops.setMessageLevel = n_msg_set;

	n->reg.apiRevision = VMKAPI_REVISION;
	n->reg.moduleID = vmk_kunit_module_id;
	n->reg.ops = n_ops;
	n->reg.sharedData = &n->shared;
	n->reg.driverData.ptr = n;
	return 0;
}

static void nic_exit(struct kunit *test)
{
	struct nic *n = test->priv;

	if (n->parent && vmk_core_device_driver(n->parent))
		vmk_core_device_detach(n->parent);
	if (n->poll)
		vmk_NetPollDestroy(n->poll);
	if (n->dma)
		vmk_DMAEngineDestroy(n->dma);
	if (n->parent)
		KUNIT_EXPECT_EQ(test, vmk_core_device_remove(n->parent),
				VMK_OK);
	if (n->pdev && !IS_ERR(n->pdev))
		platform_device_unregister(n->pdev);
	if (n->driver)
		vmk_DriverUnregister(n->driver);
	if (n->logical)
		vmk_BusTypeRelease(n->logical);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	if (n->heap)
		vmk_kunit_heap_drop(test, n->heap);
}

/* Attach the parent: its scan registers the uplink child. */
static void nic_up(struct kunit *test)
{
	struct nic *n = test->priv;

	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(n->parent, n->driver),
			VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, n->child);
}

static void nic_down(struct kunit *test)
{
	struct nic *n = test->priv;

	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(n->parent), VMK_OK);
}

/* The uplink's net_device (referenced: dev_put it), or the test stops. */
static struct net_device *nic_dev(struct kunit *test)
{
	struct nic *n = test->priv;
	struct net_device *dev = dev_get_by_name(&init_net, n->name);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	return dev;
}

static int nic_open(struct net_device *dev)
{
	int ret;

	rtnl_lock();
	ret = dev_open(dev, NULL);
	rtnl_unlock();
	return ret;
}

static void nic_close(struct net_device *dev)
{
	rtnl_lock();
	dev_close(dev);
	rtnl_unlock();
}

/* Poll @cond about every millisecond, for up to WAIT_MS of sleeps. */
#define WAIT_FOR(cond)							\
	({								\
		int __ms = 0;						\
		while (!(cond) && __ms++ < WAIT_MS)			\
			usleep_range(1000, 2000);			\
		(cond);							\
	})

/* ---- frames of the test protocol, sent and received ------------------ */

static atomic_t rx_frames;

static int t_rcv(struct sk_buff *skb, struct net_device *dev,
		 struct packet_type *pt, struct net_device *orig)
{
	atomic_inc(&rx_frames);
	consume_skb(skb);
	return 0;
}

static struct packet_type t_ptype = {
	.type = htons(TEST_PROTO),
	.func = t_rcv,
};

static int send_frame(struct net_device *dev)
{
	struct sk_buff *skb = alloc_skb(ETH_ZLEN + NET_IP_ALIGN, GFP_KERNEL);
	struct ethhdr *eh;

	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, NET_IP_ALIGN);
	eh = skb_put_zero(skb, ETH_ZLEN);
	ether_addr_copy(eh->h_dest, dev->dev_addr);
	ether_addr_copy(eh->h_source, dev->dev_addr);
	eh->h_proto = htons(TEST_PROTO);
	skb_reset_mac_header(skb);
	skb->protocol = htons(TEST_PROTO);
	skb->dev = dev;
	return dev_queue_xmit(skb);
}

/* ---- NetPoll without an uplink ------------------------------------------ */

struct np_fix {
	vmk_NetPoll np;
	atomic_t polls, delivered;
	int more_rounds;
	int rx_per_poll;
	VMK_ReturnStatus rx_status;
	bool current_ok;
};

static vmk_Bool np_poll(vmk_AddrCookie priv, vmk_uint32 budget)
{
	struct np_fix *f = priv.ptr;
	vmk_PktHandle *pkt;
	vmk_NetPoll cur;
	int i;

	atomic_inc(&f->polls);
	f->current_ok = vmk_NetPollGetCurrent(&cur) == VMK_OK && cur == f->np;
	for (i = 0; i < f->rx_per_poll; i++) {
		if (vmk_PktAlloc(64, &pkt) != VMK_OK)
			break;
		vmk_PktFrameLenSet(pkt, 64);
		f->rx_status = vmk_NetPollRxPktQueue(f->np, pkt);
	}
	return f->more_rounds-- > 0;
}

static void np_deliver(vmk_PktList list, vmk_AddrCookie priv)
{
	struct np_fix *f = priv.ptr;

	atomic_add(vmk_PktListGetCount(list), &f->delivered);
	vmk_PktListReleaseAllPkts(list);
}

static void netpoll_basic(struct kunit *test)
{
	struct np_fix *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	vmk_NetPollProperties props = {
		.poll = np_poll,
		.deliveryCallback = np_deliver,
		.features = VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK,
	};
	vmk_NetPollState state;
	vmk_PktHandle *pkt;
	vmk_NetPoll cur;

	KUNIT_ASSERT_NOT_NULL(test, f);
	props.priv.ptr = f;
	KUNIT_ASSERT_EQ(test, vmk_NetPollCreate(&props, 3, vmk_kunit_module_id,
						&f->np), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, vmk_NetPollGetPrivate(f->np).ptr, (void *)f);
	KUNIT_EXPECT_EQ(test, vmk_NetPollCheckState(f->np, &state), VMK_OK);
	KUNIT_EXPECT_EQ(test, state, VMK_NETPOLL_DISABLED);
	/* Disabled: an activation does not run the poll. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate(f->np), VMK_OK);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->polls), 0);

	vmk_NetPollEnable(f->np);
	vmk_NetPollEnable(f->np);
	KUNIT_EXPECT_EQ(test, vmk_NetPollCheckState(f->np, &state), VMK_OK);
	KUNIT_EXPECT_EQ(test, state, VMK_NETPOLL_ACTIVE);
	/* "Poll again" three times, then done: four polls, all delivered. */
	f->more_rounds = 3;
	f->rx_per_poll = 2;
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate(f->np), VMK_OK);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&f->delivered) == 8));
	KUNIT_EXPECT_EQ(test, atomic_read(&f->polls), 4);
	KUNIT_EXPECT_EQ(test, f->rx_status, VMK_OK);
	KUNIT_EXPECT_TRUE(test, f->current_ok);
	/* Outside the poll: no current poll, no RX queueing. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollGetCurrent(&cur), VMK_INVALID_HANDLE);
	KUNIT_ASSERT_EQ(test, vmk_PktAlloc(64, &pkt), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_NetPollRxPktQueue(f->np, pkt), VMK_FAILURE);
	/* Completion outside the poll frees at once. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollQueueCompPkt(f->np, pkt), VMK_OK);

	/* Without custom delivery and without an uplink: dropped, freed. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollDeliveryCallbackClear(f->np), VMK_OK);
	f->rx_per_poll = 3;
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate(f->np), VMK_OK);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&f->polls) == 5));
	KUNIT_EXPECT_EQ(test, atomic_read(&f->delivered), 8);
	KUNIT_EXPECT_EQ(test, vmk_NetPollDeliveryCallbackSet(f->np, &props),
			VMK_OK);

	KUNIT_EXPECT_EQ(test, vmk_NetPollInterruptSet(f->np,
						      VMK_INVALID_INTRCOOKIE),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_NetPollInterruptSet(f->np, 5), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_NetPollInterruptUnSet(f->np), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_NetPollUnregisterUplink(f->np),
			VMK_BAD_PARAM);
	vmk_NetPollDisable(f->np);
	vmk_NetPollDisable(f->np);
	KUNIT_EXPECT_EQ(test, vmk_NetPollCheckState(f->np, &state), VMK_OK);
	KUNIT_EXPECT_EQ(test, state, VMK_NETPOLL_DISABLED);
	vmk_NetPollDestroy(f->np);
	/* The handle is dead. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate(f->np), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_NetPollCheckState(f->np, &state),
			VMK_INVALID_HANDLE);
}

static void netpoll_bad_args(struct kunit *test)
{
	vmk_NetPollProperties props = { .poll = np_poll };
	vmk_NetPoll np = NULL;

	KUNIT_EXPECT_EQ(test, vmk_NetPollCreate(NULL, 3, vmk_kunit_module_id,
						&np), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_NetPollCreate(&props, 3, vmk_kunit_module_id,
						NULL), VMK_BAD_PARAM);
	props.features = VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK;
	KUNIT_EXPECT_EQ(test, vmk_NetPollCreate(&props, 3, vmk_kunit_module_id,
						&np), VMK_BAD_PARAM);
	props.features = VMK_NETPOLL_NONE;
	props.poll = NULL;
	KUNIT_EXPECT_EQ(test, vmk_NetPollCreate(&props, 3, vmk_kunit_module_id,
						&np), VMK_BAD_PARAM);
	props.poll = np_poll;
	KUNIT_EXPECT_NE(test, vmk_NetPollCreate(&props, 3, 4242, &np), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate(NULL), VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate((vmk_NetPoll)&props),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_NetPollGetCurrent(NULL), VMK_BAD_PARAM);
	vmk_NetPollDestroy(NULL);
	vmk_NetPollEnable(NULL);
}

/*
 * The list forms inside the poll: a received list goes to the custom
 * delivery, FlushRx pushes it before the poll returns, a completed list
 * is released (each packet's destructor counts it).
 */
struct np_list_fix {
	vmk_NetPoll np;
	atomic_t delivered, released, done;
	VMK_ReturnStatus rx_status, comp_status, null_rx, null_comp;
	int rx_left, comp_left, before_flush, after_flush;
	bool allocated;
};

static struct np_list_fix *np_list_current;

static void np_list_pkt_released(struct sk_buff *skb)
{
	atomic_inc(&np_list_current->released);
}

/* @n counted packets on @list; false if one could not be allocated. */
static bool np_list_fill(vmk_PktList list, int n)
{
	vmk_PktHandle *pkt;

	while (n--) {
		if (vmk_PktAlloc(64, &pkt) != VMK_OK)
			return false;
		vmk_PktFrameLenSet(pkt, 64);
		((struct sk_buff *)pkt)->destructor = np_list_pkt_released;
		vmk_PktListAppendPkt(list, pkt);
	}
	return true;
}

static vmk_Bool np_list_poll(vmk_AddrCookie priv, vmk_uint32 budget)
{
	VMK_PKTLIST_STACK_DEF_INIT(list);
	struct np_list_fix *f = priv.ptr;

	f->allocated = np_list_fill(list, 3);
	f->rx_status = vmk_NetPollRxPktListQueue(f->np, list);
	f->rx_left = vmk_PktListGetCount(list);
	f->before_flush = atomic_read(&f->delivered);
	vmk_NetPollFlushRx(f->np);
	f->after_flush = atomic_read(&f->delivered);
	f->allocated &= np_list_fill(list, 2);
	f->comp_status = vmk_NetPollCompPktListQueue(f->np, list);
	f->comp_left = vmk_PktListGetCount(list);
	f->null_rx = vmk_NetPollRxPktListQueue(f->np, NULL);
	f->null_comp = vmk_NetPollCompPktListQueue(f->np, NULL);
	vmk_PktListReleaseAllPkts(list);
	/* Last: the test reads the results once it sees this. */
	atomic_set_release(&f->done, 1);
	return VMK_FALSE;
}

static void np_list_deliver(vmk_PktList list, vmk_AddrCookie priv)
{
	struct np_list_fix *f = priv.ptr;

	atomic_add(vmk_PktListGetCount(list), &f->delivered);
	vmk_PktListReleaseAllPkts(list);
}

static void netpoll_lists(struct kunit *test)
{
	struct np_list_fix *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	vmk_NetPollProperties props = {
		.poll = np_list_poll,
		.deliveryCallback = np_list_deliver,
		.features = VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK,
	};
	VMK_PKTLIST_STACK_DEF_INIT(list);

	KUNIT_ASSERT_NOT_NULL(test, f);
	np_list_current = f;
	props.priv.ptr = f;
	KUNIT_ASSERT_EQ(test, vmk_NetPollCreate(&props, 3, vmk_kunit_module_id,
						&f->np), VMK_OK);
	vmk_NetPollEnable(f->np);
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate(f->np), VMK_OK);
	KUNIT_ASSERT_TRUE(test, WAIT_FOR(atomic_read_acquire(&f->done)));
	KUNIT_EXPECT_TRUE(test, f->allocated);
	/* Three delivered (and released by the callback), two completed. */
	KUNIT_EXPECT_EQ(test, atomic_read(&f->released), 5);
	KUNIT_EXPECT_EQ(test, f->rx_status, VMK_OK);
	KUNIT_EXPECT_EQ(test, f->rx_left, 0);
	/* Queued, not yet delivered; FlushRx delivered inside the poll. */
	KUNIT_EXPECT_EQ(test, f->before_flush, 0);
	KUNIT_EXPECT_EQ(test, f->after_flush, 3);
	KUNIT_EXPECT_EQ(test, f->comp_status, VMK_OK);
	KUNIT_EXPECT_EQ(test, f->comp_left, 0);
	KUNIT_EXPECT_EQ(test, f->null_rx, VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, f->null_comp, VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->delivered), 3);

	/* Outside the poll: RX refused with the list intact, flush a no-op. */
	KUNIT_ASSERT_TRUE(test, np_list_fill(list, 2));
	KUNIT_EXPECT_EQ(test, vmk_NetPollRxPktListQueue(f->np, list),
			VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(list), 2);
	vmk_NetPollFlushRx(f->np);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->delivered), 3);
	/* Completion outside the poll releases at once. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollCompPktListQueue(f->np, list),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, vmk_PktListIsEmpty(list));
	KUNIT_EXPECT_EQ(test, atomic_read(&f->released), 7);
	KUNIT_EXPECT_EQ(test, vmk_NetPollCompPktListQueue(NULL, list),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_EQ(test, vmk_NetPollRxPktListQueue(NULL, list),
			VMK_INVALID_HANDLE);
	vmk_NetPollDisable(f->np);
	vmk_NetPollDestroy(f->np);
}

/*
 * An interrupt handler activating the NetPoll bound to its cookie runs
 * the poll in its own thread, once; more rounds go to the NetPoll's
 * thread.  Unbound, or with a lock held, the poll runs elsewhere.
 */
struct np_intr {
	vmk_NetPoll np;
	struct task_struct *handler_task;
	struct task_struct *poll_task[8];
	atomic_t polls;
	int more_rounds;
	bool lock_in_handler;
	spinlock_t lock;
};

static vmk_Bool np_intr_poll(vmk_AddrCookie priv, vmk_uint32 budget)
{
	struct np_intr *f = priv.ptr;
	int n = atomic_read(&f->polls);

	if (n < (int)ARRAY_SIZE(f->poll_task))
		f->poll_task[n] = current;
	/* The count last: the test reads poll_task[n] once it moved. */
	atomic_inc(&f->polls);
	return f->more_rounds-- > 0;
}

static VMK_ReturnStatus np_intr_ack(void *data, vmk_IntrCookie cookie)
{
	return VMK_OK;
}

static void np_intr_handler(void *data, vmk_IntrCookie cookie)
{
	struct np_intr *f = data;

	f->handler_task = current;
	if (f->lock_in_handler) {
		spin_lock(&f->lock);
		vmk_NetPollActivate(f->np);
		spin_unlock(&f->lock);
	} else {
		vmk_NetPollActivate(f->np);
	}
}

static void np_intr_fire(struct kunit *test, struct np_intr *f,
			 vmk_IntrCookie c, int polls)
{
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_raise(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_flush(c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrSync(c), VMK_OK);
	KUNIT_ASSERT_TRUE(test, WAIT_FOR(atomic_read(&f->polls) == polls));
}

static void netpoll_activate_in_handler(struct kunit *test)
{
	struct np_intr *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	vmk_NetPollProperties props = { .poll = np_intr_poll };
	vmk_IntrProps ip = {
		.acknowledgeInterrupt = np_intr_ack,
		.handler = np_intr_handler,
	};
	vmk_IntrCookie c = VMK_INVALID_INTRCOOKIE;

	KUNIT_ASSERT_NOT_NULL(test, f);
	spin_lock_init(&f->lock);
	props.priv.ptr = f;
	ip.handlerData = f;
	vmk_NameInitialize(&ip.deviceName, "kunit-netpoll");
	KUNIT_ASSERT_EQ(test, vmk_NetPollCreate(&props, 3, vmk_kunit_module_id,
						&f->np), VMK_OK);
	vmk_NetPollEnable(f->np);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_soft_create(vmk_kunit_module_id,
							&c), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrRegister(vmk_kunit_module_id, c, &ip),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(c), VMK_OK);

	/* Not bound to the cookie: the NetPoll's thread polls. */
	np_intr_fire(test, f, c, 1);
	KUNIT_EXPECT_PTR_NE(test, f->poll_task[0], f->handler_task);

	/* Bound: the handler's thread polls, in the handler. */
	KUNIT_ASSERT_EQ(test, vmk_NetPollInterruptSet(f->np, c), VMK_OK);
	np_intr_fire(test, f, c, 2);
	if (IS_ENABLED(CONFIG_PREEMPT_COUNT))
		KUNIT_EXPECT_PTR_EQ(test, f->poll_task[1], f->handler_task);

	/* "Poll again": one round here, the rest in the NetPoll's thread. */
	f->more_rounds = 2;
	np_intr_fire(test, f, c, 5);
	if (IS_ENABLED(CONFIG_PREEMPT_COUNT))
		KUNIT_EXPECT_PTR_EQ(test, f->poll_task[2], f->handler_task);
	KUNIT_EXPECT_PTR_EQ(test, f->poll_task[4], f->poll_task[0]);
	KUNIT_EXPECT_PTR_NE(test, f->poll_task[4], f->handler_task);

	/* A handler holding a lock the poll might take: not here. */
	f->lock_in_handler = true;
	np_intr_fire(test, f, c, 6);
	KUNIT_EXPECT_PTR_NE(test, f->poll_task[5], f->handler_task);

	/* Unbound again: elsewhere. */
	f->lock_in_handler = false;
	KUNIT_EXPECT_EQ(test, vmk_NetPollInterruptUnSet(f->np), VMK_OK);
	np_intr_fire(test, f, c, 7);
	KUNIT_EXPECT_PTR_NE(test, f->poll_task[6], f->handler_task);

	KUNIT_EXPECT_EQ(test, vmk_IntrDisable(c), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(vmk_kunit_module_id, c, f),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_soft_destroy(c), VMK_OK);
	vmk_NetPollDisable(f->np);
	vmk_NetPollDestroy(f->np);
}

static struct kunit_case netpoll_cases[] = {
	KUNIT_CASE(netpoll_basic),
	KUNIT_CASE(netpoll_bad_args),
	KUNIT_CASE(netpoll_lists),
	KUNIT_CASE(netpoll_activate_in_handler),
	{}
};

static struct kunit_suite netpoll_suite = {
	.name = "vmkapi_netpoll",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = netpoll_cases,
};

/* ---- the uplink ----------------------------------------------------------- */

/* Registration: associate, name, caps -> features, MAC, MTU; teardown. */
static void uplink_register(struct kunit *test)
{
	struct nic *n = test->priv;
	struct net_device *dev;
	vmk_Uplink uplink;
	vmk_EthAddress mac;
	vmk_UplinkDriverInfo di;
	vmk_LinkStatus link = { .state = VMK_LINK_STATE_UP };

	nic_up(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->associates), 1);
	KUNIT_EXPECT_TRUE(test, n->name_at_associate_ok);
	KUNIT_ASSERT_NOT_NULL(test, n->uplink);
	KUNIT_EXPECT_NOT_NULL(test, vmk_core_device_driver(n->child));
	dev = nic_dev(test);
	KUNIT_EXPECT_STREQ(test, dev->name, n->name);
	KUNIT_EXPECT_STREQ(test, vmk_UplinkNameGet(n->uplink).string, n->name);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(dev->dev_addr, fake_mac));
	KUNIT_EXPECT_EQ(test, dev->mtu, 1500);
	KUNIT_EXPECT_PTR_EQ(test, dev->dev.parent, &n->pdev->dev);
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_IP_CSUM);
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_HW_VLAN_CTAG_TX);
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_HW_VLAN_CTAG_RX);
	KUNIT_EXPECT_FALSE(test, dev->features & NETIF_F_TSO);
	KUNIT_EXPECT_FALSE(test, dev->features & NETIF_F_SG);
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(dev));
	KUNIT_EXPECT_TRUE(test, vmk_UplinkCapIsRegistered(n->uplink,
						VMK_UPLINK_CAP_IPV4_CSO));
	KUNIT_EXPECT_TRUE(test, vmk_UplinkCapIsEnabled(n->uplink,
						VMK_UPLINK_CAP_IPV4_CSO));
	KUNIT_EXPECT_FALSE(test, vmk_UplinkCapIsRegistered(n->uplink,
						VMK_UPLINK_CAP_IPV4_TSO));
	KUNIT_EXPECT_EQ(test, vmk_UplinkMACAddrGet(n->uplink, &mac), VMK_OK);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(mac, fake_mac));
	KUNIT_EXPECT_EQ(test, vmk_UplinkMTUGet(n->uplink), 1500);
	di = vmk_UplinkDriverInfoGet(n->uplink);
	KUNIT_EXPECT_STREQ(test, di.driver.string, "kfakenic");
	KUNIT_EXPECT_EQ(test, vmk_UplinkFlagsGet(n->uplink), 0);
	KUNIT_EXPECT_EQ(test, vmk_UplinkStateGet(n->uplink),
			VMK_UPLINK_STATE_DISABLED);
	/* Bad arguments on a live uplink. */
	KUNIT_EXPECT_EQ(test, vmk_UplinkCapRegister(n->uplink, 99,
				(vmk_AddrCookie){ .ptr = NULL }),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_UplinkCapRegister(n->uplink,
				VMK_UPLINK_CAP_RING_PARAMS,
				(vmk_AddrCookie){ .ptr = NULL }),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueStop(n->uplink,
						  n->qinfo.defaultRxQueueID),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_UplinkMACAddrGet(n->uplink, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_UplinkUpdateLinkState(n->uplink, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_UplinkSetWatchdogTimeout(n->uplink, 10),
			VMK_BAD_PARAM);
	dev_put(dev);

	uplink = n->uplink;
	nic_down(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->disassociates), 1);
	KUNIT_EXPECT_TRUE(test, n->netdev_gone_at_disassociate);
	KUNIT_EXPECT_NULL(test, dev_get_by_name(&init_net, n->name));
	/* The handle died with the association. */
	KUNIT_EXPECT_EQ(test, vmk_UplinkUpdateLinkState(uplink, &link),
			VMK_INVALID_HANDLE);
	KUNIT_EXPECT_FALSE(test, vmk_UplinkCapIsRegistered(uplink,
						VMK_UPLINK_CAP_IPV4_CSO));
	KUNIT_EXPECT_EQ(test, vmk_UplinkQueueStart(uplink,
						   n->qinfo.defaultTxQueueID),
			VMK_INVALID_HANDLE);
}

/* A child whose registration data is not usable is not claimed. */
static void uplink_bad_registration(struct kunit *test)
{
	struct nic *n = test->priv;

	n->reg.apiRevision = VMK_REVISION_FROM_NUMBERS(1, 0, 0, 0);
	nic_up(test);
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(n->child));
	KUNIT_EXPECT_EQ(test, atomic_read(&n->associates), 0);
	nic_down(test);

	/* A failing associate leaves no net_device and nothing claimed. */
	n->reg.apiRevision = VMKAPI_REVISION;
	n->assoc_status = VMK_NO_MEMORY;
	n->child = NULL;
	nic_up(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->associates), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->disassociates), 0);
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(n->child));
	nic_down(test);
}

/* ip link set up/down, MTU, promisc; link state and carrier. */
static void uplink_open_mtu_link(struct kunit *test)
{
	struct nic *n = test->priv;
	struct ethtool_link_ksettings ks;
	struct net_device *dev;
	vmk_LinkStatus link = {
		.state = VMK_LINK_STATE_UP,
		.speed = VMK_LINK_SPEED_1000_MBPS,
		.duplex = VMK_LINK_DUPLEX_FULL,
	};

	nic_up(test);
	dev = nic_dev(test);
	/* Link up while administratively down: recorded, IS_DISABLED. */
	KUNIT_EXPECT_EQ(test, vmk_UplinkUpdateLinkState(n->uplink, &link),
			VMK_IS_DISABLED);
	KUNIT_EXPECT_EQ(test, vmk_UplinkLinkStatusGet(n->uplink).state,
			VMK_LINK_STATE_DOWN);
	KUNIT_ASSERT_EQ(test, nic_open(dev), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->starts), 1);
	KUNIT_EXPECT_TRUE(test, n->state & VMK_UPLINK_STATE_ENABLED);
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(dev));
	KUNIT_EXPECT_EQ(test, vmk_UplinkUpdateLinkState(n->uplink, &link),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_UplinkLinkStatusGet(n->uplink).speed, 1000);
	KUNIT_EXPECT_EQ(test, vmk_UplinkLinkStatusGet(n->uplink).state,
			VMK_LINK_STATE_UP);
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, __ethtool_get_link_ksettings(dev, &ks), 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, ks.base.speed, SPEED_1000);
	KUNIT_EXPECT_EQ(test, ks.base.duplex, DUPLEX_FULL);
	KUNIT_EXPECT_TRUE(test, ethtool_link_ksettings_test_link_mode(&ks,
				supported, 1000baseT_Full));
	link.state = VMK_LINK_STATE_DOWN;
	KUNIT_EXPECT_EQ(test, vmk_UplinkUpdateLinkState(n->uplink, &link),
			VMK_OK);
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(dev));

	/* MTU: the driver's callback decides. */
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 9000), 0);
	n->mtu_status = VMK_FAILURE;
	KUNIT_EXPECT_NE(test, dev_set_mtu(dev, 1400), 0);
	KUNIT_EXPECT_NE(test, dev_set_mtu(dev, 9001), 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, n->mtu, 9000);
	KUNIT_EXPECT_EQ(test, dev->mtu, 9000);
	KUNIT_EXPECT_EQ(test, vmk_UplinkMTUGet(n->uplink), 9000);

	/* Promiscuous mode reaches uplinkStateSet (from a work item). */
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_set_promiscuity(dev, 1), 0);
	rtnl_unlock();
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(n->state & VMK_UPLINK_STATE_PROMISC));
	rtnl_lock();
	dev_set_promiscuity(dev, -1);
	rtnl_unlock();

	nic_close(dev);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->quiesces), 1);
	dev_put(dev);
	nic_down(test);
	/* Stopped already: the teardown does not quiesce again. */
	KUNIT_EXPECT_EQ(test, atomic_read(&n->quiesces), 1);
}

/* ethtool: driver info, ring sizes, message level, -S, -K. */
static void uplink_ethtool(struct kunit *test)
{
	struct nic *n = test->priv;
	struct ethtool_drvinfo info = {};
	struct ethtool_ringparam ring = {};
	struct kernel_ethtool_ringparam kring = {};
	struct rtnl_link_stats64 s;
	struct net_device *dev;
	u64 *data;
	int count;

	nic_up(test);
	dev = nic_dev(test);
	dev->ethtool_ops->get_drvinfo(dev, &info);
	KUNIT_EXPECT_STREQ(test, info.driver, "kfakenic");
	KUNIT_EXPECT_STREQ(test, info.version, "1.2.3");
	KUNIT_EXPECT_STREQ(test, info.fw_version, "fw-9");
	KUNIT_EXPECT_STREQ(test, info.bus_info, dev_name(&n->pdev->dev));

	rtnl_lock();
	dev->ethtool_ops->get_ringparam(dev, &ring, &kring, NULL);
	KUNIT_EXPECT_EQ(test, ring.tx_pending, 64);
	KUNIT_EXPECT_EQ(test, ring.rx_max_pending, 4096);
	ring.tx_pending = 128;
	KUNIT_EXPECT_EQ(test, dev->ethtool_ops->set_ringparam(dev, &ring,
							      &kring, NULL),
			0);
	KUNIT_EXPECT_EQ(test, n->ring_size, 128);
	dev->ethtool_ops->set_msglevel(dev, 7);
	KUNIT_EXPECT_EQ(test, dev->ethtool_ops->get_msglevel(dev), 7);

	/* ethtool -K tx off: uplinkCapDisable(IPV4_CSO). */
	dev->wanted_features &= ~NETIF_F_IP_CSUM;
	netdev_update_features(dev);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->cap_off), 1);
	KUNIT_EXPECT_EQ(test, n->last_cap, VMK_UPLINK_CAP_IPV4_CSO);
	KUNIT_EXPECT_FALSE(test, vmk_UplinkCapIsEnabled(n->uplink,
						VMK_UPLINK_CAP_IPV4_CSO));
	dev->wanted_features |= NETIF_F_IP_CSUM;
	netdev_update_features(dev);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->cap_on), 1);
	KUNIT_EXPECT_TRUE(test, vmk_UplinkCapIsEnabled(n->uplink,
						VMK_UPLINK_CAP_IPV4_CSO));

	/* Statistics: ethtool -S reads the driver's, then ip -s has them. */
	n->stats.rxPkts = 11;
	n->stats.txBytes = 2222;
	n->stats.rxCRCErrors = 3;
	count = dev->ethtool_ops->get_sset_count(dev, ETH_SS_STATS);
	KUNIT_EXPECT_EQ(test, count, 24);
	data = kunit_kcalloc(test, count, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, data);
	dev->ethtool_ops->get_ethtool_stats(dev, NULL, data);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, data[0], 11);
	KUNIT_EXPECT_EQ(test, data[3], 2222);
	dev_get_stats(dev, &s);
	KUNIT_EXPECT_EQ(test, s.rx_packets, 11);
	KUNIT_EXPECT_EQ(test, s.tx_bytes, 2222);
	KUNIT_EXPECT_EQ(test, s.rx_crc_errors, 3);
	KUNIT_EXPECT_EQ(test, vmk_UplinkStatsGet(n->uplink).rxPkts, 11);
	dev_put(dev);
	nic_down(test);
}

static void loop_setup(struct kunit *test, struct net_device **devp)
{
	struct nic *n = test->priv;
	vmk_LinkStatus link = {
		.state = VMK_LINK_STATE_UP,
		.speed = VMK_LINK_SPEED_1000_MBPS,
		.duplex = VMK_LINK_DUPLEX_FULL,
	};
	struct net_device *dev;

	nic_up(test);
	dev = nic_dev(test);
	/* Link first: the open then attaches the qdisc at once. */
	KUNIT_ASSERT_EQ(test, vmk_UplinkUpdateLinkState(n->uplink, &link),
			VMK_IS_DISABLED);
	KUNIT_ASSERT_EQ(test, nic_open(dev), 0);
	KUNIT_ASSERT_EQ(test, vmk_UplinkUpdateLinkState(n->uplink, &link),
			VMK_OK);
	KUNIT_ASSERT_TRUE(test, WAIT_FOR(!qdisc_tx_is_noop(dev)));
	atomic_set(&rx_frames, 0);
	t_ptype.dev = dev;
	dev_add_pack(&t_ptype);
	*devp = dev;
}

static void loop_teardown(struct kunit *test, struct net_device *dev)
{
	dev_remove_pack(&t_ptype);
	dev_put(dev);
	nic_down(test);
}

/* TX -> uplinkTx -> (DMA) -> wire -> NetPoll -> RX -> the stack. */
static void uplink_loopback(struct kunit *test)
{
	struct nic *n = test->priv;
	struct net_device *dev;
	int i;

	loop_setup(test, &dev);
	for (i = 0; i < 32; i++)
		KUNIT_EXPECT_EQ(test, send_frame(dev), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&rx_frames) == 32));
	/* The stack may send its own (IPv6 neighbour discovery) too. */
	KUNIT_EXPECT_GE(test, atomic_read(&n->tx), 32);
	KUNIT_EXPECT_GE(test, atomic_read(&n->rx), 32);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->map_errors), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->busy), 0);
	/* The poll ran in a kernel thread with bottom halves off. */
	KUNIT_EXPECT_TRUE(test, n->poll_kthread);
	KUNIT_EXPECT_TRUE(test, n->poll_softirq_off);
	KUNIT_EXPECT_TRUE(test, n->poll_current_ok);
	KUNIT_EXPECT_FALSE(test, n->tx_in_softirq);
	KUNIT_EXPECT_TRUE(test, dev->threaded);
	loop_teardown(test, dev);
}

/*
 * A full ring: VMK_BUSY and vmk_UplinkQueueStop hold the backlog, which
 * fills and stops the stack's queue (the qdisc keeps the rest); the poll
 * drains the ring and calls vmk_UplinkQueueStart: everything arrives.
 */
#define BUSY_FRAMES	300

static void uplink_busy_flow_control(struct kunit *test)
{
	struct nic *n = test->priv;
	struct net_device *dev;
	int i;

	n->ring_size = 4;
	WRITE_ONCE(n->hold, true);
	loop_setup(test, &dev);
	for (i = 0; i < BUSY_FRAMES; i++)
		KUNIT_EXPECT_EQ(test, send_frame(dev), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&n->busy) > 0));
	KUNIT_EXPECT_LE(test, atomic_read(&n->tx), 4);
	KUNIT_EXPECT_TRUE(test, netif_queue_stopped(dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&rx_frames), 0);
	WRITE_ONCE(n->hold, false);
	vmk_NetPollActivate(n->poll);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&rx_frames) ==
					 BUSY_FRAMES));
	KUNIT_EXPECT_GE(test, atomic_read(&n->tx), BUSY_FRAMES);
	KUNIT_EXPECT_FALSE(test, netif_queue_stopped(dev));
	loop_teardown(test, dev);
}

struct sender {
	char name[IFNAMSIZ];
	atomic_t sent;
};

static int sender_fn(void *arg)
{
	struct sender *s = arg;
	struct net_device *dev;

	while (!kthread_should_stop()) {
		dev = dev_get_by_name(&init_net, s->name);
		if (dev) {
			if (send_frame(dev) == NET_XMIT_SUCCESS)
				atomic_inc(&s->sent);
			dev_put(dev);
		}
		cond_resched();
	}
	return 0;
}

/* The driver goes away while frames are being sent: clean teardown. */
static void uplink_teardown_in_flight(struct kunit *test)
{
	struct nic *n = test->priv;
	struct sender *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t;
	struct net_device *dev;
	vmk_NetPollState state;

	KUNIT_ASSERT_NOT_NULL(test, s);
	n->ring_size = 8;
	loop_setup(test, &dev);
	strscpy(s->name, dev->name, sizeof(s->name));
	dev_remove_pack(&t_ptype);
	dev_put(dev);
	t = kthread_run(sender_fn, s, "kunit-uplink-tx");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&n->rx) > 50));
	/* Detach the parent: the uplink child goes first, leaf first. */
	nic_down(test);
	kthread_stop(t);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->quiesces), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&n->disassociates), 1);
	KUNIT_EXPECT_TRUE(test, n->netdev_gone_at_disassociate);
	KUNIT_EXPECT_EQ(test, vmk_PktListGetCount(n->wire), 0);
	KUNIT_EXPECT_EQ(test, vmk_NetPollCheckState(n->poll, &state), VMK_OK);
	KUNIT_EXPECT_EQ(test, state, VMK_NETPOLL_DISABLED);
	/* Attach again: a new net_device, traffic flows again. */
	n->child = NULL;
	loop_setup(test, &dev);
	KUNIT_EXPECT_EQ(test, send_frame(dev), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&rx_frames) == 1));
	loop_teardown(test, dev);
}

/* Packets for the NIC's DMA engine, and the watchdog/reset calls. */
static void uplink_dma_pkt_watchdog(struct kunit *test)
{
	struct nic *n = test->priv;
	vmk_PktHandle *pkt = NULL;
	vmk_uint16 ms = 0;

	KUNIT_ASSERT_EQ(test, vmk_PktAllocForDMAEngine(2048, n->dma, &pkt),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PktSgElemGet(pkt, 0)->length, 2048);
	vmk_PktRelease(pkt);
	nic_up(test);
	KUNIT_EXPECT_EQ(test, vmk_UplinkGetWatchdogTimeout(n->uplink, &ms),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, ms, 5000);
	KUNIT_EXPECT_EQ(test, vmk_UplinkSetWatchdogTimeout(n->uplink, 2000),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_UplinkGetWatchdogTimeout(n->uplink, &ms),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, ms, 2000);
	KUNIT_EXPECT_EQ(test, vmk_UplinkVXLANPortNBOGet(), htons(4789));
	/* The fake NIC has no uplinkReset. */
	KUNIT_EXPECT_EQ(test, vmk_UplinkReset(n->uplink), VMK_NOT_SUPPORTED);
	nic_down(test);
}

/* From a hard interrupt (an acknowledge): link state and activation. */
struct up_irq {
	struct hrtimer timer;
	struct completion done;
	struct nic *n;
	VMK_ReturnStatus link, activate;
};

static enum hrtimer_restart up_irq_fn(struct hrtimer *t)
{
	struct up_irq *c = container_of(t, struct up_irq, timer);
	vmk_LinkStatus link = {
		.state = VMK_LINK_STATE_DOWN,
	};

	c->link = vmk_UplinkUpdateLinkState(c->n->uplink, &link);
	c->activate = vmk_NetPollActivate(c->n->poll);
	complete(&c->done);
	return HRTIMER_NORESTART;
}

static void uplink_irq_context(struct kunit *test)
{
	struct nic *n = test->priv;
	struct up_irq *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct net_device *dev;
	int polls;

	KUNIT_ASSERT_NOT_NULL(test, c);
	loop_setup(test, &dev);
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(dev));
	polls = atomic_read(&n->polls);
	c->n = n;
	init_completion(&c->done);
	hrtimer_init(&c->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	c->timer.function = up_irq_fn;
	hrtimer_start(&c->timer, ns_to_ktime(1000), HRTIMER_MODE_REL_HARD);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&c->done, 10 * HZ));
	hrtimer_cancel(&c->timer);
	KUNIT_EXPECT_EQ(test, c->link, VMK_OK);
	KUNIT_EXPECT_EQ(test, c->activate, VMK_OK);
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(dev));
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&n->polls) > polls));
	loop_teardown(test, dev);
}

/*
 * A NetPoll outside the uplink's shared queue data (an RSS poll, say)
 * joins the uplink with vmk_NetPollRegisterUplink: what it receives
 * reaches the uplink's net_device.  One uplink per poll, one default
 * poll per uplink (the shared data's default RX queue has it).
 */
#define EXTRA_FRAMES	5

struct extra_poll {
	vmk_NetPoll np;
	atomic_t done;
	int queued;
};

static vmk_Bool extra_poll(vmk_AddrCookie priv, vmk_uint32 budget)
{
	struct extra_poll *e = priv.ptr;
	vmk_PktHandle *pkt;
	struct ethhdr *eh;
	int i;

	for (i = 0; i < EXTRA_FRAMES; i++) {
		if (vmk_PktAlloc(ETH_ZLEN, &pkt) != VMK_OK)
			break;
		vmk_PktFrameLenSet(pkt, ETH_ZLEN);
		eh = (struct ethhdr *)vmk_PktFrameMappedPointerGet(pkt);
		memset(eh, 0, ETH_ZLEN);
		ether_addr_copy(eh->h_dest, fake_mac);
		ether_addr_copy(eh->h_source, fake_mac);
		eh->h_proto = htons(TEST_PROTO);
		if (vmk_NetPollRxPktQueue(e->np, pkt) == VMK_OK)
			e->queued++;
	}
	atomic_set_release(&e->done, 1);
	return VMK_FALSE;
}

static void uplink_netpoll_register(struct kunit *test)
{
	struct extra_poll *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	vmk_NetPollProperties props = { .poll = extra_poll };
	struct nic *n = test->priv;
	struct net_device *dev;
	vmk_Uplink dead;
	vmk_Name name;

	KUNIT_ASSERT_NOT_NULL(test, e);
	props.priv.ptr = e;
	KUNIT_ASSERT_EQ(test, vmk_NetPollCreate(&props, 3, vmk_kunit_module_id,
						&e->np), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_NameInitialize(&name, "rss1"), VMK_OK);
	loop_setup(test, &dev);

	/* The shared data's poll is the default already. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollRegisterUplink(e->np, n->uplink, name,
							VMK_TRUE),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_NetPollRegisterUplink(e->np, NULL, name,
							VMK_FALSE),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_NetPollRegisterUplink(NULL, n->uplink, name,
							VMK_FALSE),
			VMK_INVALID_HANDLE);
	KUNIT_ASSERT_EQ(test, vmk_NetPollRegisterUplink(e->np, n->uplink, name,
							VMK_FALSE),
			VMK_OK);
	/* One uplink per poll. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollRegisterUplink(e->np, n->uplink, name,
							VMK_FALSE),
			VMK_BAD_PARAM);

	vmk_NetPollEnable(e->np);
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate(e->np), VMK_OK);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read_acquire(&e->done)));
	KUNIT_EXPECT_EQ(test, e->queued, EXTRA_FRAMES);
	KUNIT_EXPECT_TRUE(test,
			  WAIT_FOR(atomic_read(&rx_frames) == EXTRA_FRAMES));

	/* Unregistered, its frames go nowhere (dropped, not leaked). */
	KUNIT_EXPECT_EQ(test, vmk_NetPollUnregisterUplink(e->np), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_NetPollUnregisterUplink(e->np),
			VMK_BAD_PARAM);
	atomic_set(&e->done, 0);
	e->queued = 0;
	KUNIT_EXPECT_EQ(test, vmk_NetPollActivate(e->np), VMK_OK);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read_acquire(&e->done)));
	KUNIT_EXPECT_EQ(test, e->queued, EXTRA_FRAMES);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&rx_frames), EXTRA_FRAMES);

	dead = n->uplink;
	loop_teardown(test, dev);
	/* The uplink is gone: registering with it is refused. */
	KUNIT_EXPECT_EQ(test, vmk_NetPollRegisterUplink(e->np, dead, name,
							VMK_FALSE),
			VMK_BAD_PARAM);
	vmk_NetPollDisable(e->np);
	vmk_NetPollDestroy(e->np);
}

static struct kunit_case uplink_cases[] = {
	KUNIT_CASE(uplink_register),
	KUNIT_CASE(uplink_bad_registration),
	KUNIT_CASE(uplink_open_mtu_link),
	KUNIT_CASE(uplink_ethtool),
	KUNIT_CASE(uplink_loopback),
	KUNIT_CASE(uplink_busy_flow_control),
	KUNIT_CASE(uplink_teardown_in_flight),
	KUNIT_CASE(uplink_dma_pkt_watchdog),
	KUNIT_CASE(uplink_irq_context),
	KUNIT_CASE(uplink_netpoll_register),
	{}
};

static struct kunit_suite uplink_suite = {
	.name = "vmkapi_uplink",
	.init = nic_init,
	.exit = nic_exit,
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = uplink_cases,
};

kunit_test_suites(&netpoll_suite, &uplink_suite);

MODULE_DESCRIPTION("KUnit tests of the VMK API NetPoll and uplink layer");
MODULE_LICENSE("GPL");
