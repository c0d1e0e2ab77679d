/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Core internals that the KUnit suites read (exported in the
 * VMKAPI_INTERNAL namespace): statistics a test checks by effect.
 * Never included by drivers.
 */
#ifndef _VMKAPI_INTERNAL_H_
#define _VMKAPI_INTERNAL_H_

#include <linux/types.h>

#include "vmkapi.h"
#include "uapi/vmkapi_genl.h"

/* log.c: what a component printed and what its throttle dropped. */
int vmk_core_log_stats(vmk_LogComponent handle, u64 *printed, u64 *throttled);

/* heap.c */
struct vmk_core_heap_stats {
	u64 bytes;	/* charged now, per-allocation headers included */
	u64 peak;
	u64 allocs;
	u64 frees;
	u64 failures;
	u64 max;
	u64 cached;	/* freed blocks the heap keeps for reuse */
};
int vmk_core_heap_stats(vmk_HeapID heap, struct vmk_core_heap_stats *stats);

/* mempool.c: pages, this pool and its descendants together. */
struct vmk_core_mempool_stats {
	u64 used;
	u64 peak;
	u64 allocs;		/* pages allocated from this pool */
	u64 frees;		/* pages freed back to it */
	u64 failures;		/* requests refused or failed */
	u64 child_reserved;	/* what live children reserve */
	unsigned int children;	/* live children */
};
int vmk_core_mempool_stats(vmk_MemPool pool,
			   struct vmk_core_mempool_stats *stats);

/*
 * mempool.c: charging a LEAF pool for memory a core allocator takes from
 * it (heaps of type VMK_HEAP_TYPE_MEMPOOL).  A charge counts against the
 * pool's and its ancestors' limits, keeps the pool from being destroyed
 * (it is not empty) and keeps its memory alive, so each VMK_OK charge
 * must be undone by exactly one uncharge of the same number of pages,
 * even after the pool's module unloaded.  Never block; not in hard IRQ.
 * Charge returns VMK_OK, VMK_BAD_PARAM (not a live leaf pool) or
 * VMK_NO_RESOURCES (a limit would be exceeded).
 */
VMK_ReturnStatus vmk_core_mempool_charge(vmk_MemPool pool, u64 pages);
void vmk_core_mempool_uncharge(vmk_MemPool pool, u64 pages);

/* mapping.c: how many vmk_Map mappings @module holds. */
int vmk_core_mapping_count(vmk_ModuleID module);

/* slab.c */
struct vmk_core_slab_stats {
	u32 objects;	/* constructed, free or allocated */
	u32 in_use;
	u64 allocs;
	u64 frees;
	u64 failures;
	u64 ctor_failures;
};
int vmk_core_slab_stats(vmk_SlabID slab, struct vmk_core_slab_stats *stats);

/* assert.c: the message vmk_vPanic() would panic with. */
int vmk_core_panic_format(char *buf, size_t len, vmk_ModuleID id,
			  const char *fmt, va_list ap);

/* system.c: run (and drop) the reboot handlers of one module, or all (-1). */
unsigned int vmk_core_system_run_reboot_handlers(vmk_ModuleID module);
/* sema.c: -ENOENT for a handle that is not live. */
int vmk_core_sema_state(vmk_Semaphore sema, unsigned int *count,
			unsigned int *waiters);
int vmk_core_rwsema_state(vmk_SemaphoreRW sema, unsigned int *readers,
			  unsigned int *readers_waiting,
			  unsigned int *writers_waiting, bool *writer,
			  bool *upgrading);

/*
 * spinlock.c: is @lock held by the current context (for @reader: for
 * reading); its lockdep class key (NULL without lockdep); how many rank
 * and release-order violations were reported.
 */
bool vmk_core_spinlock_held(vmk_Lock lock, bool reader);
const void *vmk_core_spinlock_class(vmk_Lock lock);
long vmk_core_spinlock_violations(void);

