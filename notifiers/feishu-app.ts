/**
 * A Feishu (飞书) 企业自建应用's bot: people talk to it over the long
 * connection (feishu-ws.ts: outbound only, no public address needed), it
 * answers by replying to their message, and sends on its own through
 * im/v1/messages: to one person by open_id or user_id, or to its group (chat_id).
 */
import { z } from 'zod';
import { httpUrl, secretRef, text } from '../config/fields.ts';
import type { Secret } from '../config/secret.ts';
import { defineChannel, type PersonId } from './channel-module.ts';
import { feishuChannel } from './feishu.ts';
import { connectFeishuWs } from './feishu-ws.ts';
import { postFile, postJson, unanswered, type PostOutcome } from './post-json.ts';
import { RateWindow, systemClock } from './rate-window.ts';
import { badSecret, replyFailure } from './reply-failure.ts';
import type { FileToSend } from './reply-file.ts';
import { jsonBytes, splitMessage } from './split-message.ts';
import type { Notifier, OutgoingMessage, SendFailure, SendResult } from './types.ts';
import type { DeliveryOptions } from './webhook-notifier.ts';

export interface FeishuAppConfig {
  readonly name: string;
  readonly appId: string;
  readonly appSecret: Secret;
  /** The group (chat_id, oc_…) that messages without a person go to. */
  readonly chatId?: string;
  /** https://open.feishu.cn, https://open.larksuite.com, a private deployment, or a loopback fake. */
  readonly domain: string;
}

/** "invalid credentials" in words a clerk can act on. */
export const feishuBadSecretHint = '请在飞书开放平台“凭证与基础信息”里核对 App ID 和 App Secret';

/**
 * A text message may be 150 KB; its text is escaped twice (into `content`, then into the body), so a part is
 * kept well under that.
 */
const textMaxBytes = 100_000;

/** Replies and sends per second: Feishu's 5 QPS per person and per group. */
const perSecond = 5;

/** The tenant token is invalid or expired (Feishu says so in the reply's code, with HTTP 400). */
const tokenRejectedCodes: ReadonlySet<number> = new Set([99991661, 99991663, 99991668]);
/** Rate limited, or the platform busy: worth another try later. */
const retryableCodes: ReadonlySet<number> = new Set([99991400, 11232, 1]);

type TokenOutcome = { ok: true; token: string } | SendFailure;

/** The tenant_access_token, fetched once and renewed five minutes before it expires (it lasts up to 2 h). */
export function feishuTokenSource(config: FeishuAppConfig, now: () => number = Date.now) {
  let cached: { token: string; until: number } | undefined;
  return {
    forget: () => void (cached = undefined),
    async get(): Promise<TokenOutcome> {
      if (cached && cached.until > now()) return { ok: true, token: cached.token };
      const reply = await postJson(`${config.domain}/open-apis/auth/v3/tenant_access_token/internal`, { app_id: config.appId, app_secret: config.appSecret.reveal() });
      if (reply.kind === 'network') return unanswered(reply);
      const body = (reply.body ?? {}) as { code?: unknown; tenant_access_token?: unknown; expire?: unknown };
      if (body.code === 0 && typeof body.tenant_access_token === 'string') {
        const seconds = typeof body.expire === 'number' ? body.expire : 7200;
        cached = { token: body.tenant_access_token, until: now() + Math.max(60, seconds - 300) * 1000 };
        return { ok: true, token: body.tenant_access_token };
      }
      const said = `HTTP ${reply.status}${body.code !== undefined ? `, ${String(body.code)}` : ''}`;
      const platformCode = typeof body.code === 'number' ? body.code : undefined;
      if (reply.status >= 500 || reply.status === 429 || retryableCodes.has(Number(body.code))) return replyFailure(reply.status, platformCode, said, retryableCodes);
      return badSecret(reply.status, platformCode, `${feishuBadSecretHint}（${said}）`);
    },
  };
}

function judge(reply: PostOutcome): SendResult {
  if (reply.kind === 'network') return unanswered(reply);
  const body = (reply.body ?? {}) as { code?: unknown; msg?: unknown };
  if (reply.status === 200 && body.code === 0) return { ok: true, parts: 1 };
  const said = `HTTP ${reply.status}${body.code !== undefined ? `, ${String(body.code)} ${String(body.msg ?? '')}`.trimEnd() : ''}`;
  return replyFailure(reply.status, typeof body.code === 'number' ? body.code : undefined, said, retryableCodes);
}

const tokenRejected = (reply: PostOutcome) => reply.kind === 'reply' && tokenRejectedCodes.has(Number((reply.body as { code?: unknown } | undefined)?.code));

/** Text parts of a message that each fit Feishu's limit; a reminder sets its title apart with a blank line, a chat answer does not. */
export function feishuTexts(title: string, body: string, gap: '' | '\n' = '\n'): string[] {
  return splitMessage(title, body, { maxBytes: textMaxBytes, framingBytes: 16, lineOverheadBytes: 2, measure: jsonBytes }).map((part) => [part.title + gap, ...part.lines].join('\n').trimEnd());
}

