/**
 * The People modal: everyone added to Thread with their role. Admins get a role select beside each person (a change
 * is saved at once and the modal is rebuilt) and an "Add a person" form as the modal's submission; everyone else
 * sees the same list read only.
 */
import type { KnownBlock, ModalView, PlainTextOption, SectionBlock } from '@slack/types';
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles';
import type { PersonSummary } from '../../services/people/person-summary';
import { ACTIONS, PEOPLE_FIELDS, VIEWS } from '../ids';
import { inputBlock } from './input-block';
import { modalShell } from './modal-shell';
import { context, LIMITS, mrkdwnSection, plain, safe } from './text';

/** People shown at once: the rest of Slack's 100 blocks go to the heading, the notice and the add form. */
export const PEOPLE_SHOWN = 80;

export interface PeopleScreen {
  people: readonly PersonSummary[];
  /** The viewer may change roles and add people (an admin). */
  canManage: boolean;
  /** What the last change did or why it was refused, as plain words. */
  notice?: string;
}

function roleLabel(role: Role): string {
  const name = ROLE_NAMES[role];
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

function roleOption(role: Role, value: string): PlainTextOption {
  return { text: plain(roleLabel(role), LIMITS.optionText), value };
}

/** The role select's option value: whose role, and which; parsed back by the role listener. */
export function personRoleValue(userId: string, role: Role): string {
  return `${role}:${userId}`;
}

function personLine(p: PersonSummary): string {
  const mention = p.slackUserId && /^[UW][A-Z0-9]{2,}$/.test(p.slackUserId) ? ` · <@${p.slackUserId}>` : '';
  const details = [p.title, p.email].filter((x): x is string => Boolean(x)).map((x) => safe(x, 150));
  return `*${safe(p.name, 150)}*${mention}${details.length ? ` · ${details.join(' · ')}` : ''}`;
}

function personBlock(p: PersonSummary, canManage: boolean): SectionBlock {
  const section = mrkdwnSection(`${personLine(p)}${canManage ? '' : `\n${roleLabel(p.role)}`}`);
  if (!canManage) return section;
  return {
    ...section,
    accessory: {
      type: 'static_select',
      action_id: ACTIONS.personRole,
      options: ROLES.map((r) => roleOption(r, personRoleValue(p.userId, r))),
      initial_option: roleOption(p.role, personRoleValue(p.userId, p.role)),
    },
  };
}

export function buildPeopleModal(s: PeopleScreen): ModalView {
  const shown = s.people.slice(0, PEOPLE_SHOWN);
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      s.canManage
        ? `*${s.people.length} ${s.people.length === 1 ? 'person' : 'people'} in Thread.* A role you pick is saved at once.`
        : `*${s.people.length} ${s.people.length === 1 ? 'person' : 'people'} in Thread.* Only admins change roles.`,
    ),
  ];
  if (s.notice) blocks.push(mrkdwnSection(safe(s.notice, LIMITS.sectionText)));
  blocks.push({ type: 'divider' });
  blocks.push(...shown.map((p) => personBlock(p, s.canManage)));
  if (s.people.length > shown.length) {
    blocks.push(
      context(`…and ${s.people.length - shown.length} more. \`npm run thread -- people list\` lists everyone.`),
    );
  }
  if (s.canManage) {
    blocks.push({ type: 'divider' });
    blocks.push(
      inputBlock(
        PEOPLE_FIELDS.user,
        'Add a person',
        { type: 'users_select' },
        { hint: 'Someone from this workspace.' },
      ),
      inputBlock(PEOPLE_FIELDS.role, 'Their role', {
        type: 'static_select',
        options: ROLES.map((r) => roleOption(r, r)),
        initial_option: roleOption('csm', 'csm'),
      }),
    );
  }
  return modalShell({
    callbackId: VIEWS.people,
    title: 'People',
    ...(s.canManage ? { submit: 'Add person' } : {}),
    close: 'Close',
    blocks,
  });
}
