import { verdictOf, type Verdict } from '../core/results.ts';
import type { FetchOutcome } from '../http/types.ts';
import { classifyFetch } from './classify-fetch.ts';
import type { LinkCheck } from './types.ts';

export interface UrlFetcher {
  fetch(url: string): Promise<FetchOutcome>;
}

/**
 * One link check per sweep: the fetcher fetches each distinct URL once, and
 * the verdict is cached per URL and set of account domains (the only
 * account-specific input), so 31 accounts linking the same portal cost one request.
 */
export function createLinkCheck(fetcher: UrlFetcher): LinkCheck {
  const verdicts = new Map<string, Promise<Verdict>>();
  return (url, account) => {
    const key = `${url}\n${account.domains.join(',')}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = fetcher.fetch(url).then((outcome) => verdictOf(classifyFetch(outcome, account.domains)));
      verdicts.set(key, verdict);
    }
    return verdict;
  };
}
