import type { SlipSuggestion } from '../../../src/domain/slip-suggestions';
import { buildSlipSuggestionsModal, MAX_SUGGESTIONS_SHOWN } from '../../../src/slack/blocks/slip-suggestions-modal';
import { ACTIONS, VIEWS } from '../../../src/slack/ids';
import { buttons, textOf } from '../../support/block-kit';
import { escapingProblems, viewProblems } from './block-kit-limits';

const EVIL = '<!channel> <!here> <@UEVIL> <https://evil.example|your bank> & <mailto:x@evil.example> 🎉 <script>';
const long = (n = 6000) => `${EVIL} `.repeat(Math.ceil(n / EVIL.length)).slice(0, n);

function suggestion(i: number, over: Partial<SlipSuggestion> = {}): SlipSuggestion {
  return {
    id: `abc123.v2.kickoff-step-${i}`,
    templateId: 'tpl_1',
    templateName: 'Standard onboarding',
    templateVersion: 2,
    actionKey: `step-${i}`,
    side: 'customer',
    accounts: 4,
    days: 19,
    sentence: 'Customers wait a median 6 days on the SSO form in Technical Setup: ask for it at kickoff.',
    evidence: '19 days behind plan on 4 accounts',
    changeWords: '"SSO form": sent 2 days after its milestone starts → sent at kickoff',
    change: {
      kind: 'ask_at_kickoff',
      actionKey: `step-${i}`,
      actionName: 'SSO form',
      milestoneName: 'Technical Setup',
      from: { kind: 'milestone_start', delayDays: 2 },
    },
    ...over,
  };
}

function hostile(i: number): SlipSuggestion {
  return suggestion(i, {
    templateName: long(400),
    sentence: `Customers wait a median 6 days on the ${long(3000)} in ${long(500)}: ask for it at kickoff.`,
    evidence: long(300),
    changeWords: long(3000),
  });
}

describe('the template suggestions modal', () => {
  it('for an admin: each suggestion with its sentence, how it is measured, and Accept carrying its id', () => {
    const view = buildSlipSuggestionsModal({ suggestions: [suggestion(1)], canAccept: true, template: null });
    expect(view.callback_id).toBe(VIEWS.slipSuggestions);
    expect(viewProblems(view)).toEqual([]);
    const text = textOf(view);
    expect(text).toContain('Customers wait a median 6 days on the SSO form in Technical Setup: ask for it at kickoff.');
    expect(text).toContain('19 days behind plan on 4 accounts');
    expect(text).toContain('`abc123.v2.kickoff-step-1`');
    expect(buttons(view.blocks)).toEqual([
      expect.objectContaining({
        label: 'Accept',
        actionId: ACTIONS.acceptSlipSuggestion,
        value: 'abc123.v2.kickoff-step-1',
        confirm: expect.stringContaining('becomes v3'),
      }),
    ]);
  });

  it('read-only for everyone else: the same suggestions, no buttons, and who can accept them', () => {
    const view = buildSlipSuggestionsModal({ suggestions: [suggestion(1)], canAccept: false, template: null });
    expect(buttons(view.blocks)).toEqual([]);
    expect(textOf(view)).toContain('Only admins can accept a suggestion.');
    expect(textOf(view)).toContain('ask for it at kickoff');
  });

  it('says when there is nothing to suggest, and names the template it was limited to', () => {
    const view = buildSlipSuggestionsModal({
      suggestions: [],
      canAccept: true,
      template: { id: 'tpl_1', name: 'Enterprise' },
    });
    expect(viewProblems(view)).toEqual([]);
    expect(textOf(view)).toMatch(/Nothing to suggest yet/);
    expect(textOf(view)).toContain('*Enterprise*');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ templateId: 'tpl_1' });
  });

  it('stays within 100 blocks with 200 long hostile suggestions, escaped, and counts the ones left out', () => {
    const many = Array.from({ length: 200 }, (_, i) => hostile(i));
    for (const canAccept of [true, false]) {
      const view = buildSlipSuggestionsModal(
        { suggestions: many, canAccept, template: { id: 'x'.repeat(4000), name: long(500) } },
        { notice: `⚠️ ${long(5000)}` },
      );
      expect(viewProblems(view)).toEqual([]);
      expect(escapingProblems(view.blocks)).toEqual([]);
      expect(JSON.stringify(view)).not.toContain('<script>');
      expect(buttons(view.blocks)).toHaveLength(canAccept ? MAX_SUGGESTIONS_SHOWN : 0);
      expect(textOf(view)).toContain(`…and ${200 - MAX_SUGGESTIONS_SHOWN} more`);
      // The modal still opens when the template id is too long to carry: the list is then of every template.
      expect(JSON.parse(view.private_metadata ?? '')).toEqual({ templateId: null });
    }
  });

  it('escapes what an Accept said at the top', () => {
    const view = buildSlipSuggestionsModal(
      { suggestions: [], canAccept: true, template: null },
      { notice: '✅ Accepted: "<!channel> & co" is now v3.' },
    );
    expect(textOf(view)).toContain('✅ Accepted: "&lt;!channel&gt; &amp; co" is now v3.');
  });
});
