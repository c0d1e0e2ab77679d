// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the device manager, driven through a FAKE BUS.
 *
 * The fake bus is a bus provider living in this module: it adds devices
 * with the internal contract (vmk_core_device_add), offers them to fake
 * drivers whose callbacks record what ran, in order, into one log and
 * fail on request.  The tests walk the lifecycle table row by row (its
 * expected copy below is written from the reference, not taken from the
 * core), try every pair the table does not have, forget in every state,
 * inject a failure into every callback, register logical children from
 * scans, check the leaf-first order of removals, and end each test with
 * the same number of devices, drivers, module resources and heap bytes
 * as it started with.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define HEAP_MAX	(256 * 1024)
#define FAKE_BUS	"kunit-fake"
#define FAKE_ID		"com.vmware.kunit.fake"
#define SUB_ID		"com.vmware.kunit.sub"
#define LONE_ID		"com.vmware.kunit.lone"
#define MAX_CHILDREN	4
#define LOG_LEN		1024

static vmk_HeapID devmgr_heap = VMK_INVALID_HEAP_ID;

/* ---- the callback log ------------------------------------------------- */

static DEFINE_MUTEX(log_lock);
static char cb_log[LOG_LEN];

static void log_reset(void)
{
	mutex_lock(&log_lock);
	cb_log[0] = '\0';
	mutex_unlock(&log_lock);
}

/* "event:address " per callback, in the order they ran. */
static void log_cb(const char *event, vmk_Device dev)
{
	vmk_DeviceID *id = NULL;
	size_t len;

	if (vmk_DeviceGetDeviceID(devmgr_heap, dev, &id) != VMK_OK)
		return;
	mutex_lock(&log_lock);
	len = strlen(cb_log);
	snprintf(cb_log + len, sizeof(cb_log) - len, "%s:%s ", event,
		 id->busAddress);
	mutex_unlock(&log_lock);
	vmk_DevicePutDeviceID(devmgr_heap, id);
}

/* The log must read exactly @want (a NULL-terminated list of entries). */
static void expect_log(struct kunit *test, const char *const *want)
{
	char *buf = kunit_kzalloc(test, LOG_LEN, GFP_KERNEL);
	size_t len = 0;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (; *want; want++)
		len += scnprintf(buf + len, LOG_LEN - len, "%s ", *want);
	mutex_lock(&log_lock);
	KUNIT_EXPECT_STREQ(test, cb_log, buf);
	mutex_unlock(&log_lock);
}

#define EXPECT_LOG(test, ...) \
	expect_log(test, (const char *const[]){ __VA_ARGS__, NULL })

/* ---- fake drivers ------------------------------------------------------ */

/* Per claimed device: what attach allocated (detach frees it). */
struct fake_dev {
	vmk_Device dev;
	int registered;			/* children registered by scans */
	vmk_Device child[MAX_CHILDREN];
};

struct fake_drv {
	vmk_Driver handle;
	/* Status each callback returns (VMK_OK unless a test injects). */
	VMK_ReturnStatus fail[VMK_CORE_DEV_NR_EVENTS];
	int calls[VMK_CORE_DEV_NR_EVENTS];
	/* Scan: register children on logical ports 0..nchildren-1. */
	int nchildren;
	const char *child_ident[MAX_CHILDREN];
	/* A test's own scan (instead of the above), and its result. */
	void (*scan)(struct fake_drv *drv, vmk_Device dev);
	VMK_ReturnStatus scan_result;
	/* removeDevice of the children it registered. */
	VMK_ReturnStatus remove_fail;
	bool remove_skips_unregister;
	VMK_ReturnStatus unregister_status;
	int removes;
};

static struct fake_drv *fake_of(vmk_Device dev)
{
	vmk_Driver drv = vmk_core_device_driver(dev);
	vmk_AddrCookie data = { 0 };

	if (!drv || vmk_DriverGetPrivateData(drv, &data) != VMK_OK)
		return NULL;
	return data.ptr;
}

static struct fake_dev *fdev_of(vmk_Device dev)
{
	vmk_AddrCookie data = { 0 };

	vmk_DeviceGetAttachedDriverData(dev, &data);
	return data.ptr;
}

static VMK_ReturnStatus fake_attach(vmk_Device dev)
{
	struct fake_drv *fd = fake_of(dev);
	struct fake_dev *fdev;

	log_cb("attach", dev);
	fd->calls[VMK_CORE_DEV_ATTACH]++;
	fdev = vmk_HeapAlloc(devmgr_heap, sizeof(*fdev));
	if (!fdev)
		return VMK_NO_MEMORY;
	memset(fdev, 0, sizeof(*fdev));
	fdev->dev = dev;
	vmk_DeviceSetAttachedDriverData(dev, fdev);
	if (fd->fail[VMK_CORE_DEV_ATTACH] != VMK_OK) {
		/*
		 * A driver that refuses leaves the device as found; this one
		 * "forgets" to clear its data, which the core must drop.
		 */
		vmk_HeapFree(devmgr_heap, fdev);
		return fd->fail[VMK_CORE_DEV_ATTACH];
	}
	return VMK_OK;
}

static VMK_ReturnStatus fake_start(vmk_Device dev)
{
	struct fake_drv *fd = fake_of(dev);

	log_cb("start", dev);
	fd->calls[VMK_CORE_DEV_START]++;
	return fd->fail[VMK_CORE_DEV_START];
}

static VMK_ReturnStatus fake_child_remove(vmk_Device dev);

static vmk_DeviceOps fake_child_ops = {
	.removeDevice = fake_child_remove,
};

static VMK_ReturnStatus fake_register_child(struct fake_drv *fd,
					    vmk_Device parent, int port,
					    const char *ident,
					    vmk_Device *child)
{
	vmk_DeviceProps props = {
		.registeringDriver = fd->handle,
		.deviceOps = &fake_child_ops,
		.registeringDriverData.ptr = fdev_of(parent),
		.registrationData.addr = 0x1000 + port,
	};
	vmk_DeviceID id = {};
	VMK_ReturnStatus status;
	vmk_Name name;

	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	status = vmk_BusTypeFind(&name, &id.busType);
	if (status != VMK_OK)
		return status;
	status = vmk_LogicalCreateBusAddress(fd->handle, parent, port,
					     &id.busAddress, &id.busAddressLen);
	if (status == VMK_OK) {
		id.busIdentifier = (char *)ident;
		id.busIdentifierLen = strlen(ident);
		props.deviceID = &id;
		status = vmk_DeviceRegister(&props, parent, child);
		vmk_LogicalFreeBusAddress(fd->handle, id.busAddress);
	}
	vmk_BusTypeRelease(id.busType);
	return status;
}

static VMK_ReturnStatus fake_scan(vmk_Device dev)
{
	struct fake_drv *fd = fake_of(dev);
	struct fake_dev *fdev = fdev_of(dev);
	VMK_ReturnStatus status;

	log_cb("scan", dev);
	fd->calls[VMK_CORE_DEV_SCAN]++;
	if (fd->scan) {
		fd->scan(fd, dev);
		return fd->fail[VMK_CORE_DEV_SCAN];
	}
	/* Idempotent: a rescan registers only what is new. */
	while (fdev->registered < fd->nchildren) {
		int port = fdev->registered;

		status = fake_register_child(fd, dev, port,
					     fd->child_ident[port],
					     &fdev->child[port]);
		if (status != VMK_OK)
			return status;
		fdev->registered++;
	}
	return fd->fail[VMK_CORE_DEV_SCAN];
}

