import { z } from 'zod';
import { triggerStagesOf } from '../../domain/hubspot-rules';
import { AppError, isAppError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { parseOptions } from '../errors/parse-options';
import { actingPersonSchema, assertCapability, loadActingPerson } from '../people/acting-person';
import { loadHubSpotConnection } from './hubspot-connection';
import type { HubSpotDeps } from './hubspot-deps';
import { recordHubSpotOutcome } from './record-hubspot-outcome';

const optionsSchema = z.object({ organizationId: z.string().min(1), actor: actingPersonSchema });

export interface HubSpotTestResult {
  ok: boolean;
  /** What the test found, or what went wrong, in words. */
  message: string;
  portalId: string | null;
}

/**
 * The connector's Test (admins only): asks HubSpot which account the token belongs to and reads the deal pipelines,
 * then says what it found (the account, the pipelines and the stages that start onboarding) or what went wrong.
 * The outcome goes into the connector status either way.
 */
export async function testHubSpotConnection(
  ctx: ServiceContext,
  deps: HubSpotDeps,
  input: z.input<typeof optionsSchema>,
): Promise<HubSpotTestResult> {
  const o = parseOptions(optionsSchema, input);
  const person = await loadActingPerson(ctx.prisma, o.organizationId, o.actor);
  assertCapability(person, 'manage_connectors', 'test the HubSpot connection');
  const connection = await loadHubSpotConnection(ctx.prisma, deps, o.organizationId);
  if (!connection)
    throw new AppError('not_configured', 'HubSpot is not connected: paste a private app token first (Connect).');
  const hubspot = deps.connect(connection.credentials);
  try {
    const info = await hubspot.accountInfo();
    const pipelines = await hubspot.dealPipelines();
    const triggers = pipelines.map((p) => {
      const ids = triggerStagesOf(connection.state.rules, p);
      const labels = p.stages.filter((s) => ids.includes(s.id)).map((s) => s.label);
      return `${p.label}: ${labels.length ? labels.join(', ') : 'no stage starts onboarding'}`;
    });
    await recordHubSpotOutcome(ctx, deps, {
      organizationId: o.organizationId,
      during: 'test',
      portalId: info.portalId,
      uiDomain: info.uiDomain,
    });
    const count = pipelines.length === 1 ? '1 deal pipeline' : `${pipelines.length} deal pipelines`;
    return {
      ok: true,
      portalId: info.portalId,
      message: `Connected to HubSpot account ${info.portalId}${info.timeZone ? ` (${info.timeZone})` : ''}: ${count}. Onboarding starts at ${triggers.join('; ') || 'no stage (no pipelines)'}.`,
    };
  } catch (error) {
    if (!isAppError(error) || error.code !== 'connector_failed') throw error;
    await recordHubSpotOutcome(ctx, deps, { organizationId: o.organizationId, during: 'test', error: error.message });
    return { ok: false, portalId: connection.state.portalId ?? null, message: error.message };
  }
}
