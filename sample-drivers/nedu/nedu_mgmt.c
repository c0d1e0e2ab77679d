// SPDX-License-Identifier: GPL-2.0
/*
 * nedu's management callbacks (nedu_mgmt.h): its devices as instances of
 * one management handle, a factorial and the counters for a user tool,
 * and a kernel-to-user callback when a factorial is done.
 *
 * The core runs these in process context and may run several at once;
 * the device's operations are serialised by its op_sema, as the
 * char-dev ioctls are.  An instance's ID is its adapter: the core
 * guarantees the instance stays registered (so the adapter alive) while
 * a call to it runs, because unregistering waits for those calls.
 */
#include "nedu.h"
#include "nedu_mgmt.h"

static vmk_MgmtHandle nedu_mgmt_handle;

static struct nedu_adapter *nedu_mgmt_adapter(vmk_MgmtEnvelope *envelope)
{
	return (struct nedu_adapter *)(vmk_uintptr_t)envelope->instanceId;
}

VMK_ReturnStatus nedu_mgmt_cb_stats(vmk_MgmtCookies *cookies,
				 vmk_MgmtEnvelope *envelope,
				 struct nedu_mgmt_stats *stats)
{
	struct nedu_adapter *adapter = nedu_mgmt_adapter(envelope);

	if (!adapter) {
		stats->status = VMK_NOT_FOUND;
		return VMK_OK;
	}
	stats->status = VMK_OK;
	stats->intr_type = adapter->intr_type == VMK_PCI_INTERRUPT_TYPE_MSI;
	stats->interrupts = vmk_AtomicRead64(&adapter->interrupts);
	stats->factorials = vmk_AtomicRead64(&adapter->factorials);
	stats->dma_transfers = vmk_AtomicRead64(&adapter->dma_transfers);
	stats->timeouts = vmk_AtomicRead64(&adapter->timeouts);
	return VMK_OK;
}

VMK_ReturnStatus nedu_mgmt_cb_factorial(vmk_MgmtCookies *cookies,
				     vmk_MgmtEnvelope *envelope,
				     struct nedu_mgmt_factorial *req)
{
	struct nedu_adapter *adapter = nedu_mgmt_adapter(envelope);
	vmk_MgmtEnvelope to_all = {
		.instanceId = envelope->instanceId,
		.sessionId = VMK_MGMT_SESSION_ID_ALL,
	};
	VMK_ReturnStatus status;

	if (!adapter) {
		req->status = VMK_NOT_FOUND;
		return VMK_OK;
	}
	vmk_SemaLock(&adapter->op_sema);
	if (!adapter->started || adapter->gone)
		status = VMK_NOT_READY;
	else
		status = nedu_factorial(adapter, req->n, &req->result);
	vmk_SemaUnlock(&adapter->op_sema);
	req->status = status;
	if (status != VMK_OK)
		return VMK_OK;
	/* Every session hears of it; none listening is no error. */
	status = vmk_MgmtCallbackInvoke(nedu_mgmt_handle, &to_all,
					NEDU_MGMT_CB_FACTORIAL_DONE, req);
	if (status != VMK_OK && status != VMK_NOT_FOUND)
		vmk_Warning(nedu_log, "%s: factorial event not sent: %s",
			    adapter->name.string, vmk_StatusToString(status));
	return VMK_OK;
}

VMK_ReturnStatus nedu_mgmt_cb_reverse(vmk_MgmtCookies *cookies,
				   vmk_MgmtEnvelope *envelope,
				   vmk_MgmtVectorParm *bytes)
{
	vmk_uint8 *p = bytes->dataPtr;
	vmk_ByteCount i, n = bytes->length;
	vmk_uint8 c;

	if (n > NEDU_MGMT_REVERSE_MAX)
		n = NEDU_MGMT_REVERSE_MAX;
	bytes->length = n;
	for (i = 0; i < n / 2; i++) {
		c = p[i];
		p[i] = p[n - 1 - i];
		p[n - 1 - i] = c;
	}
	return VMK_OK;
}

VMK_ReturnStatus nedu_mgmt_init(void)
{
	vmk_MgmtProps props = {
		.modId = nedu_module,
		.heapId = nedu_heap,
		.sig = &nedu_mgmt_sig,
	};

	return vmk_MgmtInit(&props, &nedu_mgmt_handle);
}

/* At unload, after the devices went: nothing runs on the handle then. */
void nedu_mgmt_destroy(void)
{
	vmk_MgmtDestroy(nedu_mgmt_handle);
}

/* No callback override: the signature's functions find the adapter. */
VMK_ReturnStatus nedu_mgmt_add_device(struct nedu_adapter *adapter)
{
	return vmk_MgmtRegisterInstanceCallbacks(nedu_mgmt_handle,
						 (vmk_uint64)(vmk_uintptr_t)adapter,
						 nedu_module, nedu_heap,
						 &adapter->name, 0, NULL);
}

/* Waits for the calls to the device that are running. */
void nedu_mgmt_remove_device(struct nedu_adapter *adapter)
{
	vmk_MgmtUnregisterInstanceCallbacks(nedu_mgmt_handle,
					    (vmk_uint64)(vmk_uintptr_t)adapter);
}
