import { randomBytes } from 'node:crypto';
import got, { type RequestError } from 'got';
import { XMLParser } from 'fast-xml-parser';
import { aesKey, decryptMessage, encryptMessage, msgSignature, PushCryptoError, signature } from './push-crypto.ts';
import { encryptedBody, eventXml, type EventPush } from './event-xml.ts';

/** Where and how to push: the account's developer-server settings. */
export interface PushTarget {
  readonly url: string;
  readonly token: string;
  readonly mode: 'plain' | 'compat' | 'safe';
  readonly encodingAESKey?: string;
  /** Needed in encrypted modes: the plaintext ends with it and the reply must too (a 第三方平台's own AppID when it hosts the server). */
  readonly appId?: string;
}

export type PushOutcome =
  | { readonly kind: 'reply'; readonly status: number; readonly body: string; readonly encrypted: boolean; readonly elapsedMs: number }
  | { readonly kind: 'timeout'; readonly elapsedMs: number }
  | { readonly kind: 'http-error'; readonly status: number; readonly body: string; readonly elapsedMs: number }
  | { readonly kind: 'unreachable'; readonly detail: string; readonly elapsedMs: number }
  | { readonly kind: 'bad-crypto'; readonly detail: string; readonly body: string; readonly elapsedMs: number };

/** WeChat gives the server 5 seconds, then tells the user 「该公众号暂时无法提供服务」. */
export const replyDeadlineMs = 5000;
/** A passive reply is a few KB; a 10 MB answer is as broken as none. */
const maxReplyBytes = 256 * 1024;

const xml = new XMLParser({ processEntities: false, parseTagValue: false });

function excerpt(body: string): string {
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
}

/** In encrypted modes, the reply envelope must be signed with the token and decrypt to XML from the same appId. */
function openReply(body: string, target: PushTarget, key: Buffer): string {
  const envelope = (xml.parse(body) as { xml?: Record<string, string> }).xml;
  const encrypted = envelope?.Encrypt;
  if (!encrypted) throw new PushCryptoError('回复不是加密格式（缺少 Encrypt）');
  const expected = msgSignature(target.token, String(envelope.TimeStamp ?? ''), String(envelope.Nonce ?? ''), encrypted);
  if (envelope.MsgSignature !== expected) throw new PushCryptoError('回复的 MsgSignature 签名不对（Token 可能不一致）');
  const { message, appId } = decryptMessage(encrypted, key);
  if (target.appId && appId !== target.appId) throw new PushCryptoError(`回复里的 AppID（${appId}）与配置的 AppID（${target.appId}）不一致`);
  return message;
}

/**
 * Push one menu event to the account's server exactly as WeChat would and
 * report what came back, as a value: the caller judges it.
 */
export async function sendEvent(target: PushTarget, push: EventPush, deadlineMs = replyDeadlineMs): Promise<PushOutcome> {
  const timestamp = String(push.createTime);
  const nonce = randomBytes(8).toString('hex');
  const plain = eventXml(push);
  const searchParams: Record<string, string> = {
    signature: signature(target.token, timestamp, nonce),
    timestamp,
    nonce,
    openid: push.fromUser,
  };
  let body = plain;
  const key = target.mode === 'plain' ? undefined : aesKey(target.encodingAESKey ?? '');
  if (key) {
    const encrypted = encryptMessage(plain, target.appId ?? '', key);
    body = encryptedBody(push, encrypted, target.mode as 'safe' | 'compat');
    searchParams.encrypt_type = 'aes';
    searchParams.msg_signature = msgSignature(target.token, timestamp, nonce, encrypted);
  }

  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let status: number;
  let text: string;
  try {
    const stream = got.stream.post(target.url, {
      searchParams,
      body,
      headers: { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'Mozilla/4.0' },
      timeout: { request: deadlineMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    const response = new Promise<number>((resolve) => stream.on('response', (r: { statusCode: number }) => resolve(r.statusCode)));
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxReplyBytes) {
        stream.destroy();
        return { kind: 'bad-crypto', detail: `回复超过 ${maxReplyBytes / 1024} KB，不是正常的被动回复`, body: '', elapsedMs: elapsed() };
      }
      chunks.push(chunk);
    }
    status = await response;
    text = Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    const code = (error as RequestError).code;
    if (code === 'ETIMEDOUT') return { kind: 'timeout', elapsedMs: elapsed() };
    return { kind: 'unreachable', detail: code ?? (error as Error).message, elapsedMs: elapsed() };
  }
  const elapsedMs = elapsed();
  if (status >= 400) return { kind: 'http-error', status, body: excerpt(text), elapsedMs };
  const trimmed = text.trim();
  if (!key || trimmed === '' || trimmed === 'success' || !trimmed.includes('<Encrypt>')) {
    // Plain mode, or an encrypted-mode server that answered success/empty/plain XML (compat allows plain).
    if (key && target.mode === 'safe' && trimmed !== '' && trimmed !== 'success') {
      return { kind: 'bad-crypto', detail: '安全模式下回复没有加密', body: excerpt(text), elapsedMs };
    }
    return { kind: 'reply', status, body: text, encrypted: false, elapsedMs };
  }
  try {
    return { kind: 'reply', status, body: openReply(text, target, key), encrypted: true, elapsedMs };
  } catch (error) {
    // Hostile or broken replies end here too: the XML parser may reject them before any crypto runs.
    return { kind: 'bad-crypto', detail: (error as Error).message, body: excerpt(text), elapsedMs };
  }
}
