/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's tracepoints beyond the device manager's (devmgr_trace.h):
 * interrupts, deferred work and allocation failures, all in the vmkapi
 * system, so `bpftrace -l 'tracepoint:vmkapi:*'` lists them together.
 *
 * Fields are plain C types (int, unsigned int, unsigned long long) and
 * strings: an out-of-tree module has no BTF, so bpftrace builds its
 * argument structs from the format files alone, and those types need no
 * kernel header to parse.  Durations are in nanoseconds.  The clock is
 * read for these only where the core reads it anyway (interrupt
 * statistics); a disabled tracepoint is a patched-out branch.
 *
 * Deferred work is one class with three events: queue, start and done
 * of one object (a helper request, a worldlet, a timer of a timer queue,
 * a bottom half on one CPU), named by its address (obj), so a script
 * keys a map on obj at queue and reads it at start.  A delayed helper
 * request says how long it asked to wait (delay_ns); a timer is queued
 * when it expires, so its latency is how late its queue's world ran it.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM vmkapi

#if !defined(_VMKAPI_TRACE_H_) || defined(TRACE_HEADER_MULTI_READ)
#define _VMKAPI_TRACE_H_

#include <linux/tracepoint.h>

/* Numbers to names in the print format, for perf and trace-cmd. */
TRACE_DEFINE_ENUM(VMK_CORE_DEFERRED_HELPER);
TRACE_DEFINE_ENUM(VMK_CORE_DEFERRED_WORLDLET);
TRACE_DEFINE_ENUM(VMK_CORE_DEFERRED_TIMER);
TRACE_DEFINE_ENUM(VMK_CORE_DEFERRED_BH);
TRACE_DEFINE_ENUM(VMK_CORE_ALLOC_HEAP);
TRACE_DEFINE_ENUM(VMK_CORE_ALLOC_SLAB);
TRACE_DEFINE_ENUM(VMK_CORE_ALLOC_MEMPOOL);
TRACE_DEFINE_ENUM(VMK_CORE_ALLOC_DMA);

/* One acknowledge callback of a registration: how long, what it said. */
TRACE_EVENT(intr_ack,
	TP_PROTO(unsigned int cookie, unsigned int irq, int module,
		 const char *name, unsigned long long ns, int status),
	TP_ARGS(cookie, irq, module, name, ns, status),
	TP_STRUCT__entry(
		__field(unsigned int, cookie)
		__field(unsigned int, irq)
		__field(int, module)
		__string(name, name)
		__field(unsigned long long, ns)
		__field(int, status)
	),
	TP_fast_assign(
		__entry->cookie = cookie;
		__entry->irq = irq;
		__entry->module = module;
		__assign_str(name, name);
		__entry->ns = ns;
		__entry->status = status;
	),
	TP_printk("cookie=%u irq=%u module=%d name=%s ns=%llu status=0x%x",
		  __entry->cookie, __entry->irq, __entry->module,
		  __get_str(name), __entry->ns, __entry->status)
);

/* One handler run in the cookie's interrupt thread. */
TRACE_EVENT(intr_handler,
	TP_PROTO(unsigned int cookie, unsigned int irq, int module,
		 const char *name, unsigned long long ns, int blocked),
	TP_ARGS(cookie, irq, module, name, ns, blocked),
	TP_STRUCT__entry(
		__field(unsigned int, cookie)
		__field(unsigned int, irq)
		__field(int, module)
		__string(name, name)
		__field(unsigned long long, ns)
		__field(int, blocked)
	),
	TP_fast_assign(
		__entry->cookie = cookie;
		__entry->irq = irq;
		__entry->module = module;
		__assign_str(name, name);
		__entry->ns = ns;
		__entry->blocked = blocked;
	),
	TP_printk("cookie=%u irq=%u module=%d name=%s ns=%llu blocked=%d",
		  __entry->cookie, __entry->irq, __entry->module,
		  __get_str(name), __entry->ns, __entry->blocked)
);

DECLARE_EVENT_CLASS(vmkapi_deferred,
	TP_PROTO(int kind, const void *obj, const char *name, int module,
		 unsigned long long delay_ns),
	TP_ARGS(kind, obj, name, module, delay_ns),
	TP_STRUCT__entry(
		__field(int, kind)
		__field(unsigned long long, obj)
		__string(name, name)
		__field(int, module)
		__field(unsigned long long, delay_ns)
	),
	TP_fast_assign(
		__entry->kind = kind;
		__entry->obj = (unsigned long)obj;
		__assign_str(name, name);
		__entry->module = module;
		__entry->delay_ns = delay_ns;
	),
	TP_printk("%s obj=0x%llx name=%s module=%d delay_ns=%llu",
		  __print_symbolic(__entry->kind,
				   { VMK_CORE_DEFERRED_HELPER, "helper" },
				   { VMK_CORE_DEFERRED_WORLDLET, "worldlet" },
				   { VMK_CORE_DEFERRED_TIMER, "timer" },
				   { VMK_CORE_DEFERRED_BH, "bh" }),
		  __entry->obj, __get_str(name), __entry->module,
		  __entry->delay_ns)
);

DEFINE_EVENT(vmkapi_deferred, deferred_queue,
	TP_PROTO(int kind, const void *obj, const char *name, int module,
		 unsigned long long delay_ns),
	TP_ARGS(kind, obj, name, module, delay_ns));
DEFINE_EVENT(vmkapi_deferred, deferred_start,
	TP_PROTO(int kind, const void *obj, const char *name, int module,
		 unsigned long long delay_ns),
	TP_ARGS(kind, obj, name, module, delay_ns));
DEFINE_EVENT(vmkapi_deferred, deferred_done,
	TP_PROTO(int kind, const void *obj, const char *name, int module,
		 unsigned long long delay_ns),
	TP_ARGS(kind, obj, name, module, delay_ns));

/* A heap, slab, memory pool or DMA allocation that failed. */
TRACE_EVENT(alloc_failed,
	TP_PROTO(int kind, const char *name, int module,
		 unsigned long long size, int status, const void *caller),
	TP_ARGS(kind, name, module, size, status, caller),
	TP_STRUCT__entry(
		__field(int, kind)
		__string(name, name)
		__field(int, module)
		__field(unsigned long long, size)
		__field(int, status)
		__field(unsigned long long, caller)
	),
	TP_fast_assign(
		__entry->kind = kind;
		__assign_str(name, name);
		__entry->module = module;
		__entry->size = size;
		__entry->status = status;
		__entry->caller = (unsigned long)caller;
	),
	TP_printk("%s name=%s module=%d size=%llu status=0x%x caller=%pS",
		  __print_symbolic(__entry->kind,
				   { VMK_CORE_ALLOC_HEAP, "heap" },
				   { VMK_CORE_ALLOC_SLAB, "slab" },
				   { VMK_CORE_ALLOC_MEMPOOL, "mempool" },
				   { VMK_CORE_ALLOC_DMA, "dma" }),
		  __get_str(name), __entry->module, __entry->size,
		  __entry->status, (void *)(unsigned long)__entry->caller)
);

#endif /* _VMKAPI_TRACE_H_ */

/* Found through the core's include path (-I vmkapi-core). */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE vmkapi_trace
#include <trace/define_trace.h>
