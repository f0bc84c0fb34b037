import { updateSettings } from '../../../src/services/organizations/update-settings';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { findSlackMember } from '../../../src/services/people/find-slack-member';
import { getCustomerEmailSender } from '../../../src/services/people/get-customer-email-sender';
import { listPeople } from '../../../src/services/people/list-people';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { setReplyToEmail } from '../../../src/services/people/set-reply-to-email';
import { setRole } from '../../../src/services/people/set-role';
import { useTestDatabase } from '../../support/test-database';
import { serviceContext } from '../../support/service-context';
import { refusal } from '../../support/refusal';

const t = useTestDatabase();

async function newWorkspace() {
  const ctx = serviceContext(t.db, '2026-03-02T10:00:00Z');
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'T0ACME', workspaceName: 'Acme Robotics' });
  return { ctx, organizationId: org.id };
}

const auditOf = (entityId: string) =>
  t.db.prisma.auditEvent.findMany({ where: { entityType: 'user', entityId }, orderBy: { at: 'asc' } });

describe('who gets into Thread', () => {
  it('makes the first person in a new organisation its admin, and audits it', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const first = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA', name: 'Ada Lovelace' });
    expect(first).toMatchObject({ role: 'admin', member: true, name: 'Ada Lovelace', profileStale: true });
    expect(await auditOf(first.userId)).toEqual([
      expect.objectContaining({ fromState: null, toState: 'admin', actor: first.userId }),
    ]);
  });

  it('refuses people nobody added, naming the admins to ask, and creates nobody', async () => {
    const { ctx, organizationId } = await newWorkspace();
    await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA', name: 'Ada Lovelace' });
    const error = await refusal(resolveSlackMember(ctx, { organizationId, slackUserId: 'U0BOB', name: 'Bob' }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('Ask Ada Lovelace to add you');
    expect(await findSlackMember(ctx, { organizationId, slackUserId: 'U0BOB' })).toBeNull();
  });

  it('lets workspace members in as viewers while the organisation allows it, and not after', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    await updateSettings(ctx, { organizationId, actor: admin, settings: { workspaceMembersCanView: true } });
    expect(await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0BOB' })).toMatchObject({
      role: 'viewer',
      member: false,
    });
    await updateSettings(ctx, { organizationId, actor: admin, settings: { workspaceMembersCanView: false } });
    expect((await refusal(resolveSlackMember(ctx, { organizationId, slackUserId: 'U0BOB' }))).code).toBe('forbidden');
  });

  it('lets in a person an admin added, with the role the admin gave', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0BOB', role: 'csm', name: 'Bob Ross' });
    expect(await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0BOB' })).toMatchObject({
      role: 'csm',
      member: true,
      name: 'Bob Ross',
    });
  });

  it('refuses adding someone who is already a member, pointing at their role instead', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0BOB', role: 'ae' });
    await expect(
      addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0BOB', role: 'csm' }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('change their role instead') });
  });

  it('finds a mentioned person without creating anyone', async () => {
    const { ctx, organizationId } = await newWorkspace();
    await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    expect(await findSlackMember(ctx, { organizationId, slackUserId: 'U0SOMEONE' })).toBeNull();
    expect(await t.db.prisma.user.count({ where: { organizationId } })).toBe(1);
    expect(await findSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' })).toMatchObject({
      role: 'admin',
      member: true,
    });
  });
});

