/**
 * The callback URL of a WeCom self-built app (接收消息, official-channels.md
 * §1), for offices with a public HTTPS entry that forwards here. WeCom signs
 * every request (msg_signature = SHA-1 of the sorted Token, timestamp, nonce
 * and ciphertext) and encrypts with the app's EncodingAESKey, the scheme of
 * WeChat's safe mode (wechat/push-crypto.ts). A GET proves the URL by
 * returning the decrypted echostr; a POST carries one message, answered with
 * an empty 200 at once (slow work answers later through message/send).
 * Forged signatures, stale timestamps and replays are refused with 403.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import type { Secret } from '../config/secret.ts';
import { aesKey, decryptMessage, msgSignature, PushCryptoError } from '../wechat/push-crypto.ts';

export interface CallbackConfig {
  readonly name: string;
  readonly corpId: string;
  /** Where to listen, e.g. { host: '127.0.0.1', port: 8080 } behind the office's HTTPS entry. */
  readonly listen: { readonly host: string; readonly port: number };
  readonly path: string;
  readonly token: Secret;
  readonly encodingAESKey: Secret;
}

/** A text message someone sent to the app. */
export interface AppMessage {
  readonly msgId: string;
  readonly userId: string;
  readonly text: string;
}

export interface CallbackOptions {
  /** Seconds since the epoch (tests replay the official sample's 2016 requests). */
  readonly nowSeconds?: () => number;
  /** How far a request's timestamp may be from ours; WeCom retries within 15 s, clocks drift a little. */
  readonly maxSkewSeconds?: number;
}

/** A message is a few hundred bytes; anything much bigger is not WeCom. */
const maxBodyBytes = 64 * 1024;

const parser = new XMLParser({ processEntities: true, parseTagValue: false });

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

const field = (xml: unknown, name: string): string => {
  const value = (xml as { xml?: Record<string, unknown> } | undefined)?.xml?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
};

export interface CallbackServer {
  /** The address it listens on, e.g. http://127.0.0.1:8080/wecom/callback. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Serves the callback until stopped; rejects when the address cannot be listened on or the EncodingAESKey is malformed. */
export async function startWecomCallback(config: CallbackConfig, onMessage: (message: AppMessage) => void, log: (line: string) => void, options: CallbackOptions = {}): Promise<CallbackServer> {
  const key = aesKey(config.encodingAESKey.reveal());
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const maxSkew = options.maxSkewSeconds ?? 300;
  const label = `企业微信应用“${config.name}”的回调`;
  /** Signatures already accepted, until their timestamp leaves the window: a request seen once is never taken twice. */
  const accepted = new Map<string, number>();

  const refuse = (res: ServerResponse, status: number, why: string) => {
    log(`${label}拒绝了一个请求：${why}`);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end();
  };

  /** The decrypted payload when signature, time and CorpID all check out; otherwise the request is answered here. */
  function open(res: ServerResponse, query: URLSearchParams, encrypted: string): string | undefined {
    const signature = query.get('msg_signature') ?? '';
    const timestamp = query.get('timestamp') ?? '';
    const nonce = query.get('nonce') ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds() - Number(timestamp)) > maxSkew) return void refuse(res, 403, '时间戳过期或不对（可能是重放的旧请求，或本机时间不准）');
    if (!sameText(msgSignature(config.token.reveal(), timestamp, nonce, encrypted), signature)) return void refuse(res, 403, '签名不对（不是企业微信发来的，或 Token 配置不一致）');
    for (const [seen, at] of accepted) if (Math.abs(nowSeconds() - at) > maxSkew) accepted.delete(seen);
    if (accepted.has(signature)) return void refuse(res, 403, '重复的请求（重放）');
    let plain: { message: string; appId: string };
    try {
      plain = decryptMessage(encrypted, key);
    } catch (error) {
      return void refuse(res, 400, error instanceof PushCryptoError ? error.message : '解密失败');
    }
    if (plain.appId !== config.corpId) return void refuse(res, 403, `企业ID不符（收到 ${plain.appId}）`);
    accepted.set(signature, Number(timestamp));
    return plain.message;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://callback');
    if (url.pathname !== config.path) return void res.writeHead(404).end();
    if (req.method === 'GET') {
      // echostr is base64: a '+' sent unescaped arrives as a space once the query is decoded.
      const echostr = (url.searchParams.get('echostr') ?? '').replaceAll(' ', '+');
      const plain = open(res, url.searchParams, echostr);
      // Exactly the plaintext: no quotes, BOM or newline.
      if (plain !== undefined) res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(plain);
      return;
    }
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const body = await readBody(req);
    if (body === undefined) return refuse(res, 413, '请求太大');
    let encrypted: string;
    try {
      encrypted = field(parser.parse(body), 'Encrypt');
    } catch {
      encrypted = '';
    }
    if (!encrypted) return refuse(res, 400, '没有 Encrypt 字段');
    const plain = open(res, url.searchParams, encrypted);
    if (plain === undefined) return;
    res.writeHead(200).end();
    const message = parser.parse(plain) as unknown;
    if (field(message, 'MsgType') !== 'text') return;
    onMessage({ msgId: field(message, 'MsgId'), userId: field(message, 'FromUserName'), text: field(message, 'Content') });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  return {
    url: `http://${host}:${port}${config.path}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
