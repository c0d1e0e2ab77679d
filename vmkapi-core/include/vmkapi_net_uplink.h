/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Uplinks (reference sections 17.1-17.4, 17.9 and 23; net/vmkapi_net_uplink.h).
 *
 * A NIC driver registers, from its scan callback, a logical child with
 * identifier VMK_UPLINK_DEVICE_IDENTIFIER whose registrationData is its
 * vmk_UplinkRegData.  The uplink layer (a driver of the device layer)
 * claims the child; starting the child calls uplinkAssociate (the driver
 * registers its capabilities) and then makes a Linux net_device named
 * vmnicN: MAC, MTU and link from the shared data, features from the
 * capabilities, ethtool (driver info, link settings, ring sizes,
 * statistics, offload toggles).  `ip link set up` calls uplinkStartIO
 * and uplinkStateSet, `down` uplinkQuiesceIO.  Transmits are queued and
 * handed to uplinkTx in lists of up to 64 packets by the uplink's TX
 * thread (threaded NAPI "napi/vmnicN-0").  Quiescing the child (driver
 * unload, device removal) unregisters the net_device (stopping I/O
 * first if it was up) and then calls uplinkDisassociate.
 *
 * The callbacks are called as the 2.3 notes say: uplinkTx from the TX
 * thread (must not block; bottom halves are off, never in a softirq and
 * never under a lock of the stack, so the driver's TX lock may also be
 * taken from a world), every other one from a world that may block,
 * never two of them at once for one uplink except uplinkTx and
 * uplinkStatsGet.
 */
#ifndef _VMKAPI_NET_UPLINK_H_
#define _VMKAPI_NET_UPLINK_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#define VMK_UPLINK_DEVICE_IDENTIFIER	"com.vmware.uplink"
#define VMK_UPLINK_WOL_STRING_MAX	16

typedef enum vmk_UplinkFlags {
	VMK_UPLINK_FLAG_HIDDEN = 0x01,
	VMK_UPLINK_FLAG_PSEUDO_REG = 0x02,
} vmk_UplinkFlags;

typedef enum vmk_UplinkState {
	VMK_UPLINK_STATE_ENABLED = 0x01,
	VMK_UPLINK_STATE_DISABLED = 0x02,
	VMK_UPLINK_STATE_PROMISC = 0x04,
	VMK_UPLINK_STATE_BROADCAST_OK = 0x08,
	VMK_UPLINK_STATE_MULTICAST_OK = 0x10,
} vmk_UplinkState;

typedef struct vmk_UplinkSupportedMode {
	vmk_LinkSpeed speed;
	vmk_LinkDuplex duplex;
} vmk_UplinkSupportedMode;

typedef struct vmk_UplinkDriverInfo {
	vmk_Name driver;
	vmk_Name version;
	vmk_Name firmwareVersion;
	vmk_Name moduleInterface;
} vmk_UplinkDriverInfo;

typedef enum vmk_UplinkCableType {
	VMK_UPLINK_CABLE_TYPE_OTHER = 0,
	VMK_UPLINK_CABLE_TYPE_TP = 0x01,
	VMK_UPLINK_CABLE_TYPE_AUI = 0x02,
	VMK_UPLINK_CABLE_TYPE_MII = 0x04,
	VMK_UPLINK_CABLE_TYPE_FIBRE = 0x08,
	VMK_UPLINK_CABLE_TYPE_BNC = 0x10,
	VMK_UPLINK_CABLE_TYPE_DA = 0x20,
} vmk_UplinkCableType;

/* Capability callbacks: a world that may block, unless noted. */
typedef VMK_ReturnStatus (*vmk_UplinkCableTypeGetCB)(vmk_AddrCookie driverData,
						     vmk_UplinkCableType *cableType);
typedef VMK_ReturnStatus
(*vmk_UplinkSupportedCableTypesGetCB)(vmk_AddrCookie driverData,
				      vmk_UplinkCableType *cableTypes);
typedef VMK_ReturnStatus (*vmk_UplinkCableTypeSetCB)(vmk_AddrCookie driverData,
						     vmk_UplinkCableType cableType);

