// SPDX-License-Identifier: GPL-2.0
/*
 * The PCI bus adapter: native drivers meet Linux PCI devices.
 *
 * For every native driver the device manager registers that has PCI
 * IDs, the adapter keeps one Linux pci_driver named after it (from the
 * moment it has IDs), so Linux does the matching
 * and the binding and every Linux tool sees it: `lspci -k` names the
 * native driver, /sys/bus/pci/drivers/<name>/ has bind, unbind and
 * new_id, driver_override works, and a device bound to any other driver
 * is never offered.  Its IDs come from vmk_PCIDriverAddIDs (the C table,
 * the pci_driver's id_table) and from ESXi-style device map lines (added
 * as dynamic IDs, as new_id would): <pci_map_dir>/<name>.map (by default
 * /etc/vmkapi/default.map.d/, as ESXi has /etc/vmware/default.map.d/)
 * read when the pci_driver is registered, and whatever is written to
 * /sys/kernel/debug/vmkapi/pci_map.  Map entries are kept for drivers
 * that are not registered yet, as ESXi keeps its map files.
 *
 * The pci_driver is registered once the native driver's module has
 * finished its init (a module notifier at MODULE_STATE_LIVE, or a work
 * item when it is live already), so attachDevice never runs inside the
 * driver's own init routine, where ESXi would not run it either.  KUnit
 * suites, whose tests run before their module's init, start their
 * drivers explicitly (vmk_core_pci_driver_start).
 *
 * probe: a vmk_PCIDevice for the pci_dev, the device enabled, a device
 * of the device manager with it as registration data, then attach (and
 * start and scan).  remove: forget first if the device is gone, then
 * detach, take back whatever the driver left behind, remove, disable.
 *
 * Locking: vmk_pci_bus_mutex guards the list of native drivers; each
 * has reg_lock, held while its pci_driver is registered, unregistered or
 * given IDs (all of which may probe devices, so the list lock is never
 * held then).  A driver is found and its reg_lock taken under the list
 * lock, so removal, which unlinks under the list lock and then takes
 * reg_lock, waits for whoever found it.  vmk_pci_map_mutex guards the map
 * entries; it is never held across a probe either.
 */
#include "vmkapi_core.h"

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/kernel_read_file.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

/* Longest map write accepted at once. */
#define VMK_PCI_MAP_MAX		(64 * 1024)

struct vmk_pci_ndrv {
	struct list_head link;		/* vmk_pci_ndrvs */
	vmk_Driver driver;
	vmk_ModuleID module;
	char name[VMK_MISC_NAME_MAX];
	bool started;			/* its module finished init */
	bool map_read;			/* its map file was looked for */
	bool removing;
	struct work_struct work;	/* registration for a live module */

	struct mutex reg_lock;
	bool registered;
	/* The C table, while unregistered: nids entries and a zero one. */
	struct pci_device_id *ids;
	unsigned int nids;
	struct pci_driver pdrv;
};

struct vmk_pci_map_node {
	struct list_head link;		/* vmk_pci_map */
	struct vmk_core_pci_map_entry e;
};

static LIST_HEAD(vmk_pci_ndrvs);
static DEFINE_MUTEX(vmk_pci_bus_mutex);
static LIST_HEAD(vmk_pci_map);
static DEFINE_MUTEX(vmk_pci_map_mutex);
static vmk_BusType vmk_pci_bus_type;

/* ---- the device map ---------------------------------------------------- */

/* A field of @n hex digits (or all dots: any) at @s. */
static int vmk_pci_map_field(const char *s, unsigned int n, u32 *val)
{
	unsigned int i, dots = 0;
	u32 v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			dots++;
			continue;
		}
		if (!isxdigit(s[i]))
			return -EINVAL;
		v = v << 4 | hex_to_bin(s[i]);
	}
	if (dots == n) {
		*val = PCI_ANY_ID;
		return 0;
	}
	/* Some digits wildcarded: a pci_device_id cannot say that. */
	if (dots)
		return -EINVAL;
	*val = v;
	return 0;
}

