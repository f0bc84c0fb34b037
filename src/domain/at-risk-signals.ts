/**
 * Signals that an onboarding is at risk. They only produce a suggestion with its reasons; the CSM confirms or
 * dismisses it, Thread never changes an account's status by itself.
 */
import { z } from 'zod';

export const RISK_THRESHOLD_DAYS = { blocked: 5, overdue: 7, noPortalEngagement: 14 } as const;

export const RISK_REASON_CODES = ['milestone_blocked', 'actions_overdue', 'no_portal_engagement'] as const;
export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];

/** One reason as stored in an account's at-risk suggestion (Account.riskSuggestion) and read back. */
export const riskReasonSchema = z.object({ code: z.enum(RISK_REASON_CODES), message: z.string() });
export type RiskReason = z.infer<typeof riskReasonSchema>;

export interface RiskInputs {
  now: Date;
  blockedMilestones: readonly { name: string; blockedAt: Date }[];
  /** Open actions (drafts waiting on the CSM) with their due times. */
  overdueActions: readonly { name: string; dueAt: Date }[];
  /** The latest portal visit, form or upload, if any. */
  lastPortalEngagementAt: Date | null;
  /** When the oldest portal request still waiting on the customer was sent; null when none is waiting. */
  waitingOnCustomerSince: Date | null;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

export function riskReasons(inputs: RiskInputs): RiskReason[] {
  const reasons: RiskReason[] = [];
  const blocked = inputs.blockedMilestones.filter(
    (m) => inputs.now.getTime() - m.blockedAt.getTime() > RISK_THRESHOLD_DAYS.blocked * DAY_MS,
  );
  if (blocked.length > 0) {
    const longest = blocked.reduce((a, b) => (a.blockedAt <= b.blockedAt ? a : b));
    reasons.push({
      code: 'milestone_blocked',
      message: `${longest.name} has been blocked for ${daysBetween(longest.blockedAt, inputs.now)} days`,
    });
  }
  const overdue = inputs.overdueActions.filter(
    (a) => inputs.now.getTime() - a.dueAt.getTime() > RISK_THRESHOLD_DAYS.overdue * DAY_MS,
  );
  if (overdue.length > 0) {
    const oldest = overdue.reduce((a, b) => (a.dueAt <= b.dueAt ? a : b));
    const others = overdue.length - 1;
    reasons.push({
      code: 'actions_overdue',
      message: `${oldest.name} is ${daysBetween(oldest.dueAt, inputs.now)} days overdue${others > 0 ? ` (and ${others} more over ${RISK_THRESHOLD_DAYS.overdue} days)` : ''}`,
    });
  }
  if (inputs.waitingOnCustomerSince) {
    // Silence only counts while a request is waiting on the customer, and from when it was sent at the earliest.
    const last =
      inputs.lastPortalEngagementAt && inputs.lastPortalEngagementAt > inputs.waitingOnCustomerSince
        ? inputs.lastPortalEngagementAt
        : inputs.waitingOnCustomerSince;
    if (inputs.now.getTime() - last.getTime() > RISK_THRESHOLD_DAYS.noPortalEngagement * DAY_MS) {
      reasons.push({
        code: 'no_portal_engagement',
        message: inputs.lastPortalEngagementAt
          ? `no portal activity for ${daysBetween(last, inputs.now)} days while a request is waiting`
          : `the customer has not opened the portal in the ${daysBetween(last, inputs.now)} days since the first request`,
      });
    }
  }
  return reasons;
}
