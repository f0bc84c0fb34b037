import type { ModalView, PlainTextOption } from '@slack/types';
import { CONTACT_ROLE_NAMES, CONTACT_ROLES, type ContactRole } from '../../domain/contact-rules';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import type { ContactView } from '../../services/contacts/contact-change';
import { CONTACT_FIELDS as F, VIEWS } from '../ids';
import { inputBlock, textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { context, LIMITS, plain, safe } from './text';

export interface ContactModalInput {
  accountId: string;
  accountName: string;
  /** The contact being edited; absent when adding one. */
  contact?: ContactView;
  /** The card's response_url, so the card is shown again with the change. */
  responseUrl?: string;
}

function roleOption(role: ContactRole): PlainTextOption {
  const name = CONTACT_ROLE_NAMES[role];
  return { text: plain(`${name.charAt(0).toUpperCase()}${name.slice(1)}`, LIMITS.optionText), value: role };
}

/** The roles a person can pick, in the order of the domain's list; also the `/thread new` second contact's. */
export function contactRoleOptions(): PlainTextOption[] {
  return CONTACT_ROLES.map(roleOption);
}

/** Add contact / Edit on the account card: name, email, title, role on the project and, optionally, their Slack user. */
export function buildContactModal(m: ContactModalInput): ModalView {
  const c = m.contact;
  const initialRole = roleOption(c?.role ?? 'champion');
  return modalShell({
    callbackId: VIEWS.contact,
    title: c ? 'Edit contact' : 'Add contact',
    submit: 'Save',
    privateMetadata: modalMetadata(
      { accountId: m.accountId, contactId: c?.id, responseUrl: m.responseUrl },
      { accountId: m.accountId, contactId: c?.id },
    ),
    blocks: [
      context(`A contact of *${safe(m.accountName, 200)}*.`),
      textInputBlock(F.name, 'Name', { initial: c?.name, max: 200, placeholder: 'Sam Rivera' }),
      inputBlock(F.email, 'Email', {
        type: 'email_text_input',
        placeholder: plain('sam@acme.io', LIMITS.placeholder),
        ...(c ? { initial_value: c.email } : {}),
      }),
      textInputBlock(F.title, 'Title', {
        initial: c?.title ?? undefined,
        max: 200,
        optional: true,
        placeholder: 'Head of IT',
      }),
      inputBlock(
        F.role,
        'Role on the project',
        { type: 'static_select', options: contactRoleOptions(), initial_option: initialRole },
        { hint: 'One contact is the primary: making this one primary makes the current primary a champion.' },
      ),
      inputBlock(
        F.slackUser,
        'Their Slack user',
        {
          type: 'users_select',
          placeholder: plain('For DMs, when they are in a shared channel', LIMITS.placeholder),
          ...(c?.slackUserId && SLACK_USER_ID.test(c.slackUserId) ? { initial_user: c.slackUserId } : {}),
        },
        { optional: true },
      ),
    ],
  });
}
