/**
 * What fetching a URL the way WeChat's in-app browser would tells us. Fetching
 * never throws for a broken link: every network outcome is a value.
 */

export interface FetchPolicy {
  /** Whole-request budget (ms), counted from when the request leaves its queue. */
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /** Bytes of body kept; the rest is not read. */
  readonly maxBodyBytes: number;
  readonly userAgent: string;
  /** false: refuse loopback, private, link-local, CGNAT and metadata addresses (checked on the connected address). */
  readonly allowPrivateAddresses: boolean;
  /** Fixed host → IP answers, like curl --resolve (split-horizon DNS, the sandbox). */
  readonly resolve: Readonly<Record<string, string>>;
  readonly concurrency: number;
  readonly perHostConcurrency: number;
  /** Extra attempts for transient failures (timeout, reset, 5xx, 429) before they count. */
  readonly retries: number;
  /** First back-off before a retry (ms); doubles; Retry-After is honoured up to maxRetryAfterMs. */
  readonly retryDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export interface Hop {
  readonly url: string;
  readonly status: number;
  readonly location?: string;
}

export interface TlsInfo {
  readonly validTo: string;
  readonly daysLeft: number;
  readonly issuer: string;
}

export type FetchErrorCode =
  | 'invalid-url'
  | 'dns-failure'
  | 'connect-failure'
  | 'timeout'
  | 'tls-invalid'
  | 'private-address'
  | 'redirect-loop'
  | 'too-many-redirects'
  /** The proxy menu-patrol goes out through said no (407: it wants credentials; 403: its policy) or cannot be reached: nothing is known of the site. */
  | 'proxy-refused';

interface FetchBase {
  readonly url: string;
  /** Last URL requested (after redirects). */
  readonly finalUrl: string;
  readonly chain: readonly Hop[];
  readonly elapsedMs: number;
  /** How many attempts were made (1 = no retry). */
  readonly attempts: number;
}

export interface FetchResponse extends FetchBase {
  readonly ok: true;
  readonly status: number;
  /** The final hop carried the caller's validators: only then does a 304 mean "unchanged since then". */
  readonly conditional?: true;
  /** Lower-cased header names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Decompressed body, at most maxBodyBytes. */
  readonly body: Buffer;
  readonly truncated: boolean;
  readonly remoteAddress?: string;
  readonly tls?: TlsInfo;
}

export interface FetchFailure extends FetchBase {
  readonly ok: false;
  readonly error: FetchErrorCode;
  /** Technical detail for evidence (e.g. "ECONNREFUSED 127.0.0.1:9", "certificate has expired"). */
  readonly detail: string;
}

export type FetchOutcome = FetchResponse | FetchFailure;

/** What a server said identifies the version of a page it sent (RFC 9110 §8.8), and which URL said it. */
export interface Validators {
  /** The URL that answered with them (a redirect's target): they are sent to this URL only. */
  readonly url: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

/** How to fetch one URL, from what an earlier sweep learnt about it. */
export interface FetchOptions {
  /** Ask "changed since?" (If-None-Match / If-Modified-Since) of the hop at validators.url. */
  readonly revalidate?: Validators;
  /** false: a timeout is not asked again at once (the URL hung sweep after sweep; confirming costs a whole timeout). Default true. */
  readonly confirmTimeout?: boolean;
}

/**
 * Something after the fetcher that can fall behind (page analysis). While it
 * is full, the fetcher starts no new request, so fetched bodies do not pile up
 * in memory waiting for it; requests already in flight finish.
 */
export interface Backpressure {
  full(): boolean;
  /** Calls `resume` once, as soon as it is no longer full. */
  onRoom(resume: () => void): void;
}
