/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Uplink queues (reference section 17.5; net/vmkapi_net_queue.h in 2.3).
 *
 * Every NIC describes its queues in the shared data, even with one RX and
 * one TX queue.  Here an uplink is a Linux net_device with one TX queue,
 * the one of sharedData->queueInfo->defaultTxQueueID; multi-queue ops
 * (VMK_UPLINK_CAP_MULTI_QUEUE) are accepted and not called.
 *
 * Queue IDs are values built by the calls below: the queue type, the
 * index into the shared queueData array and a driver value.  They are
 * pure functions: any context, never block.
 */
#ifndef _VMKAPI_NET_QUEUE_H_
#define _VMKAPI_NET_QUEUE_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef struct vmk_UplinkQueueIDInt *vmk_UplinkQueueID;
typedef vmk_uint32 vmk_UplinkQueueFilterID;
typedef vmk_VlanPriority vmk_UplinkQueuePriority;

#define VMK_UPLINK_QUEUE_DEFAULT_QUEUEID	((vmk_UplinkQueueID)0)
#define VMK_UPLINK_QUEUE_INVALID_QUEUEID	((vmk_UplinkQueueID)-1)
#define VMK_UPLINK_QUEUE_INVALID_FILTERID	((vmk_UplinkQueueFilterID)-1)
#define VMK_UPLINK_QUEUE_PRIORITY_INVALID	VMK_VLAN_PRIORITY_INVALID
#define VMK_UPLINK_QUEUE_MAX_RSS_QUEUES		16
#define VMK_UPLINK_QUEUE_MAX_RSS_IND_TABLE_SIZE	128
#define VMK_UPLINK_QUEUE_MAX_RSS_KEY_SIZE	40

struct vmk_UplinkStats;

typedef enum vmk_UplinkQueueFilterType {
	VMK_UPLINK_QUEUE_FILTER_TYPE_INVALID = 0,
	VMK_UPLINK_QUEUE_FILTER_TYPE_TXRX = 1,
} vmk_UplinkQueueFilterType;

typedef enum vmk_UplinkQueueFilterClass {
	VMK_UPLINK_QUEUE_FILTER_CLASS_NONE = 0x0,
	VMK_UPLINK_QUEUE_FILTER_CLASS_MAC_ONLY = (1 << 0),
	VMK_UPLINK_QUEUE_FILTER_CLASS_VLAN_ONLY = (1 << 1),
	VMK_UPLINK_QUEUE_FILTER_CLASS_VLANMAC = (1 << 2),
	VMK_UPLINK_QUEUE_FILTER_CLASS_VXLAN = (1 << 3),
} vmk_UplinkQueueFilterClass;

typedef enum vmk_UplinkQueueType {
	VMK_UPLINK_QUEUE_TYPE_INVALID = 0x0,
	VMK_UPLINK_QUEUE_TYPE_RX = 0x1,
	VMK_UPLINK_QUEUE_TYPE_TX = 0x2,
} vmk_UplinkQueueType;

typedef enum vmk_UplinkQueueFlags {
	VMK_UPLINK_QUEUE_FLAG_UNUSED = 0x0,
	VMK_UPLINK_QUEUE_FLAG_IN_USE = (1 << 0),
	VMK_UPLINK_QUEUE_FLAG_DEFAULT = (1 << 1),
} vmk_UplinkQueueFlags;

typedef enum vmk_UplinkQueueState {
	VMK_UPLINK_QUEUE_STATE_STOPPED = 0x0,
	VMK_UPLINK_QUEUE_STATE_STARTED = 0x1,
} vmk_UplinkQueueState;

typedef enum vmk_UplinkQueueLROType {
	VMK_UPLINK_QUEUE_LRO_TYPE_IPV4 = (1 << 0),
	VMK_UPLINK_QUEUE_LRO_TYPE_IPV6 = (1 << 1),
} vmk_UplinkQueueLROType;

