/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the families of vmkapi.ko share; never included by drivers.
 */
#ifndef _VMKAPI_CORE_H_
#define _VMKAPI_CORE_H_

#define pr_fmt(fmt) "vmkapi: " fmt

#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/types.h>

#include "vmkapi.h"
#include "vmkapi_internal.h"

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
struct vmk_core_module;

/* Context assertions for the debug kernel (might_sleep() and friends). */
#define vmk_core_assert_may_block()	might_sleep()

/*
 * "May be descheduled involuntarily" (a contended VMK spinlock): every
 * context but hard interrupt and NMI, so an acknowledge callback or other
 * hard-IRQ code taking such a lock is reported in the debug kernel.
 */
#define vmk_core_assert_may_deschedule()				\
	do {								\
		if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP))		\
			WARN_ON_ONCE(in_hardirq() || in_nmi());		\
	} while (0)

/*
 * Death pending: the current world is being destroyed.  For a world made
 * by vmk_WorldCreate that is vmk_WorldDestroy's flag (world.c: a kill
 * does not wait, so it cannot be kthread_stop()); any other kthread is
 * dying once kthread_stop() was called on it, and a user context once it
 * has a fatal signal pending.  Waits, sleeps and contended lock
 * acquisitions check this and return VMK_DEATH_PENDING.
 */
static inline bool vmk_core_death_pending(void)
{
	if (current->flags & PF_KTHREAD)
		return kthread_should_stop() || vmk_core_world_dying();
	return fatal_signal_pending(current);
}

/*
 * Module resources: every object a module creates (heap, slab, lock,
 * semaphore, ...) is registered against its module, so that
 * vmk_ModuleUnregister can refuse with
 * VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO while any is live, and a
 * module that unloads anyway (Linux cannot veto a module's exit once it
 * has run) has each leftover reported by name and reclaimed.
 */
struct vmk_core_resource;

struct vmk_core_resource_type {
	const char *kind;
	/* One line for the leak report: the object's name and state. */
	void (*describe)(struct vmk_core_resource *res, char *buf, size_t len);
	/*
	 * Destroy an object whose module went away without destroying it.
	 * Called in process context with no locks held; it calls
	 * vmk_core_resource_del() like a normal destroy would (a no-op here).
	 */
	void (*reclaim)(struct vmk_core_resource *res);
};

struct vmk_core_resource {
	struct list_head link;
	const struct vmk_core_resource_type *type;
	/* The owner's registry entry; NULL once removed. */
	struct vmk_core_module *owner;
};

/* Not in hard IRQ; never blocks.  VMK_INVALID_MODULE if not registered. */
VMK_ReturnStatus vmk_core_resource_add(struct vmk_core_resource *res,
				       const struct vmk_core_resource_type *type,
				       vmk_ModuleID module);
/* Never blocks; a second call (or one after reclaim) does nothing. */
void vmk_core_resource_del(struct vmk_core_resource *res);

/* The core registers itself as the "vmkernel" module, ID 0. */
#define VMK_CORE_MODULE_NAME	"vmkapi"

/* module.c */
int vmk_core_module_init(void);
void vmk_core_module_exit(void);
bool vmk_core_module_is_registered(vmk_ModuleID id);
int vmk_core_module_name(vmk_ModuleID id, char *buf, size_t len);
void vmk_core_module_show(struct seq_file *m);
/* How many resources @id holds; -1 if it is not registered. */
int vmk_core_module_resource_count(vmk_ModuleID id);

/* log.c */
int vmk_core_log_init(void);
void vmk_core_log_exit(void);
unsigned int vmk_core_log_release_module(vmk_ModuleID id);
void vmk_core_log_show(struct seq_file *m);
int vmk_core_log_set_by_name(const char *module, const char *component,
			     int level);

/*
 * handle.c: the set of live handles of every kind.  Objects are added
 * once fully built and deleted before they are freed (with RCU: free
 * them with kfree_rcu or after synchronize_rcu).  find() needs
 * rcu_read_lock() held, and the object stays valid until it is dropped.
 */
