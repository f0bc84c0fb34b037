/**
 * The one place an account goes live, churns or is reopened: the domain state machine decides whether the move is
 * allowed, a conditional update applies it only if the account is still in the status that was read (so of two
 * racing requests exactly one wins), and the audit row lands in the same transaction.
 */
import type { Prisma } from '../../db/generated/client';
import { nextAccountStatus, type AccountEvent, type AccountStatus } from '../../domain/account-state';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Actor, Tx } from '../context';
import { toAppError } from '../errors/to-app-error';

export interface AccountTransitionInput {
  account: { id: string; organizationId: string; name: string; status: AccountStatus };
  event: AccountEvent;
  /** Columns written together with the status. */
  data?: Omit<Prisma.AccountUpdateManyMutationInput, 'status'>;
  actor: Actor;
  reason?: string | null;
  auditData?: Prisma.InputJsonValue;
  at: Date;
}

export async function transitionAccount(
  tx: Tx,
  input: AccountTransitionInput,
): Promise<{ from: AccountStatus; to: AccountStatus }> {
  const { account } = input;
  const from = account.status;
  let to: AccountStatus;
  try {
    to = nextAccountStatus(from, input.event);
  } catch (error) {
    throw toAppError(error);
  }
  const updated = await tx.account.updateMany({
    where: { id: account.id, status: from },
    data: { ...input.data, status: to },
  });
  if (updated.count !== 1) throw new AppError('conflict', `${account.name} changed meanwhile; look again.`);
  await recordAuditEvent(tx, {
    organizationId: account.organizationId,
    accountId: account.id,
    entityType: 'account',
    entityId: account.id,
    actor: input.actor,
    from,
    to,
    reason: input.reason ?? null,
    data: input.auditData,
    at: input.at,
  });
  return { from, to };
}
