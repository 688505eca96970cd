import http from 'node:http';
import type https from 'node:https';
import net, { type AddressInfo, type LookupFunction } from 'node:net';
import type { ExecutionContext } from 'ava';
import { createFetcher, type Fetcher, type FetcherDeps } from '../../http/fetcher.ts';
import { WECHAT_ANDROID_USER_AGENT } from '../../http/headers.ts';
import type { FetchPolicy } from '../../http/types.ts';

export interface TestServer {
  readonly port: number;
  /** `http://host:port/path`; host defaults to 127.0.0.1. */
  url(path: string, host?: string): string;
  /** Request paths in arrival order. */
  readonly hits: string[];
  /** TCP connections accepted. */
  readonly connections: () => number;
}

/** A loopback server on port 0, closed (connections included) when the test ends. */
export async function startServer(
  t: ExecutionContext,
  handler: http.RequestListener,
  server: http.Server | https.Server = http.createServer(),
): Promise<TestServer> {
  const hits: string[] = [];
  let connections = 0;
  server.on('connection', () => (connections += 1));
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => closeServer(server));
  const { port } = server.address() as AddressInfo;
  const scheme = 'cert' in server ? 'https' : 'http';
  return { port, url: (path, host = '127.0.0.1') => `${scheme}://${host}:${port}${path}`, hits, connections: () => connections };
}

function closeServer(server: net.Server & { closeAllConnections?: () => void }): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return port;
}

export interface TestProxy {
  readonly url: string;
  /** `host:port` of every CONNECT received. */
  readonly connects: string[];
}

/**
 * A CONNECT proxy on loopback that tunnels every target to `routeTo` (a local
 * port), so tests can use public-looking names without touching the network.
 * `refuse` answers every CONNECT with that status instead.
 */
export async function startProxy(t: ExecutionContext, routeTo: number, refuse?: number): Promise<TestProxy> {
  const connects: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    if (refuse !== undefined) {
      client.end(`HTTP/1.1 ${refuse} Refused\r\n\r\n`);
      return;
    }
    const upstream = net.connect(routeTo, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => closeServer(server));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connects };
}

/** Answers from `names`; ENOTFOUND for anything else, so no test ever sends a real DNS query. */
export function fakeDns(names: Record<string, string[]> = {}, asked: string[] = []): LookupFunction {
  return (hostname, options, callback) => {
    asked.push(hostname);
    const addresses = names[hostname];
    setImmediate(() => {
      if (addresses === undefined || addresses[0] === undefined) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), []);
      } else if (options.all) {
        callback(null, addresses.map((address) => ({ address, family: net.isIP(address) })));
      } else {
        callback(null, addresses[0], net.isIP(addresses[0]));
      }
    });
  };
}

export function testPolicy(overrides: Partial<FetchPolicy> = {}): FetchPolicy {
  return {
    timeoutMs: 3000,
    maxRedirects: 10,
    maxBodyBytes: 1024 * 1024,
    userAgent: WECHAT_ANDROID_USER_AGENT,
    allowPrivateAddresses: true,
    resolve: {},
    concurrency: 8,
    perHostConcurrency: 4,
    retries: 0,
    retryDelayMs: 20,
    maxRetryAfterMs: 3000,
    ...overrides,
  };
}

/** A fetcher with no real DNS and no proxy from the environment, closed after the test. */
export function testFetcher(t: ExecutionContext, overrides: Partial<FetchPolicy> = {}, deps: FetcherDeps = {}): Fetcher {
  const fetcher = createFetcher(testPolicy(overrides), { lookup: fakeDns(), env: {}, ...deps });
  t.teardown(() => fetcher.close());
  return fetcher;
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
