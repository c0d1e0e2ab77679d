// SPDX-License-Identifier: GPL-2.0
/*
 * ne1000: the interrupt and the NetPoll that does the work.
 *
 *   acknowledge (hard IRQ, ~5 us budget): one register read.  ICR
 *     clears on read, which also lowers the INTx line; a zero means the
 *     interrupt was another device's on a shared line.  The causes are
 *     kept in an atomic for the handler.
 *   handler (interrupt thread, must not block): mask the device (IMC)
 *     so that it stays quiet while the poll runs, submit a link update
 *     to the helper on LSC, activate the NetPoll.
 *   poll (NetPoll, threaded NAPI): TX completions, then up to budget RX
 *     frames; when it is done early, unmask (IMS) and return FALSE.  An
 *     interrupt raised between the unmask and the layer marking the
 *     poll idle activates it again (NAPI's missed-schedule rule), so no
 *     event is lost.
 *
 * Keeping the acknowledge to the single ICR read is what keeps
 * hard-interrupt time low: the mask write (a posted write, cheap but
 * not free) moves to the handler, where the line is still masked by the
 * interrupt layer until the thread has run (IRQF_ONESHOT).
 */
#include "ne1000.h"

static VMK_ReturnStatus ne1000_intr_ack(void *data, vmk_IntrCookie cookie)
{
	struct ne1000_adapter *adapter = data;
	vmk_uint32 icr;

	icr = ne1000_rd32(adapter, NE1000_ICR);
	/*
	 * 0: not ours.  All ones: the device is gone (a read that nobody
	 * answered); not ours either, the line must not be claimed.  The
	 * 82574 flags its own interrupts in INT_ASSERTED.
	 */
	if (!icr || icr == 0xFFFFFFFFu ||
	    (adapter->mac_type == ne1000_82574 &&
	     !(icr & NE1000_ICR_INT_ASSERTED))) {
		vmk_AtomicInc64(&adapter->sw.not_ours);
		return VMK_NOT_THIS_DEVICE;
	}
	vmk_AtomicOr64(&adapter->icr_pending, icr);
	vmk_AtomicInc64(&adapter->sw.interrupts);
	return VMK_OK;
}

static void ne1000_intr_handler(void *data, vmk_IntrCookie cookie)
{
	struct ne1000_adapter *adapter = data;
	vmk_uint64 icr;

	icr = vmk_AtomicRead64(&adapter->icr_pending);
	if (icr & NE1000_ICR_LSC) {
		vmk_AtomicAnd64(&adapter->icr_pending, ~(vmk_uint64)NE1000_ICR_LSC);
		vmk_AtomicInc64(&adapter->sw.link_changes);
		/* Already queued: that run reads STATUS afresh anyway. */
		vmk_HelperSubmitRequest(adapter->helper, ne1000_link_work,
					adapter, NULL);
	}
	if (!adapter->io_started)
		return;
	ne1000_hw_irq_disable(adapter);
	vmk_NetPollActivate(adapter->netpoll);
}

/*
 * The NetPoll's poll.  Returns TRUE to be called again (budget used up,
 * or the RX ring could not be refilled), FALSE when done (interrupts
 * re-armed).
 */
static vmk_Bool ne1000_poll(vmk_AddrCookie priv, vmk_uint32 budget)
{
	struct ne1000_adapter *adapter = priv.ptr;
	vmk_uint32 done;

	vmk_AtomicInc64(&adapter->sw.polls);
	vmk_AtomicWrite64(&adapter->icr_pending, 0);
	ne1000_tx_clean(adapter);
	done = ne1000_rx_clean(adapter, budget);
	if (done >= budget)
		return VMK_TRUE;
	if (adapter->rx.next_to_fill == adapter->rx.next_to_clean &&
	    !adapter->rx.buf[adapter->rx.next_to_clean].pkt)
		return VMK_TRUE;	/* nothing to receive into: retry */
	if (adapter->io_started)
		ne1000_hw_irq_enable(adapter);
	return VMK_FALSE;
}

VMK_ReturnStatus ne1000_netpoll_create(struct ne1000_adapter *adapter)
{
	vmk_NetPollProperties props = {
		.poll = ne1000_poll,
		.deliveryCallback = NULL,
		.priv.ptr = adapter,
		.features = VMK_NETPOLL_NONE,
	};
	vmk_ServiceAcctID service;
	VMK_ReturnStatus status;

	status = vmk_ServiceGetID(VMK_SERVICE_ACCT_NAME_NET, &service);
	if (status != VMK_OK)
		return status;
	return vmk_NetPollCreate(&props, service, ne1000_module,
				 &adapter->netpoll);
}

void ne1000_netpoll_destroy(struct ne1000_adapter *adapter)
{
	if (adapter->netpoll) {
		vmk_NetPollDestroy(adapter->netpoll);
		adapter->netpoll = NULL;
	}
}

/*
 * One interrupt: MSI where the part and platform offer it (the 82574),
 * else the INTx pin (the 82540EM has no MSI), a shareable level line.
 * Registered here, enabled at StartIO.
 */
VMK_ReturnStatus ne1000_intr_setup(struct ne1000_adapter *adapter)
{
	vmk_IntrProps props = {
		.device = adapter->device,
		.acknowledgeInterrupt = ne1000_intr_ack,
		.handler = ne1000_intr_handler,
		.handlerData = adapter,
		.attrs = VMK_INTR_ATTRS_ENTROPY_SOURCE,
	};
	vmk_uint32 got = 0;
	VMK_ReturnStatus status;

	status = ne1000_attach_step(adapter, "interrupt cookie");
	if (status != VMK_OK)
		return status;
	adapter->intr_type = VMK_PCI_INTERRUPT_TYPE_MSI;
	status = vmk_PCIAllocIntrCookie(ne1000_module, adapter->pci,
					adapter->intr_type, 1, 1, NULL,
					&adapter->intr, &got);
	if (status != VMK_OK) {
		adapter->intr_type = VMK_PCI_INTERRUPT_TYPE_LEGACY;
		status = vmk_PCIAllocIntrCookie(ne1000_module, adapter->pci,
						adapter->intr_type, 1, 1, NULL,
						&adapter->intr, &got);
	}
	if (status != VMK_OK)
		return status;
	vmk_NameFormat(&props.deviceName, "ne1000-%s", adapter->name.string);
	status = ne1000_attach_step(adapter, "interrupt registration") ?:
		 vmk_IntrRegister(ne1000_module, adapter->intr, &props);
	if (status != VMK_OK) {
		vmk_PCIFreeIntrCookie(ne1000_module, adapter->pci);
		return status;
	}
	adapter->intr_registered = VMK_TRUE;
	return VMK_OK;
}

void ne1000_intr_teardown(struct ne1000_adapter *adapter)
{
	if (!adapter->intr_registered)
		return;
	vmk_IntrUnregister(ne1000_module, adapter->intr, adapter);
	vmk_PCIFreeIntrCookie(ne1000_module, adapter->pci);
	adapter->intr_registered = VMK_FALSE;
}
