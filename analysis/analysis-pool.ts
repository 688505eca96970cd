/**
 * Page analysis off the event loop. Parsing a page costs milliseconds of CPU;
 * on the thread that also times every request, a sweep's worth of pages held
 * up the network events: answers that arrived in time were read after their
 * timeout had fired (false timeouts), and freed slots were handed out late. In
 * a worker the analysis gets a core of its own, and a heap of its own whose
 * garbage (a page's text and strings) no longer inflates the sweep's.
 *
 * One pool per sweep (sweep/sweep-deps.ts), closed with it. A worker that
 * dies (a page exhausted its heap) is replaced by the next page that needs
 * one; the pages it held are analyzed on the main thread: same code, same
 * findings, and the page that killed it cannot kill the next worker too. A
 * worker that cannot start at all sends pages to the main thread for a while,
 * then the pool tries again.
 */
import os from 'node:os';
import type { Backpressure } from '../http/types.ts';
import type { FetchedPage, PageFindings } from './page-findings.ts';
import { PageWorker, type Pending } from './page-worker.ts';

/** Analyzes fetched pages; what a link check needs. */
export interface PageAnalyzer {
  analyze(page: FetchedPage): Promise<PageFindings | null>;
}

export interface AnalysisPoolOptions {
  /** Worker threads at most. Default: see defaultWorkers. */
  readonly workers?: number;
  /** The worker module; tests pass one that misbehaves. */
  readonly workerScript?: URL;
  /** After a worker could not start, pages are analyzed on the main thread this long before a worker is tried again. */
  readonly retryStartMs?: number;
}

export interface AnalysisStats {
  readonly byWorker: number;
  readonly inThread: number;
  /** Workers that died after they had started. */
  readonly crashes: number;
  /** Workers that could not start. */
  readonly startFailures: number;
}

/**
 * One core for the network thread, the others for pages, four at most (each
 * worker's heap and copy of the code cost ~60 MB). On 2 cores that is one
 * worker: measured on the benchmark's polite sweep (15,000 items, paired runs
 * on this loaded 2-core machine), a second worker took 145 s against 166 s in
 * one pair and 148 s against 133 s in the other, for 60 MB more at its peak,
 * since the network thread then competes with two busy workers for two cores.
 */
export function defaultWorkers(cores: number = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/** Pages handed to a worker at a time; the rest wait here, so bodies are not copied before they are needed. */
const perWorker = 4;
/** An idle worker stops after this long; the next page starts a new one. */
const idleMs = 10_000;

/**
 * Bodies handed over and not yet analyzed. A sweep can fetch faster than one
 * core analyzes (the benchmark's 1,000 accounts: over 2,300 pages, 150 MB,
 * waited here, and more in a larger sweep), so from this many bytes on the
 * fetcher is held back (see Backpressure): a second or two of analysis, enough
 * to keep the worker busy. On the benchmark's polite sweep: 64 MiB peaked at
 * 445 MB instead of 480 MB unbounded; 16 MiB at 352 MB instead of 402 MB, in
 * the same time (156 s against 152 s, loaded machine).
 */
export const analysisBacklogBudget = 16 * 1024 * 1024;

const defaultWorkerScript = new URL(import.meta.url.endsWith('.js') ? './analysis-worker.js' : './analysis-worker.ts', import.meta.url);

export class AnalysisPool implements PageAnalyzer {
  readonly #maxWorkers: number;
  readonly #workerScript: URL;
  readonly #retryStartMs: number;
  readonly #queue: Pending[] = [];
  #workers: PageWorker[] = [];
  /** Until when (performance.now()) pages are analyzed here: a worker could not start, or the pool is closed. */
  #inThreadUntil = -Infinity;
  #idleTimer: NodeJS.Timeout | undefined;
  #backlogBytes = 0;
  #roomWaiters: Array<() => void> = [];
  #stats = { byWorker: 0, inThread: 0, crashes: 0, startFailures: 0 };

  constructor(options: AnalysisPoolOptions = {}) {
    this.#maxWorkers = options.workers ?? defaultWorkers();
    this.#workerScript = options.workerScript ?? defaultWorkerScript;
    this.#retryStartMs = options.retryStartMs ?? 60_000;
  }

  /** For the fetcher whose pages come here: full while the analysis backlog is at its budget. */
  readonly backpressure: Backpressure = {
    full: () => this.#backlogBytes >= analysisBacklogBudget,
    onRoom: (resume) => {
      if (this.#backlogBytes < analysisBacklogBudget) queueMicrotask(resume);
      else this.#roomWaiters.push(resume);
    },
  };

  /** findPage(page), in a worker thread. */
  analyze(page: FetchedPage): Promise<PageFindings | null> {
    const bytes = page.body.length;
    this.#backlogBytes += bytes;
    const findings = new Promise<PageFindings | null>((resolve, reject) => {
      this.#queue.push({ page, resolve, reject });
      this.#pump();
    });
    return findings.finally(() => this.#settled(bytes));
  }

  stats(): AnalysisStats {
    return { ...this.#stats };
  }

  /** Stops the workers; pages still out or waiting, or sent later, are analyzed here, so no caller is left hanging. */
  close(): void {
    this.#inThreadUntil = Infinity;
    clearTimeout(this.#idleTimer);
    const orphans = this.#workers.flatMap((w) => w.stop());
    this.#workers = [];
    for (const pending of [...orphans, ...this.#queue.splice(0)]) this.#analyzeHere(pending);
  }

  #pump(): void {
    clearTimeout(this.#idleTimer);
    while (this.#queue.length > 0) {
      if (performance.now() < this.#inThreadUntil) {
        this.#analyzeHere(this.#queue.shift() as Pending);
        continue;
      }
      const idlest = this.#workers.reduce<PageWorker | undefined>((best, w) => (best && best.load <= w.load ? best : w), undefined);
      const worker = idlest && idlest.load < perWorker ? idlest : this.#workers.length < this.#maxWorkers ? this.#spawn() : undefined;
      if (!worker) return;
      worker.run(this.#queue.shift() as Pending);
    }
    if (this.#workers.every((w) => w.load === 0)) this.#idleTimer = setTimeout(() => this.#stopIdle(), idleMs).unref();
  }

  #spawn(): PageWorker {
    const worker = new PageWorker(this.#workerScript, {
      answered: () => {
        this.#stats.byWorker += 1;
        this.#pump();
      },
      died: (dead, started, orphans) => {
        this.#workers = this.#workers.filter((w) => w !== dead);
        if (started) this.#stats.crashes += 1;
        else {
          this.#stats.startFailures += 1;
          this.#inThreadUntil = performance.now() + this.#retryStartMs;
        }
        for (const pending of orphans) this.#analyzeHere(pending);
        this.#pump();
      },
    });
    this.#workers.push(worker);
    return worker;
  }

  #stopIdle(): void {
    for (const worker of this.#workers) worker.stop();
    this.#workers = [];
  }

  #analyzeHere(pending: Pending): void {
    this.#stats.inThread += 1;
    // Loaded only when a page is first analyzed here: a sweep whose worker copes never holds the parser twice.
    import('./analyze-page.ts').then(({ findPage }) => findPage(pending.page)).then(pending.resolve, pending.reject);
  }

  #settled(bytes: number): void {
    this.#backlogBytes -= bytes;
    if (this.#backlogBytes >= analysisBacklogBudget) return;
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const resume of waiters) resume();
  }
}
