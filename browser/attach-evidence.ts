import type { Problem } from '../core/problems.ts';
import type { AccountResult, ItemResult, RunResult } from '../core/results.ts';
import type { PageReviewer } from './page-review.ts';

/** A web server answered (any status): there is a page to photograph, unlike a timeout or a refused connection. */
const answered = (p: Problem) => typeof p.evidence.status === 'number';

const withScreenshot = (problems: readonly Problem[], screenshot: string) => problems.map((p) => ({ ...p, evidence: { ...p.evidence, screenshot } }));

async function itemEvidence(item: ItemResult, reviewer: PageReviewer): Promise<ItemResult> {
  if (item.status === 'ok' || item.status === 'skipped' || item.target === null) return item;
  if (item.problems.some((p) => p.evidence.screenshot !== undefined) || !item.problems.some(answered)) return item;
  const review = await reviewer.review(item.target, 'evidence');
  const screenshot = review.rendered ? await reviewer.screenshot(item.target) : undefined;
  return screenshot ? { ...item, problems: withScreenshot(item.problems, screenshot) } : item;
}

/**
 * Photographs every failing or doubtful page once the sweep's verdicts are in
 * (so the browser never competes with the sweep's own time-boxed requests),
 * within the same render budget, and names the photo in the item's problems.
 */
export async function attachEvidence(result: RunResult, reviewer: PageReviewer): Promise<RunResult> {
  const accounts: AccountResult[] = await Promise.all(
    result.accounts.map(async (a) => ({ ...a, items: await Promise.all(a.items.map((i) => itemEvidence(i, reviewer))) })),
  );
  return { ...result, accounts };
}
