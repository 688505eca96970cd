import test from 'ava';
import { until } from '../helpers/until.ts';
import { delay, startServer, testFetcher } from './helpers.ts';

const HOSTS = ['a.zlt.gov.cn', 'b.zlt.gov.cn', 'c.zlt.gov.cn', 'd.zlt.gov.cn'];
const resolve = Object.fromEntries(HOSTS.map((h) => [h, '127.0.0.1']));

test.serial('in flight at the server: ≤ perHostConcurrency per host and ≤ concurrency overall', async (t) => {
  const perHost = new Map<string, { now: number; peak: number }>();
  let globalNow = 0;
  let globalPeak = 0;
  const server = await startServer(t, (req, res) => {
    const host = req.headers.host ?? '';
    const h = perHost.get(host) ?? { now: 0, peak: 0 };
    perHost.set(host, h);
    h.now += 1;
    h.peak = Math.max(h.peak, h.now);
    globalNow += 1;
    globalPeak = Math.max(globalPeak, globalNow);
    setTimeout(() => {
      h.now -= 1;
      globalNow -= 1;
      res.end('ok');
    }, 150);
  });
  const fetcher = testFetcher(t, { resolve, perHostConcurrency: 2, concurrency: 3 });
  const urls = HOSTS.flatMap((host) => [1, 2, 3, 4, 5].map((i) => server.url(`/${i}`, host)));
  const outcomes = await Promise.all(urls.map((u) => fetcher.fetch(u)));

  t.true(outcomes.every((o) => o.ok));
  t.is(server.hits.length, 20);
  for (const [host, h] of perHost) t.true(h.peak <= 2, `${host} peak ${h.peak}`);
  t.is(globalPeak, 3, 'the global limit is reached and never exceeded');
  const stats = fetcher.stats();
  for (const host of HOSTS) {
    const s = stats[`${host}:${server.port}`];
    t.like(s, { requests: 5, retries: 0 });
    t.true(s !== undefined && s.peakInFlight <= 2 && s.totalMs >= 5 * 140, JSON.stringify(s));
  }
});

test.serial('a slow host queues on its own slots and does not hog the global ones', async (t) => {
  const server = await startServer(t, (req, res) => {
    setTimeout(() => res.end('ok'), req.headers.host?.startsWith('slow') ? 400 : 20);
  });
  const fetcher = testFetcher(t, {
    resolve: { 'slow.zlt.gov.cn': '127.0.0.1', 'fast.zlt.gov.cn': '127.0.0.1' },
    concurrency: 2,
    perHostConcurrency: 1,
  });
  const done: string[] = [];
  // Slow URLs are queued first: if they took global slots while waiting for their host, the fast ones would wait too.
  const urls = [...[1, 2, 3, 4, 5].map((i) => server.url(`/${i}`, 'slow.zlt.gov.cn')), ...[1, 2, 3, 4, 5].map((i) => server.url(`/${i}`, 'fast.zlt.gov.cn'))];
  await Promise.all(urls.map((u) => fetcher.fetch(u).then(() => done.push(new URL(u).hostname))));

  const slowBeforeLastFast = done.slice(0, done.lastIndexOf('fast.zlt.gov.cn')).filter((h) => h.startsWith('slow')).length;
  t.true(slowBeforeLastFast <= 1, `completion order: ${done.join(' ')}`);
});

test('while the consumer of the bodies is full, no request starts; with room again, the queued URLs all go', async (t) => {
  const server = await startServer(t, (_req, res) => res.end('ok'));
  let full = true;
  let asked = 0;
  const resumes: Array<() => void> = [];
  const backpressure = { full: () => (asked++, full), onRoom: (resume: () => void) => void resumes.push(resume) };
  const fetcher = testFetcher(t, { resolve }, { backpressure });
  const urls = HOSTS.map((host) => server.url('/page', host));
  const outcomes = Promise.all(urls.map((u) => fetcher.fetch(u)));

  // Every URL reaching the limiter asks whether the consumer is full before it may start.
  await until(() => asked >= urls.length, 'every URL held back');
  t.is(server.hits.length, 0, 'nothing is sent while the consumer is full');
  t.is(resumes.length, 1, 'the fetcher asks once to be resumed');
  full = false;
  resumes.shift()?.();
  t.true((await outcomes).every((o) => o.ok));
  t.is(server.hits.length, HOSTS.length);
});

test('a consumer that takes one body at a time holds the fetcher to its pace: bodies waiting never exceed its room plus the requests in flight', async (t) => {
  const server = await startServer(t, (_req, res) => res.end('x'.repeat(1000)));
  const room = 3;
  const concurrency = 2;
  let waiting = 0;
  let peakWaiting = 0;
  let resume: (() => void) | undefined;
  const backpressure = { full: () => waiting >= room, onRoom: (r: () => void) => void (resume = r) };
  const fetcher = testFetcher(t, { resolve, concurrency, perHostConcurrency: 1 }, { backpressure });
  // The consumer: each body waits its turn, 50 ms apiece (far slower than a loopback fetch).
  let line = Promise.resolve();
  const consume = () => {
    waiting += 1;
    peakWaiting = Math.max(peakWaiting, waiting);
    line = line.then(() => delay(50)).then(() => {
      waiting -= 1;
      if (waiting < room && resume) {
        const go = resume;
        resume = undefined;
        go();
      }
    });
    return line;
  };
  const urls = HOSTS.flatMap((host) => [1, 2, 3, 4, 5].map((i) => server.url(`/${i}`, host)));
  await Promise.all(urls.map((u) => fetcher.fetch(u).then(consume)));

  t.is(server.hits.length, urls.length, 'every URL was fetched');
  t.true(peakWaiting <= room + concurrency, `peak bodies waiting: ${peakWaiting}`);
  t.true(peakWaiting >= room, 'the consumer did fall behind');
});