/*
 * The id= value: vendor, device, subvendor, subdevice (4 digits each),
 * class (6); digits or '.', missing trailing digits are dots.
 */
static int vmk_pci_map_id(const char *s, size_t len,
			  struct vmk_core_pci_map_entry *e)
{
	char id[23];
	unsigned int i;
	u32 *f[] = { &e->vendor, &e->device, &e->subvendor, &e->subdevice };

	if (len < 8 || len > 22)
		return -EINVAL;
	memset(id, '.', 22);
	id[22] = '\0';
	memcpy(id, s, len);
	for (i = 0; i < 4; i++)
		if (vmk_pci_map_field(id + 4 * i, 4, f[i]))
			return -EINVAL;
	/* A device ID needs its vendor. */
	if (e->vendor == PCI_ANY_ID && e->device != PCI_ANY_ID)
		return -EINVAL;
	e->class = 0;
	e->class_mask = 0;
	for (i = 16; i < 22; i++) {
		e->class <<= 4;
		e->class_mask <<= 4;
		if (id[i] == '.')
			continue;
		if (!isxdigit(id[i]))
			return -EINVAL;
		e->class |= hex_to_bin(id[i]);
		e->class_mask |= 0xf;
	}
	return 0;
}

static bool vmk_pci_map_name_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len >= VMK_MISC_NAME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum(s[i]) && s[i] != '_' && s[i] != '-' &&
		    s[i] != '.')
			return false;
	return true;
}

/* The map line keys we read, in the order of vmk_pci_map_keys[]. */
enum { VMK_MAP_REGTYPE, VMK_MAP_BUS, VMK_MAP_ID, VMK_MAP_DRIVER, VMK_MAP_NR };
static const char *const vmk_pci_map_keys[VMK_MAP_NR] = {
	"regtype", "bus", "id", "driver",
};

static bool vmk_pci_map_is(const char *v, size_t len, const char *word)
{
	return len == strlen(word) && !memcmp(v, word, len);
}

int vmk_core_pci_map_parse_line(const char *line, size_t len,
				struct vmk_core_pci_map_entry *e)
{
	const char *val[VMK_MAP_NR] = {};
	size_t vlen[VMK_MAP_NR] = {};
	const char *p, *end, *comma, *eq;
	unsigned int k;

	while (len && isspace(line[0])) {
		line++;
		len--;
	}
	while (len && isspace(line[len - 1]))
		len--;
	if (!len || line[0] == '#')
		return 0;
	memset(e, 0, sizeof(*e));
	end = line + len;
	for (p = line; p < end; p = comma + 1) {
		comma = memchr(p, ',', end - p) ?: end;
		eq = memchr(p, '=', comma - p);
		if (!eq || eq == p)
			return -EINVAL;
		/* Other keys (class=, as in vmklinux maps) say nothing here. */
		for (k = 0; k < VMK_MAP_NR; k++)
			if (vmk_pci_map_is(p, eq - p, vmk_pci_map_keys[k]))
				break;
		if (k == VMK_MAP_NR)
			continue;
		if (val[k])
			return -EINVAL;
		val[k] = eq + 1;
		vlen[k] = comma - eq - 1;
	}
	for (k = 0; k < VMK_MAP_NR; k++)
		if (!val[k])
			return -EINVAL;
	/* Lines for vmklinux drivers or other buses are not ours. */
	if (!vmk_pci_map_is(val[VMK_MAP_REGTYPE], vlen[VMK_MAP_REGTYPE],
			    "native") ||
	    !vmk_pci_map_is(val[VMK_MAP_BUS], vlen[VMK_MAP_BUS], "pci"))
		return 0;
	if (!vmk_pci_map_name_ok(val[VMK_MAP_DRIVER], vlen[VMK_MAP_DRIVER]) ||
	    vmk_pci_map_id(val[VMK_MAP_ID], vlen[VMK_MAP_ID], e))
		return -EINVAL;
	memcpy(e->driver, val[VMK_MAP_DRIVER], vlen[VMK_MAP_DRIVER]);
	e->driver[vlen[VMK_MAP_DRIVER]] = '\0';
	return 1;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_pci_map_parse_line, VMKAPI_INTERNAL);

