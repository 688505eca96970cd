import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutgoingMessage, SendFailure, SendResult } from '../notifiers/types.ts';
import type { QueuedMessage, Recipient } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { NoticeState } from '../store/schema.ts';

export interface Deliverer {
  /** `id` is the queued message's stable id, for receivers that de-duplicate. */
  deliver(to: Recipient, message: OutgoingMessage, id: string): Promise<SendResult>;
  /**
   * The channel a message leaves through: each lane has its own order, gap and
   * pause, so a channel that is down holds only its own messages. A deliverer
   * that sends everything the same way leaves it out (one lane).
   */
  lane?(to: Recipient): string;
}

/** The lane of deliverers without lanes. */
export const singleLane = 'default';

interface LaneState {
  paused: boolean;
  busy: boolean;
  /** Real time (ms) before which the lane's next message waits: the gap after a send. */
  readyAt: number;
}

export interface OutboxOptions {
  /** Random gap between two sends (ms). */
  readonly gapMs: { readonly min: number; readonly max: number };
  /** Attempts before a message is given up. */
  readonly maxAttempts?: number;
  /** First retry back-off (ms), doubling. */
  readonly retryDelayMs?: number;
  /** The earliest time a message may go out (quiet hours push it to the morning). */
  readonly releaseAt?: (now: Date) => Date;
  /** Told when a message is given up after `attempts` sends, so a person can pass it on by hand. */
  readonly onGiveUp?: (message: QueuedMessage, failure: SendFailure, attempts: number) => Promise<void>;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

/**
 * The single way bot-initiated messages leave: a queue persisted in the store,
 * split into lanes (one per channel), each sent one at a time with a random
 * gap (bursts get WeChat accounts limited), retried with back-off, and paused
 * on its own while its channel is down (the bot's WeChat logged out). A message is
 * marked sent right after it goes out, so a crash in between sends it again
 * (at-least-once) but never loses it.
 */
export class Outbox {
  readonly #store: Store;
  readonly #deliverer: Deliverer;
  readonly #options: Required<Omit<OutboxOptions, 'onGiveUp' | 'releaseAt'>> & Pick<OutboxOptions, 'onGiveUp' | 'releaseAt'>;
  #running = false;
  readonly #lanes = new Map<string, LaneState>();
  readonly #inFlight = new Set<Promise<void>>();
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(store: Store, deliverer: Deliverer, options: OutboxOptions) {
    this.#store = store;
    this.#deliverer = deliverer;
    this.#options = { maxAttempts: 6, retryDelayMs: 30_000, now: () => new Date(), log: () => {}, ...options };
  }

  /** Queue messages (and the notice state that goes with them) in one store write. */
  async enqueue(items: readonly { to: Recipient; message: OutgoingMessage }[], notices?: Record<string, NoticeState>): Promise<void> {
    const now = this.#options.now();
    const notBefore = (this.#options.releaseAt?.(now) ?? now).toISOString();
    const queued = items.map(
      ({ to, message }): QueuedMessage => ({ id: randomUUID(), to, message, createdAt: now.toISOString(), attempts: 0, notBefore, sentAt: null, failedAt: null, lastError: null }),
    );
    await this.#store.enqueue(queued, notices);
    this.#wake?.();
  }

  pending(): QueuedMessage[] {
    return this.#store.outbox.filter((m) => m.sentAt === null && m.failedAt === null);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    await Promise.all(this.#inFlight);
  }

  /** While a channel is down (the bot's WeChat logged out) its lane sends nothing; its messages wait in the store. */
  pause(lane: string = singleLane): void {
    this.#lane(lane).paused = true;
  }

  resume(lane: string = singleLane): void {
    this.#lane(lane).paused = false;
    this.#wake?.();
  }

  /** Look at the queue again now: where a message goes may have changed (a channel down long enough to reroute). */
  wake(): void {
    this.#wake?.();
  }

  /** Resolves once nothing is pending that could be sent now, in any lane that is not paused, and every send's outcome is saved (tests, demo). */
  async idle(): Promise<void> {
    while (this.#running && (this.#due().length > 0 || this.#inFlight.size > 0)) await sleep(20);
  }

  #lane(name: string): LaneState {
    let lane = this.#lanes.get(name);
    if (!lane) this.#lanes.set(name, (lane = { paused: false, busy: false, readyAt: 0 }));
    return lane;
  }

  #laneOf(message: QueuedMessage): string {
    return this.#deliverer.lane?.(message.to) ?? singleLane;
  }

  /** Due messages whose lane is not paused, oldest first. */
  #due(): QueuedMessage[] {
    const now = this.#options.now().getTime();
    return this.pending().filter((m) => Date.parse(m.notBefore) <= now && !this.#lane(this.#laneOf(m)).paused);
  }

  async #waitForWork(): Promise<void> {
    const now = this.#options.now().getTime();
    const notBefore = this.pending().map((m) => Date.parse(m.notBefore) - now);
    // A busy lane wakes the loop when its send ends; an idle one is due when its gap is over (perhaps already).
    const gaps = this.#due().flatMap((m) => {
      const lane = this.#lane(this.#laneOf(m));
      return lane.busy ? [] : [lane.readyAt - Date.now()];
    });
    const next = [...notBefore.filter((ms) => ms > 0), ...gaps].sort((a, b) => a - b)[0];
    const wait = next === undefined ? 60_000 : Math.max(10, Math.min(60_000, next));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
  }

  /** Starts the oldest due message of every idle lane whose gap has passed; a send ending wakes the loop. */
  async #run(): Promise<void> {
    while (this.#running) {
      const started = new Set<string>();
      for (const message of this.#due()) {
        const name = this.#laneOf(message);
        const lane = this.#lane(name);
        if (started.has(name) || lane.busy) continue;
        started.add(name);
        if (lane.readyAt > Date.now()) continue;
        lane.busy = true;
        const sending: Promise<void> = this.#send(message)
          .catch((error: unknown) => this.#options.log(`消息发送出错：${(error as Error).message}`))
          .finally(() => {
            const { min, max } = this.#options.gapMs;
            lane.busy = false;
            lane.readyAt = Date.now() + min + Math.random() * (max - min);
            this.#inFlight.delete(sending);
            this.#wake?.();
          });
        this.#inFlight.add(sending);
      }
      await this.#waitForWork();
    }
  }

  async #send(message: QueuedMessage): Promise<void> {
    const result = await this.#deliverer.deliver(message.to, message.message, message.id);
    const attempts = message.attempts + 1;
    const now = this.#options.now();
    if (result.ok) {
      await this.#store.updateMessage(message.id, { attempts, sentAt: now.toISOString(), lastError: null }, now);
      return;
    }
    this.#options.log(`消息发送失败（第 ${attempts} 次）：${result.detail}`);
    if (result.retryable && attempts < this.#options.maxAttempts) {
      const notBefore = new Date(now.getTime() + this.#options.retryDelayMs * 2 ** (attempts - 1)).toISOString();
      await this.#store.updateMessage(message.id, { attempts, notBefore, lastError: result.detail }, now);
      return;
    }
    await this.#store.updateMessage(message.id, { attempts, failedAt: now.toISOString(), lastError: result.detail }, now);
    await this.#options.onGiveUp?.(message, result, attempts);
  }
}
