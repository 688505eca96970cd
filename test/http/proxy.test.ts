import https from 'node:https';
import test from 'ava';
import { bypassesProxy, proxyFor } from '../../http/proxy.ts';
import { serverCert, testCa } from './certs.ts';
import { closedPort, fakeDns, startProxy, startServer, testFetcher } from './helpers.ts';

const url = (u: string) => new URL(u);

test('proxyFor: scheme-specific variables, lower case first, scheme added when missing', (t) => {
  const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: '10.0.0.1:3128' };
  t.is(proxyFor(url('https://www.zlt.gov.cn/'), env), 'http://lower:2');
  t.is(proxyFor(url('http://www.zlt.gov.cn/'), env), 'http://10.0.0.1:3128');
  t.is(proxyFor(url('http://www.zlt.gov.cn/'), { HTTPS_PROXY: 'http://p:1' }), undefined);
  t.is(proxyFor(url('http://www.zlt.gov.cn/'), { HTTP_PROXY: '  ' }), undefined);
});

test('NO_PROXY: suffixes, leading dot or *., ports, IPs and *', (t) => {
  const host = url('https://rsj.zlt.gov.cn/menu');
  for (const noProxy of ['zlt.gov.cn', '.zlt.gov.cn', '*.zlt.gov.cn', 'ZLT.gov.cn', 'a.com, rsj.zlt.gov.cn', 'x.cn zlt.gov.cn:443', '*']) {
    t.true(bypassesProxy(host, noProxy), noProxy);
  }
  for (const noProxy of ['notzlt.gov.cn', 'gov', 'zlt.gov.cn:8443', 'mp.weixin.qq.com', '']) {
    t.false(bypassesProxy(host, noProxy), noProxy);
  }
  t.true(bypassesProxy(url('http://10.1.2.3:8080/'), '10.1.2.3'));
  t.true(bypassesProxy(url('http://[::1]:8080/'), '[::1]:8080'));
  t.is(proxyFor(host, { https_proxy: 'http://p:1', no_proxy: 'zlt.gov.cn' }), undefined);
});

test('plain http through a standard forward proxy goes in absolute form, not CONNECT; the private-address check uses a local lookup of the target', async (t) => {
  const origin = await startServer(t, (req, res) => res.end(`hello ${req.headers.host}`));
  const proxy = await startProxy(t, origin.port); // CONNECT to 443 only, like Squid's default
  const fetcher = testFetcher(t, { allowPrivateAddresses: false }, { lookup: fakeDns({ 'rsj.zlt.gov.cn': ['61.135.1.1'] }), env: { HTTP_PROXY: proxy.url } });
  const outcome = await fetcher.fetch('http://rsj.zlt.gov.cn/menu?a=1');
  const onPort = await fetcher.fetch('http://rsj.zlt.gov.cn:8080/query');

  if (!outcome.ok) return t.fail(outcome.detail);
  t.is(outcome.body.toString(), 'hello rsj.zlt.gov.cn');
  t.is(outcome.remoteAddress, undefined, "the socket's peer is the proxy, not the site");
  t.like(onPort, { ok: true, status: 200 }, 'a county site on port 8080 is reached too');
  t.deepEqual(proxy.requests, ['http://rsj.zlt.gov.cn/menu?a=1', 'http://rsj.zlt.gov.cn:8080/query']);
  t.deepEqual(proxy.connects, []);
});

