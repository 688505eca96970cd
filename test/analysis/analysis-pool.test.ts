import test, { type ExecutionContext } from 'ava';
import { AnalysisPool, analysisBacklogBudget, defaultWorkers } from '../../analysis/analysis-pool.ts';

const MiB = 1024 * 1024;

/** A 2 MiB PDF: quick to analyze (no page to read), so the test is about the bookkeeping. */
function pdf(i: number) {
  const body = Buffer.alloc(2 * MiB, 0x20);
  body.write('%PDF-1.7\n');
  return { url: `http://127.0.0.1/${i}.pdf`, finalUrl: `http://127.0.0.1/${i}.pdf`, status: 200, headers: { 'content-type': 'application/pdf' }, body };
}

function html(path: string) {
  const body = Buffer.from('<html><head><title>404</title></head><body><h1>页面不存在</h1></body></html>');
  return { url: `http://127.0.0.1${path}`, finalUrl: `http://127.0.0.1${path}`, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

function openPool(t: ExecutionContext, options: ConstructorParameters<typeof AnalysisPool>[0] = {}): AnalysisPool {
  const pool = new AnalysisPool(options);
  t.teardown(() => pool.close());
  return pool;
}

test('the analysis backlog is full once its budget of bodies waits, and tells the fetcher as soon as there is room again', async (t) => {
  const pool = openPool(t);
  const { backpressure } = pool;
  t.false(backpressure.full(), 'nothing waits before the pages arrive');
  const count = analysisBacklogBudget / (2 * MiB);
  const pages = [];
  for (let i = 0; i < count; i++) {
    t.false(backpressure.full(), `${i} pages waiting`);
    pages.push(pool.analyze(pdf(i)));
  }
  t.true(backpressure.full(), `${count} pages = the budget`);

  let done = 0;
  for (const page of pages) void page.then(() => (done += 1));
  const roomAfter = new Promise<number>((resolve) => backpressure.onRoom(() => resolve(done)));

  t.deepEqual(await Promise.all(pages), Array(count).fill(null), 'binary bodies: no page to read');
  t.is(await roomAfter, 0, 'room is announced when the first page is done, before its caller hears of it');
  t.false(backpressure.full());

  let resumed = false;
  backpressure.onRoom(() => (resumed = true));
  await Promise.resolve();
  t.true(resumed, 'with room already, a waiter is resumed at once');
});

test('a worker that crashes is replaced: the page it held is analyzed here, the next pages by a new worker', async (t) => {
  const pool = openPool(t, { workers: 1, workerScript: new URL('../helpers/crashing-analysis-worker.ts', import.meta.url) });
  const codes = (f: Awaited<ReturnType<AnalysisPool['analyze']>>) => f?.fixed.map((p) => p.code);

  t.deepEqual(codes(await pool.analyze(html('/before'))), ['soft-404']);
  t.deepEqual(codes(await pool.analyze(html('/crash'))), ['soft-404'], 'the crashing page still gets its findings');
  t.like(pool.stats(), { byWorker: 1, inThread: 1, crashes: 1, startFailures: 0 });
  for (const path of ['/after/1', '/after/2', '/after/3']) t.deepEqual(codes(await pool.analyze(html(path))), ['soft-404']);
  t.like(pool.stats(), { byWorker: 4, inThread: 1, crashes: 1 }, 'pages after the crash are analyzed by workers again');
});

test('a worker that cannot start sends pages to the main thread for a while, then the pool tries again', async (t) => {
  const pool = openPool(t, { workers: 1, workerScript: new URL('../helpers/no-such-worker.ts', import.meta.url), retryStartMs: 0 });
  t.deepEqual((await pool.analyze(html('/one')))?.fixed.map((p) => p.code), ['soft-404']);
  t.like(pool.stats(), { byWorker: 0, inThread: 1, startFailures: 1 });
  await pool.analyze(html('/two'));
  t.like(pool.stats(), { inThread: 2, startFailures: 2 }, 'with the retry time passed, a worker was tried again');
});

test('workers are sized to the machine: one core left for the network, one to four for pages', (t) => {
  t.deepEqual([1, 2, 3, 4, 8, 64].map(defaultWorkers), [1, 1, 2, 3, 4, 4]);
});
