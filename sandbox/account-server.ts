import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { aesKey, decryptMessage, encryptMessage, msgSignature, signature } from '../wechat/push-crypto.ts';

/**
 * A government account's own developer server, as the sandbox plays it: it
 * verifies WeChat's signature, decrypts in safe/compat mode, and answers each
 * menu key the way a real (sometimes broken) server would.
 */

export type ReplyBehaviour =
  | { readonly kind: 'text'; readonly content: string; readonly delayMs?: number }
  | { readonly kind: 'news'; readonly articles: readonly { title: string; url: string }[] }
  | { readonly kind: 'success' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'json' }
  | { readonly kind: 'huge'; readonly bytes: number }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'bad-signature' };

export interface AccountServerOptions {
  readonly token: string;
  readonly mode: 'plain' | 'compat' | 'safe';
  readonly encodingAESKey?: string;
  readonly appId?: string;
  /** The account's 原始ID: a push addressed to another account is not this server's (a 第三方平台 routes by it). */
  readonly originalId?: string;
  readonly replies: Readonly<Record<string, ReplyBehaviour>>;
}

export interface AccountServer {
  readonly url: string;
  /** Every push received: its path, its query and the decrypted event XML. */
  readonly pushes: { path: string; query: Record<string, string>; event: string }[];
  setReply(key: string, behaviour: ReplyBehaviour): void;
  close(): Promise<void>;
}

const parser = new XMLParser({ parseTagValue: false });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function replyXml(behaviour: ReplyBehaviour, to: string, from: string): string {
  const head = `<ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>`;
  if (behaviour.kind === 'news') {
    const items = behaviour.articles
      .map((a) => `<item><Title><![CDATA[${a.title}]]></Title><Description><![CDATA[]]></Description><PicUrl><![CDATA[]]></PicUrl><Url><![CDATA[${a.url}]]></Url></item>`)
      .join('');
    return `<xml>${head}<MsgType><![CDATA[news]]></MsgType><ArticleCount>${behaviour.articles.length}</ArticleCount><Articles>${items}</Articles></xml>`;
  }
  const content = behaviour.kind === 'text' ? behaviour.content : '';
  return `<xml>${head}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;
}

export async function startAccountServer(options: AccountServerOptions): Promise<AccountServer> {
  const replies = new Map(Object.entries(options.replies));
  const pushes: AccountServer['pushes'] = [];
  const key = options.mode === 'plain' ? undefined : aesKey(options.encodingAESKey ?? '');
  const hanging = new Set<import('node:http').ServerResponse>();

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const body = await readBody(req);
    if (query.signature !== signature(options.token, query.timestamp ?? '', query.nonce ?? '')) {
      res.writeHead(401).end('invalid signature');
      return;
    }
    let eventXml = body;
    if (key && query.encrypt_type === 'aes') {
      const encrypted = String((parser.parse(body) as { xml?: { Encrypt?: string } }).xml?.Encrypt ?? '');
      if (query.msg_signature !== msgSignature(options.token, query.timestamp ?? '', query.nonce ?? '', encrypted)) {
        res.writeHead(401).end('invalid msg_signature');
        return;
      }
      eventXml = decryptMessage(encrypted, key).message;
    }
    pushes.push({ path: url.pathname, query, event: eventXml });
    const event = (parser.parse(eventXml) as { xml: Record<string, string> }).xml;
    if (options.originalId && event.ToUserName !== options.originalId) {
      res.writeHead(404).end('unknown account');
      return;
    }
    const behaviour = replies.get(String(event.EventKey)) ?? { kind: 'success' };

    switch (behaviour.kind) {
      case 'hang':
        hanging.add(res);
        return;
      case 'json':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"reply":"您好"}');
        return;
      case 'huge':
        res.writeHead(200, { 'content-type': 'text/xml' }).end(Buffer.alloc(behaviour.bytes, 'x'));
        return;
      case 'status':
        res.writeHead(behaviour.status).end('Internal Server Error');
        return;
      case 'success':
        res.end('success');
        return;
      case 'empty':
        res.end('');
        return;
      default:
        break;
    }
    if (behaviour.kind === 'text' && behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    const plain = replyXml(behaviour, event.FromUserName ?? '', event.ToUserName ?? '');
    if (!key || query.encrypt_type !== 'aes') {
      res.writeHead(200, { 'content-type': 'text/xml' }).end(plain);
      return;
    }
    const encrypted = encryptMessage(plain, options.appId ?? '', key);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '1320562132';
    const sig = behaviour.kind === 'bad-signature' ? '0'.repeat(40) : msgSignature(options.token, timestamp, nonce, encrypted);
    res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(`<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt><MsgSignature><![CDATA[${sig}]]></MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/wx`,
    pushes,
    setReply: (k, b) => replies.set(k, b),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
