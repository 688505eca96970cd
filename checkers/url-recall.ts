import { createHash } from 'node:crypto';
import type { PageAnalyzer } from '../analysis/analysis-pool.ts';
import { analysisVersion, type FetchedPage, type PageFindings } from '../analysis/page-findings.ts';
import type { ItemStatus } from '../core/results.ts';
import type { FetchOptions, FetchOutcome } from '../http/types.ts';
import type { PageMemory, UrlMemory } from '../store/schema.ts';

/**
 * A page last read in full this long ago is read in full again whatever its
 * validators say, so a server whose ETag outlives a change (a hijacked page
 * behind a stale 304) cannot hide it for longer than this.
 */
export const maxRevalidatedMs = 7 * 86_400_000;

/**
 * A URL that timed out in this many sweeps in a row has had its hang confirmed
 * by them (each sweep's timeout was itself confirmed by a second attempt): its
 * next timeout is not asked again at once, which would cost a second whole
 * timeout for an answer its owner already has. A URL fine last time keeps
 * confirm-before-blame.
 */
export const hungSweeps = 1;

/** A URL that took at least this share of the timeout (or timed out) starts before the others next time. */
const slowShare = 0.25;

/** sha-256 of everything the page analysis reads: the same hash, the same findings (under the same analysisVersion). */
export function pageHash(page: FetchedPage): string {
  return createHash('sha256').update(`${page.finalUrl}\n${page.status}\n${page.headers['content-type'] ?? ''}\n`).update(page.body).digest('hex');
}

interface Learning {
  at: string;
  elapsedMs: number;
  timeouts: number;
  flagged: boolean;
  /** A 304 answered our validators: the page is the one read last time. */
  unchanged: boolean;
  page?: PageMemory;
}

function validators(etag: string | undefined, lastModified: string | undefined): Pick<PageMemory, 'etag' | 'lastModified'> {
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/**
 * One sweep's use of what the earlier sweeps learnt about each URL, and what
 * this one learns for the next. The verdicts must be those of a full sweep:
 * a URL is asked "changed?" only when it was fine last time and its findings
 * are of the current analysisVersion; a 304 counts only as the answer to that
 * question (a server that says 304 unasked is judged as it is); a body is
 * analyzed again unless it hashes the same as the one analyzed last time.
 */
export class UrlRecall {
  readonly #known: Readonly<Record<string, UrlMemory>>;
  readonly #now: () => Date;
  readonly #timeoutMs: number;
  readonly #learning = new Map<string, Learning>();

  constructor(known: Readonly<Record<string, UrlMemory>>, options: { readonly now: () => Date; readonly timeoutMs: number }) {
    this.#known = known;
    this.#now = options.now;
    this.#timeoutMs = options.timeoutMs;
  }

  /** How to fetch `url` this time. */
  request(url: string): FetchOptions {
    const known = this.#known[url];
    if (!known) return {};
    const page = known.page;
    const recent = page !== undefined && this.#now().getTime() - Date.parse(page.readAt) < maxRevalidatedMs;
    const revalidate = recent && !known.flagged && page.analysisVersion === analysisVersion && (page.etag !== undefined || page.lastModified !== undefined);
    return {
      ...(revalidate ? { revalidate: { url: page.finalUrl, ...validators(page.etag, page.lastModified) } } : {}),
      ...(known.timeouts >= hungSweeps ? { confirmTimeout: false } : {}),
    };
  }

  /** Those of `urls` that were slow or timed out last time, slowest first: their waits should overlap the rest of the sweep. */
  slow(urls: Iterable<string>): string[] {
    const slow = [...new Set(urls)].filter((url) => {
      const known = this.#known[url];
      return known !== undefined && (known.timeouts > 0 || known.elapsedMs >= slowShare * this.#timeoutMs);
    });
    return slow.sort((a, b) => (this.#known[b]?.elapsedMs ?? 0) - (this.#known[a]?.elapsedMs ?? 0));
  }

  /** The outcome to judge: a 304 that answered our validators stands for the page read last time. */
  recalled(url: string, outcome: FetchOutcome): FetchOutcome {
    // The office's proxy said no: nothing was learnt about the site, what was known stays.
    if (!outcome.ok && outcome.error === 'proxy-refused') return outcome;
    const known = this.#known[url];
    const timedOut = !outcome.ok && outcome.error === 'timeout';
    const learning: Learning = {
      at: this.#now().toISOString(),
      elapsedMs: outcome.elapsedMs,
      timeouts: timedOut ? (known?.timeouts ?? 0) + 1 : 0,
      flagged: !outcome.ok,
      unchanged: false,
    };
    this.#learning.set(url, learning);
    const page = known?.page;
    if (!outcome.ok || outcome.status !== 304 || !outcome.conditional || page === undefined) return outcome;
    learning.unchanged = true;
    learning.page = { ...page, ...validators(outcome.headers.etag, outcome.headers['last-modified']) };
    return { ...outcome, status: page.status, body: Buffer.alloc(0) };
  }

  /** The analyzer for `url`'s page: the findings of last time when the page is unchanged, else `analyzer`'s. */
  analyzer(url: string, analyzer: PageAnalyzer): PageAnalyzer {
    return {
      analyze: async (fetched) => {
        const learning = this.#learning.get(url);
        const before = this.#known[url]?.page;
        // Stored findings are what findPage returned under this analysisVersion (revalidation and `same` check it).
        if (learning?.unchanged && before) return before.findings as PageFindings | null;
        const hash = pageHash(fetched);
        const same = before !== undefined && before.pageHash === hash && before.analysisVersion === analysisVersion;
        const findings = same ? (before.findings as PageFindings | null) : await analyzer.analyze(fetched);
        if (learning) {
          learning.page = { readAt: this.#now().toISOString(), finalUrl: fetched.finalUrl, status: fetched.status, ...validators(fetched.headers.etag, fetched.headers['last-modified']), pageHash: hash, analysisVersion, findings };
        }
        return findings;
      },
    };
  }

  /** An account's verdict on `url`: one that is not ok has the URL fetched in full next time. */
  judged(url: string, status: ItemStatus): void {
    const learning = this.#learning.get(url);
    if (learning && status !== 'ok') learning.flagged = true;
  }

  /** What this sweep learnt, by URL, for the store. */
  learned(): Record<string, UrlMemory> {
    const out: Record<string, UrlMemory> = {};
    for (const [url, { at, elapsedMs, timeouts, flagged, page }] of this.#learning) {
      out[url] = { at, elapsedMs: Math.round(elapsedMs), timeouts, flagged, ...(page ? { page } : {}) };
    }
    return out;
  }
}
