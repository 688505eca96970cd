import type { FailureCode, SendFailure } from './types.ts';

/**
 * The kind of a refused or odd reply, from its HTTP status and the platform's
 * result code (undefined when the body has none; DingTalk's app API uses words); `laterCodes` are the
 * platform's "too often / busy" codes. One reading for every channel, so the
 * same reply is worded the same wherever it comes from.
 */
export function replyFailure(status: number, errcode: number | string | undefined, detail: string, laterCodes: ReadonlySet<number> = new Set()): SendFailure {
  const http: FailureCode = { http: status };
  const refused = errcode !== undefined && errcode !== 0;
  if (status === 429) return { ok: false, retryable: true, reason: 'rate-limited', code: http, detail };
  if (typeof errcode === 'number' && laterCodes.has(errcode)) return { ok: false, retryable: true, reason: 'rate-limited', code: { errcode }, detail };
  if (status >= 500) return { ok: false, retryable: true, reason: 'server-error', code: http, detail };
  if (refused) return { ok: false, retryable: false, reason: 'rejected', code: { errcode }, detail };
  return { ok: false, retryable: false, reason: 'not-robot', ...(status === 200 ? {} : { code: http }), detail };
}

/** An app robot's credentials refused when it asked for its access token: the platform's code when it gave one, else the status. */
export function badSecret(status: number, errcode: number | string | undefined, detail: string): SendFailure {
  return { ok: false, retryable: false, reason: 'bad-secret', code: errcode !== undefined ? { errcode } : { http: status }, detail };
}
