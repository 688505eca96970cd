import type { TLSSocket } from 'node:tls';
import type { Agents, Got, PlainResponse } from 'got';
import type { Refusal } from './address-guard.ts';
import { classifyError, type ClassifiedError } from './errors.ts';
import { flattenHeaders } from './headers.ts';
import type { TlsInfo } from './types.ts';

export interface HopRequest {
  readonly url: URL;
  /** Added to the client's headers (conditional requests). */
  readonly headers?: Readonly<Record<string, string>>;
  /** What is left of the attempt's budget; the whole hop, body included, must fit. */
  readonly budgetMs: number;
  readonly maxBodyBytes: number;
  readonly agents: Agents;
  /** Through a proxy the socket's peer is the proxy, so there is no remote address to report or vet. */
  readonly viaProxy: boolean;
  /** Checked on the connected socket before any of the body is read. */
  readonly vetRemote: (address: string | undefined) => Refusal | undefined;
}

export interface HopResponse {
  readonly ok: true;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly truncated: boolean;
  readonly remoteAddress?: string | undefined;
  readonly tls?: TlsInfo | undefined;
}

export type HopFailure = { readonly ok: false } & ClassifiedError;

export type HopResult = (HopResponse | HopFailure) & { readonly elapsedMs: number };

const DAY_MS = 86_400_000;

function tlsInfo(socket: TLSSocket | undefined): TlsInfo | undefined {
  const cert = socket?.getPeerCertificate?.();
  if (cert?.valid_to === undefined) return undefined;
  const validTo = new Date(cert.valid_to);
  const issuer = [cert.issuer?.CN, cert.issuer?.O].flat().filter(Boolean).join(', ');
  return { validTo: validTo.toISOString(), daysLeft: Math.floor((validTo.getTime() - Date.now()) / DAY_MS), issuer };
}

/**
 * One GET, redirects not followed. The budget timer covers connecting, waiting
 * for headers and reading the body, so a server that never answers or trickles
 * bytes ends as a timeout. The body is streamed (already decompressed by got)
 * and the request destroyed at maxBodyBytes, so a compression bomb or an
 * endless body costs at most the cap in memory.
 */
export async function sendHop(client: Got, request: HopRequest): Promise<HopResult> {
  const first = await sendOnce(client, request);
  if (!first.stale) return first.result;
  // A kept-alive socket the server closed while it sat idle fails at once, before any answer. That says nothing
  // about the site: resend on a new socket, as browsers do (Node's docs on request.reusedSocket), not as a retry.
  const again = await sendOnce(client, { ...request, budgetMs: Math.max(1, request.budgetMs - first.result.elapsedMs) });
  return { ...again.result, elapsedMs: first.result.elapsedMs + again.result.elapsedMs };
}

const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

function sendOnce(client: Got, request: HopRequest): Promise<{ result: HopResult; stale: boolean }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const stream = client.stream(request.url, { agent: request.agents, ...(request.headers ? { headers: request.headers } : {}) });
    const chunks: Buffer[] = [];
    let kept = 0;
    let reading: string | undefined;
    let settled = false;
    let reusedSocket = false;
    stream.once('request', (req: { reusedSocket?: boolean }) => (reusedSocket = req.reusedSocket === true));

    const settle = (result: HopResponse | HopFailure, stale = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!stream.readableEnded) stream.destroy();
      resolve({ result: { ...result, elapsedMs: performance.now() - started }, stale });
    };

    const timer = setTimeout(() => {
      const phase = reading === undefined ? 'waiting for the response' : `${reading}, ${kept} bytes so far`;
      settle({ ok: false, error: 'timeout', detail: `no complete response within ${request.budgetMs} ms (${phase})`, transient: true });
    }, request.budgetMs);

    stream.on('error', (error: NodeJS.ErrnoException) => {
      const stale = reusedSocket && reading === undefined && STALE_SOCKET_CODES.has(error.code ?? '');
      settle({ ok: false, ...classifyError(error, reading, request.viaProxy) }, stale);
    });

    stream.once('response', (response: PlainResponse) => {
      const remoteAddress = request.viaProxy ? undefined : stream.ip;
      const refused = request.vetRemote(remoteAddress);
      if (refused) {
        settle({ ok: false, ...refused, transient: false });
        return;
      }
      const status = response.statusCode;
      if (request.viaProxy && status === 407) {
        settle({ ok: false, error: 'proxy-refused', detail: `the proxy wants credentials (HTTP 407 ${response.headers['proxy-authenticate'] ?? ''})`.trim(), transient: false });
        return;
      }
      reading = `reading the body of HTTP ${status}`;
      const base = {
        ok: true as const,
        status,
        headers: flattenHeaders(response.headers),
        remoteAddress,
        tls: request.url.protocol === 'https:' ? tlsInfo(stream.socket as TLSSocket | undefined) : undefined,
      };
      stream.on('data', (chunk: Buffer) => {
        const room = request.maxBodyBytes - kept;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          kept += room;
          settle({ ...base, body: Buffer.concat(chunks), truncated: true });
          return;
        }
        chunks.push(chunk);
        kept += chunk.length;
      });
      stream.on('end', () => settle({ ...base, body: Buffer.concat(chunks), truncated: false }));
    });
  });
}