static VMK_ReturnStatus fake_quiesce(vmk_Device dev)
{
	struct fake_drv *fd = fake_of(dev);

	log_cb("quiesce", dev);
	fd->calls[VMK_CORE_DEV_QUIESCE]++;
	return fd->fail[VMK_CORE_DEV_QUIESCE];
}

static VMK_ReturnStatus fake_detach(vmk_Device dev)
{
	struct fake_drv *fd = fake_of(dev);

	log_cb("detach", dev);
	fd->calls[VMK_CORE_DEV_DETACH]++;
	if (fd->fail[VMK_CORE_DEV_DETACH] != VMK_OK)
		return fd->fail[VMK_CORE_DEV_DETACH];
	vmk_HeapFree(devmgr_heap, fdev_of(dev));
	vmk_DeviceSetAttachedDriverData(dev, NULL);
	return VMK_OK;
}

static void fake_forget(vmk_Device dev)
{
	struct fake_drv *fd = fake_of(dev);

	log_cb("forget", dev);
	fd->calls[VMK_CORE_DEV_FORGET]++;
}

static vmk_DriverOps fake_ops = {
	.attachDevice = fake_attach,
	.scanDevice = fake_scan,
	.detachDevice = fake_detach,
	.quiesceDevice = fake_quiesce,
	.startDevice = fake_start,
	.forgetDevice = fake_forget,
};

/* The registrar's removeDevice: parent's fake driver, via the cookie. */
static struct fake_drv *remove_owner;

static VMK_ReturnStatus fake_child_remove(vmk_Device dev)
{
	struct fake_drv *fd = remove_owner;
	struct fake_dev *parent = NULL;
	vmk_AddrCookie data;
	VMK_ReturnStatus status;

	log_cb("remove", dev);
	fd->removes++;
	if (fd->remove_fail != VMK_OK)
		return fd->remove_fail;
	if (fd->remove_skips_unregister)
		return VMK_OK;
	if (vmk_DeviceGetRegisteringDriverData(dev, &data) == VMK_OK)
		parent = data.ptr;
	status = vmk_DeviceUnregister(dev);
	fd->unregister_status = status;
	if (status == VMK_OK && parent)
		parent->registered--;
	return status;
}

static struct fake_drv *fake_driver(struct kunit *test, const char *name)
{
	struct fake_drv *fd = kunit_kzalloc(test, sizeof(*fd), GFP_KERNEL);
	vmk_DriverProps props = {
		.moduleID = vmk_kunit_module_id,
		.ops = &fake_ops,
	};

	KUNIT_ASSERT_NOT_NULL(test, fd);
	props.privateData.ptr = fd;
	vmk_NameInitialize(&props.name, name);
	KUNIT_ASSERT_EQ(test, vmk_DriverRegister(&props, &fd->handle), VMK_OK);
	remove_owner = fd;
	return fd;
}

/* ---- the fake bus provider -------------------------------------------- */

static int provider_added, provider_removing;
static vmk_Device fake_devs[64];
static int fake_ndevs;

static void fake_driver_added(vmk_Driver driver)
{
	provider_added++;
}

/* As the PCI adapter does: take back this bus's devices of the driver. */
static void fake_driver_removing(vmk_Driver driver)
{
	int i;

	provider_removing++;
	for (i = 0; i < fake_ndevs; i++)
		if (fake_devs[i] && vmk_core_device_driver(fake_devs[i]) ==
		    driver)
			vmk_core_device_detach(fake_devs[i]);
}

static struct vmk_core_bus_provider fake_provider = {
	.bus_name = FAKE_BUS,
	.driver_added = fake_driver_added,
	.driver_removing = fake_driver_removing,
};

/* A device of the fake bus, at the root: "kunit:<n>". */
static vmk_Device fake_device(struct kunit *test)
{
	struct vmk_core_device_props props = {
		.identifier = FAKE_ID,
		.registration_data.addr = 0xfa4e,
	};
	char address[16];
	vmk_Device dev = NULL;
	vmk_Name name;

	KUNIT_ASSERT_LT(test, fake_ndevs, (int)ARRAY_SIZE(fake_devs));
	snprintf(address, sizeof(address), "kunit:%d", fake_ndevs);
	props.bus_address = address;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &props.bus_type), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_device_add(&props, &dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(props.bus_type), VMK_OK);
	fake_devs[fake_ndevs++] = dev;
	return dev;
}

static void fake_remove_device(struct kunit *test, vmk_Device dev)
{
	int i;

	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(dev), VMK_OK);
	for (i = 0; i < fake_ndevs; i++)
		if (fake_devs[i] == dev)
			fake_devs[i] = NULL;
}

static enum vmk_core_dev_state state_of(vmk_Device dev)
{
	enum vmk_core_dev_state state = VMK_CORE_DEV_REMOVED;

	vmk_core_device_state(dev, &state, NULL);
	return state;
}

static bool forgotten(vmk_Device dev)
{
	bool f = false;

	vmk_core_device_state(dev, NULL, &f);
	return f;
}

/* ---- per-test baseline: nothing leaks ----------------------------------- */

struct baseline {
	struct vmk_core_devmgr_stats st;
	int resources;
};

static int devmgr_test_init(struct kunit *test)
{
	struct baseline *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	if (!b)
		return -ENOMEM;
	vmk_core_devmgr_stats(&b->st);
	b->resources = vmk_core_devmgr_module_resources(vmk_kunit_module_id);
	test->priv = b;
	log_reset();
	fake_ndevs = 0;
	memset(fake_devs, 0, sizeof(fake_devs));
	return 0;
}

static void devmgr_test_exit(struct kunit *test)
{
	struct baseline *b = test->priv;
	struct vmk_core_heap_stats hs = {};
	struct vmk_core_devmgr_stats st;

	vmk_core_devmgr_flush();
	vmk_core_devmgr_stats(&st);
	KUNIT_EXPECT_EQ(test, st.devices, b->st.devices);
	KUNIT_EXPECT_EQ(test, st.drivers, b->st.drivers);
	KUNIT_EXPECT_EQ(test,
			vmk_core_devmgr_module_resources(vmk_kunit_module_id),
			b->resources);
	KUNIT_EXPECT_EQ(test, vmk_core_heap_stats(devmgr_heap, &hs), 0);
	KUNIT_EXPECT_EQ(test, hs.bytes, 0);
}

static void drop_driver(struct kunit *test, struct fake_drv *fd)
{
	KUNIT_EXPECT_EQ(test, vmk_DriverUnregister(fd->handle), VMK_OK);
}

/* ---- the lifecycle table, as the reference describes it ---------------- */

