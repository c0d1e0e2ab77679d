/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SCSI adapter types (reference section 18): the constants drivers use to
 * decode CDBs and build sense data, the command and task management
 * structures, and vmk_ScsiAdapter with its callbacks.  Layouts and values
 * are those of 2.3; fields marked "not used here" exist for source
 * compatibility and are ignored (the 2.3 header already tells native
 * drivers not to use them).
 */
#ifndef _VMKAPI_SCSI_TYPES_H_
#define _VMKAPI_SCSI_TYPES_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#include "vmkapi_scsi_ext.h"

/* The device identifier of an adapter's logical child (section 13.1). */
#define VMK_SCSI_PSA_DRIVER_BUS_ID	"com.vmware.HBAPort"

#define VMK_SECTOR_SIZE			512

/* Operation codes (the subset drivers of this API decode). */
#define VMK_SCSI_CMD_TEST_UNIT_READY	0x00
#define VMK_SCSI_CMD_REQUEST_SENSE	0x03
#define VMK_SCSI_CMD_FORMAT_UNIT	0x04
#define VMK_SCSI_CMD_READ6		0x08
#define VMK_SCSI_CMD_WRITE6		0x0a
#define VMK_SCSI_CMD_INQUIRY		0x12
#define VMK_SCSI_CMD_MODE_SELECT	0x15
#define VMK_SCSI_CMD_RESERVE_UNIT	0x16
#define VMK_SCSI_CMD_RELEASE_UNIT	0x17
#define VMK_SCSI_CMD_MODE_SENSE		0x1a
#define VMK_SCSI_CMD_START_UNIT		0x1b
#define VMK_SCSI_CMD_SEND_DIAGNOSTIC	0x1d
#define VMK_SCSI_CMD_MEDIUM_REMOVAL	0x1e
#define VMK_SCSI_CMD_READ_CAPACITY	0x25
#define VMK_SCSI_CMD_READ10		0x28
#define VMK_SCSI_CMD_WRITE10		0x2a
#define VMK_SCSI_CMD_WRITE_VERIFY	0x2e
#define VMK_SCSI_CMD_VERIFY		0x2f
#define VMK_SCSI_CMD_SYNC_CACHE		0x35
#define VMK_SCSI_CMD_WRITE_BUFFER	0x3b
#define VMK_SCSI_CMD_READ_BUFFER	0x3c
#define VMK_SCSI_CMD_WRITE_SAME		0x41
#define VMK_SCSI_CMD_UNMAP		0x42
#define VMK_SCSI_CMD_LOG_SENSE		0x4d
#define VMK_SCSI_CMD_MODE_SELECT10	0x55
#define VMK_SCSI_CMD_MODE_SENSE10	0x5a
#define VMK_SCSI_CMD_PERSISTENT_RESERVE_IN	0x5e
#define VMK_SCSI_CMD_PERSISTENT_RESERVE_OUT	0x5f
#define VMK_SCSI_CMD_READ16		0x88
#define VMK_SCSI_CMD_WRITE16		0x8a
#define VMK_SCSI_CMD_WRITE_SAME16	0x93
#define VMK_SCSI_CMD_SERVICE_ACTION_IN	0x9e
#define VMK_SCSI_CMD_REPORT_LUNS	0xa0
#define VMK_SCSI_CMD_MAINTENANCE_IN	0xa3
#define VMK_SCSI_CMD_READ12		0xa8
#define VMK_SCSI_CMD_WRITE12		0xaa

/* SERVICE ACTION IN service actions. */
#define VMK_SCSI_SAI_READ_CAPACITY16	0x10

/* Sense keys. */
#define VMK_SCSI_SENSE_KEY_NONE			0x0
#define VMK_SCSI_SENSE_KEY_RECOVERED_ERROR	0x1
#define VMK_SCSI_SENSE_KEY_NOT_READY		0x2
#define VMK_SCSI_SENSE_KEY_MEDIUM_ERROR		0x3
#define VMK_SCSI_SENSE_KEY_HARDWARE_ERROR	0x4
#define VMK_SCSI_SENSE_KEY_ILLEGAL_REQUEST	0x5
#define VMK_SCSI_SENSE_KEY_UNIT_ATTENTION	0x6
#define VMK_SCSI_SENSE_KEY_DATA_PROTECT		0x7
#define VMK_SCSI_SENSE_KEY_BLANK_CHECK		0x8
#define VMK_SCSI_SENSE_KEY_COPY_ABORTED		0xa
#define VMK_SCSI_SENSE_KEY_ABORTED_CMD		0xb
#define VMK_SCSI_SENSE_KEY_EQUAL		0xc
#define VMK_SCSI_SENSE_KEY_VOLUME_OVERFLOW	0xd
#define VMK_SCSI_SENSE_KEY_MISCOMPARE		0xe

