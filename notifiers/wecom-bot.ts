/**
 * A WeCom (企业微信 / 政务微信) 智能机器人 in API mode over its long
 * connection: people message it one-to-one or @ it in a group, it answers on
 * the message, and sends on its own to a person (by userid) or its group.
 * Only an outbound WebSocket is needed: no public address, domain or trusted IP.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import { secretRef, text } from '../config/fields.ts';
import type { IncomingChat } from '../core/chat.ts';
import { processedInMemory } from '../store/processed-messages.ts';
import { defineChannel, type ChatConnection, type ChatHost, type PersonId } from './channel-module.ts';
import { RateWindow, systemClock } from './rate-window.ts';
import { splitMessage, splitReply, utf8Bytes } from './split-message.ts';
import type { Notifier, OutgoingMessage, SendResult } from './types.ts';
import type { DeliveryOptions } from './webhook-notifier.ts';
import { openWecomBotSocket, type BotSocketConfig, type BotSocketOptions, type WecomBotFrame, type WecomBotSocket } from './wecom-bot-socket.ts';

export interface WecomBotConfig extends BotSocketConfig {
  /** The group (chatid) that messages without a person go to. */
  readonly chatId?: string;
}

/**
 * Markdown sent on the robot's own is capped here at WeCom's markdown limit
 * (4,096 bytes, as for group robots): the long connection's documents give
 * only the stream answer's 20,480.
 */
const sendMaxBytes = 4096;
const answerMaxBytes = 20_480;

/**
 * The platform keeps one live connection per bot and pushes the older one
 * off, so the listener and the notifier of a bot share the listener's
 * connection, found here by address and Bot ID.
 */
const liveSockets = new Map<string, WecomBotSocket>();
const socketKey = (config: BotSocketConfig) => `${config.wsUrl} ${config.botId}`;

async function sendMarkdown(socket: WecomBotSocket, chatid: string, content: string): Promise<void> {
  const ack = await socket.request('aibot_send_msg', { chatid, msgtype: 'markdown', markdown: { content } });
  if (ack.errcode !== 0) throw new Error(`errcode ${ack.errcode}${ack.errmsg ? `: ${ack.errmsg}` : ''}`);
}

export function createWecomBotNotifier(config: WecomBotConfig & DeliveryOptions): Notifier {
  const rateWindow = new RateWindow(config.perMinute ?? 20, { now: config.now ?? systemClock.now, sleep: config.sleep ?? systemClock.sleep });
  return {
    channel: 'wecom-bot',
    name: config.name,
    async send(message: OutgoingMessage, to?: PersonId): Promise<SendResult> {
      if (to && !to.userId) return { ok: false, retryable: false, reason: 'no-address', setting: 'userId', detail: 'the person has no userId on WeCom' };
      const chatid = to ? to.userId! : config.chatId;
      if (!chatid) return { ok: false, retryable: false, reason: 'bad-config', setting: 'chatId', detail: 'no chatId (group) configured' };
      const socket = liveSockets.get(socketKey(config));
      const state = socket?.state();
      if (!socket || state?.kind !== 'ready') {
        const refused = state?.kind === 'refused';
        return refused
          ? { ok: false, retryable: false, reason: 'bad-secret', code: { errcode: state.code }, detail: state.detail }
          : { ok: false, retryable: true, reason: 'not-connected', detail: 'not connected yet' };
      }
      const parts = splitMessage(message.title, message.markdown, { maxBytes: sendMaxBytes, framingBytes: 5, lineOverheadBytes: 1, measure: utf8Bytes });
      for (const part of parts) {
        await rateWindow.take();
        try {
          await sendMarkdown(socket, chatid, [`### ${part.title}`, ...part.lines].join('\n'));
        } catch (error) {
          return { ok: false, retryable: true, reason: 'network', detail: (error as Error).message };
        }
      }
      return { ok: true, parts: parts.length };
    },
  };
}

/** The fields of a pushed message the bot uses. */
interface BotMessage {
  readonly msgid?: string;
  readonly chatid?: string;
  readonly chattype?: string;
  readonly from?: { readonly userid?: string };
  readonly msgtype?: string;
  readonly text?: { readonly content?: string };
}

/**
 * The message as the bot's chat: the first answer goes on the message itself
 * (a finished stream on its req_id); later ones, like a sweep's result
 * minutes after, are sent to the conversation on the robot's own.
 */
