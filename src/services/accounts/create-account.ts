import { z } from 'zod';
import { businessCalendar } from '../../domain/business-days';
import { formatCalendarDate, toCalendarDate } from '../../domain/calendar-date';
import { instantiatePlan, type Plan } from '../../domain/plan';
import { assignContactRoles, CONTACT_ROLES, type ContactRole } from '../../domain/contact-rules';
import { checkEmailAddress } from '../../domain/email-address';
import { SLACK_CHANNEL_ID, SLACK_USER_ID } from '../../domain/slack-ids';
import { AppError, isAppError } from '../../lib/errors';
import { fieldErrors, type FieldProblem } from '../errors/field-errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { ServiceContext, Tx } from '../context';
import { crmFactsSchema } from '../hubspot/crm-facts';
import { toJsonInput } from '../json/stored-json';
import { refreshNextActionAt } from '../plan/refresh-next-action-at';
import { parseOptions } from '../errors/parse-options';
import { assertCapability, loadActingPerson, type ActingPerson } from '../people/acting-person';
import { accountActorSchema } from '../permissions/authorize-account-change';
import { loadTemplateSpec } from '../templates/load-template-spec';
import { ensureSlackUser } from '../users/ensure-slack-user';

const optionsSchema = z.object({
  organizationId: z.string().min(1),
  name: z.string().trim().min(1, 'the account needs a name').max(200, 'at most 200 characters'),
  templateName: z.string().trim().min(1, 'name the template the plan comes from'),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'expected a domain such as acme.io')
    .optional(),
  industry: z.string().trim().max(100).optional(),
  csmSlackUserId: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id such as U012ABCDEF')
    .optional(),
  aeSlackUserId: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id such as U012ABCDEF')
    .optional(),
  /**
   * An account executive who does not use Thread in Slack, by email: recorded as a person of the organisation who
   * is not a member (they answer the handoff through the web form's link). Not together with aeSlackUserId.
   */
  aeEmail: z.string().trim().toLowerCase().email('expected an email address').max(254).optional(),
  arr: z.number().int('ARR is a whole amount').min(0, 'ARR cannot be negative').max(1_000_000_000_000).default(0),
  contact: z
    .object({
      email: z.string().trim().toLowerCase().email('expected an email address'),
      name: z.string().trim().min(1).max(200).optional(),
    })
    .optional(),
  /**
   * More contacts (after `contact`, when both are given). The one whose role is primary is the primary contact,
   * otherwise the first; an address given twice is refused.
   */
  contacts: z
    .array(
      z.object({
        email: z.string(),
        name: z.string().trim().min(1).max(200).optional(),
        title: z.string().trim().max(200).optional(),
        role: z.enum(CONTACT_ROLES).optional(),
        slackUserId: z.string().regex(SLACK_USER_ID, 'expected a Slack user id such as U012ABCDEF').optional(),
        /** The HubSpot contact it came from (the HubSpot import), so a sync finds it again. */
        hubspotContactId: z.string().min(1).max(50).optional(),
      }),
    )
    .max(20, 'at most 20 contacts at once; add more from the account card')
    .default([]),
  /** The account's own CSM channel (review cards) and its Slack Connect or shared customer channel. */
  csmChannelId: z.string().regex(SLACK_CHANNEL_ID, 'expected a channel id such as C012ABCDEF').optional(),
  customerChannelId: z.string().regex(SLACK_CHANNEL_ID, 'expected a channel id such as C012ABCDEF').optional(),
  /** 'YYYY-MM-DD'; defaults to today in the organisation's timezone. */
  kickoffDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .optional(),
  /**
   * Created from the CRM at closed-won: the account waits for the AE's handoff (status pending_handoff). The plan is
   * instantiated with its planned dates, but no milestone is started and no action has a due time until the plan
   * starts (the handoff submitted, or the CSM starting it anyway).
   */
  pendingHandoff: z.boolean().default(false),
  /** Made from a HubSpot deal (services/hubspot): the deal (one account at most), its company and what it said. */
  hubspot: z
    .object({
      dealId: z.string().min(1).max(50),
      companyId: z.string().min(1).max(50).optional(),
      crmFacts: crmFactsSchema,
    })
    .optional(),
  /** A CSM or an admin (their role re-read here), or the operator's command line. */
  actor: accountActorSchema,
});

export type CreateAccountOptions = z.input<typeof optionsSchema>;

export interface CreatedAccount {
  id: string;
  name: string;
  milestones: number;
  actions: number;
  kickoffDate: string;
  goLiveDate: string;
}

