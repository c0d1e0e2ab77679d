// SPDX-License-Identifier: GPL-2.0
/*
 * Bus types: "pci" and "logical", built into the core and alive as long
 * as it is.  Drivers find them by name for the deviceID of the children
 * they register; the references they take are counted only so that a
 * release without a find is caught (the objects are never freed).
 */
#include "vmkapi_core.h"
#include "devmgr/devmgr.h"

#include <linux/string.h>

static struct vmk_BusTypeInt vmk_devmgr_bus_pci = {
	.name = "pci",
};

struct vmk_BusTypeInt vmk_devmgr_bus_logical = {
	.name = VMK_LOGICAL_BUS_NAME,
};

static struct vmk_BusTypeInt *const vmk_devmgr_buses[] = {
	&vmk_devmgr_bus_pci,
	&vmk_devmgr_bus_logical,
};

struct vmk_BusTypeInt *vmk_devmgr_bus_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmk_devmgr_buses); i++)
		if (!strcmp(vmk_devmgr_buses[i]->name, name))
			return vmk_devmgr_buses[i];
	return NULL;
}

bool vmk_devmgr_bus_live(vmk_BusType bus)
{
	return vmk_core_handle_live(bus, VMK_CORE_HANDLE_BUSTYPE);
}

VMK_ReturnStatus vmk_BusTypeFind(vmk_Name *name, vmk_BusType *busHandle)
{
	struct vmk_BusTypeInt *bus;

	if (!name || !busHandle) {
		vmk_core_bad_arg("NULL %s", name ? "busHandle" : "name");
		return VMK_BAD_PARAM;
	}
	if (!memchr(name->string, '\0', sizeof(name->string))) {
		vmk_core_bad_arg("unterminated name");
		return VMK_BAD_PARAM;
	}
	bus = vmk_devmgr_bus_find(name->string);
	if (!bus)
		return VMK_NOT_FOUND;
	atomic_inc(&bus->refs);
	*busHandle = bus;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_BusTypeFind);

VMK_ReturnStatus vmk_BusTypeRelease(vmk_BusType busHandle)
{
	if (!vmk_devmgr_bus_live(busHandle)) {
		vmk_core_bad_arg("%p is not a bus type", busHandle);
		return VMK_BAD_PARAM;
	}
	if (!atomic_add_unless(&busHandle->refs, -1, 0)) {
		vmk_core_bad_arg("bus type %s released more often than found",
				 busHandle->name);
		return VMK_BAD_PARAM;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_BusTypeRelease);

VMK_ReturnStatus vmk_BusTypeGetName(vmk_BusType busHandle, vmk_Name *name)
{
	if (!name || !vmk_devmgr_bus_live(busHandle)) {
		vmk_core_bad_arg("%s", name ? "not a bus type" : "NULL name");
		return VMK_BAD_PARAM;
	}
	return vmk_NameInitialize(name, busHandle->name);
}
VMKAPI_EXPORT(vmk_BusTypeGetName);

void vmk_devmgr_bus_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmk_devmgr_buses); i++)
		vmk_core_handle_add(&vmk_devmgr_buses[i]->handle,
				    vmk_devmgr_buses[i],
				    VMK_CORE_HANDLE_BUSTYPE);
}

void vmk_devmgr_bus_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vmk_devmgr_buses); i++)
		vmk_core_handle_del(&vmk_devmgr_buses[i]->handle);
	synchronize_rcu();
}
