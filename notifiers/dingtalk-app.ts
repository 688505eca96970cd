/**
 * A DingTalk (钉钉) enterprise internal app's robot: people talk to it over
 * Stream mode (dingtalk-stream.ts: an outbound WebSocket, no public address
 * needed), it answers through each message's session webhook, and sends on
 * its own through the robot API: one-to-one by staff id, or to its group,
 * screenshots as image messages after the text.
 */
import { z } from 'zod';
import { httpUrl, secretRef, text } from '../config/fields.ts';
import type { Secret } from '../config/secret.ts';
import { defineChannel, type PersonId } from './channel-module.ts';
import { connectDingtalkStream } from './dingtalk-stream.ts';
import { messageImages } from './message-images.ts';
import { postFile, postJson, unanswered, type PostOutcome } from './post-json.ts';
import { RateWindow, systemClock } from './rate-window.ts';
import { badSecret, replyFailure } from './reply-failure.ts';
import { extensionOf, readFileToSend, type FileToSend } from './reply-file.ts';
import { splitMessage, utf8Bytes } from './split-message.ts';
import type { Notifier, OutgoingMessage, SendFailure, SendResult } from './types.ts';
import type { DeliveryOptions } from './webhook-notifier.ts';

export interface DingtalkAppConfig {
  readonly name: string;
  /** The app's Client ID (AppKey). */
  readonly clientId: string;
  readonly clientSecret: Secret;
  /** The robot's code; DingTalk makes it the Client ID unless told otherwise. */
  readonly robotCode: string;
  /** The group (openConversationId) that messages without a person go to. */
  readonly openConversationId?: string;
  /** api.dingtalk.com, or a loopback fake in tests and the demo. */
  readonly baseUrl: string;
  /** Where pictures are uploaded: oapi.dingtalk.com; absent, baseUrl (a fake serves both). */
  readonly oapiBaseUrl?: string;
}

/** msgParam's limit for group messages, in UTF-8 bytes (the reference's 15,000), with room for the JSON around it. */
const paramMaxBytes = 14_000;

/** The media upload's limit for pictures is far above a screenshot's 100 KB or so. */
const imageMaxBytes = 10 * 1024 * 1024;

/** Files: 20 MB, as third-party clients of media/upload cap them (official-channels.md §2 found no official figure). */
const fileMaxBytes = 20 * 1024 * 1024;

const imageType = (name: string) => (/\.png$/i.test(name) ? 'image/png' : 'image/jpeg');

/** Where a file goes: a person one-to-one, or the group (openConversationId) a message came from. */
export type FileTarget = { readonly userId: string } | { readonly openConversationId: string };

export interface DingtalkAppNotifier extends Notifier {
  /** The file at `path` as a file message (sampleFile); throws in plain words when it cannot go. */
  sendFile(path: string, to: FileTarget): Promise<void>;
}

/** "invalid credentials" in words a clerk can act on; the platform's own code goes in brackets. */
export const badSecretHint = '请在钉钉开发者后台“凭证与基础信息”里核对 Client ID 和 Client Secret';

/** The app's access token, fetched once and renewed a few minutes before it expires. */
export function tokenSource(config: DingtalkAppConfig, now: () => number = Date.now) {
  let cached: { token: string; until: number } | undefined;
  return {
    forget: () => void (cached = undefined),
    async get(): Promise<{ ok: true; token: string } | SendFailure> {
      if (cached && cached.until > now()) return { ok: true, token: cached.token };
      const reply = await postJson(`${config.baseUrl}/v1.0/oauth2/accessToken`, { appKey: config.clientId, appSecret: config.clientSecret.reveal() });
      if (reply.kind === 'network') return unanswered(reply);
      const body = (reply.body ?? {}) as { accessToken?: unknown; expireIn?: unknown; code?: unknown; message?: unknown };
      if (reply.status === 200 && typeof body.accessToken === 'string') {
        const seconds = typeof body.expireIn === 'number' ? body.expireIn : 7200;
        cached = { token: body.accessToken, until: now() + Math.max(60, seconds - 300) * 1000 };
        return { ok: true, token: body.accessToken };
      }
      const said = `HTTP ${reply.status}${body.code ? `, ${String(body.code)}` : ''}`;
      const platformCode = body.code ? String(body.code) : undefined;
      if (reply.status >= 500 || reply.status === 429) return replyFailure(reply.status, platformCode, said);
      return badSecret(reply.status, platformCode, `${badSecretHint}（${said}）`);
    },
  };
}

function judge(reply: PostOutcome): SendResult {
  if (reply.kind === 'network') return unanswered(reply);
  if (reply.status === 200) return { ok: true, parts: 1 };
  const body = (reply.body ?? {}) as { code?: unknown };
  const said = `HTTP ${reply.status}${body.code ? `, ${String(body.code)}` : ''}`;
  return replyFailure(reply.status, body.code ? String(body.code) : undefined, said);
}