function todayIn(timeZone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

interface NewContact {
  email: string;
  name: string;
  title: string | null;
  role: ContactRole;
  slackUserId: string | null;
  hubspotContactId: string | null;
}

interface GivenContact {
  /** Where it came from in the options, for field errors: "contact" or "contacts.1". */
  field: string;
  email: string;
  name?: string;
  title?: string;
  role?: ContactRole;
  slackUserId?: string;
  hubspotContactId?: string;
}

/** The contacts to create, each email checked and each given its role (one primary); every problem named by field. */
function planContacts(options: z.output<typeof optionsSchema>): NewContact[] {
  const given: GivenContact[] = [
    ...(options.contact ? [{ field: 'contact', ...options.contact }] : []),
    ...options.contacts.map((c, i) => ({ field: `contacts.${i}`, ...c })),
  ];
  const problems: FieldProblem[] = [];
  const checked = given.map((c) => {
    const email = checkEmailAddress(c.email);
    if (!email.ok) problems.push({ field: `${c.field}.email`, message: email.message });
    return { ...c, email: email.ok ? email.value : c.email };
  });
  if (problems.length > 0) throw fieldErrors(problems);
  const roles = assignContactRoles(checked);
  if (!roles.ok)
    throw fieldErrors([{ field: `${checked[roles.index]!.field}.${roles.field}`, message: roles.message }]);
  return checked.map((c, i) => ({
    email: c.email,
    name: c.name ?? nameFromEmail(c.email),
    title: c.title || null,
    role: roles.value[i]!,
    slackUserId: c.slackUserId ?? null,
    hubspotContactId: c.hubspotContactId ?? null,
  }));
}

function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/**
 * The account executive named by email (someone outside Thread): the person the organisation already has with that
 * address, else a new one who is not a member (they get the handoff form's link by email, never Slack access).
 */
async function ensureAeByEmail(
  tx: Tx,
  o: { organizationId: string; email: string; accountName: string; by: ActingPerson; at: Date },
) {
  const known = await tx.user.findUnique({
    where: { organizationId_email: { organizationId: o.organizationId, email: o.email } },
  });
  if (known) return known;
  const created = await tx.user.create({
    data: { organizationId: o.organizationId, email: o.email, name: nameFromEmail(o.email), role: 'ae' },
  });
  await recordAuditEvent(tx, {
    organizationId: o.organizationId,
    entityType: 'user',
    entityId: created.id,
    actor: o.by.auditActor,
    to: 'not added',
    reason: `named by email as the account executive of ${o.accountName} (no Thread access)`,
    at: o.at,
  });
  return created;
}

/** The plan as it waits for the handoff: the same milestones and planned dates, nothing started and nothing due. */
function notStarted(plan: Plan): Plan {
  return {
    ...plan,
    milestones: plan.milestones.map((m) => ({ ...m, status: 'pending', startedAt: null })),
    actions: plan.actions.map((a) => ({ ...a, dueAt: null })),
  };
}

/**
 * Creates an account with its plan instantiated from a template: milestones with planned dates, actions with
 * the due times that are known now. One transaction; an account name is unique within the organisation.
 */
export async function createAccount(ctx: ServiceContext, input: CreateAccountOptions): Promise<CreatedAccount> {
  const options = parseOptions(optionsSchema, input);
  const contacts = planContacts(options);
  // The organisation and whether the name is taken, in one round trip. The unique index on (organizationId, name)
  // still guards against a concurrent create, as it did when this check ran inside the transaction.
  const orgs = await ctx.prisma.$queryRaw<
    { id: string; timezone: string; workingDays: number[]; duplicate: boolean }[]
  >`
    SELECT o."id", o."timezone", o."workingDays",
           EXISTS (SELECT 1 FROM "Account" a WHERE a."organizationId" = o."id" AND a."name" = ${options.name}) AS "duplicate"
    FROM "Organization" o WHERE o."id" = ${options.organizationId}`;
  const org = orgs[0];
  if (!org) throw new AppError('not_found', `organisation ${options.organizationId} does not exist`);
  const person = await loadActingPerson(ctx.prisma, org.id, options.actor);
  assertCapability(person, 'create_accounts', 'create accounts');
  if (options.aeSlackUserId && options.aeEmail) {
    const message = 'name the account executive in Slack or by email, not both';
    throw new AppError('validation_failed', message, { fields: [{ field: 'aeEmail', message }] });
  }

  const kickoff = options.kickoffDate ?? todayIn(org.timezone, ctx.now());
  try {
    toCalendarDate(kickoff);
  } catch {
    const message = `${kickoff} is not a real date`;
    throw new AppError('validation_failed', `kickoffDate: ${message}`, { fields: [{ field: 'kickoffDate', message }] });
  }

  if (org.duplicate) {
    const message = `an account named "${options.name}" already exists`;
    throw new AppError('conflict', message, { fields: [{ field: 'name', message }] });
  }

  return ctx.prisma.$transaction(async (tx) => {
    const template = await loadTemplateSpec(tx, { organizationId: org.id, name: options.templateName }).catch(
      (error: unknown) => {
        // The template is one of this use case's inputs: a missing one is named as that field.
        if (!(isAppError(error) && error.code === 'not_found')) throw error;
        throw new AppError('not_found', error.message, {
          fields: [{ field: 'templateName', message: error.message }],
          cause: error,
        });
      },
    );
    const instantiated = instantiatePlan(template.spec, {
      kickoffDate: kickoff,
      calendar: businessCalendar(org.timezone, org.workingDays),
      now: ctx.now(),
    });
    const plan = options.pendingHandoff ? notStarted(instantiated) : instantiated;
    const status = options.pendingHandoff ? 'pending_handoff' : 'active';
    const named = { organizationId: org.id, by: person, at: ctx.now() };
    const csm = options.csmSlackUserId
      ? await ensureSlackUser(tx, {
          ...named,
          slackUserId: options.csmSlackUserId,
          role: 'csm',
          why: `as the CSM of ${options.name}`,
        })
      : null;
    const ae = options.aeSlackUserId
      ? await ensureSlackUser(tx, {
          ...named,
          slackUserId: options.aeSlackUserId,
          role: 'ae',
          why: `as the account executive of ${options.name}`,
        })
      : options.aeEmail
        ? await ensureAeByEmail(tx, { ...named, email: options.aeEmail, accountName: options.name })
        : null;

    const account = await tx.account.create({
      data: {
        organizationId: org.id,
        name: options.name,
        domain: options.domain,
        industry: options.industry,
        arr: options.arr,
        status,
        csmId: csm?.id,
        aeId: ae?.id,
        templateId: template.id,
        templateVersion: template.version,
        kickoffDate: toCalendarDate(kickoff),
        goLiveDate: plan.goLiveDate,
        slackCsmChannelId: options.csmChannelId,
        slackCustomerChannelId: options.customerChannelId,
        ...(options.hubspot
          ? {
              hubspotDealId: options.hubspot.dealId,
              hubspotCompanyId: options.hubspot.companyId,
              crmFacts: toJsonInput(options.hubspot.crmFacts),
            }
          : {}),
      },
      // Only what is used below: a nested contact create would make Prisma read the account back afterwards.
      select: { id: true, name: true },
    });
    if (contacts.length > 0) {
      await tx.contact.createMany({
        data: contacts.map((c) => ({ ...c, accountId: account.id, isPrimary: c.role === 'primary' })),
      });
    }
    // The ids come back from the insert itself, so the actions can point at their milestones without reading them.
    const created = await tx.milestone.createManyAndReturn({
      data: plan.milestones.map((m) => ({
        accountId: account.id,
        position: m.position,
        name: m.name,
        status: m.status,
        plannedDays: m.plannedDays,
        exitCriteria: m.exitCriteria,
        plannedStartDate: m.plannedStartDate,
        plannedEndDate: m.plannedEndDate,
        startedAt: m.startedAt,
      })),
      select: { id: true, position: true },
    });
    const milestoneIds = created.sort((a, b) => a.position - b.position).map((m) => m.id);
    await tx.action.createMany({
      data: plan.actions.map((a) => ({
        accountId: account.id,
        milestoneId: milestoneIds[a.milestoneIndex]!,
        position: a.position,
        key: a.key,
        name: a.name,
        type: a.type,
        triggerKind: a.triggerKind,
        delayDays: a.delayDays,
        afterActionKey: a.afterActionKey,
        dueAt: a.dueAt,
        instructions: a.instructions,
        purpose: a.purpose,
        defaultSubject: a.defaultSubject,
        defaultBody: a.defaultBody,
        formFields: a.formFields ? toJsonInput(a.formFields) : undefined,
      })),
    });
    // From the rows just written, by the same statement every later change uses, so the rule lives in one place.
    await refreshNextActionAt(tx, [account.id]);
    await recordAuditEvent(tx, {
      organizationId: org.id,
      accountId: account.id,
      entityType: 'account',
      entityId: account.id,
      actor: person.auditActor,
      to: status,
      reason: `created from template "${template.spec.name}" v${template.version}`,
      data: {
        contacts: contacts.map((c) => ({ email: c.email, role: c.role })),
        ...(options.csmChannelId ? { csmChannelId: options.csmChannelId } : {}),
        ...(options.customerChannelId ? { customerChannelId: options.customerChannelId } : {}),
        ...(options.hubspot ? { hubspotDealId: options.hubspot.dealId } : {}),
      },
      at: ctx.now(),
    });
    return {
      id: account.id,
      name: account.name,
      milestones: plan.milestones.length,
      actions: plan.actions.length,
      kickoffDate: kickoff,
      goLiveDate: formatCalendarDate(plan.goLiveDate),
    };
  });
}
