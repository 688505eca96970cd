/**
 * How long since an account last published, counted in calendar days of the
 * office's time zone: a clerk reads "5月1日发的，今天5月16日，15 天" whatever
 * zone the server runs in. The national rule (「监测时间点前2周内无更新」) is
 * 14 days; some offices ask for 7 or 10.
 */
import type { MenuProblem } from '../core/menu-structure.ts';
import { problem } from '../core/problems.ts';
import { localDateString, localDayNumber } from '../core/time.ts';
import { updatesPlace } from '../core/places.ts';

export interface FreshnessRules {
  /** More days than this since the last update is 超期. */
  readonly overdueDays: number;
  /** Warn when the deadline is fewer than this many days away (counting today). */
  readonly dueSoonDays: number;
  readonly timeZone: string;
}


/** Where the date of the last update came from: 发布 records, the data cube (群发 and 发布), or the owner's 已更新. */
export type UpdateSource = 'freepublish' | 'datacube' | 'owner';

export interface Freshness {
  readonly state: 'fresh' | 'due-soon' | 'overdue';
  /** The local date of the last update, e.g. 2026-05-01. */
  readonly lastDate: string;
  readonly daysSince: number;
  /** The last local date on which a new update still keeps the account in time. */
  readonly deadline: string;
  /** Days from today to the deadline; negative once overdue. */
  readonly daysLeft: number;
}

const dateOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export function freshness(lastUpdate: Date, now: Date, rules: FreshnessRules): Freshness {
  const lastDay = localDayNumber(lastUpdate, rules.timeZone);
  // A clock a little ahead on the publishing side must not give negative days.
  const daysSince = Math.max(0, localDayNumber(now, rules.timeZone) - lastDay);
  const daysLeft = rules.overdueDays - daysSince;
  const state = daysLeft < 0 ? 'overdue' : daysLeft < rules.dueSoonDays ? 'due-soon' : 'fresh';
  return { state, lastDate: localDateString(lastUpdate, rules.timeZone), daysSince, deadline: dateOfDay(lastDay + rules.overdueDays), daysLeft };
}

export const sourceText: Record<UpdateSource, string> = {
  freepublish: '据微信接口的发布记录',
  datacube: '据微信数据统计（含群发）',
  owner: '据负责人报告',
};

/** The overdue or due-soon problem for an account, or none while it is in time. */
export function freshnessProblems(lastUpdate: Date, source: UpdateSource, now: Date, rules: FreshnessRules): MenuProblem[] {
  const f = freshness(lastUpdate, now, rules);
  if (f.state === 'fresh') return [];
  const evidence = { lastUpdate: lastUpdate.toISOString(), lastDate: f.lastDate, daysSince: f.daysSince, overdueDays: rules.overdueDays, deadline: f.deadline, source };
  const last = `${sourceText[source]}，最近一次更新是 ${f.lastDate}`;
  const detail =
    f.state === 'overdue'
      ? `${last}，已经 ${f.daysSince} 天没有更新，规定 ${rules.overdueDays} 天内要更新`
      : `${last}，${f.daysLeft === 0 ? '今天是最后一天，请今天发布新内容' : `最迟 ${f.deadline} 要发布新内容，还有 ${f.daysLeft} 天`}`;
  // The data cube is a day behind (today's 群发 shows tomorrow): the hint asks for 已更新 after posting.
  return [{ ...problem(f.state, detail, evidence), menu: updatesPlace, path: [] }];
}

/** An account whose API finds nothing published and no date reported: as stale as it gets. */
export function neverUpdatedProblem(rules: FreshnessRules): MenuProblem {
  return { ...problem('overdue', `没有找到任何已发布的内容，规定 ${rules.overdueDays} 天内要更新`, { lastUpdate: null, overdueDays: rules.overdueDays }), menu: updatesPlace, path: [] };
}
