/**
 * The People modal: everyone added to Thread with their role, a page at a time. Admins get a role select beside each
 * person (a change is saved at once and the modal is rebuilt on the same page) and an "Add a person" form as the
 * modal's submission; everyone else sees the same list read only. Previous and Next carry the first person's index
 * of the page they show, and the modal keeps its own page in private_metadata, so every person of an organisation of
 * any size can be reached within Slack's 100 blocks.
 */
import type { ActionsBlock, KnownBlock, ModalView, PlainTextOption, SectionBlock } from '@slack/types';
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles';
import type { PersonSummary } from '../../services/people/person-summary';
import { ACTIONS, PEOPLE_FIELDS, VIEWS } from '../ids';
import { inputBlock } from './input-block';
import { modalShell } from './modal-shell';
import { button, context, LIMITS, mrkdwnSection, plain, safe } from './text';

/** People on one page: with the heading, notice, page controls and add form, well inside Slack's 100 blocks. */
export const PEOPLE_PER_PAGE = 50;

export interface PeopleScreen {
  people: readonly PersonSummary[];
  /** The viewer may change roles and add people (an admin). */
  canManage: boolean;
  /** What the last change did or why it was refused, as plain words. */
  notice?: string;
  /** The index of a person on the page to show (the page's first, as Previous and Next send it); the first page by default. */
  offset?: number;
}

/** What the People modal keeps in private_metadata: the index of its page's first person. */
export interface PeopleModalMetadata {
  offset: number;
}

/** The first index of the page holding `offset`, kept within the list (a list that shrank shows its last page). */
export function peoplePageStart(count: number, offset: number): number {
  if (count <= PEOPLE_PER_PAGE) return 0;
  const page = (i: number) => Math.floor(i / PEOPLE_PER_PAGE) * PEOPLE_PER_PAGE;
  return Math.min(page(Math.max(0, Math.floor(offset))), page(count - 1));
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

function pageControls(start: number, count: number): KnownBlock[] {
  const end = Math.min(start + PEOPLE_PER_PAGE, count);
  const controls: ActionsBlock = { type: 'actions', elements: [] };
  if (start > 0) {
    controls.elements.push(button('← Previous', ACTIONS.peoplePrevious, String(start - PEOPLE_PER_PAGE)));
  }
  if (end < count) controls.elements.push(button('Next →', ACTIONS.peopleNext, String(end)));
  return [context(`Showing ${start + 1}–${end} of ${count}, admins first, then by name.`), controls];
}

export function buildPeopleModal(s: PeopleScreen): ModalView {
  const start = peoplePageStart(s.people.length, s.offset ?? 0);
  const shown = s.people.slice(start, start + PEOPLE_PER_PAGE);
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
  if (s.people.length > PEOPLE_PER_PAGE) blocks.push(...pageControls(start, s.people.length));
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
    privateMetadata: JSON.stringify({ offset: start } satisfies PeopleModalMetadata),
    blocks,
  });
}
