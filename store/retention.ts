/**
 * How much sweep history the store keeps, so the file stays small whatever
 * the office's size (a county sweeps ~500 items, a province ~15,000):
 *
 * - the newest runs keep their full per-item results while together they hold
 *   at most `fullItemResults` items (the newest run always keeps its own);
 * - older runs are summarized: run info, summary counts and every account's
 *   status, error and menu problems stay, the items are dropped (`items: []`);
 * - runs beyond the newest `keep` are dropped (Store's keptRuns).
 *
 * What old runs are read for is account level (who was swept when, whose menu
 * could not be read); every problem's history, first and last seen and fix
 * date, lives in the findings, which are never pruned. In the pretty-printed
 * store a province sweep is ~12 MB with items and ~0.3 MB summarized, so the
 * runs stay under ~25 + 100 × 0.3 MB at any size.
 */
import type { AccountResult, RunResult } from '../core/results.ts';

/** Two province-sized sweeps, or about sixty county ones. */
export const fullItemResults = 30_000;

function summarized(account: AccountResult): AccountResult {
  return account.items.length === 0 ? account : { ...account, items: [] };
}

export function retainRuns(runs: readonly RunResult[], keep: number): RunResult[] {
  const kept = runs.slice(-keep);
  let items = 0;
  let full = true;
  const out: RunResult[] = [];
  for (let i = kept.length - 1; i >= 0; i--) {
    const run = kept[i] as RunResult;
    items += run.accounts.reduce((n, a) => n + a.items.length, 0);
    // Once one run is summarized every older one is too: history thins out from the far end only.
    full &&= i === kept.length - 1 || items <= fullItemResults;
    out.push(full ? run : { ...run, accounts: run.accounts.map(summarized) });
  }
  return out.reverse();
}