typedef struct vmk_UplinkCableTypeOps {
	vmk_UplinkCableTypeGetCB getCableType;
	vmk_UplinkSupportedCableTypesGetCB getSupportedCableTypes;
	vmk_UplinkCableTypeSetCB setCableType;
} vmk_UplinkCableTypeOps;

typedef VMK_ReturnStatus (*vmk_UplinkPhyAddressGetCB)(vmk_AddrCookie driverData,
						      vmk_uint8 *phyAddr);
typedef VMK_ReturnStatus (*vmk_UplinkPhyAddressSetCB)(vmk_AddrCookie driverData,
						      vmk_uint8 phyAddr);

typedef struct vmk_UplinkPhyAddressOps {
	vmk_UplinkPhyAddressGetCB getPhyAddress;
	vmk_UplinkPhyAddressSetCB setPhyAddress;
} vmk_UplinkPhyAddressOps;

typedef enum vmk_UplinkTransceiverType {
	VMK_UPLINK_TRANSCEIVER_TYPE_OTHER = 0,
	VMK_UPLINK_TRANSCEIVER_TYPE_INTERNAL = 1,
	VMK_UPLINK_TRANSCEIVER_TYPE_EXTERNAL = 2,
} vmk_UplinkTransceiverType;

typedef VMK_ReturnStatus
(*vmk_UplinkTransceiverTypeGetCB)(vmk_AddrCookie driverData,
				  vmk_UplinkTransceiverType *xcvrType);
typedef VMK_ReturnStatus
(*vmk_UplinkTransceiverTypeSetCB)(vmk_AddrCookie driverData,
				  vmk_UplinkTransceiverType xcvrType);

typedef struct vmk_UplinkTransceiverTypeOps {
	vmk_UplinkTransceiverTypeGetCB getTransceiverType;
	vmk_UplinkTransceiverTypeSetCB setTransceiverType;
} vmk_UplinkTransceiverTypeOps;

typedef VMK_ReturnStatus (*vmk_UplinkMessageLevelGetCB)(vmk_AddrCookie driverData,
							vmk_uint32 *level);
typedef VMK_ReturnStatus (*vmk_UplinkMessageLevelSetCB)(vmk_AddrCookie driverData,
							vmk_uint32 level);

/* Ops of VMK_UPLINK_CAP_MESSAGE_LEVEL (ethtool msglvl). */
typedef struct vmk_UplinkMessageLevelOps {
	vmk_UplinkMessageLevelGetCB getMessageLevel;
	vmk_UplinkMessageLevelSetCB setMessageLevel;
} vmk_UplinkMessageLevelOps;

typedef struct vmk_UplinkStats {
	vmk_uint64 rxPkts;
	vmk_uint64 txPkts;
	vmk_ByteCount rxBytes;
	vmk_ByteCount txBytes;
	vmk_uint64 rxErrors;
	vmk_uint64 txErrors;
	vmk_uint64 rxDrops;
	vmk_uint64 txDrops;
	vmk_uint64 rxMulticastPkts;
	vmk_uint64 rxBroadcastPkts;
	vmk_uint64 txMulticastPkts;
	vmk_uint64 txBroadcastPkts;
	vmk_uint64 collisions;
	vmk_uint64 rxLengthErrors;
	vmk_uint64 rxOverflowErrors;
	vmk_uint64 rxCRCErrors;
	vmk_uint64 rxFrameAlignErrors;
	vmk_uint64 rxFifoErrors;
	vmk_uint64 rxMissErrors;
	vmk_uint64 txAbortedErrors;
	vmk_uint64 txCarrierErrors;
	vmk_uint64 txFifoErrors;
	vmk_uint64 txHeartbeatErrors;
	vmk_uint64 txWindowErrors;
} vmk_UplinkStats;

typedef enum vmk_UplinkOffloadHeaderAlignment {
	VMK_UPLINK_OFFLOAD_HDR_ALIGN_ANY = 1,
	VMK_UPLINK_OFFLOAD_HDR_ALIGN_2_BYTES = 2,
	VMK_UPLINK_OFFLOAD_HDR_ALIGN_4_BYTES = 4,
} vmk_UplinkOffloadHeaderAlignment;

