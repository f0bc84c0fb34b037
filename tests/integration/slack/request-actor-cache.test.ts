/**
 * Thread keeps who sent a Slack request for a few seconds, so a burst of clicks does not ask the database each time.
 * A change made in this process is seen at the very next request; one made by another process (here: a second
 * service context on the same database, as the command line or a second server would be) within the copy's 15
 * seconds, and never grants anything meanwhile: the services re-read who acts.
 */
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { setRole } from '../../../src/services/people/set-role';
import { serviceContext } from '../../support/service-context';
import { useSlackHarness } from '../../support/slack-harness';

const h = useSlackHarness();
const BOB = 'UBOB0002';

async function settingsAs(slackUserId: string): Promise<'opened' | string> {
  h.forget();
  await h.command('settings', { as: slackUserId });
  if (h.fake.callsTo('views.open').length > 0) return 'opened';
  return h.lastReply().text ?? '';
}

describe('the person behind a Slack request, kept for a moment', () => {
  beforeEach(async () => {
    await h.command('accounts'); // the first person becomes the admin
    await h.addPerson(BOB, 'viewer');
  });

  it('sees a role changed in this process at the very next request', async () => {
    expect(await settingsAs(BOB)).toMatch(/admin/i);
    const admin = await h.actor(BOB);
    await setRole(h.ctx, {
      organizationId: admin.organizationId,
      actor: 'cli',
      person: { slackUserId: BOB },
      role: 'admin',
    });
    expect(await settingsAs(BOB)).toBe('opened');
  });

  it('sees a role changed by another process once its copy is 15 seconds old, and grants nothing before', async () => {
    const bob = await h.actor(BOB);
    await setRole(h.ctx, {
      organizationId: bob.organizationId,
      actor: 'cli',
      person: { slackUserId: BOB },
      role: 'admin',
    });
    expect(await settingsAs(BOB)).toBe('opened');

    const elsewhere = serviceContext(h.db, h.ctx.now());
    await setRole(elsewhere, {
      organizationId: bob.organizationId,
      actor: 'cli',
      person: { slackUserId: BOB },
      role: 'viewer',
    });
    // This process still holds Bob as an admin, but saving a setting as him is refused by the service itself.
    await expect(
      updateSettings(h.ctx, { organizationId: bob.organizationId, actor: bob, settings: { name: 'Bob Corp' } }),
    ).rejects.toThrow(/your role is viewer/i);

    h.ctx.advance(15_001);
    expect(await settingsAs(BOB)).toMatch(/admin/i);
  });
});
