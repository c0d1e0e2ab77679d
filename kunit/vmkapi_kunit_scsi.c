// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the SCSI adapter layer (vmkapi_scsi.ko).
 *
 * Each test gets a platform device (DMA-capable, 64-bit mask) added to
 * the device manager, a DMA engine on it and a fake adapter: a disk of
 * FAKE_BLOCKS blocks on LUN 0 (other LUNs do not exist) that records
 * every command and discover action it sees and completes commands with
 * vmk_ScsiSchedCommandCompletion, or holds them until task management
 * aborts them.  The tests register it as a driver that calls
 * vmk_ScsiRegisterAdapter itself (the HBAPort path is the integration
 * test's, with nramdisk), scan it, and check what Linux's scan and sd
 * sent through the layer, the error handler's abort, and that
 * everything is back at the end (adapters, commands, heap).
 */
#include <kunit/test.h>
#include <linux/blk-mq.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define FAKE_BLOCKS	2048
#define FAKE_SEEN	64

struct fake {
	struct kunit *test;
	vmk_ScsiAdapter *a;
	vmk_uint32 qdepth;
	spinlock_t lock;
	/* What the adapter saw. */
	u8 ops[FAKE_SEEN];
	unsigned int nops;
	unsigned int creates, configures, destroys;
	unsigned int reads;
	u64 read_lba;
	u32 read_lbc;
	bool sg_ok;
	unsigned int tm[VMK_SCSI_TASKMGMT_LAST];
	/* Hold TEST UNIT READY until task management takes it. */
	bool hold_tur;
	vmk_ScsiCommand *held;
	atomic_t inflight;
	/* Completion queue of the last WRITE BUFFER (the per-CPU probe). */
	vmk_uint32 probe_queue;
	/* Commands whose driver frame was aligned and writable, or not. */
	unsigned int frames_ok, frames_bad;
};

struct scsi_fixture {
	vmk_HeapID heap;
	vmk_BusType bus;
	struct platform_device *pdev;
	vmk_Device dev;
	vmk_DMAEngine engine;
	unsigned int adapters0;
	struct fake fake;
};

static struct scsi_fixture *fix(struct kunit *test)
{
	return test->priv;
}

static void fake_reply(vmk_ScsiCommand *cmd, const void *buf, u32 len)
{
	u32 n = min_t(u64, len, vmk_SgGetDataLen(cmd->sgArray));

	if (n)
		vmk_SgCopyTo(cmd->sgArray, (void *)buf, n);
	cmd->bytesXferred = n;
}

static void fake_illegal(vmk_ScsiCommand *cmd)
{
	vmk_ScsiSenseData sense;

	vmk_ScsiIllegalRequest(&sense, VMK_SCSI_ASC_INVALID_COMMAND_OPERATION,
			       0);
	vmk_ScsiCmdSetSenseData(&sense, cmd, sizeof(sense));
	cmd->status.device = VMK_SCSI_DEVICE_CHECK_CONDITION;
}

/* Both views describe the same bytes, mapped one to one (no IOMMU). */
static bool fake_sg_ok(vmk_ScsiCommand *cmd)
{
	u32 i;

	if (!cmd->sgArray || !cmd->sgIOArray ||
	    cmd->sgArray->numElems != cmd->sgIOArray->numElems)
		return false;
	for (i = 0; i < cmd->sgArray->numElems; i++)
		if (cmd->sgArray->elem[i].length !=
		    cmd->sgIOArray->elem[i].length)
			return false;
	return vmk_SgGetDataLen(cmd->sgArray) >= cmd->requiredDataLen;
}

static void fake_execute(struct fake *f, vmk_ScsiCommand *cmd)
{
	u8 buf[36] = { 0 };

	switch (cmd->cdb[0]) {
	case VMK_SCSI_CMD_INQUIRY:
		if (cmd->cdb[1] & 1) {
			fake_illegal(cmd);
			break;
		}
		buf[2] = 5;
		buf[3] = 2;
		buf[4] = 31;
		memcpy(&buf[8], "VMKAPI  kunit-scsi      0001", 28);
		fake_reply(cmd, buf, 36);
		break;
	case VMK_SCSI_CMD_READ_CAPACITY:
		buf[2] = (FAKE_BLOCKS - 1) >> 8;
		buf[3] = (FAKE_BLOCKS - 1) & 0xff;
		buf[6] = 512 >> 8;
		fake_reply(cmd, buf, 8);
		break;
	case VMK_SCSI_CMD_TEST_UNIT_READY:
		break;
	case 0x3b:	/* WRITE BUFFER, no data: the completion-queue probe */
		f->probe_queue = vmk_ScsiCommandGetCompletionQueue(f->a, cmd);
		break;
	case VMK_SCSI_CMD_READ10:
	case VMK_SCSI_CMD_READ16:
		/* Zeroes: an empty disk with no partition table. */
		f->reads++;
		f->read_lba = cmd->lba;
		f->read_lbc = cmd->lbc;
		f->sg_ok = fake_sg_ok(cmd) && cmd->isReadCdb &&
			   cmd->dataDirection == VMK_SCSI_COMMAND_DIRECTION_READ &&
			   cmd->requiredDataLen == cmd->lbc * 512;
		cmd->bytesXferred = cmd->lbc * 512;
		break;
	default:
		fake_illegal(cmd);
		break;
	}
}

/*
 * Fill the whole driver frame (KASAN reports a write past it) and count
 * whether it was there and aligned.
 */
static void fake_use_frame(struct fake *f, vmk_ScsiCommand *cmd)
{
	u8 *frame = vmk_ScsiCmdGetDriverFrame(cmd);
	bool ok = frame && IS_ALIGNED((uintptr_t)frame, SMP_CACHE_BYTES);

	if (ok)
		memset(frame, 0x5a, vmk_ScsiCmdGetDriverFrameSize());
	spin_lock(&f->lock);
	if (ok)
		f->frames_ok++;
	else
		f->frames_bad++;
	spin_unlock(&f->lock);
}

static VMK_ReturnStatus fake_command(void *clientData, vmk_ScsiCommand *cmd,
				     void *deviceData)
{
	struct fake *f = clientData;
	bool hold;

	if (deviceData != f)
		return VMK_FAILURE;
	atomic_inc(&f->inflight);
	fake_use_frame(f, cmd);
	spin_lock(&f->lock);
	if (f->nops < FAKE_SEEN)
		f->ops[f->nops++] = cmd->cdb[0];
	hold = f->hold_tur && cmd->cdb[0] == VMK_SCSI_CMD_TEST_UNIT_READY &&
	       !f->held;
	if (hold)
		f->held = cmd;
	else
		fake_execute(f, cmd);
	spin_unlock(&f->lock);
	if (!hold) {
		atomic_dec(&f->inflight);
		vmk_ScsiSchedCommandCompletion(cmd);
	}
	return VMK_OK;
}

static VMK_ReturnStatus fake_task_mgmt(void *clientData, vmk_ScsiTaskMgmt *tm,
				       void *deviceData)
{
	struct fake *f = clientData;
	vmk_ScsiCommand *done = NULL;

	spin_lock(&f->lock);
	f->tm[tm->type]++;
	if (f->held && vmk_ScsiQueryTaskMgmt(tm, f->held) ==
	    VMK_SCSI_TASKMGMT_ACTION_ABORT) {
		done = f->held;
		f->held = NULL;
		done->status = tm->status;
	}
	spin_unlock(&f->lock);
	if (done) {
		atomic_dec(&f->inflight);
		vmk_ScsiSchedCommandCompletion(done);
	}
	return VMK_OK;
}

static VMK_ReturnStatus fake_discover(void *clientData, vmk_ScanAction action,
				      int channel, int targetId, int lunId,
				      void **deviceData)
{
	struct fake *f = clientData;

	switch (action) {
	case VMK_SCSI_SCAN_CREATE_PATH:
		if (channel || targetId || lunId)
			return VMK_NO_CONNECT;
		f->creates++;
		*deviceData = f;
		return VMK_OK;
	case VMK_SCSI_SCAN_CONFIGURE_PATH:
		f->configures++;
		return *deviceData == f ? VMK_OK : VMK_NOT_FOUND;
	case VMK_SCSI_SCAN_DESTROY_PATH:
		f->destroys++;
		*deviceData = NULL;
		return VMK_OK;
	}
	return VMK_FAILURE;
}

static int fake_query_depth(void *clientData, void *deviceData)
{
	return deviceData == clientData ? 4 : 0;
}

/* A complete fake adapter, not yet registered. */
static vmk_ScsiAdapter *fake_adapter(struct kunit *test)
{
	struct scsi_fixture *x = fix(test);
	struct fake *f = &x->fake;
	vmk_ScsiAdapter *a = vmk_ScsiAllocateAdapter();

	KUNIT_ASSERT_NOT_NULL(test, a);
	f->a = a;
	f->qdepth = 8;
	vmk_NameInitialize(&a->driverName, "kunit-scsi");
	a->device = x->dev;
	a->hostMaxSectors = 64;
	a->qDepthPtr = &f->qdepth;
	a->command = fake_command;
	a->taskMgmt = fake_task_mgmt;
	a->discover = fake_discover;
	a->queryDeviceQueueDepth = fake_query_depth;
	a->moduleID = vmk_kunit_module_id;
	a->clientData = f;
	a->channels = 1;
	a->maxTargets = 1;
	a->maxLUNs = 2;
	a->targetId = -1;
	a->flags = VMK_SCSI_ADAPTER_FLAG_REGISTER_WITHOUT_SCAN;
	a->engine = x->engine;
	return a;
}

static int scsi_test_init(struct kunit *test)
{
	struct scsi_fixture *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct platform_device_info info = {
		.name = "vmkapi-kunit-scsi",
		.id = PLATFORM_DEVID_AUTO,
		.dma_mask = DMA_BIT_MASK(64),
	};
	vmk_DMAConstraints con = {
		.addressMask = VMK_ADDRESS_MASK_64BIT,
		.sgMaxEntries = 32,
	};
	vmk_DMAEngineProps eprops = {
		.constraints = &con,
	};
	struct vmk_core_device_props dprops = {
		.identifier = "com.vmware.kunit.scsi",
	};
	vmk_Name name;

	if (!x)
		return -ENOMEM;
	test->priv = x;
	x->fake.test = test;
	spin_lock_init(&x->fake.lock);
	atomic_set(&x->fake.inflight, 0);
	x->adapters0 = vmk_core_scsi_adapter_count();
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_scsi", 1 << 16,
				  &x->heap) != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	if (vmk_BusTypeFind(&name, &x->bus) != VMK_OK)
		return -ENODEV;
	x->pdev = platform_device_register_full(&info);
	if (IS_ERR(x->pdev))
		return PTR_ERR(x->pdev);
	dprops.bus_type = x->bus;
	dprops.bus_address = dev_name(&x->pdev->dev);
	dprops.linux_dev = &x->pdev->dev;
	if (vmk_core_device_add(&dprops, &x->dev) != VMK_OK)
		return -ENODEV;
	vmk_NameInitialize(&eprops.name, "kunit_scsi");
	eprops.module = vmk_kunit_module_id;
	eprops.device = x->dev;
	if (vmk_DMAEngineCreate(&eprops, &x->engine) != VMK_OK)
		return -ENODEV;
	return 0;
}

