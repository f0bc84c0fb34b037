import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { SlipSide } from '../../domain/onboarding-clock-types';
import type { MilestoneChangePreview } from '../../services/milestones/preview-milestone-change';
import type { ReviewCardData } from '../../services/review/review-card-data';
import { FIELDS, VIEWS } from '../ids';
import { inputBlock, textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { context, LIMITS, mrkdwnSection, plain, safe } from './text';

export type MilestoneChange = 'start' | 'complete' | 'block' | 'unblock';

/** What a modal carries from opening to submission; kept short (private_metadata is at most 3000 characters). */
export interface ModalMetadata {
  id: string;
  change?: MilestoneChange;
  responseUrl?: string;
}

/** A response URL is a convenience (it refreshes an ephemeral card); the id and the change are not. */
export function encodeMetadata(meta: ModalMetadata): string {
  return modalMetadata(meta, { id: meta.id, change: meta.change });
}

function modal(callbackId: string, title: string, submit: string, meta: ModalMetadata, blocks: KnownBlock[]) {
  return modalShell({ callbackId, title, submit, privateMetadata: encodeMetadata(meta), blocks });
}

/** Edit: subject and body prefilled; both are checked again on submit (empty fields come back inline). */
export function buildEditDraftModal(c: ReviewCardData, responseUrl?: string): ModalView {
  return modal(VIEWS.editDraft, 'Edit draft', 'Save draft', { id: c.actionId, responseUrl }, [
    context(`${safe(c.accountName, 200)} · ${safe(c.milestoneName, 200)} · *${safe(c.actionName, 200)}*`),
    ...(c.type === 'email' || c.subject
      ? [textInputBlock(FIELDS.subject, 'Subject', { initial: c.subject, max: 500 })]
      : []),
    textInputBlock(FIELDS.body, 'Body', { initial: c.body, multiline: true, max: 3000 }),
  ]);
}

export function buildRequestChangesModal(c: ReviewCardData, responseUrl?: string): ModalView {
  return modal(VIEWS.requestChanges, 'Request changes', 'Send back', { id: c.actionId, responseUrl }, [
    mrkdwnSection(
      `What should change in *${safe(c.actionName, 200)}* for ${safe(c.accountName, 200)}? The draft goes back to be rewritten with your note.`,
    ),
    textInputBlock(FIELDS.note, 'What should change', { multiline: true, max: 2000 }),
  ]);
}

/** The Block modal's cause choices: whose move the block is decides whose slip its days are. */
export const BLOCK_CAUSE_CHOICES: Readonly<Record<SlipSide, { label: string; explained: string }>> = {
  customer: { label: 'The customer', explained: 'we wait on something only they can do or decide' },
  us: { label: 'Us', explained: 'our team, product or an internal task holds it up' },
  third_party: { label: 'A third party', explained: 'a reseller, an integration partner or another vendor' },
};

function blockCauseOption(side: SlipSide): PlainTextOption {
  const c = BLOCK_CAUSE_CHOICES[side];
  return {
    text: plain(c.label, LIMITS.optionText),
    description: plain(c.explained, LIMITS.optionText),
    value: side,
  };
}

const TITLES: Record<MilestoneChange, [string, string]> = {
  start: ['Start milestone', 'Start'],
  complete: ['Complete milestone', 'Complete'],
  block: ['Block milestone', 'Block'],
  unblock: ['Unblock milestone', 'Unblock'],
};

function list(items: string[], max = 15): string {
  const shown = items.slice(0, max).map((i) => `• ${safe(i, 150)}`);
  if (items.length > max) shown.push(`…and ${items.length - max} more`);
  return shown.join('\n');
}

/** Start / Complete / Block / Unblock, each saying what will happen before the CSM confirms. */
export function buildMilestoneModal(change: MilestoneChange, p: MilestoneChangePreview): ModalView {
  const [title, submit] = TITLES[change];
  const name = `*${safe(p.milestoneName, 150)}* (${safe(p.accountName, 150)})`;
  const blocks: KnownBlock[] = [];
  if (change === 'start') {
    blocks.push(mrkdwnSection(`Start ${name}.`));
    blocks.push(
      mrkdwnSection(
        p.actionsOnStart.length
          ? `These actions will be scheduled:\n${list(p.actionsOnStart)}`
          : 'No actions are triggered by the start itself.',
      ),
    );
    if (p.previousOpenActions.length) {
      blocks.push(
        mrkdwnSection(
          `:warning: The previous milestone (${safe(p.previousMilestoneName ?? '', 150)}) still has ${p.previousOpenActions.length} open action(s):\n${list(p.previousOpenActions.map((a) => `${a.name} (${a.status.replace('_', ' ')})`))}`,
        ),
      );
    }
  } else if (change === 'complete') {
    blocks.push(
      mrkdwnSection(
        `Complete ${name}.${p.nextMilestoneName ? ` *${safe(p.nextMilestoneName, 150)}* starts next and its start actions are scheduled.` : ''}`,
      ),
    );
    if (p.openActions.length) {
      blocks.push(
        mrkdwnSection(
          `:warning: ${p.openActions.length} action(s) are still open:\n${list(p.openActions.map((a) => `${a.name} (${a.status.replace('_', ' ')})`))}`,
        ),
      );
      blocks.push(textInputBlock(FIELDS.reason, 'Why complete it anyway?', { multiline: true, max: 2000 }));
    }
  } else if (change === 'block') {
    blocks.push(mrkdwnSection(`Block ${name}.`));
    // The note first: a refusal with no field of its own is shown under the modal's first input.
    blocks.push(
      textInputBlock(FIELDS.note, 'What is it waiting on?', {
        multiline: true,
        max: 2000,
        hint: 'The customer sees this note in their portal.',
      }),
    );
    blocks.push(
      inputBlock(
        FIELDS.blockCause,
        'Whose move is it?',
        { type: 'radio_buttons', options: (['customer', 'us', 'third_party'] as const).map(blockCauseOption) },
        { hint: 'The days it stays blocked count as slip on that side. The customer does not see this.' },
      ),
    );
  } else {
    blocks.push(
      mrkdwnSection(
        `Unblock ${name}. The blocker note${p.blockerNote ? ` (“${safe(p.blockerNote, 500)}”)` : ''} leaves the portal.`,
      ),
    );
    blocks.push(
      textInputBlock(FIELDS.reason, 'What changed? (optional)', { multiline: true, optional: true, max: 2000 }),
    );
  }
  return modal(VIEWS.milestoneChange, title, submit, { id: p.milestoneId, change }, blocks);
}
