import type { RunResult } from '../core/results.ts';
import type { RegisterEntry } from './build-report.ts';

/**
 * The account list when there is no config to hand (e.g. the demo's store,
 * whose config lived in a temporary folder): every account the sweeps saw,
 * in the order of the fullest recent sweep (a recheck of one account must not
 * put it first). Accounts a sweep listed as not checked are the Weibo ones,
 * the only kind without a menu.
 */
export function registerFromRuns(runs: readonly RunResult[]): RegisterEntry[] {
  const size = (r: RunResult) => r.accounts.length + r.notChecked.length;
  const ordered = runs.map((r, i) => ({ r, i })).sort((a, b) => size(b.r) - size(a.r) || b.i - a.i);
  const register = new Map<string, RegisterEntry>();
  for (const { r } of ordered) {
    for (const a of r.accounts) {
      if (!register.has(a.name)) register.set(a.name, { name: a.name, platform: a.platform as RegisterEntry['platform'], unit: a.unit });
    }
    for (const n of r.notChecked) if (!register.has(n.name)) register.set(n.name, { name: n.name, platform: 'weibo' });
  }
  return [...register.values()];
}
