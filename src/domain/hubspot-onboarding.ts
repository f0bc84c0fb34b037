/**
 * The onboarding as HubSpot shows it on the customer's company: Thread's own property group and properties, the
 * values they take from an account's state, and the notes that tell the sales side what happened (a milestone
 * completed, a block with its note, the go-live). Pure: the write-back service reads the state and the audit trail,
 * and writes what these functions return.
 */
import type { AccountStatus } from './account-state';
import { currentOrNextMilestone } from './current-milestone';
import { formatCalendarDate } from './calendar-date';
import type { HubSpotPropertyDefinition, HubSpotPropertyGroup } from './hubspot-write-records';
import { milestoneProgress } from './milestone-progress';
import type { MilestoneStatus } from './milestone-state';

export const THREAD_PROPERTY_GROUP: HubSpotPropertyGroup = {
  name: 'thread_onboarding',
  label: 'Thread onboarding',
  displayOrder: -1,
};

/** Internal names of Thread's company properties: lower case and underscores, as HubSpot requires. */
export const THREAD_PROPERTY = {
  status: 'thread_onboarding_status',
  currentMilestone: 'thread_current_milestone',
  progress: 'thread_progress_pct',
  plannedGoLive: 'thread_planned_go_live',
  actualGoLive: 'thread_actual_go_live',
  health: 'thread_health',
  portalLink: 'thread_portal_link',
} as const;

const ONBOARDING_STATUS: Record<AccountStatus, string> = {
  pending_handoff: 'waiting_for_handoff',
  active: 'active',
  at_risk: 'at_risk',
  completed: 'live',
  churned: 'churned',
};

const group = THREAD_PROPERTY_GROUP.name;

export const THREAD_COMPANY_PROPERTIES: readonly HubSpotPropertyDefinition[] = [
  {
    name: THREAD_PROPERTY.status,
    label: 'Onboarding status',
    description: 'Where the onboarding stands in Thread. Written by Thread; changes made here are overwritten.',
    groupName: group,
    displayOrder: 1,
    type: 'enumeration',
    fieldType: 'select',
    options: [
      { label: 'Waiting for handoff', value: ONBOARDING_STATUS.pending_handoff, displayOrder: 1 },
      { label: 'Active', value: ONBOARDING_STATUS.active, displayOrder: 2 },
      { label: 'At risk', value: ONBOARDING_STATUS.at_risk, displayOrder: 3 },
      { label: 'Live', value: ONBOARDING_STATUS.completed, displayOrder: 4 },
      { label: 'Churned', value: ONBOARDING_STATUS.churned, displayOrder: 5 },
    ],
  },
  {
    name: THREAD_PROPERTY.currentMilestone,
    label: 'Current onboarding milestone',
    description: 'The milestone under way in Thread (or the next to start). Written by Thread.',
    groupName: group,
    displayOrder: 2,
    type: 'string',
    fieldType: 'text',
  },
  {
    name: THREAD_PROPERTY.progress,
    label: 'Onboarding progress (%)',
    description: 'Share of the onboarding milestones completed in Thread. Written by Thread.',
    groupName: group,
    displayOrder: 3,
    type: 'number',
    fieldType: 'number',
  },
  {
    name: THREAD_PROPERTY.plannedGoLive,
    label: 'Planned go-live',
    description: 'The go-live day the onboarding plan reaches in Thread. Written by Thread.',
    groupName: group,
    displayOrder: 4,
    type: 'date',
    fieldType: 'date',
  },
  {
    name: THREAD_PROPERTY.actualGoLive,
    label: 'Actual go-live',
    description: 'The day the customer went live (the last milestone completed in Thread). Written by Thread.',
    groupName: group,
    displayOrder: 5,
    type: 'date',
    fieldType: 'date',
  },
  {
    name: THREAD_PROPERTY.health,
    label: 'Onboarding health',
    description:
      'At risk while the CSM has marked the onboarding at risk in Thread or a milestone is blocked; otherwise on track. Written by Thread.',
    groupName: group,
    displayOrder: 6,
    type: 'enumeration',
    fieldType: 'select',
    options: [
      { label: 'On track', value: 'on_track', displayOrder: 1 },
      { label: 'At risk', value: 'at_risk', displayOrder: 2 },
    ],
  },
  {
    name: THREAD_PROPERTY.portalLink,
    label: 'Customer portal preview',
    description:
      'A read-only preview of what the customer sees in Thread’s portal, for the team. It is not the customer’s own link and cannot answer anything. Renewed by Thread.',
    groupName: group,
    displayOrder: 7,
    type: 'string',
    fieldType: 'text',
  },
];

