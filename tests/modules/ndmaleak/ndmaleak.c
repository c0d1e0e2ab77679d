// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: creates a DMA engine on a device of its own (a platform
 * device, added to the device manager as a bus provider would), maps a
 * buffer through it, and unloads with the engine alive and the buffer
 * still mapped.  The core must report the engine by name, unmap the
 * mapping, give the Linux device its DMA mask back and still unload.
 * Runs on the stock kernel: no simulator needed.
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"

static vmk_ModuleID ndmaleak_id = VMK_INVALID_MODULE_ID;
static struct platform_device *ndmaleak_pdev;
static vmk_BusType ndmaleak_bus;
static vmk_Device ndmaleak_dev;
static void *ndmaleak_buf;

static int __init ndmaleak_init(void)
{
	struct platform_device_info info = {
		.name = "ndmaleak",
		.id = PLATFORM_DEVID_NONE,
		.dma_mask = DMA_BIT_MASK(32),
	};
	vmk_DMAConstraints con = { .addressMask = VMK_ADDRESS_MASK_64BIT };
	vmk_DMAEngineProps props = {
		.flags = VMK_DMA_ENGINE_FLAGS_NONE,
		.constraints = &con,
	};
	struct vmk_core_device_props dprops = {
		.bus_address = "ndmaleak",
		.identifier = "com.vmware.ndmaleak",
	};
	vmk_SgElem in, out;
	vmk_DMAEngine engine;
	vmk_Name name;

	if (vmk_ModuleRegister(&ndmaleak_id, VMKAPI_REVISION) != VMK_OK)
		return -EINVAL;
	ndmaleak_buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!ndmaleak_buf)
		return -ENOMEM;
	ndmaleak_pdev = platform_device_register_full(&info);
	if (IS_ERR(ndmaleak_pdev))
		return PTR_ERR(ndmaleak_pdev);
	vmk_NameInitialize(&name, VMK_LOGICAL_BUS_NAME);
	if (vmk_BusTypeFind(&name, &ndmaleak_bus) != VMK_OK)
		return -ENODEV;
	dprops.bus_type = ndmaleak_bus;
	dprops.linux_dev = &ndmaleak_pdev->dev;
	if (vmk_core_device_add(&dprops, &ndmaleak_dev) != VMK_OK)
		return -ENODEV;
	vmk_NameInitialize(&props.name, "ndmaleak_engine");
	props.module = ndmaleak_id;
	props.device = ndmaleak_dev;
	if (vmk_DMAEngineCreate(&props, &engine) != VMK_OK)
		return -EIO;
	in.addr = virt_to_phys(ndmaleak_buf);
	in.length = PAGE_SIZE;
	/* The device only reads: unmapping never writes the buffer. */
	if (vmk_DMAMapElem(engine, VMK_DMA_DIRECTION_FROM_MEMORY, &in, VMK_TRUE,
			   &out, NULL) != VMK_OK)
		return -EIO;
	pr_info("ndmaleak: mask %#llx\n", *ndmaleak_pdev->dev.dma_mask);
	return 0;
}

/*
 * The device goes (the provider's part); the engine and its mapping are
 * left for the core, which reclaims them once this has returned.  The
 * buffer may go first: the device only read it, so unmapping does not
 * touch it.
 */
static void __exit ndmaleak_exit(void)
{
	vmk_core_device_remove(ndmaleak_dev);
	vmk_BusTypeRelease(ndmaleak_bus);
	platform_device_unregister(ndmaleak_pdev);
	kfree(ndmaleak_buf);
}

module_init(ndmaleak_init);
module_exit(ndmaleak_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
MODULE_IMPORT_NS(VMKAPI_INTERNAL);
