/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ne1000: a native driver for the Intel 82540EM gigabit controller (QEMU
 * "-device e1000", 8086:100e) and the 82574L (QEMU "-device e1000e",
 * 8086:10d3) through their common legacy programming model: one RX and
 * one TX ring of 16-byte descriptors, one interrupt, an EEPROM read
 * through EERD.
 *
 * What lives where (as in drivers/net/ethernet/intel/e1000e):
 *   ne1000_main.c    module init/cleanup and the device-layer callbacks
 *                    (attach, start, scan, quiesce, detach, forget) in the
 *                    order of reference section 23
 *   ne1000_hw.c      register access, reset, MAC/receive-address setup,
 *                    RX/TX unit programming, link state, counters
 *   ne1000_eeprom.c  EEPROM words through EERD: checksum, MAC address
 *   ne1000_tx.c      the TX ring: uplinkTx, completions
 *   ne1000_rx.c      the RX ring: buffers, reaping, refill
 *   ne1000_intr.c    interrupt acknowledge and handler, the NetPoll poll
 *   ne1000_uplink.c  the uplink: vmk_UplinkOps, shared data, link, MTU,
 *                    statistics
 *
 * Contexts: acknowledge = hard IRQ (register reads, atomics, nothing
 * else); handler = interrupt thread (masks the device, activates the
 * poll); poll = NetPoll (TX completions, RX, re-arm); uplink callbacks =
 * worlds; link changes go through a helper queue (a world) because
 * vmk_UplinkUpdateLinkState may block.
 */
#ifndef _NE1000_H_
#define _NE1000_H_

#include "vmkapi.h"
#include "ne1000_regs.h"

#define NE1000_NAME		"ne1000"
#define NE1000_VERSION		"1.0.0"

#define NE1000_VENDOR_INTEL	0x8086
#define NE1000_DEV_82540EM	0x100e
#define NE1000_DEV_82574L	0x10d3

/* Which register dialect a device speaks (only where they differ). */
enum ne1000_mac_type {
	ne1000_82540,
	ne1000_82574,
};

/* Ring sizes: Intel's defaults for these parts (a page of descriptors). */
#define NE1000_RX_RING_SIZE	256
#define NE1000_TX_RING_SIZE	256
/*
 * Fragments one packet may have (a 64 KB TSO frame in pages, plus its
 * head), and the descriptors it may take: a context and a header one more.
 */
#define NE1000_TX_MAX_FRAGS	32
#define NE1000_TX_DESC_NEEDED	(NE1000_TX_MAX_FRAGS + 2)
/* Wake the stack's TX queue once this many descriptors are free. */
#define NE1000_TX_WAKE_THRESHOLD	(NE1000_TX_DESC_NEEDED * 2)

#define NE1000_MIN_MTU		68
#define NE1000_MAX_MTU		9000
#define NE1000_ETH_HLEN		14
#define NE1000_VLAN_HLEN	4
#define NE1000_ETH_FCS_LEN	4

/* Per descriptor, what the driver must remember to undo a TX mapping. */
struct ne1000_tx_buffer {
	/* Set on the packet's last descriptor only: complete it there. */
	vmk_PktHandle *pkt;
	/* The mapped fragment; length 0: nothing mapped (context desc). */
	vmk_SgElem io;
};

struct ne1000_rx_buffer {
	vmk_PktHandle *pkt;
	vmk_SgElem io;
};

/* A descriptor ring's memory: pool pages, mapped for the CPU and device. */
struct ne1000_ring_mem {
	vmk_MpnRange range;
	vmk_VA va;
	vmk_SgElem io;
	vmk_uint32 bytes;
};

/* Bytes of headers a TSO packet may have (Ethernet+VLAN, IP, TCP). */
#define NE1000_TX_HDR_MAX	256

struct ne1000_tx_ring {
	struct ne1000_ring_mem mem;
	struct ne1000_ring_mem hdr_mem;	/* NE1000_TX_HDR_MAX per slot */
	struct ne1000_tx_desc *desc;
	struct ne1000_tx_buffer buf[NE1000_TX_RING_SIZE];
	/* Next descriptor to fill, next to reap.  Under tx_lock. */
	vmk_uint32 next_to_use;
	vmk_uint32 next_to_clean;
	/* The checksum context the device holds now (0: none). */
	vmk_uint32 ctx_key;
	/* The stack's TX queue is stopped (VMK_BUSY was returned). */
	vmk_Bool stopped;
	vmk_Lock lock;
};

