/**
 * The WeCom 智能机器人 long connection, client side (official-channels.md §1):
 * open the WebSocket, subscribe with the Bot ID and Secret, ping every 30 s,
 * and reconnect with back-off when it drops. Every request is answered by a
 * frame with the same req_id and an errcode; `request` waits for it. The
 * platform keeps one live connection per bot, so the listener and the
 * notifier share this one (see wecom-bot.ts).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Secret } from '../config/secret.ts';
import { againIn, defaultRefusedWaitMs, keepConnected, type ReconnectOptions } from './reconnect.ts';

export interface WecomBotFrame {
  readonly cmd?: string;
  readonly headers: { readonly req_id: string };
  readonly body?: Record<string, unknown>;
  readonly errcode?: number;
  readonly errmsg?: string;
}

export interface Ack {
  readonly errcode: number;
  readonly errmsg: string;
}

export interface BotSocketOptions extends ReconnectOptions {
  readonly heartbeatMs?: number;
  /** How long a request waits for its answer. */
  readonly ackTimeoutMs?: number;
  /** Told when the connection is ready and when it is lost, so queued messages wait or go another way. */
  readonly connected?: (up: boolean) => void;
}

export interface BotSocketConfig {
  readonly name: string;
  readonly botId: string;
  readonly secret: Secret;
  readonly wsUrl: string;
}

/** "invalid credentials" in words a clerk can act on. */
export const badBotSecretHint = '请在企业微信“工作台 → 智能机器人”里打开这个机器人的“API 模式（长连接）”设置，核对 Bot ID 和 Secret';

export type SocketState = { readonly kind: 'connecting' } | { readonly kind: 'ready' } | { readonly kind: 'refused'; readonly code: number; readonly detail: string };

export interface WecomBotSocket {
  state(): SocketState;
  /** Sends a frame and resolves with its answer; rejects when not connected or no answer came in time. */
  request(cmd: string, body: Record<string, unknown>, reqId?: string): Promise<Ack>;
  stop(): Promise<void>;
}

/** Pings without an answer before the connection counts as dead. */
const maxMissedPings = 2;

export const newReqId = (cmd: string) => `${cmd}_${randomUUID()}`;

