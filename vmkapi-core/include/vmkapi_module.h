/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module registration, identity, use counts and the default heap
 * (reference sections 4 and 5).
 *
 * A native driver never calls vmk_ModuleRegister() itself: the build links
 * a small stub into every native module (vmkapi-core/native/) that
 * registers the module with the API revision it was compiled against,
 * stores the ID in vmk_ModuleCurrentID, and only then calls the driver's
 * own init_module().  On unload the stub calls cleanup_module() and then
 * unregisters.
 */
#ifndef _VMKAPI_MODULE_H_
#define _VMKAPI_MODULE_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef int vmk_ModuleID;

#define VMK_INVALID_MODULE_ID	((vmk_ModuleID)-1)
#define VMK_VMKERNEL_MODULE_ID	0
#define VMK_MODULE_NAME_MAX	32

/* This module's ID; valid from before init_module() until after cleanup. */
extern vmk_ModuleID vmk_ModuleCurrentID;

/*
 * vmk_ModuleRegister - register the calling module with the core.
 * @id: where to store the new ID.
 * @vmkApiModRevision: VMKAPI_REVISION as the caller was compiled.
 * A macro over __vmk_ModuleRegister() so the core learns which Linux
 * module is registering (THIS_MODULE at the call site): that is what ties
 * use counts and unload to the module.  Source compatible; only taking
 * its address is not.
 * Context: process context; may block.
 * Returns VMK_OK; VMK_BAD_PARAM for a NULL @id or a caller that is not a
 * loadable module; VMK_VERSION_MISMATCH_MAJOR when the major revision differs from
 * the core's, VMK_VERSION_MISMATCH_MINOR when the caller needs a newer
 * minor revision than the core provides; VMK_EXISTS when that module is
 * already registered; VMK_NO_MEMORY.
 */
#include <linux/export.h>
struct module;
VMK_ReturnStatus __vmk_ModuleRegister(struct module *owner, vmk_ModuleID *id,
				      vmk_uint32 vmkApiModRevision);
#define vmk_ModuleRegister(id, vmkApiModRevision) \
	__vmk_ModuleRegister(THIS_MODULE, id, vmkApiModRevision)

/*
 * vmk_ModuleUnregister - forget a module registered with vmk_ModuleRegister.
 * Context: process context; may block.
 * Returns VMK_OK; VMK_INVALID_MODULE for an ID that is not registered
 * (including a second unregister); VMK_BUSY while its use count is not
 * zero.  Log components the module left registered are reported and freed.
 */
VMK_ReturnStatus vmk_ModuleUnregister(vmk_ModuleID id);

/*
 * vmk_ModuleSetHeapID - set the module's default heap, once.
 * Context: any; does not block.  Later assignments are ignored (and
 * logged), except that VMK_INVALID_HEAP_ID clears the slot, so a driver
 * can detach its heap before destroying it as native drivers do.
 */
void vmk_ModuleSetHeapID(vmk_ModuleID module, vmk_HeapID heap);

/*
 * vmk_ModuleGetHeapID - the module's default heap.
 * Context: any; does not block.
 * Returns VMK_INVALID_HEAP_ID when none is set or @module is unknown.
 */
vmk_HeapID vmk_ModuleGetHeapID(vmk_ModuleID module);

/*
 * vmk_ModuleGetID - look a registered module up by name.
 * Context: any; does not block.
 * Returns VMK_INVALID_MODULE_ID when no such module is registered.
 */
vmk_ModuleID vmk_ModuleGetID(const char *moduleName);

/*
 * vmk_ModuleGetName - copy a module's name into @moduleName.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_NOT_FOUND for an unknown ID or a module whose init
 * has not returned yet; VMK_BAD_PARAM for a NULL buffer or one too small
 * for the name and its NUL.
 */
VMK_ReturnStatus vmk_ModuleGetName(vmk_ModuleID module, char *moduleName,
				   vmk_ByteCountSmall len);

/*
 * vmk_ModuleGetDebugID - a 64-bit rendering of @module for debug output.
 * Context: any; does not block.
 */
vmk_uint64 vmk_ModuleGetDebugID(vmk_ModuleID module);

/*
 * vmk_ModuleIncUseCount - take a use reference on @module.
 * While the count is not zero the Linux module cannot be unloaded
 * (rmmod fails with EWOULDBLOCK/EBUSY), as vmkload_mod -u fails on ESXi.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_NOT_FOUND for an unknown ID; VMK_MODULE_NOT_LOADED
 * when the module is being unloaded.
 */
VMK_ReturnStatus vmk_ModuleIncUseCount(vmk_ModuleID module);

