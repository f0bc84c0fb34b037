/**
 * The contradiction check's services on a real database, as far as Thread's own surfaces reach today: nothing on
 * main submits a handoff yet (the handoff form is being built beside this), so these tests cover the refusals, the
 * ARR service a fix uses, and the joined transaction accepting relies on. The end-to-end flow (a submitted handoff,
 * its findings, Accept and Dismiss) is added once the handoff submission is merged.
 */
import { createAccount } from '../../../src/services/accounts/create-account';
import { setAccountArr } from '../../../src/services/accounts/set-account-arr';
import { addContact } from '../../../src/services/contacts/add-contact';
import { acceptHandoffFinding } from '../../../src/services/handoff/accept-handoff-finding';
import { checkHandoff } from '../../../src/services/handoff/check-handoff';
import { dismissHandoffFinding } from '../../../src/services/handoff/dismiss-handoff-finding';
import { listHandoffFindings } from '../../../src/services/handoff/list-handoff-findings';
import { addPlanAction } from '../../../src/services/plan/add-plan-action';
import { serviceContextIn } from '../../../src/services/transaction-context';
import { refusal } from '../../support/refusal';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { setUpPlanTeam } from '../plan/plan-team';

const t = useTestDatabase();

async function pendingAccount() {
  const ctx = serviceContext(t.db, '2026-02-26T10:00:00Z');
  const team = await setUpPlanTeam(ctx);
  const created = await createAccount(ctx, {
    organizationId: team.organizationId,
    name: 'Pending Co',
    templateName: team.templateName,
    csmSlackUserId: 'UCSM',
    kickoffDate: '2026-03-02',
    contact: { email: 'dana@pending.io', name: 'Dana Scully' },
    arr: 52_000,
    pendingHandoff: true,
    actor: team.admin,
  });
  return { ctx, team, accountId: created.id };
}

describe('checking a handoff', () => {
  it('an account whose handoff was not submitted is refused with the reason, and nothing is stored', async () => {
    const { ctx, team, accountId } = await pendingAccount();
    const refused = await refusal(checkHandoff(ctx, {}, { organizationId: team.organizationId, accountId }));
    expect(refused.code).toBe('illegal_transition');
    expect(refused.message).toBe('Pending Co has no submitted handoff to check yet.');
    expect(await listHandoffFindings(ctx, { organizationId: team.organizationId, accountId })).toEqual([]);
    expect(
      await t.db.prisma.auditEvent.count({ where: { accountId, reason: { startsWith: 'handoff checked' } } }),
    ).toBe(0);
  });

  it('an account of another organisation is not found, and Claude is not asked', async () => {
    const { ctx, accountId } = await pendingAccount();
    const asked: unknown[] = [];
    const finder = { label: 'ai:test', find: async (q: unknown) => (asked.push(q), []) };
    const refused = await refusal(
      checkHandoff(ctx, { findContradictions: finder }, { organizationId: 'other-org', accountId }),
    );
    expect(refused.code).toBe('not_found');
    expect(asked).toEqual([]);
    expect((await refusal(listHandoffFindings(ctx, { organizationId: 'other-org', accountId }))).code).toBe(
      'not_found',
    );
  });
});

describe('deciding a finding', () => {
  it('accepting or dismissing a finding that does not exist says so', async () => {
    const { ctx, team } = await pendingAccount();
    for (const decide of [acceptHandoffFinding, dismissHandoffFinding]) {
      const refused = await refusal(
        decide(ctx, { organizationId: team.organizationId, actor: team.csm, findingId: 'cmissing' }),
      );
      expect(refused.code).toBe('not_found');
      expect(refused.message).toContain('that finding no longer exists');
      expect(
        (await refusal(decide(ctx, { organizationId: team.organizationId, actor: team.csm, findingId: '' }))).code,
      ).toBe('validation_failed');
    }
  });
});