struct row {
	enum vmk_core_dev_state from;
	enum vmk_core_dev_event event;
	bool forgotten;
	enum vmk_core_dev_state ok, fail;
	bool can_fail;			/* the callback returns a status */
};

#define U VMK_CORE_DEV_UNCLAIMED
#define Q VMK_CORE_DEV_QUIESCENT
#define S VMK_CORE_DEV_STARTED

static const struct row legal[] = {
	{ U, VMK_CORE_DEV_ATTACH,  false, Q, U, true },
	{ Q, VMK_CORE_DEV_START,   false, S, Q, true },
	{ S, VMK_CORE_DEV_SCAN,    false, S, S, true },
	{ S, VMK_CORE_DEV_QUIESCE, false, Q, S, true },
	{ S, VMK_CORE_DEV_QUIESCE, true,  Q, S, true },
	{ Q, VMK_CORE_DEV_DETACH,  false, U, Q, true },
	{ Q, VMK_CORE_DEV_DETACH,  true,  U, Q, true },
	{ U, VMK_CORE_DEV_FORGET,  false, U, U, false },
	{ Q, VMK_CORE_DEV_FORGET,  false, Q, Q, false },
	{ S, VMK_CORE_DEV_FORGET,  false, S, S, false },
	{ U, VMK_CORE_DEV_REMOVE,  false, VMK_CORE_DEV_REMOVED, U, false },
	{ U, VMK_CORE_DEV_REMOVE,  true,  VMK_CORE_DEV_REMOVED, U, false },
};

static const struct row *find_row(enum vmk_core_dev_state from,
				  enum vmk_core_dev_event event, bool forgot)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(legal); i++)
		if (legal[i].from == from && legal[i].event == event &&
		    legal[i].forgotten == forgot)
			return &legal[i];
	return NULL;
}

/* A fresh fake device brought to @state (and forgotten if asked). */
static vmk_Device device_in(struct kunit *test, struct fake_drv *fd,
			    enum vmk_core_dev_state state, bool forgot)
{
	vmk_Device dev = fake_device(test);

	if (state != U)
		KUNIT_ASSERT_EQ(test, vmk_core_device_event(dev,
				VMK_CORE_DEV_ATTACH, fd->handle), VMK_OK);
	if (state == S)
		KUNIT_ASSERT_EQ(test, vmk_core_device_event(dev,
				VMK_CORE_DEV_START, NULL), VMK_OK);
	if (forgot)
		KUNIT_ASSERT_EQ(test, vmk_core_device_event(dev,
				VMK_CORE_DEV_FORGET, NULL), VMK_OK);
	KUNIT_ASSERT_EQ(test, state_of(dev), state);
	KUNIT_ASSERT_EQ(test, forgotten(dev), forgot);
	return dev;
}

/* Back to unclaimed and out of the tree, whatever the state. */
static void device_drop(struct kunit *test, vmk_Device dev)
{
	if (state_of(dev) == VMK_CORE_DEV_REMOVED)
		return;
	if (state_of(dev) != U)
		KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	fake_remove_device(test, dev);
}

static void vmk_devmgr_table_legal(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-legal");
	unsigned int i, pass;

	for (i = 0; i < ARRAY_SIZE(legal); i++) {
		const struct row *r = &legal[i];

		for (pass = 0; pass < (r->can_fail ? 2 : 1); pass++) {
			VMK_ReturnStatus want = pass ? VMK_IO_ERROR : VMK_OK;
			vmk_Device dev = device_in(test, fd, r->from,
						   r->forgotten);
			int before = fd->calls[r->event];

			fd->fail[r->event] = want;
			KUNIT_EXPECT_EQ_MSG(test, vmk_core_device_event(dev,
					    r->event, fd->handle), want,
					    "row %u pass %u", i, pass);
			fd->fail[r->event] = VMK_OK;
			KUNIT_EXPECT_EQ_MSG(test, state_of(dev),
					    pass ? r->fail : r->ok,
					    "row %u pass %u", i, pass);
			/* Callbacks run only where there is a driver. */
			if (r->event != VMK_CORE_DEV_REMOVE &&
			    (r->from != U || r->event == VMK_CORE_DEV_ATTACH))
				KUNIT_EXPECT_EQ(test, fd->calls[r->event],
						before + 1);
			if (r->event == VMK_CORE_DEV_FORGET)
				KUNIT_EXPECT_TRUE(test, forgotten(dev));
			device_drop(test, dev);
		}
	}
	drop_driver(test, fd);
}

static void vmk_devmgr_table_illegal(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-illegal");
	static const enum vmk_core_dev_state states[] = { U, Q, S };
	struct vmk_core_devmgr_stats st0, st1;
	unsigned int s, e, f, refused = 0;

	for (s = 0; s < ARRAY_SIZE(states); s++) {
		for (f = 0; f < 2; f++) {
			vmk_Device dev = device_in(test, fd, states[s], f);

			for (e = 0; e < VMK_CORE_DEV_NR_EVENTS; e++) {
				int calls[VMK_CORE_DEV_NR_EVENTS];

				if (find_row(states[s], e, f))
					continue;
				memcpy(calls, fd->calls, sizeof(calls));
				vmk_core_devmgr_stats(&st0);
				KUNIT_EXPECT_EQ_MSG(test,
					vmk_core_device_event(dev, e,
							      fd->handle),
					VMK_NOT_SUPPORTED,
					"%s in %s%s",
					vmk_core_device_event_name(e),
					vmk_core_device_state_name(states[s]),
					f ? " (forgotten)" : "");
				vmk_core_devmgr_stats(&st1);
				KUNIT_EXPECT_EQ(test, st1.illegal,
						st0.illegal + 1);
				/* A refusal is traced too. */
				KUNIT_EXPECT_EQ(test, st1.transitions,
						st0.transitions + 1);
				KUNIT_EXPECT_EQ(test, state_of(dev), states[s]);
				KUNIT_EXPECT_EQ(test, forgotten(dev), (bool)f);
				/* No callback ran. */
				KUNIT_EXPECT_EQ(test, memcmp(calls, fd->calls,
							     sizeof(calls)), 0);
				refused++;
			}
			device_drop(test, dev);
		}
	}
	/* 3 states x 2 x 7 events, minus the 12 legal rows. */
	KUNIT_EXPECT_EQ(test, refused, 3 * 2 * VMK_CORE_DEV_NR_EVENTS - 12);
	drop_driver(test, fd);
}

/* Forget in every state: the driver hears once; bounded teardown works. */
static void vmk_devmgr_forget_every_state(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-forget");
	static const enum vmk_core_dev_state states[] = { U, Q, S };
	unsigned int s;

	for (s = 0; s < ARRAY_SIZE(states); s++) {
		vmk_Device dev = device_in(test, fd, states[s], false);
		int before = fd->calls[VMK_CORE_DEV_FORGET];

		KUNIT_EXPECT_EQ(test, vmk_core_device_forget(dev), VMK_OK);
		KUNIT_EXPECT_TRUE(test, forgotten(dev));
		KUNIT_EXPECT_EQ(test, state_of(dev), states[s]);
		KUNIT_EXPECT_EQ(test, fd->calls[VMK_CORE_DEV_FORGET],
				before + (states[s] == U ? 0 : 1));
		/* Once only; and no more attach, start or scan. */
		KUNIT_EXPECT_EQ(test, vmk_core_device_forget(dev),
				VMK_NOT_SUPPORTED);
		KUNIT_EXPECT_EQ(test, vmk_core_device_attach(dev, fd->handle),
				VMK_NOT_SUPPORTED);
		/* Quiesce and detach still run (the driver answers fast). */
		if (states[s] != U)
			KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev),
					VMK_OK);
		KUNIT_EXPECT_EQ(test, state_of(dev), U);
		fake_remove_device(test, dev);
	}
	drop_driver(test, fd);
}

