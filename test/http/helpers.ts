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
  /** `http://127.0.0.1:port`, without credentials. */
  readonly url: string;
  /** The same with `user:password@` in it. */
  readonly urlWith: (credentials: string) => string;
  /** `host:port` of every CONNECT received, refused ones included. */
  readonly connects: string[];
  /** The target of every plain request received, as sent (absolute form: `http://host/path`). */
  readonly requests: string[];
  /** The Proxy-Authorization header of every request and CONNECT, in order. */
  readonly authorizations: (string | undefined)[];
}

export interface ProxyOptions {
  /** Answer every CONNECT with this status. */
  readonly refuse?: number;
  /** Ports CONNECT may reach; Squid's default policy (`http_access deny CONNECT !SSL_ports`) allows 443 only. */
  readonly connectPorts?: readonly number[];
  /** `user:password` the proxy demands; without it: 407 with Proxy-Authenticate (RFC 7235). */
  readonly credentials?: string;
}

/**
 * A standard forward proxy on loopback, written from RFC 7230 §5.3.2 and RFC
 * 7231 §4.3.6: plain http arrives in absolute form (`GET http://host/path`)
 * and is forwarded; https arrives as CONNECT host:443 and is tunnelled. Every
 * target is routed to `routeTo` (a local port), so tests can use public-looking
 * names without touching the network.
 */
export async function startProxy(t: ExecutionContext, routeTo: number, options: ProxyOptions = {}): Promise<TestProxy> {
  const { refuse, connectPorts = [443], credentials } = options;
  const connects: string[] = [];
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const expected = credentials === undefined ? undefined : `Basic ${Buffer.from(credentials).toString('base64')}`;
  const authorized = (req: http.IncomingMessage) => {
    authorizations.push(req.headers['proxy-authorization']);
    return expected === undefined || req.headers['proxy-authorization'] === expected;
  };
  const challenge = 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="county-proxy"\r\nContent-Length: 0\r\n\r\n';

  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!authorized(req)) return res.writeHead(407, { 'proxy-authenticate': 'Basic realm="county-proxy"' }).end();
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      return res.writeHead(400).end('absolute-form request-target required');
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !name.startsWith('proxy-')));
    const upstream = http.request({ host: '127.0.0.1', port: routeTo, method: req.method, path: target.pathname + target.search, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    client.on('error', () => {});
    if (refuse !== undefined) return void client.end(`HTTP/1.1 ${refuse} Refused\r\n\r\n`);
    if (!authorized(req)) return void client.end(challenge);
    if (!connectPorts.includes(Number(req.url?.split(':').pop()))) return void client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
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
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, urlWith: (c) => `http://${c}@127.0.0.1:${port}`, connects, requests, authorizations };
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
