/**
 * A loopback Feishu open platform for the app bot's long connection, written
 * from the documented wire format (official-channels.md §3, the official SDK's
 * ws-client), not from our client: POST /callback/ws/endpoint → a WebSocket
 * address (one connection per ticket), binary pbbp2 frames, events pushed as
 * data frames and acknowledged with {code:200}, ping → pong with the client
 * config, the tenant token, im/v1 messages (send and reply, text and file) and
 * im/v1/files (the upload a file message names by file_key).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, frameMethod, header } from '../../notifiers/feishu-frames.ts';
import { closeServer, listenLocal, loopback } from '../listen.ts';
import { formOf, parseJson, readBody, sendJson } from './http-parts.ts';

export interface FeishuUser {
  readonly openId: string;
  readonly userId?: string;
}

/** What the bot said: a reply to a message, or a message it sent on its own. */
export interface BotLine {
  readonly via: 'reply' | 'send';
  /** The open_id, user_id or chat_id it went to (for a reply: the chat of the message replied to). */
  readonly to: string;
  readonly text: string;
  readonly at: number;
  /** A file message: the uploaded file's name and bytes. */
  readonly file?: { readonly name: string; readonly data: Buffer };
}

export interface FakeFeishu {
  readonly domain: string;
  readonly appId: string;
  readonly appSecret: string;
  /** Every endpoint call, and how many the credentials were refused for. */
  readonly opens: { total: number; refused: number };
  readonly tokensIssued: () => number;
  readonly connections: () => number;
  readonly connected: () => boolean;
  /** Pings the client sent. */
  readonly pings: () => number;
  /** When each pushed event was acknowledged (ms since epoch), by its message_id. */
  readonly acks: Map<string, number>;
  readonly said: BotLine[];
  /** A user writes to the bot: one-to-one, or with an @ in the group (chat_id). `parts` splits the payload over frames. Returns the message_id. */
  say(from: FeishuUser, text: string, options?: { chatId?: string; parts?: number }): string;
  /** Push an earlier event again (same event_id and message_id), as the platform does when an ack got lost. */
  redeliver(messageId: string): void;
  /** Cut the connection without a word (a network drop). */
  drop(): void;
  /** Every token issued so far stops working (it expired, or the secret was reset). */
  expireTokens(): void;
  close(): Promise<void>;
}

/** The file types im/v1/files documents. */
const fileTypes = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);
const fileMaxBytes = 30 * 1024 * 1024;

