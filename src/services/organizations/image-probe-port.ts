/**
 * What updateSettings asks of the web before it saves a new logo URL: what the address answers with. The connector
 * (connectors/web/image-probe.ts) makes the request and is checked against this port where it is composed
 * (`satisfies ImageProbe`); whether the answer is an image is the domain's rule (domain/logo-url.ts).
 */
import type { ImageProbeAnswer } from '../../domain/logo-url';

export type { ImageProbeAnswer };

export interface ImageProbe {
  /** Never throws for anything the address does: every failure is an answer with its reason. */
  probe(url: string): Promise<ImageProbeAnswer>;
}
