import test from 'ava';
import { fullItemResults, retainRuns } from '../../store/retention.ts';
import { account, item, run } from '../helpers/results.ts';

/** A run with `n` items in one account. */
const sized = (id: string, n: number) =>
  run(id, `2026-11-${String(1 + Number(id.slice(1))).padStart(2, '0')}T00:00:00.000Z`, [
    account('扎兰屯12333', Array.from({ length: n }, (_, i) => item(`栏目/${i}`, i === 0 ? ['http-error'] : []))),
  ]);

test('the newest runs keep their items up to the budget; older ones keep only their summary and account status', (t) => {
  const big = fullItemResults / 2;
  const runs = ['r0', 'r1', 'r2', 'r3'].map((id) => sized(id, big));
  const kept = retainRuns(runs, 100);
  t.deepEqual(kept.map((r) => r.accounts[0]?.items.length), [0, 0, big, big]);
  const old = kept[0]!;
  t.deepEqual(old.summary, runs[0]!.summary, 'the counts stay');
  t.like(old.accounts[0], { name: '扎兰屯12333', status: 'fail', menuSource: 'api' });
});

test('the newest run keeps its items even when it alone is over the budget; older small runs do not come back', (t) => {
  const kept = retainRuns([sized('r0', 10), sized('r1', fullItemResults + 1), sized('r2', 10)], 100);
  t.deepEqual(kept.map((r) => r.accounts[0]?.items.length), [0, 0, 10]);
  t.deepEqual(retainRuns([sized('r0', fullItemResults + 1)], 100)[0]?.accounts[0]?.items.length, fullItemResults + 1);
});

test('runs beyond the newest `keep` are dropped, and retaining again changes nothing', (t) => {
  const runs = Array.from({ length: 8 }, (_, i) => sized(`r${i}`, 3));
  const kept = retainRuns(runs, 5);
  t.deepEqual(kept.map((r) => r.run.id), ['r3', 'r4', 'r5', 'r6', 'r7']);
  t.deepEqual(retainRuns(kept, 5), kept);
});
