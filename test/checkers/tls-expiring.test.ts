import https from 'node:https';
import test, { type ExecutionContext } from 'ava';
import { AnalysisPool } from '../../analysis/analysis-pool.ts';
import { createLinkCheck } from '../../checkers/link-check.ts';
import type { AccountConfig } from '../../config/load.ts';
import { serverCert, testCa } from '../http/certs.ts';
import { startServer, testFetcher } from '../http/helpers.ts';

const HOST = 'www.zlt.gov.cn';
const ca = await testCa('Menu Patrol Test CA');
const account: AccountConfig = { name: '扎兰屯12333', platform: 'wechat-subscription', owners: [], domains: ['zlt.gov.cn'] };
const page = '<html><head><title>扎兰屯市人民政府</title></head><body><h1>政务公开</h1><p>扎兰屯市人民政府门户网站，政务公开、办事服务、互动交流。</p></body></html>';

/** The menu link's site over TLS on loopback, with a certificate valid for `daysLeft` more days. */
async function linkTo(t: ExecutionContext, daysLeft: number) {
  const pems = await serverCert(HOST, ca, -300, daysLeft);
  const server = await startServer(t, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page), https.createServer({ key: pems.private, cert: pems.cert }));
  const analysis = new AnalysisPool();
  t.teardown(() => analysis.close());
  const checkLink = createLinkCheck(testFetcher(t, { resolve: { [HOST]: '127.0.0.1' } }, { ca: ca.cert }), analysis);
  return checkLink(server.url('/', HOST), account);
}

test('a certificate that expires within 14 days is tls-expiring, saying how many days are left, while the page still opens', async (t) => {
  const verdict = await linkTo(t, 10);
  t.deepEqual(
    verdict.problems.map((p) => p.code),
    ['tls-expiring'],
  );
  t.is(verdict.status, 'warn');
  // The certificate ends 10 days from its making, a moment before the check: 9 whole days are left.
  t.regex(verdict.problems[0]!.message, /还剩 (9|10) 天/);
  t.like(verdict.problems[0]!.evidence, { status: 200, tls: { issuer: 'Menu Patrol Test CA' } });
});

test('a certificate with a month left is no problem', async (t) => {
  const verdict = await linkTo(t, 30);
  t.deepEqual(verdict.problems, []);
  t.is(verdict.status, 'ok');
});
