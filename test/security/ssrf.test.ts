/**
 * Issue 9, item 6: a menu link must never become a way into the office's
 * network. Loopback, private, link-local / cloud-metadata, CGNAT and
 * unique-local addresses are refused — as IP literals, through DNS names,
 * through redirects and through a DNS answer that changes between the check
 * and the connect — unless network.allowPrivateAddresses is true.
 *
 * test/http/address-guard.test.ts already proves: blockedRange for every
 * range; the guarded lookup dropping private answers; 127.0.0.1 and
 * ::ffff:127.0.0.1 literals refused with no connection; a `resolve` pin to
 * loopback refused (allowed when private addresses are); a DNS name → metadata
 * refused; a redirect to 169.254.169.254 and to a name → 10.0.0.8 refused; the
 * connected address vetted (unit). This file adds every range on every path.
 *
 * Nothing here can leave the machine, even if the guard regressed: only
 * loopback addresses are ever fetched directly; every other address is
 * "reached" through a loopback CONNECT proxy that records the target and
 * tunnels to a local server, so a refusal that failed shows up as a CONNECT.
 */
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { LookupFunction } from 'node:net';
import net from 'node:net';
import test, { type ExecutionContext } from 'ava';
import { parseConfig } from '../../config/load.ts';
import { createAddressGuard, PRIVATE_ADDRESS_CODE, type AddressGuard } from '../../http/address-guard.ts';
import { createFetcher } from '../../http/fetcher.ts';
import { fetchPolicy } from '../../sweep/sweep-deps.ts';
import { fakeDns, startProxy, startServer, testFetcher, type TestServer } from '../http/helpers.ts';

/** One address per range the issue names, with the ipaddr.js range the refusal must name. */
const INTERNAL: readonly { readonly ip: string; readonly range: string; readonly what: string }[] = [
  { ip: '127.0.0.1', range: 'loopback', what: 'loopback' },
  { ip: '127.255.255.254', range: 'loopback', what: 'loopback, top of 127/8' },
  { ip: '::1', range: 'loopback', what: 'IPv6 loopback' },
  { ip: '10.0.0.1', range: 'private', what: '10/8' },
  { ip: '10.255.255.254', range: 'private', what: '10/8, top' },
  { ip: '172.16.0.1', range: 'private', what: '172.16/12' },
  { ip: '172.31.255.254', range: 'private', what: '172.16/12, top' },
  { ip: '192.168.0.1', range: 'private', what: '192.168/16' },
  { ip: '169.254.169.254', range: 'linkLocal', what: 'cloud metadata (AWS, Alibaba, Tencent…)' },
  { ip: 'fe80::1', range: 'linkLocal', what: 'IPv6 link-local' },
  { ip: 'fd00:ec2::254', range: 'uniqueLocal', what: 'AWS IPv6 metadata' },
  { ip: '100.64.0.1', range: 'carrierGradeNat', what: 'CGNAT 100.64/10' },
  { ip: '100.127.255.254', range: 'carrierGradeNat', what: 'CGNAT, top' },
  { ip: '0.0.0.0', range: 'unspecified', what: 'unspecified (connects to this machine)' },
  { ip: '::ffff:169.254.169.254', range: 'linkLocal', what: 'IPv4-mapped metadata' },
  { ip: '::ffff:10.0.0.1', range: 'private', what: 'IPv4-mapped 10/8' },
];

/** A public answer for names that must be allowed: nothing ever connects to it (the proxy tunnels to loopback). */
const PUBLIC_IP = '61.135.1.1';

const hostOf = (ip: string) => (net.isIPv6(ip) ? `[${ip}]` : ip);
const nameOf = (ip: string) => `x${ip.replace(/[.:]/g, '-')}.evil.example.cn`;

function lookupOnce(guard: AddressGuard, hostname: string, all: boolean) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((resolve) => {
    guard.lookup(hostname, { all }, (error, address) => resolve({ error, address }));
  });
}

/** A server on ::1 as well as 127.0.0.1, when the machine has IPv6 loopback (most do; CI containers sometimes not). */
async function startServerV6(t: ExecutionContext, handler: http.RequestListener): Promise<TestServer | undefined> {
  const server = http.createServer();
  let connections = 0;
  server.on('connection', () => (connections += 1));
  server.on('request', handler);
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => resolve(true));
  });
  if (!listening) {
    t.log('no IPv6 loopback on this machine: the ::1 cases are skipped');
    return undefined;
  }
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as net.AddressInfo).port;
  return { port, url: (path, host = '[::1]') => `http://${host}:${port}${path}`, hits: [], connections: () => connections };
}

