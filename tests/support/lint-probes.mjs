/**
 * Lints small probe sources with the project's own eslint.config.mjs and prints what was reported, as JSON.
 * Used by tests/unit/lint/layer-rules.test.ts, in a plain Node process because ESLint loads its config with
 * import(), which Jest's module sandbox refuses.
 *
 * stdin: [{ "filePath": "src/domain/probe.ts", "source": "…" }, …]   stdout: [[{ "ruleId", "message" }, …], …]
 *
 * A probe is not a file of the TypeScript project, so type information is turned off for it (typescript-eslint's
 * disableTypeChecked); the import rules being checked read paths, not types, and the config is otherwise untouched.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const probes = JSON.parse(input);

const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
const reports = [];
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.source, { filePath: path.join(root, probe.filePath) });
  reports.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
}
process.stdout.write(JSON.stringify(reports));
