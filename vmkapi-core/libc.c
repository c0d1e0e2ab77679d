// SPDX-License-Identifier: GPL-2.0
/*
 * C-library style helpers.
 *
 * Mostly the kernel's own string and format routines behind the 2.3
 * names.  What is written here instead is what the kernel lacks or does
 * differently: strtol/strtoul with C's end pointer, base detection and
 * saturation (the kernel's kstrto* reject trailing bytes and simple_strto*
 * do not saturate), strlcpy (being retired from the kernel), C-locale
 * isprint (the kernel's treats Latin-1 as printable) and vmk_Rand, whose
 * sequence must be reproducible from a seed.
 *
 * Everything is callable from any context, so nothing here blocks,
 * allocates or takes a lock.  A NULL where a buffer belongs is a driver
 * bug: it is logged (rate limited) and the call does nothing rather than
 * oops.
 */
#include "vmkapi_core.h"

#include <linux/limits.h>
#include <linux/random.h>
#include <linux/string.h>

vmk_ByteCount vmk_Strnlen(const char *src, vmk_ByteCount maxLen)
{
	if (unlikely(!src)) {
		vmk_core_bad_arg("NULL string");
		return 0;
	}
	return strnlen(src, maxLen);
}
VMKAPI_EXPORT(vmk_Strnlen);

char *vmk_Strcpy(char *dst, const char *src)
{
	if (unlikely(!dst || !src)) {
		vmk_core_bad_arg("NULL string");
		return dst;
	}
	return strcpy(dst, src);
}
VMKAPI_EXPORT(vmk_Strcpy);

char *vmk_Strncpy(char *dst, const char *src, vmk_ByteCount maxLen)
{
	if (unlikely((!dst || !src) && maxLen)) {
		vmk_core_bad_arg("NULL string");
		return dst;
	}
	/* The kernel's strncpy zero-pads as C requires. */
	return strncpy(dst, src, maxLen);
}
VMKAPI_EXPORT(vmk_Strncpy);

vmk_ByteCount vmk_Strlcpy(char *dst, const char *src, vmk_ByteCount size)
{
	vmk_ByteCount len, copy;

	if (unlikely(!src || (!dst && size))) {
		vmk_core_bad_arg("NULL string");
		return 0;
	}
	len = strlen(src);
	if (size) {
		copy = min(len, size - 1);
		memcpy(dst, src, copy);
		dst[copy] = '\0';
	}
	return len;
}
VMKAPI_EXPORT(vmk_Strlcpy);

/* A NULL string sorts before every string, so the order stays total. */
static int vmk_libc_null_order(const char *a, const char *b,
			       const char *api, unsigned long caller)
{
	vmk_core_bad_arg_api(api, caller, "NULL string");
	return (a != NULL) - (b != NULL);
}

int vmk_Strcmp(const char *src1, const char *src2)
{
	if (unlikely(!src1 || !src2))
		return vmk_libc_null_order(src1, src2, __func__, _RET_IP_);
	return strcmp(src1, src2);
}
VMKAPI_EXPORT(vmk_Strcmp);

int vmk_Strncmp(const char *src1, const char *src2, vmk_ByteCount maxLen)
{
	if (unlikely((!src1 || !src2) && maxLen))
		return vmk_libc_null_order(src1, src2, __func__, _RET_IP_);
	return strncmp(src1, src2, maxLen);
}
VMKAPI_EXPORT(vmk_Strncmp);

int vmk_Strncasecmp(const char *src1, const char *src2, vmk_ByteCount maxLen)
{
	if (unlikely((!src1 || !src2) && maxLen))
		return vmk_libc_null_order(src1, src2, __func__, _RET_IP_);
	return strncasecmp(src1, src2, maxLen);
}
VMKAPI_EXPORT(vmk_Strncasecmp);

char *vmk_Strchr(const void *src, int c)
{
	if (unlikely(!src)) {
		vmk_core_bad_arg("NULL string");
		return NULL;
	}
	return strchr(src, c);
}
VMKAPI_EXPORT(vmk_Strchr);

char *vmk_Strrchr(const void *src, int c)
{
	if (unlikely(!src)) {
		vmk_core_bad_arg("NULL string");
		return NULL;
	}
	return strrchr(src, c);
}
VMKAPI_EXPORT(vmk_Strrchr);

char *vmk_Strstr(const void *s1, const void *s2)
{
	if (unlikely(!s1 || !s2)) {
		vmk_core_bad_arg("NULL string");
		return NULL;
	}
	return strstr(s1, s2);
}
VMKAPI_EXPORT(vmk_Strstr);

