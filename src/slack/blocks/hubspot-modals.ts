/**
 * Settings → Connectors, HubSpot's part: the status (connected or not, the HubSpot account, last sync, last error in
 * words) with Test, Connect and Rules; the Connect form (the token is typed once and never shown again); and the
 * rules form. Everything HubSpot or a person typed is escaped and cut to Slack's limits.
 */
import type { KnownBlock, ModalView, PlainTextOption, StaticSelect } from '@slack/types';
import type { HubSpotRules } from '../../domain/hubspot-rules';
import type { HubSpotRuleChoices } from '../../services/hubspot/get-hubspot-rule-choices';
import type { HubSpotStatus } from '../../services/hubspot/get-hubspot-status';
import { ACTIONS, HUBSPOT_FIELDS, VIEWS } from '../ids';
import { inputBlock, textInputBlock } from './input-block';
import { modalMetadata, modalShell } from './modal-shell';
import { button, context, header, LIMITS, mrkdwnSection, plain, safe, slackTime } from './text';

/** A line under the status: what a Test found, or what went wrong. */
export interface ConnectorsNotice {
  ok: boolean;
  text: string;
}

function statusLines(s: HubSpotStatus): string[] {
  const lines: string[] = [];
  if (s.connected) {
    const from = s.source === 'environment' ? 'token from HUBSPOT_ACCESS_TOKEN' : 'token saved in Settings';
    lines.push(`:large_green_circle: *Connected* (${from})`);
  } else {
    lines.push(`:white_circle: *Not connected.* ${safe(s.notConnected ?? '', 600)}`);
  }
  lines.push(`*HubSpot account (portal) id:* ${s.portalId ? safe(s.portalId, 40) : 'not known yet (Test finds it)'}`);
  lines.push(
    `*Webhooks:* ${s.webhooks ? 'on (the client secret verifies them)' : 'off: without the app’s client secret Thread refuses them, and the 15-minute sync still finds closed deals'}`,
  );
  lines.push(`*Last sync:* ${s.lastSyncAt ? slackTime(s.lastSyncAt) : 'never'}`);
  if (s.lastWebhookAt) lines.push(`*Last webhook:* ${slackTime(s.lastWebhookAt)}`);
  lines.push(
    s.lastError
      ? `*Last error* (${safe(s.lastError.during, 20)}, ${slackTime(s.lastError.at)}): ${safe(s.lastError.message, 1200)}`
      : '*Last error:* none',
  );
  const w = s.writeBack;
  lines.push(
    `*Written back to HubSpot:* ${w.lastWriteBackAt ? slackTime(w.lastWriteBackAt) : 'nothing yet'}${w.accountsWaiting ? ` · ${w.accountsWaiting} companies waiting${w.accountsRetrying ? `, ${w.accountsRetrying} after a failure` : ''}` : ''}`,
  );
  if (w.lastWriteBackError)
    lines.push(
      `*Last write-back error* (${slackTime(w.lastWriteBackError.at)}): ${safe(w.lastWriteBackError.message, 1200)}`,
    );
  return lines;
}

/** The Connectors modal: HubSpot's status, its buttons, the rules in words and where to point webhooks. */
export function buildConnectorsModal(
  status: HubSpotStatus,
  options: { publicUrl?: string; notice?: ConnectorsNotice } = {},
): ModalView {
  const blocks: KnownBlock[] = [header('HubSpot'), mrkdwnSection(statusLines(status).join('\n'))];
  if (options.notice)
    blocks.push(
      mrkdwnSection(
        `${options.notice.ok ? ':white_check_mark:' : ':warning:'} ${safe(options.notice.text, 2500)}`,
        'hubspot_notice',
      ),
    );
  blocks.push({
    type: 'actions',
    elements: [
      ...(status.connected ? [button('Test', ACTIONS.hubspotTest, 'test', 'primary')] : []),
      button(status.source === 'settings' ? 'Replace token' : 'Connect', ACTIONS.hubspotConnect, 'connect'),
      button('Rules', ACTIONS.hubspotRules, 'rules'),
    ],
  });
  blocks.push(context(status.rules.map((r) => safe(r, 600)).join('\n')));
  if (options.publicUrl)
    blocks.push(
      context(
        `Webhooks: subscribe the private app to deal creation and deal property change (dealstage), target URL ${safe(`${options.publicUrl}/webhooks/hubspot`, 500)}`,
      ),
    );
  return modalShell({ callbackId: VIEWS.hubspotConnectors, title: 'Connectors', close: 'Done', blocks });
}

