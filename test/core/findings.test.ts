import test from 'ava';
import { applyRun, type Finding } from '../../core/findings.ts';
import { problem } from '../../core/problems.ts';
import { account, item, run } from '../helpers/results.ts';

const t1 = '2026-11-20T00:30:00.000Z';
const t2 = '2026-11-21T00:30:00.000Z';
const t3 = '2026-11-22T00:30:00.000Z';

function sweep(findings: Finding[], id: string, at: string, ...accounts: Parameters<typeof run>[2]) {
  return applyRun(findings, run(id, at, accounts));
}

test('applyRun() opens a finding the first time a problem is seen', (t) => {
  const { findings, changes } = sweep([], 'r1', t1, account('扎兰屯12333', [item('办事服务/社保查询', ['http-error']), item('政务公开')]));
  t.is(findings.length, 1);
  t.like(findings[0], { account: '扎兰屯12333', code: 'http-error', firstSeen: t1, lastSeen: t1, resolvedAt: null });
  t.deepEqual(findings[0]!.path, ['办事服务', '社保查询']);
  t.is(changes.opened.length, 1);
});

test('applyRun() keeps firstSeen while a problem persists and resolves it when it is gone', (t) => {
  const broken = account('扎兰屯12333', [item('办事服务/社保查询', ['soft-404'])]);
  const first = sweep([], 'r1', t1, broken);
  const second = sweep(first.findings, 'r2', t2, broken);
  t.like(second.findings[0], { firstSeen: t1, lastSeen: t2, lastRunId: 'r2', resolvedAt: null });
  t.is(second.changes.ongoing.length, 1);
  t.is(second.changes.opened.length, 0);

  const third = sweep(second.findings, 'r3', t3, account('扎兰屯12333', [item('办事服务/社保查询')]));
  t.like(third.findings[0], { firstSeen: t1, resolvedAt: t3, resolution: 'fixed' });
  t.is(third.changes.resolved.length, 1);
});

test('applyRun() tells a removed item from a fixed one', (t) => {
  const first = sweep([], 'r1', t1, account('扎兰城管', [item('便民服务/投诉', ['timeout'])]));
  const second = sweep(first.findings, 'r2', t2, account('扎兰城管', [item('便民服务/办事指南')]));
  t.is(second.findings[0]!.resolution, 'item-removed');
});

test('applyRun() leaves findings alone for accounts the run did not read', (t) => {
  const first = sweep([], 'r1', t1, account('扎兰城管', [item('便民服务/投诉', ['timeout'])]), account('扎兰统计', [item('公报', ['http-error'])]));
  // 扎兰城管 not swept at all, 扎兰统计 swept but its menu could not be read.
  const second = sweep(first.findings, 'r2', t2, account('扎兰统计', [], true));
  t.true(second.findings.every((f) => f.resolvedAt === null && f.lastSeen === t1));
  t.is(second.changes.resolved.length, 0);
});

test('applyRun() opens a new finding when a fixed problem comes back', (t) => {
  const broken = account('扎兰统计', [item('公报', ['http-error'])]);
  const fixed = account('扎兰统计', [item('公报')]);
  let state = sweep([], 'r1', t1, broken).findings;
  state = sweep(state, 'r2', t2, fixed).findings;
  const again = sweep(state, 'r3', t3, broken);
  t.is(again.findings.length, 2);
  t.deepEqual(
    again.findings.map((f) => [f.firstSeen, f.resolvedAt]),
    [
      [t1, t2],
      [t3, null],
    ],
  );
});

test('applyRun() keeps a problem open when this run could not judge its place', (t) => {
  const first = sweep([], 'r1', t1, account('扎兰统计', [item('往期回顾', ['material-missing'])]));
  const skippedItem = { ...item('往期回顾'), status: 'skipped' as const, note: '这次无法通过微信接口确认（45009）' };
  const second = sweep(first.findings, 'r2', t2, account('扎兰统计', [skippedItem]));
  t.is(second.changes.resolved.length, 0);
  t.is(second.findings[0]!.resolvedAt, null);

  const overdue = { ...problem('overdue', '已 20 天'), menu: '内容更新', path: [] };
  const unchecked = { ...problem('content-unchecked', '微信接口错误 45009'), menu: '内容更新', path: [] };
  const withContent = (problems: (typeof overdue)[]) => ({ ...account('扎兰统计', []), problems });
  const third = sweep([], 'r3', t1, withContent([overdue]));
  const fourth = sweep(third.findings, 'r4', t2, withContent([unchecked]));
  t.true(fourth.findings.some((f) => f.code === 'overdue' && f.resolvedAt === null), 'a skipped content check does not fix an overdue account');
  const fifth = sweep(fourth.findings, 'r5', t3, withContent([]));
  t.true(fifth.findings.some((f) => f.code === 'overdue' && f.resolution === 'fixed'));
});
