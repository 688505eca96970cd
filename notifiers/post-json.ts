import type { SendFailure } from './types.ts';

export type PostOutcome =
  | { readonly kind: 'reply'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'network'; readonly code: string };

/** A request that got no answer, as every channel reports it: worth trying again later. */
export function unanswered(outcome: { readonly code: string }): SendFailure {
  return { ok: false, retryable: true, reason: 'network', code: { network: outcome.code }, detail: `network error ${outcome.code}` };
}

/**
 * No got retries: a retried POST can post the same message twice, and the
 * caller's outbox already retries with its own back-off. No redirects either:
 * the robot endpoints never redirect, and following one would carry the key
 * to another host.
 */
const options = {
  timeout: { request: 10_000 },
  retry: { limit: 0 },
  throwHttpErrors: false,
  followRedirect: false,
  headers: { 'user-agent': 'menu-patrol' },
} as const;

/** POSTs a JSON body; never throws. The body of the reply is parsed JSON, or undefined when it is not JSON. */
export function postJson(url: string, json: unknown, headers: Record<string, string> = {}): Promise<PostOutcome> {
  return ask('post', url, { json, headers: { ...options.headers, ...headers } });
}

/** GETs a JSON reply (token endpoints); never throws, like postJson. */
export function getJson(url: string): Promise<PostOutcome> {
  return ask('get', url, {});
}

async function ask(method: 'get' | 'post', url: string, extra: { json?: unknown; headers?: Record<string, string> }): Promise<PostOutcome> {
  try {
    // Loaded at the first request: every command loads the channel modules with the config, few of them post.
    const { default: got } = await import('got');
    const response = await got(url, { ...options, ...extra, method, responseType: 'text' });
    return { kind: 'reply', status: response.statusCode, body: parseJson(response.body) };
  } catch (error) {
    // got's messages can carry the URL, and with it the key or token: keep only the error code.
    return { kind: 'network', code: (error as { code?: unknown }).code?.toString() ?? 'ERROR' };
  }
}

/**
 * POSTs one file as multipart/form-data under `field` (a platform's media upload), with any plain `fields` before it
 * (Feishu wants file_type and file_name) and extra headers; never throws, replies as postJson's.
 */
export async function postFile(
  url: string,
  field: string,
  file: { readonly name: string; readonly type: string; readonly data: Buffer },
  extra: { readonly fields?: Record<string, string>; readonly headers?: Record<string, string> } = {},
): Promise<PostOutcome> {
  try {
    const { default: got } = await import('got');
    const form = new FormData();
    for (const [name, value] of Object.entries(extra.fields ?? {})) form.append(name, value);
    form.append(field, new Blob([file.data], { type: file.type }), file.name);
    const response = await got.post(url, { ...options, headers: { ...options.headers, ...extra.headers }, body: form, responseType: 'text' });
    return { kind: 'reply', status: response.statusCode, body: parseJson(response.body) };
  } catch (error) {
    return { kind: 'network', code: (error as { code?: unknown }).code?.toString() ?? 'ERROR' };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
