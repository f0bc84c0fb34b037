import type { Command } from 'commander';
import { seedDemo } from '../../services/seed/seed-demo';
import { withSession } from '../session';

export function registerSeedCommands(program: Command): void {
  program
    .command('seed')
    .description('demo data')
    .command('demo')
    .description(
      'the demo organisation, template and three accounts, and a year of past onboardings for the analytics (safe to run again)',
    )
    .option('--csm <slackUserId>', 'make this Slack user the CSM of the demo accounts')
    .option('--no-history', 'leave out the year of past onboardings')
    .action(async (opts: { csm?: string; history: boolean }) => {
      await withSession(async ({ ctx, config }) => {
        let shown = -1;
        const result = await seedDemo(ctx, {
          csmSlackUserId: opts.csm,
          ...(opts.history
            ? {
                history: {
                  publicUrl: config.publicUrl,
                  // A line every 20 simulated days: the year takes a minute or two.
                  onProgress: (day, days) => {
                    if (day !== days && day - shown < 20) return;
                    shown = day;
                    process.stderr.write(`Playing the past year: day ${day} of ${days}\n`);
                  },
                },
              }
            : {}),
        });
        console.log(`Template "${result.templateName}" is loaded.`);
        if (result.created.length > 0) console.log(`Created: ${result.created.join(', ')}.`);
        if (result.existing.length > 0) console.log(`Already there: ${result.existing.join(', ')}.`);
        const history = result.history;
        if (history && 'skipped' in history) console.log(`The past year was not played: ${history.skipped}.`);
        else if (history) {
          if (history.created.length > 0) console.log(`Past onboardings played: ${history.created.join(', ')}.`);
          if (history.existing.length > 0) console.log(`Past onboardings already there: ${history.existing.length}.`);
        }
      });
    });
}
