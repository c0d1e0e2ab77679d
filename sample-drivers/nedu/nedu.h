/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nedu: a native driver for QEMU's "edu" teaching device (1234:11e8).
 *
 * What lives where:
 *   nedu_main.c     module init/cleanup, the device-layer callbacks
 *                   (attach, start, scan, quiesce, detach, forget) and
 *                   the interrupt acknowledge and handler
 *   nedu_hw.c       the device's registers: identification, liveness,
 *                   factorial, DMA; waiting for an interrupt
 *   nedu_chardev.c  the logical char-dev child and /dev/nedu<N>'s
 *                   file operations (the ioctls of nedu_ioctl.h)
 *   nedu_mgmt.c     the management API (nedu_mgmt.h): the devices as
 *                   instances, callbacks for the nedu-mgmt tool
 *
 * The device (QEMU docs/specs/edu.rst): BAR0 is 1 MB of registers; only
 * 32-bit accesses below 0x80.  Interrupt causes accumulate in a status
 * register until the driver writes them back to the acknowledge
 * register, with MSI as with INTx.
 */
#ifndef _NEDU_H_
#define _NEDU_H_

#include "vmkapi.h"
#include "nedu_ioctl.h"

#define NEDU_NAME		"nedu"

#define NEDU_VENDOR_ID		0x1234
#define NEDU_DEVICE_ID		0x11e8

/* BAR0 registers. */
#define NEDU_REG_ID		0x00	/* 0xRRrr00ed: major, minor, magic */
#define NEDU_REG_LIVENESS	0x04	/* reads back the inverse of a write */
#define NEDU_REG_FACTORIAL	0x08	/* write n, read n! when done */
#define NEDU_REG_STATUS		0x20
#define NEDU_REG_INTR_STATUS	0x24	/* causes of the raised interrupt */
#define NEDU_REG_INTR_RAISE	0x60
#define NEDU_REG_INTR_ACK	0x64	/* write causes back to clear them */
#define NEDU_REG_DMA_SRC	0x80
#define NEDU_REG_DMA_DST	0x88
#define NEDU_REG_DMA_COUNT	0x90
#define NEDU_REG_DMA_CMD	0x98

#define NEDU_ID_MAGIC_MASK	0x0000ffff
#define NEDU_ID_MAGIC		0x000000ed
#define NEDU_ID_VERSION(id)	((id) >> 16)	/* 0x0100 is 1.0 */

#define NEDU_STATUS_COMPUTING	0x01
#define NEDU_STATUS_IRQ_FACT	0x80	/* interrupt when a factorial ends */

#define NEDU_INTR_FACT		0x001
#define NEDU_INTR_DMA		0x100

#define NEDU_DMA_CMD_START	0x01
#define NEDU_DMA_CMD_TO_RAM	0x02	/* else from RAM to the device */
#define NEDU_DMA_CMD_IRQ	0x04	/* raise NEDU_INTR_DMA when done */

/* Where the device's own 4 KB DMA buffer sits in its address space. */
#define NEDU_DEV_BUFFER		0x40000
#define NEDU_DEV_BUFFER_SIZE	4096

/* The device's DMA engine decodes 28 address bits (256 MB). */
#define NEDU_DMA_ADDRESS_MASK	0x0fffffffULL
/* Pages tried at attach for a DMA buffer below that (nedu_dma_setup). */
#define NEDU_DMA_BUF_TRIES	256

/* How long an operation may take before the driver gives up on it. */
#define NEDU_TIMEOUT_MS		2000

/* One edu device: everything attach acquires, detach releases. */
struct nedu_adapter {
	vmk_Device device;
	vmk_PCIDevice pci;
	vmk_Name name;		/* "SSSS:BB:DD.F", for messages */
	vmk_VA bar0;
	vmk_uint32 id;

	/* One operation on the device at a time (ioctls may race). */
	vmk_Semaphore op_sema;
	/* Guards done_causes; the handler takes it, the waiter sleeps on it. */
	vmk_Lock lock;
	vmk_uint32 done_causes;

	/*
	 * Written in the acknowledge (hard interrupt: no spinlock there),
	 * moved to done_causes by the handler.
	 */
	vmk_atomic64 acked_causes;

	vmk_IntrCookie intr;
	vmk_PCIInterruptType intr_type;
	vmk_Bool intr_registered;

	vmk_DMAEngine dma_engine;
	vmk_SgOpsHandle sg_ops;
	/* A kernel buffer the device can reach, for the round trips. */
	void *dma_buf;

	/* The logical child the char-dev layer turns into /dev/nedu<N>. */
	vmk_Device chardev_device;
	vmk_CharDevRegData chardev_reg;
	vmk_CharDevHandle chardev;

	/* An instance of the management handle (nedu_mgmt.c). */
	vmk_Bool mgmt_registered;

	/* Started: the device may be used; cleared by quiesce. */
	vmk_Bool started;
	/* forgetDevice: the hardware is gone, never touch it again. */
	vmk_Bool gone;

	/* Counters (nedu_ioctl.h); atomics: the acknowledge counts too. */
	vmk_atomic64 interrupts;
	vmk_atomic64 not_ours;
	vmk_atomic64 factorials;
	vmk_atomic64 dma_transfers;
	vmk_atomic64 timeouts;
};

extern vmk_ModuleID nedu_module;
extern vmk_HeapID nedu_heap;
extern vmk_LogComponent nedu_log;
extern vmk_Driver nedu_driver;

/* nedu_hw.c */
VMK_ReturnStatus nedu_hw_probe(struct nedu_adapter *adapter);
void nedu_hw_start(struct nedu_adapter *adapter);
void nedu_hw_stop(struct nedu_adapter *adapter);
VMK_ReturnStatus nedu_intr_ack(void *data, vmk_IntrCookie cookie);
void nedu_intr_handler(void *data, vmk_IntrCookie cookie);
VMK_ReturnStatus nedu_dma_setup(struct nedu_adapter *adapter);
void nedu_dma_teardown(struct nedu_adapter *adapter);
VMK_ReturnStatus nedu_factorial(struct nedu_adapter *adapter, vmk_uint32 n,
				vmk_uint32 *result);
VMK_ReturnStatus nedu_dma_round_trip(struct nedu_adapter *adapter,
				     vmk_VA user_src, vmk_VA user_dst,
				     vmk_uint32 len);

/* nedu_chardev.c */
VMK_ReturnStatus nedu_chardev_register(struct nedu_adapter *adapter);

/* nedu_mgmt.c: the management handle and the devices as its instances. */
VMK_ReturnStatus nedu_mgmt_init(void);
void nedu_mgmt_destroy(void);
VMK_ReturnStatus nedu_mgmt_add_device(struct nedu_adapter *adapter);
void nedu_mgmt_remove_device(struct nedu_adapter *adapter);

#endif /* _NEDU_H_ */
