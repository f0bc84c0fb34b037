import { InvalidArgumentError, type Command } from 'commander';
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles';
import { SLACK_USER_ID } from '../../domain/slack-ids';
import { findOperatorOrganization } from '../../services/organizations/find-operator-organization';
import { addPerson } from '../../services/people/add-person';
import { listPeople } from '../../services/people/list-people';
import { setRole } from '../../services/people/set-role';
import { ORG_FLAG, ORG_FLAG_HELP } from '../org-option';
import { withSession } from '../session';
import { formatTable } from '../table';
import { printFieldErrors } from './org';

function role(value: string): Role {
  const wanted = value.toLowerCase();
  const found = ROLES.find((r) => r === wanted);
  if (!found) throw new InvalidArgumentError(`expected one of ${ROLES.join(', ')}`);
  return found;
}

export function registerPeopleCommands(program: Command): void {
  const people = program.command('people').description('people in Thread and their roles: list, set-role');

  people
    .command('list')
    .description('everyone added to Thread, admins first')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (opts: { org?: string }) => {
      await withSession(async ({ ctx }) => {
        const found = await findOperatorOrganization(ctx, { org: opts.org });
        const rows = await listPeople(ctx, { organizationId: found.id, actor: 'cli' });
        if (rows.length === 0) {
          console.log(`Nobody in "${found.name}" yet: the first person to use /thread in Slack becomes its admin.`);
          return;
        }
        console.log(
          formatTable(
            ['name', 'slack id', 'email', 'role'],
            rows.map((p) => [p.name, p.slackUserId, p.email, p.role]),
          ),
        );
      });
    });

  people
    .command('set-role')
    .description("change a person's role; the last admin keeps theirs")
    .argument('<person>', 'their Slack user id (U…) or email')
    .argument('<role>', ROLES.join('|'), role)
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (who: string, newRole: Role, opts: { org?: string }) => {
      await withSession(async ({ ctx }) => {
        const found = await findOperatorOrganization(ctx, { org: opts.org });
        const person = SLACK_USER_ID.test(who) ? { slackUserId: who } : { email: who };
        try {
          const changed = await setRole(ctx, { organizationId: found.id, actor: 'cli', person, role: newRole });
          console.log(`${changed.name} is now ${ROLE_NAMES[changed.role]} in "${found.name}".`);
        } catch (error) {
          printFieldErrors(error, { role: '<role>', person: '<person>', 'person.email': '<person>' });
        }
      });
    });

  people
    .command('add')
    .description('add a Slack workspace member to Thread with a role')
    .argument('<slack user id>', 'their Slack user id (U…)')
    .argument('<role>', ROLES.join('|'), role)
    .option('--name <name>', 'their name until Slack tells Thread their profile')
    .option(ORG_FLAG, ORG_FLAG_HELP)
    .action(async (slackUserId: string, newRole: Role, opts: { org?: string; name?: string }) => {
      await withSession(async ({ ctx }) => {
        const found = await findOperatorOrganization(ctx, { org: opts.org });
        try {
          const added = await addPerson(ctx, {
            organizationId: found.id,
            actor: 'cli',
            slackUserId,
            role: newRole,
            name: opts.name,
          });
          console.log(`Added ${added.name} to "${found.name}" as ${ROLE_NAMES[added.role]}.`);
        } catch (error) {
          printFieldErrors(error, { slackUserId: '<slack user id>', role: '<role>', name: '--name' });
        }
      });
    });
}
