import test from 'ava';
import { daysUntil, deadlineLine, remindersDue } from '../../schedules/countdown.ts';
import { releaseAt } from '../../schedules/quiet-hours.ts';
import type { Inspection } from '../../config/schema.ts';

const tz = 'Asia/Shanghai';
const inspection: Inspection = { name: '呼伦贝尔市政务新媒体服务项专项检查', date: '2026-12-15', accounts: 'all', remindDays: [14, 7, 3, 1] };

test('daysUntil() counts calendar days in the office time zone, across month ends', (t) => {
  t.is(daysUntil(inspection, new Date('2026-11-30T15:00:00Z'), tz), 15); // 23:00 on Nov 30 in Beijing
  t.is(daysUntil(inspection, new Date('2026-11-30T16:30:00Z'), tz), 14); // already Dec 1 in Beijing
  t.is(daysUntil(inspection, new Date('2026-11-30T16:30:00Z'), 'UTC'), 15); // still Nov 30 in UTC
  t.is(daysUntil({ date: '2027-03-01' }, new Date('2027-02-27T04:00:00Z'), tz), 2);
  t.is(daysUntil({ date: '2028-03-01' }, new Date('2028-02-27T04:00:00Z'), tz), 3);
});

test('remindersDue() fires on T-14, T-7, T-3 and T-1 only, and stops after the date', (t) => {
  const dueOn = (iso: string) => remindersDue([inspection], new Date(iso), tz).map((r) => r.days);
  t.deepEqual(dueOn('2026-12-01T01:00:00Z'), [14]);
  t.deepEqual(dueOn('2026-12-02T01:00:00Z'), []);
  t.deepEqual(dueOn('2026-12-08T01:00:00Z'), [7]);
  t.deepEqual(dueOn('2026-12-12T01:00:00Z'), [3]);
  t.deepEqual(dueOn('2026-12-14T01:00:00Z'), [1]);
  t.deepEqual(dueOn('2026-12-15T01:00:00Z'), []);
  t.deepEqual(dueOn('2026-12-20T01:00:00Z'), []);
});

test('deadlineLine() says the days left, and nothing once the date has passed', (t) => {
  t.is(deadlineLine([inspection], ['扎兰屯12333'], new Date('2026-11-26T01:00:00Z'), tz), '距离“呼伦贝尔市政务新媒体服务项专项检查”（2026-12-15）还有 19 天，请在检查前改好。');
  t.regex(deadlineLine([inspection], ['扎兰屯12333'], new Date('2026-12-14T01:00:00Z'), tz) ?? '', /就在明天/);
  t.is(deadlineLine([inspection], ['扎兰屯12333'], new Date('2026-12-16T01:00:00Z'), tz), undefined);
  t.is(deadlineLine([{ ...inspection, accounts: ['扎兰统计'] }], ['扎兰屯12333'], new Date('2026-11-26T01:00:00Z'), tz), undefined);
});

test('releaseAt() holds messages during quiet hours until the morning', (t) => {
  const quiet = { from: '22:00', to: '08:00' };
  const at = (iso: string) => releaseAt(new Date(iso), quiet, tz).toISOString();
  t.is(at('2026-11-26T06:00:00Z'), '2026-11-26T06:00:00.000Z'); // 14:00: now
  t.is(at('2026-11-26T14:30:00Z'), '2026-11-27T00:00:00.000Z'); // 22:30 → 08:00 tomorrow
  t.is(at('2026-11-26T19:00:00Z'), '2026-11-27T00:00:00.000Z'); // 03:00 → 08:00 today
  t.is(at('2026-11-27T00:00:00Z'), '2026-11-27T00:00:00.000Z'); // 08:00 sharp: now
  t.is(releaseAt(new Date('2026-11-26T04:30:00Z'), { from: '12:00', to: '14:00' }, tz).toISOString(), '2026-11-26T06:00:00.000Z');
  t.is(releaseAt(new Date('2026-11-26T14:30:00Z'), false, tz).toISOString(), '2026-11-26T14:30:00.000Z');
});
