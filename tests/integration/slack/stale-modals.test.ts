import request from 'supertest';
import { getTimeline } from '../../../src/services/accounts/get-timeline';
import { interaction } from '../../support/slack-request';
import { CSM, useSlackHarness } from './slack-harness';

const h = useSlackHarness();

async function send(req: { body: string; headers: Record<string, string> }) {
  return request(h.http).post('/slack/events').set(req.headers).send(req.body);
}

function click(actionId: string, value: string) {
  return interaction({
    type: 'block_actions',
    user: { id: CSM },
    trigger_id: 'trig.1',
    response_url: h.fake.responseUrl(),
    container: { type: 'message', message_ts: '1.000100', channel_id: 'CCSM', is_ephemeral: true },
    actions: [{ action_id: actionId, value, type: 'button' }],
  });
}

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
  await send(click(actionId, milestoneId));
  return (await h.fake.waitFor('views.open')).args.view as { blocks: { type: string; block_id?: string }[] };
}

function submit(view: object, privateMetadata: string, values: object = {}) {
  return interaction({
    type: 'view_submission',
    user: { id: CSM },
    view: { ...view, id: 'V1', private_metadata: privateMetadata, state: { values } },
  });
}

describe('a modal whose private_metadata no longer reads', () => {
  it('gets an inline error under its field, and nothing changes', async () => {
    const { inProgress } = await heliosMilestones();
    const view = await openMilestoneModal('milestone_block', inProgress.id);
    expect(view.blocks.some((b) => b.type === 'input' && b.block_id === 'note')).toBe(true);

    const res = await send(submit(view, '{"id": garbled', { note: { note: { value: 'Waiting on their SSO admin' } } }));

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

    const res = await send(submit(view, JSON.stringify({ milestone: pending.id })));

    expect(res.body.response_action).toBe('update');
    expect(res.body.view.title.text).toBe('Not done');
    expect(JSON.stringify(res.body.view.blocks)).toContain('This form is out of date');
    const after = await h.db.prisma.milestone.findUniqueOrThrow({ where: { id: pending.id } });
    expect(after.status).toBe('pending');
  });
});
