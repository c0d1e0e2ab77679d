// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of vmkctl: the command line parser, the renderers fed
 * with decoded records, the attribute decoder fed with netlink messages
 * built here, the error mapping, and the program itself on a machine
 * without vmkapi.ko.  No kernel module is needed.
 *
 *   test-vmkctl PATH-TO-VMKCTL SOURCE-DIR
 *
 * Prints "PASS vmkctl.<case>" or "FAIL vmkctl.<case>: why" per case and
 * exits 1 if any failed.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <netlink/genl/genl.h>

#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

static const char *vmkctl_path;
static const char *src_dir;	/* where vmkctl.bash and vmkctl.8 are */
static int failures;
static char why[16384];

static jmp_buf failed;

/* A check failed: say why and leave the case (its leaks do not matter). */
static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	longjmp(failed, 1);
}

#define CHECK(cond, ...) ((cond) ? (void)0 : fail(__VA_ARGS__))

/* Run vmkctl with the words of @args; its stdout/stderr into the buffers. */
static int run_vmkctl(const char *args, char *out, size_t outlen, char *err,
		      size_t errlen)
{
	char cmd[512], path[2][64] = { "/tmp/vmkctl-test-out.XXXXXX",
				       "/tmp/vmkctl-test-err.XXXXXX" };
	char *bufs[2] = { out, err };
	size_t lens[2] = { outlen, errlen };
	int status, i, fd;

	for (i = 0; i < 2; i++) {
		fd = mkstemp(path[i]);
		if (fd < 0)
			return -1;
		close(fd);
	}
	snprintf(cmd, sizeof(cmd), "%s %s >%s 2>%s", vmkctl_path, args,
		 path[0], path[1]);
	status = system(cmd);
	for (i = 0; i < 2; i++) {
		FILE *f = fopen(path[i], "r");
		size_t n = 0;

		if (f) {
			n = fread(bufs[i], 1, lens[i] - 1, f);
			fclose(f);
		}
		bufs[i][n] = '\0';
		unlink(path[i]);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* --- parsing ------------------------------------------------------------- */

static int parse_words(const char *line, struct vk_inv *inv, char *err)
{
	static char copy[512];
	char *argv[16] = { "vmkctl" };
	int argc = 1;
	char *tok;

	snprintf(copy, sizeof(copy), "%s", line);
	for (tok = strtok(copy, " "); tok && argc < 15; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	return vk_parse(argc, argv, inv, err, 256);
}

static bool t_parse_every_command(void)
{
	static const struct {
		const char *line;
		int (*run)(struct vk_nl *nl, const struct vk_inv *inv);
		int nargs;
	} ok[] = {
		{ "module list", vk_module_list, 0 },
		{ "device list", vk_device_list, 0 },
		{ "device tree", vk_device_tree, 0 },
		{ "device show 0000:00:04.0", vk_device_show, 1 },
		{ "device quiesce 0000:00:04.0", vk_device_op, 1 },
		{ "device start 0000:00:04.0", vk_device_op, 1 },
		{ "device remove 0000:00:04.0", vk_device_op, 1 },
		{ "device rescan 0000:00:04.0", vk_device_op, 1 },
		{ "driver list", vk_driver_list, 0 },
		{ "heap list", vk_heap_list, 0 },
		{ "intr stats", vk_intr_stats, 0 },
		{ "log get", vk_log_get, 0 },
		{ "log get nhello", vk_log_get, 1 },
		{ "log get nhello main", vk_log_get, 2 },
		{ "log set nhello main 2", vk_log_set, 3 },
		{ "events", vk_events, 0 },
	};
	struct vk_inv inv;
	char err[256];
	unsigned int i;

	for (i = 0; i < VK_ARRAY_SIZE(ok); i++) {
		CHECK(parse_words(ok[i].line, &inv, err) == VK_EXIT_OK,
		      "'%s' refused: %s", ok[i].line, err);
		CHECK(inv.cmd && inv.cmd->run == ok[i].run,
		      "'%s' maps to the wrong command", ok[i].line);
		CHECK(inv.nargs == ok[i].nargs, "'%s': %d arguments",
		      ok[i].line, inv.nargs);
		CHECK(!inv.json, "'%s': json without --json", ok[i].line);
	}
	return true;
}

static bool t_parse_mutating_marked(void)
{
	static const char *const mut[] = {
		"device quiesce a", "device start a", "device remove a",
		"device rescan a", "log set m c 1",
	};
	struct vk_inv inv;
	char err[256];
	unsigned int i;

	for (i = 0; i < VK_ARRAY_SIZE(mut); i++) {
		CHECK(!parse_words(mut[i], &inv, err) && inv.cmd->mutating,
		      "'%s' not marked mutating", mut[i]);
	}
	CHECK(!parse_words("device show a", &inv, err) && !inv.cmd->mutating,
	      "show marked mutating");
	return true;
}

static bool t_parse_options_anywhere(void)
{
	struct vk_inv inv;
	char err[256];

	CHECK(!parse_words("--json module list", &inv, err) && inv.json,
	      "--json first: %s", err);
	CHECK(!parse_words("module --json list", &inv, err) && inv.json,
	      "--json between");
	CHECK(!parse_words("module list -j", &inv, err) && inv.json,
	      "-j last");
	CHECK(!parse_words("events --source nedu --follow", &inv, err) &&
	      inv.follow && inv.source && !strcmp(inv.source, "nedu"),
	      "events options: %s", err);
	CHECK(!parse_words("events --source=nedu -f --json", &inv, err) &&
	      inv.follow && inv.json && !strcmp(inv.source, "nedu"),
	      "--source=: %s", err);
	CHECK(!parse_words("events -s vmkapi", &inv, err) && !inv.follow &&
	      !strcmp(inv.source, "vmkapi"), "-s: %s", err);
	/* After "--" a word that looks like an option is an argument. */
	CHECK(!parse_words("device show -- -odd", &inv, err) &&
	      !strcmp(inv.args[0], "-odd"), "--: %s", err);
	return true;
}

static bool t_parse_usage_errors(void)
{
	static const struct {
		const char *line;
		const char *msg;
	} bad[] = {
		{ "", "missing namespace" },
		{ "frob list", "unknown namespace 'frob'" },
		{ "device", "device: missing command (list, tree, show, quiesce, start, remove, rescan)" },
		{ "device frob", "device: unknown command 'frob'" },
		{ "device show", "usage: vmkctl device show <address>" },
		{ "device show a b", "usage: vmkctl device show <address>" },
		{ "module list extra", "usage: vmkctl module list" },
		{ "log set m c", "usage: vmkctl log set <module> <component> <level>" },
		{ "log set m c high", "level 'high' is not a non-negative integer" },
		{ "log set m c -1", "unknown option '-1'" },
		{ "log set m c 99999999999", "not a non-negative integer" },
		{ "log get a b c", "usage: vmkctl log get" },
		{ "module list --follow", "--follow is only for events" },
		{ "device tree --source x", "--source is only for events" },
		{ "events --source", "--source needs a module name" },
		{ "events extra", "usage: vmkctl events" },
		{ "module list --frob", "unknown option '--frob'" },
		{ "help frob", "unknown namespace 'frob'" },
	};
	struct vk_inv inv;
	char err[256];
	unsigned int i;

	for (i = 0; i < VK_ARRAY_SIZE(bad); i++) {
		err[0] = '\0';
		CHECK(parse_words(bad[i].line, &inv, err) == VK_EXIT_USAGE,
		      "'%s' accepted", bad[i].line);
		CHECK(strstr(err, bad[i].msg), "'%s': message '%s', expected '%s'",
		      bad[i].line, err, bad[i].msg);
	}
	return true;
}

static bool t_parse_help_and_version(void)
{
	struct vk_inv inv;
	char err[256];

	CHECK(!parse_words("--help", &inv, err) && inv.help && !inv.cmd,
	      "--help");
	CHECK(!parse_words("help", &inv, err) && inv.help && !inv.ns, "help");
	CHECK(!parse_words("help device", &inv, err) && inv.help &&
	      !strcmp(inv.ns, "device"), "help device");
	CHECK(!parse_words("device --help", &inv, err) && inv.help &&
	      !strcmp(inv.ns, "device"), "device --help");
	CHECK(!parse_words("device show --help", &inv, err) && inv.help,
	      "help with a missing argument is still help");
	CHECK(!parse_words("--version", &inv, err) && inv.version, "version");
	return true;
}

static bool t_usage_lists_every_command(void)
{
	char *buf = NULL;
	size_t len = 0;
	unsigned int i;
	FILE *f = open_memstream(&buf, &len);

	vk_usage(f, NULL);
	fclose(f);
	for (i = 0; i < vk_ncommands; i++) {
		char want[64];

		snprintf(want, sizeof(want), "vmkctl %s%s%s", vk_commands[i].ns,
			 vk_commands[i].verb ? " " : "",
			 vk_commands[i].verb ? vk_commands[i].verb : "");
		if (!strstr(buf, want)) {
			snprintf(why, sizeof(why), "usage lacks '%s'", want);
			free(buf);
			return false;
		}
	}
	CHECK(strstr(buf, "2 vmkapi.ko not loaded"), "usage lacks exit codes");
	free(buf);
	return true;
}

/* --- output -------------------------------------------------------------- */

/* Render with @fn into a string (freed by the next call). */
static char *render(void (*fn)(FILE *, const struct vk_val *),
		    const struct vk_val *v)
{
	static char *buf;
	size_t len;
	FILE *f;

	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	fn(f, v);
	fclose(f);
	return buf;
}

static void json_pretty(FILE *f, const struct vk_val *v)
{
	vk_json_write(f, v, true);
}

static void json_line(FILE *f, const struct vk_val *v)
{
	vk_json_write(f, v, false);
}

#define CHECK_TEXT(got, want) \
	CHECK(!strcmp(got, want), "got:\n%s\nexpected:\n%s", got, want)

static bool t_json_escaping(void)
{
	struct vk_val *o = vk_object();

	vk_set_str(o, "q\"b\\", "a\"b\\c\n\t\x01\x1f\x7f end");
	vk_set_str(o, "utf8", "caf\xc3\xa9");
	CHECK_TEXT(render(json_line, o),
		   "{\"q\\\"b\\\\\": \"a\\\"b\\\\c\\n\\t\\u0001\\u001f\\u007f end\", \"utf8\": \"caf\xc3\xa9\"}\n");
	vk_free(o);
	return true;
}

static bool t_json_types_and_order(void)
{
	struct vk_val *o = vk_object(), *a = vk_array();

	vk_set_uint(o, "zeta", 18446744073709551615ULL);
	vk_set_int(o, "alpha", -9223372036854775807LL - 1);
	vk_set_bool(o, "yes", true);
	vk_set_bool(o, "no", false);
	vk_set(o, "none", vk_null());
	vk_set(o, "empty", vk_array());
	vk_set(o, "obj", vk_object());
	vk_push(a, vk_uint(1));
	vk_push(a, vk_str("two"));
	vk_set(o, "list", a);
	/* Setting a key again replaces the value in place. */
	vk_set_bool(o, "yes", false);
	CHECK_TEXT(render(json_line, o),
		   "{\"zeta\": 18446744073709551615, \"alpha\": -9223372036854775808, \"yes\": false, \"no\": false, \"none\": null, \"empty\": [], \"obj\": {}, \"list\": [1, \"two\"]}\n");
	CHECK_TEXT(render(json_pretty, o),
		   "{\n  \"zeta\": 18446744073709551615,\n  \"alpha\": -9223372036854775808,\n  \"yes\": false,\n  \"no\": false,\n  \"none\": null,\n  \"empty\": [],\n  \"obj\": {},\n  \"list\": [\n    1,\n    \"two\"\n  ]\n}\n");
	vk_free(o);
	return true;
}

static struct vk_val *module_rec(int64_t id, const char *name,
				 const char *rev, uint64_t uses,
				 uint64_t res, bool heap)
{
	struct vk_val *o = vk_object();

	vk_set_int(o, "id", id);
	vk_set_str(o, "name", name);
	vk_set_str(o, "revision", rev);
	vk_set_uint(o, "use_count", uses);
	vk_set_uint(o, "resources", res);
	vk_set_bool(o, "default_heap", heap);
	return o;
}

static bool t_table_alignment(void)
{
	struct vk_val *mods = vk_array();

	vk_push(mods, module_rec(0, "vmkapi", "2.3.0.0", 12, 3, true));
	vk_push(mods, module_rec(17, "nedu", "2.3.0.0", 0, 140, false));
	CHECK_TEXT(render(vk_module_print, mods),
		   "ID  Name    API Revision  Use Count  Resources  Default Heap\n"
		   "--  ------  ------------  ---------  ---------  ------------\n"
		   " 0  vmkapi  2.3.0.0              12          3  yes\n"
		   "17  nedu    2.3.0.0               0        140  no\n");
	vk_free(mods);
	return true;
}

static bool t_table_empty_and_missing(void)
{
	struct vk_val *rows = vk_array(), *o = vk_object();

	CHECK_TEXT(render(vk_heap_print, rows),
		   "Module  Name  Bytes  Peak  Max  Cached  Allocs  Frees  Failures\n"
		   "------  ----  -----  ----  ---  ------  ------  -----  --------\n");
	/* Absent keys and empty strings show as "-". */
	vk_set_str(o, "module", "");
	vk_set_str(o, "name", "h");
	vk_set(o, "bytes", vk_null());
	vk_push(rows, o);
	CHECK_TEXT(render(vk_heap_print, rows),
		   "Module  Name  Bytes  Peak  Max  Cached  Allocs  Frees  Failures\n"
		   "------  ----  -----  ----  ---  ------  ------  -----  --------\n"
		   "-       h         -     -    -       -       -      -         -\n");
	vk_free(rows);
	return true;
}

static struct vk_val *dev_rec(uint64_t id, uint64_t parent, const char *bus,
			      const char *addr, const char *state,
			      const char *drv, bool forgotten)
{
	struct vk_val *o = vk_object();

	vk_set_uint(o, "id", id);
	vk_set_uint(o, "parent_id", parent);
	vk_set_str(o, "bus", bus);
	vk_set_str(o, "address", addr);
	vk_set_str(o, "identifier", "x");
	vk_set_str(o, "state", state);
	vk_set_bool(o, "forgotten", forgotten);
	vk_set_str(o, "driver", drv);
	return o;
}

static bool t_device_tree(void)
{
	struct vk_val *flat = vk_array(), *roots;

	vk_push(flat, dev_rec(1, 0, "pci", "0000:00:04.0", "started", "nedu", false));
	vk_push(flat, dev_rec(2, 1, "logical", "nedu:0", "started", "chardev", false));
	vk_push(flat, dev_rec(3, 0, "pci", "0000:00:05.0", "unclaimed", "", false));
	vk_push(flat, dev_rec(4, 1, "logical", "nedu:1", "quiescent", "", true));
	vk_push(flat, dev_rec(5, 2, "logical", "leaf:0", "started", "x", false));
	/* Its parent is gone from the dump: shown under the root. */
	vk_push(flat, dev_rec(7, 6, "logical", "orphan:0", "unclaimed", "", false));
	roots = vk_device_build_tree(flat);
	CHECK(roots->n == 3, "%zu roots", roots->n);
	CHECK_TEXT(render(vk_device_print_tree, roots),
		   "root\n"
		   "|-- pci 0000:00:04.0 [started] driver nedu\n"
		   "|   |-- logical nedu:0 [started] driver chardev\n"
		   "|   |   `-- logical leaf:0 [started] driver x\n"
		   "|   `-- logical nedu:1 [quiescent (forgotten)]\n"
		   "|-- pci 0000:00:05.0 [unclaimed]\n"
		   "`-- logical orphan:0 [unclaimed]\n");
	/* JSON: nested "children" arrays, leaves with an empty one. */
	CHECK(strstr(render(json_line, roots),
		     "\"address\": \"leaf:0\", \"identifier\": \"x\", \"state\": \"started\", \"forgotten\": false, \"driver\": \"x\", \"children\": []}]}"),
	      "json tree: %s", render(json_line, roots));
	vk_free(flat);
	vk_free(roots);
	return true;
}

static bool t_device_list_and_show(void)
{
	struct vk_val *devs = vk_array(), *d;

	vk_push(devs, dev_rec(1, 0, "pci", "0000:00:04.0", "started", "nedu", false));
	d = dev_rec(2, 1, "logical", "nedu:0", "quiescent", "", true);
	vk_set_str(d, "parent", "0000:00:04.0");
	vk_push(devs, d);
	CHECK_TEXT(render(vk_device_print_list, devs),
		   "Address       Bus      Identifier  State                  Driver  Parent\n"
		   "------------  -------  ----------  ---------------------  ------  ------------\n"
		   "0000:00:04.0  pci      x           started                nedu    -\n"
		   "nedu:0        logical  x           quiescent (forgotten)  -       0000:00:04.0\n");
	vk_free(devs);
	return true;
}

static bool t_kv_block(void)
{
	struct vk_val *d = dev_rec(2, 1, "logical", "nedu:0", "started", "", false);

	vk_set_str(d, "registrar", "nedu");
	vk_set_str(d, "parent", "0000:00:04.0");
	vk_set_uint(d, "child_count", 3);
	vk_set_uint(d, "refs", 1);
	CHECK_TEXT(render(vk_device_print_show, d),
		   "Address:       nedu:0\n"
		   "Bus:           logical\n"
		   "Identifier:    x\n"
		   "State:         started\n"
		   "Forgotten:     no\n"
		   "Driver:        -\n"
		   "Registered By: nedu\n"
		   "Parent:        0000:00:04.0\n"
		   "Children:      3\n"
		   "References:    1\n");
	vk_free(d);
	return true;
}

static struct vk_val *bucket(uint64_t lo, int64_t hi, uint64_t n)
{
	struct vk_val *b = vk_object();

	vk_set_uint(b, "min_ns", lo);
	vk_set(b, "max_ns", hi < 0 ? vk_null() : vk_uint(hi));
	vk_set_uint(b, "count", n);
	return b;
}

static bool t_intr_histogram(void)
{
	struct vk_val *cookies = vk_array(), *c = vk_object(), *h, *hs;

	vk_set_uint(c, "cookie", 3);
	vk_set_uint(c, "irq", 11);
	vk_set_str(c, "module", "nedu");
	hs = vk_array();
	vk_push(hs, vk_str("nedu-0000:00:04.0"));
	vk_set(c, "handlers", hs);
	vk_set_bool(c, "shared", false);
	vk_set_bool(c, "enabled", true);
	vk_set_uint(c, "count", 8);
	h = vk_array();
	vk_push(h, bucket(512, 1023, 2));
	vk_push(h, bucket(1024, 2047, 8));
	vk_push(h, bucket(1u << 30, -1, 1));
	vk_set(c, "ack_histogram", h);
	vk_set(c, "handler_histogram", vk_array());
	vk_push(cookies, c);
	CHECK(strstr(render(vk_intr_print, cookies),
		     "\nCookie 3 acknowledge duration (ns):\n"
		     "                512 - 1023           2  ##########\n"
		     "               1024 - 2047           8  ########################################\n"
		     "             >= 1073741824           1  #####\n"),
	      "histogram:\n%s", render(vk_intr_print, cookies));
	/* An empty histogram prints nothing. */
	CHECK(!strstr(render(vk_intr_print, cookies), "handler duration"),
	      "empty handler histogram printed");
	CHECK(strstr(render(vk_intr_print, cookies),
		     "     3   11  nedu    nedu-0000:00:04.0  no      yes"),
	      "cookie row:\n%s", render(vk_intr_print, cookies));
	vk_free(cookies);
	return true;
}

static bool t_events_table(void)
{
	struct vk_val *evs = vk_array(), *e = vk_object();

	vk_set_uint(e, "seq", 42);
	vk_set_uint(e, "time_ns", 12345678901ULL);
	vk_set_str(e, "source", "nedu");
	vk_set_str(e, "kind", "transition");
	vk_set_str(e, "object", "0000:00:04.0");
	vk_set_int(e, "status", 0);
	vk_set_str(e, "status_name", "Success");
	vk_set_str(e, "text", "quiesce: started -> quiescent");
	vk_push(evs, e);
	CHECK(strstr(render(json_line, evs), "\"time_ns\": 12345678901"),
	      "json time");
	{
		char *buf = NULL;
		size_t len;
		FILE *f = open_memstream(&buf, &len);

		/* --follow's fixed columns: a header, then rows as they come. */
		vk_events_print(f, evs, true);
		vk_events_print(f, evs, false);
		fclose(f);
		CHECK_TEXT(buf,
			   "   Seq            Time  Source        Kind             Object                Status        Text\n"
			   "    42       12.345678  nedu          transition       0000:00:04.0          Success       quiesce: started -> quiescent\n"
			   "    42       12.345678  nedu          transition       0000:00:04.0          Success       quiesce: started -> quiescent\n");
		free(buf);
	}
	vk_free(evs);
	return true;
}

/* --- decoding ------------------------------------------------------------ */

enum { A_UNSPEC, A_NAME, A_U8, A_U16, A_U32, A_U64, A_S32, A_FLAG, A_LIST,
	A_ITEM, A_HIST, A_ENUM, A_REV, A_STRS, A_BHIST, A_EXTRA,
	A_MAX = A_EXTRA };

static const char *const colours[] = { "red", NULL, "blue" };

static const struct vk_field item_fields[] = {
	{ A_NAME, "name", VK_A_STR },
};
static const struct vk_schema item_schema = {
	.maxattr = A_MAX, .fields = item_fields, .nfields = 1,
};
static const struct vk_field test_fields[] = {
	{ A_U64, "big", VK_A_U64 },
	{ A_NAME, "name", VK_A_STR },
	{ A_U8, "small", VK_A_U8 },
	{ A_U16, "mid", VK_A_U16 },
	{ A_U32, "word", VK_A_U32 },
	{ A_S32, "signed", VK_A_S32 },
	{ A_FLAG, "flag", VK_A_FLAG },
	{ A_LIST, "items", VK_A_LIST, &item_schema },
	{ A_HIST, "hist", VK_A_U64S },
	{ A_ENUM, "colour", VK_A_ENUM, NULL, colours, 3 },
	{ A_REV, "revision", VK_A_REVISION },
	{ A_STRS, "names", VK_A_STRS },
	{ A_BHIST, "durations", VK_A_HIST },
};
static const struct vk_schema test_schema = {
	.maxattr = A_MAX,
	.fields = test_fields,
	.nfields = VK_ARRAY_SIZE(test_fields),
};

static bool t_decode_attributes(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest, *item;
	struct vk_val *o;
	int i;

	nla_put_u64(msg, A_U64, 1ULL << 40);
	/* A string without its terminator is still read safely. */
	nla_put(msg, A_NAME, 3, "abcdef");
	nla_put_u8(msg, A_U8, 200);
	nla_put_u16(msg, A_U16, 65000);
	nla_put_u32(msg, A_S32, (uint32_t)-5);
	nla_put_u32(msg, A_EXTRA, 1);	/* unknown to the schema: ignored */
	nla_put_u32(msg, 99, 1);	/* beyond maxattr: ignored */
	nest = nla_nest_start(msg, A_LIST);
	for (i = 0; i < 2; i++) {
		item = nla_nest_start(msg, A_ITEM);
		nla_put_string(msg, A_NAME, i ? "second" : "first");
		nla_nest_end(msg, item);
	}
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, A_HIST);
	for (i = 1; i <= 3; i++)
		nla_put_u64(msg, i, i * 10);
	nla_nest_end(msg, nest);
	nla_put_u32(msg, A_ENUM, 2);
	nla_put_u32(msg, A_REV, 0x02030001);
	nest = nla_nest_start(msg, A_STRS);
	nla_put_string(msg, 1, "h1");
	nla_put_string(msg, 1, "h2");
	nla_nest_end(msg, nest);
	{
		/* buckets: 0 ns, [1,2), [2,4), ..., and the open last one */
		uint64_t b[6] = { 4, 0, 0, 7, 0, 1 };

		nla_put(msg, A_BHIST, sizeof(b), b);
	}

	o = vk_decode(&test_schema, nlmsg_attrdata(nlmsg_hdr(msg), 0),
		      nlmsg_attrlen(nlmsg_hdr(msg), 0));
	CHECK_TEXT(render(json_line, o),
		   "{\"big\": 1099511627776, \"name\": \"abc\", \"small\": 200, \"mid\": 65000, \"word\": null, \"signed\": -5, \"flag\": false, \"items\": [{\"name\": \"first\"}, {\"name\": \"second\"}], \"hist\": [10, 20, 30], \"colour\": \"blue\", \"revision\": \"2.3.0.1\", \"names\": [\"h1\", \"h2\"], \"durations\": [{\"min_ns\": 0, \"max_ns\": 0, \"count\": 4}, {\"min_ns\": 4, \"max_ns\": 7, \"count\": 7}, {\"min_ns\": 16, \"max_ns\": null, \"count\": 1}]}\n");
	vk_free(o);
	nlmsg_free(msg);
	return true;
}

static bool t_decode_short_attributes(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct vk_val *o;

	/* Too short for its type: null, never a read past the payload. */
	nla_put_u8(msg, A_U64, 1);
	nla_put_u8(msg, A_U32, 1);
	nla_put_flag(msg, A_FLAG);
	o = vk_decode(&test_schema, nlmsg_attrdata(nlmsg_hdr(msg), 0),
		      nlmsg_attrlen(nlmsg_hdr(msg), 0));
	CHECK(vk_get(o, "big")->kind == VK_NULL, "short u64 decoded");
	CHECK(vk_get(o, "word")->kind == VK_NULL, "short u32 decoded");
	CHECK(vk_get(o, "flag")->kind == VK_BOOL && vk_get(o, "flag")->b,
	      "flag");
	CHECK(vk_get(o, "items")->kind == VK_NULL, "absent list");
	vk_free(o);
	nlmsg_free(msg);
	/* Names outside the table (or a hole in it) show the number. */
	msg = nlmsg_alloc();
	nla_put_u32(msg, A_ENUM, 1);
	o = vk_decode(&test_schema, nlmsg_attrdata(nlmsg_hdr(msg), 0),
		      nlmsg_attrlen(nlmsg_hdr(msg), 0));
	CHECK(!strcmp(vk_get_str(o, "colour", ""), "unknown-1"), "enum hole");
	vk_free(o);
	nlmsg_free(msg);
	return true;
}

/* --- errors and the program ---------------------------------------------- */

static bool t_error_codes(void)
{
	FILE *saved = stderr;

	stderr = fopen("/dev/null", "w");
	CHECK(vk_nl_error(-EPERM, NULL, "x") == VK_EXIT_PERM, "EPERM");
	CHECK(vk_nl_error(-EACCES, "m", "x") == VK_EXIT_PERM, "EACCES");
	CHECK(vk_nl_error(-ENOENT, "no such device", "x") == VK_EXIT_REFUSED,
	      "ENOENT");
	CHECK(vk_nl_error(-EINVAL, NULL, "x") == VK_EXIT_REFUSED, "EINVAL");
	fclose(stderr);
	stderr = saved;
	return true;
}

static bool t_program_usage_exit_codes(void)
{
	char out[4096], err[4096];

	CHECK(run_vmkctl("frob", out, sizeof(out), err, sizeof(err)) == 1,
	      "unknown namespace: not 1");
	CHECK(strstr(err, "vmkctl: unknown namespace 'frob'"), "stderr: %s", err);
	CHECK(run_vmkctl("--help", out, sizeof(out), err, sizeof(err)) == 0,
	      "--help: not 0");
	CHECK(strstr(out, "Usage: vmkctl"), "--help stdout: %s", out);
	CHECK(run_vmkctl("--version", out, sizeof(out), err, sizeof(err)) == 0 &&
	      strstr(out, "vmkctl "), "--version");
	CHECK(run_vmkctl("log set a b x", out, sizeof(out), err,
			 sizeof(err)) == 1, "bad level: not 1");
	return true;
}

/* This machine has no vmkapi.ko: every command says so and exits 2. */
static bool t_program_not_loaded(void)
{
	char out[4096], err[4096];
	int rc;

	rc = run_vmkctl("module list", out, sizeof(out), err, sizeof(err));
	if (rc == 0)
		return true;	/* the core is loaded here: nothing to test */
	CHECK(rc == VK_EXIT_NOT_LOADED, "exit %d, stderr %s", rc, err);
	CHECK(strstr(err, "vmkapi.ko is not loaded (generic netlink family \"vmkapi\" not found)"),
	      "stderr: %s", err);
	CHECK(!out[0], "stdout not empty: %s", out);
	rc = run_vmkctl("--json device quiesce 0000:00:04.0", out, sizeof(out),
			err, sizeof(err));
	CHECK(rc == VK_EXIT_NOT_LOADED, "device quiesce: exit %d", rc);
	return true;
}

/* What the completion function offers for the words of @line. */
static bool complete(const char *line, const char *want)
{
	char cmd[1024], out[4096], dir[256];
	const char *slash = strrchr(vmkctl_path, '/');
	FILE *f;
	size_t n;

	/* The dynamic parts run vmkctl: the one under test. */
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - vmkctl_path) : 1,
		 slash ? vmkctl_path : ".");
	snprintf(cmd, sizeof(cmd),
		 "bash -c 'PATH=%.200s:$PATH; . %.200s/vmkctl.bash; COMP_WORDS=(%s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _vmkctl; echo \"${COMPREPLY[*]}\"' 2>&1",
		 dir, src_dir, line);
	f = popen(cmd, "r");
	if (!f)
		fail("popen");
	n = fread(out, 1, sizeof(out) - 1, f);
	pclose(f);
	out[n] = '\0';
	if (n && out[n - 1] == '\n')
		out[n - 1] = '\0';
	CHECK(!strcmp(out, want), "'%s' completes to '%s', expected '%s'",
	      line, out, want);
	return true;
}

