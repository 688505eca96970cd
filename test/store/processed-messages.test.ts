import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keptPerChannel, withProcessed, type ProcessedId } from '../../store/processed-messages.ts';
import { Store } from '../../store/store.ts';

test('a handled message id is kept per channel across a reopen of the data file', async (t) => {
  const db = join(await mkdtemp(join(tmpdir(), 'processed-')), 'menu-patrol.json');
  const first = (await Store.open(db)).processedIds();
  t.true(await first.firstTime('飞书应用', 'om_1'));
  t.false(await first.firstTime('飞书应用', 'om_1'));
  t.true(await first.firstTime('钉钉应用', 'om_1'), 'another channel keeps its own ids');
  const reopened = (await Store.open(db)).processedIds();
  t.false(await reopened.firstTime('飞书应用', 'om_1'));
  t.true(await reopened.firstTime('飞书应用', 'om_2'));
});

test('the list stays bounded: ids older than a day and beyond the last ones kept are dropped', (t) => {
  const now = new Date('2026-12-07T12:00:00Z');
  const old: ProcessedId = { id: 'old', at: '2026-12-06T11:00:00.000Z' };
  t.deepEqual(
    withProcessed([old, { id: 'recent', at: '2026-12-07T11:00:00.000Z' }], 'new', now)?.map((p) => p.id),
    ['recent', 'new'],
  );
  const full = Array.from({ length: keptPerChannel }, (_, i) => ({ id: `m${i}`, at: now.toISOString() }));
  const next = withProcessed(full, 'last', now)!;
  t.is(next.length, keptPerChannel);
  t.deepEqual([next[0]!.id, next.at(-1)!.id], ['m1', 'last']);
  t.is(withProcessed(full, 'm5', now), undefined);
});
