import net from 'node:net';

export interface ForwardingHeaders {
  readonly forwardedFor?: string | undefined;
  readonly realIp?: string | undefined;
}

/** An address (or `localhost`) of this computer only: 127.0.0.0/8, ::1, or 127.x mapped into IPv6. */
export function isLoopback(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  return plain === 'localhost' || plain === '::1' || (net.isIPv4(plain) && plain.startsWith('127.'));
}

/**
 * Where a visitor is, for counting failed logins. Behind the office's reverse
 * proxy (web.publicUrl set, the proxy on this computer) every request arrives
 * from 127.0.0.1, so all visitors would share one count and one guesser would
 * lock the admins out: there the visitor is the last address the proxy added
 * to X-Forwarded-For (earlier entries are whatever the visitor sent), or its
 * X-Real-IP. Without a proxy configured, or from any other peer, the headers
 * are the visitor's own word and the peer address counts.
 */
export function clientAddress(peer: string | undefined, headers: ForwardingHeaders, behindProxy: boolean): string {
  if (peer === undefined) return 'unknown';
  if (!behindProxy || !isLoopback(peer)) return peer;
  const forwarded = headers.forwardedFor?.split(',').at(-1)?.trim() || headers.realIp?.trim();
  return forwarded && net.isIP(forwarded) ? forwarded : peer;
}
