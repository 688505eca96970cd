import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { httpUrl, mobile, secretRef, text } from '../config/fields.ts';
import type { Secret } from '../config/secret.ts';
import { baseUrlOf, defineChannel } from './channel-module.ts';
import { errcodeOf } from './judge-webhook-reply.ts';
import { emptyPart, splitMessage, utf8Bytes, type MessagePart } from './split-message.ts';
import type { Notifier, OutgoingMessage } from './types.ts';
import { createWebhookNotifier, endpoint, type DeliveryOptions, type JsonBody } from './webhook-notifier.ts';

export interface DingtalkConfig {
  readonly name: string;
  /** The `access_token` in the robot's webhook address. */
  readonly accessToken: Secret;
  /** The 加签 secret (SEC…), when the robot's security setting is signing. */
  readonly secret?: Secret;
  readonly baseUrl?: string;
}

/** DingTalk's limit on a message's content, in UTF-8 bytes. */
const textMaxBytes = 20_000;

/**
 * -1 system busy, 130101 "send too fast, exceed 20 times per minute" (the
 * robot is then muted for 10 minutes), 410100 sent too fast, throttled.
 * Everything else (310000 bad signature / keyword / IP, 300001 and 400101 bad
 * token, 400102 robot disabled, 430101–430104 content rejected…) is permanent.
 */
const dingtalkRetryableCodes: ReadonlySet<number> = new Set([-1, 130101, 410100]);

/** A DingTalk (钉钉) custom robot: POST /robot/send?access_token=…[&timestamp=…&sign=…] */
export function createDingtalkNotifier(config: DingtalkConfig & DeliveryOptions): Notifier {
  const send = endpoint(config.baseUrl ?? 'https://oapi.dingtalk.com', '/robot/send');
  const { accessToken, secret } = config;
  return createWebhookNotifier(
    {
      channel: 'dingtalk',
      name: config.name,
      secrets: [accessToken, secret],
      bodies: dingtalkBodies,
      request: (body, now) => {
        const url = new URL(send);
        url.searchParams.set('access_token', accessToken.reveal());
        if (secret) {
          // URLSearchParams percent-encodes the base64 (+ / =), which is the urlencode step of the recipe.
          const timestamp = String(now);
          url.searchParams.set('timestamp', timestamp);
          url.searchParams.set('sign', dingtalkSignature(secret.reveal(), timestamp));
        }
        return { url: url.href, body };
      },
      resultCode: errcodeOf,
      retryableCodes: dingtalkRetryableCodes,
    },
    config,
  );
}

/** base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret)), timestamp in milliseconds; not yet URL-encoded. */
export function dingtalkSignature(secret: string, timestampMs: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Mentions go with the first part only, so a long digest pings people once. */
function dingtalkBodies(message: OutgoingMessage): JsonBody[] {
  const { mobiles = [], userIds = [], all = false } = message.mentions ?? {};
  // DingTalk only renders an @ when the text also names the person.
  const mentionLine = [...mobiles, ...userIds].map((who) => `@${who}`).join(' ');
  const at = { atMobiles: [...mobiles], atUserIds: [...userIds], isAtAll: all };
  const rules = { maxBytes: textMaxBytes, framingBytes: utf8Bytes(markdownText(emptyPart, mentionLine)), lineOverheadBytes: 1, measure: utf8Bytes };
  return splitMessage(message.title, message.markdown, rules).map((part, i) => ({
    msgtype: 'markdown',
    markdown: { title: part.title, text: markdownText(part, i === 0 ? mentionLine : '') },
    ...(i === 0 && (mentionLine || all) ? { at } : {}),
  }));
}

/** The title field only shows in the chat list and notification, so the text repeats it as a heading. */
function markdownText(part: MessagePart, mentionLine: string): string {
  return [`### ${part.title}`, ...part.lines, ...(mentionLine ? ['', mentionLine] : [])].join('\n');
}

/** `channels: - { type: dingtalk, name, accessToken: env:…, secret?: env:…, baseUrl? }` */
export const dingtalkChannel = defineChannel({
  fields: { name: text, accessToken: secretRef, secret: secretRef.optional(), baseUrl: httpUrl.optional() },
  person: z
    .strictObject({ userId: text.optional(), mobile: mobile.optional() })
    .refine((id) => id.userId !== undefined || id.mobile !== undefined, '要填写 userId（成员账号）或 mobile（手机号）'),
  resolve: (raw, secret): DingtalkConfig => ({
    name: raw.name,
    accessToken: secret('accessToken', raw.accessToken),
    ...(raw.secret ? { secret: secret('secret', raw.secret) } : {}),
    ...baseUrlOf(raw),
  }),
  create: createDingtalkNotifier,
});
