import pLimit from 'p-limit';
import type { Problem } from '../core/problems.ts';
import { createAddressGuard } from '../http/address-guard.ts';
import { saveScreenshot } from '../store/evidence.ts';
import type { ProxyEnv } from '../http/proxy.ts';
import { browserProxy, type BrowserProxy } from './browser-proxy.ts';
import { BrowserProcess } from './browser-process.ts';
import { BrowserUnavailable } from './executable.ts';
import type { judgeRendering } from './judge-rendering.ts';
import { renderPage, type Rendering } from './render-page.ts';

/** The page analysis, loaded with the first rendered page: a sweep that renders none keeps it out of its thread (see analysis-pool.ts). */
const judging = async (): Promise<typeof judgeRendering> => (await import('./judge-rendering.ts')).judgeRendering;

export interface PageReviewOptions {
  readonly executablePath?: string | undefined;
  readonly pageTimeoutMs: number;
  readonly memoryCapMb: number;
  /** The per-sweep budget: pages and seconds of rendering. */
  readonly maxPages: number;
  readonly maxSeconds: number;
  readonly allowPrivateAddresses: boolean;
  readonly resolve: Readonly<Record<string, string>>;
  readonly userAgent: string;
  /** Profile and font cache (inside the data folder). */
  readonly workDir: string;
  /** Render every page, not only those that need it (`--render all`, for one account). */
  readonly all: boolean;
  /** Where evidence screenshots go (the data folder), and the sweep's day for their folder. */
  readonly dataDir?: string | undefined;
  readonly day?: string | undefined;
  /** HTTP(S)_PROXY / NO_PROXY, as the fetcher reads them; no proxy without. */
  readonly proxyEnv?: ProxyEnv | undefined;
}

/** judge: the delivered HTML cannot tell, the rendered page decides; evidence: a screenshot of a page already found wanting. */
export type RenderPurpose = 'judge' | 'evidence';

/** The rendered page judged, or why it was not rendered. */
export type Review =
  | { readonly rendered: true; readonly rendering: Omit<Rendering, 'snapshot'>; readonly problems: (domains: readonly string[]) => Problem[] }
  | { readonly rendered: false; readonly reason: NotRendered };

/** budget: the sweep's rendering is spent; unavailable: no browser; failed: the browser died under it; proxy: the office's proxy refused the browser. */
export type NotRendered = 'budget' | 'unavailable' | 'failed' | 'proxy';

/** Two pages at once: one renders while the other waits on the network, on a two-core office PC. */
const concurrency = 2;

/**
 * The sweep's browser: each URL rendered at most once per sweep, within the
 * sweep's budget, with the pages left over counted so the office is told.
 * When no browser can start, the sweep goes on without one and says so once.
 */
export class PageReviewer {
  readonly all: boolean;
  readonly #options: PageReviewOptions;
  readonly #browser: BrowserProcess;
  readonly #guard;
  readonly #pinned: ReadonlySet<string>;
  readonly #reviews = new Map<string, Promise<Review>>();
  readonly #screenshots = new Map<string, Promise<string | undefined>>();
  readonly #limit = pLimit(concurrency);
  #firstAt: number | undefined;
  #rendered = 0;
  #overBudget = 0;
  #proxyRefused = 0;
  #unavailable: string | undefined;
  readonly #proxy: BrowserProxy | undefined;

