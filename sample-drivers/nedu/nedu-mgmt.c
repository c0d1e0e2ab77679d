// SPDX-License-Identifier: GPL-2.0
/*
 * nedu-mgmt: talk to nedu through the VMK management API (libvmkmgmt),
 * as an ESXi driver's own tool (an esxcli plugin, say) would.
 *
 *   nedu-mgmt list                 the devices (instances): ID and address
 *   nedu-mgmt stats [DEV]          a device's counters
 *   nedu-mgmt factorial N [DEV]    N! computed by the device; then wait
 *                                  for the driver's FACTORIAL_DONE
 *                                  callback; exit 1 if either is wrong
 *   nedu-mgmt reverse TEXT         TEXT reversed by the driver (a vector)
 *   nedu-mgmt watch COUNT SECS     print FACTORIAL_DONE callbacks until
 *                                  COUNT arrived (exit 0) or SECS passed
 *   nedu-mgmt hold SECS            keep a session open for SECS seconds
 *
 * DEV is a PCI address as `list` prints it; by default the first device.
 * -V MAJOR.MINOR claims another version of the API (to see it refused).
 * Exit status: 0 fine, 1 a wrong answer, 2 usage, 3 the library refused
 * (its errno is printed: EPERM without CAP_NET_ADMIN, ENOENT without
 * nedu, ENODEV without vmkapi.ko).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nedu_mgmt.h"

static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t events_cond = PTHREAD_COND_INITIALIZER;
static unsigned int events;
static struct nedu_mgmt_factorial last_event;

/* A user callback: runs on the library's serving thread. */
void nedu_mgmt_cb_factorial_done(vmk_uint64 cookie, vmk_uint64 instanceId,
			      struct nedu_mgmt_factorial *done)
{
	pthread_mutex_lock(&events_lock);
	last_event = *done;
	events++;
	printf("event: %u! = %u\n", done->n, done->result);
	fflush(stdout);
	pthread_cond_broadcast(&events_cond);
	pthread_mutex_unlock(&events_lock);
}

/* Wait until @count events arrived, at most @secs seconds. */
static int wait_events(unsigned int count, unsigned int secs)
{
	struct timespec until;
	int ret = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += secs;
	pthread_mutex_lock(&events_lock);
	while (events < count && ret != ETIMEDOUT)
		ret = pthread_cond_timedwait(&events_cond, &events_lock,
					     &until);
	ret = events >= count ? 0 : ETIMEDOUT;
	pthread_mutex_unlock(&events_lock);
	return ret;
}

static int failed(const char *what, int err)
{
	fprintf(stderr, "nedu-mgmt: %s: %s\n", what, strerror(err));
	return 3;
}

/* The instance at PCI address @dev, or the first one. */
static int find_device(vmk_MgmtUserHandle h, const char *dev,
		       vmk_uint64 *id)
{
	vmk_MgmtInstances inst;
	unsigned int i;
	int err;

	err = vmk_MgmtUserGetInstances(h, &inst);
	if (err)
		return failed("vmk_MgmtUserGetInstances", err);
	for (i = 0; i < inst.numInstances; i++) {
		if (!dev || !strcmp(dev, inst.instanceNames[i].string)) {
			*id = inst.instanceIds[i];
			return 0;
		}
	}
	fprintf(stderr, "nedu-mgmt: no device %s\n", dev ? dev : "at all");
	return 1;
}

static int do_list(vmk_MgmtUserHandle h)
{
	vmk_MgmtInstances inst;
	unsigned int i;
	int err;

	err = vmk_MgmtUserGetInstances(h, &inst);
	if (err)
		return failed("vmk_MgmtUserGetInstances", err);
	for (i = 0; i < inst.numInstances; i++)
		printf("%#llx %s\n", (unsigned long long)inst.instanceIds[i],
		       inst.instanceNames[i].string);
	return 0;
}

static int do_stats(vmk_MgmtUserHandle h, const char *dev)
{
	struct nedu_mgmt_stats stats;
	vmk_uint64 id;
	int err;

	err = find_device(h, dev, &id);
	if (err)
		return err;
	memset(&stats, 0xff, sizeof(stats));
	err = vmk_MgmtUserCallbackInvoke(h, id, NEDU_MGMT_CB_STATS, &stats);
	if (err)
		return failed("stats", err);
	if (stats.status != VMK_OK) {
		fprintf(stderr, "nedu-mgmt: stats: %s\n",
			vmk_StatusToString(stats.status));
		return 1;
	}
	printf("interrupt: %s\ninterrupts: %llu\nfactorials: %llu\n"
	       "dma_transfers: %llu\ntimeouts: %llu\n",
	       stats.intr_type ? "MSI" : "INTx",
	       (unsigned long long)stats.interrupts,
	       (unsigned long long)stats.factorials,
	       (unsigned long long)stats.dma_transfers,
	       (unsigned long long)stats.timeouts);
	return 0;
}