typedef struct vmk_UplinkOffloadConstraints {
	vmk_UplinkOffloadHeaderAlignment headerAlignment;
	vmk_uint32 maxHeaderOffset;
} vmk_UplinkOffloadConstraints;

/*
 * Capabilities.  The ones with a Linux counterpart become net_device
 * features, toggled with ethtool -K (uplinkCapEnable/Disable):
 * SG_TX -> sg, IPV4_CSO/IPV6_CSO -> tx checksums, IPV4_TSO/IPV6_TSO ->
 * tso/tso6 (with SG_TX and the matching CSO), VLAN_TX_INSERT/
 * VLAN_RX_STRIP -> tx/rx vlan offload.  RING_PARAMS, COALESCE_PARAMS,
 * MESSAGE_LEVEL, LINK_STATUS_SET and MAC_ADDR_SET give the matching
 * ethtool/ip operations.  Others are recorded only.
 */
typedef enum vmk_UplinkCap {
	VMK_UPLINK_CAP_SG_TX = 1,
	VMK_UPLINK_CAP_SG_RX = 2,
	VMK_UPLINK_CAP_MULTI_PAGE_SG = 3,
	VMK_UPLINK_CAP_IPV4_CSO = 4,
	VMK_UPLINK_CAP_IPV6_CSO = 5,
	VMK_UPLINK_CAP_IPV6_EXT_CSO = 6,
	VMK_UPLINK_CAP_VLAN_RX_STRIP = 7,
	VMK_UPLINK_CAP_VLAN_TX_INSERT = 8,
	VMK_UPLINK_CAP_IPV4_TSO = 9,
	VMK_UPLINK_CAP_IPV6_TSO = 10,
	VMK_UPLINK_CAP_IPV6_EXT_TSO = 11,
	VMK_UPLINK_CAP_MOD_TX_HDRS = 12,
	VMK_UPLINK_CAP_NO_SCHEDULER = 13,
	VMK_UPLINK_CAP_PRIV_STATS = 14,
	/* capOps: a vmk_UplinkLinkStatusSetCB */
	VMK_UPLINK_CAP_LINK_STATUS_SET = 15,
	/* capOps: a vmk_UplinkMACAddrSetCB */
	VMK_UPLINK_CAP_MAC_ADDR_SET = 16,
	/* capOps: a vmk_UplinkCoalesceParamsOps * */
	VMK_UPLINK_CAP_COALESCE_PARAMS = 17,
	VMK_UPLINK_CAP_VLAN_FILTER = 18,
	VMK_UPLINK_CAP_WAKE_ON_LAN = 19,
	VMK_UPLINK_CAP_NETWORK_DUMP = 20,
	VMK_UPLINK_CAP_MULTI_QUEUE = 21,
	VMK_UPLINK_CAP_DCB = 22,
	VMK_UPLINK_CAP_UPT = 23,
	VMK_UPLINK_CAP_SRIOV = 24,
	VMK_UPLINK_CAP_ENCAP_OFFLOAD = 25,
	VMK_UPLINK_CAP_OFFLOAD_CONSTRAINTS = 26,
	VMK_UPLINK_CAP_EEPROM = 27,
	VMK_UPLINK_CAP_REGDUMP = 28,
	VMK_UPLINK_CAP_SELF_TEST = 29,
	VMK_UPLINK_CAP_PAUSE_PARAMS = 30,
	VMK_UPLINK_CAP_RESTART_NEG = 31,
	VMK_UPLINK_CAP_LRO = 32,
	VMK_UPLINK_CAP_CABLE_TYPE = 33,
	VMK_UPLINK_CAP_PHY_ADDRESS = 34,
	VMK_UPLINK_CAP_TRANSCEIVER_TYPE = 35,
	/* capOps: a vmk_UplinkMessageLevelOps * */
	VMK_UPLINK_CAP_MESSAGE_LEVEL = 36,
	/* capOps: a vmk_UplinkRingParamsOps * */
	VMK_UPLINK_CAP_RING_PARAMS = 37,
	VMK_UPLINK_CAP_GENEVE_OFFLOAD = 38,
} vmk_UplinkCap;

