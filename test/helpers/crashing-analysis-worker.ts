/**
 * An analysis worker that dies the way an exhausted heap kills one (no
 * answer, the thread just exits) on a page whose URL contains "/crash", and
 * analyzes every other page like the real one.
 */
import { parentPort } from 'node:worker_threads';
import { findPage } from '../../analysis/analyze-page.ts';
import type { PageJob, WorkerMessage } from '../../analysis/analysis-worker.ts';

parentPort?.on('message', ({ id, page }: PageJob) => {
  if (page.url.includes('/crash')) process.exit(70);
  parentPort?.postMessage({ id, findings: findPage({ ...page, body: Buffer.from(page.body) }) } satisfies WorkerMessage);
});
parentPort?.postMessage({ ready: true } satisfies WorkerMessage);
