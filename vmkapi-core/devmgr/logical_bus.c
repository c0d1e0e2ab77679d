// SPDX-License-Identifier: GPL-2.0
/*
 * Logical bus addresses: "<parent's bus>#<parent's address>#<port>".
 *
 * Bus addresses are unique per bus, so the parent's bus and address name
 * the parent uniquely; the port is the driver's promise to tell its
 * children of one parent apart.  Nothing depends on load order or
 * counters, so the same child gets the same address on every load (what
 * the reference calls persistent), and a '#' (refused in addresses that
 * drivers make up) keeps generated addresses apart from all others.
 */
#include "vmkapi_core.h"
#include "devmgr/devmgr.h"

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>

/* "#4294967295" and the separator after the bus name. */
#define VMK_DEVMGR_PORT_CHARS	12

/*
 * Is @address the one vmk_LogicalCreateBusAddress makes for a child of
 * @parent?  If so, its port goes to *@port.
 */
bool vmk_devmgr_logical_port(struct vmk_DeviceInt *parent,
			     const char *address, vmk_uint32 *port)
{
	size_t blen = strlen(parent->bus->name);
	const char *p = address;
	unsigned long long v;

	if (strncmp(p, parent->bus->name, blen) || p[blen] != '#')
		return false;
	p += blen + 1;
	if (strncmp(p, parent->address, parent->address_len) ||
	    p[parent->address_len] != '#')
		return false;
	p += parent->address_len + 1;
	/* Canonical decimal only, so one port has exactly one address. */
	if (!isdigit(*p) || (p[0] == '0' && p[1]) || kstrtoull(p, 10, &v) ||
	    v > U32_MAX)
		return false;
	*port = v;
	return true;
}

VMK_ReturnStatus vmk_LogicalCreateBusAddress(vmk_Driver driver,
					     vmk_Device parent,
					     vmk_uint32 uniqueLogicalPort,
					     char **globalAddress,
					     vmk_uint32 *globalAddressLen)
{
	struct vmk_DriverInt *drv;
	struct vmk_DeviceInt *dev;
	VMK_ReturnStatus status = VMK_OK;
	vmk_HeapID heap;
	size_t len;
	char *addr;

	vmk_core_assert_may_block();
	if (!globalAddress || !globalAddressLen) {
		vmk_core_bad_arg("NULL globalAddress or globalAddressLen");
		return VMK_BAD_PARAM;
	}
	drv = vmk_devmgr_driver_get(driver);
	if (!drv) {
		vmk_core_bad_arg("%p is not a live driver", driver);
		return VMK_BAD_PARAM;
	}
	dev = vmk_devmgr_device_get(parent);
	if (!dev) {
		vmk_core_bad_arg("parent %p is not a live device", parent);
		vmk_devmgr_driver_put(drv);
		return VMK_BAD_PARAM;
	}
	heap = vmk_ModuleGetHeapID(drv->module);
	len = strlen(dev->bus->name) + dev->address_len +
	      VMK_DEVMGR_PORT_CHARS;
	if (heap == VMK_INVALID_HEAP_ID) {
		status = VMK_NO_MODULE_HEAP;
	} else {
		addr = vmk_HeapAlloc(heap, len + 1);
		if (!addr) {
			status = VMK_NO_MEMORY;
		} else {
			len = scnprintf(addr, len + 1, "%s#%s#%u",
					dev->bus->name, dev->address,
					uniqueLogicalPort);
			if (len > VMK_DEVICE_BUS_ADDRESS_MAX) {
				vmk_HeapFree(heap, addr);
				status = VMK_NAME_TOO_LONG;
			} else {
				*globalAddress = addr;
				*globalAddressLen = len;
			}
		}
	}
	vmk_devmgr_device_put(dev);
	vmk_devmgr_driver_put(drv);
	return status;
}
VMKAPI_EXPORT(vmk_LogicalCreateBusAddress);

VMK_ReturnStatus vmk_LogicalFreeBusAddress(vmk_Driver driver,
					   char *globalAddress)
{
	vmk_ModuleID module = vmk_core_driver_module(driver);
	vmk_HeapID heap;

	if (!globalAddress || module == VMK_INVALID_MODULE_ID) {
		vmk_core_bad_arg("%s", globalAddress ? "not a live driver" :
				 "NULL globalAddress");
		return VMK_BAD_PARAM;
	}
	heap = vmk_ModuleGetHeapID(module);
	if (heap == VMK_INVALID_HEAP_ID)
		return VMK_NO_MODULE_HEAP;
	vmk_HeapFree(heap, globalAddress);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_LogicalFreeBusAddress);
