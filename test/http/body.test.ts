import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import test from 'ava';
import { startServer, testFetcher } from './helpers.ts';

const MiB = 1024 * 1024;

/** `total` zero bytes, produced lazily; `produced()` tells how many were pulled. */
function zeros(total: number): { stream: Readable; produced: () => number } {
  const chunk = Buffer.alloc(64 * 1024);
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= total) return void this.push(null);
      produced += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, produced: () => produced };
}

/** Serves `total` zeros through `compress`, streamed: the bomb is never built in memory. */
async function bombServer(t: Parameters<typeof startServer>[0], encoding: string, compress: () => zlib.Gzip | zlib.BrotliCompress, total: number) {
  const sources: ReturnType<typeof zeros>[] = [];
  const server = await startServer(t, (_req, res) => {
    const source = zeros(total);
    sources.push(source);
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding });
    const compressor = compress();
    source.stream.pipe(compressor).pipe(res);
    res.on('close', () => {
      source.stream.destroy();
      compressor.destroy();
    });
  });
  return { server, produced: () => sources[0]?.produced() ?? 0 };
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

test.serial('a 1 GiB gzip bomb is cut at maxBodyBytes with bounded memory', async (t) => {
  const GiB = 1024 * MiB;
  const { server, produced } = await bombServer(t, 'gzip', () => zlib.createGzip({ level: 1 }), GiB);
  const before = memory();
  const outcome = await testFetcher(t, { maxBodyBytes: MiB, timeoutMs: 20_000 }).fetch(server.url('/bomb'));
  const grew = memory() - before;

  if (!outcome.ok) return t.fail(outcome.detail);
  t.true(outcome.truncated);
  t.is(outcome.body.length, MiB);
  t.true(outcome.body.every((b) => b === 0));
  t.true(produced() < 64 * MiB, `server inflated only ${Math.round(produced() / MiB)} MiB of the 1 GiB before we stopped`);
  t.true(grew < 200 * MiB, `memory grew ${Math.round(grew / MiB)} MiB`);
});

test.serial('a brotli bomb is cut the same way', async (t) => {
  const { server, produced } = await bombServer(
    t,
    'br',
    () => zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } }),
    256 * MiB,
  );
  const outcome = await testFetcher(t, { maxBodyBytes: 512 * 1024, timeoutMs: 20_000 }).fetch(server.url('/bomb'));
  t.like(outcome, { ok: true, truncated: true });
  if (outcome.ok) t.is(outcome.body.length, 512 * 1024);
  t.true(produced() < 64 * MiB);
});

test.serial('an endless body is cut at maxBodyBytes', async (t) => {
  let written = 0;
  const server = await startServer(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) written += chunk.length;
    };
    res.on('drain', pump);
    pump();
  });
  const outcome = await testFetcher(t, { maxBodyBytes: 256 * 1024 }).fetch(server.url('/forever'));
  t.like(outcome, { ok: true, status: 200, truncated: true });
  if (outcome.ok) t.is(outcome.body.length, 256 * 1024);
  t.true(written < 64 * MiB);
});

test('a body of exactly maxBodyBytes is not truncated; gzip is decoded', async (t) => {
  const page = Buffer.from('<html><body>'.padEnd(4096, 'x'));
  const server = await startServer(t, (req, res) => {
    if (req.url === '/gz') res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(page));
    else res.end(page);
  });
  const fetcher = testFetcher(t, { maxBodyBytes: page.length });
  const [plain, gz] = await Promise.all([fetcher.fetch(server.url('/plain')), fetcher.fetch(server.url('/gz'))]);
  for (const outcome of [plain, gz]) {
    if (!outcome.ok) return t.fail(outcome.detail);
    t.false(outcome.truncated);
    t.true(outcome.body.equals(page));
  }
});

test('a body that claims gzip but is not is connect-failure with the reason', async (t) => {
  const server = await startServer(t, (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('plain text, not gzip'));
  const outcome = await testFetcher(t).fetch(server.url('/'));
  t.like(outcome, { ok: false, error: 'connect-failure' });
  if (!outcome.ok) t.regex(outcome.detail, /undecodable compressed body/);
});
