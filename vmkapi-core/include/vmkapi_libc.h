/* SPDX-License-Identifier: GPL-2.0 */
/*
 * C-library style helpers (reference section 22, lib/vmkapi_libc.h).
 *
 * Drivers use these instead of a libc, which the kernel does not have.
 * They follow the C library's contracts unless a comment says otherwise,
 * and are thin layers over the kernel's own string and format code, so a
 * driver gets the kernel's printf conversions (%p extensions included).
 *
 * Context, for every function in this header: any.  None blocks, takes a
 * lock that could be contended, or allocates, so all are callable from
 * interrupt acknowledge, interrupt handlers, NetPoll and with spinlocks
 * held.  The one exception is NMI, where only vmk_GetRandSeed is unsafe.
 */
#ifndef _VMKAPI_LIBC_H_
#define _VMKAPI_LIBC_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#ifndef VMK_ATTRIBUTE_SCANF
#define VMK_ATTRIBUTE_SCANF(fmt, first) \
	__attribute__((format(scanf, fmt, first)))
#endif

/*
 * vmk_Strnlen - length of @src, looking at no more than @maxLen bytes.
 * Context: any; does not block.
 * Returns the number of bytes before the NUL, or @maxLen if none is found.
 */
vmk_ByteCount vmk_Strnlen(const char *src, vmk_ByteCount maxLen);

/*
 * vmk_Strcpy - copy the string @src, NUL included, to @dst.
 * Context: any; does not block.
 * Returns @dst (as C's strcpy does; the 2.3 comment says src, but
 * drivers chain on the destination).
 */
char *vmk_Strcpy(char *dst, const char *src);

/*
 * vmk_Strncpy - copy at most @maxLen bytes of @src to @dst.
 * When @src is shorter, the rest of the @maxLen bytes are zeroed; when it
 * is not, @dst is NOT NUL-terminated.
 * Context: any; does not block.
 * Returns @dst.
 */
char *vmk_Strncpy(char *dst, const char *src, vmk_ByteCount maxLen);

/*
 * vmk_Strlcpy - copy @src to @dst, always NUL-terminating unless @size
 * is 0; at most @size - 1 bytes of string are copied.
 * Context: any; does not block.
 * Returns the length of @src: a value >= @size means the copy was
 * truncated.
 */
vmk_ByteCount vmk_Strlcpy(char *dst, const char *src, vmk_ByteCount size);

/*
 * vmk_Strcmp - compare two strings as unsigned bytes.
 * Context: any; does not block.
 * Returns < 0, 0 or > 0 as @src1 sorts before, equal to or after @src2.
 */
int vmk_Strcmp(const char *src1, const char *src2);

/*
 * vmk_Strncmp - vmk_Strcmp over at most @maxLen bytes.
 * Context: any; does not block.
 */
int vmk_Strncmp(const char *src1, const char *src2, vmk_ByteCount maxLen);

/*
 * vmk_Strncasecmp - vmk_Strncmp ignoring ASCII case.
 * Context: any; does not block.
 */
int vmk_Strncasecmp(const char *src1, const char *src2,
		    vmk_ByteCount maxLen);

/*
 * vmk_Strchr - first occurrence of the byte @c in the string @src (the
 * terminating NUL counts, so @c 0 finds the end).
 * Context: any; does not block.
 * Returns a pointer into @src, or NULL.
 */
char *vmk_Strchr(const void *src, int c);

/*
 * vmk_Strrchr - last occurrence of the byte @c in the string @src.
 * Context: any; does not block.
 * Returns a pointer into @src, or NULL.
 */
char *vmk_Strrchr(const void *src, int c);

/*
 * vmk_Strstr - first occurrence of the string @s2 in the string @s1; an
 * empty @s2 matches at @s1.
 * Context: any; does not block.
 * Returns a pointer into @s1, or NULL.
 */
char *vmk_Strstr(const void *s1, const void *s2);

/*
 * vmk_Strtol - convert the start of @str to a long.
 * Leading white space and one sign are accepted.  @base is 2..36, or 0
 * to read the base from the prefix: 0x/0X hexadecimal, 0 octal, else
 * decimal (base 16 also accepts the 0x prefix).  Out-of-range values
 * saturate to the largest or smallest long.
 * Context: any; does not block.
 * Returns the value; if @end is not NULL it receives the first byte not
 * converted, or @str when there were no digits.  An invalid @base returns
 * 0 with *@end = @str.
 */
long vmk_Strtol(const char *str, char **end, int base);

/*
 * vmk_Strtoul - as vmk_Strtol, for an unsigned long.  A leading minus
 * negates the value in unsigned arithmetic (as C does); out-of-range
 * magnitudes saturate to the largest unsigned long.
 * Context: any; does not block.
 */
unsigned long vmk_Strtoul(const char *str, char **end, int base);

