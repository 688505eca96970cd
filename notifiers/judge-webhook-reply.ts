import { unanswered, type PostOutcome } from './post-json.ts';
import { replyFailure } from './reply-failure.ts';
import type { SendFailure } from './types.ts';

/** The platform's own verdict in a reply body, e.g. WeCom's `errcode`/`errmsg`. */
export interface ResultCode {
  /** The field it came from, named in details so people can look the code up. */
  readonly field: string;
  readonly code: number;
  readonly message: string;
}

export interface ReplyRules {
  /** The result code in a reply body, or undefined when the body has none. */
  readonly resultCode: (body: Record<string, unknown>) => ResultCode | undefined;
  /** Codes that mean "later": rate limits and a busy platform. Every other non-zero code is permanent. */
  readonly retryableCodes: ReadonlySet<number>;
}

export type Judgement = { readonly ok: true } | SendFailure;

/**
 * Whether a robot accepted a message. The robots answer 200 with an error code
 * in the body for most failures, so success needs an explicit zero code: a 200
 * without one is some other server (a proxy page, a wrong base URL).
 */
export function judgeWebhookReply(outcome: PostOutcome, rules: ReplyRules): Judgement {
  if (outcome.kind === 'network') return unanswered(outcome);
  const { status, body } = outcome;
  const result = typeof body === 'object' && body !== null ? rules.resultCode(body as Record<string, unknown>) : undefined;
  const said = result && `${result.field} ${result.code}${result.message ? `: ${oneLine(result.message)}` : ''}`;
  const withStatus = (text: string | undefined) => (status === 200 && text ? text : [`HTTP ${status}`, text].filter(Boolean).join(', '));
  const failed = (detail: string) => replyFailure(status, result?.code, detail, rules.retryableCodes);
  if (status >= 500 || status === 429 || (result && result.code !== 0)) return failed(withStatus(said));
  if (status < 200 || status > 299) return failed(withStatus(undefined));
  if (!result) return failed(withStatus('reply has no result code: not a robot endpoint?'));
  return { ok: true };
}

/** Platform messages can be long and multi-line; a detail is one short line. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** WeCom and DingTalk both answer `{ errcode, errmsg }`. */
export function errcodeOf(body: Record<string, unknown>): ResultCode | undefined {
  return typeof body.errcode === 'number' ? { field: 'errcode', code: body.errcode, message: String(body.errmsg ?? '') } : undefined;
}