static bool vmk_pci_map_same(const struct vmk_core_pci_map_entry *a,
			     const struct vmk_core_pci_map_entry *b)
{
	return !strcmp(a->driver, b->driver) && a->vendor == b->vendor &&
	       a->device == b->device && a->subvendor == b->subvendor &&
	       a->subdevice == b->subdevice && a->class == b->class &&
	       a->class_mask == b->class_mask;
}

/* Keep @e; false if it was known already (or no memory). */
static bool vmk_pci_map_store(const struct vmk_core_pci_map_entry *e)
{
	struct vmk_pci_map_node *n;

	mutex_lock(&vmk_pci_map_mutex);
	list_for_each_entry(n, &vmk_pci_map, link) {
		if (vmk_pci_map_same(&n->e, e)) {
			mutex_unlock(&vmk_pci_map_mutex);
			return false;
		}
	}
	n = kmalloc(sizeof(*n), GFP_KERNEL);
	if (n) {
		n->e = *e;
		list_add_tail(&n->link, &vmk_pci_map);
	}
	mutex_unlock(&vmk_pci_map_mutex);
	return n;
}

static bool vmk_pci_map_has(const char *driver)
{
	struct vmk_pci_map_node *n;
	bool found = false;

	mutex_lock(&vmk_pci_map_mutex);
	list_for_each_entry(n, &vmk_pci_map, link)
		found |= !strcmp(n->e.driver, driver);
	mutex_unlock(&vmk_pci_map_mutex);
	return found;
}

static int vmk_pci_add_dynid(struct vmk_pci_ndrv *nd,
			     const struct vmk_core_pci_map_entry *e)
{
	int ret;

	lockdep_assert_held(&nd->reg_lock);
	ret = pci_add_dynid(&nd->pdrv, e->vendor, e->device, e->subvendor,
			    e->subdevice, e->class, e->class_mask, 0);
	if (ret)
		pr_warn("pci: %s: adding ID %04x:%04x failed (%d)\n", nd->name,
			e->vendor, e->device, ret);
	return ret;
}

/* The stored entries of @nd (registered, reg_lock held) as dynamic IDs. */
static void vmk_pci_map_apply(struct vmk_pci_ndrv *nd)
{
	struct vmk_core_pci_map_entry *mine;
	struct vmk_pci_map_node *n;
	unsigned int count = 0, i = 0;

	mutex_lock(&vmk_pci_map_mutex);
	list_for_each_entry(n, &vmk_pci_map, link)
		count += !strcmp(n->e.driver, nd->name);
	mine = count ? kmalloc_array(count, sizeof(*mine), GFP_KERNEL) : NULL;
	list_for_each_entry(n, &vmk_pci_map, link)
		if (mine && !strcmp(n->e.driver, nd->name))
			mine[i++] = n->e;
	mutex_unlock(&vmk_pci_map_mutex);
	if (count && !mine)
		pr_warn("pci: %s: no memory for its device map entries\n",
			nd->name);
	/* Probes run from here: no map lock held. */
	while (i--)
		vmk_pci_add_dynid(nd, &mine[i]);
	kfree(mine);
}

/*
 * @nd's name (with reg_lock held, registered) or every registered
 * driver: add @e where it belongs.
 */
static struct vmk_pci_ndrv *vmk_pci_nd_lock(vmk_Driver driver,
					    const char *name);

static VMK_ReturnStatus vmk_pci_nd_register(struct vmk_pci_ndrv *nd);

static void vmk_pci_map_apply_one(const struct vmk_core_pci_map_entry *e)
{
	struct vmk_pci_ndrv *nd = vmk_pci_nd_lock(NULL, e->driver);

	if (!nd)
		return;
	if (nd->registered)
		vmk_pci_add_dynid(nd, e);
	else if (nd->started)
		/* Its first IDs: the pci_driver now, with all its entries. */
		vmk_pci_nd_register(nd);
	mutex_unlock(&nd->reg_lock);
}

