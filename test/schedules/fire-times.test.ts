import test from 'ava';
import { lastDayOfMonth, nextFireTimes, previousFireTime } from '../../schedules/fire-times.ts';
import { formatLocal } from '../../core/time.ts';

const tz = 'Asia/Shanghai';
const local = (dates: Date[]) => dates.map((d) => formatLocal(d.toISOString(), tz));

test('nextFireTimes() computes the month end across February and leap years', (t) => {
  t.deepEqual(local(nextFireTimes('0 16 * * *', tz, new Date('2027-01-15T00:00:00Z'), 3, lastDayOfMonth)), ['2027-01-31 16:00', '2027-02-28 16:00', '2027-03-31 16:00']);
  t.deepEqual(local(nextFireTimes('0 16 * * *', tz, new Date('2028-02-01T00:00:00Z'), 2, lastDayOfMonth)), ['2028-02-29 16:00', '2028-03-31 16:00']);
  // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
  t.deepEqual(local(nextFireTimes('0 16 * * *', tz, new Date('2100-02-01T00:00:00Z'), 1, lastDayOfMonth)), ['2100-02-28 16:00']);
  t.deepEqual(local(nextFireTimes('0 16 * * *', tz, new Date('2000-02-01T00:00:00Z'), 1, lastDayOfMonth)), ['2000-02-29 16:00']);
});

test('nextFireTimes() reads cron in the office time zone, not the server\'s', (t) => {
  // 23:00 UTC on the 26th is already 07:00 on the 27th in 扎兰屯: the 08:30 patrol is 1.5 hours away.
  const next = nextFireTimes('30 8 * * *', tz, new Date('2026-11-26T23:00:00Z'), 2);
  t.deepEqual(next.map((d) => d.toISOString()), ['2026-11-27T00:30:00.000Z', '2026-11-28T00:30:00.000Z']);
  t.deepEqual(local(nextFireTimes('30 8 * * *', 'UTC', new Date('2026-11-26T23:00:00Z'), 1)), ['2026-11-27 16:30']);
});

test('nextFireTimes() follows node-cron for weekdays and steps', (t) => {
  // 2026-11-27 is a Friday: the next weekday 09:00/09:30 slots skip the weekend.
  t.deepEqual(local(nextFireTimes('0,30 9 * * 1-5', tz, new Date('2026-11-27T02:00:00Z'), 3)), ['2026-11-30 09:00', '2026-11-30 09:30', '2026-12-01 09:00']);
});

test('previousFireTime() finds the last scheduled time before now', (t) => {
  t.is(previousFireTime('30 8 * * *', tz, new Date('2026-11-27T00:29:00Z'))?.toISOString(), '2026-11-26T00:30:00.000Z');
  t.is(previousFireTime('30 8 * * *', tz, new Date('2026-11-27T00:30:00Z'))?.toISOString(), '2026-11-27T00:30:00.000Z');
  t.is(previousFireTime('0 16 * * *', tz, new Date('2026-11-27T00:00:00Z'), lastDayOfMonth)?.toISOString(), '2026-10-31T08:00:00.000Z');
});
