import type { ServiceContext } from '../context';

/** Gives a job lease back as soon as the run ends, so the next tick anywhere does not wait for it to expire. */
export async function releaseJobLease(ctx: ServiceContext, options: { name: string; holder: string }): Promise<void> {
  await ctx.prisma.jobLease.deleteMany({ where: { name: options.name, holder: options.holder } });
}
