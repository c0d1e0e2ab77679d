// SPDX-License-Identifier: GPL-2.0
/*
 * ne1000: the transmit ring.
 *
 * uplinkTx (any world or the stack's softirq, must not block) takes the
 * TX lock, maps each packet's fragments through the DMA engine, writes
 * one descriptor per fragment (preceded by a context descriptor when the
 * checksum offload parameters change) and moves TDT once for the list.
 * When the ring cannot take a packet it goes back into the list, the
 * stack's queue is stopped and VMK_BUSY returned; the poll restarts the
 * queue once completions free enough descriptors.  Completions (DD in the
 * last descriptor of a packet, which asks for it with RS) are reaped in
 * the poll: unmap, hand the packet to vmk_NetPollQueueCompPkt.
 *
 * The queue stop and start calls are made under the TX lock, so a
 * completion cannot restart the queue between our decision to stop it
 * and the stop itself.
 */
#include "ne1000.h"

/*
 * Descriptor ring memory: physically contiguous pages from the module's
 * memory pool (the device wants one base address), mapped for the CPU
 * and once, for the ring's life, for the device in both directions (the
 * driver writes descriptors, the device writes status back).
 * Attach context (may block).
 */
VMK_ReturnStatus ne1000_ring_mem_alloc(struct ne1000_adapter *adapter,
				       struct ne1000_ring_mem *mem,
				       vmk_uint32 bytes)
{
	vmk_MemPoolAllocProps props = {
		.physContiguity = VMK_MEM_PHYS_CONTIGUOUS,
		.physRange = VMK_PHYS_ADDR_ANY,
		.creationTimeoutMS = VMK_TIMEOUT_UNLIMITED_MS,
	};
	vmk_MemPoolAllocRequest request = {
		.numPages = (bytes + VMK_PAGE_SIZE - 1) / VMK_PAGE_SIZE,
		.numElements = 1,
		.mpnRanges = &mem->range,
	};
	vmk_MapRequest map = {
		.mapType = VMK_MAPTYPE_DEFAULT,
		.mapAttrs = VMK_MAPATTRS_READWRITE | VMK_MAPATTRS_UNCACHED,
		.numElements = 1,
		.mpnRanges = &mem->range,
		.reservation = NULL,
	};
	vmk_DMAMapErrorInfo err;
	vmk_SgElem in;
	VMK_ReturnStatus status;

	status = vmk_DMAGetAllocAddrConstraint(adapter->dma_engine,
					       &props.physRange);
	if (status != VMK_OK)
		return status;
	status = ne1000_attach_step(adapter, "ring pages") ?:
		 vmk_MemPoolAlloc(ne1000_mempool, &props, &request);
	if (status != VMK_OK)
		return status;
	status = ne1000_attach_step(adapter, "ring mapping") ?:
		 vmk_Map(ne1000_module, &map, &mem->va);
	if (status != VMK_OK)
		goto err_free;
	in.addr = vmk_MPN2MA(mem->range.startMPN);
	in.length = request.numPages * VMK_PAGE_SIZE;
	in.reserved = 0;
	status = ne1000_attach_step(adapter, "ring DMA mapping") ?:
		 vmk_DMAMapElem(adapter->dma_engine,
				VMK_DMA_DIRECTION_BIDIRECTIONAL, &in, VMK_TRUE,
				&mem->io, &err);
	if (status != VMK_OK)
		goto err_unmap;
	mem->bytes = bytes;
	vmk_Memset((void *)mem->va, 0, in.length);
	return VMK_OK;

err_unmap:
	vmk_Unmap(mem->va);
err_free:
	vmk_MemPoolFree(&request);
	mem->va = 0;
	return status;
}

void ne1000_ring_mem_free(struct ne1000_adapter *adapter,
			  struct ne1000_ring_mem *mem)
{
	vmk_MemPoolAllocRequest request = {
		.numPages = mem->range.numPages,
		.numElements = 1,
		.mpnRanges = &mem->range,
	};

