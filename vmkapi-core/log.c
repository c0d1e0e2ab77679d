// SPDX-License-Identifier: GPL-2.0
/*
 * Log components.
 *
 * Handles are pointers handed to drivers, and drivers get them wrong
 * (use after unregister, never registered).  Every call therefore checks
 * the handle against a hash of live components before touching it, under
 * RCU so that the check costs no lock on the logging fast path and works
 * in any context, including an interrupt acknowledge.
 */
#include "vmkapi_core.h"

#include <linux/hashtable.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct vmk_LogComponentInt {
	struct hlist_node node;
	struct rcu_head rcu;
	vmk_Name name;
	vmk_ModuleID module;
	vmk_HeapID heap;
	atomic_t level;
	vmk_LogThrottleType throttle;
	vmk_LogThrottleFunc throttler;
	void *throttler_arg;
	/* Messages that passed the level filter, for COUNT throttling. */
	atomic64_t seen;
	/* What reached printk, and what a throttle held back. */
	atomic64_t printed;
	atomic64_t throttled;
	/* Registration order (from 1), for the management plane's dumps. */
	u64 serial;
};

static atomic64_t vmk_log_serial = ATOMIC64_INIT(0);

#define VMK_LOG_HASH_BITS	6
static DEFINE_HASHTABLE(vmk_log_components, VMK_LOG_HASH_BITS);
/* Writers only; taken with interrupts off as register may run anywhere. */
static DEFINE_SPINLOCK(vmk_log_lock);

/* Caller holds rcu_read_lock() or vmk_log_lock. */
static struct vmk_LogComponentInt *vmk_log_lookup(vmk_LogComponent handle)
{
	struct vmk_LogComponentInt *comp;

	if (!handle)
		return NULL;
	hash_for_each_possible_rcu(vmk_log_components, comp, node,
				   (unsigned long)handle,
				   lockdep_is_held(&vmk_log_lock))
		if (comp == handle)
			return comp;
	return NULL;
}

/* Caller holds rcu_read_lock() or vmk_log_lock. */
static struct vmk_LogComponentInt *vmk_log_find(vmk_ModuleID module,
						const char *name)
{
	struct vmk_LogComponentInt *comp;
	int bkt;

	hash_for_each_rcu(vmk_log_components, bkt, comp, node)
		if (comp->module == module &&
		    !strncmp(comp->name.string, name, VMK_MISC_NAME_MAX))
			return comp;
	return NULL;
}

static VMK_ReturnStatus vmk_log_check_props(const vmk_LogProperties *props,
					    unsigned long caller)
{
	const vmk_LogThrottleProperties *throttle = props->throttle;
	size_t len = strnlen(props->name.string, VMK_MISC_NAME_MAX);

	if (len == 0 || len == VMK_MISC_NAME_MAX) {
		vmk_core_bad_arg_from(caller,
				      "log component name is empty or unterminated");
		return VMK_INVALID_NAME;
	}
	if (!throttle)
		return VMK_OK;
	switch (throttle->type) {
	case VMK_LOG_THROTTLE_NONE:
	case VMK_LOG_THROTTLE_COUNT:
		return VMK_OK;
	case VMK_LOG_THROTTLE_CUSTOM:
		if (throttle->info.custom.throttler)
			return VMK_OK;
		break;
	}
	vmk_core_bad_arg_from(caller, "log component %s: bad throttle type %d",
			      props->name.string, throttle->type);
	return VMK_BAD_PARAM;
}

VMK_ReturnStatus vmk_LogRegister(const vmk_LogProperties *props,
				 vmk_LogComponent *handle)
{
	struct vmk_LogComponentInt *comp;
	unsigned long flags;
	VMK_ReturnStatus status;

	if (!props || !handle) {
		vmk_core_bad_arg("props %p handle %p", props, handle);
		return VMK_BAD_PARAM;
	}
	status = vmk_log_check_props(props, _RET_IP_);
	if (status != VMK_OK)
		return status;
	if (!vmk_core_module_is_registered(props->module)) {
		vmk_core_bad_arg("log component %s: module %d is not registered",
				 props->name.string, props->module);
		return VMK_INVALID_MODULE;
	}

	comp = kzalloc(sizeof(*comp), GFP_ATOMIC);
	if (!comp)
		return VMK_NO_MEMORY;
	vmk_NameCopy(&comp->name, &props->name);
	comp->module = props->module;
	comp->heap = props->heap;
	atomic_set(&comp->level, props->defaultLevel);
	atomic64_set(&comp->seen, 0);
	atomic64_set(&comp->printed, 0);
	atomic64_set(&comp->throttled, 0);
	comp->throttle = VMK_LOG_THROTTLE_NONE;
	if (props->throttle) {
		comp->throttle = props->throttle->type;
		comp->throttler = props->throttle->info.custom.throttler;
		comp->throttler_arg = props->throttle->info.custom.arg;
	}

	spin_lock_irqsave(&vmk_log_lock, flags);
	if (vmk_log_find(comp->module, comp->name.string)) {
		spin_unlock_irqrestore(&vmk_log_lock, flags);
		kfree(comp);
		return VMK_EXISTS;
	}
	comp->serial = atomic64_inc_return(&vmk_log_serial);
	hash_add_rcu(vmk_log_components, &comp->node, (unsigned long)comp);
	spin_unlock_irqrestore(&vmk_log_lock, flags);

	*handle = comp;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_LogRegister);

