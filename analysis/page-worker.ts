/**
 * One analysis worker thread and the pages it holds. It reports what happens
 * to it; the pool (analysis-pool.ts) decides what to do about it.
 */
import { Worker } from 'node:worker_threads';
import type { FetchedPage, PageFindings } from './page-findings.ts';
import type { PageJob, WorkerMessage } from './analysis-worker.ts';

export interface Pending {
  readonly page: FetchedPage;
  resolve(findings: PageFindings | null): void;
  reject(error: unknown): void;
}

/**
 * The old generation: far above what a 2 MB page needs; a page that still
 * exhausts it is analyzed on the main thread instead. The young generation,
 * where a page's garbage dies, is capped: with V8's default the hostile-pages
 * sweep peaked at 249–268 MB, at 24 MB it peaks at 239–247 MB with the same
 * analysis speed (4 MB saved little more and cost a fifth of the speed).
 */
const resourceLimits = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 24 };

/**
 * Compiled (dist/, see scripts/build.mjs) the worker is a plain module. Run from
 * the sources, it registers tsx itself: a worker does not inherit the parent's loader.
 */
function startWorker(script: URL): Worker {
  if (script.pathname.endsWith('.js')) return new Worker(script, { resourceLimits });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`, { eval: true, resourceLimits });
}

export interface WorkerEvents {
  /** A page was answered. */
  answered(worker: PageWorker): void;
  /** The worker is gone. `started`: it had loaded; otherwise it could not start at all. Its pages are handed back. */
  died(worker: PageWorker, started: boolean, orphans: readonly Pending[]): void;
}

export class PageWorker {
  readonly #worker: Worker;
  readonly #jobs = new Map<number, Pending>();
  #next = 0;
  #started = false;
  #gone = false;

  constructor(script: URL, private readonly events: WorkerEvents) {
    this.#worker = startWorker(script);
    this.#worker.on('message', (message: WorkerMessage) => this.#receive(message));
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

  /** Ends the thread; pages it still held are returned. */
  stop(): Pending[] {
    this.#gone = true;
    void this.#worker.terminate();
    const orphans = [...this.#jobs.values()];
    this.#jobs.clear();
    return orphans;
  }

  #receive(message: WorkerMessage): void {
    if ('ready' in message) {
      this.#started = true;
      return;
    }
    const pending = this.#jobs.get(message.id);
    this.#jobs.delete(message.id);
    if (this.#jobs.size === 0) this.#worker.unref();
    if ('error' in message) pending?.reject(new Error(`page analysis failed: ${message.error}`));
    else pending?.resolve(message.findings);
    this.events.answered(this);
  }

  #die(): void {
    if (this.#gone) return;
    this.events.died(this, this.#started, this.stop());
  }
}
