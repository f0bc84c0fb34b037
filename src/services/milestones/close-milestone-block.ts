import type { Tx } from '../context';

/**
 * Ends the milestone's open block (MilestoneBlock) at `at`: on unblock, and on completion so a block can never
 * outlive its milestone in the slip ledger. Nothing to do when none is open.
 */
export async function closeMilestoneBlock(tx: Tx, o: { milestoneId: string; at: Date }): Promise<void> {
  await tx.milestoneBlock.updateMany({ where: { milestoneId: o.milestoneId, endedAt: null }, data: { endedAt: o.at } });
}
