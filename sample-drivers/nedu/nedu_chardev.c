// SPDX-License-Identifier: GPL-2.0
/*
 * nedu: the character device /dev/nedu<N>, through which user space asks
 * the device for a factorial or a DMA round trip (nedu_ioctl.h).
 *
 * A native driver does not create device nodes itself.  In scanDevice it
 * registers a logical child whose bus identifier says "character
 * device" and whose registration data carries the file operations; the
 * char-dev layer claims that child, makes the node and tells us through
 * associate.  When the device is taken away the layer withdraws the node
 * (closing what is still open), calls disassociate, and the device layer
 * calls our removeDevice, where the child is unregistered.
 */
#include "nedu.h"

/*
 * Every ioctl is one operation on the device, under op_sema so that two
 * processes cannot interleave register writes.  The callback's own
 * status only says it ran; the outcome goes to the process in *result,
 * as an errno (vmk_StatusToErrno: 0 for VMK_OK).
 */
static VMK_ReturnStatus nedu_do_factorial(struct nedu_adapter *adapter,
					  vmk_VA arg)
{
	struct nedu_factorial req;
	VMK_ReturnStatus status;

	status = vmk_CopyFromUser((vmk_VA)&req, arg, sizeof(req));
	if (status != VMK_OK)
		return status;
	status = nedu_factorial(adapter, req.n, &req.result);
	if (status != VMK_OK)
		return status;
	return vmk_CopyToUser(arg, (vmk_VA)&req, sizeof(req));
}

static VMK_ReturnStatus nedu_do_dma(struct nedu_adapter *adapter, vmk_VA arg)
{
	struct nedu_dma req;
	VMK_ReturnStatus status;

	status = vmk_CopyFromUser((vmk_VA)&req, arg, sizeof(req));
	if (status != VMK_OK)
		return status;
	if (req.reserved)
		return VMK_BAD_PARAM;
	return nedu_dma_round_trip(adapter, (vmk_VA)req.src, (vmk_VA)req.dst,
				   req.len);
}

static VMK_ReturnStatus nedu_do_stats(struct nedu_adapter *adapter,
				      vmk_VA arg)
{
	struct nedu_stats stats = {
		.interrupts = vmk_AtomicRead64(&adapter->interrupts),
		.not_ours = vmk_AtomicRead64(&adapter->not_ours),
		.factorials = vmk_AtomicRead64(&adapter->factorials),
		.dma_transfers = vmk_AtomicRead64(&adapter->dma_transfers),
		.timeouts = vmk_AtomicRead64(&adapter->timeouts),
	};

	return vmk_CopyToUser(arg, (vmk_VA)&stats, sizeof(stats));
}

static VMK_ReturnStatus nedu_cd_ioctl(vmk_CharDevFdAttr *attr,
				      unsigned int cmd, vmk_uintptr_t userData,
				      vmk_IoctlCallerSize callerSize,
				      vmk_int32 *result)
{
	struct nedu_adapter *adapter = attr->clientDeviceData.ptr;
	VMK_ReturnStatus status;

	/* Counters need no device; everything else does. */
	if (cmd == NEDU_IOCTL_STATS) {
		*result = vmk_StatusToErrno(nedu_do_stats(adapter, userData));
		return VMK_OK;
	}
	vmk_SemaLock(&adapter->op_sema);
	if (!adapter->started || adapter->gone) {
		status = VMK_NOT_READY;
	} else {
		switch (cmd) {
		case NEDU_IOCTL_FACTORIAL:
			status = nedu_do_factorial(adapter, userData);
			break;
		case NEDU_IOCTL_DMA:
			status = nedu_do_dma(adapter, userData);
			break;
		default:
			status = VMK_NOT_SUPPORTED;
			break;
		}
	}
	vmk_SemaUnlock(&adapter->op_sema);
	*result = vmk_StatusToErrno(status);
	return VMK_OK;
}

/* No per-file state: every ioctl carries all it needs. */
static VMK_ReturnStatus nedu_cd_open(vmk_CharDevFdAttr *attr)
{
	return VMK_OK;
}

