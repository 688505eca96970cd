import type { Platform, ScoringRules } from '../config/schema.ts';
import type { Finding } from '../core/findings.ts';
import { isContentPlace, placeLabel } from '../core/places.ts';
import type { RunResult } from '../core/results.ts';
import { platformLabels } from './account-types.ts';
import { assess, failuresIn, runsIn, type Assessment, type Evidence } from './assess.ts';
import { quartersOfYear, weeksOf, type Period } from './period.ts';
import { problemType, problemTypeOrder, type ProblemType } from './problem-types.ts';
import type { AccountRow, DetailRow, RepeatOffender, Report, UnverifiedRow, WeekPoint } from './report-model.ts';
import { screenshotOf } from '../store/evidence.ts';
import { describeRules, type FailingItem } from './scoring.ts';

/** An account of the register (the config), in the order the office keeps it. */
export interface RegisterEntry {
  readonly name: string;
  readonly platform: Platform;
  readonly unit?: string | undefined;
}

export interface ReportInput extends Evidence {
  readonly register: readonly RegisterEntry[];
  /** Only these accounts (an owner's own report); otherwise the register plus any account the sweeps saw. */
  readonly only?: ReadonlySet<string>;
  readonly rules: ScoringRules;
  readonly period: Period;
  /** The report's time: open problems are counted up to it. */
  readonly now: string;
}

const dayMs = 86_400_000;

/** The register, then any account the period's sweeps saw that has since left it: its problems still count. */
function accountsOf(input: ReportInput, runs: readonly RunResult[], failures: readonly Finding[]): RegisterEntry[] {
  const { only } = input;
  if (only) return input.register.filter((a) => only.has(a.name));
  const known = new Set(input.register.map((a) => a.name));
  const extra = new Map<string, RegisterEntry>();
  for (const a of runs.flatMap((r) => r.accounts)) {
    if (!known.has(a.name)) extra.set(a.name, { name: a.name, platform: a.platform as Platform, unit: a.unit });
  }
  for (const f of failures) {
    if (!known.has(f.account) && !extra.has(f.account)) extra.set(f.account, { name: f.account, platform: 'wechat-subscription' });
  }
  return [...input.register, ...extra.values()];
}

function itemType(item: FailingItem): ProblemType {
  const types = item.codes.map((c) => problemType(c, item.critical));
  return problemTypeOrder.find((t) => types.includes(t)) ?? '栏目无法打开';
}

function problemTypesText(a: Assessment): string {
  switch (a.state) {
    case 'no-menu':
      return '微博账号没有自定义菜单，不巡检';
    case 'unread':
      return `菜单没能读取：${a.error ?? '原因不明'}`;
    case 'absent':
      return '本期没有巡检这个账号';
    case 'scored': {
      const counts = problemTypeOrder.map((t) => [t, a.items.filter((i) => itemType(i) === t).length] as const).filter(([, n]) => n > 0);
      return counts.map(([t, n]) => `${t} ${n} 项`).join('、') + (a.score?.vetoes.length ? '（单项否决）' : '');
    }
  }
}

function row(entry: RegisterEntry, seq: number, a: Assessment): AccountRow {
  const result = a.score ? (a.score.qualified ? '合格' : '不合格') : a.state === 'unread' ? '未能读取菜单' : '未巡检';
  return {
    seq,
    name: entry.name,
    type: platformLabels[entry.platform] ?? entry.platform,
    unit: entry.unit ?? '',
    state: a.state,
    items: a.items.length,
    openItems: a.items.filter((i) => i.open).length,
    deduction: a.score?.deduction ?? null,
    result,
    problemTypes: problemTypesText(a),
    vetoes: a.score?.vetoes ?? [],
    articles: a.items.filter((i) => i.codes.includes('sensitive-word')).length,
    overdue: a.items.filter((i) => i.codes.includes('overdue')).length,
  };
}

