// SPDX-License-Identifier: GPL-2.0
/*
 * Character devices: the char-dev layer is a driver of the device layer.
 * It binds the logical bus identifier "com.vmware.graphics", so every
 * child a driver registers with that identifier is attached to it; its
 * registrationData is the driver's vmk_CharDevRegData.  Starting the
 * child makes a Linux misc device (/dev/<alias>) and associates it;
 * quiescing it withdraws the node and disassociates.
 *
 * Lifetime.  A char device is freed when the device layer has detached
 * it and the last struct file that opened it is gone (a kref: one for
 * the device layer, one per open file).  Calls into the driver are
 * counted while the device is live; withdrawal marks it dead, waits for
 * the calls in flight, then itself closes every file still open (the
 * driver's close is guaranteed, and must come before disassociate), so
 * those files keep only a pointer to a dead char device and get ENODEV.
 *
 * Poll tokens are values chosen by the driver.  A poller waits on one of
 * a fixed set of wait queues, picked by hashing the token, so waking a
 * token needs no lookup and no allocation and works from any context;
 * tokens that share a queue only cost a spurious wakeup.
 */
#include "vmkapi_core.h"

#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

struct vmk_CharDevHandleInt {
	struct vmk_core_handle handle;
	struct rcu_head rcu;
	struct kref ref;
	/* On vmk_chardevs, under vmk_chardevs_mutex. */
	struct list_head link;
	vmk_Device device;
	vmk_CharDevRegData reg;
	const vmk_CharDevOps *fops;

	/* live, calls: under lock.  drained wakes withdrawal. */
	spinlock_t lock;
	bool live;
	unsigned int calls;
	wait_queue_head_t drained;
	/* Every poller also waits here, to see the hang-up at withdrawal. */
	wait_queue_head_t hup;

	/* Open files and their "close not yet called" flag. */
	struct mutex close_lock;
	struct list_head files;

	/*
	 * The node: its alias is held (unique) from start to the end of
	 * withdrawal; registered (GetAlias answers) from misc_register on;
	 * associated once associate returned VMK_OK.
	 */
	struct miscdevice misc;
	bool alias_held;
	bool registered;
	bool associated;
	char alias[VMK_MISC_NAME_MAX];
};

struct vmk_chardev_file {
	struct list_head link;
	struct vmk_CharDevHandleInt *cd;
	vmk_CharDevFdAttr attr;
	bool open;
};

/* What a vmk_PollContext points to, for the duration of one poll call. */
#define VMK_CHARDEV_POLL_MAGIC	0x706f6c6c
struct vmk_chardev_poll {
	unsigned int magic;
	struct task_struct *task;
	struct file *file;
	poll_table *pt;
};

#define VMK_CHARDEV_TOKEN_BITS	6
static wait_queue_head_t vmk_chardev_token_wq[1 << VMK_CHARDEV_TOKEN_BITS];

static LIST_HEAD(vmk_chardevs);
static DEFINE_MUTEX(vmk_chardevs_mutex);
static vmk_Driver vmk_chardev_driver;
/* Scratch for vmk_DeviceGetDeviceID in attach. */
static vmk_HeapID vmk_chardev_heap = VMK_INVALID_HEAP_ID;

static void vmk_chardev_free(struct kref *ref)
{
	struct vmk_CharDevHandleInt *cd =
		container_of(ref, struct vmk_CharDevHandleInt, ref);

	/* The handle table may still be walked past it: RCU. */
	kfree_rcu(cd, rcu);
}

static void vmk_chardev_put(struct vmk_CharDevHandleInt *cd)
{
	kref_put(&cd->ref, vmk_chardev_free);
}

/* Enter a call into the driver; false once the device was withdrawn. */
static bool vmk_chardev_enter(struct vmk_CharDevHandleInt *cd)
{
	bool live;

	spin_lock(&cd->lock);
	live = cd->live;
	if (live)
		cd->calls++;
	spin_unlock(&cd->lock);
	return live;
}

