/**
 * The integrations and requirements an AE commonly promises, the words that name them in the handoff, and the words
 * that show a plan action covers them. Matching is by keywords on purpose: the rule must be explainable ("the
 * handoff names SSO and no action's name mentions SSO, SAML or single sign-on"), and a CSM who finds it wrong
 * dismisses it.
 */
import { clip } from './read-answers';

export interface Requirement {
  id: string;
  /** How messages name it: "SSO", "a data import". */
  name: string;
  /** Words in the AE's answers that name it. */
  named: RegExp[];
  /** Words in an action's name or key that show the action covers it. */
  coveredBy: RegExp[];
  /** The milestone an ad-hoc task for it belongs in, by words in the milestone's name. */
  milestone: RegExp;
  /** The name of the ad-hoc internal task when the template has no action for it. */
  taskName: string;
}

const SETUP_MILESTONE = /technical|setup|set-up|integration|implementation/i;

export const REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'sso',
    name: 'SSO',
    named: [
      /\bsso\b/i,
      /single[\s-]?sign[\s-]?on/i,
      /\bsaml\b/i,
      /\bokta\b/i,
      /\bazure[\s-]?ad\b/i,
      /\bentra\b/i,
      /\bonelogin\b/i,
      /\badfs\b/i,
    ],
    coveredBy: [/\bsso\b/i, /single[\s-]?sign[\s-]?on/i, /\bsaml\b/i, /\bokta\b/i, /identity provider/i, /\bidp\b/i],
    milestone: SETUP_MILESTONE,
    taskName: 'Set up single sign-on',
  },
  {
    id: 'scim',
    name: 'SCIM user provisioning',
    named: [/\bscim\b/i, /user provisioning/i, /auto[\s-]?provision/i],
    coveredBy: [/\bscim\b/i, /provisioning/i],
    milestone: SETUP_MILESTONE,
    taskName: 'Set up SCIM user provisioning',
  },
  {
    id: 'data_import',
    name: 'a data import',
    named: [
      /\bdata[\s-]?(import|migration|load)/i,
      /\bimport(s|ing)?\b/i,
      /\bmigrat(e|es|ion|ing)\b/i,
      /\bcsv\b/i,
      /bulk upload/i,
    ],
    coveredBy: [/\bimport/i, /\bmigrat/i, /\bcsv\b/i, /\bdata[\s-]?(load|export|upload)/i],
    milestone: /implementation|migration|data|setup/i,
    taskName: 'Plan and run the data import',
  },
  {
    id: 'api',
    name: 'API access',
    named: [/\bapis?\b/i, /\bwebhooks?\b/i],
    coveredBy: [/\bapis?\b/i, /\bwebhooks?\b/i, /\bdeveloper/i],
    milestone: SETUP_MILESTONE,
    taskName: 'Set up API access',
  },
  {
    id: 'salesforce',
    name: 'the Salesforce integration',
    named: [/\bsalesforce\b/i, /\bsfdc\b/i],
    coveredBy: [/\bsalesforce\b/i, /\bsfdc\b/i, /\bcrm\b/i],
    milestone: SETUP_MILESTONE,
    taskName: 'Set up the Salesforce integration',
  },
];

/**
 * Words that, before the requirement in the same clause (commas and "but" end a clause), or as "not needed"
 * anywhere in it, take it back: "No SSO, but a CSV import" names the import only.
 */
const NEGATION_BEFORE = /\b(no|not|without|don'?t|do not|doesn'?t|does not|won'?t|will not|never|n\/a|excluding)\b/i;
const NEGATION_ANYWHERE = /\b(not (needed|required|in scope|necessary)|no need|out of scope|later phase)\b/i;

/** The first place a requirement is named without being taken back, as the clause that names it; null if none. */
export function mentionOf(requirement: Requirement, text: string): string | null {
  const clauses = clip(text).split(/[\n.;!?,]+|\bbut\b/i);
  for (const clause of clauses) {
    if (NEGATION_ANYWHERE.test(clause)) continue;
    for (const pattern of requirement.named) {
      const match = pattern.exec(clause);
      if (!match) continue;
      if (NEGATION_BEFORE.test(clause.slice(0, match.index))) continue;
      return clause.trim();
    }
  }
  return null;
}

/** An action's name and key as words: "configure-sso" reads "configure sso". */
function actionWords(action: { key: string; name: string }): string {
  return `${action.name} ${action.key.replace(/[-_.]+/g, ' ')}`;
}

export function covers(requirement: Requirement, action: { key: string; name: string }): boolean {
  const words = actionWords(action);
  return requirement.coveredBy.some((p) => p.test(words));
}
