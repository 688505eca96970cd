import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import tls from 'node:tls';
import got from 'got';
import { createAddressGuard } from './address-guard.ts';
import { shortDetail } from './errors.ts';
import { browserHeaders } from './headers.ts';
import { type HopResult, sendHop } from './hop.ts';
import { type HeldSlot, HostLimiter, type HostStats } from './limiter.ts';
import { AgentPool, type ProxyEnv, type Route } from './proxy.ts';
import { isWebUrl, REDIRECT_STATUSES, RedirectTrail } from './redirects.ts';
import { isRetryableStatus, retryAfterOf, retryDelay } from './retry.ts';
import type { Backpressure, FetchErrorCode, FetchFailure, FetchOptions, FetchOutcome, FetchPolicy, FetchResponse, Validators } from './types.ts';

export type { HostStats } from './limiter.ts';
export { WECHAT_ANDROID_USER_AGENT } from './headers.ts';

export interface FetcherDeps {
  /** Resolves names not in policy.resolve (node's dns.lookup by default). Tests inject one so no real DNS query happens. */
  readonly lookup?: LookupFunction;
  /** Where HTTP(S)_PROXY / NO_PROXY are read from; process.env by default. */
  readonly env?: ProxyEnv;
  /**
   * Extra trusted CAs (PEM), added to node's bundled roots — for tests and the
   * sandbox. Leave unset in production: then node's default store, including
   * NODE_EXTRA_CA_CERTS, is used untouched.
   */
  readonly ca?: string | readonly string[];
  /** Holds back new requests while whatever consumes the bodies is behind (see Backpressure). */
  readonly backpressure?: Backpressure;
}

/**
 * One per sweep: it owns the keep-alive connections and the limits. It keeps
 * no outcomes: "each URL once per sweep" is the link check's memo, which keeps
 * the classification, never the body.
 */
export interface Fetcher {
  /** Never rejects for a broken link. */
  fetch(url: string, options?: FetchOptions): Promise<FetchOutcome>;
  /** Per host (`URL.host`): requests sent, retries, peak in-flight, time in flight. */
  stats(): Readonly<Record<string, HostStats>>;
  /** Destroys the agents (open sockets included); the fetcher cannot be used afterwards. */
  close(): void;
}

/** A connect that takes longer than this will not get better (lychee uses the same). */
const CONNECT_TIMEOUT_MAX_MS = 10_000;

type Unnumbered = Omit<FetchResponse, 'attempts'> | Omit<FetchFailure, 'attempts'>;

interface Attempt {
  readonly outcome: Unnumbered;
  readonly transient: boolean;
  readonly retryAfterMs?: number | undefined;
}

/** The conditional headers for the hop at `url`, if the validators are its own (a redirect hop's answer would say nothing about the page). */
function conditionalHeaders(url: URL, validators: Validators | undefined): Record<string, string> | undefined {
  if (validators === undefined || validators.url !== url.href) return undefined;
  const headers: Record<string, string> = {};
  if (validators.etag !== undefined) headers['if-none-match'] = validators.etag;
  if (validators.lastModified !== undefined) headers['if-modified-since'] = validators.lastModified;
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/** The URL, or why it cannot be fetched. */
function parseWebUrl(input: string): URL | string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return `not a URL: ${input}`;
  }
  return isWebUrl(url) ? url : `unsupported scheme ${url.protocol} in ${input}`;
}

