// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: PCI devices, the PCI bus adapter and I/O reservations, on
 * QEMU's edu device (1234:11e8) of the test guest.  A test driver
 * registered from the suite gets edu through its own Linux pci_driver;
 * each test starts it and the suite's exit hook stops it, so a failed
 * assertion leaves nothing registered.  edu facts (QEMU's edu spec):
 * BAR0 is 1 MB of MMIO; 0x00 reads 0x010000ed, 0x04 returns the
 * inverse of what was written, 0x24 is the interrupt status, a write to
 * 0x60 raises an interrupt (the value is ORed into the status), a write
 * to 0x64 acknowledges (clears those bits).  It has an MSI capability,
 * no MSI-X and no power management.  Waits are bounded.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/pci.h>

#include "vmkapi_internal.h"
#include "vmkapi_kunit.h"

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8
#define EDU_ID			0x00
#define EDU_LIVENESS		0x04
#define EDU_INTR_STATUS		0x24
#define EDU_INTR_RAISE		0x60
#define EDU_INTR_ACK		0x64
#define EDU_BAR0_SIZE		(1024 * 1024)

#define KPCI_DRIVER		"vmk_kunit_pci"
#define KPCI_MAP_DRIVER		"vmk_kunit_pcimap"
#define SAFETY_TIMEOUT		(10 * HZ)

/* The test driver's view, reset before each test. */
static struct {
	struct pci_dev *pdev;		/* edu, referenced */
	vmk_Driver driver;
	vmk_Device device;
	vmk_PCIDevice pci;
	int attaches, starts, scans, quiesces, detaches, forgets;
	VMK_ReturnStatus attach_status;
	bool leak_on_attach;		/* map BAR0 and master, then fail */
} kp;

static void __iomem *kpci_va(vmk_VA va)
{
	return (void __iomem *)(uintptr_t)va;
}

static VMK_ReturnStatus kpci_cmd_master(bool on)
{
	vmk_uint32 cmd;
	VMK_ReturnStatus status;

	status = vmk_PCIReadConfig(vmk_kunit_module_id, kp.pci,
				   VMK_PCI_CONFIG_ACCESS_16, PCI_COMMAND, &cmd);
	if (status != VMK_OK)
		return status;
	cmd = on ? cmd | PCI_COMMAND_MASTER : cmd & ~PCI_COMMAND_MASTER;
	return vmk_PCIWriteConfig(vmk_kunit_module_id, kp.pci,
				  VMK_PCI_CONFIG_ACCESS_16, PCI_COMMAND, cmd);
}

static VMK_ReturnStatus kpci_attach(vmk_Device device)
{
	vmk_AddrCookie data;
	vmk_VA va;

	kp.attaches++;
	kp.device = device;
	if (vmk_DeviceGetRegistrationData(device, &data) != VMK_OK)
		return VMK_FAILURE;
	kp.pci = data.ptr;
	if (kp.leak_on_attach) {
		vmk_PCIMapIOResource(vmk_kunit_module_id, kp.pci, 0, NULL, &va);
		kpci_cmd_master(true);
	}
	return kp.attach_status;
}

static VMK_ReturnStatus kpci_start(vmk_Device device)
{
	kp.starts++;
	return VMK_OK;
}

static VMK_ReturnStatus kpci_scan(vmk_Device device)
{
	kp.scans++;
	return VMK_OK;
}

static VMK_ReturnStatus kpci_quiesce(vmk_Device device)
{
	kp.quiesces++;
	return VMK_OK;
}

static VMK_ReturnStatus kpci_detach(vmk_Device device)
{
	kp.detaches++;
	return VMK_OK;
}

static void kpci_forget(vmk_Device device)
{
	kp.forgets++;
}

static vmk_DriverOps kpci_ops = {
	.attachDevice = kpci_attach,
	.scanDevice = kpci_scan,
	.detachDevice = kpci_detach,
	.quiesceDevice = kpci_quiesce,
	.startDevice = kpci_start,
	.forgetDevice = kpci_forget,
};

static VMK_ReturnStatus kpci_register(const char *name, vmk_Driver *driver)
{
	vmk_DriverProps props = {
		.moduleID = vmk_kunit_module_id,
		.ops = &kpci_ops,
	};

	vmk_NameInitialize(&props.name, name);
	return vmk_DriverRegister(&props, driver);
}

/* The test driver with edu's ID, started: edu attached on return. */
static void kpci_up(struct kunit *test)
{
	static const vmk_PCIDeviceMatch ids[] = {
		VMK_PCI_DEVICE_MATCH(EDU_VENDOR, EDU_DEVICE),
		{ 0 }
	};

	KUNIT_ASSERT_EQ(test, kpci_register(KPCI_DRIVER, &kp.driver), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PCIDriverAddIDs(kp.driver, ids), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_pci_driver_start(kp.driver), VMK_OK);
	KUNIT_ASSERT_EQ(test, kp.attaches, 1);
	KUNIT_ASSERT_NOT_NULL(test, kp.pci);
}

static void kpci_down(void)
{
	if (kp.driver)
		vmk_DriverUnregister(kp.driver);
	kp.driver = NULL;
}

static int kpci_init(struct kunit *test)
{
	memset(&kp, 0, sizeof(kp));
	kp.attach_status = VMK_OK;
	kp.pdev = pci_get_device(EDU_VENDOR, EDU_DEVICE, NULL);
	if (!kp.pdev)
		kunit_skip(test, "no edu device in this guest");
	return 0;
}

static void kpci_exit(struct kunit *test)
{
	kpci_down();
	pci_dev_put(kp.pdev);
	vmk_core_pci_map_forget(KPCI_MAP_DRIVER);
}

static struct vmk_core_pci_state kpci_state(struct kunit *test)
{
	struct vmk_core_pci_state st;

	KUNIT_EXPECT_EQ(test, vmk_core_pci_dev_state(kp.pci, &st), 0);
	return st;
}

/* The device as the last detach must leave it: nothing held, disabled. */
static void kpci_expect_clean(struct kunit *test)
{
	struct vmk_core_pci_state st = kpci_state(test);

	KUNIT_EXPECT_EQ(test, st.owner, VMK_INVALID_MODULE_ID);
	KUNIT_EXPECT_NULL(test, st.device);
	KUNIT_EXPECT_EQ(test, st.mapped_bars, 0);
	KUNIT_EXPECT_EQ(test, st.intr_cookies, 0);
	KUNIT_EXPECT_EQ(test, st.reservations, 0);
	KUNIT_EXPECT_FALSE(test, st.bus_master);
	KUNIT_EXPECT_FALSE(test, st.linux_bus_master);
	KUNIT_EXPECT_FALSE(test, st.enabled);
	KUNIT_EXPECT_FALSE(test, st.pme);
	KUNIT_EXPECT_NULL(test, kp.pdev->dev.driver);
}

/* ---- attach, identity, detach ------------------------------------------ */

static void pci_attach_identity(struct kunit *test)
{
	struct vmk_core_pci_state st;
	vmk_PCIResource res[VMK_PCI_NUM_BARS + 1];
	vmk_PCIDeviceAddr addr;
	vmk_PCIDeviceID id;
	vmk_PCIDevice other;
	vmk_Device gen;
	vmk_uint16 seg, vid, did, svid, sdid;
	vmk_uint8 bus, slot, fn;
	char name[VMK_PCI_DEVICE_NAME_LENGTH];

	kpci_up(test);
	KUNIT_EXPECT_EQ(test, kp.starts, 1);
	KUNIT_EXPECT_EQ(test, kp.scans, 1);
	/* Linux sees the native driver's name: lspci -k shows it. */
	KUNIT_ASSERT_NOT_NULL(test, kp.pdev->dev.driver);
	KUNIT_EXPECT_STREQ(test, kp.pdev->dev.driver->name, KPCI_DRIVER);
	st = kpci_state(test);
	KUNIT_EXPECT_EQ(test, st.owner, vmk_kunit_module_id);
	KUNIT_EXPECT_PTR_EQ(test, st.device, kp.device);
	KUNIT_EXPECT_TRUE(test, st.enabled);

	KUNIT_ASSERT_EQ(test, vmk_PCIQueryDeviceID(kp.pci, &id), VMK_OK);
	KUNIT_EXPECT_EQ(test, id.vendorID, EDU_VENDOR);
	KUNIT_EXPECT_EQ(test, id.deviceID, EDU_DEVICE);
	KUNIT_EXPECT_EQ(test, id.subVendorID, kp.pdev->subsystem_vendor);
	KUNIT_EXPECT_EQ(test, id.classCode, kp.pdev->class >> 8);
	KUNIT_EXPECT_EQ(test, id.progIFRevID & 0xff, kp.pdev->revision);
	KUNIT_ASSERT_EQ(test, vmk_PCIQueryDeviceAddr(kp.pci, &addr), VMK_OK);
	KUNIT_EXPECT_EQ(test, addr.seg, pci_domain_nr(kp.pdev->bus));
	KUNIT_EXPECT_EQ(test, addr.bus, kp.pdev->bus->number);
	KUNIT_EXPECT_EQ(test, (unsigned int)addr.dev, PCI_SLOT(kp.pdev->devfn));
	KUNIT_EXPECT_EQ(test, (unsigned int)addr.fn, PCI_FUNC(kp.pdev->devfn));
	KUNIT_ASSERT_EQ(test, vmk_PCIGetSegmentBusDevFunc(kp.pci, &seg, &bus,
							  &slot, &fn), VMK_OK);
	KUNIT_EXPECT_EQ(test, slot, (vmk_uint8)addr.dev);
	KUNIT_ASSERT_EQ(test, vmk_PCIGetIDs(kp.pci, &vid, &did, &svid, &sdid),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, did, EDU_DEVICE);
	KUNIT_ASSERT_EQ(test, vmk_PCIGetPCIDevice(seg, bus, slot, fn, &other),
			VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, other, kp.pci);
	KUNIT_EXPECT_EQ(test, vmk_PCIGetPCIDevice(seg, bus, slot, fn, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIGetGenDevice(kp.pci, &gen), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, gen, kp.device);
	KUNIT_EXPECT_EQ(test, vmk_PCIGetDevice(kp.device, &other), VMK_OK);
	KUNIT_EXPECT_PTR_EQ(test, other, kp.pci);

	KUNIT_ASSERT_EQ(test, vmk_PCIQueryIOResources(kp.pci, VMK_PCI_NUM_BARS,
						      res), VMK_OK);
	KUNIT_EXPECT_EQ(test, res[0].size, EDU_BAR0_SIZE);
	KUNIT_EXPECT_EQ(test, res[0].start, pci_resource_start(kp.pdev, 0));
	KUNIT_EXPECT_EQ(test, res[0].flags & VMK_PCI_BAR_FLAGS_IO, 0);
	KUNIT_EXPECT_EQ(test, res[1].size, 0);
	KUNIT_EXPECT_EQ(test, vmk_PCIQueryIOResources(kp.pci,
						      VMK_PCI_NUM_BARS + 1,
						      res), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIQueryDeviceID((vmk_PCIDevice)&kp, &id),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIQueryDeviceID(kp.pci, NULL),
			VMK_BAD_PARAM);

	KUNIT_ASSERT_EQ(test, vmk_PCIGetDeviceName(kp.pci, name, sizeof(name)),
			VMK_OK);
	KUNIT_EXPECT_STREQ(test, name, pci_name(kp.pdev));
	KUNIT_EXPECT_EQ(test, vmk_PCISetDeviceName(kp.pci, "edu0"), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PCIGetDeviceName(kp.pci, name, sizeof(name)),
			VMK_OK);
	KUNIT_EXPECT_STREQ(test, name, "edu0");
	KUNIT_EXPECT_EQ(test, vmk_PCIGetDeviceName(kp.pci, name, 3),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, vmk_PCISetDeviceName(kp.pci, ""), VMK_OK);

	/* Unregistering the driver detaches the device. */
	kpci_down();
	KUNIT_EXPECT_EQ(test, kp.quiesces, 1);
	KUNIT_EXPECT_EQ(test, kp.detaches, 1);
	KUNIT_EXPECT_EQ(test, kp.forgets, 0);
	kpci_expect_clean(test);
	KUNIT_EXPECT_EQ(test, vmk_PCIGetGenDevice(kp.pci, &gen), VMK_BAD_PARAM);
}

/* ---- config space ------------------------------------------------------ */

static void pci_config(struct kunit *test)
{
	const vmk_ModuleID me = vmk_kunit_module_id;
	struct vmk_core_pci_state st;
	vmk_uint32 v;

	kpci_up(test);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_16,
						PCI_VENDOR_ID, &v), VMK_OK);
	KUNIT_EXPECT_EQ(test, v, EDU_VENDOR);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_16,
						PCI_DEVICE_ID, &v), VMK_OK);
	KUNIT_EXPECT_EQ(test, v, EDU_DEVICE);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_32, 0,
						&v), VMK_OK);
	KUNIT_EXPECT_EQ(test, v, EDU_DEVICE << 16 | EDU_VENDOR);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_8, 1,
						&v), VMK_OK);
	KUNIT_EXPECT_EQ(test, v, EDU_VENDOR >> 8);

	/* Widths, alignment, bounds. */
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci, 3, 0, &v),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci, 0, 0, &v),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_16, 1,
						&v), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_32, 2,
						&v), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_32,
						kp.pdev->cfg_size - 4, &v),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_8,
						kp.pdev->cfg_size, &v),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_32,
						0xfffc, &v),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, vmk_PCIWriteConfig(me, kp.pci,
						 VMK_PCI_CONFIG_ACCESS_16,
						 0x4001, 0), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIWriteConfig(me, kp.pci,
						 VMK_PCI_CONFIG_ACCESS_16,
						 0xfffe, 0), VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_8, 0,
						NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(-7, kp.pci,
						VMK_PCI_CONFIG_ACCESS_8, 0,
						&v), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, (vmk_PCIDevice)&kp,
						VMK_PCI_CONFIG_ACCESS_8, 0,
						&v), VMK_BAD_PARAM);
	/* Anybody reads, only the attached driver's module writes. */
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(VMK_VMKERNEL_MODULE_ID, kp.pci,
						VMK_PCI_CONFIG_ACCESS_8, 0,
						&v), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIWriteConfig(VMK_VMKERNEL_MODULE_ID,
						 kp.pci,
						 VMK_PCI_CONFIG_ACCESS_8,
						 PCI_LATENCY_TIMER, 0),
			VMK_NO_PERMISSION);

	/* Bus mastering through the command register, Linux following. */
	KUNIT_EXPECT_EQ(test, kpci_cmd_master(true), VMK_OK);
	st = kpci_state(test);
	KUNIT_EXPECT_TRUE(test, st.bus_master);
	KUNIT_EXPECT_TRUE(test, st.linux_bus_master);
	KUNIT_EXPECT_EQ(test, kpci_cmd_master(false), VMK_OK);
	st = kpci_state(test);
	KUNIT_EXPECT_FALSE(test, st.bus_master);
	KUNIT_EXPECT_FALSE(test, st.linux_bus_master);
	/* A byte write of the command register's low byte counts too. */
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_8,
						PCI_COMMAND, &v), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIWriteConfig(me, kp.pci,
						 VMK_PCI_CONFIG_ACCESS_8,
						 PCI_COMMAND,
						 v | PCI_COMMAND_MASTER),
			VMK_OK);
	st = kpci_state(test);
	KUNIT_EXPECT_TRUE(test, st.linux_bus_master);
	/* Left on: the detach turns it off. */
	kpci_down();
	kpci_expect_clean(test);
	/* A device nobody attached can be read, not written. */
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(me, kp.pci,
						VMK_PCI_CONFIG_ACCESS_16,
						PCI_VENDOR_ID, &v), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIWriteConfig(me, kp.pci,
						 VMK_PCI_CONFIG_ACCESS_8,
						 PCI_LATENCY_TIMER, 0),
			VMK_NO_PERMISSION);
}