export interface OnboardingSnapshot {
  status: AccountStatus;
  /** In plan order. */
  milestones: readonly { name: string; status: MilestoneStatus }[];
  goLiveDate: Date | null;
  goLiveActualDate: Date | null;
  portalPreviewUrl: string;
}

/**
 * The values of Thread's properties for one account, every property every time (HubSpot takes "" as "clear"), so
 * one write brings the company up to date whatever happened since the last one. Health follows the state the CSM
 * set, not the clock: it changes only when something in Thread changes, like every other value here.
 */
export function onboardingProperties(s: OnboardingSnapshot): Record<string, string> {
  const blocked = s.milestones.some((m) => m.status === 'blocked');
  const ended = s.status === 'churned';
  const current = s.status === 'completed' || ended ? null : currentOrNextMilestone(s.milestones);
  const health = ended ? '' : s.status === 'at_risk' || (blocked && s.status !== 'completed') ? 'at_risk' : 'on_track';
  return {
    [THREAD_PROPERTY.status]: ONBOARDING_STATUS[s.status],
    [THREAD_PROPERTY.currentMilestone]: current?.name ?? '',
    [THREAD_PROPERTY.progress]: String(milestoneProgress(s.milestones).pct),
    [THREAD_PROPERTY.plannedGoLive]: s.goLiveDate ? formatCalendarDate(s.goLiveDate) : '',
    [THREAD_PROPERTY.actualGoLive]:
      s.status === 'completed' && s.goLiveActualDate ? formatCalendarDate(s.goLiveActualDate) : '',
    [THREAD_PROPERTY.health]: health,
    [THREAD_PROPERTY.portalLink]: s.portalPreviewUrl,
  };
}

/** The audit events that change what the properties say: every milestone and account change. */
export const WRITE_BACK_ENTITY_TYPES = ['account', 'milestone'] as const;

/** One audit event with the names it refers to, as the write-back reads it. */
export interface OnboardingEventFacts {
  entityType: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: unknown;
  accountName: string;
  /** For a milestone event. */
  milestoneName: string | null;
  /** The person who did it, when it was a person. */
  actorName: string | null;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Text as note paragraphs: escaped, with the writer's line breaks kept. */
function paragraphs(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function spokenDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

function goLiveFacts(data: unknown): { day: string | null; timeToValueDays: number | null } {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const day = typeof record.goLiveActualDate === 'string' ? record.goLiveActualDate : null;
  const days = typeof record.timeToValueDays === 'number' ? record.timeToValueDays : null;
  return { day, timeToValueDays: days };
}

const LONGEST_NOTE_TEXT = 5000;

/**
 * The note an event puts on the company, or null when it gets none (only properties change): a milestone
 * completed (with the override reason when it closed over open actions), a milestone blocked (with the CSM's note)
 * and the go-live (with the time to value).
 */
export function onboardingNote(e: OnboardingEventFacts): string | null {
  const by = e.actorName ? ` by ${escapeHtml(e.actorName)}` : '';
  const milestone = `“${escapeHtml(e.milestoneName ?? 'a milestone')}”`;
  const lead = '<strong>Thread onboarding:</strong>';
  if (e.entityType === 'milestone' && e.toState === 'completed') {
    // The reason is there only when it was completed over open actions ("completed with 2 open actions: …").
    const why = e.reason?.trim() ? paragraphs(capitalised(e.reason.trim().slice(0, LONGEST_NOTE_TEXT))) : '';
    return `<p>${lead} milestone ${milestone} completed${by}.</p>${why}`;
  }
  if (e.entityType === 'milestone' && e.toState === 'blocked') {
    const note = e.reason?.trim() ? paragraphs(e.reason.slice(0, LONGEST_NOTE_TEXT)) : '';
    return `<p>${lead} milestone ${milestone} is blocked${by}.</p>${note ? `<p><strong>Note:</strong></p>${note}` : ''}`;
  }
  if (e.entityType === 'account' && e.toState === 'completed') {
    const { day, timeToValueDays } = goLiveFacts(e.data);
    const when = day ? ` on ${spokenDay(day)}` : '';
    const ttv =
      timeToValueDays === null
        ? ''
        : ` Time to value: ${timeToValueDays} business day${timeToValueDays === 1 ? '' : 's'}.`;
    return `<p>${lead} ${escapeHtml(e.accountName)} went live${when}.${ttv}</p>`;
  }
  return null;
}
