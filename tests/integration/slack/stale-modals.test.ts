import { getTimeline } from '../../../src/services/accounts/get-timeline';
import { findInput, textOf } from '../../support/block-kit';
import { useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();

/** Helios Health's milestones as the seeded plan has them: the first in progress, the rest pending. */
async function heliosMilestones() {
  const { organizationId } = await h.seed();
  const account = await h.db.prisma.account.findFirstOrThrow({ where: { name: 'Helios Health' } });
  const timeline = await getTimeline(h.ctx, { organizationId, accountId: account.id });
  return {
    inProgress: timeline.milestones.find((m) => m.status === 'in_progress')!,
    pending: timeline.milestones.find((m) => m.status === 'pending')!,
  };
}

/** Opens a milestone modal through its button and returns it as Slack would send it back. */
async function openMilestoneModal(actionId: string, milestoneId: string) {
  await h.click({ actionId, value: milestoneId });
  return h.lastOpened();
}

describe('a modal whose private_metadata no longer reads', () => {
  it('gets an inline error under its field, and nothing changes', async () => {
    const { inProgress } = await heliosMilestones();
    const view = await openMilestoneModal('milestone_block', inProgress.id);
    expect(findInput(view, 'note').element.type).toBe('plain_text_input');

    const res = await h.submitView(
      { ...view, private_metadata: '{"id": garbled' },
      { note: 'Waiting on their SSO admin', block_cause: 'customer' },
    );

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { note: expect.stringContaining('This form is out of date') },
    });
    const after = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: inProgress.id } });
    expect(after.status).toBe('in_progress');
  });

  it('with no field to show it under (a Start modal), is replaced by a modal that says so', async () => {
    const { pending } = await heliosMilestones();
    const view = await openMilestoneModal('milestone_start', pending.id);
    expect(view.blocks.some((b) => b.type === 'input')).toBe(false);

    const res = await h.submitView({ ...view, private_metadata: JSON.stringify({ milestone: pending.id }) });

    expect(res.body.response_action).toBe('update');
    expect(res.body.view.title.text).toBe('Not done');
    expect(textOf(res.body.view.blocks)).toContain('This form is out of date');
    const after = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: pending.id } });
    expect(after.status).toBe('pending');
  });
});
