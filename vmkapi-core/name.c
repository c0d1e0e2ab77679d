// SPDX-License-Identifier: GPL-2.0
/*
 * vmk_Name helpers.  A name is always left NUL-terminated, whatever the
 * input, so a later vmk_NameToString() can never run off the end.
 */
#include "vmkapi_core.h"

#include <linux/string.h>

VMK_ReturnStatus vmk_NameInitialize(vmk_Name *name, const char *string)
{
	if (!name || !string) {
		vmk_core_bad_arg("name %p string %p", name, string);
		return VMK_BAD_PARAM;
	}
	if (strscpy(name->string, string, sizeof(name->string)) < 0)
		return VMK_NAME_TOO_LONG;
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NameInitialize);

VMK_ReturnStatus vmk_NameFormat(vmk_Name *name, const char *fmt, ...)
{
	va_list ap;
	int len;

	if (!name || !fmt) {
		vmk_core_bad_arg("name %p fmt %p", name, fmt);
		return VMK_BAD_PARAM;
	}
	va_start(ap, fmt);
	len = vsnprintf(name->string, sizeof(name->string), fmt, ap);
	va_end(ap);
	return len < sizeof(name->string) ? VMK_OK : VMK_NAME_TOO_LONG;
}
VMKAPI_EXPORT(vmk_NameFormat);

VMK_ReturnStatus vmk_NameCopy(vmk_Name *dst, const vmk_Name *src)
{
	size_t len;

	if (!dst || !src) {
		vmk_core_bad_arg("dst %p src %p", dst, src);
		return VMK_BAD_PARAM;
	}
	if (dst == src)
		return VMK_OK;
	len = strnlen(src->string, sizeof(src->string));
	if (len == sizeof(src->string)) {
		memcpy(dst->string, src->string, len - 1);
		dst->string[len - 1] = '\0';
		return VMK_NAME_TOO_LONG;
	}
	memcpy(dst->string, src->string, len + 1);
	return VMK_OK;
}
VMKAPI_EXPORT(vmk_NameCopy);

const char *vmk_NameToString(const vmk_Name *name)
{
	return name ? name->string : "(null)";
}
VMKAPI_EXPORT(vmk_NameToString);
