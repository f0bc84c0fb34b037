/**
 * The slip suggestion services on a real database, where a late request cannot be asked for earlier (it is already
 * in the first milestone): the milestone is planned longer instead, accepted by the operator through the
 * export/import path, and refused when the evidence, the version or the person does not allow it.
 */
import { MIN_ACCOUNTS, templateRef } from '../../../src/domain/slip-suggestions';
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { refreshProfile } from '../../../src/services/people/refresh-profile';
import { applySlipSuggestion } from '../../../src/services/templates/apply-slip-suggestion';
import { importTemplate } from '../../../src/services/templates/import-template';
import { listSlipSuggestions } from '../../../src/services/templates/list-slip-suggestions';
import { loadSlipEvidence } from '../../../src/services/templates/load-slip-evidence';
import { refusal } from '../../support/refusal';
import { serviceContext, type TestServiceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { arrangeSlowSsoForm, slowSsoTemplate, TEMPLATE_NAME } from './slip-fixture';

const t = useTestDatabase();

const EXTEND_SENTENCE =
  'Kickoff runs a median 6 days over plan, mostly waiting on the customer for the SSO form: plan 7 days for it instead of 1.';

describe('slip suggestions that plan a milestone longer', () => {
  let ctx: TestServiceContext;
  let organizationId: string;
  let templateId: string;
  let viewer: { userId: string };

  beforeEach(async () => {
    ctx = serviceContext(t.db);
    organizationId = (await getDefaultOrganization(ctx, { name: 'Vendor Co' })).id;
    const csm = await addPerson(ctx, { organizationId, actor: 'cli', slackUserId: 'UCSM0001', role: 'csm' });
    await refreshProfile(ctx, {
      organizationId,
      slackUserId: 'UCSM0001',
      profile: { name: 'Casey Morgan', email: 'casey.morgan@vendor.test' },
    });
    viewer = await addPerson(ctx, { organizationId, actor: 'cli', slackUserId: 'UVIEW0001', role: 'viewer' });
    ({ templateId } = await arrangeSlowSsoForm(ctx, {
      organizationId,
      csm: { userId: csm.userId },
      csmSlackUserId: 'UCSM0001',
      accounts: MIN_ACCOUNTS,
      formIn: 'Kickoff',
    }));
  });

  const extendId = (toDays: number) => `${templateRef(templateId)}.v1.extend-1-to-${toDays}`;

  it('aggregates the ledger: the step, its side, its accounts and days, the wait and what the milestone needed', async () => {
    const evidence = await loadSlipEvidence(ctx, { organizationId, templateId });
    expect(evidence.steps).toEqual([
      { templateId, actionKey: 'sso-form', side: 'customer', milestoneName: 'Kickoff', accounts: 3, days: 18 },
    ]);
    // 14 + 24 × 5 + 10 business hours (see slip-fixture.ts), the same on every account.
    expect(evidence.waits).toEqual([{ templateId, actionKey: 'sso-form', samples: 3, medianWaitHours: 144 }]);
    expect(evidence.needs).toEqual([{ templateId, milestoneName: 'Kickoff', accounts: 3, medianNeededDays: 7 }]);
    expect(evidence.templates.map((x) => [x.id, x.version])).toEqual([[templateId, 1]]);
    // Another organisation sees none of it.
    const other = await resolveOrganizationForSlack(ctx, { teamId: 'TOTHER01', workspaceName: 'Other Co' });
    expect(other.id).not.toBe(organizationId);
    expect(await loadSlipEvidence(ctx, { organizationId: other.id })).toEqual({
      templates: [],
      steps: [],
      waits: [],
      needs: [],
    });
  });

  it('a viewer reads the suggestion, and cannot accept it', async () => {
    const list = await listSlipSuggestions(ctx, { organizationId, actor: viewer, templateName: TEMPLATE_NAME });
    expect(list).toMatchObject({ canAccept: false, template: { id: templateId, name: TEMPLATE_NAME } });
    expect(list.suggestions.map((s) => [s.id, s.sentence])).toEqual([[extendId(7), EXTEND_SENTENCE]]);

    const refused = await refusal(
      applySlipSuggestion(ctx, { organizationId, actor: viewer, suggestionId: extendId(7) }),
    );
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect(refused.message).toBe('only admins can change templates, and your role is viewer.');
  });

  it('the operator accepts it: Kickoff planned 7 days in v2, audited, and nothing more to suggest', async () => {
    const applied = await applySlipSuggestion(ctx, { organizationId, actor: 'cli', suggestionId: extendId(7) });
    expect(applied).toMatchObject({ templateName: TEMPLATE_NAME, fromVersion: 1, toVersion: 2 });

    const template = await t.db.prisma.template.findUniqueOrThrow({
      where: { id: templateId },
      include: { milestones: { orderBy: { position: 'asc' } } },
    });
    expect(template.version).toBe(2);
    expect(template.milestones.map((m) => m.plannedDays)).toEqual([7, 2, 1]);
    // The accounts keep the plan they were given.
    const kickoffs = await t.db.prisma.milestone.findMany({ where: { position: 0, account: { templateId } } });
    expect(kickoffs.map((m) => m.plannedDays)).toEqual([1, 1, 1]);
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entityType: 'template', fromState: 'v1' } });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'cli',
        toState: 'v2',
        reason: 'slip suggestion accepted: Kickoff: 1 → 7 planned days',
        data: expect.objectContaining({ suggestionId: extendId(7), sentence: EXTEND_SENTENCE }),
      }),
    ]);
    // The accounts needed 7 days, and 7 are now planned.
    expect((await listSlipSuggestions(ctx, { organizationId, actor: 'cli' })).suggestions).toEqual([]);
  });

  it('refuses a suggestion the slip no longer makes, a mistyped id, and changes nothing', async () => {
    const stale = await refusal(applySlipSuggestion(ctx, { organizationId, actor: 'cli', suggestionId: extendId(9) }));
    expect(stale).toMatchObject({ code: 'conflict' });
    expect(stale.message).toMatch(
      new RegExp(`^the slip on "${TEMPLATE_NAME}" no longer suggests that change \\(the accounts behind it`),
    );

    const typo = await refusal(
      applySlipSuggestion(ctx, { organizationId, actor: 'cli', suggestionId: 'extend-1-to-7' }),
    );
    expect(typo).toMatchObject({ code: 'validation_failed' });
    expect(typo.message).toMatch(/^"extend-1-to-7" is not a suggestion id/);

    expect((await t.db.prisma.template.findUniqueOrThrow({ where: { id: templateId } })).version).toBe(1);
  });

  it('an import built on an older version is refused, so a change never overwrites one made meanwhile', async () => {
    await importTemplate(ctx, { organizationId, spec: slowSsoTemplate('Kickoff'), actor: 'cli' });
    const refused = await refusal(
      importTemplate(ctx, { organizationId, spec: slowSsoTemplate('Kickoff'), actor: 'cli', expectedVersion: 1 }),
    );
    expect(refused).toMatchObject({ code: 'conflict' });
    expect(refused.message).toBe(
      `the template "${TEMPLATE_NAME}" changed while this was being done (it was v1, it is now v2); nothing was changed.`,
    );
    expect((await t.db.prisma.template.findUniqueOrThrow({ where: { id: templateId } })).version).toBe(2);
  });
});