static void pci_capability(struct kunit *test)
{
	vmk_uint16 off;
	vmk_uint32 v;

	kpci_up(test);
	KUNIT_ASSERT_EQ(test, vmk_PCIFindCapability(kp.pci, PCI_CAP_ID_MSI,
						    &off), VMK_OK);
	KUNIT_EXPECT_GE(test, off, 0x40);
	KUNIT_EXPECT_EQ(test, vmk_PCIReadConfig(vmk_kunit_module_id, kp.pci,
						VMK_PCI_CONFIG_ACCESS_8, off,
						&v), VMK_OK);
	KUNIT_EXPECT_EQ(test, v, PCI_CAP_ID_MSI);
	KUNIT_EXPECT_EQ(test, vmk_PCIFindCapability(kp.pci, PCI_CAP_ID_MSIX,
						    &off), VMK_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, vmk_PCIFindCapability(kp.pci, PCI_CAP_ID_MSI,
						    NULL), VMK_BAD_PARAM);
	/* edu has no power management capability. */
	if (!kp.pdev->pm_cap) {
		KUNIT_EXPECT_EQ(test, vmk_PCIEnablePME(vmk_kunit_module_id,
						       kp.pci),
				VMK_NOT_SUPPORTED);
		KUNIT_EXPECT_EQ(test, vmk_PCIDisablePME(vmk_kunit_module_id,
							kp.pci),
				VMK_NOT_SUPPORTED);
	}
	KUNIT_EXPECT_EQ(test, vmk_PCIEnablePME(VMK_VMKERNEL_MODULE_ID, kp.pci),
			VMK_NO_PERMISSION);
}

