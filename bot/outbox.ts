import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutgoingMessage, SendResult } from '../notifiers/types.ts';
import type { QueuedMessage, Recipient } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { NoticeState } from '../store/schema.ts';

export interface Deliverer {
  /** `id` is the queued message's stable id, for receivers that de-duplicate. */
  deliver(to: Recipient, message: OutgoingMessage, id: string): Promise<SendResult>;
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
  /** Told when a message is given up, so a person can pass it on by hand. */
  readonly onGiveUp?: (message: QueuedMessage, reason: string) => Promise<void>;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

/**
 * The single way bot-initiated messages leave: a queue persisted in the store,
 * sent one at a time with a random gap (bursts get WeChat accounts limited),
 * retried with back-off, paused while the bot is logged out. A message is
 * marked sent right after it goes out, so a crash in between sends it again
 * (at-least-once) but never loses it.
 */
export class Outbox {
  readonly #store: Store;
  readonly #deliverer: Deliverer;
  readonly #options: Required<Omit<OutboxOptions, 'onGiveUp' | 'releaseAt'>> & Pick<OutboxOptions, 'onGiveUp' | 'releaseAt'>;
  #running = false;
  #paused = false;
  #wake: (() => void) | undefined;
  /** The send in progress, until its outcome is saved. */
  #sending: Promise<void> | undefined;
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
  }

  /** While logged out nothing is sent; messages wait in the store. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#wake?.();
  }

  /** Resolves once nothing is pending that could be sent now and the last send is recorded in the file (tests, demo). */
  async idle(): Promise<void> {
    while (this.#running && (this.#due().length > 0 || this.#sending)) await (this.#sending ?? sleep(20));
  }

  #due(): QueuedMessage[] {
    const now = this.#options.now().getTime();
    return this.pending().filter((m) => Date.parse(m.notBefore) <= now);
  }

  async #waitForWork(): Promise<void> {
    const next = this.pending().map((m) => Date.parse(m.notBefore)).sort((a, b) => a - b)[0];
    const wait = next === undefined ? 60_000 : Math.max(10, Math.min(60_000, next - this.#options.now().getTime()));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      const message = this.#paused ? undefined : this.#due()[0];
      if (!message) {
        await this.#waitForWork();
        continue;
      }
      this.#sending = this.#send(message).finally(() => (this.#sending = undefined));
      await this.#sending;
      const { min, max } = this.#options.gapMs;
      if (this.#running) await sleep(min + Math.random() * (max - min));
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
    await this.#options.onGiveUp?.(message, result.detail);
  }
}
