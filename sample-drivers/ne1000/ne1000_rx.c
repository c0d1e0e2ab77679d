// SPDX-License-Identifier: GPL-2.0
/*
 * ne1000: the receive ring.
 *
 * Each descriptor owns a packet allocated for the DMA engine and mapped
 * TO_MEMORY for as long as the device may write it.  The poll reaps
 * descriptors with DD: unmap, set the frame length (CRC already
 * stripped by RCTL.SECRC) and the checksum verdict, hand the packet to
 * the stack with vmk_NetPollRxPktQueue, then refill and move RDT once.
 * Frames larger than one buffer never arrive: the buffers follow the MTU
 * (ne1000_rx_buf_len); one that spans descriptors anyway is dropped.
 *
 * Only the poll (and StartIO/QuiesceIO, with the poll disabled) touch
 * the ring, so it has no lock.
 */
#include "ne1000.h"

/* The smallest buffer size the device offers that holds a frame. */
vmk_uint32 ne1000_rx_buf_len(vmk_uint32 mtu)
{
	vmk_uint32 frame = mtu + NE1000_ETH_HLEN + NE1000_VLAN_HLEN +
			   NE1000_ETH_FCS_LEN;

	if (frame <= 2048)
		return 2048;
	if (frame <= 4096)
		return 4096;
	if (frame <= 8192)
		return 8192;
	return 16384;
}

VMK_ReturnStatus ne1000_rx_ring_create(struct ne1000_adapter *adapter)
{
	struct ne1000_rx_ring *rx = &adapter->rx;
	VMK_ReturnStatus status;

	status = ne1000_ring_mem_alloc(adapter, &rx->mem,
				       NE1000_RX_RING_SIZE * NE1000_DESC_SIZE);
	if (status != VMK_OK)
		return status;
	rx->desc = (struct ne1000_rx_desc *)rx->mem.va;
	rx->next_to_clean = 0;
	rx->next_to_fill = 0;
	return VMK_OK;
}

void ne1000_rx_ring_destroy(struct ne1000_adapter *adapter)
{
	ne1000_ring_mem_free(adapter, &adapter->rx.mem);
	adapter->rx.desc = NULL;
}

/* Give descriptor @idx a fresh mapped buffer. */
static VMK_ReturnStatus ne1000_rx_alloc_one(struct ne1000_adapter *adapter,
					    vmk_uint32 idx)
{
	struct ne1000_rx_ring *rx = &adapter->rx;
	struct ne1000_rx_buffer *buf = &rx->buf[idx];
	const vmk_SgElem *elem;
	vmk_DMAMapErrorInfo err;
	vmk_SgElem in;
	VMK_ReturnStatus status;

	status = vmk_PktAllocForDMAEngine(rx->buf_len, adapter->dma_engine,
					  &buf->pkt);
	if (status != VMK_OK) {
		buf->pkt = NULL;
		return status;
	}
	elem = vmk_PktSgElemGet(buf->pkt, 0);
	if (!elem || elem->length < rx->buf_len) {
		/* The device writes up to buf_len bytes: never less room. */
		vmk_PktRelease(buf->pkt);
		buf->pkt = NULL;
		return VMK_NO_MEMORY;
	}
	in.addr = elem->addr;
	in.length = rx->buf_len;
	in.reserved = 0;
	status = vmk_DMAMapElem(adapter->dma_engine,
				VMK_DMA_DIRECTION_TO_MEMORY, &in, VMK_TRUE,
				&buf->io, &err);
	if (status != VMK_OK) {
		vmk_PktRelease(buf->pkt);
		buf->pkt = NULL;
		return status;
	}
	rx->desc[idx].buffer_addr = buf->io.ioAddr;
	/* The device ORs its status bits in: start from zero. */
	rx->desc[idx].status = 0;
	rx->desc[idx].errors = 0;
	rx->desc[idx].length = 0;
	return VMK_OK;
}

/*
 * Fill every empty descriptor up to (not including) next_to_clean and
 * tell the device with one RDT write.  One slot stays empty so RDT never
 * reaches RDH.  VMK_NO_MEMORY when no buffer could be had at all (the
 * next poll tries again; the device counts what it drops in RNBC).
 */
