/**
 * The checks before a claim, which change nothing: the claim is allowed from the action's state, the approval
 * rule lets this person send it, the channel is configured and the recipient known, the CSM can send customer
 * email, the review lint passes (or is overridden). Then the send record the claim writes, with a fresh
 * idempotency key and the Message-ID or client_msg_id the message will carry. Pure given the facts read
 * beforehand (send-facts.ts), so a batch decides for all of its actions without a query each. Throws the
 * sentence to show when the action cannot go.
 */
import { randomUUID } from 'node:crypto';
import { checkApprovalRule } from '../../domain/approval-rule';
import { nextActionStatus, type ActionStatus } from '../../domain/action-state';
import { blockingFindings } from '../../domain/review-lint';
import type { ActionType } from '../../domain/template';
import { AppError } from '../../lib/errors';
import { describeBlocking, lintActionDraft } from '../drafting/lint-action-draft';
import { toAppError } from '../errors/to-app-error';
import type { ActionForExecution } from './load-action-for-execution';
import { planSend, type SendPlan } from './plan-send';
import type { ExecutionDeps } from './ports';
import type { SendFacts } from './send-facts';
import type { SendRecord } from './send-record';

export interface PreparedSend {
  action: ActionForExecution;
  plan: SendPlan;
  /** The claim's idempotency key; the record carries it too. */
  key: string;
  /** What the claim writes: state 'sending'. */
  record: SendRecord;
  /** Blocking lint findings sent anyway (overrideLint), recorded in the audit trail. */
  overridden: string[];
}

export function prepareSend(
  action: ActionForExecution,
  deps: ExecutionDeps,
  facts: SendFacts,
  o: { actorUserId: string; overrideLint: boolean; now: Date },
): PreparedSend {
  try {
    nextActionStatus(action.status as ActionStatus, 'claim');
  } catch (error) {
    throw toAppError(error);
  }
  const approval = checkApprovalRule(facts.rule, action, o.actorUserId);
  if (!approval.ok) {
    throw new AppError(approval.refusal === 'same_person' ? 'forbidden' : 'illegal_transition', approval.message, {
      details: { approvalRule: approval.refusal },
    });
  }

  const planned = planSend(action, deps);
  // Customer email goes out as the account's CSM, with replies to them: refused before anything is claimed when
  // Slack hides their email and they gave no reply-to address.
  const csmId = action.account.csmId;
  let plan = planned;
  if ((planned.channel === 'email' || planned.channel === 'portal') && csmId) {
    const sender = facts.senderOf(csmId);
    if (sender instanceof AppError) throw sender;
    plan = { ...planned, sender };
  }

  let overridden: string[] = [];
  if (plan.channel !== 'internal') {
    const findings = lintActionDraft({
      type: action.type as ActionType,
      subject: plan.subject,
      body: plan.body,
      companyName: action.account.name,
      portalLinkAtSend: deps.portalLinks !== undefined && plan.recipient !== null,
    });
    const blocking = blockingFindings(findings);
    if (blocking.length > 0 && !o.overrideLint) {
      throw new AppError(
        'validation_failed',
        `"${action.name}" is not sent: ${describeBlocking(findings)} Fix the draft, or override the review lint explicitly.`,
        { details: blocking },
      );
    }
    overridden = blocking.map((f) => f.excerpt ?? f.code);
  }

  const key = randomUUID();
  const record: SendRecord = {
    state: 'sending',
    channel: plan.channel,
    idempotencyKey: key,
    claimedAt: o.now.toISOString(),
    claimedBy: o.actorUserId,
    ...(plan.channel === 'email' || plan.channel === 'portal'
      ? { messageId: deps.mailer!.messageIdFor(key), to: plan.recipient!.email }
      : {}),
    ...(plan.channel === 'slack' ? { clientMsgId: key, to: plan.slackTarget } : {}),
    ...(overridden.length > 0 ? { lintOverridden: overridden } : {}),
  };
  return { action, plan, key, record, overridden };
}