/*
 * uplinkTx: send the packets of @pktList, removing each one taken.  Must
 * not block.  Return VMK_OK when all were taken (or released as drops);
 * when the ring is full, leave the rest in the list, call
 * vmk_UplinkQueueStop and return VMK_BUSY: the stack keeps them and
 * retries after vmk_UplinkQueueStart.  Any other status: what is left in
 * the list is released and counted as dropped.
 */
typedef VMK_ReturnStatus (*vmk_UplinkTxCB)(vmk_AddrCookie driverData,
					   vmk_PktList pktList);
typedef VMK_ReturnStatus (*vmk_UplinkMTUSetCB)(vmk_AddrCookie driverData,
					       vmk_uint32 mtu);
/* Update sharedData state too. */
typedef VMK_ReturnStatus (*vmk_UplinkStateSetCB)(vmk_AddrCookie driverData,
						 vmk_UplinkState state);
typedef VMK_ReturnStatus
(*vmk_UplinkLinkStatusSetCB)(vmk_AddrCookie driverData,
			     vmk_LinkStatus *linkInfo);
typedef VMK_ReturnStatus (*vmk_UplinkStatsGetCB)(vmk_AddrCookie driverData,
						 vmk_UplinkStats *stats);
/* Store @uplink and register every capability (vmk_UplinkCapRegister). */
typedef VMK_ReturnStatus (*vmk_UplinkAssociateCB)(vmk_AddrCookie driverData,
						  vmk_Uplink uplink);
typedef VMK_ReturnStatus (*vmk_UplinkDisassociateCB)(vmk_AddrCookie driverData);
typedef VMK_ReturnStatus (*vmk_UplinkCapEnableCB)(vmk_AddrCookie driverData,
						  vmk_UplinkCap cap);
typedef VMK_ReturnStatus (*vmk_UplinkCapDisableCB)(vmk_AddrCookie driverData,
						   vmk_UplinkCap cap);
typedef VMK_ReturnStatus (*vmk_UplinkStartIOCB)(vmk_AddrCookie driverData);
typedef VMK_ReturnStatus (*vmk_UplinkQuiesceIOCB)(vmk_AddrCookie driverData);
typedef VMK_ReturnStatus (*vmk_UplinkResetCB)(vmk_AddrCookie driverData);

typedef struct vmk_UplinkOps {
	vmk_UplinkTxCB uplinkTx;
	vmk_UplinkMTUSetCB uplinkMTUSet;
	vmk_UplinkStateSetCB uplinkStateSet;
	vmk_UplinkStatsGetCB uplinkStatsGet;
	vmk_UplinkAssociateCB uplinkAssociate;
	vmk_UplinkDisassociateCB uplinkDisassociate;
	vmk_UplinkCapEnableCB uplinkCapEnable;
	vmk_UplinkCapDisableCB uplinkCapDisable;
	vmk_UplinkStartIOCB uplinkStartIO;
	vmk_UplinkQuiesceIOCB uplinkQuiesceIO;
	vmk_UplinkResetCB uplinkReset;
} vmk_UplinkOps;

typedef enum vmk_UplinkWolCaps {
	VMK_UPLINK_WAKE_ON_PHY = 0x01,
	VMK_UPLINK_WAKE_ON_UCAST = 0x02,
	VMK_UPLINK_WAKE_ON_MCAST = 0x04,
	VMK_UPLINK_WAKE_ON_BCAST = 0x08,
	VMK_UPLINK_WAKE_ON_ARP = 0x10,
	VMK_UPLINK_WAKE_ON_MAGIC = 0x20,
	VMK_UPLINK_WAKE_ON_MAGICSECURE = 0x40
} vmk_UplinkWolCaps;

typedef struct vmk_UplinkWolState {
	vmk_UplinkWolCaps supported;
	vmk_UplinkWolCaps enabled;
	char secureONPassword[VMK_UPLINK_WOL_STRING_MAX];
} vmk_UplinkWolState;