/** The Connect form; `problem` is why the last try was refused (the token typed then is not shown again). */
export function buildHubSpotConnectModal(problem?: string): ModalView {
  const blocks: KnownBlock[] = [];
  if (problem) blocks.push(mrkdwnSection(`:warning: Not connected: ${safe(problem, 2500)}`));
  blocks.push(
    mrkdwnSection(
      'In HubSpot: Settings → Integrations → Private apps → create an app with the scopes crm.objects.deals.read, crm.objects.companies.read, crm.objects.contacts.read, crm.objects.owners.read and crm.schemas.deals.read (and write scopes on companies for the onboarding status). Paste its access token here; Thread stores it encrypted and never shows it again.',
    ),
    textInputBlock(HUBSPOT_FIELDS.accessToken, 'Access token', { max: 500, placeholder: 'pat-na1-…' }),
    textInputBlock(HUBSPOT_FIELDS.clientSecret, 'Client secret (for webhooks)', {
      optional: true,
      max: 200,
      hint: 'From the app’s Auth tab. Thread checks each webhook’s signature with it; without it, webhooks are refused.',
    }),
  );
  return modalShell({ callbackId: VIEWS.hubspotConnect, title: 'Connect HubSpot', submit: 'Connect', blocks });
}

/** While Thread asks HubSpot whether the token works. */
export function buildHubSpotCheckingModal(): ModalView {
  return modalShell({
    title: 'Connect HubSpot',
    close: 'Close',
    blocks: [mrkdwnSection(':hourglass_flowing_sand: Checking the token with HubSpot…')],
  });
}

export function buildHubSpotConnectedModal(connected: { portalId: string; webhooks: boolean }): ModalView {
  return modalShell({
    title: 'HubSpot connected',
    close: 'Done',
    blocks: [
      mrkdwnSection(
        `:white_check_mark: Connected to HubSpot account ${safe(connected.portalId, 40)}. ${connected.webhooks ? 'Webhooks are verified with the client secret.' : 'No client secret: webhooks are refused, and the 15-minute sync finds closed deals.'}`,
      ),
    ],
  });
}

/** While the rules form asks HubSpot for its pipelines. */
export function buildHubSpotRulesLoadingModal(): ModalView {
  return modalShell({
    title: 'HubSpot rules',
    close: 'Close',
    blocks: [mrkdwnSection(':hourglass_flowing_sand: Reading the deal pipelines from HubSpot…')],
  });
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value };
}

const CSM_RULES: { value: HubSpotRules['csm']['kind']; text: string }[] = [
  { value: 'round_robin', text: 'Round robin among the CSMs' },
  { value: 'fixed', text: 'Always the same person' },
  { value: 'by_owner', text: 'By deal owner (list below)' },
  { value: 'none', text: 'Nobody: an admin picks' },
];

/** What the rules form keeps from opening to submission: the pipelines, in the order of their blocks. */
export interface RulesFormMetadata {
  pipelines: string[];
}

/** Slack's limit on a select's options. */
const MAX_OPTIONS = 100;
/** Three blocks per pipeline (its header, stages, template) and the fifteen others stay within a view's 100. */
const MAX_PIPELINES = 25;

function select(options: PlainTextOption[], initial: PlainTextOption | undefined, placeholder: string): StaticSelect {
  return {
    type: 'static_select',
    options: options.slice(0, MAX_OPTIONS),
    placeholder: plain(placeholder, LIMITS.placeholder),
    ...(initial ? { initial_option: initial } : {}),
  };
}

