import test from 'ava';
import { delay, startServer, testFetcher } from './helpers.ts';

// Serial: these wait on real timers. Only lower bounds on wall time (a timer cannot fire early); how long past
// its budget a loaded machine takes is no test's business.

test.serial('a server that accepts and never answers ends as timeout once the budget is spent', async (t) => {
  const server = await startServer(t, () => {});
  const started = Date.now();
  const outcome = await testFetcher(t, { timeoutMs: 500 }).fetch(server.url('/hang'));
  const took = Date.now() - started;

  t.like(outcome, { ok: false, error: 'timeout', attempts: 1 });
  if (!outcome.ok) t.regex(outcome.detail, /500 ms.*waiting for the response/);
  t.true(took >= 450, `took ${took} ms`);
});

test.serial('a timeout is retried once at most, whatever `retries` says', async (t) => {
  const server = await startServer(t, () => {});
  const outcome = await testFetcher(t, { timeoutMs: 500, retries: 4, retryDelayMs: 20 }).fetch(server.url('/hang'));

  t.like(outcome, { ok: false, error: 'timeout', attempts: 2 });
  t.is(server.hits.length, 2);
});

test.serial('a body trickling one byte at a time ends as timeout', async (t) => {
  const server = await startServer(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('.'), 100);
    res.on('close', () => clearInterval(timer));
  });
  // A per-chunk idle timeout would never fire here (a byte comes every 100 ms): ending at all proves the budget covers the body.
  const outcome = await testFetcher(t, { timeoutMs: 600 }).fetch(server.url('/slow'));

  t.like(outcome, { ok: false, error: 'timeout' });
  if (!outcome.ok) t.regex(outcome.detail, /reading the body of HTTP 200, \d+ bytes so far/);
});

test.serial('the budget covers the whole redirect chain, not each hop', async (t) => {
  const server = await startServer(t, (req, res) => {
    setTimeout(() => {
      if (req.url === '/first') res.writeHead(302, { location: '/second' }).end();
      else res.end('late');
    }, 400);
  });
  const fetcher = testFetcher(t, { timeoutMs: 600 });
  const outcome = await fetcher.fetch(server.url('/first'));
  t.like(outcome, { ok: false, error: 'timeout', finalUrl: server.url('/second') });
  t.is(outcome.chain.length, 1);
});

test.serial('waiting in the queue never counts: 4 URLs × 60 % of the budget on one slot all succeed', async (t) => {
  const server = await startServer(t, (_req, res) => {
    setTimeout(() => res.end('slow but fine'), 600);
  });
  const fetcher = testFetcher(t, { timeoutMs: 1000, perHostConcurrency: 1 });
  const started = Date.now();
  const outcomes = await Promise.all([1, 2, 3, 4].map((i) => fetcher.fetch(server.url(`/page/${i}`))));
  const took = Date.now() - started;

  for (const outcome of outcomes) t.like(outcome, { ok: true, status: 200, attempts: 1 });
  t.true(took >= 2300, `the four ran one after another (${took} ms)`);
  // Queue time counted, the last would report nearly all of `took`; in flight, about a quarter of it.
  t.true(Math.max(...outcomes.map((o) => o.elapsedMs)) < took * 0.75, 'elapsedMs is time in flight, not in the queue');
});

test.serial('back-off after a timeout is not counted in the next attempt', async (t) => {
  let n = 0;
  const server = await startServer(t, (_req, res) => {
    n += 1;
    if (n > 1) void delay(300).then(() => res.end('second time lucky'));
  });
  const outcome = await testFetcher(t, { timeoutMs: 500, retries: 1, retryDelayMs: 400 }).fetch(server.url('/'));
  t.like(outcome, { ok: true, status: 200, attempts: 2 });
});
