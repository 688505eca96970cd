/**
 * linkinator 7.6.1 on the same unique URL list, through its library API, the
 * way its CLI checks a page of links: one index page linking every URL,
 * `concurrency: 100`, the same timeout. It HEADs each link (GET when HEAD
 * fails) and reads no bodies; its concurrency is not enforced (see the
 * reference notes), which the farm's peak-in-flight figure shows.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LinkChecker, LinkState } from 'linkinator';
import { isBroken } from '../farm/model.ts';
import { measure, peakRssMb, phaseWorld, type PhaseRequest } from './common.ts';
import type { ListResult } from './unrestricted.ts';

export async function linkinatorCheck(request: PhaseRequest): Promise<Omit<ListResult, 'lowerBoundMs' | 'confirmedBoundMs'>> {
  const world = phaseWorld(request);
  const index = `<!DOCTYPE html><html><body>${world.urls.map((url) => `<a href="${url}">x</a>`).join('\n')}</body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(index));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const run = await measure(() => new LinkChecker().check({ path: indexUrl, concurrency: 100, timeout: request.timeoutMs, recurse: false }));
    const links = run.result.links.filter((link) => link.url !== indexUrl);
    const broken = links.filter((link) => link.state === LinkState.BROKEN).length;
    return {
      links: links.length,
      wallMs: run.wallMs,
      cpuS: run.cpuS,
      peakRssMb: peakRssMb(),
      brokenVsTruth: broken - world.model.urls.filter(isBroken).length,
    };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