	if (!mem->va)
		return;
	vmk_DMAUnmapElem(adapter->dma_engine, VMK_DMA_DIRECTION_BIDIRECTIONAL,
			 &mem->io);
	vmk_Unmap(mem->va);
	vmk_MemPoolFree(&request);
	mem->va = 0;
}

VMK_ReturnStatus ne1000_tx_ring_create(struct ne1000_adapter *adapter)
{
	struct ne1000_tx_ring *tx = &adapter->tx;
	vmk_SpinlockCreateProps props = {
		.moduleID = ne1000_module,
		.heapID = ne1000_heap,
		.type = VMK_SPINLOCK,
		.domain = VMK_LOCKDOMAIN_INVALID,
		.rank = VMK_SPINLOCK_UNRANKED,
	};
	VMK_ReturnStatus status;

	vmk_NameInitialize(&props.name, "ne1000_tx");
	status = ne1000_attach_step(adapter, "TX lock") ?:
		 vmk_SpinlockCreate(&props, &tx->lock);
	if (status != VMK_OK)
		return status;
	status = ne1000_ring_mem_alloc(adapter, &tx->mem,
				       NE1000_TX_RING_SIZE * NE1000_DESC_SIZE);
	if (status != VMK_OK) {
		vmk_SpinlockDestroy(tx->lock);
		tx->lock = NULL;
		return status;
	}
	tx->desc = (struct ne1000_tx_desc *)tx->mem.va;
	/* Per slot, room for the fixed-up headers of a TSO packet. */
	status = ne1000_ring_mem_alloc(adapter, &tx->hdr_mem,
				       NE1000_TX_RING_SIZE * NE1000_TX_HDR_MAX);
	if (status != VMK_OK) {
		ne1000_ring_mem_free(adapter, &tx->mem);
		vmk_SpinlockDestroy(tx->lock);
		tx->lock = NULL;
		return status;
	}
	ne1000_tx_ring_reset(adapter);
	return VMK_OK;
}

void ne1000_tx_ring_destroy(struct ne1000_adapter *adapter)
{
	struct ne1000_tx_ring *tx = &adapter->tx;

	ne1000_ring_mem_free(adapter, &tx->hdr_mem);
	ne1000_ring_mem_free(adapter, &tx->mem);
	tx->desc = NULL;
	if (tx->lock) {
		vmk_SpinlockDestroy(tx->lock);
		tx->lock = NULL;
	}
}

/* An empty ring, as after a device reset.  No packet may be in it. */
void ne1000_tx_ring_reset(struct ne1000_adapter *adapter)
{
	struct ne1000_tx_ring *tx = &adapter->tx;

	vmk_Memset(tx->desc, 0, NE1000_TX_RING_SIZE * NE1000_DESC_SIZE);
	vmk_Memset(tx->buf, 0, sizeof(tx->buf));
	tx->next_to_use = 0;
	tx->next_to_clean = 0;
	tx->ctx_key = 0;
	tx->stopped = VMK_FALSE;
}

static inline vmk_uint32 ne1000_tx_free(struct ne1000_tx_ring *tx)
{
	/* One slot stays empty so that head == tail means "empty". */
	return (tx->next_to_clean + NE1000_TX_RING_SIZE - tx->next_to_use - 1) %
	       NE1000_TX_RING_SIZE;
}

/*
 * The headers of a frame the device is to checksum or segment: Ethernet
 * (with one VLAN tag at most), IPv4 with options or IPv6 without
 * extension headers, TCP or UDP.
 */
#define NE1000_ETH_P_IP		0x0800
#define NE1000_ETH_P_IPV6	0x86DD
#define NE1000_ETH_P_8021Q	0x8100
#define NE1000_IPPROTO_TCP	6
#define NE1000_IPPROTO_UDP	17