enum vmk_core_handle_kind {
	VMK_CORE_HANDLE_HEAP = 1,
	VMK_CORE_HANDLE_SLAB,
	VMK_CORE_HANDLE_SEMA,		/* sema.c */
	VMK_CORE_HANDLE_RWSEMA,		/* sema.c */
	VMK_CORE_HANDLE_MUTEX,		/* mutex.c */
	VMK_CORE_HANDLE_HASH,
	VMK_CORE_HANDLE_HELPER,	/* helper.c */
	VMK_CORE_HANDLE_TIMERQ,	/* timer.c */
	VMK_CORE_HANDLE_WORLDLET,	/* worldlet.c */
	VMK_CORE_HANDLE_BH,		/* bh.c */
	VMK_CORE_HANDLE_SGOPS,		/* sg.c */
	VMK_CORE_HANDLE_SGCOMPOPS,	/* sg.c */
	VMK_CORE_HANDLE_DEVICE,		/* devmgr/ */
	VMK_CORE_HANDLE_DRIVER,		/* devmgr/ */
	VMK_CORE_HANDLE_BUSTYPE,	/* devmgr/ */
	VMK_CORE_HANDLE_PCIDEV,		/* pci.c */
	VMK_CORE_HANDLE_DMAENGINE,	/* dma.c */
	VMK_CORE_HANDLE_CHARDEV,	/* chardev.c */
	VMK_CORE_HANDLE_PCIITER,	/* pci.c */
	VMK_CORE_HANDLE_IORESV,		/* ioresource.c */
	VMK_CORE_HANDLE_MGMT,		/* mgmt.c */
	VMK_CORE_HANDLE_UPLINK,		/* uplink.c */
	VMK_CORE_HANDLE_NETPOLL,	/* netpoll.c */
};

struct vmk_core_handle {
	struct hlist_node link;
	const void *key;
	enum vmk_core_handle_kind kind;
};

void vmk_core_handle_add(struct vmk_core_handle *handle, const void *key,
			 enum vmk_core_handle_kind kind);
void vmk_core_handle_del(struct vmk_core_handle *handle);
#define VMK_CORE_HANDLE_BITS	8
extern struct hlist_head vmk_core_handles[1 << VMK_CORE_HANDLE_BITS];

/* Inline: it is on the path of every call that takes a handle. */
static inline struct vmk_core_handle *
vmk_core_handle_find(const void *key, enum vmk_core_handle_kind kind)
{
	struct vmk_core_handle *handle;

	if (!key)
		return NULL;
	hlist_for_each_entry_rcu(handle,
				 &vmk_core_handles[hash_min((unsigned long)key,
							    VMK_CORE_HANDLE_BITS)],
				 link)
		if (handle->key == key && handle->kind == kind)
			return handle;
	return NULL;
}

/*
 * The first physical address a range constraint excludes (0: none).
 * GFP_DMA32 gives "below 4 GB"; allocators check the tighter ones.
 */
static inline phys_addr_t vmk_core_phys_limit(vmk_MemPhysAddrConstraint range)
{
	switch (range) {
	case VMK_PHYS_ADDR_BELOW_2GB:
		return SZ_2G;
	case VMK_PHYS_ADDR_BELOW_4GB:
		return SZ_4G;
	case VMK_PHYS_ADDR_BELOW_512GB:
		return (phys_addr_t)512 << 30;
	default:
		return 0;
	}
}

/* heap.c (vmk_core_heap_stats: vmkapi_internal.h) */
void vmk_core_heap_show(struct seq_file *m);

/* slab.c (vmk_core_slab_stats: vmkapi_internal.h) */
void vmk_core_slab_show(struct seq_file *m);

/* status.c */
unsigned int vmk_core_status_count(void);

/* debugfs.c */
void vmk_core_debugfs_init(void);
void vmk_core_debugfs_exit(void);

/*
 * mempool.c: vmk_core_mempool_charge/uncharge, for heaps drawing from a
 * memory pool, are declared in vmkapi_internal.h (the KUnit suite calls
 * them too).
 */
/* system.c */
int vmk_core_system_init(void);
void vmk_core_system_exit(void);
void vmk_core_system_set_panicking(void);