static void scsi_test_exit(struct kunit *test)
{
	struct scsi_fixture *x = test->priv;

	KUNIT_EXPECT_EQ(test, atomic_read(&x->fake.inflight), 0);
	KUNIT_EXPECT_EQ(test, vmk_core_scsi_adapter_count(), x->adapters0);
	if (x->engine)
		KUNIT_EXPECT_EQ(test, vmk_DMAEngineDestroy(x->engine), VMK_OK);
	if (x->dev)
		KUNIT_EXPECT_EQ(test, vmk_core_device_remove(x->dev), VMK_OK);
	if (x->pdev && !IS_ERR(x->pdev))
		platform_device_unregister(x->pdev);
	if (x->bus)
		vmk_BusTypeRelease(x->bus);
	if (x->heap)
		vmk_kunit_heap_drop(test, x->heap);
}

/* Allocation numbers and names adapters; freeing gives them back. */
static void scsi_alloc_free(struct kunit *test)
{
	struct scsi_fixture *x = fix(test);
	vmk_ScsiAdapter *a = vmk_ScsiAllocateAdapter();
	vmk_ScsiAdapter *b = vmk_ScsiAllocateAdapter();
	char want[VMK_MISC_NAME_MAX];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_NE(test, a->hostNum, b->hostNum);
	snprintf(want, sizeof(want), "vmhba%u", a->hostNum);
	KUNIT_EXPECT_STREQ(test, vmk_ScsiGetAdapterName(a), want);
	KUNIT_EXPECT_EQ(test, a->targetId, -1);
	KUNIT_EXPECT_EQ(test, vmk_core_scsi_adapter_count(), x->adapters0 + 2);
	vmk_ScsiFreeAdapter(a);
	vmk_ScsiFreeAdapter(b);
	KUNIT_EXPECT_EQ(test, vmk_core_scsi_adapter_count(), x->adapters0);
	/* Pointers that are no adapter: refused, nothing happens. */
	vmk_ScsiFreeAdapter(NULL);
	vmk_ScsiFreeAdapter((vmk_ScsiAdapter *)&want);
	KUNIT_EXPECT_EQ(test, vmk_core_scsi_adapter_count(), x->adapters0);
}