/*
 * Parse and keep a map text; entries for registered drivers take effect
 * at once.  @only: keep only the entries of that driver (a driver's own
 * map file).  The number of new entries, or -EINVAL if some line was
 * malformed (the good ones are kept).
 */
static int vmk_pci_map_load(const char *text, size_t len, const char *only,
			    bool apply, const char *source)
{
	struct vmk_core_pci_map_entry e;
	unsigned int lineno = 0;
	const char *nl, *end = text + len;
	bool bad = false;
	int added = 0, ret;

	for (; text < end; text = nl + 1) {
		nl = memchr(text, '\n', end - text) ?: end;
		lineno++;
		ret = vmk_core_pci_map_parse_line(text, nl - text, &e);
		if (ret < 0) {
			pr_warn("pci: %s line %u: not a device map line: %.*s\n",
				source, lineno, (int)min_t(size_t, nl - text, 80),
				text);
			bad = true;
			continue;
		}
		if (!ret)
			continue;
		if (only && strcmp(e.driver, only)) {
			pr_warn("pci: %s line %u: for driver %s, ignored\n",
				source, lineno, e.driver);
			continue;
		}
		if (!vmk_pci_map_store(&e))
			continue;
		added++;
		if (apply)
			vmk_pci_map_apply_one(&e);
	}
	return bad ? -EINVAL : added;
}

int vmk_core_pci_map_load(const char *text, size_t len)
{
	might_sleep();
	return vmk_pci_map_load(text, len, NULL, true, "device map");
}
EXPORT_SYMBOL_NS_GPL(vmk_core_pci_map_load, VMKAPI_INTERNAL);

unsigned int vmk_core_pci_map_forget(const char *driver)
{
	struct vmk_pci_map_node *n, *next;
	unsigned int count = 0;

	mutex_lock(&vmk_pci_map_mutex);
	list_for_each_entry_safe(n, next, &vmk_pci_map, link) {
		if (!strcmp(n->e.driver, driver)) {
			list_del(&n->link);
			kfree(n);
			count++;
		}
	}
	mutex_unlock(&vmk_pci_map_mutex);
	return count;
}
EXPORT_SYMBOL_NS_GPL(vmk_core_pci_map_forget, VMKAPI_INTERNAL);

/*
 * <pci_map_dir>/<driver>.map, if there is one, read as the firmware
 * loader reads its files (request_firmware itself would log every miss
 * as an error on distribution kernels).  Relative to the root of the
 * registering task: insmod's, for a driver that registers from its init.
 */
static char vmk_pci_map_dir[128] = "/etc/vmkapi/default.map.d";
module_param_string(pci_map_dir, vmk_pci_map_dir, sizeof(vmk_pci_map_dir),
		    0644);
MODULE_PARM_DESC(pci_map_dir,
		 "directory of the <driver>.map device map files read when a native driver registers");

static void vmk_pci_map_load_file(struct vmk_pci_ndrv *nd)
{
	char *path;
	void *buf = NULL;
	ssize_t len;

	kernel_param_lock(THIS_MODULE);
	/* A value echoed into the parameter file ends with a newline. */
	path = kasprintf(GFP_KERNEL, "%.*s/%s.map",
			 (int)strcspn(vmk_pci_map_dir, "\n"), vmk_pci_map_dir,
			 nd->name);
	kernel_param_unlock(THIS_MODULE);
	if (!path)
		return;
	len = kernel_read_file_from_path(path, 0, &buf, VMK_PCI_MAP_MAX, NULL,
					 READING_UNKNOWN);
	if (len >= 0) {
		pr_info("pci: %s: reading %s\n", nd->name, path);
		if (vmk_pci_map_load(buf, len, nd->name, false, path) < 0)
			pr_warn("pci: %s: malformed lines skipped\n", path);
		vfree(buf);
	} else if (len != -ENOENT) {
		pr_warn("pci: %s: %s unreadable (%zd)\n", nd->name, path, len);
	}
	kfree(path);
}

static void vmk_pci_map_show_field(struct seq_file *m, u32 v)
{
	if (v == PCI_ANY_ID)
		seq_puts(m, "....");
	else
		seq_printf(m, "%04x", v);
}