function linkOf(f: Finding): string | null {
  const candidates = [f.target, f.evidence.url];
  return (candidates.find((c) => typeof c === 'string' && /^https?:\/\//.test(c)) as string | undefined) ?? null;
}

function detail(f: Finding, now: string): DetailRow {
  return {
    account: f.account,
    place: placeLabel(f),
    problem: f.message,
    type: problemType(f.code, f.critical),
    link: linkOf(f),
    firstSeen: f.firstSeen,
    fixedAt: f.resolvedAt,
    removed: f.resolution === 'item-removed',
    daysOpen: Math.floor((Date.parse(f.resolvedAt ?? now) - Date.parse(f.firstSeen)) / dayMs),
    critical: f.critical,
    screenshot: screenshotOf(f.evidence) ?? null,
  };
}

/** Open failures at the end of each week that has begun, the current week counted up to the report's time. */
function weekly(period: Period, failures: readonly Finding[], now: string): WeekPoint[] {
  const until = now < period.to ? now : period.to;
  return weeksOf(period)
    .filter((w) => w.start < until)
    .map((w) => {
      const at = w.end < until ? w.end : until;
      return { firstDay: w.firstDay < period.firstDay ? period.firstDay : w.firstDay, open: failures.filter((f) => f.firstSeen <= at && (f.resolvedAt === null || f.resolvedAt > at)).length };
    });
}

/** Items the latest sweep of each account in the period could not verify. */
function unverifiedIn(runs: readonly RunResult[], names: ReadonlySet<string>): UnverifiedRow[] {
  const latest = new Map(runs.flatMap((r) => r.accounts).filter((a) => names.has(a.name)).map((a) => [a.name, a]));
  return [...latest.values()].flatMap((a) =>
    a.items.filter((i) => i.status === 'unverified').map((i) => ({ account: a.name, place: placeLabel(i), note: i.note ?? '' })),
  );
}

function repeatOffenders(input: ReportInput, accounts: readonly RegisterEntry[]): RepeatOffender[] {
  const quarters = quartersOfYear(input.period).map((q) => ({ name: q.label.replace(/^\d+年/, ''), verdicts: assess(accounts, input, input.rules, q.from, q.to) }));
  return accounts.flatMap((a) => {
    const failed = quarters.filter((q) => q.verdicts.get(a.name)?.score?.qualified === false).map((q) => q.name);
    return failed.length >= 2 ? [{ account: a.name, quarters: failed }] : [];
  });
}

/** Everything a report says about a period, from the register, the stored sweeps and findings, and the rules. */
export function buildReport(input: ReportInput): Report {
  const { period, now } = input;
  const runs = runsIn(input, period.from, period.to);
  const failures = failuresIn(input, period.from, period.to);
  const hasData = runs.length > 0 || failures.length > 0;
  const times = [...input.runs.map((r) => r.run.finishedAt), ...input.findings.map((f) => f.lastSeen)].sort();
  const base = {
    period,
    generatedAt: now,
    rules: input.rules,
    ruleLines: describeRules(input.rules),
    hasData,
    sweeps: { count: runs.length, first: runs[0]?.run.finishedAt ?? null, last: runs.at(-1)?.run.finishedAt ?? null },
    stored: times.length > 0 ? { first: times[0]!, last: times.at(-1)! } : null,
  };
  const accounts = accountsOf(input, runs, failures);
  if (!hasData) {
    return { ...base, rows: [], details: [], repeatOffenders: [], weekly: [], unverified: [], totals: { accounts: accounts.length, scored: 0, qualified: 0, unqualified: 0, notScored: 0, items: 0, openItems: 0, contentItems: 0, openContentItems: 0 } };
  }
  const verdicts = assess(accounts, input, input.rules, period.from, period.to);
  const rows = accounts.map((a, i) => row(a, i + 1, verdicts.get(a.name)!));
  const names = new Set(accounts.map((a) => a.name));
  const scored = rows.filter((r) => r.state === 'scored');
  const content = accounts.flatMap((a) => verdicts.get(a.name)!.items.filter(isContentPlace));
  return {
    ...base,
    rows,
    details: accounts.flatMap((a) => verdicts.get(a.name)!.findings.map((f) => detail(f, now))),
    repeatOffenders: repeatOffenders(input, accounts),
    weekly: weekly(period, input.findings.filter((f) => f.severity === 'fail' && names.has(f.account)), now),
    unverified: unverifiedIn(runs, names),
    totals: {
      accounts: rows.length,
      scored: scored.length,
      qualified: scored.filter((r) => r.result === '合格').length,
      unqualified: scored.filter((r) => r.result === '不合格').length,
      notScored: rows.length - scored.length,
      items: rows.reduce((n, r) => n + r.items, 0),
      openItems: rows.reduce((n, r) => n + r.openItems, 0),
      contentItems: content.length,
      openContentItems: content.filter((i) => i.open).length,
    },
  };
}
