import { WeChatApiError } from '../core/errors.ts';
import type { Trigger } from '../core/results.ts';
import type { ApiCache } from '../store/api-cache.ts';

/** WeChat's answer, or its refusal (errcode and hint) to pass on to the user. */
export type Asked<T> = { readonly value: T } | { readonly error: WeChatApiError };

export interface AskContext {
  readonly apiCache: ApiCache;
  readonly trigger?: Trigger;
}

/**
 * Ask a quota-limited WeChat API (freepublish/getarticle: 100 calls a day)
 * at most once a day per question. Definite answers are remembered, including
 * "does not exist" (`missing`: its errcode and the value it stands for); any
 * other refusal is not, and is asked again next time. A recheck (已整改)
 * always asks again: the owner has just changed something.
 */
export async function askCached<T>(
  ctx: AskContext,
  key: string,
  call: () => Promise<T>,
  missing?: { readonly errcode: number; readonly value: T },
): Promise<Asked<T>> {
  const hit = ctx.trigger === 'recheck' ? undefined : ctx.apiCache.get<T>(key);
  if (hit !== undefined) return { value: hit };
  let value: T;
  try {
    value = await call();
  } catch (error) {
    if (!(error instanceof WeChatApiError)) throw error;
    if (error.errcode !== missing?.errcode) return { error };
    value = missing.value;
  }
  ctx.apiCache.set(key, value);
  return { value };
}