/*
 * lock_legacy.c: how many legacy rank violations were reported; does the
 * current context hold legacy lock @lock (a vmk_Spinlock, vmk_SpinlockIRQ
 * or vmk_SpinlockRW)?
 */
long vmk_core_legacy_lock_violations(void);
bool vmk_core_legacy_lock_held_here(const void *lock);

/* lock_domain.c: is @domain a live lock domain? */
bool vmk_core_lock_domain_live(vmk_LockDomainID domain);

/* helper.c: the module a live helper counts for (its heap's), or -1. */
vmk_ModuleID vmk_core_helper_module(vmk_Helper helper);

/*
 * intr.c: interrupt cookies and their statistics.  The bus layer (PCI)
 * allocates a cookie for each Linux interrupt it hands a driver; a
 * level-triggered line is shared (registrations keyed by handlerData),
 * any other source takes one registration.  The cookie belongs to
 * @module (reclaimed at its unload).  Alloc and free may block; free
 * returns VMK_BUSY while registrations exist (or, for a cookie that
 * owns its line, while other cookies use it), VMK_BAD_PARAM for a cookie
 * that is not live.  cookie_irq: the Linux irq, or -EINVAL; any context.
 */
VMK_ReturnStatus vmk_core_intr_cookie_alloc(vmk_ModuleID module,
					    unsigned int linux_irq,
					    bool level_shared,
					    vmk_IntrCookie *out);
VMK_ReturnStatus vmk_core_intr_cookie_free(vmk_IntrCookie cookie);
/* The bus layer's variant: release(priv) runs once the cookie is freed. */
VMK_ReturnStatus vmk_core_intr_cookie_alloc_owned(vmk_ModuleID module,
						  unsigned int linux_irq,
						  bool level_shared,
						  void (*release)(void *priv),
						  void *priv,
						  vmk_IntrCookie *out);
int vmk_core_intr_cookie_irq(vmk_IntrCookie cookie);

/*
 * Per-cookie statistics.  Every interrupt the line delivers while the
 * cookie is enabled is counted once, by what Linux was told:
 *   count = woken + ignored + spurious
 *   woken     some acknowledge returned VMK_OK      -> IRQ_WAKE_THREAD
 *   ignored   claimed, no handler to run            -> IRQ_HANDLED
 *   spurious  every registrant: VMK_NOT_THIS_DEVICE -> IRQ_NONE
 * gated: delivered while disabled (on a shared line; a non-shared one
 * is disabled at the irq core too) -> IRQ_NONE, not in count.
 * Histograms: bucket 0 counts 0 ns, bucket k >= 1 counts durations in
 * [2^(k-1), 2^k) ns, the last one everything longer.
 */
#define VMK_CORE_INTR_HIST_BUCKETS	32
#define VMK_CORE_INTR_ACK_BUDGET_NS	5000
struct vmk_core_intr_stats {
	u64 count;
	u64 woken;
	u64 ignored;
	u64 spurious;
	u64 gated;
	u64 bad_ack;		/* acknowledges returning another status */
	u64 acks;		/* acknowledge calls (one per registrant) */
	u64 ack_over_budget;	/* acknowledges longer than the budget */
	u64 handler_runs;
	u64 handler_blocked;	/* handler runs that blocked (forbidden) */
	u64 handler_steered;	/* runs queued on another CPU than the ack's */
	u64 ack_ns[VMK_CORE_INTR_HIST_BUCKETS];
	u64 handler_ns[VMK_CORE_INTR_HIST_BUCKETS];
};

/*
 * Deliver @cookie's interrupt on @cpu (acknowledge there, and the handler
 * follows: not steered to an idle CPU), with the same CPU as the hint
 * for user space; cpu -1: anywhere again, no hint, handler steered
 * again.  False for a dead cookie or a line that cannot be steered.
 * Never blocks; not in hard IRQ.
 */
bool vmk_core_intr_steer(vmk_IntrCookie cookie, int cpu);

/* 0, or -EINVAL for a cookie that is not live.  Any context but NMI. */
int vmk_core_intr_stats(vmk_IntrCookie cookie,
			struct vmk_core_intr_stats *stats);