/* ---- BARs and reservations --------------------------------------------- */

static void pci_bar_map(struct kunit *test)
{
	const vmk_ModuleID me = vmk_kunit_module_id;
	vmk_IOReservation resv = NULL;
	void __iomem *bar;
	vmk_VA va = 0;
	vmk_uint32 v;

	kpci_up(test);
	KUNIT_ASSERT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, 0, NULL, &va),
			VMK_OK);
	bar = kpci_va(va);
	KUNIT_EXPECT_EQ(test, ioread32(bar + EDU_ID), 0x010000ed);
	iowrite32(0x12345678, bar + EDU_LIVENESS);
	KUNIT_EXPECT_EQ(test, ioread32(bar + EDU_LIVENESS), ~0x12345678U);
	iowrite32(0, bar + EDU_LIVENESS);
	KUNIT_EXPECT_EQ(test, ioread32(bar + EDU_LIVENESS), ~0U);
	KUNIT_EXPECT_EQ(test, kpci_state(test).mapped_bars, 1);

	KUNIT_EXPECT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, 0, NULL, &va),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, 1, NULL, &va),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, 6, NULL, &va),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, 0, NULL, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIMapIOResource(VMK_VMKERNEL_MODULE_ID,
						   kp.pci, 0, NULL, &va),
			VMK_NO_PERMISSION);
	KUNIT_EXPECT_EQ(test, vmk_PCIUnmapIOResource(VMK_VMKERNEL_MODULE_ID,
						     kp.pci, 0),
			VMK_NO_PERMISSION);
	KUNIT_EXPECT_EQ(test, vmk_PCIUnmapIOResource(me, kp.pci, 0), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIUnmapIOResource(me, kp.pci, 0),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, kpci_state(test).mapped_bars, 0);

	/* With a reservation: a memory one, that the unmap releases. */
	KUNIT_ASSERT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, 0, &resv, &va),
			VMK_OK);
	KUNIT_ASSERT_NOT_NULL(test, resv);
	KUNIT_EXPECT_EQ(test, ioread32(kpci_va(va) + EDU_ID), 0x010000ed);
	KUNIT_EXPECT_EQ(test, vmk_IOResourceRelease(resv), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead32(resv, 0, &v), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIUnmapIOResource(me, kp.pci, 0), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead32(resv, 0, &v), VMK_BAD_PARAM);
	kpci_down();
	kpci_expect_clean(test);
}

