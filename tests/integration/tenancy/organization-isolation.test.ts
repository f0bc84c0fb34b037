/**
 * One organisation cannot read or change another's accounts, actions, contacts, portal links or settings. A
 * person of organisation A asks in A (as every Slack request does, the organisation coming from the request's
 * team) about B's ids, and asks in B's name; both are refused and B is left as it was.
 */
import { getAccountOverview } from '../../../src/services/accounts/get-account-overview';
import { getTimeline } from '../../../src/services/accounts/get-timeline';
import { findAccounts } from '../../../src/services/accounts/find-accounts';
import { listAccounts } from '../../../src/services/accounts/list-accounts';
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';
import { addContact } from '../../../src/services/contacts/add-contact';
import { listContacts } from '../../../src/services/contacts/list-contacts';
import { removeContact } from '../../../src/services/contacts/remove-contact';
import { updateContact } from '../../../src/services/contacts/update-contact';
import { startMilestone } from '../../../src/services/milestones/start-milestone';
import { getSettings } from '../../../src/services/organizations/get-settings';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { addPerson } from '../../../src/services/people/add-person';
import { listPeople } from '../../../src/services/people/list-people';
import { setRole } from '../../../src/services/people/set-role';
import { listPortalContacts } from '../../../src/services/portal/list-portal-contacts';
import { sendPortalLink } from '../../../src/services/portal/send-portal-link';
import { approveAction } from '../../../src/services/review/approve-action';
import { skipAction } from '../../../src/services/review/skip-action';
import { completeInternalTask } from '../../../src/services/execution/complete-internal-task';
import { executeAction } from '../../../src/services/execution/execute-action';
import { executeBatch } from '../../../src/services/execution/execute-batch';
import { markCustomerResponded } from '../../../src/services/execution/mark-customer-responded';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { revokePortalLink } from '../../../src/services/portal/revoke-portal-link';
import { RecordingNotifier } from '../../support/recording-notifier';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam } from '../people/team-fixture';
import { serviceContext } from '../../support/service-context';

const t = useTestDatabase();

async function twoOrganisations() {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const a = await setUpTeam(ctx, { teamId: 'T0ACME', name: 'Acme', prefix: 'A' });
  const b = await setUpTeam(ctx, { teamId: 'T0BETA', name: 'Beta', prefix: 'B' });
  const bAction = await t.db.prisma.action.findFirstOrThrow({ where: { accountId: b.accountId, key: 'welcome' } });
  const bMilestone = await t.db.prisma.milestone.findFirstOrThrow({ where: { accountId: b.otherAccountId } });
  const bContacts = await listContacts(ctx, {
    organizationId: b.organizationId,
    actor: b.admin,
    accountId: b.accountId,
  });
  /** Everything of B these tests could touch, to compare before and after. */
  const snapshotB = async () => ({
    settings: await getSettings(ctx, { organizationId: b.organizationId, actor: b.admin }),
    people: await listPeople(ctx, { organizationId: b.organizationId, actor: b.admin }),
    contacts: await listContacts(ctx, { organizationId: b.organizationId, actor: b.admin, accountId: b.accountId }),
    account: await t.db.prisma.account.findUniqueOrThrow({ where: { id: b.accountId } }),
    action: await t.db.prisma.action.findUniqueOrThrow({ where: { id: bAction.id } }),
    milestone: await t.db.prisma.milestone.findUniqueOrThrow({ where: { id: bMilestone.id } }),
    portalLinks: await t.db.prisma.portalAccess.count({ where: { account: { organizationId: b.organizationId } } }),
  });
  return { ctx, a, b, bAction, bMilestone, bContact: bContacts[0]!, snapshotB };
}

