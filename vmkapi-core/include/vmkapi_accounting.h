/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Service accounting (core/vmkapi_accounting.h in 2.3): drivers look up
 * the ID of a well-known service and hand it to calls that charge CPU
 * time to it (vmk_NetPollCreate).  Accounting itself is not emulated:
 * the ID only has to be valid.
 */
#ifndef _VMKAPI_ACCOUNTING_H_
#define _VMKAPI_ACCOUNTING_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#define VMK_SERVICE_ACCT_NAME_KERNEL	"kernel"
#define VMK_SERVICE_ACCT_NAME_SCSI	"scsi"
#define VMK_SERVICE_ACCT_NAME_NET	"net"

#ifndef VMK_SERVICE_ACCT_ID_DEFINED
#define VMK_SERVICE_ACCT_ID_DEFINED
typedef vmk_uint64 vmk_ServiceAcctID;
#endif

/*
 * vmk_ServiceGetID - the ID of the service called @name (one of the
 * VMK_SERVICE_ACCT_NAME_* strings).
 * Context: any; never blocks.
 * Returns VMK_OK; VMK_BAD_PARAM for NULL arguments; VMK_INVALID_NAME
 * for a name that is not a well-known service.
 */
VMK_ReturnStatus vmk_ServiceGetID(const char *name,
				  vmk_ServiceAcctID *serviceID);

#endif /* _VMKAPI_ACCOUNTING_H_ */
