import { serializeTemplate } from '../../domain/template-file';
import type { ServiceContext } from '../context';
import { loadTemplateSpec } from './load-template-spec';

/** The stored template as a file in the import format (YAML): exporting then importing gives the same template. */
export async function exportTemplate(
  ctx: ServiceContext,
  options: { organizationId: string; name: string },
): Promise<string> {
  const { spec } = await loadTemplateSpec(ctx.prisma, options);
  return serializeTemplate(spec);
}
