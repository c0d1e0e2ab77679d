// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the C-library style helpers (vmkapi_libc.h), byte order
 * (vmkapi_bits.h), and the name-space declarations of vmkapi_module.h.
 *
 * The expectations are C's contracts, written out as literal values, so
 * a helper that drifted from them (an off-by-one in a truncation, a
 * missing pad byte, a wrong end pointer) fails here.
 */
#include <kunit/test.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vmkapi.h"

/*
 * Declared the way a native driver declares them, more than once per
 * file.  They only leave strings in .modinfo, which the kernel drops at
 * load; tests/check reads them back with modinfo(8) from the built module.
 */
VMK_NAMESPACE_REQUIRED(VMK_NAMESPACE_VMKAPI, VMK_NAMESPACE_CURRENT_VERSION);
VMK_NAMESPACE_REQUIRED(VMK_NAMESPACE_VMKAPI_INCOMPAT,
		       VMK_NAMESPACE_CURRENT_VERSION);
VMK_NAMESPACE_PROVIDES("com.example.libctest", "1.0");

static void vmk_libc_mem(struct kunit *test)
{
	u8 a[16], b[16];
	unsigned int i;

	KUNIT_EXPECT_PTR_EQ(test, vmk_Memset(a, 0xa5, sizeof(a)), (void *)a);
	for (i = 0; i < sizeof(a); i++)
		KUNIT_EXPECT_EQ(test, a[i], 0xa5);
	/* Only the low byte of the value is stored. */
	vmk_Memset(a, 0x1234, 4);
	KUNIT_EXPECT_EQ(test, a[3], 0x34);
	KUNIT_EXPECT_EQ(test, a[4], 0xa5);

	for (i = 0; i < sizeof(b); i++)
		b[i] = i;
	KUNIT_EXPECT_PTR_EQ(test, vmk_Memcpy(a, b, sizeof(a)), (void *)a);
	KUNIT_EXPECT_EQ(test, memcmp(a, b, sizeof(a)), 0);

	KUNIT_EXPECT_EQ(test, vmk_Memcmp(a, b, sizeof(a)), 0);
	KUNIT_EXPECT_EQ(test, vmk_Memcmp(a, b, 0), 0);
	a[5] = 0x80;
	/* Bytes compare unsigned: 0x80 is above 5, not below. */
	KUNIT_EXPECT_GT(test, vmk_Memcmp(a, b, sizeof(a)), 0);
	KUNIT_EXPECT_LT(test, vmk_Memcmp(b, a, sizeof(a)), 0);
	/* The difference lies past the compared length. */
	KUNIT_EXPECT_EQ(test, vmk_Memcmp(a, b, 5), 0);
}

static void vmk_libc_memmove_overlap(struct kunit *test)
{
	char buf[16];

	/* Destination above the source: must copy from the end. */
	strscpy(buf, "0123456789", sizeof(buf));
	KUNIT_EXPECT_PTR_EQ(test, vmk_Memmove(buf + 2, buf, 8),
			    (void *)(buf + 2));
	KUNIT_EXPECT_EQ(test, memcmp(buf, "0101234567", 10), 0);

	/* Destination below the source: must copy from the start. */
	strscpy(buf, "0123456789", sizeof(buf));
	vmk_Memmove(buf, buf + 3, 7);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "3456789789", 10), 0);

	/* Zero bytes touch nothing. */
	vmk_Memmove(buf, buf + 1, 0);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "3456789789", 10), 0);
}

static void vmk_libc_strnlen(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vmk_Strnlen("hello", 100), 5ULL);
	KUNIT_EXPECT_EQ(test, vmk_Strnlen("hello", 5), 5ULL);
	KUNIT_EXPECT_EQ(test, vmk_Strnlen("hello", 3), 3ULL);
	KUNIT_EXPECT_EQ(test, vmk_Strnlen("", 3), 0ULL);
	KUNIT_EXPECT_EQ(test, vmk_Strnlen("hello", 0), 0ULL);
}

static void vmk_libc_strcpy_strncpy(struct kunit *test)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strcpy(buf, "abc"), &buf[0]);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, buf[4], 'x');

	/* Shorter source: the rest of maxLen is zero-filled, no further. */
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strncpy(buf, "ab", 6), &buf[0]);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "ab\0\0\0\0xx", 8), 0);

	/* Source as long as maxLen: copied without a terminator. */
	memset(buf, 'x', sizeof(buf));
	vmk_Strncpy(buf, "abcdefgh", 4);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "abcdxxxx", 8), 0);
}

