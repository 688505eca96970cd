import net from 'node:net';
import tls from 'node:tls';

export type ProxyAnswer = { readonly status: number } | { readonly error: string };

/**
 * Sends one request to a proxy (a CONNECT, or a request in absolute form) and
 * reads only its status line: whether the proxy lets us through is all doctor
 * needs, the tunnel or page behind it is not. Credentials in the proxy URL go
 * as Proxy-Authorization, as the fetcher's agents send them.
 */
export function askProxy(proxy: URL, request: { readonly line: string; readonly host: string }, timeoutMs: number): Promise<ProxyAnswer> {
  return new Promise((resolve) => {
    const host = proxy.hostname.replace(/^\[|\]$/g, '');
    const secure = proxy.protocol === 'https:';
    const port = Number(proxy.port || (secure ? 443 : 80));
    const socket = secure ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    let received = '';
    const settle = (answer: ProxyAnswer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => settle({ error: 'ETIMEDOUT' }));
    socket.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code ?? 'ERROR' }));
    socket.on('end', () => settle({ error: 'ECONNRESET' }));
    socket.on(secure ? 'secureConnect' : 'connect', () => {
      const user = decodeURIComponent(proxy.username);
      const authorization = user ? [`Proxy-Authorization: Basic ${Buffer.from(`${user}:${decodeURIComponent(proxy.password)}`).toString('base64')}`] : [];
      socket.write([request.line, `Host: ${request.host}`, ...authorization, 'Connection: close', '', ''].join('\r\n'));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(received)?.[1];
      if (status) settle({ status: Number(status) });
      else if (received.includes('\r\n')) settle({ error: 'not an HTTP proxy' });
    });
  });
}
