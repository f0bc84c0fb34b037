import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { exportHandoffQuestions } from '../../services/handoff/export-handoff-questions';
import { importHandoffQuestions } from '../../services/handoff/import-handoff-questions';
import { readHandoffQuestionsFile } from '../../services/handoff/read-handoff-questions-file';
import { findOperatorOrganization } from '../../services/organizations/find-operator-organization';
import { ORG_FLAG, ORG_FLAG_HELP } from '../org-option';
import { withSession } from '../session';

/**
 * The handoff questions as a file beside the templates (`templates/handoff/questions.yaml`), the twins of the
 * Handoff questions screen in `/thread settings`: export prints or writes them, import replaces them (all or
 * nothing, audited as `cli`); a broken file is refused naming each line and field.
 */
export function registerHandoffQuestionCommands(program: Command): void {
  const questions = program
    .command('handoff-questions')
    .description("the AE's handoff questions as a YAML file: export, import");

  questions
    .command('export')
    .description('print the handoff questions as YAML (or write them with --out)')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (opts: { out?: string; org?: string }) => {
      await withSession(async ({ ctx }) => {
        const org = await findOperatorOrganization(ctx, { org: opts.org });
        const yaml = await exportHandoffQuestions(ctx, { organizationId: org.id });
        if (opts.out) {
          await writeFile(opts.out, yaml);
          console.log(`Wrote the handoff questions to ${opts.out}.`);
        } else process.stdout.write(yaml);
      });
    });

  questions
    .command('import <file>')
    .description(
      'replace the handoff questions with a YAML or JSON file (questions left out are removed, answers kept)',
    )
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (file: string, opts: { org?: string }) => {
      // Checked before the database is opened: a broken file never touches anything.
      const specs = await readHandoffQuestionsFile(file);
      await withSession(async ({ ctx }) => {
        const org = await findOperatorOrganization(ctx, { org: opts.org });
        const r = await importHandoffQuestions(ctx, { organizationId: org.id, actor: 'cli', questions: specs });
        const part = (n: number, what: string) => `${n} ${what}`;
        console.log(
          `Imported ${specs.length} handoff question(s): ${[
            part(r.added.length, 'added'),
            part(r.changed.length, 'changed'),
            part(r.removed.length, 'removed'),
            part(r.unchanged.length, 'unchanged'),
          ].join(', ')}.`,
        );
      });
    });
}
