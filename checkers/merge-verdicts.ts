import { verdictOf, type Verdict } from '../core/results.ts';
import type { Problem } from '../core/problems.ts';

/** One verdict from an item's own problems plus those of the links it leads to (news replies, articles). */
export function mergeVerdicts(own: readonly Problem[], linked: readonly Verdict[], note?: string): Verdict {
  return verdictOf([...own, ...linked.flatMap((v) => v.problems)], note);
}
