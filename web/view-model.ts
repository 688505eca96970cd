import type { AccountConfig, Config } from '../config/load.ts';
import type { Finding } from '../core/findings.ts';
import type { AccountResult, RunInfo, RunResult, Trigger } from '../core/results.ts';
import { formatAge, formatLocal } from '../core/time.ts';
import { nextInspection } from '../schedules/countdown.ts';
import { nextFireTimes, previousFireTime } from '../schedules/fire-times.ts';
import { jobTable, type Job } from '../schedules/jobs.ts';
import type { Viewer } from './auth.ts';

/**
 * What the pages show, as plain values from the config, the store's records
 * and who is looking: no HTTP here, so every rule (an owner sees only their
 * accounts, times in the office's zone, the state words) is tested without a server.
 */

export interface ViewInput {
  readonly config: Config;
  readonly runs: readonly RunResult[];
  readonly findings: readonly Finding[];
  readonly viewer: Viewer;
  readonly now: Date;
  /** Accounts being swept right now. */
  readonly running?: ReadonlySet<string> | undefined;
}

export const accountStates = ['有问题', '读取失败', '未巡检', '正常'] as const;
export type AccountState = (typeof accountStates)[number];

export const sortKeys = { state: '按状态', name: '按名称', unit: '按单位', since: '按问题持续时间', open: '按问题数' } as const;
export type SortKey = keyof typeof sortKeys;

export interface OverviewRow {
  readonly name: string;
  readonly unit: string;
  readonly state: AccountState;
  /** Open failing problems. */
  readonly open: number;
  /** When the oldest open problem was first seen, and how long ago. */
  readonly since: { readonly at: string; readonly age: string; readonly iso: string } | null;
  readonly owners: string;
  readonly countdown: string | null;
  readonly lastSweep: string | null;
  readonly nextSweep: string | null;
  readonly sweeping: boolean;
  /** Why sweeps pass it by (a Weibo account has no menu), from the last run that said so. */
  readonly notChecked: string | null;
}

export interface Filter {
  readonly unit?: string | undefined;
  readonly state?: AccountState | undefined;
  readonly sort: SortKey;
}

export interface Overview {
  readonly rows: readonly OverviewRow[];
  /** Every unit among the viewer's accounts, for the filter. */
  readonly units: readonly string[];
  /** Accounts per state, before filtering. */
  readonly counts: Readonly<Record<AccountState, number>>;
  readonly filter: Filter;
  readonly lastSweep: string | null;
  /** What most rows share, said once above the list: rows repeat it only where they differ. */
  readonly countdown: string | null;
  readonly nextSweep: string | null;
}

/** The accounts this viewer may see: all for an admin, their own for an owner. */
export function visibleAccounts(config: Config, viewer: Viewer): readonly AccountConfig[] {
  if (viewer.role === 'admin') return config.accounts;
  return config.accounts.filter((a) => a.owners.some((o) => o.name === viewer.owner));
}

/** The account's result in the latest run that swept it. */
export function latestResult(runs: readonly RunResult[], name: string): { run: RunResult; account: AccountResult } | undefined {
  for (let i = runs.length - 1; i >= 0; i--) {
    const account = runs[i]!.accounts.find((a) => a.name === name);
    if (account) return { run: runs[i]!, account };
  }
  return undefined;
}

export function openFailures(findings: readonly Finding[], name: string): Finding[] {
  return findings.filter((f) => f.account === name && f.resolvedAt === null && f.severity === 'fail');
}

function stateOf(result: AccountResult | undefined, open: number): AccountState {
  if (!result) return '未巡检';
  if (result.status === 'error') return '读取失败';
  return result.status === 'fail' || open > 0 ? '有问题' : '正常';
}

function jobCovers(job: Job, config: Config, name: string): boolean {
  if (job.name === 'countdown') return config.inspections.some((x) => x.accounts === 'all' || x.accounts.includes(name));
  return job.targets === 'all' || (Array.isArray(job.targets) && job.targets.includes(name));
}

