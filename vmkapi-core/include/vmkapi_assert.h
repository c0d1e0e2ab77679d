/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System panic and assertions (base/vmkapi_assert.h).
 *
 * vmk_Panic() reports an unrecoverable condition.  ESXi may panic the
 * machine or disable the module, and promises that no code of the module
 * runs afterwards.  Linux cannot stop a module's code running on other
 * CPUs short of stopping them all, so here it always panics the machine
 * (panic(), which honours panic= and kdump): BUG() would only kill the
 * current thread and let the module go on elsewhere.
 *
 * The assertions, mapped onto the Linux ones:
 *   VMK_ASSERT_BUG(cond[, fmt, ...])  always checked, like BUG_ON(); a
 *                                     failure is a vmk_Panic() naming the
 *                                     file, line and condition or message.
 *   VMK_ASSERT(cond[, fmt, ...])      checked only when the driver is built
 *                                     with VMX86_DEBUG defined (ESXi's debug
 *                                     build switch), then as VMK_ASSERT_BUG;
 *                                     otherwise it compiles to nothing and
 *                                     cond is not evaluated, exactly as on
 *                                     ESXi, so it must have no side effects.
 *   VMK_ASSERT_EQ/NE/GE/LE/GT/LT/NULL/NOT_NULL   VMK_ASSERT of a comparison,
 *                                     printing both values on failure.
 *   VMK_ASSERT_ON_COMPILE(cond)       a build error, like BUILD_BUG_ON(!cond).
 * There is no WARN-like assertion in the API: a driver that wants to go on
 * after a failed check logs with vmk_Warning() instead.
 *
 * All of them may be used in any context; a failure never returns.  A
 * failure names the calling module through vmk_ModuleCurrentID, which the
 * native build's stub defines; other code using them must define it.
 */
#ifndef _VMKAPI_ASSERT_H_
#define _VMKAPI_ASSERT_H_

#ifndef VMK_HEADER_INCLUDED_FROM_VMKAPI_H
#error "include vmkapi.h, not this header"
#endif

#include <linux/stdarg.h>

/*
 * vmk_vPanic / vmk_PanicWithModuleID - log "module: message" at emergency
 * level and panic the machine.  A NULL @fmt or an unknown @moduleID still
 * panics (the message says so).
 * Context: any.  Never returns, though it is not declared noreturn, as on
 * ESXi: drivers are written with code after it, and objtool cannot know a
 * module's callee is noreturn, so it would flag every function that ends
 * in a panic as falling through into the next.
 */
void vmk_vPanic(vmk_ModuleID moduleID, const char *fmt, va_list ap);
void vmk_PanicWithModuleID(vmk_ModuleID moduleID, const char *fmt, ...)
	VMK_ATTRIBUTE_PRINTF(2, 3);

/* vmk_Panic - vmk_PanicWithModuleID() for the calling module. */
#define vmk_Panic(_fmt, _args...)					\
	vmk_PanicWithModuleID(vmk_ModuleCurrentID, _fmt, ##_args)

/*
 * VMK_ASSERT_PANIC - panic for a failed assertion of _cond_.  _fmt_ must
 * be a string literal; when it is empty the condition's text is the
 * message.
 */
#define VMK_ASSERT_PANIC(_cond_, _fmt_, ...)				\
	do {								\
		if (sizeof(_fmt_) == 1)					\
			vmk_Panic("%s:%d: assertion failed: %s",	\
				  __FILE__, __LINE__, #_cond_);		\
		else							\
			vmk_Panic("%s:%d: assertion failed: " _fmt_,	\
				  __FILE__, __LINE__, ##__VA_ARGS__);	\
	} while (0)

/* Always checked; the optional arguments are a literal format and args. */
#define VMK_ASSERT_BUG(_cond_, ...)					\
	do {								\
		if (VMK_UNLIKELY(!(_cond_)))				\
			VMK_ASSERT_PANIC(_cond_, "" __VA_ARGS__);	\
	} while (0)

/*
 * The two forms of VMK_ASSERT, both always defined so that each can be
 * tested whatever the build; VMX86_DEBUG picks one.
 */
#define VMK_ASSERT_CHECKED_(_cond_, ...) VMK_ASSERT_BUG(_cond_, ##__VA_ARGS__)
#define VMK_ASSERT_IGNORED_(_cond_, ...) do { } while (0)

#ifdef VMX86_DEBUG
#define VMK_ASSERT(_cond_, ...) VMK_ASSERT_CHECKED_(_cond_, ##__VA_ARGS__)
#else
#define VMK_ASSERT(_cond_, ...) VMK_ASSERT_IGNORED_(_cond_, ##__VA_ARGS__)
#endif

/* VMK_ASSERT(_a_ _op_ _b_), printing both operands as 64-bit hex. */
#define VMK_ASSERT_OP(_a_, _b_, _op_, _opname_)				\
	VMK_ASSERT((_a_) _op_ (_b_),					\
		   "VMK_ASSERT_" #_opname_ "(" #_a_ " (0x%llx), "	\
		   #_b_ " (0x%llx))",					\
		   (vmk_uint64)(_a_), (vmk_uint64)(_b_))

#define VMK_ASSERT_EQ(_a_, _b_)	VMK_ASSERT_OP(_a_, _b_, ==, EQ)
#define VMK_ASSERT_NE(_a_, _b_)	VMK_ASSERT_OP(_a_, _b_, !=, NE)
#define VMK_ASSERT_GE(_a_, _b_)	VMK_ASSERT_OP(_a_, _b_, >=, GE)
#define VMK_ASSERT_LE(_a_, _b_)	VMK_ASSERT_OP(_a_, _b_, <=, LE)
#define VMK_ASSERT_GT(_a_, _b_)	VMK_ASSERT_OP(_a_, _b_, >, GT)
#define VMK_ASSERT_LT(_a_, _b_)	VMK_ASSERT_OP(_a_, _b_, <, LT)

#define VMK_ASSERT_NOT_NULL(_a_)	VMK_ASSERT((_a_) != NULL)
#define VMK_ASSERT_NULL(_a_)						\
	VMK_ASSERT((_a_) == NULL, "VMK_ASSERT_NULL(" #_a_ " (%p))",	\
		   (const void *)(_a_))

/*
 * VMK_ASSERT_ON_COMPILE - fail the build unless the constant expression
 * _cond_ is true.  A (void) statement expression, so it may stand wherever
 * a statement may, even unbraced after an if; inside a function, or in a
 * list of them wrapped in VMK_ASSERT_LIST() at file scope.
 */
#define VMK_ASSERT_ON_COMPILE(_cond_)					\
	({ _Static_assert(_cond_, "VMK_ASSERT_ON_COMPILE(" #_cond_ ")"); })

/*
 * VMK_ASSERT_LIST - compile-time assertions at file scope: the statements
 * go into a never-called function named _name_ (unique per file).
 */
#define VMK_ASSERT_LIST(_name_, _assertions_)				\
	static inline __attribute__((unused)) void _name_(void)		\
	{								\
		_assertions_						\
	}

/* VMK_NOT_REACHED - panic if control gets here. */
#define VMK_NOT_REACHED()						\
	vmk_Panic("%s:%d: VMK_NOT_REACHED", __FILE__, __LINE__)

#endif /* _VMKAPI_ASSERT_H_ */
