import pLimit from 'p-limit';
import type { Secret } from '../config/secret.ts';
import { judgeWebhookReply, type ReplyRules } from './judge-webhook-reply.ts';
import { messageImages } from './message-images.ts';
import { postJson } from './post-json.ts';
import { RateWindow, systemClock, type Clock } from './rate-window.ts';
import type { ChannelType } from './registry.ts';
import type { Notifier, OutgoingMessage, SendResult } from './types.ts';

/** How a notifier paces itself; every option has a production default. */
export interface DeliveryOptions {
  /** Messages per rolling minute (default 20, the robots' documented limit). */
  readonly perMinute?: number;
  /** Milliseconds since the epoch, for the rate window and signature timestamps. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type JsonBody = Record<string, unknown>;

export interface WebhookChannel extends ReplyRules {
  readonly channel: ChannelType;
  readonly name: string;
  /** Values no detail may show: keys, tokens, signing secrets. */
  readonly secrets: readonly (Secret | undefined)[];
  /** The message as request bodies, one per part, in sending order. Throws RangeError when it cannot fit. */
  bodies(message: OutgoingMessage): readonly JsonBody[];
  /** Addresses (and signs) one body just before it goes out, after any wait for the rate window, so signatures are fresh. */
  request(body: JsonBody, now: number): { readonly url: string; readonly body: JsonBody };
  /** For robots that take an image inline (WeCom's base64 + md5): the largest file and its body. Without it the text goes alone. */
  readonly image?: { readonly maxBytes: number; body(data: Buffer): JsonBody };
}

/** The robot endpoint under a base URL; throws at setup for a malformed base URL, not at send time. */
export function endpoint(baseUrl: string, path: string): URL {
  return new URL(baseUrl.replace(/\/+$/, '') + path);
}

/** The sending loop shared by the group robots: split, pace, post, judge, redact. */
export function createWebhookNotifier(channel: WebhookChannel, options: DeliveryOptions): Notifier {
  const clock: Clock = { now: options.now ?? systemClock.now, sleep: options.sleep ?? systemClock.sleep };
  const rateWindow = new RateWindow(options.perMinute ?? 20, clock);
  // One message at a time, so the parts of two digests never interleave in the group.
  const oneAtATime = pLimit(1);
  return {
    channel: channel.channel,
    name: channel.name,
    send: (message) => oneAtATime(async () => redact(await deliver(channel, rateWindow, clock, message), channel.secrets)),
  };
}

async function deliver(channel: WebhookChannel, rateWindow: RateWindow, clock: Clock, message: OutgoingMessage): Promise<SendResult> {
  let bodies: readonly JsonBody[];
  try {
    bodies = channel.bodies(message);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, retryable: false, reason: 'too-long', detail: `message does not fit: ${error.message}` };
    throw error;
  }
  for (const [index, body] of bodies.entries()) {
    await rateWindow.take();
    const request = channel.request(body, clock.now());
    const verdict = judgeWebhookReply(await postJson(request.url, request.body), channel);
    if (!verdict.ok) {
      // The outbox resends the whole message, so say how much of it the group already has.
      const where = bodies.length > 1 ? `part ${index + 1}/${bodies.length} (${index} delivered): ` : '';
      return { ...verdict, detail: where + verdict.detail };
    }
  }
  let parts = bodies.length;
  for (const image of channel.image ? await messageImages(message, channel.image.maxBytes) : []) {
    await rateWindow.take();
    const request = channel.request(channel.image!.body(image.data), clock.now());
    // The text is in the group already: a picture that does not go through is left out, not a reason to send it all again.
    if (judgeWebhookReply(await postJson(request.url, request.body), channel).ok) parts++;
  }
  return { ok: true, parts };
}

/** Details come partly from the platform's own messages, which may echo what we sent: mask every secret. */
function redact(result: SendResult, secrets: readonly (Secret | undefined)[]): SendResult {
  if (result.ok) return result;
  let detail = result.detail;
  for (const value of secrets.map((s) => s?.reveal() ?? '')) {
    for (const form of [value, encodeURIComponent(value)]) if (form !== '') detail = detail.replaceAll(form, '***');
  }
  return { ...result, detail };
}
