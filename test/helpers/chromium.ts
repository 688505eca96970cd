import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExecutionContext } from 'ava';
import type { Browser, Page } from 'puppeteer-core';
import { closeBrowser, launchBrowser } from '../../browser/launch.ts';

/** The Chromium from npm (no system browser), started for one test and closed by it. */
export async function openBrowser(t: ExecutionContext): Promise<Browser> {
  const workDir = await mkdtemp(join(tmpdir(), 'menu-patrol-browser-'));
  const browser = await launchBrowser({ workDir });
  t.teardown(async () => {
    await closeBrowser(browser);
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
  });
  return browser;
}

async function open(t: ExecutionContext, file: string, width = 1280, height = 800): Promise<Page> {
  const page = await (await openBrowser(t)).newPage();
  await page.setViewport({ width, height });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return page;
}

/** The page as Chromium parsed it. */
export async function dumpDom(t: ExecutionContext, file: string): Promise<string> {
  return (await open(t, file)).content();
}

export async function screenshot(t: ExecutionContext, file: string, png: string, width: number, height: number): Promise<void> {
  await (await open(t, file, width, height)).screenshot({ path: png as `${string}.png` });
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(0, 8).toString('latin1') !== '\x89PNG\r\n\x1a\n') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
