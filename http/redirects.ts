import type { Hop } from './types.ts';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export type RedirectStep =
  | { readonly next: URL }
  | { readonly error: 'redirect-loop' | 'too-many-redirects' | 'invalid-url'; readonly detail: string };

export const isWebUrl = (url: URL): boolean => url.protocol === 'http:' || url.protocol === 'https:';

/** The fragment never reaches the server, so /a#x and /a#y are the same request. */
const requestKey = (url: URL): string => url.href.replace(/#.*$/, '');

/**
 * The hops of one attempt. A loop is caught the moment a Location points at a
 * URL already requested, before requesting it again, instead of spending
 * maxRedirects requests to find out.
 */
export class RedirectTrail {
  readonly #hops: Hop[] = [];
  readonly #seen: Set<string>;
  readonly #maxRedirects: number;

  constructor(start: URL, maxRedirects: number) {
    this.#seen = new Set([requestKey(start)]);
    this.#maxRedirects = maxRedirects;
  }

  get chain(): readonly Hop[] {
    return this.#hops;
  }

  /** Records the response that ended the chain. */
  end(url: URL, status: number): void {
    this.#hops.push({ url: url.href, status });
  }

  /** Records a redirect and decides whether to follow it. */
  follow(url: URL, status: number, rawLocation: string): RedirectStep {
    // Node hands header values over as latin1; servers mean UTF-8 (as browsers assume).
    const location = Buffer.from(rawLocation, 'latin1').toString('utf8');
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      this.#hops.push({ url: url.href, status, location });
      return { error: 'invalid-url', detail: `HTTP ${status} to an unparseable Location: ${location}` };
    }
    this.#hops.push({ url: url.href, status, location: next.href });
    if (!isWebUrl(next)) {
      return { error: 'invalid-url', detail: `HTTP ${status} to a non-web address: ${next.href}` };
    }
    if (this.#seen.has(requestKey(next))) {
      return { error: 'redirect-loop', detail: `${url.href} redirects back to ${next.href} after ${this.#hops.length} hop(s)` };
    }
    if (this.#hops.length > this.#maxRedirects) {
      return { error: 'too-many-redirects', detail: `more than ${this.#maxRedirects} redirects; stopped at ${url.href}` };
    }
    this.#seen.add(requestKey(next));
    return { next };
  }
}