static void vmk_chardev_leave(struct vmk_CharDevHandleInt *cd)
{
	spin_lock(&cd->lock);
	if (!--cd->calls && !cd->live)
		wake_up_all(&cd->drained);
	spin_unlock(&cd->lock);
}

static bool vmk_chardev_idle(struct vmk_CharDevHandleInt *cd)
{
	bool idle;

	spin_lock(&cd->lock);
	idle = !cd->calls;
	spin_unlock(&cd->lock);
	return idle;
}

/* Linux open flags in the reference's encoding (f_flags may change). */
static vmk_uint32 vmk_chardev_oflags(unsigned int flags)
{
	vmk_uint32 out;

	switch (flags & O_ACCMODE) {
	case O_WRONLY:
		out = VMK_CHARDEV_OFLAG_WRONLY;
		break;
	case O_RDWR:
		out = VMK_CHARDEV_OFLAG_RDWR;
		break;
	default:
		out = VMK_CHARDEV_OFLAG_RDONLY;
		break;
	}
	if (flags & O_EXCL)
		out |= VMK_CHARDEV_OFLAG_EXCLUSIVE;
	if (flags & O_APPEND)
		out |= VMK_CHARDEV_OFLAG_APPEND;
	if (flags & O_NONBLOCK)
		out |= VMK_CHARDEV_OFLAG_NONBLOCK;
	if ((flags & O_SYNC) == O_SYNC)
		out |= VMK_CHARDEV_OFLAG_SYNC;
	else if (flags & O_DSYNC)
		out |= VMK_CHARDEV_OFLAG_DSYNC;
	if (flags & O_DIRECT)
		out |= VMK_CHARDEV_OFLAG_DIRECT;
	return out;
}

/* The errno a failed status gives the process; never 0. */
static int vmk_chardev_errno(VMK_ReturnStatus status)
{
	int err;

	if (status == VMK_WOULD_BLOCK || status == VMK_RETRY ||
	    status == VMK_NO_MEMORY_RETRY)
		return -EAGAIN;
	err = vmk_StatusToErrno(status);
	return err ? -err : -EIO;
}

/* The close of one file, once: by the file's release or by withdrawal. */
static void vmk_chardev_close_file(struct vmk_CharDevHandleInt *cd,
				   struct vmk_chardev_file *f)
{
	VMK_ReturnStatus status = VMK_OK;

	lockdep_assert_held(&cd->close_lock);
	if (!f->open)
		return;
	f->open = false;
	list_del_init(&f->link);
	if (cd->fops->close)
		status = cd->fops->close(&f->attr);
	if (status != VMK_OK)
		pr_warn("chardev %s: close callback failed: %s\n", cd->alias,
			vmk_StatusToString(status));
	vmk_ModuleDecUseCount(cd->reg.moduleID);
}

static int vmk_chardev_open(struct inode *inode, struct file *file)
{
	/* misc_open() holds misc_mtx: the misc device cannot go meanwhile. */
	struct vmk_CharDevHandleInt *cd =
		container_of(file->private_data, struct vmk_CharDevHandleInt,
			     misc);
	struct vmk_chardev_file *f;
	VMK_ReturnStatus status;
	int ret;

	if (!vmk_chardev_enter(cd))
		return -ENODEV;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f) {
		ret = -ENOMEM;
		goto out;
	}
	INIT_LIST_HEAD(&f->link);
	f->cd = cd;
	f->attr.openFlags = vmk_chardev_oflags(file->f_flags);
	f->attr.clientDeviceData = cd->reg.devicePrivate;

	/* The driver's module stays loaded until the close: rmmod refuses. */
	status = vmk_ModuleIncUseCount(cd->reg.moduleID);
	if (status != VMK_OK) {
		kfree(f);
		ret = -ENODEV;
		goto out;
	}
	status = cd->fops->open ? cd->fops->open(&f->attr) : VMK_OK;
	if (status != VMK_OK) {
		vmk_ModuleDecUseCount(cd->reg.moduleID);
		kfree(f);
		ret = vmk_chardev_errno(status);
		goto out;
	}
	kref_get(&cd->ref);
	mutex_lock(&cd->close_lock);
	f->open = true;
	list_add_tail(&f->link, &cd->files);
	mutex_unlock(&cd->close_lock);
	file->private_data = f;
	ret = 0;
