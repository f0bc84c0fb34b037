import path from 'node:path';
import { createAccount } from '../accounts/create-account';
import type { ServiceContext } from '../context';
import { ensureDefaultHandoffQuestions } from '../handoff/ensure-default-handoff-questions';
import { getDefaultOrganization } from '../organizations/get-default-organization';
import { importTemplate } from '../templates/import-template';
import { readTemplateFile } from '../templates/read-template-file';
import { findDemoHistoryCsm } from './demo-history/find-demo-history-csm';
import { playDemoHistory, type PlayDemoHistoryResult } from './demo-history/play-demo-history';

export const DEMO_TEMPLATE_FILE = path.resolve(__dirname, '../../../templates/b2b-saas-onboarding.yaml');

const DEMO_ACCOUNTS = [
  {
    name: 'Northwind Logistics',
    domain: 'northwindlogistics.io',
    industry: 'Logistics',
    arr: 84000,
    contact: { email: 'maria.anders@northwindlogistics.io', name: 'Maria Anders' },
    daysAgo: 12,
  },
  {
    name: 'Helios Health',
    domain: 'helioshealth.co',
    industry: 'Healthcare',
    arr: 156000,
    contact: { email: 'sam.okafor@helioshealth.co', name: 'Sam Okafor' },
    daysAgo: 4,
  },
  {
    name: 'Brightline Analytics',
    domain: 'brightline-analytics.com',
    industry: 'Software',
    arr: 42000,
    contact: { email: 'lena.fischer@brightline-analytics.com', name: 'Lena Fischer' },
    daysAgo: 0,
  },
] as const;

export interface SeedDemoResult {
  organizationId: string;
  templateName: string;
  created: string[];
  existing: string[];
  /** The past year's accounts, when asked for; `skipped` says why it was not played. */
  history?: PlayDemoHistoryResult | { skipped: string };
}

export interface SeedDemoOptions {
  csmSlackUserId?: string;
  /**
   * Also play a year of past onboardings (demo-history/) so the analytics have a history. It takes a while (a line
   * of progress per simulated day goes to onProgress), so tests that need only the three accounts leave it off.
   */
  history?: { publicUrl: string; onProgress?: (day: number, days: number) => void };
}

/**
 * The demo organisation, the demo template, the default handoff questions and three accounts at different stages,
 * and, when asked, a year of past onboardings for the analytics.
 * Idempotent: the template and the questions are added only when missing, and existing accounts are left as they are.
 */
export async function seedDemo(ctx: ServiceContext, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const org = await getDefaultOrganization(ctx, { name: 'Demo Company' });
  const spec = await readTemplateFile(DEMO_TEMPLATE_FILE);
  const template = await ctx.prisma.template.findUnique({
    where: { organizationId_name: { organizationId: org.id, name: spec.name } },
  });
  if (!template) await importTemplate(ctx, { organizationId: org.id, spec, actor: 'seed' });
  // An organisation Slack made before the seed has them already; one that never had questions gets the defaults.
  await ctx.prisma.$transaction((tx) =>
    ensureDefaultHandoffQuestions(tx, { organizationId: org.id, actor: 'seed', at: ctx.now() }),
  );

  const created: string[] = [];
  const existing: string[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    const found = await ctx.prisma.account.findUnique({
      where: { organizationId_name: { organizationId: org.id, name: demo.name } },
    });
    if (found) {
      existing.push(demo.name);
      continue;
    }
    const kickoff = new Date(ctx.now().getTime() - demo.daysAgo * 86_400_000).toISOString().slice(0, 10);
    await createAccount(ctx, {
      organizationId: org.id,
      name: demo.name,
      templateName: spec.name,
      domain: demo.domain,
      industry: demo.industry,
      arr: demo.arr,
      contact: demo.contact,
      kickoffDate: kickoff,
      csmSlackUserId: options.csmSlackUserId,
      actor: 'cli',
    });
    created.push(demo.name);
  }
  const result: SeedDemoResult = { organizationId: org.id, templateName: spec.name, created, existing };
  if (options.history) {
    const csm = await findDemoHistoryCsm(ctx, { organizationId: org.id, slackUserId: options.csmSlackUserId });
    result.history =
      'skipped' in csm
        ? csm
        : await playDemoHistory(ctx, {
            organizationId: org.id,
            templateName: spec.name,
            csm,
            publicUrl: options.history.publicUrl,
            onProgress: options.history.onProgress,
          });
  }
  return result;
}
