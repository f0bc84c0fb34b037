/**
 * A portal request in the account's shared channel with the customer: the post made when it is sent (Answer here for
 * a form, Open the portal for a document: uploads stay in the portal), the form as a modal with the portal's own
 * fields, and what the person who clicked is told. The customer's side reads these, so they never show Thread's
 * internals; every text from a template or a person is escaped and cut to Slack's limits.
 */
import type { InputBlockElement, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { FormField } from '../../domain/template';
import type { CustomerChannelRequest } from '../../services/portal/claim-customer-channel-post';
import type { ClosedCustomerChannelPost } from '../../services/portal/get-closed-customer-channel-post';
import type { ChannelAnswerForm } from '../../services/portal/get-channel-answer-form';
import type { ChannelPortalOpening } from '../../services/portal/open-portal-from-channel';
import { ACTIONS, VIEWS } from '../ids';
import { inputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import type { SlackMessage } from './slack-message';
import { button, context, formatDate, header, LIMITS, mrkdwnSection, plain, safe, truncate } from './text';

/** The portal's own limit on a one-line answer (domain/portal-form.ts); Slack counts it as the customer types. */
const TEXT_MAX = 1_000;
/** A long answer: the portal takes 10,000 characters, Slack's text input at most 3,000. */
const LONG_TEXT_MAX = 3_000;
/** Slack's static select takes at most 100 options, each value at most 150 characters. */
const MAX_SELECT_OPTIONS = 100;
const OPTION_VALUE_MAX = 150;
/** Room left in a modal's 100 blocks for the fields, after the introduction. */
const MAX_FIELDS = LIMITS.viewBlocks - 2;
const BLOCK_PREFIX = 'answer_';

/** The input block (and element) id of the form's field at `index`. */
export function answerBlockId(index: number): string {
  return `${BLOCK_PREFIX}${index}`;
}

/** How a select option travels in Slack: its own text, cut to what a value may hold. */
export function answerOptionValue(option: string): string {
  return truncate(option, OPTION_VALUE_MAX);
}

/** What the modal carries to its submission: the request, its channel, and the field keys it was built with. */
export interface AnswerFormMetadata {
  actionId: string;
  channel: string;
  /** Absent when they did not fit; then a changed form is caught by the validation alone. */
  keys?: string[];
}

/** The post in the customer channel when a portal request is sent. */
export function buildCustomerChannelRequest(request: Omit<CustomerChannelRequest, 'until'>): SlackMessage {
  const from = request.csmName
    ? `${safe(request.csmName, 100)} at ${safe(request.organizationName, 200)}`
    : safe(request.organizationName, 200);
  const blocks: KnownBlock[] = [header(request.title)];
  if (request.purpose.trim()) blocks.push(mrkdwnSection(safe(request.purpose.trim(), LIMITS.sectionText)));
  if (request.kind === 'form') {
    blocks.push(
      { type: 'actions', elements: [button('Answer here', ACTIONS.answerHere, request.actionId, 'primary')] },
      context(`Asked by ${from}. Answer here or in your onboarding portal; one answer is enough.`),
    );
  } else {
    blocks.push(
      mrkdwnSection('Uploads are made in your onboarding portal, where the file stays private to your team and ours.'),
      { type: 'actions', elements: [button('Open the portal', ACTIONS.openPortal, request.actionId, 'primary')] },
      context(`Asked by ${from}.`),
    );
  }
  return { text: `${safe(request.organizationName, 200)} asks: ${safe(request.title, 500)}`, blocks };
}

/** The same post once the request is answered (anywhere) or withdrawn: its button goes, so nobody answers twice. */
export function buildCustomerChannelRequestClosed(post: ClosedCustomerChannelPost): SlackMessage {
  const blocks: KnownBlock[] = [header(post.title)];
  if (post.purpose.trim()) blocks.push(mrkdwnSection(safe(post.purpose.trim(), LIMITS.sectionText)));
  blocks.push(
    context(
      post.outcome === 'answered'
        ? ':white_check_mark: Answered, thank you: nothing more is needed here.'
        : 'No longer needed: nothing to do here.',
    ),
  );
  const state = post.outcome === 'answered' ? 'answered' : 'no longer needed';
  return { text: `${safe(post.title, 500)}: ${state}`, blocks };
}

function option(text: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value: answerOptionValue(text) };
}

function elementFor(field: FormField): InputBlockElement {
  switch (field.kind) {
    case 'long_text':
      return { type: 'plain_text_input', multiline: true, max_length: LONG_TEXT_MAX };
    case 'date':
      return { type: 'datepicker' };
    case 'checkbox':
      return { type: 'checkboxes', options: [{ text: plain('Yes', LIMITS.optionText), value: 'on' }] };
    case 'select': {
      const options = (field.options ?? []).slice(0, MAX_SELECT_OPTIONS).map(option);
      if (options.length > 0)
        return { type: 'static_select', placeholder: plain('Choose one', LIMITS.placeholder), options };
      return { type: 'plain_text_input', max_length: TEXT_MAX };
    }
    // Email, web address and number are typed as text, so the portal's own checks and messages apply to them.
    case 'email':
    case 'url':
    case 'number':
    case 'text':
      return { type: 'plain_text_input', max_length: TEXT_MAX };
  }
}

/** The form as a modal: one input per field, in the portal's order, required where the portal requires it. */
export function buildAnswerFormModal(form: Extract<ChannelAnswerForm, { kind: 'form' }>, channel: string): ModalView {
  const intro = mrkdwnSection(
    `*${safe(form.title, 300)}* for ${safe(form.accountName, 200)}${form.purpose.trim() ? `\n${safe(form.purpose.trim(), 2000)}` : ''}`,
  );
  const meta: AnswerFormMetadata = { actionId: form.actionId, channel, keys: form.fields.map((f) => f.key) };
  const essential: AnswerFormMetadata = { actionId: form.actionId, channel };
  if (form.fields.length > MAX_FIELDS) {
    return modalShell({
      title: 'Answer',
      close: 'Close',
      blocks: [
        intro,
        mrkdwnSection('This form is longer than Slack can show: please answer it in your onboarding portal.'),
      ],
    });
  }
  return modalShell({
    callbackId: VIEWS.answerForm,
    title: 'Answer',
    submit: 'Send answer',
    privateMetadata: modalMetadata(meta, essential),
    blocks: [
      intro,
      ...form.fields.map((field, i) =>
        inputBlock(answerBlockId(i), field.label, elementFor(field), {
          optional: !field.required,
          ...(field.help ? { hint: field.help } : {}),
        }),
      ),
    ],
  });
}

/** What replaces the modal once the answer is in. */
export function buildAnswerThanksModal(title: string): ModalView {
  return modalShell({
    title: 'Answer sent',
    close: 'Close',
    blocks: [
      mrkdwnSection(
        `:white_check_mark: Thank you: your answer to *${safe(title, 300)}* is in, and the onboarding team has been told.`,
      ),
    ],
  });
}

/**
 * The polite refusal of someone in the vendor's own workspace: the request is the customer's to answer, in their
 * name, so a colleague of the CSM is pointed at the portal preview or at the customer.
 */
export function buildVendorSideRefusal(refused: { accountName: string; organizationName: string }): SlackMessage {
  const account = safe(refused.accountName, 200);
  const text =
    `:wave: This request is for ${account} to answer. You are in ${safe(refused.organizationName, 200)}'s own workspace, ` +
    `so Thread does not take an answer from you in their name. To see what they see, open the portal preview; ` +
    `to get it answered, ask ${account} here in the channel.`;
  return {
    text: `This request is for ${safe(refused.accountName, 200)} to answer.`,
    blocks: [mrkdwnSection(text)],
  };
}

/** The same refusal in place of a modal (a form opened before, submitted by someone who may not answer). */
export function buildVendorSideRefusalModal(refused: { accountName: string; organizationName: string }): ModalView {
  return modalShell({ title: 'Not sent', close: 'Close', blocks: buildVendorSideRefusal(refused).blocks });
}

/** Open the portal, answered to the person who clicked it only. */
export function buildOpenPortalReply(opening: Exclude<ChannelPortalOpening, { kind: 'vendor_side' }>): SlackMessage {
  if (opening.kind === 'no_contact') {
    const text =
      `Uploads for *${safe(opening.title, 300)}* are made in ${safe(opening.accountName, 200)}'s onboarding portal. ` +
      'Open it from the link in the email your team received, or ask your onboarding contact for a link of your own.';
    return {
      text: `Uploads for ${safe(opening.title, 300)} are made in the onboarding portal.`,
      blocks: [mrkdwnSection(text)],
    };
  }
  // The URL is Thread's own (PUBLIC_URL, a random token, an action id); a `|` or `>` would still break the link syntax.
  const href = opening.url.replace(/[<>|\s`]/g, encodeURIComponent);
  // In mrkdwn an & is written &amp;, inside a link too.
  const url = href.replace(/&/g, '&amp;');
  return {
    text: `Your portal link for ${safe(opening.title, 300)}: ${url}`,
    blocks: [
      mrkdwnSection(`:link: <${url}|Open *${safe(opening.title, 300)}* in your onboarding portal>`),
      context(
        `This link is yours: it opens your portal until ${formatDate(opening.expiresAt)}. Only you see this message.`,
      ),
    ],
  };
}
