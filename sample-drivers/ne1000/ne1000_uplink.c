// SPDX-License-Identifier: GPL-2.0
/*
 * ne1000: the uplink - the logical child registered in scanDevice, the
 * callbacks the uplink layer drives it with, and the data shared with
 * that layer (link, MTU, MAC, driver info, the one RX and one TX queue).
 *
 * Every control callback may block and runs in a world; they are
 * serialised by ctrl_sema, so StartIO, QuiesceIO, Reset and MTUSet never
 * interleave.  Writers of the shared data take shared_lock around the
 * versioned atomic (which orders readers but does not exclude writers).
 * Link changes come from the LSC interrupt through the helper queue:
 * vmk_UplinkUpdateLinkState may block.
 */
#include "ne1000.h"

/* ---- shared data ---------------------------------------------------- */

static void ne1000_shared_begin(struct ne1000_adapter *adapter)
{
	vmk_SpinlockLock(adapter->shared_lock);
	vmk_VersionedAtomicBeginWrite(&adapter->shared.lock);
}

static void ne1000_shared_end(struct ne1000_adapter *adapter)
{
	vmk_VersionedAtomicEndWrite(&adapter->shared.lock);
	vmk_SpinlockUnlock(adapter->shared_lock);
}

/*
 * Read the link from STATUS, publish it in the shared data and tell the
 * uplink layer.  Helper world (may block).  The layer refuses an UP
 * while the uplink is administratively down (VMK_IS_DISABLED): the
 * shared data still holds the truth, and StartIO publishes it again.
 */
void ne1000_link_changed(struct ne1000_adapter *adapter)
{
	vmk_LinkStatus link;
	vmk_Uplink uplink;

	ne1000_hw_link_get(adapter, &link);
	ne1000_shared_begin(adapter);
	adapter->shared.link = link;
	uplink = adapter->uplink;
	ne1000_shared_end(adapter);
	if (uplink && adapter->io_started)
		vmk_UplinkUpdateLinkState(uplink, &link);
}

/* The same, as a helper request (from the interrupt handler, StartIO). */
void ne1000_link_work(vmk_AddrCookie data)
{
	ne1000_link_changed(data.ptr);
}

/* ---- bringing I/O up and down (under ctrl_sema) ---------------------- */

/*
 * Rings, units, interrupt, in the order of reference 23.F: the RX ring
 * is full and the poll enabled before the device may interrupt.
 */
static VMK_ReturnStatus ne1000_io_start(struct ne1000_adapter *adapter)
{
	VMK_ReturnStatus status;

	if (adapter->gone)
		return VMK_FAILURE;
	adapter->rx.buf_len = ne1000_rx_buf_len(adapter->mtu);
	ne1000_tx_ring_reset(adapter);
	ne1000_hw_configure_tx(adapter);
	status = ne1000_rx_fill(adapter);
	if (status != VMK_OK) {
		ne1000_hw_stop_units(adapter);
		ne1000_rx_drain(adapter);
		return status;
	}
	ne1000_hw_configure_rx(adapter);
	/* The fill above moved RDT before the unit knew the ring: again. */
	ne1000_wr32(adapter, NE1000_RDT, adapter->rx.next_to_fill);

	vmk_AtomicWrite64(&adapter->icr_pending, 0);
	adapter->io_started = VMK_TRUE;
	vmk_NetPollEnable(adapter->netpoll);
	status = vmk_IntrEnable(adapter->intr);
	if (status != VMK_OK) {
		adapter->io_started = VMK_FALSE;
		vmk_NetPollDisable(adapter->netpoll);
		ne1000_hw_stop_units(adapter);
		ne1000_rx_drain(adapter);
		return status;
	}
	ne1000_wr32(adapter, NE1000_ITR, NE1000_ITR_DEFAULT);
	ne1000_hw_irq_enable(adapter);
	/* Tell the layer the link as it is now. */
	vmk_HelperSubmitRequest(adapter->helper, ne1000_link_work,
				adapter, NULL);
	return VMK_OK;
}

/*
 * The reverse: no new TX (io_started), device masked, handler and poll
 * finished, units stopped, every buffer back.
 */
static void ne1000_io_stop(struct ne1000_adapter *adapter)
{
	if (!adapter->io_started)
		return;
	adapter->io_started = VMK_FALSE;
	ne1000_tx_wait_idle(adapter);
	ne1000_hw_irq_disable(adapter);
	vmk_IntrSync(adapter->intr);
	vmk_NetPollDisable(adapter->netpoll);
	vmk_IntrDisable(adapter->intr);
	ne1000_hw_stop_units(adapter);
	/* Let a DMA in flight land before its buffer is unmapped. */
	vmk_WorldSleep(1000);
	ne1000_tx_drain(adapter);
	ne1000_rx_drain(adapter);
	/* The units are off: no cause left that the next start would see. */
	if (!adapter->gone)
		(void)ne1000_rd32(adapter, NE1000_ICR);
}

