/**
 * Account.crmFacts: what HubSpot said about the deal an account was made from, when it was made or last synced.
 * Written only by the HubSpot services; the handoff form pre-fills from `properties[question.crmProperty]`, and
 * the contradiction check compares the AE's answers with it. `gaps` are sentences for the CSM about what the
 * deal lacked (the account is created anyway).
 */
import { z } from 'zod';
import { readStoredJson } from '../json/stored-json';

export const crmFactsSchema = z.object({
  source: z.literal('hubspot'),
  portalId: z.string(),
  dealId: z.string(),
  dealName: z.string(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  closeDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  pipelineId: z.string(),
  stageId: z.string(),
  ownerEmail: z.string().nullable(),
  seats: z.number().nullable(),
  companyId: z.string().nullable(),
  /** Every deal property an active handoff question names as its crmProperty, as HubSpot's text. */
  properties: z.record(z.string(), z.string()),
  gaps: z.array(z.string()),
  /** ISO timestamp. */
  syncedAt: z.string(),
});

export type CrmFacts = z.infer<typeof crmFactsSchema>;

/** Account.crmFacts read back: null when the account was not made from HubSpot. */
export function readCrmFacts(value: unknown, accountId: string): CrmFacts | null {
  if (value === null || value === undefined) return null;
  return readStoredJson(crmFactsSchema, value, { column: 'Account.crmFacts', row: `account ${accountId}` });
}
