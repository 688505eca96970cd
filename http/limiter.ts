import type { Backpressure } from './types.ts';

export interface HostStats {
  /** HTTP requests sent (every redirect hop and retry counts). */
  readonly requests: number;
  /** Retries of URLs that start on this host. */
  readonly retries: number;
  readonly peakInFlight: number;
  /** Time spent in flight, summed over requests. */
  readonly totalMs: number;
}

/**
 * A slot granted to work that has not sent its first request yet (see
 * `admit`): that request takes it without queueing again. It is given back
 * when that request ends, or when the work ends without having sent it.
 */
export class HeldSlot {
  readonly #host: string;
  #release: ((used: boolean) => void) | undefined;
  #claimed = false;

  constructor(host: string, release: (used: boolean) => void) {
    this.#host = host;
    this.#release = release;
  }

  /** True once, for a request to the host the slot was granted for. */
  claim(host: string): boolean {
    if (this.#claimed || host !== this.#host) return false;
    this.#claimed = true;
    return true;
  }

  release(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.(this.#claimed);
  }
}

interface Waiting {
  readonly work: (slot: HeldSlot | undefined) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** Set for an admission: the host whose slot `work` receives. */
  readonly admits?: string;
}

interface HostState {
  readonly queue: Waiting[];
  pausedUntil: number;
  /** Set while requests wait out a pause, to start them when it ends. */
  resumeTimer: NodeJS.Timeout | undefined;
  /** Start time (performance.now) of each request in flight, by request number. */
  readonly started: Map<number, number>;
  requests: number;
  completed: number;
  retries: number;
  peakInFlight: number;
  totalMs: number;
}

/**
 * Per-host and global concurrency, with a per-host pause for rate limiting.
 * A request leaves its host's queue only when the host has a free slot and is
 * not paused, and a global slot is free: a slow or paused host queues on its
 * own slots and never sits on global ones that other hosts could use.
 *
 * Which host gets a freed global slot decides how long a sweep takes: every
 * URL is known up front, so the sweep ends when the host with the most work
 * per slot ends. Each host is asked once first, to learn its pace; then the
 * slot goes to the host with the most work left (queued requests × its time
 * per request so far), so the slow, busy hosts that bound the sweep never
 * wait behind quick ones (longest-processing-time first).
 *
 * While a Backpressure is full no request starts: the queues keep every URL,
 * and so the choice above, while the consumer catches up.
 */
export class HostLimiter {
  readonly #concurrency: number;
  readonly #perHost: number;
  readonly #hosts = new Map<string, HostState>();
  #inFlight = 0;
  #requestNumber = 0;
  #completedMs = 0;
  #completed = 0;
  readonly #backpressure: Backpressure | undefined;
  #awaitingRoom = false;

  constructor(concurrency: number, perHostConcurrency: number, backpressure?: Backpressure) {
    this.#concurrency = concurrency;
    this.#perHost = perHostConcurrency;
    this.#backpressure = backpressure;
  }

  /**
   * Runs `work` once both slots are held; whatever clock `work` starts excludes the queueing. With a slot
   * held for this host and not yet claimed, it runs at once in that slot.
   */
  run<T>(host: string, work: () => Promise<T>, slot?: HeldSlot): Promise<T> {
    if (slot?.claim(host)) return work().finally(() => slot.release());
    return this.#enqueue(host, { work });
  }

  /**
   * Begins `work` only once a slot of `host` is free, and hands it that slot for its first request (`run`
   * with the slot). A sweep queues every URL at once: queued this way, a URL costs one small entry until
   * its turn, not the suspended calls of a fetch already under way (about 2 KB each, 10,000 of them).
   */
  admit<T>(host: string, work: (slot: HeldSlot) => Promise<T>): Promise<T> {
    return this.#enqueue(host, { work: work as (slot: HeldSlot | undefined) => Promise<T>, admits: host });
  }

  #enqueue<T>(host: string, entry: Pick<Waiting, 'work' | 'admits'>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#state(host).queue.push({ ...entry, resolve: resolve as (value: unknown) => void, reject });
      this.#dispatch();
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

  #dispatch(): void {
    while (this.#inFlight < this.#concurrency) {
      if (this.#backpressure?.full()) return this.#resumeOnRoom(this.#backpressure);
      const next = this.#mostWorkLeft();
      if (!next) return;
      this.#start(next);
    }
  }

  /**
   * A ready host that has not been asked anything yet, so every host's pace
   * (and a host that never answers, whose timeout is the sweep's tail) shows
   * early; else the ready host whose queue needs the most time. Ties go to the
   * host seen first.
   */
  #mostWorkLeft(): HostState | undefined {
    const now = Date.now();
    const clock = performance.now();
    const fallback = this.#completed > 0 ? this.#completedMs / this.#completed : 1;
    let best: HostState | undefined;
    let bestWork = -1;
    for (const state of this.#hosts.values()) {
      if (state.queue.length === 0 || state.started.size >= this.#perHost) continue;
      if (state.pausedUntil > now) {
        this.#resumeLater(state, state.pausedUntil - now);
        continue;
      }
      if (state.requests === 0) return state;
      const work = state.queue.length * this.#timePerRequest(state, clock, fallback);
      if (work > bestWork) {
        best = state;
        bestWork = work;
      }
    }
    return best;
  }

  /** Held back by the consumer: go on once it has room. */
  #resumeOnRoom(backpressure: Backpressure): void {
    if (this.#awaitingRoom) return;
    this.#awaitingRoom = true;
    backpressure.onRoom(() => {
      this.#awaitingRoom = false;
      this.#dispatch();
    });
  }

  /** Only while requests wait: a pause alone must not keep the process alive. */
  #resumeLater(state: HostState, ms: number): void {
    if (state.resumeTimer) return;
    state.resumeTimer = setTimeout(() => {
      state.resumeTimer = undefined;
      this.#dispatch();
    }, ms);
  }

  /** The host's mean time in flight; before its first answer, at least as long as it has kept us waiting. */
  #timePerRequest(state: HostState, clock: number, fallback: number): number {
    if (state.completed > 0) return state.totalMs / state.completed;
    let waited = 0;
    for (const at of state.started.values()) waited = Math.max(waited, clock - at);
    return Math.max(fallback, waited);
  }

  #start(state: HostState): void {
    const waiting = state.queue.shift() as Waiting;
    const started = performance.now();
    const key = this.#requestNumber++;
    state.started.set(key, started);
    this.#inFlight += 1;
    state.requests += 1;
    state.peakInFlight = Math.max(state.peakInFlight, state.started.size);
    // An admission that sent nothing (its URL was refused before any request) says nothing of the host's pace.
    const finish = (used = true) => {
      const ms = performance.now() - started;
      state.started.delete(key);
      this.#inFlight -= 1;
      if (used) {
        state.completed += 1;
        state.totalMs += ms;
        this.#completed += 1;
        this.#completedMs += ms;
      } else {
        state.requests -= 1;
      }
      this.#dispatch();
    };
    const slot = waiting.admits === undefined ? undefined : new HeldSlot(waiting.admits, finish);
    const end = slot ? () => slot.release() : () => finish();
    waiting.work(slot).then(
      (value) => {
        end();
        waiting.resolve(value);
      },
      (error: unknown) => {
        end();
        waiting.reject(error);
      },
    );
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (state === undefined) {
      state = { queue: [], pausedUntil: 0, resumeTimer: undefined, started: new Map(), requests: 0, completed: 0, retries: 0, peakInFlight: 0, totalMs: 0 };
      this.#hosts.set(host, state);
    }
    return state;
  }
}
