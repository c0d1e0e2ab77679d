// SPDX-License-Identifier: GPL-2.0
/*
 * ne1000: the MAC's registers - reset, receive addresses, the RX and TX
 * units, interrupt masks, link state and the statistics counters.
 * Everything here is a few register accesses; what may block (the reset
 * waits) says so.
 */
#include "ne1000.h"

/*
 * Reset the MAC: everything off, then CTRL.RST, which clears itself when
 * the device has reloaded its defaults (the SDM allows about a
 * millisecond; QEMU resets at once).  Interrupts are masked and pending
 * causes read away afterwards, so the device is quiet and claims no
 * interrupt until StartIO unmasks it.  Link: set link up with
 * auto-speed detection, the copper defaults of the 8254x.
 * May block (it sleeps while the reset runs); world context.
 */
#define NE1000_RESET_POLL_US	1000
#define NE1000_RESET_POLLS	50

VMK_ReturnStatus ne1000_hw_reset(struct ne1000_adapter *adapter)
{
	vmk_uint32 ctrl, i;

	if (adapter->gone)
		return VMK_FAILURE;
	ne1000_wr32(adapter, NE1000_IMC, NE1000_IMC_ALL);
	ne1000_wr32(adapter, NE1000_RCTL, 0);
	ne1000_wr32(adapter, NE1000_TCTL, NE1000_TCTL_PSP);
	ne1000_flush(adapter);
	/* Let DMA already started finish before the reset cuts it off. */
	vmk_WorldSleep(10 * 1000);

	ctrl = ne1000_rd32(adapter, NE1000_CTRL);
	ne1000_wr32(adapter, NE1000_CTRL, ctrl | NE1000_CTRL_RST);
	for (i = 0; i < NE1000_RESET_POLLS; i++) {
		vmk_WorldSleep(NE1000_RESET_POLL_US);
		ctrl = ne1000_rd32(adapter, NE1000_CTRL);
		if (ctrl == 0xFFFFFFFFu) {
			/* All ones: the device no longer answers. */
			vmk_Warning(ne1000_log, "%s: device gone during reset",
				    adapter->name.string);
			return VMK_IO_ERROR;
		}
		if (!(ctrl & NE1000_CTRL_RST))
			break;
	}
	if (i == NE1000_RESET_POLLS) {
		vmk_Warning(ne1000_log, "%s: CTRL.RST did not clear",
			    adapter->name.string);
		return VMK_TIMEOUT;
	}

	ne1000_wr32(adapter, NE1000_IMC, NE1000_IMC_ALL);
	(void)ne1000_rd32(adapter, NE1000_ICR);

	ctrl &= ~(NE1000_CTRL_PHY_RST | NE1000_CTRL_VME);
	ctrl |= NE1000_CTRL_SLU | NE1000_CTRL_ASDE;
	ne1000_wr32(adapter, NE1000_CTRL, ctrl);

	/* No flow control: the frames would go nowhere on a QEMU hub. */
	ne1000_wr32(adapter, NE1000_FCAL, 0);
	ne1000_wr32(adapter, NE1000_FCAH, 0);
	ne1000_wr32(adapter, NE1000_FCT, 0);
	ne1000_wr32(adapter, NE1000_FCTTV, 0);
	ne1000_flush(adapter);
	return VMK_OK;
}

/* Receive address 0 is the station address; AV makes it match. */
void ne1000_hw_set_mac(struct ne1000_adapter *adapter, const vmk_uint8 *mac)
{
	vmk_uint32 ral, rah;

	ral = mac[0] | (mac[1] << 8) | (mac[2] << 16) |
	      ((vmk_uint32)mac[3] << 24);
	rah = mac[4] | (mac[5] << 8) | NE1000_RAH_AV;
	ne1000_wr32(adapter, NE1000_RAL(0), ral);
	ne1000_wr32(adapter, NE1000_RAH(0), rah);
	ne1000_flush(adapter);
}

/*
 * An empty multicast table: the uplink state has no address list, so
 * multicast is all (MPE) or nothing (see ne1000_hw_set_rctl).
 */
void ne1000_hw_clear_mta(struct ne1000_adapter *adapter)
{
	vmk_uint32 i;

	for (i = 0; i < NE1000_MTA_ENTRIES; i++)
		ne1000_wr32(adapter, NE1000_MTA + 4 * i, 0);
	ne1000_flush(adapter);
}

