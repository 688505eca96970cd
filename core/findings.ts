import { contentCodes, type ProblemCode, type Severity } from './problems.ts';
import type { RunResult } from './results.ts';

/**
 * A problem as it lives over time: one per (account, menu, item path, code).
 * It opens the first time a sweep sees it, stays open while sweeps keep
 * seeing it, and is resolved the first time a sweep of that account does not.
 */
export interface Finding {
  readonly id: string;
  readonly account: string;
  readonly menu: string;
  readonly path: readonly string[];
  /** item: a problem of one menu item; menu: of the menu as a whole or its structure. */
  readonly scope: 'item' | 'menu';
  /** An interaction item: a failure there risks a single veto. */
  readonly critical: boolean;
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly message: string;
  readonly target: string | null;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly lastRunId: string;
  readonly resolvedAt: string | null;
  /** fixed: the item now passes; item-removed: the item is no longer in the menu. */
  readonly resolution: 'fixed' | 'item-removed' | null;
}

export interface FindingChanges {
  readonly opened: readonly Finding[];
  readonly ongoing: readonly Finding[];
  readonly resolved: readonly Finding[];
}

const itemKey = (account: string, menu: string, path: readonly string[]) => JSON.stringify([account, menu, ...path]);

export function findingId(account: string, menu: string, path: readonly string[], code: string): string {
  return JSON.stringify([account, menu, ...path, code]);
}

/**
 * Fold a run into the findings. Only accounts whose menu was read count:
 * an account in `error` tells nothing about its items, so its findings stay as they were.
 */
export function applyRun(findings: readonly Finding[], result: RunResult): { findings: Finding[]; changes: FindingChanges } {
  const at = result.run.finishedAt;
  const read = result.accounts.filter((a) => a.status !== 'error');
  const readNames = new Set(read.map((a) => a.name));
  const present = new Set(read.flatMap((a) => a.items.map((i) => itemKey(a.name, i.menu, i.path))));
  // A place this run could not judge tells nothing: what was wrong there stays open (a quota error is not a fix).
  const unjudgedItems = new Set(read.flatMap((a) => a.items.filter((i) => i.status === 'skipped').map((i) => itemKey(a.name, i.menu, i.path))));
  const contentUnchecked = new Set(read.filter((a) => a.problems.some((p) => p.code === 'content-unchecked')).map((a) => a.name));
  const open = new Map(findings.filter((f) => f.resolvedAt === null).map((f) => [f.id, f]));
  const seen = new Set<string>();
  const opened: Finding[] = [];
  const ongoing: Finding[] = [];
  const updates = new Map<string, Finding>();

  for (const account of read) {
    const found = [
      ...account.problems.map((p) => ({ p, menu: p.menu, path: p.path, scope: 'menu' as const, critical: false, target: null })),
      ...account.items.flatMap((i) => i.problems.map((p) => ({ p, menu: i.menu, path: i.path, scope: 'item' as const, critical: i.critical, target: i.target }))),
    ];
    for (const { p, menu, path, scope, critical, target } of found) {
      const id = findingId(account.name, menu, path, p.code);
      if (seen.has(id)) continue;
      seen.add(id);
      const previous = open.get(id);
      const current: Finding = {
        id,
        account: account.name,
        menu,
        path,
        scope,
        critical,
        code: p.code,
        severity: p.severity,
        message: p.message,
        target,
        evidence: p.evidence,
        firstSeen: previous?.firstSeen ?? at,
        lastSeen: at,
        lastRunId: result.run.id,
        resolvedAt: null,
        resolution: null,
      };
      (previous ? ongoing : opened).push(current);
      updates.set(id, current);
    }
  }

  const resolved: Finding[] = [];
  for (const f of open.values()) {
    if (!readNames.has(f.account) || seen.has(f.id)) continue;
    if (unjudgedItems.has(itemKey(f.account, f.menu, f.path))) continue;
    if (contentUnchecked.has(f.account) && contentCodes.has(f.code)) continue;
    const gone = f.scope === 'item' && !present.has(itemKey(f.account, f.menu, f.path));
    const done: Finding = { ...f, resolvedAt: at, resolution: gone ? 'item-removed' : 'fixed' };
    resolved.push(done);
    updates.set(f.id, done);
  }

  const kept = findings.map((f) => (f.resolvedAt === null ? (updates.get(f.id) ?? f) : f));
  return { findings: [...kept, ...opened], changes: { opened, ongoing, resolved } };
}
