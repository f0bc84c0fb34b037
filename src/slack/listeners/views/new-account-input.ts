/**
 * The `/thread new` modal's state, read and checked (it is outside input), and createAccount's validation
 * messages mapped back onto the modal's blocks so each problem shows under the field that caused it.
 */
import { z } from 'zod';
import { isAppError } from '../../../lib/errors';
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
export function readNewAccountInput(view: { state?: unknown }): {
  input: NewAccountInput;
  errors: Record<string, string>;
} {
  const state = stateSchema.safeParse(view.state ?? { values: {} });
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

/** createAccount's option paths (as its validation messages name them) → the block that holds each field. */
const BLOCK_OF_PATH: Record<string, string> = {
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

/** Slack shows at most a short line under a field. */
const MAX_ERROR = 300;

function sentence(text: string): string {
  const s = text.trim();
  const cut = s.length > MAX_ERROR - 1 ? `${s.slice(0, MAX_ERROR - 2)}…` : s;
  return `${cut.charAt(0).toUpperCase()}${cut.slice(1)}${/[.…!?]$/.test(cut) ? '' : '.'}`;
}

/**
 * Inline errors for a failed createAccount, or null when the failure belongs to no field (the caller then shows
 * it in place of the modal). Validation details read "path: message"; a duplicate name and an unknown template
 * are named by their error code and message.
 */
export function fieldErrorsFor(error: unknown): Record<string, string> | null {
  if (!isAppError(error)) return null;
  if (error.code === 'validation_failed') {
    const details = Array.isArray(error.details)
      ? (error.details as unknown[]).filter((d): d is string => typeof d === 'string')
      : [error.message];
    const errors: Record<string, string> = {};
    for (const detail of details.length ? details : [error.message]) {
      const colon = detail.indexOf(': ');
      const path = colon === -1 ? '' : detail.slice(0, colon);
      const block = BLOCK_OF_PATH[path];
      if (!block) return null;
      errors[block] ??= sentence(detail.slice(colon + 2));
    }
    return Object.keys(errors).length ? errors : null;
  }
  if (error.code === 'conflict' && /account named/.test(error.message)) return { [F.name]: sentence(error.message) };
  if (error.code === 'not_found' && /template/i.test(error.message)) return { [F.template]: sentence(error.message) };
  return null;
}
