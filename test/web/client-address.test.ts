import test from 'ava';
import { clientAddress } from '../../web/client-address.ts';
import { adminPassword, PageClient, webFor } from '../helpers/web.ts';

test('behind a proxy on this computer the visitor is the address the proxy added last; elsewhere the headers are not believed', (t) => {
  const nginx = { forwardedFor: '198.51.100.9, 203.0.113.7' }; // the visitor claimed 198.51.100.9; nginx appended what it saw
  t.is(clientAddress('127.0.0.1', nginx, true), '203.0.113.7');
  t.is(clientAddress('::ffff:127.0.0.1', nginx, true), '203.0.113.7');
  t.is(clientAddress('::1', { realIp: '203.0.113.8' }, true), '203.0.113.8');
  t.is(clientAddress('127.0.0.1', {}, true), '127.0.0.1', 'a local visitor past the proxy');
  t.is(clientAddress('127.0.0.1', { forwardedFor: 'unknown' }, true), '127.0.0.1', 'not an address');
  t.is(clientAddress('127.0.0.1', nginx, false), '127.0.0.1', 'no proxy configured: the header is the visitor\'s word');
  t.is(clientAddress('192.168.1.20', nginx, true), '192.168.1.20', 'a peer that is not the local proxy');
  t.is(clientAddress(undefined, nginx, true), 'unknown');
});

/** The login form's round trip as the office's nginx forwards it: the visitor's address appended to X-Forwarded-For. */
async function loginVia(client: PageClient, visitor: string, password: string) {
  const proxied = { 'x-forwarded-for': visitor };
  const form = await client.get('/login', proxied);
  return client.post('/login', { csrf: PageClient.csrfIn(form), password }, { origin: client.base, 'sec-fetch-site': 'same-origin', ...proxied });
}

test('behind the reverse proxy one guesser is held back without locking out the admins at other addresses', async (t) => {
  const { server } = await webFor(t, { web: { publicUrl: 'https://menu.zlt.gov.cn' } });
  const guesser = new PageClient(server.url);
  for (let i = 0; i < 5; i++) t.is((await loginVia(guesser, '203.0.113.7', `guess-${i}`)).status, 401);
  t.is((await loginVia(guesser, '203.0.113.7', adminPassword)).status, 429);
  t.is((await loginVia(new PageClient(server.url), '203.0.113.8', adminPassword)).status, 303, 'an admin elsewhere still gets in');
});