export function createFetcher(policy: FetchPolicy, deps: FetcherDeps = {}): Fetcher {
  const limiter = new HostLimiter(policy.concurrency, policy.perHostConcurrency, deps.backpressure);
  const agents = new AgentPool(deps.env ?? process.env);
  const guard = createAddressGuard({ allowPrivateAddresses: policy.allowPrivateAddresses, resolve: policy.resolve, lookup: deps.lookup });
  const connectTimeoutMs = Math.min(policy.timeoutMs, CONNECT_TIMEOUT_MAX_MS);
  const client = got.extend({
    method: 'GET',
    headers: browserHeaders(policy.userAgent),
    followRedirect: false,
    throwHttpErrors: false,
    retry: { limit: 0 },
    decompress: true,
    timeout: { connect: connectTimeoutMs, secureConnect: connectTimeoutMs },
    dnsLookup: guard.lookup,
    https: deps.ca === undefined ? {} : { certificateAuthority: [...tls.rootCertificates, ...[deps.ca].flat()] },
  });
  let closed = false;

  /** One hop, once its host slot and a global slot are held (or in `slot`, the URL's own); the budget clock starts only then. */
  function send(url: URL, budgetMs: number, route: Route, headers: Record<string, string> | undefined, slot: HeldSlot | undefined): Promise<HopResult> {
    const host = url.host;
    const work = async () => {
      const hop = await sendHop(client, {
        url,
        ...(headers ? { headers } : {}),
        budgetMs,
        maxBodyBytes: policy.maxBodyBytes,
        agents: route.agents,
        viaProxy: route.proxy !== undefined,
        vetRemote: guard.vetRemote,
      });
      // A host that says "slow down" is paused for every URL queued on it, before
      // this slot is released: otherwise the next URL would already be on its way.
      const retryAfterMs = hop.ok ? retryAfterOf(hop.status, hop.headers) : undefined;
      if (hop.ok && (hop.status === 429 || retryAfterMs !== undefined)) limiter.pause(host, retryDelay(1, policy, retryAfterMs));
      return hop;
    };
    return limiter.run(host, work, slot);
  }

  /**
   * One attempt: follow the redirects by hand. Each hop queues for its own
   * host's slot, so a redirect target is limited like any other host; the
   * attempt's budget is spent only while a hop is in flight.
   */
  async function attempt(input: string, start: URL, validators: Validators | undefined, slot: HeldSlot): Promise<Attempt> {
    const trail = new RedirectTrail(start, policy.maxRedirects);
    let url = start;
    let spentMs = 0;
    const common = () => ({ url: input, finalUrl: url.href, chain: [...trail.chain], elapsedMs: Math.round(spentMs) });
    const fail = (error: FetchErrorCode, detail: string, transient: boolean): Attempt => ({
      outcome: { ok: false, error, detail: shortDetail(detail), ...common() },
      transient,
    });

    for (;;) {
      const budgetMs = policy.timeoutMs - spentMs;
      if (budgetMs <= 0) return fail('timeout', `redirects used up the ${policy.timeoutMs} ms budget before ${url.href}`, true);
      const route = agents.for(url);
      const refused = await guard.vet(url, route.proxy !== undefined);
      if (refused) return fail(refused.error, refused.detail, false);
      const conditional = conditionalHeaders(url, validators);
      const hop = await send(url, budgetMs, route, conditional, slot);
      spentMs += hop.elapsedMs;
      if (!hop.ok) return fail(hop.error, hop.detail, hop.transient);

      const location = REDIRECT_STATUSES.has(hop.status) ? hop.headers.location : undefined;
      if (location === undefined) {
        trail.end(url, hop.status);
        const { ok, status, headers, body, truncated, remoteAddress, tls: tlsInfo } = hop;
        return {
          outcome: { ok, status, headers, body, truncated, remoteAddress, tls: tlsInfo, ...(conditional ? { conditional: true as const } : {}), ...common() },
          transient: isRetryableStatus(status),
          retryAfterMs: retryAfterOf(status, headers),
        };
      }
      const step = trail.follow(url, hop.status, location);
      if ('error' in step) return fail(step.error, step.detail, false);
      url = step.next;
    }
  }

  /**
   * Confirm before blaming. A retry starts only while the URL has spent at most
   * timeoutMs in flight, so a timeout is retried once at most and one URL costs
   * at most about 2 × timeoutMs plus back-off, however many retries are allowed.
   * The caller may waive confirming a timeout (a URL that hung sweep after sweep).
   */
  async function fetchConfirmed(input: string, start: URL, options: FetchOptions, slot: HeldSlot): Promise<FetchOutcome> {
    let spentMs = 0;
    for (let attempts = 1; ; attempts += 1) {
      // The slot is claimed by the first request only (HeldSlot): a redirect or a retry queues like any request.
      const { outcome, transient, retryAfterMs } = await attempt(input, start, options.revalidate, slot);
      spentMs += Math.min(outcome.elapsedMs, policy.timeoutMs);
      const timedOut = !outcome.ok && outcome.error === 'timeout';
      const settled = !transient || attempts > policy.retries || spentMs > policy.timeoutMs || (timedOut && options.confirmTimeout === false);
      if (closed || settled) return { ...outcome, attempts };
      limiter.countRetry(start.host);
      // Back-off spaces out failures that come back fast (5xx, resets). A timeout has already
      // waited the whole budget, so its confirming attempt goes straight back into the queue.
      if (!timedOut) await sleep(retryDelay(attempts, policy, retryAfterMs));
    }
  }

  return {
    fetch(url, options = {}) {
      if (closed) throw new Error('fetcher is closed');
      const start = parseWebUrl(url);
      if (typeof start === 'string') {
        return Promise.resolve({ ok: false, error: 'invalid-url', detail: shortDetail(start), url, finalUrl: url, chain: [], elapsedMs: 0, attempts: 0 });
      }
      return limiter.admit(start.host, (slot) => fetchConfirmed(url, start, options, slot));
    },
    stats: () => limiter.stats(),
    close() {
      closed = true;
      agents.destroy();
    },
  };
}
