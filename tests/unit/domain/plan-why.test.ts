import { actionWhy, daysAgo, formatLocalTime, whyText, type WhyFacts } from '../../../src/domain/plan-why';

const BERLIN = 'Europe/Berlin';
// Monday 13 March 2028, 10:00 in Berlin.
const NOW = new Date('2028-03-13T09:00:00Z');
const clock = { now: NOW, timeZone: BERLIN };

function facts(over: Partial<WhyFacts> = {}): WhyFacts {
  return {
    status: 'pending',
    type: 'email',
    triggerKind: 'previous_action',
    delayDays: 0,
    afterActionKey: 'kickoff-call',
    waitsOn: { name: 'Kickoff call' },
    dueAt: null,
    waitingReason: null,
    executedAt: null,
    approvedAt: null,
    lastError: null,
    doneBy: null,
    milestoneStatus: 'in_progress',
    ...over,
  };
}

const why = (over: Partial<WhyFacts> = {}) => whyText(actionWhy(facts(over), clock));

describe('why an action of the plan stands where it stands', () => {
  it('a pending action waiting on another names it, and its delay', () => {
    expect(why()).toBe('waits for *Kickoff call*');
    expect(why({ delayDays: 2 })).toBe('waits for *Kickoff call*, then 2 business days');
    expect(actionWhy(facts(), clock)).toEqual(['waits for ', { action: 'Kickoff call' }]);
  });

  it('a due action says when, in the organisation’s zone, with the year only when it is not this year', () => {
    expect(why({ dueAt: new Date('2028-03-14T08:00:00Z') })).toBe('due Tue 14 Mar 09:00');
    expect(why({ dueAt: new Date('2029-01-02T08:00:00Z') })).toBe('due Tue 2 Jan 2029 09:00');
  });

  it('a due time already passed says it fires on the next tick', () => {
    expect(why({ dueAt: new Date('2028-03-13T07:00:00Z') })).toBe('due since Mon 13 Mar 08:00, fires on the next tick');
  });

  it('a portal request held by the throttle says why', () => {
    expect(why({ type: 'portal_form', dueAt: NOW, waitingReason: 'waiting: 3 portal requests open' })).toBe(
      'held: 3 portal requests open',
    );
  });

  it('an email sent and not answered says how long ago, in calendar days of the zone', () => {
    expect(why({ status: 'executed', executedAt: new Date('2028-03-11T09:00:00Z') })).toBe(
      'sent 2 days ago, no reply yet',
    );
    expect(why({ status: 'executed', executedAt: new Date('2028-03-12T22:30:00Z') })).toBe(
      'sent yesterday, no reply yet',
    );
    expect(why({ status: 'executed', type: 'portal_document', executedAt: NOW })).toBe('sent today, no answer yet');
  });

  it('a completed customer-facing action was completed by the customer; an internal task by the person', () => {
    expect(why({ status: 'completed', type: 'portal_form', doneBy: { kind: 'customer' } })).toBe(
      'completed by the customer',
    );
    expect(why({ status: 'completed', type: 'email', doneBy: { kind: 'person', name: 'Casey' } })).toBe(
      'completed by the customer (marked by Casey)',
    );
    expect(why({ status: 'completed', type: 'internal_task', doneBy: { kind: 'person', name: 'Casey' } })).toBe(
      'done by Casey',
    );
  });

  it('a skipped action names who skipped it', () => {
    expect(why({ status: 'skipped', doneBy: { kind: 'person', name: 'Dana Scully' } })).toBe('skipped by Dana Scully');
    expect(why({ status: 'skipped', doneBy: { kind: 'cli' } })).toBe('skipped from the command line');
    expect(why({ status: 'skipped' })).toBe('skipped');
  });

  it('an action counted from its milestone’s start waits for the milestone to start', () => {
    expect(
      why({ triggerKind: 'milestone_start', afterActionKey: null, waitsOn: null, milestoneStatus: 'pending' }),
    ).toBe('waits for the milestone to start');
    expect(why({ triggerKind: 'previous_action', afterActionKey: null, waitsOn: null, delayDays: 1 })).toBe(
      'waits for the milestone to start, then 1 business day',
    );
  });

  it('a manual action starts by hand; a submission trigger waits for the customer’s answer', () => {
    expect(why({ triggerKind: 'manual', afterActionKey: null, waitsOn: null })).toBe('starts by hand');
    expect(why({ triggerKind: 'submission', afterActionKey: 'tech', waitsOn: { name: 'Technical details' } })).toBe(
      'waits for the customer to answer *Technical details*',
    );
  });

  it('drafts say what they wait for', () => {
    expect(why({ status: 'ready' })).toBe('draft ready for review');
    expect(why({ status: 'ready', approvedAt: NOW })).toBe('approved, ready to execute');
    expect(why({ status: 'ready', lastError: 'SMTP said no' })).toBe('the last send failed, ready to retry');
    expect(why({ status: 'review_pending' })).toBe('changes requested, waiting for a new draft');
    expect(why({ status: 'executing' })).toBe('being sent now');
  });

  it('a trigger whose action left the plan says so instead of naming nothing', () => {
    expect(why({ waitsOn: null })).toBe('waits for an action that is no longer in the plan');
  });
});

describe('time words', () => {
  it('formats a local time across a DST change in the zone', () => {
    // Berlin moves to summer time on 26 March 2028.
    expect(formatLocalTime(new Date('2028-03-27T07:00:00Z'), BERLIN, NOW)).toBe('Mon 27 Mar 09:00');
  });

  it('counts days ago by the zone’s calendar', () => {
    expect(daysAgo(new Date('2028-03-13T00:30:00Z'), NOW, BERLIN)).toBe('today');
    expect(daysAgo(new Date('2028-03-06T09:00:00Z'), NOW, BERLIN)).toBe('7 days ago');
  });
});
