import type { BrowserContext, HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';
import type { AddressGuard } from '../http/address-guard.ts';
import type { BrowserProxy } from './browser-proxy.ts';
import type { BrowserProcess } from './browser-process.ts';
import { lockdownScript, snapshotScript, type PageSnapshot } from './page-script.ts';

export interface RenderOptions {
  readonly guard: AddressGuard;
  /** Hosts the browser reaches through network.resolve pins: vetted by name, so a loopback peer is expected. */
  readonly pinned: ReadonlySet<string>;
  /** Hard time box for the whole page: navigation, settling, snapshot and screenshot. */
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly screenshot: boolean;
  /** Wait for the page to settle after load (late redirects, injected links); not needed for a screenshot alone. */
  readonly settle: boolean;
  /** The office's proxy, when the browser goes through one. */
  readonly proxy?: BrowserProxy | undefined;
}

/** loaded: the load event came; timeout: the time box ended it; crashed: the renderer died; failed: the page did not open. */
export type RenderEnd = 'loaded' | 'timeout' | 'crashed' | 'failed';

export interface Rendering {
  readonly url: string;
  /** Where the main frame was at the end. */
  readonly finalUrl: string;
  readonly end: RenderEnd;
  readonly ms: number;
  /** Chromium's reason when the page did not open (net::ERR_CONNECTION_REFUSED…). */
  readonly error?: string;
  /** Undefined when the page could not be read at all (crash, time box). */
  readonly snapshot: PageSnapshot | undefined;
  /** Scripts that did not load (4xx/5xx or network error): a bundle gone is a white screen. */
  readonly failedScripts: readonly string[];
  /** Requests the address guard refused (private, loopback, link-local…). */
  readonly blocked: readonly { readonly url: string; readonly detail: string }[];
  /** Main-frame navigations after the load event: a late redirect. */
  readonly navigations: readonly string[];
  /** What the page tried and was refused. */
  readonly refused: { readonly dialogs: number; readonly downloads: number; readonly popups: number; readonly requests: number };
  /** JPEG, phone viewport, above the fold. */
  readonly screenshot: Buffer | undefined;
  /** The office's proxy refused a request (CONNECT denied, credentials wanted or wrong): what the page shows is not the site's doing. */
  readonly proxyRefused: boolean;
}

/** The WeChat WebView on a common Android phone. */
export const phoneViewport = { width: 375, height: 667, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;

/** A page that makes more requests than this is cut off (1,000 iframes, a request loop); real county pages make under 150. */
const maxRequests = 400;
/** Chromium's errors for a proxy that would not carry a request (its CONNECT refused, no or wrong credentials, unreachable). */
const proxyErrors = /ERR_(TUNNEL_CONNECTION_FAILED|PROXY_\w+|MANDATORY_PROXY_CONFIGURATION_FAILED)/;

/** After load, quiet for this long means settled: late redirects and injected links have happened by then. */
const settleIdleMs = 1500;
/** The end of the time box kept for closing the page; one that will not close by then is hung and the browser is killed. */
const closeGrace = (timeoutMs: number) => Math.min(3000, timeoutMs / 4);

const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(resolve, ms, value).unref());

class Render {
  readonly failedScripts: string[] = [];
  readonly blocked: { url: string; detail: string }[] = [];
  readonly navigations: string[] = [];
  readonly refused = { dialogs: 0, downloads: 0, popups: 0, requests: 0 };
  requests = 0;
  loaded = false;
  crashed = false;
  proxyRefused = false;
  finalUrl: string;

  constructor(
    readonly url: string,
    private readonly options: RenderOptions,
  ) {
    this.finalUrl = url;
  }

  /** Every request, from every frame, redirects included, passes the fetcher's address guard. */
  async onRequest(request: HTTPRequest): Promise<void> {
    if (request.isInterceptResolutionHandled()) return;
    let url: URL;
    try {
      url = new URL(request.url());
    } catch {
      return request.abort('blockedbyclient');
    }
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return request.continue();
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return request.abort('blockedbyclient');
    if (++this.requests > maxRequests) {
      this.refused.requests++;
      return request.abort('blockedbyclient');
    }
    // Chromium resolves the name itself, so resolve here as a proxy would: one refused answer refuses the host.
    const refusal = await this.options.guard.vet(url, true);
    if (request.isInterceptResolutionHandled()) return;
    if (refusal?.error === 'private-address') {
      this.blocked.push({ url: url.href, detail: refusal.detail });
      return request.abort('addressunreachable');
    }
    if (refusal) return request.abort('namenotresolved');
    return request.continue();
  }

  onResponse(response: HTTPResponse): void {
    // DNS rebinding: the name may have answered differently to Chromium than to our lookup a moment before.
    const url = new URL(response.url());
    // Through the proxy, the peer is the proxy: the name was vetted before the request went out.
    const proxied = this.options.proxy?.proxied(url) ?? false;
    if (proxied && response.status() === 407) this.proxyRefused = true;
    const refusal = this.options.pinned.has(url.hostname) || proxied ? undefined : this.options.guard.vetRemote(response.remoteAddress().ip);
    if (refusal) this.blocked.push({ url: response.url(), detail: refusal.detail });
    if (response.request().resourceType() === 'script' && response.status() >= 400) this.failedScripts.push(response.url());
    // Chromium was told to deny downloads; this only counts the attempt.
    if (response.request().isNavigationRequest() && /attachment/i.test(response.headers()['content-disposition'] ?? '')) this.refused.downloads++;
  }

  onRequestFailed(request: HTTPRequest): void {
    if (proxyErrors.test(request.failure()?.errorText ?? '')) this.proxyRefused = true;
    if (request.resourceType() === 'script') this.failedScripts.push(request.url());
  }

  async open(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('request', (r) => void this.onRequest(r).catch(() => undefined));
    page.on('response', (r) => this.onResponse(r));
    page.on('requestfailed', (r) => this.onRequestFailed(r));
    page.on('dialog', (d) => {
      this.refused.dialogs++;
      void d.dismiss().catch(() => undefined);
    });
    page.on('error', () => {
      this.crashed = true;
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      this.finalUrl = frame.url();
      if (this.loaded) this.navigations.push(frame.url());
    });
    context.on('targetcreated', (target) => {
      if (target.opener() === undefined) return;
      this.refused.popups++;
      void target.page().then((p) => p?.close(), () => undefined);
    });
    await page.setRequestInterception(true);
    await page.setBypassServiceWorker(true);
    await page.setViewport(phoneViewport);
    await page.setUserAgent(this.options.userAgent);
    await page.setExtraHTTPHeaders({ 'accept-language': 'zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7', 'x-requested-with': 'com.tencent.mm' });
    await page.evaluateOnNewDocument(lockdownScript);
    if (this.options.proxy?.credentials) await page.authenticate(this.options.proxy.credentials);
    return page;
  }

  async run(context: BrowserContext, deadline: number): Promise<{ snapshot: PageSnapshot; screenshot: Buffer | undefined; timedOut: boolean }> {
    const page = await this.open(context);
    let timedOut = false;
    try {
      await page.goto(this.url, { waitUntil: 'load', timeout: Math.max(1000, (deadline - Date.now()) * 0.6) });
    } catch (error) {
      if (proxyErrors.test((error as Error).message)) this.proxyRefused = true;
      if ((error as Error).name === 'TimeoutError') timedOut = true;
      else if (!/ERR_ABORTED|ERR_ADDRESS_UNREACHABLE|ERR_BLOCKED_BY_CLIENT/.test((error as Error).message)) throw error;
    }
    this.loaded = true;
    if (!timedOut && this.options.settle) {
      const idle = Math.max(0, Math.min(settleIdleMs * 3, (deadline - Date.now()) * 0.5));
      await page.waitForNetworkIdle({ idleTime: settleIdleMs, timeout: idle }).catch(() => undefined);
    }
    const snapshot = (await page.evaluate(snapshotScript)) as PageSnapshot;
    const screenshot = this.options.screenshot ? Buffer.from(await page.screenshot({ type: 'jpeg', quality: 50 })) : undefined;
    return { snapshot, screenshot, timedOut };
  }
}

/**
 * Opens one page the way a citizen's phone would, in a fresh browser context
 * (no cookies, storage or service workers carried over), and always returns
 * within the time box: a page that hangs its renderer gets the browser killed,
 * and the next page starts a new one.
 */
export async function renderPage(browserProcess: BrowserProcess, url: string, options: RenderOptions): Promise<Rendering> {
  const started = Date.now();
  const grace = closeGrace(options.timeoutMs);
  const deadline = started + options.timeoutMs - grace;
  const render = new Render(url, options);
  const browser = await browserProcess.get();
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'deny' } });

  const work = render.run(context, deadline).then(
    (value) => ({ ...value, failed: false as const }),
    (error: Error) => ({ failed: true as const, error: error.message.split('\n')[0] }),
  );
  const outcome = await Promise.race([work, after(Math.max(0, deadline - Date.now()), { failed: true as const, error: undefined })]);
  const closed = await Promise.race([context.close().then(() => true, () => false), after(grace, false)]);
  if (!closed || render.crashed) await browserProcess.kill();

  const done = outcome.failed ? undefined : outcome;
  const error = outcome.failed ? outcome.error : undefined;
  const end: RenderEnd = render.crashed ? 'crashed' : error !== undefined ? 'failed' : !done || done.timedOut ? 'timeout' : 'loaded';
  return {
    url,
    finalUrl: render.finalUrl,
    end,
    ms: Date.now() - started,
    ...(error !== undefined && !render.crashed ? { error } : {}),
    snapshot: done?.snapshot,
    failedScripts: render.failedScripts,
    blocked: render.blocked,
    navigations: render.navigations,
    refused: render.refused,
    screenshot: done?.screenshot,
    proxyRefused: render.proxyRefused,
  };
}