/* attach = attach + start + scan; each callback failing on its own. */
static void vmk_devmgr_attach_failures(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-attachfail");
	vmk_Device dev = fake_device(test);
	vmk_AddrCookie data;

	/* attach fails: unclaimed, the driver's data dropped, no callback. */
	fd->fail[VMK_CORE_DEV_ATTACH] = VMK_NO_RESOURCES;
	KUNIT_EXPECT_EQ(test, vmk_core_device_attach(dev, fd->handle),
			VMK_NO_RESOURCES);
	KUNIT_EXPECT_EQ(test, state_of(dev), U);
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(dev));
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetAttachedDriverData(dev, &data),
			VMK_OK);
	KUNIT_EXPECT_NULL(test, data.ptr);
	EXPECT_LOG(test, "attach:kunit:0");
	fd->fail[VMK_CORE_DEV_ATTACH] = VMK_OK;

	/* start fails: back to quiescent, then detached: unclaimed. */
	log_reset();
	fd->fail[VMK_CORE_DEV_START] = VMK_FAILURE;
	KUNIT_EXPECT_EQ(test, vmk_core_device_attach(dev, fd->handle),
			VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, state_of(dev), U);
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(dev));
	EXPECT_LOG(test, "attach:kunit:0", "start:kunit:0", "detach:kunit:0");
	fd->fail[VMK_CORE_DEV_START] = VMK_OK;

	/* scan fails: the device works anyway. */
	log_reset();
	fd->fail[VMK_CORE_DEV_SCAN] = VMK_FAILURE;
	KUNIT_EXPECT_EQ(test, vmk_core_device_attach(dev, fd->handle), VMK_OK);
	KUNIT_EXPECT_EQ(test, state_of(dev), S);
	KUNIT_EXPECT_PTR_EQ(test, vmk_core_device_driver(dev), fd->handle);
	EXPECT_LOG(test, "attach:kunit:0", "start:kunit:0", "scan:kunit:0");
	fd->fail[VMK_CORE_DEV_SCAN] = VMK_OK;

	/* quiesce fails: detach refused with its status, still started. */
	log_reset();
	fd->fail[VMK_CORE_DEV_QUIESCE] = VMK_BUSY;
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, state_of(dev), S);
	fd->fail[VMK_CORE_DEV_QUIESCE] = VMK_OK;

	/* detach fails: quiescent, still claimed; a retry works. */
	fd->fail[VMK_CORE_DEV_DETACH] = VMK_FAILURE;
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, state_of(dev), Q);
	KUNIT_EXPECT_PTR_EQ(test, vmk_core_device_driver(dev), fd->handle);
	fd->fail[VMK_CORE_DEV_DETACH] = VMK_OK;
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, state_of(dev), U);
	EXPECT_LOG(test, "quiesce:kunit:0", "quiesce:kunit:0",
		   "detach:kunit:0", "detach:kunit:0");
	/* Detach of an unclaimed device is refused. */
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_NOT_SUPPORTED);

	fake_remove_device(test, dev);
	/* The handle is stale now: refused, never dereferenced. */
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(dev), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetRegistrationData(dev, &data),
			VMK_BAD_PARAM);
	drop_driver(test, fd);
}

/* Scans register logical children; bound identifiers get attached. */
static void vmk_devmgr_scan_children(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-parent");
	struct fake_drv *sub = fake_driver(test, "kunit-sub");
	struct fake_drv *lone;
	vmk_Device dev = fake_device(test);
	struct fake_dev *fdev;
	vmk_AddrCookie data;
	vmk_DeviceID *id;

	remove_owner = fd;
	KUNIT_ASSERT_EQ(test, vmk_core_driver_bind_identifier(sub->handle,
							      SUB_ID), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_driver_bind_identifier(fd->handle,
							      SUB_ID),
			VMK_EXISTS);
	fd->nchildren = 2;
	fd->child_ident[0] = SUB_ID;
	fd->child_ident[1] = LONE_ID;
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(dev, fd->handle), VMK_OK);
	fdev = fdev_of(dev);
	KUNIT_ASSERT_NOT_NULL(test, fdev);
	KUNIT_ASSERT_EQ(test, fdev->registered, 2);

	/* The bound child was attached, started and scanned; the other not. */
	KUNIT_EXPECT_PTR_EQ(test, vmk_core_device_driver(fdev->child[0]),
			    sub->handle);
	KUNIT_EXPECT_EQ(test, state_of(fdev->child[0]), S);
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(fdev->child[1]));
	KUNIT_EXPECT_EQ(test, state_of(fdev->child[1]), U);
	EXPECT_LOG(test, "attach:kunit:0", "start:kunit:0", "scan:kunit:0",
		   "attach:logical#kunit:0#0", "start:logical#kunit:0#0",
		   "scan:logical#kunit:0#0");

	/* The children's data and IDs. */
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetRegistrationData(fdev->child[1],
							    &data), VMK_OK);
	KUNIT_EXPECT_EQ(test, data.addr, 0x1001);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetRegisteringDriverData(fdev->child[1],
								 &data),
			VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, data.ptr, (void *)fdev);
	KUNIT_ASSERT_EQ(test, vmk_DeviceGetDeviceID(devmgr_heap, fdev->child[1],
						    &id), VMK_OK);
	KUNIT_EXPECT_STREQ(test, id->busAddress, "logical#kunit:0#1");
	KUNIT_EXPECT_EQ(test, id->busAddressLen, strlen(id->busAddress));
	KUNIT_EXPECT_STREQ(test, id->busIdentifier, LONE_ID);
	KUNIT_EXPECT_EQ(test, id->busIdentifierLen, strlen(LONE_ID));
	KUNIT_EXPECT_EQ(test, vmk_DevicePutDeviceID(devmgr_heap, id), VMK_OK);

	/* Children are resources of the registrar's module. */
	KUNIT_EXPECT_EQ(test,
		vmk_core_devmgr_module_resources(vmk_kunit_module_id),
		((struct baseline *)test->priv)->resources + 2 + 2);

	/* A later binding claims the waiting child. */
	lone = fake_driver(test, "kunit-lone");
	remove_owner = fd;
	log_reset();
	KUNIT_ASSERT_EQ(test, vmk_core_driver_bind_identifier(lone->handle,
							      LONE_ID), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, vmk_core_device_driver(fdev->child[1]),
			    lone->handle);
	KUNIT_EXPECT_EQ(test, state_of(fdev->child[1]), S);
	EXPECT_LOG(test, "attach:logical#kunit:0#1",
		   "start:logical#kunit:0#1", "scan:logical#kunit:0#1");

	/* The claiming driver goes; a new one binding the identifier gets it. */
	drop_driver(test, lone);
	KUNIT_EXPECT_EQ(test, state_of(fdev->child[1]), U);
	lone = fake_driver(test, "kunit-lone2");
	remove_owner = fd;
	KUNIT_ASSERT_EQ(test, vmk_core_driver_bind_identifier(lone->handle,
							      LONE_ID), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, vmk_core_device_driver(fdev->child[1]),
			    lone->handle);

	/* Taking the parent back: leaf first, children in order. */
	log_reset();
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	EXPECT_LOG(test, "quiesce:logical#kunit:0#0",
		   "detach:logical#kunit:0#0", "remove:logical#kunit:0#0",
		   "quiesce:logical#kunit:0#1", "detach:logical#kunit:0#1",
		   "remove:logical#kunit:0#1", "quiesce:kunit:0", "detach:kunit:0");
	KUNIT_EXPECT_EQ(test, fd->unregister_status, VMK_OK);
	fake_remove_device(test, dev);
	drop_driver(test, lone);
	drop_driver(test, sub);
	drop_driver(test, fd);
}

