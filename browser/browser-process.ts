import type { Browser } from 'puppeteer-core';
import type { LaunchOptions } from './launch.ts';
import { treeRssBytes } from './process-memory.ts';

export interface BrowserProcessOptions extends LaunchOptions {
  /** Restart when Chromium's processes together hold more than this. */
  readonly memoryCapMb: number;
}

/** puppeteer-core is loaded on first use: most sweeps and every process without a browser never need it (~0.3 s of start-up). */
const launcher = () => import('./launch.ts');

/**
 * One Chromium for a whole sweep: starting one costs a second or more, a page
 * far less. It is started on first use and again after it crashed, was killed
 * by a page's time box, or grew past the memory cap between two pages.
 */
export class BrowserProcess {
  #browser: Promise<Browser> | undefined;
  #restarts = 0;

  constructor(private readonly options: BrowserProcessOptions) {}

  /** How often the browser was started again (crash, kill, memory). */
  get restarts(): number {
    return this.#restarts;
  }

  async get(): Promise<Browser> {
    const current = this.#browser && (await this.#browser.catch(() => undefined));
    if (current?.connected) {
      const pid = current.process()?.pid;
      const rss = pid === undefined ? undefined : await treeRssBytes(pid);
      if (rss === undefined || rss <= this.options.memoryCapMb * 1024 * 1024) return current;
      await this.kill();
    } else if (current) {
      await this.kill();
    }
    if (current) this.#restarts++;
    this.#browser ??= launcher().then(({ launchBrowser }) => launchBrowser(this.options));
    return this.#browser;
  }

  /** Ends the browser at once (a page that would not close, a crash); the next get() starts a new one. */
  async kill(): Promise<void> {
    const browser = this.#browser && (await this.#browser.catch(() => undefined));
    this.#browser = undefined;
    if (!browser) return;
    browser.process()?.kill('SIGKILL');
    await (await launcher()).closeBrowser(browser);
  }

  /** Closes the browser and waits until its process has exited and its profile is gone. */
  async close(): Promise<void> {
    const browser = this.#browser && (await this.#browser.catch(() => undefined));
    this.#browser = undefined;
    if (browser) await (await launcher()).closeBrowser(browser);
  }
}
