/**
 * The tick's drafting: the actions a batch just fired get the template's draft (placeholders filled, review lint)
 * at once, in a few statements for the whole batch: one read of their contexts, one update, one insert of their
 * audit rows. A thousand due actions cost ten of these, not a thousand drafts with their own round trips.
 *
 * With an AI drafter configured each is also queued for its AI draft (Action.aiDraftWantedAt): the review card
 * shows the template's text straight away and the draft pool (ai-drafts/) replaces it when the model answers,
 * unless a person changed the action first. The tick never waits for a model.
 *
 * Only an action still ready and without a draft is written, so a draft stored meanwhile (by a racing process, or
 * a person) is never overwritten; the update says which rows it wrote and only those are audited.
 */
import { z } from 'zod';
import { recordAuditEvents } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { loadActionsForDrafting, renderTemplateDraft } from './build-draft-context';
import { lintDraftOfAction } from './lint-action-draft';
import { OFFLINE_DRAFTER_LABEL } from './produce-draft';

const optionsSchema = z.object({
  actionIds: z.array(z.string().min(1)),
  /** Lint as execution will: {{portal_link}} is filled at send time when portal links can be minted. */
  portalLinkAtSend: z.boolean(),
  /** An AI drafter is configured: queue each drafted action for its AI draft. */
  queueAiDraft: z.boolean(),
});

export interface DraftFiredActionsResult {
  /** The actions that got the template's draft now. */
  drafted: string[];
  /** Actions whose draft could not be rendered; each keeps no draft and carries the reason as its last error. */
  failures: { actionId: string; message: string }[];
}

interface RenderedDraft {
  id: string;
  subject: string;
  body: string;
  findings: string;
  findingCodes: string[];
  organizationId: string;
  accountId: string;
}

export async function draftFiredActions(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<DraftFiredActionsResult> {
  const o = parseOptions(optionsSchema, input);
  const result: DraftFiredActionsResult = { drafted: [], failures: [] };
  if (o.actionIds.length === 0) return result;
  const actions = await loadActionsForDrafting(ctx, o.actionIds);
  const drafts: RenderedDraft[] = [];
  for (const action of actions) {
    if (action.status !== 'ready' || action.draftBody !== null) continue;
    try {
      const { subject, body } = renderTemplateDraft(action);
      const findings = lintDraftOfAction(action, { subject, body }, o.portalLinkAtSend);
      drafts.push({
        id: action.id,
        subject,
        body,
        findings: JSON.stringify(findings),
        findingCodes: findings.map((f) => f.code),
        organizationId: action.account.organizationId,
        accountId: action.accountId,
      });
    } catch (error) {
      result.failures.push({ actionId: action.id, message: error instanceof Error ? error.message : String(error) });
    }
  }

  const now = ctx.now();
  if (drafts.length > 0) {
    const written = await ctx.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Action" a
        SET "draftSubject" = d.subject, "draftBody" = d.body, "draftedBy" = ${OFFLINE_DRAFTER_LABEL},
            "lintFindings" = d.findings::jsonb, "approvedAt" = NULL, "approvedById" = NULL, "lintOverriddenById" = NULL,
            "aiDraftWantedAt" = ${o.queueAiDraft ? now : null}::timestamp(3), "aiDraftClaimUntil" = NULL,
            "aiDraftAttempts" = 0, "aiDraftNote" = NULL, "updatedAt" = ${now}
        FROM unnest(${drafts.map((d) => d.id)}::text[], ${drafts.map((d) => d.subject)}::text[],
                    ${drafts.map((d) => d.body)}::text[], ${drafts.map((d) => d.findings)}::text[])
             AS d(id, subject, body, findings)
        WHERE a.id = d.id AND a.status = 'ready'::"ActionStatus" AND a."draftBody" IS NULL
        RETURNING a.id`;
      const stored = new Set(rows.map((r) => r.id));
      const reason = o.queueAiDraft
        ? `drafted by ${OFFLINE_DRAFTER_LABEL}; the AI draft follows`
        : `drafted by ${OFFLINE_DRAFTER_LABEL}`;
      await recordAuditEvents(
        tx,
        drafts
          .filter((d) => stored.has(d.id))
          .map((d) => ({
            organizationId: d.organizationId,
            accountId: d.accountId,
            entityType: 'action' as const,
            entityId: d.id,
            actor: 'system',
            from: 'ready',
            to: 'ready',
            reason,
            data: { draftedBy: OFFLINE_DRAFTER_LABEL, findings: d.findingCodes },
            at: now,
          })),
      );
      return stored;
    });
    result.drafted = drafts.filter((d) => written.has(d.id)).map((d) => d.id);
  }
  // Rare (a template whose text cannot be rendered): the action stays ready without a draft, and its card says why.
  for (const failure of result.failures) {
    ctx.logger.error({ actionId: failure.actionId, reason: failure.message }, 'drafting a fired action failed');
    await ctx.prisma.action.updateMany({
      where: { id: failure.actionId, status: 'ready' },
      data: { lastError: `Drafting failed: ${failure.message}` },
    });
  }
  return result;
}