static int vmk_pci_map_show(struct seq_file *m, void *unused)
{
	struct vmk_pci_map_node *n;
	int i;

	mutex_lock(&vmk_pci_map_mutex);
	list_for_each_entry(n, &vmk_pci_map, link) {
		seq_puts(m, "regtype=native,bus=pci,id=");
		vmk_pci_map_show_field(m, n->e.vendor);
		vmk_pci_map_show_field(m, n->e.device);
		vmk_pci_map_show_field(m, n->e.subvendor);
		vmk_pci_map_show_field(m, n->e.subdevice);
		for (i = 5; i >= 0; i--) {
			if ((n->e.class_mask >> (4 * i)) & 0xf)
				seq_printf(m, "%x", (n->e.class >> (4 * i)) &
					   0xf);
			else
				seq_putc(m, '.');
		}
		seq_printf(m, ",driver=%s\n", n->e.driver);
	}
	mutex_unlock(&vmk_pci_map_mutex);
	return 0;
}

static int vmk_pci_map_open(struct inode *inode, struct file *file)
{
	return single_open(file, vmk_pci_map_show, NULL);
}

static ssize_t vmk_pci_map_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	char *buf;
	int ret;

	if (len > VMK_PCI_MAP_MAX)
		return -E2BIG;
	buf = memdup_user(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	ret = vmk_pci_map_load(buf, len, NULL, true, "pci_map");
	kfree(buf);
	return ret < 0 ? ret : len;
}

static const struct file_operations vmk_pci_map_fops = {
	.owner = THIS_MODULE,
	.open = vmk_pci_map_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = vmk_pci_map_write,
};

/* Removed with the directory, after the PCI bus has gone. */
void vmk_core_pci_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("pci_map", 0600, dir, NULL, &vmk_pci_map_fops);
}

/* ---- native drivers ---------------------------------------------------- */

/*
 * The native driver of @driver (or named @name), with its reg_lock held;
 * NULL if there is none or it is going away.
 */
static struct vmk_pci_ndrv *vmk_pci_nd_lock(vmk_Driver driver,
					    const char *name)
{
	struct vmk_pci_ndrv *nd;

	if (!driver && !name)
		return NULL;
	mutex_lock(&vmk_pci_bus_mutex);
	list_for_each_entry(nd, &vmk_pci_ndrvs, link) {
		if (driver ? nd->driver == driver : !strcmp(nd->name, name)) {
			mutex_lock(&nd->reg_lock);
			mutex_unlock(&vmk_pci_bus_mutex);
			return nd;
		}
	}
	mutex_unlock(&vmk_pci_bus_mutex);
	return NULL;
}

static int vmk_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id);
static void vmk_pci_remove(struct pci_dev *pdev);

/*
 * Register @nd's pci_driver (reg_lock held), if it has IDs by now: its
 * devices are probed.  A driver without any gets none, until IDs come.
 */
static VMK_ReturnStatus vmk_pci_nd_register(struct vmk_pci_ndrv *nd)
{
	int ret;

	lockdep_assert_held(&nd->reg_lock);
	if (nd->registered)
		return VMK_OK;
	if (!nd->map_read) {
		nd->map_read = true;
		vmk_pci_map_load_file(nd);
	}
	if (!nd->nids && !vmk_pci_map_has(nd->name))
		return VMK_OK;
	nd->pdrv.name = nd->name;
	nd->pdrv.id_table = nd->ids;
	nd->pdrv.probe = vmk_pci_probe;
	nd->pdrv.remove = vmk_pci_remove;
	ret = pci_register_driver(&nd->pdrv);
	if (ret) {
		pr_err("pci: registering the Linux driver of %s failed (%d)\n",
		       nd->name, ret);
		return VMK_FAILURE;
	}
	nd->registered = true;
	vmk_pci_map_apply(nd);
	return VMK_OK;
}

