/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nnvme: controller registers, queue entries and the command set, with
 * the names of the NVM Express Base Specification (revision 1.4):
 * section 3.1 (controller registers), 4.2/4.6 (submission and completion
 * queue entries), 4.3 (PRPs), 5 (admin commands), 6 (NVM commands).
 */
#ifndef _NNVME_REGS_H_
#define _NNVME_REGS_H_

/* Controller registers (BAR 0). */
#define NVME_REG_CAP		0x0000	/* Controller Capabilities, 64 bit */
#define NVME_REG_VS		0x0008	/* Version */
#define NVME_REG_INTMS		0x000c	/* Interrupt Mask Set */
#define NVME_REG_INTMC		0x0010	/* Interrupt Mask Clear */
#define NVME_REG_CC		0x0014	/* Controller Configuration */
#define NVME_REG_CSTS		0x001c	/* Controller Status */
#define NVME_REG_AQA		0x0024	/* Admin Queue Attributes */
#define NVME_REG_ASQ		0x0028	/* Admin SQ Base Address, 64 bit */
#define NVME_REG_ACQ		0x0030	/* Admin CQ Base Address, 64 bit */
#define NVME_REG_DBS		0x1000	/* first doorbell */

/* CAP fields. */
#define NVME_CAP_MQES(cap)	((vmk_uint32)((cap) & 0xffff))
#define NVME_CAP_TO(cap)	((vmk_uint32)(((cap) >> 24) & 0xff))
#define NVME_CAP_DSTRD(cap)	((vmk_uint32)(((cap) >> 32) & 0xf))
#define NVME_CAP_CSS_NVM(cap)	(((cap) >> 37) & 0x1)
#define NVME_CAP_MPSMIN(cap)	((vmk_uint32)(((cap) >> 48) & 0xf))
#define NVME_CAP_MPSMAX(cap)	((vmk_uint32)(((cap) >> 52) & 0xf))

/* CC fields. */
#define NVME_CC_EN		(1u << 0)
#define NVME_CC_CSS_NVM		(0u << 4)
#define NVME_CC_MPS_SHIFT	7
#define NVME_CC_AMS_RR		(0u << 11)
#define NVME_CC_SHN_NONE	(0u << 14)
#define NVME_CC_SHN_NORMAL	(1u << 14)
#define NVME_CC_SHN_MASK	(3u << 14)
#define NVME_CC_IOSQES_SHIFT	16
#define NVME_CC_IOCQES_SHIFT	20

/* CSTS fields. */
#define NVME_CSTS_RDY		(1u << 0)
#define NVME_CSTS_CFS		(1u << 1)
#define NVME_CSTS_SHST_MASK	(3u << 2)
#define NVME_CSTS_SHST_CMPLT	(2u << 2)

/* AQA: zero-based sizes of the admin queues. */
#define NVME_AQA_ASQS_SHIFT	0
#define NVME_AQA_ACQS_SHIFT	16

/* CAP.TO and the shutdown wait are in units of 500 ms. */
#define NVME_TO_UNIT_MS		500

/* log2 of the entry sizes: 64-byte SQEs, 16-byte CQEs. */
#define NVME_SQES		6
#define NVME_CQES		4

/* The controller's memory page size this driver uses (CC.MPS = 0). */
#define NVME_CTRL_PAGE_SHIFT	12
#define NVME_CTRL_PAGE_SIZE	(1u << NVME_CTRL_PAGE_SHIFT)

/* Admin command opcodes. */
#define NVME_ADMIN_DELETE_SQ	0x00
#define NVME_ADMIN_CREATE_SQ	0x01
#define NVME_ADMIN_DELETE_CQ	0x04
#define NVME_ADMIN_CREATE_CQ	0x05
#define NVME_ADMIN_IDENTIFY	0x06
#define NVME_ADMIN_ABORT	0x08
#define NVME_ADMIN_SET_FEATURES	0x09
#define NVME_ADMIN_DBBUF_CONFIG	0x7c	/* Doorbell Buffer Config (1.3) */