typedef struct vmk_UplinkQueueLROConstraints {
	vmk_UplinkQueueLROType supportedTypes;
} vmk_UplinkQueueLROConstraints;

typedef enum vmk_UplinkQueueFeature {
	VMK_UPLINK_QUEUE_FEAT_NONE = 0x00,
	VMK_UPLINK_QUEUE_FEAT_LRO = (1 << 0),
	VMK_UPLINK_QUEUE_FEAT_PAIR = (1 << 1),
	VMK_UPLINK_QUEUE_FEAT_RSS = (1 << 2),
	VMK_UPLINK_QUEUE_FEAT_SET_PRIO = (1 << 3),
	VMK_UPLINK_QUEUE_FEAT_COALESCE = (1 << 4),
	VMK_UPLINK_QUEUE_FEAT_RSS_DYN = (1 << 5),
	VMK_UPLINK_QUEUE_FEAT_LATENCY = (1 << 6),
	VMK_UPLINK_QUEUE_FEAT_DYNAMIC = (1 << 7),
	VMK_UPLINK_QUEUE_FEAT_PREEMPTIBLE = (1 << 8),
} vmk_UplinkQueueFeature;

typedef struct vmk_UplinkQueueMACFilterInfo {
	vmk_EthAddress mac;
} vmk_UplinkQueueMACFilterInfo;

typedef struct vmk_UplinkQueueVLANFilterInfo {
	vmk_VlanID vlanID;
} vmk_UplinkQueueVLANFilterInfo;

typedef struct vmk_UplinkQueueVLANMACFilterInfo {
	vmk_EthAddress mac;
	vmk_VlanID vlanID;
} vmk_UplinkQueueVLANMACFilterInfo;

typedef struct vmk_UplinkQueueVXLANFilterInfo {
	vmk_EthAddress innerMAC;
	vmk_EthAddress outerMAC;
	vmk_uint32 vxlanID;
} vmk_UplinkQueueVXLANFilterInfo;

typedef struct vmk_UplinkQueueFilter {
	vmk_UplinkQueueFilterClass class;
	union {
		vmk_AddrCookie filterInfo;
		vmk_UplinkQueueMACFilterInfo *macFilterInfo;
		vmk_UplinkQueueVLANFilterInfo *vlanFilterInfo;
		vmk_UplinkQueueVLANMACFilterInfo *vlanMacFilterInfo;
		vmk_UplinkQueueVXLANFilterInfo *vxlanFilterInfo;
	};
} vmk_UplinkQueueFilter;

typedef enum vmk_UplinkQueueFilterProperties {
	VMK_UPLINK_QUEUE_FILTER_PROP_NONE = 0x0,
	VMK_UPLINK_QUEUE_FILTER_PROP_MGMT = 0x1,
	VMK_UPLINK_QUEUE_FILTER_PROP_PACK_OPPO = 0x2,
	VMK_UPLINK_QUEUE_FILTER_EXCL_PACK_OPPO = 0x4,
} vmk_UplinkQueueFilterProperties;

typedef enum vmk_UplinkQueueAttrType {
	VMK_UPLINK_QUEUE_ATTR_PRIOR = 0x0,
	VMK_UPLINK_QUEUE_ATTR_FEAT = 0x1,
} vmk_UplinkQueueAttrType;

typedef struct vmk_UplinkQueueAttr {
	vmk_UplinkQueueAttrType type;
	union {
		vmk_VlanPriority priority;
		vmk_UplinkQueueFeature features;
		vmk_AddrCookie attr;
	} args;
} vmk_UplinkQueueAttr;

/* Interrupt coalescing (also the COALESCE_PARAMS capability's data). */
typedef struct vmk_UplinkCoalesceParams {
	vmk_uint32 rxUsecs;
	vmk_uint32 rxMaxFrames;
	vmk_uint32 txUsecs;
	vmk_uint32 txMaxFrames;
	vmk_Bool useAdaptiveRx;
	vmk_Bool useAdaptiveTx;
	vmk_uint32 rateSampleInterval;
} vmk_UplinkCoalesceParams;

