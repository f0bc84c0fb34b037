import type { ConversationsSelect, ModalView } from '@slack/types';
import { SLACK_CHANNEL_ID } from '../../domain/slack-ids';
import { ACCOUNT_CHANNEL_FIELDS as F, VIEWS } from '../ids';
import { inputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { context, LIMITS, plain, safe } from './text';

export interface AccountChannelsModalInput {
  accountId: string;
  accountName: string;
  csmChannelId: string | null;
  customerChannelId: string | null;
  /** The card's response_url, so the card is shown again with the new channels. */
  responseUrl?: string;
}

function channelSelect(placeholder: string, initial: string | null): ConversationsSelect {
  return {
    type: 'conversations_select',
    placeholder: plain(placeholder, LIMITS.placeholder),
    filter: { include: ['public', 'private'], exclude_bot_users: true },
    ...(initial && SLACK_CHANNEL_ID.test(initial) ? { initial_conversation: initial } : {}),
  };
}

/** The account card's Channels button: where its review cards go, and the channel shared with the customer. */
export function buildAccountChannelsModal(m: AccountChannelsModalInput): ModalView {
  return modalShell({
    callbackId: VIEWS.accountChannels,
    title: 'Channels',
    submit: 'Save',
    privateMetadata: modalMetadata({ accountId: m.accountId, responseUrl: m.responseUrl }, { accountId: m.accountId }),
    blocks: [
      context(`Slack places of *${safe(m.accountName, 200)}*. Thread must be a member of each channel you choose.`),
      inputBlock(
        F.csmChannel,
        'CSM channel (review cards)',
        channelSelect('The organisation’s default', m.csmChannelId),
        {
          optional: true,
          hint: 'Where the review cards of this account go. Empty: the organisation’s default channel.',
        },
      ),
      inputBlock(
        F.customerChannel,
        'Customer channel',
        channelSelect('A Slack Connect or shared channel', m.customerChannelId),
        {
          optional: true,
          hint: 'The channel you share with the customer; Slack-message actions post there.',
        },
      ),
    ],
  });
}
