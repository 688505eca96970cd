/**
 * A loopback DingTalk open platform for the Stream-mode app robot, written
 * from the documented protocol (official-channels.md §2), not from our client:
 * POST /v1.0/gateway/connections/open → { endpoint, ticket } (a ticket opens
 * one connection), JSON frames over the WebSocket, pushes acknowledged by
 * messageId, SYSTEM ping / disconnect, a session webhook per message, the
 * access token, the picture and file upload (media/upload) and the robot's
 * proactive send APIs (text, markdown, image and file messages).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listenLocal, loopback } from '../listen.ts';
import { formOf, parseJson, readBody, sendJson } from './http-parts.ts';

export const robotTopic = '/v1.0/im/bot/messages/get';

export interface StaffMember {
  readonly staffId: string;
  readonly nick: string;
}

/** What the robot said: an answer through a session webhook, or a message it sent on its own. */
export interface RobotLine {
  readonly via: 'session' | 'oToMessages' | 'groupMessages';
  /** The staff member or group it went to. */
  readonly to: string;
  readonly text: string;
  readonly at: number;
  /** An image message: the uploaded picture's bytes. */
  readonly image?: Buffer;
  /** A file message (sampleFile): the name it was sent under and the uploaded bytes. */
  readonly file?: { readonly name: string; readonly data: Buffer };
}

