// SPDX-License-Identifier: GPL-2.0
/*
 * Test module for the PCI bus adapter: a native driver for QEMU's edu
 * device that says in the log what it is offered and when.  With
 * table=1 it declares edu's ID in C (vmk_PCIDriverAddIDs); otherwise it
 * has no IDs and gets edu only from a device map line.  Its attach maps
 * BAR0 and reads edu's identification register; it records whether it
 * ran inside init_module (it must not).
 */
#include "vmkapi.h"

#define NPCI_NAME	"npci"

VMK_VERSION_INFO("1.0.0");
VMK_LICENSE_INFO(VMK_MODULE_LICENSE_GPLV2);

static int table;
VMK_MODPARAM(table, int, "declare edu's ID in C (1) or rely on a map (0)");

static vmk_Driver npci_driver;
static vmk_Bool npci_in_init;

static VMK_ReturnStatus npci_attach(vmk_Device device)
{
	vmk_PCIDeviceAddr addr;
	vmk_AddrCookie data;
	vmk_PCIDevice pci;
	VMK_ReturnStatus status;
	vmk_uint32 id;
	vmk_VA bar;

	status = vmk_DeviceGetRegistrationData(device, &data);
	if (status != VMK_OK)
		return status;
	pci = data.ptr;
	status = vmk_PCIQueryDeviceAddr(pci, &addr);
	if (status != VMK_OK)
		return status;
	status = vmk_PCIMapIOResource(vmk_ModuleCurrentID, pci, 0, NULL, &bar);
	if (status != VMK_OK)
		return status;
	/* 2.3 drivers read the mapping directly, fenced. */
	vmk_CPUMemFenceReadWrite();
	id = *(vmk_uint32 *)bar;
	vmk_LogMessage("%s: attach %04x:%02x:%02x.%x id %08x in_init %d",
		       NPCI_NAME, addr.seg, addr.bus, addr.dev, addr.fn, id,
		       npci_in_init);
	return vmk_DeviceSetAttachedDriverData(device, data);
}

static VMK_ReturnStatus npci_detach(vmk_Device device)
{
	vmk_AddrCookie data;

	if (vmk_DeviceGetAttachedDriverData(device, &data) == VMK_OK)
		vmk_PCIUnmapIOResource(vmk_ModuleCurrentID, data.ptr, 0);
	vmk_LogMessage("%s: detach", NPCI_NAME);
	return VMK_OK;
}

static VMK_ReturnStatus npci_ok(vmk_Device device)
{
	return VMK_OK;
}

static void npci_forget(vmk_Device device)
{
	vmk_LogMessage("%s: forget", NPCI_NAME);
}

static vmk_DriverOps npci_ops = {
	.attachDevice = npci_attach,
	.scanDevice = npci_ok,
	.detachDevice = npci_detach,
	.quiesceDevice = npci_ok,
	.startDevice = npci_ok,
	.forgetDevice = npci_forget,
};

int init_module(void)
{
	static const vmk_PCIDeviceMatch ids[] = {
		VMK_PCI_DEVICE_MATCH(0x1234, 0x11e8),
		{ 0 }
	};
	vmk_DriverProps props = {
		.moduleID = vmk_ModuleCurrentID,
		.ops = &npci_ops,
	};
	VMK_ReturnStatus status;

	npci_in_init = VMK_TRUE;
	vmk_NameInitialize(&props.name, NPCI_NAME);
	status = vmk_DriverRegister(&props, &npci_driver);
	if (status == VMK_OK && table) {
		status = vmk_PCIDriverAddIDs(npci_driver, ids);
		if (status != VMK_OK)
			vmk_DriverUnregister(npci_driver);
	}
	npci_in_init = VMK_FALSE;
	return status == VMK_OK ? 0 : status;
}

void cleanup_module(void)
{
	vmk_DriverUnregister(npci_driver);
}
