import { createAccount } from '../../../src/services/accounts/create-account';
import { setAccountChannels } from '../../../src/services/accounts/set-account-channels';
import { addContact } from '../../../src/services/contacts/add-contact';
import { listContacts } from '../../../src/services/contacts/list-contacts';
import { removeContact } from '../../../src/services/contacts/remove-contact';
import { updateContact } from '../../../src/services/contacts/update-contact';
import { findSlackMember } from '../../../src/services/people/find-slack-member';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { skipAction } from '../../../src/services/review/skip-action';
import { useTestDatabase } from '../../support/test-database';
import { setUpTeam, TEMPLATE } from '../people/team-fixture';
import { serviceContext } from '../../support/service-context';
import { refusal } from '../../support/refusal';

const t = useTestDatabase();

async function team() {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const team = await setUpTeam(ctx, { teamId: 'T0ACME', name: 'Acme', prefix: 'A' });
  const contacts = () =>
    listContacts(ctx, { organizationId: team.organizationId, actor: team.csm, accountId: team.accountId });
  return { ctx, ...team, contacts };
}

const contactAudit = (accountId: string) =>
  t.db.prisma.auditEvent.findMany({ where: { accountId, entityType: 'contact' }, orderBy: { at: 'asc' } });

describe('a new account with several contacts and its channels', () => {
  it('creates the contacts with the first as primary and the others in the roles given', async () => {
    const { contacts } = await team();
    expect((await contacts()).map((c) => [c.name, c.role, c.isPrimary])).toEqual([
      ['Dana Scully', 'primary', true],
      ['Fox Mulder', 'technical', false],
    ]);
  });

  it('makes the contact marked primary the primary, and stores both channels', async () => {
    const { ctx, organizationId, csm } = await team();
    const created = await createAccount(ctx, {
      organizationId,
      name: 'Globex',
      templateName: TEMPLATE,
      csmSlackUserId: csm.slackUserId,
      kickoffDate: '2026-03-02',
      csmChannelId: 'C0GLOBEXCSM',
      customerChannelId: 'C0GLOBEXSHARED',
      contacts: [
        { email: 'hank@globex.io', role: 'billing' },
        { email: 'Lisa@Globex.io', name: 'Lisa', role: 'primary', title: 'CTO' },
      ],
      actor: { userId: csm.userId },
    });
    const list = await listContacts(ctx, { organizationId, actor: csm, accountId: created.id });
    expect(list.map((c) => [c.email, c.role, c.title])).toEqual([
      ['lisa@globex.io', 'primary', 'CTO'],
      ['hank@globex.io', 'billing', null],
    ]);
    expect(await t.db.prisma.account.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      slackCsmChannelId: 'C0GLOBEXCSM',
      slackCustomerChannelId: 'C0GLOBEXSHARED',
    });
  });

  it('refuses one address twice or two primaries, naming the entry, and creates no account', async () => {
    const { ctx, organizationId, csm } = await team();
    const twice = await refusal(
      createAccount(ctx, {
        organizationId,
        name: 'Globex',
        templateName: TEMPLATE,
        contacts: [{ email: 'hank@globex.io' }, { email: 'HANK@globex.io' }],
        actor: { userId: csm.userId },
      }),
    );
    expect(twice.fields).toEqual([{ field: 'contacts.1.email', message: expect.stringContaining('twice') }]);
    const primaries = await refusal(
      createAccount(ctx, {
        organizationId,
        name: 'Globex',
        templateName: TEMPLATE,
        contact: { email: 'a@globex.io' },
        contacts: [
          { email: 'b@globex.io', role: 'primary' },
          { email: 'c@globex.io', role: 'primary' },
        ],
        actor: { userId: csm.userId },
      }),
    );
    expect(primaries.fields).toEqual([{ field: 'contacts.1.role', message: expect.any(String) }]);
    expect(await t.db.prisma.account.count({ where: { name: 'Globex' } })).toBe(0);
  });

  it('refuses a CSM naming a colleague nobody added as CSM, and lets an admin add them by naming them', async () => {
    const { ctx, organizationId, csm, admin } = await team();
    const named = { organizationId, name: 'Initech', templateName: TEMPLATE, csmSlackUserId: 'UANEWCSM' };
    const refused = await refusal(createAccount(ctx, { ...named, actor: { userId: csm.userId } }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('<@UANEWCSM> is not in Thread yet, and only admins can add people');
    expect(await t.db.prisma.account.count({ where: { name: 'Initech' } })).toBe(0);
    expect(await findSlackMember(ctx, { organizationId, slackUserId: 'UANEWCSM' })).toBeNull();

    await createAccount(ctx, { ...named, actor: admin });
    expect(await resolveSlackMember(ctx, { organizationId, slackUserId: 'UANEWCSM' })).toMatchObject({
      role: 'csm',
      member: true,
    });
    const added = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'user', toState: 'csm', reason: { contains: 'Initech' } },
    });
    expect(added).toMatchObject({ actor: admin.userId, reason: 'added to Thread as the CSM of Initech' });
  });

  it("sets and clears an account's channels, audited from → to", async () => {
    const { ctx, organizationId, csm, accountId } = await team();
    await setAccountChannels(ctx, { organizationId, actor: csm, accountId, customerChannelId: 'C0SHARED' });
    const after = await setAccountChannels(ctx, {
      organizationId,
      actor: csm,
      accountId,
      csmChannelId: 'C0CSM',
      customerChannelId: null,
    });
    expect(after).toEqual({ csmChannelId: 'C0CSM', customerChannelId: null });
    const rows = await t.db.prisma.auditEvent.findMany({
      where: { accountId, entityType: 'account', reason: { endsWith: 'channel changed' } },
      orderBy: { at: 'asc' },
    });
    expect(rows.map((r) => [r.fromState, r.toState])).toEqual(
      expect.arrayContaining([
        [null, 'C0SHARED'],
        [null, 'C0CSM'],
        ['C0SHARED', null],
      ]),
    );
    expect(rows).toHaveLength(3);
  });

  it('refuses a channel that is not a channel id', async () => {
    const { ctx, organizationId, csm, accountId } = await team();
    const error = await refusal(
      setAccountChannels(ctx, { organizationId, actor: csm, accountId, customerChannelId: '<!channel>' }),
    );
    expect(error.code).toBe('validation_failed');
  });
});

