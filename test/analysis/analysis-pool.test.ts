import test from 'ava';
import { analysisBacklogBudget, analysisBackpressure, analyzeInWorker } from '../../analysis/analysis-pool.ts';

const MiB = 1024 * 1024;

/** A 2 MiB PDF: quick to analyze (no page to read), so the test is about the bookkeeping. */
function pdf(i: number) {
  const body = Buffer.alloc(2 * MiB, 0x20);
  body.write('%PDF-1.7\n');
  return { url: `http://127.0.0.1/${i}.pdf`, finalUrl: `http://127.0.0.1/${i}.pdf`, status: 200, headers: { 'content-type': 'application/pdf' }, body };
}

test('the analysis backlog is full once its budget of bodies waits, and tells the fetcher as soon as there is room again', async (t) => {
  t.false(analysisBackpressure.full(), 'nothing waits before the pages arrive');
  const count = analysisBacklogBudget / (2 * MiB);
  const pages = [];
  for (let i = 0; i < count; i++) {
    t.false(analysisBackpressure.full(), `${i} pages waiting`);
    pages.push(analyzeInWorker(pdf(i)));
  }
  t.true(analysisBackpressure.full(), `${count} pages = the budget`);

  let done = 0;
  for (const page of pages) void page.then(() => (done += 1));
  const roomAfter = new Promise<number>((resolve) => analysisBackpressure.onRoom(() => resolve(done)));

  t.deepEqual(await Promise.all(pages), Array(count).fill(null), 'binary bodies: no page to read');
  t.is(await roomAfter, 0, 'room is announced when the first page is done, before its caller hears of it');
  t.false(analysisBackpressure.full());

  let resumed = false;
  analysisBackpressure.onRoom(() => (resumed = true));
  await Promise.resolve();
  t.true(resumed, 'with room already, a waiter is resumed at once');
});
