/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi.h for user space: what a driver's management tool sees of the
 * VMK API.  The common types, status codes, names and the management
 * library (vmkapi_mgmt_lib.h).  Put this directory before
 * vmkapi-core/include on the include path, so the header a driver and its
 * tool share (the API signature) includes this file in user space and the
 * kernel's vmkapi.h in the driver.
 */
#ifndef _VMKAPI_H_
#define _VMKAPI_H_

#ifdef __KERNEL__
#error "user-space vmkapi.h included in a kernel build"
#endif

#define VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#ifndef VMK_BUILDING_FOR_USER_MODE
#define VMK_BUILDING_FOR_USER_MODE
#endif

#include "vmkapi_revision.h"
#include "vmkapi_types.h"
#include "vmkapi_status.h"
#include "vmkapi_name.h"
#include "vmkapi_mgmt_types.h"
#include "vmkapi_mgmt_lib.h"

#endif /* _VMKAPI_H_ */
