import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { BrowserUnavailable, browserExecutable } from './executable.ts';
import { writeFontConfig } from './fonts.ts';

export interface LaunchOptions {
  /** browser.executablePath; the bundled Chromium when undefined. */
  readonly executablePath?: string | undefined;
  /** Profile and font cache go here (inside the data folder), removed again on close. */
  readonly workDir: string;
  /** network.resolve: pinned names, so the browser reaches the same hosts as the fetcher. */
  readonly resolve?: Readonly<Record<string, string>>;
  /** --proxy-server / --proxy-bypass-list: the office's proxy, as the fetcher uses it. */
  readonly proxyFlags?: readonly string[];
}

/**
 * Chromium flags: headless, no background traffic of its own (updates, sync,
 * pings, metrics), software rendering, and none of @sparticuz/chromium's
 * "insecure" defaults (--disable-web-security): a page gets no more than in a phone.
 */
function flags(resolve: Readonly<Record<string, string>>): string[] {
  const rules = Object.entries(resolve).map(([host, ip]) => `MAP ${host} ${ip.includes(':') ? `[${ip}]` : ip}`);
  return [
    // Root (CI, containers) cannot use Chromium's sandbox; the address guard and time box still hold.
    '--no-sandbox',
    '--no-zygote',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-domain-reliability',
    '--disable-sync',
    '--disable-breakpad',
    '--metrics-recording-only',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-pings',
    '--mute-audio',
    '--font-render-hinting=none',
    '--hide-scrollbars',
    '--dns-prefetch-disable',
    ...(rules.length > 0 ? [`--host-resolver-rules=${rules.join(', ')}`] : []),
  ];
}

const gone = new WeakMap<Browser, Promise<void>>();

/** Closes the browser (killing it if it will not close) and waits until its process and profile are gone. */
export async function closeBrowser(browser: Browser): Promise<void> {
  await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
  await gone.get(browser);
}

/** Starts one headless Chromium; throws BrowserUnavailable when there is none to start. */
export async function launchBrowser(options: LaunchOptions): Promise<Browser> {
  const executablePath = await browserExecutable(options.executablePath);
  const profile = join(options.workDir, `profile-${process.pid}-${Date.now()}`);
  await mkdir(profile, { recursive: true });
  const fontConfig = await writeFontConfig(options.workDir);
  try {
    const browser = await puppeteer.launch({
      executablePath,
      headless: 'shell',
      userDataDir: profile,
      args: [...flags(options.resolve ?? {}), ...(options.proxyFlags ?? [])],
      env: { ...process.env, FONTCONFIG_FILE: fontConfig },
      defaultViewport: null,
      protocolTimeout: 30_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    // However the process ends (closed, crashed, killed), its profile goes once it has exited.
    const child = browser.process();
    const exited = child ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
    gone.set(browser, exited.then(() => rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined)));
    return browser;
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw new BrowserUnavailable(`浏览器 ${executablePath} 启动失败`, { cause: error });
  }
}
