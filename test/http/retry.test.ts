import test from 'ava';
import { parseRetryAfter, retryDelay } from '../../http/retry.ts';
import { startServer, testFetcher } from './helpers.ts';

test('a 503 once, then 200 → ok on the second attempt', async (t) => {
  let n = 0;
  const server = await startServer(t, (_req, res) => {
    n += 1;
    res.writeHead(n === 1 ? 503 : 200).end(n === 1 ? 'busy' : 'fine');
  });
  const fetcher = testFetcher(t, { retries: 2 });
  const outcome = await fetcher.fetch(server.url('/flaky'));
  t.like(outcome, { ok: true, status: 200, attempts: 2 });
  t.like(fetcher.stats()[`127.0.0.1:${server.port}`], { requests: 2, retries: 1 });
});

test('a socket hang up once, then 200 → ok on the second attempt', async (t) => {
  let n = 0;
  const server = await startServer(t, (req, res) => {
    n += 1;
    if (n === 1) req.socket.destroy();
    else res.end('fine');
  });
  const outcome = await testFetcher(t, { retries: 1 }).fetch(server.url('/reset'));
  t.like(outcome, { ok: true, status: 200, attempts: 2 });
});

test('without retries left, a reset is connect-failure', async (t) => {
  const server = await startServer(t, (req) => req.socket.destroy());
  const outcome = await testFetcher(t, { retries: 0 }).fetch(server.url('/reset'));
  t.like(outcome, { ok: false, error: 'connect-failure', attempts: 1 });
  if (!outcome.ok) t.regex(outcome.detail, /ECONNRESET|socket hang up/);
});

test('a body cut short after the headers is connect-failure, said so in the detail', async (t) => {
  const server = await startServer(t, (_req, res) => {
    res.writeHead(200, { 'content-length': '1000' });
    res.write('only part of it');
    setTimeout(() => res.socket?.destroy(), 20);
  });
  const outcome = await testFetcher(t).fetch(server.url('/cut'));
  t.like(outcome, { ok: false, error: 'connect-failure' });
  if (!outcome.ok) t.regex(outcome.detail, /reading the body of HTTP 200/);
});

test('a final 503 after all retries is returned as a status', async (t) => {
  const server = await startServer(t, (_req, res) => res.writeHead(503).end());
  const outcome = await testFetcher(t, { retries: 2, retryDelayMs: 5 }).fetch(server.url('/down'));
  t.like(outcome, { ok: true, status: 503, attempts: 3 });
});

test.serial('429 with Retry-After: 1 is retried after a second', async (t) => {
  const times: number[] = [];
  const server = await startServer(t, (_req, res) => {
    times.push(Date.now());
    if (times.length === 1) res.writeHead(429, { 'retry-after': '1' }).end();
    else res.end('thanks for waiting');
  });
  const outcome = await testFetcher(t, { retries: 2, retryDelayMs: 10 }).fetch(server.url('/rate'));
  t.like(outcome, { ok: true, status: 200, attempts: 2 });
  const gap = (times[1] ?? 0) - (times[0] ?? 0);
  t.true(gap >= 950 && gap < 3000, `gap ${gap} ms`);
});

test.serial('after a 429 the whole host waits, not just the URL that got it', async (t) => {
  const hits: { path: string; at: number }[] = [];
  const server = await startServer(t, (req, res) => {
    hits.push({ path: req.url ?? '', at: Date.now() });
    if (req.url === '/a' && hits.length === 1) res.writeHead(429, { 'retry-after': '1' }).end();
    else res.end('ok');
  });
  const fetcher = testFetcher(t, { retries: 1, perHostConcurrency: 1 });
  const [a, b] = await Promise.all([fetcher.fetch(server.url('/a')), fetcher.fetch(server.url('/b'))]);
  t.like(a, { ok: true, status: 200, attempts: 2 });
  t.like(b, { ok: true, status: 200, attempts: 1 });
  const first429 = hits[0]?.at ?? 0;
  const bAt = hits.find((h) => h.path === '/b')?.at ?? 0;
  t.true(bAt - first429 >= 950, `/b came ${bAt - first429} ms after the 429`);
});

test.serial('Retry-After longer than maxRetryAfterMs is capped', async (t) => {
  const times: number[] = [];
  const server = await startServer(t, (_req, res) => {
    times.push(Date.now());
    res.writeHead(times.length === 1 ? 429 : 200, { 'retry-after': '3600' }).end();
  });
  const outcome = await testFetcher(t, { retries: 1, maxRetryAfterMs: 300 }).fetch(server.url('/'));
  t.like(outcome, { ok: true, status: 200, attempts: 2 });
  const gap = (times[1] ?? 0) - (times[0] ?? 0);
  t.true(gap >= 250 && gap < 2000, `gap ${gap} ms`);
});

test('parseRetryAfter reads seconds and HTTP dates', (t) => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  t.is(parseRetryAfter('120', now), 120_000);
  t.is(parseRetryAfter(' 0 ', now), 0);
  t.is(parseRetryAfter('Thu, 26 Nov 2026 12:00:30 GMT', now), 30_000);
  t.is(parseRetryAfter('Thu, 26 Nov 2026 11:00:00 GMT', now), 0);
  t.is(parseRetryAfter('soon', now), undefined);
  t.is(parseRetryAfter(undefined, now), undefined);
});

test('retryDelay doubles with jitter, honours Retry-After and the cap', (t) => {
  const policy = { retryDelayMs: 100, maxRetryAfterMs: 1000 };
  for (let i = 0; i < 50; i += 1) {
    const first = retryDelay(1, policy);
    const third = retryDelay(3, policy);
    t.true(first >= 100 && first <= 125, `first ${first}`);
    t.true(third >= 400 && third <= 500, `third ${third}`);
  }
  t.is(retryDelay(1, policy, 700), 700);
  t.is(retryDelay(1, policy, 60_000), 1000);
  t.is(retryDelay(5, policy), 1000);
});