/*
 * vmk_Sprintf - printf into @str, which must be large enough.
 * Context: any; does not block.
 * Returns the number of bytes written, NUL excluded.
 */
int vmk_Sprintf(char *str, const char *format, ...)
	VMK_ATTRIBUTE_PRINTF(2, 3);

/*
 * vmk_Snprintf - printf into @str, writing at most @size bytes with the
 * NUL; the output is NUL-terminated unless @size is 0.
 * Context: any; does not block.
 * Returns the length the whole output needs, NUL excluded: a value
 * >= @size means it was truncated.
 */
int vmk_Snprintf(char *str, vmk_ByteCount size, const char *format, ...)
	VMK_ATTRIBUTE_PRINTF(3, 4);

/* vmk_Vsprintf - vmk_Sprintf with a va_list.  Context: any; no block. */
int vmk_Vsprintf(char *str, const char *format, __builtin_va_list ap)
	VMK_ATTRIBUTE_PRINTF(2, 0);

/* vmk_Vsnprintf - vmk_Snprintf with a va_list.  Context: any; no block. */
int vmk_Vsnprintf(char *str, vmk_ByteCount size, const char *format,
		  __builtin_va_list ap)
	VMK_ATTRIBUTE_PRINTF(3, 0);

/*
 * vmk_StringFormat [2.4] - printf into @str, at most @strLen bytes with
 * the NUL, which is always written.  *@outLen (if not NULL) gets the
 * length the whole output needs, NUL excluded, truncated or not.
 * Context: any; does not block.
 * Returns VMK_OK; VMK_LIMIT_EXCEEDED when the output was truncated (as
 * much as fits is there); VMK_BAD_PARAM for a NULL @str or @format or a
 * zero @strLen.
 */
VMK_ReturnStatus vmk_StringFormat(char *str, vmk_ByteCount strLen,
				  vmk_ByteCount *outLen, const char *format,
				  ...)
	VMK_ATTRIBUTE_PRINTF(4, 5);

/* vmk_StringVFormat [2.4] - vmk_StringFormat with a va_list.  As it. */
VMK_ReturnStatus vmk_StringVFormat(char *str, vmk_ByteCount strLen,
				   vmk_ByteCount *outLen, const char *format,
				   __builtin_va_list ap)
	VMK_ATTRIBUTE_PRINTF(4, 0);

/*
 * vmk_Vsscanf - scanf from the string @inp with a va_list.
 * Conversions are the kernel's vsscanf ones (d i u x o c s n, with
 * h hh l ll z field sizes, and widths).
 * Context: any; does not block.
 * Returns the number of arguments assigned (%n not counted).
 */
int vmk_Vsscanf(const char *inp, const char *fmt0, __builtin_va_list ap)
	VMK_ATTRIBUTE_SCANF(2, 0);

/* vmk_Sscanf - vmk_Vsscanf with varargs.  Context: any; does not block. */
int vmk_Sscanf(const char *ibuf, const char *fmt, ...)
	VMK_ATTRIBUTE_SCANF(2, 3);

/* vmk_Memset - fill @len bytes at @dst with @byte.  Returns @dst.  Any. */
void *vmk_Memset(void *dst, int byte, vmk_ByteCount len);

/*
 * vmk_Memcpy - copy @len bytes; the areas must not overlap.
 * Context: any; does not block.  Returns @dst.
 */
void *vmk_Memcpy(void *dst, const void *src, vmk_ByteCount len);

/*
 * vmk_Memmove - copy @len bytes; the areas may overlap.  (@src is not
 * const in 2.3, so it is not here either.)
 * Context: any; does not block.  Returns @dst.
 */
void *vmk_Memmove(void *dst, void *src, vmk_ByteCount len);

/*
 * vmk_Memcmp - compare @len bytes as unsigned values.
 * Context: any; does not block.
 * Returns the difference of the first differing bytes, or 0.
 */
int vmk_Memcmp(const void *src1, const void *src2, vmk_ByteCount len);

/*
 * vmk_Rand - the number after @seed in a pseudorandom sequence (the
 * Park-Miller "minimal standard" generator), so the same seed always
 * gives the same sequence.  @seed must be in 1..0x7fffffff; the result
 * is too.  Not for cryptography.
 * Context: any; does not block.
 */
vmk_uint32 vmk_Rand(vmk_uint32 seed);

/*
 * vmk_GetRandSeed - a random starting seed for vmk_Rand, in
 * 1..0x7fffffff, from the kernel's random pool.  For starting sequences,
 * not for drawing every number.
 * Context: any but NMI; does not block.
 */
vmk_uint32 vmk_GetRandSeed(void);

/*
 * vmk_IsPrint - whether @c is a printable ASCII character (space to
 * tilde, as in the C locale).
 * Context: any; does not block.
 */
vmk_Bool vmk_IsPrint(int c);

#endif /* _VMKAPI_LIBC_H_ */
