/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmkapi_pcpu_storage.h - per-PCPU storage (reference section 6.4): one
 * object of a given size for every PCPU, found by PCPU number through a
 * handle.  Each pointer looked up is counted until released, and a
 * handle with pointers out cannot be destroyed.
 *
 * Here the objects live in Linux per-CPU memory, so each PCPU's copy
 * sits with that CPU's other per-CPU data.  The type is a hint of the
 * access pattern and changes nothing.  Creation does not block, so the
 * memory comes from what the per-CPU allocator keeps ready for atomic
 * callers and can run out (VMK_NO_MEMORY) where a blocking allocation
 * would have waited for more.
 */
#ifndef _VMKAPI_PCPU_STORAGE_H_
#define _VMKAPI_PCPU_STORAGE_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error This vmkapi file should never be included directly but only via vmkapi.h
#endif

typedef struct vmk_PCPUStorageHandleInt *vmk_PCPUStorageHandle;

#define VMK_PCPU_STORAGE_HANDLE_INVALID ((vmk_PCPUStorageHandle)-1)

typedef enum {
	/* Mostly read. */
	VMK_PCPU_STORAGE_TYPE_READ = 0,
	/* Read and written, mostly by the PCPU it belongs to. */
	VMK_PCPU_STORAGE_TYPE_WRITE_LOCAL = 1,
	/* Read and written from any PCPU. */
	VMK_PCPU_STORAGE_TYPE_WRITE_REMOTE = 2,
	VMK_PCPU_STORAGE_TYPE_MAX = 3,
} vmk_PCPUStorageType;

/*
 * Called for each PCPU's object as the storage is created; anything but
 * VMK_OK fails the creation (the objects constructed so far are then
 * destructed).  Must not block.
 */
typedef VMK_ReturnStatus (*vmk_PCPUStorageConstructor)(vmk_PCPUID pcpu,
						       void *object,
						       vmk_ByteCountSmall size,
						       vmk_AddrCookie arg);

/* Called for each PCPU's object before the storage goes.  Must not block. */
typedef void (*vmk_PCPUStorageDestructor)(vmk_PCPUID pcpu, void *object,
					  vmk_ByteCountSmall size,
					  vmk_AddrCookie arg);

typedef struct {
	vmk_PCPUStorageType type;
	/* The storage is a resource of this (registered) module. */
	vmk_ModuleID moduleID;
	vmk_Name name;
	/* Bytes per PCPU: 1 to 32 KB. */
	vmk_ByteCountSmall size;
	/* A power of two up to the page size; 0 for the natural alignment. */
	vmk_ByteCountSmall align;
	/* NULL: each object starts zeroed. */
	vmk_PCPUStorageConstructor constructor;
	/* May be NULL. */
	vmk_PCPUStorageDestructor destructor;
	/* Passed to both. */
	vmk_AddrCookie arg;
} vmk_PCPUStorageProps;

/*
 * vmk_PCPUStorageCreate - allocate and construct an object for every
 * possible PCPU.  Never blocks; any context but interrupt acknowledge.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments, an unknown type, a
 * size or alignment out of range or an unregistered module;
 * VMK_INVALID_NAME for an empty or unterminated name; VMK_NO_MEMORY; or
 * what a failing constructor returned.  *handle is only written on
 * success.
 */
VMK_ReturnStatus vmk_PCPUStorageCreate(vmk_PCPUStorageProps *props,
				       vmk_PCPUStorageHandle *handle);

/*
 * vmk_PCPUStorageDestroy - destruct and free every object.  Never
 * blocks; any context but interrupt acknowledge.  VMK_BUSY while a
 * looked-up pointer is not yet released (nothing is freed);
 * VMK_BAD_PARAM for a handle that is not live.
 */
VMK_ReturnStatus vmk_PCPUStorageDestroy(vmk_PCPUStorageHandle handle);

/*
 * vmk_PCPUStorageLookUp - the object of @pcpu in *@object, counted until
 * vmk_PCPUStorageRelease.  Never blocks; any context, an acknowledge
 * callback too.  VMK_BAD_PARAM for a PCPU that is not possible, a handle
 * that is not live or a NULL @object.
 */
VMK_ReturnStatus vmk_PCPUStorageLookUp(vmk_PCPUID pcpu,
				       vmk_PCPUStorageHandle handle,
				       void **object);

/*
 * vmk_PCPUStorageRelease - give back a pointer vmk_PCPUStorageLookUp
 * returned.  Never blocks; any context.  VMK_BAD_PARAM for a handle that
 * is not live, an @object that is none of its objects, or a handle with
 * no lookup outstanding.
 */
VMK_ReturnStatus vmk_PCPUStorageRelease(vmk_PCPUStorageHandle handle,
					void *object);

#endif /* _VMKAPI_PCPU_STORAGE_H_ */