struct ne1000_hdrs {
	vmk_uint32 l3;		/* IP header offset */
	vmk_uint32 l4;		/* TCP/UDP header offset */
	vmk_uint32 hdr_len;	/* through the TCP/UDP header */
	vmk_Bool ipv4;
	vmk_Bool tcp;
};

/*
 * The first bytes of the frame: in the mapped area when it holds them
 * (the usual case: the stack puts headers in the linear part), else
 * copied out to @copy.  Returns how many bytes *@h holds.
 */
static vmk_uint32 ne1000_hdr_bytes(vmk_PktHandle *pkt, vmk_uint8 *copy,
				   const vmk_uint8 **h)
{
	vmk_uint32 frame = vmk_PktFrameLenGet(pkt);
	vmk_uint32 mapped = vmk_PktFrameMappedLenGet(pkt);
	vmk_uint32 want = frame < NE1000_TX_HDR_MAX ? frame :
			  NE1000_TX_HDR_MAX;

	if (mapped >= want) {
		*h = (const vmk_uint8 *)vmk_PktFrameMappedPointerGet(pkt);
		return want;
	}
	if (vmk_PktCopyBytesOut(copy, want, 0, pkt) != VMK_OK)
		return 0;
	*h = copy;
	return want;
}

static vmk_Bool ne1000_parse_hdrs(const vmk_uint8 *h, vmk_uint32 n,
				  struct ne1000_hdrs *p)
{
	vmk_uint32 off = 12, type, proto;

	if (n < NE1000_ETH_HLEN + NE1000_VLAN_HLEN)
		return VMK_FALSE;
	type = (h[off] << 8) | h[off + 1];
	if (type == NE1000_ETH_P_8021Q) {
		off += NE1000_VLAN_HLEN;
		type = (h[off] << 8) | h[off + 1];
	}
	p->l3 = off + 2;
	if (type == NE1000_ETH_P_IP) {
		if (p->l3 + 20 > n || (h[p->l3] >> 4) != 4)
			return VMK_FALSE;
		proto = h[p->l3 + 9];
		p->l4 = p->l3 + (h[p->l3] & 0x0f) * 4;
		p->ipv4 = VMK_TRUE;
	} else if (type == NE1000_ETH_P_IPV6) {
		if (p->l3 + 40 > n)
			return VMK_FALSE;
		proto = h[p->l3 + 6];
		p->l4 = p->l3 + 40;
		p->ipv4 = VMK_FALSE;
	} else {
		return VMK_FALSE;
	}
	if (proto == NE1000_IPPROTO_TCP) {
		if (p->l4 + 20 > n)
			return VMK_FALSE;
		p->tcp = VMK_TRUE;
		p->hdr_len = p->l4 + (h[p->l4 + 12] >> 4) * 4;
	} else if (proto == NE1000_IPPROTO_UDP) {
		p->tcp = VMK_FALSE;
		p->hdr_len = p->l4 + 8;
	} else {
		return VMK_FALSE;
	}
	/* The context descriptor's offsets are 8 bits wide. */
	return p->l4 + 16 <= 255 && p->hdr_len <= n;
}

/* The checksum context a plain must-checksum frame needs (non-zero). */
static vmk_uint32 ne1000_csum_key(const struct ne1000_hdrs *p)
{
	vmk_uint32 cso = p->l4 + (p->tcp ? 16 : 6);

	return (1u << 31) | (p->ipv4 << 17) | (p->tcp << 16) | (cso << 8) |
	       p->l4;
}

