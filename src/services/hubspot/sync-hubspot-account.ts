import { arrFrom, arrGap, companyFields, contactsToImport } from '../../domain/hubspot-import';
import { recordAuditEvent, type AuditEventInput } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { describeContact } from '../contacts/contact-change';
import { toJsonInput } from '../json/stored-json';
import { readCrmFacts, type CrmFacts } from './crm-facts';
import { buildCrmFacts } from './deal-facts';
import type { HubSpotSession } from './hubspot-session';
import type { DealInHubSpot } from './read-hubspot-deal';

/** What a sync changed, in words (for the CLI and the sync report); empty when HubSpot said nothing new. */
export type SyncChanges = string[];

/** crmFacts without the time it was read, to tell a real change from a re-read. */
function sameFacts(a: CrmFacts | null, b: CrmFacts): boolean {
  if (!a) return false;
  const { syncedAt: _a, ...restA } = a;
  const { syncedAt: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

/**
 * Refreshes an account made from a HubSpot deal with what HubSpot says now: the company's domain and industry, the
 * contacts (new ones added, names, titles and emails updated, ones no longer on the deal or its company flagged as
 * removed in HubSpot, never deleted, and unflagged if they come back) and crmFacts. The account's name, ARR, CSM
 * and AE are Thread's once the account exists and are left alone. One transaction, every change audited as
 * HubSpot's.
 */
export async function syncHubSpotAccount(
  ctx: ServiceContext,
  session: HubSpotSession,
  o: { accountId: string; read: DealInHubSpot },
): Promise<SyncChanges> {
  const now = ctx.now();
  const portalId = await session.portalId();
  const { read } = o;
  return ctx.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Account" WHERE "id" = ${o.accountId} AND "organizationId" = ${session.organizationId} FOR UPDATE`;
    if (rows.length === 0) return [];
    const account = await tx.account.findUniqueOrThrow({
      where: { id: o.accountId },
      select: {
        id: true,
        name: true,
        domain: true,
        industry: true,
        hubspotCompanyId: true,
        crmFacts: true,
        aeId: true,
        csmId: true,
        contacts: {
          select: { id: true, name: true, email: true, title: true, hubspotContactId: true, removedFromCrmAt: true },
        },
      },
    });
    const changes: SyncChanges = [];
    const audit = async (e: Omit<AuditEventInput, 'organizationId' | 'accountId' | 'actor' | 'at'>) =>
      recordAuditEvent(tx, {
        organizationId: session.organizationId,
        accountId: account.id,
        actor: 'hubspot',
        at: now,
        ...e,
      });

    // The company: only what HubSpot has (a deal that lost its company keeps what it had).
    const company = companyFields(read.deal, read.company);
    if (read.company) {
      const update: { domain?: string | null; industry?: string | null; hubspotCompanyId?: string } = {};
      if (company.domain !== account.domain && company.domain !== null) update.domain = company.domain;
      if (company.industry !== account.industry && company.industry !== null) update.industry = company.industry;
      if (read.company.id !== account.hubspotCompanyId) update.hubspotCompanyId = read.company.id;
      for (const [field, to] of Object.entries(update)) {
        const from = account[field as keyof typeof update] ?? null;
        changes.push(`${field}: ${from ?? '—'} → ${to}`);
        await audit({
          entityType: 'account',
          entityId: account.id,
          from,
          to,
          reason: `${field} refreshed from HubSpot`,
        });
      }
      if (Object.keys(update).length > 0) await tx.account.update({ where: { id: account.id }, data: update });
    }

    // The contacts.
    const wanted = contactsToImport(read.contacts, read.primaryIndex);
    const listed = new Set(read.contacts.map((c) => c.id));
    const emails = new Set(account.contacts.map((c) => c.email));
    for (const c of wanted.contacts) {
      const linked = account.contacts.find((x) => x.hubspotContactId === c.hubspotContactId);
      const sameEmail = account.contacts.find((x) => x.email === c.email);
      if (linked) {
        const data: { name?: string; title?: string | null; email?: string; removedFromCrmAt?: null } = {};
        if (c.name && c.name !== linked.name) data.name = c.name;
        if ((c.title ?? null) !== linked.title && c.title) data.title = c.title;
        // An address another contact of the account already has stays with that contact.
        if (c.email !== linked.email && !emails.has(c.email)) data.email = c.email;
        if (linked.removedFromCrmAt) data.removedFromCrmAt = null;
        if (Object.keys(data).length === 0) continue;
        await tx.contact.update({ where: { id: linked.id }, data });
        for (const [field, to] of Object.entries(data)) {
          const from =
            field === 'removedFromCrmAt' ? 'removed in HubSpot' : (linked[field as 'name' | 'title' | 'email'] ?? null);
          const toText = field === 'removedFromCrmAt' ? 'in HubSpot again' : (to as string);
          changes.push(`contact ${describeContact(linked)}: ${field} ${from ?? '—'} → ${toText}`);
          await audit({
            entityType: 'contact',
            entityId: linked.id,
            from,
            to: toText,
            reason: `${field} refreshed from HubSpot`,
          });
        }
      } else if (sameEmail) {
        await tx.contact.update({
          where: { id: sameEmail.id },
          data: { hubspotContactId: c.hubspotContactId, removedFromCrmAt: null },
        });
        changes.push(`contact ${describeContact(sameEmail)}: linked to HubSpot contact ${c.hubspotContactId}`);
        await audit({
          entityType: 'contact',
          entityId: sameEmail.id,
          reason: `${describeContact(sameEmail)} linked to HubSpot contact ${c.hubspotContactId}`,
        });
      } else {
        const first = account.contacts.length === 0 && emails.size === 0;
        const created = await tx.contact.create({
          data: {
            accountId: account.id,
            name: c.name ?? c.email,
            email: c.email,
            title: c.title ?? null,
            role: first ? 'primary' : 'champion',
            isPrimary: first,
            hubspotContactId: c.hubspotContactId,
          },
          select: { id: true, name: true, email: true },
        });
        emails.add(c.email);
        changes.push(`contact ${describeContact(created)} added`);
        await audit({
          entityType: 'contact',
          entityId: created.id,
          to: first ? 'primary' : 'champion',
          reason: `${describeContact(created)} added from HubSpot`,
        });
      }
    }
    for (const gone of account.contacts.filter(
      (x) => x.hubspotContactId && !listed.has(x.hubspotContactId) && !x.removedFromCrmAt,
    )) {
      await tx.contact.update({ where: { id: gone.id }, data: { removedFromCrmAt: now } });
      changes.push(`contact ${describeContact(gone)}: removed in HubSpot (kept in Thread, flagged)`);
      await audit({
        entityType: 'contact',
        entityId: gone.id,
        from: 'in HubSpot',
        to: 'removed in HubSpot',
        reason: `${describeContact(gone)} is no longer on the deal or its company in HubSpot: kept, flagged`,
      });
    }

    // What HubSpot says about the deal now.
    const rules = session.connection.state.rules;
    const gaps = [
      ...company.gaps,
      ...(arrFrom(read.deal, rules.arrProperty) === null ? [arrGap(rules.arrProperty)] : []),
      ...wanted.gaps,
      ...(account.aeId ? [] : [read.ownerProblem ?? 'no AE yet']),
      ...(account.csmId ? [] : ['no CSM yet']),
    ];
    const facts = buildCrmFacts({ portalId, read, wanted: session.wanted, gaps, now });
    const before = readCrmFacts(account.crmFacts, account.id);
    await tx.account.update({ where: { id: account.id }, data: { crmFacts: toJsonInput(facts) } });
    if (!sameFacts(before, facts)) {
      changes.push('what HubSpot says about the deal (crmFacts)');
      await audit({
        entityType: 'account',
        entityId: account.id,
        reason: `deal ${read.deal.id} refreshed from HubSpot`,
        data: toJsonInput({ before, after: facts }),
      });
    }
    return changes;
  });
}