/* Start the driver of @driver, once. */
static VMK_ReturnStatus vmk_pci_nd_start(vmk_Driver driver)
{
	struct vmk_pci_ndrv *nd = vmk_pci_nd_lock(driver, NULL);
	VMK_ReturnStatus status;

	if (!nd)
		return VMK_BAD_PARAM;
	nd->started = true;
	status = vmk_pci_nd_register(nd);
	mutex_unlock(&nd->reg_lock);
	return status;
}

static void vmk_pci_nd_work(struct work_struct *work)
{
	struct vmk_pci_ndrv *nd = container_of(work, struct vmk_pci_ndrv,
					       work);

	vmk_pci_nd_start(nd->driver);
}

VMK_ReturnStatus vmk_core_pci_driver_start(vmk_Driver driver)
{
	might_sleep();
	return vmk_pci_nd_start(driver);
}
EXPORT_SYMBOL_NS_GPL(vmk_core_pci_driver_start, VMKAPI_INTERNAL);

/* Its module went live: start every driver of it not started yet. */
static void vmk_pci_start_module(vmk_ModuleID module)
{
	struct vmk_pci_ndrv *nd;
	vmk_Driver driver;

	for (;;) {
		driver = NULL;
		mutex_lock(&vmk_pci_bus_mutex);
		list_for_each_entry(nd, &vmk_pci_ndrvs, link) {
			if (nd->module == module && !nd->started) {
				nd->started = true;
				driver = nd->driver;
				break;
			}
		}
		mutex_unlock(&vmk_pci_bus_mutex);
		if (!driver)
			return;
		vmk_pci_nd_start(driver);
	}
}

static int vmk_pci_module_notify(struct notifier_block *nb,
				 unsigned long action, void *data)
{
	struct module *mod = data;
	vmk_ModuleID id;

	if (action != MODULE_STATE_LIVE)
		return NOTIFY_DONE;
	id = vmk_ModuleGetID(module_name(mod));
	if (id != VMK_INVALID_MODULE_ID)
		vmk_pci_start_module(id);
	return NOTIFY_DONE;
}

static struct notifier_block vmk_pci_module_nb = {
	.notifier_call = vmk_pci_module_notify,
};

/* devmgr: inside vmk_DriverRegister (its providers mutex held). */
static void vmk_pci_driver_added(vmk_Driver driver)
{
	const char *name = vmk_core_driver_name(driver);
	char modname[MODULE_NAME_LEN];
	struct vmk_pci_ndrv *nd;

	if (!name)
		return;
	nd = kzalloc(sizeof(*nd), GFP_KERNEL);
	if (!nd) {
		pr_err("pci: no memory for driver %s; it gets no PCI devices\n",
		       name);
		return;
	}
	nd->driver = driver;
	nd->module = vmk_core_driver_module(driver);
	strscpy(nd->name, name, sizeof(nd->name));
	mutex_init(&nd->reg_lock);
	INIT_WORK(&nd->work, vmk_pci_nd_work);
	mutex_lock(&vmk_pci_bus_mutex);
	list_add_tail(&nd->link, &vmk_pci_ndrvs);
	/* Live already (not registering from its init): start it soon. */
	if (vmk_ModuleGetName(nd->module, modname, sizeof(modname)) ==
	    VMK_OK)
		schedule_work(&nd->work);
	mutex_unlock(&vmk_pci_bus_mutex);
}

/* devmgr: inside vmk_DriverUnregister, before devices are taken back. */
static void vmk_pci_driver_removing(vmk_Driver driver)
{
	struct vmk_pci_ndrv *nd, *found = NULL;

	mutex_lock(&vmk_pci_bus_mutex);
	list_for_each_entry(nd, &vmk_pci_ndrvs, link) {
		if (nd->driver == driver) {
			list_del(&nd->link);
			nd->removing = true;
			found = nd;
			break;
		}
	}
	mutex_unlock(&vmk_pci_bus_mutex);
	if (!found)
		return;
	cancel_work_sync(&found->work);
	/* Whoever found it before it was unlinked is done after this. */
	mutex_lock(&found->reg_lock);
	if (found->registered)
		pci_unregister_driver(&found->pdrv);
	found->registered = false;
	mutex_unlock(&found->reg_lock);
	kfree(found->ids);
	kfree(found);
}