describe("changing an account's ARR (the fix for an ARR the AE gives differently)", () => {
  it("the account's CSM changes it, with the old and new amounts and the reason on the audit trail", async () => {
    const { ctx, team, accountId } = await pendingAccount();
    const changed = await setAccountArr(ctx, {
      organizationId: team.organizationId,
      actor: team.csm,
      accountId,
      arr: 48_000,
      reason: "the AE's handoff gives 48,000 USD",
    });
    expect(changed).toEqual({ accountId, arr: 48_000, previousArr: 52_000, changed: true });
    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).arr).toBe(48_000);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { accountId, reason: { startsWith: 'ARR' } },
    });
    expect(audit).toMatchObject({
      actor: team.csm.userId,
      fromState: '52000',
      toState: '48000',
      reason: "ARR changed: the AE's handoff gives 48,000 USD",
    });
  });

  it('the same amount changes nothing; another CSM, a viewer and a negative amount are refused', async () => {
    const { ctx, team, accountId } = await pendingAccount();
    const o = { organizationId: team.organizationId, accountId };
    expect(await setAccountArr(ctx, { ...o, actor: team.admin, arr: 52_000 })).toMatchObject({ changed: false });
    const other = await refusal(setAccountArr(ctx, { ...o, actor: team.otherCsm, arr: 1 }));
    expect(other.code).toBe('forbidden');
    expect(other.message).toContain('you are not the CSM of Pending Co');
    expect((await refusal(setAccountArr(ctx, { ...o, actor: team.viewer, arr: 1 }))).code).toBe('forbidden');
    expect((await refusal(setAccountArr(ctx, { ...o, actor: team.csm, arr: -1 }))).code).toBe('validation_failed');
    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).arr).toBe(52_000);
    expect(await t.db.prisma.auditEvent.count({ where: { accountId, reason: { startsWith: 'ARR' } } })).toBe(0);
  });
});

describe('services joined in one transaction (how accepting applies a fix with its decision)', () => {
  async function addBoth(
    ctx: ReturnType<typeof serviceContext>,
    team: Awaited<ReturnType<typeof setUpPlanTeam>>,
    accountId: string,
    fail: boolean,
  ) {
    const milestone = await t.db.prisma.milestone.findFirstOrThrow({ where: { accountId, position: 1 } });
    await ctx.prisma.$transaction(async (tx) => {
      const inTx = serviceContextIn(ctx, tx);
      await addContact(inTx, {
        organizationId: team.organizationId,
        actor: team.csm,
        accountId,
        name: 'Walter Skinner',
        email: 'walter@pending.io',
      });
      await addPlanAction(inTx, {
        organizationId: team.organizationId,
        actor: team.csm,
        accountId,
        placement: { milestoneId: milestone.id, afterActionId: null },
        source: {
          kind: 'ad_hoc',
          name: 'Set up API access',
          type: 'internal_task',
          triggerKind: 'milestone_start',
          delayDays: 0,
        },
      });
      if (fail) throw new Error('the decision could not be recorded');
    });
  }

  it('both changes commit with the transaction', async () => {
    const { ctx, team, accountId } = await pendingAccount();
    await addBoth(ctx, team, accountId, false);
    expect(await t.db.prisma.contact.count({ where: { accountId, email: 'walter@pending.io' } })).toBe(1);
    expect(await t.db.prisma.action.count({ where: { accountId, name: 'Set up API access' } })).toBe(1);
  });

  it('when the transaction fails after them, neither change nor its audit row is left behind', async () => {
    const { ctx, team, accountId } = await pendingAccount();
    await expect(addBoth(ctx, team, accountId, true)).rejects.toThrow('the decision could not be recorded');
    expect(await t.db.prisma.contact.count({ where: { accountId, email: 'walter@pending.io' } })).toBe(0);
    expect(await t.db.prisma.action.count({ where: { accountId, name: 'Set up API access' } })).toBe(0);
    expect(await t.db.prisma.auditEvent.count({ where: { accountId, reason: { contains: 'Walter' } } })).toBe(0);
  });

  it('a service refusing inside rolls back what ran before it', async () => {
    const { ctx, team, accountId } = await pendingAccount();
    const refused = await refusal(
      ctx.prisma.$transaction(async (tx) => {
        const inTx = serviceContextIn(ctx, tx);
        await setAccountArr(inTx, { organizationId: team.organizationId, actor: team.csm, accountId, arr: 1 });
        await addContact(inTx, {
          organizationId: team.organizationId,
          actor: team.csm,
          accountId,
          name: 'Dup',
          email: 'dana@pending.io',
        });
      }),
    );
    expect(refused.message).toContain('dana@pending.io is already a contact');
    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).arr).toBe(52_000);
  });
});