static void pci_ioresource(struct kunit *test)
{
	vmk_IOResourceInfo info = {
		.moduleID = vmk_kunit_module_id,
		.start.type = VMK_IORESOURCE_MEM,
		.len = 0x100,
	};
	vmk_IOReservation a = NULL, b = NULL, c = NULL;
	vmk_uint8 v8;

	kpci_up(test);
	info.start.address.memory = pci_resource_start(kp.pdev, 0) + 0x1000;
	KUNIT_ASSERT_EQ(test, vmk_IOResourceReserve(&info, &a), VMK_OK);
	KUNIT_EXPECT_EQ(test, kpci_state(test).reservations, 1);
	/* Exclusive unless both share. */
	KUNIT_EXPECT_EQ(test, vmk_IOResourceReserve(&info, &b),
			VMK_NOT_SHARED);
	info.attrs = VMK_IORESOURCE_SHAREABLE;
	KUNIT_EXPECT_EQ(test, vmk_IOResourceReserve(&info, &b),
			VMK_NOT_SHARED);
	KUNIT_EXPECT_EQ(test, vmk_IOResourceRelease(a), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IOResourceRelease(a), VMK_BAD_PARAM);
	KUNIT_ASSERT_EQ(test, vmk_IOResourceReserve(&info, &b), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IOResourceReserve(&info, &c), VMK_OK);
	KUNIT_EXPECT_EQ(test, kpci_state(test).reservations, 2);
	KUNIT_EXPECT_EQ(test, vmk_IOResourceRelease(c), VMK_OK);

	/* Outside every BAR of the module's devices; other modules'. */
	info.start.address.memory = pci_resource_start(kp.pdev, 0) +
				    EDU_BAR0_SIZE - 0x80;
	KUNIT_EXPECT_EQ(test, vmk_IOResourceReserve(&info, &c),
			VMK_BAD_ADDR_RANGE);
	info.start.address.memory = pci_resource_start(kp.pdev, 0);
	info.moduleID = VMK_VMKERNEL_MODULE_ID;
	KUNIT_EXPECT_EQ(test, vmk_IOResourceReserve(&info, &c),
			VMK_BAD_ADDR_RANGE);
	info.moduleID = vmk_kunit_module_id;
	info.start.type = VMK_IORESOURCE_PORT;
	info.start.address.port = 0x80;
	KUNIT_EXPECT_EQ(test, vmk_IOResourceReserve(&info, &c),
			VMK_BAD_ADDR_RANGE);
	info.len = 0;
	KUNIT_EXPECT_EQ(test, vmk_IOResourceReserve(&info, &c), VMK_BAD_PARAM);
	info.len = 1;
	info.start.type = VMK_IORESOURCE_UNKNOWN;
	KUNIT_EXPECT_EQ(test, vmk_IOResourceReserve(&info, &c), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IOResourceReserve(NULL, &c), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead8(NULL, 0x80, &v8), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite8(b, 0x80, 0), VMK_BAD_PARAM);

	/* b is left: the detach releases it. */
	kpci_down();
	kpci_expect_clean(test);
	KUNIT_EXPECT_EQ(test, vmk_IOResourceRelease(b), VMK_BAD_PARAM);
}

/*
 * Claim the free Intel function @device with the test driver and map its
 * first I/O BAR: its index, *resv and *va, the BAR in @res.  Skips the
 * test when the guest has no such free function or it has no I/O BAR.
 */
static int kpci_claim_io(struct kunit *test, u16 device,
			 vmk_PCIResource res[VMK_PCI_NUM_BARS],
			 vmk_IOReservation *resv, vmk_VA *va)
{
	const vmk_PCIDeviceMatch ids[] = {
		VMK_PCI_DEVICE_MATCH(PCI_VENDOR_ID_INTEL, device),
		{ 0 }
	};
	struct pci_dev *pdev;
	int bar;

	pdev = pci_get_device(PCI_VENDOR_ID_INTEL, device, NULL);
	if (!pdev)
		kunit_skip(test, "no 8086:%04x", device);
	if (pdev->dev.driver) {
		pci_dev_put(pdev);
		kunit_skip(test, "8086:%04x has a Linux driver", device);
	}
	pci_dev_put(pdev);
	KUNIT_ASSERT_EQ(test, kpci_register(KPCI_DRIVER, &kp.driver), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PCIDriverAddIDs(kp.driver, ids), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_pci_driver_start(kp.driver), VMK_OK);
	KUNIT_ASSERT_EQ(test, kp.attaches, 1);
	KUNIT_ASSERT_EQ(test, vmk_PCIQueryIOResources(kp.pci, VMK_PCI_NUM_BARS,
						      res), VMK_OK);
	for (bar = 0; bar < VMK_PCI_NUM_BARS; bar++)
		if (res[bar].size && (res[bar].flags & VMK_PCI_BAR_FLAGS_IO))
			break;
	if (bar == VMK_PCI_NUM_BARS)
		kunit_skip(test, "no I/O BAR");
	KUNIT_ASSERT_EQ(test, vmk_PCIMapIOResource(vmk_kunit_module_id,
						   kp.pci, bar, resv, va),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, *va, res[bar].start);
	return bar;
}

/*
 * Port I/O on hardware: the q35 machine's SMBus controller (8086:2930)
 * has an I/O BAR; its slave address register (offset 4) stores what is
 * written.  Byte access only (QEMU refuses wider ones there).
 */