/*
 * Shared data: written by the driver (inside vmk_VersionedAtomicBeginWrite
 * /EndWrite of @lock, writers serialised by the driver), read by the
 * uplink layer with the versioned-atomic read protocol.
 */
typedef struct vmk_UplinkSharedData {
	vmk_VersionedAtomic lock;
	vmk_UplinkFlags flags;
	vmk_UplinkState state;
	vmk_LinkStatus link;
	vmk_uint32 mtu;
	vmk_EthAddress macAddr;
	vmk_EthAddress hwMacAddr;
	vmk_UplinkSupportedMode *supportedModes;
	vmk_uint32 supportedModesArraySz;
	vmk_UplinkDriverInfo driverInfo;
	vmk_UplinkSharedQueueInfo *queueInfo;
} vmk_UplinkSharedData;

/* The registration data of an uplink child (see the top of this file). */
typedef struct vmk_UplinkRegData {
	/* VMKAPI_REVISION the driver was built with; must be 2.x, <= ours. */
	vmk_revnum apiRevision;
	vmk_ModuleID moduleID;
	vmk_UplinkOps ops;
	vmk_UplinkSharedData *sharedData;
	vmk_AddrCookie driverData;
} vmk_UplinkRegData;

typedef VMK_ReturnStatus (*vmk_UplinkWOLStateGetCB)(vmk_AddrCookie data,
						    vmk_UplinkWolState *wolState);
typedef VMK_ReturnStatus (*vmk_UplinkWOLStateSetCB)(vmk_AddrCookie driverData,
						    vmk_UplinkWolState *wolState);

typedef struct vmk_UplinkWOLOps {
	vmk_UplinkWOLStateGetCB getWOLState;
	vmk_UplinkWOLStateSetCB setWOLState;
} vmk_UplinkWOLOps;

typedef VMK_ReturnStatus (*vmk_UplinkEEPROMLenGetCB)(vmk_AddrCookie driverData,
						     vmk_int32 *len);
typedef VMK_ReturnStatus (*vmk_UplinkEEPROMDumpCB)(vmk_AddrCookie driverData,
						   vmk_AddrCookie buf,
						   vmk_uint32 bufLen,
						   vmk_uint32 offset,
						   vmk_uint32 *outLen);
typedef VMK_ReturnStatus (*vmk_UplinkEEPROMSetCB)(vmk_AddrCookie driverData,
						  vmk_uint32 magic,
						  vmk_AddrCookie buf,
						  vmk_uint32 bufLen,
						  vmk_uint32 offset);

typedef struct vmk_UplinkEEPROMOps {
	vmk_UplinkEEPROMLenGetCB eepromLenGet;
	vmk_UplinkEEPROMDumpCB eepromDump;
	vmk_UplinkEEPROMSetCB eepromSet;
} vmk_UplinkEEPROMOps;

typedef VMK_ReturnStatus (*vmk_UplinkRegDumpLenGetCB)(vmk_AddrCookie driverData,
						      vmk_uint32 *len);
typedef VMK_ReturnStatus (*vmk_UplinkRegDumpCB)(vmk_AddrCookie driverData,
						vmk_AddrCookie buf);

typedef struct vmk_UplinkRegDumpOps {
	vmk_UplinkRegDumpLenGetCB regDumpLenGet;
	vmk_UplinkRegDumpCB regDump;
} vmk_UplinkRegDumpOps;

typedef vmk_uint64 vmk_UplinkSelfTestResult;
typedef char vmk_UplinkSelfTestString[32];

typedef VMK_ReturnStatus
(*vmk_UplinkSelfTestResultLenGetCB)(vmk_AddrCookie driverData,
				    vmk_uint32 *len);
typedef VMK_ReturnStatus
(*vmk_UplinkSelfTestRunCB)(vmk_AddrCookie driverData, vmk_Bool online,
			   vmk_Bool *passed,
			   vmk_UplinkSelfTestResult *resultBuf,
			   vmk_UplinkSelfTestString *stringsBuf);

