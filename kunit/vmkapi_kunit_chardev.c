// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: character devices.  Each test builds a parent device on the
 * device manager, attached to a test driver whose scan registers one
 * "com.vmware.graphics" child; the char-dev layer claims it and the node
 * appears under /dev.  The tests open it from the kernel (filp_open) and
 * call the file operations as the VFS would; the test driver's callbacks
 * count what they see.  Detaching the parent withdraws the node, also
 * with a file still open.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define HEAP_MAX	(64 * 1024)

/* ioctl commands the test driver knows. */
#define CMD_ECHO	1	/* *result = 0, remembers userData and size */
#define CMD_ERRNO_POS	2	/* *result = EINVAL */
#define CMD_ERRNO_NEG	3	/* *result = -EPERM */
#define CMD_FAIL	4	/* returns VMK_NOT_SUPPORTED */
#define CMD_SLOW	5	/* sleeps a millisecond, then as ECHO */

struct cd_fixture {
	vmk_HeapID heap;
	vmk_Driver driver;
	vmk_Device parent;
	vmk_Device child;
	vmk_CharDevRegData reg;
	/* What the driver was told. */
	vmk_CharDevHandle handle;
	atomic_t associates;
	atomic_t disassociates;
	atomic_t opens;
	atomic_t closes;
	atomic_t calls_in;
	atomic_t calls_out;
	/* closes seen when disassociate ran */
	int closes_at_disassociate;
	vmk_AddrCookie last_instance;
	vmk_uintptr_t last_user_data;
	vmk_IoctlCallerSize last_caller;
	/* Behaviour switches. */
	VMK_ReturnStatus associate_status;
	VMK_ReturnStatus open_status;
	VMK_ReturnStatus rw_status;
	vmk_ByteCountSigned rw_done;
	bool rw_copy;
	unsigned int poll_mask;
	vmk_PollToken token;
};

/* The fixture of the running test; callbacks find it through their data. */
static struct cd_fixture *fx_of(vmk_AddrCookie data)
{
	return data.ptr;
}

static VMK_ReturnStatus t_associate(vmk_AddrCookie priv,
				    vmk_CharDevHandle handle)
{
	struct cd_fixture *f = fx_of(priv);

	f->handle = handle;
	atomic_inc(&f->associates);
	return f->associate_status;
}

static VMK_ReturnStatus t_disassociate(vmk_AddrCookie priv)
{
	struct cd_fixture *f = fx_of(priv);

	f->closes_at_disassociate = atomic_read(&f->closes);
	atomic_inc(&f->disassociates);
	return VMK_OK;
}

static VMK_ReturnStatus t_open(vmk_CharDevFdAttr *attr)
{
	struct cd_fixture *f = fx_of(attr->clientDeviceData);
	vmk_Name alias;

	/* Allowed in open (and a lock-order check under lockdep). */
	if (vmk_CharDeviceGetAlias(f->handle, &alias) != VMK_OK)
		return VMK_FAILURE;
	if (f->open_status != VMK_OK)
		return f->open_status;
	/* Per-file data: the counter's value at open, as a number. */
	attr->clientInstanceData.addr = atomic_inc_return(&f->opens);
	return VMK_OK;
}

static VMK_ReturnStatus t_close(vmk_CharDevFdAttr *attr)
{
	struct cd_fixture *f = fx_of(attr->clientDeviceData);

	f->last_instance = attr->clientInstanceData;
	atomic_inc(&f->closes);
	return VMK_OK;
}

static VMK_ReturnStatus t_ioctl(vmk_CharDevFdAttr *attr, unsigned int cmd,
				vmk_uintptr_t userData,
				vmk_IoctlCallerSize callerSize,
				vmk_int32 *result)
{
	struct cd_fixture *f = fx_of(attr->clientDeviceData);
	VMK_ReturnStatus status = VMK_OK;

	atomic_inc(&f->calls_in);
	switch (cmd) {
	case CMD_SLOW:
		usleep_range(500, 1000);
		fallthrough;
	case CMD_ECHO:
		f->last_user_data = userData;
		f->last_caller = callerSize;
		f->last_instance = attr->clientInstanceData;
		*result = 0;
		break;
	case CMD_ERRNO_POS:
		*result = EINVAL;
		break;
	case CMD_ERRNO_NEG:
		*result = -EPERM;
		break;
	default:
		status = VMK_NOT_SUPPORTED;
		break;
	}
	atomic_inc(&f->calls_out);
	return status;
}

