import type { ExecutionContext } from 'ava';
import { loadConfig, type AccountConfig, type Config, type WebConfig } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { Store } from '../../store/store.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import { LiveUpdates } from '../../web/live.ts';
import { startWeb, type WebServer } from '../../web/server.ts';
import { demoFor, type Demo } from './demo.ts';

export const adminPassword = 'correct horse 7391';

/** What the fixtures use of a test: ava refuses t.teardown in hooks, so a file-wide fixture gets this instead. */
export interface Scope {
  teardown(fn: () => unknown): void;
  log(message: string): void;
}

/** A scope for test.before: its teardowns run, last first, when `close` is called from test.after.always. */
export function hookScope(): { scope: Scope; close: () => Promise<void> } {
  const teardowns: (() => unknown)[] = [];
  return {
    scope: { teardown: (fn) => void teardowns.push(fn), log: () => {} },
    close: async () => {
      for (const fn of teardowns.reverse()) await fn();
    },
  };
}

export interface WebFixture {
  readonly demo: Demo;
  readonly config: Config;
  readonly store: Store;
  readonly sweeps: SweepService;
  readonly live: LiveUpdates;
  readonly server: WebServer;
  /** The page's clock: move it to expire links and sessions. */
  readonly clock: { now: Date };
}

export interface WebFixtureOptions {
  readonly web?: Partial<WebConfig>;
  /** Accounts added to the demo's register (not swept): hostile names and the like. */
  readonly extraAccounts?: readonly AccountConfig[];
  readonly browser?: boolean;
}

/**
 * The demo's sandbox swept once into a real store, and the status page on
 * 127.0.0.1 port 0 over it with a sweep service of its own (recheck, live
 * updates); everything closed when the test ends.
 */
export async function webFor(t: Scope, options: WebFixtureOptions = {}): Promise<WebFixture> {
  // demoFor and the sandbox use nothing of the test but teardown.
  const demo = await demoFor(t as ExecutionContext, { browser: options.browser ?? false });
  const swept = await demo.run('check', '-c', demo.configPath, '--db', demo.db);
  if (swept.code === 2) throw new Error(`the demo sweep failed: ${swept.stderr}`);
  const loaded = await loadConfig(demo.configPath, demo.env);
  const web: WebConfig = { listen: '127.0.0.1:0', linkDays: 7, sessionHours: 12, adminPassword: new Secret(adminPassword, 'env:MENU_PATROL_WEB_PASSWORD'), ...options.web };
  const config: Config = { ...loaded, web, accounts: [...loaded.accounts, ...(options.extraAccounts ?? [])] };
  const store = await Store.open(demo.db);
  const live = new LiveUpdates();
  const sweeps = new SweepService({ config, store, onSwept: async (s) => live.publish(s.result.run.id) });
  t.teardown(() => sweeps.close());
  const clock = { now: new Date() };
  const server = await startWeb({ config, web, store, sweeps, live, log: (line) => t.log(line), now: () => clock.now });
  t.teardown(() => server.close());
  return { demo, config, store, sweeps, live, server, clock };
}

/** The owner of the first account with a menu and an owner, and that account. */
export function someOwner(config: Config): { owner: string; account: string } {
  const account = config.accounts.find((a) => a.owners.length > 0 && a.platform !== 'weibo')!;
  return { owner: account.owners[0]!.name, account: account.name };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * A cookie-keeping HTTP client that follows no redirects: each test sees every
 * answer. Browsers send Origin and Sec-Fetch-Site on a form POST; so does this
 * one unless told otherwise, to play a cross-site page.
 */
export class PageClient {
  cookie = '';
  constructor(readonly base: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.#send(path, { method: 'GET', headers });
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = { origin: this.base, 'sec-fetch-site': 'same-origin' }): Promise<Answer> {
    return this.#send(path, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  /** The form token in the last page (each page carries the session's). */
  static csrfIn(page: Answer): string {
    const token = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error('no form token on the page');
    return token;
  }

  /** The login form's round trip; `headers` go with both requests (what a reverse proxy adds, say). */
  async loginAsAdmin(password: string, headers: Record<string, string> = {}): Promise<Answer> {
    const form = await this.get('/login', headers);
    return this.post('/login', { csrf: PageClient.csrfIn(form), password }, { origin: this.base, 'sec-fetch-site': 'same-origin', ...headers });
  }

  async #send(path: string, init: { method: string; headers: Record<string, string>; body?: URLSearchParams }): Promise<Answer> {
    const response = await fetch(new URL(path, this.base), { ...init, redirect: 'manual', headers: { ...init.headers, ...(this.cookie ? { cookie: this.cookie } : {}) } });
    for (const set of response.headers.getSetCookie()) {
      const pair = set.split(';')[0]!;
      this.cookie = /^[^=]+=$/.test(pair) || /max-age=0/i.test(set) ? '' : pair;
    }
    return { status: response.status, headers: response.headers, text: await response.text() };
  }
}