static void pci_ioport(struct kunit *test)
{
	const vmk_ModuleID me = vmk_kunit_module_id;
	vmk_PCIResource res[VMK_PCI_NUM_BARS];
	vmk_IOReservation resv = NULL;
	vmk_uint8 v8;
	vmk_VA va;
	int bar;

	bar = kpci_claim_io(test, 0x2930, res, &resv, &va);
	KUNIT_EXPECT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, bar, NULL, &va),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite8(resv, va + 4, 0xa4), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead8(resv, va + 4, &v8), VMK_OK);
	KUNIT_EXPECT_EQ(test, v8, 0xa4);
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite8(resv, va + 4, 0), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead8(resv, va + res[bar].size, &v8),
			VMK_BAD_ADDR_RANGE);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead32(resv, va + res[bar].size - 2,
					       NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIUnmapIOResource(me, kp.pci, bar), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead8(resv, va + 4, &v8),
			VMK_BAD_PARAM);
}

/*
 * The 16- and 32-bit forms: the q35 AHCI controller's (8086:2922) I/O
 * BAR is the AHCI index/data pair, and its index register (offset 0x10)
 * keeps what is written, masked to a dword offset into the 4 KiB ABAR.
 */
#define AHCI_IDP_INDEX	0x10

static void pci_ioport_wide(struct kunit *test)
{
	const vmk_ModuleID me = vmk_kunit_module_id;
	vmk_PCIResource res[VMK_PCI_NUM_BARS];
	vmk_IOReservation resv = NULL;
	vmk_uint16 v16 = 0;
	vmk_uint32 v32 = 0;
	vmk_VA va, end;
	int bar;

	bar = kpci_claim_io(test, 0x2922, res, &resv, &va);
	end = va + res[bar].size;
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite32(resv, va + AHCI_IDP_INDEX,
						0xfffff678), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead32(resv, va + AHCI_IDP_INDEX, &v32),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, v32, 0x678);
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite16(resv, va + AHCI_IDP_INDEX,
						0x0abc), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead16(resv, va + AHCI_IDP_INDEX, &v16),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, v16, 0x0abc);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead32(resv, va + AHCI_IDP_INDEX, &v32),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, v32, 0x0abc);
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite32(resv, va + AHCI_IDP_INDEX, 0),
			VMK_OK);
	/* Past the BAR, or straddling its end: refused, nothing touched. */
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite16(resv, end - 1, 0),
			VMK_BAD_ADDR_RANGE);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead16(resv, end, &v16),
			VMK_BAD_ADDR_RANGE);
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite32(resv, end - 2, 0),
			VMK_BAD_ADDR_RANGE);
	KUNIT_EXPECT_EQ(test, vmk_IOPortRead16(resv, va, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite16(NULL, va, 0), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIUnmapIOResource(me, kp.pci, bar), VMK_OK);
	/* The reservation died with the mapping. */
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite16(resv, va + AHCI_IDP_INDEX, 4),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_IOPortWrite32(resv, va + AHCI_IDP_INDEX, 4),
			VMK_BAD_PARAM);
}

/* ---- interrupts -------------------------------------------------------- */

struct kpci_irq {
	void __iomem *bar;
	u32 status;
	atomic_t acks;
	atomic_t handled;
	struct completion done;
};

static VMK_ReturnStatus kpci_irq_ack(void *data, vmk_IntrCookie cookie)
{
	struct kpci_irq *irq = data;
	u32 status = ioread32(irq->bar + EDU_INTR_STATUS);

	if (!status)
		return VMK_NOT_THIS_DEVICE;
	iowrite32(status, irq->bar + EDU_INTR_ACK);
	irq->status |= status;
	atomic_inc(&irq->acks);
	return VMK_OK;
}

static void kpci_irq_handler(void *data, vmk_IntrCookie cookie)
{
	struct kpci_irq *irq = data;

	atomic_inc(&irq->handled);
	complete(&irq->done);
}

static void kpci_irq_register(struct kunit *test, struct kpci_irq *irq,
			      vmk_IntrCookie cookie)
{
	vmk_IntrProps props = {
		.device = kp.device,
		.acknowledgeInterrupt = kpci_irq_ack,
		.handler = kpci_irq_handler,
		.handlerData = irq,
	};

	vmk_NameInitialize(&props.deviceName, "kunit-edu");
	KUNIT_ASSERT_EQ(test, vmk_IntrRegister(vmk_kunit_module_id, cookie,
					       &props), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_IntrEnable(cookie), VMK_OK);
}

/* Raise through edu's register; the handler must run, the ack clear it. */
static void kpci_irq_raise(struct kunit *test, struct kpci_irq *irq, u32 v)
{
	reinit_completion(&irq->done);
	iowrite32(v, irq->bar + EDU_INTR_RAISE);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&irq->done,
							  SAFETY_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, irq->status & v, v);
	KUNIT_EXPECT_EQ(test, ioread32(irq->bar + EDU_INTR_STATUS), 0);
}

static void kpci_irq_test(struct kunit *test, vmk_PCIInterruptType type)
{
	const vmk_ModuleID me = vmk_kunit_module_id;
	struct vmk_core_intr_stats *st;
	struct kpci_irq *irq;
	vmk_IntrCookie cookie[2] = { VMK_INVALID_INTRCOOKIE };
	vmk_uint32 n = 0;
	vmk_VA va;

	irq = kunit_kzalloc(test, sizeof(*irq), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, irq);
	/* Off the stack: the debug kernel allows 1 KB frames. */
	st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st);
	init_completion(&irq->done);
	kpci_up(test);
	KUNIT_ASSERT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, 0, NULL, &va),
			VMK_OK);
	irq->bar = kpci_va(va);
	if (type == VMK_PCI_INTERRUPT_TYPE_LEGACY && !kp.pdev->irq) {
		KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci, type,
							     1, 1, NULL, cookie,
							     &n),
				VMK_BAD_PARAM);
		kunit_skip(test, "edu has no INTx line here");
	}
	/* MSI is a memory write of the device's. */
	if (type == VMK_PCI_INTERRUPT_TYPE_MSI)
		KUNIT_ASSERT_EQ(test, kpci_cmd_master(true), VMK_OK);

	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci, type, 2, 1,
						     NULL, cookie, &n),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(VMK_VMKERNEL_MODULE_ID,
						     kp.pci, type, 1, 1, NULL,
						     cookie, &n),
			VMK_NO_PERMISSION);
	KUNIT_ASSERT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci, type, 1, 1,
						     NULL, cookie, &n),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, kpci_state(test).intr_cookies, 1);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_cookie_irq(cookie[0]),
			pci_irq_vector(kp.pdev, 0));
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci, type, 1, 1,
						     NULL, cookie + 1, &n),
			VMK_BAD_PARAM);

	kpci_irq_register(test, irq, cookie[0]);
	kpci_irq_raise(test, irq, 0x1234);
	kpci_irq_raise(test, irq, 0x8000);
	KUNIT_EXPECT_GE(test, atomic_read(&irq->handled), 2);
	KUNIT_ASSERT_EQ(test, vmk_core_intr_stats(cookie[0], st), 0);
	KUNIT_EXPECT_GE(test, st->woken, 2);

	/* Handlers first, then the cookies. */
	KUNIT_EXPECT_EQ(test, vmk_PCIFreeIntrCookie(me, kp.pci), VMK_BUSY);
	KUNIT_EXPECT_EQ(test, vmk_IntrDisable(cookie[0]), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_IntrUnregister(me, cookie[0], irq), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIFreeIntrCookie(VMK_VMKERNEL_MODULE_ID,
						    kp.pci),
			VMK_NO_PERMISSION);
	KUNIT_EXPECT_EQ(test, vmk_PCIFreeIntrCookie(me, kp.pci), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIFreeIntrCookie(me, kp.pci), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_stats(cookie[0], st), -EINVAL);
	KUNIT_EXPECT_EQ(test, kpci_state(test).intr_cookies, 0);
	KUNIT_EXPECT_FALSE(test, kp.pdev->msi_enabled);

	/* Allocatable again once freed. */
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci, type, 1, 1,
						     NULL, cookie, &n),
			VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIFreeIntrCookie(me, kp.pci), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIUnmapIOResource(me, kp.pci, 0), VMK_OK);
	kpci_down();
	kpci_expect_clean(test);
}

