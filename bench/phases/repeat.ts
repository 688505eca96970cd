/**
 * Sweeps after the first (issue 18): the unique URL list as the unrestricted
 * phase checks it, three times in one process: a first sweep with nothing
 * remembered, a repeat of the unchanged farm, and a repeat after the farm
 * edited 5 % of its pages. Each sweep gets its own fetcher (as each sweep
 * does; without backpressure, as in the unrestricted phase); the analysis
 * workers stay warm across them, as in `serve`. A
 * repeat's verdicts must be the first sweep's: the edits change bytes, not
 * verdicts.
 */
import { AnalysisPool } from '../../analysis/analysis-pool.ts';
import { createLinkCheck } from '../../checkers/link-check.ts';
import { UrlRecall } from '../../checkers/url-recall.ts';
import type { Verdict } from '../../core/results.ts';
import { createFetcher } from '../../http/fetcher.ts';
import type { UrlMemory } from '../../store/schema.ts';
import { fetchPolicy } from '../../sweep/sweep-deps.ts';
import { isBroken } from '../farm/model.ts';
import { loadBenchConfig, measure, phaseWorld, type PhaseRequest } from './common.ts';
import { unrestrictedLimits } from './unrestricted.ts';

/** Share of the farm's pages edited before the last repeat. */
export const changedShare = 0.05;

export interface SweepFigures {
  readonly wallMs: number;
  readonly cpuS: number;
  /** Reported broken minus broken in truth. */
  readonly brokenVsTruth: number;
  /** URLs whose verdict (status and problem codes) differs from the first sweep's: 0 when incremental equals full. */
  readonly verdictsVsFirst: number;
}

export interface RepeatResult {
  readonly links: number;
  readonly first: SweepFigures;
  readonly unchanged: SweepFigures;
  readonly changed: SweepFigures & { readonly pagesChanged: number };
}

const verdictKey = (v: Verdict) => [v.status, ...v.problems.map((p) => p.code)].join(' ');

export async function repeatSweeps(request: PhaseRequest): Promise<RepeatResult> {
  const world = phaseWorld(request);
  const config = await loadBenchConfig(request);
  const analysis = new AnalysisPool();
  const account = { ...config.accounts[0]!, domains: [] };
  const broken = world.model.urls.filter(isBroken).length;
  let first: readonly string[] | undefined;

  async function sweep(known: Readonly<Record<string, UrlMemory>>): Promise<SweepFigures & { learned: Record<string, UrlMemory> }> {
    const fetcher = createFetcher({ ...fetchPolicy(config), ...unrestrictedLimits });
    const recall = new UrlRecall(known, { now: () => new Date(), timeoutMs: config.network.timeoutMs });
    const checkLink = createLinkCheck(fetcher, analysis, undefined, recall);
    const run = await measure(() => {
      // As the product's sweep begins (sweep/sweep-deps.ts): what was slow or hung last time goes first.
      checkLink.startEarly(recall.slow(world.urls));
      return Promise.all(world.urls.map((url) => checkLink(url, account)));
    });
    fetcher.close();
    const keys = run.result.map(verdictKey);
    first ??= keys;
    return {
      wallMs: run.wallMs,
      cpuS: run.cpuS,
      brokenVsTruth: run.result.filter((v) => v.status === 'fail').length - broken,
      verdictsVsFirst: keys.filter((k, i) => k !== first?.[i]).length,
      learned: recall.learned(),
    };
  }

  try {
    const { learned: afterFirst, ...firstFigures } = await sweep({});
    const { learned: afterRepeat, ...unchanged } = await sweep(afterFirst);
    const pagesChanged = Number(await (await fetch(`${world.base(1)}/__farm/change?share=${changedShare}`)).text());
    const { learned: _, ...changed } = await sweep(afterRepeat);
    return { links: world.urls.length, first: firstFigures, unchanged, changed: { ...changed, pagesChanged } };
  } finally {
    analysis.close();
  }
}
