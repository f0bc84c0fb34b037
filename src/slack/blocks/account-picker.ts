import type { FoundAccount } from '../../services/accounts/find-accounts';
import { ACTIONS } from '../ids';
import type { SlackMessage } from './slack-message';
import { mrkdwnSection, plain, safe, LIMITS } from './text';

/** Several accounts matched: let the CSM pick one. `purpose` says which command the pick continues. */
export function buildAccountPicker(
  query: string,
  matches: FoundAccount[],
  purpose: 'account' | 'timeline' | 'review' | 'plan' | 'handoff' | 'metrics',
): SlackMessage {
  return {
    text: `${matches.length} accounts match "${query}"; pick one.`,
    blocks: [
      {
        ...mrkdwnSection(`${matches.length} accounts match *${safe(query, 200)}*. Which one?`),
        accessory: {
          type: 'static_select',
          action_id: ACTIONS.pickAccount,
          placeholder: plain('Pick an account', LIMITS.optionText),
          options: matches
            .slice(0, 100)
            .map((m) => ({ text: plain(m.name, LIMITS.optionText), value: `${purpose}:${m.id}` })),
        },
      },
    ],
  };
}
