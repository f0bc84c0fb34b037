/**
 * What HubSpot said about the deal an account came from, as stored in `Account.crmFacts`. Written by the HubSpot
 * import; the handoff form pre-fills from `properties[question.crmProperty]` and the contradiction check compares
 * the AE's answers with it. `gaps` are sentences for the CSM about what the deal lacked.
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
