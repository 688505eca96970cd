import { randomBytes } from 'node:crypto';
import test from 'ava';
import { WECHAT_ANDROID_USER_AGENT } from '../../http/fetcher.ts';
import { until } from '../helpers/until.ts';
import { closedPort, fakeDns, startServer, testFetcher } from './helpers.ts';

test('200: binary body kept byte for byte, sent as a WeChat GET', async (t) => {
  const payload = randomBytes(5000);
  const seen: { method?: string; ua?: string; lang?: string; accept?: string }[] = [];
  const server = await startServer(t, (req, res) => {
    seen.push({ method: req.method, ua: req.headers['user-agent'], lang: req.headers['accept-language'], accept: req.headers.accept });
    res.writeHead(200, { 'content-type': 'image/png', 'x-Mixed-Case': 'yes' }).end(payload);
  });
  const outcome = await testFetcher(t).fetch(server.url('/logo.png'));

  if (!outcome.ok) return t.fail(outcome.detail);
  t.is(outcome.status, 200);
  t.true(outcome.body.equals(payload));
  t.false(outcome.truncated);
  t.is(outcome.headers['content-type'], 'image/png');
  t.is(outcome.headers['x-mixed-case'], 'yes');
  t.is(outcome.remoteAddress, '127.0.0.1');
  t.is(outcome.attempts, 1);
  t.is(outcome.finalUrl, server.url('/logo.png'));
  t.deepEqual(outcome.chain, [{ url: server.url('/logo.png'), status: 200 }]);
  t.is(outcome.tls, undefined);
  t.deepEqual(seen.map((s) => s.method), ['GET']);
  t.is(seen[0]?.ua, WECHAT_ANDROID_USER_AGENT);
  t.regex(seen[0]?.lang ?? '', /^zh-CN/);
  t.regex(seen[0]?.accept ?? '', /^text\/html/);
});

test('the default user agent is Android WeChat 8.0', (t) => {
  t.regex(WECHAT_ANDROID_USER_AGENT, /Android .*MicroMessenger\/8\.0\.\d+/);
});

test('404 and 500 come back as statuses; only the 500 is retried', async (t) => {
  const server = await startServer(t, (req, res) => res.writeHead(req.url === '/missing' ? 404 : 500).end('nope'));
  const fetcher = testFetcher(t, { retries: 2, retryDelayMs: 5 });
  const [missing, broken] = await Promise.all([fetcher.fetch(server.url('/missing')), fetcher.fetch(server.url('/broken'))]);

  t.like(missing, { ok: true, status: 404, attempts: 1 });
  t.like(broken, { ok: true, status: 500, attempts: 3 });
  t.is(server.hits.filter((h) => h === '/broken').length, 3);
  t.is(fetcher.stats()[`127.0.0.1:${server.port}`]?.retries, 2);
});

test('malformed URLs and other schemes are invalid-url, never thrown', async (t) => {
  const fetcher = testFetcher(t);
  for (const url of ['not a url', 'ftp://example.com/file', 'javascript:alert(1)', 'weixin://dl/business/?t=abc', '']) {
    const outcome = await fetcher.fetch(url);
    t.like(outcome, { ok: false, error: 'invalid-url', attempts: 0, url }, url);
  }
});

test('connection refused → connect-failure', async (t) => {
  const port = await closedPort();
  const outcome = await testFetcher(t).fetch(`http://127.0.0.1:${port}/`);
  t.like(outcome, { ok: false, error: 'connect-failure' });
  if (!outcome.ok) t.regex(outcome.detail, /ECONNREFUSED 127\.0\.0\.1/);
});

test('DNS failure through the injected lookup → dns-failure', async (t) => {
  const asked: string[] = [];
  const outcome = await testFetcher(t, {}, { lookup: fakeDns({}, asked) }).fetch('http://rsj.zlt.gov.cn.invalid/menu');
  t.like(outcome, { ok: false, error: 'dns-failure', attempts: 1 });
  if (!outcome.ok) t.regex(outcome.detail, /ENOTFOUND/);
  t.deepEqual(asked, ['rsj.zlt.gov.cn.invalid']);
});

test('access_token values never appear in a detail', async (t) => {
  const server = await startServer(t, (req, res) => res.writeHead(302, { location: req.url }).end());
  const fetcher = testFetcher(t);
  const loop = await fetcher.fetch(server.url('/cgi?access_token=SECRET123&x=1'));
  const scheme = await fetcher.fetch('ftp://api.weixin.qq.com/cgi?ACCESS_TOKEN=SECRET456');

  t.like(loop, { ok: false, error: 'redirect-loop' });
  t.like(scheme, { ok: false, error: 'invalid-url' });
  for (const outcome of [loop, scheme]) {
    if (outcome.ok) continue;
    t.notRegex(outcome.detail, /SECRET/);
    t.regex(outcome.detail, /access_token=\*\*\*/i);
  }
});

test('connections are kept alive and reused for one host', async (t) => {
  const server = await startServer(t, (_req, res) => res.end('ok'));
  const fetcher = testFetcher(t, { perHostConcurrency: 1 });
  const outcomes = await Promise.all([1, 2, 3, 4, 5].map((i) => fetcher.fetch(server.url(`/${i}`))));
  t.true(outcomes.every((o) => o.ok));
  t.is(server.connections(), 1);
});

test('close() destroys the agents; the fetcher is unusable afterwards', async (t) => {
  let closedSockets = 0;
  const server = await startServer(t, (req, res) => {
    req.socket.once('close', () => (closedSockets += 1));
    res.end('ok');
  });
  const fetcher = testFetcher(t);
  t.true((await fetcher.fetch(server.url('/'))).ok);
  t.is(closedSockets, 0, 'idle keep-alive socket still open');
  fetcher.close();
  await until(() => closedSockets === 1, 'the idle socket to close');
  t.throws(() => fetcher.fetch(server.url('/again')), { message: /closed/ });
});