test('IP literals in every internal range are refused before anything is sent; allowPrivateAddresses true lets them through', async (t) => {
  const origin = await startServer(t, (_req, res) => res.end('internal data'));
  const proxy = await startProxy(t, origin.port);
  const refusing = testFetcher(t, { allowPrivateAddresses: false, retries: 2 }, { env: { HTTP_PROXY: proxy.url } });
  for (const { ip, range, what } of INTERNAL) {
    const outcome = await refusing.fetch(`http://${hostOf(ip)}/latest/meta-data/`);
    t.like(outcome, { ok: false, error: 'private-address', attempts: 1 }, `${ip} (${what})`);
    if (!outcome.ok) t.true(outcome.detail.endsWith(`is ${range}; refusing to connect`), outcome.detail);
  }
  // The same literals in the other spellings the URL parser accepts.
  for (const spelled of ['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/', 'http://0/', 'http://[::ffff:7f00:1]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://169.254.169.254./']) {
    t.like(await refusing.fetch(spelled), { ok: false, error: 'private-address' }, spelled);
  }
  t.deepEqual([...proxy.connects, ...proxy.requests], [], 'nothing was ever sent to the proxy');
  t.deepEqual(origin.hits, []);

  // The control: the switch is the only thing standing in the way.
  const allowing = testFetcher(t, { allowPrivateAddresses: true }, { env: { HTTP_PROXY: proxy.url } });
  for (const { ip } of INTERNAL) t.like(await allowing.fetch(`http://${hostOf(ip)}/latest/meta-data/`), { ok: true, status: 200 }, ip);
  t.is(proxy.requests.length, INTERNAL.length);
});

test('loopback literals on the direct route (no proxy) never open a connection, IPv6 and IPv4-mapped included', async (t) => {
  const v4 = await startServer(t, (_req, res) => res.end('internal'));
  const v6 = await startServerV6(t, (_req, res) => res.end('internal'));
  const fetcher = testFetcher(t, { allowPrivateAddresses: false });
  const urls = [
    v4.url('/'),
    `http://2130706433:${v4.port}/`,
    `http://0x7f.1:${v4.port}/`,
    `http://127.1:${v4.port}/`,
    `http://0.0.0.0:${v4.port}/`,
    `http://[::ffff:127.0.0.1]:${v4.port}/`,
    ...(v6 ? [v6.url('/'), `http://[0:0:0:0:0:0:0:1]:${v6.port}/`] : []),
  ];
  for (const url of urls) t.like(await fetcher.fetch(url), { ok: false, error: 'private-address', attempts: 1 }, url);
  t.is(v4.connections(), 0);
  t.is(v6?.connections() ?? 0, 0);

  const allowing = testFetcher(t, { allowPrivateAddresses: true });
  t.like(await allowing.fetch(v4.url('/')), { ok: true, status: 200 });
  if (v6) t.like(await allowing.fetch(v6.url('/')), { ok: true, status: 200 });
});

test('DNS names that resolve into any internal range are refused by the lookup the connection uses', async (t) => {
  const names = Object.fromEntries(INTERNAL.map(({ ip }) => [nameOf(ip), [ip]]));
  const guard = createAddressGuard({ allowPrivateAddresses: false, resolve: {}, lookup: fakeDns(names) });
  for (const { ip, range } of INTERNAL) {
    for (const all of [true, false]) {
      const { error } = await lookupOnce(guard, nameOf(ip), all);
      t.is(error?.code, PRIVATE_ADDRESS_CODE, `${nameOf(ip)} → ${ip} (all: ${all})`);
      t.true(error?.message.endsWith(`is ${range}; refusing to connect`), error?.message);
    }
  }
  const open = createAddressGuard({ allowPrivateAddresses: true, resolve: {}, lookup: fakeDns(names) });
  for (const { ip } of INTERNAL) t.deepEqual((await lookupOnce(open, nameOf(ip), true)).address, [{ address: ip, family: net.isIP(ip) }]);
});

