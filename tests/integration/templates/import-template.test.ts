import { AppError } from '../../../src/lib/errors';
import { getDefaultOrganization } from '../../../src/services/organizations/get-default-organization';
import { exportTemplate } from '../../../src/services/templates/export-template';
import { importTemplate } from '../../../src/services/templates/import-template';
import { listTemplates } from '../../../src/services/templates/list-templates';
import { loadTemplateSpec } from '../../../src/services/templates/load-template-spec';
import { readTemplateFile } from '../../../src/services/templates/read-template-file';
import { DEMO_TEMPLATE_FILE } from '../../../src/services/seed/seed-demo';
import { parseTemplateFile } from '../../../src/domain/template-file';
import { serviceContext } from '../../support/service-context';
import { useTestDatabase } from '../../support/test-database';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const t = useTestDatabase();

describe('importing templates', () => {
  it('stores every milestone and action of the demo template, in order', async () => {
    const ctx = serviceContext(t.db);
    const org = await getDefaultOrganization(ctx);
    const spec = await readTemplateFile(DEMO_TEMPLATE_FILE);
    const result = await importTemplate(ctx, { organizationId: org.id, spec, actor: 'cli' });

    expect(result).toMatchObject({ created: true, version: 1, milestones: 5 });
    expect(result.actions).toBe(spec.milestones.reduce((n, m) => n + m.actions.length, 0));
    const milestones = await t.db.prisma.templateMilestone.findMany({
      where: { templateId: result.templateId },
      orderBy: { position: 'asc' },
    });
    expect(milestones.map((m) => m.name)).toEqual([
      'Kickoff',
      'Technical Setup',
      'Implementation',
      'Training',
      'Go-Live',
    ]);
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entityId: result.templateId } });
    expect(audit).toEqual([expect.objectContaining({ actor: 'cli', entityType: 'template', toState: 'v1' })]);
  });

  it('exports a template that imports back to the same plan', async () => {
    const ctx = serviceContext(t.db);
    const org = await getDefaultOrganization(ctx);
    const spec = await readTemplateFile(DEMO_TEMPLATE_FILE);
    await importTemplate(ctx, { organizationId: org.id, spec, actor: 'cli' });
    const yaml = await exportTemplate(ctx, { organizationId: org.id, name: spec.name });
    expect(parseTemplateFile(yaml, 'exported.yaml')).toEqual(spec);
  });

  it('replaces the plan and bumps the version when a template of the same name is imported again', async () => {
    const ctx = serviceContext(t.db);
    const org = await getDefaultOrganization(ctx);
    const spec = await readTemplateFile(DEMO_TEMPLATE_FILE);
    await importTemplate(ctx, { organizationId: org.id, spec, actor: 'cli' });
    const shorter = { ...spec, milestones: spec.milestones.slice(0, 2) };
    const result = await importTemplate(ctx, { organizationId: org.id, spec: shorter, actor: 'cli' });
    expect(result).toMatchObject({ created: false, version: 2, milestones: 2 });
    const loaded = await loadTemplateSpec(t.db.prisma, { organizationId: org.id, name: spec.name.toUpperCase() });
    expect(loaded.version).toBe(2);
    expect(loaded.spec.milestones.map((m) => m.name)).toEqual(['Kickoff', 'Technical Setup']);
    expect((await listTemplates(ctx, { organizationId: org.id }))[0]).toMatchObject({
      name: spec.name,
      version: 2,
      milestones: 2,
    });
  });

  it('refuses a template that could strand an action, naming each action and why it would never fire', async () => {
    const ctx = serviceContext(t.db);
    const org = await getDefaultOrganization(ctx);
    const spec = await readTemplateFile(DEMO_TEMPLATE_FILE);
    const [kickoff, setup, ...rest] = spec.milestones;
    const stranding = {
      ...spec,
      milestones: [
        {
          ...kickoff!,
          actions: kickoff!.actions.map((a) =>
            a.key === 'success-plan-recap'
              ? { ...a, trigger: { kind: 'previous_action' as const, delayDays: 0, after: 'kickoff-call' } }
              : a,
          ),
        },
        {
          ...setup!,
          actions: setup!.actions.map((a) =>
            a.key === 'configure-sso' ? { ...a, trigger: { ...a.trigger, after: 'signed-dpa-email' } } : a,
          ),
        },
        ...rest,
      ],
    };
    const error = await importTemplate(ctx, { organizationId: org.id, spec: stranding, actor: 'cli' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('template_invalid');
    expect((error as AppError).message.split('\n')).toEqual([
      'the template "B2B SaaS onboarding" is refused:',
      'milestones[0].actions[4].trigger.after: "success-plan-recap" would never fire: it waits on "kickoff-call", and no action has that key.',
      'milestones[1].actions[3].trigger.after: "configure-sso" would never fire: it waits on "signed-dpa-email", and no action has that key.',
    ]);
    expect(await t.db.prisma.template.count()).toBe(0);
  });

  it('rolls back everything when the import fails half way', async () => {
    const ctx = serviceContext(t.db);
    const org = await getDefaultOrganization(ctx);
    const spec = await readTemplateFile(DEMO_TEMPLATE_FILE);
    // An action type the database does not know, in the last milestone: the earlier inserts must not survive.
    const last = spec.milestones.length - 1;
    const broken = {
      ...spec,
      milestones: spec.milestones.map((m, i) =>
        i === last ? { ...m, actions: m.actions.map((a) => ({ ...a, type: 'fax' as never })) } : m,
      ),
    };
    await expect(importTemplate(ctx, { organizationId: org.id, spec: broken, actor: 'cli' })).rejects.toThrow();
    expect(await t.db.prisma.template.count()).toBe(0);
    expect(await t.db.prisma.templateMilestone.count()).toBe(0);
  });

  it('says which template files are broken and where, before anything is written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'thread-template-'));
    const file = path.join(dir, 'broken.yaml');
    await writeFile(
      file,
      'name: Broken\nmilestones:\n  - name: Kickoff\n    planned_days: 5\n    actions:\n      - key: hello\n        name: Hello\n        type: fax\n        trigger: { kind: manual }\n',
    );
    const error = await readTemplateFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('template_invalid');
    expect((error as AppError).message).toContain('broken.yaml: milestones[0].actions[0].type');
    await expect(readTemplateFile(path.join(dir, 'missing.yaml'))).rejects.toThrow(
      /missing\.yaml: cannot read the template \(no such file\)/,
    );
  });

  it('names the known templates when asked for one that does not exist', async () => {
    const ctx = serviceContext(t.db);
    const org = await getDefaultOrganization(ctx);
    await expect(loadTemplateSpec(t.db.prisma, { organizationId: org.id, name: 'Enterprise' })).rejects.toThrow(
      /no templates are imported yet/,
    );
    await importTemplate(ctx, {
      organizationId: org.id,
      spec: await readTemplateFile(DEMO_TEMPLATE_FILE),
      actor: 'cli',
    });
    await expect(loadTemplateSpec(t.db.prisma, { organizationId: org.id, name: 'Enterprise' })).rejects.toThrow(
      /known templates: "B2B SaaS onboarding"/,
    );
  });
});