/** Each scheduled job with its next time, soonest first: worked out once per page, not per account. */
export function upcomingJobs(config: Config, now: Date): { job: Job; at: Date }[] {
  return jobTable(config)
    .flatMap((job) => nextFireTimes(job.cron, config.timezone, now, 1, job.filter).map((at) => ({ job, at })))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The next time a scheduled job sweeps this account (sampled spot checks are not promised to anyone). */
function nextSweep(config: Config, name: string, upcoming: readonly { job: Job; at: Date }[]): Date | undefined {
  return upcoming.find(({ job }) => jobCovers(job, config, name))?.at;
}

export function countdownText(config: Config, name: string, now: Date): string | null {
  const next = nextInspection(config.inspections, [name], now, config.timezone);
  return next ? `距“${next.inspection.name}”还有 ${next.days} 天` : null;
}

export function accountRow(input: ViewInput, account: AccountConfig, upcoming = upcomingJobs(input.config, input.now)): OverviewRow {
  const { config, now } = input;
  const latest = latestResult(input.runs, account.name);
  const open = openFailures(input.findings, account.name);
  const first = open.map((f) => f.firstSeen).sort()[0];
  const next = nextSweep(config, account.name, upcoming);
  return {
    name: account.name,
    unit: account.unit ?? '',
    state: stateOf(latest?.account, open.length),
    open: open.length,
    since: first ? { at: formatLocal(first, config.timezone), age: formatAge(first, now.toISOString()), iso: first } : null,
    owners: account.owners.map((o) => o.name).join('、'),
    countdown: countdownText(config, account.name, now),
    lastSweep: latest ? formatLocal(latest.run.run.finishedAt, config.timezone) : null,
    nextSweep: next ? formatLocal(next.toISOString(), config.timezone) : null,
    sweeping: input.running?.has(account.name) ?? false,
    notChecked: latest ? null : (input.runs.findLast((r) => r.notChecked.some((n) => n.name === account.name))?.notChecked.find((n) => n.name === account.name)?.reason ?? null),
  };
}

const byState = (r: OverviewRow) => accountStates.indexOf(r.state);
const sorters: Record<SortKey, (a: OverviewRow, b: OverviewRow) => number> = {
  state: (a, b) => byState(a) - byState(b) || b.open - a.open,
  name: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
  unit: (a, b) => a.unit.localeCompare(b.unit, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'),
  since: (a, b) => (a.since?.iso ?? '9999').localeCompare(b.since?.iso ?? '9999'),
  open: (a, b) => b.open - a.open,
};

export function overview(input: ViewInput, filter: Filter): Overview {
  const upcoming = upcomingJobs(input.config, input.now);
  const all = visibleAccounts(input.config, input.viewer).map((a) => accountRow(input, a, upcoming));
  const counts = Object.fromEntries(accountStates.map((s) => [s, all.filter((r) => r.state === s).length])) as Record<AccountState, number>;
  const rows = all
    .filter((r) => (filter.unit === undefined || r.unit === filter.unit) && (filter.state === undefined || r.state === filter.state))
    // Stable: within equal keys, the register's order, which the office keeps on purpose.
    .sort(sorters[filter.sort]);
  const last = input.runs.at(-1);
  const common = (values: readonly (string | null)[]) => {
    const counts = new Map<string | null, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  };
  return {
    rows,
    countdown: common(all.map((r) => r.countdown)),
    nextSweep: common(all.map((r) => r.nextSweep)),
    units: [...new Set(all.map((r) => r.unit).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    counts,
    filter,
    lastSweep: last ? formatLocal(last.run.finishedAt, input.config.timezone) : null,
  };
}

const triggerLabels: Record<Trigger, string> = { cli: '命令行', demo: '演示', chat: '聊天命令', schedule: '定时巡检', recheck: '复查' };

/**
 * Which jobs a scheduled run was for, as the run recorded them; a run recorded
 * before runs kept that is matched to a job that fired within a few minutes
 * of its start.
 */
function scheduledLabel(config: Config, jobs: readonly Job[], run: RunInfo): string {
  if (run.schedule) return `${run.schedule.catchUp ? '补做的定时巡检' : '定时巡检'}（${run.schedule.jobs.join('、')}）`;
  const started = Date.parse(run.startedAt);
  const job = jobs.find((j) => {
    const fired = previousFireTime(j.cron, config.timezone, new Date(started + 1000), j.filter);
    return fired !== null && started - fired.getTime() < 5 * 60_000;
  });
  return job ? `定时巡检（${job.label}）` : triggerLabels.schedule;
}

export interface RunRow {
  readonly id: string;
  readonly started: string;
  readonly trigger: string;
  readonly duration: string;
  /** The viewer's accounts in this run. */
  readonly accounts: number;
  readonly failedItems: number;
  readonly unread: number;
  /** Problems first seen, and resolved, by this run. */
  readonly opened: number;
  readonly resolved: number;
}

function durationText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} 秒` : `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`;
}

/** Sweeps newest first, counted over the viewer's accounts only; an owner sees only sweeps that touched theirs. */
export function runHistory(input: ViewInput): RunRow[] {
  const names = new Set(visibleAccounts(input.config, input.viewer).map((a) => a.name));
  const mine = input.findings.filter((f) => names.has(f.account));
  const jobs = jobTable(input.config);
  return input.runs
    .map((r) => ({ r, accounts: r.accounts.filter((a) => names.has(a.name)) }))
    .filter(({ accounts }) => accounts.length > 0)
    .reverse()
    .map(({ r, accounts }) => ({
      id: r.run.id,
      started: formatLocal(r.run.startedAt, input.config.timezone),
      trigger: r.run.trigger === 'schedule' ? scheduledLabel(input.config, jobs, r.run) : triggerLabels[r.run.trigger],
      duration: durationText(Date.parse(r.run.finishedAt) - Date.parse(r.run.startedAt)),
      accounts: accounts.length,
      failedItems: accounts.reduce((n, a) => n + a.items.filter((i) => i.status === 'fail').length, 0),
      unread: accounts.filter((a) => a.status === 'error').length,
      opened: mine.filter((f) => f.firstSeen === r.run.finishedAt).length,
      resolved: mine.filter((f) => f.resolvedAt === r.run.finishedAt).length,
    }));
}
