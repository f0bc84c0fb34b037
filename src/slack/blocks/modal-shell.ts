/**
 * The skeleton every Thread modal shares: title, submit and close within Slack's 24 characters, the callback id its
 * submission listener is registered for, private_metadata that always fits, and at most 100 blocks.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { LIMITS, plain } from './text';

export interface ModalShell {
  /** Absent for a modal that only shows something (a refusal): it has no submission to route. */
  callbackId?: string;
  title: string;
  /** Absent for a modal that cannot be submitted. */
  submit?: string;
  close?: string;
  privateMetadata?: string;
  blocks: KnownBlock[];
}

export function modalShell(m: ModalShell): ModalView {
  return {
    type: 'modal',
    ...(m.callbackId ? { callback_id: m.callbackId } : {}),
    title: plain(m.title, LIMITS.viewTitle),
    ...(m.submit ? { submit: plain(m.submit, LIMITS.viewSubmit) } : {}),
    close: plain(m.close ?? 'Cancel', LIMITS.viewSubmit),
    private_metadata: m.privateMetadata ?? '',
    blocks: m.blocks.slice(0, LIMITS.viewBlocks),
  };
}

/**
 * What a modal carries from opening to submission, as JSON within Slack's 3000 characters. When the whole of it
 * does not fit, `essential` (what the submission cannot do without) is kept; the rest is a convenience.
 */
export function modalMetadata(whole: object, essential: object): string {
  const text = JSON.stringify(whole);
  return text.length <= LIMITS.privateMetadata ? text : JSON.stringify(essential);
}
