import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { getSettings } from '../../../src/services/organizations/get-settings';
import { resolveOrganizationForSlack } from '../../../src/services/organizations/resolve-organization-for-slack';
import type { ImageProbe, ImageProbeAnswer } from '../../../src/services/organizations/image-probe-port';
import { updateSettings } from '../../../src/services/organizations/update-settings';
import { addPerson } from '../../../src/services/people/add-person';
import { resolveSlackMember } from '../../../src/services/people/resolve-slack-member';
import { useTestDatabase } from '../../support/test-database';
import { serviceContext } from '../../support/service-context';
import { refusal } from '../../support/refusal';

const t = useTestDatabase();
const ctxNow = () => serviceContext(t.db, '2026-03-02T10:00:00Z');

async function adminOfNewWorkspace() {
  const ctx = ctxNow();
  const org = await resolveOrganizationForSlack(ctx, { teamId: 'T0ACME', workspaceName: 'Acme Robotics' });
  const admin = await resolveSlackMember(ctx, { organizationId: org.id, slackUserId: 'U0ADA' });
  return { ctx, organizationId: org.id, admin };
}

describe('the organisation of a Slack workspace', () => {
  it("is created on first use with the workspace's own name, and found again by its team id", async () => {
    const ctx = ctxNow();
    const first = await resolveOrganizationForSlack(ctx, { teamId: 'T0ACME', workspaceName: 'Acme Robotics' });
    expect(first).toMatchObject({ name: 'Acme Robotics', created: true });
    const again = await resolveOrganizationForSlack(ctx, { teamId: 'T0ACME', workspaceName: 'Renamed since' });
    expect(again).toMatchObject({ id: first.id, name: 'Acme Robotics', created: false });
    const other = await resolveOrganizationForSlack(ctx, { teamId: 'T0OTHER', workspaceName: 'Other Inc' });
    expect(other.id).not.toBe(first.id);
  });

  it('gives an org-wide Enterprise Grid install one organisation whichever workspace asks', async () => {
    const ctx = ctxNow();
    const a = await resolveOrganizationForSlack(ctx, {
      teamId: 'T0ONE',
      enterpriseId: 'E0GRID',
      enterpriseInstall: true,
      workspaceName: 'Grid Corp',
    });
    const b = await resolveOrganizationForSlack(ctx, {
      teamId: 'T0TWO',
      enterpriseId: 'E0GRID',
      enterpriseInstall: true,
      workspaceName: 'Grid Corp',
    });
    expect(b.id).toBe(a.id);
  });

  it('makes one organisation when two first requests arrive together', async () => {
    const ctx = ctxNow();
    const both = await Promise.all([
      resolveOrganizationForSlack(ctx, { teamId: 'T0ACME', workspaceName: 'Acme Robotics' }),
      resolveOrganizationForSlack(ctx, { teamId: 'T0ACME', workspaceName: 'Acme Robotics' }),
    ]);
    expect(both[1].id).toBe(both[0].id);
    expect(await t.db.prisma.organization.count()).toBe(1);
  });

  it('takes over the placeholder organisation the command line made, under the workspace name', async () => {
    const ctx = ctxNow();
    const cli = await getDefaultOrganization(ctx);
    expect(cli.name).toBe('My company');
    const org = await resolveOrganizationForSlack(ctx, {
      teamId: 'T0ACME',
      workspaceName: 'Acme Robotics',
      adoptUnboundOrganization: true,
    });
    expect(org).toMatchObject({ id: cli.id, name: 'Acme Robotics' });
  });

  it('refuses a workspace name nobody could read', async () => {
    const error = await refusal(resolveOrganizationForSlack(ctxNow(), { teamId: 'T0ACME', workspaceName: '  ' }));
    expect(error.fields).toEqual([{ field: 'workspaceName', message: expect.any(String) }]);
    expect(await t.db.prisma.organization.count()).toBe(0);
  });
});

