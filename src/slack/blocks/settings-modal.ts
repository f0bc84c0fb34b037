/**
 * The Settings modal (admins), the confirmation that replaces it once saved, and the sentence a non-admin gets.
 *
 * The timezone is a curated static select of common zones plus an "another zone" text field, not an
 * external_select: Slack caps a static select at 100 options and the runtime knows over 400 zones, while a
 * search-backed select needs an options-load URL in the app's manifest and a round trip per keystroke. The
 * common zones cover nearly everyone in two clicks; the text field takes any IANA name the service accepts.
 */
import type { Checkboxes, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { OrganizationSettings } from '../../services/organizations/organization-settings';
import { describeSetting, SETTING_LABELS } from '../../services/organizations/organization-settings';
import type { UpdatedSettings } from '../../services/organizations/update-settings';
import { ACTIONS, SETTINGS_FIELDS, VIEWS } from '../ids';
import { inputBlock, textInputBlock } from './input-block';
import { modalShell } from './modal-shell';
import type { SlackMessage } from './slack-message';
import { button, context, LIMITS, mrkdwnSection, plain, safe } from './text';

/** The zones offered in the select; the organisation's own is added when it is not one of them. */
export const COMMON_TIME_ZONES: readonly string[] = [
  'UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Helsinki',
  'Europe/Athens',
  'Europe/Istanbul',
  'Africa/Lagos',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Australia/Perth',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/St_Johns',
  'America/Halifax',
  'America/New_York',
  'America/Toronto',
  'America/Chicago',
  'America/Mexico_City',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Bogota',
  'America/Lima',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
/** The value of a ticked yes/no checkbox. */
const CAN_VIEW = 'yes';

/** One checkbox that is a yes/no setting: ticked when on. */
function switchBlock(blockId: string, label: string, optionText: string, on: boolean, hint: string) {
  const box = option(optionText, CAN_VIEW);
  const element: Checkboxes = { type: 'checkboxes', options: [box], ...(on ? { initial_options: [box] } : {}) };
  return inputBlock(blockId, label, element, { optional: true, hint });
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value };
}

function numberBlock(blockId: string, label: string, value: number, min: number, max: number, hint: string) {
  return inputBlock(
    blockId,
    label,
    {
      type: 'number_input',
      is_decimal_allowed: false,
      initial_value: String(value),
      min_value: String(min),
      max_value: String(max),
    },
    { hint },
  );
}

export function buildSettingsModal(s: OrganizationSettings): ModalView {
  const zones = COMMON_TIME_ZONES.includes(s.timezone) ? COMMON_TIME_ZONES : [s.timezone, ...COMMON_TIME_ZONES];
  const dayOptions = WEEKDAYS.map((d, i) => option(d, String(i + 1)));
  const working = dayOptions.filter((o) => s.workingDays.includes(Number(o.value)));
  const canViewOption = option('Anyone in the workspace can view Thread (read only)', CAN_VIEW);
  const workingDays: Checkboxes = {
    type: 'checkboxes',
    options: dayOptions,
    ...(working.length ? { initial_options: working } : {}),
  };
  const canView: Checkboxes = {
    type: 'checkboxes',
    options: [canViewOption],
    ...(s.workspaceMembersCanView ? { initial_options: [canViewOption] } : {}),
  };
  const F = SETTINGS_FIELDS;
  const blocks: KnownBlock[] = [
    {
      ...mrkdwnSection('*Connectors*: HubSpot (status, Test, token and rules).'),
      accessory: button('Connectors', ACTIONS.hubspotOpenConnectors, 'settings'),
    },
    textInputBlock(F.name, SETTING_LABELS.name, {
      initial: s.name,
      max: 100,
      hint: 'Customers see it in the portal and in emails.',
    }),
    textInputBlock(F.logoUrl, SETTING_LABELS.logoUrl, {
      initial: s.logoUrl ?? undefined,
      optional: true,
      max: 2048,
      placeholder: 'https://example.com/logo.png',
      hint: 'An https address of an image; leave empty for no logo.',
    }),
    textInputBlock(F.brandColor, SETTING_LABELS.brandColor, {
      initial: s.brandColor,
      max: 32,
      placeholder: '#4f46e5',
      hint: 'A #rrggbb colour dark enough for white text (WCAG AA, 4.5:1): the portal paints its buttons in it.',
    }),
    textInputBlock(F.brandVoice, SETTING_LABELS.brandVoice, {
      initial: s.brandVoice,
      multiline: true,
      max: 1000,
      hint: 'How drafts should sound, in a sentence or a short list.',
    }),
    inputBlock(F.timezone, SETTING_LABELS.timezone, {
      type: 'static_select',
      options: zones.map((z) => option(z, z)),
      initial_option: option(s.timezone, s.timezone),
    }),
    textInputBlock(F.timezoneOther, 'Another timezone', {
      optional: true,
      max: 64,
      placeholder: 'e.g. Asia/Kathmandu',
      hint: 'Any IANA zone name not in the list above; when filled it replaces the choice above.',
    }),
    inputBlock(F.workingDays, SETTING_LABELS.workingDays, workingDays),
    numberBlock(
      F.portalMaxActive,
      SETTING_LABELS.portalMaxActive,
      s.portalMaxActive,
      1,
      10,
      'Most portal requests a customer sees open at once, 1 to 10.',
    ),
    numberBlock(
      F.reviewSlaHours,
      SETTING_LABELS.reviewSlaHours,
      s.reviewSlaHours,
      1,
      720,
      'Hours a CSM has to review a customer’s submission.',
    ),
    numberBlock(
      F.reminderSpacingDays,
      SETTING_LABELS.reminderSpacingDays,
      s.reminderSpacingDays,
      1,
      30,
      'Business days before an unanswered portal request is reminded, and between reminders.',
    ),
    numberBlock(
      F.reminderMaxCount,
      SETTING_LABELS.reminderMaxCount,
      s.reminderMaxCount,
      0,
      10,
      'Reminders for one unanswered portal request; 0 sends none.',
    ),
    numberBlock(
      F.handoffReminderHours,
      SETTING_LABELS.handoffReminderHours,
      s.handoffReminderHours,
      1,
      720,
      'Business hours (working days only) before the AE is reminded of a handoff; the CSM and admins hear after twice as many.',
    ),
    inputBlock(
      F.defaultCsmChannelId,
      SETTING_LABELS.defaultCsmChannelId,
      {
        type: 'conversations_select',
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        ...(s.defaultCsmChannelId ? { initial_conversation: s.defaultCsmChannelId } : {}),
      },
      { optional: true, hint: 'Where review cards go when an account names no channel. Thread must be a member.' },
    ),
    inputBlock(F.workspaceMembersCanView, SETTING_LABELS.workspaceMembersCanView, canView, { optional: true }),
    switchBlock(
      F.executionNeedsApproval,
      SETTING_LABELS.executionNeedsApproval,
      'Approve a draft before it can be executed',
      s.executionNeedsApproval,
      'Emails, Slack messages and portal requests; internal tasks are not held. An edit clears the approval.',
    ),
    switchBlock(
      F.approverMustDiffer,
      SETTING_LABELS.approverMustDiffer,
      'The approver must be someone other than the executor',
      s.approverMustDiffer,
      'Four eyes: only with the setting above. The person who approved a draft cannot also execute it.',
    ),
    {
      type: 'actions',
      elements: [button('Handoff questions…', ACTIONS.handoffQuestionsOpen, 'settings')],
    },
    context('What the account executive answers when a deal closes: add, edit, reorder or remove the questions.'),
  ];
  return modalShell({ callbackId: VIEWS.settings, title: 'Settings', submit: 'Save', blocks });
}

/** The value of a setting as a line of mrkdwn: channels as Slack renders them, everything else escaped. */
function shown<K extends keyof OrganizationSettings>(key: K, value: OrganizationSettings[K]): string {
  if (key === 'defaultCsmChannelId' && typeof value === 'string' && /^[CG][A-Z0-9]{2,}$/.test(value))
    return `<#${value}>`;
  return `\`${safe(describeSetting(key, value), 1200)}\``;
}

/** What replaces the Settings modal once saved: every setting that changed, from → to, one section each. */
export function buildSettingsSavedModal(r: UpdatedSettings): ModalView {
  const count = r.changed.length === 1 ? 'One setting' : `${r.changed.length} settings`;
  const blocks: KnownBlock[] = r.changed.length
    ? [
        mrkdwnSection(`:white_check_mark: Saved. ${count} changed:`),
        ...r.changed.map((key) =>
          mrkdwnSection(`• *${SETTING_LABELS[key]}*: ${shown(key, r.previous[key])} → ${shown(key, r.settings[key])}`),
        ),
      ]
    : [mrkdwnSection('Nothing changed: every setting already had the value you gave.')];
  blocks.push(context('Changes take effect at once, in the portal, the scheduler and drafting.'));
  return modalShell({ title: 'Settings saved', close: 'Done', blocks });
}

/** For someone who may not change a thing an admin owns: who the admins are, so they know whom to ask. */
export function buildAdminsOnlyMessage(
  doing: string,
  admins: readonly { name: string; slackUserId: string | null }[],
): SlackMessage {
  // Twenty names fit any section; a mention is never cut in half.
  const names = admins
    .slice(0, 20)
    .map((a) =>
      a.slackUserId && /^[UW][A-Z0-9]{2,}$/.test(a.slackUserId) ? `<@${a.slackUserId}>` : safe(a.name, 100),
    );
  const who =
    names.length === 0
      ? 'Thread has no admin yet.'
      : `Ask ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}.`;
  const text = `Only admins can ${doing}. ${who}`;
  return { text, blocks: [mrkdwnSection(text)] };
}