/*
 * intr_soft.c: software interrupt sources, for tests and benchmarks, on
 * any kernel (no CONFIG_IRQ_SIM needed).  create allocates a Linux irq
 * in the core's own irq domain and a non-shared cookie for it, owned by
 * @module; raise makes the interrupt fire in hard-IRQ context soon
 * (through an irq_work), from any context including NMI: raises that
 * arrive before it fired are one interrupt (edge semantics), and one
 * raised while the source is disabled or masked is delivered when it is
 * enabled again.  flush waits until earlier raises reached the
 * interrupt core (the acknowledges have run; handlers may still be
 * running: vmk_IntrSync waits for them).  destroy frees the cookie: it
 * returns VMK_BUSY while registrations exist on it, or while other
 * cookies use its line.  create, flush and destroy may block; flush and
 * destroy must not race each other on one cookie.
 */
VMK_ReturnStatus vmk_core_intr_soft_create(vmk_ModuleID module,
					   vmk_IntrCookie *cookie);
VMK_ReturnStatus vmk_core_intr_soft_raise(vmk_IntrCookie cookie);
VMK_ReturnStatus vmk_core_intr_soft_flush(vmk_IntrCookie cookie);
VMK_ReturnStatus vmk_core_intr_soft_destroy(vmk_IntrCookie cookie);

/*
 * world.c: is the current task a world (of vmk_WorldCreate) that was
 * destroyed (vmk_core_death_pending() uses it)?  Is the world @id in
 * vmk_WorldWait or vmk_WorldSleep (-ENOENT: not a running world)?  How
 * many tasks wait for its death?  How many tasks wait on @event?
 */
bool vmk_core_world_dying(void);
int vmk_core_world_waiting(vmk_WorldID id);
int vmk_core_world_death_waiters(vmk_WorldID id);
unsigned int vmk_core_world_event_waiters(vmk_WorldEventID event);

/*
 * worldlet.c: the CPU a worldlet last ran or was queued on, -1 if never
 * (or a bad handle): where vmk_WorldletInterruptSet should steer its
 * interrupt.  Any context but NMI.
 */
int vmk_core_worldlet_cpu(vmk_Worldlet worldlet);
/* worldlet.c: runs and summed userData of a live worldlet; -ENOENT. */
int vmk_core_worldlet_stats(vmk_Worldlet worldlet, u64 *runs, u64 *user1,
			    u64 *user2);

/* bh.c: how many times a live bottom half ran; -ENOENT. */
long vmk_core_bh_runs(vmk_BHID bottomHalf);

/*
 * pci.c / pci_bus.c: the PCI bus adapter's side for tests and tools.
 *
 * A device map line (see vmkapi_pci.h) parsed into @e: 1, 0 for a line
 * that is not an entry for us (blank, comment, another regtype or bus),
 * -EINVAL if malformed.  IDs are PCI_ANY_ID (~0) where wildcarded; class
 * and class_mask are 24 bits.  Never blocks.
 */
struct vmk_core_pci_map_entry {
	char driver[VMK_MISC_NAME_MAX];
	u32 vendor, device, subvendor, subdevice;
	u32 class, class_mask;
};
int vmk_core_pci_map_parse_line(const char *line, size_t len,
				struct vmk_core_pci_map_entry *e);
/*
 * Load map text (what /sys/kernel/debug/vmkapi/pci_map takes): the
 * number of new entries, or -EINVAL if a line was malformed (the good
 * ones are kept).  Entries for registered drivers become dynamic IDs at
 * once, probing matching free devices.  forget drops the entries of a
 * driver (not the IDs already given).  May block.
 */
int vmk_core_pci_map_load(const char *text, size_t len);
unsigned int vmk_core_pci_map_forget(const char *driver);
/*
 * Register @driver's Linux pci_driver now, before its module's init has
 * returned: for KUnit suites (their tests run before it).  Matching free
 * devices are attached before it returns.  VMK_BAD_PARAM for a driver
 * the PCI bus does not know, VMK_FAILURE if Linux refused.  May block.
 */
