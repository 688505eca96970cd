/**
 * Feishu's long connection, client side (the official SDK's ws-client, as
 * official-channels.md §3 describes it; written here so that the back-off,
 * the wrong-secret wait and the de-duplication are ours): ask
 * /callback/ws/endpoint for a WebSocket address, hold it, ping it, acknowledge
 * every event at once with {code:200}, and reconnect with back-off when it
 * drops. Events come again when an ack is lost or after a reconnect; a
 * message is handled once per message_id, remembered across restarts.
 */
import WebSocket from 'ws';
import type { IncomingChat } from '../core/chat.ts';
import { defaultRefusedWaitMs, keepConnected, reportLoss, type ReconnectOptions } from './reconnect.ts';
import { processedInMemory } from '../store/processed-messages.ts';
import type { ChatConnection, ChatHost } from './channel-module.ts';
import { feishuApi, feishuBadSecretHint, feishuFileMaxBytes, feishuTexts, textBody, type FeishuAppConfig } from './feishu-app.ts';
import { decodeFrame, encodeFrame, frameMethod, header, type FeishuFrame } from './feishu-frames.ts';
import { postJson } from './post-json.ts';
import { readFileToSend } from './reply-file.ts';

export type FeishuWsOptions = ReconnectOptions;

/** The parts of im.message.receive_v1 the bot uses. */
interface MessageEvent {
  readonly header?: { readonly event_id?: string; readonly event_type?: string };
  readonly event?: {
    readonly sender?: { readonly sender_id?: { readonly open_id?: string; readonly user_id?: string }; readonly sender_type?: string };
    readonly message?: { readonly message_id?: string; readonly chat_id?: string; readonly chat_type?: string; readonly message_type?: string; readonly content?: string };
  };
}

/** Endpoint codes worth asking again for: 1 system busy, 1000040343 internal error (the SDK's rule). Others refuse. */
const busyCodes: ReadonlySet<number> = new Set([1, 1000040343]);

const utf8 = new TextDecoder();