/* Additional sense codes (and qualifiers) drivers commonly report. */
#define VMK_SCSI_ASC_LU_NOT_READY			0x04
#define VMK_SCSI_ASC_LU_NOT_READY_ASCQ_CAUSE_NOT_REPORTABLE	0x00
#define VMK_SCSI_ASC_LU_NOT_READY_ASCQ_UNIT_BECOMING_READY	0x01
#define VMK_SCSI_ASC_WRITE_ERROR			0x0c
#define VMK_SCSI_ASC_PARAM_LIST_LENGTH_ERROR		0x1a
#define VMK_SCSI_ASC_INVALID_COMMAND_OPERATION		0x20
#define VMK_SCSI_ASC_INVALID_FIELD_IN_CDB		0x24
#define VMK_SCSI_ASC_LU_NOT_SUPPORTED			0x25
#define VMK_SCSI_ASC_INVALID_FIELD_IN_PARAMETER_LIST	0x26
#define VMK_SCSI_ASC_WRITE_PROTECTED			0x27
#define VMK_SCSI_ASC_POWER_ON_OR_RESET			0x29
#define VMK_SCSI_ASC_PARAMS_CHANGED			0x2a
#define VMK_SCSI_ASC_PARAMS_CHANGED_ASCQ_RESERVATIONS_RELEASED	0x04
#define VMK_SCSI_ASC_COMMANDS_CLEARED			0x2F
#define VMK_SCSI_ASC_MEDIUM_NOT_PRESENT			0x3a
#define VMK_SCSI_ASC_INTERNAL_TARGET_FAILURE		0x44

/* Fixed-format sense data (SPC-3 4.5.3), 64 bytes. */
typedef struct vmk_ScsiSenseData {
	vmk_uint8 error:7,
#define VMK_SCSI_SENSE_ERROR_CURCMD	0x70
#define VMK_SCSI_SENSE_ERROR_PREVCMD	0x71
		  valid:1;
	vmk_uint8 segment;
	vmk_uint8 key:4,
		  :1,
		  ili:1,
		  eom:1,
		  filmrk:1;
	vmk_uint8 info[4];
	vmk_uint8 optLen;
	vmk_uint8 cmdInfo[4];
	vmk_uint8 asc;
	vmk_uint8 ascq;
	vmk_uint8 fru;
	vmk_uint8 bitpos:3,
		  bpv:1,
		  :2,
		  cd:1,
		  sksv:1;
	vmk_uint16 epos;
	vmk_uint8 additional[46];
} __attribute__((__packed__)) vmk_ScsiSenseData;

/* Identifies a command: who issued it and its serial number. */
typedef struct vmk_ScsiCommandId {
	void *initiator;
	vmk_uint64 serialNumber;
} vmk_ScsiCommandId;

struct vmk_ScsiCommand;
typedef void (*vmk_ScsiCommandDoneCbk)(struct vmk_ScsiCommand *cmd);

/* vmk_ScsiCommand.flags (hints; a driver may ignore them). */
typedef enum {
	VMK_SCSI_COMMAND_FLAGS_ISSUE_WITH_HEAD_OF_Q_TAG = 0x00020000,
	VMK_SCSI_COMMAND_FLAGS_ISSUE_WITH_ORDERED_TAG = 0x00010000,
	VMK_SCSI_COMMAND_FLAGS_RESERVATION_SENSITIVE = 0x00008000,
	VMK_SCSI_COMMAND_FLAGS_PROBE_FOR_SUPPORT = 0x00002000,
	VMK_SCSI_COMMAND_FLAGS_USE_PRIORITY_QUEUE = 0x00001000,
	VMK_SCSI_COMMAND_FLAGS_NO_CONNECT_IF_APD = 0x00000800,
	VMK_SCSI_COMMAND_FLAGS_VM_CLUSTER = 0x00000400,
	VMK_SCSI_COMMAND_FLAGS_SWAP_IO = 0x00000200,
} vmk_ScsiCommandFlags;

/*
 * One SCSI command, handed to the adapter's command callback.  The core
 * fills everything above status; the driver writes status and
 * bytesXferred, sets sense through vmk_ScsiCmdSetSenseData, and calls
 * done(cmd) exactly once.  sgArray holds machine addresses, sgIOArray the
 * same memory mapped with the adapter's DMA engine (I/O addresses).
 */
