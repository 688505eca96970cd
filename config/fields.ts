/**
 * Field shapes shared by config/schema.ts and the modules that own a part of
 * the config (each notifier channel): one wording of each error.
 */
import { z } from 'zod';

export const text = z.string().trim().min(1);

export const httpUrl = z.url({ protocol: /^https?$/, error: '应为以 http:// 或 https:// 开头的完整网址' });

/** A mainland mobile number, as chat platforms know their members by. */
export const mobile = z.string().trim().regex(/^1\d{10}$/, '应为 11 位手机号，例如 13800000000');

/** `env:NAME` (recommended) or the secret itself; load.ts turns it into a Secret. */
export const secretRef = text;

/**
 * `host:port` where this program listens; an IPv6 host in brackets. Port 0
 * takes any free port (tests). A bare port (`listen: 8730`, as people write
 * it) is that port on this computer only: opening it to the network is a
 * choice to write out. `example` goes into the error message.
 */
export function listenAddress(example: string) {
  return z.preprocess(
    (v) => (typeof v === 'number' || (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) ? `127.0.0.1:${String(v).trim()}` : v),
    z
      .string()
      .trim()
      // abort: a value that is no address:port has no port to range-check either.
      .regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/i, { message: `应为“地址:端口”，例如 ${example}`, abort: true })
      .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65_535, '端口应在 0 到 65535 之间'),
  );
}

/** A valid listen address's host (IPv6 without brackets) and port. */
export function hostAndPort(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  return { host: listen.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(listen.slice(at + 1)) };
}
