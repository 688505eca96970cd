/**
 * How a two-way channel keeps its outbound connection (DingTalk Stream, the
 * Feishu long connection, the WeCom robot WebSocket): open a session, and when
 * it ends open the next after a back-off that doubles while connections keep
 * dropping. Refused credentials wait long: a wrong secret is not fixed by
 * asking again soon, and a tight loop would look like an attack to the platform.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReconnectOptions {
  /** Reconnect delays: the first, doubling up to the last (ms). */
  readonly backoffMs?: { readonly first: number; readonly max: number };
  /** Wait after the platform refused the credentials. */
  readonly refusedWaitMs?: number;
}

export const defaultRefusedWaitMs = 10 * 60_000;

/** A connection that held this long was healthy: the next drop starts the back-off over. */
const healthyMs = 60_000;

/**
 * Runs sessions until `signal` aborts; resolves then. `ended` hears how each
 * session ended and, unless it was refused, how long until the next one.
 */
export async function keepConnected<End extends string>(
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
