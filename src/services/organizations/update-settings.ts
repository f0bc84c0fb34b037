import { z } from 'zod';
import { checkApprovalSettings } from '../../domain/approval-rule';
import { checkBrandColor } from '../../domain/brand-color';
import type { Checked } from '../../domain/checked';
import { checkLogoUrl, notAnImage } from '../../domain/logo-url';
import { checkBrandVoice, checkOrganizationName } from '../../domain/organization-text';
import { checkRangedSetting } from '../../domain/setting-ranges';
import { SLACK_CHANNEL_ID } from '../../domain/slack-ids';
import { checkTimeZone } from '../../domain/time-zones';
import { checkWorkingDays, describeWorkingDays } from '../../domain/working-days';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { fieldError, fieldErrors, type FieldProblem } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson, lockOrganization } from '../people/acting-person';
import {
  SETTING_KEYS,
  SETTINGS_SELECT,
  toColumns,
  toSettings,
  type OrganizationSettings,
} from './organization-settings';
import type { ImageProbe } from './image-probe-port';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: actingPersonSchema,
  /** Only the settings given change; null clears the logo or the default CSM channel. */
  settings: z
    .object({
      name: z.string(),
      logoUrl: z.string().nullable(),
      brandColor: z.string(),
      brandVoice: z.string(),
      timezone: z.string(),
      workingDays: z.array(z.number()),
      portalMaxActive: z.number(),
      reviewSlaHours: z.number(),
      reminderSpacingDays: z.number(),
      reminderMaxCount: z.number(),
      handoffReminderHours: z.number(),
      defaultCsmChannelId: z.string().nullable(),
      workspaceMembersCanView: z.boolean(),
      executionNeedsApproval: z.boolean(),
      approverMustDiffer: z.boolean(),
    })
    .partial()
    .strict(),
});

export type UpdateSettingsOptions = z.input<typeof optionsSchema>;
type ParsedOptions = z.output<typeof optionsSchema>;
type SettingsInput = ParsedOptions['settings'];

export interface UpdateSettingsDeps {
  /**
   * Asks a new logo URL whether it answers with an image. The server and the command line always hand in the real
   * one; without it (tests of other things) a new logo is saved on its address alone.
   */
  imageProbe?: ImageProbe;
}
type Key = keyof OrganizationSettings;

export interface UpdatedSettings {
  settings: OrganizationSettings;
  /** The settings as they were before this change, so a screen can say what changed from → to. */
  previous: OrganizationSettings;
  /** The settings whose value changed, in the order given. */
  changed: Key[];
}

function checkChannel(id: string): Checked<string> {
  const value = id.trim();
  return SLACK_CHANNEL_ID.test(value)
    ? { ok: true, value }
    : { ok: false, message: 'Pick the default CSM channel from the channel list (a channel id such as C012ABCDEF).' };
}

/** Every given setting through its domain rule; all problems at once, each under its own field. */
function validate(input: SettingsInput): Partial<OrganizationSettings> {
  const problems: FieldProblem[] = [];
  const valid: Partial<OrganizationSettings> = {};
  const take = <K extends Key>(field: K, checked: Checked<OrganizationSettings[K]>): void => {
    if (checked.ok) valid[field] = checked.value;
    else problems.push({ field, message: checked.message });
  };
  const s = input;
  if (s.name !== undefined) take('name', checkOrganizationName(s.name));
  if (s.logoUrl !== undefined)
    take('logoUrl', s.logoUrl === null ? { ok: true, value: null } : checkLogoUrl(s.logoUrl));
  if (s.brandColor !== undefined) take('brandColor', checkBrandColor(s.brandColor));
  if (s.brandVoice !== undefined) take('brandVoice', checkBrandVoice(s.brandVoice));
  if (s.timezone !== undefined) take('timezone', checkTimeZone(s.timezone));
  if (s.workingDays !== undefined) take('workingDays', checkWorkingDays(s.workingDays));
  if (s.portalMaxActive !== undefined)
    take('portalMaxActive', checkRangedSetting('portalMaxActive', s.portalMaxActive));
  if (s.reviewSlaHours !== undefined) take('reviewSlaHours', checkRangedSetting('reviewSlaHours', s.reviewSlaHours));
  if (s.reminderSpacingDays !== undefined)
    take('reminderSpacingDays', checkRangedSetting('reminderSpacingDays', s.reminderSpacingDays));
  if (s.reminderMaxCount !== undefined)
    take('reminderMaxCount', checkRangedSetting('reminderMaxCount', s.reminderMaxCount));
  if (s.handoffReminderHours !== undefined)
    take('handoffReminderHours', checkRangedSetting('handoffReminderHours', s.handoffReminderHours));
  if (s.defaultCsmChannelId !== undefined)
    take(
      'defaultCsmChannelId',
      s.defaultCsmChannelId === null ? { ok: true, value: null } : checkChannel(s.defaultCsmChannelId),
    );
  if (s.workspaceMembersCanView !== undefined) valid.workspaceMembersCanView = s.workspaceMembersCanView;
  if (s.executionNeedsApproval !== undefined) valid.executionNeedsApproval = s.executionNeedsApproval;
  if (s.approverMustDiffer !== undefined) valid.approverMustDiffer = s.approverMustDiffer;
  if (problems.length > 0) throw fieldErrors(problems);
  return valid;
}

