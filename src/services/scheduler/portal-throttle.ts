/**
 * What counts against the portal throttle: a portal request is open from the moment it fires (its draft is
 * waiting for review) until the customer answers it (completed) or it is skipped.
 */
import type { ActionStatus, ActionType } from '../../db/generated/client';

export const PORTAL_TYPES: readonly ActionType[] = ['portal_form', 'portal_document'];
export const PORTAL_OPEN_STATUSES: readonly ActionStatus[] = ['ready', 'review_pending', 'executing', 'executed'];

/** Shown to the CSM on a due portal request held back by the throttle. */
export function portalWaitingReason(open: number): string {
  return `waiting: ${open} portal request${open === 1 ? '' : 's'} open`;
}