VMK_ReturnStatus vmk_core_pci_driver_start(vmk_Driver driver);
/* What a PCI device holds now; 0, or -ENOENT for a dead handle. */
struct vmk_core_pci_state {
	vmk_ModuleID owner;		/* VMK_INVALID_MODULE_ID: none */
	vmk_Device device;		/* its device-layer object, or NULL */
	unsigned int mapped_bars;
	unsigned int intr_cookies;	/* live cookies of its allocation */
	unsigned int reservations;	/* vmk_IOResourceReserve ones */
	bool bus_master;		/* PCI_COMMAND_MASTER */
	bool linux_bus_master;		/* pci_dev->is_busmaster */
	bool enabled;			/* pci_is_enabled() */
	bool pme;
};
int vmk_core_pci_dev_state(vmk_PCIDevice dev, struct vmk_core_pci_state *st);

/*
 * devmgr/: the device manager's side for bus providers (the PCI adapter,
 * the char-dev layer, later uplinks and SCSI) and for the KUnit fake bus.
 * Drivers never call these; they see only vmk_Driver* and vmk_Device*.
 *
 * A provider adds a device it found (no parent: a child of the root
 * device), offers it to one driver with attach (attach -> start -> scan;
 * a failing attach leaves it unclaimed, a failing start unwinds through
 * detach), takes it back with detach (leaf first: every descendant's
 * driver is quiesced and detached and its registrar's removeDevice runs,
 * then this device is quiesced and detached), reports surprise removal
 * with forget, and finally removes the unclaimed device.  All of these
 * may block and run in process context; one device's lifecycle calls are
 * serialised by the device manager.
 */
struct device;

struct vmk_core_device_props {
	vmk_BusType bus_type;		/* reference held by the caller */
	const char *bus_address;	/* e.g. "0000:00:04.0" */
	const char *identifier;		/* busIdentifier, e.g. "pci" */
	vmk_AddrCookie registration_data;	/* for the attaching driver */
	struct device *linux_dev;	/* for DMA and names; may be NULL */
	vmk_Device parent;		/* NULL: the root device */
	/*
	 * Addition: the module the device belongs to, when the provider is
	 * a module of its own (a test's fake bus).  0, the core, by default:
	 * not a resource.  Otherwise a resource of @module, taken back and
	 * removed if the module unloads with it (VMK_NOT_FOUND if @module is
	 * not registered).
	 */
	vmk_ModuleID module;
};

VMK_ReturnStatus vmk_core_device_add(const struct vmk_core_device_props *props,
				     vmk_Device *out);
VMK_ReturnStatus vmk_core_device_attach(vmk_Device device, vmk_Driver driver);
VMK_ReturnStatus vmk_core_device_detach(vmk_Device device);
VMK_ReturnStatus vmk_core_device_forget(vmk_Device device);
VMK_ReturnStatus vmk_core_device_remove(vmk_Device device);

/* The nearest struct device at or above @device (DMA), or NULL. */
struct device *vmk_core_device_linux_dev(vmk_Device device);
/* The attached driver (NULL: unclaimed). */
vmk_Driver vmk_core_device_driver(vmk_Device device);

/*
 * Drivers: name and owning module of a live handle (NULL / invalid ID
 * for a stale one).  A provider learns of drivers coming and going
 * through its hooks, registered per bus name ("pci"); added runs inside
 * vmk_DriverRegister (it may not block on the driver's module finishing
 * init), removing inside vmk_DriverUnregister before the driver's
 * devices are taken back.
 */
const char *vmk_core_driver_name(vmk_Driver driver);
vmk_ModuleID vmk_core_driver_module(vmk_Driver driver);

struct vmk_core_bus_provider {
	const char *bus_name;
	void (*driver_added)(vmk_Driver driver);
	void (*driver_removing)(vmk_Driver driver);
	struct list_head link;		/* devmgr's */
};

