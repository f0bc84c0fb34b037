import type { Database } from '../../src/db/client';

/**
 * `count` pending actions the scheduler would fire as soon as they are due: not manual (those wait for a person) and
 * not portal requests (the throttle could hold them). Those with a due time first. `setting` names the variable to
 * lower when there are too few.
 */
export async function pickActionsToMakeDue(db: Database, count: number, setting: string): Promise<string[]> {
  const picked = await db.prisma.action.findMany({
    where: { status: 'pending', triggerKind: { not: 'manual' }, type: { notIn: ['portal_form', 'portal_document'] } },
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    take: count,
    select: { id: true },
  });
  if (picked.length < count)
    throw new Error(`only ${picked.length} pending actions could be made due; lower ${setting}`);
  return picked.map((p) => p.id);
}
