import test from 'ava';
import { RedirectTrail } from '../../http/redirects.ts';
import { startServer, testFetcher } from './helpers.ts';

test('the chain records every hop, relative and absolute Location', async (t) => {
  const server = await startServer(t, (req, res) => {
    if (req.url === '/menu/a') res.writeHead(301, { location: 'b?x=1' }).end();
    else if (req.url === '/menu/b?x=1') res.writeHead(302, { location: `http://www.zlt.gov.cn:${server.port}/c` }).end('moved');
    else res.writeHead(200).end('done');
  });
  const fetcher = testFetcher(t, { resolve: { 'rsj.zlt.gov.cn': '127.0.0.1', 'www.zlt.gov.cn': '127.0.0.1' }, retries: 2 });
  const start = server.url('/menu/a', 'rsj.zlt.gov.cn');
  const outcome = await fetcher.fetch(start);

  if (!outcome.ok) return t.fail(outcome.detail);
  t.is(outcome.body.toString(), 'done');
  t.is(outcome.url, start);
  t.is(outcome.finalUrl, server.url('/c', 'www.zlt.gov.cn'));
  t.deepEqual(outcome.chain, [
    { url: start, status: 301, location: server.url('/menu/b?x=1', 'rsj.zlt.gov.cn') },
    { url: server.url('/menu/b?x=1', 'rsj.zlt.gov.cn'), status: 302, location: server.url('/c', 'www.zlt.gov.cn') },
    { url: server.url('/c', 'www.zlt.gov.cn'), status: 200 },
  ]);
  t.is(outcome.attempts, 1);
  // Each hop was counted against its own host.
  const stats = fetcher.stats();
  t.is(stats[`rsj.zlt.gov.cn:${server.port}`]?.requests, 2);
  t.is(stats[`www.zlt.gov.cn:${server.port}`]?.requests, 1);
});

test('a loop is caught the moment a URL repeats, not after maxRedirects requests', async (t) => {
  const server = await startServer(t, (req, res) => {
    const next = { '/x': '/y', '/y': '/x', '/self': '/self#again' }[req.url ?? ''];
    res.writeHead(302, { location: next }).end();
  });
  const fetcher = testFetcher(t, { maxRedirects: 20, retries: 2 });

  const pair = await fetcher.fetch(server.url('/x'));
  t.like(pair, { ok: false, error: 'redirect-loop', attempts: 1, finalUrl: server.url('/y') });
  t.is(pair.chain.length, 2);
  t.deepEqual(server.hits, ['/x', '/y']);

  const self = await fetcher.fetch(server.url('/self'));
  t.like(self, { ok: false, error: 'redirect-loop' });
  t.deepEqual(server.hits, ['/x', '/y', '/self']);
});

test('50 redirects stop at maxRedirects → too-many-redirects', async (t) => {
  const server = await startServer(t, (req, res) => {
    const n = Number(req.url?.slice(3));
    if (n < 50) res.writeHead(302, { location: `/r/${n + 1}` }).end();
    else res.end('the end');
  });
  const outcome = await testFetcher(t, { maxRedirects: 10 }).fetch(server.url('/r/0'));
  t.like(outcome, { ok: false, error: 'too-many-redirects', attempts: 1 });
  t.is(server.hits.length, 11);
  t.is(outcome.chain.length, 11);
});

test('maxRedirects 0 refuses the first redirect; a 3xx without Location is a final status', async (t) => {
  const server = await startServer(t, (req, res) => {
    if (req.url === '/moved') res.writeHead(301, { location: '/' }).end();
    else res.writeHead(304).end();
  });
  const fetcher = testFetcher(t, { maxRedirects: 0 });
  t.like(await fetcher.fetch(server.url('/moved')), { ok: false, error: 'too-many-redirects' });
  t.like(await fetcher.fetch(server.url('/cached')), { ok: true, status: 304 });
});

test('a redirect to a non-web scheme or an unparseable Location is invalid-url', async (t) => {
  const server = await startServer(t, (req, res) => {
    res.writeHead(302, { location: req.url === '/app' ? 'weixin://dl/business/?t=x' : 'http://[bad' }).end();
  });
  const fetcher = testFetcher(t);
  const app = await fetcher.fetch(server.url('/app'));
  t.like(app, { ok: false, error: 'invalid-url' });
  t.deepEqual(app.chain, [{ url: server.url('/app'), status: 302, location: 'weixin://dl/business/?t=x' }]);
  t.like(await fetcher.fetch(server.url('/bad')), { ok: false, error: 'invalid-url' });
});

test('RedirectTrail decodes a UTF-8 Location that node hands over as latin1', (t) => {
  const trail = new RedirectTrail(new URL('http://www.zlt.gov.cn/'), 5);
  const latin1 = Buffer.from('/办事指南', 'utf8').toString('latin1');
  const step = trail.follow(new URL('http://www.zlt.gov.cn/'), 302, latin1);
  t.true('next' in step && decodeURI(step.next.pathname) === '/办事指南');
});
