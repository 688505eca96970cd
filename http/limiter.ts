import { setTimeout as sleep } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';

export interface HostStats {
  /** HTTP requests sent (every redirect hop and retry counts). */
  readonly requests: number;
  /** Retries of URLs that start on this host. */
  readonly retries: number;
  readonly peakInFlight: number;
  /** Time spent in flight, summed over requests. */
  readonly totalMs: number;
}

interface HostState {
  readonly slot: LimitFunction;
  pausedUntil: number;
  inFlight: number;
  requests: number;
  retries: number;
  peakInFlight: number;
  totalMs: number;
}

/**
 * Per-host and global concurrency, with a per-host pause for rate limiting.
 * A request takes its host slot first, waits out any pause, and only then
 * competes for a global slot: a slow or paused host queues on its own slots and
 * never sits on global ones that other hosts could use.
 */
export class HostLimiter {
  readonly #global: LimitFunction;
  readonly #perHost: number;
  readonly #hosts = new Map<string, HostState>();

  constructor(concurrency: number, perHostConcurrency: number) {
    this.#global = pLimit(concurrency);
    this.#perHost = perHostConcurrency;
  }

  /** Runs `work` once both slots are held; whatever clock `work` starts excludes the queueing. */
  run<T>(host: string, work: () => Promise<T>): Promise<T> {
    const state = this.#state(host);
    return state.slot(async () => {
      for (let wait = state.pausedUntil - Date.now(); wait > 0; wait = state.pausedUntil - Date.now()) {
        await sleep(wait);
      }
      return this.#global(async () => {
        state.inFlight += 1;
        state.requests += 1;
        state.peakInFlight = Math.max(state.peakInFlight, state.inFlight);
        const started = performance.now();
        try {
          return await work();
        } finally {
          state.inFlight -= 1;
          state.totalMs += performance.now() - started;
        }
      });
    });
  }

  /** Holds back every request to `host` that has not started yet (adaptive back-off after a 429). */
  pause(host: string, ms: number): void {
    const state = this.#state(host);
    state.pausedUntil = Math.max(state.pausedUntil, Date.now() + ms);
  }

  countRetry(host: string): void {
    this.#state(host).retries += 1;
  }

  stats(): Record<string, HostStats> {
    const out: Record<string, HostStats> = {};
    for (const [host, s] of this.#hosts) {
      out[host] = { requests: s.requests, retries: s.retries, peakInFlight: s.peakInFlight, totalMs: Math.round(s.totalMs) };
    }
    return out;
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (state === undefined) {
      state = { slot: pLimit(this.#perHost), pausedUntil: 0, inFlight: 0, requests: 0, retries: 0, peakInFlight: 0, totalMs: 0 };
      this.#hosts.set(host, state);
    }
    return state;
  }
}
