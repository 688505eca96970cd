/**
 * The county office's forward proxy, as its intranet has one: plain http is
 * forwarded when it arrives in absolute form (RFC 7230 §5.3.2), https is
 * tunnelled with CONNECT but, as in Squid's default policy, only to port 443
 * (RFC 7231 §4.3.6), and nothing passes without the office's credentials
 * (407 with Proxy-Authenticate, RFC 7235). Every sandbox host is on loopback,
 * so the proxy reaches a site on 127.0.0.1 at the port in its address.
 */
import http from 'node:http';
import net from 'node:net';
import { closeServer, listenLocal, loopback } from './listen.ts';

export interface OfficeProxy {
  /** `http://127.0.0.1:port`, no credentials: what an office that forgot them configures. */
  readonly url: string;
  /** The same with the office's `user:password@`. */
  readonly urlWithCredentials: string;
  close(): Promise<void>;
}

const user = 'zlt-office';
const password = 'proxy-pass';

export async function startOfficeProxy(): Promise<OfficeProxy> {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    if (req.headers['proxy-authorization'] !== expected) return res.writeHead(407, { 'proxy-authenticate': 'Basic realm="zlt-office-proxy"' }).end();
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      return res.writeHead(400).end();
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !name.startsWith('proxy-')));
    const upstream = http.request({ host: loopback, port: Number(target.port || 80), method: req.method, path: target.pathname + target.search, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.headersSent || res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => {});
    if (req.headers['proxy-authorization'] !== expected) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="zlt-office-proxy"\r\n\r\n');
    const port = Number(req.url?.split(':').pop());
    if (port !== 443) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = net.connect(port, loopback, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  const port = await listenLocal(server);
  return {
    url: `http://${loopback}:${port}`,
    urlWithCredentials: `http://${user}:${password}@${loopback}:${port}`,
    close: () => closeServer(server),
  };
}
