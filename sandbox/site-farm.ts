/**
 * Every web site of the world on one loopback HTTP server, chosen by the Host
 * header (the checker resolves every sandbox host to 127.0.0.1, like curl
 * --resolve). Hosts whose failure is at the connection level get their own
 * port: one that accepts and never answers, one where nothing listens.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import iconv from 'iconv-lite';
import { linkUrl, pageKey } from './links.ts';
import { closeServer, listenLocal, reservePort } from './listen.ts';
import type { Link, Listener, PageSpec, SiteSpec, World } from './model.ts';
import { Rng, hash32 } from './prng.ts';
import { articleContent, govPage, htmlSpec, nginxErrorPage } from './site-pages.ts';
import { pickParagraphs } from './text-corpus.ts';
import { articlePage } from './wechat-pages.ts';
import { wechatHost } from './world-builder.ts';

export interface SiteFarm {
  /** Port of the virtual-host server. */
  readonly port: number;
  /** The full URL of a link, on the port its host really uses. */
  url(link: Link): string;
  /** Requests answered, keyed host + path + query, e.g. "rsj.zlt.gov.cn/jyzp/index.html". */
  readonly hits: ReadonlyMap<string, number>;
  /** Replaces (or adds) one page, e.g. to break a healthy link in a test. */
  setPage(host: string, path: string, page: PageSpec): void;
  /**
   * What an office's fix looks like: the path now serves a healthy page of the
   * site, and a host that hung or refused connections starts answering.
   */
  repair(host: string, path: string): Promise<void>;
  close(): Promise<void>;
}

/** Header on answers for which no page exists: tells a sandbox bug from a seeded 404. */
export const noRouteHeader = 'x-sandbox-route';

function bodyBytes(page: PageSpec, url: (link: Link) => string): Buffer {
  const body = Object.entries(page.refs ?? {}).reduce((text, [placeholder, link]) => text.replaceAll(placeholder, url(link)), page.body);
  if (page.encoding === 'gbk') return iconv.encode(body, 'gbk');
  return Buffer.from(body, page.encoding === 'base64' ? 'base64' : 'utf8');
}

/** A healthy page for a repaired path, written from the site's own template. */
function restoredPage(site: SiteSpec, path: string): PageSpec {
  const rng = new Rng(hash32(`${site.host}${path}`));
  const names = { unit: site.owner, short: site.owner };
  const paragraphs = pickParagraphs(rng, names, 6);
  if (site.host === wechatHost) {
    const ct = Date.UTC(2022, 6, 20) / 1000;
    return articlePage({ title: '（已更新）', author: '编辑部', nickname: site.owner, ghId: 'gh_000000000000', biz: 'MzAwMDAwMDAwMA==', mid: 2247483647, idx: 1, ct, digest: paragraphs[0] ?? '', paragraphs });
  }
  const title = `${site.owner}栏目页面`;
  const content = articleContent({ title, date: '2022-07-20', source: site.owner, views: 1, paragraphs });
  const html = govPage({ host: site.host, siteName: site.owner, heading: title, crumbs: ['栏目页面'], content, charset: site.charset });
  return htmlSpec(html, { charset: site.charset });
}

/**
 * A raw TCP listener that holds every connection without a byte of answer,
 * until it is told to hand them to the HTTP server instead.
 */
class Gate {
  readonly #held = new Set<Socket>();
  readonly #server: Server;

  constructor(
    http: HttpServer,
    public serving: boolean,
  ) {
    this.#server = createServer((socket) => {
      if (this.serving) {
        http.emit('connection', socket);
        return;
      }
      socket.on('error', () => {}); // the client gives up and resets: expected
      this.#held.add(socket);
      socket.on('close', () => this.#held.delete(socket));
    });
  }

  listen(port = 0): Promise<number> {
    return listenLocal(this.#server, port);
  }

  get listening(): boolean {
    return this.#server.listening;
  }

  close(): Promise<void> {
    for (const socket of this.#held) socket.destroy();
    return closeServer(this.#server);
  }
}

export async function startSiteFarm(world: World): Promise<SiteFarm> {
  const sites = new Map(Object.values(world.sites).map((s) => [s.host, s]));
  const pages = new Map(Object.values(world.sites).map((s) => [s.host, new Map(Object.entries(s.pages))]));
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  function send(res: ServerResponse, page: PageSpec | undefined): void {
    if (!page) {
      const body = nginxErrorPage(404, 'Not Found');
      res.writeHead(404, { 'content-type': 'text/html', server: 'nginx', [noRouteHeader]: 'none' }).end(body);
      return;
    }
    const headers: Record<string, string> = { 'content-type': page.contentType, server: 'nginx' };
    if (page.location) headers.location = url(page.location);
    res.writeHead(page.status, headers).end(bodyBytes(page, url));
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const key = pageKey(req.url ?? '/');
    hits.set(host + key, (hits.get(host + key) ?? 0) + 1);
    const page = pages.get(host)?.get(key);
    const delay = sites.get(host)?.delayMs ?? 0;
    if (delay === 0) return send(res, page);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, page);
    }, delay);
    timers.add(timer);
  }

  const http = createHttpServer(handle);
  const silent = new Gate(http, false);
  // The dead port is reserved and released at once; a repair may listen on it later.
  const revived = new Gate(http, true);
  const [port, silentPort, deadPort] = await Promise.all([listenLocal(http), silent.listen(), reservePort()]);

  function portOf(listener: Listener | undefined): number {
    if (listener === 'silent') return silentPort;
    if (listener === 'dead') return deadPort;
    return port;
  }

  function url(link: Link): string {
    return linkUrl(link, portOf(sites.get(link.host)?.listener));
  }

  return {
    port,
    url,
    hits,
    setPage(host, path, page) {
      const hostPages = pages.get(host) ?? new Map<string, PageSpec>();
      hostPages.set(pageKey(path), page);
      pages.set(host, hostPages);
    },
    async repair(host, path) {
      const site = sites.get(host);
      if (!site) throw new Error(`no site ${host} in the sandbox`);
      pages.get(host)?.set(pageKey(path), restoredPage(site, path));
      if (site.listener === 'silent') silent.serving = true;
      if (site.listener === 'dead' && !revived.listening) await revived.listen(deadPort);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([silent.close(), revived.close(), closeServer(http)]);
    },
  };
}