struct ne1000_rx_ring {
	struct ne1000_ring_mem mem;
	struct ne1000_rx_desc *desc;
	struct ne1000_rx_buffer buf[NE1000_RX_RING_SIZE];
	/* Only the poll touches these. */
	vmk_uint32 next_to_clean;
	vmk_uint32 next_to_fill;
	vmk_uint32 buf_len;	/* bytes of each RX buffer */
};

/* Counters kept by the driver (the hardware ones are in hw_stats). */
struct ne1000_sw_stats {
	vmk_atomic64 tx_packets;
	vmk_atomic64 tx_bytes;
	vmk_atomic64 tx_dropped;
	vmk_atomic64 tx_busy;
	vmk_atomic64 tx_csum;
	vmk_atomic64 tx_tso;
	vmk_atomic64 rx_packets;
	vmk_atomic64 rx_bytes;
	vmk_atomic64 rx_errors;
	vmk_atomic64 rx_dropped;
	vmk_atomic64 rx_alloc_failed;
	vmk_atomic64 rx_csum_ok;
	vmk_atomic64 interrupts;
	vmk_atomic64 not_ours;
	vmk_atomic64 polls;
	vmk_atomic64 link_changes;
};

/* The clear-on-read hardware counters, accumulated. */
struct ne1000_hw_stats {
	vmk_uint64 crcerrs, algnerrc, symerrs, rxerrc, mpc, scc, ecol, mcc,
		   latecol, colc, dc, tncrs, cexterr, rlec, gprc, bprc, mprc,
		   gptc, gorc, gotc, rnbc, ruc, rfc, roc, rjc, tpr, tpt, mptc,
		   bptc;
};

/* One NIC: everything attach acquires, detach releases. */
struct ne1000_adapter {
	vmk_Device device;
	vmk_PCIDevice pci;
	vmk_Name name;		/* "SSSS:BB:DD.F" */
	enum ne1000_mac_type mac_type;
	vmk_uint16 device_id;
	vmk_VA hw_addr;		/* BAR 0 */

	vmk_DMAEngine dma_engine;
	vmk_IntrCookie intr;
	vmk_PCIInterruptType intr_type;
	vmk_Bool intr_registered;
	vmk_Bool intr_poll_set;	/* vmk_NetPollInterruptSet done */
	vmk_Bool attaching;	/* inside ne1000_attach: steps count */
	vmk_uint32 attach_step;
	vmk_NetPoll netpoll;
	vmk_Helper helper;

	struct ne1000_tx_ring tx;
	struct ne1000_rx_ring rx;

	/* Causes the acknowledge read from ICR, for the handler and poll. */
	vmk_atomic64 icr_pending;

	/* The uplink: handle from associate, data we share with the layer. */
	vmk_Device uplink_device;
	vmk_Uplink uplink;
	vmk_UplinkRegData reg_data;
	vmk_UplinkSharedData shared;
	vmk_UplinkSharedQueueInfo queue_info;
	vmk_UplinkQueueID tx_qid;
	vmk_UplinkSharedQueueData queue_data[2];
	vmk_BitVector *active_queues;
	/* Serialises writers of shared (the versioned atomic does not). */
	vmk_Lock shared_lock;
	/* Serialises the uplink's control callbacks (start, quiesce, MTU). */
	vmk_Semaphore ctrl_sema;

	vmk_uint8 mac_addr[6];
	vmk_uint32 mtu;
	vmk_Bool io_started;	/* between uplinkStartIO and QuiesceIO */
	/* uplinkTx calls running now (QuiesceIO waits for them to end). */
	vmk_atomic64 tx_inflight;
	vmk_Bool gone;		/* forgetDevice: never touch registers */
	vmk_uint32 rctl_flags;	/* UPE/MPE/BAM from the uplink state */

	struct ne1000_sw_stats sw;
	/* Accumulated hardware counters; under stats_lock. */
	struct ne1000_hw_stats hw;
	vmk_Lock stats_lock;
};

extern vmk_ModuleID ne1000_module;
extern vmk_HeapID ne1000_heap;
extern vmk_LogComponent ne1000_log;
extern vmk_Driver ne1000_driver;
extern vmk_MemPool ne1000_mempool;
extern int ne1000_fault_attach_step;

VMK_ReturnStatus ne1000_attach_step(struct ne1000_adapter *adapter,
				    const char *what);

