# SPDX-License-Identifier: GPL-2.0
#
# Kbuild fragment for native driver modules.  In the driver's Kbuild:
#
#   obj-m := nfoo.o
#   nfoo-y := nfoo_main.o nfoo_hw.o
#   VMK_NATIVE_MODULES := nfoo
#   include $(VMKAPI_ROOT)/vmkapi-core/native/native.mk
#
# The driver's own sources stay as they are on ESXi: they include
# "vmkapi.h" and define init_module()/cleanup_module().  Those two names
# are renamed at compile time and a per-module copy of module_stub.c
# provides the Linux entry points around them.

VMK_NATIVE_RENAME := -Dinit_module=vmk_native_init_module \
		     -Dcleanup_module=vmk_native_cleanup_module

ccflags-y += -I$(VMKAPI_ROOT)/vmkapi-core/include \
	     -I$(VMKAPI_ROOT)/vmkapi-core/native $(VMK_NATIVE_RENAME)

define vmk_native_stub
$(1)-y += $(1)_vmkstub.o
CFLAGS_REMOVE_$(1)_vmkstub.o := $(VMK_NATIVE_RENAME)
clean-files += $(1)_vmkstub.c
endef
$(foreach m,$(VMK_NATIVE_MODULES),$(eval $(call vmk_native_stub,$(m))))

$(obj)/%_vmkstub.c: $(VMKAPI_ROOT)/vmkapi-core/native/module_stub.c FORCE
	$(call if_changed,copy)