typedef struct vmk_ScsiCommand {
	vmk_ScsiCommandDoneCbk done;
	void *doneData;
	vmk_SgArray *sgArray;
	vmk_ScsiCommandDirection dataDirection;
	vmk_uint32 flags;
	vmk_Bool isReadCdb;
	vmk_Bool isWriteCdb;
	vmk_uint8 reserved1[2];
	/* READ/WRITE: the whole buffer; otherwise 0 (short data is fine). */
	vmk_ByteCountSmall requiredDataLen;
	vmk_uint32 worldId;
	/* Valid when isReadCdb or isWriteCdb. */
	vmk_uint32 lbc;
	vmk_uint64 lba;
	/* Milliseconds since boot after which the command is aborted; 0: never. */
	vmk_uint64 absTimeoutMs;
	vmk_ScsiCommandId cmdId;
	vmk_uint8 cdb[VMK_SCSI_MAX_CDB_LEN];
	vmk_ByteCountSmall cdbLen;
	vmk_ScsiCmdStatus status;
	vmk_ByteCountSmall bytesXferred;
	/* Not used here. */
	vmk_WorldletID worldletId;
	vmk_SgArray *sgIOArray;
	/* Use vmk_ScsiCmd{Get,Set,Clear}SenseData rather than this field. */
	vmk_ScsiSenseData senseData;
	vmk_VA reserved2[2];
} vmk_ScsiCommand;

typedef enum {
	VMK_SCSI_TASKMGMT_ACTION_IGNORE = 0,
	VMK_SCSI_TASKMGMT_ACTION_ABORT = 1,
} vmk_ScsiTaskMgmtAction;

/* cmdId.initiator of a virtual reset matching every initiator. */
#define VMK_SCSI_TASKMGMT_ANY_INITIATOR	((void *)0xA11)

/*
 * A task management request, built with vmk_ScsiInitTaskMgmt and matched
 * against commands with vmk_ScsiQueryTaskMgmt; commands it aborts are
 * completed with its status.
 */
typedef struct vmk_ScsiTaskMgmt {
	vmk_uint32 magic;
	vmk_ScsiTaskMgmtType type;
	vmk_ScsiCmdStatus status;
	vmk_ScsiCommandId cmdId;
	vmk_uint32 worldId;
} vmk_ScsiTaskMgmt;

/* hostMaxSectors: no limit from the adapter. */
#define VMK_SCSI_HOST_MAX_SECTORS_IGNORE	0xFFFF

typedef enum vmk_ScanAction {
	VMK_SCSI_SCAN_CREATE_PATH,
	VMK_SCSI_SCAN_CONFIGURE_PATH,
	VMK_SCSI_SCAN_DESTROY_PATH,
} vmk_ScanAction;

typedef enum vmk_ScsiAdapterFlags {
	VMK_SCSI_ADAPTER_FLAG_BLOCK = 0x00000001,
	VMK_SCSI_ADAPTER_FLAG_NPIV_VPORT = 0x00000002,
	/* Registration does not scan (the driver calls vmk_ScsiScanPaths). */
	VMK_SCSI_ADAPTER_FLAG_REGISTER_WITHOUT_SCAN = 0x00000004,
	VMK_SCSI_ADAPTER_FLAG_NO_PERIODIC_SCAN = 0x00000008,
	VMK_SCSI_ADAPTER_FLAG_NO_ADAPTER_RESCAN = 0x00000010,
	VMK_SCSI_ADAPTER_FLAG_NPIV_LEGACY_VPORT = 0x00000020,
} vmk_ScsiAdapterFlags;

typedef vmk_uint32 vmk_ScsiAdapterCapabilitiesMask;

typedef enum vmk_ScsiAdapterCapabilities {
	VMK_SCSI_ADAPTER_CAP_SECONDLEVEL_ADDRESSING = (1 << 0),
	VMK_SCSI_ADAPTER_CAP_DATA_INTEGRITY = (1 << 1),
	VMK_SCSI_ADAPTER_CAP_DRIVER_COMPL_WORLDS = (1 << 2),
	VMK_SCSI_ADAPTER_CAP_MAX = (1 << 3),
} vmk_ScsiAdapterCapabilities;

#define VMK_SCSI_ADAPTER_CAP_ALL_VALID	(VMK_SCSI_ADAPTER_CAP_MAX - 1)

