import { AnalysisPool } from '../analysis/analysis-pool.ts';
import type { ApiCache } from '../checkers/api-cache.ts';
import { createLinkCheck } from '../checkers/link-check.ts';
import type { Config } from '../config/load.ts';
import { createFetcher, WECHAT_ANDROID_USER_AGENT } from '../http/fetcher.ts';
import type { FetchPolicy } from '../http/types.ts';
import { WeChatClient } from '../wechat/client.ts';
import type { ReportedUpdate } from '../content/freshness.ts';
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
  close(): void;
}

export interface SweepDepsOptions {
  /** Dates owners reported with 已更新 (the store's). */
  readonly reported?: Readonly<Record<string, ReportedUpdate>>;
  /** A pool that outlives this sweep, so back-to-back sweeps reuse its workers; its owner closes it. Default: one of this sweep's own. */
  readonly analysis?: AnalysisPool;
}

/**
 * One fetcher and link check per sweep (the link check's memo is the "each
 * URL once per sweep" rule), closed with it, and an analysis pool unless the
 * caller lends one; the WeChat client keeps its tokens across sweeps.
 */
export function openSweepDeps(
  config: Config,
  apiCache: ApiCache,
  wechat = new WeChatClient({ apiBase: config.wechat.apiBase }),
  options: SweepDepsOptions = {},
): SweepDeps {
  const content = contentDeps(config, options.reported ?? {});
  const analysis = options.analysis ?? new AnalysisPool();
  const fetcher = createFetcher(fetchPolicy(config), { backpressure: analysis.backpressure });
  return {
    content: content.deps,
    warnings: content.warnings,
    wechat,
    checkLink: createLinkCheck(fetcher, analysis),
    probeOpenId: config.wechat.probeOpenId,
    apiCache,
    criticalKeywords: config.checks.criticalKeywords,
    now: () => new Date(),
    close: () => {
      fetcher.close();
      if (!options.analysis) analysis.close();
    },
  };
}
