import type { Socket } from 'node:net';
import test from 'ava';
import { startServer, testFetcher } from './helpers.ts';

/**
 * A server that keeps connections alive but drops the second request on any of them without an answer: what a
 * client meets when the server closes an idle kept-alive socket just as the client reuses it (nginx, Apache and
 * Node close idle sockets after a few seconds; on a busy machine our reuse can land in that moment).
 */
async function closesIdleSockets(t: Parameters<typeof startServer>[0]) {
  const served = new WeakMap<Socket, number>();
  return startServer(t, (req, res) => {
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    if (n > 1) return void req.socket.destroy();
    res.writeHead(200, { 'content-type': 'text/plain', connection: 'keep-alive' }).end('fine');
  });
}

test('a kept-alive socket the server closed is not the site failing: the request goes again on a new socket, not as a retry', async (t) => {
  const server = await closesIdleSockets(t);
  const fetcher = testFetcher(t, { retries: 0, perHostConcurrency: 1 });
  t.like(await fetcher.fetch(server.url('/a')), { ok: true, status: 200, attempts: 1 });
  t.like(await fetcher.fetch(server.url('/b')), { ok: true, status: 200, attempts: 1 });
  t.deepEqual(server.hits, ['/a', '/b', '/b'], 'the second request reached the server twice: on the reused socket, then a new one');
  t.is(server.connections(), 2);
  t.like(fetcher.stats()[`127.0.0.1:${server.port}`], { retries: 0 });
});

test('a reset on a new socket is the site failing, and is not sent again', async (t) => {
  const server = await startServer(t, (req) => req.socket.destroy());
  const outcome = await testFetcher(t, { retries: 0 }).fetch(server.url('/reset'));
  t.like(outcome, { ok: false, error: 'connect-failure', attempts: 1 });
  t.deepEqual(server.hits, ['/reset']);
});