typedef struct vmk_UplinkSelfTestOps {
	vmk_UplinkSelfTestResultLenGetCB selfTestResultLenGet;
	vmk_UplinkSelfTestRunCB selfTestRun;
} vmk_UplinkSelfTestOps;

/* Ring sizes; the *Max* fields are read-only (ignored by set). */
typedef struct vmk_UplinkRingParams {
	vmk_uint32 rxMaxPending;
	vmk_uint32 rxMiniMaxPending;
	vmk_uint32 rxJumboMaxPending;
	vmk_uint32 txMaxPending;
	vmk_uint32 rxPending;
	vmk_uint32 rxMiniPending;
	vmk_uint32 rxJumboPending;
	vmk_uint32 txPending;
} vmk_UplinkRingParams;

typedef VMK_ReturnStatus (*vmk_UplinkRingParamsGetCB)(vmk_AddrCookie driverData,
						      vmk_UplinkRingParams *params);
typedef VMK_ReturnStatus (*vmk_UplinkRingParamsSetCB)(vmk_AddrCookie driverData,
						      vmk_UplinkRingParams *params);

/* Ops of VMK_UPLINK_CAP_RING_PARAMS (ethtool -g / -G). */
typedef struct vmk_UplinkRingParamsOps {
	vmk_UplinkRingParamsGetCB ringParamsGet;
	vmk_UplinkRingParamsSetCB ringParamsSet;
} vmk_UplinkRingParamsOps;

typedef enum vmk_UplinkFlowCtrlAbility {
	VMK_UPLINK_FLOW_CTRL_PAUSE = (1 << 0),
	VMK_UPLINK_FLOW_CTRL_ASYM_PAUSE = (1 << 1),
} vmk_UplinkFlowCtrlAbility;

typedef struct vmk_UplinkPauseParams {
	vmk_Bool autoNegotiate;
	vmk_Bool rxPauseEnabled;
	vmk_Bool txPauseEnabled;
	vmk_UplinkFlowCtrlAbility localDeviceAdvertise;
	vmk_UplinkFlowCtrlAbility linkPartnerAdvertise;
} vmk_UplinkPauseParams;

typedef VMK_ReturnStatus (*vmk_UplinkPauseParamsGetCB)(vmk_AddrCookie driverData,
						       vmk_UplinkPauseParams *params);
typedef VMK_ReturnStatus (*vmk_UplinkPauseParamsSetCB)(vmk_AddrCookie driverData,
						       vmk_UplinkPauseParams params);

typedef struct vmk_UplinkPauseParamsOps {
	vmk_UplinkPauseParamsGetCB pauseParamsGet;
	vmk_UplinkPauseParamsSetCB pauseParamsSet;
} vmk_UplinkPauseParamsOps;

typedef VMK_ReturnStatus (*vmk_UplinkPrivStatsGetCB)(vmk_AddrCookie driverData,
						     char *statBuf,
						     vmk_ByteCount length);
typedef VMK_ReturnStatus
(*vmk_UplinkPrivStatsLengthGetCB)(vmk_AddrCookie driverData,
				  vmk_ByteCount *length);

typedef struct vmk_UplinkPrivStatsOps {
	vmk_UplinkPrivStatsLengthGetCB privStatsLengthGet;
	vmk_UplinkPrivStatsGetCB privStatsGet;
} vmk_UplinkPrivStatsOps;

typedef VMK_ReturnStatus (*vmk_UplinkVXLANPortUpdateCB)(vmk_AddrCookie driverData,
							vmk_uint16 portNBO);

typedef struct vmk_UplinkEncapOffloadOps {
	vmk_UplinkVXLANPortUpdateCB vxlanPortUpdate;
} vmk_UplinkEncapOffloadOps;

typedef VMK_ReturnStatus (*vmk_UplinkMACAddrSetCB)(vmk_AddrCookie driverData,
						   vmk_EthAddress macAddr);
typedef VMK_ReturnStatus (*vmk_UplinkRestartNegotiationCB)(vmk_AddrCookie driverData);

