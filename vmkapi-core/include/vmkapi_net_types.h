/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Networking types shared by the uplink, packet, packet list, NetPoll and
 * queue families (reference section 17; net/vmkapi_net_types.h in 2.3).
 */
#ifndef _VMKAPI_NET_TYPES_H_
#define _VMKAPI_NET_TYPES_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/* 802.1Q VLAN ID (0-4094; 4095 is reserved) and 802.1p priority (0-7). */
typedef vmk_uint16 vmk_VlanID;
typedef vmk_uint8 vmk_VlanPriority;

/* The 802.1Q-2005 priority values under their names and acronyms. */
enum {
	VMK_VLAN_PRIORITY_MINIMUM = 0,
	VMK_VLAN_PRIORITY_BE = VMK_VLAN_PRIORITY_MINIMUM,
	VMK_VLAN_PRIORITY_BEST_EFFORT = VMK_VLAN_PRIORITY_BE,
	VMK_VLAN_PRIORITY_BK = 1,
	VMK_VLAN_PRIORITY_BACKGROUND = VMK_VLAN_PRIORITY_BK,
	VMK_VLAN_PRIORITY_EE = 2,
	VMK_VLAN_PRIORITY_EXCELLENT_EFFORT = VMK_VLAN_PRIORITY_EE,
	VMK_VLAN_PRIORITY_CA = 3,
	VMK_VLAN_PRIORITY_CRITICAL_APPS = VMK_VLAN_PRIORITY_CA,
	VMK_VLAN_PRIORITY_VI = 4,
	VMK_VLAN_PRIORITY_VIDEO = VMK_VLAN_PRIORITY_VI,
	VMK_VLAN_PRIORITY_VO = 5,
	VMK_VLAN_PRIORITY_VOICE = VMK_VLAN_PRIORITY_VO,
	VMK_VLAN_PRIORITY_IC = 6,
	VMK_VLAN_PRIORITY_INTERNETWORK_CONROL = VMK_VLAN_PRIORITY_IC,
	VMK_VLAN_PRIORITY_NC = 7,
	VMK_VLAN_PRIORITY_NETWORK_CONROL = VMK_VLAN_PRIORITY_NC,
	VMK_VLAN_PRIORITY_MAXIMUM = VMK_VLAN_PRIORITY_NC,
	VMK_VLAN_NUM_PRIORITIES = VMK_VLAN_PRIORITY_MAXIMUM + 1,
	VMK_VLAN_PRIORITY_INVALID = (vmk_VlanPriority)~0U
};

#define VMK_ETH_ADDR_LENGTH	6
typedef vmk_uint8 vmk_EthAddress[VMK_ETH_ADDR_LENGTH];

typedef vmk_uint32 vmk_IPv4Address;
#define VMK_IPV6_ADDR_LENGTH	16
typedef vmk_uint8 vmk_IPv6Address[VMK_IPV6_ADDR_LENGTH];

/* Virtual switch ports do not exist here; the type is for signatures. */
#define VMK_VSWITCH_INVALID_PORT_ID	0
typedef vmk_uint32 vmk_SwitchPortID;

/* Operational link state of a device. */
typedef enum {
	VMK_LINK_STATE_DOWN,
	VMK_LINK_STATE_UP
} vmk_LinkState;

/* Link speed in Mb/s; 0 is "auto-negotiated". */
typedef vmk_uint32 vmk_LinkSpeed;
#define VMK_LINK_SPEED_AUTO		0
#define VMK_LINK_SPEED_10_MBPS		10
#define VMK_LINK_SPEED_100_MBPS		100
#define VMK_LINK_SPEED_1000_MBPS	1000
#define VMK_LINK_SPEED_10000_MBPS	10000
#define VMK_LINK_SPEED_20000_MBPS	20000
#define VMK_LINK_SPEED_40000_MBPS	40000
#define VMK_LINK_SPEED_100000_MBPS	100000

typedef enum {
	VMK_LINK_DUPLEX_AUTO = -1,
	VMK_LINK_DUPLEX_HALF = 1,
	VMK_LINK_DUPLEX_FULL = 2,
} vmk_LinkDuplex;

typedef struct {
	vmk_LinkState state;
	vmk_LinkSpeed speed;
	vmk_LinkDuplex duplex;
} vmk_LinkStatus;

/*
 * An uplink: the handle the uplink layer passes to uplinkAssociate.  It
 * is live from then until uplinkDisassociate returns.
 */
typedef struct UplinkDev *vmk_Uplink;

#endif /* _VMKAPI_NET_TYPES_H_ */
