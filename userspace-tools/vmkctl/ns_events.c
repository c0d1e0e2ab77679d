// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl events [--source NAME] [--follow]: the always-on event ring.
 */
#include <inttypes.h>
#include <string.h>

#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

/* Seconds since boot with microseconds, as dmesg shows them. */
static void vk_fmt_time(const struct vk_val *row, const struct vk_val *v,
			char *buf, size_t len)
{
	uint64_t ns = vk_get_uint(row, "time_ns", 0);

	snprintf(buf, len, "%" PRIu64 ".%06" PRIu64, ns / 1000000000,
		 ns % 1000000000 / 1000);
}

/* The status's name when the kernel sent it, else its number. */
static void vk_fmt_status(const struct vk_val *row, const struct vk_val *v,
			  char *buf, size_t len)
{
	const char *name = vk_get_str(row, "status_name", NULL);

	if (name && name[0])
		snprintf(buf, len, "%s", name);
	else
		vk_format_scalar(v, buf, len);
}

static const struct vk_col vk_event_cols[] = {
	{ "seq", "Seq", VK_COL_RIGHT },
	{ "time_ns", "Time", VK_COL_RIGHT, vk_fmt_time },
	{ "source", "Source", 0 },
	{ "kind", "Kind", 0 },
	{ "object", "Object", 0 },
	{ "status", "Status", 0, vk_fmt_status },
	{ "text", "Text", 0 },
};

static void vk_events_table(FILE *f, const struct vk_val *events)
{
	vk_table_write(f, vk_event_cols, VK_ARRAY_SIZE(vk_event_cols), events);
}

#define VK_EVENT_ROW "%6s  %14s  %-12s  %-15s  %-20s  %-12s  %s\n"

/*
 * The events as a table.  With --follow rows come in batches as events
 * happen, so the columns have fixed widths instead: the header once
 * (@header), then each batch without one.
 */
void vk_events_print(FILE *f, const struct vk_val *events, bool header)
{
	char t[32], st[64], seq[24];
	size_t i;

	if (header)
		fprintf(f, VK_EVENT_ROW, "Seq", "Time", "Source", "Kind",
			"Object", "Status", "Text");
	for (i = 0; events && i < events->n; i++) {
		const struct vk_val *e = events->items[i];

		vk_fmt_time(e, NULL, t, sizeof(t));
		vk_fmt_status(e, vk_get(e, "status"), st, sizeof(st));
		snprintf(seq, sizeof(seq), "%" PRIu64, vk_get_uint(e, "seq", 0));
		fprintf(f, VK_EVENT_ROW, seq, t, vk_get_str(e, "source", "-"),
			vk_get_str(e, "kind", "-"), vk_get_str(e, "object", "-"),
			st, vk_get_str(e, "text", ""));
	}
}

static const char *const vk_kind_names[] = {
	[VMKAPI_EVENT_UNSPEC] = "unspec",
	[VMKAPI_EVENT_TRANSITION] = "transition",
	[VMKAPI_EVENT_CALLBACK_FAILED] = "callback_failed",
	[VMKAPI_EVENT_INTR_ANOMALY] = "intr_anomaly",
	[VMKAPI_EVENT_ALLOC_FAILED] = "alloc_failed",
	[VMKAPI_EVENT_RESOURCE_LEAK] = "resource_leak",
};

static const struct vk_field vk_event_fields[] = {
	{ VMKAPI_EVENT_A_SEQ, "seq", VK_A_U64 },
	{ VMKAPI_EVENT_A_TIME_NS, "time_ns", VK_A_U64 },
	{ VMKAPI_EVENT_A_SOURCE, "source", VK_A_STR },
	{ VMKAPI_EVENT_A_KIND, "kind", VK_A_ENUM, NULL, vk_kind_names,
	  VK_ARRAY_SIZE(vk_kind_names) },
	{ VMKAPI_EVENT_A_OBJECT, "object", VK_A_STR },
	{ VMKAPI_EVENT_A_STATUS, "status", VK_A_S32 },
	{ VMKAPI_EVENT_A_STATUS_NAME, "status_name", VK_A_STR },
	{ VMKAPI_EVENT_A_TEXT, "text", VK_A_STR },
};

