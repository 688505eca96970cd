import type { Config } from '../../config/load.ts';
import type { Trigger } from '../../core/results.ts';
import { Store } from '../../store/store.ts';
import { runSweep } from '../../sweep/run-sweep.ts';
import { dirname } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import { pruneEvidence } from '../../store/evidence.ts';
import { openSweepDeps, type RenderMode } from '../../sweep/sweep-deps.ts';
import { exitCodes, type CliIo } from '../io.ts';
import { jsonOutput } from '../json-output.ts';
import { renderSummary } from '../render-summary.ts';
import { selectAccounts } from '../select-accounts.ts';
import { Progress } from '../progress.ts';

export interface CheckOptions {
  readonly accounts: readonly string[];
  readonly json: boolean;
  readonly db: string;
  readonly trigger: Trigger;
  readonly render?: RenderMode;
}

/** Sweep, record, report. Exit 1 when any item failed or any menu could not be read. */
export async function runCheck(config: Config, options: CheckOptions, io: CliIo): Promise<number> {
  const accounts = selectAccounts(config.accounts, options.accounts);
  // Rendering every page costs about a second each: one account's menu, not a county's.
  if (options.render === 'all' && accounts.length !== 1) throw new UsageError('--render all 一次只能用于一个账号，请用 --account 指定');
  const store = await Store.open(options.db);
  for (const warning of config.warnings) io.stderr(`注意：${warning}\n`);
  const progress = new Progress(io, !options.json && io.tty, accounts.filter((a) => a.platform !== 'weibo').length);
  const deps = openSweepDeps(config, store.apiCache(), undefined, { reported: store.reportedUpdates, dataDir: dirname(options.db), render: options.render ?? 'auto' });
  for (const warning of deps.warnings) io.stderr(`注意：${warning}\n`);
  try {
    const result = await deps.attachEvidence(await runSweep(accounts, { ...deps, trigger: options.trigger, onAccount: () => progress.tick() }));
    progress.done();
    for (const note of deps.renderNotes()) io.stderr(`注意：${note}\n`);
    const changes = await store.recordRun(result);
    await pruneEvidence(dirname(options.db), store.runs, store.findings);
    io.stdout(
      options.json ? jsonOutput(result, changes) : renderSummary(result, { color: io.tty, findings: store.findings, changes }),
    );
    return result.summary.fail > 0 || result.summary.errors > 0 ? exitCodes.problemsFound : exitCodes.ok;
  } finally {
    await deps.close();
  }
}
