/** The Settings modal's state as the settings updateSettings takes; what cannot be read is a field error. */
import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import type { OrganizationSettings } from '../../../services/organizations/organization-settings';
import { SETTING_LABELS } from '../../../services/organizations/organization-settings';
import type { UpdateSettingsOptions } from '../../../services/organizations/update-settings';
import { fieldErrors, type FieldProblem } from '../../../services/errors/field-errors';
import { SETTINGS_FIELDS } from '../../ids';

/** One input's entry in Slack's view state, narrowed to what the Settings modal's elements send. */
const entrySchema = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).optional(),
    selected_conversation: z.string().nullish(),
  })
  .partial();
type Entry = z.output<typeof entrySchema>;

type NumberKey =
  'portalMaxActive' | 'reviewSlaHours' | 'reminderSpacingDays' | 'reminderMaxCount' | 'handoffReminderHours';
const NUMBER_KEYS: readonly NumberKey[] = [
  'portalMaxActive',
  'reviewSlaHours',
  'reminderSpacingDays',
  'reminderMaxCount',
  'handoffReminderHours',
];

export type SettingsInput = NonNullable<UpdateSettingsOptions['settings']>;

function entry(view: Pick<ViewOutput, 'state'>, blockId: string): Entry {
  const parsed = entrySchema.safeParse(view.state.values[blockId]?.[blockId] ?? {});
  return parsed.success ? parsed.data : {};
}

/** The modal's block for each setting's errors, under the service's names ("brandColor", "settings.brandColor"). */
export function settingsBlockOfField(timezoneBlock: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const key of Object.keys(SETTING_LABELS) as (keyof OrganizationSettings)[]) {
    const block = key === 'timezone' ? timezoneBlock : SETTINGS_FIELDS[key];
    map[key] = block;
    map[`settings.${key}`] = block;
  }
  return map;
}

export interface SettingsForm {
  settings: SettingsInput;
  /** The block the timezone came from: the "another zone" field when filled, else the select. */
  timezoneBlock: string;
}

export function readSettingsForm(view: Pick<ViewOutput, 'state'>): SettingsForm {
  const F = SETTINGS_FIELDS;
  const text = (blockId: string) => entry(view, blockId).value?.trim() ?? '';
  const ticked = (blockId: string) => (entry(view, blockId).selected_options ?? []).length > 0;
  const otherZone = text(F.timezoneOther);
  const problems: FieldProblem[] = [];
  const numbers: Partial<Record<NumberKey, number>> = {};
  for (const key of NUMBER_KEYS) {
    const raw = text(F[key]);
    // A decimal reaches the service, whose sentence names the range; anything else is not a number at all.
    if (/^-?\d+(\.\d+)?$/.test(raw)) numbers[key] = Number(raw);
    else problems.push({ field: key, message: `${SETTING_LABELS[key]} must be a whole number.` });
  }
  if (problems.length) throw fieldErrors(problems);
  const logoUrl = text(F.logoUrl);
  return {
    timezoneBlock: otherZone ? F.timezoneOther : F.timezone,
    settings: {
      name: entry(view, F.name).value ?? '',
      logoUrl: logoUrl === '' ? null : logoUrl,
      brandColor: text(F.brandColor),
      brandVoice: entry(view, F.brandVoice).value ?? '',
      timezone: otherZone || (entry(view, F.timezone).selected_option?.value ?? ''),
      workingDays: (entry(view, F.workingDays).selected_options ?? []).map((o) => Number(o.value)),
      ...numbers,
      defaultCsmChannelId: entry(view, F.defaultCsmChannelId).selected_conversation ?? null,
      workspaceMembersCanView: ticked(F.workspaceMembersCanView),
      executionNeedsApproval: ticked(F.executionNeedsApproval),
      approverMustDiffer: ticked(F.approverMustDiffer),
    },
  };
}