static VMK_ReturnStatus t_rw(vmk_CharDevFdAttr *attr, char *buffer,
			     vmk_ByteCount nbytes, vmk_loff_t *ppos,
			     vmk_ByteCountSigned *done)
{
	struct cd_fixture *f = fx_of(attr->clientDeviceData);
	char byte = 'x';

	if (f->rw_copy) {
		/* A kernel thread has no user memory: this must fail. */
		*done = 0;
		return vmk_CopyToUser((vmk_VA)buffer, (vmk_VA)&byte, 1);
	}
	*done = f->rw_done;
	*ppos += f->rw_done;
	return f->rw_status;
}

static VMK_ReturnStatus t_poll(vmk_CharDevFdAttr *attr, vmk_PollContext ctx,
			       unsigned int *pollMask)
{
	struct cd_fixture *f = fx_of(attr->clientDeviceData);

	vmk_CharDevSetPollContext(ctx, f->token);
	*pollMask = f->poll_mask;
	return VMK_OK;
}

static const vmk_CharDevOps t_fops = {
	.open = t_open,
	.close = t_close,
	.ioctl = t_ioctl,
	.poll = t_poll,
	.read = t_rw,
	.write = t_rw,
};

static const vmk_CharDevRegOps t_regops = {
	.associate = t_associate,
	.disassociate = t_disassociate,
	.fileOps = &t_fops,
};

/* --- the parent: a test driver whose scan registers the child ---------- */

static VMK_ReturnStatus t_remove(vmk_Device child)
{
	return vmk_DeviceUnregister(child);
}

static vmk_DeviceOps t_child_ops = {
	.removeDevice = t_remove,
};

static VMK_ReturnStatus p_attach(vmk_Device device)
{
	return VMK_OK;
}

static VMK_ReturnStatus p_scan(vmk_Device device)
{
	vmk_AddrCookie data;
	struct cd_fixture *f;
	vmk_DeviceProps props = {};
	vmk_DeviceID id = {};
	vmk_BusType logical;
	vmk_Name name;
	VMK_ReturnStatus status;

	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		return status;
	f = data.ptr;
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	status = vmk_BusTypeFind(&name, &logical);
	if (status != VMK_OK)
		return status;
	id.busType = logical;
	status = vmk_LogicalCreateBusAddress(f->driver, device, 0,
					     &id.busAddress,
					     &id.busAddressLen);
	if (status != VMK_OK)
		goto out;
	id.busIdentifier = VMK_CHARDEV_IDENTIFIER_GRAPHICS;
	id.busIdentifierLen = strlen(id.busIdentifier);
	props.registeringDriver = f->driver;
	props.deviceID = &id;
	props.deviceOps = &t_child_ops;
	props.registeringDriverData.ptr = f;
	props.registrationData.ptr = &f->reg;
	status = vmk_DeviceRegister(&props, device, &f->child);
	vmk_LogicalFreeBusAddress(f->driver, id.busAddress);
out:
	vmk_BusTypeRelease(logical);
	return status;
}

static VMK_ReturnStatus p_ok(vmk_Device device)
{
	return VMK_OK;
}

static void p_forget(vmk_Device device)
{
}

static vmk_DriverOps p_ops = {
	.attachDevice = p_attach,
	.scanDevice = p_scan,
	.detachDevice = p_ok,
	.quiesceDevice = p_ok,
	.startDevice = p_ok,
	.forgetDevice = p_forget,
};

static int cd_test_init(struct kunit *test)
{
	struct cd_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	vmk_DriverProps props = {
		.moduleID = vmk_kunit_module_id,
		.ops = &p_ops,
	};

	if (!f)
		return -ENOMEM;
	f->associate_status = VMK_OK;
	f->open_status = VMK_OK;
	f->rw_status = VMK_OK;
	f->token = f;
	f->reg.moduleID = vmk_kunit_module_id;
	f->reg.deviceOps = &t_regops;
	f->reg.devicePrivate.ptr = f;
	/* vmk_DeviceRegister borrows the registrar's module heap. */
	if (vmk_kunit_heap_create(vmk_kunit_module_id, "kunit_chardev",
				  HEAP_MAX, &f->heap) != VMK_OK)
		return -ENOMEM;
	vmk_ModuleSetHeapID(vmk_kunit_module_id, f->heap);
	vmk_NameInitialize(&props.name, "kunit_chardev_parent");
	if (vmk_DriverRegister(&props, &f->driver) != VMK_OK) {
		vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
		vmk_HeapDestroy(f->heap);
		return -EINVAL;
	}
	test->priv = f;
	return 0;
}

