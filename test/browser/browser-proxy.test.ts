import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { browserProxy } from '../../browser/browser-proxy.ts';
import { PageReviewer } from '../../browser/page-review.ts';
import type { ProxyEnv } from '../../http/proxy.ts';
import { WECHAT_ANDROID_USER_AGENT } from '../../http/headers.ts';
import { startProxy } from '../http/helpers.ts';
import { startSite } from './render-fixture.ts';

const text = '<h1>扎兰屯市人力资源和社会保障局</h1><p>社会保险参保登记、缴费查询和待遇领取的办事指南，请携带身份证到政务服务大厅办理。</p>';
const pages = {
  '/shell': '<!doctype html><title>社保查询</title><div id="app"></div><script src="/app.js"></script>',
  '/app.js': `document.getElementById('app').innerHTML = ${JSON.stringify(text)};`,
  // The bundle on a CDN's https address: the office's proxy must CONNECT for it.
  '/cdn-shell': '<!doctype html><title>社保查询</title><div id="app"></div><script src="https://cdn.test/app.js"></script>',
};
const hosts = ['site.test', 'cdn.test'];

async function reviewer(t: ExecutionContext, proxyEnv: ProxyEnv): Promise<PageReviewer> {
  const workDir = await mkdtemp(join(tmpdir(), 'menu-patrol-proxy-'));
  const review = new PageReviewer({
    pageTimeoutMs: 8000,
    memoryCapMb: 1536,
    maxPages: 10,
    maxSeconds: 120,
    allowPrivateAddresses: true,
    resolve: Object.fromEntries(hosts.map((h) => [h, '127.0.0.1'])),
    userAgent: WECHAT_ANDROID_USER_AGENT,
    workDir,
    all: false,
    proxyEnv,
  });
  t.teardown(async () => {
    await review.close();
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
  });
  return review;
}

test('the browser goes through the office proxy as the fetcher does: http in absolute form, with the credentials from HTTP_PROXY', async (t) => {
  const site = await startSite(t, pages);
  const proxy = await startProxy(t, site.port, { credentials: 'office:s3cret' });
  const review = await reviewer(t, { HTTP_PROXY: proxy.urlWith('office:s3cret') });
  const url = site.url('/shell', 'site.test');
  const result = await review.review(url, 'judge');
  t.true(result.rendered);
  t.deepEqual(result.rendered ? result.problems(['site.test']) : undefined, []);
  t.true(proxy.requests.includes(url) && proxy.requests.includes(site.url('/app.js', 'site.test')), proxy.requests.join(' '));
  t.true(proxy.authorizations.includes(`Basic ${Buffer.from('office:s3cret').toString('base64')}`));
  t.deepEqual(review.notes(), []);
});

test('NO_PROXY sites are opened directly', async (t) => {
  const site = await startSite(t, pages);
  const proxy = await startProxy(t, site.port, { credentials: 'nobody:knows' });
  const review = await reviewer(t, { http_proxy: proxy.url, no_proxy: '.test' });
  const result = await review.review(site.url('/shell', 'site.test'), 'judge');
  t.true(result.rendered);
  t.deepEqual(proxy.requests, []);
});

test('a proxy that refuses the CONNECT a page needs: not rendered, no white screen blamed on the site, and the office is told plainly', async (t) => {
  const site = await startSite(t, pages);
  const proxy = await startProxy(t, site.port, { refuse: 403 });
  const review = await reviewer(t, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
  const result = await review.review(site.url('/cdn-shell', 'site.test'), 'judge');
  t.deepEqual(result, { rendered: false, reason: 'proxy' });
  t.true(proxy.connects.includes('cdn.test:443'));
  t.regex(review.notes().join('\n'), /单位的代理拒绝了浏览器的部分请求.*1 个网页没有用浏览器检查/);
});

test('NO_PROXY in Chromium terms: a domain covers its subdomains; credentials stay out of the flags', (t) => {
  const proxy = browserProxy({ HTTPS_PROXY: 'http://user:p%40ss@10.1.1.1:3128', HTTP_PROXY: '10.1.1.1:3128', NO_PROXY: '.zlt.gov.cn, 10.0.0.5' });
  t.deepEqual(proxy?.flags, ['--proxy-server=http=http://10.1.1.1:3128;https=http://10.1.1.1:3128', '--proxy-bypass-list=zlt.gov.cn;*.zlt.gov.cn;10.0.0.5']);
  t.deepEqual(proxy?.credentials, { username: 'user', password: 'p@ss' });
  t.true(proxy?.proxied(new URL('https://www.nm12333.cn/')));
  t.false(proxy?.proxied(new URL('https://rsj.zlt.gov.cn/')));
  t.is(browserProxy({}), undefined);
});
