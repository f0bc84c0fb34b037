import { findChromium, NoBrowserError, type ChromiumLookup } from '../../support/browser';

/** A machine with exactly these executables, and the npm package's browser if `packaged` is given. */
function machine(options: {
  chromiumPath?: string;
  pathEnv?: string;
  executables?: string[];
  packaged?: string;
  unpackFails?: string;
}): ChromiumLookup & { unpacked: number } {
  const lookup = {
    unpacked: 0,
    chromiumPath: options.chromiumPath,
    pathEnv: options.pathEnv,
    isExecutable: (file: string) => (options.executables ?? []).includes(file),
    sparticuz: async () => {
      lookup.unpacked += 1;
      if (options.unpackFails) throw new Error(options.unpackFails);
      return options.packaged ? { executablePath: options.packaged, args: ['--headless=shell'] } : undefined;
    },
  };
  return lookup;
}

describe('finding a Chromium for the browser tests', () => {
  it('takes CHROMIUM_PATH first, before a browser on PATH or the npm package', async () => {
    const lookup = machine({
      chromiumPath: '/opt/chrome/chrome',
      pathEnv: '/usr/bin',
      executables: ['/opt/chrome/chrome', '/usr/bin/chromium'],
      packaged: '/tmp/chromium',
    });
    await expect(findChromium(lookup)).resolves.toMatchObject({
      executablePath: '/opt/chrome/chrome',
      source: 'CHROMIUM_PATH',
    });
    expect(lookup.unpacked).toBe(0);
  });

  it('reports a CHROMIUM_PATH that is not there instead of using another browser', async () => {
    const lookup = machine({
      chromiumPath: '/nowhere/chrome',
      pathEnv: '/usr/bin',
      executables: ['/usr/bin/chromium'],
    });
    await expect(findChromium(lookup)).rejects.toThrow('CHROMIUM_PATH=/nowhere/chrome is not an executable file');
  });

  it('takes chromium or google-chrome from PATH, in PATH order, before the npm package', async () => {
    const lookup = machine({
      pathEnv: '/home/me/bin:/usr/bin',
      executables: ['/home/me/bin/google-chrome', '/usr/bin/chromium'],
      packaged: '/tmp/chromium',
    });
    await expect(findChromium(lookup)).resolves.toMatchObject({
      executablePath: '/home/me/bin/google-chrome',
      source: 'PATH',
    });
    expect(lookup.unpacked).toBe(0);
  });

  it('falls back to @sparticuz/chromium with its own flags', async () => {
    const lookup = machine({ pathEnv: '/usr/bin:/bin', packaged: '/tmp/chromium' });
    await expect(findChromium(lookup)).resolves.toEqual({
      executablePath: '/tmp/chromium',
      source: '@sparticuz/chromium',
      args: ['--headless=shell'],
    });
  });

  it('with no browser at all, fails with one line that says how to get one', async () => {
    const error = await findChromium(machine({ pathEnv: '/usr/bin' })).catch((e: unknown) => e);
    if (!(error instanceof NoBrowserError)) throw new Error(`expected a NoBrowserError, got ${String(error)}`);
    const { message, stack } = error;
    expect(message).toMatch(/^No Chromium for the browser tests: run `npm install`.*CHROMIUM_PATH/);
    expect(stack).toBe(`NoBrowserError: ${message}`);
    expect(stack).not.toContain('\n');
  });

  it('says so when the npm package cannot unpack its browser', async () => {
    await expect(findChromium(machine({ unpackFails: 'no space left on device' }))).rejects.toThrow(
      /^@sparticuz\/chromium could not unpack its browser \(no space left on device\)/,
    );
  });
});
