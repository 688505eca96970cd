/**
 * A loopback WeCom server API for one self-built app, written from the
 * documents (official-channels.md §1), not from our client: GET
 * /cgi-bin/gettoken?corpid&corpsecret, POST /cgi-bin/message/send?access_token
 * with its errors (40014 invalid token, 42001 expired token, 60020 caller's
 * IP not among the app's 企业可信IP, 44004/45002 empty or too long text),
 * POST /cgi-bin/media/upload?type=file (5 B–20 MB) and file messages naming
 * its media_id, and
 * the other direction: WeCom calling the app's callback URL, signed and
 * encrypted as documented (the URL check GET with echostr, messages by POST).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { aesKey, encryptMessage, msgSignature } from '../../wechat/push-crypto.ts';
import { closeServer, listenLocal, loopback } from '../listen.ts';
import { formOf, readBody, sendJson } from './http-parts.ts';

/** What the app sent through message/send. */
export interface AppLine {
  readonly touser: string;
  readonly text: string;
  readonly at: number;
  /** A file message: the uploaded file's name and bytes. */
  readonly file?: { readonly name: string; readonly data: Buffer };
}

export interface CallbackTarget {
  readonly url: string;
  readonly token: string;
  readonly encodingAESKey: string;
}

/** A request WeCom made to the callback URL, and how it was answered. */
export interface CallbackCall {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: string;
  readonly status: number;
  readonly answer: string;
}

export interface FakeWecomApi {
  readonly apiBase: string;
  readonly corpId: string;
  readonly agentId: number;
  readonly secret: string;
  /** Every gettoken call, and how many were refused. */
  readonly tokenCalls: { total: number; refused: number };
  readonly sent: AppLine[];
  /** Every message/send call, accepted or not, by errcode. */
  readonly sendCodes: number[];
  /** Tokens issued so far stop working as expired (42001), as after 7200 s. */
  expireTokens(): void;
  /** Forget tokens issued so far (40014 invalid), as after the secret was reset elsewhere. */
  revokeTokens(): void;
  /** Whether this computer's IP is among the app's 企业可信IP (default yes); when not, sends fail with 60020. */
  trustIp(trusted: boolean): void;
  /** The URL check an admin triggers by saving the callback settings. */
  verifyUrl(target: CallbackTarget): Promise<CallbackCall & { echostr: string }>;
  /** A member writes to the app: the message pushed to the callback URL. `sign` can forge; `timestamp` can backdate. */
  say(target: CallbackTarget, from: string, text: string, options?: { sign?: (signature: string) => string; timestamp?: number }): Promise<CallbackCall & { msgId: string }>;
  /** Send an earlier request again, byte for byte (a replay, or WeCom's retry). */
  replay(call: CallbackCall): Promise<CallbackCall>;
  close(): Promise<void>;
}

/** WeCom answers every API call with HTTP 200 and says what went wrong in errcode. */
const json = (res: ServerResponse, body: unknown) => sendJson(res, 200, body);

const cdata = (value: string) => `<![CDATA[${value}]]>`;

/** As documented: the caller's address in the error text, for the admin to add. */
const untrustedCaller = '203.0.113.7';