/* Each required field missing: VMK_BAD_PARAM, the adapter stays usable. */
static void scsi_register_bad(struct kunit *test)
{
	vmk_ScsiAdapter *a = fake_adapter(test);
	struct fake *f = &fix(test)->fake;
	vmk_ScsiAdapter saved = *a;
	vmk_uint32 zero = 0;
	int dummy;

#define EXPECT_BAD(field, value)					\
	do {								\
		*a = saved;						\
		a->field = value;					\
		KUNIT_EXPECT_EQ(test, vmk_ScsiRegisterAdapter(a),	\
				VMK_BAD_PARAM);				\
	} while (0)
	EXPECT_BAD(maxLUNs, 0);
	EXPECT_BAD(maxTargets, 0);
	EXPECT_BAD(channels, -1);
	EXPECT_BAD(engine, NULL);
	EXPECT_BAD(engine, (vmk_DMAEngine)&dummy);
	EXPECT_BAD(device, NULL);
	EXPECT_BAD(command, NULL);
	EXPECT_BAD(taskMgmt, NULL);
	EXPECT_BAD(discover, NULL);
	EXPECT_BAD(queryDeviceQueueDepth, NULL);
	EXPECT_BAD(qDepthPtr, NULL);
	EXPECT_BAD(qDepthPtr, &zero);
	EXPECT_BAD(maxCmdLen, 17);
	EXPECT_BAD(moduleID, VMK_INVALID_MODULE_ID);
#undef EXPECT_BAD
	*a = saved;
	KUNIT_EXPECT_EQ(test, vmk_ScsiRegisterAdapter(NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test,
			vmk_ScsiRegisterAdapter((vmk_ScsiAdapter *)&saved),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiUnregisterAdapter(a), VMK_FAILURE);
	KUNIT_EXPECT_EQ(test, f->creates, 0);
	vmk_ScsiFreeAdapter(a);
}

/* Register, refuse what a registered adapter refuses, unregister, free. */
static void scsi_register_unregister(struct kunit *test)
{
	struct scsi_fixture *x = fix(test);
	vmk_ScsiAdapter *a = fake_adapter(test);

	KUNIT_ASSERT_EQ(test, vmk_ScsiRegisterAdapter(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ScsiRegisterAdapter(a), VMK_EXISTS);
	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterSetCapabilities(a,
				VMK_SCSI_ADAPTER_CAP_DRIVER_COMPL_WORLDS),
			VMK_BAD_PARAM);
	/* Registered: not freed. */
	vmk_ScsiFreeAdapter(a);
	KUNIT_EXPECT_EQ(test, vmk_core_scsi_adapter_count(), x->adapters0 + 1);
	/* Registered without scan: no path yet. */
	KUNIT_EXPECT_EQ(test, x->fake.creates, 0);
	KUNIT_EXPECT_EQ(test, vmk_ScsiUnregisterAdapter(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ScsiUnregisterAdapter(a), VMK_FAILURE);
	/* Allocated again: it may be registered a second time. */
	KUNIT_EXPECT_EQ(test, vmk_ScsiRegisterAdapter(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ScsiUnregisterAdapter(a), VMK_OK);
	vmk_ScsiFreeAdapter(a);
}

/* LUN 0 of the Linux host that is @a (referenced, with its host). */
static struct scsi_device *fake_sdev(vmk_ScsiAdapter *a,
				     struct Scsi_Host **out)
{
	struct scsi_device *sdev = NULL;
	struct Scsi_Host *shost;
	unsigned int n;

	for (n = 0; n < 256 && !sdev; n++) {
		shost = scsi_host_lookup(n);
		if (!shost)
			continue;
		if (!strcmp(shost->hostt->name, "vmkapi-scsi") &&
		    shost->unique_id == a->hostNum)
			sdev = scsi_device_lookup(shost, 0, 0, 0);
		if (sdev)
			*out = shost;
		else
			scsi_host_put(shost);
	}
	return sdev;
}

/* A scan: discover for LUN 0 only; INQUIRY, READ CAPACITY, READ from sd. */
static void scsi_scan_commands(struct kunit *test)
{
	struct scsi_fixture *x = fix(test);
	struct fake *f = &x->fake;
	vmk_ScsiAdapter *a = fake_adapter(test);
	struct scsi_device *sdev;
	struct Scsi_Host *shost;
	vmk_Name none;
	bool inquiry = false, capacity = false;
	VMK_ReturnStatus status;
	unsigned int i, n;

	KUNIT_ASSERT_EQ(test, vmk_ScsiRegisterAdapter(a), VMK_OK);
	vmk_NameInitialize(&none, "vmhba-none");
	KUNIT_EXPECT_EQ(test, vmk_ScsiScanPaths(&none, VMK_SCSI_PATH_ANY_CHANNEL,
						VMK_SCSI_PATH_ANY_TARGET,
						VMK_SCSI_PATH_ANY_LUN),
			VMK_INVALID_NAME);
	KUNIT_EXPECT_EQ(test, vmk_ScsiScanPaths(NULL, 0, 0, 0), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiScanAndClaimPaths(&a->name,
				VMK_SCSI_PATH_ANY_CHANNEL,
				VMK_SCSI_PATH_ANY_TARGET, VMK_SCSI_PATH_ANY_LUN),
			VMK_OK);
	/* sd probes asynchronously and reads the partition table. */
	wait_for_device_probe();
	KUNIT_EXPECT_EQ(test, f->creates, 1);
	KUNIT_EXPECT_GE(test, f->configures, 1);
	for (i = 0; i < f->nops; i++) {
		inquiry |= f->ops[i] == VMK_SCSI_CMD_INQUIRY;
		capacity |= f->ops[i] == VMK_SCSI_CMD_READ_CAPACITY;
	}
	KUNIT_EXPECT_TRUE(test, inquiry);
	KUNIT_EXPECT_TRUE(test, capacity);
	KUNIT_EXPECT_GE(test, f->reads, 1);
	KUNIT_EXPECT_TRUE(test, f->sg_ok);
	/* Every command came with its driver frame. */
	KUNIT_EXPECT_GE(test, f->frames_ok, f->nops);
	KUNIT_EXPECT_EQ(test, f->frames_bad, 0);
	KUNIT_EXPECT_GE(test, vmk_ScsiCmdGetDriverFrameSize(), 64);
	KUNIT_EXPECT_NULL(test, vmk_ScsiCmdGetDriverFrame(NULL));
	KUNIT_EXPECT_LT(test, f->read_lba, (u64)FAKE_BLOCKS);
	KUNIT_EXPECT_GE(test, f->read_lbc, 1);
	/* A path that does not exist cannot be deleted; one that does is live. */
	KUNIT_EXPECT_EQ(test, vmk_ScsiScanDeleteAdapterPath(&a->name, 0, 0, 1),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_ScsiScanDeleteAdapterPath(&a->name, 0, 0,
				VMK_SCSI_PATH_ANY_LUN), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiModifyQueueDepth(a, 0, 0, 0, 2), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ScsiModifyQueueDepth(a, 0, 0, 1, 2),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_ScsiModifyQueueDepth(a, 0, 0, 0, 0),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiNotifyPathStateChange(a, 0, 0, 0), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ScsiNotifyPathStateChangeAsync(a, 0, 0, -1),
			VMK_OK);

	/* Permanent loss takes the path offline; a probe brings it back. */
	sdev = fake_sdev(a, &shost);
	KUNIT_ASSERT_NOT_NULL(test, sdev);
	/*
	 * The asynchronous notification above may still hold the adapter:
	 * the path calls answer VMK_BUSY then rather than wait, so retry
	 * (bounded) until it has run.
	 */
	for (n = 0; n < 500; n++) {
		status = vmk_ScsiSetPathLostByDevice(&a->name, 0, 0, 0);
		if (status != VMK_BUSY)
			break;
		msleep(20);
	}
	KUNIT_EXPECT_EQ(test, status, VMK_OK);
	KUNIT_EXPECT_EQ(test, sdev->sdev_state, SDEV_OFFLINE);
	KUNIT_EXPECT_EQ(test, vmk_ScsiNotifyPathStateChange(a, 0, 0, 0), VMK_OK);
	KUNIT_EXPECT_EQ(test, sdev->sdev_state, SDEV_RUNNING);
	scsi_device_put(sdev);
	scsi_host_put(shost);
	KUNIT_EXPECT_EQ(test, vmk_ScsiSetPathLostByDevice(&a->name, 0, 0, 1),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_ScsiSetPathLostByDevice(&none, 0, 0, 0),
			VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_ScsiSetPathLostByDevice(NULL, 0, 0, 0),
			VMK_BAD_PARAM);

	/* Removing the path destroys it; a scan creates it again. */
	KUNIT_EXPECT_TRUE(test, vmk_ScsiRemovePath(a, 0, 0, 0));
	KUNIT_EXPECT_EQ(test, f->destroys, 1);
	KUNIT_EXPECT_FALSE(test, vmk_ScsiRemovePath(a, 0, 0, 0));
	KUNIT_EXPECT_EQ(test, vmk_ScsiScanPaths(&a->name, 0, 0, 0), VMK_OK);
	wait_for_device_probe();
	KUNIT_EXPECT_EQ(test, f->creates, 2);
	KUNIT_EXPECT_EQ(test, vmk_ScsiUnregisterAdapter(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, f->destroys, f->creates);
	KUNIT_EXPECT_EQ(test, vmk_ScsiNotifyPathStateChangeAsync(a, 0, 0, -1),
			VMK_BAD_PARAM);
	vmk_ScsiFreeAdapter(a);
}

/*
 * A command the adapter never completes: the block layer's timeout sends
 * the error handler, whose abort reaches the driver as task management
 * matching that command; the driver completes it and the request ends.
 */
static void scsi_abort_timeout(struct kunit *test)
{
	struct scsi_fixture *x = fix(test);
	struct fake *f = &x->fake;
	vmk_ScsiAdapter *a = fake_adapter(test);
	struct scsi_device *sdev = NULL;
	struct Scsi_Host *shost = NULL;
	struct scsi_cmnd *scmd;
	struct request *rq;
	blk_status_t st;

	KUNIT_ASSERT_EQ(test, vmk_ScsiRegisterAdapter(a), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_ScsiScanPaths(&a->name, 0, 0, 0), VMK_OK);
	wait_for_device_probe();
	sdev = fake_sdev(a, &shost);
	KUNIT_ASSERT_NOT_NULL(test, sdev);

	spin_lock(&f->lock);
	f->hold_tur = true;
	spin_unlock(&f->lock);
	rq = scsi_alloc_request(sdev->request_queue, REQ_OP_DRV_IN, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(rq));
	scmd = blk_mq_rq_to_pdu(rq);
	scmd->cmnd[0] = VMK_SCSI_CMD_TEST_UNIT_READY;
	scmd->cmd_len = 6;
	scmd->allowed = 0;
	rq->timeout = msecs_to_jiffies(500);
	st = blk_execute_rq(rq, false);
	KUNIT_EXPECT_NE(test, st, BLK_STS_OK);
	blk_mq_free_request(rq);

	KUNIT_EXPECT_EQ(test, f->tm[VMK_SCSI_TASKMGMT_ABORT], 1);
	KUNIT_EXPECT_NULL(test, f->held);
	scsi_device_put(sdev);
	scsi_host_put(shost);
	KUNIT_EXPECT_EQ(test, vmk_ScsiUnregisterAdapter(a), VMK_OK);
	vmk_ScsiFreeAdapter(a);
}

static void scsi_capabilities(struct kunit *test)
{
	vmk_ScsiAdapter *a = fake_adapter(test);
	vmk_ScsiAdapterCapabilitiesMask mask = ~0U;
	vmk_Bool has = VMK_FALSE;

	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterGetCapabilities(a, &mask), VMK_OK);
	KUNIT_EXPECT_EQ(test, mask, 0);
	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterSetCapabilities(a,
				VMK_SCSI_ADAPTER_CAP_DRIVER_COMPL_WORLDS),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterHasCapabilities(a,
				VMK_SCSI_ADAPTER_CAP_DRIVER_COMPL_WORLDS, &has),
			VMK_OK);
	KUNIT_EXPECT_TRUE(test, has);
	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterHasCapabilities(a,
				VMK_SCSI_ADAPTER_CAP_ALL_VALID, &has), VMK_OK);
	KUNIT_EXPECT_FALSE(test, has);
	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterSetCapabilities(a,
				VMK_SCSI_ADAPTER_CAP_DATA_INTEGRITY),
			VMK_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterSetCapabilities(a,
				(vmk_ScsiAdapterCapabilities)0x100),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterGetCapabilities(a, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiAdapterGetCapabilities(NULL, &mask),
			VMK_BAD_PARAM);
	vmk_ScsiFreeAdapter(a);
}

/* The Linux host whose unique ID is @a's host number (referenced). */
static struct Scsi_Host *fake_shost(vmk_ScsiAdapter *a)
{
	struct Scsi_Host *shost;
	unsigned int n;

	for (n = 0; n < 256; n++) {
		shost = scsi_host_lookup(n);
		if (!shost)
			continue;
		if (!strcmp(shost->hostt->name, "vmkapi-scsi") &&
		    shost->unique_id == a->hostNum)
			return shost;
		scsi_host_put(shost);
	}
	return NULL;
}

struct probe_arg {
	struct scsi_device *sdev;
	int result;
};

/* On one CPU: a command allocated there is issued on that CPU's hctx. */
static long probe_on_cpu(void *data)
{
	struct probe_arg *p = data;
	u8 cdb[10] = { 0x3b };

	p->result = scsi_execute_req(p->sdev, cdb, DMA_NONE, NULL, 0, NULL,
				     10 * HZ, 1, NULL);
	return 0;
}

/*
 * Completion queues: the host gets one hardware context per queue
 * started (before registration, or raised after), unregistering goes
 * back to one, and each command names the context it was issued on,
 * which is blk-mq's map of the issuing CPU.
 */
static void scsi_completion_queues(struct kunit *test)
{
	struct scsi_fixture *x = fix(test);
	struct fake *f = &x->fake;
	vmk_ScsiAdapter *a = fake_adapter(test);
	vmk_uint32 max = vmk_ScsiGetMaxNumCompletionQueues();
	struct probe_arg p = { 0 };
	struct Scsi_Host *shost;
	unsigned int cpu, want;

	KUNIT_EXPECT_EQ(test, max, (vmk_uint32)num_online_cpus());
	KUNIT_EXPECT_EQ(test, vmk_ScsiStartCompletionQueues(NULL, 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiStartCompletionQueues(a, 0),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiStartCompletionQueues(a, max + 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiCommandGetCompletionQueue(NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, vmk_ScsiCommandGetCompletionQueue(a, NULL), 0);

	/* Started before registration: the host is made with that many. */
	KUNIT_EXPECT_EQ(test, vmk_ScsiStartCompletionQueues(a, max), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_ScsiRegisterAdapter(a), VMK_OK);
	shost = fake_shost(a);
	KUNIT_ASSERT_NOT_NULL(test, shost);
	KUNIT_EXPECT_EQ(test, shost->nr_hw_queues, max);
	KUNIT_EXPECT_EQ(test, shost->tag_set.nr_hw_queues, max);
	/* Never lowered. */
	KUNIT_EXPECT_EQ(test, vmk_ScsiStartCompletionQueues(a, 1), VMK_OK);
	KUNIT_EXPECT_EQ(test, shost->tag_set.nr_hw_queues, max);
	scsi_host_put(shost);
	KUNIT_EXPECT_EQ(test, vmk_ScsiUnregisterAdapter(a), VMK_OK);

	/* They end with the registration; a registered host can grow. */
	KUNIT_ASSERT_EQ(test, vmk_ScsiRegisterAdapter(a), VMK_OK);
	shost = fake_shost(a);
	KUNIT_ASSERT_NOT_NULL(test, shost);
	KUNIT_EXPECT_EQ(test, shost->tag_set.nr_hw_queues, 1);
	KUNIT_EXPECT_EQ(test, vmk_ScsiStartCompletionQueues(a, max), VMK_OK);
	KUNIT_EXPECT_EQ(test, shost->tag_set.nr_hw_queues, max);
	KUNIT_EXPECT_EQ(test, shost->nr_hw_queues, max);
	scsi_host_put(shost);

	/* Each CPU's command names the hctx blk-mq maps that CPU to. */
	KUNIT_ASSERT_EQ(test, vmk_ScsiScanPaths(&a->name, 0, 0, 0), VMK_OK);
	wait_for_device_probe();
	p.sdev = fake_sdev(a, &shost);
	KUNIT_ASSERT_NOT_NULL(test, p.sdev);
	for_each_online_cpu(cpu) {
		f->probe_queue = ~0U;
		KUNIT_EXPECT_EQ(test, work_on_cpu(cpu, probe_on_cpu, &p), 0);
		KUNIT_EXPECT_EQ(test, p.result, 0);
		want = shost->tag_set.map[HCTX_TYPE_DEFAULT].mq_map[cpu];
		KUNIT_EXPECT_LT(test, f->probe_queue, max);
		KUNIT_EXPECT_EQ_MSG(test, f->probe_queue, want, "CPU %u", cpu);
	}
	scsi_device_put(p.sdev);
	scsi_host_put(shost);
	KUNIT_EXPECT_EQ(test, vmk_ScsiUnregisterAdapter(a), VMK_OK);
	vmk_ScsiFreeAdapter(a);
}

static void scsi_sense(struct kunit *test)
{
	vmk_ScsiCommand *cmd = kunit_kzalloc(test, sizeof(*cmd), GFP_KERNEL);
	vmk_ScsiSenseData in, out;
	vmk_uint8 key, asc, ascq;

	KUNIT_ASSERT_NOT_NULL(test, cmd);
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetSupportedCmdSenseDataSize(),
			(vmk_ByteCount)VMK_SCSI_MAX_SENSE_DATA_LEN);
	vmk_ScsiIllegalRequest(&in, VMK_SCSI_ASC_INVALID_FIELD_IN_CDB, 1);
	KUNIT_EXPECT_TRUE(test, vmk_ScsiExtractSenseData(&in, &key, &asc,
							 &ascq));
	KUNIT_EXPECT_EQ(test, key, VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST);
	KUNIT_EXPECT_EQ(test, asc, VMK_SCSI_ASC_INVALID_FIELD_IN_CDB);
	KUNIT_EXPECT_EQ(test, ascq, 1);
	KUNIT_EXPECT_EQ(test, vmk_ScsiCmdSetSenseData(&in, cmd, sizeof(in)),
			VMK_OK);
	memset(&out, 0xff, sizeof(out));
	KUNIT_EXPECT_EQ(test, vmk_ScsiCmdGetSenseData(cmd, &out, sizeof(out)),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, memcmp(&in, &out, sizeof(in)), 0);
	/* A short copy zeroes the rest. */
	KUNIT_EXPECT_EQ(test, vmk_ScsiCmdSetSenseData(&in, cmd, 3), VMK_OK);
	KUNIT_EXPECT_EQ(test, cmd->senseData.asc, 0);
	KUNIT_EXPECT_EQ(test, vmk_ScsiCmdClearSenseData(cmd), VMK_OK);
	KUNIT_EXPECT_FALSE(test, vmk_ScsiExtractSenseData(&cmd->senseData, &key,
							  &asc, &ascq));
	KUNIT_EXPECT_EQ(test, vmk_ScsiCmdSetSenseData(NULL, cmd, 8),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiCmdGetSenseData(NULL, &out, 8),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiCmdClearSenseData(NULL), VMK_BAD_PARAM);

	/* Status helpers: a recovered error is successful, not good. */
	cmd->status.device = VMK_SCSI_DEVICE_CHECK_CONDITION;
	vmk_ScsiIllegalRequest(&in, 0, 0);
	in.key = VMK_SCSI_SENSE_KEY_RECOVERED_ERROR;
	vmk_ScsiCmdSetSenseData(&in, cmd, sizeof(in));
	KUNIT_EXPECT_FALSE(test, vmk_ScsiCmdStatusIsGood(cmd->status));
	KUNIT_EXPECT_TRUE(test, vmk_ScsiCmdStatusIsCheck(cmd->status));
	KUNIT_EXPECT_TRUE(test, vmk_ScsiCmdIsRecoveredError(cmd));
	KUNIT_EXPECT_TRUE(test, vmk_ScsiCmdIsSuccessful(cmd));
	cmd->status.host = VMK_SCSI_HOST_TIMEOUT;
	KUNIT_EXPECT_FALSE(test, vmk_ScsiCmdIsSuccessful(cmd));
}

static void scsi_lba_lbc(struct kunit *test)
{
	u8 r6[6] = { VMK_SCSI_CMD_READ6, 0x01, 0x02, 0x03, 0, 0 };
	u8 w10[10] = { VMK_SCSI_CMD_WRITE10, 0, 0x12, 0x34, 0x56, 0x78, 0,
		       0x01, 0x00, 0 };
	u8 r12[12] = { VMK_SCSI_CMD_READ12, 0, 0, 0, 0, 9, 0, 1, 0, 0, 0, 0 };
	u8 r16[16] = { VMK_SCSI_CMD_READ16, 0, 0x01, 0, 0, 0, 0, 0, 0, 0x05,
		       0, 0, 0x10, 0, 0, 0 };
	u8 tur[6] = { VMK_SCSI_CMD_TEST_UNIT_READY };
	vmk_uint64 lba;
	vmk_uint32 lbc;

	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(r6, 6, VMK_SCSI_CLASS_DISK,
						&lba, &lbc), VMK_OK);
	KUNIT_EXPECT_EQ(test, lba, 0x010203ULL);
	KUNIT_EXPECT_EQ(test, lbc, 256U);	/* 0 means 256 */
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(w10, 10, VMK_SCSI_CLASS_DISK,
						&lba, &lbc), VMK_OK);
	KUNIT_EXPECT_EQ(test, lba, 0x12345678ULL);
	KUNIT_EXPECT_EQ(test, lbc, 256U);
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(r12, 12, VMK_SCSI_CLASS_CDROM,
						&lba, &lbc), VMK_OK);
	KUNIT_EXPECT_EQ(test, lba, 9ULL);
	KUNIT_EXPECT_EQ(test, lbc, 0x10000U);
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(r16, 16, VMK_SCSI_CLASS_DISK,
						&lba, &lbc), VMK_OK);
	KUNIT_EXPECT_EQ(test, lba, 0x0100000000000005ULL);
	KUNIT_EXPECT_EQ(test, lbc, 0x1000U);
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(tur, 6, VMK_SCSI_CLASS_DISK,
						&lba, &lbc), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(r16, 10, VMK_SCSI_CLASS_DISK,
						&lba, &lbc), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(r6, 6, VMK_SCSI_CLASS_CDROM,
						&lba, &lbc), VMK_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(r6, 6, VMK_SCSI_CLASS_PRINTER,
						&lba, &lbc), VMK_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, vmk_ScsiGetLbaLbc(NULL, 6, VMK_SCSI_CLASS_DISK,
						&lba, &lbc), VMK_BAD_PARAM);
	KUNIT_EXPECT_TRUE(test, vmk_ScsiIsReadCdb(VMK_SCSI_CMD_READ16));
	KUNIT_EXPECT_FALSE(test, vmk_ScsiIsReadCdb(VMK_SCSI_CMD_WRITE16));
	KUNIT_EXPECT_TRUE(test, vmk_ScsiIsWriteCdb(VMK_SCSI_CMD_WRITE6));
}

