/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NetPoll (reference section 17.6; net/vmkapi_net_poll.h in 2.3): the
 * NAPI of the native driver model.
 *
 * Each NetPoll is a Linux NAPI instance in threaded mode: its poll
 * callback runs in a kernel thread of its own ("napi/vmknpN-..."), under
 * the scheduler, with bottom halves off.  So the callback must not block,
 * may take VMK spinlocks, and sees the budget NAPI gives (64).  It
 * returns VMK_TRUE to be polled again, VMK_FALSE when it is done and has
 * re-armed the device's interrupt; an activation that races with that
 * re-arm is never lost (NAPI's missed-schedule bit).
 *
 * A NetPoll is created disabled.  vmk_NetPollEnable lets activations
 * run the poll; vmk_NetPollDisable waits for a running poll to finish.
 * Received packets go to the uplink the poll is registered with (from
 * the uplink's shared queue data, or vmk_NetPollRegisterUplink), through
 * GRO, or to the custom delivery callback.
 */
#ifndef _VMKAPI_NET_POLL_H_
#define _VMKAPI_NET_POLL_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef enum {
	VMK_NETPOLL_NONE = 0,
	VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK = 1,
} vmk_NetPollFeatures;

typedef enum {
	/* Disabled: activations do not run the poll. */
	VMK_NETPOLL_DISABLED = 0,
	/* Enabled: running, scheduled, or ready to be activated. */
	VMK_NETPOLL_ACTIVE = 1,
} vmk_NetPollState;

typedef struct vmk_NetPollInt *vmk_NetPoll;

/* The poll: NetPoll context (never blocks); see the top of this file. */
typedef vmk_Bool (*vmk_NetPollCallback)(vmk_AddrCookie priv,
					vmk_uint32 budget);

/*
 * Custom delivery: gets the packets the poll queued with
 * vmk_NetPollRxPktQueue (it owns them), when the poll returns or at
 * vmk_NetPollFlushRx.  NetPoll context.
 */
typedef void (*vmk_NetPollDeliveryCallback)(vmk_PktList rxPktList,
					    vmk_AddrCookie priv);

typedef struct vmk_NetPollProperties {
	vmk_NetPollCallback poll;
	/* Used when features has VMK_NETPOLL_CUSTOM_DELIVERY_CALLBACK. */
	vmk_NetPollDeliveryCallback deliveryCallback;
	vmk_AddrCookie priv;
	vmk_NetPollFeatures features;
} vmk_NetPollProperties;

/*
 * vmk_NetPollCreate - a disabled NetPoll owned by @moduleID (a module
 * resource: reclaimed with a log line if the module unloads with it).
 * Context: a world; may block.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments, no poll callback, or
 * custom delivery without a callback; VMK_INVALID_MODULE; VMK_NO_MEMORY;
 * VMK_FAILURE if the poll thread cannot be created.
 */
VMK_ReturnStatus vmk_NetPollCreate(vmk_NetPollProperties *pollInit,
				   vmk_ServiceAcctID id,
				   vmk_ModuleID moduleID,
				   vmk_NetPoll *poll);

/*
 * vmk_NetPollDestroy - disable (waiting for a running poll), unregister
 * from its uplink and free.  Context: a world, not inside the poll
 * itself; may block.  A handle that is not live is logged and ignored.
 */
void vmk_NetPollDestroy(vmk_NetPoll netPoll);

/*
 * vmk_NetPollEnable / vmk_NetPollDisable - let activations run the poll,
 * or stop them, waiting for a running poll to return.  Both idempotent.
 * Context: a world (not inside the poll); may block.
 */
void vmk_NetPollEnable(vmk_NetPoll netPoll);
void vmk_NetPollDisable(vmk_NetPoll netPoll);

/*
 * vmk_NetPollActivate - schedule the poll (the interrupt handler's job).
 * Context: any but NMI, including interrupt acknowledge; never blocks.
 * From the handler of the interrupt bound with vmk_NetPollInterruptSet,
 * holding no spinlock, the poll runs at once in the handler's own thread
 * (one round; further rounds in the NetPoll's thread), in the same
 * context rules as always: a poll is never run inside a caller that holds
 * a lock it might take.
 * Returns VMK_OK (also when the poll was scheduled already or is
 * disabled: a disabled poll ignores it); VMK_INVALID_HANDLE.
 */
VMK_ReturnStatus vmk_NetPollActivate(vmk_NetPoll netPoll);

/* Context: any; never blocks.  VMK_OK or VMK_INVALID_HANDLE/BAD_PARAM. */
VMK_ReturnStatus vmk_NetPollCheckState(vmk_NetPoll netPoll,
				       vmk_NetPollState *state);

/*
 * vmk_NetPollGetCurrent - the NetPoll whose poll callback the caller
 * runs in.  Returns VMK_OK; VMK_BAD_PARAM for NULL; VMK_INVALID_HANDLE
 * outside a poll.  Any context; never blocks.
 */
VMK_ReturnStatus vmk_NetPollGetCurrent(vmk_NetPoll *netPoll);

/* The priv of the properties; any context. */
vmk_AddrCookie vmk_NetPollGetPrivate(vmk_NetPoll netPoll);

/*
 * vmk_NetPollRxPktQueue - hand a received packet to the stack (or the
 * custom delivery callback).  Only inside this NetPoll's poll callback.
 * Returns VMK_OK (the packet is taken, also when it is dropped because
 * the poll has no uplink); VMK_INVALID_HANDLE; VMK_BAD_PARAM for a NULL
 * packet; VMK_FAILURE outside the poll (the caller keeps the packet).
 */
VMK_ReturnStatus vmk_NetPollRxPktQueue(vmk_NetPoll netPoll,
				       vmk_PktHandle *pkt);

/*
 * vmk_NetPollRxPktListQueue - vmk_NetPollRxPktQueue for every packet of
 * @pktList, first to last; the list is left empty.  Only inside this
 * NetPoll's poll callback; never blocks.  Returns VMK_OK;
 * VMK_INVALID_HANDLE; VMK_BAD_PARAM for a NULL list; VMK_FAILURE outside
 * the poll (the list keeps all its packets).
 */
VMK_ReturnStatus vmk_NetPollRxPktListQueue(vmk_NetPoll netPoll,
					   vmk_PktList pktList);

/*
 * vmk_NetPollQueueCompPkt - release a TX-completed packet (batched with
 * NAPI's skb cache inside the poll; released at once elsewhere).
 * Any context but NMI.  Returns VMK_OK, VMK_INVALID_HANDLE,
 * VMK_BAD_PARAM for a NULL packet.
 */
VMK_ReturnStatus vmk_NetPollQueueCompPkt(vmk_NetPoll netPoll,
					 vmk_PktHandle *pkt);

/*
 * vmk_NetPollCompPktListQueue - vmk_NetPollQueueCompPkt for every packet
 * of @pktList, which is left empty.  Any context but NMI; never blocks.
 * Returns VMK_OK, VMK_INVALID_HANDLE, VMK_BAD_PARAM for a NULL list.
 */
VMK_ReturnStatus vmk_NetPollCompPktListQueue(vmk_NetPoll netPoll,
					     vmk_PktList pktList);

/*
 * vmk_NetPollFlushRx - push what the poll queued for custom delivery to
 * the delivery callback now (default delivery hands packets to GRO at
 * once; NAPI flushes it when the poll returns).  Only inside this
 * NetPoll's poll callback (elsewhere: logged, nothing done); never
 * blocks.
 */
void vmk_NetPollFlushRx(vmk_NetPoll netPoll);

/*
 * vmk_NetPollInterruptSet / UnSet - record the interrupt whose handler
 * activates the poll (the poll thread and the vector are not pinned).  Context: any; never blocks.  Returns VMK_OK,
 * VMK_INVALID_HANDLE, VMK_BAD_PARAM for VMK_INVALID_INTRCOOKIE.
 */
VMK_ReturnStatus vmk_NetPollInterruptSet(vmk_NetPoll netPoll,
					 vmk_IntrCookie intrCookie);
VMK_ReturnStatus vmk_NetPollInterruptUnSet(vmk_NetPoll netPoll);

/*
 * vmk_NetPollRegisterUplink - deliver this poll's packets to @uplink (for
 * polls not in the uplink's shared queue data; call in uplinkStartIO).
 * One uplink per poll; @name is informative; @defaultPoll marks the
 * uplink's default poll (one per uplink).  Context: a world; may block.
 * Returns VMK_OK; VMK_INVALID_HANDLE; VMK_BAD_PARAM for a dead uplink, a
 * poll already registered elsewhere or a second default poll.
 */
VMK_ReturnStatus vmk_NetPollRegisterUplink(vmk_NetPoll netPoll,
					   vmk_Uplink uplink,
					   vmk_Name name,
					   vmk_Bool defaultPoll);
/* Undo it; VMK_BAD_PARAM if the poll is not registered.  May block. */
VMK_ReturnStatus vmk_NetPollUnregisterUplink(vmk_NetPoll netPoll);

/*
 * Set (from @init's deliveryCallback, turning custom delivery on) or
 * clear the custom delivery callback.  Context: a world, not inside the
 * poll; may block (waits for a running poll).  VMK_OK,
 * VMK_INVALID_HANDLE, VMK_BAD_PARAM for NULL.
 */
VMK_ReturnStatus vmk_NetPollDeliveryCallbackSet(vmk_NetPoll netPoll,
						vmk_NetPollProperties *init);
VMK_ReturnStatus vmk_NetPollDeliveryCallbackClear(vmk_NetPoll netPoll);

#endif /* _VMKAPI_NET_POLL_H_ */
