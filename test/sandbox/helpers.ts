import { request, type IncomingHttpHeaders } from 'node:http';
import type { ExecutionContext } from 'ava';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.ts';

/** A sandbox of its own for one test, closed when the test ends. */
export async function sandboxFor(t: ExecutionContext, options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  t.teardown(() => sandbox.close());
  return sandbox;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * GET a sandbox URL the way the product does: connect to 127.0.0.1 (like curl
 * --resolve) and keep the URL's host in the Host header. `port` overrides the
 * URL's port, to reach a page behind a dead or silent listener. No redirects
 * are followed.
 */
export function getRaw(url: string, options: { port?: number; timeoutMs?: number } = {}): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port ?? Number(target.port),
        path: target.pathname + target.search,
        headers: { host: target.host },
        timeout: options.timeoutMs ?? 5000,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** POST JSON to the simulated API and read the JSON answer. */
export async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return (await response.json()) as Record<string, unknown>;
}

export async function getJson(url: string): Promise<Record<string, unknown>> {
  return (await (await fetch(url)).json()) as Record<string, unknown>;
}

/** A stable token for one of the sandbox's API accounts. */
export async function tokenFor(sandbox: Sandbox, appId: string): Promise<string> {
  const account = sandbox.world.accounts.find((a) => a.api?.appId === appId);
  const reply = await postJson(`${sandbox.apiBase}/cgi-bin/stable_token`, {
    grant_type: 'client_credential',
    appid: appId,
    secret: account?.api?.secret,
  });
  if (typeof reply.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(reply)}`);
  return reply.access_token;
}

/** The API account of the world with this name. */
export function apiAccount(sandbox: Sandbox, name: string): { appId: string; secret: string } {
  const api = sandbox.world.accounts.find((a) => a.name === name)?.api;
  if (!api) throw new Error(`${name} has no API access`);
  return api;
}
