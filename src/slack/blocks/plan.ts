/**
 * `/thread plan <account>`: every milestone and every action with its state and why it stands there, as one
 * ephemeral message. For the account's CSM or an admin, each action and milestone has a "…" menu for changing the
 * plan, a ready draft carries the review card's buttons, and an action that starts by hand has "Start now".
 *
 * A message holds at most 50 blocks. An action is one section (its menu is the section's accessory), plus one row
 * of buttons when it has any; a milestone is one section. When the whole plan does not fit, milestones that are
 * completed are told in one section each, and when it still does not fit the plan stops at a milestone boundary
 * with a button that shows the rest.
 */
import type { ActionsBlock, Button, KnownBlock, Overflow, PlainTextOption, SectionBlock } from '@slack/types';
import type { WhyPart } from '../../domain/plan-why';
import type { AccountPlan, PlanAction, PlanMilestone } from '../../services/plan/get-account-plan';
import { ACTIONS, START_ACTION_NOW } from '../ids';
import { reviewButtons, TYPE_LABEL } from './review-card';
import type { SlackMessage } from './slack-message';
import { button, context, formatDate, header, LIMITS, mrkdwnSection, plain, safe, STATUS_EMOJI } from './text';

/** The block id prefix of a ready draft's review buttons in the plan, so a review click shows the plan again. */
export const PLAN_REVIEW_BLOCK = 'plan_review:';

export interface PlanViewOptions {
  /** The account's CSM or an admin: the menus and buttons that change things are shown. */
  canManage: boolean;
  /** The first milestone shown (0-based), when the plan is shown in parts. */
  fromMilestone?: number;
  /** A line above the plan saying what just changed, in plain words (it is escaped here). */
  notice?: string;
}

const ACTION_EMOJI: Record<string, string> = {
  pending: ':white_circle:',
  ready: ':eyes:',
  review_pending: ':pencil2:',
  executing: ':outbox_tray:',
  executed: ':envelope_with_arrow:',
  completed: ':white_check_mark:',
  skipped: ':fast_forward:',
};

const MILESTONE_WORDS: Record<string, string> = {
  pending: 'not started',
  in_progress: 'in progress',
  blocked: 'blocked',
  completed: 'completed',
};

/** Blocks kept back at the end: the row of plan buttons and the line saying what is not shown. */
const TAIL_BLOCKS = 2;

/** The menu values: what to do, the account, then the action or milestone. */
export function planMenuValue(verb: string, accountId: string, id: string): string {
  return `${verb}:${accountId}:${id}`;
}

export function renderWhy(parts: readonly WhyPart[]): string {
  return parts
    .map((p) =>
      typeof p === 'string' ? safe(p, 300) : 'action' in p ? `*${safe(p.action, 150)}*` : safe(p.person, 150),
    )
    .join('');
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value };
}

function menu(actionId: string, options: PlainTextOption[]): Overflow {
  return { type: 'overflow', action_id: actionId, options };
}

const OPEN = ['pending', 'ready', 'review_pending'];

function actionMenu(plan: AccountPlan, a: PlanAction): Overflow | undefined {
  const options: PlainTextOption[] = [];
  if (a.status === 'pending') options.push(option('Change due date', planMenuValue('due', plan.accountId, a.id)));
  if (OPEN.includes(a.status)) {
    options.push(option('Move', planMenuValue('move', plan.accountId, a.id)));
    options.push(option('Remove from the plan', planMenuValue('remove', plan.accountId, a.id)));
  }
  // Slack wants two to five options in a menu; an action with fewer has nothing left to change.
  return options.length >= 2 ? menu(ACTIONS.planActionMenu, options) : undefined;
}

