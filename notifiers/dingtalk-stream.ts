/**
 * DingTalk Stream mode, client side: ask the gateway for an endpoint and a
 * one-time ticket, hold a WebSocket to it, acknowledge every push at once by
 * its message id, answer pings, and reconnect with back-off when the gateway
 * drops or asks to. Pushes are redelivered when an ack is lost, so a robot
 * message is handled once per msgId however often it arrives.
 */
import WebSocket from 'ws';
import type { IncomingChat } from '../core/chat.ts';
import { defaultRefusedWaitMs, keepConnected, reportLoss, type ReconnectOptions } from './reconnect.ts';
import { processedInMemory } from '../store/processed-messages.ts';
import type { ChatConnection, ChatHost, PersonId } from './channel-module.ts';
import { badSecretHint, createDingtalkAppNotifier, type DingtalkAppConfig } from './dingtalk-app.ts';
import { postJson } from './post-json.ts';

/** The topic robot messages are pushed under. */
export const robotTopic = '/v1.0/im/bot/messages/get';

export type StreamOptions = ReconnectOptions;

interface Frame {
  readonly specVersion?: string;
  readonly type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  readonly headers: { readonly topic?: string; readonly messageId: string; readonly contentType?: string };
  readonly data: string;
}

/** The fields of a robot message the bot uses. */
interface RobotMessage {
  readonly msgId?: string;
  readonly msgtype?: string;
  readonly text?: { readonly content?: string };
  readonly senderStaffId?: string;
  readonly senderId?: string;
  readonly senderNick?: string;
  readonly conversationType?: string;
  /** A group's openConversationId (cid…), which the robot's group API takes. */
  readonly conversationId?: string;
  readonly conversationTitle?: string;
  readonly sessionWebhook?: string;
  readonly sessionWebhookExpiredTime?: number;
}

/** DingTalk's text limit is about 20,000 bytes; long answers go in pieces of whole lines. */
function pieces(text: string, maxBytes = 18_000): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (Buffer.byteLength(next) > maxBytes && current !== '') {
      out.push(current);
      current = line;
    } else current = next;
  }
  return [...out, current];
}

export function connectDingtalkStream(config: DingtalkAppConfig, host: ChatHost, options: StreamOptions = {}): ChatConnection {
  const refusedWaitMs = options.refusedWaitMs ?? defaultRefusedWaitMs;
  const notifier = createDingtalkAppNotifier(config);
  const processed = host.processed ?? processedInMemory();
  const abort = new AbortController();
  let socket: WebSocket | undefined;
  const label = `钉钉应用“${config.name}”`;


  function toChat(message: RobotMessage): IncomingChat | undefined {
    if (message.msgtype !== 'text') return undefined;
    const userId = message.senderStaffId ?? message.senderId ?? '';
    const person: PersonId = { userId };
    const group = message.conversationType === '2';
    const reply = async (text: string) => {
      const webhook = message.sessionWebhook;
      // The session webhook lasts about 90 minutes: a long sweep may outlive it, then the robot API says it instead.
      if (!webhook || (message.sessionWebhookExpiredTime ?? Infinity) <= Date.now()) {
        const sent = await notifier.send({ title: text.split('\n')[0]!, text, markdown: text }, person);
        if (!sent.ok) throw new Error(sent.detail);
        return;
      }
      for (const content of pieces(text)) {
        const body = { msgtype: 'text', text: { content }, ...(group ? { at: { atUserIds: [userId] } } : {}) };
        const answer = await postJson(webhook, body);
        if (answer.kind === 'network' || answer.status !== 200) throw new Error(`${label}回复失败（${answer.kind === 'network' ? answer.code : `HTTP ${answer.status}`}）`);
      }
    };
    return {
      // Content may begin with a space (where the @name was in a group).
      text: (message.text?.content ?? '').trim(),
      talker: { name: message.senderNick ?? userId, id: { platform: 'dingtalk', userId } },
      ...(group && message.conversationTitle ? { room: message.conversationTitle } : {}),
      reply,
      // The session webhook takes no files: the robot API sends them, to the person or to the group the message came from.
      replyFile: (path) => notifier.sendFile(path, group && message.conversationId ? { openConversationId: message.conversationId } : { userId }),
    };
  }

  function onFrame(ws: WebSocket, raw: string): void {
    let frame: Frame;
    try {
      frame = JSON.parse(raw) as Frame;
    } catch {
      host.log(`${label}收到无法解析的数据，已忽略`);
      return;
    }
    const { topic, messageId } = frame.headers ?? {};
    if (frame.type === 'SYSTEM') {
      if (topic === 'ping') ws.send(JSON.stringify({ code: 200, headers: frame.headers, message: 'OK', data: frame.data }));
      // The gateway closes about 10 s after saying disconnect: a new connection now loses nothing.
      if (topic === 'disconnect') ws.close();
      return;
    }
    const robot = frame.type === 'CALLBACK' && topic === robotTopic;
    // Ack first, before any work: unacknowledged pushes come again.
    ws.send(JSON.stringify({ code: 200, headers: { messageId, contentType: 'application/json' }, message: 'OK', data: JSON.stringify(robot ? { response: null } : { status: 'SUCCESS' }) }));
    if (!robot) return;
    let message: RobotMessage;
    try {
      message = JSON.parse(frame.data) as RobotMessage;
    } catch {
      return;
    }
    const chat = toChat(message);
    if (!chat) return;
    // Once per msgId, also across a restart (the store keeps the ids).
    processed
      .firstTime(config.name, message.msgId ?? messageId)
      .then((first) => (first ? host.handle(chat) : undefined))
      .catch((error: unknown) => host.log(`${label}处理消息出错：${(error as Error).message}`));
  }

  /** One connection, until it closes; 'refused' when the gateway turned the credentials down. */
  async function session(): Promise<'closed' | 'refused' | 'failed'> {
    const opened = await postJson(
      `${config.baseUrl}/v1.0/gateway/connections/open`,
      { clientId: config.clientId, clientSecret: config.clientSecret.reveal(), subscriptions: [{ type: 'CALLBACK', topic: robotTopic }], ua: 'menu-patrol' },
      { accept: 'application/json' },
    );
    if (abort.signal.aborted) return 'closed';
    if (opened.kind === 'network') {
      host.log(`${label}连接不上钉钉（${opened.code}），稍后重试`);
      return 'failed';
    }
    const body = (opened.body ?? {}) as { endpoint?: unknown; ticket?: unknown; code?: unknown };
    if (opened.status >= 400 && opened.status < 500 && opened.status !== 429) {
      host.log(`${label}的身份验证没有通过：${badSecretHint}（HTTP ${opened.status}${body.code ? `，${String(body.code)}` : ''}）。${Math.round(refusedWaitMs / 60_000)} 分钟后再试。`);
      return 'refused';
    }
    if (opened.status !== 200 || typeof body.endpoint !== 'string' || typeof body.ticket !== 'string') {
      host.log(`${label}没有拿到连接地址（HTTP ${opened.status}），稍后重试`);
      return 'failed';
    }
    const url = new URL(body.endpoint);
    url.searchParams.set('ticket', body.ticket);
    return new Promise((resolve) => {
      const ws = new WebSocket(url);
      socket = ws;
      ws.on('open', () => host.connected?.(true));
      ws.on('message', (data) => onFrame(ws, data.toString()));
      ws.on('error', () => undefined);
      ws.on('close', () => resolve('closed'));
    });
  }

  return keepConnected(abort, options, session, reportLoss(host, label), () => socket?.terminate());
}