/** The rules form: trigger stage and template per pipeline, the CSM rule, the property rule, the ARR property. */
export function buildHubSpotRulesModal(c: HubSpotRuleChoices): ModalView {
  const F = HUBSPOT_FIELDS;
  const r = c.rules;
  // An option's value is the template's name, and Slack takes values of up to 150 characters.
  const templates = c.templates
    .filter((t) => t.length <= 150)
    .slice(0, MAX_OPTIONS)
    .map((t) => option(t, t));
  const templateOption = (name: string | undefined) => templates.find((t) => t.value === name);
  const pipelines = (c.pipelines ?? []).slice(0, MAX_PIPELINES);
  const blocks: KnownBlock[] = [];
  if (c.pipelinesProblem)
    blocks.push(
      mrkdwnSection(`:warning: ${safe(c.pipelinesProblem, 1500)} Trigger stages keep their current setting.`),
    );
  if ((c.pipelines?.length ?? 0) > MAX_PIPELINES)
    blocks.push(context(`Only the first ${MAX_PIPELINES} pipelines fit here; the others keep their current rules.`));

  pipelines.forEach((p, i) => {
    const stages = p.stages.slice(0, MAX_OPTIONS).map((s) => option(s.label, s.id));
    const chosen = r.triggerStages[p.id] ?? [];
    const initial = stages.filter((s) => s.value !== undefined && chosen.includes(s.value));
    blocks.push(header(`Pipeline: ${p.label}`));
    if (stages.length > 0)
      blocks.push(
        inputBlock(
          `${F.stagesPrefix}${i}`,
          'Stages that start onboarding',
          {
            type: 'multi_static_select',
            options: stages,
            placeholder: plain('Closed won (the default)', LIMITS.placeholder),
            ...(initial.length ? { initial_options: initial } : {}),
          },
          { optional: true, hint: 'Empty: every stage HubSpot marks closed with probability 100%.' },
        ),
      );
    if (templates.length > 0)
      blocks.push(
        inputBlock(
          `${F.templatePipelinePrefix}${i}`,
          'Template for this pipeline',
          select(templates, templateOption(r.template.byPipeline[p.id]), 'The default template'),
          { optional: true },
        ),
      );
  });

  blocks.push(header('CSM'));
  const csmRules = CSM_RULES.map((x) => option(x.text, x.value));
  blocks.push(
    inputBlock(F.csmRule, 'Who becomes the CSM', {
      type: 'radio_buttons',
      options: csmRules,
      initial_option: csmRules.find((o) => o.value === r.csm.kind),
    }),
  );
  const people = c.csms.slice(0, MAX_OPTIONS).map((p) => option(p.email ? `${p.name} (${p.email})` : p.name, p.userId));
  const fixedId = r.csm.kind === 'fixed' ? r.csm.userId : undefined;
  const fallbackId = r.csm.kind === 'by_owner' ? r.csm.fallbackUserId : undefined;
  if (people.length > 0) {
    blocks.push(
      inputBlock(
        F.csmFixed,
        'The same person',
        select(
          people,
          people.find((p) => p.value === fixedId),
          'A CSM',
        ),
        {
          optional: true,
          hint: 'For “Always the same person”.',
        },
      ),
    );
  }
  const emailOf = (userId: string) => c.csms.find((p) => p.userId === userId)?.email ?? '';
  const ownerLines =
    r.csm.kind === 'by_owner' ? Object.entries(r.csm.owners).map(([o, u]) => `${o} = ${emailOf(u)}`) : [];
  blocks.push(
    textInputBlock(F.csmOwners, 'Deal owner → CSM', {
      optional: true,
      multiline: true,
      max: 3000,
      initial: ownerLines.join('\n'),
      placeholder: 'ae@yourcompany.com = csm@yourcompany.com',
      hint: 'For “By deal owner”: one per line, the owner’s email in HubSpot = the CSM’s email in Slack.',
    }),
  );
  if (people.length > 0)
    blocks.push(
      inputBlock(
        F.csmFallback,
        'Any other owner',
        select(
          people,
          people.find((p) => p.value === fallbackId),
          'Nobody',
        ),
        {
          optional: true,
          hint: 'For “By deal owner”: the CSM when the owner is not in the list.',
        },
      ),
    );

  blocks.push(header('Template'));
  if (templates.length > 0)
    blocks.push(
      inputBlock(
        F.templateDefault,
        'Default template',
        select(templates, templateOption(r.template.defaultTemplate), 'The only template'),
        {
          optional: true,
          hint: 'When no pipeline or property rule picks one.',
        },
      ),
    );
  else
    blocks.push(mrkdwnSection('No templates yet: import one (`thread templates import <file>`) before deals close.'));
  blocks.push(
    textInputBlock(F.templateProperty, 'Or by deal property', {
      optional: true,
      max: 100,
      initial: r.template.byProperty?.property,
      placeholder: 'plan_tier',
      hint: 'A deal property’s internal name; its value picks the template (list below). Wins over the pipeline.',
    }),
    textInputBlock(F.templateValues, 'Property value → template', {
      optional: true,
      multiline: true,
      max: 3000,
      initial: Object.entries(r.template.byProperty?.values ?? {})
        .map(([v, t]) => `${v} = ${t}`)
        .join('\n'),
      placeholder: 'enterprise = Enterprise onboarding',
    }),
  );

  blocks.push(header('ARR'));
  blocks.push(
    textInputBlock(F.arrProperty, 'Deal property holding ARR', {
      max: 100,
      initial: r.arrProperty,
      hint: 'amount by default; a number property such as annual_contract_value.',
    }),
  );

  const metadata: RulesFormMetadata = { pipelines: pipelines.map((p) => p.id) };
  return modalShell({
    callbackId: VIEWS.hubspotRules,
    title: 'HubSpot rules',
    submit: 'Save',
    blocks,
    privateMetadata: modalMetadata(metadata, metadata),
  });
}

export function buildHubSpotRulesSavedModal(described: string[]): ModalView {
  return modalShell({
    title: 'HubSpot rules saved',
    close: 'Done',
    blocks: [
      mrkdwnSection(':white_check_mark: Saved. From the next closed deal on:'),
      ...described.map((l) => mrkdwnSection(safe(l, 2900))),
    ],
  });
}
