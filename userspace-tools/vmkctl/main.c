// SPDX-License-Identifier: GPL-2.0
/*
 * vmkctl: look at and steer the vmkapi core from user space, in the
 * manner of esxcli:
 *
 *   vmkctl [--json] <namespace> <command> [arguments]
 *
 * See vmkctl.8 for the commands, the JSON and the exit codes.
 */
#include <stdio.h>

#include "vmkapi_genl.h"
#include "nl.h"
#include "vmkctl.h"

int main(int argc, char **argv)
{
	struct vk_nl *nl;
	struct vk_inv inv;
	char err[256];
	int ret;

	ret = vk_parse(argc, argv, &inv, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "vmkctl: %s\nTry 'vmkctl --help'.\n", err);
		return ret;
	}
	if (inv.version) {
		printf("vmkctl %s (family \"%s\", protocol version %d)\n",
		       VMKCTL_VERSION, VMKAPI_GENL_NAME, VMKAPI_GENL_VERSION);
		return VK_EXIT_OK;
	}
	if (inv.help || !inv.cmd) {
		vk_usage(stdout, inv.ns);
		return VK_EXIT_OK;
	}

	ret = vk_nl_open(&nl);
	if (ret)
		return ret;
	ret = inv.cmd->run(nl, &inv);
	vk_nl_close(nl);
	if (fflush(stdout) || ferror(stdout)) {
		perror("vmkctl: stdout");
		return VK_EXIT_IO;
	}
	return ret;
}