VMK_ReturnStatus vmk_LogUnregister(vmk_LogComponent handle)
{
	struct vmk_LogComponentInt *comp;
	unsigned long flags;

	spin_lock_irqsave(&vmk_log_lock, flags);
	comp = vmk_log_lookup(handle);
	if (comp)
		hash_del_rcu(&comp->node);
	spin_unlock_irqrestore(&vmk_log_lock, flags);

	if (!comp) {
		vmk_core_bad_arg("log component %p is not registered", handle);
		return VMK_NOT_FOUND;
	}
	kfree_rcu(comp, rcu);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_LogUnregister);

vmk_ByteCount vmk_LogHeapAllocSize(void)
{
	return sizeof(struct vmk_LogComponentInt);
}
VMKAPI_EXPORT(vmk_LogHeapAllocSize);

/*
 * The name is returned as a pointer into the component, which the caller
 * keeps alive by holding the handle; it is not copied.
 */
const char *vmk_LogGetName(vmk_LogComponent handle)
{
	struct vmk_LogComponentInt *comp;
	const char *name = "(invalid)";

	rcu_read_lock();
	comp = vmk_log_lookup(handle);
	if (comp)
		name = comp->name.string;
	rcu_read_unlock();
	return name;
}
VMKAPI_EXPORT(vmk_LogGetName);

vmk_int32 vmk_LogGetCurrentLogLevel(vmk_LogComponent handle)
{
	struct vmk_LogComponentInt *comp;
	vmk_int32 level = 0;

	rcu_read_lock();
	comp = vmk_log_lookup(handle);
	if (comp)
		level = atomic_read(&comp->level);
	rcu_read_unlock();
	return level;
}
VMKAPI_EXPORT(vmk_LogGetCurrentLogLevel);

VMK_ReturnStatus vmk_LogSetCurrentLogLevel(vmk_LogComponent handle,
					   vmk_int32 level)
{
	struct vmk_LogComponentInt *comp;

	rcu_read_lock();
	comp = vmk_log_lookup(handle);
	if (comp)
		atomic_set(&comp->level, level);
	rcu_read_unlock();
	if (!comp) {
		vmk_core_bad_arg("log component %p is not registered", handle);
		return VMK_NOT_FOUND;
	}
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_LogSetCurrentLogLevel);

VMK_ReturnStatus vmk_LogFindLogComponentByName(vmk_ModuleID id,
					       const vmk_Name *name,
					       vmk_LogComponent *handle)
{
	struct vmk_LogComponentInt *comp;

	if (!name || !handle) {
		vmk_core_bad_arg("name %p handle %p", name, handle);
		return VMK_BAD_PARAM;
	}
	rcu_read_lock();
	comp = vmk_log_find(id, name->string);
	rcu_read_unlock();
	if (!comp)
		return VMK_NOT_FOUND;
	*handle = comp;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_LogFindLogComponentByName);

/* The urgency picks the printk level of the message. */
static void vmk_log_emit(vmk_LogUrgency urgency, const char *fmt, va_list ap)
{
	struct va_format vaf;
	va_list args;

	/* A va_list parameter is a pointer; %pV needs a real one. */
	va_copy(args, ap);
	vaf.fmt = fmt;
	vaf.va = &args;
	switch (urgency) {
	case VMK_LOG_URGENCY_DEBUG:
		printk(KERN_DEBUG "%pV", &vaf);
		break;
	case VMK_LOG_URGENCY_WARNING:
		printk(KERN_WARNING "%pV", &vaf);
		break;
	case VMK_LOG_URGENCY_ALERT:
		printk(KERN_ALERT "%pV", &vaf);
		break;
	case VMK_LOG_URGENCY_NORMAL:
	default:
		printk(KERN_INFO "%pV", &vaf);
		break;
	}
	va_end(args);
}

/*
 * COUNT throttling logs the 1st, 2nd, 4th, 8th, ... message, so a storm
 * still shows in the log, at a rate that falls off by itself.
 */
