// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: vmk_Name helpers, revision macros, common types and the address
 * helpers of reference section 2.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/string.h>

#include "vmkapi.h"

#define LONGEST_NAME	"0123456789abcdef0123456789abcde"	/* 31 */
#define TOO_LONG_NAME	LONGEST_NAME "X"			/* 32 */

static void vmk_name_initialize(struct kunit *test)
{
	vmk_Name name;

	KUNIT_EXPECT_EQ(test, vmk_NameInitialize(&name, "nvme0"), VMK_OK);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&name), "nvme0");
	KUNIT_EXPECT_EQ(test, vmk_NameInitialize(&name, ""), VMK_OK);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&name), "");
	KUNIT_EXPECT_EQ(test, vmk_NameInitialize(&name, LONGEST_NAME), VMK_OK);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&name), LONGEST_NAME);
}

static void vmk_name_too_long_is_truncated_and_terminated(struct kunit *test)
{
	vmk_Name name;

	memset(&name, 'Z', sizeof(name));
	KUNIT_EXPECT_EQ(test, vmk_NameInitialize(&name, TOO_LONG_NAME),
			VMK_NAME_TOO_LONG);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&name), LONGEST_NAME);

	memset(&name, 'Z', sizeof(name));
	KUNIT_EXPECT_EQ(test, vmk_NameFormat(&name, "%s-%d", LONGEST_NAME, 7),
			VMK_NAME_TOO_LONG);
	KUNIT_EXPECT_EQ(test, strnlen(name.string, sizeof(name.string)),
			VMK_MISC_NAME_MAX - 1);
}

static void vmk_name_bad_params(struct kunit *test)
{
	vmk_Name name;

	KUNIT_ASSERT_EQ(test, vmk_NameInitialize(&name, "keep"), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_NameInitialize(NULL, "x"), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_NameInitialize(&name, NULL), VMK_BAD_PARAM);
	/* A rejected call leaves the name as it was. */
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&name), "keep");
	KUNIT_EXPECT_EQ(test, vmk_NameFormat(NULL, "x"), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_NameCopy(NULL, &name), VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_NameCopy(&name, NULL), VMK_BAD_PARAM);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(NULL), "(null)");
}

static void vmk_name_format(struct kunit *test)
{
	vmk_Name name;

	KUNIT_EXPECT_EQ(test, vmk_NameFormat(&name, "%s-%02d", "vmnic", 3),
			VMK_OK);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&name), "vmnic-03");
}

static void vmk_name_copy(struct kunit *test)
{
	vmk_Name src, dst;

	KUNIT_ASSERT_EQ(test, vmk_NameInitialize(&src, "uplink"), VMK_OK);
	KUNIT_EXPECT_EQ(test, vmk_NameCopy(&dst, &src), VMK_OK);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&dst), "uplink");
	KUNIT_EXPECT_EQ(test, vmk_NameCopy(&dst, &dst), VMK_OK);
	KUNIT_EXPECT_STREQ(test, vmk_NameToString(&dst), "uplink");

	/* A corrupted (unterminated) source still yields a safe copy. */
	memset(&src, 'a', sizeof(src));
	KUNIT_EXPECT_EQ(test, vmk_NameCopy(&dst, &src), VMK_NAME_TOO_LONG);
	KUNIT_EXPECT_EQ(test, strnlen(dst.string, sizeof(dst.string)),
			VMK_MISC_NAME_MAX - 1);
}

static void vmk_revision_macros(struct kunit *test)
{
	vmk_revnum rev = VMK_REVISION_FROM_NUMBERS(2, 3, 1, 4);

	KUNIT_EXPECT_EQ(test, rev, 0x02030104u);
	KUNIT_EXPECT_EQ(test, VMK_REVISION_MAJOR(rev), 2);
	KUNIT_EXPECT_EQ(test, VMK_REVISION_MINOR(rev), 3);
	KUNIT_EXPECT_EQ(test, VMK_REVISION_UPDATE(rev), 1);
	KUNIT_EXPECT_EQ(test, VMK_REVISION_PATCH_LEVEL(rev), 4);
	KUNIT_EXPECT_EQ(test, VMKAPI_REVISION,
			VMK_REVISION_FROM_NUMBERS(2, 3, 0, 0));
	KUNIT_EXPECT_STREQ(test, VMK_REVISION_STRING(VMKAPI), "2.3.0-0");
	/* Packing makes revisions comparable as integers. */
	KUNIT_EXPECT_LT(test, VMK_REVISION_FROM_NUMBERS(2, 3, 255, 255),
			VMK_REVISION_FROM_NUMBERS(2, 4, 0, 0));
}

static void vmk_types_and_address_helpers(struct kunit *test)
{
	vmk_AddrCookie cookie;

	KUNIT_EXPECT_EQ(test, sizeof(vmk_uint8), 1);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_uint16), 2);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_uint32), 4);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_uint64), 8);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_Bool), 1);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_ByteCount), 8);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_ByteCountSmall), 4);
	KUNIT_EXPECT_EQ(test, sizeof(vmk_AddrCookie), sizeof(void *));
	cookie.ptr = test;
	KUNIT_EXPECT_EQ(test, cookie.addr, (vmk_VA)test);

	KUNIT_EXPECT_EQ(test, vmk_Bytes2Pages(0), 0);
	/* The page the byte is in, as in 2.3: truncating, not rounding up. */
	KUNIT_EXPECT_EQ(test, vmk_Bytes2Pages(1), 0);
	KUNIT_EXPECT_EQ(test, vmk_Bytes2Pages(VMK_PAGE_SIZE - 1), 0);
	KUNIT_EXPECT_EQ(test, vmk_Bytes2Pages(VMK_PAGE_SIZE), 1);
	KUNIT_EXPECT_EQ(test, vmk_Bytes2Pages(VMK_PAGE_SIZE + 1), 1);
	KUNIT_EXPECT_EQ(test, vmk_MA2MPN(0x12345678ULL), 0x12345ULL);
	KUNIT_EXPECT_EQ(test, vmk_MPN2MA(0x12345ULL), 0x12345000ULL);
	KUNIT_EXPECT_EQ(test, vmk_MB2Bytes(3), 3ULL << 20);
	KUNIT_EXPECT_EQ(test, VMK_ADDRESS_MASK_32BIT, 0xffffffffULL);
	KUNIT_EXPECT_EQ(test, VMK_ADDRESS_MASK_39BIT, (1ULL << 39) - 1);
}

static struct kunit_case vmk_name_cases[] = {
	KUNIT_CASE(vmk_name_initialize),
	KUNIT_CASE(vmk_name_too_long_is_truncated_and_terminated),
	KUNIT_CASE(vmk_name_bad_params),
	KUNIT_CASE(vmk_name_format),
	KUNIT_CASE(vmk_name_copy),
	KUNIT_CASE(vmk_revision_macros),
	KUNIT_CASE(vmk_types_and_address_helpers),
	{}
};

static struct kunit_suite vmk_name_suite = {
	.name = "vmkapi_name_types",
	.test_cases = vmk_name_cases,
};
kunit_test_suite(vmk_name_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API names and common types");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
