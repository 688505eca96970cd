import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { httpUrl, secretRef, text } from '../config/fields.ts';
import type { Secret } from '../config/secret.ts';
import { baseUrlOf, defineChannel } from './channel-module.ts';
import type { ResultCode } from './judge-webhook-reply.ts';
import { emptyPart, jsonBytes, splitMessage, utf8Bytes, type MessagePart } from './split-message.ts';
import type { Notifier, OutgoingMessage } from './types.ts';
import { createWebhookNotifier, endpoint, type DeliveryOptions, type JsonBody } from './webhook-notifier.ts';

export interface FeishuConfig {
  readonly name: string;
  /** The last path segment of the bot's webhook address. */
  readonly hookToken: Secret;
  /** The signature-check secret, when the bot's security setting is signing. */
  readonly secret?: Secret;
  readonly baseUrl?: string;
}

/** Feishu's limit on a request body ("20 KB"), read as the smaller 20 000 bytes. */
const bodyMaxBytes = 20_000;
/** Room for "timestamp" (10 digits) and "sign" (44 base64 characters) with their keys; reserved whether signed or not. */
const signatureBytes = 96;
/** A post line is a row `[{"tag":"text","text":"…"}]` plus the comma before the next. */
const rowOverheadBytes = utf8Bytes(JSON.stringify([{ tag: 'text', text: '' }])) + 1;

/**
 * 9499 and 11232 are what Feishu answers when too many messages arrive (11232
 * especially on the hour and half hour), 99991400 is the open platform's
 * frequency limit. Everything else (19021 bad signature or stale timestamp,
 * 19022 IP not allowed, 19024 keyword missing, 19001 bad token…) is permanent.
 */
const feishuRetryableCodes: ReadonlySet<number> = new Set([9499, 11232, 99991400]);

/** A Feishu (飞书) custom bot: POST /open-apis/bot/v2/hook/<token> */
export function createFeishuNotifier(config: FeishuConfig & DeliveryOptions): Notifier {
  const hooks = endpoint(config.baseUrl ?? 'https://open.feishu.cn', '/open-apis/bot/v2/hook/');
  const { hookToken, secret } = config;
  return createWebhookNotifier(
    {
      channel: 'feishu',
      name: config.name,
      secrets: [hookToken, secret],
      bodies: feishuBodies,
      request: (body, now) => {
        const url = hooks.href + encodeURIComponent(hookToken.reveal());
        if (!secret) return { url, body };
        const timestamp = String(Math.floor(now / 1000));
        return { url, body: { timestamp, sign: feishuSignature(secret.reveal(), timestamp), ...body } };
      },
      resultCode: feishuResultCode,
      retryableCodes: feishuRetryableCodes,
    },
    config,
  );
}

/** base64(HMAC-SHA256(key = timestamp + "\n" + secret, data = "")), timestamp in seconds: key and data swap roles against DingTalk's. */
export function feishuSignature(secret: string, timestampSeconds: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** Current replies carry `code`/`msg`; older ones `StatusCode`/`StatusMessage`. */
function feishuResultCode(body: Record<string, unknown>): ResultCode | undefined {
  if (typeof body.code === 'number') return { field: 'code', code: body.code, message: String(body.msg ?? '') };
  if (typeof body.StatusCode === 'number') return { field: 'StatusCode', code: body.StatusCode, message: String(body.StatusMessage ?? '') };
  return undefined;
}

/**
 * A post (rich text) per part: the title as its header, one row per line.
 * Custom bots can only @ by open_id/user_id, so mobile mentions are dropped.
 * Mentions go with the first part only, so a long digest pings people once.
 */
function feishuBodies(message: OutgoingMessage): JsonBody[] {
  const { userIds = [], all = false } = message.mentions ?? {};
  const mentionRow = [...userIds, ...(all ? ['all'] : [])].map((id) => ({ tag: 'at', user_id: id }));
  const framingBytes = utf8Bytes(JSON.stringify(postBody(emptyPart, mentionRow))) + signatureBytes;
  const rules = { maxBytes: bodyMaxBytes, framingBytes, lineOverheadBytes: rowOverheadBytes, measure: jsonBytes };
  return splitMessage(message.title, message.text, rules).map((part, i) => postBody(part, i === 0 ? mentionRow : []));
}

function postBody(part: MessagePart, mentionRow: readonly JsonBody[]): JsonBody {
  const rows = part.lines.map((line) => [{ tag: 'text', text: line }]);
  const content = mentionRow.length > 0 ? [...rows, mentionRow] : rows;
  return { msg_type: 'post', content: { post: { zh_cn: { title: part.title, content } } } };
}

/** `channels: - { type: feishu, name, hookToken: env:…, secret?: env:…, baseUrl? }` */
export const feishuChannel = defineChannel({
  fields: { name: text, hookToken: secretRef, secret: secretRef.optional(), baseUrl: httpUrl.optional() },
  // Custom bots @ by user_id only; the app bot (feishu-app.ts) also writes to people by open_id.
  person: z.strictObject({ userId: text.optional(), openId: text.optional() }).refine((p) => p.userId !== undefined || p.openId !== undefined, '要填写 openId（ou_ 开头）或 userId（用户 ID）'),
  resolve: (raw, secret): FeishuConfig => ({
    name: raw.name,
    hookToken: secret('hookToken', raw.hookToken),
    ...(raw.secret ? { secret: secret('secret', raw.secret) } : {}),
    ...baseUrlOf(raw),
  }),
  create: createFeishuNotifier,
});
