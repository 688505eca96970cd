import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ExecutionContext } from 'ava';
import { startServer } from '../http/helpers.ts';

/**
 * How a page's server treats validators:
 * - honest: an ETag of the content, and 304 when If-None-Match matches;
 * - dated: Last-Modified of the content's version, and 304 when If-Modified-Since matches;
 * - stale-etag: one ETag whatever the content (a template's), never 304;
 * - lying-304: one ETag whatever the content, and 304 whenever it is sent back;
 * - always-304: 304 to every request, asked or not;
 * - plain: no validators.
 */
export type Validation = 'honest' | 'dated' | 'stale-etag' | 'lying-304' | 'always-304' | 'plain';

export interface SitePage {
  body: string;
  status?: number;
  validation: Validation;
  /** Answered with a redirect to this path instead. */
  redirectTo?: string;
  /** Never answers. */
  hang?: boolean;
  /** Answers after this long. */
  delayMs?: number;
}

export interface Request {
  readonly path: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
}

export interface ChangingSite {
  readonly pages: Map<string, SitePage>;
  readonly url: (path: string) => string;
  /** Every request, in arrival order. */
  readonly requests: Request[];
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
/** A content's "version date": distinct contents, distinct dates. */
const dateOf = (text: string) => new Date(Date.UTC(2026, 0, 1) + parseInt(hash(text).slice(0, 8), 16) * 1000).toUTCString();

/** A loopback site whose pages a test changes between sweeps. */
export async function startChangingSite(t: ExecutionContext, pages: Record<string, SitePage> = {}): Promise<ChangingSite> {
  const site = new Map(Object.entries(pages));
  const requests: Request[] = [];
  const server = await startServer(t, (req, res) => {
    const path = req.url ?? '';
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    requests.push({ path, ...(ifNoneMatch ? { ifNoneMatch } : {}), ...(ifModifiedSince ? { ifModifiedSince } : {}) });
    const page = site.get(path);
    if (!page) return res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<title>404 Not Found</title>您访问的页面不存在');
    if (page.hang) return;
    if (page.delayMs) return void setTimeout(() => answer(page, ifNoneMatch, ifModifiedSince, res), page.delayMs);
    answer(page, ifNoneMatch, ifModifiedSince, res);
  });
  return { pages: site, url: (path) => server.url(path), requests };
}

function answer(page: SitePage, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, res: ServerResponse): void {
  if (page.redirectTo) return void res.writeHead(302, { location: page.redirectTo }).end();
  const validators: Record<string, string> = {
    honest: { etag: `"${hash(page.body)}"` },
    dated: { 'last-modified': dateOf(page.body) },
    'stale-etag': { etag: '"template-v1"' },
    'lying-304': { etag: '"template-v1"' },
    'always-304': {},
    plain: {},
  }[page.validation];
  const unchanged =
    page.validation === 'always-304' ||
    (ifNoneMatch !== undefined && ifNoneMatch === validators.etag && page.validation !== 'stale-etag') ||
    (ifModifiedSince !== undefined && ifModifiedSince === validators['last-modified']);
  if (unchanged) return void res.writeHead(304, validators).end();
  res.writeHead(page.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...validators }).end(page.body);
}

/** Pages of each kind the verdict-equality checks move between. */
export const pageBodies = {
  ok: `<!doctype html><title>社保查询</title><h1>社保查询</h1><p>${'请输入身份证号码和姓名查询参保缴费记录，结果以经办机构记录为准。'.repeat(3)}</p>`,
  edited: `<!doctype html><title>社保查询</title><h1>社保查询</h1><p>${'请输入社会保障卡号和姓名查询参保缴费记录，结果以经办机构记录为准。'.repeat(3)}</p>`,
  hijacked: `<!doctype html><title>澳门金沙官网</title><h1>皇冠体育官网</h1><p>${'百家乐在线，皇冠体育官网，澳门金沙娱乐，注册即送彩金。'.repeat(3)}</p>`,
  soft404: '<!doctype html><title>提示</title><div class="msg">您要查看的文章已被删除</div>',
  empty: '<!doctype html><title></title><body></body>',
} as const;
