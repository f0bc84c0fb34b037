import type { ModalView } from '@slack/types';
import { START_WITHOUT_HANDOFF_REASON_MAX } from '../../domain/handoff-questions';
import { FIELDS, VIEWS } from '../ids';
import { textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { context, mrkdwnSection, safe } from './text';

export interface StartWithoutHandoffModalInput {
  accountId: string;
  accountName: string;
  aeName: string | null;
  /** The card's response_url, to show the card again once the plan has started. */
  responseUrl?: string;
}

/** Start plan anyway, from the account card: the reason is required; the AE's handoff is still taken afterwards. */
export function buildStartWithoutHandoffModal(m: StartWithoutHandoffModalInput): ModalView {
  const meta = { accountId: m.accountId, responseUrl: m.responseUrl };
  return modalShell({
    callbackId: VIEWS.handoffStartAnyway,
    title: 'Start plan anyway',
    submit: 'Start the plan',
    privateMetadata: modalMetadata(meta, { accountId: m.accountId }),
    blocks: [
      mrkdwnSection(
        `Start the plan of *${safe(m.accountName, 200)}* without waiting for the handoff${m.aeName ? ` from ${safe(m.aeName, 100)}` : ''}? The first milestone starts from the planned kickoff (today if it has passed) and the first actions are scheduled.`,
      ),
      textInputBlock(FIELDS.reason, 'Why can the plan not wait?', {
        multiline: true,
        max: START_WITHOUT_HANDOFF_REASON_MAX,
        hint: 'Required; kept on the account and the audit trail.',
      }),
      context('The AE can still submit the handoff afterwards: you get it, it only no longer starts anything.'),
    ],
  });
}