static void ne1000_tx_ctx(struct ne1000_tx_ring *tx, vmk_uint32 idx,
			  const struct ne1000_hdrs *p, vmk_Bool tso,
			  vmk_uint32 paylen, vmk_uint32 mss)
{
	struct ne1000_tx_ctx_desc *ctx =
		(struct ne1000_tx_ctx_desc *)&tx->desc[idx];
	vmk_uint32 tucmd = NE1000_TXD_CMD_DEXT;

	if (p->ipv4)
		tucmd |= NE1000_TXD_TUCMD_IP;
	if (p->tcp)
		tucmd |= NE1000_TXD_TUCMD_TCP;
	ctx->ipcss = p->l3;
	ctx->ipcso = p->ipv4 ? p->l3 + 10 : 0;
	ctx->ipcse = p->ipv4 ? p->l4 - 1 : 0;
	ctx->tucss = p->l4;
	ctx->tucso = p->l4 + (p->tcp ? 16 : 6);
	ctx->tucse = 0;
	if (tso)
		tucmd |= NE1000_TXD_TUCMD_TSE;
	ctx->cmd_and_length = (tso ? paylen : 0) | NE1000_TXD_DTYP_CTX |
			      (tucmd << NE1000_TXD_CMD_SHIFT);
	ctx->status = 0;
	ctx->hdr_len = tso ? p->hdr_len : 0;
	ctx->mss = tso ? mss : 0;
	tx->buf[idx].pkt = NULL;
	tx->buf[idx].io.length = 0;
}

static void ne1000_tx_data(struct ne1000_tx_ring *tx, vmk_uint32 idx,
			   vmk_IOA addr, vmk_uint32 len, vmk_uint32 cmd,
			   vmk_uint8 popts)
{
	if (cmd & NE1000_TXD_CMD_DEXT) {
		struct ne1000_tx_data_desc *d =
			(struct ne1000_tx_data_desc *)&tx->desc[idx];

		d->buffer_addr = addr;
		d->cmd_and_length = len | NE1000_TXD_DTYP_DATA |
				    (cmd << NE1000_TXD_CMD_SHIFT);
		d->status = 0;
		d->popts = popts;
		d->special = 0;
	} else {
		struct ne1000_tx_desc *d = &tx->desc[idx];

		d->buffer_addr = addr;
		d->length = len;
		d->cso = 0;
		d->cmd = cmd;
		d->status = 0;
		d->css = 0;
		d->special = 0;
	}
}

/*
 * TCP segmentation: the device cuts the payload into MSS pieces and
 * gives each a copy of the headers with the lengths, IPv4 ID and
 * checksums fixed up.  It wants the IPv4 header checksum zero and the
 * TCP checksum seeded with the pseudo-header sum without a length (it
 * adds each segment's), where the stack seeded it with the length of
 * the whole TCP payload.  The packet's headers may be shared with a
 * clone the stack keeps for retransmission, so they are not touched:
 * the device reads a fixed-up copy from the slot's header buffer.
 */
static void ne1000_tso_headers(struct ne1000_adapter *adapter,
			       vmk_uint32 idx, const vmk_uint8 *h,
			       const struct ne1000_hdrs *p, vmk_uint32 frame)
{
	vmk_uint8 *copy = (vmk_uint8 *)adapter->tx.hdr_mem.va +
			  idx * NE1000_TX_HDR_MAX;
	vmk_uint32 sum, tcp_len = frame - p->l4;

	vmk_Memcpy(copy, h, p->hdr_len);
	if (p->ipv4) {
		copy[p->l3 + 10] = 0;
		copy[p->l3 + 11] = 0;
	}
	/* Ones' complement subtraction of the length: add its complement. */
	sum = (copy[p->l4 + 16] << 8) + copy[p->l4 + 17];
	sum += (~tcp_len) & 0xffff;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	copy[p->l4 + 16] = sum >> 8;
	copy[p->l4 + 17] = sum & 0xff;
}

/*
 * Put one packet on the ring.  VMK_BUSY: not enough descriptors (nothing
 * written); VMK_OK: posted; anything else: the packet cannot be sent.
 * Called with the TX lock held.
 */