out:
	vmk_chardev_leave(cd);
	return ret;
}

static int vmk_chardev_release(struct inode *inode, struct file *file)
{
	struct vmk_chardev_file *f = file->private_data;
	struct vmk_CharDevHandleInt *cd = f->cd;

	mutex_lock(&cd->close_lock);
	vmk_chardev_close_file(cd, f);
	mutex_unlock(&cd->close_lock);
	kfree(f);
	vmk_chardev_put(cd);
	return 0;
}

static long vmk_chardev_do_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	struct vmk_chardev_file *f = file->private_data;
	struct vmk_CharDevHandleInt *cd = f->cd;
	vmk_int32 result = 0;
	VMK_ReturnStatus status;

	if (!vmk_chardev_enter(cd))
		return -ENODEV;
	if (!cd->fops->ioctl) {
		vmk_chardev_leave(cd);
		return -ENOTTY;
	}
	WRITE_ONCE(f->attr.openFlags, vmk_chardev_oflags(file->f_flags));
	status = cd->fops->ioctl(&f->attr, cmd, arg,
				 in_compat_syscall() ? VMK_IOCTL_CALLER_32 :
						       VMK_IOCTL_CALLER_64,
				 &result);
	vmk_chardev_leave(cd);
	if (status != VMK_OK)
		return vmk_chardev_errno(status);
	/* The driver's errno, whichever sign it used. */
	return result > 0 ? -(long)result : result;
}

static long vmk_chardev_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	return vmk_chardev_do_ioctl(file, cmd, arg);
}

#ifdef CONFIG_COMPAT
static long vmk_chardev_compat_ioctl(struct file *file, unsigned int cmd,
				     unsigned long arg)
{
	return vmk_chardev_do_ioctl(file, cmd,
				    (unsigned long)compat_ptr(arg));
}
#endif

/* read and write share everything but the callback. */
static ssize_t vmk_chardev_rw(struct file *file, char __user *buf,
			      size_t len, loff_t *ppos, bool write)
{
	struct vmk_chardev_file *f = file->private_data;
	struct vmk_CharDevHandleInt *cd = f->cd;
	vmk_ByteCountSigned done = 0;
	vmk_loff_t pos = *ppos;
	VMK_ReturnStatus status;
	char *ubuf = (__force char *)buf;

	if (!vmk_chardev_enter(cd))
		return -ENODEV;
	if (write ? !cd->fops->write : !cd->fops->read) {
		vmk_chardev_leave(cd);
		return -EINVAL;
	}
	WRITE_ONCE(f->attr.openFlags, vmk_chardev_oflags(file->f_flags));
	if (write)
		status = cd->fops->write(&f->attr, ubuf, len, &pos, &done);
	else
		status = cd->fops->read(&f->attr, ubuf, len, &pos, &done);
	vmk_chardev_leave(cd);
	if (done < 0 || done > len) {
		pr_warn_ratelimited("chardev %s: %s callback reported %lld bytes done of %zu\n",
				    cd->alias, write ? "write" : "read",
				    (long long)done, len);
		return -EIO;
	}
	*ppos = pos;
	if (done)
		return done;
	return status == VMK_OK ? 0 : vmk_chardev_errno(status);
}

static ssize_t vmk_chardev_read(struct file *file, char __user *buf,
				size_t len, loff_t *ppos)
{
	return vmk_chardev_rw(file, buf, len, ppos, false);
}