test('DNS names that resolve to loopback are refused end to end on the direct route, with no connection opened', async (t) => {
  const v4 = await startServer(t, (_req, res) => res.end('internal'));
  const v6 = await startServerV6(t, (_req, res) => res.end('internal'));
  const lookup = fakeDns({ 'localhost': ['127.0.0.1', '::1'], 'loop.evil.example.cn': ['127.0.0.1'], 'loop6.evil.example.cn': ['::1'], 'loop.evil.example.cn.': ['127.0.0.1'] });
  const fetcher = testFetcher(t, { allowPrivateAddresses: false }, { lookup });
  for (const host of ['localhost', 'loop.evil.example.cn', 'LOOP.evil.example.cn.']) {
    const outcome = await fetcher.fetch(v4.url('/', host));
    t.like(outcome, { ok: false, error: 'private-address' }, host);
  }
  if (v6) t.like(await fetcher.fetch(v6.url('/', 'loop6.evil.example.cn')), { ok: false, error: 'private-address' });
  t.is(v4.connections(), 0);
  t.is(v6?.connections() ?? 0, 0);

  const allowing = testFetcher(t, { allowPrivateAddresses: true }, { lookup });
  t.like(await allowing.fetch(v4.url('/', 'loop.evil.example.cn')), { ok: true, status: 200 });
});

test('DNS names that resolve into any internal range are refused before the proxy is asked (proxied route)', async (t) => {
  const origin = await startServer(t, (_req, res) => res.end('internal data'));
  const proxy = await startProxy(t, origin.port);
  const names: Record<string, string[]> = Object.fromEntries(INTERNAL.map(({ ip }) => [nameOf(ip), [ip]]));
  // One bad answer among good ones refuses the host: the proxy may connect to any of them.
  names['mixed.evil.example.cn'] = [PUBLIC_IP, '10.0.0.8'];
  names['mixed6.evil.example.cn'] = [PUBLIC_IP, 'fd00:ec2::254'];
  const env = { HTTP_PROXY: proxy.url };
  const refusing = testFetcher(t, { allowPrivateAddresses: false }, { lookup: fakeDns(names), env });
  for (const host of Object.keys(names)) {
    t.like(await refusing.fetch(`http://${host}/latest/meta-data/`), { ok: false, error: 'private-address', attempts: 1 }, host);
  }
  t.deepEqual([...proxy.connects, ...proxy.requests], []);

  const allowing = testFetcher(t, { allowPrivateAddresses: true }, { lookup: fakeDns(names), env });
  for (const host of Object.keys(names)) t.like(await allowing.fetch(`http://${host}/`), { ok: true, status: 200 }, host);
  t.is(proxy.requests.length, Object.keys(names).length);
});

test('redirects into any internal range are refused, whether the next hop goes through the proxy or directly', async (t) => {
  // The internal service a redirect aims at; only loopback targets go direct, so a failed refusal lands here.
  const internal = await startServer(t, (_req, res) => res.end('internal data'));
  const targets = [
    ...INTERNAL.map(({ ip }) => `http://${hostOf(ip)}/latest/meta-data/`),
    ...INTERNAL.map(({ ip }) => `http://${nameOf(ip)}/latest/meta-data/`),
    // Direct hops (NO_PROXY below): the literal and a name, both to the internal server.
    internal.url('/direct-literal'),
    internal.url('/direct-name', 'intranet.evil.example.cn'),
  ];
  const origin = await startServer(t, (req, res) => {
    const n = Number(req.url?.slice(1));
    res.writeHead(302, { location: targets[n] }).end();
  });
  const proxy = await startProxy(t, origin.port);
  const names: Record<string, string[]> = {
    'www.zlt.gov.cn': [PUBLIC_IP],
    'intranet.evil.example.cn': ['127.0.0.1'],
    ...Object.fromEntries(INTERNAL.map(({ ip }) => [nameOf(ip), [ip]])),
  };
  const env = { HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1,intranet.evil.example.cn` };
  const fetcher = testFetcher(t, { allowPrivateAddresses: false }, { lookup: fakeDns(names), env });
  for (const [n, target] of targets.entries()) {
    const outcome = await fetcher.fetch(`http://www.zlt.gov.cn/${n}`);
    t.like(outcome, { ok: false, error: 'private-address', finalUrl: new URL(target).href }, target);
    t.is(outcome.chain.length, 1, target);
  }
  t.true(proxy.requests.every((r) => r.startsWith('http://www.zlt.gov.cn/')), proxy.requests.join());
  t.is(origin.hits.length, targets.length);
  t.is(internal.connections(), 0, 'the internal server was never reached');

  // The control: with private addresses allowed, the direct hops do reach the internal server.
  const allowing = testFetcher(t, { allowPrivateAddresses: true }, { lookup: fakeDns(names), env });
  const last = targets.length - 1;
  t.like(await allowing.fetch(`http://www.zlt.gov.cn/${last - 1}`), { ok: true, status: 200 });
  t.like(await allowing.fetch(`http://www.zlt.gov.cn/${last}`), { ok: true, status: 200 });
  t.deepEqual(internal.hits, ['/direct-literal', '/direct-name']);
});

