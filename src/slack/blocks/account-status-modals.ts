/**
 * The end of an onboarding, from the account card: Reopen (a completed or churned account, admins) with an optional
 * reason, and Mark churned with the reason required. Both carry the card's response_url so the card is shown again.
 */
import type { ModalView } from '@slack/types';
import { CHURN_REASON_MAX } from '../../domain/account-state';
import { FIELDS, VIEWS } from '../ids';
import { textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { context, formatDate, mrkdwnSection, safe } from './text';

export interface AccountStatusModalInput {
  accountId: string;
  accountName: string;
  status: string;
  /** The go-live day of a completed account, to say what reopening clears. */
  liveSince?: Date | null;
  responseUrl?: string;
}

function metadata(m: AccountStatusModalInput): string {
  return modalMetadata({ accountId: m.accountId, responseUrl: m.responseUrl }, { accountId: m.accountId });
}

export function buildReopenAccountModal(m: AccountStatusModalInput): ModalView {
  const name = `*${safe(m.accountName, 200)}*`;
  const what =
    m.status === 'churned'
      ? `${name} is churned. Reopened, it is active again, its churn reason is cleared, and Thread’s scheduler works for it again.`
      : `${name} is live${m.liveSince ? ` since ${formatDate(m.liveSince)}` : ''}. Reopened, it is active again: its go-live date and time to value are cleared and its last milestone is in progress again, so completing that milestone makes it live anew.`;
  return modalShell({
    callbackId: VIEWS.reopenAccount,
    title: 'Reopen account',
    submit: 'Reopen',
    privateMetadata: metadata(m),
    blocks: [
      mrkdwnSection(what),
      textInputBlock(FIELDS.reason, 'Why reopen it', {
        optional: true,
        multiline: true,
        max: 1000,
        hint: 'Optional; kept on the audit trail.',
      }),
      context('The previous go-live or churn stays on the audit trail.'),
    ],
  });
}

export function buildMarkChurnedModal(m: AccountStatusModalInput): ModalView {
  return modalShell({
    callbackId: VIEWS.markChurned,
    title: 'Mark churned',
    submit: 'Mark churned',
    privateMetadata: metadata(m),
    blocks: [
      mrkdwnSection(
        `Mark *${safe(m.accountName, 200)}* churned? Thread stops its scheduled work for it: no more actions fire, no reminders, no digest lines and no at-risk suggestions. An admin can reopen it.`,
      ),
      textInputBlock(FIELDS.reason, 'Why did the customer leave?', {
        multiline: true,
        max: CHURN_REASON_MAX,
        hint: 'Required; shown on the account card and kept on the audit trail.',
      }),
    ],
  });
}
