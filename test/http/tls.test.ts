import https from 'node:https';
import test from 'ava';
import { serverCert, testCa, type Pems } from './certs.ts';
import { startServer, testFetcher } from './helpers.ts';

const DAY = 86_400_000;
const HOST = 'secure.zlt.gov.cn';
const resolve = { [HOST]: '127.0.0.1', 'other.zlt.gov.cn': '127.0.0.1' };

const ca = await testCa('Menu Patrol Test CA');

async function tlsServer(t: Parameters<typeof startServer>[0], pems: Pems) {
  return startServer(t, (_req, res) => res.end('secure'), https.createServer({ key: pems.private, cert: pems.cert }));
}

test('a valid certificate from a trusted CA → ok with validTo, daysLeft and issuer', async (t) => {
  const server = await tlsServer(t, await serverCert(HOST, ca));
  const outcome = await testFetcher(t, { resolve }, { ca: ca.cert }).fetch(server.url('/', HOST));

  if (!outcome.ok) return t.fail(outcome.detail);
  t.is(outcome.body.toString(), 'secure');
  t.true(outcome.tls !== undefined && outcome.tls.daysLeft >= 29 && outcome.tls.daysLeft <= 30, JSON.stringify(outcome.tls));
  t.regex(outcome.tls?.issuer ?? '', /Menu Patrol Test CA/);
  t.true(Math.abs(Date.parse(outcome.tls?.validTo ?? '') - (Date.now() + 30 * DAY)) < 2 * DAY);
});

test('a self-signed certificate → tls-invalid, not retried', async (t) => {
  const server = await tlsServer(t, await serverCert(HOST, undefined));
  const outcome = await testFetcher(t, { resolve, retries: 2 }, { ca: ca.cert }).fetch(server.url('/', HOST));
  t.like(outcome, { ok: false, error: 'tls-invalid', attempts: 1 });
  if (!outcome.ok) t.regex(outcome.detail, /self[- ]signed.*DEPTH_ZERO_SELF_SIGNED_CERT/);
});

test('an expired certificate → tls-invalid saying so', async (t) => {
  const server = await tlsServer(t, await serverCert(HOST, ca, -400, -2));
  const outcome = await testFetcher(t, { resolve }, { ca: ca.cert }).fetch(server.url('/', HOST));
  t.like(outcome, { ok: false, error: 'tls-invalid' });
  if (!outcome.ok) t.regex(outcome.detail, /expired.*CERT_HAS_EXPIRED/);
});

test('a certificate for another name → tls-invalid (altname)', async (t) => {
  const server = await tlsServer(t, await serverCert('other.zlt.gov.cn', ca));
  const outcome = await testFetcher(t, { resolve }, { ca: ca.cert }).fetch(server.url('/', HOST));
  t.like(outcome, { ok: false, error: 'tls-invalid' });
  if (!outcome.ok) t.regex(outcome.detail, /ERR_TLS_CERT_ALTNAME_INVALID/);
});

test('without the CA passed in, the default store does not trust the test CA', async (t) => {
  const server = await tlsServer(t, await serverCert(HOST, ca));
  const outcome = await testFetcher(t, { resolve }).fetch(server.url('/', HOST));
  t.like(outcome, { ok: false, error: 'tls-invalid' });
  if (!outcome.ok) t.regex(outcome.detail, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
});
