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

function answer(req: IncomingMessage, res: ServerResponse, spec: UrlSpec, hop: number, pages: readonly FarmPage[]): void {
  const head = req.method === 'HEAD';
  const page = pages[spec.page] ?? notFoundPage;
  switch (spec.fate) {
    case 'ok':
      return send(res, head, 200, page);
    case 'redirect':
      if (hop === 0) return send(res, head, 302, { contentType: 'text/html', body: Buffer.alloc(0) }, { location: spec.path.replace('/m/', '/r/') });
      return send(res, head, 200, page);
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

export async function startFarm(model: FarmModel): Promise<RunningFarm> {
  const counters = { current: new Counters() };
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
      const leave = counters.current.enter(host.index, req.method === 'HEAD');
      res.on('close', leave);
      const route = table?.get(req.url ?? '');
      if (!route) {
        counters.current.unknown += 1;
        return send(res, req.method === 'HEAD', 404, notFoundPage);
      }
      const delay = route.spec.serviceMs[route.hop];
      if (delay === undefined) return answer(req, res, route.spec, route.hop, pages);
      const timer = setTimeout(() => answer(req, res, route.spec, route.hop, pages), delay);
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
