import type { Config } from '../../config/load.ts';
import type { Trigger } from '../../core/results.ts';
import { Store } from '../../store/store.ts';
import { runSweep } from '../../sweep/run-sweep.ts';
import { openSweepDeps } from '../../sweep/sweep-deps.ts';
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
}

/** Sweep, record, report. Exit 1 when any item failed or any menu could not be read. */
export async function runCheck(config: Config, options: CheckOptions, io: CliIo): Promise<number> {
  const accounts = selectAccounts(config.accounts, options.accounts);
  const store = await Store.open(options.db);
  for (const warning of config.warnings) io.stderr(`注意：${warning}\n`);
  const progress = new Progress(io, !options.json && io.tty, accounts.filter((a) => a.platform !== 'weibo').length);
  const deps = openSweepDeps(config, store.apiCache(), undefined, { reported: store.reportedUpdates });
  for (const warning of deps.warnings) io.stderr(`注意：${warning}\n`);
  try {
    const result = await runSweep(accounts, { ...deps, trigger: options.trigger, onAccount: () => progress.tick() });
    progress.done();
    const changes = await store.recordRun(result);
    io.stdout(
      options.json ? jsonOutput(result, changes) : renderSummary(result, { color: io.tty, findings: store.findings, changes, timeZone: config.timezone }),
    );
    return result.summary.fail > 0 || result.summary.errors > 0 ? exitCodes.problemsFound : exitCodes.ok;
  } finally {
    deps.close();
  }
}