const serviceId = 33554678;
const clientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export async function startFakeFeishu(options: { appId?: string; appSecret?: string } = {}): Promise<FakeFeishu> {
  const appId = options.appId ?? 'cli_fakeappid';
  const appSecret = options.appSecret ?? 'fake-app-secret';
  const tickets = new Set<string>();
  const tokens = new Set<string>();
  let issued = 0;
  /** Frames of each event (by message_id), to push again; and the chat each message was said in. */
  const events = new Map<string, Uint8Array[]>();
  const chats = new Map<string, string>();
  const acks = new Map<string, number>();
  const said: BotLine[] = [];
  /** Files uploaded with im/v1/files, by file_key. */
  const files = new Map<string, { name: string; data: Buffer }>();
  const opens = { total: 0, refused: 0 };
  let connections = 0;
  let pings = 0;
  let socket: WebSocket | undefined;
  let domain = '';

  const authorized = (req: IncomingMessage) => tokens.has(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const invalidToken = { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    const body = parseJson(raw);
    if (req.method === 'POST' && url.pathname === '/callback/ws/endpoint') {
      opens.total++;
      if (body?.AppID !== appId || body?.AppSecret !== appSecret) {
        opens.refused++;
        return sendJson(res, 200, { code: 514, msg: 'app secret invalid', data: { URL: '', ClientConfig: {} } });
      }
      const ticket = randomUUID();
      tickets.add(ticket);
      const address = `${domain.replace('http', 'ws')}/ws?device_id=${randomUUID()}&service_id=${serviceId}&ticket=${ticket}`;
      return sendJson(res, 200, { code: 0, msg: 'ok', data: { URL: address, ClientConfig: clientConfig } });
    }
    if (req.method === 'POST' && url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
      if (body?.app_id !== appId || body?.app_secret !== appSecret) return sendJson(res, 400, { code: 10014, msg: 'app secret invalid' });
      const token = `t-${randomUUID()}`;
      tokens.add(token);
      issued++;
      return sendJson(res, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/open-apis/im/v1/files') {
      if (!authorized(req)) return sendJson(res, 400, invalidToken);
      const form = await formOf(req, raw);
      const file = form?.get('file');
      const name = form?.get('file_name');
      if (!(file instanceof Blob) || typeof name !== 'string' || !fileTypes.has(String(form?.get('file_type')))) return sendJson(res, 400, { code: 234001, msg: 'Invalid request param.' });
      if (file.size === 0) return sendJson(res, 400, { code: 234010, msg: 'File size cannot be 0.' });
      if (file.size > fileMaxBytes) return sendJson(res, 400, { code: 234006, msg: 'The file size exceed the max value.' });
      const fileKey = `file_v3_${randomUUID()}`;
      files.set(fileKey, { name, data: Buffer.from(await file.arrayBuffer()) });
      return sendJson(res, 200, { code: 0, msg: 'success', data: { file_key: fileKey } });
    }
    const reply = url.pathname.match(/^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/);
    if (req.method === 'POST' && (reply || url.pathname === '/open-apis/im/v1/messages')) {
      if (!authorized(req)) return sendJson(res, 400, invalidToken);
      if (body?.msg_type !== 'text' && body?.msg_type !== 'file') return sendJson(res, 400, { code: 230001, msg: 'message type not supported here' });
      const content = JSON.parse(body.content) as { text?: unknown; file_key?: unknown };
      const file = body.msg_type === 'file' ? files.get(String(content.file_key)) : undefined;
      if (body.msg_type === 'file' && !file) return sendJson(res, 400, { code: 230001, msg: 'invalid file_key' });
      const text = String(content.text ?? '');
      const to = reply ? chats.get(decodeURIComponent(reply[1]!)) : String(body.receive_id);
      if (to === undefined) return sendJson(res, 400, { code: 230011, msg: 'message not found' });
      said.push({ via: reply ? 'reply' : 'send', to, text, at: Date.now(), ...(file ? { file } : {}) });
      return sendJson(res, 200, { code: 0, msg: 'success', data: { message_id: `om_${randomUUID()}` } });
    }
    sendJson(res, 404, { code: 404, msg: 'not found' });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, sock, head) => {
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
    if (!tickets.delete(ticket)) {
      sock.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, sock, head, (ws) => {
      connections++;
      socket = ws;
      // Events nobody acknowledged come again on the next connection.
      for (const [id, frames] of events) if (!acks.has(id)) for (const frame of frames) ws.send(frame);
      ws.on('message', (data: Buffer) => {
        const frame = decodeFrame(data);
        const type = header(frame, 'type');
        if (frame.method === frameMethod.control && type === 'ping') {
          pings++;
          ws.send(encodeFrame({ ...frame, headers: [{ key: 'type', value: 'pong' }], payload: encode(clientConfig) }));
          return;
        }
        const id = header(frame, 'message_id') ?? '';
        const answer = frame.payload ? (JSON.parse(new TextDecoder().decode(frame.payload)) as { code?: unknown }) : {};
        if (frame.method === frameMethod.data && answer.code === 200 && events.has(id) && !acks.has(id)) acks.set(id, Date.now());
      });
    });
  });

  const port = await listenLocal(server);
  domain = `http://${loopback}:${port}`;
  const send = (frame: Uint8Array) => {
    if (socket?.readyState === 1) socket.send(frame);
  };

  return {
    domain,
    appId,
    appSecret,
    opens,
    acks,
    said,
    tokensIssued: () => issued,
    connections: () => connections,
    connected: () => socket?.readyState === 1,
    pings: () => pings,
    say(from, text, { chatId, parts = 1 } = {}) {
      const messageId = `om_${randomUUID()}`;
      const chat = chatId ?? `oc_p2p_${from.openId}`;
      chats.set(messageId, chat);
      const event = {
        schema: '2.0',
        header: { event_id: randomUUID().replace(/-/g, ''), event_type: 'im.message.receive_v1', create_time: String(Date.now()), token: '', app_id: appId, tenant_key: 'tenant' },
        event: {
          sender: { sender_id: { open_id: from.openId, ...(from.userId ? { user_id: from.userId } : {}), union_id: `on_${from.openId}` }, sender_type: 'user', tenant_key: 'tenant' },
          message: {
            message_id: messageId,
            create_time: String(Date.now()),
            chat_id: chat,
            chat_type: chatId ? 'group' : 'p2p',
            message_type: 'text',
            // In a group the bot's @ comes as a placeholder key, listed in mentions.
            content: JSON.stringify({ text: chatId ? `@_user_1 ${text}` : text }),
            ...(chatId ? { mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '菜单巡检', tenant_key: 'tenant' }] } : {}),
          },
        },
      };
      const payload = encode(event);
      const size = Math.ceil(payload.length / parts);
      const frames = Array.from({ length: parts }, (_, seq) =>
        encodeFrame({
          seqId: BigInt(seq),
          logId: BigInt(Date.now()),
          service: serviceId,
          method: frameMethod.data,
          headers: [
            { key: 'type', value: 'event' },
            { key: 'message_id', value: messageId },
            { key: 'sum', value: String(parts) },
            { key: 'seq', value: String(seq) },
            { key: 'trace_id', value: randomUUID() },
          ],
          payload: payload.subarray(seq * size, (seq + 1) * size),
        }),
      );
      events.set(messageId, frames);
      for (const frame of frames) send(frame);
      return messageId;
    },
    redeliver(messageId) {
      for (const frame of events.get(messageId)!) send(frame);
    },
    drop() {
      socket?.terminate();
    },
    expireTokens() {
      tokens.clear();
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}
