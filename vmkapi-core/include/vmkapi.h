/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi.h - the one header a native driver includes.
 *
 * It declares the VMK API families this implementation provides, with the
 * names and signatures of vmkapi 2.3, so that driver sources written for
 * ESXi compile unchanged.  Families arrive issue by issue; a family that is
 * not declared here is not implemented yet.
 */
#ifndef _VMKAPI_H_
#define _VMKAPI_H_

#define VMK_HEADER_INCLUDED_FROM_VMKAPI_H

#include "vmkapi_revision.h"

/* The API revision this implementation provides and drivers build with. */
#define VMKAPI_REVISION_MAJOR		2
#define VMKAPI_REVISION_MINOR		3
#define VMKAPI_REVISION_UPDATE		0
#define VMKAPI_REVISION_PATCH_LEVEL	0
#define VMKAPI_REVISION			VMK_REVISION_NUMBER(VMKAPI)

#define VMK_NAMESPACE_VMKAPI		"com.vmware.vmkapi"
#define VMK_NAMESPACE_CURRENT_VERSION	"v2_3_0_0"

#include "vmkapi_types.h"
#include "vmkapi_status.h"
#include "vmkapi_bits.h"
#include "vmkapi_libc.h"
#include "vmkapi_memdefs.h"
#include "vmkapi_name.h"
#include "vmkapi_module.h"
#include "vmkapi_lock_domain.h"
#include "vmkapi_spinlock.h"
#include "vmkapi_lock.h"
#include "vmkapi_assert.h"
#include "vmkapi_atomic.h"
#include "vmkapi_versioned_atomic.h"
#include "vmkapi_time.h"
#include "vmkapi_timer.h"
#include "vmkapi_system.h"
#include "vmkapi_sem.h"
#include "vmkapi_mutex.h"
#include "vmkapi_list.h"
#include "vmkapi_slist.h"
#include "vmkapi_hash.h"
#include "vmkapi_bitvector.h"
#include "vmkapi_logging.h"
#include "vmkapi_heap.h"
#include "vmkapi_slab.h"
#include "vmkapi_mapping.h"
#include "vmkapi_machine_memory.h"
#include "vmkapi_user_memory.h"
#include "vmkapi_mempool.h"
#include "vmkapi_cpu.h"
#include "vmkapi_pcpu_storage.h"
#include "vmkapi_helper.h"
#include "vmkapi_intr.h"
#include "vmkapi_ioresource.h"
#include "vmkapi_pci.h"
#include "vmkapi_context.h"
#include "vmkapi_world.h"
#include "vmkapi_worldlet.h"
#include "vmkapi_bh.h"
#include "vmkapi_scatter_gather.h"
#include "vmkapi_bus.h"
#include "vmkapi_driver.h"
#include "vmkapi_device.h"
#include "vmkapi_logical_bus.h"
#include "vmkapi_dma.h"
#include "vmkapi_char.h"
#include "vmkapi_mgmt.h"
#include "vmkapi_accounting.h"
#include "vmkapi_net_types.h"
#include "vmkapi_net_pkt.h"
#include "vmkapi_net_pktlist.h"
#include "vmkapi_net_poll.h"
#include "vmkapi_net_queue.h"
#include "vmkapi_net_uplink.h"
#include "vmkapi_scsi.h"

#endif /* _VMKAPI_H_ */