typedef struct vmk_UplinkQueueReallocParams {
	vmk_UplinkQueueType qType;
	vmk_uint16 numAttr;
	vmk_UplinkQueueAttr *attr;
	vmk_UplinkQueueID *qID;
	vmk_uint16 numOldFilters;
	vmk_UplinkQueueFilterID *oldFid;
	vmk_UplinkQueueFilter *newFilter;
	vmk_UplinkQueueFilterID *newFid;
	vmk_uint32 *pairHWQID;
	vmk_NetPoll *netpoll;
} vmk_UplinkQueueReallocParams;

typedef struct vmk_UplinkQueueRSSHashKey {
	vmk_uint16 keySize;
	vmk_uint8 key[];
} vmk_UplinkQueueRSSHashKey;

typedef struct vmk_UplinkQueueRSSIndTable {
	vmk_uint16 tableSize;
	vmk_uint8 table[];
} vmk_UplinkQueueRSSIndTable;

typedef struct vmk_UplinkQueueRSSParams {
	vmk_uint16 numRSSPools;
	vmk_uint16 numRSSQueuesPerPool;
	vmk_uint16 rssHashKeySize;
	vmk_uint16 rssIndTableSize;
} vmk_UplinkQueueRSSParams;

/* Driver callbacks: may block (world context), as in 2.3. */
typedef VMK_ReturnStatus
(*vmk_UplinkCoalesceParamsGetCB)(vmk_AddrCookie driverData,
				 vmk_UplinkCoalesceParams *params);
typedef VMK_ReturnStatus
(*vmk_UplinkCoalesceParamsSetCB)(vmk_AddrCookie driverData,
				 vmk_UplinkCoalesceParams *params);

/* Ops of VMK_UPLINK_CAP_COALESCE_PARAMS (ethtool -c / -C). */
typedef struct vmk_UplinkCoalesceParamsOps {
	vmk_UplinkCoalesceParamsGetCB getParams;
	vmk_UplinkCoalesceParamsSetCB setParams;
} vmk_UplinkCoalesceParamsOps;

typedef VMK_ReturnStatus
(*vmk_UplinkQueueAllocCB)(vmk_AddrCookie driverData, vmk_UplinkQueueType qType,
			  vmk_UplinkQueueID *qID, vmk_NetPoll *netpoll);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueAllocWithAttrCB)(vmk_AddrCookie driverData,
				  vmk_UplinkQueueType qType,
				  vmk_uint16 numAttr, vmk_UplinkQueueAttr *attr,
				  vmk_UplinkQueueID *qID,
				  vmk_NetPoll *netpoll);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueReallocWithAttrCB)(vmk_AddrCookie driverData,
				    vmk_UplinkQueueReallocParams *params);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueFreeCB)(vmk_AddrCookie driverData, vmk_UplinkQueueID qID);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueQuiesceCB)(vmk_AddrCookie driverData, vmk_UplinkQueueID qID);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueStartCB)(vmk_AddrCookie driverData, vmk_UplinkQueueID qID);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueFilterApplyCB)(vmk_AddrCookie driverData,
				vmk_UplinkQueueID qID,
				vmk_UplinkQueueFilter *qFilter,
				vmk_UplinkQueueFilterID *fid,
				vmk_uint32 *pairHWQID);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueFilterRemoveCB)(vmk_AddrCookie driverData,
				 vmk_UplinkQueueID qID,
				 vmk_UplinkQueueFilterID fid);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueStatsGetCB)(vmk_AddrCookie driverData, vmk_UplinkQueueID qID,
			     struct vmk_UplinkStats *stats);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueFeatureToggleCB)(vmk_AddrCookie driverData,
				  vmk_UplinkQueueID qID,
				  vmk_UplinkQueueFeature qFeature,
				  vmk_Bool setUnset);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueTxPrioritySetCB)(vmk_AddrCookie driverData,
				  vmk_UplinkQueueID qID,
				  vmk_UplinkQueuePriority priority);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueCoalesceParamsSetCB)(vmk_AddrCookie driverData,
				      vmk_UplinkQueueID qID,
				      vmk_UplinkCoalesceParams *params);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueRSSParamsGetCB)(vmk_AddrCookie driverData,
				 vmk_UplinkQueueRSSParams *params);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueRSSStateInitCB)(vmk_AddrCookie driverData,
				 vmk_UplinkQueueRSSHashKey *rssHashKey,
				 vmk_UplinkQueueRSSIndTable *rssIndTable);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueRSSIndTableUpdateCB)(vmk_AddrCookie driverData,
				      vmk_UplinkQueueRSSIndTable *rssIndTable);
