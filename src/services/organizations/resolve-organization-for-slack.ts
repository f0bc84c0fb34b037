import { z } from 'zod';
import { checkOrganizationName } from '../../domain/organization-text';
import { SLACK_ENTERPRISE_ID, SLACK_TEAM_ID } from '../../domain/slack-ids';
import { recordAuditEvent } from '../audit/record-audit-event';
import { ensureDefaultHandoffQuestions } from '../handoff/ensure-default-handoff-questions';
import type { ServiceContext } from '../context';
import { fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { PLACEHOLDER_ORGANIZATION_NAME } from './get-default-organization';

const optionsSchema = z
  .object({
    teamId: z.string().regex(SLACK_TEAM_ID, 'expected a Slack team id such as T012ABCDEF').optional(),
    enterpriseId: z.string().regex(SLACK_ENTERPRISE_ID, 'expected a Slack enterprise id such as E012ABCDEF').optional(),
    /** An org-wide Enterprise Grid install: one organisation for the whole grid, found by its enterprise id. */
    enterpriseInstall: z.boolean().default(false),
    /** The workspace's (or grid's) own name from team.info or auth.test; used only when the organisation is new. */
    workspaceName: z.string(),
    /**
     * Single-workspace mode: when this team has no organisation yet and the only organisation is bound to no
     * Slack team (made by the command line or the demo seed before Slack was on), this team takes it over.
     */
    adoptUnboundOrganization: z.boolean().default(false),
  })
  .refine((o) => (o.enterpriseInstall ? o.enterpriseId !== undefined : o.teamId !== undefined), {
    message: 'a team id is needed, or an enterprise id for an org-wide install',
  });

export interface SlackOrganization {
  id: string;
  name: string;
  timezone: string;
  /** True when this request made (or bound) the organisation. */
  created: boolean;
}

/**
 * The organisation a Slack request belongs to, found by its team id (or, for an org-wide Enterprise Grid
 * install, its enterprise id) and created on first use under the workspace's own name. The caller decides
 * whether a team may have an organisation at all (single-workspace mode refuses other teams before this).
 */
export async function resolveOrganizationForSlack(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<SlackOrganization> {
  const o = parseOptions(optionsSchema, input);
  const key = o.enterpriseInstall
    ? { slackEnterpriseId: o.enterpriseId!, slackTeamId: null }
    : { slackTeamId: o.teamId! };
  const select = { id: true, name: true, timezone: true } as const;

  const found = await ctx.prisma.organization.findFirst({ where: key, select });
  if (found) return { ...found, created: false };

  const name = checkOrganizationName(o.workspaceName);
  if (!name.ok) throw fieldError('workspaceName', name.message);

  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    // Two first requests from a new workspace arrive together more often than not (a command and App Home).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`thread:slack-organization:${JSON.stringify(key)}`}))`;
    const again = await tx.organization.findFirst({ where: key, select });
    if (again) return { ...again, created: false };

    if (o.adoptUnboundOrganization && !o.enterpriseInstall) {
      const all = await tx.organization.findMany({
        take: 2,
        select: { ...select, slackTeamId: true, slackEnterpriseId: true },
      });
      const only = all.length === 1 ? all[0] : undefined;
      if (only && only.slackTeamId === null && only.slackEnterpriseId === null) {
        const renamed = only.name === PLACEHOLDER_ORGANIZATION_NAME ? name.value : only.name;
        const bound = await tx.organization.update({
          where: { id: only.id },
          data: { slackTeamId: o.teamId, slackEnterpriseId: o.enterpriseId ?? null, name: renamed },
          select,
        });
        await recordAuditEvent(tx, {
          organizationId: only.id,
          entityType: 'organization',
          entityId: only.id,
          actor: 'system',
          from: 'no Slack workspace',
          to: `Slack workspace ${o.teamId}`,
          reason: 'the first Slack request in single-workspace mode took over the organisation',
          data: { setting: 'slackTeamId', name: { from: only.name, to: renamed } },
          at: now,
        });
        return { ...bound, created: true };
      }
    }

    const slug = o.enterpriseInstall ? `slack-${o.enterpriseId!.toLowerCase()}` : `slack-${o.teamId!.toLowerCase()}`;
    const created = await tx.organization.create({
      data: {
        name: name.value,
        slug,
        slackTeamId: o.enterpriseInstall ? null : o.teamId,
        slackEnterpriseId: o.enterpriseId ?? null,
      },
      select,
    });
    await recordAuditEvent(tx, {
      organizationId: created.id,
      entityType: 'organization',
      entityId: created.id,
      actor: 'system',
      to: 'created',
      reason: o.enterpriseInstall
        ? `first request from Slack Enterprise Grid ${o.enterpriseId}`
        : `first request from Slack workspace ${o.teamId}`,
      at: now,
    });
    await ensureDefaultHandoffQuestions(tx, { organizationId: created.id, actor: 'system', at: now });
    return { ...created, created: true };
  });
}
