/**
 * What the loopback platform fakes read and write on their HTTP side: the
 * whole request body, JSON in and out, and multipart uploads parsed as the
 * platforms would (by the Fetch API's own parser, not by the client's code).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** undefined for a body that is not JSON: each fake answers that the way its platform does. */
export function parseJson(raw: Buffer): any {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export const formOf = (req: IncomingMessage, raw: Buffer): Promise<FormData | undefined> =>
  new Request('http://x', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: raw }).formData().catch(() => undefined);
