import type { IncomingHttpHeaders } from 'node:http';
import type { ExecutionContext } from 'ava';
import { startServer } from '../http/helpers.ts';

export interface Received {
  readonly method: string;
  /** Path and query as sent, e.g. `/robot/send?access_token=…`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  readonly body: any;
  /** The body's size on the wire. */
  readonly bytes: number;
}

export interface Reply {
  readonly status?: number;
  readonly json?: unknown;
  /** Sent as is instead of `json`. */
  readonly raw?: string;
}

export interface Receiver {
  readonly baseUrl: string;
  readonly requests: Received[];
}

/**
 * A loopback robot endpoint: records every request and answers the scripted
 * replies in order, then `otherwise` for the rest.
 */
export async function startReceiver(t: ExecutionContext, otherwise: Reply, script: readonly Reply[] = []): Promise<Receiver> {
  const requests: Received[] = [];
  const server = await startServer(t, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const reply = script[requests.length] ?? otherwise;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, bytes: Buffer.concat(chunks).length });
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(reply.raw ?? JSON.stringify(reply.json ?? {}));
    });
  });
  return { baseUrl: server.url(''), requests };
}
