import { join } from 'node:path';
import { AnalysisPool } from '../analysis/analysis-pool.ts';
import { attachEvidence } from '../browser/attach-evidence.ts';
import { PageReviewer } from '../browser/page-review.ts';
import { createLinkCheck } from '../checkers/link-check.ts';
import { UrlRecall } from '../checkers/url-recall.ts';
import type { Config } from '../config/load.ts';
import type { RunResult } from '../core/results.ts';
import { localDateString } from '../core/time.ts';
import { createFetcher, WECHAT_ANDROID_USER_AGENT } from '../http/fetcher.ts';
import type { ProxyEnv } from '../http/proxy.ts';
import type { FetchPolicy } from '../http/types.ts';
import type { ApiCache } from '../store/api-cache.ts';
import type { ClickConfirmation, ReportedUpdate, UrlMemory } from '../store/schema.ts';
import { WeChatClient } from '../wechat/client.ts';
import type { AccountCheckDeps } from './check-account.ts';
import { contentDeps } from './content-deps.ts';

/** Menus are small pages; anything past this is not needed to judge a page. */
const maxBodyBytes = 2 * 1024 * 1024;

export function fetchPolicy(config: Config): FetchPolicy {
  const n = config.network;
  return {
    timeoutMs: n.timeoutMs,
    maxRedirects: n.maxRedirects,
    maxBodyBytes,
    userAgent: n.userAgent ?? WECHAT_ANDROID_USER_AGENT,
    allowPrivateAddresses: n.allowPrivateAddresses,
    resolve: n.resolve,
    concurrency: n.concurrency,
    perHostConcurrency: n.perHostConcurrency,
    retries: n.retries,
    retryDelayMs: n.retryDelayMs,
    maxRetryAfterMs: 30_000,
  };
}

export interface SweepDeps extends AccountCheckDeps {
  /** For the office, not the owners: e.g. a dictionary line that did not load. */
  readonly warnings: readonly string[];
  /** Said once the sweep is over: no browser, or pages left over when the render budget ran out. */
  renderNotes(): readonly string[];
  /** How many pages the browser opened and how many the budget left out (the bench reads it). */
  renderCounts(): { readonly rendered: number; readonly overBudget: number };
  /** The sweep's result with screenshots of its failing pages named in their problems (when there is a browser). */
  attachEvidence(result: RunResult): Promise<RunResult>;
  /** What this sweep learnt about each URL it fetched, for the store. */
  learnedUrls(): Record<string, UrlMemory>;
  /** Resolves once the browser, if one ran, has exited. */
  close(): Promise<void>;
}

export interface SweepDepsOptions {
  /** Dates owners reported with 已更新 (the store's). */
  readonly reported?: Readonly<Record<string, ReportedUpdate>>;
  /** Click keys confirmed by hand with 确认 (the store's). */
  readonly confirmations?: Readonly<Record<string, Readonly<Record<string, ClickConfirmation>>>>;
  /** The sweep's clock: run times, and through them every finding's first and last seen. */
  readonly now?: () => Date;
  /** Where HTTP(S)_PROXY / NO_PROXY are read from for the menu's links and the browser; process.env by default. */
  readonly proxyEnv?: ProxyEnv;
  /** A pool that outlives this sweep, so back-to-back sweeps reuse its workers; its owner closes it. Default: one of this sweep's own. */
  readonly analysis?: AnalysisPool;
  /** The data folder: with it, pages that need a browser are rendered (browser config), its profile kept there. */
  readonly dataDir?: string;
  /** `all`: render every page (one account, on request); `none`: never. Default: the pages that need it. */
  readonly render?: RenderMode;
  /** What earlier sweeps learnt about each URL (the store's): unchanged pages are neither downloaded nor analyzed again. */
  readonly urls?: Readonly<Record<string, UrlMemory>>;
  /** The URLs the swept accounts' menus linked last time: the slow ones among them are fetched first. */
  readonly linkedBefore?: readonly string[];
}

export type RenderMode = 'auto' | 'all' | 'none';

function pageReviewer(config: Config, options: SweepDepsOptions): PageReviewer | undefined {
  const b = config.browser;
  if (options.dataDir === undefined || options.render === 'none' || !b.enabled || b.maxPages === 0) return undefined;
  return new PageReviewer({
    executablePath: b.executablePath,
    pageTimeoutMs: b.pageTimeoutMs,
    memoryCapMb: b.memoryCapMb,
    maxPages: b.maxPages,
    maxSeconds: b.maxSeconds,
    allowPrivateAddresses: config.network.allowPrivateAddresses,
    resolve: config.network.resolve,
    userAgent: config.network.userAgent ?? WECHAT_ANDROID_USER_AGENT,
    workDir: join(options.dataDir, 'browser'),
    all: options.render === 'all',
    dataDir: options.dataDir,
    day: localDateString(options.now?.() ?? new Date(), config.timezone),
    proxyEnv: options.proxyEnv ?? process.env,
  });
}

/**
 * One fetcher, link check and page reviewer per sweep (the link check's memo
 * is the "each URL once per sweep" rule), all closed with it; the analysis
 * pool too unless the caller lends a longer-lived one, and the WeChat client
 * keeps its tokens across sweeps.
 */
export function openSweepDeps(
  config: Config,
  apiCache: ApiCache,
  wechat = new WeChatClient({ apiBase: config.wechat.apiBase }),
  options: SweepDepsOptions = {},
): SweepDeps {
  const content = contentDeps(config, options.reported ?? {});
  const analysis = options.analysis ?? new AnalysisPool();
  const fetcher = createFetcher(fetchPolicy(config), { backpressure: analysis.backpressure, ...(options.proxyEnv ? { env: options.proxyEnv } : {}) });
  const reviewer = pageReviewer(config, options);
  const now = options.now ?? (() => new Date());
  const recall = new UrlRecall(options.urls ?? {}, { now, timeoutMs: config.network.timeoutMs });
  const checkLink = createLinkCheck(fetcher, analysis, reviewer, recall);
  checkLink.startEarly(recall.slow(options.linkedBefore ?? []));
  return {
    content: content.deps,
    warnings: content.warnings,
    wechat,
    checkLink,
    probeOpenId: config.wechat.probeOpenId,
    apiCache,
    criticalKeywords: config.checks.criticalKeywords,
    now,
    confirmations: options.confirmations ?? {},
    timeZone: config.timezone,
    renderNotes: () => reviewer?.notes() ?? [],
    renderCounts: () => reviewer?.counts() ?? { rendered: 0, overBudget: 0 },
    attachEvidence: (result) => (reviewer ? attachEvidence(result, reviewer) : Promise.resolve(result)),
    learnedUrls: () => recall.learned(),
    close: async () => {
      fetcher.close();
      if (!options.analysis) analysis.close();
      await reviewer?.close();
    },
  };
}
