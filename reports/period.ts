import { UsageError } from '../core/errors.ts';
import { localDateString, zonedDate } from '../core/time.ts';

/**
 * The span a report covers, as instants: `from` inclusive, `to` exclusive.
 * Days and quarters are the office's calendar days, whatever zone the server runs in.
 */
export interface Period {
  /** 「2026年第四季度」 or 「2026-10-01 至 2026-11-30」. */
  readonly label: string;
  /** For file names: 2026Q4 or 2026-10-01_2026-11-30. */
  readonly slug: string;
  readonly from: string;
  readonly to: string;
  readonly firstDay: string;
  readonly lastDay: string;
  /** The office's zone the days are counted in; times in the report are shown in it. */
  readonly timeZone: string;
}

const quarterNames = ['一', '二', '三', '四'] as const;

/** The instant a calendar day (month 1-based, day overflow allowed) starts in the office's zone. */
function dayStart(year: number, month: number, day: number, timeZone: string): string {
  return zonedDate(year, month, day, 0, 0, 0, timeZone).toISOString();
}

/** "2026-11-26": the office's calendar day of an instant. */
export function localDay(iso: string, timeZone: string): string {
  return localDateString(new Date(iso), timeZone);
}

function ymd(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y!, m!, d!];
}

/** Calendar arithmetic on "YYYY-MM-DD" strings. */
function addDays(day: string, days: number): string {
  const [y, m, d] = ymd(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function span(firstDay: string, lastDay: string, label: string, slug: string, timeZone: string): Period {
  const [y1, m1, d1] = ymd(firstDay);
  const [y2, m2, d2] = ymd(lastDay);
  return { label, slug, firstDay, lastDay, timeZone, from: dayStart(y1, m1, d1, timeZone), to: dayStart(y2, m2, d2 + 1, timeZone) };
}

function quarterPeriod(year: number, quarter: number, timeZone: string): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  const firstDay = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const lastDay = addDays(new Date(Date.UTC(year, firstMonth + 2, 1)).toISOString().slice(0, 10), -1);
  return span(firstDay, lastDay, `${year}年第${quarterNames[quarter - 1]}季度`, `${year}Q${quarter}`, timeZone);
}

function validDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** --quarter 2026Q4, or --from / --to as calendar days (both inclusive). */
export function parsePeriod(options: { quarter?: string; from?: string; to?: string }, timeZone: string): Period {
  if (options.quarter !== undefined) {
    if (options.from !== undefined || options.to !== undefined) throw new UsageError('--quarter 和 --from/--to 只能用一种。');
    const m = /^(\d{4})\s*[Qq]([1-4])$/.exec(options.quarter.trim());
    if (!m) throw new UsageError(`季度“${options.quarter}”写法不对，应写成 年份Q季度，例如 2026Q4。`);
    return quarterPeriod(Number(m[1]), Number(m[2]), timeZone);
  }
  if (options.from === undefined || options.to === undefined) throw new UsageError('请用 --quarter 指定季度（如 2026Q4），或同时用 --from 和 --to 指定起止日期（如 2026-10-01）。');
  for (const day of [options.from, options.to]) {
    if (!validDay(day)) throw new UsageError(`日期“${day}”写法不对，应写成 2026-10-01 这样。`);
  }
  if (options.from > options.to) throw new UsageError(`开始日期 ${options.from} 晚于结束日期 ${options.to}。`);
  return span(options.from, options.to, `${options.from} 至 ${options.to}`, `${options.from}_${options.to}`, timeZone);
}

/** The quarter an instant falls in, in the office's calendar. */
export function quarterContaining(iso: string, timeZone: string): Period {
  const [y, m] = ymd(localDay(iso, timeZone));
  return quarterPeriod(y, Math.ceil(m / 3), timeZone);
}

/** The quarters of the year the period ends in, up to the one it ends in: the annual review counts these. */
export function quartersOfYear(period: Period): Period[] {
  const [year, month] = ymd(period.lastDay);
  return Array.from({ length: Math.ceil(month / 3) }, (_, i) => quarterPeriod(year, i + 1, period.timeZone));
}

/** Monday-to-Sunday weeks overlapping the period: first day, and the instants it starts and ends. */
export function weeksOf(period: Period): { firstDay: string; start: string; end: string }[] {
  const [y, m, d] = ymd(period.firstDay);
  const monday = addDays(period.firstDay, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7));
  const weeks: { firstDay: string; start: string; end: string }[] = [];
  for (let day = monday; day <= period.lastDay; day = addDays(day, 7)) {
    const [wy, wm, wd] = ymd(day);
    weeks.push({ firstDay: day, start: dayStart(wy, wm, wd, period.timeZone), end: dayStart(wy, wm, wd + 7, period.timeZone) });
  }
  return weeks;
}