static void vmk_libc_strlcpy(struct kunit *test)
{
	char buf[8];

	/* Fits: copied whole, return is the source length. */
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, vmk_Strlcpy(buf, "abc", sizeof(buf)), 3ULL);
	KUNIT_EXPECT_STREQ(test, buf, "abc");

	/* Exactly size - 1 bytes: still no truncation. */
	KUNIT_EXPECT_EQ(test, vmk_Strlcpy(buf, "abcdefg", sizeof(buf)), 7ULL);
	KUNIT_EXPECT_STREQ(test, buf, "abcdefg");

	/* Too long: size - 1 bytes and a NUL; return >= size says so. */
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, vmk_Strlcpy(buf, "abcdefghijkl", 5), 12ULL);
	KUNIT_EXPECT_STREQ(test, buf, "abcd");
	KUNIT_EXPECT_EQ(test, buf[5], 'x');

	/* Size 1: just the terminator.  Size 0: nothing written at all. */
	KUNIT_EXPECT_EQ(test, vmk_Strlcpy(buf, "abc", 1), 3ULL);
	KUNIT_EXPECT_EQ(test, buf[0], '\0');
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, vmk_Strlcpy(buf, "abc", 0), 3ULL);
	KUNIT_EXPECT_EQ(test, buf[0], 'x');
	KUNIT_EXPECT_EQ(test, vmk_Strlcpy(NULL, "abc", 0), 3ULL);
}

static void vmk_libc_strcmp(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vmk_Strcmp("abc", "abc"), 0);
	KUNIT_EXPECT_LT(test, vmk_Strcmp("abc", "abd"), 0);
	KUNIT_EXPECT_GT(test, vmk_Strcmp("abd", "abc"), 0);
	/* A prefix sorts first; bytes compare unsigned. */
	KUNIT_EXPECT_LT(test, vmk_Strcmp("ab", "abc"), 0);
	KUNIT_EXPECT_GT(test, vmk_Strcmp("\x80", "a"), 0);

	KUNIT_EXPECT_EQ(test, vmk_Strncmp("abcX", "abcY", 3), 0);
	KUNIT_EXPECT_LT(test, vmk_Strncmp("abcX", "abcY", 4), 0);
	KUNIT_EXPECT_EQ(test, vmk_Strncmp("a", "b", 0), 0);
	/* Comparison stops at the NUL even when maxLen is larger. */
	KUNIT_EXPECT_EQ(test, vmk_Strncmp("ab\0x", "ab\0y", 4), 0);

	KUNIT_EXPECT_EQ(test, vmk_Strncasecmp("HeLLo", "hello", 5), 0);
	KUNIT_EXPECT_EQ(test, vmk_Strncasecmp("ABCx", "abcy", 3), 0);
	KUNIT_EXPECT_LT(test, vmk_Strncasecmp("ABC", "abd", 3), 0);
	KUNIT_EXPECT_GT(test, vmk_Strncasecmp("b", "A", 1), 0);
}

static void vmk_libc_strchr_strstr(struct kunit *test)
{
	static const char s[] = "a/b/c";

	KUNIT_EXPECT_PTR_EQ(test, vmk_Strchr(s, '/'), (char *)s + 1);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strrchr(s, '/'), (char *)s + 3);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strchr(s, 'z'), NULL);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strrchr(s, 'z'), NULL);
	/* The terminator is part of the string for both searches. */
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strchr(s, '\0'), (char *)s + 5);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strrchr(s, '\0'), (char *)s + 5);

	KUNIT_EXPECT_PTR_EQ(test, vmk_Strstr(s, "b/c"), (char *)s + 2);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strstr(s, "c/"), NULL);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strstr(s, ""), (char *)s);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strstr("", "a"), NULL);
}