static struct vmk_core_bus_provider vmk_pci_provider = {
	.bus_name = VMK_PCI_BUS_NAME,
	.driver_added = vmk_pci_driver_added,
	.driver_removing = vmk_pci_driver_removing,
};

/* ---- the C table (vmk_PCIDriverAddIDs) --------------------------------- */

static bool vmk_pci_match_ok(const vmk_PCIDeviceMatch *m)
{
	return (m->vendorID <= 0xffff || m->vendorID == VMK_PCI_ANY_ID) &&
	       (m->deviceID <= 0xffff || m->deviceID == VMK_PCI_ANY_ID) &&
	       (m->subVendorID <= 0xffff ||
		m->subVendorID == VMK_PCI_ANY_ID) &&
	       (m->subDeviceID <= 0xffff ||
		m->subDeviceID == VMK_PCI_ANY_ID) &&
	       m->classMask <= 0xffffff && !(m->classCode & ~m->classMask);
}

VMK_ReturnStatus vmk_PCIDriverAddIDs(vmk_Driver driver,
				     const vmk_PCIDeviceMatch *table)
{
	VMK_ReturnStatus status = VMK_OK;
	struct vmk_core_pci_map_entry e = {};
	struct pci_device_id *ids;
	struct vmk_pci_ndrv *nd;
	unsigned int n, i;

	vmk_core_assert_may_block();
	for (n = 0; table && table[n].vendorID; n++) {
		if (!vmk_pci_match_ok(&table[n])) {
			vmk_core_bad_arg("entry %u of the table is malformed",
					 n);
			return VMK_BAD_PARAM;
		}
	}
	if (!n) {
		vmk_core_bad_arg("NULL or empty table");
		return VMK_BAD_PARAM;
	}
	nd = vmk_pci_nd_lock(driver, NULL);
	if (!nd) {
		vmk_core_bad_arg("%p is not a registered driver", driver);
		return VMK_BAD_PARAM;
	}
	if (nd->registered) {
		for (i = 0; i < n; i++) {
			e.vendor = table[i].vendorID;
			e.device = table[i].deviceID;
			e.subvendor = table[i].subVendorID;
			e.subdevice = table[i].subDeviceID;
			e.class = table[i].classCode;
			e.class_mask = table[i].classMask;
			if (vmk_pci_add_dynid(nd, &e))
				status = VMK_NO_MEMORY;
		}
		goto out;
	}
	ids = krealloc_array(nd->ids, nd->nids + n + 1, sizeof(*ids),
			     GFP_KERNEL);
	if (!ids) {
		status = VMK_NO_MEMORY;
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct pci_device_id *id = &ids[nd->nids + i];

		memset(id, 0, sizeof(*id));
		id->vendor = table[i].vendorID;
		id->device = table[i].deviceID;
		id->subvendor = table[i].subVendorID;
		id->subdevice = table[i].subDeviceID;
		id->class = table[i].classCode;
		id->class_mask = table[i].classMask;
	}
	memset(&ids[nd->nids + n], 0, sizeof(*ids));
	nd->ids = ids;
	nd->nids += n;
	if (nd->started)
		status = vmk_pci_nd_register(nd);
out:
	mutex_unlock(&nd->reg_lock);
	return status;
}
VMKAPI_EXPORT(vmk_PCIDriverAddIDs);

/* ---- probe and remove --------------------------------------------------- */

static struct vmk_pci_ndrv *vmk_pci_nd_of(struct pci_dev *pdev)
{
	return container_of(to_pci_driver(pdev->dev.driver),
			    struct vmk_pci_ndrv, pdrv);
}

