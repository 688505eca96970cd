import https from 'node:https';
import test from 'ava';
import { bypassesProxy, proxyFor } from '../../http/proxy.ts';
import { serverCert, testCa } from './certs.ts';
import { fakeDns, startProxy, startServer, testFetcher } from './helpers.ts';

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

test('http through a CONNECT proxy; the private-address check uses a local lookup of the target', async (t) => {
  const origin = await startServer(t, (req, res) => res.end(`hello ${req.headers.host}`));
  const proxy = await startProxy(t, origin.port);
  const fetcher = testFetcher(t, { allowPrivateAddresses: false }, { lookup: fakeDns({ 'rsj.zlt.gov.cn': ['61.135.1.1'] }), env: { HTTP_PROXY: proxy.url } });
  const outcome = await fetcher.fetch('http://rsj.zlt.gov.cn/menu');

  if (!outcome.ok) return t.fail(outcome.detail);
  t.is(outcome.body.toString(), 'hello rsj.zlt.gov.cn');
  t.is(outcome.remoteAddress, undefined, "the socket's peer is the proxy, not the site");
  t.deepEqual(proxy.connects, ['rsj.zlt.gov.cn:80']);
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

test('a proxy that refuses the tunnel → connect-failure naming the proxy answer', async (t) => {
  const proxy = await startProxy(t, 9, 403);
  const fetcher = testFetcher(t, {}, { env: { HTTP_PROXY: proxy.url } });
  const outcome = await fetcher.fetch('http://rsj.zlt.gov.cn/');
  t.like(outcome, { ok: false, error: 'connect-failure' });
  if (!outcome.ok) t.regex(outcome.detail, /403/);
});
