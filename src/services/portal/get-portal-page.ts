import { parseFormFields } from '../../domain/portal-form';
import type { FormField } from '../../domain/template';
import type { ServiceContext } from '../context';
import { loadPortalFrame, type PortalFrame } from './load-portal-frame';
import { portalRequestIntro } from './portal-request-text';
import type { PortalSession } from './resolve-portal-token';

export type PortalRequestKind = 'form' | 'document';

export interface PortalMilestoneView {
  id: string;
  name: string;
  status: 'pending' | 'in_progress' | 'blocked' | 'completed';
  plannedStartDate: Date;
  plannedEndDate: Date;
  completedAt: Date | null;
  /** Only while blocked: what the milestone waits on, in the CSM's words. */
  blockerNote: string | null;
}

export interface PortalRequestView {
  id: string;
  kind: PortalRequestKind;
  title: string;
  intro: string | null;
  /** Why it is needed. */
  purpose: string;
  milestoneName: string;
  requestedAt: Date | null;
  /** The end of the milestone the request belongs to. */
  neededBy: Date;
  formFields: FormField[];
}

export interface PortalCompletedView {
  id: string;
  kind: PortalRequestKind;
  title: string;
  completedAt: Date;
}

export interface PortalPage {
  frame: PortalFrame;
  progressPct: number;
  milestones: PortalMilestoneView[];
  requests: PortalRequestView[];
  recentlyCompleted: PortalCompletedView[];
}

const RECENT_LIMIT = 5;

export function requestKind(type: string): PortalRequestKind {
  return type === 'portal_document' ? 'document' : 'form';
}

/**
 * Everything the customer's home page shows. Only portal requests that were published (executed) are asked of
 * the customer; pending and ready ones are the CSM's business until then.
 */
export async function getPortalPage(ctx: ServiceContext, options: { session: PortalSession }): Promise<PortalPage> {
  const frame = await loadPortalFrame(ctx, options.session);
  const accountId = options.session.accountId;
  const [milestones, open, done] = await Promise.all([
    ctx.prisma.milestone.findMany({
      where: { accountId },
      orderBy: { position: 'asc' },
      select: { id: true, name: true, status: true, plannedStartDate: true, plannedEndDate: true, completedAt: true, blockerNote: true },
    }),
    ctx.prisma.action.findMany({
      where: { accountId, status: 'executed', type: { in: ['portal_form', 'portal_document'] } },
      orderBy: { position: 'asc' },
      select: {
        id: true,
        type: true,
        name: true,
        purpose: true,
        draftBody: true,
        defaultBody: true,
        executedAt: true,
        formFields: true,
        milestone: { select: { name: true, plannedEndDate: true } },
      },
    }),
    ctx.prisma.action.findMany({
      where: { accountId, status: 'completed', type: { in: ['portal_form', 'portal_document'] }, completedAt: { not: null } },
      orderBy: { completedAt: 'desc' },
      take: RECENT_LIMIT,
      select: { id: true, type: true, name: true, completedAt: true },
    }),
  ]);
  const completedCount = milestones.filter((m) => m.status === 'completed').length;
  return {
    frame,
    progressPct: milestones.length === 0 ? 0 : Math.round((completedCount / milestones.length) * 100),
    milestones: milestones.map((m) => ({ ...m, blockerNote: m.status === 'blocked' ? (m.blockerNote?.trim() || null) : null })),
    requests: open.map((a) => ({
      id: a.id,
      kind: requestKind(a.type),
      title: a.name,
      intro: portalRequestIntro(frame, a),
      purpose: a.purpose,
      milestoneName: a.milestone.name,
      requestedAt: a.executedAt,
      neededBy: a.milestone.plannedEndDate,
      formFields: a.type === 'portal_form' ? parseFormFields(a.formFields) : [],
    })),
    recentlyCompleted: done.map((a) => ({ id: a.id, kind: requestKind(a.type), title: a.name, completedAt: a.completedAt! })),
  };
}
