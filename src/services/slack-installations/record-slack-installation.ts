import { z } from 'zod';
import { SLACK_ENTERPRISE_ID, SLACK_TEAM_ID, SLACK_USER_ID } from '../../domain/slack-ids';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { resolveOrganizationForSlack } from '../organizations/resolve-organization-for-slack';
import { lockOrganization } from '../people/acting-person';
import { sealInstallationSecrets, type SlackInstallationDeps } from './slack-installation-deps';

const optionsSchema = z
  .object({
    teamId: z.string().regex(SLACK_TEAM_ID, 'expected a Slack team id').optional(),
    teamName: z.string().optional(),
    enterpriseId: z.string().regex(SLACK_ENTERPRISE_ID, 'expected a Slack enterprise id').optional(),
    enterpriseName: z.string().optional(),
    isEnterpriseInstall: z.boolean().default(false),
    appId: z.string().optional(),
    botId: z.string().optional(),
    botUserId: z.string().optional(),
    botScopes: z.array(z.string()).default([]),
    botToken: z.string().startsWith('xoxb-', 'expected a bot token (xoxb-)'),
    botRefreshToken: z.string().optional(),
    /** Unix seconds, as Bolt's Installation carries it; only with token rotation. */
    botTokenExpiresAt: z.number().int().positive().optional(),
    installerSlackUserId: z.string().regex(SLACK_USER_ID, 'expected a Slack user id'),
  })
  .refine((o) => (o.isEnterpriseInstall ? o.enterpriseId !== undefined : o.teamId !== undefined), {
    message: 'a team id is needed, or an enterprise id for an org-wide install',
  });

export interface RecordedSlackInstallation {
  organizationId: string;
  organizationName: string;
  /** This install made the organisation. */
  organizationCreated: boolean;
  /** The organisation had been installed before and uninstalled (or its tokens revoked): this install restores it. */
  restored: boolean;
  /** The installer is an admin of Thread now (made one by this install, or already one). */
  installerIsAdmin: boolean;
  /** The Thread admins, for a welcome that tells a non-admin installer whom to ask. */
  adminNames: string[];
}

/**
 * Stores an OAuth installation (Bolt's installation store calls this after oauth.v2.access, and again with fresh
 * tokens when it rotates them). The workspace's organisation, or the grid's for an org-wide install, is found or
 * created under the name Slack gave; the bot token is sealed. The installer becomes the organisation's admin when it
 * has none (a new organisation): on a reinstall the admins Thread already has stay in charge, since anyone Slack lets
 * install apps could otherwise make themselves admin of the customers' data. Audited.
 */
export async function recordSlackInstallation(
  ctx: ServiceContext,
  deps: SlackInstallationDeps,
  input: z.input<typeof optionsSchema>,
): Promise<RecordedSlackInstallation> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  const org = await resolveOrganizationForSlack(ctx, {
    teamId: o.isEnterpriseInstall ? undefined : o.teamId,
    enterpriseId: o.enterpriseId,
    enterpriseInstall: o.isEnterpriseInstall,
    workspaceName: (o.isEnterpriseInstall ? o.enterpriseName : o.teamName) ?? o.teamId ?? o.enterpriseId ?? '',
  });
  const credentials = sealInstallationSecrets(deps, { botToken: o.botToken, botRefreshToken: o.botRefreshToken });
  const fields = {
    teamId: o.isEnterpriseInstall ? null : o.teamId!,
    enterpriseId: o.enterpriseId ?? null,
    isEnterpriseInstall: o.isEnterpriseInstall,
    appId: o.appId ?? null,
    botId: o.botId ?? null,
    botUserId: o.botUserId ?? null,
    botScopes: o.botScopes,
    installerSlackUserId: o.installerSlackUserId,
    credentials,
    botTokenExpiresAt: o.botTokenExpiresAt ? new Date(o.botTokenExpiresAt * 1000) : null,
  };

  const done = await ctx.prisma.$transaction(async (tx) => {
    await lockOrganization(tx, org.id);
    const before = await tx.slackInstallation.findUnique({
      where: { organizationId: org.id },
      select: { id: true, credentials: true, removedAt: true, installerSlackUserId: true },
    });
    const restored = before !== null && before.credentials === null;
    const installation = await tx.slackInstallation.upsert({
      where: { organizationId: org.id },
      create: { organizationId: org.id, ...fields, installedAt: now },
      update: {
        ...fields,
        removedAt: null,
        removedBecause: null,
        ...(before?.credentials ? {} : { installedAt: now }),
      },
      select: { id: true },
    });
    // A token refresh stores the same installation again: only a new install (or a reinstall) is worth a record.
    const newInstall = before === null || restored;
    if (newInstall)
      await recordAuditEvent(tx, {
        organizationId: org.id,
        entityType: 'slack_installation',
        entityId: installation.id,
        actor: 'system',
        from: before ? 'removed' : null,
        to: 'installed',
        reason: `Thread was ${before ? 'reinstalled' : 'installed'} in Slack by ${o.installerSlackUserId}`,
        data: { teamId: fields.teamId, enterpriseId: fields.enterpriseId, scopes: o.botScopes },
        at: now,
      });

    const anAdmin = { organizationId: org.id, role: 'admin' as const, addedAt: { not: null } };
    const admins = await tx.user.findMany({ where: anAdmin, orderBy: { addedAt: 'asc' }, select: { name: true } });
    const where = { organizationId_slackUserId: { organizationId: org.id, slackUserId: o.installerSlackUserId } };
    const installer = await tx.user.findUnique({ where, select: { role: true, addedAt: true } });
    let installerIsAdmin = installer?.role === 'admin' && installer.addedAt !== null;
    if (admins.length === 0) {
      const admin = await tx.user.upsert({
        where,
        create: {
          organizationId: org.id,
          slackUserId: o.installerSlackUserId,
          name: o.installerSlackUserId,
          role: 'admin',
          addedAt: now,
        },
        update: { role: 'admin', addedAt: now },
        select: { id: true, name: true },
      });
      await recordAuditEvent(tx, {
        organizationId: org.id,
        entityType: 'user',
        entityId: admin.id,
        actor: 'system',
        from: installer ? (installer.addedAt ? installer.role : 'not added') : null,
        to: 'admin',
        reason: `installed Thread in Slack for ${org.name}: the installer becomes its admin`,
        at: now,
      });
      installerIsAdmin = true;
      admins.push({ name: admin.name });
    }
    return {
      organizationId: org.id,
      organizationName: org.name,
      organizationCreated: org.created,
      restored,
      installerIsAdmin,
      adminNames: admins.map((a) => a.name),
    };
  });
  ctx.changes?.peopleChanged(org.id);
  return done;
}