static void cd_test_exit(struct kunit *test)
{
	struct cd_fixture *f = test->priv;

	vmk_DriverUnregister(f->driver);
	vmk_ModuleSetHeapID(vmk_kunit_module_id, VMK_INVALID_HEAP_ID);
	vmk_HeapDestroy(f->heap);
}

/* Add the parent and attach it: attach, start, scan, and the child. */
static void cd_up(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	vmk_BusType logical;
	vmk_Name name;
	struct vmk_core_device_props props = {
		.bus_address = "kunit-chardev",
		.identifier = "kunit",
		.registration_data = { .ptr = f },
	};

	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	KUNIT_ASSERT_EQ(test, vmk_BusTypeFind(&name, &logical), VMK_OK);
	props.bus_type = logical;
	KUNIT_ASSERT_EQ(test, vmk_core_device_add(&props, &f->parent), VMK_OK);
	vmk_BusTypeRelease(logical);
	KUNIT_ASSERT_EQ(test, vmk_core_device_attach(f->parent, f->driver),
			VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, f->child);
}

/* Detach the parent (leaf first: the char device goes) and remove it. */
static void cd_down(struct kunit *test)
{
	struct cd_fixture *f = test->priv;

	KUNIT_EXPECT_EQ(test, vmk_core_device_detach(f->parent), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_core_device_remove(f->parent), VMK_OK);
}

static struct file *cd_open(struct kunit *test, int flags)
{
	struct cd_fixture *f = test->priv;
	char path[64];
	vmk_Name alias;

	KUNIT_ASSERT_EQ(test, vmk_CharDeviceGetAlias(f->handle, &alias),
			VMK_OK);
	snprintf(path, sizeof(path), "/dev/%s", alias.string);
	return filp_open(path, flags, 0);
}

/*
 * Close and wait for the release.  A kernel thread's last fput is
 * otherwise deferred to a work item that may still be running when a
 * flush returns; the synchronous put runs the release here.
 */
static void cd_close(struct file *file)
{
	__fput_sync(file);
}

/* The node appears with the module's name, associated once; it goes. */
static void cd_associate_alias(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	char expect[VMK_MISC_NAME_MAX], path[64];
	struct file *file;
	vmk_Name alias;

	cd_up(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->associates), 1);
	KUNIT_ASSERT_NOT_NULL(test, f->handle);
	KUNIT_ASSERT_EQ(test, vmk_CharDeviceGetAlias(f->handle, &alias),
			VMK_OK);
	snprintf(expect, sizeof(expect), "%s0", THIS_MODULE->name);
	KUNIT_EXPECT_STREQ(test, alias.string, expect);
	snprintf(path, sizeof(path), "/dev/%s", alias.string);
	file = filp_open(path, O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	cd_close(file);
	KUNIT_EXPECT_EQ(test, vmk_CharDeviceGetAlias(f->handle, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_CharDeviceGetAlias((vmk_CharDevHandle)f,
						     &alias), VMK_BAD_PARAM);
	KUNIT_EXPECT_NOT_NULL(test, vmk_core_device_driver(f->child));

	cd_down(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->disassociates), 1);
	file = filp_open(path, O_RDONLY, 0);
	KUNIT_EXPECT_TRUE(test, IS_ERR(file));
	/* The handle died with the device. */
	KUNIT_EXPECT_EQ(test, vmk_CharDeviceGetAlias(f->handle, &alias),
			VMK_BAD_PARAM);
}

/* open pins the module and gets per-file data back at close. */
static void cd_open_close(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	int refs = module_refcount(THIS_MODULE);
	struct file *file;

	cd_up(test);
	file = cd_open(test, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	KUNIT_EXPECT_EQ(test, atomic_read(&f->opens), 1);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs + 1);
	cd_close(file);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->closes), 1);
	KUNIT_EXPECT_EQ(test, f->last_instance.addr, 1UL);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	cd_down(test);
}

/* A failed open is the process's errno, and nothing more is called. */
static void cd_open_fails(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	int refs = module_refcount(THIS_MODULE);
	struct file *file;

	cd_up(test);
	f->open_status = VMK_NO_PERMISSION;
	file = cd_open(test, O_RDWR);
	KUNIT_ASSERT_TRUE(test, IS_ERR(file));
	KUNIT_EXPECT_EQ(test, PTR_ERR(file),
			-(long)vmk_StatusToErrno(VMK_NO_PERMISSION));
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	cd_down(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->closes), 0);
}

