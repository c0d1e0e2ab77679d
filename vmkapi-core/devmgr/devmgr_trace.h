/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The device manager's tracepoint: one event per lifecycle transition
 * tried, refused ones included (then from == to and status says why).
 *
 *   echo 1 > /sys/kernel/tracing/events/vmkapi/device_transition/enable
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM vmkapi

#if !defined(_VMKAPI_DEVMGR_TRACE_H_) || defined(TRACE_HEADER_MULTI_READ)
#define _VMKAPI_DEVMGR_TRACE_H_

#include <linux/tracepoint.h>

/*
 * The strings as dynamic arrays, filled by hand: __string() and
 * __assign_str() changed their arguments in 6.10, these did not.
 */
#define vmk_trace_str_len(src)	(strlen(src) + 1)
#define vmk_trace_str(field)	((char *)__get_dynamic_array(field))

TRACE_EVENT(device_transition,
	TP_PROTO(const char *address, const char *driver, int from, int event,
		 int to, int status),
	TP_ARGS(address, driver, from, event, to, status),
	TP_STRUCT__entry(
		__dynamic_array(char, address, vmk_trace_str_len(address))
		__dynamic_array(char, driver, vmk_trace_str_len(driver))
		__field(int, from)
		__field(int, event)
		__field(int, to)
		__field(int, status)
	),
	TP_fast_assign(
		memcpy(vmk_trace_str(address), address,
		       __get_dynamic_array_len(address));
		memcpy(vmk_trace_str(driver), driver,
		       __get_dynamic_array_len(driver));
		__entry->from = from;
		__entry->event = event;
		__entry->to = to;
		__entry->status = status;
	),
	TP_printk("device=%s driver=%s %s -%s-> %s status=0x%x",
		  vmk_trace_str(address), vmk_trace_str(driver),
		  __print_symbolic(__entry->from,
				   { VMK_CORE_DEV_UNCLAIMED, "unclaimed" },
				   { VMK_CORE_DEV_QUIESCENT, "quiescent" },
				   { VMK_CORE_DEV_STARTED, "started" },
				   { VMK_CORE_DEV_REMOVED, "removed" }),
		  __print_symbolic(__entry->event,
				   { VMK_CORE_DEV_ATTACH, "attach" },
				   { VMK_CORE_DEV_START, "start" },
				   { VMK_CORE_DEV_SCAN, "scan" },
				   { VMK_CORE_DEV_QUIESCE, "quiesce" },
				   { VMK_CORE_DEV_DETACH, "detach" },
				   { VMK_CORE_DEV_FORGET, "forget" },
				   { VMK_CORE_DEV_REMOVE, "remove" }),
		  __print_symbolic(__entry->to,
				   { VMK_CORE_DEV_UNCLAIMED, "unclaimed" },
				   { VMK_CORE_DEV_QUIESCENT, "quiescent" },
				   { VMK_CORE_DEV_STARTED, "started" },
				   { VMK_CORE_DEV_REMOVED, "removed" }),
		  __entry->status)
);

#endif /* _VMKAPI_DEVMGR_TRACE_H_ */

/* Found through the core's include path (-I vmkapi-core). */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH devmgr
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE devmgr_trace
#include <trace/define_trace.h>
