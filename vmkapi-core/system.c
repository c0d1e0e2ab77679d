// SPDX-License-Identifier: GPL-2.0
/*
 * System state and identity.
 *
 * "Panicking" is learnt from the panic notifier chain (Linux does not
 * export its own panic_cpu) and from vmk_vPanic(), which sets it before
 * calling panic() so that the state is visible as early as possible.
 * "Unloading" is Linux's system_state past SYSTEM_RUNNING on the way
 * down (halt, power off, restart).
 *
 * Reboot handlers must be registrable without blocking, and Linux's reboot
 * notifier chain takes a semaphore, so the core keeps its own list under a
 * spinlock, behind one notifier of its own.  Each handler is a resource of
 * its module, so one left behind by an unloaded module is dropped rather
 * than called into freed code.
 */
#include "vmkapi_core.h"

#include <linux/dmi.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/utsname.h>

#include "vmkapi_internal.h"

static bool vmk_system_panicking;

void vmk_core_system_set_panicking(void)
{
	WRITE_ONCE(vmk_system_panicking, true);
}

static int vmk_system_panic_notify(struct notifier_block *nb,
				   unsigned long event, void *msg)
{
	vmk_core_system_set_panicking();
	return NOTIFY_DONE;
}

static struct notifier_block vmk_system_panic_nb = {
	.notifier_call = vmk_system_panic_notify,
};

static bool vmk_system_unloading(void)
{
	switch (system_state) {
	case SYSTEM_HALT:
	case SYSTEM_POWER_OFF:
	case SYSTEM_RESTART:
		return true;
	default:
		return false;
	}
}

vmk_Bool vmk_SystemCheckState(vmk_SystemState state)
{
	bool panicking = READ_ONCE(vmk_system_panicking);

	switch (state) {
	case VMK_SYSTEM_STATE_NORMAL:
		return !panicking && !vmk_system_unloading();
	case VMK_SYSTEM_STATE_PANIC:
		return panicking;
	case VMK_SYSTEM_STATE_UNLOADING:
		return vmk_system_unloading();
	}
	vmk_core_bad_arg("unknown system state %d", state);
	return VMK_FALSE;
}
VMKAPI_EXPORT(vmk_SystemCheckState);

VMK_ReturnStatus vmk_SystemGetIDString(const char *id[])
{
	const char *uuid;

	if (!id) {
		vmk_core_bad_arg("NULL id");
		return VMK_BAD_PARAM;
	}
	/* NULL when there is no DMI or the firmware left the UUID unset. */
	uuid = dmi_get_system_info(DMI_PRODUCT_UUID);
	if (!uuid)
		return VMK_FAILURE;
	*id = uuid;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SystemGetIDString);

VMK_ReturnStatus vmk_SystemGetVersionInfo(vmk_SystemVersionInfo *info)
{
	/* The initial namespace's strings live as long as the kernel. */
	struct new_utsname *uts = init_utsname();

	if (!info) {
		vmk_core_bad_arg("NULL info");
		return VMK_BAD_PARAM;
	}
	info->productName = uts->sysname;
	info->productVersion = uts->release;
	info->buildVersion = uts->version;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_SystemGetVersionInfo);

struct vmk_system_reboot_handler {
	struct list_head link;
	struct vmk_core_resource res;
	vmk_ModuleID module;
	vmk_RebootHandler handler;
	void *data;
};

static LIST_HEAD(vmk_system_reboot_handlers);
/* Any context may register, hence irqsave. */
static DEFINE_SPINLOCK(vmk_system_reboot_lock);

static void vmk_system_reboot_describe(struct vmk_core_resource *res,
				       char *buf, size_t len)
{
	struct vmk_system_reboot_handler *h =
		container_of(res, struct vmk_system_reboot_handler, res);

	snprintf(buf, len, "%ps(%p)", h->handler, h->data);
}

/*
 * Whoever takes a handler off the list (unregister, the reboot walker or
 * this) owns it and frees it; if it is already off, the other one will.
 */
static void vmk_system_reboot_reclaim(struct vmk_core_resource *res)
{
	struct vmk_system_reboot_handler *h =
		container_of(res, struct vmk_system_reboot_handler, res);
	unsigned long flags;
	bool owned;

	spin_lock_irqsave(&vmk_system_reboot_lock, flags);
	owned = !list_empty(&h->link);
	if (owned)
		list_del_init(&h->link);
	spin_unlock_irqrestore(&vmk_system_reboot_lock, flags);
	if (owned) {
		vmk_core_resource_del(&h->res);
		kfree(h);
	}
}

