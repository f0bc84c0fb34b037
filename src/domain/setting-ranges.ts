/** The whole-number settings of an organisation and the range each may take. */
import { accepted, refused, type Checked } from './checked';

export const SETTING_RANGES = {
  portalMaxActive: { label: 'The portal throttle', unit: 'active requests', min: 1, max: 10 },
  reviewSlaHours: { label: 'The review SLA', unit: 'hours', min: 1, max: 720 },
  reminderSpacingDays: { label: 'The reminder spacing', unit: 'business days', min: 1, max: 30 },
  reminderMaxCount: { label: 'The maximum number of reminders', unit: 'reminders', min: 0, max: 10 },
  handoffReminderHours: { label: 'The handoff reminder', unit: 'business hours', min: 1, max: 720 },
} as const;

export type RangedSetting = keyof typeof SETTING_RANGES;

export function checkRangedSetting(setting: RangedSetting, value: number): Checked<number> {
  const r = SETTING_RANGES[setting];
  if (!Number.isInteger(value) || value < r.min || value > r.max) {
    return refused(`${r.label} must be a whole number from ${r.min} to ${r.max} ${r.unit}; ${value} is not.`);
  }
  return accepted(value);
}