function toChat(frame: WecomBotFrame, socket: WecomBotSocket): IncomingChat | undefined {
  const message = (frame.body ?? {}) as BotMessage;
  const userId = message.from?.userid;
  if (message.msgtype !== 'text' || !userId) return undefined;
  const group = message.chattype === 'group' && message.chatid ? message.chatid : undefined;
  let answered = false;
  const reply = async (text: string) => {
    for (const piece of splitReply(text, answered ? sendMaxBytes : answerMaxBytes)) {
      if (!answered) {
        answered = true;
        const ack = await socket.request('aibot_respond_msg', { msgtype: 'stream', stream: { id: randomUUID(), finish: true, content: piece } }, frame.headers.req_id);
        if (ack.errcode === 0) continue;
      }
      await sendMarkdown(socket, group ?? userId, piece);
    }
  };
  return {
    // In a group the text starts with the @ of the robot's name.
    text: (message.text?.content ?? '').replace(/^\s*@\S+/, '').trim(),
    talker: { name: userId, id: { platform: 'wecom', userId } },
    ...(group ? { room: group } : {}),
    reply,
    // The long connection's media upload (aibot_upload_media_*) is documented only by name in official-channels.md §1,
    // not its frames: rather than guess them, the person is told where the file comes from.
    replyFile: (path) => reply(`企业微信智能机器人发不了文件，统计表“${basename(path)}”没有发出。需要 Excel 文件时，请在电脑上运行 menu-patrol report 生成，或在钉钉、飞书、企业微信自建应用里发“报告”。`),
  };
}

export function listenWecomBot(config: WecomBotConfig, host: ChatHost, options?: BotSocketOptions): ChatConnection {
  const label = `企业微信智能机器人“${config.name}”`;
  const processed = host.processed ?? processedInMemory();
  /** Groups named in the log once each: a group's chatid is shown nowhere else, and `chatId` needs it. */
  const groupsTold = new Set<string>();
  const socket = openWecomBotSocket(
    config,
    (frame) => {
      if (frame.cmd !== 'aibot_msg_callback') return;
      const msgid = (frame.body as BotMessage | undefined)?.msgid ?? frame.headers.req_id;
      const chat = toChat(frame, socket);
      if (!chat) return;
      if (chat.room && !config.chatId && !groupsTold.has(chat.room)) {
        groupsTold.add(chat.room);
        host.log(`${label}收到了群里的消息，这个群的 chatid 是 ${chat.room}（要让提醒发到这个群，把它写在 chatId 里）`);
      }
      // Once per msgid, also across a restart (the store keeps the ids).
      processed
        .firstTime(config.name, msgid)
        .then((first) => (first ? host.handle(chat) : undefined))
        .catch((error: unknown) => host.log(`${label}处理消息出错：${(error as Error).message}`));
    },
    host.log,
    { ...options, connected: (up) => host.connected?.(up) },
  );
  const key = socketKey(config);
  liveSockets.set(key, socket);
  return {
    async stop() {
      if (liveSockets.get(key) === socket) liveSockets.delete(key);
      await socket.stop();
    },
  };
}

const wsUrl = z.url({ protocol: /^wss?$/, error: '应为以 wss:// 开头的长连接地址，例如 wss://openws.work.weixin.qq.com' });

/** `channels: - { type: wecom-bot, name, botId, secret: env:…, chatId?, wsUrl? }` */
export const wecomBotChannel = defineChannel({
  fields: { name: text, botId: text, secret: secretRef, chatId: text.optional(), wsUrl: wsUrl.optional() },
  // People are known by their `wecom: { userId }`, shared with the group robot (see registry.ts platformOf).
  person: z.strictObject({ userId: text }),
  resolve: (raw, secret): WecomBotConfig => ({
    name: raw.name,
    botId: raw.botId,
    secret: secret('secret', raw.secret),
    ...(raw.chatId ? { chatId: raw.chatId } : {}),
    // 政务微信 and other private deployments have their own address, shown in their admin console.
    wsUrl: raw.wsUrl ?? 'wss://openws.work.weixin.qq.com',
  }),
  create: createWecomBotNotifier,
  listen: (config, host) => listenWecomBot(config, host),
});
