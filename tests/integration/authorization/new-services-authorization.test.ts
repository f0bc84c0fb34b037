/**
 * Every service added for people, settings, contacts and channels checks who asks, itself: called directly (as
 * the next entry point, HubSpot or an API, would) by a viewer, an AE or the CSM of another account, each one is
 * refused and changes nothing.
 */
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';
import { addContact } from '../../../src/services/contacts/add-contact';
import { listContacts } from '../../../src/services/contacts/list-contacts';
import { removeContact } from '../../../src/services/contacts/remove-contact';
import { updateContact } from '../../../src/services/contacts/update-contact';
import type { ServiceContext } from '../../../src/services/context';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { addPerson } from '../../../src/services/people/add-person';
import { setReplyToEmail } from '../../../src/services/people/set-reply-to-email';
import { setRole } from '../../../src/services/people/set-role';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam, type Team, type TeamPerson } from '../people/team-fixture';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();

type Outsider = 'viewer' | 'ae' | 'otherCsm';
const OUTSIDERS: [string, Outsider][] = [
  ['a viewer', 'viewer'],
  ['an AE', 'ae'],
  ["another account's CSM", 'otherCsm'],
];

type Attempt = (ctx: ServiceContext, team: Team, actor: TeamPerson, contactId: string) => Promise<unknown>;

/** Each service, who may use it (the account's CSM, or only an admin), and a change to try. */
const ATTEMPTS: [string, 'csm' | 'admin', Attempt][] = [
  [
    'updateSettings',
    'admin',
    (ctx, team, actor) =>
      updateSettings(ctx, { organizationId: team.organizationId, actor, settings: { name: 'Taken over' } }),
  ],
  [
    'addPerson',
    'admin',
    (ctx, team, actor) =>
      addPerson(ctx, { organizationId: team.organizationId, actor, slackUserId: 'UNEWCOMER', role: 'admin' }),
  ],
  [
    'setRole',
    'admin',
    (ctx, team, actor) =>
      setRole(ctx, {
        organizationId: team.organizationId,
        actor,
        person: { userId: team.viewer.userId },
        role: 'admin',
      }),
  ],
  [
    "setReplyToEmail (someone else's)",
    'admin',
    (ctx, team, actor) =>
      setReplyToEmail(ctx, {
        organizationId: team.organizationId,
        actor,
        userId: team.csm.userId,
        replyToEmail: 'attacker@evil.io',
      }),
  ],
  [
    'addContact',
    'csm',
    (ctx, team, actor) =>
      addContact(ctx, {
        organizationId: team.organizationId,
        actor,
        accountId: team.accountId,
        name: 'Mallory',
        email: 'mallory@evil.io',
        role: 'primary',
      }),
  ],
  [
    'updateContact',
    'csm',
    (ctx, team, actor, contactId) =>
      updateContact(ctx, {
        organizationId: team.organizationId,
        actor,
        contactId,
        changes: { email: 'mallory@evil.io' },
      }),
  ],
  [
    'removeContact',
    'csm',
    (ctx, team, actor, contactId) => removeContact(ctx, { organizationId: team.organizationId, actor, contactId }),
  ],
  [
    'setAccountChannels',
    'csm',
    (ctx, team, actor) =>
      setAccountChannels(ctx, {
        organizationId: team.organizationId,
        actor,
        accountId: team.accountId,
        customerChannelId: 'C0EVIL',
      }),
  ],
];

async function team() {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const team = await setUpTeam(ctx, { teamId: 'T0ACME', name: 'Acme', prefix: 'A' });
  const contacts = await listContacts(ctx, {
    organizationId: team.organizationId,
    actor: team.csm,
    accountId: team.accountId,
  });
  return { ctx, team, contactId: contacts[1]!.id };
}

describe.each(ATTEMPTS)('%s', (_name, allowed, attempt) => {
  it.each(OUTSIDERS)('refuses %s and changes nothing', async (_who, outsider) => {
    const { ctx, team: tm, contactId } = await team();
    const auditRows = await t.db.prisma.auditEvent.count();
    await expect(attempt(ctx, tm, tm[outsider], contactId)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await t.db.prisma.auditEvent.count()).toBe(auditRows);
  });

  it(`is done for ${allowed === 'csm' ? "the account's CSM" : 'an admin'}, so the refusals are about who asks`, async () => {
    const { ctx, team: tm, contactId } = await team();
    const auditRows = await t.db.prisma.auditEvent.count();
    await attempt(ctx, tm, allowed === 'csm' ? tm.csm : tm.admin, contactId);
    expect(await t.db.prisma.auditEvent.count()).toBeGreaterThan(auditRows);
  });
});
