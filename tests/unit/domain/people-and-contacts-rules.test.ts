import {
  assignContactRoles,
  checkContactRemoval,
  checkContactRoleChange,
  roleForNewContact,
} from '../../../src/domain/contact-rules';
import { checkEmailAddress } from '../../../src/domain/email-address';
import { customerEmailSender, profileIsStale } from '../../../src/domain/person-profile';
import { can, canManageAccount, checkRoleChange, ROLE_TABLE, ROLES } from '../../../src/domain/roles';

describe('roles', () => {
  it('gives settings, people, templates and connectors to admins only', () => {
    for (const capability of ['manage_settings', 'manage_people', 'manage_templates', 'manage_connectors'] as const) {
      expect(ROLES.filter((r) => can(r, capability))).toEqual(['admin']);
    }
  });

  it('lets everyone read, CSMs and admins create accounts, and AEs hand off', () => {
    expect(ROLES.filter((r) => can(r, 'read'))).toEqual(['admin', 'lead', 'csm', 'ae', 'viewer']);
    expect(ROLES.filter((r) => can(r, 'create_accounts'))).toEqual(['admin', 'csm']);
    expect(ROLES.filter((r) => can(r, 'submit_handoffs'))).toEqual(['admin', 'csm', 'ae']);
    expect(ROLE_TABLE.viewer).toEqual(['read']);
  });

  it('lets a CSM change only the accounts they are CSM of, and an admin any account', () => {
    expect(canManageAccount({ userId: 'u1', role: 'csm' }, { csmId: 'u1' })).toBe(true);
    expect(canManageAccount({ userId: 'u1', role: 'csm' }, { csmId: 'u2' })).toBe(false);
    expect(canManageAccount({ userId: 'u1', role: 'csm' }, { csmId: null })).toBe(false);
    expect(canManageAccount({ userId: 'u9', role: 'admin' }, { csmId: 'u2' })).toBe(true);
    expect(canManageAccount({ userId: 'u1', role: 'ae' }, { csmId: 'u1' })).toBe(false);
    expect(canManageAccount({ userId: 'u1', role: 'viewer' }, { csmId: 'u1' })).toBe(false);
  });

  it('refuses the last admin demoting themselves, with what to do instead', () => {
    const change = { actorId: 'a1', targetId: 'a1', targetName: 'Ada', from: 'admin', to: 'csm', admins: 1 } as const;
    expect(checkRoleChange(change)).toEqual({
      ok: false,
      message: expect.stringContaining('You are the last admin'),
    });
    expect(checkRoleChange({ ...change, admins: 2 })).toEqual({ ok: true, value: 'csm' });
  });

  it('refuses leaving the organisation without an admin whoever asks', () => {
    expect(
      checkRoleChange({ actorId: null, targetId: 'a1', targetName: 'Ada', from: 'admin', to: 'viewer', admins: 1 }),
    ).toEqual({ ok: false, message: expect.stringContaining('Ada is the last admin') });
  });

  it('allows promotions and changes between other roles whatever the admin count', () => {
    expect(
      checkRoleChange({ actorId: 'a1', targetId: 'u2', targetName: 'Bo', from: 'csm', to: 'viewer', admins: 1 }).ok,
    ).toBe(true);
  });
});

describe('profile staleness', () => {
  const now = new Date('2026-03-02T10:00:00Z');

  it('is stale when never read or read a day ago or more', () => {
    expect(profileIsStale(null, now)).toBe(true);
    expect(profileIsStale(new Date('2026-03-01T10:00:00Z'), now)).toBe(true);
  });

  it('is fresh when read less than a day ago', () => {
    expect(profileIsStale(new Date('2026-03-01T10:00:01Z'), now)).toBe(false);
  });
});

describe('customer email sender', () => {
  it('replies go to the reply-to address when one is set, else the Slack email', () => {
    expect(customerEmailSender({ name: 'Dana', email: 'dana@us.io', replyToEmail: 'cs@us.io' })).toEqual({
      ok: true,
      value: { name: 'Dana', replyTo: 'cs@us.io' },
    });
    expect(customerEmailSender({ name: 'Dana', email: 'dana@us.io', replyToEmail: null })).toEqual({
      ok: true,
      value: { name: 'Dana', replyTo: 'dana@us.io' },
    });
  });

  it('refuses a CSM with neither, telling them to set the reply-to address', () => {
    expect(customerEmailSender({ name: 'Dana', email: null, replyToEmail: null })).toEqual({
      ok: false,
      message: expect.stringContaining('Dana needs to set the address customers should reply to'),
    });
  });
});

describe('contact email', () => {
  it('is trimmed and lower-cased', () => {
    expect(checkEmailAddress('  Dana.Scully@Umbrella.IO ')).toEqual({ ok: true, value: 'dana.scully@umbrella.io' });
  });

  it.each(['dana', 'dana@', '@umbrella.io', 'dana@umbrella', 'da na@umbrella.io', 'dana..s@umbrella.io', ''])(
    'refuses %p',
    (input) => {
      expect(checkEmailAddress(input).ok).toBe(false);
    },
  );

  it('refuses an address longer than email allows', () => {
    expect(checkEmailAddress(`${'a'.repeat(60)}@${'b'.repeat(200)}.io`)).toEqual({
      ok: false,
      message: expect.stringContaining('254'),
    });
  });
});

describe('contact roles', () => {
  it('makes the first contact of an account its primary whatever was asked', () => {
    expect(roleForNewContact(false, 'billing')).toBe('primary');
    expect(roleForNewContact(true, 'billing')).toBe('billing');
    expect(roleForNewContact(true, undefined)).toBe('champion');
  });

  it('makes the first of contacts created together primary unless another is marked', () => {
    expect(assignContactRoles([{ email: 'a@x.io' }, { email: 'b@x.io', role: 'technical' }])).toEqual({
      ok: true,
      value: ['primary', 'technical'],
    });
    expect(
      assignContactRoles([
        { email: 'a@x.io', role: 'billing' },
        { email: 'b@x.io', role: 'primary' },
      ]),
    ).toEqual({
      ok: true,
      value: ['billing', 'primary'],
    });
  });

  it('refuses two primaries and one address twice, pointing at the entry', () => {
    expect(
      assignContactRoles([
        { email: 'a@x.io', role: 'primary' },
        { email: 'b@x.io', role: 'primary' },
      ]),
    ).toEqual(expect.objectContaining({ ok: false, index: 1, field: 'role' }));
    expect(assignContactRoles([{ email: 'a@x.io' }, { email: 'a@x.io' }])).toEqual(
      expect.objectContaining({ ok: false, index: 1, field: 'email' }),
    );
  });

  it('keeps the primary primary until another contact takes the role', () => {
    expect(checkContactRoleChange('primary', 'billing')).toEqual({
      ok: false,
      message: expect.stringContaining('make another contact primary instead'),
    });
    expect(checkContactRoleChange('billing', 'primary')).toEqual({ ok: true, value: 'primary' });
  });

  it('refuses removing the only contact while portal requests are open, naming them', () => {
    const removal = { contactName: 'Dana', accountName: 'Acme', otherContacts: 0, openPortalRequests: ['W-9 form'] };
    expect(checkContactRemoval(removal)).toEqual({
      ok: false,
      message: expect.stringContaining(
        'Dana is the only contact of Acme, and 1 portal request is still open for them (W-9 form)',
      ),
    });
    expect(checkContactRemoval({ ...removal, otherContacts: 1 }).ok).toBe(true);
    expect(checkContactRemoval({ ...removal, openPortalRequests: [] }).ok).toBe(true);
  });
});