test('a proxy that wants credentials: without them every link is proxy-refused (not the site), with them in the proxy URL it works', async (t) => {
  const origin = await startServer(t, (_req, res) => res.end('政务服务'));
  const ca = await testCa('Proxy Auth CA');
  const leaf = await serverCert('rsj.zlt.gov.cn', ca);
  const secure = await startServer(t, (_req, res) => res.end('tunnelled'), https.createServer({ key: leaf.private, cert: leaf.cert }));
  const plainProxy = await startProxy(t, origin.port, { credentials: 'zlt:p@ss w0rd' });
  const tlsProxy = await startProxy(t, secure.port, { credentials: 'zlt:p@ss w0rd' });

  const anonymous = testFetcher(t, { retries: 2 }, { env: { HTTP_PROXY: plainProxy.url, HTTPS_PROXY: tlsProxy.url } });
  const plain = await anonymous.fetch('http://rsj.zlt.gov.cn/');
  t.like(plain, { ok: false, error: 'proxy-refused', attempts: 1 });
  if (!plain.ok) t.regex(plain.detail, /407 Basic realm="county-proxy"/);
  t.like(await anonymous.fetch('https://rsj.zlt.gov.cn/'), { ok: false, error: 'proxy-refused', attempts: 1 });
  t.deepEqual(origin.hits, [], 'nothing reached the site');

  const env = { HTTP_PROXY: plainProxy.urlWith('zlt:p%40ss%20w0rd'), HTTPS_PROXY: tlsProxy.urlWith('zlt:p%40ss%20w0rd') };
  const signedIn = testFetcher(t, {}, { env, ca: ca.cert });
  t.like(await signedIn.fetch('http://rsj.zlt.gov.cn/'), { ok: true, status: 200 });
  t.like(await signedIn.fetch('https://rsj.zlt.gov.cn/'), { ok: true, status: 200 });
  const basic = `Basic ${Buffer.from('zlt:p@ss w0rd').toString('base64')}`;
  t.is(plainProxy.authorizations.at(-1), basic);
  t.is(tlsProxy.authorizations.at(-1), basic);
});

test('https through a CONNECT proxy keeps certificate checks and TLS info', async (t) => {
  const ca = await testCa('Proxy Test CA');
  const leaf = await serverCert('rsj.zlt.gov.cn', ca);
  const origin = await startServer(t, (_req, res) => res.end('tunnelled'), https.createServer({ key: leaf.private, cert: leaf.cert }));
  const proxy = await startProxy(t, origin.port);
  const env = { https_proxy: proxy.url };

  const trusted = await testFetcher(t, {}, { env, ca: ca.cert }).fetch('https://rsj.zlt.gov.cn/');
  if (!trusted.ok) return t.fail(trusted.detail);
  t.is(trusted.body.toString(), 'tunnelled');
  t.regex(trusted.tls?.issuer ?? '', /Proxy Test CA/);

  const untrusted = await testFetcher(t, {}, { env }).fetch('https://rsj.zlt.gov.cn/');
  t.like(untrusted, { ok: false, error: 'tls-invalid' });
  t.deepEqual(proxy.connects, ['rsj.zlt.gov.cn:443', 'rsj.zlt.gov.cn:443']);
});

test('NO_PROXY hosts bypass the proxy', async (t) => {
  const origin = await startServer(t, (_req, res) => res.end('direct'));
  const proxy = await startProxy(t, origin.port);
  const fetcher = testFetcher(t, { resolve: { 'rsj.zlt.gov.cn': '127.0.0.1' } }, { env: { HTTP_PROXY: proxy.url, NO_PROXY: '.zlt.gov.cn' } });
  const outcome = await fetcher.fetch(origin.url('/', 'rsj.zlt.gov.cn'));
  t.like(outcome, { ok: true, status: 200, remoteAddress: '127.0.0.1' });
  t.deepEqual(proxy.connects, []);
  t.deepEqual(origin.hits, ['/']);
});

test('a proxy that refuses the tunnel (https to a port its policy does not allow) → proxy-refused naming the answer; a proxy nobody listens on too', async (t) => {
  const proxy = await startProxy(t, 9);
  const fetcher = testFetcher(t, {}, { env: { HTTPS_PROXY: proxy.url } });
  const outcome = await fetcher.fetch('https://rsj.zlt.gov.cn:8443/');
  t.like(outcome, { ok: false, error: 'proxy-refused' });
  if (!outcome.ok) t.regex(outcome.detail, /CONNECT with HTTP 403/);
  t.deepEqual(proxy.connects, ['rsj.zlt.gov.cn:8443']);

  const gone = testFetcher(t, {}, { env: { HTTP_PROXY: `http://127.0.0.1:${await closedPort()}` } });
  t.like(await gone.fetch('http://rsj.zlt.gov.cn/'), { ok: false, error: 'proxy-refused' });
});

test('a CONNECT the proxy could not complete (502: the site is down) stays the site\'s connect-failure', async (t) => {
  const proxy = await startProxy(t, 9, { refuse: 502 });
  const outcome = await testFetcher(t, {}, { env: { HTTPS_PROXY: proxy.url } }).fetch('https://rsj.zlt.gov.cn/');
  t.like(outcome, { ok: false, error: 'connect-failure' });
});
