// SPDX-License-Identifier: GPL-2.0
/*
 * ne1000: the EEPROM (NVM on the 82574) through the EEPROM Read register.
 *
 * EERD does the serial protocol for the driver: write the word address
 * with START, poll for DONE, take the data from the upper half.  The two
 * parts place the address and DONE differently (ne1000_regs.h).  Words
 * 0x00-0x3F sum to 0xBABA when the image is valid; words 0-2 are the MAC
 * address, low byte first.  Attach context (may block).
 */
#include "ne1000.h"

#define NE1000_EERD_POLL_US	5
#define NE1000_EERD_POLLS	10000	/* 50 ms: slow serial EEPROMs */

VMK_ReturnStatus ne1000_eeprom_read(struct ne1000_adapter *adapter,
				    vmk_uint32 word, vmk_uint16 *data)
{
	vmk_uint32 shift, done, eerd, i;

	if (adapter->mac_type == ne1000_82574) {
		shift = NE1000_EERD_ADDR_SHIFT_82574;
		done = NE1000_EERD_DONE_82574;
	} else {
		shift = NE1000_EERD_ADDR_SHIFT_8254X;
		done = NE1000_EERD_DONE_8254X;
	}
	ne1000_wr32(adapter, NE1000_EERD, (word << shift) | NE1000_EERD_START);
	for (i = 0; i < NE1000_EERD_POLLS; i++) {
		eerd = ne1000_rd32(adapter, NE1000_EERD);
		if (eerd & done) {
			*data = (vmk_uint16)(eerd >> NE1000_EERD_DATA_SHIFT);
			return VMK_OK;
		}
		vmk_DelayUsecs(NE1000_EERD_POLL_US);
	}
	vmk_Warning(ne1000_log, "%s: EEPROM word 0x%x: EERD never done",
		    adapter->name.string, word);
	return VMK_TIMEOUT;
}

static VMK_ReturnStatus ne1000_eeprom_validate(struct ne1000_adapter *adapter)
{
	vmk_uint16 word, sum = 0;
	vmk_uint32 i;
	VMK_ReturnStatus status;

	for (i = 0; i < NE1000_EEPROM_CHECKSUM_WORDS; i++) {
		status = ne1000_eeprom_read(adapter, i, &word);
		if (status != VMK_OK)
			return status;
		sum += word;
	}
	if (sum != NE1000_EEPROM_CHECKSUM_SUM) {
		vmk_Warning(ne1000_log, "%s: EEPROM checksum 0x%04x, expected 0x%04x",
			    adapter->name.string, sum,
			    NE1000_EEPROM_CHECKSUM_SUM);
		return VMK_NOT_FOUND;
	}
	return VMK_OK;
}

/*
 * The permanent MAC address.  An image with a bad checksum, or an address
 * that is multicast or all zeros, is refused: the NIC would otherwise
 * come up with an address that cannot work on a LAN.
 */
VMK_ReturnStatus ne1000_eeprom_read_mac(struct ne1000_adapter *adapter)
{
	vmk_uint16 word;
	vmk_uint32 i;
	VMK_ReturnStatus status;

	status = ne1000_eeprom_validate(adapter);
	if (status != VMK_OK)
		return status;
	for (i = 0; i < 3; i++) {
		status = ne1000_eeprom_read(adapter, NE1000_EEPROM_MAC_WORD + i,
					    &word);
		if (status != VMK_OK)
			return status;
		adapter->mac_addr[2 * i] = word & 0xff;
		adapter->mac_addr[2 * i + 1] = word >> 8;
	}
	if ((adapter->mac_addr[0] & 1) ||
	    !(adapter->mac_addr[0] | adapter->mac_addr[1] |
	      adapter->mac_addr[2] | adapter->mac_addr[3] |
	      adapter->mac_addr[4] | adapter->mac_addr[5])) {
		vmk_Warning(ne1000_log, "%s: EEPROM holds no valid MAC address",
			    adapter->name.string);
		return VMK_NOT_FOUND;
	}
	return VMK_OK;
}
