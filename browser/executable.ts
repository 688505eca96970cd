import { constants, existsSync } from 'node:fs';
import { access, mkdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why no browser could be had, in plain Chinese (the office reads it); the technical cause rides along. */
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
      throw new BrowserUnavailable(`配置的浏览器 ${configured} 不存在或不能运行`);
    }
    return configured;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new BrowserUnavailable(`自带的浏览器只能在 Linux x64 上运行，这台电脑是 ${process.platform} ${process.arch}`);
  }
  try {
    const path = await unpackBundled();
    if (!existsSync(path)) throw new Error(`${path} missing after unpacking`);
    return path;
  } catch (error) {
    throw new BrowserUnavailable('自带的浏览器解压失败', { cause: error });
  }
}