/* Register access through the mapped BAR (uncached), as 2.3 drivers do. */
static inline vmk_uint32 ne1000_rd32(struct ne1000_adapter *adapter,
				     vmk_uint32 reg)
{
	vmk_uint32 val = *(__volatile__ vmk_uint32 *)(adapter->hw_addr + reg);

	vmk_CPUMemFenceRead();
	return val;
}

static inline void ne1000_wr32(struct ne1000_adapter *adapter,
			       vmk_uint32 reg, vmk_uint32 val)
{
	/* Descriptor writes reach memory before the doorbell. */
	vmk_CPUMemFenceWrite();
	*(__volatile__ vmk_uint32 *)(adapter->hw_addr + reg) = val;
}

/* Posted writes: a read of STATUS pushes them to the device. */
static inline void ne1000_flush(struct ne1000_adapter *adapter)
{
	(void)ne1000_rd32(adapter, NE1000_STATUS);
}

/* ne1000_hw.c */
VMK_ReturnStatus ne1000_hw_reset(struct ne1000_adapter *adapter);
void ne1000_hw_set_mac(struct ne1000_adapter *adapter, const vmk_uint8 *mac);
void ne1000_hw_clear_mta(struct ne1000_adapter *adapter);
void ne1000_hw_configure_tx(struct ne1000_adapter *adapter);
void ne1000_hw_configure_rx(struct ne1000_adapter *adapter);
void ne1000_hw_set_rctl(struct ne1000_adapter *adapter);
void ne1000_hw_stop_units(struct ne1000_adapter *adapter);
void ne1000_hw_irq_enable(struct ne1000_adapter *adapter);
void ne1000_hw_irq_disable(struct ne1000_adapter *adapter);
void ne1000_hw_link_get(struct ne1000_adapter *adapter, vmk_LinkStatus *link);
void ne1000_hw_update_stats(struct ne1000_adapter *adapter);

/* ne1000_eeprom.c */
VMK_ReturnStatus ne1000_eeprom_read(struct ne1000_adapter *adapter,
				    vmk_uint32 word, vmk_uint16 *data);
VMK_ReturnStatus ne1000_eeprom_read_mac(struct ne1000_adapter *adapter);

/* ne1000_tx.c */
VMK_ReturnStatus ne1000_tx_ring_create(struct ne1000_adapter *adapter);
void ne1000_tx_ring_destroy(struct ne1000_adapter *adapter);
void ne1000_tx_ring_reset(struct ne1000_adapter *adapter);
VMK_ReturnStatus ne1000_uplink_tx(vmk_AddrCookie data, vmk_PktList pkts);
vmk_Bool ne1000_tx_clean(struct ne1000_adapter *adapter);
void ne1000_tx_wait_idle(struct ne1000_adapter *adapter);
void ne1000_tx_drain(struct ne1000_adapter *adapter);

/* ne1000_rx.c */
VMK_ReturnStatus ne1000_rx_ring_create(struct ne1000_adapter *adapter);
void ne1000_rx_ring_destroy(struct ne1000_adapter *adapter);
VMK_ReturnStatus ne1000_rx_fill(struct ne1000_adapter *adapter);
vmk_uint32 ne1000_rx_clean(struct ne1000_adapter *adapter, vmk_uint32 budget);
void ne1000_rx_drain(struct ne1000_adapter *adapter);
vmk_uint32 ne1000_rx_buf_len(vmk_uint32 mtu);

/* ne1000_ring.c-like helpers shared by tx and rx (in ne1000_tx.c) */
VMK_ReturnStatus ne1000_ring_mem_alloc(struct ne1000_adapter *adapter,
				       struct ne1000_ring_mem *mem,
				       vmk_uint32 bytes);
void ne1000_ring_mem_free(struct ne1000_adapter *adapter,
			  struct ne1000_ring_mem *mem);

/* ne1000_intr.c */
VMK_ReturnStatus ne1000_intr_setup(struct ne1000_adapter *adapter);
void ne1000_intr_teardown(struct ne1000_adapter *adapter);
VMK_ReturnStatus ne1000_netpoll_create(struct ne1000_adapter *adapter);
void ne1000_netpoll_destroy(struct ne1000_adapter *adapter);

/* ne1000_uplink.c */
VMK_ReturnStatus ne1000_uplink_init(struct ne1000_adapter *adapter);
void ne1000_uplink_fini(struct ne1000_adapter *adapter);
VMK_ReturnStatus ne1000_uplink_register(struct ne1000_adapter *adapter);
void ne1000_link_changed(struct ne1000_adapter *adapter);
void ne1000_link_work(vmk_AddrCookie data);

#endif /* _NE1000_H_ */