static void vmk_libc_strtol(struct kunit *test)
{
	const char *s;
	char *end;

	s = "  -123xyz";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 10), -123L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s + 6);
	s = "+42";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 10), 42L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s + 3);

	/* Base 0 reads the base from the prefix. */
	KUNIT_EXPECT_EQ(test, vmk_Strtol("0x1f", NULL, 0), 31L);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("0X1F", NULL, 0), 31L);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("017", NULL, 0), 15L);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("17", NULL, 0), 17L);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("-0x10", NULL, 0), -16L);
	/* Octal stops at 8; base 16 takes an optional 0x. */
	s = "0789";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 0), 7L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s + 2);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("0xff", NULL, 16), 255L);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("ff", NULL, 16), 255L);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("1012", NULL, 2), 5L);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("zZ", NULL, 36), 35L * 36 + 35);
	/* In base 10 the x ends the number. */
	s = "0x10";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 10), 0L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s + 1);

	/* "0x" with no hex digit after it: the number is the 0. */
	s = "0xg";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 0), 0L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s + 1);

	/* No digits at all: 0, and the end is the start (not past blanks). */
	s = "  -abc";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 10), 0L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s);
	s = "";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 0), 0L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s);

	/* Invalid bases convert nothing. */
	s = "123";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 1), 0L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s);
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 37), 0L);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s);

	/* The extremes, and saturation beyond them, consuming all digits. */
	KUNIT_EXPECT_EQ(test, vmk_Strtol("9223372036854775807", NULL, 10),
			LONG_MAX);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("-9223372036854775808", NULL, 10),
			LONG_MIN);
	KUNIT_EXPECT_EQ(test, vmk_Strtol("9223372036854775808", NULL, 10),
			LONG_MAX);
	s = "-99999999999999999999999z";
	KUNIT_EXPECT_EQ(test, vmk_Strtol(s, &end, 10), LONG_MIN);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s + 24);
}

static void vmk_libc_strtoul(struct kunit *test)
{
	const char *s;
	char *end;

	KUNIT_EXPECT_EQ(test, vmk_Strtoul("4294967296", NULL, 10),
			4294967296UL);
	KUNIT_EXPECT_EQ(test, vmk_Strtoul("ffffffffffffffff", NULL, 16),
			ULONG_MAX);
	KUNIT_EXPECT_EQ(test, vmk_Strtoul("10000000000000000", NULL, 16),
			ULONG_MAX);
	/* A minus negates in unsigned arithmetic, as C's strtoul. */
	KUNIT_EXPECT_EQ(test, vmk_Strtoul("-1", NULL, 10), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, vmk_Strtoul("-2", NULL, 10), ULONG_MAX - 1);
	s = "\t0755 rest";
	KUNIT_EXPECT_EQ(test, vmk_Strtoul(s, &end, 0), 0755UL);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s + 5);
	s = "-";
	KUNIT_EXPECT_EQ(test, vmk_Strtoul(s, &end, 10), 0UL);
	KUNIT_EXPECT_PTR_EQ(test, end, (char *)s);
}

