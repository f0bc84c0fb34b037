import type { SlackMessage } from './slack-message';
import { context, header, mrkdwnSection, safe } from './text';

export interface InstallWelcome {
  organizationName: string;
  /** The installer is a Thread admin (the first install made them one). */
  installerIsAdmin: boolean;
  /** Thread's admins, named for an installer who is not one. */
  adminNames: string[];
  /** A reinstall: the organisation's data was kept and is back. */
  restored: boolean;
}

/**
 * The DM the person who installed Thread gets at once: what happened, and the first steps. An admin's first steps are
 * settings, people and a template; someone who reinstalled without being an admin is told whom to ask.
 */
export function buildInstallWelcome(w: InstallWelcome): SlackMessage {
  const org = safe(w.organizationName, 150);
  const opening = w.restored
    ? `Thread is back in *${org}*. Everything it knew (accounts, plans, people, settings) was kept and is here again.`
    : `Thread is installed in *${org}*. It runs your customer onboarding from Slack: plans, review cards, the customer portal.`;
  const steps = w.installerIsAdmin
    ? [
        'You are Thread’s admin here. First steps:',
        '1. `/thread settings`: your company name, logo, timezone and the default CSM channel for review cards.',
        '2. `/thread people`: add your CSMs (and AEs) with their roles; nobody else gets in.',
        '3. `/thread new`: start the first customer onboarding. `/thread help` lists everything.',
        'Invite Thread to each CSM channel with `/invite @Thread`.',
      ]
    : [
        `Thread’s admins here are ${safe(w.adminNames.join(', ') || 'not set yet', 500)}: ask them to add you.`,
        '`/thread help` shows what you can do.',
      ];
  return {
    text: w.restored ? `Thread is back in ${org}.` : `Thread is installed in ${org}.`,
    blocks: [
      header(w.restored ? 'Thread is back' : 'Welcome to Thread'),
      mrkdwnSection(opening),
      mrkdwnSection(steps.join('\n')),
      context('You got this message because you installed Thread in Slack.'),
    ],
  };
}
