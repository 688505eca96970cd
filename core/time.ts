/**
 * Wall-clock time in the office's zone, whatever zone the server runs in:
 * "08:30 on the last day of the month" means Beijing time in 扎兰屯 even on a
 * UTC machine, and every time a person reads is shown in that same zone.
 * Pure: callers pass both the instant and the zone.
 */

export interface LocalParts {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday, as cron counts. */
  readonly weekday: number;
}

// Building an Intl formatter costs far more than using one; schedules and reports format thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(date: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays.indexOf(parts.weekday ?? 'Sun'),
  };
}

/** The instant when the zone's clock shows this wall time (twice-corrected guess; exact outside DST gaps). */
export function zonedDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** Days in a month of the Gregorian calendar (handles leap years). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date as a day number, so "days until" is a plain subtraction. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function localDayNumber(date: Date, timeZone: string): number {
  const p = localParts(date, timeZone);
  return dayNumber(p.year, p.month, p.day);
}

/** "HH:MM" → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-12-15" for the zone's current date. */
export function localDateString(date: Date, timeZone: string): string {
  const p = localParts(date, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

/** "2026-11-26 22:30" in the office's time zone. */
export function formatLocal(iso: string, timeZone: string, seconds = false): string {
  const p = localParts(new Date(iso), timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}${seconds ? `:${two(p.second)}` : ''}`;
}

/** "3 天" / "5 小时" / "12 分钟": how long something has been broken. */
export function formatAge(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes >= 24 * 60) return `${Math.floor(minutes / (24 * 60))} 天`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} 小时`;
  return minutes === 0 ? '不到 1 分钟' : `${minutes} 分钟`;
}
