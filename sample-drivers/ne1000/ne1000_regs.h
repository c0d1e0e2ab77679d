/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ne1000: registers and descriptors of the Intel 8254x family (82540EM)
 * and of the 82574L where it agrees with them, under the names the
 * Software Developer's Manual gives them (8254x SDM rev. 3.x, sections
 * 3 and 13; 82574 datasheet section 10).  Offsets are bytes into BAR 0.
 * Only what ne1000 uses is here.
 */
#ifndef _NE1000_REGS_H_
#define _NE1000_REGS_H_

/* ---- General registers ---------------------------------------------- */
#define NE1000_CTRL		0x00000	/* Device Control */
#define NE1000_STATUS		0x00008	/* Device Status (RO) */
#define NE1000_EECD		0x00010	/* EEPROM/Flash Control/Data */
#define NE1000_EERD		0x00014	/* EEPROM Read */
#define NE1000_CTRL_EXT		0x00018	/* Extended Device Control */
#define NE1000_MDIC		0x00020	/* MDI Control */
#define NE1000_FCAL		0x00028	/* Flow Control Address Low */
#define NE1000_FCAH		0x0002C	/* Flow Control Address High */
#define NE1000_FCT		0x00030	/* Flow Control Type */
#define NE1000_VET		0x00038	/* VLAN Ether Type */
#define NE1000_FCTTV		0x00170	/* Flow Control Transmit Timer Value */

/* ---- Interrupts ------------------------------------------------------ */
#define NE1000_ICR		0x000C0	/* Interrupt Cause Read (clear on read) */
#define NE1000_ITR		0x000C4	/* Interrupt Throttling */
#define NE1000_ICS		0x000C8	/* Interrupt Cause Set */
#define NE1000_IMS		0x000D0	/* Interrupt Mask Set/Read */
#define NE1000_IMC		0x000D8	/* Interrupt Mask Clear */

/* ---- Receive --------------------------------------------------------- */
#define NE1000_RCTL		0x00100	/* Receive Control */
#define NE1000_RDBAL		0x02800	/* RX Descriptor Base Address Low */
#define NE1000_RDBAH		0x02804	/* RX Descriptor Base Address High */
#define NE1000_RDLEN		0x02808	/* RX Descriptor Length (bytes) */
#define NE1000_RDH		0x02810	/* RX Descriptor Head */
#define NE1000_RDT		0x02818	/* RX Descriptor Tail */
#define NE1000_RDTR		0x02820	/* RX Delay Timer */
#define NE1000_RADV		0x0282C	/* RX Interrupt Absolute Delay Timer */
#define NE1000_RXCSUM		0x05000	/* RX Checksum Control */
#define NE1000_MTA		0x05200	/* Multicast Table Array (128 dwords) */
#define NE1000_MTA_ENTRIES	128
#define NE1000_RAL(n)		(0x05400 + 8 * (n))	/* Receive Address Low */
#define NE1000_RAH(n)		(0x05404 + 8 * (n))	/* Receive Address High */
#define NE1000_VFTA		0x05600	/* VLAN Filter Table Array */

/* ---- Transmit -------------------------------------------------------- */
#define NE1000_TCTL		0x00400	/* Transmit Control */
#define NE1000_TIPG		0x00410	/* Transmit Inter Packet Gap */
#define NE1000_TDBAL		0x03800	/* TX Descriptor Base Address Low */
#define NE1000_TDBAH		0x03804	/* TX Descriptor Base Address High */
#define NE1000_TDLEN		0x03808	/* TX Descriptor Length (bytes) */
#define NE1000_TDH		0x03810	/* TX Descriptor Head */
#define NE1000_TDT		0x03818	/* TX Descriptor Tail */
#define NE1000_TIDV		0x03820	/* TX Interrupt Delay Value */
#define NE1000_TXDCTL		0x03828	/* TX Descriptor Control */
#define NE1000_TADV		0x0382C	/* TX Absolute Interrupt Delay Value */