/*
 * vmk_ModuleDecUseCount - drop a reference taken by vmk_ModuleIncUseCount.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_NOT_FOUND for an unknown ID; VMK_BAD_PARAM when
 * the count is already zero (nothing changes).
 */
VMK_ReturnStatus vmk_ModuleDecUseCount(vmk_ModuleID module);

/*
 * Module metadata, stored in the Linux .modinfo section so modinfo(8)
 * shows it.  The license decides symbol binding exactly as on ESXi: the
 * API is exported GPL-only, so only GPL-compatible modules can bind to it.
 */
#define VMK_MODULE_LICENSE_VMWARE	"Proprietary"
#define VMK_MODULE_LICENSE_GPLV2	"GPL v2"
#define VMK_MODULE_LICENSE_BSD		"Dual BSD/GPL"
#define __VMK_MODULE_LICENSE_THIRD_PARTY "Proprietary"

#define __VMK_MODINFO(tag, value)					\
	static const char __vmk_modinfo_##tag[]				\
	__attribute__((section(".modinfo"), used, aligned(1))) =	\
		#tag "=" value

#define VMK_VERSION_INFO(string)	__VMK_MODINFO(version, string)
#define VMK_LICENSE_INFO(string)	__VMK_MODINFO(license, string)
#define VMK_THIRD_PARTY_LICENSE_INFO(string) \
	__VMK_MODINFO(license, __VMK_MODULE_LICENSE_THIRD_PARTY)

/*
 * Symbol name-spaces (reference section 4).  On ESXi the loader binds a
 * module only if every name-space it requires is provided at that
 * version.  Here binding is Linux's (the VMKAPI symbol namespace, imported
 * by the native stub), so the declarations are recorded as metadata only:
 * "ns#ver" under the tags vmk_ns_required / vmk_ns_provides, shown by
 * `modinfo -F vmk_ns_required module.ko`.  A file may use either macro
 * any number of times; __COUNTER__ keeps the hidden arrays distinct.
 */
#ifndef VMK_NAMESPACE_VMKAPI_INCOMPAT
#define VMK_NAMESPACE_VMKAPI_INCOMPAT	"com.vmware.vmkapi.incompat"
#endif

#define __VMK_MODINFO_UNIQUE3(tag, n, value)				\
	static const char __vmk_modinfo_##tag##_##n[]			\
	__attribute__((section(".modinfo"), used, aligned(1))) =	\
		#tag "=" value
#define __VMK_MODINFO_UNIQUE2(tag, n, value)				\
	__VMK_MODINFO_UNIQUE3(tag, n, value)
#define __VMK_MODINFO_UNIQUE(tag, value)				\
	__VMK_MODINFO_UNIQUE2(tag, __COUNTER__, value)

#define VMK_NAMESPACE_REQUIRED(namespace, version)			\
	__VMK_MODINFO_UNIQUE(vmk_ns_required, namespace "#" version)
#define VMK_NAMESPACE_PROVIDES(namespace, version)			\
	__VMK_MODINFO_UNIQUE(vmk_ns_provides, namespace "#" version)

/*
 * Module parameters (reference section 5) on Linux's module_param
 * machinery, so they are set with insmod/modprobe arguments and show in
 * /sys/module/<name>/parameters.  Types are Linux's names, which are the
 * ones the reference lists: int, uint, long, ulong, short, ushort, charp,
 * bool (the variable must be a C bool), byte; strings are copied into a
 * char array with VMK_MODPARAM_STRING.
 */
#include <linux/moduleparam.h>

#define VMK_MODPARAM_NAMED(name, var, type, desc)			\
	module_param_named(name, var, type, 0444);			\
	MODULE_PARM_DESC(name, desc)
#define VMK_MODPARAM(name, type, desc)					\
	VMK_MODPARAM_NAMED(name, name, type, desc)
#define VMK_MODPARAM_ARRAY_NAMED(name, var, type, nump, desc)		\
	module_param_array_named(name, var, type, nump, 0444);		\
	MODULE_PARM_DESC(name, desc)
#define VMK_MODPARAM_ARRAY(name, type, nump, desc)			\
	VMK_MODPARAM_ARRAY_NAMED(name, name, type, nump, desc)
#define VMK_MODPARAM_STRING_NAMED(name, string, len, desc)		\
	module_param_string(name, string, len, 0444);			\
	MODULE_PARM_DESC(name, desc)
#define VMK_MODPARAM_STRING(name, len, desc)				\
	VMK_MODPARAM_STRING_NAMED(name, name, len, desc)

#endif /* _VMKAPI_MODULE_H_ */
