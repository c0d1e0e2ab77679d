// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl: the command table and the command line parser.
 *
 *   vmkctl [--json] NAMESPACE COMMAND [ARGS] [OPTIONS]
 *
 * Options may appear anywhere (before or after the namespace); "--" ends
 * them.  Parsing never touches netlink, so a bad command line fails with
 * exit code 1 whether or not vmkapi.ko is loaded.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vmkctl.h"

const struct vk_cmd vk_commands[] = {
	{ "module", "list", "", 0, 0, 0, false,
	  "modules registered with the core: API revision, use count, resources",
	  vk_module_list },
	{ "device", "list", "", 0, 0, 0, false,
	  "every device of the device tree, one per line",
	  vk_device_list },
	{ "device", "tree", "", 0, 0, 0, false,
	  "the device tree with states and bound drivers",
	  vk_device_tree },
	{ "device", "show", "<address>", 1, 1, 0, false,
	  "one device in detail", vk_device_show },
	{ "device", "quiesce", "<address>", 1, 1, 0, true,
	  "quiesce a started device (needs CAP_NET_ADMIN)", vk_device_op },
	{ "device", "start", "<address>", 1, 1, 0, true,
	  "start a quiesced device (needs CAP_NET_ADMIN)", vk_device_op },
	{ "device", "remove", "<address>", 1, 1, 0, true,
	  "remove a device and its children (needs CAP_NET_ADMIN)",
	  vk_device_op },
	{ "device", "rescan", "<address>", 1, 1, 0, true,
	  "ask a device's driver to scan for children again (needs CAP_NET_ADMIN)",
	  vk_device_op },
	{ "driver", "list", "", 0, 0, 0, false,
	  "registered drivers and their devices", vk_driver_list },
	{ "heap", "list", "", 0, 0, 0, false,
	  "heaps and their statistics", vk_heap_list },
	{ "intr", "stats", "", 0, 0, 0, false,
	  "interrupt cookies: counters, acknowledge and handler histograms",
	  vk_intr_stats },
	{ "log", "get", "[<module> [<component>]]", 0, 2, 0, false,
	  "log components and their levels", vk_log_get },
	{ "log", "set", "<module> <component> <level>", 3, 3, 0, true,
	  "change a log component's level (needs CAP_NET_ADMIN)", vk_log_set },
	{ "events", NULL, "", 0, 0, VK_OPT_SOURCE | VK_OPT_FOLLOW, false,
	  "the event ring: recent framework events [--source NAME] [--follow]",
	  vk_events },
};

const unsigned int vk_ncommands = VK_ARRAY_SIZE(vk_commands);

static bool vk_ns_exists(const char *ns)
{
	unsigned int i;

	for (i = 0; i < vk_ncommands; i++)
		if (!strcmp(vk_commands[i].ns, ns))
			return true;
	return false;
}

static void vk_cmd_usage(FILE *f, const struct vk_cmd *c)
{
	char line[128];

	snprintf(line, sizeof(line), "vmkctl %s%s%s%s%s", c->ns,
		 c->verb ? " " : "", c->verb ? c->verb : "",
		 c->args[0] ? " " : "", c->args);
	fprintf(f, "  %-44s %s\n", line, c->summary);
}

void vk_usage(FILE *f, const char *ns)
{
	unsigned int i;

	fputs("Usage: vmkctl [--json] <namespace> <command> [arguments]\n\n", f);
	for (i = 0; i < vk_ncommands; i++)
		if (!ns || !strcmp(ns, vk_commands[i].ns))
			vk_cmd_usage(f, &vk_commands[i]);
	if (ns)
		return;
	fputs("\nOptions:\n"
	      "  -j, --json         JSON for scripts (one object per line with --follow)\n"
	      "  -s, --source NAME  events: only those of module NAME\n"
	      "  -f, --follow       events: keep printing new ones as they happen\n"
	      "  -h, --help         this text\n"
	      "  -V, --version      the program's version\n"
	      "\nExit status: 0 ok, 1 usage, 2 vmkapi.ko not loaded, 3 refused by the kernel,\n"
	      "4 permission denied, 5 netlink failure.  See vmkctl(8).\n", f);
}

/* A list of the verbs of @ns, for error messages: "list, tree, show". */
static void vk_verbs(const char *ns, char *buf, size_t len)
{
	unsigned int i;
	size_t used = 0;

	buf[0] = '\0';
	for (i = 0; i < vk_ncommands && used < len; i++) {
		if (strcmp(vk_commands[i].ns, ns) || !vk_commands[i].verb)
			continue;
		used += snprintf(buf + used, len - used, "%s%s",
				 used ? ", " : "", vk_commands[i].verb);
	}
}

static const struct vk_cmd *vk_find(const char *ns, const char *verb)
{
	unsigned int i;

	for (i = 0; i < vk_ncommands; i++) {
		const struct vk_cmd *c = &vk_commands[i];

		if (strcmp(c->ns, ns))
			continue;
		if (!c->verb || (verb && !strcmp(c->verb, verb)))
			return c;
	}
	return NULL;
}

