import { dirname } from 'node:path';
import { AnalysisPool } from '../analysis/analysis-pool.ts';
import type { Config } from '../config/load.ts';
import type { FindingChanges } from '../core/findings.ts';
import type { ItemResult, RunResult, ScheduledRun, Trigger } from '../core/results.ts';
import type { ProxyEnv } from '../http/proxy.ts';
import { pruneEvidence } from '../store/evidence.ts';
import type { Store } from '../store/store.ts';
import { WeChatClient } from '../wechat/client.ts';
import { runSweep } from './run-sweep.ts';
import { openSweepDeps, type RenderMode } from './sweep-deps.ts';

export interface Swept {
  readonly result: RunResult;
  readonly changes: FindingChanges;
  /** What the office should fix in its settings (a dictionary line that did not load…); the sweep ran regardless. */
  readonly warnings: readonly string[];
  /** What this sweep could not do (no browser, the render budget spent): said once, to the office. */
  readonly notes: readonly string[];
}

export interface SweepServiceDeps {
  readonly config: Config;
  readonly store: Store;
  /** The sweeps' clock: run times, findings' first/last seen, the API cache's age. */
  readonly now?: () => Date;
  /** Where HTTP(S)_PROXY / NO_PROXY are read from for the menu's links; process.env by default. */
  readonly proxyEnv?: ProxyEnv;
  /** After each recorded sweep (the bot tells owners); awaited before the sweep's promise settles. */
  readonly onSwept?: (swept: Swept) => Promise<void>;
}

interface Planned {
  readonly names: ReadonlySet<string>;
  readonly promise: Promise<Swept>;
  /** Every item has its verdict: what is left (recording, telling owners) sees nothing new. */
  checked: boolean;
}

export interface SweepHooks {
  /** Each account as it finishes (a progress bar). Not called for a request that joined a running sweep. */
  readonly onAccount?: (name: string, items: readonly ItemResult[]) => void;
  /** Which pages the browser opens: `all` for one account on request; default: those that need it. */
  readonly render?: RenderMode;
  /** A scheduled sweep's jobs, recorded with the run. */
  readonly schedule?: ScheduledRun;
}

/**
 * The sweep use case — sweep the named accounts, record the run, work out what
 * changed — for the CLI, the bot and the schedules alike. Never two at once: a
 * request for accounts the running or a queued sweep covers joins it, anything
 * else waits its turn. Tokens are cached across sweeps by one WeChat client,
 * page-analysis workers by one pool.
 */
export class SweepService {
  readonly #deps: SweepServiceDeps;
  readonly #now: () => Date;
  readonly #wechat: WeChatClient;
  /** Kept across sweeps like the WeChat client, so back-to-back sweeps reuse warm workers. */
  readonly #analysis = new AnalysisPool();
  /** The running sweep first, then the queued ones, in order. */
  #planned: Planned[] = [];
  #tail: Promise<unknown> = Promise.resolve();

  constructor(deps: SweepServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
    this.#wechat = new WeChatClient({ apiBase: deps.config.wechat.apiBase });
  }

  /** The names being swept right now, if any. */
  get running(): ReadonlySet<string> | undefined {
    return this.#planned[0]?.names;
  }

  sweep(names: readonly string[], trigger: Trigger, hooks: SweepHooks = {}): Promise<Swept> {
    // A sweep whose pages are all fetched already (it is recording or telling owners) is no answer to a new request:
    // an owner who says 已整改 while the notices of the last sweep still go out gets a fresh look.
    const covering = this.#planned.find((p) => !p.checked && names.every((n) => p.names.has(n)));
    if (covering) return covering.promise;
    // Leave the plan before anyone awaiting the result resumes, so a follow-up request starts a fresh sweep.
    const promise: Promise<Swept> = this.#tail
      .then(() => this.#run(entry, trigger, hooks))
      .finally(() => this.#planned.splice(this.#planned.indexOf(entry), 1));
    const entry: Planned = { names: new Set(names), promise, checked: false };
    this.#planned.push(entry);
    this.#tail = promise.catch(() => undefined);
    return promise;
  }

  /** Stops the page-analysis workers kept across sweeps. */
  close(): void {
    this.#analysis.close();
  }

  async #run(entry: Planned, trigger: Trigger, hooks: SweepHooks): Promise<Swept> {
    const { config, store } = this.#deps;
    const accounts = config.accounts.filter((a) => entry.names.has(a.name));
    const now = this.#now;
    const dataDir = dirname(store.file);
    const deps = openSweepDeps(config, store.apiCache(now), this.#wechat, {
      reported: store.reportedUpdates,
      confirmations: store.confirmations,
      now,
      analysis: this.#analysis,
      ...(this.#deps.proxyEnv ? { proxyEnv: this.#deps.proxyEnv } : {}),
      dataDir,
      render: hooks.render ?? 'auto',
      urls: store.urls,
      linkedBefore: accounts.flatMap((a) => store.snapshots[a.name]?.items.flatMap((i) => (i.target ? [i.target] : [])) ?? []),
    });
    try {
      const result = await deps.attachEvidence(await runSweep(accounts, { ...deps, trigger, onAccount: hooks.onAccount, ...(hooks.schedule ? { schedule: hooks.schedule } : {}) }));
      entry.checked = true;
      const changes = await store.recordRun(result, deps.learnedUrls());
      await pruneEvidence(dataDir, store.runs, store.findings);
      const swept = { result, changes, warnings: deps.warnings, notes: deps.renderNotes() };
      await this.#deps.onSwept?.(swept);
      return swept;
    } finally {
      await deps.close();
    }
  }
}
