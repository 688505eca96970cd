/**
 * WeChat's error bodies: `{errcode, errmsg}` with the English message and a
 * ` rid: …` request id appended, as the real API does (which is why a client
 * must match on errcode, never on errmsg).
 */
import { randomBytes } from 'node:crypto';

const messages: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  45009: 'reach max api daily quota limit',
  46003: 'menu no exist',
  47001: 'data format error',
  48001: 'api unauthorized',
};

export interface WxError {
  readonly errcode: number;
  readonly errmsg: string;
}

function rid(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

export function wxError(errcode: number, errmsg: string = messages[errcode] ?? 'unknown error'): WxError {
  return { errcode, errmsg: `${errmsg} rid: ${rid()}` };
}

/** The address the sandbox pretends the checker calls from (TEST-NET-3, never routed). */
const callerIp = '203.0.113.7';

export function notWhitelisted(): WxError {
  return wxError(40164, `invalid ip ${callerIp} ipv6 ::ffff:${callerIp}, not in whitelist`);
}
