/** The analysis worker (see analysis-pool.ts): pages in, findings out. */
import { parentPort } from 'node:worker_threads';
import { findPage } from './analyze-page.ts';
import type { FetchedPage, PageFindings } from './page-findings.ts';

export interface PageJob {
  readonly id: number;
  /** The body arrives as a plain Uint8Array: structured cloning drops Buffer's prototype. */
  readonly page: Omit<FetchedPage, 'body'> & { readonly body: Uint8Array };
}

/** `ready` once loaded (a worker that dies before it could not start at all), then one answer per job. */
export type WorkerMessage =
  | { readonly ready: true }
  | { readonly id: number; readonly findings: PageFindings | null }
  | { readonly id: number; readonly error: string };

parentPort?.on('message', ({ id, page }: PageJob) => {
  try {
    const body = Buffer.from(page.body.buffer, page.body.byteOffset, page.body.byteLength);
    parentPort?.postMessage({ id, findings: findPage({ ...page, body }) } satisfies WorkerMessage);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage);
  }
});
parentPort?.postMessage({ ready: true } satisfies WorkerMessage);
