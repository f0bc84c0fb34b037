import { buildPlaceholderVars, renderPlaceholders } from '../../domain/placeholders';
import type { PortalFrame } from './load-portal-frame';

/**
 * The sentence introducing a request: the draft the CSM approved when there is one, else the template's text
 * with the account's facts filled in. Text still holding a placeholder is not shown rather than shown broken.
 */
export function portalRequestIntro(
  frame: PortalFrame,
  action: { draftBody: string | null; defaultBody: string },
): string | null {
  const source = action.draftBody ?? action.defaultBody;
  if (!source.trim()) return null;
  const vars = buildPlaceholderVars({
    account: {
      name: frame.account.name,
      domain: frame.account.domain,
      kickoffDate: frame.account.kickoffDate,
      goLiveDate: frame.account.goLiveDate,
    },
    contact: frame.contact,
    csm: frame.csm ? { name: frame.csm.name, email: frame.csm.email ?? '' } : null,
    timeZone: frame.timeZone,
  });
  const rendered = renderPlaceholders(source, vars);
  return rendered.unfilled.length > 0 ? null : rendered.text.trim();
}
