import type { ModalView } from '@slack/types';
import { modalShell } from './modal-shell';
import { mrkdwnSection } from './text';

/**
 * What replaces a modal whose submission was refused and has no field to show it under ("Not done", "Not created"…):
 * the reason, and Close. `reason` is already Slack text (errorText), so it is not escaped again.
 */
export function buildRefusalModal(title: string, reason: string): ModalView {
  return modalShell({ title, close: 'Close', blocks: [mrkdwnSection(reason)] });
}
