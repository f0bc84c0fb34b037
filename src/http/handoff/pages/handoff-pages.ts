/**
 * The AE's handoff form on the web (for an AE without Thread access), branded like the portal and built from the
 * same parts: the layout, escaping by default, labelled fields with their help and errors tied by aria, an error
 * summary that links to each field. One page for the form, one for every message (thanks, already submitted, a dead
 * link, too many attempts).
 */
import type { HandoffForm } from '../../../services/handoff/get-handoff-form';
import type { HandoffQuestionView } from '../../../services/handoff/handoff-question-view';
import { HANDOFF_LIMITS } from '../../../domain/handoff-questions';
import { CSRF_FIELD } from '../../portal/csrf';
import { formatCalendarDay } from '../../portal/format';
import { html, type SafeHtml } from '../../portal/html';
import { layout } from '../../portal/layout';

export type HandoffValues = Record<string, string | string[] | undefined>;

export const HANDOFF_SITE = {
  label: 'Sales handoff',
  footer: 'This handoff form is private to you: please do not forward its link.',
};

type Brand = { name: string; logoUrl: string | null; color: string };

function fieldId(key: string): string {
  return `q-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function chosen(values: HandoffValues, key: string): string[] {
  const v = values[key];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => x !== '');
}

function one(values: HandoffValues, key: string): string {
  return chosen(values, key).at(-1) ?? '';
}

/** One question: its label, help, error and control; what was typed (or pre-filled) is kept. */
function renderQuestion(q: HandoffQuestionView, values: HandoffValues, error: string | undefined): SafeHtml {
  const id = fieldId(q.key);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [q.helpText ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const aria = html`${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  const label = html`${q.label}${q.required ? '' : html` <span class="optional">(optional)</span>`}`;
  const help = q.helpText ? html`<p class="field__help" id="${helpId}">${q.helpText}</p>` : '';
  const errorLine = error
    ? html`<p class="field__error" id="${errorId}"><span class="visually-hidden">Error: </span>${error}</p>`
    : '';
  const required = q.required ? html` required aria-required="true"` : '';

  const group = (type: 'radio' | 'checkbox', options: readonly { value: string; label: string }[]) => {
    const picked = chosen(values, q.key);
    return html`<fieldset class="field field--group${error ? ' field--error' : ''}" id="${id}"${aria}>
  <legend class="field__label">${label}</legend>
  ${help}
  ${errorLine}
  ${options.map(
    (o, i) =>
      html`<div class="checkbox"><input type="${type}" id="${id}-${i}" name="${q.key}" value="${o.value}"${picked.includes(o.value) ? html` checked` : ''}><label for="${id}-${i}">${o.label}</label></div>`,
  )}
</fieldset>`;
  };

  switch (q.kind) {
    case 'yes_no':
      return group('radio', [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ]);
    case 'multiple_choice':
      return group(
        'checkbox',
        q.options.map((o) => ({ value: o, label: o })),
      );
    case 'single_choice':
      if (q.options.length <= 10)
        return group(
          'radio',
          q.options.map((o) => ({ value: o, label: o })),
        );
      break;
    default:
      break;
  }

  const value = one(values, q.key);
  const common = html` id="${id}" name="${q.key}"${aria}${required}`;
  let control: SafeHtml;
  switch (q.kind) {
    case 'long_text':
      control = html`<textarea rows="6" maxlength="${HANDOFF_LIMITS.longTextAnswer}"${common}>${value}</textarea>`;
      break;
    case 'single_choice':
      control = html`<select${common}><option value="">Choose…</option>${q.options.map((o) => html`<option value="${o}"${o === value ? html` selected` : ''}>${o}</option>`)}</select>`;
      break;
    case 'date':
      control = html`<input type="date" value="${value}"${common}>`;
      break;
    case 'number':
      control = html`<input type="text" inputmode="decimal" value="${value}"${common}>`;
      break;
    default:
      control = html`<input type="text" maxlength="${HANDOFF_LIMITS.textAnswer}" value="${value}"${common}>`;
  }
  return html`<div class="field${error ? ' field--error' : ''}">
  <label class="field__label" for="${id}">${label}</label>
  ${help}
  ${errorLine}
  ${control}
</div>`;
}

function errorSummary(questions: readonly HandoffQuestionView[], errors: Record<string, string>): SafeHtml {
  const items = questions.filter((q) => errors[q.key]);
  if (items.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">Please check your answers</h2>
  <ul>${items.map((q) => html`<li><a href="#${fieldId(q.key)}">${q.label}: ${errors[q.key]}</a></li>`)}</ul>
</div>`;
}

export interface HandoffFormPageOptions {
  base: string;
  nonce: string;
  token: string;
  csrfToken: string;
  form: HandoffForm;
  values?: HandoffValues;
  /** Question key → message. */
  errors?: Record<string, string>;
}

export function handoffFormPage(o: HandoffFormPageOptions): SafeHtml {
  const { form } = o;
  const errors = o.errors ?? {};
  // The CRM's pre-fill shows until the AE has sent the form once; after that, what they sent.
  const values: HandoffValues = o.values ?? form.prefill;
  const body = html`<article class="card request-page" aria-labelledby="page-title">
  <p class="eyebrow">Sales handoff</p>
  <h1 id="page-title">Handoff for ${form.accountName}</h1>
  <div class="intro"><p>${form.csmName ?? 'The onboarding team'} at ${form.organizationName} is starting the onboarding of ${form.accountName}. Please tell us what was sold and promised.${form.startsPlan ? ' The onboarding plan starts once you submit.' : ''}</p>
  ${form.prefilledFromCrm ? html`<p class="muted">Some answers are pre-filled from the deal in HubSpot: please check them.</p>` : ''}</div>
  ${errorSummary(form.questions, errors)}
  <form class="form" method="post" action="${o.base}/${o.token}" novalidate>
    <input type="hidden" name="${CSRF_FIELD}" value="${o.csrfToken}">
    ${form.questions.map((q) => renderQuestion(q, values, errors[q.key]))}
    <div class="form__actions"><button class="button" type="submit">Submit handoff</button></div>
  </form>
</article>`;
  return layout({
    title: `Handoff for ${form.accountName}`,
    base: o.base,
    nonce: o.nonce,
    brand: brandOf(form),
    site: HANDOFF_SITE,
    body,
  });
}

function brandOf(form: HandoffForm): Brand {
  return { name: form.organization.name, logoUrl: form.organization.logoUrl, color: form.organization.brandColor };
}

export interface HandoffMessageOptions {
  base: string;
  nonce: string;
  title: string;
  lead: string;
  detail?: string;
  brand?: Brand;
  success?: boolean;
}

export function handoffMessagePage(o: HandoffMessageOptions): SafeHtml {
  return layout({
    title: o.title,
    base: o.base,
    nonce: o.nonce,
    brand: o.brand,
    site: HANDOFF_SITE,
    body: html`<section class="card card--message" aria-labelledby="message-title">
  <h1 id="message-title">${o.title}</h1>
  <p class="lead">${o.lead}</p>
  ${o.detail ? html`<p>${o.detail}</p>` : ''}
</section>`,
  });
}

/** After a submission, and whenever the link is opened again: who submitted it and when. */
export function handoffDonePage(o: { base: string; nonce: string; form: HandoffForm; justNow: boolean }): SafeHtml {
  const s = o.form.submitted;
  const when = s ? formatCalendarDay(s.at) : '';
  return handoffMessagePage({
    base: o.base,
    nonce: o.nonce,
    brand: brandOf(o.form),
    title: o.justNow ? 'Thank you: the handoff is in' : 'This handoff is already in',
    lead: o.justNow
      ? `Your handoff for ${o.form.accountName} reached ${o.form.csmName ?? 'the onboarding team'}.`
      : `The handoff for ${o.form.accountName} was already submitted${s ? ` by ${s.byName} on ${when}` : ''}. Thank you: nothing more is needed.`,
    detail: 'You can close this page.',
  });
}

/** The same page for unknown, replaced and expired links, so it reveals nothing about which it was. */
export function handoffLinkProblemPage(o: { base: string; nonce: string }): SafeHtml {
  return handoffMessagePage({
    ...o,
    title: 'This link is not working',
    lead: 'The link may have expired or been replaced by a newer one (a reminder email carries a fresh link).',
    detail: 'Please ask the customer success manager who asked for the handoff to send it again.',
  });
}

export function handoffTooManyAttemptsPage(o: { base: string; nonce: string; retryAfterSeconds: number }): SafeHtml {
  const minutes = Math.max(1, Math.ceil(o.retryAfterSeconds / 60));
  return handoffMessagePage({
    ...o,
    title: 'Too many attempts',
    lead: `Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try your link again.`,
  });
}

/** Extra rules the handoff form needs beyond the portal's stylesheet: question groups. */
export const HANDOFF_CSS = `fieldset.field{border:0;margin:0;padding:0;min-width:0}
fieldset.field legend{padding:0;margin-bottom:.35rem}
.field--group .checkbox{margin:.2rem 0}
input[type=radio]{width:22px;height:22px;margin:.15rem 0 0;accent-color:var(--brand)}
`;
