/**
 * The `/thread new` modal's state, read and checked (it is outside input), and createAccount's option names mapped
 * onto the modal's blocks so each of its field errors shows under the field that caused it.
 */
import { z } from 'zod';
import { CONTACT_ROLES, type ContactRole } from '../../../domain/contact-rules';
import { AE_HANDS_OVER } from '../../blocks/new-account-modal';
import { NEW_ACCOUNT_FIELDS as F } from '../../ids';

const stateSchema = z.object({
  values: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        value: z.string().nullish(),
        selected_option: z.object({ value: z.string() }).nullish(),
        selected_user: z.string().nullish(),
        selected_date: z.string().nullish(),
        selected_conversation: z.string().nullish(),
        selected_options: z.array(z.object({ value: z.string() })).nullish(),
      }),
    ),
  ),
});

export interface NewAccountInput {
  name: string;
  domain?: string;
  templateName: string;
  csmSlackUserId?: string;
  aeSlackUserId?: string;
  aeEmail?: string;
  /** The AE hands the account over first: it waits for the handoff (createAccount's pendingHandoff). */
  pendingHandoff: boolean;
  arr?: number;
  /** The primary contact's inputs first, then the second contact's. */
  contacts: { email: string; name?: string; role?: ContactRole }[];
  /** Where the account's review cards go; empty: the organisation's default. */
  csmChannelId?: string;
  customerChannelId?: string;
  kickoffDate?: string;
}

const roleSchema = z.enum(CONTACT_ROLES);

type Element = z.infer<typeof stateSchema>['values'][string][string];

/** Reads the modal; problems the service cannot name (ARR that is not a number, a name without an email) come back here. */
export function readNewAccountInput(view: { state: unknown }): {
  input: NewAccountInput;
  errors: Record<string, string>;
} {
  const state = stateSchema.safeParse(view.state);
  const values = state.success ? state.data.values : {};
  const el = (id: string): Element | undefined => values[id]?.[id];
  const text = (id: string) => el(id)?.value?.trim() ?? '';
  const errors: Record<string, string> = {};

  const arrText = text(F.arr)
    .replace(/[,\s_]/g, '')
    .replace(/^\$/, '');
  let arr: number | undefined;
  if (arrText) {
    if (!/^\d+$/.test(arrText)) errors[F.arr] = 'ARR is a whole amount, e.g. 120000.';
    else arr = Number(arrText);
  }
  const contactEmail = text(F.contactEmail);
  const contactName = text(F.contactName);
  if (contactName && !contactEmail)
    errors[F.contactEmail] = 'Add the contact’s email (the portal link and emails go there).';
  const secondEmail = text(F.secondContactEmail);
  const secondName = text(F.secondContactName);
  const secondRole = roleSchema.safeParse(el(F.secondContactRole)?.selected_option?.value);
  if ((secondName || secondRole.success) && !secondEmail)
    errors[F.secondContactEmail] = 'Add the second contact’s email, or leave the second contact empty.';
  if (secondEmail && !contactEmail)
    errors[F.contactEmail] = 'Add the primary contact first; the second contact comes after them.';
  const aeSlackUserId = el(F.ae)?.selected_user ?? undefined;
  const aeEmail = text(F.aeEmail) || undefined;
  const pendingHandoff = (el(F.aeHandsOver)?.selected_options ?? []).some((o) => o.value === AE_HANDS_OVER);
  if (pendingHandoff && !aeSlackUserId && !aeEmail)
    errors[F.aeHandsOver] = 'Name the account executive who hands it over: in Slack above, or by email.';
  if (aeSlackUserId && aeEmail) errors[F.aeEmail] = 'Name the account executive in Slack or by email, not both.';
  const contacts: NewAccountInput['contacts'] = [];
  if (contactEmail) contacts.push({ email: contactEmail, name: contactName || undefined });
  if (secondEmail) {
    contacts.push({
      email: secondEmail,
      name: secondName || undefined,
      role: secondRole.success ? secondRole.data : undefined,
    });
  }

  return {
    input: {
      name: text(F.name),
      domain: text(F.domain) || undefined,
      templateName: el(F.template)?.selected_option?.value ?? '',
      csmSlackUserId: el(F.csm)?.selected_user ?? undefined,
      aeSlackUserId,
      aeEmail,
      pendingHandoff,
      arr,
      contacts,
      csmChannelId: el(F.csmChannel)?.selected_conversation ?? undefined,
      customerChannelId: el(F.customerChannel)?.selected_conversation ?? undefined,
      kickoffDate: el(F.kickoff)?.selected_date ?? undefined,
    },
    errors,
  };
}

/** createAccount's option names (the `field` of its field errors) → the block that holds each. */
export const NEW_ACCOUNT_BLOCK_OF_FIELD: Record<string, string> = {
  name: F.name,
  domain: F.domain,
  templateName: F.template,
  csmSlackUserId: F.csm,
  aeSlackUserId: F.ae,
  aeEmail: F.aeEmail,
  pendingHandoff: F.aeHandsOver,
  arr: F.arr,
  'contact.email': F.contactEmail,
  'contact.name': F.contactName,
  'contacts.0.email': F.contactEmail,
  'contacts.0.name': F.contactName,
  'contacts.0.role': F.contactEmail,
  'contacts.1.email': F.secondContactEmail,
  'contacts.1.name': F.secondContactName,
  'contacts.1.role': F.secondContactRole,
  csmChannelId: F.csmChannel,
  customerChannelId: F.customerChannel,
  kickoffDate: F.kickoff,
};
