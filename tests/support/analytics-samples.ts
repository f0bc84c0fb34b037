/** One of every analytics section, with hostile and over-long names, for the builder and renderer tests. */
import type { AnalyticsSection } from '../../src/domain/analytics';

export const HOSTILE = '<!channel> <script>alert(1)</script> & =HYPERLINK("x") ' + 'very long name '.repeat(30);

export function sampleSections(rows = 3): AnalyticsSection[] {
  const n = Array.from({ length: rows }, (_, i) => i);
  return [
    {
      id: 'ttv_by_template',
      rows: n.map((i) => ({
        group: i === 0 ? HOSTILE : `Template ${i}`,
        accounts: 3 + i,
        medianDays: 30.5 + i,
        p90Days: 44 + i,
      })),
    },
    {
      id: 'ttv_by_csm',
      rows: n.map((i) => ({ group: `CSM ${i} ${HOSTILE}`, accounts: 2, medianDays: 20, p90Days: null })),
    },
    {
      id: 'on_time_by_milestone',
      rows: n.map((i) => ({
        position: i,
        milestone: `Milestone ${i} <@UEVIL>`,
        completed: 6,
        onTime: 4,
        rate: 4 / 6,
        medianActualDays: 6,
        medianPlannedDays: 5,
      })),
    },
    {
      id: 'blockers_by_cause',
      rows: [
        { cause: 'customer', blocks: 5, accounts: 4, open: 1, medianDays: 3.5 },
        { cause: 'us', blocks: 1, accounts: 1, open: 0, medianDays: 1 },
        { cause: 'third_party', blocks: 2, accounts: 2, open: 2, medianDays: null },
      ],
    },
    {
      id: 'slip_by_side',
      rows: [
        { side: 'customer', days: 8, accounts: 3, share: 8 / 12 },
        { side: 'us', days: 3, accounts: 2, share: 3 / 12 },
        { side: 'third_party', days: 1, accounts: 1, share: 1 / 12 },
      ],
    },
    {
      id: 'csm_workload',
      rows: n.map((i) => ({
        csm: `CSM ${i} &amp; <!here>`,
        activeAccounts: 10 - i,
        draftsWaiting: i,
        overdueActions: 2,
      })),
    },
    {
      id: 'kickoff_cohorts',
      rows: n.map((i) => ({
        month: `2026-0${i + 1}`,
        kickedOff: 10,
        live: 5,
        onboarding: 4,
        churned: 1,
        medianProgressPct: 60,
      })),
    },
    {
      id: 'accounts_at_risk',
      rows: n.map((i) => ({
        accountId: `acc${i}`,
        account: `${HOSTILE} ${i}`,
        csm: i ? 'Casey' : null,
        status: i ? 'active' : 'at_risk',
        daysBehind: 9 - i,
        milestone: i ? 'Training' : null,
      })),
    },
  ];
}
