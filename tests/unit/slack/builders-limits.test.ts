import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { View } from '@slack/types';
import type { AccountOverview } from '../../../src/services/accounts/get-account-overview';
import type { AccountTimeline } from '../../../src/services/accounts/get-timeline';
import type { HandoffSummary } from '../../../src/services/accounts/get-handoff-summary';
import type { AccountListRow } from '../../../src/services/accounts/list-accounts';
import type { HomeData } from '../../../src/services/home/get-home';
import type { MilestoneChangePreview } from '../../../src/services/milestones/preview-milestone-change';
import type { DailyDigest, SubmissionReviewNotice } from '../../../src/services/notifications/notification-facts';
import type { PortalContacts } from '../../../src/services/portal/list-portal-contacts';
import type { SubmissionReview } from '../../../src/services/portal/load-submission-for-review';
import type { SentPortalLink } from '../../../src/services/portal/send-portal-link';
import type { ReviewCardData } from '../../../src/services/review/review-card-data';
import { buildAccountCard } from '../../../src/slack/blocks/account-card';
import { buildAccountFiguresList, buildAccountMetrics } from '../../../src/slack/blocks/account-metrics';
import { accountFiguresWith } from '../../support/account-figures-fixture';
import { buildActionStarted } from '../../../src/slack/blocks/action-started';
import { buildAccountChannelsModal } from '../../../src/slack/blocks/account-channels-modal';
import { buildChannelInviteNotice } from '../../../src/slack/blocks/channel-invite-notice';
import { buildInstallWelcome } from '../../../src/slack/blocks/install-welcome';
import { buildMarkChurnedModal, buildReopenAccountModal } from '../../../src/slack/blocks/account-status-modals';
import { buildContactModal } from '../../../src/slack/blocks/contact-modal';
import {
  buildAnswerFormModal,
  buildAnswerThanksModal,
  buildCustomerChannelRequest,
  buildCustomerChannelRequestClosed,
  buildOpenPortalReply,
  buildVendorSideRefusal,
  buildVendorSideRefusalModal,
} from '../../../src/slack/blocks/customer-channel';
import { buildAccountPicker } from '../../../src/slack/blocks/account-picker';
import { buildAccountsList } from '../../../src/slack/blocks/accounts-list';
import { buildBatchProgress, withRetryOutcome } from '../../../src/slack/blocks/batch-progress';
import { buildDailyDigest } from '../../../src/slack/blocks/daily-digest';
import { buildHandoffSummary } from '../../../src/slack/blocks/handoff-summary';
import { buildHelp } from '../../../src/slack/blocks/help';
import {
  buildAnalyticsCsvMessage,
  buildAnalyticsHome,
  buildAnalyticsMessage,
} from '../../../src/slack/blocks/analytics';
import { chartAltText } from '../../../src/domain/analytics-charts';
import type { AnalyticsSectionView } from '../../../src/services/analytics/analytics-section-view';
import { sampleSections } from '../../support/analytics-samples';
import { buildHome } from '../../../src/slack/blocks/home';
import {
  buildEditDraftModal,
  buildMilestoneModal,
  buildRequestChangesModal,
  type MilestoneChange,
} from '../../../src/slack/blocks/modals';
import { buildNewAccountModal } from '../../../src/slack/blocks/new-account-modal';
import { buildPortalAnswerCard } from '../../../src/slack/blocks/portal-answer';
import { buildPortalLinkMessage } from '../../../src/slack/blocks/portal-link';
import { buildEmailPortalLinkModal, buildRevokePortalLinksModal } from '../../../src/slack/blocks/portal-link-modals';
import {
  buildPortalLinkSentMessage,
  buildPortalLinksRevokedMessage,
} from '../../../src/slack/blocks/portal-link-replies';
import { buildRefusalModal } from '../../../src/slack/blocks/refusal-modal';
import { buildPeopleModal, PEOPLE_PER_PAGE } from '../../../src/slack/blocks/people-modal';
import {
  buildAdminsOnlyMessage,
  buildSettingsModal,
  buildSettingsSavedModal,
} from '../../../src/slack/blocks/settings-modal';
import type { OrganizationSettings } from '../../../src/services/organizations/organization-settings';
import { SETTING_KEYS } from '../../../src/services/organizations/organization-settings';
import {
  buildRefusalWithReplyToButton,
  buildReplyToEmailModal,
  buildReplyToEmailPrompt,
} from '../../../src/slack/blocks/reply-to-email';
import { buildReviewCard } from '../../../src/slack/blocks/review-card';
import { buildReviewQueue } from '../../../src/slack/blocks/review-queue';
import {
  buildFollowUpModal,
  buildSubmissionReviewEscalation,
  buildSubmissionReviewReminder,
  markSubmissionReviewed,
} from '../../../src/slack/blocks/submission-review';
import { buildTimeline } from '../../../src/slack/blocks/timeline';
import type { AccountPlan, PlanAction } from '../../../src/services/plan/get-account-plan';
import { buildPlan, buildRemovedActionCard } from '../../../src/slack/blocks/plan';
import {
  buildAddPlanActionModal,
  buildDueDateModal,
  buildKickoffModal,
  buildMovePlanActionModal,
  buildRemovePlanActionModal,
  buildShiftMilestoneModal,
} from '../../../src/slack/blocks/plan-modals';
import {
  alreadySubmittedMessage,
  buildHandoffFormStep,
  handoffSteps,
  QUESTIONS_PER_STEP,
} from '../../../src/slack/blocks/handoff-form-modal';
import {
  buildHandoffCard,
  buildHandoffOpened,
  buildHandoffOverdue,
  buildHandoffRequest,
} from '../../../src/slack/blocks/handoff-notices';
import {
  buildHandoffQuestionEditor,
  buildHandoffQuestionsModal,
} from '../../../src/slack/blocks/handoff-questions-modal';
import { buildStartWithoutHandoffModal } from '../../../src/slack/blocks/start-without-handoff-modal';
import type { HandoffForm } from '../../../src/services/handoff/get-handoff-form';
import type { HandoffQuestionView } from '../../../src/services/handoff/handoff-question-view';
import { HANDOFF_QUESTION_KINDS } from '../../../src/domain/handoff-questions';
import { escapeMrkdwn, mrkdwnSection, safe, truncate } from '../../../src/slack/blocks/text';
import { ACTIONS, HUBSPOT_FIELDS } from '../../../src/slack/ids';
import type { HandoffFindingView } from '../../../src/services/handoff/handoff-finding-view';
import type { FindingSuggestion } from '../../../src/domain/handoff-checks';
import {
  handoffFindingBlocks,
  MAX_FINDING_BLOCKS,
  withHandoffFindings,
} from '../../../src/slack/blocks/handoff-findings';
import {
  buildConnectorsModal,
  buildHubSpotCheckingModal,
  buildHubSpotConnectedModal,
  buildHubSpotConnectModal,
  buildHubSpotRulesLoadingModal,
  buildHubSpotRulesModal,
  buildHubSpotRulesSavedModal,
} from '../../../src/slack/blocks/hubspot-modals';
import { actionIds, buttonLabels, buttons, findButton, menuOptions, textOf } from '../../support/block-kit';
import { escapingProblems, limitProblems, mrkdwnTexts, viewProblems } from './block-kit-limits';
import { buildSlipSuggestionsModal } from '../../../src/slack/blocks/slip-suggestions-modal';

/** Text a customer or a CRM could send: mentions, disguised links, entities, emoji, and far too long. */
const EVIL = '<!channel> <!here> <@UEVIL> <https://evil.example|your bank> & <mailto:x@evil.example> 🎉';
const long = (n = 6000) => `${EVIL} `.repeat(Math.ceil(n / EVIL.length)).slice(0, n);

/** A submitted handoff with every text too long and hostile. */
function hostileHandoff(): HandoffSummary {
  return {
    accountId: 'acc_1',
    accountName: long(400),
    accountStatus: 'active',
    state: 'submitted',
    aeUserId: 'u_ae',
    aeName: long(300),
    aeSlackUserId: '<!channel>',
    csmUserId: 'u1',
    requestedAt: AT,
    submittedAt: AT,
    submittedByName: long(300),
    submittedBySlackUserId: '<!here>',
    startedWithout: { at: AT, byName: long(300), reason: long(5000) },
    answers: many(60, () => ({ question: long(1000), answer: long(10_000) })),
    recorded: true,
  };
}
const AT = new Date('2026-11-24T10:00:00Z');
const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

function expectMessageOk(message: { text: string; blocks: object[] }) {
  expect(limitProblems(message.blocks, 50)).toEqual([]);
  expect(escapingProblems(message.blocks)).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
}

function expectViewOk(view: View) {
  expect(viewProblems(view)).toEqual([]);
  expect(escapingProblems(view.blocks)).toEqual([]);
}

const card = (i = 0, over: Partial<ReviewCardData> = {}): ReviewCardData => ({
  actionId: `act_${i}`,
  accountId: `acc_${i % 7}`,
  accountName: long(300),
  milestoneName: long(300),
  actionName: long(300),
  type: i % 2 ? 'slack_message' : 'email',
  status: 'ready',
  recipients: [
    '<#C0123ABCD>',
    '<@U0123ABCD>',
    '<@U1> <!channel>',
    ...many(40, () => `${long(250)} <evil@example.com>`),
  ],
  subject: long(2000),
  body: long(12_000),
  lintFindings: many(30, () => ({
    code: 'stand_in_text',
    severity: 'warning',
    message: long(800),
  })) as ReviewCardData['lintFindings'],
  approvedAt: null,
  approvedBySlackUserId: null,
  reviewNote: long(5000),
  lastError: long(5000),
  aiDraftPending: false,
  aiDraftNote: long(5000),
  executedAt: null,
  dueAt: AT,
  releasedBySkipOf: long(300),
  csmId: 'u1',
  csmSlackUserId: 'UCSM0001',
  accountChannel: null,
  organizationChannel: null,
  cardChannel: null,
  cardTs: null,
  cardDelivery: 'as_they_come',
  ...over,
});