static bool t_bash_completion(void)
{
	complete("vmkctl dev", "device");
	complete("vmkctl de", "device");
	complete("vmkctl device q", "quiesce");
	complete("vmkctl device \"\"", "list tree show quiesce start remove rescan");
	complete("vmkctl --json log s", "set");
	complete("vmkctl events --f", "--follow");
	complete("vmkctl module --s", "");
	complete("vmkctl intr \"\"", "stats");
	complete("vmkctl help l", "log");
	/* No core here: no addresses to offer, and no error either. */
	complete("vmkctl device show \"\"", "");
	return true;
}

/* The man page renders without a groff warning. */
static bool t_man_page(void)
{
	char cmd[512], out[4096] = "";
	FILE *f;
	size_t n;

	if (system("command -v groff >/dev/null 2>&1"))
		return true;	/* no groff on this machine */
	snprintf(cmd, sizeof(cmd), "groff -man -Tutf8 -ww -z %s/vmkctl.8 2>&1",
		 src_dir);
	f = popen(cmd, "r");
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	CHECK(!pclose(f) && !n, "groff: %s", out);
	return true;
}

static const struct {
	const char *name;
	bool (*fn)(void);
} cases[] = {
	{ "parse_every_command", t_parse_every_command },
	{ "parse_mutating_marked", t_parse_mutating_marked },
	{ "parse_options_anywhere", t_parse_options_anywhere },
	{ "parse_usage_errors", t_parse_usage_errors },
	{ "parse_help_and_version", t_parse_help_and_version },
	{ "usage_lists_every_command", t_usage_lists_every_command },
	{ "json_escaping", t_json_escaping },
	{ "json_types_and_order", t_json_types_and_order },
	{ "table_alignment", t_table_alignment },
	{ "table_empty_and_missing", t_table_empty_and_missing },
	{ "device_tree", t_device_tree },
	{ "device_list_and_show", t_device_list_and_show },
	{ "kv_block", t_kv_block },
	{ "intr_histogram", t_intr_histogram },
	{ "events_table", t_events_table },
	{ "decode_attributes", t_decode_attributes },
	{ "decode_short_attributes", t_decode_short_attributes },
	{ "error_codes", t_error_codes },
	{ "program_usage_exit_codes", t_program_usage_exit_codes },
	{ "program_not_loaded", t_program_not_loaded },
	{ "bash_completion", t_bash_completion },
	{ "man_page", t_man_page },
};

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc != 3) {
		fprintf(stderr, "usage: %s PATH-TO-VMKCTL SOURCE-DIR\n", argv[0]);
		return 2;
	}
	vmkctl_path = argv[1];
	src_dir = argv[2];
	for (i = 0; i < VK_ARRAY_SIZE(cases); i++) {
		why[0] = '\0';
		if (!setjmp(failed) && cases[i].fn()) {
			printf("PASS vmkctl.%s\n", cases[i].name);
		} else {
			printf("FAIL vmkctl.%s: %s\n", cases[i].name, why);
			failures++;
		}
	}
	return failures ? 1 : 0;
}