/* ---- vmk_UplinkOps ---------------------------------------------------- */

static VMK_ReturnStatus ne1000_uplink_associate(vmk_AddrCookie data,
						vmk_Uplink uplink)
{
	struct ne1000_adapter *adapter = data.ptr;
	VMK_ReturnStatus status;

	adapter->uplink = uplink;
	/*
	 * TCP/UDP checksums over IPv4 and IPv6 through the context
	 * descriptor, and frames in several fragments.  VMK_IS_DISABLED
	 * means the stack does it in software: fine.
	 */
	status = vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_IPV4_CSO,
				       (void *)NULL);
	if (status != VMK_OK && status != VMK_IS_DISABLED)
		return status;
	status = vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_IPV6_CSO,
				       (void *)NULL);
	if (status != VMK_OK && status != VMK_IS_DISABLED)
		return status;
	status = vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_SG_TX,
				       (void *)NULL);
	if (status != VMK_OK && status != VMK_IS_DISABLED)
		return status;
	/*
	 * TCP segmentation over IPv4 (context descriptor with TSE).  Not
	 * over IPv6: QEMU's e1000 (7.2) counts the 40-byte IPv6 header in
	 * the payload length it writes into each segment.
	 */
	status = vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_IPV4_TSO,
				       (void *)NULL);
	if (status != VMK_OK && status != VMK_IS_DISABLED)
		return status;
	status = vmk_UplinkCapRegister(uplink, VMK_UPLINK_CAP_MULTI_PAGE_SG,
				       (void *)NULL);
	if (status != VMK_OK && status != VMK_IS_DISABLED)
		return status;
	vmk_Log(ne1000_log, "%s: associated with uplink %s",
		adapter->name.string, vmk_UplinkNameGet(uplink).string);
	return VMK_OK;
}

static VMK_ReturnStatus ne1000_uplink_disassociate(vmk_AddrCookie data)
{
	struct ne1000_adapter *adapter = data.ptr;

	if (adapter->io_started)
		return VMK_BUSY;
	ne1000_shared_begin(adapter);
	adapter->uplink = NULL;
	ne1000_shared_end(adapter);
	return VMK_OK;
}

static VMK_ReturnStatus ne1000_uplink_start_io(vmk_AddrCookie data)
{
	struct ne1000_adapter *adapter = data.ptr;
	VMK_ReturnStatus status = VMK_OK;

	vmk_SemaLock(&adapter->ctrl_sema);
	if (!adapter->io_started)
		status = ne1000_io_start(adapter);
	vmk_SemaUnlock(&adapter->ctrl_sema);
	return status;
}

static VMK_ReturnStatus ne1000_uplink_quiesce_io(vmk_AddrCookie data)
{
	struct ne1000_adapter *adapter = data.ptr;

	vmk_SemaLock(&adapter->ctrl_sema);
	ne1000_io_stop(adapter);
	ne1000_shared_begin(adapter);
	adapter->shared.link.state = VMK_LINK_STATE_DOWN;
	adapter->shared.link.speed = 0;
	ne1000_shared_end(adapter);
	vmk_SemaUnlock(&adapter->ctrl_sema);
	return VMK_OK;
}

/* Reset: quiesce, reset the MAC, bring it back as it was. */
static VMK_ReturnStatus ne1000_uplink_reset(vmk_AddrCookie data)
{
	struct ne1000_adapter *adapter = data.ptr;
	VMK_ReturnStatus status;
	vmk_Bool was_started;

	vmk_SemaLock(&adapter->ctrl_sema);
	was_started = adapter->io_started;
	ne1000_io_stop(adapter);
	status = ne1000_hw_reset(adapter);
	if (status == VMK_OK) {
		ne1000_hw_set_mac(adapter, adapter->mac_addr);
		ne1000_hw_clear_mta(adapter);
		if (was_started)
			status = ne1000_io_start(adapter);
	}
	vmk_SemaUnlock(&adapter->ctrl_sema);
	return status;
}

/*
 * A new MTU: the RX buffers (and LPE) follow it, so a running device
 * stops and starts again with rings of the new size.
 */
