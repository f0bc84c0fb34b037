import { z } from 'zod';
import { customerEmailSender, type CustomerEmailSender } from '../../domain/person-profile';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  /** The CSM the email goes out as (the account's CSM). */
  userId: z.string().min(1),
});

/**
 * The name and Reply-To customer email goes out with, for the email sender. A CSM with neither a Slack email nor
 * a reply-to address cannot send customer email: refused (not_configured) with the sentence saying to set it,
 * under the replyToEmail field (details: whose address) so the Slack layer can open the modal that asks for it.
 */
export async function getCustomerEmailSender(
  ctx: ServiceContext,
  input: z.input<typeof optionsSchema>,
): Promise<CustomerEmailSender> {
  const o = parseOptions(optionsSchema, input);
  const user = await ctx.prisma.user.findFirst({
    where: { id: o.userId, organizationId: o.organizationId },
    select: { name: true, email: true, replyToEmail: true },
  });
  const sender = senderOrRefusal(o.userId, user);
  if (sender instanceof AppError) throw sender;
  return sender;
}

/** The same decision for a person already read (null: not in the organisation), the refusal returned, not thrown. */
export function senderOrRefusal(
  userId: string,
  user: { name: string; email: string | null; replyToEmail: string | null } | null,
): CustomerEmailSender | AppError {
  if (!user) return new AppError('not_found', 'that person is not in this organisation.');
  const sender = customerEmailSender(user);
  if (sender.ok) return sender.value;
  return new AppError('not_configured', sender.message, {
    details: { userId },
    fields: [{ field: 'replyToEmail', message: sender.message }],
  });
}
