/**
 * Asking a CSM whose email Slack hides for the address customers should reply to: the prompt (a DM, or the refusal
 * of a customer email) with the button that opens the modal, and the modal itself.
 */
import type { ModalView } from '@slack/types';
import { ACTIONS, FIELDS, VIEWS } from '../ids';
import { textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import type { SlackMessage } from './slack-message';
import { button, context, LIMITS, mrkdwnSection, safe } from './text';

/** The longest address the modal accepts (RFC 5321's path limit). */
const MAX_EMAIL = 254;

const ASK =
  'Slack does not show your email address to Thread, so customers would have nowhere to reply to the email Thread ' +
  'sends for you. Give the address customers should reply to.';

/** The DM Thread sends once when it finds the CSM's email hidden; `userId` is whose address the button sets. */
export function buildReplyToEmailPrompt(userId: string): SlackMessage {
  return {
    text: ASK,
    blocks: [mrkdwnSection(`:envelope: ${ASK}`), { type: 'actions', elements: [replyToButton(userId)] }],
  };
}

/**
 * A refusal the person can act on at once: the sentence, then the button. `userId` is the CSM whose address is
 * missing. The sentence names that CSM as Slack does, so it is escaped: a name cannot mention or link.
 */
export function buildRefusalWithReplyToButton(refusal: string, userId: string): SlackMessage {
  const text = safe(refusal, LIMITS.sectionText);
  return { text, blocks: [mrkdwnSection(text), { type: 'actions', elements: [replyToButton(userId)] }] };
}

function replyToButton(userId: string) {
  return button('Set reply-to address', ACTIONS.openReplyToEmail, userId, 'primary');
}

/** The modal: one email field; its submission sets the address for `userId`. */
export function buildReplyToEmailModal(userId: string, current?: string | null): ModalView {
  return modalShell({
    callbackId: VIEWS.replyToEmail,
    title: 'Reply-to address',
    submit: 'Save',
    privateMetadata: modalMetadata({ id: userId }, { id: userId }),
    blocks: [
      mrkdwnSection(ASK),
      textInputBlock(FIELDS.replyToEmail, 'Address customers reply to', {
        initial: current ?? undefined,
        max: MAX_EMAIL,
        placeholder: 'name@yourcompany.com',
      }),
      context('Customers see your name as the sender; their replies go to this address.'),
    ],
  });
}
