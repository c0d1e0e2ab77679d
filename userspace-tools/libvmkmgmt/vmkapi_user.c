// SPDX-License-Identifier: GPL-2.0
/*
 * The few VMK API calls a management tool uses besides vmk_MgmtUser*:
 * status descriptions and vmk_Name, as the kernel side defines them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vmkapi.h"

static const char *const vmk_status_text[] = {
#define VMK_STATUS_ENTRY(name, errno_name, desc) \
	[name##_INDEX] = desc,
#define VMK_STATUS_LAST_ENTRY(name, errno_name, desc)
#include "vmkapi_status_table.h"
#undef VMK_STATUS_ENTRY
#undef VMK_STATUS_LAST_ENTRY
};

const char *vmk_StatusToString(VMK_ReturnStatus status)
{
	unsigned int value = (unsigned int)status;

	if (status == VMK_OK)
		return vmk_status_text[0];
	if (status == VMK_GENERIC_LINUX_ERROR)
		return "generic Linux error";
	if (value > VMK_STATUS_BASE && value < VMK_STATUS_BASE + VMK_STATUS_COUNT)
		return vmk_status_text[value - VMK_STATUS_BASE];
	return "unknown status";
}

VMK_ReturnStatus vmk_NameInitialize(vmk_Name *name, const char *string)
{
	size_t len;

	if (!name || !string)
		return VMK_BAD_PARAM;
	len = strnlen(string, VMK_MISC_NAME_MAX);
	if (len == VMK_MISC_NAME_MAX) {
		memcpy(name->string, string, VMK_MISC_NAME_MAX - 1);
		name->string[VMK_MISC_NAME_MAX - 1] = '\0';
		return VMK_NAME_TOO_LONG;
	}
	memset(name->string, 0, sizeof(name->string));
	memcpy(name->string, string, len);
	return VMK_OK;
}

VMK_ReturnStatus vmk_NameFormat(vmk_Name *name, const char *fmt, ...)
{
	va_list ap;
	int len;

	if (!name || !fmt)
		return VMK_BAD_PARAM;
	va_start(ap, fmt);
	len = vsnprintf(name->string, VMK_MISC_NAME_MAX, fmt, ap);
	va_end(ap);
	return len >= VMK_MISC_NAME_MAX ? VMK_NAME_TOO_LONG : VMK_OK;
}

VMK_ReturnStatus vmk_NameCopy(vmk_Name *dst, const vmk_Name *src)
{
	if (!dst || !src)
		return VMK_BAD_PARAM;
	*dst = *src;
	if (!memchr(src->string, 0, VMK_MISC_NAME_MAX)) {
		dst->string[VMK_MISC_NAME_MAX - 1] = '\0';
		return VMK_NAME_TOO_LONG;
	}
	return VMK_OK;
}

const char *vmk_NameToString(const vmk_Name *name)
{
	return name ? name->string : "(null)";
}
