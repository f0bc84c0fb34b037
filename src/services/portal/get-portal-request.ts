import { parseFormFields } from '../../domain/portal-form';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { requestKind, type PortalRequestView } from './get-portal-page';
import { loadPortalFrame, type PortalFrame } from './load-portal-frame';
import { portalRequestIntro } from './portal-request-text';
import type { PortalSession } from './resolve-portal-token';

export interface PortalRequestPage {
  frame: PortalFrame;
  request: PortalRequestView;
  /** open: waiting for the customer; completed: already answered (shown as a thank-you, not a form). */
  state: 'open' | 'completed';
  completedAt: Date | null;
}

/**
 * One request on its own page. Requests of another account, and ones not published yet, are "not found": the
 * customer cannot learn about them by guessing ids.
 */
export async function getPortalRequest(
  ctx: ServiceContext,
  options: { session: PortalSession; actionId: string },
): Promise<PortalRequestPage> {
  const action = await ctx.prisma.action.findFirst({
    where: {
      id: options.actionId,
      accountId: options.session.accountId,
      type: { in: ['portal_form', 'portal_document'] },
      status: { in: ['executed', 'completed'] },
    },
    select: {
      id: true,
      type: true,
      name: true,
      status: true,
      purpose: true,
      draftBody: true,
      defaultBody: true,
      executedAt: true,
      completedAt: true,
      formFields: true,
      milestone: { select: { name: true, plannedEndDate: true } },
    },
  });
  if (!action) throw new AppError('not_found', 'there is no such request in this portal');
  const frame = await loadPortalFrame(ctx, options.session);
  return {
    frame,
    state: action.status === 'completed' ? 'completed' : 'open',
    completedAt: action.completedAt,
    request: {
      id: action.id,
      kind: requestKind(action.type),
      title: action.name,
      intro: portalRequestIntro(frame, action),
      purpose: action.purpose,
      milestoneName: action.milestone.name,
      requestedAt: action.executedAt,
      neededBy: action.milestone.plannedEndDate,
      formFields: action.type === 'portal_form' ? parseFormFields(action.formFields) : [],
    },
  };
}
