/**
 * What HubSpot said about the deal an account came from (Account.crmFacts): written by the HubSpot import, read by
 * the handoff form (pre-fills from `properties`) and the contradiction check. `properties` holds every deal
 * property an active handoff question names as its `crmProperty`; `gaps` are sentences for the CSM.
 */
import { z } from 'zod';

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
  properties: z.record(z.string(), z.string()),
  gaps: z.array(z.string()),
  syncedAt: z.string(),
});

export type CrmFacts = z.infer<typeof crmFactsSchema>;
