/**
 * Page analysis off the event loop. Parsing a page costs milliseconds of CPU;
 * on the thread that also times every request, a sweep's worth of pages held
 * up the network events: answers that arrived in time were read after their
 * timeout had fired (false timeouts), and freed slots were handed out late. In
 * a worker the analysis gets a core of its own, and a heap of its own whose
 * garbage (a DOM per page) no longer inflates the sweep's.
 *
 * If a worker dies (a page exhausted its heap, or it could not start), its
 * pages are analyzed on the main thread instead: same code, same findings.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Backpressure } from '../http/types.ts';
import { findPage, type FetchedPage, type PageFindings } from './analyze-page.ts';
import type { PageJob } from './analysis-worker.ts';

interface Pending {
  readonly page: FetchedPage;
  resolve(findings: PageFindings | null): void;
  reject(error: unknown): void;
}

type Answer = { readonly id: number; readonly findings: PageFindings | null } | { readonly id: number; readonly error: string };

/** One core for the network, the others (two at most: each worker's heap costs memory) for pages. */
const workerCount = Math.max(1, Math.min(2, os.availableParallelism() - 1));
/** Pages handed to a worker at a time; the rest wait here, so bodies are not copied before they are needed. */
const perWorker = 4;
/** An idle worker stops after this long; the next sweep starts a new one. */
const idleMs = 10_000;
/**
 * The old generation: far above what a 2 MB page needs; a page that still
 * exhausts it is analyzed on the main thread instead. The young generation,
 * where a page's DOM dies, is capped: with V8's default the hostile-pages
 * sweep peaked at 249–268 MB, at 24 MB it peaks at 239–247 MB with the same
 * analysis speed (4 MB saved little more and cost a fifth of the speed).
 */
const resourceLimits = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 24 };

/**
 * Compiled (dist/, see scripts/build.mjs) the worker is a plain module. Run from
 * the sources, it registers tsx itself: a worker does not inherit the parent's loader.
 */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./analysis-worker.js', import.meta.url), { resourceLimits });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const worker = JSON.stringify(new URL('./analysis-worker.ts', import.meta.url).href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${worker}); })`, { eval: true, resourceLimits });
}

class PageWorker {
  readonly #worker = startWorker();
  readonly #jobs = new Map<number, Pending>();
  #next = 0;
  #answered = false;
  #gone = false;

  constructor(private readonly onChange: (worker: PageWorker, failedAtStart: boolean) => void) {
    this.#worker.on('message', (answer: Answer) => this.#settle(answer));
    this.#worker.on('error', () => this.#die());
    this.#worker.on('exit', () => this.#die());
    this.#worker.unref();
  }

  get load(): number {
    return this.#gone ? Infinity : this.#jobs.size;
  }

  run(pending: Pending): void {
    const id = this.#next++;
    this.#jobs.set(id, pending);
    // Keep the process alive only while pages are out.
    if (this.#jobs.size === 1) this.#worker.ref();
    this.#worker.postMessage({ id, page: pending.page } satisfies PageJob);
  }

  stop(): void {
    this.#gone = true;
    void this.#worker.terminate();
  }

  #settle(answer: Answer): void {
    const pending = this.#jobs.get(answer.id);
    this.#jobs.delete(answer.id);
    this.#answered = true;
    if (this.#jobs.size === 0) this.#worker.unref();
    if ('error' in answer) pending?.reject(new Error(`page analysis failed: ${answer.error}`));
    else pending?.resolve(answer.findings);
    this.onChange(this, false);
  }

  #die(): void {
    if (this.#gone) return;
    this.#gone = true;
    for (const pending of this.#jobs.values()) analyzeHere(pending);
    this.#jobs.clear();
    this.onChange(this, !this.#answered);
  }
}

function analyzeHere(pending: Pending): void {
  try {
    pending.resolve(findPage(pending.page));
  } catch (error) {
    pending.reject(error);
  }
}

const queue: Pending[] = [];
let workers: PageWorker[] = [];
/** Set when a worker failed before its first answer: it would again, so pages are analyzed here. */
let unavailable = false;
let idleTimer: NodeJS.Timeout | undefined;

function onChange(worker: PageWorker, failedAtStart: boolean): void {
  if (worker.load === Infinity) workers = workers.filter((w) => w !== worker);
  unavailable ||= failedAtStart;
  pump();
}

function pump(): void {
  clearTimeout(idleTimer);
  while (queue.length > 0) {
    if (unavailable) {
      analyzeHere(queue.shift() as Pending);
      continue;
    }
    const idlest = workers.reduce<PageWorker | undefined>((best, w) => (best && best.load <= w.load ? best : w), undefined);
    const worker = idlest && idlest.load < perWorker ? idlest : workers.length < workerCount ? spawn() : undefined;
    if (!worker) return;
    worker.run(queue.shift() as Pending);
  }
  if (workers.every((w) => w.load === 0)) idleTimer = setTimeout(stopAll, idleMs).unref();
}

function spawn(): PageWorker {
  const worker = new PageWorker(onChange);
  workers.push(worker);
  return worker;
}

function stopAll(): void {
  for (const worker of workers) worker.stop();
  workers = [];
}

/**
 * Bodies handed over and not yet analyzed. A sweep can fetch faster than one
 * core analyzes (the benchmark's 1,000 accounts: over 2,300 pages, 150 MB,
 * waited here, and more in a larger sweep), so from this many bytes on the
 * fetcher is held back (see Backpressure): a few seconds of analysis, enough
 * to keep the worker busy. On the benchmark: peak 445 MB instead of 480 MB,
 * in the same time.
 */
export const analysisBacklogBudget = 64 * 1024 * 1024;
let backlogBytes = 0;
let roomWaiters: Array<() => void> = [];

function settled(bytes: number): void {
  backlogBytes -= bytes;
  if (backlogBytes >= analysisBacklogBudget) return;
  const waiters = roomWaiters;
  roomWaiters = [];
  for (const resume of waiters) resume();
}

/** For the fetcher whose pages come here: full while the analysis backlog is at its budget. */
export const analysisBackpressure: Backpressure = {
  full: () => backlogBytes >= analysisBacklogBudget,
  onRoom: (resume) => {
    if (backlogBytes < analysisBacklogBudget) queueMicrotask(resume);
    else roomWaiters.push(resume);
  },
};

/** findPage(page), in a worker thread. */
export function analyzeInWorker(page: FetchedPage): Promise<PageFindings | null> {
  const bytes = page.body.length;
  backlogBytes += bytes;
  const findings = new Promise<PageFindings | null>((resolve, reject) => {
    queue.push({ page, resolve, reject });
    pump();
  });
  return findings.finally(() => settled(bytes));
}