/* ioctl: *result becomes the return value, in either sign. */
static void cd_ioctl(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	struct file *file;
	long (*ioctl)(struct file *file, unsigned int cmd, unsigned long arg);

	cd_up(test);
	file = cd_open(test, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	ioctl = file->f_op->unlocked_ioctl;
	KUNIT_ASSERT_NOT_NULL(test, ioctl);
	KUNIT_EXPECT_EQ(test, ioctl(file, CMD_ECHO, 0x1234), 0L);
	KUNIT_EXPECT_EQ(test, f->last_user_data, (vmk_uintptr_t)0x1234);
	KUNIT_EXPECT_EQ(test, f->last_caller, VMK_IOCTL_CALLER_64);
	KUNIT_EXPECT_EQ(test, f->last_instance.addr, 1UL);
	KUNIT_EXPECT_EQ(test, ioctl(file, CMD_ERRNO_POS, 0), (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, ioctl(file, CMD_ERRNO_NEG, 0), (long)-EPERM);
	KUNIT_EXPECT_EQ(test, ioctl(file, CMD_FAIL, 0),
			-(long)vmk_StatusToErrno(VMK_NOT_SUPPORTED));
	cd_close(file);
	cd_down(test);
}

/* read/write: bytes done win, position follows, errors map. */
static void cd_read_write(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	char __user *ubuf = (char __user *)0x10000;
	struct file *file;
	loff_t pos = 0;

	cd_up(test);
	file = cd_open(test, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	f->rw_done = 7;
	KUNIT_EXPECT_EQ(test, file->f_op->read(file, ubuf, 10, &pos), 7L);
	KUNIT_EXPECT_EQ(test, pos, 7LL);
	f->rw_status = VMK_FAILURE;	/* done wins over the error */
	KUNIT_EXPECT_EQ(test, file->f_op->write(file, ubuf, 10, &pos), 7L);
	KUNIT_EXPECT_EQ(test, pos, 14LL);
	f->rw_done = 0;
	f->rw_status = VMK_WOULD_BLOCK;
	KUNIT_EXPECT_EQ(test, file->f_op->read(file, ubuf, 10, &pos),
			(long)-EAGAIN);
	f->rw_status = VMK_OK;		/* nothing and no error: end of file */
	KUNIT_EXPECT_EQ(test, file->f_op->read(file, ubuf, 10, &pos), 0L);
	f->rw_done = 11;		/* more than asked: refused */
	KUNIT_EXPECT_EQ(test, file->f_op->read(file, ubuf, 10, &pos),
			(long)-EIO);
	KUNIT_EXPECT_EQ(test, pos, 14LL);
	f->rw_copy = true;		/* no user memory in a kernel thread */
	KUNIT_EXPECT_EQ(test, file->f_op->read(file, ubuf, 10, &pos),
			-(long)vmk_StatusToErrno(VMK_INVALID_ADDRESS));
	cd_close(file);
	cd_down(test);
}

/* A poll table entry that counts wakeups instead of waking a task. */
struct cd_waiter {
	poll_table pt;
	wait_queue_entry_t entry;
	wait_queue_head_t *head;
	atomic_t woken;
};

static int cd_wake(wait_queue_entry_t *entry, unsigned int mode, int sync,
		   void *key)
{
	struct cd_waiter *w = container_of(entry, struct cd_waiter, entry);

	atomic_inc(&w->woken);
	return 0;
}

static void cd_queue(struct file *file, wait_queue_head_t *head,
		     poll_table *pt)
{
	struct cd_waiter *w = container_of(pt, struct cd_waiter, pt);

	/* The layer's hang-up queue comes first; keep the driver's token. */
	if (w->head)
		remove_wait_queue(w->head, &w->entry);
	w->head = head;
	init_waitqueue_func_entry(&w->entry, cd_wake);
	add_wait_queue(head, &w->entry);
}

/* poll: the mask maps; WakePollers on the token wakes the poller. */
static void cd_poll(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	struct cd_waiter w = {};
	struct file *file;
	__poll_t mask;

	cd_up(test);
	file = cd_open(test, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	f->poll_mask = VMKAPI_POLL_READ;
	KUNIT_EXPECT_EQ(test, vfs_poll(file, NULL), EPOLLIN | EPOLLRDNORM);
	f->poll_mask = VMKAPI_POLL_WRITE | VMKAPI_POLL_RDHUP;
	KUNIT_EXPECT_TRUE(test, vfs_poll(file, NULL) & EPOLLOUT);
	KUNIT_EXPECT_TRUE(test, vfs_poll(file, NULL) & EPOLLHUP);

	f->poll_mask = VMKAPI_POLL_NONE;
	init_poll_funcptr(&w.pt, cd_queue);
	mask = vfs_poll(file, &w.pt);
	KUNIT_EXPECT_EQ(test, mask, 0U);
	KUNIT_ASSERT_NOT_NULL(test, w.head);
	vmk_CharDevWakePollers(f->token);
	KUNIT_EXPECT_GE(test, atomic_read(&w.woken), 1);
	remove_wait_queue(w.head, &w.entry);

	/* A context that is not a live poll call is refused, harmlessly. */
	vmk_CharDevSetPollContext(NULL, f->token);
	vmk_CharDevSetPollContext((vmk_PollContext)&w, f->token);

	cd_close(file);
	cd_down(test);
}

/*
 * Withdrawal with a file open: its close comes before disassociate, once;
 * afterwards the file only gets errors and a hang-up.
 */
static void cd_withdraw_open(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	int refs = module_refcount(THIS_MODULE);
	struct file *file;
	loff_t pos = 0;

	cd_up(test);
	file = cd_open(test, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	cd_down(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->closes), 1);
	KUNIT_EXPECT_EQ(test, f->closes_at_disassociate, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->disassociates), 1);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	KUNIT_EXPECT_EQ(test, file->f_op->unlocked_ioctl(file, CMD_ECHO, 0),
			(long)-ENODEV);
	KUNIT_EXPECT_EQ(test, file->f_op->read(file, NULL, 1, &pos),
			(long)-ENODEV);
	KUNIT_EXPECT_TRUE(test, vfs_poll(file, NULL) & EPOLLHUP);
	cd_close(file);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->closes), 1);
}

/* associate failing: no node stays, the child stays unclaimed. */
static void cd_associate_fails(struct kunit *test)
{
	struct cd_fixture *f = test->priv;

	f->associate_status = VMK_FAILURE;
	cd_up(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->associates), 1);
	KUNIT_EXPECT_NULL(test, vmk_core_device_driver(f->child));
	cd_down(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->disassociates), 0);
}

