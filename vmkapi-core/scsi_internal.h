/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of vmkapi_scsi.ko (scsi_adapter.c, scsi_cmd.c,
 * scsi_path.c) share.  The SCSI layer is a module of its own so that
 * vmkapi.ko keeps loading on kernels whose SCSI core is a module.
 */
#ifndef _VMKAPI_SCSI_INTERNAL_H_
#define _VMKAPI_SCSI_INTERNAL_H_

#include "vmkapi_core.h"

#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <scsi/scsi_host.h>

#define VMK_SCSI_ADAPTER_MAGIC	0x76534341	/* "vSCA" */
#define VMK_SCSI_CMD_MAGIC	0x76534343	/* "vSCC" */
#define VMK_SCSI_TM_MAGIC	0x7653544d	/* "vSTM" */
/* Most scatter-gather elements per command (and per priv area). */
#define VMK_SCSI_SG_MAX		128
/* Largest adapter queue depth handed to blk-mq. */
#define VMK_SCSI_QDEPTH_MAX	4096

enum vmk_scsi_adapter_state {
	VMK_SCSI_ALLOCATED,
	VMK_SCSI_CHANGING,	/* being registered or unregistered */
	VMK_SCSI_REGISTERED,
};

struct vmk_scsi_adapter {
	vmk_ScsiAdapter pub;		/* what the driver sees: first */
	u32 magic;
	struct list_head link;		/* vmk_scsi_adapters */
	/* Serialises register/unregister and the blocking path calls. */
	struct mutex lock;
	enum vmk_scsi_adapter_state state;
	vmk_ScsiAdapterCapabilitiesMask caps;
	/* Completion queues started (0: not yet; the host has one then). */
	u32 nr_queues;
	/* Registered by the SCSI layer's start of the HBAPort device. */
	bool psa_registered;
	struct Scsi_Host *shost;
	struct device *ldev;		/* the engine's Linux device */
	vmk_DMAConstraints con;
	struct vmk_core_resource res;	/* of moduleID while registered */
	/* Commands handed to the driver and not completed yet. */
	atomic_t inflight;
	wait_queue_head_t idle;
	atomic64_t serial;
	/* Asynchronous path probes. */
	spinlock_t notify_lock;
	bool notify_open;
	struct list_head notify_list;
	struct work_struct notify_work;
};

/* shost_priv(): the template lives as long as the host that uses it. */
struct vmk_scsi_host {
	struct scsi_host_template tmpl;
	struct vmk_scsi_adapter *a;
};

/* sdev->hostdata: one path. */
struct vmk_scsi_lun {
	void *deviceData;
	atomic_t inflight;
};

enum vmk_scsi_cmd_state {
	VMK_SCSI_CMD_IDLE,
	VMK_SCSI_CMD_INFLIGHT,	/* the driver has it */
	VMK_SCSI_CMD_EH,	/* the driver has it; the error handler waits */
	VMK_SCSI_CMD_COMPLETING,
};

/* scsi_cmd_priv(): one command, its MA array last (sg_tablesize long). */
struct vmk_scsi_cmd {
	u32 magic;
	/* state and eh: under lock (initialised once per request). */
	spinlock_t lock;
	enum vmk_scsi_cmd_state state;
	bool eh;
	struct vmk_scsi_adapter *a;
	struct vmk_scsi_lun *lun;
	struct scsi_cmnd *sc;
	struct llist_node sched;
	vmk_DMADirection dir;
	bool mapped;
	vmk_ScsiCommand cmd;
	/*
	 * The data's I/O addresses (cmd.sgIOArray), mapped by the layer
	 * into the command's own storage: after sg's elements.
	 */
	vmk_SgArray *io_sg;
	/* The driver frame: after io_sg's elements, cacheline aligned. */
	void *frame;
	vmk_SgArray sg;			/* elem[] follows: keep last */
};

#define VMK_SCSI_DRIVER_FRAME_SIZE	128

/*
 * A command's private data for sg_max elements: both arrays and the
 * driver frame in it.  Linux aligns the request, not this area, so the
 * frame gets the slack to be aligned within it.
 */
static inline size_t vmk_scsi_cmd_size(u32 sg_max)
{
	return sizeof(struct vmk_scsi_cmd) + sizeof(vmk_SgArray) +
	       2 * (size_t)sg_max * sizeof(vmk_SgElem) +
	       VMK_SCSI_DRIVER_FRAME_SIZE + SMP_CACHE_BYTES - 1;
}

static inline struct vmk_scsi_adapter *vmk_scsi_of(const vmk_ScsiAdapter *p)
{
	return container_of((vmk_ScsiAdapter *)p, struct vmk_scsi_adapter,
			    pub);
}

/* scsi_adapter.c */
extern struct list_head vmk_scsi_adapters;
extern spinlock_t vmk_scsi_adapters_lock;
/* The adapter if @p is a live one (any context); logs otherwise. */
struct vmk_scsi_adapter *vmk_scsi_adapter_find(const vmk_ScsiAdapter *p,
					       const char *api,
					       unsigned long caller);
/* A registered adapter by name, or NULL; caller holds vmk_scsi_mutex. */
extern struct mutex vmk_scsi_mutex;
struct vmk_scsi_adapter *vmk_scsi_adapter_by_name(const char *name);

/* scsi_cmd.c */
extern const struct scsi_host_template vmk_scsi_template;
int vmk_scsi_cmd_init(void);
void vmk_scsi_cmd_exit(void);
/* Wait (at most @wait jiffies) until @count is zero; true if it is. */
bool vmk_scsi_wait_idle(struct vmk_scsi_adapter *a, atomic_t *count,
			unsigned long wait);

/* scsi_path.c */
int vmk_scsi_target_alloc(struct scsi_target *starget);
int vmk_scsi_slave_alloc(struct scsi_device *sdev);
int vmk_scsi_slave_configure(struct scsi_device *sdev);
void vmk_scsi_slave_destroy(struct scsi_device *sdev);
int vmk_scsi_change_queue_depth(struct scsi_device *sdev, int depth);
void vmk_scsi_scan_all(struct vmk_scsi_adapter *a);
void vmk_scsi_notify_work(struct work_struct *work);
void vmk_scsi_notify_drain(struct vmk_scsi_adapter *a);

#endif /* _VMKAPI_SCSI_INTERNAL_H_ */
