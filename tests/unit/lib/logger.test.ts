import { Writable } from 'node:stream';
import { createLogger, logFormatFor } from '../../../src/lib/logger';

/** A destination that keeps what is written, and says whether it is a terminal. */
function capture(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: () => chunks.join('') });
}

describe('logs', () => {
  it('are pretty on a terminal and JSON lines anywhere else', () => {
    expect(logFormatFor({ isTTY: true })).toBe('pretty');
    expect(logFormatFor({ isTTY: false })).toBe('json');
    expect(logFormatFor({})).toBe('json');
  });

  it('written to a pipe or file are one JSON object per line, with secrets redacted', () => {
    const out = capture(false);
    createLogger('info', out).info({ accountId: 'acc_1', token: 'secret-token' }, 'portal link created');
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 30,
      app: 'thread',
      accountId: 'acc_1',
      token: '[redacted]',
      msg: 'portal link created',
    });
  });

  it('written to a terminal are readable lines, not JSON, with secrets still redacted', () => {
    const out = capture(true);
    createLogger('info', out).info({ accountId: 'acc_1', token: 'secret-token' }, 'portal link created');
    const text = out.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/INFO.*portal link created/);
    expect(text).toContain('acc_1');
    expect(text).not.toContain('secret-token');
    expect(text).toContain('[redacted]');
  });

  it('below the level are not written in either format', () => {
    for (const isTTY of [true, false]) {
      const out = capture(isTTY);
      createLogger('warn', out).info('not shown');
      expect(out.text()).toBe('');
    }
  });
});
