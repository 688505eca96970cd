import test from 'ava';
import { parseConfig } from '../../config/load.ts';
import { ConfigError } from '../../core/errors.ts';

const accounts = ['accounts:', '  - { name: 扎兰屯博物馆, platform: weibo }'];
const parse = (...lines: string[]) => parseConfig([...lines, ...accounts].join('\n'), 'menu-patrol.yaml', {});

test('content: the national rule by default, a local one when set', (t) => {
  t.deepEqual(parse().content, { overdueDays: 14, dueSoonDays: 3, recentDays: 14 });
  t.deepEqual(parse('content: { overdueDays: 10, dueSoonDays: 2, recentDays: 30, dictionary: 词典/本单位.yaml }').content, {
    overdueDays: 10,
    dueSoonDays: 2,
    recentDays: 30,
    dictionary: '词典/本单位.yaml',
  });
});

test('content: a misspelt key or a warning that comes after the deadline is refused, with its line', (t) => {
  const unknown = t.throws(() => parse('content:', '  overdueDay: 7'), { instanceOf: ConfigError });
  t.regex(unknown?.message ?? '', /第 2 行.*overdueDay[\s\S]*overdueDays/);
  const late = t.throws(() => parse('content: { overdueDays: 7, dueSoonDays: 7 }'), { instanceOf: ConfigError });
  t.regex(late?.message ?? '', /content\.dueSoonDays.*dueSoonDays 要小于 overdueDays/);
});