/* Program the TX unit with the ring; the ring must be empty. */
void ne1000_hw_configure_tx(struct ne1000_adapter *adapter)
{
	struct ne1000_tx_ring *tx = &adapter->tx;
	vmk_uint64 base = tx->mem.io.ioAddr;

	ne1000_wr32(adapter, NE1000_TDBAL, (vmk_uint32)base);
	ne1000_wr32(adapter, NE1000_TDBAH, (vmk_uint32)(base >> 32));
	ne1000_wr32(adapter, NE1000_TDLEN,
		    NE1000_TX_RING_SIZE * NE1000_DESC_SIZE);
	ne1000_wr32(adapter, NE1000_TDH, 0);
	ne1000_wr32(adapter, NE1000_TDT, 0);
	ne1000_wr32(adapter, NE1000_TIPG, NE1000_TIPG_DEFAULT);
	/* Completions are moderated by ITR, not by per-descriptor delays. */
	ne1000_wr32(adapter, NE1000_TIDV, 0);
	ne1000_wr32(adapter, NE1000_TADV, 0);
	ne1000_wr32(adapter, NE1000_TCTL,
		    NE1000_TCTL_EN | NE1000_TCTL_PSP | NE1000_TCTL_RTLC |
		    (NE1000_TCTL_CT_DEFAULT << NE1000_TCTL_CT_SHIFT) |
		    (NE1000_TCTL_COLD_FD << NE1000_TCTL_COLD_SHIFT));
	ne1000_flush(adapter);
}

/* RCTL buffer-size bits for a buffer length from ne1000_rx_buf_len. */
static vmk_uint32 ne1000_rctl_bsize(vmk_uint32 buf_len)
{
	switch (buf_len) {
	case 2048:
		return NE1000_RCTL_BSIZE_2048;
	case 4096:
		return NE1000_RCTL_BSEX | NE1000_RCTL_BSIZE_256;
	case 8192:
		return NE1000_RCTL_BSEX | NE1000_RCTL_BSIZE_512;
	default:
		return NE1000_RCTL_BSEX | NE1000_RCTL_BSIZE_1024;
	}
}

/*
 * RCTL from what the driver wants now: enabled with the ring's buffer
 * size, CRC stripped (the stack wants frames without FCS), long packets
 * when the MTU needs them, and the filter bits of the uplink state.
 */
void ne1000_hw_set_rctl(struct ne1000_adapter *adapter)
{
	vmk_uint32 rctl;

	rctl = NE1000_RCTL_EN | NE1000_RCTL_SECRC | NE1000_RCTL_RDMTS_HALF |
	       ne1000_rctl_bsize(adapter->rx.buf_len) | adapter->rctl_flags;
	if (adapter->mtu > 1500)
		rctl |= NE1000_RCTL_LPE;
	ne1000_wr32(adapter, NE1000_RCTL, rctl);
	ne1000_flush(adapter);
}

/* Program the RX unit with the ring and turn reception on. */
void ne1000_hw_configure_rx(struct ne1000_adapter *adapter)
{
	struct ne1000_rx_ring *rx = &adapter->rx;
	vmk_uint64 base = rx->mem.io.ioAddr;

	ne1000_wr32(adapter, NE1000_RCTL, 0);
	ne1000_wr32(adapter, NE1000_RDBAL, (vmk_uint32)base);
	ne1000_wr32(adapter, NE1000_RDBAH, (vmk_uint32)(base >> 32));
	ne1000_wr32(adapter, NE1000_RDLEN,
		    NE1000_RX_RING_SIZE * NE1000_DESC_SIZE);
	ne1000_wr32(adapter, NE1000_RDH, 0);
	ne1000_wr32(adapter, NE1000_RDT, 0);
	ne1000_wr32(adapter, NE1000_RDTR, 0);
	ne1000_wr32(adapter, NE1000_RADV, 0);
	/* The device checks IPv4 and TCP/UDP checksums where it can. */
	ne1000_wr32(adapter, NE1000_RXCSUM,
		    NE1000_RXCSUM_IPOFL | NE1000_RXCSUM_TUOFL);
	ne1000_hw_set_rctl(adapter);
}

/* Stop reception and transmission; the rings stay programmed. */
void ne1000_hw_stop_units(struct ne1000_adapter *adapter)
{
	if (adapter->gone)
		return;
	ne1000_wr32(adapter, NE1000_RCTL, 0);
	ne1000_wr32(adapter, NE1000_TCTL, NE1000_TCTL_PSP);
	ne1000_flush(adapter);
}

/*
 * Unmask: called when the poll is done and at StartIO.  ITR spaces the
 * interrupts (the device holds causes until the interval is over).
 * Never blocks; poll or world.
 */