/* Three levels of children under the fake device, each on port 7. */
static int deep_left;

static void deep_scan(struct fake_drv *fd, vmk_Device dev)
{
	struct fake_dev *fdev = fdev_of(dev);

	if (fdev->registered || !deep_left)
		return;
	deep_left--;
	fdev->registered = 1;
	fd->scan_result = fake_register_child(fd, dev, 7, SUB_ID,
					      &fdev->child[0]);
}

static void vmk_devmgr_leaf_first(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-deep");
	vmk_Device dev = fake_device(test);

	/* The driver claims its own children: a chain of three. */
	fd->scan = deep_scan;
	deep_left = 3;
	KUNIT_ASSERT_EQ(test, vmk_core_driver_bind_identifier(fd->handle,
							      SUB_ID), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(dev, fd->handle), VMK_OK);
	KUNIT_EXPECT_EQ(test, fd->scan_result, VMK_OK);
	KUNIT_EXPECT_EQ(test, fd->calls[VMK_CORE_DEV_SCAN], 4);
	log_reset();
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	EXPECT_LOG(test, "quiesce:logical#logical#logical#kunit:0#7#7#7",
		   "detach:logical#logical#logical#kunit:0#7#7#7",
		   "remove:logical#logical#logical#kunit:0#7#7#7",
		   "quiesce:logical#logical#kunit:0#7#7",
		   "detach:logical#logical#kunit:0#7#7",
		   "remove:logical#logical#kunit:0#7#7", "quiesce:logical#kunit:0#7",
		   "detach:logical#kunit:0#7", "remove:logical#kunit:0#7",
		   "quiesce:kunit:0", "detach:kunit:0");
	fake_remove_device(test, dev);
	drop_driver(test, fd);
}

/* removeDevice failing, or not unregistering: the parent stays claimed. */
static void vmk_devmgr_remove_failures(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-removefail");
	vmk_Device dev = fake_device(test);
	struct fake_dev *fdev;

	fd->nchildren = 1;
	fd->child_ident[0] = LONE_ID;
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(dev, fd->handle), VMK_OK);
	fdev = fdev_of(dev);

	fd->remove_fail = VMK_FAILURE;
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, state_of(dev), S);
	KUNIT_EXPECT_EQ(test, state_of(fdev->child[0]), U);
	fd->remove_fail = VMK_OK;

	/* VMK_OK without vmk_DeviceUnregister is a failure too. */
	fd->remove_skips_unregister = true;
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, state_of(fdev->child[0]), U);
	fd->remove_skips_unregister = false;

	/* A reference held on the child: vmk_DeviceUnregister is busy. */
	KUNIT_ASSERT_EQ(test, vmk_core_device_ref(fdev->child[0]), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_event(fdev->child[0],
						    VMK_CORE_DEV_REMOVE, NULL),
			VMK_BUSY);
	KUNIT_EXPECT_EQ(test, fd->unregister_status, VMK_BUSY);
	KUNIT_EXPECT_EQ(test, fd->removes, 3);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRelease(fdev->child[0]), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRelease(fdev->child[0]), VMK_BAD_PARAM);

	/* Removal is tried again, and works now. */
	log_reset();
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	EXPECT_LOG(test, "remove:logical#kunit:0#0", "quiesce:kunit:0",
		   "detach:kunit:0");
	KUNIT_EXPECT_EQ(test, fd->removes, 4);
	KUNIT_EXPECT_EQ(test, fd->unregister_status, VMK_OK);
	fake_remove_device(test, dev);
	drop_driver(test, fd);
}

/* Registration and unregistration outside their callbacks; bad IDs. */
static struct kunit *scan_test;

static void checks_scan(struct fake_drv *fd, vmk_Device dev)
{
	struct kunit *test = scan_test;
	vmk_DeviceProps props = {
		.registeringDriver = fd->handle,
		.deviceOps = &fake_child_ops,
	};
	char *long_addr, *gen;
	vmk_DeviceID id = {};
	vmk_Device child = NULL, other = fake_devs[1];
	vmk_uint32 len;
	vmk_Name name;

	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &id.busType), VMK_OK);
	props.deviceID = &id;
	id.busIdentifier = LONE_ID;
	id.busIdentifierLen = strlen(LONE_ID);

	/* Incomplete IDs. */
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_BAD_PARAM);		/* no address */
	id.busAddress = "plain";
	id.busAddressLen = 3;			/* not the string's length */
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_BAD_PARAM);
	id.busAddressLen = 5;
	props.deviceOps = NULL;
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_BAD_PARAM);
	props.deviceOps = &fake_child_ops;
	props.deviceID = NULL;
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_BAD_PARAM);
	props.deviceID = &id;

	/* Too long: 512 address characters, 64 identifier characters. */
	long_addr = kunit_kzalloc(test, 600, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, long_addr);
	memset(long_addr, 'a', 512);
	id.busAddress = long_addr;
	id.busAddressLen = 512;
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_NAME_TOO_LONG);
	long_addr[511] = '\0';
	id.busAddressLen = 511;
	id.busIdentifier = long_addr + 511 - 64;
	id.busIdentifierLen = 64;
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_NAME_TOO_LONG);
	id.busIdentifier = LONE_ID;
	id.busIdentifierLen = strlen(LONE_ID);

	/* '#': only in an address generated for this parent. */
	id.busAddress = "made#up";
	id.busAddressLen = 7;
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_BAD_PARAM);
	KUNIT_ASSERT_EQ(test, vmk_LogicalCreateBusAddress(fd->handle, other, 0,
							  &gen, &len), VMK_OK);
	id.busAddress = gen;
	id.busAddressLen = len;
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_LogicalFreeBusAddress(fd->handle, gen),
			VMK_OK);

	/* Without a module heap. */
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	id.busAddress = "plain";
	id.busAddressLen = 5;
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_NO_MODULE_HEAP);
	KUNIT_EXPECT_EQ(test, vmk_LogicalCreateBusAddress(fd->handle, dev, 0,
							  &gen, &len),
			VMK_NO_MODULE_HEAP);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, devmgr_heap);

	/* A plain address is fine, once; the registering driver must match. */
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &other),
			VMK_EXISTS);
	props.registeringDriver = fake_of(fake_devs[1]) ?
		fake_of(fake_devs[1])->handle : NULL;
	id.busAddress = "plain2";
	id.busAddressLen = 6;
	KUNIT_EXPECT_NE(test, vmk_DeviceRegister(&props, dev, &other), VMK_OK);
	/* Not inside removeDevice: unregister refused. */
	KUNIT_EXPECT_EQ(test, vmk_DeviceUnregister(child), VMK_NOT_SUPPORTED);
	fdev_of(dev)->child[0] = child;
	fdev_of(dev)->registered = 1;
	vmk_BusTypeRelease(id.busType);
}

