/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A native driver's init_module()/cleanup_module(), under the names the
 * build gives them (see native.mk), for the module stub to call.
 */
#ifndef _VMKAPI_NATIVE_ENTRY_H_
#define _VMKAPI_NATIVE_ENTRY_H_

int vmk_native_init_module(void);
void vmk_native_cleanup_module(void);

#endif /* _VMKAPI_NATIVE_ENTRY_H_ */