describe('roles', () => {
  it('changes a role at once and audits it from → to', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    const bob = await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0BOB', role: 'viewer' });
    await setRole(ctx, { organizationId, actor: admin, person: { slackUserId: 'U0BOB' }, role: 'csm' });
    expect((await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0BOB' })).role).toBe('csm');
    expect(await auditOf(bob.userId)).toEqual([
      expect.objectContaining({ fromState: null, toState: 'viewer' }),
      expect.objectContaining({ fromState: 'viewer', toState: 'csm', actor: admin.userId }),
    ]);
  });

  it('refuses the last admin demoting themselves, beside the role field, and changes nothing', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    const error = await refusal(
      setRole(ctx, { organizationId, actor: admin, person: { userId: admin.userId }, role: 'csm' }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([{ field: 'role', message: expect.stringContaining('You are the last admin') }]);
    expect((await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' })).role).toBe('admin');
    expect(await auditOf(admin.userId)).toHaveLength(1);
  });

  it('lets an admin step down once another admin exists', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0BOB', role: 'admin' });
    const after = await setRole(ctx, { organizationId, actor: admin, person: { userId: admin.userId }, role: 'csm' });
    expect(after.role).toBe('csm');
    // Now a CSM: the next change of roles is refused.
    await expect(
      setRole(ctx, { organizationId, actor: admin, person: { slackUserId: 'U0BOB' }, role: 'viewer' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets the operator command line add people and change roles, by Slack id or email', async () => {
    const { ctx, organizationId } = await newWorkspace();
    await addPerson(ctx, { organizationId, actor: 'cli', slackUserId: 'U0ADA', role: 'admin' });
    await addPerson(ctx, { organizationId, actor: 'cli', slackUserId: 'U0BOB', role: 'csm' });
    await refreshProfile(ctx, { organizationId, slackUserId: 'U0BOB', profile: { name: 'Bob', email: 'bob@acme.io' } });
    const bob = await setRole(ctx, { organizationId, actor: 'cli', person: { email: 'BOB@acme.io' }, role: 'ae' });
    expect(bob.role).toBe('ae');
    const rows = await auditOf(bob.userId);
    expect(rows.at(-1)).toMatchObject({ actor: 'cli', fromState: 'csm', toState: 'ae' });
  });

  it('refuses a role change for someone never added', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    await expect(
      setRole(ctx, { organizationId, actor: admin, person: { slackUserId: 'U0NOBODY' }, role: 'csm' }),
    ).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('add them with a role first') });
  });

  it('lists members, admins first', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA', name: 'Zed' });
    await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0BOB', role: 'viewer', name: 'Bob' });
    await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0CAT', role: 'csm', name: 'Cat' });
    const people = await listPeople(ctx, { organizationId, actor: admin });
    expect(people.map((p) => [p.name, p.role])).toEqual([
      ['Zed', 'admin'],
      ['Cat', 'csm'],
      ['Bob', 'viewer'],
    ]);
  });
});

describe('profiles from Slack', () => {
  it('stores the profile, marks it fresh for a day, and audits what changed', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    const refreshed = await refreshProfile(ctx, {
      organizationId,
      slackUserId: 'U0ADA',
      profile: {
        name: 'Ada Lovelace',
        email: 'Ada@Acme.io',
        title: 'Head of CS',
        avatarUrl: 'https://avatars.slack-edge.com/ada.png',
        timezone: 'Europe/London',
      },
    });
    expect(refreshed?.changed).toEqual(['name', 'email', 'title', 'avatarUrl', 'timezone']);
    expect(await t.db.prisma.user.findUniqueOrThrow({ where: { id: admin.userId } })).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@acme.io',
      title: 'Head of CS',
      avatarUrl: 'https://avatars.slack-edge.com/ada.png',
      timezone: 'Europe/London',
      profileRefreshedAt: new Date('2026-03-02T10:00:00Z'),
    });
    expect((await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' })).profileStale).toBe(false);
    ctx.setNow('2026-03-03T10:00:00Z');
    expect((await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' })).profileStale).toBe(true);
    const nameRow = (await auditOf(admin.userId)).find((r) => r.reason === 'profile name refreshed from Slack');
    expect(nameRow).toMatchObject({ fromState: 'U0ADA', toState: 'Ada Lovelace', actor: 'system' });
  });

  it('clears an email Slack stops showing, keeps the name, and ignores unusable values', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    await refreshProfile(ctx, { organizationId, slackUserId: 'U0ADA', profile: { name: 'Ada', email: 'ada@acme.io' } });
    await refreshProfile(ctx, {
      organizationId,
      slackUserId: 'U0ADA',
      profile: { name: '', email: null, avatarUrl: 'javascript:alert(1)', timezone: 'Mars/Olympus' },
    });
    expect(await t.db.prisma.user.findUniqueOrThrow({ where: { id: admin.userId } })).toMatchObject({
      name: 'Ada',
      email: null,
      avatarUrl: null,
      timezone: null,
    });
  });

  it('does not create a person from a profile event', async () => {
    const { ctx, organizationId } = await newWorkspace();
    expect(await refreshProfile(ctx, { organizationId, slackUserId: 'U0NEW', profile: { name: 'New' } })).toBeNull();
    expect(await t.db.prisma.user.count({ where: { organizationId } })).toBe(0);
  });
});

describe('reply-to address for customer email', () => {
  it('refuses customer email from a CSM Slack hides the email of, until they set a reply-to address', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    const csm = await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0BOB', role: 'csm', name: 'Bob' });
    const error = await refusal(getCustomerEmailSender(ctx, { organizationId, userId: csm.userId }));
    expect(error.code).toBe('not_configured');
    expect(error.message).toContain('Bob needs to set the address customers should reply to');

    await setReplyToEmail(ctx, { organizationId, actor: csm, replyToEmail: ' Bob@Acme.io ' });
    expect(await getCustomerEmailSender(ctx, { organizationId, userId: csm.userId })).toEqual({
      name: 'Bob',
      replyTo: 'bob@acme.io',
    });
    expect((await auditOf(csm.userId)).at(-1)).toMatchObject({ fromState: null, toState: 'bob@acme.io' });
  });

  it('refuses an address that is not one, beside the field', async () => {
    const { ctx, organizationId } = await newWorkspace();
    const admin = await resolveSlackMember(ctx, { organizationId, slackUserId: 'U0ADA' });
    const error = await refusal(setReplyToEmail(ctx, { organizationId, actor: admin, replyToEmail: 'bob at acme' }));
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([{ field: 'replyToEmail', message: expect.any(String) }]);
  });
});
