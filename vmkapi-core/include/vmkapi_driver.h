/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_driver.h - native drivers as the device manager sees them: a
 * name, a module and six callbacks that walk a device through its life.
 *
 *   unclaimed --attach--> quiescent --start--> started (I/O-able)
 *   started --scan--> started, children registered
 *   started --quiesce--> quiescent --detach--> unclaimed
 *   forget: in any claimed state, once
 *
 * Every callback runs in world context and may block.  The callbacks of
 * one device never run concurrently with each other (the device manager
 * serialises them), and none runs with a device-manager lock held, so a
 * callback may call any device function (a scan registers children).
 */
#ifndef _VMKAPI_DRIVER_H_
#define _VMKAPI_DRIVER_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

/*
 * attachDevice: an unclaimed device is offered.  Claim it (VMK_OK: the
 * device is then attached and quiescent, typically with
 * vmk_DeviceSetAttachedDriverData set) or refuse it (any other status),
 * and then leave it exactly as found.
 */
typedef VMK_ReturnStatus (*vmk_DriverAttachDevice)(vmk_Device device);

/*
 * startDevice: make a quiescent device I/O-able, after attach and after
 * a quiesce that is not followed by detach.  A failure leaves the device
 * quiescent (after a first start, the device manager then detaches it).
 */
typedef VMK_ReturnStatus (*vmk_DriverStartDevice)(vmk_Device device);

/*
 * scanDevice: register the device's children (vmk_DeviceRegister works
 * only in here).  Runs on started devices: once after the first start,
 * and again on vmk_DeviceRequestRescan.
 */
typedef VMK_ReturnStatus (*vmk_DriverScanDevice)(vmk_Device device);

/*
 * quiesceDevice: finish and stop all I/O of a started device; afterwards
 * the driver reports no I/O to any subsystem and receives none.  A
 * failure leaves the device started.
 */
typedef VMK_ReturnStatus (*vmk_DriverQuiesceDevice)(vmk_Device device);

/*
 * detachDevice: undo everything attach did; only on quiescent devices
 * whose children are gone.  A failure leaves the device quiescent (on
 * driver unload the device is taken back regardless, and that is logged).
 */
typedef VMK_ReturnStatus (*vmk_DriverDetachDevice)(vmk_Device device);

/*
 * forgetDevice: the device is gone (surprise removal).  A notification:
 * afterwards every callback on the device must return in bounded time
 * without touching the hardware.
 */
typedef void (*vmk_DriverForgetDevice)(vmk_Device device);

/* The callbacks, in the reference's order.  A NULL one succeeds. */
typedef struct {
	vmk_DriverAttachDevice attachDevice;
	vmk_DriverScanDevice scanDevice;
	vmk_DriverDetachDevice detachDevice;
	vmk_DriverQuiesceDevice quiesceDevice;
	vmk_DriverStartDevice startDevice;
	vmk_DriverForgetDevice forgetDevice;
} vmk_DriverOps;

typedef struct {
	/* The registering module: the driver is one of its resources. */
	vmk_ModuleID moduleID;
	/* Unique among registered drivers; the PCI adapter names its Linux driver after it. */
	vmk_Name name;
	/* Copied at registration. */
	vmk_DriverOps *ops;
	vmk_AddrCookie privateData;
} vmk_DriverProps;

/*
 * vmk_DriverRegister - register a driver (from the module's init
 * routine).  Bus providers learn of it at once and may offer it devices
 * before this returns.  May block; world context only.  VMK_BAD_PARAM
 * for NULL arguments or an empty name, VMK_EXISTS if a driver has the
 * name, VMK_NOT_FOUND for a module that is not registered, VMK_NO_MEMORY.
 */
VMK_ReturnStatus vmk_DriverRegister(vmk_DriverProps *driverProps,
				    vmk_Driver *driver);

/*
 * vmk_DriverUnregister - take back every device the driver drives (leaf
 * first: children's drivers quiesced and detached, children removed by
 * their registrar, then the device quiesced and detached) and forget the
 * driver.  May block (the callbacks run); world context only, never from
 * one of the driver's own callbacks.  VMK_OK, or VMK_BAD_PARAM for a
 * handle that is not a live driver.
 */
VMK_ReturnStatus vmk_DriverUnregister(vmk_Driver driver);

/*
 * vmk_DriverGetPrivateData - the privateData given at registration.
 * Never blocks; any context but interrupt acknowledge.  VMK_BAD_PARAM
 * for a stale driver or a NULL @data.
 */
VMK_ReturnStatus vmk_DriverGetPrivateData(vmk_Driver driver,
					  vmk_AddrCookie *data);

#endif /* _VMKAPI_DRIVER_H_ */
