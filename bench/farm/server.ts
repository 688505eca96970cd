/**
 * The farm's servers: one HTTP server per host on its own loopback address
 * (127.0.1.<n>; Linux routes all of 127/8 to lo), each answering after the
 * URL's service time. Requests are served in parallel: service time is
 * latency, not capacity, so the lower bound in model.ts is exact. The farm
 * counts what reaches it, so a run can show how hard a checker hit each host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FarmModel, UrlSpec } from './model.ts';
import { allPages, notFoundPage, serverErrorPage, type FarmPage } from './pages.ts';

export interface FarmStats {
  readonly requests: number;
  readonly headRequests: number;
  /** Requests for paths the model does not have: a harness bug if not 0. */
  readonly unknown: number;
  /** Most requests one host had in progress at once. */
  readonly peakPerHost: number;
  /** Most requests in progress at once over all hosts. */
  readonly peakTotal: number;
}

export interface RunningFarm {
  /** Port of each host, in host order. */
  readonly ports: readonly number[];
  stats(): FarmStats;
  /** Counters back to zero, and every page back to its first version. */
  resetStats(): void;
  close(): Promise<void>;
}

/** A government nginx keeps idle connections 75 s; shorter would only add reconnects. */
const keepAliveMs = 75_000;

class Counters {
  requests = 0;
  headRequests = 0;
  unknown = 0;
  peakPerHost = 0;
  peakTotal = 0;
  total = 0;
  readonly perHost = new Map<number, number>();

  enter(host: number, head: boolean): () => void {
    this.requests += 1;
    if (head) this.headRequests += 1;
    const now = (this.perHost.get(host) ?? 0) + 1;
    this.perHost.set(host, now);
    this.total += 1;
    this.peakPerHost = Math.max(this.peakPerHost, now);
    this.peakTotal = Math.max(this.peakTotal, this.total);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.perHost.set(host, (this.perHost.get(host) ?? 1) - 1);
      this.total -= 1;
    };
  }
}

function send(res: ServerResponse, head: boolean, status: number, page: FarmPage, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': page.contentType, 'content-length': page.body.length, ...extra });
  res.end(head ? undefined : page.body);
}

/**
 * A page as a CMS serves it: an ETag of its version, and 304 to a request
 * that sends that ETag back (after the same service time: the farm does not
 * assume a 304 is cheaper to produce). A changed page is the pool's page with
 * an edit note appended, which changes its bytes but not its verdict.
 */
function sendPage(req: IncomingMessage, res: ServerResponse, spec: UrlSpec, page: FarmPage, version: number): void {
  const etag = `"h${spec.host}-p${spec.page}-v${version}"`;
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
  const body = version === 0 ? page.body : Buffer.concat([page.body, Buffer.from(`\n<!-- edited, version ${version} -->\n`)]);
  send(res, req.method === 'HEAD', 200, { contentType: page.contentType, body }, { etag });
}

function answer(req: IncomingMessage, res: ServerResponse, spec: UrlSpec, hop: number, pages: readonly FarmPage[], version: number): void {
  const head = req.method === 'HEAD';
  const page = pages[spec.page] ?? notFoundPage;
  switch (spec.fate) {
    case 'ok':
      return sendPage(req, res, spec, page, version);
    case 'redirect':
      if (hop === 0) return send(res, head, 302, { contentType: 'text/html', body: Buffer.alloc(0) }, { location: spec.path.replace('/m/', '/r/') });
      return sendPage(req, res, spec, page, version);
    case 'not-found':
      return send(res, head, 404, notFoundPage);
    case 'server-error':
      return send(res, head, 500, serverErrorPage(spec.path));
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang':
      return;
  }
}

/** `GET /__farm/change?share=0.05` on any host edits that share of the pages (every 1/share-th URL that serves one). */
const changePath = '/__farm/change';

export async function startFarm(model: FarmModel): Promise<RunningFarm> {
  const counters = { current: new Counters() };
  /** Edits so far, by the URL spec whose page they changed. */
  let versions = new Map<UrlSpec, number>();
  const change = (share: number): number => {
    const serving = model.urls.filter((u) => u.fate === 'ok' || u.fate === 'redirect');
    const every = Math.max(1, Math.round(1 / share));
    const changed = serving.filter((_, i) => i % every === 0);
    for (const spec of changed) versions.set(spec, (versions.get(spec) ?? 0) + 1);
    return changed.length;
  };
  const pools = allPages(model);
  const routes = model.hosts.map(() => new Map<string, { spec: UrlSpec; hop: number }>());
  for (const spec of model.urls) {
    const table = routes[spec.host - 1];
    table?.set(spec.path, { spec, hop: 0 });
    if (spec.fate === 'redirect') table?.set(spec.path.replace('/m/', '/r/'), { spec, hop: 1 });
  }

  const servers: Server[] = [];
  const ports: number[] = [];
  for (const host of model.hosts) {
    const table = routes[host.index - 1];
    const pages = pools[host.index - 1] ?? [];
    const server = createServer({ keepAliveTimeout: keepAliveMs }, (req, res) => {
      if (req.url?.startsWith(changePath)) {
        const share = Number(new URL(req.url, 'http://farm').searchParams.get('share'));
        return void res.end(String(change(share)));
      }
      const leave = counters.current.enter(host.index, req.method === 'HEAD');
      res.on('close', leave);
      const route = table?.get(req.url ?? '');
      if (!route) {
        counters.current.unknown += 1;
        return send(res, req.method === 'HEAD', 404, notFoundPage);
      }
      const delay = route.spec.serviceMs[route.hop];
      const version = versions.get(route.spec) ?? 0;
      if (delay === undefined) return answer(req, res, route.spec, route.hop, pages, version);
      const timer = setTimeout(() => answer(req, res, route.spec, route.hop, pages, version), delay);
      res.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host.address, () => resolve());
    });
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }

  return {
    ports,
    stats: () => {
      const { requests, headRequests, unknown, peakPerHost, peakTotal } = counters.current;
      return { requests, headRequests, unknown, peakPerHost, peakTotal };
    },
    resetStats: () => {
      counters.current = new Counters();
      versions = new Map();
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
