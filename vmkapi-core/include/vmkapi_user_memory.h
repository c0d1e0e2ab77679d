/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying to and from the calling user process (reference section 6.4,
 * core/vmkapi_user_memory.h), e.g. in a character device's ioctl.
 *
 * Contexts: world context that may block (the user page may have to be
 * faulted in), with no spinlock held.  Never from an interrupt
 * acknowledge, an interrupt handler or NetPoll.
 */
#ifndef _VMKAPI_USER_MEMORY_H_
#define _VMKAPI_USER_MEMORY_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

/*
 * vmk_CopyFromUser - copy len bytes from the current process's address
 * src to the kernel buffer dest.  VMK_OK, or VMK_INVALID_ADDRESS if any
 * byte of src is not readable user memory of the current process (a
 * kernel thread has none); then dest may be partly written.  len 0 is
 * VMK_OK.  VMK_BAD_PARAM for a NULL kernel buffer with len > 0.
 */
VMK_ReturnStatus vmk_CopyFromUser(vmk_VA dest, vmk_VA src,
				  vmk_ByteCount len);

/*
 * vmk_CopyToUser - copy len bytes from the kernel buffer src to the
 * current process's address dest.  Statuses as for vmk_CopyFromUser
 * (dest must be writable user memory).
 */
VMK_ReturnStatus vmk_CopyToUser(vmk_VA dest, vmk_VA src, vmk_ByteCount len);

#endif /* _VMKAPI_USER_MEMORY_H_ */