static int __printf(3, 4) vmk_libc_vsn(char *buf, vmk_ByteCount size,
					const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vmk_Vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

static int __printf(2, 3) vmk_libc_vs(char *buf, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vmk_Vsprintf(buf, fmt, ap);
	va_end(ap);
	return len;
}

static VMK_ReturnStatus vmk_libc_svf(char *str, vmk_ByteCount len,
				     vmk_ByteCount *out, const char *fmt, ...)
{
	VMK_ReturnStatus status;
	va_list ap;

	va_start(ap, fmt);
	status = vmk_StringVFormat(str, len, out, fmt, ap);
	va_end(ap);
	return status;
}

/* vmk_StringFormat: a status for truncation, the needed length apart. */
static void vmk_libc_string_format(struct kunit *test)
{
	vmk_ByteCount out = 99;
	char buf[16];

	KUNIT_EXPECT_EQ(test, vmk_StringFormat(buf, sizeof(buf), &out,
					       "%s-%u", "nvme", 7U), VMK_OK);
	KUNIT_EXPECT_STREQ(test, buf, "nvme-7");
	KUNIT_EXPECT_EQ(test, out, 6);
	KUNIT_EXPECT_EQ(test, vmk_StringFormat(buf, sizeof(buf), NULL, "%d",
					       42), VMK_OK);
	KUNIT_EXPECT_STREQ(test, buf, "42");

	/* Exactly full: 15 characters and the NUL fit in 16. */
	KUNIT_EXPECT_EQ(test, vmk_StringFormat(buf, sizeof(buf), &out, "%s",
					       "0123456789abcde"), VMK_OK);
	KUNIT_EXPECT_EQ(test, out, 15);
	/* One more: truncated, terminated, and the full length reported. */
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, vmk_StringFormat(buf, 8, &out, "%s",
					       "0123456789abcdef"),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_STREQ(test, buf, "0123456");
	KUNIT_EXPECT_EQ(test, buf[8], 'x');
	KUNIT_EXPECT_EQ(test, out, 16);
	KUNIT_EXPECT_EQ(test, vmk_libc_svf(buf, 4, &out, "%u:%u", 12U, 34U),
			VMK_LIMIT_EXCEEDED);
	KUNIT_EXPECT_STREQ(test, buf, "12:");
	KUNIT_EXPECT_EQ(test, out, 5);
	KUNIT_EXPECT_EQ(test, vmk_libc_svf(buf, sizeof(buf), &out, "%u:%u",
					   12U, 34U), VMK_OK);
	KUNIT_EXPECT_STREQ(test, buf, "12:34");

	/* Nowhere to put even the NUL, or nothing to format. */
	out = 99;
	KUNIT_EXPECT_EQ(test, vmk_StringFormat(buf, 0, &out, "%d", 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_StringFormat(NULL, 8, &out, "%d", 1),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, vmk_libc_svf(buf, sizeof(buf), &out, NULL),
			VMK_BAD_PARAM);
	KUNIT_EXPECT_EQ(test, out, 99);
}

static void vmk_libc_printf(struct kunit *test)
{
	char buf[32];

	KUNIT_EXPECT_EQ(test, vmk_Sprintf(buf, "%d-%s-%#x", -5, "ab", 255),
			10);
	KUNIT_EXPECT_STREQ(test, buf, "-5-ab-0xff");
	KUNIT_EXPECT_EQ(test, vmk_libc_vs(buf, "%05u|%-3s|", 42U, "x"), 10);
	KUNIT_EXPECT_STREQ(test, buf, "00042|x  |");

	/* Fits: the return is the length written. */
	KUNIT_EXPECT_EQ(test, vmk_Snprintf(buf, sizeof(buf), "%s", "hello"),
			5);
	KUNIT_EXPECT_STREQ(test, buf, "hello");

	/*
	 * Truncated: size - 1 bytes and a NUL; the return is the length the
	 * whole output needs, so it is >= size.
	 */
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, vmk_Snprintf(buf, 4, "%d", 1234567), 7);
	KUNIT_EXPECT_STREQ(test, buf, "123");
	KUNIT_EXPECT_EQ(test, buf[4], 'x');
	memset(buf, 'x', sizeof(buf));
	KUNIT_EXPECT_EQ(test, vmk_libc_vsn(buf, 6, "%s=%llu", "ab", 12345ULL),
			8);
	KUNIT_EXPECT_STREQ(test, buf, "ab=12");

	/* Size 0 only measures (a NULL buffer is allowed then). */
	buf[0] = 'x';
	KUNIT_EXPECT_EQ(test, vmk_Snprintf(buf, 0, "%s", "abc"), 3);
	KUNIT_EXPECT_EQ(test, buf[0], 'x');
	KUNIT_EXPECT_EQ(test, vmk_libc_vsn(NULL, 0, "%d", 100), 3);

	/* A size past INT_MAX is "unbounded", not a refusal. */
	KUNIT_EXPECT_EQ(test, vmk_Snprintf(buf, 1ULL << 40, "%s", "big"), 3);
	KUNIT_EXPECT_STREQ(test, buf, "big");
}

static int __scanf(2, 3) vmk_libc_vss(const char *in, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vmk_Vsscanf(in, fmt, ap);
	va_end(ap);
	return n;
}

static void vmk_libc_sscanf(struct kunit *test)
{
	char word[8] = "";
	unsigned int x = 0;
	int a = 0, b = 0;
	u64 big = 0;

	KUNIT_EXPECT_EQ(test, vmk_Sscanf("12 -7 ff name", "%d %d %x %7s", &a,
					 &b, &x, word), 4);
	KUNIT_EXPECT_EQ(test, a, 12);
	KUNIT_EXPECT_EQ(test, b, -7);
	KUNIT_EXPECT_EQ(test, x, 0xffU);
	KUNIT_EXPECT_STREQ(test, word, "name");

	/* Literal text must match; conversion stops at the mismatch. */
	a = b = 0;
	KUNIT_EXPECT_EQ(test, vmk_Sscanf("v=3,w=4", "v=%d,w=%d", &a, &b), 2);
	KUNIT_EXPECT_EQ(test, b, 4);
	a = b = 0;
	KUNIT_EXPECT_EQ(test, vmk_Sscanf("v=3;w=4", "v=%d,w=%d", &a, &b), 1);
	KUNIT_EXPECT_EQ(test, a, 3);
	KUNIT_EXPECT_EQ(test, b, 0);
	KUNIT_EXPECT_EQ(test, vmk_Sscanf("abc", "%d", &a), 0);

	/* The va_list form, with a width and a 64-bit conversion. */
	KUNIT_EXPECT_EQ(test, vmk_libc_vss("12345 18446744073709551615",
					   "%3d%d %llu", &a, &b, &big), 3);
	KUNIT_EXPECT_EQ(test, a, 123);
	KUNIT_EXPECT_EQ(test, b, 45);
	KUNIT_EXPECT_EQ(test, big, U64_MAX);
}

static void vmk_libc_rand(struct kunit *test)
{
	vmk_uint32 seed, first, v;
	unsigned int i, same = 0;

	/* The published start of the minimal standard sequence from 1. */
	KUNIT_EXPECT_EQ(test, vmk_Rand(1), 16807U);
	KUNIT_EXPECT_EQ(test, vmk_Rand(16807), 282475249U);
	KUNIT_EXPECT_EQ(test, vmk_Rand(282475249), 1622650073U);
	/* ...and Park and Miller's check: the 10000th value from 1. */
	v = 1;
	for (i = 0; i < 10000; i++)
		v = vmk_Rand(v);
	KUNIT_EXPECT_EQ(test, v, 1043618065U);

	/* A random seed replays: two walks from it agree step for step. */
	seed = vmk_GetRandSeed();
	first = seed;
	v = seed;
	for (i = 0; i < 100; i++) {
		seed = vmk_Rand(seed);
		v = vmk_Rand(v);
		KUNIT_EXPECT_EQ(test, seed, v);
		KUNIT_EXPECT_GE(test, seed, 1U);
		KUNIT_EXPECT_LE(test, seed, 0x7fffffffU);
	}

	/* Both ends of the seed range stay in range. */
	v = vmk_Rand(0x7fffffff);
	KUNIT_EXPECT_GE(test, v, 1U);
	KUNIT_EXPECT_LE(test, v, 0x7fffffffU);
	v = vmk_Rand(0x7ffffffe);
	KUNIT_EXPECT_GE(test, v, 1U);
	KUNIT_EXPECT_LE(test, v, 0x7fffffffU);

	/* Seeds are in range and not constant. */
	for (i = 0; i < 64; i++) {
		v = vmk_GetRandSeed();
		KUNIT_EXPECT_GE(test, v, 1U);
		KUNIT_EXPECT_LE(test, v, 0x7fffffffU);
		same += v == first;
	}
	KUNIT_EXPECT_LT(test, same, 64U);
}

static void vmk_libc_isprint(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, vmk_IsPrint(' '));
	KUNIT_EXPECT_TRUE(test, vmk_IsPrint('a'));
	KUNIT_EXPECT_TRUE(test, vmk_IsPrint('~'));
	KUNIT_EXPECT_FALSE(test, vmk_IsPrint(0x1f));
	KUNIT_EXPECT_FALSE(test, vmk_IsPrint('\n'));
	KUNIT_EXPECT_FALSE(test, vmk_IsPrint(0x7f));
	/* Not ASCII: not printable in the C locale. */
	KUNIT_EXPECT_FALSE(test, vmk_IsPrint(0xa0));
	KUNIT_EXPECT_FALSE(test, vmk_IsPrint(0x141));
	KUNIT_EXPECT_FALSE(test, vmk_IsPrint(-1));
}

