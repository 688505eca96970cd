import { PRIVATE_ADDRESS_CODE } from './address-guard.ts';
import type { FetchErrorCode } from './types.ts';

export interface ClassifiedError {
  readonly error: FetchErrorCode;
  readonly detail: string;
  /** Worth another attempt: the same request may well succeed in a moment. */
  readonly transient: boolean;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL', 'ENONAME']);
/** Connection dropped under us: keep-alive races, overloaded servers, flaky middleboxes. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'ERR_HTTP_CONTENT_LENGTH_MISMATCH']);
/** OpenSSL verification codes (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, …), node TLS/SSL errors, handshake failures (EPROTO). */
const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH$|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|EPROTO$)/;

const MAX_DETAIL = 300;

/** Masks access_token values wherever they appear (URLs in details end up in reports and chat messages). */
export function redactSecrets(text: string): string {
  return text.replace(/(access_token=)[^&#\s"']*/gi, '$1***');
}

export function shortDetail(text: string): string {
  const redacted = redactSecrets(text.replace(/\s+/g, ' ').trim());
  return redacted.length > MAX_DETAIL ? `${redacted.slice(0, MAX_DETAIL - 1)}…` : redacted;
}

/** A CONNECT the proxy answered with anything but 200 (hpagent: "Bad response: 407"). */
const CONNECT_REFUSED = /^Bad response: (\d{3})/;
/** The proxy itself could not be reached (through a proxy every socket goes to it). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Maps a network error (got wraps node's and copies `code`) to an outcome.
 * `whileReading` marks errors after the response headers arrived; `viaProxy`
 * that the socket went to a proxy, whose refusals are not the site's.
 */
export function classifyError(raw: unknown, whileReading: string | undefined, viaProxy = false): ClassifiedError {
  const err = raw as NodeJS.ErrnoException;
  const code = err.code ?? '';
  const message = err.message ?? String(raw);
  const where = whileReading === undefined ? '' : ` (${whileReading})`;
  const make = (error: FetchErrorCode, detail: string, transient = false): ClassifiedError => ({
    error,
    detail: shortDetail(detail + where),
    transient,
  });

  if (code === PRIVATE_ADDRESS_CODE) return make('private-address', message);
  if (viaProxy) {
    const status = Number(CONNECT_REFUSED.exec(message)?.[1]);
    // 502/504 to a CONNECT: the proxy could not reach the site, which is the site's problem.
    if (status === 407 || status === 403 || status === 405) return make('proxy-refused', `the proxy answered the CONNECT with HTTP ${status}`);
    if (UNREACHABLE_CODES.has(code)) return make('proxy-refused', `cannot reach the proxy: ${message}`);
  }
  // got's TimeoutError ("Timeout awaiting 'connect' for 10000ms") or the OS giving up on a connect.
  if (err.name === 'TimeoutError' || code === 'ETIMEDOUT') return make('timeout', message, true);
  if (DNS_CODES.has(code)) return make('dns-failure', `${code}: ${message}`, TRANSIENT_CODES.has(code));
  if (TLS_CODE.test(code)) return make('tls-invalid', `${message} (${code})`);
  if (/^Z_|^ERR_BROTLI|^ERR__?ZSTD/.test(code)) return make('connect-failure', `undecodable compressed body: ${message} (${code})`);
  // Everything else means we could not talk to the server: refused, unreachable,
  // reset, a proxy that said no ("Bad response: 403"), a malformed response (HPE_*).
  const named = code === '' || code.startsWith('ERR_GOT_') || message.includes(code) ? message : `${code}: ${message}`;
  return make('connect-failure', named, TRANSIENT_CODES.has(code));
}