/*
 * vmk_UplinkCapRegister - declare a capability (from uplinkAssociate:
 * only those registered there become net_device features).  @capOps is
 * the capability's ops/constraints pointer (see vmk_UplinkCap) or NULL.
 * Capabilities start enabled.  Context: a world; may block.
 * Returns VMK_OK; VMK_INVALID_HANDLE; VMK_BAD_PARAM for an unknown cap or
 * a capability whose ops pointer is required and NULL.  (Never
 * VMK_IS_DISABLED: no capability is disabled globally here.)
 */
VMK_ReturnStatus vmk_UplinkCapRegister(vmk_Uplink uplink, vmk_UplinkCap cap,
				       vmk_AddrCookie capOps);

/* Any context; never block.  VMK_FALSE for a dead uplink (logged). */
vmk_Bool vmk_UplinkCapIsRegistered(vmk_Uplink uplink, vmk_UplinkCap cap);
vmk_Bool vmk_UplinkCapIsEnabled(vmk_Uplink uplink, vmk_UplinkCap cap);

/*
 * vmk_UplinkUpdateLinkState - the driver's report of the operational link
 * (it has updated sharedData.link): carrier on/off, speed and duplex for
 * ethtool.  Any context but NMI (interrupt handler, NetPoll, helper);
 * never blocks.  Returns VMK_OK; VMK_BAD_PARAM for NULL @linkInfo;
 * VMK_INVALID_HANDLE; VMK_IS_DISABLED when reporting UP while the
 * uplink is administratively down (not opened): it is still recorded.
 */
VMK_ReturnStatus vmk_UplinkUpdateLinkState(vmk_Uplink uplink,
					   vmk_LinkStatus *linkInfo);

/*
 * Queries, from the shared data and the net_device.  Any context but
 * NMI; never block.  A dead uplink is logged and gives zeroes.
 * LinkStatusGet reports UP only when both the operational and the
 * administrative state are up.  NameGet: "vmnicN".
 */
vmk_Name vmk_UplinkNameGet(vmk_Uplink uplink);
vmk_uint32 vmk_UplinkMTUGet(vmk_Uplink uplink);
vmk_UplinkState vmk_UplinkStateGet(vmk_Uplink uplink);
vmk_UplinkFlags vmk_UplinkFlagsGet(vmk_Uplink uplink);
vmk_LinkStatus vmk_UplinkLinkStatusGet(vmk_Uplink uplink);
vmk_UplinkDriverInfo vmk_UplinkDriverInfoGet(vmk_Uplink uplink);
/* VMK_OK, VMK_BAD_PARAM for NULL @mac, VMK_INVALID_HANDLE. */
VMK_ReturnStatus vmk_UplinkMACAddrGet(vmk_Uplink uplink, vmk_EthAddress *mac);

/*
 * vmk_UplinkStatsGet - the driver's statistics (calls uplinkStatsGet).
 * Context: a world; may block.  Zeroes for a dead uplink (logged).
 */
vmk_UplinkStats vmk_UplinkStatsGet(vmk_Uplink uplink);

/*
 * TX watchdog: if a stopped TX queue stays stopped longer than this, the
 * uplink layer resets the device (uplinkReset, from a world).  1000 to
 * 60000 ms; 5000 by default.  Any context; never block.  VMK_OK;
 * VMK_BAD_PARAM for NULL or a value out of range; VMK_INVALID_HANDLE.
 */
VMK_ReturnStatus vmk_UplinkGetWatchdogTimeout(vmk_Uplink uplink,
					      vmk_uint16 *timeoutMS);
VMK_ReturnStatus vmk_UplinkSetWatchdogTimeout(vmk_Uplink uplink,
					      vmk_uint16 timeoutMS);

/*
 * vmk_UplinkReset - ask for a reset: uplinkReset runs soon in a world
 * (if the uplink is up), not before this returns.  Any context but NMI;
 * never blocks.  VMK_OK; VMK_INVALID_HANDLE; VMK_NOT_SUPPORTED when the
 * driver has no uplinkReset.
 */
VMK_ReturnStatus vmk_UplinkReset(vmk_Uplink uplink);

#endif /* _VMKAPI_NET_UPLINK_H_ */