static bool vmk_log_throttle_allows(struct vmk_LogComponentInt *comp)
{
	u64 nth;

	switch (comp->throttle) {
	case VMK_LOG_THROTTLE_COUNT:
		nth = atomic64_inc_return(&comp->seen);
		return is_power_of_2(nth);
	case VMK_LOG_THROTTLE_CUSTOM:
		return comp->throttler(comp->throttler_arg);
	case VMK_LOG_THROTTLE_NONE:
	default:
		return true;
	}
}

/* @caller: the driver's call site, for the bad-argument line. */
static VMK_ReturnStatus vmk_log_level(vmk_LogUrgency urgency,
				      vmk_LogComponent handle, vmk_int32 level,
				      const char *fmt, va_list ap,
				      unsigned long caller)
{
	struct vmk_LogComponentInt *comp;
	VMK_ReturnStatus status = VMK_OK;

	if (!fmt) {
		vmk_core_bad_arg_from(caller, "NULL format");
		return VMK_BAD_PARAM;
	}
	rcu_read_lock();
	comp = vmk_log_lookup(handle);
	if (!comp) {
		status = VMK_NOT_FOUND;
	} else if (atomic_read(&comp->level) < level) {
		/* Filtered by level: neither printed nor throttled. */
	} else if (!vmk_log_throttle_allows(comp)) {
		atomic64_inc(&comp->throttled);
	} else {
		atomic64_inc(&comp->printed);
		vmk_log_emit(urgency, fmt, ap);
	}
	rcu_read_unlock();
	if (status == VMK_NOT_FOUND)
		vmk_core_bad_arg_from(caller, "log component %p is not registered",
				      handle);
	return status;
}

VMK_ReturnStatus vmk_vLogLevel(vmk_LogUrgency urgency,
			       vmk_LogComponent handle, vmk_int32 level,
			       const char *fmt, va_list ap)
{
	return vmk_log_level(urgency, handle, level, fmt, ap, _RET_IP_);
}
VMKAPI_EXPORT(vmk_vLogLevel);

VMK_ReturnStatus vmk_LogLevel(vmk_LogUrgency urgency, vmk_LogComponent handle,
			      vmk_int32 level, const char *fmt, ...)
{
	VMK_ReturnStatus status;
	va_list ap;

	va_start(ap, fmt);
	status = vmk_log_level(urgency, handle, level, fmt, ap, _RET_IP_);
	va_end(ap);
	return status;
}
VMKAPI_EXPORT(vmk_LogLevel);

/* @caller: the driver's call site, for the bad-argument line. */
static VMK_ReturnStatus vmk_log_no_level(vmk_LogUrgency urgency,
					 const char *fmt, va_list ap,
					 unsigned long caller)
{
	if (!fmt) {
		vmk_core_bad_arg_from(caller, "NULL format");
		return VMK_BAD_PARAM;
	}
	vmk_log_emit(urgency, fmt, ap);
	return VMK_OK;
}

VMK_ReturnStatus vmk_vLogNoLevel(vmk_LogUrgency urgency, const char *fmt,
				 va_list ap)
{
	return vmk_log_no_level(urgency, fmt, ap, _RET_IP_);
}
VMKAPI_EXPORT(vmk_vLogNoLevel);

VMK_ReturnStatus vmk_LogNoLevel(vmk_LogUrgency urgency, const char *fmt, ...)
{
	VMK_ReturnStatus status;
	va_list ap;

	va_start(ap, fmt);
	status = vmk_log_no_level(urgency, fmt, ap, _RET_IP_);
	va_end(ap);
	return status;
}
VMKAPI_EXPORT(vmk_LogNoLevel);

VMK_ReturnStatus vmk_LogBacktrace(vmk_LogComponent handle)
{
	const char *name;
	bool valid;

	rcu_read_lock();
	valid = vmk_log_lookup(handle) != NULL;
	name = valid ? handle->name.string : NULL;
	if (valid)
		pr_info("%s: backtrace:\n", name);
	rcu_read_unlock();
	if (!valid) {
		vmk_core_bad_arg("log component %p is not registered", handle);
		return VMK_NOT_FOUND;
	}
	dump_stack_lvl(KERN_INFO);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_LogBacktrace);

VMK_ReturnStatus vmk_LogBacktraceMessage(void)
{
	dump_stack_lvl(KERN_INFO);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_LogBacktraceMessage);

