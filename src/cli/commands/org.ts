import { InvalidArgumentError, type Command } from 'commander';
import { isAppError } from '../../lib/errors';
import { findOperatorOrganization } from '../../services/organizations/find-operator-organization';
import { getSettings } from '../../services/organizations/get-settings';
import {
  describeSetting,
  SETTING_KEYS,
  SETTING_LABELS,
  type OrganizationSettings,
} from '../../services/organizations/organization-settings';
import { updateSettings, type UpdateSettingsOptions } from '../../services/organizations/update-settings';
import { ORG_FLAG, ORG_FLAG_HELP } from '../org-option';
import { withSession } from '../session';
import { formatTable } from '../table';

/** Each setting's flag, so a refused setting is named the way the operator typed it. */
export const SETTING_FLAGS: Readonly<Record<keyof OrganizationSettings, string>> = {
  name: '--name',
  logoUrl: '--logo-url',
  brandColor: '--brand-color',
  brandVoice: '--brand-voice',
  timezone: '--timezone',
  workingDays: '--working-days',
  portalMaxActive: '--portal-max-active',
  reviewSlaHours: '--review-sla-hours',
  reminderSpacingDays: '--reminder-days',
  reminderMaxCount: '--max-reminders',
  handoffReminderHours: '--handoff-reminder-hours',
  defaultCsmChannelId: '--csm-channel',
  workspaceMembersCanView: '--workspace-can-view',
  executionNeedsApproval: '--execution-needs-approval',
  approverMustDiffer: '--four-eyes',
};

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A number as typed; the service says whether it is in range (and whole). */
function number(value: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/** "mon,tue,fri" or "1,2,5" (1 is Monday). */
function weekdays(value: string): number[] {
  return value
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '')
    .map((d) => {
      const named = DAYS.indexOf(d.slice(0, 3));
      if (/^\d+$/.test(d)) return Number(d);
      if (named >= 0 && DAYS[named] === d.slice(0, 3)) return named + 1;
      throw new InvalidArgumentError(`"${d}" is not a weekday; use mon…sun or 1…7, comma separated`);
    });
}

function yesNo(value: string): boolean {
  if (/^(yes|true|on)$/i.test(value)) return true;
  if (/^(no|false|off)$/i.test(value)) return false;
  throw new InvalidArgumentError('expected yes or no');
}

function onOff(value: string): boolean {
  if (/^(on|yes|true)$/i.test(value)) return true;
  if (/^(off|no|false)$/i.test(value)) return false;
  throw new InvalidArgumentError('expected on or off');
}

/** `none` clears a setting that may be empty (the logo, the default CSM channel). */
const orNone = (value: string): string | null => (value.trim().toLowerCase() === 'none' ? null : value);

/** Prints each refused setting on its own line, by its flag, and fails the command; anything else is rethrown. */
export function printFieldErrors(error: unknown, flagOf: Record<string, string>): void {
  if (!isAppError(error) || error.fields.length === 0) throw error;
  for (const f of error.fields) {
    const key = f.field.replace(/^settings\./, '');
    console.error(`thread: ${flagOf[key] ?? key}: ${f.message}`);
  }
  process.exitCode = 1;
}

export function registerOrgCommands(program: Command): void {
  const org = program.command('org').description("the organisation's settings: show, set");

  org
    .command('show')
    .description('print every setting of the organisation')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (opts: { org?: string }) => {
      await withSession(async ({ ctx }) => {
        const found = await findOperatorOrganization(ctx, { org: opts.org });
        const settings = await getSettings(ctx, { organizationId: found.id, actor: 'cli' });
        console.log(
          formatTable(
            ['setting', 'flag', 'value'],
            SETTING_KEYS.map((k) => [SETTING_LABELS[k], SETTING_FLAGS[k], describeSetting(k, settings[k])]),
          ),
        );
      });
    });

  org
    .command('set')
    .description('change settings; only those given change, all or nothing, each audited from → to')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .option('--name <name>', "the organisation's name (the portal's heading, the sender of emails)")
    .option('--logo-url <https url|none>', 'an https image address, or none', orNone)
    .option('--brand-color <#rrggbb>', 'a colour dark enough for white text (WCAG AA)')
    .option('--brand-voice <text>', 'how drafts should sound')
    .option('--timezone <iana>', 'an IANA zone, e.g. Europe/Berlin')
    .option('--working-days <days>', 'e.g. mon,tue,wed,thu,fri', weekdays)
    .option('--portal-max-active <n>', 'portal requests a customer sees open at once (1–10)', number)
    .option('--review-sla-hours <n>', 'hours to review a customer submission', number)
    .option('--reminder-days <n>', 'business days before and between portal reminders', number)
    .option('--max-reminders <n>', 'reminders for one unanswered portal request', number)
    .option(
      '--handoff-reminder-hours <n>',
      'business hours before the AE is reminded of a handoff (the CSM and admins hear after twice as many)',
      number,
    )
    .option(
      '--csm-channel <channel id|none>',
      'default CSM channel id (C…); Slack membership is checked in Slack only',
      orNone,
    )
    .option('--workspace-can-view <yes|no>', 'whether anyone in the workspace may view Thread', yesNo)
    .option(
      '--execution-needs-approval <on|off>',
      'whether a draft must be approved before it is executed (email, Slack message, portal request)',
      onOff,
    )
    .option('--four-eyes <on|off>', 'whether the approver must be someone other than the executor', onOff)
    .action(
      async (opts: {
        org?: string;
        name?: string;
        logoUrl?: string | null;
        brandColor?: string;
        brandVoice?: string;
        timezone?: string;
        workingDays?: number[];
        portalMaxActive?: number;
        reviewSlaHours?: number;
        reminderDays?: number;
        maxReminders?: number;
        handoffReminderHours?: number;
        csmChannel?: string | null;
        workspaceCanView?: boolean;
        executionNeedsApproval?: boolean;
        fourEyes?: boolean;
      }) => {
        const settings: NonNullable<UpdateSettingsOptions['settings']> = {
          name: opts.name,
          logoUrl: opts.logoUrl,
          brandColor: opts.brandColor,
          brandVoice: opts.brandVoice,
          timezone: opts.timezone,
          workingDays: opts.workingDays,
          portalMaxActive: opts.portalMaxActive,
          reviewSlaHours: opts.reviewSlaHours,
          reminderSpacingDays: opts.reminderDays,
          reminderMaxCount: opts.maxReminders,
          handoffReminderHours: opts.handoffReminderHours,
          defaultCsmChannelId: opts.csmChannel,
          workspaceMembersCanView: opts.workspaceCanView,
          executionNeedsApproval: opts.executionNeedsApproval,
          approverMustDiffer: opts.fourEyes,
        };
        const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
        if (Object.keys(given).length === 0) {
          throw new InvalidArgumentError('give at least one setting to change; see thread org set --help');
        }
        await withSession(async ({ ctx, imageProbe }) => {
          const found = await findOperatorOrganization(ctx, { org: opts.org });
          try {
            const saved = await updateSettings(
              ctx,
              { organizationId: found.id, actor: 'cli', settings: given },
              { imageProbe },
            );
            if (saved.changed.length === 0) {
              console.log(`Nothing changed in "${saved.settings.name}": every setting already had that value.`);
              return;
            }
            for (const k of saved.changed) {
              console.log(
                `${SETTING_LABELS[k]}: ${describeSetting(k, saved.previous[k])} → ${describeSetting(k, saved.settings[k])}`,
              );
            }
          } catch (error) {
            printFieldErrors(error, SETTING_FLAGS);
          }
        });
      },
    );
}