/* ---- Statistics (all clear on read) --------------------------------- */
#define NE1000_CRCERRS		0x04000	/* CRC Error Count */
#define NE1000_ALGNERRC		0x04004	/* Alignment Error Count */
#define NE1000_SYMERRS		0x04008	/* Symbol Error Count */
#define NE1000_RXERRC		0x0400C	/* RX Error Count */
#define NE1000_MPC		0x04010	/* Missed Packets Count */
#define NE1000_SCC		0x04014	/* Single Collision Count */
#define NE1000_ECOL		0x04018	/* Excessive Collisions Count */
#define NE1000_MCC		0x0401C	/* Multiple Collision Count */
#define NE1000_LATECOL		0x04020	/* Late Collisions Count */
#define NE1000_COLC		0x04028	/* Collision Count */
#define NE1000_DC		0x04030	/* Defer Count */
#define NE1000_TNCRS		0x04034	/* Transmit with No CRS */
#define NE1000_CEXTERR		0x0403C	/* Carrier Extension Error Count */
#define NE1000_RLEC		0x04040	/* Receive Length Error Count */
#define NE1000_GPRC		0x04074	/* Good Packets Received Count */
#define NE1000_BPRC		0x04078	/* Broadcast Packets Received Count */
#define NE1000_MPRC		0x0407C	/* Multicast Packets Received Count */
#define NE1000_GPTC		0x04080	/* Good Packets Transmitted Count */
#define NE1000_GORCL		0x04088	/* Good Octets Received Count Low */
#define NE1000_GORCH		0x0408C	/* Good Octets Received Count High */
#define NE1000_GOTCL		0x04090	/* Good Octets Transmitted Count Low */
#define NE1000_GOTCH		0x04094	/* Good Octets Transmitted Count High */
#define NE1000_RNBC		0x040A0	/* Receive No Buffers Count */
#define NE1000_RUC		0x040A4	/* Receive Undersize Count */
#define NE1000_RFC		0x040A8	/* Receive Fragment Count */
#define NE1000_ROC		0x040AC	/* Receive Oversize Count */
#define NE1000_RJC		0x040B0	/* Receive Jabber Count */
#define NE1000_TPR		0x040D0	/* Total Packets Received */
#define NE1000_TPT		0x040D4	/* Total Packets Transmitted */
#define NE1000_MPTC		0x040F0	/* Multicast Packets Transmitted Count */
#define NE1000_BPTC		0x040F4	/* Broadcast Packets Transmitted Count */

/* ---- CTRL ------------------------------------------------------------ */
#define NE1000_CTRL_FD		(1u << 0)	/* Full Duplex */
#define NE1000_CTRL_ASDE	(1u << 5)	/* Auto-Speed Detection Enable */
#define NE1000_CTRL_SLU		(1u << 6)	/* Set Link Up */
#define NE1000_CTRL_RST		(1u << 26)	/* Device Reset (self-clearing) */
#define NE1000_CTRL_VME		(1u << 30)	/* VLAN Mode Enable */
#define NE1000_CTRL_PHY_RST	(1u << 31)	/* PHY Reset */

/* ---- STATUS ---------------------------------------------------------- */
#define NE1000_STATUS_FD	(1u << 0)	/* Full Duplex */
#define NE1000_STATUS_LU	(1u << 1)	/* Link Up */
#define NE1000_STATUS_SPEED_SHIFT 6
#define NE1000_STATUS_SPEED_MASK (3u << 6)	/* 00: 10, 01: 100, 1x: 1000 */

/*
 * ---- EERD --------------------------------------------------------------
 * Same register, two layouts: the 8254x keeps the word address in bits
 * 15:8 and reports completion in bit 4; the 82574 (an NVM behind the same
 * register) takes the address from bit 2 and reports in bit 1.  Data is
 * in bits 31:16 on both.
 */
#define NE1000_EERD_START		(1u << 0)
#define NE1000_EERD_DONE_8254X		(1u << 4)
#define NE1000_EERD_ADDR_SHIFT_8254X	8
#define NE1000_EERD_DONE_82574		(1u << 1)
#define NE1000_EERD_ADDR_SHIFT_82574	2
#define NE1000_EERD_DATA_SHIFT		16

/* EEPROM words: the MAC address in words 0-2, checksum over 0x00-0x3F. */
#define NE1000_EEPROM_MAC_WORD		0x00
#define NE1000_EEPROM_CHECKSUM_WORDS	0x40
#define NE1000_EEPROM_CHECKSUM_SUM	0xBABA

/* ---- ICR / IMS / IMC / ICS cause bits -------------------------------- */
#define NE1000_ICR_TXDW		(1u << 0)	/* TX Descriptor Written Back */
#define NE1000_ICR_TXQE		(1u << 1)	/* TX Queue Empty */
#define NE1000_ICR_LSC		(1u << 2)	/* Link Status Change */
#define NE1000_ICR_RXSEQ	(1u << 3)	/* RX Sequence Error */
#define NE1000_ICR_RXDMT0	(1u << 4)	/* RX Desc Minimum Threshold */
#define NE1000_ICR_RXO		(1u << 6)	/* Receiver Overrun */
#define NE1000_ICR_RXT0		(1u << 7)	/* Receiver Timer Interrupt */
/* 82574 only: the device asserted its interrupt (INTx/MSI mode). */
#define NE1000_ICR_INT_ASSERTED	(1u << 31)

