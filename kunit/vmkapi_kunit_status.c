// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: status codes.  The numeric values are ABI, so they are checked
 * against the reference's anchors, not against the table they come from.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/string.h>

#include "vmkapi.h"

static void vmk_status_anchor_values(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, VMK_OK, 0);
	KUNIT_EXPECT_EQ(test, VMK_FAILURE, 0x0bad0001);
	KUNIT_EXPECT_EQ(test, VMK_WOULD_BLOCK, 0x0bad0002);
	KUNIT_EXPECT_EQ(test, VMK_BAD_PARAM, 0x0bad0007);
	KUNIT_EXPECT_EQ(test, VMK_NO_MEMORY, 0x0bad0014);
	KUNIT_EXPECT_EQ(test, VMK_NOT_SUPPORTED, 0x0bad0020);
	KUNIT_EXPECT_EQ(test, VMK_VERSION_MISMATCH_MINOR, 0x0bad002b);
	KUNIT_EXPECT_EQ(test, VMK_VERSION_MISMATCH_MAJOR, 0x0bad002c);
	KUNIT_EXPECT_EQ(test, VMK_DEATH_PENDING, 0x0bad0069);
	KUNIT_EXPECT_EQ(test, VMK_RANK_VIOLATION, 0x0bad00a9);
	KUNIT_EXPECT_EQ(test, VMK_EALREADY, 0x0bad00da);
	KUNIT_EXPECT_EQ(test, VMK_BUF_TOO_SMALL, 0x0bad00db);
	KUNIT_EXPECT_EQ(test, VMK_NO_MODULE_HEAP, 0x0bad0120);
	KUNIT_EXPECT_EQ(test, VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO,
			0x0bad0145);
	KUNIT_EXPECT_EQ(test, VMK_NOT_THIS_DEVICE, 0x0bad014a);
	KUNIT_EXPECT_EQ(test, VMK_IGNORE, 0x0bad014b);
	KUNIT_EXPECT_EQ(test, VMK_OBJECT_DESTROYED, 0x0bad014c);
	KUNIT_EXPECT_EQ(test, VMK_GENERIC_LINUX_ERROR, 0x2bad0000);
	/* 341 sequential codes (VMK_OK included) plus the pinned one. */
	KUNIT_EXPECT_EQ(test, VMK_STATUS_COUNT, 341);
}

static void vmk_status_strings(struct kunit *test)
{
	const char *unknown = vmk_StatusToString((VMK_ReturnStatus)0x12345);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, unknown);
	/* Every code in the table has its own description... */
	KUNIT_EXPECT_STRNEQ(test, vmk_StatusToString(VMK_OK), unknown);
	KUNIT_EXPECT_STRNEQ(test, vmk_StatusToString(VMK_GENERIC_LINUX_ERROR),
			    unknown);
	for (i = 1; i < VMK_STATUS_COUNT; i++) {
		const char *s = vmk_StatusToString(VMK_STATUS_BASE + i);

		KUNIT_ASSERT_NOT_NULL(test, s);
		KUNIT_EXPECT_GT(test, strlen(s), 0);
		KUNIT_EXPECT_STRNEQ(test, s, unknown);
	}
	/* ...and values just outside it do not. */
	KUNIT_EXPECT_STREQ(test, vmk_StatusToString(VMK_STATUS_BASE), unknown);
	KUNIT_EXPECT_STREQ(test,
			   vmk_StatusToString(VMK_STATUS_BASE + VMK_STATUS_COUNT),
			   unknown);
	KUNIT_EXPECT_STREQ(test, vmk_StatusToString((VMK_ReturnStatus)-1),
			   unknown);
	KUNIT_EXPECT_STRNEQ(test, vmk_StatusToString(VMK_BAD_PARAM),
			    vmk_StatusToString(VMK_NO_MEMORY));
}

static void vmk_status_errno_pairing(struct kunit *test)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_OK), 0);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_FAILURE), EINVAL);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_WOULD_BLOCK), EAGAIN);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_NOT_FOUND), ENOENT);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_BUSY), EBUSY);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_EXISTS), EEXIST);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_LIMIT_EXCEEDED), EFBIG);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_NO_MEMORY), ENOMEM);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_TIMEOUT), ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_NOT_SUPPORTED), ENOSYS);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_DEATH_PENDING), ENOENT);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_RANK_VIOLATION), EDEADLK);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_NO_PERMISSION), EPERM);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_ABORTED), ECANCELED);
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno(VMK_EOPNOTSUPP), EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test,
		vmk_StatusToErrno(VMK_MODULE_CONSUMED_RESOURCE_COUNT_NOT_ZERO),
		EBUSY);
	/* Unknown values map to a usable errno, never 0 (success). */
	KUNIT_EXPECT_EQ(test, vmk_StatusToErrno((VMK_ReturnStatus)0x12345),
			EINVAL);
	/* Every failure code is a failure for Linux callers too. */
	for (i = 1; i < VMK_STATUS_COUNT; i++) {
		int err = vmk_StatusToErrno(VMK_STATUS_BASE + i);

		KUNIT_EXPECT_GT(test, err, 0);
		KUNIT_EXPECT_LT(test, err, MAX_ERRNO);
	}
}

static struct kunit_case vmk_status_cases[] = {
	KUNIT_CASE(vmk_status_anchor_values),
	KUNIT_CASE(vmk_status_strings),
	KUNIT_CASE(vmk_status_errno_pairing),
	{}
};

static struct kunit_suite vmk_status_suite = {
	.name = "vmkapi_status",
	.test_cases = vmk_status_cases,
};
kunit_test_suite(vmk_status_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API status codes");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