export async function startFakeWecomApi(options: { corpId?: string; agentId?: number; secret?: string } = {}): Promise<FakeWecomApi> {
  const corpId = options.corpId ?? 'ww0fake0corp0id01';
  const agentId = options.agentId ?? 1000002;
  const secret = options.secret ?? 'fake-app-secret-0123456789';
  const tokens = new Map<string, 'valid' | 'expired'>();
  const tokenCalls = { total: 0, refused: 0 };
  const sent: AppLine[] = [];
  const sendCodes: number[] = [];
  let ipTrusted = true;
  /** Files uploaded with media/upload, by media_id. */
  const media = new Map<string, { name: string; data: Buffer }>();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/cgi-bin/gettoken') {
      tokenCalls.total++;
      if (url.searchParams.get('corpid') !== corpId) {
        tokenCalls.refused++;
        return json(res, { errcode: 40013, errmsg: 'invalid corpid' });
      }
      if (url.searchParams.get('corpsecret') !== secret) {
        tokenCalls.refused++;
        return json(res, { errcode: 40001, errmsg: 'invalid credential, hint: [1733530000_1]' });
      }
      const token = randomBytes(32).toString('hex');
      tokens.set(token, 'valid');
      return json(res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/media/upload') {
      const state = tokens.get(url.searchParams.get('access_token') ?? '');
      if (state !== 'valid') return json(res, { errcode: state ? 42001 : 40014, errmsg: 'invalid access_token' });
      const form = await formOf(req, await readBody(req));
      const file = form?.get('media');
      if (url.searchParams.get('type') !== 'file' || !(file instanceof File)) return json(res, { errcode: 40004, errmsg: 'invalid media type' });
      if (file.size <= 5) return json(res, { errcode: 40005, errmsg: 'invalid file type or size' });
      if (file.size > 20 * 1024 * 1024) return json(res, { errcode: 40006, errmsg: 'invalid file size' });
      const mediaId = `3${randomBytes(24).toString('hex')}`;
      media.set(mediaId, { name: file.name, data: Buffer.from(await file.arrayBuffer()) });
      return json(res, { errcode: 0, errmsg: 'ok', type: 'file', media_id: mediaId, created_at: String(Math.floor(Date.now() / 1000)) });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/send') {
      const body = JSON.parse((await readBody(req)).toString('utf8')) as { touser?: string; msgtype?: string; agentid?: number; text?: { content?: string }; file?: { media_id?: string } };
      const answer = (errcode: number, errmsg: string) => {
        sendCodes.push(errcode);
        json(res, { errcode, errmsg });
      };
      const state = tokens.get(url.searchParams.get('access_token') ?? '');
      if (!state) return answer(40014, 'invalid access_token');
      if (state === 'expired') return answer(42001, 'access_token expired');
      if (!ipTrusted) return answer(60020, `not allow to access from your ip, hint: [1733530000_2], from ip: ${untrustedCaller}, more info at https://open.work.weixin.qq.com/devtool/query?e=60020`);
      if (body.agentid !== agentId) return answer(40056, 'invalid agentid');
      if (body.msgtype === 'file') {
        const file = media.get(body.file?.media_id ?? '');
        if (!file) return answer(40007, 'invalid media_id');
        for (const touser of (body.touser ?? '').split('|')) sent.push({ touser, text: '', at: Date.now(), file });
        return answer(0, 'ok');
      }
      const content = body.text?.content ?? '';
      if (body.msgtype !== 'text' || content === '') return answer(44004, 'empty content');
      if (Buffer.byteLength(content) > 2048) return answer(45002, 'content size out of limit');
      for (const touser of (body.touser ?? '').split('|')) sent.push({ touser, text: content, at: Date.now() });
      return answer(0, 'ok');
    }
    res.writeHead(404).end();
  });
  const port = await listenLocal(server);

  /** One signed request to the callback URL, as WeCom makes it. */
  async function call(method: 'GET' | 'POST', url: string, body?: string): Promise<CallbackCall> {
    const response = await fetch(url, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': 'text/xml' } }) });
    return { method, url, ...(body === undefined ? {} : { body }), status: response.status, answer: await response.text() };
  }

  function signedUrl(target: CallbackTarget, encrypted: string, timestamp: number, sign = (s: string) => s, extra: Record<string, string> = {}): string {
    const nonce = String(Math.floor(Math.random() * 1e10));
    const url = new URL(target.url);
    url.searchParams.set('msg_signature', sign(msgSignature(target.token, String(timestamp), nonce, encrypted)));
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('nonce', nonce);
    for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
    return url.href;
  }

  const nowSeconds = () => Math.floor(Date.now() / 1000);

  return {
    apiBase: `http://${loopback}:${port}`,
    corpId,
    agentId,
    secret,
    tokenCalls,
    sent,
    sendCodes,
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 'expired');
    },
    revokeTokens() {
      tokens.clear();
    },
    trustIp(trusted) {
      ipTrusted = trusted;
    },
    async verifyUrl(target) {
      const echostr = String(Math.floor(Math.random() * 1e18));
      const encrypted = encryptMessage(echostr, corpId, aesKey(target.encodingAESKey));
      return { ...(await call('GET', signedUrl(target, encrypted, nowSeconds(), undefined, { echostr: encrypted }))), echostr };
    },
    async say(target, from, text, options = {}) {
      const msgId = String(BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000)));
      const timestamp = options.timestamp ?? nowSeconds();
      const plain =
        `<xml><ToUserName>${cdata(corpId)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${timestamp}</CreateTime>` +
        `<MsgType>${cdata('text')}</MsgType><Content>${cdata(text)}</Content><MsgId>${msgId}</MsgId><AgentID>${agentId}</AgentID></xml>`;
      const encrypted = encryptMessage(plain, corpId, aesKey(target.encodingAESKey));
      const body = `<xml><ToUserName>${cdata(corpId)}</ToUserName><AgentID>${cdata(String(agentId))}</AgentID><Encrypt>${cdata(encrypted)}</Encrypt></xml>`;
      return { ...(await call('POST', signedUrl(target, encrypted, timestamp, options.sign), body)), msgId };
    },
    replay: (earlier) => call(earlier.method, earlier.url, earlier.body),
    close: () => closeServer(server),
  };
}

/** A fresh 43-character EncodingAESKey, as the admin console generates. */
export function newEncodingAESKey(): string {
  return randomBytes(32).toString('base64').slice(0, 43).replace(/[+/]/g, 'A');
}

export const newCallbackToken = () => randomUUID().replaceAll('-', '').slice(0, 32);
