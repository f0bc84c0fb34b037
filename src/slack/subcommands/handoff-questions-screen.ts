/**
 * The Handoff questions screen as an admin may see it now (the services' list), and who else is told to ask an
 * admin. Every rebuild after a change comes through here, so the screen always shows what the services hold.
 */
import type { ModalView } from '@slack/types';
import { can } from '../../domain/roles';
import { listHandoffQuestions } from '../../services/handoff/list-handoff-questions';
import { listPeople } from '../../services/people/list-people';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { buildHandoffQuestionsModal } from '../blocks/handoff-questions-modal';
import { buildRefusalModal } from '../blocks/refusal-modal';
import { buildAdminsOnlyMessage } from '../blocks/settings-modal';
import type { SlackDeps } from '../deps';

export async function handoffQuestionsScreen(deps: SlackDeps, actor: SlackActor, notice?: string): Promise<ModalView> {
  if (!can(actor.role, 'manage_settings')) {
    const people = await listPeople(deps.ctx, { organizationId: actor.organizationId, actor });
    const refusal = buildAdminsOnlyMessage(
      'change the handoff questions',
      people.filter((p) => p.role === 'admin'),
    );
    return buildRefusalModal('Handoff questions', refusal.text);
  }
  return buildHandoffQuestionsModal(
    await listHandoffQuestions(deps.ctx, { organizationId: actor.organizationId }),
    notice,
  );
}