static const struct vk_schema vk_event_schema = {
	.top = VMKAPI_A_EVENT,
	.maxattr = VMKAPI_EVENT_A_MAX,
	.fields = vk_event_fields,
	.nfields = VK_ARRAY_SIZE(vk_event_fields),
};

/* The events after @after (all: 0), of one source or all. */
static int vk_events_dump(struct vk_nl *nl, const char *source,
			  uint64_t after, struct vk_val *out, const char *what)
{
	struct nl_msg *msg = vk_nl_request(nl, VMKAPI_CMD_EVENTS_GET, true);
	struct nlattr *nest;

	if (source || after) {
		nest = nla_nest_start(msg, VMKAPI_A_EVENT | NLA_F_NESTED);
		if (source)
			nla_put_string(msg, VMKAPI_EVENT_A_SOURCE, source);
		if (after)
			nla_put_u64(msg, VMKAPI_EVENT_A_AFTER, after);
		nla_nest_end(msg, nest);
	}
	return vk_nl_call(nl, msg, &vk_event_schema, out, what);
}

/*
 * Print the events of @batch newer than *@last (notifications and dumps
 * may overlap), in seq order, and advance *@last.
 */
static void vk_events_emit(const struct vk_inv *inv, struct vk_val *batch,
			   uint64_t *last)
{
	struct vk_val *fresh = vk_array();
	size_t i, j;

	for (i = 0; i < batch->n; i++) {
		struct vk_val *e = batch->items[i];
		uint64_t seq = vk_get_uint(e, "seq", 0);

		if (seq <= *last)
			continue;
		if (inv->source &&
		    strcmp(vk_get_str(e, "source", ""), inv->source))
			continue;
		/* Insertion sort: batches are short and nearly sorted. */
		vk_push(fresh, e);
		for (j = fresh->n - 1;
		     j > 0 && vk_get_uint(fresh->items[j - 1], "seq", 0) > seq;
		     j--) {
			fresh->items[j] = fresh->items[j - 1];
			fresh->items[j - 1] = e;
		}
		batch->items[i] = NULL;
	}
	for (i = 0; i < fresh->n; i++) {
		if (inv->json)
			vk_json_write(stdout, fresh->items[i], false);
		if (vk_get_uint(fresh->items[i], "seq", 0) > *last)
			*last = vk_get_uint(fresh->items[i], "seq", 0);
	}
	if (!inv->json)
		vk_events_print(stdout, fresh, false);
	fflush(stdout);
	vk_free(fresh);
}

/*
 * --follow: the ring so far, then new events as they come.  The
 * notifications of the "events" group wake us; a dump of what came after
 * the last one seen, every second and after each wake-up, catches what a
 * full socket buffer dropped (and works without the group).
 */
static int vk_events_follow(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *batch;
	uint64_t last = 0;
	int ret;

	vk_nl_join(nl, VMKAPI_GENL_MCGRP_EVENTS);
	if (!inv->json)
		vk_events_print(stdout, NULL, true);
	/* Until interrupted (each batch is flushed as it is printed). */
	for (;;) {
		batch = vk_array();
		/* Quiet: a failure may just mean vmkapi.ko went away. */
		ret = vk_events_dump(nl, inv->source, last, batch, NULL);
		if (!ret)
			vk_events_emit(inv, batch, &last);
		vk_free(batch);
		if (ret && !vk_nl_family_exists(nl)) {
			fputs("vmkctl: events: vmkapi.ko was unloaded\n", stderr);
			return VK_EXIT_NOT_LOADED;
		}
		if (ret) {
			/* Again, to say why. */
			batch = vk_array();
			ret = vk_events_dump(nl, inv->source, last, batch,
					     "events");
			vk_free(batch);
			return ret ? ret : VK_EXIT_IO;
		}
		batch = vk_array();
		ret = vk_nl_wait(nl, 1000, &vk_event_schema, batch);
		if (!ret)
			vk_events_emit(inv, batch, &last);
		vk_free(batch);
		if (ret)
			return ret;
	}
}

int vk_events(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *events;
	int ret;

	if (inv->follow)
		return vk_events_follow(nl, inv);
	events = vk_array();
	ret = vk_events_dump(nl, inv->source, 0, events, "events");
	if (!ret)
		vk_emit(stdout, inv->json, events, vk_events_table);
	vk_free(events);
	return ret;
}
