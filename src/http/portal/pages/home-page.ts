import type { PortalMilestoneView, PortalPage, PortalRequestView } from '../../../services/portal/get-portal-page';
import { currentOrNextMilestone, isCurrentMilestone } from '../../../domain/current-milestone';
import { firstName } from '../../../domain/first-name';
import { formatCalendarDay, formatInstantDay, isoDay } from '../format';
import { html, paragraphs, type SafeHtml } from '../html';
import { layout } from '../layout';

const MILESTONE_STATUS: Record<PortalMilestoneView['status'], string> = {
  pending: 'Not started',
  in_progress: 'In progress',
  blocked: 'On hold',
  completed: 'Done',
};

function requestItem(base: string, token: string, r: PortalRequestView, timeZone: string, preview: boolean): SafeHtml {
  const cta = r.kind === 'form' ? 'Fill in the form' : 'Upload the document';
  // A preview answers nothing: the button is shown as the customer sees it, but leads nowhere.
  const button = preview
    ? html`<span class="button button--disabled" aria-disabled="true">${cta}</span>`
    : html`<a class="button" href="${base}/${token}/requests/${r.id}" aria-label="${cta}: ${r.title}">${cta}</a>`;
  return html`<li class="request">
  <div class="request__body">
    <p class="request__kind"><span class="tag">${r.kind === 'form' ? 'Form' : 'Document'}</span> <span class="muted">${r.milestoneName}</span></p>
    <h3 class="request__title">${r.title}</h3>
    ${r.purpose ? html`<p class="request__why"><strong>Why we ask:</strong> ${r.purpose}</p>` : ''}
    <p class="request__meta">${r.requestedAt ? html`Requested <time datetime="${r.requestedAt.toISOString()}">${formatInstantDay(r.requestedAt, timeZone)}</time> · ` : ''}Needed by <time datetime="${isoDay(r.neededBy)}">${formatCalendarDay(r.neededBy)}</time></p>
  </div>
  ${button}
</li>`;
}

function milestoneItem(m: PortalMilestoneView, index: number): SafeHtml {
  return html`<li class="milestone milestone--${m.status}"${isCurrentMilestone(m.status) ? html` aria-current="step"` : ''}>
  <span class="milestone__marker" aria-hidden="true">${m.status === 'completed' ? '✓' : String(index + 1)}</span>
  <div class="milestone__body">
    <h3 class="milestone__name">${m.name}</h3>
    <p class="milestone__meta"><span class="status status--${m.status}">${MILESTONE_STATUS[m.status]}</span>
      <span class="muted">${m.status === 'completed' && m.completedAt ? html`Completed <time datetime="${m.completedAt.toISOString()}">${formatCalendarDay(m.completedAt)}</time>` : html`Planned <time datetime="${isoDay(m.plannedStartDate)}">${formatCalendarDay(m.plannedStartDate)}</time> – <time datetime="${isoDay(m.plannedEndDate)}">${formatCalendarDay(m.plannedEndDate)}</time>`}</span></p>
    ${m.blockerNote ? html`<div class="blocker"><p class="blocker__title">What this is waiting on</p>${paragraphs(m.blockerNote)}</div>` : ''}
  </div>
</li>`;
}

/** How the stage under way (or next) reads in "What is next". */
const CURRENT_WORDS: Record<string, string> = { pending: ' starts next', blocked: ' is on hold' };

/**
 * Where the onboarding stands against its plan, whose move it is and what comes next, in the customer's words;
 * nothing once it is live.
 */
function scheduleSection(s: PortalPage['schedule']): SafeHtml {
  const next = s.current
    ? html`${s.current.name}${CURRENT_WORDS[s.current.status] ?? ' is under way'}, planned to finish <time datetime="${isoDay(s.current.plannedEndDate)}">${formatCalendarDay(s.current.plannedEndDate)}</time>${s.then ? html`; then ${s.then}` : ''}.`
    : html`Nothing left in the plan.`;
  return html`<section class="card schedule" aria-labelledby="schedule-title">
    <h2 id="schedule-title">Where things stand</h2>
    <dl class="facts">
      <div class="fact"><dt>Schedule</dt><dd class="schedule__words schedule__words--${s.daysBehind > 0 ? 'behind' : 'on-track'}">${s.scheduleWords}</dd></div>
      <div class="fact"><dt>Expected go-live</dt><dd>${s.projectedGoLive ? html`<time datetime="${isoDay(s.projectedGoLive)}">${formatCalendarDay(s.projectedGoLive)}</time>` : 'To be agreed'}</dd></div>
    </dl>
    <p class="schedule__court"><strong>Whose move:</strong> ${s.courtSentence}</p>
    <p class="schedule__next"><strong>What is next:</strong> ${next}</p>
  </section>`;
}

/** The end of the timeline once the account is live: the go-live day, after the last milestone. */
function liveItem(since: Date): SafeHtml {
  return html`<li class="milestone milestone--live">
  <span class="milestone__marker" aria-hidden="true">★</span>
  <div class="milestone__body">
    <h3 class="milestone__name">Live</h3>
    <p class="milestone__meta"><span class="status status--completed">Done</span>
      <span class="muted">Went live <time datetime="${isoDay(since)}">${formatCalendarDay(since)}</time></span></p>
  </div>
</li>`;
}

