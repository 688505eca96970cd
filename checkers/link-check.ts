import type { PageAnalyzer } from '../analysis/analysis-pool.ts';
import type { NotRendered, PageReviewer } from '../browser/page-review.ts';
import type { Problem } from '../core/problems.ts';
import { skipped, verdictOf, type Verdict } from '../core/results.ts';
import type { FetchOptions, FetchOutcome } from '../http/types.ts';
import { classifyFetch, type FetchProblems, type SiteOutcome } from './classify-fetch.ts';
import { proxyRefusedNote } from './fetch-failure-text.ts';
import type { LinkCheck } from './types.ts';
import type { UrlRecall } from './url-recall.ts';

const notRenderedNote = {
  budget: '这个网页的内容靠脚本显示，本次巡检的浏览器检查额度已用完，没有用浏览器确认市民看到的内容',
  unavailable: '这个网页的内容靠脚本显示，本次巡检没有可用的浏览器，没有确认市民看到的内容',
  failed: '这个网页的内容靠脚本显示，本次巡检用浏览器打开时出错，没有确认市民看到的内容',
  proxy: '这个网页的内容靠脚本显示，单位的代理拒绝了浏览器的部分请求，没有用浏览器确认市民看到的内容',
} as const satisfies Record<NotRendered, string>;

/**
 * Pages whose delivered HTML cannot tell the whole story (script shells,
 * foreign scripts, inline title/location changes) and, with `--render all`,
 * every page, are also opened in the browser and judged as rendered; a page
 * the delivered HTML already fails keeps that verdict. The screenshot of one
 * found wanting is then named by every problem of the item. (Other failing
 * pages are photographed after the sweep: see browser/attach-evidence.ts.)
 */
async function withRendering(reviewer: PageReviewer, url: string, problems: FetchProblems, domains: readonly string[]): Promise<Verdict> {
  const delivered = problems(domains);
  if (!problems.hasPage || (!reviewer.all && problems.renderReasons.length === 0)) return verdictOf(delivered);
  const review = await reviewer.review(url, 'judge');
  if (!review.rendered) return problems.renderReasons.includes('script-shell') ? verdictOf(delivered, notRenderedNote[review.reason]) : verdictOf(delivered);
  const seen = new Set(delivered.map((p) => p.code));
  const rendered: Problem[] = delivered.some((p) => p.severity === 'fail') ? [] : review.problems(domains).filter((p) => !seen.has(p.code));
  const all = [...delivered, ...rendered];
  const screenshot = all.length > 0 ? await reviewer.screenshot(url) : undefined;
  return verdictOf(screenshot ? all.map((p) => ({ ...p, evidence: { ...p.evidence, screenshot } })) : all);
}

export interface UrlFetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchOutcome>;
}

/** A sweep's link check, which can be told to begin with some URLs before any item asks for them. */
export type SweepLinkCheck = LinkCheck & {
  /** Fetches and analyzes these now (the slow ones of last time: their waits then overlap everything else). */
  startEarly(urls: readonly string[]): void;
};

/** What one fetch says, for any account: the office's proxy refused (not checked), or the site's problems. */
type Classified = { readonly notChecked: Verdict } | { readonly problems: FetchProblems };

/**
 * One link check per sweep: each distinct URL is fetched and its page analyzed
 * once, then judged per set of account domains (the only account-specific
 * input), so 31 accounts linking the same portal cost one request and one
 * parse. Only the classification is kept, never the body: a province's sweep
 * fetches gigabytes of pages. With a recall, what earlier sweeps learnt spares
 * requests and analyses where it still holds (see url-recall.ts).
 */
export function createLinkCheck(fetcher: UrlFetcher, analyzer: PageAnalyzer, reviewer?: PageReviewer, recall?: UrlRecall): SweepLinkCheck {
  const classified = new Map<string, Promise<Classified>>();
  const verdicts = new Map<string, Promise<Verdict>>();
  const classify = (url: string): Promise<Classified> => {
    let found = classified.get(url);
    if (!found) {
      found = fetcher.fetch(url, recall?.request(url)).then((outcome) =>
        recall ? classifyOutcome(recall.recalled(url, outcome), recall.analyzer(url, analyzer)) : classifyOutcome(outcome, analyzer),
      );
      classified.set(url, found);
    }
    return found;
  };
  const judge = (url: string, found: Classified, domains: readonly string[]): Verdict | Promise<Verdict> => {
    if ('notChecked' in found) return found.notChecked;
    return reviewer ? withRendering(reviewer, url, found.problems, domains) : verdictOf(found.problems(domains));
  };
  const check: LinkCheck = (url, account) => {
    const key = `${url}\n${account.domains.join(',')}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = classify(url)
        .then((found) => judge(url, found, account.domains))
        .then((judged) => {
          recall?.judged(url, judged.status);
          return judged;
        });
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  return Object.assign(check, {
    startEarly(urls: readonly string[]) {
      // A URL no menu links any more is fetched for nothing, and nobody awaits it: its failure must not go unhandled.
      for (const url of urls) classify(url).catch(() => undefined);
    },
  });
}

/** The office's proxy said no: the link was not checked, which is not the same as broken. */
async function classifyOutcome(outcome: FetchOutcome, analyzer: PageAnalyzer): Promise<Classified> {
  if (!outcome.ok && outcome.error === 'proxy-refused') return { notChecked: skipped(proxyRefusedNote(outcome)) };
  return { problems: await classifyFetch(outcome as SiteOutcome, analyzer) };
}