/* The value of @c as a digit in any base up to 36; 36 when it is none. */
static unsigned int vmk_libc_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/* C-locale white space; the kernel's isspace() also takes Latin-1 NBSP. */
static bool vmk_libc_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * The common part of strtol and strtoul: the magnitude, its sign and
 * whether it overflowed an unsigned long.  On no digits (or a bad base)
 * the end is @str itself, as C says.
 */
static unsigned long vmk_libc_strto(const char *str, char **end, int base,
				    bool *neg, bool *overflow,
				    const char *api, unsigned long caller)
{
	const char *s = str;
	unsigned long val = 0;
	unsigned int digit;
	bool any = false;

	*neg = false;
	*overflow = false;
	if (unlikely(!str || base < 0 || base == 1 || base > 36)) {
		vmk_core_bad_arg_api(api, caller, "string %p base %d", str,
				     base);
		goto none;
	}
	while (vmk_libc_space(*s))
		s++;
	if (*s == '-' || *s == '+')
		*neg = *s++ == '-';
	/*
	 * "0x" is a prefix only when a hex digit follows; in "0xg" the
	 * number is the 0 and the end is at the x.
	 */
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X') && vmk_libc_digit(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	for (; (digit = vmk_libc_digit(*s)) < base; s++) {
		any = true;
		if (val > (ULONG_MAX - digit) / base)
			*overflow = true;
		else
			val = val * base + digit;
	}
	if (!any)
		goto none;
	if (end)
		*end = (char *)s;
	return val;
none:
	if (end)
		*end = (char *)str;
	return 0;
}

long vmk_Strtol(const char *str, char **end, int base)
{
	bool neg, overflow;
	unsigned long mag = vmk_libc_strto(str, end, base, &neg, &overflow,
					   __func__, _RET_IP_);

	if (neg) {
		if (overflow || mag > (unsigned long)LONG_MAX + 1)
			return LONG_MIN;
		/* Two's complement: also right for LONG_MIN itself. */
		return (long)(0UL - mag);
	}
	if (overflow || mag > LONG_MAX)
		return LONG_MAX;
	return mag;
}
VMKAPI_EXPORT(vmk_Strtol);

unsigned long vmk_Strtoul(const char *str, char **end, int base)
{
	bool neg, overflow;
	unsigned long mag = vmk_libc_strto(str, end, base, &neg, &overflow,
					   __func__, _RET_IP_);

	if (overflow)
		return ULONG_MAX;
	return neg ? 0UL - mag : mag;
}
VMKAPI_EXPORT(vmk_Strtoul);

/*
 * The kernel's vsnprintf warns and gives up above INT_MAX; no buffer a
 * driver has is that large, so larger sizes mean "unbounded" and are
 * clamped rather than turned into a splat.
 */
static size_t vmk_libc_fmt_size(vmk_ByteCount size)
{
	return min_t(vmk_ByteCount, size, INT_MAX);
}

int vmk_Vsnprintf(char *str, vmk_ByteCount size, const char *format,
		  va_list ap)
{
	if (unlikely(!format || (!str && size))) {
		vmk_core_bad_arg("buffer %p format %p", str, format);
		return 0;
	}
	return vsnprintf(str, vmk_libc_fmt_size(size), format, ap);
}
VMKAPI_EXPORT(vmk_Vsnprintf);

VMK_ReturnStatus vmk_StringVFormat(char *str, vmk_ByteCount strLen,
				   vmk_ByteCount *outLen, const char *format,
				   va_list ap)
{
	int needed;

	if (unlikely(!str || !strLen || !format)) {
		vmk_core_bad_arg("buffer %p of %llu bytes, format %p", str,
				 (unsigned long long)strLen, format);
		return VMK_BAD_PARAM;
	}
	needed = vsnprintf(str, vmk_libc_fmt_size(strLen), format, ap);
	if (outLen)
		*outLen = needed;
	return (vmk_ByteCount)needed < strLen ? VMK_OK : VMK_LIMIT_EXCEEDED;
}
VMKAPI_EXPORT(vmk_StringVFormat);

VMK_ReturnStatus vmk_StringFormat(char *str, vmk_ByteCount strLen,
				  vmk_ByteCount *outLen, const char *format,
				  ...)
{
	VMK_ReturnStatus status;
	va_list ap;

	va_start(ap, format);
	status = vmk_StringVFormat(str, strLen, outLen, format, ap);
	va_end(ap);
	return status;
}
VMKAPI_EXPORT(vmk_StringFormat);

int vmk_Vsprintf(char *str, const char *format, va_list ap)
{
	if (unlikely(!str || !format)) {
		vmk_core_bad_arg("buffer %p format %p", str, format);
		return 0;
	}
	return vsprintf(str, format, ap);
}
VMKAPI_EXPORT(vmk_Vsprintf);

