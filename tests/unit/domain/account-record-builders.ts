/**
 * Hand-built account rows for the issue 13 formula tests: each builder fills the columns a test does not care
 * about with neutral values, so a test states only the history it is about.
 */
import type { ActionRow, MilestoneBlockRow, MilestoneRow, SubmissionRow } from '../../../src/domain/account-record';
import { businessCalendar } from '../../../src/domain/business-days';
import type { WaitingPeriod } from '../../../src/domain/onboarding-clock-types';

export const berlin = businessCalendar('Europe/Berlin');
export const newYork = businessCalendar('America/New_York');

/** A calendar date (UTC midnight), as Prisma reads @db.Date. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function at(iso: string): Date {
  return new Date(iso);
}

export function milestoneRow(over: Partial<MilestoneRow> & Pick<MilestoneRow, 'id'>): MilestoneRow {
  return {
    name: `Milestone ${over.id}`,
    position: 0,
    status: 'pending',
    plannedDays: 5,
    plannedStartDate: day('2026-03-02'),
    plannedEndDate: day('2026-03-06'),
    startedAt: null,
    completedAt: null,
    actualDays: null,
    ...over,
  };
}

export function actionRow(over: Partial<ActionRow> & Pick<ActionRow, 'key'>): ActionRow {
  return {
    id: `action-${over.key}`,
    name: `Action ${over.key}`,
    type: 'email',
    status: 'pending',
    milestoneId: 'm1',
    firedAt: null,
    executedAt: null,
    completedAt: null,
    skippedAt: null,
    ...over,
  };
}

export function submissionRow(
  over: Partial<SubmissionRow> & Pick<SubmissionRow, 'actionId' | 'createdAt'>,
): SubmissionRow {
  return { reviewedAt: null, ...over };
}

export function blockRow(over: Partial<MilestoneBlockRow> & Pick<MilestoneBlockRow, 'startedAt'>): MilestoneBlockRow {
  return { milestoneId: 'm1', cause: 'customer', endedAt: null, ...over };
}

export function waiting(over: Partial<WaitingPeriod> & Pick<WaitingPeriod, 'startedAt'>): WaitingPeriod {
  return {
    side: 'customer',
    kind: 'portal_request',
    actionKey: 'sso_form',
    milestoneId: 'm1',
    label: 'SSO form',
    endedAt: null,
    ...over,
  };
}
