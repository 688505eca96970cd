import type { Config } from '../config/load.ts';
import type { Targets } from '../config/schema.ts';
import { remindersDue } from './countdown.ts';
import { lastDayOfMonth, type DayFilter } from './fire-times.ts';
import { minutesOf, zonedDate, type LocalParts } from '../core/time.ts';

/** One line of the job table: when it fires and what it sweeps. */
export interface Job {
  readonly name: string;
  /** What a clerk reads in `menu-patrol schedule`. */
  readonly label: string;
  readonly cron: string;
  /** Conditions cron cannot say (last day of the month, countdown days). */
  readonly filter?: DayFilter;
  readonly targets: Targets;
  /** Run once at start when the last scheduled time was missed (daily and month-end). */
  readonly catchUp: boolean;
}

const timeCron = (hhmm: string) => {
  const m = minutesOf(hhmm);
  return `${m % 60} ${Math.floor(m / 60)} * * *`;
};

/** The day as an instant at noon, for date-only questions like "is this a countdown day?". */
const noonOf = (day: LocalParts, timeZone: string) => zonedDate(day.year, day.month, day.day, 12, 0, 0, timeZone);

/** Every scheduled job the config asks for, in one table. */
export function jobTable(config: Config): Job[] {
  const { schedule, timezone } = config;
  const jobs: Job[] = [];
  if (schedule.dailyPatrol) {
    jobs.push({ name: 'daily-patrol', label: '每日巡检', cron: schedule.dailyPatrol, targets: 'all', catchUp: true });
  }
  if (schedule.monthEnd) {
    jobs.push({ name: 'month-end', label: '月底全面检查', cron: timeCron(schedule.monthEnd), filter: lastDayOfMonth, targets: 'all', catchUp: true });
  }
  for (const job of schedule.jobs) jobs.push({ name: `custom:${job.name}`, label: job.name, cron: job.cron, targets: job.accounts, catchUp: false });
  if (config.inspections.length > 0) {
    jobs.push({
      name: 'countdown',
      label: '检查前倒计时巡检',
      cron: schedule.dailyPatrol || '30 8 * * *',
      filter: (day) => remindersDue(config.inspections, noonOf(day, timezone), timezone).length > 0,
      // The accounts of the inspections due that day; resolved when it fires.
      targets: 'all',
      catchUp: false,
    });
  }
  return jobs;
}

/** Account names a job sweeps today. Samples are drawn afresh each time, as spot checks are. */
export function resolveTargets(job: Job, config: Config, now: Date, random: () => number = Math.random): string[] {
  const menuAccounts = config.accounts.filter((a) => a.platform !== 'weibo').map((a) => a.name);
  if (job.name === 'countdown') {
    const due = remindersDue(config.inspections, now, config.timezone);
    return menuAccounts.filter((name) => due.some(({ inspection }) => inspection.accounts === 'all' || inspection.accounts.includes(name)));
  }
  const t = job.targets;
  if (t === 'all') return menuAccounts;
  if (Array.isArray(t)) return [...t];
  const pool = [...menuAccounts];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, Math.min(t.sample, pool.length));
}