/* A log level: a decimal integer from 0 to INT_MAX. */
static bool vk_level_ok(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	return *s && !*end && !errno && v >= 0 && v <= INT_MAX;
}

/* Say why the command line is wrong; the caller returns what this does. */
static int vk_bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return VK_EXIT_USAGE;
}

/* The value of an option: "--opt=value" or the next argument. */
static const char *vk_optval(int argc, char **argv, int *i, const char *eq)
{
	if (eq)
		return eq + 1;
	if (*i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static bool vk_is(const char *arg, const char *s, const char *l,
		  const char **eq)
{
	size_t n = strlen(l);

	*eq = NULL;
	if ((s && !strcmp(arg, s)) || !strcmp(arg, l))
		return true;
	if (!strncmp(arg, l, n) && arg[n] == '=') {
		*eq = arg + n;
		return true;
	}
	return false;
}

int vk_parse(int argc, char **argv, struct vk_inv *inv, char *err,
	     size_t errlen)
{
	const char *words[2 + VK_MAX_ARGS];
	const char *eq, *verb;
	unsigned int seen = 0;	/* VK_OPT_* given */
	bool dashdash = false;
	int nwords = 0, i;
	char verbs[128], name[64];

	memset(inv, 0, sizeof(*inv));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (dashdash || a[0] != '-' || !a[1]) {
			if (nwords == (int)VK_ARRAY_SIZE(words))
				return vk_bad(err, errlen, "too many arguments");
			words[nwords++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = true;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--json")) {
			inv->json = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			inv->help = true;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			inv->version = true;
		} else if (!strcmp(a, "-f") || !strcmp(a, "--follow")) {
			inv->follow = true;
			seen |= VK_OPT_FOLLOW;
		} else if (vk_is(a, "-s", "--source", &eq)) {
			inv->source = vk_optval(argc, argv, &i, eq);
			if (!inv->source || !inv->source[0])
				return vk_bad(err, errlen,
					      "--source needs a module name");
			seen |= VK_OPT_SOURCE;
		} else {
			return vk_bad(err, errlen, "unknown option '%s'", a);
		}
	}

	if (nwords && !strcmp(words[0], "help")) {
		inv->help = true;
		if (nwords > 2)
			return vk_bad(err, errlen,
				      "help takes at most a namespace");
		inv->ns = nwords > 1 ? words[1] : NULL;
		if (inv->ns && !vk_ns_exists(inv->ns))
			return vk_bad(err, errlen, "unknown namespace '%s'",
				      inv->ns);
		return VK_EXIT_OK;
	}
	if (inv->version || (inv->help && !nwords))
		return VK_EXIT_OK;
	if (!nwords)
		return vk_bad(err, errlen,
			      "missing namespace (module, device, driver, heap, intr, log, events)");

	inv->ns = words[0];
	if (!vk_ns_exists(inv->ns))
		return vk_bad(err, errlen, "unknown namespace '%s'", inv->ns);
	vk_verbs(inv->ns, verbs, sizeof(verbs));
	verb = nwords > 1 ? words[1] : NULL;
	inv->cmd = vk_find(inv->ns, verb);
	if (inv->help && (!inv->cmd || !verb))
		return VK_EXIT_OK;	/* help for the whole namespace */
	if (!inv->cmd && !verb)
		return vk_bad(err, errlen, "%s: missing command (%s)",
			      inv->ns, verbs);
	if (!inv->cmd)
		return vk_bad(err, errlen, "%s: unknown command '%s' (%s)",
			      inv->ns, verb, verbs);
	if (inv->help)
		return VK_EXIT_OK;

	/* The arguments follow the verb (or the namespace, for events). */
	snprintf(name, sizeof(name), "%s%s%s", inv->ns,
		 inv->cmd->verb ? " " : "",
		 inv->cmd->verb ? inv->cmd->verb : "");
	i = inv->cmd->verb ? 2 : 1;
	inv->nargs = nwords - i;
	if (inv->nargs < inv->cmd->min_args || inv->nargs > inv->cmd->max_args)
		return vk_bad(err, errlen, "usage: vmkctl %s%s%s", name,
			      inv->cmd->args[0] ? " " : "", inv->cmd->args);
	memcpy(inv->args, &words[i], inv->nargs * sizeof(words[0]));
	if (seen & ~inv->cmd->opts)
		return vk_bad(err, errlen, "%s: %s is only for events", name,
			      seen & VK_OPT_SOURCE ? "--source" : "--follow");
	if (inv->cmd->run == vk_log_set && !vk_level_ok(inv->args[2]))
		return vk_bad(err, errlen,
			      "log set: level '%s' is not a non-negative integer",
			      inv->args[2]);
	for (i = 0; i < inv->nargs; i++)
		if (!inv->args[i][0])
			return vk_bad(err, errlen, "%s: empty argument", name);
	return VK_EXIT_OK;
}
