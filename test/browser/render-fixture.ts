import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { BrowserProcess } from '../../browser/browser-process.ts';
import { renderPage, type Rendering } from '../../browser/render-page.ts';
import { createAddressGuard } from '../../http/address-guard.ts';
import { WECHAT_ANDROID_USER_AGENT } from '../../http/headers.ts';
import { startServer, type TestServer } from '../http/helpers.ts';

/**
 * The page's own host, site.test, stands for a public site: our lookup answers
 * a documentation address (allowed), while Chromium is pinned to the loopback
 * server. intranet.test answers a private address. So the guard is exercised
 * exactly as in a sweep, and nothing leaves 127.0.0.1.
 */
export const siteHost = 'site.test';
const answers: Record<string, string> = { [siteHost]: '203.0.113.7', 'intranet.test': '10.1.2.3', 'other.test': '198.51.100.9' };

const fakeLookup: LookupFunction = (hostname, options, callback) => {
  const address = answers[hostname];
  if (address === undefined) callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
  else if (options.all) callback(null, [{ address, family: 4 }]);
  else callback(null, address, 4);
};

export interface RenderFixture {
  readonly browser: BrowserProcess;
  render(url: string, timeoutMs?: number): Promise<Rendering>;
}

/** One browser for a test file (starting one per test would cost seconds each); closed after the file. */
export async function openRenderFixture(): Promise<RenderFixture & { close(): Promise<void> }> {
  const workDir = await mkdtemp(join(tmpdir(), 'menu-patrol-render-'));
  const hosts = [siteHost, 'other.test'];
  const browser = new BrowserProcess({ workDir, memoryCapMb: 1536, resolve: Object.fromEntries(hosts.map((h) => [h, '127.0.0.1'])) });
  const guard = createAddressGuard({ allowPrivateAddresses: false, resolve: {}, lookup: fakeLookup });
  return {
    browser,
    render: (url, timeoutMs = 6000) =>
      renderPage(browser, url, { guard, pinned: new Set(hosts), timeoutMs, userAgent: WECHAT_ANDROID_USER_AGENT, screenshot: true, settle: true }),
    close: async () => {
      await browser.close();
      await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** A loopback site: path → [content type, body] or a handler of its own. */
export function startSite(t: ExecutionContext, pages: Record<string, string | http.RequestListener>): Promise<TestServer> {
  return startServer(t, (req, res) => {
    const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
    if (typeof page === 'function') return page(req, res);
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404</h1>');
      return;
    }
    const type = /^\s*</.test(page) ? 'text/html; charset=utf-8' : 'application/javascript';
    res.writeHead(200, { 'content-type': type }).end(page);
  });
}