/** Proactive messages through the robot API: to a person by staff id, or to the configured group. */
export function createDingtalkAppNotifier(config: DingtalkAppConfig & DeliveryOptions): DingtalkAppNotifier {
  const tokens = tokenSource(config, config.now);
  const rateWindow = new RateWindow(config.perMinute ?? 20, { now: config.now ?? systemClock.now, sleep: config.sleep ?? systemClock.sleep });
  async function post(path: string, body: Record<string, unknown>): Promise<SendResult> {
    const token = await tokens.get();
    if (!token.ok) return token;
    const reply = await postJson(`${config.baseUrl}${path}`, body, { 'x-acs-dingtalk-access-token': token.token });
    // A token revoked early (secret reset): fetch a new one next time.
    if (reply.kind === 'reply' && reply.status === 401) tokens.forget();
    return judge(reply);
  }
  /** Image and file messages name an uploaded file by its media_id (the older oapi upload, which takes the same token). */
  async function upload(type: 'image' | 'file', file: FileToSend): Promise<string | undefined> {
    const token = await tokens.get();
    if (!token.ok) return undefined;
    const url = new URL(`${config.oapiBaseUrl ?? config.baseUrl}/media/upload`);
    url.searchParams.set('access_token', token.token);
    url.searchParams.set('type', type);
    const reply = await postFile(url.href, 'media', file);
    const body = (reply.kind === 'reply' ? reply.body : undefined) as { errcode?: unknown; media_id?: unknown } | undefined;
    return body?.errcode === 0 && typeof body.media_id === 'string' ? body.media_id : undefined;
  }
  async function deliverTo(to: FileTarget, msgKey: string, param: Record<string, string>): Promise<SendResult> {
    await rateWindow.take();
    const body = { robotCode: config.robotCode, msgKey, msgParam: JSON.stringify(param) };
    return 'userId' in to ? post('/v1.0/robot/oToMessages/batchSend', { ...body, userIds: [to.userId] }) : post('/v1.0/robot/groupMessages/send', { ...body, ...to });
  }
  return {
    channel: 'dingtalk-app',
    name: config.name,
    async send(message: OutgoingMessage, to?: PersonId): Promise<SendResult> {
      if (to && !to.userId) return { ok: false, retryable: false, reason: 'no-address', setting: 'userId', detail: 'the person has no userId on DingTalk' };
      if (!to && !config.openConversationId) return { ok: false, retryable: false, reason: 'bad-config', setting: 'openConversationId', detail: 'no openConversationId (group) configured' };
      const target: FileTarget = to ? { userId: to.userId! } : { openConversationId: config.openConversationId! };
      const deliver = (msgKey: string, param: Record<string, string>) => deliverTo(target, msgKey, param);
      const parts = splitMessage(message.title, message.markdown, { maxBytes: paramMaxBytes, framingBytes: 16, lineOverheadBytes: 1, measure: utf8Bytes });
      for (const part of parts) {
        const result = await deliver('sampleMarkdown', { title: part.title, text: [`### ${part.title}`, ...part.lines].join('\n') });
        if (!result.ok) return result;
      }
      let sent = parts.length;
      for (const image of await messageImages(message, imageMaxBytes)) {
        const mediaId = await upload('image', { name: image.name, type: imageType(image.name), data: image.data });
        // The text is there already: a picture that does not go through is left out, not a reason to send the text again.
        if (mediaId !== undefined && (await deliver('sampleImageMsg', { photoURL: mediaId })).ok) sent++;
      }
      return { ok: true, parts: sent };
    },
    async sendFile(path, to) {
      const file = await readFileToSend(path, '钉钉', { maxBytes: fileMaxBytes });
      const mediaId = await upload('file', file);
      if (mediaId === undefined) throw new Error('文件没能传到钉钉');
      const sent = await deliverTo(to, 'sampleFile', { mediaId, fileName: file.name, fileType: extensionOf(file.name) });
      if (!sent.ok) throw new Error(`钉钉没有收下文件消息（${sent.detail}）`);
    },
  };
}

/** `channels: - { type: dingtalk-app, name, clientId, clientSecret: env:…, robotCode?, openConversationId?, baseUrl? }` */
export const dingtalkAppChannel = defineChannel({
  fields: { name: text, clientId: text, clientSecret: secretRef, robotCode: text.optional(), openConversationId: text.optional(), baseUrl: httpUrl.optional() },
  // People are known by their `dingtalk: { userId }`, shared with the group robot (see registry.ts platformOf).
  person: z.strictObject({ userId: text }),
  resolve: (raw, secret): DingtalkAppConfig => ({
    name: raw.name,
    clientId: raw.clientId,
    clientSecret: secret('clientSecret', raw.clientSecret),
    robotCode: raw.robotCode ?? raw.clientId,
    ...(raw.openConversationId ? { openConversationId: raw.openConversationId } : {}),
    baseUrl: (raw.baseUrl ?? 'https://api.dingtalk.com').replace(/\/+$/, ''),
    ...(raw.baseUrl ? {} : { oapiBaseUrl: 'https://oapi.dingtalk.com' }),
  }),
  create: createDingtalkAppNotifier,
  listen: (config, host) => connectDingtalkStream(config, host),
});
