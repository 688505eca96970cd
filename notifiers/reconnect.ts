/**
 * How a two-way channel keeps its outbound connection (DingTalk Stream, the
 * Feishu long connection, the WeCom robot WebSocket): open a session, and when
 * it ends open the next after a back-off that doubles while connections keep
 * dropping. Refused credentials wait long: a wrong secret is not fixed by
 * asking again soon, and a tight loop would look like an attack to the platform.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatHost } from './channel-module.ts';

export interface ReconnectOptions {
  /** Reconnect delays: the first, doubling up to the last (ms). */
  readonly backoffMs?: { readonly first: number; readonly max: number };
  /** Wait after the platform refused the credentials. */
  readonly refusedWaitMs?: number;
}

export const defaultRefusedWaitMs = 10 * 60_000;

/** A connection that held this long was healthy: the next drop starts the back-off over. */
const healthyMs = 60_000;

export interface KeptConnection {
  /** Ends the loop: aborts, drops the open socket, and resolves when no session runs any more. */
  stop(): Promise<void>;
}

/**
 * Runs sessions until stopped. `ended` hears how each session ended and,
 * unless it was refused, how long until the next one; `drop` closes the
 * socket of the session running when `stop` is called.
 */
export function keepConnected<End extends string>(
  abort: AbortController,
  options: ReconnectOptions,
  session: () => Promise<End | 'refused'>,
  ended: (end: End | 'refused', nextInMs?: number) => void,
  drop: () => void,
): KeptConnection {
  const loop = runSessions(abort.signal, options, session, ended);
  return {
    async stop() {
      abort.abort();
      drop();
      await loop;
    },
  };
}

/** What a chat channel says when its connection is lost: its queue waits (or reroutes), and the log says when it tries again. */
export function reportLoss(host: ChatHost, label: string): (end: string, nextInMs?: number) => void {
  return (end, nextInMs) => {
    host.connected?.(false);
    if (end === 'closed') host.log(`${label}的连接断开了，${againIn(nextInMs)}`);
  };
}

export const againIn = (ms = 0) => `${(ms / 1000).toFixed(1)} 秒后重连`;

async function runSessions<End extends string>(
  signal: AbortSignal,
  options: ReconnectOptions,
  session: () => Promise<End | 'refused'>,
  ended: (end: End | 'refused', nextInMs?: number) => void,
): Promise<void> {
  const { first, max } = options.backoffMs ?? { first: 1000, max: 60_000 };
  const wait = (ms: number) => sleep(ms, undefined, { signal }).catch(() => undefined);
  let delay = first;
  while (!signal.aborted) {
    const started = Date.now();
    const end = await session();
    if (signal.aborted) break;
    if (end === 'refused') {
      ended(end);
      await wait(options.refusedWaitMs ?? defaultRefusedWaitMs);
      continue;
    }
    if (Date.now() - started > healthyMs) delay = first;
    ended(end, delay);
    await wait(delay * (0.75 + Math.random() / 2));
    delay = Math.min(delay * 2, max);
  }
}
