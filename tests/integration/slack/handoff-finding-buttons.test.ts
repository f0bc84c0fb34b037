/**
 * Accept and Dismiss on a handoff finding, through signed Slack requests. Nothing on main submits a handoff yet, so
 * no finding can be reached; these cover the buttons' wiring and refusals, and the end-to-end clicks are added with
 * the handoff submission.
 */
import { ACTIONS } from '../../../src/slack/ids';
import { useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

describe('Accept and Dismiss on a handoff finding', () => {
  it.each([
    ['Accept', ACTIONS.findingAccept],
    ['Dismiss', ACTIONS.findingDismiss],
  ])(
    '%s on a finding that no longer exists tells only the clicker, and leaves the message alone',
    async (_label, actionId) => {
      await h.seed();
      await h.click({ actionId, value: 'cgonefinding000000000000' });
      const reply = h.lastReply();
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.replace_original).toBe(false);
      expect(reply.text).toContain('that finding no longer exists');
      expect(h.updated).toEqual([]);
    },
  );
});
