import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import iconv from 'iconv-lite';
import { parse } from 'yaml';
import { loadConfig } from '../../config/load.ts';
import { fromInventory } from '../../core/menu.ts';
import type { ProblemCode } from '../../core/problems.ts';
import { hijackPhrase, replacedHosts } from '../../sandbox/case-texts.ts';
import { writeDemoConfig } from '../../sandbox/demo-config.ts';
import { noRouteHeader } from '../../sandbox/site-farm.ts';
import { getJson, getRaw, sandboxFor, tokenFor, type RawResponse } from './helpers.ts';

/** Every http URL anywhere in a JSON value. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('http://') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(urlsIn);
  return [];
}

test('every URL the API, the inventories and the expectations hand out is a farm route', async (t) => {
  const sandbox = await sandboxFor(t);
  const urls = new Set<string>();
  for (const account of sandbox.world.accounts) {
    const api = account.api;
    if (!api?.ipWhitelisted) continue;
    const token = await tokenFor(sandbox, api.appId);
    urlsIn(await getJson(`${sandbox.apiBase}/cgi-bin/get_current_selfmenu_info?access_token=${token}`)).forEach((u) => urls.add(u));
    urlsIn(await getJson(`${sandbox.apiBase}/cgi-bin/menu/get?access_token=${token}`)).forEach((u) => urls.add(u));
  }
  urlsIn(sandbox.accounts.map((a) => a.menu ?? [])).forEach((u) => urls.add(u));
  for (const e of [...sandbox.expected, ...sandbox.traps]) if (e.url) urls.add(e.url);
  t.true(urls.size > 250);

  // Through the farm's own port: dead and silent hosts still have their page behind them.
  const missing: string[] = [];
  await Promise.all(
    [...urls].map(async (url) => {
      const response = await getRaw(url, { port: sandbox.farm.port });
      if (response.headers[noRouteHeader]) missing.push(url);
    }),
  );
  t.deepEqual(missing, []);
});

/** What each seeded failure must look like on the wire. */
const looksLike: Record<string, (r: RawResponse, text: string) => boolean> = {
  'http-error': (r) => r.status >= 400,
  'soft-404': (r, text) => r.status === 200 && text.includes('抱歉，您访问的页面不存在或已被删除'),
  maintenance: (r, text) => r.status === 200 && text.includes('系统维护中'),
  'wechat-article-deleted': (r, text) => text.includes('该内容已被发布者删除') && !text.includes('js_content') && text.includes('<title>微信公众平台</title>'),
  'wechat-article-violation': (r, text) => text.includes('此内容因违规无法查看') && !text.includes('js_content'),
  hijacked: (r, text) => text.includes(`<title>${hijackPhrase}</title>`) && text.includes(`办公室${hijackPhrase}2022年`),
  'redirect-loop': (r) => r.status === 302,
  'redirect-offsite': (r) => r.status === 302 && !new URL(r.headers.location ?? '').hostname.endsWith('zlt.gov.cn'),
  'empty-page': (r) => r.status === 200 && r.body.length === 0,
  'parked-domain': (r, text) => r.status === 200 && text.includes('此域名正在出售'),
  'default-page': (r, text) => r.status === 200 && text.includes('<title>Welcome to nginx!</title>'),
  'site-closed': (r, text) => r.status === 200 && text.includes('<title>网站已过期</title>'),
  'hidden-iframe': (r, text) => r.status === 200 && text.includes(`<iframe src="${replacedHosts.gamblingFrame}" width="0" height="0"`),
};

/** What a page only a browser can judge delivers: clean HTML, the trouble is in the script it names. */
const looksRendered: Record<string, (page: string, script: RawResponse) => boolean> = {
  'white-screen': (page, script) => page.includes('<div id="app"></div>') && script.status === 404,
  hijacked: (page, script) => !page.includes(hijackPhrase) && script.status === 200 && script.body.toString('utf8').includes(JSON.stringify(hijackPhrase)),
};

test('each seeded failure really fails the way its code says', async (t) => {
  const sandbox = await sandboxFor(t);
  const seen = new Set<ProblemCode>();
  for (const e of sandbox.expected) {
    seen.add(e.code);
    const where = `${e.account} ${e.path.join('>')}`;
    // Items that open no page (text, click, material, article) are judged by the sweep test.
    if (e.url === null) continue;
    if (e.seenIn === 'rendered') {
      const page = (await getRaw(e.url)).body.toString('utf8');
      const src = [...page.matchAll(/<script src="([^"]+)"/g)].at(-1)?.[1] ?? '';
      t.true(looksRendered[e.code]?.(page, await getRaw(new URL(src, e.url).href)), where);
    } else if (e.code === 'timeout') {
      t.is(await getRaw(e.url ?? '', { timeoutMs: 300 }).catch((error: Error) => error.message), 'timeout', where);
    } else if (e.code === 'connect-failure') {
      t.is(await getRaw(e.url ?? '').catch((error: NodeJS.ErrnoException) => error.code), 'ECONNREFUSED', where);
    } else {
      const response = await getRaw(e.url ?? '');
      const charset = /gbk|gb2312/.test(response.body.toString('latin1')) ? 'gbk' : 'utf8';
      const check = looksLike[e.code];
      t.true(check?.(response, iconv.decode(response.body, charset)), where);
    }
  }
  t.true(seen.size >= 12);
});

test('the demo config is a valid menu-patrol.yaml that names secrets only as env:NAME', async (t) => {
  const sandbox = await sandboxFor(t);
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-config-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const { configPath, env } = await writeDemoConfig(sandbox, dir);
  const text = await readFile(configPath, 'utf8');
  t.regex(text, /^# 菜单巡检演示配置/);
  for (const secret of Object.values(sandbox.secrets)) t.false(text.includes(secret));
  t.deepEqual(env, sandbox.secrets);

  const raw = parse(text) as { network: { resolve: Record<string, string> }; wechat: { apiBase: string }; accounts: { appSecret?: string; menu?: unknown }[] };
  t.is(raw.wechat.apiBase, sandbox.apiBase);
  t.deepEqual(raw.network.resolve, sandbox.hosts);
  const refs = raw.accounts.flatMap((a) => (a.appSecret ? [a.appSecret] : []));
  t.true(refs.every((r) => r.startsWith('env:') && env[r.slice(4)] !== undefined));
  const inventories = raw.accounts.filter((a) => a.menu);
  t.is(inventories.length, 3);
  for (const a of inventories) t.deepEqual(fromInventory(a.menu).problems, []);

  const config = await loadConfig(configPath, env);
  t.is(config.accounts.length, 31);
});