describe('text helpers', () => {
  it('escapes &, < and > so nothing can mention or link', () => {
    expect(escapeMrkdwn('<!channel> & <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
  });

  it('cuts to the limit in code points, never splitting an emoji, ending with an ellipsis', () => {
    const cut = truncate('🎉'.repeat(100), 75);
    expect(Array.from(cut)).toHaveLength(75);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/\uD83C(?!\uDF89)/);
  });

  it('never leaves half an entity where escaped text is cut', () => {
    for (let max = 1; max < 40; max++) {
      const out = safe('&&&&<<<<>>>>&&&&<<<<>>>>', max);
      expect(Array.from(out).length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
  });
});

describe('message builders under oversized and hostile input', () => {
  it('account card', () => {
    const a: AccountOverview = {
      id: 'acc_1',
      name: long(500),
      status: 'at_risk',
      arr: 1_000_000_000_000,
      csmId: 'u1',
      csmName: long(500),
      csmSlackUserId: null,
      milestonesDone: 2,
      milestonesTotal: 5,
      currentMilestone: { id: 'm1', name: long(500), status: 'blocked', plannedEndDate: AT },
      nextActions: many(5, (i) => ({ id: `a${i}`, name: long(800), type: 'email', status: 'ready', dueAt: AT })),
      blockers: many(20, (i) => ({ milestoneId: `m${i}`, milestoneName: long(300), note: long(3000), since: AT })),
      draftsWaiting: 12,
      contacts: many(30, (i) => ({
        id: `c${'x'.repeat(40)}${i}`,
        accountId: 'acc_1',
        name: long(300),
        email: `${'e'.repeat(200)}${i}@example.com`,
        title: long(300),
        role: i === 0 ? 'primary' : 'executive_sponsor',
        isPrimary: i === 0,
        slackUserId: i % 2 ? 'UCONTACT1' : '<!channel>',
        removedFromCrmAt: i % 3 ? null : AT,
      })),
      csmChannelId: 'CCSM0001',
      customerChannelId: '<!channel>',
      riskSuggestion: { reasons: many(30, () => long(600)), suggestedAt: AT },
      live: null,
      churn: null,
      kickoffDate: AT,
      handoff: hostileHandoff(),
      hubspotCompanyUrl: 'https://app.hubspot.com/contacts/4200042/company/1001',
      figures: accountFiguresWith(long(3000), AT),
    };
    const message = buildAccountCard(a);
    expectMessageOk(message);
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain(
      ':link: <https://app.hubspot.com/contacts/4200042/company/1001|The company in HubSpot>',
    );
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain(':warning: _removed in HubSpot 24 Nov 2026_');
    // A link that is not HubSpot's company page is never shown.
    const forged = buildAccountCard({ ...a, hubspotCompanyUrl: 'https://evil.example/|<!channel>' });
    expectMessageOk(forged);
    expect(mrkdwnTexts(forged.blocks).join('\n')).not.toContain('The company in HubSpot');
    expect(actionIds(message.blocks)).toContain(ACTIONS.copyPortalLink);
    expect(actionIds(message.blocks)).toContain(ACTIONS.backOnTrack);
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain('<#CCSM0001>');
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain('<@UCONTACT1>');
    const suggested = buildAccountCard({ ...a, status: 'active' });
    expectMessageOk(suggested);
    expect(actionIds(suggested.blocks)).toEqual(expect.arrayContaining([ACTIONS.riskConfirm, ACTIONS.riskDismiss]));
    expect(actionIds(suggested.blocks)).toEqual(
      expect.arrayContaining([ACTIONS.addContact, ACTIONS.editContact, ACTIONS.removeContact]),
    );
    const waiting = buildAccountCard({
      ...a,
      status: 'pending_handoff',
      handoff: { ...hostileHandoff(), state: 'requested', submittedAt: null, answers: [], recorded: false },
    });
    expectMessageOk(waiting);
    expect(actionIds(waiting.blocks)).toEqual(
      expect.arrayContaining([ACTIONS.handoffFill, ACTIONS.handoffStartAnyway]),
    );
  });

  it('account metrics and the metrics list: hostile names and sentences, 60 milestones, 15 accounts', () => {
    const figures = accountFiguresWith(long(3000), AT);
    const velocity = many(60, (i) => ({
      id: `m${i}`,
      name: long(400),
      position: i,
      status: (['completed', 'in_progress', 'blocked', 'pending'] as const)[i % 4]!,
      plannedDays: 5,
      actualDays: i % 4 === 0 ? 9 : null,
      elapsedDays: i % 4 === 1 || i % 4 === 2 ? 7 : null,
      varianceDays: i % 4 === 3 ? null : 4,
    }));
    const metrics = buildAccountMetrics({
      accountId: 'acc_1',
      accountName: long(500),
      status: 'active',
      ...figures,
      metrics: {
        timeToValue: figures.timeToValue,
        velocity,
        actionCompletion: { executed: 5, completedByCustomer: 3, rate: 0.6, medianBusinessHours: 6.4 },
        engagement: {
          portalVisits: 4,
          submissions: 1,
          uploads: 0,
          replies: 2,
          lastEventAt: AT,
          businessDaysSinceLast: 2,
        },
      },
    });
    expectMessageOk(metrics);
    const text = mrkdwnTexts(metrics.blocks).join('\n');
    expect(text).toContain('…and 40 more');
    expect(text).toContain('The customer answered 3 of 5 sent (60%), median 6 business hours to answer');
    expect(text).toContain('projected 34 business days (planned 30)');

    const list = buildAccountFiguresList({
      rows: many(15, (i) => ({ accountId: `a${i}`, accountName: long(400), status: 'at_risk', ...figures })),
      more: 7,
    });
    expectMessageOk(list);
    expect(mrkdwnTexts(list.blocks).join('\n')).toContain('…and 7 more.');
    expectMessageOk(buildAccountFiguresList({ rows: [], more: 0 }));
  });

  it('a live and a churned account card: the outcome line, Reopen, Mark churned only until churned, a hostile reason escaped', () => {
    const base: AccountOverview = {
      id: 'acc_1',
      name: long(500),
      status: 'completed',
      arr: 1000,
      csmId: 'u1',
      csmName: long(500),
      csmSlackUserId: null,
      milestonesDone: 5,
      milestonesTotal: 5,
      currentMilestone: null,
      nextActions: [],
      blockers: [],
      draftsWaiting: 0,
      contacts: [],
      csmChannelId: null,
      customerChannelId: null,
      riskSuggestion: { reasons: ['stale suggestion'], suggestedAt: AT },
      live: { since: new Date('2026-12-03T00:00:00Z'), timeToValueDays: 17 },
      churn: null,
      figures: accountFiguresWith('On track', AT),
      kickoffDate: AT,
      handoff: hostileHandoff(),
      hubspotCompanyUrl: null,
    };
    const live = buildAccountCard(base);
    expectMessageOk(live);
    expect(mrkdwnTexts(live.blocks).join('\n')).toContain('*Live since 3 Dec 2026*, time to value 17 days');
    expect(actionIds(live.blocks)).toEqual(expect.arrayContaining([ACTIONS.reopenAccount, ACTIONS.markChurned]));
    expect(actionIds(live.blocks)).not.toContain(ACTIONS.riskConfirm);

    const churned = buildAccountCard({
      ...base,
      status: 'churned',
      live: null,
      churn: { reason: `<!channel> <script>alert(1)</script> ${long(5000)}`, at: AT },
    });
    expectMessageOk(churned);
    const text = mrkdwnTexts(churned.blocks).join('\n');
    expect(text).toContain('*Churned on');
    expect(text).toContain('&lt;!channel&gt; &lt;script&gt;');
    expect(actionIds(churned.blocks)).toContain(ACTIONS.reopenAccount);
    expect(actionIds(churned.blocks)).not.toContain(ACTIONS.markChurned);
    // Its clocks stopped with it: no schedule lines on a churned account, but on a live one.
    expect(text).not.toContain('*Schedule:*');
    expect(mrkdwnTexts(live.blocks).join('\n')).toContain('*Schedule:* On track');

    const running = buildAccountCard({ ...base, status: 'active', live: null });
    expect(actionIds(running.blocks)).toContain(ACTIONS.markChurned);
    expect(actionIds(running.blocks)).not.toContain(ACTIONS.reopenAccount);
  });

  it('Reopen and Mark churned modals with a long name and a response URL too long to keep', () => {
    const url = `https://hooks.slack.com/actions/T1/${'9'.repeat(4000)}`;
    for (const status of ['completed', 'churned']) {
      const view = buildReopenAccountModal({
        accountId: 'acc_1',
        accountName: `<!channel> ${long(500)}`,
        status,
        liveSince: AT,
        responseUrl: url,
      });
      expectViewOk(view);
      expect(JSON.parse(view.private_metadata ?? '')).toEqual({ accountId: 'acc_1' });
    }
    const churn = buildMarkChurnedModal({
      accountId: 'acc_1',
      accountName: long(500),
      status: 'active',
      responseUrl: url,
    });
    expectViewOk(churn);
    expect(textOf(churn)).not.toContain('<!channel>');
  });

  it('channels and contact modals with long names, hostile ids and a response URL too long to keep', () => {
    const url = `https://hooks.slack.com/actions/T1/${'9'.repeat(4000)}`;
    expectViewOk(
      buildAccountChannelsModal({
        accountId: 'acc_1',
        accountName: long(500),
        csmChannelId: 'CCSM0001',
        customerChannelId: '<!channel>',
        responseUrl: url,
      }),
    );
    expectViewOk(buildContactModal({ accountId: 'acc_1', accountName: long(500), responseUrl: url }));
    const contact = {
      id: 'c1',
      accountId: 'acc_1',
      name: long(300),
      email: `${'e'.repeat(240)}@example.com`,
      title: long(300),
      role: 'billing' as const,
      isPrimary: false,
      slackUserId: '<!channel>',
    };
    const edit = buildContactModal({ accountId: 'acc_1', accountName: long(500), contact, responseUrl: url });
    expectViewOk(edit);
    expect(JSON.parse(edit.private_metadata ?? '')).toEqual({ accountId: 'acc_1', contactId: 'c1' });
  });

  it('accounts list with 200 long hostile rows stays within 50 blocks of 3000 characters', () => {
    const rows: AccountListRow[] = many(200, (i) => ({
      id: `acc_${i}`,
      name: long(400),
      status: 'active',
      arr: i * 1000,
      csmName: long(300),
      csmSlackUserId: i % 2 ? 'UCSM0001' : null,
      currentMilestone: long(300),
      currentMilestoneBlocked: i % 3 === 0,
      nextActionAt: i % 4 ? AT : null,
      progressPct: 40,
    }));
    expectMessageOk(buildAccountsList(rows, long(1000)));
    expectMessageOk(buildAccountsList([], long(1000)));
  });

  it('account pick list caps options and their text', () => {
    const matches = many(150, (i) => ({ id: `c${'x'.repeat(30)}${i}`, name: long(300), status: 'active' }));
    expectMessageOk(buildAccountPicker(long(1000), matches as never, 'timeline'));
  });

  it('help', () => {
    expectMessageOk(buildHelp());
  });

  it('review card: long draft, many findings and recipients; only mentions Thread built survive', () => {
    const message = buildReviewCard(card(1));
    expectMessageOk(message);
    const texts = mrkdwnTexts(message.blocks).join('\n');
    expect(texts).toContain('<#C0123ABCD>');
    expect(texts).toContain('<@U0123ABCD>');
    expect(texts).toContain('more');
    for (const status of ['review_pending', 'executing', 'executed', 'completed', 'skipped', 'pending'])
      expectMessageOk(buildReviewCard(card(2, { status, executedAt: AT })));
    expectMessageOk(buildReviewCard(card(3, { approvedAt: AT, approvedBySlackUserId: 'UCSM0001' })));
  });

  it('review queue of 100 long cards stays within one message', () => {
    const message = buildReviewQueue({ cards: many(100, (i) => card(i)), more: 400, toStart: [] });
    expectMessageOk(message);
    // The cards left out are counted, with the 400 that were never loaded.
    expect(Number(/…and (\d+) more\./.exec(textOf(message.blocks))?.[1])).toBeGreaterThanOrEqual(400);
  });

  it('review queue keeps room for manual actions to start, each with its own Start now button', () => {
    const toStart = many(30, (i) => ({
      actionId: `man_${i}`,
      accountId: `acc_${i}`,
      accountName: long(300),
      milestoneName: long(300),
      actionName: long(300),
      type: 'email',
      csmId: 'u1',
    }));
    const message = buildReviewQueue({ cards: many(100, (i) => card(i)), more: 0, toStart });
    expectMessageOk(message);
    expect(findButton(message.blocks, 'Start now', 'man_0')).toMatchObject({ actionId: ACTIONS.startActionNow });
    expect(findButton(message.blocks, 'Start now', 'man_7').value).toBe('man_7');
    expect(textOf(message.blocks)).toContain('…and 22 more.');
    expect(buttonLabels(message.blocks)).toContain('Execute selected');
  });

  it('review queue with only manual actions to start says there are no drafts', () => {
    const message = buildReviewQueue({
      cards: [],
      more: 0,
      toStart: [
        {
          actionId: 'm1',
          accountId: 'a',
          accountName: 'Acme',
          milestoneName: 'Kickoff',
          actionName: 'Recap',
          type: 'email',
          csmId: null,
        },
      ],
    });
    expectMessageOk(message);
    expect(message.text).toBe('0 drafts waiting for review, 1 manual action to start');
    expect(findButton(message.blocks, 'Start now').value).toBe('m1');
  });

  it('review card says when the action fires because the one it waited on was skipped', () => {
    const message = buildReviewCard(card(4, { releasedBySkipOf: 'Kickoff <!channel> questionnaire' }));
    expectMessageOk(message);
    expect(textOf(message.blocks)).toContain('Fires because *Kickoff &lt;!channel&gt; questionnaire* was skipped.');
    expect(textOf(buildReviewCard(card(4, { releasedBySkipOf: null })).blocks)).not.toContain('Fires because');
  });

  it('review card says the AI draft is on its way while it is, and why it is not when it could not be made', () => {
    const waiting = buildReviewCard(card(5, { aiDraftPending: true, aiDraftNote: null }));
    expectMessageOk(waiting);
    expect(textOf(waiting.blocks)).toContain('The AI draft replaces it here');
    const failed = buildReviewCard(card(5, { aiDraftPending: false, aiDraftNote: 'HTTP 529 <!channel> & co' }));
    expectMessageOk(failed);
    expect(textOf(failed.blocks)).toContain(':warning: HTTP 529 &lt;!channel&gt; &amp; co');
    expect(textOf(failed.blocks)).not.toContain('The AI draft replaces it here');
    const sent = buildReviewCard(card(5, { status: 'executed', aiDraftPending: true, aiDraftNote: 'HTTP 529' }));
    expect(textOf(sent.blocks)).not.toMatch(/AI draft replaces|HTTP 529/);
  });

  it('"Start now" answer escapes the names it repeats', () => {
    for (const changed of [true, false])
      expectMessageOk(buildActionStarted({ actionName: long(400), accountName: long(400), changed }));
  });

  it('timeline with 40 milestones', () => {
    const t: AccountTimeline = {
      accountId: 'acc',
      accountName: long(400),
      csmId: null,
      milestones: many(40, (i) => ({
        id: `m${i}`,
        position: i,
        name: long(300),
        status: ['pending', 'in_progress', 'blocked', 'completed'][i % 4]!,
        plannedStartDate: AT,
        plannedEndDate: AT,
        startedAt: i % 2 ? AT : null,
        completedAt: i % 4 === 3 ? AT : null,
        blockerNote: long(5000),
        completionOverride: long(5000),
        openActions: 3,
        totalActions: 9,
      })),
    };
    expectMessageOk(buildTimeline(t));
  });

  it('handoff summary with 100 long answers, and with none', () => {
    const h: HandoffSummary = {
      accountId: 'acc',
      accountName: long(400),
      accountStatus: 'active',
      state: 'submitted',
      aeUserId: 'u_ae',
      aeName: long(300),
      aeSlackUserId: '<!channel>',
      csmUserId: 'u_csm',
      requestedAt: AT,
      submittedAt: AT,
      submittedByName: long(300),
      submittedBySlackUserId: null,
      startedWithout: { at: AT, byName: long(300), reason: long(5000) },
      answers: many(100, () => ({ question: long(1000), answer: long(10_000) })),
      recorded: true,
    };
    expectMessageOk(buildHandoffSummary(h, { canFill: true }));
    // With the contradiction check's findings taking their most room, the answers give way.
    const withFindings = buildHandoffSummary(h, {
      findings: many(MAX_FINDING_BLOCKS, () => mrkdwnSection(safe(long(2000), 2900))),
    });
    expectMessageOk(withFindings);
    expect(withFindings.blocks.length).toBeLessThanOrEqual(50);
    expectMessageOk(buildHandoffSummary({ ...h, answers: [], recorded: false }));
    expectMessageOk(buildHandoffSummary({ ...h, state: 'requested', answers: [], recorded: false }, { canFill: true }));
  });

  it('portal link message keeps the link intact and escapes the contact', () => {
    const message = buildPortalLinkMessage({
      url: 'https://thread.example.org/portal/abc_DEF-123',
      contactEmail: `${long(300)}@x.io`,
      expiresAt: AT,
    });
    expectMessageOk(message);
    expect(mrkdwnTexts(message.blocks)[0]).toContain('<https://thread.example.org/portal/abc_DEF-123|open the portal>');
  });
});

describe('view builders under oversized and hostile input', () => {
  it('App Home for an admin with full lists stays within 100 blocks', () => {
    const h: HomeData = {
      isAdmin: true,
      reviewCardDelivery: 'digest',
      draftsWaiting: many(10, (i) => ({
        actionId: `a${i}`,
        actionName: long(400),
        accountName: long(400),
        status: i % 2 ? 'review_pending' : 'ready',
      })),
      overdue: many(10, (i) => ({ actionId: `a${i}`, actionName: long(400), accountName: long(400), dueAt: AT })),
      blocked: many(10, (i) => ({
        milestoneId: `m${i}`,
        milestoneName: long(400),
        accountName: long(400),
        note: long(3000),
      })),
      atRisk: many(10, (i) => ({ accountId: `c${i}`, accountName: long(400) })),
      riskSuggestions: many(10, (i) => ({
        accountId: `s${i}`,
        accountName: long(400),
        reasons: many(9, () => long(500)),
      })),
      unreviewedSubmissions: many(10, (i) => ({
        submissionId: `s${i}`,
        actionName: long(400),
        accountName: long(400),
        at: AT,
      })),
      accounts: many(15, (i) => ({
        id: `c${i}`,
        name: long(400),
        status: 'at_risk',
        progressPct: 50,
        currentMilestone: long(400),
        courtSentence: long(800),
        slipSentence: long(400),
      })),
      orgCounts: {
        accounts: 10_000,
        active: 9000,
        atRisk: 1000,
        draftsWaiting: 5000,
        blockedMilestones: 300,
        overdueActions: 20_000,
      },
    };
    const view = buildHome(h);
    expectViewOk(view);
    // Nothing was cut to fit: every submission keeps its buttons and the accounts list, last, has every account
    // with whose court it is.
    const reviewButtons = view.blocks.filter((b) => b.block_id?.startsWith('portal_submission:'));
    expect(reviewButtons).toHaveLength(10);
    const texts = mrkdwnTexts(view.blocks);
    const accountsFrom = texts.indexOf('*Your accounts (15)*');
    expect(accountsFrom).toBeGreaterThan(0);
    expect(
      texts
        .slice(accountsFrom + 1)
        .join('\n')
        .match(/^:warning: \*/gm),
    ).toHaveLength(15);
  });

  it('App Home offers the review card choice with what is saved selected, and not to someone with no accounts to review', () => {
    const base: HomeData = {
      isAdmin: false,
      reviewCardDelivery: 'digest',
      draftsWaiting: [],
      overdue: [],
      blocked: [],
      atRisk: [],
      riskSuggestions: [],
      unreviewedSubmissions: [],
      accounts: [],
      orgCounts: null,
    };
    type Select = {
      type?: string;
      action_id?: string;
      initial_option?: { value?: string };
      options?: { value?: string }[];
    };
    const select = (view: View) =>
      view.blocks.flatMap((b) => {
        const accessory = (b as { accessory?: Select }).accessory;
        return accessory?.type === 'static_select' && accessory.action_id === ACTIONS.reviewCardDelivery
          ? [accessory]
          : [];
      });
    const digest = buildHome(base);
    expectViewOk(digest);
    expect(select(digest)).toHaveLength(1);
    expect(select(digest)[0]!.initial_option?.value).toBe('digest');
    expect(select(digest)[0]!.options?.map((o) => o.value)).toEqual(['as_they_come', 'digest']);
    expect(textOf(digest)).toContain('your morning digest lists the drafts waiting');
    expect(select(buildHome({ ...base, reviewCardDelivery: 'as_they_come' }))[0]!.initial_option?.value).toBe(
      'as_they_come',
    );
    expect(select(buildHome({ ...base, reviewCardDelivery: null }))).toEqual([]);
  });

  it('edit and request-changes modals: long drafts, and a response URL too long for private_metadata', () => {
    const url = `https://hooks.slack.com/actions/T1/${'9'.repeat(4000)}`;
    for (const c of [card(0), card(1, { subject: '' })]) {
      expectViewOk(buildEditDraftModal(c, url));
      expectViewOk(buildRequestChangesModal(c, url));
    }
    expect(JSON.parse(buildEditDraftModal(card(0), url).private_metadata ?? '')).toEqual({ id: 'act_0' });
  });

  it('milestone modals for every change with long names and lists', () => {
    const p: MilestoneChangePreview = {
      milestoneId: 'm1',
      milestoneName: long(500),
      accountId: 'acc',
      accountName: long(500),
      status: 'in_progress',
      blockerNote: long(5000),
      actionsOnStart: many(60, () => long(500)),
      openActions: many(60, () => ({ name: long(500), status: 'review_pending' })),
      previousOpenActions: many(60, () => ({ name: long(500), status: 'ready' })),
      previousMilestoneName: long(500),
      nextMilestoneName: long(500),
    };
    for (const change of ['start', 'complete', 'block', 'unblock'] as MilestoneChange[])
      expectViewOk(buildMilestoneModal(change, p));
  });

  it('new-account modal: 150 templates with long names', () => {
    const templates = many(150, (i) => ({
      name: i % 2 ? `Template ${i} ${'x'.repeat(200)}` : `Template ${i} 🎉 ${EVIL}`,
      milestones: 5,
      actions: 20,
    }));
    const view = buildNewAccountModal({ templates, csmSlackUserId: 'UCSM0001', today: '2026-11-24' });
    expectViewOk(view);
    const select = (view.blocks as { block_id?: string; element?: { options: unknown[] } }[]).find(
      (b) => b.block_id === 'account_template',
    )!.element!;
    expect(select.options.length).toBeLessThanOrEqual(100);
  });
});

const contacts = (n: number): PortalContacts => ({
  accountId: 'acc_1',
  accountName: long(400),
  contacts: many(n, (i) => ({
    id: `c${i}`,
    name: long(300),
    email: `${long(200)}${i}@example.org`,
    isPrimary: i === 0,
    activeLinks: 2,
  })),
});

const notice = (): SubmissionReviewNotice => ({
  submissionId: `sub_${'x'.repeat(40)}`,
  accountId: 'acc_1',
  accountName: long(500),
  actionName: long(500),
  contactName: long(500),
  submittedAt: AT,
  hoursAgo: 18,
  slaHours: 24,
  hoursLeft: 6,
});

const review = (over: Partial<SubmissionReview> = {}): SubmissionReview => ({
  submissionId: 'sub_1',
  accountId: 'acc_1',
  accountName: long(500),
  actionName: long(500),
  contactName: long(500),
  outcome: 'follow_up',
  reviewedAt: AT,
  reviewedByUserId: 'u1',
  reviewedBySlackUserId: 'UCSM0001',
  alreadyReviewed: false,
  ...over,
});

describe('scheduler and portal messages under oversized and hostile input', () => {
  it('daily digest: six long lists of hostile lines stay one message, counted past the first few', () => {
    const lines = (n: number) => many(n, () => long(1000));
    const digest: DailyDigest = {
      recipientName: long(300),
      date: '2026-11-24',
      content: {
        draftsToReview: lines(40),
        dueToday: lines(40),
        overdue: lines(40),
        blocked: lines(40),
        atRisk: many(40, (i) => ({ accountId: `acc_${i}`, text: long(1000), suggested: i % 3 !== 0 })),
        waitingReviews: many(40, (i) => ({ submissionId: `sub_${i}`, text: long(1000) })),
      },
    };
    const message = buildDailyDigest(digest);
    expectMessageOk(message);
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain('_and 32 more_');
  });

  it('daily digest: every at-risk suggestion and submission shown has its buttons, even when every list is full', () => {
    const digest: DailyDigest = {
      recipientName: long(300),
      date: '2026-11-24',
      content: {
        draftsToReview: many(40, () => long(1000)),
        dueToday: many(40, () => long(1000)),
        overdue: many(40, () => long(1000)),
        blocked: many(40, () => long(1000)),
        atRisk: many(40, (i) => ({ accountId: `acc_${i}`, text: long(1000), suggested: true })),
        waitingReviews: many(40, (i) => ({ submissionId: `sub_${i}`, text: long(1000) })),
      },
    };
    const message = buildDailyDigest(digest);
    expectMessageOk(message);
    const actions = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(actions).toHaveLength(32);
    expect(actions.slice(0, 2)).toEqual([
      expect.objectContaining({ action_id: ACTIONS.riskConfirm, value: 'acc_0' }),
      expect.objectContaining({ action_id: ACTIONS.riskDismiss, value: 'acc_0' }),
    ]);
    expect(actions.slice(16, 18)).toEqual([
      expect.objectContaining({ action_id: ACTIONS.submissionAcknowledge, value: 'sub_0' }),
      expect.objectContaining({ action_id: ACTIONS.submissionFollowUp, value: 'sub_0' }),
    ]);
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain('*At risk (40)*');
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain('*Submissions waiting for your review (40)*');
  });

  it('batch progress: 200 failures with long hostile labels and errors stay within 50 blocks', () => {
    const failures = many(200, (i) => ({ actionId: `act_${i}`, label: long(800), error: long(5000) }));
    for (const finished of [false, true]) {
      const message = buildBatchProgress({ total: 400, done: 300, sent: 90, skipped: 10, failures, finished });
      expectMessageOk(message);
      expect(mrkdwnTexts(message.blocks).join('\n')).toContain('more failed');
    }
    expectMessageOk(buildBatchProgress({ total: 3, done: 0, sent: 0, skipped: 0, failures: [], finished: false }));
  });

  it('a retried batch line replaces only its own line, escaped, whether it sent or failed again', () => {
    const original = buildBatchProgress({
      total: 2,
      done: 2,
      sent: 0,
      skipped: 0,
      failures: [
        { actionId: 'act_1', label: 'one', error: 'refused' },
        { actionId: 'act_2', label: 'two', error: 'refused' },
      ],
      finished: true,
    }).blocks;
    const sent = withRetryOutcome(original, 'act_1', { sent: true, label: long(800) });
    expectMessageOk(sent);
    expect(sent.blocks).toHaveLength(original.length);
    expect(buttonLabels(sent.blocks.find((b) => b.block_id === 'batch_failure:act_1'))).not.toContain('Retry');
    const failed = withRetryOutcome(original, 'act_2', { sent: false, label: long(800), error: long(5000) });
    expectMessageOk(failed);
    // Whatever Slack sends back that is not a block is dropped, not passed on.
    expect(withRetryOutcome([null, 'x', ...original], 'act_1', { sent: true, label: 'one' }).blocks).toHaveLength(
      original.length,
    );
  });

  it('submission reminder and escalation carry Acknowledge and Follow up, escaped and within limits', () => {
    for (const message of [buildSubmissionReviewReminder(notice()), buildSubmissionReviewEscalation(notice())]) {
      expectMessageOk(message);
      const ids = JSON.stringify(message.blocks);
      expect(ids).toContain('"action_id":"portal_submission_acknowledge"');
      expect(ids).toContain('"action_id":"portal_submission_follow_up"');
    }
    expectMessageOk(buildSubmissionReviewReminder({ ...notice(), contactName: null }));
  });

  it('a reviewed submission card keeps its other blocks, drops its buttons, and is rebuilt when Slack sends none', () => {
    const card = buildSubmissionReviewReminder({ ...notice(), submissionId: 'sub_1' });
    const reviewed = markSubmissionReviewed(card.blocks, review({ alreadyReviewed: false }), {
      emailedTo: null,
      notEmailedBecause: long(2000),
    });
    expectMessageOk(reviewed);
    expect(JSON.stringify(reviewed.blocks)).not.toContain('portal_submission_acknowledge');
    expect(reviewed.blocks).toHaveLength(card.blocks.length);
    const rebuilt = markSubmissionReviewed(undefined, review({ outcome: 'acknowledged', contactName: null }));
    expectMessageOk(rebuilt);
    const many50 = markSubmissionReviewed(
      many(60, () => ({ type: 'divider' })),
      review({ reviewedBySlackUserId: null }),
    );
    expect(limitProblems(many50.blocks, 50)).toEqual([]);
  });

  it('portal answer card: a long form of hostile answers, escaped, with its buttons and within 50 blocks', () => {
    const message = buildPortalAnswerCard({
      submissionId: 'sub_1',
      accountId: 'acc_1',
      accountName: long(500),
      actionId: 'act_1',
      actionName: long(500),
      contactName: long(500),
      answer: {
        kind: 'form',
        answers: many(80, (i) => ({ label: long(300), value: i % 5 ? long(10_000) : '' })),
      },
    });
    expectMessageOk(message);
    const texts = mrkdwnTexts(message.blocks).join('\n');
    expect(texts).toContain('_(left blank)_');
    expect(texts).toContain('more answers');
    const buttons = message.blocks.find((b) => b.block_id === 'portal_submission:sub_1');
    expect(buttons).toMatchObject({
      type: 'actions',
      elements: [
        { action_id: 'portal_submission_acknowledge', value: 'sub_1' },
        { action_id: 'portal_submission_follow_up', value: 'sub_1' },
      ],
    });
  });

  it('portal answer card: a document with a hostile name keeps its download link whole', () => {
    const url = 'https://thread.example.org/portal/files/sub_1?expires=1&sig=a|b>c';
    const message = buildPortalAnswerCard({
      submissionId: 'sub_1',
      accountId: 'acc_1',
      accountName: long(500),
      actionId: 'act_1',
      actionName: long(500),
      contactName: long(500),
      answer: { kind: 'document', fileName: `${long(400)}.pdf`, fileSize: 3 * 1024 * 1024, downloadUrl: url },
    });
    expectMessageOk(message);
    expect(message.text).toContain('(3.0 MB)');
    expect(mrkdwnTexts(message.blocks)[1]).toMatch(
      /^<https:\/\/thread\.example\.org\/portal\/files\/sub_1\?expires=1&amp;sig=a%7Cb%3Ec\|Download /,
    );
  });

  it('portal link replies', () => {
    const sent: SentPortalLink = {
      link: {
        url: 'http://thread.test/portal/tok',
        portalAccessId: 'p1',
        contactId: 'c1',
        contactEmail: `${long(200)}@b.test`,
        contactName: long(500),
        expiresAt: AT,
      },
      emailedTo: null,
      notEmailedBecause: long(1000),
      messageId: null,
    };
    expectMessageOk(buildPortalLinkSentMessage(sent));
    expectMessageOk(buildPortalLinkSentMessage({ ...sent, emailedTo: 'a@b.test', notEmailedBecause: null }));
    expectMessageOk(buildPortalLinksRevokedMessage({ accountName: long(400), contactEmail: long(300), revoked: 2 }));
    expectMessageOk(buildPortalLinksRevokedMessage({ accountName: long(400), revoked: 0 }));
  });
});

describe('modal builders under oversized and hostile input (portal and refusals)', () => {
  it('Follow up, with and without email, and a card place too long for private_metadata', () => {
    const who = { accountName: long(500), actionName: long(500), contactName: long(500) };
    const meta = { submissionId: 'sub_1', channel: 'C1', ts: '9'.repeat(4000) };
    for (const emailEnabled of [true, false]) expectViewOk(buildFollowUpModal(who, meta, emailEnabled));
    expectViewOk(buildFollowUpModal({ ...who, contactName: null }, { submissionId: 'sub_1' }, true));
    expect(JSON.parse(buildFollowUpModal(who, meta, true).private_metadata ?? '')).toEqual({ submissionId: 'sub_1' });
  });

  it('portal link modals with 150 contacts', () => {
    expectViewOk(buildEmailPortalLinkModal(contacts(150), { accountId: 'acc_1', responseUrl: long(4000) }, true));
    expectViewOk(buildRevokePortalLinksModal(contacts(150), { accountId: 'acc_1' }));
  });

  it('the refusal modal ("Not done") fits whatever the reason and the title', () => {
    const view = buildRefusalModal(long(100), `:warning: ${long(8000)}`);
    expect(viewProblems(view)).toEqual([]);
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe('Close');
  });
});

describe('settings and people builders under oversized and hostile input', () => {
  const hostileSettings: OrganizationSettings = {
    name: long(300),
    logoUrl: `https://evil.example/${long(3000)}`,
    brandColor: long(100),
    brandVoice: long(5000),
    timezone: 'Asia/Kathmandu',
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    portalMaxActive: 10,
    reviewSlaHours: 720,
    reminderSpacingDays: 30,
    reminderMaxCount: 10,
    handoffReminderHours: 720,
    defaultCsmChannelId: 'C0123ABCD',
    workspaceMembersCanView: true,
    executionNeedsApproval: true,
    approverMustDiffer: true,
  };

  it('Settings modal with every value too long, and the saved confirmation with every setting changed', () => {
    const view = buildSettingsModal(hostileSettings);
    expectViewOk(view);
    expect(view.blocks.filter((b) => b.type === 'input')).toHaveLength(SETTING_KEYS.length + 1);
    const saved = buildSettingsSavedModal({
      settings: hostileSettings,
      previous: { ...hostileSettings, name: long(300), defaultCsmChannelId: null, workspaceMembersCanView: false },
      changed: [...SETTING_KEYS],
    });
    expectViewOk(saved);
    expect(textOf(saved)).toContain('<#C0123ABCD>');
    expectViewOk(buildSettingsSavedModal({ settings: hostileSettings, previous: hostileSettings, changed: [] }));
  });

  it('the admins-only sentence names at most twenty admins, escaped', () => {
    const admins = many(60, (i) => ({ name: long(300), slackUserId: i % 2 ? `UADMIN${i}` : '<!channel>' }));
    const message = buildAdminsOnlyMessage('change the settings', admins);
    expectMessageOk(message);
    expect(message.text).not.toContain('<!channel>');
    expectMessageOk(buildAdminsOnlyMessage('change the settings', []));
  });

  it('People modal: 300 people with hostile names fit in 100 blocks, for an admin and read only', () => {
    const people = many(300, (i) => ({
      userId: `user_${i}`,
      slackUserId: i % 3 ? `U${i}ABC` : '<!here>',
      name: long(400),
      email: long(300),
      title: long(300),
      role: (['admin', 'csm', 'ae', 'viewer'] as const)[i % 4]!,
      member: true,
    }));
    for (const canManage of [true, false]) {
      for (const offset of [0, 150, 250, 299, 10_000, -5]) {
        const view = buildPeopleModal({ people, canManage, notice: long(5000), offset });
        expectViewOk(view);
      }
    }
    expectViewOk(buildPeopleModal({ people: [], canManage: true }));
  });

  it('People modal: every person is on exactly one page, reached from the first by Next and back by Previous', () => {
    const people = many(251, (i) => ({
      userId: `user_${i}`,
      slackUserId: `U${i}ABC`,
      name: `Person ${String(i).padStart(3, '0')}`,
      email: null,
      title: null,
      role: 'viewer' as const,
      member: true,
    }));
    const seen: string[] = [];
    let view = buildPeopleModal({ people, canManage: true });
    const pages = [view];
    for (;;) {
      seen.push(
        ...view.blocks
          .filter((b) => b.type === 'section' && 'accessory' in b)
          .map((b) => textOf(b).split('\n')[0] ?? ''),
      );
      const next = buttons(view).find((b) => b.label === 'Next →');
      if (!next) break;
      view = buildPeopleModal({ people, canManage: true, offset: Number(next.value) });
      pages.push(view);
    }
    expect(seen).toEqual(people.map((p) => `*${p.name}* · <@${p.slackUserId}>`));
    expect(pages).toHaveLength(Math.ceil(251 / PEOPLE_PER_PAGE));
    expect(textOf(pages.at(-1))).toContain(
      `Showing ${Math.floor(250 / PEOPLE_PER_PAGE) * PEOPLE_PER_PAGE + 1}–251 of 251`,
    );
    expect(JSON.parse(pages.at(-1)!.private_metadata!)).toEqual({
      offset: Math.floor(250 / PEOPLE_PER_PAGE) * PEOPLE_PER_PAGE,
    });
    const previous = findButton(pages.at(-1), '← Previous');
    expect(buildPeopleModal({ people, canManage: true, offset: Number(previous.value) })).toEqual(pages.at(-2));
    expect(buttons(pages[0]).map((b) => b.label)).toEqual(['Next →']);
    // A page past the end (people removed since) shows the last page; a small team has no page controls.
    expect(buildPeopleModal({ people, canManage: true, offset: 9999 })).toEqual(pages.at(-1));
    expect(buttons(buildPeopleModal({ people: people.slice(0, PEOPLE_PER_PAGE), canManage: true }))).toEqual([]);
  });
});

describe('asking a CSM for the address customers reply to', () => {
  it('the DM, the refusal with its button and the modal fit, whatever the refusal and the stored address', () => {
    expectMessageOk(buildReplyToEmailPrompt('user_1'));
    const refusal = buildRefusalWithReplyToButton(`:warning: ${long(8000)}`, 'user_1');
    expectMessageOk(refusal);
    expect(findButton(refusal.blocks, 'Set reply-to address').value).toBe('user_1');
    const view = buildReplyToEmailModal('user_1', `<!channel>${long(4000)}@example.com`);
    expectViewOk(view);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ id: 'user_1' });
  });
});

describe('telling the admins Thread cannot post in a channel', () => {
  it('names the channel as a Slack mention, escapes the account and anything that is not a channel id', () => {
    for (const error of ['not_in_channel', 'channel_not_found'] as const) {
      const notice = buildChannelInviteNotice({ channelId: 'C0CSMTEAM', error, accountName: long(3000) });
      expectMessageOk(notice);
      expect(textOf(notice.blocks)).toContain('type `/invite @Thread` in <#C0CSMTEAM>');
      expect(notice.text).toContain('/invite @Thread');
    }
    const odd = buildChannelInviteNotice({ channelId: '<!channel>', error: 'not_in_channel', accountName: 'Acme' });
    expectMessageOk(odd);
    expect(textOf(odd.blocks)).not.toContain('<#');
    expect(textOf(odd.blocks)).toContain('&lt;!channel&gt;');
  });
});

describe('welcoming the person who installed Thread', () => {
  it('escapes and cuts the workspace name and the admins, and says what changed', () => {
    for (const restored of [false, true])
      for (const installerIsAdmin of [true, false]) {
        const welcome = buildInstallWelcome({
          organizationName: `<!channel> <script>${long(3000)}`,
          installerIsAdmin,
          adminNames: [`<!here> ${long(400)}`, 'Ada'],
          restored,
        });
        expectMessageOk(welcome);
        expect(textOf(welcome.blocks)).not.toContain('<!channel>');
        expect(textOf(welcome.blocks)).not.toContain('<!here>');
        expect(welcome.text).not.toContain('<!channel>');
        expect(welcome.text).toContain(restored ? 'Thread is back in' : 'Thread is installed in');
        expect(textOf(welcome.blocks).includes('/thread settings')).toBe(installerIsAdmin);
      }
  });
});

const EVERY_STATUS: PlanAction['status'][] = ['completed', 'skipped', 'executed', 'ready', 'review_pending', 'pending'];

/**
 * A plan of `milestones` × `actions`, every name hostile and too long; `statusOf` gives each action's state (by
 * default every state in turn, each sixth one pending and started by hand).
 */
function hostilePlan(
  milestones: number,
  actions: number,
  over: Partial<PlanAction> = {},
  statusOf: (m: number, i: number) => PlanAction['status'] = (_m, i) => EVERY_STATUS[i % EVERY_STATUS.length]!,
): AccountPlan {
  return {
    accountId: 'acc_1',
    accountName: long(400),
    accountStatus: 'active',
    csmId: 'u1',
    kickoffDate: AT,
    goLiveDate: AT,
    timeZone: 'Europe/Berlin',
    milestones: many(milestones, (m) => ({
      id: `m${m}`,
      position: m,
      name: long(300),
      status: (['completed', 'in_progress', 'blocked', 'pending'] as const)[Math.min(m, 3)]!,
      plannedDays: 10,
      plannedStartDate: AT,
      plannedEndDate: AT,
      startedAt: m < 3 ? AT : null,
      completedAt: m === 0 ? AT : null,
      blockerNote: m === 2 ? long(5000) : null,
      actions: many(actions, (i) => ({
        id: `act_${m}_${i}`,
        key: `k${m}-${i}`,
        name: long(300),
        type: (['email', 'slack_message', 'portal_form', 'portal_document', 'internal_task'] as const)[i % 5]!,
        status: statusOf(m, i),
        triggerKind: i % 6 === 5 ? 'manual' : 'previous_action',
        delayDays: 2,
        afterActionKey: i > 0 ? `k${m}-${i - 1}` : null,
        dueAt: null,
        why: ['waits for ', { action: long(300) }, ' skipped by ', { person: long(200) }, ` ${long(500)}`],
        approvedAt: null,
        lastError: i % 2 ? long(3000) : null,
        lintFindings: [{ code: 'stand_in_text', severity: 'error', message: long(500) }] as PlanAction['lintFindings'],
        ...over,
      })),
    })),
  };
}

describe('the plan under oversized and hostile input', () => {
  it('five milestones of six actions, as an onboarding under way, fit whole with every control', () => {
    // Kickoff done; the second milestone has two drafts ready, one sent back, one sent; every milestone has an
    // action that starts by hand; the rest wait.
    const underWay = (m: number, i: number): PlanAction['status'] =>
      m === 0
        ? i % 2
          ? 'skipped'
          : 'completed'
        : m === 1
          ? (['ready', 'ready', 'review_pending', 'executed', 'pending', 'pending'] as const)[i]!
          : 'pending';
    const plan = hostilePlan(5, 6, {}, underWay);
    const message = buildPlan(plan, { canManage: true, notice: long(3000) });
    expectMessageOk(message);
    // Every milestone and every action is its own section: nothing told compactly, nothing left for another page.
    expect(message.blocks.filter((b) => b.type === 'section')).toHaveLength(1 + 5 + 30);
    expect(buttons(message.blocks).map((b) => b.actionId)).not.toContain(ACTIONS.planMore);
    expect(buttonLabels(message.blocks)).toEqual(expect.arrayContaining(['Start now', 'Approve', 'Add an action']));
    expect(menuOptions(message.blocks).map((o) => o.text)).toEqual(
      expect.arrayContaining([
        'Change due date',
        'Move',
        'Remove from the plan',
        'Add an action here',
        'Shift planned dates',
      ]),
    );
  });

  it('five milestones of six drafts all ready still fit, completed milestones told compactly', () => {
    const message = buildPlan(
      hostilePlan(5, 6, {}, () => 'ready'),
      { canManage: true },
    );
    expectMessageOk(message);
  });

  it('a plan too long for one message shows completed milestones compactly, then stops at a milestone with a button for the rest', () => {
    const plan = hostilePlan(12, 10);
    const message = buildPlan(plan, { canManage: true });
    expectMessageOk(message);
    const more = buttons(message.blocks).find((b) => b.actionId === ACTIONS.planMore);
    expect(more?.label).toMatch(/^Show milestones \d+–12$/);
    const next = Number(more!.value.split(':')[1]);
    const rest = buildPlan(plan, { canManage: true, fromMilestone: next });
    expectMessageOk(rest);
    expect(textOf(rest.blocks)).toContain(`Milestones 1–${next} are not shown here`);
  });

  it('one milestone with more actions than a message holds says how many are not shown', () => {
    // The second milestone (in progress) is shown from its start, on its own.
    const message = buildPlan(hostilePlan(2, 80), { canManage: true, fromMilestone: 1 });
    expectMessageOk(message);
    expect(textOf(message.blocks)).toMatch(/\d+ more actions of this milestone do not fit here/);
  });

  it('someone who may not change the plan sees it without menus or buttons that change it', () => {
    const message = buildPlan(hostilePlan(5, 6), { canManage: false });
    expectMessageOk(message);
    expect(menuOptions(message.blocks)).toEqual([]);
    expect(buttonLabels(message.blocks)).toEqual(['Timeline']);
  });

  it('an empty plan still reads', () => {
    expectMessageOk(buildPlan({ ...hostilePlan(0, 0) }, { canManage: true }));
    expectMessageOk(buildPlan(hostilePlan(3, 0), { canManage: true }));
  });

  it('the plan modals fit with 150 actions of hostile names, and a response URL too long for the metadata', () => {
    const plan = hostilePlan(5, 30);
    const responseUrl = `https://hooks.slack.com/${long(4000)}`;
    const addable = many(150, (i) => ({
      key: `t${i}`,
      name: long(300),
      type: 'email' as const,
      milestoneName: long(300),
    }));
    const actionId = 'act_3_5';
    for (const view of [
      buildAddPlanActionModal({ plan, addable, responseUrl }),
      buildAddPlanActionModal({ plan, addable: [], milestoneId: 'm4' }),
      buildMovePlanActionModal({ plan, actionId, responseUrl }),
      buildDueDateModal({ plan, actionId, now: AT, responseUrl }),
      buildDueDateModal({ plan: hostilePlan(5, 30, { dueAt: AT }), actionId, now: AT }),
      buildRemovePlanActionModal({ plan, actionId, responseUrl }),
      buildKickoffModal({ plan, responseUrl }),
      buildShiftMilestoneModal({ plan, milestoneId: 'm3', responseUrl }),
    ])
      expectViewOk(view);
    expect(JSON.parse(buildKickoffModal({ plan, responseUrl }).private_metadata ?? '')).toEqual({ accountId: 'acc_1' });
    expectMessageOk(buildRemovedActionCard(long(500), '<!channel>'));
  });
});

describe('handoff builders under oversized and hostile input', () => {
  /** Fifty questions of every kind, with labels, help and options as long and hostile as an admin could type. */
  function hostileQuestions(n = 50): HandoffQuestionView[] {
    return many(n, (i) => {
      const kind = HANDOFF_QUESTION_KINDS[i % HANDOFF_QUESTION_KINDS.length]!;
      const choice = kind === 'single_choice' || kind === 'multiple_choice';
      return {
        id: `q${i}`,
        key: `question_${i}_${'k'.repeat(30)}`,
        position: i,
        label: long(300),
        kind,
        required: i % 2 === 0,
        // Some choice questions with few options (checkboxes, radio buttons), some with many (selects).
        options: choice ? many(i % 4 === 0 ? 50 : 6, (j) => `${j} ${long(72)}`) : [],
        active: true,
        helpText: long(500),
        crmProperty: i % 3 === 0 ? 'amount' : null,
      };
    });
  }

  function hostileForm(questions = hostileQuestions()): HandoffForm {
    return {
      accountId: 'acc_1',
      accountName: long(500),
      organizationName: long(200),
      organization: { name: long(200), logoUrl: null, brandColor: '#4f46e5' },
      aeName: long(300),
      csmName: long(300),
      questions,
      prefill: Object.fromEntries(questions.map((q) => [q.key, q.kind === 'date' ? '2027-03-15' : 'x'])),
      prefilledFromCrm: true,
      submitted: null,
      startsPlan: true,
    };
  }

  it('the form splits fifty questions into steps, each question once, every step within Slack’s limits', () => {
    const form = hostileForm();
    const steps = handoffSteps(form.questions);
    expect(steps.length).toBe(Math.ceil(50 / QUESTIONS_PER_STEP));
    const seen: string[] = [];
    for (let i = 0; i < steps.length; i++) {
      const view = buildHandoffFormStep(form, i);
      expectViewOk(view);
      const inputs = view.blocks.filter((b) => b.type === 'input');
      expect(inputs.length).toBeLessThanOrEqual(QUESTIONS_PER_STEP);
      seen.push(...inputs.map((b) => String(b.block_id)));
      expect(view.submit?.text).toBe(i === steps.length - 1 ? 'Submit handoff' : 'Next');
      expect(JSON.parse(view.private_metadata ?? '')).toEqual({ accountId: 'acc_1', step: i });
    }
    expect(seen).toEqual(form.questions.map((q) => `handoff_q_${q.key}`));
    // A handoff that fits one view is one step.
    const small = buildHandoffFormStep(hostileForm(hostileQuestions(QUESTIONS_PER_STEP)), 0);
    expectViewOk(small);
    expect(small.submit?.text).toBe('Submit handoff');
    expectViewOk(buildHandoffFormStep(hostileForm([]), 0));
    expectMessageOk(alreadySubmittedMessage({ accountName: long(500), submitted: { byName: long(300), at: AT } }));
  });

  it('the AE’s DM, the CSM’s notes, the overdue notice and the handoff card escape everything and fit', () => {
    for (const kind of ['request', 'reminder'] as const) {
      const dm = buildHandoffRequest({
        accountId: 'acc_1',
        accountName: long(500),
        csmName: long(300),
        csmSlackUserId: '<!channel>',
        questions: 50,
        required: 25,
        kind,
        requestedAt: AT,
      });
      expectMessageOk(dm);
      expect(actionIds(dm.blocks)).toEqual([ACTIONS.handoffFill]);
    }
    for (const reached of ['slack', 'email', 'nobody'] as const)
      expectMessageOk(
        buildHandoffOpened({
          accountId: 'acc_1',
          accountName: long(500),
          csmUserId: 'u1',
          aeName: long(300),
          aeSlackUserId: '<!here>',
          reached,
          email: `${'e'.repeat(240)}@example.com`,
          problem: long(2000),
        }),
      );
    expectMessageOk(
      buildHandoffOverdue({
        accountId: 'acc_1',
        accountName: long(500),
        aeName: long(300),
        aeSlackUserId: null,
        requestedAt: AT,
        reminderHours: 720,
      }),
    );
    const notice = {
      organizationId: 'org',
      accountId: 'acc_1',
      accountName: long(500),
      csmUserId: 'u1',
      submittedByName: long(300),
      planStarted: true,
      kickoffDate: '2026-12-01',
    };
    expectMessageOk(buildHandoffCard(notice, hostileHandoff()));
    // Room is kept for the contradiction check's findings.
    const findings = many(20, () => mrkdwnSection(safe(long(2000), 2900)));
    const withFindings = buildHandoffCard({ ...notice, planStarted: false }, hostileHandoff(), findings);
    expectMessageOk(withFindings);
    expect(withFindings.blocks.length).toBeLessThanOrEqual(50);
  });

  it('the questions screen with fifty hostile questions, the editor, and Start plan anyway', () => {
    const questions = hostileQuestions();
    const screen = buildHandoffQuestionsModal(questions, `:warning: ${safe(long(500), 600)}`);
    expectViewOk(screen);
    expect(menuOptions(screen.blocks).filter((o) => o.text === 'Edit')).toHaveLength(50);
    // The first cannot move up, the last cannot move down.
    expect(menuOptions(screen.blocks).filter((o) => o.text === 'Move up')).toHaveLength(49);
    expectViewOk(buildHandoffQuestionsModal([]));
    expectViewOk(buildHandoffQuestionEditor());
    for (const q of questions.slice(0, 7)) expectViewOk(buildHandoffQuestionEditor(q));
    const start = buildStartWithoutHandoffModal({
      accountId: 'acc_1',
      accountName: long(500),
      aeName: long(300),
      responseUrl: `https://hooks.slack.com/actions/T1/${'9'.repeat(4000)}`,
    });
    expectViewOk(start);
    expect(JSON.parse(start.private_metadata ?? '')).toEqual({ accountId: 'acc_1' });
  });
});

describe('template suggestions under oversized and hostile input', () => {
  it('the suggestions modal with 200 long hostile suggestions, for an admin and read only, and a long notice', () => {
    const suggestions = many(200, (i) => ({
      id: `abc123.v2.kickoff-step-${i}`,
      templateId: 'tpl_1',
      templateName: long(400),
      templateVersion: 2,
      actionKey: `step-${i}`,
      side: 'customer' as const,
      accounts: 4,
      days: 19,
      sentence: long(4000),
      evidence: long(300),
      changeWords: long(3000),
      change: {
        kind: 'extend_milestone' as const,
        milestoneIndex: 1,
        milestoneName: long(300),
        fromDays: 5,
        toDays: 8,
      },
    }));
    for (const canAccept of [true, false]) {
      const view = buildSlipSuggestionsModal(
        { suggestions, canAccept, template: { id: 'tpl_1', name: long(500) } },
        { notice: long(5000) },
      );
      expectViewOk(view);
      expect(buttonLabels(view.blocks).every((l) => l === 'Accept')).toBe(true);
    }
    expectViewOk(buildSlipSuggestionsModal({ suggestions: [], canAccept: false, template: null }));
  });
});

describe('handoff findings under oversized and hostile input', () => {
  const suggestions: FindingSuggestion[] = [
    {
      kind: 'add_template_action',
      templateActionKey: 'configure-sso',
      actionName: long(500),
      milestoneName: long(300),
    },
    { kind: 'add_internal_task', name: long(500), instructions: long(4000), milestoneName: null },
    { kind: 'set_arr', arr: 1_000_000_000_000, currency: '<!channel>', dealAmount: 52_000 },
    { kind: 'add_contact', name: long(300), email: '<!channel>@evil.example', title: long(300) },
    { kind: 'move_kickoff', kickoffDate: '2027-03-05' },
    { kind: 'talk', text: long(5000) },
  ];
  const finding = (i: number, over: Partial<HandoffFindingView> = {}): HandoffFindingView => ({
    id: `cfinding${'x'.repeat(20)}${i}`,
    accountId: 'acc_1',
    rule: 'requirement_not_in_plan',
    source: i % 3 === 0 ? 'ai' : 'rules',
    severity: i % 2 ? 'info' : 'warning',
    message: long(3000),
    suggestion: suggestions[i % suggestions.length]!,
    status: 'open',
    decidedBy: null,
    decidedAt: null,
    outcome: null,
    createdAt: AT,
    ...over,
  });
  const decided = (i: number) =>
    finding(100 + i, {
      status: i % 2 ? 'dismissed' : 'accepted',
      decidedBy: i % 3 ? { name: long(300), slackUserId: null } : { name: 'Casey', slackUserId: 'UCSM0001' },
      decidedAt: AT,
      outcome: long(2000),
    });

  it('thirty open and forty decided fit in their share of the card, each shown one with Accept and Dismiss', () => {
    const blocks = handoffFindingBlocks([...many(30, (i) => finding(i)), ...many(40, decided)]);
    expectMessageOk({ text: 'Handoff', blocks });
    expect(blocks.length).toBeLessThanOrEqual(MAX_FINDING_BLOCKS);
    const shown = buttons(blocks);
    expect(shown.length).toBe(18);
    expect(shown.filter((b) => b.label === 'Accept').map((b) => b.value)).toEqual(many(9, (i) => finding(i).id));
    expect(new Set(shown.map((b) => b.actionId))).toEqual(new Set([ACTIONS.findingAccept, ACTIONS.findingDismiss]));
    const text = textOf(blocks);
    expect(text).toContain('30 to decide');
    expect(text).toContain('…and 21 more to decide');
    expect(text).toContain('_Suggested by Claude_');
    expect(text).toContain('Accepted by <@UCSM0001>');
    expect(text).toContain('earlier decisions not shown');
  });

  it('every kind of fix reads in words, escaped', () => {
    const blocks = handoffFindingBlocks(suggestions.map((_, i) => finding(i)));
    expectMessageOk({ text: 'Handoff', blocks });
    const text = textOf(blocks);
    expect(text).toContain('from the template to');
    expect(text).toContain('to the plan.');
    expect(text).toContain("Set the account's ARR to 1,000,000,000,000;");
    expect(text).toContain('&lt;!channel&gt;@evil.example');
    expect(text).toContain('Move the kickoff to 5 March 2027');
    expect(text).toContain('Accept records that you take it on');
  });

  it('only decided findings, and none', () => {
    const blocks = handoffFindingBlocks([decided(0), decided(1)]);
    expectMessageOk({ text: 'Handoff', blocks });
    expect(buttons(blocks)).toEqual([]);
    expect(textOf(blocks)).toContain('every finding is decided');
    expect(handoffFindingBlocks([])).toEqual([]);
  });

  it('a decision replaces the findings in place inside the card around them, and a message without them is left alone', () => {
    const card = [
      { type: 'header', block_id: 'card_head', text: { type: 'plain_text', text: 'Handoff' } },
      ...handoffFindingBlocks([finding(0), finding(1)]),
      { type: 'context', block_id: 'card_foot', elements: [{ type: 'mrkdwn', text: 'foot' }] },
    ];
    const updated = withHandoffFindings(card, 'Handoff', [decided(0), finding(1)])!;
    expectMessageOk(updated);
    expect(updated.blocks[0]).toEqual(card[0]);
    expect(updated.blocks.at(-1)).toEqual(card.at(-1));
    expect(buttons(updated.blocks).map((b) => b.value)).toEqual([finding(1).id, finding(1).id]);
    expect(textOf(updated.blocks)).toContain('Accepted by <@UCSM0001>');
    expect(withHandoffFindings([card[0], card.at(-1)], 'Handoff', [finding(0)])).toBeNull();
    expect(withHandoffFindings(undefined, 'Handoff', [finding(0)])).toBeNull();
  });
});

describe('HubSpot connector builders under oversized and hostile input', () => {
  const status = {
    connected: true,
    source: 'settings' as const,
    notConnected: long(3000),
    portalId: long(200),
    webhooks: false,
    lastSyncAt: AT,
    lastSuccessAt: AT,
    lastWebhookAt: AT,
    lastError: { message: long(5000), at: AT, during: long(100) },
    rules: many(10, () => long(2000)),
    writeBack: {
      propertiesReadyAt: AT,
      lastWriteBackAt: AT,
      lastWriteBackError: { message: long(5000), at: AT },
      accountsWaiting: 10_000,
      accountsRetrying: 9_999,
    },
  };

  it('keeps the Connectors modal, the Connect form and their answers within limits, escaping what HubSpot said', () => {
    expectViewOk(
      buildConnectorsModal(status, {
        publicUrl: `https://x.example/${long(3000)}`,
        notice: { ok: false, text: long(5000) },
      }),
    );
    expectViewOk(buildConnectorsModal({ ...status, connected: false, source: null, portalId: null, lastError: null }));
    expectViewOk(buildHubSpotConnectModal(long(5000)));
    expectViewOk(buildHubSpotConnectModal());
    expectViewOk(buildHubSpotCheckingModal());
    expectViewOk(buildHubSpotConnectedModal({ portalId: long(300), webhooks: true }));
    expectViewOk(buildHubSpotRulesLoadingModal());
    expectViewOk(buildHubSpotRulesSavedModal(many(20, () => long(4000))));
  });

  it('fits any number of pipelines, stages, CSMs and templates into one rules form', () => {
    const view = buildHubSpotRulesModal({
      rules: {
        triggerStages: { p0: ['s0'] },
        csm: { kind: 'by_owner', owners: { 'ae@x.example': 'u0' }, fallbackUserId: 'u1' },
        template: { byPipeline: { p0: 't0' }, byProperty: { property: long(300), values: { [long(200)]: long(200) } } },
        arrProperty: long(300),
      },
      pipelines: many(60, (i) => ({
        id: `p${i}`,
        label: long(400),
        displayOrder: i,
        stages: many(120, (j) => ({
          id: `s${j}`,
          label: long(200),
          displayOrder: j,
          isClosed: j > 100,
          probability: 1,
        })),
      })),
      pipelinesProblem: long(3000),
      templates: [...many(120, (i) => `${EVIL} ${i}`), long(400)],
      csms: many(150, (i) => ({ userId: `u${i}`, name: long(300), email: `${long(80)}@x.example` })),
    });
    expectViewOk(view);
    expect(textOf(view)).toContain('Only the first 25 pipelines fit here');
    // Nothing is cut off the end: the last field is still there.
    expect(view.blocks.at(-1)?.block_id).toBe(HUBSPOT_FIELDS.arrProperty);
  });
});

describe('analytics builders under oversized and hostile input', () => {
  const views = (): AnalyticsSectionView[] =>
    sampleSections(60).map((section) => ({
      section,
      title: long(200),
      note: long(400),
      scopeLabel: long(800),
      periodLabel: long(100),
      period: '2026-q3',
      templateId: 'x'.repeat(60),
      asOf: AT,
      chart: {
        url: `https://thread.test/analytics/charts/${'x'.repeat(2000)}.png`,
        altText: chartAltText(section, long(100)),
      },
      exportToken: 't'.repeat(1500),
    }));

  it('keeps App Home → Analytics and /thread analytics within limits, escaping every name', () => {
    expectViewOk(buildAnalyticsHome({ slots: views() }));
    expectMessageOk(buildAnalyticsMessage({ scopeLabel: long(800), asOf: AT, sections: views() }));
  });

  it('keeps the CSV link message within limits', () => {
    expectMessageOk(
      buildAnalyticsCsvMessage({
        section: 'accounts_at_risk',
        title: long(300),
        scopeLabel: long(800),
        url: 'https://thread.test/analytics/csv/a.csv?expires=1&sig=b',
        fileName: long(300),
        expiresAt: AT,
      }),
    );
  });
});

describe('portal requests in the shared channel', () => {
  it('the post, the answer modal and every reply stay within limits with hostile text', () => {
    for (const outcome of ['answered', 'withdrawn'] as const)
      expectMessageOk(
        buildCustomerChannelRequestClosed({
          actionId: 'act_1',
          accountId: 'acc_1',
          channel: 'CSHARED01',
          ts: '1.000100',
          kind: 'form',
          title: long(),
          purpose: long(),
          organizationName: long(),
          csmName: long(),
          outcome,
        }),
      );
    for (const kind of ['form', 'document'] as const)
      expectMessageOk(
        buildCustomerChannelRequest({
          actionId: 'act_1',
          accountId: 'acc_1',
          channel: 'CSHARED01',
          kind,
          title: long(),
          purpose: long(),
          organizationName: long(),
          csmName: long(),
        }),
      );
    const kinds = ['text', 'long_text', 'email', 'url', 'number', 'date', 'select', 'checkbox'] as const;
    const fields = many(98, (i) => ({
      key: `q${i}`,
      label: long(),
      kind: kinds[i % kinds.length]!,
      required: i % 2 === 0,
      help: long(),
      options: many(150, (j) => `${long(300)} ${j}`),
    }));
    const form = { kind: 'form' as const, actionId: 'act_1', title: long(), purpose: long(), accountName: long() };
    expectViewOk(buildAnswerFormModal({ ...form, fields }, 'CSHARED01'));
    expectViewOk(buildAnswerFormModal({ ...form, fields: [...fields, ...fields] }, 'CSHARED01'));
    const refused = { accountName: long(), organizationName: long() };
    expectMessageOk(buildVendorSideRefusal(refused));
    expectViewOk(buildVendorSideRefusalModal(refused));
    expectViewOk(buildAnswerThanksModal(long()));
    expectMessageOk(
      buildOpenPortalReply({ kind: 'link', url: `https://t.test/portal/${long(100)}`, expiresAt: AT, title: long() }),
    );
    expectMessageOk(buildOpenPortalReply({ kind: 'no_contact', title: long(), accountName: long() }));
  });
});

describe('coverage of this file', () => {
  it('exercises every message and view builder in src/slack/blocks', () => {
    const dir = path.resolve(__dirname, '../../../src/slack/blocks');
    const builders = readdirSync(dir).flatMap((file) =>
      [
        ...readFileSync(path.join(dir, file), 'utf8').matchAll(
          /^export function (build\w+|markSubmissionReviewed|withRetryOutcome)\(/gm,
        ),
      ].map((m) => m[1]!),
    );
    expect(builders.length).toBeGreaterThan(20);
    // Called here with hostile input, not only imported (an import names it without a parenthesis).
    const here = readFileSync(__filename, 'utf8');
    expect(builders.filter((name) => !here.includes(`${name}(`))).toEqual([]);
  });
});
