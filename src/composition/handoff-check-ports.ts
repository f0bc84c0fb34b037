/**
 * The contradiction check's wiring: Claude joins the offline rules when ANTHROPIC_API_KEY is set. `checkHandoffHook`
 * is what the handoff submission's `deps.checkHandoff` is given (the lead wires it where the handoff services are
 * composed), so the check runs once the handoff is committed.
 */
import type { Config } from '../config';
import { createAnthropicContradictionFinder } from '../connectors/anthropic/anthropic-contradiction-finder';
import type { ServiceContext } from '../services/context';
import { checkHandoff } from '../services/handoff/check-handoff';
import type { ContradictionFinder } from '../services/handoff/contradiction-finder-port';

export function createContradictionFinder(config: Config): ContradictionFinder | undefined {
  if (!config.anthropic) return undefined;
  return createAnthropicContradictionFinder({
    apiKey: config.anthropic.apiKey,
    baseUrl: config.anthropic.baseUrl,
    model: config.anthropic.model,
  }) satisfies ContradictionFinder;
}

export function checkHandoffHook(ctx: ServiceContext, config: Config) {
  const findContradictions = createContradictionFinder(config);
  return (o: { organizationId: string; accountId: string }) => checkHandoff(ctx, { findContradictions }, o);
}