typedef VMK_ReturnStatus
(*vmk_UplinkQueueRSSIndTableGetCB)(vmk_AddrCookie driverData,
				   vmk_UplinkQueueRSSIndTable *rssIndTable);

typedef struct vmk_UplinkQueueOps {
	vmk_UplinkQueueAllocCB queueAlloc;
	vmk_UplinkQueueAllocWithAttrCB queueAllocWithAttr;
	vmk_UplinkQueueReallocWithAttrCB queueReallocWithAttr;
	vmk_UplinkQueueFreeCB queueFree;
	vmk_UplinkQueueQuiesceCB queueQuiesce;
	vmk_UplinkQueueStartCB queueStart;
	vmk_UplinkQueueFilterApplyCB queueApplyFilter;
	vmk_UplinkQueueFilterRemoveCB queueRemoveFilter;
	vmk_UplinkQueueStatsGetCB queueGetStats;
	vmk_UplinkQueueFeatureToggleCB queueToggleFeature;
	vmk_UplinkQueueTxPrioritySetCB queueSetPriority;
	vmk_UplinkQueueCoalesceParamsSetCB queueSetCoalesceParams;
} vmk_UplinkQueueOps;

typedef struct vmk_UplinkQueueRSSDynOps {
	vmk_UplinkQueueRSSParamsGetCB queueGetRSSParams;
	vmk_UplinkQueueRSSStateInitCB queueInitRSSState;
	vmk_UplinkQueueRSSIndTableUpdateCB queueUpdateRSSIndTable;
	vmk_UplinkQueueRSSIndTableGetCB queueGetRSSIndTable;
} vmk_UplinkQueueRSSDynOps;

/*
 * One queue, in the shared data.  2.3 makes flags and state volatile;
 * here the uplink layer reads them with READ_ONCE instead.
 */
typedef struct vmk_UplinkSharedQueueData {
	vmk_UplinkQueueFlags flags;
	vmk_UplinkQueueType type;
	vmk_UplinkQueueID qid;
	vmk_UplinkQueueState state;
	vmk_UplinkQueueFeature supportedFeatures;
	vmk_UplinkQueueFeature activeFeatures;
	vmk_uint32 maxFilters;
	vmk_uint32 activeFilters;
	/* An RX queue's NetPoll: registered with the uplink at its start. */
	vmk_NetPoll poll;
	vmk_DMAEngine dmaEngine;
	vmk_UplinkQueuePriority priority;
	vmk_UplinkCoalesceParams coalesceParams;
} vmk_UplinkSharedQueueData;