/* vmk_core_bad_arg_from, from a helper, naming the public function @api. */
#define vmk_core_bad_arg_api(api, caller, fmt, ...)			\
	pr_warn_ratelimited("%s: bad argument from %pS: " fmt "\n",	\
			    api, (void *)(caller), ##__VA_ARGS__)
/* Debug assertions (vmk_SemaAssert... and friends) run on debug kernels. */
#define vmk_core_debug_checks()	IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP)

/*
 * lock_class.c: the lockdep class of the locks created at @site (a return
 * address) with @name and a family-chosen @variant.  Counted: each get
 * is undone by one put when the lock is destroyed.  Never blocks; NULL
 * without lockdep or memory, and then key/name give a shared fallback.
 */
struct lock_class_key;
struct vmk_core_lock_class;
struct vmk_core_lock_class *vmk_core_lock_class_get(unsigned long site,
						    const char *name,
						    u64 variant);
void vmk_core_lock_class_put(struct vmk_core_lock_class *cls);
struct lock_class_key *vmk_core_lock_class_key(struct vmk_core_lock_class *cls);
const char *vmk_core_lock_class_name(struct vmk_core_lock_class *cls,
				     const char *fallback);
void vmk_core_lock_class_exit(void);

/*
 * handle.c, continued.  A handle-table entry for an object whose memory
 * is freed at once (it belongs to a driver's heap): the entry itself outlives it by an RCU
 * grace period.  add: -ENOMEM or 0.  del: false when @obj was
 * not (or no longer) live, so only one of two racing destroys frees it.
 */
int vmk_core_handle_add_detached(const void *obj,
				 enum vmk_core_handle_kind kind);
bool vmk_core_handle_del_detached(const void *obj,
				  enum vmk_core_handle_kind kind);
bool vmk_core_handle_live(const void *obj, enum vmk_core_handle_kind kind);
VMK_ReturnStatus vmk_core_handle_check(const void *obj,
				       enum vmk_core_handle_kind kind,
				       const char *what, const char *api,
				       unsigned long caller);

/* lock_domain.c: a lock's reference on its domain (VMK_INVALID_HANDLE if dead). */
VMK_ReturnStatus vmk_core_lock_domain_get(vmk_LockDomainID domain);
void vmk_core_lock_domain_put(vmk_LockDomainID domain);
const char *vmk_core_lock_domain_name(vmk_LockDomainID domain);

/* spinlock.c: vmk_core_spinlock_held and friends are in vmkapi_internal.h */

/* timer.c: the default queue of the legacy timer calls (never fails). */
void vmk_core_timer_init(void);
void vmk_core_timer_exit(void);

/*
 * intr.c (the calls tests and the bus layer share: vmkapi_internal.h).
 * alloc_owned: a cookie that owns its Linux irq; release(priv) runs in
 * process context once the cookie is freed and nothing can reach it.
 * cookie_priv: @cookie's priv if its release is @release, else NULL;
 * caller holds rcu_read_lock() (valid until it drops it).
 * current: inside an acknowledge or handler the core runs (the cookie).
 */
struct dentry;
VMK_ReturnStatus vmk_core_intr_cookie_alloc_owned(vmk_ModuleID module,
						  unsigned int linux_irq,
						  bool level_shared,
						  void (*release)(void *priv),
						  void *priv,
						  vmk_IntrCookie *out);
void *vmk_core_intr_cookie_priv(vmk_IntrCookie cookie,
				void (*release)(void *priv));
bool vmk_core_intr_current(vmk_IntrCookie *cookie);
void vmk_core_intr_debugfs_init(struct dentry *dir);
/* world.c: /sys/kernel/debug/vmkapi/worlds */
void vmk_core_world_debugfs_init(struct dentry *dir);

/* world.c: vmk_core_world_dying and the KUnit probes are in vmkapi_internal.h */

/*
 * intr.c: the per-CPU threads that run edge-triggered interrupts'
 * handlers, and the idle tracking that steers them.
 */
int vmk_core_intr_init(void);
void vmk_core_intr_exit(void);

/* worldlet.c: the per-CPU worldlet threads. */
int vmk_core_worldlet_init(void);
void vmk_core_worldlet_exit(void);

/* bh.c: the per-CPU bottom-half tasklets. */
void vmk_core_bh_init(void);
void vmk_core_bh_exit(void);

/* devmgr/: the device manager (its contract is in vmkapi_internal.h). */
int vmk_core_devmgr_init(void);
void vmk_core_devmgr_exit(void);
void vmk_core_devmgr_debugfs_init(struct dentry *dir);

/* dma.c: /sys/kernel/debug/vmkapi/dma lists DMA engines and bridges. */
void vmk_core_dma_debugfs_init(struct dentry *dir);
/*
 * pci.c, pci_bus.c, ioresource.c: PCI devices, the PCI bus adapter and
 * I/O reservations.  A struct vmkPCIDevice (the vmk_PCIDevice handle)
 * wraps one struct pci_dev; get creates it on first use and takes a
 * reference, put drops one.  attach_begin/end bracket the time a native
 * driver's module owns the device (the bus adapter calls them around
 * attach/detach); reclaim releases whatever the owner left behind, with
 * one log line per kind.  May block, all of them.
 */
struct pci_dev;
struct vmkPCIDevice;
struct vmkIOReservation;
struct vmkPCIDevice *vmk_core_pci_dev_get(struct pci_dev *pdev);
void vmk_core_pci_dev_hold(struct vmkPCIDevice *dev);	/* never blocks */
void vmk_core_pci_dev_put(struct vmkPCIDevice *dev);
struct pci_dev *vmk_core_pci_dev_pdev(struct vmkPCIDevice *dev);
void vmk_core_pci_attach_begin(struct vmkPCIDevice *dev, vmk_ModuleID module,
			       const char *driver_name);
void vmk_core_pci_set_device(struct vmkPCIDevice *dev, vmk_Device device);
vmk_Device vmk_core_pci_device(struct vmkPCIDevice *dev);
unsigned int vmk_core_pci_reclaim(struct vmkPCIDevice *dev, const char *when);
void vmk_core_pci_attach_end(struct vmkPCIDevice *dev);
/*
 * The device (referenced) owned by @module with a BAR of @type (a
 * vmk_IOResourceType) that contains [start, start + len), or NULL.
 */
struct vmkPCIDevice *vmk_core_pci_find_bar(vmk_ModuleID module, int type,
					   u64 start, u64 len);
int vmk_core_pci_init(void);
void vmk_core_pci_exit(void);
int vmk_core_pci_bus_init(void);
void vmk_core_pci_bus_exit(void);
void vmk_core_pci_debugfs_init(struct dentry *dir);	/* pci_map */
/*
 * ioresource.c: a reservation of [start, start + len) of @type for
 * @module on @dev (bar_owned: made by vmk_PCIMapIOResource, released
 * only by it); destroy undoes one; reclaim_device releases every
 * reservation on @dev and says how many there were.  Never block.
 */
VMK_ReturnStatus vmk_core_ioresv_create(struct vmkPCIDevice *dev,
					vmk_ModuleID module, int type,
					u64 start, u64 len, bool shareable,
					bool bar_owned,
					struct vmkIOReservation **out);
void vmk_core_ioresv_destroy(struct vmkIOReservation *resv);
unsigned int vmk_core_ioresv_count(struct vmkPCIDevice *dev);
unsigned int vmk_core_ioresv_reclaim_device(struct vmkPCIDevice *dev);
/*
 * intr.c: free @cookie even with registrations left (they are dropped,
 * with a log line each), as the module-unload reclaim does; for the bus
 * layer taking back what a detached driver left.  VMK_BAD_PARAM for a
 * cookie that is not live.  May block.
 */
VMK_ReturnStatus vmk_core_intr_cookie_reclaim(vmk_IntrCookie cookie);

/*
 * chardev.c: the char-dev layer's driver, registered with the device
 * manager (which must be up first) and bound to the graphics identifier.
 */
int vmk_core_chardev_init(void);
void vmk_core_chardev_exit(void);

/*
 * events.c: a registered module's ring (created, or a dead ring of the
 * same name taken back) and its death (the ring is kept, dead, among the
 * last few); both from module.c, may block.  exit frees every ring.
 */
void vmk_core_events_module_add(vmk_ModuleID module, const char *name);
void vmk_core_events_module_gone(vmk_ModuleID module);
void vmk_core_events_debugfs_init(struct dentry *dir);
void vmk_core_events_exit(void);
/*
 * The tracepoints of vmkapi_trace.h (defined in events.c): what kind of
 * deferred work an object is, and which allocator failed.
 */
enum vmk_core_deferred_kind {
	VMK_CORE_DEFERRED_HELPER,
	VMK_CORE_DEFERRED_WORLDLET,
	VMK_CORE_DEFERRED_TIMER,
	VMK_CORE_DEFERRED_BH,
};

enum vmk_core_alloc_kind {
	VMK_CORE_ALLOC_HEAP,
	VMK_CORE_ALLOC_SLAB,
	VMK_CORE_ALLOC_MEMPOOL,
	VMK_CORE_ALLOC_DMA,
};

/*
 * An allocation of @size bytes from @name (a heap, slab, pool or DMA
 * engine of @module) failed with @status, for @caller (a return address,
 * or NULL): the alloc_failed tracepoint and @module's event ring.  Any
 * context but NMI; never blocks.
 */
void vmk_core_alloc_failed(enum vmk_core_alloc_kind kind, vmk_ModuleID module,
			   const char *name, u64 size,
			   VMK_ReturnStatus status, const void *caller);

/*
 * genl.c, genl_dev.c: the generic netlink family, registered last at
 * load, unregistered first at unload.  What it reads (readers that live
 * with the data in module.c, heap.c, log.c, intr.c and devmgr/) is in
 * vmkapi_internal.h, for the KUnit suite too.
 */
int vmk_core_genl_init(void);
void vmk_core_genl_exit(void);

/*
 * mgmt.c: the management API.  exit drains kernel->user delivery at core
 * unload; dropped counts callbacks a tool's socket refused (full).
 */
void vmk_core_mgmt_exit(void);
unsigned long vmk_core_mgmt_dropped(void);

/* accounting.c: an ID vmk_ServiceGetID can return. */
bool vmk_core_service_id_valid(vmk_ServiceAcctID id);

#endif /* _VMKAPI_CORE_H_ */
