// SPDX-License-Identifier: GPL-2.0
/*
 * Uplink queues (reference section 17.5): queue IDs, a packet's queue,
 * and TX flow control.
 *
 * A queue ID is a value, not an object: type in bits 56-63, the index
 * into the shared queueData array in bits 48-55, the user value in bits
 * 32-47 and the driver's embedded value in bits 0-31.  So every ID call
 * is a pure function and never fails on a well-formed ID.
 */
#include "vmkapi_core.h"
#include "net.h"

#define VMK_QID_TYPE_SHIFT	56
#define VMK_QID_INDEX_SHIFT	48
#define VMK_QID_USER_SHIFT	32
#define VMK_QID_INDEX_MAX	0xffU
#define VMK_QID_USER_MAX	0xffffU

static u64 vmk_qid(vmk_UplinkQueueID qid)
{
	return (u64)(uintptr_t)qid;
}

static vmk_UplinkQueueID vmk_qid_make(u64 v)
{
	return (vmk_UplinkQueueID)(uintptr_t)v;
}

VMK_ReturnStatus vmk_UplinkQueueGetNumQueuesSupported(vmk_uint32 numDevTxQueues,
						      vmk_uint32 numDevRxQueues,
						      vmk_uint32 *maxTxQueues,
						      vmk_uint32 *maxRxQueues)
{
	if (!maxTxQueues || !maxRxQueues) {
		vmk_core_bad_arg("NULL %s", maxTxQueues ? "maxRxQueues" :
							  "maxTxQueues");
		return VMK_BAD_PARAM;
	}
	*maxTxQueues = min(numDevTxQueues, num_online_cpus());
	*maxRxQueues = min(numDevRxQueues, num_online_cpus());
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UplinkQueueGetNumQueuesSupported);

static VMK_ReturnStatus vmk_qid_mk(vmk_UplinkQueueID *qid,
				   vmk_UplinkQueueType type, vmk_uint32 index,
				   vmk_uint32 val, const char *api,
				   unsigned long caller)
{
	if (!qid || index > VMK_QID_INDEX_MAX) {
		vmk_core_bad_arg_api(api, caller, "qid %p, index %u", qid,
				     index);
		return VMK_BAD_PARAM;
	}
	*qid = vmk_qid_make((u64)type << VMK_QID_TYPE_SHIFT |
			    (u64)index << VMK_QID_INDEX_SHIFT | val);
	return VMK_OK;
}

VMK_ReturnStatus vmk_UplinkQueueMkTxQueueID(vmk_UplinkQueueID *qid,
					    vmk_uint32 index, vmk_uint32 val)
{
	return vmk_qid_mk(qid, VMK_UPLINK_QUEUE_TYPE_TX, index, val, __func__,
			  _RET_IP_);
}
VMKAPI_EXPORT(vmk_UplinkQueueMkTxQueueID);

VMK_ReturnStatus vmk_UplinkQueueMkRxQueueID(vmk_UplinkQueueID *qid,
					    vmk_uint32 index, vmk_uint32 val)
{
	return vmk_qid_mk(qid, VMK_UPLINK_QUEUE_TYPE_RX, index, val, __func__,
			  _RET_IP_);
}
VMKAPI_EXPORT(vmk_UplinkQueueMkRxQueueID);

VMK_ReturnStatus vmk_UplinkQueueSetQueueIDUserVal(vmk_UplinkQueueID *qid,
						  vmk_uint32 userval)
{
	u64 v;

	if (!qid || userval > VMK_QID_USER_MAX) {
		vmk_core_bad_arg("qid %p, user value %u", qid, userval);
		return VMK_BAD_PARAM;
	}
	v = vmk_qid(*qid) & ~((u64)VMK_QID_USER_MAX << VMK_QID_USER_SHIFT);
	*qid = vmk_qid_make(v | (u64)userval << VMK_QID_USER_SHIFT);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UplinkQueueSetQueueIDUserVal);

VMK_ReturnStatus vmk_UplinkQueueSetQueueIDQueueDataIndex(vmk_UplinkQueueID *qid,
							 vmk_uint32 index)
{
	u64 v;

	if (!qid || index > VMK_QID_INDEX_MAX) {
		vmk_core_bad_arg("qid %p, index %u", qid, index);
		return VMK_BAD_PARAM;
	}
	v = vmk_qid(*qid) & ~((u64)VMK_QID_INDEX_MAX << VMK_QID_INDEX_SHIFT);
	*qid = vmk_qid_make(v | (u64)index << VMK_QID_INDEX_SHIFT);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UplinkQueueSetQueueIDQueueDataIndex);

