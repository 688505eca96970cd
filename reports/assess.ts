import type { ScoringRules } from '../config/schema.ts';
import type { Finding } from '../core/findings.ts';
import type { RunResult } from '../core/results.ts';
import type { AccountState } from './report-model.ts';
import { scoreAccount, type FailingItem, type Score } from './scoring.ts';

/** How one account fared in a span of time. */
export interface Assessment {
  readonly state: AccountState;
  readonly items: readonly FailingItem[];
  /** The failing findings seen in the span, oldest first. */
  readonly findings: readonly Finding[];
  /** The last reason its menu could not be read. */
  readonly error: string | null;
  readonly score: Score | null;
}

export interface Evidence {
  readonly runs: readonly RunResult[];
  readonly findings: readonly Finding[];
}

/** Runs that finished in [from, to). */
export function runsIn(evidence: Evidence, from: string, to: string): RunResult[] {
  return evidence.runs.filter((r) => r.run.finishedAt >= from && r.run.finishedAt < to);
}

/**
 * Failures a sweep saw in [from, to). Warnings need a person to confirm them
 * and are never scored. Findings outlive pruned run records, so they alone
 * still tell what failed in an old quarter.
 */
export function failuresIn(evidence: Evidence, from: string, to: string): Finding[] {
  return evidence.findings.filter((f) => f.severity === 'fail' && f.firstSeen < to && f.lastSeen >= from);
}

function failingItems(findings: readonly Finding[]): FailingItem[] {
  const items = new Map<string, { menu: string; path: readonly string[]; critical: boolean; codes: Set<Finding['code']>; open: boolean }>();
  for (const f of findings) {
    const key = JSON.stringify([f.menu, ...f.path]);
    const item = items.get(key) ?? { menu: f.menu, path: f.path, critical: false, codes: new Set(), open: false };
    item.critical ||= f.critical;
    item.open ||= f.resolvedAt === null;
    item.codes.add(f.code);
    items.set(key, item);
  }
  return [...items.values()].map((i) => ({ ...i, codes: [...i.codes] }));
}

/** Every listed account's state, failing items and score over [from, to). */
export function assess(
  accounts: readonly { readonly name: string; readonly platform: string }[],
  evidence: Evidence,
  rules: ScoringRules,
  from: string,
  to: string,
): Map<string, Assessment> {
  const runs = runsIn(evidence, from, to);
  const failures = failuresIn(evidence, from, to);
  const read = new Set([...runs.flatMap((r) => r.accounts.filter((a) => a.status !== 'error').map((a) => a.name)), ...failures.map((f) => f.account)]);
  const errors = new Map(runs.flatMap((r) => r.accounts.flatMap((a) => (a.error ? [[a.name, a.error.message] as const] : []))));
  return new Map(
    accounts.map((a) => {
      const findings = failures.filter((f) => f.account === a.name).sort((x, y) => x.firstSeen.localeCompare(y.firstSeen));
      const items = failingItems(findings);
      // A Weibo account has no menu, but is scored once an owner's date made its updates checkable.
      const state: AccountState = read.has(a.name) ? 'scored' : a.platform === 'weibo' ? 'no-menu' : errors.has(a.name) ? 'unread' : 'absent';
      const score = state === 'scored' ? scoreAccount(items, rules) : null;
      return [a.name, { state, items, findings, error: errors.get(a.name) ?? null, score }];
    }),
  );
}
