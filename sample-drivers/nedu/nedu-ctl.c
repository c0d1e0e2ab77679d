// SPDX-License-Identifier: GPL-2.0
/*
 * nedu-ctl: ask the edu device for work through nedu's char device.
 *
 *   nedu-ctl /dev/nedu0 factorial N   print N! as the device computes it
 *                                     (32 bits); exit 1 if it differs
 *                                     from the expected value
 *   nedu-ctl /dev/nedu0 dma LEN       send LEN bytes of a pattern to the
 *                                     device's buffer by DMA and back;
 *                                     exit 1 unless they come back equal
 *   nedu-ctl /dev/nedu0 stats         print the driver's counters
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "nedu_ioctl.h"

static int usage(const char *prog)
{
	fprintf(stderr, "Usage: %s DEVICE factorial N | dma LEN | stats\n",
		prog);
	return 2;
}

static int do_factorial(int fd, unsigned int n)
{
	struct nedu_factorial req = { .n = n };
	unsigned int expect = 1, i;

	if (ioctl(fd, NEDU_IOCTL_FACTORIAL, &req) < 0) {
		perror("NEDU_IOCTL_FACTORIAL");
		return 1;
	}
	/* The device multiplies in 32 bits; so do we. */
	for (i = 2; i <= n; i++)
		expect *= i;
	printf("%u! = %u\n", n, req.result);
	if (req.result != expect) {
		fprintf(stderr, "expected %u\n", expect);
		return 1;
	}
	return 0;
}

static int do_dma(int fd, unsigned int len)
{
	unsigned char *src, *dst;
	struct nedu_dma req = { .len = len };
	unsigned int i;
	int ret = 1;

	src = malloc(len);
	dst = malloc(len);
	if (!src || !dst) {
		perror("malloc");
		goto out;
	}
	for (i = 0; i < len; i++)
		src[i] = (unsigned char)(i * 7 + 3);
	memset(dst, 0, len);
	req.src = (unsigned long)src;
	req.dst = (unsigned long)dst;
	if (ioctl(fd, NEDU_IOCTL_DMA, &req) < 0) {
		perror("NEDU_IOCTL_DMA");
		goto out;
	}
	if (memcmp(src, dst, len)) {
		fprintf(stderr, "dma: %u bytes came back different\n", len);
		goto out;
	}
	printf("dma: %u bytes to the device and back, equal\n", len);
	ret = 0;
out:
	free(src);
	free(dst);
	return ret;
}

static int do_stats(int fd)
{
	struct nedu_stats st;

	if (ioctl(fd, NEDU_IOCTL_STATS, &st) < 0) {
		perror("NEDU_IOCTL_STATS");
		return 1;
	}
	printf("interrupts %llu\nnot_ours %llu\nfactorials %llu\ndma_transfers %llu\ntimeouts %llu\n",
	       st.interrupts, st.not_ours, st.factorials, st.dma_transfers,
	       st.timeouts);
	return 0;
}

int main(int argc, char **argv)
{
	int fd, ret;

	if (argc < 3)
		return usage(argv[0]);
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (!strcmp(argv[2], "factorial") && argc == 4)
		ret = do_factorial(fd, strtoul(argv[3], NULL, 0));
	else if (!strcmp(argv[2], "dma") && argc == 4)
		ret = do_dma(fd, strtoul(argv[3], NULL, 0));
	else if (!strcmp(argv[2], "stats") && argc == 3)
		ret = do_stats(fd);
	else
		ret = usage(argv[0]);
	close(fd);
	return ret;
}