describe("an account's contacts", () => {
  it('adds a contact as primary and demotes the old primary in the same change', async () => {
    const { ctx, organizationId, csm, accountId, contacts } = await team();
    const added = await addContact(ctx, {
      organizationId,
      actor: csm,
      accountId,
      name: '  Walter Bishop ',
      email: 'Walter@Customer.io',
      title: 'VP Ops',
      role: 'primary',
      slackUserId: 'U0WALTER',
    });
    expect(added).toMatchObject({
      name: 'Walter Bishop',
      email: 'walter@customer.io',
      role: 'primary',
      isPrimary: true,
    });
    expect((await contacts()).map((c) => [c.name, c.role])).toEqual([
      ['Walter Bishop', 'primary'],
      ['Dana Scully', 'champion'],
      ['Fox Mulder', 'technical'],
    ]);
    const rows = await contactAudit(accountId);
    expect(rows.map((r) => [r.fromState, r.toState])).toEqual([
      ['primary', 'champion'],
      [null, 'primary'],
    ]);
  });

  it('refuses an email already on the account and one that is not an address, beside the field', async () => {
    const { ctx, organizationId, csm, accountId } = await team();
    const dup = await refusal(
      addContact(ctx, { organizationId, actor: csm, accountId, name: 'Dana again', email: 'DANA@a-customer.io' }),
    );
    expect(dup.fields).toEqual([{ field: 'email', message: expect.stringContaining('already a contact') }]);
    const bad = await refusal(
      addContact(ctx, { organizationId, actor: csm, accountId, name: '<script>x</script>', email: 'javascript:x' }),
    );
    expect(bad.fields).toEqual([{ field: 'email', message: expect.any(String) }]);
    const longName = await refusal(
      addContact(ctx, { organizationId, actor: csm, accountId, name: 'n'.repeat(201), email: 'ok@a-customer.io' }),
    );
    expect(longName.fields).toEqual([{ field: 'name', message: expect.stringContaining('200') }]);
  });

  it('edits a contact, audits each changed field, and moves the primary role when asked', async () => {
    const { ctx, organizationId, csm, accountId, contacts } = await team();
    const fox = (await contacts())[1]!;
    await updateContact(ctx, {
      organizationId,
      actor: csm,
      contactId: fox.id,
      changes: { email: 'fox.mulder@a-customer.io', title: 'Architect', role: 'primary' },
    });
    expect((await contacts()).map((c) => [c.name, c.email, c.role, c.title])).toEqual([
      ['Fox Mulder', 'fox.mulder@a-customer.io', 'primary', 'Architect'],
      ['Dana Scully', 'dana@a-customer.io', 'champion', null],
    ]);
    const rows = await contactAudit(accountId);
    expect(rows.filter((r) => r.entityId === fox.id).map((r) => [r.fromState, r.toState])).toEqual(
      expect.arrayContaining([
        ['fox@a-customer.io', 'fox.mulder@a-customer.io'],
        [null, 'Architect'],
        ['technical', 'primary'],
      ]),
    );
  });

  it('keeps the primary primary until another contact takes the role', async () => {
    const { ctx, organizationId, csm, contacts } = await team();
    const dana = (await contacts())[0]!;
    const error = await refusal(
      updateContact(ctx, { organizationId, actor: csm, contactId: dana.id, changes: { role: 'billing' } }),
    );
    expect(error.fields).toEqual([{ field: 'role', message: expect.stringContaining('make another') }]);
  });

  it("refuses taking another contact's email", async () => {
    const { ctx, organizationId, csm, contacts } = await team();
    const fox = (await contacts())[1]!;
    const error = await refusal(
      updateContact(ctx, { organizationId, actor: csm, contactId: fox.id, changes: { email: 'dana@a-customer.io' } }),
    );
    expect(error.fields).toEqual([{ field: 'email', message: expect.stringContaining('Dana Scully') }]);
  });

  it('removes the primary and makes the next contact primary', async () => {
    const { ctx, organizationId, csm, contacts, accountId } = await team();
    const dana = (await contacts())[0]!;
    const removed = await removeContact(ctx, { organizationId, actor: csm, contactId: dana.id });
    expect((await contacts()).map((c) => [c.name, c.role, c.isPrimary])).toEqual([['Fox Mulder', 'primary', true]]);
    expect(removed.newPrimaryId).toBe((await contacts())[0]!.id);
    expect((await contactAudit(accountId)).map((r) => [r.fromState, r.toState])).toEqual([
      ['primary', 'removed'],
      ['technical', 'primary'],
    ]);
  });

  it('refuses removing the only contact while a portal request is open, and allows it once none is', async () => {
    const { ctx, organizationId, csm, contacts, accountId } = await team();
    const [dana, fox] = await contacts();
    await removeContact(ctx, { organizationId, actor: csm, contactId: fox!.id });
    const error = await refusal(removeContact(ctx, { organizationId, actor: csm, contactId: dana!.id }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('Dana Scully is the only contact of Acme customer');
    expect(error.message).toContain('Action security-form');

    const open = await t.db.prisma.action.findFirstOrThrow({ where: { accountId, key: 'security-form' } });
    await skipAction(ctx, { organizationId, actionId: open.id, actor: { userId: csm.userId } });
    await removeContact(ctx, { organizationId, actor: csm, contactId: dana!.id });
    expect(await contacts()).toEqual([]);
  });

  it("lets an admin change any account's contacts", async () => {
    const { ctx, organizationId, admin, otherAccountId } = await team();
    const added = await addContact(ctx, {
      organizationId,
      actor: admin,
      accountId: otherAccountId,
      name: 'Ops',
      email: 'ops@a-second.io',
    });
    expect(added.role).toBe('champion');
  });
});