static VMK_ReturnStatus ne1000_tx_one(struct ne1000_adapter *adapter,
				      vmk_PktHandle *pkt, vmk_Bool *posted)
{
	struct ne1000_tx_ring *tx = &adapter->tx;
	const vmk_SgArray *sg = vmk_PktSgArrayGet(pkt);
	vmk_uint8 copy[NE1000_TX_HDR_MAX];
	const vmk_uint8 *h = NULL;
	struct ne1000_hdrs p;
	vmk_uint32 nfrags, need, i, idx, first, key = 0, skip = 0;
	vmk_uint32 left, frame = vmk_PktFrameLenGet(pkt);
	vmk_uint32 dcmd = NE1000_TXD_CMD_IFCS;
	vmk_Bool tso, csum;
	vmk_uint8 popts = 0;
	vmk_DMAMapErrorInfo err;
	VMK_ReturnStatus status;

	nfrags = sg ? sg->numElems : 0;
	if (nfrags == 0 || nfrags > NE1000_TX_MAX_FRAGS)
		return VMK_LIMIT_EXCEEDED;

	tso = vmk_PktIsLargeTcpPacket(pkt);
	csum = tso || vmk_PktIsMustCsum(pkt);
	if (csum) {
		vmk_uint32 n = ne1000_hdr_bytes(pkt, copy, &h);

		if (!n || !ne1000_parse_hdrs(h, n, &p) || (tso && !p.tcp))
			return VMK_NOT_SUPPORTED;
		key = ne1000_csum_key(&p);
		popts = NE1000_TXD_POPTS_TXSM;
		dcmd |= NE1000_TXD_CMD_DEXT;
		if (tso) {
			if (p.hdr_len >= frame)
				return VMK_NOT_SUPPORTED;
			if (p.ipv4)
				popts |= NE1000_TXD_POPTS_IXSM;
			dcmd |= NE1000_TXD_CMD_TSE;
		}
	}
	/* TSO: a context and a header descriptor more; csum: maybe a context. */
	need = nfrags + (tso ? 2 : (key && key != tx->ctx_key ? 1 : 0));
	if (ne1000_tx_free(tx) < need)
		return VMK_BUSY;

	first = tx->next_to_use;
	idx = first;
	left = frame;
	if (tso) {
		ne1000_tx_ctx(tx, idx, &p, VMK_TRUE, frame - p.hdr_len,
			      vmk_PktGetLargeTcpPacketMss(pkt));
		/* The next plain checksum frame needs its context again. */
		tx->ctx_key = 0;
		idx = (idx + 1) % NE1000_TX_RING_SIZE;
		ne1000_tso_headers(adapter, idx, h, &p, frame);
		ne1000_tx_data(tx, idx, tx->hdr_mem.io.ioAddr +
			       idx * NE1000_TX_HDR_MAX, p.hdr_len, dcmd, popts);
		tx->buf[idx].pkt = NULL;
		tx->buf[idx].io.length = 0;
		idx = (idx + 1) % NE1000_TX_RING_SIZE;
		skip = p.hdr_len;
		left -= p.hdr_len;
	} else if (key && key != tx->ctx_key) {
		ne1000_tx_ctx(tx, idx, &p, VMK_FALSE, 0, 0);
		tx->ctx_key = key;
		idx = (idx + 1) % NE1000_TX_RING_SIZE;
	}

	for (i = 0; i < nfrags && left; i++) {
		const vmk_SgElem *frag = vmk_PktSgElemGet(pkt, i);
		struct ne1000_tx_buffer *buf = &tx->buf[idx];
		vmk_SgElem in;
		vmk_uint32 cmd = dcmd;

		if (!frag) {
			status = VMK_FAILURE;
			goto unwind;
		}
		in = *frag;
		if (skip >= in.length) {
			/* All headers, already sent from the copy. */
			skip -= in.length;
			continue;
		}
		in.addr += skip;
		in.length -= skip;
		skip = 0;
		if (in.length > left)
			in.length = left;
		left -= in.length;
		status = vmk_DMAMapElem(adapter->dma_engine,
					VMK_DMA_DIRECTION_FROM_MEMORY, &in,
					left == 0, &buf->io, &err);
		if (status != VMK_OK)
			goto unwind;
		buf->pkt = NULL;
		if (!left)
			cmd |= NE1000_TXD_CMD_EOP | NE1000_TXD_CMD_RS;
		ne1000_tx_data(tx, idx, buf->io.ioAddr, buf->io.length, cmd,
			       popts);
		if (!left)
			buf->pkt = pkt;
		idx = (idx + 1) % NE1000_TX_RING_SIZE;
	}
	if (left) {
		/* The fragments describe less than the frame. */
		status = VMK_FAILURE;
		goto unwind;
	}
	tx->next_to_use = idx;
	*posted = VMK_TRUE;
	if (tso)
		vmk_AtomicInc64(&adapter->sw.tx_tso);
	else if (key)
		vmk_AtomicInc64(&adapter->sw.tx_csum);
	return VMK_OK;

unwind:
	/* Undo the mappings of this packet; the descriptors stay unposted. */
	while (idx != first) {
		idx = (idx + NE1000_TX_RING_SIZE - 1) % NE1000_TX_RING_SIZE;
		if (tx->buf[idx].io.length)
			vmk_DMAUnmapElem(adapter->dma_engine,
					 VMK_DMA_DIRECTION_FROM_MEMORY,
					 &tx->buf[idx].io);
		tx->buf[idx].io.length = 0;
		tx->buf[idx].pkt = NULL;
	}
	/* A context descriptor written but not posted: the device lacks it. */
	tx->ctx_key = 0;
	return status;
}