void ne1000_hw_irq_enable(struct ne1000_adapter *adapter)
{
	if (adapter->gone)
		return;
	ne1000_wr32(adapter, NE1000_IMS, NE1000_IMS_ENABLE_MASK);
}

/* Mask every cause.  Never blocks; any context but the acknowledge. */
void ne1000_hw_irq_disable(struct ne1000_adapter *adapter)
{
	if (adapter->gone)
		return;
	ne1000_wr32(adapter, NE1000_IMC, NE1000_IMC_ALL);
}

/* The link as STATUS reports it. */
void ne1000_hw_link_get(struct ne1000_adapter *adapter, vmk_LinkStatus *link)
{
	vmk_uint32 status = adapter->gone ? 0 : ne1000_rd32(adapter,
							    NE1000_STATUS);

	if (!(status & NE1000_STATUS_LU)) {
		link->state = VMK_LINK_STATE_DOWN;
		link->speed = 0;
		link->duplex = VMK_LINK_DUPLEX_FULL;
		return;
	}
	link->state = VMK_LINK_STATE_UP;
	switch ((status & NE1000_STATUS_SPEED_MASK) >>
		NE1000_STATUS_SPEED_SHIFT) {
	case 0:
		link->speed = VMK_LINK_SPEED_10_MBPS;
		break;
	case 1:
		link->speed = VMK_LINK_SPEED_100_MBPS;
		break;
	default:
		link->speed = VMK_LINK_SPEED_1000_MBPS;
		break;
	}
	link->duplex = (status & NE1000_STATUS_FD) ? VMK_LINK_DUPLEX_FULL :
		       VMK_LINK_DUPLEX_HALF;
}

/*
 * Fold the clear-on-read counters into the running totals.  The 64-bit
 * octet counters are read low then high (reading the high half clears
 * the pair).  World context (takes stats_lock).
 */
void ne1000_hw_update_stats(struct ne1000_adapter *adapter)
{
	struct ne1000_hw_stats *s = &adapter->hw;
	vmk_uint64 lo;

	if (adapter->gone)
		return;
	vmk_SpinlockLock(adapter->stats_lock);
	s->crcerrs += ne1000_rd32(adapter, NE1000_CRCERRS);
	s->algnerrc += ne1000_rd32(adapter, NE1000_ALGNERRC);
	s->symerrs += ne1000_rd32(adapter, NE1000_SYMERRS);
	s->rxerrc += ne1000_rd32(adapter, NE1000_RXERRC);
	s->mpc += ne1000_rd32(adapter, NE1000_MPC);
	s->scc += ne1000_rd32(adapter, NE1000_SCC);
	s->ecol += ne1000_rd32(adapter, NE1000_ECOL);
	s->mcc += ne1000_rd32(adapter, NE1000_MCC);
	s->latecol += ne1000_rd32(adapter, NE1000_LATECOL);
	s->colc += ne1000_rd32(adapter, NE1000_COLC);
	s->dc += ne1000_rd32(adapter, NE1000_DC);
	s->tncrs += ne1000_rd32(adapter, NE1000_TNCRS);
	s->cexterr += ne1000_rd32(adapter, NE1000_CEXTERR);
	s->rlec += ne1000_rd32(adapter, NE1000_RLEC);
	s->gprc += ne1000_rd32(adapter, NE1000_GPRC);
	s->bprc += ne1000_rd32(adapter, NE1000_BPRC);
	s->mprc += ne1000_rd32(adapter, NE1000_MPRC);
	s->gptc += ne1000_rd32(adapter, NE1000_GPTC);
	lo = ne1000_rd32(adapter, NE1000_GORCL);
	s->gorc += lo | ((vmk_uint64)ne1000_rd32(adapter, NE1000_GORCH) << 32);
	lo = ne1000_rd32(adapter, NE1000_GOTCL);
	s->gotc += lo | ((vmk_uint64)ne1000_rd32(adapter, NE1000_GOTCH) << 32);
	s->rnbc += ne1000_rd32(adapter, NE1000_RNBC);
	s->ruc += ne1000_rd32(adapter, NE1000_RUC);
	s->rfc += ne1000_rd32(adapter, NE1000_RFC);
	s->roc += ne1000_rd32(adapter, NE1000_ROC);
	s->rjc += ne1000_rd32(adapter, NE1000_RJC);
	s->tpr += ne1000_rd32(adapter, NE1000_TPR);
	s->tpt += ne1000_rd32(adapter, NE1000_TPT);
	s->mptc += ne1000_rd32(adapter, NE1000_MPTC);
	s->bptc += ne1000_rd32(adapter, NE1000_BPTC);
	vmk_SpinlockUnlock(adapter->stats_lock);
}
