/**
 * A WeCom (企业微信 / 政务微信) self-built app (自建应用): it sends through
 * message/send (wecom-app-api.ts) to people by userid, and, when the office
 * has a public HTTPS entry forwarding to `callback.listen`, people message it
 * and it answers the same way (wecom-callback.ts). Needs IT for everything:
 * admin rights, an ICP-filed domain for the callback, a trusted egress IP.
 */
import { z } from 'zod';
import { hostAndPort, httpUrl, listenAddress, secretRef, text } from '../config/fields.ts';
import type { IncomingChat } from '../core/chat.ts';
import { processedInMemory } from '../store/processed-messages.ts';
import { defineChannel, type ChatConnection, type ChatHost, type PersonId } from './channel-module.ts';
import { RateWindow, systemClock } from './rate-window.ts';
import { splitMessage, splitReply, utf8Bytes } from './split-message.ts';
import type { Notifier, OutgoingMessage, SendResult } from './types.ts';
import { readFileToSend } from './reply-file.ts';
import { fileLimits, textMaxBytes, wecomAppApi, type WecomAppApiConfig } from './wecom-app-api.ts';
import { startWecomCallback, type AppMessage, type CallbackConfig, type CallbackOptions } from './wecom-callback.ts';
import type { DeliveryOptions } from './webhook-notifier.ts';

export interface WecomAppConfig extends WecomAppApiConfig {
  /** Who messages without a person go to: userids joined by `|`. */
  readonly toUser?: string;
  /** Absent: the app only sends. */
  readonly callback?: Omit<CallbackConfig, 'name' | 'corpId'>;
}

/** The text in messages of at most 2,048 bytes, split on line boundaries, numbered when more than one. */
function texts(title: string, body: string): string[] {
  return splitMessage(title, body, { maxBytes: textMaxBytes, framingBytes: 1, lineOverheadBytes: 1, measure: utf8Bytes }).map((part) => [part.title, ...part.lines].join('\n'));
}

async function sendAll(send: (content: string) => Promise<SendResult>, contents: readonly string[]): Promise<SendResult> {
  for (const content of contents) {
    const result = await send(content);
    if (!result.ok) return result;
  }
  return { ok: true, parts: contents.length };
}

export function createWecomAppNotifier(config: WecomAppConfig & DeliveryOptions): Notifier {
  const api = wecomAppApi(config, config.now);
  // A member gets at most 30 messages a minute from an app; more are dropped without a word.
  const rateWindow = new RateWindow(config.perMinute ?? 20, { now: config.now ?? systemClock.now, sleep: config.sleep ?? systemClock.sleep });
  return {
    channel: 'wecom-app',
    name: config.name,
    async send(message: OutgoingMessage, to?: PersonId): Promise<SendResult> {
      if (to && !to.userId) return { ok: false, retryable: false, reason: 'no-address', setting: 'userId', detail: 'the person has no userId on WeCom' };
      const touser = to ? to.userId! : config.toUser;
      if (!touser) return { ok: false, retryable: false, reason: 'bad-config', setting: 'toUser', detail: 'no toUser configured' };
      return sendAll(async (content) => {
        await rateWindow.take();
        return api.sendText(touser, content);
      }, texts(message.title, message.text));
    },
  };
}

function toChat(message: AppMessage, api: ReturnType<typeof wecomAppApi>): IncomingChat {
  return {
    text: message.text.trim(),
    talker: { name: message.userId, id: { platform: 'wecom', userId: message.userId } },
    reply: async (reply) => {
      const sent = await sendAll((content) => api.sendText(message.userId, content), splitReply(reply, textMaxBytes));
      if (!sent.ok) throw new Error(sent.detail);
    },
    replyFile: async (path) => {
      const sent = await api.sendFile(message.userId, await readFileToSend(path, '企业微信', fileLimits));
      if (!sent.ok) throw new Error(`文件没能发到企业微信（${sent.detail}）`);
    },
  };
}

/** Serves the callback (when configured) until stopped; where it listens, or why it cannot, goes to the log. */
export function listenWecomApp(config: WecomAppConfig, host: ChatHost, options?: CallbackOptions): ChatConnection {
  const label = `企业微信应用“${config.name}”`;
  if (!config.callback) return { stop: async () => {} };
  const api = wecomAppApi(config);
  // Fetched now, not at the first message: its answer is not held up, and a wrong secret shows in the log at start.
  void api.token().then((token) => token.ok || host.log(`${label}取不到访问令牌：${token.detail}`));
  const processed = host.processed ?? processedInMemory();
  const started = startWecomCallback(
    { name: config.name, corpId: config.corpId, ...config.callback },
    (message) => {
      // WeCom tries a message three times when an answer is slow or lost; once per MsgId, also across a restart.
      const first = message.msgId ? processed.firstTime(config.name, message.msgId) : Promise.resolve(true);
      first
        .then((yes) => (yes ? host.handle(toChat(message, api)) : undefined))
        .catch((error: unknown) => host.log(`${label}处理消息出错：${(error as Error).message}`));
    },
    host.log,
    options,
  ).then(
    (server) => {
      host.log(`${label}在 ${server.url} 接收消息（企业微信后台“接收消息”的 URL 要转发到这里）`);
      return server;
    },
    (error: unknown) => {
      host.log(`${label}没能开始接收消息：${(error as Error).message}。请核对 callback 的 listen 地址和 EncodingAESKey。`);
      return undefined;
    },
  );
  return {
    async stop() {
      await (await started)?.stop();
    },
  };
}

const listenAt = listenAddress('127.0.0.1:8080').transform(hostAndPort);

const callback = z.strictObject({
  /** Where this program listens; the office's HTTPS entry (nginx …) forwards the app's callback URL here. */
  listen: listenAt,
  path: text.regex(/^\//, '应以 / 开头，例如 /wecom/callback').default('/wecom/callback'),
  token: secretRef,
  encodingAESKey: secretRef,
});

/** `channels: - { type: wecom-app, name, corpId, agentId, secret: env:…, toUser?, apiBase?, callback?: { listen, path?, token, encodingAESKey } }` */
export const wecomAppChannel = defineChannel({
  fields: { name: text, corpId: text, agentId: z.int().min(1), secret: secretRef, toUser: text.optional(), apiBase: httpUrl.optional(), callback: callback.optional() },
  // People are known by their `wecom: { userId }`, shared with the group robot (see registry.ts platformOf).
  person: z.strictObject({ userId: text }),
  resolve: (raw, secret): WecomAppConfig => ({
    name: raw.name,
    corpId: raw.corpId,
    agentId: raw.agentId,
    secret: secret('secret', raw.secret),
    ...(raw.toUser ? { toUser: raw.toUser } : {}),
    // 政务微信 is a private deployment: its operator gives the API host.
    apiBase: (raw.apiBase ?? 'https://qyapi.weixin.qq.com').replace(/\/+$/, ''),
    ...(raw.callback
      ? {
          callback: {
            listen: raw.callback.listen,
            path: raw.callback.path,
            token: secret('callback', raw.callback.token),
            encodingAESKey: secret('callback', raw.callback.encodingAESKey),
          },
        }
      : {}),
  }),
  create: createWecomAppNotifier,
  listen: (config, host) => listenWecomApp(config, host),
});