struct cd_hammer {
	struct file *file;
	atomic_t enodev;
	struct completion done;
};

static int cd_hammer_fn(void *data)
{
	struct cd_hammer *h = data;
	long ret;

	/* Until the device is gone: then every call must fail cleanly. */
	do {
		ret = h->file->f_op->unlocked_ioctl(h->file, CMD_SLOW, 1);
	} while (ret == 0 && !kthread_should_stop());
	if (ret == -ENODEV)
		atomic_inc(&h->enodev);
	complete(&h->done);
	while (!kthread_should_stop())
		usleep_range(500, 1000);
	return 0;
}

/* Withdrawal while calls run: it waits for them; later calls fail. */
static void cd_withdraw_busy(struct kunit *test)
{
	struct cd_fixture *f = test->priv;
	struct task_struct *t[2];
	struct cd_hammer h = {};
	int i;

	cd_up(test);
	h.file = cd_open(test, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(h.file));
	init_completion(&h.done);
	for (i = 0; i < 2; i++) {
		t[i] = kthread_run(cd_hammer_fn, &h, "kunit_cd_%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	while (atomic_read(&f->calls_out) < 20)
		usleep_range(500, 1000);
	cd_down(test);
	/* Nothing ran inside the driver after withdrawal returned. */
	KUNIT_EXPECT_EQ(test, atomic_read(&f->calls_in),
			atomic_read(&f->calls_out));
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_GT(test,
				wait_for_completion_timeout(&h.done, 30 * HZ),
				0UL);
	for (i = 0; i < 2; i++)
		kthread_stop(t[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.enodev), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->closes), 1);
	cd_close(h.file);
}

static struct kunit_case vmk_chardev_cases[] = {
	KUNIT_CASE(cd_associate_alias),
	KUNIT_CASE(cd_open_close),
	KUNIT_CASE(cd_open_fails),
	KUNIT_CASE(cd_ioctl),
	KUNIT_CASE(cd_read_write),
	KUNIT_CASE(cd_poll),
	KUNIT_CASE(cd_withdraw_open),
	KUNIT_CASE(cd_associate_fails),
	KUNIT_CASE(cd_withdraw_busy),
	{}
};

static struct kunit_suite vmk_chardev_suite = {
	.name = "vmkapi_chardev",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.init = cd_test_init,
	.exit = cd_test_exit,
	.test_cases = vmk_chardev_cases,
};
kunit_test_suite(vmk_chardev_suite);

MODULE_DESCRIPTION("KUnit tests of the vmkapi character devices");
MODULE_LICENSE("GPL");