/* All queues; mandatory, even for a single-queue NIC. */
typedef struct vmk_UplinkSharedQueueInfo {
	vmk_UplinkQueueType supportedQueueTypes;
	vmk_UplinkQueueFilterClass supportedRxQueueFilterClasses;
	vmk_UplinkQueueID defaultRxQueueID;
	vmk_UplinkQueueID defaultTxQueueID;
	vmk_uint32 maxRxQueues;
	vmk_uint32 maxTxQueues;
	vmk_uint32 activeRxQueues;
	vmk_uint32 activeTxQueues;
	vmk_BitVector *activeQueues;
	vmk_uint32 maxTotalDeviceFilters;
	/* maxRxQueues + maxTxQueues entries (queue IDs index into it). */
	vmk_UplinkSharedQueueData *queueData;
} vmk_UplinkSharedQueueInfo;

/*
 * vmk_UplinkQueueGetNumQueuesSupported - how many queues to expose:
 * the device's numbers capped at the number of online CPUs.
 * Any context; never blocks.  VMK_OK, VMK_BAD_PARAM for NULL outputs.
 */
VMK_ReturnStatus vmk_UplinkQueueGetNumQueuesSupported(vmk_uint32 numDevTxQueues,
						      vmk_uint32 numDevRxQueues,
						      vmk_uint32 *maxTxQueues,
						      vmk_uint32 *maxRxQueues);

/*
 * Queue ID construction and access.  Mk*: type @index (into queueData,
 * < 65536) and @val; VMK_BAD_PARAM for a NULL @qid or an index too big.
 */
VMK_ReturnStatus vmk_UplinkQueueMkTxQueueID(vmk_UplinkQueueID *qid,
					    vmk_uint32 index, vmk_uint32 val);
VMK_ReturnStatus vmk_UplinkQueueMkRxQueueID(vmk_UplinkQueueID *qid,
					    vmk_uint32 index, vmk_uint32 val);
VMK_ReturnStatus vmk_UplinkQueueSetQueueIDUserVal(vmk_UplinkQueueID *qid,
						  vmk_uint32 userval);
VMK_ReturnStatus vmk_UplinkQueueSetQueueIDQueueDataIndex(vmk_UplinkQueueID *qid,
							 vmk_uint32 index);
vmk_uint32 vmk_UplinkQueueIDVal(vmk_UplinkQueueID qid);
vmk_uint32 vmk_UplinkQueueIDUserVal(vmk_UplinkQueueID qid);
vmk_uint32 vmk_UplinkQueueIDQueueDataIndex(vmk_UplinkQueueID qid);
vmk_UplinkQueueType vmk_UplinkQueueIDType(vmk_UplinkQueueID qid);
VMK_ReturnStatus vmk_UplinkQueueMkFilterID(vmk_UplinkQueueFilterID *fid,
					   vmk_uint16 val);
vmk_uint16 vmk_UplinkQueueFilterIDVal(vmk_UplinkQueueFilterID fid);

/*
 * The queue a packet goes out of (TX: set by the uplink layer to the
 * default TX queue before uplinkTx) or came in on.  Any context.
 * Set: VMK_OK, VMK_BAD_PARAM for a NULL packet.
 */
vmk_UplinkQueueID vmk_PktQueueIDGet(vmk_PktHandle *pkt);
VMK_ReturnStatus vmk_PktQueueIDSet(vmk_PktHandle *pkt, vmk_UplinkQueueID qid);

/*
 * vmk_UplinkQueueStop / vmk_UplinkQueueStart - TX flow control: stop
 * the stack's transmits on @qid (the ring is full; uplinkTx returns
 * VMK_BUSY), and restart them (the ring drained).  Any context but NMI,
 * including inside uplinkTx and the poll; never block.  Returns VMK_OK;
 * VMK_INVALID_HANDLE for an uplink that is not associated; VMK_BAD_PARAM
 * for a queue ID that is not a TX queue of the uplink.
 */
VMK_ReturnStatus vmk_UplinkQueueStop(vmk_Uplink uplink, vmk_UplinkQueueID qid);
VMK_ReturnStatus vmk_UplinkQueueStart(vmk_Uplink uplink,
				      vmk_UplinkQueueID qid);

#endif /* _VMKAPI_NET_QUEUE_H_ */
