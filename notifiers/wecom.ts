import { createHash } from 'node:crypto';
import { z } from 'zod';
import { httpUrl, mobile, secretRef, text } from '../config/fields.ts';
import type { Secret } from '../config/secret.ts';
import { baseUrlOf, defineChannel } from './channel-module.ts';
import { errcodeOf } from './judge-webhook-reply.ts';
import { emptyPart, splitMessage, utf8Bytes, type MessagePart } from './split-message.ts';
import type { Notifier, OutgoingMessage } from './types.ts';
import { createWebhookNotifier, endpoint, type DeliveryOptions, type JsonBody } from './webhook-notifier.ts';

export interface WecomConfig {
  readonly name: string;
  /** The `key` in the robot's webhook address. */
  readonly key: Secret;
  readonly baseUrl?: string;
}

/** Content limits of the WeCom group robot, in UTF-8 bytes. */
const markdownMaxBytes = 4096;
const textMaxBytes = 2048;
/** An image message carries the picture itself, at most 2 MB before base64. */
const imageMaxBytes = 2 * 1024 * 1024;

/** `image`: the picture's bytes in base64 and their md5 (hex), which the robot checks. */
function wecomImage(data: Buffer): JsonBody {
  return { msgtype: 'image', image: { base64: data.toString('base64'), md5: createHash('md5').update(data).digest('hex') } };
}

/**
 * -1 system busy, 45009 API frequency limit (the robot's 20 a minute),
 * 45033 too many concurrent calls. Everything else (93000 invalid webhook
 * URL, 40008 invalid message type, 44004 empty content, 45002 too long…) is
 * permanent.
 */
const wecomRetryableCodes: ReadonlySet<number> = new Set([-1, 45009, 45033]);

/** A WeCom (企业微信) group robot: POST /cgi-bin/webhook/send?key=… */
export function createWecomNotifier(config: WecomConfig & DeliveryOptions): Notifier {
  const send = endpoint(config.baseUrl ?? 'https://qyapi.weixin.qq.com', '/cgi-bin/webhook/send');
  return createWebhookNotifier(
    {
      channel: 'wecom',
      name: config.name,
      secrets: [config.key],
      bodies: wecomBodies,
      request: (body) => {
        const url = new URL(send);
        url.searchParams.set('key', config.key.reveal());
        return { url: url.href, body };
      },
      resultCode: errcodeOf,
      retryableCodes: wecomRetryableCodes,
      image: { maxBytes: imageMaxBytes, body: wecomImage },
    },
    config,
  );
}

/** Mentions go with the first part only, so a long digest pings people once. */
function wecomBodies(message: OutgoingMessage): JsonBody[] {
  const { mobiles = [], userIds = [], all = false } = message.mentions ?? {};
  // Markdown can only @ by userid (`<@userid>`); @ by mobile or @all needs a text message.
  if (mobiles.length > 0 || all) {
    const mentions = { mentioned_list: [...userIds, ...(all ? ['@all'] : [])], mentioned_mobile_list: [...mobiles] };
    const parts = splitMessage(message.title, message.text, wecomRules(textMaxBytes, textContent(emptyPart)));
    return parts.map((part, i) => ({ msgtype: 'text', text: { content: textContent(part), ...(i === 0 ? mentions : {}) } }));
  }
  const mentionLine = userIds.map((id) => `<@${id}>`).join(' ');
  const parts = splitMessage(message.title, message.markdown, wecomRules(markdownMaxBytes, markdownContent(emptyPart, mentionLine)));
  return parts.map((part, i) => ({ msgtype: 'markdown', markdown: { content: markdownContent(part, i === 0 ? mentionLine : '') } }));
}

function wecomRules(maxBytes: number, framing: string) {
  return { maxBytes, framingBytes: utf8Bytes(framing), lineOverheadBytes: 1, measure: utf8Bytes };
}

function textContent(part: MessagePart): string {
  return [part.title, ...part.lines].join('\n');
}

function markdownContent(part: MessagePart, mentionLine: string): string {
  return [`### ${part.title}`, ...part.lines, ...(mentionLine ? [mentionLine] : [])].join('\n');
}

/** `channels: - { type: wecom, name, key: env:…, baseUrl? }` */
export const wecomChannel = defineChannel({
  fields: { name: text, key: secretRef, baseUrl: httpUrl.optional() },
  person: z
    .strictObject({ userId: text.optional(), mobile: mobile.optional() })
    .refine((id) => id.userId !== undefined || id.mobile !== undefined, '要填写 userId（成员账号）或 mobile（手机号）'),
  resolve: (raw, secret): WecomConfig => ({ name: raw.name, key: secret('key', raw.key), ...baseUrlOf(raw) }),
  create: createWecomNotifier,
});
