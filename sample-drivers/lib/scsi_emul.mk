# SPDX-License-Identifier: GPL-2.0
#
# Kbuild fragment: compile the shared SCSI target emulation into a module.
# In the module's Kbuild, after its <module>-y list:
#
#   SCSI_EMUL_MODULES := nfoo
#   include $(VMKAPI_ROOT)/sample-drivers/lib/scsi_emul.mk
#
# Each module gets its own copy of scsi_emul.c (as native.mk does with
# the module stub): one source, no symbols exported between modules.

ccflags-y += -I$(VMKAPI_ROOT)/sample-drivers/lib

define scsi_emul_obj
$(1)-y += $(1)_scsi_emul.o
clean-files += $(1)_scsi_emul.c
endef
$(foreach m,$(SCSI_EMUL_MODULES),$(eval $(call scsi_emul_obj,$(m))))

$(obj)/%_scsi_emul.c: $(VMKAPI_ROOT)/sample-drivers/lib/scsi_emul.c FORCE
	$(call if_changed,copy)
