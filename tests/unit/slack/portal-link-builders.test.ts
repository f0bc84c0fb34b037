import type { View } from '@slack/types';
import type { PortalContacts } from '../../../src/services/portal/list-portal-contacts';
import type { SentPortalLink } from '../../../src/services/portal/send-portal-link';
import type { AccountOverview } from '../../../src/services/accounts/get-account-overview';
import { buildAccountCard } from '../../../src/slack/blocks/account-card';
import { buildEmailPortalLinkModal, buildRevokePortalLinksModal } from '../../../src/slack/blocks/portal-link-modals';
import {
  buildPortalLinkSentMessage,
  buildPortalLinksRevokedMessage,
} from '../../../src/slack/blocks/portal-link-replies';
import { stringsIn, textOf } from '../../support/block-kit';
import { accountFiguresWith } from '../../support/account-figures-fixture';
import { escapingProblems, limitProblems, viewProblems } from './block-kit-limits';

const EVIL = '<!channel> <@UEVIL> <https://evil.example|your bank> & 🎉';
const long = (n: number) => `${EVIL} `.repeat(Math.ceil(n / EVIL.length)).slice(0, n);
const AT = new Date('2026-12-24T10:00:00Z');

function contacts(n: number, activeLinks = 1): PortalContacts {
  return {
    accountId: 'acc_1',
    accountName: long(400),
    contacts: Array.from({ length: n }, (_, i) => ({
      id: `c${i}`,
      name: long(300),
      email: `${'x'.repeat(60)}${i}@example.org`,
      isPrimary: i === 0,
      activeLinks,
    })),
  };
}

function expectMessageOk(message: { text: string; blocks: object[] }) {
  expect(limitProblems(message.blocks, 50)).toEqual([]);
  expect(escapingProblems(message.blocks)).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
}

function expectViewOk(view: View) {
  expect(viewProblems(view)).toEqual([]);
  expect(escapingProblems(view.blocks)).toEqual([]);
}

describe('portal link buttons and modals under Block Kit limits', () => {
  it('the account card carries Email portal link and Revoke portal links within 50 blocks and short button texts', () => {
    const a: AccountOverview = {
      id: 'acc_1',
      name: long(500),
      status: 'active',
      arr: 1000,
      csmId: 'u1',
      csmName: 'Priya',
      csmSlackUserId: null,
      milestonesDone: 0,
      milestonesTotal: 3,
      currentMilestone: { id: 'm1', name: 'Setup', status: 'in_progress', plannedEndDate: AT },
      nextActions: [],
      blockers: [],
      draftsWaiting: 0,
      contacts: [],
      figures: accountFiguresWith('On track', AT),
      csmChannelId: null,
      customerChannelId: null,
      riskSuggestion: null,
      live: null,
      churn: null,
      kickoffDate: AT,
      handoff: {
        accountId: 'acc_1',
        accountName: 'Acme',
        accountStatus: 'active',
        state: 'none',
        aeUserId: null,
        aeName: null,
        aeSlackUserId: null,
        csmUserId: 'u1',
        requestedAt: null,
        submittedAt: null,
        submittedByName: null,
        submittedBySlackUserId: null,
        startedWithout: null,
        answers: [],
        recorded: false,
      },
      hubspotCompanyUrl: null,
    };
    const card = buildAccountCard(a);
    expectMessageOk(card);
    const buttons = JSON.stringify(card.blocks);
    expect(buttons).toContain('"action_id":"account_portal_email"');
    expect(buttons).toContain('"action_id":"account_portal_revoke"');
  });

  it('the contact picker lists at most 100 contacts with option texts of at most 75 characters, primary preselected', () => {
    const view = buildEmailPortalLinkModal(
      contacts(150),
      { accountId: 'acc_1', responseUrl: 'https://hooks.slack.com/actions/T1/1/abc' },
      true,
    );
    expectViewOk(view);
    const select = (view.blocks[1] as { element: { options: { value: string }[]; initial_option: { value: string } } })
      .element;
    expect(select.options).toHaveLength(100);
    expect(select.initial_option.value).toBe('c0');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({
      accountId: 'acc_1',
      responseUrl: 'https://hooks.slack.com/actions/T1/1/abc',
    });
  });

  it('with email off the picker says nothing will be emailed and offers to create the link', () => {
    const view = buildEmailPortalLinkModal(contacts(2), { accountId: 'acc_1' }, false);
    expect(view.submit?.text).toBe('Create link');
    expect(textOf(view.blocks)).toContain('Email is off');
  });

  it('the revoke confirmation counts the live links and offers a picker only when several contacts hold one', () => {
    const one = buildRevokePortalLinksModal({ ...contacts(1, 3), accountName: 'Helios' }, { accountId: 'acc_1' });
    expectViewOk(one);
    expect(textOf(one.blocks)).toContain('3 active links');
    expect(one.blocks.some((b) => 'block_id' in b)).toBe(false);
    const several = buildRevokePortalLinksModal(contacts(150, 2), { accountId: 'acc_1' });
    expectViewOk(several);
    expect(textOf(several.blocks)).toContain('All contacts (300 active links)');
  });

  it('the replies escape customer text and state plainly when nothing was emailed', () => {
    const sent: SentPortalLink = {
      link: {
        url: 'http://thread.test/portal/tok',
        portalAccessId: 'p1',
        contactId: 'c1',
        contactEmail: 'a@b.test',
        contactName: long(500),
        expiresAt: AT,
      },
      emailedTo: null,
      notEmailedBecause: 'email is off (SMTP_URL and EMAIL_FROM are not set)',
      messageId: null,
    };
    const off = buildPortalLinkSentMessage(sent);
    expectMessageOk(off);
    expect(off.text).toContain('Not emailed: email is off');
    expect(textOf(off.blocks)).toContain('`http://thread.test/portal/tok`');
    const on = buildPortalLinkSentMessage({
      ...sent,
      emailedTo: 'a@b.test',
      notEmailedBecause: null,
      messageId: '<m@x>',
    });
    expectMessageOk(on);
    expect(stringsIn(on.blocks)).not.toContain('portal/tok');
    expectMessageOk(buildPortalLinksRevokedMessage({ accountName: long(400), contactEmail: 'a@b.test', revoked: 2 }));
    expect(buildPortalLinksRevokedMessage({ accountName: 'Helios', revoked: 1 }).text).toBe(
      'Revoked 1 portal link of Helios. Whoever opens it now is asked to get a new link from their customer success manager.',
    );
  });
});