static VMK_ReturnStatus nedu_cd_close(vmk_CharDevFdAttr *attr)
{
	return VMK_OK;
}

static const vmk_CharDevOps nedu_cd_fops = {
	.open = nedu_cd_open,
	.close = nedu_cd_close,
	.ioctl = nedu_cd_ioctl,
};

/* The node exists: remember its handle and say where it is. */
static VMK_ReturnStatus nedu_cd_associate(vmk_AddrCookie priv,
					  vmk_CharDevHandle handle)
{
	struct nedu_adapter *adapter = priv.ptr;
	vmk_Name alias;
	VMK_ReturnStatus status;

	status = vmk_CharDeviceGetAlias(handle, &alias);
	if (status != VMK_OK)
		return status;
	adapter->chardev = handle;
	vmk_Log(nedu_log, "%s: /dev/%s", adapter->name.string, alias.string);
	return VMK_OK;
}

/* No file operation runs any more; the handle is about to die. */
static VMK_ReturnStatus nedu_cd_disassociate(vmk_AddrCookie priv)
{
	struct nedu_adapter *adapter = priv.ptr;

	adapter->chardev = NULL;
	return VMK_OK;
}

static const vmk_CharDevRegOps nedu_cd_regops = {
	.associate = nedu_cd_associate,
	.disassociate = nedu_cd_disassociate,
	.fileOps = &nedu_cd_fops,
};

/* The child is unclaimed by now (the char-dev layer let it go). */
static VMK_ReturnStatus nedu_cd_remove(vmk_Device logical)
{
	struct nedu_adapter *adapter;
	vmk_AddrCookie data;
	VMK_ReturnStatus status;

	status = vmk_DeviceGetRegisteringDriverData(logical, &data);
	if (status != VMK_OK)
		return status;
	adapter = data.ptr;
	status = vmk_DeviceUnregister(logical);
	if (status == VMK_OK)
		adapter->chardev_device = NULL;
	return status;
}

static vmk_DeviceOps nedu_cd_devops = {
	.removeDevice = nedu_cd_remove,
};

/*
 * From scanDevice: the logical child.  Its address comes from the
 * logical bus, built from the parent and a port number that must be the
 * same on every load (one char device per edu: port 0).
 */
VMK_ReturnStatus nedu_chardev_register(struct nedu_adapter *adapter)
{
	vmk_DeviceProps props = {
		.registeringDriver = nedu_driver,
		.deviceOps = &nedu_cd_devops,
	};
	vmk_DeviceID id = {
		.busIdentifier = VMK_CHARDEV_IDENTIFIER_GRAPHICS,
		.busIdentifierLen = sizeof(VMK_CHARDEV_IDENTIFIER_GRAPHICS) - 1,
	};
	vmk_BusType logical;
	vmk_Name bus_name;
	VMK_ReturnStatus status;

	vmk_NameInitialize(&bus_name, VMK_LOGICAL_BUS_NAME);
	status = vmk_BusTypeFind(&bus_name, &logical);
	if (status != VMK_OK)
		return status;
	id.busType = logical;
	status = vmk_LogicalCreateBusAddress(nedu_driver, adapter->device, 0,
					     &id.busAddress,
					     &id.busAddressLen);
	if (status != VMK_OK)
		goto out;

	adapter->chardev_reg.moduleID = nedu_module;
	adapter->chardev_reg.deviceOps = &nedu_cd_regops;
	adapter->chardev_reg.devicePrivate.ptr = adapter;
	props.deviceID = &id;
	props.registeringDriverData.ptr = adapter;
	props.registrationData.ptr = &adapter->chardev_reg;
	status = vmk_DeviceRegister(&props, adapter->device,
				    &adapter->chardev_device);
	vmk_LogicalFreeBusAddress(nedu_driver, id.busAddress);
out:
	vmk_BusTypeRelease(logical);
	if (status != VMK_OK)
		vmk_Warning(nedu_log, "%s: char device child: %s",
			    adapter->name.string, vmk_StatusToString(status));
	return status;
}