describe('organisation settings', () => {
  it('changes every setting an admin gives and audits each from → to', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const result = await updateSettings(ctx, {
      organizationId,
      actor: admin,
      settings: {
        name: ' Acme Robotics GmbH ',
        logoUrl: 'https://acme.io/logo.png',
        brandColor: '#1D4ED8',
        brandVoice: 'Friendly and brief.',
        timezone: 'Europe/Berlin',
        workingDays: [6, 1, 2, 3, 4, 5],
        portalMaxActive: 5,
        reviewSlaHours: 48,
        reminderSpacingDays: 2,
        reminderMaxCount: 4,
        handoffReminderHours: 16,
        defaultCsmChannelId: 'C0REVIEWS',
        workspaceMembersCanView: true,
        executionNeedsApproval: true,
        approverMustDiffer: true,
      },
    });
    expect(result.changed).toHaveLength(15);
    expect(await getSettings(ctx, { organizationId, actor: admin })).toEqual({
      name: 'Acme Robotics GmbH',
      logoUrl: 'https://acme.io/logo.png',
      brandColor: '#1d4ed8',
      brandVoice: 'Friendly and brief.',
      timezone: 'Europe/Berlin',
      workingDays: [1, 2, 3, 4, 5, 6],
      portalMaxActive: 5,
      reviewSlaHours: 48,
      reminderSpacingDays: 2,
      reminderMaxCount: 4,
      handoffReminderHours: 16,
      defaultCsmChannelId: 'C0REVIEWS',
      workspaceMembersCanView: true,
      executionNeedsApproval: true,
      approverMustDiffer: true,
    });
    const rows = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'organization', entityId: organizationId, actor: admin.userId },
    });
    expect(rows).toHaveLength(15);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fromState: 'Acme Robotics', toState: 'Acme Robotics GmbH' }),
        expect.objectContaining({ fromState: '#4f46e5', toState: '#1d4ed8' }),
        expect.objectContaining({ fromState: '3', toState: '5', data: { setting: 'portalMaxActive' } }),
        expect.objectContaining({ fromState: null, toState: 'C0REVIEWS' }),
      ]),
    );
  });

  it('writes no audit row for a setting given its current value', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const result = await updateSettings(ctx, {
      organizationId,
      actor: admin,
      settings: { brandColor: '#4F46E5', workingDays: [1, 2, 3, 4, 5], portalMaxActive: 4 },
    });
    expect(result.changed).toEqual(['portalMaxActive']);
    expect(await t.db.prisma.auditEvent.count({ where: { entityType: 'organization', actor: admin.userId } })).toBe(1);
  });

  it('refuses hostile and out-of-range values, each beside its field, and writes nothing', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const before = await getSettings(ctx, { organizationId, actor: admin });
    const error = await refusal(
      updateSettings(ctx, {
        organizationId,
        actor: admin,
        settings: {
          name: 'Fine new name',
          brandColor: 'javascript:alert(1)',
          logoUrl: 'http://acme.io/logo.png',
          brandVoice: 'x'.repeat(1001),
          timezone: 'Mars/Olympus',
          workingDays: [],
          portalMaxActive: 11,
          reviewSlaHours: 0,
          reminderSpacingDays: 1.5,
          reminderMaxCount: -1,
          handoffReminderHours: 0,
          defaultCsmChannelId: '<!channel>',
        },
      }),
    );
    expect(error.code).toBe('validation_failed');
    const fields = error.fields.map((f) => f.field);
    expect(fields).toEqual([
      'logoUrl',
      'brandColor',
      'brandVoice',
      'timezone',
      'workingDays',
      'portalMaxActive',
      'reviewSlaHours',
      'reminderSpacingDays',
      'reminderMaxCount',
      'handoffReminderHours',
      'defaultCsmChannelId',
    ]);
    expect(await getSettings(ctx, { organizationId, actor: admin })).toEqual(before);
    expect(await t.db.prisma.auditEvent.count({ where: { entityType: 'organization', actor: admin.userId } })).toBe(0);
  });

  it('refuses a brand colour white text cannot be read on, with the contrast ratio', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const error = await refusal(
      updateSettings(ctx, { organizationId, actor: admin, settings: { brandColor: '#ffcc00' } }),
    );
    expect(error.fields).toEqual([
      { field: 'brandColor', message: expect.stringMatching(/contrast ratio of 1\.\d\d:1/) },
    ]);
  });

  it('keeps names with markup as text and clears the logo on null', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    await updateSettings(ctx, {
      organizationId,
      actor: admin,
      settings: { name: '<script>alert(1)</script> <!channel>', logoUrl: 'https://acme.io/a.png' },
    });
    await updateSettings(ctx, { organizationId, actor: admin, settings: { logoUrl: null } });
    expect(await getSettings(ctx, { organizationId, actor: admin })).toMatchObject({
      name: '<script>alert(1)</script> <!channel>',
      logoUrl: null,
    });
  });

  it('refuses settings no form has, and changes none of the others', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const settings = { name: 'Taken over', slackTeamId: 'T0EVIL' };
    const error = await refusal(updateSettings(ctx, { organizationId, actor: admin, settings }));
    expect(error.code).toBe('validation_failed');
    expect((await getSettings(ctx, { organizationId, actor: admin })).name).toBe('Acme Robotics');
  });
});

