/**
 * The `/thread new` modal's state, read and checked (it is outside input), and createAccount's option names mapped
 * onto the modal's blocks so each of its field errors shows under the field that caused it.
 */
import { z } from 'zod';
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
  arr?: number;
  contact?: { email: string; name?: string };
  kickoffDate?: string;
}

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

  return {
    input: {
      name: text(F.name),
      domain: text(F.domain) || undefined,
      templateName: el(F.template)?.selected_option?.value ?? '',
      csmSlackUserId: el(F.csm)?.selected_user ?? undefined,
      aeSlackUserId: el(F.ae)?.selected_user ?? undefined,
      arr,
      contact: contactEmail ? { email: contactEmail, name: contactName || undefined } : undefined,
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
  arr: F.arr,
  'contact.email': F.contactEmail,
  'contact.name': F.contactName,
  kickoffDate: F.kickoff,
};
