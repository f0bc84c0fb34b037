import { useTestDatabase } from '../../support/test-database';

const t = useTestDatabase();

describe('the test database', () => {
  it('starts migrated and empty, and keeps what a test writes until the next test', async () => {
    const { rows } = await t.db.pool.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
    );
    expect(rows.map((r) => r.migration_name)).toContainEqual(expect.stringMatching(/_init$/));
    expect(await t.db.prisma.organization.count()).toBe(0);
    // A raw row on purpose: this tests the test database itself, not anything a person does.
    await t.db.prisma.organization.create({ data: { name: 'Acme', slug: 'acme' } });
    expect(await t.db.prisma.organization.count()).toBe(1);
  });

  it('is emptied between tests', async () => {
    expect(await t.db.prisma.organization.count()).toBe(0);
  });
});
