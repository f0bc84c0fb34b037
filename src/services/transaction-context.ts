/**
 * A service context whose database is an open transaction, so a use case can call other services and have their
 * writes commit or roll back with its own: accepting a handoff finding applies its fix (add a plan action, a
 * contact, …) through the services that own those changes, and records the decision, all or nothing.
 *
 * A service called this way opens "its" transaction with `ctx.prisma.$transaction(fn)` as usual; here that runs
 * `fn` in the caller's transaction instead of a new one (Prisma does not nest interactive transactions). Row locks
 * it takes are the caller's, so taking the same lock again is fine.
 */
import type { PrismaClient } from '../db/generated/client';
import type { ServiceContext, Tx } from './context';

export function serviceContextIn(ctx: ServiceContext, tx: Tx): ServiceContext {
  const joined: Tx = new Proxy(tx, {
    get(target, property) {
      if (property === '$transaction') return joinTransaction;
      return Reflect.get(target, property) as unknown;
    },
  });
  async function joinTransaction(work: unknown): Promise<unknown> {
    if (typeof work === 'function') return (work as (tx: Tx) => Promise<unknown>)(joined);
    if (Array.isArray(work)) {
      const results: unknown[] = [];
      // A batch is a list of queries already made on this client: run them in order, in this transaction.
      for (const query of work) results.push(await (query as Promise<unknown>));
      return results;
    }
    throw new Error('$transaction needs a function or a list of queries');
  }
  // The transaction client lacks only $connect, $disconnect, $on, $transaction and $extends; no service calls the
  // first four, and $transaction is the join above.
  return { ...ctx, prisma: joined as unknown as PrismaClient };
}
