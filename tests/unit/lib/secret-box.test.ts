import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KEY_FILE, resolveEncryptionKey } from '../../../src/db/encryption-key';
import { createSecretBox, deriveKey, isEncryptionKey, parseEncryptionKey } from '../../../src/lib/secret-box';

describe('stored secrets', () => {
  const key = parseEncryptionKey('11'.repeat(32));

  it('round-trip, with a different ciphertext every time', () => {
    const box = createSecretBox(key);
    const a = box.seal('xoxb-secret-token');
    const b = box.seal('xoxb-secret-token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(box.open(a)).toBe('xoxb-secret-token');
  });

  it('refuse to open under another key or after tampering', () => {
    const sealed = createSecretBox(key).seal('hubspot-token');
    expect(() => createSecretBox(parseEncryptionKey('22'.repeat(32))).open(sealed)).toThrow(
      /not the key it was sealed with/,
    );
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => createSecretBox(key).open(parts.join(':'))).toThrow(/cannot be decrypted/);
    expect(() => createSecretBox(key).open('plain text')).toThrow(/not in a format Thread knows/);
  });

  it('accept a key as hex or base64 and reject other lengths', () => {
    expect(parseEncryptionKey(Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
    expect(() => parseEncryptionKey('abcd')).toThrow(/expected 32 bytes/);
    expect(isEncryptionKey('ab'.repeat(32))).toBe(true);
    expect(isEncryptionKey(Buffer.alloc(32, 7).toString('base64'))).toBe(true);
    expect(isEncryptionKey('ab'.repeat(31))).toBe(false);
  });

  it('derive one key per purpose: the same for every holder of the key, different for another purpose or key', () => {
    const portal = deriveKey(key, 'thread portal signing v1');
    expect(deriveKey(parseEncryptionKey('11'.repeat(32)), 'thread portal signing v1').equals(portal)).toBe(true);
    expect(deriveKey(key, 'another purpose').equals(portal)).toBe(false);
    expect(deriveKey(parseEncryptionKey('22'.repeat(32)), 'thread portal signing v1').equals(portal)).toBe(false);
    expect(portal.equals(key)).toBe(false);
  });
});

describe('the encryption key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'thread-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('comes from THREAD_ENCRYPTION_KEY when set, and nothing is written', async () => {
    const resolved = await resolveEncryptionKey({ configured: 'ab'.repeat(32), dataDir: dir });
    expect(resolved).toEqual({ key: Buffer.from('ab'.repeat(32), 'hex'), source: 'environment' });
    await expect(stat(path.join(dir, KEY_FILE))).rejects.toThrow();
  });

  it('is generated once into the data directory, private to its owner, and reused', async () => {
    const first = await resolveEncryptionKey({ dataDir: dir });
    expect(first.source).toBe('generated');
    const info = await stat(path.join(dir, KEY_FILE));
    expect(info.mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(dir, KEY_FILE), 'utf8')).trim()).toBe(first.key.toString('hex'));
    const second = await resolveEncryptionKey({ dataDir: dir });
    expect(second).toEqual({ key: first.key, source: 'data_dir' });
  });
});
