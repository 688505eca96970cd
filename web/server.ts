import { readFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { hostAndPort } from '../config/fields.ts';
import type { Config, WebConfig } from '../config/load.ts';
import { UsageError } from '../core/errors.ts';
import { evidenceDir, screenshotOf } from '../store/evidence.ts';
import type { Store } from '../store/store.ts';
import type { SweepService } from '../sweep/sweep-service.ts';
import { accountView } from './account-view.ts';
import { Auth, type Viewer } from './auth.ts';
import { listenRefusal } from './listen-refusal.ts';
import type { LiveUpdates } from './live.ts';
import { AccountPage, RecheckQueuedPage } from './pages/account.tsx';
import { errorPage } from './pages/error.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { reportDownload } from './pages/report.ts';
import { RunsPage } from './pages/runs.tsx';
import { Sessions, sessionRoutes, staleForm, type Env } from './sessions.ts';
import { signingKey } from './signing-key.ts';
import { accountStates, overview, runHistory, sortKeys, visibleAccounts, type AccountState, type Filter, type SortKey, type ViewInput } from './view-model.ts';

/**
 * The status page: Hono routes in the service's process, reading the same
 * store the sweeps write. Read-only but for "recheck now", which goes through
 * the sweep service like a chat 复查.
 */

export interface WebDeps {
  readonly config: Config;
  readonly web: WebConfig;
  readonly store: Store;
  readonly sweeps: SweepService;
  readonly live: LiveUpdates;
  readonly log: (line: string) => void;
  readonly now: () => Date;
}

export interface WebServer {
  /** Where this computer opens the page. */
  readonly url: string;
  /** A signed link showing only this owner's accounts, on web.publicUrl when set. */
  ownerLink(owner: string): string;
  close(): Promise<void>;
}

/** Longer addresses are refused before any parsing: nothing the pages link to comes close. */
const maxUrlLength = 2048;
const statics = { 'app.css': 'text/css; charset=utf-8', 'live.js': 'text/javascript; charset=utf-8' } as const;

async function loadStatics(): Promise<Map<string, string>> {
  const files = await Promise.all(Object.keys(statics).map(async (name) => [name, await readFile(new URL(`./static/${name}`, import.meta.url), 'utf8')] as const));
  return new Map(files);
}

/** The overview's query: each parameter at most once, values from the known lists; anything else is a 400. */
function filterOf(c: Context): Filter | undefined {
  const queries = c.req.queries();
  if (Object.values(queries).some((values) => values.length > 1)) return undefined;
  const unit = c.req.query('unit') || undefined;
  const state = c.req.query('state') || undefined;
  const sort = c.req.query('sort') || 'state';
  if (state !== undefined && !(accountStates as readonly string[]).includes(state)) return undefined;
  if (!Object.hasOwn(sortKeys, sort) || (unit !== undefined && unit.length > 200)) return undefined;
  return { unit, state: state as AccountState | undefined, sort: sort as SortKey };
}

function createApp(deps: WebDeps, auth: Auth, assets: ReadonlyMap<string, string>): Hono<Env> {
  const { config, web, store, sweeps, live, log, now } = deps;
  const sessions = new Sessions(auth, web);
  const app = new Hono<Env>();
  const viewInput = (viewer: Viewer): ViewInput => ({ config, runs: store.runs, findings: store.findings, viewer, now: now(), running: sweeps.running });
  const allowedOrigins = (c: Context) => [new URL(c.req.url).origin, ...(web.publicUrl ? [new URL(web.publicUrl).origin] : [])];

  app.use(async (c, next) => {
    if (c.req.url.length > maxUrlLength) return errorPage(c, 414);
    await next();
    // Pages show who is broken and carry form tokens: never kept by a browser or a proxy.
    if (!c.req.path.startsWith('/static/')) c.header('Cache-Control', 'no-store');
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: web.publicUrl?.startsWith('https:') ? 'max-age=15552000' : false,
    }),
  );
  app.use(sessions.middleware);
  // Every POST: the Origin (or Sec-Fetch-Site) must be this page's; the forms' token is checked by each route.
  app.use(csrf({ origin: (origin, c) => allowedOrigins(c).includes(origin), secFetchSite: 'same-origin' }));
  app.route('/', sessionRoutes({ config, web, auth, sessions, log, now }));

  app.get('/static/:name', (c) => {
    const name = c.req.param('name');
    const body = assets.get(name);
    if (body === undefined) return errorPage(c, 404);
    return c.body(body, 200, { 'Content-Type': statics[name as keyof typeof statics], 'Cache-Control': 'no-cache' });
  });

  app.get('/', sessions.only((c, who) => {
    const filter = filterOf(c);
    if (!filter) return errorPage(c, 400);
    return c.html(OverviewPage({ model: overview(viewInput(who.viewer), filter), viewer: who.viewer, csrf: who.session.csrf }));
  }));
  // The wrapped handlers see a plain context: the path parameter is there, as the route says.
  app.get('/accounts/:name', sessions.only((c, who) => {
    const model = accountView(viewInput(who.viewer), c.req.param('name')!);
    if (!model) return errorPage(c, 404);
    // A Weibo account has no menu to sweep.
    const canRecheck = config.accounts.find((a) => a.name === model.row.name)?.platform !== 'weibo';
    return c.html(AccountPage({ model, viewer: who.viewer, csrf: who.session.csrf, canRecheck }));
  }));
  app.post('/accounts/:name/recheck', sessions.only(async (c, who) => {
    if (!(await sessions.form(c))) return staleForm(c);
    const name = c.req.param('name')!;
    if (!visibleAccounts(config, who.viewer).some((a) => a.name === name)) return errorPage(c, 404);
    const joined = sweeps.running?.has(name) ?? false;
    const by = who.viewer.role === 'admin' ? '管理员' : who.viewer.owner;
    log(`网页：${by} 要求复查“${name}”`);
    sweeps.sweep([name], 'recheck').catch((error: unknown) => log(`网页发起的复查出错：${(error as Error).message}`));
    return c.html(RecheckQueuedPage({ name, viewer: who.viewer, csrf: who.session.csrf, joined }));
  }));
  app.get('/runs', sessions.only((c, who) => c.html(RunsPage({ runs: runHistory(viewInput(who.viewer)), viewer: who.viewer, csrf: who.session.csrf }))));
  app.get('/report.xlsx', sessions.only((c, who) => reportDownload(c, config, store, who.viewer, now())));
  app.get('/evidence/:id', sessions.only(async (c, who) => {
    const names = new Set(visibleAccounts(config, who.viewer).map((a) => a.name));
    const finding = store.findings.find((f) => f.id === c.req.param('id') && names.has(f.account));
    const file = finding && screenshotOf(finding.evidence);
    // Only files inside the evidence folder, whatever a finding says.
    const root = resolve(evidenceDir(dirname(store.file))) + sep;
    if (!file || !resolve(file).startsWith(root)) return errorPage(c, 404);
    const jpeg = await readFile(file).catch(() => undefined);
    return jpeg ? c.body(new Uint8Array(jpeg), 200, { 'Content-Type': 'image/jpeg' }) : errorPage(c, 404);
  }));
  app.get('/events', sessions.only((c) => live.stream(c)));
  app.get('/version', sessions.only((c) => c.json({ run: store.lastRun()?.run.id ?? null })));

  app.notFound((c) => errorPage(c, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 403) return errorPage(c, 403);
    if (error instanceof HTTPException && error.status === 400) return errorPage(c, 400);
    log(`网页出错：${error.message}`);
    return errorPage(c, 500);
  });
  return app;
}

/** The address cannot be listened on: another program has the port, or it is not this computer's. */
export class ListenError extends UsageError {
  constructor(
    listen: string,
    readonly reason: string,
  ) {
    super(`状态网页无法在 ${listen} 上打开（${listenRefusal(reason)}）。请在配置文件的 web.listen 换一个端口，或写 web: false 不开网页。`);
  }
}

/** Starts the page on web.listen (or `listen`, for tests on port 0). */
export async function startWeb(deps: WebDeps & { readonly listen?: string }): Promise<WebServer> {
  const auth = new Auth(await signingKey(deps.web, deps.store.file), deps.web, deps.now);
  const app = createApp(deps, auth, await loadStatics());
  const server = createAdaptorServer({ fetch: app.fetch });
  const listen = deps.listen ?? deps.web.listen;
  const { host, port } = hostAndPort(listen);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new ListenError(listen, error.code ?? error.message)));
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  const base = (deps.web.publicUrl ?? url).replace(/\/+$/, '');
  return {
    url,
    ownerLink: (owner) => `${base}${auth.ownerLinkPath(owner)}`,
    async close() {
      await deps.live.closeStreams();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}

