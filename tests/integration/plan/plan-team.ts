/**
 * A team with the demo template (five milestones) and two accounts, each with its own CSM, set up through the
 * services as people would: the first person is the admin, who adds a CSM, another CSM, an AE and a viewer.
 */
import { createAccount } from '../../../src/services/accounts/create-account';
import type { ServiceContext } from '../../../src/services/context';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { DEMO_TEMPLATE_FILE } from '../../../src/services/seed/seed-demo';
import { importTemplate } from '../../../src/services/templates/import-template';
import { readTemplateFile } from '../../../src/services/templates/read-template-file';

export interface PlanTeam {
  organizationId: string;
  admin: { userId: string };
  csm: { userId: string };
  otherCsm: { userId: string };
  ae: { userId: string };
  viewer: { userId: string };
  templateName: string;
  /** The CSM's account, kickoff Monday 2 March 2026. */
  accountId: string;
  /** The other CSM's account, same template and kickoff. */
  otherAccountId: string;
}

export async function setUpPlanTeam(ctx: ServiceContext): Promise<PlanTeam> {
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'TPLAN', workspaceName: 'Plan Co' });
  const organizationId = org.id;
  const first = await resolveSlackMember(ctx, { organizationId, slackUserId: 'UADMIN' });
  const admin = { userId: first.userId };
  const add = async (slackUserId: string, role: 'csm' | 'ae' | 'viewer', name: string) => {
    const added = await addPerson(ctx, { organizationId, actor: admin, slackUserId, role, name });
    return { userId: added.userId };
  };
  const csm = await add('UCSM', 'csm', 'Casey Morgan');
  const otherCsm = await add('UCSMTWO', 'csm', 'Robin Other');
  const ae = await add('UAE', 'ae', 'Alex Seller');
  const viewer = await add('UVIEW', 'viewer', 'Vic Viewer');
  const spec = await readTemplateFile(DEMO_TEMPLATE_FILE);
  await importTemplate(ctx, { organizationId, spec, actor: admin.userId });
  const create = (name: string, csmSlackUserId: string, actor: string) =>
    createAccount(ctx, {
      organizationId,
      name,
      templateName: spec.name,
      csmSlackUserId,
      kickoffDate: '2026-03-02',
      contact: { email: `ops@${name.toLowerCase().replace(/\W+/g, '')}.io`, name: 'Dana Scully' },
      actor: { userId: actor },
    });
  const account = await create('Umbrella Freight', 'UCSM', csm.userId);
  const other = await create('Initech', 'UCSMTWO', otherCsm.userId);
  return {
    organizationId,
    admin,
    csm,
    otherCsm,
    ae,
    viewer,
    templateName: spec.name,
    accountId: account.id,
    otherAccountId: other.id,
  };
}
