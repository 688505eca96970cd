import type { CachedAnswer } from './schema.ts';

/**
 * Answers from quota-limited WeChat APIs (freepublish/getarticle: 100 calls a
 * day) kept across sweeps. Only definite answers are cached ("exists",
 * "missing"); errors are asked again next time.
 */
export interface ApiCache {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** How long an answer stays good: a day's quota, with a margin for a daily sweep that starts a little earlier. */
export const apiCacheTtlMs = 20 * 60 * 60 * 1000;

/** An ApiCache over a plain record (the store's, or a fresh one in tests). */
export function recordCache(record: Record<string, CachedAnswer>, now: () => Date): ApiCache {
  return {
    get<T>(key: string) {
      const hit = record[key];
      if (!hit || now().getTime() - Date.parse(hit.at) > apiCacheTtlMs) return undefined;
      return hit.value as T;
    },
    set(key, value) {
      record[key] = { at: now().toISOString(), value };
    },
  };
}