  constructor(options: PageReviewOptions) {
    this.#options = options;
    this.all = options.all;
    this.#proxy = options.proxyEnv ? browserProxy(options.proxyEnv) : undefined;
    this.#browser = new BrowserProcess({
      executablePath: options.executablePath,
      workDir: options.workDir,
      resolve: options.resolve,
      memoryCapMb: options.memoryCapMb,
      ...(this.#proxy ? { proxyFlags: this.#proxy.flags } : {}),
    });
    this.#guard = createAddressGuard({ allowPrivateAddresses: options.allowPrivateAddresses, resolve: options.resolve });
    this.#pinned = new Set(Object.keys(options.resolve));
  }

  review(url: string, purpose: RenderPurpose): Promise<Review> {
    let review = this.#reviews.get(url);
    if (!review) {
      review = this.#limit(() => this.#review(url, purpose));
      this.#reviews.set(url, review);
    }
    return review;
  }

  /** Saves the page's screenshot as evidence (once per URL); undefined without one or without a data folder. */
  screenshot(url: string): Promise<string | undefined> {
    let saved = this.#screenshots.get(url);
    if (!saved) {
      saved = this.#saveScreenshot(url);
      this.#screenshots.set(url, saved);
    }
    return saved;
  }

  async #saveScreenshot(url: string): Promise<string | undefined> {
    const review = await this.#reviews.get(url);
    const { dataDir, day } = this.#options;
    if (!review?.rendered || !review.rendering.screenshot || dataDir === undefined || day === undefined) return undefined;
    return saveScreenshot(dataDir, day, url, review.rendering.screenshot);
  }

  async #review(url: string, purpose: RenderPurpose): Promise<Review> {
    if (this.#unavailable !== undefined) return { rendered: false, reason: 'unavailable' };
    const now = Date.now();
    this.#firstAt ??= now;
    if (this.#rendered >= this.#options.maxPages || now - this.#firstAt >= this.#options.maxSeconds * 1000) {
      this.#overBudget++;
      return { rendered: false, reason: 'budget' };
    }
    this.#rendered++;
    try {
      const { snapshot, ...rendering } = await renderPage(this.#browser, url, {
        guard: this.#guard,
        pinned: this.#pinned,
        timeoutMs: this.#options.pageTimeoutMs,
        userAgent: this.#options.userAgent,
        screenshot: true,
        settle: purpose === 'judge',
        proxy: this.#proxy,
      });
      // What a refused request leaves out (a bundle, a frame) is the proxy's doing, not the site's: no verdict, no picture.
      if (rendering.proxyRefused) {
        this.#proxyRefused++;
        return { rendered: false, reason: 'proxy' };
      }
      return { rendered: true, rendering, problems: (await judging())({ ...rendering, snapshot }) };
    } catch (error) {
      if (error instanceof BrowserUnavailable) {
        this.#unavailable = error.message;
        this.#rendered--;
        return { rendered: false, reason: 'unavailable' };
      }
      // The browser died under this page (the time box, a crash): the page goes unrendered, the sweep goes on.
      await this.#browser.kill();
      return { rendered: false, reason: 'failed' };
    }
  }

  /** Pages opened in the browser so far, and pages left unrendered by the budget (the bench's figures). */
  counts(): { readonly rendered: number; readonly overBudget: number } {
    return { rendered: this.#rendered, overBudget: this.#overBudget };
  }

  /** For the office, once per sweep, in plain Chinese. */
  notes(): string[] {
    const notes: string[] = [];
    if (this.#unavailable !== undefined) {
      notes.push(
        `浏览器无法启动（${this.#unavailable}），这次没有用浏览器检查靠脚本显示内容的网页，也没有截图。` +
          '可以在配置文件的 browser.executablePath 填写本机 Chrome 或 Chromium 的完整路径。',
      );
    }
    if (this.#proxyRefused > 0) {
      notes.push(
        `单位的代理拒绝了浏览器的部分请求（没有放行、要求登录或账号不对），${this.#proxyRefused} 个网页没有用浏览器检查。` +
          '请核对 HTTPS_PROXY / HTTP_PROXY 里的代理账号，或请信息中心让代理放行这些网站。',
      );
    }
    if (this.#overBudget > 0) {
      notes.push(`本次巡检用浏览器检查了 ${this.#rendered} 个网页，已达到上限，另有 ${this.#overBudget} 个网页没有用浏览器检查（可调整配置里的 browser.maxPages 和 browser.maxSeconds）。`);
    }
    return notes;
  }

  close(): Promise<void> {
    return this.#browser.close();
  }
}
