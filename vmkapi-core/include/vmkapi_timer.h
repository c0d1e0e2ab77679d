/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_timer.h - timer queues and timers (reference section 11; the
 * timer half of base/vmkapi_time.h and the queue calls of
 * base/vmkapi_time_incompat.h).  The clocks are in vmkapi_time.h.
 *
 * A timer queue is one world (here a kernel thread) that runs the
 * callbacks of its timers one at a time, in the order they became due.
 * Callbacks may block; a due timer then waits for the running callback
 * to return, which is the serialisation drivers rely on.
 *
 * Timer handles are not addresses: a handle names one scheduling of a
 * timer, so a handle kept after its one-shot timer fired (or was
 * cancelled) stays harmless: vmk_TimerCancel says VMK_NOT_FOUND and
 * vmk_TimerIsPending VMK_FALSE, even if the memory went to a new timer.
 */
#ifndef _VMKAPI_TIMER_H_
#define _VMKAPI_TIMER_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

typedef vmk_AddrCookie vmk_TimerCookie;
typedef struct vmk_TimerInt *vmk_Timer;
typedef struct vmk_TimerQueueInt *vmk_TimerQueue;

#define VMK_INVALID_TIMER		((vmk_Timer)0)
#define VMK_INVALID_TIMER_QUEUE		((vmk_TimerQueue)0)

typedef vmk_uint64 vmk_TimerQueueAttributes;

#define VMK_TIMER_QUEUE_ATTR_NONE	(0)
/* The queue's world runs at real-time priority. */
#define VMK_TIMER_QUEUE_ATTR_LOW_LATENCY (1 << 0)

typedef struct {
	vmk_Name name;
	/* The queue is a resource of this module. */
	vmk_ModuleID moduleID;
	/* The queue and its timers are allocated from this heap. */
	vmk_HeapID heapID;
	vmk_TimerQueueAttributes attribs;
} vmk_TimerQueueProps;

typedef vmk_uint64 vmk_TimerAttributes;

/* One shot: the timer fires once. */
#define VMK_TIMER_ATTR_NONE		(0)
/* The timer fires every timeoutUS until cancelled. */
#define VMK_TIMER_ATTR_PERIODIC		(1 << 0)
/* Let the implementation choose how late the timer may fire. */
#define VMK_TIMER_DEFAULT_TOLERANCE	(-1)

/*
 * A timer callback.  It runs in the queue's world and may block, but
 * every other due timer of the queue waits until it returns.
 */
typedef void (*vmk_TimerCallback)(vmk_TimerCookie data);

/*
 * vmk_TimerQueueCreate - create a timer queue and its world.  May block;
 * world context only (not interrupt acknowledge, interrupt handler or
 * NetPoll).  VMK_BAD_PARAM for NULL arguments, an empty or unterminated
 * name, an unregistered module, a heap that is not live or unknown
 * attributes; VMK_NO_RESOURCES when the heap or the kernel is out of
 * memory.  The queue counts as a resource of props->moduleID.
 */
VMK_ReturnStatus vmk_TimerQueueCreate(vmk_TimerQueueProps *props,
				      vmk_TimerQueue *queue);

/*
 * vmk_TimerQueueDestroy - cancel every timer of @queue, wait for a
 * callback that is running, and free the queue and its timers back to
 * the heap.  May block; world context only, never from a callback of
 * the same queue (VMK_WOULD_BLOCK, logged: it would wait for itself).
 * VMK_BAD_PARAM for NULL, VMK_INVALID_HANDLE for a dead queue.
 */
VMK_ReturnStatus vmk_TimerQueueDestroy(vmk_TimerQueue queue);

/*
 * vmk_TimerScheduleCustom - schedule a timer, or reschedule one: if
 * *timer names a live timer of @queue it is rescheduled in place (the
 * handle stays the same; a timer whose callback is running is re-armed
 * when it returns), otherwise a new timer is made and *timer set.  If
 * @wasPending is not NULL it says whether the timer was pending (see
 * vmk_TimerIsPending) before this call.
 *
 * @moduleID is the module of @callback (a registered module).
 * @timeoutUS >= 0: the delay; for a periodic timer the period (> 0).
 * @toleranceUS: how late the timer may fire, >= 0, or
 * VMK_TIMER_DEFAULT_TOLERANCE (a tenth of the timeout, at most 10 ms).
 * @lockDomain/@lockRank: both invalid (VMK_LOCKDOMAIN_INVALID,
 * VMK_SPINLOCK_UNRANKED) or a live domain and a valid rank; the callback
 * counts as holding a lock of that rank.
 *
 * Does not block; any context but interrupt acknowledge.  VMK_BAD_PARAM
 * for a NULL queue/callback/timer, a negative timeout, a bad tolerance,
 * unknown attributes, a periodic timer with timeout 0, an unregistered
 * module, a mismatched domain/rank pair, or *timer being a live timer
 * of another queue; VMK_INVALID_HANDLE for a dead queue or lock domain;
 * VMK_NO_RESOURCES when the queue's heap has no room for another timer.
 */
VMK_ReturnStatus vmk_TimerScheduleCustom(vmk_ModuleID moduleID,
					 vmk_TimerQueue queue,
					 vmk_TimerCallback callback,
					 vmk_TimerCookie data,
					 vmk_int64 timeoutUS,
					 vmk_int64 toleranceUS,
					 vmk_TimerAttributes attributes,
					 vmk_LockDomainID lockDomain,
					 vmk_LockRank lockRank,
					 vmk_Bool *wasPending,
					 vmk_Timer *timer);

