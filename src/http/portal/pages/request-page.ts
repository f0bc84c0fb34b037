import type { PortalRequestPage } from '../../../services/portal/get-portal-request';
import { CSRF_FIELD } from '../csrf';
import { errorSummary, renderField, type FieldValues } from '../form-fields';
import { formatCalendarDay, formatInstantDay, isoDay } from '../format';
import { html, paragraphs, type SafeHtml } from '../html';
import { layout } from '../layout';

export interface RequestPageOptions {
  base: string;
  nonce: string;
  token: string;
  csrfToken: string;
  page: PortalRequestPage;
  values?: FieldValues;
  /** Field key → message; `_form` for a message about the whole form, `file` for the upload. */
  errors?: Record<string, string>;
  upload: { extensions: string[]; limitLabel: string };
}

function formBody(o: RequestPageOptions, action: string): SafeHtml {
  const { request } = o.page;
  const errors = o.errors ?? {};
  return html`${errorSummary(request.formFields, errors)}
<form class="form" method="post" action="${action}" novalidate>
  <input type="hidden" name="${CSRF_FIELD}" value="${o.csrfToken}">
  ${request.formFields.map((f) => renderField(f, o.values ?? {}, errors[f.key]))}
  <div class="form__actions"><button class="button" type="submit">Send answers</button></div>
</form>`;
}

function uploadBody(o: RequestPageOptions, action: string): SafeHtml {
  const error = o.errors?.file ?? o.errors?._form;
  const accept = o.upload.extensions.map((e) => `.${e}`).join(',');
  return html`${error ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">The upload did not work</h2><ul><li><a href="#field-file">${error}</a></li></ul></div>` : ''}
<form class="form" method="post" action="${action}" enctype="multipart/form-data" novalidate>
  <input type="hidden" name="${CSRF_FIELD}" value="${o.csrfToken}">
  <div class="field${error ? ' field--error' : ''}">
    <label class="field__label" for="field-file">Choose the document</label>
    <p class="field__help" id="field-file-help">Accepted: ${o.upload.extensions.map((e) => e.toUpperCase()).join(', ')}. Up to ${o.upload.limitLabel}.</p>
    ${error ? html`<p class="field__error" id="field-file-error"><span class="visually-hidden">Error: </span>${error}</p>` : ''}
    <input class="file-input" type="file" id="field-file" name="file" accept="${accept}" required aria-required="true" aria-describedby="field-file-help${error ? ' field-file-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
  </div>
  <div class="form__actions"><button class="button" type="submit">Upload document</button></div>
</form>`;
}

export function requestPage(o: RequestPageOptions): SafeHtml {
  const { frame, request, state, completedAt } = o.page;
  const home = `${o.base}/${o.token}`;
  const action = `${home}/requests/${request.id}${request.kind === 'document' ? '/upload' : ''}`;
  const body = html`<p class="back"><a href="${home}">← Back to your onboarding plan</a></p>
<article class="card request-page" aria-labelledby="page-title">
  <p class="eyebrow">${request.milestoneName} · ${request.kind === 'form' ? 'Form' : 'Document'}</p>
  <h1 id="page-title">${request.title}</h1>
  ${request.intro ? html`<div class="intro">${paragraphs(request.intro)}</div>` : ''}
  ${request.purpose ? html`<div class="why"><h2 class="why__title">Why we ask</h2><p>${request.purpose}</p></div>` : ''}
  <p class="request__meta">${request.requestedAt ? html`Requested <time datetime="${request.requestedAt.toISOString()}">${formatInstantDay(request.requestedAt, frame.timeZone)}</time> · ` : ''}Needed by <time datetime="${isoDay(request.neededBy)}">${formatCalendarDay(request.neededBy)}</time></p>
  ${
    state === 'completed'
      ? html`<div class="notice notice--success" role="status"><p><strong>Done, thank you.</strong> ${completedAt ? html`We received this on ${formatInstantDay(completedAt, frame.timeZone)}.` : 'We have received this.'} If something changed, reply to your contact.</p></div>`
      : request.kind === 'form'
        ? formBody(o, action)
        : uploadBody(o, action)
  }
</article>`;
  return layout({ title: request.title, base: o.base, nonce: o.nonce, brand: frame.brand, body });
}
