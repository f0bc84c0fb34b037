/**
 * DESIGN.md's layer rules are lint rules that fail the build. Probe files placed in each layer import across it,
 * and the project's real eslint.config.mjs must report each forbidden import with its layer rule, and say nothing
 * about an allowed one.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const LAYER_RULES = ['import-x/no-restricted-paths', 'no-restricted-imports'];

interface Probe {
  layer: string;
  filePath: string;
  imports: string;
  /** The layer rule that must report it; undefined: an allowed import, nothing may be reported. */
  rule?: string;
  /** Words of the rule's message, so the right zone is the one that fired. */
  says?: RegExp;
}

const probes: Probe[] = [
  {
    layer: 'domain',
    filePath: 'src/domain/probe.ts',
    imports: '../config',
    rule: 'import-x/no-restricted-paths',
    says: /domain is pure logic/,
  },
  {
    layer: 'domain',
    filePath: 'src/domain/probe.ts',
    imports: 'node:fs',
    rule: 'no-restricted-imports',
    says: /domain does no I\/O/,
  },
  { layer: 'domain', filePath: 'src/domain/probe.ts', imports: './business-days' },
  {
    layer: 'services',
    filePath: 'src/services/accounts/probe.ts',
    imports: '../../slack/ids',
    rule: 'import-x/no-restricted-paths',
    says: /services never import the Slack, HTTP/,
  },
  {
    layer: 'services',
    filePath: 'src/services/accounts/probe.ts',
    imports: '../../http/app',
    rule: 'import-x/no-restricted-paths',
    says: /services never import the Slack, HTTP/,
  },
  { layer: 'services', filePath: 'src/services/accounts/probe.ts', imports: '../../domain/plan' },
  {
    layer: 'connectors',
    filePath: 'src/connectors/email/probe.ts',
    imports: '../../services/context',
    rule: 'import-x/no-restricted-paths',
    says: /connectors never import services/,
  },
  { layer: 'connectors', filePath: 'src/connectors/email/probe.ts', imports: '../../lib/errors' },
  {
    layer: 'a Slack listener',
    filePath: 'src/slack/listeners/actions/probe.ts',
    imports: '../../../db/client',
    rule: 'import-x/no-restricted-paths',
    says: /listeners and routes never touch the database/,
  },
  {
    layer: 'a Slack listener',
    filePath: 'src/slack/listeners/actions/probe.ts',
    imports: '@prisma/client',
    rule: 'no-restricted-imports',
    says: /listeners and routes never touch Prisma/,
  },
  { layer: 'a Slack listener', filePath: 'src/slack/listeners/actions/probe.ts', imports: '../../../services/context' },
  {
    layer: 'an HTTP route',
    filePath: 'src/http/portal/probe.ts',
    imports: '../../db/client',
    rule: 'import-x/no-restricted-paths',
    says: /listeners and routes never touch the database/,
  },
  {
    layer: 'an HTTP route',
    filePath: 'src/http/portal/probe.ts',
    imports: '@prisma/client',
    rule: 'no-restricted-imports',
    says: /listeners and routes never touch Prisma/,
  },
  { layer: 'an HTTP route', filePath: 'src/http/portal/probe.ts', imports: '../../services/portal/get-portal-page' },
];

type Report = { ruleId: string | null; message: string }[];

/** Lints every probe in one ESLint process (tests/support/lint-probes.mjs): loading the config is the slow part. */
function lint(sources: { filePath: string; source: string }[]): Promise<Report[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(ROOT, 'tests/support/lint-probes.mjs')],
      { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin!.end(JSON.stringify(sources));
  });
}

let reports: Report[];

beforeAll(async () => {
  reports = await lint(
    probes.map((p) => ({
      filePath: p.filePath,
      source: `import * as target from '${p.imports}';\n\nexport const probe = target;\n`,
    })),
  );
}, 120_000);

describe('the layer rules of DESIGN.md', () => {
  it.each(probes.filter((p) => p.rule).map((p) => [p.layer, p.imports, p]))(
    '%s importing %s fails lint',
    (_layer, _imports, probe) => {
      const report = reports[probes.indexOf(probe)]!;
      const layerMessages = report.filter((m) => m.ruleId === probe.rule);
      expect(layerMessages).toEqual([expect.objectContaining({ message: expect.stringMatching(probe.says!) })]);
    },
  );

  it.each(probes.filter((p) => !p.rule).map((p) => [p.layer, p.imports, p]))(
    '%s importing %s is allowed',
    (_layer, _imports, probe) => {
      const report = reports[probes.indexOf(probe)]!;
      expect(report.filter((m) => m.ruleId === null || LAYER_RULES.includes(m.ruleId))).toEqual([]);
    },
  );
});
