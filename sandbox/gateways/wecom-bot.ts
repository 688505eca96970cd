/**
 * A loopback WeCom 智能机器人 long-connection server, written from the
 * documented protocol (official-channels.md §1), not from our client: JSON
 * frames `{cmd, headers:{req_id}, body}`; `aibot_subscribe` {bot_id, secret}
 * answered `{headers:{req_id}, errcode, errmsg}`; `ping` answered the same way;
 * messages pushed as `aibot_msg_callback`; answers by `aibot_respond_msg` on
 * the message's req_id or `aibot_send_msg` to a userid / group chatid, each
 * acknowledged under its req_id; one live connection per bot (a newer one
 * gets the older one a `disconnected_event`).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listenLocal, loopback } from '../listen.ts';

export interface WecomMember {
  readonly userid: string;
}

/** What the robot said: an answer on a message's req_id, or a message it sent on its own. */
export interface WecomBotLine {
  readonly via: 'respond' | 'send';
  /** The userid (one-to-one) or group chatid it went to. */
  readonly to: string;
  readonly text: string;
  readonly at: number;
}

export interface FakeWecomBot {
  readonly wsUrl: string;
  readonly botId: string;
  readonly secret: string;
  /** Every subscribe, and how many were refused for wrong credentials. */
  readonly subscribes: { total: number; refused: number };
  /** Connections that subscribed successfully. */
  readonly connections: () => number;
  readonly connected: () => boolean;
  readonly pings: () => number;
  readonly said: WecomBotLine[];
  /** A member writes to the robot: one-to-one, or with an @ in the group with this chatid. Returns the msgid. */
  say(from: WecomMember, text: string, groupChatId?: string): string;
  /** Push an earlier message again (same msgid and req_id). */
  redeliver(msgid: string): void;
  /** Cut the connection without a word (a network drop). */
  drop(): void;
  /** The live connection stays open but nothing comes back on it any more (a half-open connection behind NAT). */
  mute(): void;
  /** What the platform does when the same bot connects elsewhere: disconnected_event, then close. */
  kick(): void;
  close(): Promise<void>;
}

interface Frame {
  readonly cmd?: string;
  readonly headers?: { readonly req_id?: string };
  readonly body?: Record<string, any>;
}

/** Not documented: any non-zero errcode. These are what the fake says for each refusal. */
const refusedCredentials = { errcode: 40001, errmsg: 'invalid credential' };
const notSubscribed = { errcode: 40014, errmsg: 'not subscribed' };
const unknownRequest = { errcode: 40058, errmsg: 'invalid req_id' };

export async function startFakeWecomBot(options: { botId?: string; secret?: string } = {}): Promise<FakeWecomBot> {
  const botId = options.botId ?? 'aibFAKEbot0001';
  const secret = options.secret ?? 'fake-bot-secret';
  const subscribes = { total: 0, refused: 0 };
  const said: WecomBotLine[] = [];
  /** Pushed messages by msgid: the frame, and where an answer on its req_id goes. */
  const pushed = new Map<string, { frame: string; reqId: string; to: string }>();
  const answerTo = new Map<string, string>();
  let live: WebSocket | undefined;
  const muted = new WeakSet<WebSocket>();
  let connections = 0;
  let pings = 0;

  const server = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    let subscribed = false;
    const ack = (reqId: string | undefined, result: { errcode: number; errmsg: string }) => ws.send(JSON.stringify({ headers: { req_id: reqId ?? '' }, ...result }));
    ws.on('message', (data) => {
      if (muted.has(ws)) return;
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        return;
      }
      const reqId = frame.headers?.req_id;
      if (frame.cmd === 'aibot_subscribe') {
        subscribes.total++;
        if (frame.body?.bot_id !== botId || frame.body?.secret !== secret) {
          subscribes.refused++;
          ack(reqId, refusedCredentials);
          ws.close();
          return;
        }
        subscribed = true;
        connections++;
        const previous = live;
        live = ws;
        if (previous && previous.readyState === 1) kickOut(previous);
        ack(reqId, { errcode: 0, errmsg: 'ok' });
        return;
      }
      if (!subscribed) return ack(reqId, notSubscribed);
      if (frame.cmd === 'ping') {
        pings++;
        return ack(reqId, { errcode: 0, errmsg: 'ok' });
      }
      if (frame.cmd === 'aibot_respond_msg') {
        const to = answerTo.get(reqId ?? '');
        if (!to) return ack(reqId, unknownRequest);
        const body = frame.body ?? {};
        said.push({ via: 'respond', to, text: String(body.stream?.content ?? body.text?.content ?? body.markdown?.content ?? ''), at: Date.now() });
        return ack(reqId, { errcode: 0, errmsg: 'ok' });
      }
      if (frame.cmd === 'aibot_send_msg') {
        const body = frame.body ?? {};
        said.push({ via: 'send', to: String(body.chatid ?? ''), text: String(body.markdown?.content ?? ''), at: Date.now() });
        return ack(reqId, { errcode: 0, errmsg: 'ok' });
      }
    });
    ws.on('close', () => {
      if (live === ws) live = undefined;
    });
  });

  function kickOut(ws: WebSocket): void {
    const event = { msgid: randomUUID(), create_time: Math.floor(Date.now() / 1000), aibotid: botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } };
    ws.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: randomUUID() }, body: event }));
    setTimeout(() => ws.close(), 100).unref();
  }

  const port = await listenLocal(server);
  const send = (frame: string) => {
    if (live?.readyState === 1) live.send(frame);
  };

  return {
    wsUrl: `ws://${loopback}:${port}`,
    botId,
    secret,
    subscribes,
    said,
    connections: () => connections,
    connected: () => live?.readyState === 1,
    pings: () => pings,
    say(from, text, groupChatId) {
      const msgid = randomUUID().replaceAll('-', '');
      const reqId = randomUUID();
      const body = {
        msgid,
        aibotid: botId,
        ...(groupChatId ? { chatid: groupChatId } : {}),
        chattype: groupChatId ? 'group' : 'single',
        from: { userid: from.userid },
        create_time: Math.floor(Date.now() / 1000),
        msgtype: 'text',
        // In a group the text starts with the @ of the robot's name.
        text: { content: groupChatId ? `@菜单巡检 ${text}` : text },
      };
      const frame = JSON.stringify({ cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body });
      const to = groupChatId ?? from.userid;
      pushed.set(msgid, { frame, reqId, to });
      answerTo.set(reqId, to);
      send(frame);
      return msgid;
    },
    redeliver(msgid) {
      send(pushed.get(msgid)!.frame);
    },
    drop() {
      live?.terminate();
    },
    mute() {
      if (live) muted.add(live);
    },
    kick() {
      if (live) kickOut(live);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}
