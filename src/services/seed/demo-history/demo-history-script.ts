/**
 * The past year the demo plays, so a leader's first `/thread analytics` on the demo data has something to show:
 * accounts kicked off month by month, customers who answer fast or slowly, blocks whose causes differ, a few still
 * running. Each account's behaviour is fixed here (no randomness), so the seed gives the same history every time.
 */
import type { SlipSide } from '../../../domain/onboarding-clock-types';

export interface DemoPastAccount {
  name: string;
  domain: string;
  industry: string;
  arr: number;
  contact: { name: string; email: string };
  /** Months before today the account kicked off. */
  monthsAgo: number;
  /** Business days the customer takes to answer a portal request or reply to an email. */
  customerDays: number;
  /** Business days the CSM takes to send a draft, finish a task or review an answer. */
  ourDays: number;
  /** A block in one milestone (by position), with its cause and how many business days it lasts. */
  block?: { milestonePosition: number; afterDays: number; cause: SlipSide; note: string; days: number };
}

export const DEMO_PAST_ACCOUNTS: readonly DemoPastAccount[] = [
  past('Alder Freight', 'Logistics', 38000, 'Jonas Weber', 12, 1, 0),
  past('Bluefin Payments', 'Financial services', 120000, 'Aisha Khan', 11, 3, 1, {
    milestonePosition: 2,
    afterDays: 4,
    cause: 'customer',
    note: 'Waiting for their IT team to approve the SSO change',
    days: 6,
  }),
  past('Cobalt Retail', 'Retail', 56000, 'Marco Rossi', 10, 2, 0),
  past('Dunmore Clinics', 'Healthcare', 98000, 'Grace Liu', 9, 4, 1, {
    milestonePosition: 3,
    afterDays: 5,
    cause: 'third_party',
    note: 'Their EHR vendor has not opened the data export yet',
    days: 8,
  }),
  past('Everline Energy', 'Energy', 72000, 'Tomás Alvarez', 8, 1, 2, {
    milestonePosition: 2,
    afterDays: 2,
    cause: 'us',
    note: 'Our SAML certificate rotation is holding the SSO setup',
    days: 4,
  }),
  past('Fjord Analytics', 'Software', 45000, 'Ingrid Olsen', 7, 2, 1),
  past('Granite Legal', 'Legal', 64000, 'Daniel Price', 6, 5, 0, {
    milestonePosition: 2,
    afterDays: 3,
    cause: 'customer',
    note: 'Their security review of the DPA is still open',
    days: 7,
  }),
  past('Harbor Foods', 'Food and beverage', 52000, 'Chloé Martin', 5, 2, 1),
  past('Iris Learning', 'Education', 31000, 'Kwame Mensah', 4, 3, 0, {
    milestonePosition: 4,
    afterDays: 2,
    cause: 'third_party',
    note: 'The venue for on-site training cancelled; rebooking',
    days: 5,
  }),
  past('Juniper Insurance', 'Insurance', 140000, 'Hannah Schmidt', 3, 4, 1),
  past('Kestrel Mobility', 'Transport', 87000, 'Arjun Patel', 2, 3, 1, {
    milestonePosition: 2,
    afterDays: 3,
    cause: 'customer',
    note: 'Waiting for the customer to name an IT admin',
    days: 6,
  }),
  past('Lumen Studios', 'Media', 27000, 'Sofia Costa', 1, 2, 0),
];

function past(
  name: string,
  industry: string,
  arr: number,
  contactName: string,
  monthsAgo: number,
  customerDays: number,
  ourDays: number,
  block?: DemoPastAccount['block'],
): DemoPastAccount {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
  const domain = `${slug}.example`;
  const email = `${contactName
    .split(' ')[0]!
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '')}@${domain}`;
  return {
    name,
    domain,
    industry,
    arr,
    contact: { name: contactName, email },
    monthsAgo,
    customerDays,
    ourDays,
    block,
  };
}