/** im/v1/files takes up to 30 MB (official-channels.md §3). */
export const feishuFileMaxBytes = 30 * 1024 * 1024;

export interface FeishuApi {
  /** POST an im/v1 path with the tenant token; a token that stopped working mid-run is renewed once. */
  post(path: string, body: Record<string, unknown>): Promise<SendResult>;
  /** Upload a file (im/v1/files) for a file message: its file_key. */
  uploadFile(file: FileToSend): Promise<{ ok: true; fileKey: string } | Extract<SendResult, { ok: false }>>;
}

/** im/v1/files' file_type: a few named kinds, anything else is a plain "stream". */
const feishuFileType = (name: string) => /\.(pdf|doc|xls|ppt)x?$/i.exec(name)?.[1]?.toLowerCase() ?? 'stream';

export function feishuApi(config: FeishuAppConfig & Pick<DeliveryOptions, 'now' | 'sleep'>): FeishuApi {
  const tokens = feishuTokenSource(config, config.now);
  const rateWindow = new RateWindow(perSecond, { now: config.now ?? systemClock.now, sleep: config.sleep ?? systemClock.sleep }, 1000);
  async function once(request: (authorization: string) => Promise<PostOutcome>): Promise<PostOutcome | SendResult> {
    const token = await tokens.get();
    if (!token.ok) return token;
    return request(`Bearer ${token.token}`);
  }
  async function withToken(request: (authorization: string) => Promise<PostOutcome>): Promise<PostOutcome | SendResult> {
    await rateWindow.take();
    const reply = await once(request);
    if (!('kind' in reply) || !tokenRejected(reply)) return reply;
    tokens.forget();
    return once(request);
  }
  return {
    async post(path, body) {
      const reply = await withToken((authorization) => postJson(`${config.domain}${path}`, body, { authorization }));
      return 'kind' in reply ? judge(reply) : reply;
    },
    async uploadFile(file) {
      const fields = { file_type: feishuFileType(file.name), file_name: file.name };
      const reply = await withToken((authorization) => postFile(`${config.domain}/open-apis/im/v1/files`, 'file', file, { fields, headers: { authorization } }));
      const result = 'kind' in reply ? judge(reply) : reply;
      if (!result.ok) return result;
      const fileKey = ((reply as Extract<PostOutcome, { kind: 'reply' }>).body as { data?: { file_key?: unknown } }).data?.file_key;
      return typeof fileKey === 'string' ? { ok: true, fileKey } : { ok: false, retryable: false, reason: 'not-robot', detail: 'the upload reply has no file_key' };
    },
  };
}

export const textBody = (text: string) => ({ msg_type: 'text', content: JSON.stringify({ text }) });

/** Proactive messages: to a person by open_id (or user_id), or to the configured group. */
export function createFeishuAppNotifier(config: FeishuAppConfig & DeliveryOptions): Notifier {
  const api = feishuApi(config);
  return {
    channel: 'feishu-app',
    name: config.name,
    async send(message: OutgoingMessage, to?: PersonId): Promise<SendResult> {
      const target = to?.openId ? { type: 'open_id', id: to.openId } : to?.userId ? { type: 'user_id', id: to.userId } : !to && config.chatId ? { type: 'chat_id', id: config.chatId } : undefined;
      if (!target) {
        return to
          ? { ok: false, retryable: false, reason: 'no-address', setting: 'openId 或 userId', detail: 'the person has neither open_id nor user_id on Feishu' }
          : { ok: false, retryable: false, reason: 'bad-config', setting: 'chatId', detail: 'no chatId (group) configured' };
      }
      const parts = feishuTexts(message.title, message.text);
      for (const part of parts) {
        const result = await api.post(`/open-apis/im/v1/messages?receive_id_type=${target.type}`, { receive_id: target.id, ...textBody(part) });
        if (!result.ok) return result;
      }
      return { ok: true, parts: parts.length };
    },
  };
}

/** `channels: - { type: feishu-app, name, appId, appSecret: env:…, chatId?, domain? }` */
export const feishuAppChannel = defineChannel({
  fields: { name: text, appId: text, appSecret: secretRef, chatId: text.optional(), domain: httpUrl.optional() },
  // People are known by their `feishu: { openId }` or `{ userId }`, shared with the group robot (see registry.ts platformOf).
  person: feishuChannel.person,
  resolve: (raw, secret): FeishuAppConfig => ({
    name: raw.name,
    appId: raw.appId,
    appSecret: secret('appSecret', raw.appSecret),
    ...(raw.chatId ? { chatId: raw.chatId } : {}),
    domain: (raw.domain ?? 'https://open.feishu.cn').replace(/\/+$/, ''),
  }),
  create: createFeishuAppNotifier,
  listen: (config, host) => connectFeishuWs(config, host),
});