/* Storage transports (mgmtAdapter.transport). */
typedef enum vmk_StorageTransport {
	VMK_STORAGE_ADAPTER_TRANSPORT_UNKNOWN = 0x00,
	VMK_STORAGE_ADAPTER_BLOCK = 0x01,
	VMK_STORAGE_ADAPTER_FC = 0x02,
	VMK_STORAGE_ADAPTER_ISCSI_RESERVED = 0x03,
	VMK_STORAGE_ADAPTER_IDE = 0x04,
	VMK_STORAGE_ADAPTER_ISCSI_VENDOR_SUPPLIED_IMA = 0x05,
	VMK_STORAGE_ADAPTER_SAS = 0x06,
	VMK_STORAGE_ADAPTER_SATA = 0x07,
	VMK_STORAGE_ADAPTER_USB = 0x08,
	VMK_STORAGE_ADAPTER_PSCSI = 0x09,
	VMK_STORAGE_ADAPTER_XSAN = 0x0a,
	VMK_STORAGE_ADAPTER_FCOE = 0x0b,
	VMK_STORAGE_ADAPTER_TRANSPORT_LAST = 0x0c
} vmk_StorageTransport;

/* Transport-specific management hooks: opaque, not used here. */
typedef struct vmk_BlockAdapter vmk_BlockAdapter;
typedef struct vmk_FcAdapter vmk_FcAdapter;
typedef struct vmk_IscsiAdapter vmk_IscsiAdapter;
typedef struct vmk_SasAdapter vmk_SasAdapter;
typedef struct vmk_XsanAdapter vmk_XsanAdapter;
typedef struct vmk_FcoeAdapter vmk_FcoeAdapter;

typedef struct vmk_SCSITransportMgmt {
	vmk_StorageTransport transport;
	vmk_uint8 reserved[4];
	void *transportData;
	union {
		vmk_BlockAdapter *block;
		vmk_FcAdapter *fc;
		vmk_IscsiAdapter *iscsi;
		vmk_SasAdapter *sas;
		vmk_XsanAdapter *xsan;
		vmk_FcoeAdapter *fcoe;
	} t;
} vmk_SCSITransportMgmt;

/*
 * Adapter callbacks.  clientData is vmk_ScsiAdapter.clientData;
 * deviceData what discover's CREATE_PATH returned for the LUN.
 *
 * command: queue one command.  Must not block (it runs from the block
 * layer's dispatch, which may not sleep).  VMK_OK: queued, or it will be
 * completed with an error; VMK_WOULD_BLOCK: queue full or quiesced, the
 * core retries later; VMK_NO_MEMORY: likewise.  Any other status fails
 * the command with VMK_SCSI_HOST_ERROR.
 */
typedef VMK_ReturnStatus (*vmk_ScsiAdapterCommand)(void *clientData,
						   struct vmk_ScsiCommand *cmd,
						   void *deviceData);
/*
 * taskMgmt: abort or reset.  May block (it runs in the SCSI error
 * handler's thread).  Commands it aborts are completed by the driver
 * (done) with the request's status; VMK_OK or an error.
 */
typedef VMK_ReturnStatus (*vmk_ScsiAdapterTaskMgmt)(void *clientData,
						    struct vmk_ScsiTaskMgmt *taskMgmt,
						    void *deviceData);
/* Core dump path: not used here (Linux has no such dump device path). */
typedef VMK_ReturnStatus (*vmk_ScsiAdapterDumpCommand)(void *clientData,
						       vmk_ScsiCommand *cmd,
						       void *deviceData);
typedef void (*vmk_ScsiAdapterDumpQueue)(void *clientData);
typedef void (*vmk_ScsiAdapterDumpPollHandler)(void *clientData);
/*
 * discover: create, configure or destroy the path to channel:target:lun.
 * May block.  CREATE_PATH: VMK_OK (or VMK_EXISTS) with *deviceData set,
 * VMK_NO_CONNECT when there is no such LUN, VMK_NO_MEMORY.
 * CONFIGURE_PATH: VMK_OK, VMK_FAILURE or VMK_NOT_FOUND.  DESTROY_PATH:
 * VMK_OK (the driver forgets *deviceData).
 */
typedef VMK_ReturnStatus (*vmk_ScsiAdapterDiscover)(void *clientData,
						    vmk_ScanAction action,
						    int channel, int targetId,
						    int lunId,
						    void **deviceData);
/* Try a LUN's queue depth; returns the depth in effect (0: no such path). */
typedef int (*vmk_ScsiAdapterModifyDeviceQueueDepth)(void *clientData,
						     int qDepth,
						     void *deviceData);