static ssize_t vmk_chardev_write(struct file *file, const char __user *buf,
				 size_t len, loff_t *ppos)
{
	return vmk_chardev_rw(file, (char __user *)buf, len, ppos, true);
}

static __poll_t vmk_chardev_mask(unsigned int mask)
{
	__poll_t out = 0;

	if (mask & VMKAPI_POLL_READ)
		out |= EPOLLIN | EPOLLRDNORM;
	if (mask & VMKAPI_POLL_WRITE)
		out |= EPOLLOUT | EPOLLWRNORM;
	if (mask & VMKAPI_POLL_RDHUP)
		out |= EPOLLRDHUP | EPOLLHUP;
	if (mask & VMKAPI_POLL_WRHUP)
		out |= EPOLLHUP;
	if (mask & VMKAPI_POLL_INVALID)
		out |= EPOLLNVAL;
	return out;
}

static __poll_t vmk_chardev_poll(struct file *file, poll_table *pt)
{
	struct vmk_chardev_file *f = file->private_data;
	struct vmk_CharDevHandleInt *cd = f->cd;
	struct vmk_chardev_poll ctx = {
		.magic = VMK_CHARDEV_POLL_MAGIC,
		.task = current,
		.file = file,
		.pt = pt,
	};
	unsigned int mask = 0;
	VMK_ReturnStatus status;

	poll_wait(file, &cd->hup, pt);
	if (!vmk_chardev_enter(cd))
		return EPOLLHUP | EPOLLERR;
	if (!cd->fops->poll) {
		vmk_chardev_leave(cd);
		return EPOLLIN | EPOLLRDNORM | EPOLLOUT | EPOLLWRNORM;
	}
	WRITE_ONCE(f->attr.openFlags, vmk_chardev_oflags(file->f_flags));
	status = cd->fops->poll(&f->attr, &ctx, &mask);
	/* A context kept past its call must not be usable. */
	ctx.magic = 0;
	vmk_chardev_leave(cd);
	return status == VMK_OK ? vmk_chardev_mask(mask) : EPOLLERR;
}

static const struct file_operations vmk_chardev_fops = {
	.owner = THIS_MODULE,
	.open = vmk_chardev_open,
	.release = vmk_chardev_release,
	.read = vmk_chardev_read,
	.write = vmk_chardev_write,
	.poll = vmk_chardev_poll,
	.unlocked_ioctl = vmk_chardev_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl = vmk_chardev_compat_ioctl,
#endif
	.llseek = default_llseek,
};

static wait_queue_head_t *vmk_chardev_token_queue(const void *token)
{
	return &vmk_chardev_token_wq[hash_ptr(token, VMK_CHARDEV_TOKEN_BITS)];
}

void vmk_CharDevWakePollers(vmk_PollToken token)
{
	/* wake_up_all takes the queue's lock with interrupts off: any context. */
	wake_up_all(vmk_chardev_token_queue(token));
}
VMKAPI_EXPORT(vmk_CharDevWakePollers);

void vmk_CharDevSetPollContext(vmk_PollContext pollCtx, vmk_PollToken *token)
{
	struct vmk_chardev_poll *ctx = pollCtx;

	if (!ctx || ctx->magic != VMK_CHARDEV_POLL_MAGIC ||
	    ctx->task != current) {
		vmk_core_bad_arg("%p is not the context of the current poll call",
				 pollCtx);
		return;
	}
	/* Drivers pass the token itself, cast to the parameter's type. */
	poll_wait(ctx->file, vmk_chardev_token_queue(token), ctx->pt);
}
VMKAPI_EXPORT(vmk_CharDevSetPollContext);