static void vmk_libc_bits(struct kunit *test)
{
	vmk_uint16 v16 = vmk_CPUToBE16(0x1122);
	vmk_uint32 v32 = vmk_CPUToBE32(0x11223344);
	vmk_uint64 v64 = vmk_CPUToBE64(0x1122334455667788ULL);
	const u8 *p;

	/* Big endian: the most significant byte first in memory. */
	p = (const u8 *)&v16;
	KUNIT_EXPECT_EQ(test, p[0], 0x11);
	KUNIT_EXPECT_EQ(test, p[1], 0x22);
	p = (const u8 *)&v32;
	KUNIT_EXPECT_EQ(test, p[0], 0x11);
	KUNIT_EXPECT_EQ(test, p[3], 0x44);
	p = (const u8 *)&v64;
	KUNIT_EXPECT_EQ(test, p[0], 0x11);
	KUNIT_EXPECT_EQ(test, p[7], 0x88);

	KUNIT_EXPECT_EQ(test, vmk_BE16ToCPU(v16), 0x1122);
	KUNIT_EXPECT_EQ(test, vmk_BE32ToCPU(v32), 0x11223344U);
	KUNIT_EXPECT_EQ(test, vmk_BE64ToCPU(v64), 0x1122334455667788ULL);
	/* The same as Linux's own conversions. */
	KUNIT_EXPECT_EQ(test, v32, (__force u32)cpu_to_be32(0x11223344));
}

