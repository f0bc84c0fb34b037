import type { Command } from 'commander';
import { seedDemo } from '../../services/seed/seed-demo';
import { withSession } from '../session';

export function registerSeedCommands(program: Command): void {
  program
    .command('seed')
    .description('demo data')
    .command('demo')
    .description('the demo organisation, template and three accounts (safe to run again)')
    .option('--csm <slackUserId>', 'make this Slack user the CSM of the demo accounts')
    .action(async (opts: { csm?: string }) => {
      await withSession(async ({ ctx }) => {
        const result = await seedDemo(ctx, { csmSlackUserId: opts.csm });
        console.log(`Template "${result.templateName}" is loaded.`);
        if (result.created.length > 0) console.log(`Created: ${result.created.join(', ')}.`);
        if (result.existing.length > 0) console.log(`Already there: ${result.existing.join(', ')}.`);
      });
    });
}