VMK_ReturnStatus vmk_CharDeviceGetAlias(vmk_CharDevHandle charDevHandle,
					vmk_Name *alias)
{
	VMK_ReturnStatus status;

	vmk_core_assert_may_block();
	if (!alias) {
		vmk_core_bad_arg("NULL alias");
		return VMK_BAD_PARAM;
	}
	/* Detach deletes the handle under this mutex: the check holds. */
	mutex_lock(&vmk_chardevs_mutex);
	if (!vmk_core_handle_live(charDevHandle, VMK_CORE_HANDLE_CHARDEV)) {
		mutex_unlock(&vmk_chardevs_mutex);
		vmk_core_bad_arg("%p is not a live char device", charDevHandle);
		return VMK_BAD_PARAM;
	}
	if (charDevHandle->registered)
		status = vmk_NameInitialize(alias, charDevHandle->alias);
	else
		status = VMK_NOT_INITIALIZED;
	mutex_unlock(&vmk_chardevs_mutex);
	return status;
}
VMKAPI_EXPORT(vmk_CharDeviceGetAlias);

/*
 * The alias: the owning module's name and the lowest number no live
 * char device of that name uses ("nedu0", "nedu1", ...), so a driver's
 * nodes get the same names on every load.
 */
static void vmk_chardev_pick_alias(struct vmk_CharDevHandleInt *cd)
{
	char base[VMK_MISC_NAME_MAX - 8];
	struct vmk_CharDevHandleInt *other;
	unsigned int n;
	bool taken;

	lockdep_assert_held(&vmk_chardevs_mutex);
	if (vmk_core_module_name(cd->reg.moduleID, base, sizeof(base)) < 0)
		strscpy(base, "vmkchar", sizeof(base));
	for (n = 0;; n++) {
		snprintf(cd->alias, sizeof(cd->alias), "%s%u", base, n);
		taken = false;
		list_for_each_entry(other, &vmk_chardevs, link)
			if (other != cd && other->alias_held &&
			    !strcmp(other->alias, cd->alias))
				taken = true;
		if (!taken)
			return;
	}
}

/*
 * Withdraw the node: no new calls, wait for those in flight, close what
 * is still open, then disassociate.  Idempotent.
 */
static void vmk_chardev_withdraw(struct vmk_CharDevHandleInt *cd)
{
	struct vmk_chardev_file *f, *next;
	VMK_ReturnStatus status;

	if (!cd->registered)
		return;
	spin_lock(&cd->lock);
	cd->live = false;
	spin_unlock(&cd->lock);
	misc_deregister(&cd->misc);
	wait_event(cd->drained, vmk_chardev_idle(cd));

	mutex_lock(&cd->close_lock);
	list_for_each_entry_safe(f, next, &cd->files, link)
		vmk_chardev_close_file(cd, f);
	mutex_unlock(&cd->close_lock);
	wake_up_all(&cd->hup);

	if (cd->associated && cd->reg.deviceOps->disassociate) {
		status = cd->reg.deviceOps->disassociate(cd->reg.devicePrivate);
		if (status != VMK_OK)
			pr_warn("chardev %s: disassociate failed: %s\n",
				cd->alias, vmk_StatusToString(status));
	}
	mutex_lock(&vmk_chardevs_mutex);
	cd->associated = false;
	cd->registered = false;
	cd->alias_held = false;
	mutex_unlock(&vmk_chardevs_mutex);
}

static struct vmk_CharDevHandleInt *vmk_chardev_of(vmk_Device device)
{
	vmk_AddrCookie data = { .ptr = NULL };

	if (vmk_DeviceGetAttachedDriverData(device, &data) != VMK_OK)
		return NULL;
	return data.ptr;
}

/*
 * Only a child registered with the graphics identifier carries a
 * vmk_CharDevRegData.  The device layer offers us no other, but any
 * driver can be handed a PCI device by hand (driver_override), and its
 * registration data is then something else entirely.
 */
