/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmk_Name: a fixed-size, always NUL-terminated name (reference section 2).
 * None of these calls block; all are callable from any context.
 */
#ifndef _VMKAPI_NAME_H_
#define _VMKAPI_NAME_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#define VMK_MISC_NAME_MAX	32

typedef struct vmk_Name {
	char string[VMK_MISC_NAME_MAX];
} vmk_Name;

/*
 * vmk_NameInitialize - fill @name from a C string.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_BAD_PARAM when @name or @string is NULL (nothing is
 * written); VMK_NAME_TOO_LONG when @string does not fit, in which case
 * @name holds the truncated, terminated prefix.
 */
VMK_ReturnStatus vmk_NameInitialize(vmk_Name *name, const char *string);

/*
 * vmk_NameFormat - fill @name from a printf format.
 * Context: any; does not block.
 * Returns as vmk_NameInitialize().
 */
VMK_ReturnStatus vmk_NameFormat(vmk_Name *name, const char *fmt, ...)
	VMK_ATTRIBUTE_PRINTF(2, 3);

/*
 * vmk_NameCopy - copy @src into @dst.
 * Context: any; does not block.
 * Returns VMK_OK, or VMK_BAD_PARAM when either is NULL.  An unterminated
 * @src (corrupted by its owner) is copied terminated and VMK_NAME_TOO_LONG
 * is returned.
 */
VMK_ReturnStatus vmk_NameCopy(vmk_Name *dst, const vmk_Name *src);

/*
 * vmk_NameToString - the name as a C string, valid as long as @name is.
 * Context: any; does not block.  A NULL @name gives "(null)", so the
 * result can always be printed.
 */
const char *vmk_NameToString(const vmk_Name *name);

#endif /* _VMKAPI_NAME_H_ */
