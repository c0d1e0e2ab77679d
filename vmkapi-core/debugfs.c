// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only views of what the core knows, and the per-component log
 * levels, under /sys/kernel/debug/vmkapi/.  The management plane (generic
 * netlink, vmkctl) will carry the same data; debugfs is what is there
 * before it and what a support engineer can cat on any box.
 *
 *   modules     registered modules: id, name, API revision, use count
 *   heaps       every heap: owner, bytes, peak, max, allocations, failures
 *   slabs       every slab: owner, object size, objects, in use, failures
 *   interrupts  interrupt cookies: counts, acknowledge/handler histograms
 *   worlds      running worlds: id, module, class, CPU, state
 *   devices     the device tree (two spaces per level): each device's
 *               bus, address, identifier, state, forgotten flag and
 *               attached driver; then the registered drivers
 *   pci_map     the PCI device map (ESXi map lines); write lines to add
 *   events      the event rings (events.c): live and dead rings, then
 *               every event kept, oldest first
 *   log         log components and their current levels; write
 *               "<module> <component> <level>" to change a level
 */
#include "vmkapi_core.h"

#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

static struct dentry *vmk_debugfs_root;

static int vmk_debugfs_modules_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "VMK API %s, %u status codes\n",
		   VMK_REVISION_STRING(VMKAPI), vmk_core_status_count());
	vmk_core_module_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmk_debugfs_modules);

static int vmk_debugfs_heaps_show(struct seq_file *m, void *unused)
{
	vmk_core_heap_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmk_debugfs_heaps);

static int vmk_debugfs_slabs_show(struct seq_file *m, void *unused)
{
	vmk_core_slab_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vmk_debugfs_slabs);

static int vmk_debugfs_log_show(struct seq_file *m, void *unused)
{
	vmk_core_log_show(m);
	return 0;
}

static int vmk_debugfs_log_open(struct inode *inode, struct file *file)
{
	return single_open(file, vmk_debugfs_log_show, inode->i_private);
}

static ssize_t vmk_debugfs_log_write(struct file *file,
				     const char __user *ubuf, size_t len,
				     loff_t *ppos)
{
	char buf[2 * VMK_MISC_NAME_MAX + 16];
	char module[VMK_MODULE_NAME_MAX], component[VMK_MISC_NAME_MAX];
	int level, ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%31s %31s %d", module, component, &level) != 3)
		return -EINVAL;
	ret = vmk_core_log_set_by_name(module, component, level);
	return ret ? ret : len;
}

static const struct file_operations vmk_debugfs_log_fops = {
	.owner = THIS_MODULE,
	.open = vmk_debugfs_log_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = vmk_debugfs_log_write,
};

void vmk_core_debugfs_init(void)
{
	/* debugfs is a convenience: the core works without it. */
	vmk_debugfs_root = debugfs_create_dir("vmkapi", NULL);
	debugfs_create_file("modules", 0444, vmk_debugfs_root, NULL,
			    &vmk_debugfs_modules_fops);
	debugfs_create_file("heaps", 0444, vmk_debugfs_root, NULL,
			    &vmk_debugfs_heaps_fops);
	debugfs_create_file("slabs", 0444, vmk_debugfs_root, NULL,
			    &vmk_debugfs_slabs_fops);
	debugfs_create_file("log", 0644, vmk_debugfs_root, NULL,
			    &vmk_debugfs_log_fops);
	vmk_core_intr_debugfs_init(vmk_debugfs_root);
	vmk_core_world_debugfs_init(vmk_debugfs_root);
	vmk_core_devmgr_debugfs_init(vmk_debugfs_root);
	vmk_core_dma_debugfs_init(vmk_debugfs_root);
	vmk_core_pci_debugfs_init(vmk_debugfs_root);
	vmk_core_events_debugfs_init(vmk_debugfs_root);
}

void vmk_core_debugfs_exit(void)
{
	debugfs_remove_recursive(vmk_debugfs_root);
}
