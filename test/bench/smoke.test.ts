/**
 * The benchmark harness at ~500 items, so it does not rot between the runs
 * nobody makes in CI. It checks that every phase ran and reported figures that
 * make sense together, never how fast they were: the machine is shared.
 */
import test from 'ava';
import { smokeScale } from '../../bench/farm/model.ts';
import { allPhases, runBench } from '../../bench/run.ts';

test('the benchmark runs end to end at smoke scale and reports sane figures', async (t) => {
  // Every phase in a process of its own, the repeat phase three sweeps: minutes on a loaded 2-core machine.
  t.timeout(240_000);
  // The demo phase sweeps the sandbox with its own 4 s timeout; test/cli covers the demo.
  // The 15 s phases are the polite and unrestricted ones at another timeout: their hangs would only make the suite wait.
  const phases = allPhases.filter((p) => p !== 'demo' && p !== 'polite15' && p !== 'unrestricted15');
  const report = await runBench({ scale: smokeScale, timeoutMs: 1000, runs: 1, storeRuns: 3, phases, log: () => {} });
  const [run] = report.runs;
  const items = smokeScale.accounts * smokeScale.itemsPerAccount;

  t.is(run?.config?.accounts, smokeScale.accounts);
  t.is(run?.polite?.items, items);
  t.true((run?.polite?.wallMs ?? 0) > 0 && (run?.polite?.lowerBoundMs ?? 0) > 0);
  t.true((run?.polite?.cpuS ?? 0) > 0 && (run?.polite?.peakRssMb ?? 0) > 0);
  t.is(run?.polite?.farm.unknown, 0, 'the farm served only URLs of its model');
  t.true((run?.polite?.farm.peakPerHost ?? 0) <= 2, 'the polite sweep kept to 2 requests per host');
  t.true((run?.polite?.storeBytesAfterRuns ?? 0) > (run?.polite?.storeBytes ?? 0));
  t.true((run?.polite?.peakRssAfterRunsMb ?? 0) >= (run?.polite?.peakRssMb ?? Infinity));

  const unique = run?.unrestricted?.links ?? 0;
  t.true(unique > 0 && unique < items, 'repeated URLs are checked once');
  t.is(run?.linkinator?.links, unique, 'linkinator checked the same list');
  t.is(run?.linkinator?.farm.unknown, 0);
  t.true((run?.analysis?.pages ?? 0) > 0 && (run?.analysis?.parseMs ?? 0) > 0);
  t.is(run?.repeat?.links, unique);
  t.true((run?.repeat?.changed.pagesChanged ?? 0) > 0, 'the farm edited some pages');
  t.is(run?.repeat?.farm.unknown, 0);

  // The browser: pages rendered for their cost, and the failing pages of the sweep photographed within the budget.
  t.true((run?.render?.pages ?? 0) > 0 && (run?.render?.medianPageMs ?? 0) > 0);
  t.true((run?.render?.renderPeakRssMb ?? 0) > (run?.polite?.peakRssMb ?? Infinity) / 2, 'Chromium counted in the peak');
  t.is(run?.render?.sweepItems, items);
  t.true((run?.render?.sweepRendered ?? 0) > 0 && (run?.render?.sweepRendered ?? 0) <= (run?.render?.maxPages ?? 0));
  t.true((run?.render?.sweepOverBudget ?? 0) > 0, 'the small budget left failing pages over, and they were counted');

  const measures = report.rows.map((r) => r.measure);
  for (const target of ['polite sweep: wall / lower bound', 'polite sweep: peak RSS', 'store: size after the recorded sweeps (30 at full scale)', 'unique list: ours / linkinator', 'repeat: unchanged farm, speed-up over the first sweep', 'repeat: verdicts ≠ first sweep (both repeats)']) {
    t.true(measures.includes(target), target);
  }
  t.true(report.rows.every((r) => Number.isFinite(r.median)));
});
