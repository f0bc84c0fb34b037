/**
 * A Slack workspace set up as its people would: the organisation resolved from the team id, the first person
 * (the admin), colleagues the admin adds with their roles, a template and two accounts, each with its own CSM.
 * Everything goes through the services; nothing is written to a table directly.
 */
import { createAccount } from '../../../src/services/accounts/create-account';
import type { ServiceContext } from '../../../src/services/context';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { draftFromTemplate } from '../../../src/services/scheduler/draft-from-template';
import { fireDueActions } from '../../../src/services/scheduler/fire-due-actions';
import { importTemplate } from '../../../src/services/templates/import-template';
import { RecordingNotifier } from '../../support/recording-notifier';
import { oneMilestoneTemplate, spec } from '../scheduler/scheduler-fixtures';

export const TEMPLATE = 'Onboarding';

export interface TeamPerson {
  userId: string;
  slackUserId: string;
}

export interface Team {
  organizationId: string;
  admin: TeamPerson;
  csm: TeamPerson;
  otherCsm: TeamPerson;
  ae: TeamPerson;
  viewer: TeamPerson;
  /** The CSM's account, with a portal request open (ready) and two contacts. */
  accountId: string;
  /** The other CSM's account. */
  otherAccountId: string;
}

/** Slack ids unique per team: U + the team's letters + the person's. */
const idFor = (prefix: string, who: string) => `U${prefix}${who}`;

export async function setUpTeam(
  ctx: ServiceContext,
  o: { teamId: string; name: string; prefix: string },
): Promise<Team> {
  const org = await resolveOrganizationForSlack(ctx, { teamId: o.teamId, workspaceName: o.name });
  const organizationId = org.id;
  const adminMember = await resolveSlackMember(ctx, { organizationId, slackUserId: idFor(o.prefix, 'ADMIN') });
  const admin = { userId: adminMember.userId, slackUserId: adminMember.slackUserId };
  const add = async (who: string, role: 'csm' | 'ae' | 'viewer') => {
    const slackUserId = idFor(o.prefix, who);
    const added = await addPerson(ctx, {
      organizationId,
      actor: admin,
      slackUserId,
      role,
      name: `${who} of ${o.name}`,
    });
    return { userId: added.userId, slackUserId };
  };
  const csm = await add('CSM', 'csm');
  const otherCsm = await add('CSMTWO', 'csm');
  const ae = await add('AE', 'ae');
  const viewer = await add('VIEWER', 'viewer');

  await importTemplate(ctx, {
    organizationId,
    actor: admin.userId,
    spec: oneMilestoneTemplate(TEMPLATE, [
      spec(
        'security-form',
        'portal_form',
        { kind: 'kickoff_offset', delayDays: 0 },
        {
          formFields: [{ key: 'sso', label: 'Do you use SSO?', kind: 'text', required: true }],
        },
      ),
      spec('welcome', 'email', { kind: 'kickoff_offset', delayDays: 0 }),
    ]),
  });
  const account = await createAccount(ctx, {
    organizationId,
    name: `${o.name} customer`,
    templateName: TEMPLATE,
    csmSlackUserId: csm.slackUserId,
    kickoffDate: '2026-03-02',
    contacts: [
      { email: `dana@${o.prefix.toLowerCase()}-customer.io`, name: 'Dana Scully' },
      { email: `fox@${o.prefix.toLowerCase()}-customer.io`, name: 'Fox Mulder', role: 'technical' },
    ],
    actor: { userId: csm.userId },
  });
  const other = await createAccount(ctx, {
    organizationId,
    name: `${o.name} second customer`,
    templateName: TEMPLATE,
    csmSlackUserId: otherCsm.slackUserId,
    kickoffDate: '2026-03-02',
    contacts: [{ email: `walter@${o.prefix.toLowerCase()}-second.io`, name: 'Walter Skinner' }],
    actor: { userId: otherCsm.userId },
  });
  // The kickoff-day actions fire, so the portal request is open.
  const notifier = new RecordingNotifier();
  await fireDueActions(ctx, { notifier, draft: async (actionId) => void (await draftFromTemplate(ctx, { actionId })) });
  return { organizationId, admin, csm, otherCsm, ae, viewer, accountId: account.id, otherAccountId: other.id };
}
