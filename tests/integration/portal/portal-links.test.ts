import { createHash } from 'node:crypto';
import { addContact } from '../../../src/services/contacts/add-contact';
import { createPortalLink } from '../../../src/services/portal/create-portal-link';
import { resolvePortalToken } from '../../../src/services/portal/resolve-portal-token';
import { revokePortalLink } from '../../../src/services/portal/revoke-portal-link';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';

const t = useTestDatabase();
let ctx: TestServiceContext;

beforeEach(() => {
  ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
});

async function northwind() {
  await seedDemo(ctx);
  return t.db.prisma.account.findFirstOrThrow({ where: { name: 'Northwind Logistics' }, include: { contacts: true } });
}

describe('portal magic links', () => {
  it("hands out a 256-bit token that is stored only as its SHA-256 and opens the contact's portal", async () => {
    const account = await northwind();
    const link = await createPortalLink(ctx, {
      organizationId: account.organizationId,
      accountId: account.id,
      actor: 'cli',
      publicUrl: 'https://thread.example.org/',
    });
    const token = link.url.replace('https://thread.example.org/portal/', '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    const row = await t.db.prisma.portalAccess.findUniqueOrThrow({ where: { id: link.portalAccessId } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const everything = JSON.stringify([row, await t.db.prisma.auditEvent.findMany()]);
    expect(everything).not.toContain(token);
    expect(row.expiresAt.toISOString()).toBe('2026-12-24T10:00:00.000Z');
    expect(row.contactId).toBe(account.contacts[0]!.id);

    await expect(resolvePortalToken(ctx, { token })).resolves.toMatchObject({
      accountId: account.id,
      contactId: account.contacts[0]!.id,
    });
  });

  it('gives every link a different token', async () => {
    const account = await northwind();
    const a = await createPortalLink(ctx, {
      organizationId: account.organizationId,
      accountId: account.id,
      actor: 'cli',
      publicUrl: 'http://x.test',
    });
    const b = await createPortalLink(ctx, {
      organizationId: account.organizationId,
      accountId: account.id,
      actor: 'cli',
      publicUrl: 'http://x.test',
    });
    expect(a.url).not.toBe(b.url);
  });

  it('stops opening the portal once the link expires', async () => {
    const account = await northwind();
    const link = await createPortalLink(ctx, {
      organizationId: account.organizationId,
      accountId: account.id,
      actor: 'cli',
      publicUrl: 'http://x.test',
      ttlDays: 2,
    });
    const token = link.url.split('/').pop()!;
    ctx.setNow('2026-11-26T09:59:59Z');
    expect(await resolvePortalToken(ctx, { token })).toBeDefined();
    ctx.setNow('2026-11-26T10:00:00Z');
    expect(await resolvePortalToken(ctx, { token })).toBeUndefined();
  });

  it('stops opening the portal once revoked, and records who revoked it', async () => {
    const account = await northwind();
    const link = await createPortalLink(ctx, {
      organizationId: account.organizationId,
      accountId: account.id,
      actor: 'cli',
      publicUrl: 'http://x.test',
    });
    const token = link.url.split('/').pop()!;
    await expect(
      revokePortalLink(ctx, { organizationId: account.organizationId, accountId: account.id, actor: 'cli' }),
    ).resolves.toEqual({ revoked: 1 });
    expect(await resolvePortalToken(ctx, { token })).toBeUndefined();
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'portal_access', toState: 'revoked' },
    });
    expect(audit).toMatchObject({ entityId: link.portalAccessId, actor: 'cli', fromState: 'active' });
    await expect(
      revokePortalLink(ctx, {
        organizationId: account.organizationId,
        portalAccessId: link.portalAccessId,
        actor: 'cli',
      }),
    ).resolves.toEqual({
      revoked: 0,
    });
  });

  it('refuses a contact who is not on the account, naming the ones who are', async () => {
    const account = await northwind();
    await expect(
      createPortalLink(ctx, {
        organizationId: account.organizationId,
        accountId: account.id,
        contactEmail: 'eve@evil.test',
        actor: 'cli',
        publicUrl: 'http://x.test',
      }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('maria.anders@northwindlogistics.io'),
    });
  });

  it('makes a link for a named contact, matching the email case-insensitively', async () => {
    const account = await northwind();
    const second = await addContact(ctx, {
      organizationId: account.organizationId,
      actor: 'cli',
      accountId: account.id,
      name: 'Ito Ken',
      email: 'ken.ito@northwindlogistics.io',
      role: 'technical',
    });
    const link = await createPortalLink(ctx, {
      organizationId: account.organizationId,
      accountId: account.id,
      contactEmail: 'Ken.Ito@NorthwindLogistics.io',
      actor: 'cli',
      publicUrl: 'http://x.test',
    });
    expect(link.contactId).toBe(second.id);
  });

  it('rejects malformed tokens without a lookup', async () => {
    await expect(resolvePortalToken(ctx, { token: "' OR 1=1 --" })).resolves.toBeUndefined();
    await expect(resolvePortalToken(ctx, { token: '' })).resolves.toBeUndefined();
  });
});