/*
 * Every helper is documented callable from any context: run the
 * non-trivial ones with interrupts off under a spinlock, where the debug
 * kernel reports any sleep or might_sleep().
 */
static void vmk_libc_atomic_context(struct kunit *test)
{
	static DEFINE_SPINLOCK(lock);
	unsigned long flags;
	char buf[16];
	int n = 0, len;
	long v;
	vmk_uint32 seed;

	spin_lock_irqsave(&lock, flags);
	len = vmk_Snprintf(buf, sizeof(buf), "%d", 77);
	vmk_Sscanf(buf, "%d", &n);
	v = vmk_Strtol("-12", NULL, 0);
	seed = vmk_Rand(vmk_GetRandSeed());
	vmk_Strlcpy(buf, "irq", sizeof(buf));
	spin_unlock_irqrestore(&lock, flags);

	KUNIT_EXPECT_EQ(test, len, 2);
	KUNIT_EXPECT_EQ(test, n, 77);
	KUNIT_EXPECT_EQ(test, v, -12L);
	KUNIT_EXPECT_GE(test, seed, 1U);
	KUNIT_EXPECT_STREQ(test, buf, "irq");
}

/* Driver bugs are logged and answered, never an oops. */
static void vmk_libc_bad_args(struct kunit *test)
{
	char buf[4] = "abc";
	char *end = buf;

	KUNIT_EXPECT_EQ(test, vmk_Strnlen(NULL, 4), 0ULL);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Strchr(NULL, 'a'), NULL);
	KUNIT_EXPECT_PTR_EQ(test, vmk_Memcpy(NULL, buf, 4), NULL);
	KUNIT_EXPECT_EQ(test, vmk_Strtol(NULL, &end, 10), 0L);
	KUNIT_EXPECT_PTR_EQ(test, end, NULL);
	KUNIT_EXPECT_LT(test, vmk_Strcmp(NULL, "a"), 0);
	KUNIT_EXPECT_GT(test, vmk_Memcmp(buf, NULL, 2), 0);
	KUNIT_EXPECT_EQ(test, vmk_Snprintf(NULL, 4, "%d", 1), 0);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
}

static struct kunit_case vmk_libc_cases[] = {
	KUNIT_CASE(vmk_libc_mem),
	KUNIT_CASE(vmk_libc_memmove_overlap),
	KUNIT_CASE(vmk_libc_strnlen),
	KUNIT_CASE(vmk_libc_strcpy_strncpy),
	KUNIT_CASE(vmk_libc_strlcpy),
	KUNIT_CASE(vmk_libc_strcmp),
	KUNIT_CASE(vmk_libc_strchr_strstr),
	KUNIT_CASE(vmk_libc_strtol),
	KUNIT_CASE(vmk_libc_strtoul),
	KUNIT_CASE(vmk_libc_printf),
	KUNIT_CASE(vmk_libc_string_format),
	KUNIT_CASE(vmk_libc_sscanf),
	KUNIT_CASE(vmk_libc_rand),
	KUNIT_CASE(vmk_libc_isprint),
	KUNIT_CASE(vmk_libc_bits),
	KUNIT_CASE(vmk_libc_atomic_context),
	KUNIT_CASE(vmk_libc_bad_args),
	{}
};

static struct kunit_suite vmk_libc_suite = {
	.name = "vmkapi_libc",
	.test_cases = vmk_libc_cases,
};
kunit_test_suite(vmk_libc_suite);

MODULE_DESCRIPTION("KUnit tests for the VMK API C-library helpers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(VMKAPI);
