/**
 * The template suggestions modal (App Home → Analytics → Template suggestions): the steps that slip most across
 * accounts, each with the change Thread suggests, and Accept for admins. Everyone else reads the same list without
 * the buttons. After an Accept the modal is rebuilt in place with what happened at the top.
 */
import type { Button, KnownBlock, ModalView } from '@slack/types';
import type { SlipSuggestion } from '../../domain/slip-suggestions';
import type { SlipSuggestionList } from '../../services/templates/list-slip-suggestions';
import { ACTIONS, VIEWS } from '../ids';
import { modalMetadata, modalShell } from './modal-shell';
import { button, context, LIMITS, mrkdwnSection, plain, safe } from './text';

/** Three blocks a suggestion (text with its button, how it is measured, a divider) within Slack's 100. */
export const MAX_SUGGESTIONS_SHOWN = 25;

export interface SlipSuggestionsModalMetadata {
  /** The template the list was limited to, so an update after Accept shows the same list. */
  templateId: string | null;
}

function acceptButton(s: SlipSuggestion): Button {
  return {
    ...button('Accept', ACTIONS.acceptSlipSuggestion, s.id, 'primary'),
    confirm: {
      title: plain('Change the template?', 100),
      text: {
        type: 'mrkdwn',
        text: `${safe(s.templateName, 80)} becomes v${s.templateVersion + 1}: ${safe(s.changeWords, 150)}. Accounts already running keep their plan.`,
      },
      confirm: plain('Accept', 30),
      deny: plain('Cancel', 30),
    },
  };
}

function suggestionBlocks(s: SlipSuggestion, canAccept: boolean): KnownBlock[] {
  const text = `*${safe(s.templateName, 150)}* (v${s.templateVersion}) · ${safe(s.evidence, 100)}\n${safe(s.sentence, 2500)}`;
  const section = mrkdwnSection(text);
  return [
    canAccept ? { ...section, accessory: acceptButton(s) } : section,
    context(`Change: ${safe(s.changeWords, 1500)} · id \`${safe(s.id, 200)}\``),
    { type: 'divider' },
  ];
}

/** `notice`: what an Accept did, or why it did not, shown first; plain text (it names templates), escaped here. */
export function buildSlipSuggestionsModal(list: SlipSuggestionList, options: { notice?: string } = {}): ModalView {
  const { suggestions, canAccept, template } = list;
  const shown = suggestions.slice(0, MAX_SUGGESTIONS_SHOWN);
  const scope = template ? `*${safe(template.name, 150)}*` : 'every template';
  const blocks: KnownBlock[] = [
    ...(options.notice ? [mrkdwnSection(safe(options.notice, 2900))] : []),
    context(
      `The steps of ${scope} that put most accounts behind plan, and a change to the template for each. ` +
        (canAccept
          ? 'Accepting one makes a new version of the template; accounts already running keep their plan.'
          : 'Only admins can accept a suggestion.'),
    ),
  ];
  if (shown.length === 0) {
    blocks.push(
      mrkdwnSection(
        '_Nothing to suggest yet: no template step has put several accounts behind plan in a way a change to the template would help._',
      ),
    );
  }
  for (const s of shown) blocks.push(...suggestionBlocks(s, canAccept));
  if (suggestions.length > shown.length) {
    blocks.push(
      context(
        `…and ${suggestions.length - shown.length} more with fewer days behind: \`thread templates suggestions\` lists them all.`,
      ),
    );
  }
  const metadata: SlipSuggestionsModalMetadata = { templateId: template?.id ?? null };
  return modalShell({
    callbackId: VIEWS.slipSuggestions,
    title: 'Template suggestions',
    close: 'Close',
    privateMetadata: modalMetadata(metadata, { templateId: null }),
    blocks: blocks.slice(0, LIMITS.viewBlocks),
  });
}
