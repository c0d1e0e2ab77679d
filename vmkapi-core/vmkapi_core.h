/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the families of vmkapi.ko share; never included by drivers.
 */
#ifndef _VMKAPI_CORE_H_
#define _VMKAPI_CORE_H_

#define pr_fmt(fmt) "vmkapi: " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

#include "vmkapi.h"

/*
 * Every public function is exported GPL-only in one symbol namespace, so a
 * module that uses the API says so (MODULE_IMPORT_NS(VMKAPI), done by the
 * native stub) and modpost checks it.
 */
#define VMKAPI_EXPORT(sym)	EXPORT_SYMBOL_NS_GPL(sym, VMKAPI)

/*
 * A rejected argument: one line naming the caller, rate limited so a
 * buggy driver in a loop cannot flood the log.  The caller of the public
 * function is the interesting frame, hence the return address.
 */
#define vmk_core_bad_arg(fmt, ...)					\
	vmk_core_bad_arg_from(_RET_IP_, fmt, ##__VA_ARGS__)
/* The same, when the public entry point is not the current function. */
#define vmk_core_bad_arg_from(caller, fmt, ...)				\
	pr_warn_ratelimited("%s: bad argument from %pS: " fmt "\n",	\
			    __func__, (void *)(caller), ##__VA_ARGS__)

struct seq_file;

/* Context assertions for the debug kernel (might_sleep() and friends). */
#define vmk_core_assert_may_block()	might_sleep()

/* The core registers itself as the "vmkernel" module, ID 0. */
#define VMK_CORE_MODULE_NAME	"vmkapi"

/* module.c */
int vmk_core_module_init(void);
void vmk_core_module_exit(void);
bool vmk_core_module_is_registered(vmk_ModuleID id);
int vmk_core_module_name(vmk_ModuleID id, char *buf, size_t len);
void vmk_core_module_show(struct seq_file *m);

/* log.c */
int vmk_core_log_init(void);
void vmk_core_log_exit(void);
unsigned int vmk_core_log_release_module(vmk_ModuleID id);
void vmk_core_log_show(struct seq_file *m);
int vmk_core_log_set_by_name(const char *module, const char *component,
			     int level);
/* For the KUnit suites (namespace VMKAPI_INTERNAL) and the debugfs view. */
int vmk_core_log_stats(vmk_LogComponent handle, u64 *printed, u64 *throttled);

/* status.c */
unsigned int vmk_core_status_count(void);

/* debugfs.c */
void vmk_core_debugfs_init(void);
void vmk_core_debugfs_exit(void);

#endif /* _VMKAPI_CORE_H_ */
