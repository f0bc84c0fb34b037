/**
 * An organisation set up as its people would for the handoff: the first person (the admin), a CSM, another CSM and
 * an AE the admin adds, and the demo template. Accounts are created through createAccount, pending their handoff or
 * not. Everything goes through the services.
 */
import { createAccount, type CreateAccountOptions } from '../../../src/services/accounts/create-account';
import type { ServiceContext } from '../../../src/services/context';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { DEMO_TEMPLATE_FILE } from '../../../src/services/seed/seed-demo';
import { importTemplate } from '../../../src/services/templates/import-template';
import { readTemplateFile } from '../../../src/services/templates/read-template-file';

export interface HandoffTeam {
  organizationId: string;
  templateName: string;
  admin: { userId: string };
  csm: { userId: string; slackUserId: string };
  otherCsm: { userId: string };
  ae: { userId: string; slackUserId: string };
}

export async function setUpHandoffTeam(ctx: ServiceContext, teamId = 'THANDOFF'): Promise<HandoffTeam> {
  const org = await resolveOrganizationForSlack(ctx, { teamId, workspaceName: 'Vendor Inc' });
  const organizationId = org.id;
  const first = await resolveSlackMember(ctx, { organizationId, slackUserId: 'UADMIN001' });
  const admin = { userId: first.userId };
  const add = (slackUserId: string, role: 'csm' | 'ae', name: string) =>
    addPerson(ctx, { organizationId, actor: admin, slackUserId, role, name });
  const csm = await add('UCSM00001', 'csm', 'Casey Morgan');
  const otherCsm = await add('UCSM00002', 'csm', 'Other Csm');
  const ae = await add('UAE000001', 'ae', 'Alex Kim');
  const spec = await readTemplateFile(DEMO_TEMPLATE_FILE);
  await importTemplate(ctx, { organizationId, spec, actor: admin.userId });
  return {
    organizationId,
    templateName: spec.name,
    admin,
    csm: { userId: csm.userId, slackUserId: 'UCSM00001' },
    otherCsm: { userId: otherCsm.userId },
    ae: { userId: ae.userId, slackUserId: 'UAE000001' },
  };
}

/** An account of the CSM's, with the AE; pending its handoff unless `pendingHandoff: false`. */
export async function handoffAccount(
  ctx: ServiceContext,
  team: HandoffTeam,
  name: string,
  o: Partial<CreateAccountOptions> = {},
): Promise<string> {
  const created = await createAccount(ctx, {
    organizationId: team.organizationId,
    name,
    templateName: team.templateName,
    csmSlackUserId: team.csm.slackUserId,
    aeSlackUserId: team.ae.slackUserId,
    contact: { email: `sam@${name.toLowerCase().replace(/\W+/g, '')}.io`, name: 'Sam Okafor' },
    pendingHandoff: true,
    actor: { userId: team.csm.userId },
    ...o,
  });
  return created.id;
}