describe('organisation isolation', () => {
  it("keeps B's accounts, actions and portal links out of reach of A's admin asking in A", async () => {
    const { ctx, a, b, bAction, bMilestone, snapshotB } = await twoOrganisations();
    const before = await snapshotB();
    const inA = { organizationId: a.organizationId };
    const adminA = { userId: a.admin.userId, role: 'admin' as const };

    await expect(getAccountOverview(ctx, { ...inA, accountId: b.accountId })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(getTimeline(ctx, { ...inA, accountId: b.accountId })).rejects.toMatchObject({ code: 'not_found' });
    const listed = (await listAccounts(ctx, inA)).map((r) => r.id);
    expect(listed).toContain(a.accountId);
    expect(listed).not.toContain(b.accountId);
    expect(await findAccounts(ctx, { ...inA, query: 'Beta' })).toEqual([]);
    await expect(approveAction(ctx, { ...inA, actionId: bAction.id, actor: adminA })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(skipAction(ctx, { ...inA, actionId: bAction.id, actor: adminA })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(startMilestone(ctx, { ...inA, milestoneId: bMilestone.id, actor: adminA })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      listPortalContacts(ctx, { ...inA, accountId: b.accountId, actor: adminA, doing: 'send portal links' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      sendPortalLink(
        ctx,
        {},
        { ...inA, accountId: b.accountId, actor: adminA, publicUrl: 'https://thread.example.org' },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    const notifier = { notifier: new RecordingNotifier() };
    for (const attempt of [
      () => executeAction(ctx, notifier, { ...inA, actionId: bAction.id, actor: adminA }),
      () =>
        executeBatch(ctx, notifier, { ...inA, actionIds: [bAction.id], actor: adminA }).then((run) =>
          run.sent === 0 && run.failures[0] ? Promise.reject(new Error(run.failures[0].error)) : run,
        ),
      () => markCustomerResponded(ctx, notifier, { ...inA, actionId: bAction.id, actor: adminA }),
      () => completeInternalTask(ctx, notifier, { ...inA, actionId: bAction.id, actor: adminA }),
      () =>
        createPortalLink(ctx, {
          ...inA,
          accountId: b.accountId,
          actor: adminA,
          publicUrl: 'https://thread.example.org',
        }),
      () => revokePortalLink(ctx, { ...inA, accountId: b.accountId, actor: adminA }),
      () =>
        createPortalLink(ctx, {
          ...inA,
          accountId: b.accountId,
          actor: 'cli',
          publicUrl: 'https://thread.example.org',
        }),
    ]) {
      await expect(attempt()).rejects.toThrow(/does not exist/);
    }

    expect(await snapshotB()).toEqual(before);
  });

  it("keeps B's contacts and channels out of reach of A's admin, by B's ids or in B's name", async () => {
    const { ctx, a, b, bContact, snapshotB } = await twoOrganisations();
    const before = await snapshotB();
    const inA = { organizationId: a.organizationId, actor: a.admin };
    const inB = { organizationId: b.organizationId, actor: a.admin };
    const contact = { name: 'Mallory', email: 'mallory@evil.io' };

    await expect(listContacts(ctx, { ...inA, accountId: b.accountId })).rejects.toMatchObject({ code: 'not_found' });
    await expect(listContacts(ctx, { ...inB, accountId: b.accountId })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addContact(ctx, { ...inA, accountId: b.accountId, ...contact })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(addContact(ctx, { ...inB, accountId: b.accountId, ...contact })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      updateContact(ctx, { ...inA, contactId: bContact.id, changes: { email: 'mallory@evil.io' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      updateContact(ctx, { ...inB, contactId: bContact.id, changes: { email: 'mallory@evil.io' } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(removeContact(ctx, { ...inA, contactId: bContact.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeContact(ctx, { ...inB, contactId: bContact.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      setAccountChannels(ctx, { ...inA, accountId: b.accountId, customerChannelId: 'C0EVIL' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      setAccountChannels(ctx, { ...inB, accountId: b.accountId, customerChannelId: 'C0EVIL' }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    expect(await snapshotB()).toEqual(before);
  });

  it("keeps B's settings and people out of reach of A's admin", async () => {
    const { ctx, a, b, snapshotB } = await twoOrganisations();
    const before = await snapshotB();
    const inB = { organizationId: b.organizationId, actor: a.admin };

    await expect(getSettings(ctx, inB)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateSettings(ctx, { ...inB, settings: { name: 'Owned' } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(listPeople(ctx, inB)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addPerson(ctx, { ...inB, slackUserId: a.admin.slackUserId, role: 'admin' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(setRole(ctx, { ...inB, person: { userId: b.admin.userId }, role: 'viewer' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // Naming B's person from A finds nobody.
    await expect(
      setRole(ctx, {
        organizationId: a.organizationId,
        actor: a.admin,
        person: { userId: b.csm.userId },
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });

    expect(await snapshotB()).toEqual(before);
  });
});