export function openWecomBotSocket(config: BotSocketConfig, onPush: (frame: WecomBotFrame) => void, log: (line: string) => void, options: BotSocketOptions = {}): WecomBotSocket {
  const refusedWaitMs = options.refusedWaitMs ?? defaultRefusedWaitMs;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const ackTimeoutMs = options.ackTimeoutMs ?? 5000;
  const label = `企业微信智能机器人“${config.name}”`;
  const abort = new AbortController();
  /** Requests sent and not yet answered, by req_id: how to settle them, or fail them when the connection goes. */
  const waiting = new Map<string, { readonly answer: (ack: Ack) => void; readonly fail: (error: Error) => void }>();
  /** Requests on the same req_id go one after another: their answers carry nothing else to tell them apart. */
  const tails = new Map<string, Promise<unknown>>();
  let state: SocketState = { kind: 'connecting' };
  let socket: WebSocket | undefined;


  function exchange(cmd: string, body: Record<string, unknown> | undefined, reqId: string): Promise<Ack> {
    return new Promise((resolve, reject) => {
      const ws = socket;
      if (!ws || ws.readyState !== WebSocket.OPEN) return reject(new Error(`${label}没有连上`));
      const settle = () => {
        clearTimeout(timer);
        waiting.delete(reqId);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`${label}在 ${ackTimeoutMs / 1000} 秒内没有应答`));
      }, ackTimeoutMs);
      waiting.set(reqId, {
        answer: (ack) => {
          settle();
          resolve(ack);
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      });
      ws.send(JSON.stringify({ cmd, headers: { req_id: reqId }, ...(body ? { body } : {}) }));
    });
  }

  function request(cmd: string, body: Record<string, unknown>, reqId = newReqId(cmd)): Promise<Ack> {
    if (state.kind !== 'ready') return Promise.reject(new Error(state.kind === 'refused' ? state.detail : `${label}还没有连上`));
    const run = (tails.get(reqId) ?? Promise.resolve()).catch(() => undefined).then(() => exchange(cmd, body, reqId));
    tails.set(reqId, run);
    void run.catch(() => undefined).then(() => tails.get(reqId) === run && tails.delete(reqId));
    return run;
  }

  function onFrame(raw: string): 'kicked' | undefined {
    let frame: WecomBotFrame;
    try {
      frame = JSON.parse(raw) as WecomBotFrame;
    } catch {
      log(`${label}收到无法解析的数据，已忽略`);
      return undefined;
    }
    const reqId = frame.headers?.req_id ?? '';
    if (frame.cmd === 'aibot_event_callback' && (frame.body?.event as { eventtype?: string } | undefined)?.eventtype === 'disconnected_event') return 'kicked';
    if (frame.cmd) {
      onPush(frame);
      return undefined;
    }
    waiting.get(reqId)?.answer({ errcode: frame.errcode ?? -1, errmsg: frame.errmsg ?? '' });
    return undefined;
  }

  /** One connection until it closes: 'refused' when the credentials were turned down. */
  function session(): Promise<'closed' | 'refused' | 'kicked'> {
    return new Promise((resolve) => {
      const ws = new WebSocket(config.wsUrl);
      socket = ws;
      let outcome: 'closed' | 'refused' | 'kicked' = 'closed';
      let missed = 0;
      let heartbeat: NodeJS.Timeout | undefined;
      let unanswered: NodeJS.Timeout | undefined;
      const subscribeId = newReqId('aibot_subscribe');
      ws.on('open', () => {
        unanswered = setTimeout(() => ws.terminate(), ackTimeoutMs);
        // Handled as the answer arrives, not a promise turn later: a push may follow in the same read.
        const subscribed = (ack: Ack) => {
          clearTimeout(unanswered);
          waiting.delete(subscribeId);
          if (ack.errcode !== 0) {
            outcome = 'refused';
            state = { kind: 'refused', code: ack.errcode, detail: `${badBotSecretHint}（错误码 ${ack.errcode}）` };
            log(`${label}的身份验证没有通过：${state.detail}。${Math.round(refusedWaitMs / 60_000)} 分钟后再试。`);
            ws.close();
            return;
          }
          state = { kind: 'ready' };
          options.connected?.(true);
          heartbeat = setInterval(() => {
            // Two pings unanswered: the connection is dead even if TCP has not noticed.
            if (missed >= maxMissedPings) return ws.terminate();
            missed++;
            exchange('ping', undefined, newReqId('ping')).then(() => (missed = 0), () => undefined);
          }, heartbeatMs);
        };
        waiting.set(subscribeId, { answer: subscribed, fail: () => waiting.delete(subscribeId) });
        ws.send(JSON.stringify({ cmd: 'aibot_subscribe', headers: { req_id: subscribeId }, body: { bot_id: config.botId, secret: config.secret.reveal() } }));
      });
      ws.on('message', (data) => {
        if (onFrame(data.toString()) === 'kicked') {
          outcome = 'kicked';
          ws.close();
        }
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        clearInterval(heartbeat);
        clearTimeout(unanswered);
        // Answers cannot come any more: whoever waits learns it now, not after the timeout.
        for (const pending of [...waiting.values()]) pending.fail(new Error(`${label}的连接断开了`));
        if (state.kind === 'ready') state = { kind: 'connecting' };
        resolve(outcome);
      });
    });
  }

  const connection = keepConnected(
    abort,
    options,
    session,
    (end, nextInMs) => {
      options.connected?.(false);
      if (end === 'refused') return;
      log(end === 'kicked' ? `${label}在别处又连上了一次（同一个机器人只能连一处，可能是 doctor 检查或另一台电脑在运行），${againIn(nextInMs)}` : `${label}的连接断开了，${againIn(nextInMs)}`);
    },
    () => socket?.terminate(),
  );

  return { state: () => state, request, stop: connection.stop };
}
