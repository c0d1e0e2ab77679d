// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl: the value tree and its renderers (tables, key/value blocks,
 * trees, JSON).  See out.h.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

static void *vk_xalloc(size_t size)
{
	void *p = calloc(1, size);

	if (!p) {
		fputs("vmkctl: out of memory\n", stderr);
		exit(5);
	}
	return p;
}

static char *vk_xstrdup(const char *s)
{
	char *p = vk_xalloc(strlen(s) + 1);

	memcpy(p, s, strlen(s) + 1);
	return p;
}

static struct vk_val *vk_new(enum vk_kind kind)
{
	struct vk_val *v = vk_xalloc(sizeof(*v));

	v->kind = kind;
	return v;
}

struct vk_val *vk_null(void)
{
	return vk_new(VK_NULL);
}

struct vk_val *vk_str(const char *s)
{
	struct vk_val *v = vk_new(VK_STR);

	v->s = vk_xstrdup(s ? s : "");
	return v;
}

struct vk_val *vk_int(int64_t i)
{
	struct vk_val *v = vk_new(VK_INT);

	v->i = i;
	return v;
}

struct vk_val *vk_uint(uint64_t u)
{
	struct vk_val *v = vk_new(VK_UINT);

	v->u = u;
	return v;
}

struct vk_val *vk_bool(bool b)
{
	struct vk_val *v = vk_new(VK_BOOL);

	v->b = b;
	return v;
}

struct vk_val *vk_array(void)
{
	return vk_new(VK_ARRAY);
}

struct vk_val *vk_object(void)
{
	return vk_new(VK_OBJECT);
}

void vk_free(struct vk_val *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		vk_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	if (v->kind == VK_STR)
		free(v->s);
	free(v);
}

static void vk_grow(struct vk_val *v)
{
	size_t cap = v->cap ? 2 * v->cap : 8;

	v->items = realloc(v->items, cap * sizeof(*v->items));
	if (v->kind == VK_OBJECT)
		v->keys = realloc(v->keys, cap * sizeof(*v->keys));
	if (!v->items || (v->kind == VK_OBJECT && !v->keys)) {
		fputs("vmkctl: out of memory\n", stderr);
		exit(5);
	}
	v->cap = cap;
}

void vk_push(struct vk_val *arr, struct vk_val *item)
{
	if (arr->n == arr->cap)
		vk_grow(arr);
	arr->items[arr->n++] = item;
}

void vk_set(struct vk_val *obj, const char *key, struct vk_val *val)
{
	size_t i;

	for (i = 0; i < obj->n; i++) {
		if (!strcmp(obj->keys[i], key)) {
			vk_free(obj->items[i]);
			obj->items[i] = val;
			return;
		}
	}
	if (obj->n == obj->cap)
		vk_grow(obj);
	obj->keys[obj->n] = vk_xstrdup(key);
	obj->items[obj->n++] = val;
}

void vk_set_str(struct vk_val *obj, const char *key, const char *s)
{
	vk_set(obj, key, vk_str(s));
}

void vk_set_int(struct vk_val *obj, const char *key, int64_t i)
{
	vk_set(obj, key, vk_int(i));
}

void vk_set_uint(struct vk_val *obj, const char *key, uint64_t u)
{
	vk_set(obj, key, vk_uint(u));
}

void vk_set_bool(struct vk_val *obj, const char *key, bool b)
{
	vk_set(obj, key, vk_bool(b));
}

struct vk_val *vk_get(const struct vk_val *obj, const char *key)
{
	size_t i;

	if (!obj || obj->kind != VK_OBJECT)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return obj->items[i];
	return NULL;
}

const char *vk_get_str(const struct vk_val *obj, const char *key,
		       const char *def)
{
	const struct vk_val *v = vk_get(obj, key);

	return v && v->kind == VK_STR ? v->s : def;
}

uint64_t vk_get_uint(const struct vk_val *obj, const char *key, uint64_t def)
{
	const struct vk_val *v = vk_get(obj, key);

	if (v && v->kind == VK_UINT)
		return v->u;
	if (v && v->kind == VK_INT && v->i >= 0)
		return v->i;
	return def;
}

/* --- JSON ---------------------------------------------------------------- */

void vk_json_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			/*
			 * Control characters are escaped; bytes >= 0x80 pass
			 * through (the kernel's names are ASCII or UTF-8).
			 */
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void vk_json_indent(FILE *f, bool pretty, int depth)
{
	if (pretty)
		fprintf(f, "\n%*s", 2 * depth, "");
}

static void vk_json_value(FILE *f, const struct vk_val *v, bool pretty,
			  int depth)
{
	size_t i;

	switch (v->kind) {
	case VK_NULL:
		fputs("null", f);
		break;
	case VK_STR:
		vk_json_string(f, v->s);
		break;
	case VK_INT:
		fprintf(f, "%" PRId64, v->i);
		break;
	case VK_UINT:
		fprintf(f, "%" PRIu64, v->u);
		break;
	case VK_BOOL:
		fputs(v->b ? "true" : "false", f);
		break;
	case VK_ARRAY:
	case VK_OBJECT:
		fputc(v->kind == VK_ARRAY ? '[' : '{', f);
		for (i = 0; i < v->n; i++) {
			if (i)
				fputc(',', f);
			if (!pretty && i)
				fputc(' ', f);
			vk_json_indent(f, pretty, depth + 1);
			if (v->kind == VK_OBJECT) {
				vk_json_string(f, v->keys[i]);
				fputs(": ", f);
			}
			vk_json_value(f, v->items[i], pretty, depth + 1);
		}
		if (v->n)
			vk_json_indent(f, pretty, depth);
		fputc(v->kind == VK_ARRAY ? ']' : '}', f);
		break;
	}
}