/** Rules between settings, on the settings as they would be after the change (four eyes needs approvals on). */
function checkTogether(after: OrganizationSettings): void {
  const approval = checkApprovalSettings(after);
  if (!approval.ok) throw fieldErrors([{ field: 'approverMustDiffer', message: approval.message }]);
}

/** How a setting's value reads in the audit trail. */
function auditValue(key: Key, value: OrganizationSettings[Key]): string | null {
  if (value === null) return null;
  if (key === 'workingDays' && Array.isArray(value)) return describeWorkingDays(value);
  return String(value);
}

function copySetting<K extends Key>(to: Partial<OrganizationSettings>, from: Partial<OrganizationSettings>, key: K) {
  to[key] = from[key];
}

function same(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.join(',') === b.join(',') : a === b;
}

/**
 * The logo URL this change sets, asked of the address itself when it is new: it must answer with an image. Done
 * before the transaction, since the address may take seconds to answer, and only for an admin whose other settings
 * already pass, so nobody else can make Thread fetch an address and nothing is fetched for a change that fails.
 * Returns the URL that was checked, or undefined when none needed checking.
 */
async function checkNewLogo(ctx: ServiceContext, o: ParsedOptions, probe: ImageProbe): Promise<string | undefined> {
  if (typeof o.settings.logoUrl !== 'string') return undefined;
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'manage_settings', 'change the organisation settings');
  const url = validate(o.settings).logoUrl;
  if (!url) return undefined;
  const current = await ctx.prisma.organization.findUnique({
    where: { id: o.organizationId },
    select: { logoUrl: true },
  });
  if (!current || current.logoUrl === url) return undefined;
  const answer = await probe.probe(url);
  if (!answer.ok) throw fieldError('logoUrl', `Thread could not load the logo: ${answer.reason}.`);
  const problem = notAnImage(answer.contentType);
  if (problem) throw fieldError('logoUrl', problem);
  return url;
}

/**
 * Changes organisation settings (admins only). Every setting is checked by its domain rule first, and a new logo
 * URL must answer with an image; nothing is written unless all pass; each setting that changes gets its own audit
 * row, from → to, in the same transaction.
 */
export async function updateSettings(
  ctx: ServiceContext,
  input: UpdateSettingsOptions,
  deps: UpdateSettingsDeps = {},
): Promise<UpdatedSettings> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const checkedLogo = deps.imageProbe ? await checkNewLogo(ctx, o, deps.imageProbe) : undefined;
  const done = await ctx.prisma.$transaction(async (tx) => {
    await lockOrganization(tx, o.organizationId);
    const person = await loadActingPerson(tx, o.organizationId, o.actor);
    assertCapability(person, 'manage_settings', 'change the organisation settings');
    const wanted = validate(o.settings);
    const before = toSettings(
      await tx.organization.findUniqueOrThrow({ where: { id: o.organizationId }, select: SETTINGS_SELECT }),
    );
    const changed = SETTING_KEYS.filter((k) => wanted[k] !== undefined && !same(before[k], wanted[k]));
    if (changed.length === 0) return { settings: before, previous: before, changed };
    checkTogether({ ...before, ...wanted });
    // The logo looked unchanged before the transaction, but someone else changed it meanwhile: this one is unchecked.
    const newLogo = changed.includes('logoUrl') ? wanted.logoUrl : null;
    if (deps.imageProbe && newLogo && newLogo !== checkedLogo) {
      throw fieldError(
        'logoUrl',
        'Someone changed the logo while this was being saved; save again to have it checked.',
      );
    }

    const update: Partial<OrganizationSettings> = {};
    for (const key of changed) copySetting(update, wanted, key);
    const after = toSettings(
      await tx.organization.update({
        where: { id: o.organizationId },
        data: toColumns(update),
        select: SETTINGS_SELECT,
      }),
    );
    for (const key of changed) {
      await recordAuditEvent(tx, {
        organizationId: o.organizationId,
        entityType: 'organization',
        entityId: o.organizationId,
        actor: person.auditActor,
        from: auditValue(key, before[key]),
        to: auditValue(key, after[key]),
        reason: `setting ${key} changed`,
        data: { setting: key },
        at: now,
      });
    }
    return { settings: after, previous: before, changed };
  });
  ctx.changes?.peopleChanged(o.organizationId);
  return done;
}
