import test from 'ava';
import { startOfficeProxy } from '../../sandbox/office-proxy.ts';
import { startServer, testFetcher } from '../http/helpers.ts';

test('the demo office proxy: credentials required, plain http forwarded in absolute form, CONNECT only to 443', async (t) => {
  const site = await startServer(t, (_req, res) => res.end('扎兰屯市医疗保障局'));
  const proxy = await startOfficeProxy();
  t.teardown(() => proxy.close());
  const through = (url: string) => testFetcher(t, {}, { env: { HTTP_PROXY: url, HTTPS_PROXY: url } });

  t.like(await through(proxy.url).fetch(site.url('/zcjd/')), { ok: false, error: 'proxy-refused' });
  const ok = await through(proxy.urlWithCredentials).fetch(site.url('/zcjd/'));
  t.like(ok, { ok: true, status: 200 });
  t.like(await through(proxy.urlWithCredentials).fetch(`https://127.0.0.1:${site.port}/`), { ok: false, error: 'proxy-refused' });
  t.deepEqual(site.hits, ['/zcjd/']);
});