vmk_uint32 vmk_UplinkQueueIDVal(vmk_UplinkQueueID qid)
{
	return (u32)vmk_qid(qid);
}
VMKAPI_EXPORT(vmk_UplinkQueueIDVal);

vmk_uint32 vmk_UplinkQueueIDUserVal(vmk_UplinkQueueID qid)
{
	return (vmk_qid(qid) >> VMK_QID_USER_SHIFT) & VMK_QID_USER_MAX;
}
VMKAPI_EXPORT(vmk_UplinkQueueIDUserVal);

vmk_uint32 vmk_UplinkQueueIDQueueDataIndex(vmk_UplinkQueueID qid)
{
	return (vmk_qid(qid) >> VMK_QID_INDEX_SHIFT) & VMK_QID_INDEX_MAX;
}
VMKAPI_EXPORT(vmk_UplinkQueueIDQueueDataIndex);

vmk_UplinkQueueType vmk_UplinkQueueIDType(vmk_UplinkQueueID qid)
{
	return vmk_qid(qid) >> VMK_QID_TYPE_SHIFT;
}
VMKAPI_EXPORT(vmk_UplinkQueueIDType);

VMK_ReturnStatus vmk_UplinkQueueMkFilterID(vmk_UplinkQueueFilterID *fid,
					   vmk_uint16 val)
{
	if (!fid) {
		vmk_core_bad_arg("NULL fid");
		return VMK_BAD_PARAM;
	}
	*fid = val;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_UplinkQueueMkFilterID);

vmk_uint16 vmk_UplinkQueueFilterIDVal(vmk_UplinkQueueFilterID fid)
{
	return fid & 0xffff;
}
VMKAPI_EXPORT(vmk_UplinkQueueFilterIDVal);

vmk_UplinkQueueID vmk_PktQueueIDGet(vmk_PktHandle *pkt)
{
	if (!vmk_core_pkt_check(pkt, __func__, _RET_IP_))
		return VMK_UPLINK_QUEUE_INVALID_QUEUEID;
	return vmk_pkt_cb(vmk_pkt_skb(pkt))->qid;
}
VMKAPI_EXPORT(vmk_PktQueueIDGet);

VMK_ReturnStatus vmk_PktQueueIDSet(vmk_PktHandle *pkt, vmk_UplinkQueueID qid)
{
	if (!vmk_core_pkt_check(pkt, __func__, _RET_IP_))
		return VMK_BAD_PARAM;
	vmk_pkt_cb(vmk_pkt_skb(pkt))->qid = qid;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_PktQueueIDSet);

static VMK_ReturnStatus vmk_queue_flow(vmk_Uplink uplink, vmk_UplinkQueueID qid,
				       bool start, const char *api,
				       unsigned long caller)
{
	struct vmk_uplink *up;
	VMK_ReturnStatus status = VMK_OK;

	/* The uplink stays valid while we hold the RCU read lock. */
	rcu_read_lock();
	up = vmk_core_uplink_get(uplink, api, caller);
	if (!up) {
		status = VMK_INVALID_HANDLE;
	} else if (!vmk_core_uplink_tx_qid_ok(up, qid)) {
		vmk_core_bad_arg_api(api, caller, "%#llx is not a TX queue ID",
				     vmk_qid(qid));
		status = VMK_BAD_PARAM;
	} else if (start) {
		vmk_core_uplink_tx_start(up);
	} else {
		vmk_core_uplink_tx_stop(up);
	}
	rcu_read_unlock();
	return status;
}

VMK_ReturnStatus vmk_UplinkQueueStop(vmk_Uplink uplink, vmk_UplinkQueueID qid)
{
	return vmk_queue_flow(uplink, qid, false, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_UplinkQueueStop);

VMK_ReturnStatus vmk_UplinkQueueStart(vmk_Uplink uplink, vmk_UplinkQueueID qid)
{
	return vmk_queue_flow(uplink, qid, true, __func__, _RET_IP_);
}
VMKAPI_EXPORT(vmk_UplinkQueueStart);