static const struct vmk_core_resource_type vmk_system_reboot_type = {
	.kind = "reboot handler",
	.describe = vmk_system_reboot_describe,
	.reclaim = vmk_system_reboot_reclaim,
};

VMK_ReturnStatus __vmk_RegisterRebootHandler(vmk_ModuleID module,
					     vmk_RebootHandler handler,
					     void *data)
{
	struct vmk_system_reboot_handler *h;
	unsigned long flags;
	VMK_ReturnStatus status;

	if (!handler) {
		vmk_core_bad_arg("NULL reboot handler");
		return VMK_BAD_PARAM;
	}
	h = kzalloc(sizeof(*h), GFP_ATOMIC);
	if (!h)
		return VMK_NO_MEMORY;
	h->module = module;
	h->handler = handler;
	h->data = data;
	status = vmk_core_resource_add(&h->res, &vmk_system_reboot_type,
				       module);
	if (status != VMK_OK) {
		vmk_core_bad_arg("reboot handler %ps: module %d is not registered",
				 handler, module);
		kfree(h);
		return status;
	}
	spin_lock_irqsave(&vmk_system_reboot_lock, flags);
	list_add_tail(&h->link, &vmk_system_reboot_handlers);
	spin_unlock_irqrestore(&vmk_system_reboot_lock, flags);
	return VMK_OK;
}
VMKAPI_EXPORT(__vmk_RegisterRebootHandler);

VMK_ReturnStatus vmk_UnregisterRebootHandler(vmk_RebootHandler handler)
{
	struct vmk_system_reboot_handler *h, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&vmk_system_reboot_lock, flags);
	list_for_each_entry(h, &vmk_system_reboot_handlers, link) {
		if (h->handler == handler) {
			found = h;
			list_del_init(&h->link);
			break;
		}
	}
	spin_unlock_irqrestore(&vmk_system_reboot_lock, flags);
	if (!found) {
		vmk_core_bad_arg("reboot handler %ps is not registered",
				 handler);
		return VMK_NOT_FOUND;
	}
	vmk_core_resource_del(&found->res);
	kfree(found);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UnregisterRebootHandler);

/*
 * Call, in registration order, the handlers of @module (or of every module
 * for VMK_INVALID_MODULE_ID).  Each is taken off the list before it runs,
 * so it runs once and can neither be unregistered nor reclaimed under it.
 * Process context; returns how many ran.
 */
unsigned int vmk_core_system_run_reboot_handlers(vmk_ModuleID module)
{
	struct vmk_system_reboot_handler *h;
	unsigned long flags;
	unsigned int ran = 0;
	bool all = module == VMK_INVALID_MODULE_ID;

	/* Handlers may block. */
	vmk_core_assert_may_block();
	for (;;) {
		spin_lock_irqsave(&vmk_system_reboot_lock, flags);
		list_for_each_entry(h, &vmk_system_reboot_handlers, link) {
			if (all || h->module == module)
				goto found;
		}
		spin_unlock_irqrestore(&vmk_system_reboot_lock, flags);
		return ran;
found:
		list_del_init(&h->link);
		spin_unlock_irqrestore(&vmk_system_reboot_lock, flags);
		h->handler(h->data);
		vmk_core_resource_del(&h->res);
		kfree(h);
		ran++;
	}
}
EXPORT_SYMBOL_NS_GPL(vmk_core_system_run_reboot_handlers, VMKAPI_INTERNAL);

static int vmk_system_reboot_notify(struct notifier_block *nb,
				    unsigned long event, void *cmd)
{
	vmk_core_system_run_reboot_handlers(VMK_INVALID_MODULE_ID);
	return NOTIFY_DONE;
}

static struct notifier_block vmk_system_reboot_nb = {
	.notifier_call = vmk_system_reboot_notify,
};

int vmk_core_system_init(void)
{
	int ret = register_reboot_notifier(&vmk_system_reboot_nb);

	if (ret)
		return ret;
	atomic_notifier_chain_register(&panic_notifier_list,
				       &vmk_system_panic_nb);
	return 0;
}

void vmk_core_system_exit(void)
{
	atomic_notifier_chain_unregister(&panic_notifier_list,
					 &vmk_system_panic_nb);
	unregister_reboot_notifier(&vmk_system_reboot_nb);
	/* Modules holding handlers hold the core, so none can be left. */
	WARN_ON(!list_empty(&vmk_system_reboot_handlers));
}