VMK_ReturnStatus
vmk_core_bus_provider_register(struct vmk_core_bus_provider *provider);
void vmk_core_bus_provider_unregister(struct vmk_core_bus_provider *provider);

/*
 * Logical children are claimed by subsystem: the char-dev layer binds
 * "com.vmware.graphics", later the uplink layer "com.vmware.uplink".  A
 * child registered (in a scan) with a bound identifier is attached to
 * that driver as soon as the scan returns; others stay unclaimed.
 */
VMK_ReturnStatus vmk_core_driver_bind_identifier(vmk_Driver driver,
						 const char *identifier);

/*
 * Additions of devmgr/ to the contract above.
 *
 * Single lifecycle steps, as the table in devmgr/lifecycle.c has them
 * (the composite calls above are built from these): for the KUnit fake
 * bus and for a provider that needs one step (a reset is quiesce, then
 * start).  ATTACH needs @driver (ignored otherwise); SCAN also attaches
 * the new children whose identifier is bound; DETACH is refused with
 * VMK_BUSY while the device has children; REMOVE of a registered child
 * runs its registrar's removeDevice.  An event the table does not allow
 * in the device's state is refused with VMK_NOT_SUPPORTED and one log
 * line; a failing callback's status is returned as is.  May block.
 */
enum vmk_core_dev_state {
	VMK_CORE_DEV_UNCLAIMED,
	VMK_CORE_DEV_QUIESCENT,
	VMK_CORE_DEV_STARTED,
	VMK_CORE_DEV_REMOVED,
	VMK_CORE_DEV_NR_STATES
};

enum vmk_core_dev_event {
	VMK_CORE_DEV_ATTACH,
	VMK_CORE_DEV_START,
	VMK_CORE_DEV_SCAN,
	VMK_CORE_DEV_QUIESCE,
	VMK_CORE_DEV_DETACH,
	VMK_CORE_DEV_FORGET,
	VMK_CORE_DEV_REMOVE,
	VMK_CORE_DEV_NR_EVENTS
};

VMK_ReturnStatus vmk_core_device_event(vmk_Device device,
				       enum vmk_core_dev_event event,
				       vmk_Driver driver);
/* 0, or -ENOENT for a stale handle.  Never blocks. */
int vmk_core_device_state(vmk_Device device, enum vmk_core_dev_state *state,
			  bool *forgotten);
const char *vmk_core_device_state_name(enum vmk_core_dev_state state);
const char *vmk_core_device_event_name(enum vmk_core_dev_event event);

/*
 * A reference on a live device, dropped with vmk_DeviceRelease (what the
 * reference's Find calls hand out): the char-dev layer holds one while a
 * file is open.  vmk_DeviceUnregister and vmk_core_device_remove return
 * VMK_BUSY while any is held.  Never blocks.
 */
VMK_ReturnStatus vmk_core_device_ref(vmk_Device device);

/* Wait until the rescans requested so far have run.  May block. */
void vmk_core_devmgr_flush(void);

/*
 * Counters for leak checks: device and driver objects not yet freed
 * (handles included that were unregistered but are still referenced),
 * and illegal transitions refused since load.
 */
struct vmk_core_devmgr_stats {
	u64 devices;
	u64 drivers;
	u64 transitions;
	u64 illegal;
};
void vmk_core_devmgr_stats(struct vmk_core_devmgr_stats *stats);
/* How many resources @module holds (drivers, registered devices, ...). */
int vmk_core_devmgr_module_resources(vmk_ModuleID module);

/*
 * events.c: the always-on event ring.  Every module (a native driver is
 * one) has a ring of its last framework events; the core has one for
 * events of no module.  genl.c reads them for `vmkctl events`.
 */
struct vmk_core_event {
	u64 seq;		/* global and increasing: resume after the last seen */
	u64 time_ns;		/* ktime_get_ns() when recorded */
	u32 kind;		/* enum vmkapi_event_kind */
	s32 status;		/* a VMK_ReturnStatus, VMK_OK when none applies */
	char source[32];	/* module (driver) name; "vmkapi" for the core */
	char object[64];	/* device address, heap name, cookie, ... */
	char text[96];		/* one-line summary */
};

