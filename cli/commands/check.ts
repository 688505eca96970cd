import type { Config } from '../../config/load.ts';
import type { Trigger } from '../../core/results.ts';
import { Store } from '../../store/store.ts';
import { selectAccounts } from '../../sweep/select-accounts.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import { exitCodes, type CliIo } from '../io.ts';
import { jsonOutput } from '../json-output.ts';
import { Progress } from '../progress.ts';
import { renderSummary } from '../render-summary.ts';

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
  const names = accounts.map((a) => a.name);
  const { result, changes, warnings } = await new SweepService({ config, store }).sweep(names, options.trigger, { onAccount: () => progress.tick() });
  progress.done();
  for (const warning of warnings) io.stderr(`注意：${warning}\n`);
  io.stdout(options.json ? jsonOutput(result, changes) : renderSummary(result, { color: io.tty, findings: store.findings, changes, timeZone: config.timezone }));
  return result.summary.fail > 0 || result.summary.errors > 0 ? exitCodes.problemsFound : exitCodes.ok;
}