static VMK_ReturnStatus ne1000_uplink_mtu_set(vmk_AddrCookie data,
					      vmk_uint32 mtu)
{
	struct ne1000_adapter *adapter = data.ptr;
	VMK_ReturnStatus status = VMK_OK;
	vmk_Bool was_started;

	if (mtu < NE1000_MIN_MTU || mtu > NE1000_MAX_MTU)
		return VMK_BAD_PARAM;
	vmk_SemaLock(&adapter->ctrl_sema);
	was_started = adapter->io_started;
	ne1000_io_stop(adapter);
	adapter->mtu = mtu;
	ne1000_shared_begin(adapter);
	adapter->shared.mtu = mtu;
	ne1000_shared_end(adapter);
	if (was_started)
		status = ne1000_io_start(adapter);
	vmk_SemaUnlock(&adapter->ctrl_sema);
	return status;
}

/* Filters from the uplink state: promiscuous, broadcast, multicast. */
static VMK_ReturnStatus ne1000_uplink_state_set(vmk_AddrCookie data,
						vmk_UplinkState state)
{
	struct ne1000_adapter *adapter = data.ptr;
	vmk_uint32 flags = 0;

	if (state & VMK_UPLINK_STATE_PROMISC)
		flags |= NE1000_RCTL_UPE | NE1000_RCTL_MPE;
	if (state & VMK_UPLINK_STATE_BROADCAST_OK)
		flags |= NE1000_RCTL_BAM;
	if (state & VMK_UPLINK_STATE_MULTICAST_OK)
		flags |= NE1000_RCTL_MPE;
	vmk_SemaLock(&adapter->ctrl_sema);
	adapter->rctl_flags = flags;
	if (adapter->io_started)
		ne1000_hw_set_rctl(adapter);
	ne1000_shared_begin(adapter);
	adapter->shared.state = state;
	ne1000_shared_end(adapter);
	vmk_SemaUnlock(&adapter->ctrl_sema);
	return VMK_OK;
}

/*
 * Statistics: packets and bytes as the driver handed them over (what
 * the stack saw), errors and drops from the hardware counters plus the
 * driver's own.
 */
static VMK_ReturnStatus ne1000_uplink_stats_get(vmk_AddrCookie data,
						vmk_UplinkStats *stats)
{
	struct ne1000_adapter *adapter = data.ptr;
	struct ne1000_hw_stats *hw = &adapter->hw;

	ne1000_hw_update_stats(adapter);
	vmk_Memset(stats, 0, sizeof(*stats));
	stats->rxPkts = vmk_AtomicRead64(&adapter->sw.rx_packets);
	stats->txPkts = vmk_AtomicRead64(&adapter->sw.tx_packets);
	stats->rxBytes = vmk_AtomicRead64(&adapter->sw.rx_bytes);
	stats->txBytes = vmk_AtomicRead64(&adapter->sw.tx_bytes);
	vmk_SpinlockLock(adapter->stats_lock);
	stats->rxErrors = hw->rxerrc + hw->crcerrs + hw->algnerrc + hw->ruc +
			  hw->roc + hw->rlec + hw->cexterr +
			  vmk_AtomicRead64(&adapter->sw.rx_errors);
	stats->txErrors = hw->ecol + hw->latecol;
	stats->rxDrops = hw->mpc + vmk_AtomicRead64(&adapter->sw.rx_dropped);
	stats->txDrops = vmk_AtomicRead64(&adapter->sw.tx_dropped);
	stats->rxMulticastPkts = hw->mprc;
	stats->rxBroadcastPkts = hw->bprc;
	stats->txMulticastPkts = hw->mptc;
	stats->txBroadcastPkts = hw->bptc;
	stats->collisions = hw->colc;
	stats->rxLengthErrors = hw->ruc + hw->roc + hw->rlec;
	stats->rxOverflowErrors = hw->rnbc;
	stats->rxCRCErrors = hw->crcerrs;
	stats->rxFrameAlignErrors = hw->algnerrc;
	stats->rxFifoErrors = hw->mpc;
	stats->rxMissErrors = hw->mpc;
	stats->txAbortedErrors = hw->ecol;
	stats->txCarrierErrors = hw->tncrs;
	stats->txWindowErrors = hw->latecol;
	vmk_SpinlockUnlock(adapter->stats_lock);
	return VMK_OK;
}

/* Capabilities stay as registered (always enabled). */
static VMK_ReturnStatus ne1000_uplink_cap_enable(vmk_AddrCookie data,
						 vmk_UplinkCap cap)
{
	return VMK_OK;
}

static VMK_ReturnStatus ne1000_uplink_cap_disable(vmk_AddrCookie data,
						  vmk_UplinkCap cap)
{
	return VMK_OK;
}

