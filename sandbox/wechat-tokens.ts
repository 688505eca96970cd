/**
 * Access tokens as WeChat hands them out. stable_token in normal mode returns
 * the same token while it is valid (expires_in counting down) and a new one
 * after expiry; force_refresh replaces it at once. cgi-bin/token issues a
 * separate classic token each call: the product must never call it, since on
 * the real platform that breaks the account's own server five minutes later.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { ApiRequest, ApiAccount, Route } from './wechat-routes.ts';
import { notWhitelisted, wxError, type WxError } from './wechat-errors.ts';

interface Issued {
  readonly appId: string;
  expiresAt: number;
  /** Superseded by a forced refresh: WeChat answers 40001, not 42001. */
  revoked: boolean;
}

export interface TokenGrant {
  readonly access_token: string;
  readonly expires_in: number;
}

export class TokenStore {
  readonly #issued = new Map<string, Issued>();
  /** The current stable token of each account. */
  readonly #stable = new Map<string, string>();

  constructor(private ttlSeconds: number) {}

  setTtl(seconds: number): void {
    this.ttlSeconds = seconds;
  }

  #issue(appId: string): string {
    // Real tokens are long opaque strings (the docs say reserve 512 characters).
    const token = `${randomInt(10, 100)}_${randomBytes(96).toString('base64url')}`;
    this.#issued.set(token, { appId, expiresAt: Date.now() + this.ttlSeconds * 1000, revoked: false });
    return token;
  }

  #grant(token: string): TokenGrant {
    const expiresAt = this.#issued.get(token)?.expiresAt ?? 0;
    return { access_token: token, expires_in: Math.ceil((expiresAt - Date.now()) / 1000) };
  }

  stable(appId: string, forceRefresh: boolean): TokenGrant {
    const current = this.#stable.get(appId);
    const issued = current === undefined ? undefined : this.#issued.get(current);
    if (current !== undefined && issued && !forceRefresh && issued.expiresAt > Date.now()) return this.#grant(current);
    if (issued && forceRefresh) issued.revoked = true;
    const token = this.#issue(appId);
    this.#stable.set(appId, token);
    return this.#grant(token);
  }

  classic(appId: string): TokenGrant {
    return this.#grant(this.#issue(appId));
  }

  /** The account a token belongs to, or the error WeChat gives for it. */
  verify(token: string | null): { appId: string } | WxError {
    if (!token) return wxError(41001);
    const issued = this.#issued.get(token);
    if (!issued || issued.revoked) return wxError(40001);
    if (issued.expiresAt <= Date.now()) return wxError(42001);
    return { appId: issued.appId };
  }

  /** Every token issued so far, so a test can prove none leaked into outputs. */
  issued(): string[] {
    return [...this.#issued.keys()];
  }

  /** Ends every issued token (of one account) now, so tests need not wait a TTL. */
  expire(appId?: string): void {
    for (const issued of this.#issued.values()) {
      if (appId === undefined || issued.appId === appId) issued.expiresAt = Math.min(issued.expiresAt, Date.now());
    }
  }
}

interface Credentials {
  readonly grantType: unknown;
  readonly appId: unknown;
  readonly secret: unknown;
}

/** The checks both token endpoints make, in WeChat's order: grant type, appid, caller IP, secret. */
function checkCredentials(c: Credentials, accounts: ReadonlyMap<string, ApiAccount>): ApiAccount | WxError {
  if (c.grantType !== 'client_credential') return wxError(40002);
  if (typeof c.appId !== 'string' || c.appId === '') return wxError(41002);
  if (typeof c.secret !== 'string' || c.secret === '') return wxError(41004);
  const account = accounts.get(c.appId);
  if (!account) return wxError(40013);
  if (!account.api.ipWhitelisted) return notWhitelisted();
  if (account.api.secret !== c.secret) return wxError(40125);
  return account;
}

function bodyField(request: ApiRequest, field: string): unknown {
  const body = request.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
}

export function tokenRoutes(accounts: ReadonlyMap<string, ApiAccount>, store: TokenStore): Route[] {
  return [
    {
      auth: 'credentials',
      method: 'POST',
      path: '/cgi-bin/stable_token',
      appIdOf: (r) => {
        const appId = bodyField(r, 'appid');
        return typeof appId === 'string' ? appId : undefined;
      },
      handle: (r) => {
        if (typeof r.body !== 'object' || r.body === null) return wxError(47001);
        const checked = checkCredentials(
          { grantType: bodyField(r, 'grant_type'), appId: bodyField(r, 'appid'), secret: bodyField(r, 'secret') },
          accounts,
        );
        if ('errcode' in checked) return checked;
        return store.stable(checked.api.appId, bodyField(r, 'force_refresh') === true);
      },
    },
    {
      auth: 'credentials',
      method: 'GET',
      path: '/cgi-bin/token',
      appIdOf: (r) => r.query.get('appid') ?? undefined,
      handle: (r) => {
        const checked = checkCredentials(
          { grantType: r.query.get('grant_type'), appId: r.query.get('appid'), secret: r.query.get('secret') },
          accounts,
        );
        return 'errcode' in checked ? checked : store.classic(checked.api.appId);
      },
    },
  ];
}
