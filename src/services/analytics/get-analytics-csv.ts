/** The file behind a signed CSV link (GET /analytics/csv/…): the section's table, computed again, as CSV. */
import { sectionTable } from '../../domain/analytics';
import { toCsv } from '../../domain/csv';
import type { ServiceContext } from '../context';
import { csvFileName } from './analytics-section-view';
import { openAnalyticsLink, type SignedLink } from './open-analytics-link';

export interface AnalyticsCsv {
  fileName: string;
  csv: string;
  rows: number;
}

export async function getAnalyticsCsv(
  ctx: ServiceContext,
  secret: Buffer,
  link: SignedLink,
): Promise<AnalyticsCsv | null> {
  const opened = await openAnalyticsLink(ctx, secret, 'csv', link);
  if (!opened) return null;
  const table = sectionTable(opened.section);
  return {
    fileName: csvFileName(opened.section.id, opened.scope),
    csv: toCsv(table.header, table.rows),
    rows: table.rows.length,
  };
}