static void scsi_task_mgmt_query(struct kunit *test)
{
	vmk_ScsiCommand *c1 = kunit_kzalloc(test, sizeof(*c1), GFP_KERNEL);
	vmk_ScsiCommand *c2 = kunit_kzalloc(test, sizeof(*c2), GFP_KERNEL);
	vmk_ScsiCommandId any = { .initiator = VMK_SCSI_TASKMGMT_ANY_INITIATOR };
	vmk_ScsiTaskMgmt tm, bogus;
	int i1, i2;

	KUNIT_ASSERT_NOT_NULL(test, c1);
	KUNIT_ASSERT_NOT_NULL(test, c2);
	c1->cmdId.initiator = &i1;
	c1->cmdId.serialNumber = 7;
	c1->worldId = 100;
	c2->cmdId.initiator = &i2;
	c2->cmdId.serialNumber = 8;
	c2->worldId = 200;

	vmk_ScsiInitTaskMgmt(&tm, VMK_SCSI_TASKMGMT_ABORT, c1->cmdId,
			     c1->worldId);
	KUNIT_EXPECT_EQ(test, tm.type, VMK_SCSI_TASKMGMT_ABORT);
	KUNIT_EXPECT_EQ(test, tm.status.host, VMK_SCSI_HOST_ABORT);
	KUNIT_EXPECT_EQ(test, vmk_ScsiQueryTaskMgmt(&tm, c1),
			VMK_SCSI_TASKMGMT_ACTION_ABORT);
	KUNIT_EXPECT_EQ(test, vmk_ScsiQueryTaskMgmt(&tm, c2),
			VMK_SCSI_TASKMGMT_ACTION_IGNORE);

	vmk_ScsiInitTaskMgmt(&tm, VMK_SCSI_TASKMGMT_VIRT_RESET, any, 200);
	KUNIT_EXPECT_EQ(test, vmk_ScsiQueryTaskMgmt(&tm, c1),
			VMK_SCSI_TASKMGMT_ACTION_IGNORE);
	KUNIT_EXPECT_EQ(test, vmk_ScsiQueryTaskMgmt(&tm, c2),
			VMK_SCSI_TASKMGMT_ACTION_ABORT);

	vmk_ScsiInitTaskMgmt(&tm, VMK_SCSI_TASKMGMT_LUN_RESET, any, 1);
	KUNIT_EXPECT_EQ(test, tm.status.host, VMK_SCSI_HOST_RESET);
	KUNIT_EXPECT_EQ(test, vmk_ScsiQueryTaskMgmt(&tm, c1),
			VMK_SCSI_TASKMGMT_ACTION_ABORT);
	KUNIT_EXPECT_EQ(test, vmk_ScsiQueryTaskMgmt(&tm, c2),
			VMK_SCSI_TASKMGMT_ACTION_ABORT);

	/* Not built by vmk_ScsiInitTaskMgmt: ignored (and logged). */
	memset(&bogus, 0, sizeof(bogus));
	bogus.type = VMK_SCSI_TASKMGMT_BUS_RESET;
	KUNIT_EXPECT_EQ(test, vmk_ScsiQueryTaskMgmt(&bogus, c1),
			VMK_SCSI_TASKMGMT_ACTION_IGNORE);
	KUNIT_EXPECT_EQ(test, vmk_ScsiQueryTaskMgmt(NULL, c1),
			VMK_SCSI_TASKMGMT_ACTION_IGNORE);
	KUNIT_EXPECT_STREQ(test,
			   vmk_ScsiGetTaskMgmtTypeName(VMK_SCSI_TASKMGMT_LUN_RESET),
			   "lun reset");
	KUNIT_EXPECT_STREQ(test, vmk_ScsiGetTaskMgmtTypeName(VMK_SCSI_TASKMGMT_LAST),
			   "unknown");
	/* A NULL command is refused without touching anything. */
	vmk_ScsiSchedCommandCompletion(NULL);
}

static struct kunit_case vmk_scsi_cases[] = {
	KUNIT_CASE(scsi_alloc_free),
	KUNIT_CASE(scsi_register_bad),
	KUNIT_CASE(scsi_register_unregister),
	KUNIT_CASE(scsi_capabilities),
	KUNIT_CASE(scsi_completion_queues),
	KUNIT_CASE(scsi_sense),
	KUNIT_CASE(scsi_lba_lbc),
	KUNIT_CASE(scsi_task_mgmt_query),
	KUNIT_CASE(scsi_scan_commands),
	KUNIT_CASE(scsi_abort_timeout),
	{}
};

static struct kunit_suite vmk_scsi_suite = {
	.name = "vmkapi_scsi",
	.init = scsi_test_init,
	.exit = scsi_test_exit,
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.test_cases = vmk_scsi_cases,
};
kunit_test_suite(vmk_scsi_suite);

MODULE_LICENSE("GPL");