/** The hero's heading and facts: where the onboarding stands, or, once live, that it is finished and since when. */
function heroTop(page: PortalPage, current: PortalMilestoneView | null, liveSince: Date | null): SafeHtml {
  const { frame, requests } = page;
  const planned = frame.account.goLiveDate
    ? html`<time datetime="${isoDay(frame.account.goLiveDate)}">${formatCalendarDay(frame.account.goLiveDate)}</time>`
    : 'To be agreed';
  if (liveSince) {
    const day = html`<time datetime="${isoDay(liveSince)}">${formatCalendarDay(liveSince)}</time>`;
    return html`<h1 id="page-title">You’re live</h1>
    <p class="lead">Congratulations, ${firstName(frame.contact.name)}: ${frame.account.name} went live on ${day}. Your onboarding is complete; thank you for working through it with us.</p>
    <dl class="facts">
      <div class="fact"><dt>Went live</dt><dd>${day}</dd></div>
      <div class="fact"><dt>Planned go-live</dt><dd>${planned}</dd></div>
      <div class="fact"><dt>Milestones done</dt><dd>${page.milestones.filter((m) => m.status === 'completed').length} of ${page.milestones.length}</dd></div>
    </dl>`;
  }
  return html`<h1 id="page-title">Hello ${firstName(frame.contact.name)}</h1>
    <p class="lead">Here is where your onboarding stands and what we need from you next.</p>
    <div class="progress">
      <div class="progress__label"><span id="progress-label">Overall progress</span><span class="progress__value">${page.progressPct}%</span></div>
      <progress aria-labelledby="progress-label" max="100" value="${page.progressPct}">${page.progressPct}%</progress>
    </div>
    <dl class="facts">
      <div class="fact"><dt>Current stage</dt><dd>${current ? current.name : 'All done'}</dd></div>
      <div class="fact"><dt>Planned go-live</dt><dd>${planned}</dd></div>
      <div class="fact"><dt>Open requests</dt><dd>${requests.length}</dd></div>
    </dl>`;
}

export function homePage(o: {
  base: string;
  nonce: string;
  token: string;
  page: PortalPage;
  answeredTitle?: string;
  /** The team's read-only preview (preview-link.ts): a banner says so, and no request can be opened. */
  preview?: boolean;
}): SafeHtml {
  const preview = o.preview ?? false;
  const { frame, milestones, requests, recentlyCompleted } = o.page;
  const liveSince = frame.account.liveSince;
  const current = currentOrNextMilestone(milestones);
  const blocked = milestones.filter((m) => m.blockerNote);
  const tz = frame.timeZone;
  const body = html`
${preview ? html`<div class="notice notice--preview" role="note"><p><strong>Preview.</strong> This is what ${frame.contact.name} sees in ${frame.brand.name}’s onboarding portal. It is read-only: nothing here can be answered or sent.</p></div>` : ''}
${o.answeredTitle ? html`<div class="notice notice--success" role="status"><p><strong>Thank you!</strong> We have received “${o.answeredTitle}”. Your contact has been told.</p></div>` : ''}
<div class="page-grid">
<div class="page-main">
  <section class="card hero${liveSince ? ' hero--live' : ''}" aria-labelledby="page-title">
    <p class="eyebrow">${frame.account.name} · onboarding with ${frame.brand.name}${liveSince ? ' · complete' : ''}</p>
    ${heroTop(o.page, current, liveSince)}
  </section>

  ${liveSince || frame.account.status === 'churned' ? '' : scheduleSection(o.page.schedule)}

  ${blocked.map(
    (m) => html`<section class="notice notice--blocked" aria-labelledby="blocked-${m.id}">
    <h2 id="blocked-${m.id}" class="notice__title">${m.name} is on hold</h2>
    ${paragraphs(m.blockerNote ?? '')}
  </section>`,
  )}

  <section class="card" aria-labelledby="needs-title">
    <h2 id="needs-title">What we need from you</h2>
    ${
      requests.length > 0
        ? html`<ul class="requests">${requests.map((r) => requestItem(o.base, o.token, r, tz, preview))}</ul>`
        : liveSince
          ? html`<p class="empty">Nothing: your onboarding is complete.</p>`
          : html`<p class="empty">Nothing right now. We will let you know as soon as we need something.</p>`
    }
  </section>

  <section class="card" aria-labelledby="timeline-title">
    <h2 id="timeline-title">${liveSince ? 'Your completed timeline' : 'Your timeline'}</h2>
    <ol class="timeline">${milestones.map((m, i) => milestoneItem(m, i))}${liveSince ? liveItem(liveSince) : ''}</ol>
  </section>
</div>
<aside class="page-side" aria-label="Your contact and recent activity">
  <section class="card csm" aria-labelledby="csm-title">
    <h2 id="csm-title">Your contact</h2>
    ${
      frame.csm
        ? html`<p class="csm__name">${frame.csm.name}</p><p class="muted">${frame.csm.title || 'Customer success manager'}</p>${frame.csm.email ? html`<p><a class="csm__email" href="mailto:${frame.csm.email}">${frame.csm.email}</a></p>` : ''}`
        : html`<p class="muted">Your customer success manager will be introduced shortly.</p>`
    }
  </section>
  <section class="card" aria-labelledby="done-title">
    <h2 id="done-title">Recently completed</h2>
    ${
      recentlyCompleted.length > 0
        ? html`<ul class="done-list">${recentlyCompleted.map(
            (d) =>
              html`<li><span class="done-list__check" aria-hidden="true">✓</span><span><span class="done-list__title">${d.title}</span><span class="done-list__date muted"><time datetime="${d.completedAt.toISOString()}">${formatInstantDay(d.completedAt, tz)}</time></span></span></li>`,
          )}</ul>`
        : html`<p class="muted">Nothing yet.</p>`
    }
  </section>
</aside>
</div>`;
  return layout({
    title: `${preview ? 'Preview: ' : ''}${liveSince ? 'You’re live' : 'Your onboarding'}`,
    base: o.base,
    nonce: o.nonce,
    brand: frame.brand,
    body,
  });
}
