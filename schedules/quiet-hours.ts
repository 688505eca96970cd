import { localParts, minutesOf, zonedDate } from '../core/time.ts';

export interface QuietHours {
  readonly from: string;
  readonly to: string;
}

/**
 * When a message created now may go out: at once outside quiet hours, at the
 * end of them inside (22:00–08:00 spans midnight; 12:00–14:00 does not).
 */
export function releaseAt(now: Date, quiet: QuietHours | false, timeZone: string): Date {
  if (!quiet) return now;
  const p = localParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const inside = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return now;
  const endToday = zonedDate(p.year, p.month, p.day, Math.floor(to / 60), to % 60, 0, timeZone);
  // Before midnight in an overnight window, the window ends tomorrow.
  return endToday > now ? endToday : new Date(endToday.getTime() + 86_400_000);
}