int vmk_Snprintf(char *str, vmk_ByteCount size, const char *format, ...)
{
	va_list ap;
	int len;

	if (unlikely(!format || (!str && size))) {
		vmk_core_bad_arg("buffer %p format %p", str, format);
		return 0;
	}
	va_start(ap, format);
	len = vsnprintf(str, vmk_libc_fmt_size(size), format, ap);
	va_end(ap);
	return len;
}
VMKAPI_EXPORT(vmk_Snprintf);

int vmk_Sprintf(char *str, const char *format, ...)
{
	va_list ap;
	int len;

	if (unlikely(!str || !format)) {
		vmk_core_bad_arg("buffer %p format %p", str, format);
		return 0;
	}
	va_start(ap, format);
	len = vsprintf(str, format, ap);
	va_end(ap);
	return len;
}
VMKAPI_EXPORT(vmk_Sprintf);

int vmk_Vsscanf(const char *inp, const char *fmt0, va_list ap)
{
	if (unlikely(!inp || !fmt0)) {
		vmk_core_bad_arg("input %p format %p", inp, fmt0);
		return 0;
	}
	return vsscanf(inp, fmt0, ap);
}
VMKAPI_EXPORT(vmk_Vsscanf);

int vmk_Sscanf(const char *ibuf, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (unlikely(!ibuf || !fmt)) {
		vmk_core_bad_arg("input %p format %p", ibuf, fmt);
		return 0;
	}
	va_start(ap, fmt);
	n = vsscanf(ibuf, fmt, ap);
	va_end(ap);
	return n;
}
VMKAPI_EXPORT(vmk_Sscanf);

void *vmk_Memset(void *dst, int byte, vmk_ByteCount len)
{
	if (unlikely(!dst && len)) {
		vmk_core_bad_arg("NULL buffer, %llu bytes", len);
		return dst;
	}
	return memset(dst, byte, len);
}
VMKAPI_EXPORT(vmk_Memset);

void *vmk_Memcpy(void *dst, const void *src, vmk_ByteCount len)
{
	if (unlikely((!dst || !src) && len)) {
		vmk_core_bad_arg("NULL buffer, %llu bytes", len);
		return dst;
	}
	return memcpy(dst, src, len);
}
VMKAPI_EXPORT(vmk_Memcpy);

void *vmk_Memmove(void *dst, void *src, vmk_ByteCount len)
{
	if (unlikely((!dst || !src) && len)) {
		vmk_core_bad_arg("NULL buffer, %llu bytes", len);
		return dst;
	}
	return memmove(dst, src, len);
}
VMKAPI_EXPORT(vmk_Memmove);

int vmk_Memcmp(const void *src1, const void *src2, vmk_ByteCount len)
{
	if (unlikely((!src1 || !src2) && len))
		return vmk_libc_null_order(src1, src2, __func__, _RET_IP_);
	return memcmp(src1, src2, len);
}
VMKAPI_EXPORT(vmk_Memcmp);

/*
 * Park and Miller's minimal standard generator: x' = 16807 x mod
 * (2^31 - 1).  Chosen because its sequence is well known (from 1: 16807,
 * 282475249, ...), so reproducibility can be tested against published
 * values, and because it maps 1..2^31-2 onto itself, which is the range
 * the API promises.
 */
#define VMK_LIBC_RAND_MOD	0x7fffffffULL
#define VMK_LIBC_RAND_MUL	16807ULL

vmk_uint32 vmk_Rand(vmk_uint32 seed)
{
	vmk_uint64 x = seed;

	/*
	 * 0x7fffffff is a legal seed but is 0 modulo the generator's
	 * modulus, a fixed point: it restarts at 1.  0 and values above
	 * are driver bugs, folded into range rather than stuck at 0.
	 */
	if (unlikely(x == 0 || x >= VMK_LIBC_RAND_MOD)) {
		if (x != VMK_LIBC_RAND_MOD)
			vmk_core_bad_arg("seed %#x out of range", seed);
		x %= VMK_LIBC_RAND_MOD;
		if (!x)
			x = 1;
	}
	return (vmk_uint32)((x * VMK_LIBC_RAND_MUL) % VMK_LIBC_RAND_MOD);
}
VMKAPI_EXPORT(vmk_Rand);

vmk_uint32 vmk_GetRandSeed(void)
{
	return get_random_u32() % VMK_LIBC_RAND_MOD + 1;
}
VMKAPI_EXPORT(vmk_GetRandSeed);

vmk_Bool vmk_IsPrint(int c)
{
	return c >= ' ' && c <= '~';
}
VMKAPI_EXPORT(vmk_IsPrint);
