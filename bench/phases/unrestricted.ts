/**
 * Our link check on the unique URL list with politeness lifted to
 * linkinator's global limit: 100 in flight, no per-host cap below that, full
 * page analysis on every page.
 */
import { AnalysisPool } from '../../analysis/analysis-pool.ts';
import { createLinkCheck } from '../../checkers/link-check.ts';
import { createFetcher } from '../../http/fetcher.ts';
import { fetchPolicy } from '../../sweep/sweep-deps.ts';
import { isBroken, lowerBoundMs } from '../farm/model.ts';
import { loadBenchConfig, measure, peakRssMb, phaseWorld, type PhaseRequest } from './common.ts';

export const unrestrictedLimits = { concurrency: 100, perHostConcurrency: 100 };

export interface ListResult {
  readonly links: number;
  readonly wallMs: number;
  readonly cpuS: number;
  readonly peakRssMb: number;
  /** Reported broken minus broken in truth: 0 when the list was judged right. */
  readonly brokenVsTruth: number;
  readonly lowerBoundMs: number;
  /** The bound when every hang is confirmed by a second whole timeout, as a first sweep confirms them. */
  readonly confirmedBoundMs: number;
}

export async function unrestrictedCheck(request: PhaseRequest): Promise<ListResult> {
  const world = phaseWorld(request);
  const limits = { ...unrestrictedLimits, timeoutMs: request.timeoutMs };
  // The config schema caps perHostConcurrency at 64; the fetch policy itself takes any limit.
  const config = await loadBenchConfig(request);
  const fetcher = createFetcher({ ...fetchPolicy(config), ...unrestrictedLimits });
  const analysis = new AnalysisPool();
  const checkLink = createLinkCheck(fetcher, analysis);
  // One account without domains: the list is checked for itself, as linkinator checks it.
  const account = { ...config.accounts[0]!, domains: [] };
  const run = await measure(() => Promise.all(world.urls.map((url) => checkLink(url, account))));
  fetcher.close();
  analysis.close();
  const broken = run.result.filter((v) => v.status === 'fail').length;
  return {
    links: world.urls.length,
    wallMs: run.wallMs,
    cpuS: run.cpuS,
    peakRssMb: peakRssMb(),
    brokenVsTruth: broken - world.model.urls.filter(isBroken).length,
    lowerBoundMs: lowerBoundMs(world.model, limits),
    confirmedBoundMs: lowerBoundMs(world.model, limits, 2),
  };
}
