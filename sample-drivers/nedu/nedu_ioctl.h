/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nedu's user interface: the ioctls of /dev/nedu<N>.  Shared by the
 * driver and by user space (nedu-ctl), so it uses only C's own types;
 * the layout is the same for 32- and 64-bit processes.
 *
 * On ESXi a driver's ioctl commands are plain numbers private to it;
 * the char-dev layer passes them through untouched, and so does ours.
 */
#ifndef _NEDU_IOCTL_H_
#define _NEDU_IOCTL_H_

/* Compute n! on the device (32 bits, wrapping as the device does). */
#define NEDU_IOCTL_FACTORIAL	0x4e450001
/* Copy len bytes from src to the device's buffer and back into dst. */
#define NEDU_IOCTL_DMA		0x4e450002
/* Read the counters. */
#define NEDU_IOCTL_STATS	0x4e450003

/*
 * The most one round trip carries: the device's buffer is 4096 bytes,
 * but QEMU (7.2) stops the machine on a transfer that reaches the
 * buffer's end, so one byte of it stays out of reach.
 */
#define NEDU_DMA_MAX		4095

struct nedu_factorial {
	unsigned int n;		/* in */
	unsigned int result;	/* out */
};

struct nedu_dma {
	unsigned long long src;	/* user address of len bytes to send */
	unsigned long long dst;	/* user address receiving them back */
	unsigned int len;	/* 1 .. NEDU_DMA_MAX */
	unsigned int reserved;	/* 0 */
};

struct nedu_stats {
	unsigned long long interrupts;	/* acknowledged as ours */
	unsigned long long not_ours;	/* acknowledge found no cause */
	unsigned long long factorials;
	unsigned long long dma_transfers;	/* one per direction */
	unsigned long long timeouts;
};

#endif /* _NEDU_IOCTL_H_ */