/** A resolver that answers `answers` in turn (the last one forever): a rebinding DNS server. */
function rebindingDns(answers: readonly string[], asked: string[]): LookupFunction {
  let call = 0;
  return (hostname, options, callback) => {
    const address = answers[Math.min(call, answers.length - 1)]!;
    call += 1;
    asked.push(`${hostname} → ${address}`);
    setImmediate(() => {
      if (options.all) callback(null, [{ address, family: net.isIP(address) }]);
      else callback(null, address, net.isIP(address));
    });
  };
}

test('DNS rebinding: each resolution is vetted on its own, so a name that turns private after the check is refused at connect', async (t) => {
  const asked: string[] = [];
  const guard = createAddressGuard({ allowPrivateAddresses: false, resolve: {}, lookup: rebindingDns([PUBLIC_IP, '169.254.169.254'], asked) });
  // The check (what the proxied route does before the proxy is asked): public, passes.
  t.is(await guard.vet(new URL('http://rebind.evil.example.cn/'), true), undefined);
  // The connect (the lookup http.request uses): the answer changed, and it is refused, not reused from the check.
  const { error } = await lookupOnce(guard, 'rebind.evil.example.cn', true);
  t.is(error?.code, PRIVATE_ADDRESS_CODE);
  t.deepEqual(asked, ['rebind.evil.example.cn → 61.135.1.1', 'rebind.evil.example.cn → 169.254.169.254']);
});

test('DNS rebinding end to end: public when the first hop was checked, loopback when the next hop connects, and the connection never lands', async (t) => {
  const internal = await startServer(t, (_req, res) => res.end('internal data'));
  // Port 80 of the name goes through the proxy (checked with a local lookup: answer 1, public);
  // the redirect to the same name on the internal port goes direct (NO_PROXY), resolved again at connect: answer 2, loopback.
  const origin = await startServer(t, (_req, res) => res.writeHead(302, { location: `http://rebind.evil.example.cn:${internal.port}/admin` }).end());
  const proxy = await startProxy(t, origin.port);
  const asked: string[] = [];
  const fetcher = testFetcher(
    t,
    { allowPrivateAddresses: false },
    { lookup: rebindingDns([PUBLIC_IP, '127.0.0.1'], asked), env: { HTTP_PROXY: proxy.url, NO_PROXY: `rebind.evil.example.cn:${internal.port}` } },
  );
  const outcome = await fetcher.fetch('http://rebind.evil.example.cn/');
  t.like(outcome, { ok: false, error: 'private-address', finalUrl: `http://rebind.evil.example.cn:${internal.port}/admin` });
  if (!outcome.ok) t.regex(outcome.detail, /rebind\.evil\.example\.cn → 127\.0\.0\.1 is loopback/);
  t.deepEqual(asked, ['rebind.evil.example.cn → 61.135.1.1', 'rebind.evil.example.cn → 127.0.0.1']);
  t.deepEqual(proxy.requests, ['http://rebind.evil.example.cn/']);
  t.is(internal.connections(), 0);
});

test('private addresses are refused by default: a config that does not mention allowPrivateAddresses gives a refusing fetcher', async (t) => {
  const server = await startServer(t, (_req, res) => res.end('internal'));
  const config = parseConfig('accounts:\n  - { name: 扎兰屯12333, platform: wechat-subscription, menu: [{ type: view, name: 社保, url: "https://rsj.zlt.gov.cn/" }] }\n', 'default.yaml', {});
  t.false(config.network.allowPrivateAddresses);
  const fetcher = createFetcher(fetchPolicy(config), { lookup: fakeDns(), env: {} });
  t.teardown(() => fetcher.close());
  t.like(await fetcher.fetch(server.url('/')), { ok: false, error: 'private-address' });
  t.is(server.connections(), 0);
});