/* NVM command set opcodes. */
#define NVME_CMD_FLUSH		0x00
#define NVME_CMD_WRITE		0x01
#define NVME_CMD_READ		0x02

/* Identify CNS values. */
#define NVME_ID_CNS_NS		0x00
#define NVME_ID_CNS_CTRL	0x01

/* Features. */
#define NVME_FEAT_NUM_QUEUES	0x07

/* Create I/O queue flags (CDW11). */
#define NVME_QUEUE_PHYS_CONTIG	(1u << 0)
#define NVME_CQ_IRQ_ENABLED	(1u << 1)
#define NVME_SQ_PRIO_MEDIUM	(2u << 1)

/* Completion status (the CQE's status field without the phase tag). */
#define NVME_STATUS_SC(s)	((s) & 0xff)
#define NVME_STATUS_SCT(s)	(((s) >> 8) & 0x7)
#define NVME_STATUS_DNR		(1u << 14)
#define NVME_SCT_GENERIC	0
#define NVME_SC_SUCCESS		0x00
#define NVME_SC_INVALID_OPCODE	0x01
#define NVME_SC_INVALID_FIELD	0x02
#define NVME_SC_DATA_XFER_ERROR	0x04
#define NVME_SC_ABORT_REQ	0x07
#define NVME_SC_ABORT_SQ_DELETED 0x08
#define NVME_SC_LBA_RANGE	0x80
#define NVME_SC_CAP_EXCEEDED	0x81
#define NVME_SC_NS_NOT_READY	0x82
#define NVME_SCT_MEDIA		2

/* Identify Controller: the fields this driver reads (4 KB in all). */
#define NVME_ID_CTRL_SN		4	/* 20 ASCII bytes */
#define NVME_ID_CTRL_MN		24	/* 40 ASCII bytes */
#define NVME_ID_CTRL_FR		64	/* 8 ASCII bytes */
#define NVME_ID_CTRL_MDTS	77
#define NVME_ID_CTRL_OACS	256	/* 16 bit */
#define NVME_OACS_DBBUF		(1u << 8)
#define NVME_ID_CTRL_NN		516	/* 32 bit */
#define NVME_ID_CTRL_VWC	525
#define NVME_ID_CTRL_VWC_PRESENT 0x01

/* Identify Namespace: the fields this driver reads. */
#define NVME_ID_NS_NSZE		0	/* 64 bit */
#define NVME_ID_NS_FLBAS	26
#define NVME_ID_NS_NGUID	104	/* 16 bytes */
#define NVME_ID_NS_EUI64	120	/* 8 bytes */
#define NVME_ID_NS_LBAF		128	/* 16 x 32 bit */
#define NVME_LBAF_LBADS(f)	(((f) >> 16) & 0xff)

/* A submission queue entry (64 bytes). */
struct nvme_sqe {
	vmk_uint8 opcode;
	vmk_uint8 flags;
	vmk_uint16 cid;
	vmk_uint32 nsid;
	vmk_uint32 cdw2;
	vmk_uint32 cdw3;
	vmk_uint64 mptr;
	vmk_uint64 prp1;
	vmk_uint64 prp2;
	vmk_uint32 cdw10;
	vmk_uint32 cdw11;
	vmk_uint32 cdw12;
	vmk_uint32 cdw13;
	vmk_uint32 cdw14;
	vmk_uint32 cdw15;
};

/* A completion queue entry (16 bytes). */
struct nvme_cqe {
	vmk_uint32 result;	/* DW0: command specific */
	vmk_uint32 rsvd;
	vmk_uint16 sq_head;
	vmk_uint16 sq_id;
	vmk_uint16 cid;
	vmk_uint16 status;	/* bit 0: phase tag, then the status field */
};

#endif /* _NNVME_REGS_H_ */
