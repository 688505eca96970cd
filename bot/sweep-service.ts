import { AnalysisPool } from '../analysis/analysis-pool.ts';
import type { Config } from '../config/load.ts';
import type { FindingChanges } from '../core/findings.ts';
import type { RunResult, Trigger } from '../core/results.ts';
import type { Store } from '../store/store.ts';
import { runSweep } from '../sweep/run-sweep.ts';
import { openSweepDeps } from '../sweep/sweep-deps.ts';
import { WeChatClient } from '../wechat/client.ts';

export interface Swept {
  readonly result: RunResult;
  readonly changes: FindingChanges;
  /** What the office should fix in its settings (a dictionary line that did not load…); the sweep ran regardless. */
  readonly warnings: readonly string[];
}

/**
 * Sweeps for the bot and the schedules. Never two at once: a request for
 * accounts the running sweep already covers joins it, anything else waits its
 * turn. Tokens are cached across sweeps by one WeChat client, and page
 * analysis workers by one pool: it needs no closing, since idle workers stop
 * by themselves and never hold the process open.
 */
export class SweepService {
  readonly #wechat: WeChatClient;
  readonly #analysis = new AnalysisPool();
  /** The running sweep first, then the queued ones, in order. */
  #planned: { names: ReadonlySet<string>; promise: Promise<Swept> }[] = [];
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: Config,
    private readonly store: Store,
    private readonly onSwept: (swept: Swept) => Promise<void> = async () => {},
  ) {
    this.#wechat = new WeChatClient({ apiBase: config.wechat.apiBase });
  }

  /** The names being swept right now, if any. */
  get running(): ReadonlySet<string> | undefined {
    return this.#planned[0]?.names;
  }

  sweep(names: readonly string[], trigger: Trigger): Promise<Swept> {
    const covering = this.#planned.find((p) => names.every((n) => p.names.has(n)));
    if (covering) return covering.promise;
    // Leave the plan before anyone awaiting the result resumes, so a follow-up request starts a fresh sweep.
    const promise: Promise<Swept> = this.#tail.then(() => this.#run(names, trigger)).finally(() => this.#planned.splice(this.#planned.indexOf(entry), 1));
    const entry = { names: new Set(names), promise };
    this.#planned.push(entry);
    this.#tail = promise.catch(() => undefined);
    return promise;
  }

  async #run(names: readonly string[], trigger: Trigger): Promise<Swept> {
    const accounts = this.config.accounts.filter((a) => names.includes(a.name));
    const deps = openSweepDeps(this.config, this.store.apiCache(), this.#wechat, { reported: this.store.reportedUpdates, analysis: this.#analysis });
    try {
      const result = await runSweep(accounts, { ...deps, trigger });
      const changes = await this.store.recordRun(result);
      const swept = { result, changes, warnings: deps.warnings };
      await this.onSwept(swept);
      return swept;
    } finally {
      deps.close();
    }
  }
}
