/** The reasons stored with an at-risk suggestion (services/scheduler/suggest-at-risk.ts), read defensively: it is JSON. */
export function riskSuggestionReasons(stored: unknown): string[] {
  if (typeof stored !== 'object' || stored === null || !('reasons' in stored) || !Array.isArray(stored.reasons)) {
    return [];
  }
  return stored.reasons.flatMap((r: unknown) =>
    typeof r === 'object' && r !== null && 'message' in r && typeof r.message === 'string' ? [r.message] : [],
  );
}