static void pci_intr_legacy(struct kunit *test)
{
	kpci_irq_test(test, VMK_PCI_INTERRUPT_TYPE_LEGACY);
}

static void pci_intr_msi(struct kunit *test)
{
	kpci_irq_test(test, VMK_PCI_INTERRUPT_TYPE_MSI);
}

static void pci_intr_args(struct kunit *test)
{
	const vmk_ModuleID me = vmk_kunit_module_id;
	vmk_IntrCookie cookie[4];
	vmk_uint16 index[2] = { 0, 0 };
	vmk_uint32 n;

	kpci_up(test);
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci,
						     VMK_PCI_INTERRUPT_TYPE_MSIX,
						     4, 1, NULL, cookie, &n),
			VMK_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci,
						     VMK_PCI_INTERRUPT_TYPE_MSIX,
						     2, 1, index, cookie, &n),
			VMK_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci,
						     VMK_PCI_INTERRUPT_TYPE_MSIX,
						     1, 2, NULL, cookie, &n),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci,
						     VMK_PCI_INTERRUPT_TYPE_MSIX,
						     4, 0, NULL, cookie, &n),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci,
						     VMK_PCI_INTERRUPT_TYPE_NONE,
						     1, 1, NULL, cookie, &n),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci,
						     VMK_PCI_INTERRUPT_TYPE_MSI,
						     1, 1, NULL, NULL, &n),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci,
						     VMK_PCI_INTERRUPT_TYPE_MSI,
						     1, 1, NULL, cookie, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIFreeIntrCookie(me, kp.pci), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, kpci_state(test).intr_cookies, 0);
}

/* ---- what a driver leaves behind --------------------------------------- */

static void pci_reclaim_on_detach(struct kunit *test)
{
	const vmk_ModuleID me = vmk_kunit_module_id;
	vmk_IOResourceInfo info = {
		.moduleID = me,
		.start.type = VMK_IORESOURCE_MEM,
		.len = 0x10,
	};
	struct vmk_core_intr_stats *st;
	struct kpci_irq *irq;
	vmk_IOReservation resv;
	vmk_IntrCookie cookie;
	vmk_uint32 n;
	vmk_VA va;

	irq = kunit_kzalloc(test, sizeof(*irq), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, irq);
	/* Off the stack: the debug kernel allows 1 KB frames. */
	st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st);
	init_completion(&irq->done);
	kpci_up(test);
	KUNIT_ASSERT_EQ(test, vmk_PCIMapIOResource(me, kp.pci, 0, NULL, &va),
			VMK_OK);
	irq->bar = kpci_va(va);
	KUNIT_ASSERT_EQ(test, kpci_cmd_master(true), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PCIAllocIntrCookie(me, kp.pci,
						     VMK_PCI_INTERRUPT_TYPE_MSI,
						     1, 1, NULL, &cookie, &n),
			VMK_OK);
	kpci_irq_register(test, irq, cookie);
	kpci_irq_raise(test, irq, 0x1);
	info.start.address.memory = pci_resource_start(kp.pdev, 0);
	KUNIT_ASSERT_EQ(test, vmk_IOResourceReserve(&info, &resv), VMK_OK);

	/* The driver detaches without giving anything back. */
	kpci_down();
	KUNIT_EXPECT_EQ(test, kp.detaches, 1);
	kpci_expect_clean(test);
	KUNIT_EXPECT_EQ(test, vmk_core_intr_stats(cookie, st), -EINVAL);
	KUNIT_EXPECT_FALSE(test, kp.pdev->msi_enabled);
	KUNIT_EXPECT_EQ(test, vmk_IOResourceRelease(resv), VMK_BAD_PARAM);
}

static void pci_attach_failure(struct kunit *test)
{
	static const vmk_PCIDeviceMatch ids[] = {
		VMK_PCI_DEVICE_MATCH(EDU_VENDOR, EDU_DEVICE),
		{ 0 }
	};

	kp.attach_status = VMK_NO_RESOURCES;
	kp.leak_on_attach = true;
	KUNIT_ASSERT_EQ(test, kpci_register(KPCI_DRIVER, &kp.driver), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PCIDriverAddIDs(kp.driver, ids), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_pci_driver_start(kp.driver), VMK_OK);
	KUNIT_EXPECT_EQ(test, kp.attaches, 1);
	KUNIT_EXPECT_EQ(test, kp.starts, 0);
	KUNIT_ASSERT_NOT_NULL(test, kp.pci);
	/* Not bound, and the mapping and bus mastering were taken back. */
	kpci_expect_clean(test);
	kpci_down();
	KUNIT_EXPECT_EQ(test, kp.detaches, 0);
}

/* ---- Linux's side: unbind, bind, driver_override -------------------------- */

