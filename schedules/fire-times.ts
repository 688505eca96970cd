import cron from 'node-cron';
import { dayNumber, daysInMonth, localParts, zonedDate, type LocalParts } from '../core/time.ts';

/** An extra condition node-cron cannot express, e.g. "the last day of the month". */
export type DayFilter = (day: LocalParts) => boolean;

export const lastDayOfMonth: DayFilter = (d) => d.day === daysInMonth(d.year, d.month);

/**
 * When a cron expression fires, computed a day at a time: each day's candidate
 * times come from node-cron's own parse of the fields and are confirmed with
 * its matcher, so the semantics (day-of-month OR day-of-week …) are node-cron's.
 */
function candidates(expression: string, timeZone: string, dayStart: Date, filter?: DayFilter): Date[] {
  const fields = cron.parse(expression);
  const day = localParts(dayStart, timeZone);
  if (filter && !filter(day)) return [];
  const task = cron.createTask(expression, () => {}, { timezone: timeZone });
  const out: Date[] = [];
  try {
    for (const hour of fields.hour) {
      for (const minute of fields.minute) {
        for (const second of fields.second.length > 0 ? fields.second : [0]) {
          const at = zonedDate(day.year, day.month, day.day, hour, minute, second, timeZone);
          if (task.match(at)) out.push(at);
        }
      }
    }
  } finally {
    void task.destroy();
  }
  return out;
}

function dayStartAfter(date: Date, offsetDays: number, timeZone: string): Date {
  const p = localParts(date, timeZone);
  const n = dayNumber(p.year, p.month, p.day) + offsetDays;
  const d = new Date(n * 86_400_000);
  return zonedDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 12, 0, 0, timeZone);
}

/** The next `count` fire times strictly after `from` (searching at most `maxDays` ahead). */
export function nextFireTimes(expression: string, timeZone: string, from: Date, count: number, filter?: DayFilter, maxDays = 800): Date[] {
  const out: Date[] = [];
  for (let offset = 0; offset <= maxDays && out.length < count; offset++) {
    for (const at of candidates(expression, timeZone, dayStartAfter(from, offset, timeZone), filter)) {
      if (at > from && out.length < count) out.push(at);
    }
  }
  return out;
}

/** The last fire time at or before `before`, within `maxDays`; null when there was none. */
export function previousFireTime(expression: string, timeZone: string, before: Date, filter?: DayFilter, maxDays = 62): Date | null {
  for (let offset = 0; offset <= maxDays; offset++) {
    const day = candidates(expression, timeZone, dayStartAfter(before, -offset, timeZone), filter).filter((at) => at <= before);
    if (day.length > 0) return day.at(-1)!;
  }
  return null;
}
