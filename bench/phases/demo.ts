/**
 * The demo's sweep (31 accounts of the sandbox, one host that never answers),
 * timed from the first menu read to the last verdict, as `menu-patrol demo` runs it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { writeDemoConfig } from '../../sandbox/demo-config.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { Store } from '../../store/store.ts';
import { runSweep } from '../../sweep/run-sweep.ts';
import { openSweepDeps } from '../../sweep/sweep-deps.ts';
import { measure, peakRssMb } from './common.ts';

export interface DemoResult {
  readonly wallMs: number;
  readonly timeoutMs: number;
  readonly items: number;
  /** The demo's process at its peak: the sweep, and the sandbox it sweeps (servers on loopback), as `npm start` runs them. */
  readonly peakRssMb: number;
}

export async function demoSweep(): Promise<DemoResult> {
  const sandbox = await startSandbox();
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-bench-demo-'));
  try {
    const { configPath, env } = await writeDemoConfig(sandbox, dir);
    const config = await loadConfig(configPath, { ...process.env, ...env });
    const store = await Store.open(join(dir, 'menu-patrol.json'));
    const deps = openSweepDeps(config, store.apiCache());
    const run = await measure(() => runSweep(config.accounts, { ...deps, trigger: 'demo' }));
    deps.close();
    return { wallMs: run.wallMs, timeoutMs: config.network.timeoutMs, items: run.result.summary.items, peakRssMb: peakRssMb() };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
