/**
 * The sweep as `menu-patrol check` runs it, with the default politeness, and
 * its store: one recorded run, then the same run recorded again until the
 * store holds `storeRuns` sweeps, to see retention keep the file bounded.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../../core/results.ts';
import { Store } from '../../store/store.ts';
import { runSweep } from '../../sweep/run-sweep.ts';
import { openSweepDeps } from '../../sweep/sweep-deps.ts';
import { isBroken, lowerBoundMs } from '../farm/model.ts';
import { loadBenchConfig, measure, peakRssMb, phaseWorld, politeLimits, type PhaseRequest, type PhaseWorld } from './common.ts';

export interface PoliteResult {
  readonly items: number;
  readonly wallMs: number;
  readonly lowerBoundMs: number;
  /** The bound when every hang is confirmed by a second whole timeout, as a first sweep confirms them. */
  readonly confirmedBoundMs: number;
  readonly cpuS: number;
  readonly peakRssMb: number;
  /** Items whose verdict is not fail exactly when the farm breaks their URL: 0 when every verdict is right. */
  readonly verdictMismatches: number;
  readonly storeBytes: number;
  readonly storeWriteMs: number;
  /** After `storeRuns` recorded sweeps; null when not measured. */
  readonly storeBytesAfterRuns: number | null;
  /** Peak RSS once those sweeps are recorded: each write of the grown store, as an office's daily sweep makes it; null when not measured. */
  readonly peakRssAfterRunsMb: number | null;
}

/** Items judged otherwise than the farm's truth; the first few are logged, to be looked into. */
function mismatches(result: RunResult, world: PhaseWorld): number {
  const specs = new Map(world.urls.map((url, i) => [url, world.model.urls[i]!]));
  const wrong = result.accounts
    .flatMap((a) => a.items)
    .filter((item) => {
      const spec = specs.get(item.target ?? '');
      return spec === undefined || (item.status === 'fail') !== isBroken(spec);
    });
  for (const item of wrong.slice(0, 5)) {
    const spec = specs.get(item.target ?? '');
    console.error(`  verdict ≠ farm: ${item.target} (${spec?.fate}, ${spec?.serviceMs.join('+')} ms): ${item.status} ${JSON.stringify(item.problems.map((p) => p.message))}`);
  }
  return wrong.length;
}

/** The same sweep, a day later. */
function again(result: RunResult, day: number): RunResult {
  const shift = (iso: string) => new Date(Date.parse(iso) + day * 86_400_000).toISOString();
  return { ...result, run: { ...result.run, id: randomUUID(), startedAt: shift(result.run.startedAt), finishedAt: shift(result.run.finishedAt) } };
}

export async function politeSweep(request: PhaseRequest): Promise<PoliteResult> {
  const world = phaseWorld(request);
  const limits = { ...politeLimits, timeoutMs: request.timeoutMs };
  const config = await loadBenchConfig(request);
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-bench-'));
  try {
    const file = join(dir, 'menu-patrol.json');
    const store = await Store.open(file);
    const deps = openSweepDeps(config, store.apiCache());
    const sweep = await measure(() => runSweep(config.accounts, { ...deps, trigger: 'cli' }));
    deps.close();
    // With what the sweep learnt about each URL, as the sweep service records it: the store's size includes that memory.
    const write = await measure(() => store.recordRun(sweep.result, deps.learnedUrls()));
    const rss = peakRssMb();
    const storeBytes = (await stat(file)).size;
    for (let day = 1; day < request.storeRuns; day++) await store.recordRun(again(sweep.result, day));
    return {
      items: sweep.result.summary.items,
      wallMs: sweep.wallMs,
      lowerBoundMs: lowerBoundMs(world.model, limits),
      confirmedBoundMs: lowerBoundMs(world.model, limits, 2),
      cpuS: sweep.cpuS + write.cpuS,
      peakRssMb: rss,
      verdictMismatches: mismatches(sweep.result, world),
      storeBytes,
      storeWriteMs: write.wallMs,
      storeBytesAfterRuns: request.storeRuns > 1 ? (await stat(file)).size : null,
      peakRssAfterRunsMb: request.storeRuns > 1 ? peakRssMb() : null,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