static const vmk_UplinkOps ne1000_uplink_ops = {
	.uplinkTx = ne1000_uplink_tx,
	.uplinkMTUSet = ne1000_uplink_mtu_set,
	.uplinkStateSet = ne1000_uplink_state_set,
	.uplinkStatsGet = ne1000_uplink_stats_get,
	.uplinkAssociate = ne1000_uplink_associate,
	.uplinkDisassociate = ne1000_uplink_disassociate,
	.uplinkCapEnable = ne1000_uplink_cap_enable,
	.uplinkCapDisable = ne1000_uplink_cap_disable,
	.uplinkStartIO = ne1000_uplink_start_io,
	.uplinkQuiesceIO = ne1000_uplink_quiesce_io,
	.uplinkReset = ne1000_uplink_reset,
};

/* ---- setup at attach, registration at scan ---------------------------- */

static const vmk_UplinkSupportedMode ne1000_modes[] = {
	{ VMK_LINK_SPEED_10_MBPS, VMK_LINK_DUPLEX_HALF },
	{ VMK_LINK_SPEED_10_MBPS, VMK_LINK_DUPLEX_FULL },
	{ VMK_LINK_SPEED_100_MBPS, VMK_LINK_DUPLEX_HALF },
	{ VMK_LINK_SPEED_100_MBPS, VMK_LINK_DUPLEX_FULL },
	{ VMK_LINK_SPEED_1000_MBPS, VMK_LINK_DUPLEX_FULL },
};

/*
 * Fill the shared data as reference 23.B.10 does: link down until the
 * device says otherwise, MTU 1500, MAC from the EEPROM, supported modes,
 * driver info, and the mandatory queue info for one RX and one TX queue
 * served by the one NetPoll.  Attach context.
 */
VMK_ReturnStatus ne1000_uplink_init(struct ne1000_adapter *adapter)
{
	vmk_UplinkSharedData *sd = &adapter->shared;
	vmk_UplinkSharedQueueInfo *qi = &adapter->queue_info;
	vmk_SpinlockCreateProps props = {
		.moduleID = ne1000_module,
		.heapID = ne1000_heap,
		.type = VMK_SPINLOCK,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};
	VMK_ReturnStatus status;

	vmk_NameInitialize(&props.name, "ne1000_shared");
	status = ne1000_attach_step(adapter, "shared-data lock") ?:
		 vmk_SpinlockCreate(&props, &adapter->shared_lock);
	if (status != VMK_OK)
		return status;
	if (ne1000_attach_step(adapter, "queue bit vector") == VMK_OK)
		adapter->active_queues = vmk_BitVectorAlloc(ne1000_heap, 2);
	if (!adapter->active_queues) {
		vmk_SpinlockDestroy(adapter->shared_lock);
		adapter->shared_lock = NULL;
		return VMK_NO_MEMORY;
	}

	adapter->mtu = 1500;
	adapter->rctl_flags = NE1000_RCTL_BAM | NE1000_RCTL_MPE;
	vmk_VersionedAtomicInit(&sd->lock);
	sd->flags = 0;
	sd->state = VMK_UPLINK_STATE_ENABLED | VMK_UPLINK_STATE_BROADCAST_OK |
		    VMK_UPLINK_STATE_MULTICAST_OK;
	sd->link.state = VMK_LINK_STATE_DOWN;
	sd->link.speed = 0;
	sd->link.duplex = VMK_LINK_DUPLEX_FULL;
	sd->mtu = adapter->mtu;
	vmk_Memcpy(sd->macAddr, adapter->mac_addr, VMK_ETH_ADDR_LENGTH);
	vmk_Memcpy(sd->hwMacAddr, adapter->mac_addr, VMK_ETH_ADDR_LENGTH);
	sd->supportedModes = (vmk_UplinkSupportedMode *)ne1000_modes;
	sd->supportedModesArraySz = sizeof(ne1000_modes) /
				    sizeof(ne1000_modes[0]);
	vmk_NameInitialize(&sd->driverInfo.driver, NE1000_NAME);
	vmk_NameInitialize(&sd->driverInfo.version, NE1000_VERSION);
	vmk_NameInitialize(&sd->driverInfo.firmwareVersion, "N/A");
	vmk_NameInitialize(&sd->driverInfo.moduleInterface, "native");

	qi->supportedQueueTypes = VMK_UPLINK_QUEUE_TYPE_TX |
				  VMK_UPLINK_QUEUE_TYPE_RX;
	qi->supportedRxQueueFilterClasses = VMK_UPLINK_QUEUE_FILTER_CLASS_NONE;
	qi->maxRxQueues = 1;
	qi->maxTxQueues = 1;
	qi->activeRxQueues = 1;
	qi->activeTxQueues = 1;
	qi->maxTotalDeviceFilters = 0;
	qi->activeQueues = adapter->active_queues;
	qi->queueData = adapter->queue_data;
	sd->queueInfo = qi;

	vmk_UplinkQueueMkRxQueueID(&qi->defaultRxQueueID, 0, 0);
	vmk_UplinkQueueMkTxQueueID(&qi->defaultTxQueueID, 1, 1);
	adapter->tx_qid = qi->defaultTxQueueID;
	adapter->queue_data[0].flags = VMK_UPLINK_QUEUE_FLAG_IN_USE |
				       VMK_UPLINK_QUEUE_FLAG_DEFAULT;
	adapter->queue_data[0].type = VMK_UPLINK_QUEUE_TYPE_RX;
	adapter->queue_data[0].qid = qi->defaultRxQueueID;
	adapter->queue_data[0].state = VMK_UPLINK_QUEUE_STATE_STARTED;
	adapter->queue_data[0].poll = adapter->netpoll;
	adapter->queue_data[0].dmaEngine = adapter->dma_engine;
	adapter->queue_data[1].flags = VMK_UPLINK_QUEUE_FLAG_IN_USE |
				       VMK_UPLINK_QUEUE_FLAG_DEFAULT;
	adapter->queue_data[1].type = VMK_UPLINK_QUEUE_TYPE_TX;
	adapter->queue_data[1].qid = qi->defaultTxQueueID;
	adapter->queue_data[1].state = VMK_UPLINK_QUEUE_STATE_STARTED;
	adapter->queue_data[1].poll = adapter->netpoll;
	adapter->queue_data[1].dmaEngine = adapter->dma_engine;
	vmk_BitVectorSet(adapter->active_queues, 0);
	vmk_BitVectorSet(adapter->active_queues, 1);

	adapter->reg_data.apiRevision = VMKAPI_REVISION;
	adapter->reg_data.moduleID = ne1000_module;
	adapter->reg_data.ops = ne1000_uplink_ops;
	adapter->reg_data.sharedData = sd;
	adapter->reg_data.driverData.ptr = adapter;
	return VMK_OK;
}