static bool vmk_chardev_is_graphics(vmk_Device device)
{
	static const char ident[] = VMK_CHARDEV_IDENTIFIER_GRAPHICS;
	vmk_DeviceID *id;
	bool ours;

	if (vmk_DeviceGetDeviceID(vmk_chardev_heap, device, &id) != VMK_OK)
		return false;
	ours = id->busIdentifier && id->busIdentifierLen == sizeof(ident) - 1 &&
	       !memcmp(id->busIdentifier, ident, sizeof(ident) - 1);
	vmk_DevicePutDeviceID(vmk_chardev_heap, id);
	return ours;
}

/* Claim a child: check its registration data, nothing visible yet. */
static VMK_ReturnStatus vmk_chardev_attach(vmk_Device device)
{
	vmk_AddrCookie data = { .ptr = NULL };
	const vmk_CharDevRegData *reg;
	struct vmk_CharDevHandleInt *cd;
	VMK_ReturnStatus status;

	if (!vmk_chardev_is_graphics(device))
		return VMK_NOT_SUPPORTED;
	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		return status;
	reg = data.ptr;
	if (!reg || !reg->deviceOps || !reg->deviceOps->fileOps ||
	    !vmk_core_module_is_registered(reg->moduleID)) {
		pr_warn("chardev: device %p: registration data %p is not a usable vmk_CharDevRegData\n",
			device, reg);
		return VMK_BAD_PARAM;
	}
	cd = kzalloc(sizeof(*cd), GFP_KERNEL);
	if (!cd)
		return VMK_NO_MEMORY;
	kref_init(&cd->ref);
	INIT_LIST_HEAD(&cd->link);
	cd->device = device;
	cd->reg = *reg;
	cd->fops = reg->deviceOps->fileOps;
	spin_lock_init(&cd->lock);
	init_waitqueue_head(&cd->drained);
	init_waitqueue_head(&cd->hup);
	mutex_init(&cd->close_lock);
	INIT_LIST_HEAD(&cd->files);

	status = vmk_DeviceSetAttachedDriverData(device, cd);
	if (status != VMK_OK) {
		kfree(cd);
		return status;
	}
	mutex_lock(&vmk_chardevs_mutex);
	list_add_tail(&cd->link, &vmk_chardevs);
	vmk_core_handle_add(&cd->handle, cd, VMK_CORE_HANDLE_CHARDEV);
	mutex_unlock(&vmk_chardevs_mutex);
	return VMK_OK;
}

/*
 * Make the node, associate, and only then let calls in: the driver sees
 * no file operation before its associate has returned VMK_OK.  On
 * failure nothing stays visible.
 */
static VMK_ReturnStatus vmk_chardev_start(vmk_Device device)
{
	struct vmk_CharDevHandleInt *cd = vmk_chardev_of(device);
	VMK_ReturnStatus status = VMK_OK;
	int ret;

	if (!cd)
		return VMK_BAD_PARAM;
	if (cd->registered)
		return VMK_OK;
	/*
	 * Hold the alias, then register without the list mutex: misc_open()
	 * calls the driver's open with misc_mtx held, and that open may ask
	 * for an alias (the mutex), so the mutex never nests outside it.
	 */
	mutex_lock(&vmk_chardevs_mutex);
	vmk_chardev_pick_alias(cd);
	cd->alias_held = true;
	mutex_unlock(&vmk_chardevs_mutex);
	/* A restart after quiesce registers afresh, with a new minor. */
	memset(&cd->misc, 0, sizeof(cd->misc));
	cd->misc.minor = MISC_DYNAMIC_MINOR;
	cd->misc.name = cd->alias;
	cd->misc.fops = &vmk_chardev_fops;
	cd->misc.mode = 0600;
	ret = misc_register(&cd->misc);
	mutex_lock(&vmk_chardevs_mutex);
	if (ret)
		cd->alias_held = false;
	else
		cd->registered = true;
	mutex_unlock(&vmk_chardevs_mutex);
	if (ret) {
		pr_warn("chardev %s: misc_register failed: %d\n", cd->alias, ret);
		return VMK_FAILURE;
	}
	if (cd->reg.deviceOps->associate)
		status = cd->reg.deviceOps->associate(cd->reg.devicePrivate, cd);
	if (status != VMK_OK) {
		pr_warn("chardev %s: associate failed: %s\n", cd->alias,
			vmk_StatusToString(status));
		vmk_chardev_withdraw(cd);
		return status;
	}
	cd->associated = true;
	spin_lock(&cd->lock);
	cd->live = true;
	spin_unlock(&cd->lock);
	return VMK_OK;
}