function actionButtons(a: PlanAction): ActionsBlock | undefined {
  if (a.status === 'ready' || a.status === 'review_pending') {
    const elements = reviewButtons({ ...a, actionId: a.id });
    return elements.length ? { type: 'actions', block_id: `${PLAN_REVIEW_BLOCK}${a.id}`, elements } : undefined;
  }
  if (a.status === 'pending' && a.triggerKind === 'manual') {
    return {
      type: 'actions',
      block_id: `plan_start:${a.id}`,
      elements: [button('Start now', START_ACTION_NOW, a.id, 'primary')],
    };
  }
  return undefined;
}

function actionLine(a: PlanAction): string {
  return `${ACTION_EMOJI[a.status] ?? ''} *${safe(a.name, 150)}* · ${TYPE_LABEL[a.type] ?? a.type}\n${renderWhy(a.why)}`;
}

function actionBlocks(plan: AccountPlan, a: PlanAction, canManage: boolean): KnownBlock[] {
  const section: SectionBlock = mrkdwnSection(actionLine(a));
  if (!canManage) return [section];
  const accessory = actionMenu(plan, a);
  const row = actionButtons(a);
  return [accessory ? { ...section, accessory } : section, ...(row ? [row] : [])];
}

function milestoneHeading(m: PlanMilestone): string {
  const actual = m.completedAt
    ? ` · done ${formatDate(m.completedAt)}`
    : m.startedAt && m.status !== 'pending'
      ? ` · started ${formatDate(m.startedAt)}`
      : '';
  const lines = [
    `${STATUS_EMOJI[m.status] ?? ''} *${m.position + 1}. ${safe(m.name, 150)}* — ${MILESTONE_WORDS[m.status] ?? m.status}`,
    `Planned ${formatDate(m.plannedStartDate)} → ${formatDate(m.plannedEndDate)} (${m.plannedDays} business day${m.plannedDays === 1 ? '' : 's'})${actual}`,
  ];
  if (m.blockerNote) lines.push(`:no_entry: ${safe(m.blockerNote, 500)}`);
  if (m.actions.length === 0) lines.push('_No actions._');
  return lines.join('\n');
}

function milestoneSection(plan: AccountPlan, m: PlanMilestone, canManage: boolean): SectionBlock {
  const section = mrkdwnSection(milestoneHeading(m));
  if (!canManage || m.status === 'completed') return section;
  return {
    ...section,
    accessory: menu(ACTIONS.planMilestoneMenu, [
      option('Add an action here', planMenuValue('add', plan.accountId, m.id)),
      option('Shift planned dates', planMenuValue('shift', plan.accountId, m.id)),
    ]),
  };
}

/** A completed milestone told in one section: each action on a line with its why, cut to what a section holds. */
function compactMilestone(m: PlanMilestone): KnownBlock[] {
  const lines = m.actions.map((a) => `${ACTION_EMOJI[a.status] ?? ''} ${safe(a.name, 100)} — ${renderWhy(a.why)}`);
  const budget = LIMITS.sectionText - 400;
  let text = milestoneHeading(m);
  let shown = 0;
  for (const line of lines) {
    if (text.length + line.length + 1 > budget) break;
    text += `\n${line}`;
    shown++;
  }
  if (shown < lines.length) text += `\n…and ${lines.length - shown} more`;
  return [mrkdwnSection(text)];
}

function milestoneBlocks(
  plan: AccountPlan,
  m: PlanMilestone,
  o: { canManage: boolean; compact: boolean },
): KnownBlock[] {
  if (o.compact && m.status === 'completed') return compactMilestone(m);
  return [milestoneSection(plan, m, o.canManage), ...m.actions.flatMap((a) => actionBlocks(plan, a, o.canManage))];
}

function footer(plan: AccountPlan, canManage: boolean, next: number | null): ActionsBlock {
  const elements: Button[] = [];
  if (next !== null)
    elements.push(
      button(
        `Show milestones ${next + 1}–${plan.milestones.length}`,
        ACTIONS.planMore,
        `${plan.accountId}:${next}`,
        'primary',
      ),
    );
  if (canManage) {
    elements.push(button('Add an action', ACTIONS.planAddAction, plan.accountId));
    elements.push(button('Change kickoff date', ACTIONS.planChangeKickoff, plan.accountId));
  }
  elements.push(button('Timeline', ACTIONS.openTimeline, plan.accountId));
  return { type: 'actions', block_id: 'plan_buttons', elements };
}