/*
 * Copy into @out, oldest first, up to @max events with seq > @after from
 * the ring of @source (NULL: every ring, merged by seq).  Returns how many
 * were copied.  Never blocks; any context but NMI.
 */
unsigned int vmk_core_events_read(const char *source, u64 after,
				  struct vmk_core_event *out,
				  unsigned int max);

/*
 * events.c, continued: record one event in @module's ring (the core's,
 * under the module's name, for an unknown module or one without a ring;
 * VMK_VMKERNEL_MODULE_ID for the core's own).  @object may be NULL; the
 * text is printf-formatted and cut to fit.  Never blocks; any context
 * but NMI; costs a ring lookup under RCU and a raw spinlock.
 */
__printf(5, 6)
void vmk_core_event_record(vmk_ModuleID module, enum vmkapi_event_kind kind,
			   VMK_ReturnStatus status, const char *object,
			   const char *fmt, ...);
/* "transition", "alloc-failed", ...; "unknown" out of range. */
const char *vmk_core_event_kind_name(u32 kind);
/*
 * genl.c's hook for multicasting new entries: @fn runs in process context
 * (a work item) some time after one or more events were recorded, once
 * per burst; it reads what is new with vmk_core_events_read.  NULL
 * removes it and waits for a running call.  May block.
 */
void vmk_core_events_set_notify(void (*fn)(void));

/*
 * The management plane's readers (genl.c; exported for the genl KUnit
 * suite).  Each *_next() fills @info with the object whose key (ID,
 * creation or registration order) is the smallest one >= @from and
 * returns 0, or -ENOENT when there is none: a dump spread over several
 * messages resumes from the key after the last object it sent, whatever
 * came or went meanwhile.
 */
struct vmk_core_module_info {
	vmk_ModuleID id;
	char name[VMK_MODULE_NAME_MAX];
	vmk_revnum revision;
	u32 use_count;
	u32 resources;
	bool default_heap;
};
/* module.c; never block. */
int vmk_core_module_next(vmk_ModuleID from, struct vmk_core_module_info *info);
unsigned int vmk_core_module_count(void);

struct vmk_core_heap_info {
	u64 id;			/* creation order, from 1 */
	char name[VMK_MISC_NAME_MAX];
	vmk_ModuleID module;
	struct vmk_core_heap_stats stats;
};
/* heap.c; may block. */
int vmk_core_heap_next(u64 from, struct vmk_core_heap_info *info);

struct vmk_core_log_info {
	u64 id;			/* registration order, from 1 */
	vmk_ModuleID module;
	char name[VMK_MISC_NAME_MAX];
	int level;
	int throttle;		/* vmk_LogThrottleType */
	u64 printed;
	u64 throttled;
};
/* log.c; never block.  get and set: -ENOENT for no such component. */
int vmk_core_log_next(u64 from, struct vmk_core_log_info *info);
int vmk_core_log_get(vmk_ModuleID module, const char *name,
		     struct vmk_core_log_info *info);
int vmk_core_log_set(vmk_ModuleID module, const char *name, int level);

struct vmk_core_intr_info {
	vmk_IntrCookie cookie;
	unsigned int irq;
	vmk_ModuleID module;
	bool shared;
	bool enabled;
	unsigned int registrations;
	struct vmk_core_intr_stats stats;
};
/* intr.c; next never blocks, handler_names may. */
typedef int (*vmk_core_intr_name_fn_t)(void *arg, const char *name);
int vmk_core_intr_next(vmk_IntrCookie from, struct vmk_core_intr_info *info);
int vmk_core_intr_handler_names(vmk_IntrCookie cookie,
				   vmk_core_intr_name_fn_t fn, void *arg);