void ne1000_uplink_fini(struct ne1000_adapter *adapter)
{
	if (adapter->active_queues) {
		vmk_BitVectorFree(ne1000_heap, adapter->active_queues);
		adapter->active_queues = NULL;
	}
	if (adapter->shared_lock) {
		vmk_SpinlockDestroy(adapter->shared_lock);
		adapter->shared_lock = NULL;
	}
}

static VMK_ReturnStatus ne1000_uplink_remove(vmk_Device device)
{
	return vmk_DeviceUnregister(device);
}

static vmk_DeviceOps ne1000_uplink_dev_ops = {
	.removeDevice = ne1000_uplink_remove,
};

/*
 * scanDevice: the logical child "com.vmware.uplink" on logical port 0,
 * with the registration data the uplink layer claims it by.
 */
VMK_ReturnStatus ne1000_uplink_register(struct ne1000_adapter *adapter)
{
	vmk_DeviceProps props = {
		.registeringDriver = ne1000_driver,
		.deviceOps = &ne1000_uplink_dev_ops,
	};
	vmk_DeviceID id = {
		.busIdentifier = VMK_UPLINK_DEVICE_IDENTIFIER,
		.busIdentifierLen = sizeof(VMK_UPLINK_DEVICE_IDENTIFIER) - 1,
	};
	vmk_BusType logical;
	vmk_Name bus_name;
	VMK_ReturnStatus status;

	vmk_NameInitialize(&bus_name, VMK_LOGICAL_BUS_NAME);
	status = vmk_BusTypeFind(&bus_name, &logical);
	if (status != VMK_OK)
		return status;
	id.busType = logical;
	status = vmk_LogicalCreateBusAddress(ne1000_driver, adapter->device, 0,
					     &id.busAddress,
					     &id.busAddressLen);
	if (status != VMK_OK)
		goto out;
	props.deviceID = &id;
	props.registeringDriverData.ptr = adapter;
	props.registrationData.ptr = &adapter->reg_data;
	status = vmk_DeviceRegister(&props, adapter->device,
				    &adapter->uplink_device);
	vmk_LogicalFreeBusAddress(ne1000_driver, id.busAddress);
out:
	vmk_BusTypeRelease(logical);
	if (status != VMK_OK)
		vmk_Warning(ne1000_log, "%s: uplink child: %s",
			    adapter->name.string, vmk_StatusToString(status));
	return status;
}
