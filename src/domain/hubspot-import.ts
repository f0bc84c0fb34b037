/**
 * What an account made from a HubSpot deal looks like, decided from what HubSpot returned: the company's name,
 * domain and industry in the shapes Thread keeps, the contacts Thread can reach (an email each, one primary), the
 * ARR, and the gaps the CSM is told about. Pure: the services read HubSpot and write the account.
 */
import { checkEmailAddress } from './email-address';
import type { HubSpotCompany, HubSpotContact, HubSpotDeal } from './hubspot-records';

/** createAccount takes at most this many contacts at once. */
export const MAX_IMPORTED_CONTACTS = 20;

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** "https://www.Acme.io/about" → "www.acme.io"; null when what remains is not a domain. */
export function normalizeDomain(raw: string | null): string | null {
  if (!raw) return null;
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '');
  return DOMAIN.test(host) ? host : null;
}

/** HubSpot's industry codes read as words: COMPUTER_SOFTWARE → "Computer software". */
export function industryLabel(raw: string | null): string | null {
  if (!raw) return null;
  const words = raw.trim().replace(/_/g, ' ').replace(/\s+/g, ' ').toLowerCase();
  if (!words) return null;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`.slice(0, 100);
}

export interface ImportedCompany {
  /** The account's name before uniqueness: the company's, else the deal's. */
  name: string;
  domain: string | null;
  industry: string | null;
  gaps: string[];
}

export function companyFields(deal: Pick<HubSpotDeal, 'id' | 'name'>, company: HubSpotCompany | null): ImportedCompany {
  if (!company) {
    return {
      name: deal.name.trim() || `HubSpot deal ${deal.id}`,
      domain: null,
      industry: null,
      gaps: ['the deal has no company: the account is named after the deal, with no domain or industry'],
    };
  }
  const domain = normalizeDomain(company.domain);
  const gaps: string[] = [];
  if (company.domain && !domain) gaps.push(`the company's domain "${company.domain}" is not a domain: it was left out`);
  return {
    name: company.name?.trim() || deal.name.trim() || `HubSpot deal ${deal.id}`,
    domain,
    industry: industryLabel(company.industry),
    gaps,
  };
}

export interface ImportedContact {
  hubspotContactId: string;
  email: string;
  name: string | undefined;
  title: string | undefined;
  primary: boolean;
}

function contactName(c: HubSpotContact): string | undefined {
  const name = [c.firstName, c.lastName]
    .filter((p): p is string => !!p && p.trim() !== '')
    .join(' ')
    .trim();
  return name ? name.slice(0, 200) : undefined;
}

/**
 * The contacts to create, in HubSpot's order with the primary one (by index) first: each with a valid email, no
 * address twice, at most MAX_IMPORTED_CONTACTS. Whoever is left out is a gap, by name.
 */
export function contactsToImport(
  contacts: readonly HubSpotContact[],
  primaryIndex: number,
): { contacts: ImportedContact[]; gaps: string[] } {
  const gaps: string[] = [];
  if (contacts.length === 0) return { contacts: [], gaps: ['the deal has no contacts in HubSpot'] };
  const ordered =
    primaryIndex > 0 ? [contacts[primaryIndex]!, ...contacts.filter((_, i) => i !== primaryIndex)] : [...contacts];
  const kept: ImportedContact[] = [];
  for (const c of ordered) {
    const who = contactName(c) ?? `HubSpot contact ${c.id}`;
    const email = c.email ? checkEmailAddress(c.email) : null;
    if (!email) {
      gaps.push(`${who} has no email address in HubSpot: not added as a contact`);
      continue;
    }
    if (!email.ok) {
      gaps.push(`${who}'s email "${c.email}" is not an address: not added as a contact`);
      continue;
    }
    if (kept.some((k) => k.email === email.value)) continue;
    kept.push({
      hubspotContactId: c.id,
      email: email.value,
      name: contactName(c),
      title: c.jobTitle?.trim().slice(0, 200) || undefined,
      primary: false,
    });
  }
  const cut = kept.length - MAX_IMPORTED_CONTACTS;
  if (cut > 0) gaps.push(`${cut} more contact(s) in HubSpot were not added (${MAX_IMPORTED_CONTACTS} at most at once)`);
  const chosen = kept.slice(0, MAX_IMPORTED_CONTACTS);
  if (chosen.length > 0) chosen[0] = { ...chosen[0]!, primary: true };
  if (chosen.length === 0 && gaps.length === 0) gaps.push('the deal has no contacts in HubSpot');
  return { contacts: chosen, gaps };
}

/** ARR in whole currency units from the mapped deal property; null when the deal has no usable value there. */
export function arrFrom(deal: Pick<HubSpotDeal, 'amount' | 'properties'>, arrProperty: string): number | null {
  const raw = arrProperty === 'amount' ? deal.amount : Number(deal.properties[arrProperty] ?? Number.NaN);
  if (raw === null || !Number.isFinite(raw) || raw < 0) return null;
  return Math.round(raw);
}

export function arrGap(arrProperty: string): string {
  return arrProperty === 'amount'
    ? 'the deal has no amount: ARR is 0'
    : `the deal has no ${arrProperty} (the ARR property): ARR is 0`;
}

/** The company's page in HubSpot, for the account card; null unless both ids are HubSpot's (digits). */
export function hubspotCompanyUrl(
  portalId: string | null | undefined,
  companyId: string | null | undefined,
): string | null {
  if (!portalId || !companyId || !/^\d{1,20}$/.test(portalId) || !/^\d{1,20}$/.test(companyId)) return null;
  return `https://app.hubspot.com/contacts/${portalId}/company/${companyId}`;
}
