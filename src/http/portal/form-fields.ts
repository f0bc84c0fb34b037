import type { FormField } from '../../domain/template';
import { html, type SafeHtml } from './html';

export type FieldValues = Record<string, string | string[] | undefined>;

/** Field ids come from template keys; keep them to characters that are safe in an id and a fragment link. */
export function fieldId(key: string): string {
  return `field-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function current(values: FieldValues, key: string): string {
  const v = values[key];
  return Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '');
}

/** One labelled field; its help and error are tied to it by aria-describedby, and what was typed is kept. */
export function renderField(field: FormField, values: FieldValues, error: string | undefined): SafeHtml {
  const id = fieldId(field.key);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [field.help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const value = current(values, field.key);
  const common = html` id="${id}" name="${field.key}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}${field.required ? html` required aria-required="true"` : ''}`;
  const label = html`${field.label}${field.required ? '' : html` <span class="optional">(optional)</span>`}`;
  const help = field.help ? html`<p class="field__help" id="${helpId}">${field.help}</p>` : '';
  const errorLine = error
    ? html`<p class="field__error" id="${errorId}"><span class="visually-hidden">Error: </span>${error}</p>`
    : '';

  if (field.kind === 'checkbox') {
    const checked = value !== '' && value !== 'false' && value !== 'off';
    return html`<div class="field field--checkbox${error ? ' field--error' : ''}">
  ${errorLine}
  <div class="checkbox"><input type="checkbox" value="yes"${common}${checked ? html` checked` : ''}><label for="${id}">${label}</label></div>
  ${help}
</div>`;
  }

  let control: SafeHtml;
  switch (field.kind) {
    case 'long_text':
      control = html`<textarea rows="5" maxlength="10000"${common}>${value}</textarea>`;
      break;
    case 'select':
      control = html`<select${common}><option value="">Choose…</option>${(field.options ?? []).map((opt) => html`<option value="${opt}"${opt === value ? html` selected` : ''}>${opt}</option>`)}</select>`;
      break;
    case 'email':
      control = html`<input type="email" autocomplete="email" spellcheck="false" value="${value}"${common}>`;
      break;
    case 'url':
      control = html`<input type="url" inputmode="url" spellcheck="false" placeholder="https://" value="${value}"${common}>`;
      break;
    case 'number':
      control = html`<input type="text" inputmode="decimal" value="${value}"${common}>`;
      break;
    case 'date':
      control = html`<input type="date" value="${value}"${common}>`;
      break;
    default:
      control = html`<input type="text" maxlength="1000" value="${value}"${common}>`;
  }
  return html`<div class="field${error ? ' field--error' : ''}">
  <label class="field__label" for="${id}">${label}</label>
  ${help}
  ${errorLine}
  ${control}
</div>`;
}

/** The list at the top of a form with errors: each links to its field, read out as soon as the page loads. */
export function errorSummary(fields: readonly FormField[], errors: Record<string, string>): SafeHtml {
  const items = fields.filter((f) => errors[f.key]);
  const other = errors._form;
  if (items.length === 0 && !other) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${items.length > 0 ? 'Please check your answers' : 'That did not work'}</h2>
  <ul>${items.map((f) => html`<li><a href="#${fieldId(f.key)}">${f.label}: ${errors[f.key]}</a></li>`)}${other ? html`<li>${other}</li>` : ''}</ul>
</div>`;
}