/* What ne1000 lets interrupt: traffic and link changes. */
#define NE1000_IMS_ENABLE_MASK	(NE1000_ICR_TXDW | NE1000_ICR_LSC | \
				 NE1000_ICR_RXSEQ | NE1000_ICR_RXDMT0 | \
				 NE1000_ICR_RXO | NE1000_ICR_RXT0)
#define NE1000_IMC_ALL		0xFFFFFFFFu

/*
 * ITR counts in units of 256 ns; the interval between interrupts.
 * 8000 interrupts/s, the rate Intel's drivers settle on for bulk
 * traffic, is 10^9 / (8000 * 256) = 488.
 */
#define NE1000_ITR_DEFAULT	488

/* ---- RCTL ------------------------------------------------------------ */
#define NE1000_RCTL_EN		(1u << 1)	/* Receiver Enable */
#define NE1000_RCTL_SBP		(1u << 2)	/* Store Bad Packets */
#define NE1000_RCTL_UPE		(1u << 3)	/* Unicast Promiscuous */
#define NE1000_RCTL_MPE		(1u << 4)	/* Multicast Promiscuous */
#define NE1000_RCTL_LPE		(1u << 5)	/* Long Packet Enable */
#define NE1000_RCTL_RDMTS_HALF	(0u << 8)	/* RX Desc Min Threshold 1/2 */
#define NE1000_RCTL_BAM		(1u << 15)	/* Broadcast Accept Mode */
/* Buffer size: BSIZE in bits 17:16, times 16 with BSEX (bit 25). */
#define NE1000_RCTL_BSIZE_2048	(0u << 16)
#define NE1000_RCTL_BSIZE_1024	(1u << 16)
#define NE1000_RCTL_BSIZE_512	(2u << 16)
#define NE1000_RCTL_BSIZE_256	(3u << 16)
#define NE1000_RCTL_BSEX	(1u << 25)
#define NE1000_RCTL_SECRC	(1u << 26)	/* Strip Ethernet CRC */

/* ---- RXCSUM ---------------------------------------------------------- */
#define NE1000_RXCSUM_IPOFL	(1u << 8)	/* IP Checksum Off-load */
#define NE1000_RXCSUM_TUOFL	(1u << 9)	/* TCP/UDP Checksum Off-load */

/* ---- RAH ------------------------------------------------------------- */
#define NE1000_RAH_AV		(1u << 31)	/* Address Valid */

/* ---- TCTL ------------------------------------------------------------ */
#define NE1000_TCTL_EN		(1u << 1)	/* Transmit Enable */
#define NE1000_TCTL_PSP		(1u << 3)	/* Pad Short Packets */
#define NE1000_TCTL_CT_SHIFT	4		/* Collision Threshold */
#define NE1000_TCTL_COLD_SHIFT	12		/* Collision Distance */
#define NE1000_TCTL_RTLC	(1u << 24)	/* Re-transmit on Late Collision */
/* IEEE values: 15 retries; 64-byte collision distance for full duplex. */
#define NE1000_TCTL_CT_DEFAULT	0x0F
#define NE1000_TCTL_COLD_FD	0x40

/* TIPG for copper (IPGT 10, IPGR1 8, IPGR2 6), as the SDM recommends. */
#define NE1000_TIPG_DEFAULT	(10u | (8u << 10) | (6u << 20))

/* ---- Receive descriptor (legacy), 16 bytes, little endian ----------- */
struct ne1000_rx_desc {
	vmk_uint64 buffer_addr;
	vmk_uint16 length;
	vmk_uint16 csum;	/* packet checksum */
	vmk_uint8 status;
	vmk_uint8 errors;
	vmk_uint16 special;	/* VLAN tag */
};

#define NE1000_RXD_STAT_DD	(1u << 0)	/* Descriptor Done */
#define NE1000_RXD_STAT_EOP	(1u << 1)	/* End of Packet */
#define NE1000_RXD_STAT_IXSM	(1u << 2)	/* Ignore Checksum Indication */
#define NE1000_RXD_STAT_VP	(1u << 3)	/* 802.1Q packet */
#define NE1000_RXD_STAT_TCPCS	(1u << 5)	/* TCP/UDP checksum calculated */
#define NE1000_RXD_STAT_IPCS	(1u << 6)	/* IPv4 checksum calculated */

