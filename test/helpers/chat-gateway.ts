import type { IncomingChat } from '../../core/chat.ts';
import { until } from './until.ts';

/** A chat host for a two-way channel under test: it answers every message with 收到 and records what it heard, said and was told. */
export function echoHost() {
  const handled: string[] = [];
  const log: string[] = [];
  const states: boolean[] = [];
  const host = {
    log: (line: string) => log.push(line),
    handle: async (chat: IncomingChat) => {
      handled.push(chat.text);
      await chat.reply(`收到：${chat.text}`);
    },
    connected: (up: boolean) => states.push(up),
  };
  return { host, handled, log, states };
}

/** What the reconnection tests need of a fake chat gateway (DingTalk Stream, Feishu, WeCom robot). */
export interface DroppingGateway {
  connections(): number;
  connected(): boolean;
  /** Sends message number `i` and returns its id. */
  say(i: number): string;
  redeliver(id: string): void;
  /** Whether message number `i` has been handled and the platform has heard so. */
  handled(i: number): boolean;
  /** Ends connection number `i`: a silent drop, or the platform's own way of pushing a client off. */
  drop(i: number): void;
}

/**
 * Twenty connections, each carrying one new message plus every earlier one
 * again (the platform pushes whatever it thinks was lost), each ended once its
 * message was handled; resolves when the 21st connection is up.
 */
export async function dropTwentyTimes(gateway: DroppingGateway): Promise<void> {
  const ids: string[] = [];
  for (let i = 1; i <= 20; i++) {
    await until(() => gateway.connections() === i && gateway.connected(), `connection ${i}`);
    ids.push(gateway.say(i));
    for (const id of ids) gateway.redeliver(id);
    await until(() => gateway.handled(i), `message ${i} handled and acknowledged`);
    gateway.drop(i);
  }
  await until(() => gateway.connections() === 21 && gateway.connected(), 'the last reconnection');
}
