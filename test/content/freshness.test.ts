import test from 'ava';
import { freshness, freshnessProblems } from '../../content/freshness.ts';

const shanghai = { overdueDays: 14, dueSoonDays: 3, timeZone: 'Asia/Shanghai' };
const at = (iso: string) => new Date(iso);

test('days are calendar days of the office, across month and year ends', (t) => {
  // Published 2026-01-25 23:30 Beijing (15:30 UTC); checked 2026-02-08 00:30 Beijing: 14 days, the last day in time.
  const a = freshness(at('2026-01-25T15:30:00Z'), at('2026-02-07T16:30:00Z'), shanghai);
  t.like(a, { lastDate: '2026-01-25', daysSince: 14, deadline: '2026-02-08', daysLeft: 0, state: 'due-soon' });
  t.like(freshness(at('2026-01-25T15:30:00Z'), at('2026-02-08T16:00:00Z'), shanghai), { daysSince: 15, daysLeft: -1, state: 'overdue' });
  // Across a leap February: 2028-02-20 + 14 days = 2028-03-05.
  t.like(freshness(at('2028-02-20T02:00:00Z'), at('2028-03-01T02:00:00Z'), shanghai), { daysSince: 10, deadline: '2028-03-05', daysLeft: 4, state: 'fresh' });
  t.like(freshness(at('2026-12-25T02:00:00Z'), at('2027-01-10T02:00:00Z'), shanghai), { deadline: '2027-01-08', daysSince: 16, state: 'overdue' });
});

test('the office time zone decides the date, not the server or UTC', (t) => {
  // 2026-03-31 17:00 UTC is already 1 April in Beijing, still 31 March in New York.
  const published = at('2026-03-31T17:00:00Z');
  const checked = at('2026-04-14T17:00:00Z');
  t.like(freshness(published, checked, shanghai), { lastDate: '2026-04-01', daysSince: 14 });
  t.like(freshness(published, checked, { ...shanghai, timeZone: 'America/New_York' }), { lastDate: '2026-03-31', daysSince: 14 });
  // Late at night UTC the same instant is the next morning in Beijing: one more calendar day passed.
  t.like(freshness(at('2026-05-01T01:00:00Z'), at('2026-05-15T16:30:00Z'), shanghai), { daysSince: 15, state: 'overdue' });
  t.like(freshness(at('2026-05-01T01:00:00Z'), at('2026-05-15T16:30:00Z'), { ...shanghai, timeZone: 'UTC' }), { daysSince: 14, state: 'due-soon' });
});

test('due soon: warned on the last N days still in time (deadline 15 June: the 13th, 14th and 15th), never for a fresh account; a local 10-day rule', (t) => {
  const published = at('2026-06-01T04:00:00Z');
  const on = (day: number) => freshness(published, at(`2026-06-${String(day).padStart(2, '0')}T04:00:00Z`), shanghai).state;
  t.deepEqual([10, 11, 12, 13, 14, 15, 16].map(on), ['fresh', 'fresh', 'fresh', 'due-soon', 'due-soon', 'due-soon', 'overdue']);
  const tenDays = { overdueDays: 10, dueSoonDays: 3, timeZone: 'Asia/Shanghai' };
  t.like(freshness(published, at('2026-06-09T04:00:00Z'), tenDays), { daysLeft: 2, state: 'due-soon' });
  t.like(freshness(published, at('2026-06-12T04:00:00Z'), tenDays), { daysSince: 11, state: 'overdue' });
  t.like(freshness(published, at('2026-06-14T04:00:00Z'), { ...shanghai, dueSoonDays: 0 }), { state: 'fresh' });
  // A publishing clock ahead of ours gives 0 days, not a negative age.
  t.like(freshness(at('2026-06-02T04:00:00Z'), published, shanghai), { daysSince: 0, state: 'fresh' });
});

test('the problems say the date of the last update, the days since and where the date came from', (t) => {
  const [overdue] = freshnessProblems(at('2026-05-01T02:00:00Z'), 'freepublish', at('2026-05-17T02:00:00Z'), shanghai);
  t.like(overdue, { code: 'overdue', severity: 'fail', menu: '内容更新', path: [] });
  t.regex(overdue!.message, /据微信接口的发布记录，最近一次更新是 2026-05-01，已经 16 天没有更新，规定 14 天内要更新/);
  t.like(overdue!.evidence, { lastDate: '2026-05-01', daysSince: 16, overdueDays: 14 });
  const [soon] = freshnessProblems(at('2026-05-01T02:00:00Z'), 'owner', at('2026-05-13T02:00:00Z'), shanghai);
  t.like(soon, { code: 'due-soon', severity: 'warn' });
  t.regex(soon!.message, /据负责人报告，最近一次更新是 2026-05-01，最迟 2026-05-15 要发布新内容，还有 2 天/);
  const [last] = freshnessProblems(at('2026-05-01T02:00:00Z'), 'freepublish', at('2026-05-15T02:00:00Z'), shanghai);
  t.regex(last!.message, /今天是最后一天/);
  t.deepEqual(freshnessProblems(at('2026-05-01T02:00:00Z'), 'freepublish', at('2026-05-05T02:00:00Z'), shanghai), []);
});
