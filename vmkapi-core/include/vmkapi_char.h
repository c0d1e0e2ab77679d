/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Character devices (reference section 19, base/vmkapi_char.h).
 *
 * A driver offers a character device through the device layer: in its
 * scanDevice callback it registers a logical child whose bus identifier
 * is VMK_CHARDEV_IDENTIFIER_GRAPHICS and whose registrationData points
 * to a vmk_CharDevRegData.  The char-dev layer claims that child, makes
 * the node (a Linux misc device, /dev/<alias>) and calls the driver's
 * associate(devicePrivate, handle).  While the child is started, user
 * space opens the node and the layer calls the file operations below.
 * When the child is quiesced (driver unload, device removal, unbind) the
 * node goes away: no new opens, calls in progress are waited for, every
 * file still open gets its close callback, and disassociate runs last.
 * A file that stays open after that only gets errors (ENODEV; poll
 * reports hang-up), never another callback, so a driver may free its
 * per-device state once disassociate has returned.
 *
 * The legacy vmk_CharDevRegister/Unregister (base/vmkapi_char_legacy.h,
 * native drivers disallowed) is not provided.
 */
#ifndef _VMKAPI_CHAR_H_
#define _VMKAPI_CHAR_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* Open flags, as the file was opened (and later changed with fcntl). */
#define VMK_CHARDEV_OFLAG_RDONLY	0x00000000
#define VMK_CHARDEV_OFLAG_WRONLY	0x00000001
#define VMK_CHARDEV_OFLAG_RDWR		0x00000002
#define VMK_CHARDEV_OFLAG_RDWR_MASK	0x00000003
#define VMK_CHARDEV_OFLAG_EXCLUSIVE	0x00000080
#define VMK_CHARDEV_OFLAG_APPEND	0x00000400
#define VMK_CHARDEV_OFLAG_NONBLOCK	0x00000800
#define VMK_CHARDEV_OFLAG_SYNC		0x00101000
#define VMK_CHARDEV_OFLAG_DSYNC		0x00001000
#define VMK_CHARDEV_OFLAG_DIRECT	0x00004000

/* What a poll callback reports, ORed together. */
typedef enum vmk_PollEvent {
	VMKAPI_POLL_NONE = 0x00,
	VMKAPI_POLL_READ = 0x01,
	VMKAPI_POLL_WRITE = 0x04,
	VMKAPI_POLL_RDHUP = 0x08,
	VMKAPI_POLL_WRHUP = 0x10,
	VMKAPI_POLL_INVALID = 0x20,
} vmk_PollEvent;

/* Whether an ioctl caller is a 64-bit or a 32-bit (compat) process. */
typedef enum {
	VMK_IOCTL_CALLER_64 = 0,
	VMK_IOCTL_CALLER_32 = 1
} vmk_IoctlCallerSize;

/*
 * One open file.  clientDeviceData is the devicePrivate of the
 * registration; clientInstanceData is the driver's own, per file: set it
 * in open, it is handed back unchanged to every later call on that file.
 */
typedef struct vmk_CharDevFdAttr {
	vmk_uint32 openFlags;
	vmk_AddrCookie clientDeviceData;
	vmk_AddrCookie clientInstanceData;
} vmk_CharDevFdAttr;

/* A driver-chosen token (any unique pointer) that pollers wait on. */
typedef void *vmk_PollToken;
/* The kernel's context of one poll call; only for SetPollContext. */
typedef void *vmk_PollContext;

typedef struct vmk_CharDevHandleInt *vmk_CharDevHandle;

#define VMK_CHARDEV_IDENTIFIER_GRAPHICS	"com.vmware.graphics"

struct vmk_CharDevOps;

/*
 * associate: the node exists and file operations may start arriving
 * once it returns VMK_OK (another status: the node is taken down again
 * and the logical device stays unclaimed).  disassociate: no file
 * operation runs or will run again for this device.  Both may block.
 */
typedef VMK_ReturnStatus (*vmk_CharOpAssociate)(vmk_AddrCookie devicePrivate,
						vmk_CharDevHandle charDevHandle);
typedef VMK_ReturnStatus (*vmk_CharOpDisassociate)(vmk_AddrCookie devicePrivate);

typedef struct vmk_CharDevRegOps {
	vmk_CharOpAssociate associate;
	vmk_CharOpDisassociate disassociate;
	const struct vmk_CharDevOps *fileOps;
} vmk_CharDevRegOps;

/*
 * The registrationData of a VMK_CHARDEV_IDENTIFIER_GRAPHICS child.  The
 * layer copies it when it claims the child; moduleID is the module whose
 * use count an open file holds, and whose name the alias starts with.
 */
