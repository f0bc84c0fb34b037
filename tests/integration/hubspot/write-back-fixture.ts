/**
 * An organisation with HubSpot connected to the fake HubSpot, reached through the services: the Slack workspace's
 * first person (the admin), a CSM the admin adds, a three-milestone template, and an account the CSM creates and
 * links to a company in HubSpot (linkHubSpotCompany: the closed-won import of part A is not on this branch yet).
 * Connecting is ensureHubSpotProperties, as the connect flow calls it.
 */
import { randomBytes } from 'node:crypto';
import { createHubSpotConnector } from '../../../src/connectors/hubspot/hubspot-connector';
import { createAccount } from '../../../src/services/accounts/create-account';
import { ensureHubSpotProperties } from '../../../src/services/hubspot/ensure-hubspot-properties';
import type { HubSpotConnectorFactory } from '../../../src/services/hubspot/hubspot-port';
import { linkHubSpotCompany } from '../../../src/services/hubspot/link-hubspot-company';
import type { HubSpotWriteBackDeps } from '../../../src/services/hubspot/write-back/write-back-deps';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { importTemplate } from '../../../src/services/templates/import-template';
import type { FakeHubSpot } from '../../support/fake-hubspot';
import type { TestServiceContext } from '../../support/service-context';
import { spec } from '../scheduler/scheduler-fixtures';

// The connector is the port's implementation: this fails to compile when the two drift apart.
const connect: HubSpotConnectorFactory = createHubSpotConnector satisfies HubSpotConnectorFactory;

export const PUBLIC_URL = 'http://thread.test';
export const MILESTONES = ['Kickoff', 'Technical Setup', 'Go-Live'] as const;

export interface WriteBackWorld {
  organizationId: string;
  csm: { userId: string };
  accountId: string;
  companyId: string;
  milestoneIds: string[];
  deps: HubSpotWriteBackDeps;
  secret: Buffer;
}

export function hubspotOf(fake: FakeHubSpot) {
  return connect({ accessToken: fake.token, baseUrl: fake.url });
}

/** The team and its template, with no account yet. */
export async function setUpTeam(ctx: TestServiceContext, teamId = 'TWRITEBACK') {
  const org = await resolveOrganizationForSlack(ctx, { teamId, workspaceName: 'Vendor' });
  const admin = await resolveSlackMember(ctx, { organizationId: org.id, slackUserId: 'UWBADMIN' });
  const csm = await addPerson(ctx, {
    organizationId: org.id,
    actor: { userId: admin.userId },
    slackUserId: 'UWBCSM',
    role: 'csm',
    name: 'Casey Morgan',
  });
  await importTemplate(ctx, {
    organizationId: org.id,
    actor: admin.userId,
    spec: {
      name: 'Onboarding',
      description: 'three milestones',
      milestones: MILESTONES.map((name, i) => ({
        name,
        plannedDays: 5,
        exitCriteria: 'done',
        description: '',
        actions: [spec(`task-${i}`, 'internal_task', { kind: 'milestone_start', delayDays: 0 })],
      })),
    },
  });
  return { organizationId: org.id, csm: { userId: csm.userId, slackUserId: 'UWBCSM' } };
}

/** Everything, HubSpot connected first (so the write-back reads the trail from then on). */
export async function buildWriteBackWorld(
  ctx: TestServiceContext,
  fake: FakeHubSpot,
  o: { connect?: boolean; companyName?: string } = {},
): Promise<WriteBackWorld> {
  const team = await setUpTeam(ctx);
  const secret = randomBytes(32);
  const hubspot = hubspotOf(fake);
  const deps: HubSpotWriteBackDeps = {
    connectedOrganizations: async () => [{ organizationId: team.organizationId, hubspot }],
    previewLinks: { publicUrl: PUBLIC_URL, secret },
    holder: 'test-process',
  };
  if (o.connect ?? true) await ensureHubSpotProperties(ctx, { hubspot }, { organizationId: team.organizationId });
  const company = fake.addCompany({ name: o.companyName ?? 'Acme Corp', domain: 'acme.test' });
  const account = await createAccount(ctx, {
    organizationId: team.organizationId,
    name: 'Acme Corp',
    templateName: 'Onboarding',
    csmSlackUserId: team.csm.slackUserId,
    kickoffDate: '2026-03-02',
    contacts: [{ email: 'dana@acme.test', name: 'Dana Scully' }],
    actor: { userId: team.csm.userId },
  });
  await linkHubSpotCompany(ctx, {
    organizationId: team.organizationId,
    actor: { userId: team.csm.userId },
    accountId: account.id,
    companyId: company.id,
  });
  const milestones = await ctx.prisma.milestone.findMany({
    where: { accountId: account.id },
    orderBy: { position: 'asc' },
    select: { id: true },
  });
  return {
    organizationId: team.organizationId,
    csm: { userId: team.csm.userId },
    accountId: account.id,
    companyId: company.id,
    milestoneIds: milestones.map((m) => m.id),
    deps,
    secret,
  };
}
