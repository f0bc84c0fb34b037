import { accountNameFor, chooseTemplate, csmForOwner, nextInTurn } from '../../domain/hubspot-rules';
import { arrFrom, arrGap, companyFields, contactsToImport } from '../../domain/hubspot-import';
import { AppError, isAppError } from '../../lib/errors';
import { createAccount } from '../accounts/create-account';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { toJsonInput } from '../json/stored-json';
import { buildCrmFacts } from './deal-facts';
import { changeHubSpotState } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';
import type { HubSpotSession } from './hubspot-session';
import type { DealInHubSpot } from './read-hubspot-deal';
import { recordHubSpotOutcome } from './record-hubspot-outcome';

export type ImportOutcome =
  | { kind: 'imported'; accountId: string; accountName: string; gaps: string[] }
  /** Another delivery (a webhook, the poll, another process) made the account first. */
  | { kind: 'already'; accountId: string };

interface Person {
  id: string;
  name: string;
  slackUserId: string | null;
}

async function accountOfDeal(ctx: ServiceContext, organizationId: string, dealId: string) {
  return ctx.prisma.account.findFirst({ where: { organizationId, hubspotDealId: dealId }, select: { id: true } });
}

/** The template the plan comes from: the rules' choice, else the organisation's only template. */
async function templateFor(ctx: ServiceContext, session: HubSpotSession, read: DealInHubSpot): Promise<string> {
  const chosen = chooseTemplate(session.connection.state.rules, read.deal);
  if (chosen) return chosen;
  const templates = await ctx.prisma.template.findMany({
    where: { organizationId: session.organizationId },
    select: { name: true },
    take: 2,
  });
  if (templates.length === 1) return templates[0]!.name;
  throw new AppError(
    'not_configured',
    templates.length === 0
      ? `deal ${read.deal.id} (${read.deal.name}) closed, but there is no template to plan its onboarding with: import one, then the next sync makes the account.`
      : `deal ${read.deal.id} (${read.deal.name}) closed, but no HubSpot rule picks its template (pipeline ${read.deal.pipelineId}): set a default template in Settings → Connectors → Rules; the next sync makes the account.`,
  );
}

/** The CSM by the admin's rule, or null with the reason as a gap. Round robin advances under the connection's lock. */
async function csmFor(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  session: HubSpotSession,
  ownerEmail: string | null,
): Promise<{ csm: Person | null; gap: string | null }> {
  const rule = session.connection.state.rules.csm;
  const organizationId = session.organizationId;
  const person = async (userId: string | null) =>
    userId
      ? ctx.prisma.user.findFirst({
          where: { id: userId, organizationId, addedAt: { not: null } },
          select: { id: true, name: true, slackUserId: true },
        })
      : null;
  let chosen: Person | null = null;
  switch (rule.kind) {
    case 'none':
      return { csm: null, gap: 'no CSM yet: the HubSpot rules leave the choice to an admin' };
    case 'fixed':
      chosen = await person(rule.userId);
      break;
    case 'by_owner':
      chosen = await person(csmForOwner(rule, ownerEmail));
      if (!chosen)
        return {
          csm: null,
          gap: `no CSM yet: the HubSpot rules name nobody for the deal owner ${ownerEmail ?? '(none)'}`,
        };
      break;
    case 'round_robin': {
      const csms = await ctx.prisma.user.findMany({
        where: { organizationId, role: 'csm', addedAt: { not: null }, slackUserId: { not: null } },
        select: { id: true, name: true, slackUserId: true },
      });
      if (csms.length === 0) return { csm: null, gap: 'no CSM yet: round robin found no CSM in Thread' };
      const id = await ctx.prisma.$transaction((tx) =>
        changeHubSpotState(tx, deps, organizationId, (state) => {
          const next = nextInTurn(
            csms.map((c) => c.id),
            state.roundRobinLastUserId,
          )!;
          return { state: { ...state, roundRobinLastUserId: next }, result: next };
        }),
      );
      chosen = csms.find((c) => c.id === id) ?? null;
      break;
    }
  }
  if (!chosen) return { csm: null, gap: 'no CSM yet: the person the HubSpot rules name is no longer in Thread' };
  if (!chosen.slackUserId) return { csm: null, gap: `no CSM yet: ${chosen.name} has no Slack account in Thread` };
  return { csm: chosen, gap: null };
}

/** The AE: the deal owner's email looked up in Slack. */
async function aeFor(
  deps: HubSpotDeps,
  organizationId: string,
  read: DealInHubSpot,
): Promise<{ slackUserId: string | null; gap: string | null }> {
  if (!read.ownerEmail) return { slackUserId: null, gap: read.ownerProblem };
  if (!deps.lookupSlackUserByEmail)
    return { slackUserId: null, gap: `Slack is not connected, so the AE (${read.ownerEmail}) was not looked up` };
  const found = await deps.lookupSlackUserByEmail(read.ownerEmail, organizationId);
  return found
    ? { slackUserId: found, gap: null }
    : {
        slackUserId: null,
        gap: `the deal owner ${read.ownerEmail} is not in this Slack workspace: the handoff form goes to them by email`,
      };
}

