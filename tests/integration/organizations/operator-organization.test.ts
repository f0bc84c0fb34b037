import { findOperatorOrganization } from '../../../src/services/organizations/find-operator-organization';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';

describe("the command line's organisation (--org)", () => {
  const t = useTestDatabase();

  it('uses the only organisation, and with several needs --org by name or Slack team id, listing them', async () => {
    const ctx = serviceContext(t.db);
    const only = await resolveOrganizationForSlack(ctx, { teamId: 'TACME', workspaceName: 'Acme' });
    expect(await findOperatorOrganization(ctx)).toEqual({ id: only.id, name: 'Acme' });

    const other = await resolveOrganizationForSlack(ctx, { teamId: 'TGLOBEX', workspaceName: 'Globex' });
    await expect(findOperatorOrganization(ctx)).rejects.toMatchObject({
      code: 'validation_failed',
      message:
        'there are 2 organisations; say which with --org <name or Slack team id>: "Acme" (TACME), "Globex" (TGLOBEX).',
    });
    expect(await findOperatorOrganization(ctx, { org: 'globex' })).toEqual({ id: other.id, name: 'Globex' });
    expect(await findOperatorOrganization(ctx, { org: 'TACME' })).toEqual({ id: only.id, name: 'Acme' });
    await expect(findOperatorOrganization(ctx, { org: 'Initech' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