/*
 * devmgr/device.c: a snapshot of one device.  @handle may be passed to
 * the vmk_core_device_* calls, which check it again (a device removed
 * since is refused there).  lookup: by @id (0: any) and/or @address
 * (NULL: any) on @bus (NULL: any); -ENOENT, or -ENOTUNIQ when several
 * devices match (the first is in @info).  Never block.
 */
struct vmk_core_device_info {
	vmk_Device handle;
	u64 id;			/* creation order, from 1: parents first */
	u64 parent_id;		/* 0: a child of the root */
	unsigned int depth;
	unsigned int children;
	unsigned int refs;
	enum vmk_core_dev_state state;
	bool forgotten;
	char bus[VMK_MISC_NAME_MAX];
	char address[VMK_DEVICE_BUS_ADDRESS_MAX + 1];
	char identifier[VMK_DEVICE_BUS_IDENTIFIER_MAX + 1];
	char driver[VMK_MISC_NAME_MAX];		/* "": unclaimed */
	char registrar[VMK_MISC_NAME_MAX];	/* "": a bus's own device */
};
int vmk_core_device_next(u64 from, struct vmk_core_device_info *info);
int vmk_core_device_lookup(const char *bus, const char *address, u64 id,
			   struct vmk_core_device_info *info);

/* devmgr/driver.c: registered drivers by registration order; never blocks. */
struct vmk_core_driver_info {
	u64 id;
	char name[VMK_MISC_NAME_MAX];
	vmk_ModuleID module;
	unsigned int devices;	/* attached to it */
	bool unregistering;
};
int vmk_core_driver_next(u64 from, struct vmk_core_driver_info *info);

/*
 * mgmt.c, for KUnit: a management session as if socket @portid opened it
 * (the driver's announce runs), a kernel callback run as a tool's call
 * would run it (session 0: none; @parms one pointer per parameter; the
 * callback's status, or VMK_NOT_FOUND when there is nothing to call),
 * and the end of the sessions of a released socket.  May block.
 */
VMK_ReturnStatus vmk_core_mgmt_session_open(vmk_MgmtHandle handle, u32 portid,
					    vmk_MgmtSessionID *id);
VMK_ReturnStatus vmk_core_mgmt_call(vmk_MgmtHandle handle,
				    vmk_MgmtSessionID session,
				    vmk_uint64 instance, vmk_uint64 callbackId,
				    void **parms);
void vmk_core_mgmt_genl_release(u32 portid);

/*
 * scsi (vmkapi_scsi.ko, issue 8).  dma.c: a live engine's constraints
 * and its Linux device, referenced (put_device); VMK_BAD_PARAM (logged,
 * naming @api) when @engine is not live.  Never blocks.
 */
VMK_ReturnStatus vmk_core_dma_engine_info(vmk_DMAEngine engine,
					  vmk_DMAConstraints *con,
					  struct device **dev, const char *api);
/*
 * dma.c: map RAM ranges @in into @out (room for in->numElems) under the
 * engine's constraints, counted as a live mapping but not recorded: the
 * caller keeps the mapping (the SCSI layer, one per command) and undoes
 * it with vmk_core_dma_unmap_pages, same direction, before the engine
 * goes.  VMK_BAD_PARAM (logged) for a bad argument or dead engine,
 * VMK_DMA_MAPPING_FAILED with @err's reason.  Never block.
 */
VMK_ReturnStatus vmk_core_dma_map_pages(vmk_DMAEngine engine,
					vmk_DMADirection dir,
					const vmk_SgArray *in, vmk_SgArray *out,
					vmk_DMAMapErrorInfo *err);
void vmk_core_dma_unmap_pages(vmk_DMAEngine engine, vmk_DMADirection dir,
			      vmk_SgArray *out);
/* module.c: the Linux module of a registered module ID (NULL: the core). */
struct module *vmk_core_module_owner(vmk_ModuleID id);
/* scsi_adapter.c: adapters allocated and not yet freed (leak checks). */
unsigned int vmk_core_scsi_adapter_count(void);

#endif /* _VMKAPI_INTERNAL_H_ */