void vk_json_write(FILE *f, const struct vk_val *v, bool pretty)
{
	vk_json_value(f, v, pretty, 0);
	fputc('\n', f);
}

/* --- human output -------------------------------------------------------- */

void vk_format_scalar(const struct vk_val *v, char *buf, size_t len)
{
	if (!v) {
		snprintf(buf, len, "-");
		return;
	}
	switch (v->kind) {
	case VK_STR:
		snprintf(buf, len, "%s", v->s[0] ? v->s : "-");
		break;
	case VK_INT:
		snprintf(buf, len, "%" PRId64, v->i);
		break;
	case VK_UINT:
		snprintf(buf, len, "%" PRIu64, v->u);
		break;
	case VK_BOOL:
		snprintf(buf, len, "%s", v->b ? "yes" : "no");
		break;
	case VK_ARRAY:
		snprintf(buf, len, "%zu items", v->n);
		break;
	default:
		snprintf(buf, len, "-");
	}
}

#define VK_CELL_MAX 256

static void vk_cell(const struct vk_col *col, const struct vk_val *row,
		    char *buf)
{
	const struct vk_val *v = vk_get(row, col->key);

	if (col->format)
		col->format(row, v, buf, VK_CELL_MAX);
	else
		vk_format_scalar(v, buf, VK_CELL_MAX);
}

/* Print @s padded to @width (unless it is the last column, left-aligned). */
static void vk_pad(FILE *f, const char *s, size_t width, bool right,
		   bool last)
{
	size_t len = strlen(s);

	if (right)
		fprintf(f, "%*s%s", (int)(width - len), "", s);
	else if (last)
		fputs(s, f);
	else
		fprintf(f, "%s%*s", s, (int)(width - len), "");
}

void vk_table_write(FILE *f, const struct vk_col *cols, size_t ncols,
		    const struct vk_val *rows)
{
	size_t *width = vk_xalloc(ncols * sizeof(*width));
	char cell[VK_CELL_MAX];
	size_t c, r, i;

	for (c = 0; c < ncols; c++) {
		width[c] = strlen(cols[c].header);
		for (r = 0; rows && r < rows->n; r++) {
			vk_cell(&cols[c], rows->items[r], cell);
			if (strlen(cell) > width[c])
				width[c] = strlen(cell);
		}
	}
	for (c = 0; c < ncols; c++) {
		if (c)
			fputs("  ", f);
		vk_pad(f, cols[c].header, width[c],
		       cols[c].flags & VK_COL_RIGHT, c == ncols - 1);
	}
	fputc('\n', f);
	for (c = 0; c < ncols; c++) {
		if (c)
			fputs("  ", f);
		for (i = 0; i < width[c]; i++)
			fputc('-', f);
	}
	fputc('\n', f);
	for (r = 0; rows && r < rows->n; r++) {
		for (c = 0; c < ncols; c++) {
			if (c)
				fputs("  ", f);
			vk_cell(&cols[c], rows->items[r], cell);
			vk_pad(f, cell, width[c], cols[c].flags & VK_COL_RIGHT,
			       c == ncols - 1);
		}
		fputc('\n', f);
	}
	free(width);
}

void vk_kv_write(FILE *f, const struct vk_col *cols, size_t ncols,
		 const struct vk_val *obj)
{
	char cell[VK_CELL_MAX];
	size_t c, width = 0;

	for (c = 0; c < ncols; c++)
		if (strlen(cols[c].header) > width)
			width = strlen(cols[c].header);
	for (c = 0; c < ncols; c++) {
		vk_cell(&cols[c], obj, cell);
		fprintf(f, "%s:%*s %s\n", cols[c].header,
			(int)(width - strlen(cols[c].header)), "", cell);
	}
}

static void vk_tree_node(FILE *f, const struct vk_val *node,
			 const char *children_key, char *prefix, size_t plen,
			 bool last, bool top,
			 void (*label)(const struct vk_val *, char *, size_t))
{
	const struct vk_val *kids = vk_get(node, children_key);
	char text[VK_CELL_MAX];
	size_t len = strlen(prefix), i;

	label(node, text, sizeof(text));
	if (top)
		fprintf(f, "%s\n", text);
	else
		fprintf(f, "%s%s%s\n", prefix, last ? "`-- " : "|-- ", text);
	if (!kids || kids->kind != VK_ARRAY)
		return;
	/* Children of a top-level node start at the left margin. */
	if (!top && len + 5 < plen)
		strcat(prefix, last ? "    " : "|   ");
	for (i = 0; i < kids->n; i++)
		vk_tree_node(f, kids->items[i], children_key, prefix, plen,
			     i == kids->n - 1, false, label);
	prefix[len] = '\0';
}

void vk_tree_write(FILE *f, const struct vk_val *roots,
		   const char *children_key,
		   void (*label)(const struct vk_val *node, char *buf,
				 size_t len))
{
	char prefix[512] = "";
	size_t i;

	for (i = 0; roots && i < roots->n; i++)
		vk_tree_node(f, roots->items[i], children_key, prefix,
			     sizeof(prefix), true, true, label);
}

void vk_emit(FILE *f, bool json, const struct vk_val *v,
	     void (*print)(FILE *f, const struct vk_val *v))
{
	if (json)
		vk_json_write(f, v, true);
	else
		print(f, v);
}
