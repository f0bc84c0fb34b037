/**
 * After Accept or Dismiss on a finding: the clicked message (the handoff card, or any message carrying the findings)
 * is updated in place with the findings as they are now, so the decision shows where it was made and the next
 * finding moves up. A finding someone else had already decided is shown as they decided it, and the clicker is told.
 */
import type { FindingDecision } from '../../services/handoff/decide-handoff-finding';
import { listHandoffFindings } from '../../services/handoff/list-handoff-findings';
import type { SlackActor } from '../../services/users/resolve-slack-actor';
import { decidedLine, withHandoffFindings } from '../blocks/handoff-findings';
import { mrkdwnSection } from '../blocks/text';
import type { SlackDeps } from '../deps';
import { answerClicker, clickedMessage, type Click } from './interaction';

export async function showFindingDecision(
  deps: SlackDeps,
  click: Click,
  actor: SlackActor,
  decision: FindingDecision,
  asked: 'accepted' | 'dismissed',
): Promise<void> {
  const { finding } = decision;
  const findings = await listHandoffFindings(deps.ctx, {
    organizationId: actor.organizationId,
    accountId: finding.accountId,
  });
  const message = click.body.message;
  const text = typeof message?.text === 'string' && message.text !== '' ? message.text : 'Handoff findings';
  const updated = withHandoffFindings(message?.blocks, text, findings);
  const where = clickedMessage(click.body);
  if (updated && where && click.body.container.is_ephemeral !== true) {
    await click.client.chat.update({ ...where, text: updated.text, blocks: updated.blocks });
  } else if (updated && click.body.response_url) {
    await click.respond({ replace_original: true, text: updated.text, blocks: updated.blocks });
  } else {
    // Nowhere to update (Slack did not send the message back): the decision as a reply only the clicker sees.
    const line = decidedLine(finding);
    await answerClicker(click, { text: line, blocks: [mrkdwnSection(line)] });
  }
  const byOther = finding.decidedBy?.slackUserId !== actor.slackUserId;
  if (decision.alreadyDecided && (byOther || finding.status !== asked)) {
    await answerClicker(click, {
      text: `:information_source: This finding was already ${finding.status}${byOther ? ' by someone else' : ''}; it now shows that decision.`,
    });
  }
}
