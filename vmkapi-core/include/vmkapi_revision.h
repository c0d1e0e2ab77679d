/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Revision numbers: major.minor.update.patch packed one byte each into a
 * vmk_revnum, so that revisions compare with plain integer operators and
 * drivers can gate code with
 *   #if VMKAPI_REVISION >= VMK_REVISION_FROM_NUMBERS(2, 4, 0, 0)
 * The same scheme versions sub-interfaces (uplinks, management signatures).
 */
#ifndef _VMKAPI_REVISION_H_
#define _VMKAPI_REVISION_H_

typedef unsigned int vmk_revnum;

#define VMK_REVISION_FROM_NUMBERS(major, minor, update, patch)		\
	((((major) & 0xffu) << 24) | (((minor) & 0xffu) << 16) |	\
	 (((update) & 0xffu) << 8) | ((patch) & 0xffu))

/* X is an interface prefix that defines X_REVISION_{MAJOR,MINOR,...}. */
#define VMK_REVISION_NUMBER(X)						\
	VMK_REVISION_FROM_NUMBERS(X##_REVISION_MAJOR,			\
				  X##_REVISION_MINOR,			\
				  X##_REVISION_UPDATE,			\
				  X##_REVISION_PATCH_LEVEL)

#define VMK_REVISION_MAJOR(rev)		(((rev) >> 24) & 0xff)
#define VMK_REVISION_MINOR(rev)		(((rev) >> 16) & 0xff)
#define VMK_REVISION_UPDATE(rev)	(((rev) >> 8) & 0xff)
#define VMK_REVISION_PATCH_LEVEL(rev)	((rev) & 0xff)

#define __VMK_REVISION_STR(x)		#x
#define __VMK_REVISION_XSTR(x)		__VMK_REVISION_STR(x)

/* "a.b.c-d", as a string literal, from the interface's macros. */
#define VMK_REVISION_STRING(X)						\
	__VMK_REVISION_XSTR(X##_REVISION_MAJOR) "."			\
	__VMK_REVISION_XSTR(X##_REVISION_MINOR) "."			\
	__VMK_REVISION_XSTR(X##_REVISION_UPDATE) "-"			\
	__VMK_REVISION_XSTR(X##_REVISION_PATCH_LEVEL)

#endif /* _VMKAPI_REVISION_H_ */
