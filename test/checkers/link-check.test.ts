import test, { type ExecutionContext } from 'ava';
import { AnalysisPool } from '../../analysis/analysis-pool.ts';
import { createLinkCheck } from '../../checkers/link-check.ts';
import type { AccountConfig } from '../../config/load.ts';
import type { Fetcher } from '../../http/fetcher.ts';
import { startProxy, startServer, testFetcher } from '../http/helpers.ts';

const account = { name: '扎兰屯12333', domains: [] } as unknown as AccountConfig;
const page = `<!doctype html><title>社保查询</title><p>${'请输入身份证号码和姓名查询参保缴费记录，结果以经办机构记录为准。'.repeat(3)}</p>`;

function linkCheck(t: ExecutionContext, fetcher: Fetcher) {
  const analysis = new AnalysisPool();
  t.teardown(() => analysis.close());
  return createLinkCheck(fetcher, analysis);
}

test('each URL is fetched once per sweep, concurrently or later, whichever accounts link it', async (t) => {
  const server = await startServer(t, (_req, res) => setTimeout(() => res.end('<html><body><p>扎兰屯市人民政府</p></body></html>'), 50));
  const checkLink = linkCheck(t, testFetcher(t));
  const url = server.url('/same');
  const concurrent = await Promise.all([checkLink(url, { ...account, domains: [] }), checkLink(url, { ...account, domains: ['zlt.gov.cn'] })]);
  const later = await checkLink(url, { ...account, domains: ['hlbe.gov.cn'] });
  t.true([...concurrent, later].every((v) => v.status === 'ok'), JSON.stringify([...concurrent, later]));
  t.deepEqual(server.hits, ['/same']);
});

test('a link the office\'s proxy refused is "not checked" with what to do, never a broken link; through the proxy with credentials it is ok', async (t) => {
  const site = await startServer(t, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  const proxy = await startProxy(t, site.port, { credentials: 'zlt:secret' });

  const refused = await linkCheck(t, testFetcher(t, {}, { env: { HTTP_PROXY: proxy.url } }))('http://rsj.zlt.gov.cn/shebao', account);
  t.is(refused.status, 'skipped');
  t.deepEqual(refused.problems, []);
  t.snapshot(refused.note);

  const policy = await linkCheck(t, testFetcher(t, {}, { env: { HTTPS_PROXY: proxy.urlWith('zlt:secret') } }))('https://rsj.zlt.gov.cn:8443/', account);
  t.is(policy.status, 'skipped');
  t.snapshot(policy.note);

  const ok = await linkCheck(t, testFetcher(t, {}, { env: { HTTP_PROXY: proxy.urlWith('zlt:secret') } }))('http://rsj.zlt.gov.cn/shebao', account);
  t.like(ok, { status: 'ok', problems: [] });
});

test('a cloud provider\'s 403 page for a site without ICP filing is site-closed, which explains the status better than http-error', async (t) => {
  const icpBlock = '<!doctype html><meta charset="utf-8"><title>网站暂时无法访问</title><h2>该网站暂时无法进行访问</h2><p>可能原因：该网站未进行ICP备案，或备案信息已被注销。</p>';
  const site = await startServer(t, (req, res) => res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' }).end(req.url === '/icp' ? icpBlock : '<p>Forbidden</p>'));
  const checkLink = linkCheck(t, testFetcher(t));
  const codes = async (path: string) => (await checkLink(site.url(path), account)).problems.map((p) => p.code);
  t.deepEqual(await codes('/icp'), ['site-closed']);
  t.deepEqual(await codes('/other'), ['http-error']);
});