static void vmk_devmgr_register_checks(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-checks");
	vmk_Device dev = fake_device(test);
	vmk_DeviceProps props = {
		.registeringDriver = fd->handle,
		.deviceOps = &fake_child_ops,
	};
	vmk_Device child = NULL;

	fake_device(test);		/* fake_devs[1], another parent */
	scan_test = test;
	fd->scan = checks_scan;
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(dev, fd->handle), VMK_OK);
	KUNIT_EXPECT_EQ(test, fd->calls[VMK_CORE_DEV_SCAN], 1);
	/* Outside the scan. */
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, dev, &child),
			VMK_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(NULL, dev, &child),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRegister(&props, NULL, &child),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceUnregister(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceUnregister(dev), VMK_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	fake_remove_device(test, dev);
	fake_remove_device(test, fake_devs[1]);
	drop_driver(test, fd);
}

/* Rescans run asynchronously, for the attached driver only. */
static void vmk_devmgr_rescan(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-rescan");
	struct fake_drv *other = fake_driver(test, "kunit-other");
	vmk_Device dev = fake_device(test);
	struct fake_dev *fdev;

	remove_owner = fd;
	fd->nchildren = 1;
	fd->child_ident[0] = LONE_ID;
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(dev, fd->handle), VMK_OK);
	fdev = fdev_of(dev);
	KUNIT_EXPECT_EQ(test, fdev->registered, 1);

	KUNIT_EXPECT_EQ(test, vmk_DeviceRequestRescan(other->handle, dev),
			VMK_NO_PERMISSION);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRequestRescan(fd->handle, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRequestRescan(NULL, dev),
			VMK_BAD_PARAM);

	/* A hot-plugged child appears: the rescan registers it. */
	fd->nchildren = 2;
	fd->child_ident[1] = LONE_ID;
	KUNIT_EXPECT_EQ(test, vmk_DeviceRequestRescan(fd->handle, dev), VMK_OK);
	vmk_core_devmgr_flush();
	KUNIT_EXPECT_EQ(test, fd->calls[VMK_CORE_DEV_SCAN], 2);
	KUNIT_EXPECT_EQ(test, fdev->registered, 2);

	/* Not started any more: a requested scan does not run. */
	KUNIT_EXPECT_EQ(test, vmk_core_device_event(dev, VMK_CORE_DEV_QUIESCE,
						    NULL), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRequestRescan(fd->handle, dev), VMK_OK);
	vmk_core_devmgr_flush();
	KUNIT_EXPECT_EQ(test, fd->calls[VMK_CORE_DEV_SCAN], 2);

	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, fd->removes, 2);
	fake_remove_device(test, dev);
	drop_driver(test, other);
	drop_driver(test, fd);
}

/* Unregistering a driver that still drives devices takes them back. */
static void vmk_devmgr_unregister_live(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-unreg");
	struct fake_drv *sub = fake_driver(test, "kunit-unreg-sub");
	vmk_Device a, b;
	int removing;

	remove_owner = fd;
	a = fake_device(test);
	b = fake_device(test);
	KUNIT_ASSERT_EQ(test, vmk_core_driver_bind_identifier(sub->handle,
							      SUB_ID), VMK_OK);
	fd->nchildren = 1;
	fd->child_ident[0] = SUB_ID;
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(a, fd->handle), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(b, fd->handle), VMK_OK);
	/* Unregister refused while the driver and children are resources. */
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);

	/* b's take-back by the provider fails: the core forces it. */
	removing = provider_removing;
	log_reset();
	fake_devs[1] = NULL;		/* the provider "misses" b */
	fd->fail[VMK_CORE_DEV_QUIESCE] = VMK_FAILURE;
	KUNIT_EXPECT_EQ(test, vmk_DriverUnregister(fd->handle), VMK_OK);
	KUNIT_EXPECT_EQ(test, provider_removing, removing + 1);
	KUNIT_EXPECT_EQ(test, state_of(a), U);
	KUNIT_EXPECT_EQ(test, state_of(b), U);
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(a));
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(b));
	/* a: the provider's detach stopped at the failing quiesce. */
	EXPECT_LOG(test, "quiesce:logical#kunit:0#0",
		   "detach:logical#kunit:0#0", "remove:logical#kunit:0#0",
		   "quiesce:kunit:0", "quiesce:kunit:0", "detach:kunit:0",
		   "quiesce:logical#kunit:1#0", "detach:logical#kunit:1#0",
		   "remove:logical#kunit:1#0", "quiesce:kunit:1", "detach:kunit:1");
	/* The handle is stale: refused. */
	KUNIT_EXPECT_EQ(test, vmk_DriverUnregister(fd->handle), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_device_attach(a, fd->handle),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_NULL(test, vmk_core_driver_name(fd->handle));
	fake_remove_device(test, a);
	fake_remove_device(test, b);
	drop_driver(test, sub);
}

static void vmk_devmgr_bus_types(struct kunit *test)
{
	vmk_BusType pci, logical, again;
	vmk_Name name, out;

	vmk_NameInitialize(&name, "pci");
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &pci), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeGetName(pci, &out), VMK_OK);
	KUNIT_EXPECT_STREQ(test, out.string, "pci");
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &logical), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &again), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, logical, again);
	KUNIT_EXPECT_PTR_NE(test, logical, pci);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeGetName(logical, &out), VMK_OK);
	KUNIT_EXPECT_STREQ(test, out.string, "logical");
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(again), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(logical), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(pci), VMK_OK);

	/* Bad arguments. */
	vmk_NameInitialize(&name, "isa");
	KUNIT_EXPECT_EQ(test, vmk_BusTypeFind(&name, &again), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeFind(NULL, &again), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeFind(&name, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(VMK_BUSTYPE_NONE),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease((vmk_BusType)&name),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeGetName((vmk_BusType)&name, &out),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeGetName(pci, NULL), VMK_BAD_PARAM);
}

