import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { findOperatorOrganization } from '../../services/organizations/find-operator-organization';
import { exportTemplate } from '../../services/templates/export-template';
import { importTemplate } from '../../services/templates/import-template';
import { listTemplates } from '../../services/templates/list-templates';
import { applySlipSuggestion } from '../../services/templates/apply-slip-suggestion';
import { listSlipSuggestions } from '../../services/templates/list-slip-suggestions';
import { readTemplateFile } from '../../services/templates/read-template-file';
import { ORG_FLAG, ORG_FLAG_HELP } from '../org-option';
import { withSession } from '../session';
import { formatTable } from '../table';

export function registerTemplateCommands(program: Command): void {
  const templates = program
    .command('templates')
    .description('onboarding plans: import, export, list, and the changes the slip ledger suggests');

  templates
    .command('import <file>')
    .description('import a template from a JSON or YAML file (replaces the plan of a template with the same name)')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (file: string, opts: { org?: string }) => {
      // Validate before touching the database, so a broken file never opens (or locks) anything.
      const spec = await readTemplateFile(file);
      await withSession(async ({ ctx }) => {
        const org = await findOperatorOrganization(ctx, { org: opts.org });
        const result = await importTemplate(ctx, { organizationId: org.id, spec, actor: 'cli' });
        const verb = result.created ? 'Imported' : `Updated to v${result.version}`;
        console.log(`${verb} "${spec.name}": ${result.milestones} milestones, ${result.actions} actions.`);
      });
    });

  templates
    .command('export <name>')
    .description('print a template as YAML (or write it with --out)')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (name: string, opts: { out?: string; org?: string }) => {
      await withSession(async ({ ctx }) => {
        const org = await findOperatorOrganization(ctx, { org: opts.org });
        const yaml = await exportTemplate(ctx, { organizationId: org.id, name });
        if (opts.out) {
          await writeFile(opts.out, yaml);
          console.log(`Wrote "${name}" to ${opts.out}.`);
        } else process.stdout.write(yaml);
      });
    });

  templates
    .command('list')
    .description('list templates')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (opts: { org?: string }) => {
      await withSession(async ({ ctx }) => {
        const org = await findOperatorOrganization(ctx, { org: opts.org });
        const rows = await listTemplates(ctx, { organizationId: org.id });
        if (rows.length === 0) {
          console.log(
            'No templates yet. Import one: npm run thread -- templates import templates/b2b-saas-onboarding.yaml',
          );
          return;
        }
        console.log(
          formatTable(
            ['name', 'version', 'milestones', 'actions', 'accounts'],
            rows.map((t) => [t.name, `v${t.version}`, t.milestones, t.actions, t.accounts]),
          ),
        );
      });
    });

  templates
    .command('suggestions')
    .description('the template steps that slip most across accounts, each with a suggested change; --accept one')
    .option('--template <name>', 'only the steps of this template')
    .option('--accept <id>', 'make the suggested change: a new version of the template (accounts keep their plan)')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (opts: { template?: string; accept?: string; org?: string }) => {
      await withSession(async ({ ctx }) => {
        const org = await findOperatorOrganization(ctx, { org: opts.org });
        if (opts.accept !== undefined) {
          const applied = await applySlipSuggestion(ctx, {
            organizationId: org.id,
            actor: 'cli',
            suggestionId: opts.accept,
          });
          console.log(
            `Accepted ${applied.suggestion.id}: "${applied.templateName}" is now v${applied.toVersion} (${applied.suggestion.changeWords}).`,
          );
          console.log('Accounts already running keep their plan; new accounts get the change.');
          return;
        }
        const { suggestions } = await listSlipSuggestions(ctx, {
          organizationId: org.id,
          actor: 'cli',
          ...(opts.template ? { templateName: opts.template } : {}),
        });
        if (suggestions.length === 0) {
          console.log(
            'No suggestions: no template step has put several accounts behind plan in a way a change to the template would help.',
          );
          return;
        }
        for (const s of suggestions) {
          console.log(`${s.id}  ${s.templateName} v${s.templateVersion} · ${s.evidence}`);
          console.log(`  ${s.sentence}`);
          console.log(`  change: ${s.changeWords}`);
        }
        console.log(`Accept one with: npm run thread -- templates suggestions --accept <id>`);
      });
    });
}
