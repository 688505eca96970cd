/** Statuses worth asking again: the server may answer differently in a moment. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long a retryable response asked us to wait, if it did. */
export function retryAfterOf(status: number, headers: Readonly<Record<string, string>>): number | undefined {
  return isRetryableStatus(status) ? parseRetryAfter(headers['retry-after']) : undefined;
}

export interface BackoffPolicy {
  readonly retryDelayMs: number;
  readonly maxRetryAfterMs: number;
}

/**
 * Wait before retry number `retry` (1-based): retryDelayMs doubling, plus up to
 * 25 % jitter so URLs that failed together do not come back together; never
 * shorter than the server's Retry-After; never longer than maxRetryAfterMs.
 */
export function retryDelay(retry: number, policy: BackoffPolicy, retryAfterMs?: number): number {
  const backoff = policy.retryDelayMs * 2 ** (retry - 1) * (1 + Math.random() / 4);
  return Math.round(Math.min(Math.max(backoff, retryAfterMs ?? 0), policy.maxRetryAfterMs));
}