static void vmk_devmgr_driver_args(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-args");
	vmk_DriverProps props = {
		.moduleID = vmk_kunit_module_id,
		.ops = &fake_ops,
	};
	vmk_AddrCookie data;
	vmk_Driver drv;
	int added = provider_added;

	vmk_NameInitialize(&props.name, "kunit-args");
	KUNIT_EXPECT_EQ(test, vmk_DriverRegister(&props, &drv), VMK_EXISTS);
	vmk_NameInitialize(&props.name, "");
	KUNIT_EXPECT_EQ(test, vmk_DriverRegister(&props, &drv), VMK_BAD_PARAM);
	vmk_NameInitialize(&props.name, "kunit-args2");
	KUNIT_EXPECT_EQ(test, vmk_DriverRegister(NULL, &drv), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DriverRegister(&props, NULL), VMK_BAD_PARAM);
	props.ops = NULL;
	KUNIT_EXPECT_EQ(test, vmk_DriverRegister(&props, &drv), VMK_BAD_PARAM);
	props.ops = &fake_ops;
	props.moduleID = 12345;
	KUNIT_EXPECT_EQ(test, vmk_DriverRegister(&props, &drv), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, provider_added, added);

	KUNIT_EXPECT_EQ(test, vmk_DriverGetPrivateData(fd->handle, &data),
			VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, data.ptr, (void *)fd);
	KUNIT_EXPECT_EQ(test, vmk_DriverGetPrivateData(fd->handle, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DriverGetPrivateData(NULL, &data),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_STREQ(test, vmk_core_driver_name(fd->handle),
			   "kunit-args");
	KUNIT_EXPECT_EQ(test, vmk_core_driver_module(fd->handle),
			vmk_kunit_module_id);
	KUNIT_EXPECT_EQ(test, vmk_core_driver_bind_identifier(fd->handle, ""),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_driver_bind_identifier(NULL, SUB_ID),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DriverUnregister(NULL), VMK_BAD_PARAM);
	drop_driver(test, fd);
	KUNIT_EXPECT_EQ(test, vmk_DriverGetPrivateData(fd->handle, &data),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_driver_module(fd->handle),
			VMK_INVALID_MODULE_ID);
}

static void vmk_devmgr_device_args(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-devargs");
	struct vmk_core_device_props props = {
		.bus_address = "kunit:0",
		.identifier = FAKE_ID,
	};
	vmk_Device dev = fake_device(test), other;
	vmk_DeviceID *id = NULL;
	vmk_AddrCookie data;
	vmk_Name name;

	/* The provider's checks. */
	KUNIT_EXPECT_EQ(test, vmk_core_device_add(&props, &other),
			VMK_BAD_PARAM);	/* no bus type */
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &props.bus_type), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_add(&props, &other), VMK_EXISTS);
	props.bus_address = NULL;
	KUNIT_EXPECT_EQ(test, vmk_core_device_add(&props, &other),
			VMK_BAD_PARAM);
	props.bus_address = "kunit:x";
	props.parent = (vmk_Device)&props;
	KUNIT_EXPECT_EQ(test, vmk_core_device_add(&props, &other),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_device_add(NULL, &other),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(props.bus_type), VMK_OK);

	/* Data of a provider's device. */
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetRegistrationData(dev, &data),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, data.addr, 0xfa4e);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetRegisteringDriverData(dev, &data),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, data.addr, 0);
	KUNIT_EXPECT_EQ(test, vmk_DeviceSetAttachedDriverData(dev, (void *)5),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetAttachedDriverData(dev, &data),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, data.addr, 5);
	vmk_DeviceSetAttachedDriverData(dev, NULL);
	KUNIT_EXPECT_NULL(test, vmk_core_device_linux_dev(dev));

	/* NULLs and stale or foreign handles. */
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetRegistrationData(dev, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetRegisteringDriverData(NULL, &data),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetAttachedDriverData(dev, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceSetAttachedDriverData(
				(vmk_Device)fd, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetDeviceID(devmgr_heap, dev, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetDeviceID(VMK_INVALID_HEAP_ID, dev,
						    &id), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetDeviceID(devmgr_heap, NULL, &id),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DevicePutDeviceID(devmgr_heap, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRelease(dev), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRelease(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_device_ref(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_device_attach(dev, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_device_forget(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_device_event(dev, 99, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(NULL));
	KUNIT_EXPECT_EQ(test, vmk_core_device_state(NULL, NULL, NULL),
			-ENOENT);

	/* A referenced provider device cannot be removed. */
	KUNIT_EXPECT_EQ(test, vmk_core_device_ref(dev), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(dev), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_DeviceRelease(dev), VMK_OK);
	fake_remove_device(test, dev);
	KUNIT_EXPECT_EQ(test, vmk_DeviceGetAttachedDriverData(dev, &data),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_device_state(dev, NULL, NULL), -ENOENT);
	drop_driver(test, fd);
}

/* Logical addresses: a function of parent and port only. */
static void vmk_devmgr_logical_addresses(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-logical");
	vmk_Device a = fake_device(test), b = fake_device(test);
	char *x, *y, *z, *w;
	vmk_uint32 lx, ly, lz, lw;

	KUNIT_ASSERT_EQ(test, vmk_LogicalCreateBusAddress(fd->handle, a, 3,
							  &x, &lx), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_LogicalCreateBusAddress(fd->handle, a, 3,
							  &y, &ly), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_LogicalCreateBusAddress(fd->handle, a, 4,
							  &z, &lz), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_LogicalCreateBusAddress(fd->handle, b, 3,
							  &w, &lw), VMK_OK);
	KUNIT_EXPECT_STREQ(test, x, "logical#kunit:0#3");
	KUNIT_EXPECT_EQ(test, lx, strlen(x));
	KUNIT_EXPECT_STREQ(test, x, y);
	KUNIT_EXPECT_STRNEQ(test, x, z);
	KUNIT_EXPECT_STRNEQ(test, x, w);
	KUNIT_EXPECT_EQ(test, vmk_LogicalFreeBusAddress(fd->handle, x), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_LogicalFreeBusAddress(fd->handle, y), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_LogicalFreeBusAddress(fd->handle, z), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_LogicalFreeBusAddress(fd->handle, w), VMK_OK);

	KUNIT_EXPECT_EQ(test, vmk_LogicalCreateBusAddress(NULL, a, 0, &x, &lx),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_LogicalCreateBusAddress(fd->handle, NULL, 0,
							  &x, &lx),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_LogicalCreateBusAddress(fd->handle, a, 0,
							  NULL, &lx),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_LogicalFreeBusAddress(fd->handle, NULL),
			VMK_BAD_PARAM);
	fake_remove_device(test, a);
	fake_remove_device(test, b);
	drop_driver(test, fd);
}

/* Providers hear of drivers registered before and after them. */
static void vmk_devmgr_providers(struct kunit *test)
{
	struct vmk_core_bus_provider dup = { .bus_name = FAKE_BUS };
	struct fake_drv *fd;
	int added = provider_added;

	KUNIT_EXPECT_EQ(test, vmk_core_bus_provider_register(&dup), VMK_EXISTS);
	KUNIT_EXPECT_EQ(test, vmk_core_bus_provider_register(NULL),
			VMK_BAD_PARAM);
	fd = fake_driver(test, "kunit-prov");
	KUNIT_EXPECT_EQ(test, provider_added, added + 1);
	vmk_core_bus_provider_unregister(&fake_provider);
	KUNIT_ASSERT_EQ(test, vmk_core_bus_provider_register(&fake_provider),
			VMK_OK);
	/* Replayed: the provider heard of the live driver once more. */
	KUNIT_EXPECT_GE(test, provider_added, added + 2);
	drop_driver(test, fd);
}

/* Concurrency: attach/detach against rescans and forget, in bounds. */
struct hammer {
	vmk_Device dev;
	struct fake_drv *fd;
	int rounds;
	atomic_t done;
};

static int hammer_rescan(void *arg)
{
	struct hammer *h = arg;
	int i;

	for (i = 0; i < h->rounds * 4; i++) {
		vmk_DeviceRequestRescan(h->fd->handle, h->dev);
		cond_resched();
	}
	atomic_inc(&h->done);
	return 0;
}

static int hammer_cycle(void *arg)
{
	struct hammer *h = arg;
	int i;

	for (i = 0; i < h->rounds; i++) {
		vmk_core_device_attach(h->dev, h->fd->handle);
		vmk_core_device_detach(h->dev);
	}
	atomic_inc(&h->done);
	return 0;
}

static void vmk_devmgr_concurrent(struct kunit *test)
{
	struct fake_drv *fd = fake_driver(test, "kunit-hammer");
	struct hammer h = { .fd = fd, .rounds = 50 };
	struct task_struct *t1, *t2;
	unsigned long deadline;

	remove_owner = fd;
	fd->nchildren = 2;
	fd->child_ident[0] = LONE_ID;
	fd->child_ident[1] = LONE_ID;
	h.dev = fake_device(test);
	atomic_set(&h.done, 0);
	t1 = kthread_run(hammer_cycle, &h, "kunit-devmgr-cycle");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t1));
	t2 = kthread_run(hammer_rescan, &h, "kunit-devmgr-rescan");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t2));
	deadline = jiffies + 60 * HZ;
	while (atomic_read(&h.done) < 2 && time_before(jiffies, deadline))
		msleep(20);
	KUNIT_ASSERT_EQ(test, atomic_read(&h.done), 2);
	vmk_core_devmgr_flush();
	/* Every attach was undone, every child removed. */
	KUNIT_EXPECT_EQ(test, state_of(h.dev), U);
	KUNIT_EXPECT_EQ(test, fd->calls[VMK_CORE_DEV_ATTACH], h.rounds);
	KUNIT_EXPECT_EQ(test, fd->calls[VMK_CORE_DEV_DETACH], h.rounds);
	KUNIT_EXPECT_EQ(test, fd->removes, 2 * h.rounds);
	fake_remove_device(test, h.dev);
	drop_driver(test, fd);
}

/* Drivers and the devices they register count for their module. */
static void vmk_devmgr_module_resources(struct kunit *test)
{
	struct vmk_core_device_props props = {
		.bus_address = "kunit:owned",
		.identifier = FAKE_ID,
	};
	struct baseline *b = test->priv;
	vmk_Name name;
	struct fake_drv *fd = fake_driver(test, "kunit-res");
	vmk_Device dev = fake_device(test);

	remove_owner = fd;
	fd->nchildren = 1;
	fd->child_ident[0] = LONE_ID;
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(dev, fd->handle), VMK_OK);
	/* The driver and the child it registered; the provider's not. */
	KUNIT_EXPECT_EQ(test,
			vmk_core_devmgr_module_resources(vmk_kunit_module_id),
			b->resources + 2);
	KUNIT_EXPECT_EQ(test, vmk_ModuleUnregister(vmk_kunit_module_id),
			VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO);
	drop_driver(test, fd);
	KUNIT_EXPECT_EQ(test,
			vmk_core_devmgr_module_resources(vmk_kunit_module_id),
			b->resources);
	KUNIT_EXPECT_EQ(test, state_of(dev), U);
	fake_remove_device(test, dev);

	/* A provider's device may belong to the provider's module. */
	props.module = vmk_kunit_module_id;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &props.bus_type), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_device_add(&props, &dev), VMK_OK);
	KUNIT_EXPECT_EQ(test,
			vmk_core_devmgr_module_resources(vmk_kunit_module_id),
			b->resources + 1);
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(dev), VMK_OK);
	KUNIT_EXPECT_EQ(test,
			vmk_core_devmgr_module_resources(vmk_kunit_module_id),
			b->resources);
	props.module = 12345;
	KUNIT_EXPECT_EQ(test, vmk_core_device_add(&props, &dev),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_BusTypeRelease(props.bus_type), VMK_OK);
}

