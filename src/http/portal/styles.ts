/** The portal's one stylesheet, served from the router (no build step). The brand colours arrive as CSS variables. */
export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
:root{--ink:#111827;--muted:#4b5563;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff;--ok:#047857;--ok-bg:#ecfdf5;--warn:#92400e;--warn-bg:#fffbeb;--warn-line:#f59e0b;--err:#b91c1c;--err-bg:#fef2f2;--radius:12px}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--brand-ink)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--brand-ink);outline-offset:2px}
h1,h2,h3{line-height:1.25;margin:0 0 .5rem}
h1{font-size:1.75rem;letter-spacing:-.01em}
h2{font-size:1.15rem}
h3{font-size:1rem}
p{margin:0 0 .75rem}
.wrap{max-width:1080px;margin:0 auto;padding:0 1rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip-link{position:absolute;left:1rem;top:-3rem;background:var(--card);color:var(--ink);padding:.5rem 1rem;border-radius:8px;z-index:10}
.skip-link:focus{top:.5rem}
.site-header{background:var(--card);border-top:4px solid var(--brand);border-bottom:1px solid var(--line)}
.site-header__inner{display:flex;align-items:center;min-height:64px}
.brand{display:flex;align-items:center;gap:.75rem;font-weight:650;font-size:1.05rem}
.brand__logo{display:block;height:32px;width:auto}
.brand__mark{display:inline-grid;place-items:center;width:32px;height:32px;border-radius:8px;background:var(--brand);color:var(--on-brand);font-weight:700}
main.wrap{padding-top:1.5rem;padding-bottom:3rem;outline:none}
.site-footer{color:var(--muted);font-size:.875rem;padding:1.5rem 0 2.5rem;border-top:1px solid var(--line)}
.page-grid{display:grid;gap:1.25rem}
.page-main,.page-side{display:grid;gap:1.25rem;align-content:start;min-width:0}
@media (min-width:900px){.page-grid{grid-template-columns:minmax(0,1fr) 300px}}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:1.25rem;box-shadow:0 1px 2px rgba(17,24,39,.04)}
@media (min-width:640px){.card{padding:1.5rem}}
.card--message{max-width:560px;margin:2rem auto}
.hero{background:linear-gradient(180deg,var(--brand-tint),var(--card) 70%)}
.eyebrow{color:var(--brand-ink);font-weight:600;font-size:.875rem;margin-bottom:.25rem}
.lead{font-size:1.05rem;color:var(--muted)}
.muted{color:var(--muted)}
.progress{margin:1rem 0}
.progress__label{display:flex;justify-content:space-between;font-weight:600;font-size:.9rem;margin-bottom:.35rem}
progress{display:block;width:100%;height:12px;border:0;border-radius:999px;background:#e5e7eb;overflow:hidden;appearance:none;-webkit-appearance:none}
progress::-webkit-progress-bar{background:#e5e7eb;border-radius:999px}
progress::-webkit-progress-value{background:var(--brand);border-radius:999px}
progress::-moz-progress-bar{background:var(--brand);border-radius:999px}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:.75rem;margin:1rem 0 0}
.fact{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.65rem .85rem}
.fact dt{font-size:.8rem;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.fact dd{margin:0;font-weight:650}
.schedule__words--on-track{color:var(--ok)}
.schedule__words--behind{color:var(--warn)}
.schedule__court,.schedule__next{margin:.75rem 0 0}
.notice{border-radius:var(--radius);padding:1rem 1.25rem;border:1px solid var(--line);border-left-width:6px}
.notice p:last-child{margin-bottom:0}
.notice--blocked{background:var(--warn-bg);border-color:var(--warn-line);color:#451a03}
.notice__title{font-size:1.05rem;color:var(--warn)}
.notice--success{background:var(--ok-bg);border-color:var(--ok);color:#064e3b;margin-bottom:1.25rem}
.notice--preview{background:var(--brand-tint);border-color:var(--brand);margin-bottom:1.25rem}
.requests{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.request{display:flex;flex-direction:column;gap:.75rem;border:1px solid var(--line);border-radius:10px;padding:1rem}
@media (min-width:640px){.request{flex-direction:row;align-items:center;justify-content:space-between}.request .button{flex:none}}
.request__title{font-size:1.05rem;margin:.25rem 0 .35rem}
.request__why{margin-bottom:.35rem}
.request__meta{color:var(--muted);font-size:.9rem;margin:0}
.request__kind{margin:0;font-size:.85rem}
.tag{display:inline-block;background:var(--brand-tint);color:var(--brand-ink);border:1px solid currentColor;border-radius:999px;padding:0 .55rem;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:.55rem 1.1rem;border-radius:10px;border:0;background:var(--brand);color:var(--on-brand);font:inherit;font-weight:650;text-decoration:none;cursor:pointer}
.button:hover{filter:brightness(.93)}
.button--disabled,.button--disabled:hover{background:var(--line);color:inherit;cursor:not-allowed;filter:none}
.empty{color:var(--muted);margin:0}
.timeline{list-style:none;margin:0;padding:0;position:relative}
.milestone{display:grid;grid-template-columns:32px 1fr;gap:.85rem;padding-bottom:1.1rem;position:relative}
.milestone:not(:last-child)::before{content:"";position:absolute;left:15px;top:34px;bottom:2px;width:2px;background:var(--line)}
.milestone__marker{display:grid;place-items:center;width:32px;height:32px;border-radius:50%;border:2px solid var(--line);background:var(--card);font-weight:700;font-size:.85rem;color:var(--muted)}
.milestone--completed .milestone__marker{background:var(--brand);border-color:var(--brand);color:var(--on-brand)}
.milestone--in_progress .milestone__marker{border-color:var(--brand);color:var(--brand-ink)}
.milestone--blocked .milestone__marker{border-color:var(--warn-line);background:var(--warn-bg);color:var(--warn)}
.milestone--live .milestone__marker{background:var(--ok);border-color:var(--ok);color:#fff}
.hero--live .eyebrow{color:var(--ok)}
.milestone__name{margin:.25rem 0 .2rem}
.milestone__meta{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;font-size:.9rem;margin:0}
.status{border-radius:999px;padding:0 .55rem;font-size:.78rem;font-weight:700}
.status--pending{background:#f3f4f6;color:#374151}
.status--in_progress{background:var(--brand-tint);color:var(--brand-ink)}
.status--blocked{background:var(--warn-bg);color:var(--warn);border:1px solid var(--warn-line)}
.status--completed{background:var(--ok-bg);color:var(--ok)}
.blocker{margin-top:.6rem;background:var(--warn-bg);border:1px solid var(--warn-line);border-radius:10px;padding:.65rem .85rem;color:#451a03}
.blocker__title{font-weight:700;margin-bottom:.25rem;color:var(--warn)}
.blocker p:last-child{margin-bottom:0}
.csm__name{font-weight:650;font-size:1.05rem;margin-bottom:0}
.csm__email{word-break:break-all}
.done-list{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.done-list li{display:flex;gap:.5rem}
.done-list__check{color:var(--ok);font-weight:700}
.done-list__title{font-weight:600;display:block}
.done-list__date{display:block;font-size:.875rem}
.back{max-width:720px;margin:0 auto 1rem}
.request-page{max-width:720px;margin:0 auto}
.intro{margin:.75rem 0}
.why{background:var(--brand-tint);border-radius:10px;padding:.75rem 1rem;margin:1rem 0}
.why__title{font-size:.95rem;margin-bottom:.25rem;color:var(--brand-ink)}
.why p{margin:0}
.form{margin-top:1.5rem;display:grid;gap:1.25rem}
.field{display:grid;gap:.35rem}
.field__label{font-weight:650}
.optional{font-weight:400;color:var(--muted)}
.field__help{color:var(--muted);font-size:.9rem;margin:0}
.field__error{color:var(--err);font-weight:650;margin:0}
.field--error{border-left:4px solid var(--err);padding-left:.85rem}
input[type=text],input[type=email],input[type=url],input[type=date],select,textarea{width:100%;font:inherit;color:inherit;padding:.6rem .75rem;border:1px solid #9ca3af;border-radius:8px;background:#fff;min-height:44px}
textarea{resize:vertical}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-color:var(--err);border-width:2px}
.checkbox{display:flex;gap:.6rem;align-items:flex-start}
.checkbox input{width:22px;height:22px;margin:.15rem 0 0;accent-color:var(--brand)}
.file-input{font:inherit;width:100%;padding:.75rem;border:1px dashed #9ca3af;border-radius:10px;background:#fafafa}
.file-input::file-selector-button{font:inherit;font-weight:600;margin-right:.75rem;padding:.45rem .9rem;border-radius:8px;border:1px solid var(--brand-ink);background:var(--brand-tint);color:var(--brand-ink);cursor:pointer}
.form__actions{display:flex;gap:.75rem}
.error-summary{border:2px solid var(--err);background:var(--err-bg);border-radius:10px;padding:1rem 1.25rem;margin-top:1.25rem}
.error-summary h2{color:var(--err);font-size:1.05rem}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:var(--err);font-weight:600}
@media (prefers-reduced-motion:no-preference){.button{transition:filter .15s}}
`;
