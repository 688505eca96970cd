/** The analysis worker (see analysis-pool.ts): pages in, findings out. */
import { parentPort } from 'node:worker_threads';
import { findPage, type FetchedPage } from './analyze-page.ts';

export interface PageJob {
  readonly id: number;
  /** The body arrives as a plain Uint8Array: structured cloning drops Buffer's prototype. */
  readonly page: Omit<FetchedPage, 'body'> & { readonly body: Uint8Array };
}

parentPort?.on('message', ({ id, page }: PageJob) => {
  try {
    const body = Buffer.from(page.body.buffer, page.body.byteOffset, page.body.byteLength);
    parentPort?.postMessage({ id, findings: findPage({ ...page, body }) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
