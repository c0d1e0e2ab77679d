// SPDX-License-Identifier: GPL-2.0
/*
 * ledu: a minimal Linux pci_driver for QEMU's edu device (1234:11e8), the
 * "Linux side" of the integration test that hands the device from the
 * native driver nedu to a Linux driver and back (driver_override,
 * unbind, bind).  It checks the identification register at probe and
 * offers a factorial, computed by polling, through a sysfs attribute of
 * the PCI device:
 *
 *   echo 10 > /sys/bus/pci/devices/<bdf>/ledu_factorial
 *   cat /sys/bus/pci/devices/<bdf>/ledu_factorial      -> 3628800
 *
 * It has no device ID table: it binds only where driver_override names
 * it, so loading it never takes the device from nedu.
 */
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>

#define LEDU_REG_ID		0x00
#define LEDU_REG_FACTORIAL	0x08
#define LEDU_REG_STATUS		0x20
#define LEDU_STATUS_COMPUTING	0x01
#define LEDU_ID_MAGIC		0xed

struct ledu {
	void __iomem *bar0;
	struct mutex lock;	/* one factorial at a time */
	u32 result;
};

static int ledu_factorial(struct ledu *ledu, u32 n)
{
	int i;

	iowrite32(n, ledu->bar0 + LEDU_REG_FACTORIAL);
	/* The device computes in its own thread; a few ms at most. */
	for (i = 0; i < 2000; i++) {
		if (!(ioread32(ledu->bar0 + LEDU_REG_STATUS) &
		      LEDU_STATUS_COMPUTING)) {
			ledu->result = ioread32(ledu->bar0 + LEDU_REG_FACTORIAL);
			return 0;
		}
		usleep_range(500, 1000);
	}
	return -ETIMEDOUT;
}

static ssize_t ledu_factorial_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct ledu *ledu = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", ledu->result);
}

static ssize_t ledu_factorial_store(struct device *dev,
				    struct device_attribute *attr,
				    const char *buf, size_t count)
{
	struct ledu *ledu = dev_get_drvdata(dev);
	u32 n;
	int ret;

	ret = kstrtou32(buf, 0, &n);
	if (ret)
		return ret;
	mutex_lock(&ledu->lock);
	ret = ledu_factorial(ledu, n);
	mutex_unlock(&ledu->lock);
	return ret ? ret : count;
}
static DEVICE_ATTR_RW(ledu_factorial);

static struct attribute *ledu_attrs[] = {
	&dev_attr_ledu_factorial.attr,
	NULL
};
ATTRIBUTE_GROUPS(ledu);

static int ledu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ledu *ledu;
	u32 ident;
	int ret;

	if (pdev->vendor != 0x1234 || pdev->device != 0x11e8)
		return -ENODEV;
	ledu = devm_kzalloc(&pdev->dev, sizeof(*ledu), GFP_KERNEL);
	if (!ledu)
		return -ENOMEM;
	mutex_init(&ledu->lock);
	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ret = pcim_iomap_regions(pdev, BIT(0), "ledu");
	if (ret)
		return ret;
	ledu->bar0 = pcim_iomap_table(pdev)[0];
	ident = ioread32(ledu->bar0 + LEDU_REG_ID);
	if ((ident & 0xffff) != LEDU_ID_MAGIC) {
		dev_err(&pdev->dev, "identification 0x%08x is not an edu\n",
			ident);
		return -ENODEV;
	}
	pci_set_drvdata(pdev, ledu);
	dev_info(&pdev->dev, "edu %u.%u bound to the Linux driver\n",
		 ident >> 24, (ident >> 16) & 0xff);
	return 0;
}

static void ledu_remove(struct pci_dev *pdev)
{
	dev_info(&pdev->dev, "released by the Linux driver\n");
}

static struct pci_driver ledu_driver = {
	.name = "ledu",
	.probe = ledu_probe,
	.remove = ledu_remove,
	.dev_groups = ledu_groups,
};
module_pci_driver(ledu_driver);

MODULE_DESCRIPTION("Minimal Linux driver for QEMU's edu device (handover tests)");
MODULE_LICENSE("GPL");
