// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: execution context queries from a world, a hard interrupt (an
 * irq_work), a bottom half (a timer) and a world with interrupts off.
 * Interrupt acknowledges and handlers are checked in the interrupt
 * suite, where the core runs them.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/timer.h>

#include "vmkapi_kunit.h"

#define SAFETY_TIMEOUT	(30 * HZ)

struct seen {
	vmk_ContextType type;
	vmk_Bool is_handler;
	vmk_IntrCookie cookie;
	bool hardirq;
	struct completion done;
};

static void look(struct seen *s)
{
	s->type = vmk_ContextGetCurrentType();
	s->is_handler = vmk_ContextIsInterruptHandler(&s->cookie);
}

static void vmk_context_world(struct kunit *test)
{
	vmk_IntrCookie cookie = 7;

	KUNIT_EXPECT_EQ(test, vmk_ContextGetCurrentType(),
			VMK_CONTEXT_TYPE_WORLD);
	KUNIT_EXPECT_FALSE(test, vmk_ContextIsInterruptHandler(&cookie));
	KUNIT_EXPECT_EQ(test, cookie, VMK_INVALID_INTRCOOKIE);
	KUNIT_EXPECT_FALSE(test, vmk_ContextIsInterruptHandler(NULL));
	KUNIT_EXPECT_TRUE(test, vmk_ContextTypeCanBlock(
				vmk_ContextGetCurrentType()));
}

/* The type, not the state: a world with interrupts off is a world. */
static void vmk_context_world_irqs_off(struct kunit *test)
{
	vmk_ContextType type;
	unsigned long flags;

	local_irq_save(flags);
	type = vmk_ContextGetCurrentType();
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, type, VMK_CONTEXT_TYPE_WORLD);
}

static struct seen hard_seen;

static void hard_fn(struct irq_work *work)
{
	hard_seen.hardirq = in_hardirq();
	look(&hard_seen);
}

static void vmk_context_hard_irq(struct kunit *test)
{
	struct irq_work work = IRQ_WORK_INIT_HARD(hard_fn);

	memset(&hard_seen, 0, sizeof(hard_seen));
	KUNIT_ASSERT_TRUE(test, irq_work_queue(&work));
	irq_work_sync(&work);
	KUNIT_EXPECT_TRUE(test, hard_seen.hardirq);
	KUNIT_EXPECT_EQ(test, hard_seen.type, VMK_CONTEXT_TYPE_INTERRUPT);
	/* Interrupt context, but not an interrupt the core runs. */
	KUNIT_EXPECT_FALSE(test, hard_seen.is_handler);
	KUNIT_EXPECT_EQ(test, hard_seen.cookie, VMK_INVALID_INTRCOOKIE);
}

struct bh_ctx {
	struct timer_list timer;
	struct seen seen;
};

static void bh_fn(struct timer_list *t)
{
	struct bh_ctx *ctx = from_timer(ctx, t, timer);

	look(&ctx->seen);
	complete(&ctx->seen.done);
}

static void vmk_context_bottom_half(struct kunit *test)
{
	struct bh_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	init_completion(&ctx->seen.done);
	timer_setup(&ctx->timer, bh_fn, 0);
	mod_timer(&ctx->timer, jiffies + 1);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&ctx->seen.done,
							  SAFETY_TIMEOUT), 0);
	del_timer_sync(&ctx->timer);
	KUNIT_EXPECT_EQ(test, ctx->seen.type, VMK_CONTEXT_TYPE_BOTTOM_HALF);
	KUNIT_EXPECT_FALSE(test, ctx->seen.is_handler);
}

static void vmk_context_can_block(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, vmk_ContextTypeCanBlock(VMK_CONTEXT_TYPE_WORLD));
	KUNIT_EXPECT_FALSE(test,
			   vmk_ContextTypeCanBlock(VMK_CONTEXT_TYPE_INTERRUPT));
	KUNIT_EXPECT_FALSE(test,
			   vmk_ContextTypeCanBlock(VMK_CONTEXT_TYPE_BOTTOM_HALF));
	KUNIT_EXPECT_FALSE(test, vmk_ContextTypeCanBlock(VMK_CONTEXT_TYPE_NMI));
	KUNIT_EXPECT_FALSE(test,
			   vmk_ContextTypeCanBlock(VMK_CONTEXT_TYPE_UNKNOWN));
	KUNIT_EXPECT_FALSE(test, vmk_ContextTypeCanBlock((vmk_ContextType)99));
}

static void vmk_context_to_string(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test,
			   vmk_ContextTypeToString(VMK_CONTEXT_TYPE_WORLD),
			   "world");
	KUNIT_EXPECT_STREQ(test,
			   vmk_ContextTypeToString(VMK_CONTEXT_TYPE_INTERRUPT),
			   "interrupt");
	KUNIT_EXPECT_STREQ(test,
			   vmk_ContextTypeToString(VMK_CONTEXT_TYPE_BOTTOM_HALF),
			   "bottom half");
	KUNIT_EXPECT_STREQ(test, vmk_ContextTypeToString(VMK_CONTEXT_TYPE_NMI),
			   "NMI");
	KUNIT_EXPECT_STREQ(test,
			   vmk_ContextTypeToString(VMK_CONTEXT_TYPE_UNKNOWN),
			   "unknown");
	KUNIT_EXPECT_STREQ(test, vmk_ContextTypeToString((vmk_ContextType)99),
			   "unknown");
}

static struct kunit_case vmk_context_cases[] = {
	KUNIT_CASE(vmk_context_world),
	KUNIT_CASE(vmk_context_world_irqs_off),
	KUNIT_CASE(vmk_context_hard_irq),
	KUNIT_CASE(vmk_context_bottom_half),
	KUNIT_CASE(vmk_context_can_block),
	KUNIT_CASE(vmk_context_to_string),
	{}
};

static struct kunit_suite vmk_context_suite = {
	.name = "vmkapi_context",
	.test_cases = vmk_context_cases,
};
kunit_test_suite(vmk_context_suite);

MODULE_DESCRIPTION("KUnit tests for VMK API execution contexts");
MODULE_LICENSE("GPL");