/* A LUN's queue depth (0: no such path).  Must not block. */
typedef int (*vmk_ScsiAdapterQueryDeviceQueueDepth)(void *clientData,
						    void *deviceData);
/* Optional: VMK_FAILURE if there is no such target (no LUN is probed). */
typedef VMK_ReturnStatus (*vmk_ScsiAdapterCheckTarget)(void *clientData,
						       int channel,
						       int targetId);
/* Optional: I/O allowed (VMK_TRUE) or not.  Must not block. */
typedef void (*vmk_ScsiAdapterNotifyIOAllowed)(vmk_Device logicalDevice,
					       vmk_Bool ioAllowed);

/*
 * A SCSI adapter, from vmk_ScsiAllocateAdapter and filled by the driver
 * before it is registered.  Required: device, qDepthPtr (> 0), command,
 * taskMgmt, discover, queryDeviceQueueDepth, channels, maxTargets,
 * maxLUNs (all > 0), moduleID, engine.  The core sets hostNum and name.
 */
typedef struct vmk_ScsiAdapter {
	/* Not used here: the constraints come with engine. */
	vmk_DMAConstraints constraints;
	vmk_Device device;
	/* Most 512-byte blocks per command; VMK_SCSI_HOST_MAX_SECTORS_IGNORE. */
	int hostMaxSectors;
	/* The adapter's total queue depth (read at registration). */
	vmk_uint32 *qDepthPtr;
	vmk_ScsiAdapterCommand command;
	vmk_ScsiAdapterTaskMgmt taskMgmt;
	vmk_ScsiAdapterDumpCommand dumpCommand;
	/* Not used here. */
	void (*close)(void *clientData);
	/* Not used here. */
	VMK_ReturnStatus (*procInfo)(void *clientData, char *buf,
				     vmk_ByteCountSmall offset,
				     vmk_ByteCountSmall count,
				     vmk_ByteCountSmall *nbytes, int isWrite);
	vmk_ScsiAdapterDumpQueue dumpQueue;
	vmk_ScsiAdapterDumpPollHandler dumpPollHandler;
	void *dumpPollHandlerData;
	/* Not used here. */
	VMK_ReturnStatus (*ioctl)(void *clientData, void *deviceData,
				  vmk_uint32 fileFlags, vmk_uint32 cmd,
				  vmk_VA userArgsPtr,
				  vmk_IoctlCallerSize callerSize,
				  vmk_int32 *drvErr);
	vmk_ScsiAdapterDiscover discover;
	/* Not used here. */
	VMK_ReturnStatus (*vportop)(void *clientData, vmk_uint32 cmd,
				    void *arg);
	/* Not used here. */
	VMK_ReturnStatus (*vportDiscover)(void *clientData,
					  vmk_ScanAction action, int ctlr,
					  int devNum, int lun,
					  struct vmk_ScsiAdapter **vmkAdapter,
					  void **deviceData);
	vmk_ScsiAdapterModifyDeviceQueueDepth modifyDeviceQueueDepth;
	vmk_ScsiAdapterQueryDeviceQueueDepth queryDeviceQueueDepth;
	vmk_ScsiAdapterCheckTarget checkTarget;
	/* The adapter's own target ID, or -1. */
	int targetId;
	/* VMK_SCSI_ADAPTER_FLAG_*. */
	vmk_uint32 flags;
	int reserved;
	vmk_ModuleID moduleID;
	void *clientData;
	int channels;
	int maxTargets;
	int maxLUNs;
	vmk_uint16 hostNum;
	vmk_Bool paeCapable;
	/* Longest CDB accepted (0: 16). */
	vmk_uint8 maxCmdLen;
	vmk_Name name;
	vmk_Name driverName;
	/* Not used here. */
	vmk_Name procName;
	vmk_SCSITransportMgmt mgmtAdapter;
	vmk_ScsiAdapterNotifyIOAllowed notifyIOAllowed;
	/* The DMA engine the core maps every command's data with. */
	vmk_DMAEngine engine;
} vmk_ScsiAdapter;

/* Wildcards of the path calls. */
#define VMK_SCSI_PATH_ANY_ADAPTER	"*"
#define VMK_SCSI_PATH_ANY_CHANNEL	(~0)
#define VMK_SCSI_PATH_ANY_TARGET	(~0)
#define VMK_SCSI_PATH_ANY_LUN		(~0)

#endif /* _VMKAPI_SCSI_TYPES_H_ */