export interface FakeDingtalk {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Every open-connection call, and how many the credentials were refused for. */
  readonly opens: { total: number; refused: number };
  /** Connections the client made with a valid ticket. */
  readonly connections: () => number;
  readonly connected: () => boolean;
  /** When each pushed message was acknowledged (ms since epoch), by messageId. */
  readonly acks: Map<string, number>;
  readonly said: RobotLine[];
  /** A staff member writes to the robot: one-to-one, or with an @ in the named group. Returns the push's messageId. */
  say(from: StaffMember, text: string, group?: string): string;
  /** Push an earlier message again, as the platform does when an ack got lost. */
  redeliver(messageId: string): void;
  /** Cut the connection without a word (a network drop). */
  drop(): void;
  /** The documented goodbye: SYSTEM disconnect, then the socket closes. */
  disconnect(): void;
  /** A SYSTEM ping; resolves when the client echoed its opaque. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The `media` file of a multipart upload, parsed as the platform would (the Fetch API's own parser). */
async function uploadedFile(req: IncomingMessage, raw: Buffer): Promise<Buffer | undefined> {
  const form = await formOf(req, raw);
  const file = form?.get('media');
  return file instanceof Blob ? Buffer.from(await file.arrayBuffer()) : undefined;
}

export async function startFakeDingtalk(options: { clientId?: string; clientSecret?: string } = {}): Promise<FakeDingtalk> {
  const clientId = options.clientId ?? 'dingfakeclientid';
  const clientSecret = options.clientSecret ?? 'fake-client-secret';
  const tickets = new Set<string>();
  const sessions = new Map<string, string>();
  const tokens = new Set<string>();
  const frames = new Map<string, string>();
  const pings = new Map<string, () => void>();
  const acks = new Map<string, number>();
  const said: RobotLine[] = [];
  /** Pictures uploaded with media/upload, by media_id. */
  const media = new Map<string, Buffer>();
  const opens = { total: 0, refused: 0 };
  let connections = 0;
  let socket: WebSocket | undefined;
  let baseUrl = '';

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    const body = parseJson(raw);
    if (req.method === 'POST' && url.pathname === '/v1.0/gateway/connections/open') {
      opens.total++;
      if (body?.clientId !== clientId || body?.clientSecret !== clientSecret) {
        opens.refused++;
        return sendJson(res, 401, { code: 'InvalidAuthentication', message: '不合法的clientId或clientSecret' });
      }
      const ticket = randomUUID();
      tickets.add(ticket);
      return sendJson(res, 200, { endpoint: `${baseUrl.replace('http', 'ws')}/connect`, ticket });
    }
    if (req.method === 'POST' && url.pathname === '/v1.0/oauth2/accessToken') {
      if (body?.appKey !== clientId || body?.appSecret !== clientSecret) return sendJson(res, 400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
      const token = randomUUID();
      tokens.add(token);
      return sendJson(res, 200, { accessToken: token, expireIn: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/robot/sendBySession') {
      const to = sessions.get(url.searchParams.get('session') ?? '');
      if (!to) return sendJson(res, 200, { errcode: 300001, errmsg: 'session 不存在' });
      said.push({ via: 'session', to, text: body?.text?.content ?? body?.markdown?.text ?? '', at: Date.now() });
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok' });
    }
    if (req.method === 'POST' && (url.pathname === '/v1.0/robot/oToMessages/batchSend' || url.pathname === '/v1.0/robot/groupMessages/send')) {
      if (!tokens.has(String(req.headers['x-acs-dingtalk-access-token']))) return sendJson(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
      const param = JSON.parse(body?.msgParam ?? '{}') as { content?: string; text?: string; photoURL?: string; mediaId?: string; fileName?: string; fileType?: string };
      const image = body?.msgKey === 'sampleImageMsg' ? media.get(param.photoURL ?? '') : undefined;
      if (body?.msgKey === 'sampleImageMsg' && !image) return sendJson(res, 400, { code: 'param.invalid', message: '图片不存在' });
      const uploaded = body?.msgKey === 'sampleFile' ? media.get(param.mediaId ?? '') : undefined;
      if (body?.msgKey === 'sampleFile' && (!uploaded || !param.fileName || !param.fileType)) return sendJson(res, 400, { code: 'param.invalid', message: '文件不存在或缺少 fileName/fileType' });
      const file = uploaded ? { file: { name: param.fileName!, data: uploaded } } : {};
      const group = url.pathname.includes('group');
      const recipients: string[] = group ? [body.openConversationId] : body.userIds;
      for (const to of recipients) said.push({ via: group ? 'groupMessages' : 'oToMessages', to, text: param.content ?? param.text ?? '', at: Date.now(), ...(image ? { image } : {}), ...file });
      return sendJson(res, 200, { processQueryKey: randomUUID() });
    }
    if (req.method === 'POST' && url.pathname === '/media/upload') {
      if (!tokens.has(url.searchParams.get('access_token') ?? '')) return sendJson(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
      const file = await uploadedFile(req, raw);
      const type = url.searchParams.get('type') ?? '';
      if (!file || !['image', 'file'].includes(type)) return sendJson(res, 200, { errcode: 40004, errmsg: '不合法的媒体文件类型' });
      const mediaId = `@lA${randomUUID().replaceAll('-', '')}`;
      media.set(mediaId, file);
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok', media_id: mediaId, type, created_at: Date.now() });
    }
    sendJson(res, 404, { code: 'NotFound' });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, sock, head) => {
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
    if (!tickets.delete(ticket)) {
      sock.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, sock, head, (ws) => {
      connections++;
      socket = ws;
      // Pushes nobody acknowledged come again on the next connection.
      for (const [id, frame] of frames) if (!acks.has(id)) ws.send(frame);
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { code: number; headers: { messageId: string }; data?: string };
        const pong = pings.get(frame.headers.messageId);
        if (pong) return pong();
        if (frame.code === 200 && frames.has(frame.headers.messageId) && !acks.has(frame.headers.messageId)) acks.set(frame.headers.messageId, Date.now());
      });
    });
  });

  const port = await listenLocal(server);
  baseUrl = `http://${loopback}:${port}`;
  const send = (frame: string) => {
    if (socket?.readyState === 1) socket.send(frame);
  };
  const system = (topic: string, data: unknown) => {
    const messageId = randomUUID();
    return { messageId, frame: JSON.stringify({ specVersion: '1.0', type: 'SYSTEM', headers: { topic, messageId, contentType: 'application/json', time: String(Date.now()) }, data: JSON.stringify(data) }) };
  };

  return {
    baseUrl,
    clientId,
    clientSecret,
    opens,
    acks,
    said,
    connections: () => connections,
    connected: () => socket?.readyState === 1,
    say(from, text, group) {
      const messageId = randomUUID();
      const session = randomUUID();
      sessions.set(session, group ?? from.staffId);
      const data = {
        conversationId: group ? `cid-${group}` : `cid-${from.staffId}`,
        conversationType: group ? '2' : '1',
        ...(group ? { conversationTitle: group, isInAtList: true } : {}),
        msgId: `msg-${messageId}`,
        msgtype: 'text',
        // Group messages arrive without the @name, and often with a leading space.
        text: { content: ` ${text}` },
        senderNick: from.nick,
        senderStaffId: from.staffId,
        senderId: `$:LWCP_v1:$${from.staffId}`,
        isAdmin: false,
        robotCode: clientId,
        createAt: Date.now(),
        sessionWebhook: `${baseUrl}/robot/sendBySession?session=${session}`,
        sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
      };
      const frame = JSON.stringify({ specVersion: '1.0', type: 'CALLBACK', headers: { topic: robotTopic, messageId, contentType: 'application/json', time: String(Date.now()) }, data: JSON.stringify(data) });
      frames.set(messageId, frame);
      send(frame);
      return messageId;
    },
    redeliver(messageId) {
      send(frames.get(messageId)!);
    },
    drop() {
      socket?.terminate();
    },
    disconnect() {
      const ws = socket;
      send(system('disconnect', { reason: 'persistent connection is timeout' }).frame);
      setTimeout(() => ws?.close(), 200).unref();
    },
    ping() {
      const { messageId, frame } = system('ping', { opaque: randomUUID() });
      return new Promise((resolve) => {
        pings.set(messageId, resolve);
        send(frame);
      });
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}
