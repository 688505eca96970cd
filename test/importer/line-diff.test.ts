import test from 'ava';
import { diffLines, keepOldSpacing, renderDiff } from '../../importer/line-diff.ts';

test('diffLines() finds the lines removed and added, keeping the rest in order', (t) => {
  const ops = diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']);
  t.deepEqual(
    ops.map((o) => `${o.kind}:${o.text}`),
    ['same:a', 'del:b', 'add:x', 'same:c', 'same:d', 'add:e'],
  );
});

test('keepOldSpacing() puts back lines that differ only in spacing, never in indentation', (t) => {
  const old = ['accounts:', '  - owners: [{ name: 王明 }]   # 人社局', '    unit: 旧单位'].join('\n');
  const printed = ['accounts:', '  - owners: [ { name: 王明 } ] # 人社局', '    unit: 新单位'].join('\n');
  t.is(keepOldSpacing(old, printed), ['accounts:', '  - owners: [{ name: 王明 }]   # 人社局', '    unit: 新单位'].join('\n'));
  t.is(keepOldSpacing('a:\n  b: 1', 'a:\n    b: 1'), 'a:\n    b: 1');
});

test('renderDiff() shows changed lines with context under a line-number heading', (t) => {
  const old = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
  const now = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10'].join('\n');
  t.is(renderDiff(old, now), ['@@ 第 3 行附近 @@', '  3', '  4', '- 5', '+ five', '  6', '  7', '  8', '  9', '+ 10'].join('\n'));
});
