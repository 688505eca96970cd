import { constants, existsSync } from 'node:fs';
import { access, mkdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why no browser could be had, in English for logs; the sweep tells the office in Chinese. */
export class BrowserUnavailable extends Error {
  override readonly name = 'BrowserUnavailable';
}

const unpackDeadlineMs = 120_000;

/**
 * @sparticuz/chromium unpacks its binary into the temp folder on first use and
 * trusts any file already there, so two processes starting at once (ava runs
 * test files in parallel) could run a half-written binary: one unpacks while
 * holding a lock folder, the others wait for it.
 */
async function unpackBundled(): Promise<string> {
  const lock = join(tmpdir(), 'menu-patrol-chromium.lock');
  const deadline = Date.now() + unpackDeadlineMs;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A holder killed mid-unpack leaves the lock behind: past the deadline, go ahead.
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    return await chromium.executablePath();
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

/** The configured browser, else the Chromium shipped inside the npm package (Linux x64 only). */
export async function browserExecutable(configured: string | undefined): Promise<string> {
  if (configured !== undefined) {
    try {
      await access(configured, constants.X_OK);
    } catch {
      throw new BrowserUnavailable(`browser.executablePath ${configured} is not an executable file`);
    }
    return configured;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new BrowserUnavailable(`the bundled Chromium is for Linux x64, this is ${process.platform} ${process.arch}`);
  }
  try {
    const path = await unpackBundled();
    if (!existsSync(path)) throw new Error(`${path} missing after unpacking`);
    return path;
  } catch (error) {
    throw new BrowserUnavailable(`the bundled Chromium could not be unpacked: ${(error as Error).message}`);
  }
}
