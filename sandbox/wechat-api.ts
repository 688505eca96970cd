/**
 * A stand-in for api.weixin.qq.com on 127.0.0.1: the real request and answer
 * shapes, token rules and error codes, a record of every call, and faults a
 * test can inject (an errcode for the next N calls, or a call that never ends).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { UrlOf } from './menu-shapes.ts';
import type { World } from './model.ts';
import { closeServer, listenLocal, loopback } from './listen.ts';
import { wxError } from './wechat-errors.ts';
import type { FunctionWorld } from './functions.ts';
import { materialRoutes } from './wechat-material-routes.ts';
import { menuRoutes } from './wechat-menu-routes.ts';
import type { PublishWorld } from './publications.ts';
import { publishRoutes } from './wechat-publish-routes.ts';
import { FileReply, type ApiAccount, type ApiRequest, type Route } from './wechat-routes.ts';
import { TokenStore, tokenRoutes } from './wechat-tokens.ts';

export interface ApiCall {
  readonly method: string;
  readonly path: string;
  /** The account the call was for, when known (from the body, the query or the token). Never the secret. */
  readonly appid?: string;
}

export interface InjectedError {
  readonly errcode: number;
  /** Defaults to WeChat's message for the code. */
  readonly errmsg?: string;
  /** How many calls fail (default 1). */
  readonly times?: number;
  /** Only calls to this path (e.g. /cgi-bin/stable_token); default: every call that uses a token. */
  readonly path?: string;
}

export type InjectedHang = Omit<InjectedError, 'errcode' | 'errmsg'>;

type FaultEffect = { readonly kind: 'error'; readonly errcode: number; readonly errmsg?: string } | { readonly kind: 'hang' };

interface Fault {
  readonly effect: FaultEffect;
  readonly path?: string;
  remaining: number;
}

export interface WechatApiOptions {
  /** Builds the full URL of a page on the site farm. */
  readonly urlOf: UrlOf;
  /** Materials and published articles the API knows. */
  readonly functions: FunctionWorld;
  /** What each account has published (freepublish/batchget). */
  readonly publications: PublishWorld;
  /** Token lifetime; WeChat's is 7200 s. Tests shorten it to see tokens expire. */
  readonly tokenTtlSeconds?: number;
}

export interface WechatApi {
  /** Base URL, http://127.0.0.1:PORT (what the config calls apiBase). */
  readonly url: string;
  readonly calls: readonly ApiCall[];
  /** The next `times` matching calls of the account answer with this errcode. */
  inject(appId: string, fault: InjectedError): void;
  /** The next `times` matching calls of the account never get an answer. */
  hang(appId: string, options?: InjectedHang): void;
  setTokenTtl(seconds: number): void;
  /** Every token issued so far (for one account) expires now. */
  expireTokens(appId?: string): void;
  /** Every access token handed out so far. */
  issuedTokens(): string[];
  close(): Promise<void>;
}

const maxBodyBytes = 1 << 20;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function reply(res: ServerResponse, body: unknown): void {
  if (body instanceof FileReply) {
    res.writeHead(200, { 'content-type': body.contentType, 'content-length': body.bytes.length });
    res.end(body.bytes);
    return;
  }
  // WeChat really labels its JSON this way (encoding=, not charset=).
  res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startWechatApi(world: World, options: WechatApiOptions): Promise<WechatApi> {
  const accounts = new Map<string, ApiAccount>();
  for (const a of world.accounts) {
    if (a.api && a.menu) accounts.set(a.api.appId, { ...a, api: a.api, menu: a.menu });
  }
  const store = new TokenStore(options.tokenTtlSeconds ?? 7200);
  const routes: readonly Route[] = [
    ...tokenRoutes(accounts, store),
    ...menuRoutes(options.urlOf),
    ...materialRoutes(options.functions, options.urlOf),
    ...publishRoutes(options.publications),
  ];
  const calls: ApiCall[] = [];
  const faults = new Map<string, Fault[]>();

  function addFault(appId: string, effect: FaultEffect, options: InjectedHang): void {
    const list = faults.get(appId) ?? [];
    list.push({ effect, remaining: options.times ?? 1, ...(options.path ? { path: options.path } : {}) });
    faults.set(appId, list);
  }

  /** What the first pending fault this call matches does, using it up by one. */
  function takeFault(appId: string | undefined, route: Route): FaultEffect | undefined {
    const list = appId === undefined ? undefined : faults.get(appId);
    const fault = list?.find((f) => (f.path === undefined ? route.auth === 'token' : f.path === route.path));
    if (!list || !fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) list.splice(list.indexOf(fault), 1);
    return fault.effect;
  }

  /** Answers a call that got past authentication, unless a fault says otherwise. */
  function answer(res: ServerResponse, appId: string | undefined, route: Route, handle: () => unknown): void {
    const effect = takeFault(appId, route);
    if (effect?.kind === 'hang') return; // never answered; close() drops the connection
    reply(res, effect ? wxError(effect.errcode, effect.errmsg) : handle());
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://api.invalid');
    const request: ApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: parseBody(await readBody(req)),
    };
    const sameRoute = routes.filter((r) => r.path === request.path);
    const route = sameRoute.find((r) => r.method === request.method);
    if (!route) {
      calls.push({ method: request.method, path: request.path });
      if (sameRoute[0]) reply(res, wxError(sameRoute[0].method === 'POST' ? 43002 : 43001));
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.auth === 'credentials') {
      const appid = route.appIdOf(request);
      calls.push({ method: request.method, path: request.path, ...(appid ? { appid } : {}) });
      answer(res, appid, route, () => route.handle(request));
      return;
    }
    const verified = store.verify(request.query.get('access_token'));
    const account = 'appId' in verified ? accounts.get(verified.appId) : undefined;
    calls.push({ method: request.method, path: request.path, ...(account ? { appid: account.api.appId } : {}) });
    if (!account) return reply(res, 'errcode' in verified ? verified : wxError(40001));
    answer(res, account.api.appId, route, () => route.handle(account, request));
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  const port = await listenLocal(server);

  return {
    url: `http://${loopback}:${port}`,
    calls,
    inject: (appId, { errcode, errmsg, ...options }) =>
      addFault(appId, { kind: 'error', errcode, ...(errmsg ? { errmsg } : {}) }, options),
    hang: (appId, options = {}) => addFault(appId, { kind: 'hang' }, options),
    setTokenTtl: (seconds) => store.setTtl(seconds),
    expireTokens: (appId) => store.expire(appId),
    issuedTokens: () => store.issued(),
    close: () => closeServer(server),
  };
}
