import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';

/** Debian's chromium, installed by .ci/run; CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const run = promisify(execFile);

/**
 * One headless Chromium run on a local file, with a fresh profile and every
 * background service off, so the page alone decides what is fetched.
 */
async function chromium(t: ExecutionContext, file: string, extra: string[]): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'menu-patrol-chromium-'));
  t.teardown(() => rm(profile, { recursive: true, force: true }));
  const { stdout } = await run(
    chromiumPath,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      ...extra,
      pathToFileURL(file).href,
    ],
    { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
  );
  return stdout;
}

/** The page as Chromium parsed it. */
export function dumpDom(t: ExecutionContext, file: string): Promise<string> {
  return chromium(t, file, ['--dump-dom']);
}

export async function screenshot(t: ExecutionContext, file: string, png: string, width: number, height: number): Promise<void> {
  await chromium(t, file, [`--window-size=${width},${height}`, `--screenshot=${png}`, '--hide-scrollbars']);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(0, 8).toString('latin1') !== '\x89PNG\r\n\x1a\n') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
