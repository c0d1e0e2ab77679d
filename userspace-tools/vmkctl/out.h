/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkctl's output side: what the kernel answered, decoded into a small
 * value tree (objects keep their keys in insertion order, so the JSON a
 * script sees has stable keys in a stable order), and the renderers that
 * turn such a tree into an aligned table, a key/value block, an indented
 * tree or JSON.  Nothing here knows about netlink, so the host tests can
 * feed it records directly.
 */
#ifndef VMKCTL_OUT_H
#define VMKCTL_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define VK_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum vk_kind {
	VK_NULL,
	VK_STR,
	VK_INT,		/* signed 64-bit */
	VK_UINT,	/* unsigned 64-bit */
	VK_BOOL,
	VK_ARRAY,
	VK_OBJECT,
};

struct vk_val {
	enum vk_kind kind;
	union {
		char *s;
		int64_t i;
		uint64_t u;
		bool b;
	};
	/* VK_ARRAY: items; VK_OBJECT: keys[i] -> items[i] */
	struct vk_val **items;
	char **keys;
	size_t n, cap;
};

/*
 * Constructors.  They never return NULL: vmkctl has nothing sensible to
 * do when a few hundred bytes cannot be allocated, so they print and exit.
 */
struct vk_val *vk_null(void);
struct vk_val *vk_str(const char *s);
struct vk_val *vk_int(int64_t i);
struct vk_val *vk_uint(uint64_t u);
struct vk_val *vk_bool(bool b);
struct vk_val *vk_array(void);
struct vk_val *vk_object(void);
void vk_free(struct vk_val *v);

/* Append to an array; set a key of an object (replacing an older value). */
void vk_push(struct vk_val *arr, struct vk_val *item);
void vk_set(struct vk_val *obj, const char *key, struct vk_val *val);
void vk_set_str(struct vk_val *obj, const char *key, const char *s);
void vk_set_int(struct vk_val *obj, const char *key, int64_t i);
void vk_set_uint(struct vk_val *obj, const char *key, uint64_t u);
void vk_set_bool(struct vk_val *obj, const char *key, bool b);

/* The value under @key of an object, or NULL (also for a non-object). */
struct vk_val *vk_get(const struct vk_val *obj, const char *key);
/* Convenience readers: @def when absent or of another kind. */
const char *vk_get_str(const struct vk_val *obj, const char *key,
		       const char *def);
uint64_t vk_get_uint(const struct vk_val *obj, const char *key,
		     uint64_t def);

/* Escape @s as a JSON string, quotes included. */
void vk_json_string(FILE *f, const char *s);
/*
 * @v as JSON followed by a newline: indented by two spaces per level when
 * @pretty, else on one line (vmkctl events --follow --json prints one
 * event per line).
 */
void vk_json_write(FILE *f, const struct vk_val *v, bool pretty);

/* How a scalar shows in a human table: "-" for null or absent. */
void vk_format_scalar(const struct vk_val *v, char *buf, size_t len);

#define VK_COL_RIGHT	0x1	/* numbers: right-aligned */

struct vk_col {
	const char *key;	/* object key to show */
	const char *header;
	unsigned int flags;
	/* Optional: how to show the value (default vk_format_scalar). */
	void (*format)(const struct vk_val *row, const struct vk_val *v,
		       char *buf, size_t len);
};

/*
 * An esxcli-style table of the objects in @rows: one header line, one
 * line of dashes under each header, then one line per row; columns are
 * as wide as their widest cell and separated by two spaces; trailing
 * blanks are never printed.
 */
void vk_table_write(FILE *f, const struct vk_col *cols, size_t ncols,
		    const struct vk_val *rows);

/*
 * One object as "Header: value" lines, the values aligned after the
 * longest header.
 */
void vk_kv_write(FILE *f, const struct vk_col *cols, size_t ncols,
		 const struct vk_val *obj);

/*
 * A forest of objects whose children are in the array @children_key, one
 * line per node drawn with ASCII branches ("|-- ", "`-- "), each line the
 * text @label writes for the node.
 */
void vk_tree_write(FILE *f, const struct vk_val *roots,
		   const char *children_key,
		   void (*label)(const struct vk_val *node, char *buf,
				 size_t len));

/*
 * What every command ends with: @v as JSON when @json, else through the
 * command's human renderer @print.
 */
void vk_emit(FILE *f, bool json, const struct vk_val *v,
	     void (*print)(FILE *f, const struct vk_val *v));

#endif /* VMKCTL_OUT_H */