static void pci_coexist(struct kunit *test)
{
	struct device *dev = &kp.pdev->dev;

	kpci_up(test);
	device_release_driver(dev);
	KUNIT_EXPECT_EQ(test, kp.detaches, 1);
	kpci_expect_clean(test);
	KUNIT_EXPECT_EQ(test, device_attach(dev), 1);
	KUNIT_EXPECT_EQ(test, kp.attaches, 2);
	KUNIT_EXPECT_EQ(test, kpci_state(test).owner, vmk_kunit_module_id);

	/* Promised to another driver: ours does not take it. */
	KUNIT_ASSERT_EQ(test, driver_set_override(dev,
						  &kp.pdev->driver_override,
						  "nobody", 6), 0);
	device_release_driver(dev);
	KUNIT_EXPECT_EQ(test, device_attach(dev), 0);
	KUNIT_EXPECT_EQ(test, kp.attaches, 2);
	/* Named for ours, even without an ID match it would be. */
	KUNIT_ASSERT_EQ(test, driver_set_override(dev,
						  &kp.pdev->driver_override,
						  KPCI_DRIVER,
						  strlen(KPCI_DRIVER)), 0);
	KUNIT_EXPECT_EQ(test, device_attach(dev), 1);
	KUNIT_EXPECT_EQ(test, kp.attaches, 3);
	KUNIT_ASSERT_EQ(test, driver_set_override(dev,
						  &kp.pdev->driver_override,
						  "", 0), 0);
	kpci_down();
	KUNIT_EXPECT_EQ(test, kp.detaches, 3);
	kpci_expect_clean(test);
}

/* ---- IDs: the C table, the device map ---------------------------------- */