/** Another account has this deal or this name (the database's unique index, or createAccount's name check). */
function isUniqueViolation(error: unknown): boolean {
  if (isAppError(error)) return error.code === 'conflict' && error.fields.some((f) => f.field === 'name');
  return (error as { code?: unknown } | null)?.code === 'P2002';
}

/**
 * Makes the account for a deal that reached a trigger stage, pending its handoff: named after the company (told
 * apart by the deal id when the name is taken), with its domain, industry and contacts, ARR from the mapped
 * property, the AE from the deal owner's email in Slack, the CSM and the template by the admin's rules, and what
 * HubSpot said (crmFacts) including what the deal lacked. One deal makes at most one account: Account.hubspotDealId
 * is unique, so when a webhook and the poll (or two processes) race, one creates it and the other finds it.
 * After the account is committed, the handoff is started through deps.onAccountPendingHandoff.
 */
export async function importClosedWonDeal(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  session: HubSpotSession,
  read: DealInHubSpot,
): Promise<ImportOutcome> {
  const { organizationId } = session;
  const { deal } = read;
  const known = await accountOfDeal(ctx, organizationId, deal.id);
  if (known) return { kind: 'already', accountId: known.id };

  const rules = session.connection.state.rules;
  const templateName = await templateFor(ctx, session, read);
  const company = companyFields(deal, read.company);
  const contacts = contactsToImport(read.contacts, read.primaryIndex);
  const arr = arrFrom(deal, rules.arrProperty);
  const ae = await aeFor(deps, organizationId, read);
  const { csm, gap: csmGap } = await csmFor(ctx, deps, session, read.ownerEmail);
  const gaps = [
    ...company.gaps,
    ...(arr === null ? [arrGap(rules.arrProperty)] : []),
    ...contacts.gaps,
    ...(ae.gap ? [ae.gap] : []),
    ...(csmGap ? [csmGap] : []),
  ];
  const crmFacts = buildCrmFacts({
    portalId: await session.portalId(),
    read,
    wanted: session.wanted,
    gaps,
    now: ctx.now(),
  });

  const create = (name: string) =>
    createAccount(ctx, {
      organizationId,
      actor: 'hubspot',
      name,
      templateName,
      ...(company.domain ? { domain: company.domain } : {}),
      ...(company.industry ? { industry: company.industry } : {}),
      ...(csm?.slackUserId ? { csmSlackUserId: csm.slackUserId } : {}),
      // An AE outside Slack is recorded by the owner's email: the handoff's web form is emailed to them.
      ...(ae.slackUserId ? { aeSlackUserId: ae.slackUserId } : read.ownerEmail ? { aeEmail: read.ownerEmail } : {}),
      arr: arr ?? 0,
      contacts: contacts.contacts.map((c) => ({
        email: c.email,
        name: c.name,
        title: c.title,
        hubspotContactId: c.hubspotContactId,
        ...(c.primary ? { role: 'primary' as const } : {}),
      })),
      pendingHandoff: true,
      hubspot: { dealId: deal.id, ...(read.company ? { companyId: read.company.id } : {}), crmFacts },
    });

  const taken = await ctx.prisma.account.findMany({
    where: { organizationId, name: { in: [company.name.trim().slice(0, 160), `${company.name} (deal ${deal.id})`] } },
    select: { name: true },
  });
  let name = accountNameFor(company.name, deal.id, (n) => taken.some((t) => t.name === n));
  let created;
  for (let attempt = 0; ; attempt++) {
    try {
      created = await create(name);
      break;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The deal's own account, made meanwhile by the other delivery: that is the one account of this deal.
      const meanwhile = await accountOfDeal(ctx, organizationId, deal.id);
      if (meanwhile) return { kind: 'already', accountId: meanwhile.id };
      // Another deal's account took the name meanwhile: once more, told apart by the deal id.
      if (attempt > 0) throw error;
      name = accountNameFor(name, deal.id, () => true);
    }
  }

  await ctx.prisma.$transaction((tx) =>
    recordAuditEvent(tx, {
      organizationId,
      accountId: created.id,
      entityType: 'account',
      entityId: created.id,
      actor: 'hubspot',
      to: 'pending_handoff',
      reason: `made from HubSpot deal ${deal.id} (${deal.name}), which reached stage ${deal.stageId}`,
      data: toJsonInput({
        dealId: deal.id,
        companyId: read.company?.id ?? null,
        template: templateName,
        csmRule: rules.csm.kind,
        csmUserId: csm?.id ?? null,
        aeSlackUserId: ae.slackUserId,
        gaps,
      }),
      at: ctx.now(),
    }),
  );

  if (deps.onAccountPendingHandoff) {
    try {
      await deps.onAccountPendingHandoff({ organizationId, accountId: created.id });
    } catch (error) {
      // The account stands either way; the admins see in the connector status that its handoff did not start.
      ctx.logger.error(
        { err: error, accountId: created.id },
        'the handoff of an account made from HubSpot did not start',
      );
      await recordHubSpotOutcome(ctx, deps, {
        organizationId,
        during: 'sync',
        error: `${created.name} was made from deal ${deal.id}, but its handoff did not start: ${isAppError(error) ? error.message : 'an unexpected error (logged)'}`,
      });
    }
  }
  return { kind: 'imported', accountId: created.id, accountName: created.name, gaps };
}
