/**
 * What the browser costs (issue 17): farm pages opened in the sweep's
 * browser (ms a page, two at a time as a sweep does), and the whole sweep
 * with the browser on under the default budget: how many pages it renders
 * (the failing pages' screenshots: the farm has no script-built pages) and
 * how long that adds. Peak RSS is this process with Chromium and its renderers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PageReviewer } from '../../browser/page-review.ts';
import { treeRssBytes } from '../../browser/process-memory.ts';
import { WECHAT_ANDROID_USER_AGENT } from '../../http/headers.ts';
import { Store } from '../../store/store.ts';
import { runSweep } from '../../sweep/run-sweep.ts';
import { openSweepDeps } from '../../sweep/sweep-deps.ts';
import { loadBenchConfig, measure, phaseWorld, type PhaseRequest } from './common.ts';

export interface RenderResult {
  /** Pages opened one after another (two at a time) for the cost. */
  readonly pages: number;
  readonly renderWallMs: number;
  /** Each page's own time, navigation to screenshot, median. */
  readonly medianPageMs: number;
  readonly renderPeakRssMb: number;
  readonly sweepItems: number;
  readonly sweepRendered: number;
  readonly sweepOverBudget: number;
  /** The whole sweep, its screenshots included. */
  readonly sweepWallMs: number;
  readonly sweepPeakRssMb: number;
  readonly maxPages: number;
  readonly maxSeconds: number;
}

/** Samples the resident memory of this process and its children (Chromium) until stopped; resolves to the peak in MB. */
function sampleTreeRss(): () => Promise<number> {
  let peak = 0;
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      peak = Math.max(peak, (await treeRssBytes(process.pid)) ?? 0);
    });
  }, 250);
  return async () => {
    clearInterval(timer);
    await sampling;
    return Math.round(peak / 1024 / 1024);
  };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

export async function renderCost(request: PhaseRequest): Promise<RenderResult> {
  const world = phaseWorld(request);
  const full = await loadBenchConfig(request);
  const fullScale = request.scale.accounts >= 1000;
  // At smoke scale a budget of a few pages: the budget's edge (pages left over, reported) is exercised and the suite waits less.
  const config = fullScale ? full : { ...full, browser: { ...full.browser, maxPages: 4 } };
  const b = config.browser;
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-bench-render-'));
  try {
    const pages = fullScale ? 40 : 5;
    const urls = world.urls.filter((_, i) => world.model.urls[i]!.fate === 'ok').slice(0, pages);
    const reviewer = new PageReviewer({
      pageTimeoutMs: b.pageTimeoutMs,
      memoryCapMb: b.memoryCapMb,
      maxPages: pages,
      maxSeconds: b.maxSeconds,
      allowPrivateAddresses: true,
      resolve: {},
      userAgent: WECHAT_ANDROID_USER_AGENT,
      workDir: join(dir, 'browser'),
      all: true,
    });
    // The first page pays for Chromium's start: a sweep pays it once, so it is left out.
    await reviewer.review(urls[0]!, 'judge');
    const renderPeak = sampleTreeRss();
    const rendered = await measure(() => Promise.all(urls.slice(1).map((url) => reviewer.review(url, 'judge'))));
    const renderPeakRssMb = await renderPeak();
    await reviewer.close();

    const store = await Store.open(join(dir, 'data', 'menu-patrol.json'));
    const deps = openSweepDeps(config, store.apiCache(), undefined, { dataDir: join(dir, 'data'), proxyEnv: {} });
    const sweepPeak = sampleTreeRss();
    const sweep = await measure(async () => deps.attachEvidence(await runSweep(config.accounts, { ...deps, trigger: 'cli' })));
    const sweepPeakRssMb = await sweepPeak();
    const counts = deps.renderCounts();
    await deps.close();
    return {
      pages: urls.length - 1,
      renderWallMs: rendered.wallMs,
      medianPageMs: median(rendered.result.map((r) => (r.rendered ? r.rendering.ms : NaN)).filter(Number.isFinite)),
      renderPeakRssMb,
      sweepItems: sweep.result.summary.items,
      sweepRendered: counts.rendered,
      sweepOverBudget: counts.overBudget,
      sweepWallMs: sweep.wallMs,
      sweepPeakRssMb,
      maxPages: b.maxPages,
      maxSeconds: b.maxSeconds,
    };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
