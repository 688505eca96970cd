import type { LookupAddress } from 'node:dns';
import test from 'ava';
import { blockedRange, createAddressGuard, PRIVATE_ADDRESS_CODE } from '../../http/address-guard.ts';
import { fakeDns, startProxy, startServer, testFetcher } from './helpers.ts';

test('blockedRange refuses internal ranges and lets public ones through', (t) => {
  const refused: Record<string, string> = {
    '127.0.0.1': 'loopback',
    '127.8.9.10': 'loopback',
    '10.1.2.3': 'private',
    '172.16.0.1': 'private',
    '172.31.255.254': 'private',
    '192.168.1.1': 'private',
    '169.254.169.254': 'linkLocal',
    '100.64.0.1': 'carrierGradeNat',
    '100.127.255.254': 'carrierGradeNat',
    '0.0.0.0': 'unspecified',
    '255.255.255.255': 'broadcast',
    '224.0.0.1': 'multicast',
    '::1': 'loopback',
    '::': 'unspecified',
    'fe80::1': 'linkLocal',
    'fd00:ec2::254': 'uniqueLocal',
    'fc00::1': 'uniqueLocal',
    '::ffff:127.0.0.1': 'loopback',
    '::ffff:169.254.169.254': 'linkLocal',
    '::ffff:10.0.0.1': 'private',
  };
  for (const [address, range] of Object.entries(refused)) t.is(blockedRange(address), range, address);
  for (const address of ['8.8.8.8', '114.114.114.114', '172.32.0.1', '100.128.0.1', '198.18.0.1', '2400:3200::1', '::ffff:8.8.8.8']) {
    t.is(blockedRange(address), undefined, address);
  }
});

function lookupOnce(guard: ReturnType<typeof createAddressGuard>, hostname: string, all: boolean) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((resolve) => {
    guard.lookup(hostname, { all }, (error, address) => resolve({ error, address }));
  });
}

test('the guarded lookup drops refused answers and fails when none is left', async (t) => {
  const guard = createAddressGuard({
    allowPrivateAddresses: false,
    resolve: { 'pinned.zlt.gov.cn': '192.168.0.10' },
    lookup: fakeDns({ 'mixed.zlt.gov.cn': ['10.0.0.5', '61.135.1.1'], 'inside.zlt.gov.cn': ['10.0.0.5', 'fd00::5'] }),
  });
  t.deepEqual(await lookupOnce(guard, 'mixed.zlt.gov.cn', true), { error: null, address: [{ address: '61.135.1.1', family: 4 }] });
  t.deepEqual(await lookupOnce(guard, 'mixed.zlt.gov.cn', false), { error: null, address: '61.135.1.1' });
  for (const name of ['inside.zlt.gov.cn', 'pinned.zlt.gov.cn']) {
    const { error } = await lookupOnce(guard, name, true);
    t.is(error?.code, PRIVATE_ADDRESS_CODE, name);
  }
  t.is((await lookupOnce(guard, 'nowhere.zlt.gov.cn', true)).error?.code, 'ENOTFOUND');
});

test('a `resolve` entry that is not an IP is a programmer error, thrown at once', (t) => {
  t.throws(() => createAddressGuard({ allowPrivateAddresses: true, resolve: { 'rsj.zlt.gov.cn': 'localhost' } }), { instanceOf: TypeError });
});

test('the connected address is vetted too', (t) => {
  const guard = createAddressGuard({ allowPrivateAddresses: false, resolve: {} });
  t.like(guard.vetRemote('::ffff:192.168.1.1'), { error: 'private-address' });
  t.is(guard.vetRemote('61.135.1.1'), undefined);
  t.is(createAddressGuard({ allowPrivateAddresses: true, resolve: {} }).vetRemote('127.0.0.1'), undefined);
});

test('an IP-literal private host is refused without sending anything', async (t) => {
  const server = await startServer(t, (_req, res) => res.end('internal'));
  const fetcher = testFetcher(t, { allowPrivateAddresses: false, retries: 2 });
  const outcome = await fetcher.fetch(server.url('/'));
  t.like(outcome, { ok: false, error: 'private-address', attempts: 1 });
  if (!outcome.ok) t.regex(outcome.detail, /127\.0\.0\.1 is loopback/);
  t.like(await fetcher.fetch(`http://[::ffff:127.0.0.1]:${server.port}/`), { ok: false, error: 'private-address' });
  t.is(server.connections(), 0);
});

test('a name pinned by `resolve` to a private address is refused; allowed when private addresses are', async (t) => {
  const server = await startServer(t, (_req, res) => res.end('internal'));
  const resolve = { 'rsj.zlt.gov.cn': '127.0.0.1' };
  const refused = await testFetcher(t, { allowPrivateAddresses: false, resolve }).fetch(server.url('/', 'rsj.zlt.gov.cn'));
  t.like(refused, { ok: false, error: 'private-address' });
  if (!refused.ok) t.regex(refused.detail, /rsj\.zlt\.gov\.cn → 127\.0\.0\.1 is loopback/);
  t.is(server.connections(), 0);

  const allowed = await testFetcher(t, { allowPrivateAddresses: true, resolve }).fetch(server.url('/', 'rsj.zlt.gov.cn'));
  t.like(allowed, { ok: true, status: 200 });
});

test('a DNS answer pointing at the metadata address is refused, not connected to', async (t) => {
  const lookup = fakeDns({ 'meta.zlt.gov.cn': ['169.254.169.254'] });
  const outcome = await testFetcher(t, { allowPrivateAddresses: false }, { lookup }).fetch('http://meta.zlt.gov.cn/latest/meta-data/');
  t.like(outcome, { ok: false, error: 'private-address' });
  if (!outcome.ok) t.regex(outcome.detail, /169\.254\.169\.254 is linkLocal/);
});

// The first hop must be allowed while the server really is on loopback. A proxy
// makes that possible: the target is checked with a local lookup (a public
// answer here) and the loopback proxy tunnels to the test server.
test('every redirect hop is checked again: public first hop, private second hop refused', async (t) => {
  const origin = await startServer(t, (req, res) => {
    const to = req.url === '/to-metadata' ? 'http://169.254.169.254/latest/meta-data/' : 'http://intranet.zlt.gov.cn/admin';
    res.writeHead(302, { location: to }).end();
  });
  const proxy = await startProxy(t, origin.port);
  const lookup = fakeDns({ 'www.zlt.gov.cn': ['61.135.1.1'], 'intranet.zlt.gov.cn': ['10.0.0.8'] });
  const fetcher = testFetcher(t, { allowPrivateAddresses: false }, { lookup, env: { HTTP_PROXY: proxy.url } });

  const metadata = await fetcher.fetch('http://www.zlt.gov.cn/to-metadata');
  t.like(metadata, { ok: false, error: 'private-address', finalUrl: 'http://169.254.169.254/latest/meta-data/' });
  t.deepEqual(metadata.chain, [{ url: 'http://www.zlt.gov.cn/to-metadata', status: 302, location: 'http://169.254.169.254/latest/meta-data/' }]);

  const intranet = await fetcher.fetch('http://www.zlt.gov.cn/to-intranet');
  t.like(intranet, { ok: false, error: 'private-address' });
  if (!intranet.ok) t.regex(intranet.detail, /intranet\.zlt\.gov\.cn → 10\.0\.0\.8 is private/);

  t.deepEqual(origin.hits, ['/to-metadata', '/to-intranet']);
  t.deepEqual(proxy.requests, ['http://www.zlt.gov.cn/to-metadata', 'http://www.zlt.gov.cn/to-intranet']);
});
