// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl intr stats: interrupt cookies, their counters, and the
 * acknowledge and handler duration histograms (power-of-two buckets).
 */
#include <inttypes.h>
#include <string.h>

#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

/* The names of a cookie's handlers ("-" for none), comma separated. */
static void vk_fmt_handlers(const struct vk_val *row, const struct vk_val *v,
			    char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; v && v->kind == VK_ARRAY && i < v->n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s", i ? "," : "",
				 v->items[i]->kind == VK_STR ? v->items[i]->s : "?");
	if (!buf[0])
		snprintf(buf, len, "-");
}

static const struct vk_col vk_intr_cols[] = {
	{ "cookie", "Cookie", VK_COL_RIGHT },
	{ "irq", "IRQ", VK_COL_RIGHT },
	{ "module", "Module", 0 },
	{ "handlers", "Handlers", 0, vk_fmt_handlers },
	{ "shared", "Shared", 0 },
	{ "enabled", "Enabled", 0 },
	{ "count", "Count", VK_COL_RIGHT },
	{ "woken", "Woken", VK_COL_RIGHT },
	{ "ignored", "Ignored", VK_COL_RIGHT },
	{ "spurious", "Spurious", VK_COL_RIGHT },
	{ "bad_ack", "Bad Ack", VK_COL_RIGHT },
	{ "ack_over_budget", "Ack Over Budget", VK_COL_RIGHT },
	{ "handler_runs", "Handler Runs", VK_COL_RIGHT },
	{ "handler_blocked", "Blocked", VK_COL_RIGHT },
	{ "handler_steered", "Steered", VK_COL_RIGHT },
};

#define VK_BAR_MAX 40

/*
 * One histogram (an array of {"min_ns", "max_ns", "count"} buckets, only
 * the non-empty ones) as lines with a bar scaled to the largest bucket.
 */
static void vk_hist_print(FILE *f, const struct vk_val *cookie,
			  const char *key, const char *what)
{
	const struct vk_val *h = vk_get(cookie, key);
	uint64_t max = 0, n;
	size_t i, bar;

	if (!h || h->kind != VK_ARRAY || !h->n)
		return;
	for (i = 0; i < h->n; i++)
		if (vk_get_uint(h->items[i], "count", 0) > max)
			max = vk_get_uint(h->items[i], "count", 0);
	fprintf(f, "\nCookie %" PRIu64 " %s duration (ns):\n",
		vk_get_uint(cookie, "cookie", 0), what);
	for (i = 0; i < h->n; i++) {
		const struct vk_val *b = h->items[i];
		const struct vk_val *hi = vk_get(b, "max_ns");
		char range[64];

		n = vk_get_uint(b, "count", 0);
		if (hi && hi->kind == VK_UINT)
			snprintf(range, sizeof(range), "%" PRIu64 " - %" PRIu64,
				 vk_get_uint(b, "min_ns", 0), hi->u);
		else
			snprintf(range, sizeof(range), ">= %" PRIu64,
				 vk_get_uint(b, "min_ns", 0));
		bar = max ? (size_t)((n * VK_BAR_MAX + max - 1) / max) : 0;
		fprintf(f, "  %24s  %10" PRIu64 "  ", range, n);
		while (bar--)
			fputc('#', f);
		fputc('\n', f);
	}
}

void vk_intr_print(FILE *f, const struct vk_val *cookies)
{
	size_t i;

	vk_table_write(f, vk_intr_cols, VK_ARRAY_SIZE(vk_intr_cols), cookies);
	for (i = 0; cookies && i < cookies->n; i++) {
		vk_hist_print(f, cookies->items[i], "ack_histogram",
			      "acknowledge");
		vk_hist_print(f, cookies->items[i], "handler_histogram",
			      "handler");
	}
}

static const struct vk_field vk_intr_fields[] = {
	{ VMKAPI_INTR_A_COOKIE, "cookie", VK_A_U32 },
	{ VMKAPI_INTR_A_IRQ, "irq", VK_A_U32 },
	{ VMKAPI_INTR_A_MODULE_ID, "module_id", VK_A_U32 },
	{ VMKAPI_INTR_A_MODULE_NAME, "module", VK_A_STR },
	{ VMKAPI_INTR_A_HANDLERS, "handlers", VK_A_STRS },
	{ VMKAPI_INTR_A_SHARED, "shared", VK_A_FLAG },
	{ VMKAPI_INTR_A_ENABLED, "enabled", VK_A_FLAG },
	{ VMKAPI_INTR_A_COUNT, "count", VK_A_U64 },
	{ VMKAPI_INTR_A_WOKEN, "woken", VK_A_U64 },
	{ VMKAPI_INTR_A_IGNORED, "ignored", VK_A_U64 },
	{ VMKAPI_INTR_A_SPURIOUS, "spurious", VK_A_U64 },
	{ VMKAPI_INTR_A_GATED, "gated", VK_A_U64 },
	{ VMKAPI_INTR_A_BAD_ACK, "bad_ack", VK_A_U64 },
	{ VMKAPI_INTR_A_ACKS, "acks", VK_A_U64 },
	{ VMKAPI_INTR_A_ACK_OVER_BUDGET, "ack_over_budget", VK_A_U64 },
	{ VMKAPI_INTR_A_ACK_BUDGET_NS, "ack_budget_ns", VK_A_U64 },
	{ VMKAPI_INTR_A_HANDLER_RUNS, "handler_runs", VK_A_U64 },
	{ VMKAPI_INTR_A_HANDLER_BLOCKED, "handler_blocked", VK_A_U64 },
	{ VMKAPI_INTR_A_HANDLER_STEERED, "handler_steered", VK_A_U64 },
	{ VMKAPI_INTR_A_ACK_HIST, "ack_histogram", VK_A_HIST },
	{ VMKAPI_INTR_A_HANDLER_HIST, "handler_histogram", VK_A_HIST },
};

static const struct vk_schema vk_intr_schema = {
	.top = VMKAPI_A_INTR,
	.maxattr = VMKAPI_INTR_A_MAX,
	.fields = vk_intr_fields,
	.nfields = VK_ARRAY_SIZE(vk_intr_fields),
};

int vk_intr_stats(struct vk_nl *nl, const struct vk_inv *inv)
{
	struct vk_val *cookies;
	int ret;

	ret = vk_nl_dump(nl, VMKAPI_CMD_INTR_GET, &vk_intr_schema, &cookies,
			 "intr stats");
	if (!ret)
		vk_emit(stdout, inv->json, cookies, vk_intr_print);
	vk_free(cookies);
	return ret;
}