VMK_ReturnStatus ne1000_uplink_tx(vmk_AddrCookie data, vmk_PktList pkts)
{
	VMK_PKTLIST_ITER_STACK_DEF(iter);
	struct ne1000_adapter *adapter = data.ptr;
	struct ne1000_tx_ring *tx = &adapter->tx;
	vmk_PktHandle *pkt;
	vmk_Bool posted = VMK_FALSE;
	VMK_ReturnStatus status, ret = VMK_OK;

	/*
	 * Announce ourselves before looking at io_started (the atomic is a
	 * full barrier), so QuiesceIO, which clears io_started and then
	 * waits for tx_inflight to drop, never misses a transmit in progress.
	 */
	vmk_AtomicInc64(&adapter->tx_inflight);
	if (!adapter->io_started) {
		/* QuiesceIO said: ignore new TX.  The stack keeps nothing. */
		vmk_AtomicAdd64(&adapter->sw.tx_dropped,
				vmk_PktListGetCount(pkts));
		vmk_PktListReleaseAllPkts(pkts);
		vmk_AtomicDec64(&adapter->tx_inflight);
		return VMK_OK;
	}

	vmk_SpinlockLock(tx->lock);
	vmk_PktListIterStart(iter, pkts);
	while (!vmk_PktListIterIsAtEnd(iter)) {
		vmk_PktListIterRemovePkt(iter, &pkt);
		status = ne1000_tx_one(adapter, pkt, &posted);
		if (status == VMK_BUSY) {
			vmk_PktListIterInsertPktBefore(iter, pkt);
			vmk_AtomicInc64(&adapter->sw.tx_busy);
			if (!tx->stopped) {
				tx->stopped = VMK_TRUE;
				vmk_UplinkQueueStop(adapter->uplink,
					adapter->tx_qid);
			}
			ret = VMK_BUSY;
			break;
		}
		if (status != VMK_OK) {
			vmk_AtomicInc64(&adapter->sw.tx_dropped);
			vmk_PktRelease(pkt);
		}
	}
	if (posted)
		ne1000_wr32(adapter, NE1000_TDT, tx->next_to_use);
	vmk_SpinlockUnlock(tx->lock);
	vmk_AtomicDec64(&adapter->tx_inflight);
	return ret;
}

