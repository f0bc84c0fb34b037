import { z } from 'zod';
import { formatLocalTime } from '../../domain/plan-why';
import { fromLocalDateTime } from '../../domain/zoned-time';
import { AppError } from '../../lib/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext } from '../context';
import { calendarDayOf, fieldError } from '../errors/field-errors';
import { parseOptions } from '../errors/parse-options';
import { refreshNextActionAt } from './refresh-next-action-at';
import { planChangeShape, runPlanChange } from './run-plan-change';

const optionsSchema = z.object({
  ...planChangeShape,
  actionId: z.string().min(1),
  /** The day, in the organisation's calendar. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'pick a day'),
  /** The local time of day, HH:MM (24-hour). */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'pick a time of day such as 09:00'),
});

export interface ChangedDueDate {
  actionId: string;
  accountId: string;
  name: string;
  dueAt: Date;
}

/**
 * Sets when a pending action of one account's plan becomes due (its CSM or an admin), as a day and time in the
 * organisation's zone. The date then stands whatever the action waited on: the scheduler fires it at that time.
 * Only a pending action has a due time left to change, and the time must not have passed. Audited from → to.
 */
export async function changeActionDueDate(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<ChangedDueDate> {
  const o = parseOptions(optionsSchema, input);
  const now = ctx.now();
  return runPlanChange(ctx, { ...o, target: { actionId: o.actionId } }, async (tx, { account, person }) => {
    const action = await tx.action.findUniqueOrThrow({
      where: { id: o.actionId },
      select: { id: true, name: true, status: true, dueAt: true },
    });
    if (action.status !== 'pending') {
      throw new AppError(
        'illegal_transition',
        `"${action.name}" has already fired (it is ${action.status.replace('_', ' ')}); only a pending action's due time can change.`,
      );
    }
    const day = calendarDayOf('date', o.date);
    const [hour, minute] = o.time.split(':').map(Number) as [number, number];
    const dueAt = fromLocalDateTime(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour,
        minute,
        second: 0,
        millisecond: 0,
      },
      account.calendar.timeZone,
    );
    if (dueAt.getTime() < now.getTime()) {
      throw fieldError(
        'date',
        `${formatLocalTime(dueAt, account.calendar.timeZone, now)} has passed; pick a time from now on.`,
      );
    }
    const updated = await tx.action.updateMany({
      where: { id: action.id, status: 'pending' },
      // A hold by the portal throttle is decided again when the new time comes.
      data: { dueAt, waitingReason: null },
    });
    if (updated.count !== 1)
      throw new AppError('conflict', `"${action.name}" fired while you were changing it; look again.`);
    await recordAuditEvent(tx, {
      organizationId: account.organizationId,
      accountId: account.id,
      entityType: 'action',
      entityId: action.id,
      actor: person.auditActor,
      from: action.dueAt?.toISOString() ?? null,
      to: dueAt.toISOString(),
      reason: 'due time changed by hand',
      data: { setting: 'dueAt' },
      at: now,
    });
    await refreshNextActionAt(tx, [account.id]);
    return { actionId: action.id, accountId: account.id, name: action.name, dueAt };
  });
}
