import type { PageAnalyzer } from '../analysis/analysis-pool.ts';
import { verdictOf, type Verdict } from '../core/results.ts';
import type { FetchOutcome } from '../http/types.ts';
import { classifyFetch, type FetchProblems } from './classify-fetch.ts';
import type { LinkCheck } from './types.ts';

export interface UrlFetcher {
  fetch(url: string): Promise<FetchOutcome>;
}

/**
 * One link check per sweep: each distinct URL is fetched and its page analyzed
 * once, then judged per set of account domains (the only account-specific
 * input), so 31 accounts linking the same portal cost one request and one
 * parse. Only the classification is kept, never the body: a province's sweep
 * fetches gigabytes of pages.
 */
export function createLinkCheck(fetcher: UrlFetcher, analyzer: PageAnalyzer): LinkCheck {
  const classified = new Map<string, Promise<FetchProblems>>();
  const verdicts = new Map<string, Promise<Verdict>>();
  const classify = (url: string): Promise<FetchProblems> => {
    let problems = classified.get(url);
    if (!problems) {
      problems = fetcher.fetch(url).then((outcome) => classifyFetch(outcome, analyzer));
      classified.set(url, problems);
    }
    return problems;
  };
  return (url, account) => {
    const key = `${url}\n${account.domains.join(',')}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = classify(url).then((problems) => verdictOf(problems(account.domains)));
      verdicts.set(key, verdict);
    }
    return verdict;
  };
}