/*
 * Reap finished packets (NetPoll context): walk from next_to_clean over
 * descriptors whose packet's last descriptor has DD.  Returns whether
 * anything was reaped.
 */
vmk_Bool ne1000_tx_clean(struct ne1000_adapter *adapter)
{
	struct ne1000_tx_ring *tx = &adapter->tx;
	vmk_uint32 idx, packets = 0, bytes = 0;

	vmk_SpinlockLock(tx->lock);
	idx = tx->next_to_clean;
	while (idx != tx->next_to_use) {
		struct ne1000_tx_buffer *buf = &tx->buf[idx];
		vmk_uint32 eop = idx;

		/* Find this packet's last descriptor; done when it has DD. */
		while (eop != tx->next_to_use && !tx->buf[eop].pkt)
			eop = (eop + 1) % NE1000_TX_RING_SIZE;
		if (eop == tx->next_to_use)
			break;	/* context descriptor of a packet in progress */
		if (!(tx->desc[eop].status & NE1000_TXD_STAT_DD))
			break;
		for (;;) {
			buf = &tx->buf[idx];
			if (buf->io.length) {
				vmk_DMAUnmapElem(adapter->dma_engine,
						 VMK_DMA_DIRECTION_FROM_MEMORY,
						 &buf->io);
				buf->io.length = 0;
			}
			if (idx == eop)
				break;
			idx = (idx + 1) % NE1000_TX_RING_SIZE;
		}
		packets++;
		bytes += vmk_PktFrameLenGet(buf->pkt);
		vmk_NetPollQueueCompPkt(adapter->netpoll, buf->pkt);
		buf->pkt = NULL;
		idx = (idx + 1) % NE1000_TX_RING_SIZE;
	}
	tx->next_to_clean = idx;
	if (tx->stopped && ne1000_tx_free(tx) >= NE1000_TX_WAKE_THRESHOLD) {
		tx->stopped = VMK_FALSE;
		vmk_UplinkQueueStart(adapter->uplink,
				     adapter->tx_qid);
	}
	vmk_SpinlockUnlock(tx->lock);
	if (packets) {
		vmk_AtomicAdd64(&adapter->sw.tx_packets, packets);
		vmk_AtomicAdd64(&adapter->sw.tx_bytes, bytes);
	}
	return packets != 0;
}

/*
 * QuiesceIO cleared io_started: wait for transmits that started before
 * to leave.  World context (may block).
 */
void ne1000_tx_wait_idle(struct ne1000_adapter *adapter)
{
	/* The io_started store is visible before tx_inflight is read. */
	vmk_CPUMemFenceReadWrite();
	while (vmk_AtomicRead64(&adapter->tx_inflight))
		vmk_WorldSleep(100);
}

/*
 * After the TX unit is stopped, no transmit is running and the poll is
 * disabled (QuiesceIO): release what never completed and empty the ring.
 * Nothing else touches the ring now, so no lock: the TX lock is taken
 * only with bottom halves off (transmit path, poll), and taking it here,
 * in a world with them on, would be an inconsistent lock use.
 */
void ne1000_tx_drain(struct ne1000_adapter *adapter)
{
	struct ne1000_tx_ring *tx = &adapter->tx;
	vmk_uint32 idx;

	for (idx = 0; idx < NE1000_TX_RING_SIZE; idx++) {
		struct ne1000_tx_buffer *buf = &tx->buf[idx];

		if (buf->io.length)
			vmk_DMAUnmapElem(adapter->dma_engine,
					 VMK_DMA_DIRECTION_FROM_MEMORY,
					 &buf->io);
		buf->io.length = 0;
		if (buf->pkt) {
			vmk_PktRelease(buf->pkt);
			vmk_AtomicInc64(&adapter->sw.tx_dropped);
		}
		buf->pkt = NULL;
	}
	ne1000_tx_ring_reset(adapter);
}
