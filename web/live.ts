import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';

/**
 * Pages refresh their data when a sweep finishes: the service publishes the
 * run's id, each open page holds an EventSource on /events and fetches itself
 * again (web/static/live.js; it polls /version where SSE does not get through).
 */
export class LiveUpdates {
  readonly #listeners = new Set<(runId: string) => void>();
  readonly #streams = new Set<SSEStreamingApi>();

  publish(runId: string): void {
    for (const listener of this.#listeners) listener(runId);
  }

  subscribe(listener: (runId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** GET /events: one `swept` event per finished sweep, a comment every 25 s so proxies keep the stream open. */
  stream(c: Context): Response {
    return streamSSE(c, async (stream) => {
      this.#streams.add(stream);
      // Sent at once so the headers go out (a proxy or client waits for them), and browsers retry after 10 s.
      await stream.write('retry: 10000\n\n');
      const unsubscribe = this.subscribe((runId) => void stream.writeSSE({ event: 'swept', data: runId }));
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), 25_000);
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      clearInterval(keepAlive);
      unsubscribe();
      this.#streams.delete(stream);
    });
  }

  /** Ends every open stream (the server is closing; browsers reconnect to the next one). */
  async closeStreams(): Promise<void> {
    for (const stream of this.#streams) stream.abort();
    await Promise.all([...this.#streams].map((s) => s.close().catch(() => undefined)));
  }
}