typedef struct vmk_CharDevRegData {
	vmk_ModuleID moduleID;
	const struct vmk_CharDevRegOps *deviceOps;
	vmk_AddrCookie devicePrivate;
} vmk_CharDevRegData;

/*
 * File operations.  Every one may block and runs in the context of the
 * calling process (world context, user memory reachable with
 * vmk_CopyToUser/vmk_CopyFromUser).  A missing operation makes the
 * system call fail with ENOTTY (ioctl) or EINVAL (read, write); a
 * missing poll reports the file always readable and writable.
 *
 * open: VMK_OK pins moduleID (vmk_ModuleIncUseCount) until the matching
 * close, which is guaranteed to come (at the last close of the file, or
 * when the device is withdrawn, whichever is first); any other status
 * fails the open(2) with the paired errno and nothing else is called
 * for that attr.
 * close: called once; its status is not retried, only logged.
 * ioctl: VMK_OK means the callback ran, and *result (0 or an errno,
 * positive or negative) is what ioctl(2) returns to the process; another
 * status fails ioctl(2) with the status's errno.
 * read/write: buffer is a user address; report the bytes done in
 * *nread / *nwritten even on error.  Bytes done win over an error; with
 * none done, VMK_WOULD_BLOCK and the RETRY statuses become EAGAIN,
 * others their errno.  *ppos is the file position, advanced by the
 * driver as it sees fit.
 * poll: report vmk_PollEvent bits in *pollMask, and bind a token to the
 * context with vmk_CharDevSetPollContext so that vmk_CharDevWakePollers
 * on that token makes the caller poll again.
 */
typedef VMK_ReturnStatus (*vmk_CharDevOpenFn)(vmk_CharDevFdAttr *attr);
typedef VMK_ReturnStatus (*vmk_CharDevCloseFn)(vmk_CharDevFdAttr *attr);
typedef VMK_ReturnStatus (*vmk_CharDevIoctlFn)(vmk_CharDevFdAttr *attr,
					       unsigned int cmd,
					       vmk_uintptr_t userData,
					       vmk_IoctlCallerSize callerSize,
					       vmk_int32 *result);
typedef VMK_ReturnStatus (*vmk_CharDevReadFn)(vmk_CharDevFdAttr *attr,
					      char *buffer,
					      vmk_ByteCount nbytes,
					      vmk_loff_t *ppos,
					      vmk_ByteCountSigned *nread);
typedef VMK_ReturnStatus (*vmk_CharDevWriteFn)(vmk_CharDevFdAttr *attr,
					       char *buffer,
					       vmk_ByteCount nbytes,
					       vmk_loff_t *ppos,
					       vmk_ByteCountSigned *nwritten);
typedef VMK_ReturnStatus (*vmk_CharDevPollFn)(vmk_CharDevFdAttr *attr,
					      vmk_PollContext pollCtx,
					      unsigned int *pollMask);

typedef struct vmk_CharDevOps {
	vmk_CharDevOpenFn open;
	vmk_CharDevCloseFn close;
	vmk_CharDevIoctlFn ioctl;
	vmk_CharDevPollFn poll;
	vmk_CharDevReadFn read;
	vmk_CharDevWriteFn write;
} vmk_CharDevOps;

/*
 * vmk_CharDevWakePollers - make every process polling with @token poll
 * again.  Never blocks; callable from any context but NMI (an interrupt
 * handler, a timer, with a spinlock held).  A token nobody polls on is
 * fine.  Wakeups are by token value only: tokens of different devices
 * may share a wait queue, so a poller may also see spurious wakeups.
 */
void vmk_CharDevWakePollers(vmk_PollToken token);

/*
 * vmk_CharDevSetPollContext - inside a poll callback, make the calling
 * process wait on @token.  The token is the pointer value passed (as
 * drivers pass their per-file structure cast to the parameter type),
 * not something stored through it.  May be called more than once per
 * poll, for several tokens.  A context that is not the one the current
 * poll callback was given is refused with a log line.  Never blocks.
 */
void vmk_CharDevSetPollContext(vmk_PollContext pollCtx, vmk_PollToken *token);

/*
 * vmk_CharDeviceGetAlias - the node's name under /dev (e.g. "nedu0"),
 * from associate until disassociate has returned.  May block.
 * VMK_BAD_PARAM for a NULL alias or a handle that is not live,
 * VMK_NOT_INITIALIZED once the device was withdrawn.
 */
VMK_ReturnStatus vmk_CharDeviceGetAlias(vmk_CharDevHandle charDevHandle,
					vmk_Name *alias);

#endif /* _VMKAPI_CHAR_H_ */