static int devmgr_suite_init(struct kunit_suite *suite)
{
	int ret = vmk_kunit_suite_register(suite);

	if (ret)
		return ret;
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_devmgr",
				  HEAP_MAX, &devmgr_heap) != VMK_OK)
		goto fail;
	vmk_ModuleSetHeapID(vmk_kunit_module_id, devmgr_heap);
	if (vmk_core_bus_provider_register(&fake_provider) != VMK_OK)
		goto fail_heap;
	return 0;

fail_heap:
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(devmgr_heap);
fail:
	vmk_kunit_suite_unregister(suite);
	return -EINVAL;
}

static void devmgr_suite_exit(struct kunit_suite *suite)
{
	vmk_core_bus_provider_unregister(&fake_provider);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(devmgr_heap);
	vmk_kunit_suite_unregister(suite);
}

static struct kunit_case vmk_devmgr_cases[] = {
	KUNIT_CASE(vmk_devmgr_table_legal),
	KUNIT_CASE(vmk_devmgr_table_illegal),
	KUNIT_CASE(vmk_devmgr_forget_every_state),
	KUNIT_CASE(vmk_devmgr_attach_failures),
	KUNIT_CASE(vmk_devmgr_scan_children),
	KUNIT_CASE(vmk_devmgr_leaf_first),
	KUNIT_CASE(vmk_devmgr_remove_failures),
	KUNIT_CASE(vmk_devmgr_register_checks),
	KUNIT_CASE(vmk_devmgr_rescan),
	KUNIT_CASE(vmk_devmgr_unregister_live),
	KUNIT_CASE(vmk_devmgr_bus_types),
	KUNIT_CASE(vmk_devmgr_driver_args),
	KUNIT_CASE(vmk_devmgr_device_args),
	KUNIT_CASE(vmk_devmgr_logical_addresses),
	KUNIT_CASE(vmk_devmgr_providers),
	KUNIT_CASE(vmk_devmgr_concurrent),
	KUNIT_CASE(vmk_devmgr_module_resources),
	{}
};

static struct kunit_suite vmk_devmgr_suite = {
	.name = "vmkapi_devmgr",
	.suite_init = devmgr_suite_init,
	.suite_exit = devmgr_suite_exit,
	.init = devmgr_test_init,
	.exit = devmgr_test_exit,
	.test_cases = vmk_devmgr_cases,
};
kunit_test_suite(vmk_devmgr_suite);

MODULE_DESCRIPTION("KUnit tests for the VMK API device manager");
MODULE_LICENSE("GPL");