static VMK_ReturnStatus vmk_chardev_scan(vmk_Device device)
{
	return VMK_OK;
}

static VMK_ReturnStatus vmk_chardev_quiesce(vmk_Device device)
{
	struct vmk_CharDevHandleInt *cd = vmk_chardev_of(device);

	if (!cd)
		return VMK_BAD_PARAM;
	vmk_chardev_withdraw(cd);
	return VMK_OK;
}

static VMK_ReturnStatus vmk_chardev_detach(vmk_Device device)
{
	struct vmk_CharDevHandleInt *cd = vmk_chardev_of(device);

	if (!cd)
		return VMK_BAD_PARAM;
	vmk_chardev_withdraw(cd);
	mutex_lock(&vmk_chardevs_mutex);
	vmk_core_handle_del(&cd->handle);
	list_del_init(&cd->link);
	mutex_unlock(&vmk_chardevs_mutex);
	vmk_DeviceSetAttachedDriverData(device, (void *)NULL);
	/* Files still open hold their own references. */
	vmk_chardev_put(cd);
	return VMK_OK;
}

/* Surprise removal: there is no hardware behind a node; nothing to do. */
static void vmk_chardev_forget(vmk_Device device)
{
}

static vmk_DriverOps vmk_chardev_driver_ops = {
	.attachDevice = vmk_chardev_attach,
	.scanDevice = vmk_chardev_scan,
	.detachDevice = vmk_chardev_detach,
	.quiesceDevice = vmk_chardev_quiesce,
	.startDevice = vmk_chardev_start,
	.forgetDevice = vmk_chardev_forget,
};

int vmk_core_chardev_init(void)
{
	vmk_HeapCreateProps heap_props = {
		.type = VMK_HEAP_TYPE_SIMPLE,
		.module = VMK_VMKERNEL_MODULE_ID,
		.max = 16 * 1024,
	};
	vmk_DriverProps props = {
		.moduleID = VMK_VMKERNEL_MODULE_ID,
		.ops = &vmk_chardev_driver_ops,
	};
	VMK_ReturnStatus status;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmk_chardev_token_wq); i++)
		init_waitqueue_head(&vmk_chardev_token_wq[i]);
	vmk_NameInitialize(&heap_props.name, "vmkapi-chardev");
	status = vmk_HeapCreate(&heap_props, &vmk_chardev_heap);
	if (status != VMK_OK)
		return -ENOMEM;
	vmk_NameInitialize(&props.name, "vmkapi-chardev");
	status = vmk_DriverRegister(&props, &vmk_chardev_driver);
	if (status != VMK_OK)
		goto err_heap;
	status = vmk_core_driver_bind_identifier(vmk_chardev_driver,
						 VMK_CHARDEV_IDENTIFIER_GRAPHICS);
	if (status != VMK_OK)
		goto err_driver;
	return 0;

err_driver:
	vmk_DriverUnregister(vmk_chardev_driver);
err_heap:
	vmk_HeapDestroy(vmk_chardev_heap);
	return -vmk_StatusToErrno(status) ?: -EIO;
}

void vmk_core_chardev_exit(void)
{
	vmk_DriverUnregister(vmk_chardev_driver);
	vmk_HeapDestroy(vmk_chardev_heap);
}