static int vmk_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vmk_pci_ndrv *nd = vmk_pci_nd_of(pdev);
	struct vmk_core_device_props props = {
		.bus_type = vmk_pci_bus_type,
		.bus_address = pci_name(pdev),
		.identifier = VMK_PCI_BUS_NAME,
		.linux_dev = &pdev->dev,
	};
	struct vmkPCIDevice *dev;
	VMK_ReturnStatus status;
	vmk_Device device;
	int ret;

	dev = vmk_core_pci_dev_get(pdev);
	if (!dev)
		return -ENOMEM;
	ret = pci_enable_device(pdev);
	if (ret) {
		pci_err(pdev, "%s: enabling the device failed (%d)\n",
			nd->name, ret);
		goto err_put;
	}
	vmk_core_pci_attach_begin(dev, nd->module, nd->name);
	props.registration_data.ptr = dev;
	status = vmk_core_device_add(&props, &device);
	if (status != VMK_OK) {
		pci_err(pdev, "%s: adding the device failed: %s\n", nd->name,
			vmk_StatusToString(status));
		ret = -ENOMEM;
		goto err_disable;
	}
	vmk_core_pci_set_device(dev, device);
	status = vmk_core_device_attach(device, nd->driver);
	if (status != VMK_OK) {
		pci_info(pdev, "%s did not attach: %s\n", nd->name,
			 vmk_StatusToString(status));
		vmk_core_pci_reclaim(dev, "after a failed attach");
		vmk_core_device_remove(device);
		ret = -ENODEV;
		goto err_disable;
	}
	pci_set_drvdata(pdev, dev);
	return 0;

err_disable:
	vmk_core_pci_attach_end(dev);
	pci_disable_device(pdev);
err_put:
	vmk_core_pci_dev_put(dev);
	return ret;
}

static void vmk_pci_remove(struct pci_dev *pdev)
{
	struct vmk_pci_ndrv *nd = vmk_pci_nd_of(pdev);
	struct vmkPCIDevice *dev = pci_get_drvdata(pdev);
	vmk_Device device = vmk_core_pci_device(dev);
	VMK_ReturnStatus status;

	/* Surprise removal: the driver must not touch the hardware. */
	if (pdev->error_state == pci_channel_io_perm_failure)
		vmk_core_device_forget(device);
	status = vmk_core_device_detach(device);
	if (status != VMK_OK) {
		/* A driver that refuses: it may not touch the device again. */
		pci_warn(pdev, "%s refused to let go (%s); forgetting the device\n",
			 nd->name, vmk_StatusToString(status));
		vmk_core_device_forget(device);
		status = vmk_core_device_detach(device);
	}
	vmk_core_pci_reclaim(dev, "at detach");
	if (status == VMK_OK)
		status = vmk_core_device_remove(device);
	if (status != VMK_OK)
		pci_err(pdev, "%s: the device stays in the device tree: %s\n",
			nd->name, vmk_StatusToString(status));
	vmk_core_pci_attach_end(dev);
	pci_set_drvdata(pdev, NULL);
	pci_disable_device(pdev);
	vmk_core_pci_dev_put(dev);
}

/* ---- life -------------------------------------------------------------- */

int vmk_core_pci_bus_init(void)
{
	vmk_Name name;
	int ret;

	vmk_NameInitialize(&name, VMK_PCI_BUS_NAME);
	if (vmk_BusTypeFind(&name, &vmk_pci_bus_type) != VMK_OK)
		return -ENOENT;
	ret = register_module_notifier(&vmk_pci_module_nb);
	if (ret)
		goto err_bus;
	if (vmk_core_bus_provider_register(&vmk_pci_provider) != VMK_OK) {
		ret = -EBUSY;
		goto err_notifier;
	}
	return 0;

err_notifier:
	unregister_module_notifier(&vmk_pci_module_nb);
err_bus:
	vmk_BusTypeRelease(vmk_pci_bus_type);
	return ret;
}

void vmk_core_pci_bus_exit(void)
{
	struct vmk_pci_map_node *n, *next;

	/* Drivers are gone: their modules depend on this one. */
	vmk_core_bus_provider_unregister(&vmk_pci_provider);
	unregister_module_notifier(&vmk_pci_module_nb);
	list_for_each_entry_safe(n, next, &vmk_pci_map, link) {
		list_del(&n->link);
		kfree(n);
	}
	vmk_BusTypeRelease(vmk_pci_bus_type);
}
