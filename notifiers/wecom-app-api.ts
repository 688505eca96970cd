/**
 * The WeCom server API a self-built app (自建应用) sends through
 * (official-channels.md §1): an access token from corpid + secret, cached,
 * and fetched again once when a send says it is invalid or expired; then
 * `message/send` as text (markdown is not shown in 微工作台), ≤2,048 bytes
 * a message; files through media/upload (type=file, 5 B–20 MB) and a file
 * message. 政务微信 is a private deployment with its own API host.
 */
import type { Secret } from '../config/secret.ts';
import { getJson, postFile, postJson, unanswered, type PostOutcome } from './post-json.ts';
import type { FileToSend } from './reply-file.ts';
import { replyFailure } from './reply-failure.ts';
import type { SendFailure, SendResult } from './types.ts';

export interface WecomAppApiConfig {
  readonly name: string;
  readonly corpId: string;
  readonly agentId: number;
  readonly secret: Secret;
  /** https://qyapi.weixin.qq.com, the 政务微信 host, or a loopback fake. */
  readonly apiBase: string;
}

/** text.content's limit, in UTF-8 bytes. */
export const textMaxBytes = 2048;

/** media/upload's limits for type=file (official-channels.md §1): over 5 bytes, at most 20 MB. */
export const fileLimits = { minBytes: 6, maxBytes: 20 * 1024 * 1024 } as const;

/** Codes that mean the token is no longer good (invalid, expired, …): fetch a new one and try once more. */
const staleTokenCodes: ReadonlySet<number> = new Set([40014, 42001, 42007, 42009]);
/** -1 system busy, 45009 frequency limit, 45033 too many concurrent calls. */
const laterCodes: ReadonlySet<number> = new Set([-1, 45009, 45033]);

/** "wrong credentials" in words a clerk can act on; the platform's code goes in brackets. */
export const badAppSecretHint = '请在企业微信管理后台“应用管理”里打开这个应用，核对 AgentId 和 Secret，并在“我的企业”里核对企业ID（CorpID）';

export type TokenResult = { readonly ok: true; readonly token: string } | SendFailure;

interface ApiBody {
  readonly errcode?: unknown;
  readonly errmsg?: unknown;
  readonly access_token?: unknown;
  readonly expires_in?: unknown;
  readonly media_id?: unknown;
}

const codeOf = (body: ApiBody): number | undefined => (typeof body.errcode === 'number' ? body.errcode : undefined);

/** 60020 names the caller's IP ("… from ip: 203.0.113.7"): the one to add under 企业可信IP. */
function untrustedIpDetail(errmsg: string): string {
  const ip = /from ip:\s*([0-9a-fA-F.:]+)/.exec(errmsg)?.[1];
  return `这台电脑的出口 IP${ip ? ` ${ip} ` : ''}不在应用的“企业可信IP”里：请在企业微信管理后台“应用管理 → 这个应用 → 企业可信IP”里加入它（错误码 60020）`;
}

/** The platform's errcode of a failure, when it has one. */
const errcodeOf = (failure: SendFailure): number | undefined => (failure.code && 'errcode' in failure.code && typeof failure.code.errcode === 'number' ? failure.code.errcode : undefined);

function judge(reply: PostOutcome): { ok: true; body: ApiBody } | SendFailure {
  if (reply.kind === 'network') return unanswered(reply);
  const body = (reply.body ?? {}) as ApiBody;
  const code = codeOf(body);
  if (reply.status >= 500 || reply.status === 429) return replyFailure(reply.status, undefined, `HTTP ${reply.status}`);
  if (reply.status !== 200 || code === undefined) return replyFailure(reply.status, undefined, `HTTP ${reply.status}, reply has no errcode: not the WeCom API?`);
  if (code === 0) return { ok: true, body };
  const errmsg = String(body.errmsg ?? '');
  if (code === 60020) return { ok: false, retryable: false, reason: 'ip-not-allowed', code: { errcode: code }, detail: untrustedIpDetail(errmsg) };
  return replyFailure(reply.status, code, `errcode ${code}${errmsg ? `: ${errmsg.split(',')[0]}` : ''}`, laterCodes);
}

/** One app's API: its token, cached until five minutes before it expires, and text messages. */
export function wecomAppApi(config: WecomAppApiConfig, now: () => number = Date.now) {
  let cached: { token: string; until: number } | undefined;

  async function token(): Promise<TokenResult> {
    if (cached && cached.until > now()) return { ok: true, token: cached.token };
    const url = new URL(`${config.apiBase}/cgi-bin/gettoken`);
    url.searchParams.set('corpid', config.corpId);
    url.searchParams.set('corpsecret', config.secret.reveal());
    const result = judge(await getJson(url.href));
    if (!result.ok) {
      // 40001 invalid secret, 40013 invalid corpid, 40091 secret of another app…: asking again does not help.
      return result.retryable || result.reason === 'ip-not-allowed' ? result : { ...result, reason: 'bad-secret', detail: `${badAppSecretHint}（${result.detail}）` };
    }
    const access = String(result.body.access_token ?? '');
    const seconds = typeof result.body.expires_in === 'number' ? result.body.expires_in : 7200;
    cached = { token: access, until: now() + Math.max(60, seconds - 300) * 1000 };
    return { ok: true, token: access };
  }

  /** One API call with the token in the query; a token gone stale mid-run is replaced once. */
  async function call(path: string, query: Record<string, string>, request: (url: string) => Promise<PostOutcome>) {
    for (let attempt = 1; ; attempt++) {
      const access = await token();
      if (!access.ok) return access;
      const url = new URL(`${config.apiBase}${path}`);
      url.searchParams.set('access_token', access.token);
      for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
      const result = judge(await request(url.href));
      if (result.ok) return result;
      const stale = staleTokenCodes.has(errcodeOf(result) ?? 0);
      if (stale && attempt === 1) {
        cached = undefined;
        continue;
      }
      return { ...result, retryable: result.retryable || stale };
    }
  }

  const send = async (touser: string, message: Record<string, unknown>): Promise<SendResult> => {
    const result = await call('/cgi-bin/message/send', {}, (url) => postJson(url, { touser, agentid: config.agentId, ...message }));
    return result.ok ? { ok: true, parts: 1 } : result;
  };

  /** One text message to userids joined by `|`. */
  const sendText = (touser: string, content: string) => send(touser, { msgtype: 'text', text: { content } });

  /** A file uploaded (media/upload, type=file), then sent as a file message. */
  async function sendFile(touser: string, file: FileToSend): Promise<SendResult> {
    const uploaded = await call('/cgi-bin/media/upload', { type: 'file' }, (url) => postFile(url, 'media', file));
    if (!uploaded.ok) return uploaded;
    if (!('body' in uploaded) || typeof uploaded.body.media_id !== 'string') return { ok: false, retryable: false, reason: 'not-robot', detail: 'the upload reply has no media_id' };
    return send(touser, { msgtype: 'file', file: { media_id: uploaded.body.media_id } });
  }

  return { token, sendText, sendFile };
}
