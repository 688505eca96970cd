/**
 * Listening on loopback only: the sandbox must never be reachable from, or
 * reach, anything but this machine.
 */
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';

export const loopback = '127.0.0.1';

/** Listens on 127.0.0.1 (port 0 = any free port) and returns the port. */
export function listenLocal(server: Server | HttpServer, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, loopback, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(address.port);
    });
  });
}

export function closeServer(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Held-open requests (a hanging API call, a keep-alive client) would keep close() waiting.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

/** A port that was free a moment ago and has nothing listening now: connecting to it is refused. */
export async function reservePort(): Promise<number> {
  const server = createServer();
  const port = await listenLocal(server);
  await closeServer(server);
  return port;
}