static void pci_add_ids_args(struct kunit *test)
{
	static const vmk_PCIDeviceMatch empty[] = { { 0 } };
	static const vmk_PCIDeviceMatch bad_id[] = {
		{ .vendorID = 0x12345, .deviceID = 1 }, { 0 }
	};
	static const vmk_PCIDeviceMatch bad_class[] = {
		{ .vendorID = 0x1234, .deviceID = VMK_PCI_ANY_ID,
		  .subVendorID = VMK_PCI_ANY_ID, .subDeviceID = VMK_PCI_ANY_ID,
		  .classCode = 0x010601, .classMask = 0xffff00 }, { 0 }
	};
	static const vmk_PCIDeviceMatch ok[] = {
		VMK_PCI_DEVICE_MATCH(EDU_VENDOR, EDU_DEVICE), { 0 }
	};
	vmk_Driver stale;

	KUNIT_ASSERT_EQ(test, kpci_register(KPCI_DRIVER, &kp.driver), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIDriverAddIDs(kp.driver, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIDriverAddIDs(kp.driver, empty),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIDriverAddIDs(kp.driver, bad_id),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIDriverAddIDs(kp.driver, bad_class),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIDriverAddIDs((vmk_Driver)&kp, ok),
			VMK_BAD_PARAM);
	/* Started without IDs: nothing attached; IDs added later attach. */
	KUNIT_ASSERT_EQ(test, vmk_core_pci_driver_start(kp.driver), VMK_OK);
	KUNIT_EXPECT_EQ(test, kp.attaches, 0);
	/* No IDs, no Linux driver. */
	KUNIT_EXPECT_NULL(test, driver_find(KPCI_DRIVER, &pci_bus_type));
	KUNIT_EXPECT_EQ(test, vmk_PCIDriverAddIDs(kp.driver, ok), VMK_OK);
	KUNIT_EXPECT_NOT_NULL(test, driver_find(KPCI_DRIVER, &pci_bus_type));
	KUNIT_EXPECT_EQ(test, kp.attaches, 1);
	KUNIT_EXPECT_STREQ(test, kp.pdev->dev.driver->name, KPCI_DRIVER);
	stale = kp.driver;
	kpci_down();
	kpci_expect_clean(test);
	KUNIT_EXPECT_EQ(test, vmk_core_pci_driver_start(stale), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIDriverAddIDs(stale, ok), VMK_BAD_PARAM);
}

static void pci_map_parser(struct kunit *test)
{
	static const char *const malformed[] = {
		"regtype=native,bus=pci,driver=nedu",
		"regtype=native,bus=pci,id=123411e8",
		"regtype=native,id=123411e8,driver=nedu",
		"regtype=native,bus=pci,id=12g411e8,driver=nedu",
		"regtype=native,bus=pci,id=12.411e8,driver=nedu",
		"regtype=native,bus=pci,id=....11e8,driver=nedu",
		"regtype=native,bus=pci,id=1234,driver=nedu",
		"regtype=native,bus=pci,id=123411e8..............0,driver=nedu",
		"regtype=native,bus=pci,id=123411e8,driver=",
		"regtype=native,bus=pci,id=123411e8,driver=n edu",
		"regtype=native,bus=pci,id=123411e8,driver=abcdefghijklmnopqrstuvwxyz0123456",
		"regtype=native,bus=pci,id=123411e8,id=123411e8,driver=nedu",
		"regtype=native,bus=pci,id=123411e8,driver",
		"garbage",
	};
	static const char *const skipped[] = {
		"", "   ", "# a comment", "  # indented comment",
		"regtype=linux,bus=pci,id=11ab:4354 0000:0000,driver=sky2,class=network",
		"regtype=native,bus=usb,id=123411e8,driver=nedu",
	};
	struct vmk_core_pci_map_entry e;
	const char *line;
	unsigned int i;

	line = "regtype=native,bus=pci,id=123411e8..............,driver=nedu";
	KUNIT_ASSERT_EQ(test, vmk_core_pci_map_parse_line(line, strlen(line),
							  &e), 1);
	KUNIT_EXPECT_STREQ(test, e.driver, "nedu");
	KUNIT_EXPECT_EQ(test, e.vendor, 0x1234);
	KUNIT_EXPECT_EQ(test, e.device, 0x11e8);
	KUNIT_EXPECT_EQ(test, e.subvendor, PCI_ANY_ID);
	KUNIT_EXPECT_EQ(test, e.subdevice, PCI_ANY_ID);
	KUNIT_EXPECT_EQ(test, e.class_mask, 0);

	line = "  regtype=native,bus=pci,id=15b3101d15b30016......,driver=nmlx5_core\r";
	KUNIT_ASSERT_EQ(test, vmk_core_pci_map_parse_line(line, strlen(line),
							  &e), 1);
	KUNIT_EXPECT_STREQ(test, e.driver, "nmlx5_core");
	KUNIT_EXPECT_EQ(test, e.subvendor, 0x15b3);
	KUNIT_EXPECT_EQ(test, e.subdevice, 0x0016);

	line = "regtype=native,bus=pci,id=................0106..,driver=ahci";
	KUNIT_ASSERT_EQ(test, vmk_core_pci_map_parse_line(line, strlen(line),
							  &e), 1);
	KUNIT_EXPECT_EQ(test, e.vendor, PCI_ANY_ID);
	KUNIT_EXPECT_EQ(test, e.device, PCI_ANY_ID);
	KUNIT_EXPECT_EQ(test, e.class, 0x010600);
	KUNIT_EXPECT_EQ(test, e.class_mask, 0xffff00);

	/* Short ids are wildcarded at the end; keys in any order. */
	line = "driver=x,id=123411e8,bus=pci,regtype=native,extra=1";
	KUNIT_ASSERT_EQ(test, vmk_core_pci_map_parse_line(line, strlen(line),
							  &e), 1);
	KUNIT_EXPECT_EQ(test, e.device, 0x11e8);
	KUNIT_EXPECT_EQ(test, e.subvendor, PCI_ANY_ID);

	for (i = 0; i < ARRAY_SIZE(malformed); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    vmk_core_pci_map_parse_line(malformed[i],
								strlen(malformed[i]),
								&e),
				    -EINVAL, "line %s", malformed[i]);
	for (i = 0; i < ARRAY_SIZE(skipped); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    vmk_core_pci_map_parse_line(skipped[i],
								strlen(skipped[i]),
								&e),
				    0, "line %s", skipped[i]);
}

/* A driver with no C table gets edu from a map loaded at run time. */
static void pci_map_attach(struct kunit *test)
{
	static const char map[] =
		"# kunit\n"
		"regtype=native,bus=pci,id=123411e8..............,driver=" KPCI_MAP_DRIVER "\n"
		"regtype=native,bus=pci,id=zz,driver=" KPCI_MAP_DRIVER "\n";
	static const char again[] =
		"regtype=native,bus=pci,id=123411e8..............,driver=" KPCI_MAP_DRIVER "\n";

	/* The good line is kept, the bad one reported. */
	KUNIT_EXPECT_EQ(test, vmk_core_pci_map_load(map, sizeof(map) - 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, vmk_core_pci_map_load(again, sizeof(again) - 1),
			0);
	KUNIT_ASSERT_EQ(test, kpci_register(KPCI_MAP_DRIVER, &kp.driver),
			VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_core_pci_driver_start(kp.driver), VMK_OK);
	KUNIT_EXPECT_EQ(test, kp.attaches, 1);
	KUNIT_ASSERT_NOT_NULL(test, kp.pdev->dev.driver);
	KUNIT_EXPECT_STREQ(test, kp.pdev->dev.driver->name, KPCI_MAP_DRIVER);
	kpci_down();
	KUNIT_EXPECT_EQ(test, kp.detaches, 1);
	kpci_expect_clean(test);
	KUNIT_EXPECT_EQ(test, vmk_core_pci_map_forget(KPCI_MAP_DRIVER), 1);
}

/* ---- iterator ---------------------------------------------------------- */

static void pci_iterator(struct kunit *test)
{
	vmk_HeapID heap = vmk_kunit_heap(test, "kunit_pci", 4096);
	struct pci_dev *pdev = NULL;
	vmk_PCIDevIterator it;
	vmk_PCIDevice dev, edu = NULL;
	vmk_PCIDeviceID id;
	unsigned int linux_count = 0, count = 0;

	for_each_pci_dev(pdev)
		linux_count++;
	KUNIT_ASSERT_EQ(test, vmk_PCIDevIteratorAlloc(heap,
					VMK_PCI_DEV_ITERATOR_TYPE_NO_ORDER,
					&it), VMK_OK);
	KUNIT_ASSERT_EQ(test, vmk_PCIDevIteratorGetFirst(it, &dev), VMK_OK);
	while (dev) {
		count++;
		KUNIT_ASSERT_EQ(test, vmk_PCIQueryDeviceID(dev, &id), VMK_OK);
		if (id.vendorID == EDU_VENDOR && id.deviceID == EDU_DEVICE)
			edu = dev;
		KUNIT_ASSERT_EQ(test, vmk_PCIDevIteratorGetNext(it, &dev),
				VMK_OK);
	}
	KUNIT_EXPECT_EQ(test, count, linux_count);
	KUNIT_EXPECT_NOT_NULL(test, edu);
	KUNIT_EXPECT_EQ(test, vmk_PCIDevIteratorGetNext(it, &dev), VMK_OK);
	KUNIT_EXPECT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, vmk_PCIDevIteratorGetNext(it, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIDevIteratorFree(it), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_PCIDevIteratorFree(it), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIDevIteratorGetFirst(it, &dev),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIDevIteratorAlloc(heap, 1, &it),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_PCIGetPCIDevice(0, 0, 32, 0, &dev),
			VMK_BAD_PARAM);
	vmk_kunit_heap_drop(test, heap);
}

static struct kunit_case vmk_pci_cases[] = {
	KUNIT_CASE(pci_attach_identity),
	KUNIT_CASE(pci_config),
	KUNIT_CASE(pci_capability),
	KUNIT_CASE(pci_bar_map),
	KUNIT_CASE(pci_ioresource),
	KUNIT_CASE(pci_ioport),
	KUNIT_CASE(pci_ioport_wide),
	KUNIT_CASE(pci_intr_legacy),
	KUNIT_CASE(pci_intr_msi),
	KUNIT_CASE(pci_intr_args),
	KUNIT_CASE(pci_reclaim_on_detach),
	KUNIT_CASE(pci_attach_failure),
	KUNIT_CASE(pci_coexist),
	KUNIT_CASE(pci_add_ids_args),
	KUNIT_CASE(pci_map_parser),
	KUNIT_CASE(pci_map_attach),
	KUNIT_CASE(pci_iterator),
	{}
};

static struct kunit_suite vmk_pci_suite = {
	.name = "vmkapi_pci",
	.suite_init = vmk_kunit_suite_register,
	.suite_exit = vmk_kunit_suite_unregister,
	.init = kpci_init,
	.exit = kpci_exit,
	.test_cases = vmk_pci_cases,
};
kunit_test_suite(vmk_pci_suite);

MODULE_DESCRIPTION("KUnit tests of the VMK API PCI family");
MODULE_LICENSE("GPL");
