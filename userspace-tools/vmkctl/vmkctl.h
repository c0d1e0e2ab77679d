/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkctl: manage the vmkapi core (vmkapi.ko) over its generic netlink
 * family.  Shared declarations: exit codes, the parsed command line, the
 * command table and each namespace's entry points.
 */
#ifndef VMKCTL_H
#define VMKCTL_H

#include <stdbool.h>
#include <stdio.h>

#include "out.h"

#define VMKCTL_VERSION "1.0"

/* Exit codes: documented in vmkctl.8 and the README; scripts rely on them. */
enum vk_exit {
	VK_EXIT_OK = 0,
	VK_EXIT_USAGE = 1,	/* bad command line */
	VK_EXIT_NOT_LOADED = 2,	/* vmkapi.ko not loaded (no "vmkapi" family) */
	VK_EXIT_REFUSED = 3,	/* the kernel refused the request */
	VK_EXIT_PERM = 4,	/* needs CAP_NET_ADMIN */
	VK_EXIT_IO = 5,		/* netlink failed or answered nonsense */
};

/* Options a command accepts besides the global ones. */
#define VK_OPT_SOURCE	0x1	/* --source NAME */
#define VK_OPT_FOLLOW	0x2	/* --follow */

#define VK_MAX_ARGS 4

/* What the command line asked for. */
struct vk_inv {
	const struct vk_cmd *cmd;	/* NULL: help or version only */
	bool json;
	bool help;			/* print usage to stdout, exit 0 */
	bool version;
	const char *ns;			/* namespace given (for help) */
	const char *source;		/* --source */
	bool follow;			/* --follow */
	int nargs;
	const char *args[VK_MAX_ARGS];
};

struct vk_nl;

struct vk_cmd {
	const char *ns;
	const char *verb;
	const char *args;		/* usage of the positional arguments */
	int min_args, max_args;
	unsigned int opts;		/* VK_OPT_* */
	bool mutating;			/* needs CAP_NET_ADMIN */
	const char *summary;
	int (*run)(struct vk_nl *nl, const struct vk_inv *inv);
};

extern const struct vk_cmd vk_commands[];
extern const unsigned int vk_ncommands;

/*
 * Parse argv (argv[0] is the program).  Returns VK_EXIT_OK with @inv
 * filled, or VK_EXIT_USAGE with a one-line reason in @err.
 */
int vk_parse(int argc, char **argv, struct vk_inv *inv, char *err,
	     size_t errlen);
/* Usage text: every command, or the commands of namespace @ns. */
void vk_usage(FILE *f, const char *ns);

/* Each namespace's commands (ns_*.c). */
int vk_module_list(struct vk_nl *nl, const struct vk_inv *inv);
int vk_device_list(struct vk_nl *nl, const struct vk_inv *inv);
int vk_device_tree(struct vk_nl *nl, const struct vk_inv *inv);
int vk_device_show(struct vk_nl *nl, const struct vk_inv *inv);
int vk_device_op(struct vk_nl *nl, const struct vk_inv *inv);
int vk_driver_list(struct vk_nl *nl, const struct vk_inv *inv);
int vk_heap_list(struct vk_nl *nl, const struct vk_inv *inv);
int vk_intr_stats(struct vk_nl *nl, const struct vk_inv *inv);
int vk_log_get(struct vk_nl *nl, const struct vk_inv *inv);
int vk_log_set(struct vk_nl *nl, const struct vk_inv *inv);
int vk_events(struct vk_nl *nl, const struct vk_inv *inv);

/*
 * The human renderers, separate from the netlink requests so the host
 * tests can feed them decoded records: each takes what the matching
 * command decoded (an array of objects, or one object for show).
 */
void vk_module_print(FILE *f, const struct vk_val *mods);
void vk_device_print_list(FILE *f, const struct vk_val *devs);
void vk_device_print_tree(FILE *f, const struct vk_val *roots);
void vk_device_print_show(FILE *f, const struct vk_val *dev);
void vk_driver_print(FILE *f, const struct vk_val *drvs);
void vk_heap_print(FILE *f, const struct vk_val *heaps);
void vk_intr_print(FILE *f, const struct vk_val *cookies);
void vk_log_print(FILE *f, const struct vk_val *comps);
void vk_events_print(FILE *f, const struct vk_val *events, bool header);

/*
 * Turn the flat device list (each with "address" and "parent") into the
 * forest the tree renderer and --json of "device tree" use: every device
 * gets a "children" array.  Takes ownership of @flat's items.
 */
struct vk_val *vk_device_build_tree(struct vk_val *flat);

#endif /* VMKCTL_H */
