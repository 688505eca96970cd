import got, { type Got } from 'got';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Secret } from '../config/secret.ts';
import { WeChatApiError } from '../core/errors.ts';
import { busyErrors, hintFor, tokenErrors, unreachableErrcode } from './error-hints.ts';

export interface WeChatClientOptions {
  readonly apiBase: string;
  readonly timeoutMs?: number;
  /** First back-off after a -1 "system busy" (doubles; 3 retries). */
  readonly busyRetryDelayMs?: number;
  readonly now?: () => number;
}

export interface AccountApi {
  /** GET an API path (e.g. "cgi-bin/get_current_selfmenu_info") with the account's token, and any other query parameters. */
  get(path: string, query?: Readonly<Record<string, string>>): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

interface CachedToken {
  readonly value: string;
  readonly expiresAt: number;
}

const busyRetries = 3;

/**
 * The WeChat server API, one token cache per account. Tokens come from
 * stable_token in normal mode: cgi-bin/token would replace the token the
 * account's own server uses and break it five minutes later.
 */
export class WeChatClient {
  readonly #http: Got;
  readonly #tokens = new Map<string, Promise<CachedToken>>();
  readonly #busyDelay: number;
  readonly #now: () => number;

  constructor(options: WeChatClientOptions) {
    this.#http = got.extend({
      prefixUrl: options.apiBase,
      timeout: { request: options.timeoutMs ?? 15_000 },
      retry: { limit: 0 },
      throwHttpErrors: false,
      headers: { 'user-agent': 'menu-patrol' },
    });
    this.#busyDelay = options.busyRetryDelayMs ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  forAccount(appId: string, secret: Secret): AccountApi {
    return {
      get: (path, query = {}) => this.#call(appId, secret, path, undefined, query),
      post: (path, body) => this.#call(appId, secret, path, body),
    };
  }

  async #request(path: string, searchParams: Record<string, string>, body: unknown): Promise<Record<string, unknown>> {
    try {
      const response = await this.#http(path, {
        method: body === undefined ? 'GET' : 'POST',
        searchParams,
        ...(body === undefined ? {} : { json: body }),
        responseType: 'buffer',
      });
      // get_material answers images and voices with the file itself, not JSON: that means "it exists".
      if (!/json|text\/plain/.test(response.headers['content-type'] ?? '') && response.statusCode === 200) {
        return { binary: true, bytes: response.body.length };
      }
      let data: unknown;
      try {
        data = JSON.parse(response.body.toString('utf8'));
      } catch {
        data = undefined;
      }
      if (typeof data !== 'object' || data === null) {
        throw new WeChatApiError(unreachableErrcode, `HTTP ${response.statusCode}`, hintFor(unreachableErrcode, ''));
      }
      return data as Record<string, unknown>;
    } catch (error) {
      if (error instanceof WeChatApiError) throw error;
      // got's messages can carry the URL, and so the access_token: keep only the error code.
      const code = (error as { code?: string }).code ?? 'ERROR';
      throw new WeChatApiError(unreachableErrcode, code, hintFor(unreachableErrcode, code));
    }
  }

  /** Run one request, retrying while the platform says it is busy. */
  async #requestChecked(path: string, searchParams: Record<string, string>, body: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      const data = await this.#request(path, searchParams, body);
      const errcode = typeof data.errcode === 'number' ? data.errcode : 0;
      if (errcode === 0) return data;
      if (busyErrors.has(errcode) && attempt < busyRetries) {
        await sleep(this.#busyDelay * 2 ** attempt);
        continue;
      }
      const errmsg = String(data.errmsg ?? '');
      throw new WeChatApiError(errcode, errmsg, hintFor(errcode, errmsg));
    }
  }

  #token(appId: string, secret: Secret, stale?: string): Promise<CachedToken> {
    const cached = this.#tokens.get(appId);
    if (cached && !stale) return cached;
    const fresh = (async () => {
      const current = cached ? await cached.catch(() => undefined) : undefined;
      // Another caller already replaced the stale token: use theirs.
      if (current && stale && current.value !== stale && current.expiresAt > this.#now()) return current;
      const data = await this.#requestChecked('cgi-bin/stable_token', {}, {
        grant_type: 'client_credential',
        appid: appId,
        secret: secret.reveal(),
        force_refresh: false,
      });
      const ttl = typeof data.expires_in === 'number' ? data.expires_in : 7200;
      // Renew a minute early so a token never expires between check and use.
      return { value: String(data.access_token), expiresAt: this.#now() + Math.max(ttl - 60, 1) * 1000 };
    })();
    this.#tokens.set(appId, fresh);
    fresh.catch(() => this.#tokens.delete(appId));
    return fresh;
  }

  async #call(appId: string, secret: Secret, path: string, body: unknown, query: Readonly<Record<string, string>> = {}): Promise<unknown> {
    let token = await this.#token(appId, secret);
    if (token.expiresAt <= this.#now()) token = await this.#token(appId, secret, token.value);
    try {
      return await this.#requestChecked(path, { ...query, access_token: token.value }, body);
    } catch (error) {
      if (!(error instanceof WeChatApiError) || !tokenErrors.has(error.errcode)) throw error;
      // The token was revoked or superseded: one fresh token, one more try.
      token = await this.#token(appId, secret, token.value);
      return this.#requestChecked(path, { ...query, access_token: token.value }, body);
    }
  }
}
