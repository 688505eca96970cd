import type { PageAnalyzer } from '../analysis/analysis-pool.ts';
import { skipped, verdictOf, type Verdict } from '../core/results.ts';
import type { FetchOutcome } from '../http/types.ts';
import { classifyFetch, type SiteOutcome } from './classify-fetch.ts';
import { proxyRefusedNote } from './fetch-failure-text.ts';
import type { LinkCheck } from './types.ts';

export interface UrlFetcher {
  fetch(url: string): Promise<FetchOutcome>;
}

/** A URL's verdict for any account's domains. */
type Judge = (domains: readonly string[]) => Verdict;

/**
 * One link check per sweep: each distinct URL is fetched and its page analyzed
 * once, then judged per set of account domains (the only account-specific
 * input), so 31 accounts linking the same portal cost one request and one
 * parse. Only the classification is kept, never the body: a province's sweep
 * fetches gigabytes of pages.
 */
export function createLinkCheck(fetcher: UrlFetcher, analyzer: PageAnalyzer): LinkCheck {
  const classified = new Map<string, Promise<Judge>>();
  const verdicts = new Map<string, Promise<Verdict>>();
  const classify = (url: string): Promise<Judge> => {
    let judge = classified.get(url);
    if (!judge) {
      judge = fetcher.fetch(url).then((outcome) => judgeOutcome(outcome, analyzer));
      classified.set(url, judge);
    }
    return judge;
  };
  return (url, account) => {
    const key = `${url}\n${account.domains.join(',')}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = classify(url).then((judge) => judge(account.domains));
      verdicts.set(key, verdict);
    }
    return verdict;
  };
}

/** The office's proxy said no: the link was not checked, which is not the same as broken. */
async function judgeOutcome(outcome: FetchOutcome, analyzer: PageAnalyzer): Promise<Judge> {
  if (!outcome.ok && outcome.error === 'proxy-refused') {
    const note = skipped(proxyRefusedNote(outcome));
    return () => note;
  }
  const problems = await classifyFetch(outcome as SiteOutcome, analyzer);
  return (domains) => verdictOf(problems(domains));
}
