import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const schema = JSON.parse(readFileSync(path.resolve(root, '../shared/slack/manifest.schema.1.0.0.json'), 'utf8'));

describe('manifest.json', () => {
  it("validates against Slack's app-manifest schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('declares /thread, interactivity, the Home tab and the app_home_opened event, with least-privilege scopes', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/thread']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['chat:write', 'commands', 'im:write']);
  });

  it('is not valid when a required section is missing (the check can fail)', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const broken = { ...manifest, display_information: { description: 'no name' } };
    expect(ajv.compile(schema)(broken)).toBe(false);
  });
});
