import type { HubSpotRules } from '../../domain/hubspot-rules';
import type { Tx, ServiceContext } from '../context';
import { crmFactsSchema, type CrmFacts } from './crm-facts';
import type { DealInHubSpot } from './read-hubspot-deal';

/** The deal property a seat count is read from when no handoff question names one. */
const DEFAULT_SEATS_PROPERTY = 'seats';

export interface WantedDealProperties {
  /** Every deal property to ask HubSpot for, beyond the ones every deal read returns. */
  all: string[];
  /** The ones active handoff questions pre-fill from: they go into crmFacts.properties. */
  handoff: string[];
  seats: string;
}

/** Which deal properties the organisation needs: its handoff questions', the ARR property, the template rule's. */
export async function wantedDealProperties(
  db: ServiceContext['prisma'] | Tx,
  organizationId: string,
  rules: HubSpotRules,
): Promise<WantedDealProperties> {
  const questions = await db.handoffQuestion.findMany({
    where: { organizationId, active: true, crmProperty: { not: null } },
    select: { key: true, crmProperty: true },
  });
  const handoff = [...new Set(questions.map((q) => q.crmProperty!).filter((p) => p.trim() !== ''))];
  const seats = questions.find((q) => q.key === 'seats')?.crmProperty ?? DEFAULT_SEATS_PROPERTY;
  const all = [
    ...new Set([
      ...handoff,
      seats,
      rules.arrProperty,
      ...(rules.template.byProperty ? [rules.template.byProperty.property] : []),
    ]),
  ];
  return { all, handoff, seats };
}

/** What HubSpot said about the deal, as Account.crmFacts keeps it. */
export function buildCrmFacts(o: {
  portalId: string;
  read: DealInHubSpot;
  wanted: WantedDealProperties;
  gaps: string[];
  now: Date;
}): CrmFacts {
  const { deal } = o.read;
  const properties: Record<string, string> = {};
  for (const name of o.wanted.handoff) {
    const value = deal.properties[name];
    if (value !== undefined) properties[name] = value;
  }
  const seats = Number(deal.properties[o.wanted.seats] ?? Number.NaN);
  return crmFactsSchema.parse({
    source: 'hubspot',
    portalId: o.portalId,
    dealId: deal.id,
    dealName: deal.name,
    amount: deal.amount,
    currency: deal.currency,
    closeDate: deal.closeDate,
    pipelineId: deal.pipelineId,
    stageId: deal.stageId,
    ownerEmail: o.read.ownerEmail,
    seats: Number.isFinite(seats) ? seats : null,
    companyId: o.read.company?.id ?? null,
    properties,
    gaps: o.gaps,
    syncedAt: o.now.toISOString(),
  });
}
