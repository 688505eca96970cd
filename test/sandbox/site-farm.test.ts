import test from 'ava';
import iconv from 'iconv-lite';
import type { Sandbox } from '../../sandbox/index.ts';
import { htmlSpec } from '../../sandbox/site-pages.ts';
import { noRouteHeader } from '../../sandbox/site-farm.ts';
import { getRaw, sandboxFor } from './helpers.ts';

function expectedUrl(sandbox: Sandbox, account: string): string {
  const url = sandbox.expected.find((e) => e.account === account)?.url;
  if (!url) throw new Error(`no seeded failure with a page for ${account}`);
  return url;
}

function trapUrl(sandbox: Sandbox, item: string): string {
  const url = sandbox.traps.find((e) => e.path[1] === item)?.url;
  if (!url) throw new Error(`no trap ${item}`);
  return url;
}

/** The path of an interaction page (留言板, 信箱 …) the account's menu links to on its own site. */
function interactionPath(sandbox: Sandbox, account: string): string {
  const items = sandbox.world.accounts.find((a) => a.name === account)?.menu?.sections.find((s) => s.name === '互动交流')?.items;
  const view = items?.find((i) => i.type === 'view' && i.url.path.startsWith('/hdjl/'));
  if (view?.type !== 'view') throw new Error(`${account} has no interaction page`);
  return view.url.path;
}

test('one port serves every virtual host by its Host header', async (t) => {
  const sandbox = await sandboxFor(t);
  const port = sandbox.farm.port;
  const rsjPath = interactionPath(sandbox, '扎兰屯市人力资源和社会保障局');
  const rsj = await getRaw(`http://rsj.zlt.gov.cn:${port}${rsjPath}`);
  const ybj = await getRaw(`http://ybj.zlt.gov.cn:${port}${interactionPath(sandbox, '扎兰屯市医疗保障局')}`);
  t.is(rsj.status, 200);
  t.is(ybj.status, 200);
  t.regex(rsj.body.toString(), /主办单位：扎兰屯市人力资源和社会保障局/);
  t.regex(ybj.body.toString(), /主办单位：扎兰屯市医疗保障局/);
  t.regex(rsj.body.toString(), /当前位置：/);
  t.regex(rsj.body.toString(), /政府网站标识码：150783\d{4}/);

  const missing = await getRaw(`http://rsj.zlt.gov.cn:${port}/no/such/page.html`);
  t.is(missing.status, 404);
  t.is(missing.headers[noRouteHeader], 'none');
  const seeded404 = await getRaw(expectedUrl(sandbox, '扎兰屯市医疗保障局'));
  t.is(seeded404.status, 404);
  t.is(seeded404.headers[noRouteHeader], undefined, 'a seeded 404 is a real page, not a missing route');
  t.is(sandbox.farm.hits.get(`rsj.zlt.gov.cn${rsjPath}`), 1);
});

test('GBK pages are served as real GBK bytes', async (t) => {
  const sandbox = await sandboxFor(t);
  const fine = await getRaw(trapUrl(sandbox, '统计月报'));
  t.is(fine.headers['content-type'], 'text/html; charset=gbk');
  t.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(fine.body));
  const text = iconv.decode(fine.body, 'gbk');
  t.regex(text, /<meta http-equiv="Content-Type" content="text\/html; charset=gb2312">/);
  t.regex(text, /主办单位：扎兰屯市统计局/);
  t.deepEqual(iconv.encode(text, 'gbk'), fine.body);

  const soft404 = await getRaw(expectedUrl(sandbox, '扎兰统计'));
  t.is(soft404.status, 200);
  t.is(soft404.headers['content-type'], 'text/html', 'the charset is only in the meta tag');
  t.false(soft404.body.includes(Buffer.from('不存在')));
  t.true(soft404.body.includes(iconv.encode('抱歉，您访问的页面不存在或已被删除', 'gbk')));
});

test('the silent listener accepts and never answers; the dead port refuses', async (t) => {
  const sandbox = await sandboxFor(t);
  const started = Date.now();
  const hung = await getRaw(expectedUrl(sandbox, '扎兰屯市文体旅游广电局'), { timeoutMs: 400 }).catch((e: Error) => e.message);
  t.is(hung, 'timeout');
  t.true(Date.now() - started >= 390);
  const refused = await getRaw(expectedUrl(sandbox, '扎兰屯市司法局')).catch((e: NodeJS.ErrnoException) => e.code);
  t.is(refused, 'ECONNREFUSED');
});

test('the slow host answers after about 1.5 s', async (t) => {
  const sandbox = await sandboxFor(t);
  const started = Date.now();
  const slow = await getRaw(trapUrl(sandbox, '事故快处'));
  t.is(slow.status, 200);
  t.true(Date.now() - started >= 1400);
});

test('redirects carry full URLs: a loop, an off-site jump, and a same-site 301', async (t) => {
  const sandbox = await sandboxFor(t);
  const entry = expectedUrl(sandbox, '扎兰屯市学生资助中心');
  const first = await getRaw(entry);
  t.is(first.status, 302);
  const second = await getRaw(first.headers.location ?? '');
  t.is(second.status, 302);
  t.is(second.headers.location, entry);

  const offsite = await getRaw(expectedUrl(sandbox, '扎兰屯市人力资源和社会保障局'));
  t.is(offsite.status, 302);
  const target = new URL(offsite.headers.location ?? '');
  t.is(target.hostname, 'www.hlbe-job.com');
  t.is((await getRaw(target.href)).status, 200);

  const moved = await getRaw(trapUrl(sandbox, '信息公开目录'));
  t.is(moved.status, 301);
  t.is(new URL(moved.headers.location ?? '').hostname, 'www.zlt.gov.cn');
});

test('setPage breaks a page, repair fixes it, and hits count every request', async (t) => {
  const sandbox = await sandboxFor(t);
  const { farm } = sandbox;
  const path = interactionPath(sandbox, '扎兰屯市医疗保障局');
  const url = `http://ybj.zlt.gov.cn:${farm.port}${path}`;
  farm.setPage('ybj.zlt.gov.cn', path, htmlSpec('<h1>系统维护中</h1>', { status: 503 }));
  t.is((await getRaw(url)).status, 503);

  const broken = expectedUrl(sandbox, '扎兰屯市医疗保障局');
  const { pathname } = new URL(broken);
  t.is((await getRaw(broken)).status, 404);
  await farm.repair('ybj.zlt.gov.cn', pathname);
  const fixed = await getRaw(broken);
  t.is(fixed.status, 200);
  t.regex(fixed.body.toString(), /扎兰屯市医疗保障局/);
  t.is(farm.hits.get(`ybj.zlt.gov.cn${pathname}`), 2);
});

test('repair revives a hanging host and a refused one', async (t) => {
  const sandbox = await sandboxFor(t);
  const hanging = expectedUrl(sandbox, '扎兰屯市文体旅游广电局');
  await sandbox.farm.repair('yuyue.zlt.gov.cn', new URL(hanging).pathname);
  t.is((await getRaw(hanging, { timeoutMs: 2000 })).status, 200);

  const refused = expectedUrl(sandbox, '扎兰屯市司法局');
  await sandbox.farm.repair('flyz.zlt.gov.cn', new URL(refused).pathname);
  t.is((await getRaw(refused)).status, 200);
});