describe('a new logo URL', () => {
  /** A probe that answers as told and remembers what it was asked, so a test can say it was never asked. */
  function probeAnswering(answer: ImageProbeAnswer): ImageProbe & { asked: string[] } {
    const asked: string[] = [];
    return {
      asked,
      probe: async (url) => {
        asked.push(url);
        return answer;
      },
    };
  }
  const png = (): ImageProbeAnswer => ({ ok: true, contentType: 'image/png' });

  it('is saved when it answers with an image', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const imageProbe = probeAnswering(png());
    const saved = await updateSettings(
      ctx,
      { organizationId, actor: admin, settings: { logoUrl: 'https://acme.io/logo.png' } },
      { imageProbe },
    );
    expect(saved.settings.logoUrl).toBe('https://acme.io/logo.png');
    expect(imageProbe.asked).toEqual(['https://acme.io/logo.png']);
  });

  it('is refused under the logo field when it answers with a web page, and nothing else is written', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const before = await getSettings(ctx, { organizationId, actor: admin });
    const audited = () => t.db.prisma.auditEvent.count({ where: { organizationId } });
    const auditedBefore = await audited();
    const error = await refusal(
      updateSettings(
        ctx,
        { organizationId, actor: admin, settings: { name: 'Renamed', logoUrl: 'https://acme.io/' } },
        { imageProbe: probeAnswering({ ok: true, contentType: 'text/html' }) },
      ),
    );
    expect(error.fields).toEqual([{ field: 'logoUrl', message: 'The logo URL answers with text/html, not an image.' }]);
    expect(await getSettings(ctx, { organizationId, actor: admin })).toEqual(before);
    expect(await audited()).toBe(auditedBefore);
  });

  it('is refused with the reason when it cannot be loaded', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const error = await refusal(
      updateSettings(
        ctx,
        { organizationId, actor: admin, settings: { logoUrl: 'https://acme.io/gone.png' } },
        { imageProbe: probeAnswering({ ok: false, reason: 'it answered 404 Not Found' }) },
      ),
    );
    expect(error.fields).toEqual([
      { field: 'logoUrl', message: 'Thread could not load the logo: it answered 404 Not Found.' },
    ]);
    expect((await getSettings(ctx, { organizationId, actor: admin })).logoUrl).toBeNull();
  });

  it('is not asked for again when it stays the same, nor when the logo is cleared', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const logoUrl = 'https://acme.io/logo.png';
    await updateSettings(
      ctx,
      { organizationId, actor: admin, settings: { logoUrl } },
      { imageProbe: probeAnswering(png()) },
    );
    const imageProbe = probeAnswering({ ok: false, reason: 'it answered 500 Internal Server Error' });
    const same = await updateSettings(
      ctx,
      { organizationId, actor: admin, settings: { logoUrl, name: 'Renamed' } },
      { imageProbe },
    );
    expect(same.changed).toEqual(['name']);
    const cleared = await updateSettings(
      ctx,
      { organizationId, actor: admin, settings: { logoUrl: null } },
      { imageProbe },
    );
    expect(cleared.changed).toEqual(['logoUrl']);
    expect(imageProbe.asked).toEqual([]);
  });

  it('is not fetched for someone who may not change settings, nor when another setting is refused', async () => {
    const { ctx, organizationId, admin } = await adminOfNewWorkspace();
    const csm = await addPerson(ctx, { organizationId, actor: admin, slackUserId: 'U0CSM', role: 'csm' });
    const imageProbe = probeAnswering(png());
    const forbidden = await refusal(
      updateSettings(
        ctx,
        { organizationId, actor: { userId: csm.userId }, settings: { logoUrl: 'https://attacker.example/x' } },
        { imageProbe },
      ),
    );
    expect(forbidden.code).toBe('forbidden');
    const invalid = await refusal(
      updateSettings(
        ctx,
        { organizationId, actor: admin, settings: { logoUrl: 'https://acme.io/logo.png', brandColor: 'red' } },
        { imageProbe },
      ),
    );
    expect(invalid.fields.map((f) => f.field)).toEqual(['brandColor']);
    expect(imageProbe.asked).toEqual([]);
  });
});
