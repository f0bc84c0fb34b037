/**
 * Export CSV on one analytics table: the button's signed table request becomes a signed download link for the
 * person who clicked, which the Slack layer sends to their DM. The clicker's own right to read the analytics is
 * checked now, and again when the link is used.
 */
import { z } from 'zod';
import { SECTION_TITLES, type AnalyticsSectionId } from '../../domain/analytics';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { assertCapability, loadActingPerson } from '../people/acting-person';
import {
  analyticsLink,
  parseTableRequestToken,
  verifyAnalyticsRequest,
  type AnalyticsLinkDeps,
} from './analytics-links';
import { resolveAnalyticsScope, scopeWords } from './analytics-scope';
import { csvFileName, VIEWING_ANALYTICS } from './analytics-section-view';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  actor: z.object({ userId: z.string().min(1) }),
  /** The Export CSV button's value. */
  token: z.string().min(1).max(2000),
});

export interface AnalyticsCsvLink {
  section: AnalyticsSectionId;
  title: string;
  scopeLabel: string;
  url: string;
  fileName: string;
  expiresAt: Date;
}

export async function exportAnalyticsCsv(
  ctx: ServiceContext,
  links: AnalyticsLinkDeps,
  input: z.input<typeof optionsSchema>,
): Promise<AnalyticsCsvLink> {
  const o = parseOptions(optionsSchema, input);
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'view_analytics', VIEWING_ANALYTICS);
  const signed = parseTableRequestToken(o.token);
  const request = signed && verifyAnalyticsRequest(links.secret, 'table', signed, ctx.now());
  if (!request || request.o !== o.organizationId)
    throw new AppError(
      'form_out_of_date',
      'this Export button is too old or was not made by Thread; open Analytics again and export from there.',
    );
  const scope = await resolveAnalyticsScope(
    ctx.prisma,
    o.organizationId,
    { period: request.p, templateId: request.t, csmUserId: request.c, asOf: new Date(request.a * 1000) },
    ctx.now(),
  );
  // The link is the clicker's, whoever the view was first shown to.
  const mine = { ...request, u: o.actor.userId };
  const now = ctx.now();
  const { url, expiresAt } = analyticsLink(links, 'csv', mine, now);
  return {
    section: request.s,
    title: SECTION_TITLES[request.s],
    scopeLabel: scopeWords(scope),
    url,
    fileName: csvFileName(request.s, scope),
    expiresAt,
  };
}