/* Called with the module registry's mutex held, on unregister. */
unsigned int vmk_core_log_release_module(vmk_ModuleID id)
{
	struct vmk_LogComponentInt *comp;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int released = 0;
	int bkt;

	spin_lock_irqsave(&vmk_log_lock, flags);
	hash_for_each_safe(vmk_log_components, bkt, tmp, comp, node) {
		if (comp->module != id)
			continue;
		pr_warn("log component %s of module %d was not unregistered\n",
			comp->name.string, id);
		hash_del_rcu(&comp->node);
		kfree_rcu(comp, rcu);
		released++;
	}
	spin_unlock_irqrestore(&vmk_log_lock, flags);
	return released;
}

void vmk_core_log_show(struct seq_file *m)
{
	struct vmk_LogComponentInt *comp;
	char module[VMK_MODULE_NAME_MAX];
	int bkt;

	seq_printf(m, "%-24s %-32s %-6s %-8s %-10s %s\n", "module",
		   "component", "level", "throttle", "printed", "throttled");
	rcu_read_lock();
	hash_for_each_rcu(vmk_log_components, bkt, comp, node) {
		if (vmk_core_module_name(comp->module, module, sizeof(module)))
			strscpy(module, "?", sizeof(module));
		seq_printf(m, "%-24s %-32s %-6d %-8s %-10lld %lld\n", module,
			   comp->name.string, atomic_read(&comp->level),
			   comp->throttle == VMK_LOG_THROTTLE_COUNT ? "count" :
			   comp->throttle == VMK_LOG_THROTTLE_CUSTOM ? "custom" :
			   "none", atomic64_read(&comp->printed),
			   atomic64_read(&comp->throttled));
	}
	rcu_read_unlock();
}

int vmk_core_log_set_by_name(const char *module, const char *component,
			     int level)
{
	struct vmk_LogComponentInt *comp;
	vmk_ModuleID id = vmk_ModuleGetID(module);
	int ret = -ENOENT;

	if (id == VMK_INVALID_MODULE_ID)
		return -ENOENT;
	rcu_read_lock();
	comp = vmk_log_find(id, component);
	if (comp) {
		atomic_set(&comp->level, level);
		ret = 0;
	}
	rcu_read_unlock();
	return ret;
}

int vmk_core_log_stats(vmk_LogComponent handle, u64 *printed, u64 *throttled)
{
	struct vmk_LogComponentInt *comp;

	rcu_read_lock();
	comp = vmk_log_lookup(handle);
	if (comp) {
		*printed = atomic64_read(&comp->printed);
		*throttled = atomic64_read(&comp->throttled);
	}
	rcu_read_unlock();
	return comp ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_log_stats, VMKAPI_INTERNAL);

static void vmk_log_fill_info(struct vmk_LogComponentInt *comp,
			      struct vmk_core_log_info *info)
{
	info->id = comp->serial;
	info->module = comp->module;
	strscpy(info->name, comp->name.string, sizeof(info->name));
	info->level = atomic_read(&comp->level);
	info->throttle = comp->throttle;
	info->printed = atomic64_read(&comp->printed);
	info->throttled = atomic64_read(&comp->throttled);
}

/*
 * For the management plane (genl.c): the component registered first
 * among those with serial >= @from (a dump resumes after the last one it
 * sent), and one component by module and name.  Never block.
 */
int vmk_core_log_next(u64 from, struct vmk_core_log_info *info)
{
	struct vmk_LogComponentInt *comp, *best = NULL;
	int bkt;

	rcu_read_lock();
	hash_for_each_rcu(vmk_log_components, bkt, comp, node)
		if (comp->serial >= from &&
		    (!best || comp->serial < best->serial))
			best = comp;
	if (best)
		vmk_log_fill_info(best, info);
	rcu_read_unlock();
	return best ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_log_next, VMKAPI_INTERNAL);

int vmk_core_log_get(vmk_ModuleID module, const char *name,
		     struct vmk_core_log_info *info)
{
	struct vmk_LogComponentInt *comp;

	rcu_read_lock();
	comp = vmk_log_find(module, name);
	if (comp)
		vmk_log_fill_info(comp, info);
	rcu_read_unlock();
	return comp ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_log_get, VMKAPI_INTERNAL);

/* As vmk_LogSetCurrentLogLevel, by module and name; -ENOENT. */
int vmk_core_log_set(vmk_ModuleID module, const char *name, int level)
{
	struct vmk_LogComponentInt *comp;

	rcu_read_lock();
	comp = vmk_log_find(module, name);
	if (comp)
		atomic_set(&comp->level, level);
	rcu_read_unlock();
	return comp ? 0 : -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_log_set, VMKAPI_INTERNAL);

int vmk_core_log_init(void)
{
	return 0;
}

void vmk_core_log_exit(void)
{
	/* Components die with their modules; the core's own go here. */
	vmk_core_log_release_module(VMK_VMKERNEL_MODULE_ID);
	rcu_barrier();
}
