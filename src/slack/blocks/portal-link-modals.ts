import type { PortalContact, PortalContacts } from '../../services/portal/list-portal-contacts';
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { FIELDS, VIEWS } from '../ids';
import { inputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { context, LIMITS, mrkdwnSection, plain, safe } from './text';

/** What the portal link modals carry to their submission: the account, and where to reply ephemerally. */
export interface PortalLinkModalMetadata {
  accountId: string;
  responseUrl?: string;
}

/** A static select's options are capped at 100 by Slack. */
const MAX_OPTIONS = 100;
export const ALL_CONTACTS = 'all';

function metadata(meta: PortalLinkModalMetadata): string {
  // The response URL only lets the result be shown in place; without it the result comes as a DM.
  return modalMetadata(meta, { accountId: meta.accountId });
}

function contactOption(c: PortalContact, suffix = ''): PlainTextOption {
  return { text: plain(`${c.name} <${c.email}>${suffix}`, LIMITS.optionText), value: c.id };
}

function links(n: number): string {
  return `${n} active link${n === 1 ? '' : 's'}`;
}

function contactSelect(label: string, options: PlainTextOption[], initial: PlainTextOption): InputBlock {
  return inputBlock(FIELDS.contact, label, {
    type: 'static_select',
    options: options.slice(0, MAX_OPTIONS),
    initial_option: initial,
  });
}

/** Email portal link when the account has several contacts: whom to send the fresh link to (primary preselected). */
export function buildEmailPortalLinkModal(
  p: PortalContacts,
  meta: PortalLinkModalMetadata,
  emailEnabled: boolean,
): ModalView {
  const options = p.contacts.map((c) => contactOption(c, c.isPrimary ? ' (primary)' : ''));
  return modalShell({
    callbackId: VIEWS.emailPortalLink,
    title: 'Email portal link',
    submit: emailEnabled ? 'Send link' : 'Create link',
    privateMetadata: metadata(meta),
    blocks: [
      mrkdwnSection(`A fresh portal link for *${safe(p.accountName, 200)}*.`),
      contactSelect('Send it to', options, options[0]!),
      context(
        emailEnabled
          ? 'Thread emails the link from your name, with replies to you. Earlier links keep working until they expire or are revoked.'
          : ':warning: Email is off (SMTP_URL and EMAIL_FROM are not set): nothing is emailed. Thread shows you the new link to copy and send yourself.',
      ),
    ],
  });
}

/**
 * Revoke portal links: the confirmation, saying how many links stop working and what the customer then sees.
 * When more than one contact has live links, a picker narrows it to one contact (all of them by default).
 */
export function buildRevokePortalLinksModal(p: PortalContacts, meta: PortalLinkModalMetadata): ModalView {
  const holders = p.contacts.filter((c) => c.activeLinks > 0);
  const total = holders.reduce((sum, c) => sum + c.activeLinks, 0);
  const listed = holders
    .slice(0, 15)
    .map((c) => `• ${safe(c.name, 150)} (${safe(c.email, 254)}): ${links(c.activeLinks)}`);
  if (holders.length > listed.length) listed.push(`…and ${holders.length - listed.length} more contacts`);
  const all: PlainTextOption = {
    text: plain(`All contacts (${links(total)})`, LIMITS.optionText),
    value: ALL_CONTACTS,
  };
  return modalShell({
    callbackId: VIEWS.revokePortalLinks,
    title: 'Revoke portal links',
    submit: 'Revoke',
    privateMetadata: metadata(meta),
    blocks: [
      mrkdwnSection(
        `Revoke the portal links of *${safe(p.accountName, 200)}*? They stop working at once.\n${listed.join('\n')}`,
      ),
      ...(holders.length > 1
        ? [contactSelect('Whose links', [all, ...holders.map((c) => contactOption(c, ` (${c.activeLinks})`))], all)]
        : []),
      context(
        'Anyone who opens a revoked link sees a page asking them to ask their customer success manager for a new one. Email portal link sends a fresh one.',
      ),
    ],
  });
}