static int do_factorial(vmk_MgmtUserHandle h, unsigned int n,
			const char *dev)
{
	struct nedu_mgmt_factorial req = { .n = n };
	unsigned int expect = 1, i;
	vmk_uint64 id;
	int err;

	err = find_device(h, dev, &id);
	if (err)
		return err;
	err = vmk_MgmtUserBegin(h);
	if (err)
		return failed("vmk_MgmtUserBegin", err);
	err = vmk_MgmtUserCallbackInvoke(h, id, NEDU_MGMT_CB_FACTORIAL, &req);
	if (err)
		return failed("factorial", err);
	if (req.status != VMK_OK) {
		fprintf(stderr, "nedu-mgmt: factorial: %s\n",
			vmk_StatusToString(req.status));
		return 1;
	}
	/* The device multiplies in 32 bits; so do we. */
	for (i = 2; i <= n; i++)
		expect *= i;
	printf("%u! = %u\n", n, req.result);
	if (req.result != expect) {
		fprintf(stderr, "nedu-mgmt: expected %u\n", expect);
		return 1;
	}
	if (wait_events(1, 10)) {
		fprintf(stderr, "nedu-mgmt: no FACTORIAL_DONE callback\n");
		return 1;
	}
	if (last_event.n != n || last_event.result != expect) {
		fprintf(stderr, "nedu-mgmt: the callback said %u! = %u\n",
			last_event.n, last_event.result);
		return 1;
	}
	return vmk_MgmtUserEnd(h) ? 1 : 0;
}

static int do_reverse(vmk_MgmtUserHandle h, const char *text)
{
	size_t len = strlen(text);
	vmk_MgmtVectorParm vec;
	char *buf;
	size_t i;
	int err;

	buf = strdup(text);
	if (!buf)
		return failed("strdup", ENOMEM);
	vec.length = len;
	vec.dataPtr = buf;
	err = vmk_MgmtUserCallbackInvoke(h, VMK_MGMT_NO_INSTANCE_ID,
					 NEDU_MGMT_CB_REVERSE, &vec);
	if (err) {
		free(buf);
		return failed("reverse", err);
	}
	printf("%.*s\n", (int)vec.length, buf);
	for (i = 0; i < len; i++)
		if (vec.length != len || buf[i] != text[len - 1 - i])
			err = 1;
	free(buf);
	return err;
}

static int do_watch(vmk_MgmtUserHandle h, unsigned int count,
		    unsigned int secs)
{
	int err = vmk_MgmtUserBegin(h);

	if (err)
		return failed("vmk_MgmtUserBegin", err);
	printf("watching\n");
	fflush(stdout);
	err = wait_events(count, secs);
	vmk_MgmtUserEnd(h);
	return err ? 1 : 0;
}

static int do_hold(vmk_MgmtUserHandle h, unsigned int secs)
{
	struct timespec ts = { .tv_sec = secs };
	int err = vmk_MgmtUserBegin(h);

	if (err)
		return failed("vmk_MgmtUserBegin", err);
	printf("session open\n");
	fflush(stdout);
	nanosleep(&ts, NULL);
	return vmk_MgmtUserEnd(h) ? 1 : 0;
}

static int usage(void)
{
	fprintf(stderr,
		"Usage: nedu-mgmt [-V MAJOR.MINOR] list | stats [DEV] |\n"
		"                 factorial N [DEV] | reverse TEXT |\n"
		"                 watch COUNT SECS | hold SECS\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned int major, minor;
	vmk_MgmtUserHandle h;
	const char *cmd;
	int ret, err;

	if (argc > 3 && !strcmp(argv[1], "-V")) {
		if (sscanf(argv[2], "%u.%u", &major, &minor) != 2)
			return usage();
		nedu_mgmt_sig.version = VMK_REVISION_FROM_NUMBERS(major, minor,
								  0, 0);
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		return usage();
	cmd = argv[1];
	err = vmk_MgmtUserInit(&nedu_mgmt_sig, 0, &h);
	if (err)
		return failed("vmk_MgmtUserInit", err);
	if (!strcmp(cmd, "list") && argc == 2)
		ret = do_list(h);
	else if (!strcmp(cmd, "stats") && argc <= 3)
		ret = do_stats(h, argc == 3 ? argv[2] : NULL);
	else if (!strcmp(cmd, "factorial") && (argc == 3 || argc == 4))
		ret = do_factorial(h, strtoul(argv[2], NULL, 0),
				   argc == 4 ? argv[3] : NULL);
	else if (!strcmp(cmd, "reverse") && argc == 3)
		ret = do_reverse(h, argv[2]);
	else if (!strcmp(cmd, "watch") && argc == 4)
		ret = do_watch(h, strtoul(argv[2], NULL, 0),
			       strtoul(argv[3], NULL, 0));
	else if (!strcmp(cmd, "hold") && argc == 3)
		ret = do_hold(h, strtoul(argv[2], NULL, 0));
	else
		ret = usage();
	err = vmk_MgmtUserDestroy(h);
	if (err && !ret)
		ret = failed("vmk_MgmtUserDestroy", err);
	return ret;
}
