import { z } from 'zod';

/** Who asks for a change, as the permission check needs it. */
export const managingActorSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(['admin', 'csm', 'ae', 'viewer']),
});
