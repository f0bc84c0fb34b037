/**
 * What accepting a finding does: its suggested fix, through the service that owns that change (a plan action, the
 * ARR, a contact, the kickoff), each with its own permission check and audit. Called with a context inside the
 * accepting transaction, so the fix and the decision commit together. A fix already made meanwhile (the action is in
 * the plan, the person is a contact) is not made twice; a conversation is only recorded.
 */
import type { z } from 'zod';
import type { FindingSuggestion } from '../../domain/handoff-checks';
import { amountInWords, dayInWords } from '../../domain/handoff-checks/words';
import { AppError } from '../../lib/errors';
import { setAccountArr } from '../accounts/set-account-arr';
import { addContact } from '../contacts/add-contact';
import type { ServiceContext } from '../context';
import type { actingPersonSchema } from '../people/acting-person';
import { addPlanAction } from '../plan/add-plan-action';
import { changeKickoffDate } from '../plan/change-kickoff-date';

export interface FindingFix {
  organizationId: string;
  actor: z.output<typeof actingPersonSchema>;
  accountId: string;
  suggestion: FindingSuggestion;
}

/** Where a new action goes: the end of the named milestone when it is still to come, else of the first one that is. */
async function placeAtEndOf(
  ctx: ServiceContext,
  accountId: string,
  milestoneName: string | null,
  what: string,
): Promise<{ milestoneId: string; milestoneName: string; afterActionId: string | null }> {
  const milestones = await ctx.prisma.milestone.findMany({
    where: { accountId },
    orderBy: { position: 'asc' },
    select: {
      id: true,
      name: true,
      status: true,
      actions: { orderBy: { position: 'desc' }, take: 1, select: { id: true } },
    },
  });
  const open = milestones.filter((m) => m.status !== 'completed');
  const milestone = open.find((m) => m.name === milestoneName) ?? open[0];
  if (!milestone) {
    throw new AppError('illegal_transition', `every milestone is completed, so there is nowhere to add ${what}.`);
  }
  return { milestoneId: milestone.id, milestoneName: milestone.name, afterActionId: milestone.actions[0]?.id ?? null };
}

/** Applies the fix and says what it did, as the decided line shows it after "Accepted by …: ". */
export async function applyFindingFix(ctx: ServiceContext, fix: FindingFix): Promise<string> {
  const { organizationId, actor, accountId, suggestion: s } = fix;
  const asked = { organizationId, actor, accountId };
  switch (s.kind) {
    case 'add_template_action': {
      const there = await ctx.prisma.action.findFirst({
        where: { accountId, key: s.templateActionKey },
        select: { name: true },
      });
      if (there) return `"${there.name}" was already in the plan`;
      const place = await placeAtEndOf(ctx, accountId, s.milestoneName, `"${s.actionName}"`);
      const added = await addPlanAction(ctx, {
        ...asked,
        placement: { milestoneId: place.milestoneId, afterActionId: place.afterActionId },
        source: { kind: 'template', templateActionKey: s.templateActionKey },
      });
      return `added "${added.name}" to ${place.milestoneName}`;
    }
    case 'add_internal_task': {
      const there = await ctx.prisma.action.findFirst({ where: { accountId, name: s.name }, select: { id: true } });
      if (there) return `"${s.name}" was already in the plan`;
      const place = await placeAtEndOf(ctx, accountId, s.milestoneName, `"${s.name}"`);
      const added = await addPlanAction(ctx, {
        ...asked,
        placement: { milestoneId: place.milestoneId, afterActionId: place.afterActionId },
        source: {
          kind: 'ad_hoc',
          name: s.name,
          type: 'internal_task',
          // Due when its milestone starts, like a template's setup tasks.
          triggerKind: 'milestone_start',
          delayDays: 0,
          instructions: s.instructions,
        },
      });
      return `added the internal task "${added.name}" to ${place.milestoneName}`;
    }
    case 'set_arr': {
      const money = amountInWords(s.arr, s.currency);
      await setAccountArr(ctx, {
        ...asked,
        arr: s.arr,
        reason: `the AE's handoff gives ${money}; the deal said ${amountInWords(s.dealAmount, s.currency)}`,
      });
      return `set the ARR to ${money}`;
    }
    case 'add_contact': {
      const there = await ctx.prisma.contact.findFirst({
        where: { accountId, email: s.email.trim().toLowerCase() },
        select: { name: true },
      });
      if (there) return `${there.name} <${s.email}> was already a contact`;
      const added = await addContact(ctx, { ...asked, name: s.name, email: s.email, title: s.title });
      return `added ${added.name} <${added.email}> as a contact`;
    }
    case 'move_kickoff': {
      const moved = await changeKickoffDate(ctx, { ...asked, kickoffDate: s.kickoffDate });
      return moved.changed
        ? `moved the kickoff to ${dayInWords(s.kickoffDate)}`
        : `the kickoff was already ${dayInWords(s.kickoffDate)}`;
    }
    case 'talk':
      return `to do: ${s.text}`;
  }
}