export function connectFeishuWs(config: FeishuAppConfig, host: ChatHost, options: FeishuWsOptions = {}): ChatConnection {
  const refusedWaitMs = options.refusedWaitMs ?? defaultRefusedWaitMs;
  const api = feishuApi(config);
  const processed = host.processed ?? processedInMemory();
  const abort = new AbortController();
  let socket: WebSocket | undefined;
  const label = `飞书应用“${config.name}”`;
  /** Split events, by frame message_id, until all their parts are in. */
  const partial = new Map<string, (Uint8Array | undefined)[]>();


  function toChat(event: NonNullable<MessageEvent['event']>): IncomingChat | undefined {
    const { message, sender } = event;
    if (!message?.message_id || message.message_type !== 'text' || sender?.sender_type === 'app') return undefined;
    const openId = sender?.sender_id?.open_id ?? '';
    const userId = sender?.sender_id?.user_id || openId;
    let said = '';
    try {
      said = String((JSON.parse(message.content ?? '{}') as { text?: unknown }).text ?? '');
    } catch {
      return undefined;
    }
    const messageId = message.message_id;
    return {
      // In groups the @bot comes as a placeholder (@_user_1); what is left is the command.
      text: said.replace(/@_user_\d+/g, '').trim(),
      talker: { name: openId, id: { platform: 'feishu', userId, openId } },
      ...(message.chat_type === 'group' && message.chat_id ? { room: message.chat_id } : {}),
      async reply(text: string) {
        const [first = '', ...rest] = text.split('\n');
        for (const part of feishuTexts(first, rest.join('\n'), '')) {
          const sent = await api.post(`/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`, textBody(part));
          if (!sent.ok) throw new Error(`${label}回复失败（${sent.detail}）`);
        }
      },
      // Uploaded first, then a file message to the chat the message came from (one-to-one chats have a chat_id too).
      async replyFile(path: string) {
        const file = await readFileToSend(path, '飞书', { maxBytes: feishuFileMaxBytes });
        const uploaded = await api.uploadFile(file);
        if (!uploaded.ok) throw new Error(`文件没能传到飞书（${uploaded.detail}）`);
        const content = JSON.stringify({ file_key: uploaded.fileKey });
        const sent = await api.post(`/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`, { msg_type: 'file', content });
        if (!sent.ok) throw new Error(`飞书没有收下文件消息（${sent.detail}）`);
      },
    };
  }

  async function onEvent(payload: Uint8Array): Promise<void> {
    let event: MessageEvent;
    try {
      event = JSON.parse(utf8.decode(payload)) as MessageEvent;
    } catch {
      host.log(`${label}收到无法解析的事件，已忽略`);
      return;
    }
    if (event.header?.event_type !== 'im.message.receive_v1' || !event.event) return;
    const id = event.event.message?.message_id ?? event.header.event_id;
    if (!id || !(await processed.firstTime(config.name, id))) return;
    const chat = toChat(event.event);
    if (chat) await host.handle(chat);
  }

  function onFrame(ws: WebSocket, frame: FeishuFrame): void {
    const type = header(frame, 'type');
    if (frame.method === frameMethod.control) {
      if (type === 'pong' && frame.payload) applyClientConfig(frame.payload);
      return;
    }
    if (type !== 'event') return;
    const messageId = header(frame, 'message_id') ?? '';
    const sum = Number(header(frame, 'sum') ?? 1);
    const seq = Number(header(frame, 'seq') ?? 0);
    const parts = partial.get(messageId) ?? new Array<Uint8Array | undefined>(Math.max(1, sum)).fill(undefined);
    parts[seq] = frame.payload ?? new Uint8Array();
    if (parts.some((p) => p === undefined)) {
      partial.set(messageId, parts);
      return;
    }
    partial.delete(messageId);
    // Ack first, before any work: Feishu pushes again what is not answered within 3 s, and a sweep takes longer.
    ws.send(encodeFrame({ ...frame, headers: [...frame.headers, { key: 'biz_rt', value: '0' }], payload: new TextEncoder().encode(JSON.stringify({ code: 200 })) }));
    onEvent(Buffer.concat(parts as Uint8Array[])).catch((error: unknown) => host.log(`${label}处理消息出错：${(error as Error).message}`));
  }

  let pingMs = 120_000;
  function applyClientConfig(payload: Uint8Array): void {
    try {
      const { PingInterval } = JSON.parse(utf8.decode(payload)) as { PingInterval?: unknown };
      if (typeof PingInterval === 'number' && PingInterval > 0) pingMs = PingInterval * 1000;
    } catch {
      // A pong without a readable config keeps the interval we have.
    }
  }

  /** One connection, until it closes; 'refused' when the platform turned the credentials down. */
  async function session(): Promise<'closed' | 'refused' | 'failed'> {
    // Parts of an event cut off by a drop come again whole on the next connection.
    partial.clear();
    const opened = await postJson(`${config.domain}/callback/ws/endpoint`, { AppID: config.appId, AppSecret: config.appSecret.reveal() }, { locale: 'zh' });
    if (abort.signal.aborted) return 'closed';
    if (opened.kind === 'network') {
      host.log(`${label}连接不上飞书（${opened.code}），稍后重试`);
      return 'failed';
    }
    const body = (opened.body ?? {}) as { code?: unknown; msg?: unknown; data?: { URL?: unknown; ClientConfig?: { PingInterval?: unknown } } };
    const code = Number(body.code);
    if (opened.status < 500 && opened.status !== 429 && code !== 0 && !busyCodes.has(code)) {
      host.log(`${label}的身份验证没有通过：${feishuBadSecretHint}（HTTP ${opened.status}，${String(body.code)}）。${Math.round(refusedWaitMs / 60_000)} 分钟后再试。`);
      return 'refused';
    }
    const address = body.data?.URL;
    if (code !== 0 || typeof address !== 'string') {
      host.log(`${label}没有拿到连接地址（HTTP ${opened.status}，${String(body.code)}），稍后重试`);
      return 'failed';
    }
    if (typeof body.data?.ClientConfig?.PingInterval === 'number') pingMs = body.data.ClientConfig.PingInterval * 1000;
    const service = Number(new URL(address).searchParams.get('service_id') ?? 0);
    return new Promise((resolve) => {
      const ws = new WebSocket(address);
      socket = ws;
      let pinger: NodeJS.Timeout | undefined;
      const ping = () => {
        if (ws.readyState === WebSocket.OPEN) ws.send(encodeFrame({ seqId: 0n, logId: 0n, service, method: frameMethod.control, headers: [{ key: 'type', value: 'ping' }] }));
        pinger = setTimeout(ping, pingMs);
      };
      ws.on('open', () => {
        host.connected?.(true);
        ping();
      });
      ws.on('message', (data: Buffer) => {
        let frame: FeishuFrame;
        try {
          frame = decodeFrame(data);
        } catch {
          host.log(`${label}收到无法解析的数据，已忽略`);
          return;
        }
        onFrame(ws, frame);
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        clearTimeout(pinger);
        resolve('closed');
      });
    });
  }

  return keepConnected(abort, options, session, reportLoss(host, label), () => socket?.terminate());
}
