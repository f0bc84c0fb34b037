/**
 * JSON columns written by an older version of Thread, or damaged, are refused with an error naming the column
 * instead of being read as the wrong type. These tests write the tables directly, which is allowed only in this
 * folder: every service writes these columns from typed values (services/json/stored-json.ts), so no surface
 * can store a malformed value.
 */
import { getReviewCard } from '../../../src/services/review/get-review-card';
import { suggestAtRisk } from '../../../src/services/scheduler/suggest-at-risk';
import { seedDemo } from '../../../src/services/seed/seed-demo';
import { loadTemplateSpec } from '../../../src/services/templates/load-template-spec';
import { RecordingNotifier } from '../../support/recording-notifier';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';

const t = useTestDatabase();

async function demo() {
  const ctx = serviceContext(t.db, '2026-11-24T10:00:00Z');
  const seeded = await seedDemo(ctx, { csmSlackUserId: 'U0CSM00001' });
  const account = await ctx.prisma.account.findFirstOrThrow({ where: { name: 'Northwind Logistics' } });
  return { ctx, seeded, account };
}

const internal = (message: RegExp) => ({ name: 'AppError', code: 'internal', message: expect.stringMatching(message) });

describe('JSON columns in a shape this version does not store', () => {
  it('a review card refuses lint findings whose code an older version used', async () => {
    const { ctx, account } = await demo();
    const action = await ctx.prisma.action.findUniqueOrThrow({
      where: { accountId_key: { accountId: account.id, key: 'welcome-email' } },
    });
    // Written directly, like the damaged value below, so that the two differ only in the code.
    await ctx.prisma.action.update({
      where: { id: action.id },
      data: { lintFindings: [{ code: 'unfilled_placeholder', severity: 'error', message: 'fill {{x}}' }] },
    });
    expect((await getReviewCard(ctx, { actionId: action.id })).lintFindings).toHaveLength(1);

    // Written directly on purpose: no surface can store this shape, which is the point (see the header).
    await ctx.prisma.action.update({
      where: { id: action.id },
      data: { lintFindings: [{ code: 'placeholder_unfilled', severity: 'error', message: 'fill {{x}}' }] },
    });
    await expect(getReviewCard(ctx, { actionId: action.id })).rejects.toMatchObject(
      internal(new RegExp(`^Action\\.lintFindings of action ${action.id} is not in the shape .*: 0\\.code: `)),
    );
  });

  it('loading a template refuses form fields of a kind Thread does not know', async () => {
    const { ctx, seeded } = await demo();
    const templateAction = await ctx.prisma.templateAction.findFirstOrThrow({
      where: { key: 'kickoff-questionnaire' },
    });
    // Written directly on purpose: no surface can store this shape, which is the point (see the header).
    await ctx.prisma.templateAction.update({
      where: { id: templateAction.id },
      data: { formFields: [{ key: 'sso', label: 'SSO provider', kind: 'dropdown' }] },
    });
    await expect(
      loadTemplateSpec(ctx.prisma, { organizationId: seeded.organizationId, name: seeded.templateName }),
    ).rejects.toMatchObject(
      internal(
        /^TemplateAction\.formFields of action kickoff-questionnaire of template \S+ is not in the shape .*: 0\.kind: /,
      ),
    );
  });

  it('the at-risk sweep replaces a stored suggestion whose reasons are not a list instead of stopping', async () => {
    const { ctx, account } = await demo();
    // Written directly on purpose: no surface can store this shape, which is the point (see the header).
    await ctx.prisma.account.update({
      where: { id: account.id },
      data: { riskSuggestion: { reasons: 'blocked', suggestedAt: '2026-11-20T10:00:00Z' }, riskSuggestedAt: ctx.now() },
    });
    // The sweep replaces what it cannot read (here: no signal holds, so the suggestion is withdrawn).
    const result = await suggestAtRisk(ctx, { notifier: new RecordingNotifier() });
    expect(result.withdrawn).toEqual([account.id]);
    const after = await ctx.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.riskSuggestion).toBeNull();
  });
});
