import test from 'ava';
import { createLinkCheck } from '../../checkers/link-check.ts';
import type { AccountConfig } from '../../config/load.ts';
import { startProxy, startServer, testFetcher } from '../http/helpers.ts';

const account = { name: '扎兰屯12333', domains: [] } as unknown as AccountConfig;
const page = `<!doctype html><title>社保查询</title><p>${'请输入身份证号码和姓名查询参保缴费记录，结果以经办机构记录为准。'.repeat(3)}</p>`;

test('a link the office\'s proxy refused is "not checked" with what to do, never a broken link; through the proxy with credentials it is ok', async (t) => {
  const site = await startServer(t, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  const proxy = await startProxy(t, site.port, { credentials: 'zlt:secret' });

  const refused = await createLinkCheck(testFetcher(t, {}, { env: { HTTP_PROXY: proxy.url } }))('http://rsj.zlt.gov.cn/shebao', account);
  t.is(refused.status, 'skipped');
  t.deepEqual(refused.problems, []);
  t.snapshot(refused.note);

  const policy = await createLinkCheck(testFetcher(t, {}, { env: { HTTPS_PROXY: proxy.urlWith('zlt:secret') } }))('https://rsj.zlt.gov.cn:8443/', account);
  t.is(policy.status, 'skipped');
  t.snapshot(policy.note);

  const ok = await createLinkCheck(testFetcher(t, {}, { env: { HTTP_PROXY: proxy.urlWith('zlt:secret') } }))('http://rsj.zlt.gov.cn/shebao', account);
  t.like(ok, { status: 'ok', problems: [] });
});
