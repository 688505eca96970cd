import type { Config } from '../../config/load.ts';
import type { Trigger } from '../../core/results.ts';
import { Store } from '../../store/store.ts';
import { UsageError } from '../../core/errors.ts';
import { selectAccounts } from '../../sweep/select-accounts.ts';
import type { RenderMode } from '../../sweep/sweep-deps.ts';
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
  const names = accounts.map((a) => a.name);
  const sweeps = new SweepService({ config, store });
  try {
    const { result, changes, warnings, notes } = await sweeps.sweep(names, options.trigger, { onAccount: () => progress.tick(), render: options.render ?? 'auto' });
    progress.done();
    for (const warning of [...warnings, ...notes]) io.stderr(`注意：${warning}\n`);
    io.stdout(options.json ? jsonOutput(result, changes) : renderSummary(result, { color: io.tty, findings: store.findings, changes, timeZone: config.timezone }));
    return result.summary.fail > 0 || result.summary.errors > 0 ? exitCodes.problemsFound : exitCodes.ok;
  } finally {
    sweeps.close();
  }
}
