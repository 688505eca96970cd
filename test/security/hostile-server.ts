/**
 * A loopback web server whose every route is a hostile page: what a broken or
 * malicious site could send to the fetcher behind a menu link. Each case is a
 * row of `hostileCases` (name → what it does → how the fetch must end); the
 * test sweeps them all in one run.
 *
 * The server is reached through a loopback forward proxy (`startTunnelProxy`)
 * so the sweep can run with allowPrivateAddresses false, as in production: the
 * redirect to 169.254.169.254 must then be refused, and the proxy only ever
 * tunnels to this server, so nothing leaves the machine even if a guard fails.
 *
 * Big bodies (bombs, endless bodies, the 30 MB line) are generated lazily as
 * streams with back-pressure: they are never built in memory. The test runs
 * server and proxy in a child process (`startHostileProcess`), as a real
 * site would be elsewhere: compressing bombs on the sweep's own event loop
 * would slow the sweep down and count in the RSS measured.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import type { FetchErrorCode } from '../../http/types.ts';

/** How a hostile fetch must end: a network error code, cut at the body cap, or read completely. */
export type HostileOutcome = FetchErrorCode | 'truncated' | 'fetched';

export interface HostileCase {
  /** Host label and path of the route: http://<name>.hostile.zlt.gov.cn/<name>. */
  readonly name: string;
  readonly what: string;
  readonly outcome: HostileOutcome;
  readonly serve: (req: http.IncomingMessage, res: http.ServerResponse, later: Later) => void;
}

/** Timers a route starts; cleared when its connection closes and when the server closes. */
type Later = (ms: number, tick: () => boolean) => void;

export const HOSTILE_DOMAIN = 'hostile.zlt.gov.cn';
export const HEALTHY_TEXT = '社保查询 医保缴费 公积金提取 办事指南';

const KiB = 1024;
const MiB = 1024 * KiB;
const html = { 'content-type': 'text/html; charset=utf-8' } as const;

/** `chunk` repeated until `total` bytes; pump stops pulling as soon as the client goes away. */
function* repeat(chunk: Buffer, total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
}

/** Streams `parts` with back-pressure and stops producing the moment the client is gone. */
function pump(res: http.ServerResponse, parts: Iterable<Buffer>, through?: zlib.Gzip | zlib.BrotliCompress): void {
  const source = Readable.from(parts, { objectMode: false });
  const stop = () => {
    source.destroy();
    through?.destroy();
  };
  res.on('close', stop);
  res.on('error', stop);
  if (through) source.pipe(through).pipe(res);
  else source.pipe(res);
}

