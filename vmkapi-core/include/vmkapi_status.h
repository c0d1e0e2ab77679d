/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMK_ReturnStatus (reference section 3).
 *
 * The values follow the original encoding so that numbers printed by a
 * driver mean the same thing here and on ESXi: VMK_OK is 0, VMK_FAILURE is
 * 0x0bad0001 and each later code is its predecessor plus one, in the
 * append-only order of vmkapi_status_table.h; VMK_GENERIC_LINUX_ERROR is
 * pinned at 0x2bad0000.
 */
#ifndef _VMKAPI_STATUS_H_
#define _VMKAPI_STATUS_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#define VMK_STATUS_BASE		0x0bad0000

/* Position of each code in the table: the source of its value. */
enum vmk_StatusIndex {
#define VMK_STATUS_ENTRY(name, errno_name, desc) name##_INDEX,
#define VMK_STATUS_LAST_ENTRY(name, errno_name, desc)
#include "vmkapi_status_table.h"
#undef VMK_STATUS_ENTRY
#undef VMK_STATUS_LAST_ENTRY
	VMK_STATUS_COUNT
};

typedef enum {
#define VMK_STATUS_ENTRY(name, errno_name, desc)			\
	name = (name##_INDEX == 0 ? 0 : VMK_STATUS_BASE + name##_INDEX),
#define VMK_STATUS_LAST_ENTRY(name, errno_name, desc) name = 0x2bad0000,
#include "vmkapi_status_table.h"
#undef VMK_STATUS_ENTRY
#undef VMK_STATUS_LAST_ENTRY
} VMK_ReturnStatus;

/*
 * vmk_StatusToString - a human-readable description of @status.
 * Context: any; does not block.  Unknown values give "unknown status";
 * the text is for logs only and may change between releases.
 */
const char *vmk_StatusToString(VMK_ReturnStatus status);

/*
 * vmk_StatusToErrno - the UNIX errno paired with @status (positive; 0 for
 * VMK_OK; EINVAL for values outside the table).
 * Context: any; does not block.
 * An extension of this implementation: the original pairs each code with
 * an errno for user space, and Linux callers need it as a return value.
 */
int vmk_StatusToErrno(VMK_ReturnStatus status);

#endif /* _VMKAPI_STATUS_H_ */