/*
 * vmk_TimerSchedule - schedule a new timer on @queue (the callback's
 * module is the queue's); *timer is only written, on success.
 * Arguments and statuses as for vmk_TimerScheduleCustom.
 */
VMK_ReturnStatus vmk_TimerSchedule(vmk_TimerQueue queue,
				   vmk_TimerCallback callback,
				   vmk_TimerCookie data,
				   vmk_int64 timeoutUS,
				   vmk_int64 toleranceUS,
				   vmk_TimerAttributes attributes,
				   vmk_LockDomainID lockDomain,
				   vmk_LockRank lockRank,
				   vmk_Timer *timer);

/*
 * vmk_TimerCancel - cancel a timer.  VMK_OK: it was pending and will
 * not fire again (a one-shot never fired).  VMK_NOT_FOUND: it was
 * already cancelled, a one-shot that fired or is firing, a stale handle
 * or VMK_INVALID_TIMER.
 *
 * With @wait VMK_TRUE, a callback of the timer that is running is waited
 * for before returning (whatever the status): the call sleeps if the
 * caller may sleep and spins otherwise.  The caller must hold no lock of
 * rank >= the timer's.  From the timer's own callback the wait cannot
 * happen: the timer is cancelled as without @wait, the misuse is logged
 * and the call returns VMK_WOULD_BLOCK.
 *
 * Any context but interrupt acknowledge.
 */
VMK_ReturnStatus vmk_TimerCancel(vmk_Timer timer, vmk_Bool wait);

/*
 * vmk_TimerIsPending - VMK_TRUE while a one-shot timer has neither
 * started firing nor been cancelled, and while a periodic timer has not
 * been cancelled; VMK_FALSE otherwise, and for stale handles and
 * VMK_INVALID_TIMER.  Never blocks; any context but interrupt
 * acknowledge.
 */
vmk_Bool vmk_TimerIsPending(vmk_Timer timer);

/*
 * Incompatible (not binary compatible) part.
 */

/*
 * vmk_TimerQueueIsCurrentWorld - is the caller the world that runs
 * @queue's callbacks (i.e. a callback of @queue)?  Also while @queue is
 * being destroyed and the callback still runs.  Never blocks; any
 * context.  VMK_FALSE for anything else, a stale or bogus handle
 * included (the answer never needs to look at @queue).
 */
vmk_Bool vmk_TimerQueueIsCurrentWorld(struct vmk_TimerQueueInt *queue);

/*
 * vmk_TimerQueueMaxHeapSize - the heap size a queue needs to hold
 * @maxTimers timers at once (the queue itself included).  Timers that
 * fired or were cancelled are reused by the queue, so this bounds its
 * heap use for a driver that never has more than @maxTimers scheduled.
 * Never blocks; any context.  0 if the size does not fit a heap.
 */
vmk_ByteCount vmk_TimerQueueMaxHeapSize(vmk_uint32 maxTimers);

/*
 * Legacy timers (incompatible part, base/vmkapi_time_incompat.h): timers
 * on one default queue that the core owns, so they too run one at a
 * time in a world and may block.  @rank is a legacy lock rank; it is
 * accepted and not checked.  A module that unloads with legacy timers
 * still scheduled has them cancelled (and is logged), since their
 * callbacks would be gone.  None of these calls blocks, except that
 * vmk_TimerRemoveSync waits for a running callback as vmk_TimerCancel
 * with wait does; any context but interrupt acknowledge.
 */
typedef vmk_uint32 vmk_SpinlockRank;

/*
 * vmk_TimerAdd - schedule a new timer, periodic every @timeoutUs if
 * @periodic.  VMK_BAD_PARAM for a NULL callback or timer, a negative
 * timeout, or a periodic timer with timeout 0; VMK_NO_RESOURCES when the
 * default queue has no room (or could not be created).
 */
VMK_ReturnStatus vmk_TimerAdd(vmk_TimerCallback callback,
			      vmk_TimerCookie data,
			      vmk_int32 timeoutUs,
			      vmk_Bool periodic,
			      vmk_SpinlockRank rank,
			      vmk_Timer *timer);

/*
 * vmk_TimerModifyOrAdd - reschedule *timer in place if it is a live
 * legacy timer (*pending says whether it was pending; @pending may be
 * NULL), else schedule a new one into *timer (*pending VMK_FALSE).
 * Statuses as for vmk_TimerAdd; VMK_BAD_PARAM also for a live timer of
 * a timer queue.
 */
VMK_ReturnStatus vmk_TimerModifyOrAdd(vmk_TimerCallback callback,
				      vmk_TimerCookie data,
				      vmk_int32 timeoutUs,
				      vmk_Bool periodic,
				      vmk_SpinlockRank rank,
				      vmk_Timer *timer,
				      vmk_Bool *pending);

/* vmk_TimerRemove - vmk_TimerCancel(timer, VMK_FALSE). */
VMK_ReturnStatus vmk_TimerRemove(vmk_Timer timer);

/* vmk_TimerRemoveSync - vmk_TimerCancel(timer, VMK_TRUE). */
VMK_ReturnStatus vmk_TimerRemoveSync(vmk_Timer timer);

#endif /* _VMKAPI_TIMER_H_ */
