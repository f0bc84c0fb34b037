/**
 * The organisation's settings as people name them, and the column each is stored in. get-settings and
 * update-settings share this so a setting's name in a modal, the audit trail and the database never drift.
 */
import type { Prisma } from '../../db/generated/client';
import { describeWorkingDays } from '../../domain/working-days';

export interface OrganizationSettings {
  name: string;
  logoUrl: string | null;
  brandColor: string;
  brandVoice: string;
  timezone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Most portal requests a customer sees open at once. */
  portalMaxActive: number;
  /** Hours a CSM has to review a customer's submission. */
  reviewSlaHours: number;
  /** Business days before an unanswered portal request is reminded, and between reminders. */
  reminderSpacingDays: number;
  reminderMaxCount: number;
  /** Business hours before the AE is reminded of a handoff; the CSM and admins are told after twice as many. */
  handoffReminderHours: number;
  defaultCsmChannelId: string | null;
  workspaceMembersCanView: boolean;
  /** A draft that leaves the house must be approved before it is executed. */
  executionNeedsApproval: boolean;
  /** Four eyes: the approver must be someone other than the person who executes. */
  approverMustDiffer: boolean;
}

/** Every setting, in the order screens list them and update-settings audits them. */
export const SETTING_KEYS: readonly (keyof OrganizationSettings)[] = [
  'name',
  'logoUrl',
  'brandColor',
  'brandVoice',
  'timezone',
  'workingDays',
  'portalMaxActive',
  'reviewSlaHours',
  'reminderSpacingDays',
  'reminderMaxCount',
  'handoffReminderHours',
  'defaultCsmChannelId',
  'workspaceMembersCanView',
  'executionNeedsApproval',
  'approverMustDiffer',
];

export const SETTINGS_SELECT = {
  name: true,
  logoUrl: true,
  brandColor: true,
  brandVoice: true,
  timezone: true,
  workingDays: true,
  maxActivePortalActions: true,
  submissionReviewSlaHours: true,
  portalReminderDays: true,
  portalReminderMaxCount: true,
  handoffReminderHours: true,
  defaultCsmChannelId: true,
  workspaceMembersCanView: true,
  executionNeedsApproval: true,
  approverMustDiffer: true,
} satisfies Prisma.OrganizationSelect;

type SettingsRow = Prisma.OrganizationGetPayload<{ select: typeof SETTINGS_SELECT }>;

export function toSettings(row: SettingsRow): OrganizationSettings {
  return {
    name: row.name,
    logoUrl: row.logoUrl,
    brandColor: row.brandColor,
    brandVoice: row.brandVoice,
    timezone: row.timezone,
    workingDays: row.workingDays,
    portalMaxActive: row.maxActivePortalActions,
    reviewSlaHours: row.submissionReviewSlaHours,
    reminderSpacingDays: row.portalReminderDays,
    reminderMaxCount: row.portalReminderMaxCount,
    handoffReminderHours: row.handoffReminderHours,
    defaultCsmChannelId: row.defaultCsmChannelId,
    workspaceMembersCanView: row.workspaceMembersCanView,
    executionNeedsApproval: row.executionNeedsApproval,
    approverMustDiffer: row.approverMustDiffer,
  };
}

/** The update that stores the given settings. */
export function toColumns(settings: Partial<OrganizationSettings>): Prisma.OrganizationUpdateInput {
  return {
    name: settings.name,
    logoUrl: settings.logoUrl,
    brandColor: settings.brandColor,
    brandVoice: settings.brandVoice,
    timezone: settings.timezone,
    workingDays: settings.workingDays,
    maxActivePortalActions: settings.portalMaxActive,
    submissionReviewSlaHours: settings.reviewSlaHours,
    portalReminderDays: settings.reminderSpacingDays,
    portalReminderMaxCount: settings.reminderMaxCount,
    handoffReminderHours: settings.handoffReminderHours,
    defaultCsmChannelId: settings.defaultCsmChannelId,
    workspaceMembersCanView: settings.workspaceMembersCanView,
    executionNeedsApproval: settings.executionNeedsApproval,
    approverMustDiffer: settings.approverMustDiffer,
  };
}

/** What people call each setting, in screens, confirmations and the command line. */
export const SETTING_LABELS: Readonly<Record<keyof OrganizationSettings, string>> = {
  name: 'Organisation name',
  logoUrl: 'Logo URL',
  brandColor: 'Brand colour',
  brandVoice: 'Brand voice',
  timezone: 'Timezone',
  workingDays: 'Working days',
  portalMaxActive: 'Portal throttle (active requests)',
  reviewSlaHours: 'Submission review SLA (hours)',
  reminderSpacingDays: 'Reminder spacing (business days)',
  reminderMaxCount: 'Maximum reminders',
  handoffReminderHours: 'Handoff reminder (business hours)',
  defaultCsmChannelId: 'Default CSM channel',
  workspaceMembersCanView: 'Workspace members can view',
  executionNeedsApproval: 'Executing needs an approval',
  approverMustDiffer: 'Four eyes (approver is not the executor)',
};

/** A setting's value as plain words ("none" for a cleared one); surfaces escape it for their own medium. */
export function describeSetting<K extends keyof OrganizationSettings>(key: K, value: OrganizationSettings[K]): string {
  if (value === null) return 'none';
  if (key === 'workingDays' && Array.isArray(value)) return describeWorkingDays(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
