import { setTimeout as sleep } from 'node:timers/promises';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: Date.now, sleep: (ms) => sleep(ms) };

/**
 * At most `limit` sends in any rolling `windowMs`. Group robots allow 20 a
 * minute and punish going over (DingTalk mutes the robot for 10 minutes), so
 * a full window makes the sender wait rather than fail. Callers are served in
 * the order they asked.
 */
export class RateWindow {
  /** When each send in the current window started, oldest first. */
  readonly #sent: number[] = [];
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly clock: Clock = systemClock,
    readonly windowMs = 60_000,
  ) {
    if (!(limit >= 1)) throw new RangeError(`rate limit must be at least 1 per window, got ${limit}`);
  }

  /** Resolves once one more send fits in the window, and counts it. */
  take(): Promise<void> {
    const turn = this.#queue.then(() => this.#waitForRoom());
    // A failed sleep must not block everyone queued behind it.
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.#sent.length > 0 && this.#sent[0]! <= now - this.windowMs) this.#sent.shift();
      if (this.#sent.length < this.limit) {
        this.#sent.push(now);
        return;
      }
      await this.clock.sleep(this.#sent[0]! + this.windowMs - now);
    }
  }
}