VMK_ReturnStatus ne1000_rx_fill(struct ne1000_adapter *adapter)
{
	struct ne1000_rx_ring *rx = &adapter->rx;
	vmk_uint32 idx = rx->next_to_fill, filled = 0;
	vmk_uint32 stop = (rx->next_to_clean + NE1000_RX_RING_SIZE - 1) %
			  NE1000_RX_RING_SIZE;

	while (idx != stop) {
		if (!rx->buf[idx].pkt &&
		    ne1000_rx_alloc_one(adapter, idx) != VMK_OK) {
			vmk_AtomicInc64(&adapter->sw.rx_alloc_failed);
			break;
		}
		idx = (idx + 1) % NE1000_RX_RING_SIZE;
		filled++;
	}
	if (filled) {
		rx->next_to_fill = idx;
		ne1000_wr32(adapter, NE1000_RDT, idx);
	}
	return filled || idx == stop ? VMK_OK : VMK_NO_MEMORY;
}

/* The device's checksum verdict, where it gave one. */
static void ne1000_rx_csum(struct ne1000_adapter *adapter, vmk_PktHandle *pkt,
			   const struct ne1000_rx_desc *desc)
{
	if (desc->status & NE1000_RXD_STAT_IXSM)
		return;
	if (!(desc->status & NE1000_RXD_STAT_TCPCS) ||
	    (desc->errors & (NE1000_RXD_ERR_TCPE | NE1000_RXD_ERR_IPE)))
		return;
	vmk_PktSetCsumVfd(pkt);
	vmk_AtomicInc64(&adapter->sw.rx_csum_ok);
}

/*
 * Reap up to @budget frames (NetPoll context).  Returns how many
 * descriptors were consumed.
 */
vmk_uint32 ne1000_rx_clean(struct ne1000_adapter *adapter, vmk_uint32 budget)
{
	struct ne1000_rx_ring *rx = &adapter->rx;
	vmk_uint32 done = 0, bytes = 0, packets = 0;

	while (done < budget) {
		vmk_uint32 idx = rx->next_to_clean;
		struct ne1000_rx_desc *desc = &rx->desc[idx];
		struct ne1000_rx_buffer *buf = &rx->buf[idx];
		vmk_PktHandle *pkt = buf->pkt;
		vmk_uint32 len;

		if (!pkt || !(desc->status & NE1000_RXD_STAT_DD))
			break;
		/* Read the rest of the descriptor only after DD. */
		vmk_CPUMemFenceRead();
		vmk_DMAUnmapElem(adapter->dma_engine,
				 VMK_DMA_DIRECTION_TO_MEMORY, &buf->io);
		buf->pkt = NULL;
		len = desc->length;
		if (!(desc->status & NE1000_RXD_STAT_EOP) ||
		    (desc->errors & NE1000_RXD_ERR_FRAME) ||
		    len < NE1000_ETH_HLEN || len > rx->buf_len) {
			vmk_AtomicInc64(&adapter->sw.rx_errors);
			vmk_PktRelease(pkt);
		} else {
			vmk_PktFrameLenSet(pkt, len);
			ne1000_rx_csum(adapter, pkt, desc);
			vmk_NetPollRxPktQueue(adapter->netpoll, pkt);
			packets++;
			bytes += len;
		}
		desc->status = 0;
		rx->next_to_clean = (idx + 1) % NE1000_RX_RING_SIZE;
		done++;
	}
	if (packets) {
		vmk_AtomicAdd64(&adapter->sw.rx_packets, packets);
		vmk_AtomicAdd64(&adapter->sw.rx_bytes, bytes);
	}
	ne1000_rx_fill(adapter);
	return done;
}

/* Release every buffer (the RX unit is stopped).  World context. */
void ne1000_rx_drain(struct ne1000_adapter *adapter)
{
	struct ne1000_rx_ring *rx = &adapter->rx;
	vmk_uint32 idx;

	for (idx = 0; idx < NE1000_RX_RING_SIZE; idx++) {
		struct ne1000_rx_buffer *buf = &rx->buf[idx];

		if (!buf->pkt)
			continue;
		vmk_DMAUnmapElem(adapter->dma_engine,
				 VMK_DMA_DIRECTION_TO_MEMORY, &buf->io);
		vmk_PktRelease(buf->pkt);
		buf->pkt = NULL;
	}
	vmk_Memset(rx->desc, 0, NE1000_RX_RING_SIZE * NE1000_DESC_SIZE);
	rx->next_to_clean = 0;
	rx->next_to_fill = 0;
}