/** Deterministic bytes that look random (no NUL-heavy prefix, so they are not sniffed as binary by NULs alone). */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let block = createHash('sha256').update('menu-patrol hostile noise').digest();
  for (let i = 0; i < bytes; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** A compression bomb: `total` spaces after an HTML prefix, compressed on the fly. */
function bomb(res: http.ServerResponse, encoding: 'gzip' | 'br', total: number): void {
  res.writeHead(200, { ...html, 'content-encoding': encoding });
  const compressor =
    encoding === 'gzip'
      ? zlib.createGzip({ level: 1 })
      : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
  const prefix = Buffer.from('<html><body><p>');
  pump(res, (function* () {
    yield prefix;
    yield* repeat(Buffer.alloc(64 * KiB, ' '), total);
  })(), compressor);
}

/** 50 redirects in a row, on one host (maxRedirects is 10 by default). */
const REDIRECTS = 50;

export const hostileCases: readonly HostileCase[] = [
  {
    name: 'endless-body',
    what: 'an HTML body that never ends',
    outcome: 'truncated',
    serve: (_req, res) => {
      res.writeHead(200, html);
      // "Endless": 64 GiB, far past any cap, so even this loop has an end.
      pump(res, repeat(Buffer.from('<p>办事服务</p>'.repeat(1000)), 64 * 1024 * MiB));
    },
  },
  {
    name: 'one-byte-a-second',
    what: 'a 200 whose body trickles in at one byte a second',
    outcome: 'timeout',
    serve: (_req, res, later) => {
      res.writeHead(200, html);
      res.flushHeaders();
      later(1000, () => res.write('.'));
    },
  },
  {
    name: 'headers-byte-a-second',
    what: 'the status line and headers themselves at one byte a second',
    outcome: 'timeout',
    serve: (req, _res, later) => {
      const head = Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 2\r\n\r\nok');
      let at = 0;
      later(1000, () => at < head.length && req.socket.write(head.subarray(at, ++at)));
    },
  },
  {
    name: 'gzip-bomb',
    what: '1 GiB of spaces gzip-compressed (about 1 MB on the wire), streamed',
    outcome: 'truncated',
    serve: (_req, res) => bomb(res, 'gzip', 1024 * MiB),
  },
  {
    name: 'brotli-bomb',
    what: '1 GiB of spaces brotli-compressed, streamed',
    outcome: 'truncated',
    serve: (_req, res) => bomb(res, 'br', 1024 * MiB),
  },
  {
    name: 'bad-gzip',
    what: 'Content-Encoding: gzip over bytes that are not gzip',
    outcome: 'connect-failure',
    serve: (_req, res) => res.writeHead(200, { ...html, 'content-encoding': 'gzip' }).end(noise(4 * KiB)),
  },
  {
    name: 'redirects-50',
    what: `${REDIRECTS} redirects in a row`,
    outcome: 'too-many-redirects',
    serve: (req, res) => {
      const n = Number(/\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
      if (n >= REDIRECTS) res.writeHead(200, html).end('<p>终于到了</p>');
      else res.writeHead(302, { location: `/redirects-50/${n + 1}` }).end();
    },
  },
  {
    name: 'redirect-to-metadata',
    what: 'a 302 to the cloud metadata address 169.254.169.254',
    outcome: 'private-address',
    serve: (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' }).end(),
  },
  {
    name: 'redirect-to-file',
    what: 'a 302 to file:///etc/passwd',
    outcome: 'invalid-url',
    serve: (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  },
  {
    name: 'headers-100kb',
    what: '100 KB of response headers (100 headers of 1 KB)',
    outcome: 'connect-failure',
    serve: (_req, res) => {
      for (let i = 0; i < 100; i += 1) res.setHeader(`x-filler-${i}`, 'a'.repeat(KiB));
      res.writeHead(200, html).end('<p>ok</p>');
    },
  },
  {
    name: 'headers-then-stall',
    what: 'sends the headers, then nothing, connection kept open',
    outcome: 'timeout',
    serve: (_req, res) => {
      res.writeHead(200, html);
      res.flushHeaders();
    },
  },
  {
    name: 'silent',
    what: 'accepts the request and never answers',
    outcome: 'timeout',
    serve: () => {},
  },
  {
    name: 'chunked-endless',
    what: 'a chunked body that never sends its terminating chunk (a chunk every 250 ms)',
    outcome: 'timeout',
    serve: (_req, res, later) => {
      res.writeHead(200, html);
      later(250, () => res.write('<p>还有</p>'));
    },
  },
  {
    name: 'length-too-long',
    what: 'Content-Length: 1000000, then 20 bytes and the connection closed',
    outcome: 'connect-failure',
    serve: (req, res) => {
      res.writeHead(200, { ...html, 'content-length': '1000000' });
      res.write('<p>short body</p>', () => req.socket.end());
    },
  },
  {
    name: 'not-http',
    what: 'an SSH banner instead of an HTTP response',
    outcome: 'connect-failure',
    serve: (req) => req.socket.end('SSH-2.0-OpenSSH_9.6\r\n'),
  },
  {
    name: 'reset',
    what: 'the connection reset (RST) before any answer',
    outcome: 'connect-failure',
    serve: (req) => req.socket.resetAndDestroy(),
  },
  {
    name: 'invalid-utf8',
    what: 'invalid UTF-8 sequences in a page declared as UTF-8',
    outcome: 'fetched',
    serve: (_req, res) => {
      const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xed, 0xa0, 0x80]);
      const parts = [Buffer.from('<html><head><meta charset="utf-8"><title>办事指南</title></head><body><p>'), ...Array(2000).fill(bad), Buffer.from(`${HEALTHY_TEXT}</p></body></html>`)];
      res.writeHead(200, html).end(Buffer.concat(parts));
    },
  },
  {
    name: 'binary-as-html',
    what: '256 KB of random-looking bytes declared as text/html',
    outcome: 'fetched',
    serve: (_req, res) => res.writeHead(200, html).end(noise(256 * KiB)),
  },
  {
    name: 'nul-bytes',
    what: 'an HTML page with NUL bytes between every character',
    outcome: 'fetched',
    serve: (_req, res) => {
      const page = Buffer.from(`<html><head><title>通知公告</title></head><body><p>${HEALTHY_TEXT.repeat(200)}</p></body></html>`);
      const spaced = Buffer.alloc(page.length * 2);
      page.forEach((byte, i) => (spaced[i * 2] = byte));
      res.writeHead(200, html).end(spaced);
    },
  },
  {
    name: 'nested-200k',
    what: '200,000 nested <div>s (1 MB, within the 2 MiB body cap)',
    outcome: 'fetched',
    serve: (_req, res) => {
      res.writeHead(200, html);
      pump(res, (function* () {
        yield Buffer.from('<html><head><title>深层嵌套</title></head><body>');
        yield* repeat(Buffer.from('<div>'.repeat(10_000)), 200_000 * 5);
        yield Buffer.from(`<p>${HEALTHY_TEXT}</p>`);
      })());
    },
  },
  {
    name: 'line-30mb',
    what: 'a 30 MB single line (no newline anywhere)',
    outcome: 'truncated',
    serve: (_req, res) => {
      res.writeHead(200, html);
      pump(res, (function* () {
        yield Buffer.from('<html><body><p>');
        yield* repeat(Buffer.alloc(64 * KiB, 'a'), 30 * 1000 * 1000);
      })());
    },
  },
  {
    name: 'links-100k',
    what: 'a page of 100,000 links (about 1.9 MB)',
    outcome: 'fetched',
    serve: (_req, res) => {
      res.writeHead(200, html);
      pump(res, (function* () {
        yield Buffer.from('<html><head><title>链接大全</title></head><body>');
        for (let i = 0; i < 100_000; i += 1000) {
          let block = '';
          for (let j = i; j < i + 1000; j += 1) block += `<a href=/${j.toString(36)}>x</a>`;
          yield Buffer.from(block);
        }
        yield Buffer.from('</body></html>');
      })());
    },
  },
  {
    name: 'huge-title',
    what: 'a 1.5 MB <title>',
    outcome: 'fetched',
    serve: (_req, res) => {
      res.writeHead(200, html);
      pump(res, (function* () {
        yield Buffer.from('<html><head><title>');
        yield* repeat(Buffer.from('标题'.repeat(10_000)), 1.5 * 1000 * 1000);
        yield Buffer.from(`</title></head><body><p>${HEALTHY_TEXT}</p></body></html>`);
      })());
    },
  },
];

/** The control: an ordinary page, which must stay ok whatever its neighbours do. */
export const healthyCase: HostileCase = {
  name: 'healthy',
  what: 'an ordinary page',
  outcome: 'fetched',
  serve: (_req, res) =>
    res.writeHead(200, html).end(`<!doctype html><html><head><title>扎兰屯市政务服务</title></head><body><h1>政务服务</h1><p>${HEALTHY_TEXT}</p></body></html>`),
};

export const hostUrl = (name: string): string => `http://${name}.${HOSTILE_DOMAIN}/${name}`;

export interface HostileServer {
  readonly port: number;
  /** Requests per case name. */
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startHostileServer(cases: readonly HostileCase[] = [...hostileCases, healthyCase]): Promise<HostileServer> {
  const byName = new Map(cases.map((c) => [c.name, c]));
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();

  const server = http.createServer((req, res) => {
    const name = /^\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '';
    hits.set(name, (hits.get(name) ?? 0) + 1);
    const route = byName.get(name);
    if (!route) return void res.writeHead(404).end();
    // A repeating timer that ends with the connection, or when `tick` says so; at most 10 minutes of ticks.
    const later: Later = (ms, tick) => {
      let left = Math.ceil(600_000 / ms);
      const timer = setInterval(() => {
        if (req.socket.destroyed || --left < 0 || !tick()) stop();
      }, ms);
      const stop = () => {
        clearInterval(timer);
        timers.delete(timer);
      };
      timers.add(timer);
      req.socket.once('close', stop);
    };
    route.serve(req, res, later);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Hostile writes race the client's hang-ups: EPIPE/ECONNRESET on the server side are expected.
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TunnelProxy {
  readonly url: string;
  /** `host:port` of every target asked for (CONNECT, or an absolute-form request), passed on or not. */
  readonly connects: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy on loopback that passes `*.<domain>` to the local port
 * `routeTo` byte for byte and answers 403 for anything else, so a target the
 * fetcher should have refused shows up in `connects` without a packet leaving
 * the machine. Both forms a client uses reach the hostile server unsanitized:
 * CONNECT (tunnelled) and plain http in absolute form (`GET http://host/path`,
 * rewritten to `GET /path` with `Connection: close` and the rest relayed raw,
 * so a reset, an endless body or a non-HTTP answer arrives as sent). Either
 * side closing tears the pair down, so a client that gives up stops the
 * hostile writer too.
 */
export async function startTunnelProxy(routeTo: number, domain: string): Promise<TunnelProxy> {
  const connects: string[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const relay = (client: net.Socket, target: string, first: Buffer | string, established: boolean) => {
    connects.push(target);
    if (!target.replace(/:\d+$/, '').endsWith(`.${domain}`)) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = net.connect(routeTo, '127.0.0.1', () => {
      if (established) client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(first);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    const teardown = () => {
      upstream.destroy();
      client.destroy();
    };
    for (const socket of [upstream, client]) {
      socket.on('error', teardown);
      socket.on('close', teardown);
    }
  };
  const server = net.createServer((client) => {
    track(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const endOfHead = head.indexOf('\r\n\r\n');
      if (endOfHead < 0) return;
      client.off('data', onData);
      const [requestLine = '', ...headerLines] = head.subarray(0, endOfHead).toString('latin1').split('\r\n');
      const rest = head.subarray(endOfHead + 4);
      const [method = '', target = ''] = requestLine.split(' ');
      if (method === 'CONNECT') return relay(client, target, rest, true);
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        return void client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      }
      const headers = headerLines.filter((line) => !/^(proxy-|connection:)/i.test(line));
      const rewritten = [`${method} ${url.pathname}${url.search} HTTP/1.1`, ...headers, 'Connection: close', '', ''].join('\r\n');
      relay(client, `${url.hostname}:${url.port || 80}`, Buffer.concat([Buffer.from(rewritten, 'latin1'), rest]), false);
    };
    client.on('data', onData);
    client.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** What the child reports over IPC. */
type ChildMessage =
  | { readonly type: 'ready'; readonly proxyUrl: string }
  | { readonly type: 'report'; readonly connects: string[]; readonly hits: Record<string, number> };

export interface HostileProcess {
  readonly pid: number;
  readonly proxyUrl: string;
  /** The CONNECT targets the proxy saw and the requests per case, as of now. */
  report(): Promise<{ connects: string[]; hits: Record<string, number> }>;
  close(): Promise<void>;
}

/** Starts server and proxy in a child process (node --import=tsx/esm this file), reachable through the proxy only. */
export async function startHostileProcess(): Promise<HostileProcess> {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import=tsx/esm'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (type: ChildMessage['type']) =>
    new Promise<ChildMessage>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error('the hostile server process exited')));
    });
  const ready = await next('ready');
  if (ready.type !== 'ready' || child.pid === undefined) throw new Error('the hostile server process did not start');
  return {
    pid: child.pid,
    proxyUrl: ready.proxyUrl,
    report: async () => {
      const reply = next('report');
      child.send({ type: 'report' });
      const message = await reply;
      return message.type === 'report' ? { connects: message.connects, hits: message.hits } : { connects: [], hits: {} };
    },
    close: async () => {
      // Only this child, by its own handle; it also exits by itself when the IPC channel closes.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.send) {
  const server = await startHostileServer();
  const proxy = await startTunnelProxy(server.port, HOSTILE_DOMAIN);
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'report') send({ type: 'report', connects: proxy.connects, hits: Object.fromEntries(server.hits) });
  });
  // Never outlive the test: the parent going away closes the channel.
  process.on('disconnect', () => {
    void Promise.all([proxy.close(), server.close()]).finally(() => process.exit(0));
  });
  send({ type: 'ready', proxyUrl: proxy.url });
}