interface Laid {
  blocks: KnownBlock[];
  /** The first milestone not shown, or null when every one from the start was. */
  next: number | null;
  /** Actions of the one milestone that could not be shown whole. */
  cut: number;
}

function layOut(plan: AccountPlan, from: number, room: number, o: { canManage: boolean; compact: boolean }): Laid {
  const blocks: KnownBlock[] = [];
  for (let i = from; i < plan.milestones.length; i++) {
    const m = plan.milestones[i]!;
    const own = milestoneBlocks(plan, m, o);
    if (blocks.length + own.length <= room) {
      blocks.push(...own);
      continue;
    }
    if (blocks.length > 0) return { blocks, next: i, cut: 0 };
    // One milestone alone is longer than a message: show what fits of it, and say how many are left out.
    const fitted: KnownBlock[] = [own[0]!];
    let cut = m.actions.length;
    for (const a of m.actions) {
      const more = actionBlocks(plan, a, o.canManage);
      if (fitted.length + more.length > room - 1) break;
      fitted.push(...more);
      cut--;
    }
    return { blocks: fitted, next: i + 1 < plan.milestones.length ? i + 1 : null, cut };
  }
  return { blocks, next: null, cut: 0 };
}

export function buildPlan(plan: AccountPlan, options: PlanViewOptions): SlackMessage {
  const from = Math.min(Math.max(0, options.fromMilestone ?? 0), Math.max(0, plan.milestones.length - 1));
  const actions = plan.milestones.flatMap((m) => m.actions);
  const done = actions.filter((a) => a.status === 'completed' || a.status === 'skipped').length;
  const head: KnownBlock[] = [
    header(`Plan · ${plan.accountName}`),
    ...(options.notice ? [mrkdwnSection(`:white_check_mark: ${safe(options.notice, 1000)}`)] : []),
    context(
      `Kickoff ${formatDate(plan.kickoffDate)} · planned go-live ${formatDate(plan.goLiveDate)} · ${done}/${actions.length} actions done · times in ${safe(plan.timeZone, 60)}`,
    ),
  ];
  const room = LIMITS.messageBlocks - head.length - TAIL_BLOCKS;
  const view = { canManage: options.canManage, compact: false };
  let laid = layOut(plan, from, room, view);
  if (laid.next !== null || laid.cut > 0) laid = layOut(plan, from, room, { ...view, compact: true });

  const notes: string[] = [];
  if (laid.cut > 0)
    notes.push(`${laid.cut} more action${laid.cut === 1 ? '' : 's'} of this milestone do not fit here.`);
  if (from > 0) notes.push(`Milestones 1–${from} are not shown here; \`/thread plan\` starts from the first.`);
  if (laid.next !== null)
    notes.push(`Milestones ${laid.next + 1}–${plan.milestones.length} did not fit: *Show milestones* for the rest.`);
  const blocks = [
    ...head,
    ...laid.blocks,
    ...(notes.length ? [context(notes.join(' '))] : []),
    footer(plan, options.canManage, laid.next),
  ];
  return {
    text: `Plan for ${plan.accountName}: ${plan.milestones.length} milestones, ${done}/${actions.length} actions done`,
    blocks,
  };
}

/** What a removed draft's review card says once the action has left the plan (its buttons are gone). */
export function buildRemovedActionCard(actionName: string, byName: string): SlackMessage {
  return {
    text: `${actionName} was removed from the plan by ${byName}.`,
    blocks: [
      mrkdwnSection(`:wastebasket: *${safe(actionName, 200)}* was removed from the plan by ${safe(byName, 150)}.`),
    ],
  };
}
