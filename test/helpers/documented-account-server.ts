/**
 * An official account's developer server written from WeChat's documentation
 * (../shared/reference/wechat-platform.md §4.2–4.6, T2.2, T2.3), not from the
 * sandbox's or the product's code, so a test against it checks the product
 * against the platform rather than against itself. Its crypto is its own.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';

/** How the server answers one menu key: the documented "answer later" bodies, or a passive text reply. */
export type Answer = 'success' | 'empty' | { readonly text: string };

export interface DocumentedServerOptions {
  readonly token: string;
  /** Safe mode when set: only ciphertext in, only ciphertext out. */
  readonly encodingAESKey?: string;
  /** The AppID the plaintext must end with: the account's, or a 第三方平台's own (component) AppID. */
  readonly appId?: string;
  /** The 原始ID pushes must be addressed to (ToUserName). */
  readonly originalId: string;
  /** A 第三方平台's receive URL carries the authorizer's AppID in its path ($APPID$). */
  readonly path?: string;
  readonly answers: Record<string, Answer>;
}

export interface DocumentedServer {
  readonly url: string;
  /** What each push carried, decrypted: the fields the server read. */
  readonly received: { path: string; toUser: string; event: string; key: string; appId?: string }[];
  /** Requests refused, with why: a wrong signature, AppID or ToUserName. */
  readonly refused: string[];
}

const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const field = (xml: string, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${name}>`, 's').exec(xml)?.[1] ?? '';

/** AES-256-CBC, IV = the key's first 16 bytes, PKCS#7 padding over 32-byte blocks. */
function aes(encodingAESKey: string) {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  const iv = key.subarray(0, 16);
  return {
    open(base64: string): { xml: string; appId: string } {
      const d = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      const padded = Buffer.concat([d.update(Buffer.from(base64, 'base64')), d.final()]);
      const plain = padded.subarray(0, padded.length - padded[padded.length - 1]!);
      const length = plain.readUInt32BE(16);
      return { xml: plain.subarray(20, 20 + length).toString('utf8'), appId: plain.subarray(20 + length).toString('utf8') };
    },
    seal(xml: string, appId: string): string {
      const body = Buffer.from(xml);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId)]);
      const pad = 32 - (plain.length % 32);
      const c = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
    },
  };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startDocumentedServer(t: ExecutionContext, options: DocumentedServerOptions): Promise<DocumentedServer> {
  const crypto = options.encodingAESKey ? aes(options.encodingAESKey) : null;
  const received: DocumentedServer['received'] = [];
  const refused: string[] = [];
  const refuse = (res: import('node:http').ServerResponse, why: string) => {
    refused.push(why);
    res.writeHead(403).end(why);
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = Object.fromEntries(url.searchParams);
    const body = await bodyOf(req);
    if (q.signature !== sha1(options.token, q.timestamp ?? '', q.nonce ?? '')) return refuse(res, 'signature');
    let xml = body;
    let appId: string | undefined;
    if (crypto) {
      const encrypted = field(body, 'Encrypt');
      if (q.encrypt_type !== 'aes' || !encrypted) return refuse(res, 'not encrypted');
      if (q.msg_signature !== sha1(options.token, q.timestamp ?? '', q.nonce ?? '', encrypted)) return refuse(res, 'msg_signature');
      ({ xml, appId } = crypto.open(encrypted));
      if (appId !== options.appId) return refuse(res, `appid ${appId}`);
    }
    const toUser = field(xml, 'ToUserName');
    const key = field(xml, 'EventKey');
    received.push({ path: url.pathname, toUser, event: field(xml, 'Event'), key, ...(appId === undefined ? {} : { appId }) });
    if (toUser !== options.originalId) return refuse(res, `ToUserName ${toUser}`);
    const answer = options.answers[key] ?? 'success';
    if (answer === 'success') return res.end('success');
    if (answer === 'empty') return res.end();
    const reply =
      `<xml><ToUserName><![CDATA[${field(xml, 'FromUserName')}]]></ToUserName><FromUserName><![CDATA[${toUser}]]></FromUserName>` +
      `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${answer.text}]]></Content></xml>`;
    if (!crypto) return res.writeHead(200, { 'content-type': 'text/xml' }).end(reply);
    const encrypted = crypto.seal(reply, options.appId ?? '');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(5).toString('hex');
    res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(`<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt><MsgSignature><![CDATA[${sha1(options.token, timestamp, nonce, encrypted)}]]></MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${options.path ?? '/wx'}`, received, refused };
}
