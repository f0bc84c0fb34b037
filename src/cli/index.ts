#!/usr/bin/env node
/** Thread's admin command line: `npm run thread -- <command>`. */
import { Command, CommanderError } from 'commander';
import { isAppError } from '../lib/errors';
import { registerAccountCommands } from './commands/accounts';
import { registerDbCommands } from './commands/db';
import { registerHandoffQuestionCommands } from './commands/handoff-questions';
import { registerHubSpotCommands } from './commands/hubspot';
import { registerOrgCommands } from './commands/org';
import { registerPeopleCommands } from './commands/people';
import { registerPortalCommands } from './commands/portal';
import { registerSeedCommands } from './commands/seed';
import { registerTemplateCommands } from './commands/templates';
import { registerTickCommand } from './commands/tick';

export function buildProgram(): Command {
  const program = new Command('thread').description('Thread admin command line').showHelpAfterError().exitOverride();
  registerTemplateCommands(program);
  registerAccountCommands(program);
  registerDbCommands(program);
  registerSeedCommands(program);
  registerTickCommand(program);
  registerPortalCommands(program);
  registerOrgCommands(program);
  registerPeopleCommands(program);
  registerHandoffQuestionCommands(program);
  registerHubSpotCommands(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isAppError(error)) {
      console.error(`thread: ${error.message}`);
      return 1;
    }
    console.error('thread: unexpected error:', error);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => process.exit(code));
}
