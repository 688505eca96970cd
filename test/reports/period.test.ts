import test from 'ava';
import { defaultTimeZone } from '../../config/schema.ts';
import { UsageError } from '../../core/errors.ts';
import { parsePeriod, quarterContaining, quartersOfYear, weeksOf } from '../../reports/period.ts';

test('parsePeriod() takes a quarter in the office calendar, whatever zone the server runs in', (t) => {
  t.deepEqual(parsePeriod({ quarter: '2026Q4' }, defaultTimeZone), {
    label: '2026年第四季度',
    slug: '2026Q4',
    firstDay: '2026-10-01',
    lastDay: '2026-12-31',
    timeZone: 'Asia/Shanghai',
    from: '2026-09-30T16:00:00.000Z',
    to: '2026-12-31T16:00:00.000Z',
  });
  t.like(parsePeriod({ quarter: '2024q1' }, defaultTimeZone), { lastDay: '2024-03-31', label: '2024年第一季度' });
  t.like(parsePeriod({ quarter: '2026Q4' }, 'UTC'), { from: '2026-10-01T00:00:00.000Z' });
});

test('parsePeriod() takes --from/--to as whole days, both included', (t) => {
  t.like(parsePeriod({ from: '2026-11-01', to: '2026-11-30' }, defaultTimeZone), {
    label: '2026-11-01 至 2026-11-30',
    slug: '2026-11-01_2026-11-30',
    from: '2026-10-31T16:00:00.000Z',
    to: '2026-11-30T16:00:00.000Z',
  });
});

test('parsePeriod() explains every wrong way to ask', (t) => {
  const wrong = (options: Parameters<typeof parsePeriod>[0]) => t.throws(() => parsePeriod(options, defaultTimeZone), { instanceOf: UsageError })?.message;
  t.regex(wrong({ quarter: '2026Q5' }) ?? '', /应写成 年份Q季度，例如 2026Q4/);
  t.regex(wrong({}) ?? '', /请用 --quarter 指定季度/);
  t.regex(wrong({ from: '2026-11-01' }) ?? '', /同时用 --from 和 --to/);
  t.regex(wrong({ from: '2026-02-30', to: '2026-03-01' }) ?? '', /日期“2026-02-30”写法不对/);
  t.regex(wrong({ from: '2026-12-01', to: '2026-11-01' }) ?? '', /晚于结束日期/);
  t.regex(wrong({ quarter: '2026Q4', from: '2026-11-01', to: '2026-11-30' }) ?? '', /只能用一种/);
});

test('quarterContaining() and quartersOfYear() count in the office calendar', (t) => {
  // 16:30 UTC on 30 September is already 1 October in 扎兰屯.
  t.is(quarterContaining('2026-09-30T16:30:00.000Z', defaultTimeZone).slug, '2026Q4');
  t.deepEqual(quartersOfYear(parsePeriod({ from: '2026-04-01', to: '2026-08-31' }, defaultTimeZone)).map((q) => q.slug), ['2026Q1', '2026Q2', '2026Q3']);
});

test('weeksOf() gives Monday-to-Sunday weeks covering the period', (t) => {
  const weeks = weeksOf(parsePeriod({ from: '2026-10-01', to: '2026-10-20' }, defaultTimeZone));
  t.deepEqual(weeks.map((w) => w.firstDay), ['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19']);
  t.is(weeks[1]!.start, '2026-10-04T16:00:00.000Z');
  t.is(weeks[1]!.end, '2026-10-11T16:00:00.000Z');
});