#define NE1000_RXD_ERR_CE	(1u << 0)	/* CRC or alignment error */
#define NE1000_RXD_ERR_SE	(1u << 1)	/* Symbol error */
#define NE1000_RXD_ERR_SEQ	(1u << 2)	/* Sequence error */
#define NE1000_RXD_ERR_CXE	(1u << 4)	/* Carrier extension error */
#define NE1000_RXD_ERR_TCPE	(1u << 5)	/* TCP/UDP checksum error */
#define NE1000_RXD_ERR_IPE	(1u << 6)	/* IP checksum error */
#define NE1000_RXD_ERR_RXE	(1u << 7)	/* RX data error */
/* Errors that make a frame worthless (checksum errors do not). */
#define NE1000_RXD_ERR_FRAME	(NE1000_RXD_ERR_CE | NE1000_RXD_ERR_SE | \
				 NE1000_RXD_ERR_SEQ | NE1000_RXD_ERR_CXE | \
				 NE1000_RXD_ERR_RXE)

/* ---- Transmit descriptors, 16 bytes, little endian ------------------ */
/*
 * Legacy data descriptor.  Its CSO/CSS checksum insertion is in the SDM
 * but QEMU's e1000 ignores it, so checksums go through the TCP/IP
 * context descriptor and extended data descriptors below instead.
 */
struct ne1000_tx_desc {
	vmk_uint64 buffer_addr;
	vmk_uint16 length;
	vmk_uint8 cso;
	vmk_uint8 cmd;
	vmk_uint8 status;
	vmk_uint8 css;
	vmk_uint16 special;
};

/* TCP/IP context descriptor (DEXT, DTYP 0000). */
struct ne1000_tx_ctx_desc {
	vmk_uint8 ipcss;	/* IP checksum start */
	vmk_uint8 ipcso;	/* IP checksum offset */
	vmk_uint16 ipcse;	/* IP checksum end */
	vmk_uint8 tucss;	/* TCP/UDP checksum start */
	vmk_uint8 tucso;	/* TCP/UDP checksum offset */
	vmk_uint16 tucse;	/* TCP/UDP checksum end (0: to the end) */
	vmk_uint32 cmd_and_length;	/* PAYLEN 19:0, DTYP 23:20, TUCMD 31:24 */
	vmk_uint8 status;
	vmk_uint8 hdr_len;
	vmk_uint16 mss;
};

/* TCP/IP data descriptor (DEXT, DTYP 0001): legacy layout but for upper. */
struct ne1000_tx_data_desc {
	vmk_uint64 buffer_addr;
	vmk_uint32 cmd_and_length;	/* DTALEN 19:0, DTYP 23:20, DCMD 31:24 */
	vmk_uint8 status;
	vmk_uint8 popts;	/* IXSM, TXSM */
	vmk_uint16 special;
};

/* Command bits (CMD of legacy, DCMD of data descriptors: same places). */
#define NE1000_TXD_CMD_EOP	(1u << 0)	/* End of Packet */
#define NE1000_TXD_CMD_IFCS	(1u << 1)	/* Insert FCS */
#define NE1000_TXD_CMD_TSE	(1u << 2)	/* TCP Segmentation Enable */
#define NE1000_TXD_CMD_RS	(1u << 3)	/* Report Status */
#define NE1000_TXD_CMD_DEXT	(1u << 5)	/* Descriptor Extension */
#define NE1000_TXD_CMD_VLE	(1u << 6)	/* VLAN Packet Enable */
#define NE1000_TXD_CMD_IDE	(1u << 7)	/* Interrupt Delay Enable */
#define NE1000_TXD_STAT_DD	(1u << 0)	/* Descriptor Done */

/* In cmd_and_length of the extended descriptors. */
#define NE1000_TXD_DTYP_CTX	(0u << 20)
#define NE1000_TXD_DTYP_DATA	(1u << 20)
#define NE1000_TXD_CMD_SHIFT	24
/* TUCMD of the context descriptor. */
#define NE1000_TXD_TUCMD_TCP	(1u << 0)	/* TCP (else UDP) */
#define NE1000_TXD_TUCMD_IP	(1u << 1)	/* IPv4 (else IPv6) */
#define NE1000_TXD_TUCMD_TSE	(1u << 2)	/* TCP Segmentation Enable */
/* POPTS of the data descriptor. */
#define NE1000_TXD_POPTS_IXSM	(1u << 0)	/* Insert IP checksum */
#define NE1000_TXD_POPTS_TXSM	(1u << 1)	/* Insert TCP/UDP checksum */

/* Every descriptor layout is 16 bytes with natural alignment. */
_Static_assert(sizeof(struct ne1000_rx_desc) == 16, "RX descriptor size");
_Static_assert(sizeof(struct ne1000_tx_desc) == 16, "TX descriptor size");
_Static_assert(sizeof(struct ne1000_tx_ctx_desc) == 16, "context size");
_Static_assert(sizeof(struct ne1000_tx_data_desc) == 16, "data desc size");

/* Descriptor rings: lengths a multiple of 128 bytes (8 descriptors). */
#define NE1000_DESC_SIZE	16
#define NE1000_RING_ALIGN	128

#endif /* _NE1000_REGS_H_ */
